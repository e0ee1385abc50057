"""Tripwires: notice when a learner's function calls a library function that answers the
exercise for it (bplib's own backward pass for the backward-pass exercise, say).

Used in two places: by the visible checks in the learner's own kernel (immediate
feedback), and, during grading, by the probe inside the sandbox (student.py carries this
source there). Either way it runs where the learner's code runs, so it only ever takes
points away: a learner who disables it still faces the grader's reading of their source
(judge.py) and the hidden tests.

A wire is a path "module:attribute.attribute" to a function (or a method, or a function
held by an object, like bplib.sigmoid's `prime`). While `watching(paths)` is active, a
call of one of those functions made directly from code outside bplib is recorded, by
its label. Calls made inside bplib itself (bplib.sigmoid inside bplib's Network) are
not the learner's doing and are not recorded.

A wire into a library other than bplib that is not imported yet (scikit-learn takes a
second to import) is not imported for it: it is matched by the function's name, in any
file of that library's folder, so a learner who imports the library later is still seen.
"""
import importlib
import importlib.util
import os
import sys

# bplib's folder, found without importing it (the probe has no __file__ of its own)
LIBRARY = os.path.dirname(importlib.util.find_spec("bplib").origin) + os.sep


def code_of(path):
    """The code object behind "module:attr.attr", or None if there is none."""
    module, _, attrs = path.partition(":")
    try:
        target = importlib.import_module(module)
        for name in attrs.split("."):
            target = getattr(target, name)
    except (ImportError, AttributeError):
        return None
    target = getattr(target, "__func__", target)        # a bound or class method
    if not hasattr(target, "__code__") and hasattr(type(target), "__call__"):
        target = type(target).__call__                  # an object called like a function
    return getattr(target, "__code__", None)


def folder_of(path):
    """The folder of the library of "module:attr", found without importing it, or None."""
    top = path.partition(":")[0].split(".")[0]
    try:
        spec = importlib.util.find_spec(top)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return os.path.join(list(spec.submodule_search_locations)[0], "")


class watching:
    """Record calls of the functions at ``paths`` ({path: label}) made from outside bplib."""

    def __init__(self, paths):
        self.codes, self.names = {}, {}  # code -> label; function name -> [(folder, label)]
        for path, label in dict(paths).items():
            module, _, attrs = path.partition(":")
            folder = None if module in sys.modules or module.startswith("bplib") else folder_of(path)
            if folder is not None:
                self.names.setdefault(attrs.rpartition(".")[2], []).append((folder, label))
                continue
            code = code_of(path)
            if code is not None:
                self.codes[code] = label
        self.tripped = []

    def __enter__(self):
        self.previous = sys.getprofile()
        if self.codes or self.names:
            sys.setprofile(self._profile)
        return self

    def _profile(self, frame, event, arg):
        if event != "call":
            return
        code = frame.f_code
        label = self.codes.get(code)
        if label is None and code.co_name in self.names:
            label = next((label for folder, label in self.names[code.co_name]
                          if code.co_filename.startswith(folder)), None)
        if label is not None:
            caller = frame.f_back
            if caller is None or not caller.f_code.co_filename.startswith(LIBRARY):
                if label not in self.tripped:
                    self.tripped.append(label)

    def __exit__(self, *exc):
        sys.setprofile(self.previous)
        return False
