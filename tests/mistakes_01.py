"""Typical wrong answers to notebook 01 (random nudges), for tests/test_mistakes.py."""
import numpy as np

from mistakes import Wrong
from test_checks_nudges import (
    fold_hstack, nudge_copy, nudge_flipped, nudge_forgets_to_apply, nudge_in_place,
    nudge_less_or_equal, nudge_never_put_back, nudge_wrong_index, nudges_all_at_once,
    nudges_first_entry_only, nudges_flipped, nudges_global_random, nudges_in_place,
    nudges_keep_all, nudges_no_start, nudges_normal, nudges_not_put_back, nudges_own_generator,
    nudges_positive_only, nudges_tiny, ones_vstack)
# the same wrong answers as its tests
from test_checks_nudges import (
    nudge_sets_entry)


# ----- nudge_once ------------------------------------------------------------------------------
def nudge_returns_trial_twice(params, i, change, error_fn):
    # forgets the flag: returns the nudged vector twice
    trial = params.copy()
    trial[i] += change
    return trial, trial


def nudge_flag_string(params, i, change, error_fn):
    new, kept = nudge_copy(params, i, change, error_fn)
    return new, "kept" if kept else "not kept"


def nudge_only_the_vector(params, i, change, error_fn):
    return nudge_copy(params, i, change, error_fn)[0]


def nudge_first_index(params, i, change, error_fn):
    # nudges entry 0 whatever i says
    trial = params.copy()
    trial[0] += change
    if error_fn(trial) < error_fn(params):
        return trial, True
    return params.copy(), False


def nudge_in_place_restored(params, i, change, error_fn):
    # nudges the caller's array and puts the value back by hand
    before = error_fn(params)
    keep = params[i]
    params[i] = keep + change
    if error_fn(params) < before:
        return params.copy(), True
    params[i] = keep
    return params.copy(), False


# ----- fold_bias and add_ones ---------------------------------------------------------------------
def fold_first(w, b):
    return np.hstack([b, w])


def fold_row(w, b):
    return np.vstack([w, b.T])


def fold_flat(w, b):
    return np.append(w, b)


def fold_zero_bias(w, b):
    return np.hstack([w, np.zeros_like(b)])


def fold_ones(w, b):
    # a column of ones where the biases belong
    return np.hstack([w, np.ones_like(b)])


def ones_column(x):
    return np.hstack([x, np.ones((x.shape[0], 1))])


def ones_top(x):
    return np.vstack([np.ones((1, x.shape[1])), x])


def ones_flat(x):
    return np.append(x, 1.0)


def ones_zeros(x):
    return np.vstack([x, np.zeros((1, x.shape[1]))])


def ones_in_place(x):
    x *= 1.0
    x[0, 0] += 1.0
    return np.vstack([x, np.ones((1, x.shape[1]))])


# ----- random_nudges --------------------------------------------------------------------------------
def nudges_mirror(error_fn, params, tries, size, rng):
    # tries the mirror step -change whenever +change fails
    params = np.array(params, dtype=float)
    error = error_fn(params)
    errors = [error]
    for _ in range(tries):
        i, change = rng.integers(params.size), rng.uniform(-size, size)
        for c in (change, -change):
            trial = params.copy()
            trial[i] += c
            if error_fn(trial) < error:
                params, error = trial, error_fn(trial)
                break
        errors.append(error)
    return params, np.array(errors)


def nudges_ties(error_fn, params, tries, size, rng):
    # keeps a change that leaves the error the same (<= instead of <)
    params = np.array(params, dtype=float)
    error = error_fn(params)
    errors = [error]
    for _ in range(tries):
        trial = params.copy()
        trial[rng.integers(params.size)] += rng.uniform(-size, size)
        trial_error = error_fn(trial)
        if trial_error <= error:
            params, error = trial, trial_error
        errors.append(error)
    return params, np.array(errors)


def nudges_records_tried(error_fn, params, tries, size, rng):
    # appends the error of the tried vector, also when the try is put back
    params = np.array(params, dtype=float)
    error = error_fn(params)
    errors = [error]
    for _ in range(tries):
        trial = params.copy()
        trial[rng.integers(params.size)] += rng.uniform(-size, size)
        trial_error = error_fn(trial)
        if trial_error < error:
            params, error = trial, trial_error
        errors.append(trial_error)
    return params, np.array(errors)


WRONG = [
    Wrong("nudge-once-tests", "keeps a change that raised the error", {"nudge_once": nudge_flipped},
          "kept a change that RAISED the error"),
    Wrong("nudge-once-tests", "keeps ties (<=)", {"nudge_once": nudge_less_or_equal},
          "left the error exactly the same"),
    Wrong("nudge-once-tests", "nudges the caller's array", {"nudge_once": nudge_in_place},
          "changed one of its input arrays in place"),
    Wrong("nudge-once-tests", "never puts the weight back", {"nudge_once": nudge_never_put_back},
          "kept is False, but the params you returned still carry the change"),
    Wrong("nudge-once-tests", "nudges the next index", {"nudge_once": nudge_wrong_index},
          "but the nudge is for entry i"),
    Wrong("nudge-once-tests", "nudges entry 0 whatever i", {"nudge_once": nudge_first_index},
          "but the nudge is for entry i"),
    Wrong("nudge-once-tests", "returns the old vector when kept", {"nudge_once": nudge_forgets_to_apply},
          "kept is True, but the params you returned are the old ones"),
    Wrong("nudge-once-tests", "returns only the vector", {"nudge_once": nudge_only_the_vector},
          "expected a pair (new_params, kept)"),
    Wrong("nudge-once-tests", "kept as a string", {"nudge_once": nudge_flag_string},
          "kept should be True or False"),
    Wrong("nudge-once-tests", "returns the trial as the flag", {"nudge_once": nudge_returns_trial_twice},
          "kept should be True or False"),
    Wrong("nudge-once-tests", "sets params[i] = change", {"nudge_once": nudge_sets_entry},
          "params[i] + change"),
    Wrong("nudge-once-tests", "in place, restored by hand", {"nudge_once": nudge_in_place_restored},
          "changed one of its input arrays in place"),

    Wrong("bias-trick-tests", "bias as the first column", {"fold_bias": fold_first},
          "the bias is the FIRST column"),
    Wrong("bias-trick-tests", "bias as a row", {"fold_bias": fold_row}, "b went in as a new ROW"),
    Wrong("bias-trick-tests", "np.append without an axis (fold_bias)", {"fold_bias": fold_flat},
          "fold_bias: you returned a flat 1-D array"),
    Wrong("bias-trick-tests", "zeros for the bias", {"fold_bias": fold_zero_bias},
          "the last column is all 0"),
    Wrong("bias-trick-tests", "ones for the bias", {"fold_bias": fold_ones},
          "those ones belong to add_ones"),
    Wrong("bias-trick-tests", "a column of ones", {"add_ones": ones_column},
          "you appended a COLUMN of ones"),
    Wrong("bias-trick-tests", "ones on top", {"add_ones": ones_top}, "the row of ones is at the TOP"),
    Wrong("bias-trick-tests", "np.append without an axis (add_ones)", {"add_ones": ones_flat},
          "add_ones: you returned a flat 1-D array"),
    Wrong("bias-trick-tests", "a row of zeros", {"add_ones": ones_zeros},
          "the row you appended holds zeros"),
    Wrong("bias-trick-tests", "changes x in place", {"add_ones": ones_in_place},
          "changed one of its input arrays in place"),

    Wrong("random-nudges-tests", "tries the mirror step too", {"random_nudges": nudges_mirror},
          "mirror step"),
    Wrong("random-nudges-tests", "keeps ties (<=)", {"random_nudges": nudges_ties},
          "left the error exactly the same"),
    Wrong("random-nudges-tests", "records the tried error", {"random_nudges": nudges_records_tried},
          "the error of the vector you tried"),
    Wrong("random-nudges-tests", "keeps every change", {"random_nudges": nudges_keep_all},
          "kept although it made the error worse"),
    Wrong("random-nudges-tests", "keeps changes that raise the error", {"random_nudges": nudges_flipped},
          "kept although it made the error worse"),
    Wrong("random-nudges-tests", "nudges every entry at once", {"random_nudges": nudges_all_at_once},
          "entries at once"),
    Wrong("random-nudges-tests", "normal changes, not uniform", {"random_nudges": nudges_normal},
          "more than size"),
    Wrong("random-nudges-tests", "no error before the first try", {"random_nudges": nudges_no_start},
          "it should hold tries + 1"),
    Wrong("random-nudges-tests", "never puts the weight back", {"random_nudges": nudges_not_put_back},
          "put the weight back"),
    Wrong("random-nudges-tests", "only positive changes", {"random_nudges": nudges_positive_only},
          "every kept change went up"),
    Wrong("random-nudges-tests", "np.random instead of rng", {"random_nudges": nudges_global_random},
          "not from np.random"),
    Wrong("random-nudges-tests", "a generator of its own", {"random_nudges": nudges_own_generator},
          "do not make a generator of your own"),
    Wrong("random-nudges-tests", "never picks the last entry", {"random_nudges": nudges_first_entry_only},
          "ever moved"),
    Wrong("random-nudges-tests", "changes a hundred times too small", {"random_nudges": nudges_tiny},
          "the error only fell from"),
    Wrong("random-nudges-tests", "changes the caller's params", {"random_nudges": nudges_in_place},
          "changed one of its input arrays in place"),
]
