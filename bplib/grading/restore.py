"""Give the test cells a student left as released their hidden tests back, before nbgrader's
OverwriteCells compares them with the gradebook.

Runs as the grader, on the submitted notebook (data: nothing of it runs here). The
gradebook keeps every test cell as written in solutions/, hidden tests included, and
the checksum nbgrader took of it before generate_assignment stripped the hidden tests;
the released cell carries the checksum of the stripped version. OverwriteCells compares
each locked cell of a submission with the gradebook's checksum, so every test cell with
hidden tests differs, touched or not, and logs "Attribute 'checksum' for cell ... has
changed!" as it puts the gradebook's source back (that is how the hidden tests return;
nbgrader issue #1961). Here every test cell of this course has hidden tests, so the
warning appeared for every test cell of every student and said nothing.

RestoreHiddenTests runs just before OverwriteCells (nbgrader_config.py). A locked cell
whose source and nbgrader metadata still give the checksum the released notebook put in
its metadata (RepairSubmission has already put the released metadata back) is a cell the
student did not touch: it gets the gradebook's source now, so OverwriteCells finds it
unchanged and warns only about cells a student did change. What is graded is the same
either way: every locked cell ends with the gradebook's source, which only
OverwriteCells and this module write into it.
"""
from nbgrader import utils
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import NbGraderPreprocessor


def _untouched(cell):
    """Whether ``cell`` is still exactly as released (its own checksum says so)."""
    meta = cell.metadata.get("nbgrader", {})
    try:
        return bool(meta.get("checksum")) and utils.compute_checksum(cell) == meta["checksum"]
    except (KeyError, TypeError, ValueError):  # metadata no released cell has
        return False


class RestoreHiddenTests(NbGraderPreprocessor):
    """Put the gradebook's source into every locked cell the student did not touch."""

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gradebook:
            for cell in nb.cells:
                grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
                if not grade_id:
                    continue
                try:
                    source = gradebook.find_source_cell(grade_id, info["notebook"],
                                                        info["assignment"])
                except MissingEntry:
                    continue
                if (source.locked and source.cell_type == cell.cell_type
                        and source.source != cell.source and _untouched(cell)):
                    cell.source = source.source
        return nb, resources
