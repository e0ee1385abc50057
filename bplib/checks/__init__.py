"""Checks for the course's exercises: they run a learner's function and say what is wrong.

Every check follows one pattern (see _core):
    * it runs the learner's function on fresh random inputs from a seeded generator
      (the seed is in every failure message, so a failure can be reproduced);
    * on success it prints one short line saying exactly what was checked;
    * on failure it raises AssertionError naming the quantity, the first wrong entry
      (expected and received) and, where it can tell, the likely mistake;
    * NotImplementedError from an unanswered exercise passes straight through;
    * in a notebook both show as a few short lines, without a traceback (failures.py).

The checks for each notebook live in a module of their own, e.g. bplib.checks.deltas.
"""
from ._core import (as_array, as_tuple, call, compare, compare_published, diagnose, differs,
                    layer_list, matches, passed, shape_of)
from .failures import install

install()  # in IPython: a check run before its answer cell says which cell to run

__all__ = ["as_array", "as_tuple", "call", "compare", "compare_published", "diagnose",
           "differs", "layer_list", "matches", "passed", "shape_of"]
