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
    lines = report_lines(out)
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


def solved_except(name, folder, changes):
    """A student copy of ``name`` with every exercise solved except as ``changes`` say
    ({grade_id of an answer cell: function of the solution's code -> new code})."""
    solutions = {nbgrader_meta(c).get("grade_id"): c.source
                 for c in read(ROOT / "solutions" / name / f"{name}.ipynb").cells}
    nb = read(ROOT / "notebooks" / name / f"{name}.ipynb")
    for cell in nb.cells:
        gid = nbgrader_meta(cell).get("grade_id")
        if cell.cell_type == "code" and nbgrader_meta(cell).get("solution"):
            code = "\n".join(line for line in solutions[gid].splitlines()
                             if "### BEGIN SOLUTION" not in line and "### END SOLUTION" not in line)
            cell.source = changes.get(gid, str)(code)
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, str(path))
    return path


def report_lines(out, notebook=None):
    """{grade_id: the exercise's line and its message lines} of a progress report, for
    one ``notebook`` (its name) or for all."""
    found, current, mine = {}, None, notebook is None
    for line in out.splitlines():
        if line and not line.startswith(" "):
            mine = notebook is None or line.strip() == notebook
        elif mine and line.startswith("  ") and not line.startswith("      "):
            current = line.split()[1]
            found[current] = line
        elif mine and line.startswith("      ") and current:
            found[current] += "\n" + line
    return found


@pytest.mark.slow
def test_an_endless_loop_costs_only_its_exercise_and_every_point_stays_counted(tmp_path):
    """02 with relative_error looping forever: named, interrupted, the rest reported."""
    path = solved_except("02-follow-the-slope", tmp_path, {
        "relative-error-solution": lambda _: "def relative_error(g1, g2):\n    while True:\n        pass"})
    done = progress(path, "--cell-limit", "5")
    assert done.returncode == 0, done.stderr
    lines = report_lines(done.stdout)
    hung = lines["relative-error-tests"]
    assert "failed" in hung and "stopped after 5 s inside relative_error" in hung, hung
    for gid in ("gradient-step-tests", "forward-difference-tests", "central-difference-tests"):
        assert "passed" in lines[gid], lines[gid]
    assert "visible checks passed: 6 of 8 points" in done.stdout


@pytest.mark.slow
def test_syntax_errors_blocked_exercises_and_whole_messages(tmp_path):
    """A SyntaxError names its exercise and line; an exercise that calls a blank or an
    undefined one says so; a long check message is shown whole, wrapped."""
    deltas = solved_except("03-deltas", tmp_path, {
        "hidden-deltas-solution": lambda _: ("def hidden_deltas(w_next, delta_next):\n"
                                             "    raise NotImplementedError()"),
        "update-solution": lambda code: code.replace("- eta", "+ eta")})
    (tmp_path / "04").mkdir()
    worked = solved_except("04-worked-example", tmp_path / "04", {
        "forward-solution": lambda code: code.replace("):", ")", 1)})
    done = progress(deltas, worked)
    assert done.returncode == 0, done.stderr
    lines = report_lines(done.stdout, "03-deltas")
    assert "not attempted" in lines["hidden-deltas-tests"]
    blocked = lines["train-step-linear-tests"]
    assert "blocked" in blocked and "uses hidden_deltas, which is not answered yet" in blocked
    update = lines["update-tests"]
    assert "failed" in update and "…" not in update and update.count("\n") >= 2, update
    assert max(len(line) for line in update.splitlines()) <= 100
    lines = report_lines(done.stdout, "04-worked-example")
    forward = lines["forward-tests"]
    assert "SyntaxError in your answer to Exercise 1" in forward and "line 1" in forward, forward
    assert "passed" in lines["output-deltas-tests"]
    assert "blocked: uses forward, which is not defined: fix Exercise 1" in lines["train-step-tests"]
    # 03: output deltas (2); 04: output deltas, hidden deltas, update weights (2 + 2 + 3)
    assert "visible checks passed: 9 of 22 points" in done.stdout


@pytest.mark.slow
def test_a_kernel_that_ignores_interrupts_or_dies_is_restarted_with_earlier_cells():
    from bplib.progress.run import Runner

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in (
        "kept = 41",
        "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass",
        "kept += 1\nprint(kept)",
        "import os\nos._exit(0)",
        "print(kept + 1)")]
    Runner(nb, ROOT, cell_limit=3).run()
    out = [[o.get("text") or o.get("evalue") for o in c.outputs] for c in nb.cells]
    assert "stopped after 3 s" in out[1][-1]
    assert out[2] == ["42\n"]              # a fresh kernel, with cell 1 run again
    assert "the kernel died" in out[3][-1]
    assert out[4] == ["43\n"]              # cells 1 and 3 run again after the death


def test_unknown_notebook_and_usage_are_plain_messages(tmp_path):
    done = progress(tmp_path / "nope.ipynb")
    assert done.returncode == 2 and "No such notebook" in done.stdout
    usage = subprocess.run([sys.executable, "-m", "bplib"], capture_output=True, text=True)
    assert usage.returncode == 2 and "python -m bplib progress" in usage.stdout
