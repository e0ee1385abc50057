"""ActivationSlopes: a z slider over sigmoid, ReLU and tanh.

Each panel shows the function, its slope, and the factor f'(z) by which a delta passing
back through the neuron is scaled. Sigmoid and tanh are shaded where |z| > 4 (saturated,
as bplib.saturated_fraction counts them); ReLU where z < 0 (dead for this input).
"""
import ipywidgets as widgets
import numpy as np

from .. import style
from ..activations import relu, sigmoid, tanh
from .base import SLIDER, Explorer


class ActivationSlopes(Explorer):
    """z against sigmoid, ReLU and tanh: the factor each puts on a delta."""

    figsize = (10.5, 3.4)
    controls_on_top = True
    SATURATION = 4.0

    def __init__(self, z=0.0):
        super().__init__()
        self.z = widgets.FloatSlider(value=z, min=-10, max=10, step=0.1, description="z",
                                     layout=widgets.Layout(width="500px"), **SLIDER)
        grid = np.linspace(-10, 10, 401)
        self.markers = {}
        with self.styled():
            axes = self.fig.subplots(1, 3)
            for ax, f in zip(axes, (sigmoid, relu, tanh)):
                ax.plot(grid, f(grid), color=style.HIDDEN, label="f(z)")
                ax.plot(grid, f.prime(grid), "--", color=style.BACKPROP, label="slope f'(z)")
                if f is relu:
                    ax.axvspan(-10, 0, color="0.85", label="slope 0: saturated or dead")
                else:
                    ax.axvspan(-10, -self.SATURATION, color="0.85")
                    ax.axvspan(self.SATURATION, 10, color="0.85")
                (self.markers[f.name],) = ax.plot([], [], "o", color=style.OUTPUT,
                                                  label="f'(z) at this z")
                ax.set_xlabel("z")
                ax.set_title(f.name)
            axes[1].set_ylim(-1, 5)
            self.fig.legend(*axes[1].get_legend_handles_labels(), loc="outside lower center",
                            ncols=4)
            self.fig.suptitle("a delta is multiplied by the slope at the z of the forward pass")
        self._animate(*self.markers.values())
        self._watch(self.z)
        self.update()

    def controls(self):
        return [self.z]

    def update(self):
        z = float(self.z.value)
        numbers = {"z": z}
        for f in (sigmoid, relu, tanh):
            slope = float(f.prime(np.array(z)))
            self.markers[f.name].set_data([z], [slope])
            numbers[f"{f.name}(z)"] = float(f(np.array(z)))
            numbers[f"{f.name}'(z), the delta's factor"] = slope
        self._show(numbers)
