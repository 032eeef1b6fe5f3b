"""Property: a note opening on its number and a colon in brackets (``[2: Cette vie…]``), a numbered
``[Footnote 2: …]`` with the word left out, is read as the note of that number and runs to its
closing bracket, over a blank line and a second paragraph when it has one; the paragraph after the
bracket opens the next note, not this one's text.

Peignot's Quelques recherches sur le tombeau de Virgile (Gutenberg 17602) gathers its thirteen
notes so under ``*Notes*``; the label was no note's (note recall 0.000). The generated book is
paragraphs whose markers ``[n]`` are glued to a word or stop (or after a space), then a Notes
heading and each note, perhaps over two paragraphs.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plaintext_support import read_labels

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORDS = "le tombeau du poète est placé sur la colline au-dessus de la grotte que les voyageurs visitent".split()
PHRASE = st.lists(st.sampled_from(WORDS), min_size=4, max_size=9).map(" ".join)
NOTE_OPENERS = ["Cette vie", "On peut consulter", "Le palme de Naples", "Voyez plus loin", "M. Lemaire"]


@st.composite
def books(draw) -> tuple[str, list[str], str]:
    count = draw(st.integers(1, 8))
    paragraphs, notes = [], []
    for number in range(1, count + 1):
        glue = draw(st.sampled_from(["", ".", " "]))
        paragraphs.append(f"{draw(PHRASE)}\n{draw(PHRASE)}{glue}[{number}] {draw(PHRASE)}.")
        note = f"[{number}: {draw(st.sampled_from(NOTE_OPENERS))} {draw(PHRASE)}"
        if draw(st.booleans()):
            note += f"\n{draw(PHRASE)}.\n\n{draw(PHRASE)}\n{draw(PHRASE)}"
        notes.append(note + ".]")
    heading = draw(st.sampled_from(["*Notes*", "NOTES", "Notes."]))
    text = "\n\n".join(paragraphs) + f"\n\n{heading}\n\n\n" + "\n\n".join(notes) + "\n"
    return text, [str(number) for number in range(1, count + 1)], notes[-1]


@SETTINGS
@given(books())
def test_wordless_numbered_footnotes_answer_their_markers(book):
    text, labels, last = book
    document = read_labels(text, labels, labels)
    assert document.notes[-1].text.split() == last.removesuffix("]").split()[1:]  # to its bracket
