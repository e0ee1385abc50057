"""The slow way to learn (Glassner, Deep Learning: From Basics to Practice, 18.2.1).

Run one labelled sample and measure its error. Pick one weight at random (biases
count as weights on a constant input of 1, the bias trick), add a small random number
to it, and run the sample again. Keep the change if the error fell, otherwise put the
weight back. Repeat, moving through the samples and looping over the data.

Every run of a sample is one forward pass, and the learner is charged for each one:
that is the cost this method is judged by.
"""
from dataclasses import dataclass, field

import numpy as np

from .network import as_batch


@dataclass
class NudgeHistory:
    """forward_passes[i] passes had been spent when the whole-data loss was loss[i]."""

    forward_passes: list = field(default_factory=list)
    loss: list = field(default_factory=list)
    tries: int = 0
    kept: int = 0


def nudge_train(net, x, y, tries, size=0.1, tries_per_sample=1, seed=0, record_every=100,
                on_record=None):
    """Train ``net`` in place by random nudges; return a NudgeHistory.

    tries: how many nudges to try in all.
    size: each nudge is drawn uniformly from [-size, size].
    tries_per_sample: nudges tried on one sample before moving to the next.
    record_every: evaluate the loss on all of x every this many tries (these
        evaluations are for the plot and are not charged as forward passes).
    on_record: called as on_record(tries_done, tries) after each record, to show
        progress; it cannot change the run.
    """
    x = as_batch(x, net.sizes[0], "inputs x")
    y = as_batch(y, net.sizes[-1], "targets y")
    if y.shape[1] != x.shape[1]:
        raise ValueError(f"targets y: expected {x.shape[1]} columns, got shape {y.shape}")
    if tries < 0 or tries_per_sample < 1 or not size > 0:
        raise ValueError(
            f"expected tries >= 0, tries_per_sample >= 1 and size > 0, got "
            f"tries={tries}, tries_per_sample={tries_per_sample}, size={size}"
        )
    net.check_params()  # once: the loop below skips the checks of net.loss, as it must be quick

    def sample_error(xs, ys):
        """net.loss(xs, ys), the same arithmetic without checking shapes every time."""
        a = xs
        for l in range(1, net.L + 1):
            a = net.act[l](net.w[l] @ a + net.b[l])
        return net.cost.fn(a, ys)

    rng = np.random.default_rng(seed)
    params = [p.reshape(-1) for _, _, p in net.params()]  # views into w[l], b[l]
    counts = np.array([p.size for p in params])
    m = x.shape[1]
    history = NudgeHistory()
    passes = 0
    history.forward_passes.append(0)
    history.loss.append(net.loss(x, y))
    order = rng.permutation(m)
    for t in range(tries):
        if t % tries_per_sample == 0:  # a new sample: measure where we start
            n = (t // tries_per_sample) % m
            if n == 0 and t > 0:
                order = rng.permutation(m)
            col = order[n]
            xs, ys = x[:, col:col + 1], y[:, col:col + 1]
            error = sample_error(xs, ys)
            passes += 1
        p = params[rng.choice(len(params), p=counts / counts.sum())]
        i = rng.integers(p.size)
        old = p[i]
        p[i] = old + rng.uniform(-size, size)
        new_error = sample_error(xs, ys)
        passes += 1
        if new_error < error:
            error = new_error
            history.kept += 1
        else:
            p[i] = old
        history.tries += 1
        if (t + 1) % record_every == 0 or t + 1 == tries:
            history.forward_passes.append(passes)
            history.loss.append(net.loss(x, y))
            if on_record is not None:
                on_record(t + 1, tries)
    return history
