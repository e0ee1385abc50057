"""`python -m bplib progress`: a learner's own notebooks, run without being changed."""
import hashlib
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from bplib.progress import FAILED, NOT_ATTEMPTED, PASSED, run_notebook
from nbrun import Kernel, is_autograded_tests, nbgrader_meta, read

ROOT = Path(__file__).resolve().parents[1]
NAME = "04-worked-example"
SOURCE = ROOT / "solutions" / NAME / f"{NAME}.ipynb"
STUDENT = ROOT / "notebooks" / NAME / f"{NAME}.ipynb"


def answered(folder, answers):
    """A copy of the student notebook with some exercises filled in; returns its path."""
    solutions = {nbgrader_meta(c).get("grade_id"): c.source for c in read(SOURCE).cells}
    nb = read(STUDENT)
    for cell in nb.cells:
        gid = nbgrader_meta(cell).get("grade_id")
        if gid in answers:
            code = "\n".join(line for line in solutions[gid].splitlines()
                             if "### BEGIN SOLUTION" not in line and "### END SOLUTION" not in line)
            cell.source = answers[gid](code)
    path = folder / f"{NAME}.ipynb"
    nbformat.write(nb, str(path))
    return path


def sign_flipped(code):
    return code.replace("(out_o - t)", "(t - out_o)")


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def progress(*args):
    return subprocess.run([sys.executable, "-m", "bplib", "progress", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)


@pytest.mark.slow
def test_report_names_passed_failed_and_blank_exercises_and_leaves_files_alone(tmp_path):
    path = answered(tmp_path, {"forward-solution": str, "output-deltas-solution": sign_flipped})
    before = digest(path)
    done = progress(path)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert digest(path) == before, "the learner's notebook must not be changed"
    lines = {line.split()[1]: line for line in out.splitlines() if line.startswith("  ")}
    assert "passed" in lines["forward-tests"] and "2/2" in lines["forward-tests"]
    assert "failed" in lines["output-deltas-tests"] and "0/2" in lines["output-deltas-tests"]
    assert "sign" in lines["output-deltas-tests"].lower()  # the check's diagnosis line
    for gid in ("hidden-deltas-tests", "update-weights-tests", "train-step-tests"):
        assert "not attempted" in lines[gid], lines[gid]
    assert "visible checks passed: 2 of 12 points" in out
    assert "Hidden tests used for grading are not included" in out


@pytest.mark.slow
def test_verdicts_are_those_of_the_check_cells_run_one_by_one(tmp_path):
    """Same notebook, run cell by cell in a kernel as a learner would: same verdicts."""
    path = answered(tmp_path, {"forward-solution": str, "output-deltas-solution": sign_flipped,
                               "hidden-deltas-solution": str})
    reported = {e.grade_id: e.verdict for e in run_notebook(path)}
    seen = {}
    with Kernel(tmp_path) as k:
        for cell in read(path).cells:
            if cell.cell_type != "code":
                continue
            r = k.run(cell.source)
            if is_autograded_tests(cell):
                seen[nbgrader_meta(cell)["grade_id"]] = (
                    PASSED if r.status == "ok" else
                    NOT_ATTEMPTED if r.ename == "NotImplementedError" else FAILED)
    assert reported == seen
    assert list(reported.values()).count(PASSED) == 2


@pytest.mark.slow
def test_a_hanging_or_broken_notebook_is_reported_and_the_others_still_run(tmp_path):
    hang = nbformat.v4.new_notebook()
    hang.cells = [nbformat.v4.new_code_cell("while True:\n    pass")]
    (tmp_path / "hang").mkdir()
    nbformat.write(hang, str(tmp_path / "hang" / "00-hang.ipynb"))
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "00-broken.ipynb").write_text("{ not json")
    good = answered(tmp_path, {"forward-solution": str})
    done = progress(tmp_path / "hang" / "00-hang.ipynb", tmp_path / "broken" / "00-broken.ipynb",
                    good, "--limit", "20")
    assert done.returncode == 0, done.stderr
    assert "stopped after 20 s" in done.stdout
    assert "00-broken\n  could not run:" in done.stdout
    assert "visible checks passed: 2 of 12 points" in done.stdout


def test_unknown_notebook_and_usage_are_plain_messages(tmp_path):
    done = progress(tmp_path / "nope.ipynb")
    assert done.returncode == 2 and "No such notebook" in done.stdout
    usage = subprocess.run([sys.executable, "-m", "bplib"], capture_output=True, text=True)
    assert usage.returncode == 2 and "python -m bplib progress" in usage.stdout
