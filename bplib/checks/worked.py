"""Checks for notebook 04, Mazur's 2-2-2 worked example.

The learner writes the example's steps as functions of numpy arrays in the course's
convention (w1 is w^1 with shape (hidden, inputs), x and t are columns):
    forward(w1, b1, w2, b2, x)                   -> (z1, a1, z2, a2)
    output_deltas(out_o, t)                      -> delta_o   (sigmoid + 1/2 (t - out)^2)
    hidden_deltas(w2, delta_o, out_h)            -> delta_h
    update_weights(w1, w2, x, out_h, delta_h, delta_o, eta) -> (new_w1, new_w2)
    train_step(w1, b1, w2, b2, x, t, eta)        -> (new_w1, new_w2)   biases stay fixed
Each check tries random networks of several sizes, then Mazur's own numbers.
"""
import numpy as np

from ..activations import sigmoid
from ..worked import MAZUR, MAZUR_EXACT, MAZUR_PUBLISHED, matches_published, mazur_network, mazur_sample
from ._core import call, compare, passed

SIZES = [(2, 2, 2), (3, 4, 2), (1, 3, 5), (4, 1, 1)]


def _random_net(rng, n_in, n_hid, n_out):
    w1 = rng.normal(0, 0.8, (n_hid, n_in))
    b1 = rng.normal(0, 0.5, (n_hid, 1))
    w2 = rng.normal(0, 0.8, (n_out, n_hid))
    b2 = rng.normal(0, 0.5, (n_out, 1))
    x = rng.uniform(-1, 1, (n_in, 1))
    t = rng.uniform(0, 1, (n_out, 1))
    return w1, b1, w2, b2, x, t


def _mazur():
    net = mazur_network()
    x, t = mazur_sample()
    return net.w[1], net.b[1], net.w[2], net.b[2], x, t


def _forward(w1, b1, w2, b2, x):
    z1 = w1 @ x + b1
    a1 = sigmoid(z1)
    z2 = w2 @ a1 + b2
    return z1, a1, z2, sigmoid(z2)


def _deltas(w1, b1, w2, b2, x, t):
    z1, a1, z2, a2 = _forward(w1, b1, w2, b2, x)
    delta_o = (a2 - t) * a2 * (1 - a2)
    delta_h = (w2.T @ delta_o) * a1 * (1 - a1)
    return a1, a2, delta_h, delta_o


def _cases(seed):
    rng = np.random.default_rng(seed)
    return [_random_net(rng, *s) for s in SIZES] + [_mazur()]


def _as_pair(result, what):
    if not (isinstance(result, (tuple, list)) and len(result) == 2):
        raise AssertionError(f"{what}: expected a pair (new_w1, new_w2), got {type(result).__name__}"
                             + (f" of length {len(result)}" if hasattr(result, "__len__") else ""))
    return result


def check_forward(forward, seed=40):
    worst = 0.0
    names = ("z1 (net inputs of the hidden layer)", "a1 (hidden outputs)",
             "z2 (net inputs of the output layer)", "a2 (outputs)")
    for w1, b1, w2, b2, x, t in _cases(seed):
        got = call(forward, w1, b1, w2, b2, x, what="forward")
        if not (isinstance(got, (tuple, list)) and len(got) == 4):
            raise AssertionError("forward: expected four results (z1, a1, z2, a2)")
        for name, g, e in zip(names, got, _forward(w1, b1, w2, b2, x)):
            hint = ("Did you return the activation where z was asked for, or the other way round?"
                    if name.startswith(("z", "a")) else None)
            worst = max(worst, compare(f"forward: {name}", g, e, hint=hint, seed=seed))
    passed(f"forward: {len(SIZES)} random networks and Mazur's, max relative error {worst:.0e}")


def check_output_deltas(output_deltas, seed=41):
    worst = 0.0
    for case in _cases(seed):
        _, a2, _, delta_o = _deltas(*case)
        t = case[5]
        got = call(output_deltas, a2, t, what="output deltas")
        got_arr = np.asarray(got, dtype=float) if got is not None else None
        if got_arr is not None and got_arr.shape == delta_o.shape:
            if np.allclose(got_arr, -delta_o, rtol=1e-7, atol=1e-14):
                raise AssertionError(
                    "output deltas: every entry has the wrong sign. The course's delta is "
                    "dE/dnet = (out - target) * out * (1 - out), not (target - out) * ...")
            if np.allclose(got_arr, a2 - t, rtol=1e-7, atol=1e-14):
                raise AssertionError(
                    "output deltas: you returned out - target, which is dE/dout only. "
                    "Multiply by the sigmoid's slope dout/dnet = out * (1 - out).")
        worst = max(worst, compare("output deltas", got, delta_o, seed=seed))
    passed(f"output deltas: {len(SIZES)} random networks and Mazur's, max relative error {worst:.0e}")


def check_hidden_deltas(hidden_deltas, seed=42):
    worst = 0.0
    for case in _cases(seed):
        a1, _, delta_h, delta_o = _deltas(*case)
        w2 = case[2]
        got = call(hidden_deltas, w2, delta_o, a1, what="hidden deltas")
        got_arr = np.asarray(got, dtype=float) if got is not None else None
        if got_arr is not None and got_arr.shape == delta_h.shape \
                and not np.allclose(got_arr, delta_h, rtol=1e-7, atol=1e-14):
            if np.allclose(got_arr, w2.T @ delta_o, rtol=1e-7, atol=1e-14):
                raise AssertionError(
                    "hidden deltas: you returned dE/dout_h = w2^T delta_o. Multiply by the "
                    "hidden neurons' slope out_h * (1 - out_h) to get dE/dnet_h.")
            if w2.shape[0] == w2.shape[1] and np.allclose(
                    got_arr, (w2 @ delta_o) * a1 * (1 - a1), rtol=1e-7, atol=1e-14):
                raise AssertionError(
                    "hidden deltas: the transpose is missing. Row j of w2 holds the weights "
                    "INTO output j; hidden neuron k's weights out are column k, so use w2.T @ delta_o.")
        worst = max(worst, compare(
            "hidden deltas", got, delta_h, seed=seed,
            hint="Each hidden neuron's delta sums over the output neurons it feeds: "
                 "w2 transposed times delta_o (w2.T @ delta_o), then times out_h * (1 - out_h)."))
    passed(f"hidden deltas: {len(SIZES)} random networks and Mazur's, max relative error {worst:.0e}")


def check_update_weights(update_weights, seed=43):
    worst = 0.0
    for case in _cases(seed):
        w1, b1, w2, b2, x, t = case
        a1, _, delta_h, delta_o = _deltas(*case)
        eta = 0.5
        got = _as_pair(call(update_weights, w1, w2, x, a1, delta_h, delta_o, eta,
                            what="update weights"), "update weights")
        want1, want2 = w1 - eta * delta_h @ x.T, w2 - eta * delta_o @ a1.T
        wrong_sign = w2 + eta * delta_o @ a1.T
        if np.shape(got[1]) == want2.shape and np.allclose(got[1], wrong_sign) and not np.allclose(want2, wrong_sign):
            raise AssertionError(
                "update weights: the output weights moved uphill. Gradient descent "
                "subtracts: w <- w - eta * dE/dw.")
        worst = max(worst, compare("update weights: new w2 (w5..w8)", got[1], want2, seed=seed,
                                   hint="dE/dw5 = delta_o1 * out_h1: the outer product delta_o a1^T."))
        worst = max(worst, compare("update weights: new w1 (w1..w4)", got[0], want1, seed=seed,
                                   hint="dE/dw1 = delta_h1 * i1: the outer product delta_h x^T."))
    passed(f"update weights: {len(SIZES)} random networks and Mazur's eight weights, "
           f"max relative error {worst:.0e}")


def _error_after(w1, b1, w2, b2, x, t):
    return float(0.5 * np.sum((t - _forward(w1, b1, w2, b2, x)[3]) ** 2))


def check_train_step(train_step, seed=44):
    worst = 0.0
    for case in _cases(seed):
        w1, b1, w2, b2, x, t = case
        a1, _, delta_h, delta_o = _deltas(*case)
        got = _as_pair(call(train_step, w1, b1, w2, b2, x, t, 0.5, what="train step"),
                       "train step")
        worst = max(worst, compare("train step: new w2", got[1], w2 - 0.5 * delta_o @ a1.T, seed=seed))
        worst = max(worst, compare(
            "train step: new w1", got[0], w1 - 0.5 * delta_h @ x.T, seed=seed,
            hint="Compute every delta from the weights of the forward pass before any "
                 "weight moves (the hidden deltas need the OLD w5..w8)."))
    w1, b1, w2, b2, x, t = _mazur()
    new_w1, new_w2 = call(train_step, w1, b1, w2, b2, x, t, MAZUR["eta"], what="train step")
    error = _error_after(new_w1, b1, new_w2, b2, x, t)
    if matches_published(error, MAZUR_PUBLISHED["E_after_1"]):
        raise AssertionError("train step: the error after one step is 0.291027924, the post's "
                             "figure, which needs the already-updated output weights.")
    if not matches_published(error, MAZUR_EXACT["E_after_1"]):
        raise AssertionError(f"train step: on Mazur's network the error after one step is "
                             f"{error:.9f}, expected {MAZUR_EXACT['E_after_1']}")
    passed(f"train step: {len(SIZES)} random networks, max relative error {worst:.0e}; "
           f"Mazur's error after one step {error:.9f}")
