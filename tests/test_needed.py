"""bplib.grading.needed: which cells grading runs. A cell of ours is left unrun only when
nothing that runs after it can see what it did; each rule is shown keeping a cell that a
naive rule (skip every unchanged plain cell) would have dropped, changing a grade."""
import nbformat
import pytest

from bplib.grading.needed import needed_cells


def code(source, nbgrader=None):
    cell = nbformat.v4.new_code_cell(source)
    if nbgrader:
        cell.metadata["nbgrader"] = nbgrader
    return cell


def answer(source):
    return code(source, {"solution": True, "grade": False, "grade_id": "a"})


def graded(source):
    return code(source, {"solution": False, "grade": True, "grade_id": "t", "points": 1})


IMPORTS = code("import numpy as np\nfrom bplib.checks.worked import check_forward")
DATA = code("x = np.arange(3.0)")
DEMO = code("curve = np.cumsum(np.ones(4))\nprint(curve)")
ANSWER = answer("def double(v):\n    return 2 * v")
TEST = graded("check_forward(double)")


def run(*cells, released=None):
    nb = nbformat.v4.new_notebook(cells=list(cells))
    ours = released if released is not None else list(cells)
    return needed_cells(nb, nbformat.v4.new_notebook(cells=[c for c in ours]))


def naive(*cells):
    """Skip every plain cell: what a rule without the analysis would do."""
    return {i for i, c in enumerate(cells) if c.metadata.get("nbgrader")}


def test_a_demonstration_nothing_reads_is_left_unrun_and_the_rest_runs():
    assert run(IMPORTS, DATA, DEMO, ANSWER, TEST) == {0, 3, 4}


def test_a_name_an_answer_reads_inside_its_function_keeps_the_cell_that_makes_it():
    uses = answer("def double(v):\n    return 2 * v + x[0] - x[0]")
    cells = (IMPORTS, DATA, DEMO, uses, TEST)
    assert 1 in run(*cells) and 1 not in naive(*cells)


def test_a_name_a_test_reads_keeps_the_cell_that_makes_it():
    reads = graded("check_forward(double)\nassert x.shape == (3,)")
    assert run(IMPORTS, DATA, DEMO, ANSWER, reads) == {0, 1, 3, 4}


def test_a_change_made_through_an_alias_keeps_the_cell_that_makes_it():
    alias = code("y = x")
    grows = code("y *= 2")  # x changes too
    uses = answer("def double(v):\n    return v * x[1]")
    cells = (IMPORTS, DATA, alias, grows, uses, TEST)
    assert {1, 2, 3} <= run(*cells)


def test_a_function_defined_in_a_demonstration_keeps_what_its_body_reads():
    helper = code("def scale():\n    return x[2]")
    uses = answer("def double(v):\n    return v * scale()")
    assert {0, 1, 2} <= run(IMPORTS, DATA, helper, uses, TEST)


@pytest.mark.parametrize("source", ["np.random.seed(0)", "np.seterr(all='raise')",
                                    "np.exp = lambda z: z", "import warnings\nwarnings.simplefilter('error')",
                                    "import os\nos.chdir('/')", "np.set_printoptions(precision=2)",
                                    "%matplotlib inline", "def f():\n    global g\n    g = 1\nf()"])
def test_a_cell_that_changes_state_no_name_shows_always_runs(source):
    cell = code(source)
    assert 2 in run(IMPORTS, DATA, cell, ANSWER, TEST)


@pytest.mark.parametrize("source", ["def double(v):\n    return 2 * eval('x')[0] * v",
                                    "def double(v):\n    return 2 * globals()['x'][0] * v",
                                    "def double(v):\n    return 2 * v * _[0]",
                                    "from math import *\ndef double(v):\n    return 2 * v"])
def test_an_answer_that_reads_names_dynamically_makes_everything_run(source):
    cells = (IMPORTS, DATA, DEMO, answer(source), TEST)
    assert run(*cells) == {0, 1, 2, 3, 4}
    assert naive(*cells) == {3, 4}


def test_a_cell_the_student_changed_or_added_always_runs():
    released = [IMPORTS, DATA, DEMO, ANSWER, TEST]
    changed = code("curve = np.cumsum(np.ones(5))")
    added = code("z = 1")
    assert run(IMPORTS, DATA, changed, added, ANSWER, TEST, released=released) == {0, 2, 3, 4, 5}


def test_a_cell_that_does_not_parse_always_runs_and_then_everything_does():
    broken = code("this is not python )")
    assert run(IMPORTS, DATA, DEMO, broken, ANSWER, TEST, released=[IMPORTS, DATA, DEMO, broken,
                                                                   ANSWER, TEST]) == set(range(6))


def test_the_import_a_running_cell_needs_runs_even_if_a_demonstration_also_uses_it():
    uses = answer("def double(v):\n    return np.multiply(2, v)")
    assert 0 in run(IMPORTS, DEMO, uses, TEST)


def test_the_hidden_block_of_a_test_counts_as_reading():
    hidden = graded("check_forward(double)\n### BEGIN HIDDEN TESTS\nassert double(x[0]) == 0\n"
                  "### END HIDDEN TESTS")
    assert 1 in run(IMPORTS, DATA, DEMO, ANSWER, hidden)
