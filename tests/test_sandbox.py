"""The sandbox's command line, and the refusals where it cannot run.

The fast tests read the bwrap command that sandbox.py builds (no kernel is started);
the slow ones run nbgrader autograde and `python -m bplib grade` in a small course and
check that they refuse, in one line, where the sandbox cannot run, and say loudly when
it is switched off.
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bplib.grading import Sandbox, SandboxUnavailable
from bplib.grading.sandbox import HOME, INSIDE, SYSTEM, UNSAFE, _probe

ROOT = Path(__file__).resolve().parents[1]


def command(tmp_path, monkeypatch=None, root=True):
    if monkeypatch is not None:
        monkeypatch.setattr(os, "geteuid", lambda: 0 if root else 1000)
    return Sandbox().command(["python", "-m", "ipykernel_launcher"], tmp_path, "04", 9)


def pairs(cmd, flag):
    return [(cmd[i + 1], cmd[i + 2]) for i, a in enumerate(cmd) if a == flag]


def test_every_namespace_is_new_and_the_sandbox_dies_with_the_grader(tmp_path):
    cmd = command(tmp_path)
    for flag in ("--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
                 "--die-with-parent", "--new-session", "--clearenv"):
        assert flag in cmd, flag


def test_only_the_system_and_python_are_mounted_and_read_only(tmp_path):
    cmd = command(tmp_path)
    assert "--bind" not in cmd  # nothing of the grader's disk is writable
    mounted = {target for _, target in pairs(cmd, "--ro-bind")}
    handed_in = {f"{INSIDE}/{name}" for name in ("submission", "connection.json", "matplotlib")}
    assert mounted <= set(SYSTEM) | set(Sandbox().readable()) | handed_in, mounted
    assert str(ROOT / "bplib") in mounted or any(str(ROOT / "bplib").startswith(m + "/") for m in mounted)
    for private in (str(ROOT), str(ROOT / "solutions"), os.path.expanduser("~"), "/tmp"):
        assert private not in mounted


def test_the_writable_places_are_size_limited_tmpfs(tmp_path):
    cmd = command(tmp_path)
    tmpfs = {cmd[i + 1]: cmd[i - 2:i] for i, a in enumerate(cmd) if a == "--tmpfs"}
    assert {"/tmp", "/dev/shm", HOME} <= set(tmpfs)
    assert all(before[0] == "--size" and int(before[1]) > 0 for before in tmpfs.values())


def test_limits_and_an_unprivileged_user_when_grading_as_root(tmp_path, monkeypatch):
    cmd = command(tmp_path, monkeypatch, root=True)
    limits = cmd[cmd.index("prlimit"):cmd.index("setpriv")]
    for flag in ("--as=", "--nproc=", "--nofile=", "--fsize=", "--cpu=", "--core=0"):
        assert any(a.startswith(flag) for a in limits), flag
    assert f"--reuid={Sandbox().uid}" in cmd and "--bounding-set=-all" in cmd
    assert Sandbox().uid == Sandbox().uid_base + os.getpid()


def test_a_user_namespace_when_not_root(tmp_path, monkeypatch):
    cmd = command(tmp_path, monkeypatch, root=False)
    assert "--unshare-user" in cmd and "--disable-userns" in cmd and "setpriv" not in cmd


def test_nothing_of_the_graders_environment_leaks_in(tmp_path, monkeypatch):
    monkeypatch.setenv("GRADER_SECRET", "do-not-pass")
    cmd = command(tmp_path)
    assert "do-not-pass" not in " ".join(cmd)
    env = dict(pairs(cmd, "--setenv"))
    assert env["HOME"] == HOME and env["OPENBLAS_NUM_THREADS"] == "1"


def test_a_course_inside_a_mounted_folder_is_refused():
    with pytest.raises(SandboxUnavailable, match="lies inside"):
        Sandbox().check_hidden(sys.prefix)
    Sandbox().check_hidden(ROOT / "solutions")  # the project's own layout is fine


def test_the_probe_names_what_is_missing():
    assert "not installed" in _probe("/nonexistent/bwrap", True)
    assert "does not allow the namespaces" in _probe("/bin/false", True)


@pytest.fixture(scope="module")
def small_course(tmp_path_factory):
    from classroom import make_course
    from redteam import HONEST, NAME, hand_in_all

    course, _ = make_course(tmp_path_factory.mktemp("refusal"), [NAME], cell_limit=10)
    hand_in_all(course, {}, [s for s in HONEST if s.student == "h-full"])
    return course


def run(args, course, config=""):
    from classroom import ENV

    if config:
        with open(course / "nbgrader_config.py", "a") as f:
            f.write(config)
    try:
        done = subprocess.run(args, cwd=course, env=ENV, capture_output=True, text=True, timeout=600)
    finally:
        if config:
            text = (course / "nbgrader_config.py").read_text()
            (course / "nbgrader_config.py").write_text(text.replace(config, ""))
    return done.returncode, done.stdout + done.stderr


AUTOGRADE = [sys.executable, "-m", "nbgrader", "autograde", "04-worked-example", "--force"]
GRADE = [sys.executable, "-m", "bplib", "grade", "04-worked-example", "--jobs", "1"]


@pytest.mark.slow
@pytest.mark.parametrize("bwrap, reason", [("/nonexistent/bwrap", "not installed"),
                                           ("/bin/false", "does not allow the namespaces")])
def test_autograde_refuses_in_one_line_where_the_sandbox_cannot_run(small_course, bwrap, reason):
    code, out = run(AUTOGRADE + [f"--Sandbox.bwrap={bwrap}"], small_course)
    refusal = [line for line in out.splitlines() if "autograde refused" in line]
    assert code != 0 and len(refusal) == 1 and reason in refusal[0], out
    assert not (small_course / "autograded" / "h-full").exists()


@pytest.mark.slow
def test_bplib_grade_refuses_too(small_course):
    code, out = run(GRADE, small_course, config='\nc.Sandbox.bwrap = "/bin/false"\n')
    assert code != 0 and "grading refused: this machine does not allow the namespaces" in out, out


@pytest.mark.slow
def test_switching_the_sandbox_off_is_said_loudly(small_course):
    code, out = run(GRADE, small_course, config="\nc.Sandbox.enabled = False\n")
    assert code == 0 and UNSAFE in out and "!" * 78 in out, out
    code, out = run(AUTOGRADE + ["--Sandbox.enabled=False"], small_course)
    assert code == 0 and UNSAFE in out, out
