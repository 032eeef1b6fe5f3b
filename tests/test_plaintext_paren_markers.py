"""Property: a book that prints its markers as ``(n)`` glued to the word has some after a space
too, among years in parentheses, and the reader finds exactly its markers.

Mommsen's History of Rome (Gutenberg 10703, e-text of 2004) glues ``(n)`` to a word or a stop
(``Salamis(1).``, ``-poeta-(70)`` after an italic word), puts a few after a space (``boys (4)--``,
``Socratas.- (3)``), dates events by A.U.C. years in parentheses (``at Alalia (217) and``) and
gathers each chapter's ``n. text`` notes under ``Notes for Chapter I``. A ``(n)`` after a space is
otherwise a list item (The Federalist), so it counts only in a book whose glued markers are many.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from plaintext_support import read_labels

WORDS = "the consul marched north with two legions and the senate sent grain by sea to the camp".split()
CLAUSE = st.lists(st.sampled_from(WORDS), min_size=3, max_size=10).map(" ".join)
YEAR = st.integers(201, 799).map(lambda y: f"in the year ({y})")
GLUED = st.sampled_from(["{w}({n})", "{w}.({n})", "-{w}-({n})"])
SPACED = st.sampled_from(["{w} ({n})", "{w}.- ({n})"])


@st.composite
def books(draw) -> tuple[str, list[str]]:
    count = draw(st.integers(27, 40))  # every fourth at most after a space: twenty glued at least
    sentences: list[str] = []
    labels: list[str] = []
    for n in range(1, count + 1):
        clause = draw(CLAUSE)
        head, _, last = clause.rpartition(" ")
        style = draw(SPACED) if n % 4 == 0 and draw(st.booleans()) else draw(GLUED)
        marked = style.format(w=last, n=n)
        year = draw(YEAR) + " " if draw(st.booleans()) else ""
        sentences.append(f"{year}{head} {marked} {draw(CLAUSE)}.".capitalize())
        labels.append(str(n))
    paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, count, 4)]
    notes = [f"{n}. Polybius, book {n % 9 + 1}, on the war of {300 + n}." for n in range(1, count + 1)]
    text = "Chapter I\n\n" + "\n\n".join(paragraphs) + "\n\nNotes for Chapter I\n\n" + "\n\n".join(notes) + "\n"
    return text, labels


@settings(max_examples=60, deadline=None)
@given(books())
def test_paren_markers_after_a_space_count_in_a_book_of_glued_ones(book):
    text, labels = book
    read_labels(text, labels, labels)
