"""The misconception report on synthetic graded classes: exact counts in the table and the
CSV, aggregates without names, one student only when asked, bad records refused, and a
class of 100 over the whole series in at most 10 s (tests/misconception_class.py)."""
import csv
import json
import time
from collections import Counter

import pytest

from misconception_class import expected_counts, grade_synthetically, plan_class
from mistakes import NAMES

from bplib.misconceptions import cli
from bplib.misconceptions.report import class_rows, table

CLASS = ("03-deltas", "06-four-equations")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = tmp_path_factory.mktemp("course")
    plan = plan_class(CLASS, students=20, seed=17)
    grade_synthetically(course, plan)
    return course, plan


def _counts(rows):
    return Counter({(r.notebook, r.exercise, r.kind, r.mistake): r.students
                    for r in rows if r.students})


def test_the_plan_is_varied_enough_to_mean_something(graded):
    _, plan = graded
    kinds = Counter(kind for outcomes in plan.values() for kind, _ in outcomes.values())
    assert set(kinds) == {"right", "blank", "unrecognised", "mistake"}
    assert len({m for outcomes in plan.values() for _, m in outcomes.values()}) >= 10


def test_the_rows_count_every_outcome_exactly(graded):
    course, plan = graded
    rows = [r for name in CLASS for r in class_rows(course, name)]
    assert _counts(rows) == expected_counts(plan)
    assert {r.graded for r in rows} == {20}


def test_table_and_csv_say_the_same_exact_numbers(graded, tmp_path, capsys):
    course, plan = graded
    assert cli.main([*CLASS, "--course", str(course), "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    expected = expected_counts(plan)
    found = Counter()
    for name in CLASS:
        with open(tmp_path / f"{name}-mistakes.csv") as f:
            for row in csv.DictReader(f):
                key = (row["notebook"], row["exercise"], row["kind"], row["mistake"])
                assert float(row["share"]) == pytest.approx(int(row["students"]) / 20, abs=1e-4)
                if int(row["students"]):
                    found[key] = int(row["students"])
        assert (tmp_path / f"{name}-mistakes.png").read_bytes()[:4] == b"\x89PNG"
    assert found == expected
    for (name, exercise, kind, mistake), n in expected.items():
        rows = [r for r in class_rows(course, name) if (r.exercise, r.kind, r.mistake) ==
                (exercise, kind, mistake)]
        assert f"  {n:5d} {n / 20:5.0%}  {rows[0].label}" in printed


def test_the_class_report_names_no_student_and_one_student_is_named_only_on_request(
        graded, tmp_path, capsys):
    course, plan = graded
    cli.main([CLASS[0], "--course", str(course), "--out", str(tmp_path)])
    aggregate = capsys.readouterr().out + "".join(
        p.read_text(errors="replace") for p in tmp_path.glob("*.csv"))
    assert not [s for s in plan if s in aggregate]
    assert cli.main([CLASS[0], "--course", str(course), "--student", "student004"]) == 0
    one = capsys.readouterr().out
    assert "student004" in one and "student005" not in one
    blank = [e for (n, e), (k, _) in plan["student004"].items() if n == CLASS[0] and k == "blank"]
    for exercise in blank:
        assert any(line.split()[:1] == [exercise] and "blank" in line for line in one.splitlines())


def test_a_record_that_is_not_one_is_refused_with_its_path(graded, tmp_path, capsys):
    course, _ = graded
    bad = tmp_path / "mistakes" / "03-deltas" / "eve"
    bad.mkdir(parents=True)
    (bad / "03-deltas.json").write_text(json.dumps({"format": 1, "exercises": [{"kind": "great"}]}))
    assert cli.main(["03-deltas", "--course", str(tmp_path)]) == 2
    said = capsys.readouterr().out
    assert "eve/03-deltas.json: not a grading record: expected an exercise entry" in said
    assert cli.main(["09-digits", "--course", str(tmp_path)]) == 2
    assert "no grading records for '09-digits'" in capsys.readouterr().out


def test_the_table_puts_the_most_frequent_mistake_first(graded):
    course, _ = graded
    rows = class_rows(course, "06-four-equations")
    for exercise in {r.exercise for r in rows}:
        made = [r.students for r in rows if r.exercise == exercise and r.kind == "mistake"]
        assert made == sorted(made, reverse=True)
    assert table(rows).splitlines()[0].startswith("06-four-equations · ")


@pytest.mark.slow
def test_a_class_of_100_over_the_whole_series_reports_in_10_seconds(tmp_path, capsys):
    course = tmp_path / "course"
    plan = plan_class(NAMES, students=100, seed=100)
    grade_synthetically(course, plan)
    start = time.perf_counter()
    assert cli.main(["--all", "--course", str(course)]) == 0
    seconds = time.perf_counter() - start
    capsys.readouterr()
    assert len(list((course / "mistakes-report").glob("*.png"))) == len(NAMES)
    rows = [r for name in NAMES for r in class_rows(course, name)]
    assert _counts(rows) == expected_counts(plan)
    print(f"report of 100 students x {len(NAMES)} notebooks: {seconds:.2f} s")
    assert seconds <= 10, seconds
