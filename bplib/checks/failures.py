"""How a check's verdict looks in a notebook: a few short lines, not a traceback.

A failing check raises AssertionError with its diagnosis. ``shown`` (applied to every
check by shortcuts.watch_all) re-raises it as ``CheckFailed``, and an unanswered
exercise's NotImplementedError as ``NotAnswered``. IPython shows an exception's
``_render_traceback_`` instead of a traceback, so the learner sees the diagnosis alone,
wrapped to a screen's width, with none of the library's frames. The classes keep the
builtins' names (``__name__``), so nbgrader still scores the cell as failed, and the
progress report and the grader read the same error names as before.

``install`` (called when bplib.checks is imported in IPython) also explains a check run
before its answer cell: "relative_error is not defined yet: run the cell with
def relative_error first".
"""
import functools
import linecache
import os
import re
import textwrap

LIBRARY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # bplib/

RED, DIM, RESET = "\x1b[31m", "\x1b[2m", "\x1b[0m"
WIDTH = 100


def short(text, mark="✗", colour=RED):
    """``text`` as a few lines of at most WIDTH characters, the first one marked."""
    lines = []
    for paragraph in str(text).splitlines() or [""]:
        lines += textwrap.wrap(paragraph, WIDTH - 2) or [""]
    return [f"{colour}{mark} {lines[0]}{RESET}"] + [f"{colour}  {line}{RESET}" for line in lines[1:]]


class CheckFailed(AssertionError):
    """A check's diagnosis, shown without a traceback."""

    def _render_traceback_(self):
        return short(self)


class NotAnswered(NotImplementedError):
    """The exercise's function, or one it uses, is still the blank one."""

    def _render_traceback_(self):
        return short(self, mark="·", colour=DIM)


CheckFailed.__name__ = CheckFailed.__qualname__ = "AssertionError"
NotAnswered.__name__ = NotAnswered.__qualname__ = "NotImplementedError"


def _blank(error, given):
    """The learner's function that raised ``error``, if it is not one the check was given
    (train_step_linear calling a blank hidden_deltas), else None."""
    tb, code = error.__traceback__, None
    while tb is not None:
        code, tb = tb.tb_frame.f_code, tb.tb_next
    if code is None or code.co_filename.startswith(LIBRARY) or code.co_name.startswith("<"):
        return None
    names = {getattr(f, "__name__", None) for f in given}
    return None if code.co_name in names else code.co_name


def shown(check):
    """``check``, with its failures raised as CheckFailed and NotAnswered."""
    @functools.wraps(check)
    def run(*args, **kwargs):
        try:
            return check(*args, **kwargs)
        except (CheckFailed, NotAnswered):
            raise
        except NotImplementedError as error:
            blank = _blank(error, args)
            if blank:
                raise NotAnswered(f"blocked: this uses {blank}, which is not answered yet: "
                                  f"fill in its cell first") from None
            raise NotAnswered("not answered yet: fill in the cell above") from None
        except AssertionError as error:
            if hasattr(error, "_render_traceback_"):  # a ShortcutError shows itself
                raise
            raise CheckFailed(*error.args) from None
    return run


def _not_yet(shell, etype, value, tb, tb_offset=None):
    """IPython's handler for NameError: a check run before its answer cell says so."""
    name = getattr(value, "name", None) or "".join(re.findall(r"name '(\w+)'", str(value)))
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    line = ""
    if tb is not None:
        line = linecache.getline(tb.tb_frame.f_code.co_filename, tb.tb_lineno)
    if name and re.search(rf"\bcheck_\w+\s*\(.*\b{re.escape(name)}\b", line):
        shell._showtraceback(etype, value, short(
            f"{name} is not defined yet: run the cell with `def {name}` first (it is above "
            f"this one), then run this check again."))
    else:
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
    return None  # shown above: IPython does not show what a handler returns


def install():
    """In IPython, explain a check whose answer has not been run yet (see _not_yet)."""
    try:
        shell = get_ipython()  # noqa: F821 - defined only inside IPython
    except NameError:
        return
    if shell is not None and NameError not in getattr(shell, "custom_exceptions", ()):
        shell.set_custom_exc((NameError,), _not_yet)
