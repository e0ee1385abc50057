"""Small, complete versions of routines that the notebooks ask learners to write.

The notebooks' demonstrations call these, never the learner's own functions, so that
every cell still runs while an exercise is unanswered; the checks compare the learner's
functions with them. An answer that calls one of them instead of doing the work is
caught: by the visible check at once, and by the grader (bplib/checks/shortcuts.py).
"""
import numpy as np


class CountingCost:
    """``cost(params) -> float`` that counts its calls; each call is one forward pass.

    ``size``, if given, is the number of parameters P: a call with anything but a flat
    vector of P numbers raises a ValueError that says so.
    """

    def __init__(self, cost, size=None):
        self.cost, self.size, self.calls = cost, size, 0

    def __call__(self, params):
        p = np.asarray(params, dtype=float)
        if self.size is not None and p.shape != (self.size,):
            raise ValueError(f"cost: expected a flat vector of {self.size} numbers, shape "
                             f"({self.size},), got shape {p.shape}")
        self.calls += 1
        return float(self.cost(p))


def forward_difference(cost, params, eps):
    """One-sided differences (cost(params + eps e_j) - cost(params)) / eps, shape (P,)."""
    moved = np.array(params, dtype=float).ravel()
    base = cost(moved.copy())
    grad = np.zeros(moved.size)
    for j in range(moved.size):
        keep = moved[j]
        moved[j] = keep + eps
        grad[j] = (cost(moved.copy()) - base) / eps
        moved[j] = keep
    return grad


def central_difference(cost, params, eps):
    """Central differences (cost(params + eps e_j) - cost(params - eps e_j)) / (2 eps)."""
    moved = np.array(params, dtype=float).ravel()
    grad = np.zeros(moved.size)
    for j in range(moved.size):
        keep = moved[j]
        moved[j] = keep + eps
        up = cost(moved.copy())
        moved[j] = keep - eps
        down = cost(moved.copy())
        moved[j] = keep
        grad[j] = (up - down) / (2 * eps)
    return grad


def gradient_descent_1d(grad, w0, eta, steps):
    """Iterates of gradient descent on one weight: array of shape (steps + 1,)."""
    w = [float(w0)]
    for _ in range(steps):
        w.append(w[-1] - eta * grad(w[-1]))
    return np.array(w)


def first_epoch_reaching(accuracies, target):
    """The first epoch whose accuracy is at least ``target`` (entry 0 is epoch 0), or None."""
    for epoch, accuracy in enumerate(accuracies):
        if accuracy >= target:
            return epoch
    return None


def sweep(etas, train_one, target):
    """Train once per eta; (eta, final accuracy, first epoch reaching target) for each."""
    results = []
    for eta in etas:
        accuracies = list(train_one(eta))
        results.append((eta, accuracies[-1], first_epoch_reaching(accuracies, target)))
    return results
