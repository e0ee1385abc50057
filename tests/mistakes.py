"""Catalogues of typical wrong answers, and how the visible checks and the hidden tests
judge each one.

Each notebook's catalogue lives in ``tests/mistakes_NN.py`` as a list ``WRONG`` of
``Wrong`` entries: the exercise (the test cell's grade_id), the mistake in a few words,
the learner's functions that make it, and a fragment of the message that names it. The
rest of the notebook's answers are its own solutions. ``judge`` runs the test cell as
the notebook would: the visible check, then the hidden block, with the published seeds
and under three fixed course keys (as grading does, bplib/grading/judge.py).

    python tests/mistakes.py          # per notebook: wrong answers, named, rejected by both

This module trusts the solution notebooks; it runs their solution cells and test cells.
"""
import contextlib
import importlib
import io
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bplib.grading.judge import secret_seed, with_secret_seeds  # noqa: E402
from nbrun import is_autograded_tests, is_solution, nbgrader_meta, read, split_tests  # noqa: E402

ROOT = HERE.parent
NAMES = sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir())
KEYS = ("published seeds", "3c1f0a", "9be427", "e05d6b")


@dataclass(frozen=True)
class Wrong:
    exercise: str                 # grade_id of the test cell, e.g. "nudge-once-tests"
    mistake: str                  # what the learner did, in a few words
    answers: dict = field(hash=False)   # {function name: the wrong function}
    names: str = ""               # a fragment of the visible check's message naming it

    def __str__(self):
        return f"{self.exercise}: {self.mistake}"


@dataclass(frozen=True)
class Verdict:
    visible: str | None           # the visible check's failure message, None if it passed
    hidden: str | None            # the first hidden-test failure, None if all passed

    @property
    def same(self):
        return (self.visible is None) == (self.hidden is None)


@lru_cache(maxsize=None)
def notebook(name):
    """(namespace with the imports and every solution, {grade_id: (visible, hidden)})."""
    import matplotlib

    matplotlib.use("Agg")
    cells = read(ROOT / "solutions" / name / f"{name}.ipynb").cells
    code = [c for c in cells if c.cell_type == "code"]
    scope = {"__name__": f"solved_{name.replace('-', '_')}"}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(code[0].source, f"{name}: imports", "exec"), scope)
        for cell in code:
            if is_solution(cell):
                exec(compile(cell.source, nbgrader_meta(cell)["grade_id"], "exec"), scope)
    tests = {nbgrader_meta(c)["grade_id"]: split_tests(c.source)
             for c in cells if is_autograded_tests(c)}
    return scope, tests


def _failure(code, scope):
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            exec(code, scope)
    except Exception as error:  # noqa: BLE001 - any failure is a verdict
        return str(error) if isinstance(error, AssertionError) and str(error) \
            else f"{type(error).__name__}: {error}"
    return None


def judge(name, exercise, answers):
    """The verdicts of test cell ``exercise`` of notebook ``name`` on ``answers``."""
    solved, tests = notebook(name)
    visible, hidden = tests[exercise]
    visible_failure = _failure(compile(visible, "<visible check>", "exec"),
                               {**solved, **answers})
    hidden_failure = None
    for key in KEYS:
        scope = {**solved, **answers}
        if key == "published seeds":
            code = compile(hidden, "<hidden tests>", "exec")
        else:
            code = with_secret_seeds(hidden)
            scope["__secret_seed__"] = lambda seed, key=key: secret_seed(key, "s", exercise, seed)
        hidden_failure = _failure(code, scope)
        if hidden_failure:
            break
    return Verdict(visible_failure, hidden_failure)


def catalogue(name):
    """The wrong answers of notebook ``name`` (an empty list where there is none yet)."""
    try:
        module = importlib.import_module(f"mistakes_{name[:2]}")
    except ModuleNotFoundError:
        return []
    return list(module.WRONG)


def report(names=NAMES):
    """Rows (notebook, exercises, wrong answers, named, rejected by both, disagreements)."""
    rows = []
    for name in names:
        wrongs = catalogue(name)
        verdicts = [judge(name, w.exercise, w.answers) for w in wrongs]
        named = sum(bool(w.names) and v.visible is not None and w.names in v.visible
                    for w, v in zip(wrongs, verdicts))
        both = sum(v.visible is not None and v.hidden is not None for v in verdicts)
        rows.append((name, len({w.exercise for w in wrongs}), len(wrongs), named, both,
                     sum(not v.same for v in verdicts)))
    return rows


def main():
    print(f"{'notebook':22} {'exercises':>9} {'wrong':>6} {'named':>6} {'share':>6} "
          f"{'rejected by both':>17} {'disagree':>9}")
    total = [0, 0, 0]
    for name, exercises, wrong, named, both, disagree in report():
        share = f"{named / wrong:.0%}" if wrong else "-"
        print(f"{name:22} {exercises:9d} {wrong:6d} {named:6d} {share:>6} {both:17d} {disagree:9d}")
        total = [total[0] + wrong, total[1] + named, total[2] + disagree]
    if total[0]:
        print(f"{'all':22} {'':9} {total[0]:6d} {total[1]:6d} {total[1] / total[0]:6.0%} "
              f"{'':17} {total[2]:9d}")


if __name__ == "__main__":
    main()
