"""bplib/grading/parallel.py without real grading: workers stand in for nbgrader.

A fake worker (a small script run in place of `python -m bplib.grading.worker`) answers
each request as the real one does, or dies on a chosen student; the gradebook steps
(merge, hand grades, sandbox check) are replaced by recorders. Real grading through the
same code is tested in tests/test_grading.py and tests/test_redteam.py.
"""
import sys

import pytest

from bplib.grading import parallel

FAKE_WORKER = """
import json, sys
for line in sys.stdin:
    request = json.loads(line)
    if request["student"] == "dies":
        print("the worker's last words", file=sys.stderr)
        sys.exit(3)
    print(json.dumps({"student": request["student"], "assignment": request["assignment"],
                      "ok": request["student"] != "fails", "seconds": 0.01, "log": "log"}),
          flush=True)
"""


@pytest.fixture
def course(tmp_path, monkeypatch):
    (tmp_path / "gradebook.db").write_bytes(b"")
    import sqlite3
    sqlite3.connect(tmp_path / "gradebook.db").close()
    merged = []

    class Open:
        enabled = True

        def problem(self):
            return None

    monkeypatch.setattr(parallel, "course_sandbox", lambda course: Open())
    monkeypatch.setattr(parallel, "assignment_id", lambda db, name: f"id-{name}")
    monkeypatch.setattr(parallel, "settled", lambda *args: {})
    monkeypatch.setattr(parallel, "resettle", lambda *args: [])
    monkeypatch.setattr(parallel, "merge", lambda db, worker_db, a, s: merged.append((a, s)))
    script = tmp_path / "fake_worker.py"
    script.write_text(FAKE_WORKER)
    python = tmp_path / "python"  # what parallel.py starts as `python -m bplib.grading.worker`
    python.write_text(f"#!/bin/sh\nexec {sys.executable} {script}\n")
    python.chmod(0o755)
    return tmp_path, str(python), merged


def test_every_submission_is_graded_once_and_merged_once(course):
    root, python, merged = course
    students = ["ann", "bob", "cy", "dee", "eve"]
    out = parallel.grade(root, ["01", "02"], jobs=2, students=students, python=python,
                         report=lambda line: None)
    assert [(o.assignment, o.student) for o in out] == [(a, s) for a in ("01", "02")
                                                        for s in students]
    assert all(o.ok for o in out) and sorted(merged) == sorted(
        (f"id-{a}", s) for a in ("01", "02") for s in students)


def test_a_worker_that_dies_fails_its_submission_only_and_is_replaced(course):
    root, python, merged = course
    out = {o.student: o for o in parallel.grade(
        root, "04", jobs=1, students=["ann", "dies", "fails", "zed"], python=python,
        report=lambda line: None)}
    assert not out["dies"].ok and "the worker's last words" in out["dies"].log
    assert not out["fails"].ok
    assert out["ann"].ok and out["zed"].ok  # graded by the replacement worker
    assert len(merged) == 4  # what autograde recorded goes in, even for a failure


@pytest.mark.parametrize("cpus,load,free", [(2, 0.1, 2), (2, 1.0, 1), (2, 1.6, 1),
                                            (2, 7.5, 1), (8, 2.2, 6)])
def test_the_default_number_of_jobs_is_the_cpus_free_now(monkeypatch, cpus, load, free):
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: cpus)
    monkeypatch.setattr(parallel.os, "getloadavg", lambda: (load, load, load))
    assert parallel.free_cpus() == free


def test_jobs_below_one_are_refused_with_what_was_expected(capsys):
    with pytest.raises(SystemExit):
        parallel.main(["04-worked-example", "--jobs", "0"])
    assert "at least 1, got 0" in capsys.readouterr().err


def test_the_progress_bar_counts_submissions_and_failures(course, capsys):
    root, python, _merged = course
    parallel.grade(root, "04", jobs=2, students=["ann", "fails", "bob"], python=python,
                   progress=True)
    err = capsys.readouterr().err
    assert "3/3" in err and "failed=1" in err, err


def test_all_grades_every_assignment_handed_in_and_a_bare_call_is_refused(course, monkeypatch,
                                                                         capsys):
    root, python, merged = course
    for student, name in (("ann", "01"), ("bob", "01"), ("ann", "04")):
        (root / "submitted" / student / name).mkdir(parents=True)
    seen = {}
    monkeypatch.setattr(parallel, "grade", lambda course, names, jobs, progress: seen.update(
        names=names) or [])
    assert parallel.main(["--all", "--course", str(root)]) == 0
    assert seen["names"] == ["01", "04"]
    with pytest.raises(SystemExit):
        parallel.main(["--course", str(root)])
    assert "or give --all" in capsys.readouterr().err
