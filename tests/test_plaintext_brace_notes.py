"""Property: under a Notes heading, every note in a run of notes labelled in braces is read, also
those whose marker the transcription misprints.

Leland's The Gypsies (Gutenberg 22939) labels its markers and its gathered notes by the printed
page in braces (``{19}``, ``{69a}``); three markers are printed with another label (``{69}`` for
the note ``{68}``), and their notes were dropped. The generated book has markers in braces, some
misprinted (not the first: the run of notes opens on one its marker answers), and all their notes
under ``Footnotes:``.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.readers.plaintext import read
from citecheck.source import SourceFile

WORDS = "the gypsies spoke among themselves a tongue no farmer could follow at the fair".split()
NOTE_TEXT = st.sampled_from(["From the notes of a traveller.", "Called by themselves the Romany.",
                             "Dog, in the pidgin of the ports.", "Told to the author by an old woman."])


@st.composite
def books(draw) -> tuple[str, list[str]]:
    pages = sorted(draw(st.sets(st.integers(10, 400), min_size=3, max_size=12)))
    labels = [f"{page}{letter}" for page in pages
              for letter in (["a", "b"] if draw(st.booleans()) else [""])]
    # the run opens on a note that its marker answers: what shows the book's notes are in braces
    misprinted = draw(st.sets(st.sampled_from(range(1, len(labels))), max_size=len(labels) // 3))
    body = []
    for index, label in enumerate(labels):
        printed = f"{label.rstrip('ab')}9" if index in misprinted else label  # no note's label
        body.append(" ".join(draw(st.lists(st.sampled_from(WORDS), min_size=6, max_size=12))) + f" {{{printed}}}")
    notes = [f"{{{label}}}  {draw(NOTE_TEXT)}" for label in labels]
    text = "A RIDE THROUGH THE LANES.\n\n" + "\n".join(body) + ".\n\nFootnotes:\n\n" + "\n\n".join(notes) + "\n"
    return text, labels


@settings(max_examples=100, deadline=None)
@given(books())
def test_every_note_in_braces_under_the_heading_is_read(book):
    text, labels = book
    assert [n.label for n in read(SourceFile("gypsies.txt", text)).notes] == labels
