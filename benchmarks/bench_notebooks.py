"""How long the series takes to run: each solution notebook top to bottom in a fresh
kernel (nbclient, as nbval and `jupyter nbconvert --execute` run them), one after the
other, then the sum: with the kernel's start (what nbval and a fresh "Restart and run
all" wait for) and the cells alone (the kernel busy, from nbclient's timings). Figures
are drawn as a learner's Jupyter draws them.

    python benchmarks/bench_notebooks.py [--rounds R]
"""
import argparse
import time
from datetime import datetime
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def run(path):
    """(seconds with the kernel's start, seconds of the cells alone)."""
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(nb, timeout=600, kernel_name="python3", record_timing=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    wall = time.perf_counter() - start
    cells = 0.0
    for cell in nb.cells:
        timing = cell.get("metadata", {}).get("execution", {})
        if "iopub.execute_input" in timing and "shell.execute_reply" in timing:
            cells += (datetime.fromisoformat(timing["shell.execute_reply"])
                      - datetime.fromisoformat(timing["iopub.execute_input"])).total_seconds()
    return wall, cells


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    paths = sorted((ROOT / "solutions").glob("*/*.ipynb"))
    best = {p.parent.name: (float("inf"), float("inf")) for p in paths}
    for _ in range(args.rounds):
        for path in paths:
            best[path.parent.name] = min(best[path.parent.name], run(path))
    print(f"{'notebook':<22}{'with kernel start':>18}{'cells alone':>13}")
    for name, (wall, cells) in best.items():
        print(f"{name:<22}{wall:16.1f} s{cells:11.1f} s")
    walls, cells = zip(*best.values())
    print(f"{'the series':<22}{sum(walls):16.1f} s{sum(cells):11.1f} s"
          + (f"  (best of {args.rounds} rounds per notebook)" if args.rounds > 1 else ""))


if __name__ == "__main__":
    main()
