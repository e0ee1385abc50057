"""Typical wrong answers to notebook 08 (the learning rate), for tests/test_mistakes.py."""
import numpy as np

from mistakes import Wrong
from test_checks_learning_rate import (count_loop, first_accuracy, first_from_one, first_last,
                                       first_loop, first_minus_one, first_skip_zero,
                                       first_sorting, first_stays, first_strict, gd_eta_twice,
                                       gd_fixed_slope, gd_last_only, gd_no_eta, gd_no_start,
                                       gd_one_too_many, gd_uphill, standardise_by_example,
                                       standardise_in_place, standardise_leak,
                                       standardise_overall, standardise_sample_std,
                                       standardise_swapped, sweep_best, sweep_dict,
                                       sweep_sorted, sweep_twice)


# ----- gradient descent along one weight --------------------------------------------------
def gd_record_before_step(grad, w0, eta, steps):
    # records w before each step, so the last iterate never makes it into the list
    w, ws = w0, []
    for _ in range(steps):
        ws.append(w)
        w = w - eta * grad(w)
    return np.array(ws) if steps else np.array([w0])


def gd_from_start_each_time(grad, w0, eta, steps):
    # every step starts again from w0, with the slope at the latest iterate
    ws = [w0]
    for _ in range(steps):
        ws.append(w0 - eta * grad(ws[-1]))
    return np.array(ws)


# ----- standardise ------------------------------------------------------------------------
def standardise_pooled(x_train, x_test):
    # statistics over training and test examples together
    both = np.concatenate([x_train, x_test], axis=1)
    mean, std = both.mean(axis=1, keepdims=True), both.std(axis=1, keepdims=True)
    return (x_train - mean) / std, (x_test - mean) / std


def standardise_variance(x_train, x_test):
    mean, var = x_train.mean(axis=1, keepdims=True), x_train.var(axis=1, keepdims=True)
    return (x_train - mean) / var, (x_test - mean) / var


def standardise_no_keepdims(x_train, x_test):
    mean, std = x_train.mean(axis=1), x_train.std(axis=1)
    return (x_train - mean) / std, (x_test - mean) / std


def standardise_centred(x_train, x_test):
    mean = x_train.mean(axis=1, keepdims=True)
    return x_train - mean, x_test - mean


def standardise_scaled(x_train, x_test):
    std = x_train.std(axis=1, keepdims=True)
    return x_train / std, x_test / std


def standardise_train_only(x_train, x_test):
    mean, std = x_train.mean(axis=1, keepdims=True), x_train.std(axis=1, keepdims=True)
    return (x_train - mean) / std


# ----- count the parameters -----------------------------------------------------------------
def count_weights_only(sizes):
    return sum(a * b for a, b in zip(sizes[:-1], sizes[1:]))


def count_input_biases(sizes):
    return count_loop(sizes) + sizes[0]


def count_biases_of_the_feeding_layer(sizes):
    return sum(n_prev * (n + 1) for n_prev, n in zip(sizes[:-1], sizes[1:]))


def count_neurons(sizes):
    return sum(sizes)


def count_without_output(sizes):
    total = 0
    for l in range(1, len(sizes) - 1):
        total += sizes[l] * (sizes[l - 1] + 1)
    return total


def count_from_layer_2(sizes):
    total = 0
    for l in range(2, len(sizes)):
        total += sizes[l] * (sizes[l - 1] + 1)
    return total


def count_per_layer(sizes):
    return [n * (n_prev + 1) for n_prev, n in zip(sizes[:-1], sizes[1:])]


def count_one_bias_per_layer(sizes):
    return count_weights_only(sizes) + len(sizes) - 1


def count_from_layer_0(sizes):
    # l = 0 is counted too, and sizes[l - 1] wraps round to the output layer
    total = 0
    for l in range(len(sizes)):
        total += sizes[l] * (sizes[l - 1] + 1)
    return total


# ----- first epoch reaching ------------------------------------------------------------------
def first_argmax(accuracies, target):
    # np.argmax of an all-False array is 0
    return int(np.argmax(np.asarray(accuracies) >= target))


def first_false(accuracies, target):
    e = first_loop(accuracies, target)
    return False if e is None else e


def first_length(accuracies, target):
    e = first_loop(accuracies, target)
    return len(accuracies) if e is None else e


# ----- sweep --------------------------------------------------------------------------------
def sweep_untrained(etas, train_one, target):
    return [(eta, acc[0], first_loop(acc, target)) for eta in etas for acc in [train_one(eta)]]


def sweep_plus_one(etas, train_one, target):
    return [(eta, acc[-1], first_from_one(acc, target)) for eta in etas
            for acc in [train_one(eta)]]


def sweep_strict(etas, train_one, target):
    return [(eta, acc[-1], first_strict(acc, target)) for eta in etas
            for acc in [train_one(eta)]]


def sweep_last_run_for_all(etas, train_one, target):
    for eta in etas:
        accuracies = train_one(eta)
    return [(eta, accuracies[-1], first_loop(accuracies, target)) for eta in etas]


def sweep_swapped_fields(etas, train_one, target):
    return [(eta, first_loop(acc, target), acc[-1]) for eta in etas for acc in [train_one(eta)]]


def sweep_skips_last_eta(etas, train_one, target):
    results = []
    for i in range(len(etas) - 1):
        acc = train_one(etas[i])
        results.append((etas[i], acc[-1], first_loop(acc, target)))
    return results


def sweep_pairs(etas, train_one, target):
    return [(eta, train_one(eta)[-1]) for eta in etas]


GD, ST, CP = "gradient-descent-1d-tests", "standardise-tests", "count-parameters-tests"
FE, SW = "first-epoch-reaching-tests", "sweep-tests"

WRONG = [
    Wrong(GD, "adds the slope", {"gradient_descent_1d": gd_uphill}, "go uphill"),
    Wrong(GD, "eta times eta", {"gradient_descent_1d": gd_eta_twice}, "eta is applied twice"),
    Wrong(GD, "forgets eta", {"gradient_descent_1d": gd_no_eta}, "learning rate is missing"),
    Wrong(GD, "slope taken once, at w0", {"gradient_descent_1d": gd_fixed_slope},
          "slope at the start w_0"),
    Wrong(GD, "leaves out w0", {"gradient_descent_1d": gd_no_start}, "the start w_0 is missing"),
    Wrong(GD, "one step too many", {"gradient_descent_1d": gd_one_too_many}, "one step too many"),
    Wrong(GD, "returns the last weight only", {"gradient_descent_1d": gd_last_only},
          "only the last weight"),
    Wrong(GD, "records before stepping, loses the last iterate",
          {"gradient_descent_1d": gd_record_before_step}, "the last iterate"),
    Wrong(GD, "steps from w0 every time", {"gradient_descent_1d": gd_from_start_each_time},
          "starts again from w_0"),

    Wrong(ST, "test set with its own statistics", {"standardise": standardise_leak},
          "TEST set's own mean"),
    Wrong(ST, "statistics per example (axis 0)", {"standardise": standardise_by_example},
          "per EXAMPLE"),
    Wrong(ST, "one mean and std for all features", {"standardise": standardise_overall},
          "one mean and one standard deviation for all the features"),
    Wrong(ST, "sample standard deviation", {"standardise": standardise_sample_std}, "ddof=1"),
    Wrong(ST, "returns the pair swapped", {"standardise": standardise_swapped},
          "wrong way round"),
    Wrong(ST, "changes x_test in place", {"standardise": standardise_in_place},
          "changed one of its input arrays in place"),
    Wrong(ST, "training and test statistics pooled", {"standardise": standardise_pooled},
          "training and test examples together"),
    Wrong(ST, "divides by the variance", {"standardise": standardise_variance}, "variance"),
    Wrong(ST, "mean and std without keepdims", {"standardise": standardise_no_keepdims},
          "keepdims=True"),
    Wrong(ST, "only centres", {"standardise": standardise_centred}, "did not divide"),
    Wrong(ST, "only scales", {"standardise": standardise_scaled}, "did not subtract the mean"),
    Wrong(ST, "returns the training set only", {"standardise": standardise_train_only},
          "expected a pair"),

    Wrong(CP, "weights only", {"count_parameters": count_weights_only}, "weights only"),
    Wrong(CP, "input layer given biases", {"count_parameters": count_input_biases},
          "input layer biases"),
    Wrong(CP, "biases of the feeding layer",
          {"count_parameters": count_biases_of_the_feeding_layer},
          "biases are counted for the wrong layer"),
    Wrong(CP, "counts neurons", {"count_parameters": count_neurons}, "counted neurons"),
    Wrong(CP, "loop stops before the output layer", {"count_parameters": count_without_output},
          "output layer is missing"),
    Wrong(CP, "loop starts at layer 2", {"count_parameters": count_from_layer_2},
          "first layer's weights and biases are missing"),
    Wrong(CP, "returns the count per layer", {"count_parameters": count_per_layer},
          "per layer"),
    Wrong(CP, "one bias per layer", {"count_parameters": count_one_bias_per_layer},
          "one bias per layer"),
    Wrong(CP, "loop from l = 0, sizes[-1] wraps", {"count_parameters": count_from_layer_0},
          "sizes[-1]"),

    Wrong(FE, "epochs counted from 1", {"first_epoch_reaching": first_from_one},
          "one too many. Entry 0"),
    Wrong(FE, "skips epoch 0", {"first_epoch_reaching": first_skip_zero}, "epoch 0 was skipped"),
    Wrong(FE, "> instead of >=", {"first_epoch_reaching": first_strict}, ">= target, not > target"),
    Wrong(FE, "last epoch, not first", {"first_epoch_reaching": first_last}, "LAST epoch"),
    Wrong(FE, "epoch from which it stays", {"first_epoch_reaching": first_stays}, "STAYS"),
    Wrong(FE, "-1 for never", {"first_epoch_reaching": first_minus_one}, "None, not -1"),
    Wrong(FE, "np.argmax of the hits (0 for never)", {"first_epoch_reaching": first_argmax},
          "None, not 0"),
    Wrong(FE, "False for never", {"first_epoch_reaching": first_false}, "None, not False"),
    Wrong(FE, "len for never", {"first_epoch_reaching": first_length},
          "None, not the length of the list"),
    Wrong(FE, "returns the accuracy", {"first_epoch_reaching": first_accuracy},
          "return the epoch, the index"),
    Wrong(FE, "sorts the list", {"first_epoch_reaching": first_sorting},
          "changed the list of accuracies"),

    Wrong(SW, "trains twice per eta", {"sweep": sweep_twice}, "called 2 times"),
    Wrong(SW, "sorts the etas", {"sweep": sweep_sorted}, "They are sorted"),
    Wrong(SW, "best accuracy, not final", {"sweep": sweep_best}, "That is the best accuracy"),
    Wrong(SW, "entry 0 as final", {"sweep": sweep_untrained}, "entry 0, the untrained network"),
    Wrong(SW, "returns a dict", {"sweep": sweep_dict}, "expected a list with one"),
    Wrong(SW, "first epoch counted from 1", {"sweep": sweep_plus_one}, "one too many. Entry 0"),
    Wrong(SW, "first epoch with >", {"sweep": sweep_strict}, ">= target, not > target"),
    Wrong(SW, "last run's curve for every eta", {"sweep": sweep_last_run_for_all},
          "the run of eta ="),
    Wrong(SW, "final and first swapped in the tuple", {"sweep": sweep_swapped_fields},
          "(eta, final_accuracy, first_epoch), in that order"),
    Wrong(SW, "loop stops before the last eta", {"sweep": sweep_skips_last_eta},
          "called 0 times"),
    Wrong(SW, "pairs without the first epoch", {"sweep": sweep_pairs},
          "one (eta, final_accuracy, first_epoch) tuple"),
]
