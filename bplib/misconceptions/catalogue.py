"""Name a judged test cell's outcome: right, blank, one named mistake, or unrecognised.

``classify(notebook, exercise, ename, evalue)`` reads the verdict that bplib/grading/judge.py
gave a test cell (no error output: right; else the error's name and message) and returns
an ``Outcome``. The judge's own verdicts come first (JUDGED: a shortcut, a time-out, a
cell not judged, an answer only the hidden tests reject), then the exercise's own
mistakes (named/), in their table's order, then the mistakes every check can name
(CHECKED, from bplib/checks/_core.py), so a specific diagnosis beats a general one.

This module runs as the grader and trusts the verdict it is given: only the judge's
error outputs are passed in (record.py), never text the student's kernel printed. One
part of a message is the student's own: the text of an exception their function raised
("your function stopped with ValueError: ..."). A student can therefore steer their own
wrong answer into another named mistake; never into "right", never for anyone else.
"""
from dataclasses import dataclass
from functools import lru_cache

from . import named

RIGHT, BLANK, UNRECOGNISED = "right", "blank", "unrecognised"

# (id, the verdict's error name, a phrase of its message or "", label, what to revisit)
JUDGED = (
    ("shortcut", "ShortcutError", "", "used a library shortcut",
     "the exercise asks for the computation itself, not a library call"),
    ("timeout", "TimeoutError", "", "ran past the time limit",
     "a loop that never ends, or a far too slow one"),
    ("not-judged", "GradingError", "",
     "not judged: the kernel died or the notebook ran out of time",
     "the notebook as a whole: run it top to bottom in a fresh kernel"),
    ("hidden-only", "AssertionError", "passes the visible check but not the hidden tests",
     "passes the visible check, fails the hidden tests",
     "the exercise's general case: other shapes and inputs than the check tried"),
)
CHECKED = (  # the failures bplib/checks/_core.py words for every check
    ("in-place", "AssertionError", "changed one of its input arrays in place",
     "changed its input arrays in place",
     "compute new arrays (x = x + 1), never write into the ones given"),
    ("wrote-into-list", "AssertionError", "wrote into the list it was given",
     "wrote into the list it was given",
     "build a new list to return, leave the given one as it was"),
    ("returned-none", "AssertionError", "returned None. Did you forget `return`?",
     "returned None (no return)",
     "end the function with return"),
    ("not-numbers", "AssertionError", "expected numbers, got a",
     "returned something that is not numbers",
     "what the exercise asks the function to return"),
    ("crashed", "AssertionError", "your function stopped with",
     "the function raised an error",
     "run the function by hand on a small input; read the error"),
    ("wrong-shape", "AssertionError", "expected shape",
     "wrong shape",
     "the shapes stated in the exercise: rows are neurons, columns are examples"),
)
GENERIC = JUDGED + CHECKED


@dataclass(frozen=True)
class Mistake:
    id: str
    label: str
    revisit: str = ""      # "" for an exercise's own mistake: its section (report.py) says


@dataclass(frozen=True)
class Outcome:
    kind: str              # RIGHT, BLANK, UNRECOGNISED, or "mistake"
    mistake: str = ""      # the mistake's id when kind is "mistake"


@lru_cache(maxsize=None)
def tables():
    return named.load()


def generic():
    """{id: Mistake} for the mistakes any exercise can show."""
    return {g[0]: Mistake(g[0], g[3], g[4]) for g in GENERIC}


def mistakes(notebook, exercise):
    """{id: Mistake} for exercise ``exercise`` of ``notebook``: its own, then the generic ones."""
    own = {i: Mistake(i, label) for i, _, label in tables().get((notebook, exercise), ())}
    return {**own, **generic()}


def classify(notebook, exercise, ename, evalue):
    """The Outcome of a test cell whose verdict had error ``ename: evalue`` (None: right)."""
    if ename is None:
        return Outcome(RIGHT)
    if ename == "NotImplementedError":
        return Outcome(BLANK)
    message = str(evalue)
    own = [(i, "AssertionError", phrase) for i, phrase, _ in tables().get((notebook, exercise), ())]
    for i, wanted, phrase in [g[:3] for g in JUDGED] + own + [g[:3] for g in CHECKED]:
        if ename == wanted and phrase in message:
            return Outcome("mistake", i)
    return Outcome(UNRECOGNISED)
