# nbgrader's view of this project: the source notebooks (full solutions, hidden tests)
# live in solutions/, the student versions it generates in notebooks/.
import os

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "notebooks"
# Every cell gets this long to run before nbgrader interrupts it (autograde and validate
# use Execute, nbgrader's subclass of nbclient's ExecutePreprocessor: set both).
c.Execute.timeout = 60
c.ExecutePreprocessor.timeout = 60
# A test cell a student deleted is put back from the gradebook when autograding.
c.OverwriteCells.add_missing_cells = True
# Feedback without the hidden tests (bplib/grading.py); drop the first entry to show them.
c.GenerateFeedback.preprocessors = [
    "bplib.grading.HideHiddenTests",
    "nbgrader.preprocessors.GetGrades",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
