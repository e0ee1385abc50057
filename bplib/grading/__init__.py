"""Grading a class without trusting it: nbgrader's autograde, each submission in a sandbox.

Everything here plugs into nbgrader through nbgrader_config.py, so nbgrader's own
commands (autograde, formgrader, generate_feedback, export) work as before.

The trust boundary
------------------
Runs as the student, untrusted, inside the sandbox (started by student.py; its walls are
set in sandbox.py): the kernel, and so every cell of the notebook, the hidden tests
included, since nbgrader puts them back into the test cells. It sees a read-only system
and Python environment, a private copy of its own submission folder (without notebooks)
and an empty HOME; no course folder, no network, no other process.

Runs as the grader, trusted, and never runs student code:
    repair.py     RepairSubmission: puts a submission's cells back into the released
                  order and metadata before nbgrader overwrites the test cells;
    execute.py    SandboxedExecute: sends each cell to the kernel, keeps its outputs
                  within limits, restarts a kernel that died or hung;
    kernel.py     SandboxKernelManager: starts and kills the sandbox;
    parallel.py   `python -m bplib grade`: several students at once, one gradebook writer;
    feedback.py   HideHiddenTests: feedback without the hidden tests.
nbgrader itself writes the autograded notebook and the gradebook, in the grader's process.

What crosses: cell sources go in; Jupyter messages come back over UNIX sockets inside
the sandbox (outputs and replies, limited in size). Nothing else: no file the sandbox
writes is read by the grader, and the sandbox dies, with every process in it, when its
notebook is done.

Not covered here: the hidden tests still run in the student's process, so code there
can still change what those tests see (the verdicts issue).
"""
import importlib

_WHERE = {"HideHiddenTests": "feedback", "RepairSubmission": "repair", "Sandbox": "sandbox",
          "SandboxKernelManager": "kernel", "SandboxUnavailable": "sandbox",
          "SandboxedExecute": "execute"}
__all__ = sorted(_WHERE)


def __getattr__(name):
    # imported on first use, so that the checks can use tripwire.py and wire.py
    # without loading nbgrader
    if name in _WHERE:
        return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
