"""`python -m bplib progress` (bplib/progress.py) and `python -m bplib grade`
(bplib/grading/parallel.py)."""
import sys

USAGE = """usage:
  python -m bplib progress [notebooks ...] [--limit SECONDS]   your progress, for self-study
  python -m bplib grade ASSIGNMENT ...|--all [--jobs N] [--course DIR]  instructors: parallel autograde
  python -m bplib misconceptions NAME|--all [--student S]      instructors: what the class gets wrong
  python -m bplib html NOTEBOOK ... [--out DIR]                 HTML that works offline (bplib/html.py)
  python -m bplib student-setup --course ID --exchange DIR [--prefix DIR]     config for every student
  python -m bplib instructor-setup --course ID --exchange DIR [--prefix DIR]  the instructor's tools back on"""


def main(argv):
    if argv[:1] == ["progress"]:
        from .progress import main as progress
        return progress(argv[1:])
    if argv[:1] == ["grade"]:
        from .grading.parallel import main as grade
        return grade(argv[1:])
    if argv[:1] == ["misconceptions"]:  # bplib/misconceptions/cli.py
        from .misconceptions.cli import main as misconceptions
        return misconceptions(argv[1:])
    if argv[:1] == ["html"]:
        from .html import main as html
        return html(argv[1:])
    if argv[:1] in (["student-setup"], ["instructor-setup"]):  # bplib/classsetup.py
        from .classsetup import main as setup
        return setup(argv[1:], argv[0].split("-")[0])
    print(USAGE)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
