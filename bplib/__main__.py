"""`python -m bplib progress`: see bplib/progress.py."""
import sys

from .progress import main

if __name__ == "__main__":
    if sys.argv[1:2] != ["progress"]:
        print("usage: python -m bplib progress [notebooks ...] [--limit SECONDS]")
        sys.exit(2)
    sys.exit(main(sys.argv[2:]))
