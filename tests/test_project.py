"""The project's promises about itself: README quick start, CI, pinned ranges."""
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def quick_start_commands():
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_quick_start_is_two_commands():
    install_and_open, install_and_test = quick_start_commands()
    assert install_and_open == "pip install -r requirements.txt && jupyter lab notebooks/"
    assert install_and_test.startswith("pip install -r requirements.txt && ")
    assert (ROOT / "notebooks").is_dir()


def test_ci_runs_exactly_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    commands = [line for line in ci if line.strip() and not line.lstrip().startswith("#")]
    assert commands[-1] == quick_start_commands()[1]
    assert any("python3 -m venv" in line for line in ci)


def test_requirements_are_bounded_and_install_bplib():
    lines = [line.strip() for line in (ROOT / "requirements.txt").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    assert "-e ." in lines
    for line in lines:
        if line != "-e .":
            assert re.fullmatch(r"[A-Za-z0-9_.-]+>=[0-9.]+,<[0-9.]+", line), line
    names = {re.split(r"[<>=]", line)[0].lower() for line in lines}
    assert {"jupyterlab", "notebook", "nbgrader", "nbval", "ipywidgets", "numpy",
            "matplotlib"} <= names
    assert "nbgrader>=0.9.6,<0.10" in lines


@pytest.mark.slow
def test_readme_library_example_runs():
    code = re.search(r"## The library.*?```python\n(.*?)```", README, re.S).group(1)
    code = code.replace("test=(data.x_test, data.y_test))",
                        "test=(data.x_test, data.y_test), progress=False)")
    scope = {}
    exec(compile(code, "README.md", "exec"), scope)
    assert scope["history"].test_accuracy[-1] >= 0.97


def test_readme_lists_every_notebook_in_order():
    listed = re.findall(r"^\| (\d\d-[a-z0-9-]+) \|", README, re.M)
    on_disk = sorted(p.stem for p in (ROOT / "solutions").glob("*/*.ipynb"))
    assert listed == on_disk


def hostile_section():
    return README.split("### What a hostile submission can and cannot do", 1)[1].split("\n### ", 1)[0]


def test_readme_says_word_for_word_what_the_red_team_tests_show():
    from redteam import CLASS

    section = hostile_section()
    cannot = section.split("A submission's code, graded in the sandbox:\n", 1)[1].split("\n\n", 1)[0]
    mistakes = section.split("An honest mistake costs only what it breaks:\n", 1)[1].split("\n\n", 1)[0]
    listed = [line[2:] for line in (cannot + "\n" + mistakes).splitlines()]
    claims = [s.claim for s in CLASS if s.kind == "hostile"] + [s.claim for s in CLASS if s.kind == "unlucky"]
    assert sorted(listed) == sorted(claims)
    assert f"a class of {len(CLASS)} submissions" in section


def test_readme_says_word_for_word_what_the_verdict_tests_show():
    from verdict_tricks import CLAIMS

    section = hostile_section().split("A submission:\n", 1)[1].split("\n\n", 1)[0]
    listed = [line[len("- cannot "):] for line in section.splitlines()]
    assert sorted(listed) == sorted(set(CLAIMS.values()))
