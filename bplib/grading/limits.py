"""What a cell may send back while it runs: a budget of bytes per cell and per notebook.

This module runs as the grader. ``OutputLimits`` is mixed into SandboxedExecute (in
front of nbgrader's Execute): every message from the kernel passes through its
``process_message`` first, and a message that would take a cell past
``cell_output_limit`` bytes, or the notebook past ``notebook_output_limit``, is dropped
before nbclient stores it. The cell then ends with a note that output was dropped. While
cells are being replayed after a restart (``_replaying``), their output is not kept at
all. A single message larger than the kernel manager's ``max_message`` never arrives.
"""
from nbformat import NotebookNode
from traitlets import Integer
from traitlets.config import LoggingConfigurable


def _size(value):
    """About how many bytes a decoded message takes: its strings, buffers and keys."""
    if isinstance(value, (str, bytes, bytearray, memoryview)):
        return len(value)
    if isinstance(value, dict):
        return sum(len(str(k)) + _size(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return sum(_size(v) for v in value) + len(value)
    return 8


class OutputLimits(LoggingConfigurable):
    cell_output_limit = Integer(1 << 20, help="Bytes of output kept per cell.").tag(config=True)
    notebook_output_limit = Integer(10 << 20, help="Bytes of output kept per notebook."
                                    ).tag(config=True)

    def reset_limits(self):
        self._notebook_bytes, self._cell_bytes, self._dropped, self._replaying = 0, 0, False, False

    def on_cell_execute(self, **kwargs):
        self._cell_bytes, self._dropped = 0, False

    def process_message(self, msg, cell, cell_index):
        if msg["msg_type"] not in ("status", "execute_input"):
            if self._replaying:  # a replayed cell's outputs are thrown away anyway
                return None
            size = _size(msg.get("content", {}))
            if (self._dropped or self._cell_bytes + size > self.cell_output_limit
                    or self._notebook_bytes + size > self.notebook_output_limit):
                self._dropped = True
                return None
            self._cell_bytes += size
            self._notebook_bytes += size
        return super().process_message(msg, cell, cell_index)

    def on_cell_executed(self, **kwargs):
        super().on_cell_executed(**kwargs)
        if self._dropped and not self._replaying:
            kwargs["cell"].outputs.append(NotebookNode(
                output_type="stream", name="stdout",
                text=f"\n[grading: output beyond {self.cell_output_limit >> 10} KiB per cell "
                     f"or {self.notebook_output_limit >> 20} MiB per notebook was dropped]\n"))
