"""The checks of notebook 06 accept right answers in any form and name typical mistakes."""
import time

import numpy as np
import pytest

from bplib import sigmoid
from bplib.checks.equations import (check_backprop, check_hidden_delta, check_layer_gradients,
                                    check_output_delta)


def unanswered(*args):
    raise NotImplementedError()


@pytest.mark.parametrize("check", [check_output_delta, check_hidden_delta,
                                   check_layer_gradients, check_backprop])
def test_unanswered_passes_not_implemented_through(check):
    with pytest.raises(NotImplementedError):
        check(unanswered)


# ----- BP1: output_delta(zL, aL, y, activation) ------------------------------------------
def bp1_right(zL, aL, y, activation):
    return (aL - y) * activation.prime(zL)


def bp1_loops(zL, aL, y, activation):
    out = np.zeros_like(zL)
    for j in range(zL.shape[0]):
        for i in range(zL.shape[1]):
            out[j, i] = (aL[j, i] - y[j, i]) * activation.prime(zL[j:j + 1, i:i + 1])[0, 0]
    return out


def bp1_by_name(zL, aL, y, activation):
    # a(1 - a) for the sigmoid, the general slope otherwise: right, written differently
    slope = aL * (1 - aL) if activation.name == "sigmoid" else activation.prime(zL)
    return np.multiply(aL - y, slope)


def test_output_delta_accepts_right_answers(capsys):
    for right in (bp1_right, bp1_loops, bp1_by_name):
        check_output_delta(right)
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3
    assert all(line.startswith("✓ output delta (BP1): 8 random batches, 4 activations, max "
                               "relative error") for line in out)


@pytest.mark.parametrize("wrong, message", [
    (lambda z, a, y, f: (y - a) * f.prime(z), "every entry has the wrong sign"),
    (lambda z, a, y, f: a - y, "you left out the slope"),
    (lambda z, a, y, f: (a - y) * f.prime(a), "you took the slope at a = f"),
    (lambda z, a, y, f: (a - y) * a * (1 - a), r"a \* \(1 - a\) is the slope of the sigmoid only"),
    (lambda z, a, y, f: (a - y) * z * (1 - z), r"z \* \(1 - z\) is not a slope"),
    (lambda z, a, y, f: (a - y) * sigmoid.prime(z), "you used the slope of sigmoid, but the "
                                                    "output layer has activation tanh"),
    (lambda z, a, y, f: (a - y) * (1 - a ** 2), r"1 - a\*\*2 is the slope of tanh only"),
    (lambda z, a, y, f: np.mean((a - y) * f.prime(z), axis=1, keepdims=True),
     "do not average over the batch"),
    (lambda z, a, y, f: ((a - y) * f.prime(z)).T, "do not transpose"),
    (lambda z, a, y, f: None, "returned None"),
])
def test_output_delta_names_the_mistake(wrong, message):
    with pytest.raises(AssertionError, match=message):
        check_output_delta(wrong)


def test_output_delta_rejects_in_place_changes():
    def in_place(zL, aL, y, activation):
        aL -= y
        return aL * activation.prime(zL)
    with pytest.raises(AssertionError, match="changed one of its input arrays in place"):
        check_output_delta(in_place)


# ----- BP2: hidden_delta(w_next, delta_next, z, activation) --------------------------------
def bp2_right(w_next, delta_next, z, activation):
    return (w_next.T @ delta_next) * activation.prime(z)


def bp2_einsum(w_next, delta_next, z, activation):
    return np.einsum("jk,jm->km", w_next, delta_next) * activation.prime(z)


def bp2_loops(w_next, delta_next, z, activation):
    out = np.zeros(z.shape)
    for k in range(z.shape[0]):
        for i in range(z.shape[1]):
            total = sum(w_next[j, k] * delta_next[j, i] for j in range(w_next.shape[0]))
            out[k, i] = total * activation.prime(z[k, i])
    return out


def test_hidden_delta_accepts_right_answers(capsys):
    for right in (bp2_right, bp2_einsum, bp2_loops):
        check_hidden_delta(right)
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3
    assert all(line.startswith("✓ hidden delta (BP2): 6 random layers, 4 activations")
               for line in out)


@pytest.mark.parametrize("wrong, message", [
    (lambda w, d, z, f: (w @ d) * f.prime(z), "the transpose is missing"),
    (lambda w, d, z, f: w.T @ d, "you left out the slope"),
    (lambda w, d, z, f: (w.T @ d) * f.prime(f(z)), "you took the slope at a = f"),
    (lambda w, d, z, f: (w.T @ d) * f(z) * (1 - f(z)), "the slope of the sigmoid only"),
    (lambda w, d, z, f: -(w.T @ d) * f.prime(z), "every entry has the wrong sign"),
    (lambda w, d, z, f: (d.T @ w) * f.prime(z).T, "Yours is transposed"),
    (lambda w, d, z, f: (w.T @ d) * f.prime(z) + 1e-3, r"entry \(0, 0\) is"),
    (lambda w, d, z, f: w.T @ (d * f.prime(z)),
     r"multiplied delta\^\(l\+1\) by the slope before passing it back through the weights"),
])
def test_hidden_delta_names_the_mistake(wrong, message):
    with pytest.raises(AssertionError, match=message):
        check_hidden_delta(wrong)


def test_hidden_delta_shape_error_explains_the_transpose():
    # right on square layers only: on the first non-square layer numpy refuses the product
    def no_transpose_if_square(w, d, z, f):
        return bp2_right(w, d, z, f) if w.shape[0] == w.shape[1] else (w @ d) * f.prime(z)
    with pytest.raises(AssertionError, match=r"stopped with ValueError.*w_next.T @ delta_next"):
        check_hidden_delta(no_transpose_if_square)


def test_hidden_delta_rejects_in_place_changes():
    def in_place(w_next, delta_next, z, activation):
        z[:] = activation.prime(z)
        return (w_next.T @ delta_next) * z
    with pytest.raises(AssertionError, match="changed one of its input arrays in place"):
        check_hidden_delta(in_place)


# ----- BP3, BP4: layer_gradients(delta, a_prev) -----------------------------------------------
def bp34_right(delta, a_prev):
    m = delta.shape[1]
    return delta @ a_prev.T / m, delta.mean(axis=1, keepdims=True)


def bp34_einsum(delta, a_prev):
    return (np.einsum("jm,km->jk", delta, a_prev) / delta.shape[1],
            np.sum(delta, axis=1).reshape(-1, 1) / delta.shape[1])


def bp34_per_example(delta, a_prev):
    m = delta.shape[1]
    nabla_w = sum(np.outer(delta[:, i], a_prev[:, i]) for i in range(m)) / m
    nabla_b = sum(delta[:, i:i + 1] for i in range(m)) / m
    return [nabla_w, nabla_b]


def test_layer_gradients_accepts_right_answers(capsys):
    for right in (bp34_right, bp34_einsum, bp34_per_example):
        check_layer_gradients(right)
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3
    assert all(line.startswith("✓ layer gradients (BP3, BP4): 5 random layers, batches of 1 "
                               "to 17") for line in out)


@pytest.mark.parametrize("wrong, message", [
    (lambda d, a: (d @ a.T, d.sum(axis=1, keepdims=True)),
     "nabla_w is 7 times too big: you summed"),
    (lambda d, a: (d @ a.T / d.shape[1] ** 2, d.mean(axis=1, keepdims=True)),
     "nabla_w is 7 times too small: you averaged twice"),
    (lambda d, a: (d @ a.T / d.shape[1], d.mean(axis=1, keepdims=True) / d.shape[1]),
     "nabla_b is 7 times too small: you averaged twice"),
    (lambda d, a: (d @ a.T / d.shape[1], d.sum(axis=1, keepdims=True)),
     "nabla_b is 7 times too big: you summed"),
    (lambda d, a: (d @ a.T / d.shape[1], d / d.shape[1]), "nabla_b still has the batch axis"),
    (lambda d, a: (d @ a.T / d.shape[1], d), "nabla_b still has the batch axis"),
    (lambda d, a: (a @ d.T / d.shape[1], d.mean(axis=1, keepdims=True)),
     r"expected shape \(2, 5\), got shape \(5, 2\).*a_prev @ delta.T is its transpose"),
    (lambda d, a: (d.mean(axis=1, keepdims=True), d @ a.T / d.shape[1]), "wrong way round"),
    (lambda d, a: (d @ a.T / d.shape[1], d.mean(axis=1)), "Keep it 2-D"),
    (lambda d, a: (d @ a.T / d.shape[1], d.mean(axis=0)), r"averaged over the neurons \(axis 0\)"),
    (lambda d, a: (-d @ a.T / d.shape[1], -d.mean(axis=1, keepdims=True)), "wrong sign"),
    (lambda d, a: d @ a.T / d.shape[1], "expected a pair"),
    (lambda d, a: (d @ a.T / d.shape[0], d.sum(axis=1, keepdims=True) / d.shape[0]),
     r"nabla_w is divided by the number of neurons, 2 \(delta.shape\[0\]\), not by the "
     r"number of examples, m = 7"),
    (lambda d, a: (d @ a.T / d.shape[1], d.sum(axis=1, keepdims=True) / len(d)),
     r"nabla_b is divided by the number of neurons"),
])
def test_layer_gradients_names_the_mistake(wrong, message):
    with pytest.raises(AssertionError, match=message):
        check_layer_gradients(wrong)


def test_layer_gradients_names_a_transpose_on_a_square_layer():
    def transposed_when_square(d, a):
        w, b = bp34_right(d, a)
        return (w.T if w.shape[0] == w.shape[1] else w), b
    with pytest.raises(AssertionError, match="nabla_w is transposed"):
        check_layer_gradients(transposed_when_square)


def test_layer_gradients_rejects_in_place_changes():
    def in_place(delta, a_prev):
        delta /= delta.shape[1]
        return delta @ a_prev.T, delta.sum(axis=1, keepdims=True)
    with pytest.raises(AssertionError, match="changed one of its input arrays in place"):
        check_layer_gradients(in_place)


# ----- backprop(net, x, y) ---------------------------------------------------------------
def make_backprop(output="grad", slope_at="z", hidden_slope=True, transpose=True, w_shift=1,
                  act_shift=0, a_shift=1, reduce="mean", sign=1, bias_keeps_batch=False,
                  first_layer=1):
    """A backprop with one deliberate mistake, chosen by the arguments (defaults: right)."""
    def backprop(net, x, y):
        fp = net.forward(x)
        L, m = net.L, x.shape[1]

        def slope(l):
            act = net.act[l + act_shift] if l + act_shift <= L else net.act[l]
            if slope_at == "z":
                return act.prime(fp.z[l])
            if slope_at == "a":
                return act.prime(fp.a[l])
            if slope_at == "a(1-a)":
                return fp.a[l] * (1 - fp.a[l])
            return 1.0

        a_L = fp.a[L]
        if output == "grad":
            delta_L = net.cost.grad_a(a_L, y) * slope(L)
        elif output == "quadratic":
            delta_L = (a_L - y) * slope(L)
        else:  # "a - y": the sigmoid + cross-entropy shortcut, used everywhere
            delta_L = a_L - y
        delta = [None] * (L + 1)
        delta[L] = delta_L
        for l in range(L - 1, first_layer - 1, -1):
            w = net.w[l + w_shift]
            back = (w.T if transpose else w) @ delta[l + 1]
            delta[l] = back * slope(l) if hidden_slope else back
        scale = {"mean": 1 / m, "sum": 1.0, "twice": 1 / m ** 2}[reduce]
        nabla_w, nabla_b = [None] * (L + 1), [None] * (L + 1)
        for l in range(first_layer, L + 1):
            nabla_w[l] = sign * delta[l] @ fp.a[l - a_shift].T * scale
            nabla_b[l] = sign * (delta[l] * scale if bias_keeps_batch
                                 else delta[l].sum(axis=1, keepdims=True) * scale)
        return nabla_w, nabla_b
    return backprop


def backprop_per_example(net, x, y):
    """Right: one example at a time, then the average, with the cost's own BP1."""
    m = x.shape[1]
    nabla_w = [None] + [np.zeros_like(w) for w in net.w[1:]]
    nabla_b = [None] + [np.zeros_like(b) for b in net.b[1:]]
    for i in range(m):
        fp = net.forward(x[:, i:i + 1])
        delta = net.cost.delta(fp.z[net.L], fp.a[net.L], y[:, i:i + 1], net.act[net.L])
        for l in range(net.L, 0, -1):
            nabla_w[l] += np.outer(delta, fp.a[l - 1]) / m
            nabla_b[l] += delta / m
            if l > 1:
                delta = np.einsum("jk,jm->km", net.w[l], delta) * net.act[l - 1].prime(fp.z[l - 1])
    return nabla_w, nabla_b


def backprop_recursive(net, x, y):
    """Right: delta^l written as the chained matrix form, built from the output back."""
    fp = net.forward(x)
    m = x.shape[1]
    out = ([None] * (net.L + 1), [None] * (net.L + 1))

    def go(l, delta):
        out[0][l] = np.einsum("jm,km->jk", delta, fp.a[l - 1]) / m
        out[1][l] = delta.mean(axis=1)[:, None]
        if l > 1:
            go(l - 1, (net.w[l].T @ delta) * net.act[l - 1].prime(fp.z[l - 1]))
    go(net.L, net.cost.grad_a(fp.a[-1], y) * net.act[-1].prime(fp.z[-1]))
    return tuple(out)


def test_backprop_accepts_right_answers(capsys):
    for right in (make_backprop(), backprop_per_example, backprop_recursive):
        check_backprop(right)
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3
    assert all(line.startswith("✓ backprop: 12 random networks (depth 1 to 4, both costs, "
                               "batches of 1 and 4); relative error against central "
                               "differences at most") for line in out)


def test_backprop_runs_in_well_under_a_second():
    started = time.perf_counter()
    check_backprop(make_backprop())
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize("mistake, message", [
    (dict(sign=-1), "nabla_w\\[2\\] has the wrong sign"),
    (dict(hidden_slope=False),
     "layer 1 .*you left out the slope.*hidden layer 1 has activation tanh"),
    (dict(slope_at=None), "layer 2 .*delta\\^L = a - y holds only for a sigmoid output layer"),
    (dict(slope_at="a"), "you took the slope at a = f"),
    (dict(slope_at="a(1-a)"), "a \\* \\(1 - a\\) is the slope of the sigmoid only.*tanh"),
    (dict(transpose=False), "the transpose is missing in BP2 at layer 1"),
    (dict(reduce="sum"), "nabla_w\\[2\\] is 4 times too big: you summed"),
    (dict(reduce="twice"), "nabla_w\\[2\\] is 4 times too small: you averaged twice"),
    (dict(bias_keeps_batch=True), "nabla_b\\[2\\] still has the batch axis"),
    (dict(output="quadratic"), "the quadratic cost's, but this network's cost is cross-entropy"),
    (dict(output="a - y"), "a - y holds only for a sigmoid output layer with the cross-entropy"),
    (dict(w_shift=0), "off by one layer in BP2: delta\\^1 uses the weights that leave layer 1"),
    (dict(act_shift=1), "off by one layer in BP2: delta\\^1 needs the slope of layer 1's own"),
    (dict(a_shift=0), "off by one layer in BP4: you paired delta\\^2 with a\\^2"),
    (dict(first_layer=2), "nabla_w\\[1\\] is None"),
])
def test_backprop_names_the_mistake(mistake, message):
    with pytest.raises(AssertionError, match=message):
        check_backprop(make_backprop(**mistake))


def test_backprop_rejects_changed_weights():
    right = make_backprop()

    def also_steps(net, x, y):
        nabla_w, nabla_b = right(net, x, y)
        for l in range(1, net.L + 1):
            net.w[l] -= 0.1 * nabla_w[l]
        return nabla_w, nabla_b
    with pytest.raises(AssertionError, match="changed the network's weights"):
        check_backprop(also_steps)


def test_backprop_rejects_in_place_changes_and_shortcuts():
    right = make_backprop()

    def scales_x(net, x, y):
        x *= 1.0
        y -= 0.0
        y += 1.0
        return right(net, x, y - 1.0)
    with pytest.raises(AssertionError, match="changed one of its input arrays in place"):
        check_backprop(scales_x)

    def shortcut(net, x, y):
        g = net.backward(net.forward(x), y)
        return g.nabla_w, g.nabla_b
    with pytest.raises(AssertionError, match="write the backward pass yourself"):
        check_backprop(shortcut)


def test_backprop_explains_a_missing_none_and_shapes():
    right = make_backprop()

    def no_none(net, x, y):
        w, b = right(net, x, y)
        return w[1:], b[1:]
    with pytest.raises(AssertionError, match="has 2 entries; bplib's layout has 3"):
        check_backprop(no_none)

    def bp4_other_way(net, x, y):
        w, b = right(net, x, y)
        return [None] + [g.T for g in w[1:]], b
    # square first net: the transposed gradient has the right shape and is named as such
    with pytest.raises(AssertionError, match="nabla_w\\[2\\] is transposed"):
        check_backprop(bp4_other_way)
