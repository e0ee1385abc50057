"""The checks of notebook 04 accept right answers in any form and reject typical mistakes."""
import numpy as np
import pytest

from bplib import sigmoid
from bplib.checks.worked import (check_forward, check_hidden_deltas, check_output_deltas,
                                 check_train_step, check_update_weights)


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
    return z1, a1, z2, a2


def forward_transposed(w1, b1, w2, b2, x):
    z1 = w1.T @ x + b1
    a1 = sigmoid(z1)
    z2 = w2.T @ a1 + b2
    return z1, a1, z2, sigmoid(z2)


def forward_no_bias(w1, b1, w2, b2, x):
    return forward_right(w1, 0 * b1, w2, 0 * b2, x)


def forward_z_for_a(w1, b1, w2, b2, x):
    z1 = w1 @ x + b1
    z2 = w2 @ z1 + b2  # forgot the hidden activation
    return z1, z1, z2, sigmoid(z2)


def test_forward_accepts_right_answers(capsys):
    check_forward(forward_right)
    check_forward(forward_loops)
    assert capsys.readouterr().out.startswith("✓ forward: 4 random networks and Mazur's")


@pytest.mark.parametrize("wrong", [forward_transposed, forward_no_bias, forward_z_for_a])
def test_forward_rejects(wrong):
    with pytest.raises(AssertionError, match="forward"):
        check_forward(wrong)


def test_unanswered_passes_not_implemented_through():
    def unanswered(*args):
        raise NotImplementedError()
    for check in (check_forward, check_output_deltas, check_hidden_deltas,
                  check_update_weights, check_train_step):
        with pytest.raises(NotImplementedError):
            check(unanswered)


# ----- output deltas ----------------------------------------------------------
def test_output_deltas():
    check_output_deltas(lambda o, t: (o - t) * o * (1 - o))
    check_output_deltas(lambda o, t: (o - t) * sigmoid.prime(np.log(o / (1 - o))))
    with pytest.raises(AssertionError, match="output deltas: every entry has the wrong sign"):
        check_output_deltas(lambda o, t: (t - o) * o * (1 - o))
    with pytest.raises(AssertionError, match="output deltas: you returned out - target"):
        check_output_deltas(lambda o, t: o - t)
    with pytest.raises(AssertionError, match="output deltas: entry"):
        check_output_deltas(lambda o, t: (o - t) * sigmoid.prime(o))  # sigma'(a) instead of a(1-a)
    with pytest.raises(AssertionError, match="output deltas: your function returned None"):
        check_output_deltas(lambda o, t: None)


# ----- hidden deltas ------------------------------------------------------------
def test_hidden_deltas():
    check_hidden_deltas(lambda w2, d, h: (w2.T @ d) * h * (1 - h))
    check_hidden_deltas(lambda w2, d, h: np.einsum("jk,jm->km", w2, d) * h * (1 - h))
    with pytest.raises(AssertionError, match="hidden deltas: you returned dE/dout_h"):
        check_hidden_deltas(lambda w2, d, h: w2.T @ d)
    with pytest.raises(AssertionError, match="hidden deltas: the transpose is missing"):
        check_hidden_deltas(lambda w2, d, h: (w2 @ d) * h * (1 - h))  # right only for square w2
    with pytest.raises(AssertionError, match=r"hidden deltas: expected shape \(2, 1\), got shape \(2,\)"):
        check_hidden_deltas(lambda w2, d, h: ((w2.T @ d) * h * (1 - h)).ravel())
    with pytest.raises(AssertionError, match="hidden deltas: entry"):
        check_hidden_deltas(lambda w2, d, h: (w2.T @ d) * h)

    def in_place(w2, d, h):
        h *= 1 - h
        return (w2.T @ d) * h
    with pytest.raises(AssertionError, match="changed one of its input arrays in place"):
        check_hidden_deltas(in_place)


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


def test_update_weights():
    check_update_weights(update_right)
    check_update_weights(update_loops)
    with pytest.raises(AssertionError, match="update weights: the output weights moved uphill"):
        check_update_weights(lambda w1, w2, x, a1, dh, do, eta: (w1 + eta * dh @ x.T, w2 + eta * do @ a1.T))
    with pytest.raises(AssertionError, match="update weights: new w2"):
        check_update_weights(lambda w1, w2, x, a1, dh, do, eta: (w1 - dh @ x.T, w2 - do @ a1.T))  # no eta
    with pytest.raises(AssertionError, match="update weights: new w1"):
        check_update_weights(lambda w1, w2, x, a1, dh, do, eta: (w1 - eta * dh @ a1.T[:, :w1.shape[1]]
                                                                if a1.shape[0] >= w1.shape[1] else w1,
                                                                w2 - eta * do @ a1.T))
    with pytest.raises(AssertionError, match="expected a pair"):
        check_update_weights(lambda *args: update_right(*args)[1])


# ----- train step -----------------------------------------------------------------
def step_right(w1, b1, w2, b2, x, t, eta):
    z1, a1, z2, a2 = forward_right(w1, b1, w2, b2, x)
    do = (a2 - t) * a2 * (1 - a2)
    dh = (w2.T @ do) * a1 * (1 - a1)
    return w1 - eta * dh @ x.T, w2 - eta * do @ a1.T


def step_updated_first(w1, b1, w2, b2, x, t, eta):
    z1, a1, z2, a2 = forward_right(w1, b1, w2, b2, x)
    do = (a2 - t) * a2 * (1 - a2)
    w2 = w2 - eta * do @ a1.T
    dh = (w2.T @ do) * a1 * (1 - a1)  # uses the already-updated output weights
    return w1 - eta * dh @ x.T, w2


def step_no_hidden_update(w1, b1, w2, b2, x, t, eta):
    return w1, step_right(w1, b1, w2, b2, x, t, eta)[1]


def step_double_eta(w1, b1, w2, b2, x, t, eta):
    return step_right(w1, b1, w2, b2, x, t, 2 * eta)


def test_train_step(capsys):
    check_train_step(step_right)
    assert "Mazur's error after one step 0.291027774" in capsys.readouterr().out
    for wrong, message in [(step_updated_first, "train step: new w1.*OLD w5..w8"),
                           (step_no_hidden_update, "train step: new w1"),
                           (step_double_eta, "train step: new w2")]:
        with pytest.raises(AssertionError, match=message):
            check_train_step(wrong)
