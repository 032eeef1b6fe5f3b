"""Property: a gloss cited again at every later use of its word, each copy within a page of the
last, is that note cited again however far the run of copies goes.

Herodotus's first transcription (Macaulay's translation, book IV) glosses ``beyond[20]`` once and
prints ``[20]`` at each later ``beyond`` for pages, its notes gathered after the book: a copy more
than a page (6,000 characters) from the marker on the path, but within a page of the copy before
it, is still the gloss cited again. The generated chapter cites notes 1..k in order, one of them
again two to five times, each copy two to four paragraphs after the last, its notes under a
heading at the end.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from plaintext_support import read_labels

WORD = st.sampled_from(["the", "river", "desert", "tribe", "north", "wind", "forest", "beyond", "report", "people"])
SENTENCE = st.lists(WORD, min_size=8, max_size=14).map(lambda words: " ".join(words).capitalize() + ".")
# a paragraph of some 900 characters: a copy two to four of them after the last stays within a page
PARAGRAPH = st.lists(SENTENCE, min_size=10, max_size=10).map(" ".join)


@st.composite
def glosses_cited_again(draw):
    count = draw(st.integers(1, 4))
    again = draw(st.integers(1, count))
    copies = draw(st.integers(2, 5))
    paragraphs, labels = [], []
    for number in range(1, count + 1):
        paragraphs.append(f"{draw(PARAGRAPH)} Those who live beyond[{number}] them.")
        labels.append(str(number))
        if number == again:
            for _ in range(copies):
                paragraphs.extend(draw(PARAGRAPH) for _ in range(draw(st.integers(2, 4))))
                paragraphs.append(f"{draw(PARAGRAPH)} And beyond[{number}] these.")
                labels.append(str(number))
    notes = [f"[{number}] {draw(SENTENCE)}" for number in range(1, count + 1)]
    text = "BOOK IV\n\n" + "\n\n".join(paragraphs) + "\n\n\nNOTES TO BOOK IV\n\n" + "\n\n".join(notes) + "\n"
    return text, labels, [str(number) for number in range(1, count + 1)]


@settings(max_examples=60, deadline=None)
@given(glosses_cited_again())
def test_every_copy_of_a_gloss_cited_along_a_passage_is_a_marker(case):
    text, markers, notes = case
    read_labels(text, markers, notes)
