"""The checks of notebook 09 accept right answers in any form and reject typical mistakes."""
import numpy as np
import pytest

from bplib.checks.digits import (check_confusion_matrix, check_one_hot, check_predict_accuracy,
                                 check_sgd_epoch)


def unanswered(*args):
    raise NotImplementedError()


def test_unanswered_passes_not_implemented_through():
    for check in (check_one_hot, check_confusion_matrix, check_sgd_epoch):
        with pytest.raises(NotImplementedError):
            check(unanswered)
    with pytest.raises(NotImplementedError):
        check_predict_accuracy(unanswered, unanswered)
    with pytest.raises(NotImplementedError):  # predict answered, accuracy not
        check_predict_accuracy(lambda a: np.argmax(a, axis=0), unanswered)


# ----- Exercise 1: one_hot ------------------------------------------------------------
def one_hot_eye(labels, n_classes):
    return np.eye(n_classes)[labels].T


def one_hot_loop(labels, n_classes):
    y = np.zeros((n_classes, len(labels)))
    for i, c in enumerate(labels):
        y[c, i] = 1.0
    return y


def one_hot_compare(labels, n_classes):
    return (np.arange(n_classes)[:, None] == np.asarray(labels)[None, :]).astype(float)


def one_hot_whole_rows(labels, n_classes):
    y = np.zeros((n_classes, len(labels)))
    y[labels] = 1.0
    return y


@pytest.mark.parametrize("right", [one_hot_eye, one_hot_loop, one_hot_compare])
def test_one_hot_accepts_right_answers(right, capsys):
    check_one_hot(right)
    assert capsys.readouterr().out.startswith("✓ one_hot: 5 label arrays")


@pytest.mark.parametrize("wrong, message", [
    (lambda labels, n: np.eye(n)[labels], r"got \(13, 10\): the matrix is transposed"),
    (lambda labels, n: np.eye(n)[np.asarray(labels, dtype=int) - 1].T,
     "label c is in row c - 1: an off-by-one"),
    (lambda labels, n: np.eye(n)[(np.asarray(labels, dtype=int) + 1) % n].T,
     "label c is in row c \\+ 1: an off-by-one"),
    (lambda labels, n: np.eye(n + 1)[labels].T, "expected 10 rows, got 11. Classes are numbered 0"),
    (lambda labels, n: np.eye(n + 1)[np.asarray(labels, dtype=int) + 1].T, "expected 10 rows, got 11"),
    (lambda labels, n: np.eye(int(np.max(labels)) + 1)[labels].T,
     "expected 4 rows, got 3 = the largest label \\+ 1"),
    (lambda labels, n: np.squeeze(np.eye(n)[labels].T), r"expected shape \(10, 1\), got \(10,\)"),
    (lambda labels, n: np.arange(n)[:, None] == np.asarray(labels)[None, :],
     "the dtype is bool"),
    (lambda labels, n: np.eye(n, dtype=int)[labels].T, "the dtype is int64"),
    (lambda labels, n: np.eye(n)[labels].ravel(), "got a flat array"),
    (one_hot_whole_rows, "you set whole rows: y.labels. = 1"),
])
def test_one_hot_rejects(wrong, message):
    with pytest.raises(AssertionError, match=message):
        check_one_hot(wrong)


def test_one_hot_square_transposed_and_off_by_one_wrap():
    def transposed_when_square(labels, n):
        y = one_hot_eye(labels, n)
        return y.T if y.shape[0] == y.shape[1] else y
    with pytest.raises(AssertionError, match="the matrix is transposed: column i"):
        check_one_hot(transposed_when_square)


def test_one_hot_in_place():
    def in_place(labels, n):
        labels -= 0  # harmless on values, but writes into the array
        labels[...] = labels
        y = one_hot_eye(labels, n)
        labels[0] = 0
        return y
    with pytest.raises(AssertionError, match="changed one of its input arrays in place"):
        check_one_hot(in_place)


# ----- Exercise 2: predict and accuracy ------------------------------------------------
def predict_right(a):
    return np.argmax(a, axis=0)


def predict_loop(a):
    return np.array([max(range(a.shape[0]), key=lambda j: a[j, i]) for i in range(a.shape[1])])


def accuracy_right(a, labels):
    return np.mean(predict_right(a) == labels)


def accuracy_loop(a, labels):
    right = sum(1 for i in range(a.shape[1]) if np.argmax(a[:, i]) == labels[i])
    return right / a.shape[1]


def test_predict_accuracy_accepts_right_answers(capsys):
    check_predict_accuracy(predict_right, accuracy_right)
    check_predict_accuracy(predict_loop, accuracy_loop)
    check_predict_accuracy(lambda a: a.argmax(0).tolist(), lambda a, t: float(np.sum(a.argmax(0) == t)) / len(t))
    out = capsys.readouterr().out
    assert out.count("✓ predict and accuracy: 4 batches each") == 3


@pytest.mark.parametrize("wrong_predict, message", [
    (lambda a: np.argmax(a, axis=1), "you took the argmax over axis 1, the examples"),
    (lambda a: np.argmax(a), "np.argmax without an axis searches the flattened array"),
    (lambda a: np.argmax(a, axis=0, keepdims=True), r"expected a 1-D array of shape \(7,\)"),
    (lambda a: np.max(a, axis=0), "the largest activation of each column.*argmax, not max"),
    (lambda a: np.argmin(a, axis=0), "you took the argmin, the WEAKEST output"),
    (lambda a: np.argmax(a, axis=0) + 1, "every class is one too high"),
    (lambda a: np.argsort(a, axis=0)[-2], "predict on activations of shape \\(10, 7\\): entry"),
    (lambda a: None, "returned None"),
])
def test_predict_rejects(wrong_predict, message):
    with pytest.raises(AssertionError, match=message):
        check_predict_accuracy(wrong_predict, accuracy_right)


def test_predict_axis_1_on_square_batches():
    def axis_1_when_square(a):
        return np.argmax(a, axis=1 if a.shape[0] == a.shape[1] else 0)
    with pytest.raises(AssertionError, match=r"shape \(4, 4\): you took the argmax over axis 1"):
        check_predict_accuracy(axis_1_when_square, accuracy_right)


@pytest.mark.parametrize("wrong_accuracy, message", [
    (lambda a, t: np.sum(np.argmax(a, axis=0) == t), "the number of right predictions out of 7"),
    (lambda a, t: 100 * np.mean(np.argmax(a, axis=0) == t), "a percentage"),
    (lambda a, t: np.argmax(a, axis=0) == t, "expected a single number"),
    (lambda a, t: np.mean(np.argmax(a, axis=0) != t), "you returned 0.428571, the error rate"),
    (lambda a, t: np.sum(np.argmax(a, axis=0) == t) / len(a),
     "divided by 10, the number of classes"),
    (lambda a, t: np.mean(np.argmax(a, axis=1) == t), "ValueError.*the argmax over axis 0"),
    (lambda a, t: np.mean(np.argsort(a, axis=0)[-2] == t),
     r"accuracy on activations of shape \(10, 7\): .*expected 0.5714285714"),
    (lambda a, t: np.mean(np.argmax(a, axis=1 if a.shape[0] == a.shape[1] else 0) == t),
     "come from the argmax over axis 1"),
])
def test_accuracy_rejects(wrong_accuracy, message):
    with pytest.raises(AssertionError, match=message):
        check_predict_accuracy(predict_right, wrong_accuracy)


def test_predict_in_place():
    def in_place(a):
        a[0] = 0  # overwrites the first output neuron
        return np.argmax(a, axis=0)
    with pytest.raises(AssertionError, match="changed one of its input arrays in place"):
        check_predict_accuracy(in_place, accuracy_right)


# ----- Exercise 4: confusion_matrix -----------------------------------------------------
def confusion_add_at(true, pred, n):
    counts = np.zeros((n, n), dtype=int)
    np.add.at(counts, (true, pred), 1)
    return counts


def confusion_loop(true, pred, n):
    return [[sum(1 for t, p in zip(true, pred) if t == i and p == j) for j in range(n)]
            for i in range(n)]


def confusion_bincount(true, pred, n):
    return np.bincount(np.asarray(true) * n + np.asarray(pred), minlength=n * n).reshape(n, n)


def confusion_fancy_add(true, pred, n):
    counts = np.zeros((n, n), dtype=int)
    counts[true, pred] += 1
    return counts


@pytest.mark.parametrize("right", [confusion_add_at, confusion_loop, confusion_bincount])
def test_confusion_accepts_right_answers(right, capsys):
    check_confusion_matrix(right)
    assert capsys.readouterr().out.startswith("✓ confusion_matrix: 5 label sets")


@pytest.mark.parametrize("wrong, message", [
    (lambda t, p, n: confusion_add_at(p, t, n), "the matrix is transposed. Rows are the TRUE"),
    (lambda t, p, n: confusion_add_at(t, p, n) / len(t), "fractions, not counts"),
    (lambda t, p, n: confusion_add_at(t, p, n) / confusion_add_at(t, p, n).sum(axis=1, keepdims=True),
     "fractions, not counts"),
    (lambda t, p, n: confusion_add_at(t, p, int(max(np.max(t), np.max(p))) + 1),
     r"expected shape \(4, 4\), got \(3, 3\).*class 3"),
    (lambda t, p, n: confusion_add_at(np.unique(np.r_[t, p], return_inverse=True)[1][:len(t)],
                                      np.unique(np.r_[t, p], return_inverse=True)[1][len(t):],
                                      len(np.unique(np.r_[t, p]))),
     r"expected shape \(4, 4\), got \(3, 3\)"),
    (lambda t, p, n: confusion_add_at(t, t, n), "confusion_matrix for 60 examples and 10 classes: entry"),
    (confusion_fancy_add, "counted only once"),
    (lambda t, p, n: 100 * confusion_add_at(t, p, n) / len(t), "percentages of all the examples"),
    (lambda t, p, n: confusion_add_at(np.asarray(t) - 1, np.asarray(p) - 1, n), "off-by-one"),
])
def test_confusion_rejects(wrong, message):
    with pytest.raises(AssertionError, match=message):
        check_confusion_matrix(wrong)


def test_confusion_in_place():
    def in_place(t, p, n):
        t.sort()
        return confusion_add_at(t, p, n)
    with pytest.raises(AssertionError, match="changed one of its input arrays in place"):
        check_confusion_matrix(in_place)


# ----- Exercise 3: sgd_epoch ------------------------------------------------------------
def sgd_right(net, x, y, eta, batches):
    for cols in batches:
        g = net.gradient(x[:, cols], y[:, cols])
        for l in range(1, net.L + 1):
            net.w[l] -= eta * g.nabla_w[l]
            net.b[l] -= eta * g.nabla_b[l]
    return net


def sgd_own_backprop(net, x, y, eta, batches):
    """Rebinds the list entries and runs its own forward and backward pass."""
    for cols in batches:
        xb, yb, m = x[:, cols], y[:, cols], len(cols)
        zs, acts = [None], [xb]
        for l in range(1, net.L + 1):
            zs.append(net.w[l] @ acts[-1] + net.b[l])
            acts.append(net.act[l](zs[-1]))
        delta = net.cost.delta(zs[-1], acts[-1], yb, net.act[net.L])
        grads = {}
        for l in range(net.L, 0, -1):
            grads[l] = (delta @ acts[l - 1].T / m, delta.mean(axis=1, keepdims=True))
            if l > 1:
                delta = (net.w[l].T @ delta) * net.act[l - 1].prime(zs[l - 1])
        for l, (gw, gb) in grads.items():
            net.w[l] = net.w[l] - eta * gw
            net.b[l] = net.b[l] - eta * gb
    return net


def sgd_per_example(net, x, y, eta, batches):
    """Averages per-example gradients by hand."""
    for cols in batches:
        gw = [None] + [np.zeros_like(net.w[l]) for l in range(1, net.L + 1)]
        gb = [None] + [np.zeros_like(net.b[l]) for l in range(1, net.L + 1)]
        for c in cols:
            g = net.gradient(x[:, [c]], y[:, [c]])
            for l in range(1, net.L + 1):
                gw[l] += g.nabla_w[l] / len(cols)
                gb[l] += g.nabla_b[l] / len(cols)
        for l in range(1, net.L + 1):
            net.w[l] -= eta * gw[l]
            net.b[l] -= eta * gb[l]
    return net


@pytest.mark.parametrize("right", [sgd_right, sgd_own_backprop, sgd_per_example])
def test_sgd_epoch_accepts_right_answers(right, capsys):
    check_sgd_epoch(right)
    assert capsys.readouterr().out.startswith("✓ sgd_epoch: 4 random networks")


def _variant(sign=1.0, eta_power=1, eta_factor=1.0, sum_batch=False, biases=True):
    def sgd(net, x, y, eta, batches):
        step = sign * eta_factor * eta ** eta_power
        for cols in batches:
            g = net.gradient(x[:, cols], y[:, cols])
            k = len(cols) if sum_batch else 1
            for l in range(1, net.L + 1):
                net.w[l] -= step * k * g.nabla_w[l]
                if biases:
                    net.b[l] -= step * k * g.nabla_b[l]
        return net
    return sgd


def sgd_averaged_twice(net, x, y, eta, batches):
    for cols in batches:
        g = net.gradient(x[:, cols], y[:, cols])
        for l in range(1, net.L + 1):
            net.w[l] -= eta / len(cols) * g.nabla_w[l]
            net.b[l] -= eta / len(cols) * g.nabla_b[l]
    return net


def sgd_one_step(net, x, y, eta, batches):
    cols = np.concatenate(batches)
    return sgd_right(net, x, y, eta, [cols])


def sgd_ignores_batches(net, x, y, eta, batches):
    return sgd_right(net, x, y, eta, [np.arange(x.shape[1])] * len(batches))


def sgd_frozen(net, x, y, eta, batches):
    grads = [net.gradient(x[:, cols], y[:, cols]) for cols in batches]
    for g in grads:
        for l in range(1, net.L + 1):
            net.w[l] -= eta * g.nabla_w[l]
            net.b[l] -= eta * g.nabla_b[l]
    return net


def sgd_overwrites(net, x, y, eta, batches):
    start = net.copy()
    for cols in batches:
        g = start.gradient(x[:, cols], y[:, cols])
        for l in range(1, net.L + 1):
            net.w[l] = start.w[l] - eta * g.nabla_w[l]
            net.b[l] = start.b[l] - eta * g.nabla_b[l]
    return net


def sgd_first_only(net, x, y, eta, batches):
    return sgd_right(net, x, y, eta, batches[:1])


def sgd_copy(net, x, y, eta, batches):
    return sgd_right(net.copy(), x, y, eta, batches)


def sgd_copy_of_arrays(net, x, y, eta, batches):
    w = [None] + [net.w[l].copy() for l in range(1, net.L + 1)]
    for cols in batches:
        g = net.gradient(x[:, cols], y[:, cols])
        for l in range(1, net.L + 1):
            w[l] -= eta * g.nabla_w[l]
    return net


def sgd_no_return(net, x, y, eta, batches):
    sgd_right(net, x, y, eta, batches)


def sgd_uses_step(net, x, y, eta, batches):
    for cols in batches:
        net.step(net.gradient(x[:, cols], y[:, cols]), eta)
    return net


def sgd_shuffles_batches(net, x, y, eta, batches):
    batches.reverse()
    return sgd_right(net, x, y, eta, batches)


def sgd_changes_x(net, x, y, eta, batches):
    x *= 1.0
    x[0, 0] += 1.0
    return sgd_right(net, x, y, eta, batches)


@pytest.mark.parametrize("wrong, message", [
    (_variant(sign=-1.0), "moved uphill"),
    (_variant(eta_power=2), r"applied twice \(eta \* eta\)"),
    (_variant(eta_factor=2.0), r"applied twice \(2 \* eta\)"),
    (_variant(eta_power=0), "ignore the learning rate"),
    (_variant(sum_batch=True), "summed over the mini-batch"),
    (sgd_averaged_twice, "averaged twice"),
    (_variant(biases=False), "the biases did not move"),
    (sgd_one_step, "one step for the whole epoch"),
    (sgd_ignores_batches, "each step used all the examples"),
    (sgd_frozen, "computed at the starting weights"),
    (sgd_overwrites, "only the last mini-batch's step survived"),
    (sgd_first_only, "only one step was taken"),
    (sgd_copy, "returned a different object .* and left that network unchanged"),
    (sgd_copy_of_arrays, "the network did not change"),
    (sgd_no_return, "returned None.*return net"),
    (sgd_uses_step, "net.step is switched off here: write the update yourself"),
    (sgd_shuffles_batches, r"wrote into the list it was given \(\[\d+\] = \.\.\.\)"),
    (sgd_changes_x, "changed one of its input arrays in place"),
])
def test_sgd_epoch_rejects(wrong, message):
    with pytest.raises(AssertionError, match=message):
        check_sgd_epoch(wrong)


def test_sgd_epoch_message_names_the_case():
    with pytest.raises(AssertionError, match=r"Network\(\[4, 3, 2\].*mini-batches of \[4, 4, 3\] "
                                             r"examples, eta = 0.7"):
        check_sgd_epoch(_variant(sign=-1.0))


def test_checks_are_fast():
    import time
    for check, args in ((check_one_hot, (one_hot_eye,)),
                        (check_predict_accuracy, (predict_right, accuracy_right)),
                        (check_confusion_matrix, (confusion_add_at,)),
                        (check_sgd_epoch, (sgd_right,))):
        start = time.perf_counter()
        check(*args)
        assert time.perf_counter() - start < 1.0, check.__name__
