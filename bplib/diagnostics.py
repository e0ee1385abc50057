"""Why is my network not learning? Per-layer measures of saturation and dead units.

Both take a network and a batch x (one example per column) and return a list indexed
by layer like the network's own lists: entry 0 (the input layer) is None.
"""
import numpy as np


def saturated_fraction(net, x, threshold=4.0):
    """Per layer, the fraction of (neuron, example) pairs of sigmoid or tanh units whose
    |z| exceeds ``threshold``, where the slope is nearly flat: sigmoid'(4) = 0.018,
    about 7% of its maximum 0.25. Layers of other activations give None."""
    fp = net.forward(x)
    return [None] + [
        float(np.mean(np.abs(fp.z[l]) > threshold))
        if net.act[l].name in ("sigmoid", "tanh") else None
        for l in range(1, net.L + 1)
    ]


def dead_fraction(net, x):
    """Per layer, the fraction of ReLU neurons whose z is <= 0 for every example in x:
    their slope is 0 everywhere, so no gradient reaches their incoming weights. Layers
    of other activations give None."""
    fp = net.forward(x)
    return [None] + [
        float(np.mean(np.all(fp.z[l] <= 0, axis=1)))
        if net.act[l].name == "relu" else None
        for l in range(1, net.L + 1)
    ]
