"""Property: lettered notes doubled past Z (``[AA] text`` to ``[CR] text``), each after the
paragraph whose glued ``[AA]`` cites it, are read with their markers; a line that opens on a
bracketed pair of capitals no marker carries is no note.

Chittenden's The Yellowstone National Park (Gutenberg 42112) letters its 96 notes ``[A]`` to
``[Z]`` and then ``[AA]`` to ``[CR]``; the reader took a lettered note's label as one letter, so
the 70 notes past Z and their markers were lost (recall 0.278). The generated book runs a
stretch of that lettering from a random start, a paragraph and its note for each letter, with
perhaps a line opening on an uncited pair (``[OK] stands on the stake``).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plaintext_support import read_labels

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORDS = "the first party to enter the region left no account of it in print and the name was in use".split()
PHRASE = st.lists(st.sampled_from(WORDS), min_size=3, max_size=9).map(" ".join)


def lettering(index: int) -> str:
    """The book's label for note ``index`` (0: A, 25: Z, 26: AA, 27: AB, ...)."""
    if index < 26:
        return chr(ord("A") + index)
    return chr(ord("A") + index // 26 - 1) + chr(ord("A") + index % 26)


@st.composite
def books(draw) -> tuple[str, list[str]]:
    first = draw(st.integers(0, 80))
    labels = [lettering(i) for i in range(first, first + draw(st.integers(1, 6)))]
    parts = []
    for label in labels:
        stop = draw(st.sampled_from([".", ",", '."']))
        parts.append(f"{draw(PHRASE).capitalize()}{stop}[{label}] {draw(PHRASE)}.\n\n[{label}] {draw(PHRASE).capitalize()}.")
    if draw(st.booleans()):
        parts.append(f"[OK] {draw(PHRASE)}.")
    return "\n\n".join(parts) + "\n", labels


@SETTINGS
@given(books())
def test_each_doubled_letter_note_is_read_with_its_marker(book):
    text, labels = book
    read_labels(text, labels, labels)
