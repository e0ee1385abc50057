"""Run notebook cells one at a time in a fresh kernel, and read nbgrader's markers.

Used by test_notebooks.py to check both versions of every notebook cell by cell:
what each cell printed to stderr, which exception (if any) it stopped with, and
how long the whole notebook took.
"""
import re
import time
from dataclasses import dataclass, field

import nbformat
from jupyter_client.manager import start_new_kernel

HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n?(.*?)### END HIDDEN TESTS\n?", re.S)
SOLUTION = re.compile(r"### BEGIN SOLUTION\n?(.*?)### END SOLUTION\n?", re.S)


def nbgrader_meta(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


def is_autograded_tests(cell):
    meta = nbgrader_meta(cell)
    return cell.cell_type == "code" and meta.get("grade") and not meta.get("solution")


def is_solution(cell):
    return nbgrader_meta(cell).get("solution", False)


def split_tests(source):
    """(visible part, hidden part) of an autograded test cell's source."""
    hidden = "\n".join(m.group(1) for m in HIDDEN.finditer(source))
    return HIDDEN.sub("", source), hidden


def read(path):
    return nbformat.read(str(path), as_version=4)


@dataclass
class Result:
    status: str  # "ok" or "error"
    ename: str = ""
    evalue: str = ""
    stderr: str = ""
    stdout: str = ""
    traceback: list = field(default_factory=list)  # as the frontend would show it

    def __str__(self):
        return (f"{self.status} {self.ename}: {self.evalue}\n"
                f"stdout: {self.stdout[-500:]}\nstderr: {self.stderr[-500:]}")


@dataclass
class Kernel:
    """A fresh python3 kernel started in ``cwd``; use as a context manager."""

    cwd: str
    started: float = field(default_factory=time.perf_counter)

    def __enter__(self):
        self.km, self.kc = start_new_kernel(kernel_name="python3", cwd=str(self.cwd))
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)

    def run(self, code, timeout=60):
        out = {"stdout": [], "stderr": [], "traceback": []}

        def hook(msg):
            if msg["msg_type"] == "stream":
                out[msg["content"]["name"]].append(msg["content"]["text"])
            elif msg["msg_type"] == "error":  # what a notebook shows
                out["traceback"] += msg["content"].get("traceback", [])

        reply = self.kc.execute_interactive(code, timeout=timeout, output_hook=hook)
        content = reply["content"]
        return Result(content["status"], content.get("ename", ""), content.get("evalue", ""),
                      "".join(out["stderr"]), "".join(out["stdout"]),
                      out["traceback"] or list(content.get("traceback", [])))

    @property
    def elapsed(self):
        return time.perf_counter() - self.started
