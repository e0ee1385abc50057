"""Network.train (bplib/training.py): the same weights as gradient + step by hand, a
history from one forward pass per set, records every k epochs or none, one BLAS thread."""
import numpy as np
import pytest
from threadpoolctl import threadpool_info, threadpool_limits

import bplib
from bplib import Network


def data():
    d = bplib.moons(n=90, seed=2)
    return d.x_train, d.y_train, (d.x_test, d.y_test)


def by_hand(net, x, y, epochs, batch_size, eta, seed):
    rng = np.random.default_rng(seed)
    m = x.shape[1]
    for _ in range(epochs):
        order = rng.permutation(m)
        for first in range(0, m, batch_size):
            cols = order[first:first + batch_size]
            net.step(net.gradient(x[:, cols], y[:, cols]), eta)
    return net


@pytest.mark.parametrize("sizes,acts,cost,batch", [
    ([2, 4, 4, 1], ["relu", "relu", "sigmoid"], "quadratic", 1),
    ([2, 5, 1], "sigmoid", "cross_entropy", 7),
    ([2, 3, 3, 1], "sigmoid", "quadratic", 100),
])
def test_train_ends_with_the_weights_of_gradient_and_step_by_hand_bit_for_bit(
        sizes, acts, cost, batch):
    x, y, _test = data()
    trained = Network(sizes, acts, cost, seed=5)
    trained.train(x, y, epochs=3, batch_size=batch, eta=0.3, seed=9, progress=False)
    hand = by_hand(Network(sizes, acts, cost, seed=5), x, y, 3, batch, 0.3, 9)
    for l in range(1, trained.L + 1):
        assert np.array_equal(trained.w[l], hand.w[l]) and np.array_equal(trained.b[l], hand.b[l])


def test_the_history_is_what_loss_and_accuracy_say_after_each_epoch():
    x, y, test = data()
    net = Network([2, 4, 1], "sigmoid", seed=1)
    h = net.train(x, y, epochs=3, batch_size=5, eta=0.5, test=test, progress=False,
                  snapshots=True)
    for k, (w, b) in enumerate(h.weights):
        probe = Network.from_params(w[1:], b[1:])
        assert h.loss[k] == probe.loss(x, y) and h.accuracy[k] == probe.accuracy(x, y)
        assert h.test_loss[k] == probe.loss(*test)
        assert h.test_accuracy[k] == probe.accuracy(*test)


def test_a_subclass_that_overrides_step_is_trained_through_it():
    calls = []

    class Counting(Network):
        def step(self, grads, eta):
            calls.append(eta)
            super().step(grads, eta)

    x, y, _test = data()
    Counting([2, 3, 1], seed=0).train(x, y, epochs=2, batch_size=10, eta=0.2, progress=False)
    assert len(calls) == 2 * int(np.ceil(x.shape[1] / 10))


def test_record_every_k_epochs_keeps_the_last_and_zero_keeps_none():
    x, y, test = data()
    a, b = Network([2, 3, 1], seed=0), Network([2, 3, 1], seed=0)
    h = a.train(x, y, epochs=7, batch_size=4, eta=0.5, test=test, progress=False,
                record_every=3)
    assert h.epoch == [0, 3, 6, 7] and len(h.test_accuracy) == 4
    assert h.loss[-1] == a.loss(x, y)
    none = b.train(x, y, epochs=7, batch_size=4, eta=0.5, progress=False, record_every=0)
    assert none.epoch == [] and none.loss == []
    assert all(np.array_equal(a.w[l], b.w[l]) for l in (1, 2))  # the same training


@pytest.mark.parametrize("bad", [-1, 1.5, "2"])
def test_a_bad_record_every_says_what_was_expected(bad):
    x, y, _test = data()
    with pytest.raises((ValueError, TypeError)) as err:
        Network([2, 3, 1]).train(x, y, 1, 4, 0.5, progress=False, record_every=bad)
    assert "record_every" in str(err.value) or isinstance(err.value, TypeError)


def test_divergence_without_records_still_puts_the_weights_back():
    x, y, _test = data()
    net = Network([2, 3, 1], "identity", seed=0)
    start = [w.copy() for w in net.w[1:]]
    with pytest.raises(bplib.DivergedError):
        net.train(x * 1e30, y, epochs=3, batch_size=4, eta=1e10, progress=False,
                  record_every=0)
    assert all(np.array_equal(w, s) for w, s in zip(net.w[1:], start))


def blas_threads():
    return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]


def test_training_runs_with_one_blas_thread():
    """Even where BLAS was set to two threads before train was called."""
    seen = []

    class Watching(Network):
        def step(self, grads, eta):
            seen.extend(blas_threads())
            super().step(grads, eta)

    x, y, _test = data()
    with threadpool_limits(limits=2, user_api="blas"):
        if set(blas_threads()) != {2}:
            pytest.skip(f"this BLAS cannot be set to two threads ({blas_threads()})")
        Watching([2, 3, 1]).train(x, y, epochs=1, batch_size=30, eta=0.5, progress=False)
        after = blas_threads()
    assert seen and set(seen) == {1}, seen
    assert set(after) == {2}  # the limit is the train loop's, not left behind
