"""The exchange for a class with an OS account per person: its layout, and a collect step
that takes only what each student really handed in.

nbgrader's own exchange (nbgrader.exchange.default, 0.9) already hides submissions from
other students: the inbound folder is 2733 (anyone may add, nobody but the instructor may
list) and every submission's folder name ends in 72 random bits. Three holes remain, each
with its attack in tests/test_exchange_isolation.py:

1. The exchange root it asks for is 0777 without the sticky bit, so any student may
   rename the course's folder aside and put one of their own in its place: classmates
   then fetch the student's assignment and hand their work into a folder the student
   owns. ``prepare`` makes the root root's own with mode 1777 (nbgrader compares only the
   low nine bits, so it accepts that) and the course's folder the instructor's, made in
   advance so that no student can claim the name first.
2. ``nbgrader submit --student NAME`` files a submission under any name. Collect takes
   the newest per name and only warns when the folder's owner differs, so a student can
   replace a classmate's work. ``OwnedCollect`` takes a submission only if its folder and
   everything in it belong to the account of the student it names.
3. A student owns their submission's folder after submitting (it is 0777) and may put a
   symbolic link there. Collect runs as the instructor and copies what a link points to:
   a link to the course's source notebook is graded as the student's work. Collect as
   ``OwnedCollect`` refuses any submission holding a link.

Use it with, in the instructor's nbgrader config:

    c.ExchangeFactory.collect = "bplib.grading.exchange.OwnedCollect"

Trusts: the operating system's owners and modes. Student ids are OS account names, as
they are on a hub with LocalProcessSpawner or on one machine; where they are not (one
shared uid, as in the usual Kubernetes image), ``OwnedCollect`` refuses everything and
says so, and a per-student exchange is needed instead.
"""
import os
import pwd
import stat
from pathlib import Path

from nbgrader.exchange.default.collect import ExchangeCollect


def prepare(root, course, instructor):
    """The exchange ``root`` (root's own, 1777) and the course's folder in it (0755, the
    instructor's). Run as root, once, before the instructor's first release."""
    if os.geteuid() != 0:
        raise PermissionError("prepare makes the exchange root's own: run it as root")
    try:
        account = pwd.getpwnam(instructor)
    except KeyError:
        raise ValueError(f"no OS account named {instructor!r} for the instructor") from None
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    os.chown(root, 0, 0)
    root.chmod(0o1777)
    folder = root / course
    folder.mkdir(exist_ok=True)
    os.chown(folder, account.pw_uid, account.pw_gid)
    folder.chmod(0o755)
    return folder


def instructor_lines(course):
    """Lines for the instructor's ~/.jupyter/nbgrader_config.py: their server and commands
    read the course's own config from any folder, and collect as OwnedCollect."""
    config = Path(course) / "nbgrader_config.py"
    return (f"# The course's own settings, from any folder (Formgrader runs in $HOME):\n"
            f"load_subconfig({str(config)!r})  # noqa: F821\n"
            f"c.ExchangeFactory.collect = 'bplib.grading.exchange.OwnedCollect'\n")


def refusal(folder, student):
    """Why ``folder`` is not ``student``'s own submission, or "" if it is."""
    try:
        uid = pwd.getpwnam(student).pw_uid
    except KeyError:
        return f"no OS account is named {student!r}"
    for path in [folder, *Path(folder).rglob("*")]:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            return f"{path} is a symbolic link (to {os.readlink(path)})"
        if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
            return f"{path} is neither a file nor a folder"
        if info.st_uid != uid:
            try:
                owner = pwd.getpwuid(info.st_uid).pw_name
            except KeyError:
                owner = f"uid {info.st_uid}"
            return f"{path} belongs to {owner}, not to {student}"
    return ""


class OwnedCollect(ExchangeCollect):
    """nbgrader's collect, taking only submissions wholly owned by the student they name."""

    def _path_to_record(self, path):
        record = super()._path_to_record(path)
        why = refusal(path, record["username"])
        if why:  # a group of its own, so it can neither hide nor replace a real one
            record.update(refused=why, username=("refused", record["filename"]))
        return record

    def copy_files(self):
        for record in self.src_records:
            if "refused" in record:
                self.log.error("Not collecting %s: %s", record["filename"], record["refused"])
        self.src_records = [r for r in self.src_records if "refused" not in r]
        super().copy_files()
