"""Run a command as another OS account, with only a login's environment, able to run this
project's Python: shared by the one-machine test.

A class on one machine needs a Python every account can run. The test machine's may sit
in a folder only root can enter (pyenv under /root, a venv in a private mkdtemp folder).
Then each command runs in a private mount namespace of its own (util-linux unshare, as
root) where each such folder is covered by an empty tmpfs that anyone can enter, holding
only the folders the command needs, bound back in place. Nothing changes outside that
namespace, and the account still cannot read anything else of the covered folder.
"""
import os
import shlex
import subprocess
import sys
from pathlib import Path

import bplib

NEEDED = sorted({os.path.realpath(p) for p in (
    sys.base_prefix, sys.prefix, Path(bplib.__file__).resolve().parents[1])})


def closed_folders(paths=NEEDED):
    """[(closed folder, child on the way to a needed path)], outermost first."""
    found = []
    for path in paths:
        parts = Path(path).parts
        for depth in range(1, len(parts) - 1):
            folder = Path(*parts[:depth + 1])
            if not os.stat(folder).st_mode & 0o001:
                pair = (str(folder), parts[depth + 1])
                if pair not in found:
                    found.append(pair)
    return found


def _opening_script(hold):
    """Shell lines that cover each closed folder and bind its needed children back."""
    lines, covered = [], set()
    for n, (folder, child) in enumerate(closed_folders()):
        keep = f"{hold}/{n}"
        lines += [f"mkdir -p {shlex.quote(keep)}",
                  f"mount --bind {shlex.quote(os.path.join(folder, child))} {shlex.quote(keep)}"]
        if folder not in covered:
            lines.append(f"mount -t tmpfs -o mode=0755,size=64k bplib-open {shlex.quote(folder)}")
            covered.add(folder)
        lines += [f"mkdir -p {shlex.quote(os.path.join(folder, child))}",
                  f"mount --bind {shlex.quote(keep)} {shlex.quote(os.path.join(folder, child))}"]
    return lines


opening_script = _opening_script  # public: tests/hub.py opens the same folders for a hub


def as_user(user, home, args, cwd, extra_env=(), hold="/tmp", timeout=900):
    """``args`` run as ``user`` (HOME ``home``) in ``cwd``; a CompletedProcess (text)."""
    env = [f"HOME={home}", f"USER={user}", f"LOGNAME={user}", "LANG=C.UTF-8",
           f"PATH={Path(sys.executable).parent}:/usr/bin:/bin", *extra_env]
    command = ["runuser", "-u", user, "--", "/usr/bin/env", "-i", *env, *args]
    lines = _opening_script(hold)
    if lines:
        script = "set -e\n" + "\n".join(lines) + "\nexec " + shlex.join(command)
        command = ["unshare", "--mount", "--propagation", "private", "--", "sh", "-c", script]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout)
