"""ErrorAlongWeight: move one weight and see the error curve, the point, and the tangent.

The tangent's slope is backprop's dC/dw at the current weights; the central finite
difference is shown beside it. The network given is copied, never changed.
"""
import ipywidgets as widgets
import numpy as np

from .. import style
from .base import SLIDER, Explorer


class ErrorAlongWeight(Explorer):
    """Move one weight of ``net``; see the error curve, the point, and the tangent."""

    def __init__(self, net, x, y, span=3.0, points=121):
        super().__init__()
        self.net, self.x, self.y = net.copy(), x, y
        self.start = net.copy()
        self.span, self.points = span, points
        choices = [(f"w[{l}][{j},{k}]", (l, j, k))
                   for l in range(1, net.L + 1)
                   for j in range(net.sizes[l]) for k in range(net.sizes[l - 1])]
        self.which = widgets.Dropdown(options=choices, value=choices[0][1], description="weight")
        self.value = widgets.FloatSlider(description="value", step=0.01, readout_format=".3f",
                                         **SLIDER)
        with self.styled():
            ax = self.fig.add_subplot()
            (self.curve,) = ax.plot([], [], color=style.HIDDEN, label="error C(w)")
            (self.tangent,) = ax.plot([], [], color=style.BACKPROP,
                                      label="tangent: slope from backprop")
            (self.point,) = ax.plot([], [], "o", color=style.OUTPUT, label="current weight")
            ax.set_xlabel("weight value w")
            ax.set_ylabel("error C")
            ax.legend(loc="upper right")
        self._animate(self.tangent, self.point)
        self.ax = ax
        self.which.observe(self._new_weight, names="value")
        self._watch(self.value)
        self._new_weight()

    def controls(self):
        return [self.which, self.value]

    def _new_weight(self, _change=None):
        l, j, k = self.which.value
        self.net = self.start.copy()  # every weight is explored from the same start
        w0 = float(self.start.w[l][j, k])
        grid = np.linspace(w0 - self.span, w0 + self.span, self.points)
        errors = []
        for v in grid:
            self.net.w[l][j, k] = v
            errors.append(self.net.loss(self.x, self.y))
        self.curve.set_data(grid, errors)
        self.ax.set_xlim(grid[0], grid[-1])
        low, high = min(errors), max(errors)
        pad = 0.1 * (high - low) + 1e-9
        self.ax.set_ylim(low - pad, high + 0.35 * (high - low) + pad)  # room for the legend
        self.ax.set_title(f"error along w[{l}][{j},{k}]: the tangent is the gradient")
        held, self._held = self._held, True
        try:  # widen first, so min never passes max on the way; one update at the end
            self.value.min, self.value.max = -1e9, 1e9
            self.value.min, self.value.max = grid[0], grid[-1]
            self.value.value = w0
        finally:
            self._held = held
        self._redraw = True  # new curve and axes
        self.update()

    def update(self):
        l, j, k = self.which.value
        w = float(self.value.value)
        eps = 1e-6
        self.net.w[l][j, k] = w + eps
        above = self.net.loss(self.x, self.y)
        self.net.w[l][j, k] = w - eps
        below = self.net.loss(self.x, self.y)
        self.net.w[l][j, k] = w
        error = self.net.loss(self.x, self.y)
        slope = float(self.net.gradient(self.x, self.y).nabla_w[l][j, k])
        fd = (above - below) / (2 * eps)
        half = self.span / 3
        self.tangent.set_data([w - half, w + half], [error - slope * half, error + slope * half])
        self.point.set_data([w], [error])
        self._show({"w": w, "C(w)": error, "dC/dw (backprop)": slope,
                    "dC/dw (central difference)": fd}, redraw=self._redraw)
        self._redraw = False
