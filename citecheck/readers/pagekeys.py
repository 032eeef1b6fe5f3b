"""Labels that key a note to a page (and line) of the book instead of a marker in its text.

Annotated editions gather notes at the end and name, for each, the page it is for: ``Note 1,
page 18. The reader may…`` (Whittier's Songs of Labor and Reform, Project Gutenberg 9579),
``Page 18. …``, ``P. 18, l. 4. …``, ``18. line 4. …``. An editor may head each note with its roman
number and key it on the next line to the page of the edition and, in brackets, the first
edition's (``NOTE II.`` / ``PAGE 35 (43); line 13.--``: Hutchinson's edition of Wordsworth's Poems
in Two Volumes, Project Gutenberg 8774), a preface's page in roman (``PAGE I (9).--``). Such a note
has no marker by design: the footnote rules must not ask for one (CC102).
"""

from __future__ import annotations

from citecheck.model import PageKey
from citecheck.patterns import OnFirstUse, regex

# A roman number as printed for a note or a preface's page (``VIII``, ``xiv``); empty never.
ROMAN = r"(?=[IVXLCivxlc])(?:C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})|c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))(?![A-Za-z])"
_LINE = (r"(?:,|\.|;)?[ \t]*(?:ll?\.|[Ll]ines?|LINES?)[ \t]*(?P<line>\d{1,4})"
         r"(?:(?:[-–]|[ \t]+and[ \t]+)\d{1,4})?")
# the page, then the first edition's page in brackets (``PAGE 35 (43)``)
_PAGE = (r"(?:[Pp]age|PAGE|[Pp]p?\.)[ \t]*(?P<page>\d{1,4}|" + ROMAN + r")(?:[-–]\d{1,4})?"
         r"(?:[ \t]*\(\d{1,4}\))?(?:" + _LINE + r")?")
PAGE_KEY = OnFirstUse(regex.compile,
    r"[ \t]*(?:"
    # ``Note 1, page 18.``: the note's number, then its page
    r"(?:Note|NOTE)[ \t]+\d{1,3}[.,:]?[ \t]*" + _PAGE +
    # ``NOTE II.`` alone on its line, the key on a line below (``PAGE 35 (43); line 13.--``)
    r"|(?:Note|NOTE)[ \t]+" + ROMAN + r"\.[ \t]*\n(?:[ \t]*\n)?[ \t]*" + _PAGE +
    # ``Page 18.``, ``P. 18, l. 4.``: the page is the label, perhaps after the part it is in
    # (``INTRODUCTION. Page 6.``: Monselet's Histoire anecdotique du tribunal révolutionnaire, 63319)
    r"|(?:(?:INTRODUCTION|PREFACE)\.[ \t]+)?" + _PAGE +
    # ``18. line 4.``: a page, then the line on it
    r"|(?P<page>\d{1,4})\.[ \t]*" + _LINE[len(r"(?:,|\.|;)?"):] +
    # the key ends on a stop before the note's words (``page 18 of the report`` is prose), or on a
    # dash that joins them (``PAGE 58 (64).--_The Seven Sisters_``)
    r")(?:\.?(?:--|—)|[.,:;](?=[ \t\n]|$))"
)


def roman_value(numeral: str) -> int:
    """The value of a well-formed roman number (``VIII`` 8, ``xiv`` 14)."""
    values = [_ROMAN_DIGITS[c] for c in numeral.upper()]
    return sum(-v if v < after else v for v, after in zip(values, values[1:] + [0]))


_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def page_key(text: str, start: int = 0) -> PageKey | None:
    """The page (and line) that the note label opening ``text`` at ``start`` keys it to, or None
    when the label is a number or a symbol for a marker (``[7] P. 103.`` cites a page, it is not keyed)."""
    match = PAGE_KEY.match(text, start)
    if match is None:
        return None
    page = match["page"]
    return PageKey(int(page) if page.isdigit() else roman_value(page), int(match["line"]) if match["line"] else None)
