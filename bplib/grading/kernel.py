"""A Jupyter kernel manager whose kernels run in the sandbox (sandbox.py).

This module runs as the grader. ``SandboxKernelManager`` is jupyter_client's
AsyncKernelManager with four differences:

* it hands the sandbox a copy of the submission's files (``stage_from``: the student's
  submitted folder, then the instructor's data files from the source folder; by default
  the kernel's working folder), without notebooks (nbgrader's working copy holds the
  hidden tests) and without symbolic links, plus the connection file and the grader's
  matplotlib font cache, all read-only;
* the kernel listens on UNIX sockets inside the sandbox (the network is unshared); the
  grader reaches them through /proc/PID/root, and refuses any message larger than
  ``max_message`` bytes;
* interrupts are sent as messages, because the kernel is in a PID namespace of its own;
* the kernel's own stdout and stderr never reach the grader's terminal: the last few
  kilobytes are kept, to explain a kernel that fails to start.

Killing the kernel kills the whole sandbox (bwrap's --die-with-parent and the PID
namespace), and the manager's scratch folder is deleted with it.
"""
import fnmatch
import json
import os
import select
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import zmq
from jupyter_client.manager import AsyncKernelManager
from traitlets import Bool, Instance, Integer, List, Unicode

from .sandbox import INSIDE, IPC, Sandbox, SandboxUnavailable

TAIL = 8192  # bytes of the kernel's own stderr kept for error messages


class SandboxKernelManager(AsyncKernelManager):
    """Starts each kernel in a fresh sandbox."""

    sandbox = Instance(Sandbox, allow_none=True)
    max_message = Integer(64 << 20, help="Largest message accepted from a kernel, in bytes."
                          ).tag(config=True)
    stage_from = List(Unicode(), help="Folders copied, in order, into the kernel's folder.")
    stage_ignore = List(Unicode(), help="Names (glob patterns) not copied.")
    hide_checks = Bool(False, help="Replace bplib.checks in the sandbox by a stub (the "
                       "checks then run on the grader's side only).")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if self.sandbox is None:
            self.sandbox = Sandbox(parent=self)
        self.transport = "ipc"
        self.ip = IPC + "/kernel"
        self.scratch = Path(tempfile.mkdtemp(prefix="bplib-sandbox-"))
        self.connection_file = str(self.scratch / "connection.json")
        self.context.setsockopt(zmq.MAXMSGSIZE, self.max_message)  # the control socket
        self.sandbox_pid = None
        self._stderr_tail = bytearray()

    @property
    def kernel_spec(self):
        spec = super().kernel_spec
        if spec is not None:
            spec.interrupt_mode = "message"  # a signal could not reach the PID namespace
        return spec

    def client(self, **kwargs):
        client = super().client(**kwargs)
        client.context.setsockopt(zmq.MAXMSGSIZE, self.max_message)  # before any socket
        return client

    def format_kernel_cmd(self, extra_arguments=None):
        argv = super().format_kernel_cmd(extra_arguments)
        host = os.path.realpath(self.connection_file)
        return [f"{INSIDE}/connection.json" if a == host else a for a in argv]

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        problem = self.sandbox.problem()
        if problem:
            raise SandboxUnavailable(problem)
        workdir = Path(kw.pop("cwd", None) or os.getcwd())
        self.sandbox.check_hidden(os.getcwd(), workdir)
        _stage(self.stage_from or [workdir], self.scratch / "submission", self.sandbox.disk,
               self.stage_ignore)
        _stage_font_cache(self.scratch / "matplotlib")
        if self.hide_checks:
            _stage_checks_stub(self.scratch / "checks")
        os.chmod(self.connection_file, 0o644)  # the scratch folder itself is 0700
        read_info, write_info = os.pipe()
        try:
            cmd = self.sandbox.command(kernel_cmd, self.scratch, workdir.name, write_info)
            kw.update(cwd=str(self.scratch), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                      stderr=subprocess.STDOUT, pass_fds=(write_info,),
                      env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")})
            await super()._async_launch_kernel(cmd, **kw)
        finally:
            os.close(write_info)
        try:
            info = _read_info(read_info)
        finally:
            os.close(read_info)
        process = self.provisioner.process
        threading.Thread(target=self._keep_tail, args=(process.stdout,), daemon=True).start()
        if "child-pid" not in info:
            process.wait(timeout=10)
            raise SandboxUnavailable(f"the sandbox did not start: {self.kernel_output()}")
        self.sandbox_pid = info["child-pid"]
        self.ip = f"/proc/{self.sandbox_pid}/root{IPC}/kernel"  # where the grader connects

    _launch_kernel = _async_launch_kernel

    def _keep_tail(self, stream):
        for chunk in iter(lambda: stream.read1(65536), b""):
            self._stderr_tail = (self._stderr_tail + chunk)[-TAIL:]
        stream.close()

    def kernel_output(self):
        """The end of what the sandboxed processes wrote to their own stdout and stderr."""
        text = self._stderr_tail.decode("utf-8", "replace").strip()
        return text or "(nothing)"

    async def _async_cleanup_resources(self, restart=False):
        process = self.provisioner.process if self.provisioner else None
        await super()._async_cleanup_resources(restart=restart)
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()
        if not restart:
            shutil.rmtree(self.scratch, ignore_errors=True)

    cleanup_resources = _async_cleanup_resources


def _read_info(fd, timeout=30):
    """bwrap's --info-fd JSON ({"child-pid": ...}), or {} if it closed without one."""
    data, deadline = b"", time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        chunk = os.read(fd, 4096)
        if not chunk:
            break
        data += chunk
    try:
        return json.loads(data) if data else {}
    except ValueError:
        return {}


def _stage(folders, target, limit, ignore=()):
    """Copy the regular files of ``folders`` (later ones win) to ``target``.

    Notebooks are left out (nbgrader's working copies hold the hidden tests), and so are
    symbolic links (a link could point at anything the grader can read) and names that
    match ``ignore``. Everything is made readable by the sandbox's user, and the whole
    must fit in ``limit`` bytes.
    """
    sizes = {}
    target.mkdir(mode=0o755)
    for source in folders:
        for folder, dirs, files in os.walk(source):
            dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(folder, d))
                       and not any(fnmatch.fnmatch(d, p) for p in ignore)]
            here = target / Path(folder).relative_to(source)
            here.mkdir(mode=0o755, exist_ok=True)
            for name in files:
                path = os.path.join(folder, name)
                if (name.endswith(".ipynb") or os.path.islink(path) or not os.path.isfile(path)
                        or any(fnmatch.fnmatch(name, p) for p in ignore)):
                    continue
                sizes[here / name] = os.path.getsize(path)
                if sum(sizes.values()) > limit:
                    raise ValueError(f"the submission in {source} holds more than "
                                     f"{limit >> 20} MiB, the sandbox's HOME (c.Sandbox.disk)")
                shutil.copyfile(path, here / name)
                os.chmod(here / name, 0o644)


STUB = '''"""Not available while grading: the checks run on the grader's side, not here."""


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)

    def unavailable(*args, **kwargs):
        raise RuntimeError(f"bplib.checks.{name} is not available while grading: the checks "
                           "run on the grader's side")
    return unavailable
'''


def _stage_checks_stub(target):
    """A bplib.checks whose every name is a function that says it is not available."""
    from .. import checks

    target.mkdir(mode=0o755)
    for module in Path(checks.__file__).parent.glob("*.py"):
        (target / module.name).write_text(STUB)
        os.chmod(target / module.name, 0o644)


def _stage_font_cache(target):
    """The grader's matplotlib font list, so that the kernel need not build one."""
    import matplotlib

    fonts = sorted(Path(matplotlib.get_cachedir()).glob("fontlist-*.json"))
    if not fonts:
        import matplotlib.font_manager  # noqa: F401  (builds the list in the grader's cache)
        fonts = sorted(Path(matplotlib.get_cachedir()).glob("fontlist-*.json"))
    target.mkdir(mode=0o755)
    for font in fonts:
        shutil.copyfile(font, target / font.name)
        os.chmod(target / font.name, 0o644)
