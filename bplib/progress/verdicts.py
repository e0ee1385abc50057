"""What each exercise's visible check said, read from a notebook after a run (run.py).

This module only reads notebooks. An exercise is an autograded check cell with the answer
cells since the previous check cell. Its verdict:

    passed          the check cell ran without an error
    failed          it stopped with an error: the check's whole message, a SyntaxError in
                    an answer cell (with its line), or a cell that never finished
    not attempted   its own function is still blank (NotImplementedError)
    blocked         it uses another exercise's function, which is still blank, or
                    not defined (its cell failed)
"""
import ast
import re
from dataclasses import dataclass, field

from .run import innermost

NOT_ATTEMPTED, PASSED, FAILED, BLOCKED, NOT_RUN = (
    "not attempted", "passed", "failed", "blocked", "not run")
SYNTAX = ("SyntaxError", "IndentationError", "TabError")


@dataclass
class Exercise:
    grade_id: str
    points: float
    verdict: str = NOT_RUN
    message: str = ""
    title: str = ""
    functions: list = field(default_factory=list)  # what its answer cells define


def _nbgrader(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


def _defined(source):
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return re.findall(r"^def (\w+)", source, re.M)
    return [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]


def structure(nb):
    """[(Exercise, index of its check cell, indices of its answer cells)], in order."""
    found, answers, title = [], [], ""
    for index, cell in enumerate(nb.cells):
        meta = _nbgrader(cell)
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("## Exercise"):
            title = cell.source.lstrip("# ").splitlines()[0].split("(")[0].strip()
        if cell.cell_type != "code":
            continue
        if meta.get("solution"):
            answers.append(index)
        elif meta.get("grade"):
            functions = [f for i in answers for f in _defined(nb.cells[i].source)]
            exercise = Exercise(meta.get("grade_id", "?"), float(meta.get("points", 0)),
                                title=title or meta.get("grade_id", "?"), functions=functions)
            found.append((exercise, index, answers))
            answers, title = [], ""
    return found


def _errors(cell):
    return [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]


def verdicts(nb, ran=True):
    """The Exercise of every check cell of ``nb`` (``ran``: after a run, else not run)."""
    found = structure(nb)
    owner = {f: e for e, _, _ in found for f in e.functions}
    for exercise, index, answers in found:
        if ran:
            exercise.verdict, exercise.message = _verdict(nb, exercise, index, answers, owner)
    return [e for e, _, _ in found]


def _verdict(nb, exercise, index, answers, owner):
    for i in answers:
        for error in _errors(nb.cells[i]):
            if error["ename"] in SYNTAX:
                line = re.search(r"line (\d+)", error["evalue"] + " ".join(error.get("traceback", [])))
                where = f", line {line.group(1)}" if line else ""
                what = re.sub(r"\s*\(.*?line \d+\)$", "", error["evalue"])
                return FAILED, (f"{error['ename']} in your answer to {exercise.title} (cell "
                                f"{i + 1}){where}: {what}")
    cell = nb.cells[index]
    errors = _errors(cell)
    if not errors:
        if cell.get("execution_count") is None:
            return FAILED, "did not run"
        return PASSED, ""
    error = errors[-1] if errors[-1]["ename"] in ("TimeoutError", "DeadKernel") else errors[0]
    if error["ename"] == "NotImplementedError":
        said = re.search(r"uses (\w+), which is not answered yet", error["evalue"])
        blank = said.group(1) if said else innermost(error.get("traceback", []))
        if blank in owner and blank not in exercise.functions:
            return BLOCKED, (f"blocked: uses {blank}, which is not answered yet "
                             f"({owner[blank].title})")
        return NOT_ATTEMPTED, ""
    missing = re.search(r"name '(\w+)' is not defined", error["evalue"])
    if missing and missing.group(1) in owner and missing.group(1) not in exercise.functions:
        other = owner[missing.group(1)]
        return BLOCKED, (f"blocked: uses {missing.group(1)}, which is not defined: fix "
                         f"{other.title} first")
    if error["ename"] == "AssertionError" and error["evalue"]:
        return FAILED, error["evalue"]
    return FAILED, f"{error['ename']}: {error['evalue']}" if error["evalue"] else error["ename"]
