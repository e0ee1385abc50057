"""Data sets for the course, all available offline, as column-per-example matrices.

moons   scikit-learn's two interleaved half circles (made here: sources.py), each feature standardised to
        mean 0 and standard deviation 1 (as in Glassner's learning-rate experiment);
        y has shape (1, m) with labels 0 and 1.
digits  scikit-learn's 8x8 handwritten digits (1797 images, shipped with the package),
        pixels scaled to [0, 1], x of shape (64, m), y one-hot of shape (10, m).
MNIST   load_mnist reads the real IDX files for users who have them (nothing here
        downloads anything); x has shape (784, m), y one-hot of shape (10, m).
"""
import gzip
from dataclasses import dataclass

import numpy as np

from .sources import digit_rows, moon_points


@dataclass
class Split:
    """Training and test data; ``labels_*`` hold the class numbers behind y."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    labels_train: np.ndarray
    labels_test: np.ndarray


def one_hot(labels, n_classes):
    """Labels (m,) -> one-hot matrix (n_classes, m) with a 1 in row labels[i] of column i."""
    labels = np.asarray(labels)
    if labels.ndim != 1 or labels.size and (labels.min() < 0 or labels.max() >= n_classes):
        raise ValueError(
            f"labels: expected a 1-D array of integers in 0..{n_classes - 1}, got "
            f"shape {labels.shape}" + (f" with values {labels.min()}..{labels.max()}"
                                       if labels.size else "")
        )
    y = np.zeros((n_classes, labels.size))
    y[labels.astype(int), np.arange(labels.size)] = 1.0
    return y


def _split(x, labels, y, test_fraction, seed):
    """Shuffle the columns with ``seed`` and hold out ``test_fraction`` of them."""
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction: expected a number between 0 and 1, got {test_fraction}")
    m = x.shape[1]
    order = np.random.default_rng(seed).permutation(m)
    n_test = int(round(m * test_fraction))
    test, train = order[:n_test], order[n_test:]
    return Split(x[:, train], y[:, train], x[:, test], y[:, test], labels[train], labels[test])


def moons(n=1500, noise=0.1, test_fraction=0.2, seed=0):
    """make_moons, standardised with the training set's mean and deviation."""
    points, labels = moon_points(n, noise, seed)
    split = _split(points.T, labels, labels.reshape(1, -1).astype(float), test_fraction, seed)
    mean = split.x_train.mean(axis=1, keepdims=True)
    std = split.x_train.std(axis=1, keepdims=True)
    split.x_train = (split.x_train - mean) / std
    split.x_test = (split.x_test - mean) / std
    return split


def digits(test_fraction=0.2, seed=0):
    """scikit-learn's 8x8 digits: x (64, m) in [0, 1], y one-hot (10, m)."""
    pixels, labels = digit_rows()
    x = pixels.T / 16.0
    return _split(x, labels, one_hot(labels, 10), test_fraction, seed)


# IDX type codes (the third byte of the magic number) and their big-endian dtypes.
_IDX_TYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


def load_idx(path):
    """Read an IDX file (gzipped or not) into a numpy array of the shape it declares."""
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    if len(raw) < 4 or raw[:2] != b"\x00\x00" or raw[2] not in _IDX_TYPES:
        raise ValueError(
            f"{path}: not an IDX file: expected a magic number 00 00 <type> <ndim> with "
            f"type one of {[hex(t) for t in _IDX_TYPES]}, got bytes {raw[:4].hex(' ') or 'none'}"
        )
    dtype, ndim = np.dtype(_IDX_TYPES[raw[2]]), raw[3]
    header = 4 + 4 * ndim
    if len(raw) < header:
        raise ValueError(f"{path}: header promises {ndim} dimensions but the file ends early")
    shape = tuple(int(d) for d in np.frombuffer(raw[4:header], dtype=">u4"))
    expected = int(np.prod(shape)) * dtype.itemsize
    if len(raw) - header != expected:
        raise ValueError(
            f"{path}: header declares shape {shape} ({expected} bytes of data), "
            f"but the file holds {len(raw) - header} bytes after the header"
        )
    return np.frombuffer(raw, dtype=dtype, offset=header).reshape(shape).astype(dtype.newbyteorder("="))


def load_mnist(images_path, labels_path):
    """MNIST from its IDX files: x (rows*cols, m) scaled to [0, 1], y one-hot (10, m).

    Returns (x, y, labels).
    """
    images, labels = load_idx(images_path), load_idx(labels_path)
    if images.ndim != 3:
        raise ValueError(f"{images_path}: expected images of shape (m, rows, cols), "
                         f"got shape {images.shape}")
    if labels.ndim != 1:
        raise ValueError(f"{labels_path}: expected labels of shape (m,), got shape {labels.shape}")
    if images.shape[0] != labels.shape[0]:
        raise ValueError(
            f"MNIST: {images.shape[0]} images in {images_path} but "
            f"{labels.shape[0]} labels in {labels_path}"
        )
    x = images.reshape(images.shape[0], -1).T / 255.0
    return x, one_hot(labels, 10), labels.astype(int)
