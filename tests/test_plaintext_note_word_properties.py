"""Properties: ``Note n:`` lines are a book's notes where its markers answer them, and prose
elsewhere.

Paulin Paris's Grandes chroniques de France (Gutenberg 33205) prints each paragraph's notes after
it, indented, each named by the word (``     Note 5: _Aimoini proemium_.``), with no Notes heading:
none of its 845 notes was read, as such a line is read as a note only under a Notes heading
(elsewhere ``Note 1. Doc. & Cov.`` is a reference in the prose or a table). The book's evidence
decides: most of its note-word lines have a marker of their number before them. The generated
book is hard-wrapped prose with ``[n]`` markers glued to the word, each paragraph's notes after
it, indented or not, wrapped lines indented alike; the other is prose whose numbered references
to notes (a table of contents of an appendix) answer no marker.
"""

from __future__ import annotations

import textwrap

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plaintext_support import read_labels

WORDS = "le roy ala en bourgoigne et prist la cité que les barons tenoient lors puis retorna à paris".split()
GLOSS = "aimoin frédégaire seigneurs assemblée la seine lugdunum lutèce variante manuscrits".split()

SENTENCE = st.lists(st.sampled_from(WORDS), min_size=4, max_size=12).map(lambda w: " ".join(w).capitalize())
NOTE_TEXT = st.lists(st.sampled_from(GLOSS), min_size=1, max_size=16).map(lambda w: " ".join(w).capitalize() + ".")


def _wrapped(words: str, width: int, indent: str = "") -> str:
    return textwrap.fill(words, width, initial_indent=indent, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False)


@st.composite
def chronicles(draw) -> tuple[str, list[str]]:
    """Text, and the labels of its markers (its notes carry the same), in reading order."""
    width = draw(st.integers(45, 75))
    indent = " " * draw(st.sampled_from([0, 4, 5]))
    blocks: list[str] = []
    number = 0
    for _ in range(draw(st.integers(3, 7))):
        cited = draw(st.integers(1, 3))
        sentences = []
        for _ in range(cited):
            number += 1
            sentences.append(draw(SENTENCE) + f"[{number}].")
        blocks.append(_wrapped(" ".join(sentences) + " " + draw(SENTENCE) + ".", width))
        blocks.extend(
            _wrapped(f"Note {n}: " + draw(NOTE_TEXT), width, indent) for n in range(number - cited + 1, number + 1)
        )
    return "\n\n".join(blocks) + "\n", [str(n) for n in range(1, number + 1)]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chronicles())
def test_note_word_lines_that_markers_answer_are_notes(book):
    text, labels = book
    read_labels(text, labels, labels)


@st.composite
def references(draw) -> str:
    """Prose with no marker, whose lines name notes of an appendix by number (``Note 3. On the
    bridge at Lyon``), indented or not, between paragraphs."""
    indent = " " * draw(st.sampled_from([0, 4, 5]))
    blocks: list[str] = []
    for number in range(1, draw(st.integers(3, 8)) + 1):
        blocks.append(_wrapped(draw(SENTENCE) + ". " + draw(SENTENCE) + ".", 70))
        blocks.append(f"{indent}Note {number}. " + draw(NOTE_TEXT))
    return "\n\n".join(blocks) + "\n"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(references())
def test_note_word_lines_no_marker_answers_are_prose(text):
    read_labels(text, [], [])
