"""Typical wrong answers to notebook 09 (digits), for tests/test_mistakes.py."""
import numpy as np

from mistakes import Wrong
from test_checks_digits import (_variant, confusion_add_at, sgd_copy, sgd_copy_of_arrays,
                                sgd_first_only, sgd_frozen, sgd_ignores_batches, sgd_no_return,
                                sgd_one_step, sgd_overwrites)
# the same wrong answers as its tests
from test_checks_digits import (
    one_hot_whole_rows, predict_right as predict, confusion_fancy_add)


# ----- one_hot ----------------------------------------------------------------------------
def one_hot_rows(labels, n_classes):
    return np.eye(n_classes)[labels]                        # one example per row


def one_hot_minus_one(labels, n_classes):
    return np.eye(n_classes)[np.asarray(labels, dtype=int) - 1].T   # as if labels were 1..n


def one_hot_plus_one(labels, n_classes):
    y = np.zeros((n_classes, len(labels)))
    for i, c in enumerate(labels):
        y[(c + 1) % n_classes, i] = 1.0
    return y


def one_hot_extra_row(labels, n_classes):
    return np.eye(n_classes + 1)[labels].T


def one_hot_from_labels(labels, n_classes):
    return np.eye(int(np.max(labels)) + 1)[labels].T       # rows from the labels seen


def one_hot_squeezed(labels, n_classes):
    return np.squeeze(np.eye(n_classes)[labels].T)


def one_hot_bool(labels, n_classes):
    return np.arange(n_classes)[:, None] == np.asarray(labels)[None, :]


def one_hot_int(labels, n_classes):
    y = np.zeros((n_classes, len(labels)), dtype=int)
    y[labels, np.arange(len(labels))] = 1
    return y


def one_hot_flat(labels, n_classes):
    return np.eye(n_classes)[labels].ravel()


# ----- predict and accuracy ------------------------------------------------------------------
def accuracy(a, labels):
    return float(np.mean(predict(a) == labels))


WRONG_PREDICT = {
    "argmax over axis 1": lambda a: np.argmax(a, axis=1),
    "argmax without an axis": lambda a: np.argmax(a),
    "keepdims left in": lambda a: np.argmax(a, axis=0, keepdims=True),
    "max instead of argmax": lambda a: np.max(a, axis=0),
    "argmin": lambda a: np.argmin(a, axis=0),
    "classes counted from 1": lambda a: np.argmax(a, axis=0) + 1,
}


def accuracy_count(a, labels):
    return int(np.sum(predict(a) == labels))


def accuracy_percent(a, labels):
    return 100 * np.mean(predict(a) == labels)


def accuracy_elementwise(a, labels):
    return predict(a) == labels


def accuracy_error_rate(a, labels):
    return float(np.mean(predict(a) != labels))


def accuracy_by_classes(a, labels):
    return np.sum(predict(a) == labels) / len(a)           # len(a) is the number of rows


def accuracy_axis_1(a, labels):
    return float(np.mean(np.argmax(a, axis=1) == labels))


# ----- sgd_epoch ------------------------------------------------------------------------------
def sgd_averaged_twice(net, x, y, eta, batches):
    for cols in batches:
        g = net.gradient(x[:, cols], y[:, cols])
        for l in range(1, net.L + 1):
            net.w[l] = net.w[l] - eta / len(cols) * g.nabla_w[l]
            net.b[l] = net.b[l] - eta / len(cols) * g.nabla_b[l]
    return net


# ----- confusion_matrix ---------------------------------------------------------------------
def confusion_set_one(true, pred, n):
    counts = np.zeros((n, n), dtype=int)
    for t, p in zip(true, pred):
        counts[t, p] = 1
    return counts


def confusion_rows_normalised(true, pred, n):
    counts = confusion_add_at(true, pred, n)
    with np.errstate(invalid="ignore"):                    # a class that never occurs: 0 / 0
        return counts / counts.sum(axis=1, keepdims=True)


def confusion_percent(true, pred, n):
    return 100 * confusion_add_at(true, pred, n) / len(true)


def confusion_from_labels(true, pred, n):
    return confusion_add_at(true, pred, int(max(np.max(true), np.max(pred))) + 1)


def confusion_minus_one(true, pred, n):
    counts = np.zeros((n, n), dtype=int)
    for t, p in zip(true, pred):
        counts[t - 1, p - 1] += 1                           # as if classes were 1..n
    return counts


OH, PA, SGD, CM = "one-hot-tests", "predict-accuracy-tests", "sgd-epoch-tests", \
    "confusion-matrix-tests"

WRONG = [
    Wrong(OH, "one example per row", {"one_hot": one_hot_rows}, "the matrix is transposed"),
    Wrong(OH, "labels taken as 1..n", {"one_hot": one_hot_minus_one}, "row c - 1: an off-by-one"),
    Wrong(OH, "1 in row c + 1", {"one_hot": one_hot_plus_one}, "row c + 1: an off-by-one"),
    Wrong(OH, "n_classes + 1 rows", {"one_hot": one_hot_extra_row}, "Classes are numbered 0"),
    Wrong(OH, "rows from the largest label", {"one_hot": one_hot_from_labels},
          "the largest label + 1"),
    Wrong(OH, "squeezes a single label", {"one_hot": one_hot_squeezed},
          "a batch of one example"),
    Wrong(OH, "returns booleans", {"one_hot": one_hot_bool}, "the dtype is bool"),
    Wrong(OH, "returns integers", {"one_hot": one_hot_int}, "the dtype is int64"),
    Wrong(OH, "returns a flat array", {"one_hot": one_hot_flat}, "got a flat array"),
    Wrong(OH, "y[labels] = 1 sets whole rows", {"one_hot": one_hot_whole_rows}, "whole rows"),
]
WRONG += [Wrong(PA, f"predict: {mistake}", {"predict": wrong}, fragment)
          for (mistake, wrong), fragment in zip(WRONG_PREDICT.items(), [
              "argmax over axis 1, the examples", "searches the flattened array",
              "expected a 1-D array", "argmax, not max", "argmin", "one too high"])]
WRONG += [
    Wrong(PA, "accuracy: counts, not a fraction", {"accuracy": accuracy_count},
          "the number of right predictions"),
    Wrong(PA, "accuracy: a percentage", {"accuracy": accuracy_percent}, "a percentage"),
    Wrong(PA, "accuracy: not averaged", {"accuracy": accuracy_elementwise},
          "expected a single number"),
    Wrong(PA, "accuracy: the error rate", {"accuracy": accuracy_error_rate}, "error rate"),
    Wrong(PA, "accuracy: divided by the number of classes", {"accuracy": accuracy_by_classes},
          "number of classes"),
    Wrong(PA, "accuracy: argmax over axis 1", {"accuracy": accuracy_axis_1}, "axis 0"),

    Wrong(SGD, "steps uphill", {"sgd_epoch": _variant(sign=-1.0)}, "moved uphill"),
    Wrong(SGD, "eta * eta", {"sgd_epoch": _variant(eta_power=2)}, "(eta * eta)"),
    Wrong(SGD, "2 * eta", {"sgd_epoch": _variant(eta_factor=2.0)}, "(2 * eta)"),
    Wrong(SGD, "forgets eta", {"sgd_epoch": _variant(eta_power=0)}, "ignore the learning rate"),
    Wrong(SGD, "sums over the mini-batch", {"sgd_epoch": _variant(sum_batch=True)},
          "summed over the mini-batch"),
    Wrong(SGD, "averages twice (eta / len(cols))", {"sgd_epoch": sgd_averaged_twice},
          "averaged twice"),
    Wrong(SGD, "biases left alone", {"sgd_epoch": _variant(biases=False)},
          "the biases did not move"),
    Wrong(SGD, "one step for the epoch", {"sgd_epoch": sgd_one_step},
          "one step for the whole epoch"),
    Wrong(SGD, "every step on all the examples", {"sgd_epoch": sgd_ignores_batches},
          "each step used all the examples"),
    Wrong(SGD, "gradients all at the start", {"sgd_epoch": sgd_frozen},
          "computed at the starting weights"),
    Wrong(SGD, "each step from the starting weights", {"sgd_epoch": sgd_overwrites},
          "only the last mini-batch's step survived"),
    Wrong(SGD, "first mini-batch only", {"sgd_epoch": sgd_first_only}, "only one step was taken"),
    Wrong(SGD, "trains a copy", {"sgd_epoch": sgd_copy}, "returned a different object"),
    Wrong(SGD, "updates copies of the arrays", {"sgd_epoch": sgd_copy_of_arrays},
          "the network did not change"),
    Wrong(SGD, "no return", {"sgd_epoch": sgd_no_return}, "end with `return net`"),

    Wrong(CM, "rows are the predictions",
          {"confusion_matrix": lambda t, p, n: confusion_add_at(p, t, n)},
          "the matrix is transposed"),
    Wrong(CM, "fractions of all examples",
          {"confusion_matrix": lambda t, p, n: confusion_add_at(t, p, n) / len(t)},
          "fractions, not counts"),
    Wrong(CM, "rows normalised", {"confusion_matrix": confusion_rows_normalised},
          "fractions, not counts"),
    Wrong(CM, "percentages", {"confusion_matrix": confusion_percent}, "percentages"),
    Wrong(CM, "sized from the labels seen", {"confusion_matrix": confusion_from_labels},
          "size the matrix from n_classes"),
    Wrong(CM, "counts[true, pred] += 1", {"confusion_matrix": confusion_fancy_add},
          "counted only once"),
    Wrong(CM, "counts[t, p] = 1 in a loop", {"confusion_matrix": confusion_set_one},
          "counted only once"),
    Wrong(CM, "classes taken as 1..n", {"confusion_matrix": confusion_minus_one},
          "off-by-one"),
]
