"""LearningRate: Glassner's moons experiment at a chosen learning rate and length.

A 2-4-4-1 net (ReLU, ReLU, sigmoid) on standardised moons, one example per update, at
the eta and epochs chosen. Four panels: the decision boundary, the training loss on its
own scale, train and test accuracy, and the output layer's four weights, per epoch.
Each (eta, epochs) result is kept, so moving back to one is instant; a progress bar
moves once per epoch while a new one trains.
"""
import ipywidgets as widgets
import numpy as np

from .. import style
from ..data import moons
from ..network import DivergedError, Network
from .base import Explorer


class LearningRate(Explorer):
    """Glassner's moons experiment at any eta: boundary, curves, output weights."""

    figsize = (9.0, 6.0)
    controls_on_top = True

    def __init__(self, eta=0.05, epochs=10, data=None, seed=0):
        super().__init__()
        self.data = data if data is not None else moons()
        self.seed = seed
        self.cache = {}     # (eta, epochs) -> (net, history, note)
        self.pictures = {}  # (eta, epochs) -> (numbers, note, png)
        self.eta = widgets.FloatLogSlider(value=eta, base=10, min=-3, max=0.3, step=0.05,
                                          description="η", readout_format=".3g",
                                          continuous_update=False)
        self.epochs = widgets.IntSlider(value=epochs, min=1, max=60, description="epochs",
                                        continuous_update=False)
        self.progress = widgets.IntProgress(value=0, min=0, max=epochs, description="training")
        with self.styled():
            self.axes = self.fig.subplots(2, 2).ravel()
        self._watch(self.eta, self.epochs)
        self.update()

    def controls(self):
        return [self.eta, self.epochs, self.progress]

    def run(self, eta, epochs):
        """Train from the seeded start; returns (net, history, note). Cached."""
        key = (round(eta, 12), epochs)
        if key not in self.cache:
            d = self.data
            net = Network([2, 4, 4, 1], ["relu", "relu", "sigmoid"], seed=self.seed)
            self.progress.max, self.progress.value = epochs, 0
            history, note = None, ""
            for epoch in range(1, epochs + 1):  # one epoch per call, to move the bar
                try:
                    h = net.train(d.x_train, d.y_train, epochs=1, batch_size=1, eta=eta,
                                  seed=self.seed + epoch, test=(d.x_test, d.y_test),
                                  progress=False, snapshots=True)
                except DivergedError:
                    note = f"training diverged in epoch {epoch}; try a smaller η"
                    break
                history = h if history is None else _extend(history, h, epoch)
                self.progress.value = epoch
            self.cache[key] = (net, history, note)
        return self.cache[key]

    def update(self):
        eta, epochs = float(self.eta.value), int(self.epochs.value)
        key = (round(eta, 12), epochs)
        if key in self.pictures:  # drawn before: show it again as it was
            self.numbers, self.note, self.png = self.pictures[key]
            self.readout.value = self._table()
            self.image.value = self.png
            return
        net, h, note = self.run(eta, epochs)
        with self.styled():
            self._draw(net, h)
        numbers = {"η": eta, "epochs": epochs}
        if h is not None:
            numbers.update({"train loss": h.loss[-1], "train accuracy": h.accuracy[-1],
                            "test accuracy": h.test_accuracy[-1]})
        self._show(numbers, note, redraw=True)
        self.pictures[key] = (self.numbers, self.note, self.png)

    def _draw(self, net, h):
        ax_b, ax_l, ax_a, ax_w = self.axes
        for ax in self.axes:
            ax.clear()
        d = self.data
        g = np.linspace(-2.5, 2.5, 101)
        gx, gy = np.meshgrid(g, g)
        p = net.predict(np.vstack([gx.ravel(), gy.ravel()])).reshape(gx.shape)
        ax_b.contourf(gx, gy, p, levels=[0, 0.5, 1], colors=style.CLASS_COLORS, alpha=0.25)
        for c in (0, 1):
            pts = d.x_test[:, d.labels_test == c]
            ax_b.scatter(pts[0], pts[1], s=5, color=style.CLASS_COLORS[c], label=f"class {c}")
        ax_b.set(title="decision boundary, test points", xlabel="x₁", ylabel="x₂")
        ax_b.legend(loc="upper right")
        if h is None:
            return
        ax_l.plot(h.epoch, h.loss, color=style.TRAIN, label="train loss")
        ax_l.set(xlabel="epoch", ylabel="loss", title="training loss",
                 ylim=(0, 1.1 * max(h.loss)))
        ax_a.plot(h.epoch, h.accuracy, color=style.TRAIN, label="train")
        ax_a.plot(h.epoch, h.test_accuracy, "--", color=style.TEST, label="test")
        ax_a.set(xlabel="epoch", ylabel="accuracy", title="accuracy", ylim=(0, 1.05))
        ax_a.legend(loc="lower right")
        out_w = np.array([w[3].ravel() for w, _b in h.weights])
        for k in range(out_w.shape[1]):
            ax_w.plot(h.epoch, out_w[:, k], color=style.WEIGHT_SHADES[k],
                      linestyle=("-", "--", ":", "-.")[k], label=f"from hidden {k + 1}")
        ax_w.set(xlabel="epoch", ylabel="weight", title="output-layer weights")
        ax_w.legend(loc="center left", bbox_to_anchor=(1.0, 0.5))


def _extend(history, more, epoch):
    """Append a one-epoch History (its entry 1) to ``history`` as epoch ``epoch``."""
    for name, column in vars(history).items():
        extra = getattr(more, name)[1:]
        if name == "epoch":
            extra = [epoch]
        elif name == "examples":
            extra = [history.examples[-1] + more.examples[-1]]
        column.extend(extra)
    return history
