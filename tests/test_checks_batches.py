"""The checks of notebook 07 accept right answers in any form and reject typical mistakes."""
import numpy as np
import pytest

from bplib.checks.batches import (check_loop_gradients, check_minibatch_update,
                                  check_minibatches, check_train_epoch)


def unanswered(*args):
    raise NotImplementedError()


@pytest.mark.parametrize("check", [check_loop_gradients, check_minibatch_update,
                                   check_minibatches, check_train_epoch])
def test_unanswered_passes_not_implemented_through(check):
    with pytest.raises(NotImplementedError):
        check(unanswered)


# ----- loop gradients -------------------------------------------------------------------
def loop_right(net, x, y):
    m = x.shape[1]
    nabla_w = [None] + [np.zeros_like(w) for w in net.w[1:]]
    nabla_b = [None] + [np.zeros_like(b) for b in net.b[1:]]
    for i in range(m):
        g = net.backward(net.forward(x[:, [i]]), y[:, [i]])
        for l in range(1, net.L + 1):
            nabla_w[l] += g.nabla_w[l] / m
            nabla_b[l] += g.nabla_b[l] / m
    return nabla_w, nabla_b


def loop_stacked(net, x, y):
    """Collect every example's wishes, then take the mean over the example axis."""
    wishes = [net.gradient(x[:, i], y[:, i]) for i in range(x.shape[1])]
    return ([None] + [np.mean([g.nabla_w[l] for g in wishes], axis=0) for l in range(1, net.L + 1)],
            (None,) + tuple(np.mean([g.nabla_b[l] for g in wishes], axis=0)
                            for l in range(1, net.L + 1)))


def loop_own_outer_products(net, x, y):
    """Deltas from net.backward, but BP3 and BP4 written out per example."""
    m = x.shape[1]
    nabla_w = [None] + [np.zeros_like(w) for w in net.w[1:]]
    nabla_b = [None] + [np.zeros_like(b) for b in net.b[1:]]
    for i in range(m):
        fp = net.forward(x[:, [i]])
        delta = net.backward(fp, y[:, [i]]).delta
        for l in range(1, net.L + 1):
            nabla_w[l] = nabla_w[l] + np.outer(delta[l], fp.a[l - 1]) / m
            nabla_b[l] = nabla_b[l] + delta[l] / m
    return nabla_w, nabla_b


def loop_summed(net, x, y):
    w, b = loop_right(net, x, y)
    m = x.shape[1]
    return [None] + [m * v for v in w[1:]], [None] + [m * v for v in b[1:]]


def loop_averaged_twice(net, x, y):
    w, b = loop_right(net, x, y)
    m = x.shape[1]
    return [None] + [v / m for v in w[1:]], [None] + [v / m for v in b[1:]]


def loop_bias_keeps_batch_axis(net, x, y):
    w, _ = loop_right(net, x, y)
    cols = [net.gradient(x[:, [i]], y[:, [i]]).nabla_b for i in range(x.shape[1])]
    return w, [None] + [np.hstack([c[l] for c in cols]) for l in range(1, net.L + 1)]


def loop_transposed(net, x, y):
    m = x.shape[1]
    nabla_w = [None] + [0.0] * net.L
    for i in range(m):
        fp = net.forward(x[:, [i]])
        delta = net.backward(fp, y[:, [i]]).delta
        for l in range(1, net.L + 1):
            nabla_w[l] = nabla_w[l] + fp.a[l - 1] @ delta[l].T / m
    w = [None] + [nw if nw.shape == net.w[l].shape else nw.T for l, nw in
                  enumerate(nabla_w) if l > 0]  # transposed only where the shapes allow
    return w, loop_right(net, x, y)[1]


def loop_outer_a_delta(net, x, y):
    m = x.shape[1]
    nabla_w, nabla_b = [None] + [0.0] * net.L, [None] + [0.0] * net.L
    for i in range(m):
        fp = net.forward(x[:, [i]])
        delta = net.backward(fp, y[:, [i]]).delta
        for l in range(1, net.L + 1):
            nabla_w[l] = nabla_w[l] + np.outer(fp.a[l - 1], delta[l]) / m  # a delta^T
            nabla_b[l] = nabla_b[l] + delta[l] / m
    return nabla_w, nabla_b


def loop_last_only(net, x, y):
    m = x.shape[1]
    for i in range(m):
        g = net.gradient(x[:, [i]], y[:, [i]])  # overwritten every time round
    return g.nabla_w, g.nabla_b


def loop_wishes(net, x, y):
    w, b = loop_right(net, x, y)
    return [None] + [-v for v in w[1:]], [None] + [-v for v in b[1:]]


def loop_without_none(net, x, y):
    w, b = loop_right(net, x, y)
    return w[1:], b[1:]


def loop_steps(net, x, y):
    net.step(net.gradient(x, y), 0.1)
    return loop_right(net, x, y)


def loop_changes_the_net(net, x, y):
    w, b = loop_right(net, x, y)
    net.w[1] -= 0.1 * w[1]
    return w, b


def test_loop_gradients_accepts_right_answers(capsys):
    for right in (loop_right, loop_stacked, loop_own_outer_products):
        check_loop_gradients(right)
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3
    assert all(line.startswith("✓ loop gradients: 9 random networks, batches of 1, 3 and 7")
               for line in out)


def test_loop_gradients_accepts_the_whole_batch_at_once():
    """Any correct implementation passes, even one without a loop."""
    check_loop_gradients(lambda net, x, y: (net.gradient(x, y).nabla_w, net.gradient(x, y).nabla_b))


@pytest.mark.parametrize("wrong, message", [
    (loop_summed, r"nabla_w is 3 times too big.*added up.*did not divide by m"),
    (loop_averaged_twice, r"nabla_w is 3 times too small.*averaged twice"),
    (loop_bias_keeps_batch_axis, r"nabla_b\[1\] has shape \(2, 3\), one column per example"),
    (loop_transposed, r"nabla_w\[2\] is transposed.*outer product"),
    (loop_outer_a_delta, r"nabla_w\[1\] has shape \(3, 2\), net.w\[1\] has \(2, 3\): it is "
                         r"transposed"),
    (loop_last_only, r"gradient of the last example only"),
    (loop_wishes, r"wrong sign everywhere.*wished-for nudges"),
    (loop_without_none, r"nabla_w has 1 entry; bplib's layout has 2"),
    (loop_steps, r"stopped with AssertionError: net.step is switched off"),
    (loop_changes_the_net, r"changed the network's weights"),
])
def test_loop_gradients_rejects(wrong, message):
    with pytest.raises(AssertionError, match=f"loop gradients: .*{message}"):
        check_loop_gradients(wrong)


def test_loop_gradients_in_place_on_an_input():
    def in_place(net, x, y):
        x -= x.mean(axis=1, keepdims=True)  # centres the caller's data
        return loop_right(net, x, y)
    with pytest.raises(AssertionError, match="changed one of its input arrays in place"):
        check_loop_gradients(in_place)


# ----- minibatch update ---------------------------------------------------------------------
def update_right(net, x, y, eta):
    g = net.gradient(x, y)
    return ([None] + [net.w[l] - eta * g.nabla_w[l] for l in range(1, net.L + 1)],
            [None] + [net.b[l] - eta * g.nabla_b[l] for l in range(1, net.L + 1)])


def update_loop(net, x, y, eta):
    """Through the copy of the network, with per-example gradients summed then divided."""
    new = net.copy()
    m = x.shape[1]
    for l in range(1, net.L + 1):
        total_w, total_b = 0.0, 0.0
        for i in range(m):
            g = net.backward(net.forward(x[:, [i]]), y[:, [i]])
            total_w = total_w + g.nabla_w[l]
            total_b = total_b + g.nabla_b[l]
        new.w[l] = new.w[l] - (eta / m) * total_w
        new.b[l] = new.b[l] - (eta / m) * total_b
    return new.w, new.b


def update_uphill(net, x, y, eta):
    return update_right(net, x, y, -eta)


def update_eta_twice(net, x, y, eta):
    return update_right(net, x, y, eta * eta)


def update_no_eta(net, x, y, eta):
    return update_right(net, x, y, 1.0)


def update_summed(net, x, y, eta):
    return update_right(net, x, y, eta * x.shape[1])


def update_averaged_twice(net, x, y, eta):
    return update_right(net, x, y, eta / x.shape[1])


def update_weights_only(net, x, y, eta):
    return update_right(net, x, y, eta)[0], [None] + [b.copy() for b in net.b[1:]]


def update_in_place(net, x, y, eta):
    g = net.gradient(x, y)
    for l in range(1, net.L + 1):
        net.w[l] -= eta * g.nabla_w[l]
        net.b[l] -= eta * g.nabla_b[l]
    return net.w, net.b


def update_rebinds_the_nets_lists(net, x, y, eta):
    net.w, net.b = update_right(net, x, y, eta)
    return net.w, net.b


def update_with_step(net, x, y, eta):
    new = net.copy()
    new.step(new.gradient(x, y), eta)
    return new.w, new.b


def update_returns_the_step(net, x, y, eta):
    g = net.gradient(x, y)
    return ([None] + [-eta * v for v in g.nabla_w[1:]], [None] + [-eta * v for v in g.nabla_b[1:]])


def _layer_by_layer(net, x, y, eta, layers):
    new = net.copy()
    for l in layers:  # each layer's gradient taken after the layers before it moved
        g = new.gradient(x, y)
        new.w[l] = new.w[l] - eta * g.nabla_w[l]
        new.b[l] = new.b[l] - eta * g.nabla_b[l]
    return new.w, new.b


def update_layer_by_layer_down(net, x, y, eta):
    return _layer_by_layer(net, x, y, eta, range(net.L, 0, -1))


def update_layer_by_layer_up(net, x, y, eta):
    return _layer_by_layer(net, x, y, eta, range(1, net.L + 1))


def test_minibatch_update_accepts_right_answers(capsys):
    check_minibatch_update(update_right)
    check_minibatch_update(update_loop)
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2
    assert all(line.startswith("✓ minibatch update: 9 random networks, batches of 1, 3 and 7, "
                               "max relative error") for line in out)
    assert all(line.endswith("the network given was left unchanged") for line in out)


@pytest.mark.parametrize("wrong, message", [
    (update_uphill, r"the weights moved uphill"),
    (update_eta_twice, r"eta\^2 times the gradient: the learning rate is applied twice"),
    (update_no_eta, r"moved by the whole gradient: the learning rate eta is missing"),
    (update_summed, r"moved 3 times too far: the gradient was summed"),
    (update_averaged_twice, r"moved 3 times too little: the gradient was averaged twice"),
    (update_weights_only, r"the biases did not move: update the biases too"),
    (update_in_place, r"changed the network it was given"),
    (update_rebinds_the_nets_lists, r"changed the network it was given"),
    (update_with_step, r"net.step is switched off"),
    (update_returns_the_step, r"you returned the step -eta \* nabla"),
    (update_layer_by_layer_down, r"one at a time \(from the last layer down\) and recomputed"),
    (update_layer_by_layer_up, r"one at a time \(from layer 1 up\) and recomputed"),
])
def test_minibatch_update_rejects(wrong, message):
    with pytest.raises(AssertionError, match=f"minibatch update.*{message}"):
        check_minibatch_update(wrong)


# ----- minibatches -------------------------------------------------------------------------
def batches_right(m, batch_size, rng):
    order = rng.permutation(m)
    return [order[i:i + batch_size] for i in range(0, m, batch_size)]


def batches_shuffle_in_place(m, batch_size, rng):
    order = np.arange(m)
    rng.shuffle(order)
    cuts = np.arange(batch_size, m, batch_size)
    return np.split(order, cuts)


def batches_choice(m, batch_size, rng):
    order = rng.choice(m, size=m, replace=False)
    return [order[i * batch_size:(i + 1) * batch_size].tolist()
            for i in range(-(-m // batch_size))]


def batches_unshuffled(m, batch_size, rng):
    return [np.arange(i, min(i + batch_size, m)) for i in range(0, m, batch_size)]


def batches_drop_last(m, batch_size, rng):
    order = rng.permutation(m)
    return [order[i:i + batch_size] for i in range(0, m - batch_size + 1, batch_size)]


def batches_with_replacement(m, batch_size, rng):
    order = rng.integers(0, m, size=m)
    return [order[i:i + batch_size] for i in range(0, m, batch_size)]


def batches_sliding_window(m, batch_size, rng):
    order = rng.permutation(m)
    return [order[i:i + batch_size] for i in range(max(1, m - batch_size + 1))]


def batches_inclusive_end(m, batch_size, rng):
    order = rng.permutation(m)
    return [order[i:i + batch_size + 1] for i in range(0, m, batch_size)]


def batches_array_split(m, batch_size, rng):
    return np.array_split(rng.permutation(m), max(1, m // batch_size))


def batches_global(m, batch_size, rng):
    order = np.random.permutation(m)
    return [order[i:i + batch_size] for i in range(0, m, batch_size)]


def batches_fixed_seed(m, batch_size, rng):
    return batches_right(m, batch_size, np.random.default_rng(0))


def batches_shuffled_chunks(m, batch_size, rng):
    chunks = batches_unshuffled(m, batch_size, rng)
    return [chunks[i] for i in rng.permutation(len(chunks))]


def batches_float(m, batch_size, rng):
    return [b.astype(float) for b in batches_right(m, batch_size, rng)]


def batches_flat(m, batch_size, rng):
    return rng.permutation(m)


def test_minibatches_accepts_right_answers(capsys):
    for right in (batches_right, batches_shuffle_in_place, batches_choice):
        check_minibatches(right)
    out = capsys.readouterr().out.splitlines()
    assert out == ["✓ minibatches: 7 splits from m = 1 to 1000: every example exactly once, "
                   "sizes right, shuffled by rng and reproducible from its seed"] * 3


@pytest.mark.parametrize("wrong, message", [
    (batches_unshuffled, r"original order 0, 1, 2"),
    (batches_drop_last, r"the last, smaller mini-batch is missing"),
    (batches_with_replacement, r"appears 2 times.*drawing with replacement"),
    (batches_sliding_window, r"the mini-batches overlap.*example \d+ is in batch 0 and in batch 1"),
    (batches_inclusive_end, r"the mini-batches overlap.*3 examples are used more than once"),
    (batches_array_split, r"sizes \[4, 3, 3\].*expected \[3, 3, 3, 1\]"),
    (batches_global, r"numpy's global generator"),
    (batches_fixed_seed, r"ignores rng"),
    (batches_shuffled_chunks, r"shuffled the order of the batches but not the examples"),
    (batches_float, r"integer column numbers"),
    (batches_flat, r"one flat array"),
])
def test_minibatches_rejects(wrong, message):
    with pytest.raises(AssertionError, match=f"minibatches: .*{message}"):
        check_minibatches(wrong)


def test_minibatches_leaves_the_global_generator_as_it_was():
    np.random.seed(5)
    expected = np.random.random()
    np.random.seed(5)
    with pytest.raises(AssertionError):
        check_minibatches(batches_global)
    assert np.random.random() == expected


def test_minibatches_same_generator_twice():
    def reseeding(m, batch_size, rng):  # copies the generator's state instead of advancing it
        return batches_right(m, batch_size, np.random.default_rng(rng.bit_generator.state["state"]["state"]))
    with pytest.raises(AssertionError, match="two calls with the same generator gave the same batches"):
        check_minibatches(reseeding)


# ----- train epoch ----------------------------------------------------------------------------
def epoch_right(net, x, y, eta, batch_size, rng):
    for cols in batches_right(x.shape[1], batch_size, rng):
        net.w, net.b = update_right(net, x[:, cols], y[:, cols], eta)


def epoch_loop(net, x, y, eta, batch_size, rng):
    """Another shuffle, the update written out per layer in place, a loss logged per step."""
    order = np.arange(x.shape[1])
    rng.shuffle(order)
    losses = []
    for first in range(0, len(order), batch_size):
        cols = order[first:first + batch_size]
        losses.append(net.loss(x[:, cols], y[:, cols]))
        g = net.backward(net.forward(x[:, cols]), y[:, cols])
        for l in range(1, net.L + 1):
            net.w[l] = net.w[l] - eta * g.nabla_w[l]
            net.b[l] = net.b[l] - eta * g.nabla_b[l]
    return losses


def epoch_returns_new(net, x, y, eta, batch_size, rng):
    new = net.copy()
    epoch_right(new, x, y, eta, batch_size, rng)
    return new


def epoch_unshuffled(net, x, y, eta, batch_size, rng):
    for cols in batches_unshuffled(x.shape[1], batch_size, rng):
        net.w, net.b = update_right(net, x[:, cols], y[:, cols], eta)


def epoch_drop_last(net, x, y, eta, batch_size, rng):
    for cols in batches_drop_last(x.shape[1], batch_size, rng):
        net.w, net.b = update_right(net, x[:, cols], y[:, cols], eta)


def epoch_summed(net, x, y, eta, batch_size, rng):
    for cols in batches_right(x.shape[1], batch_size, rng):
        net.w, net.b = update_right(net, x[:, cols], y[:, cols], eta * len(cols))


def epoch_one_step(net, x, y, eta, batch_size, rng):
    batches_right(x.shape[1], batch_size, rng)
    net.w, net.b = update_right(net, x, y, eta)


def epoch_per_example(net, x, y, eta, batch_size, rng):
    for cols in batches_right(x.shape[1], 1, rng):
        net.w, net.b = update_right(net, x[:, cols], y[:, cols], eta)


def epoch_global(net, x, y, eta, batch_size, rng):
    for cols in batches_global(x.shape[1], batch_size, rng):
        net.w, net.b = update_right(net, x[:, cols], y[:, cols], eta)


def epoch_whole_data_each_step(net, x, y, eta, batch_size, rng):
    for cols in batches_right(x.shape[1], batch_size, rng):
        net.w, net.b = update_right(net, x, y, eta)


def epoch_misaligned_targets(net, x, y, eta, batch_size, rng):
    for cols in batches_right(x.shape[1], batch_size, rng):
        net.w, net.b = update_right(net, x[:, cols], y[:, np.sort(cols)], eta)


def epoch_layer_by_layer(net, x, y, eta, batch_size, rng):
    for cols in batches_right(x.shape[1], batch_size, rng):
        for l in range(net.L, 0, -1):  # each layer's gradient after the layers above moved
            g = net.gradient(x[:, cols], y[:, cols])
            net.w[l] = net.w[l] - eta * g.nabla_w[l]
            net.b[l] = net.b[l] - eta * g.nabla_b[l]


def epoch_uphill(net, x, y, eta, batch_size, rng):
    epoch_right(net, x, y, -eta, batch_size, rng)


def epoch_with_train(net, x, y, eta, batch_size, rng):
    net.train(x, y, 1, batch_size, eta, progress=False)


def test_train_epoch_accepts_right_answers(capsys):
    check_train_epoch(epoch_right)
    check_train_epoch(epoch_loop)
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2
    assert all(line.startswith("✓ train epoch: exact steps on 10 copies of one example, "
                               "reproducible from the seed, shuffled;") for line in out)


@pytest.mark.parametrize("wrong, message", [
    (epoch_returns_new, r"weights did not change.*trains the network it is given"),
    (epoch_unshuffled, r"original order"),
    (epoch_drop_last, r"took 3 steps where 4 were due: the last, smaller mini-batch"),
    (epoch_summed, r"summed over the batch instead of averaged"),
    (epoch_one_step, r"one step for the whole epoch"),
    (epoch_per_example, r"one step per example"),
    (epoch_global, r"same seed ended with different weights"),
    (epoch_whole_data_each_step, r"every step used the whole data x, y, not its mini-batch"),
    (epoch_layer_by_layer, r"one at a time \(from the last layer down\).*before every layer's "
                           r"gradient was computed"),
    (epoch_misaligned_targets, r"pairs x\[:, cols\] with y\[:, cols\]"),
    (epoch_uphill, r"moved uphill"),
    (epoch_with_train, r"net.train is switched off"),
])
def test_train_epoch_rejects(wrong, message):
    with pytest.raises(AssertionError, match=f"train epoch: .*{message}"):
        check_train_epoch(wrong)


def test_train_epoch_in_place_on_the_data():
    def scales_x(net, x, y, eta, batch_size, rng):
        x /= 2
        epoch_right(net, x, y, eta, batch_size, rng)
    with pytest.raises(AssertionError, match="changed one of its input arrays in place"):
        check_train_epoch(scales_x)


def test_checks_print_nothing_else(capsys):
    check_minibatches(batches_right)
    check_train_epoch(epoch_right)
    captured = capsys.readouterr()
    assert captured.err == "" and len(captured.out.splitlines()) == 2
