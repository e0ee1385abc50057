"""Data sets: shapes, standardisation, one-hot, and the MNIST IDX reader on files we write."""
import gzip
import struct

import numpy as np
import pytest

import bplib


def test_moons_standardised_columns_per_example():
    d = bplib.moons(n=1500, seed=0)
    assert d.x_train.shape == (2, 1200) and d.x_test.shape == (2, 300)
    assert d.y_train.shape == (1, 1200) and set(np.unique(d.y_train)) == {0.0, 1.0}
    np.testing.assert_allclose(d.x_train.mean(axis=1), 0, atol=1e-12)
    np.testing.assert_allclose(d.x_train.std(axis=1), 1, atol=1e-12)
    np.testing.assert_array_equal(d.labels_train, d.y_train[0])
    again = bplib.moons(n=1500, seed=0)
    np.testing.assert_array_equal(d.x_test, again.x_test)


def test_digits_one_hot():
    d = bplib.digits(seed=0)
    assert d.x_train.shape[0] == 64 and d.y_train.shape[0] == 10
    assert d.x_train.shape[1] + d.x_test.shape[1] == 1797
    assert d.x_train.min() >= 0 and d.x_train.max() <= 1
    np.testing.assert_array_equal(d.y_train.sum(axis=0), 1)
    np.testing.assert_array_equal(np.argmax(d.y_train, axis=0), d.labels_train)


def test_one_hot_errors():
    np.testing.assert_array_equal(bplib.one_hot([2, 0], 3), [[0, 1], [0, 0], [1, 0]])
    with pytest.raises(ValueError, match=r"integers in 0..9, got shape \(2,\) with values 3..10"):
        bplib.one_hot([3, 10], 10)
    with pytest.raises(ValueError, match="test_fraction: expected a number between 0 and 1"):
        bplib.digits(test_fraction=1.5)


def idx_bytes(array, type_code=0x08):
    dtype = {0x08: ">u1", 0x0B: ">i2", 0x0D: ">f4"}[type_code]
    head = bytes([0, 0, type_code, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    return head + np.asarray(array).astype(dtype).tobytes()


@pytest.fixture
def mnist_files(tmp_path):
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, size=(5, 28, 28), dtype=np.uint8)
    labels = np.array([7, 2, 1, 0, 4], dtype=np.uint8)
    (tmp_path / "images.idx").write_bytes(idx_bytes(images))
    (tmp_path / "labels.idx.gz").write_bytes(gzip.compress(idx_bytes(labels)))
    return tmp_path, images, labels


def test_load_mnist_plain_and_gzipped(mnist_files):
    folder, images, labels = mnist_files
    x, y, lab = bplib.load_mnist(folder / "images.idx", folder / "labels.idx.gz")
    assert x.shape == (784, 5) and y.shape == (10, 5)
    np.testing.assert_allclose(x[:, 3], images[3].ravel() / 255.0)
    np.testing.assert_array_equal(lab, labels)
    np.testing.assert_array_equal(np.argmax(y, axis=0), labels)


def test_load_idx_other_types(tmp_path):
    data = np.arange(-6, 6, dtype=np.int16).reshape(3, 4)
    (tmp_path / "a.idx").write_bytes(idx_bytes(data, 0x0B))
    np.testing.assert_array_equal(bplib.load_idx(tmp_path / "a.idx"), data)
    floats = np.linspace(0, 1, 6).reshape(2, 3)
    (tmp_path / "f.idx").write_bytes(idx_bytes(floats, 0x0D))
    np.testing.assert_allclose(bplib.load_idx(tmp_path / "f.idx"), floats, rtol=1e-7)


def test_idx_errors(tmp_path, mnist_files):
    folder, images, labels = mnist_files
    bad = tmp_path / "bad.idx"
    bad.write_bytes(b"PK\x03\x04rest")
    with pytest.raises(ValueError, match="not an IDX file.*got bytes 50 4b 03 04"):
        bplib.load_idx(bad)
    short = tmp_path / "short.idx"
    short.write_bytes(idx_bytes(images)[:-10])
    with pytest.raises(ValueError, match=r"declares shape \(5, 28, 28\) \(3920 bytes.*holds 3910 bytes"):
        bplib.load_idx(short)
    (tmp_path / "few.idx").write_bytes(idx_bytes(labels[:3]))
    with pytest.raises(ValueError, match="5 images in .* but 3 labels in"):
        bplib.load_mnist(folder / "images.idx", tmp_path / "few.idx")
    (tmp_path / "flat.idx").write_bytes(idx_bytes(images.reshape(5, -1)))
    with pytest.raises(ValueError, match=r"expected images of shape \(m, rows, cols\), got shape \(5, 784\)"):
        bplib.load_mnist(tmp_path / "flat.idx", folder / "labels.idx.gz")
    (tmp_path / "big.idx").write_bytes(idx_bytes(np.array([1, 12, 3, 4, 5], dtype=np.uint8)))
    with pytest.raises(ValueError, match="integers in 0..9"):
        bplib.load_mnist(folder / "images.idx", tmp_path / "big.idx")
