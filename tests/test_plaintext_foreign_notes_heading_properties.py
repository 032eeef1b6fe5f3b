"""Property: a Notes heading in the corpus's other languages (``AANTEEKENINGEN``, ``ANMERKUNGEN``,
``NOTAS:``) opens a Notes section, where a label alone on its line is the note of the verse under it.

Van der Willigen's Reize door Frankrijk (Gutenberg 20465) gathers its 259 notes at the end under
``AANTEEKENINGEN``; note 179 is a couplet set in under ``[179]`` alone on its line. Read as no
heading, the notes were a block between paragraphs and the couplet after a blank line was no
note's text: an empty note (CC107). The generated book is hard-wrapped prose with ``[n]`` markers
after a space, then the heading, then one note per marker: a line of text, or the label alone
over an indented verse of one to three lines.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.readers import plaintext
from plaintext_support import read_labels

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORDS = "wij reden door eene vlakte en kwamen des avonds te de waard sprak van zijne vrouw met veel lof".split()
PHRASE = st.lists(st.sampled_from(WORDS), min_size=3, max_size=9).map(" ".join)
HEADINGS = ("AANTEEKENINGEN", "AANTEKENINGEN", "ANMERKUNGEN", "NOTAS:", "  AANTEEKENINGEN", "ANMERKUNGEN:")


@st.composite
def books(draw) -> tuple[str, int, list[str]]:
    """Text, its number of notes, and for each note a word its text must hold."""
    count = draw(st.integers(2, 6))
    body = " ".join(f"{draw(PHRASE)} [{n}] {draw(PHRASE)}." for n in range(1, count + 1))
    notes, words = [], []
    for n in range(1, count + 1):
        if draw(st.booleans()):
            verse = [f"    {draw(PHRASE).capitalize()}," for _ in range(draw(st.integers(1, 3)))]
            notes.append(f"[{n}]\n\n" + "\n".join(verse) + f" vers{n}.")
        else:
            notes.append(f"[{n}] {draw(PHRASE).capitalize()} regel{n}.")
        words.append(f"{n}.")
    heading = draw(st.sampled_from(HEADINGS))
    return f"{body.capitalize()}\n\n\n\n{heading}\n\n\n" + "\n\n".join(notes) + "\n", count, words


@SETTINGS
@given(books())
def test_each_note_under_a_foreign_heading_holds_its_text(book):
    text, count, _ = book
    labels = [str(n) for n in range(1, count + 1)]
    document = read_labels(text, labels, labels)
    for n, note in enumerate(document.notes, 1):
        assert note.text.rstrip().endswith((f"vers{n}.", f"regel{n}.")), note.text


HEADING_PIECES = ("AANTEEKENINGEN", "AANTEKENINGEN", "ANMERKUNGEN", "NOTAS", "NOTES", "Notes", "FOOTNOTES", "foot",
                  "AANTEE", "KENINGEN", "ANMER", "KUNGEN", "NOT", "AS", " ", "\t", ":", ".", "TO", "to", "BOOK", "I", "1")


@SETTINGS
@given(st.lists(st.sampled_from(HEADING_PIECES), min_size=1, max_size=6).map("".join))
def test_a_line_the_heading_pattern_reads_holds_a_word_the_prefilter_looks_for(line):
    """read_layout tries NOTES_HEADING only on a line holding one of NOTES_WORDS: no heading is missed."""
    if plaintext.NOTES_HEADING.match(line) is not None:
        assert any(word in line for word in plaintext.NOTES_WORDS), line


@given(st.sampled_from(["aanteekeningen", "Aanteekeningen", "anmerkungen", "notas"]), PHRASE)
def test_the_word_inside_prose_is_no_heading(word, phrase):
    assert plaintext.NOTES_HEADING.match(f"{phrase} {word} {phrase}") is None
