"""Property: short ``[n] text`` notes right after the paragraph that cites them are read as notes,
however closely they follow one another and whatever the paragraph ends on.

Canfield's The Legends of the Iroquois (Gutenberg 58228) prints each paragraph's notes after it,
often a few words each (``[2] Mohawk River.`` then ``[3] Hudson River.``): two in a row read as a
book's printed page numbers, each one more than the one before, and every later note went with
them; a note after a paragraph that ends on a colon (``said to them:``) read as a list's item.
The markers before them tell both apart: no marker cites a page number or a list's item. The
generated book is hard-wrapped prose with ``[n]`` markers glued to the word or the stop, each
paragraph's notes after it, paragraphs ending on a stop or a colon.
"""

from __future__ import annotations

import textwrap

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plaintext_support import read_labels

WORDS = (
    "the people followed the old chief along the shore until they came to the mouth of a river and "
    "there they rested for many days then they went toward the rising sun over the rocks"
).split()
NOTE_WORDS = "Oswego Mohawk Hudson Oneida Cayuga Seneca Onondaga River Lake Falls".split()

SENTENCE = st.lists(st.sampled_from(WORDS), min_size=4, max_size=12).map(lambda w: " ".join(w).capitalize())
NOTE = st.lists(st.sampled_from(NOTE_WORDS), min_size=1, max_size=3).map(lambda w: " ".join(w) + ".")


def _wrapped(words: str, width: int) -> str:
    return textwrap.fill(words, width, break_long_words=False, break_on_hyphens=False)


@st.composite
def books(draw) -> tuple[str, list[str]]:
    """Text, and the labels of its markers (its notes carry the same), in reading order."""
    width = draw(st.integers(40, 75))
    blocks: list[str] = []
    number = 0
    for _ in range(draw(st.integers(2, 6))):
        cited = draw(st.integers(1, 3))
        sentences = []
        for _ in range(cited):
            number += 1
            glued = f"[{number}]." if draw(st.booleans()) else f".[{number}]"
            sentences.append(draw(SENTENCE) + glued)
        ending = draw(st.sampled_from([". It was so.", " and he said to them:"]))
        blocks.append(_wrapped(" ".join(sentences) + " " + draw(SENTENCE) + ending, width))
        blocks.extend(f"[{n}] " + draw(NOTE) for n in range(number - cited + 1, number + 1))
    text = "\n\n".join(blocks) + "\n"
    labels = [str(n) for n in range(1, number + 1)]
    return text, labels


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(books())
def test_short_bracketed_notes_after_their_paragraph_are_notes(book):
    text, labels = book
    read_labels(text, labels, labels)
