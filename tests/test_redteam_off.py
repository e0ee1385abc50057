"""Without the defences, every attack of the red team succeeds: proof that they matter.

Two gradings of the red-team class, each inside a PID and mount namespace of its own so
that nothing an attack leaves behind outlives the test:

* sandbox off: the class's hostile submissions (and the honest students they target)
  graded with our pipeline but `--Sandbox.enabled=False`. Each attack that the sandbox
  stops in test_redteam.py is seen to work here;
* stock nbgrader: the submissions that SandboxedExecute and RepairSubmission defend,
  graded with nbgrader's own preprocessors. Each loses points it earned, or gains points
  it did not.
"""
import json
import os
import shutil
import subprocess
import sys

import pytest

from classroom import ENV, grades, make_course
from redteam import ATTACKS, CLASS, FULL, NAME, SECRET, hand_in_all, reports
from sandbox_probe import MARK, Listener, digest, markers

pytestmark = pytest.mark.slow

STOCK = """
from nbgrader.converters import Autograde as _Autograde
for _name in ("sanitize_preprocessors", "autograde_preprocessors"):
    setattr(c.Autograde, _name, list(_Autograde.class_traits()[_name].default_value))
c.Autograde.pre_convert_hook = None
"""
WAIT_AND_LIST = """
for i in $(seq 30); do [ -e "$COURSE/redteam-a02-daemon-daemon" ] && break; sleep 1; done
sleep 2
ps -eo args > "$OUT/ps.txt"
"""


def run_contained(base, subs, config_extra="", flags=(), cell_limit=10):
    """Grade ``subs`` in a course of their own, inside fresh PID and mount namespaces."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("containing the unsandboxed attacks needs root and unshare")
    course, _ = make_course(base, [NAME], cell_limit=cell_limit)
    with open(course / "nbgrader_config.py", "a") as f:
        f.write(config_extra)
    home = base / "grader-home"
    home.mkdir()
    listener = Listener()
    hand_in_all(course, dict(course=str(course), home=str(home), port=listener.port), subs)
    before = {p: digest(course / p) for p in ("submitted", "solutions", "notebooks")}
    env = dict(ENV, HOME=str(home), REDTEAM_GRADER_SECRET=SECRET, COURSE=str(course),
               OUT=str(base))
    grade = " ".join([sys.executable, "-m", "nbgrader", "autograde", NAME, "--create", *flags])
    done = subprocess.run(
        ["unshare", "--pid", "--mount", "--fork", "--mount-proc", "--kill-child", "bash", "-c",
         f"cd '{course}' && {grade} > '{base}/log.txt' 2>&1; {WAIT_AND_LIST}"],
        env=env, timeout=1800)
    listener.close()
    return dict(course=course, home=home, rc=done.returncode, grades=grades(course, env),
                log=(base / "log.txt").read_text(), ps=(base / "ps.txt").read_text(),
                received=listener.received, before=before,
                after={p: digest(course / p) for p in ("submitted", "solutions", "notebooks")})


def _clean_markers():
    for path in markers("/tmp", "/dev/shm"):
        if os.path.isdir(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            os.remove(path)


@pytest.fixture(scope="module")
def sandbox_off(tmp_path_factory):
    base = tmp_path_factory.mktemp("redteam-off")
    victims = [s for s in CLASS if s.student in ("a00-honest-first", "h-blank", "z-honest-last")]
    subs = victims + [s for s in ATTACKS if s.defence == "sandbox"]
    # a longer time per cell: taking 5 GiB of memory page by page takes a few seconds
    yield run_contained(base, subs, flags=["--Sandbox.enabled=False"], cell_limit=30)
    shutil.rmtree(base, ignore_errors=True)
    _clean_markers()


@pytest.fixture(scope="module")
def stock(tmp_path_factory):
    base = tmp_path_factory.mktemp("redteam-stock")
    subs = [s for s in CLASS if s.defence in ("execute", "repair") or s.student == "h-full"]
    yield run_contained(base, subs, config_extra=STOCK)
    shutil.rmtree(base, ignore_errors=True)


def _report(off, student):
    found = reports(off["course"], student)
    return found[0] if found else {}


def _score(off, student):
    return off["grades"].get((NAME, student), 0.0)


# What each attack achieves when nothing stops it.
SUCCEEDS = {
    "a01-gradebook": lambda o: _score(o, "a01-gradebook") > FULL and _score(o, "a00-honest-first") == 0,
    "a02-daemon": lambda o: (o["course"] / "redteam-a02-daemon-daemon").exists(),
    "a03-course-files": lambda o: o["after"] != o["before"],
    "a04-hidden-tests": lambda o: "BEGIN HIDDEN TESTS" in json.dumps(_report(o, "a04-hidden-tests")),
    "a05-startup-file": lambda o: (o["home"] / ".ipython" / "profile_default" / "startup"
                                   / "00-redteam-a05-startup-file.py").exists(),
    "a07-processes": lambda o: o["ps"].count("# redteam-a07-processes") >= 30,
    "a08-many-processes": lambda o: _report(o, "a08-many-processes").get("started") == 500,
    "a09-memory": lambda o: _report(o, "a09-memory").get("allocated GiB") == 5,
    "a10-disk": lambda o: _report(o, "a10-disk").get(str(o["course"])) == 24 * (32 << 20),
    "a11-network": lambda o: "redteam-a11-network" in o["received"],
    "a12-other-students": lambda o: bool(_report(o, "a12-other-students").get("copied from")),
    "a13-environment": lambda o: SECRET in json.dumps(_report(o, "a13-environment")),
    "a14-shared-memory": lambda o: os.path.exists("/dev/shm/redteam-a14-shared-memory"),
    "a15-symlinks": lambda o: _report(o, "a15-symlinks").get("grades.db", {}).get("sqlite") is True
    and _report(o, "a15-symlinks").get("notes.txt", {}).get("solutions") is True,
    "a16-terminal": lambda o: "redteam-a16-terminal: all submissions graded" in o["log"],
    "y06-kill-grader": lambda o: _score(o, "z-honest-last") == 0,
}


def test_every_sandbox_defence_has_an_attack_here():
    assert set(SUCCEEDS) == {s.student for s in ATTACKS if s.defence == "sandbox"}


@pytest.mark.parametrize("student", sorted(SUCCEEDS))
def test_without_the_sandbox_the_attack_succeeds(sandbox_off, student):
    assert SUCCEEDS[student](sandbox_off), (_report(sandbox_off, student), sandbox_off["log"][-2000:])


UNDEFENDED = [s for s in CLASS if s.defence in ("execute", "repair")]


@pytest.mark.parametrize("sub", UNDEFENDED, ids=[s.student for s in UNDEFENDED])
def test_stock_nbgrader_gets_these_wrong(stock, sub):
    if sub.student == "b01-flood":
        path = stock["course"] / "autograded" / sub.student / NAME / f"{NAME}.ipynb"
        assert path.stat().st_size > 50 << 20
    else:
        assert _score(stock, sub.student) != sub.points, stock["log"][-2000:]


def test_stock_nbgrader_grades_the_honest_control_correctly(stock):
    assert _score(stock, "h-full") == FULL
    assert not [line for line in stock["ps"].splitlines()
                if MARK in line and not line.startswith("bash")]
