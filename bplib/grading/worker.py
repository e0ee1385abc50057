"""One grading worker: a long-lived process that autogrades the students it is handed.

    python -m bplib.grading.worker COURSE

Runs as the grader, started by parallel.py, one per job. It reads the course's nbgrader
configuration once (as `nbgrader autograde` would, in COURSE) and then, for each line
it reads on stdin, a JSON request {"assignment", "student", "db"}, runs nbgrader's own
Autograde for that one student against the private gradebook copy ``db``, and answers
with one JSON line {"student", "assignment", "ok", "seconds", "log"} on stdout. Every
submission runs in the sandbox exactly as under `nbgrader autograde`: the worker only
saves the 1.5 s of starting Python and nbgrader again for every student and notebook.

It trusts its requests (parallel.py writes them) and nothing a submission does reaches
it except through nbgrader's results in the private gradebook.
"""
import contextlib
import io
import json
import os
import sys
import time


def _api(course):
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.apps.baseapp import NbGrader

    os.chdir(course)
    app = NbGrader()
    app.initialize([])
    return NbGraderAPI(config=app.config)


def grade_one(api, request):
    """Autograde one student with nbgrader's API; the outcome as a dict."""
    start = time.monotonic()
    api.coursedir.db_url = f"sqlite:///{request['db']}"
    result = api.autograde(request["assignment"], request["student"], force=True, create=True)
    log = result.get("log", "") + result.get("error", "")
    return {"student": request["student"], "assignment": request["assignment"],
            "ok": bool(result.get("success")), "seconds": time.monotonic() - start,
            "log": log}


def main(argv):
    if len(argv) != 1:
        sys.exit("usage: python -m bplib.grading.worker COURSE")
    replies = sys.stdout
    sys.stdout = sys.stderr  # anything else that prints stays out of the replies
    with contextlib.redirect_stderr(io.StringIO()):  # nbgrader's banner, for instance
        api = _api(argv[0])
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        try:
            outcome = grade_one(api, request)
        except Exception as error:  # a request nbgrader could not even start on
            outcome = {"student": request.get("student"), "assignment":
                       request.get("assignment"), "ok": False, "seconds": 0.0,
                       "log": f"{type(error).__name__}: {error}"}
        replies.write(json.dumps(outcome) + "\n")
        replies.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
