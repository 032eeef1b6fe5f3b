"""The flat reStructuredText scanner against docutils: generated documents of paragraphs,
footnotes, citations, references and citation roles, among decoys the scanner must give up
on (titles, lists, indented blocks, emphasis, stray backticks and underscores), read the same
by the scanner (when it reads them) as by docutils."""

from __future__ import annotations

from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.readers import rst
from citecheck.readers.rst_flat import flat_items
from citecheck.source import SourceFile

WORD = st.sampled_from("the treaty was signed at Riga in March and held".split())
REFERENCE = st.sampled_from(["[1]_", "[2]_", "[12]_", "[C1]_", "[c1]_", "[Key:2]_", "[a_b]_", "[1a]_", "(see [2]_)", "[1]_,", "[1]_."])
ROLE = st.sampled_from([":cite:p:`key`", ":cite:`a,b{p. 3}`", ":footcite:t:`{see }x{, 4}`", ":cite:t:`k`."])
DECOY = st.sampled_from([
    "snake_case", "a_", "`x`", "*e*", "x[1]_", "[1]_x", "[3]", "[#]_", "[*]_", ":ref:`x`", ":CITE:`x`",
    ":cite:` x`", "[1]__", "x:cite:`k`", "a|b", "::", "\t", "[a b]_", "http://x.org/[1]_", "a\\b", "_`t`",
])
ATOM = st.one_of(WORD, WORD, WORD, WORD, REFERENCE, REFERENCE, ROLE, DECOY)
FLAT_ATOM = st.one_of(WORD, WORD, WORD, REFERENCE, ROLE)
LABEL = st.sampled_from(["1", "2", "12", "C1", "c1", "Key:2", "a_b", "1a", "#", "*", "C 1"])


def _lines(atom: st.SearchStrategy[str], indent: str) -> st.SearchStrategy[str]:
    line = st.lists(atom, min_size=1, max_size=6).map(" ".join)
    return st.lists(line, min_size=1, max_size=3).map(lambda lines: f"\n{indent}".join(lines))


@st.composite
def blocks(draw, atom: st.SearchStrategy[str], strange: bool) -> str:
    kind = draw(st.sampled_from(["paragraph", "definition", "definition", *(["strange"] if strange else [])]))
    if kind == "paragraph":
        return draw(WORD).capitalize() + " " + draw(_lines(atom, ""))
    if kind == "definition":
        indent = draw(st.sampled_from(["   ", "  ", " "]))
        return f".. [{draw(LABEL if strange else LABEL.filter(lambda label: label not in ('#', '*', 'C 1')))}] " + draw(WORD) + " " + draw(_lines(atom, indent))
    return draw(st.sampled_from([
        "Title\n=====", "- item [1]_", "   indented [2]_", "Text::", "A. Smith [1]_", ".. _t: http://x", ".. note:: x",
        "Term\n   definition [1]_", ".. [1]", "Text\n.. [1] x", ".. [2] x\nText", "...",
    ]))


@st.composite
def documents(draw, atom: st.SearchStrategy[str] = ATOM, strange: bool = True) -> str:
    parts = draw(st.lists(blocks(atom, strange), min_size=1, max_size=6))
    separators = draw(st.lists(st.sampled_from(["\n\n", "\n\n\n", "\n"] if strange else ["\n\n", "\n\n\n"]), min_size=len(parts), max_size=len(parts)))
    return "".join(part + separator for part, separator in zip(parts, separators))


def _by_docutils(source: SourceFile):  # type: ignore[no-untyped-def]
    with patch.object(rst, "flat_items", lambda text, roles: None):
        return rst.read(source)


@given(documents())
@settings(max_examples=400, deadline=None)
def test_the_scanner_reads_as_docutils(text):
    source = SourceFile("doc.rst", text)
    assert rst.read(source) == _by_docutils(source)


@given(documents(FLAT_ATOM, strange=False))
@settings(max_examples=150, deadline=None)
def test_flat_documents_are_read_by_the_scanner_as_by_docutils(text):
    """Documents of flat blocks only: the scanner reads them all (docutils is not asked)."""
    source = SourceFile("doc.rst", text)
    assert flat_items(text, rst._CITE_ROLE_NAMES) is not None
    assert rst.read(source) == _by_docutils(source)
