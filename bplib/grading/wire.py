"""The plain-data format that crosses between the grader and the student's kernel.

Both sides use this module: the grader imports it, and the probe (student.py) carries
its source into the kernel. It carries only data: JSON, with numpy arrays as dtype,
shape and base64 bytes (never pickle), so it cannot carry code. On the grader's side
its input comes from student code, so decoding is strict: numeric and boolean dtypes
only, shapes that match their bytes, bounded depth and size, names that are names.
Anything else raises WireError, which the grader treats as a wrong answer.

    None, bool, int, float, str, list    as JSON
    tuple                                {"$t": [items]}
    dict (str or int keys)               {"$d": [[key, value], ...]}
    numpy array                          {"$a": [dtype, shape, base64, key]}
    NaN and infinities                   {"$f": "nan" | "inf" | "-inf"}
    an object's attributes, by value     {"$n": {name: value}}  (a SimpleNamespace)
    a numpy random Generator, by value   {"$g": [bit generator, state, key]}
    anything else                        {"$r": id, ...}  (a reference: see Link)

Only exact types are data: an int, float, list or ndarray subclass is turned into the
plain type first, so a lying __eq__ or __array__ stays behind.

A Link is one side of a conversation. It gives every array it sends a key and keeps
the arrays it received, so that an array sent back is recognised: it lands in the
original array (changed in place, as the function changed it) instead of a copy.
A random Generator travels the same way, as its bit generator's state: the other side
draws from a Generator of its own with that state, and the state it sends back is put
into the original, so the stream goes on where the learner left it (one message for a
learner that draws 10,000 times, not 10,000). A state the bit generator refuses, or of
another kind of bit generator, is a WireError.
"""
import base64
import binascii
import json
import math
from types import SimpleNamespace

import numpy as np

BIT_GENERATORS = ("PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64")
DTYPES = {"|b1", "|i1", "<i2", "<i4", "<i8", "|u1", "<u2", "<u4", "<u8", "<f4", "<f8"}
MAX_DEPTH = 40
MAX_NODES = 2_000_000


class WireError(ValueError):
    """Data that is not in the wire format, or is out of its bounds."""


class Link:
    """One side's codec; subclasses say how references go out (refer) and come in."""

    side = "?"

    def __init__(self):
        self.reset()

    def reset(self):
        self.mine, self.mine_by_id, self.theirs, self.theirs_by_id = {}, {}, {}, {}
        self._count = 0

    # what a subclass provides
    def refer(self, value):
        raise WireError(f"a {type(value).__name__} cannot be sent")

    def resolve(self, ref):
        raise WireError("a reference where only data may be")

    # encoding
    def dumps(self, value):
        return json.dumps(self.encode(value), allow_nan=False, separators=(",", ":"))

    def encode(self, value, depth=0):
        if depth > MAX_DEPTH:
            raise WireError("nested too deeply")
        kind = type(value)
        if value is None or kind in (bool, str):
            return value
        if isinstance(value, bool):
            return bool(value)
        if isinstance(value, int) and not isinstance(value, np.generic):
            return int(value)
        if isinstance(value, float):
            return _float(float(value))
        if isinstance(value, np.generic) and value.dtype.kind in "biuf":
            return self.encode(value.item(), depth)
        if isinstance(value, np.ndarray):
            return self._array(value)
        if isinstance(value, list):
            return [self.encode(v, depth + 1) for v in list(value)]
        if isinstance(value, tuple):
            return {"$t": [self.encode(v, depth + 1) for v in tuple(value)]}
        if isinstance(value, dict):
            return {"$d": [[self.encode(k, depth + 1), self.encode(v, depth + 1)]
                           for k, v in dict(value).items()]}
        if kind is SimpleNamespace:
            return self.attributes(value, depth)
        if kind is np.random.Generator and type(value.bit_generator).__name__ in BIT_GENERATORS:
            key = self._key(value)  # before the state's own arrays get theirs
            state = self.encode(value.bit_generator.state, depth + 1)
            return {"$g": [type(value.bit_generator).__name__, state, key]}
        return self.refer(value)

    def attributes(self, value, depth=0):
        """``value``'s public, non-callable attributes, by value: {"$n": {...}}."""
        fields = {}
        for name in dir(value):
            if name.startswith("_"):
                continue
            try:
                attr = getattr(value, name)
            except Exception:  # a property that fails is left out
                continue
            if not callable(attr):
                fields[name] = self.encode(attr, depth + 1)
        return {"$n": fields}

    def _array(self, value):
        array = np.asarray(value).view(np.ndarray)
        if array.dtype.kind not in "biuf":
            raise WireError(f"an array of dtype {array.dtype} is not numbers")
        data = np.ascontiguousarray(array, dtype=array.dtype.newbyteorder("<"))
        return {"$a": [data.dtype.str, list(data.shape),
                       base64.b64encode(data.tobytes()).decode("ascii"), self._key(value)]}

    def _key(self, value):
        """The key ``value`` is known by in this conversation (a new one if it has none)."""
        key = self.theirs_by_id.get(id(value)) or self.mine_by_id.get(id(value))
        if key is None:
            self._count += 1
            key = f"{self.side}{self._count}"
            self.mine[key], self.mine_by_id[id(value)] = value, key
        return key

    # decoding
    def loads(self, text):
        if type(text) is not str:
            raise WireError("not text")
        try:
            data = json.loads(text, parse_constant=_refuse)
        except (ValueError, RecursionError) as error:
            raise WireError(f"not JSON: {error}") from None
        self._nodes = 0
        return self.decode(data)

    def decode(self, data, depth=0):
        self._nodes = getattr(self, "_nodes", 0) + 1
        if depth > MAX_DEPTH or self._nodes > MAX_NODES:
            raise WireError("too deep or too large")
        kind = type(data)
        if data is None or kind in (bool, str, int):
            return data
        if kind is float:
            return data
        if kind is list:
            return [self.decode(v, depth + 1) for v in data]
        if kind is not dict:
            raise WireError(f"unexpected {kind.__name__}")
        if "$r" in data:
            return self.resolve(data)
        if len(data) != 1:
            raise WireError("a dict that is not a tagged value")
        tag, body = next(iter(data.items()))
        if tag == "$t" and type(body) is list:
            return tuple(self.decode(v, depth + 1) for v in body)
        if tag == "$d" and type(body) is list:
            pairs = []
            for item in body:
                if type(item) is not list or len(item) != 2:
                    raise WireError("a dict entry is not a pair")
                pairs.append((self.decode(item[0], depth + 1), self.decode(item[1], depth + 1)))
            if any(type(k) not in (str, int) for k, _ in pairs):
                raise WireError("dict keys must be str or int")
            return dict(pairs)
        if tag == "$a":
            return self._adopt(body)
        if tag == "$g":
            return self._generator(body, depth)
        if tag == "$f" and body in ("nan", "inf", "-inf"):
            return float(body)
        if tag == "$n" and type(body) is dict:
            if any(type(k) is not str or not k.isidentifier() for k in body):
                raise WireError("an attribute name that is not a name")
            return SimpleNamespace(**{k: self.decode(v, depth + 1) for k, v in body.items()})
        raise WireError(f"unknown tag {tag!r}")

    def _adopt(self, body):
        if type(body) is not list or len(body) != 4:
            raise WireError("a malformed array")
        dtype, shape, data, key = body
        if dtype not in DTYPES or type(shape) is not list or type(data) is not str \
                or type(key) is not str or len(key) > 40:
            raise WireError(f"an array of dtype {dtype!r}")
        if len(shape) > 32 or any(type(n) is not int or n < 0 for n in shape):
            raise WireError(f"an array of shape {shape!r}")
        try:
            raw = base64.b64decode(data.encode("ascii"), validate=True)
        except (binascii.Error, UnicodeEncodeError):
            raise WireError("an array whose bytes are not base64") from None
        if math.prod(shape) * np.dtype(dtype).itemsize != len(raw):
            raise WireError(f"an array of shape {shape} with {len(raw)} bytes")
        self._nodes += len(raw) // 64
        array = np.frombuffer(raw, dtype=dtype).reshape(shape).astype(dtype[1:])
        known = self.mine.get(key) if key.startswith(self.side) else self.theirs.get(key)
        if isinstance(known, np.ndarray) and known.shape == array.shape \
                and known.dtype == array.dtype and known.flags.writeable:
            np.copyto(known, array)  # the same array, as the other side left it
            return known
        if not key.startswith(self.side):
            self.theirs[key], self.theirs_by_id[id(array)] = array, key
        return array


    def _generator(self, body, depth):
        if type(body) is not list or len(body) != 3 or body[0] not in BIT_GENERATORS \
                or type(body[2]) is not str or len(body[2]) > 40:
            raise WireError("a malformed random generator")
        name, state, key = body[0], self.decode(body[1], depth + 1), body[2]
        known = self.mine.get(key) if key.startswith(self.side) else self.theirs.get(key)
        if type(known) is np.random.Generator and type(known.bit_generator).__name__ == name:
            generator = known  # the same generator, drawn from as the other side left it
        else:
            generator = np.random.Generator(getattr(np.random, name)())
        try:
            generator.bit_generator.state = state
        except (TypeError, ValueError, KeyError, OverflowError, AttributeError) as error:
            raise WireError(f"a {name} state it refuses: {error}") from None
        if generator is not known and not key.startswith(self.side):
            self.theirs[key], self.theirs_by_id[id(generator)] = generator, key
        return generator


def merge(old, new):
    """``new``, written into ``old`` where the two are the same kind of container."""
    if type(old) is list and type(new) is list and len(old) == len(new):
        old[:] = [merge(o, n) for o, n in zip(old, new)]
        return old
    return new


def _float(x):
    if math.isfinite(x):
        return x
    return {"$f": "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")}


def _refuse(name):
    raise WireError(f"{name} is not JSON")
