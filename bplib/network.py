"""A fully connected network trained by backpropagation, one mini-batch at a time.

Notation, as in Nielsen's chapter 2 (and kept in the code's names):
    l         layer number: 0 is the input layer, L = len(sizes) - 1 the output layer
    w[l]      weights into layer l, shape (sizes[l], sizes[l-1]); w[l][j, k] is the
              weight from neuron k of layer l-1 to neuron j of layer l
    b[l]      biases of layer l, shape (sizes[l], 1)
    z[l]      weighted inputs  z^l = w^l a^(l-1) + b^l
    a[l]      activations      a^l = f_l(z^l), with a[0] the input
    delta[l]  errors           delta^l = dC/dz^l
    nabla_w[l], nabla_b[l]     dC/dw^l and dC/db^l, averaged over the mini-batch

Where code and maths differ: every per-layer list is indexed by the layer number, so
index 0 holds None (the input layer has no weights, biases, z or delta). w[1] is the
first weight matrix, w[-1] (= w[L]) the last.

A batch is a matrix whose columns are examples: x has shape (sizes[0], m) and y has
shape (sizes[L], m). One forward and one backward pass handle the whole batch; there is
no Python loop over examples.

This is a teaching library: small and exact rather than fast or general.
"""
import copy
from dataclasses import dataclass, field

import numpy as np

from .activations import get_activation
from .costs import get_cost


class DivergedError(RuntimeError):
    """Training produced a non-finite loss or weight.

    ``epoch`` is the epoch where it happened and ``history`` holds the epochs that
    finished; the network's weights are put back to where that epoch started.
    """

    def __init__(self, message, epoch, history):
        super().__init__(message)
        self.epoch = epoch
        self.history = history


@dataclass
class ForwardPass:
    """Everything the forward pass computed: z[l] and a[l] for every layer."""

    z: list
    a: list
    made: tuple = field(default=(), repr=False, compare=False)  # see Network.backward

    @property
    def output(self):
        return self.a[-1]


@dataclass
class Gradients:
    """The result of backpropagation: per-example deltas and batch-averaged gradients."""

    delta: list
    nabla_w: list
    nabla_b: list


@dataclass
class History:
    """Per-epoch record of training. Entry 0 is the untrained network.

    ``examples`` counts the training examples processed so far (each one forward and
    one backward pass), so curves can be drawn against work done.
    """

    epoch: list = field(default_factory=list)
    examples: list = field(default_factory=list)
    loss: list = field(default_factory=list)
    accuracy: list = field(default_factory=list)
    test_loss: list = field(default_factory=list)
    test_accuracy: list = field(default_factory=list)
    weights: list = field(default_factory=list)  # (w, b) copies, if snapshots=True


def _describe(arr):
    return f"shape {np.shape(arr)}" if hasattr(arr, "shape") else f"a {type(arr).__name__}"


def as_batch(x, rows, what):
    """Return ``x`` as a float (rows, m) matrix, or raise a ValueError that explains.

    A 1-D array of length ``rows`` is taken as a single example (one column).
    """
    arr = np.asarray(x, dtype=float)
    if arr.ndim == 1 and arr.shape[0] == rows:
        return arr.reshape(rows, 1)
    if arr.ndim == 2 and arr.shape[0] == rows:
        return arr
    hint = ""
    if arr.ndim == 2 and arr.shape[1] == rows:
        name = what.split()[-1]  # "targets y" -> y
        transpose = f"{name}.T" if name.isidentifier() and len(name) <= 2 else "its .T"
        hint = (" It looks like one example per row; bplib wants one example per "
                f"column, so pass the transpose ({transpose}).")
    raise ValueError(
        f"{what}: expected shape ({rows}, m) with one example per column, "
        f"got {_describe(arr)}.{hint}"
    )


class Network:
    """A network with the given layer sizes, e.g. Network([2, 4, 4, 1]).

    activations: one name or Activation for every layer, or a list with one per
        layer 1..L, e.g. ["relu", "relu", "sigmoid"].
    cost: "quadratic" (1/2 ||a - y||^2) or "cross_entropy".
    seed: weights are drawn from N(0, 1/n_in) (N(0, 2/n_in) into ReLU layers) by a
        generator seeded with this value; biases start at zero.
    """

    def __init__(self, sizes, activations="sigmoid", cost="quadratic", seed=0):
        sizes = [int(n) for n in sizes]
        if len(sizes) < 2 or min(sizes) < 1:
            raise ValueError(
                f"sizes: expected at least two positive layer sizes such as [2, 3, 1], "
                f"got {sizes}"
            )
        self.sizes = sizes
        self.L = len(sizes) - 1
        if isinstance(activations, (list, tuple)):
            if len(activations) != self.L:
                raise ValueError(
                    f"activations: expected one per layer 1..{self.L} "
                    f"({self.L} in all), got {len(activations)}"
                )
            acts = list(activations)
        else:
            acts = [activations] * self.L
        self.act = [None] + [get_activation(f) for f in acts]
        self.cost = get_cost(cost)
        low, high = self.act[self.L].output_range
        if self.cost.name == "cross_entropy" and (low < 0 or high > 1):
            raise ValueError(
                f"cost: cross-entropy needs outputs in (0, 1), but the output layer's "
                f"activation is {self.act[self.L].name}; use a sigmoid output layer"
            )
        rng = np.random.default_rng(seed)
        self.w = [None]
        self.b = [None]
        for l in range(1, self.L + 1):
            gain = 2.0 if self.act[l].name == "relu" else 1.0
            scale = np.sqrt(gain / sizes[l - 1])
            self.w.append(rng.normal(0.0, scale, (sizes[l], sizes[l - 1])))
            self.b.append(np.zeros((sizes[l], 1)))

    @classmethod
    def from_params(cls, weights, biases, activations="sigmoid", cost="quadratic"):
        """Build a network from given matrices: weights[0] is w^1, biases[0] is b^1."""
        weights = [np.array(w, dtype=float) for w in weights]
        if len(weights) != len(biases) or not weights:
            raise ValueError(
                f"from_params: expected as many bias vectors as weight matrices, "
                f"got {len(weights)} weight matrices and {len(biases)} bias vectors"
            )
        sizes = [weights[0].shape[1]] + [w.shape[0] for w in weights]
        net = cls(sizes, activations, cost)
        net.w = [None] + weights
        net.b = [None] + [np.array(b, dtype=float).reshape(-1, 1) for b in biases]
        net.check_params()
        return net

    def __repr__(self):
        acts = ", ".join(f.name for f in self.act[1:])
        return f"Network({self.sizes}, activations=[{acts}], cost={self.cost.name})"

    # ----- parameters -------------------------------------------------------
    def check_params(self):
        """Raise a ValueError naming the layer if any w[l] or b[l] has the wrong shape."""
        for l in range(1, self.L + 1):
            want_w = (self.sizes[l], self.sizes[l - 1])
            if np.shape(self.w[l]) != want_w:
                raise ValueError(
                    f"layer {l}: w[{l}] should have shape {want_w} (neurons in layer {l}, "
                    f"neurons in layer {l - 1}), got {_describe(self.w[l])}"
                )
            if np.shape(self.b[l]) != (self.sizes[l], 1):
                raise ValueError(
                    f"layer {l}: b[{l}] should have shape {(self.sizes[l], 1)} (a column), "
                    f"got {_describe(self.b[l])}"
                )

    def n_params(self):
        """Number of weights and biases (the 784-16-16-10 net has 13,002)."""
        return sum(self.w[l].size + self.b[l].size for l in range(1, self.L + 1))

    def copy(self):
        return copy.deepcopy(self)

    def params(self):
        """Yield (kind, l, array) for every weight matrix and bias vector, in order."""
        for l in range(1, self.L + 1):
            yield "w", l, self.w[l]
            yield "b", l, self.b[l]

    # ----- the algorithm ----------------------------------------------------
    def forward(self, x):
        """Run the batch x, shape (sizes[0], m); return a ForwardPass with every z and a."""
        self.check_params()
        x = as_batch(x, self.sizes[0], "input x")
        z, a = [None], [x]
        for l in range(1, self.L + 1):
            z.append(self.w[l] @ a[l - 1] + self.b[l])
            a.append(self.act[l](z[l]))
        return ForwardPass(z, a, made=tuple(map(id, z + a)))

    def backward(self, fp, y):
        """Backpropagate from a ForwardPass to the targets y, shape (sizes[L], m).

        Returns Gradients: delta[l] has one column per example; nabla_w[l] and
        nabla_b[l] are averaged over the m examples.
        """
        y = as_batch(y, self.sizes[-1], "targets y")
        m = fp.a[0].shape[1]
        if y.shape[1] != m:
            raise ValueError(
                f"targets y: expected one column per input example, shape "
                f"({self.sizes[-1]}, {m}), got shape {y.shape}"
            )
        L = self.L
        # sigma'(z) from a (the same bits, one exp fewer) only for the arrays forward()
        # made; a ForwardPass built or changed by hand gets sigma' from its z.
        exact = len(fp.made) == 2 * len(fp.z) and fp.made == tuple(map(id, fp.z + fp.a))
        a = fp.a if exact else [None] * len(fp.a)
        delta = [None] * (L + 1)
        delta[L] = self.cost.delta(fp.z[L], fp.a[L], y, self.act[L], a_is_exact=exact)  # BP1
        for l in range(L - 1, 0, -1):
            delta[l] = (self.w[l + 1].T @ delta[l + 1]) * self.act[l].slope(fp.z[l], a[l])  # BP2
        nabla_b = [None] + [delta[l].sum(axis=1, keepdims=True) / m for l in range(1, L + 1)]  # BP3
        nabla_w = [None] + [delta[l] @ fp.a[l - 1].T / m for l in range(1, L + 1)]  # BP4
        return Gradients(delta, nabla_w, nabla_b)

    def gradient(self, x, y):
        """Forward then backward on one batch: the Gradients of the mean cost."""
        return self.backward(self.forward(x), y)

    def step(self, grads, eta):
        """Gradient descent: move every weight and bias by -eta times its gradient."""
        for l in range(1, self.L + 1):
            self.w[l] -= eta * grads.nabla_w[l]
            self.b[l] -= eta * grads.nabla_b[l]

    # ----- evaluation -------------------------------------------------------
    def predict(self, x):
        """Output activations a^L for the batch x."""
        return self.forward(x).output

    def loss(self, x, y):
        """The cost averaged over the batch."""
        a = self.predict(x)
        return self.cost.fn(a, as_batch(y, self.sizes[-1], "targets y"))

    def accuracy(self, x, y):
        """Fraction classified right: threshold 0.5 for one output, else argmax."""
        a = self.predict(x)
        y = as_batch(y, self.sizes[-1], "targets y")
        if self.sizes[-1] == 1:
            return float(np.mean((a > 0.5) == (y > 0.5)))
        return float(np.mean(np.argmax(a, axis=0) == np.argmax(y, axis=0)))

    # ----- training ---------------------------------------------------------
    def train(self, x, y, epochs, batch_size, eta, seed=0, test=None,
              progress=True, snapshots=False, record_every=1):
        """Stochastic gradient descent over mini-batches; returns a History.

        Each epoch shuffles the examples with a generator seeded by ``seed`` and takes
        one step per mini-batch of ``batch_size`` columns (the last may be smaller).
        ``test`` is an optional (x_test, y_test) pair evaluated with the training set.
        ``record_every`` keeps loss and accuracy every this many epochs (and after the
        last; 0 keeps none). ``progress`` shows a tqdm bar (a widget in a notebook);
        ``snapshots`` keeps a copy of every weight and bias at each record in
        ``history.weights``. Raises DivergedError, with the weights of the failing
        epoch's start put back, if the loss or a weight stops being finite.
        The loop itself is in bplib/training.py.
        """
        from .training import train

        return train(self, x, y, epochs, batch_size, eta, seed=seed, test=test,
                     progress=progress, snapshots=snapshots, record_every=record_every)
