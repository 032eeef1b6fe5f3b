"""Lettered notes gathered at a long chapter's end, the layout of Folsom's Fifty Years in the
Northwest (Project Gutenberg 36375): ``Waw-tab[F]`` cites an ``[F] text`` under the chapter's
``FOOTNOTES:`` some thousands of lines on. However far the letter stands, the note is read and
pairs with it (a lone letter waiting is its note's marker), and no footnote finding is made."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.readers import plaintext
from citecheck.rules import Context, all_rules, run_rules
from citecheck.source import SourceFile

PARAGRAPH = "The county was organized and the first board of supervisors met in the log court house by the river.\n\n"


@settings(max_examples=20, deadline=None)
@given(st.integers(600, 1500), st.sampled_from("ABFGK"), st.sampled_from(["FOOTNOTES:", "NOTES", "Footnotes"]))
def test_a_lettered_note_gathered_far_from_its_marker_pairs_with_it(paragraphs, letter, heading):
    text = (
        f"CHAPTER III.\n\nThe boundary ran to the mouth of the Waw-tab[{letter}]\nriver, at its junction.\n\n"
        + PARAGRAPH * paragraphs
        + f"{heading}\n\n[{letter}] The Waw-tab empties from the west into the Mississippi.\n"
    )
    document = plaintext.read(SourceFile("book.txt", text))
    assert [n.label for n in document.notes] == [letter]
    assert [m.label for m in document.markers] == [letter]
    findings = list(run_rules(Context.of(documents=(document,)), [r for r in all_rules() if r.code.startswith("CC1")]))
    assert findings == []
