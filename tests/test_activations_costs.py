"""Activations and costs: values, derivatives checked numerically, no warnings."""
import numpy as np
import pytest

import bplib
from bplib import cross_entropy, quadratic, sigmoid

Z = np.linspace(-6, 6, 241) + 0.013  # avoids z = 0 exactly, where ReLU has a kink


@pytest.mark.parametrize("name", sorted(bplib.ACTIVATIONS))
def test_derivative_matches_central_difference(name):
    f = bplib.get_activation(name)
    h = 1e-6
    numeric = (f(Z + h) - f(Z - h)) / (2 * h)
    np.testing.assert_allclose(f.prime(Z), numeric, atol=1e-9)


def test_known_values():
    assert sigmoid(0.0) == 0.5
    assert sigmoid.prime(0.0) == 0.25
    assert sigmoid.prime(15.0) == pytest.approx(3.059e-7, rel=1e-3)
    np.testing.assert_array_equal(bplib.relu(np.array([-2.0, 0.0, 3.0])), [0, 0, 3])
    np.testing.assert_array_equal(bplib.relu.prime(np.array([-2.0, 0.0, 3.0])), [0, 0, 1])
    assert bplib.tanh.prime(0.0) == 1.0
    np.testing.assert_array_equal(bplib.identity.prime(np.zeros((2, 3))), np.ones((2, 3)))


def test_sigmoid_never_overflows_or_warns():
    # pytest turns every warning into an error for this project (pyproject.toml)
    z = np.array([-1000.0, -745.0, -40.0, 0.0, 40.0, 709.0, 1000.0,
                  np.finfo(float).max, -np.finfo(float).max])
    s = sigmoid(z)
    assert np.all(np.isfinite(s)) and np.all((s >= 0) & (s <= 1))
    assert s[0] == 0.0 and s[-3] == 1.0
    assert np.all(np.isfinite(sigmoid.prime(z)))
    assert sigmoid(-1000.0) == 0.0 and sigmoid(1000.0) == 1.0
    # symmetric: sigma(-z) = 1 - sigma(z)
    np.testing.assert_allclose(sigmoid(-Z), 1 - sigmoid(Z), atol=1e-15)


def test_shapes_are_kept():
    z = np.zeros((3, 5))
    for f in bplib.ACTIVATIONS.values():
        assert f(z).shape == (3, 5) and f.prime(z).shape == (3, 5)


def test_unknown_activation():
    with pytest.raises(ValueError, match="unknown activation 'softplus': expected one of"):
        bplib.get_activation("softplus")


@pytest.mark.parametrize("cost", [quadratic, cross_entropy])
def test_cost_gradient_matches_central_difference(cost):
    rng = np.random.default_rng(1)
    a = rng.uniform(0.1, 0.9, (3, 4))
    y = rng.uniform(0, 1, (3, 4))
    h = 1e-6
    numeric = np.zeros_like(a)
    for idx in np.ndindex(a.shape):
        up, down = a.copy(), a.copy()
        up[idx] += h
        down[idx] -= h
        numeric[idx] = (cost.per_example(up, y) - cost.per_example(down, y))[idx[1]] / (2 * h)
    np.testing.assert_allclose(cost.grad_a(a, y), numeric, rtol=1e-7)


def test_cost_is_averaged_over_the_batch():
    a = np.array([[0.2, 0.6]])
    y = np.array([[0.0, 1.0]])
    assert quadratic.fn(a, y) == pytest.approx((0.5 * 0.04 + 0.5 * 0.16) / 2)
    expected = -(np.log(0.8) + np.log(0.6)) / 2
    assert cross_entropy.fn(a, y) == pytest.approx(expected)


def test_sigmoid_cross_entropy_delta_cancels_sigma_prime():
    rng = np.random.default_rng(2)
    z = rng.normal(0, 2, (4, 6))
    a, y = sigmoid(z), rng.uniform(0, 1, (4, 6))
    general = cross_entropy.grad_a(a, y) * sigmoid.prime(z)
    np.testing.assert_allclose(cross_entropy.delta(z, a, y, sigmoid), a - y)
    np.testing.assert_allclose(general, a - y, rtol=1e-9)
    np.testing.assert_array_equal(bplib.sigmoid_cross_entropy_delta(a, y), a - y)
    np.testing.assert_array_equal(quadratic.delta(z, a, y, sigmoid), (a - y) * sigmoid.prime(z))


def test_cross_entropy_of_a_saturated_output_is_finite():
    a = np.array([[0.0, 1.0]])
    y = np.array([[1.0, 0.0]])
    assert np.isfinite(cross_entropy.fn(a, y)) and cross_entropy.fn(a, y) > 30
    assert np.all(np.isfinite(cross_entropy.grad_a(a, y)))


def test_unknown_cost():
    with pytest.raises(ValueError, match="unknown cost 'hinge': expected one of"):
        bplib.get_cost("hinge")
    assert bplib.get_cost("cross-entropy") is cross_entropy
