"""Property: a block of ``[n] text`` notes gathered after a heading that ends with a colon is read
as notes, whatever the heading's language and however plain the notes' words.

Il dolce far niente (Gutenberg 61929) gathers its 79 notes at the end under ``NOTE:``, the Italian
plural: the colon read as a list's introduction, and notes with no locator on their first line
were taken for the list's items (no note read). The run of labels, a paragraph each, tells a block
of notes from a list. The generated book is hard-wrapped prose with ``[n]`` markers glued to the
word or the stop, then the heading, then one note per marker, each a plain capitalised sentence.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plaintext_support import read_labels

WORDS = (
    "the sculptor came back to the square in the evening when the boats were tied up and the bells "
    "of the old convent had stopped he kept his drawings in a chest under the window of his room"
).split()

SENTENCE = st.lists(st.sampled_from(WORDS), min_size=5, max_size=14).map(lambda w: " ".join(w).capitalize() + ".")
HEADING = st.sampled_from(["NOTE:", "NOTAS:", "ANMERKUNGEN:", "Notes:", "NOTES:"])


@st.composite
def books(draw) -> tuple[str, list[str]]:
    """Text, and the labels of its markers (its notes carry the same), in reading order."""
    count = draw(st.integers(3, 9))
    paragraphs = []
    for n in range(1, count + 1):
        sentence = draw(SENTENCE)
        glued = sentence[:-1] + f"[{n}]." if draw(st.booleans()) else sentence + f"[{n}]"
        paragraphs.append(draw(SENTENCE) + " " + glued + " " + draw(SENTENCE))
    notes = [f"[{n}] " + draw(SENTENCE) for n in range(1, count + 1)]
    text = "\n\n".join(paragraphs) + "\n\n\n" + draw(HEADING) + "\n\n\n" + "\n\n".join(notes) + "\n"
    return text, [str(n) for n in range(1, count + 1)]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(books())
def test_a_block_of_bracketed_notes_after_a_colon_heading_is_read_as_notes(book):
    text, labels = book
    read_labels(text, labels, labels)
