"""`ClearWidgetState`: an nbconvert preprocessor that drops a notebook's saved widget state.

Running a notebook with nbconvert (nbclient) stores the model of every widget it created
in the notebook's `metadata.widgets`. This course never needs it: each explorer's output
already carries its starting figure (image/png) and numbers (text/plain) for a viewer
without a kernel, and nbconvert's HTML shows that fallback only when the notebook has no
widget state (with state, it writes a widget view whose script comes from a CDN). In a
student version every output is cleared, so the state is only dead weight.

nbgrader runs this for `generate_assignment` (nbgrader_config.py), and
`python -m bplib html` (bplib/html.py) runs it before writing HTML. It trusts nothing in
the notebook but its top-level `metadata`, and changes nothing else.
"""
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

KEY = "widgets"


class ClearWidgetState(Preprocessor):
    """Remove `metadata.widgets` (ipywidgets' saved state) from a notebook."""

    # nbconvert's preprocessors are off unless enabled; nbgrader's are on. Ours is on,
    # so that listing it in nbgrader_config.py is enough.
    enabled = Bool(True, help="Whether to remove the saved widget state").tag(config=True)

    def preprocess(self, nb, resources):
        nb.metadata.pop(KEY, None)
        return nb, resources
