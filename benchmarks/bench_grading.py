"""How long grading takes: the whole series for a class, serial against parallel.

Builds a temporary course with every notebook of the series, has N students (default 4)
hand in full answers to all of them through nbgrader's exchange, then measures on two
copies of the same collected class: `nbgrader autograde` (serial, one student after
another) and `python -m bplib grade --jobs J` (one process per student, one gradebook
writer). Prints the time per assignment and in all, the time for one student's whole
series, and what that means for a class of 100. Both gradings must agree exactly.

    python benchmarks/bench_grading.py [--students N] [--jobs J] [--only NAME ...]
"""
import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from classroom import (ENV, ROOT, answer, grades, hand_in, make_course, nbgrader,  # noqa: E402
                       solution_code)
from nbrun import read  # noqa: E402


def full_answers(name):
    def change(path):
        nb = read(path)
        answer(nb, solution_code(name))
        nbformat.write(nb, str(path))
    return change


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=4)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", nargs="*", help="these assignments (default: all)")
    args = parser.parse_args()
    names = args.only or sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir())
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        course, exchange = make_course(base, names)
        for k in range(args.students):
            for name in names:
                hand_in(base, exchange, f"student{k + 1:03d}", name, full_answers(name))
        for name in names:
            nbgrader("collect", name, cwd=course)
        parallel_course = base / "parallel-course"
        shutil.copytree(course, parallel_course)
        serial, parallel = {}, {}
        for name in names:
            start = time.monotonic()
            nbgrader("autograde", name, cwd=course)
            serial[name] = time.monotonic() - start
            start = time.monotonic()
            subprocess.run([sys.executable, "-m", "bplib", "grade", name, "--jobs",
                            str(args.jobs)], cwd=parallel_course, env=ENV, check=True,
                           capture_output=True)
            parallel[name] = time.monotonic() - start
        same = grades(course) == grades(parallel_course)
    n = args.students
    print(f"{'assignment':<22}{'serial s':>10}{f'{args.jobs} jobs s':>10}")
    for name in names:
        print(f"{name:<22}{serial[name]:10.1f}{parallel[name]:10.1f}")
    total_s, total_p = sum(serial.values()), sum(parallel.values())
    print(f"{f'all, {n} students':<22}{total_s:10.1f}{total_p:10.1f}")
    print(f"one student's whole series, serial: {total_s / n:.1f} s")
    print(f"a class of 100, serial: {100 * total_s / n / 60:.0f} min; with {args.jobs} jobs: "
          f"{100 * total_p / n / 60:.0f} min (speed-up {total_s / total_p:.2f}x)")
    print(f"parallel grades identical to serial grades: {same}")


if __name__ == "__main__":
    main()
