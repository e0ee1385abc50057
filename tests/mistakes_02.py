"""Typical wrong answers to notebook 02 (follow the slope), for tests/test_mistakes.py."""
import numpy as np

from mistakes import Wrong
from test_checks_finite_differences import (
    cd_flipped, cd_loop, cd_not_put_back, cd_one_sided, cd_over_eps, cd_second_point_is_w,
    fd_all_at_once, fd_backward, fd_central, fd_first_only, fd_flipped, fd_not_put_back_copy,
    fd_not_put_back_moving_base, fd_over_two_eps, fd_scalar, fd_unit_vectors, rel_right)
# the same wrong answers as its tests
from test_checks_finite_differences import (
    fd_in_place_subtract, cd_in_place_arithmetic, cd_in_place as cd_in_place_not_restored,
    cd_half_steps)

norm = np.linalg.norm


# ----- gradient_step ----------------------------------------------------------------------------
def step_uphill(params, grad, eta):
    return params + eta * grad


def step_eta_twice(params, grad, eta):
    return params - eta * eta * grad


def step_no_eta(params, grad, eta):
    return params - grad


def step_over_eta(params, grad, eta):
    return params - grad / eta


def step_only(params, grad, eta):
    return -eta * grad


def step_eta_grad(params, grad, eta):
    return eta * grad


def step_column(params, grad, eta):
    return (params - eta * grad).reshape(-1, 1)


def step_no_return(params, grad, eta):
    params - eta * grad


def step_in_place(params, grad, eta):
    params -= eta * grad
    return params


def step_swapped(params, grad, eta):
    # params and grad swapped
    return grad - eta * params


# ----- forward_difference -------------------------------------------------------------------------
def fd_in_place_not_restored(cost, params, eps):
    base = cost(params)
    grad = np.zeros_like(params)
    for j in range(params.size):
        params[j] += eps
        grad[j] = (cost(params) - base) / eps
    return grad


def fd_over_eps_squared(cost, params, eps):
    return fd_unit_vectors(cost, params, eps) / eps


# ----- central_difference -------------------------------------------------------------------------
def cd_half_steps_over_eps(cost, params, eps):
    # steps of eps / 2 each way, divided by eps (their distance)
    unit = np.eye(params.size)
    return np.array([(cost(params + eps / 2 * e) - cost(params - eps / 2 * e)) / eps
                     for e in unit])


def cd_over_four_eps(cost, params, eps):
    return cd_loop(cost, params, eps) / 2


def cd_all_at_once(cost, params, eps):
    return np.full(params.size, (cost(params + eps) - cost(params - eps)) / (2 * eps))


def cd_first_only(cost, params, eps):
    return cd_loop(cost, params, eps)[:1]


# ----- relative_error -------------------------------------------------------------------------------
def rel_absolute(g1, g2):
    return norm(g1 - g2)


def rel_over_g1(g1, g2):
    with np.errstate(all="ignore"):
        return norm(g1 - g2) / norm(g1)


def rel_over_g2(g1, g2):
    with np.errstate(all="ignore"):
        return norm(g1 - g2) / norm(g2)


def rel_norm_of_sum(g1, g2):
    with np.errstate(all="ignore"):
        return norm(g1 - g2) / norm(g1 + g2)


def rel_larger(g1, g2):
    with np.errstate(all="ignore"):
        return norm(g1 - g2) / max(norm(g1), norm(g2))


def rel_max_entries(g1, g2):
    with np.errstate(all="ignore"):
        return np.max(np.abs(g1 - g2)) / (np.max(np.abs(g1)) + np.max(np.abs(g2)))


def rel_one_norm(g1, g2):
    with np.errstate(all="ignore"):
        return np.sum(np.abs(g1 - g2)) / (np.sum(np.abs(g1)) + np.sum(np.abs(g2)))


def rel_squared_norms(g1, g2):
    with np.errstate(all="ignore"):
        return np.sum((g1 - g2) ** 2) / (np.sum(g1 ** 2) + np.sum(g2 ** 2))


def rel_elementwise(g1, g2):
    with np.errstate(all="ignore"):
        return np.abs(g1 - g2) / (np.abs(g1) + np.abs(g2))


def rel_nan_when_both_zero(g1, g2):
    with np.errstate(all="ignore"):
        return norm(g1 - g2) / (norm(g1) + norm(g2))


def rel_python_division(g1, g2):
    return float(norm(g1 - g2)) / float(norm(g1) + norm(g2))


def rel_guard(g1, g2):
    return norm(g1 - g2) / (norm(g1) + norm(g2) + 1e-8)


def rel_mean_norms(g1, g2):
    scale = (norm(g1) + norm(g2)) / 2
    return 0.0 if scale == 0 else norm(g1 - g2) / scale


def rel_in_place(g1, g2):
    g1 -= g2
    return rel_right(g1 + g2, g2)


WRONG = [
    Wrong("gradient-step-tests", "adds the gradient", {"gradient_step": step_uphill}, "moved uphill"),
    Wrong("gradient-step-tests", "eta twice", {"gradient_step": step_eta_twice},
          "learning rate is applied twice"),
    Wrong("gradient-step-tests", "no eta", {"gradient_step": step_no_eta}, "learning rate is missing"),
    Wrong("gradient-step-tests", "divides by eta", {"gradient_step": step_over_eta},
          "divided the gradient by eta"),
    Wrong("gradient-step-tests", "returns the step only", {"gradient_step": step_only},
          "returned the step -eta * grad only"),
    Wrong("gradient-step-tests", "returns eta * grad", {"gradient_step": step_eta_grad},
          "you returned eta * grad"),
    Wrong("gradient-step-tests", "a column", {"gradient_step": step_column},
          "expected shape (3,), got shape (3, 1)"),
    Wrong("gradient-step-tests", "no return", {"gradient_step": step_no_return}, "returned None"),
    Wrong("gradient-step-tests", "changes params in place", {"gradient_step": step_in_place},
          "changed one of its input arrays in place"),
    Wrong("gradient-step-tests", "params and grad swapped", {"gradient_step": step_swapped},
          "swapped"),

    Wrong("forward-difference-tests", "the central difference", {"forward_difference": fd_central},
          "you returned the central difference"),
    Wrong("forward-difference-tests", "divides by 2 eps", {"forward_difference": fd_over_two_eps},
          "half the forward difference"),
    Wrong("forward-difference-tests", "before minus after", {"forward_difference": fd_flipped},
          "wrong sign"),
    Wrong("forward-difference-tests", "steps backwards", {"forward_difference": fd_backward},
          "you stepped backwards"),
    Wrong("forward-difference-tests", "nudges pile up in a copy", {"forward_difference": fd_not_put_back_copy},
          "the nudges piled up"),
    Wrong("forward-difference-tests", "nudges pile up, moving base",
          {"forward_difference": fd_not_put_back_moving_base}, "the nudges piled up"),
    Wrong("forward-difference-tests", "all parameters at once", {"forward_difference": fd_all_at_once},
          "nudged all parameters at once"),
    Wrong("forward-difference-tests", "return inside the loop", {"forward_difference": fd_first_only},
          "only the first entry is right"),
    Wrong("forward-difference-tests", "one number", {"forward_difference": fd_scalar},
          "indented inside the loop"),
    Wrong("forward-difference-tests", "in place, never restored",
          {"forward_difference": fd_in_place_not_restored}, "did not put every parameter back"),
    Wrong("forward-difference-tests", "in place, restored by subtracting eps",
          {"forward_difference": fd_in_place_subtract}, "undoing the nudge with arithmetic"),
    Wrong("forward-difference-tests", "divides by eps twice", {"forward_difference": fd_over_eps_squared},
          "divided by eps twice"),

    Wrong("central-difference-tests", "the forward difference", {"central_difference": cd_one_sided},
          "one-sided forward difference"),
    Wrong("central-difference-tests", "the backward difference", {"central_difference": fd_backward},
          "one-sided backward difference"),
    Wrong("central-difference-tests", "divides by eps", {"central_difference": cd_over_eps},
          "twice the central difference"),
    Wrong("central-difference-tests", "divides by 4 eps", {"central_difference": cd_over_four_eps},
          "half the central difference"),
    Wrong("central-difference-tests", "minus before plus", {"central_difference": cd_flipped},
          "wrong sign"),
    Wrong("central-difference-tests", "second point is w", {"central_difference": cd_second_point_is_w},
          "second point of the central difference is w - eps e_j"),
    Wrong("central-difference-tests", "nudges pile up", {"central_difference": cd_not_put_back},
          "the nudges piled up"),
    Wrong("central-difference-tests", "all parameters at once", {"central_difference": cd_all_at_once},
          "nudged all parameters at once"),
    Wrong("central-difference-tests", "first entry only", {"central_difference": cd_first_only},
          "expected shape (3,), got shape (1,)"),
    Wrong("central-difference-tests", "in place, left at -eps",
          {"central_difference": cd_in_place_not_restored}, "did not put every parameter back"),
    Wrong("central-difference-tests", "in place, +eps -2eps +eps",
          {"central_difference": cd_in_place_arithmetic}, "undoing the nudge with arithmetic"),
    Wrong("central-difference-tests", "steps of eps/2, divided by 2 eps",
          {"central_difference": cd_half_steps}, "eps / 2 each way"),
    Wrong("central-difference-tests", "steps of eps/2, divided by eps",
          {"central_difference": cd_half_steps_over_eps}, "eps / 2 each way"),

    Wrong("relative-error-tests", "absolute error", {"relative_error": rel_absolute}, "absolute error"),
    Wrong("relative-error-tests", "divides by ||g1||", {"relative_error": rel_over_g1},
          "divided by ||g1|| only"),
    Wrong("relative-error-tests", "divides by ||g2||", {"relative_error": rel_over_g2},
          "divided by ||g2|| only"),
    Wrong("relative-error-tests", "norm of the sum", {"relative_error": rel_norm_of_sum},
          "the norm of the sum"),
    Wrong("relative-error-tests", "the larger norm", {"relative_error": rel_larger},
          "divided by the larger norm"),
    Wrong("relative-error-tests", "largest entries", {"relative_error": rel_max_entries},
          "you used the largest entry"),
    Wrong("relative-error-tests", "1-norms", {"relative_error": rel_one_norm}, "the 1-norm"),
    Wrong("relative-error-tests", "squared norms", {"relative_error": rel_squared_norms},
          "you used squared norms"),
    Wrong("relative-error-tests", "entry by entry", {"relative_error": rel_elementwise},
          "expected one number"),
    Wrong("relative-error-tests", "nan for two zero gradients", {"relative_error": rel_nan_when_both_zero},
          "both gradients are zero you return nan"),
    Wrong("relative-error-tests", "ZeroDivisionError for two zero gradients",
          {"relative_error": rel_python_division}, "both gradients are zero your function stops"),
    Wrong("relative-error-tests", "a guard in the denominator", {"relative_error": rel_guard},
          "added a small number"),
    Wrong("relative-error-tests", "divides by the mean of the norms", {"relative_error": rel_mean_norms},
          "twice the relative error"),
    Wrong("relative-error-tests", "changes g1 in place", {"relative_error": rel_in_place},
          "changed one of its input arrays in place"),
]
