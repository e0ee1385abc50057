"""How quickly each explorer redraws after a slider move (issue: under 100 ms, p95).

Moves each explorer's main slider through 100 values, one update per move (compute,
draw the moving artists, encode the PNG), and prints the median and 95th percentile
of the time per move, all explorers measured in one run. The learning-rate explorer
trains on a move, so it is timed separately: a first visit (training) and a revisit
(served from its cache). The random-nudge explorer runs its learner at one nudge size
when it is built and at each other size the first time it is chosen (with a progress
bar); both times are printed too.

    python benchmarks/bench_widgets.py
"""
import time

import numpy as np

import bplib
from bplib import widgets as W


def per_move(control, values):
    times = []
    for v in values:
        start = time.perf_counter()
        control.value = v
        times.append(time.perf_counter() - start)
    return 1000 * np.array(times)


def main():
    data = bplib.moons(n=200, seed=0)
    net = bplib.Network([2, 4, 4, 1], ["relu", "relu", "sigmoid"], seed=0)
    worked = W.WorkedExample()
    weight = W.ErrorAlongWeight(net, data.x_train, data.y_train)
    slopes = W.ActivationSlopes()
    demon = W.Demon(net, data.x_train, data.y_train)
    nudges = W.RandomNudges()
    cases = {
        "1 error along one weight": (weight.value, np.linspace(weight.value.min, weight.value.max, 100)),
        "2 worked example (w5)": (worked.sliders["w5"], np.linspace(-1, 1, 100)),
        "3 activation slopes (z)": (slopes.z, np.linspace(-10, 10, 100)),
        "4 demon (dz)": (demon.dz, np.linspace(-3, 3, 100)),
        "6 random nudges (tries)": (nudges.tries, np.linspace(50, nudges.tries.max, 100).round(-1)),
    }
    for size in W.RandomNudges.SIZES:  # every run made once, so the size moves below redraw
        nudges.size.value = size
    cases["6 random nudges (size)"] = (nudges.size, list(W.RandomNudges.SIZES) * 20)
    print(f"{'explorer':<28}{'median ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for name, (control, values) in cases.items():
        t = per_move(control, values)
        print(f"{name:<28}{np.median(t):10.1f}{np.percentile(t, 95):10.1f}{t.max():10.1f}")
    rate = W.LearningRate(eta=0.05, epochs=10)
    first = per_move(rate.eta, [0.01])[0]
    again = per_move(rate.eta, [0.05])[0]
    print(f"{'5 learning rate, new η':<28}{first:10.1f}  (trains 10 epochs, bar moves each epoch)")
    print(f"{'5 learning rate, revisit':<28}{again:10.1f}  (from the cache)")
    start = time.perf_counter()
    fresh = W.RandomNudges()
    print(f"{'6 random nudges, built':<28}{1000 * (time.perf_counter() - start):10.1f}  "
          f"(gradient descent and the nudge learner at size {fresh.size.value})")
    new_size = per_move(fresh.size, [1.0])[0]
    print(f"{'6 random nudges, new size':<28}{new_size:10.1f}  (runs the learner, bar moves)")


if __name__ == "__main__":
    main()
