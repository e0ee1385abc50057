"""Judge an autograded test cell on the grader's side, never in the student's kernel.

This module runs as the grader. For each test cell, ``Judge.verdict`` runs the cell's
own code (the visible check, then the hidden tests, as nbgrader restored them from the
gradebook) here, in the grader's process, with real numpy and the real checks. Only the
learner's functions run in the kernel: each name the cell uses that the cell does not
define is a ``Remote`` (remote.py). The verdict becomes the cell's outputs: the check's
success line, or one error that says why, so nbgrader's SaveAutoGrades scores it as
usual. Nothing of the hidden tests is ever sent to the kernel.

Before running anything, the answer cells' source is read for library shortcuts
(bplib/checks/shortcuts.py); the same shortcuts are tripwires while the answer runs.
Either way the exercise scores zero, and the verdict names the function.

The random inputs of the hidden tests are drawn from seeds the student cannot know:
every ``default_rng(seed)`` of a hidden block is given a seed derived from the course's
secret key, the student and the exercise (``secret_seed``), the same at every grading.
"""
import ast
import builtins
import contextlib
import hashlib
import importlib
import io
import os
import re
import secrets
from pathlib import Path

from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode

from ..checks.shortcuts import SHORTCUTS, message, tripwires
from .remote import Interrupted, Remote

HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n?(.*?)### END HIDDEN TESTS\n?", re.S)
CHECK = re.compile(r"\b(check_\w+)\s*\(")
KEY_FILE = ".bplib-grading-key"
PROBE_SOURCES = {name: Path(__file__).with_name(f"{name}.py").read_text()
                 for name in ("wire", "tripwire", "student")}
INSTALL = """def __bplib_install(sources):
    namespace = {"__name__": "bplib_probe_student"}
    exec(compile(sources["student"], "<bplib probe: student>", "exec"), namespace)
    return namespace["install"](get_ipython(), sources)
__bplib_probe__ = __bplib_install(%r)
del __bplib_install
"""


def install_code():
    """The code that installs the probe in a kernel."""
    return INSTALL % (PROBE_SOURCES,)


def course_key(root):
    """The course's secret key (created on first use, readable by the grader only)."""
    path = Path(root) / KEY_FILE
    if not path.exists():
        with contextlib.suppress(FileExistsError):
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(32))
    return path.read_text().strip()


def secret_seed(key, student, exercise, seed):
    digest = hashlib.sha256(f"{key}|{student}|{exercise}|{seed}".encode()).digest()
    return int.from_bytes(digest[:8], "little")


class _Seeds(ast.NodeTransformer):
    def visit_Call(self, node):
        self.generic_visit(node)
        if isinstance(node.func, ast.Attribute) and node.func.attr == "default_rng" and node.args:
            node.args[0] = ast.Call(ast.Name("__secret_seed__", ast.Load()), [node.args[0]], [])
        return node


def with_secret_seeds(source):
    tree = ast.fix_missing_locations(_Seeds().visit(ast.parse(source)))
    return compile(tree, "<hidden tests>", "exec")


def free_names(source):
    """Names ``source`` reads but never binds: the learner's functions and the checks."""
    tree = ast.parse(source)
    loaded, bound = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, ast.alias):
            bound.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
    return loaded - bound - set(dir(builtins))


def checks_of(released):
    """{name: object} for everything a released notebook imports from bplib.checks."""
    found = {}
    for cell in released.cells:
        if cell.cell_type != "code" or cell.metadata.get("nbgrader", {}).get("solution"):
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("bplib.checks"):
                module = importlib.import_module(node.module)
                for alias in node.names:
                    found[alias.asname or alias.name] = getattr(module, alias.name)
    return found


CHECKS = "bplib.checks (the course's own checks)"


def _names(token, chain):
    """Does the dotted name ``chain`` name ``token`` (".x": an attribute x)?"""
    if token.startswith("."):
        return chain.endswith(token)
    return chain == token or chain.endswith("." + token)


def nodes_of(sources):
    """Every syntax-tree node of each source that parses; the others are passed over."""
    for source in sources:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        yield from ast.walk(tree)


def shortcuts_in(sources, check_name):
    """The first library shortcut of ``check_name`` that the answer's source names."""
    entries = SHORTCUTS.get(check_name, ())
    for node in nodes_of(sources):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = [node.module or ""] if isinstance(node, ast.ImportFrom) \
                else [a.name for a in node.names]
            if any(m.startswith("bplib.checks") for m in modules):
                return CHECKS
            names = [a.name for a in node.names] if isinstance(node, ast.ImportFrom) else []
            chains = [f"{m}.{n}" for m in modules for n in names] + modules
        else:
            chains = [_chain(node)] if isinstance(node, (ast.Attribute, ast.Name)) else []
        for chain in filter(None, chains):
            if chain.startswith("bplib.checks"):
                return CHECKS
            for _, label, tokens in entries:
                if any(_names(token, chain) for token in tokens):
                    return label
    return None


def _chain(node):
    """"a.b.c" for a Name or an Attribute chain, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return ".".join([node.id] + parts[::-1])
    return ".".join(["?"] + parts[::-1]) if parts else None  # a.b() .c: "?.c"


def _error(ename, evalue):
    return NotebookNode(output_type="error", ename=ename, evalue=evalue,
                        traceback=[f"{ename}: {evalue}"])


def _stream(text):
    return NotebookNode(output_type="stream", name="stdout", text=text)


class Judge:
    """Judges the test cells of one notebook, for one student, in one kernel session."""

    def __init__(self, released, key, student):
        self.checks, self.key, self.student = checks_of(released), key, student

    def verdict(self, cell, answers, session):
        """The outputs of test ``cell``; ``answers``: the source of its answer cells."""
        exercise = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        hidden = "\n".join(HIDDEN.findall(cell.source))
        visible = HIDDEN.sub("", cell.source)
        named = CHECK.findall(visible)
        check_name = named[0] if named else ""
        shortcut = shortcuts_in(answers, check_name)
        if shortcut:
            return [_error("ShortcutError", message(shortcut))]
        wires = tripwires(check_name)
        names = free_names(cell.source) - set(self.checks)
        scope = {"__builtins__": builtins, **self.checks,
                 **{n: Remote(session, n, wires) for n in names},
                 "__secret_seed__": lambda seed: secret_seed(self.key, self.student, exercise, seed)}
        session.tripped = []
        out = io.StringIO()
        outputs = []
        with contextlib.redirect_stdout(out):
            failure = self._run(compile(visible, "<visible check>", "exec"), scope, hidden=False)
            if failure is None and hidden.strip():
                failure = self._run(with_secret_seeds(hidden), scope, hidden=True)
        if out.getvalue():
            outputs.append(_stream(out.getvalue()[:20000]))
        if session.tripped:
            failure = ("ShortcutError", message(session.tripped[0]))
        if failure:
            outputs.append(_error(*failure))
        return outputs

    @staticmethod
    def _run(code, scope, hidden):
        try:
            exec(code, scope)
        except (DeadKernelError, CellTimeoutError):
            raise  # the executor restarts the kernel
        except Interrupted as error:
            return "TimeoutError", f"{error} (the cell's time limit)"
        except NotImplementedError:
            return "NotImplementedError", "this exercise is not answered yet"
        except Exception as error:
            if hidden:
                return ("AssertionError", "the answer passes the visible check but not the "
                        "hidden tests, which try other inputs")
            return type(error).__name__ if type(error).__name__ in ("AssertionError", "ShortcutError") \
                else "AssertionError", str(error) or type(error).__name__
        return None
