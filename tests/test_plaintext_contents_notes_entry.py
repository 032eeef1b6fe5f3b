"""Property: a contents entry that names a book's Notes with their page opens no Notes section.

Canfield's The Legends of the Iroquois (Gutenberg 58228) lists ``Notes to the Legends`` then a run
of spaces and ``197`` in its contents: read as the Notes heading, it made the whole book a Notes
section, where every numbered line is a note. The generated book has such contents, stories with
numbered lists (a line an item) after a colon and ``[n]`` markers, and the notes gathered at the end under their
real heading; the reader must find exactly the markers and the notes.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plaintext_support import read_labels

WORDS = "the old men of the village told the story in the winter when the snow lay deep and the fires burned".split()
SENTENCE = st.lists(st.sampled_from(WORDS), min_size=4, max_size=12).map(lambda w: " ".join(w).capitalize())
ENTRY = st.sampled_from(["Notes", "NOTES", "Notes to the Legends", "NOTES TO THE STORIES", "Footnotes", "Notes on the Text"])
HEADING = st.sampled_from(["NOTES", "Notes", "NOTES TO THE LEGENDS", "FOOTNOTES:"])


@st.composite
def books(draw) -> tuple[str, list[str]]:
    """Text, and the labels of its markers (its notes carry the same), in reading order."""
    stories = draw(st.integers(1, 4))
    entries = [f"  Story the {n}{' ' * draw(st.integers(3, 30))}{10 * n}" for n in range(1, stories + 1)]
    entries.append(f"  {draw(ENTRY)}{' ' * draw(st.integers(3, 30))}{draw(st.integers(20, 400))}")
    blocks = ["CONTENTS", "\n".join(entries)]
    number = 0
    for _ in range(stories):
        number += 1
        blocks.append(draw(SENTENCE) + f".[{number}] " + draw(SENTENCE) + ":")
        blocks.append("\n".join(f"{item}. " + draw(SENTENCE) + "." for item in range(1, draw(st.integers(2, 4)) + 1)))
        blocks.append(draw(SENTENCE) + ".")
    blocks.append(draw(HEADING))
    blocks.extend(f"[{n}] " + draw(SENTENCE) + "." for n in range(1, number + 1))
    return "\n\n".join(blocks) + "\n", [str(n) for n in range(1, number + 1)]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(books())
def test_a_contents_entry_naming_the_notes_opens_no_notes_section(book):
    text, labels = book
    read_labels(text, labels, labels)
