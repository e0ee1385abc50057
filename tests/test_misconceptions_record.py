"""RecordMistakes, the preprocessor that writes the grading records: it records the
judge's verdicts, and nothing where the test cells may have run in the student's kernel
(then it also drops an older record); a student id that is not a plain name gets no
record, and grading goes on."""
import json
import logging
import shutil

import pytest
from nbformat import NotebookNode
from traitlets.config import Config

from mistakes import ROOT
from nbrun import is_autograded_tests, nbgrader_meta, read

from bplib.misconceptions.record import RecordMistakes

NAME = "03-deltas"
PIPELINE = ["bplib.grading.SandboxedExecute", "bplib.misconceptions.RecordMistakes"]


@pytest.fixture
def course(tmp_path):
    shutil.copytree(ROOT / "notebooks" / NAME, tmp_path / "notebooks" / NAME)
    return tmp_path


def _judged():
    """Notebook 03 as the judge leaves it: exercise 2 named wrong, the others right."""
    nb = read(ROOT / "notebooks" / NAME / f"{NAME}.ipynb")
    for cell in nb.cells:
        if is_autograded_tests(cell):
            cell.outputs = [NotebookNode(output_type="stream", name="stdout", text="✓ fine\n")]
            if nbgrader_meta(cell)["grade_id"] == "hidden-deltas-tests":
                cell.outputs = [NotebookNode(
                    output_type="error", ename="AssertionError", traceback=[],
                    evalue="hidden deltas: the transpose is missing. Row j of w_next ...")]
    return nb


def _run(course, student="alice", **settings):
    config = Config()
    config.CourseDirectory.root = str(course)
    config.CourseDirectory.release_directory = "notebooks"
    config.Autograde.autograde_preprocessors = settings.pop("pipeline", PIPELINE)
    for name, value in settings.items():
        setattr(config.SandboxedExecute, name, value)
    recorder = RecordMistakes(config=config, log=logging.getLogger("record-test"))
    resources = {"nbgrader": {"student": student, "assignment": NAME, "notebook": NAME}}
    recorder.preprocess(_judged(), resources)
    return course / "mistakes" / NAME / student / f"{NAME}.json"


def test_the_judges_verdicts_are_recorded(course):
    record = json.loads(_run(course).read_text())
    kinds = {e["exercise"]: (e["kind"], e["mistake"]) for e in record["exercises"]}
    assert kinds == {"output-deltas-tests": ("right", ""), "update-tests": ("right", ""),
                     "hidden-deltas-tests": ("mistake", "no-transpose"),
                     "train-step-linear-tests": ("right", "")}
    assert record["exercises"][1]["section"].startswith("Exercise 2 · Hidden deltas: \\delta^l")


@pytest.mark.parametrize("settings, why", [
    ({"judge_outside": False}, "judge_outside is off"),
    ({"pipeline": ["nbgrader.preprocessors.Execute", "bplib.misconceptions.RecordMistakes"]},
     "not run by bplib.grading.SandboxedExecute"),
], ids=["judge-off", "nbgrader-execute"])
def test_verdicts_from_the_kernel_are_not_recorded_and_an_old_record_goes(course, caplog,
                                                                          settings, why):
    path = _run(course)
    assert path.exists()
    path = _run(course, **settings)
    assert not path.exists()
    assert why in caplog.text


def test_no_released_notebook_no_record(course, caplog):
    shutil.rmtree(course / "notebooks")
    assert not _run(course).exists()
    assert "no released notebook" in caplog.text


def test_a_student_id_that_is_not_a_plain_name_gets_no_record(course, caplog):
    _run(course, student="../bob")
    assert not (course / "mistakes").exists()
    assert "a grading record needs a plain student name" in caplog.text
