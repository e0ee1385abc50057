"""The red team against the sandbox: a hostile class graded with nbgrader's real commands.

The class of tests/redteam.py (honest, unlucky and hostile submissions of notebook 04)
is graded with `nbgrader autograde`, then graded again with `python -m bplib grade
--jobs 2`. The grader runs with a HOME of its own and a secret in its environment, and
listens on its loopback. Afterwards every student has exactly the points their own
correct, running answers earn; nothing the course protects has changed; no process and
no file of any attack is left; and both gradings agree. Every attack is also shown to
have run (it printed its report), so that a blocked attack is not a missing one.
tests/test_redteam_off.py shows each attack succeeding without the defence.
"""
import os
import subprocess
import sys
import time

import pytest

from classroom import ENV, grades, make_course, nbgrader
from redteam import ATTACKS, CLASS, FULL, NAME, SECRET, hand_in_all, reports
from sandbox_probe import Listener, digest, leftovers, markers

from bplib.grading import Sandbox

CELL_LIMIT = 10
UID_BASE = Sandbox().uid_base
PROTECTED = ("submitted", "solutions", "notebooks", "nbgrader_config.py", "source")
# what grading itself writes in the course: nbgrader's results, the judge's key, and the
# named mistakes RecordMistakes writes from the grader's verdicts (bplib/misconceptions)
NBGRADER_WRITES = ("autograded/", "gradebook.db", "grades.csv", ".bplib-grading-key",
                   "mistakes/")

pytestmark = pytest.mark.slow


def sandbox_or_skip():
    problem = Sandbox().problem()
    if problem:
        pytest.skip(problem)


def prepare(base, context_extra=None):
    """A course with the red-team class handed in, a grader HOME, env and listener."""
    course, _ = make_course(base, [NAME], cell_limit=CELL_LIMIT)
    home = base / "grader-home"
    home.mkdir()
    env = dict(ENV, HOME=str(home), REDTEAM_GRADER_SECRET=SECRET)
    # the grader's own first-run files (font cache, Jupyter's migration marker), made
    # before anything is measured
    subprocess.run([sys.executable, "-c", "import matplotlib.font_manager; "
                    "from jupyter_core.migrate import migrate; migrate()"], env=env, check=True)
    listener = Listener()
    context = dict(course=str(course), home=str(home), port=listener.port)
    hand_in_all(course, context)
    return course, home, env, listener


def fingerprint(course, home):
    """Everything grading must leave as it was: the protected files, the rest of the
    course tree apart from what nbgrader itself writes, and the grader's HOME."""
    tree = digest(course)
    return {"protected": {p: digest(course / p) if (course / p).is_dir() else
                          (course / p).read_bytes() for p in PROTECTED if (course / p).exists()},
            "course": {k: v for k, v in tree.items() if not k.startswith(NBGRADER_WRITES)},
            "home": digest(home)}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    sandbox_or_skip()
    base = tmp_path_factory.mktemp("redteam")
    course, home, env, listener = prepare(base)
    before = fingerprint(course, home)
    start = time.monotonic()
    serial_log = nbgrader("autograde", NAME, "--create", cwd=course, check=False, env=env)
    serial_seconds = time.monotonic() - start
    serial = grades(course, env)
    time.sleep(3)  # a detached process would have acted by now
    left_serial = leftovers(UID_BASE)
    done = subprocess.run([sys.executable, "-m", "bplib", "grade", NAME, "--jobs", "2"],
                          cwd=course, env=env, capture_output=True, text=True, timeout=1800)
    again = grades(course, env)
    time.sleep(3)
    listener.close()
    print(f"red team: {len(CLASS)} students graded serially in {serial_seconds:.0f} s")
    return dict(course=course, home=home, base=base, serial=serial, again=again,
                log=serial_log + done.stdout + done.stderr, parallel_rc=done.returncode,
                before=before, after=fingerprint(course, home), listener=listener,
                left=left_serial + leftovers(UID_BASE))


def score(graded, student, which="serial"):
    return graded[which].get((NAME, student))


@pytest.mark.parametrize("sub", CLASS, ids=[s.student for s in CLASS])
def test_every_student_gets_exactly_what_their_own_answers_earn(graded, sub):
    assert score(graded, sub.student) == sub.points, graded["log"][-3000:]


def test_grading_again_in_parallel_gives_the_same_grades(graded):
    assert graded["parallel_rc"] == 0, graded["log"][-3000:]
    assert graded["again"] == graded["serial"]


def test_no_protected_file_and_nothing_in_the_graders_home_changed(graded):
    assert graded["after"] == graded["before"]


def test_autograded_holds_only_the_notebooks_and_the_submitted_files(graded):
    course = graded["course"]
    for folder in (course / "autograded").glob(f"*/{NAME}"):
        submitted = course / "submitted" / folder.parent.name / NAME
        names = {p.name for p in folder.iterdir()}
        assert names <= {f"{NAME}.ipynb"} | {p.name for p in submitted.iterdir()}, folder


def test_no_attack_left_a_file_anywhere(graded):
    assert markers(graded["base"], graded["home"], "/tmp", "/dev/shm", os.path.expanduser("~")) == []


def test_no_process_is_left_running(graded):
    assert graded["left"] == []


@pytest.mark.parametrize("sub", [s for s in ATTACKS if s.attack],
                         ids=[s.student for s in ATTACKS if s.attack])
def test_every_attack_ran_and_reported(graded, sub):
    assert reports(graded["course"], sub.student), f"{sub.student} never reported"


def report(graded, student):
    return reports(graded["course"], student)[0]


def test_attacks_saw_none_of_the_course(graded):
    for student in ("a01-gradebook", "a04-hidden-tests", "a03-course-files"):
        assert all("missing" in str(v) or "Error" in str(v)
                   for v in report(graded, student).values()), report(graded, student)
    assert report(graded, "a12-other-students")["copied from"] == []
    assert "FileNotFoundError" in str(report(graded, "a15-symlinks")["grades.db"])
    assert "FileNotFoundError" in str(report(graded, "a15-symlinks")["notes.txt"])


def test_the_grader_secret_and_processes_are_invisible(graded):
    assert report(graded, "a13-environment")["secrets"] == {}


def test_limits_held(graded):
    assert report(graded, "a08-many-processes")["started"] < 256
    assert "MemoryError" in report(graded, "a09-memory")["error"]
    disk = report(graded, "a10-disk")
    assert disk[str(graded["course"])] == 0
    assert disk["/tmp"] <= 256 << 20 and disk["."] + disk["/home/student"] <= 512 << 20


def test_no_connection_reached_the_grader(graded):
    assert "ConnectionRefusedError" in report(graded, "a11-network")["error"]
    assert graded["listener"].received == []


def test_nothing_reached_the_graders_terminal(graded):
    assert "all submissions graded, nothing to see" not in graded["log"]


def test_a_flood_of_output_is_cut_short(graded):
    path = graded["course"] / "autograded" / "b01-flood" / NAME / f"{NAME}.ipynb"
    assert path.stat().st_size < 12 << 20
    assert "was dropped" in path.read_text()


def test_the_kill_did_not_stop_the_run(graded):
    assert score(graded, "z-honest-last") == FULL
