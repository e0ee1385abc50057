"""A failing check, in a real kernel, shows its diagnosis in a few short lines: no
traceback through bplib/checks, a blank answer in one line, a check run before its
answer cell says which cell to run; the error names stay those nbgrader and the
progress report read (bplib/checks/failures.py)."""
import re

import pytest

from bplib.checks.failures import WIDTH, CheckFailed, NotAnswered, short
from nbrun import Kernel

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def plain(lines):
    return [ANSI.sub("", line) for line in lines]


def test_short_wraps_to_the_width_and_marks_the_first_line():
    lines = plain(short("word " * 60))
    assert lines[0].startswith("✗ ") and all(len(line) <= WIDTH for line in lines)
    assert len(lines) == 4 and " ".join(lines).split() == ["✗"] + ["word"] * 60


def test_the_classes_keep_the_builtin_names():
    assert isinstance(CheckFailed("x"), AssertionError) and CheckFailed.__name__ == "AssertionError"
    assert isinstance(NotAnswered("x"), NotImplementedError)
    assert NotAnswered.__name__ == "NotImplementedError"


@pytest.mark.slow
def test_in_a_notebook_a_failure_fits_on_a_screen(tmp_path):
    with Kernel(tmp_path) as k:
        assert k.run("import numpy as np\n"
                     "from bplib.checks.deltas import check_output_deltas, check_hidden_deltas, "
                     "check_train_step_linear").status == "ok"
        # a check run before its answer cell
        early = k.run("check_output_deltas(output_deltas)")
        assert early.ename == "NameError"
        assert plain(early.traceback) == [
            "✗ output_deltas is not defined yet: run the cell with `def output_deltas` first "
            "(it is above this", "  one), then run this check again."]
        # a wrong answer: its diagnosis alone
        k.run("def output_deltas(out, label):\n    return label - out")
        wrong = k.run("check_output_deltas(output_deltas)")
        lines = plain(wrong.traceback)
        assert wrong.ename == "AssertionError" and "wrong sign" in wrong.evalue
        assert 1 <= len(lines) <= 4 and all(len(line) <= WIDTH for line in lines), lines
        assert " ".join(line[2:] for line in lines).split() == wrong.evalue.split()
        assert not any("bplib" in line or "Traceback" in line or "File " in line for line in lines)
        # a blank answer: one line; one that uses a blank one: says which
        k.run("def hidden_deltas(w_next, delta_next):\n    raise NotImplementedError()")
        blank = k.run("check_hidden_deltas(hidden_deltas)")
        assert blank.ename == "NotImplementedError"
        assert plain(blank.traceback) == ["· not answered yet: fill in the cell above"]
        k.run("def output_deltas(out, label):\n    return out - label\n"
              "def train_step_linear(weights, x, label, eta):\n"
              "    d = output_deltas(weights[-1] @ x, label)\n"
              "    return hidden_deltas(weights[-1], d)")
        blocked = k.run("check_train_step_linear(train_step_linear)")
        assert blocked.ename == "NotImplementedError"
        assert plain(blocked.traceback) == [
            "· blocked: this uses hidden_deltas, which is not answered yet: fill in its cell first"]
        # any other NameError keeps IPython's own traceback
        other = k.run("print(not_a_name)")
        assert other.ename == "NameError" and any("print(not_a_name)" in line
                                                  for line in plain(other.traceback))
