"""What the red-team tests look at on the grader's side: files, processes, a listener.

* ``digest`` fingerprints a folder (symbolic links by their target, never followed);
* ``markers`` finds every file an attack left behind (they are all named redteam-...);
* ``leftovers`` lists the processes an attack left running (their command lines carry
  redteam-..., or they run as a sandbox's uid), and any bwrap still alive;
* ``Listener`` is a TCP server on the grader's loopback that records what reaches it.
"""
import hashlib
import os
import socket
import threading
from pathlib import Path

MARK = "redteam-"


def digest(folder):
    found = {}
    for path in sorted(Path(folder).rglob("*")):
        if path.is_symlink():
            found[str(path.relative_to(folder))] = "link:" + os.readlink(path)
        elif path.is_file():
            found[str(path.relative_to(folder))] = hashlib.md5(path.read_bytes()).hexdigest()
    return found


def markers(*roots):
    found = []
    for root in roots:
        for folder, dirs, files in os.walk(root):
            found += [os.path.join(folder, n) for n in dirs + files if n.startswith(MARK)]
    return sorted(found)


def leftovers(uid_base):
    found = []
    for pid in (p for p in os.listdir("/proc") if p.isdigit()):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            uid = int(next(line for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                           if line.startswith("Uid:")).split()[1])
        except (OSError, StopIteration):
            continue
        if MARK in cmdline or uid >= uid_base or cmdline.startswith("bwrap "):
            found.append(f"{pid} uid={uid} {cmdline[:120]}")
    return found


class Listener:
    """A TCP server on 127.0.0.1 that keeps whatever it receives."""

    def __init__(self):
        self.received = []
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(5)
                try:
                    self.received.append(conn.recv(4096).decode(errors="replace"))
                except OSError:
                    pass

    def close(self):
        self.server.close()
