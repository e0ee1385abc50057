"""The random-nudge learner of section 1, and the saturation / dead-unit measures."""
import numpy as np
import pytest

import bplib
from bplib import Network, nudge_train


def small_problem():
    d = bplib.moons(n=200, seed=3)
    return Network([2, 4, 1], ["tanh", "sigmoid"], seed=0), d.x_train, d.y_train


def test_nudging_learns_and_charges_two_passes_a_try():
    net, x, y = small_problem()
    h = nudge_train(net, x, y, tries=3000, size=0.5, seed=0, record_every=500)
    assert h.tries == 3000
    assert h.forward_passes == [0, 1000, 2000, 3000, 4000, 5000, 6000]
    assert h.loss[-1] < 0.7 * h.loss[0]
    assert h.loss[-1] == pytest.approx(net.loss(x, y))
    # most tries go the wrong way and are undone
    assert 0.05 < h.kept / h.tries < 0.5


def test_several_tries_per_sample_share_one_baseline_pass():
    net, x, y = small_problem()
    h = nudge_train(net, x, y, tries=100, tries_per_sample=4, seed=0, record_every=100)
    assert h.forward_passes[-1] == 100 + 25


def test_nudging_moves_one_parameter_at_a_time_and_never_raises_the_sample_error():
    net, x, y = small_problem()
    before = net.copy()
    nudge_train(net, x, y, tries=1, size=0.5, seed=4)
    changed = sum(int(np.sum(p != q)) for (_, _, p), (_, _, q) in zip(net.params(), before.params()))
    assert changed <= 1
    # biases are nudged too (the bias trick): over many tries some bias moves
    nudge_train(net, x, y, tries=400, size=0.5, seed=5)
    assert any(not np.array_equal(net.b[l], before.b[l]) for l in (1, 2))


def test_nudging_is_seeded():
    runs = []
    for _ in range(2):
        net, x, y = small_problem()
        runs.append(nudge_train(net, x, y, tries=300, seed=9).loss)
    assert runs[0] == runs[1]


def test_nudge_argument_errors():
    net, x, y = small_problem()
    with pytest.raises(ValueError, match="size > 0.*size=0"):
        nudge_train(net, x, y, tries=10, size=0)
    with pytest.raises(ValueError, match=r"targets y: expected 160 columns"):
        nudge_train(net, x, y[:, :5], tries=10)


def test_dead_relus_are_counted_per_layer():
    net = Network([2, 4, 3], ["relu", "sigmoid"], seed=0)
    x = np.random.default_rng(0).normal(size=(2, 50))
    net.b[1][:2] = -100.0  # two of four units can never switch on
    assert bplib.dead_fraction(net, x) == [None, 0.5, None]


def test_saturated_sigmoids_are_counted():
    net = Network([2, 4, 3], ["relu", "sigmoid"], seed=0)
    x = np.random.default_rng(0).normal(size=(2, 50))
    assert bplib.saturated_fraction(net, x)[2] < 0.2
    net.b[2][:] = [[10.0], [-10.0], [0.0]]
    net.w[2][2] = 0.0
    assert bplib.saturated_fraction(net, x) == [None, None, pytest.approx(2 / 3)]
