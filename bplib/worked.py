"""The worked examples of the course, as data a learner can check against.

Mazur's 2-2-2 network ("A Step by Step Backpropagation Example", Matt Mazur, 2015):
inputs i1, i2; hidden h1, h2; outputs o1, o2; sigmoid everywhere; error
E = sum 1/2 (target - out)^2; eta = 0.5. In our convention (w[l][j, k] from neuron k
to neuron j):

    w[1] = [[w1, w2],      b[1] = [[b1],      w[2] = [[w5, w6],      b[2] = [[b2],
            [w3, w4]]              [b1]]              [w7, w8]]              [b2]]

MAZUR_PUBLISHED keeps every intermediate number of the post as the text it was
published with, so a check can compare to exactly the digits printed there
(``matches_published``).

Glassner's tiny net (Deep Learning: From Basics to Practice, chapter 18): inputs X, Y;
hidden A, B; outputs C, D; a weight is named source-then-destination, so AC is the
weight from A to C, which is w[2][0, 0] here.
"""
import numpy as np

from .network import Network

MAZUR = {
    "w1": 0.15, "w2": 0.20, "w3": 0.25, "w4": 0.30, "b1": 0.35,
    "w5": 0.40, "w6": 0.45, "w7": 0.50, "w8": 0.55, "b2": 0.60,
    "i1": 0.05, "i2": 0.10, "t1": 0.01, "t2": 0.99, "eta": 0.5,
}

# Where each of Mazur's weights sits: name -> (layer l, j, k).
MAZUR_WEIGHTS = {
    "w1": (1, 0, 0), "w2": (1, 0, 1), "w3": (1, 1, 0), "w4": (1, 1, 1),
    "w5": (2, 0, 0), "w6": (2, 0, 1), "w7": (2, 1, 0), "w8": (2, 1, 1),
}

# The numbers printed in the post, as printed (strings keep their trailing digits).
MAZUR_PUBLISHED = {
    # forward pass
    "net_h1": "0.3775", "out_h1": "0.593269992", "out_h2": "0.596884378",
    "net_o1": "1.105905967", "out_o1": "0.75136507", "out_o2": "0.772928465",
    "E_o1": "0.274811083", "E_o2": "0.023560026", "E_total": "0.298371109",
    # output layer
    "dE_dout_o1": "0.74136507", "dout_o1_dnet_o1": "0.186815602",
    "dnet_o1_dw5": "0.593269992", "dE_dw5": "0.082167041", "delta_o1": "0.138498562",
    "w5_new": "0.35891648", "w6_new": "0.408666186",
    "w7_new": "0.511301270", "w8_new": "0.561370121",
    # hidden layer (computed from the original w5..w8)
    "dE_o1_dout_h1": "0.055399425", "dE_o2_dout_h1": "-0.019049119",
    "dE_dout_h1": "0.036350306", "dout_h1_dnet_h1": "0.241300709",
    "dE_dw1": "0.000438568",
    "w1_new": "0.149780716", "w2_new": "0.19956143",
    "w3_new": "0.24975114", "w4_new": "0.29950229",
    # the post's later figures; they follow the "published" recipe, not its own text
    "E_after_1": "0.291027924", "E_after_10000": "0.000035085",
    "out_o1_after_10000": "0.015912196", "out_o2_after_10000": "0.984065734",
}

# One printed number does not follow from exact arithmetic. The post rounds
# delta_o2 = -0.0380982366... to nine places (-0.038098237), multiplies by w7 = 0.5 and
# rounds the product -0.0190491185 half away from zero, printing -0.019049119. Without
# the early rounding, dE_o2/dout_h1 = -0.0190491183..., which is -0.019049118 at the
# printed digits. The sum the post builds on it (dE/dout_h1 = 0.036350306) is right.
MAZUR_CORRECTED = {"dE_o2_dout_h1": "-0.019049118"}

# What the post's own recipe gives (measured by us; see mazur_update).
MAZUR_EXACT = {"E_after_1": "0.291027774", "E_after_10000": "0.000035102"}
# Moving the biases too (measured by us): Mazur's network shares b1 between h1 and h2 and
# b2 between o1 and o2, so each shared bias moves by the sum of its neurons' gradients;
# giving every neuron a bias of its own, started at 0.35 or 0.60, is another network.
MAZUR_WITH_BIASES = {"E_after_1": "0.280471447"}
MAZUR_SHARED_BIASES = {"E_after_1": "0.285750887"}


def mazur_expected(name):
    """The printed number for ``name``, or our correction where the post slipped."""
    return MAZUR_CORRECTED.get(name, MAZUR_PUBLISHED[name])


def matches_published(value, published):
    """True if ``value`` rounds to the printed number ``published`` at its own digits."""
    text = published.strip()
    decimals = len(text.split(".")[1]) if "." in text else 0
    return round(float(value), decimals) == float(text)


def mazur_network():
    """Mazur's 2-2-2 network with his starting weights and biases."""
    p = MAZUR
    return Network.from_params(
        weights=[[[p["w1"], p["w2"]], [p["w3"], p["w4"]]],
                 [[p["w5"], p["w6"]], [p["w7"], p["w8"]]]],
        biases=[[p["b1"], p["b1"]], [p["b2"], p["b2"]]],
        activations="sigmoid", cost="quadratic")


def mazur_sample():
    """The one training sample: inputs (0.05, 0.10) and targets (0.01, 0.99) as columns."""
    x = np.array([[MAZUR["i1"]], [MAZUR["i2"]]])
    y = np.array([[MAZUR["t1"]], [MAZUR["t2"]]])
    return x, y


RECIPES = ("exact", "published", "shared_biases", "with_biases")


def mazur_update(net, x, y, eta, recipe="exact"):
    """One gradient step on ``net`` in place, following one of three recipes.

    "exact"       what the post describes: every delta from the weights of the
                  forward pass, then all weights move; biases stay fixed.
    "published"   the output weights move first and the hidden deltas are computed
                  with those already-updated weights (the mistake the post warns
                  against, and the one that reproduces its later figures).
    "shared_biases" gradient descent on the network the post draws: like "exact", and
                  each layer's one shared bias moves by the sum of its neurons' slopes.
    "with_biases" gradient descent with a bias of its own for every neuron (both
                  started at the shared value): like "exact", and every bias moves.
    """
    if recipe not in RECIPES:
        raise ValueError(f"recipe: expected one of {RECIPES}, got {recipe!r}")
    fp = net.forward(x)
    if recipe != "published":
        grads = net.backward(fp, y)
        for l in range(1, net.L + 1):
            net.w[l] -= eta * grads.nabla_w[l]
            if recipe == "with_biases":
                net.b[l] -= eta * grads.nabla_b[l]
            elif recipe == "shared_biases":
                net.b[l] -= eta * grads.nabla_b[l].sum()
        return
    m = fp.a[0].shape[1]
    delta = net.cost.delta(fp.z[net.L], fp.a[net.L], y, net.act[net.L])
    for l in range(net.L, 0, -1):
        net.w[l] -= eta * (delta @ fp.a[l - 1].T) / m  # moves before the next delta
        if l > 1:
            delta = (net.w[l].T @ delta) * net.act[l - 1].prime(fp.z[l - 1])


def mazur_train(recipe="exact", steps=1):
    """Mazur's network after ``steps`` updates by ``recipe``; returns (net, error)."""
    net = mazur_network()
    x, y = mazur_sample()
    for _ in range(steps):
        mazur_update(net, x, y, MAZUR["eta"], recipe)
    return net, net.loss(x, y)


# Glassner's naming: neurons by layer, and each weight's place.
GLASSNER_NEURONS = (("X", "Y"), ("A", "B"), ("C", "D"))


def glassner_weight(name):
    """(l, j, k) of a Glassner weight name such as "AC" (from A to C): (2, 0, 0)."""
    name = name.strip().upper()
    for l in range(1, len(GLASSNER_NEURONS)):
        sources, targets = GLASSNER_NEURONS[l - 1], GLASSNER_NEURONS[l]
        if len(name) == 2 and name[0] in sources and name[1] in targets:
            return l, targets.index(name[1]), sources.index(name[0])
    raise ValueError(
        f"weight name: expected source then destination, one of "
        f"{', '.join(glassner_weight_names())}, got {name!r}"
    )


def glassner_weight_names():
    """The eight weight names in layer order: XA, YA, XB, YB, AC, BC, AD, BD."""
    return [s + t for l in (1, 2) for t in GLASSNER_NEURONS[l]
            for s in GLASSNER_NEURONS[l - 1]]


# Glassner's delta example: A's output changes by Am, AC = 1/5, C's delta is -4, so
# the error changes by Am * AC * C_delta = -1.
GLASSNER_EXAMPLE = {"Am": 5 / 4, "AC": 1 / 5, "C_delta": -4.0, "error_change": -1.0}
