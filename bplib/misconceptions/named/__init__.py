"""The named mistakes of every autograded exercise: one table, which the grader uses to
name a student's mistake and the report to count and explain it.

nbNN.py holds notebook NN's table: ``NAMED[grade_id]`` lists, for the exercise whose test
cell has that grade_id, its mistakes as (id, phrase, label):
    id       stable within the exercise; what the grading record stores;
    phrase   a piece of the visible check's failure message (bplib/checks) that only
             this mistake's message contains, among the exercise's mistakes listed
             before it: a message is named by the first entry whose phrase it contains;
    label    a few words for the instructor's report.
The phrases are the check messages' own words, so a message changed in bplib/checks
must change its phrase here; tests/test_misconceptions_catalogue.py runs every wrong
answer of the catalogues in tests/mistakes_NN.py and fails where the two part.

This module trusts nothing but its own tables.
"""
import importlib

TABLES = [f"nb{n:02d}" for n in range(1, 10)]


def load():
    """{(notebook, grade_id): [(id, phrase, label), ...]} for every table."""
    found = {}
    for name in TABLES:
        module = importlib.import_module(f".{name}", __name__)
        for exercise, entries in module.NAMED.items():
            found[module.NOTEBOOK, exercise] = list(entries)
    return found
