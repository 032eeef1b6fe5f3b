"""Property: a transcriber's note, boxed in bars or bracketed or plain, names the book's labels
(``'note[1]'``) without citing them: none of its labels is a marker, and the book's markers and
notes around it are read as they are.

Sully's Illusions (Gutenberg 17815) puts a boxed transcriber's note before its index saying that
"some footnotes read 'note[1]'"; the reader took its two labels as markers cited again (false 2).
The generated book has a few glued markers, then a transcriber's note in one of three frames
citing some of their numbers, then the notes under ``FOOTNOTES:``.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plaintext_support import read_labels

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORDS = "the senses may be deceived by expectation and the mind fills in what it looks for".split()
PHRASE = st.lists(st.sampled_from(WORDS), min_size=3, max_size=9).map(" ".join)
FRAMES = ("box", "bracket", "plain")


def framed(frame: str, words: str) -> str:
    if frame == "box":
        return f"+{'-' * 70}+\n|Transcribers note: {words:<51}|\n+{'-' * 70}+"
    if frame == "bracket":
        return f"[Transcriber's Note: {words}]"
    return f"Transcriber's note: {words}"


@st.composite
def books(draw) -> tuple[str, list[str]]:
    count = draw(st.integers(1, 5))
    labels = [str(n) for n in range(1, count + 1)]
    body = [f"{draw(PHRASE).capitalize()}.[{label}] {draw(PHRASE).capitalize()}." for label in labels]
    named = draw(st.lists(st.sampled_from(labels), min_size=1, max_size=2))
    note = framed(draw(st.sampled_from(FRAMES)), " and ".join(f"'note[{label}]'" for label in named) + " renumbered.")
    notes = [f"[{label}] {draw(PHRASE).capitalize()}." for label in labels]
    text = "\n\n".join([*body, note, "FOOTNOTES:", *notes]) + "\n"
    return text, labels


@SETTINGS
@given(books())
def test_a_transcribers_note_holds_no_marker(book):
    text, labels = book
    read_labels(text, labels, labels)
