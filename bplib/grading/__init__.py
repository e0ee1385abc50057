"""Grading a class without trusting it: nbgrader's autograde, each submission in a sandbox,
every verdict reached on the grader's side.

Everything here plugs into nbgrader through nbgrader_config.py, so nbgrader's own
commands (autograde, formgrader, generate_feedback, export) work as before.

The trust boundary
------------------
Runs as the student, untrusted, inside the sandbox (whose walls sandbox.py sets):
    student.py    the launcher that becomes the kernel, and the probe: the code the
                  grader sends into the kernel to call a learner's function on inputs it
                  chose, and to send back what came out;
    the kernel    every cell of the notebook except the test cells. It sees a read-only
                  system and Python environment (bplib.checks replaced by a stub), a copy
                  of its own submitted files (no notebooks) and an empty HOME; no course
                  folder, no network, no other process.

Runs as the grader, trusted, and never runs student code:
    repair.py     RepairSubmission: puts a submission's cells back into the released
                  order and metadata before nbgrader overwrites the test cells;
    execute.py    SandboxedExecute: sends the notebook's cells to the kernel, keeps their
                  outputs within limits, restarts a kernel that died or hung;
    judge.py      runs each test cell (visible check and hidden tests) here, reads the
                  answers for library shortcuts, draws the hidden inputs' secret seeds;
    remote.py     the grader's end of the probe: the learner's functions as callables;
    wire.py       the plain-data format between the two sides, decoded strictly here;
    kernel.py     SandboxKernelManager: starts and kills the sandbox;
    parallel.py   `python -m bplib grade`: several students at once, one gradebook writer
                  (gradebook.py);
    feedback.py, sanitize.py   feedback without the hidden tests, student HTML cleaned.
nbgrader itself writes the autograded notebook and the gradebook, in the grader's process.

What crosses: the notebook's cells and the probe's requests go in (the hidden tests
never do); Jupyter messages come back over UNIX sockets inside the sandbox: outputs,
limited in size, and the probe's answers, which are data only (wire.py). The sandbox
writes no file the grader reads, and dies, with every process in it, when its notebook
is done.
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
