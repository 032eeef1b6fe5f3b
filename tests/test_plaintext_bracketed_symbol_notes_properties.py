"""Property: a note opening on a star in brackets (``[*] Ueber die…``), flush left after the
paragraph whose ``mihi [*]`` it answers, is read as that marker's note, and the next page goes on
after it (``{9} ventorumque…``), its own paragraphs' stars and notes read as well.

Forster's De Plantis Esculentis (Gutenberg 34914) prints its four notes so; the label was no
note's, and once it was, its ``[*`` opening was taken for a ``[*Footnote:`` that runs to its
closing bracket, so the first note swallowed the rest of the book's (recall 0.000, then note
recall 0.250). The generated book is paragraphs, each perhaps with a star after a word and a
space (or glued to it) and its note after the paragraph, each paragraph after the first opening
on a page number in braces.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plaintext_support import read_labels

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORDS = "insulas vero per oceanum dispersas ventorumque intra tropicos perennium halitu perflatas".split()
PHRASE = st.lists(st.sampled_from(WORDS), min_size=4, max_size=9).map(" ".join)
NOTE_OPENERS = ["Ueber die", "Ex occursu", "Physiolog. Tom.", "Dederat in", "“Reise um"]


@st.composite
def books(draw) -> tuple[str, list[str]]:
    blocks, labels = [], []
    for page in range(1, draw(st.integers(1, 5)) + 1):
        opening = f"{{{page * 4}}} " if page > 1 else ""
        paragraph = f"{opening}{draw(PHRASE)}\n{draw(PHRASE)}"
        if draw(st.booleans()):
            glue = draw(st.sampled_from([" ", ""]))
            paragraph += f"{glue}[*]{draw(st.sampled_from(['', ',', '.']))} {draw(PHRASE)}\n{draw(PHRASE)}."
            note = f"[*] {draw(st.sampled_from(NOTE_OPENERS))} {draw(PHRASE)}"
            if draw(st.booleans()):
                note += f"\n{draw(PHRASE)} 1785."
            blocks += [paragraph, note]
            labels.append("*")
        else:
            blocks.append(paragraph + ".")
    return "\n\n".join(blocks) + "\n", labels


@SETTINGS
@given(books())
def test_bracketed_star_notes_answer_their_paragraphs(book):
    text, labels = book
    read_labels(text, labels, labels)
