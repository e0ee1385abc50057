"""The first thing that runs inside the sandbox, as the student, before the kernel.

sandbox.py starts it as ``python -I -S inside.py WORKDIR -- KERNEL ARGV...``. It copies
the read-only submission folder that the grader handed in (/run/bplib/submission) to
HOME/WORKDIR, where the kernel may change it freely, puts the grader's matplotlib font
cache into the sandbox's matplotlib folder (building it would print to stderr, which
nbgrader scores as a failure), moves there and becomes the kernel.

It trusts nothing it finds and imports only the standard library: bplib is not imported,
and ``-I -S`` keeps the environment and site-packages out of this interpreter.
"""
import os
import shutil
import sys

SUBMISSION = "/run/bplib/submission"
FONT_CACHE = "/run/bplib/matplotlib"


def main(argv):
    workdir, separator, kernel = argv[0], argv[1], argv[2:]
    if separator != "--" or not kernel or "/" in workdir or workdir in ("", ".", ".."):
        sys.exit(f"usage: inside.py WORKDIR -- KERNEL ARGV... (got {argv!r})")
    work = os.path.join(os.environ["HOME"], workdir)
    shutil.copytree(SUBMISSION, work, symlinks=True)
    matplotlib_dir = os.environ.get("MPLCONFIGDIR")
    if matplotlib_dir and os.path.isdir(FONT_CACHE):
        shutil.copytree(FONT_CACHE, matplotlib_dir)
    os.chdir(work)
    os.execv(kernel[0], kernel)


if __name__ == "__main__":
    main(sys.argv[1:])
