"""The shared machinery of the exercise checks: call, compare, report."""
import numpy as np

from ..worked import matches_published
from .shortcuts import ShortcutError


def passed(message):
    """The one line a check prints when everything it tried was right."""
    print(f"✓ {message}")


def _copy(arg):
    """A copy the learner may spoil: arrays, and lists or tuples of arrays, are copied."""
    if isinstance(arg, np.ndarray):
        return arg.copy()
    if isinstance(arg, (list, tuple)) and any(isinstance(a, np.ndarray) for a in arg):
        return type(arg)(_copy(a) for a in arg)
    return arg


def _unchanged(before, after):
    if isinstance(before, np.ndarray):
        return (isinstance(after, np.ndarray) and before.shape == after.shape
                and np.array_equal(before, after, equal_nan=True))
    if isinstance(before, (list, tuple)) and any(isinstance(a, np.ndarray) for a in before):
        return (isinstance(after, (list, tuple)) and len(before) == len(after)
                and all(_unchanged(b, a) for b, a in zip(before, after)))
    return True


SHAPE_WORDS = ("shape", "matmul", "broadcast", "align", "mismatch", "dimension")


def call(fn, *args, what, hint=None, shape_hint=None):
    """Run the learner's ``fn(*args)`` and return its result.

    The learner gets copies of array arguments (and of lists of arrays); if the function
    changes them in place, or raises anything but NotImplementedError, the check fails
    with plain words. ``hint`` is added to that message whatever the error;
    ``shape_hint`` only when numpy refused the shapes (a ValueError about shapes).
    """
    given = [_copy(a) for a in args]
    # the lists of arrays the learner got (copies): to see entries replaced in them
    entries = [list(g) if isinstance(g, list) and g is not a else None for g, a in zip(given, args)]
    try:
        result = fn(*given)
    except (NotImplementedError, ShortcutError):
        raise
    except Exception as err:  # the learner's own code failed: say so plainly
        text = f"{what}: your function stopped with {type(err).__name__}: {err}"
        if shape_hint and isinstance(err, ValueError) and any(
                word in str(err) for word in SHAPE_WORDS):
            text = f"{text.rstrip('. ')}. {shape_hint}"
        elif hint:
            text = f"{text.rstrip('. ')}. {hint}"
        raise AssertionError(text) from None
    for before, after, passed_in in zip(args, given, entries):
        if passed_in is not None and (len(after) != len(passed_in) or any(
                a is not b for a, b in zip(after, passed_in))):
            where = next((f" ([{i}] = ...)" for i, (a, b) in enumerate(zip(after, passed_in))
                          if a is not b), "")
            raise AssertionError(
                f"{what}: your function wrote into the list it was given{where}, so the "
                "caller's list changed (and anything computed after that sees the new "
                "entries). Build a new list to return, and leave the given one as it was.")
        if not _unchanged(before, after):
            raise AssertionError(
                f"{what}: your function changed one of its input arrays in place. "
                "Compute a new array instead (for example x = x + 1, not x += 1)."
            )
    return result


def compare(what, got, expected, rtol=1e-7, atol=1e-12, hint=None, seed=None):
    """Fail with a precise message unless ``got`` matches ``expected``.

    Returns the largest relative error, so a check can report it on success.
    """
    context = f" (random inputs from seed {seed})" if seed is not None else ""
    if got is None:
        raise AssertionError(f"{what}: your function returned None. Did you forget `return`?")
    try:
        got = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        raise AssertionError(
            f"{what}: expected numbers, got a {type(got).__name__}") from None
    expected = np.asarray(expected, dtype=float)
    if got.shape != expected.shape:
        raise AssertionError(
            f"{what}: expected shape {expected.shape}, got shape {got.shape}{context}."
            + (f" {hint}" if hint else ""))
    if not np.all(np.isfinite(got)):
        index = tuple(int(i) for i in np.argwhere(~np.isfinite(got))[0])
        where = f"entry {index} is" if got.ndim else "you returned"
        raise AssertionError(
            f"{what}: {where} {got[index]}, expected {expected[index]:.10g}{context}. "
            "Look for a division by zero or an overflowing exponential.")
    wrong = np.abs(got - expected) > atol + rtol * np.abs(expected)
    if wrong.any():
        index = tuple(int(i) for i in np.argwhere(wrong)[0])
        if got.ndim == 0:  # one number: no entries to count
            found = f"got {got[()]:.10g}, expected {expected[()]:.10g}{context}."
        else:
            found = (f"entry {index} is {got[index]:.10g}, expected {expected[index]:.10g}"
                     f"{context}; {int(wrong.sum())} of {wrong.size} entries are wrong.")
        raise AssertionError(f"{what}: {found}" + (f" {hint}" if hint else ""))
    scale = np.max(np.abs(expected)) if expected.size else 0.0
    return float(np.max(np.abs(got - expected)) / scale) if scale > 0 else 0.0


def as_array(got):
    """``got`` as a float array, or None if it is not numbers."""
    try:
        return np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return None


def shape_of(got):
    """The shape of ``got`` as numbers, or None if it is not numbers."""
    arr = as_array(got)
    return None if arr is None else arr.shape


def matches(got, candidate, rtol=1e-7, atol=1e-12):
    """True if ``got`` has the shape of ``candidate`` and the same numbers."""
    got, candidate = as_array(got), as_array(candidate)
    if got is None or candidate is None or got.shape != candidate.shape:
        return False
    with np.errstate(all="ignore"):
        return bool(np.allclose(got, candidate, rtol=rtol, atol=atol))


def differs(got, expected, rtol=1e-7, atol=1e-12):
    """True if ``got`` has the right shape but not the right numbers."""
    return shape_of(got) == np.shape(expected) and not matches(got, expected, rtol, atol)


def diagnose(what, got, expected, mistakes, same=matches):
    """Name the mistake if ``got`` is wrong in a way we recognise.

    ``mistakes`` is a list of (what that mistake returns on these inputs, explanation);
    a None result stands for a mistake that cannot happen on these inputs. If ``got`` is
    not ``expected`` but equals one of them, fail with its explanation; otherwise do
    nothing (compare then reports the first wrong entry). A mistake that gives the right
    answer on these inputs is never named. ``same`` says when two results are equal.
    """
    if same(got, expected):
        return
    for wrong, explanation in mistakes:
        if wrong is not None and not same(wrong, expected) and same(got, wrong):
            raise AssertionError(f"{what}: {explanation}")


def as_tuple(result, what, names):
    """``result`` if it is a tuple or list of as many results as ``names`` lists."""
    n = len(names.split(","))
    if isinstance(result, (tuple, list)) and len(result) == n:
        return result
    length = f" of length {len(result)}" if hasattr(result, "__len__") else ""
    wanted = "a pair" if n == 2 else f"{n} results"
    raise AssertionError(f"{what}: expected {wanted} ({names}), got a "
                         f"{type(result).__name__}{length}")


def layer_list(result, name, net, what):
    """``result`` as a list laid out like net.w: index 0 None, then every layer 1..L."""
    want = net.L + 1
    if not isinstance(result, (list, tuple)):
        raise AssertionError(f"{what}: {name} should be a list laid out like net.w, got a "
                             f"{type(result).__name__}")
    if len(result) == net.L:
        entries = "entry" if net.L == 1 else "entries"
        raise AssertionError(
            f"{what}: {name} has {net.L} {entries}; bplib's layout has {want}, one per "
            f"layer number 0..{net.L}, with {name}[0] = None (the input layer has no "
            f"weights).")
    if len(result) != want:
        raise AssertionError(f"{what}: {name} should have {want} entries (index 0 None, "
                             f"then layers 1..{net.L}), got {len(result)}")
    if result[0] is not None:
        raise AssertionError(f"{what}: {name}[0] should be None, like net.w[0]: layer 0 has "
                             f"no weights or biases")
    missing = [l for l in range(1, want) if result[l] is None]
    if missing:
        raise AssertionError(f"{what}: {name}[{missing[0]}] is None. Every layer 1..{net.L} "
                             f"needs its gradient; check where your loop over layers stops "
                             f"(range(L - 1, 0, -1) goes down to layer 1).")
    return list(result)


def compare_published(what, got, published):
    """Fail unless ``got`` rounds to the printed number ``published`` at its digits."""
    try:
        value = float(got)
    except (TypeError, ValueError):
        raise AssertionError(f"{what}: expected a number, got {got!r}") from None
    if not matches_published(value, published):
        raise AssertionError(f"{what}: got {value:.12g}, the published value is {published}")
