"""The two scikit-learn data sets of the course, made without importing scikit-learn.

Importing scikit-learn takes about half a second, in every notebook that loads data and
again in every kernel that grades one; the data itself takes a millisecond. So:

* ``moon_points`` builds scikit-learn's ``make_moons`` (two interleaved half circles,
  shuffled, plus Gaussian noise) from the same steps and the same legacy
  ``RandomState`` draws, so the points are the same bits;
* ``digit_rows`` reads the 8x8 digits from the file scikit-learn ships
  (``sklearn/datasets/data/digits.csv.gz``), found without running scikit-learn.

tests/test_sources.py holds both to scikit-learn's own functions, bit for bit.
"""
import gzip
import importlib.util
from pathlib import Path

import numpy as np


def moon_points(n, noise, seed):
    """(points (n, 2), labels (n,)): scikit-learn's make_moons(n, noise=noise, random_state=seed)."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n: expected a whole number of points, at least 1, got {n!r}")
    if noise is not None and not (np.isscalar(noise) and float(noise) >= 0):
        raise ValueError(f"noise: expected a standard deviation of 0 or more (or None), "
                         f"got {noise!r}")
    n_upper = n // 2
    n_lower = n - n_upper
    t_upper, t_lower = np.linspace(0, np.pi, n_upper), np.linspace(0, np.pi, n_lower)
    xs = np.append(np.cos(t_upper), 1 - np.cos(t_lower))
    ys = np.append(np.sin(t_upper), 1 - np.sin(t_lower) - 0.5)
    points = np.vstack([xs, ys]).T
    labels = np.hstack([np.zeros(n_upper, dtype=np.intp), np.ones(n_lower, dtype=np.intp)])
    draws = np.random.RandomState(seed)
    order = np.arange(n)
    draws.shuffle(order)
    points, labels = points[order], labels[order]
    if noise is not None:
        points += draws.normal(scale=noise, size=points.shape)
    return points, labels


def digits_file():
    """Where scikit-learn keeps digits.csv.gz; its package is located, not imported."""
    spec = importlib.util.find_spec("sklearn")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the digits data ships with scikit-learn, which is not "
                                  "installed: pip install scikit-learn")
    return Path(list(spec.submodule_search_locations)[0]) / "datasets" / "data" / "digits.csv.gz"


def digit_rows():
    """(pixels (1797, 64) with values 0..16, labels (1797,)), as load_digits gives them."""
    with gzip.open(digits_file(), mode="rt", encoding="utf-8") as f:
        table = np.loadtxt(f, delimiter=",")
    return table[:, :-1], table[:, -1].astype(int, copy=False)
