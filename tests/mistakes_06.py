"""Typical wrong answers to notebook 06 (the four equations), for tests/test_mistakes.py."""
import numpy as np

from mistakes import Wrong
from test_checks_equations import bp34_right, make_backprop


def stable_sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -np.asarray(z, dtype=float)))


def sigmoid_slope(z):
    s = stable_sigmoid(z)
    return s * (1 - s)


# ----- output_delta -------------------------------------------------------------------------
def bp1_in_place(zL, aL, y, activation):
    aL -= y                             # the caller's aL now holds a - y
    return aL * activation.prime(zL)


def bp1_cross_entropy_shortcut(zL, aL, y, activation):
    return aL - y                       # delta^L = a - y: sigmoid + cross-entropy only


# ----- hidden_delta -------------------------------------------------------------------------
def bp2_in_place(w_next, delta_next, z, activation):
    z[:] = activation.prime(z)          # reuses the caller's z for the slopes
    return (w_next.T @ delta_next) * z


def bp2_slope_before_product(w_next, delta_next, z, activation):
    # the slope applied to delta^(l+1) before the product: runs wherever n_(l+1) = n_l
    return w_next.T @ (delta_next * activation.prime(z))


# ----- layer_gradients ----------------------------------------------------------------------
def bp34_in_place(delta, a_prev):
    delta /= delta.shape[1]             # the caller's delta is divided by m
    return delta @ a_prev.T, delta.sum(axis=1, keepdims=True)


def bp34_divides_by_neurons(delta, a_prev):
    n = delta.shape[0]                  # m taken from the wrong axis
    return delta @ a_prev.T / n, delta.sum(axis=1, keepdims=True) / n


# ----- backprop -----------------------------------------------------------------------------
_right = make_backprop()


def backprop_also_steps(net, x, y):
    nabla_w, nabla_b = _right(net, x, y)
    for l in range(1, net.L + 1):       # ... and takes a gradient step on the way
        net.w[l] -= 0.1 * nabla_w[l]
        net.b[l] -= 0.1 * nabla_b[l]
    return nabla_w, nabla_b


OD, HD = "output-delta-tests", "hidden-delta-tests"
LG, BP = "layer-gradients-tests", "backprop-tests"

WRONG = [
    # output_delta (BP1)
    Wrong(OD, "y - a", {"output_delta": lambda z, a, y, f: (y - a) * f.prime(z)},
          "every entry has the wrong sign"),
    Wrong(OD, "slope left out (a - y)", {"output_delta": bp1_cross_entropy_shortcut},
          "you left out the slope"),
    Wrong(OD, "slope at a", {"output_delta": lambda z, a, y, f: (a - y) * f.prime(a)},
          "you took the slope at a = f(z)"),
    Wrong(OD, "a(1 - a) for every activation",
          {"output_delta": lambda z, a, y, f: (a - y) * a * (1 - a)},
          "a * (1 - a) is the slope of the sigmoid only"),
    Wrong(OD, "z(1 - z)", {"output_delta": lambda z, a, y, f: (a - y) * z * (1 - z)},
          "z * (1 - z) is not a slope"),
    Wrong(OD, "the sigmoid's slope always",
          {"output_delta": lambda z, a, y, f: (a - y) * sigmoid_slope(z)},
          "you used the slope of sigmoid"),
    Wrong(OD, "1 - a**2 for every activation",
          {"output_delta": lambda z, a, y, f: (a - y) * (1 - a ** 2)},
          "1 - a**2 is the slope of tanh only"),
    Wrong(OD, "averaged over the batch",
          {"output_delta": lambda z, a, y, f: np.mean((a - y) * f.prime(z), axis=1,
                                                      keepdims=True)},
          "do not average over the batch"),
    Wrong(OD, "transposed", {"output_delta": lambda z, a, y, f: ((a - y) * f.prime(z)).T},
          "do not transpose"),
    Wrong(OD, "changes aL in place", {"output_delta": bp1_in_place},
          "changed one of its input arrays in place"),
    # hidden_delta (BP2)
    Wrong(HD, "transpose missing", {"hidden_delta": lambda w, d, z, f: (w @ d) * f.prime(z)},
          "the transpose is missing"),
    Wrong(HD, "slope left out", {"hidden_delta": lambda w, d, z, f: w.T @ d},
          "you left out the slope"),
    Wrong(HD, "slope at a", {"hidden_delta": lambda w, d, z, f: (w.T @ d) * f.prime(f(z))},
          "you took the slope at a = f(z)"),
    Wrong(HD, "a(1 - a) for every activation",
          {"hidden_delta": lambda w, d, z, f: (w.T @ d) * f(z) * (1 - f(z))},
          "a * (1 - a) is the slope of the sigmoid only"),
    Wrong(HD, "1 - a**2 for every activation",
          {"hidden_delta": lambda w, d, z, f: (w.T @ d) * (1 - f(z) ** 2)},
          "1 - a**2 is the slope of tanh only"),
    Wrong(HD, "the sigmoid's slope always",
          {"hidden_delta": lambda w, d, z, f: (w.T @ d) * sigmoid_slope(z)},
          "you used the slope of sigmoid"),
    Wrong(HD, "z(1 - z)", {"hidden_delta": lambda w, d, z, f: (w.T @ d) * z * (1 - z)},
          "z * (1 - z) is not a slope"),
    Wrong(HD, "sign flipped", {"hidden_delta": lambda w, d, z, f: -(w.T @ d) * f.prime(z)},
          "every entry has the wrong sign"),
    Wrong(HD, "examples in rows", {"hidden_delta": lambda w, d, z, f: (d.T @ w) * f.prime(z).T},
          "Yours is transposed"),
    Wrong(HD, "slope before the product", {"hidden_delta": bp2_slope_before_product},
          "before passing it back through the weights"),
    Wrong(HD, "changes z in place", {"hidden_delta": bp2_in_place},
          "changed one of its input arrays in place"),
    # layer_gradients (BP3, BP4)
    Wrong(LG, "sums, no average",
          {"layer_gradients": lambda d, a: (d @ a.T, d.sum(axis=1, keepdims=True))},
          "nabla_w is 7 times too big: you summed"),
    Wrong(LG, "nabla_w averaged twice",
          {"layer_gradients": lambda d, a: (d @ a.T / d.shape[1] ** 2,
                                            d.mean(axis=1, keepdims=True))},
          "nabla_w is 7 times too small: you averaged twice"),
    Wrong(LG, "nabla_b averaged twice",
          {"layer_gradients": lambda d, a: (d @ a.T / d.shape[1],
                                            d.mean(axis=1, keepdims=True) / d.shape[1])},
          "nabla_b is 7 times too small: you averaged twice"),
    Wrong(LG, "nabla_b summed",
          {"layer_gradients": lambda d, a: (d @ a.T / d.shape[1], d.sum(axis=1, keepdims=True))},
          "nabla_b is 7 times too big: you summed"),
    Wrong(LG, "nabla_b keeps the batch axis",
          {"layer_gradients": lambda d, a: (d @ a.T / d.shape[1], d / d.shape[1])},
          "nabla_b still has the batch axis"),
    Wrong(LG, "a_prev @ delta.T",
          {"layer_gradients": lambda d, a: (a @ d.T / d.shape[1], d.mean(axis=1, keepdims=True))},
          "a_prev @ delta.T is its transpose"),
    Wrong(LG, "pair the wrong way round",
          {"layer_gradients": lambda d, a: bp34_right(d, a)[::-1]}, "wrong way round"),
    Wrong(LG, "nabla_b 1-D",
          {"layer_gradients": lambda d, a: (d @ a.T / d.shape[1], d.mean(axis=1))},
          "Keep it 2-D"),
    Wrong(LG, "nabla_b averaged over the neurons",
          {"layer_gradients": lambda d, a: (d @ a.T / d.shape[1], d.mean(axis=0))},
          "You averaged over the neurons (axis 0)"),
    Wrong(LG, "sign flipped",
          {"layer_gradients": lambda d, a: tuple(-g for g in bp34_right(d, a))},
          "nabla_w has the wrong sign"),
    Wrong(LG, "divides by the number of neurons", {"layer_gradients": bp34_divides_by_neurons},
          "divided by the number of neurons"),
    Wrong(LG, "divides delta in place", {"layer_gradients": bp34_in_place},
          "changed one of its input arrays in place"),
    # backprop
    Wrong(BP, "sign flipped", {"backprop": make_backprop(sign=-1)}, "has the wrong sign"),
    Wrong(BP, "hidden slope left out", {"backprop": make_backprop(hidden_slope=False)},
          "you left out the slope"),
    Wrong(BP, "delta^L = a - y everywhere", {"backprop": make_backprop(slope_at=None)},
          "delta^L = a - y holds only for a sigmoid output layer"),
    Wrong(BP, "slope at a", {"backprop": make_backprop(slope_at="a")},
          "you took the slope at a = f(z)"),
    Wrong(BP, "a(1 - a) for every layer", {"backprop": make_backprop(slope_at="a(1-a)")},
          "a * (1 - a) is the slope of the sigmoid only"),
    Wrong(BP, "transpose missing in BP2", {"backprop": make_backprop(transpose=False)},
          "the transpose is missing in BP2"),
    Wrong(BP, "sums over the batch", {"backprop": make_backprop(reduce="sum")},
          "times too big: you summed"),
    Wrong(BP, "averages twice", {"backprop": make_backprop(reduce="twice")},
          "times too small: you averaged twice"),
    Wrong(BP, "nabla_b keeps the batch axis", {"backprop": make_backprop(bias_keeps_batch=True)},
          "still has the batch axis"),
    Wrong(BP, "quadratic BP1 for every cost", {"backprop": make_backprop(output="quadratic")},
          "the quadratic cost's, but this network's cost is cross-entropy"),
    Wrong(BP, "BP2 with the weights of layer l", {"backprop": make_backprop(w_shift=0)},
          "uses the weights that leave layer"),
    Wrong(BP, "BP2 with the slope of layer l+1", {"backprop": make_backprop(act_shift=1)},
          "needs the slope of layer 1's own activation"),
    Wrong(BP, "BP4 pairs delta^l with a^l", {"backprop": make_backprop(a_shift=0)},
          "off by one layer in BP4"),
    Wrong(BP, "takes a gradient step", {"backprop": backprop_also_steps},
          "changed the network's weights or biases"),
]
