"""Checks for notebook 06, the four equations of backpropagation (BP1-BP4).

The learner writes each equation for a whole batch, one example per column:
    output_delta(zL, aL, y, activation)             -> delta^L, shape (n_L, m)        BP1
        quadratic cost: delta^L = (a^L - y) * f'(z^L)
    hidden_delta(w_next, delta_next, z, activation) -> delta^l, shape (n_l, m)        BP2
        delta^l = ((w^(l+1))^T delta^(l+1)) * f'(z^l)
    layer_gradients(delta, a_prev)                  -> (nabla_w, nabla_b)             BP4, BP3
        nabla_w = delta a_prev^T / m, shape (n_l, n_(l-1)); nabla_b = row means, (n_l, 1)
    backprop(net, x, y)                             -> (nabla_w, nabla_b)
        two lists laid out like net.w and net.b (index 0 None), averaged over the batch

Each check tries random inputs of several sizes, several activations and batch sizes 1
and more; backprop is compared with bplib's Network.backward layer by layer and with
central differences (bplib.numerical_gradient) as a whole.
"""
import numpy as np

from ..activations import identity, relu, sigmoid, tanh
from ..gradcheck import numerical_gradient, relative_error
from ..network import Network
from ._core import call, compare, passed

ACTIVATIONS = (sigmoid, tanh, relu, identity)


def _close(got, expected):
    """True if ``got`` has the shape of ``expected`` and the same numbers."""
    try:
        got = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return False
    return got.shape == np.shape(expected) and np.allclose(got, expected, rtol=1e-7, atol=1e-12)


def _differs(got, expected):
    """True if ``got`` has the right shape but not the right numbers (a diagnosable mistake)."""
    try:
        got = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return False
    return got.shape == np.shape(expected) and not np.allclose(got, expected, rtol=1e-7, atol=1e-12)


# ----- BP1 ------------------------------------------------------------------------------
def check_output_delta(output_delta, seed=60):
    """BP1 with the quadratic cost, for four activations and batches of 1 and 5 examples."""
    rng = np.random.default_rng(seed)
    worst, tried = 0.0, 0
    for act in ACTIVATIONS:
        for n, m in ((3, 1), (2, 5)):
            z = rng.normal(0.0, 2.0, (n, m))
            a = act(z)
            y = rng.uniform(0.0, 1.0, (n, m))
            want = (a - y) * act.prime(z)
            got = call(output_delta, z, a, y, act, what="output delta (BP1)")
            if _differs(got, want):
                if _close(got, -want):
                    raise AssertionError(
                        "output delta (BP1): every entry has the wrong sign. The gradient of "
                        "the quadratic cost is a - y (positive when the output is too big), "
                        "not y - a.")
                if _close(got, a - y):
                    raise AssertionError(
                        f"output delta (BP1): you returned a - y, which is grad_a C only "
                        f"({act.name} output layer). Multiply elementwise by the slope "
                        f"f'(z^L) = activation.prime(zL).")
                if _close(got, (a - y) * act.prime(a)):
                    raise AssertionError(
                        f"output delta (BP1): you used the slope at a, f'(a^L), but BP1 needs "
                        f"it at z: activation.prime(zL) ({act.name} output layer).")
                if _close(got, (a - y) * a * (1 - a)):
                    raise AssertionError(
                        f"output delta (BP1): a * (1 - a) is the sigmoid's slope only; this "
                        f"output layer is {act.name}. Use activation.prime(zL), which works "
                        f"for every activation.")
                if _close(got, (a - y) * z * (1 - z)):
                    raise AssertionError(
                        "output delta (BP1): z * (1 - z) is not a slope; the sigmoid's is "
                        "sigma(z) * (1 - sigma(z)). Use activation.prime(zL).")
            hint = None
            if m > 1 and np.shape(got) in ((n, 1), (n,)):
                hint = ("BP1 is elementwise: keep one column per example; do not average "
                        "over the batch.")
            worst = max(worst, compare(f"output delta (BP1), {act.name} output layer", got, want,
                                       hint=hint, seed=seed))
            tried += 1
    passed(f"output delta (BP1): {tried} random batches, 4 activations, max relative error "
           f"{worst:.0e}")


# ----- BP2 ------------------------------------------------------------------------------
# (neurons in layer l+1, neurons in layer l, examples m, activation of layer l)
BP2_CASES = ((3, 4, 1, sigmoid), (2, 5, 6, tanh), (4, 4, 3, relu), (3, 3, 1, sigmoid),
             (1, 2, 5, identity), (5, 5, 4, tanh))


def check_hidden_delta(hidden_delta, seed=61):
    """BP2 for one step back, on layers of several sizes and activations."""
    rng = np.random.default_rng(seed)
    worst = 0.0
    for n_next, n, m, act in BP2_CASES:
        w_next = rng.normal(0.0, 1.0, (n_next, n))
        delta_next = rng.normal(0.0, 1.0, (n_next, m))
        z = rng.normal(0.0, 2.0, (n, m))
        back = w_next.T @ delta_next
        want = back * act.prime(z)
        got = call(hidden_delta, w_next, delta_next, z, act, what="hidden delta (BP2)")
        if _differs(got, want):
            if _close(got, back):
                raise AssertionError(
                    f"hidden delta (BP2): you returned (w^(l+1))^T delta^(l+1), which is dC/da^l. "
                    f"Multiply elementwise by the slope f'(z^l) = activation.prime(z) "
                    f"({act.name} layer).")
            if n == n_next and _close(got, (w_next @ delta_next) * act.prime(z)):
                raise AssertionError(
                    "hidden delta (BP2): the transpose is missing. Row j of w^(l+1) holds the "
                    "weights INTO neuron j of layer l+1; the weights OUT of neuron k of layer l "
                    "are column k, so use w_next.T @ delta_next.")
            if _close(got, back * act.prime(act(z))):
                raise AssertionError(
                    f"hidden delta (BP2): you took the slope at a^l = f(z^l); BP2 needs it at "
                    f"z^l: activation.prime(z) ({act.name} layer).")
            if _close(got, back * act(z) * (1 - act(z))):
                raise AssertionError(
                    f"hidden delta (BP2): a * (1 - a) is the sigmoid's slope only; this layer "
                    f"is {act.name}. Use activation.prime(z).")
        worst = max(worst, compare(
            f"hidden delta (BP2), {act.name} layer of {n} neurons fed into {n_next}", got, want,
            seed=seed,
            hint=(f"delta^l has one row per neuron of layer l and one column per example, "
                  f"({n}, {m}) here: (w^(l+1))^T has shape ({n}, {n_next}), so "
                  f"w_next.T @ delta_next has the right shape.")))
    passed(f"hidden delta (BP2): {len(BP2_CASES)} random layers, 4 activations, max relative "
           f"error {worst:.0e}")


# ----- BP3 and BP4 ------------------------------------------------------------------------
# (neurons in layer l, neurons in layer l-1, examples m)
BP34_CASES = ((3, 4, 1), (2, 5, 7), (4, 4, 5), (1, 3, 17), (3, 3, 1))


def _as_pair(result, what, names):
    if not (isinstance(result, (tuple, list)) and len(result) == 2):
        kind = type(result).__name__
        length = f" of length {len(result)}" if hasattr(result, "__len__") else ""
        raise AssertionError(f"{what}: expected a pair ({names}), got a {kind}{length}")
    return result


def check_layer_gradients(layer_gradients, seed=62):
    """BP4 and BP3 averaged over a batch: nabla_w = delta a_prev^T / m, nabla_b = row means."""
    rng = np.random.default_rng(seed)
    worst = 0.0
    for n, n_prev, m in BP34_CASES:
        delta = rng.normal(0.0, 1.0, (n, m))
        a_prev = rng.uniform(0.0, 1.0, (n_prev, m))
        want_w = delta @ a_prev.T / m
        want_b = delta.mean(axis=1, keepdims=True)
        got = _as_pair(call(layer_gradients, delta, a_prev, what="layer gradients (BP3, BP4)"),
                       "layer gradients (BP3, BP4)", "nabla_w, nabla_b")
        got_w, got_b = got
        if _differs(got_w, want_w):
            if m > 1 and _close(got_w, m * want_w):
                raise AssertionError(
                    f"layer gradients: nabla_w is {m} times too big: you summed over the {m} "
                    f"examples of the batch instead of averaging. Divide by m.")
            if n == n_prev and _close(got_w, want_w.T):
                raise AssertionError(
                    "layer gradients: nabla_w is transposed. Entry [j, k] belongs to the "
                    "weight from neuron k of layer l-1 to neuron j of layer l: delta_j a_k, "
                    "so the product is delta @ a_prev.T.")
        worst = max(worst, compare(
            "layer gradients: nabla_w (BP4)", got_w, want_w, seed=seed,
            hint=(f"nabla_w has the shape of w^l, ({n}, {n_prev}): one row per neuron of "
                  f"layer l, one column per neuron of layer l-1, so delta @ a_prev.T (divided "
                  f"by m). a_prev @ delta.T is its transpose.")))
        if _differs(got_b, want_b) and m > 1 and _close(got_b, m * want_b):
            raise AssertionError(
                f"layer gradients: nabla_b is {m} times too big: you summed over the {m} "
                f"examples instead of averaging. Divide by m.")
        hint = "nabla_b has the shape of b^l: a column with one entry per neuron of layer l."
        if np.shape(got_b) == (n,):
            hint += " Keep it 2-D: .mean(axis=1, keepdims=True), or reshape(-1, 1)."
        elif np.shape(got_b) in ((1, m), (m,)) and m != n:
            hint += (" You averaged over the neurons (axis 0); the examples are the columns, "
                     "axis 1.")
        worst = max(worst, compare("layer gradients: nabla_b (BP3)", got_b, want_b, seed=seed,
                                   hint=hint))
    passed(f"layer gradients (BP3, BP4): {len(BP34_CASES)} random layers, batches of 1 to 17, "
           f"max relative error {worst:.0e}")


# ----- the whole backward pass --------------------------------------------------------------
# (sizes, activations of layers 1..L, cost)
NETS = (
    ([3, 2], "sigmoid", "quadratic"),
    ([2, 4, 3], ["tanh", "sigmoid"], "quadratic"),
    ([4, 5, 3, 2], ["relu", "relu", "sigmoid"], "cross_entropy"),
    ([1, 3, 3, 3, 1], ["tanh", "sigmoid", "relu", "identity"], "quadratic"),
    ([3, 3, 3], "sigmoid", "cross_entropy"),
)


class _NoShortcut(Network):
    """A Network whose own backward pass is off limits: the learner's function replaces it."""

    def backward(self, fp, y):
        raise AssertionError("write the backward pass yourself; net.backward and net.gradient "
                             "are what your function is compared with, so they are switched "
                             "off here (net.forward, net.w, net.act, net.cost are fine)")

    def gradient(self, x, y):
        self.backward(None, y)


def _random_net(rng, sizes, activations, cost, seed):
    net = Network(sizes, activations, cost, seed=seed)
    for l in range(1, net.L + 1):
        net.b[l] = rng.normal(0.0, 0.5, net.b[l].shape)
    return net


def _quadratic_reference(net, x, y):
    """Backprop as if the cost were quadratic: what a - y in place of grad_a C gives."""
    fp = net.forward(x)
    m = x.shape[1]
    delta = [None] * (net.L + 1)
    delta[net.L] = (fp.a[-1] - y) * net.act[net.L].prime(fp.z[net.L])
    for l in range(net.L - 1, 0, -1):
        delta[l] = (net.w[l + 1].T @ delta[l + 1]) * net.act[l].prime(fp.z[l])
    return [None] + [delta[l] @ fp.a[l - 1].T / m for l in range(1, net.L + 1)]


def _layer_list(result, name, net):
    want = net.L + 1
    if not isinstance(result, (list, tuple)):
        raise AssertionError(f"backprop: {name} should be a list like net.w, got a "
                             f"{type(result).__name__}")
    if len(result) == net.L and want > 1:
        raise AssertionError(
            f"backprop: {name} has {net.L} entries; bplib's layout has {want}, one per layer "
            f"number 0..{net.L}, with {name}[0] = None (the input layer has no weights).")
    if len(result) != want:
        raise AssertionError(f"backprop: {name} should have {want} entries (index 0 None, then "
                             f"layers 1..{net.L}), got {len(result)}")
    if result[0] is not None:
        raise AssertionError(f"backprop: {name}[0] should be None, like net.w[0]: layer 0 has "
                             f"no weights or biases")
    return result


def check_backprop(backprop, seed=63):
    """The whole backward pass on random networks, against net.backward and central differences."""
    rng = np.random.default_rng(seed)
    worst_bp, worst_num, tried = 0.0, 0.0, 0
    for i, (sizes, activations, cost) in enumerate(NETS):
        for m in (1, 4):
            net = _random_net(rng, sizes, activations, cost, seed=seed + i)
            x = rng.normal(0.0, 1.0, (sizes[0], m))
            y = rng.uniform(0.0, 1.0, (sizes[-1], m))
            if cost == "cross_entropy":
                y = np.round(y)
            reference = net.backward(net.forward(x), y)
            guarded = net.copy()
            guarded.__class__ = _NoShortcut
            result = _as_pair(call(backprop, guarded, x, y, what="backprop"), "backprop",
                              "nabla_w, nabla_b")
            if any(not np.array_equal(p, q) for (_, _, p), (_, _, q)
                   in zip(net.params(), guarded.params())):
                raise AssertionError("backprop: your function changed the network's weights or "
                                     "biases; it should only compute their gradients.")
            nabla_w = _layer_list(result[0], "nabla_w", net)
            nabla_b = _layer_list(result[1], "nabla_b", net)
            where = f" on {net} with a batch of {m}"
            if cost == "cross_entropy" and all(
                    _close(g, q) for g, q in zip(nabla_w[1:], _quadratic_reference(net, x, y)[1:])):
                raise AssertionError(
                    f"backprop: you used grad_a C = a - y, the quadratic cost's, but this "
                    f"network's cost is cross-entropy{where}. Use net.cost.grad_a(a, y).")
            for l in range(net.L, 0, -1):
                if l == net.L:
                    hint = ("The output layer needs only BP1 and BP3/BP4: delta^L = "
                            "net.cost.grad_a(a^L, y) * net.act[L].prime(z^L), nabla_w[L] = "
                            "delta^L a^(L-1)^T / m.")
                else:
                    hint = (f"Layer {l + 1} is right, so look at BP2 and at the activations you "
                            f"pair with delta^{l}: delta^{l} = (w[{l + 1}].T @ delta^{l + 1}) * "
                            f"net.act[{l}].prime(z^{l}), nabla_w[{l}] = delta^{l} a^{l - 1}^T / m.")
                for name, got, want in (("nabla_w", nabla_w[l], reference.nabla_w[l]),
                                        ("nabla_b", nabla_b[l], reference.nabla_b[l])):
                    if m > 1 and _close(got, m * want) and not _close(got, want):
                        raise AssertionError(
                            f"backprop: {name}[{l}] is {m} times too big{where}: you summed "
                            f"over the batch instead of averaging. Divide by m.")
                    worst_bp = max(worst_bp, compare(f"backprop: {name}[{l}]{where}", got, want,
                                                     rtol=1e-7, atol=1e-12, hint=hint, seed=seed))
            numeric = numerical_gradient(net, x, y)
            err = relative_error(list(nabla_w) + list(nabla_b),
                                 list(numeric.nabla_w) + list(numeric.nabla_b))
            if not err < 1e-7:
                raise AssertionError(f"backprop: relative error {err:.1e} against central "
                                     f"differences{where}; it should be below 1e-7")
            worst_num = max(worst_num, err)
            tried += 1
    passed(f"backprop: {tried} random networks (depth 1 to 4, batches of 1 and 4); relative "
           f"error against central differences at most {worst_num:.0e}")
