"""Everything that runs as the student, inside the sandbox: the launcher and the probe.

The launcher. sandbox.py starts ``python -I -S student.py WORKDIR -- KERNEL ARGV...``,
which copies the read-only submission folder the grader handed in (/run/bplib/submission)
to HOME/WORKDIR, puts the grader's matplotlib font cache in place (building one would
print to stderr, which nbgrader scores as a failure), moves there and becomes the kernel.
It imports only the standard library (``-I -S`` keeps site-packages out).

The probe. To judge an exercise, the grader sends this file's source into the kernel,
with wire.py and tripwire.py (judge.py installs it as ``__bplib_probe__``), and then
asks it to call one of the learner's functions: ``__bplib_probe__.call(request)``. The
probe decodes the arguments, calls the function with numpy's error settings and the
exercise's tripwires, and sends back, as plain data, what the function returned or
raised, the arguments as the function left them, its warnings, and whether it used
numpy's global random generator. Arguments that are the grader's objects (a callback, a
network) arrive as stand-ins whose every call goes back to the grader through the
kernel's input channel, so the grader's own code does the work; a random generator
arrives by value, as its state (wire.py), and its state goes back with the result.

Nothing here is trusted: student code in the same process can change all of it. That
can only change what this student's functions appear to return, which the grader
compares with its own results.
"""
import builtins
import os
import shutil
import sys

SUBMISSION = "/run/bplib/submission"
FONT_CACHE = "/run/bplib/matplotlib"


def main(argv):
    workdir, separator, kernel = argv[0], argv[1], argv[2:]
    if separator != "--" or not kernel or "/" in workdir or workdir in ("", ".", ".."):
        sys.exit(f"usage: student.py WORKDIR -- KERNEL ARGV... (got {argv!r})")
    work = os.path.join(os.environ["HOME"], workdir)
    shutil.copytree(SUBMISSION, work, symlinks=True)
    matplotlib_dir = os.environ.get("MPLCONFIGDIR")
    if matplotlib_dir and os.path.isdir(FONT_CACHE):
        shutil.copytree(FONT_CACHE, matplotlib_dir)
    os.chdir(work)
    os.execv(kernel[0], kernel)


# Exceptions that cross as themselves, either way (any other arrives as a RuntimeError).
RAISABLE = ("NotImplementedError", "ValueError", "TypeError", "IndexError", "KeyError",
            "AttributeError", "ZeroDivisionError", "AssertionError", "RuntimeError",
            "OverflowError", "FloatingPointError", "ArithmeticError", "LookupError",
            "NameError", "RecursionError", "MemoryError")


class Probe:
    """Calls the learner's functions for the grader (see the module docstring)."""

    def __init__(self, shell, wire, tripwire):
        import json

        self.shell, self.wire, self.tripwire, self.json = shell, wire, tripwire, json
        probe = self

        class KernelLink(wire.Link):
            side = "k"

            def refer(self, value):
                ref = getattr(value, "_bplib_ref", None)
                if type(ref) is int:
                    return {"$r": ref}
                if callable(value):
                    raise wire.WireError("a function cannot be sent")
                return self.attributes(value)

            def resolve(self, ref):
                return probe._stand_in(ref)

        self.link = KernelLink()

    # the grader's objects, seen from here
    def _stand_in(self, ref):
        key = ref.get("$r")
        if key in self.stand_ins:
            found = self.stand_ins[key]
        elif ref.get("k") == "f":
            def found(*args, **kwargs):
                return self._ask_call(found, None, args, kwargs)
            found._bplib_ref = key
        else:
            methods = [m for m in ref.get("m", []) if type(m) is str and m.isidentifier()]
            kind = type(str(ref.get("c", "Remote")) if str(ref.get("c", "")).isidentifier()
                        else "Remote", (), {m: self._method(m) for m in methods})
            found = kind()
            found._bplib_ref = key
        self.stand_ins[key] = found
        if "s" in ref:
            self._apply(found, self.link.decode(ref["s"]))
        return found

    def _method(self, name):
        probe = self

        def method(obj, *args, **kwargs):
            return probe._ask_call(obj, name, args, kwargs)
        method.__name__ = name
        return method

    def _state(self, obj):
        return self.link.encode({k: v for k, v in vars(obj).items() if not k.startswith("_")})

    def _apply(self, obj, state):
        for name, value in dict(state).items():
            if type(name) is str and name.isidentifier() and not name.startswith("_"):
                setattr(obj, name, self.wire.merge(getattr(obj, name, None), value))

    def _ask_call(self, target, method, args, kwargs):
        has_state = method is not None or not hasattr(target, "__code__")
        request = {"op": "call", "r": target._bplib_ref, "m": method,
                   "a": self.link.encode([list(args), dict(kwargs)]),
                   "s": self._state(target) if has_state else None}
        reply = self.json.loads(self._ask(self.json.dumps(request)))
        if reply.get("s") is not None:
            self._apply(target, self.link.decode(reply["s"]))
        self.link.decode(reply.get("wb"))  # arguments the grader's code changed in place
        if reply.get("x"):
            kind, message = reply["x"]
            raise (getattr(builtins, kind) if kind in RAISABLE else RuntimeError)(message)
        return self.link.decode(reply.get("v"))

    def _ask(self, text):
        """One question to the grader on the input channel: raw_input, less its two flushes
        of stdout and stderr (a thread hand-off each, a third of a callback's time)."""
        kernel = self.shell.kernel
        try:
            import zmq
            socket, session = kernel.stdin_socket, kernel.session
            ident, parent = kernel._parent_ident["shell"], kernel.get_parent("shell")
        except Exception:  # not the ipykernel this was written for: the documented way
            return kernel.raw_input(text)
        while True:  # drop any stale reply, as raw_input does
            try:
                socket.recv_multipart(zmq.NOBLOCK)
            except zmq.ZMQError:
                break
        session.send(socket, "input_request", {"prompt": text, "password": False}, parent,
                     ident=ident)
        while True:
            readable, _, broken = zmq.select([socket], [], [socket], 0.01)
            if readable or broken:
                _, reply = session.recv(socket)
                if reply is not None:
                    return reply["content"]["value"]

    # one call of a learner's function
    def call(self, text):
        import warnings

        import numpy as np

        self.link.reset()
        self.stand_ins = {}
        request = self.json.loads(text)
        result = {"op": "result", "v": None, "x": None, "warnings": [], "tripped": []}
        try:
            args, kwargs = self.link.loads(request["args"])
            function = self.shell.user_ns.get(request["name"])
            if function is None:
                raise NameError(f"name '{request['name']}' is not defined")
            before = np.random.get_state()[1].tobytes()
            with self.tripwire.watching(request.get("forbid", {})) as watch, \
                    warnings.catch_warnings(record=True) as caught, \
                    np.errstate(**request.get("errstate", {})):
                warnings.simplefilter("always")
                try:
                    value = function(*args, **kwargs)
                    result["v"] = self.link.encode(value)
                except BaseException as error:  # the learner's error is the answer
                    result["x"] = [type(error).__name__, str(error)[:4000]]
            result["global_rng"] = np.random.get_state()[1].tobytes() != before
            result["warnings"] = [[w.category.__name__, str(w.message)[:1000]] for w in caught[:20]]
            result["tripped"] = list(watch.tripped)
            result["wb"] = self.link.encode([list(args), dict(kwargs)])
            result["objects"] = {str(k): self._state(v) for k, v in self.stand_ins.items()
                                 if not hasattr(v, "__code__")}
        except Exception as error:  # arguments or results that cannot cross
            result["x"] = ["TypeError", f"{type(error).__name__}: {error}"[:4000]]
        self.shell.kernel.raw_input(self.json.dumps(result))


def install(shell, sources):
    """The probe, built from the sources of wire.py, tripwire.py and this file."""
    import types

    modules = {}
    for name in ("wire", "tripwire", "student"):
        module = types.ModuleType(f"bplib_probe_{name}")
        exec(compile(sources[name], f"<bplib probe: {name}>", "exec"), module.__dict__)
        modules[name] = module
    return modules["student"].Probe(shell, modules["wire"], modules["tripwire"])


if __name__ == "__main__":
    main(sys.argv[1:])
