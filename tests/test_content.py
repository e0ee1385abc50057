"""The numbers behind statements the notebooks make about floats, slopes and initial weights,
and the wrong statements a source review found, kept out of the notebooks for good."""
import json
from pathlib import Path

import numpy as np
import pytest

import bplib

ROOT = Path(__file__).resolve().parents[1]


def source(name):
    """Every cell's source of a solution notebook, prose and code."""
    nb = json.loads((ROOT / "solutions" / name / f"{name}.ipynb").read_text())
    return "\n".join("".join(c["source"]) for c in nb["cells"])


def test_sigmoid_37_is_one_because_the_denominator_rounds():
    """05: 1 + e^-37 rounds to 1; the true value has a float of its own below 1."""
    assert bplib.sigmoid(37.0) == 1.0 and bplib.sigmoid(36.0) < 1.0
    assert 1.0 + np.exp(-37.0) == 1.0
    assert np.exp(-37.0) < np.spacing(1.0) / 2          # under half the gap above 1 ...
    assert np.exp(-37.0) > (1.0 - np.nextafter(1.0, 0.0)) / 2   # ... over half the gap below
    assert 1.0 - np.exp(-37.0) == np.nextafter(1.0, 0.0) == 0.9999999999999999


def test_slope_at_four_is_seven_point_oh_seven_percent():
    """05 and 09: |z| > 4 leaves at most 7.07% of the largest slope, sigma'(4) = 0.0177."""
    share = bplib.sigmoid.prime(4.0) / 0.25
    assert f"{share:.2%}" == "7.07%" and share > 0.07
    assert f"{bplib.sigmoid.prime(4.0):.4f}" == "0.0177"
    assert bplib.sigmoid.prime(4.1) / 0.25 < share       # and less beyond


def test_shortcut_formula_on_z_is_negative_on_both_sides():
    """05: z(1 - z) is negative for every z > 1 and every z < 0."""
    z = np.r_[np.linspace(-30, -1e-9, 500), np.linspace(1 + 1e-9, 30, 500)]
    assert (z * (1 - z) < 0).all()
    inside = np.linspace(1e-9, 1 - 1e-9, 500)
    assert (inside * (1 - inside) > 0).all()


@pytest.mark.parametrize("activation, variance", [("sigmoid", 1.0), ("relu", 2.0)])
def test_initial_weight_variance_per_activation(activation, variance):
    """05: weights into sigmoid layers have variance 1/n_in, into ReLU layers 2/n_in."""
    n_in = 400
    net = bplib.Network([n_in, 500, 1], [activation, "sigmoid"], seed=3)
    measured = net.w[1].var() * n_in                    # 200,000 draws
    assert measured == pytest.approx(variance, rel=0.02)


# What a source review found wrong, with the notebook it was in.
RETRACTED = [
    ("01-random-nudges", "they are Michael Nielsen's"),    # he numbers the input layer 1
    ("01-random-nudges", "about as much arithmetic\nas the forward one"),
    ("03-deltas", "Glassner: δ = y − o, add"),              # his method subtracts
    ("03-deltas", "Glassner's delta is label minus output"),
    ("05-activations", "under 7%"),                         # 7.07% at |z| = 4
    ("05-activations", "negative once $z > 1$"),
    ("05-activations", "less than half the spacing\nof floats near 1"),
    ("07-mini-batches", "784-30-10"),                       # not in his chapter 2
    ("08-learning-rate", "finds the main reason"),          # Glassner never names his cost
    ("08-learning-rate", "never change, at every $\\eta$"),  # neuron 0 comes back
    ("09-digits", "about 96%"),                             # not in the chapter
    ("09-digits", "chapters 3 and 4"),
    ("09-digits", "under 7%"),
]


@pytest.mark.parametrize("name, phrase", RETRACTED)
def test_retracted_statements_stay_out(name, phrase):
    assert phrase not in source(name)


def test_04_shows_both_bias_numbers_labelled():
    text = source("04-worked-example")
    assert "0.285750887" in text and "0.280471447" in text
    assert "shared" in text[text.index("0.285750887") - 200:text.index("0.285750887")]


def test_the_check_for_z_times_one_minus_z_says_both_sides():
    from bplib.checks.slopes import check_sigmoid_prime

    with pytest.raises(AssertionError, match=r"negative for every z < 0 and z > 1"):
        check_sigmoid_prime(lambda z: z * (1 - z))
