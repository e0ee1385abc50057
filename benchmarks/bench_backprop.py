"""How fast is backprop? Three measurements, side by side in one run.

1. One gradient of a mini-batch: vectorised (the whole batch as one matrix) against a
   Python loop over its examples, one forward and backward pass each (the style of
   Nielsen's original network.py), on the 64-16-16-10 digits net.
2. Forward + backward against forward alone: Nielsen's "about two forward passes".
3. Central differences against backprop as the number of parameters grows.

Each timing is the best of several repeats, and the two sides of each ratio are
measured alternately, so a busy machine slows both alike. Run:
    python benchmarks/bench_backprop.py
"""
import time

import numpy as np

import bplib
from bplib import Network, numerical_gradient


def best_time(fn, repeats=7, min_seconds=0.05):
    """Best-of-``repeats`` seconds per call, each repeat looping long enough to time."""
    calls = 1
    while True:
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        if time.perf_counter() - start >= min_seconds:
            break
        calls *= 2
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        best = min(best, (time.perf_counter() - start) / calls)
    return best


def side_by_side(fa, fb, rounds=3):
    """Best times of fa and fb, measured in alternating rounds."""
    ta = tb = float("inf")
    for _ in range(rounds):
        ta = min(ta, best_time(fa))
        tb = min(tb, best_time(fb))
    return ta, tb


def looped_gradient(net, x, y):
    """Per-example loop: backprop each column alone and average the gradients."""
    m = x.shape[1]
    nabla_w = [None] + [np.zeros_like(net.w[l]) for l in range(1, net.L + 1)]
    nabla_b = [None] + [np.zeros_like(net.b[l]) for l in range(1, net.L + 1)]
    for i in range(m):
        g = net.gradient(x[:, i:i + 1], y[:, i:i + 1])
        for l in range(1, net.L + 1):
            nabla_w[l] += g.nabla_w[l] / m
            nabla_b[l] += g.nabla_b[l] / m
    return nabla_w, nabla_b


def main():
    data = bplib.digits(seed=0)
    net = Network([64, 16, 16, 10], "sigmoid", "cross_entropy", seed=0)
    print("1. Mini-batch gradient on 64-16-16-10: vectorised against a loop over examples")
    print(f"{'batch':>6} {'loop (ms)':>10} {'vectorised (ms)':>16} {'speed-up':>9}")
    for m in (10, 100):
        x, y = data.x_train[:, :m], data.y_train[:, :m]
        # the two must agree before their speeds are compared
        loop_w, _ = looped_gradient(net, x, y)
        assert bplib.relative_error(loop_w, net.gradient(x, y).nabla_w) < 1e-12
        t_loop, t_vec = side_by_side(lambda: looped_gradient(net, x, y),
                                     lambda: net.gradient(x, y))
        print(f"{m:>6} {t_loop * 1e3:>10.3f} {t_vec * 1e3:>16.3f} {t_loop / t_vec:>8.1f}x")

    print("\n2. Forward + backward against forward alone, 64-16-16-10")
    print(f"{'batch':>6} {'forward (ms)':>13} {'fwd+bwd (ms)':>13} {'ratio':>6}")
    for m in (100, data.x_train.shape[1]):
        x, y = data.x_train[:, :m], data.y_train[:, :m]
        t_fwd, t_both = side_by_side(lambda: net.forward(x), lambda: net.gradient(x, y))
        print(f"{m:>6} {t_fwd * 1e3:>13.3f} {t_both * 1e3:>13.3f} {t_both / t_fwd:>5.2f}x")

    print("\n3. Central differences against backprop (batch of 100 digits, 64-h-10 nets)")
    print(f"{'hidden':>6} {'params':>7} {'backprop (ms)':>14} {'finite diff (ms)':>17} "
          f"{'ratio':>8} {'fd ms/param':>12}")
    x, y = data.x_train[:, :100], data.y_train[:, :100]
    for hidden in (2, 4, 8, 16, 32):
        net = Network([64, hidden, 10], "sigmoid", "cross_entropy", seed=0)
        t_bp = best_time(lambda: net.gradient(x, y))
        start = time.perf_counter()
        numerical_gradient(net, x, y)
        t_fd = time.perf_counter() - start
        n = net.n_params()
        print(f"{hidden:>6} {n:>7} {t_bp * 1e3:>14.3f} {t_fd * 1e3:>17.1f} "
              f"{t_fd / t_bp:>7.0f}x {t_fd / n * 1e3:>12.4f}")


if __name__ == "__main__":
    main()
