"""Checks for notebook 01, learning by random nudges (Glassner, 18.2.1).

The learner writes, for ``params``, a 1-D float array holding every weight and bias of a
network, and ``error_fn``, a function of such an array that returns one number:
    nudge_once(params, i, change, error_fn)           -> (new_params, kept)
        try params[i] + change; keep it (kept True) only if error_fn strictly fell,
        otherwise return the original values (kept False); params is never changed
    fold_bias(w, b)  -> w with b appended as its last column, shape (n_out, n_in + 1)
    add_ones(x)      -> x with a row of ones appended at the bottom, shape (n_in + 1, m)
        w (n_out, n_in), b (n_out, 1), x (n_in, m) with one example per column, so that
        fold_bias(w, b) @ add_ones(x) == w @ x + b (the bias trick)
    random_nudges(error_fn, params, tries, size, rng) -> (params, errors)
        ``tries`` nudges of one random entry by a random change in [-size, size], each
        kept only if the error fell; errors[t] is the error after t tries (tries + 1
        numbers); random numbers come from the numpy Generator ``rng``

nudge_once and fold_bias / add_ones are compared with values computed here. random_nudges
draws its own random numbers, so its check tests properties that every right answer has,
whatever it draws: the error never rises, errors[-1] is the error of the params returned,
every kept try moves one entry by at most ``size`` (in either direction), the same seed
gives the same run, and the error falls a long way on an easy bowl.
"""
import numpy as np

from .shortcuts import watch_all
from ._core import as_tuple, call, compare, matches, passed, shape_of


def _close(got, expected):
    """Same shape and the same numbers to 1e-9: a right answer differs by rounding only."""
    return matches(got, expected, rtol=1e-9)


def _flag(kept):
    """``kept`` as True or False, or None if it is neither (a string, an array, ...)."""
    if isinstance(kept, (bool, np.bool_)) or (isinstance(kept, (int, np.integer))
                                              and kept in (0, 1)):
        return bool(kept)
    return None


class _Bowl:
    """error(p) = sum_k a_k (p_k - c_k)^2; it records every vector it is given.

    Some a_k may be 0: that entry does not change the error at all.
    """

    def __init__(self, a, c):
        self.a, self.c = np.asarray(a, dtype=float), np.asarray(c, dtype=float)
        self.seen, self.values = [], []

    def __call__(self, p):
        p = np.array(p, dtype=float)  # a copy: later changes to the caller's array don't matter
        if p.shape != self.c.shape:
            raise ValueError(f"error_fn expects a 1-D array of {self.c.size} numbers (every "
                             f"weight and bias), but was given shape {p.shape}")
        value = float(np.sum(self.a * (p - self.c) ** 2))
        self.seen.append(p)
        self.values.append(value)
        return value


# ----- exercise 1: one nudge ----------------------------------------------------------------
def _nudge_cases(seed):
    """(params, i, change, bowl) with changes that lower, raise, overshoot, or do nothing."""
    rng = np.random.default_rng(seed)
    kinds = ("raise", "lower", "overshoot", "same", "lower", "raise", "lower", "overshoot",
             "same", "raise", "lower", "lower")
    cases = []
    for t, kind in enumerate(kinds):
        n = 1 + t % 5 if kind != "same" else 2 + t % 4
        c = rng.uniform(-1.0, 1.0, n)
        params = c + rng.choice([-1.0, 1.0], n) * rng.uniform(0.3, 1.0, n)
        a = rng.uniform(0.5, 2.0, n)
        i = int(rng.integers(n))
        towards = c[i] - params[i]  # the change that would land exactly on the bottom
        if kind == "same":
            a[i] = 0.0  # entry i does not matter: the error stays exactly the same
            change = float(rng.uniform(-0.5, 0.5))
        elif kind == "lower":
            change = float(towards * rng.uniform(0.2, 0.9))
        elif kind == "overshoot":
            change = float(towards * rng.uniform(2.2, 3.0))  # the right way, but too far
        else:
            change = float(-towards * rng.uniform(0.2, 0.9))
        cases.append((params, i, change, _Bowl(a, c)))
    return cases


def check_nudge_once(nudge_once, seed=10):
    """Compare nudge_once with the right answer on 12 tries of 4 kinds; name the mistake."""
    what = "nudge_once"
    results = []
    for params, i, change, bowl in _nudge_cases(seed):
        try:
            result = call(nudge_once, params, i, change, bowl, what=what)
        except AssertionError as err:
            if "in place" not in str(err):
                raise
            raise AssertionError(
                f"{err} Here: build the tried vector in a copy (trial = params.copy()), and "
                f"when the change is not kept return the original values.") from None
        got = as_tuple(result, what, "new_params, kept")
        nudged = params.copy()
        nudged[i] += change
        measure = _Bowl(bowl.a, bowl.c)  # a fresh one: the learner's calls stay out of it
        e0, e1 = measure(params), measure(nudged)
        results.append((params, i, change, nudged, e0, e1, got))

    def where(params, i, change, e0, e1):
        return (f"(params = {np.round(params, 4).tolist()}, i = {i}, change = {change:+.4f}: "
                f"the error goes from {e0:.6g} to {e1:.6g})")

    # params[i] = change (the weight replaced, not nudged): every result says so
    def replaced(params, i, change, bowl):
        trial = params.copy()
        trial[i] = change
        return (trial, True) if bowl(trial) < bowl(params) else (params, False)

    def same(got, want):
        return _flag(got[1]) is want[1] and _close(got[0], want[0])

    wrong = [replaced(params, i, change, _Bowl(bowl.a, bowl.c))
             for (params, i, change, bowl) in _nudge_cases(seed)]
    right = [(nudged, True) if e1 < e0 else (params, False)
             for params, i, change, nudged, e0, e1, got in results]
    if all(same(r[-1], w) for r, w in zip(results, wrong)) and not all(
            same(r, w) for r, w in zip(right, wrong)):
        raise AssertionError(
            f"{what}: your new params hold params[i] = change, so the change replaced the "
            f"weight. A nudge adds the change to the weight: try params[i] + change.")

    # a mistake that shows in the returned vector, whatever the flag says
    for params, i, change, nudged, e0, e1, (new, kept) in results:
        if shape_of(new) != params.shape:
            compare(f"{what}: new_params", new, params, seed=seed,
                    hint="Return the whole vector of parameters, with the same shape as params.")
        diff = np.asarray(new, dtype=float) - params
        moved = [int(k) for k in np.flatnonzero(np.abs(diff) > 1e-12 * (1 + np.abs(params)))]
        if moved and moved != [i]:
            others = [k for k in moved if k != i]
            raise AssertionError(
                f"{what}: the new params differ from the old ones at index {others[0]}, but the "
                f"nudge is for entry i = {i} {where(params, i, change, e0, e1)}. Change only "
                f"params[i].")
    for params, i, change, nudged, e0, e1, (new, kept) in results:
        if _flag(kept) is None:
            raise AssertionError(f"{what}: kept should be True or False, got {kept!r}")
    for params, i, change, nudged, e0, e1, (new, kept) in results:
        if kept and _close(new, nudged) and e1 > e0:
            raise AssertionError(
                f"{what}: you kept a change that RAISED the error {where(params, i, change, e0, e1)}. "
                f"Keep a change only if the new error is smaller than the old one: is the "
                f"comparison the wrong way round?")
    for params, i, change, nudged, e0, e1, (new, kept) in results:
        if kept and e1 == e0:
            raise AssertionError(
                f"{what}: you kept a change that left the error exactly the same "
                f"{where(params, i, change, e0, e1)}. Keep it only if the error strictly fell "
                f"(new error < old error, not <=).")
    for params, i, change, nudged, e0, e1, (new, kept) in results:
        if not kept and not _close(new, params) and _close(new, nudged):
            raise AssertionError(
                f"{what}: kept is False, but the params you returned still carry the change "
                f"{where(params, i, change, e0, e1)}. When a change is not kept, put the weight "
                f"back: return the original values.")
        if kept and _close(new, params) and not _close(new, nudged):
            raise AssertionError(
                f"{what}: kept is True, but the params you returned are the old ones "
                f"{where(params, i, change, e0, e1)}. When a change is kept, return the nudged "
                f"vector.")
    for params, i, change, nudged, e0, e1, (new, kept) in results:
        if not kept and e1 < e0:
            raise AssertionError(
                f"{what}: you put back a change that LOWERED the error "
                f"{where(params, i, change, e0, e1)}. Keep a change when the new error is "
                f"smaller than the old one: is the comparison the wrong way round?")
    worst = 0.0
    for params, i, change, nudged, e0, e1, (new, kept) in results:
        want = nudged if e1 < e0 else params
        worst = max(worst, compare(f"{what}: new_params", new, want, seed=seed,
                                   hint=f"{where(params, i, change, e0, e1)}"))
    passed(f"{what}: {len(results)} tries on random error functions (kept when the error fell, "
           f"put back when it rose or stayed), max relative error {worst:.0e}")


# ----- exercise 2: the bias trick -----------------------------------------------------------
# (neurons n_out, inputs n_in, examples m): single examples and batches. A square layer
# first: there b appended as a row gives a matrix (elsewhere numpy refuses the shapes).
BIAS_CASES = ((2, 2, 3), (3, 2, 1), (1, 4, 5), (4, 1, 1), (2, 3, 4))


def check_bias_trick(fold_bias, add_ones, seed=20):
    """fold_bias and add_ones against the definitions, then their product against w x + b."""
    rng = np.random.default_rng(seed)
    worst = 0.0
    for n_out, n_in, m in BIAS_CASES:
        w = rng.normal(0.0, 1.0, (n_out, n_in))
        b = rng.normal(0.0, 1.0, (n_out, 1))
        x = rng.normal(0.0, 1.0, (n_in, m))
        want_w = np.concatenate([w, b], axis=1)
        want_x = np.concatenate([x, np.ones((1, m))], axis=0)

        got_w = call(
            fold_bias, w, b, what="fold_bias",
            shape_hint=(f"Here w has shape {w.shape} and b {b.shape}, a column with one bias per "
                    f"neuron: put b beside w as one more column (axis 1)."))
        if shape_of(got_w) is not None and len(shape_of(got_w)) == 1:
            raise AssertionError(
                "fold_bias: you returned a flat 1-D array. np.append (or concatenate) without "
                "an axis flattens; append b along axis 1 to keep a matrix.")
        if n_out == n_in and _close(got_w, np.concatenate([w, b.T], axis=0)):
            raise AssertionError(
                f"fold_bias: b went in as a new ROW (shape {np.shape(got_w)}). b is a column, "
                f"one entry per neuron, and each neuron's row of weights gets its own bias at "
                f"the end: the result has shape ({n_out}, {n_in + 1}).")
        if _close(got_w, np.concatenate([b, w], axis=1)) and not _close(got_w, want_w):
            raise AssertionError(
                "fold_bias: the bias is the FIRST column; the course's convention puts it "
                "LAST, as the weight on a constant input 1 appended after the other inputs.")
        for fill, said in ((0.0, "all 0: b itself is missing"),
                           (1.0, "all 1: those ones belong to add_ones, the constant input")):
            if _close(got_w, np.concatenate([w, np.full_like(b, fill)], axis=1)):
                raise AssertionError(
                    f"fold_bias: the last column is {said}. fold_bias appends the biases b "
                    f"as the last column: np.hstack([w, b]).")
        worst = max(worst, compare(
            f"fold_bias (w of shape {w.shape}, b of shape {b.shape})", got_w, want_w, seed=seed,
            hint=f"Expected w with b appended as its last column, shape ({n_out}, {n_in + 1})."))

        got_x = call(
            add_ones, x, what="add_ones",
            shape_hint=(f"Here x has shape {x.shape}, one example per column: the ones form one "
                    f"more row of shape (1, {m}), stacked under x (axis 0)."))
        if shape_of(got_x) is not None and len(shape_of(got_x)) == 1:
            raise AssertionError(
                "add_ones: you returned a flat 1-D array. np.append (or concatenate) without "
                "an axis flattens; append the ones along axis 0 to keep a matrix.")
        if _close(got_x, np.concatenate([x, np.ones((n_in, 1))], axis=1)):
            raise AssertionError(
                f"add_ones: you appended a COLUMN of ones (shape {np.shape(got_x)}). Here each "
                f"example is a column, so the constant input 1 is one more ROW: every example "
                f"gets a 1 under its inputs, shape ({n_in + 1}, {m}).")
        if _close(got_x, np.concatenate([np.ones((1, m)), x], axis=0)) and not _close(got_x, want_x):
            raise AssertionError(
                "add_ones: the row of ones is at the TOP; the course's convention puts the "
                "constant input LAST, matching the bias in the last column of fold_bias.")
        if _close(got_x, np.concatenate([x, np.zeros((1, m))], axis=0)):
            raise AssertionError(
                "add_ones: the row you appended holds zeros. The constant input is 1, so that "
                "the weight on it, the bias, is added as it is: np.ones((1, m)).")
        worst = max(worst, compare(
            f"add_ones (x of shape {x.shape})", got_x, want_x, seed=seed,
            hint=f"Expected x with a row of ones appended at the bottom, shape ({n_in + 1}, {m})."))

        product = np.asarray(got_w, dtype=float) @ np.asarray(got_x, dtype=float)
        worst = max(worst, compare("fold_bias(w, b) @ add_ones(x) against w @ x + b", product,
                                   w @ x + b, seed=seed))
    passed(f"bias trick: fold_bias and add_ones on {len(BIAS_CASES)} random layers, batches of "
           f"1 to 5; fold_bias(w, b) @ add_ones(x) == w @ x + b, max relative error {worst:.0e}")


# ----- exercise 3: the nudge learner --------------------------------------------------------
def _bowl_problem(rng, n):
    """A bowl in n dimensions and a start about 1 away in every entry, in both directions."""
    c = rng.uniform(-1.0, 1.0, n)
    signs = np.resize([1.0, -1.0], n)
    rng.shuffle(signs)
    start = c + signs * rng.uniform(0.6, 1.2, n)
    return _Bowl(rng.uniform(0.5, 2.0, n), c), start


def _run(random_nudges, bowl, start, tries, size, gen_seed, what):
    result = as_tuple(call(random_nudges, bowl, start, tries, size,
                           np.random.default_rng(gen_seed), what=what), what, "params, errors")
    params, errors = result
    if params is None or errors is None:
        raise AssertionError(f"{what}: your function returned None in its pair. Did you forget "
                             f"`return params, errors`?")
    try:
        params = np.asarray(params, dtype=float)
        errors = np.asarray(errors, dtype=float)
    except (TypeError, ValueError):
        raise AssertionError(f"{what}: params and errors should be arrays (or lists) of "
                             f"numbers") from None
    if params.shape != start.shape:
        raise AssertionError(f"{what}: the params you returned have shape {params.shape}, "
                             f"expected {start.shape}, like the params you were given")
    if errors.ndim != 1:
        raise AssertionError(f"{what}: errors should be 1-D, one number per moment, got "
                             f"shape {errors.shape}")
    if errors.size == tries:
        raise AssertionError(
            f"{what}: errors holds {tries} numbers for {tries} tries; it should hold "
            f"tries + 1 = {tries + 1}: errors[0] is the error before the first try, and "
            f"errors[t] the error after t tries.")
    if errors.size != tries + 1:
        raise AssertionError(f"{what}: errors holds {errors.size} numbers for {tries} tries; "
                             f"expected tries + 1 = {tries + 1}")
    return params, errors


def _check_run(params, errors, bowl, start, tries, size, what):
    """The properties one run must have; returns the kept changes (index, change)."""
    e_start = _Bowl(bowl.a, bowl.c)(start)
    if abs(errors[0] - e_start) > 1e-9 * (1 + abs(e_start)):
        raise AssertionError(f"{what}: errors[0] is {errors[0]:.10g}, but the error of the "
                             f"params you were given is {e_start:.10g}")
    rises = np.flatnonzero(errors[1:] > errors[:-1] + 1e-12 * (1 + np.abs(errors[:-1])))
    e_end = _Bowl(bowl.a, bowl.c)(params)
    if rises.size and abs(errors.min() - e_end) <= 1e-9 * (1 + abs(e_end)):
        t = int(rises[0])
        raise AssertionError(
            f"{what}: errors[{t + 1}] = {errors[t + 1]:.6g} is higher than errors[{t}] = "
            f"{errors[t]:.6g}, yet the params you returned have the lowest error in the list, "
            f"{e_end:.6g}: errors records the error of the vector you tried, also when the try "
            f"was put back. After each try append the error of the current params (the new "
            f"error if the change was kept, the old one if not).")
    if rises.size:
        t = int(rises[0])
        raise AssertionError(
            f"{what}: the error rose from errors[{t}] = {errors[t]:.6g} to errors[{t + 1}] = "
            f"{errors[t + 1]:.6g}: a try was kept although it made the error worse. Keep a "
            f"change only if the error fell; otherwise put the weight back.")
    if abs(errors[-1] - e_end) > 1e-9 * (1 + abs(e_end)):
        raise AssertionError(
            f"{what}: errors[-1] is {errors[-1]:.10g}, but the params you returned have error "
            f"{e_end:.10g}. Either a change that was not kept stayed in params (put the weight "
            f"back), or errors records something else than the error of the current params.")
    flat = np.flatnonzero(bowl.a == 0.0)  # entries this error does not depend on at all
    drift = np.abs(params[flat] - start[flat]) > 1e-9 * (1 + np.abs(start[flat]))
    if drift.any():
        k = int(flat[np.argmax(drift)])
        raise AssertionError(
            f"{what}: entry {k} does not change this error at all, yet it moved from "
            f"{start[k]:.6g} to {params[k]:.6g}: you kept changes that left the error exactly "
            f"the same. Keep a change only if the error strictly fell (new error < old error, "
            f"not <=).")
    # follow the kept tries: each strictly lower error is that of a vector error_fn was given
    state, kept = np.array(start, dtype=float), []
    seen_values = np.array(bowl.values) if bowl.values else np.zeros(0)
    for t in np.flatnonzero(errors[1:] < errors[:-1]):
        value = errors[t + 1]
        match = np.flatnonzero(np.abs(seen_values - value) <= 1e-12 * (1 + abs(value)))
        if not match.size:
            raise AssertionError(
                f"{what}: errors[{t + 1}] = {value:.10g} is not the error of any params your "
                f"function passed to error_fn. Record error_fn's value for the params you keep.")
        new = bowl.seen[int(match[0])]
        diff = new - state
        moved = np.flatnonzero(np.abs(diff) > 1e-12 * (1 + np.abs(state)))
        if moved.size > 1:
            raise AssertionError(
                f"{what}: try {t + 1} moved {moved.size} entries at once (indices "
                f"{moved.tolist()}). A nudge changes ONE weight: pick one index at random and "
                f"change only that entry.")
        if moved.size == 1:
            k = int(moved[0])
            if abs(diff[k]) > size * (1 + 1e-9):
                raise AssertionError(
                    f"{what}: try {t + 1} moved entry {k} by {diff[k]:+.4f}, more than "
                    f"size = {size}. Draw each change from [-size, size], e.g. "
                    f"rng.uniform(-size, size) (a normal with standard deviation size "
                    f"can go beyond it).")
            kept.append((k, float(diff[k])))
        state = new
    if not _close(params, state):
        raise AssertionError(f"{what}: the params you returned are not the last ones you kept")
    return kept


def check_random_nudges(random_nudges, seed=30):
    """Property checks on several runs: any right answer passes whatever it draws."""
    what = "random_nudges"
    rng = np.random.default_rng(seed)
    runs = 0
    drops = []
    # (dimensions, tries, size)
    for n, tries, size in ((4, 300, 0.2), (1, 60, 0.3), (6, 600, 0.15)):
        bowl, start = _bowl_problem(rng, n)
        gen_seed = int(rng.integers(2**31))
        params, errors = _run(random_nudges, bowl, start, tries, size, gen_seed, what)
        kept = _check_run(params, errors, bowl, start, tries, size, what)
        runs += 1
        changes = np.array([c for _, c in kept])
        if n > 1 and (changes.size == 0 or (changes > 0).all() or (changes < 0).all()):
            direction = "up" if changes.size and changes[0] > 0 else "down"
            raise AssertionError(
                f"{what}: in {tries} tries every kept change went {direction} ({changes.size} "
                f"kept), although this bowl needs some entries to go up and others down. Draw "
                f"changes of either sign, e.g. rng.uniform(-size, size).")
        if n > 1:
            indices = {k for k, _ in kept}
            if len(indices) < n:
                raise AssertionError(
                    f"{what}: in {tries} tries on {n} entries only the entries "
                    f"{sorted(indices)} ever moved. Pick the index at random among all "
                    f"len(params) entries, e.g. rng.integers(len(params)).")
        if not errors[-1] < 0.05 * errors[0]:
            raise AssertionError(
                f"{what}: on an easy bowl in {n} dimensions the error only fell from "
                f"{errors[0]:.4g} to {errors[-1]:.4g} in {tries} tries of size {size}; random "
                f"nudges bring it below {0.05 * errors[0]:.4g}. Is every try a nudge of a "
                f"random entry by a random change in [-size, size]?")
        drops.append(errors[-1] / errors[0])
        if tries > 300:  # seeds were checked on the shorter runs; at grading each try
            continue     # of a run is a round trip to the grader's bowl
        # the same generator seed gives the same run; another seed another run
        again, errors_again = _run(random_nudges, _Bowl(bowl.a, bowl.c), start, tries, size,
                                   gen_seed, what)
        if not (np.array_equal(again, params) and np.array_equal(errors_again, errors)):
            raise AssertionError(
                f"{what}: two runs with generators made from the same seed gave different "
                f"results. Draw every random number from the rng you are given (rng.integers, "
                f"rng.uniform), not from np.random.")
        other, _ = _run(random_nudges, _Bowl(bowl.a, bowl.c), start, tries, size,
                        gen_seed + 1, what)
        if np.array_equal(other, params):
            raise AssertionError(
                f"{what}: generators made from two different seeds gave exactly the same "
                f"result. Use the rng you are given; do not make a generator of your own.")
    # no tries at all: nothing moves
    bowl, start = _bowl_problem(rng, 3)
    params, errors = _run(random_nudges, bowl, start, 0, 0.1, 1, what)
    _check_run(params, errors, bowl, start, 0, 0.1, what)
    if not _close(params, start):
        raise AssertionError(f"{what}: with tries = 0 the params should come back unchanged")
    # far from the bottom a change goes downhill half the time: about half the tries are undone
    tries, size = 60, 0.2
    bowl, _ = _bowl_problem(rng, 2)
    start = bowl.c + np.array([1.0, -1.0]) * 20.0  # further than tries * size in each entry
    params, errors = _run(random_nudges, bowl, start, tries, size, int(rng.integers(2**31)), what)
    kept = len(_check_run(params, errors, bowl, start, tries, size, what))
    if kept > 0.8 * tries:
        raise AssertionError(
            f"{what}: far from the bottom of a bowl you kept {kept} of {tries} tries. There a "
            f"random change goes downhill only half the time, so about half of all tries should "
            f"be put back. Do you try again when a change fails (the mirror step -change, or a "
            f"new draw)? Each try is one change: keep it if the error fell, otherwise put the "
            f"weight back and go on to the next try.")
    if kept < 0.2 * tries:
        raise AssertionError(
            f"{what}: far from the bottom of a bowl you kept only {kept} of {tries} tries, "
            f"although there a random change in [-size, size] goes downhill half the time. "
            f"Keep every change that lowers the error.")
    # an entry the error does not depend on: a change to it leaves the error the same
    bowl, start = _bowl_problem(rng, 3)
    bowl.a[1] = 0.0
    params, errors = _run(random_nudges, bowl, start, 150, 0.2, int(rng.integers(2**31)), what)
    _check_run(params, errors, bowl, start, 150, 0.2, what)
    passed(f"{what}: {runs} runs on random bowls (errors never rise and end at the error of "
           f"the params returned; one entry per kept try, |change| <= size; same seed, same "
           f"run); the error fell to {max(drops):.1e} of its start or less; far from the "
           f"bottom {kept} of {tries} tries kept, about half")


watch_all(globals())  # tripwires for the library shortcuts of each exercise (shortcuts.py)
