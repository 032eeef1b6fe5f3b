"""``python -m citecheck``: the same command line as ``citecheck``."""

from citecheck.cli import script

script()
