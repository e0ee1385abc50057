"""A whole (synthetic) class through nbgrader's real commands, end to end.

A temporary course (the project's own nbgrader_config.py, with a course id, an exchange
folder and a short per-cell time limit added) releases two of the series' notebooks;
eight students fetch them, answer (or not), and submit through the exchange; the
instructor collects, autogrades, exports, regrades and generates feedback. Expected
scores are computed from the source notebooks' points, not copied from a run.
"""
import math
import re
import shutil
import subprocess
import sys
import time

import nbformat
import pytest

from classroom import (COURSE, ENV, ROOT, SPOIL, answer, check_names, exercises, grades, hand_in,
                       make_course, nbgrader, solution_code, tree_digest, written_ids)
from nbrun import HIDDEN, is_autograded_tests, read

ASSIGNMENTS = ("03-deltas", "04-worked-example")
CELL_LIMIT = 10  # seconds per cell in this test's course (the project uses 60)

WRONG = SPOIL + """import numpy
numpy.allclose = lambda *a, **k: True
numpy.isclose = lambda a, b, *r, **k: numpy.ones(numpy.broadcast(a, b).shape, bool)
numpy.array_equal = lambda *a, **k: True
{checks}
"""


def scenario(student, name, nb_path):
    """Change the fetched notebook as this student would; return the expected score."""
    ex = exercises(name)
    code = solution_code(name)
    full = sum(p for _, _, p in ex)
    last = ex[-1][2]
    nb = read(nb_path)
    answers = {}
    if student in ("s1-full", "s4-syntax", "s5-loop", "s6-tamper", "s7-cheat"):
        answers = {sid: code[sid] for sid, _, _ in ex}
    if student == "s1-full":  # also writes the written answers, which wait for a human
        answers.update({gid: code[gid] for gid in written_ids(name)})
    elif student == "s3-half":
        answers = {sid: code[sid] for sid, _, _ in ex[:math.ceil(len(ex) / 2)]}
    last_sid = ex[-1][0]
    if student == "s4-syntax":
        answers[last_sid] = answers[last_sid] + "\nthis is not python )"
    if student == "s5-loop":
        answers[last_sid] = "while True:\n    pass\n" + answers[last_sid]
    if student == "s7-cheat":
        for sid in answers:
            f = re.search(r"^def (\w+)\(", answers[sid], re.M).group(1)
            checks = "\n".join(f"{c} = lambda *a, **k: None" for c in check_names(name))
            answers[sid] += WRONG.format(f=f, checks=checks)
    answer(nb, answers)
    if student == "s6-tamper":
        tests = [c for c in nb.cells if is_autograded_tests(c)]
        if name == ASSIGNMENTS[0]:
            for c in tests:
                c.source = "pass  # I did not like these tests"
        else:
            nb.cells = [c for c in nb.cells if not is_autograded_tests(c)]
    nbformat.write(nb, str(nb_path))
    if student == "s8-broken":
        if name == ASSIGNMENTS[0]:
            nb_path.write_text("{ this is not a notebook")
        else:
            nb_path.unlink()
        return None
    return {"s1-full": full, "s2-blank": 0, "s3-half": sum(p for _, _, p in ex[:math.ceil(len(ex) / 2)]),
            "s4-syntax": full - last, "s5-loop": full - last, "s6-tamper": full,
            "s7-cheat": 0}[student]


STUDENTS = ("s1-full", "s2-blank", "s3-half", "s4-syntax", "s5-loop", "s6-tamper", "s7-cheat",
            "s8-broken")


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    base = tmp_path_factory.mktemp("class")
    course, exchange = make_course(base, ASSIGNMENTS, cell_limit=CELL_LIMIT)
    expected, log = {}, {}
    for student in STUDENTS:
        for name in ASSIGNMENTS:
            expected[(name, student)] = hand_in(
                base, exchange, student, name,
                lambda path, student=student, name=name: scenario(student, name, path))
    timings = {}
    for name in ASSIGNMENTS:
        nbgrader("collect", name, cwd=course)
    parallel_course = base / "parallel-course"  # the same class, graded the parallel way
    shutil.copytree(course, parallel_course)
    submitted_before = tree_digest(course / "submitted")
    for name in ASSIGNMENTS:
        start = time.monotonic()
        log[name] = nbgrader("autograde", name, "--create", cwd=course, check=False)
        timings[name] = time.monotonic() - start
    first = grades(course)
    parallel_timings = {}
    for name in ASSIGNMENTS:
        start = time.monotonic()
        done = subprocess.run([sys.executable, "-m", "bplib", "grade", name, "--jobs", "2"],
                              cwd=parallel_course, env=ENV, capture_output=True, text=True,
                              timeout=1800)
        parallel_timings[name] = time.monotonic() - start
        log[name + " parallel"] = done.stdout + done.stderr
    parallel = grades(parallel_course)
    submitted_after = tree_digest(course / "submitted")
    for name in ASSIGNMENTS:
        log[name + " again"] = nbgrader("autograde", name, "--create", "--force", cwd=course,
                                        check=False)
    second = grades(course)
    for name in ASSIGNMENTS:
        nbgrader("generate_feedback", name, cwd=course, check=False)
    print("autograde seconds per assignment (8 students), serial:",
          {k: round(v, 1) for k, v in timings.items()},
          "parallel (2 jobs):", {k: round(v, 1) for k, v in parallel_timings.items()})
    return dict(course=course, expected=expected, first=first, second=second, log=log,
                parallel=parallel,
                submitted_before=submitted_before, submitted_after=submitted_after)


@pytest.mark.slow
def test_exported_scores_are_exactly_the_expected_ones(graded_class):
    got, want = graded_class["first"], graded_class["expected"]
    for key, score in want.items():
        if score is not None:
            assert got.get(key) == score, (key, got.get(key), score)


@pytest.mark.slow
def test_parallel_grading_gives_exactly_the_serial_grades(graded_class):
    assert graded_class["parallel"] == graded_class["first"]
    for name in ASSIGNMENTS:
        out = graded_class["log"][name + " parallel"]
        assert f"of {len(STUDENTS)} students graded" in out, out


@pytest.mark.slow
def test_broken_and_missing_notebooks_are_reported_and_hurt_nobody_else(graded_class):
    first, log = graded_class["first"], graded_class["log"]
    assert "s8-broken" in log[ASSIGNMENTS[0]]  # the autograde log names the student
    for name in ASSIGNMENTS:
        assert first.get((name, "s8-broken"), 0.0) == 0.0
        assert first[(name, "s1-full")] > 0


@pytest.mark.slow
def test_grading_leaves_submissions_untouched_and_regrading_agrees(graded_class):
    assert graded_class["submitted_before"] == graded_class["submitted_after"]
    assert graded_class["first"] == graded_class["second"]


@pytest.mark.slow
def test_written_answers_wait_for_manual_grading(graded_class):
    from nbgrader.api import Gradebook

    course = graded_class["course"]
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", COURSE) as gb:
        for name in ASSIGNMENTS:
            written = bool(written_ids(name))
            answered = gb.find_submission_notebook(name, name, "s1-full")
            assert answered.needs_manual_grade == written, name
            # an answer left as released is scored 0 by nbgrader without a human
            blank = gb.find_submission_notebook(name, name, "s2-blank")
            assert not blank.needs_manual_grade, name


@pytest.mark.slow
def test_feedback_shows_no_hidden_test(graded_class):
    course = graded_class["course"]
    pages = list((course / "feedback").rglob("*.html"))
    assert len(pages) >= 2 * 6, pages
    for name in ASSIGNMENTS:
        hidden = [line.strip() for c in read(ROOT / "solutions" / name / f"{name}.ipynb").cells
                  for block in HIDDEN.findall(c.source) for line in block.splitlines()
                  if len(line.strip()) > 12 and not line.strip().startswith(("import", "from"))]
        for page in (course / "feedback").rglob(f"{name}.html"):
            text = page.read_text()
            import html
            plain = html.unescape(re.sub(r"<[^>]+>", "", text))
            for line in hidden:
                assert line not in plain, (page, line)
