"""Student HTML cleaned for Formgrader and feedback (bplib/grading/sanitize.py).

Every payload that would run script is gone after cleaning (and is there before, so the
check can fail); what a written answer or an instructor's cell legitimately uses
(headings, tables, mathematics, code, links, images) survives. The real-browser test
(test_browser_formgrader.py) shows the same in Formgrader and in feedback.
"""
import nbformat
import pytest
from traitlets.config import Config

from bplib.grading.sanitize import SanitizeOutputs, safe_html, safe_markdown2html

PAYLOADS = ['<img src=x onerror="alert(1)">', "<script>alert(2)</script>",
            '<a href="javascript:alert(3)">x</a>', '<svg onload="alert(4)"></svg>',
            '<a href="JaVaScRiPt:alert(5)">x</a>', '<iframe src="https://evil.example"></iframe>',
            '<div style="background:url(javascript:alert(6))">x</div>', '<b onmouseover="alert(7)">b</b>',
            '<a href="data:text/html,<script>alert(8)</script>">x</a>', '<form action="/api"><input></form>',
            '<object data="x.swf"></object>', '<meta http-equiv="refresh" content="0;url=javascript:alert(9)">']
DANGEROUS = ("onerror", "onload", "onmouseover", "javascript:", "<script", "<iframe", "<svg",
             "style=", "data:text", "<form", "<object", "<meta")


def dangerous(html):
    return [d for d in DANGEROUS if d in html.lower()]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_nothing_that_runs_script_survives(payload):
    assert dangerous(payload)  # the payload is dangerous as written
    assert dangerous(safe_html(payload)) == []


def test_what_answers_use_survives():
    html = ('<h2 id="x">Title</h2><p>$a &lt; b$ and <code>w @ x</code></p><table><tbody><tr><td>1</td>'
            '</tr></tbody></table><a href="https://example.org">link</a> <a href="#x">here</a>'
            '<img src="data:image/png;base64,iVBORw0KGgo=" alt="figure">')
    assert safe_html(html) == html


def test_markdown_renders_cleanly():
    out = safe_markdown2html({"cell": {}}, "# Big\n\n> quote\n\n$x < 1$ <script>alert(1)</script> [a](javascript:alert(2))")
    assert "<h1" in out and "<blockquote>" in out and "$x &lt; 1$" in out
    assert dangerous(out) == []


def test_outputs_are_cleaned_and_scripts_dropped():
    cell = nbformat.v4.new_code_cell("x", outputs=[nbformat.v4.new_output("display_data", data={
        "text/html": '<b onclick="alert(1)">b</b>', "application/javascript": "alert(2)",
        "image/svg+xml": '<svg onload="alert(3)"/>', "text/plain": "b", "image/png": "iVBOR",
        "application/vnd.jupyter.widget-view+json": {"model_id": "m"}})])
    cleaned, _ = SanitizeOutputs(config=Config()).preprocess_cell(cell, {}, 0)
    data = cleaned.outputs[0]["data"]
    assert set(data) == {"text/html", "text/plain", "image/png"} and data["text/html"] == "<b>b</b>"
