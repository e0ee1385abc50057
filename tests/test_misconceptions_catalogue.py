"""The one table of named mistakes (bplib/misconceptions/named/) against the checks:
every wrong answer of the catalogues in tests/mistakes_NN.py is named by the table entry
its catalogue fragment points to; no verdict is right but no error, blank but not answered; the
failures every check words alike (bplib/checks/_core.py) and the judge's own verdicts
are named as such in every exercise, never stolen by an exercise's phrase."""
import numpy as np
import pytest

from mistakes import NAMES, catalogue, judge, notebook

from bplib.checks._core import call, compare
from bplib.misconceptions.catalogue import CHECKED, GENERIC, JUDGED, classify
from bplib.misconceptions.named import load

TABLE = load()
PHRASES = {key: {i: phrase for i, phrase, _ in entries} for key, entries in TABLE.items()}
GENERIC_PHRASES = {g[0]: g[2] for g in GENERIC}


def _consistent(name, exercise, mistake, fragment):
    phrase = PHRASES.get((name, exercise), {}).get(mistake) or GENERIC_PHRASES.get(mistake)
    return bool(phrase) and (fragment in phrase or phrase in fragment)


@pytest.mark.parametrize("name", NAMES)
def test_every_catalogued_wrong_answer_is_named_by_its_entry(name):
    wrongs = catalogue(name)
    assert wrongs
    for wrong in wrongs:
        message = judge(name, wrong.exercise, wrong.answers).visible
        outcome = classify(name, wrong.exercise, "AssertionError", message)
        assert outcome.kind == "mistake", (str(wrong), message)
        assert _consistent(name, wrong.exercise, outcome.mistake, wrong.names), (
            str(wrong), wrong.names, outcome.mistake, message)


@pytest.mark.parametrize("name", NAMES)
def test_every_exercise_has_its_table_with_unique_ids(name):
    _, tests = notebook(name)
    for exercise in tests:
        entries = TABLE[name, exercise]
        ids = [i for i, _, _ in entries]
        assert len(entries) >= 5 and len(set(ids)) == len(ids), (exercise, ids)
        assert not set(ids) & set(GENERIC_PHRASES), exercise
        assert all(phrase.strip() and label.strip() for _, phrase, label in entries)
    assert {e for n, e in TABLE if n == name} == set(tests)


def _message_of(fn, *args):
    try:
        call(fn, *args, what="some quantity")
    except AssertionError as error:
        return str(error)
    raise AssertionError("call() accepted it")


def _in_place(x):
    x += 1
    return x


def _writes_list(xs):
    xs[0] = np.zeros(1)
    return xs


def _crashes(x):
    raise ValueError("operands could not be broadcast together with shapes (2,3) (4,)")


def _compare_message(got, expected):
    try:
        compare("some quantity", got, expected)
    except AssertionError as error:
        return str(error)
    raise AssertionError("compare() accepted it")


CHECKED_MESSAGES = {
    "in-place": lambda: _message_of(_in_place, np.ones(3)),
    "wrote-into-list": lambda: _message_of(_writes_list, [np.ones(1)]),
    "crashed": lambda: _message_of(_crashes, np.ones(3)),
    "returned-none": lambda: _compare_message(None, np.ones(3)),
    "not-numbers": lambda: _compare_message("three", np.ones(3)),
    "wrong-shape": lambda: _compare_message(np.ones(2), np.ones(3)),
}
JUDGED_VERDICTS = {  # as bplib/grading/judge.py and execute.py word them
    "shortcut": ("ShortcutError", "you called numpy.gradient, which does the exercise"),
    "timeout": ("TimeoutError", "interrupted (the cell's time limit)"),
    "not-judged": ("GradingError", "the kernel died while this cell ran (it exited, or was killed)"),
    "hidden-only": ("AssertionError", "the answer passes the visible check but not the hidden "
                    "tests, which try other inputs"),
}


@pytest.mark.parametrize("key", sorted(TABLE), ids=[f"{n[:2]}-{e}" for n, e in sorted(TABLE)])
def test_what_every_check_or_the_judge_says_is_named_alike_in_every_exercise(key):
    assert set(CHECKED_MESSAGES) == {g[0] for g in CHECKED}
    assert set(JUDGED_VERDICTS) == {g[0] for g in JUDGED}
    for mistake, message in CHECKED_MESSAGES.items():
        assert classify(*key, "AssertionError", message()).mistake == mistake, message()
    for mistake, (ename, message) in JUDGED_VERDICTS.items():
        assert classify(*key, ename, message).mistake == mistake
    assert classify(*key, None, "").kind == "right"
    assert classify(*key, "NotImplementedError", "this exercise is not answered yet").kind == "blank"
    unnamed = _compare_message(np.array([0.5, 2.0]), np.array([0.25, 2.0]))
    assert classify(*key, "AssertionError", unnamed).kind == "unrecognised", unnamed

