"""Property: a line of prose that opens on ``notes to`` in lower case is no Notes heading, while
the printed forms of one are.

Thayer's Life of Beethoven, vol. II (Gutenberg 43592), quotes Ries in an indented block whose
wrapped line reads ``notes to his composition: once in the theme of the rondo of the``; read as
a ``Notes to …`` heading it opened a Notes section, and the numbered points Czerny's quotation
makes a page later (``1. In the first-movement form…``) became three notes without markers.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from citecheck.readers.plaintext import NOTES_HEADING

WORDS = st.lists(st.sampled_from("his the composition theme of rondo once in a sonata".split()), min_size=1, max_size=8).map(" ".join)


@given(WORDS, st.sampled_from(["to", "for"]), st.sampled_from(["", ":", "  "]), st.sampled_from(["", "    "]))
def test_prose_opening_on_lower_case_notes_is_no_heading(words, preposition, end, indent):
    assert NOTES_HEADING.match(f"{indent}notes {preposition} {words}{end}") is None


@given(
    st.sampled_from(["NOTES", "Notes", "FOOTNOTES", "Footnotes", "footnotes", "Endnotes", "ENDNOTES"]),
    st.sampled_from(["", ":", " TO BOOK I", " to Chapter 3:"]),
    st.sampled_from(["", "    "]),
)
def test_printed_notes_headings_are_headings(word, tail, indent):
    assert NOTES_HEADING.match(f"{indent}{word}{tail}") is not None
