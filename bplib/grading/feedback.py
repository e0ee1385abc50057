"""For instructors: keep hidden tests out of the feedback students get back.

nbgrader's autograde puts the hidden tests back into each test cell before running
it, and generate_feedback turns those autograded notebooks into HTML, so by default a
student's feedback shows the hidden tests, and the traceback of a failed one shows its
source lines. `HideHiddenTests` (enabled in nbgrader_config.py) removes both: the hidden
block of every test cell becomes one comment line, and an error raised there is reduced
to a sentence. The score is unchanged. To show students the hidden tests after the
deadline, remove it from `c.GenerateFeedback.preprocessors`.
"""
import re

from nbgrader.preprocessors import NbGraderPreprocessor

HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n?(.*?)### END HIDDEN TESTS\n?", re.S)
ANSI = re.compile(r"\x1b\[[0-9;]*m")
PLACEHOLDER = "# (hidden tests ran here; they are not shown)\n"


class HideHiddenTests(NbGraderPreprocessor):
    """Strip hidden tests, and any output that quotes them, from autograded test cells."""

    def preprocess_cell(self, cell, resources, index):
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution"):
            return cell, resources
        hidden = [line.strip() for block in HIDDEN.findall(cell.source)
                  for line in block.splitlines() if line.strip()]
        cell.source = HIDDEN.sub(PLACEHOLDER, cell.source)

        def quotes_hidden(text):
            text = ANSI.sub("", text)
            return any(line in text for line in hidden)

        for out in cell.get("outputs", []):
            if out.get("output_type") == "error" and (
                    quotes_hidden("\n".join(out.get("traceback", [])) + out.get("evalue", ""))):
                out["evalue"] = "a hidden test of this exercise did not pass"
                out["traceback"] = [f"{out['ename']}: {out['evalue']}"]
            elif out.get("output_type") == "stream" and quotes_hidden(out.get("text", "")):
                out["text"] = "(output of the hidden tests is not shown)\n"
        return cell, resources
