"""The judge's reading of a test cell and of the answers, without a kernel.

* which names of a test cell are the learner's functions (the rest the cell defines);
* the library shortcuts read in an answer's source: every shortcut answer of the series
  is named, and no official solution is (no false alarm);
* the hidden tests' seeds: replaced by secret ones, the same at every grading, different
  per student, course and exercise;
* the checks a released notebook imports, and nothing else.
"""
import re

import pytest

from bplib.checks.shortcuts import SHORTCUTS
from bplib.grading.judge import (CHECK, checks_of, free_names, secret_seed, shortcuts_in,
                                 with_secret_seeds)
from classroom import ROOT, exercises, solution_code
from nbrun import is_autograded_tests, nbgrader_meta, read
from verdict_tricks import SHORTCUTS_BY_NOTEBOOK

NAMES = sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir())


def check_of(name, solution_id):
    """The check that the test cell after ``solution_id`` calls."""
    cells = read(ROOT / "solutions" / name / f"{name}.ipynb").cells
    tests = {sid: tid for sid, tid, _ in exercises(name)}
    cell = next(c for c in cells if nbgrader_meta(c).get("grade_id") == tests[solution_id])
    return CHECK.findall(cell.source)[0]


def test_the_learners_names_are_what_the_cell_uses_but_does_not_define():
    source = ("check_forward(forward)\nimport numpy as _np\n_r = _np.random.default_rng(1)\n"
              "for _i in range(2):\n    _x = forward(_r.normal(size=2))\n_f = lambda _v: _v\n"
              "class _Net:\n    def gradient(self, x): return helper(x)\n")
    assert free_names(source) == {"check_forward", "forward", "helper"}


def test_every_test_cell_of_the_series_calls_one_known_check():
    for name in NAMES:
        for cell in read(ROOT / "solutions" / name / f"{name}.ipynb").cells:
            if is_autograded_tests(cell):
                assert len(set(CHECK.findall(cell.source))) == 1, (name, cell.source[:80])


@pytest.mark.parametrize("name", sorted(SHORTCUTS_BY_NOTEBOOK))
def test_every_shortcut_answer_is_named(name):
    for solution_id, source in SHORTCUTS_BY_NOTEBOOK[name].items():
        assert shortcuts_in([source], check_of(name, solution_id)), (name, solution_id)


@pytest.mark.parametrize("name", NAMES)
def test_no_official_solution_is_taken_for_a_shortcut(name):
    code = solution_code(name)
    for solution_id, _, _ in exercises(name):
        assert shortcuts_in([code[solution_id]], check_of(name, solution_id)) is None, solution_id


def test_the_checks_own_references_are_a_shortcut_everywhere():
    for source in ("import bplib.checks.learning_rate as r\ndef f(x): return r.standardise(x)",
                   "from bplib.checks.worked import _forward", "def f(x):\n    return bplib.checks.x(x)"):
        assert shortcuts_in([source], "check_forward").startswith("bplib.checks")


def test_names_that_only_look_alike_are_not_shortcuts():
    assert shortcuts_in(["def f(net):\n    return my_forward(net)"], "check_forward") is None
    assert shortcuts_in(["def train_step(a):\n    return forward(a)"], "check_train_step") is None


def test_every_check_with_shortcuts_exists():
    import importlib
    names = set()
    for module in ("batches", "deltas", "digits", "equations", "finite_differences",
                   "learning_rate", "nudges", "slopes", "worked"):
        names |= {n for n in dir(importlib.import_module(f"bplib.checks.{module}")) if n.startswith("check_")}
    assert set(SHORTCUTS) <= names


def test_secret_seeds_are_stable_and_private():
    a = secret_seed("key", "alice", "forward-tests", 1234)
    assert a == secret_seed("key", "alice", "forward-tests", 1234)
    others = {secret_seed(k, s, e, 1234) for k, s, e in (("other", "alice", "forward-tests"),
                                                      ("key", "bob", "forward-tests"),
                                                      ("key", "alice", "train-step-tests"))}
    assert a not in others and len(others) == 3


def test_only_the_hidden_generators_seeds_are_replaced():
    code = with_secret_seeds("_r = _np.random.default_rng(5)\n_q = default(5)\n_s = _np.random.default_rng(100 + _t)")
    seen = []
    scope = {"_np": __import__("numpy"), "_t": 1, "default": lambda s: s,
             "__secret_seed__": lambda s: seen.append(s) or 42}
    exec(code, scope)
    assert seen == [5, 101] and scope["_q"] == 5


def test_a_notebook_brings_in_only_its_checks():
    released = read(ROOT / "notebooks" / "04-worked-example" / "04-worked-example.ipynb")
    found = checks_of(released)
    assert set(found) == {"check_forward", "check_output_deltas", "check_hidden_deltas",
                          "check_update_weights", "check_train_step"}
    assert all(re.match(r"bplib\.checks\.", f.__module__) for f in found.values())
