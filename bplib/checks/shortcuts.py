"""The library functions that would answer an exercise for the learner, per check.

An answer that calls one of them scores zero, with a line that names it: the visible
check says so at once (a tripwire while the learner's function runs, see
bplib/grading/tripwire.py), and the grader both reads the answer's source for them and
sets the same tripwires while the answer runs (bplib/grading/judge.py). Each entry is
(path for the tripwire, the name shown to the learner, names to look for in the source:
a leading "." means an attribute, such as net.forward). Everything an exercise's text
forbids is here, and so is every bplib function that computes the exercise's result.

Any answer that uses bplib.checks (the checks' own references) scores zero too.
"""
import functools

from ..grading.tripwire import watching

BACKWARD = [("bplib.network:Network.backward", "bplib's Network.backward", (".backward",)),
            ("bplib.network:Network.gradient", "bplib's Network.gradient", (".gradient",))]
STEP = [("bplib.network:Network.step", "bplib's Network.step", (".step",)),
        ("bplib.network:Network.train", "bplib's Network.train", (".train",))]
FORWARD = [("bplib.network:Network.forward", "bplib's Network.forward", (".forward",)),
           ("bplib.network:Network.predict", "bplib's Network.predict", (".predict",))]
COST_DELTA = [("bplib.costs:QuadraticCost.delta", "bplib's cost .delta", (".delta",)),
              ("bplib.costs:CrossEntropyCost.delta", "bplib's cost .delta", (".delta",))]
MAZUR = [("bplib.worked:mazur_update", "bplib.mazur_update", ("mazur_update",)),
         ("bplib.worked:mazur_train", "bplib.mazur_train", ("mazur_train",))]
SIGMOID = [("bplib.activations:sigmoid.prime", "bplib.sigmoid.prime", ("sigmoid.prime", ".prime")),
           ("bplib.activations:sigmoid.fn", "bplib.sigmoid.fn", ("sigmoid.fn",)),
           ("bplib.activations:Activation.__call__", "a bplib activation (bplib.sigmoid, bplib.tanh, ...)",
            ("bplib.sigmoid",)),
           ("scipy.special:expit", "scipy's expit", ("expit",))]

SHORTCUTS = {
    "check_random_nudges": [("bplib.nudge:nudge_train", "bplib.nudge_train", ("nudge_train",))],
    "check_forward_difference": [("bplib.recipes:forward_difference", "bplib.recipes.forward_difference", ("recipes.forward_difference",)),
                                 ("bplib.gradcheck:numerical_gradient", "bplib.numerical_gradient", ("numerical_gradient",))],
    "check_central_difference": [("bplib.recipes:central_difference", "bplib.recipes.central_difference", ("recipes.central_difference",)),
                                 ("bplib.gradcheck:numerical_gradient", "bplib.numerical_gradient", ("numerical_gradient",))],
    "check_relative_error": [("bplib.gradcheck:relative_error", "bplib.relative_error", ("bplib.relative_error", "gradcheck.relative_error"))],
    "check_output_deltas": COST_DELTA + BACKWARD + [
        ("bplib.costs:QuadraticCost.grad_a", "bplib's cost .grad_a", (".grad_a",))],
    "check_hidden_deltas": BACKWARD,
    "check_update": BACKWARD + STEP,
    "check_train_step_linear": BACKWARD + STEP,
    "check_forward": FORWARD,
    "check_update_weights": STEP + MAZUR,
    "check_train_step": BACKWARD + STEP + MAZUR + FORWARD,
    "check_sigmoid_prime": SIGMOID,
    "check_saturated_fraction": [("bplib.diagnostics:saturated_fraction", "bplib.saturated_fraction", ("saturated_fraction",))],
    "check_dead_fraction": [("bplib.diagnostics:dead_fraction", "bplib.dead_fraction", ("dead_fraction",))],
    "check_output_delta": COST_DELTA + BACKWARD,
    "check_hidden_delta": BACKWARD,
    "check_layer_gradients": BACKWARD,
    "check_backprop": BACKWARD,
    "check_minibatch_update": STEP,
    "check_train_epoch": STEP,
    "check_gradient_descent_1d": [("bplib.recipes:gradient_descent_1d", "bplib.recipes.gradient_descent_1d", ("gradient_descent_1d",))],
    "check_count_parameters": [("bplib.network:Network.n_params", "bplib's Network.n_params", (".n_params",)),
                               ("bplib.network:Network.params", "bplib's Network.params", (".params",))],
    "check_first_epoch_reaching": [("bplib.recipes:first_epoch_reaching", "bplib.recipes.first_epoch_reaching", ("recipes.first_epoch_reaching",))],
    "check_sweep": [("bplib.recipes:sweep", "bplib.recipes.sweep", ("recipes.sweep",))],
    "check_one_hot": [("bplib.data:one_hot", "bplib.one_hot", ("bplib.one_hot", "data.one_hot"))],
    "check_predict_accuracy": [("bplib.network:Network.accuracy", "bplib's Network.accuracy", (".accuracy",))],
    "check_sgd_epoch": STEP,
    "check_confusion_matrix": [("sklearn.metrics:confusion_matrix", "scikit-learn's confusion_matrix", ("sklearn",))],
}


class ShortcutError(AssertionError):
    """The learner's function called a library function that answers the exercise."""

    def _render_traceback_(self):
        from .failures import short
        return short(self)


def message(label):
    return (f"your function calls {label}, which does this exercise for you: write it "
            f"yourself (an answer that uses it scores zero)")


def tripwires(check_name):
    """{path: label} for the tripwires of ``check_name``."""
    return {path: label for path, label, _ in SHORTCUTS.get(check_name, ())}


def _watched_call(fn, wires):
    @functools.wraps(fn)
    def run(*args, **kwargs):
        with watching(wires) as watch:
            result = fn(*args, **kwargs)
        if watch.tripped:
            raise ShortcutError(message(watch.tripped[0]))
        return result
    return run


def watched(check):
    """``check`` with tripwires around every learner function it is given.

    The grader's stand-ins for the learner's functions (bplib/grading/remote.py) carry
    their own tripwires into the kernel; they are passed on unwrapped.
    """
    wires = tripwires(check.__name__)
    if not wires:
        return check

    @functools.wraps(check)
    def run(*fns, **kwargs):
        return check(*[_watched_call(f, wires) if callable(f) and not hasattr(f, "forbid")
                       else f for f in fns], **kwargs)
    return run


def watch_all(namespace):
    """Wrap every check_* function of a checks module (called at its end): tripwires,
    and failures shown as a short diagnosis (failures.py)."""
    from .failures import shown
    for name, value in list(namespace.items()):
        if name.startswith("check_") and callable(value):
            namespace[name] = shown(watched(value))
