"""The checks of notebook 01 accept right answers in any form and name typical mistakes."""
import numpy as np
import pytest

from bplib.checks.nudges import check_bias_trick, check_nudge_once, check_random_nudges


def unanswered(*args):
    raise NotImplementedError()


def test_unanswered_passes_not_implemented_through():
    with pytest.raises(NotImplementedError):
        check_nudge_once(unanswered)
    with pytest.raises(NotImplementedError):
        check_bias_trick(unanswered, unanswered)
    with pytest.raises(NotImplementedError):
        check_bias_trick(lambda w, b: np.hstack([w, b]), unanswered)
    with pytest.raises(NotImplementedError):
        check_random_nudges(unanswered)


# ----- exercise 1: nudge_once ------------------------------------------------------------------
def nudge_copy(params, i, change, error_fn):
    trial = params.copy()
    trial[i] += change
    if error_fn(trial) < error_fn(params):
        return trial, True
    return params.copy(), False


def nudge_put_back(params, i, change, error_fn):
    # nudge a copy, then put the old value back by subtracting: off by an ulp at most
    p = np.array(params, dtype=float)
    before = error_fn(p)
    p[i] = p[i] + change
    if error_fn(p) < before:
        return p, True
    p[i] = p[i] - change
    return p, False


def nudge_returns_input(params, i, change, error_fn):
    # returning the caller's own (unchanged) array when nothing is kept is fine
    trial = np.where(np.arange(params.size) == i, params + change, params)
    kept = bool(error_fn(trial) < error_fn(params))
    return (trial if kept else params), kept


def test_nudge_once_accepts_right_answers(capsys):
    for right in (nudge_copy, nudge_put_back, nudge_returns_input):
        check_nudge_once(right)
    out = capsys.readouterr().out
    assert out.count("✓ nudge_once: 12 tries on random error functions") == 3


def nudge_flipped(params, i, change, error_fn):
    trial = params.copy()
    trial[i] += change
    if error_fn(trial) > error_fn(params):
        return trial, True
    return params.copy(), False


def nudge_less_or_equal(params, i, change, error_fn):
    trial = params.copy()
    trial[i] += change
    if error_fn(trial) <= error_fn(params):
        return trial, True
    return params.copy(), False


def nudge_in_place(params, i, change, error_fn):
    before = error_fn(params)
    params[i] += change
    if error_fn(params) < before:
        return params, True
    params[i] -= change
    return params, False


def nudge_never_put_back(params, i, change, error_fn):
    trial = params.copy()
    trial[i] += change
    return trial, bool(error_fn(trial) < error_fn(params))


def nudge_wrong_index(params, i, change, error_fn):
    trial = params.copy()
    trial[(i + 1) % params.size] += change
    if error_fn(trial) < error_fn(params):
        return trial, True
    return params.copy(), False


def nudge_sets_entry(params, i, change, error_fn):
    trial = params.copy()
    trial[i] = change
    if error_fn(trial) < error_fn(params):
        return trial, True
    return params.copy(), False


def nudge_forgets_to_apply(params, i, change, error_fn):
    trial = params.copy()
    trial[i] += change
    return params.copy(), bool(error_fn(trial) < error_fn(params))


@pytest.mark.parametrize("wrong, message", [
    (nudge_flipped, "kept a change that RAISED the error.*wrong way round"),
    (nudge_less_or_equal, "left the error exactly the same.*strictly"),
    (nudge_in_place, "changed one of its input arrays in place"),
    (nudge_never_put_back, "kept is False, but the params you returned still carry the change"),
    (nudge_wrong_index, "differ from the old ones at index .* but the nudge is for entry i"),
    (nudge_forgets_to_apply, "kept is True, but the params you returned are the old ones"),
    (nudge_sets_entry, r"params\[i\] = change, so the change replaced the weight"),
    (lambda p, i, c, f: (nudge_copy(p, i, c, f)[0],) * 2, "kept should be True or False"),
    (lambda p, i, c, f: nudge_copy(p, i, c, f)[0], "expected a pair"),
    (lambda p, i, c, f: (nudge_copy(p, i, c, f)[0], "yes"), "kept should be True or False"),
])
def test_nudge_once_names_the_mistake(wrong, message):
    with pytest.raises(AssertionError, match=message):
        check_nudge_once(wrong)


# ----- exercise 2: the bias trick --------------------------------------------------------------
def fold_hstack(w, b):
    return np.hstack([w, b])


def ones_vstack(x):
    return np.vstack([x, np.ones((1, x.shape[1]))])


def fold_loops(w, b):
    out = np.zeros((w.shape[0], w.shape[1] + 1))
    for j in range(w.shape[0]):
        out[j, :-1] = w[j]
        out[j, -1] = b[j, 0]
    return out


def ones_append(x):
    return np.append(x, np.ones_like(x[:1]), axis=0)


def test_bias_trick_accepts_right_answers(capsys):
    check_bias_trick(fold_hstack, ones_vstack)
    check_bias_trick(fold_loops, ones_append)
    check_bias_trick(lambda w, b: np.c_[w, b], lambda x: np.r_[x, np.ones((1, x.shape[1]))])
    out = capsys.readouterr().out
    assert out.count("✓ bias trick: fold_bias and add_ones on 5 random layers") == 3


@pytest.mark.parametrize("fold, ones, message", [
    (fold_hstack, lambda x: np.hstack([x, np.ones((x.shape[0], 1))]),
     "add_ones: you appended a COLUMN of ones"),
    (lambda w, b: np.hstack([b, w]), ones_vstack, "fold_bias: the bias is the FIRST column"),
    (fold_hstack, lambda x: np.vstack([np.ones((1, x.shape[1])), x]),
     "add_ones: the row of ones is at the TOP"),
    (lambda w, b: np.vstack([w, b.T]) if w.shape[1] == b.shape[0] else np.vstack([w, b.T[:, :w.shape[1]]]),
     ones_vstack, "fold_bias: b went in as a new ROW"),
    (lambda w, b: np.append(w, b), ones_vstack, "fold_bias: you returned a flat 1-D array"),
    (fold_hstack, lambda x: np.append(x, 1.0), "add_ones: you returned a flat 1-D array"),
    (lambda w, b: np.hstack([w, 0 * b]), ones_vstack, "fold_bias: the last column is all 0"),
    (lambda w, b: np.hstack([w, np.ones_like(b)]), ones_vstack,
     "fold_bias: the last column is all 1: those ones belong to add_ones"),
    (lambda w, b: np.hstack([w, 2 * b]), ones_vstack, r"fold_bias \(w of shape .*\): entry"),
    (fold_hstack, lambda x: np.vstack([x, np.zeros((1, x.shape[1]))]),
     "add_ones: the row you appended holds zeros"),
    (fold_hstack, lambda x: np.vstack([x, 2 * np.ones((1, x.shape[1]))]),
     r"add_ones \(x of shape .*\): entry"),
])
def test_bias_trick_names_the_mistake(fold, ones, message):
    with pytest.raises(AssertionError, match=message):
        check_bias_trick(fold, ones)


def test_bias_trick_b_as_a_row_whatever_the_shapes():
    # b appended as a row works only when shapes line up; otherwise numpy says so plainly
    with pytest.raises(AssertionError, match="fold_bias: (b went in as a new ROW|your function stopped)"):
        check_bias_trick(lambda w, b: np.vstack([w, b.T]), ones_vstack)


def test_bias_trick_in_place_is_caught():
    def ones_in_place(x):
        x *= 1.0
        x[0, 0] += 1.0
        return np.vstack([x, np.ones((1, x.shape[1]))])
    with pytest.raises(AssertionError, match="changed one of its input arrays in place"):
        check_bias_trick(fold_hstack, ones_in_place)


# ----- exercise 3: random_nudges -----------------------------------------------------------------
def nudges_loop(error_fn, params, tries, size, rng):
    params = np.array(params, dtype=float)
    error = error_fn(params)
    errors = [error]
    for _ in range(tries):
        i = rng.integers(params.size)
        trial = params.copy()
        trial[i] += rng.uniform(-size, size)
        trial_error = error_fn(trial)
        if trial_error < error:
            params, error = trial, trial_error
        errors.append(error)
    return params, np.array(errors)


def nudges_other_draws(error_fn, params, tries, size, rng):
    # change drawn before the index, two evaluations a try, a list of errors, restore in place
    p = params.copy()
    errors = [error_fn(p)]
    for _ in range(tries):
        change = size * (2 * rng.random() - 1)
        i = int(rng.choice(len(p)))
        old_error = error_fn(p)
        p[i] += change
        if not error_fn(p) < old_error:
            p[i] -= change
        errors.append(error_fn(p))
    return p, errors


def test_random_nudges_accepts_right_answers(capsys):
    check_random_nudges(nudges_loop)
    check_random_nudges(nudges_other_draws)
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and all(line.startswith("✓ random_nudges: 3 runs on random bowls")
                                 for line in out)
    assert all(" tries kept, about half" in line for line in out)


def nudges_keep_all(error_fn, params, tries, size, rng):
    params = np.array(params, dtype=float)
    errors = [error_fn(params)]
    for _ in range(tries):
        params[rng.integers(params.size)] += rng.uniform(-size, size)
        errors.append(error_fn(params))
    return params, errors


def nudges_flipped(error_fn, params, tries, size, rng):
    params = np.array(params, dtype=float)
    error = error_fn(params)
    errors = [error]
    for _ in range(tries):
        trial = params.copy()
        trial[rng.integers(params.size)] += rng.uniform(-size, size)
        if error_fn(trial) > error:
            params, error = trial, error_fn(trial)
        errors.append(error)
    return params, errors


def nudges_all_at_once(error_fn, params, tries, size, rng):
    params = np.array(params, dtype=float)
    error = error_fn(params)
    errors = [error]
    for _ in range(tries):
        trial = params + rng.uniform(-size, size, params.size)
        if error_fn(trial) < error:
            params, error = trial, error_fn(trial)
        errors.append(error)
    return params, errors


def nudges_normal(error_fn, params, tries, size, rng):
    params = np.array(params, dtype=float)
    error = error_fn(params)
    errors = [error]
    for _ in range(tries):
        trial = params.copy()
        trial[rng.integers(params.size)] += rng.normal(0.0, size)
        if error_fn(trial) < error:
            params, error = trial, error_fn(trial)
        errors.append(error)
    return params, errors


def nudges_no_start(error_fn, params, tries, size, rng):
    params, errors = nudges_loop(error_fn, params, tries, size, rng)
    return params, errors[1:]


def nudges_not_put_back(error_fn, params, tries, size, rng):
    params = np.array(params, dtype=float)
    error = error_fn(params)
    errors = [error]
    for _ in range(tries):
        i = rng.integers(params.size)
        params[i] += rng.uniform(-size, size)
        if error_fn(params) < error:
            error = error_fn(params)
        errors.append(error)  # the record looks right, but the weight was never put back
    return params, errors


def nudges_positive_only(error_fn, params, tries, size, rng):
    params = np.array(params, dtype=float)
    error = error_fn(params)
    errors = [error]
    for _ in range(tries):
        trial = params.copy()
        trial[rng.integers(params.size)] += rng.uniform(0, size)
        if error_fn(trial) < error:
            params, error = trial, error_fn(trial)
        errors.append(error)
    return params, errors


def nudges_global_random(error_fn, params, tries, size, rng):
    params = np.array(params, dtype=float)
    error = error_fn(params)
    errors = [error]
    for _ in range(tries):
        trial = params.copy()
        trial[np.random.randint(params.size)] += np.random.uniform(-size, size)
        if error_fn(trial) < error:
            params, error = trial, error_fn(trial)
        errors.append(error)
    return params, errors


def nudges_own_generator(error_fn, params, tries, size, rng):
    return nudges_loop(error_fn, params, tries, size, np.random.default_rng(0))


def nudges_first_entry_only(error_fn, params, tries, size, rng):
    params = np.array(params, dtype=float)
    error = error_fn(params)
    errors = [error]
    for _ in range(tries):
        trial = params.copy()
        trial[rng.integers(max(1, params.size - 1))] += rng.uniform(-size, size)
        if error_fn(trial) < error:
            params, error = trial, error_fn(trial)
        errors.append(error)
    return params, errors


def nudges_tiny(error_fn, params, tries, size, rng):
    return nudges_loop(error_fn, params, tries, size / 100, rng)


def nudges_mirror(error_fn, params, tries, size, rng):
    params = np.array(params, dtype=float)
    error = error_fn(params)
    errors = [error]
    for _ in range(tries):
        i, change = rng.integers(params.size), rng.uniform(-size, size)
        for c in (change, -change):  # the mirror step when +change fails
            trial = params.copy()
            trial[i] += c
            if error_fn(trial) < error:
                params, error = trial, error_fn(trial)
                break
        errors.append(error)
    return params, errors


def nudges_until_better(error_fn, params, tries, size, rng):
    params = np.array(params, dtype=float)
    error = error_fn(params)
    errors = [error]
    for _ in range(tries):
        for _attempt in range(5):  # new draws until one helps
            trial = params.copy()
            trial[rng.integers(params.size)] += rng.uniform(-size, size)
            if error_fn(trial) < error:
                params, error = trial, error_fn(trial)
                break
        errors.append(error)
    return params, errors


def nudges_ties(error_fn, params, tries, size, rng):
    params = np.array(params, dtype=float)
    error = error_fn(params)
    errors = [error]
    for _ in range(tries):
        trial = params.copy()
        trial[rng.integers(params.size)] += rng.uniform(-size, size)
        if error_fn(trial) <= error:
            params, error = trial, error_fn(trial)
        errors.append(error)
    return params, errors


def nudges_records_tried(error_fn, params, tries, size, rng):
    params = np.array(params, dtype=float)
    error = error_fn(params)
    errors = [error]
    for _ in range(tries):
        trial = params.copy()
        trial[rng.integers(params.size)] += rng.uniform(-size, size)
        tried = error_fn(trial)
        if tried < error:
            params, error = trial, tried
        errors.append(tried)  # also when the try is put back
    return params, errors


def nudges_in_place(error_fn, params, tries, size, rng):
    p, errors = nudges_loop(error_fn, params, tries, size, rng)
    params[:] = p
    return params, errors


@pytest.mark.parametrize("wrong, message", [
    (nudges_keep_all, "the error rose .* kept although it made the error worse"),
    (nudges_flipped, "the error rose"),
    (nudges_all_at_once, r"moved \d entries at once.*ONE weight"),
    (nudges_normal, r"moved entry \d by .*more than size"),
    (nudges_no_start, "it should hold tries \\+ 1"),
    (nudges_not_put_back, "errors\\[-1\\] is .*put the weight back"),
    (nudges_positive_only, "every kept change went up.*either sign"),
    (nudges_global_random, "same seed gave different results.*not from np.random"),
    (nudges_own_generator, "two different seeds gave exactly the same result"),
    (nudges_first_entry_only, "only the entries .* ever moved"),
    (nudges_tiny, "the error only fell from"),
    (nudges_in_place, "changed one of its input arrays in place"),
    (nudges_mirror, r"kept (5\d|60) of 60 tries.*mirror step"),
    (nudges_until_better, r"kept (5\d|60) of 60 tries.*new draw"),
    (nudges_ties, r"entry 1 does not change this error at all.*left the error exactly the same"),
    (nudges_records_tried, "errors records the error of the vector you tried"),
    (lambda f, p, t, s, r: nudges_loop(f, p, t, s, r)[1], "expected a pair"),
    (lambda f, p, t, s, r: (None, None), "returned None"),
])
def test_random_nudges_names_the_mistake(wrong, message):
    with pytest.raises(AssertionError, match=message):
        check_random_nudges(wrong)


def test_checks_are_quick():
    import time
    start = time.perf_counter()
    check_nudge_once(nudge_copy)
    check_bias_trick(fold_hstack, ones_vstack)
    check_random_nudges(nudges_other_draws)
    assert time.perf_counter() - start < 1.0
