"""The student setup in a real browser: JupyterLab shows a student the Assignments tab and
Validate, and none of nbgrader's instructor tools; with the instructor setup it shows them.

Each role's files come from `python -m bplib student-setup` / `instructor-setup`, written
into a temporary folder the server reads as its system-wide config (Lab's config_path,
from tests/test_browser.py, which also keeps every other folder in a temporary home).
What is looked at: the Nbgrader menu's items, the Create Assignment side panel, the
commands the page registered, the Validate button on an open notebook, the Assignments
tab's own content, and whether the server answers /formgrader at all. Screenshots with
the Nbgrader menu open go to build/screenshots/student-setup.png and
instructor-setup.png.
"""
import json
import re
import time
import urllib.error
import urllib.request

import pytest

from bplib.classsetup import main as setup
from test_browser import NOTEBOOK, SHOTS, Lab, local_page, playwright_or_skip, serving

INSTRUCTOR_ONLY = ["Course List", "Formgrader", "Create assignment"]
COMMANDS = {"formgrader": "nbgrader:open-formgrader", "courses": "nbgrader:open-course-list",
            "create": "nbgrader:open-create-assignment",
            "assignments": "nbgrader:open-assignment-list"}


def formgrader_status(lab):
    try:
        with urllib.request.urlopen(lab.url("formgrader"), timeout=20) as reply:
            return reply.status
    except urllib.error.HTTPError as error:
        return error.code


def what_the_page_shows(page, lab, shot):
    """Everything the test compares between the roles, after one pass through the page."""
    page.goto(lab.url("lab/tree/explorer.ipynb"))
    page.locator(".jp-Notebook").first.wait_for()
    page.locator("#jp-main-statusbar").get_by_text(re.compile(r"Idle")).wait_for()
    seen = {"commands": page.evaluate(
        "(ids) => Object.fromEntries(Object.entries(ids).map("
        "([k, id]) => [k, window.jupyterapp.commands.hasCommand(id)]))", COMMANDS)}
    validate = page.locator(".jp-NotebookPanel-toolbar").get_by_text("Validate", exact=True)
    validate.wait_for()
    seen["validate"] = validate.is_visible()
    seen["create panel"] = page.evaluate(
        "!!document.getElementById('nbgrader-create_assignemnt')")
    seen["create tab"] = page.locator(".jp-SideBar.jp-mod-right").get_by_text(
        "Create Assignment").count() > 0

    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
    menu = page.locator("#jp-mainmenu-nbgrader")
    menu.wait_for()
    page.locator(".lm-Menu-item", has_text="Assignment List").click()
    assignments = page.locator("#nbgrader-assignment-list")
    assignments.get_by_text("Released assignments").wait_for()
    seen["assignments tab"] = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab").get_by_text(
        "Assignments", exact=True).is_visible()
    # the lists load after the panel opens: wait until the released list has answered
    assignments.get_by_text(re.compile("There are no assignments to fetch|Fetch")).first.wait_for()
    seen["assignments text"] = assignments.inner_text()

    page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab").get_by_text("explorer.ipynb").click()
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
    menu.wait_for()
    time.sleep(0.5)  # the menu's items render in the frame after it opens
    seen["menu"] = [label.strip() for label in
                    menu.locator(".lm-Menu-item:visible .lm-Menu-itemLabel").all_inner_texts()]
    page.screenshot(path=str(SHOTS / shot))
    page.keyboard.press("Escape")
    seen["formgrader page"] = formgrader_status(lab)
    return seen


def run_role(tmp_path, sync_api, role):
    home = tmp_path / role
    home.mkdir()
    exchange = tmp_path / "exchange"
    exchange.mkdir(mode=0o777, exist_ok=True)
    etc = home / "etc-jupyter"
    assert setup(["--course", "backprop", "--exchange", str(exchange),
                  "--prefix", str(etc)], role) == 0
    lab = Lab(home, config_path=etc)
    (lab.root / "explorer.ipynb").write_text(json.dumps(NOTEBOOK))
    with serving(lab), sync_api.sync_playwright() as p:
        browser, page = local_page(p, timeout=90_000)
        try:
            return what_the_page_shows(page, lab, f"{role}-setup.png")
        finally:
            browser.close()


@pytest.mark.slow
def test_students_see_assignments_and_validate_and_no_instructor_tools(tmp_path):
    sync_api = playwright_or_skip()
    SHOTS.mkdir(parents=True, exist_ok=True)
    student = run_role(tmp_path, sync_api, "student")
    instructor = run_role(tmp_path, sync_api, "instructor")

    for seen in (student, instructor):  # what both roles use
        assert seen["validate"] and seen["assignments tab"], seen
        assert "Assignment List" in seen["menu"] and seen["commands"]["assignments"], seen
        assert "There are no assignments to fetch" in seen["assignments text"], seen
    assert student["menu"] == ["Assignment List"], student
    assert not any(student["commands"][k] for k in ("formgrader", "courses", "create")), student
    assert not student["create panel"] and not student["create tab"], student
    assert student["formgrader page"] == 404, student

    assert [label for label in INSTRUCTOR_ONLY if label in instructor["menu"]] == \
        INSTRUCTOR_ONLY, instructor
    assert all(instructor["commands"].values()), instructor
    assert instructor["create panel"] and instructor["create tab"], instructor
    assert instructor["formgrader page"] == 200, instructor
