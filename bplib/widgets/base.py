"""What every explorer shares: a figure drawn off-screen, a readout, batching, display.

An explorer owns its controls, one matplotlib Figure, an Image widget that shows the
figure, and an HTML readout of its numbers; one ``update`` method recomputes everything
from the controls' current values and calls ``_show``.

Text you can read: figures are laid out at ``style.SCREEN_DPI`` CSS pixels per inch
with no font below 10 pt (``style.TEXT``), and rendered at ``style.SHARPNESS`` times that
resolution; the image is shown at its layout width, so text is at least
``style.MIN_TEXT_PX`` at 100% zoom and sharp on a HiDPI screen. ``smallest_text_px``
says how small the smallest text really is, for the tests to check.

Why an Image rather than an Output with clear_output(wait=True): the new picture
replaces the old in a single message, so nothing flickers, and the same code runs in
plain Python, which is how the tests drive it.

Without a widget frontend (nbconvert, nbval, a static viewer) an explorer still shows
its first state: its display bundle carries, beside the widget view, the figure as a
PNG (with its layout width) and the numbers as plain text.

With the environment variable BPLIB_FIGURES=off (set by the grader, which draws no
figures: grading/execute.py) an explorer computes its numbers but draws no picture.
"""
import base64
import io
import os
from contextlib import contextmanager

import ipywidgets as widgets
import matplotlib
import numpy as np
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from .. import style

SLIDER = {"continuous_update": True, "style": {"description_width": "initial"}}


class Explorer:
    """The figure, the readout, batching, and display; subclasses add controls."""

    figsize = (7.0, 4.0)  # inches at style.SCREEN_DPI: 588 x 336 CSS px
    controls_on_top = False  # wide figures put their controls above, not beside

    def __init__(self):
        with self.styled():
            self.fig = Figure(figsize=self.figsize, dpi=style.SCREEN_DPI * style.SHARPNESS,
                              layout="constrained")
        FigureCanvasAgg(self.fig)
        width = round(self.figsize[0] * style.SCREEN_DPI)
        self.image = widgets.Image(format="png", width=width,
                                   layout=widgets.Layout(width=f"{width}px", height="auto"))
        self.readout = widgets.HTML()
        self.numbers = {}  # what the readout shows, by name
        self.note = ""     # a plain-language remark (clamped value, eta = 0, ...)
        self._held = False

    @staticmethod
    def styled():
        """The course's text sizes, while a figure is built or drawn."""
        return matplotlib.rc_context(style.TEXT)

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
        if not drawing():
            self.png = b""
            return
        canvas = self.fig.canvas
        with self.styled():
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
        return f"{table_of(self.numbers.items())}{self._note_html()}"

    def _note_html(self):
        return f"<p><b>{self.note}</b></p>" if self.note else ""

    def smallest_text_px(self):
        """The smallest font size of any visible text in the figure, in pixels of the
        rendered image (divide by style.SHARPNESS for CSS px at 100% zoom)."""
        sizes = [t.get_fontsize() for t in self.fig.findobj(Text)
                 if t.get_visible() and t.get_text().strip() and t.get_figure() is not None]
        return min(sizes) * self.fig.dpi / 72

    def controls(self):
        """The widgets a learner moves, in display order."""
        raise NotImplementedError

    @property
    def widget(self):
        if not hasattr(self, "_box"):
            shown = widgets.VBox([self.image, self.readout])
            if self.controls_on_top:
                self._box = widgets.VBox([widgets.HBox(self.controls()), shown])
            else:
                left = widgets.VBox(self.controls(), layout=widgets.Layout(min_width="300px"))
                self._box = widgets.HBox([left, shown])
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
        if not self.png:
            return bundle
        bundle["image/png"] = base64.b64encode(self.png).decode("ascii")
        return bundle, {"image/png": {"width": int(self.image.width)}}


def drawing():
    """False when BPLIB_FIGURES=off: the grader's kernels draw no pictures."""
    return os.environ.get("BPLIB_FIGURES", "on").lower() != "off"


CELL = "padding:0 0.6em 0 0;line-height:1.35"


def table_of(items):
    """A compact monospace table of (name, value) rows."""
    rows = "".join(f"<tr><td style='{CELL}'>{name}</td>"
                   f"<td style='{CELL};text-align:right'>{_fmt(v)}</td></tr>"
                   for name, v in items)
    return f"<table style='font-family:monospace;border-collapse:collapse'>{rows}</table>"


def _fmt(value):
    if isinstance(value, (float, np.floating)):
        return f"{value:.9f}" if abs(value) < 1e4 else f"{value:.4g}"
    return str(value)
