"""An explorer in a real browser: JupyterLab in headless Chromium, driven by Playwright.

The test starts its own JupyterLab on 127.0.0.1 (free port, random token, every
config, settings, workspace, IPython and matplotlib folder in a temporary place),
opens a notebook holding an explorer, runs it, moves the slider with the keyboard
and with the mouse, and checks that the numbers shown changed each time. Screenshots
before and after go to build/screenshots/. If anything fails, the server's log is
printed. Chromium comes from Debian (`apt-get install -y chromium`, done by .ci/run)
and Playwright from PyPI (requirements-browser.txt); Playwright's own browser
download is never used. Without either, the test skips and says why.
"""
import contextlib
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "build" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--no-first-run"]

NOTEBOOK = {
    "cells": [{"cell_type": "code", "execution_count": None, "id": "explorer", "metadata": {},
               "outputs": [],
               "source": "from bplib.widgets import ActivationSlopes\n"
                         "explorer = ActivationSlopes(z=0.0)\nexplorer"}],
    "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                "name": "python3"}},
    "nbformat": 4, "nbformat_minor": 5,
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """A JupyterLab server of our own, with every folder it writes in ``home``.

    ``config_path``, if given, is a config folder the server reads before all others
    (JUPYTER_CONFIG_PATH), standing in for a system-wide /etc/jupyter."""

    def __init__(self, home, root=None, config_path=None):
        self.home, self.port, self.token = home, free_port(), secrets.token_hex(16)
        self.log_path = home / "server.log"
        env = dict(os.environ)
        for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
                    "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR", "IPYTHONDIR",
                    "MPLCONFIGDIR"):
            (home / var.lower()).mkdir()
            env[var] = str(home / var.lower())
        if config_path is not None:
            env["JUPYTER_CONFIG_PATH"] = str(config_path)
        news = home / "jupyterlab_settings_dir" / "@jupyterlab" / "apputils-extension"
        news.mkdir(parents=True)  # no "fetch Jupyter news?" pop-up over the screenshots
        (news / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
        self.root = root or home / "work"
        self.root.mkdir(exist_ok=True)
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1",
             f"--port={self.port}", f"--IdentityProvider.token={self.token}",
             f"--ServerApp.root_dir={self.root}", "--LabApp.expose_app_in_browser=True",
             *(["--allow-root"] if os.geteuid() == 0 else [])],
            stdout=self.log, stderr=subprocess.STDOUT, env=env, cwd=self.root)

    def url(self, path):
        return f"http://127.0.0.1:{self.port}/{path}?token={self.token}"

    def wait_until_up(self, timeout=90):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {self.proc.returncode}")
            try:
                with urllib.request.urlopen(self.url("api/status"), timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise TimeoutError(f"JupyterLab did not answer on port {self.port} in {timeout} s")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()

    def text_of_log(self):
        self.log.flush()
        return self.log_path.read_text(errors="replace")


@contextlib.contextmanager
def serving(lab):
    """``lab`` up for the block; its log printed if the block fails; stopped after."""
    try:
        lab.wait_until_up()
        yield lab
    except BaseException:
        print("----- JupyterLab's log -----\n" + lab.text_of_log())
        raise
    finally:
        lab.stop()


def playwright_or_skip():
    """Playwright's sync API; a skip that says what to install if it or Chromium is missing."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install -y chromium (.ci/run does)")
    return pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed: pip install -r "
        "requirements-browser.txt (.ci/run does)")


def local_page(p, timeout=120_000, **context):
    """(browser, page): headless Chromium whose page may reach 127.0.0.1 and nothing else."""
    browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    context = browser.new_context(**{"viewport": {"width": 1400, "height": 900}, **context})
    context.route("**/*", lambda route: route.continue_()
                  if urlparse(route.request.url).hostname == "127.0.0.1" else route.abort())
    page = context.new_page()
    page.set_default_timeout(timeout)
    return browser, page


def readout(page):
    return page.locator(".widget-html-content").first.inner_text()


def wait_for(page, settled, timeout=15):
    """Poll the explorer's numbers until ``settled(text)`` holds (a drag sends several
    values in turn, so the first change seen may be one on the way)."""
    end = time.monotonic() + timeout
    while True:
        now = readout(page)
        if settled(now):
            return now
        if time.monotonic() > end:
            raise AssertionError(f"the explorer's numbers did not reach the expected "
                                 f"state within {timeout} s; they read:\n{now}")
        time.sleep(0.1)


def z_shown(text):
    return float(re.search(r"^z\s+(-?[\d.]+)", text, re.M).group(1))


@pytest.mark.slow
def test_an_explorer_responds_to_keyboard_and_mouse_in_jupyterlab(tmp_path):
    sync_api = playwright_or_skip()
    started = time.monotonic()
    lab = Lab(tmp_path)
    (lab.root / "explorer.ipynb").write_text(json.dumps(NOTEBOOK))
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("[123]-*.png"):  # this test's own, from an earlier run
        old.unlink()
    with serving(lab), sync_api.sync_playwright() as p:
        # a cold kernel plus matplotlib's first font cache take far more than 5 s
        browser, page = local_page(p, timeout=120_000)
        page.goto(lab.url("lab/tree/explorer.ipynb"))
        run_explorer(page)
        page.screenshot(path=str(SHOTS / "1-before.png"))
        before = readout(page)
        assert z_shown(before) == 0.0 and "0.250000000" in before, before

        # keyboard: type a value into the slider's readout box and press Enter
        box = page.locator(".widget-readout").first
        box.click()
        page.keyboard.press("Control+A")
        page.keyboard.type("3")
        page.keyboard.press("Enter")
        after_keys = wait_for(page, lambda text: z_shown(text) == 3.0)
        assert after_keys != before and "0.045176660" in after_keys  # sigmoid'(3)
        page.screenshot(path=str(SHOTS / "2-after-keyboard.png"))

        # mouse: drag the slider's handle to the left end of its track
        handle = page.locator(".noUi-handle").first.bounding_box()
        track = page.locator(".noUi-target").first.bounding_box()
        page.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
        page.mouse.down()
        page.mouse.move(track["x"] + 0.1 * track["width"], handle["y"] + handle["height"] / 2,
                        steps=10)
        page.mouse.up()
        # settled: the numbers follow the value the slider itself now shows
        slider_value = page.locator(".widget-readout").first
        after_mouse = wait_for(page, lambda text: z_shown(text) < -5 and z_shown(text)
                               == float(slider_value.inner_text().replace("−", "-")))
        assert "relu'(z), the delta's factor\t0.000000000" in after_mouse, after_mouse
        page.screenshot(path=str(SHOTS / "3-after-mouse.png"))
        browser.close()
    assert time.monotonic() - started < 300


def run_explorer(page):
    """Run the notebook once the kernel is really connected, and wait for the slider.

    The toolbar's kernel indicator can read idle before the kernel is connected, and
    a Run All sent then is dropped: wait for the status bar to say Idle, and if no
    execution has started after a while, send Run All again.
    """
    run_all(page)
    page.locator(".widget-slider").first.wait_for(timeout=120_000)
    page.locator(".widget-html-content").first.wait_for()


def run_all(page):
    """Run every cell once the kernel is connected (see run_explorer)."""
    page.locator("#jp-main-statusbar").get_by_text(re.compile(r"Idle")).wait_for()
    for attempt in range(3):
        page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
        try:
            page.locator(".jp-InputArea-prompt").get_by_text(
                re.compile(r"\[(\*|\d+)\]")).first.wait_for(timeout=20_000)
            return
        except Exception:  # the run was dropped: try again
            if attempt == 2:
                raise
