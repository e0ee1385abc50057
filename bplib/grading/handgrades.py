"""Hand grades stay settled when `python -m bplib grade` grades a class again.

Runs as the grader, on the gradebook and the autograded notebooks nbgrader wrote (the
notebooks' text is compared, never run). nbgrader's SaveAutoGrades flags every grade that
has a hand-given score as needing manual grading again each time a submission is
autograded, because the answer may have changed; the hand score itself is kept and still
counts. Regrading a whole class with `--force` therefore sends every hand-graded answer
back to Formgrader's "needs manual grading" list, changed or not.

Before parallel.py regrades a student, ``settled`` notes each hand-graded answer (a cell
that is both an answer and graded, whose grade has a manual score and no flag) with its
text as the grader saw it in autograded/. After the student's new grades are in the
gradebook, ``resettle`` clears the flag again where the new autograded notebook holds
the same text. An answer whose text changed stays flagged, as nbgrader leaves it; so
does every hand override of an autograded test cell, whose score depends on code that
may have changed.
"""
import sqlite3
from pathlib import Path

import nbformat
from nbgrader import utils
from nbgrader.api import Gradebook, MissingEntry


def _answers(course, student, assignment, notebook):
    """{grade_id: source} of the hand-graded answer cells of one autograded notebook."""
    path = Path(course) / "autograded" / student / assignment / f"{notebook}.ipynb"
    if not path.is_file():
        return {}
    try:
        nb = nbformat.read(str(path), as_version=4)
        return {cell.metadata.nbgrader["grade_id"]: cell.source for cell in nb.cells
                if utils.is_grade(cell) and utils.is_solution(cell)}
    except (OSError, ValueError, KeyError, AttributeError):  # unreadable: settles nothing
        return {}


def _gradebook(db, assignment):
    """nbgrader's Gradebook of ``db``, for the course ``assignment`` belongs to (without
    it, nbgrader would add a course named "default_course")."""
    con = sqlite3.connect(db)
    try:
        row = con.execute("SELECT course_id FROM assignment WHERE name = ?", (assignment,)).fetchone()
    finally:
        con.close()
    return Gradebook(f"sqlite:///{db}", row[0]) if row else Gradebook(f"sqlite:///{db}")


def settled(db, course, assignment, student):
    """{(notebook, grade_id): answer text} of the student's settled hand grades."""
    found = {}
    with _gradebook(db, assignment) as gradebook:
        try:
            submission = gradebook.find_submission(assignment, student)
        except MissingEntry:
            return found
        for notebook in submission.notebooks:
            texts = _answers(course, student, assignment, notebook.name)
            for grade in notebook.grades:
                if (grade.manual_score is not None and not grade.needs_manual_grade
                        and grade.name in texts):
                    found[notebook.name, grade.name] = texts[grade.name]
    return found


def resettle(db, course, assignment, student, before):
    """Clear the flag of every grade in ``before`` whose answer text is unchanged;
    returns the (notebook, grade_id) pairs cleared."""
    cleared = []
    with _gradebook(db, assignment) as gradebook:
        for (notebook, grade_id), text in sorted(before.items()):
            if _answers(course, student, assignment, notebook).get(grade_id) != text:
                continue
            try:
                grade = gradebook.find_grade(grade_id, notebook, assignment, student)
            except MissingEntry:
                continue
            if grade.manual_score is not None and grade.needs_manual_grade:
                grade.needs_manual_grade = False
                cleared.append((notebook, grade_id))
        gradebook.db.commit()
    return cleared
