"""Typical wrong answers to notebook 07 (mini-batches), for tests/test_mistakes.py."""
import numpy as np

from mistakes import Wrong
from test_checks_batches import (
    batches_array_split, batches_drop_last, batches_fixed_seed, batches_flat, batches_float,
    batches_global, batches_right, batches_shuffled_chunks, batches_unshuffled,
    batches_with_replacement, epoch_drop_last, epoch_global, epoch_misaligned_targets,
    epoch_one_step, epoch_per_example, epoch_returns_new, epoch_summed, epoch_unshuffled,
    epoch_uphill, epoch_whole_data_each_step, epoch_with_train, loop_averaged_twice,
    loop_bias_keeps_batch_axis, loop_last_only, loop_right, loop_steps, loop_summed,
    loop_wishes, loop_without_none, update_averaged_twice, update_eta_twice, update_in_place,
    update_no_eta, update_rebinds_the_nets_lists, update_returns_the_step, update_right,
    update_summed, update_uphill, update_weights_only, update_with_step)
# the same wrong answers as its tests
from test_checks_batches import (
    batches_sliding_window, batches_inclusive_end, epoch_layer_by_layer)


# ----- loop gradients -------------------------------------------------------------------
def loop_first_only(net, x, y):
    # returns from inside the loop, after the first example
    for i in range(x.shape[1]):
        g = net.backward(net.forward(x[:, [i]]), y[:, [i]])
        return g.nabla_w, g.nabla_b


def loop_biases_not_divided(net, x, y):
    # divides the weights' total by m, forgets the biases'
    m = x.shape[1]
    nabla_w, nabla_b = loop_right(net, x, y)
    return nabla_w, [None] + [m * b for b in nabla_b[1:]]


def loop_outer_the_wrong_way(net, x, y):
    # np.outer(a, delta): the transpose of delta a^T
    m = x.shape[1]
    nabla_w = [None] + [0.0] * net.L
    nabla_b = [None] + [0.0] * net.L
    for i in range(m):
        fp = net.forward(x[:, [i]])
        delta = net.backward(fp, y[:, [i]]).delta
        for l in range(1, net.L + 1):
            nabla_w[l] = nabla_w[l] + np.outer(fp.a[l - 1], delta[l]) / m
            nabla_b[l] = nabla_b[l] + delta[l] / m
    return nabla_w, nabla_b


def loop_centres_x(net, x, y):
    # centres the caller's data in place before the loop
    x -= x.mean(axis=1, keepdims=True)
    return loop_right(net, x, y)


# ----- minibatch update -----------------------------------------------------------------
def update_layer_by_layer(net, x, y, eta):
    # last layer first, each layer's gradient taken after the layers above have moved
    new = net.copy()
    for l in range(net.L, 0, -1):
        g = new.gradient(x, y)
        new.w[l] = new.w[l] - eta * g.nabla_w[l]
        new.b[l] = new.b[l] - eta * g.nabla_b[l]
    return new.w, new.b


def update_layer_by_layer_forwards(net, x, y, eta):
    # layer 1 first, each layer's gradient taken after the layers below have moved
    new = net.copy()
    for l in range(1, net.L + 1):
        g = new.gradient(x, y)
        new.w[l] = new.w[l] - eta * g.nabla_w[l]
        new.b[l] = new.b[l] - eta * g.nabla_b[l]
    return new.w, new.b


def update_returns_the_gradient(net, x, y, eta):
    g = net.gradient(x, y)
    return g.nabla_w, g.nabla_b


# ----- minibatches ----------------------------------------------------------------------
# ----- train epoch ----------------------------------------------------------------------
def epoch_one_batch_only(net, x, y, eta, batch_size, rng):
    # steps on the first mini-batch and stops
    cols = batches_right(x.shape[1], batch_size, rng)[0]
    net.w, net.b = update_right(net, x[:, cols], y[:, cols], eta)


LOOP, UPDATE, BATCHES, EPOCH = ("loop-gradients-tests", "minibatch-update-tests",
                                "minibatches-tests", "train-epoch-tests")
WRONG = [
    Wrong(LOOP, "sums without dividing by m", {"loop_gradients": loop_summed},
          "did not divide by m"),
    Wrong(LOOP, "averages twice", {"loop_gradients": loop_averaged_twice}, "averaged twice"),
    Wrong(LOOP, "divides the weights by m but not the biases",
          {"loop_gradients": loop_biases_not_divided}, "nabla_b is 3 times too big"),
    Wrong(LOOP, "keeps one bias column per example", {"loop_gradients": loop_bias_keeps_batch_axis},
          "one column per example"),
    Wrong(LOOP, "overwrites the total: last example only", {"loop_gradients": loop_last_only},
          "gradient of the last example only"),
    Wrong(LOOP, "returns inside the loop: first example only", {"loop_gradients": loop_first_only},
          "gradient of the first example only"),
    Wrong(LOOP, "returns minus the gradient", {"loop_gradients": loop_wishes},
          "wrong sign everywhere"),
    Wrong(LOOP, "np.outer(a, delta): transposed", {"loop_gradients": loop_outer_the_wrong_way},
          "is transposed"),
    Wrong(LOOP, "lists without the None at index 0", {"loop_gradients": loop_without_none},
          "bplib's layout has"),
    Wrong(LOOP, "steps the network with net.step", {"loop_gradients": loop_steps},
          "net.step is switched off"),
    Wrong(LOOP, "centres the caller's x in place", {"loop_gradients": loop_centres_x},
          "changed one of its input arrays in place"),

    Wrong(UPDATE, "moves uphill", {"minibatch_update": update_uphill}, "moved uphill"),
    Wrong(UPDATE, "eta applied twice", {"minibatch_update": update_eta_twice},
          "learning rate is applied twice"),
    Wrong(UPDATE, "forgets eta", {"minibatch_update": update_no_eta},
          "the learning rate eta is missing"),
    Wrong(UPDATE, "sums over the batch", {"minibatch_update": update_summed},
          "the gradient was summed"),
    Wrong(UPDATE, "divides net.gradient by m again", {"minibatch_update": update_averaged_twice},
          "the gradient was averaged twice"),
    Wrong(UPDATE, "updates the weights only", {"minibatch_update": update_weights_only},
          "update the biases too"),
    Wrong(UPDATE, "layer by layer from the top, gradients recomputed",
          {"minibatch_update": update_layer_by_layer}, "before every layer's gradient"),
    Wrong(UPDATE, "layer by layer from the bottom, gradients recomputed",
          {"minibatch_update": update_layer_by_layer_forwards}, "before every layer's gradient"),
    Wrong(UPDATE, "updates the given network in place", {"minibatch_update": update_in_place},
          "changed the network it was given"),
    Wrong(UPDATE, "rebinds net.w and net.b", {"minibatch_update": update_rebinds_the_nets_lists},
          "changed the network it was given"),
    Wrong(UPDATE, "uses net.step", {"minibatch_update": update_with_step},
          "net.step is switched off"),
    Wrong(UPDATE, "returns the step, not the new weights",
          {"minibatch_update": update_returns_the_step}, "you returned the step"),
    Wrong(UPDATE, "returns the gradient", {"minibatch_update": update_returns_the_gradient},
          "you returned the gradient"),

    Wrong(BATCHES, "no shuffle", {"minibatches": batches_unshuffled}, "original order"),
    Wrong(BATCHES, "drops the last partial batch", {"minibatches": batches_drop_last},
          "the last, smaller mini-batch is missing"),
    Wrong(BATCHES, "draws with replacement", {"minibatches": batches_with_replacement},
          "drawing with replacement"),
    Wrong(BATCHES, "sliding window: overlapping batches", {"minibatches": batches_sliding_window},
          "the mini-batches overlap"),
    Wrong(BATCHES, "inclusive slice end: overlapping batches",
          {"minibatches": batches_inclusive_end}, "the mini-batches overlap"),
    Wrong(BATCHES, "np.array_split into m // batch_size pieces",
          {"minibatches": batches_array_split}, "np.array_split"),
    Wrong(BATCHES, "numpy's global generator", {"minibatches": batches_global},
          "numpy's global generator"),
    Wrong(BATCHES, "a fixed seed inside", {"minibatches": batches_fixed_seed}, "ignores rng"),
    Wrong(BATCHES, "shuffles the batches, not the examples",
          {"minibatches": batches_shuffled_chunks},
          "shuffled the order of the batches but not the examples"),
    Wrong(BATCHES, "float example numbers", {"minibatches": batches_float},
          "integer column numbers"),
    Wrong(BATCHES, "one flat permutation", {"minibatches": batches_flat}, "one flat array"),

    Wrong(EPOCH, "trains a copy", {"train_epoch": epoch_returns_new}, "weights did not change"),
    Wrong(EPOCH, "no shuffle", {"train_epoch": epoch_unshuffled}, "original order"),
    Wrong(EPOCH, "drops the last partial batch", {"train_epoch": epoch_drop_last},
          "the last, smaller mini-batch was left out"),
    Wrong(EPOCH, "sums over each batch", {"train_epoch": epoch_summed},
          "summed over the batch instead of averaged"),
    Wrong(EPOCH, "one step on all the data", {"train_epoch": epoch_one_step},
          "one step for the whole epoch"),
    Wrong(EPOCH, "one step per example", {"train_epoch": epoch_per_example},
          "one step per example"),
    Wrong(EPOCH, "the first mini-batch only", {"train_epoch": epoch_one_batch_only},
          "one step for the whole epoch"),
    Wrong(EPOCH, "numpy's global generator", {"train_epoch": epoch_global},
          "same seed ended with different weights"),
    Wrong(EPOCH, "the whole data at every step", {"train_epoch": epoch_whole_data_each_step},
          "every step used the whole data"),
    Wrong(EPOCH, "targets not paired with the inputs", {"train_epoch": epoch_misaligned_targets},
          "pairs x[:, cols] with y[:, cols]"),
    Wrong(EPOCH, "layer by layer, gradients recomputed", {"train_epoch": epoch_layer_by_layer},
          "before every layer's gradient"),
    Wrong(EPOCH, "moves uphill", {"train_epoch": epoch_uphill}, "moved uphill"),
    Wrong(EPOCH, "calls net.train", {"train_epoch": epoch_with_train}, "net.train is switched off"),
]
