"""A progress report for self-study: `python -m bplib progress [notebooks ...]`.

Runs each of your notebooks (default: every notebook under notebooks/) top to bottom
in a fresh kernel, in memory, so the files are never changed, and reads the verdict of
every exercise's visible check cell:

    passed          the check cell ran without an error
    failed          it stopped with an error; the report shows the check's message
    not attempted   it stopped with NotImplementedError (the exercise is still blank)

Points are the points of the exercises whose visible checks pass. The hidden tests
that grading uses are not in your copy, so they are not included: a passing visible
check is good evidence, not a grade. Each notebook runs in a process of its own with a
time limit; a notebook that hangs is stopped and reported, and the others still run.
"""
import argparse
import json
import os
import signal
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

NOT_ATTEMPTED, PASSED, FAILED = "not attempted", "passed", "failed"


@dataclass
class Exercise:
    grade_id: str
    points: float
    verdict: str
    message: str = ""


def _nbgrader(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


def _first_line(text, limit=160):
    lines = [line for line in str(text).splitlines() if line.strip()]
    line = lines[0] if lines else ""
    return line if len(line) <= limit else line[:limit - 1] + "…"


def verdicts(nb):
    """The verdict of every autograded check cell of an executed notebook."""
    found = []
    for cell in nb.cells:
        meta = _nbgrader(cell)
        if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution"):
            continue
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if cell.get("execution_count") is None and not errors:
            verdict, message = FAILED, "did not run (an earlier cell stopped the notebook)"
        elif not errors:
            verdict, message = PASSED, ""
        elif errors[0]["ename"] == "NotImplementedError":
            verdict, message = NOT_ATTEMPTED, ""
        else:
            e = errors[0]
            text = e["evalue"] if e["ename"] == "AssertionError" else f"{e['ename']}: {e['evalue']}"
            verdict, message = FAILED, _first_line(text) or e["ename"]
        found.append(Exercise(meta.get("grade_id", "?"), float(meta.get("points", 0)),
                              verdict, message))
    return found


def run_notebook(path, cell_timeout=120):
    """Execute a copy of the notebook at ``path`` (the file is not written)."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(str(path), as_version=4)
    client = NotebookClient(nb, timeout=cell_timeout, kernel_name="python3",
                            allow_errors=True, record_timing=False,
                            resources={"metadata": {"path": str(Path(path).parent)}})
    client.execute()
    return verdicts(nb)


def report(paths, limit=300):
    """Run every notebook in its own process; returns {path: list of Exercise or str}."""
    results = {}
    for path in paths:
        # a session of its own, so a hanging kernel is stopped together with its runner
        proc = subprocess.Popen([sys.executable, "-m", "bplib.progress", "--one", str(path)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
        try:
            out, err = proc.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            results[path] = f"stopped after {limit:g} s (a cell that never ends?)"
            continue
        if proc.returncode != 0:
            last = err.strip().splitlines()[-1] if err.strip() else "no output"
            results[path] = "could not run: " + _first_line(last.rsplit(".", 1)[-1]
                                                         if last.startswith("nbformat") else last)
            continue
        results[path] = [Exercise(**e) for e in json.loads(out)]
    return results


def format_report(results):
    lines = []
    total = possible = 0.0
    for path, found in results.items():
        lines.append(f"\n{Path(path).stem}")
        if isinstance(found, str):
            lines.append(f"  {found}")
            continue
        for e in found:
            mark = {PASSED: "✓", FAILED: "✗", NOT_ATTEMPTED: "·"}[e.verdict]
            got = e.points if e.verdict == PASSED else 0
            total, possible = total + got, possible + e.points
            line = f"  {mark} {e.grade_id:<32} {e.verdict:<14} {got:g}/{e.points:g}"
            lines.append(line + (f"  {e.message}" if e.message else ""))
    lines.append(f"\nvisible checks passed: {total:g} of {possible:g} points")
    lines.append("Hidden tests used for grading are not included here: they are not in your "
                 "copy of the notebooks.")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bplib progress", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", help="notebooks to run (default: notebooks/*/*.ipynb)")
    parser.add_argument("--limit", type=float, default=300,
                        help="seconds a notebook may run before it is stopped (default 300)")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: run one, print JSON
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps([asdict(e) for e in run_notebook(args.one)]))
        return 0
    paths = [Path(p) for p in args.notebooks] or sorted(Path("notebooks").glob("*/*.ipynb"))
    if not paths:
        print("No notebooks found: run this from the course folder, or name the notebooks.")
        return 2
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"No such notebook: {', '.join(map(str, missing))}")
        return 2
    print(format_report(report(paths, args.limit)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
