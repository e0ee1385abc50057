"""How long the series takes to run: each solution notebook top to bottom in a fresh
kernel (nbclient, as nbval and `jupyter nbconvert --execute` run them), one after the
other, then the sum. The kernel's start is included; figures are drawn as a learner's
Jupyter draws them.

    python benchmarks/bench_notebooks.py [--rounds R]
"""
import argparse
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def run(path):
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    paths = sorted((ROOT / "solutions").glob("*/*.ipynb"))
    best = {p.parent.name: float("inf") for p in paths}
    for _ in range(args.rounds):
        for path in paths:
            best[path.parent.name] = min(best[path.parent.name], run(path))
    for name, seconds in best.items():
        print(f"{name:<22}{seconds:6.1f} s")
    print(f"{'the series':<22}{sum(best.values()):6.1f} s"
          + (f" (best of {args.rounds} rounds per notebook)" if args.rounds > 1 else ""))


if __name__ == "__main__":
    main()
