"""The static view: notebooks without widget state, and HTML that works offline.

Fast tests read the notebooks in solutions/ and notebooks/ (no saved widget state) and
check the two preprocessors on small notebooks. Slow tests run the README's execute
command on a notebook with a widget, and open the HTML of every solution notebook that
holds an explorer from file:// in headless Chromium with every request that is not
file:// blocked: `python -m bplib html`'s page must show each explorer's figure and
numbers and render the maths with no request leaving the folder, and plain
`jupyter nbconvert --to html` must at least show each explorer's figure.
Screenshots go to build/screenshots/static-NN.png.
"""
import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from bplib.html import StaticExplorers
from bplib.widget_state import ClearWidgetState
from test_browser import CHROMIUM, CHROMIUM_ARGS, SHOTS, playwright_or_skip

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "solutions").glob("*/*.ipynb")) + sorted(
    (ROOT / "notebooks").glob("*/*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WITH_EXPLORERS = ["01", "02", "03", "04", "05", "06", "08"]


def explorers(path):
    """(figure as base64, numbers) of each explorer output saved in a notebook."""
    nb = json.loads(path.read_text())
    return [("".join(out["data"]["image/png"]).strip(), "".join(out["data"]["text/plain"]))
            for cell in nb["cells"] for out in cell.get("outputs", [])
            if WIDGET_VIEW in out.get("data", {})]


def solution(number):
    return next((ROOT / "solutions").glob(f"{number}-*/{number}-*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parts[-3]}/{p.stem}")
def test_no_notebook_carries_widget_state(path):
    has_state = "widgets" in json.loads(path.read_text())["metadata"]
    assert not has_state, (
        f"{path.relative_to(ROOT)} carries saved widget state (metadata.widgets): run the "
        "README's execute command, which does not store it, and regenerate notebooks/")


def test_clear_widget_state_removes_only_the_widget_state():
    kernel = {"name": "python3", "display_name": "Python 3"}
    nb = nbformat.v4.new_notebook(metadata={"widgets": {"state": {}}, "kernelspec": kernel})
    nb.cells.append(nbformat.v4.new_code_cell("1", metadata={"nbgrader": {"grade": True}}))
    nb, _ = ClearWidgetState()(nb, {})
    assert nb.metadata == {"kernelspec": kernel}
    assert nb.cells[0].metadata == {"nbgrader": {"grade": True}}


def test_an_explorers_output_becomes_its_figure_then_its_numbers():
    bundle = {WIDGET_VIEW: {"model_id": "m"}, "image/png": "iVBOR", "text/plain": "eta 0.5"}
    cell = nbformat.v4.new_code_cell("x", outputs=[
        nbformat.v4.new_output("display_data", bundle),
        nbformat.v4.new_output("display_data", {"image/png": "plot", "text/plain": "<Figure>"})])
    cell, _ = StaticExplorers().preprocess_cell(cell, {}, 0)
    assert [out.data for out in cell.outputs] == [
        {"image/png": "iVBOR"}, {"text/plain": "eta 0.5"},
        {"image/png": "plot", "text/plain": "<Figure>"}]


@pytest.mark.slow
def test_generating_a_student_version_drops_the_widget_state(tmp_path):
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path)
    (tmp_path / "solutions" / "00-slider").mkdir(parents=True)
    nb = nbformat.v4.new_notebook(metadata={"widgets": {WIDGET_STATE: {"state": {}}}})
    nb.cells.append(nbformat.v4.new_code_cell("import ipywidgets\nipywidgets.IntSlider()"))
    nbformat.write(nb, tmp_path / "solutions" / "00-slider" / "00-slider.ipynb")
    subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", "*", "--force",
                    "--no-db", f"--CourseDirectory.root={tmp_path}"],
                   check=True, capture_output=True, cwd=tmp_path, timeout=120)
    student = nbformat.read(tmp_path / "notebooks" / "00-slider" / "00-slider.ipynb", 4)
    assert student.cells[0].source.startswith("import ipywidgets"), "not generated"
    assert "widgets" not in student.metadata, "generate_assignment kept the widget state"


def readme_execute_command():
    section = re.search(r"### Changing a notebook\n(.*?)\n### ", (ROOT / "README.md").read_text(),
                        re.S).group(1)
    return next(shlex.split(line) for line in section.splitlines()
                if line.startswith("jupyter nbconvert") and "--execute" in line)


@pytest.mark.slow
def test_the_readmes_execute_command_stores_no_widget_state(tmp_path):
    path = tmp_path / "slider.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import ipywidgets\nipywidgets.IntSlider()")]), path)
    command = [sys.executable, "-m", "jupyter", *readme_execute_command()[1:-1], str(path)]
    subprocess.run(command, check=True, capture_output=True, cwd=tmp_path, timeout=120)
    nb = nbformat.read(path, as_version=4)
    assert WIDGET_VIEW in nb.cells[0].outputs[0].data, "the slider did not run"
    assert "widgets" not in nb.metadata, f"{shlex.join(command)} stored the widget state"


def browser_pages():
    """(page, blocked) pairs from one headless Chromium in which only file:// loads."""
    sync_api = playwright_or_skip()
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        blocked = []

        def only_files(route):
            if route.request.url.startswith("file://"):
                route.continue_()
            else:
                blocked.append(route.request.url)
                route.abort()

        context.route("**/*", only_files)
        page = context.new_page()
        failed = []

        def note_failure(request):
            # MathJax's HTML-CSS output declares a font at about:blank on purpose (to
            # test font loading); it asks for nothing, so it is not counted.
            if request.url != "about:blank":
                failed.append(f"{request.url}: {request.failure}")

        page.on("requestfailed", note_failure)
        yield page, blocked, failed
        browser.close()


def show(page, html):
    page.goto(html.as_uri())
    page.wait_for_load_state("load")


def figures_shown(page, path):
    """The explorers' images on the page, each with its natural width and cell text."""
    return [page.evaluate("""(src) => {
        const img = [...document.images].find(i => i.src === src);
        if (!img) return null;
        return {width: img.naturalWidth, cell: img.closest('.jp-Cell').innerText};
    }""", "data:image/png;base64," + png) for png, _ in explorers(path)]


@pytest.fixture(scope="module")
def pages():
    yield from browser_pages()


@pytest.mark.slow
def test_offline_html_shows_every_explorer_and_renders_the_maths(tmp_path, pages):
    page, blocked, failed = pages
    blocked.clear(), failed.clear()
    out = tmp_path / "html"
    notebooks = [solution(n) for n in WITH_EXPLORERS]
    subprocess.run([sys.executable, "-m", "bplib", "html", *map(str, notebooks), "--out",
                    str(out)], check=True, capture_output=True, cwd=ROOT, timeout=300)
    SHOTS.mkdir(parents=True, exist_ok=True)
    for number, path in zip(WITH_EXPLORERS, notebooks):
        show(page, out / f"{path.stem}.html")
        assert page.evaluate("typeof MathJax") == "object", f"{path.stem}: no MathJax loaded"
        page.evaluate("() => new Promise(done => MathJax.Hub.Queue(done))")  # typeset done
        prose = page.evaluate("[...document.querySelectorAll('.jp-MarkdownCell')]"
                              ".map(c => c.innerText).join('\\n')")
        raw = re.findall(r"\$[^$\n]{0,40}|\\[A-Za-z]{2,}", prose)
        assert not raw, f"{path.stem}: maths left raw, e.g. {raw[:5]}"
        assert page.locator(".MathJax, .MathJax_Display").count() > 10, path.stem
        assert page.locator(f"script[type='{WIDGET_STATE}']").count() == 0, (
            f"{path.stem}: the page carries the notebook's saved widget state")
        shown = figures_shown(page, path)
        assert shown and all(s and s["width"] > 0 for s in shown), (path.stem, shown)
        for (_, numbers), s in zip(explorers(path), shown):
            assert " ".join(numbers.split()) in " ".join(s["cell"].split()), (
                f"{path.stem}: the explorer's numbers are not shown under its figure")
        page.evaluate("""(src) => [...document.images].find(i => i.src === src)
                         .scrollIntoView({block: 'center'})""",
                      "data:image/png;base64," + explorers(path)[0][0])
        page.screenshot(path=str(SHOTS / f"static-{number}.png"))
    assert not blocked, f"the offline pages asked the network for {blocked[:5]}"
    assert not failed, f"files the pages needed are missing: {failed[:5]}"


@pytest.mark.slow
def test_plain_nbconvert_html_shows_every_explorers_figure(tmp_path, pages):
    page, _, _ = pages  # nbconvert's page asks CDNs for require.js and MathJax: blocked
    notebooks = [solution(n) for n in WITH_EXPLORERS]
    subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "html",
                    "--output-dir", str(tmp_path), *map(str, notebooks)],
                   check=True, capture_output=True, cwd=ROOT, timeout=300)
    for path in notebooks:
        show(page, tmp_path / f"{path.stem}.html")
        shown = figures_shown(page, path)
        assert shown and all(s and s["width"] > 0 for s in shown), (
            f"{path.stem}: nbconvert's HTML shows no figure for an explorer: {shown}")
