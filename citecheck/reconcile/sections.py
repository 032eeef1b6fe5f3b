"""The lists of references a document prints under a heading ("Works Cited", "Bibliography").

Such a list is no prose: a name in it cites nothing ("Nov. 1995", "See Sharp Press" are no
scholars), and an ``@`` in it is part of a reference (a tweet's handle, "Humanities @Princeton"),
not a citation key. Format-neutral: it reads the heading regions the reader marked.
"""

from __future__ import annotations

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
    the next heading or the end of the file, in order."""
    text, path = document.source.text, document.source.path
    headings = sorted((r.span.start, r.span.end) for r in document.regions if r.role == "heading" and r.span.path == path)
    lists = []
    for number, (start, end) in enumerate(headings):
        if _LIST_HEADING.fullmatch(" ".join(_WORD.findall(text, start, end)).casefold()):
            following = headings[number + 1][0] if number + 1 < len(headings) else len(text)
            lists.append((end, following))
    return tuple(lists)
