"""What the class gets wrong: the grading records of one assignment, counted per exercise.

``class_rows(course, assignment)`` reads every record under
<course>/mistakes/<assignment>/ (record.py) and returns one ``Row`` per exercise and
outcome: right, each named mistake that some student made (most frequent first),
wrong in an unrecognised way, blank. ``table`` and ``write_csv`` show the same rows. Rows
are aggregates: no student's name is in them. ``student_rows`` is the one view that
names a student, for the instructor who asks for that student.

This module runs as the grader and trusts the records, which only the grader writes
(record.py); a record that is not in the expected form is refused with its path.
"""
import csv
import json
from collections import Counter
from dataclasses import astuple, dataclass, fields
from pathlib import Path

from .catalogue import BLANK, RIGHT, UNRECOGNISED, mistakes
from .record import FOLDER, FORMAT

KINDS = (RIGHT, "mistake", UNRECOGNISED, BLANK)
OUTCOME_LABELS = {RIGHT: "right", UNRECOGNISED: "wrong in an unrecognised way",
                  BLANK: "blank (not answered)"}


@dataclass(frozen=True)
class Row:
    notebook: str
    exercise: str
    kind: str           # right, mistake, unrecognised, blank
    mistake: str        # the mistake's id, "" for the other kinds
    label: str
    students: int       # who had this outcome
    graded: int         # students graded on this exercise
    revisit: str

    @property
    def share(self):
        return self.students / self.graded if self.graded else 0.0


def _refuse(path, what, got):
    raise ValueError(f"{path}: not a grading record: expected {what}, got {got!r}"[:400])


def _checked(path, record):
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        _refuse(path, f"a JSON object with \"format\": {FORMAT}", record)
    exercises = record.get("exercises")
    if not isinstance(exercises, list):
        _refuse(path, "a list under \"exercises\"", exercises)
    for entry in exercises:
        if not (isinstance(entry, dict) and isinstance(entry.get("exercise"), str)
                and entry.get("kind") in KINDS and isinstance(entry.get("mistake"), str)):
            _refuse(path, "an exercise entry with exercise, kind (one of "
                    f"{', '.join(KINDS)}) and mistake", entry)
    return record


def records(course, assignment):
    """[(student, record)] for every graded notebook of ``assignment``, sorted."""
    folder = Path(course) / FOLDER / assignment
    if not folder.is_dir():
        raise ValueError(f"no grading records for {assignment!r}: expected a folder {folder} "
                         f"(written by nbgrader autograde with bplib's configuration)")
    found = []
    for path in sorted(folder.glob("*/*.json")):
        try:
            record = json.loads(path.read_text())
        except (OSError, ValueError) as error:
            raise ValueError(f"{path}: not a grading record: {error}") from None
        found.append((path.parent.name, _checked(path, record)))
    return found


def _revisit(mistake, section):
    if mistake is None or not mistake.revisit:
        return section
    return f"{mistake.revisit} ({section})" if section else mistake.revisit


def class_rows(course, assignment):
    """One Row per exercise and outcome for the whole class (aggregates only)."""
    tallies, sections, order = {}, {}, []
    for _, record in records(course, assignment):
        for entry in record["exercises"]:
            key = (record["notebook"], entry["exercise"])
            if key not in tallies:
                tallies[key], sections[key] = Counter(), entry.get("section", "")
                order.append(key)
            tallies[key][entry["kind"], entry["mistake"]] += 1
    rows = []
    for notebook, exercise in order:
        tally, section = tallies[notebook, exercise], sections[notebook, exercise]
        known, graded = mistakes(notebook, exercise), sum(tallies[notebook, exercise].values())
        rows.append(Row(notebook, exercise, RIGHT, "", OUTCOME_LABELS[RIGHT],
                        tally[RIGHT, ""], graded, section))
        made = sorted(((n, m) for (kind, m), n in tally.items() if kind == "mistake"),
                      key=lambda nm: (-nm[0], list(known).index(nm[1]) if nm[1] in known else 0))
        for n, m in made:
            rows.append(Row(notebook, exercise, "mistake", m, known[m].label if m in known
                            else f"{m} (not in this catalogue)", n, graded,
                            _revisit(known.get(m), section)))
        rows.append(Row(notebook, exercise, UNRECOGNISED, "", OUTCOME_LABELS[UNRECOGNISED],
                        tally[UNRECOGNISED, ""], graded, section))
        rows.append(Row(notebook, exercise, BLANK, "", OUTCOME_LABELS[BLANK],
                        tally[BLANK, ""], graded, section))
    return rows


def student_rows(course, assignment, student):
    """[(exercise, outcome label)] for one student: the only view that names a student."""
    found = [record for name, record in records(course, assignment) if name == student]
    if not found:
        raise ValueError(f"no grading record of student {student!r} for {assignment!r}")
    out = []
    for record in found:
        for entry in record["exercises"]:
            known = mistakes(record["notebook"], entry["exercise"])
            label = (known[entry["mistake"]].label if entry["mistake"] in known
                     else OUTCOME_LABELS.get(entry["kind"], entry["mistake"]))
            out.append((entry["exercise"], label))
    return out


def table(rows):
    """The rows as a text table, one block per exercise, headed by what to revisit; a
    mistake every check can name adds its own advice."""
    lines, last, section = [], None, ""
    for row in rows:
        if (row.notebook, row.exercise) != last:
            last, section = (row.notebook, row.exercise), row.revisit
            lines += ["", f"{row.notebook} · {row.exercise}: {row.graded} students graded",
                      f"  revisit: {section or '(no section found)'}",
                      f"  {'count':>5} {'share':>5}  outcome"]
        advice = row.revisit.removesuffix(f" ({section})")
        own = "" if advice in ("", section) else f"  -> {advice}"
        lines.append(f"  {row.students:5d} {row.share:5.0%}  {row.label}{own}")
    return "\n".join(lines[1:])


def write_csv(rows, path):
    """The rows as CSV: the Row fields and the share, four decimals."""
    with open(path, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow([f.name for f in fields(Row)] + ["share"])
        for row in rows:
            out.writerow(list(astuple(row)) + [f"{row.share:.4f}"])
