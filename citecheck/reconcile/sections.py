"""The lists of references a document prints under a heading ("Works Cited", "Bibliography").

Such a list is no prose: a name in it cites nothing ("Nov. 1995", "See Sharp Press" are no
scholars), and an ``@`` in it is part of a reference (a tweet's handle, "Humanities @Princeton"),
not a citation key. Format-neutral: it reads the heading regions the reader marked.
"""

from __future__ import annotations

import bisect

from citecheck.model import Document
from citecheck.patterns import OnFirstUse, regex

# A heading's words (markup and numbers dropped) that name a list of references; one word of
# markup may come first (LaTeX's "section"). Digital Pedagogy in the Humanities prints "WORKS
# CITED" and "RELATED MATERIALS"; the Metahistory essays "Bibliography".
_LIST_HEADING = OnFirstUse(
    regex.compile,
    r"(?:\p{L}+ )?(?:works cited|works consulted|bibliography|select bibliography|references|reference list"
    r"|related materials|further reading|sources|sources cited|literature cited)",
)
_WORD = OnFirstUse(regex.compile, r"\p{L}+")


def reference_lists(document: Document) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of the text under each heading that names a list of references, up to
    the next heading that is not one of its subheadings, or the end of the file, in order."""
    text, path = document.source.text, document.source.path
    headings = sorted(
        (r.span.start, r.span.end, r.level) for r in document.regions if r.role == "heading" and r.span.path == path
    )
    markup = sorted((r.span.start, r.span.end) for r in document.regions if r.role == "markup" and r.span.path == path)
    lists = []
    for number, (start, end, level) in enumerate(headings):
        words = (w.group() for w in _WORD.finditer(text, start, end) if not _inside(markup, w.start()))
        if _LIST_HEADING.fullmatch(" ".join(words).casefold()):
            following = next(
                (s for s, _, deeper in headings[number + 1 :] if not 0 < level < deeper), len(text)
            )
            lists.append((end, following))
    return tuple(lists)


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    """Whether ``position`` is inside one of the sorted, non-overlapping ``spans`` (an HTML
    heading's tags are markup around its words)."""
    before = bisect.bisect_right(spans, (position, float("inf"))) - 1
    return before >= 0 and position < spans[before][1]
