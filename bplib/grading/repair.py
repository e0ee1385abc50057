"""Put a submission's cells back into the shape of the released notebook before grading.

This module runs as the grader, on the student's notebook file (untrusted data; no code
of it runs here). nbgrader finds test cells by their metadata: a submission whose
metadata was stripped crashes its ``OverwriteCells``; one whose test cells were moved
above the answers runs them too early; one with a "skip-execution" tag on a test cell
keeps that cell's points without running it. ``RepairSubmission`` runs just before
``OverwriteCells`` and rebuilds the notebook from the released version:

1. each released cell is matched to a submitted cell: by cell id, then by nbgrader's
   grade_id, then by identical source, and an answer cell by its position between
   matched neighbours (and the function it defines, for code);
2. the released cells come out in the released order, each with the released metadata
   (points, locks, tags) and the student's source; a released cell the student deleted
   is put back as released (an answer put back that way is blank, so it scores zero);
3. cells the student added keep their place after the cell they followed, without any
   nbgrader metadata.

An untouched submission comes out unchanged. Every repair is logged in one line.
"""
import copy
import difflib
import os
import re

import nbformat
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import NbGraderPreprocessor

DEF = re.compile(r"^\s*def\s+(\w+)\s*\(", re.M)


def _meta(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


def _graded(cell):
    """What grading reads of a cell's metadata: nbgrader's part and the tags."""
    meta = cell.get("metadata", {})
    return meta.get("nbgrader"), meta.get("tags"), cell.get("cell_type")


def _key(cell):
    return cell.get("cell_type"), cell.get("source", "").strip()


def _window(pairs, i, n_released, n_submitted):
    """Submitted positions strictly between the matches of i's matched neighbours."""
    before = [pairs[k] for k in range(i - 1, -1, -1) if k in pairs][:1]
    after = [pairs[k] for k in range(i + 1, n_released) if k in pairs][:1]
    low = before[0] + 1 if before else 0
    high = after[0] if after else n_submitted
    return range(low, high) if low < high else range(0)


def _answer_score(released, candidate):
    """How much a submitted cell looks like the student's version of a released answer."""
    if candidate.get("cell_type") != released.get("cell_type"):
        return -1.0
    names = DEF.findall(released.get("source", ""))
    if names and names[0] in DEF.findall(candidate.get("source", "")):
        return 2.0
    return difflib.SequenceMatcher(None, released.get("source", ""),
                                   candidate.get("source", "")).ratio()


def match(submitted, released):
    """{released index: submitted index} for every released cell that can be found."""
    pairs, used = {}, set()

    def pair(i, j):
        pairs[i] = j
        used.add(j)

    ids = {}
    for j, cell in enumerate(submitted):
        ids.setdefault(cell.get("id"), j)
    grade_ids = {}
    for j, cell in enumerate(submitted):
        grade_ids.setdefault(_meta(cell).get("grade_id"), j)
    for i, cell in enumerate(released):
        j = ids.get(cell.get("id")) if cell.get("id") else None
        if j is not None and j not in used:
            pair(i, j)
    for i, cell in enumerate(released):
        j = grade_ids.get(_meta(cell).get("grade_id")) if _meta(cell).get("grade_id") else None
        if i not in pairs and j is not None and j not in used:
            pair(i, j)
    for i, cell in enumerate(released):  # unchanged cells, nearest the expected place first
        if i in pairs or _meta(cell).get("solution"):
            continue
        window = _window(pairs, i, len(released), len(submitted))
        same = [j for j in range(len(submitted)) if j not in used and _key(submitted[j]) == _key(cell)]
        inside = [j for j in same if j in window]
        if inside or same:
            pair(i, (inside or same)[0])
    for i, cell in enumerate(released):  # answers: the most likely unmatched cell nearby
        if i in pairs or not _meta(cell).get("solution"):
            continue
        window = [j for j in _window(pairs, i, len(released), len(submitted)) if j not in used]
        scored = sorted(((_answer_score(cell, submitted[j]), -j, j) for j in window), reverse=True)
        if scored and scored[0][0] >= 0:
            pair(i, scored[0][2])
            continue
        # cells out of order: only a sure sign counts, the function the answer defines,
        # or the one unmatched cell of its type
        rest = [j for j in range(len(submitted)) if j not in used]
        sure = [j for j in rest if _answer_score(cell, submitted[j]) >= 2.0]
        same_type = [j for j in rest if submitted[j].get("cell_type") == cell.get("cell_type")]
        if sure or len(same_type) == 1:
            pair(i, (sure or same_type)[0])
    return pairs


def _as_released(student, released):
    cell = copy.deepcopy(student)
    cell["metadata"] = copy.deepcopy(released.get("metadata", {}))
    if released.get("id"):
        cell["id"] = released["id"]
    if cell.get("cell_type") != released["cell_type"]:
        cell = nbformat.from_dict({"cell_type": released["cell_type"], "id": cell.get("id"),
                                   "metadata": cell["metadata"], "source": cell.get("source", "")})
    if cell["cell_type"] == "code":
        cell.setdefault("outputs", [])
        cell.setdefault("execution_count", None)
    return nbformat.from_dict(cell)


def _added(student):
    cell = copy.deepcopy(student)
    cell.get("metadata", {}).pop("nbgrader", None)
    return nbformat.from_dict(cell)


def repair(submitted, released):
    """(cells, what was repaired): ``submitted``'s cells in the shape of ``released``."""
    pairs = match(submitted, released)
    followers = {}  # submitted cells the student added, grouped by the cell they follow
    anchor = None
    for j, cell in enumerate(submitted):
        if j in pairs.values():
            anchor = j
        else:
            followers.setdefault(anchor, []).append(cell)
    cells = [_added(c) for c in followers.get(None, [])]
    changes = {"metadata": 0, "order": False, "restored": [], "added": len(cells)}
    positions = [pairs[i] for i in sorted(pairs)]
    changes["order"] = positions != sorted(positions)
    for i, cell in enumerate(released):
        if i in pairs:
            student = submitted[pairs[i]]
            if _graded(student) != _graded(cell):
                changes["metadata"] += 1
            cells.append(_as_released(student, cell))
            extra = followers.get(pairs[i], [])
            changes["added"] += len(extra)
            cells.extend(_added(c) for c in extra)
        else:
            changes["restored"].append(_meta(cell).get("grade_id") or f"cell {i + 1}")
            cells.append(_as_released(cell, cell))
    return cells, changes


def describe(changes):
    """One line, or "" if nothing needed repairing."""
    parts = []
    if changes["metadata"]:
        parts.append(f"restored the metadata of {changes['metadata']} cells")
    if changes["order"]:
        parts.append("put the cells back in the released order")
    if changes["restored"]:
        parts.append(f"put back {len(changes['restored'])} deleted cells as released "
                     f"({', '.join(changes['restored'][:6])})")
    return "; ".join(parts)


class RepairSubmission(NbGraderPreprocessor):
    """Rebuild each submitted notebook from the released one (see the module docstring)."""

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        coursedir = CourseDirectory(config=self.config)
        path = os.path.join(coursedir.format_path(coursedir.release_directory, ".",
                                                  info["assignment"]), info["notebook"] + ".ipynb")
        if not os.path.exists(path):
            self.log.warning("Not repairing %s: no released notebook at %s", info["notebook"], path)
            return nb, resources
        released = nbformat.read(path, as_version=4)
        nb.cells, changes = repair(nb.cells, released.cells)
        line = describe(changes)
        if line:
            self.log.warning("Repaired %s of %s: %s", info["notebook"], info["student"], line)
        return nb, resources
