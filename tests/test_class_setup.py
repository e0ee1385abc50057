"""The student and instructor setups (bplib/classsetup.py): what they write, and what
Jupyter and nbgrader then read, with the student setup where /etc/jupyter sits.

/etc/jupyter is the last folder Jupyter reads, after the Python environment's own
etc/jupyter where nbgrader's installation turns all its extensions on. The probe puts a
temporary folder in /etc/jupyter's place (jupyter_core's SYSTEM_CONFIG_PATH, in a
subprocess of its own) and asks jupyter_server, jupyterlab_server and nbgrader what they
would use: the real /etc/jupyter is never touched.
"""
import json
import subprocess
import sys

import pytest

from bplib.classsetup import exchange_problem, main, write_setup

PROBE = r"""
import json, os, sys
import jupyter_core.paths
jupyter_core.paths.SYSTEM_CONFIG_PATH = [sys.argv[1]]
from jupyter_server.serverapp import ServerApp
from jupyterlab_server.config import get_page_config
from nbgrader.apps.baseapp import NbGrader
seen = {}
for user in sys.argv[2:]:
    os.environ["JUPYTER_CONFIG_DIR"] = user
    server = ServerApp()
    server.load_config_file()
    server.find_server_extensions()
    nbgrader = NbGrader()
    nbgrader.initialize([])
    seen[user] = {
        "server": {k: v for k, v in server.jpserver_extensions.items() if "nbgrader" in k},
        "disabled": get_page_config(jupyter_core.paths.jupyter_path("labextensions"))
                    ["disabledExtensions"],
        "course": nbgrader.config.CourseDirectory.course_id,
        "exchange": nbgrader.config.Exchange.root}
print(json.dumps(seen))
"""
SERVER = "nbgrader.server_extensions."
LAB = "@jupyter/nbgrader:"


def probe(tmp_path, system, *users):
    elsewhere = tmp_path / "a-student-folder"
    elsewhere.mkdir(exist_ok=True)
    done = subprocess.run([sys.executable, "-c", PROBE, str(system), *map(str, users)],
                          cwd=elsewhere, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.slow
def test_students_see_only_their_tools_and_the_instructor_all(tmp_path):
    system, student, instructor = tmp_path / "etc-jupyter", tmp_path / "student", tmp_path / "teacher"
    student.mkdir()
    write_setup(system, "backprop", "/srv/nbgrader/exchange")
    write_setup(instructor, "backprop", "/srv/nbgrader/exchange", role="instructor")
    seen = probe(tmp_path, system, student, instructor)

    as_student = seen[str(student)]
    assert as_student["server"] == {
        SERVER + "formgrader": False, SERVER + "course_list": False,
        SERVER + "assignment_list": True, SERVER + "validate_assignment": True}
    assert sorted(as_student["disabled"]) == sorted(
        LAB + name for name in ("formgrader", "course-list", "create-assignment"))
    assert (as_student["course"], as_student["exchange"]) == ("backprop", "/srv/nbgrader/exchange")

    as_instructor = seen[str(instructor)]
    assert set(as_instructor["server"].values()) == {True} and len(as_instructor["server"]) == 4
    assert not [name for name in as_instructor["disabled"] if name.startswith(LAB)]
    assert as_instructor["course"] == "backprop"


def test_files_already_there_are_merged_or_left_alone(tmp_path):
    server = tmp_path / "jupyter_server_config.json"
    server.write_text(json.dumps({"ServerApp": {"ip": "0.0.0.0",
                                                "jpserver_extensions": {"other": True}}}))
    write_setup(tmp_path, "backprop", "/srv/x")
    written = json.loads(server.read_text())["ServerApp"]
    assert written["ip"] == "0.0.0.0" and written["jpserver_extensions"]["other"] is True
    assert written["jpserver_extensions"][SERVER + "formgrader"] is False
    write_setup(tmp_path, "backprop2", "/srv/y")  # its own nbgrader_config.py: rewritten
    assert "'backprop2'" in (tmp_path / "nbgrader_config.py").read_text()

    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "nbgrader_config.py").write_text("c = get_config()\n")
    with pytest.raises(SystemExit, match="was not written by this command"):
        write_setup(theirs, "backprop", "/srv/x")
    assert (theirs / "nbgrader_config.py").read_text() == "c = get_config()\n"
    (tmp_path / "labconfig" / "page_config.json").write_text("{not json")
    with pytest.raises(SystemExit, match="page_config.json is not valid JSON"):
        write_setup(tmp_path, "backprop", "/srv/x")


@pytest.mark.parametrize("course, exchange, message", [
    ("back+prop", "/srv/x", "--course should be letters.*got 'back\\+prop'"),
    ("", "/srv/x", "--course should be.*got ''"),
    ("backprop", "exchange", "--exchange should be an absolute path.*got 'exchange'"),
])
def test_bad_arguments_are_named(tmp_path, course, exchange, message):
    with pytest.raises(SystemExit, match=message):
        write_setup(tmp_path, course, exchange)
    assert not (tmp_path / "nbgrader_config.py").exists()


def test_the_command_prints_what_it_wrote_and_what_the_exchange_lacks(tmp_path, capsys):
    exchange = tmp_path / "exchange"
    assert main(["--course", "backprop", "--exchange", str(exchange),
                 "--prefix", str(tmp_path / "etc")], "student") == 0
    out = capsys.readouterr().out
    assert f"wrote {tmp_path / 'etc' / 'nbgrader_config.py'}: course id 'backprop'" in out
    assert "server extensions off" in out and "Create Assignment off" in out
    assert f"note: the exchange {exchange} does not exist yet" in out
    exchange.mkdir(mode=0o755)
    exchange.chmod(0o755)
    assert "not writable by every user (mode 755)" in exchange_problem(str(exchange))
    exchange.chmod(0o777)
    assert exchange_problem(str(exchange)) == ""
