"""Formgrader and feedback in a real browser: no student script runs.

A student hands in notebook 04 with a written answer full of HTML that would run script
(an <img> whose onerror fires, a <script>, a javascript: link, an <svg onload>) and an
answer cell whose outputs are HTML and JavaScript doing the same. The class is graded
with nbgrader's real commands; then headless Chromium opens the submission in
Formgrader (JupyterLab serving the course, as an instructor would) and the student's
HTML feedback. Every payload would set ``window.__xss`` and fetch a /xss-... address:
neither may happen, no dialog may open, and the javascript: link must be gone.
Screenshots go to build/screenshots/. Without Chromium or Playwright the test skips.
"""
import time
from urllib.parse import urlparse

import nbformat
import pytest

from classroom import ROOT, grades, make_course, nbgrader, solution_code
from nbrun import nbgrader_meta, read
from test_browser import CHROMIUM, CHROMIUM_ARGS, SHOTS, Lab, playwright_or_skip, serving

from bplib.grading import Sandbox

pytestmark = pytest.mark.slow
NAME = "04-worked-example"
WRITTEN = """My answer. <img src=x onerror="window.__xss='img'; fetch('/xss-img')">
<script>window.__xss = 'script'; fetch('/xss-script')</script>
<svg onload="window.__xss='svg'; fetch('/xss-svg')"></svg>
[read more](javascript:window.__xss='link';fetch('/xss-link'))
<a href="javascript:window.__xss='a';fetch('/xss-a')">and more</a>"""
OUTPUTS = """
from IPython.display import HTML, Javascript, SVG, display
display(HTML("<b>bold</b><script>window.__xss='out'; fetch('/xss-out')</script>"
             "<img src=y onerror=\\"window.__xss='out-img'; fetch('/xss-out-img')\\">"))
display(Javascript("window.__xss = 'js'; fetch('/xss-js')"))
display(SVG('<svg xmlns="http://www.w3.org/2000/svg" onload="window.__xss=1;fetch(\\'/xss-svg-out\\')"></svg>'))
"""


def hostile_notebook():
    nb = read(ROOT / "notebooks" / NAME / f"{NAME}.ipynb")
    code = solution_code(NAME)
    for cell in nb.cells:
        gid = nbgrader_meta(cell).get("grade_id")
        if gid == "old-weights-answer":
            cell.source = WRITTEN
        elif gid == "forward-solution":
            cell.source = code[gid] + "\n" + OUTPUTS
    return nbformat.writes(nb)


def visit(page, url, shot):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    time.sleep(2)  # an onerror or onload would have fired by now
    page.get_by_text("My answer.").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / shot))
    return page.evaluate("typeof window.__xss") != "undefined"


UNSANITISED = ("c.HTMLExporter.preprocessors", "c.HTMLExporter.filters")


@pytest.mark.parametrize("sanitised", [True, False], ids=["as-configured", "without-sanitizer"])
def test_no_student_script_runs_in_formgrader_or_feedback(tmp_path, sanitised):
    sync_api = playwright_or_skip()
    if Sandbox().problem():
        pytest.skip(Sandbox().problem())
    (tmp_path / "class").mkdir()
    course, _ = make_course(tmp_path / "class", [NAME], cell_limit=20)
    if not sanitised:  # the attack, shown to work without the defence
        config = course / "nbgrader_config.py"
        config.write_text("\n".join(line for line in config.read_text().splitlines()
                                    if not line.startswith(UNSANITISED)))
    folder = course / "submitted" / "mallory" / NAME
    folder.mkdir(parents=True)
    (folder / f"{NAME}.ipynb").write_text(hostile_notebook())
    nbgrader("autograde", NAME, "--create", cwd=course)
    nbgrader("generate_feedback", NAME, cwd=course)
    assert grades(course)[(NAME, "mallory")] == 2.0  # the forward exercise, answered
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        submission_id = gb.find_submission_notebook(NAME, NAME, "mallory").id
    feedback = next((course / "feedback").rglob(f"{NAME}.html"))
    SHOTS.mkdir(parents=True, exist_ok=True)
    (tmp_path / "lab").mkdir()
    lab = Lab(tmp_path / "lab", root=course)
    with serving(lab), sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        requests, dialogs = [], []
        context.route("**/*", lambda route: route.continue_()
                      if urlparse(route.request.url).hostname in ("127.0.0.1", None, "")
                      or route.request.url.startswith("file:") else route.abort())
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.set_default_timeout(60_000)
        tag = "sanitised" if sanitised else "unsanitised"
        ran = [visit(page, lab.url(f"formgrader/submissions/{submission_id}"),
                     f"formgrader-hostile-answer-{tag}.png"),
               visit(page, feedback.as_uri(), f"feedback-hostile-answer-{tag}.png")]
        assert "My answer." in page.content()
        scripts = [r for r in requests if "/xss" in r] + dialogs
        if sanitised:
            assert ran == [False, False] and scripts == []
            assert page.locator("a[href^='javascript']").count() == 0
        else:
            assert ran == [True, True] and scripts
        browser.close()
