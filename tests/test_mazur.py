"""Mazur's 2-2-2 example, every published number, to every published digit."""
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest

import bplib
from bplib import (MAZUR, MAZUR_CORRECTED, MAZUR_EXACT, MAZUR_PUBLISHED, MAZUR_SHARED_BIASES,
                   MAZUR_WEIGHTS, MAZUR_WITH_BIASES,
                   matches_published, mazur_network, mazur_sample, mazur_train)


def computed_quantities():
    """Every quantity the post prints, computed by bplib's forward and backward pass."""
    net = mazur_network()
    x, y = mazur_sample()
    fp = net.forward(x)
    g = net.backward(fp, y)
    eta = MAZUR["eta"]
    w2_new = net.w[2] - eta * g.nabla_w[2]
    w1_new = net.w[1] - eta * g.nabla_w[1]
    per_output_error = 0.5 * (y - fp.a[2]) ** 2
    q = {
        "net_h1": fp.z[1][0, 0], "out_h1": fp.a[1][0, 0], "out_h2": fp.a[1][1, 0],
        "net_o1": fp.z[2][0, 0], "out_o1": fp.a[2][0, 0], "out_o2": fp.a[2][1, 0],
        "E_o1": per_output_error[0, 0], "E_o2": per_output_error[1, 0],
        "E_total": net.loss(x, y),
        "dE_dout_o1": bplib.quadratic.grad_a(fp.a[2], y)[0, 0],
        "dout_o1_dnet_o1": bplib.sigmoid.prime(fp.z[2])[0, 0],
        "dnet_o1_dw5": fp.a[1][0, 0],
        "dE_dw5": g.nabla_w[2][0, 0],
        "delta_o1": g.delta[2][0, 0],
        "dE_o1_dout_h1": g.delta[2][0, 0] * net.w[2][0, 0],
        "dE_o2_dout_h1": g.delta[2][1, 0] * net.w[2][1, 0],
        "dE_dout_h1": (net.w[2].T @ g.delta[2])[0, 0],
        "dout_h1_dnet_h1": bplib.sigmoid.prime(fp.z[1])[0, 0],
        "dE_dw1": g.nabla_w[1][0, 0],
    }
    for name, (l, j, k) in MAZUR_WEIGHTS.items():
        q[name + "_new"] = (w1_new if l == 1 else w2_new)[j, k]
    return q


ONE_STEP = [k for k in MAZUR_PUBLISHED if "after" not in k]


@pytest.mark.parametrize("name", [k for k in ONE_STEP if k not in MAZUR_CORRECTED])
def test_published_number_to_every_digit(name):
    value = computed_quantities()[name]
    assert matches_published(value, MAZUR_PUBLISHED[name]), (name, value)


def test_the_one_printed_slip_and_its_cause():
    """dE_o2/dout_h1 is printed as -0.019049119; exactly it is -0.0190491183..."""
    value = computed_quantities()["dE_o2_dout_h1"]
    assert not matches_published(value, MAZUR_PUBLISHED["dE_o2_dout_h1"])
    assert matches_published(value, MAZUR_CORRECTED["dE_o2_dout_h1"])
    assert bplib.mazur_expected("dE_o2_dout_h1") == "-0.019049118"
    assert bplib.mazur_expected("w5_new") == MAZUR_PUBLISHED["w5_new"]
    # The post's own arithmetic: delta_o2 rounded to nine places, times w7, rounded
    # half away from zero, gives exactly the printed digits.
    exact_delta_o2 = mazur_network().gradient(*mazur_sample()).delta[2][1, 0]
    delta_o2 = Decimal(repr(float(exact_delta_o2))).quantize(
        Decimal("1e-9"), rounding=ROUND_HALF_UP)
    assert delta_o2 == Decimal("-0.038098237")
    printed = (delta_o2 * Decimal(repr(MAZUR["w7"]))).quantize(
        Decimal("1e-9"), rounding=ROUND_HALF_UP)
    assert printed == Decimal(MAZUR_PUBLISHED["dE_o2_dout_h1"])


def test_every_one_step_number_is_covered():
    assert set(computed_quantities()) == set(ONE_STEP)
    assert len(ONE_STEP) == 27


def test_matches_published_uses_all_printed_digits():
    assert matches_published(0.5112, "0.5112")
    assert not matches_published(0.511301270, "0.511301271")
    assert matches_published(0.5113012704, "0.511301270")  # rounds to the printed digits
    assert not matches_published(0.138498563, "0.138498562")
    assert matches_published(-0.0190491194, "-0.019049119")


def test_a_wrong_value_is_caught_in_the_last_digit():
    q = computed_quantities()
    assert not matches_published(q["w5_new"] + 1e-8, MAZUR_PUBLISHED["w5_new"])
    assert not matches_published(q["E_total"] + 1e-9, MAZUR_PUBLISHED["E_total"])


def test_exact_recipe_post_update_errors():
    _, e1 = mazur_train("exact", 1)
    assert matches_published(e1, MAZUR_EXACT["E_after_1"])
    assert not matches_published(e1, MAZUR_PUBLISHED["E_after_1"])
    net, e = mazur_train("exact", 10_000)
    assert matches_published(e, MAZUR_EXACT["E_after_10000"])
    assert not matches_published(e, MAZUR_PUBLISHED["E_after_10000"])
    out = net.predict(mazur_sample()[0]).ravel()
    assert out == pytest.approx([0.0159136, 0.9840643], abs=5e-8)


def test_published_figures_come_from_already_updated_output_weights():
    _, e1 = mazur_train("published", 1)
    assert matches_published(e1, MAZUR_PUBLISHED["E_after_1"])
    net, e = mazur_train("published", 10_000)
    assert matches_published(e, MAZUR_PUBLISHED["E_after_10000"])
    out = net.predict(mazur_sample()[0]).ravel()
    assert matches_published(out[0], MAZUR_PUBLISHED["out_o1_after_10000"])
    assert matches_published(out[1], MAZUR_PUBLISHED["out_o2_after_10000"])


def test_updating_biases_too():
    _, e1 = mazur_train("with_biases", 1)
    assert matches_published(e1, MAZUR_WITH_BIASES["E_after_1"])
    assert e1 == pytest.approx(0.28047144679143016, abs=1e-15)


def test_shared_biases_move_by_the_sum_of_their_neurons_slopes():
    """Mazur's network has one b1 for h1 and h2 and one b2 for o1 and o2."""
    net, e1 = mazur_train("shared_biases", 1)
    assert matches_published(e1, MAZUR_SHARED_BIASES["E_after_1"])
    assert not matches_published(e1, MAZUR_WITH_BIASES["E_after_1"])
    x, y = mazur_sample()
    g = mazur_network().gradient(x, y)
    for l, b in ((1, 0.35), (2, 0.60)):
        assert net.b[l][0, 0] == net.b[l][1, 0] == b - 0.5 * g.nabla_b[l].sum()
    # computed independently, without bplib: one shared number per layer
    s = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    w1, w2 = np.array([[.15, .2], [.25, .3]]), np.array([[.4, .45], [.5, .55]])
    h = s(w1 @ x + 0.35)
    o = s(w2 @ h + 0.60)
    d2 = (o - y) * o * (1 - o)
    d1 = (w2.T @ d2) * h * (1 - h)
    w1, w2 = w1 - 0.5 * d1 @ x.T, w2 - 0.5 * d2 @ h.T
    b1, b2 = 0.35 - 0.5 * d1.sum(), 0.60 - 0.5 * d2.sum()
    e = 0.5 * np.sum((s(w2 @ s(w1 @ x + b1) + b2) - y) ** 2)
    assert e1 == pytest.approx(e, abs=1e-15)


def test_exact_recipe_is_plain_backprop_without_bias_steps():
    net = mazur_network()
    x, y = mazur_sample()
    g = net.gradient(x, y)
    bplib.mazur_update(net, x, y, 0.5, "exact")
    start = mazur_network()
    for l in (1, 2):
        np.testing.assert_array_equal(net.w[l], start.w[l] - 0.5 * g.nabla_w[l])
        np.testing.assert_array_equal(net.b[l], start.b[l])


def test_unknown_recipe():
    net = mazur_network()
    with pytest.raises(ValueError, match="recipe: expected one of"):
        bplib.mazur_update(net, *mazur_sample(), 0.5, "mine")


def test_glassner_naming():
    assert bplib.glassner_weight("AC") == (2, 0, 0)
    assert bplib.glassner_weight("yb") == (1, 1, 1)
    assert bplib.glassner_weight("BC") == (2, 0, 1)
    assert bplib.glassner_weight("XB") == (1, 1, 0)
    names = bplib.glassner_weight_names()
    assert sorted(names) == sorted(["XA", "XB", "YA", "YB", "AC", "AD", "BC", "BD"])
    assert [bplib.glassner_weight(n) for n in names] == sorted(
        bplib.glassner_weight(n) for n in names)
    with pytest.raises(ValueError, match="source then destination.*got 'CA'"):
        bplib.glassner_weight("CA")
    ex = bplib.GLASSNER_EXAMPLE
    assert ex["Am"] * ex["AC"] * ex["C_delta"] == ex["error_change"]
