"""Checks for notebook 06, the four equations of backpropagation (BP1-BP4).

The learner writes each equation for a whole batch, one example per column (m examples):
    output_delta(zL, aL, y, activation)             -> delta^L, shape (n_L, m)        BP1
        quadratic cost: delta^L = (a^L - y) * f'(z^L), with f' = activation.prime
    hidden_delta(w_next, delta_next, z, activation) -> delta^l, shape (n_l, m)        BP2
        delta^l = ((w^(l+1))^T delta^(l+1)) * f'(z^l); w_next is (n_(l+1), n_l)
    layer_gradients(delta, a_prev)                  -> (nabla_w, nabla_b)             BP4, BP3
        nabla_w = delta a_prev^T / m, shape (n_l, n_(l-1)); nabla_b = row means, (n_l, 1)
    backprop(net, x, y)                             -> (nabla_w, nabla_b)
        two lists laid out like net.w and net.b (index 0 None), averaged over the batch,
        for any depth, any activations and either cost (grad_a C = net.cost.grad_a(a, y))

Each check tries random inputs of several sizes, all four activations and batch sizes 1
and more; backprop is compared with bplib's Network.backward layer by layer (output
layer first) and with central differences (bplib.numerical_gradient) as a whole.

How the mistakes are told apart: for every typical mistake the check computes what that
mistake would return on the same inputs, and names the mistake if the learner's result
equals it. Square layers come first, so that a missing transpose gives wrong numbers
(which can be diagnosed) before it gives a shape error.
"""
import numpy as np

from ..activations import identity, relu, sigmoid, tanh
from ..gradcheck import numerical_gradient, relative_error
from ..network import Network
from .shortcuts import watch_all
from ._core import as_tuple, call, compare, diagnose, layer_list, passed, shape_of

ACTIVATIONS = (sigmoid, tanh, relu, identity)


def _slope_mistakes(upstream, z, a, act, layer):
    """What BP1/BP2 return when the slope factor f'(z) is wrong: (result, message) pairs.

    ``upstream`` is what the slope multiplies (grad_a C in BP1, w^T delta in BP2) and
    ``layer`` names the layer in the messages ("the output layer", "hidden layer 2").
    """
    which = f"{layer} has activation {act.name}"
    found = [
        (upstream, f"you left out the slope: multiply elementwise by f'(z) = "
                   f"activation.prime(z) ({which})."),
        (upstream * act.prime(a), f"you took the slope at a = f(z), but it belongs at z: "
                                  f"activation.prime(z), not activation.prime(a) ({which})."),
    ]
    if act is not sigmoid:
        found.append((upstream * a * (1 - a),
                      f"a * (1 - a) is the slope of the sigmoid only, and {which}. "
                      f"activation.prime(z) gives the slope of any activation."))
    if act is not tanh:
        found.append((upstream * (1 - a ** 2),
                      f"1 - a**2 is the slope of tanh only, and {which}. "
                      f"Use activation.prime(z)."))
    found.append((upstream * z * (1 - z),
                  "z * (1 - z) is not a slope of anything here: the sigmoid's is "
                  "sigma(z) * (1 - sigma(z)) = a * (1 - a). Use activation.prime(z)."))
    for g in ACTIVATIONS:
        if g is not act and g is not identity:
            found.append((upstream * g.prime(z),
                          f"you used the slope of {g.name}, but {which}: use the activation "
                          f"you are given, activation.prime(z)."))
    return found


# ----- BP1 ------------------------------------------------------------------------------
def check_output_delta(output_delta, seed=60):
    """BP1 with the quadratic cost, for four activations and batches of 1 and 5 examples."""
    rng = np.random.default_rng(seed)
    worst, tried = 0.0, 0
    what = "output delta (BP1)"
    for act in ACTIVATIONS:
        for n, m in ((3, 1), (2, 5)):
            z = rng.normal(0.0, 2.0, (n, m))
            a = act(z)
            y = rng.uniform(0.0, 1.0, (n, m))
            want = (a - y) * act.prime(z)
            got = call(output_delta, z, a, y, act, what=what)
            diagnose(what, got, want, [
                (-want, "every entry has the wrong sign. The gradient of the quadratic cost "
                        "is a - y (positive when the output is too big), not y - a.")]
                + _slope_mistakes(a - y, z, a, act, "the output layer"))
            hint = None
            if m > 1 and shape_of(got) in ((n, 1), (n,)):
                hint = ("BP1 is elementwise: keep one column per example; do not average "
                        "over the batch.")
            elif shape_of(got) == (m, n) and m != n:
                hint = "Rows are neurons and columns are examples: do not transpose."
            worst = max(worst, compare(f"{what}, {act.name} output layer", got, want,
                                       hint=hint, seed=seed))
            tried += 1
    passed(f"output delta (BP1): {tried} random batches, 4 activations, max relative error "
           f"{worst:.0e}")


# ----- BP2 ------------------------------------------------------------------------------
# (neurons in layer l+1, neurons in layer l, examples m, activation of layer l);
# a square layer first, so that a missing transpose shows up as wrong numbers.
BP2_CASES = ((3, 3, 2, sigmoid), (3, 4, 1, sigmoid), (2, 5, 6, tanh), (4, 4, 3, relu),
             (1, 2, 5, identity), (5, 5, 4, tanh))


def check_hidden_delta(hidden_delta, seed=61):
    """BP2 for one step back, on layers of several sizes and activations."""
    rng = np.random.default_rng(seed)
    worst = 0.0
    what = "hidden delta (BP2)"
    for n_next, n, m, act in BP2_CASES:
        w_next = rng.normal(0.0, 1.0, (n_next, n))
        delta_next = rng.normal(0.0, 1.0, (n_next, m))
        z = rng.normal(0.0, 2.0, (n, m))
        a = act(z)
        back = w_next.T @ delta_next
        want = back * act.prime(z)
        shapes = (f"Here w_next has shape {w_next.shape} (neurons in layer l+1, neurons in "
                  f"layer l) and delta_next {delta_next.shape}; the weights OUT of a neuron "
                  f"of layer l are a column of w_next, so BP2 needs its transpose: "
                  f"w_next.T @ delta_next has shape ({n}, {m}).")
        got = call(hidden_delta, w_next, delta_next, z, act, what=what, shape_hint=shapes)
        candidates = [(-want, "every entry has the wrong sign: BP2 has no minus sign, it "
                              "passes delta^(l+1) back through the same weights.")]
        if n == n_next:
            candidates.append((
                (w_next @ delta_next) * act.prime(z),
                "the transpose is missing. Row j of w^(l+1) holds the weights INTO neuron j "
                "of layer l+1; the weights OUT of neuron k of layer l are column k, so use "
                "w_next.T @ delta_next."))
            candidates.append((
                w_next.T @ (delta_next * act.prime(z)),
                "you multiplied delta^(l+1) by the slope before passing it back through the "
                "weights. The slope belongs to layer l, after the product: "
                "(w_next.T @ delta_next) * activation.prime(z)."))
        candidates += _slope_mistakes(back, z, a, act, "layer l")
        diagnose(what, got, want, candidates)
        hint = (f"delta^l has one row per neuron of layer l and one column per example, "
                f"({n}, {m}) here.")
        if shape_of(got) == (m, n) and m != n:
            hint += " Yours is transposed: keep examples in columns."
        worst = max(worst, compare(f"{what}, {act.name} layer of {n} neurons fed into {n_next}",
                                   got, want, seed=seed, hint=hint))
    passed(f"hidden delta (BP2): {len(BP2_CASES)} random layers, 4 activations, max relative "
           f"error {worst:.0e}")


# ----- BP3 and BP4 ------------------------------------------------------------------------
# (neurons in layer l, neurons in layer l-1, examples m); a batch first, then a square
# layer, then a single example.
BP34_CASES = ((2, 5, 7), (4, 4, 5), (3, 4, 1), (1, 3, 17), (3, 3, 1))


def _batch_mistakes(name, want, m, sign="BP3 and BP4 have no minus sign", n=None):
    """What summing instead of averaging, averaging twice, or a flipped sign give.

    With ``n``, the number of neurons (rows of delta), also what dividing by it gives.
    """
    found = [(-want, f"{name} has the wrong sign. It is dC/d(parameter) itself: {sign}; the "
                     f"minus sign of gradient descent belongs to the update "
                     f"w <- w - eta * gradient, not here.")]
    if m > 1:
        found += [
            (m * want, f"{name} is {m} times too big: you summed over the {m} examples of "
                       f"the batch instead of averaging. Divide the sum by m."),
            (want / m, f"{name} is {m} times too small: you averaged twice (a mean, or a "
                       f"division by m, on top of another). Divide the sum by m once."),
        ]
    if n is not None and n not in (1, m):
        found.append((want * m / n,
                      f"{name} is divided by the number of neurons, {n} (delta.shape[0]), "
                      f"not by the number of examples, m = {m}: the examples are the "
                      f"columns, so m = delta.shape[1]."))
    return found


def check_layer_gradients(layer_gradients, seed=62):
    """BP4 and BP3 averaged over a batch: nabla_w = delta a_prev^T / m, nabla_b = row means."""
    rng = np.random.default_rng(seed)
    worst = 0.0
    what = "layer gradients (BP3, BP4)"
    for n, n_prev, m in BP34_CASES:
        delta = rng.normal(0.0, 1.0, (n, m))
        a_prev = rng.uniform(0.0, 1.0, (n_prev, m))
        want_w = delta @ a_prev.T / m
        want_b = delta.mean(axis=1, keepdims=True)
        shapes = (f"Here delta has shape {delta.shape} and a_prev {a_prev.shape}: the product "
                  f"delta @ a_prev.T adds over the {m} examples and has the shape of w^l, "
                  f"({n}, {n_prev}).")
        got_w, got_b = as_tuple(call(layer_gradients, delta, a_prev, what=what, shape_hint=shapes),
                                what, "nabla_w, nabla_b")
        if shape_of(got_w) == want_b.shape and shape_of(got_b) == want_w.shape and n_prev > 1:
            raise AssertionError(f"{what}: the pair is the wrong way round; return "
                                 f"(nabla_w, nabla_b), the weights' gradient first.")
        candidates = _batch_mistakes("nabla_w", want_w, m, n=n)
        if n == n_prev:
            candidates.append((
                a_prev @ delta.T / m,
                "nabla_w is transposed. Entry [j, k] belongs to the weight from neuron k of "
                "layer l-1 to neuron j of layer l: delta_j a_k, so the product is "
                "delta @ a_prev.T."))
        diagnose("layer gradients", got_w, want_w, candidates)
        worst = max(worst, compare(
            "layer gradients: nabla_w (BP4)", got_w, want_w, seed=seed,
            hint=(f"nabla_w has the shape of w^l, ({n}, {n_prev}): one row per neuron of "
                  f"layer l, one column per neuron of layer l-1, so delta @ a_prev.T (divided "
                  f"by m). a_prev @ delta.T is its transpose.")))
        diagnose("layer gradients", got_b, want_b, _batch_mistakes("nabla_b", want_b, m, n=n))
        hint = "nabla_b has the shape of b^l: a column with one entry per neuron of layer l."
        if shape_of(got_b) == (n, m) and m > 1:
            hint = (f"nabla_b still has the batch axis: one column per example, shape "
                    f"({n}, {m}). Average over the examples (axis 1) to get a column "
                    f"({n}, 1), the shape of b^l.")
        elif shape_of(got_b) == (n,):
            hint += " Keep it 2-D: .mean(axis=1, keepdims=True), or reshape(-1, 1)."
        elif shape_of(got_b) in ((1, m), (m,)) and m != n:
            hint += (" You averaged over the neurons (axis 0); the examples are the columns, "
                     "axis 1.")
        worst = max(worst, compare("layer gradients: nabla_b (BP3)", got_b, want_b, seed=seed,
                                   hint=hint))
    passed(f"layer gradients (BP3, BP4): {len(BP34_CASES)} random layers, batches of 1 to 17, "
           f"max relative error {worst:.0e}")


# ----- the whole backward pass --------------------------------------------------------------
# (sizes, activations of layers 1..L, cost). Square nets first: there a missing transpose
# or a layer index off by one gives wrong numbers the check can name, not a shape error.
NETS = (
    ([3, 3, 3], ["tanh", "sigmoid"], "quadratic"),
    ([3, 3, 3], "sigmoid", "cross_entropy"),
    ([3, 2], "sigmoid", "quadratic"),
    ([2, 4, 3], ["tanh", "sigmoid"], "quadratic"),
    ([4, 5, 3, 2], ["relu", "relu", "sigmoid"], "cross_entropy"),
    ([1, 3, 3, 3, 1], ["tanh", "sigmoid", "relu", "identity"], "quadratic"),
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


def _delta_mistakes(net, fp, y, ref, l):
    """What delta^l would be after each typical mistake, given a right delta^(l+1)."""
    z, a, act = fp.z[l], fp.a[l], net.act[l]
    found = []
    if l == net.L:
        grad = net.cost.grad_a(a, y)
        if net.cost.name == "cross_entropy":
            found.append(((a - y) * act.prime(z),
                          "you used grad_a C = a - y, the quadratic cost's, but this "
                          "network's cost is cross-entropy. Use net.cost.grad_a(a, y), which "
                          "is right for whichever cost the network has."))
        if not (net.cost.name == "cross_entropy" and act is sigmoid):
            found.append((a - y, f"delta^L = a - y holds only for a sigmoid output layer with "
                                 f"the cross-entropy cost, where f' cancels. This network has "
                                 f"the {net.cost.name} cost and a {act.name} output layer: "
                                 f"delta^L = net.cost.grad_a(a, y) * net.act[L].prime(z^L) "
                                 f"(BP1)."))
        found += _slope_mistakes(grad, z, a, act, f"output layer {l}")
    else:
        w_next, d_next = net.w[l + 1], ref.delta[l + 1]
        back = w_next.T @ d_next
        if w_next.shape[0] == w_next.shape[1]:
            found.append(((w_next @ d_next) * act.prime(z),
                          f"the transpose is missing in BP2 at layer {l}: the weights OUT of "
                          f"neuron k of layer {l} are column k of w[{l + 1}], so use "
                          f"w[{l + 1}].T @ delta^{l + 1}."))
        if net.w[l].shape == w_next.T.shape:
            found.append(((net.w[l].T @ d_next) * act.prime(z),
                          f"off by one layer in BP2: delta^{l} uses the weights that leave "
                          f"layer {l}, w[{l + 1}], not w[{l}]."))
        if net.act[l + 1] is not act:
            found.append((back * net.act[l + 1].prime(z),
                          f"off by one layer in BP2: delta^{l} needs the slope of layer "
                          f"{l}'s own activation, net.act[{l}] ({act.name}), not "
                          f"net.act[{l + 1}] ({net.act[l + 1].name})."))
        found += _slope_mistakes(back, z, a, act, f"hidden layer {l}")
    return found


def _shape_hint(name, l, got, net, fp, m):
    rows = net.sizes[l]
    if name == "nabla_b":
        if shape_of(got) == (rows, m) and m > 1:
            return (f"nabla_b[{l}] still has the batch axis (one column per example): average "
                    f"delta^{l} over the examples, axis 1, to get shape ({rows}, 1).")
        return f"nabla_b[{l}] has the shape of b[{l}], ({rows}, 1)."
    cols = net.sizes[l - 1]
    if shape_of(got) == (rows, rows) and rows != cols:
        return (f"off by one layer in BP4: nabla_w[{l}] has shape ({rows}, {rows}), as if "
                f"delta^{l} were paired with a^{l}. The weights into layer {l} come from "
                f"layer {l - 1}: delta^{l} (a^{l - 1})^T / m, shape ({rows}, {cols}).")
    if shape_of(got) == (cols, rows) and rows != cols:
        return (f"nabla_w[{l}] is transposed: it needs the shape of w[{l}], ({rows}, {cols}), "
                f"so delta^{l} @ a^{l - 1}.T, not the other way round.")
    return f"nabla_w[{l}] has the shape of w[{l}], ({rows}, {cols})."


def _diagnose_layer(net, fp, y, ref, l, nabla_w, nabla_b, m, where):
    """Name the mistake behind a wrong nabla_w[l] or nabla_b[l], if it is a typical one."""
    what = f"backprop: layer {l}{where}"
    a_prev = fp.a[l - 1]
    sign = "grad_a C is a - y for the quadratic cost (not y - a)"
    diagnose(what, nabla_w[l], ref.nabla_w[l],
              _batch_mistakes(f"nabla_w[{l}]", ref.nabla_w[l], m, sign))
    diagnose(what, nabla_b[l], ref.nabla_b[l],
              _batch_mistakes(f"nabla_b[{l}]", ref.nabla_b[l], m, sign))
    wrong_w = []
    if a_prev.shape[0] == ref.delta[l].shape[0]:
        wrong_w += [(a_prev @ ref.delta[l].T / m,
                     f"nabla_w[{l}] is transposed: entry [j, k] is delta_j a_k (the weight "
                     f"from neuron k to neuron j), so delta^{l} @ a^{l - 1}.T."),
                    (ref.delta[l] @ fp.a[l].T / m,
                     f"off by one layer in BP4: you paired delta^{l} with a^{l}; the weights "
                     f"into layer {l} carry a^{l - 1}, so nabla_w[{l}] = delta^{l} "
                     f"(a^{l - 1})^T / m.")]
    diagnose(what, nabla_w[l], ref.nabla_w[l], wrong_w)
    for wrong_delta, message in _delta_mistakes(net, fp, y, ref, l):
        if np.shape(wrong_delta) != ref.delta[l].shape:
            continue
        diagnose(what, nabla_w[l], ref.nabla_w[l], [(wrong_delta @ a_prev.T / m, message)])
        diagnose(what, nabla_b[l], ref.nabla_b[l],
                  [(wrong_delta.mean(axis=1, keepdims=True), message)])


def check_backprop(backprop, seed=63):
    """The whole backward pass on random networks, against net.backward and central differences."""
    rng = np.random.default_rng(seed)
    worst_num, tried = 0.0, 0
    for i, (sizes, activations, cost) in enumerate(NETS):
        for m in (1, 4):
            net = _random_net(rng, sizes, activations, cost, seed=seed + i)
            x = rng.normal(0.0, 1.0, (sizes[0], m))
            y = rng.uniform(0.0, 1.0, (sizes[-1], m))
            if cost == "cross_entropy":
                y = np.round(y)
            fp = net.forward(x)
            reference = net.backward(fp, y)
            guarded = net.copy()
            guarded.__class__ = _NoShortcut
            shapes = (f"Shapes on {net} with a batch of {m}: w[l] is (n_l, n_(l-1)); z[l], "
                      f"a[l] and delta^l are (n_l, {m}); BP2 is w[l+1].T @ delta^(l+1) and "
                      f"BP4 is delta^l @ a[l-1].T / m.")
            result = as_tuple(call(backprop, guarded, x, y, what="backprop", shape_hint=shapes),
                              "backprop", "nabla_w, nabla_b")
            if any(not np.array_equal(p, q) for (_, _, p), (_, _, q)
                   in zip(net.params(), guarded.params())):
                raise AssertionError("backprop: your function changed the network's weights or "
                                     "biases; it should only compute their gradients (the "
                                     "update step comes later, once every gradient is known).")
            nabla_w = layer_list(result[0], "nabla_w", net, "backprop")
            nabla_b = layer_list(result[1], "nabla_b", net, "backprop")
            where = f" on {net} with a batch of {m}"
            for l in range(net.L, 0, -1):  # output layer first: the first wrong layer
                _diagnose_layer(net, fp, y, reference, l, nabla_w, nabla_b, m, where)
                if l == net.L:
                    hint = ("The output layer needs BP1 and BP3/BP4: delta^L = "
                            "net.cost.grad_a(a^L, y) * net.act[L].prime(z^L), nabla_w[L] = "
                            "delta^L (a^(L-1))^T / m.")
                else:
                    hint = (f"Layer {l + 1} is right, so look at BP2 and at the activations you "
                            f"pair with delta^{l}: delta^{l} = (w[{l + 1}].T @ delta^{l + 1}) * "
                            f"net.act[{l}].prime(z^{l}), nabla_w[{l}] = delta^{l} "
                            f"(a^{l - 1})^T / m.")
                for name, got, want in (("nabla_w", nabla_w[l], reference.nabla_w[l]),
                                        ("nabla_b", nabla_b[l], reference.nabla_b[l])):
                    shape = _shape_hint(name, l, got, net, fp, m)
                    generic = shape.startswith(f"{name}[{l}] has the shape of")  # no diagnosis
                    compare(f"backprop: {name}[{l}]{where}", got, want, seed=seed,
                            hint=shape + " " + hint if generic else shape)
            numeric = numerical_gradient(net, x, y)
            err = relative_error(list(nabla_w) + list(nabla_b),
                                 list(numeric.nabla_w) + list(numeric.nabla_b))
            if not err < 1e-7:
                raise AssertionError(f"backprop: relative error {err:.1e} against central "
                                     f"differences{where}; it should be below 1e-7")
            worst_num = max(worst_num, err)
            tried += 1
    passed(f"backprop: {tried} random networks (depth 1 to 4, both costs, batches of 1 and 4); "
           f"relative error against central differences at most {worst_num:.0e}")


watch_all(globals())  # tripwires for the library shortcuts of each exercise (shortcuts.py)
