"""Autograde a class in parallel, with one process writing the gradebook.

`nbgrader autograde` grades students one after another. For a large class that is slow,
and running several `nbgrader autograde` commands against one SQLite gradebook at once
risks "database is locked" failures. This runs one `nbgrader autograde --student S`
process per student, each against a private copy of the gradebook, and then this
process alone copies each student's submission rows (submitted assignment, notebooks,
grades, comments) into the course's gradebook, in one transaction per student.

    python -m bplib grade ASSIGNMENT [--jobs N] [--course DIR]

Each worker writes only its own student's folder in autograded/ and its own database
copy; submitted/ is only read. A student whose grading fails is reported, and stored
with what autograde could record for them, exactly as serial autograde leaves them; the
others are unaffected.
The grades are the same as serial `nbgrader autograde` gives (tests/test_grading.py
compares the two on a synthetic class).
"""
import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

# The tables that hold one student's graded submission, parent first.
SUBMISSION_QUERIES = (
    ("submitted_assignment", "SELECT * FROM {db}.submitted_assignment "
                             "WHERE assignment_id = :a AND student_id = :s"),
    ("submitted_notebook", "SELECT * FROM {db}.submitted_notebook WHERE assignment_id IN "
                           "(SELECT id FROM {db}.submitted_assignment "
                           "WHERE assignment_id = :a AND student_id = :s)"),
    ("grade", "SELECT * FROM {db}.grade WHERE notebook_id IN ({notebooks})"),
    ("comment", "SELECT * FROM {db}.comment WHERE notebook_id IN ({notebooks})"),
)
NOTEBOOKS = ("SELECT id FROM {db}.submitted_notebook WHERE assignment_id IN "
             "(SELECT id FROM {db}.submitted_assignment WHERE assignment_id = :a "
             "AND student_id = :s)")


# Each worker, and the kernels it starts, keeps to one core: several BLAS threads per
# worker would only fight over the cores the other workers are using.
ONE_THREAD = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1",
                  MKL_NUM_THREADS="1")


@dataclass
class Outcome:
    student: str
    ok: bool
    seconds: float
    log: str


def submitted_students(course, assignment):
    """Students with a submission of ``assignment`` in the course's submitted/ folder."""
    root = Path(course) / "submitted"
    return sorted(p.parent.name for p in root.glob(f"*/{assignment}") if p.is_dir())


def _autograde_one(course, assignment, student, master_db, scratch, python):
    """One worker: nbgrader autograde for one student against a private gradebook copy."""
    db = scratch / f"{student}.db"
    shutil.copyfile(master_db, db)
    start = time.monotonic()
    done = subprocess.run(
        [python, "-m", "nbgrader", "autograde", assignment, "--student", student, "--create",
         "--force", f"--CourseDirectory.db_url=sqlite:///{db}"],
        cwd=course, capture_output=True, text=True, env=ONE_THREAD)
    ok = done.returncode == 0
    return Outcome(student, ok, time.monotonic() - start, done.stdout + done.stderr), db


def _merge(master_db, worker_db, assignment_id, student):
    """Replace the student's submission in the master gradebook with the worker's."""
    con = sqlite3.connect(master_db, timeout=60)
    try:
        con.execute("ATTACH DATABASE ? AS w", (str(worker_db),))
        params = {"a": assignment_id, "s": student}
        with con:  # one transaction: the student's rows all arrive, or none do
            con.execute("INSERT OR IGNORE INTO main.student SELECT * FROM w.student "
                        "WHERE id = :s", params)
            old = NOTEBOOKS.format(db="main")
            for table in ("grade", "comment"):
                con.execute(f"DELETE FROM main.{table} WHERE notebook_id IN ({old})", params)
            con.execute(f"DELETE FROM main.submitted_notebook WHERE id IN ({old})", params)
            con.execute("DELETE FROM main.submitted_assignment WHERE assignment_id = :a "
                        "AND student_id = :s", params)
            for table, query in SUBMISSION_QUERIES:
                select = query.format(db="w", notebooks=NOTEBOOKS.format(db="w"))
                con.execute(f"INSERT INTO main.{table} {select}", params)
        con.execute("DETACH DATABASE w")
    finally:
        con.close()


def _assignment_id(master_db, assignment):
    con = sqlite3.connect(master_db)
    try:
        row = con.execute("SELECT id FROM assignment WHERE name = ?", (assignment,)).fetchone()
    finally:
        con.close()
    if row is None:
        raise SystemExit(
            f"assignment {assignment!r} is not in the gradebook {master_db}: run "
            f"`nbgrader generate_assignment {assignment}` in the course first")
    return row[0]


def grade(course, assignment, jobs=2, students=None, python=sys.executable, report=print):
    """Autograde every submitted student of ``assignment``; returns a list of Outcome."""
    course = Path(course).resolve()
    master_db = course / "gradebook.db"
    if not master_db.exists():
        raise SystemExit(f"no gradebook at {master_db}: is {course} an nbgrader course?")
    assignment_id = _assignment_id(master_db, assignment)
    students = students if students is not None else submitted_students(course, assignment)
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="bplib-grade-") as tmp, \
            ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        scratch = Path(tmp)
        futures = [pool.submit(_autograde_one, course, assignment, s, master_db, scratch, python)
                   for s in students]
        for future in as_completed(futures):  # this thread is the only gradebook writer
            outcome, worker_db = future.result()
            # Whatever the worker's autograde wrote (for a failed notebook: the student
            # and an empty submission, as serial autograde leaves it) goes in.
            _merge(master_db, worker_db, assignment_id, outcome.student)
            report(f"{outcome.student:<24} {'graded' if outcome.ok else 'FAILED':<8} "
                   f"{outcome.seconds:6.1f} s")
            outcomes.append(outcome)
    return sorted(outcomes, key=lambda o: o.student)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bplib grade", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("assignment")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="students graded at once (default: one per CPU core)")
    parser.add_argument("--course", default=".", help="the course folder (default: here)")
    args = parser.parse_args(argv)
    start = time.monotonic()
    outcomes = grade(args.course, args.assignment, args.jobs)
    failed = [o for o in outcomes if not o.ok]
    print(f"{len(outcomes) - len(failed)} of {len(outcomes)} students graded in "
          f"{time.monotonic() - start:.1f} s with {args.jobs} jobs")
    for o in failed:
        print(f"\n--- {o.student}: nbgrader's log ---\n{o.log[-3000:]}")
    return 1 if failed else 0
