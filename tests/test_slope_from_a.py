"""sigma'(z) taken from the activations a = sigma(z) (a speed-up): the same bits as from z,
and only where a is known to be exactly sigma(z)."""
import numpy as np
import pytest

import bplib
from bplib import ForwardPass, Network
from bplib.activations import relu, sigmoid, tanh

Z = np.concatenate([np.linspace(-40, 40, 8001), [-800.0, -0.0, 0.0, 1e-300, 800.0,
                                                 np.inf, -np.inf, np.nan]])


@pytest.mark.parametrize("act", [sigmoid, tanh, relu])
def test_the_slope_from_a_has_the_bits_of_the_slope_from_z(act):
    from_z = act.prime(Z)
    from_a = act.slope(Z, act(Z))
    assert np.array_equal(from_z, from_a, equal_nan=True)
    assert np.array_equal(act.slope(Z), from_z, equal_nan=True)


def backward_from_z(net, fp, y):
    """BP1-BP4 written out with sigma'(z), as the textbook has them."""
    L, m = net.L, fp.a[0].shape[1]
    delta = [None] * (L + 1)
    if net.cost.name == "cross_entropy" and net.act[L] is sigmoid:
        delta[L] = fp.a[L] - y
    else:
        delta[L] = net.cost.grad_a(fp.a[L], y) * net.act[L].prime(fp.z[L])
    for l in range(L - 1, 0, -1):
        delta[l] = (net.w[l + 1].T @ delta[l + 1]) * net.act[l].prime(fp.z[l])
    return ([None] + [delta[l] @ fp.a[l - 1].T / m for l in range(1, L + 1)],
            [None] + [delta[l].sum(axis=1, keepdims=True) / m for l in range(1, L + 1)])


@pytest.mark.parametrize("acts,cost", [("sigmoid", "quadratic"), ("tanh", "quadratic"),
                                       ("sigmoid", "cross_entropy"),
                                       (["tanh", "relu", "sigmoid"], "quadratic")])
def test_backward_and_train_have_the_bits_of_the_textbook_equations(acts, cost):
    rng = np.random.default_rng(3)
    net = Network([5, 7, 6, 3], acts, cost, seed=4)
    x, y = 3 * rng.standard_normal((5, 40)), rng.random((3, 40))
    fp = net.forward(x)
    grads = net.backward(fp, y)
    nabla_w, nabla_b = backward_from_z(net, fp, y)
    for l in range(1, net.L + 1):
        assert np.array_equal(grads.nabla_w[l], nabla_w[l])
        assert np.array_equal(grads.nabla_b[l], nabla_b[l])
    trained, hand = net.copy(), net.copy()
    trained.train(x, y, epochs=1, batch_size=40, eta=0.5, seed=0, progress=False,
                  record_every=0)
    order = np.random.default_rng(0).permutation(40)  # train's shuffle
    nabla_w, nabla_b = backward_from_z(hand, hand.forward(x[:, order]), y[:, order])
    for l in range(1, net.L + 1):
        assert np.array_equal(trained.w[l], hand.w[l] - 0.5 * nabla_w[l])
        assert np.array_equal(trained.b[l], hand.b[l] - 0.5 * nabla_b[l])


def test_a_forward_pass_made_or_changed_by_hand_gets_its_slopes_from_z():
    net = Network([2, 3, 1], "sigmoid", seed=0)
    x, y = np.array([[0.5], [-1.0]]), np.array([[1.0]])
    fp = net.forward(x)
    odd = np.full((3, 1), 0.5)  # not sigmoid(z[1])
    by_hand = ForwardPass(fp.z, [fp.a[0], odd, fp.a[2]])
    changed = net.forward(x)
    changed.a[1] = odd
    for made in (by_hand, changed):
        got = net.backward(made, y).delta[1]
        assert np.array_equal(got, backward_from_z(net, made, y)[1][1])
        from_a = (net.w[2].T @ got_output_delta(net, made, y)) * sigmoid.slope(None, odd)
        assert not np.array_equal(got, from_a)  # taking a here would have been wrong


def got_output_delta(net, fp, y):
    return net.cost.grad_a(fp.a[2], y) * sigmoid.prime(fp.z[2])


def test_the_forward_pass_still_prints_and_compares_as_z_and_a():
    fp = bplib.Network([2, 2, 1], seed=0).forward(np.ones((2, 1)))
    assert "made" not in repr(fp)
    assert fp == ForwardPass(fp.z, fp.a)
