"""Explorers: sliders a learner moves to feel what each quantity does.

Each explorer is one small class. It owns its controls, one matplotlib Figure drawn
off-screen, an Image widget that shows the figure, and an HTML readout of the numbers;
one ``update`` method recomputes everything from the controls' current values.

Why an Image rather than an Output with clear_output(wait=True): the new picture
replaces the old in a single message, so nothing flickers, and the same code runs in
plain Python, which is how the tests drive it (set a control's value, read
``explorer.numbers`` and the data of the figure's lines).

Without a widget frontend (nbconvert, nbval, a static viewer), displaying an explorer
still shows its first state: its display bundle carries the widget view for JupyterLab
and, beside it, the figure as a PNG and the numbers as plain text.

    ErrorAlongWeight  the error along one weight, with the backprop tangent
    WorkedExample     Mazur's 2-2-2 network, every number live, one update step
    ActivationSlopes  sigmoid, ReLU and tanh with their slopes at a chosen z
    Demon             nudge one neuron's z by dz: measured change in cost vs delta * dz
    LearningRate      Glassner's moons experiment at a chosen learning rate
    RandomNudges      the slow learner against gradient descent, per forward pass
"""
import base64
import io
from contextlib import contextmanager

import ipywidgets as widgets
import numpy as np
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from . import style
from .activations import relu, sigmoid, tanh
from .data import moons
from .network import DivergedError, Network
from .nudge import nudge_train
from .worked import MAZUR, MAZUR_WEIGHTS, mazur_network

SLIDER = {"continuous_update": True, "style": {"description_width": "initial"}}


class Explorer:
    """What every explorer shares: a figure, a readout, batching, and display."""

    figsize = (6.0, 3.4)

    def __init__(self):
        self.fig = Figure(figsize=self.figsize, dpi=80, layout="constrained")
        FigureCanvasAgg(self.fig)
        self.image = widgets.Image(format="png")
        self.readout = widgets.HTML()
        self.numbers = {}  # what the readout shows, by name
        self.note = ""     # a plain-language remark (clamped value, eta = 0, ...)
        self._held = False

    # ----- wiring ------------------------------------------------------------
    def _watch(self, *controls):
        for control in controls:
            control.observe(self._changed, names="value")

    def _changed(self, _change):
        if not self._held:
            self.update()

    @contextmanager
    def batch(self):
        """Set several controls at once with a single update at the end."""
        self._held = True
        try:
            yield self
        finally:
            self._held = False
            self.update()

    def update(self):
        raise NotImplementedError  # each explorer recomputes and calls self._show

    # ----- output ------------------------------------------------------------
    def _animate(self, *artists):
        """Mark artists that move on every update; the rest is drawn once and kept."""
        for artist in artists:
            artist.set_animated(True)
        self.moving = getattr(self, "moving", []) + list(artists)

    def _show(self, numbers, note="", redraw=False):
        """Show ``numbers`` and the figure. Only the moving artists are drawn again,
        over a saved background, unless ``redraw`` asks for everything (new axes)."""
        self.numbers, self.note = numbers, note
        self.readout.value = self._table()
        canvas = self.fig.canvas
        if redraw or not hasattr(self, "_background"):
            canvas.draw()
            self._background = canvas.copy_from_bbox(self.fig.bbox)
        else:
            canvas.restore_region(self._background)
        for artist in getattr(self, "moving", []):
            self.fig.draw_artist(artist)
        buffer = io.BytesIO()
        PIL.Image.fromarray(np.asarray(canvas.buffer_rgba())).save(
            buffer, format="png", compress_level=1)
        self.png = buffer.getvalue()
        self.image.value = self.png

    def _table(self):
        rows = "".join(f"<tr><td>{name}</td><td style='text-align:right'>{_fmt(v)}</td></tr>"
                       for name, v in self.numbers.items())
        extra = f"<p><b>{self.note}</b></p>" if self.note else ""
        return f"<table style='font-family:monospace'>{rows}</table>{extra}"

    def controls(self):
        """The widgets a learner moves, in display order."""
        raise NotImplementedError

    @property
    def widget(self):
        if not hasattr(self, "_box"):
            left = widgets.VBox(self.controls(), layout=widgets.Layout(min_width="300px"))
            self._box = widgets.HBox([left, widgets.VBox([self.image, self.readout])])
        return self._box

    def text(self):
        """The numbers as plain text: what a viewer without widgets shows beside the PNG."""
        lines = [f"{type(self).__name__}:"]
        lines += [f"  {name} = {_fmt(v)}" for name, v in self.numbers.items()]
        if self.note:
            lines.append(f"  note: {self.note}")
        return "\n".join(lines)

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude)
        bundle["text/plain"] = self.text()
        bundle["image/png"] = base64.b64encode(self.png).decode("ascii")
        return bundle


def _fmt(value):
    if isinstance(value, (float, np.floating)):
        return f"{value:.9f}" if abs(value) < 1e4 else f"{value:.4g}"
    return str(value)


# ----- 1. the error along one weight ------------------------------------------------
class ErrorAlongWeight(Explorer):
    """Move one weight of ``net``; see the error curve, the point, and the tangent.

    The tangent's slope is backprop's dC/dw at the current weights; the central
    finite difference is shown beside it. ``net`` is copied, never changed.
    """

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
        ax = self.fig.add_subplot()
        (self.curve,) = ax.plot([], [], color=style.HIDDEN, label="error C(w)")
        (self.tangent,) = ax.plot([], [], color=style.BACKPROP, label="tangent, slope from backprop")
        (self.point,) = ax.plot([], [], "o", color=style.OUTPUT)
        self._animate(self.tangent, self.point)
        ax.set_xlabel("weight value w")
        ax.set_ylabel("error C")
        ax.legend(loc="upper right", fontsize=8)
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
        self.ax.set_ylim(low - pad, high + pad)
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


# ----- 2. Mazur's 2-2-2 example live ------------------------------------------------
def _mazur_range(name):
    if name[0] in "it":  # inputs and targets
        return 0.0, 1.0
    return (0.0, 2.0) if name == "eta" else (-1.0, 1.0)


MAZUR_CONTROLS = {name: (value, *_mazur_range(name)) for name, value in MAZUR.items()}


class WorkedExample(Explorer):
    """Mazur's network with a slider for every weight, bias, input, target and eta.

    Every net input, output, delta, the error and the eight weights after one update
    (hidden deltas from the weights of the forward pass) are recomputed on every move.
    """

    figsize = (6.4, 3.6)

    def __init__(self):
        super().__init__()
        self.sliders = {
            name: widgets.FloatSlider(value=v, min=lo, max=hi, step=0.01, description=name,
                                      readout_format=".3f", **SLIDER)
            for name, (v, lo, hi) in MAZUR_CONTROLS.items()}
        self.sliders["eta"].description = "η"
        self.reset_button = widgets.Button(description="Reset to Mazur's values")
        self.reset_button.on_click(lambda _b: self.reset())
        self._draw_network()
        self._watch(*self.sliders.values())
        self.update()

    def controls(self):
        return [self.reset_button, *self.sliders.values()]

    def reset(self):
        with self.batch():
            for name, (v, _lo, _hi) in MAZUR_CONTROLS.items():
                self.sliders[name].value = v

    def update(self):
        s = {name: float(slider.value) for name, slider in self.sliders.items()}
        net = mazur_network()
        for name, (l, j, k) in MAZUR_WEIGHTS.items():
            net.w[l][j, k] = s[name]
        net.b[1][:] = s["b1"]
        net.b[2][:] = s["b2"]
        x = np.array([[s["i1"]], [s["i2"]]])
        t = np.array([[s["t1"]], [s["t2"]]])
        fp = net.forward(x)
        g = net.backward(fp, t)  # hidden deltas from the weights of the forward pass
        n = {"net_h1": fp.z[1][0, 0], "net_h2": fp.z[1][1, 0],
             "out_h1": fp.a[1][0, 0], "out_h2": fp.a[1][1, 0],
             "net_o1": fp.z[2][0, 0], "net_o2": fp.z[2][1, 0],
             "out_o1": fp.a[2][0, 0], "out_o2": fp.a[2][1, 0],
             "E_total": np.sum(0.5 * (t - fp.a[2]) ** 2),
             "delta_o1": g.delta[2][0, 0], "delta_o2": g.delta[2][1, 0],
             "delta_h1": g.delta[1][0, 0], "delta_h2": g.delta[1][1, 0]}
        for name, (l, j, k) in MAZUR_WEIGHTS.items():
            n["new " + name] = net.w[l][j, k] - s["eta"] * g.nabla_w[l][j, k]
        n = {k: float(v) for k, v in n.items()}
        for name, text in self.labels.items():
            text.set_text(self.LABELS[name].format(**s, **{k.replace(" ", "_"): v
                                                           for k, v in n.items()}))
        self._show(n, "η = 0: the update moves nothing." if s["eta"] == 0 else "")

    # where each neuron sits, and the text drawn at each neuron and each weight
    POSITIONS = {"i1": (0, 1), "i2": (0, 0), "h1": (1, 1), "h2": (1, 0), "o1": (2, 1), "o2": (2, 0)}
    EDGES = {"w1": ("i1", "h1"), "w2": ("i2", "h1"), "w3": ("i1", "h2"), "w4": ("i2", "h2"),
             "w5": ("h1", "o1"), "w6": ("h2", "o1"), "w7": ("h1", "o2"), "w8": ("h2", "o2")}
    LABELS = {
        "i1": "i1\n{i1:.2f}", "i2": "i2\n{i2:.2f}",
        **{h: h + "\nnet {net_%s:.4f}\nout {out_%s:.4f}\nδ {delta_%s:+.5f}" % (h, h, h)
           for h in ("h1", "h2", "o1", "o2")},
        **{w: w + " {%s:.2f}→{new_%s:.4f}" % (w, w) for w in ("w1", "w2", "w3", "w4",
                                                              "w5", "w6", "w7", "w8")},
        "t1": "target\n{t1:.2f}", "t2": "target\n{t2:.2f}",
        "title": "E_total = {E_total:.9f}    η = {eta:.2f},  b1 = {b1:.2f},  b2 = {b2:.2f}",
    }

    def _draw_network(self):
        ax = self.fig.add_subplot()
        ax.set_axis_off()
        ax.set_xlim(-0.3, 2.55)
        ax.set_ylim(-0.35, 1.3)
        pos, texts = self.POSITIONS, {}
        for name, (a, b) in self.EDGES.items():
            (x0, y0), (x1, y1) = pos[a], pos[b]
            ax.plot([x0, x1], [y0, y1], color="0.75", lw=1)
            f = 0.3 if y0 == y1 else (0.2 if y0 > y1 else 0.4)  # keep crossing labels apart
            texts[name] = ax.text(x0 + f * (x1 - x0), y0 + f * (y1 - y0) + 0.05, "",
                                  fontsize=6.5, ha="center")
        for name, (px, py) in pos.items():
            ax.scatter([px], [py], s=1100, color=style.LAYER_COLORS[px], alpha=0.25)
            texts[name] = ax.text(px, py, "", ha="center", va="center", fontsize=6.5)
        for k, name in enumerate(("t1", "t2")):
            texts[name] = ax.text(2.3, 1 - k, "", fontsize=7, va="center")
        texts["title"] = ax.text(1.1, 1.22, "", fontsize=8.5, ha="center")
        self.labels = texts
        self._animate(*texts.values())


# ----- 3. activation slopes ---------------------------------------------------------
class ActivationSlopes(Explorer):
    """A z slider over sigmoid, ReLU and tanh: each function, its slope, and the
    factor f'(z) by which a delta passing back through the neuron is scaled.
    Sigmoid and tanh are shaded where |z| > 4 (saturated, as bplib.saturated_fraction
    counts them); ReLU where z < 0 (dead for this input)."""

    figsize = (8.4, 2.8)
    SATURATION = 4.0

    def __init__(self, z=0.0):
        super().__init__()
        self.z = widgets.FloatSlider(value=z, min=-10, max=10, step=0.1, description="z",
                                     **SLIDER)
        grid = np.linspace(-10, 10, 401)
        self.markers = {}
        axes = self.fig.subplots(1, 3)
        for ax, f in zip(axes, (sigmoid, relu, tanh)):
            ax.plot(grid, f(grid), color=style.HIDDEN, label=f"{f.name}(z)")
            ax.plot(grid, f.prime(grid), "--", color=style.BACKPROP, label="slope f'(z)")
            if f is relu:
                ax.axvspan(-10, 0, color="0.85", label="dead (slope 0)")
            else:
                ax.axvspan(-10, -self.SATURATION, color="0.85", label="saturated")
                ax.axvspan(self.SATURATION, 10, color="0.85")
            (self.markers[f.name],) = ax.plot([], [], "o", color=style.OUTPUT)
            self._animate(self.markers[f.name])
            ax.set_xlabel("z")
            ax.set_title(f.name, fontsize=9)
            ax.legend(fontsize=6, loc="upper left")
        axes[1].set_ylim(-1, 5)
        self.fig.suptitle("a delta is multiplied by the slope at the z of the forward pass",
                          fontsize=9)
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


# ----- 4. the demon ------------------------------------------------------------------
class Demon(Explorer):
    """Nielsen's demon: add dz to the weighted input z of one neuron and watch the cost.

    The prediction is delta * dz (delta = dC/dz from backprop); the measured change
    comes from a real forward pass with z changed. They agree for small dz and part
    as dz grows. One example (one column of x) at a time.
    """

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
        ax = self.fig.add_subplot()
        (self.measured,) = ax.plot([], [], color=style.HIDDEN, label="measured ΔC")
        (self.predicted,) = ax.plot([], [], "--", color=style.BACKPROP, label="predicted δ·Δz")
        (self.point,) = ax.plot([], [], "o", color=style.OUTPUT)
        self._animate(self.point)
        ax.axhline(0, color="0.8", lw=0.8)
        ax.set_xlabel("Δz added to the neuron's weighted input")
        ax.set_ylabel("change in cost ΔC")
        ax.legend(fontsize=8)
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
        self.ax.set_ylim(both.min() - pad, both.max() + pad)
        self.ax.set_title(f"layer {l}, neuron {j}: δ = {self.delta:.4g}; close for small Δz",
                          fontsize=9)
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


# ----- 5. the learning rate on moons -----------------------------------------------
class LearningRate(Explorer):
    """Glassner's experiment: a 2-4-4-1 net (ReLU, ReLU, sigmoid) on standardised
    moons, one example per update, at the learning rate and epochs chosen. Shows the
    decision boundary, loss and accuracy per epoch, and the output layer's weights per
    epoch. Each (eta, epochs) result is kept, so moving back to it is instant."""

    figsize = (9.6, 3.0)

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
        self.axes = self.fig.subplots(1, 3)
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
        ax_b, ax_c, ax_w = self.axes
        for ax in self.axes:
            ax.clear()
        d = self.data
        g = np.linspace(-2.5, 2.5, 101)
        gx, gy = np.meshgrid(g, g)
        p = net.predict(np.vstack([gx.ravel(), gy.ravel()])).reshape(gx.shape)
        ax_b.contourf(gx, gy, p, levels=[0, 0.5, 1], colors=style.CLASS_COLORS, alpha=0.25)
        for c in (0, 1):
            pts = d.x_test[:, d.labels_test == c]
            ax_b.scatter(pts[0], pts[1], s=4, color=style.CLASS_COLORS[c])
        ax_b.set(title="decision boundary (test points)", xlabel="x₁", ylabel="x₂")
        numbers = {"η": eta, "epochs": epochs}
        if h is not None:
            ax_c.plot(h.epoch, h.loss, color=style.TRAIN, label="train loss")
            ax_c.plot(h.epoch, h.test_accuracy, "--", color=style.TEST, label="test accuracy")
            ax_c.set(xlabel="epoch", title="loss and accuracy", ylim=(0, 1.05))
            ax_c.legend(fontsize=7)
            out_w = np.array([w[3].ravel() for w, _b in h.weights])
            for k in range(out_w.shape[1]):
                ax_w.plot(h.epoch, out_w[:, k], lw=1)
            ax_w.set(xlabel="epoch", ylabel="weight", title="output-layer weights")
            numbers.update({"train loss": h.loss[-1], "train accuracy": h.accuracy[-1],
                            "test accuracy": h.test_accuracy[-1]})
        self._show(numbers, note, redraw=True)
        self.pictures[key] = (self.numbers, self.note, self.png)


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


# ----- 6. random nudges ----------------------------------------------------------------
class RandomNudges(Explorer):
    """The slow learner of notebook 01 beside gradient descent on the same net and data.

    Both curves show the error on all the data against forward passes spent; a gradient
    step on one example is charged 2 forward passes (forward + backward, which the
    benchmark measures at about 2x a forward pass). Every nudge size is run once, for the
    largest number of tries, when the explorer is built (about 0.3 s each), so that no
    slider move has to wait for the learner: a run with fewer tries is the start of that
    run (same seed), so the tries slider only cuts the curve.
    """

    SIZES = (0.01, 0.03, 0.1, 0.3, 1.0)
    RECORD_EVERY = 50

    def __init__(self, sizes=(2, 3, 1), n=200, max_tries=6000, seed=0):
        super().__init__()
        data = moons(n=n, seed=seed)
        self.x, self.y = data.x_train, data.y_train
        self.seed, self.max_tries = seed, max_tries
        self.start = Network(list(sizes), "sigmoid", seed=seed)
        self.runs = {}  # nudge size -> NudgeHistory of max_tries tries
        gd = self.start.copy()
        h = gd.train(self.x, self.y, epochs=max(1, max_tries // self.x.shape[1]),
                     batch_size=1, eta=0.5, seed=seed, progress=False)
        self.gd_passes = 2 * np.array(h.examples)
        self.gd_loss = np.array(h.loss)
        self.size = widgets.SelectionSlider(options=self.SIZES, value=0.1,
                                            description="nudge size", **SLIDER)
        self.tries = widgets.IntSlider(value=max_tries, min=self.RECORD_EVERY, max=max_tries,
                                       step=self.RECORD_EVERY, description="tries", **SLIDER)
        ax = self.fig.add_subplot()
        (self.nudge_line,) = ax.plot([], [], color=style.NUDGE, label="random nudges")
        self._animate(self.nudge_line)
        ax.plot(self.gd_passes, self.gd_loss, color=style.BACKPROP,
                label="gradient descent (η = 0.5)")
        ax.set_xlabel("forward passes spent")
        ax.set_ylabel("error on all the data")
        ax.set_title("the same net and data: which learner spends its passes better?",
                     fontsize=9)
        ax.legend(fontsize=8)
        # one pass to measure each sample plus one per try: at most 2 * max_tries
        ax.set_xlim(0, max(2 * max_tries, self.gd_passes[-1]))
        ax.set_ylim(0, 1.05 * self.gd_loss.max())
        self.ax = ax
        for size in self.SIZES:
            self.run(size)
        self._watch(self.size, self.tries)
        self.update()

    def controls(self):
        return [self.size, self.tries]

    def run(self, size):
        """The nudge learner's whole run at this nudge size (made once, then kept)."""
        if size not in self.runs:
            self.runs[size] = nudge_train(self.start.copy(), self.x, self.y, self.max_tries,
                                          size=size, seed=self.seed,
                                          record_every=self.RECORD_EVERY)
        return self.runs[size]

    def update(self):
        run = self.run(self.size.value)
        redraw = max(run.loss) > self.ax.get_ylim()[1]
        if redraw:  # this run climbs above the axes: widen them once
            self.ax.set_ylim(0, 1.05 * max(run.loss))
        shown = int(self.tries.value) // self.RECORD_EVERY + 1  # the records, plus the start
        passes = np.array(run.forward_passes[:shown])
        loss = np.array(run.loss[:shown])
        self.nudge_line.set_data(passes, loss)
        self._show({"nudge size": float(self.size.value), "tries": int(self.tries.value),
                    "forward passes (nudges)": int(passes[-1]),
                    "error after nudges": float(loss[-1]),
                    "error of gradient descent at as many passes":
                        float(np.interp(passes[-1], self.gd_passes, self.gd_loss))},
                   redraw=redraw)
