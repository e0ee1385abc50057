"""Explorers: sliders a learner moves to feel what each quantity does.

One small class per explorer, one file each, all built on ``base.Explorer`` (a figure
drawn off-screen with readable text, a readout, batching, and a static fallback for
viewers without widgets). Tests drive them in plain Python: set a control's value,
read ``explorer.numbers`` and the data of the figure's lines.

    ErrorAlongWeight  the error along one weight, with the backprop tangent
    WorkedExample     Mazur's 2-2-2 network, every number live, one update step
    ActivationSlopes  sigmoid, ReLU and tanh with their slopes at a chosen z
    Demon             nudge one neuron's z by dz: measured change in cost vs delta * dz
    LearningRate      Glassner's moons experiment at a chosen learning rate
    RandomNudges      the slow learner against gradient descent, per forward pass
"""
from .activation_slopes import ActivationSlopes
from .base import Explorer
from .demon import Demon
from .error_along_weight import ErrorAlongWeight
from .learning_rate import LearningRate
from .random_nudges import RandomNudges
from .worked_example import MAZUR_CONTROLS, WorkedExample

EXPLORERS = (ErrorAlongWeight, WorkedExample, ActivationSlopes, Demon, LearningRate,
             RandomNudges)
__all__ = [cls.__name__ for cls in EXPLORERS] + ["Explorer", "MAZUR_CONTROLS", "EXPLORERS"]
