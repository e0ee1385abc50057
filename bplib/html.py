"""`python -m bplib html`: a notebook as HTML that works offline, figures and maths included.

    python -m bplib html solutions/04-worked-example/04-worked-example.ipynb --out build/html

writes `build/html/04-worked-example.html` and, beside it, `mathjax/`: a copy of the
MathJax 2.7 that the `jupyter-server-mathjax` package ships (requirements.txt), linked by
a relative URL. The folder can be zipped and opened anywhere, with no network: nothing
in the page asks for anything outside it.

What differs from `jupyter nbconvert --to html` (nbconvert's "lab" template otherwise):
- saved widget state is dropped (bplib/widget_state.py), and an explorer's output shows
  its figure and then its numbers (nbconvert alone shows only the figure);
- MathJax comes from the folder, not a CDN, set to the web fonts the package ships;
- no require.js (a CDN script that only notebooks with JavaScript outputs need; ours
  have none) and no widget-manager script.

It trusts the notebooks it is given (it renders their outputs as nbconvert does, scripts
and all), so it is for the course's own notebooks, not for students' submissions (those
go through nbgrader's feedback, which sanitises them), and it trusts nbconvert's lab
template. nbgrader's settings (nbgrader_config.py) are not read here and not affected.
"""
import argparse
import importlib.util
import shutil
import sys
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor

from .widget_state import ClearWidgetState

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
MATHJAX_DIR = "mathjax"

# Our block overrides of nbconvert's lab template (lab/index.html.j2).
TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}
<script type="text/x-mathjax-config">
MathJax.Hub.Config({
  tex2jax: {inlineMath: [["$", "$"], ["\\\\(", "\\\\)"]],
            displayMath: [["$$", "$$"], ["\\\\[", "\\\\]"]],
            processEscapes: true, processEnvironments: true},
  TeX: {equationNumbers: {autoNumber: "AMS", useLabelIds: true}},
  "HTML-CSS": {availableFonts: [], preferredFont: null, webFont: "STIX-Web", imageFont: null},
  displayAlign: "center",
  messageStyle: "none"
});
</script>
<script src="{{ resources.mathjax_url }}"></script>
{%- endblock html_head_js_mathjax -%}
"""


class StaticExplorers(Preprocessor):
    """Turn each explorer's output into two: its figure (image/png), then its numbers.

    An explorer's bundle (bplib/widgets) holds the widget view, image/png and
    text/plain; HTML shows one type per output, so without a kernel the numbers would
    be lost. Outputs without a widget view are left alone.
    """

    def preprocess_cell(self, cell, resources, index):
        outputs = []
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if WIDGET_VIEW not in data or "image/png" not in data:
                outputs.append(out)
                continue
            figure = nbformat.v4.new_output("display_data", {"image/png": data["image/png"]},
                                            metadata=out.get("metadata", {}))
            outputs.append(figure)
            if "text/plain" in data:
                outputs.append(nbformat.v4.new_output("display_data",
                                                      {"text/plain": data["text/plain"]}))
        if "outputs" in cell:
            cell.outputs = outputs
        return cell, resources


def mathjax_source():
    """The folder holding MathJax.js in the jupyter-server-mathjax package (not imported:
    only its files are used)."""
    spec = importlib.util.find_spec("jupyter_server_mathjax")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("MathJax for offline HTML comes from the jupyter-server-mathjax "
                         "package, which is not installed: pip install -r requirements.txt")
    static = Path(spec.submodule_search_locations[0]) / "static"
    if not (static / "MathJax.js").is_file():
        raise SystemExit(f"expected MathJax.js in {static}, found none: reinstall "
                         "jupyter-server-mathjax")
    return static


def copy_mathjax(out):
    """Copy MathJax into out/mathjax/ (over an earlier copy, so a broken one is mended)."""
    target = out / MATHJAX_DIR
    shutil.copytree(mathjax_source(), target, dirs_exist_ok=True)
    return target


def exporter():
    html = HTMLExporter(template_name="lab")
    html.raw_template = TEMPLATE
    html.mathjax_url = f"{MATHJAX_DIR}/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"
    html.register_preprocessor(ClearWidgetState, enabled=True)
    html.register_preprocessor(StaticExplorers, enabled=True)
    return html


def write_html(notebook, out):
    """Write out/<name>.html for one notebook (out/mathjax/ must be there); return its path."""
    notebook = Path(notebook)
    try:
        nb = nbformat.read(notebook, as_version=4)
    except (OSError, ValueError, nbformat.ValidationError) as err:
        raise SystemExit(f"expected a notebook (.ipynb, nbformat 4) at {notebook}: {err}")
    body, _ = exporter().from_notebook_node(nb, resources={"metadata": {"name": notebook.stem}})
    path = out / f"{notebook.stem}.html"
    path.write_text(body, encoding="utf-8")
    return path


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bplib html", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="+", help="notebooks (.ipynb) to write as HTML")
    parser.add_argument("--out", default="build/html",
                        help="folder for the HTML and its mathjax/ (default build/html)")
    args = parser.parse_args(argv)
    missing = [p for p in args.notebooks if not Path(p).is_file()]
    if missing:
        print(f"No such notebook: {', '.join(missing)}")
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    copy_mathjax(out)
    for notebook in args.notebooks:
        print(write_html(notebook, out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
