"""Verdicts that student code cannot fake, graded with nbgrader's real commands.

A class of notebook 04 (tests/verdict_tricks.py): every in-kernel trick with blank or
wrong answers, shortcut answers, answers 1% off, answers right in unusual ways, and an
honest student. Graded as configured (each test cell judged on the grader's side), every
student gets exactly what their own answers earn, and the feedback of the whole class
holds no line of the hidden tests, even decoded from base64 or hex. Graded again with
the test cells in the kernel (``--SandboxedExecute.judge_outside=False``), the winning
tricks do win and the leak does leak: that is what the judge stops.

A second class hands in every notebook of the series with shortcut answers where an
exercise has one (and the right answer elsewhere): each shortcut scores zero, every
other exercise its full points.
"""
import base64
import binascii
import json
import re
import shutil
from pathlib import Path

import pytest

from classroom import (ROOT, exercises, grades, make_course, nbgrader, solution_code,
                       submission)
from nbrun import HIDDEN, nbgrader_meta, read
from verdict_tricks import (CALLS_A_SHORTCUT, SHORTCUT_ANSWERS, SHORTCUTS_BY_NOTEBOOK, TRICKS,
                            UNUSUAL_ANSWERS, WINS_IN_KERNEL, one_percent_off)

from bplib.grading import Sandbox

pytestmark = pytest.mark.slow
NAME = "04-worked-example"
POINTS = {sid: p for sid, _, p in exercises(NAME)}
FULL = sum(POINTS.values())


def hand_in(course, student, name, text):
    folder = course / "submitted" / student / name
    folder.mkdir(parents=True)
    (folder / f"{name}.ipynb").write_text(text)
    (folder / "timestamp.txt").write_text("2026-12-01 09:00:00.000000 UTC")


def verdict_class():
    full = {sid: src for sid, src in solution_code(NAME).items() if sid in POINTS}
    students = {f"t-{trick}": (submission(NAME, answers, early), 0)
                for trick, (early, answers) in TRICKS.items()}
    students["v-shortcuts"] = (submission(NAME, {**full, **SHORTCUT_ANSWERS}),
                               FULL - sum(POINTS[s] for s in SHORTCUT_ANSWERS))
    students["v-one-percent-off"] = (submission(NAME, one_percent_off(full)), None)
    students["v-unusual"] = (submission(NAME, UNUSUAL_ANSWERS), FULL)
    students["v-honest"] = (submission(NAME, full), FULL)
    return students


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    if Sandbox().problem():
        pytest.skip(Sandbox().problem())
    base = tmp_path_factory.mktemp("verdicts")
    course, _ = make_course(base, [NAME], cell_limit=20)
    students = verdict_class()
    for student, (text, _) in students.items():
        hand_in(course, student, NAME, text)
    in_kernel = base / "in-kernel"
    shutil.copytree(course, in_kernel)
    log = nbgrader("autograde", NAME, "--create", cwd=course, check=False)
    nbgrader("generate_feedback", NAME, cwd=course, check=False)
    nbgrader("autograde", NAME, "--create", "--SandboxedExecute.judge_outside=False",
             cwd=in_kernel, check=False)
    return dict(course=course, in_kernel=in_kernel, students=students, log=log,
                judged=grades(course), kernel=grades(in_kernel))


def score(graded, which, student):
    return graded[which].get((NAME, student), 0.0)


@pytest.mark.parametrize("student", sorted(verdict_class()))
def test_every_student_gets_what_their_own_answers_earn(graded, student):
    expected = graded["students"][student][1]
    if expected is None:  # 1% off: at most 10% of the points, rounding luck included
        assert score(graded, "judged", student) <= 0.1 * FULL
    else:
        assert score(graded, "judged", student) == expected, graded["log"][-3000:]


@pytest.mark.parametrize("trick", WINS_IN_KERNEL)
def test_in_the_kernel_the_trick_wins(graded, trick):
    assert score(graded, "kernel", f"t-{trick}") == FULL


def test_the_honest_and_unusual_answers_score_the_same_either_way(graded):
    for student in ("v-honest", "v-unusual"):
        assert score(graded, "kernel", student) == score(graded, "judged", student) == FULL


def hidden_lines():
    source = read(ROOT / "solutions" / NAME / f"{NAME}.ipynb")
    return [line.strip() for cell in source.cells for block in HIDDEN.findall(cell.source)
            for line in block.splitlines() if len(line.strip()) > 15
            and not line.strip().startswith(("import", "from", "#"))]


def decoded(text):
    """``text`` with every base64 or hex run it holds decoded and appended."""
    found = [text]
    for run in re.findall(r"[A-Za-z0-9+/=]{24,}", text):
        try:
            found.append(base64.b64decode(run + "=" * (-len(run) % 4)).decode("utf-8", "ignore"))
        except (binascii.Error, ValueError):
            pass
    for run in re.findall(r"(?:[0-9a-fA-F]{2}){12,}", text):
        found.append(bytes.fromhex(run).decode("utf-8", "ignore"))
    return "\n".join(found)


def texts(folder, pattern):
    return {str(p): decoded(p.read_text()) for p in folder.rglob(pattern)}


def test_feedback_holds_no_hidden_test_line_in_any_encoding(graded):
    pages = texts(graded["course"] / "feedback", "*.html")
    assert len(pages) == len(graded["students"])
    leaks = [(page, line) for page, text in pages.items() for line in hidden_lines()
             if line in text]
    assert leaks == []


def test_the_kernel_never_saw_a_hidden_test(graded):
    """Not even the autograded notebooks, which the instructor keeps, carry a leak."""
    for path, text in texts(graded["course"] / "autograded", "*.ipynb").items():
        outputs = json.dumps([c.get("outputs", []) for c in json.loads(
            Path(path).read_text())["cells"]])
        assert not [line for line in hidden_lines() if line in decoded(outputs)], path


def test_in_the_kernel_the_hidden_tests_leak(graded):
    path = graded["in_kernel"] / "autograded" / "t-leak-hook" / NAME / f"{NAME}.ipynb"
    assert any(line in decoded(path.read_text()) for line in hidden_lines())


def test_verdicts_say_why(graded):
    nb = read(graded["course"] / "autograded" / "v-shortcuts" / NAME / f"{NAME}.ipynb")
    errors = {nbgrader_meta(c)["grade_id"]: o["evalue"] for c in nb.cells
              for o in c.get("outputs", []) if o.get("output_type") == "error"}
    assert "calls bplib's Network.forward" in errors["forward-tests"]
    assert "calls bplib.mazur_update" in errors["train-step-tests"]


@pytest.fixture(scope="module")
def shortcut_class(tmp_path_factory):
    if Sandbox().problem():
        pytest.skip(Sandbox().problem())
    names = sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir())
    course, _ = make_course(tmp_path_factory.mktemp("shortcuts"), names, cell_limit=60)
    expected = {}
    for name in names:
        points = {sid: p for sid, _, p in exercises(name)}
        cheats = SHORTCUTS_BY_NOTEBOOK.get(name, {})
        answers = {**{s: c for s, c in solution_code(name).items() if s in points}, **cheats}
        hand_in(course, "shortcuts", name, submission(name, answers))
        lost = list(cheats) + CALLS_A_SHORTCUT.get(name, [])
        expected[name] = sum(points.values()) - sum(points[s] for s in lost)
        nbgrader("autograde", name, "--create", cwd=course, check=False)
    return expected, grades(course)


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir()))
def test_every_shortcut_scores_zero_and_every_other_answer_counts(shortcut_class, name):
    expected, got = shortcut_class
    assert got.get((name, "shortcuts")) == expected[name]
