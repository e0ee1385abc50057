"""The red-team class: honest, unlucky and hostile submissions of notebook 04.

Every submission is built from the released notebook and the solutions, then written
straight into a course's submitted/ folder (the exchange is tested elsewhere). Each has
the exact score it has earned by its own correct, running answers (``points``), what
defends against it (``defence``: the sandbox, the restart and output limits of
SandboxedExecute, or RepairSubmission) and one line for the README (``claim``).
Expected scores are computed from the notebook's points, never copied from a run.
"""
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from classroom import ROOT, exercises, solution_code, written_ids
from nbrun import is_autograded_tests, nbgrader_meta, read
from redteam_attacks import attack

NAME = "04-worked-example"
EXERCISES = exercises(NAME)  # (solution id, tests id, points)
POINTS = {sid: p for sid, _, p in EXERCISES}
FULL = sum(POINTS.values())
FIRST = EXERCISES[0][0]
SECRET = "s3cret-of-the-grader"


@dataclass
class Submission:
    student: str
    kind: str          # honest, unlucky or hostile
    points: float      # what its own correct, running answers earn
    claim: str = ""
    defence: str = ""  # sandbox, execute, repair, or nbgrader (which already copes)
    attack: str = ""   # a name in redteam_attacks.BODIES
    answers: tuple = field(default_factory=lambda: tuple(POINTS))


def full_but(*lost):
    return FULL - sum(POINTS[sid] for sid in lost)


ATTACKS = [
    Submission("a01-gradebook", "hostile", FULL, "cannot read or write the gradebook, its own grades or anyone else's", "sandbox", "gradebook"),
    Submission("a02-daemon", "hostile", FULL, "cannot leave a process behind to rewrite the gradebook after grading", "sandbox", "daemon"),
    Submission("a03-course-files", "hostile", FULL, "cannot change any file of the course: submissions, source, release, nbgrader_config.py", "sandbox", "course-files"),
    Submission("a04-hidden-tests", "hostile", FULL, "cannot read the source notebook and its hidden tests from disk", "sandbox", "hidden-tests"),
    Submission("a05-startup-file", "hostile", FULL, "cannot write into the grader's HOME (an IPython startup file there would run in every later kernel)", "sandbox", "startup-file"),
    Submission("a07-processes", "hostile", FULL, "cannot leave processes running: every process of the sandbox ends with its notebook", "sandbox", "processes"),
    Submission("a08-many-processes", "hostile", FULL, "cannot start more than 256 processes and threads", "sandbox", "many-processes"),
    Submission("a09-memory", "hostile", FULL, "cannot take more than 4 GiB of memory (it tried 5 GiB)", "sandbox", "memory"),
    Submission("a10-disk", "hostile", FULL, "cannot write to the grader's disk: it writes only to its own HOME (512 MiB) and /tmp (256 MiB), in memory", "sandbox", "disk"),
    Submission("a11-network", "hostile", FULL, "cannot reach the network, not even the grader's loopback", "sandbox", "network"),
    Submission("a12-other-students", "hostile", FULL, "cannot read other students' submissions", "sandbox", "other-students"),
    Submission("a13-environment", "hostile", FULL, "cannot read the grader's environment variables or see its processes", "sandbox", "environment"),
    Submission("a14-shared-memory", "hostile", FULL, "cannot leave files in /tmp or /dev/shm for later students", "sandbox", "shared-memory"),
    Submission("a15-symlinks", "hostile", FULL, "cannot read course files through symbolic links placed in its submission", "sandbox", "symlinks"),
    Submission("a16-terminal", "hostile", FULL, "cannot write to the grader's terminal or log", "sandbox", "terminal"),
    Submission("b01-flood", "hostile", FULL, "cannot flood the autograded notebook: output beyond 1 MiB per cell or 10 MiB per notebook is dropped", "execute"),
    Submission("b02-skip-tags", "hostile", 0, "cannot skip its test cells with a skip-execution tag", "repair", answers=()),
    Submission("y06-kill-grader", "hostile", FULL, "cannot kill the grader or stop the run: later students are still graded", "sandbox", "kill-grader"),
]
UNLUCKY = [
    Submission("u01-exit", "unlucky", full_but("train-step-solution"), "an answer cell that exits the kernel costs only its own exercise", "execute"),
    Submission("u02-ignores-interrupt", "unlucky", full_but("train-step-solution"), "an answer that hangs and ignores the interrupt costs only its own exercise", "execute"),
    Submission("u03-stripped-metadata", "unlucky", FULL, "a notebook whose cell metadata and ids were stripped is repaired and graded", "repair"),
    Submission("u04-tests-first", "unlucky", FULL, "test cells moved above the answers are put back in place", "repair"),
    Submission("u05-deleted-cells", "unlucky", FULL, "deleted cells (a test cell, the imports) are put back as released", "repair"),
    Submission("u06-edited-points", "unlucky", FULL, "edited points are restored from the released notebook", "nbgrader"),
    Submission("u07-slow-cell", "unlucky", FULL, "a cell that runs past its time limit is interrupted, and the rest still runs", "nbgrader"),
    Submission("u08-added-cells", "unlucky", FULL, "cells the student added (helpers, notes) keep their place and run", "nbgrader"),
    Submission("u09-stray-exit", "unlucky", FULL, "a stray cell that exits the kernel costs nothing: the kernel is restarted and the earlier cells run again", "execute"),
]
HONEST = [
    Submission("a00-honest-first", "honest", FULL),
    Submission("h-blank", "honest", 0, answers=()),
    Submission("h-half", "honest", sum(p for _, _, p in EXERCISES[:3]),
               answers=tuple(sid for sid, _, _ in EXERCISES[:3])),
    Submission("h-full", "honest", FULL),
    Submission("z-honest-last", "honest", FULL),
]
CLASS = HONEST + UNLUCKY + ATTACKS


def _cell(source, kind="code"):
    return nbformat.v4.new_code_cell(source) if kind == "code" else nbformat.v4.new_markdown_cell(source)


def build(sub, context):
    """The notebook ``sub`` hands in (a dict, as written to disk)."""
    nb = read(ROOT / "notebooks" / NAME / f"{NAME}.ipynb")
    code = solution_code(NAME)
    for cell in nb.cells:
        gid = nbgrader_meta(cell).get("grade_id")
        if gid in sub.answers:
            cell.source = code[gid]
        if gid in written_ids(NAME) and sub.kind == "honest" and sub.answers:
            cell.source = code[gid]
        if gid == FIRST and sub.student == "a00-honest-first":
            cell.source += "\n# answer-of-a00"
    if sub.attack:
        ids = {nbgrader_meta(c).get("grade_id"): i for i, c in enumerate(nb.cells)}
        nb.cells.insert(ids[FIRST] + 1, _cell(attack(sub.attack, tag=sub.student, **context)))
    edit = EDITS.get(sub.student)
    if edit:
        edit(nb, {nbgrader_meta(c).get("grade_id"): i for i, c in enumerate(nb.cells)})
    data = json.loads(nbformat.writes(nb))
    if sub.student == "u03-stripped-metadata":
        data["nbformat_minor"] = 4
        for cell in data["cells"]:
            cell["metadata"] = {}
            cell.pop("id", None)
    return data


def _flood(nb, ids):
    nb.cells[ids[FIRST]].source += "\nfor _k in range(50):\n    print('x' * (1 << 20))"


def _skip_tags(nb, ids):
    for cell in nb.cells:
        if is_autograded_tests(cell):
            cell.metadata["tags"] = ["skip-execution"]


def _exits(nb, ids):
    nb.cells[ids["train-step-solution"]].source += "\nimport os\nos._exit(0)"


def _ignores_interrupt(nb, ids):
    cell = nb.cells[ids["train-step-solution"]]
    cell.source = cell.source.replace("    return update_weights(", (
        "    import time\n    while True:  # an interrupt only starts the wait again\n"
        "        try:\n            time.sleep(1)\n        except KeyboardInterrupt:\n"
        "            pass\n    return update_weights("))


def _stray_exit(nb, ids):
    nb.cells.insert(ids["output-deltas-tests"] + 1, _cell("import os\nos._exit(0)  # restart my kernel"))


def _tests_first(nb, ids):
    tests = [c for c in nb.cells if is_autograded_tests(c)]
    nb.cells = tests + [c for c in nb.cells if not is_autograded_tests(c)]


def _deletes(nb, ids):
    doomed = {ids["forward-tests"], 1}  # a test cell, and the cell with the imports
    nb.cells = [c for i, c in enumerate(nb.cells) if i not in doomed]


def _edits_points(nb, ids):
    for cell in nb.cells:
        if is_autograded_tests(cell):
            cell.metadata["nbgrader"]["points"] = 100


def _slow(nb, ids):
    nb.cells.insert(ids["forward-tests"] + 1, _cell("import time\ntime.sleep(600)  # an experiment left running"))


def _adds_cells(nb, ids):
    helper = _cell("def my_sigmoid(z):\n    import numpy as np\n    return 1 / (1 + np.exp(-z))")
    note = _cell("My notes: the forward pass uses my_sigmoid.", "markdown")
    nb.cells[ids[FIRST]].source = nb.cells[ids[FIRST]].source.replace("bplib.sigmoid", "my_sigmoid")
    nb.cells[ids[FIRST]:ids[FIRST]] = [note, helper]


EDITS = {"b01-flood": _flood, "b02-skip-tags": _skip_tags, "u01-exit": _exits,
         "u02-ignores-interrupt": _ignores_interrupt, "u04-tests-first": _tests_first,
         "u05-deleted-cells": _deletes, "u06-edited-points": _edits_points,
         "u07-slow-cell": _slow, "u08-added-cells": _adds_cells, "u09-stray-exit": _stray_exit}


def hand_in_all(course, context, subs=CLASS):
    """Write every submission into ``course``/submitted, as nbgrader collect would."""
    for sub in subs:
        folder = course / "submitted" / sub.student / NAME
        folder.mkdir(parents=True)
        (folder / f"{NAME}.ipynb").write_text(json.dumps(build(sub, context), indent=1))
        (folder / "timestamp.txt").write_text("2026-12-01 09:00:00.000000 UTC")
        if sub.attack == "symlinks":
            os.symlink(course / "gradebook.db", folder / "grades.db")
            os.symlink(course / "solutions" / NAME / f"{NAME}.ipynb", folder / "notes.txt")


def reports(course, student):
    """The REDTEAM lines an attack printed, from its autograded notebook."""
    path = Path(course) / "autograded" / student / NAME / f"{NAME}.ipynb"
    found = []
    if path.exists():
        for cell in read(path).cells:
            for out in cell.get("outputs", []):
                for line in out.get("text", "").splitlines():
                    if line.startswith("REDTEAM "):
                        found.append(json.loads(line[len("REDTEAM "):]))
    return found
