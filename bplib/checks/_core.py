"""The shared machinery of the exercise checks: call, compare, report."""
import numpy as np

from ..worked import matches_published


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


def call(fn, *args, what, hint=None):
    """Run the learner's ``fn(*args)`` and return its result.

    The learner gets copies of array arguments (and of lists of arrays); if the function
    changes them in place, or raises anything but NotImplementedError, the check fails
    with plain words. ``hint`` is added to the message when the learner's code raises
    (a shape error from numpy, say).
    """
    given = [_copy(a) for a in args]
    try:
        result = fn(*given)
    except NotImplementedError:
        raise
    except Exception as err:  # the learner's own code failed: say so plainly
        raise AssertionError(
            f"{what}: your function stopped with {type(err).__name__}: {err}"
            + (f". {hint}" if hint else "")
        ) from None
    for before, after in zip(args, given):
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


def matches(got, candidate, rtol=1e-7, atol=1e-12):
    """True if ``got`` has the shape of ``candidate`` and the same numbers."""
    try:
        got = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return False
    candidate = np.asarray(candidate, dtype=float)
    return got.shape == candidate.shape and bool(
        np.allclose(got, candidate, rtol=rtol, atol=atol))


def diagnose(what, got, expected, mistakes):
    """Name the mistake if ``got`` is wrong in a way we recognise.

    ``mistakes`` is a list of (what that mistake returns on these inputs, explanation).
    If ``got`` is not ``expected`` but equals one of them, fail with its explanation;
    otherwise do nothing (compare then reports the first wrong entry).
    """
    if matches(got, expected):
        return
    for wrong, explanation in mistakes:
        if not matches(expected, wrong) and matches(got, wrong):
            raise AssertionError(f"{what}: {explanation}")


def compare_published(what, got, published):
    """Fail unless ``got`` rounds to the printed number ``published`` at its digits."""
    try:
        value = float(got)
    except (TypeError, ValueError):
        raise AssertionError(f"{what}: expected a number, got {got!r}") from None
    if not matches_published(value, published):
        raise AssertionError(f"{what}: got {value:.12g}, the published value is {published}")
