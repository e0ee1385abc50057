"""Real grading records: a small class of notebook 04 autograded with
`python -m bplib grade --jobs 2` (each student in the sandbox, private gradebook copies),
then reported. One student is hostile: wrong answers, checks replaced and builtins
patched in its kernel, fake success lines printed, forged records written wherever it
can. Its record shows no exercise right, and every other student's record is exactly
what their answers earn (grading one student here takes 3-17 s)."""
import json
import subprocess
import sys

import pytest

from classroom import make_course, solution_code, submission
from verdict_tricks import TRICKS, ZEROS

from bplib.grading import Sandbox
from bplib.misconceptions.report import class_rows

pytestmark = pytest.mark.slow
NAME = "04-worked-example"
FORGED = {"format": 1, "notebook": NAME, "exercises": [
    {"exercise": "forward-tests", "kind": "right", "mistake": ""}]}
HOSTILE = TRICKS["builtins-and-numpy-max"][0] + f"""
import json, os
print("✓ forward: everything matches")
print("✓ output deltas: everything matches")
for folder in ("$COURSE/mistakes/{NAME}/alice", "$COURSE/mistakes/{NAME}/mallory",
               "../../mistakes/{NAME}/alice", os.path.expanduser("~")):
    try:
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "{NAME}.json"), "w") as f:
            json.dump({json.dumps(FORGED)}, f)
    except OSError as error:
        print("refused:", error)
"""


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    if Sandbox().problem():
        pytest.skip(Sandbox().problem())
    course, _ = make_course(tmp_path_factory.mktemp("class"), [NAME], cell_limit=20)
    full = solution_code(NAME)
    wrong_sign = {"output-deltas-solution": "def output_deltas(out_o, t):\n"
                                            "    return (t - out_o) * out_o * (1 - out_o)"}
    students = {"alice": submission(NAME, full), "bob": submission(NAME, {**full, **wrong_sign}),
                "carol": submission(NAME, {}),
                "mallory": submission(NAME, ZEROS, HOSTILE.replace("$COURSE", str(course)))}
    for student, text in students.items():
        folder = course / "submitted" / student / NAME
        folder.mkdir(parents=True)
        (folder / f"{NAME}.ipynb").write_text(text)
        (folder / "timestamp.txt").write_text("2026-12-01 09:00:00.000000 UTC")
    done = subprocess.run([sys.executable, "-m", "bplib", "grade", NAME, "--jobs", "2"],
                          cwd=course, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    return course


def _record(course, student):
    path = course / "mistakes" / NAME / student / f"{NAME}.json"
    return {e["exercise"]: (e["kind"], e["mistake"]) for e in json.loads(path.read_text())["exercises"]}


def test_each_students_record_is_what_their_answers_earn(graded):
    exercises = ["forward-tests", "output-deltas-tests", "hidden-deltas-tests",
                 "update-weights-tests", "train-step-tests"]
    assert _record(graded, "alice") == {e: ("right", "") for e in exercises}
    bob = _record(graded, "bob")
    assert bob["output-deltas-tests"] == ("mistake", "target-out")
    assert [bob[e] for e in exercises[:1] + exercises[2:4]] == [("right", "")] * 3
    assert bob["train-step-tests"][0] != "right"  # it calls bob's output_deltas
    assert _record(graded, "carol") == {e: ("blank", "") for e in exercises}


def test_a_hostile_submission_gets_no_right_and_forges_no_record(graded):
    mallory = _record(graded, "mallory")
    assert len(mallory) == 5 and not [e for e, (kind, _) in mallory.items() if kind == "right"]
    assert sorted(p.parent.name for p in (graded / "mistakes" / NAME).glob("*/*.json")) == [
        "alice", "bob", "carol", "mallory"]
    rows = {(r.exercise, r.kind, r.mistake): r.students for r in class_rows(graded, NAME)}
    assert rows["forward-tests", "right", ""] == 2          # alice and bob
    assert rows["output-deltas-tests", "right", ""] == 1    # alice
    assert rows["output-deltas-tests", "mistake", "target-out"] == 1
    assert rows["output-deltas-tests", "blank", ""] == 1    # carol
