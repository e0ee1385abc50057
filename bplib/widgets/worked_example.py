"""WorkedExample: Mazur's 2-2-2 network, a slider for every number, one update step live.

Every net input, output, delta, the error and the eight weights after one update
(hidden deltas from the weights of the forward pass) are recomputed on every move and
written on the drawing of the network and in a readout of three short columns.
"""
import ipywidgets as widgets
import numpy as np

from .. import style
from ..worked import MAZUR, MAZUR_WEIGHTS, mazur_network
from .base import SLIDER, Explorer, table_of


def _mazur_range(name):
    if name[0] in "it":  # inputs and targets
        return 0.0, 1.0
    return (0.0, 2.0) if name == "eta" else (-1.0, 1.0)


MAZUR_CONTROLS = {name: (value, *_mazur_range(name)) for name, value in MAZUR.items()}
COLUMNS = {"forward pass": ("net_", "out_", "E_total"), "deltas": ("delta_",),
           "after one step": ("new ",)}


class WorkedExample(Explorer):
    """Mazur's network with a slider for every weight, bias, input, target and eta."""

    figsize = (9.5, 4.6)
    controls_on_top = True

    def __init__(self):
        super().__init__()
        self.sliders = {
            name: widgets.FloatSlider(value=v, min=lo, max=hi, step=0.01, description=name,
                                      readout_format=".3f",
                                      layout=widgets.Layout(width="235px"), **SLIDER)
            for name, (v, lo, hi) in MAZUR_CONTROLS.items()}
        self.sliders["eta"].description = "η"
        self.reset_button = widgets.Button(description="Reset to Mazur's values",
                                           layout=widgets.Layout(width="235px"))
        self.reset_button.on_click(lambda _b: self.reset())
        self._draw_network()
        self._watch(*self.sliders.values())
        self.update()

    def controls(self):
        return [self.reset_button, *self.sliders.values()]

    @property
    def widget(self):
        if not hasattr(self, "_box"):
            grid = widgets.GridBox(self.controls(), layout=widgets.Layout(
                grid_template_columns="repeat(4, 240px)"))
            self._box = widgets.VBox([grid, self.image, self.readout])
        return self._box

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

    def _table(self):
        """The numbers in three short columns: forward pass, deltas, after one step."""
        cells = []
        for title, prefixes in COLUMNS.items():
            rows = table_of((name, v) for name, v in self.numbers.items()
                            if name.startswith(prefixes))
            cells.append(f"<td style='vertical-align:top;padding:0 2em 0 0'><b>{title}</b>"
                         f"{rows}</td>")
        return f"<table><tr>{''.join(cells)}</tr></table>{self._note_html()}"

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
        with self.styled():
            ax = self.fig.add_subplot()
            ax.set_axis_off()
            ax.set_xlim(-0.25, 2.6)
            ax.set_ylim(-0.4, 1.35)
            pos, texts = self.POSITIONS, {}
            for name, (a, b) in self.EDGES.items():
                (x0, y0), (x1, y1) = pos[a], pos[b]
                ax.plot([x0, x1], [y0, y1], color="0.75", lw=1)
                f = 0.5 if y0 == y1 else (0.25 if y0 > y1 else 0.75)  # crossing labels apart
                texts[name] = ax.text(x0 + f * (x1 - x0), y0 + f * (y1 - y0), "",
                                      ha="center", va="center",
                                      bbox={"boxstyle": "round,pad=0.15", "fc": "white",
                                            "ec": "none", "alpha": 0.85})
            for name, (px, py) in pos.items():
                ax.scatter([px], [py], s=5200, color=style.LAYER_COLORS[px], alpha=0.25)
                texts[name] = ax.text(px, py, "", ha="center", va="center")
            for k, name in enumerate(("t1", "t2")):
                texts[name] = ax.text(2.3, 1 - k, "", va="center")
            texts["title"] = ax.text(1.1, 1.3, "", fontsize=11, ha="center")
        self.labels = texts
        self._animate(*texts.values())
