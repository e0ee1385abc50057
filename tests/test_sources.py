"""bplib.sources: the moons and the digits, the same bits as scikit-learn's own functions."""
import re
import subprocess
import sys

import numpy as np
import pytest
from sklearn.datasets import load_digits, make_moons

from bplib.sources import digit_rows, moon_points


@pytest.mark.parametrize("n,noise,seed", [(1500, 0.1, 0), (200, 0.1, 0), (300, 0.1, 0),
                                          (201, 0.3, 7), (2, None, 1), (1, 0.05, 3)])
def test_moons_are_make_moons_bit_for_bit(n, noise, seed):
    points, labels = moon_points(n, noise, seed)
    want_points, want_labels = make_moons(n_samples=n, noise=noise, random_state=seed)
    assert points.dtype == want_points.dtype and labels.dtype == want_labels.dtype
    assert np.array_equal(points, want_points) and np.array_equal(labels, want_labels)


@pytest.mark.parametrize("n,noise,says", [(0, 0.1, "at least 1, got 0"), (2.5, 0.1, "got 2.5"),
                                          (10, -1, "0 or more (or None), got -1")])
def test_impossible_moons_say_what_was_expected(n, noise, says):
    with pytest.raises(ValueError, match=re.escape(says)):
        moon_points(n, noise, 0)


def test_a_different_seed_or_noise_gives_different_moons():
    base = moon_points(100, 0.1, 0)[0]
    assert not np.array_equal(base, moon_points(100, 0.1, 1)[0])
    assert not np.array_equal(base, moon_points(100, 0.2, 0)[0])


def test_digits_are_load_digits_bit_for_bit():
    pixels, labels = digit_rows()
    want = load_digits()
    assert pixels.shape == (1797, 64) and np.array_equal(pixels, want.data)
    assert labels.dtype == want.target.dtype and np.array_equal(labels, want.target)


def test_loading_the_course_data_does_not_import_scikit_learn():
    code = ("import sys, bplib; bplib.moons(); bplib.digits(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sklearn'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stdout
