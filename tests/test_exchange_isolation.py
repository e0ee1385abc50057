"""Isolation between students in nbgrader's exchange, attack by attack, with real accounts.

Every attack runs as a student account (ann, bob, cat; one instructor; the one-machine
test's `machine` fixture) through nbgrader's own commands and plain file operations,
once with the defence and once without it, and must succeed exactly when the defence is
off. The defences are bplib/grading/exchange.py's (the exchange's layout and OwnedCollect)
and the folder modes a hub's accounts get (homes 0700, the course in the instructor's
home). What nbgrader 0.9 itself already does is measured the same way: its inbound folder
can be written but not listed, and the attack that succeeds when it can be listed (as
the submissions of nbgrader issues #978 and #1174 could be) is shown beside it.

The course is one small notebook, so that every attack runs in seconds; the hub test
(tests/test_hub.py) runs the real course through the same exchange.
"""
import json
import re
import subprocess
import sys

import pytest

from test_one_machine import as_user, machine  # noqa: F401 (machine is a fixture)

from bplib.grading import exchange as layout

COURSE, NAME = "backprop", "a1"
NOTEBOOK = {"cells": [{"cell_type": "markdown", "id": "answer", "metadata": {},
                       "source": "Answer here."}],
            "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
SECRET = "THE INSTRUCTOR'S SOLUTION"


def small_class(base, users, defended):
    """Exchange, student setup and a released one-notebook course; returns (course, etc)."""
    teacher = users["teach"]
    exchange, etc = base / "exchange", base / "etc-jupyter"
    if defended:
        layout.prepare(exchange, COURSE, teacher)
    else:  # nbgrader's documented way: `mkdir -p ... && chmod ugo+rw ...`
        exchange.mkdir()
        exchange.chmod(0o777)
    subprocess.run([sys.executable, "-m", "bplib", "student-setup", "--course", COURSE,
                    "--exchange", str(exchange), "--prefix", str(etc)], check=True,
                   capture_output=True)
    course = base / "home" / teacher / "course"
    (course / "source" / NAME).mkdir(parents=True)
    nb = dict(NOTEBOOK, cells=[dict(NOTEBOOK["cells"][0], source=SECRET)])
    (course / "source" / NAME / f"{NAME}.ipynb").write_text(json.dumps(nb))
    (course / "nbgrader_config.py").write_text(
        f"c = get_config()  # noqa: F821\nc.CourseDirectory.root = {str(course)!r}\n"
        f"c.CourseDirectory.course_id = {COURSE!r}\nc.Exchange.root = {str(exchange)!r}\n"
        + ("c.ExchangeFactory.collect = 'bplib.grading.exchange.OwnedCollect'\n"
           if defended else ""))
    (course / "release" / NAME).mkdir(parents=True)  # the student version: just the cell
    (course / "release" / NAME / f"{NAME}.ipynb").write_text(json.dumps(NOTEBOOK))
    subprocess.run(["chown", "-R", f"{teacher}:{teacher}", str(course)], check=True)
    for step in ("db", "assignment", "add", NAME), ("release_assignment", NAME):
        teach(base, users, course, etc, *step)
    return course, etc


def teach(base, users, course, etc, *args):
    """An nbgrader command of the instructor's, in the course folder; returns its log."""
    return as_user(base, users["teach"], "python", "-m", "nbgrader", *args, cwd=course,
                   config=etc)


def student(base, users, hand, *args, check=True):
    return as_user(base, users[hand], *args, config=base / "etc-jupyter", check=check)


def hand_in(base, users, hand, text, *extra):
    """``hand`` fetches, writes ``text`` as the answer and submits; returns submit's log."""
    student(base, users, hand, "python", "-m", "nbgrader", "fetch_assignment", NAME)
    path = base / "home" / users[hand] / NAME / f"{NAME}.ipynb"
    student(base, users, hand, "python", "-c", "import json, sys; nb = json.load(open(sys.argv"
            "[1])); nb['cells'][0]['source'] = sys.argv[2]; json.dump(nb, open(sys.argv[1], "
            "'w'))", str(path), text)
    return student(base, users, hand, "python", "-m", "nbgrader", "submit", NAME, *extra)


def collected(course, users, hand):
    path = course / "submitted" / users[hand] / NAME / f"{NAME}.ipynb"
    return json.loads(path.read_text())["cells"][0]["source"] if path.exists() else None


DEFENCE = pytest.mark.parametrize("defended", [True, False], ids=["defended", "undefended"])


@pytest.mark.slow
@DEFENCE
def test_a_student_swaps_the_course_folder_and_reads_what_classmates_hand_in(machine, defended):
    base, users = machine
    course, etc = small_class(base, users, defended)
    exchange = base / "exchange"
    swap = (f"mv {exchange}/{COURSE} {exchange}/.{COURSE} && mkdir -p {exchange}/{COURSE}/"
            f"inbound && cp -r {exchange}/.{COURSE}/outbound {exchange}/{COURSE}/ && "
            f"chmod 0777 {exchange}/{COURSE}/inbound")
    swapped = student(base, users, "bob", "sh", "-c", swap, check=False)
    if defended:
        assert "Operation not permitted" in swapped, swapped
    hand_in(base, users, "ann", "ann's own answer")
    peek = student(base, users, "bob", "sh", "-c", f"cat {exchange}/{COURSE}/inbound/*/"
                   f"{NAME}.ipynb", check=False)
    assert ("ann's own answer" in peek) == (not defended), peek


@pytest.mark.slow
@DEFENCE
def test_a_student_hands_in_under_a_classmates_name(machine, defended):
    base, users = machine
    course, etc = small_class(base, users, defended)
    hand_in(base, users, "ann", "ann's own answer")
    hand_in(base, users, "bob", "bob's answer, filed as ann's", "--student", users["ann"])
    log = teach(base, users, course, etc, "collect", NAME)
    if defended:
        assert collected(course, users, "ann") == "ann's own answer", log
        assert re.search(rf"Not collecting {users['ann']}\+.*belongs to {users['bob']}", log)
    else:
        assert collected(course, users, "ann") == "bob's answer, filed as ann's", log


@pytest.mark.slow
@DEFENCE
def test_a_student_links_the_instructors_solution_into_their_submission(machine, defended):
    base, users = machine
    course, etc = small_class(base, users, defended)
    log = hand_in(base, users, "bob", "bob's answer")
    folder = re.search(r"Destination: (.*inbound/\S+\+\S+ \S+ UTC\+\S+)", log).group(1)
    solution = course / "source" / NAME / f"{NAME}.ipynb"
    student(base, users, "bob", "ln", "-sf", str(solution), f"{folder}/{NAME}.ipynb")
    log = teach(base, users, course, etc, "collect", NAME)
    if defended:
        assert collected(course, users, "bob") is None and "is a symbolic link" in log, log
    else:
        assert collected(course, users, "bob") == SECRET, log


@pytest.mark.slow
@pytest.mark.parametrize("homes", [0o700, 0o755], ids=["homes-0700", "homes-0755"])
def test_a_student_reads_a_classmates_home_and_the_instructors_course(machine, homes):
    base, users = machine
    course, etc = small_class(base, users, defended=True)
    hand_in(base, users, "ann", "ann's own answer")
    for hand in ("teach", "ann"):  # useradd's Debian default is 0755 (UMASK 022)
        (base / "home" / users[hand]).chmod(homes)
    mine = base / "home" / users["ann"] / NAME / f"{NAME}.ipynb"
    solution = course / "source" / NAME / f"{NAME}.ipynb"
    peek = student(base, users, "bob", "sh", "-c", f"cat '{mine}' '{solution}'; test -r "
                   f"'{course}/gradebook.db' && echo the gradebook is readable", check=False)
    for leak in ("ann's own answer", SECRET, "the gradebook is readable"):
        assert (leak in peek) == (homes == 0o755), peek


@pytest.mark.slow
@pytest.mark.parametrize("inbound", [0o2733, 0o2777], ids=["nbgrader-0.9", "listable"])
def test_a_student_lists_the_inbound_folder_and_reads_a_submission(machine, inbound):
    base, users = machine
    course, etc = small_class(base, users, defended=True)
    folder = base / "exchange" / COURSE / "inbound"
    assert folder.stat().st_mode & 0o7777 == 0o2733  # what nbgrader 0.9.6 makes
    folder.chmod(inbound)
    hand_in(base, users, "ann", "ann's own answer")
    peek = student(base, users, "bob", "sh", "-c", f"cat {folder}/*/{NAME}.ipynb", check=False)
    assert ("ann's own answer" in peek) == (inbound == 0o2777), peek
    change = student(base, users, "bob", "sh", "-c", f"rm -rf {folder}/{users['ann']}+*; "
                     f"ls {folder}", check=False)
    left = [p.name for p in folder.iterdir() if p.name.startswith(users["ann"] + "+")]
    assert bool(left) == (inbound == 0o2733), (change, left)
