"""The bibliography: loading (:mod:`.load`), the position-exact model (:mod:`.model`), and
text for comparisons (:mod:`.normalize`)."""

from citecheck.bib.load import load_bibliography, parse_bibliography
from citecheck.bib.model import (
    BibComment,
    BibEntry,
    BibFailure,
    BibField,
    Bibliography,
    BibPreamble,
    BibString,
    MacroRef,
)

__all__ = [
    "BibComment",
    "BibEntry",
    "BibFailure",
    "BibField",
    "BibPreamble",
    "BibString",
    "Bibliography",
    "MacroRef",
    "load_bibliography",
    "parse_bibliography",
]
