"""bplib's training against a hand-written PyTorch loop, side by side in one run.

On the 64-16-16-10 sigmoid net (quadratic cost) and the digits data (1,437 training
examples), float64 everywhere:
1. one forward + backward pass on a batch of 100;
2. one epoch of mini-batch SGD at batch 10 and at batch 100, with a per-epoch history
   (loss and accuracy on the training set) on both sides: ``Network.train`` for bplib,
   and for torch a loop of zero_grad, forward, backward and an SGD step, then one
   no-grad evaluation pass.
PyTorch is timed at one thread and at its default number of threads. The sides of each
row are timed in alternating rounds (best of each), so a busy machine slows them alike.
The torch columns appear when torch imports (``pip install torch``; it is not a course
dependency) and are skipped with one line otherwise. ``--busy`` runs the whole benchmark
beside a CPU-bound process, as on a loaded machine or a parallel grader.

    python benchmarks/bench_training.py [--busy]
"""
import subprocess
import sys

import numpy as np

import bplib
from bplib import Network
from bench_backprop import best_time

SIZES = [64, 16, 16, 10]


def bplib_cases(data):
    net = Network(SIZES, "sigmoid", seed=0)
    x, y = data.x_train, data.y_train
    xb, yb = x[:, :100], y[:, :100]
    return {"forward+backward, batch 100": lambda: net.gradient(xb, yb),
            "train one epoch, batch 10": lambda: net.train(x, y, 1, 10, 0.5, progress=False),
            "train one epoch, batch 100": lambda: net.train(x, y, 1, 100, 0.5, progress=False)}


def torch_cases(torch, data):
    torch.manual_seed(0)
    layers = []
    for n_in, n_out in zip(SIZES[:-1], SIZES[1:]):
        layers += [torch.nn.Linear(n_in, n_out, dtype=torch.float64), torch.nn.Sigmoid()]
    model = torch.nn.Sequential(*layers)
    x = torch.tensor(data.x_train.T)
    y = torch.tensor(data.y_train.T)
    labels = y.argmax(dim=1)
    opt = torch.optim.SGD(model.parameters(), lr=0.5)

    def loss_of(xb, yb):  # bplib's quadratic cost: half the squared error, per example
        return 0.5 * ((model(xb) - yb) ** 2).sum(dim=1).mean()

    def forward_backward():
        model.zero_grad()
        loss_of(x[:100], y[:100]).backward()

    def epoch(batch):
        order = torch.randperm(x.shape[0])
        for first in range(0, x.shape[0], batch):
            cols = order[first:first + batch]
            opt.zero_grad()
            loss_of(x[cols], y[cols]).backward()
            opt.step()
        with torch.no_grad():  # the history: loss and accuracy from one pass
            out = model(x)
            float(0.5 * ((out - y) ** 2).sum(dim=1).mean()), float(
                (out.argmax(dim=1) == labels).double().mean())

    return {"forward+backward, batch 100": forward_backward,
            "train one epoch, batch 10": lambda: epoch(10),
            "train one epoch, batch 100": lambda: epoch(100)}


def at_threads(torch, n, fn):
    def timed():
        before = torch.get_num_threads()
        torch.set_num_threads(n)
        try:
            fn()
        finally:
            torch.set_num_threads(before)
    return timed


def main():
    busy = None
    if "--busy" in sys.argv:
        busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        run()
    finally:
        if busy is not None:
            busy.kill()
            busy.wait()


def run():
    data = bplib.digits(seed=0)
    ours = bplib_cases(data)
    try:
        import torch
    except ImportError:
        print("torch is not installed: the PyTorch columns are skipped (pip install torch)")
        torch = None
    load = "beside a CPU-bound process" if "--busy" in sys.argv else "idle machine"
    print(f"64-16-16-10 sigmoid, digits, float64, {load}; ms per call, best of rounds")
    if torch is None:
        for name, fn in ours.items():
            print(f"{name:<28} bplib {best_time(fn) * 1e3:8.2f}")
        return
    default = torch.get_num_threads()
    theirs = torch_cases(torch, data)
    print(f"{'':<28}{'bplib':>9}{'torch 1 thr':>13}{f'torch {default} thr':>13}"
          f"{'ratio 1':>9}{f'ratio {default}':>9}")
    for name, fn in ours.items():
        sides = [fn, at_threads(torch, 1, theirs[name]), at_threads(torch, default, theirs[name])]
        best = [float("inf")] * 3
        for _ in range(3):  # alternating rounds
            for k, side in enumerate(sides):
                best[k] = min(best[k], best_time(side, repeats=5))
        ms = np.array(best) * 1e3
        print(f"{name:<28}{ms[0]:9.2f}{ms[1]:13.2f}{ms[2]:13.2f}"
              f"{ms[0] / ms[1]:8.2f}x{ms[0] / ms[2]:8.2f}x")
    print("ratio = bplib's time / torch's time: below 1 means bplib is faster")


if __name__ == "__main__":
    main()
