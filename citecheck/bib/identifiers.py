"""DOIs and ISBNs in one form for comparison: the invalid-identifier check (CC306) reads them,
and so does the definition of the same work (:mod:`citecheck.bib.sameness`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from citecheck.patterns import OnFirstUse

__all__ = ["DOI_PREFIX", "ISBN_SEPARATORS", "identifiers", "isbn13", "isbn13_check", "isbns", "normalize_doi"]

DOI_PREFIX = OnFirstUse(re.compile, r"^\s*(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_ISBN_LABEL = OnFirstUse(re.compile, r"^\s*ISBN(?:-1[03])?\s*:?\s*", re.IGNORECASE)
_PARENTHESES = OnFirstUse(re.compile, r"\([^)]*\)")
ISBN_SEPARATORS = OnFirstUse(re.compile, r"[\s\-\u2010\u2011\u2013]+")
# Between identifiers in one field: commas, semicolons, and the "\r" some exporters leave.
_LIST = OnFirstUse(re.compile, r"[,;]|\\textbackslash\{\}r|\\[rn](?![A-Za-z])")


def normalize_doi(value: str) -> str:
    """A DOI for comparison: braces and prefix (``https://doi.org/``, ``doi:``) removed, lower-cased."""
    if value.startswith("10.") and "{" not in value:
        return value.strip().lower()
    return DOI_PREFIX.sub("", value.replace("{", "").replace("}", "")).strip().lower()


def isbn13_check(digits: str) -> str:
    """The check digit of the ISBN-13 whose first twelve digits are ``digits[:12]``."""
    total = sum((1 if position % 2 == 0 else 3) * int(digit) for position, digit in enumerate(digits[:12]))
    return str((10 - total % 10) % 10)


def identifiers(value: str) -> Iterator[str]:
    """The identifiers written in one field: split at commas and semicolons (and at blanks
    between whole identifiers), with braces, labels (``ISBN-13:``) and notes (``(pbk.)``) removed."""
    for part in _LIST.split(value):
        part = _ISBN_LABEL.sub("", _PARENTHESES.sub("", part.replace("{", "").replace("}", ""))).strip()
        if not part:
            continue
        words = part.split()
        if len(words) > 1 and all(len(ISBN_SEPARATORS.sub("", word)) in (8, 10, 13) for word in words):
            yield from words
        else:
            yield part


def isbns(value: str) -> Iterator[tuple[str, str]]:
    """Each ISBN written in ``value``: (as written, digits without separators, X upper-cased)."""
    for part in identifiers(value):
        yield part, ISBN_SEPARATORS.sub("", part).upper()


def isbn13(value: str) -> str | None:
    """The first ISBN in ``value`` as 13 digits (an ISBN-10 converted), or None if there is none."""
    for _, digits in isbns(value):
        if len(digits) == 13 and digits.isdigit():
            return digits
        if len(digits) == 10 and digits[:9].isdigit() and (digits[9].isdigit() or digits[9] == "X"):
            core = "978" + digits[:9]
            return core + isbn13_check(core)
    return None
