"""Properties of indented symbol notes, the layout of Holyoake's Last Trial for Atheism (Project
Gutenberg 36799) and James's Life of Marion (923): ``     * text`` under the paragraph whose glued
``word.*`` cites it. Whatever the words and symbols, the lines are notes where glued markers pair
with them, and never where no marker is glued (a verse's halves, a list's items)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.readers import plaintext
from citecheck.source import SourceFile

WORDS = st.lists(st.sampled_from("the jury heard report gaol rules magistrate county letter".split()), min_size=3, max_size=9).map(" ".join)
SYMBOLS = st.sampled_from(["*", "**", "†", "*1*", "*2*"])
PAGES = st.lists(st.tuples(WORDS, SYMBOLS, WORDS), min_size=3, max_size=8)


def _read(text: str):
    return plaintext.read(SourceFile("book.txt", text))


@settings(max_examples=100, deadline=None)
@given(PAGES)
def test_indented_lines_under_glued_markers_are_notes(pages):
    text = "".join(f"Then {body} said.{symbol} And so on.\n\n     {symbol} {note}.\n\n" for body, symbol, note in pages)
    document = _read(text)
    assert [n.label for n in document.notes] == [symbol for _, symbol, _ in pages]
    assert [m.label for m in document.markers] == [symbol for _, symbol, _ in pages]


@settings(max_examples=100, deadline=None)
@given(PAGES)
def test_indented_symbol_lines_without_glued_markers_are_no_notes(pages):
    text = "".join(f"Then {body} said, {symbol}\n     {symbol} {note} came.\n\n" for body, symbol, note in pages)
    assert _read(text).notes == ()
