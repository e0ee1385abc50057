"""`python -m bplib student-setup` and `python -m bplib instructor-setup`: the Jupyter and
nbgrader configuration a machine (or a JupyterHub image) gives its users.

    python -m bplib student-setup --course backprop --exchange /srv/nbgrader/exchange
                                  [--prefix /etc/jupyter]
    python -m bplib instructor-setup --course backprop --exchange /srv/nbgrader/exchange
                                     [--prefix ~/.jupyter]

student-setup writes three files into a Jupyter config folder every student reads (by
default /etc/jupyter, the system-wide one, so that students need no config of their own):

    nbgrader_config.py            the course id and the exchange folder, so that fetch,
                                  submit and the Assignments tab work from any folder;
    jupyter_server_config.json    nbgrader's formgrader and course-list server extensions
                                  off; the assignment list and validate stay on;
    labconfig/page_config.json    nbgrader's Formgrader, Course List and Create Assignment
                                  plugins off, in JupyterLab and in Notebook 7 alike.

instructor-setup writes the same course id and exchange and turns every nbgrader tool
back on. It belongs in the instructor's own config folder (~/.jupyter), which Jupyter
reads before /etc/jupyter, so one machine can hold both.

Why jupyter_server_config.json and not a file in jupyter_server_config.d/: nbgrader's
installation turns its extensions on in <environment>/etc/jupyter/jupyter_server_config.d/,
which Jupyter reads before /etc/jupyter. A ServerApp.jpserver_extensions setting in
jupyter_server_config.json is ordinary configuration, and that overrides every .d file
wherever it sits (tests/test_class_setup.py checks this at /etc/jupyter's place).

Trusts: nothing it reads. Arguments are checked; JSON files already in the folder are
merged key by key, never replaced; an nbgrader_config.py it did not write is left alone.
"""
import argparse
import json
import os
import re
from pathlib import Path

MARK = "# Written by `python -m bplib student-setup`"
INSTRUCTOR_TOOLS = {  # what each role must not (students) or must (instructors) see
    "server": ["nbgrader.server_extensions.formgrader", "nbgrader.server_extensions.course_list"],
    "lab": ["@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:course-list",
            "@jupyter/nbgrader:create-assignment"],
}
STUDENT_TOOLS = {
    "server": ["nbgrader.server_extensions.assignment_list",
               "nbgrader.server_extensions.validate_assignment"],
    "lab": ["@jupyter/nbgrader:menu", "@jupyter/nbgrader:assignment-list",
            "@jupyter/nbgrader:validate-assignment"],
}
COURSE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def _merge_json(path, update):
    """Write ``update`` into the JSON file at ``path``, keeping every other key there."""
    data = {}
    if path.exists() and path.stat().st_size:
        try:
            data = json.loads(path.read_text())
        except json.JSONDecodeError as error:
            raise SystemExit(f"{path} is not valid JSON ({error}); fix or remove it first")
        if not isinstance(data, dict):
            raise SystemExit(f"{path} should hold a JSON object, holds a {type(data).__name__}")

    def deep(into, new):
        for key, value in new.items():
            if isinstance(value, dict) and isinstance(into.get(key), dict):
                deep(into[key], value)
            else:
                into[key] = value
    deep(data, update)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o755)
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
    path.chmod(0o644)


def check_arguments(course, exchange):
    """Clear errors for a course id nbgrader cannot use or an exchange that is not absolute."""
    if not COURSE_ID.fullmatch(course or ""):
        raise SystemExit(f"--course should be letters, digits, '_', '.' or '-' (nbgrader "
                         f"files submissions as student+assignment+time); got {course!r}")
    if not os.path.isabs(exchange or ""):
        raise SystemExit(f"--exchange should be an absolute path that every user reaches, "
                         f"such as /srv/nbgrader/exchange; got {exchange!r}")


def exchange_problem(exchange):
    """What stops students using ``exchange`` on this machine, or "" if nothing does."""
    path = Path(exchange)
    if not path.is_dir():
        return (f"the exchange {exchange} does not exist yet: create it with "
                f"`mkdir -p {exchange} && chmod ugo+rw {exchange}`")
    if path.stat().st_mode & 0o003 != 0o003:
        return (f"the exchange {exchange} is not writable by every user (mode "
                f"{path.stat().st_mode & 0o777:o}): `chmod ugo+rw {exchange}`")
    return ""


def write_setup(prefix, course, exchange, role="student"):
    """Write ``role``'s configuration into the folder ``prefix``; returns [(path, what)]."""
    if role not in ("student", "instructor"):
        raise ValueError(f"role should be 'student' or 'instructor', got {role!r}")
    check_arguments(course, exchange)
    prefix = Path(prefix).expanduser()
    prefix.mkdir(parents=True, exist_ok=True, mode=0o755)
    config = prefix / "nbgrader_config.py"
    if config.exists() and not config.read_text().startswith(MARK):
        raise SystemExit(f"{config} exists and was not written by this command: add "
                         f"c.CourseDirectory.course_id = {course!r} and c.Exchange.root = "
                         f"{exchange!r} to it yourself, or move it away and run again")
    config.write_text(
        f"{MARK} ({role}): the course and exchange\n"
        f"# every nbgrader command of this user reads, from whatever folder it runs in.\n"
        f"c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)\n"
        f"c.CourseDirectory.course_id = {course!r}\n"
        f"c.Exchange.root = {exchange!r}\n")
    config.chmod(0o644)
    on = role == "instructor"
    server = {name: True for name in STUDENT_TOOLS["server"]}
    server.update({name: on for name in INSTRUCTOR_TOOLS["server"]})
    _merge_json(prefix / "jupyter_server_config.json",
                {"ServerApp": {"jpserver_extensions": server}})
    lab = {name: False for name in STUDENT_TOOLS["lab"]}
    lab.update({name: not on for name in INSTRUCTOR_TOOLS["lab"]})
    _merge_json(prefix / "labconfig" / "page_config.json", {"disabledExtensions": lab})
    state = "on" if on else "off"
    return [(config, f"course id {course!r}, exchange {exchange}"),
            (prefix / "jupyter_server_config.json",
             f"nbgrader's formgrader and course-list server extensions {state}"),
            (prefix / "labconfig" / "page_config.json",
             f"Formgrader, Course List and Create Assignment {state} in JupyterLab/Notebook 7")]


def main(argv, role):
    default = "/etc/jupyter" if role == "student" else "~/.jupyter"
    parser = argparse.ArgumentParser(prog=f"python -m bplib {role}-setup", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--course", required=True, help="the course id, for example backprop")
    parser.add_argument("--exchange", required=True, help="the exchange folder, absolute")
    parser.add_argument("--prefix", default=default,
                        help=f"the Jupyter config folder to write into (default {default})")
    args = parser.parse_args(argv)
    for path, what in write_setup(args.prefix, args.course, args.exchange, role):
        print(f"wrote {path}: {what}")
    problem = exchange_problem(args.exchange)
    if problem:
        print(f"note: {problem}")
    return 0
