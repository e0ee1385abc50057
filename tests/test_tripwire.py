"""Tripwires into a library that is not imported yet: nothing is imported for them, and a
learner who imports the library later and calls the function is still seen."""
import subprocess
import sys
import textwrap

import pytest

from bplib.grading.tripwire import watching


@pytest.fixture
def lazylib(tmp_path, monkeypatch):
    """A library "lazylib" on the path, not imported: lazylib.sub.answer and a namesake."""
    package = tmp_path / "lazylib"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "_impl.py").write_text("def answer():\n    return 42\n")
    (package / "sub.py").write_text("from ._impl import answer\n")
    (tmp_path / "elsewhere.py").write_text("def answer():\n    return 41\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield
    for name in [m for m in sys.modules if m == "elsewhere" or m.startswith("lazylib")]:
        del sys.modules[name]


def test_a_wire_into_a_library_not_imported_imports_nothing_and_still_trips(lazylib):
    wire = watching({"lazylib.sub:answer": "lazylib's answer"})
    assert "lazylib" not in sys.modules and "lazylib.sub" not in sys.modules
    with wire:
        import lazylib.sub
        assert lazylib.sub.answer() == 42
    assert wire.tripped == ["lazylib's answer"]


def test_a_namesake_outside_the_library_does_not_trip(lazylib):
    with watching({"lazylib.sub:answer": "lazylib's answer"}) as wire:
        import elsewhere
        assert elsewhere.answer() == 41
    assert wire.tripped == []


def test_a_wire_into_a_library_already_imported_is_its_function(lazylib):
    import lazylib.sub
    with watching({"lazylib.sub:answer": "lazylib's answer"}) as wire:
        import elsewhere
        elsewhere.answer()
        lazylib.sub.answer()
    assert wire.codes and not wire.names and wire.tripped == ["lazylib's answer"]


def test_scikit_learns_confusion_matrix_is_watched_without_importing_scikit_learn():
    # In a fresh interpreter, as in a kernel that has not imported scikit-learn: setting
    # the wire costs no import (about a second), and calling it later still trips it.
    code = textwrap.dedent("""
        import sys
        from bplib.checks.shortcuts import SHORTCUTS
        from bplib.grading.tripwire import watching
        wire = watching({path: label for path, label, _ in SHORTCUTS["check_confusion_matrix"]})
        print("sklearn" in sys.modules)
        with wire:
            import sklearn.metrics as m
            m.confusion_matrix([0, 1], [1, 1])
        print(wire.tripped)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stderr == ""
    assert out.stdout.splitlines() == ["False", "[\"scikit-learn's confusion_matrix\"]"]
