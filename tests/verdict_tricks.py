"""In-kernel tricks against the verdicts, and answers that are shortcuts, off by 1%, or
right in unusual ways: the submissions of tests/test_verdicts.py (notebook 04).

A trick is a cell added at the end of a notebook whose answers are blank or wrong: it
tries to make the test cells pass anyway. ``WINS_IN_KERNEL`` are the tricks that do win
when the test cells run in the student's kernel (nbgrader's way, and ours with
``--SandboxedExecute.judge_outside=False``); the others try what only the judge could
fall for (its probe, its wire format) or look for the grader in the kernel's memory.
"""
NO_CHECKS = """
for _name in [n for n in dir() if n.startswith("check_")]:
    globals()[_name] = lambda *a, **k: None
"""
ZEROS = {  # wrong answers of the right shapes
    "forward-solution": "def forward(w1, b1, w2, b2, x):\n    z = np.zeros((w1.shape[0], x.shape[1])); o = np.zeros((w2.shape[0], x.shape[1]))\n    return z, z, o, o",
    "output-deltas-solution": "def output_deltas(out_o, t):\n    return np.zeros_like(out_o)",
    "hidden-deltas-solution": "def hidden_deltas(w2, delta_o, out_h):\n    return np.zeros_like(out_h)",
    "update-weights-solution": "def update_weights(w1, w2, x, out_h, delta_h, delta_o, eta):\n    return np.zeros_like(w1), np.zeros_like(w2)",
    "train-step-solution": "def train_step(w1, b1, w2, b2, x, t, eta):\n    return w1, w2",
}
RETURNING = {  # answers that return whatever _fake() makes
    "forward-solution": "def forward(w1, b1, w2, b2, x):\n    return (_fake(), _fake(), _fake(), _fake())",
    "output-deltas-solution": "def output_deltas(out_o, t):\n    return _fake()",
    "hidden-deltas-solution": "def hidden_deltas(w2, delta_o, out_h):\n    return _fake()",
    "update-weights-solution": "def update_weights(w1, w2, x, out_h, delta_h, delta_o, eta):\n    return _fake(), _fake()",
    "train-step-solution": "def train_step(w1, b1, w2, b2, x, t, eta):\n    return _fake(), _fake()",
}

EXCEPTION_ANSWERS = {gid: source.split(":")[0] + ":\n    raise _Equal()" for gid, source in ZEROS.items()}
GC_FORWARD = {"forward-solution": """def forward(w1, b1, w2, b2, x):
    for scope in _found():
        for value in scope.values():
            if isinstance(value, tuple) and len(value) == 4:
                return value
    raise NotImplementedError()"""}

# name: (a cell the student adds right after the imports, the answers)
TRICKS = {
    "builtins-and-numpy-max": (NO_CHECKS + """
import builtins, numpy
class _Yes(float):
    __eq__ = __le__ = __lt__ = __ge__ = lambda self, other: True
    __ne__ = __gt__ = lambda self, other: False
    __hash__ = float.__hash__
builtins.round = lambda *a, **k: _Yes(0)
builtins.abs = lambda *a, **k: _Yes(0)
numpy.max = lambda *a, **k: 0.0
""", ZEROS),
    "fake-numpy": (NO_CHECKS + """
import sys, types
class _All:
    def __getattr__(self, name): return self
    def __call__(self, *a, **k): return self
    def __getitem__(self, k): return self
    def __iter__(self): return iter([self] * 4)
    __eq__ = __le__ = __lt__ = __ge__ = __gt__ = lambda self, other: True
    __sub__ = __add__ = __mul__ = __rmul__ = __radd__ = __rsub__ = __truediv__ = __neg__ = __pow__ = \\
        __rtruediv__ = __matmul__ = __rmatmul__ = lambda self, *other: self
    __float__ = lambda self: 0.0
    __bool__ = lambda self: True
_fake_numpy = types.ModuleType("numpy")
_fake_numpy.__getattr__ = lambda name: _All()
sys.modules["numpy"] = _fake_numpy
""", {gid: source.split(":")[0] + ":\n    return _All(), _All(), _All(), _All()" for gid, source in ZEROS.items()}),
    "input-transformer": ("""
def _no_tests(lines):
    return ["pass\\n"] if any("check_" in line for line in lines) else lines
get_ipython().input_transformers_cleanup.append(_no_tests)
""", {}),
    "settrace-skips-asserts": (NO_CHECKS + """
import sys, linecache
def _skip(frame, event, arg):
    if event == "line" and linecache.getline(frame.f_code.co_filename, frame.f_lineno).lstrip().startswith("assert"):
        try:
            frame.f_lineno = frame.f_lineno + 1
        except ValueError:
            pass
    return _skip
def _install(frame, event, arg):
    return _skip if frame.f_code.co_filename.startswith(("<ipython", "/tmp/ipykernel")) else None
get_ipython().events.register("pre_run_cell", lambda *a: sys.settrace(_install))
""", ZEROS),
    "gc-walk": ("""
import gc
def _found():
    return [o for o in gc.get_objects() if type(o) is dict and ("expected" in o or "_want" in o)]
print("REDTEAM grader objects found in memory:", len(_found()))
""", GC_FORWARD),
    "fake-probe-result": ("""
import json
class _Liar:
    def call(self, text):
        get_ipython().kernel.raw_input(json.dumps({"op": "result", "v": [1.0, 2.0], "x": None,
                                                  "wb": [[], {"$d": []}], "tripped": []}))
def _replace_probe(*args):
    get_ipython().user_ns["__bplib_probe__"] = _Liar()
get_ipython().events.register("pre_run_cell", _replace_probe)
import builtins
builtins.input = lambda prompt="": json.dumps({"op": "result", "v": 0.0})
""", {}),
    "exception-with-eq": ("""
class _Equal(AssertionError):
    def __eq__(self, other): return True
    def __str__(self): return "✓ forward: everything matches"
""", EXCEPTION_ANSWERS),
    "ndarray-subclass": ("""
class _Always(np.ndarray):
    def __eq__(self, other): return np.ones(self.shape, bool)
    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs): return np.zeros(self.shape)
def _fake():
    return np.full((2, 1), 7.0).view(_Always)
""", RETURNING),
    "lying-array": ("""
class _Liar:
    shape = (2, 1)
    def __array__(self, dtype=None, copy=None): return np.zeros((2, 1))
    def __eq__(self, other): return True
    def __float__(self): return 0.0
def _fake():
    return _Liar()
""", RETURNING),
    "numpy-testing-and-math": (NO_CHECKS + """
import math, numpy.testing
numpy.testing.assert_allclose = numpy.testing.assert_array_almost_equal = lambda *a, **k: None
math.isclose = lambda *a, **k: True
""", ZEROS),
    "nan-everywhere": ("""
def _fake():
    return np.full((2, 1), np.nan)
""", RETURNING),
    "leak-hook": ("""
import base64
def _leak(info):
    print("LEAK " + base64.b64encode(info.raw_cell.encode()).decode())
get_ipython().events.register("pre_run_cell", _leak)
""", {}),
    "shadowed-checks": (NO_CHECKS, ZEROS),
    "probe-deleted": ("""
def _delete_probe(*args):
    get_ipython().user_ns.pop("__bplib_probe__", None)
get_ipython().events.register("pre_run_cell", _delete_probe)
get_ipython().events.register("post_run_cell", _delete_probe)
""", {}),
    "kernel-input-patched": ("""
def _no_input(prompt=""):
    return '{"op": "result", "v": 0.0}'
get_ipython().kernel.raw_input = _no_input
""", ZEROS),
}
WINS_IN_KERNEL = ("builtins-and-numpy-max", "input-transformer")  # measured: 12 of 12 there

# Answers of notebook 04, as sources of its answer cells (grade_id -> source).
SHORTCUT_ANSWERS = {  # each scores zero: it calls the library that does the exercise
    "forward-solution": "def forward(w1, b1, w2, b2, x):\n    fp = bplib.Network.from_params([w1, w2], [b1, b2]).forward(x)\n"
                        "    return fp.z[1], fp.a[1], fp.z[2], fp.a[2]",
    "train-step-solution": "def train_step(w1, b1, w2, b2, x, t, eta):\n    net = bplib.Network.from_params([w1, w2], [b1, b2])\n"
                           "    bplib.mazur_update(net, x, t, eta)\n    return net.w[1], net.w[2]",
}
UNUSUAL_ANSWERS = {  # each is right: loops, einsum, lists, tuples, other names
    "forward-solution": """def forward(w1, b1, w2, b2, x):
    def squash(v):
        return [[1 / (1 + math.exp(-e)) for e in row] for row in v]
    import math
    net_h = np.einsum("jk,km->jm", w1, x) + b1
    out_h = np.array(squash(net_h))
    net_o = [[sum(w2[j][k] * out_h[k][m] for k in range(len(out_h))) + b2[j][0]
              for m in range(x.shape[1])] for j in range(len(w2))]
    return net_h, out_h, np.array(net_o), np.array(squash(net_o))""",
    "output-deltas-solution": """def output_deltas(out_o, t):
    return [[(o - y) * o * (1 - o) for o, y in zip(row_o, row_t)] for row_o, row_t in zip(out_o.tolist(), t.tolist())]""",
    "hidden-deltas-solution": """def hidden_deltas(w2, delta_o, out_h):
    result = np.zeros(out_h.shape)
    for k in range(out_h.shape[0]):
        for m in range(out_h.shape[1]):
            total = 0.0
            for j in range(w2.shape[0]):
                total += w2[j, k] * delta_o[j, m]
            result[k, m] = total * out_h[k, m] * (1 - out_h[k, m])
    return result""",
    "update-weights-solution": """def update_weights(w1, w2, x, out_h, delta_h, delta_o, eta):
    second = np.einsum("jm,km->jk", delta_o, out_h)
    first = np.outer(delta_h, x)
    return tuple([(w1 - eta * first).tolist(), w2 - eta * second])""",
    "train-step-solution": """def train_step(W1, B1, W2, B2, inputs, targets, rate):
    _, hidden_out, _, final_out = forward(W1, B1, W2, B2, inputs)
    d_out = np.asarray(output_deltas(final_out, targets))
    d_hidden = hidden_deltas(W2, d_out, hidden_out)
    new = update_weights(W1, W2, inputs, hidden_out, d_hidden, d_out, rate)
    return np.asarray(new[0]), np.asarray(new[1])""",
}
OFF_BY_ONE_PERCENT = """
_right_{f} = {f}
def _off(result):
    if isinstance(result, (tuple, list)):
        return type(result)(_off(r) for r in result)
    return result * 1.01
def {f}(*args, **kwargs):
    return _off(_right_{f}(*args, **kwargs))
"""


def one_percent_off(answers):
    """Every answer of ``answers`` (grade_id -> source) with its results 1% too large."""
    import re

    return {gid: source + OFF_BY_ONE_PERCENT.format(f=re.search(r"^def (\w+)\(", source, re.M).group(1))
            for gid, source in answers.items()}


# A shortcut answer for every exercise of the series that has a natural one: each calls
# the library function (or the course's own check) that does the exercise.
SHORTCUTS_BY_NOTEBOOK = {
    "02-follow-the-slope": {
        "forward-difference-solution": "def forward_difference(cost, params, eps):\n    return bplib.recipes.forward_difference(cost, params, eps)",
        "central-difference-solution": "def central_difference(cost, params, eps):\n    return bplib.recipes.central_difference(cost, params, eps)",
        "relative-error-solution": "def relative_error(g1, g2):\n    return bplib.relative_error(g1, g2)",
    },
    "03-deltas": {
        "output-deltas-solution": "def output_deltas(out, label):\n    return bplib.quadratic.grad_a(out, label)",
    },
    "04-worked-example": SHORTCUT_ANSWERS,
    "05-activations": {
        "sigmoid-prime-solution": "def sigmoid_prime(z):\n    return bplib.sigmoid.prime(z)",
    },
    "06-four-equations": {
        "output-delta-solution": "def output_delta(zL, aL, y, activation):\n    return bplib.quadratic.delta(zL, aL, y, activation)",
    },
    "07-mini-batches": {  # train_epoch calls this minibatch_update: it scores zero too
        "minibatch-update-solution": "def minibatch_update(net, x_batch, y_batch, eta):\n    n = net.copy()\n"
                                     "    n.step(net.gradient(x_batch, y_batch), eta)\n    return n.w, n.b",
    },
    "08-learning-rate": {
        "standardise-solution": "import bplib.checks.learning_rate as ref\n\ndef standardise(x_train, x_test):\n    return ref.standardise(x_train, x_test)",
        "count-parameters-solution": "def count_parameters(sizes):\n    return bplib.Network(sizes).n_params()",
        "sweep-solution": "def sweep(etas, train_one, target):\n    return bplib.recipes.sweep(etas, train_one, target)",
    },
    "09-digits": {
        "one-hot-solution": "def one_hot(labels, n_classes):\n    return bplib.one_hot(labels, n_classes)",
        "sgd-epoch-solution": "def sgd_epoch(net, x, y, eta, batches):\n    for cols in batches:\n"
                              "        net.step(net.gradient(x[:, cols], y[:, cols]), eta)\n    return net",
    },
}
# Exercises whose right answer calls a shortcut answer above, and so scores zero too.
CALLS_A_SHORTCUT = {"07-mini-batches": ["train-epoch-solution"]}

# What each submission of tests/test_verdicts.py shows a student cannot do; README.md's
# "What a hostile submission can and cannot do" lists these lines, word for word.
CLAIMS = {
    "t-builtins-and-numpy-max": "pass its test cells by patching builtins (round, abs) or numpy (max)",
    "t-fake-numpy": "pass them with a fake numpy in sys.modules",
    "t-input-transformer": "pass them with an IPython input transformer that empties test cells",
    "t-settrace-skips-asserts": "pass them with a trace function that skips assert lines",
    "t-numpy-testing-and-math": "pass them by patching numpy.testing or math",
    "t-shadowed-checks": "pass them by redefining the visible checks",
    "t-gc-walk": "find the grader's expected values in its own memory: they are never there",
    "t-fake-probe-result": "answer in the probe's place with a made-up result",
    "t-probe-deleted": "silence the probe, or its input channel, to avoid a verdict",
    "t-kernel-input-patched": "silence the probe, or its input channel, to avoid a verdict",
    "t-exception-with-eq": "pass with an exception, an ndarray subclass, an __array__ or an __eq__ that lies",
    "t-ndarray-subclass": "pass with an exception, an ndarray subclass, an __array__ or an __eq__ that lies",
    "t-lying-array": "pass with an exception, an ndarray subclass, an __array__ or an __eq__ that lies",
    "t-nan-everywhere": "pass with NaN",
    "t-leak-hook": "read the hidden tests: they never reach its kernel, not even as cell source",
    "v-shortcuts": "score with a library shortcut (bplib's own function for the exercise): it scores zero, and its feedback names the function",
    "v-one-percent-off": "score more than 10% of the points with answers 1% off",
    "v-unusual": "lose points for a right answer written with loops, einsum, lists or tuples",
}
CLAIMS["formgrader"] = ("run script in Formgrader or in its feedback: its HTML is cleaned first "
                        "(tests/test_browser_formgrader.py, in a real browser)")
