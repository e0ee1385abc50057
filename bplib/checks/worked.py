"""Checks for notebook 04, Mazur's 2-2-2 worked example.

The learner writes the example's steps as functions of numpy arrays in the course's
convention (w1 is w^1 with shape (hidden, inputs), x and t are columns):
    forward(w1, b1, w2, b2, x)                   -> (z1, a1, z2, a2)
    output_deltas(out_o, t)                      -> delta_o   (sigmoid + 1/2 (t - out)^2)
    hidden_deltas(w2, delta_o, out_h)            -> delta_h
    update_weights(w1, w2, x, out_h, delta_h, delta_o, eta) -> (new_w1, new_w2)
    train_step(w1, b1, w2, b2, x, t, eta)        -> (new_w1, new_w2)   biases stay fixed
Each check tries Mazur's own numbers, then random networks of several sizes (square
layers first, so a missing transpose shows up as wrong numbers that can be named rather
than as a shape error). For each typical mistake it computes what that mistake returns
on the same inputs and names it if the learner's result equals it.
"""
import numpy as np

from ..activations import sigmoid
from ..worked import MAZUR, MAZUR_EXACT, matches_published, mazur_network, mazur_sample
from .shortcuts import watch_all
from ._core import as_tuple, call, compare, diagnose, matches, passed

SIZES = [(2, 2, 2), (3, 3, 3), (3, 4, 2), (1, 3, 5), (4, 1, 1)]


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
    return [_mazur()] + [_random_net(rng, *s) for s in SIZES]


def _square(*arrays):
    return all(a.shape[0] == a.shape[1] for a in arrays)


# ----- forward ------------------------------------------------------------------------
def check_forward(forward, seed=40):
    worst = 0.0
    names = ("z1 (net inputs of the hidden layer)", "a1 (hidden outputs)",
             "z2 (net inputs of the output layer)", "a2 (outputs)")
    for w1, b1, w2, b2, x, t in _cases(seed):
        got = as_tuple(call(forward, w1, b1, w2, b2, x, what="forward"), "forward",
                        "z1, a1, z2, a2")
        want = _forward(w1, b1, w2, b2, x)
        mistakes = [
            (_forward(w1, 0 * b1, w2, 0 * b2, x),
             "the biases are missing: z = w a + b, with b added to every neuron's "
             "weighted sum."),
            ((want[1], want[0], want[3], want[2]),
             "z and a are swapped: z is the weighted sum (net), a = sigmoid(z) the output."),
        ]
        mistakes += [
            (_forward(w1, 0 * b1, w2, b2, x),
             "the hidden layer's bias b1 is missing: z1 = w1 @ x + b1."),
            (_forward(w1, b1, w2, 0 * b2, x),
             "the output layer's bias b2 is missing: z2 = w2 @ a1 + b2."),
            ((want[0], want[1], want[2], want[2]),
             "the output neurons' sigmoid is missing: a2 = sigmoid(z2), not z2."),
        ]
        late_z1 = w1 @ x
        late_a1 = sigmoid(late_z1) + b1
        late_z2 = w2 @ late_a1
        mistakes.append(((late_z1, late_a1, late_z2, sigmoid(late_z2) + b2),
                         "the biases were added after the sigmoid. A bias belongs to the "
                         "weighted sum: z = w a + b first, then a = sigmoid(z)."))
        flipped_a1 = 1 - want[1]  # 1 / (1 + exp(z)) = 1 - sigmoid(z)
        flipped_z2 = w2 @ flipped_a1 + b2
        mistakes.append(((want[0], flipped_a1, flipped_z2, 1 - sigmoid(flipped_z2)),
                         "your sigmoid falls as z grows: 1 / (1 + exp(z)) lost a minus sign. "
                         "The logistic sigmoid is 1 / (1 + exp(-z))."))
        z2_linear = w2 @ want[0] + b2
        mistakes.append(((want[0], want[0], z2_linear, sigmoid(z2_linear)),
                         "the hidden neurons' sigmoid is missing: the output layer takes "
                         "a1 = sigmoid(z1), not z1."))
        if _square(w1, w2):
            mistakes.append((_forward(w1.T, b1, w2.T, b2, x),
                             "the weight matrices are transposed: row j of w holds the weights "
                             "INTO neuron j, so z = w @ x (no transpose)."))
        for wrong, text in mistakes:  # a mistake shows in all four results together
            if not all(matches(w, e) for w, e in zip(wrong, want)) and \
                    all(matches(g, w) for g, w in zip(got, wrong)):
                raise AssertionError(f"forward: {text}")
        for i, (name, g, e) in enumerate(zip(names, got, want)):
            worst = max(worst, compare(
                f"forward: {name}", g, e, seed=seed,
                hint="z1 = w1 @ x + b1 has one row per hidden neuron: w1 has shape "
                     "(hidden, inputs)."))
    passed(f"forward: Mazur's network and {len(SIZES)} random ones, max relative error "
           f"{worst:.0e}")


# ----- output deltas ---------------------------------------------------------------------
def check_output_deltas(output_deltas, seed=41):
    worst = 0.0
    for case in _cases(seed):
        _, a2, _, delta_o = _deltas(*case)
        t = case[5]
        got = call(output_deltas, a2, t, what="output deltas")
        diagnose("output deltas", got, delta_o, [
            (-delta_o, "every entry has the wrong sign. The course's delta is dE/dnet = "
                       "(out - target) * out * (1 - out), positive when the output is too "
                       "big; (target - out) is the other convention (notebook 03's trap)."),
            (a2 - t, "you returned out - target, which is dE/dout only. Multiply by the "
                     "sigmoid's slope dout/dnet = out * (1 - out)."),
            ((a2 - t) * sigmoid.prime(a2),
             "you applied the sigmoid's slope to out, but out is already sigmoid(net): "
             "the slope at net is out * (1 - out), no second sigmoid."),
            ((a2 - t) * a2, "the slope is incomplete: dout/dnet = out * (1 - out)."),
            ((a2 - t) * (1 - a2), "the slope is incomplete: dout/dnet = out * (1 - out)."),
            (2 * delta_o, "twice too big: the 1/2 in E = 1/2 (target - out)^2 cancels "
                          "the 2 from the square."),
            (delta_o / 2, "half the right size: the 1/2 in E = 1/2 (target - out)^2 is "
                          "already cancelled by the 2 from the square; do not halve again."),
            (delta_o.ravel(), f"you returned a flat array of shape {delta_o.ravel().shape}; "
                              f"keep the column shape {delta_o.shape} of out_o."),
        ])
        worst = max(worst, compare("output deltas", got, delta_o, seed=seed,
                                   hint="One delta per output neuron, a column like out_o."))
    passed(f"output deltas: Mazur's network and {len(SIZES)} random ones, max relative "
           f"error {worst:.0e}")


# ----- hidden deltas --------------------------------------------------------------------
def check_hidden_deltas(hidden_deltas, seed=42):
    worst = 0.0
    for case in _cases(seed):
        a1, _, delta_h, delta_o = _deltas(*case)
        w2 = case[2]
        got = call(hidden_deltas, w2, delta_o, a1, what="hidden deltas")
        back = w2.T @ delta_o
        mistakes = [
            (back, "you returned dE/dout_h = w2^T delta_o. Multiply by the hidden neurons' "
                   "slope out_h * (1 - out_h) to get dE/dnet_h."),
            (back * sigmoid.prime(a1),
             "you applied the sigmoid's slope to out_h, which is already sigmoid(net_h): "
             "the slope at net_h is out_h * (1 - out_h)."),
            (back * a1, "the slope is incomplete: dout_h/dnet_h = out_h * (1 - out_h)."),
            (back * (1 - a1), "the slope is incomplete: dout_h/dnet_h = out_h * (1 - out_h)."),
            ((delta_o.T @ w2) * a1 * (1 - a1),
             f"delta_o^T w2 is a row; times the column out_h * (1 - out_h) numpy broadcasts "
             f"it to a {a1.shape[0]} by {a1.shape[0]} matrix. Use the column w2.T @ delta_o."),
            (-delta_h, "every entry has the wrong sign: dE/dout_h = w2^T delta_o, with the "
                       "output deltas as they are."),
        ]
        if _square(w2):
            mistakes.append(((w2 @ delta_o) * a1 * (1 - a1),
                             "the transpose is missing. Row j of w2 holds the weights INTO "
                             "output j; hidden neuron k's weights out are column k, so use "
                             "w2.T @ delta_o."))
            mistakes.append((np.diag(w2).reshape(-1, 1) * delta_o * a1 * (1 - a1),
                             "each hidden delta uses one output only. A hidden neuron feeds "
                             "every output, so its delta sums over all of them: "
                             "delta_h1 = (delta_o1 w5 + delta_o2 w7) out_h1 (1 - out_h1)."))
        diagnose("hidden deltas", got, delta_h, mistakes)
        worst = max(worst, compare(
            "hidden deltas", got, delta_h, seed=seed,
            hint="Each hidden neuron's delta sums over the output neurons it feeds: "
                 "w2 transposed times delta_o, then times out_h * (1 - out_h)."))
    passed(f"hidden deltas: Mazur's network and {len(SIZES)} random ones, max relative "
           f"error {worst:.0e}")


# ----- update weights -----------------------------------------------------------------
def _update_mistakes(w1, w2, x, a1, delta_h, delta_o, eta):
    """(what the mistake returns as (new_w1, new_w2), explanation)."""
    g1, g2 = delta_h @ x.T, delta_o @ a1.T
    found = [
        ((w1 + eta * g1, w2 + eta * g2), "the weights moved uphill. Gradient descent "
                                         "subtracts: w <- w - eta * dE/dw."),
        ((w1 - g1, w2 - g2), "the learning rate is missing: w <- w - eta * dE/dw."),
        ((w1 - eta ** 2 * g1, w2 - eta ** 2 * g2), "the learning rate is applied twice "
                                                   "(eta * eta): once is enough."),
        ((w1 - eta * g1, w2 + eta * g2), "the output weights moved uphill: subtract "
                                         "eta * dE/dw."),
        ((w1 + eta * g1, w2 - eta * g2), "the hidden weights moved uphill: subtract "
                                         "eta * dE/dw."),
    ]
    if _square(w1, w2):
        found.append(((w1 - eta * x @ delta_h.T, w2 - eta * a1 @ delta_o.T),
                      "the outer products are transposed. dE/dw[j, k] = delta_j * out_k "
                      "(k sends, j receives): delta @ out.T, not out @ delta.T."))
    if x.shape == a1.shape:
        found.append(((w1 - eta * delta_h @ a1.T, w2 - eta * delta_o @ x.T),
                      "the inputs of the two layers are swapped: w1 moves with x "
                      "(delta_h x^T), w2 with out_h (delta_o out_h^T)."))
    if delta_h.shape == x.shape and delta_o.shape == a1.shape:
        found.append(((w1 - eta * (delta_h.T @ x), w2 - eta * (delta_o.T @ a1)),
                      "you used inner products delta^T out (one number each), so every "
                      "weight of a layer moved by the same step. Each weight has its own "
                      "slope delta_j * out_k: the outer product delta @ out.T."))
    if w1.shape == w2.shape:
        found.append(((w2 - eta * g2, w1 - eta * g1),
                      "you returned (new_w2, new_w1); the pair goes the other way round: "
                      "(new_w1, new_w2), the hidden layer's weights first."))
    return found


def check_update_weights(update_weights, seed=43):
    worst = 0.0
    for case in _cases(seed):
        w1, b1, w2, b2, x, t = case
        a1, _, delta_h, delta_o = _deltas(*case)
        eta = 0.5
        got = as_tuple(call(update_weights, w1, w2, x, a1, delta_h, delta_o, eta,
                             what="update weights", shape_hint=(
                                 f"Here x has shape {x.shape} and delta_h {delta_h.shape}: "
                                 f"dE/dw1 has the shape of w1, {w1.shape}, and the outer "
                                 f"product delta_h @ x.T, a column times a row, has it.")),
                       "update weights", "new_w1, new_w2")
        want = (w1 - eta * delta_h @ x.T, w2 - eta * delta_o @ a1.T)
        for i, name in ((1, "new w2 (w5..w8)"), (0, "new w1 (w1..w4)")):
            diagnose("update weights", got[i], want[i],
                     [(m[i], text) for m, text in _update_mistakes(w1, w2, x, a1, delta_h,
                                                                   delta_o, eta)])
            worst = max(worst, compare(
                f"update weights: {name}", got[i], want[i], seed=seed,
                hint=("dE/dw5 = delta_o1 * out_h1: the outer product delta_o out_h^T."
                      if i else "dE/dw1 = delta_h1 * i1: the outer product delta_h x^T.")))
    passed(f"update weights: Mazur's eight weights and {len(SIZES)} random networks, max "
           f"relative error {worst:.0e}")


# ----- train step ----------------------------------------------------------------------
def _error_after(w1, b1, w2, b2, x, t):
    return float(0.5 * np.sum((t - _forward(w1, b1, w2, b2, x)[3]) ** 2))


def _step_with(case, eta, slope="a", biases=True, hidden_slope=True, output_slope=True):
    """(new_w1, new_w2) of a train step with one of the known mistakes in its deltas."""
    w1, b1, w2, b2, x, t = case
    if not biases:
        b1, b2 = 0 * b1, 0 * b2
    z1, a1, z2, a2 = _forward(w1, b1, w2, b2, x)
    slopes = {"a": lambda z, a: a * (1 - a), "z": lambda z, a: z * (1 - z),
              "z at the output": lambda z, a: z * (1 - z) if a is a2 else a * (1 - a),
              "z at the hidden layer": lambda z, a: z * (1 - z) if a is a1 else a * (1 - a),
              "sigmoid'(a)": lambda z, a: sigmoid.prime(a)}[slope]
    delta_o = (a2 - t) * (slopes(z2, a2) if output_slope else 1)
    delta_h = (w2.T @ delta_o) * (slopes(z1, a1) if hidden_slope else 1)
    return w1 - eta * delta_h @ x.T, w2 - eta * delta_o @ a1.T


_SLOPE_AT_Z = ("the sigmoid's slope was computed as net * (1 - net), from z{where}; the slope "
               "at net is out * (1 - out), from out = sigmoid(net), the a of the forward pass.")
_STEP_MISTAKES = [
    ({"slope": "z"}, _SLOPE_AT_Z.format(where="")),
    ({"slope": "z at the output"}, _SLOPE_AT_Z.format(where=" in the output deltas")),
    ({"slope": "z at the hidden layer"}, _SLOPE_AT_Z.format(where=" in the hidden deltas")),
    ({"slope": "sigmoid'(a)"}, "you applied the sigmoid's slope to out, but out is already "
                               "sigmoid(net): the slope at net is out * (1 - out)."),
    ({"biases": False}, "the biases are missing from the forward pass. They stay fixed in "
                        "this step, but they still count: z = w a + b, then out = sigmoid(z)."),
    ({"hidden_slope": False}, "the hidden neurons' slope out_h * (1 - out_h) is missing: "
                              "delta_h = (w2^T delta_o) * out_h * (1 - out_h)."),
    ({"output_slope": False}, "the output neurons' slope out_o * (1 - out_o) is missing: "
                              "delta_o = (out_o - t) * out_o * (1 - out_o)."),
]


def check_train_step(train_step, seed=44):
    worst = 0.0
    for case in _cases(seed):
        w1, b1, w2, b2, x, t = case
        a1, _, delta_h, delta_o = _deltas(*case)
        eta = 0.5
        got = as_tuple(call(train_step, w1, b1, w2, b2, x, t, eta, what="train step"),
                        "train step", "new_w1, new_w2")
        want = (w1 - eta * delta_h @ x.T, w2 - eta * delta_o @ a1.T)
        moved_w2 = want[1]
        delta_h_late = (moved_w2.T @ delta_o) * a1 * (1 - a1)
        mistakes = _update_mistakes(w1, w2, x, a1, delta_h, delta_o, eta) + [
            ((w1 - eta * delta_h_late @ x.T, moved_w2),
             "the hidden deltas were computed with the already-updated w5..w8. Compute "
             "every delta from the weights of the forward pass before any weight moves."),
            ((w1, moved_w2), "w1 did not move: the hidden layer's weights learn too, "
                             "from delta_h = (w2^T delta_o) * out_h * (1 - out_h)."),
        ] + [(_step_with(case, eta, **variant), text) for variant, text in _STEP_MISTAKES]
        for i, name in ((1, "new w2"), (0, "new w1")):
            diagnose("train step", got[i], want[i], [(m[i], text) for m, text in mistakes])
            worst = max(worst, compare(
                f"train step: {name}", got[i], want[i], seed=seed,
                hint=("new w2 = w2 - eta * delta_o out_h^T, with delta_o = (out_o - t) * "
                      "out_o * (1 - out_o) from a forward pass that adds the biases." if i else
                      "new w1 = w1 - eta * delta_h x^T, with delta_h = (w2^T delta_o) * "
                      "out_h * (1 - out_h), w2 as it was in the forward pass.")))
    w1, b1, w2, b2, x, t = _mazur()
    new_w1, new_w2 = call(train_step, w1, b1, w2, b2, x, t, MAZUR["eta"], what="train step")
    error = _error_after(new_w1, b1, new_w2, b2, x, t)
    if not matches_published(error, MAZUR_EXACT["E_after_1"]):
        raise AssertionError(f"train step: on Mazur's network the error after one step is "
                             f"{error:.9f}, expected {MAZUR_EXACT['E_after_1']}")
    passed(f"train step: Mazur's network and {len(SIZES)} random ones, max relative error "
           f"{worst:.0e}; Mazur's error after one step {error:.9f}")



watch_all(globals())  # tripwires for the library shortcuts of each exercise (shortcuts.py)
