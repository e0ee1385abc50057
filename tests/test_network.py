"""Construction, shapes and the errors a learner meets, training and its history."""
import numpy as np
import pytest

import bplib
from bplib import DivergedError, Network


def test_layout_follows_nielsen():
    net = Network([3, 5, 2], seed=0)
    assert net.L == 2 and net.w[0] is None and net.b[0] is None
    assert net.w[1].shape == (5, 3) and net.w[2].shape == (2, 5)
    assert net.b[1].shape == (5, 1) and net.b[2].shape == (2, 1)
    fp = net.forward(np.ones((3, 4)))
    assert fp.z[0] is None and fp.a[0].shape == (3, 4)
    np.testing.assert_allclose(fp.z[1], net.w[1] @ np.ones((3, 4)) + net.b[1])
    np.testing.assert_allclose(fp.a[2], bplib.sigmoid(net.w[2] @ fp.a[1] + net.b[2]))
    assert repr(net) == "Network([3, 5, 2], activations=[sigmoid, sigmoid], cost=quadratic)"


def test_parameter_count_of_3blue1brown_net():
    assert Network([784, 16, 16, 10]).n_params() == 13_002
    assert Network([2, 4, 4, 1]).n_params() == 37


def test_seeded_initialisation():
    a, b, c = Network([4, 6, 2], seed=1), Network([4, 6, 2], seed=1), Network([4, 6, 2], seed=2)
    np.testing.assert_array_equal(a.w[1], b.w[1])
    assert not np.array_equal(a.w[1], c.w[1])


def test_relu_layers_get_he_scaling():
    net = Network([400, 300, 300], ["relu", "sigmoid"], seed=0)
    assert net.w[1].std() == pytest.approx(np.sqrt(2 / 400), rel=0.02)
    assert net.w[2].std() == pytest.approx(np.sqrt(1 / 300), rel=0.02)


def test_single_example_as_a_1d_vector():
    net = Network([3, 2], seed=0)
    x = np.array([0.1, 0.2, 0.3])
    np.testing.assert_array_equal(net.predict(x), net.predict(x.reshape(3, 1)))


# ----- errors a learner meets ----------------------------------------------
def test_input_of_wrong_shape_names_expected_and_received():
    net = Network([3, 4, 2])
    with pytest.raises(ValueError, match=r"input x: expected shape \(3, m\).*got shape \(5, 2\)"):
        net.forward(np.zeros((5, 2)))


def test_rows_as_examples_gets_a_hint():
    net = Network([3, 4, 2])
    with pytest.raises(ValueError, match=r"got shape \(10, 3\).*one example per row.*x\.T"):
        net.forward(np.zeros((10, 3)))


def test_targets_as_rows_get_a_hint_that_names_y():
    net = Network([3, 4, 2])
    with pytest.raises(ValueError, match=r"targets y: .*got shape \(5, 2\).*\(y\.T\)"):
        net.loss(np.zeros((3, 5)), np.zeros((5, 2)))


def test_targets_of_wrong_shape():
    net = Network([3, 4, 2])
    fp = net.forward(np.zeros((3, 5)))
    with pytest.raises(ValueError, match=r"targets y: expected shape \(2, m\).*got shape \(3, 5\)"):
        net.backward(fp, np.zeros((3, 5)))
    with pytest.raises(ValueError, match=r"targets y: expected one column per input example, "
                                         r"shape \(2, 5\), got shape \(2, 4\)"):
        net.backward(fp, np.zeros((2, 4)))


def test_a_weight_matrix_of_wrong_shape_names_its_layer():
    net = Network([3, 4, 2])
    net.w[2] = net.w[2].T  # the classic j/k mix-up
    with pytest.raises(ValueError, match=r"layer 2: w\[2\] should have shape \(2, 4\).*got shape \(4, 2\)"):
        net.forward(np.zeros((3, 1)))


def test_a_bias_of_wrong_shape_names_its_layer():
    net = Network([3, 4, 2])
    net.b[1] = np.zeros(4)  # a flat vector would broadcast into a (4, 4) matrix
    with pytest.raises(ValueError, match=r"layer 1: b\[1\] should have shape \(4, 1\).*got shape \(4,\)"):
        net.forward(np.zeros((3, 1)))


def test_construction_errors():
    with pytest.raises(ValueError, match="sizes: expected at least two positive"):
        Network([3])
    with pytest.raises(ValueError, match="sizes: expected at least two positive"):
        Network([3, 0, 1])
    with pytest.raises(ValueError, match=r"activations: expected one per layer 1..2 \(2 in all\), got 3"):
        Network([3, 4, 2], ["relu", "relu", "sigmoid"])
    with pytest.raises(ValueError, match="cross-entropy needs outputs in .0, 1., but the output layer's activation is tanh"):
        Network([3, 4, 2], "tanh", "cross_entropy")
    with pytest.raises(ValueError, match="as many bias vectors as weight matrices, got 2 weight matrices and 1"):
        Network.from_params([np.zeros((2, 2)), np.zeros((1, 2))], [np.zeros(2)])
    with pytest.raises(ValueError, match=r"layer 2: w\[2\] should have shape \(1, 2\)"):
        Network.from_params([np.zeros((2, 3)), np.zeros((1, 3))], [np.zeros(2), np.zeros(1)])


def test_training_argument_errors():
    net = Network([2, 3, 1])
    x, y = np.zeros((2, 8)), np.zeros((1, 8))
    with pytest.raises(ValueError, match="eta: expected a positive learning rate, got 0"):
        net.train(x, y, epochs=1, batch_size=2, eta=0, progress=False)
    with pytest.raises(ValueError, match="batch_size: expected a positive integer, got 0"):
        net.train(x, y, epochs=1, batch_size=0, eta=0.1, progress=False)
    with pytest.raises(ValueError, match=r"training targets y: expected 8 columns.*got shape \(1, 7\)"):
        net.train(x, np.zeros((1, 7)), epochs=1, batch_size=2, eta=0.1, progress=False)
    with pytest.raises(ValueError, match=r"test inputs: expected shape \(2, m\)"):
        net.train(x, y, 1, 2, 0.1, test=(np.zeros((3, 4)), np.zeros((1, 4))), progress=False)


def test_divergence_stops_with_the_epoch_and_keeps_the_work():
    d = bplib.moons(n=200, seed=0)
    net = Network([2, 8, 8, 1], ["relu", "relu", "identity"], "quadratic", seed=0)
    with pytest.raises(DivergedError) as info:
        net.train(d.x_train, d.y_train, epochs=20, batch_size=4, eta=5.0, progress=False)
    err = info.value
    assert f"training diverged in epoch {err.epoch}" in str(err)
    assert "Try a smaller learning rate" in str(err) and "eta = 0.5" in str(err)
    assert err.epoch >= 1
    assert err.history.epoch == list(range(err.epoch))
    assert len(err.history.loss) == err.epoch and np.all(np.isfinite(err.history.loss))
    assert all(np.isfinite(p).all() for _, _, p in net.params())  # weights put back


def test_history_records_every_epoch_from_the_start():
    d = bplib.moons(n=200, seed=1)
    net = Network([2, 4, 1], ["relu", "sigmoid"], seed=0)
    start_loss = net.loss(d.x_train, d.y_train)
    h = net.train(d.x_train, d.y_train, epochs=3, batch_size=10, eta=0.5,
                  test=(d.x_test, d.y_test), progress=False, snapshots=True)
    assert h.epoch == [0, 1, 2, 3]
    assert h.examples == [0, 160, 320, 480]
    assert h.loss[0] == start_loss and h.loss[-1] < h.loss[0]
    assert len(h.accuracy) == len(h.test_loss) == len(h.test_accuracy) == len(h.weights) == 4
    w_last, b_last = h.weights[-1]
    np.testing.assert_array_equal(w_last[1], net.w[1])
    assert not np.array_equal(h.weights[0][0][1], net.w[1])


def test_training_is_deterministic_and_the_seed_matters():
    d = bplib.moons(n=200, seed=2)

    def run(seed):
        net = Network([2, 4, 1], ["tanh", "sigmoid"], seed=0)
        return net.train(d.x_train, d.y_train, 2, 8, 0.3, seed=seed, progress=False).loss

    assert run(5) == run(5)
    assert run(5) != run(6)


def test_one_step_moves_every_parameter_down_its_gradient():
    net = Network([3, 4, 2], "tanh", seed=0)
    x, y = np.ones((3, 5)), np.zeros((2, 5))
    before = net.copy()
    g = net.gradient(x, y)
    net.step(g, 0.1)
    for l in (1, 2):
        np.testing.assert_allclose(net.w[l], before.w[l] - 0.1 * g.nabla_w[l])
        np.testing.assert_allclose(net.b[l], before.b[l] - 0.1 * g.nabla_b[l])
    assert net.loss(x, y) < before.loss(x, y)


def test_accuracy_threshold_and_argmax():
    net = Network.from_params([np.eye(2)], [np.zeros(2)], "identity")
    x = np.array([[0.9, 0.1], [0.2, 0.7]])
    assert net.accuracy(x, np.array([[1.0, 0.0], [0.0, 1.0]])) == 1.0
    assert net.accuracy(x, np.array([[0.0, 0.0], [1.0, 1.0]])) == 0.5
    single = Network.from_params([np.ones((1, 1))], [np.zeros(1)], "identity")
    assert single.accuracy(np.array([[0.7, 0.2, 0.6]]), np.array([[1.0, 0.0, 0.0]])) == pytest.approx(2 / 3)


def test_progress_bar_can_be_shown(capsys):
    d = bplib.moons(n=100, seed=0)
    Network([2, 3, 1], seed=0).train(d.x_train, d.y_train, 2, 10, 0.5, progress=True)
    assert "epochs" in capsys.readouterr().err
    Network([2, 3, 1], seed=0).train(d.x_train, d.y_train, 2, 10, 0.5, progress=False)
    assert capsys.readouterr().err == ""


@pytest.mark.slow
def test_moons_2_4_4_1_reaches_97_percent():
    d = bplib.moons(n=1500, seed=0)
    net = Network([2, 4, 4, 1], ["relu", "relu", "sigmoid"], "quadratic", seed=0)
    h = net.train(d.x_train, d.y_train, epochs=20, batch_size=1, eta=0.05,
                  test=(d.x_test, d.y_test), progress=False)
    print(f"moons test accuracy {h.test_accuracy[-1]:.4f}")
    assert h.test_accuracy[0] < 0.9 and h.test_accuracy[-1] >= 0.97


@pytest.mark.slow
def test_digits_64_16_16_10_reaches_90_percent():
    d = bplib.digits(seed=0)
    net = Network([64, 16, 16, 10], "sigmoid", "cross_entropy", seed=0)
    h = net.train(d.x_train, d.y_train, epochs=15, batch_size=10, eta=1.0,
                  test=(d.x_test, d.y_test), progress=False)
    print(f"digits test accuracy {h.test_accuracy[-1]:.4f}")
    assert h.test_accuracy[0] < 0.2 and h.test_accuracy[-1] >= 0.90
