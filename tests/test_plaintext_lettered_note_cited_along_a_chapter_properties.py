"""A chapter's one lettered note cited again and again along the chapter, the layout of the
Encyclopedia of Needlework (Project Gutenberg 20776): ``Coton à broder D.M.C[A]`` on every thread
the chapter names, up to 38 times, and one ``[A] See at the end of the concluding chapter…`` under
the chapter's ``FOOTNOTES:``; the next chapter cites its own ``[A]`` so again. The chapter's first
``[A]`` may stand far more than the reader's reach (60,000 characters) before its note, while
each stands within that reach of the next: every copy is that chapter's note cited again, so
every ``[A]`` pairs with its own chapter's note and no footnote finding is made (the reader said
once "marker A has no note" for the copies too far from it)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.readers import plaintext
from citecheck.rules import Context, all_rules, run_rules
from citecheck.source import SourceFile

# our own words, some 120 characters
PARAGRAPH = "Hold the work between the thumb and the forefinger, and draw the thread through the loop without twisting it.\n\n"
CITING = "For this stitch use Coton a broder D.M.C[{letter}] or Fil a dentelle D.M.C[{letter}] of a fine number.\n\n"


@st.composite
def chapters_citing_their_letter(draw):
    letter = draw(st.sampled_from("ABC"))
    text, labels, chapter_of_marker = "", [], []
    for chapter in range(draw(st.integers(1, 3))):
        text += f"CHAPTER {chapter + 1}.\n\n"
        # gaps of paragraphs between the citing ones: the longest stays within the reach (some
        # 400 paragraphs of 120 characters), the chapter as a whole may go far past it
        for gap in draw(st.lists(st.integers(0, 400), min_size=1, max_size=6)):
            text += PARAGRAPH * gap + CITING.format(letter=letter)
            labels += [letter, letter]
            chapter_of_marker += [chapter, chapter]
        text += f"FOOTNOTES:\n\n[{letter}] See at the end of the last chapter, the table of the threads and their sizes.\n\n\n\n\n"
    return text, letter, labels, chapter_of_marker


@settings(max_examples=30, deadline=None)
@given(chapters_citing_their_letter())
def test_every_copy_of_a_chapters_lettered_note_pairs_with_it(case):
    text, letter, labels, chapter_of_marker = case
    document = plaintext.read(SourceFile("book.txt", text))
    assert [m.label for m in document.markers] == labels
    assert [n.label for n in document.notes] == [letter] * (max(chapter_of_marker) + 1)
    note_chapters = [n.chapter for n in document.notes]
    assert [m.chapter for m in document.markers] == [note_chapters[k] for k in chapter_of_marker]
    findings = list(run_rules(Context.of(documents=(document,)), [r for r in all_rules() if r.code.startswith("CC1")]))
    assert findings == []
