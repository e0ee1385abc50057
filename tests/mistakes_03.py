"""Typical wrong answers to notebook 03 (deltas of identity networks), for tests/test_mistakes.py."""
import numpy as np

from mistakes import Wrong
from test_checks_deltas import (step_misses_first_layer, step_right, step_updated_first,
                                step_updated_first_in_place, step_wrong_matrix_in_bp2)


# ----- output deltas ------------------------------------------------------------------
def output_in_place(out, label):
    out -= label  # overwrites the caller's outputs
    return out


def output_forgot_return(out, label):
    delta = out - label  # noqa: F841 - computed, never returned


def output_flat(out, label):
    return (out - label).ravel()


def output_summed_over_neurons(out, label):
    return np.sum(out - label, axis=0, keepdims=True)


# ----- hidden deltas ------------------------------------------------------------------
def hidden_in_place(w_next, delta_next):
    delta_next *= 1.0  # harmless-looking, but...
    delta_next[0] = 0.0  # ...this overwrites the caller's deltas
    return w_next.T @ delta_next


def hidden_elementwise(w_next, delta_next):
    return w_next.T * delta_next.T  # the paths, never added up


def hidden_summed_over_examples(w_next, delta_next):
    return (w_next.T @ delta_next).sum(axis=1, keepdims=True)


# ----- one update ---------------------------------------------------------------------
def update_in_place(w, a_prev, delta, eta):
    w -= eta * delta @ a_prev.T
    return w


def update_inner_product(w, a_prev, delta, eta):
    return w - eta * (delta.T @ a_prev)  # one number, not a matrix of slopes


# ----- a whole step -------------------------------------------------------------------
def _acts(weights, x):
    a = [x]
    for l in range(1, len(weights)):
        a.append(weights[l] @ a[-1])
    return a


def step_label_minus_out(weights, x, label, eta):
    # Glassner's caption: delta = label - out, and still subtract
    L = len(weights) - 1
    a = _acts(weights, x)
    delta, new = label - a[L], [None] * (L + 1)
    for l in range(L, 0, -1):
        new[l] = weights[l] - eta * delta @ a[l - 1].T
        delta = weights[l].T @ delta
    return new


def step_pairs_with_own_outputs(weights, x, label, eta):
    L = len(weights) - 1
    a = _acts(weights, x)
    delta, new = a[L] - label, [None] * (L + 1)
    for l in range(L, 0, -1):
        new[l] = weights[l] - eta * delta @ a[l].T  # a^l where a^(l-1) belongs
        delta = weights[l].T @ delta
    return new


def step_without_none(weights, x, label, eta):
    return step_right(weights, x, label, eta)[1:]


def step_backwards_list(weights, x, label, eta):
    # appends while going backwards and never reverses: [None, w^L, ..., w^1]
    L = len(weights) - 1
    a = _acts(weights, x)
    delta, new = a[L] - label, [None]
    for l in range(L, 0, -1):
        new.append(weights[l] - eta * delta @ a[l - 1].T)
        delta = weights[l].T @ delta
    return new


def step_no_eta(weights, x, label, eta):
    return step_right(weights, x, label, 1.0)


def step_same_list(weights, x, label, eta):
    # writes into the list it was given: later deltas see the new weights
    L = len(weights) - 1
    a = _acts(weights, x)
    delta = a[L] - label
    for l in range(L, 0, -1):
        weights[l] = weights[l] - eta * delta @ a[l - 1].T
        delta = weights[l].T @ delta
    return weights


O, H, U, T = ("output-deltas-tests", "hidden-deltas-tests", "update-tests",
              "train-step-linear-tests")
WRONG = [
    Wrong(O, "label - out", {"output_deltas": lambda out, label: label - out},
          "every entry has the wrong sign"),
    Wrong(O, "keeps the 1/2", {"output_deltas": lambda out, label: 0.5 * (out - label)},
          "half the right size"),
    Wrong(O, "returns the square", {"output_deltas": lambda out, label: (out - label) ** 2},
          "the error itself"),
    Wrong(O, "returns the error", {"output_deltas": lambda out, label: 0.5 * (out - label) ** 2},
          "the error itself"),
    Wrong(O, "label - out and the 1/2", {"output_deltas": lambda out, label: 0.5 * (label - out)},
          "wrong sign and half the size"),
    Wrong(O, "absolute value", {"output_deltas": lambda out, label: np.abs(out - label)},
          "absolute value"),
    Wrong(O, "averages over the examples",
          {"output_deltas": lambda out, label: (out - label).mean(axis=1, keepdims=True)},
          "do not sum or average"),
    Wrong(O, "sums over the neurons", {"output_deltas": output_summed_over_neurons},
          "summed over the output neurons"),
    Wrong(O, "flattens the column", {"output_deltas": output_flat}, "flat"),
    Wrong(O, "subtracts in place", {"output_deltas": output_in_place}, "in place"),
    Wrong(O, "no return", {"output_deltas": output_forgot_return}, "forget `return`"),

    Wrong(H, "no transpose", {"hidden_deltas": lambda w, d: w @ d}, "the transpose is missing"),
    Wrong(H, "one outgoing path", {"hidden_deltas": lambda w, d: w[:1].T @ d[:1]},
          "only one outgoing path"),
    Wrong(H, "straight across", {"hidden_deltas": lambda w, d: np.diag(w)[:, None] * d},
          "straight-across path"),
    Wrong(H, "delta^T w", {"hidden_deltas": lambda w, d: d.T @ w}, "rows and columns are swapped"),
    Wrong(H, "sums the rows", {"hidden_deltas": lambda w, d: w.sum(axis=1, keepdims=True) * d},
          "summed the rows of w_next"),
    Wrong(H, "wrong sign", {"hidden_deltas": lambda w, d: -(w.T @ d)},
          "every entry has the wrong sign"),
    Wrong(H, "elementwise product", {"hidden_deltas": hidden_elementwise}, "elementwise"),
    Wrong(H, "sums over the examples", {"hidden_deltas": hidden_summed_over_examples},
          "over the examples"),
    Wrong(H, "flattens the column", {"hidden_deltas": lambda w, d: (w.T @ d).ravel()}, "flat"),
    Wrong(H, "overwrites delta_next", {"hidden_deltas": hidden_in_place}, "in place"),

    Wrong(U, "moves uphill", {"update": lambda w, a, d, eta: w + eta * d @ a.T}, "moved uphill"),
    Wrong(U, "no learning rate", {"update": lambda w, a, d, eta: w - d @ a.T},
          "the learning rate is missing"),
    Wrong(U, "eta twice", {"update": lambda w, a, d, eta: w - eta * eta * d @ a.T},
          "applied twice"),
    Wrong(U, "a delta^T", {"update": lambda w, a, d, eta: w - eta * a @ d.T},
          "the outer product is transposed"),
    Wrong(U, "returns the change", {"update": lambda w, a, d, eta: -eta * d @ a.T},
          "the change in the weights"),
    Wrong(U, "returns the slopes", {"update": lambda w, a, d, eta: d @ a.T},
          "you returned the slopes"),
    Wrong(U, "inner product", {"update": update_inner_product}, "inner product"),
    Wrong(U, "updates in place", {"update": update_in_place}, "in place"),

    Wrong(T, "deltas from updated weights", {"train_step_linear": step_updated_first},
          "already been updated"),
    Wrong(T, "deltas from weights updated in place",
          {"train_step_linear": step_updated_first_in_place}, "in place"),
    Wrong(T, "writes into the list it was given", {"train_step_linear": step_same_list},
          "the list it was given"),
    Wrong(T, "label - out", {"train_step_linear": step_label_minus_out}, "label - out"),
    Wrong(T, "pairs delta^l with a^l", {"train_step_linear": step_pairs_with_own_outputs},
          "pair delta^l with a^l"),
    Wrong(T, "delta^l through weights[l]", {"train_step_linear": step_wrong_matrix_in_bp2},
          "came back through the wrong weight matrix"),
    Wrong(T, "layer 1 never moves", {"train_step_linear": step_misses_first_layer},
          "did not move"),
    Wrong(T, "no entry 0", {"train_step_linear": step_without_none}, "entry 0 = None"),
    Wrong(T, "layers in reverse order", {"train_step_linear": step_backwards_list},
          "reverse order"),
    Wrong(T, "no learning rate", {"train_step_linear": step_no_eta}, "learning rate is missing"),
]
