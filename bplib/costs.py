"""Cost functions for one example or a mini-batch.

Shapes: ``a`` (the output activations) and ``y`` (the targets) are (n_out, m), one
column per example. ``fn`` returns the cost averaged over the m examples, the C of
Nielsen's chapter 2; ``grad_a`` returns dC_x/da for every example (shape of a), and
``delta`` the output error delta^L = dC_x/dz^L (BP1) for every example.

Like Nielsen's network.py, a cost is a tiny object with the function and its delta.
"""
import numpy as np

from .activations import sigmoid


class QuadraticCost:
    """C_x = 1/2 ||a - y||^2, the error Mazur and Glassner use."""

    name = "quadratic"

    @staticmethod
    def per_example(a, y):
        return 0.5 * np.sum((a - y) ** 2, axis=0)

    def fn(self, a, y):
        return float(np.mean(self.per_example(a, y)))

    @staticmethod
    def grad_a(a, y):
        return a - y

    def delta(self, z, a, y, activation, a_is_exact=False):
        # BP1: delta^L = grad_a C (.) sigma'(z^L); a_is_exact: a is exactly activation(z)
        return self.grad_a(a, y) * activation.slope(z, a if a_is_exact else None)

    def __repr__(self):
        return "<cost quadratic>"


class CrossEntropyCost:
    """C_x = -sum_j [y_j ln a_j + (1 - y_j) ln(1 - a_j)], for outputs in (0, 1).

    With a sigmoid output layer the sigma'(z) of BP1 cancels and delta^L = a - y.
    Outputs are clipped to [1e-15, 1 - 1e-15] inside the logarithms, so a saturated
    output gives a large finite cost rather than inf and a numpy warning.
    """

    name = "cross_entropy"
    EPS = 1e-15

    def per_example(self, a, y):
        a = np.clip(a, self.EPS, 1.0 - self.EPS)
        return -np.sum(y * np.log(a) + (1.0 - y) * np.log(1.0 - a), axis=0)

    def fn(self, a, y):
        return float(np.mean(self.per_example(a, y)))

    def grad_a(self, a, y):
        a = np.clip(a, self.EPS, 1.0 - self.EPS)
        return (a - y) / (a * (1.0 - a))

    def delta(self, z, a, y, activation, a_is_exact=False):
        if activation is sigmoid:
            return sigmoid_cross_entropy_delta(a, y)
        return self.grad_a(a, y) * activation.slope(z, a if a_is_exact else None)

    def __repr__(self):
        return "<cost cross_entropy>"


def sigmoid_cross_entropy_delta(a, y):
    """Output delta for a sigmoid layer under cross-entropy: a - y (sigma' cancels)."""
    return a - y


quadratic = QuadraticCost()
cross_entropy = CrossEntropyCost()

COSTS = {c.name: c for c in (quadratic, cross_entropy)}


def get_cost(spec):
    """Return the cost named by ``spec`` ("quadratic" or "cross_entropy"), or spec itself."""
    if isinstance(spec, (QuadraticCost, CrossEntropyCost)):
        return spec
    if isinstance(spec, str) and spec.lower().replace("-", "_") in COSTS:
        return COSTS[spec.lower().replace("-", "_")]
    raise ValueError(f"unknown cost {spec!r}: expected one of {sorted(COSTS)}")
