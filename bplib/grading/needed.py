"""Which code cells grading must run: the others are demonstrations that nothing graded sees.

This module runs as the grader and reads source only; it trusts nothing in the
submission. It is conservative: when in doubt, a cell runs. A cell runs when any of
these holds:

* nbgrader grades it or it holds an answer (``nbgrader`` metadata), or it is not word
  for word a plain cell of the released notebook (the student added or changed it);
* it does not parse, or it changes state that no name shows: module attributes or items,
  the global random numbers, warnings, numpy's error and print settings, the
  environment, the working folder (see ``GLOBAL_STATE``);
* something that runs after it may see what it did. Every name a cell reads or binds is
  put in one group with every other name of the same top-level statement (so aliases,
  arguments and the names a function's body uses travel together), and a cell is needed
  when a group it touches is read by a cell that runs later.

If any cell that runs reads names dynamically (eval, exec, globals(), vars(), the
kernel's history ``_``, ``Out``, ``_3``, IPython magics), nothing is skipped at all.
Names that import statements bind are libraries: calling them is taken not to change
them (assigning to their attributes is caught above).
"""
import ast
import builtins
import re

from .judge import _chain, free_names, nodes_of

DYNAMIC = {"eval", "exec", "compile", "globals", "locals", "vars", "getattr", "setattr",
           "delattr", "__import__", "get_ipython", "In", "Out", "_oh", "_ih", "_dh",
           "__builtins__", "__dict__", "breakpoint", "input"}
HISTORY = re.compile(r"^_+(i+|ii|iii)?\d*$")
STATEFUL_MODULES = ("random", "warnings", "os", "sys", "importlib", "gc", "ctypes", "signal")
GLOBAL_STATE = STATEFUL_MODULES + (
    "np.random.seed", "np.random.set_state", "np.seterr", "np.set_printoptions",
    "np.random.shuffle", "np.random.rand", "np.random.randn", "np.random.normal",
    "np.random.uniform", "np.random.randint", "np.random.choice",
    "np.random.permutation", "numpy.random", "matplotlib.rc", "plt.rc")
BUILTINS = set(dir(builtins))


def _nbgrader(cell):
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return bool(meta.get("solution") or meta.get("grade") or meta.get("task"))


class Facts:
    """What one cell's source shows: names read, bound and grouped, and any danger."""

    def __init__(self, source, libraries):
        self.reads, self.binds, self.groups = set(), set(), []
        self.dynamic = self.global_state = False
        try:
            tree = ast.parse(source)
        except SyntaxError:
            self.dynamic = self.global_state = bool(source.strip())
            return
        for statement in tree.body:
            names = set()
            for node in ast.walk(statement):
                self._look(node, names, libraries)
            names -= libraries | BUILTINS
            if names:
                self.groups.append(names)

    def _look(self, node, names, libraries):
        if isinstance(node, ast.Name):
            loaded = isinstance(node.ctx, ast.Load)
            if node.id in DYNAMIC or (loaded and HISTORY.match(node.id)):
                self.dynamic = True
            (self.reads if isinstance(node.ctx, ast.Load) else self.binds).add(node.id)
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            self.binds.add(node.name)
            names.add(node.name)
        elif isinstance(node, ast.alias):
            if node.name == "*":
                self.dynamic = True  # binds names the source does not show
            name = (node.asname or node.name).split(".")[0]
            self.binds.add(name)
            names.add(name)
            if name in STATEFUL_MODULES:
                self.global_state = True
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            self.global_state = True
        elif isinstance(node, ast.Attribute):
            chain = _chain(node) or ""
            if node.attr in DYNAMIC:
                self.dynamic = True
            if any(chain == s or chain.startswith(s + ".") for s in GLOBAL_STATE):
                self.global_state = True
            root = chain.split(".")[0]
            if not isinstance(node.ctx, ast.Load) and root in libraries:
                self.global_state = True
        elif isinstance(node, ast.Subscript) and not isinstance(node.ctx, ast.Load):
            root = (_chain(node.value) or "").split(".")[0]
            if root in libraries:
                self.global_state = True


def libraries_of(sources):
    """Names bound only by import statements, in any of ``sources``."""
    imported, assigned = set(), set()
    for node in nodes_of(sources):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            imported |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            assigned.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            assigned.add(node.name)
        elif isinstance(node, ast.arg):
            assigned.add(node.arg)
    return imported - assigned


def _is_test(cell):
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return bool(meta.get("grade")) and not meta.get("solution")


class JudgedTest(Facts):
    """A test cell judged on the grader's side: it reads the names it does not bind (the
    learner's functions, fetched from the kernel) and changes nothing in the kernel."""

    def __init__(self, source, libraries):
        self.reads, self.binds, self.groups = set(free_names(source)), set(), []
        self.dynamic = self.global_state = False


def needed_cells(nb, released):
    """Indices of the code cells of ``nb`` that grading must run (see the module docstring),
    when the test cells are judged on the grader's side (judge.py)."""
    code = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.strip()]
    ours = {c.source for c in released.cells if c.cell_type == "code" and not _nbgrader(c)}
    libraries = libraries_of([c.source for _, c in code if not _is_test(c)])
    facts = {i: (JudgedTest if _is_test(c) else Facts)(c.source, libraries) for i, c in code}
    group = _union([g for f in facts.values() for g in f.groups])
    wanted, run = set(), set()
    for i, cell in reversed(code):
        f = facts[i]
        plain = lambda names: {group.get(n, n) for n in names - libraries - BUILTINS}  # noqa: E731
        writes = plain(f.reads | f.binds) | (f.binds & libraries)
        if (_nbgrader(cell) or cell.source not in ours or f.global_state or f.dynamic
                or writes & wanted):
            run.add(i)
            wanted |= plain(f.reads | f.binds) | (f.reads & libraries)
    if any(facts[i].dynamic for i in run):
        return {i for i, _ in code}
    return run


def _union(groups):
    """{name: representative} joining every group that shares a name."""
    parent = {}

    def find(n):
        while parent.setdefault(n, n) != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for names in groups:
        first, *rest = sorted(names)
        for other in rest:
            parent[find(other)] = find(first)
    return {n: find(n) for n in parent}
