"""Properties of books with few bracketed notes, as the random draw of round (j) found them.

* Wissler's Sun Dance of the Blackfoot (Gutenberg 35952) ends each section with its notes under an
  indented ``FOOTNOTES:`` heading, numbered through the book, then four blank lines and the next
  section: the Notes section ended there, or every later marker was read as note text (2 of 22
  markers found).
* Napier's Peninsular War, vol. 6 (69964), prints its 13 markers ``[n]``, all of them, and has
  army returns whose counts follow a comma (``Maucune, 7 ditto``): those are no markers.
"""

from __future__ import annotations

import textwrap

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plaintext_support import read_labels

WORDS = (
    "the bands gather in summer at the river bend and each sets its lodges in the old order while "
    "the crier rides round the circle and calls the names of the owners"
).split()
SENTENCE = st.lists(st.sampled_from(WORDS), min_size=5, max_size=12).map(lambda w: " ".join(w).capitalize() + ".")
TITLE = st.sampled_from(["THE CAMP.", "THE VOW.", "THE LODGE.", "THE FEAST.", "THE SONGS."])
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _reads_every_marker_and_note_once(book: tuple[str, list[str]]) -> None:
    """The reader finds exactly the generated book's markers and notes, in order."""
    text, labels = book
    read_labels(text, labels, labels)


@st.composite
def sectioned_books(draw) -> tuple[str, list[str]]:
    """Sections, each with its markers and its notes under ``FOOTNOTES:`` after it, numbered
    through the book; the labels of the markers (and notes), in reading order."""
    indent = draw(st.sampled_from(["", "  "]))
    number, parts = 0, []
    for _ in range(draw(st.integers(2, 5))):
        paragraphs, notes = [], []
        for _ in range(draw(st.integers(1, 3))):
            number += 1
            paragraph = draw(SENTENCE) + " " + draw(SENTENCE)[:-1] + f".[{number}] " + draw(SENTENCE)
            paragraphs.append(textwrap.fill(paragraph, 60))  # hard-wrapped, as a book is
            note = f"[{number}] " + draw(SENTENCE) + " " + draw(SENTENCE)
            notes.append(textwrap.fill(note, 60, initial_indent=indent, subsequent_indent=indent))
        gap = "\n" * draw(st.integers(4, 6))
        parts.append(draw(TITLE) + "\n\n" + "\n\n".join(paragraphs) + f"\n\n{indent}FOOTNOTES:\n\n" + "\n\n".join(notes) + gap)
    return "".join(parts), [str(n) for n in range(1, number + 1)]


@SETTINGS
@given(sectioned_books())
def test_the_book_goes_on_after_each_sections_notes(book):
    _reads_every_marker_and_note_once(book)


@st.composite
def books_with_returns(draw) -> tuple[str, list[str]]:
    """A few ``[n]`` markers, then a table whose rows end on a count after a comma, then the notes."""
    count = draw(st.integers(3, 8))
    paragraphs = [textwrap.fill(draw(SENTENCE) + " " + draw(SENTENCE)[:-1] + f"[{n}]. " + draw(SENTENCE), 60)
                  for n in range(1, count + 1)]
    rows = [f"  {draw(st.sampled_from(['First', 'Second', 'Third']))} division, Foy, {n} ditto\n"
            f"                       {draw(st.integers(1000, 9999)):,}  {draw(st.integers(100, 300))}"
            for n in draw(st.lists(st.integers(1, count), min_size=2, max_size=6))]
    notes = [f"[{n}] " + draw(SENTENCE) for n in range(1, count + 1)]
    text = "\n\n".join(paragraphs) + "\n\n" + "\n\n".join(rows) + "\n\n\nFOOTNOTES:\n\n" + "\n\n".join(notes) + "\n"
    return text, [str(n) for n in range(1, count + 1)]


@SETTINGS
@given(books_with_returns())
def test_counts_after_commas_are_no_markers_where_every_note_has_its_bracketed_marker(book):
    _reads_every_marker_and_note_once(book)


@st.composite
def books_with_notes_set_in(draw) -> tuple[str, list[str]]:
    """Boileau's Memorials of Human Superstition (68362): a page's notes set in under
    ``FOOTNOTES:``, some ending on an italic stop (``_…verberabat._``); the chapter goes on after one
    blank line and cites the next notes."""
    number, parts = 0, []
    for _ in range(draw(st.integers(2, 4))):
        paragraphs, notes = [], []
        for _ in range(draw(st.integers(1, 3))):
            number += 1
            paragraphs.append(textwrap.fill(draw(SENTENCE) + " " + draw(SENTENCE)[:-1] + f"[{number}].", 60))
            note = draw(SENTENCE)
            notes.append(f"[{number}] " + (f"_{note}_" if draw(st.booleans()) else note))
        resumed = textwrap.fill(draw(SENTENCE) + " " + draw(SENTENCE), 60)  # the chapter goes on
        parts.append("\n\n".join(paragraphs) + "\n\nFOOTNOTES:\n\n" + "\n\n".join(notes) + "\n\n" + resumed + "\n\n")
    return "".join(parts), [str(n) for n in range(1, number + 1)]


@SETTINGS
@given(books_with_notes_set_in())
def test_the_chapter_goes_on_after_notes_set_in_where_a_page_ended(book):
    _reads_every_marker_and_note_once(book)


@st.composite
def lists_of_illustrations(draw) -> tuple[str, list[str]]:
    """Old Quebec (30367): a list of illustrations, an entry carrying a note's ``[1]`` glued to its
    title (``[1]General Sir A. P. Irving      317``), the note after the list, then the book."""
    entries = [f"   {draw(SENTENCE)[:-1][:40]:<45}{draw(st.integers(1, 999)):>6}" for _ in range(draw(st.integers(2, 6)))]
    at = draw(st.integers(0, len(entries) - 1))
    title = draw(st.sampled_from(["General Sir A. P. Irving", "Admiral Earl St. Vincent", "The Hon. R. Monckton"]))
    entries[at] = f"   [1]{title:<45}{draw(st.integers(1, 999)):>6}"
    body = textwrap.fill(draw(SENTENCE) + " " + draw(SENTENCE)[:-1] + ".[2] " + draw(SENTENCE), 60)
    text = ("LIST OF ILLUSTRATIONS\n\n" + "\n\n".join(entries) + "\n\n[Footnote 1: " + draw(SENTENCE)
            + "]\n\n\nCHAPTER I\n\n" + body + "\n\n[Footnote 2: " + draw(SENTENCE) + "]\n")
    return text, ["1", "2"]


@SETTINGS
@given(lists_of_illustrations())
def test_an_entry_of_a_list_of_illustrations_carries_a_marker_not_a_note(book):
    _reads_every_marker_and_note_once(book)
