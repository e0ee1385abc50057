"""Autograde a class in parallel, each submission in the sandbox, one gradebook writer.

    python -m bplib grade ASSIGNMENT [ASSIGNMENT ...] | --all  [--jobs N] [--course DIR]

Runs as the grader. `nbgrader autograde` grades students one after another, and several
of them at once against one SQLite gradebook risk "database is locked". This starts N
long-lived workers (worker.py), each one Python process that runs nbgrader's own
Autograde for one (assignment, student) at a time against a private copy of the
gradebook, with the course's own configuration, so each submission runs in the sandbox
exactly as under `nbgrader autograde`. This process alone copies each result into the
course's gradebook (gradebook.py), one transaction per student and assignment, under
one lock. The default N is the number of CPUs that are free now (CPUs minus the load
average), so a busy machine is not made busier; each worker keeps to one BLAS thread.

Before starting, it reads the course's nbgrader configuration: if the sandbox is
switched off (c.Sandbox.enabled = False) it says loudly that grading is unsafe; if the
sandbox cannot run on this machine it refuses, in one line. A submission whose grading
fails is reported, and stored with what autograde could record for it, exactly as
serial autograde leaves it; the others are unaffected (a worker that dies is replaced).
A hand grade whose answer is unchanged stays settled, where `nbgrader autograde --force`
flags it for manual grading again (handgrades.py). A progress bar shows submissions
done, failures and the time left. Stopping the run (Ctrl-C, SIGTERM) stops every worker
and deletes the gradebook copies.
"""
import argparse
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
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
    assignment: str = ""


def submitted_students(course, assignment):
    """Students with a submission of ``assignment`` in the course's submitted/ folder."""
    root = Path(course) / "submitted"
    return sorted(p.parent.name for p in root.glob(f"*/{assignment}") if p.is_dir())


def free_cpus():
    """CPUs not busy now: the CPU count minus the 1-minute load average, at least 1."""
    cpus = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except OSError:  # no load average on this system
        load = 0.0
    return max(1, min(cpus, int(cpus - load + 0.5)))


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
    """The running worker processes, so that a stop can end them all."""

    def __init__(self, course, python, scratch):
        self.course, self.python, self.scratch = course, python, scratch
        self.running, self.stopped = set(), False

    def start(self, number):
        log = open(self.scratch / f"worker-{number}.log", "w")
        process = subprocess.Popen([self.python, "-m", "bplib.grading.worker", str(self.course)],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                                   text=True, cwd=self.course, env=ONE_THREAD)
        log.close()
        self.running.add(process)
        return process

    def ask(self, process, request):
        """Send one request; the worker's answer, or None if it died on the way."""
        try:
            process.stdin.write(json.dumps(request) + "\n")
            process.stdin.flush()
            line = process.stdout.readline()
            return json.loads(line) if line else None
        except (OSError, ValueError):
            return None

    def end(self, process):
        self.running.discard(process)
        for stream in (process.stdin, process.stdout):
            try:
                stream.close()
            except OSError:
                pass
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def stop(self, *_):
        self.stopped = True
        for process in list(self.running):
            process.terminate()
        raise SystemExit("stopped: every worker was told to stop; no gradebook copy is kept")


def _copy(master_db, db):
    """A consistent copy of the gradebook (SQLite's backup, not a file copy)."""
    with sqlite3.connect(master_db, timeout=60) as source, sqlite3.connect(db) as target:
        source.backup(target)
    source.close()
    target.close()


def grade(course, assignment, jobs=None, students=None, python=sys.executable, report=print,
          progress=False):
    """Autograde every submitted student of each assignment (a name or a list of names);
    returns a list of Outcome, sorted by assignment and student."""
    from tqdm.auto import tqdm

    course = Path(course).resolve()
    master_db = course / "gradebook.db"
    if not master_db.exists():
        raise SystemExit(f"no gradebook at {master_db}: is {course} an nbgrader course?")
    sandbox = course_sandbox(course)
    if not sandbox.enabled:
        report(f"{BANNER}\n{UNSAFE}.\n{BANNER}")
    elif sandbox.problem():
        raise SystemExit(f"grading refused: {sandbox.problem()}")
    names = [assignment] if isinstance(assignment, str) else list(assignment)
    ids = {name: assignment_id(master_db, name) for name in names}
    todo = [(name, s) for name in names
            for s in (students if students is not None else submitted_students(course, name))]
    hand_graded = {(name, s): settled(master_db, course, name, s) for name, s in todo}
    jobs = max(1, min(jobs or free_cpus(), len(todo) or 1))
    lock, outcomes, pending = threading.Lock(), [], list(reversed(todo))
    bar = tqdm(total=len(todo), desc="grading", unit="notebook", disable=not progress)

    def work(number, workers):
        process = workers.start(number)
        while not workers.stopped:
            with lock:
                if not pending:
                    break
                name, student = pending.pop()
                db = workers.scratch / f"{name}-{student}.db"
                _copy(master_db, db)
            answer = workers.ask(process, {"assignment": name, "student": student,
                                           "db": str(db)})
            if answer is None:  # the worker died: this submission failed, start another
                log_file = workers.scratch / f"worker-{number}.log"
                outcome = Outcome(student, False, 0.0, "the grading worker stopped:\n"
                                  + log_file.read_text(errors="replace")[-3000:], name)
                workers.end(process)
                process = workers.start(number)
            else:
                outcome = Outcome(student, bool(answer.get("ok")),
                                  float(answer.get("seconds", 0.0)), str(answer.get("log", "")),
                                  name)
            with lock:  # this process is the only gradebook writer, one student at a time
                try:  # what the worker's autograde recorded goes in, even for a failure
                    merge(master_db, db, ids[name], student)
                    resettle(master_db, course, name, student, hand_graded[(name, student)])
                except (sqlite3.Error, SQLAlchemyError) as error:
                    outcome.ok = False
                    outcome.log = f"{outcome.log}\ngradebook merge failed: {error}"
                db.unlink(missing_ok=True)
                outcomes.append(outcome)
                line = (f"{name:<22} {student:<24} {'graded' if outcome.ok else 'FAILED':<8} "
                        f"{outcome.seconds:6.1f} s")
                (bar.write if progress else report)(line)
                bar.update()
                bar.set_postfix(failed=sum(not o.ok for o in outcomes))
        workers.end(process)

    signals = (signal.SIGTERM, signal.SIGINT) if threading.current_thread() is threading.main_thread() else ()
    with tempfile.TemporaryDirectory(prefix="bplib-grade-") as tmp:
        workers = Workers(course, python, Path(tmp))
        previous = {s: signal.signal(s, workers.stop) for s in signals}
        try:
            threads = [threading.Thread(target=work, args=(n, workers), daemon=True)
                       for n in range(jobs)]
            for thread in threads:
                thread.start()
            for thread in threads:
                while thread.is_alive():
                    thread.join(timeout=0.5)  # so that a signal reaches this thread
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            bar.close()
    return sorted(outcomes, key=lambda o: (names.index(o.assignment), o.student))


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bplib grade", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("assignment", nargs="*")
    parser.add_argument("--all", action="store_true",
                        help="every assignment that has a submission in submitted/")
    parser.add_argument("--jobs", type=int, default=None,
                        help="submissions graded at once (default: the CPUs free now, "
                             f"{free_cpus()} of {os.cpu_count()} here)")
    parser.add_argument("--course", default=".", help="the course folder (default: here)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    if args.jobs is not None and args.jobs < 1:
        parser.error(f"--jobs: expected a whole number of at least 1, got {args.jobs}")
    if args.all == bool(args.assignment):
        parser.error("name the assignments to grade, or give --all (not both)")
    if args.all:
        args.assignment = sorted({p.name for p in (Path(args.course) / "submitted").glob("*/*")
                                  if p.is_dir()})
        if not args.assignment:
            parser.error(f"--all: no submission in {Path(args.course).resolve() / 'submitted'}")
    jobs = args.jobs or free_cpus()
    start = time.monotonic()
    outcomes = grade(args.course, args.assignment, jobs, progress=not args.no_progress)
    failed = [o for o in outcomes if not o.ok]
    students = {o.student for o in outcomes}
    what = (f"{len(outcomes) - len(failed)} of {len(outcomes)} students graded"
            if len(args.assignment) == 1 else
            f"{len(outcomes) - len(failed)} of {len(outcomes)} submissions graded "
            f"({len(students)} students, {len(args.assignment)} assignments)")
    print(f"{what} in {time.monotonic() - start:.1f} s with {jobs} job{'s' * (jobs > 1)}")
    for o in failed:
        print(f"\n--- {o.assignment} {o.student}: nbgrader's log ---\n{o.log[-3000:]}")
    return 1 if failed else 0
