"""The class that tests/test_hub.py runs on its hub: what each student answers, the score
each should then see, and the setup a hub's machine needs before anyone logs in.

set_up_class does, as root, what README.md's "A class on JupyterHub" tells an
administrator to do: the exchange laid out by bplib/grading/exchange.py, the student
setup in the folder the hub gives as system-wide config, the course (this project's
nbgrader_config.py and notebook 04) in the instructor's 0700 home, the instructor's own
setup with the lines that load the course's config and collect with OwnedCollect, and
notebook 04 generated and released by the instructor. Expected scores come from the
source notebook's points, never from a run.

Trusts: the accounts it is given exist (the one-machine test's `machine` fixture).
"""
import shutil
import subprocess
import sys

from classroom import ROOT, exercises, solution_code, written_ids
from test_one_machine import as_user

from bplib.grading import exchange as layout

NAME = "04-worked-example"
COURSE = "backprop"
WRITTEN_SCORE = 2.0  # what the instructor gives ann's written answer in Formgrader


def answers_and_scores():
    """What each student answers (grade_id -> source) and the score they should see."""
    code, found = solution_code(NAME), exercises(NAME)
    written = written_ids(NAME)[0]
    ann = {gid: code[gid] for gid, _, _ in found}
    ann[written] = "Every delta must come from the old weights, before any weight moves."
    bob = {gid: code[gid] for gid, _, _ in found[:2]}
    cat = {found[0][0]: code[found[0][0]]}
    points = {gid: p for gid, _, p in found}
    score = {hand: sum(points[g] for g in chosen if g in points)
             for hand, chosen in (("ann", ann), ("bob", bob), ("cat", cat))}
    score["ann"] += WRITTEN_SCORE
    return {"ann": ann, "bob": bob, "cat": cat}, score


def set_up_class(base, users):
    """Exchange, system-wide config, course and instructor config, all as on a real hub."""
    teacher = users["teach"]
    exchange, etc = base / "exchange", base / "etc-jupyter"
    layout.prepare(exchange, COURSE, teacher)
    subprocess.run([sys.executable, "-m", "bplib", "student-setup", "--course", COURSE,
                    "--exchange", str(exchange), "--prefix", str(etc)], check=True,
                   capture_output=True)
    course = base / "home" / teacher / "course"
    (course / "solutions").mkdir(parents=True)
    (course / "nbgrader_config.py").write_text((ROOT / "nbgrader_config.py").read_text())
    shutil.copytree(ROOT / "solutions" / NAME, course / "solutions" / NAME)
    subprocess.run(["chown", "-R", f"{teacher}:{teacher}", str(course)], check=True)
    as_user(base, teacher, "python", "-m", "bplib", "instructor-setup", "--course", COURSE,
            "--exchange", str(exchange), config=etc)
    mine = base / "home" / teacher / ".jupyter" / "nbgrader_config.py"
    with open(mine, "a") as config:  # the file stays the instructor's
        config.write(layout.instructor_lines(course))
    for user in users.values():  # no "fetch Jupyter news?" pop-up over the screenshots
        news = base / "home" / user / ".jupyter/lab/user-settings/@jupyterlab/apputils-extension"
        news.mkdir(parents=True, exist_ok=True)
        (news / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
        subprocess.run(["chown", "-R", f"{user}:{user}", str(base / "home" / user / ".jupyter")],
                       check=True)
    for step in ("generate_assignment", "release_assignment"):
        as_user(base, teacher, "python", "-m", "nbgrader", step, NAME, cwd=course, config=etc)
    return etc
