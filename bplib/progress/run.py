"""Run a learner's notebook cell by cell, so that one bad cell costs only itself.

This module runs the learner's own code, in a kernel, as the learner (it is the self-study
report, not grading: nothing here is a grade). Each code cell gets ``cell_limit`` seconds.
A cell that runs longer is interrupted; if the kernel does not come back within a few
seconds, or a cell kills it, a fresh kernel is started, every earlier cell that completed
is run again silently, and the run goes on with the next cell. The notebook file is never
written: the run works on a copy in memory.
"""
import copy
import re
import time
from pathlib import Path

import nbformat
from jupyter_core.utils import ensure_async, run_sync
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode

SETTLE = 5.0  # seconds an interrupted kernel has to become idle again


def note(ename, text):
    """An error output written by the runner (not by the kernel)."""
    return NotebookNode(output_type="error", ename=ename, evalue=text,
                        traceback=[f"{ename}: {text}"])


class Runner:
    """Executes ``nb`` (a NotebookNode, changed in place) in a kernel started in ``cwd``."""

    def __init__(self, nb, cwd, cell_limit=30.0, max_restarts=5):
        self.nb, self.cell_limit, self.max_restarts = nb, cell_limit, max_restarts
        self.client = NotebookClient(nb, timeout=cell_limit, kernel_name="python3",
                                     allow_errors=True, record_timing=False,
                                     interrupt_on_timeout=False,
                                     resources={"metadata": {"path": str(cwd)}})
        self.restarts = 0

    def run(self):
        completed = []
        self._start()
        try:
            for index, cell in enumerate(self.nb.cells):
                if cell.cell_type != "code" or not cell.source.strip():
                    continue
                if self.restarts > self.max_restarts:
                    cell.outputs = [note("NotRun", "not run: the kernel was restarted "
                                                   f"{self.max_restarts} times already")]
                    continue
                try:
                    self.client.execute_cell(cell, index)
                except CellTimeoutError:
                    self._interrupt()
                    where = " ".join(innermost(o.get("traceback", [])) for o in cell.get("outputs", [])
                                     if o.get("ename") == "KeyboardInterrupt").strip()
                    where = f" inside {where}" if where else ""
                    cell.outputs = list(cell.get("outputs", [])) + [note(
                        "TimeoutError", f"stopped after {self.cell_limit:g} s{where}: this cell "
                        "never finished (an endless loop?). It was interrupted, and the rest "
                        "of the notebook still ran.")]
                    if not self.settled:
                        self._restart(completed)
                    continue
                except DeadKernelError:
                    cell.outputs = list(cell.get("outputs", [])) + [note(
                        "DeadKernel", "the kernel died while this cell ran (it exited, or ran "
                        "out of memory); later cells ran in a fresh kernel")]
                    self._restart(completed)
                    continue
                completed.append(index)
        finally:
            self._stop()
        return self.nb

    def _start(self):
        self.client.km = self.client.create_kernel_manager()
        self.client.start_new_kernel()
        self.client.start_new_kernel_client()

    def _stop(self):
        if self.client.km is not None:
            self.client._cleanup_kernel()
        self.client.km = self.client.kc = None

    def _interrupt(self):
        """Interrupt the kernel and wait until it is idle again (``self.settled``)."""
        run_sync(self._interrupt_kernel)()
        deadline, self.settled = time.monotonic() + SETTLE, False
        while not self.settled and time.monotonic() < deadline:
            try:
                msg = run_sync(self.client.kc.get_iopub_msg)(
                    timeout=max(0.1, deadline - time.monotonic()))
            except Exception:  # noqa: BLE001 - queue.Empty: nothing more came
                break
            self.settled = msg.get("content", {}).get("execution_state") == "idle"
        if not self.settled:  # the idle message may have gone to nbclient's own reader
            self.settled = self._responds()

    def _responds(self):
        probe, self.client.timeout = nbformat.v4.new_code_cell("pass"), SETTLE
        try:
            self.client.execute_cell(probe, len(self.nb.cells), store_history=False)
            return True
        except (CellTimeoutError, DeadKernelError):
            return False
        finally:
            self.client.timeout = self.cell_limit

    async def _interrupt_kernel(self):
        await ensure_async(self.client.km.interrupt_kernel())

    def _restart(self, completed):
        """A fresh kernel, with every completed cell run again (their outputs kept)."""
        self.restarts += 1
        self._stop()
        self._start()
        for index in list(completed):
            try:
                self.client.execute_cell(copy.deepcopy(self.nb.cells[index]), index)
            except (CellTimeoutError, DeadKernelError):
                completed.remove(index)
                return self._restart(completed)


def innermost(traceback):
    """The innermost function of the learner's cells that a coloured IPython traceback
    names ("relative_error"), else the innermost function at all, else ""."""
    mine, anywhere = [], []
    for frame in traceback:
        plain = re.sub(r"\x1b\[[0-9;]*m", "", frame)
        names = [n for n in re.findall(r"\bin (\w+)\(", plain) if n != "<module>"]
        anywhere += names
        if plain.lstrip().startswith("Cell In["):
            mine += names
    return (mine or anywhere or [""])[-1]


def run_copy(path, cell_limit=30.0):
    """Execute a copy of the notebook at ``path``; the file is not written."""
    nb = nbformat.read(str(path), as_version=4)
    return Runner(nb, Path(path).parent, cell_limit).run()
