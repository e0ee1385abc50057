"""A synthetic class through nbgrader's real commands: shared by the grading test and the
grading benchmark.

make_course builds a temporary course from the project's own nbgrader_config.py (with a
course id, an exchange folder and, optionally, a shorter per-cell time limit), copies the
chosen source notebooks into it, generates and releases them. hand_in has a student fetch
an assignment, change the notebook as they like, and submit it. Expected scores are
computed from the source notebooks' points, never copied from a run.
"""
import csv
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from nbrun import HIDDEN, is_autograded_tests, is_solution, nbgrader_meta, read

ROOT = Path(__file__).resolve().parents[1]
COURSE = "backprop"
ENV = dict(os.environ, PATH=os.pathsep.join([str(Path(sys.executable).parent),
                                             os.environ.get("PATH", "")]))


def nbgrader(*args, cwd, check=True, env=None):
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=cwd, env=env or ENV,
                          capture_output=True, text=True, timeout=1800)
    if check and done.returncode != 0:
        raise AssertionError(f"nbgrader {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout + done.stderr


def exercises(name):
    """(solution grade_id, tests grade_id, points) in notebook order."""
    found, pending = [], None
    for cell in read(ROOT / "solutions" / name / f"{name}.ipynb").cells:
        if is_solution(cell) and cell.cell_type == "code":
            pending = nbgrader_meta(cell)["grade_id"]
        elif is_autograded_tests(cell):
            found.append((pending, nbgrader_meta(cell)["grade_id"], nbgrader_meta(cell)["points"]))
    return found


def solution_code(name):
    cells = read(ROOT / "solutions" / name / f"{name}.ipynb").cells
    return {nbgrader_meta(c)["grade_id"]: "\n".join(
        line for line in c.source.splitlines() if "### BEGIN SOLUTION" not in line
        and "### END SOLUTION" not in line) for c in cells if is_solution(c)}


def written_ids(name):
    """grade_ids of the manually graded written answers."""
    return [nbgrader_meta(c)["grade_id"]
            for c in read(ROOT / "solutions" / name / f"{name}.ipynb").cells
            if is_solution(c) and nbgrader_meta(c).get("grade") and c.cell_type == "markdown"]


def check_names(name):
    """Names the visible check cells call (a cheating student redefines them)."""
    names = set()
    for cell in read(ROOT / "solutions" / name / f"{name}.ipynb").cells:
        if is_autograded_tests(cell):
            names |= set(re.findall(r"^(check_\w+)\(", HIDDEN.sub("", cell.source), re.M))
    return names


def tree_digest(folder):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def grades(course, env=None):
    nbgrader("export", "--to", "grades.csv", cwd=course, env=env)
    with open(course / "grades.csv") as f:
        return {(r["assignment"], r["student_id"]): float(r["score"]) for r in csv.DictReader(f)}




def make_course(base, assignments, cell_limit=None):
    """A course and an exchange folder under ``base``, the assignments released."""
    course, exchange = base / "course", base / "exchange"
    course.mkdir()
    exchange.mkdir(mode=0o777)
    config = (ROOT / "nbgrader_config.py").read_text() + (
        f"\nc.CourseDirectory.course_id = {COURSE!r}\nc.Exchange.root = {str(exchange)!r}\n")
    if cell_limit is not None:
        config += f"c.Execute.timeout = {cell_limit}\n"
    (course / "nbgrader_config.py").write_text(config)
    for name in assignments:
        shutil.copytree(ROOT / "solutions" / name, course / "solutions" / name)
        nbgrader("generate_assignment", name, cwd=course)
        nbgrader("release_assignment", name, cwd=course)
    return course, exchange


def hand_in(base, exchange, student, name, change):
    """The student fetches ``name``, ``change(path)`` edits the notebook, and they submit.

    Returns what ``change`` returns (the test's expected score, say)."""
    home = base / "home" / student
    home.mkdir(parents=True, exist_ok=True)
    nbgrader("fetch_assignment", name, "--course", COURSE, f"--Exchange.root={exchange}",
             cwd=home)
    result = change(home / name / f"{name}.ipynb")
    nbgrader("submit", name, "--course", COURSE, "--student", student,
             f"--Exchange.root={exchange}", cwd=home)
    return result


def answer(nb, answers):
    """Put ``answers`` (grade_id -> source) into the notebook's cells."""
    for cell in nb.cells:
        gid = nbgrader_meta(cell).get("grade_id")
        if gid in answers:
            cell.source = answers[gid]


# Appended to an answer cell defining f: f's results come back times 1.5, a wrong answer
# for every exercise of the series.
SPOIL = """
_right_{f} = {f}
def _spoil(r):
    if isinstance(r, (tuple, list)):
        return type(r)(_spoil(v) for v in r)
    return r * 1.5 if r is not None else None
def {f}(*args, **kwargs):
    return _spoil(_right_{f}(*args, **kwargs))
"""


def submission(name, answers, early=""):
    """The released notebook ``name`` with ``answers`` (grade_id -> source) and, right
    after the imports, one more code cell ``early``."""
    import nbformat

    nb = read(ROOT / "notebooks" / name / f"{name}.ipynb")
    for cell in nb.cells:
        if nbgrader_meta(cell).get("grade_id") in answers:
            cell.source = answers[nbgrader_meta(cell)["grade_id"]]
    if early:
        nb.cells.insert(2, nbformat.v4.new_code_cell(early))
    return nbformat.writes(nb)
