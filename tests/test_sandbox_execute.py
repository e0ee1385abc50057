"""SandboxedExecute on small notebooks: restarts, time and output limits, what the kernel sees.

Each test runs a few cells through the real preprocessor and kernel (in the sandbox,
unless a test switches it off) and reads the outputs, as nbgrader's SaveAutoGrades would.
"""
import nbformat
import pytest
from traitlets.config import Config

from bplib.grading import Sandbox, SandboxedExecute
from bplib.grading.execute import HUNG, KILLED, NO_RESTARTS, NO_TIME

pytestmark = pytest.mark.slow


def notebook(*sources):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    return nb


def run(tmp_path, *sources, sandbox=True, **settings):
    if sandbox and Sandbox().problem():
        pytest.skip(Sandbox().problem())
    config = Config()
    config.Sandbox.enabled = sandbox
    for key, value in {"timeout": 5, **settings}.items():
        setattr(config.SandboxedExecute, key, value)
    nb, _ = SandboxedExecute(config=config).preprocess(notebook(*sources),
                                                       {"metadata": {"path": str(tmp_path)}})
    return nb


def text(cell):
    return "".join(o.get("text", "") for o in cell.outputs)


def errors(cell):
    return [o.evalue for o in cell.outputs if o.output_type == "error"]


@pytest.mark.parametrize("sandbox", [True, False], ids=["sandbox", "no-sandbox"])
def test_a_cell_that_kills_the_kernel_costs_only_that_cell(tmp_path, sandbox):
    nb = run(tmp_path, "x = 41", "import os\nos._exit(0)", "print(x + 1)", sandbox=sandbox)
    assert errors(nb.cells[1]) == [KILLED]
    assert text(nb.cells[2]) == "42\n" and not errors(nb.cells[2])


def test_a_cell_that_ignores_the_interrupt_costs_only_that_cell(tmp_path):
    hang = "import time\nwhile True:\n    try:\n        time.sleep(1)\n    except KeyboardInterrupt:\n        pass"
    nb = run(tmp_path, "x = 1", hang, "print(x)", timeout=3)
    assert HUNG in errors(nb.cells[1])
    assert text(nb.cells[2]) == "1\n"


def test_an_interruptible_slow_cell_is_stopped_and_the_kernel_kept(tmp_path):
    nb = run(tmp_path, "x = 1", "import time\ntime.sleep(600)", "print(x)", timeout=3)
    assert any("KeyboardInterrupt" in o.get("ename", "") for o in nb.cells[1].outputs)
    assert text(nb.cells[2]) == "1\n"


def test_the_notebook_time_limit_leaves_later_cells_unrun_with_an_error(tmp_path):
    nb = run(tmp_path, "import time\ntime.sleep(2)", "time.sleep(2)", "print('late')",
             notebook_timeout=3, timeout=10)
    assert errors(nb.cells[2]) == [NO_TIME.format(limit=3)]


def test_restarts_are_limited(tmp_path):
    nb = run(tmp_path, *["import os\nos._exit(0)"] * 5, "print('never')", max_restarts=2)
    assert [errors(c) for c in nb.cells[:3]] == [[KILLED]] * 3
    assert errors(nb.cells[5]) == [NO_RESTARTS.format(limit=2)]


def test_output_beyond_the_limit_is_dropped_with_a_note(tmp_path):
    nb = run(tmp_path, "for k in range(8):\n    print('x' * (1 << 19))", "print('next')",
             cell_output_limit=1 << 20)
    assert len(text(nb.cells[0])) < (1 << 20) + 1000
    assert "was dropped" in text(nb.cells[0])
    assert text(nb.cells[1]) == "next\n"


def test_skip_execution_tags_do_not_skip_a_cell(tmp_path):
    nb = notebook("print('ran')")
    nb.cells[0].metadata["tags"] = ["skip-execution"]
    out, _ = SandboxedExecute().preprocess(nb, {"metadata": {"path": str(tmp_path)}})
    assert text(out.cells[0]) == "ran\n"


def test_the_kernel_gets_a_copy_of_its_folder_without_notebooks_or_links(tmp_path):
    (tmp_path / "data.csv").write_text("1,2\n")
    (tmp_path / "answer.ipynb").write_text("{}")
    (tmp_path / "link").symlink_to("/etc/hostname")
    nb = run(tmp_path, "import os\nprint(sorted(os.listdir('.')), os.getcwd())",
             "open('data.csv', 'a').write('3,4\\n')\nprint(open('data.csv').read())")
    assert text(nb.cells[0]) == "['data.csv'] /home/student/" + tmp_path.name + "\n"
    assert text(nb.cells[1]) == "1,2\n3,4\n\n"
    assert (tmp_path / "data.csv").read_text() == "1,2\n"  # the grader's copy is untouched


def test_inside_the_sandbox(tmp_path):
    nb = run(tmp_path, "import os, socket\nprint(os.getuid() != 0, os.environ['HOME'], "
             "sorted(p for p in os.listdir('/proc') if p.isdigit())[:2])",
             "try:\n    socket.create_connection(('127.0.0.1', 22), timeout=2)\n"
             "except OSError as e:\n    print(type(e).__name__)")
    assert text(nb.cells[0]) == "True /home/student ['1', '2']\n"
    assert text(nb.cells[1]) == "ConnectionRefusedError\n"


def test_stock_nbgrader_execute_fails_where_these_pass(tmp_path):
    """The same notebooks through nbgrader's own Execute: what the tests above would catch."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from nbgrader.preprocessors import Execute

    resources = {"metadata": {"path": str(tmp_path)}}
    with pytest.raises(DeadKernelError):
        Execute(timeout=5).preprocess(notebook("x = 41", "import os\nos._exit(0)", "print(x + 1)"), resources)
    hang = "import time\nwhile True:\n    try:\n        time.sleep(1)\n    except KeyboardInterrupt:\n        pass"
    with pytest.raises(CellTimeoutError):
        Execute(timeout=3).preprocess(notebook("x = 1", hang, "print(x)"), resources)
    nb = notebook("print('ran')")
    nb.cells[0].metadata["tags"] = ["skip-execution"]
    assert text(Execute().preprocess(nb, resources)[0].cells[0]) == ""
    flood = Execute().preprocess(notebook("for k in range(8):\n    print('x' * (1 << 19))"), resources)[0]
    assert len(text(flood.cells[0])) >= 4 << 20


FIGURE = "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot([1, 2])\nplt.show()"
EXPLORER = ("from bplib.widgets import WorkedExample\nw = WorkedExample()\n"
            "print(sorted(w.numbers)[:2], len(w.png))\nw")


@pytest.mark.parametrize("sandbox", [True, False], ids=["sandbox", "no-sandbox"])
def test_figures_are_not_drawn_unless_asked_and_the_numbers_stay(tmp_path, sandbox):
    def kinds(cell):
        return [sorted(o.get("data", {})) for o in cell.outputs if o.output_type != "stream"]

    off = run(tmp_path, FIGURE, EXPLORER, "print(len(plt.get_fignums()))", sandbox=sandbox,
              timeout=60)
    on = run(tmp_path, FIGURE, EXPLORER, "print(len(plt.get_fignums()))", sandbox=sandbox,
             timeout=60, draw_figures=True)
    assert kinds(off.cells[0]) == [["text/plain"]]
    assert "<Figure size" in off.cells[0].outputs[0].data["text/plain"]
    assert kinds(on.cells[0]) == [["image/png", "text/plain"]]
    assert "image/png" not in off.cells[1].outputs[-1].data
    assert "image/png" in on.cells[1].outputs[-1].data
    numbers = text(on.cells[1]).split("]")[0]
    assert text(off.cells[1]).startswith(numbers) and text(off.cells[1]).endswith(" 0\n")
    assert not text(on.cells[1]).endswith(" 0\n")
    assert text(off.cells[2]) == text(on.cells[2]) == "0\n"  # no figure is left open
