"""A progress report for self-study: `python -m bplib progress [notebooks ...]`.

Runs each of your notebooks (default: every notebook under notebooks/) top to bottom in a
fresh kernel, in memory, so the files are never changed (run.py), and reports every
exercise's visible check (verdicts.py): passed, failed with the check's whole message,
not attempted, or blocked by a blank exercise it uses. A cell that runs longer than
``--cell-limit`` seconds is interrupted and named, and the rest of the notebook still
runs. Every exercise counts in the total, whatever happened to it.

Points are those of the exercises whose visible checks pass. The hidden tests that
grading uses are not in your copy, so they are not included: a passing visible check is
good evidence, not a grade. Each notebook runs in a process of its own, with a time limit
for the whole notebook (``--limit``).
"""
import argparse
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
from dataclasses import asdict
from pathlib import Path

from .run import run_copy
from .verdicts import BLOCKED, FAILED, NOT_ATTEMPTED, NOT_RUN, PASSED, Exercise, verdicts

__all__ = ["BLOCKED", "FAILED", "NOT_ATTEMPTED", "NOT_RUN", "PASSED", "Exercise",
           "run_notebook", "report", "format_report", "main"]
MARKS = {PASSED: "✓", FAILED: "✗", NOT_ATTEMPTED: "·", BLOCKED: "·", NOT_RUN: "✗"}


def run_notebook(path, cell_limit=30.0):
    """The verdict of every exercise of the notebook at ``path`` (the file is not written)."""
    return verdicts(run_copy(path, cell_limit))


def _unrun(path, why):
    """Every exercise of ``path``, not run, or ``why`` alone if the file cannot be read."""
    import nbformat

    try:
        found = verdicts(nbformat.read(str(path), as_version=4), ran=False)
    except Exception as error:  # noqa: BLE001 - any unreadable file
        first = (str(error).strip().splitlines() or [type(error).__name__])[0]
        return f"could not run: {first}"
    for exercise in found:
        exercise.message = why
    return found or why


def report(paths, limit=300, cell_limit=30.0):
    """Run every notebook in its own process; returns {path: list of Exercise or str}."""
    results = {}
    for path in paths:
        # a session of its own, so a hanging kernel is stopped together with its runner
        proc = subprocess.Popen([sys.executable, "-m", "bplib.progress", "--one", str(path),
                                 "--cell-limit", str(cell_limit)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
        try:
            out, err = proc.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            results[path] = _unrun(path, f"not run: the notebook was stopped after {limit:g} s")
            continue
        if proc.returncode != 0:
            raised = [line for line in err.splitlines() if re.match(r"\w+(Error|Exception)\b", line)]
            results[path] = _unrun(path, "not run: " + (raised[-1] if raised else
                                                        "the notebook could not be run"))
            continue
        results[path] = [Exercise(**e) for e in json.loads(out)]
    return results


def format_report(results, width=88):
    lines = []
    total = possible = 0.0
    for path, found in results.items():
        lines.append(f"\n{Path(path).stem}")
        if isinstance(found, str):
            lines.append(f"  {found}")
            continue
        for e in found:
            got = e.points if e.verdict == PASSED else 0
            total, possible = total + got, possible + e.points
            lines.append(f"  {MARKS[e.verdict]} {e.grade_id:<32} {e.verdict:<14} {got:g}/{e.points:g}")
            for paragraph in e.message.splitlines():
                lines += textwrap.wrap(paragraph, width, initial_indent=" " * 6,
                                       subsequent_indent=" " * 6) or [""]
    lines.append(f"\nvisible checks passed: {total:g} of {possible:g} points")
    lines.append("Hidden tests used for grading are not included here: they are not in your "
                 "copy of the notebooks.")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bplib progress", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", help="notebooks to run (default: notebooks/*/*.ipynb)")
    parser.add_argument("--limit", type=float, default=300,
                        help="seconds a notebook may run before it is stopped (default 300)")
    parser.add_argument("--cell-limit", type=float, default=30,
                        help="seconds one cell may run before it is interrupted (default 30)")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: run one, print JSON
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps([asdict(e) for e in run_notebook(args.one, args.cell_limit)]))
        return 0
    paths = [Path(p) for p in args.notebooks] or sorted(Path("notebooks").glob("*/*.ipynb"))
    if not paths:
        print("No notebooks found: run this from the course folder, or name the notebooks.")
        return 2
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"No such notebook: {', '.join(map(str, missing))}")
        return 2
    print(format_report(report(paths, args.limit, args.cell_limit)))
    return 0
