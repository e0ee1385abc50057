"""How long grading takes: the whole series for a class, in the sandbox and without it,
serial and parallel.

Builds a temporary course with every notebook of the series, has N students (default 4)
hand in full answers to all of them through nbgrader's exchange, then grades copies of
the same collected class, assignment by assignment, side by side:

* `nbgrader autograde` as configured (sandbox, verdicts judged on the grader's side),
  with `--Sandbox.enabled=False`, and with `--SandboxedExecute.judge_outside=False`
  (test cells run in the kernel, as nbgrader does), run one after the other for each
  assignment, in a rotating order;
* `python -m bplib grade NAME --jobs J` per assignment, and the whole series in one
  `python -m bplib grade NAME... --jobs J` call and in one `--jobs 1` call (long-lived
  workers, one gradebook writer), and once more in one `--jobs 1` call with grading's
  shortcuts off (every demonstration run, every figure drawn).

Prints the time per assignment and in all, what the sandbox and the judge cost, the time
for one student's whole series, and what that means for a class of 100. All gradings
must agree.

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


def timed(run):
    start = time.monotonic()
    run()
    return time.monotonic() - start


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
        copies = {mode: base / mode for mode in ("no-sandbox", "kernel-verdicts", "parallel",
                                                 "series", "series-1", "series-1-plain")}
        for folder in copies.values():
            shutil.copytree(course, folder)
        with open(copies["series-1-plain"] / "nbgrader_config.py", "a") as f:
            f.write("\nc.SandboxedExecute.skip_unseen = False\n"
                    "c.SandboxedExecute.draw_figures = True\n")
        times = {mode: {} for mode in ("sandbox", "no-sandbox", "kernel-verdicts", "parallel")}
        for k, name in enumerate(names):
            runs = [("sandbox", lambda: nbgrader("autograde", name, cwd=course)),
                    ("no-sandbox", lambda: nbgrader("autograde", name, "--Sandbox.enabled=False",
                                                    cwd=copies["no-sandbox"])),
                    ("kernel-verdicts", lambda: nbgrader(
                        "autograde", name, "--SandboxedExecute.judge_outside=False",
                        cwd=copies["kernel-verdicts"]))]
            for mode, run in runs[k % 3:] + runs[:k % 3]:  # rotate which goes first
                times[mode][name] = timed(run)
            times["parallel"][name] = timed(lambda: subprocess.run(
                [sys.executable, "-m", "bplib", "grade", name, "--jobs", str(args.jobs)],
                cwd=copies["parallel"], env=ENV, check=True, capture_output=True))
        series = {}
        for mode, jobs in (("series-1-plain", 1), ("series-1", 1), ("series", args.jobs)):
            series[mode] = timed(lambda: subprocess.run(
                [sys.executable, "-m", "bplib", "grade", *names, "--jobs", str(jobs),
                 "--no-progress"], cwd=copies[mode], env=ENV, check=True, capture_output=True))
        same = (grades(course) == grades(copies["no-sandbox"]) == grades(copies["parallel"])
                == grades(copies["kernel-verdicts"]) == grades(copies["series"])
                == grades(copies["series-1"]) == grades(copies["series-1-plain"]))
    n, total = args.students, {mode: sum(t.values()) for mode, t in times.items()}
    print(f"{'assignment':<22}{'as set s':>10}{'no sandbox s':>14}{'sandbox':>9}"
          f"{'kernel verdicts s':>19}{'judge':>8}{f'{args.jobs} jobs s':>10}")
    for name in list(names) + ["all"]:
        pick = (lambda mode: total[mode]) if name == "all" else (lambda mode: times[mode][name])
        on, off, kernel = pick("sandbox"), pick("no-sandbox"), pick("kernel-verdicts")
        label = f"all, {n} students" if name == "all" else name
        print(f"{label:<22}{on:10.1f}{off:14.1f}{on / off - 1:9.1%}{kernel:19.1f}"
              f"{on / kernel - 1:8.1%}{pick('parallel'):10.1f}")
    print(f"one student's whole series, serial in the sandbox: {total['sandbox'] / n:.1f} s")
    print(f"a class of 100, serial: {100 * total['sandbox'] / n / 60:.0f} min; with {args.jobs} "
          f"jobs: {100 * total['parallel'] / n / 60:.0f} min "
          f"(speed-up {total['sandbox'] / total['parallel']:.2f}x)")
    serial = total["sandbox"]
    for mode, label in (("series-1", "1 job"), ("series", f"{args.jobs} jobs")):
        print(f"the whole series in one `bplib grade` call, {label}: {series[mode]:.1f} s "
              f"(serial autograde / this: {serial / series[mode]:.2f}x; a class of 100: "
              f"{100 * series[mode] / n / 60:.0f} min)")
    plain, fast = series["series-1-plain"], series["series-1"]
    print(f"one call, 1 job, shortcuts off (every demonstration run, every figure drawn): "
          f"{plain:.1f} s; on: {fast:.1f} s ({plain / fast:.2f}x); one student's series: "
          f"{plain / n:.1f} s against {fast / n:.1f} s")
    print(f"all seven gradings identical: {same}")


if __name__ == "__main__":
    main()
