"""Where each exercise is taught: its section heading and its equation, read from the
released notebook, so that the report can say what to revisit without a second copy.

This module trusts the notebook it is given; the grader gives it the released one
(never a submission, whose markdown the student may have changed).
"""
import re

HEADING = re.compile(r"^#{1,4}\s+(.+?)\s*$", re.M)
DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
LONGEST = 70  # a longer equation is left out: the heading says enough
POINTS = re.compile(r"\s*\(\d+(\.\d+)? points?\)$")


def _is_test(cell):
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.cell_type == "code" and meta.get("grade") and not meta.get("solution")


def _equation(latex):
    """The first equation of a display, on one line (the part before any \\qquad), or ""."""
    first = re.sub(r"\s+", " ", re.split(r"\\qquad|\\\\", latex)[0]).strip(" ,.;")
    return first if len(first) <= LONGEST else ""


def sections(nb):
    """{grade_id of each test cell: "Exercise 2 · Hidden deltas: <equation>"}."""
    found, heading, equation = {}, "", ""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            headings = HEADING.findall(cell.source)
            if headings:
                heading, equation = POINTS.sub("", headings[-1]), ""
            display = DISPLAY.search(cell.source)
            if display and not equation:
                equation = _equation(display.group(1))
        elif _is_test(cell):
            grade_id = cell.metadata["nbgrader"]["grade_id"]
            found[grade_id] = f"{heading}: {equation}" if equation else heading
    return found
