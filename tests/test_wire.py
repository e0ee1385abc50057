"""The wire format between the grader and the kernel: data only, decoded strictly.

Each refusal below is an input a hostile kernel could send; each is shown to be refused
with WireError (which the grader scores as a wrong answer), while the honest data of the
course's exercises (arrays, lists laid out like net.w, tuples, None, numbers, NaN) goes
through unchanged, and an array sent and sent back lands in the original.
"""
import base64
import json
from types import SimpleNamespace

import numpy as np
import pytest

from bplib.grading.wire import Link, WireError, merge


class Grader(Link):
    side = "g"


class Kernel(Link):
    side = "k"


def round_trip(value):
    return Kernel().loads(Grader().dumps(value))


def test_the_exercises_data_goes_through_unchanged():
    w = [None, np.arange(6.0).reshape(2, 3), np.ones((1, 2))]
    got = round_trip((w, 3, 2.5, True, "x", {"a": np.int64(4)}, [1.0, float("nan")]))
    assert got[0][0] is None and all(np.array_equal(a, b) for a, b in zip(got[0][1:], w[1:]))
    assert got[1:5] == (3, 2.5, True, "x") and got[5] == {"a": 4} and np.isnan(got[6][1])
    assert got[0][1].dtype == np.float64 and type(got[5]["a"]) is int


def test_a_namespace_goes_by_value():
    got = round_trip(SimpleNamespace(z=[None, np.zeros(2)], a=[1.0]))
    assert type(got) is SimpleNamespace and got.a == [1.0] and got.z[1].tolist() == [0.0, 0.0]


def test_an_array_sent_back_lands_in_the_original():
    grader, kernel = Grader(), Kernel()
    original = np.zeros(3)
    there = kernel.loads(grader.dumps([original]))[0]
    there[1] = 5.0  # the kernel's function changed it in place
    back = grader.loads(kernel.dumps(there))
    assert back is original and original.tolist() == [0.0, 5.0, 0.0]


def test_lying_types_become_plain_data():
    class Yes(float):
        def __eq__(self, other):
            return True

    class Always(np.ndarray):
        def __eq__(self, other):
            return True

    got = round_trip([Yes(0.5), np.full(2, 7.0).view(Always), [1, 2]])
    assert type(got[0]) is float and got[0] != 1.0
    assert type(got[1]) is np.ndarray and (got[1] == 1.0).tolist() == [False, False]


def test_code_cannot_be_sent():
    with pytest.raises(WireError):
        Grader().dumps(lambda x: x)
    with pytest.raises(WireError):
        Grader().dumps(np.array([object()]))


def array(dtype="<f8", shape=(2,), data=b"\0" * 16, key="k1"):
    return {"$a": [dtype, list(shape), base64.b64encode(data).decode(), key]}


@pytest.mark.parametrize("hostile", [
    array(dtype="|O"),                               # an object array: pickled code
    array(dtype="<U4"),                              # not numbers
    array(shape=(3,)),                               # bytes that do not fit the shape
    array(shape=(-1,)),
    {"$a": ["<f8", [2], "not base64!", "k1"]},
    array(shape=(2 ** 62, 2 ** 62, 4)),             # a shape whose size overflows int64
    {"$r": 7},                                       # a reference where only data may be
    {"$n": {"not a name": 1}},
    {"$d": [[[1], 2]]},                              # a list as a key
    {"$x": 1},                                       # an unknown tag
    {"$t": [1], "$d": []},                           # two tags
    [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],
])
def test_what_is_not_the_format_is_refused(hostile):
    with pytest.raises(WireError):
        Grader().loads(json.dumps(hostile))


@pytest.mark.parametrize("text", ["NaN", "[Infinity]", "{not json", 42])
def test_what_is_not_json_is_refused(text):
    with pytest.raises(WireError):
        Grader().loads(text)


def test_merge_writes_lists_in_place():
    old = [None, np.zeros(2)]
    new = [None, np.ones(2)]
    assert merge(old, new) is old and old[1].tolist() == [1.0, 1.0]
    assert merge([1], [1, 2]) == [1, 2]


def test_a_list_the_kernel_wrote_into_is_written_back_entry_by_entry():
    """A learner's function that puts a new matrix into a list it was given changes the
    grader's list too (Session._outcome), so a check sees the same as in the kernel."""
    from bplib.grading.remote import GraderLink, Session

    session = Session(None, None, lambda: 0)
    session.link = GraderLink()
    kept, replaced = np.zeros(2), np.zeros(2)
    weights = [None, kept, replaced]
    kernel = Kernel()
    args, _ = kernel.loads(session.link.dumps([[weights], {}]))
    args[0][1][0] = 3.0                 # an entry changed in place
    args[0][2] = np.ones(2)             # an entry replaced: weights[2] = ...
    result = {"wb": kernel.encode([args, {}]), "v": kernel.encode(None)}
    session._outcome(result, set(), [weights])
    assert weights[1] is kept and kept.tolist() == [3.0, 0.0]
    assert weights[2] is not replaced and weights[2].tolist() == [1.0, 1.0]


# ----- random generators go by value ------------------------------------------------------
def pair():
    grader, kernel = Link(), Link()
    grader.side, kernel.side = "g", "k"
    return grader, kernel


@pytest.mark.parametrize("make", [np.random.default_rng,
                                  lambda s: np.random.Generator(np.random.MT19937(s)),
                                  lambda s: np.random.Generator(np.random.Philox(s))])
def test_a_generator_crosses_as_its_state_and_its_stream_goes_on_where_the_kernel_left_it(make):
    grader, kernel = pair()
    rng = make(11)
    theirs = kernel.loads(grader.dumps([rng]))[0]
    assert theirs is not rng and type(theirs) is np.random.Generator
    drawn = [theirs.uniform(), int(theirs.integers(10**6)), *theirs.normal(size=3)]
    assert grader.loads(kernel.dumps([theirs]))[0] is rng  # the original, moved on
    same = make(11)
    assert drawn == [same.uniform(), int(same.integers(10**6)), *same.normal(size=3)]
    assert rng.uniform() == same.uniform()


@pytest.mark.parametrize("body", [
    ["PCG64", {"$d": [["bit_generator", "PCG64"], ["state", 5]]}, "g1"],  # no such state
    ["MT19937", {"$d": [["bit_generator", "PCG64"]]}, "g1"],             # another kind
    ["os.system", {"$d": []}, "g1"],                                      # not a generator
    ["PCG64", {"$d": []}],                                                # malformed
    ["PCG64", {"$d": [["bit_generator", "PCG64"], ["state", {"$d": [["state", -1],
                                                                    ["inc", 1]]}],
                      ["has_uint32", 0], ["uinteger", 0]]}, "k" * 41],      # key too long
])
def test_a_generator_state_the_bit_generator_refuses_is_a_wire_error(body):
    grader, _kernel = pair()
    rng = np.random.default_rng(3)
    grader.dumps([rng])  # rng is g1
    before = rng.bit_generator.state
    with pytest.raises(WireError):
        grader.loads(json.dumps([{"$g": body}]))
    assert rng.bit_generator.state == before
