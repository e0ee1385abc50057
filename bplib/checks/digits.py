"""Checks for notebook 09, a digit classifier trained with mini-batch SGD.

The learner writes, in the course's convention (one example per column):
    one_hot(labels, n_classes)         -> y, float array (n_classes, m), y[labels[i], i] = 1
        labels is a 1-D integer array of m class numbers in 0..n_classes-1 (m may be 1)
    predict(output_activations)        -> labels, 1-D integer array (m,): the brightest
        output neuron of each column, argmax over axis 0
    accuracy(output_activations, labels) -> one number in [0, 1]: the fraction of columns
        whose prediction equals the label
    confusion_matrix(true_labels, predicted_labels, n_classes) -> counts (n_classes, n_classes);
        entry [i, j] counts examples of true class i predicted as class j
    sgd_epoch(net, x, y, eta, batches) -> net, the SAME network object, updated in place:
        for each array of column indices in ``batches``, in order, one step
        w^l <- w^l - eta * nabla_w^l and b^l <- b^l - eta * nabla_b^l with the gradients of
        net.gradient(x[:, cols], y[:, cols]) (averaged over that mini-batch)

Each check tries fresh random inputs of several sizes (batches of one example and of
several) and names the most likely mistake when it recognises one.
"""
import numpy as np

from ..network import Network
from .shortcuts import watch_all
from ._core import call, compare, matches as _close, passed


def _numbers(got, what):
    """``got`` as a float array, or an AssertionError saying what came back instead."""
    if got is None:
        raise AssertionError(f"{what}: your function returned None. Did you forget `return`?")
    try:
        return np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        raise AssertionError(f"{what}: expected numbers, got a {type(got).__name__}") from None


# ----- Exercise 1: one-hot targets -------------------------------------------------------
# (n_classes, labels as given to the learner); every case is chosen to expose one mistake:
# classes that do not occur, the top class absent, a single label, uint8 labels (as MNIST's).
def _one_hot_cases(rng):
    return [
        (10, rng.permutation(np.r_[np.arange(10), rng.integers(0, 10, 3)])),  # every class
        (4, rng.integers(0, 3, 9)),                                           # class 3 never occurs
        (5, np.array([4, 0, 2, 2, 1])),                                       # square (5, 5)
        (3, rng.integers(0, 3, 6).astype(np.uint8)),                          # uint8, like MNIST's
        (10, np.array([7])),                                                  # one label
    ]


def check_one_hot(one_hot, seed=90):
    rng = np.random.default_rng(seed)
    for n, labels in _one_hot_cases(rng):
        m = labels.size
        want = np.zeros((n, m))
        want[labels.astype(int), np.arange(m)] = 1.0
        what = f"one_hot({labels.tolist()}, {n})"
        raw = call(one_hot, labels, n, what="one_hot")
        got = _numbers(raw, what)
        shape = np.shape(got)
        if shape == (m, n) and m != n:
            raise AssertionError(
                f"{what}: expected shape ({n}, {m}), got ({m}, {n}): the matrix is transposed. "
                f"The course puts one example per COLUMN: one row per class, one column per "
                f"label.")
        if m == 1 and shape == (n,):
            raise AssertionError(
                f"{what}: expected shape ({n}, 1), got ({n},). A single label is still a batch "
                f"of one example: keep it as a column of shape (n_classes, 1).")
        if shape == (m * n,):
            raise AssertionError(f"{what}: expected shape ({n}, {m}), got a flat array of "
                                 f"{m * n} numbers; return the 2-D matrix.")
        if len(shape) == 2 and shape[1] == m and shape[0] == int(labels.max()) + 1 != n:
            raise AssertionError(
                f"{what}: expected {n} rows, got {shape[0]} = the largest label + 1. Take the "
                f"number of rows from n_classes: a class may be missing from a batch of labels "
                f"and still needs its row.")
        if shape == (n + 1, m):
            raise AssertionError(
                f"{what}: expected {n} rows, got {n + 1}. Classes are numbered 0 to "
                f"n_classes - 1, so there are exactly n_classes rows and label c goes in row c.")
        if shape == (n, m) and not _close(got, want):
            if m == n and _close(got, want.T):
                raise AssertionError(
                    f"{what}: the matrix is transposed: column i should hold the one-hot vector "
                    f"of labels[i] (one example per column), so entry [labels[i], i] is 1.")
            rows = np.zeros((n, m))
            rows[np.unique(labels.astype(int))] = 1.0
            if _close(got, rows):
                raise AssertionError(
                    f"{what}: you set whole rows: y[labels] = 1 puts a 1 in EVERY column of each "
                    f"label's row. Give the row and the column together, "
                    f"y[labels, np.arange(m)] = 1, so column i gets its 1 in row labels[i] only.")
            for shift, sense in ((-1, "c - 1"), (1, "c + 1")):
                if _close(got, np.roll(want, shift, axis=0)):
                    raise AssertionError(
                        f"{what}: label c is in row {sense}: an off-by-one. Classes are "
                        f"numbered from 0, so the 1 for label c goes in row c.")
        compare(what, got, want, seed=seed,
                hint=f"Expected shape (n_classes, m) = ({n}, {m}) with one 1 per column, "
                     f"in row labels[i] of column i.")
        dtype = np.asarray(raw).dtype
        if not np.issubdtype(dtype, np.floating):
            raise AssertionError(
                f"{what}: the numbers are right but the dtype is {dtype}. Targets are compared "
                f"with the network's outputs (a - y), so return floats: start from "
                f"np.zeros((n_classes, m)) or convert with .astype(float).")
    passed("one_hot: 5 label arrays (a missing class, one label, uint8 labels), all entries exact")


# ----- Exercise 2: predictions and accuracy ------------------------------------------------
def _activations(rng, n, m):
    """Output activations without ties, so the argmax is unique."""
    return rng.permutation(n * m).reshape(n, m) / (n * m) * 0.98 + 0.01


PREDICT_CASES = ((10, 7), (4, 4), (3, 12), (10, 1))


def check_predict_accuracy(predict, accuracy, seed=91):
    rng = np.random.default_rng(seed)
    for n, m in PREDICT_CASES:
        a = _activations(rng, n, m)
        want = np.argmax(a, axis=0)
        what = f"predict on activations of shape ({n}, {m})"
        got = _numbers(call(predict, a, what="predict"), what)
        shape = np.shape(got)
        if shape == () and int(got) == int(np.argmax(a)) and m > 1:
            raise AssertionError(
                f"{what}: you returned one number, {int(got)}: np.argmax without an axis "
                f"searches the flattened array. Ask for one answer per example (per column): "
                f"axis=0.")
        axis_1 = np.argmax(a, axis=1)
        if (shape == (n,) and n != m) or (n == m and _close(got, axis_1) and not _close(got, want)):
            raise AssertionError(
                f"{what}: you took the argmax over axis 1, the examples. Each COLUMN is one "
                f"example and each row one output neuron, so the predicted class of an example "
                f"is the argmax down its column: axis=0.")
        if shape in ((1, m), (m, 1)) and m > 1:
            raise AssertionError(f"{what}: expected a 1-D array of shape ({m},), got shape "
                                 f"{shape}; drop keepdims or use .ravel().")
        if _close(got, np.max(a, axis=0)):
            raise AssertionError(
                f"{what}: you returned the largest activation of each column; the prediction "
                f"is WHERE it is, the row number (the class): argmax, not max.")
        if _close(got, np.argmin(a, axis=0)) and not _close(got, want):
            raise AssertionError(
                f"{what}: you took the argmin, the WEAKEST output of each column. The "
                f"prediction is the output neuron that fires most: argmax over axis 0.")
        if _close(got, want + 1):
            raise AssertionError(
                f"{what}: every class is one too high. Rows are numbered from 0 and row j is "
                f"class j, so the row number of the largest entry IS the class: do not add 1.")
        compare(what, got, want, seed=seed,
                hint=f"Expected a 1-D array of {m} class numbers, one per column.")
    for n, m in PREDICT_CASES:
        a = _activations(rng, n, m)
        pred = np.argmax(a, axis=0)
        # labels that agree with the prediction for about half the columns
        labels = np.where(rng.random(m) < 0.5, pred, (pred + 1 + rng.integers(0, n - 1, m)) % n)
        if m > 2:
            labels[0], labels[1] = pred[0], (pred[1] + 1) % n  # at least one right, one wrong
        want = float(np.mean(pred == labels))
        what = f"accuracy on activations of shape ({n}, {m})"
        got = call(accuracy, a, labels, what="accuracy", shape_hint=(
            "Your predictions do not line up with the labels: there is one prediction per "
            "example (column), the argmax over axis 0."))
        if got is None:
            raise AssertionError(f"{what}: your function returned None. Did you forget `return`?")
        if np.ndim(got) != 0 or np.size(got) != 1:
            raise AssertionError(f"{what}: expected a single number, got something of shape "
                                 f"{np.shape(got)}. Average the right/wrong comparisons over the "
                                 f"examples.")
        value = float(np.asarray(got, dtype=float))
        if m > 1 and abs(value - want * m) < 1e-9 and abs(value - want) > 1e-9:
            raise AssertionError(
                f"{what}: you returned {value:g}, the number of right predictions out of {m}. "
                f"Accuracy is the fraction: divide by the number of examples (or use np.mean).")
        if abs(value - 100 * want) < 1e-9 and abs(value - want) > 1e-9:
            raise AssertionError(f"{what}: you returned {value:g}, a percentage; return the "
                                 f"fraction between 0 and 1.")
        if abs(value - (1 - want)) < 1e-9 and abs(value - want) > 1e-9:
            raise AssertionError(
                f"{what}: you returned {value:g}, the error rate: the fraction of WRONG "
                f"predictions. Accuracy is the fraction of right ones, prediction == label.")
        if n != m and abs(value - want * m / n) < 1e-9 and abs(value - want) > 1e-9:
            raise AssertionError(
                f"{what}: you returned {value:g}: the right predictions divided by {n}, the "
                f"number of classes (len of the activations counts their rows). Divide by the "
                f"number of examples, {m}, the columns (or use np.mean).")
        wrong_axis = np.argmax(a, axis=1)
        if n == m and abs(value - float(np.mean(wrong_axis == labels))) < 1e-12 \
                and abs(value - want) > 1e-12:
            raise AssertionError(f"{what}: your predictions come from the argmax over axis 1; "
                                 f"the class of each example (column) is the argmax over axis 0.")
        compare(what, value, want, seed=seed)
    passed(f"predict and accuracy: {len(PREDICT_CASES)} batches each (1 to 12 examples, "
           f"2 to 10 classes), all exact")


# ----- Exercise 4: the confusion matrix ----------------------------------------------------
# (n_classes, m, classes that never occur)
CONFUSION_CASES = ((10, 60, ()), (4, 25, (3,)), (5, 14, (0,)), (3, 1, ()), (6, 30, (2, 5)))


def _counts(true, pred, n):
    counts = np.zeros((n, n), dtype=int)
    for t, p in zip(true, pred):
        counts[t, p] += 1
    return counts


def check_confusion_matrix(confusion_matrix, seed=92):
    rng = np.random.default_rng(seed)
    for n, m, absent in CONFUSION_CASES:
        present = np.array([c for c in range(n) if c not in absent])
        true = rng.choice(present, m)
        # mostly right, some confusions, and at least one asymmetric confusion
        pred = np.where(rng.random(m) < 0.6, true, rng.choice(present, m))
        if m > 2:
            true[:2], pred[:2] = present[0], present[-1]
        want = _counts(true, pred, n)
        what = f"confusion_matrix for {m} examples and {n} classes"
        got = _numbers(call(confusion_matrix, true, pred, n, what="confusion_matrix"), what)
        shape = np.shape(got)
        if len(shape) == 2 and shape[0] == shape[1] and shape[0] < n:
            raise AssertionError(
                f"{what}: expected shape ({n}, {n}), got {shape}. Every class gets a row and a "
                f"column, even one that never occurs (here class{'es' if len(absent) > 1 else ''} "
                f"{', '.join(map(str, absent))}): size the matrix from n_classes, not from the "
                f"labels you see.")
        if shape == (n, n) and not _close(got, want):
            if _close(got, want.T):
                raise AssertionError(
                    f"{what}: the matrix is transposed. Rows are the TRUE classes and columns "
                    f"the PREDICTED ones: entry [i, j] counts examples of class i that the "
                    f"network called j.")
            if _close(got, (want > 0).astype(float)):
                raise AssertionError(
                    f"{what}: every entry is 0 or 1, so a pair (i, j) that occurs several times "
                    f"was counted only once. counts[true, pred] += 1 does that (numpy applies a "
                    f"repeated index once), and so does counts[i, j] = 1. Add 1 per example: "
                    f"counts[i, j] += 1 in a loop over the pairs, or np.add.at(counts, "
                    f"(true, pred), 1).")
            for shift in (-1, 1):
                if _close(got, np.roll(want, (shift, shift), axis=(0, 1))):
                    raise AssertionError(
                        f"{what}: every count is one row and one column off: an off-by-one. "
                        f"Classes are numbered from 0, so an example of true class i predicted "
                        f"as j goes in entry [i, j], with no shift.")
            if _close(got, want * 100 / m):
                raise AssertionError(
                    f"{what}: your entries are percentages of all the examples, not counts. "
                    f"Entry [i, j] is the number of examples of true class i predicted as j; "
                    f"the whole matrix sums to the number of examples, {m}.")
            finite = np.nan_to_num(got, nan=0.0)
            rows = want / np.maximum(want.sum(axis=1, keepdims=True), 1)
            cols = want / np.maximum(want.sum(axis=0, keepdims=True), 1)
            if any(_close(finite, v) for v in (want / m, rows, cols)) or \
                    not np.all(np.isfinite(got)):
                raise AssertionError(
                    f"{what}: your entries are fractions, not counts. Entry [i, j] is the "
                    f"number of examples of true class i predicted as j; the whole matrix sums "
                    f"to the number of examples, {m}.")
        compare(what, got, want, seed=seed,
                hint=f"Entry [i, j] counts the examples with true label i and predicted label "
                     f"j; the matrix is ({n}, {n}) and sums to {m}.")
    passed(f"confusion_matrix: {len(CONFUSION_CASES)} label sets (1 to 60 examples, classes "
           f"that never occur), all counts exact")


# ----- Exercise 3: one epoch of mini-batch SGD -----------------------------------------------
class _NoStep(Network):
    """A Network whose step method is off limits: the update is what the exercise practises."""

    def step(self, grads, eta):
        raise AssertionError(
            "net.step is switched off here: write the update yourself (w <- w - eta * "
            "nabla_w, b <- b - eta * nabla_b for every layer); net.step is what your function "
            "is compared with. net.gradient, net.w, net.b and net.L are fine.")


# (sizes, activations, cost, batch sizes in order, eta); the batches split a permutation
SGD_CASES = (
    ([4, 3, 2], "sigmoid", "quadratic", (4, 4, 3), 0.7),
    ([5, 4, 3, 3], "sigmoid", "cross_entropy", (1, 1, 1, 1, 1), 1.3),
    ([3, 4, 4, 2], ["relu", "tanh", "sigmoid"], "quadratic", (5, 1, 3, 2), 0.35),
    ([6, 5, 10], "sigmoid", "cross_entropy", (2, 6, 3), 0.9),
)


def _random_case(rng, sizes, activations, cost, batch_sizes, seed):
    net = _NoStep(sizes, activations, cost, seed=seed)
    for l in range(1, net.L + 1):
        net.b[l] = rng.normal(0.0, 0.5, net.b[l].shape)
    m = sum(batch_sizes)
    x = rng.normal(0.0, 1.0, (sizes[0], m))
    y = rng.uniform(0.0, 1.0, (sizes[-1], m))
    if cost == "cross_entropy":
        y = np.round(y)
    order = rng.permutation(m)
    ends = np.cumsum(batch_sizes)
    batches = [order[e - s:e] for s, e in zip(batch_sizes, ends)]
    return net, x, y, batches


def _run(net, x, y, batches, eta, scale=lambda cols: 1.0, data=None, move_b=True,
         freeze=False):
    """A variant of the epoch: ``scale`` multiplies each step, ``data`` replaces each batch's
    columns, ``move_b`` False keeps the biases, ``freeze`` takes every gradient at the
    starting weights and applies their sum at the end."""
    net = net.copy()
    start = net.copy()
    total_w = [None] + [np.zeros_like(net.w[l]) for l in range(1, net.L + 1)]
    total_b = [None] + [np.zeros_like(net.b[l]) for l in range(1, net.L + 1)]
    for cols in batches:
        cols = data if data is not None else cols
        g = (start if freeze else net).backward((start if freeze else net).forward(x[:, cols]),
                                                y[:, cols])
        for l in range(1, net.L + 1):
            if freeze:
                total_w[l] += g.nabla_w[l]
                total_b[l] += g.nabla_b[l]
                continue
            net.w[l] = net.w[l] - eta * scale(cols) * g.nabla_w[l]
            if move_b:
                net.b[l] = net.b[l] - eta * scale(cols) * g.nabla_b[l]
    if freeze:
        for l in range(1, net.L + 1):
            net.w[l] = net.w[l] - eta * total_w[l]
            net.b[l] = net.b[l] - eta * total_b[l]
    return net


def _same_params(net, other):
    return all(_close(p, q) for (_, _, p), (_, _, q) in zip(net.params(), other.params()))


def _sgd_mistakes(start, x, y, batches, eta):
    """(variant network, message) pairs for the mistakes the check recognises."""
    everything = np.concatenate(batches)
    return [
        (start, "the network did not change. Update net.w[l] and net.b[l] themselves "
                "(net.w[l] = net.w[l] - ...), not a copy of them."),
        (_run(start, x, y, batches, -eta), "the weights moved uphill: every step has the "
                                           "wrong sign. Gradient descent subtracts: "
                                           "w <- w - eta * nabla_w."),
        (_run(start, x, y, batches, eta * eta), "the learning rate was applied twice "
                                                "(eta * eta): multiply the gradient by eta once."),
        (_run(start, x, y, batches, 2 * eta), "every step is twice as long: the learning rate "
                                              "was applied twice (2 * eta)."),
        (_run(start, x, y, batches, 1.0), "the steps ignore the learning rate: multiply each "
                                          "gradient by eta."),
        (_run(start, x, y, batches, eta, scale=len), "each step is as many times too long as "
                                                     "the batch has examples: the gradient was "
                                                     "summed over the mini-batch. "
                                                     "net.gradient already averages; use its "
                                                     "nabla_w and nabla_b as they are."),
        (_run(start, x, y, batches, eta, scale=lambda cols: 1 / len(cols)),
         "each step is as many times too SHORT as the batch has examples: the gradient was "
         "averaged twice (eta / len(cols), or a mean of nabla_w). net.gradient already "
         "averages over the mini-batch; use its nabla_w and nabla_b as they are."),
        (_run(start, x, y, [everything], eta), "you took one step for the whole epoch, with the "
                                               "gradient of all the examples together. Take one "
                                               "step per mini-batch, in the order given."),
        (_run(start, x, y, batches, eta, freeze=True), "every gradient was computed at the "
                                                       "starting weights and applied at the end. "
                                                       "Each step must use the weights the "
                                                       "previous step left."),
        (_run(start, x, y, batches[-1:], eta), "only the last mini-batch's step survived. Each "
                                               "step must start from the weights the previous "
                                               "one left."),
        (_run(start, x, y, batches[:1], eta), "only one step was taken, with the first "
                                              "mini-batch. Loop over every array in batches."),
        (_run(start, x, y, batches, eta, data=everything), "each step used all the examples, not "
                                                           "its mini-batch: take the columns "
                                                           "x[:, cols], y[:, cols] of each batch."),
        (_run(start, x, y, batches, eta, move_b=False), "the weights are right but the biases did "
                                                        "not move: b <- b - eta * nabla_b too."),
    ]


def check_sgd_epoch(sgd_epoch, seed=93):
    rng = np.random.default_rng(seed)
    worst = 0.0
    for i, (sizes, activations, cost, batch_sizes, eta) in enumerate(SGD_CASES):
        net, x, y, batches = _random_case(rng, sizes, activations, cost, batch_sizes, seed + i)
        start = net.copy()
        want = _run(start, x, y, batches, eta)
        where = (f" ({net}, {len(batches)} mini-batches of {list(batch_sizes)} examples, "
                 f"eta = {eta})")
        # call() hands over copies of x, y and the batches, and fails if any is changed
        result = call(sgd_epoch, net, x, y, eta, batches, what="sgd_epoch")
        if result is None:
            raise AssertionError(
                "sgd_epoch: your function returned None. Update the network you are given in "
                "place and end with `return net`.")
        if result is not net:
            moved = not _same_params(net, start)
            raise AssertionError(
                "sgd_epoch: you returned a different object from the network you were given"
                + (" and left that network unchanged" if not moved else "")
                + ". This exercise updates the given network in place (as the notebook says) "
                  "and returns that same object: no net.copy(), end with `return net`.")
        if not _same_params(net, want):
            for variant, message in _sgd_mistakes(start, x, y, batches, eta):
                if _same_params(net, variant):
                    raise AssertionError(f"sgd_epoch: {message}{where}")
        for kind, l, p in want.params():
            got = (net.w if kind == "w" else net.b)[l]
            worst = max(worst, compare(
                f"sgd_epoch: {kind}[{l}] after the epoch{where}", got, p, seed=seed,
                hint=f"{kind}[{l}] keeps its shape {p.shape}; after each mini-batch, "
                     f"{kind} <- {kind} - eta * nabla_{kind} from net.gradient(x[:, cols], "
                     f"y[:, cols])."))
    passed(f"sgd_epoch: {len(SGD_CASES)} random networks, mini-batches of 1 to 6 examples, "
           f"updated in place, max relative error {worst:.0e}")


watch_all(globals())  # tripwires for the library shortcuts of each exercise (shortcuts.py)
