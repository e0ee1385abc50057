"""The explorers, driven headless: move a control, read the numbers and the plotted data.

Every expected value here is recomputed in a few lines of numpy or taken from the
published digits, never read back from the explorer itself.
"""
import base64

import numpy as np
import pytest

import bplib
from bplib import widgets as W


def moons_net():
    data = bplib.moons(n=120, seed=3)
    return bplib.Network([2, 3, 2, 1], ["tanh", "sigmoid", "sigmoid"], seed=4), data


def mazur_by_hand(v):
    """Mazur's forward pass, deltas and updated weights from a dict of control values."""
    sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    w1 = np.array([[v["w1"], v["w2"]], [v["w3"], v["w4"]]])
    w2 = np.array([[v["w5"], v["w6"]], [v["w7"], v["w8"]]])
    x, t = np.array([v["i1"], v["i2"]]), np.array([v["t1"], v["t2"]])
    h = sig(w1 @ x + v["b1"])
    o = sig(w2 @ h + v["b2"])
    d_o = (o - t) * o * (1 - o)
    d_h = (w2.T @ d_o) * h * (1 - h)
    new = {}
    for name, (l, j, k) in bplib.MAZUR_WEIGHTS.items():
        grad = d_o[j] * h[k] if l == 2 else d_h[j] * x[k]
        new["new " + name] = v[name] - v["eta"] * grad
    return {"out_h1": h[0], "out_o1": o[0], "out_o2": o[1], "delta_h2": d_h[1],
            "E_total": 0.5 * np.sum((t - o) ** 2), **new}


# ----- the worked example --------------------------------------------------------
def test_worked_example_shows_mazurs_numbers_at_the_start():
    ex = W.WorkedExample()
    checked = 0
    for name, published in bplib.MAZUR_PUBLISHED.items():
        key = {"w5_new": "new w5", "w6_new": "new w6", "w7_new": "new w7", "w8_new": "new w8",
               "w1_new": "new w1", "w2_new": "new w2", "w3_new": "new w3",
               "w4_new": "new w4"}.get(name, name)
        if key in ex.numbers:
            assert bplib.matches_published(ex.numbers[key], published), (name, ex.numbers[key])
            checked += 1
    assert checked >= 14, checked
    assert "0.298371109" in ex.text() and "0.298371109" in ex.labels["title"].get_text()


def test_worked_example_recomputes_after_a_move_and_resets():
    ex = W.WorkedExample()
    ex.sliders["w5"].value = -0.3
    ex.sliders["i2"].value = 0.7
    values = {name: s.value for name, s in ex.sliders.items()}
    for name, want in mazur_by_hand(values).items():
        assert ex.numbers[name] == pytest.approx(want, rel=1e-12), name
    assert "w5 -0.30→" in ex.labels["w5"].get_text()
    ex.reset()
    assert ex.numbers["E_total"] == pytest.approx(0.298371109, abs=5e-10)
    assert ex.sliders["w5"].value == 0.40


def test_worked_example_batches_changes_and_explains_eta_zero():
    ex = W.WorkedExample()
    updates = []
    ex._show = lambda *a, **k: updates.append(a)  # count redraws
    with ex.batch():
        ex.sliders["w1"].value = 0.9
        ex.sliders["w2"].value = -0.9
        ex.sliders["eta"].value = 0.0
    assert len(updates) == 1
    del ex._show
    ex.update()
    assert ex.numbers["new w1"] == 0.9 and ex.numbers["new w8"] == 0.55
    assert "η = 0" in ex.note


def test_a_value_typed_out_of_range_is_clamped_not_an_error():
    ex = W.WorkedExample()
    ex.sliders["w3"].value = 7.0
    assert ex.sliders["w3"].value == 1.0 and ex.numbers["new w3"] != 7.0


# ----- the error along one weight -------------------------------------------------
def test_error_along_a_weight_draws_the_backprop_tangent():
    net, d = moons_net()
    ex = W.ErrorAlongWeight(net, d.x_train, d.y_train)
    ex.which.value = (2, 1, 2)
    ex.value.value = ex.value.value + 0.7
    w = ex.value.value
    probe = net.copy()
    probe.w[2][1, 2] = w
    error = probe.loss(d.x_train, d.y_train)
    slope = probe.gradient(d.x_train, d.y_train).nabla_w[2][1, 2]
    assert ex.numbers["C(w)"] == pytest.approx(error, rel=1e-12)
    assert ex.numbers["dC/dw (backprop)"] == pytest.approx(slope, rel=1e-12)
    assert ex.numbers["dC/dw (central difference)"] == pytest.approx(slope, rel=1e-5)
    (px,), (py,) = ex.point.get_data()
    assert (px, py) == (w, pytest.approx(error))
    tx, ty = ex.tangent.get_data()
    assert (ty[1] - ty[0]) / (tx[1] - tx[0]) == pytest.approx(slope, rel=1e-9)
    cx, cy = ex.curve.get_data()
    assert cx[0] < w < cx[-1] and min(cy) <= error + 1e-12
    assert net.w[2][1, 2] != w, "the learner's network is never changed"


def test_each_weight_is_explored_from_the_start():
    net, d = moons_net()
    ex = W.ErrorAlongWeight(net, d.x_train, d.y_train)
    ex.value.value = ex.value.value + 1.0
    ex.which.value = (1, 0, 1)
    assert ex.value.value == pytest.approx(net.w[1][0, 1])
    assert ex.numbers["C(w)"] == pytest.approx(net.loss(d.x_train, d.y_train), rel=1e-12)


# ----- activation slopes -----------------------------------------------------------
def test_activation_slopes_follow_z():
    ex = W.ActivationSlopes()
    assert ex.numbers["sigmoid'(z), the delta's factor"] == 0.25
    assert ex.numbers["tanh'(z), the delta's factor"] == 1.0
    ex.z.value = 7.0
    s = 1 / (1 + np.exp(-7.0))
    assert ex.numbers["sigmoid'(z), the delta's factor"] == pytest.approx(s * (1 - s), rel=1e-12)
    assert ex.numbers["relu'(z), the delta's factor"] == 1.0
    assert ex.numbers["tanh'(z), the delta's factor"] == pytest.approx(1 - np.tanh(7) ** 2)
    ex.z.value = -2.0
    assert ex.numbers["relu'(z), the delta's factor"] == 0.0
    assert ex.markers["sigmoid"].get_data()[0][0] == -2.0
    ex.z.value = 50.0  # typed past the end: clamped
    assert ex.numbers["z"] == 10.0


# ----- the demon ----------------------------------------------------------------------
def test_the_demons_prediction_matches_for_small_dz_and_parts_for_large():
    net, d = moons_net()
    ex = W.Demon(net, d.x_train, d.y_train)
    ex.which.value = (1, 2)
    x, y = d.x_train[:, :1], d.y_train[:, :1]
    delta = net.backward(net.forward(x), y).delta[1][2, 0]
    assert ex.numbers["δ = dC/dz"] == pytest.approx(delta, rel=1e-12)
    gaps = []
    for dz in (0.01, 0.1, 1.0, 3.0):
        ex.dz.value = dz
        # measured by hand: shift the bias of that neuron by dz, which shifts its z by dz
        probe = net.copy()
        probe.b[1][2] += dz
        measured = probe.loss(x, y) - net.loss(x, y)
        assert ex.numbers["measured ΔC"] == pytest.approx(measured, rel=1e-9, abs=1e-15)
        assert ex.numbers["predicted δ·Δz"] == pytest.approx(delta * dz, rel=1e-12)
        gaps.append(ex.numbers["|measured − predicted|"])
    assert gaps[0] < 1e-3 * abs(delta * 0.01) + 1e-12 or gaps[0] < 1e-6
    assert gaps == sorted(gaps) and gaps[-1] > 100 * gaps[0]


# ----- the learning rate ---------------------------------------------------------------
@pytest.mark.slow
def test_learning_rate_trains_caches_and_reports_divergence():
    data = bplib.moons(n=300, seed=1)
    ex = W.LearningRate(eta=0.05, epochs=5, data=data)
    net = bplib.Network([2, 4, 4, 1], ["relu", "relu", "sigmoid"], seed=0)
    for epoch in range(1, 6):
        net.train(data.x_train, data.y_train, 1, 1, 0.05, seed=epoch, progress=False)
    assert ex.numbers["test accuracy"] == net.accuracy(data.x_test, data.y_test)
    assert ex.numbers["train loss"] == pytest.approx(net.loss(data.x_train, data.y_train))
    assert ex.progress.value == 5
    first = ex.cache[(0.05, 5)]
    ex.eta.value = 0.5
    ex.eta.value = 0.05
    assert ex.cache[(0.05, 5)] is first and len(ex.cache) == 2
    _net, h, note = ex.run(1e6, 3)
    assert "diverged" in note or h is not None


# ----- random nudges ---------------------------------------------------------------------
def test_random_nudges_cuts_a_real_run_and_shows_gradient_descent_beside_it():
    ex = W.RandomNudges(max_tries=600)
    ex.size.value = 0.3
    ex.tries.value = 200
    fresh = bplib.nudge_train(ex.start.copy(), ex.x, ex.y, 200, size=0.3, seed=0,
                              record_every=50)
    passes, loss = ex.nudge_line.get_data()
    assert list(passes) == fresh.forward_passes and np.allclose(loss, fresh.loss)
    assert ex.numbers["error after nudges"] == fresh.loss[-1]
    assert ex.numbers["forward passes (nudges)"] == fresh.forward_passes[-1]


# ----- display without a widget frontend ------------------------------------------------
def test_the_display_bundle_has_a_static_figure_and_the_numbers():
    ex = W.ActivationSlopes(z=1.5)
    bundle, metadata = ex._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert metadata == {"image/png": {"width": 882}}  # shown at its layout width, not 2x
    assert base64.b64decode(bundle["image/png"])[:8] == b"\x89PNG\r\n\x1a\n"
    assert "z = 1.500000000" in bundle["text/plain"]
    assert ex.image.value == ex.png


@pytest.mark.slow
def test_run_by_nbclient_an_explorer_leaves_a_figure_and_its_numbers(tmp_path):
    """What nbconvert, nbval and a static viewer get: a PNG and text, nothing on stderr."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("from bplib.widgets import WorkedExample\n"
                                          "WorkedExample()")]
    NotebookClient(nb, timeout=60, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = nb.cells[0].outputs
    assert [o.output_type for o in outputs] == ["execute_result"], outputs
    data = outputs[0].data
    assert base64.b64decode(data["image/png"])[:4] == b"\x89PNG"
    assert "E_total = 0.298371109" in data["text/plain"]
    assert "application/vnd.jupyter.widget-view+json" in data


def test_with_figures_off_an_explorer_keeps_its_numbers_and_draws_nothing(monkeypatch):
    drawn = W.WorkedExample()
    monkeypatch.setenv("BPLIB_FIGURES", "off")
    blind = W.WorkedExample()
    assert blind.numbers == drawn.numbers and blind.png == b"" and drawn.png
    bundle = blind._repr_mimebundle_()
    assert "image/png" not in bundle and bundle["text/plain"] == drawn.text()
    monkeypatch.setenv("BPLIB_FIGURES", "on")
    assert W.WorkedExample().png == drawn.png
