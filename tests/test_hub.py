"""A class on a real JupyterHub, end to end in headless Chromium.

One instructor and three students with OS accounts of their own (the one-machine test's
`machine` fixture: created by useradd, homes 0700, removed afterwards even when the test
fails), a JupyterHub on 127.0.0.1 (tests/hub.py: a real server process per user under
the user's own uid), the student setup (`python -m bplib student-setup`) in a temporary
folder that every server reads as its system-wide config, the exchange laid out as
bplib/grading/exchange.py does, and the course (this project's nbgrader_config.py) in the
instructor's home (tests/hub_class.py sets all of that up, and says what each student
answers). Through the browser: each student logs in, fetches notebook 04 from
the Assignments tab, answers (the notebook is written through JupyterLab's contents
service, as the editor saves it) and submits from the Assignments tab; the instructor
collects, autogrades each submission (sandboxed, as configured), grades one written
answer and generates and releases feedback, all in Formgrader; each student fetches
feedback from the Assignments tab and reads their own score in it. Students have no
instructor tools and no Formgrader; the instructor has both. Screenshots go to
build/screenshots/hub-*.png.

Needs root, useradd, runuser, unshare, a sandbox that runs, JupyterHub and
configurable-http-proxy, Chromium and Playwright (.ci/run installs them all); skips,
saying which is missing, otherwise.
"""
import pwd
import secrets
import time
from urllib.parse import urlparse

import pytest

import hub as hubs
from classroom import written_ids
from hub_class import COURSE, NAME, WRITTEN_SCORE, answers_and_scores, set_up_class
from test_browser import CHROMIUM, CHROMIUM_ARGS, SHOTS, playwright_or_skip
from test_one_machine import machine  # noqa: F401 (a fixture)


def shot(page, name):
    page.screenshot(path=str(SHOTS / f"hub-{name}.png"))


def assignments_tab(page):
    """The Assignments tab, opened from the Nbgrader menu as a student would."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
    page.locator("#jp-mainmenu-nbgrader .lm-Menu-item", has_text="Assignment List").click()
    panel = page.locator("#nbgrader-assignment-list")
    panel.get_by_text("Released assignments").wait_for()
    return panel


def fetch_answer_submit(page, user, answers):
    panel = assignments_tab(page)
    panel.locator("#released_assignments_list").get_by_role("button", name="Fetch").click()
    fetched = panel.locator("#fetched_assignments_list")
    fetched.get_by_role("button", name="Submit").wait_for()
    page.evaluate("""async ([path, answers]) => {
        const contents = window.jupyterapp.serviceManager.contents;
        const model = await contents.get(path, {content: true});
        for (const cell of model.content.cells) {
            const id = ((cell.metadata || {}).nbgrader || {}).grade_id;
            if (id in answers) cell.source = answers[id];
        }
        await contents.save(path, {type: "notebook", format: "json", content: model.content});
    }""", [f"{NAME}/{NAME}.ipynb", answers])
    fetched.get_by_role("button", name="Submit").click()
    panel.locator("#submitted_assignments_list").get_by_text(NAME).wait_for()
    shot(page, f"submitted-{user}")


INSTRUCTOR_COMMANDS = ["nbgrader:open-formgrader", "nbgrader:open-course-list",
                       "nbgrader:open-create-assignment"]


def tools_of(page):
    """Which of nbgrader's instructor commands the page's JupyterLab has."""
    return page.evaluate("ids => ids.filter(id => window.jupyterapp.commands.hasCommand(id))",
                         INSTRUCTOR_COMMANDS)


def formgrader(page, hub):
    """The HTTP status of Formgrader's page on the server ``page`` shows."""
    user = urlparse(page.url).path.split("/")[2]
    return page.request.get(f"{hub.url}/user/{user}/formgrader").status


def click_and_close(page, row, cell):
    """Click a Formgrader action (an icon in ``cell`` of ``row``) and wait for its result."""
    row.locator(f"td.{cell} a").click()
    modal = page.locator(".modal.in")  # Formgrader's dialog after every action
    modal.wait_for()
    title, text = modal.locator(".modal-title").inner_text(), modal.inner_text()
    assert title == "Success", f"{cell}: {title}\n{text}"
    modal.get_by_role("button", name="Close").first.click()
    modal.wait_for(state="detached")
    page.locator(".modal-backdrop").wait_for(state="detached")
    return text


def grade_in_formgrader(page, hub, teacher, students, ann):
    formgrader = f"{hub.url}/user/{teacher}/formgrader"
    page.goto(f"{formgrader}/manage_assignments")
    row = page.locator("tr", has_text=NAME)
    click_and_close(page, row, "collect")
    page.goto(f"{formgrader}/manage_submissions/{NAME}")
    for student in students:
        log = click_and_close(page, page.locator("tr", has_text=student), "autograde")
        # the course's grading ran: the sandbox's judge logs each verdict it gives
        assert "judged forward-tests" in log and "UNSAFE" not in log, log
    shot(page, "formgrader-autograded")
    ids = page.request.get(f"{formgrader}/api/submitted_notebooks/{NAME}/{NAME}").json()
    submission = next(s["id"] for s in ids if s["student"] == ann)
    page.goto(f"{formgrader}/submissions/{submission}")
    box = page.locator(f"input.score#{written_ids(NAME)[0]}")
    box.fill(str(WRITTEN_SCORE))
    with page.expect_response(lambda r: "/formgrader/api/grade/" in r.url
                              and r.request.method == "PUT") as saved:
        box.press("Tab")  # Formgrader saves a score when its box loses focus
    assert saved.value.ok, saved.value.status
    shot(page, "formgrader-written-answer")
    page.goto(f"{formgrader}/manage_assignments")
    row = page.locator("tr", has_text=NAME)
    click_and_close(page, row, "generate-feedback")
    click_and_close(page, row, "release-feedback")
    shot(page, "formgrader-feedback-released")


def score_in_feedback(page, user):
    """Fetch Feedback in the Assignments tab, follow its link, open the HTML, read the score."""
    panel = assignments_tab(page)
    panel.get_by_role("button", name="Fetch Feedback").click()
    panel.get_by_text("(view feedback)").click()
    page.locator(".jp-FileBrowser .jp-DirListing-item", has_text=".html").first.dblclick()
    heading = page.frame_locator(".jp-HTMLViewer iframe").locator(
        "h4", has_text="Score").first
    heading.wait_for()
    shot(page, f"feedback-{user}")
    return float(heading.inner_text().split("Score:")[1].split("/")[0])


@pytest.mark.slow
def test_a_class_on_jupyterhub_in_the_browser(machine):  # noqa: F811
    if hubs.hub_problem():
        pytest.skip(hubs.hub_problem())
    sync_api = playwright_or_skip()
    started = time.monotonic()
    base, users = machine
    teacher, hands = users["teach"], ["ann", "bob", "cat"]
    students = [users[h] for h in hands]
    etc = set_up_class(base, users)
    answers, expected = answers_and_scores()
    SHOTS.mkdir(parents=True, exist_ok=True)
    hub = hubs.Hub(base / "hub", users.values(), secrets.token_hex(12), etc)
    try:
        hub.wait_until_up()
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                        args=CHROMIUM_ARGS)
            pages = {}
            for user in [teacher, *students]:  # each in a browser of their own
                context = browser.new_context(viewport={"width": 1400, "height": 900})
                context.route("**/*", lambda route: route.continue_()
                              if urlparse(route.request.url).hostname == "127.0.0.1"
                              else route.abort())
                pages[user] = hubs.log_in(context, hub, user)
            for hand, student in zip(hands, students):
                fetch_answer_submit(pages[student], hand, answers[hand])
                # every plugin is up once the Assignments tab works: none is the instructor's
                assert tools_of(pages[student]) == [] and formgrader(pages[student], hub) == 404
            assert tools_of(pages[teacher]) == INSTRUCTOR_COMMANDS
            assert formgrader(pages[teacher], hub) == 200
            inbound = base / "exchange" / COURSE / "inbound"
            owners = {p.name.split("+")[0]: p.stat().st_uid for p in inbound.iterdir()}
            assert owners == {s: pwd.getpwnam(s).pw_uid for s in students}  # a uid each
            grade_in_formgrader(pages[teacher], hub, teacher, students, users["ann"])
            seen = {hand: score_in_feedback(pages[student], hand)
                    for hand, student in zip(hands, students)}
            assert seen == expected, (seen, expected)
            browser.close()
    except BaseException:
        print("----- JupyterHub's log -----\n" + hub.text_of_log())
        raise
    finally:
        hub.stop()
        hubs.end_leftovers(users.values())
    assert time.monotonic() - started < 300, time.monotonic() - started
