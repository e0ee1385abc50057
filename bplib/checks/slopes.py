"""Checks for notebook 05, activation functions and their slopes.

The learner writes, for numpy float arrays (a layer's z has shape (neurons, examples),
one column per example, as everywhere in the course):
    sigmoid_prime(z)                    -> sigma'(z) = sigma(z) (1 - sigma(z)), shape of z.
        Any shape; exact to a relative 1e-7 (slopes below 1e-12 to within 1e-12), and no
        overflow or other warning anywhere, z = -1000 and z = +1000 included.
    delta_through(dC_da, z, activation) -> dC/dz = dC/da (.) f'(z), shape (n, m).
        activation is a bplib Activation (sigmoid, tanh, relu, identity, or one of the
        check's own, a softplus): its slope is activation.prime(z), taken at z, elementwise.
    saturated_fraction(z, threshold=4.0) -> one number: the fraction of the (neuron, example)
        entries of z with |z| > threshold (strictly), as bplib.saturated_fraction counts;
        called once without a threshold too, for the default 4.0.
    dead_fraction(z)                    -> one number: the fraction of neurons (rows of z)
        whose z <= 0 for every example (column), as bplib.dead_fraction counts.

The last two are compared with bplib.diagnostics itself, run on a one-layer network
whose weighted inputs are exactly the z given to the learner.

Every check runs the learner's function with numpy's floating-point warnings switched on
and caught (warnings.catch_warnings + np.errstate), so a warning is reported in the
failure message instead of reaching stderr.
"""
import warnings

import numpy as np

from ..activations import Activation, identity, relu, sigmoid, tanh
from ..diagnostics import dead_fraction as _bplib_dead_fraction
from ..diagnostics import saturated_fraction as _bplib_saturated_fraction
from ..network import Network
from .shortcuts import watch_all
from ._core import as_array, call, compare, matches, passed


# ----- helpers ----------------------------------------------------------------------------
def _quiet_call(fn, *args, what, hint=None):
    """Run ``call(fn, *args)`` with float warnings on and recorded, never shown.

    Returns (result, messages): the learner's result and the text of every warning raised.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with np.errstate(over="warn", invalid="warn", divide="warn", under="ignore"):
            result = call(fn, *args, what=what, hint=hint)
    return result, [str(w.message) for w in caught]


def _exact_sigmoid_prime(z):
    # sigma'(z) = e^{-|z|} / (1 + e^{-|z|})^2: even in z, exact for every float, and the
    # exponent is never positive, so nothing overflows.
    e = np.exp(-np.abs(np.asarray(z, dtype=float)))
    return e / (1.0 + e) ** 2


def _fmt_z(z):
    return f"{z:g}"


def _name_the_mistake(runs, variants):
    """Raise the message of the first variant the learner's results match on EVERY run.

    ``runs`` holds (args, got, want) for every input tried; ``variants`` holds
    (wrong_fn, message) pairs, wrong_fn(*args) computing a typical mistake. Nothing is
    raised while every result is right, or when no variant explains all of them (the
    comparison that follows then names the first wrong entry).
    """
    if all(matches(got, want) for _, got, want in runs):
        return
    with np.errstate(all="ignore"):
        for wrong_fn, message in variants:
            if all(matches(got, wrong_fn(*args)) for args, got, _ in runs):
                raise AssertionError(message)


# ----- exercise 1: sigmoid_prime -------------------------------------------------------------
# Extreme inputs, in the order they are tried: a function built on e^{-z} overflows first
# at z = -1000, one built on e^{z} at z = +1000. e^{745.2} and e^{50} are tried too.
EXTREMES = (-1000.0, 1000.0, -745.2, 745.2, -50.0, 50.0)

OVERFLOW_ADVICE = (
    "A float64 holds at most about 1.8e308 (e^709.78). Let the exponential see only numbers "
    "<= 0: sigma'(z) = sigma'(-z), so write it with e^{-|z|}, which lies in (0, 1].")

SIGMOID_PRIME_MISTAKES = (
    (lambda z: z * (1 - z),
     "sigmoid_prime: you returned z * (1 - z). The shortcut x * (1 - x) needs the sigmoid's "
     "OUTPUT: sigma'(z) = sigma(z) * (1 - sigma(z)), with sigma(z) = 1 / (1 + e^{-z}). Applied "
     "to z itself it is not a slope (it is even negative for every z < 0 and z > 1)."),
    (lambda z: sigmoid(z),
     "sigmoid_prime: you returned sigma(z), the sigmoid itself. The exercise asks for its "
     "slope, sigma'(z) = sigma(z) * (1 - sigma(z)), which is at most 0.25 (at z = 0)."),
    (lambda z: _exact_sigmoid_prime(sigmoid(z)),
     "sigmoid_prime: you applied the slope formula to a = sigma(z) instead of to z (you "
     "squashed twice). sigma'(z) = sigma(z) * (1 - sigma(z)): compute sigma(z) once and "
     "multiply it by 1 - sigma(z)."),
    (lambda z: -_exact_sigmoid_prime(z),
     "sigmoid_prime: every entry has the wrong sign. The sigmoid only ever rises, so its slope "
     "is positive everywhere: sigma'(z) = sigma(z) * (1 - sigma(z))."),
    (lambda z: sigmoid(-z),
     "sigmoid_prime: you returned e^{-z} / (1 + e^{-z}), which is 1 - sigma(z); the square is "
     "missing: d/dz (1 + e^{-z})^{-1} = e^{-z} / (1 + e^{-z})^2."),
    (lambda z: sigmoid(-np.abs(z)),
     "sigmoid_prime: you returned e^{-|z|} / (1 + e^{-|z|}); the square is missing. The safe "
     "form of the slope is e^{-|z|} / (1 + e^{-|z|})^2."),
)


def _overflow_message(z0, messages):
    first = next((m for m in messages if "overflow" in m), messages[0])
    if "overflow" in first:
        return (f"sigmoid_prime: your function overflowed at z = {_fmt_z(z0)}: {first}. "
                + OVERFLOW_ADVICE)
    return (f"sigmoid_prime: your function raised a warning at z = {_fmt_z(z0)}: {first}. "
            "It should run without any warning for every z. " + OVERFLOW_ADVICE)


def check_sigmoid_prime(sigmoid_prime, seed=50):
    """sigma'(z) on random arrays of several shapes, then at z = +-50, +-745.2, +-1000."""
    rng = np.random.default_rng(seed)
    randoms = [rng.normal(0.0, 3.0, (1, 1)), rng.normal(0.0, 3.0, (7,)),
               rng.normal(0.0, 4.0, (3, 5)), rng.uniform(-40.0, 40.0, (2, 3, 4))]
    runs = []
    for z in randoms:
        got, messages = _quiet_call(sigmoid_prime, z, what="sigmoid_prime")
        if messages:
            raise AssertionError(
                f"sigmoid_prime: your function raised a warning on ordinary inputs "
                f"(|z| < 40): {messages[0]}. It should run without any warning.")
        runs.append(((z,), got, _exact_sigmoid_prime(z)))
    _name_the_mistake(runs, SIGMOID_PRIME_MISTAKES)
    worst = 0.0
    for (z,), got, want in runs:
        worst = max(worst, compare(
            f"sigmoid_prime, z of shape {z.shape}", got, want, seed=seed,
            hint="sigma'(z) = sigma(z) * (1 - sigma(z)), elementwise, same shape as z."))
    for z0 in EXTREMES:
        z = np.array([z0, 1.0, -2.0])
        got, messages = _quiet_call(sigmoid_prime, z, what=f"sigmoid_prime at z = {_fmt_z(z0)}")
        if messages:
            raise AssertionError(_overflow_message(z0, messages))
        arr = as_array(got)
        if arr is not None and arr.shape == z.shape and not np.isfinite(arr[0]):
            raise AssertionError(
                f"sigmoid_prime: at z = {_fmt_z(z0)} your function returned {arr[0]}, "
                f"expected {float(_exact_sigmoid_prime(z0)):.4g}: an exponential overflowed "
                f"to inf (inf / inf is nan), warning or not. "
                + OVERFLOW_ADVICE)
        worst = max(worst, compare(f"sigmoid_prime at z = {_fmt_z(z0)}", got,
                                   _exact_sigmoid_prime(z)))
    mixed = np.concatenate([np.array(EXTREMES), [0.0, 15.0, -15.0],
                            rng.normal(0.0, 5.0, 7)]).reshape(4, 4)
    got, messages = _quiet_call(sigmoid_prime, mixed, what="sigmoid_prime")
    if messages:
        raise AssertionError(
            f"sigmoid_prime: your function raised a warning on an array that mixes "
            f"z = +-1000 with ordinary values: {messages[0]}. " + OVERFLOW_ADVICE)
    worst = max(worst, compare("sigmoid_prime on a (4, 4) array mixing z = +-1000 with "
                               "ordinary values", got, _exact_sigmoid_prime(mixed), seed=seed))
    passed(f"sigmoid_prime: {len(randoms) + 1} random arrays (1-D to 3-D) and z = ±50, ±745.2, "
           f"±1000 without a warning, max relative error {worst:.0e}")


# ----- exercise 2: delta_through ---------------------------------------------------------------
# An activation none of bplib's: the exercise allows "any other object with the same
# methods", and a slope picked by the activation's name fails on it.
softplus = Activation("softplus", lambda z: np.logaddexp(0.0, z),
                      lambda z: np.exp(-np.logaddexp(0.0, -np.asarray(z, dtype=float))),
                      (0.0, np.inf))

# (neurons n, examples m, activation): square layers make a matrix product possible.
DELTA_CASES = ((3, 1, sigmoid), (4, 5, tanh), (3, 3, sigmoid), (5, 2, relu),
               (2, 4, identity), (4, 4, tanh), (1, 6, relu), (2, 2, relu), (3, 4, softplus))
BPLIB_FOUR = (sigmoid, tanh, relu, identity)

ELEMENTWISE = ("dC/dz = dC/da (.) f'(z) is elementwise: entry [j, i] is dC_da[j, i] times the "
               "slope of neuron j at z[j, i] (use *, not @).")


def _right_delta(d, z, f):
    return d * f.prime(z)


def _matrix_product(d, z, f):
    return d @ f.prime(z) if z.shape[0] == z.shape[1] else _right_delta(d, z, f)


def _slope_by_name(d, z, f):
    return _right_delta(d, z, f) if f in BPLIB_FOUR else d


def _relu_slope_one_at_zero(d, z, f):
    return d * (z >= 0) if f is relu else _right_delta(d, z, f)


DELTA_MISTAKES = (
    (lambda d, z, f: -_right_delta(d, z, f),
     "delta through a layer: every entry has the wrong sign. dC/dz = dC/da * f'(z), with no "
     "minus sign (the minus sign belongs to the weight update)."),
    (lambda d, z, f: d,
     "delta through a layer: you returned dC/da unchanged, the slope is missing. Multiply "
     "elementwise by f'(z) = activation.prime(z). (Only the identity, slope 1, gets away "
     "with it.)"),
    (lambda d, z, f: d * f.prime(f(z)),
     "delta through a layer: you took the slope at a = f(z), the neuron's output (it shows "
     "on the sigmoid and tanh layers); the slope belongs at z, the weighted input of the "
     "forward pass: activation.prime(z)."),
    (lambda d, z, f: d * f(z),
     "delta through a layer: you multiplied by the activation f(z) itself; the factor is "
     "its slope f'(z) = activation.prime(z)."),
    (lambda d, z, f: d * f(z) * (1 - f(z)),
     "delta through a layer: a * (1 - a) is the sigmoid's slope only; the tanh, ReLU and "
     "identity layers need their own. activation.prime(z) gives the right slope for every "
     "activation."),
    (lambda d, z, f: d * _exact_sigmoid_prime(z),
     "delta through a layer: you used the sigmoid's slope on every layer (it shows on the "
     "tanh, ReLU and identity layers). Each activation has its own slope: use "
     "activation.prime(z), the slope of the activation you are given."),
    (lambda d, z, f: d * z * (1 - z),
     "delta through a layer: z * (1 - z) is not a slope (the sigmoid's is sigma(z) * "
     "(1 - sigma(z))). Use activation.prime(z)."),
    (_matrix_product,
     f"delta through a layer: you used a matrix product on the square layers. {ELEMENTWISE}"),
    (lambda d, z, f: (f.prime(z) @ d) if z.shape[0] == z.shape[1] else _right_delta(d, z, f),
     f"delta through a layer: you used a matrix product on the square layers. {ELEMENTWISE}"),
    (_slope_by_name,
     "delta through a layer: right for bplib's sigmoid, tanh, ReLU and identity, but the "
     "softplus layer (an activation of the check's own) got slope 1: your function seems to "
     "pick the slope by the activation's name. activation.prime(z) is the slope of whatever "
     "activation you are given."),
    (_relu_slope_one_at_zero,
     "delta through a layer: your ReLU slope is wrong only where z is exactly 0. The slope "
     "there is a convention, and bplib takes relu'(0) = 0: use activation.prime(z) rather "
     "than a formula of your own."),
)


def check_delta_through(delta_through, seed=51):
    """dC/dz = dC/da * f'(z) for layers of four activations, batches of 1 to 6 examples."""
    rng = np.random.default_rng(seed)
    runs, names = [], []
    for n, m, act in DELTA_CASES:
        dC_da = rng.normal(0.0, 1.0, (n, m))
        z = rng.normal(0.0, 3.0, (n, m))
        if act is relu:
            z[0, 0] = 0.0  # the convention at the kink: relu'(0) = 0
        what = (f"delta through a layer ({act.name}, {n} neuron{'s' if n > 1 else ''}, {m} "
                f"example{'s' if m > 1 else ''})")
        try:
            got, messages = _quiet_call(delta_through, dC_da, z, act, what=what)
        except AssertionError as err:
            text = str(err)
            if any(s in text for s in ("matmul", "not aligned", "core dimension")):
                raise AssertionError(f"{text}. {ELEMENTWISE}") from None
            raise
        if messages:
            raise AssertionError(f"{what}: your function raised a warning: {messages[0]}")
        runs.append(((dC_da, z, act), got, _right_delta(dC_da, z, act)))
        names.append(what)
    _name_the_mistake(runs, DELTA_MISTAKES)
    worst = 0.0
    for what, ((dC_da, z, act), got, want) in zip(names, runs):
        if np.shape(got) == z.shape:
            hint = ("Each entry is dC_da[j, i] * f'(z[j, i]), with the slope from "
                    "activation.prime(z).")
        else:
            hint = (f"The result has the shape of z, {z.shape}: one row per neuron, one column "
                    f"per example.")
        worst = max(worst, compare(what, got, want, seed=seed, hint=hint))
    passed(f"delta through a layer: {len(DELTA_CASES)} random layers (sigmoid, tanh, ReLU, "
           f"identity, softplus; batches of 1 to 6), max relative error {worst:.0e}")


# ----- exercises 3 and 4: the two fractions ------------------------------------------------------
def _one_layer(z, activation):
    """A network whose only layer has weighted inputs exactly z, for input x = z."""
    n = z.shape[0]
    return Network.from_params([np.eye(n)], [np.zeros(n)], activations=activation)


def reference_saturated_fraction(z, threshold=4.0):
    """bplib.saturated_fraction, applied to one layer whose weighted inputs are z."""
    net = _one_layer(z, "sigmoid")
    return _bplib_saturated_fraction(net, z, threshold=threshold)[1]


def reference_dead_fraction(z):
    """bplib.dead_fraction, applied to one layer whose weighted inputs are z."""
    return _bplib_dead_fraction(_one_layer(z, "relu"), z)[1]


def _scalar_hint(got, n, m, kind, rule):
    shape = np.shape(got) if as_array(got) is not None else None
    if shape == ():
        return rule
    if shape in ((n,), (n, 1)):
        return (f"You returned one value per neuron, shape {shape}; return ONE number for "
                f"the whole layer: the fraction of {kind}.")
    if shape in ((m,), (1, m)):
        return (f"You returned one value per example, shape {shape}; return ONE number for "
                f"the whole layer: the fraction of {kind}.")
    return f"Return ONE number for the whole layer: the fraction of {kind}."


# (neurons, examples, threshold)
SATURATION_CASES = ((4, 1, 4.0), (6, 5, 4.0), (3, 8, 2.5), (5, 3, 0.5), (1, 7, 4.0),
                    (8, 1, 3.0), (5, 6, 4.0))

SATURATION_RULE = ("Count the entries of z (all n * m of them) with |z| > threshold and "
                   "divide by z.size.")

SATURATION_MISTAKES = (
    (lambda z, t: np.mean(np.abs(z) >= t),
     "saturated fraction: you counted |z| >= threshold; the convention here, as in "
     "bplib.saturated_fraction, is strictly greater: an entry exactly at the threshold is "
     "not saturated."),
    (lambda z, t: np.mean(z > t),
     "saturated fraction: you counted only z > threshold. A sigmoid is flat for large "
     "negative z as well as large positive z: count |z| > threshold."),
    (lambda z, t: np.mean(z < -t),
     "saturated fraction: you counted only z < -threshold. A sigmoid is flat for large "
     "positive z as well as large negative z: count |z| > threshold."),
    (lambda z, t: np.mean(np.abs(z) > 4.0),
     "saturated fraction: you counted |z| > 4 whatever the threshold, so the layers with "
     "another threshold come out wrong. Compare |z| with the threshold you were given, the "
     "function's second argument (4.0 is only its default)."),
    (lambda z, t: np.sum(np.abs(z) > t),
     "saturated fraction: you returned the number of saturated entries; the fraction divides "
     "it by the number of entries, z.size."),
    (lambda z, t: np.mean(np.abs(z) <= t),
     "saturated fraction: you returned the fraction of entries that are NOT saturated."),
    (lambda z, t: np.mean(np.abs(sigmoid(z)) > t),
     "saturated fraction: you compared the activation a = sigmoid(z) with the threshold; the "
     "threshold is on the weighted input z (|z| > 4 is where sigma'(z) < 0.018)."),
    (lambda z, t: np.mean(np.abs(tanh(z)) > t),
     "saturated fraction: you compared the activation a = tanh(z) with the threshold; the "
     "threshold is on the weighted input z."),
    (lambda z, t: np.mean(np.all(np.abs(z) > t, axis=1)),
     "saturated fraction: you counted neurons (rows) saturated for every example. Saturation "
     "is counted per (neuron, example) entry: each entry is one delta that gets shrunk, and a "
     "neuron can be saturated for some examples and not for others."),
    (lambda z, t: np.mean(np.any(np.abs(z) > t, axis=1)),
     "saturated fraction: you counted neurons (rows) saturated for some example. Saturation "
     "is counted per (neuron, example) entry: each entry is one delta that gets shrunk."),
)


def _saturation_batch(rng, n, m, threshold):
    z = rng.normal(0.0, 1.6 * threshold, (n, m))
    if n * m >= 6:  # entries exactly at the threshold, on both sides: not saturated
        flat = z.reshape(-1)
        flat[0], flat[-1] = threshold, -threshold
    return z


def check_saturated_fraction(saturated_fraction, seed=52):
    """Fraction of entries with |z| > threshold, against bplib.saturated_fraction."""
    rng = np.random.default_rng(seed)
    runs, names = [], []
    for n, m, t in SATURATION_CASES:
        z = _saturation_batch(rng, n, m, t)
        what = (f"saturated fraction (z of shape ({n}, {m}): {n} neurons, {m} "
                f"example{'s' if m > 1 else ''}; threshold {t:g})")
        got, messages = _quiet_call(saturated_fraction, z, t, what=what)
        if messages:
            raise AssertionError(f"{what}: your function raised a warning: {messages[0]}")
        runs.append(((z, t), got, reference_saturated_fraction(z, t)))
        names.append(what)
    _name_the_mistake(runs, SATURATION_MISTAKES)
    worst = 0.0
    for what, ((z, t), got, want) in zip(names, runs):
        n, m = z.shape
        worst = max(worst, compare(what, got, want, seed=seed,
                                   hint=_scalar_hint(got, n, m, "entries with |z| > threshold",
                                                     SATURATION_RULE)))
    z = rng.normal(0.0, 5.0, (6, 5))  # spread over 4 and 7 alike: a wrong default shows
    default = ("The default is threshold=4.0, as in bplib.saturated_fraction: "
               "def saturated_fraction(z, threshold=4.0).")
    what = "saturated fraction (z of shape (6, 5), no threshold given)"
    got, messages = _quiet_call(saturated_fraction, z, what=what,
                                hint=f"The check called it without a threshold. {default}")
    if messages:
        raise AssertionError(f"{what}: your function raised a warning: {messages[0]}")
    want = reference_saturated_fraction(z)
    if not matches(got, want):
        arr = as_array(got)
        shown = f"{float(arr):.4g}" if arr is not None and arr.shape == () else repr(got)
        raise AssertionError(f"saturated fraction: called without a threshold, your function "
                             f"returned {shown}, expected {want:.4g} (the fraction of entries "
                             f"with |z| > 4). {default}")
    passed(f"saturated fraction: {len(SATURATION_CASES)} random layers (batches of 1 to 8, "
           f"entries exactly at the threshold), agrees with bplib.saturated_fraction "
           f"(max error {worst:.0e})")


# (neurons, examples)
DEAD_CASES = ((5, 1), (6, 4), (8, 10), (3, 1), (7, 6), (9, 3))
ROW_KINDS = ("positive", "negative", "mixed", "zeros", "zeros_and_negative", "one_positive")

DEAD_RULE = ("A neuron (row of z) is dead if its z <= 0 in every column (every example); "
             "divide the number of dead rows by the number of rows.")

DEAD_MISTAKES = (
    (lambda z: np.mean(z <= 0),
     "dead fraction: you counted (neuron, example) entries with z <= 0. A neuron is dead only "
     "if z <= 0 for EVERY example of the batch (all along its row); return the fraction of "
     "neurons (rows) that are dead."),
    (lambda z: np.mean(np.all(z <= 0, axis=0)),
     "dead fraction: wrong axis. The examples are the columns and the neurons the rows: a "
     "neuron is dead if its whole row has z <= 0 (all over axis 1)."),
    (lambda z: np.mean(np.all(z < 0, axis=1)),
     "dead fraction: you used z < 0. The convention is z <= 0: bplib takes relu'(0) = 0, so a "
     "neuron whose z is exactly 0 gets no gradient either and counts as dead."),
    (lambda z: np.mean(np.any(z <= 0, axis=1)),
     "dead fraction: you counted a neuron as dead if z <= 0 for SOME example; it is dead only "
     "if z <= 0 for EVERY example (np.all, not np.any)."),
    (lambda z: np.mean(np.mean(z, axis=1) <= 0),
     "dead fraction: you tested the mean of each row (or its sum) for <= 0. A neuron that is "
     "off on average still learns from the examples where z > 0; it is dead only if z <= 0 "
     "for EVERY example (np.all along the row)."),
    (lambda z: np.sum(np.all(z <= 0, axis=1)),
     "dead fraction: you returned the number of dead neurons; the fraction divides it by the "
     "number of neurons, z.shape[0]."),
    (lambda z: 1.0 - np.mean(np.all(z <= 0, axis=1)),
     "dead fraction: you returned the fraction of neurons that are alive, not dead."),
    (lambda z: 0.0,
     "dead fraction: your function finds no dead neuron, even in layers where whole rows "
     "have z <= 0. If you tested the activation a = relu(z) < 0: a is never negative. Test "
     "the weighted input itself, z <= 0, for every example of the neuron's row."),
)


def _row(rng, kind, m):
    if kind == "positive":
        return rng.uniform(0.1, 3.0, m)
    if kind == "negative":
        return -rng.uniform(0.1, 3.0, m)
    if kind == "mixed":
        row = rng.normal(0.0, 2.0, m)
        row[0], row[-1] = abs(row[0]) + 0.1, -abs(row[-1]) - 0.1
        return row
    if kind == "zeros":
        return np.zeros(m)
    if kind == "zeros_and_negative":
        row = -rng.uniform(0.1, 3.0, m)
        row[rng.integers(m)] = 0.0
        return row
    row = -rng.uniform(0.1, 3.0, m)  # one_positive: off for every example but one
    row[rng.integers(m)] = rng.uniform(0.1, 3.0)
    return row


def _dead_batch(rng, n, m):
    kinds = ["positive", "negative", "zeros"] * n if m == 1 else list(ROW_KINDS) * n
    kinds = kinds[:n]
    rng.shuffle(kinds)
    z = np.vstack([_row(rng, kind, m) for kind in kinds])
    if m > 1 and n % 3 == 0:  # one example that switches every neuron off: it tells the
        z[:, 0] = -np.abs(z[:, 0])  # rows (neurons) from the columns (examples) apart
    return z


def check_dead_fraction(dead_fraction, seed=53):
    """Fraction of neurons with z <= 0 for every example, against bplib.dead_fraction."""
    rng = np.random.default_rng(seed)
    runs, names = [], []
    for n, m in DEAD_CASES:
        z = _dead_batch(rng, n, m)
        what = (f"dead fraction (z of shape ({n}, {m}): {n} neurons, {m} "
                f"example{'s' if m > 1 else ''})")
        got, messages = _quiet_call(dead_fraction, z, what=what)
        if messages:
            raise AssertionError(f"{what}: your function raised a warning: {messages[0]}")
        runs.append(((z,), got, reference_dead_fraction(z)))
        names.append(what)
    _name_the_mistake(runs, DEAD_MISTAKES)
    worst = 0.0
    for what, ((z,), got, want) in zip(names, runs):
        n, m = z.shape
        worst = max(worst, compare(what, got, want, seed=seed,
                                   hint=_scalar_hint(got, n, m, "neurons that are dead",
                                                     DEAD_RULE)))
    passed(f"dead fraction: {len(DEAD_CASES)} random layers (batches of 1 to 10, rows of exact "
           f"zeros), agrees with bplib.dead_fraction (max error {worst:.0e})")


watch_all(globals())  # tripwires for the library shortcuts of each exercise (shortcuts.py)
