"""Demon: Nielsen's demon adds dz to the weighted input z of one neuron.

The prediction is delta * dz (delta = dC/dz from backprop); the measured change comes
from a real forward pass with z changed. They agree for small dz and part as dz grows.
One example (the first column of x) at a time; the network given is copied.
"""
import ipywidgets as widgets
import numpy as np

from .. import style
from .base import SLIDER, Explorer


class Demon(Explorer):
    """Nudge one neuron's z by dz: the measured change in cost beside delta * dz."""

    def __init__(self, net, x, y, span=3.0):
        super().__init__()
        self.net = net.copy()
        self.x, self.y = x[:, :1], y[:, :1]
        self.span = span
        choices = [(f"layer {l}, neuron {j}", (l, j))
                   for l in range(1, net.L + 1) for j in range(net.sizes[l])]
        self.which = widgets.Dropdown(options=choices, value=choices[0][1], description="neuron")
        self.dz = widgets.FloatSlider(value=0.5, min=-span, max=span, step=0.05,
                                      description="Δz", **SLIDER)
        with self.styled():
            ax = self.fig.add_subplot()
            (self.measured,) = ax.plot([], [], color=style.HIDDEN, label="measured ΔC")
            (self.predicted,) = ax.plot([], [], "--", color=style.BACKPROP,
                                        label="predicted δ·Δz")
            (self.point,) = ax.plot([], [], "o", color=style.OUTPUT, label="this Δz")
            ax.axhline(0, color="0.8", lw=0.8)
            ax.set_xlabel("Δz added to the neuron's weighted input")
            ax.set_ylabel("change in cost ΔC")
            ax.legend(loc="upper left")
        self._animate(self.point)
        self.ax = ax
        self.which.observe(self._new_neuron, names="value")
        self._watch(self.dz)
        self._new_neuron()

    def controls(self):
        return [self.which, self.dz]

    def cost_with(self, l, j, dz):
        """The cost after adding dz to z^l_j in a forward pass of the example."""
        a = self.x
        for layer in range(1, self.net.L + 1):
            z = self.net.w[layer] @ a + self.net.b[layer]
            if layer == l:
                z[j] += dz
            a = self.net.act[layer](z)
        return self.net.cost.fn(a, self.y)

    def _new_neuron(self, _change=None):
        l, j = self.which.value
        fp = self.net.forward(self.x)
        self.delta = float(self.net.backward(fp, self.y).delta[l][j, 0])
        self.base = self.cost_with(l, j, 0.0)
        grid = np.linspace(-self.span, self.span, 121)
        changes = [self.cost_with(l, j, d) - self.base for d in grid]
        self.measured.set_data(grid, changes)
        self.predicted.set_data(grid, self.delta * grid)
        self.ax.set_xlim(-self.span, self.span)
        both = np.concatenate([changes, self.delta * grid])
        pad = 0.1 * np.ptp(both) + 1e-9
        self.ax.set_ylim(both.min() - pad, both.max() + 0.4 * np.ptp(both) + pad)  # legend room
        self.ax.set_title(f"layer {l}, neuron {j}: δ = {self.delta:.4g}; close for small Δz")
        self._redraw = True  # new curves and axes
        self.update()

    def update(self):
        l, j = self.which.value
        dz = float(self.dz.value)
        measured = self.cost_with(l, j, dz) - self.base
        predicted = self.delta * dz
        self.point.set_data([dz], [measured])
        gap = abs(measured - predicted)
        self._show({"δ = dC/dz": self.delta, "Δz": dz, "predicted δ·Δz": predicted,
                    "measured ΔC": measured, "|measured − predicted|": gap},
                   "Δz = 0: nothing changes." if dz == 0 else "", redraw=self._redraw)
        self._redraw = False
