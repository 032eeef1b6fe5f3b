"""Labels that key a note to a page (and line) of the book instead of a marker in its text.

Annotated editions gather notes at the end and name, for each, the page it is for: ``Note 1,
page 18. The reader may…`` (Whittier's Songs of Labor and Reform, Project Gutenberg 9579),
``Page 18. …``, ``P. 18, l. 4. …``, ``18. line 4. …``. Such a note has no marker by design: the
footnote rules must not ask for one (CC102).
"""

from __future__ import annotations

from citecheck.model import PageKey
from citecheck.patterns import OnFirstUse, regex

_LINE = r"(?:,|\.)?[ \t]*(?:ll?\.|[Ll]ines?|LINES?)[ \t]*(?P<line>\d{1,4})(?:[-–]\d{1,4})?"
_PAGE = r"(?:[Pp]age|PAGE|[Pp]p?\.)[ \t]*(?P<page>\d{1,4})(?:[-–]\d{1,4})?(?:" + _LINE + r")?"
PAGE_KEY = OnFirstUse(regex.compile,
    r"[ \t]*(?:"
    # ``Note 1, page 18.``: the note's number, then its page
    r"(?:Note|NOTE)[ \t]+\d{1,3}[.,:]?[ \t]*" + _PAGE +
    # ``Page 18.``, ``P. 18, l. 4.``: the page is the label
    r"|" + _PAGE +
    # ``18. line 4.``: a page, then the line on it
    r"|(?P<page>\d{1,4})\.[ \t]*" + _LINE[len(r"(?:,|\.)?"):] +
    # the key ends on a stop before the note's words (``page 18 of the report`` is prose)
    r")[.,:;](?=[ \t\n]|$)"
)


def page_key(text: str, start: int = 0) -> PageKey | None:
    """The page (and line) that the note label opening ``text`` at ``start`` keys it to, or None
    when the label is a number or a symbol for a marker (``[7] P. 103.`` cites a page, it is not keyed)."""
    match = PAGE_KEY.match(text, start)
    if match is None:
        return None
    return PageKey(int(match["page"]), int(match["line"]) if match["line"] else None)
