"""The checks of notebook 04 accept right answers in any form, reject typical mistakes,
and name each mistake."""
import numpy as np
import pytest

from bplib import sigmoid
from bplib.checks.worked import (check_forward, check_hidden_deltas, check_output_deltas,
                                 check_train_step, check_update_weights)

ALL = (check_forward, check_output_deltas, check_hidden_deltas, check_update_weights,
       check_train_step)


def test_unanswered_passes_not_implemented_through():
    def unanswered(*args):
        raise NotImplementedError()
    for check in ALL:
        with pytest.raises(NotImplementedError):
            check(unanswered)


# ----- forward --------------------------------------------------------------
def forward_right(w1, b1, w2, b2, x):
    z1 = w1 @ x + b1
    a1 = sigmoid(z1)
    z2 = w2 @ a1 + b2
    return z1, a1, z2, sigmoid(z2)


def forward_loops(w1, b1, w2, b2, x):
    def layer(w, b, a):
        z = np.array([[sum(w[j, k] * a[k, 0] for k in range(w.shape[1])) + b[j, 0]]
                      for j in range(w.shape[0])])
        return z, 1 / (1 + np.exp(-z))
    z1, a1 = layer(w1, b1, x)
    z2, a2 = layer(w2, b2, a1)
    return [z1, a1, z2, a2]


def forward_transposed(w1, b1, w2, b2, x):
    z1 = w1.T @ x + b1
    a1 = sigmoid(z1)
    z2 = w2.T @ a1 + b2
    return z1, a1, z2, sigmoid(z2)


def forward_no_bias(w1, b1, w2, b2, x):
    return forward_right(w1, 0 * b1, w2, 0 * b2, x)


def forward_no_hidden_sigmoid(w1, b1, w2, b2, x):
    z1 = w1 @ x + b1
    z2 = w2 @ z1 + b2
    return z1, z1, z2, sigmoid(z2)


def forward_swapped(w1, b1, w2, b2, x):
    z1, a1, z2, a2 = forward_right(w1, b1, w2, b2, x)
    return a1, z1, a2, z2


def forward_bias_after_sigmoid(w1, b1, w2, b2, x):
    a1 = sigmoid(w1 @ x) + b1
    return w1 @ x, a1, w2 @ a1, sigmoid(w2 @ a1) + b2


def forward_sigmoid_sign(w1, b1, w2, b2, x):
    z1 = w1 @ x + b1
    a1 = 1 / (1 + np.exp(z1))
    z2 = w2 @ a1 + b2
    return z1, a1, z2, 1 / (1 + np.exp(z2))


def test_forward_accepts_right_answers(capsys):
    check_forward(forward_right)
    check_forward(forward_loops)
    assert capsys.readouterr().out.startswith("✓ forward: Mazur's network and 5 random ones")


@pytest.mark.parametrize("wrong, named", [
    (forward_transposed, "weight matrices are transposed"),
    (forward_no_bias, "biases are missing"),
    (forward_no_hidden_sigmoid, "hidden neurons' sigmoid is missing"),
    (forward_swapped, "z and a are swapped"),
    (lambda w1, b1, w2, b2, x: forward_right(w1, 0 * b1, w2, b2, x), "b1 is missing"),
    (lambda w1, b1, w2, b2, x: forward_right(w1, b1, w2, 0 * b2, x), "b2 is missing"),
    (lambda *args: forward_right(*args)[:3] + forward_right(*args)[2:3],
     "output neurons' sigmoid is missing"),
    (forward_bias_after_sigmoid, "added after the sigmoid"),
    (forward_sigmoid_sign, "lost a minus sign"),
    (lambda *args: forward_right(*args)[:3], r"expected 4 results \(z1, a1, z2, a2\)"),
])
def test_forward_names_the_mistake(wrong, named):
    with pytest.raises(AssertionError, match="forward: .*" + named):
        check_forward(wrong)


# ----- output deltas ----------------------------------------------------------
def test_output_deltas_accepts_right_answers(capsys):
    check_output_deltas(lambda o, t: (o - t) * o * (1 - o))
    check_output_deltas(lambda o, t: -(t - o) * sigmoid.prime(np.log(o / (1 - o))))
    assert capsys.readouterr().out.count("✓ output deltas:") == 2


@pytest.mark.parametrize("wrong, named", [
    (lambda o, t: (t - o) * o * (1 - o), "wrong sign"),
    (lambda o, t: o - t, "dE/dout only"),
    (lambda o, t: (o - t) * sigmoid.prime(o), "slope to out, but out is already sigmoid"),
    (lambda o, t: (o - t) * o, "slope is incomplete"),
    (lambda o, t: 2 * (o - t) * o * (1 - o), "1/2 in E"),
    (lambda o, t: (o - t) * (1 - o), "slope is incomplete"),
    (lambda o, t: (o - t) * o * (1 - o) / 2, "half the right size"),
    (lambda o, t: None, "returned None"),
    (lambda o, t: ((o - t) * o * (1 - o)).ravel(), r"a flat array of shape \(2,\)"),
])
def test_output_deltas_names_the_mistake(wrong, named):
    with pytest.raises(AssertionError, match="output deltas: .*" + named):
        check_output_deltas(wrong)


# ----- hidden deltas ------------------------------------------------------------
def hidden_loops(w2, d, h):
    out = np.zeros_like(h)
    for k in range(h.shape[0]):
        out[k, 0] = sum(w2[j, k] * d[j, 0] for j in range(d.shape[0])) * h[k, 0] * (1 - h[k, 0])
    return out


def test_hidden_deltas_accepts_right_answers(capsys):
    check_hidden_deltas(lambda w2, d, h: (w2.T @ d) * h * (1 - h))
    check_hidden_deltas(lambda w2, d, h: np.einsum("jk,jm->km", w2, d) * h * (1 - h))
    check_hidden_deltas(hidden_loops)
    assert capsys.readouterr().out.count("✓ hidden deltas:") == 3


def in_place(w2, d, h):
    h *= 1 - h
    return (w2.T @ d) * h


@pytest.mark.parametrize("wrong, named", [
    (lambda w2, d, h: w2.T @ d, "you returned dE/dout_h"),
    (lambda w2, d, h: (w2 @ d) * h * (1 - h), "transpose is missing"),
    (lambda w2, d, h: (w2.T @ d) * sigmoid.prime(h), "slope to out_h"),
    (lambda w2, d, h: (w2.T @ d) * h, "slope is incomplete"),
    (lambda w2, d, h: (w2.T @ d) * (1 - h), "slope is incomplete"),
    (lambda w2, d, h: (d.T @ w2) * h * (1 - h), "delta_o\\^T w2 is a row"),
    (lambda w2, d, h: np.diag(w2).reshape(-1, 1) * d * h * (1 - h), "uses one output only"),
    (lambda w2, d, h: -(w2.T @ d) * h * (1 - h), "wrong sign"),
    (lambda w2, d, h: ((w2.T @ d) * h * (1 - h)).ravel(), r"expected shape \(2, 1\), got shape \(2,\)"),
    (in_place, "changed one of its input arrays in place"),
])
def test_hidden_deltas_names_the_mistake(wrong, named):
    with pytest.raises(AssertionError, match="hidden deltas: .*" + named):
        check_hidden_deltas(wrong)


# ----- update weights ---------------------------------------------------------------
def update_right(w1, w2, x, a1, dh, do, eta):
    return w1 - eta * dh @ x.T, w2 - eta * do @ a1.T


def update_loops(w1, w2, x, a1, dh, do, eta):
    n1, n2 = w1.copy(), w2.copy()
    for j in range(w2.shape[0]):
        for k in range(w2.shape[1]):
            n2[j, k] -= eta * do[j, 0] * a1[k, 0]
    for j in range(w1.shape[0]):
        for k in range(w1.shape[1]):
            n1[j, k] -= eta * dh[j, 0] * x[k, 0]
    return [n1, n2]


def update_in_place(w1, w2, x, a1, dh, do, eta):
    w1 -= eta * dh @ x.T
    w2 -= eta * do @ a1.T
    return w1, w2


def test_update_weights_accepts_right_answers(capsys):
    check_update_weights(update_right)
    check_update_weights(update_loops)
    check_update_weights(lambda w1, w2, x, a1, dh, do, eta: (w1 - eta * np.outer(dh, x),
                                                             w2 - eta * np.outer(do, a1)))
    assert capsys.readouterr().out.count("✓ update weights:") == 3


@pytest.mark.parametrize("wrong, named", [
    (lambda w1, w2, x, a1, dh, do, eta: (w1 + eta * dh @ x.T, w2 + eta * do @ a1.T), "moved uphill"),
    (lambda w1, w2, x, a1, dh, do, eta: (w1 - dh @ x.T, w2 - do @ a1.T), "learning rate is missing"),
    (lambda w1, w2, x, a1, dh, do, eta: update_right(w1, w2, x, a1, dh, do, eta * eta), "applied twice"),
    (lambda w1, w2, x, a1, dh, do, eta: (w1 - eta * x @ dh.T, w2 - eta * a1 @ do.T), "outer products are transposed"),
    (lambda w1, w2, x, a1, dh, do, eta: (w1 - eta * dh @ a1.T, w2 - eta * do @ x.T), "inputs of the two layers are swapped"),
    (lambda *args: update_right(*args)[1], "expected a pair"),
    (lambda *args: update_right(*args)[::-1], r"you returned \(new_w2, new_w1\)"),
    (lambda w1, w2, x, a1, dh, do, eta: (w1 - eta * dh @ x, w2 - eta * do @ a1),
     "stopped with ValueError.*a column times a row"),
    (lambda w1, w2, x, a1, dh, do, eta: (w1 - eta * (dh.T @ x), w2 - eta * (do.T @ a1)),
     "inner products"),
    (update_in_place, "changed one of its input arrays in place"),
])
def test_update_weights_names_the_mistake(wrong, named):
    with pytest.raises(AssertionError, match="update weights: .*" + named):
        check_update_weights(wrong)


# ----- train step -----------------------------------------------------------------
def step_right(w1, b1, w2, b2, x, t, eta):
    z1, a1, z2, a2 = forward_right(w1, b1, w2, b2, x)
    do = (a2 - t) * a2 * (1 - a2)
    dh = (w2.T @ do) * a1 * (1 - a1)
    return w1 - eta * dh @ x.T, w2 - eta * do @ a1.T


def step_by_gradient_of_net(w1, b1, w2, b2, x, t, eta):
    import bplib
    net = bplib.Network.from_params([w1, w2], [b1, b2])
    g = net.gradient(x, t)
    return w1 - eta * g.nabla_w[1], w2 - eta * g.nabla_w[2]


def step_updated_first(w1, b1, w2, b2, x, t, eta):
    z1, a1, z2, a2 = forward_right(w1, b1, w2, b2, x)
    do = (a2 - t) * a2 * (1 - a2)
    w2 = w2 - eta * do @ a1.T
    dh = (w2.T @ do) * a1 * (1 - a1)  # uses the already-updated output weights
    return w1 - eta * dh @ x.T, w2


def step_no_hidden_update(w1, b1, w2, b2, x, t, eta):
    return w1, step_right(w1, b1, w2, b2, x, t, eta)[1]


def step_eta_twice(w1, b1, w2, b2, x, t, eta):
    return step_right(w1, b1, w2, b2, x, t, eta * eta)


def step_uphill(w1, b1, w2, b2, x, t, eta):
    return step_right(w1, b1, w2, b2, x, t, -eta)


def step_with(w1, b1, w2, b2, x, t, eta, slope_o, slope_h):
    z1, a1, z2, a2 = forward_right(w1, b1, w2, b2, x)
    do = (a2 - t) * slope_o(z2, a2)
    dh = (w2.T @ do) * slope_h(z1, a1)
    return w1 - eta * dh @ x.T, w2 - eta * do @ a1.T


def step_slope_at_z(*args):
    return step_with(*args, lambda z, a: z * (1 - z), lambda z, a: z * (1 - z))


def step_slope_at_z_hidden(*args):
    return step_with(*args, lambda z, a: a * (1 - a), lambda z, a: z * (1 - z))


def step_no_hidden_slope(*args):
    return step_with(*args, lambda z, a: a * (1 - a), lambda z, a: 1)


def step_no_output_slope(*args):
    return step_with(*args, lambda z, a: 1, lambda z, a: a * (1 - a))


def step_no_biases(w1, b1, w2, b2, x, t, eta):
    return step_right(w1, 0 * b1, w2, 0 * b2, x, t, eta)


def test_train_step_accepts_right_answers(capsys):
    check_train_step(step_right)
    out = capsys.readouterr().out
    assert out.count("Mazur's error after one step 0.291027774") == 1


def test_train_step_by_bplibs_gradient_is_a_shortcut():
    with pytest.raises(AssertionError, match="calls bplib's Network.gradient, which does this"):
        check_train_step(step_by_gradient_of_net)


@pytest.mark.parametrize("wrong, named", [
    (step_updated_first, "already-updated w5..w8"),
    (step_no_hidden_update, "w1 did not move"),
    (step_eta_twice, "applied twice"),
    (step_uphill, "moved uphill"),
    (lambda *args: step_right(*args)[::-1], r"you returned \(new_w2, new_w1\)"),
    (step_slope_at_z, r"computed as net \* \(1 - net\), from z;"),
    (step_slope_at_z_hidden, r"net \* \(1 - net\), from z in the hidden deltas"),
    (step_no_biases, "biases are missing from the forward pass"),
    (step_no_hidden_slope, r"out_h \* \(1 - out_h\) is missing"),
    (step_no_output_slope, r"out_o \* \(1 - out_o\) is missing"),
])
def test_train_step_names_the_mistake(wrong, named):
    with pytest.raises(AssertionError, match="train step: .*" + named):
        check_train_step(wrong)


def test_every_check_is_quick_and_quiet(capsys):
    import time
    for check, right in ((check_forward, forward_right), (check_train_step, step_right)):
        start = time.perf_counter()
        check(right)
        assert time.perf_counter() - start < 1.0
    assert capsys.readouterr().err == ""
