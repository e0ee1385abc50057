# nbgrader's view of this project: the source notebooks (full solutions, hidden tests)
# live in solutions/, the student versions it generates in notebooks/.
import os

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "notebooks"
# Student versions carry no saved widget state (bplib/widget_state.py): nbgrader's own
# steps for generate_assignment, then ours.
c.GenerateAssignment.preprocessors.append("bplib.widget_state.ClearWidgetState")
# Every cell gets this long to run before nbgrader interrupts it (autograde and validate
# use Execute, nbgrader's subclass of nbclient's ExecutePreprocessor: set both).
c.Execute.timeout = 60
c.ExecutePreprocessor.timeout = 60
# A test cell a student deleted is put back from the gradebook when autograding.
c.OverwriteCells.add_missing_cells = True

# Autograding runs every submission in a sandbox (bplib/grading): nbgrader's own steps,
# with four of ours. RepairSubmission puts a submission's cells back into the released
# order and metadata; RestoreHiddenTests puts the hidden tests back into test cells left
# as released, so that OverwriteCells warns only of edited ones (bplib/grading/restore.py);
# SandboxedExecute runs the kernel in the sandbox, restarts it when a
# cell kills it or hangs, and judges every test cell on the grader's side (only the
# learner's functions run in the kernel). RecordMistakes then writes, per student and
# notebook, which named mistake each verdict shows (bplib/misconceptions/record.py), for
# `python -m bplib misconceptions`. Autograde refuses to start where the sandbox
# cannot run.
c.Autograde.sanitize_preprocessors = [
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "bplib.grading.RepairSubmission",
    "bplib.grading.restore.RestoreHiddenTests",  # so OverwriteCells warns only of edited tests
    "nbgrader.preprocessors.OverwriteCells",
    "nbgrader.preprocessors.CheckCellMetadata",
]
c.Autograde.autograde_preprocessors = [
    "bplib.grading.SandboxedExecute",
    "bplib.misconceptions.RecordMistakes",  # which named mistake each verdict shows
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
c.Autograde.pre_convert_hook = "bplib.grading.sandbox.refuse_without_sandbox"
# Each notebook may run 15 minutes in all; see bplib/grading/sandbox.py for the sandbox's
# limits (memory, processes, disk, CPU), each settable here as c.Sandbox.<name>.
c.SandboxedExecute.notebook_timeout = 900
# UNSAFE, only for a machine without namespaces and a class you trust entirely:
# c.Sandbox.enabled = False

# Formgrader and feedback render student HTML only after cleaning it: no script, event
# handler or javascript: link survives (bplib/grading/sanitize.py).
c.HTMLExporter.preprocessors = ["bplib.grading.sanitize.SanitizeOutputs"]
c.HTMLExporter.filters = {"markdown2html": "bplib.grading.sanitize.safe_markdown2html"}

# Feedback without the hidden tests (bplib/grading/feedback.py); drop the first entry to show them.
c.GenerateFeedback.preprocessors = [
    "bplib.grading.HideHiddenTests",
    "nbgrader.preprocessors.GetGrades",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
