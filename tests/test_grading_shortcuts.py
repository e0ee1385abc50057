"""Grading's two shortcuts change no grade: leaving unrun the demonstrations nothing graded
sees (needed.py) and drawing no figures (execute.py).

The whole series is handed in by two students: one with every answer right; one who, in
each notebook, answers the first third of the exercises right, spoils the result of the
next third (times 1.5) and leaves the rest as released. The collected class is graded twice, as configured and with both shortcuts off, and every score of
every test cell and every verdict the tests print must be the same. The graded
notebooks must show that the shortcuts did happen.
"""
import math
import re
import shutil
import subprocess
import sys

import nbformat
import pytest

from classroom import (ENV, ROOT, SPOIL, answer, exercises, grades, hand_in, make_course,
                       nbgrader, solution_code)
from nbrun import is_autograded_tests

from bplib.grading.execute import UNSEEN

pytestmark = pytest.mark.slow

NAMES = sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir())
STUDENTS = ("full", "mixed")


def thirds(name):
    """The exercises of ``name`` the mixed student answers right, and those it spoils."""
    ex = [sid for sid, _, _ in exercises(name)]
    third = math.ceil(len(ex) / 3)
    return ex[:third], ex[third:2 * third]


def answers_of(student, name):
    code = solution_code(name)
    if student == "full":
        return {sid: code[sid] for sid, _, _ in exercises(name)}
    right, spoiled = thirds(name)
    answers = {sid: code[sid] for sid in right + spoiled}
    for sid in spoiled:
        for f in re.findall(r"^def (\w+)\(", answers[sid], re.M)[:1]:
            answers[sid] += SPOIL.format(f=f)
    return answers


def verdicts(course):
    """{(student, notebook, cell id): the outputs of each test cell} of a graded course."""
    found = {}
    for path in sorted((course / "autograded").glob("*/*/*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if is_autograded_tests(cell):
                outputs = [{k: v for k, v in o.items() if k != "execution_count"}
                           for o in cell.outputs]
                found[(path.parts[-3], path.stem, cell.metadata["nbgrader"]["grade_id"])] = outputs
    return found


def shortcuts_seen(course):
    unseen = figures = 0
    for path in (course / "autograded").glob("*/*/*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            for o in cell.get("outputs", []):
                unseen += o.get("text") == UNSEEN
                figures += "image/png" in o.get("data", {})
    return unseen, figures


@pytest.fixture(scope="module")
def two_gradings(tmp_path_factory):
    base = tmp_path_factory.mktemp("shortcuts")
    course, exchange = make_course(base, NAMES)

    def change(path, student, name):
        nb = nbformat.read(path, as_version=4)
        answer(nb, answers_of(student, name))
        nbformat.write(nb, str(path))

    for student in STUDENTS:
        for name in NAMES:
            hand_in(base, exchange, student, name,
                    lambda path, s=student, n=name: change(path, s, n))
    for name in NAMES:
        nbgrader("collect", name, cwd=course)
    plain = base / "plain"
    shutil.copytree(course, plain)
    with open(plain / "nbgrader_config.py", "a") as f:
        f.write("\nc.SandboxedExecute.skip_unseen = False\nc.SandboxedExecute.draw_figures = True\n")
    for folder in (course, plain):
        subprocess.run([sys.executable, "-m", "bplib", "grade", "--all", "--jobs", "2",
                        "--no-progress"], cwd=folder, env=ENV, check=True, capture_output=True, timeout=3000)
    return course, plain


def test_every_score_is_the_same_with_and_without_the_shortcuts(two_gradings):
    fast, plain = two_gradings
    scores = grades(fast)
    assert scores == grades(plain)
    assert len(scores) == len(NAMES) * len(STUDENTS)
    full = {name: sum(p for _, _, p in exercises(name)) for name in NAMES}
    assert all(scores[(name, "full")] == full[name] for name in NAMES)
    assert all(0 < scores[(name, "mixed")] < full[name] for name in NAMES)


def test_every_verdict_is_the_same_with_and_without_the_shortcuts(two_gradings):
    fast, plain = two_gradings
    seen, want = verdicts(fast), verdicts(plain)
    assert seen.keys() == want.keys() and len(seen) >= 35 * len(STUDENTS)
    different = [key for key in seen if seen[key] != want[key]]
    assert not different, different[:5]
    mixed = [v for k, v in seen.items() if k[0] == "mixed"]
    failed = sum(any(o.get("output_type") == "error" for o in v) for v in mixed)
    spoiled = sum(len(thirds(name)[1]) for name in NAMES)
    assert spoiled > 8 and 2 * failed > spoiled, (failed, spoiled)  # most spoiled ones fail


def test_the_shortcuts_did_happen(two_gradings):
    fast, plain = two_gradings
    unseen, figures = shortcuts_seen(fast)
    assert unseen >= 40 * len(STUDENTS) and figures == 0
    unseen, figures = shortcuts_seen(plain)
    assert unseen == 0 and figures >= 30 * len(STUDENTS)
