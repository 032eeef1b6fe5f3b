"""Property: lower-case lettered notes doubled past z (``[aa] text``, ``[bb] text``), gathered
after the text whose glued ``[aa]`` cites them, are read with their markers, their labels whole.

Johnson's Works, Volume 1 (Gutenberg 10835) letters the Life's notes ``[a]`` to ``[z]`` and then
``[aa]`` to ``[dd]``; the reader took a lower-case note's label as one letter, so the notes past
z were lost and their markers read as cited again. The generated book runs a stretch of that
lettering from a random start, a paragraph for each letter, then every note.
"""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plaintext_support import read_labels

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORDS = "he spoke often of the club and wrote of it later to his friend in the country".split()
PHRASE = st.lists(st.sampled_from(WORDS), min_size=3, max_size=9).map(" ".join)
LETTERS = [*string.ascii_lowercase, *(letter * 2 for letter in string.ascii_lowercase)]


@st.composite
def books(draw) -> tuple[str, list[str]]:
    count = draw(st.integers(2, 8))
    start = draw(st.integers(27 - count, 25))  # the stretch always reaches past z
    labels = LETTERS[start : start + count]
    body = [f"{draw(PHRASE).capitalize()}[{label}] {draw(PHRASE)}." for label in labels]
    notes = [f"[{label}] {draw(PHRASE).capitalize()}." for label in labels]
    return "\n\n".join(body) + "\n\n\nNOTES.\n\n" + "\n".join(notes) + "\n", labels


@SETTINGS
@given(books())
def test_each_doubled_lower_case_note_is_read_with_its_marker(book):
    text, labels = book
    read_labels(text, labels, labels)
