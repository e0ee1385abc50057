"""nbgrader's Execute step, with the kernel in the sandbox and a failure costing one cell.

This module runs as the grader; it never runs student code itself. ``SandboxedExecute``
replaces nbgrader's ``Execute`` in ``c.Autograde.autograde_preprocessors`` and differs
from it in these ways:

* the kernel runs in the sandbox (kernel.py, sandbox.py), unless ``c.Sandbox.enabled``
  is False, which logs an UNSAFE warning for every notebook;
* a cell that kills its kernel, or hangs and ignores the interrupt, costs that cell only
  (restarts.py);
* each notebook has a wall-time limit; cells it leaves unrun get an error output;
* what a cell may send back is limited: ``cell_output_limit`` bytes per cell and
  ``notebook_output_limit`` per notebook; the rest is dropped, with a note;
* no cell is skipped because of its tags (nbclient skips "skip-execution" cells, and a
  skipped test cell would keep its points);
* cells of ours that nothing graded sees are not run (``skip_unseen``, needed.py), when
  test cells are judged on the grader's side; each gets a one-line note instead;
* figures are not drawn (``draw_figures``): a figure's output is its one-line text, and
  an explorer keeps its numbers but draws no picture. Drawing was a third of the time
  the series took to grade, and no grade depends on a picture;
* a kernel whose notebook is done is killed at once (``shutdown_kernel``), not asked to
  shut down: its outputs are all in, and the polite way cost 0.5 s of CPU and more of
  waiting per notebook (Python tearing down numpy and matplotlib) for nothing graded.
"""
import os

import nbformat
import time
import uuid

from jupyter_core.utils import run_sync
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import Execute
from traitlets import Bool, Enum, Integer

from .judge import Judge, course_key, install_code
from .kernel import SandboxKernelManager
from .limits import OutputLimits
from .needed import needed_cells
from .remote import Session
from .restarts import HUNG, KILLED, Restarts, error_output  # noqa: F401 (HUNG, KILLED: tests)
from .sandbox import UNSAFE, Sandbox, SandboxUnavailable

NO_TIME = "not run: the notebook used up its time limit ({limit} s) before this cell"
NO_RESTARTS = "not run: the kernel had to be restarted {limit} times already"
UNSEEN = "(not run at grading: a demonstration whose results no answer and no test reads)\n"
# Run silently in each new kernel when figures are off; it can fail harmlessly (figures
# are then drawn), and student code can turn drawing back on only for its own feedback.
FIGURES_OFF = """try:
    __import__("os").environ["BPLIB_FIGURES"] = "off"
    get_ipython().run_line_magic("config", "InlineBackend.figure_formats = set()")
except Exception:
    pass
"""


def _is_test(cell):
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.cell_type == "code" and bool(meta.get("grade")) and not meta.get("solution")


class SandboxedExecute(Restarts, OutputLimits, Execute):
    """Execute each notebook in the sandbox; see the module docstring."""

    notebook_timeout = Integer(900, help="Seconds a whole notebook may run.").tag(config=True)
    max_restarts = Integer(5, help="Kernel restarts allowed per notebook.").tag(config=True)
    judge_outside = Bool(True, help=(
        "Judge each autograded test cell on the grader's side (judge.py): only the "
        "learner's functions run in the kernel. Off, test cells run in the kernel, where "
        "student code can fake their verdicts.")).tag(config=True)
    skip_unseen = Bool(True, help=(
        "Leave unrun the cells of ours whose results no answer and no test can see "
        "(needed.py decides, conservatively); only while test cells are judged on the "
        "grader's side. Grades are the same either way.")).tag(config=True)
    shutdown_kernel = Enum(["graceful", "immediate"], default_value="immediate", help=(
        "How a kernel whose notebook is done ends; see the module docstring.")).tag(config=True)
    draw_figures = Bool(False, help=(
        "Draw figures and explorers' pictures into the graded notebook (and so into the "
        "feedback). Off, a figure shows as its one-line text; grades are the same either "
        "way, and grading is faster.")).tag(config=True)

    def preprocess(self, nb, resources=None, km=None):
        sandbox = Sandbox(parent=self)
        if not sandbox.enabled:
            self.log.warning(UNSAFE)
        else:
            problem = sandbox.problem()
            if problem:
                raise SandboxUnavailable(problem)
            self.kernel_manager_class = SandboxKernelManager
        self._stage_from, self._stage_ignore = self._submission_folders(resources or {})
        self._released = None
        self._judge = self._make_judge(resources or {})
        self.skip_cells_with_tag = f"never-{uuid.uuid4()}"
        self.timeout_func = self._time_left_for
        self._deadline = time.monotonic() + self.notebook_timeout
        self._restarts = 0
        self.reset_limits()
        return self._run(nb, resources, km)

    def _submission_folders(self, resources):
        """What the sandbox gets: the student's submitted files, then the source's data."""
        info = resources.get("nbgrader", {})
        if not {"student", "assignment"} <= set(info):
            return [], []
        course = CourseDirectory(config=self.config)
        return ([course.format_path(course.submitted_directory, info["student"], info["assignment"]),
                 course.format_path(course.source_directory, ".", info["assignment"])],
                list(course.ignore))

    def _make_judge(self, resources):
        info = resources.get("nbgrader", {})
        if not self.judge_outside or not {"student", "assignment", "notebook"} <= set(info):
            return None
        course = CourseDirectory(config=self.config)
        released = os.path.join(course.format_path(course.release_directory, ".", info["assignment"]),
                                info["notebook"] + ".ipynb")
        if not os.path.exists(released):
            self.log.warning("UNSAFE verdicts: no released notebook at %s, so the test cells "
                             "of %s run in the student's kernel", released, info["notebook"])
            return None
        self._released = nbformat.read(released, as_version=4)
        return Judge(self._released, course_key(course.root), info["student"])

    def create_kernel_manager(self):
        km = super().create_kernel_manager()
        if isinstance(km, SandboxKernelManager):
            km.stage_from = [f for f in self._stage_from if os.path.isdir(f)]
            km.stage_ignore = self._stage_ignore
            km.hide_checks = self._judge is not None
        return km

    def _run(self, nb, resources, km):
        NotebookClient.__init__(self, nb, km)  # as nbconvert's ExecutePreprocessor does
        self.reset_execution_trackers()
        self._check_assign_resources(resources)
        unseen = self._unseen()
        try:
            self._start_kernel()
            completed = []
            for index, cell in enumerate(self.nb.cells):
                if cell.cell_type != "code" or not cell.source.strip():
                    continue
                if index in unseen:
                    cell.outputs = [NotebookNode(output_type="stream", name="stdout", text=UNSEEN)]
                    continue
                problem = self._cannot_run()
                if problem:
                    cell.outputs = [error_output(problem)]
                    continue
                try:
                    if self._judge is not None and _is_test(cell):
                        self._judge_cell(cell, index)
                        continue
                    self.preprocess_cell(cell, resources, index)
                except (DeadKernelError, CellTimeoutError) as failure:
                    self._fail(cell, failure)
                    self._restart(completed)
                    continue
                completed.append(index)
        finally:
            if self.km is not None:
                self._cleanup_kernel()
        self.set_widgets_metadata()
        return self.nb, self.resources

    def _unseen(self):
        """Code cells left unrun: none unless verdicts are judged here (needed.py)."""
        if not self.skip_unseen or self._judge is None or self._released is None:
            return set()
        code = {i for i, c in enumerate(self.nb.cells) if c.cell_type == "code" and c.source.strip()}
        unseen = code - needed_cells(self.nb, self._released)
        self.log.info("%d of %d code cells are demonstrations nothing graded sees: not run",
                      len(unseen), len(code))
        return unseen

    def _start_kernel(self):
        if self.km is None:
            self.km = self.create_kernel_manager()
        self.start_new_kernel()
        self.start_new_kernel_client()
        self._kernel_info()
        if not self.draw_figures:
            self.wait_for_reply(self.kc.execute(FIGURES_OFF, silent=True, store_history=False))
        self._session = None  # the probe is installed in this kernel when first needed

    def _judge_cell(self, cell, index):
        """The verdict of test ``cell``, reached on the grader's side (judge.py)."""
        started = time.monotonic()
        deadline = lambda: min(started + self._time_left_for(cell), self._deadline)  # noqa: E731
        if self._session is None:
            self._session = Session(self.kc, self.km, deadline)
            run_sync(self._session._exchange)(install_code())
        self._session.deadline = deadline
        answers = []
        for previous in self.nb.cells[:index][::-1]:
            if _is_test(previous):
                break
            if previous.cell_type == "code" and previous.metadata.get("nbgrader", {}).get("solution"):
                answers.append(previous.source)
        self.code_cells_executed += 1
        cell.outputs = self._judge.verdict(cell, answers, self._session)
        cell.execution_count = self.code_cells_executed
        self.log.info("judged %s in %.1f s", cell.metadata["nbgrader"].get("grade_id"),
                      time.monotonic() - started)

    def _cannot_run(self):
        if time.monotonic() >= self._deadline:
            return NO_TIME.format(limit=self.notebook_timeout)
        if self._restarts > self.max_restarts:
            return NO_RESTARTS.format(limit=self.max_restarts)
        return None

    def _time_left_for(self, cell):
        left = int(self._deadline - time.monotonic()) + 1
        return max(1, min(self.timeout, left) if self.timeout and self.timeout > 0 else left)

    def _kernel_info(self):
        info = self.wait_for_reply(self.kc.kernel_info())
        if info is None or "language_info" not in info["content"]:
            raise RuntimeError("the kernel did not answer kernel_info: "
                               + getattr(self.km, "kernel_output", lambda: "")())
        self.nb.metadata["language_info"] = info["content"]["language_info"]
