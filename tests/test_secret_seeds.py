"""The hidden tests stay right under every secret seed the grader may draw.

At grading, every default_rng(seed) of a hidden block gets a seed derived from the
course's key, the student and the exercise (bplib/grading/judge.py). Some hidden tests
make statistical claims (a nudge learner keeps 10 to 50 of 60 single tries; 400 nudges
shrink the error fiftyfold), so this runs every hidden block of the series, with the
notebooks' own solutions, under 200 random course keys: all must pass. It also shows that
the replaced seeds change the inputs (a wrong answer that matches the published seeds'
inputs would not survive).
"""
import secrets

import numpy as np
import pytest

from bplib.grading.judge import HIDDEN, secret_seed, with_secret_seeds
from classroom import ROOT
from nbrun import is_autograded_tests, is_solution, nbgrader_meta, read

NAMES = sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir())
KEYS = [secrets.token_hex(16) for _ in range(200)]  # a 1-in-300 failure shows up in about half the runs



def solved(name):
    """A namespace with the notebook's imports and every solution defined."""
    import matplotlib

    matplotlib.use("Agg")
    cells = read(ROOT / "solutions" / name / f"{name}.ipynb").cells
    code = [c for c in cells if c.cell_type == "code"]
    scope = {}
    exec(compile(code[0].source, "imports", "exec"), scope)
    for cell in code:
        if is_solution(cell):
            exec(compile(cell.source, nbgrader_meta(cell)["grade_id"], "exec"), scope)
    return scope, [c for c in cells if is_autograded_tests(c)]


def hidden_failures(scope, tests):
    failures = []
    for cell in tests:
        hidden = "\n".join(HIDDEN.findall(cell.source))
        exercise = nbgrader_meta(cell)["grade_id"]
        code = with_secret_seeds(hidden)
        for key in KEYS:
            local = dict(scope, __secret_seed__=lambda seed, key=key: secret_seed(key, "s", exercise, seed))
            try:
                exec(code, local)
            except AssertionError as error:
                failures.append((exercise, key, str(error)[:200]))
    return failures


@pytest.mark.parametrize("name", NAMES)
def test_every_hidden_block_passes_under_every_secret_seed(name):
    assert hidden_failures(*solved(name)) == []


def test_a_wrong_answer_fails_them():
    scope, tests = solved("04-worked-example")
    right = scope["hidden_deltas"]
    scope["hidden_deltas"] = lambda w2, d, h: right(w2, d, h) * 1.001
    failed = {exercise for exercise, _, _ in hidden_failures(scope, tests)}
    assert failed == {"hidden-deltas-tests", "train-step-tests"}


def test_the_secret_seeds_draw_other_inputs():
    published = np.random.default_rng(1234).normal(size=3)
    drawn = [np.random.default_rng(secret_seed(k, "s", "forward-tests", 1234)).normal(size=3)
             for k in KEYS[:5]]
    assert all(not np.allclose(published, d) for d in drawn)
