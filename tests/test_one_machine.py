"""README's "One term, step by step (one machine)", as written, with real OS accounts.

One instructor and three student accounts (useradd; removed afterwards, even when the
test fails), an exchange with nbgrader's documented permissions, the student setup
(`python -m bplib student-setup`) in a config folder every account reads (a temporary
one, given as JUPYTER_CONFIG_PATH, in place of /etc/jupyter), and a course folder with
this project's nbgrader_config.py, owned by the instructor. Every command runs under its
account (runuser) with a clean environment. Checked: a student without the setup cannot
fetch; with it, each student fetches and submits from their own home folder with no
--course; collect files three distinct students; autograde (in the sandbox, as
configured) warns of a changed checksum only for the one test cell a student edited;
`nbgrader autograde --force` keeps hand grades but flags them for manual grading again;
`python -m bplib grade` settles again those whose answer did not change; feedback goes
back to each student, and the export has one row per student.

Needs root (CI runs as root), useradd and runuser, and a sandbox that can run; skips,
saying which is missing, otherwise.
"""
import csv
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest

from bplib.grading.exchange import prepare

import accounts
from classroom import ROOT, answer, exercises, solution_code, written_ids

NAME = "04-worked-example"
HANDS = ["ann", "bob", "cat"]
GRADES = """
import json, sys
from nbgrader.api import Gradebook
assignment, notebook, grade_id, names, score = sys.argv[1:6]
with Gradebook("sqlite:///gradebook.db", "backprop") as gb:
    if score != "-":  # what Formgrader's Manual Grading does when a score is typed in
        for name in names.split(","):
            grade = gb.find_grade(grade_id, notebook, assignment, name)
            grade.manual_score, grade.needs_manual_grade = float(score), False
        gb.db.commit()
    print(json.dumps({name: [g.manual_score, g.needs_manual_grade, g.score] for name in
                      names.split(",") for g in [gb.find_grade(grade_id, notebook,
                                                               assignment, name)]}))
"""


def sandbox_problem():
    from bplib.grading.sandbox import Sandbox
    return Sandbox().problem()


@pytest.fixture
def machine():
    missing = [tool for tool in ("useradd", "userdel", "runuser", "unshare")
               if not shutil.which(tool)]
    if os.geteuid() != 0 or missing:
        pytest.skip(f"needs root and useradd, userdel, runuser, unshare (CI runs as root); "
                    f"euid {os.geteuid()}, missing {missing or 'nothing'}")
    if sandbox_problem():
        pytest.skip(f"the grading sandbox cannot run here: {sandbox_problem()}")
    base = Path(tempfile.mkdtemp(prefix="bplib-one-machine-"))
    base.chmod(0o755)  # every account walks through it, as through /srv and /home
    tag = secrets.token_hex(2)
    users = {role: f"bp{role}{tag}" for role in ["teach", *HANDS]}
    made = []
    try:
        for user in users.values():
            home = base / "home" / user
            subprocess.run(["useradd", "--no-create-home", "--home-dir", str(home),
                            "--shell", "/bin/sh", "--user-group", user], check=True)
            made.append(user)
            home.mkdir(parents=True)
            shutil.chown(home, user, user)
            home.chmod(0o700)
        yield base, users
    finally:
        failed = [u for u in made if subprocess.run(["userdel", u]).returncode != 0]
        shutil.rmtree(base, ignore_errors=True)
        assert not failed, f"could not remove the test accounts {failed}"


def as_user(base, user, *args, cwd=None, config=None, check=True):
    """``args`` run as ``user`` with only a login's environment (and the config path)."""
    home = base / "home" / user
    extra = [f"JUPYTER_CONFIG_PATH={config}"] if config else []
    done = accounts.as_user(user, home, args, cwd or home, extra, hold=base / "hold")
    if check and done.returncode != 0:
        raise AssertionError(f"{user}: {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout + done.stderr


def nbgrader(base, user, *args, **kwargs):
    return as_user(base, user, "python", "-m", "nbgrader", *args, **kwargs)


def edit(path, change):
    nb = nbformat.read(str(path), as_version=4)
    change(nb)
    nbformat.write(nb, str(path))  # the file stays the student's: same owner, same mode


def grades_of(base, teacher, course, names, score="-"):
    written = written_ids(NAME)[0]
    out = as_user(base, teacher, "python", "-c", GRADES, NAME, NAME, written, ",".join(names),
                  str(score), cwd=course)
    return json.loads(out.strip().splitlines()[-1])


@pytest.mark.slow
def test_one_term_on_one_machine_with_an_account_each(machine):
    base, users = machine
    teacher, students = users["teach"], [users[h] for h in HANDS]
    exchange, etc, course = base / "exchange", base / "etc-jupyter", base / "course"
    prepare(exchange, "backprop", teacher)  # step 3: root 1777, the course's folder the teacher's
    subprocess.run([sys.executable, "-m", "bplib", "student-setup", "--course", "backprop",
                    "--exchange", str(exchange), "--prefix", str(etc)], check=True,
                   capture_output=True)
    (course / "solutions").mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "solutions" / NAME, course / "solutions" / NAME)
    subprocess.run(["chown", "-R", f"{teacher}:{teacher}", str(course)], check=True)

    as_user(base, teacher, "python", "-m", "bplib", "instructor-setup", "--course", "backprop",
            "--exchange", str(exchange), config=etc)  # into the instructor's ~/.jupyter
    nbgrader(base, teacher, "generate_assignment", NAME, "--force", cwd=course, config=etc)
    nbgrader(base, teacher, "release_assignment", NAME, cwd=course, config=etc)
    lost = nbgrader(base, students[0], "fetch_assignment", NAME, "--course", "backprop",
                    check=False)
    assert "Unwritable directory" in lost and "/usr/local/share/nbgrader/exchange" in lost, lost

    code, tests = solution_code(NAME), [t for _, t, _ in exercises(NAME)]
    written = written_ids(NAME)[0]
    changes = {  # ann: every answer; bob: every answer and one test cell edited; cat: blank
        "ann": lambda nb: answer(nb, code),
        "bob": lambda nb: (answer(nb, code), answer(nb, {tests[1]: "# mine\n" + next(
            c.source for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id")
            == tests[1])})),
        "cat": lambda nb: None}
    for hand, student in zip(HANDS, students):
        home = base / "home" / student
        nbgrader(base, student, "fetch_assignment", NAME, config=etc)
        edit(home / NAME / f"{NAME}.ipynb", changes[hand])
        nbgrader(base, student, "submit", NAME, config=etc)
    nbgrader(base, teacher, "collect", NAME, cwd=course, config=etc)
    assert sorted(p.name for p in (course / "submitted").iterdir()) == sorted(students)

    log = nbgrader(base, teacher, "autograde", NAME, cwd=course, config=etc)
    changed = re.findall(r"Attribute 'checksum' for cell (\S+) has changed", log)
    assert changed == [tests[1]], log  # bob's edited cell, and nothing untouched
    first = grades_of(base, teacher, course, students[:2])
    assert all(needs and manual is None for manual, needs, _ in first.values()), first

    graded = grades_of(base, teacher, course, students[:2], score=1)  # hand-graded: 1 point
    assert all(g == [1.0, False, 1.0] for g in graded.values()), graded
    nbgrader(base, teacher, "autograde", NAME, "--force", cwd=course, config=etc)
    forced = grades_of(base, teacher, course, students[:2])
    assert all(g == [1.0, True, 1.0] for g in forced.values()), forced  # kept, flagged again

    grades_of(base, teacher, course, students[:2], score=1)  # the grader settles them again
    home = base / "home" / students[1]  # bob rewrites his written answer and hands in again
    edit(home / NAME / f"{NAME}.ipynb", lambda nb: answer(nb, {written: "A new answer."}))
    nbgrader(base, students[1], "submit", NAME, config=etc)
    nbgrader(base, teacher, "collect", NAME, "--update", cwd=course, config=etc)
    as_user(base, teacher, "python", "-m", "bplib", "grade", NAME, "--jobs", "1", cwd=course,
            config=etc)
    regraded = grades_of(base, teacher, course, students[:2])
    assert regraded == {students[0]: [1.0, False, 1.0], students[1]: [1.0, True, 1.0]}, regraded

    nbgrader(base, teacher, "generate_feedback", NAME, cwd=course, config=etc)
    nbgrader(base, teacher, "release_feedback", NAME, cwd=course, config=etc)
    for student in students:
        nbgrader(base, student, "fetch_feedback", NAME, config=etc)
        assert list((base / "home" / student / NAME / "feedback").rglob(f"{NAME}.html"))
    nbgrader(base, teacher, "export", "--to", "grades.csv", cwd=course, config=etc)
    with open(course / "grades.csv") as f:
        scores = {row["student_id"]: float(row["score"]) for row in csv.DictReader(f)}
    full = sum(points for _, _, points in exercises(NAME))  # bob's edited test: the original ran
    assert scores == {students[0]: full + 1, students[1]: full + 1, students[2]: 0}, scores
