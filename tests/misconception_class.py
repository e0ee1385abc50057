"""Synthetic graded classes for the misconception report's tests.

``plan_class`` gives every student of a class, for every exercise, a chosen outcome: right,
blank, one named wrong answer from tests/mistakes_NN.py, or a wrong answer no check names.
``grade_synthetically`` turns the plan into grading records the way grading does: each
test cell of the released notebook gets the verdict the judge gives (the check's real
message for that wrong answer, from tests/mistakes.py), and record.py's ``verdicts``
reads the cells, as RecordMistakes does after SandboxedExecute. ``expected_counts``
counts the plan without the classifier: a wrong answer counts for the table entry whose
phrase is its catalogue fragment.

This module trusts the solution and released notebooks of the project.
"""
from collections import Counter
from functools import lru_cache

import numpy as np
from nbformat import NotebookNode

from mistakes import ROOT, catalogue, judge
from nbrun import is_autograded_tests, nbgrader_meta, read

from bplib.misconceptions.named import load
from bplib.misconceptions.record import record_path, verdicts, write_record
from bplib.misconceptions.sections import sections

UNNAMED = "{what}: entry (0, 0) is 0.5, expected 0.25 (random inputs from seed 7); 1 of 2 entries are wrong."
BLANK_MESSAGE = "this exercise is not answered yet"


@lru_cache(maxsize=None)
def released(name):
    return read(ROOT / "notebooks" / name / f"{name}.ipynb")


@lru_cache(maxsize=None)
def named_wrongs(name):
    """{exercise: [(table id, the check's message)]} for wrong answers whose catalogue
    fragment is a table phrase of their exercise."""
    table, found = load(), {}
    for wrong in catalogue(name):
        ids = {phrase: i for i, phrase, _ in table.get((name, wrong.exercise), ())}
        if wrong.names in ids:
            message = judge(name, wrong.exercise, wrong.answers).visible
            found.setdefault(wrong.exercise, []).append((ids[wrong.names], message))
    return found


def exercises(name):
    return [nbgrader_meta(c)["grade_id"] for c in released(name).cells if is_autograded_tests(c)]


def plan_class(names, students, seed=0, wrongs_per_exercise=3):
    """{student: {(notebook, exercise): ("right"|"blank"|"unrecognised", "") or ("mistake", id)}}."""
    rng = np.random.default_rng(seed)
    plan = {}
    for s in range(students):
        student = f"student{s:03d}"
        plan[student] = {}
        for name in names:
            for exercise in exercises(name):
                choices = named_wrongs(name).get(exercise, [])[:wrongs_per_exercise]
                pick = int(rng.integers(0, 3 + len(choices)))
                plan[student][name, exercise] = (
                    ("right", ""), ("blank", ""), ("unrecognised", ""))[pick] if pick < 3 \
                    else ("mistake", choices[pick - 3][0])
    return plan


def _verdict(name, exercise, outcome):
    kind, mistake = outcome
    if kind == "right":
        return []
    if kind == "blank":
        return [_error("NotImplementedError", BLANK_MESSAGE)]
    if kind == "unrecognised":
        return [_error("AssertionError", UNNAMED.format(what=exercise))]
    message = dict(named_wrongs(name)[exercise])[mistake]
    return [_error("AssertionError", message)]


def _error(ename, evalue):
    return NotebookNode(output_type="error", ename=ename, evalue=evalue,
                        traceback=[f"{ename}: {evalue}"])


def grade_synthetically(course, plan):
    """Write every student's grading records for ``plan`` under ``course``."""
    copies = {}
    for student, outcomes in plan.items():
        for name in sorted({n for n, _ in outcomes}):
            nb = copies.setdefault(name, read(ROOT / "notebooks" / name / f"{name}.ipynb"))
            for cell in nb.cells:
                if is_autograded_tests(cell):
                    exercise = nbgrader_meta(cell)["grade_id"]
                    cell.outputs = _verdict(name, exercise, outcomes[name, exercise])
            write_record(record_path(course, name, student, name), name, verdicts(nb, name),
                         sections(released(name)))


def expected_counts(plan):
    """Counter of (notebook, exercise, kind, mistake id) over the class."""
    return Counter((name, exercise, *outcome) for outcomes in plan.values()
                   for (name, exercise), outcome in outcomes.items())
