"""The checks of notebook 05 accept right answers in any form and reject typical mistakes."""
import numpy as np
import pytest

import bplib
from bplib import identity, relu, sigmoid, tanh
from bplib.checks.slopes import (check_dead_fraction, check_delta_through,
                                 check_saturated_fraction, check_sigmoid_prime,
                                 reference_dead_fraction, reference_saturated_fraction)


def unanswered(*args):
    raise NotImplementedError()


def test_unanswered_passes_not_implemented_through():
    for check in (check_sigmoid_prime, check_delta_through, check_saturated_fraction,
                  check_dead_fraction):
        with pytest.raises(NotImplementedError):
            check(unanswered)


# ----- exercise 1: sigmoid_prime ----------------------------------------------------------
def prime_stable_exp(z):
    e = np.exp(-np.abs(z))
    return e / (1 + e) ** 2


def prime_two_branches(z):
    z = np.asarray(z, dtype=float)
    s = np.empty_like(z)
    pos = z >= 0
    s[pos] = 1 / (1 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    s[~pos] = ez / (1 + ez)
    return s * (1 - s)


def prime_tanh_identity(z):
    # sigma(z) = (1 + tanh(z / 2)) / 2, so sigma'(z) = (1 - tanh(z / 2)^2) / 4
    return (1 - np.tanh(np.asarray(z) / 2) ** 2) / 4


def stable_sigmoid(z):
    """The sigmoid without bplib (whose use the check reports as a shortcut)."""
    return np.exp(-np.logaddexp(0.0, -np.asarray(z, dtype=float)))


def prime_bplib_sigmoid(z):  # a shortcut: the exercise forbids bplib.sigmoid
    s = bplib.sigmoid(z)
    return s * (1 - s)


def prime_loops(z):
    z = np.asarray(z, dtype=float)
    out = np.empty_like(z)
    for index, value in np.ndenumerate(z):
        e = np.exp(-abs(value))
        out[index] = e / (1 + e) ** 2
    return out


@pytest.mark.parametrize("right", [prime_stable_exp, prime_two_branches, prime_tanh_identity,
                                   prime_loops])
def test_sigmoid_prime_accepts_right_answers(right, capsys):
    check_sigmoid_prime(right)
    out = capsys.readouterr()
    assert out.out.startswith("✓ sigmoid_prime: 5 random arrays (1-D to 3-D) and z = ±50, "
                              "±745.2, ±1000 without a warning, max relative error")
    assert out.out.count("\n") == 1 and out.err == ""


def naive_sigmoid(z):
    return 1 / (1 + np.exp(-z))


def prime_naive(z):
    s = naive_sigmoid(z)
    return s * (1 - s)


def prime_naive_exp_z(z):
    s = np.exp(z) / (1 + np.exp(z))
    return s * (1 - s)


def prime_naive_quotient_silenced(z):
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(-z)
        return e / (1 + e) ** 2


@pytest.mark.parametrize("wrong, message", [
    (prime_naive, r"sigmoid_prime: your function overflowed at z = -1000: overflow "
                  r"encountered in exp\. A float64 holds at most"),
    (prime_naive_exp_z, r"overflowed at z = 1000: overflow encountered in exp"),
    (prime_naive_quotient_silenced, r"at z = -1000 your function returned nan, expected 0"),
    (lambda z: z * (1 - z), r"you returned z \* \(1 - z\)"),
    (lambda z: prime_stable_exp(z) * 0 + stable_sigmoid(z), r"you returned sigma\(z\), the sigmoid itself"),
    (lambda z: prime_stable_exp(stable_sigmoid(z)), r"applied the slope formula to a = sigma\(z\)"),
    (lambda z: -prime_stable_exp(z), r"wrong sign"),
    (lambda z: stable_sigmoid(-z), r"the square is missing"),
    (lambda z: stable_sigmoid(-np.abs(z)), r"e\^\{-\|z\|\} / \(1 \+ e\^\{-\|z\|\}\); the square is missing"),
    (prime_bplib_sigmoid, r"your function calls a bplib activation \(bplib.sigmoid, bplib.tanh, ...\), which does this exercise"),
    (lambda z: prime_stable_exp(z).ravel(), r"expected shape \(1, 1\), got shape \(1,\)"),
    (lambda z: None, r"returned None"),
])
def test_sigmoid_prime_rejects(wrong, message, recwarn):
    with pytest.raises(AssertionError, match=message):
        check_sigmoid_prime(wrong)
    assert len(recwarn) == 0  # the learner's warnings are reported, never shown


def test_sigmoid_prime_rejects_other_warnings_and_in_place_changes():
    def warns(z):
        import warnings
        warnings.warn("something odd", RuntimeWarning)
        return prime_stable_exp(z)

    with pytest.raises(AssertionError, match="raised a warning on ordinary inputs.*something odd"):
        check_sigmoid_prime(warns)

    def in_place(z):
        z *= -1
        return prime_stable_exp(z)

    with pytest.raises(AssertionError, match="changed one of its input arrays in place"):
        check_sigmoid_prime(in_place)

    def math_exp(z):
        import math
        e = math.exp(-abs(z))
        return e / (1 + e) ** 2

    with pytest.raises(AssertionError, match="your function stopped with TypeError"):
        check_sigmoid_prime(math_exp)


# ----- exercise 2: delta_through ------------------------------------------------------------
def delta_right(dC_da, z, activation):
    return dC_da * activation.prime(z)


def delta_einsum(dC_da, z, activation):
    return np.einsum("jm,jm->jm", dC_da, activation.prime(z))


def delta_loops(dC_da, z, activation):
    out = np.zeros_like(dC_da)
    for j in range(z.shape[0]):
        for i in range(z.shape[1]):
            out[j, i] = dC_da[j, i] * activation.prime(z[j, i])
    return out


def delta_by_name(dC_da, z, activation):
    # a learner who writes each slope by hand, with the same convention at 0
    if activation.name == "sigmoid":
        s = activation(z)
        slope = s * (1 - s)
    elif activation.name == "tanh":
        slope = 1 - np.tanh(z) ** 2
    elif activation.name == "relu":
        slope = (z > 0).astype(float)
    else:
        slope = np.ones_like(z)
    return np.multiply(dC_da, slope)


def delta_by_prime_attribute(dC_da, z, activation):
    # right for any activation: the slope comes from the object, not from its name
    slope = getattr(activation, "prime")
    return np.multiply(dC_da, slope(z))


@pytest.mark.parametrize("right", [delta_right, delta_einsum, delta_loops,
                                   delta_by_prime_attribute])
def test_delta_through_accepts_right_answers(right, capsys):
    check_delta_through(right)
    assert capsys.readouterr().out.startswith(
        "✓ delta through a layer: 9 random layers (sigmoid, tanh, ReLU, identity, softplus; "
        "batches of 1 to 6), max relative error")


def delta_in_place(dC_da, z, activation):
    dC_da *= activation.prime(z)
    return dC_da


def delta_relu_slope_one_at_zero(dC_da, z, activation):
    if activation.name == "relu":
        return dC_da * (z >= 0)
    return dC_da * activation.prime(z)


@pytest.mark.parametrize("wrong, message", [
    (lambda d, z, f: d * f.prime(f(z)), r"slope at a = f\(z\), the neuron's output"),
    (lambda d, z, f: d, r"you returned dC/da unchanged, the slope is missing"),
    (lambda d, z, f: d * f(z) * (1 - f(z)), r"a \* \(1 - a\) is the sigmoid's slope only"),
    (lambda d, z, f: d * f(z), r"multiplied by the activation f\(z\) itself"),
    (lambda d, z, f: d * z * (1 - z), r"z \* \(1 - z\) is not a slope"),
    (lambda d, z, f: -d * f.prime(z), r"wrong sign"),
    (lambda d, z, f: d @ f.prime(z), r"(matmul|matrix product).*elementwise"),
    (lambda d, z, f: np.dot(d, f.prime(z)) if z.shape[0] == z.shape[1] else d * f.prime(z),
     r"you used a matrix product"),
    (delta_relu_slope_one_at_zero, r"wrong only where z is exactly 0.*relu'\(0\) = 0"),
    (delta_by_name, r"softplus layer .* got slope 1: your function seems to pick the slope by "
                    r"the activation's name"),
    (lambda d, z, f: d * sigmoid.prime(z), r"the sigmoid's slope on every layer"),
    (lambda d, z, f: (d * f.prime(z)).T, r"expected shape \(3, 1\), got shape \(1, 3\).*one row per neuron"),
    (delta_in_place, r"changed one of its input arrays in place"),
])
def test_delta_through_rejects(wrong, message):
    with pytest.raises(AssertionError, match=message):
        check_delta_through(wrong)


# ----- exercise 3: saturated_fraction -------------------------------------------------------------
def saturated_mean(z, threshold=4.0):
    return float(np.mean(np.abs(z) > threshold))


def saturated_count(z, threshold=4.0):
    count = 0
    for value in np.ravel(z):
        if value > threshold or value < -threshold:
            count += 1
    return count / np.size(z)


def saturated_two_sides(z, threshold=4.0):
    return np.count_nonzero(np.maximum(z, -z) > threshold) / z.size


@pytest.mark.parametrize("right", [saturated_mean, saturated_count, saturated_two_sides])
def test_saturated_fraction_accepts_right_answers(right, capsys):
    check_saturated_fraction(right)
    assert capsys.readouterr().out.startswith(
        "✓ saturated fraction: 7 random layers (batches of 1 to 8, entries exactly at the "
        "threshold), agrees with bplib.saturated_fraction")


@pytest.mark.parametrize("wrong, message", [
    (lambda z, t: np.mean(np.abs(z) >= t), r"you counted \|z\| >= threshold.*strictly greater"),
    (lambda z, t: np.mean(z > t), r"you counted only z > threshold.*count \|z\| > threshold"),
    (lambda z, t: np.sum(np.abs(z) > t), r"you returned the number of saturated entries"),
    (lambda z, t: np.mean(np.abs(z) > 4), r"\|z\| > 4 whatever the threshold"),
    (lambda z, t=7.0: np.mean(np.abs(z) > t), r"called without a threshold, your function returned .*default is threshold=4.0"),
    (lambda z, t: np.mean(np.abs(z) > t), r"no threshold given.*stopped with TypeError.*"
                                          r"def saturated_fraction\(z, threshold=4.0\)"),
    (lambda z, t: np.mean(np.abs(z) <= t), r"NOT saturated"),
    (lambda z, t: np.mean(np.abs(sigmoid(z)) > t), r"you compared the activation a = sigmoid\(z\)"),
    (lambda z, t: np.mean(np.all(np.abs(z) > t, axis=1)), r"you counted neurons \(rows\)"),
    (lambda z, t: np.mean(np.abs(z) > t, axis=0),
     r"expected shape \(\), got shape \(1,\).*one value per example"),
    (lambda z, t: np.mean(np.abs(z) > t, axis=1),
     r"expected shape \(\), got shape \(4,\).*one value per neuron"),
])
def test_saturated_fraction_rejects(wrong, message):
    with pytest.raises(AssertionError, match=message):
        check_saturated_fraction(wrong)


def test_saturated_fraction_reference_is_bplib_diagnostics():
    net = bplib.Network([3, 5], "sigmoid", seed=2)
    x = np.random.default_rng(1).normal(0, 4, (3, 6))
    z = net.forward(x).z[1]
    assert reference_saturated_fraction(z, 4.0) == bplib.saturated_fraction(net, x)[1]
    assert reference_saturated_fraction(np.array([[4.0, -4.0, 4.5, 0.0]])) == 0.25


# ----- exercise 4: dead_fraction -------------------------------------------------------------------
def dead_all(z):
    return float(np.mean(np.all(z <= 0, axis=1)))


def dead_rows(z):
    dead = [row.max() <= 0 for row in z]
    return sum(dead) / len(dead)


def dead_via_relu(z):
    a = np.maximum(z, 0)
    return 1.0 - np.count_nonzero(a.sum(axis=1)) / z.shape[0]


@pytest.mark.parametrize("right", [dead_all, dead_rows, dead_via_relu])
def test_dead_fraction_accepts_right_answers(right, capsys):
    check_dead_fraction(right)
    assert capsys.readouterr().out.startswith(
        "✓ dead fraction: 6 random layers (batches of 1 to 10, rows of exact zeros), agrees "
        "with bplib.dead_fraction")


@pytest.mark.parametrize("wrong, message", [
    (lambda z: np.mean(z <= 0), r"you counted \(neuron, example\) entries.*EVERY example"),
    (lambda z: np.mean(np.all(z <= 0, axis=0)), r"wrong axis.*examples are the columns"),
    (lambda z: np.mean(np.all(z < 0, axis=1)), r"you used z < 0.*relu'\(0\) = 0"),
    (lambda z: np.mean(np.any(z <= 0, axis=1)), r"SOME example.*np.all, not np.any"),
    (lambda z: np.sum(np.all(z <= 0, axis=1)), r"the number of dead neurons"),
    (lambda z: np.mean(np.sum(z, axis=1) <= 0), r"the mean of each row \(or its sum\)"),
    (lambda z: np.mean(np.any(z > 0, axis=1)), r"alive, not dead"),
    (lambda z: np.mean(np.all(relu(z) < 0, axis=1)), r"finds no dead neuron.*a = relu\(z\) < 0"),
    (lambda z: np.all(z <= 0, axis=1), r"expected shape \(\), got shape \(5,\).*one value per neuron"),
])
def test_dead_fraction_rejects(wrong, message):
    with pytest.raises(AssertionError, match=message):
        check_dead_fraction(wrong)


def test_dead_fraction_rejects_in_place_changes():
    def in_place(z):
        z[z < 0] = 0
        return float(np.mean(np.all(z <= 0, axis=1)))

    with pytest.raises(AssertionError, match="changed one of its input arrays in place"):
        check_dead_fraction(in_place)


def test_dead_fraction_reference_is_bplib_diagnostics():
    net = bplib.Network([2, 6], "relu", seed=3)
    net.b[1][:3] = -50.0
    x = np.random.default_rng(2).normal(size=(2, 9))
    assert reference_dead_fraction(net.forward(x).z[1]) == bplib.dead_fraction(net, x)[1] == 0.5
    assert reference_dead_fraction(np.array([[0.0, 0.0], [0.0, -1.0], [0.0, 1e-9]])) == 2 / 3


def test_checks_are_quick_and_quiet(capsys):
    import time
    for check, fn in ((check_sigmoid_prime, prime_stable_exp), (check_delta_through, delta_right),
                      (check_saturated_fraction, saturated_mean), (check_dead_fraction, dead_all)):
        start = time.perf_counter()
        check(fn)
        assert time.perf_counter() - start < 1.0
    assert capsys.readouterr().err == ""


def test_identity_and_tanh_are_among_the_layers_tried():
    from bplib.checks.slopes import DELTA_CASES
    assert {f.name for _, _, f in DELTA_CASES} == {sigmoid.name, tanh.name, relu.name,
                                                   identity.name, "softplus"}
    assert {m for _, m, _ in DELTA_CASES} >= {1, 2, 4}
