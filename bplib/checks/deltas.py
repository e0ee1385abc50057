"""Checks for notebook 03, deltas for neurons without an activation function.

Every neuron here only adds its weighted inputs (identity activation), the error is the
quadratic E = 1/2 sum (out - label)^2, and there are no biases, as in Glassner's nets
(Deep Learning: From Basics to Practice, ch. 18). Shapes follow the course: w[l] has
shape (n_l, n_(l-1)), entry [j, k] from neuron k of layer l-1 to neuron j of layer l;
columns are examples. The learner writes:
    output_deltas(out, label)             -> delta^L = out - label, shape of out (n_L, m)
    hidden_deltas(w_next, delta_next)     -> delta^l = (w^(l+1))^T delta^(l+1), shape (n_l, m)
        w_next has shape (n_(l+1), n_l), delta_next (n_(l+1), m)
    update(w, a_prev, delta, eta)         -> new w = w - eta * delta a_prev^T, shape of w
        one example: a_prev is a column (n_(l-1), 1), delta a column (n_l, 1)
    train_step_linear(weights, x, label, eta) -> new weights, a list laid out like net.w
        weights[0] is None, weights[l] is w^l; x is a column (n_0, 1), label (n_L, 1);
        every delta from the weights of the forward pass, and only then every update

Each check tries random inputs of several shapes (square and not, one example and
several) and names the most likely mistake when the answer is wrong.
"""
import numpy as np

from .shortcuts import watch_all
from ._core import call, compare, differs, matches, passed


# ----- 1. output deltas --------------------------------------------------------------------
# (output neurons, examples)
OUTPUT_CASES = ((2, 1), (3, 1), (1, 1), (4, 5), (2, 3))


def check_output_deltas(output_deltas, seed=30):
    """delta = out - label for identity outputs and the quadratic error, columns or batches."""
    rng = np.random.default_rng(seed)
    worst = 0.0
    for n, m in OUTPUT_CASES:
        out = rng.normal(0.0, 1.5, (n, m))
        label = np.eye(n)[:, rng.integers(0, n, m)]  # one-hot labels, one column each
        want = out - label
        got = call(output_deltas, out, label, what="output deltas")
        if differs(got, want):
            if matches(got, -want):
                raise AssertionError(
                    "output deltas: every entry has the wrong sign. You returned label - out, "
                    "as one caption of Glassner's (Fig. 18.20) writes it; the course's delta "
                    "is the slope dE/dout = out - label, positive when the output is too big.")
            if matches(got, want / 2):
                raise AssertionError(
                    "output deltas: every entry is half the right size. The 1/2 in "
                    "E = 1/2 (out - label)^2 is there to cancel the 2 that the derivative "
                    "brings down: dE/dout = out - label, with no 1/2 left.")
            if matches(got, want ** 2) or matches(got, want ** 2 / 2):
                raise AssertionError(
                    "output deltas: you returned the error itself (a square), not its slope. "
                    "The delta is dE/dout = out - label.")
            if matches(got, -want / 2):
                raise AssertionError(
                    "output deltas: wrong sign and half the size: use out - label, without "
                    "the 1/2.")
            if matches(got, np.abs(want)):
                raise AssertionError(
                    "output deltas: you returned the absolute value |out - label|. The sign "
                    "is the point: it says which way the output must move. Return out - label.")
        hint = None
        if n > 1 and (matches(got, want.sum(axis=0, keepdims=True)) or
                      matches(got, want.sum(axis=0))):
            raise AssertionError(
                f"output deltas: you summed over the output neurons, shape {np.shape(got)}; "
                f"each output neuron has its own delta: keep the shape ({n}, {m}) of out.")
        if matches(got, want.ravel()):
            hint = (f"You returned a flat array; keep the column shape ({n}, {m}) of out "
                    f"(out - label already has it; no ravel or flatten).")
        elif m > 1 and np.shape(got) in ((n, 1), (n,), (1, m), (m,)):
            hint = ("The delta is one number per neuron AND per example: keep the shape "
                    f"({n}, {m}) of out; do not sum or average over anything.")
        worst = max(worst, compare(f"output deltas, {n} outputs and {m} example(s)", got, want,
                                   hint=hint, seed=seed))
    passed(f"output deltas: {len(OUTPUT_CASES)} random outputs, 1 to 5 examples, max relative "
           f"error {worst:.0e}")


# ----- 2. hidden deltas --------------------------------------------------------------------
# (neurons in layer l+1, neurons in layer l, examples)
HIDDEN_CASES = ((2, 2, 1), (3, 4, 1), (2, 5, 3), (4, 4, 1), (1, 3, 2), (3, 3, 4))


def check_hidden_deltas(hidden_deltas, seed=31):
    """delta^l = (w^(l+1))^T delta^(l+1) for identity neurons, square and not, batches."""
    rng = np.random.default_rng(seed)
    worst = 0.0
    for n_next, n, m in HIDDEN_CASES:
        w_next = rng.normal(0.0, 1.0, (n_next, n))
        delta_next = rng.normal(0.0, 1.0, (n_next, m))
        want = w_next.T @ delta_next
        got = call(hidden_deltas, w_next, delta_next, what="hidden deltas", shape_hint=(
            f"Here w_next has shape ({n_next}, {n}) (one row per neuron of the NEXT layer) "
            f"and delta_next ({n_next}, {m}); the answer has one row per neuron of THIS "
            f"layer, shape ({n}, {m}). Which product of w_next, transposed or not, and "
            f"delta_next has that shape?"))
        if differs(got, want):
            if n == n_next and matches(got, w_next @ delta_next):
                raise AssertionError(
                    "hidden deltas: the transpose is missing. Row j of w_next holds the "
                    "weights INTO neuron j of the next layer; the weights OUT of neuron k of "
                    "this layer are column k, so delta^l = (w_next)^T delta_next.")
            if n_next > 1 and matches(got, w_next[:1].T @ delta_next[:1]):
                raise AssertionError(
                    "hidden deltas: you used only one outgoing path, through the first neuron "
                    "of the next layer. A neuron's output reaches the error through EVERY "
                    "neuron it feeds, and the paths add: A's delta = AC * C's delta + AD * "
                    "D's delta.")
            if n == n_next and matches(got, np.diag(w_next)[:, None] * delta_next):
                raise AssertionError(
                    "hidden deltas: you used only the straight-across path (neuron k to "
                    "neuron k). A neuron's output reaches the error through EVERY neuron it "
                    "feeds, and the paths add: A's delta = AC * C's delta + AD * D's delta.")
            if matches(got, -want):
                raise AssertionError(
                    "hidden deltas: every entry has the wrong sign. The deltas pass back "
                    "through the weights as they are: delta^l = (w_next)^T delta_next, no minus.")
        if matches(got, want):
            worst = max(worst, compare("hidden deltas", got, want, seed=seed))
            continue
        if m == 1 and n_next > 1 and (matches(got, w_next.T * delta_next.T) or
                                      matches(got, w_next * delta_next)):
            raise AssertionError(
                f"hidden deltas: you multiplied elementwise (*), which gives one number per "
                f"path, shape {np.shape(got)}, and never adds the paths up. The matrix "
                f"product @ does both: (w_next)^T @ delta_next, shape ({n}, {m}).")
        if m > 1 and (matches(got, want.sum(axis=1, keepdims=True)) or
                      matches(got, want.mean(axis=1, keepdims=True))):
            raise AssertionError(
                f"hidden deltas: you summed (or averaged) over the examples, shape ({n}, 1); "
                f"every example keeps its own column of deltas, shape ({n}, {m}).")
        if matches(got, want.ravel()):
            raise AssertionError(
                f"hidden deltas: you returned a flat array of shape {np.shape(got)}; keep "
                f"the column shape ({n}, {m}): (w_next)^T @ delta_next already has it.")
        if m == 1 and matches(got, want.T) and n > 1:
            raise AssertionError(
                f"hidden deltas: rows and columns are swapped: you returned a row of shape "
                f"(1, {n}); the course keeps one column per example, shape ({n}, 1). "
                f"(delta_next^T w_next is the transpose of (w_next)^T delta_next.)")
        if m > 1 and matches(got, want.T):
            raise AssertionError(
                f"hidden deltas: rows and columns are swapped: you returned shape ({m}, {n}), "
                f"one row per example; the course keeps one ROW per neuron and one COLUMN per "
                f"example, shape ({n}, {m}).")
        if matches(got, (w_next @ np.ones((n, 1))) * delta_next) or (
                m == 1 and matches(got, ((w_next @ np.ones((n, 1))) * delta_next).ravel())):
            raise AssertionError(
                "hidden deltas: you summed the rows of w_next (the weights INTO each next "
                "neuron) instead of its columns (the weights OUT of each neuron of this "
                "layer). Neuron k's delta adds w_next[j, k] * delta_next[j] over j.")
        worst = max(worst, compare(
            f"hidden deltas, a layer of {n} neurons feeding {n_next}", got, want, seed=seed,
            hint=(f"delta^l has one row per neuron of this layer and one column per example, "
                  f"shape ({n}, {m}): neuron k's delta is the sum over j of "
                  f"w_next[j, k] * delta_next[j].")))
    passed(f"hidden deltas: {len(HIDDEN_CASES)} random layers, square and not, 1 to 4 examples, "
           f"max relative error {worst:.0e}")


# ----- 3. one weight update ----------------------------------------------------------------
# (neurons in layer l, neurons in layer l-1, learning rate)
UPDATE_CASES = ((2, 2, 0.1), (3, 4, 0.5), (1, 3, 0.05), (4, 4, 0.3), (2, 5, 0.2))


def check_update(update, seed=32):
    """new w = w - eta * delta a_prev^T for one example, square and non-square layers."""
    rng = np.random.default_rng(seed)
    worst = 0.0
    for n, n_prev, eta in UPDATE_CASES:
        w = rng.normal(0.0, 1.0, (n, n_prev))
        a_prev = rng.normal(0.0, 1.0, (n_prev, 1))
        delta = rng.normal(0.0, 1.0, (n, 1))
        slope = delta @ a_prev.T
        want = w - eta * slope
        got = call(update, w, a_prev, delta, eta, what="update", shape_hint=(
            f"Here w has shape ({n}, {n_prev}), a_prev ({n_prev}, 1) and delta ({n}, 1): "
            f"the slopes dE/dw must have the shape of w, ({n}, {n_prev}), and the outer "
            f"product delta a_prev^T has it (a_prev delta^T is its transpose)."))
        if differs(got, want):
            if matches(got, w + eta * slope):
                raise AssertionError(
                    "update: the weights moved uphill, so the error grows. Gradient descent "
                    "subtracts the slope: w <- w - eta * delta a_prev^T (with delta = "
                    "out - label at the output).")
            if matches(got, w - slope):
                raise AssertionError(
                    f"update: the learning rate is missing: the step is eta = {eta} times too "
                    f"big. w <- w - eta * delta a_prev^T.")
            if matches(got, w - eta ** 2 * slope):
                raise AssertionError(
                    "update: the learning rate is applied twice (the step is eta^2 * slope). "
                    "Multiply by eta once: w <- w - eta * delta a_prev^T.")
            if n == n_prev and matches(got, w - eta * slope.T):
                raise AssertionError(
                    "update: the outer product is transposed. Entry [j, k] is the weight from "
                    "neuron k of the previous layer to neuron j: its slope is "
                    "a_prev[k] * delta[j], so the product is delta a_prev^T.")
            if matches(got, -eta * slope) or matches(got, eta * slope):
                raise AssertionError(
                    "update: you returned the change in the weights, not the new weights. "
                    "Return w - eta * delta a_prev^T.")
            if n == n_prev and matches(got, w - eta * (delta.T @ a_prev)):
                raise AssertionError(
                    "update: you used the inner product delta^T a_prev, a single number, so "
                    "every weight moved by the same step. Each weight has its own slope "
                    "delta[j] * a_prev[k]: the outer product delta a_prev^T.")
            if matches(got, slope) or matches(got, -slope):
                raise AssertionError(
                    "update: you returned the slopes dE/dw = delta a_prev^T; the function "
                    "should return the new weights w - eta * delta a_prev^T.")
        worst = max(worst, compare(
            f"update, a layer of {n} neurons fed by {n_prev}", got, want, seed=seed,
            hint=(f"The new weights have the shape of w, ({n}, {n_prev}); weight [j, k] "
                  f"moves by -eta * delta[j] * a_prev[k].")))
    passed(f"update: {len(UPDATE_CASES)} random layers, square and not, max relative error "
           f"{worst:.0e}")


# ----- 4. a whole training step of an identity network --------------------------------------
NETS = ([2, 2, 2], [2, 2, 4, 3, 2], [3, 5, 2], [2, 3], [3, 3, 3, 3], [1, 4, 2, 3])
ETA = 0.1


def _forward(weights, x):
    a = [x]
    for l in range(1, len(weights)):
        a.append(weights[l] @ a[l - 1])
    return a


def _step(weights, x, label, eta, variant="right"):
    """One step of gradient descent on an identity network, right or with a known mistake."""
    L = len(weights) - 1
    a = _forward(weights, x)
    new = [None] + [w.copy() for w in weights[1:]]
    delta = a[L] - label
    for l in range(L, 0, -1):
        if variant == "pairs with a^l":
            new[l] = weights[l] - eta * delta @ a[l].T
        else:
            new[l] = weights[l] - eta * delta @ a[l - 1].T
        if l > 1:
            if variant == "updated first":
                delta = new[l].T @ delta
            elif variant == "w[l] in BP2":  # delta^(l-1) through w^(l-1), not w^l
                delta = weights[l - 1].T @ delta
            else:
                delta = weights[l].T @ delta
    return new


def _as_layers(result, L):
    if not isinstance(result, (list, tuple)):
        raise AssertionError(f"train step: expected a list of weight matrices laid out like "
                             f"net.w, got a {type(result).__name__}")
    if len(result) == L and L + 1 > 1:
        raise AssertionError(
            f"train step: your list has {L} entries; the course's layout has {L + 1}, one "
            f"per layer number 0..{L}, with entry 0 = None (the input layer has no weights).")
    if len(result) != L + 1:
        raise AssertionError(f"train step: expected {L + 1} entries (index 0 None, then layers "
                             f"1..{L}), got {len(result)}")
    if result[0] is not None:
        raise AssertionError("train step: entry 0 should be None, like weights[0]: layer 0 "
                             "(the inputs) has no weights")
    return result


def check_train_step_linear(train_step_linear, seed=33):
    """All deltas from the forward pass's weights, then every update, on identity nets."""
    rng = np.random.default_rng(seed)
    worst = 0.0
    for sizes in NETS:
        L = len(sizes) - 1
        weights = [None] + [rng.normal(0.0, 0.8, (sizes[l], sizes[l - 1]))
                            for l in range(1, L + 1)]
        x = rng.normal(0.0, 1.0, (sizes[0], 1))
        label = np.eye(sizes[-1])[:, [rng.integers(0, sizes[-1])]]
        given = [None] + [w.copy() for w in weights[1:]]
        net_text = "-".join(str(s) for s in sizes)
        got = call(train_step_linear, given, x, label, ETA, what="train step",
                   shape_hint=(f"On the {net_text} network weights[l] has shape (n_l, "
                               f"n_(l-1)). A shape error usually means an off-by-one layer "
                               f"index: delta^l comes back through weights[l+1] "
                               f"(transposed), and the slopes of weights[l] pair delta^l "
                               f"with the outputs a^(l-1) of the layer BEFORE it."))
        if any(not np.array_equal(p, q) for p, q in zip(weights[1:], given[1:])):
            raise AssertionError(
                "train step: your function changed the weight matrices it was given, in "
                "place (w -= ... or weights[l] -= ...). Build new arrays instead "
                "(w_new = w - eta * ...): in-place updates are how a later delta ends up "
                "computed with an already-updated weight.")
        got = _as_layers(got, L)
        want = _step(weights, x, label, ETA)
        wrong = [l for l in range(1, L + 1) if not matches(got[l], want[l])]
        if wrong:
            if all(matches(g, v) for g, v in zip(got[1:], _step(weights, x, label, ETA,
                                                              "updated first")[1:])):
                raise AssertionError(
                    f"train step: on the {net_text} network, layer {L} is right but earlier "
                    f"layers are not: their deltas were computed with weights that had "
                    f"already been updated. Compute EVERY delta from the weights of the "
                    f"forward pass first, and only then update the weights.")
            if all(matches(g, 2 * w - v) for g, w, v in zip(got[1:], weights[1:], want[1:])):
                raise AssertionError(
                    "train step: every weight moved uphill (the error grows): a sign slip, "
                    "either delta^L = label - out (the caption trap) or a step that adds. "
                    "Use delta^L = out - label and subtract: "
                    "w^l <- w^l - eta * delta^l (a^(l-1))^T.")
            if L > 1 and all(matches(g, v) for g, v in zip(got[1:], want[:0:-1])):
                raise AssertionError(
                    f"train step: on the {net_text} network your list holds the layers in "
                    f"reverse order (new weights[{L}] at index 1). A loop that runs from layer "
                    f"{L} down to 1 and appends must reverse at the end; or write into "
                    f"new[l] directly.")
            for factor, text in ((1 / ETA, "the learning rate is missing: every step is "
                                           f"1/eta = {1 / ETA:g} times too big"),
                                 (ETA, "the learning rate is applied twice (eta * eta)")):
                if all(matches(g, v) for g, v in zip(
                        got[1:], _step(weights, x, label, ETA * factor)[1:])):
                    raise AssertionError(f"train step: {text}. w^l <- w^l - eta * delta^l "
                                         f"(a^(l-1))^T, with eta once.")
            for variant, text in (
                    ("pairs with a^l", "the slopes of weights[l] pair delta^l with a^l, the "
                                       "outputs of layer l itself; they need a^(l-1), the "
                                       "outputs of the layer that feeds weights[l]"),
                    ("w[l] in BP2", "delta^l came back through the wrong weight matrix; it "
                                    "comes back through weights[l+1], the weights that "
                                    "leave layer l")):
                try:
                    other = _step(weights, x, label, ETA, variant)
                except ValueError:  # the mistake gives a shape error on this network
                    continue
                if all(matches(g, v) for g, v in zip(got[1:], other[1:])):
                    raise AssertionError(f"train step: on the {net_text} network, off-by-one "
                                         f"layer index: {text}.")
            still = [l for l in wrong if matches(got[l], weights[l])]
            if still:
                raise AssertionError(
                    f"train step: on the {net_text} network the weights of layer "
                    f"{still[0]} did not move. Every layer 1..{L} gets an update: check the "
                    f"range of your loops.")
        for l in range(L, 0, -1):
            hint = (f"The output layer: delta^{L} = out - label, new weights[{L}] = "
                    f"weights[{L}] - eta * delta^{L} (a^{L - 1})^T." if l == L else
                    f"Layer {l + 1} is right, so look at delta^{l} = (weights[{l + 1}])^T "
                    f"delta^{l + 1}, computed with the weights of the forward pass, and at "
                    f"the outputs a^{l - 1} it pairs with.")
            worst = max(worst, compare(f"train step, new weights[{l}] of the {net_text} network",
                                       got[l], want[l], hint=hint, seed=seed))
    passed(f"train step: {len(NETS)} random identity networks of depth 1 to 4, max relative "
           f"error {worst:.0e}")


watch_all(globals())  # tripwires for the library shortcuts of each exercise (shortcuts.py)
