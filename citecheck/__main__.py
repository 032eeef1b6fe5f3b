"""``python -m citecheck``: the same command line as ``citecheck``."""

from citecheck.cli import main

main(prog_name="citecheck")
