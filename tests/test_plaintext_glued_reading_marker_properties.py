"""Property: in a book that spaces every note from its ``[n]`` label, a ``[n]`` glued to the first
word of a paragraph is a marker, even right after a chapter's notes and reading like a citation.

Phillips's Readings in Money and Banking (Gutenberg 35120) opens each reading with its source's
marker glued to the first word (``[87]In the _Purchasing Power of Money_ (1911) I sketched…``)
and gathers each chapter's notes after it as ``[86] The answers…``. After a chapter's notes and
the next heading, the glued label went on from the last note and read as a citation: a note, its
marker lost and the real note a duplicate (12 false findings). The generated book is chapters of
readings, each opening on its glued marker and citing two or three more, with the chapter's notes
(label, a space, a citation) after it.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plaintext_support import read_labels

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORDS = "the plan rests on the exchange of local money for drafts and the rates were held near the point".split()
PHRASE = st.lists(st.sampled_from(WORDS), min_size=3, max_size=9).map(" ".join)
CITATION = st.sampled_from(["In the _Purchasing Power of Money_ (1911) I sketched", "The _Report_ of 1898, p. 12, shows",
                            "The association at present (1909) consists of", "In France the gold holdings"])


@st.composite
def books(draw) -> tuple[str, list[str]]:
    number, parts, labels = 0, [], []
    for chapter in range(1, draw(st.integers(2, 4)) + 1):
        first = number = number + 1
        # the first reading opens on prose: before any note, nothing shows how the book labels them
        opening = draw(CITATION) if chapter > 1 else "The plan rests on"
        body = f"[{number}]{opening} {draw(PHRASE)}."
        for _ in range(draw(st.integers(2, 3))):  # three notes at least show how the book spaces them
            number += 1
            body += f" {draw(PHRASE).capitalize()}.[{number}]"
        notes = "\n\n".join(f"[{n}] {draw(PHRASE).capitalize()}, _Money_, p. {n}." for n in range(first, number + 1))
        parts.append(f"CHAPTER {chapter}\n\nTHE {draw(st.sampled_from(['STANDARD', 'DOLLAR', 'BANKS']))}\n\n{body}\n\n{notes}")
        labels += [str(n) for n in range(first, number + 1)]
    return "\n\n\n\n".join(parts) + "\n", labels


@SETTINGS
@given(books())
def test_a_glued_label_opening_a_reading_is_its_marker(book):
    text, labels = book
    read_labels(text, labels, labels)
