"""Copy one student's graded submission from a worker's gradebook into the course's.

Runs as the grader. `python -m bplib grade` (parallel.py) gives each worker a private
copy of gradebook.db; this is how the results come back, in one transaction per student,
from the one process that writes the course's gradebook. The worker's gradebook is only
ever written by nbgrader (the worker), never by student code, which runs in the sandbox.
"""
import sqlite3

# The tables that hold one student's graded submission, parent first.
SUBMISSION_QUERIES = (
    ("submitted_assignment", "SELECT * FROM {db}.submitted_assignment "
                             "WHERE assignment_id = :a AND student_id = :s"),
    ("submitted_notebook", "SELECT * FROM {db}.submitted_notebook WHERE assignment_id IN "
                           "(SELECT id FROM {db}.submitted_assignment "
                           "WHERE assignment_id = :a AND student_id = :s)"),
    ("grade", "SELECT * FROM {db}.grade WHERE notebook_id IN ({notebooks})"),
    ("comment", "SELECT * FROM {db}.comment WHERE notebook_id IN ({notebooks})"),
)
NOTEBOOKS = ("SELECT id FROM {db}.submitted_notebook WHERE assignment_id IN "
             "(SELECT id FROM {db}.submitted_assignment WHERE assignment_id = :a "
             "AND student_id = :s)")


def merge(master_db, worker_db, assignment_id, student):
    """Replace the student's submission in the master gradebook with the worker's."""
    con = sqlite3.connect(master_db, timeout=60)
    try:
        con.execute("ATTACH DATABASE ? AS w", (str(worker_db),))
        params = {"a": assignment_id, "s": student}
        with con:  # one transaction: the student's rows all arrive, or none do
            con.execute("INSERT OR IGNORE INTO main.student SELECT * FROM w.student "
                        "WHERE id = :s", params)
            old = NOTEBOOKS.format(db="main")
            for table in ("grade", "comment"):
                con.execute(f"DELETE FROM main.{table} WHERE notebook_id IN ({old})", params)
            con.execute(f"DELETE FROM main.submitted_notebook WHERE id IN ({old})", params)
            con.execute("DELETE FROM main.submitted_assignment WHERE assignment_id = :a "
                        "AND student_id = :s", params)
            for table, query in SUBMISSION_QUERIES:
                select = query.format(db="w", notebooks=NOTEBOOKS.format(db="w"))
                con.execute(f"INSERT INTO main.{table} {select}", params)
        con.execute("DETACH DATABASE w")
    finally:
        con.close()


def assignment_id(master_db, assignment):
    """The gradebook's id of ``assignment``; exits with a clear message if it is unknown."""
    con = sqlite3.connect(master_db)
    try:
        row = con.execute("SELECT id FROM assignment WHERE name = ?", (assignment,)).fetchone()
    finally:
        con.close()
    if row is None:
        raise SystemExit(
            f"assignment {assignment!r} is not in the gradebook {master_db}: run "
            f"`nbgrader generate_assignment {assignment}` in the course first")
    return row[0]
