"""The checks of notebook 08 accept right answers in any form and reject typical mistakes."""
import numpy as np
import pytest

import bplib
from bplib.checks import learning_rate as reference
from bplib.checks.learning_rate import (check_count_parameters, check_first_epoch_reaching,
                                        check_gradient_descent_1d, check_standardise,
                                        check_sweep)


def unanswered(*args):
    raise NotImplementedError()


@pytest.mark.parametrize("check", [check_gradient_descent_1d, check_standardise,
                                   check_count_parameters, check_first_epoch_reaching,
                                   check_sweep])
def test_unanswered_passes_not_implemented_through(check):
    with pytest.raises(NotImplementedError):
        check(unanswered)


def test_every_check_passes_bplibs_own_reference(capsys):
    check_gradient_descent_1d(reference.gradient_descent_1d)
    check_standardise(reference.standardise)
    check_count_parameters(reference.count_parameters)
    check_first_epoch_reaching(reference.first_epoch_reaching)
    check_sweep(reference.sweep)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5 and all(line.startswith("✓ ") for line in lines)


def test_references_agree_with_the_library():
    data = bplib.moons()
    assert reference.count_parameters([2, 4, 4, 1]) == 37
    assert reference.count_parameters([784, 16, 16, 10]) == 13002
    for sizes in ([2, 4, 4, 1], [784, 16, 16, 10], [5, 1], [3, 7, 2, 9, 4]):
        assert reference.count_parameters(sizes) == bplib.Network(sizes).n_params()
    # bplib.moons standardised with the training statistics: standardising again is a no-op
    again_train, again_test = reference.standardise(data.x_train, data.x_test)
    assert np.allclose(again_train, data.x_train) and np.allclose(again_test, data.x_test)


# ----- gradient descent along one weight --------------------------------------------------
def gd_loop(grad, w0, eta, steps):
    w = [w0]
    for _ in range(steps):
        w.append(w[-1] - eta * grad(w[-1]))
    return w  # a list is fine


def gd_array(grad, w0, eta, steps):
    w = np.empty(steps + 1)
    w[0] = w0
    for t in range(steps):
        w[t + 1] = w[t] - eta * grad(w[t])
    return w


def gd_uphill(grad, w0, eta, steps):
    return gd_loop(lambda w: -grad(w), w0, eta, steps)


def gd_eta_twice(grad, w0, eta, steps):
    return gd_loop(grad, w0, eta * eta, steps)


def gd_no_eta(grad, w0, eta, steps):
    return gd_loop(grad, w0, 1.0, steps)


def gd_fixed_slope(grad, w0, eta, steps):
    g0 = grad(w0)
    return [w0 - eta * g0 * t for t in range(steps + 1)]


def gd_no_start(grad, w0, eta, steps):
    return gd_loop(grad, w0, eta, steps)[1:]


def gd_one_too_many(grad, w0, eta, steps):
    return gd_loop(grad, w0, eta, steps + 1)


def gd_last_only(grad, w0, eta, steps):
    return gd_loop(grad, w0, eta, steps)[-1]


def gd_restart(grad, w0, eta, steps):
    w = [w0]
    for _ in range(steps):
        w.append(w0 - eta * grad(w[-1]))
    return w


def test_gradient_descent_accepts_right_answers(capsys):
    check_gradient_descent_1d(gd_loop)
    check_gradient_descent_1d(gd_array)
    out = capsys.readouterr().out
    assert out.count("✓ gradient descent 1-d: 9 runs on parabolas, a quartic and a sine") == 2


@pytest.mark.parametrize("wrong, message", [
    (gd_uphill, "go uphill.*SUBTRACTS"),
    (gd_eta_twice, "eta is applied twice"),
    (gd_no_eta, "learning rate is missing"),
    (gd_fixed_slope, "slope at the start"),
    (gd_no_start, "the start w_0 is missing"),
    (gd_one_too_many, "one step too many"),
    (gd_last_only, "only the last weight"),
    (lambda grad, w0, eta, steps: gd_loop(grad, w0, eta, steps)[:-1] if steps else [w0],
     "the last iterate w_8 is missing"),
    (gd_restart, "every step starts again from w_0"),
    (lambda grad, w0, eta, steps: None, "returned None"),
])
def test_gradient_descent_rejects(wrong, message):
    with pytest.raises(AssertionError, match=message):
        check_gradient_descent_1d(wrong)


# ----- standardise -------------------------------------------------------------------------
def standardise_numpy(x_train, x_test):
    mean = x_train.mean(axis=1, keepdims=True)
    std = x_train.std(axis=1, keepdims=True)
    return (x_train - mean) / std, (x_test - mean) / std


def standardise_loops(x_train, x_test):
    out_train, out_test = np.empty_like(x_train), np.empty_like(x_test)
    for j in range(x_train.shape[0]):
        row = x_train[j]
        mean = sum(row) / len(row)
        std = (sum((v - mean) ** 2 for v in row) / len(row)) ** 0.5
        out_train[j] = (x_train[j] - mean) / std
        out_test[j] = (x_test[j] - mean) / std
    return out_train, out_test


def standardise_leak(x_train, x_test):
    a, _ = standardise_numpy(x_train, x_test)
    b, _ = standardise_numpy(x_test, x_test)
    return a, b


def standardise_by_example(x_train, x_test):
    return tuple((x - x.mean(axis=0)) / x.std(axis=0) for x in (x_train, x_test))


def standardise_overall(x_train, x_test):
    return (x_train - x_train.mean()) / x_train.std(), (x_test - x_train.mean()) / x_train.std()


def standardise_sample_std(x_train, x_test):
    mean = x_train.mean(axis=1, keepdims=True)
    std = x_train.std(axis=1, ddof=1, keepdims=True)
    return (x_train - mean) / std, (x_test - mean) / std


def standardise_swapped(x_train, x_test):
    return standardise_numpy(x_train, x_test)[::-1]


def standardise_in_place(x_train, x_test):
    mean = x_train.mean(axis=1, keepdims=True)
    std = x_train.std(axis=1, keepdims=True)
    x_test -= mean
    x_test /= std
    return (x_train - mean) / std, x_test


def standardise_pooled(x_train, x_test):
    both = np.hstack([x_train, x_test])
    mean, std = both.mean(axis=1, keepdims=True), both.std(axis=1, keepdims=True)
    return (x_train - mean) / std, (x_test - mean) / std


def test_standardise_accepts_right_answers(capsys):
    check_standardise(standardise_numpy)
    check_standardise(standardise_loops)
    out = capsys.readouterr().out
    assert out.count("✓ standardise: 5 random data sets, 1 to 5 features") == 2


@pytest.mark.parametrize("wrong, message", [
    (standardise_leak, "TEST set's own mean"),
    (standardise_by_example, "per EXAMPLE"),
    (standardise_overall, "one mean and one standard deviation for all the features"),
    (standardise_sample_std, "ddof=1"),
    (standardise_swapped, "wrong way round"),
    (standardise_in_place, "changed one of its input arrays in place"),
    (lambda x_train, x_test: standardise_numpy(x_train, x_test)[0], "expected a pair"),
    (lambda x_train, x_test: (x_train - x_train.mean(axis=1, keepdims=True),
                              x_test - x_train.mean(axis=1, keepdims=True)),
     "did not divide"),
    (standardise_pooled, "training and test examples together"),
    (lambda x_train, x_test: tuple((x - x_train.mean(axis=1, keepdims=True))
                                   / x_train.var(axis=1, keepdims=True) for x in (x_train, x_test)),
     "divided by the variance"),
    (lambda x_train, x_test: ((x_train - x_train.mean(axis=1)) / x_train.std(axis=1),
                              (x_test - x_train.mean(axis=1)) / x_train.std(axis=1)),
     "ValueError.*keepdims=True"),
])
def test_standardise_rejects(wrong, message):
    with pytest.raises(AssertionError, match=message):
        check_standardise(wrong)


# ----- count parameters ------------------------------------------------------------------------
def count_loop(sizes):
    total = 0
    for l in range(1, len(sizes)):
        total += sizes[l] * sizes[l - 1] + sizes[l]
    return total


def count_numpy(sizes):
    s = np.array(sizes)
    return np.sum(s[1:] * (s[:-1] + 1))  # a numpy integer is fine


def test_count_parameters_accepts_right_answers(capsys):
    for right in (count_loop, count_numpy):
        check_count_parameters(right)
    assert capsys.readouterr().out.count("✓ count parameters: 37 for [2, 4, 4, 1], 13,002") == 2


@pytest.mark.parametrize("wrong, message", [
    (lambda s: sum(a * b for a, b in zip(s[:-1], s[1:])), "weights only"),
    (lambda s: count_loop(s) + s[0], "input layer biases"),
    (lambda s: sum(a * b for a, b in zip(s[:-1], s[1:])) + sum(s[:-1]), "wrong layer"),
    (lambda s: count_loop(s[:-1]), "output layer is missing"),
    (lambda s: count_loop(s[1:]), "first layer's weights and biases are missing"),
    (lambda s: sum(s), "counted neurons"),
    (lambda s: count_loop(s) + 0.5, "expected a whole number"),
    (lambda s: [count_loop(s)], "expected a whole number"),
    (lambda s: count_loop(s) * 2, "Layer l .1..L. has n_l"),
    (lambda s: [n * (p + 1) for p, n in zip(s[:-1], s[1:])],
     r"the count per layer, \[12, 20, 5\]; return their sum"),
    (lambda s: sum(a * b for a, b in zip(s[:-1], s[1:])) + len(s) - 1, "one bias per layer"),
    (lambda s: sum(s[l] * (s[l - 1] + 1) for l in range(len(s))), r"sizes\[-1\]"),
])
def test_count_parameters_rejects(wrong, message):
    with pytest.raises(AssertionError, match=message):
        check_count_parameters(wrong)


# ----- first epoch reaching -----------------------------------------------------------------------
def first_loop(accuracies, target):
    for epoch, accuracy in enumerate(accuracies):
        if accuracy >= target:
            return epoch
    return None


def first_numpy(accuracies, target):
    hits = np.flatnonzero(np.asarray(accuracies) >= target)
    return int(hits[0]) if hits.size else None


def first_while(accuracies, target):
    e = 0
    while e < len(accuracies) and not accuracies[e] >= target:
        e += 1
    return e if e < len(accuracies) else None


def test_first_epoch_accepts_right_answers(capsys):
    for right in (first_loop, first_numpy, first_while):
        check_first_epoch_reaching(right)
    assert capsys.readouterr().out.count("✓ first epoch reaching: 7 runs") == 3


def first_from_one(accuracies, target):
    for epoch, accuracy in enumerate(accuracies, start=1):
        if accuracy >= target:
            return epoch
    return None


def first_skip_zero(accuracies, target):
    for epoch in range(1, len(accuracies)):
        if accuracies[epoch] >= target:
            return epoch
    return None


def first_strict(accuracies, target):
    return first_loop(accuracies, np.nextafter(target, 2.0))


def first_last(accuracies, target):
    hits = [e for e, a in enumerate(accuracies) if a >= target]
    return hits[-1] if hits else None


def first_stays(accuracies, target):
    for e in range(len(accuracies)):
        if min(accuracies[e:]) >= target:
            return e
    return None


def first_minus_one(accuracies, target):
    e = first_loop(accuracies, target)
    return -1 if e is None else e


def first_accuracy(accuracies, target):
    e = first_loop(accuracies, target)
    return None if e is None else accuracies[e]


def first_sorting(accuracies, target):
    e = first_loop(accuracies, target)
    accuracies.sort()
    return e


@pytest.mark.parametrize("wrong, message", [
    (first_from_one, "one too many. Entry 0 of the list is epoch 0"),
    (first_skip_zero, "epoch 0 was skipped"),
    (first_strict, ">= target, not > target"),
    (first_last, "LAST epoch"),
    (first_stays, "STAYS"),
    (first_minus_one, "None, not -1"),
    (lambda acc, t: first_loop(acc, t) or 0, "None, not 0"),
    (lambda acc, t: first_loop(acc, t) if first_loop(acc, t) is not None else False,
     "None, not False"),
    (first_accuracy, "return the epoch, the index"),
    (first_sorting, "changed the list of accuracies"),
    (lambda acc, t: 3, "the first index e with accuracies"),
])
def test_first_epoch_rejects(wrong, message):
    with pytest.raises(AssertionError, match=message):
        check_first_epoch_reaching(wrong)


# ----- sweep ----------------------------------------------------------------------------
def sweep_loop(etas, train_one, target):
    results = []
    for eta in etas:
        acc = train_one(eta)
        results.append((eta, acc[-1], first_loop(acc, target)))
    return results


def sweep_comprehension(etas, train_one, target):
    runs = {eta: np.array(train_one(eta)) for eta in etas}
    return [[eta, float(runs[eta][-1]), first_numpy(runs[eta], target)] for eta in etas]


def sweep_twice(etas, train_one, target):
    return [(eta, train_one(eta)[-1], first_loop(train_one(eta), target)) for eta in etas]


def sweep_sorted(etas, train_one, target):
    return sweep_loop(sorted(etas), train_one, target)


def sweep_best(etas, train_one, target):
    return [(eta, max(acc), first_loop(acc, target))
            for eta, acc in ((e, train_one(e)) for e in etas)]


def sweep_dict(etas, train_one, target):
    return {eta: train_one(eta)[-1] for eta in etas}


def test_sweep_accepts_right_answers(capsys):
    check_sweep(sweep_loop)
    check_sweep(sweep_comprehension)
    assert capsys.readouterr().out.count("✓ sweep: 3 sweeps of 3 to 6 learning rates") == 2


@pytest.mark.parametrize("wrong, message", [
    (sweep_twice, "called 2 times"),
    (sweep_sorted, "They are sorted"),
    (sweep_best, "That is the best accuracy"),
    (lambda etas, train_one, target: [(eta, train_one(eta)[0], 0) for eta in etas],
     "entry 0, the untrained network"),
    (sweep_dict, "expected a list with one"),
    (lambda etas, train_one, target: [(e, train_one(e)[-1], first_loop(train_one(e), target))
                                      for e in etas[:-1]], "called 2 times"),
    (lambda etas, train_one, target: [(e, a[-1], first_loop(a, target))
                                      for e in etas[:-1] for a in [train_one(e)]]
     + [(etas[-1], 0.0, None)], "called 0 times"),
    (lambda etas, train_one, target: [(e, a[-1], first_loop(a, target))
                                      for e in etas for a in [train_one(e)]][:-1],
     "gave .* results"),
])
def test_sweep_rejects(wrong, message):
    with pytest.raises(AssertionError, match=message):
        check_sweep(wrong)


def sweep_last_curve(etas, train_one, target):
    for eta in etas:
        acc = train_one(eta)
    return [(eta, acc[-1], first_loop(acc, target)) for eta in etas]


@pytest.mark.parametrize("wrong, message", [
    (lambda etas, train_one, target: [(e, a[-1], first_strict(a, target))
                                      for e in etas for a in [train_one(e)]],
     ">= target, not > target"),
    (lambda etas, train_one, target: [(e, a[-1], first_last(a, target))
                                      for e in etas for a in [train_one(e)]], "LAST epoch"),
    (sweep_last_curve, "the run of eta = 0.1"),
    (lambda etas, train_one, target: [(e, first_loop(a, target), a[-1])
                                      for e in etas for a in [train_one(e)]],
     "swapped. Each tuple is .eta, final_accuracy, first_epoch., in that order"),
])
def test_sweep_names_more_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        check_sweep(wrong)


def test_sweep_names_exercise_4_when_the_first_epoch_is_wrong():
    def sweep_plus_one(etas, train_one, target):
        return [(e, a[-1], None if first_loop(a, target) is None else first_loop(a, target) + 1)
                for e in etas for a in [train_one(e)]]
    with pytest.raises(AssertionError, match="first_epoch_reaching from Exercise 4"):
        check_sweep(sweep_plus_one)
