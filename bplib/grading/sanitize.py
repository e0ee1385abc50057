"""Student HTML made harmless before an instructor (Formgrader) or a student (feedback)
sees it.

This module runs as the grader, on notebooks whose every output and written answer may
be hostile. Two pieces, both set in nbgrader_config.py for every HTMLExporter, which is
what Formgrader and generate_feedback render with:

* ``safe_markdown2html`` replaces nbconvert's markdown filter: the markdown is rendered
  as before (mathematics included), then the HTML is cleaned with bleach (nbconvert's
  own sanitizer) against an allowlist: no script, no event handler, no style, and links
  only to http, https, mailto or the page itself. Formgrader's template renders written
  answers with this filter too, which nbconvert's sanitize_html setting does not reach.
* ``SanitizeOutputs`` cleans code cells' outputs the same way: HTML and markdown outputs
  are cleaned, JavaScript, widgets, SVG and any other rich type are dropped, plain text
  and images stay.
"""
import bleach
from jinja2 import pass_context
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath
from nbconvert.preprocessors.sanitize import SanitizeHTML
from traitlets import Bool, List, Unicode

TAGS = ["a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div",
        "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "kbd", "li",
        "ol", "p", "pre", "s", "span", "strong", "sub", "summary", "sup", "table", "tbody",
        "td", "tfoot", "th", "thead", "tr", "u", "ul"]
PROTOCOLS = ["http", "https", "mailto"]


def _attribute(tag, name, value):
    if name in ("class", "id", "title", "align", "colspan", "rowspan"):
        return True
    if tag == "a" and name == "href":
        return value.startswith("#") or value.split(":", 1)[0].lower() in PROTOCOLS
    if tag == "img" and name in ("alt", "width", "height"):
        return True
    if tag == "img" and name == "src":  # images of attachments are inlined as data URLs
        return value.lower().startswith(("data:image/png", "data:image/jpeg", "data:image/gif",
                                          "http:", "https:"))
    return False


def safe_html(html):
    """``html`` with only the allowlisted tags and attributes left."""
    return bleach.clean(str(html), tags=TAGS, attributes=_attribute,
                        protocols=PROTOCOLS + ["data"], strip=True, strip_comments=True)


@pass_context
def safe_markdown2html(context, source):
    """Markdown to clean HTML (a drop-in for nbconvert's markdown2html filter)."""
    cell = context.get("cell", {}) or {}
    renderer = IPythonRenderer(escape=False, attachments=cell.get("attachments", {}))
    return safe_html(MarkdownWithMath(renderer=renderer).render(source))


class SanitizeOutputs(SanitizeHTML):
    """nbconvert's SanitizeHTML for code outputs and raw cells, with our allowlist."""

    tags = List(Unicode(), default_value=TAGS).tag(config=True)
    strip = Bool(True).tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "markdown":  # safe_markdown2html cleans what markdown renders
            return cell, resources
        return super().preprocess_cell(cell, resources, index)

    def sanitize_html_tags(self, html_str):
        return safe_html(html_str)
