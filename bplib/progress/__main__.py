"""`python -m bplib.progress`: the same as `python -m bplib progress`."""
import sys

from . import main

sys.exit(main())
