"""The notebook series: structure, saved outputs, student versions, and clean runs.

Fast tests read the notebooks; tests marked slow run them (nbval itself runs every
notebook in solutions/ as part of the README's test command, see conftest.py).
"""
import functools
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nbrun import (Kernel, is_autograded_tests, is_solution, nbgrader_meta, read, split_tests,
                   SOLUTION, HIDDEN)

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = sorted((ROOT / "solutions").glob("*/*.ipynb"))
NAMES = [p.stem for p in SOLUTIONS]
STUDENT = {p.stem: ROOT / "notebooks" / p.parent.name / p.name for p in SOLUTIONS}

per_notebook = pytest.mark.parametrize("path", SOLUTIONS, ids=NAMES)


def test_the_series_is_there():
    assert len(SOLUTIONS) >= 9, NAMES
    for path in SOLUTIONS:
        assert re.fullmatch(r"\d\d-[a-z0-9-]+", path.stem), path
        assert path.parent.name == path.stem, "one notebook per nbgrader assignment"
        assert STUDENT[path.stem].exists(), f"{STUDENT[path.stem]} is missing: regenerate"


@per_notebook
def test_saved_after_a_fresh_top_to_bottom_run(path):
    """nbval skips cells saved without an execution count, so every code cell needs one."""
    counts = [c.execution_count for c in read(path).cells
              if c.cell_type == "code" and c.source.strip()]
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name}: execution counts {counts}; run it top to bottom in a fresh kernel "
        "and save")


@per_notebook
def test_saved_outputs_have_no_errors_or_stderr(path):
    for i, cell in enumerate(read(path).cells):
        for out in cell.get("outputs", []):
            assert out.output_type != "error", (path.name, i, out.get("ename"))
            assert not (out.output_type == "stream" and out.name == "stderr"), (path.name, i, out.text)


def points(cells):
    auto = sum(nbgrader_meta(c).get("points", 0) for c in cells if is_autograded_tests(c))
    manual = sum(nbgrader_meta(c).get("points", 0) for c in cells
                 if nbgrader_meta(c).get("grade") and is_solution(c))
    return auto, manual


@per_notebook
def test_structure_of_a_notebook(path):
    cells = read(path).cells
    intro, last = cells[0], cells[-1]
    assert intro.cell_type == "markdown" and last.cell_type == "markdown"
    text = intro.source.lower()
    for phrase in ("you will be able to", "prerequisites", "minutes"):
        assert phrase in text, f"{path.name}: the opening cell should say '{phrase}'"
    assert "next" in last.source.lower(), f"{path.name}: the last cell should say what comes next"
    auto, manual = points(cells)
    stated = re.search(r"\*\*Points:\*\*\s*(\d+) autograded(?: \+ (\d+) written)?", intro.source)
    assert stated, f"{path.name}: state '**Points:** N autograded + M written' at the top"
    assert (int(stated.group(1)), int(stated.group(2) or 0)) == (auto, manual)
    tests = [c for c in cells if is_autograded_tests(c)]
    assert len(tests) >= 2, f"{path.name}: needs at least two autograded exercises"
    for c in tests:
        visible, hidden = split_tests(c.source)
        assert visible.strip() and hidden.strip(), (path.name, nbgrader_meta(c)["grade_id"])
        assert nbgrader_meta(c)["points"] > 0
    for c in cells:
        if is_solution(c):
            assert SOLUTION.search(c.source), (path.name, nbgrader_meta(c)["grade_id"])
    ids = [nbgrader_meta(c)["grade_id"] for c in cells if nbgrader_meta(c)]
    assert len(ids) == len(set(ids))


IPYTHON_NAMES = re.compile(
    r"^[ \t]*(?:[\w, ]*,\s*)?(_oh|_dh|_ih|In|Out)\s*(?:,[\w, ]*)?=(?!=)", re.M)


@per_notebook
def test_no_cell_overwrites_ipythons_own_names(path):
    """Assigning _oh, _dh, _ih, In or Out breaks IPython's display hook for every later cell
    (an IndexError where a value should be shown), in the autograder too."""
    for cell in read(path).cells:
        if cell.cell_type == "code":
            found = IPYTHON_NAMES.search(cell.source)
            assert not found, f"{path.name}: a cell assigns IPython's name {found.group(1)!r}"


@per_notebook
def test_hidden_tests_do_not_lean_on_what_a_student_can_replace(path):
    """A student can redefine the checks, bplib, or numpy's comparison helpers
    (numpy.allclose = lambda *a, **k: True) in their notebook: hidden tests compare
    with plain arithmetic on their own numbers instead."""
    for cell in read(path).cells:
        if not is_autograded_tests(cell):
            continue
        hidden = split_tests(cell.source)[1]
        for name in ("allclose", "isclose", "array_equal", "assert_", "bplib", "check_"):
            assert name not in hidden, (
                f"{path.name} {nbgrader_meta(cell)['grade_id']}: hidden tests use {name!r}")


def generate_student_versions(out_dir):
    subprocess.run(
        [sys.executable, "-m", "nbgrader", "generate_assignment", "*", "--force", "--no-db",
         f"--CourseDirectory.release_directory={out_dir}"],
        cwd=ROOT, check=True, capture_output=True, text=True)


def secret_lines(cell):
    """Lines of solution code and hidden tests: none may reach a student."""
    found = []
    for pattern in (SOLUTION, HIDDEN):
        for block in pattern.finditer(cell.source):
            found += [line.strip() for line in block.group(1).splitlines()
                      if len(line.strip()) > 12
                      and not line.strip().startswith(("import ", "from "))]
    return found


@pytest.mark.slow
def test_student_versions_are_exactly_what_nbgrader_generates(tmp_path):
    generate_student_versions(tmp_path)
    generated = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.ipynb"))
    committed = sorted(p.relative_to(ROOT / "notebooks")
                       for p in (ROOT / "notebooks").rglob("*.ipynb"))
    assert generated == committed
    for rel in generated:
        assert json.loads((tmp_path / rel).read_text()) == json.loads(
            (ROOT / "notebooks" / rel).read_text()), f"{rel} differs: regenerate notebooks/"


@per_notebook
def test_no_solution_or_hidden_test_reaches_students(path):
    student = read(STUDENT[path.stem])
    student_text = "\n".join(c.source for c in student.cells)
    for marker in ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "BEGIN SOLUTION", "END SOLUTION"):
        assert marker not in student_text, (path.name, marker)
    for cell in read(path).cells:
        for line in secret_lines(cell):
            assert line not in student_text, f"{path.name}: a student can read {line!r}"
    assert "YOUR CODE HERE" in student_text and "raise NotImplementedError()" in student_text


@functools.lru_cache(maxsize=None)
def solution_run(path):
    """Run the solution notebook in a fresh kernel, tests split into visible and hidden.

    Returns the time the whole notebook took, the problems found, and the time of the
    slowest visible check."""
    problems, slowest_check = [], 0.0
    with Kernel(path.parent) as k:
        for i, cell in enumerate(read(path).cells):
            if cell.cell_type != "code":
                continue
            parts = split_tests(cell.source) if is_autograded_tests(cell) else (cell.source, "")
            for label, code in zip(("cell", "hidden tests"), parts):
                if not code.strip():
                    continue
                start = time.perf_counter()
                r = k.run(code)
                if label == "cell" and is_autograded_tests(cell):
                    slowest_check = max(slowest_check, time.perf_counter() - start)
                if r.status != "ok" or r.stderr:
                    problems.append(f"cell {i} ({label}): {r}")
        took = k.elapsed
    return took, tuple(problems), slowest_check


@pytest.mark.slow
@per_notebook
def test_solution_version_passes_every_check_quickly(path):
    took, problems, slowest_check = solution_run(path)
    assert not problems, "\n".join(problems)
    print(f"{path.stem}: {took:.1f} s, slowest visible check {slowest_check:.2f} s")
    assert took < 30
    assert slowest_check < 1.0  # a learner waits for every check they run


@pytest.mark.slow
def test_whole_series_runs_in_under_three_minutes():
    times = {p.stem: solution_run(p)[0] for p in SOLUTIONS}
    for name, took in times.items():
        print(f"{name:<28} {took:5.1f} s")
    print(f"{'total':<28} {sum(times.values()):5.1f} s")
    assert sum(times.values()) < 180


@pytest.mark.slow
@per_notebook
def test_unanswered_version_fails_only_where_exercises_are(path):
    hidden = {nbgrader_meta(c)["grade_id"]: split_tests(c.source)[1]
              for c in read(path).cells if is_autograded_tests(c)}
    problems = []
    with Kernel(path.parent) as k:
        for i, cell in enumerate(read(STUDENT[path.stem]).cells):
            if cell.cell_type != "code":
                continue
            r = k.run(cell.source)
            if r.stderr:
                problems.append(f"cell {i} wrote to stderr: {r.stderr[-300:]}")
            if is_autograded_tests(cell):
                gid = nbgrader_meta(cell)["grade_id"]
                if r.ename != "NotImplementedError":
                    problems.append(f"visible check {gid} should fail with NotImplementedError: {r}")
                h = k.run(hidden[gid])
                if h.ename != "NotImplementedError":
                    problems.append(f"hidden tests {gid} should fail with NotImplementedError: {h}")
            elif is_solution(cell):
                if r.status != "ok" and r.ename != "NotImplementedError":
                    problems.append(f"exercise cell {i} failed with more than NotImplementedError: {r}")
            elif r.status != "ok":
                problems.append(f"cell {i} is not an exercise but failed: {r}")
    assert not problems, "\n".join(problems)


def nbgrader_validate(notebook, *flags):
    return subprocess.run([sys.executable, "-m", "nbgrader", "validate", *flags, str(notebook)],
                          cwd=ROOT, capture_output=True, text=True).stdout


@pytest.mark.slow
@per_notebook
def test_nbgrader_validate_both_versions(path):
    assert "Success! Your notebook passes all the tests." in nbgrader_validate(path)
    assert "Success! The notebook does not pass any tests." in nbgrader_validate(
        STUDENT[path.stem], "--invert")


@pytest.mark.slow
def test_saved_outputs_do_not_depend_on_this_machines_rounding():
    """nbval compares printed digits, and another CPU or BLAS kernel rounds the last bit
    differently. Run the same comparison with numpy's and OpenBLAS's oldest code paths:
    a cell whose output changes there would fail on some other machine (such cells
    assert their claims and are not compared; tiny numbers are sanitised)."""
    try:
        from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__
    except ImportError:
        pytest.skip("this numpy does not say which CPU features it dispatches to")
    off = [f for f in __cpu_dispatch__ if __cpu_features__.get(f)]
    env = dict(os.environ, NPY_DISABLE_CPU_FEATURES=" ".join(off), OPENBLAS_CORETYPE="Prescott")
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "solutions"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-5000:]
