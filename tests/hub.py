"""A JupyterHub of a test's own on 127.0.0.1: shared by tests/test_hub.py.

The hub is JupyterHub from PyPI with configurable-http-proxy from npm, both installed by
.ci/run. It listens on free loopback ports and keeps its database, cookie secret, proxy
pid file and log in one temporary folder. Users log in with one shared password
(JupyterHub's SharedPasswordAuthenticator), and only the accounts the test names may log
in (allowed_users). Each user's server is a real process under that user's own uid
(LocalProcessSpawner: the hub runs as root and changes uid before it starts the server),
in the user's home folder, with only a login's environment.

The hub runs in a private mount namespace of its own (util-linux unshare), which every
server it starts inherits. There the given folder is bound onto /usr/local/etc/jupyter,
one of the two system-wide config folders Jupyter reads (the other is /etc/jupyter), so
it is read with a system folder's priority: below each user's ~/.jupyter, where
JUPYTER_CONFIG_PATH would be above it. /usr/local/etc is covered by an empty tmpfs for
that, with its own entries bound back; nothing changes outside the namespace. The
machine's Python may sit in a folder only root can enter (pyenv under /root): the
namespace also opens just the folders Python needs, as tests/accounts.py does.

Trusts: the accounts it is given exist. Stopping the hub stops every user server (the
hub's cleanup_servers); any process the accounts still have after that is listed by
leftover_processes for the test to end by pid.
"""
import os
import shlex
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import accounts
from test_browser import free_port

PROXY = "configurable-http-proxy"
SYSTEM = Path("/usr/local/etc/jupyter")
CONFIG = """\
c = get_config()  # noqa: F821
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.pid_file = {state!r} + "/proxy.pid"
c.JupyterHub.db_url = "sqlite:///" + {state!r} + "/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = {state!r} + "/cookie_secret"
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = {password!r}
c.Authenticator.allowed_users = set({users!r})
c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.default_url = "/lab"
c.Spawner.args = ["--LabApp.expose_app_in_browser=True"]
c.Spawner.environment = {{"LANG": "C.UTF-8"}}
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.JupyterHub.cleanup_servers = True
"""


def hub_problem():
    """Why a hub cannot run here, or "" if it can."""
    missing = [name for name in ("unshare", "mount", PROXY) if not shutil.which(name)]
    if not os.path.isdir(SYSTEM.parent):
        return f"no {SYSTEM.parent} to hold the system-wide Jupyter config"
    if missing:
        return f"missing {missing}: npm install -g configurable-http-proxy (.ci/run does)"
    try:
        import jupyterhub  # noqa: F401
    except ImportError:
        return "JupyterHub is not installed: pip install -r requirements-hub.txt (.ci/run does)"
    return ""


def system_config_script(config_path, hold):
    """Shell lines that put ``config_path`` at SYSTEM, in the namespace only."""
    etc, keep = shlex.quote(str(SYSTEM.parent)), shlex.quote(str(hold))
    lines = [f"mkdir -p {keep}", f"mount --bind {etc} {keep}",
             f"mount -t tmpfs -o mode=0755,size=64k bplib-etc {etc}"]
    for entry in sorted(SYSTEM.parent.iterdir()):
        make = "mkdir" if entry.is_dir() else "touch"
        here, there = shlex.quote(str(entry)), shlex.quote(str(hold / entry.name))
        lines += [f"{make} {here}", f"mount --bind {there} {here}"]
    target = shlex.quote(str(SYSTEM))
    return lines + [f"mkdir -p {target}", f"mount --bind {shlex.quote(str(config_path))} {target}"]


class Hub:
    """A hub for ``users`` (OS account names), its state in ``state`` (created here)."""

    def __init__(self, state, users, password, config_path):
        self.state, self.users, self.password = Path(state), list(users), password
        self.state.mkdir(mode=0o700)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        singleuser = str(Path(sys.executable).parent / "jupyterhub-singleuser")
        config = self.state / "jupyterhub_config.py"
        config.write_text(CONFIG.format(
            port=self.port, hub_port=free_port(), api_port=free_port(),
            proxy=shutil.which(PROXY), state=str(self.state), password=password,
            users=sorted(self.users), singleuser=singleuser))
        env = {"HOME": str(self.state), "LANG": "C.UTF-8",
               "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin"}
        command = [sys.executable, "-m", "jupyterhub", "-f", str(config)]
        lines = accounts.opening_script(self.state / "hold")
        lines += system_config_script(config_path, self.state / "etc")
        script = "set -e\n" + "\n".join(lines) + "\nexec " + shlex.join(command)
        command = ["unshare", "--mount", "--propagation", "private", "--", "sh", "-c", script]
        self.log_path = self.state / "hub.log"
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(command, cwd=self.state, env=env, stdout=self.log,
                                     stderr=subprocess.STDOUT)

    def wait_until_up(self, timeout=60):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterHub exited with {self.proc.returncode}:\n"
                                   + self.text_of_log())
            try:
                with urllib.request.urlopen(f"{self.url}/hub/api/", timeout=2) as reply:
                    if reply.status == 200:
                        return self
            except (OSError, urllib.error.URLError):
                time.sleep(0.3)
        raise TimeoutError(f"JupyterHub did not answer on {self.url} in {timeout} s")

    def stop(self):
        """Stop the hub; it stops the proxy and every user server first."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()

    def text_of_log(self):
        if not self.log.closed:
            self.log.flush()
        return self.log_path.read_text(errors="replace")


def leftover_processes(users):
    """{pid: user} of every process still running under one of ``users``' uids."""
    import pwd
    uids = {pwd.getpwnam(user).pw_uid: user for user in users}
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                uid = entry.stat().st_uid
            except FileNotFoundError:
                continue
            if uid in uids:
                found[int(entry.name)] = uids[uid]
    return found


def end_leftovers(users, grace=10):
    """End (by pid) what the hub left running under ``users``; returns what it found."""
    found = leftover_processes(users)
    for pid in found:
        try:
            os.kill(pid, 15)
        except ProcessLookupError:
            pass
    end = time.monotonic() + grace
    while leftover_processes(users) and time.monotonic() < end:
        time.sleep(0.2)
    for pid in leftover_processes(users):
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
    return found


def log_in(context, hub, user, timeout=120_000):
    """A page of ``user``'s JupyterLab, logged in through the hub's own login form."""
    page = context.new_page()
    page.set_default_timeout(timeout)
    page.goto(f"{hub.url}/hub/login")
    page.fill("#username_input", user)
    page.fill("#password_input", hub.password)
    page.click("#login_submit")
    page.wait_for_url(f"**/user/{user}/lab**")
    page.locator("#jp-main-statusbar").wait_for()
    return page
