"""Kernel restarts for SandboxedExecute: a cell that kills or hangs its kernel costs one cell.

This module runs as the grader. The failing cell gets an error output (so a test cell
scores zero), the kernel is started again in a fresh sandbox, every cell that had
completed is run again silently (its new outputs are thrown away: limits.py), and
grading goes on with the next cell. A cell that fails again during the replay is
dropped from the replay and marked the same way. ``max_restarts`` bounds it all.
"""
import copy

from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode

KILLED = "the kernel died while this cell ran (it exited, or was killed)"
HUNG = "this cell ran past its time limit and did not stop when interrupted"


def error_output(text):
    return NotebookNode(output_type="error", ename="GradingError", evalue=text,
                        traceback=[f"GradingError: {text}"])


class Restarts:
    """Mixed into SandboxedExecute, which provides _start_kernel and _cannot_run."""

    def _fail(self, cell, failure):
        why = KILLED if isinstance(failure, DeadKernelError) else HUNG
        self.log.warning("%s; restarting the kernel", why)
        cell.outputs = list(cell.get("outputs", [])) + [error_output(why)]

    def _restart(self, completed):
        """A fresh kernel in a fresh sandbox, with every completed cell run again."""
        while True:
            self._restarts += 1
            self._cleanup_kernel()
            self.km = self.kc = None
            if self._cannot_run():
                return
            self._start_kernel()
            try:
                self._replay(completed)
                return
            except (DeadKernelError, CellTimeoutError) as failure:
                culprit = completed.pop(self._replay_index)
                self._fail(self.nb.cells[culprit], failure)

    def _replay(self, completed):
        self._replaying = True
        try:
            for position, index in enumerate(completed):
                self._replay_index = position
                original = self.nb.cells[index]
                try:
                    self.execute_cell(copy.deepcopy(original), index, store_history=True)
                finally:
                    self.nb.cells[index] = original
        finally:
            self._replaying = False
