"""Backprop agrees with central differences on many networks, and the check has teeth."""
import numpy as np
import pytest

import bplib
from bplib import Network, numerical_gradient, relative_error

ACTS = sorted(bplib.ACTIVATIONS)


def random_architectures(count=20, seed=2024):
    rng = np.random.default_rng(seed)
    archs = []
    for _ in range(count):
        depth = int(rng.integers(1, 5))  # number of weight layers, 1..4
        archs.append([int(n) for n in rng.integers(1, 11, size=depth + 1)])
    return archs


ARCHS = random_architectures()


def test_architectures_span_the_required_range():
    depths = {len(a) - 1 for a in ARCHS}
    widths = {n for a in ARCHS for n in a}
    assert depths == {1, 2, 3, 4}
    assert min(widths) == 1 and max(widths) == 10


def make_case(sizes, act, cost, m, seed):
    """A network whose hidden layers use ``act``; the output layer uses ``act`` too
    under the quadratic cost, and sigmoid under cross-entropy (which needs (0, 1))."""
    L = len(sizes) - 1
    out = act if cost == "quadratic" else "sigmoid"
    net = Network(sizes, [act] * (L - 1) + [out], cost, seed=seed)
    rng = np.random.default_rng(seed + 1)
    for l in range(1, L + 1):
        net.b[l] = rng.normal(0, 0.5, net.b[l].shape)
    x = rng.normal(0, 1, (sizes[0], m))
    y = rng.uniform(0.05, 0.95, (sizes[-1], m))
    return net, x, y


@pytest.mark.parametrize("m", [1, 17])
@pytest.mark.parametrize("cost", ["quadratic", "cross_entropy"])
@pytest.mark.parametrize("act", ACTS)
def test_backprop_matches_central_differences(act, cost, m):
    worst = 0.0
    for i, sizes in enumerate(ARCHS):
        net, x, y = make_case(sizes, act, cost, m, seed=i)
        err = relative_error(net.gradient(x, y), numerical_gradient(net, x, y))
        worst = max(worst, err)
        assert err < 1e-7, (sizes, act, cost, m, err)
    print(f"{act}/{cost}/m={m}: worst relative error {worst:.1e}")


def test_relu_hidden_sigmoid_output():
    net = Network([3, 5, 4, 2], ["relu", "relu", "sigmoid"], "cross_entropy", seed=3)
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(3, 9)), rng.uniform(size=(2, 9))
    assert relative_error(net.gradient(x, y), numerical_gradient(net, x, y)) < 1e-7


def test_batch_gradient_is_the_mean_of_per_example_gradients():
    net, x, y = make_case([4, 6, 3, 2], "tanh", "quadratic", 17, seed=5)
    batch = net.gradient(x, y)
    singles = [net.gradient(x[:, [i]], y[:, [i]]) for i in range(17)]
    for l in range(1, net.L + 1):
        np.testing.assert_allclose(batch.nabla_w[l],
                                   np.mean([g.nabla_w[l] for g in singles], axis=0),
                                   rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(batch.nabla_b[l],
                                   np.mean([g.nabla_b[l] for g in singles], axis=0),
                                   rtol=1e-12, atol=1e-15)
        # the deltas are per example: column i is example i's delta
        np.testing.assert_allclose(batch.delta[l],
                                   np.hstack([g.delta[l] for g in singles]), rtol=1e-12)


def test_gradient_shapes_follow_the_parameters():
    net = Network([3, 7, 2], seed=0)
    g = net.gradient(np.ones((3, 4)), np.zeros((2, 4)))
    assert g.nabla_w[0] is None and g.nabla_b[0] is None and g.delta[0] is None
    for l in (1, 2):
        assert g.nabla_w[l].shape == net.w[l].shape
        assert g.nabla_b[l].shape == net.b[l].shape
        assert g.delta[l].shape == (net.sizes[l], 4)


def test_numerical_gradient_leaves_the_network_unchanged():
    net, x, y = make_case([3, 4, 2], "sigmoid", "quadratic", 5, seed=1)
    before = [p.copy() for _, _, p in net.params()]
    numerical_gradient(net, x, y)
    for old, (_, _, new) in zip(before, net.params()):
        np.testing.assert_array_equal(old, new)


# The check must fail on wrong backprops: each breaks one equation.
def backward_without_sigma_prime(net, fp, y):
    g = Network.backward(net, fp, y)
    L = net.L
    g.delta[L] = fp.a[L] - y  # BP1 missing sigma'(z) under the quadratic cost
    for l in range(L - 1, 0, -1):
        g.delta[l] = (net.w[l + 1].T @ g.delta[l + 1]) * net.act[l].prime(fp.z[l])
    m = y.shape[1]
    g.nabla_w = [None] + [g.delta[l] @ fp.a[l - 1].T / m for l in range(1, L + 1)]
    g.nabla_b = [None] + [g.delta[l].mean(axis=1, keepdims=True) for l in range(1, L + 1)]
    return g


def backward_sigma_prime_of_a(net, fp, y):
    L, m = net.L, y.shape[1]
    delta = [None] * (L + 1)
    delta[L] = (fp.a[L] - y) * net.act[L].prime(fp.a[L])  # sigma'(a) instead of sigma'(z)
    for l in range(L - 1, 0, -1):
        delta[l] = (net.w[l + 1].T @ delta[l + 1]) * net.act[l].prime(fp.a[l])
    return bplib.Gradients(delta,
                           [None] + [delta[l] @ fp.a[l - 1].T / m for l in range(1, L + 1)],
                           [None] + [delta[l].mean(axis=1, keepdims=True) for l in range(1, L + 1)])


def backward_summed(net, fp, y):
    g = Network.backward(net, fp, y)
    m = y.shape[1]
    g.nabla_w = [None] + [gw * m for gw in g.nabla_w[1:]]  # summed, not averaged
    g.nabla_b = [None] + [gb * m for gb in g.nabla_b[1:]]
    return g


@pytest.mark.parametrize("wrong", [backward_without_sigma_prime, backward_sigma_prime_of_a,
                                   backward_summed])
def test_gradient_check_rejects_wrong_backprop(wrong):
    net, x, y = make_case([3, 4, 2], "sigmoid", "quadratic", 6, seed=7)
    assert relative_error(wrong(net, net.forward(x), y), numerical_gradient(net, x, y)) > 1e-2


def test_relative_error():
    a = np.array([1.0, 2.0, 3.0])
    assert relative_error(a, a) == 0.0
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_error(a, -a) == pytest.approx(1.0)
    u, v = np.concatenate([a, a]), np.concatenate([a, a * 1.001])
    assert relative_error([None, a, a], [None, a, a * 1.001]) == pytest.approx(
        np.linalg.norm(u - v) / (np.linalg.norm(u) + np.linalg.norm(v)), rel=1e-12)
    with pytest.raises(ValueError, match="different sizes .3 and 4 numbers"):
        relative_error(a, np.ones(4))


def test_relative_error_refuses_a_column_against_a_row():
    """(3, 1) against (1, 3) used to be flattened and compared entry by entry."""
    with pytest.raises(ValueError, match=r"different shapes, \(3, 1\) and \(1, 3\)"):
        relative_error(np.zeros((3, 1)), np.ones((1, 3)))
    with pytest.raises(ValueError, match=r"\[\(2, 2\), \(2, 1\)\] and \[\(2, 2\), \(1, 2\)\]"):
        relative_error([np.eye(2), np.ones((2, 1))], [np.eye(2), np.ones((1, 2))])
    # a flattened vector against the same numbers laid out: still allowed
    g = [np.eye(2), np.ones((2, 1))]
    assert relative_error(g, np.r_[np.eye(2).ravel(), 1.0, 1.0]) == 0.0
