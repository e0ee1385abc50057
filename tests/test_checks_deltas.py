"""The checks of notebook 03 accept right answers in any form and reject typical mistakes."""
import numpy as np
import pytest

from bplib.checks.deltas import (check_hidden_deltas, check_output_deltas, check_train_step_linear,
                                 check_update)


def unanswered(*args):
    raise NotImplementedError()


@pytest.mark.parametrize("check", [check_output_deltas, check_hidden_deltas, check_update,
                                   check_train_step_linear])
def test_unanswered_passes_not_implemented_through(check):
    with pytest.raises(NotImplementedError):
        check(unanswered)


# ----- 1. output deltas ----------------------------------------------------------------
def output_loops(out, label):
    delta = np.zeros(np.shape(out))
    for j in range(delta.shape[0]):
        for i in range(delta.shape[1]):
            delta[j, i] = out[j, i] - label[j, i]
    return delta


@pytest.mark.parametrize("right", [lambda out, label: out - label,
                                   lambda out, label: np.subtract(out, label),
                                   output_loops,
                                   lambda out, label: -(label - out)])
def test_output_deltas_accepts_right_answers(right, capsys):
    check_output_deltas(right)
    assert capsys.readouterr().out == ("✓ output deltas: 5 random outputs, 1 to 5 examples, "
                                       "max relative error 0e+00\n")


@pytest.mark.parametrize("wrong, message", [
    (lambda out, label: label - out, "every entry has the wrong sign.*Glassner"),
    (lambda out, label: 0.5 * (out - label), "half the right size"),
    (lambda out, label: (out - label) ** 2, "the error itself"),
    (lambda out, label: 0.5 * (out - label) ** 2, "the error itself"),
    (lambda out, label: 0.5 * (label - out), "wrong sign and half"),
    (lambda out, label: (out - label).mean(axis=1, keepdims=True),
     r"expected shape \(4, 5\), got shape \(4, 1\).*do not sum or average"),
    (lambda out, label: out - label[:, :1], "entry"),
    (lambda out, label: np.abs(out - label), "absolute value"),
    (lambda out, label: (out - label).sum(axis=0, keepdims=True), "summed over the output neurons"),
    (lambda out, label: (out - label).ravel(), "a flat array"),
    (lambda out, label: None, "returned None"),
])
def test_output_deltas_rejects(wrong, message):
    with pytest.raises(AssertionError, match="output deltas.*" + message):
        check_output_deltas(wrong)


def test_output_deltas_rejects_in_place():
    def in_place(out, label):
        out -= label
        return out
    with pytest.raises(AssertionError, match="changed one of its input arrays in place"):
        check_output_deltas(in_place)


# ----- 2. hidden deltas ----------------------------------------------------------------
def hidden_loops(w_next, delta_next):
    n_next, n = w_next.shape
    delta = np.zeros((n, delta_next.shape[1]))
    for k in range(n):
        for j in range(n_next):  # every path from neuron k to the error adds
            delta[k] += w_next[j, k] * delta_next[j]
    return delta


@pytest.mark.parametrize("right", [lambda w, d: w.T @ d,
                                   lambda w, d: np.einsum("jk,jm->km", w, d),
                                   lambda w, d: (d.T @ w).T,
                                   hidden_loops])
def test_hidden_deltas_accepts_right_answers(right, capsys):
    check_hidden_deltas(right)
    assert capsys.readouterr().out.startswith(
        "✓ hidden deltas: 6 random layers, square and not, 1 to 4 examples, max relative error")


@pytest.mark.parametrize("wrong, message", [
    # fails on the first, square case
    (lambda w, d: w @ d, "the transpose is missing"),
    (lambda w, d: w[:1].T @ d[:1], "only one outgoing path"),
    (lambda w, d: np.diag(w)[:, None] * d if w.shape[0] == w.shape[1] else w.T @ d,
     "straight-across path"),
    (lambda w, d: d.T @ w, "rows and columns are swapped"),
    (lambda w, d: w.sum(axis=1, keepdims=True) * d, "summed the rows of w_next"),
    (lambda w, d: -(w.T @ d), "every entry has the wrong sign"),
    (lambda w, d: (w.T @ d).ravel(), r"a flat array of shape \(2,\)"),
    (lambda w, d: w.T * d.T, "multiplied elementwise"),
    (lambda w, d: (w.T @ d).sum(axis=1, keepdims=True), "summed \\(or averaged\\) over the examples"),
    (lambda w, d: -(w.T @ d) + 1e-3, "entry"),
])
def test_hidden_deltas_rejects(wrong, message):
    with pytest.raises(AssertionError, match="hidden deltas.*" + message):
        check_hidden_deltas(wrong)


def test_hidden_deltas_missing_transpose_on_a_non_square_layer_points_at_the_shapes():
    # right everywhere but the (3, 4) layer, where w @ d is a shape error: the message
    # explains the shapes instead of only repeating numpy's complaint
    with pytest.raises(AssertionError, match=r"stopped with ValueError.*Which product"):
        check_hidden_deltas(lambda w, d: w @ d if w.shape == (3, 4) else w.T @ d)


def test_hidden_deltas_rejects_in_place():
    def in_place(w, d):
        d[0] = 0.0  # overwrites the caller's array
        return w.T @ d
    with pytest.raises(AssertionError, match="changed one of its input arrays in place"):
        check_hidden_deltas(in_place)


# ----- 3. the update -------------------------------------------------------------------
def update_loops(w, a_prev, delta, eta):
    new = w.copy()
    for j in range(w.shape[0]):
        for k in range(w.shape[1]):
            new[j, k] = w[j, k] - eta * a_prev[k, 0] * delta[j, 0]
    return new


@pytest.mark.parametrize("right", [lambda w, a, d, eta: w - eta * d @ a.T,
                                   lambda w, a, d, eta: w - eta * np.outer(d, a),
                                   lambda w, a, d, eta: w - (eta * a @ d.T).T,
                                   update_loops])
def test_update_accepts_right_answers(right, capsys):
    check_update(right)
    assert capsys.readouterr().out.startswith(
        "✓ update: 5 random layers, square and not, max relative error")


@pytest.mark.parametrize("wrong, message", [
    (lambda w, a, d, eta: w + eta * d @ a.T, "moved uphill"),
    (lambda w, a, d, eta: w - d @ a.T, "learning rate is missing"),
    (lambda w, a, d, eta: w - eta * eta * d @ a.T, "applied twice"),
    (lambda w, a, d, eta: w - eta * a @ d.T, "outer product is transposed"),
    (lambda w, a, d, eta: -eta * d @ a.T, "the change in the weights"),
    (lambda w, a, d, eta: d @ a.T, "the slopes"),
    (lambda w, a, d, eta: w - eta * d * a[0, 0], "entry"),
    (lambda w, a, d, eta: w - eta * (d.T @ a), "inner product"),
])
def test_update_rejects(wrong, message):
    with pytest.raises(AssertionError, match="update.*" + message):
        check_update(wrong)


def test_update_transposed_on_a_non_square_layer_points_at_the_shapes():
    def transposed_after_the_first(w, a, d, eta):
        return w - eta * d @ a.T if w.shape == (2, 2) else w - eta * a @ d.T
    with pytest.raises(AssertionError, match=r"stopped with ValueError.*outer product"):
        check_update(transposed_after_the_first)


def test_update_rejects_in_place():
    def in_place(w, a, d, eta):
        w -= eta * d @ a.T
        return w
    with pytest.raises(AssertionError, match="changed one of its input arrays in place"):
        check_update(in_place)


# ----- 4. a whole step --------------------------------------------------------------------
def step_right(weights, x, label, eta):
    L = len(weights) - 1
    a = [x]
    for l in range(1, L + 1):
        a.append(weights[l] @ a[l - 1])
    delta = [None] * (L + 1)
    delta[L] = a[L] - label
    for l in range(L - 1, 0, -1):
        delta[l] = weights[l + 1].T @ delta[l + 1]
    return [None] + [weights[l] - eta * delta[l] @ a[l - 1].T for l in range(1, L + 1)]


def step_recursive(weights, x, label, eta):
    # a different shape of the same algorithm: recursion returns the delta to the layer below
    def go(l, a_prev):
        a = weights[l] @ a_prev
        if l == len(weights) - 1:
            delta = a - label
            return delta, {l: weights[l] - eta * delta @ a_prev.T}
        delta_next, new = go(l + 1, a)
        delta = weights[l + 1].T @ delta_next
        new[l] = weights[l] - eta * delta @ a_prev.T
        return delta, new
    new = go(1, x)[1]
    return [None] + [new[l] for l in range(1, len(weights))]


def step_updated_first(weights, x, label, eta):
    L = len(weights) - 1
    a = [x]
    for l in range(1, L + 1):
        a.append(weights[l] @ a[l - 1])
    new = list(weights)
    delta = a[L] - label
    for l in range(L, 0, -1):
        new[l] = weights[l] - eta * delta @ a[l - 1].T
        delta = new[l].T @ delta  # the already-updated weights
    return new


def step_updated_first_in_place(weights, x, label, eta):
    L = len(weights) - 1
    a = [x]
    for l in range(1, L + 1):
        a.append(weights[l] @ a[l - 1])
    delta = a[L] - label
    for l in range(L, 0, -1):
        weights[l] -= eta * delta @ a[l - 1].T
        delta = weights[l].T @ delta
    return weights


def step_uphill(weights, x, label, eta):
    return step_right(weights, x, label, -eta)


def step_pairs_with_own_outputs(weights, x, label, eta):
    # off by one in BP4: a^l where a^(l-1) belongs; a shape error except on square nets
    L = len(weights) - 1
    a = [x]
    for l in range(1, L + 1):
        a.append(weights[l] @ a[l - 1])
    delta = [None] * (L + 1)
    delta[L] = a[L] - label
    for l in range(L - 1, 0, -1):
        delta[l] = weights[l + 1].T @ delta[l + 1]
    try:
        return [None] + [weights[l] - eta * delta[l] @ a[l].T for l in range(1, L + 1)]
    except ValueError:
        return step_right(weights, x, label, eta)


def step_wrong_matrix_in_bp2(weights, x, label, eta):
    L = len(weights) - 1
    a = [x]
    for l in range(1, L + 1):
        a.append(weights[l] @ a[l - 1])
    delta = [None] * (L + 1)
    delta[L] = a[L] - label
    for l in range(L - 1, 0, -1):
        delta[l] = weights[l].T @ delta[l + 1]  # should be weights[l + 1]
    return [None] + [weights[l] - eta * delta[l] @ a[l - 1].T for l in range(1, L + 1)]


def step_misses_first_layer(weights, x, label, eta):
    new = step_right(weights, x, label, eta)
    new[1] = weights[1].copy()
    return new


def step_label_minus_out(weights, x, label, eta):
    # the caption's sign, delta^L = label - out, with the step still subtracted
    L = len(weights) - 1
    a = [x]
    for l in range(1, L + 1):
        a.append(weights[l] @ a[l - 1])
    delta, new = label - a[L], [None] * (L + 1)
    for l in range(L, 0, -1):
        new[l] = weights[l] - eta * delta @ a[l - 1].T
        delta = weights[l].T @ delta
    return new


def step_writes_into_given_list(weights, x, label, eta):
    new = step_right(weights, x, label, eta)
    for l in range(1, len(weights)):
        weights[l] = new[l]  # replaces the caller's entries, arrays untouched
    return weights


def step_backwards_list(weights, x, label, eta):
    new = step_right(weights, x, label, eta)
    return [None] + new[:0:-1]


def test_train_step_new_arrays_in_a_new_list_are_not_blamed_on_the_given_list(capsys):
    def fresh_list(weights, x, label, eta):
        weights = list(weights)  # a new list: writing into it is fine
        new = step_right(weights, x, label, eta)
        for l in range(1, len(weights)):
            weights[l] = new[l]
        return weights
    check_train_step_linear(fresh_list)
    assert capsys.readouterr().out.startswith("✓ train step")


@pytest.mark.parametrize("right", [step_right, step_recursive])
def test_train_step_accepts_right_answers(right, capsys):
    check_train_step_linear(right)
    assert capsys.readouterr().out.startswith(
        "✓ train step: 6 random identity networks of depth 1 to 4, max relative error")


@pytest.mark.parametrize("wrong, message", [
    (step_updated_first, "already been updated"),
    (step_updated_first_in_place, "in place"),
    (step_uphill, "moved uphill"),
    (step_pairs_with_own_outputs, "off-by-one layer index: the slopes of weights\\[l\\] pair"),
    (step_wrong_matrix_in_bp2, "off-by-one layer index: delta\\^l came back"),
    (step_misses_first_layer, "weights of layer 1 did not move"),
    (lambda weights, x, label, eta: step_right(weights, x, label, eta)[1:],
     "has 2 entries; the course's layout has 3"),
    (lambda weights, x, label, eta: step_right(weights, x, label, 2 * eta),
     "new weights\\[2\\] of the 2-2-2 network: entry"),
    (step_label_minus_out, "label - out"),
    (step_writes_into_given_list, r"wrote into the list it was given \(\[\d\] = \.\.\.\)"),
    (step_backwards_list, "reverse order"),
    (lambda weights, x, label, eta: step_right(weights, x, label, 1.0), "learning rate is missing"),
    (lambda weights, x, label, eta: step_right(weights, x, label, eta * eta), "applied twice"),
])
def test_train_step_rejects(wrong, message):
    with pytest.raises(AssertionError, match="train step.*" + message):
        check_train_step_linear(wrong)


def test_train_step_shape_error_from_an_off_by_one_index_points_at_the_layers():
    def wrong_matrix_after_the_first_net(weights, x, label, eta):
        if len(weights) == 3 and weights[1].shape == (2, 2):  # the 2-2-2 network
            return step_right(weights, x, label, eta)
        return step_wrong_matrix_in_bp2(weights, x, label, eta)
    with pytest.raises(AssertionError, match=r"stopped with ValueError.*off-by-one layer index"):
        check_train_step_linear(wrong_matrix_after_the_first_net)
