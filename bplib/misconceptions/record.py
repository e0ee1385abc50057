"""Record, at grading, which named mistake each test cell's verdict shows.

``RecordMistakes`` is an nbgrader preprocessor, listed in nbgrader_config.py right after
``bplib.grading.SandboxedExecute`` in ``c.Autograde.autograde_preprocessors``. When the
verdicts are in, it writes one grading record per student and notebook:

    <course root>/mistakes/<assignment>/<student>/<notebook>.json
    {"format": 1, "notebook": ..., "exercises": [
        {"exercise": grade_id, "points": 2.0, "score": 0.0, "kind": "mistake",
         "mistake": "no-transpose", "ename": "AssertionError", "message": "...",
         "section": "Exercise 2 · Hidden deltas: \\delta^l = (w^{l+1})^T \\delta^{l+1}"}, ...]}

This module runs as the grader and trusts only what the grader made: the test cells'
outputs, which SandboxedExecute's judge (bplib/grading/judge.py) computed in the
grader's process from the learner's returned results, and the scores nbgrader gives
them. It records nothing unless the judge was in charge (SandboxedExecute configured,
``judge_outside`` on, the released notebook present, as execute.py requires); otherwise
the test cells ran in the student's kernel, which can print any verdict it likes. The
sandbox never sees the course folder, so a submission cannot write a record, and each
record's path comes from nbgrader's own student and assignment ids.
"""
import json
import os
import re
from pathlib import Path

import nbformat
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import NbGraderPreprocessor
from nbgrader.utils import determine_grade, is_grade, is_solution

from .catalogue import classify
from .sections import sections

FOLDER = "mistakes"
FORMAT = 1
MESSAGE_LIMIT = 2000
SAFE_NAME = re.compile(r"^[A-Za-z0-9_.@+-]+$")


def record_path(root, assignment, student, notebook):
    """Where the record of ``student``'s ``notebook`` goes; refuses names that are not plain."""
    for what, name in (("assignment", assignment), ("student", student), ("notebook", notebook)):
        if not SAFE_NAME.match(name or "") or name in (".", ".."):
            raise ValueError(f"a grading record needs a plain {what} name (letters, digits, "
                             f"_ . @ + -), got {name!r}")
    return Path(root) / FOLDER / assignment / student / f"{notebook}.json"


def verdicts(nb, notebook):
    """One entry per autograded test cell of ``nb``, in notebook order."""
    found = []
    for cell in nb.cells:
        if cell.cell_type != "code" or not is_grade(cell) or is_solution(cell):
            continue
        score, points = determine_grade(cell)
        error = next((o for o in cell.get("outputs", []) if o.get("output_type") == "error"),
                     None)
        ename = error.get("ename", "") if error else None
        message = str(error.get("evalue", "")) if error else ""
        if error is None and score != points:  # no error, yet not full points: nbgrader decides
            ename, message = "NotFullPoints", f"{score} of {points} points"
        exercise = cell.metadata["nbgrader"]["grade_id"]
        outcome = classify(notebook, exercise, ename, message)
        found.append({"exercise": exercise, "points": points, "score": score,
                      "kind": outcome.kind, "mistake": outcome.mistake, "ename": ename,
                      "message": message[:MESSAGE_LIMIT]})
    return found


def write_record(path, notebook, exercises, where=None):
    """Write a record whole or not at all (a reader never sees half a file); ``where``:
    {grade_id: the exercise's section and equation} from the released notebook."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    for entry in exercises:
        entry["section"] = (where or {}).get(entry["exercise"], "")
    temporary.write_text(json.dumps({"format": FORMAT, "notebook": notebook,
                                     "exercises": exercises}, indent=1))
    os.replace(temporary, path)


def _configured(name, configured):
    return any(getattr(entry, "__name__", str(entry).rsplit(".", 1)[-1]) == name
               for entry in configured)


class RecordMistakes(NbGraderPreprocessor):
    """Writes the grading record of each autograded notebook (see the module docstring)."""

    def preprocess(self, nb, resources):
        info = resources.get("nbgrader", {})
        if not {"student", "assignment", "notebook"} <= set(info):
            return nb, resources
        course = CourseDirectory(config=self.config)
        try:
            path = record_path(course.root, info["assignment"], info["student"], info["notebook"])
        except ValueError as error:  # grading goes on; only the record is missing
            self.log.warning("no mistakes recorded: %s", error)
            return nb, resources
        released = Path(course.format_path(course.release_directory, ".", info["assignment"]),
                        f"{info['notebook']}.ipynb")
        problem = self._untrusted(released)
        if problem:  # and an older record would no longer be this grading's: drop it
            self.log.warning("no mistakes recorded for %s: %s", info["notebook"], problem)
            path.unlink(missing_ok=True)
            return nb, resources
        where = sections(nbformat.read(released, as_version=4))
        write_record(path, info["notebook"], verdicts(nb, info["notebook"]), where)
        return nb, resources

    def _untrusted(self, released):
        """Why the test cells' outputs may not be the judge's, or None if they are."""
        from bplib.grading.execute import SandboxedExecute

        configured = self.config.Autograde.get("autograde_preprocessors", [])
        if not _configured("SandboxedExecute", configured):
            return "the test cells were not run by bplib.grading.SandboxedExecute"
        if not SandboxedExecute(config=self.config).judge_outside:
            return "SandboxedExecute.judge_outside is off, so the test cells ran in the kernel"
        if not released.exists():
            return f"no released notebook {released}, so the test cells ran in the kernel"
        return None
