"""Typical wrong answers to notebook 04 (Mazur's worked example), for tests/test_mistakes.py."""
import numpy as np

from bplib import sigmoid
from mistakes import Wrong
from test_checks_worked import (forward_no_bias, forward_no_hidden_sigmoid, forward_right,
                                forward_swapped, forward_transposed, step_eta_twice,
                                step_no_hidden_update, step_right, step_uphill,
                                step_updated_first, update_right)


# ----- forward ------------------------------------------------------------------------
def forward_no_output_sigmoid(w1, b1, w2, b2, x):
    z1 = w1 @ x + b1
    a1 = sigmoid(z1)
    z2 = w2 @ a1 + b2
    return z1, a1, z2, z2


def forward_bias_after_sigmoid(w1, b1, w2, b2, x):
    z1 = w1 @ x
    a1 = sigmoid(z1) + b1
    z2 = w2 @ a1
    return z1, a1, z2, sigmoid(z2) + b2


def forward_sigmoid_sign(w1, b1, w2, b2, x):
    def s(z):
        return 1 / (1 + np.exp(z))  # the minus sign lost
    z1 = w1 @ x + b1
    a1 = s(z1)
    z2 = w2 @ a1 + b2
    return z1, a1, z2, s(z2)


def forward_hidden_bias_missing(w1, b1, w2, b2, x):
    return forward_right(w1, 0 * b1, w2, b2, x)


def forward_outputs_only(w1, b1, w2, b2, x):
    return forward_right(w1, b1, w2, b2, x)[1::2]


# ----- output deltas ------------------------------------------------------------------
def output_aliased_slope(out_o, t):
    slope = out_o
    slope *= 1 - out_o  # slope is out_o: this overwrites the outputs
    return (out_o - t) * slope


# ----- hidden deltas ------------------------------------------------------------------
def hidden_in_place(w2, delta_o, out_h):
    out_h *= 1 - out_h
    return (w2.T @ delta_o) * out_h


def hidden_row_times_column(w2, delta_o, out_h):
    return (delta_o.T @ w2) * out_h * (1 - out_h)  # a row times a column: a matrix


# ----- update weights -----------------------------------------------------------------
def update_swapped_order(w1, w2, x, out_h, delta_h, delta_o, eta):
    new_w1, new_w2 = update_right(w1, w2, x, out_h, delta_h, delta_o, eta)
    return new_w2, new_w1


def update_in_place(w1, w2, x, out_h, delta_h, delta_o, eta):
    w1 -= eta * delta_h @ x.T
    w2 -= eta * delta_o @ out_h.T
    return w1, w2


def update_no_transpose(w1, w2, x, out_h, delta_h, delta_o, eta):
    return w1 - eta * delta_h @ x, w2 - eta * delta_o @ out_h


def update_inner_products(w1, w2, x, out_h, delta_h, delta_o, eta):
    return w1 - eta * (delta_h.T @ x), w2 - eta * (delta_o.T @ out_h)


# ----- train step ---------------------------------------------------------------------
def _step(w1, b1, w2, b2, x, t, eta, slope_at_z=False, biases=True, hidden_slope=True):
    if not biases:
        b1, b2 = 0 * b1, 0 * b2
    z1, a1, z2, a2 = forward_right(w1, b1, w2, b2, x)
    s2 = z2 * (1 - z2) if slope_at_z else a2 * (1 - a2)
    s1 = z1 * (1 - z1) if slope_at_z else a1 * (1 - a1)
    delta_o = (a2 - t) * s2
    delta_h = (w2.T @ delta_o) * (s1 if hidden_slope else 1)
    return w1 - eta * delta_h @ x.T, w2 - eta * delta_o @ a1.T


def step_slope_at_z(w1, b1, w2, b2, x, t, eta):
    return _step(w1, b1, w2, b2, x, t, eta, slope_at_z=True)


def step_no_biases(w1, b1, w2, b2, x, t, eta):
    return _step(w1, b1, w2, b2, x, t, eta, biases=False)


def step_no_hidden_slope(w1, b1, w2, b2, x, t, eta):
    return _step(w1, b1, w2, b2, x, t, eta, hidden_slope=False)


def step_swapped_order(w1, b1, w2, b2, x, t, eta):
    new_w1, new_w2 = step_right(w1, b1, w2, b2, x, t, eta)
    return new_w2, new_w1


def step_in_place(w1, b1, w2, b2, x, t, eta):
    new_w1, new_w2 = step_right(w1, b1, w2, b2, x, t, eta)
    w1 -= w1 - new_w1
    w2 -= w2 - new_w2
    return w1, w2


def step_sigma_prime_of_a(w1, b1, w2, b2, x, t, eta):
    z1, a1, z2, a2 = forward_right(w1, b1, w2, b2, x)
    delta_o = (a2 - t) * sigmoid.prime(a2)
    delta_h = (w2.T @ delta_o) * sigmoid.prime(a1)
    return w1 - eta * delta_h @ x.T, w2 - eta * delta_o @ a1.T


F, O, H, U, T = ("forward-tests", "output-deltas-tests", "hidden-deltas-tests",
                 "update-weights-tests", "train-step-tests")
WRONG = [
    Wrong(F, "w.T @ x", {"forward": forward_transposed}, "weight matrices are transposed"),
    Wrong(F, "no biases", {"forward": forward_no_bias}, "the biases are missing"),
    Wrong(F, "no hidden bias", {"forward": forward_hidden_bias_missing}, "b1 is missing"),
    Wrong(F, "no hidden sigmoid", {"forward": forward_no_hidden_sigmoid},
          "hidden neurons' sigmoid is missing"),
    Wrong(F, "no output sigmoid", {"forward": forward_no_output_sigmoid},
          "output neurons' sigmoid is missing"),
    Wrong(F, "z and a swapped", {"forward": forward_swapped}, "z and a are swapped"),
    Wrong(F, "bias after the sigmoid", {"forward": forward_bias_after_sigmoid},
          "after the sigmoid"),
    Wrong(F, "1 / (1 + exp(z))", {"forward": forward_sigmoid_sign}, "exp(-z)"),
    Wrong(F, "returns the outputs only", {"forward": forward_outputs_only},
          "expected 4 results (z1, a1, z2, a2)"),

    Wrong(O, "target - out", {"output_deltas": lambda o, t: (t - o) * o * (1 - o)},
          "every entry has the wrong sign"),
    Wrong(O, "no sigmoid slope", {"output_deltas": lambda o, t: o - t}, "dE/dout only"),
    Wrong(O, "sigmoid'(out)", {"output_deltas": lambda o, t: (o - t) * sigmoid.prime(o)},
          "out is already sigmoid(net)"),
    Wrong(O, "times out only", {"output_deltas": lambda o, t: (o - t) * o},
          "the slope is incomplete"),
    Wrong(O, "times (1 - out) only", {"output_deltas": lambda o, t: (o - t) * (1 - o)},
          "the slope is incomplete"),
    Wrong(O, "twice too big", {"output_deltas": lambda o, t: 2 * (o - t) * o * (1 - o)},
          "the 1/2 in E"),
    Wrong(O, "half too small", {"output_deltas": lambda o, t: 0.5 * (o - t) * o * (1 - o)},
          "half the right size"),
    Wrong(O, "flat", {"output_deltas": lambda o, t: ((o - t) * o * (1 - o)).ravel()}, "flat"),
    Wrong(O, "overwrites out_o", {"output_deltas": output_aliased_slope}, "in place"),

    Wrong(H, "no slope", {"hidden_deltas": lambda w2, d, h: w2.T @ d},
          "you returned dE/dout_h"),
    Wrong(H, "no transpose", {"hidden_deltas": lambda w2, d, h: (w2 @ d) * h * (1 - h)},
          "the transpose is missing"),
    Wrong(H, "sigmoid'(out_h)", {"hidden_deltas": lambda w2, d, h: (w2.T @ d) * sigmoid.prime(h)},
          "slope to out_h"),
    Wrong(H, "times out_h only", {"hidden_deltas": lambda w2, d, h: (w2.T @ d) * h},
          "the slope is incomplete"),
    Wrong(H, "times (1 - out_h) only", {"hidden_deltas": lambda w2, d, h: (w2.T @ d) * (1 - h)},
          "the slope is incomplete"),
    Wrong(H, "one output each",
          {"hidden_deltas": lambda w2, d, h: np.diag(w2).reshape(-1, 1) * d * h * (1 - h)},
          "uses one output only"),
    Wrong(H, "wrong sign", {"hidden_deltas": lambda w2, d, h: -(w2.T @ d) * h * (1 - h)},
          "wrong sign"),
    Wrong(H, "delta_o^T w2", {"hidden_deltas": hidden_row_times_column}, "a row"),
    Wrong(H, "overwrites out_h", {"hidden_deltas": hidden_in_place}, "in place"),

    Wrong(U, "uphill", {"update_weights": lambda w1, w2, x, h, dh, do, eta:
                        (w1 + eta * dh @ x.T, w2 + eta * do @ h.T)}, "moved uphill"),
    Wrong(U, "no learning rate", {"update_weights": lambda w1, w2, x, h, dh, do, eta:
                                  update_right(w1, w2, x, h, dh, do, 1.0)},
          "learning rate is missing"),
    Wrong(U, "eta twice", {"update_weights": lambda w1, w2, x, h, dh, do, eta:
                           update_right(w1, w2, x, h, dh, do, eta * eta)}, "applied twice"),
    Wrong(U, "out @ delta.T", {"update_weights": lambda w1, w2, x, h, dh, do, eta:
                               (w1 - eta * x @ dh.T, w2 - eta * h @ do.T)},
          "outer products are transposed"),
    Wrong(U, "x and out_h swapped", {"update_weights": lambda w1, w2, x, h, dh, do, eta:
                                     (w1 - eta * dh @ h.T, w2 - eta * do @ x.T)},
          "inputs of the two layers are swapped"),
    Wrong(U, "returns (new_w2, new_w1)", {"update_weights": update_swapped_order},
          "the other way round"),
    Wrong(U, "delta @ out, no transpose", {"update_weights": update_no_transpose},
          "a column times a row"),
    Wrong(U, "inner products", {"update_weights": update_inner_products}, "inner product"),
    Wrong(U, "updates in place", {"update_weights": update_in_place}, "in place"),

    Wrong(T, "hidden deltas from updated w2", {"train_step": step_updated_first},
          "already-updated w5..w8"),
    Wrong(T, "w1 never moves", {"train_step": step_no_hidden_update}, "w1 did not move"),
    Wrong(T, "eta twice", {"train_step": step_eta_twice}, "applied twice"),
    Wrong(T, "uphill", {"train_step": step_uphill}, "moved uphill"),
    Wrong(T, "a * (1 - a) applied to z", {"train_step": step_slope_at_z}, "net * (1 - net)"),
    Wrong(T, "sigmoid'(a)", {"train_step": step_sigma_prime_of_a}, "already sigmoid"),
    Wrong(T, "no biases in the forward pass", {"train_step": step_no_biases},
          "biases are missing from the forward pass"),
    Wrong(T, "no hidden slope", {"train_step": step_no_hidden_slope},
          "out_h * (1 - out_h) is missing"),
    Wrong(T, "returns (new_w2, new_w1)", {"train_step": step_swapped_order},
          "the other way round"),
    Wrong(T, "updates in place", {"train_step": step_in_place}, "in place"),
]
