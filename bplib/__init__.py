"""bplib: the small library behind the backprop course.

Column vectors throughout, as in Nielsen's "Neural Networks and Deep Learning":
w[l][j, k] is the weight from neuron k of layer l-1 to neuron j of layer l, and a batch
is a matrix with one example per column. See bplib.network for the full notation.
"""
from .activations import ACTIVATIONS, Activation, get_activation, identity, relu, sigmoid, tanh
from .costs import COSTS, cross_entropy, get_cost, quadratic, sigmoid_cross_entropy_delta
from .data import digits, load_idx, load_mnist, moons, one_hot
from .diagnostics import dead_fraction, saturated_fraction
from .gradcheck import numerical_gradient, relative_error
from .network import DivergedError, ForwardPass, Gradients, History, Network
from .nudge import NudgeHistory, nudge_train
from .worked import (GLASSNER_EXAMPLE, GLASSNER_NEURONS, MAZUR, MAZUR_CORRECTED, MAZUR_EXACT,
                     MAZUR_PUBLISHED, MAZUR_SHARED_BIASES, MAZUR_WEIGHTS, MAZUR_WITH_BIASES,
                     glassner_weight,
                     glassner_weight_names, matches_published, mazur_expected, mazur_network,
                     mazur_sample, mazur_train, mazur_update)

__version__ = "0.1.0"
