"""Project-wide pytest setup.

* nbval collects every notebook in solutions/ (see pyproject.toml); those runs are slow.
* matplotlib builds its font cache on first import and says so on stderr; building it
  here, once, keeps that message out of the notebooks' outputs on a fresh machine.
"""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "tests"))  # for tests/nbrun.py


def pytest_configure(config):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401  (builds the font cache if it is missing)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.nodeid.endswith(".ipynb") or ".ipynb::" in item.nodeid:
            item.add_marker(pytest.mark.slow)
