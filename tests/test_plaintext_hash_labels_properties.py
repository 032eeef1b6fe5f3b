"""Property: markers `` #n`` and notes ``#n text`` gathered under a heading are read, each once,
and a ``#n`` in prose is no marker where no note carries that label.

Acton's Lectures on Modern History (Project Gutenberg 18685) sets its markers after a space at a
sentence's end (``creed #105.``), one wrapped to a line's start, and gathers the notes after the
lecture (``#3 The law of all progress…``, ``#32.  Diese…``, ``#43: Je suis…``). The reader knew no
``#`` label and read none of its 105 notes. The generated book puts a marker after some of its
sentences, now and then at a line's start, and labels each note with or without a stop or colon.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from plaintext_support import read_labels

WORDS = "the envoy wrote to his court of what he saw in the square and the crowd heard the news".split()
SENTENCE = st.lists(st.sampled_from(WORDS), min_size=5, max_size=14).map(lambda w: " ".join(w).capitalize())


def wrap(text: str, width: int) -> str:
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])


@st.composite
def books(draw) -> tuple[str, list[str]]:
    count = draw(st.integers(3, 12))
    sentences = []
    for n in range(1, count + 1):
        sentences.append(f"{draw(SENTENCE)} #{n}.")
        if draw(st.booleans()):
            sentences.append(f"{draw(SENTENCE)}.")
    body = wrap("  ".join(sentences), draw(st.integers(50, 80)))
    notes = "\n\n".join(f"#{n}{draw(st.sampled_from(['', '.', ':']))} {draw(SENTENCE)}." for n in range(1, count + 1))
    labels = [str(n) for n in range(1, count + 1)]
    return f"{body}\n\n\nNOTES TO THE LECTURE\n\n{notes}\n", labels


@settings(max_examples=60, deadline=None)
@given(books())
def test_hash_markers_and_gathered_hash_notes_are_read(book):
    text, labels = book
    read_labels(text, labels, labels)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(SENTENCE, st.integers(1, 99)), min_size=1, max_size=8))
def test_hash_numbers_without_hash_notes_are_no_markers(parts):
    text = wrap("  ".join(f"{sentence} #{n}." for sentence, n in parts), 70) + "\n"
    read_labels(text, [], [])
