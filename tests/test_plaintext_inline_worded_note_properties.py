"""The layout of Dasent's Popular Tales from the Norse (Project Gutenberg 8933), generated: the
contents end on the entry for the introduction's notes (``FOOTNOTES TO INTRODUCTION``), the
introduction's ``[n]`` markers stand after a space, and its notes are gathered at the book's end
under that heading, each label alone on its line over its text. One note is printed a second
time inline, ``[k] Footnote: …`` on the line right under the paragraph that cites it, and ends
with that paragraph; a gathered note may wrap the word ``Introduction.`` onto a line of its own
(Dasent's note 34), a wrapped line of the note, not a subheading that ends the notes. The
book runs past the reader's reach (60,000 characters) from the introduction's last marker to
its notes, as Dasent's does, so a gathered label read outside the Notes section would find no
marker of its number within reach.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from plaintext_support import read_labels

# our own words, some 140 characters a paragraph
PARAGRAPH = (
    "The tales were told by the fire in the long nights, and the children learned\n"
    "them by heart before they could read a word of any book.\n\n"
)
FILLER = 60_000 // len(PARAGRAPH) + 1  # paragraphs enough to pass the reach


@st.composite
def introductions(draw):
    count = draw(st.integers(2, 6))
    inline = draw(st.integers(1, count))
    wrapped = draw(st.integers(1, count))
    body, notes, markers, note_labels = [], [], [], []
    for number in range(1, count + 1):
        body.append(PARAGRAPH * draw(st.integers(0, 20)))
        body.append(f"So the old goddess kept her place among the stars of the hunter. [{number}]\n")
        markers.append(str(number))
        if number == inline:
            body.append(f"[{number}] Footnote: So the Swedes still call them, though the\nDanes give them to Our Lady.\n")
            note_labels.append(str(number))
        body.append("\n")
        text = "Compare the tales of the Highlands, where the same change was made."
        if number == wrapped:
            text = "As the learned brothers have shown, whose work is followed in this\nIntroduction.\n\nBefore them, the tales were thought fit for the nursery alone."
        notes.append(f"[{number}]\n\n{text}\n\n")
    note_labels += markers
    book = (
        "CONTENTS\n\nINTRODUCTION\nTHE GIANT WHO HAD NO HEART\nFOOTNOTES TO INTRODUCTION\n\n\n\n\n"
        "INTRODUCTION\n\n\nTHE TALES\n\n" + "".join(body) + PARAGRAPH * FILLER
        + "\n\n\nFOOTNOTES TO INTRODUCTION\n\n\n\n" + "".join(notes)
    )
    return book, markers, note_labels


@settings(max_examples=25, deadline=None)
@given(introductions())
def test_an_inline_worded_note_and_the_gathered_notes_are_read(case):
    text, markers, notes = case
    read_labels(text, markers, notes)
