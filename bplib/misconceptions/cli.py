"""`python -m bplib misconceptions`: what the class gets wrong, per exercise.

    python -m bplib misconceptions NAME [NAME ...] [--course DIR] [--out DIR]
    python -m bplib misconceptions --all
    python -m bplib misconceptions NAME --student S      one student's outcomes, by name

For each assignment it prints a table (per exercise: right, each named mistake made,
wrong in an unrecognised way, blank; the number and share of students; what to
revisit), and writes NAME-mistakes.csv and NAME-mistakes.png into --out (default
<course>/mistakes-report). Run in a notebook (``report``), it also shows the figures
inline. Only --student prints a student's name.

This module runs as the grader; it reads the grading records (record.py) and nothing else.
"""
import argparse
import sys
from pathlib import Path

from . import figure
from .record import FOLDER
from .report import class_rows, student_rows, table, write_csv

REPORT_FOLDER = "mistakes-report"


def graded_assignments(course):
    """Every assignment with grading records in ``course``."""
    folder = Path(course) / FOLDER
    return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def report(names, course=".", out=None, echo=print):
    """Table, CSV and PNG for each assignment in ``names``; returns {name: rows}."""
    out = Path(out) if out is not None else Path(course) / REPORT_FOLDER
    out.mkdir(parents=True, exist_ok=True)
    inline, found = figure.in_notebook(), {}
    for name in names:
        rows = class_rows(course, name)
        found[name] = rows
        write_csv(rows, out / f"{name}-mistakes.csv")
        figure.save(rows, out / f"{name}-mistakes.png", title=f"{name}: what the class did")
        echo(f"{table(rows)}\n\n(written: {out / f'{name}-mistakes.csv'} and .png)\n")
        if inline:
            figure.show(rows, title=f"{name}: what the class did")
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bplib misconceptions", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", metavar="NAME", help="assignments to report on")
    parser.add_argument("--all", action="store_true", help="every graded assignment")
    parser.add_argument("--course", default=".", help="the course folder (default: here)")
    parser.add_argument("--out", help=f"where the CSV and PNG go (default: COURSE/{REPORT_FOLDER})")
    parser.add_argument("--student", help="show this one student's outcomes (names them)")
    args = parser.parse_args(argv)
    names = graded_assignments(args.course) if args.all else args.names
    if not names:
        parser.print_usage(sys.stdout)
        print(f"no assignment to report on: name one, or --all (records are in "
              f"{Path(args.course) / FOLDER})")
        return 2
    try:
        if args.student:
            for name in names:
                print(f"{name} · {args.student}")
                for exercise, outcome in student_rows(args.course, name, args.student):
                    print(f"  {exercise:<32} {outcome}")
        else:
            report(names, args.course, args.out)
    except ValueError as error:
        print(f"misconceptions: {error}")
        return 2
    return 0
