"""Stochastic gradient descent over mini-batches: what ``Network.train`` runs.

The loop does exactly the arithmetic of ``net.gradient`` then ``net.step`` on each
mini-batch, in the same order, so the weights it ends with are bit for bit those of
calling them by hand. What it leaves out is work the answer does not need:

- the shape checks of every call: the inputs are checked once, before the first step;
- extra forward passes for the history: loss and accuracy of an epoch come from one
  forward pass over the training set (and one over the test set), every
  ``record_every`` epochs, or never with ``record_every=0``;
- a second BLAS thread: course-size matrices gain nothing from it, and on a busy
  machine, in a parallel grader or on a classroom server the second thread waits for a
  core and slows every product down, so the loop runs with one (threadpoolctl).

A Network subclass that overrides forward, backward, gradient or step is trained
through its own methods, one call per mini-batch, as before.
"""
import copy

import numpy as np
from threadpoolctl import ThreadpoolController

from .network import DivergedError, History, Network, as_batch

_BLAS = None  # one controller, made on first use (it looks up the loaded libraries)


def one_blas_thread():
    """A context in which numpy's BLAS uses one thread."""
    global _BLAS
    if _BLAS is None:
        _BLAS = ThreadpoolController()
    return _BLAS.limit(limits=1, user_api="blas")


def _own_methods(net):
    return all(getattr(type(net), name) is getattr(Network, name)
               for name in ("forward", "backward", "gradient", "step"))


def _sgd_step(net, x, y, eta):
    """net.step(net.gradient(x, y), eta) without the per-call checks: same arithmetic."""
    L, m = net.L, x.shape[1]
    z, a = [None], [x]
    for l in range(1, L + 1):
        z.append(net.w[l] @ a[l - 1] + net.b[l])
        a.append(net.act[l](z[l]))
    delta = [None] * (L + 1)
    delta[L] = net.cost.delta(z[L], a[L], y, net.act[L], a_is_exact=True)  # BP1
    for l in range(L - 1, 0, -1):
        delta[l] = (net.w[l + 1].T @ delta[l + 1]) * net.act[l].slope(z[l], a[l])  # BP2
    nabla_b = [None] + [delta[l].sum(axis=1, keepdims=True) / m for l in range(1, L + 1)]
    nabla_w = [None] + [delta[l] @ a[l - 1].T / m for l in range(1, L + 1)]
    for l in range(1, L + 1):  # every gradient is computed before any weight moves
        net.w[l] -= eta * nabla_w[l]
        net.b[l] -= eta * nabla_b[l]


def loss_and_accuracy(net, x, y):
    """net.loss(x, y) and net.accuracy(x, y), from a single forward pass."""
    a = net.forward(x).output
    loss = net.cost.fn(a, y)
    if net.sizes[-1] == 1:
        return loss, float(np.mean((a > 0.5) == (y > 0.5)))
    return loss, float(np.mean(np.argmax(a, axis=0) == np.argmax(y, axis=0)))


def _record(net, history, epoch, examples, x, y, test, snapshots):
    history.epoch.append(epoch)
    history.examples.append(examples)
    loss, accuracy = loss_and_accuracy(net, x, y)
    history.loss.append(loss)
    history.accuracy.append(accuracy)
    if test is not None:
        loss, accuracy = loss_and_accuracy(net, *test)
        history.test_loss.append(loss)
        history.test_accuracy.append(accuracy)
    if snapshots:
        history.weights.append((copy.deepcopy(net.w), copy.deepcopy(net.b)))


def train(net, x, y, epochs, batch_size, eta, seed=0, test=None, progress=True,
          snapshots=False, record_every=1):
    """The body of Network.train (see there); ``record_every`` is checked here."""
    from tqdm.auto import tqdm

    x = as_batch(x, net.sizes[0], "training inputs x")
    y = as_batch(y, net.sizes[-1], "training targets y")
    if y.shape[1] != x.shape[1]:
        raise ValueError(f"training targets y: expected {x.shape[1]} columns, one per "
                         f"example in x, got shape {y.shape}")
    if test is not None:
        test = (as_batch(test[0], net.sizes[0], "test inputs"),
                as_batch(test[1], net.sizes[-1], "test targets"))
    if not (eta > 0 and np.isfinite(eta)):
        raise ValueError(f"eta: expected a positive learning rate, got {eta}")
    if int(batch_size) < 1:
        raise ValueError(f"batch_size: expected a positive integer, got {batch_size}")
    if int(record_every) < 0 or int(record_every) != record_every:
        raise ValueError(f"record_every: expected a whole number of epochs >= 0 (0: keep no "
                         f"history), got {record_every!r}")
    net.check_params()
    batch_size, record_every = int(batch_size), int(record_every)
    fast = _own_methods(net)
    rng = np.random.default_rng(seed)
    m = x.shape[1]
    history = History()
    with one_blas_thread():
        if record_every:
            _record(net, history, 0, 0, x, y, test, snapshots)
        bar = tqdm(range(1, epochs + 1), desc="epochs", disable=not progress, leave=False)
        for epoch in bar:
            start = (copy.deepcopy(net.w), copy.deepcopy(net.b))
            order = rng.permutation(m)
            kept = len(history.epoch)
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                for first in range(0, m, batch_size):
                    cols = order[first:first + batch_size]
                    if fast:
                        _sgd_step(net, x[:, cols], y[:, cols], eta)
                    else:
                        net.step(net.gradient(x[:, cols], y[:, cols]), eta)
                finite = all(np.isfinite(p).all() for _, _, p in net.params())
                due = record_every and (epoch % record_every == 0 or epoch == epochs)
                if finite and due:
                    _record(net, history, epoch, epoch * m, x, y, test, snapshots)
                    finite = np.isfinite(history.loss[-1])
            if not finite:
                bar.close()
                net.w, net.b = start
                for column in vars(history).values():
                    del column[kept:]  # drop the failing epoch if it was recorded
                raise DivergedError(
                    f"training diverged in epoch {epoch}: the loss or a weight is no "
                    f"longer finite with eta = {eta}. Try a smaller learning rate "
                    f"(for example eta = {eta / 10:g}). The weights are back where "
                    f"epoch {epoch} started, and the error's .history holds "
                    + (f"epochs 0 to {epoch - 1}." if record_every == 1 else
                       "the epochs recorded before it."), epoch, history)
            if history.loss:
                bar.set_postfix(loss=f"{history.loss[-1]:.4f}")
        bar.close()
    return history
