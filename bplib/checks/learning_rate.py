"""Checks for notebook 08, the learning rate.

The learner writes:
    gradient_descent_1d(grad, w0, eta, steps)  -> the iterates w_0, w_1, ..., w_steps,
        shape (steps + 1,), with w_(t+1) = w_t - eta * grad(w_t); grad is a function of
        one number that returns the slope dC/dw there.
    standardise(x_train, x_test)               -> (x_train_std, x_test_std)
        x_train (n_features, m_train) and x_test (n_features, m_test), one example per
        column; both are standardised with the TRAINING set's per-feature mean and
        (population, numpy's default) standard deviation.
    count_parameters(sizes)                    -> number of weights and biases of a fully
        connected network with these layer sizes, e.g. 37 for [2, 4, 4, 1].
    first_epoch_reaching(accuracies, target)   -> the first epoch e with
        accuracies[e] >= target, or None; accuracies[0] is the untrained network
        (epoch 0), as in bplib's History.
    sweep(etas, train_one, target)             -> [(eta, final_accuracy, first_epoch), ...]
        in the order of etas; train_one(eta) returns a list of accuracies per epoch
        (entry 0 untrained) and is called once per eta.

The checks compare with bplib.recipes (gradient_descent_1d, first_epoch_reaching, sweep,
which the notebook's demonstrations also call) and with the two references below.
"""
import numpy as np

from ..recipes import first_epoch_reaching, gradient_descent_1d, sweep
from .shortcuts import watch_all
from ._core import as_tuple, call, compare, diagnose, matches, passed


# ----- references -------------------------------------------------------------------------
def standardise(x_train, x_test):
    """Both sets standardised with the training set's per-feature (row) mean and std."""
    mean = x_train.mean(axis=1, keepdims=True)
    std = x_train.std(axis=1, keepdims=True)
    return (x_train - mean) / std, (x_test - mean) / std


def count_parameters(sizes):
    """Weights and biases of a fully connected network: sum of n_l * (n_(l-1) + 1)."""
    return int(sum(n * (n_prev + 1) for n_prev, n in zip(sizes[:-1], sizes[1:])))


# The checks' parameters shadow these names, so the checks use these aliases.
_REF_GD, _REF_STANDARDISE, _REF_COUNT = gradient_descent_1d, standardise, count_parameters
_REF_FIRST, _REF_SWEEP = first_epoch_reaching, sweep


# ----- helpers ------------------------------------------------------------------------------
def _whole_number(result, what):
    """The learner's result as an int, or None for None; fail on anything else."""
    if result is None:
        return None
    if isinstance(result, (bool, np.bool_)):
        raise AssertionError(f"{what}: expected a whole number, got {result!r} (a bool)")
    try:
        value = float(result)
    except (TypeError, ValueError):
        raise AssertionError(f"{what}: expected a whole number, got a "
                             f"{type(result).__name__}: {result!r}") from None
    if not value.is_integer():
        raise AssertionError(f"{what}: expected a whole number, got {value!r}")
    return int(value)


# ----- Exercise: gradient descent along one weight -------------------------------------------
def _gd_cases(rng):
    """(description, grad, w0, eta, steps); the first ones are where mistakes show best."""
    cases = [
        ("C(w) = 2(w - 1)^2", lambda w: 4.0 * (w - 1.0), 3.0, 0.1, 8),
        ("C(w) = 2(w - 1)^2", lambda w: 4.0 * (w - 1.0), -2.0, 0.4, 10),
        ("C(w) = 2(w - 1)^2", lambda w: 4.0 * (w - 1.0), 0.5, 0.55, 12),
        ("C(w) = 3w^4 - 4w^3 + 1", lambda w: 12.0 * w ** 3 - 12.0 * w ** 2, 0.05, 0.1, 25),
        ("C(w) = sin(w)", np.cos, 0.3, 0.7, 15),
        ("C(w) = 2(w - 1)^2", lambda w: 4.0 * (w - 1.0), 3.0, 0.1, 0),
    ]
    for _ in range(3):
        a, c = rng.uniform(0.5, 5.0), rng.normal(0.0, 2.0)
        w0, eta = rng.normal(0.0, 3.0), rng.uniform(0.05, 1.9) / a
        steps = int(rng.integers(1, 20))
        cases.append((f"C(w) = {a / 2:.3g}(w - {c:.3g})^2",
                      lambda w, a=a, c=c: a * (w - c), w0, eta, steps))
    return cases


def check_gradient_descent_1d(gradient_descent_1d, seed=80):
    """Parabolas, a quartic and a sine, 0 to 25 steps, against the reference iterates."""
    rng = np.random.default_rng(seed)
    worst = 0.0
    what = "gradient descent 1-d"
    cases = _gd_cases(rng)
    for name, grad, w0, eta, steps in cases:
        want = _REF_GD(grad, w0, eta, steps)
        got = call(gradient_descent_1d, grad, w0, eta, steps, what=what)
        if got is None:
            raise AssertionError(f"{what}: your function returned None. Did you forget `return`?")
        where = f"on {name} from w0 = {w0:.4g} with eta = {eta:.4g} and {steps} steps"
        if steps > 0 and np.ndim(got) == 0 and matches(got, want[-1]):
            raise AssertionError(
                f"{what}: you returned only the last weight {where}; return every iterate, "
                f"w_0 (the start) to w_{steps}, an array of shape ({steps + 1},).")
        fixed = w0 - eta * grad(np.float64(w0)) * np.arange(steps + 1)
        restart = _restart(grad, w0, eta, steps)
        diagnose(what, got, want, [
            (_iterate(grad, w0, -eta, steps),
             f"your steps go uphill {where}. Gradient descent SUBTRACTS the slope: "
             f"w_(t+1) = w_t - eta * grad(w_t)."),
            (_iterate(grad, w0, eta ** 2, steps),
             f"each step is eta times too small {where}: eta is applied twice "
             f"(eta * eta * grad). The step is eta * grad(w_t), once."),
            (_iterate(grad, w0, 1.0, steps),
             f"the learning rate is missing {where}: the step is eta * grad(w_t), "
             f"not grad(w_t)."),
            (fixed,
             f"every step uses the slope at the start w_0 {where}; the slope must be "
             f"taken again at the new w_t before each step."),
            (restart,
             f"every step starts again from w_0 {where}: w_(t+1) = w_t - eta * grad(w_t) "
             f"starts from the latest w_t, not from w_0."),
        ])
        if steps > 0 and matches(got, want[1:]):
            raise AssertionError(
                f"{what}: the start w_0 is missing {where}: return w_0, w_1, ..., w_{steps} "
                f"({steps + 1} numbers, w_0 first).")
        if steps > 0 and matches(got, want[:-1]):
            raise AssertionError(
                f"{what}: the last iterate w_{steps} is missing {where}: you returned w_0 to "
                f"w_{steps - 1}. Record each new w after its step, so that {steps} steps give "
                f"{steps + 1} numbers.")
        if matches(got, _iterate(grad, w0, eta, steps + 1)):
            raise AssertionError(
                f"{what}: you took one step too many {where}: {steps} steps give "
                f"{steps + 1} numbers, w_0 to w_{steps}.")
        worst = max(worst, compare(
            f"{what} ({name}, eta = {eta:.4g}, {steps} steps)", got, want, seed=seed,
            hint=f"Expected the {steps + 1} iterates w_0 (= {w0:.4g}) to w_{steps}."))
    passed(f"gradient descent 1-d: {len(cases)} runs on parabolas, a quartic and a sine, "
           f"0 to 25 steps, max relative error {worst:.0e}")


def _restart(grad, w0, eta, steps):
    """Every step taken from w0 with the slope at the latest iterate (a mistake)."""
    w = [np.float64(w0)]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            w.append(np.float64(w0 - eta * grad(w[-1])))
    return np.array(w)


def _iterate(grad, w0, eta, steps):
    """The iterates with another step size (a mistake's result); nan where they overflow."""
    w = [np.float64(w0)]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            try:
                w.append(np.float64(w[-1] - eta * grad(w[-1])))
            except OverflowError:
                w.append(np.float64(np.nan))
    return np.array(w)


# ----- Exercise: standardise --------------------------------------------------------------
def _standardise_cases(rng):
    """(n_features, m_train, m_test): several features first, a single test example last
    (there a test set's own standard deviation is 0)."""
    shapes = [(2, 20, 5), (3, 50, 13), (1, 30, 4), (5, 7, 9), (2, 12, 1)]
    cases = []
    for n, m_train, m_test in shapes:
        centre = rng.normal(0.0, 10.0, (n, 1))
        scale = np.exp(rng.uniform(-2.0, 3.0, (n, 1)))
        x_train = centre + scale * rng.normal(0.0, 1.0, (n, m_train))
        x_test = centre + 1.5 + scale * rng.normal(0.0, 1.3, (n, m_test))
        cases.append((x_train, x_test))
    return cases


def check_standardise(standardise, seed=81):
    """Per-feature training statistics applied to both sets, on five random data sets."""
    rng = np.random.default_rng(seed)
    worst = 0.0
    what = "standardise"
    cases = _standardise_cases(rng)
    for x_train, x_test in cases:
        n, m_train = x_train.shape
        m_test = x_test.shape[1]
        want_train, want_test = _REF_STANDARDISE(x_train, x_test)
        got = as_tuple(call(standardise, x_train, x_test, what=what, shape_hint=(
            "The per-feature mean and standard deviation must be columns of shape "
            "(n_features, 1) to line up with the rows: pass keepdims=True with axis=1.")),
            what, "x_train_std, x_test_std")
        got_train, got_test = got
        where = (f"with {n} feature(s), {m_train} training and {m_test} test examples "
                 f"(x_train of shape {x_train.shape}, x_test {x_test.shape})")
        if matches(got_train, want_test) and matches(got_test, want_train):
            raise AssertionError(f"{what}: the pair is the wrong way round; return "
                                 f"(x_train_std, x_test_std).")
        with np.errstate(divide="ignore", invalid="ignore"):
            by_example = [(x - x.mean(axis=0, keepdims=True)) / x.std(axis=0, keepdims=True)
                          for x in (x_train, x_test)]
        overall = [(x - x_train.mean()) / x_train.std() for x in (x_train, x_test)]
        sample = [(x - x_train.mean(axis=1, keepdims=True))
                  / x_train.std(axis=1, ddof=1, keepdims=True) for x in (x_train, x_test)]
        centred = [x - x_train.mean(axis=1, keepdims=True) for x in (x_train, x_test)]
        scaled = [x / x_train.std(axis=1, keepdims=True) for x in (x_train, x_test)]
        both = np.concatenate([x_train, x_test], axis=1)
        pooled = [(x - both.mean(axis=1, keepdims=True)) / both.std(axis=1, keepdims=True)
                  for x in (x_train, x_test)]
        variance = [(x - x_train.mean(axis=1, keepdims=True)) / x_train.var(axis=1, keepdims=True)
                    for x in (x_train, x_test)]
        with np.errstate(divide="ignore", invalid="ignore"):
            own = (x_test - x_test.mean(axis=1, keepdims=True)) / x_test.std(axis=1, keepdims=True)
        mistakes = [
            (by_example, "you computed a mean and standard deviation per EXAMPLE (over the "
                         "features, axis 0). Examples are columns: each feature is a row, "
                         "and its statistics run over the training examples, axis=1 with "
                         "keepdims=True."),
            (overall, "you used one mean and one standard deviation for all the features "
                      "together. Each feature (row) gets its own: mean and std over axis=1, "
                      "keepdims=True, so they have shape (n_features, 1)."),
            (sample, "you divided by the sample standard deviation (ddof=1, dividing by "
                     "m - 1). Use numpy's default population standard deviation (ddof=0), "
                     "as bplib.moons does."),
            (centred, "you subtracted the mean but did not divide by the standard deviation."),
            (scaled, "you divided by the standard deviation but did not subtract the mean "
                     "first."),
            (pooled, "you computed the mean and standard deviation over the training and test "
                     "examples together. Use the training examples only, for both sets: the "
                     "test set must not shape the statistics."),
            (variance, "you divided by the variance; divide by the standard deviation, its "
                       "square root (np.std, not np.var)."),
        ]
        for index, label in ((0, "x_train_std"), (1, "x_test_std")):
            diagnose(f"{what}: {label} {where}", got[index], (want_train, want_test)[index],
                      [(wrong[index], message) for wrong, message in mistakes])
        worst = max(worst, compare(
            f"{what}: x_train_std {where}", got_train, want_train, seed=seed,
            hint="Training set: subtract each feature's mean over the training examples and "
                 "divide by its standard deviation; the result has shape (n_features, m_train)."))
        if matches(got_test, own):
            raise AssertionError(
                f"{what}: x_test_std {where} was standardised with the TEST set's own mean "
                f"and standard deviation. That leaks information from the test set, and "
                f"moves each test point differently from the training points. Use the "
                f"training set's statistics for both sets.")
        if m_test == 1 and not np.all(np.isfinite(np.asarray(got_test, dtype=float))):
            raise AssertionError(
                f"{what}: x_test_std {where} is not finite. With one test example the test "
                f"set's own standard deviation is 0: use the TRAINING set's statistics for "
                f"the test set too.")
        worst = max(worst, compare(
            f"{what}: x_test_std {where}", got_test, want_test, seed=seed,
            hint="Test set: subtract the TRAINING set's per-feature mean and divide by the "
                 "TRAINING set's per-feature standard deviation."))
    passed(f"standardise: {len(cases)} random data sets, 1 to 5 features, 1 to 13 test "
           f"examples, max relative error {worst:.0e}")


# ----- Exercise: count the parameters ------------------------------------------------------------
def check_count_parameters(count_parameters, seed=82):
    """Glassner's 2-4-4-1 (37), the 784-16-16-10 digit net (13,002), and random networks."""
    rng = np.random.default_rng(seed)
    what = "count parameters"
    nets = [[2, 4, 4, 1], [784, 16, 16, 10], [3, 1]]
    for _ in range(6):
        nets.append([int(n) for n in rng.integers(1, 40, size=int(rng.integers(2, 7)))])
    for sizes in nets:
        want = _REF_COUNT(sizes)
        result = call(count_parameters, list(sizes), what=what)
        per_layer = [n * (n_prev + 1) for n_prev, n in zip(sizes[:-1], sizes[1:])]
        if len(sizes) > 2 and isinstance(result, (list, tuple, np.ndarray)) \
                and np.shape(result) == (len(per_layer),) and matches(result, per_layer):
            raise AssertionError(
                f"{what}: for sizes {sizes} you returned the count per layer, "
                f"{[int(n) for n in per_layer]}; return their sum, one whole number ({want}).")
        got = _whole_number(result, f"{what} {sizes}")
        if got is None:
            raise AssertionError(f"{what}: your function returned None. Did you forget `return`?")
        if got == want:
            continue
        weights = sum(a * b for a, b in zip(sizes[:-1], sizes[1:]))
        mistakes = [
            (weights, "you counted the weights only. Every neuron outside the input layer "
                      "has a bias too: layer l adds n_l * n_(l-1) weights and n_l biases."),
            (want + sizes[0], "you gave the input layer biases too. The input layer only "
                              "holds the inputs: biases belong to layers 1..L."),
            (weights + sum(sizes[:-1]), "the biases are counted for the wrong layer: a "
                                        "layer's biases belong to its own neurons (n_l of "
                                        "them), not to the layer feeding it."),
            (sum(sizes), "you counted neurons, not parameters."),
            (weights + len(sizes) - 1, "you counted one bias per layer. Every neuron has its "
                                       "own bias: layer l has n_l of them."),
            (want + sizes[0] * (sizes[-1] + 1), "you counted a layer 0 too: a loop from l = 0 "
                                                "reads sizes[l - 1] = sizes[-1], the output "
                                                "layer. The layers with parameters are "
                                                "l = 1 .. L, range(1, len(sizes))."),
            (want - sizes[-1] * (sizes[-2] + 1), "the output layer is missing: layers run "
                                                 "from 1 to L = len(sizes) - 1 inclusive."),
            (want - sizes[1] * (sizes[0] + 1), "the first layer's weights and biases are "
                                               "missing: layer 1 (fed by the inputs) counts "
                                               "too."),
        ]
        for wrong, message in mistakes:
            if wrong == got:
                raise AssertionError(f"{what}: for sizes {sizes} you returned {got}, "
                                     f"expected {want}; {message}")
        raise AssertionError(
            f"{what}: for sizes {sizes} you returned {got}, expected {want}. Layer l "
            f"(1..L) has n_l * n_(l-1) weights and n_l biases.")
    passed(f"count parameters: 37 for [2, 4, 4, 1], 13,002 for [784, 16, 16, 10], and "
           f"{len(nets) - 2} more networks of 1 to 5 layers")


# ----- Exercise: first epoch reaching a target ---------------------------------------------------
def _epoch_cases(rng):
    """(accuracies, target); exact hits, epoch 0, dips and 'never' among them."""
    cases = [
        ([0.5, 0.8, 0.99, 0.97, 1.0, 1.0], 0.99),
        ([0.5, 0.8, 0.99, 0.97, 1.0, 1.0], 1.0),
        ([0.95, 0.9, 0.99, 0.93], 0.9),
        ([0.498, 0.884, 0.901, 0.945], 0.99),
        ([0.5, 0.7, 0.9, 0.85, 0.9, 0.95, 0.88, 0.96], 0.9),
    ]
    for m in (1200, 300):
        correct = np.clip(np.cumsum(rng.integers(-m // 60, m // 15, size=30)) + m // 2, 0, m)
        accuracies = correct / m
        cases.append((accuracies, float(accuracies[int(rng.integers(5, 25))])))
    return cases


# What the usual mistakes return, for the whole list of cases at once.
def _first(accuracies, target, start=0, strict=False):
    for epoch in range(start, len(accuracies)):
        a = accuracies[epoch]
        if (a > target) if strict else (a >= target):
            return epoch
    return None


def _plus_one(accuracies, target):
    e = _first(accuracies, target)
    return None if e is None else e + 1


def _last(accuracies, target):
    hits = [e for e, a in enumerate(accuracies) if a >= target]
    return hits[-1] if hits else None


def _stays(accuracies, target):
    return next((e for e in range(len(accuracies))
                 if all(a >= target for a in accuracies[e:])), None)


def _never(value):
    def variant(accuracies, target):
        e = _first(accuracies, target)
        if e is not None:
            return e
        return len(accuracies) if value == "len" else value
    return variant


EPOCH_MISTAKES = [
    (_plus_one, "one too many. Entry 0 of the list is epoch 0, the untrained network, so "
                "the index of an entry IS its epoch; do not add 1."),
    (lambda acc, t: _first(acc, t, start=1),
     "epoch 0 was skipped. Entry 0 is the untrained network; if it already reaches the "
     "target, the answer is 0."),
    (lambda acc, t: _first(acc, t, strict=True),
     "the accuracy equals the target exactly at the expected epoch: reaching the target "
     "means >= target, not > target."),
    (_last, "that is the LAST epoch at or above the target; the question is the first."),
    (_stays, "that is the epoch from which the accuracy STAYS at or above the target; the "
             "question is the first epoch that reaches it, even if it dips again later."),
    (_never(-1), "the target is never reached here, and then the answer is None, not -1."),
    (_never(0), "the target is never reached here, and then the answer is None, not 0 "
                "(0 would mean the untrained network already reached it)."),
    (_never(False), "the target is never reached here, and then the answer is None, not False."),
    (_never("len"), "the target is never reached here, and then the answer is None, not the "
                    "length of the list."),
]


def _epoch_answer(result, where):
    """The learner's answer as an int or None; names a returned accuracy or bool."""
    if isinstance(result, (bool, np.bool_)):
        return bool(result)  # compared as it is: False is one of the known mistakes
    if result is not None and np.ndim(result) == 0:
        try:
            value = float(result)
        except (TypeError, ValueError):
            value = None
        if value is not None and not value.is_integer():
            raise AssertionError(f"first epoch reaching: you returned {value:g} {where}; "
                                 f"return the epoch, the index of the entry in the list.")
    return _whole_number(result, f"first epoch reaching {where}")


def check_first_epoch_reaching(first_epoch_reaching, seed=83):
    """Lists and arrays of accuracies; exact hits, epoch 0, dips, and targets never reached."""
    rng = np.random.default_rng(seed)
    what = "first epoch reaching"
    cases = _epoch_cases(rng)
    answers = []
    for accuracies, target in cases:
        given = [float(a) for a in accuracies] if isinstance(accuracies, list) else accuracies
        before = list(given)
        got = call(first_epoch_reaching, given, target, what=what)
        if list(given) != before:
            raise AssertionError(
                f"{what}: your function changed the list of accuracies it was given (sorted "
                f"it, or removed entries). Read it without changing it.")
        shown = [round(float(a), 4) for a in accuracies]
        answers.append(_epoch_answer(got, f"for accuracies {shown} and target {target:g}"))

    def same(a, b):
        return a is b if a is None or b is None or isinstance(a, bool) or isinstance(b, bool) \
            else a == b

    wants = [_REF_FIRST(acc, t) for acc, t in cases]
    wrong = [i for i, (g, w) in enumerate(zip(answers, wants)) if not same(g, w)]
    if not wrong:
        passed(f"first epoch reaching: {len(cases)} runs (lists and arrays; exact hits, "
               f"epoch 0, dips, never reached)")
        return
    i = wrong[0]
    accuracies, target = cases[i]
    shown = [round(float(a), 4) for a in accuracies]
    message = (f"{what}: for accuracies {shown} and target {target:g} you returned "
               f"{answers[i]!r}, expected {wants[i]!r}")
    for variant, why in EPOCH_MISTAKES:
        if all(same(g, variant(acc, t)) for g, (acc, t) in zip(answers, cases)):
            raise AssertionError(f"{message}: {why}")
    raise AssertionError(f"{message}. The answer is the first index e with accuracies[e] >= "
                         f"target (entry 0 is epoch 0), or None if there is none.")


# ----- Exercise: a sweep over learning rates --------------------------------------------------
class _Trainer:
    """A stand-in for training: returns a fixed accuracy curve per eta and counts calls."""

    def __init__(self, curves):
        self.curves = curves
        self.calls = []

    def __call__(self, eta):
        self.calls.append(eta)
        if eta not in self.curves:
            raise AssertionError(f"sweep: train_one was called with eta = {eta!r}, which is "
                                 f"not one of the learning rates given")
        return list(self.curves[eta])


def _sweep_cases(rng):
    """(etas, curves, target): not sorted, with dips, a diverging-looking run, and None."""
    base = {0.03: [0.5, 0.86, 0.9, 0.94, 0.97, 0.99, 0.995],
            0.3: [0.5, 0.99, 0.98, 1.0, 0.995, 1.0, 0.99],
            0.001: [0.5, 0.6, 0.66, 0.7, 0.73, 0.76, 0.78],
            3.0: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
            0.1: [0.5, 0.9, 0.97, 1.0, 0.998, 1.0, 1.0]}
    cases = [(list(base), base, 0.99), ([0.1, 0.03, 3.0], base, 1.0)]
    etas = [float(e) for e in np.round(10.0 ** rng.uniform(-3, 0.5, size=6), 6)]
    curves = {}
    for eta in etas:
        steps = rng.integers(-40, 120, size=int(rng.integers(3, 12)))
        curves[eta] = list(np.clip(600 + np.cumsum(steps), 0, 1200) / 1200)
        curves[eta].insert(0, 0.5)
    cases.append((etas, curves, float(np.median([c[-1] for c in curves.values()]))))
    return cases


def _same_epoch(a, b):
    """Two epochs (or None) are the same answer."""
    if a is None or b is None:
        return a is None and b is None
    return not isinstance(a, (bool, np.bool_)) and matches(a, b)


def _loose(value):
    """An epoch as returned, for comparison only: None, or a number if it is one."""
    if value is None or isinstance(value, (bool, np.bool_)):
        return value
    try:
        return float(value)
    except (TypeError, ValueError):
        return value


def check_sweep(sweep, seed=84):
    """Stand-in training curves for unsorted learning rates; one call per eta."""
    rng = np.random.default_rng(seed)
    what = "sweep"
    cases = _sweep_cases(rng)
    for etas, curves, target in cases:
        trainer = _Trainer(curves)
        got = call(sweep, list(etas), trainer, target, what=what)
        want = _REF_SWEEP(etas, lambda eta: curves[eta], target)
        where = f"(etas {etas}, target {target:g})"
        for eta in etas:
            n = trainer.calls.count(eta)
            if n != 1:
                raise AssertionError(
                    f"{what}: train_one was called {n} times for eta = {eta:g} {where}. Call "
                    f"it exactly once per learning rate and use the one list it returns for "
                    f"both numbers: training is the expensive part.")
        if got is None:
            raise AssertionError(f"{what}: your function returned None. Did you forget `return`?")
        if not isinstance(got, (list, tuple)) or not all(
                isinstance(r, (list, tuple)) and len(r) == 3 for r in got):
            raise AssertionError(
                f"{what}: expected a list with one (eta, final_accuracy, first_epoch) tuple "
                f"per learning rate, got {type(got).__name__}: {str(got)[:120]}")
        if len(got) != len(etas):
            raise AssertionError(f"{what}: {len(etas)} learning rates gave {len(got)} results "
                                 f"{where}; expected one tuple per learning rate.")
        got_etas = [r[0] for r in got]
        if got_etas != list(etas):
            order = (" They are sorted: keep the order of etas as given."
                     if sorted(etas) == got_etas and sorted(etas) != list(etas) else "")
            raise AssertionError(f"{what}: the results' learning rates are {got_etas}, "
                                 f"expected {list(etas)} (the order given).{order}")
        for (eta, final, first), (_, want_final, want_first) in zip(got, want):
            accuracies = curves[eta]
            if _same_epoch(final, want_first) and matches(first, want_final) \
                    and not matches(final, want_final):
                raise AssertionError(
                    f"{what}: for eta = {eta:g} you returned ({eta!r}, {final!r}, {first!r}): "
                    f"final accuracy and first epoch are swapped. Each tuple is "
                    f"(eta, final_accuracy, first_epoch), in that order.")
            if not matches(final, want_final):
                hint = ""
                if matches(final, max(accuracies)):
                    hint = " That is the best accuracy; the final one is the LAST entry."
                elif matches(final, accuracies[0]):
                    hint = " That is entry 0, the untrained network; the final one is the last."
                else:
                    other = next((e for e, f, n in want if e != eta and matches(final, f)
                                  and _same_epoch(_loose(first), n)), None)
                    if other is not None:
                        hint = (f" That is the result of the run of eta = {other:g}: pair each "
                                f"eta with the list its own train_one(eta) returned.")
                raise AssertionError(f"{what}: final accuracy for eta = {eta:g} is {final!r}, "
                                     f"expected {want_final:g} (the last of {accuracies}).{hint}")
            first = _whole_number(first, f"{what}: first epoch for eta = {eta:g}")
            if first != want_first:
                firsts = [_loose(r[2]) for r in got]
                for variant, why in EPOCH_MISTAKES:
                    if all(_same_epoch(f, variant(curves[e], target))
                           for f, e in zip(firsts, etas)):
                        raise AssertionError(
                            f"{what}: first epoch for eta = {eta:g} reaching {target:g} is "
                            f"{first}, expected {want_first} (accuracies "
                            f"{[round(a, 4) for a in accuracies]}): {why} (If sweep calls your "
                            f"first_epoch_reaching from Exercise 4, fix it there.)")
                raise AssertionError(
                    f"{what}: first epoch for eta = {eta:g} reaching {target:g} is {first}, "
                    f"expected {want_first} (accuracies {[round(a, 4) for a in accuracies]}). "
                    f"Check your first_epoch_reaching from Exercise 4 against this list.")
    passed(f"sweep: {len(cases)} sweeps of 3 to 6 learning rates, one training run each, in "
           f"the order given")


watch_all(globals())  # tripwires for the library shortcuts of each exercise (shortcuts.py)
