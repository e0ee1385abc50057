"""Checks for notebook 07, many examples at once: mini-batches and SGD.

The learner writes, in bplib's layout (per-layer lists indexed by the layer number, with
index 0 None; a batch is a matrix with one example per column):

    loop_gradients(net, x, y)                    -> (nabla_w, nabla_b)
        every example's own gradient, one column at a time, averaged over the m columns:
        nabla_w[l] = (1/m) sum_x delta^(x,l) (a^(x,l-1))^T, shape of net.w[l]
        nabla_b[l] = (1/m) sum_x delta^(x,l),               shape of net.b[l]
    minibatch_update(net, x_batch, y_batch, eta) -> (new_w, new_b)
        one step downhill on the batch's mean cost: new_w[l] = w^l - eta nabla_w^l and
        new_b[l] = b^l - eta nabla_b^l; the network it is given stays as it was
    minibatches(m, batch_size, rng)              -> list of 1-D integer index arrays
        a permutation of 0..m-1 drawn from rng, cut into consecutive chunks of
        batch_size examples (the last chunk may be smaller)
    train_epoch(net, x, y, eta, batch_size, rng) -> anything (ignored)
        one epoch of SGD that trains net in place: shuffle with rng, then one
        minibatch_update per mini-batch, its new weights put into net.w and net.b

Each check runs the function on fresh random inputs (batches of 1 and several) and
compares with bplib's Network. The network handed to the learner has net.step and
net.train switched off, so the update is the learner's own; net.forward, net.backward
and net.gradient work as usual.
"""
import numpy as np

from ..network import Network
from .shortcuts import watch_all
from ._core import as_tuple, call, compare, layer_list, matches, passed

# (sizes, activations of layers 1..L, cost); the 4-4 layer is square, so a transposed
# gradient has the right shape there and must be caught by its values.
NETS = (
    ([3, 2], "sigmoid", "quadratic"),
    ([2, 4, 4, 3], ["tanh", "sigmoid", "sigmoid"], "quadratic"),
    ([4, 5, 3], ["relu", "sigmoid"], "cross_entropy"),
)
BATCHES = (1, 3, 7)


class _Log(list):
    """A list that copies of the network share (net.copy() must not hide what it records)."""

    def __deepcopy__(self, memo):
        return self


class _Guarded(Network):
    """A Network whose own update is off limits: the learner's function replaces it."""

    log = None  # a _Log of the inputs net.forward saw, when a check wants them

    def step(self, grads, eta):
        raise AssertionError("net.step is switched off in this check: write the update "
                             "w - eta * nabla_w (and the same for b) yourself")

    def train(self, *args, **kwargs):
        raise AssertionError("net.train is switched off in this check: write the epoch "
                             "yourself, with your minibatches and minibatch_update")

    def forward(self, x):
        if self.log is not None:
            self.log.append(np.array(x, dtype=float, copy=True))
        return super().forward(x)


def _random_net(rng, sizes, activations, cost, seed):
    net = Network(sizes, activations, cost, seed=seed)
    for l in range(1, net.L + 1):
        net.b[l] = rng.normal(0.0, 0.5, net.b[l].shape)
    net.__class__ = _Guarded
    return net


def _plain(net):
    """A copy of ``net`` as an ordinary Network, for computing references."""
    ref = net.copy()
    ref.__class__ = Network
    return ref


def _batch(rng, net, m):
    x = rng.normal(0.0, 1.0, (net.sizes[0], m))
    y = rng.uniform(0.0, 1.0, (net.sizes[-1], m))
    if net.cost.name == "cross_entropy":
        y = np.round(y)
    return x, y


def _params(net):
    return [p.copy() for _, _, p in net.params()]


def _changed(net, before):
    after = [p for _, _, p in net.params()]
    return any(np.shape(p) != np.shape(q) or not np.array_equal(p, q)
               for p, q in zip(after, before))


def _all_close(got_list, expected_list):
    """Layer by layer (index 0 skipped): True if every layer matches."""
    return all(matches(g, e) for g, e in zip(got_list[1:], expected_list[1:]))


def _scaled(layers, factor):
    return [None] + [factor * p for p in layers[1:]]


# ----- exercise: average the wishes ----------------------------------------------------
LOOP = "loop gradients"


def _diagnose_average(got, want, singles, name, m, where):
    """Name the mistake if ``got`` (a layer list) is a known wrong variant of ``want``."""
    if _all_close(got, want):
        return
    if m > 1 and _all_close(got, _scaled(want, m)):
        raise AssertionError(
            f"{LOOP}: {name} is {m} times too big{where}: you added up the {m} examples' "
            f"gradients but did not divide by m. The step must average the wishes: "
            f"(1/m) sum over x.")
    if m > 1 and _all_close(got, _scaled(want, 1 / m)):
        raise AssertionError(
            f"{LOOP}: {name} is {m} times too small{where}: you averaged twice (divided by m "
            f"once too often). net.backward on a single column already returns that "
            f"example's gradient; add the m of them up and divide by m once.")
    if _all_close(got, _scaled(want, -1)):
        raise AssertionError(
            f"{LOOP}: {name} has the wrong sign everywhere{where}: you returned the wished-for "
            f"nudges (minus the gradient). Return the gradient itself; the minus sign belongs "
            f"to the update step.")
    if m > 1:
        for which, single in (("last", singles[-1]), ("first", singles[0])):
            if _all_close(got, single):
                raise AssertionError(
                    f"{LOOP}: {name} is the gradient of the {which} example only{where}. "
                    f"Add every example's gradient into a running total (or collect them "
                    f"all) before you divide by m.")


def check_loop_gradients(loop_gradients, seed=70):
    """Per-example gradients averaged, against bplib's batch gradient (BP1-BP4 on the batch)."""
    rng = np.random.default_rng(seed)
    worst, tried = 0.0, 0
    for i, (sizes, activations, cost) in enumerate(NETS):
        for m in BATCHES:
            net = _random_net(rng, sizes, activations, cost, seed=seed + i)
            x, y = _batch(rng, net, m)
            ref = _plain(net)
            want = ref.gradient(x, y)
            singles = [ref.gradient(x[:, [j]], y[:, [j]]) for j in range(m)]
            before = _params(net)
            result = as_tuple(call(loop_gradients, net, x, y, what=LOOP), LOOP,
                              "nabla_w, nabla_b")
            if _changed(net, before):
                raise AssertionError(f"{LOOP}: your function changed the network's weights or "
                                     f"biases; it should only compute their gradients.")
            nabla_w = layer_list(result[0], "nabla_w", net, LOOP)
            nabla_b = layer_list(result[1], "nabla_b", net, LOOP)
            where = f" on {net} with a batch of {m}"
            for l in range(1, net.L + 1):
                n, n_prev = net.w[l].shape
                if m > 1 and np.shape(nabla_b[l]) == (n, m):
                    raise AssertionError(
                        f"{LOOP}: nabla_b[{l}] has shape ({n}, {m}), one column per example"
                        f"{where}: those are the {m} wishes side by side. Average them over "
                        f"the examples (axis 1, keepdims=True) to get one column ({n}, 1).")
                if m > 1 and np.shape(nabla_w[l]) == (m, n, n_prev):
                    raise AssertionError(
                        f"{LOOP}: nabla_w[{l}] has shape ({m}, {n}, {n_prev}), one matrix per "
                        f"example{where}. Average them over the examples (axis 0).")
                if n != n_prev and np.shape(nabla_w[l]) == (n_prev, n):
                    raise AssertionError(
                        f"{LOOP}: nabla_w[{l}] has shape ({n_prev}, {n}), net.w[{l}] has "
                        f"({n}, {n_prev}): it is transposed{where}. Entry [j, k] belongs to the "
                        f"weight from neuron k of layer {l - 1} to neuron j of layer {l}: "
                        f"delta_j a_k, the outer product delta a^T (BP4), not a delta^T.")
                if n == n_prev and not matches(nabla_w[l], want.nabla_w[l]) and \
                        matches(nabla_w[l], want.nabla_w[l].T):
                    raise AssertionError(
                        f"{LOOP}: nabla_w[{l}] is transposed{where}. Entry [j, k] belongs to "
                        f"the weight from neuron k of layer {l - 1} to neuron j of layer {l}: "
                        f"delta_j a_k, the outer product delta a^T (BP4).")
            _diagnose_average(nabla_w, want.nabla_w, [s.nabla_w for s in singles],
                              "nabla_w", m, where)
            _diagnose_average(nabla_b, want.nabla_b, [s.nabla_b for s in singles],
                              "nabla_b", m, where)
            for l in range(1, net.L + 1):
                worst = max(worst, compare(
                    f"{LOOP}: nabla_w[{l}]{where}", nabla_w[l], want.nabla_w[l], seed=seed,
                    hint=f"nabla_w[{l}] has the shape of net.w[{l}], {net.w[l].shape}."))
                worst = max(worst, compare(
                    f"{LOOP}: nabla_b[{l}]{where}", nabla_b[l], want.nabla_b[l], seed=seed,
                    hint=f"nabla_b[{l}] has the shape of net.b[{l}], a column "
                         f"{net.b[l].shape}."))
            tried += 1
    passed(f"{LOOP}: {tried} random networks, batches of 1, 3 and 7, equal to bplib's batch "
           f"gradient, max relative error {worst:.0e}")


# ----- exercise: one mini-batch step ---------------------------------------------------
UPDATE = "minibatch update"
# the orders in which a learner may move the layers one at a time
ORDERS = (("from the last layer down", -1), ("from layer 1 up", 1))


def _layer_by_layer(net, x, y, eta, direction):
    """A copy of ``net`` moved one layer at a time, each layer's gradient recomputed after
    the layers before it (in ``direction``) had already moved: updates before all deltas."""
    new = _plain(net)
    for l in range(1, new.L + 1)[::direction]:
        g = new.gradient(x, y)
        new.w[l] = new.w[l] - eta * g.nabla_w[l]
        new.b[l] = new.b[l] - eta * g.nabla_b[l]
    return new


def _one_layer_at_a_time(order):
    return (f"you moved the layers one at a time ({order}) and recomputed the gradient "
            f"after each, so some weights were updated before every layer's gradient was "
            f"computed. Take the gradient once, on the weights as they were, then move "
            f"every layer with it.")


def _diagnose_update(kind, got, old, grad, eta, m, where):
    """Name the mistake if ``got`` (new weights or biases, a layer list) is a known wrong step."""
    def moved(factor):
        return [None] + [p - factor * g for p, g in zip(old[1:], grad[1:])]

    if _all_close(got, moved(eta)):
        return
    what = "weights" if kind == "w" else "biases"
    variants = [
        (moved(-eta), f"the {what} moved uphill: gradient descent subtracts, "
                      f"new = old - eta * nabla."),
        (old, f"the {what} did not move" + (
            ": update the biases too, b - eta * nabla_b (BP3 gives their gradient)."
            if kind == "b" else ".")),
        (moved(eta * eta), f"the {what} moved by eta^2 times the gradient: the learning rate "
                           f"is applied twice."),
        (moved(1.0), f"the {what} moved by the whole gradient: the learning rate eta is "
                     f"missing (new = old - eta * nabla)."),
        ([None] + [-eta * g for g in grad[1:]], f"you returned the step -eta * nabla, not the "
                                                f"new {what} old - eta * nabla."),
        (grad, f"you returned the gradient, not the new {what} old - eta * nabla."),
    ]
    if m > 1:
        variants += [
            (moved(eta * m), f"the {what} moved {m} times too far: the gradient was summed "
                             f"over the {m} examples instead of averaged, so the step grows "
                             f"with the batch size. Divide the sum by m."),
            (moved(eta / m), f"the {what} moved {m} times too little: the gradient was "
                             f"averaged twice. net.gradient (and net.backward) already "
                             f"average over the batch; do not divide by m again."),
        ]
    for variant, message in variants:
        if _all_close(got, variant):
            raise AssertionError(f"{UPDATE}{where}: {message}")


def check_minibatch_update(minibatch_update, seed=71):
    """One gradient-descent step on a batch, against bplib's batch gradient."""
    rng = np.random.default_rng(seed)
    worst, tried = 0.0, 0
    for i, (sizes, activations, cost) in enumerate(NETS):
        for m, eta in zip(BATCHES, (0.3, 0.7, 2.5)):
            net = _random_net(rng, sizes, activations, cost, seed=seed + i)
            x, y = _batch(rng, net, m)
            grad = _plain(net).gradient(x, y)
            old_w, old_b = [None] + [p.copy() for p in net.w[1:]], [None] + [p.copy() for p in net.b[1:]]
            before = _params(net)
            result = as_tuple(call(minibatch_update, net, x, y, eta, what=UPDATE), UPDATE,
                              "new_w, new_b")
            if _changed(net, before):
                raise AssertionError(
                    f"{UPDATE}: your function changed the network it was given (net.w or "
                    f"net.b). Build new lists, e.g. [None] + [net.w[l] - ... for l in "
                    f"1..L], and leave the network as it was.")
            new_w = layer_list(result[0], "new_w", net, UPDATE)
            new_b = layer_list(result[1], "new_b", net, UPDATE)
            where = f" on {net} with a batch of {m} and eta = {eta}"
            right = ([None] + [w - eta * g for w, g in zip(old_w[1:], grad.nabla_w[1:])],
                     [None] + [b - eta * g for b, g in zip(old_b[1:], grad.nabla_b[1:])])
            if net.L > 1 and not (_all_close(new_w, right[0]) and _all_close(new_b, right[1])):
                for order, direction in ORDERS:
                    moved = _layer_by_layer(net, x, y, eta, direction)
                    if _all_close(new_w, moved.w) and _all_close(new_b, moved.b):
                        raise AssertionError(f"{UPDATE}{where}: {_one_layer_at_a_time(order)}")
            _diagnose_update("w", new_w, old_w, grad.nabla_w, eta, m, where)
            _diagnose_update("b", new_b, old_b, grad.nabla_b, eta, m, where)
            for l in range(1, net.L + 1):
                worst = max(worst, compare(f"{UPDATE}: new_w[{l}]{where}", new_w[l],
                                           old_w[l] - eta * grad.nabla_w[l], seed=seed,
                                           hint=f"new_w[{l}] has the shape of net.w[{l}]."))
                worst = max(worst, compare(f"{UPDATE}: new_b[{l}]{where}", new_b[l],
                                           old_b[l] - eta * grad.nabla_b[l], seed=seed,
                                           hint=f"new_b[{l}] has the shape of net.b[{l}], "
                                                f"a column."))
            tried += 1
    passed(f"{UPDATE}: {tried} random networks, batches of 1, 3 and 7, max relative error "
           f"{worst:.0e}; the network given was left unchanged")


# ----- exercise: shuffle and split ---------------------------------------------------------
BATCH = "minibatches"
# (m, batch_size): uneven, even, one batch, batch bigger than the data, one example, large
SPLITS = ((10, 3), (23, 5), (12, 4), (7, 7), (5, 10), (1, 1), (1000, 100))


def _global_state():
    state = np.random.get_state()
    return state[1].copy(), state[2]


def _run_minibatches(minibatches, m, batch_size, rng):
    """Call the learner's function; fail if it touched numpy's global generator."""
    saved = np.random.get_state()
    before = _global_state()
    result = call(minibatches, m, batch_size, rng, what=BATCH)
    after = _global_state()
    if after[1] != before[1] or not np.array_equal(after[0], before[0]):
        np.random.set_state(saved)
        raise AssertionError(
            f"{BATCH}: your function drew from numpy's global generator (np.random.shuffle, "
            f"np.random.permutation, ...). Draw from the rng you are given "
            f"(rng.permutation(m)), so the same seed gives the same batches.")
    return _as_batches(result, m, batch_size)


def _as_batches(result, m, batch_size):
    where = f" (m = {m}, batch_size = {batch_size})"
    if result is None:
        raise AssertionError(f"{BATCH}: your function returned None. Did you forget `return`?")
    if isinstance(result, np.ndarray) and result.ndim == 1:
        raise AssertionError(
            f"{BATCH}: you returned one flat array{where}; return a list of index arrays, "
            f"one per mini-batch.")
    try:
        batches = [np.asarray(b) for b in result]
    except TypeError:
        raise AssertionError(f"{BATCH}: expected a list of index arrays, got a "
                             f"{type(result).__name__}") from None
    for b in batches:
        if b.ndim != 1:
            raise AssertionError(
                f"{BATCH}: each mini-batch should be a 1-D array of example numbers{where}; "
                f"one has shape {b.shape}.")
        if b.size and b.dtype.kind not in "iu":
            raise AssertionError(
                f"{BATCH}: the mini-batches hold {b.dtype} numbers{where}; x[:, cols] needs "
                f"integer column numbers, such as the ones rng.permutation(m) gives.")
    return batches


def _consecutive_run(b):
    return b.size > 1 and np.array_equal(np.sort(b), np.arange(b.min(), b.min() + b.size))


def check_minibatches(minibatches, seed=72):
    """A shuffled partition of 0..m-1 into chunks of batch_size, drawn from the rng given."""
    for i, (m, batch_size) in enumerate(SPLITS):
        where = f" (m = {m}, batch_size = {batch_size})"
        batches = _run_minibatches(minibatches, m, batch_size,
                                   np.random.default_rng(seed + i))
        sizes = [int(b.size) for b in batches]
        every = np.concatenate(batches) if batches else np.zeros(0, dtype=int)
        want = [batch_size] * (m // batch_size) + ([m % batch_size] if m % batch_size else [])
        if every.size and (every.min() < 0 or every.max() >= m):
            raise AssertionError(
                f"{BATCH}: example number {int(every.max() if every.max() >= m else every.min())} "
                f"is out of range{where}: the examples are numbered 0..{m - 1}.")
        counts = np.bincount(every.astype(int), minlength=m) if every.size else np.zeros(m)
        missing = np.flatnonzero(counts == 0)
        if (counts > 1).any():
            twice = int(np.argmax(counts > 1))
            if not missing.size and all(np.unique(b).size == b.size for b in batches):
                first, second = [k for k, b in enumerate(batches) if twice in b][:2]
                repeated = int((counts > 1).sum())
                raise AssertionError(
                    f"{BATCH}: the mini-batches overlap{where}: example {twice} is in batch "
                    f"{first} and in batch {second} (counting from 0), and {repeated} "
                    f"{'examples are' if repeated > 1 else 'example is'} used more than once. "
                    f"Each example "
                    f"belongs to exactly one mini-batch per epoch: start each batch where the "
                    f"previous one ended, order[first:first + batch_size] for first in "
                    f"range(0, m, batch_size).")
            raise AssertionError(
                f"{BATCH}: example {twice} appears {int(counts[twice])} times{where}. Each "
                f"example belongs to exactly one mini-batch per epoch: cut one permutation "
                f"into pieces (drawing with replacement, as rng.integers or rng.choice do by "
                f"default, repeats examples and leaves others out).")
        if missing.size:
            if m % batch_size and sizes == [batch_size] * (m // batch_size):
                raise AssertionError(
                    f"{BATCH}: the last, smaller mini-batch is missing{where}: you returned "
                    f"{len(sizes)} batches of {batch_size}, so {m % batch_size} of the {m} examples "
                    f"are never used. Keep the remainder as a batch of its own: {want}.")
            raise AssertionError(
                f"{BATCH}: {missing.size} of the {m} examples are in no mini-batch{where} "
                f"(for instance example {int(missing[0])}). Every example should be used "
                f"once per epoch.")
        if m >= 10:
            if np.array_equal(every, np.arange(m)):
                raise AssertionError(
                    f"{BATCH}: the examples come in their original order 0, 1, 2, ...{where}. "
                    f"Shuffle first (rng.permutation(m)), so that every epoch mixes "
                    f"different examples into each mini-batch.")
            if len(batches) > 1 and all(_consecutive_run(b) for b in batches if b.size > 1):
                raise AssertionError(
                    f"{BATCH}: each mini-batch holds neighbouring examples (like 0..{batch_size - 1})"
                    f"{where}: you shuffled the order of the batches but not the examples. "
                    f"Shuffle the example numbers, then cut.")
        if sizes != want:
            raise AssertionError(
                f"{BATCH}: the mini-batches have sizes {sizes}{where}, expected {want}: "
                f"consecutive chunks of batch_size, the last one smaller if m is not a "
                f"multiple of batch_size. (np.array_split(p, k) makes k nearly equal pieces; "
                f"cut at multiples of batch_size instead.)")
    m, batch_size = SPLITS[-1]
    first = _run_minibatches(minibatches, m, batch_size, np.random.default_rng(seed))
    again = _run_minibatches(minibatches, m, batch_size, np.random.default_rng(seed))
    if not all(np.array_equal(a, b) for a, b in zip(first, again)):
        raise AssertionError(
            f"{BATCH}: two generators with the same seed gave different batches. Draw the "
            f"shuffle from the rng you are given, and only from it.")
    other = _run_minibatches(minibatches, m, batch_size, np.random.default_rng(seed + 1))
    if all(np.array_equal(a, b) for a, b in zip(first, other)):
        raise AssertionError(
            f"{BATCH}: generators with different seeds gave the same batches, so your "
            f"function ignores rng (a generator with a fixed seed inside it?). Shuffle with "
            f"the rng you are given.")
    rng = np.random.default_rng(seed)
    epoch1 = _run_minibatches(minibatches, m, batch_size, rng)
    epoch2 = _run_minibatches(minibatches, m, batch_size, rng)
    if all(np.array_equal(a, b) for a, b in zip(epoch1, epoch2)):
        raise AssertionError(
            f"{BATCH}: two calls with the same generator gave the same batches: every epoch "
            f"should draw a fresh shuffle from rng (do not reseed or copy it).")
    passed(f"{BATCH}: {len(SPLITS)} splits from m = 1 to 1000: every example exactly once, "
           f"sizes right, shuffled by rng and reproducible from its seed")


# ----- exercise: one epoch ------------------------------------------------------------------
EPOCH = "train epoch"


def _steps(net, x, y, eta, batches):
    """Reference SGD: one averaged-gradient step per batch of column numbers."""
    for cols in batches:
        net.step(net.gradient(x[:, cols], y[:, cols]), eta)
    return net


def _same_params(a, b):
    return all(matches(p, q) for (_, _, p), (_, _, q) in zip(a.params(), b.params()))


def _recorded_batches(log, x, batch_size):
    """The batches the learner stepped on, read off the inputs net.forward saw.

    Returns a list of column-number arrays, or None if the record is not a clean sequence
    of batches (the learner computed in some other way: nothing to replay then).
    """
    batches = []
    for seen in log:
        if seen.ndim == 1:
            seen = seen.reshape(-1, 1)
        if seen.shape[0] != x.shape[0] or seen.shape[1] > batch_size:
            continue  # a loss on the whole data, say
        matches = (seen.T[:, None, :] == x.T[None, :, :]).all(axis=2)
        if not matches.any(axis=1).all():
            return None
        cols = np.argmax(matches, axis=1)
        if batches and np.array_equal(batches[-1], cols):
            continue  # the same batch again (a loss before the step, say)
        batches.append(cols)
    return batches


def check_train_epoch(train_epoch, seed=73):
    """One epoch of SGD: exact steps on identical examples; shuffle, seed, and a falling loss."""
    rng = np.random.default_rng(seed)
    # 1. Ten copies of one example: every mini-batch has the same average gradient, so
    #    the epoch must be exactly ceil(10 / 3) = 4 plain gradient steps, whatever the shuffle.
    m, batch_size, eta = 10, 3, 0.5
    net = _random_net(rng, [3, 4, 2], "sigmoid", "quadratic", seed=seed)
    x = np.repeat(rng.normal(0.0, 1.0, (3, 1)), m, axis=1)
    y = np.repeat(rng.uniform(0.0, 1.0, (2, 1)), m, axis=1)
    start = _plain(net)
    before = _params(net)
    call(train_epoch, net, x, y, eta, batch_size, np.random.default_rng(seed), what=EPOCH)
    if not _changed(net, before):
        raise AssertionError(
            f"{EPOCH}: the network's weights did not change. train_epoch trains the network "
            f"it is given: after each step put the new weights into it "
            f"(net.w, net.b = minibatch_update(...)).")
    sizes = [batch_size] * (m // batch_size) + [m % batch_size]
    want = _steps(start.copy(), x, y, eta, [np.arange(n) for n in sizes])
    if not _same_params(net, want):
        variants = [
            (_steps(start.copy(), x, y, eta, [np.arange(m)]),
             "the network took one step for the whole epoch; take one step per mini-batch."),
            (_steps(start.copy(), x, y, eta, [np.arange(batch_size)] * (m // batch_size)),
             f"the network took {m // batch_size} steps where {len(sizes)} were due: the "
             f"last, smaller mini-batch was left out."),
            (_steps(start.copy(), x, y, eta, [np.arange(1)] * m),
             "the network took one step per example; take one step per mini-batch of "
             "batch_size examples."),
            (_steps(start.copy(), x, y, -eta, [np.arange(n) for n in sizes]),
             "the network moved uphill every step: new = old - eta * nabla."),
        ]
        summed = start.copy()
        for n in sizes:
            summed.step(summed.gradient(x[:, :1], y[:, :1]), eta * n)
        variants.append((summed, "each step grew with its mini-batch: the gradients were "
                                 "summed over the batch instead of averaged."))
        for order, direction in ORDERS:
            moved = start
            for n in sizes:
                moved = _layer_by_layer(moved, x[:, :n], y[:, :n], eta, direction)
            variants.append((moved, f"in each step {_one_layer_at_a_time(order)[:-1]}: "
                                    f"one minibatch_update per step does that."))
        for variant, message in variants:
            if _same_params(net, variant):
                raise AssertionError(f"{EPOCH}: on {m} copies of one example with batch_size = "
                                     f"{batch_size}, {message}")
        raise AssertionError(
            f"{EPOCH}: on {m} copies of one example with batch_size = {batch_size} and "
            f"eta = {eta}, every mini-batch has the same mean gradient, so the epoch should be "
            f"{len(sizes)} ordinary gradient steps; your network ended elsewhere. Check that "
            f"each step uses the weights the previous step left in net.w and net.b.")

    # 2. Different examples: the same seed gives the same epoch, another seed another one,
    #    and the steps follow the batches the function visited.
    m, batch_size, eta = 12, 4, 0.8
    net = _random_net(rng, [3, 4, 2], "sigmoid", "quadratic", seed=seed + 1)
    x, y = _batch(rng, net, m)
    start = _plain(net)
    runs = {}
    for label, s in (("first", seed), ("again", seed), ("other", seed + 1)):
        trained = start.copy()
        trained.__class__ = _Guarded
        trained.log = _Log()
        call(train_epoch, trained, x, y, eta, batch_size, np.random.default_rng(s), what=EPOCH)
        runs[label] = trained
    if not _same_params(runs["first"], runs["again"]):
        raise AssertionError(
            f"{EPOCH}: two runs with generators of the same seed ended with different "
            f"weights. Shuffle with the rng you are given and nothing else.")
    steps = -(-m // batch_size)
    if _same_params(runs["first"], _steps(start.copy(), x, y, eta, [np.arange(m)] * steps)):
        raise AssertionError(
            f"{EPOCH}: every step used the whole data x, y, not its mini-batch: {steps} steps "
            f"on the full-batch gradient. Step on x[:, cols], y[:, cols] for each cols your "
            f"minibatches(m, batch_size, rng) returns.")
    in_order = _steps(start.copy(), x, y, eta, np.array_split(np.arange(m), m // batch_size))
    if _same_params(runs["first"], in_order):
        raise AssertionError(
            f"{EPOCH}: the mini-batches were taken in their original order (0..3, 4..7, "
            f"8..11). Shuffle with rng first: use your minibatches(m, batch_size, rng).")
    if _same_params(runs["first"], runs["other"]):
        raise AssertionError(
            f"{EPOCH}: generators with different seeds gave the same weights, so the epoch "
            f"ignores rng. Draw the batches with minibatches(m, batch_size, rng), and step on "
            f"x[:, cols], y[:, cols] for each.")
    visited = _recorded_batches(runs["first"].log, x, batch_size)
    if visited and sorted(len(b) for b in visited) == [batch_size] * (m // batch_size) \
            and np.array_equal(np.sort(np.concatenate(visited)), np.arange(m)):
        replay = _steps(start.copy(), x, y, eta, visited)
        if not _same_params(runs["first"], replay):
            raise AssertionError(
                f"{EPOCH}: the weights after one epoch differ from one minibatch_update per "
                f"mini-batch, in the order your function visited them. Check that each step "
                f"pairs x[:, cols] with y[:, cols] (the same cols) and starts from the weights "
                f"the previous step left.")

    # 3. An easy problem: three epochs must lower the loss.
    net = _random_net(rng, [2, 3, 1], "sigmoid", "cross_entropy", seed=seed + 2)
    x = rng.normal(0.0, 1.0, (2, 40))
    y = (x[0:1] + x[1:2] > 0).astype(float)
    loss_before = _plain(net).loss(x, y)
    gen = np.random.default_rng(seed)
    for _ in range(3):
        call(train_epoch, net, x, y, 1.0, 5, gen, what=EPOCH)
    loss_after = _plain(net).loss(x, y)
    if not loss_after < loss_before:
        raise AssertionError(
            f"{EPOCH}: on an easy problem (40 points split by a line, 2-3-1 network, eta = 1, "
            f"batches of 5) the loss went from {loss_before:.4f} to {loss_after:.4f} in three "
            f"epochs; it should fall.")
    passed(f"{EPOCH}: exact steps on 10 copies of one example, reproducible from the seed, "
           f"shuffled; on an easy problem the loss fell from {loss_before:.3f} to "
           f"{loss_after:.3f} in 3 epochs")


watch_all(globals())  # tripwires for the library shortcuts of each exercise (shortcuts.py)
