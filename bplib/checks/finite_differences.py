"""Checks for notebook 02, follow the slope: gradient steps and finite differences.

A cost is a function of ONE flat vector holding every parameter:
``cost(params) -> float`` with ``params`` of shape (P,). The learner writes:
    gradient_step(params, grad, eta)      -> new params, shape (P,)
        params - eta * grad; params itself is left unchanged
    forward_difference(cost, params, eps) -> gradient estimate, shape (P,)
        entry j = (cost(params + eps e_j) - cost(params)) / eps        P + 1 cost calls
    central_difference(cost, params, eps) -> gradient estimate, shape (P,)
        entry j = (cost(params + eps e_j) - cost(params - eps e_j)) / (2 eps)   2P calls
    relative_error(g1, g2)                -> one number
        ||g1 - g2|| / (||g1|| + ||g2||) with Euclidean norms, and 0 when both are zero
Here e_j is the vector with a 1 in entry j and 0 elsewhere.

The finite-difference checks use costs with strong curvature, so that the one-sided and
the central difference differ clearly, and they count the learner's cost calls (each
call stands for one forward pass, counted by bplib.recipes.CountingCost). They compare
with bplib.recipes' finite differences, which the notebook's demonstrations also use.
"""
import warnings

import numpy as np

from ..recipes import CountingCost
from ..recipes import central_difference as reference_central_difference
from ..recipes import forward_difference as reference_forward_difference
from .shortcuts import watch_all
from ._core import as_array, call, compare, diagnose, passed


# ----- shared helpers -------------------------------------------------------------------------
def _close(got, want):
    """Same shape and the same numbers (to 1e-7 relative, scaled to the whole vector)."""
    got = as_array(got)
    want = np.asarray(want, dtype=float)
    if got is None or got.shape != want.shape or not np.all(np.isfinite(got)):
        return False
    scale = float(np.max(np.abs(want))) if want.size else 0.0
    return bool(np.all(np.abs(got - want) <= 1e-7 * np.abs(want) + 1e-10 * (1.0 + scale)))


def _compare(what, got, want, seed, hint=None):
    scale = float(np.max(np.abs(want))) if np.size(want) else 0.0
    return compare(what, got, want, rtol=1e-7, atol=1e-10 * (1.0 + scale), hint=hint, seed=seed)


# ----- the costs the finite-difference checks use ---------------------------------------------
def _curved(rng):
    """P = 3: a steep bowl with cubic terms and an exponential: large second derivatives."""
    m = rng.normal(0.0, 1.0, (3, 3))
    a = m @ m.T + 20.0 * np.eye(3)
    c = rng.normal(0.0, 1.0, 3)
    b = rng.normal(0.0, 0.5, 3)
    return lambda w: 0.5 * w @ a @ w + c @ w ** 3 + np.exp(b @ w)


def _single(rng):
    """P = 1."""
    k = rng.uniform(1.0, 2.0)
    return lambda w: np.exp(k * w[0]) + 3.0 * w[0] ** 4 - w[0]


def _network(rng):
    """P = 13: a 2-3-1 sigmoid network, quadratic cost averaged over 4 examples.

    params holds w1 (3x2, row by row), b1 (3), w2 (1x3), b2 (1)."""
    x = rng.normal(0.0, 1.0, (2, 4))
    y = rng.uniform(0.0, 1.0, (1, 4))

    def cost(w):
        w1, b1 = w[:6].reshape(3, 2), w[6:9].reshape(3, 1)
        w2, b2 = w[9:12].reshape(1, 3), w[12:13].reshape(1, 1)
        a1 = 1.0 / (1.0 + np.exp(-(w1 @ x + b1)))
        a2 = 1.0 / (1.0 + np.exp(-(w2 @ a1 + b2)))
        return float(np.mean(0.5 * np.sum((a2 - y) ** 2, axis=0)))
    return cost


def _coupled(rng):
    """P = 6: neighbouring parameters interact."""
    s = rng.uniform(1.0, 3.0, 6)
    return lambda w: np.sum(np.sin(w[:-1] * w[1:])) + 5.0 * np.sum(s * w ** 2) + np.sum(w) ** 3 / 3


# (name, number of parameters, cost maker, scale of the parameters, eps)
COSTS = (("a curved cost of 3 parameters", 3, _curved, 1.0, 1e-2),
         ("a cost of 1 parameter", 1, _single, 0.5, 1e-1),
         ("a 2-3-1 sigmoid network (13 parameters)", 13, _network, 0.8, 1e-3),
         ("a coupled cost of 6 parameters", 6, _coupled, 1.0, 1e-5))


def _cost_cases(seed):
    rng = np.random.default_rng(seed)
    for name, size, make, scale, eps in COSTS:
        fn = make(rng)
        params = rng.normal(0.0, scale, size)
        yield name, size, fn, params, eps


def _run_difference(fd, fn, params, eps, what):
    """Run the learner's ``fd(cost, params, eps)``; return (result, number of cost calls)."""
    size = params.size
    cost = CountingCost(fn, size)
    given = params.copy()
    try:
        result = fd(cost, given, eps)
    except NotImplementedError:
        raise
    except Exception as err:  # the learner's own code failed: say so plainly
        raise AssertionError(
            f"{what}: your function stopped with {type(err).__name__}: {err}") from None
    if given.shape != params.shape or not (given == params).all():
        if given.shape == params.shape and np.all(np.isfinite(given)) and np.max(
                np.abs(given - params)) <= 1e-9 * (1.0 + np.max(np.abs(params))):
            raise AssertionError(
                f"{what}: your function changed params in place and put the parameters back "
                f"by undoing the nudge with arithmetic (params[j] -= eps), which in floating "
                f"point does not always give the old number back (0.2 + 0.1 - 0.1 != 0.2). "
                f"Keep the old value and restore it (keep = params[j]; ...; params[j] = keep), "
                f"or nudge a copy of params.")
        raise AssertionError(
            f"{what}: your function changed params in place and did not put every "
            f"parameter back. After measuring entry j, restore params[j] to its old value "
            f"before nudging the next one, or nudge a copy (moved = params.copy()).")
    return result, cost.calls


# Values x where x + eps - eps != x in floating point (x + eps crosses a power of 2), and
# likewise x - eps + eps, x + eps - 2 eps + eps: a nudge in place undone by arithmetic shows.
PROBE = (np.array([0.2, -0.3, 1.3, 0.7]), 0.1)


def _probe_in_place(fd, what):
    """Run ``fd`` once on PROBE: it must leave params exactly as they were."""
    params, eps = PROBE
    _run_difference(fd, lambda w: float(np.sum(w ** 2 + np.sin(w))), params.copy(), eps, what)


def _variants(fn, params, eps):
    """What the typical finite-difference mistakes return on this cost."""
    p = params.astype(float)
    size = p.size
    unit = np.eye(size)
    base = fn(p)
    up = np.array([fn(p + eps * e) for e in unit])
    down = np.array([fn(p - eps * e) for e in unit])
    piled_up = np.array([fn(p + eps * unit[:j + 1].sum(axis=0)) for j in range(size)])
    before = np.r_[base, piled_up[:-1]]  # the cost measured before each piled-up nudge
    # central difference whose nudges stay at -eps: entry j sees earlier entries at -eps
    shifted = [p - eps * unit[:j].sum(axis=0) for j in range(size)]
    central_piled = np.array([(fn(s + eps * unit[j]) - fn(s - eps * unit[j])) / (2 * eps)
                              for j, s in enumerate(shifted)])
    half_steps = np.array([(fn(p + eps / 2 * e) - fn(p - eps / 2 * e)) / eps for e in unit])
    all_at_once = np.full(size, (fn(p + eps) - base) / eps)
    all_at_once_central = np.full(size, (fn(p + eps) - fn(p - eps)) / (2 * eps))
    return {"forward": (up - base) / eps, "backward": (base - down) / eps,
            "central": (up - down) / (2 * eps), "piled_up": (piled_up - base) / eps,
            "half_steps": half_steps,
            "piled_up_moving_base": (piled_up - before) / eps, "central_piled": central_piled,
            "all_at_once": all_at_once, "all_at_once_central": all_at_once_central}


def _first_only(want):
    only = np.zeros_like(want)
    only[0] = want[0]
    return only


def _shape_hint(got, size, formula):
    """Words on the shape if it is wrong; otherwise the formula of entry j."""
    shape = as_array(got).shape if as_array(got) is not None else None
    if shape == (size,):
        return f"Entry j is {formula}."
    hint = (f"The gradient has one entry per parameter: a flat vector of shape ({size},), "
            f"like params.")
    if shape in ((), (1,)) and size > 1:
        hint += (" You returned a single number: is your `return` indented inside the loop, "
                 "so that the function stops after the first parameter?")
    elif shape == (size, 1):
        hint += " Yours is a column; keep it flat (np.zeros(params.size), or np.zeros_like(params))."
    return hint


def _calls_note(calls_used, sizes, expected, name):
    """Words for the success line about how many times the cost was called."""
    if all(c == expected(p) for c, p in zip(calls_used, sizes)):
        return f"{name} cost calls each"
    if all(c == 2 * p for c, p in zip(calls_used, sizes)):
        return f"2P cost calls each ({name} are enough: compute cost(params) once, before the loop)"
    if all(c == 2 * p + 1 for c, p in zip(calls_used, sizes)):
        return f"2P + 1 cost calls each ({name} are enough: cost(params) itself is not needed)"
    return f"{sum(calls_used)} cost calls for {sum(sizes)} parameters in all ({name} per gradient are enough)"


def _eps_range():
    eps = [c[4] for c in COSTS]
    return f"eps from {min(eps):.0e} to {max(eps):.0e}"


# ----- exercise: one gradient step --------------------------------------------------------------
STEP_CASES = ((3, 0.5), (1, 2.0), (7, 0.1), (4, 3.0))  # (P, eta)


def check_gradient_step(gradient_step, seed=20):
    """params - eta * grad on random vectors, with learning rates below and above 1."""
    rng = np.random.default_rng(seed)
    worst = 0.0
    what = "gradient step"
    for size, eta in STEP_CASES:
        params = rng.normal(0.0, 1.0, size)
        grad = rng.normal(0.0, 1.0, size)
        want = params - eta * grad
        got = call(gradient_step, params, grad, eta, what=what)
        diagnose(what, got, want, same=_close, mistakes=[
            (params + eta * grad,
             "the parameters moved uphill. The gradient points to where the cost grows "
             "fastest, so a descent step subtracts it: params - eta * grad."),
            (params - eta ** 2 * grad,
             f"the learning rate is applied twice (eta = {eta} gave a step of eta**2 * grad). "
             f"Multiply the gradient by eta once: params - eta * grad."),
            (params - grad,
             f"the learning rate is missing: with eta = {eta} the step is eta * grad, not grad."),
            (params - grad / eta,
             "you divided the gradient by eta; the step is eta times the gradient."),
            (-eta * grad,
             "you returned the step -eta * grad only; return the new parameters, "
             "params - eta * grad."),
            (eta * grad,
             "you returned eta * grad; return the new parameters, params - eta * grad."),
            (grad - eta * params,
             "params and grad are swapped: you returned grad - eta * params. The arguments "
             "come in the order (params, grad, eta); the new parameters are "
             "params - eta * grad."),
        ])
        worst = max(worst, _compare(f"{what} (P = {size}, eta = {eta})", got, want, seed,
                                    hint=f"The new parameters have the shape of params, ({size},)."))
    sizes = [p for p, _ in STEP_CASES]
    etas = [e for _, e in STEP_CASES]
    passed(f"gradient step: {len(STEP_CASES)} random vectors (P = {min(sizes)} to {max(sizes)}, "
           f"eta = {min(etas):g} to {max(etas):g}), max relative error {worst:.0e}")


# ----- exercise: forward differences --------------------------------------------------------------
def check_forward_difference(forward_difference, seed=21):
    """One-sided differences on four costs, against the formula computed here."""
    worst, calls_used, sizes = 0.0, [], []
    what = "forward difference"
    for name, size, fn, params, eps in _cost_cases(seed):
        got, calls = _run_difference(forward_difference, fn, params, eps, what)
        v = _variants(fn, params, eps)
        want = v["forward"]
        candidates = [
            (v["central"],
             "you returned the central difference (C(w + eps e_j) - C(w - eps e_j)) / (2 eps). "
             "This exercise asks for the one-sided one, (C(w + eps e_j) - C(w)) / eps; the "
             "central difference comes next."),
            (want / 2,
             "every entry is half the forward difference: divide by eps, the distance between "
             "the two points, not by 2 eps (2 eps belongs to the central difference)."),
            (want / eps,
             "every entry is the forward difference divided by eps once more: you divided by "
             "eps twice (or by eps**2). Divide the difference of the two costs by eps once."),
            (-want,
             "every entry has the wrong sign. The forward difference is the cost after the "
             "nudge minus the cost before: (C(w + eps e_j) - C(w)) / eps."),
            (v["backward"],
             "you stepped backwards, to w - eps e_j: (C(w) - C(w - eps e_j)) / eps. The forward "
             "difference steps forwards: (C(w + eps e_j) - C(w)) / eps."),
            (-v["backward"],
             "every entry has the wrong sign: (C(w - eps e_j) - C(w)) / eps estimates minus "
             "the slope. Step forwards and subtract the cost before the nudge: "
             "(C(w + eps e_j) - C(w)) / eps."),
            (v["piled_up"],
             "the nudges piled up: after entry j, parameter j was not put back, so entry j + 1 "
             "was measured with every earlier parameter still nudged by eps. Restore the old "
             "value after each measurement, or start each nudge from a fresh copy of params."),
            (v["piled_up_moving_base"],
             "the nudges piled up: after entry j, parameter j was not put back, so the next "
             "entry started from an already-nudged point. Restore the old value after each "
             "measurement, or start each nudge from a fresh copy of params."),
            (v["all_at_once"],
             "every entry is the same number: you nudged all parameters at once (params + eps). "
             "Nudge one at a time: params + eps e_j moves entry j only."),
        ]
        if size > 1:
            candidates.append((_first_only(want),
                               "only the first entry is right and the others are 0: compute "
                               "every entry, j = 0 ... P - 1 (is the loop cut short, or the "
                               "return inside it?)."))
        diagnose(f"{what} on {name}", got, want, candidates, same=_close)
        worst = max(worst, _compare(f"{what} on {name}, eps = {eps:g}", got, want, seed,
                                    hint=_shape_hint(got, size, "(C(w + eps e_j) - C(w)) / eps")))
        calls_used.append(calls)
        sizes.append(size)
    _probe_in_place(forward_difference, what)
    note = _calls_note(calls_used, sizes, lambda p: p + 1, "P + 1")
    passed(f"forward difference: {len(sizes)} costs (P = {min(sizes)} to {max(sizes)}, "
           f"{_eps_range()}), max relative error {worst:.0e}; {note}")


# ----- exercise: central differences ---------------------------------------------------------------
def check_central_difference(central_difference, seed=22):
    """Central differences on four costs, against the formula computed here."""
    worst, calls_used, sizes = 0.0, [], []
    what = "central difference"
    for name, size, fn, params, eps in _cost_cases(seed):
        got, calls = _run_difference(central_difference, fn, params, eps, what)
        v = _variants(fn, params, eps)
        want = v["central"]
        candidates = [
            (v["forward"],
             "you returned the one-sided forward difference (C(w + eps e_j) - C(w)) / eps. "
             "The central difference uses the points on both sides: "
             "(C(w + eps e_j) - C(w - eps e_j)) / (2 eps)."),
            (v["backward"],
             "you returned the one-sided backward difference (C(w) - C(w - eps e_j)) / eps. "
             "The central difference uses the points on both sides: "
             "(C(w + eps e_j) - C(w - eps e_j)) / (2 eps)."),
            (v["forward"] / 2,
             "your two points are w + eps e_j and w itself, eps apart, but you divided by "
             "2 eps. The second point of the central difference is w - eps e_j."),
            (2 * want,
             "every entry is twice the central difference: the two points w + eps e_j and "
             "w - eps e_j are 2 eps apart, so divide by 2 eps, not by eps."),
            (want / 2,
             "every entry is half the central difference: divide by 2 eps once (not by 4 eps, "
             "or by 2 eps and then by 2 again)."),
            (-want,
             "every entry has the wrong sign: (C(w - eps e_j) - C(w + eps e_j)) is upside down. "
             "Subtract the cost at w - eps e_j from the cost at w + eps e_j."),
            (v["half_steps"] / 2,
             "every entry is about half the slope: you stepped eps / 2 each way, to "
             "w + eps/2 e_j and w - eps/2 e_j, which are only eps apart, and divided by 2 eps. "
             "Step eps each way, to w + eps e_j and w - eps e_j, and divide by 2 eps."),
            (v["half_steps"],
             "you stepped eps / 2 each way and divided by eps: a central difference with half "
             "the step, not the one asked for (the two differ by terms in eps**2). Step eps "
             "each way, to w + eps e_j and w - eps e_j, and divide by 2 eps."),
            (v["central_piled"],
             "the nudges piled up: after entry j, parameter j stayed at w_j - eps, so each "
             "later entry was measured at a shifted point. Put the old value back after each "
             "entry, or start each nudge from a fresh copy of params."),
            (v["all_at_once_central"],
             "every entry is the same number: you nudged all parameters at once "
             "(params + eps and params - eps). Nudge one at a time: params +/- eps e_j."),
        ]
        if size > 1:
            candidates.append((_first_only(want),
                               "only the first entry is right and the others are 0: compute "
                               "every entry, j = 0 ... P - 1 (is the loop cut short, or the "
                               "return inside it?)."))
        diagnose(f"{what} on {name}", got, want, candidates, same=_close)
        worst = max(worst, _compare(
            f"{what} on {name}, eps = {eps:g}", got, want, seed,
            hint=_shape_hint(got, size, "(C(w + eps e_j) - C(w - eps e_j)) / (2 eps)")))
        calls_used.append(calls)
        sizes.append(size)
    _probe_in_place(central_difference, what)
    note = _calls_note(calls_used, sizes, lambda p: 2 * p, "2P")
    passed(f"central difference: {len(sizes)} costs (P = {min(sizes)} to {max(sizes)}, "
           f"{_eps_range()}), max relative error {worst:.0e}; {note}")


# ----- exercise: the relative error ------------------------------------------------------------------
def _relative_error_cases(rng):
    """(name, g1, g2). Unrelated pairs come first, with ||g1|| < ||g2|| and then
    ||g1|| > ||g2||, so that a denominator made of one norm shows which one it is."""
    yield "two unrelated gradients", rng.normal(0.0, 1.0, 7), rng.normal(0.0, 2.0, 7)
    yield "a large gradient and a small one", rng.normal(0.0, 2.0, 5), rng.normal(0.0, 0.5, 5)
    g = rng.normal(0.0, 1.0, 5)
    yield "two close gradients", g, g + rng.normal(0.0, 1e-3, 5)
    g = rng.normal(0.0, 1e-4, 4)
    yield "a tiny gradient and three times it", g, 3.0 * g
    g = rng.normal(0.0, 1.0, 6)
    yield "opposite gradients", g, -g
    yield "a zero gradient and another", np.zeros(3), rng.normal(0.0, 1.0, 3)
    g = rng.normal(0.0, 1.0, 4)
    yield "two identical gradients", g, g.copy()
    yield "two zero gradients", np.zeros(4), np.zeros(4)


def _relative_error_mistakes(g1, g2):
    n = np.linalg.norm
    d = g1 - g2
    n1, n2, nd = n(g1), n(g2), n(d)
    with np.errstate(all="ignore"):
        elementwise = np.abs(d) / (np.abs(g1) + np.abs(g2))
        found = [
            (nd, "you returned ||g1 - g2||, the absolute error: divide by ||g1|| + ||g2||, so "
                 "that the measure does not depend on how large the gradients are."),
            (nd / n1, "you divided by ||g1|| only. The denominator is the sum of both norms, "
                      "||g1|| + ||g2||: that keeps the measure symmetric and finite when one "
                      "gradient is zero."),
            (nd / n2, "you divided by ||g2|| only. The denominator is the sum of both norms, "
                      "||g1|| + ||g2||: that keeps the measure symmetric and finite when one "
                      "gradient is zero."),
            (nd / n(g1 + g2), "you divided by ||g1 + g2||, the norm of the sum; the measure "
                              "divides by the sum of the norms, ||g1|| + ||g2||."),
            (nd / max(n1, n2), "you divided by the larger norm; divide by the sum of both "
                               "norms, ||g1|| + ||g2||."),
            (2 * nd / (n1 + n2), "your result is twice the relative error: divide by the sum "
                                 "||g1|| + ||g2||, not by its half (the mean of the norms)."),
            (np.max(np.abs(d)) / (np.max(np.abs(g1)) + np.max(np.abs(g2))),
             "you used the largest entry (max |v_j|) instead of the Euclidean norm "
             "||v|| = sqrt(sum_j v_j**2) (np.linalg.norm)."),
            (np.max(np.abs(d)) / (n1 + n2),
             "the numerator is the largest entry of |g1 - g2|; use the Euclidean norm "
             "||g1 - g2|| = sqrt(sum_j (g1_j - g2_j)**2) (np.linalg.norm)."),
            (np.sum(np.abs(d)) / (np.sum(np.abs(g1)) + np.sum(np.abs(g2))),
             "you used sums of absolute values (the 1-norm); use the Euclidean norm "
             "||v|| = sqrt(sum_j v_j**2) (np.linalg.norm)."),
            (nd ** 2 / (n1 + n2) ** 2, "you squared the result, or left out a square root: "
                                       "||v|| = sqrt(sum_j v_j**2)."),
            (nd ** 2 / (n1 ** 2 + n2 ** 2), "you used squared norms (sums of squares without "
                                            "the square root): ||v|| = sqrt(sum_j v_j**2)."),
            (np.mean(elementwise), "you averaged relative errors of single entries. The "
                                   "measure compares whole vectors: one norm of the "
                                   "difference divided by the sum of the two norms."),
            (np.max(elementwise), "you took the largest relative error of single entries. "
                                  "The measure compares whole vectors: one norm of the "
                                  "difference divided by the sum of the two norms."),
        ]
    return found


def _one_number(got, what):
    arr = as_array(got)
    if got is None:
        raise AssertionError(f"{what}: your function returned None. Did you forget `return`?")
    if arr is None or arr.size != 1:
        shape = f"shape {arr.shape}" if arr is not None else f"a {type(got).__name__}"
        raise AssertionError(
            f"{what}: expected one number, got {shape}. The relative error compares the two "
            f"whole vectors: a norm of the difference divided by a sum of two norms.")
    return float(arr.reshape(()))


def _same(value, wrong):
    """True if the learner's ``value`` is what a mistake gives (nan/inf count as equal)."""
    if not np.isfinite(wrong):
        return not np.isfinite(value)
    return np.isfinite(value) and abs(value - wrong) <= 1e-7 * abs(wrong) + 1e-15


def check_relative_error(relative_error, seed=23):
    """||g1 - g2|| / (||g1|| + ||g2||) on eight pairs, both zero included.

    A mistake is named only if it explains the learner's results on every pair (two
    denominators can agree on one pair by chance)."""
    rng = np.random.default_rng(seed)
    what = "relative error"
    cases = list(_relative_error_cases(rng))
    values = []
    for name, g1, g2 in cases:
        zero = not g1.any() and not g2.any()
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")  # 0/0 is diagnosed below, not printed
                got = call(relative_error, g1, g2, what=f"{what} of {name}")
        except AssertionError as err:
            if zero and ("ZeroDivisionError" in str(err) or "FloatingPointError" in str(err)
                         or "RuntimeWarning" in str(err)):
                raise AssertionError(
                    f"{what}: when both gradients are zero your function stops with a "
                    f"division by zero. Two zero gradients agree perfectly: return 0.0 when "
                    f"||g1|| + ||g2|| is 0.") from None
            raise
        values.append(_one_number(got, f"{what} of {name}"))
    pairs = [(name, g1, g2, value) for (name, g1, g2), value in zip(cases, values)
             if g1.any() or g2.any()]
    wants = [np.linalg.norm(g1 - g2) / (np.linalg.norm(g1) + np.linalg.norm(g2))
             for _, g1, g2, _ in pairs]
    wrong = [i for i, (want, (*_, value)) in enumerate(zip(wants, pairs))
             if not _same(value, want)]
    if wrong:
        mistakes = [_relative_error_mistakes(g1, g2) for _, g1, g2, _ in pairs]
        for k, (_, message) in enumerate(mistakes[0]):
            if all(_same(value, found[k][0]) for (*_, value), found in zip(pairs, mistakes)):
                raise AssertionError(f"{what}: {message}")
        added = [np.linalg.norm(g1 - g2) / value - np.linalg.norm(g1) - np.linalg.norm(g2)
                 for _, g1, g2, value in pairs if np.isfinite(value) and value > 0]
        if added and 0 < min(added) and max(added) < 1e-3 and max(added) < 1.01 * min(added):
            raise AssertionError(
                f"{what}: you added a small number (about {np.mean(added):.0e}) to the "
                f"denominator. That changes the result when the gradients are small (here "
                f"entries of size 1e-4 give 0.49999... instead of 0.5): handle two zero "
                f"gradients with an `if` instead, returning 0.0.")
        first = wrong[0]
        name, _, _, value = pairs[first]
        hint = "The measure is ||g1 - g2|| / (||g1|| + ||g2||), with Euclidean norms."
        if not np.isfinite(value):
            hint = "Look for a division by zero. " + hint
        compare(f"{what} of {name}", value, wants[first], hint=hint, seed=seed)
    worst = max(abs(value - want) / want if want else abs(value)
                for (*_, value), want in zip(pairs, wants))
    for (name, g1, g2), value in zip(cases, values):
        if not g1.any() and not g2.any():
            if not np.isfinite(value):
                raise AssertionError(
                    f"{what}: when both gradients are zero you return {value} (0 / 0). Two "
                    f"zero gradients agree perfectly: return 0.0 when ||g1|| + ||g2|| is 0.")
            if value != 0.0:
                raise AssertionError(f"{what} of {name}: expected 0.0, got {value:.10g}.")
    passed(f"relative error: {len(cases)} pairs of gradients (unrelated, close, opposite, "
           f"zero, both zero), max relative error {worst:.0e}")


watch_all(globals())  # tripwires for the library shortcuts of each exercise (shortcuts.py)
