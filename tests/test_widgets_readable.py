"""What a learner sees in an explorer: text big enough, colours with one meaning each,
legends that stay put, and no long wait without a progress bar.

The text size is measured from the figure itself: the font size of every visible text
artist, converted to pixels of the rendered PNG, then to CSS pixels at the width the
image is shown at (tests/test_browser.py measures the same on the page).
"""
import matplotlib.colors
import numpy as np
import pytest
from matplotlib.collections import PathCollection, PolyCollection
from matplotlib.legend import Legend

import bplib
from bplib import style
from bplib import widgets as W


def every_explorer():
    data = bplib.moons(n=120, seed=3)
    net = bplib.Network([2, 3, 2, 1], ["tanh", "sigmoid", "sigmoid"], seed=4)
    return {"ErrorAlongWeight": W.ErrorAlongWeight(net, data.x_train, data.y_train),
            "WorkedExample": W.WorkedExample(), "ActivationSlopes": W.ActivationSlopes(),
            "Demon": W.Demon(net, data.x_train, data.y_train),
            "LearningRate": W.LearningRate(epochs=3, data=data),
            "RandomNudges": W.RandomNudges(max_tries=300)}


@pytest.fixture(scope="module")
def explorers():
    return every_explorer()


def shown_width(explorer):
    return int(explorer.image.width)


def png_width(explorer):
    return int.from_bytes(explorer.png[16:20], "big")  # the IHDR chunk's width


@pytest.mark.parametrize("name", [cls.__name__ for cls in W.EXPLORERS])
def test_every_text_is_at_least_10_css_px_and_rendered_at_2x(explorers, name):
    ex = explorers[name]
    scale = shown_width(ex) / png_width(ex)
    assert scale == pytest.approx(1 / style.SHARPNESS, abs=0.01), (shown_width(ex), png_width(ex))
    assert ex.smallest_text_px() * scale >= style.MIN_TEXT_PX


def test_the_text_measure_sees_a_small_label():
    """The measurement can fail: a 6 pt label in the figure brings it below 10 px."""
    ex = W.Demon(*every_explorer_args())
    ex.ax.text(0, 0, "tiny", fontsize=6)
    css_px = ex.smallest_text_px() / style.SHARPNESS
    assert css_px == pytest.approx(6 * style.SCREEN_DPI / 72) and css_px < style.MIN_TEXT_PX


def every_explorer_args():
    data = bplib.moons(n=60, seed=3)
    return bplib.Network([2, 2, 1], "sigmoid", seed=4), data.x_train, data.y_train


def colours_drawn(fig):
    """Every colour of a line, marker or filled area in the figure, as #rrggbb."""
    found = set()
    for ax in fig.axes:
        for line in ax.get_lines():
            found.add(matplotlib.colors.to_hex(line.get_color()))
        for coll in ax.collections:
            if isinstance(coll, (PathCollection, PolyCollection)):
                found.update(matplotlib.colors.to_hex(c) for c in coll.get_facecolors())
    return found


GREYS = {matplotlib.colors.to_hex(str(g)) for g in (0.75, 0.8, 0.85)}  # edges, zero lines


@pytest.mark.parametrize("name", [cls.__name__ for cls in W.EXPLORERS])
def test_every_colour_comes_from_bplib_style(explorers, name):
    allowed = ({c.lower() for c in style.COLORS.values()} | set(style.WEIGHT_SHADES)
               | {c.lower() for c in style.CLASS_COLORS} | GREYS)
    drawn = colours_drawn(explorers[name].fig)
    assert drawn and drawn <= allowed, sorted(drawn - allowed)


def test_each_colour_of_the_style_means_one_thing():
    named = [c.lower() for c in style.COLORS.values()]
    named += [c.lower() for c in style.CLASS_COLORS + style.WEIGHT_SHADES]
    assert len(named) == len(set(named)), sorted(c for c in named if named.count(c) > 1)


def legends(fig):
    return [a for a in fig.findobj(Legend)]


@pytest.mark.parametrize("name", [cls.__name__ for cls in W.EXPLORERS
                                  if cls is not W.WorkedExample])  # labels on the drawing
def test_legends_have_a_fixed_place(explorers, name):
    """loc='best' (code 0) moves a legend whenever the data move; every legend has one
    fixed place instead."""
    found = legends(explorers[name].fig)
    assert found, "every explorer's figure explains its lines"
    assert all(legend._loc not in (0, "best") for legend in found)


def test_random_nudges_builds_one_run_and_makes_the_others_when_asked():
    ex = W.RandomNudges(max_tries=600)
    assert list(ex.runs) == [0.1] and ex.progress.value == 600
    seen = []
    ex.progress.observe(lambda change: seen.append(change["new"]), names="value")
    ex.size.value = 0.3
    assert sorted(ex.runs) == [0.1, 0.3]
    assert seen[0] == 0 and seen[-1] == 600 and len(seen) >= 3, seen  # the bar moved
    fresh = bplib.nudge_train(ex.start.copy(), ex.x, ex.y, 600, size=0.3, seed=0,
                              record_every=50)
    assert ex.runs[0.3].loss == fresh.loss  # the progress callback changes nothing


def test_the_worked_example_readout_fits_in_three_short_columns():
    ex = W.WorkedExample()
    html = ex.readout.value
    assert html.count("<b>") == 3 and "after one step" in html
    rows_per_column = [part.count("<tr>") for part in html.split("<b>")[1:]]
    assert max(rows_per_column) <= 10 and sum(rows_per_column) == len(ex.numbers)


def test_learning_rate_gives_loss_its_own_scale_and_names_each_weight():
    ex = W.LearningRate(epochs=3, data=bplib.moons(n=120, seed=3))
    _boundary, loss, accuracy, weights = ex.axes
    top = loss.get_ylim()[1]
    assert top == pytest.approx(1.1 * max(ex.run(0.05, 3)[1].loss))
    assert accuracy.get_ylim() == (0, 1.05)
    names = [t.get_text() for t in weights.get_legend().get_texts()]
    assert names == [f"from hidden {k}" for k in range(1, 5)]
    assert np.isfinite(top)
