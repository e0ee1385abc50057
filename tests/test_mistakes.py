"""Every exercise's catalogue of typical wrong answers (tests/mistakes_NN.py):

* the visible check and the hidden tests give the same verdict, so a ✓ in the notebook
  is never taken away at grading, and grading never rejects what the learner was shown
  as right;
* the visible check names the mistake (its message contains the catalogue's fragment)
  for at least 90% of each exercise's catalogue, with at least 8 entries per exercise;
* the diagnosis fits on a screen: at most four lines of at most 100 characters, as the
  notebook shows it (bplib/checks/failures.py).
"""
import pytest

from mistakes import NAMES, catalogue, judge, notebook

from bplib.checks.failures import WIDTH, short

ENTRIES = [(name, wrong) for name in NAMES for wrong in catalogue(name)]
IDS = [f"{name[:2]}-{wrong.exercise}-{wrong.mistake}" for name, wrong in ENTRIES]


@pytest.mark.parametrize("name, wrong", ENTRIES, ids=IDS)
def test_both_reject_it_and_the_check_names_it(name, wrong):
    verdict = judge(name, wrong.exercise, wrong.answers)
    assert verdict.visible is not None, f"the visible check passes {wrong}"
    assert verdict.hidden is not None, f"the hidden tests pass {wrong}"
    if wrong.names:
        assert wrong.names in verdict.visible, (wrong.names, verdict.visible)
    message = verdict.visible.split(": ", 1)[1] if verdict.visible.startswith(
        ("ValueError: ", "TypeError: ")) else verdict.visible  # as _render_traceback_ has it
    lines = short(message)
    assert len(lines) <= 4 and all(len(line) <= WIDTH + 10 for line in lines), lines


@pytest.mark.parametrize("name", NAMES)
def test_every_exercise_has_a_catalogue_named_at_least_90_percent(name):
    _, tests = notebook(name)
    wrongs = catalogue(name)
    for exercise in tests:
        mine = [w for w in wrongs if w.exercise == exercise]
        assert len(mine) >= 8, f"{name} {exercise}: {len(mine)} wrong answers catalogued"
        named = [w for w in mine if w.names]
        assert len(named) >= 0.9 * len(mine), (
            f"{name} {exercise}: {len(named)} of {len(mine)} mistakes named")


@pytest.mark.parametrize("name", NAMES)
def test_the_solutions_pass_both(name):
    _, tests = notebook(name)
    for exercise in tests:
        verdict = judge(name, exercise, {})
        assert verdict.visible is None and verdict.hidden is None, (exercise, verdict)


def test_a_fragment_that_is_not_in_the_message_fails():
    """The naming test can fail: a catalogued mistake with the wrong fragment does."""
    name, wrong = ENTRIES[0]
    verdict = judge(name, wrong.exercise, wrong.answers)
    assert "no check says this" not in verdict.visible
