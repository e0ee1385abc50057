"""One figure per notebook: a horizontal bar chart per exercise of what the class did.

Each exercise's panel has one bar per outcome (report.Row): right, every named mistake
some student made, wrong in an unrecognised way, blank; its length is the number of
students. The colours are bplib/style.py's outcome colours (RIGHT, MISTAKE,
UNRECOGNISED, BLANK), which mean nothing else in the course.

This module trusts the rows it is given (report.py makes them from the grader's records).
"""
import io
from itertools import groupby
from pathlib import Path

from matplotlib.ticker import MaxNLocator

from .. import style
from .catalogue import BLANK, RIGHT, UNRECOGNISED

COLOURS = {RIGHT: style.RIGHT, "mistake": style.MISTAKE, UNRECOGNISED: style.UNRECOGNISED,
           BLANK: style.BLANK}
BAR_HEIGHT = 0.28  # inches per bar
WIDTH = 10.0       # inches


def _plain(text):
    """Text matplotlib shows as written (a $ would start mathtext)."""
    return text.replace("$", r"\$")


def figure(rows, title=None):
    """A matplotlib Figure with one panel per exercise of ``rows`` (all of one notebook)."""
    from matplotlib.figure import Figure  # no pyplot: no window, no global state

    exercises = [list(group) for _, group in groupby(rows, key=lambda r: r.exercise)]
    if not exercises:
        raise ValueError("no rows to draw: expected the rows of at least one exercise")
    heights = [max(len(group), 1) * BAR_HEIGHT + 0.9 for group in exercises]
    fig = Figure(figsize=(WIDTH, sum(heights) + 0.6), layout="constrained")
    axes = fig.subplots(len(exercises), 1, height_ratios=heights, squeeze=False)[:, 0]
    for ax, group in zip(axes, exercises):
        labels = [_plain(row.label) for row in group][::-1]
        counts = [row.students for row in group][::-1]
        ax.barh(range(len(group)), counts, color=[COLOURS[r.kind] for r in group][::-1])
        ax.set_yticks(range(len(group)), labels)
        graded = group[0].graded
        ax.set_xlim(0, max(graded, 1))
        for y, n in enumerate(counts):
            if n:
                ax.annotate(f"{n}", (n, y), xytext=(3, 0), textcoords="offset points",
                            va="center", fontsize=8)
        heading = group[0].revisit.split(": ")[0] or group[0].exercise  # its section's title
        ax.set_title(_plain(f"{heading}: {group[0].students} of {graded} right"),
                     loc="left", fontsize=10)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel("students")
    fig.suptitle(_plain(title or rows[0].notebook), fontsize=11)
    return fig


def png(rows, title=None):
    """The figure of ``rows`` as PNG bytes."""
    out = io.BytesIO()
    figure(rows, title).savefig(out, format="png", dpi=100)
    return out.getvalue()


def save(rows, path, title=None):
    """Write the figure of ``rows`` as a PNG at ``path``."""
    Path(path).write_bytes(png(rows, title))
    return path


def in_notebook():
    """True when running in a Jupyter kernel, where a figure can be shown inline."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    return type(get_ipython()).__name__ == "ZMQInteractiveShell"


def show(rows, title=None):
    """Show the figure of ``rows`` inline (call it in a notebook)."""
    from IPython.display import Image, display

    display(Image(data=png(rows, title), format="png"))
