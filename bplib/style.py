"""One set of colours for every figure of the course, so a colour means one thing.

Layers: inputs, hidden layers and outputs keep their colour in every network drawing
and per-layer plot. Classes: class 0 and class 1 (and the ten digits) keep theirs in
every scatter plot. Methods: the nudge learner, finite differences and backprop /
gradient descent keep theirs in every comparison. Train and test curves likewise.
"""
INPUT = "#4c72b0"     # blue
HIDDEN = "#55a868"    # green
OUTPUT = "#c44e52"    # red
LAYER_COLORS = (INPUT, HIDDEN, OUTPUT)

CLASS_COLORS = ("#1f77b4", "#ff7f0e")  # class 0 blue, class 1 orange
DIGIT_CMAP = "tab10"                    # the ten digits

NUDGE = "#8172b3"       # purple: random nudges
FINITE_DIFF = "#937860"  # brown: finite differences
BACKPROP = "#dd8452"    # orange: backprop / gradient descent

TRAIN = "#4c72b0"
TEST = "#c44e52"


def layer_color(l, L):
    """Colour of layer l in a network with output layer L (0 is the input layer)."""
    return INPUT if l == 0 else OUTPUT if l == L else HIDDEN
