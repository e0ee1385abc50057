"""RepairSubmission: a submission put back into the shape of the released notebook.

Each damage is made to a copy of the released notebook 04 with every answer filled in;
the repaired cells must then be exactly the answered notebook's cells: same order, same
released metadata, the student's sources. Each test also shows that without the
repair, the damaged notebook is not in that shape (so the check can fail).
"""
import copy
import json

import nbformat
import pytest

from bplib.grading.repair import describe, match, repair
from classroom import ROOT, solution_code
from nbrun import is_autograded_tests, nbgrader_meta, read

NAME = "04-worked-example"


@pytest.fixture(scope="module")
def released():
    return read(ROOT / "notebooks" / NAME / f"{NAME}.ipynb")


@pytest.fixture
def answered(released):
    nb = copy.deepcopy(released)
    code = solution_code(NAME)
    for cell in nb.cells:
        gid = nbgrader_meta(cell).get("grade_id")
        if gid in code:
            cell.source = code[gid]
    return nb


def stripped(nb, reverse=False):
    """``nb`` as an editor that drops cell metadata and ids would save it (nbformat 4.4)."""
    data = json.loads(nbformat.writes(nb))
    data["nbformat_minor"] = 4
    for cell in data["cells"]:
        cell["metadata"] = {}
        cell.pop("id")
    if reverse:
        data["cells"] = data["cells"][::-1]
    return nbformat.reads(json.dumps(data), as_version=4)


def shape(cells):
    """What grading depends on: each cell's type, nbgrader metadata, tags and source."""
    return [(c.cell_type, c.metadata.get("nbgrader"), c.metadata.get("tags"), c.source)
            for c in cells]


def fixed(damaged, released):
    cells, changes = repair(damaged.cells, released.cells)
    return cells, changes


def test_an_untouched_submission_comes_out_unchanged(answered, released):
    cells, changes = fixed(copy.deepcopy(answered), released)
    assert shape(cells) == shape(answered.cells)
    assert [c.get("id") for c in cells] == [c.get("id") for c in answered.cells]
    assert describe(changes) == ""


def test_stripped_metadata_and_ids_are_restored(answered, released):
    damaged = stripped(answered)
    assert shape(damaged.cells) != shape(answered.cells)
    cells, changes = fixed(damaged, released)
    assert shape(cells) == shape(answered.cells)
    assert "restored the metadata of" in describe(changes)


def test_test_cells_moved_to_the_top_go_back(answered, released):
    damaged = copy.deepcopy(answered)
    tests = [c for c in damaged.cells if is_autograded_tests(c)]
    damaged.cells = tests + [c for c in damaged.cells if not is_autograded_tests(c)]
    assert shape(damaged.cells) != shape(answered.cells)
    cells, changes = fixed(damaged, released)
    assert shape(cells) == shape(answered.cells)
    assert "released order" in describe(changes)


def test_moved_and_stripped_together(answered, released):
    cells, _ = fixed(stripped(answered, reverse=True), released)
    assert shape(cells) == shape(answered.cells)


def test_deleted_cells_come_back_as_released(answered, released):
    damaged = copy.deepcopy(answered)
    gone = [1] + [i for i, c in enumerate(damaged.cells) if is_autograded_tests(c)][:1]
    damaged.cells = [c for i, c in enumerate(damaged.cells) if i not in gone]
    cells, changes = fixed(damaged, released)
    assert shape(cells) == shape(answered.cells)
    assert "put back 2 deleted cells" in describe(changes)


def test_a_deleted_answer_comes_back_blank(answered, released):
    damaged = copy.deepcopy(answered)
    damaged.cells = [c for c in damaged.cells if nbgrader_meta(c).get("grade_id") != "forward-solution"]
    cells, changes = fixed(damaged, released)
    forward = next(c for c in cells if nbgrader_meta(c).get("grade_id") == "forward-solution")
    assert "raise NotImplementedError()" in forward.source
    assert "forward-solution" in describe(changes)


def test_edited_points_and_skip_tags_are_put_back(answered, released):
    damaged = copy.deepcopy(answered)
    for cell in damaged.cells:
        if is_autograded_tests(cell):
            cell.metadata["nbgrader"]["points"] = 100
            cell.metadata["tags"] = ["skip-execution"]
    assert shape(damaged.cells) != shape(answered.cells)
    cells, _ = fixed(damaged, released)
    assert shape(cells) == shape(answered.cells)


def test_added_cells_keep_their_place_without_nbgrader_metadata(answered, released):
    damaged = copy.deepcopy(answered)
    at = next(i for i, c in enumerate(damaged.cells) if nbgrader_meta(c).get("grade_id") == "forward-solution")
    helper = nbformat.v4.new_code_cell("def helper():\n    return 1")
    fake = nbformat.v4.new_code_cell("pass")
    fake.metadata["nbgrader"] = {"grade": True, "grade_id": "made-up", "points": 50}
    damaged.cells[at:at] = [helper]
    damaged.cells.append(fake)
    cells, changes = fixed(damaged, released)
    assert cells[at].source == helper.source and cells[at + 1].source.startswith("def forward")
    assert "nbgrader" not in cells[-1].metadata and cells[-1].source == "pass"
    assert shape([c for c in cells if c.source not in (helper.source, "pass")]) == shape(answered.cells)


def test_an_answer_is_found_by_the_function_it_defines(answered, released):
    damaged = stripped(answered)
    at = next(i for i, c in enumerate(damaged.cells) if c.source.startswith("def forward"))
    damaged.cells.insert(at, nbformat.v4.new_code_cell("x = 1  # a scratch cell"))
    pairs = match(damaged.cells, released.cells)
    forward = next(i for i, c in enumerate(released.cells) if nbgrader_meta(c).get("grade_id") == "forward-solution")
    assert damaged.cells[pairs[forward]].source.startswith("def forward")
