"""One set of colours and one text size for every figure of the course.

A colour means one thing everywhere, and no two meanings share a colour
(tests/test_widgets.py checks that every colour below is distinct).

Layers: inputs, hidden layers and outputs keep their colour in every network drawing
and per-layer plot. Classes: class 0 and class 1 (and the ten digits) keep theirs in
every scatter plot. Methods: the nudge learner, finite differences and backprop /
gradient descent keep theirs in every comparison. Train and test curves likewise, in
black and grey, so they never look like a class or a layer. Costs: the quadratic cost
and cross-entropy, where one figure compares them. Weights: the lines of several
weights leaving the hidden neurons, in shades of the hidden layer's green. Outcomes: the
misconception report's right, named mistake, unrecognised and blank.

Text: explorers lay out their figures at SCREEN_DPI CSS pixels per inch, so a point of
type is 84/72 CSS px and TEXT (no font below 10 pt) is at least 11.7 px at 100% zoom,
above MIN_TEXT_PX; they render at SHARPNESS times that resolution so that a HiDPI screen
shows it sharp.
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

TRAIN = "#222222"  # near-black: training data
TEST = "#8c8c8c"   # grey (drawn dashed): test data

QUADRATIC = "#17becf"      # cyan: the quadratic cost
CROSS_ENTROPY = "#bcbd22"  # olive: cross-entropy

RIGHT = "#009e73"         # bluish green: an answer that passed (the misconception report)
MISTAKE = "#d55e00"       # vermilion: a named mistake
UNRECOGNISED = "#6b4e9b"  # dark violet: wrong in a way no check names
BLANK = "#c8c8c8"         # light grey: not answered

WEIGHT_SHADES = ("#1b5e20", "#388e3c", "#81c784", "#a5d6a7")  # weights from hidden neurons

COLORS = {name: value for name, value in globals().items()
          if name.isupper() and isinstance(value, str) and value.startswith("#")}

SCREEN_DPI = 84    # explorers are laid out at 84 CSS px per inch: 10 pt is 11.7 px
SHARPNESS = 2      # and rendered at twice that, for HiDPI screens
MIN_TEXT_PX = 10
TEXT = {"font.size": 10, "axes.titlesize": 11, "axes.labelsize": 10,
        "xtick.labelsize": 10, "ytick.labelsize": 10, "legend.fontsize": 10,
        "figure.titlesize": 11}


def layer_color(l, L):
    """Colour of layer l in a network with output layer L (0 is the input layer)."""
    return INPUT if l == 0 else OUTPUT if l == L else HIDDEN
