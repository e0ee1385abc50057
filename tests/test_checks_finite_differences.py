"""The checks of notebook 02 accept right answers in any form and name typical mistakes."""
import numpy as np
import pytest

from bplib.checks.finite_differences import (
    CountingCost, check_central_difference, check_forward_difference, check_gradient_step,
    check_relative_error, reference_central_difference, reference_forward_difference)


def unanswered(*args):
    raise NotImplementedError()


@pytest.mark.parametrize("check", [check_gradient_step, check_forward_difference,
                                   check_central_difference, check_relative_error])
def test_unanswered_passes_not_implemented_through(check):
    with pytest.raises(NotImplementedError):
        check(unanswered)


# ----- the references and the counter ----------------------------------------------------------
def test_references_on_a_cubic_and_their_cost_calls():
    cost = CountingCost(lambda w: float(np.sum(w ** 3)), size=2)
    params = np.array([1.0, 2.0])
    fd = reference_forward_difference(cost, params, 0.1)
    assert cost.calls == 3  # P + 1
    assert fd == pytest.approx([3.31, 12.61], abs=1e-12)  # 3w^2 + 3w eps + eps^2
    cost.calls = 0
    cd = reference_central_difference(cost, params, 0.1)
    assert cost.calls == 4  # 2P
    assert cd == pytest.approx([3.01, 12.01], abs=1e-12)  # 3w^2 + eps^2
    assert params.tolist() == [1.0, 2.0]


def test_counting_cost_names_a_wrong_shape():
    cost = CountingCost(lambda w: 0.0, size=3)
    with pytest.raises(ValueError, match=r"flat vector of 3 numbers.*got shape \(3, 1\)"):
        cost(np.zeros((3, 1)))


# ----- gradient step ----------------------------------------------------------------------------
def step_right(params, grad, eta):
    return params - eta * grad


def step_loop(params, grad, eta):
    new = []
    for p, g in zip(params, grad):
        new.append(p - eta * g)
    return np.array(new)


def step_copy_then_in_place(params, grad, eta):
    new = params.copy()
    new -= eta * grad
    return new


def test_gradient_step_accepts_right_answers(capsys):
    for right in (step_right, step_loop, step_copy_then_in_place):
        check_gradient_step(right)
    out = capsys.readouterr().out
    assert out.count("✓ gradient step: 4 random vectors (P = 1 to 7, eta = 0.1 to 3)") == 3


@pytest.mark.parametrize("wrong, message", [
    (lambda p, g, eta: p + eta * g, "moved uphill"),
    (lambda p, g, eta: p - eta * eta * g, "learning rate is applied twice"),
    (lambda p, g, eta: p - g, "learning rate is missing"),
    (lambda p, g, eta: p - g / eta, "divided the gradient by eta"),
    (lambda p, g, eta: -eta * g, "returned the step -eta \\* grad only"),
    (lambda p, g, eta: g - eta * p, "params and grad are swapped"),
    (lambda p, g, eta: (p - eta * g).reshape(-1, 1), r"expected shape \(3,\), got shape \(3, 1\)"),
    (lambda p, g, eta: None, "returned None"),
])
def test_gradient_step_names_the_mistake(wrong, message):
    with pytest.raises(AssertionError, match="gradient step.*" + message):
        check_gradient_step(wrong)


def test_gradient_step_rejects_changing_params_in_place():
    def in_place(params, grad, eta):
        params -= eta * grad
        return params
    with pytest.raises(AssertionError, match="changed one of its input arrays in place"):
        check_gradient_step(in_place)


# ----- forward differences ------------------------------------------------------------------------
def fd_copy_each_time(cost, params, eps):
    base = cost(params)
    grad = np.zeros_like(params)
    for j in range(params.size):
        moved = params.copy()
        moved[j] += eps
        grad[j] = (cost(moved) - base) / eps
    return grad


def fd_unit_vectors(cost, params, eps):
    base = cost(params)
    return np.array([(cost(params + eps * e) - base) / eps for e in np.eye(params.size)])


def fd_in_place_restored(cost, params, eps):
    base = cost(params)
    grad = []
    for j in range(len(params)):
        keep = params[j]
        params[j] = keep + eps
        grad.append((cost(params) - base) / eps)
        params[j] = keep
    return grad  # a list is fine


def fd_recomputes_base(cost, params, eps):
    grad = np.zeros(params.shape)
    for j in range(params.size):
        step = np.zeros(params.size)
        step[j] = eps
        grad[j] = (cost(params + step) - cost(params)) / eps
    return grad


def test_forward_difference_accepts_right_answers(capsys):
    for right in (fd_copy_each_time, fd_unit_vectors, fd_in_place_restored):
        check_forward_difference(right)
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3
    for line in out:
        assert line.startswith("✓ forward difference: 4 costs (P = 1 to 13, eps from 1e-05 to 1e-01)")
        assert line.endswith("P + 1 cost calls each")


def test_forward_difference_says_when_cost_is_called_too_often(capsys):
    check_forward_difference(fd_recomputes_base)
    assert "2P cost calls each (P + 1 are enough" in capsys.readouterr().out


def fd_central(cost, params, eps):
    return reference_central_difference(cost, params, eps)


def fd_over_two_eps(cost, params, eps):
    return fd_unit_vectors(cost, params, eps) / 2


def fd_flipped(cost, params, eps):
    base = cost(params)
    return np.array([(base - cost(params + eps * e)) / eps for e in np.eye(params.size)])


def fd_backward(cost, params, eps):
    base = cost(params)
    return np.array([(base - cost(params - eps * e)) / eps for e in np.eye(params.size)])


def fd_not_put_back_copy(cost, params, eps):
    base = cost(params)
    moved = params.copy()
    grad = np.zeros_like(params)
    for j in range(params.size):
        moved[j] += eps  # never restored: the nudges pile up
        grad[j] = (cost(moved) - base) / eps
    return grad


def fd_not_put_back_moving_base(cost, params, eps):
    moved = params.copy()
    grad = np.zeros_like(params)
    for j in range(params.size):
        before = cost(moved)
        moved[j] += eps
        grad[j] = (cost(moved) - before) / eps
    return grad


def fd_all_at_once(cost, params, eps):
    base = cost(params)
    return np.full(params.size, (cost(params + eps) - base) / eps)


def fd_first_only(cost, params, eps):
    grad = np.zeros_like(params)
    base = cost(params)
    for j in range(params.size):
        step = np.zeros_like(params)
        step[j] = eps
        grad[j] = (cost(params + step) - base) / eps
        return grad  # the return is inside the loop


def fd_scalar(cost, params, eps):
    return fd_unit_vectors(cost, params, eps)[0]


@pytest.mark.parametrize("wrong, message", [
    (fd_central, "you returned the central difference"),
    (fd_over_two_eps, "half the forward difference: divide by eps"),
    (fd_flipped, "wrong sign"),
    (fd_backward, "you stepped backwards"),
    (fd_not_put_back_copy, "the nudges piled up"),
    (fd_not_put_back_moving_base, "the nudges piled up"),
    (fd_all_at_once, "nudged all parameters at once"),
    (fd_first_only, "only the first entry is right"),
    (fd_scalar, r"expected shape \(3,\), got shape \(\).*return` indented inside the loop"),
    (lambda cost, params, eps: fd_unit_vectors(cost, params, eps) / eps, "divided by eps twice"),
    (lambda cost, params, eps: 1.5 * fd_unit_vectors(cost, params, eps),
     r"entry \(0,\) is .*Entry j is \(C\(w \+ eps e_j\) - C\(w\)\) / eps\.$"),
])
def test_forward_difference_names_the_mistake(wrong, message):
    with pytest.raises(AssertionError, match="forward difference.*" + message):
        check_forward_difference(wrong)


def test_forward_difference_rejects_an_input_changed_in_place():
    def not_restored(cost, params, eps):
        base = cost(params)
        grad = np.zeros_like(params)
        for j in range(params.size):
            params[j] += eps
            grad[j] = (cost(params) - base) / eps
        return grad

    def restored_by_subtracting(cost, params, eps):
        base = cost(params)
        grad = np.zeros_like(params)
        for j in range(params.size):
            params[j] += eps
            grad[j] = (cost(params) - base) / eps
            params[j] -= eps  # not always the old number in floating point, so the check
            params[j] = np.nextafter(params[j], np.inf)  # would see this (about 1 in 200)
        return grad
    with pytest.raises(AssertionError, match="changed params in place and did not put every"):
        check_forward_difference(not_restored)
    with pytest.raises(AssertionError, match="undoing the nudge with arithmetic"):
        check_forward_difference(restored_by_subtracting)


def fd_in_place_subtract(cost, params, eps):
    base = cost(params)
    grad = np.zeros_like(params)
    for j in range(params.size):
        params[j] += eps
        grad[j] = (cost(params) - base) / eps
        params[j] -= eps  # 0.2 + 0.1 - 0.1 != 0.2
    return grad


def cd_in_place_arithmetic(cost, params, eps):
    grad = np.zeros_like(params)
    for j in range(params.size):
        params[j] += eps
        up = cost(params)
        params[j] -= 2 * eps
        down = cost(params)
        params[j] += eps
        grad[j] = (up - down) / (2 * eps)
    return grad


def test_a_nudge_in_place_undone_by_arithmetic_is_caught_whatever_the_inputs():
    # the cost cases may restore exactly by chance; the check's probe does not
    with pytest.raises(AssertionError, match="forward difference: .*undoing the nudge with arithmetic"):
        check_forward_difference(fd_in_place_subtract)
    with pytest.raises(AssertionError, match="central difference: .*undoing the nudge with arithmetic"):
        check_central_difference(cd_in_place_arithmetic)


def test_forward_difference_reports_the_learners_own_errors():
    with pytest.raises(AssertionError, match=r"stopped with ValueError: cost: expected a flat "
                                             r"vector of 3 numbers"):
        check_forward_difference(lambda cost, params, eps: cost(params.reshape(-1, 1)))


# ----- central differences ------------------------------------------------------------------------
def cd_loop(cost, params, eps):
    grad = np.zeros_like(params)
    for j in range(params.size):
        step = np.zeros_like(params)
        step[j] = eps
        grad[j] = (cost(params + step) - cost(params - step)) / (2 * eps)
    return grad


def cd_comprehension(cost, params, eps):
    unit = np.eye(len(params))
    return [cost(params + eps * e) / (2 * eps) - cost(params - eps * e) / (2 * eps) for e in unit]


def cd_average_of_one_sided(cost, params, eps):
    base = cost(params)
    unit = np.eye(params.size)
    ahead = np.array([(cost(params + eps * e) - base) / eps for e in unit])
    behind = np.array([(base - cost(params - eps * e)) / eps for e in unit])
    return (ahead + behind) / 2


def test_central_difference_accepts_right_answers(capsys):
    for right in (cd_loop, cd_comprehension):
        check_central_difference(right)
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2
    for line in out:
        assert line.startswith("✓ central difference: 4 costs (P = 1 to 13, eps from 1e-05 to 1e-01)")
        assert line.endswith("2P cost calls each")
    check_central_difference(cd_average_of_one_sided)
    assert "2P + 1 cost calls each (2P are enough" in capsys.readouterr().out


def cd_one_sided(cost, params, eps):
    return fd_unit_vectors(cost, params, eps)


def cd_over_eps(cost, params, eps):
    return 2 * cd_loop(cost, params, eps)


def cd_flipped(cost, params, eps):
    unit = np.eye(params.size)
    return np.array([(cost(params - eps * e) - cost(params + eps * e)) / (2 * eps) for e in unit])


def cd_second_point_is_w(cost, params, eps):
    unit = np.eye(params.size)
    return np.array([(cost(params + eps * e) - cost(params)) / (2 * eps) for e in unit])


def cd_half_steps(cost, params, eps):
    unit = np.eye(params.size)
    return np.array([(cost(params + eps / 2 * e) - cost(params - eps / 2 * e)) / (2 * eps)
                     for e in unit])


def cd_not_put_back(cost, params, eps):
    moved = params.copy()
    grad = np.zeros_like(params)
    for j in range(params.size):
        moved[j] += eps
        up = cost(moved)
        moved[j] -= 2 * eps
        down = cost(moved)
        grad[j] = (up - down) / (2 * eps)  # moved[j] stays at params[j] - eps
    return grad


def cd_in_place(cost, params, eps):
    grad = np.zeros_like(params)
    for j in range(params.size):
        keep = params[j]
        params[j] = keep + eps
        up = cost(params)
        params[j] = keep - eps
        down = cost(params)
        grad[j] = (up - down) / (2 * eps)
    return grad


@pytest.mark.parametrize("wrong, message", [
    (cd_one_sided, "one-sided forward difference"),
    (fd_backward, "one-sided backward difference"),
    (cd_over_eps, "twice the central difference: .*divide by 2 eps, not by eps"),
    (cd_flipped, "wrong sign"),
    (cd_second_point_is_w, "second point of the central difference is w - eps e_j"),
    (cd_not_put_back, "the nudges piled up"),
    (cd_half_steps, "about half the slope: you stepped eps / 2 each way.*divided by 2 eps"),
    (lambda c, p, eps: 2 * cd_half_steps(c, p, eps), "eps / 2 each way and divided by eps"),
    (lambda c, p, eps: 1.5 * cd_loop(c, p, eps),
     r"entry \(0,\) is .*Entry j is \(C\(w \+ eps e_j\) - C\(w - eps e_j\)\) / \(2 eps\)\.$"),
    (lambda cost, params, eps: cd_loop(cost, params, eps)[:1], "only the first entry|expected shape"),
])
def test_central_difference_names_the_mistake(wrong, message):
    with pytest.raises(AssertionError, match="central difference.*(" + message + ")"):
        check_central_difference(wrong)


def test_central_difference_rejects_an_input_changed_in_place():
    with pytest.raises(AssertionError, match="changed params in place and did not put every"):
        check_central_difference(cd_in_place)


# ----- relative error ---------------------------------------------------------------------------------
def rel_right(g1, g2):
    scale = np.linalg.norm(g1) + np.linalg.norm(g2)
    return 0.0 if scale == 0 else float(np.linalg.norm(g1 - g2) / scale)


def rel_by_hand(g1, g2):
    top = sum((a - b) ** 2 for a, b in zip(g1, g2)) ** 0.5
    bottom = sum(a * a for a in g1) ** 0.5 + sum(b * b for b in g2) ** 0.5
    if bottom == 0:
        return 0
    return top / bottom


def rel_numpy_scalar(g1, g2):
    scale = np.sqrt(g1 @ g1) + np.sqrt(g2 @ g2)
    return np.array([np.sqrt((g1 - g2) @ (g1 - g2)) / scale if scale else 0.0])


def test_relative_error_accepts_right_answers(capsys):
    for right in (rel_right, rel_by_hand, rel_numpy_scalar):
        check_relative_error(right)
    out = capsys.readouterr().out
    assert out.count("✓ relative error: 8 pairs of gradients (unrelated, close, opposite, "
                     "zero, both zero), max relative error") == 3


n = np.linalg.norm


@pytest.mark.parametrize("wrong, message", [
    (lambda a, b: n(a - b), "absolute error"),
    (lambda a, b: n(a - b) / n(a), "divided by \\|\\|g1\\|\\| only"),
    (lambda a, b: n(a - b) / n(b), "divided by \\|\\|g2\\|\\| only"),
    (lambda a, b: n(a - b) / n(a + b), "norm of the sum"),
    (lambda a, b: n(a - b) / max(n(a), n(b)), "the larger norm"),
    (lambda a, b: np.max(np.abs(a - b)) / (np.max(np.abs(a)) + np.max(np.abs(b))), "largest entry"),
    (lambda a, b: np.max(np.abs(a - b)) / (n(a) + n(b)), "largest entry of \\|g1 - g2\\|"),
    (lambda a, b: np.sum(np.abs(a - b)) / (np.sum(np.abs(a)) + np.sum(np.abs(b))), "1-norm"),
    (lambda a, b: np.sum((a - b) ** 2) / (np.sum(a ** 2) + np.sum(b ** 2)), "squared norms"),
    (lambda a, b: np.abs(a - b) / (np.abs(a) + np.abs(b)), "expected one number, got shape"),
])
def test_relative_error_names_the_mistake(wrong, message):
    with pytest.raises(AssertionError, match="relative error.*" + message):
        check_relative_error(wrong)


def test_relative_error_defines_zero_for_two_zero_gradients():
    def nan_when_both_zero(g1, g2):
        return n(g1 - g2) / (n(g1) + n(g2))  # numpy: 0 / 0 is nan (with a warning)

    def python_division(g1, g2):
        return float(n(g1 - g2)) / float(n(g1) + n(g2))  # Python: ZeroDivisionError
    with pytest.raises(AssertionError, match="both gradients are zero you return nan"):
        check_relative_error(nan_when_both_zero)
    with pytest.raises(AssertionError, match="both gradients are zero your function stops"):
        check_relative_error(python_division)
    with pytest.raises(AssertionError, match="two zero gradients: expected 0.0, got 1"):
        check_relative_error(lambda a, b: rel_right(a, b) if (a.any() or b.any()) else 1.0)


def test_relative_error_names_a_guard_added_to_the_denominator(capsys):
    check_relative_error(lambda a, b: n(a - b) / (n(a) + n(b) + 1e-15))  # harmless here
    assert capsys.readouterr().out.startswith("✓ relative error")
    with pytest.raises(AssertionError, match=r"added a small number \(about 1e-08\) to the denominator"):
        check_relative_error(lambda a, b: n(a - b) / (n(a) + n(b) + 1e-8))


def test_relative_error_rejects_changing_an_input_in_place():
    def in_place(g1, g2):
        g1 -= g2
        return rel_right(g1 + g2, g2)
    with pytest.raises(AssertionError, match="changed one of its input arrays in place"):
        check_relative_error(in_place)
