"""The sandbox a submission's kernel runs in: what the student's code can see and do.

This module runs as the grader. It builds the bubblewrap (``bwrap``) command line that
starts the student's side, and decides everything that side gets:

* fresh mount, PID, network, IPC and UTS namespaces: no network (only its own loopback),
  no other process in sight, and every process started inside dies with the sandbox;
* an unprivileged user. When the grader is root, each grading process gets a uid of its
  own (``uid_base`` + the grader's pid) and ``setpriv`` drops every capability; otherwise
  the sandbox runs as the grader's own uid inside a user namespace;
* read-only: the system (/usr, /etc) and the Python environment that runs the kernel
  (its prefixes, and bplib's own folder when bplib is installed in editable mode);
* writable: an empty HOME and /tmp, size-limited tmpfs in memory that vanish with the
  sandbox. ``student.py`` copies the submission folder into HOME before the kernel starts;
* limits set by ``prlimit``: address space, processes and threads, open files, file size,
  CPU time, and no core files.

Nothing of the course is visible: no gradebook, source, release, feedback or other
students. The kernel's sockets live in the sandbox's own /run; the grader connects to
them through /proc/PID/root, so the sandbox has no writable folder on the grader's disk.
"""
import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

from traitlets import Bool, Integer, List, Unicode
from traitlets.config import LoggingConfigurable

INSIDE = "/run/bplib"           # what the grader hands in: submission, connection file
HOME = "/home/student"
IPC = INSIDE + "/ipc"           # the kernel's sockets (a tmpfs of the sandbox's own)
LAUNCHER = Path(__file__).with_name("student.py")
SYSTEM = ("/usr", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
UNSAFE = ("UNSAFE: the grading sandbox is switched off (c.Sandbox.enabled = False): "
          "student code runs as you, with your files, your network and your gradebook")


class SandboxUnavailable(RuntimeError):
    """The sandbox cannot run on this machine; the message says why in one line."""


def _is_within(path, folder):
    path, folder = Path(path), Path(folder)
    return path == folder or folder in path.parents


class Sandbox(LoggingConfigurable):
    """Limits and mounts of the sandbox; set them in nbgrader_config.py as c.Sandbox.*."""

    enabled = Bool(True, help=(
        "Run every submission's kernel in the sandbox. Switching this off lets student "
        "code do anything you can do; `python -m bplib grade` then says so loudly.")
    ).tag(config=True)
    memory = Integer(4 << 30, help="Address space of each sandboxed process, in bytes.").tag(config=True)
    processes = Integer(256, help="Processes and threads of the sandbox's user.").tag(config=True)
    open_files = Integer(1024, help="Open files per process.").tag(config=True)
    file_size = Integer(64 << 20, help="Largest file a sandboxed process may write, in bytes.").tag(config=True)
    disk = Integer(512 << 20, help="Size of HOME (which holds the submission copy), in bytes.").tag(config=True)
    tmp = Integer(256 << 20, help="Size of /tmp and of /dev/shm, in bytes.").tag(config=True)
    cpu_seconds = Integer(1800, help="CPU time of each sandboxed process, in seconds.").tag(config=True)
    uid_base = Integer(2_000_000_000, help=(
        "When grading as root, sandboxes run as uid_base + the grading process's pid: "
        "a user of their own that owns no file on this machine.")).tag(config=True)
    extra_paths = List(Unicode(), help=(
        "More folders the kernel must read (packages installed outside the Python "
        "environment, data shared by every student). They are mounted read-only.")
    ).tag(config=True)
    bwrap = Unicode("bwrap", help="The bubblewrap executable.").tag(config=True)

    @property
    def as_root(self):
        return os.geteuid() == 0

    @property
    def uid(self):
        return self.uid_base + os.getpid() if self.as_root else 1000

    def problem(self):
        """None if the sandbox can run here, else one line saying why not."""
        return _probe(self.bwrap, self.as_root)

    def readable(self):
        """Host folders the sandbox mounts read-only, beyond the system ones."""
        candidates = [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
                      str(Path(sys.executable).resolve().parent), _bplib_folder(),
                      *self.extra_paths]
        folders = []
        for path in sorted({os.path.realpath(p) for p in candidates if os.path.isdir(p)}, key=len):
            if not any(_is_within(path, f) for f in folders + list(SYSTEM)):
                folders.append(path)
        return folders

    def check_hidden(self, *private):
        """Refuse to run if a folder the student must not see is inside a mounted one."""
        for path in private:
            for folder in self.readable() + [p for p in SYSTEM if os.path.isdir(p)]:
                if _is_within(os.path.realpath(path), folder):
                    raise SandboxUnavailable(
                        f"{path} lies inside {folder}, which the sandbox shows to student "
                        "code read-only: keep the course outside the Python environment")

    def command(self, argv, scratch, workdir, info_fd, extra_env=()):
        """The command that runs ``argv`` (the kernel) in the sandbox.

        ``scratch`` is the grader's folder for this kernel: ``submission/`` (copied into
        HOME/``workdir`` by student.py), ``connection.json`` and ``matplotlib/``.
        bwrap writes the sandbox's pid (as the grader sees it) as JSON to ``info_fd``.
        """
        cmd = [self.bwrap, "--die-with-parent", "--new-session", "--unshare-pid",
               "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
               "--hostname", "sandbox", "--info-fd", str(info_fd), "--clearenv"]
        if not self.as_root:
            cmd += ["--unshare-user", "--uid", str(self.uid), "--gid", str(self.uid),
                    "--disable-userns"]
        for key, value in (*_environment(), *extra_env):
            cmd += ["--setenv", key, value]
        for path in SYSTEM:
            if os.path.islink(path):
                cmd += ["--symlink", os.readlink(path), path]
            elif os.path.isdir(path):
                cmd += ["--ro-bind", path, path]
        cmd += ["--proc", "/proc", "--dev", "/dev"]
        made = set()
        for size, mode, target in ((self.tmp, "1777", "/tmp"), (self.tmp, "1777", "/dev/shm"),
                                   (self.disk, "1777", HOME), (1 << 20, "0755", INSIDE),
                                   (1 << 20, "1777", IPC)):
            cmd += _parents(target, made) + ["--perms", mode, "--size", str(size), "--tmpfs", target]
            made.add(target)
        for folder in self.readable():  # after /tmp: a virtual environment may live there
            cmd += _parents(folder, made) + ["--ro-bind", folder, folder]
        for name in ("submission", "connection.json", "matplotlib"):
            if (Path(scratch) / name).exists():
                cmd += ["--ro-bind", str(Path(scratch) / name), f"{INSIDE}/{name}"]
        if (Path(scratch) / "checks").exists():  # the checks stay on the grader's side
            cmd += ["--ro-bind", str(Path(scratch) / "checks"), _bplib_folder() + "/checks"]
        cmd += ["--chdir", HOME, "--", *self._limits()]
        if self.as_root:
            cmd += ["setpriv", f"--reuid={self.uid}", f"--regid={self.uid}", "--clear-groups",
                    "--inh-caps=-all", "--bounding-set=-all", "--"]
        return cmd + [sys.executable, "-I", "-S", str(LAUNCHER), workdir, "--", *argv]

    def _limits(self):
        return ["prlimit", f"--as={self.memory}", f"--nproc={self.processes}",
                f"--nofile={self.open_files}", f"--fsize={self.file_size}",
                f"--cpu={self.cpu_seconds}:{self.cpu_seconds + 5}", "--core=0", "--"]


def _parents(path, made):
    """bwrap arguments that create ``path``'s missing parents, readable by everyone."""
    args = []
    for parent in reversed(Path(path).parents):
        name = str(parent)
        if name != "/" and name not in made and not any(
                _is_within(name, s) for s in SYSTEM + ("/proc", "/dev")):
            args += ["--perms", "0755", "--dir", name]
            made.add(name)
    return args


def _bplib_folder():
    return str(Path(__file__).resolve().parents[1])


def _environment():
    """The kernel's whole environment: nothing of the grader's leaks in."""
    python_bin = str(Path(sys.executable).parent)
    env = {"HOME": HOME, "USER": "student", "LOGNAME": "student", "LANG": "C.UTF-8",
           "PATH": f"{python_bin}:/usr/local/bin:/usr/bin:/bin", "TMPDIR": "/tmp",
           "IPYTHONDIR": f"{HOME}/.ipython", "MPLCONFIGDIR": f"{HOME}/.config/matplotlib",
           "PYTHONDONTWRITEBYTECODE": "1", "PYTHONNOUSERSITE": "1",
           # course-size matrices: one BLAS thread is fastest, and fair to other sandboxes
           "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    for key in ("NBGRADER_EXECUTION", "PYTHONHASHSEED", "TZ"):
        if key in os.environ:
            env[key] = os.environ[key]
    return sorted(env.items())


@functools.lru_cache(maxsize=None)
def _probe(bwrap, as_root):
    """Start a trivial sandbox once per process; None if it works, else why not."""
    if shutil.which(bwrap) is None:
        return ("bubblewrap is not installed (`apt-get install bubblewrap`), so submissions "
                "cannot be graded in a sandbox")
    tools = ["prlimit"] + (["setpriv"] if as_root else [])
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        return f"{' and '.join(missing)} (util-linux) is missing, so the sandbox cannot set its limits"
    cmd = [bwrap, "--die-with-parent", "--unshare-pid", "--unshare-net", "--unshare-ipc",
           "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev"]
    if not as_root:
        cmd += ["--unshare-user"]
    try:
        done = subprocess.run(cmd + ["true"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"bubblewrap could not start a sandbox here ({error})"
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["no message"])[-1]
        return (f"this machine does not allow the namespaces the sandbox needs ({reason}): "
                "grade as root, or enable unprivileged user namespaces")
    return None


def refuse_without_sandbox(**_):
    """nbgrader's pre_convert_hook: stop before grading anyone if the sandbox cannot run."""
    from traitlets.config import Application

    config = Application.instance().config if Application.initialized() else None
    sandbox = Sandbox(config=config)
    problem = sandbox.problem() if sandbox.enabled else None
    if problem:
        raise SystemExit(f"autograde refused: {problem}. (Grading without the sandbox is "
                         "unsafe; to do it anyway, set c.Sandbox.enabled = False.)")
