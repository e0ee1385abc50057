"""What the class gets wrong: the mistakes the checks name, recorded at grading and
counted for the instructor.

    named/        the one table of named mistakes per exercise: id, phrase, label;
    catalogue.py  a test cell's verdict -> right, blank, a named mistake, unrecognised;
    sections.py   each exercise's section and equation, from the released notebook;
    record.py     RecordMistakes, the nbgrader preprocessor that writes the records;
    report.py     the records counted: rows, table, CSV;
    figure.py     one bar chart per notebook; cli.py  `python -m bplib misconceptions`.

Trust: everything here runs as the grader. The records are written from verdicts the
judge (bplib/grading/judge.py) reached in the grader's process; the student's kernel
never writes or reads them.
"""
import importlib

_WHERE = {"RecordMistakes": "record", "classify": "catalogue", "report": "cli"}
__all__ = sorted(_WHERE)


def __getattr__(name):
    # imported on first use: the report does not load nbgrader, the recorder does
    if name in _WHERE:
        return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
