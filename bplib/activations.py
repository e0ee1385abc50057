"""Activation functions, each paired with its derivative as a function of z.

An ``Activation`` is called like a function, ``sigmoid(z)``, and carries its slope as
``sigmoid.prime(z)``. Both take the weighted input z (any shape) and work
elementwise, so they serve a single neuron, a layer, or a whole mini-batch.

The derivative is always a function of z, never of the activation a: BP1 and BP2
multiply by sigma'(z). Passing a where z is expected is one of the classic mistakes.

For speed only, sigmoid and tanh also carry ``prime_of_a``: the same slope written in
terms of a = fn(z), with the same floating-point operations, so that when a is exactly
fn(z) it gives the same bits as prime(z) without a second exp. ``Activation.slope(z, a)``
uses it; a of None means a is not known to be fn(z), and prime(z) is used.
"""
from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

_expit = None  # scipy.special.expit, imported on first use (see _sigmoid)


@dataclass(frozen=True)
class Activation:
    name: str
    fn: Callable[[np.ndarray], np.ndarray]
    prime: Callable[[np.ndarray], np.ndarray]
    output_range: tuple  # (low, high) of the values fn can take
    prime_of_a: Optional[Callable[[np.ndarray], np.ndarray]] = None

    def __call__(self, z):
        return self.fn(z)

    def slope(self, z, a=None):
        """sigma'(z); from ``a`` when given, which must be exactly fn(z) (the same bits)."""
        if a is None or self.prime_of_a is None:
            return self.prime(z)
        return self.prime_of_a(a)

    def __repr__(self):
        return f"<activation {self.name}>"


def _sigmoid(z):
    # scipy's expit is 1 / (1 + e^-z) computed so that nothing overflows or warns for any
    # float64 z (the textbook way: exp(-|z|) lies in (0, 1], and e^z / (1 + e^z) serves
    # z < 0), and it is one compiled loop, about 14 times faster than writing that out in
    # numpy on the small arrays of this course. Importing scipy.special takes 0.2 s, so it
    # waits for the first sigmoid: a kernel that never calls one (a notebook graded
    # without its demonstrations, say) is spared it.
    global _expit
    if _expit is None:
        from scipy.special import expit as _expit
    return _expit(np.asarray(z, dtype=float))[()]


def _sigmoid_prime(z):
    return _sigmoid_prime_of_a(_sigmoid(z))


def _sigmoid_prime_of_a(s):
    return (s * (1.0 - s))[()]


def _relu(z):
    return np.maximum(np.asarray(z, dtype=float), 0.0)[()]


def _relu_prime(z):
    # The slope at exactly z = 0 is a convention; we take 0, as most libraries do.
    return (np.asarray(z, dtype=float) > 0).astype(float)[()]


def _tanh(z):
    return np.tanh(np.asarray(z, dtype=float))[()]


def _tanh_prime(z):
    return _tanh_prime_of_a(np.tanh(np.asarray(z, dtype=float)))


def _tanh_prime_of_a(t):
    return (1.0 - t ** 2)[()]


def _identity(z):
    return np.array(z, dtype=float)[()]


def _identity_prime(z):
    return np.ones_like(np.asarray(z, dtype=float))[()]


sigmoid = Activation("sigmoid", _sigmoid, _sigmoid_prime, (0.0, 1.0), _sigmoid_prime_of_a)
relu = Activation("relu", _relu, _relu_prime, (0.0, np.inf))
tanh = Activation("tanh", _tanh, _tanh_prime, (-1.0, 1.0), _tanh_prime_of_a)
identity = Activation("identity", _identity, _identity_prime, (-np.inf, np.inf))

ACTIVATIONS = {f.name: f for f in (sigmoid, relu, tanh, identity)}


def get_activation(spec):
    """Return the Activation named by ``spec`` (a name such as "relu", or an Activation)."""
    if isinstance(spec, Activation):
        return spec
    if isinstance(spec, str) and spec.lower() in ACTIVATIONS:
        return ACTIVATIONS[spec.lower()]
    raise ValueError(
        f"unknown activation {spec!r}: expected one of {sorted(ACTIVATIONS)} "
        "or a bplib Activation"
    )
