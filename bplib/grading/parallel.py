"""Autograde a class in parallel, each submission in the sandbox, one gradebook writer.

    python -m bplib grade ASSIGNMENT [--jobs N] [--course DIR]

Runs as the grader. `nbgrader autograde` grades students one after another, and several
of them at once against one SQLite gradebook risk "database is locked". This runs one
`nbgrader autograde --student S` process per student, each against a private copy of
the gradebook, with the course's own configuration, so each submission runs in the
sandbox exactly as under `nbgrader autograde`. This process alone copies each student's
results into the course's gradebook (gradebook.py), one transaction per student.

Before starting, it reads the course's nbgrader configuration: if the sandbox is
switched off (c.Sandbox.enabled = False) it says loudly that grading is unsafe; if the
sandbox cannot run on this machine it refuses, in one line. A student whose grading
fails is reported, and stored with what autograde could record for them, exactly as
serial autograde leaves them; the others are unaffected. A hand grade whose answer is
unchanged stays settled, where `nbgrader autograde --force` flags it for manual grading
again (handgrades.py). Stopping the run (Ctrl-C, SIGTERM) stops every worker and
deletes the gradebook copies.
"""
import argparse
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from .gradebook import assignment_id, merge
from .handgrades import resettle, settled
from .sandbox import UNSAFE, Sandbox

# Each worker, and the kernels it starts, keeps to one core: several BLAS threads per
# worker would only fight over the cores the other workers are using.
ONE_THREAD = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1",
                  MKL_NUM_THREADS="1")
BANNER = "!" * 78


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


def course_sandbox(course):
    """The Sandbox settings that nbgrader would use in ``course``."""
    from nbgrader.apps.baseapp import NbGrader

    here = os.getcwd()
    os.chdir(course)
    try:
        app = NbGrader()
        app.initialize([])
        return Sandbox(config=app.config)
    finally:
        os.chdir(here)


class Workers:
    """The running `nbgrader autograde` processes, so that a stop can end them all."""

    def __init__(self):
        self.running = set()

    def run(self, cmd, **kwargs):
        process = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   text=True, **kwargs)
        self.running.add(process)
        try:
            out, _ = process.communicate()
        finally:
            self.running.discard(process)
        return process.returncode, out

    def stop(self, *_):
        for process in list(self.running):
            process.terminate()
        raise SystemExit("stopped: every worker was told to stop; no gradebook copy is kept")


def _autograde_one(workers, course, assignment, student, master_db, scratch, python):
    """One worker: nbgrader autograde for one student against a private gradebook copy."""
    db = scratch / f"{student}.db"
    shutil.copyfile(master_db, db)
    start = time.monotonic()
    code, log = workers.run(
        [python, "-m", "nbgrader", "autograde", assignment, "--student", student, "--create",
         "--force", f"--CourseDirectory.db_url=sqlite:///{db}"], cwd=course, env=ONE_THREAD)
    return Outcome(student, code == 0, time.monotonic() - start, log), db


def grade(course, assignment, jobs=2, students=None, python=sys.executable, report=print):
    """Autograde every submitted student of ``assignment``; returns a list of Outcome."""
    course = Path(course).resolve()
    master_db = course / "gradebook.db"
    if not master_db.exists():
        raise SystemExit(f"no gradebook at {master_db}: is {course} an nbgrader course?")
    sandbox = course_sandbox(course)
    if not sandbox.enabled:
        report(f"{BANNER}\n{UNSAFE}.\n{BANNER}")
    elif sandbox.problem():
        raise SystemExit(f"grading refused: {sandbox.problem()}")
    the_assignment = assignment_id(master_db, assignment)
    students = students if students is not None else submitted_students(course, assignment)
    outcomes, workers = [], Workers()
    hand_graded = {s: settled(master_db, course, assignment, s) for s in students}
    signals = (signal.SIGTERM, signal.SIGINT) if threading.current_thread() is threading.main_thread() else ()
    previous = {s: signal.signal(s, workers.stop) for s in signals}
    try:
        with tempfile.TemporaryDirectory(prefix="bplib-grade-") as tmp, \
                ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            futures = [pool.submit(_autograde_one, workers, course, assignment, s, master_db,
                                   Path(tmp), python) for s in students]
            for future in as_completed(futures):  # this thread is the only gradebook writer
                outcome, worker_db = future.result()
                try:  # what the worker's autograde recorded goes in, even for a failure
                    merge(master_db, worker_db, the_assignment, outcome.student)
                    resettle(master_db, course, assignment, outcome.student,
                             hand_graded[outcome.student])  # handgrades.py
                except (sqlite3.Error, SQLAlchemyError) as error:
                    outcome.ok, outcome.log = False, f"{outcome.log}\ngradebook merge failed: {error}"
                report(f"{outcome.student:<24} {'graded' if outcome.ok else 'FAILED':<8} "
                       f"{outcome.seconds:6.1f} s")
                outcomes.append(outcome)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
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
