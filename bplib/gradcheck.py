"""Gradient checking: the slow, obviously-right derivative to test backprop against.

numerical_gradient perturbs one weight or bias at a time by +eps and -eps and takes
the central difference (C(w + eps) - C(w - eps)) / (2 eps) of the batch-mean cost.
It costs two forward passes per parameter, which is exactly why backprop exists.
"""
import numpy as np

from .network import Gradients


def numerical_gradient(net, x, y, eps=1e-6):
    """Central-difference dC/dw and dC/db for every parameter of ``net``.

    Returns Gradients(delta=None, nabla_w, nabla_b), laid out like net.backward's.
    The network is left exactly as it was.
    """
    nabla = {"w": [None], "b": [None]}
    for kind, _, p in net.params():
        g = np.zeros_like(p)
        flat, gflat = p.reshape(-1), g.reshape(-1)  # views: writing them writes p, g
        for i in range(flat.size):
            keep = flat[i]
            flat[i] = keep + eps
            up = net.loss(x, y)
            flat[i] = keep - eps
            down = net.loss(x, y)
            flat[i] = keep
            gflat[i] = (up - down) / (2 * eps)
        nabla[kind].append(g)
    return Gradients(None, nabla["w"], nabla["b"])


def flatten(g):
    """One long vector from an array, a list of arrays (None skipped) or Gradients."""
    if isinstance(g, Gradients):
        return flatten(list(g.nabla_w) + list(g.nabla_b))
    if isinstance(g, (list, tuple)):
        parts = [np.ravel(np.asarray(p, dtype=float)) for p in g if p is not None]
        return np.concatenate(parts) if parts else np.zeros(0)
    return np.ravel(np.asarray(g, dtype=float))


def _shapes(g):
    """The shape of every part of a gradient: [shape] for an array."""
    if isinstance(g, Gradients):
        return _shapes(list(g.nabla_w) + list(g.nabla_b))
    if isinstance(g, (list, tuple)) and any(isinstance(p, np.ndarray) or p is None for p in g):
        return [np.shape(p) for p in g if p is not None]
    return [np.shape(np.asarray(g, dtype=float))]


def relative_error(g1, g2):
    """||g1 - g2|| / (||g1|| + ||g2||), 0 when both are zero.

    Accepts arrays, lists of arrays, or Gradients, laid out alike (or one of them
    flattened to a vector). Below about 1e-7 means two gradients agree to the precision
    central differences can show.
    """
    s1, s2 = _shapes(g1), _shapes(g2)
    flat = any(len(s) == 1 and len(s[0]) == 1 for s in (s1, s2))  # one side a plain vector
    if s1 != s2 and not flat:
        def show(s):
            return str(s[0]) if len(s) == 1 else "[" + ", ".join(map(str, s)) + "]"
        raise ValueError(
            f"relative_error: the two gradients have different shapes, {show(s1)} and "
            f"{show(s2)}. Entries would be compared with the wrong partners: give both the "
            f"same shape (a column is (n, 1), a row (1, n)).")
    v1, v2 = flatten(g1), flatten(g2)
    if v1.shape != v2.shape:
        raise ValueError(
            f"relative_error: the two gradients have different sizes "
            f"({v1.size} and {v2.size} numbers)"
        )
    scale = np.linalg.norm(v1) + np.linalg.norm(v2)
    return 0.0 if scale == 0 else float(np.linalg.norm(v1 - v2) / scale)
