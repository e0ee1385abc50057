"""Typical wrong answers to notebook 05 (activations and their slopes), for tests/test_mistakes.py."""
import numpy as np

from mistakes import Wrong
from test_checks_slopes import (delta_by_name, delta_in_place, delta_relu_slope_one_at_zero, prime_naive,
                                prime_naive_exp_z, prime_naive_quotient_silenced,
                                prime_stable_exp, stable_sigmoid)


# ----- sigmoid_prime ------------------------------------------------------------------------
def prime_textbook_quotient(z):
    e = np.exp(-z)                      # the textbook form, e^{-z} / (1 + e^{-z})^2
    return e / (1 + e) ** 2


def prime_no_square(z):
    e = np.exp(-np.abs(z))              # safe, but the square of the denominator is gone
    return e / (1 + e)


def prime_mirrors_z_in_place(z):
    z[z < 0] *= -1                      # sigma' is even, so fold z onto z >= 0 ... in place
    e = np.exp(-z)
    return e / (1 + e) ** 2


def prime_flattened(z):
    return prime_stable_exp(np.ravel(z))


# ----- delta_through --------------------------------------------------------------------------
def delta_dot_when_square(dC_da, z, activation):
    # np.dot where the shapes allow it: on a square layer it runs, and it is a matrix product
    slope = activation.prime(z)
    return np.dot(dC_da, slope) if slope.shape[0] == slope.shape[1] else dC_da * slope


def delta_always_sigmoid(dC_da, z, activation):
    s = stable_sigmoid(z)               # the sigmoid's slope, whatever the activation
    return dC_da * s * (1 - s)


# ----- saturated_fraction ---------------------------------------------------------------------
def saturated_fixed_threshold(z, threshold=4.0):
    return float(np.mean(np.abs(z) > 4.0))      # the threshold given is never used


def saturated_default_seven(z, threshold=7.0):
    return float(np.mean(np.abs(z) > threshold))  # Glassner's 7 as the default, not bplib's 4


# ----- dead_fraction --------------------------------------------------------------------------
def dead_in_place(z):
    z[z < 0] = 0                        # relu(z), written over the caller's array
    return float(np.mean(np.all(z <= 0, axis=1)))


def dead_by_row_mean(z):
    return float(np.mean(z.mean(axis=1) <= 0))  # off on average, not off for every example


SP, DT = "sigmoid-prime-tests", "delta-through-tests"
SF, DF = "saturated-fraction-tests", "dead-fraction-tests"

WRONG = [
    # sigmoid_prime
    Wrong(SP, "naive sigma(z)(1 - sigma(z)) overflows", {"sigmoid_prime": prime_naive},
          "overflowed at z = -1000"),
    Wrong(SP, "e^z / (1 + e^z) overflows at +1000", {"sigmoid_prime": prime_naive_exp_z},
          "overflowed at z = 1000"),
    Wrong(SP, "textbook quotient e^-z / (1 + e^-z)^2", {"sigmoid_prime": prime_textbook_quotient},
          "overflowed at z = -1000"),
    Wrong(SP, "quotient with the warnings silenced gives nan",
          {"sigmoid_prime": prime_naive_quotient_silenced}, "inf / inf is nan"),
    Wrong(SP, "x(1 - x) applied to z", {"sigmoid_prime": lambda z: z * (1 - z)},
          "you returned z * (1 - z)"),
    Wrong(SP, "returns the sigmoid itself", {"sigmoid_prime": stable_sigmoid},
          "the sigmoid itself"),
    Wrong(SP, "slope of sigma(z), squashed twice",
          {"sigmoid_prime": lambda z: prime_stable_exp(stable_sigmoid(z))}, "squashed twice"),
    Wrong(SP, "sign flipped", {"sigmoid_prime": lambda z: -prime_stable_exp(z)},
          "every entry has the wrong sign"),
    Wrong(SP, "square missing, e^-z / (1 + e^-z)",
          {"sigmoid_prime": lambda z: stable_sigmoid(-z)}, "the square is missing"),
    Wrong(SP, "square missing, e^-|z| / (1 + e^-|z|)", {"sigmoid_prime": prime_no_square},
          "the square is missing"),
    Wrong(SP, "folds z onto z >= 0 in place", {"sigmoid_prime": prime_mirrors_z_in_place},
          "changed one of its input arrays in place"),
    Wrong(SP, "flattens the result", {"sigmoid_prime": prime_flattened},
          "got shape (1,)"),
    # delta_through
    Wrong(DT, "sign flipped", {"delta_through": lambda d, z, f: -d * f.prime(z)},
          "every entry has the wrong sign"),
    Wrong(DT, "slope left out", {"delta_through": lambda d, z, f: d}, "the slope is missing"),
    Wrong(DT, "slope at a, not at z", {"delta_through": lambda d, z, f: d * f.prime(f(z))},
          "you took the slope at a = f(z)"),
    Wrong(DT, "multiplies by f(z)", {"delta_through": lambda d, z, f: d * f(z)},
          "multiplied by the activation f(z) itself"),
    Wrong(DT, "a(1 - a) for every activation",
          {"delta_through": lambda d, z, f: d * f(z) * (1 - f(z))},
          "a * (1 - a) is the sigmoid's slope only"),
    Wrong(DT, "the sigmoid's slope for every activation", {"delta_through": delta_always_sigmoid},
          "the sigmoid's slope on every layer"),
    Wrong(DT, "z(1 - z)", {"delta_through": lambda d, z, f: d * z * (1 - z)},
          "z * (1 - z) is not a slope"),
    Wrong(DT, "matrix product @", {"delta_through": lambda d, z, f: d @ f.prime(z)},
          "use *, not @"),
    Wrong(DT, "np.dot where the layer is square", {"delta_through": delta_dot_when_square},
          "you used a matrix product on the square layers"),
    Wrong(DT, "relu'(0) = 1", {"delta_through": delta_relu_slope_one_at_zero},
          "wrong only where z is exactly 0"),
    Wrong(DT, "slope picked by the activation's name", {"delta_through": delta_by_name},
          "pick the slope by the activation's name"),
    Wrong(DT, "changes dC_da in place", {"delta_through": delta_in_place},
          "changed one of its input arrays in place"),
    Wrong(DT, "transposes the result", {"delta_through": lambda d, z, f: (d * f.prime(z)).T},
          "got shape (1, 3)"),
    # saturated_fraction
    Wrong(SF, "|z| >= threshold", {"saturated_fraction": lambda z, t=4.0: np.mean(np.abs(z) >= t)},
          "strictly greater"),
    Wrong(SF, "only z > threshold", {"saturated_fraction": lambda z, t=4.0: np.mean(z > t)},
          "you counted only z > threshold"),
    Wrong(SF, "only z < -threshold", {"saturated_fraction": lambda z, t=4.0: np.mean(z < -t)},
          "you counted only z < -threshold"),
    Wrong(SF, "a count, not a fraction",
          {"saturated_fraction": lambda z, t=4.0: np.sum(np.abs(z) > t)},
          "the number of saturated entries"),
    Wrong(SF, "the unsaturated fraction",
          {"saturated_fraction": lambda z, t=4.0: np.mean(np.abs(z) <= t)}, "NOT saturated"),
    Wrong(SF, "compares sigmoid(z) with the threshold",
          {"saturated_fraction": lambda z, t=4.0: np.mean(np.abs(stable_sigmoid(z)) > t)},
          "you compared the activation a = sigmoid(z)"),
    Wrong(SF, "compares tanh(z) with the threshold",
          {"saturated_fraction": lambda z, t=4.0: np.mean(np.abs(np.tanh(z)) > t)},
          "you compared the activation a = tanh(z)"),
    Wrong(SF, "counts neurons saturated for every example",
          {"saturated_fraction": lambda z, t=4.0: np.mean(np.all(np.abs(z) > t, axis=1))},
          "saturated for every example"),
    Wrong(SF, "counts neurons saturated for some example",
          {"saturated_fraction": lambda z, t=4.0: np.mean(np.any(np.abs(z) > t, axis=1))},
          "saturated for some example"),
    Wrong(SF, "one value per neuron",
          {"saturated_fraction": lambda z, t=4.0: np.mean(np.abs(z) > t, axis=1)},
          "one value per neuron"),
    Wrong(SF, "ignores the threshold given", {"saturated_fraction": saturated_fixed_threshold},
          "the threshold you were given"),
    Wrong(SF, "default threshold 7", {"saturated_fraction": saturated_default_seven},
          "called without a threshold"),
    # dead_fraction
    Wrong(DF, "counts entries, not neurons", {"dead_fraction": lambda z: np.mean(z <= 0)},
          "you counted (neuron, example) entries"),
    Wrong(DF, "wrong axis", {"dead_fraction": lambda z: np.mean(np.all(z <= 0, axis=0))},
          "wrong axis"),
    Wrong(DF, "z < 0, not z <= 0", {"dead_fraction": lambda z: np.mean(np.all(z < 0, axis=1))},
          "you used z < 0"),
    Wrong(DF, "np.any, not np.all",
          {"dead_fraction": lambda z: np.mean(np.any(z <= 0, axis=1))}, "np.all, not np.any"),
    Wrong(DF, "a count, not a fraction",
          {"dead_fraction": lambda z: np.sum(np.all(z <= 0, axis=1))}, "the number of dead neurons"),
    Wrong(DF, "the alive fraction", {"dead_fraction": lambda z: np.mean(np.any(z > 0, axis=1))},
          "alive, not dead"),
    Wrong(DF, "tests relu(z) < 0",
          {"dead_fraction": lambda z: np.mean(np.all(np.maximum(z, 0) < 0, axis=1))},
          "a = relu(z) < 0"),
    Wrong(DF, "one value per neuron", {"dead_fraction": lambda z: np.all(z <= 0, axis=1)},
          "one value per neuron"),
    Wrong(DF, "the row's mean <= 0", {"dead_fraction": dead_by_row_mean},
          "the mean of each row"),
    Wrong(DF, "applies relu to z in place", {"dead_fraction": dead_in_place},
          "changed one of its input arrays in place"),
]
