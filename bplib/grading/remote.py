"""The grader's end of the probe: call a learner's function in the sandboxed kernel.

This module runs as the grader. A ``Remote`` stands for one of the learner's functions;
calling it sends the arguments into the kernel, where the probe (student.py) calls the
real function, and returns what came back, decoded by wire.py's strict reader. The
grader's own objects among the arguments never leave this process: the kernel gets
stand-ins, and each call it makes of one (a cost function, ``net.gradient``)
comes back here over the kernel's input channel and runs here, on the grader's objects
(a random Generator is the exception: it crosses by value, as its state; see wire.py).

What the kernel says is data, never code, and is believed only as data: the learner's
result, the arguments as the function left them (arrays the grader sent are updated
in place; a network's attributes that existed are updated, nothing else), warnings
(re-issued here), and which tripwires it crossed. A kernel that dies, hangs past its
time, or answers out of turn ends the call with an error.
"""
import asyncio
import builtins
import json
import time
import types
import warnings
from queue import Empty

import numpy as np
from jupyter_core.utils import run_sync
from nbclient.exceptions import CellTimeoutError, DeadKernelError

from .student import RAISABLE
from .wire import Link, WireError, merge

WARNINGS = {"RuntimeWarning": RuntimeWarning, "DeprecationWarning": DeprecationWarning,
            "FutureWarning": FutureWarning}
FUNCTIONS = (types.FunctionType, types.BuiltinFunctionType, types.MethodType,
             types.BuiltinMethodType)


class Interrupted(RuntimeError):
    """The learner's function ran past its time and was interrupted."""


def _methods(value):
    kind = type(value)
    names = [n for n in dir(kind) if not n.startswith("_") and callable(getattr(kind, n, None))
             and not isinstance(getattr(kind, n, None), type)]
    return names + [n for n in ("__call__", "__len__", "__getitem__")
                    if getattr(kind, n, None) is not getattr(object, n, None)]


def vars_of(value):
    return {k: v for k, v in getattr(value, "__dict__", {}).items() if not k.startswith("_")}


class GraderLink(Link):
    side = "g"

    def reset(self):
        super().reset()
        self.objects, self.keys, self.fields = {}, {}, {}

    def refer(self, value):
        if isinstance(value, type):
            raise WireError(f"the class {value.__name__} cannot be sent")
        key = self.keys.get(id(value))
        if key is None:
            key = len(self.objects) + 1
            self.objects[key], self.keys[id(value)] = value, key
        methods = _methods(value)
        if isinstance(value, FUNCTIONS) or (callable(value) and methods == ["__call__"] and
                                            not any(callable(v) for v in vars_of(value).values())):
            return {"$r": key, "k": "f"}  # called, never looked into (a counted cost, say)
        if not methods:
            return self.attributes(value)
        state = vars_of(value)
        if not callable(value):  # a network, say: the learner may change its attributes;
            self.fields[key] = set(state)  # a callable one (an activation) it may not
        return {"$r": key, "k": "o", "c": type(value).__name__, "m": methods,
                "s": self.encode(state)}

    def resolve(self, ref):
        key = ref.get("$r")
        if type(key) is not int or key not in self.objects:
            raise WireError(f"a reference to nothing the grader sent ({key!r})")
        return self.objects[key]

    def apply(self, key, state):
        """Write the kernel's view of object ``key`` back: known attributes only."""
        obj = self.objects.get(key)
        if obj is None or type(state) is not dict:
            return
        for name in self.fields.get(key, ()):
            if name in state:
                setattr(obj, name, merge(getattr(obj, name), state[name]))


class Session:
    """Calls into one kernel (nbclient's ``client``), within ``deadline()`` seconds."""

    def __init__(self, client, manager, deadline):
        self.kc, self.km, self.deadline = client, manager, deadline
        self.link, self.tripped, self._busy = GraderLink(), [], False
        self.forbid_methods = {}

    def call(self, name, args, kwargs, forbid):
        if self._busy:
            raise RuntimeError("a learner's function was called from inside another")
        self._busy = True
        try:
            self.link.reset()
            self.forbid_methods = {path.partition(":")[2]: label for path, label in dict(forbid).items()}
            request = {"name": name, "args": self.link.dumps([list(args), dict(kwargs)]),
                       "forbid": dict(forbid), "errstate": dict(np.geterr())}
            self.failure = "no reply"
            result = run_sync(self._exchange)(f"__bplib_probe__.call({json.dumps(request)!r})")
            return self._outcome(result, set(dict(forbid).values()), args)
        finally:
            self._busy = False

    def _outcome(self, result, labels, args=()):
        if result is None:
            raise RuntimeError("the learner's function did not answer (in the kernel: "
                               f"{getattr(self, 'failure', 'no reply')})")
        try:
            written = self.link.decode(result.get("wb"))  # arrays: changed where they are
            if type(written) is list and written and type(written[0]) is list:
                for given, after in zip(args, written[0]):
                    if type(given) is list:  # a list the learner changed: entries too
                        merge(given, after)
            for key, state in dict(result.get("objects") or {}).items():
                self.link.apply(int(key), self.link.decode(state))
            value = self.link.decode(result.get("v"))
        except (WireError, ValueError, TypeError) as error:
            raise TypeError(f"the learner's function sent back what is not data: {error}") from None
        self.tripped += [t for t in result.get("tripped") or [] if t in labels and t not in self.tripped]
        for item in list(result.get("warnings") or [])[:20]:
            if type(item) is list and len(item) == 2 and all(type(i) is str for i in item):
                warnings.warn(item[1], WARNINGS.get(item[0], UserWarning), stacklevel=3)
        if result.get("global_rng") is True:
            np.random.random()  # it drew from numpy's global generator: so does the grader
        if result.get("x"):
            kind, message = (list(result["x"]) + ["", ""])[:2]
            error = getattr(builtins, kind) if kind in RAISABLE else RuntimeError
            raise error(str(message) if kind in RAISABLE else f"{kind}: {message}")
        return value

    def _serve(self, prompt, state):
        """Answer one message of the probe: a call of a grader object, or the result."""
        try:
            request = json.loads(prompt)
        except ValueError:
            return json.dumps({"x": ["ValueError", "not a request"]})
        if type(request) is not dict:
            return json.dumps({"x": ["ValueError", "not a request"]})
        if request.get("op") == "result":
            state["results"].append(request)
            return "ok"
        args, kwargs = [], {}
        try:
            target = self.link.resolve({"$r": request.get("r")})
            method = request.get("m")
            if request.get("s") is not None:
                self.link.apply(request["r"], self.link.decode(request["s"]))
            args, kwargs = self.link.decode(request.get("a"))
            if type(kwargs) is not dict or any(type(k) is not str for k in kwargs):
                raise WireError("keyword arguments that are not names")
            if method is not None and (type(method) is not str or method not in _methods(target)):
                raise WireError(f"no method {method!r}")
            label = self.forbid_methods.get(f"{type(target).__name__}.{method}")
            if label and label not in self.tripped:
                self.tripped.append(label)
            value = (getattr(target, method) if method else target)(*args, **kwargs)
            reply = {"v": self.link.encode(value), "x": None}
        except Exception as error:  # the grader's code raised: the learner's code sees it
            reply = {"v": None, "x": [type(error).__name__, str(error)[:4000]]}
        reply["wb"] = self._encode_quietly(args, kwargs)
        if request.get("s") is not None:
            reply["s"] = self._state_of(request.get("r"))
        return json.dumps(reply)

    def _encode_quietly(self, args, kwargs):
        try:
            return self.link.encode([list(args or []), dict(kwargs or {})])
        except WireError:
            return None

    def _state_of(self, key):
        return self.link.encode(vars_of(self.link.objects.get(key)))

    async def _exchange(self, code):
        kc, state = self.kc, {"results": []}
        msg_id = kc.execute(code, store_history=False, allow_stdin=True, stop_on_error=False)
        getters = {"shell": kc.get_shell_msg, "iopub": kc.get_iopub_msg, "stdin": kc.get_stdin_msg}
        tasks = {asyncio.ensure_future(get()): channel for channel, get in getters.items()}
        replied = idle = False
        interrupted_at = None
        try:
            while not (replied and idle):
                left = self.deadline() - time.monotonic()
                if left <= 0 and interrupted_at is None:
                    interrupted_at = time.monotonic()
                    await self.km.interrupt_kernel()
                if interrupted_at is not None and time.monotonic() - interrupted_at > 5:
                    raise CellTimeoutError("the learner's function ignored the interrupt")
                done, _ = await asyncio.wait(list(tasks), timeout=max(0.05, min(left, 1.0)),
                                             return_when=asyncio.FIRST_COMPLETED)
                if not done and not await self.km.is_alive():
                    raise DeadKernelError("the kernel died during a call")
                for task in done:
                    channel = tasks.pop(task)
                    tasks[asyncio.ensure_future(getters[channel]())] = channel
                    try:
                        msg = task.result()
                    except Empty:
                        continue
                    if msg.get("parent_header", {}).get("msg_id") != msg_id:
                        continue
                    kind = msg["msg_type"]
                    if channel == "stdin" and kind == "input_request":
                        kc.input(self._serve(str(msg["content"].get("prompt", "")), state))
                    elif channel == "shell" and kind == "execute_reply":
                        replied = True
                        content = msg["content"]
                        if content.get("status") == "error":
                            state["error"] = f"{content.get('ename')}: {content.get('evalue')}"[:300]
                    elif channel == "iopub" and kind == "status":
                        idle = msg["content"].get("execution_state") == "idle"
        finally:
            for task in tasks:
                task.cancel()
        if interrupted_at is not None:
            raise Interrupted("the learner's function ran past its time and was interrupted")
        results = state["results"]
        if len(results) > 1:
            raise RuntimeError("the learner's function answered more than once")
        if not results and "error" in state:
            self.failure = state["error"]
        return results[0] if results else None


class Remote:
    """One of the learner's functions, called in the kernel through ``session``."""

    def __init__(self, session, name, forbid=()):
        self.session, self.__name__, self.forbid = session, name, dict(forbid)

    def __call__(self, *args, **kwargs):
        return self.session.call(self.__name__, args, kwargs, self.forbid)

    def __repr__(self):
        return f"<the learner's {self.__name__}>"
