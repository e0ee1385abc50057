"""Every explorer in JupyterLab in headless Chromium: is its text readable on the page?

The notebook shows all six explorers, each cell printing the smallest font of its
figure in pixels of the PNG (``Explorer.smallest_text_px``). On the page the test reads
each explorer image's natural width and the width it is drawn at, at 100% zoom
(device scale factor 1), and so measures the smallest text in CSS pixels: it must be
at least 10, with at least 2 image pixels per CSS pixel (sharp on a HiDPI screen).
One screenshot per explorer goes to build/screenshots/explorer-<name>.png. Server,
browser and skips as in tests/test_browser.py.
"""
import json
import re
import time

import pytest

from test_browser import SHOTS, Lab, local_page, playwright_or_skip, run_all, serving

SETUP = ("import bplib\nfrom bplib.widgets import *\n"
         "data = bplib.moons(n=200, seed=0)\n"
         "net = bplib.Network([2, 4, 4, 1], ['relu', 'relu', 'sigmoid'], seed=0)\n")
MAKE = {"ErrorAlongWeight": "ErrorAlongWeight(net, data.x_train, data.y_train)",
        "WorkedExample": "WorkedExample()", "ActivationSlopes": "ActivationSlopes()",
        "Demon": "Demon(net, data.x_train, data.y_train)", "LearningRate": "LearningRate()",
        "RandomNudges": "RandomNudges()"}


def notebook():
    cells = [SETUP] + [f"e = {make}\ndisplay(e)\nprint('smallest text', e.smallest_text_px(), "
                       f"'px in the PNG')" for make in MAKE.values()]
    return {"cells": [{"cell_type": "code", "execution_count": None, "id": f"c{i}",
                       "metadata": {}, "outputs": [], "source": src}
                      for i, src in enumerate(cells)],
            "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)",
                                        "language": "python", "name": "python3"}},
            "nbformat": 4, "nbformat_minor": 5}


@pytest.mark.slow
def test_every_explorers_text_is_at_least_10_css_px_on_the_page(tmp_path):
    sync_api = playwright_or_skip()
    started = time.monotonic()
    lab = Lab(tmp_path)
    (lab.root / "explorers.ipynb").write_text(json.dumps(notebook()))
    SHOTS.mkdir(parents=True, exist_ok=True)
    measured = {}
    with serving(lab), sync_api.sync_playwright() as p:
        browser, page = local_page(p, viewport={"width": 1400, "height": 1000},
                                   device_scale_factor=1)
        page.goto(lab.url("lab/tree/explorers.ipynb"))
        run_all(page)
        cells = page.locator(".jp-CodeCell")
        for i, name in enumerate(MAKE, start=1):
            cell = cells.nth(i)
            printed = cell.get_by_text(re.compile(r"smallest text [\d.]+ px"))
            printed.wait_for(timeout=120_000)
            png_px = float(re.search(r"smallest text ([\d.]+)", printed.inner_text()).group(1))
            image = cell.locator(".widget-image").first
            image.wait_for()
            natural, drawn = image.evaluate(
                "img => [img.naturalWidth, img.getBoundingClientRect().width]")
            measured[name] = (png_px * drawn / natural, natural / drawn)
            cell.scroll_into_view_if_needed()
            cell.screenshot(path=str(SHOTS / f"explorer-{name}.png"))
        browser.close()
    for name, (css_px, density) in measured.items():
        assert css_px >= 10, f"{name}: smallest text {css_px:.1f} CSS px on the page"
        assert density >= 1.99, f"{name}: {density:.2f} image pixels per CSS pixel"
    assert len(measured) == len(MAKE)
    assert time.monotonic() - started < 300
