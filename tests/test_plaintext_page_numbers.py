"""Property: printed page numbers kept in brackets at the start of each page's first line are
neither markers nor notes, wherever the page break cuts the prose.

Books transcribed with their page numbers (Bury's A History of Freedom of Thought, Gutenberg 10684)
open a paragraph with ``[n]`` at every page, in sequence, most often in the middle of a sentence,
sometimes alone on a line or before a heading, and some of those lines read like notes (a year in
parentheses), though not the first of a run: alone, ``[31] (1500) the`` is a note as well as a
page, and the reader does not go back on it when ``[32]`` follows. The
generated book is hard-wrapped prose with `` [n]`` markers after a space and
``[n] text`` notes at the chapter's end; the reader must report exactly those.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plaintext_support import read_labels

WORDS = (
    "the council met in the hall by the river and its clerks kept minutes in a hand that few could "
    "read the guild kept its own books which were lost in a fire when the archive moved to a new "
    "house and a canon made a list of it with more zeal than care"
).split()

SENTENCE = st.lists(st.sampled_from(WORDS), min_size=4, max_size=14).map(lambda w: " ".join(w).capitalize() + ".")
YEAR_ASIDE = st.integers(1500, 1900).map(lambda y: f"({y})")
PAGE_LINE = st.one_of(st.just(""), st.just("CHAPTER"), st.sampled_from(WORDS), YEAR_ASIDE)


@st.composite
def books(draw) -> tuple[str, list[str], list[str]]:
    """Text, and the labels of its markers and of its notes, in reading order."""
    width = draw(st.integers(40, 70))
    every = draw(st.integers(2, 6))  # lines on a page
    words: list[str] = []  # the prose as a stream of words
    markers = 0
    sentences = draw(st.integers(2, 12))
    # more than three pages of full lines, so the page numbers run in sequence, as a book's do (an
    # assume() on it filtered out so many draws that hypothesis's health check failed now and then)
    while sentences > 0 or len(" ".join(words)) <= width * (3 * every + 1):
        sentences -= 1
        words.extend(draw(SENTENCE).split())
        if draw(st.booleans()):
            markers += 1
            words[-1] += f" [{markers}]"  # kept with its word: a marker opens no paragraph
    first_page = page = markers + draw(st.integers(30, 400))  # past the notes' numbers: one page alone reads as a note
    lines: list[str] = []
    line: list[str] = []
    for word in words:
        if len(" ".join(line + [word])) > width and line:
            lines.append(" ".join(line))
            line = []
            if len(lines) % every == 0:
                page += 1
                # the first of a run of page numbers must not read as a note: alone it is one
                opening = draw(PAGE_LINE if page - first_page > 1 else PAGE_LINE.filter(lambda o: "(" not in o))
                lines.extend(["", f"[{page}]" + (f" {opening}" if opening and opening != "CHAPTER" else "")])
                if opening == "CHAPTER":
                    lines.extend(["CHAPTER II", ""])
        line.append(word)
    lines.append(" ".join(line))
    notes = [f"[{n}] The clerk's minute of {1400 + n}, in the town's archive." for n in range(1, markers + 1)]
    text = "\n".join(lines) + "\n\n" + "\n\n".join(notes) + "\n"
    labels = [str(n) for n in range(1, markers + 1)]
    return text, labels, labels


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(books())
def test_bracketed_page_numbers_are_neither_markers_nor_notes(book):
    text, markers, notes = book
    read_labels(text, markers, notes)


OPENING_WORDS = "Quant Après Tandis Au En Le".split()
CHRONICLE_WORDS = "le roy ala en bourgoigne et prist la cité que les barons tenoient lors puis retorna à paris".split()
CHRONICLE_SENTENCE = st.lists(st.sampled_from(CHRONICLE_WORDS), min_size=4, max_size=14).map(lambda w: " ".join(w) + ".")


@st.composite
def chronicles(draw) -> tuple[str, list[str], list[str]]:
    """A chronicle whose every paragraph opens on its source's ``[n]`` marker glued to its first
    word (Paulin Paris's Grandes chroniques de France, Gutenberg 33205), so that paragraphs in a row
    open on numbers in a row as pages do, with more markers inside some; each paragraph's notes
    after it or after the next (three paragraphs in a row that open on labels read as a block of
    notes). Text, and the labels of its markers and of its notes, in reading order."""
    blocks: list[str] = []
    pending: list[int] = []  # cited, their notes not yet printed
    number = 0
    deferred = False  # the paragraph before left its notes to this one
    for _ in range(draw(st.integers(3, 8))):
        number += 1
        paragraph = f"[{number}]{draw(st.sampled_from(OPENING_WORDS))} " + draw(CHRONICLE_SENTENCE)
        pending.append(number)
        if draw(st.booleans()):
            number += 1
            paragraph = paragraph[:-1] + f"[{number}]. " + draw(CHRONICLE_SENTENCE).capitalize()
            pending.append(number)
        blocks.append(paragraph)
        deferred = not deferred and draw(st.booleans())  # its notes after the next paragraph's
        if not deferred:
            blocks.extend(f"[Footnote {n}: Aimoin, livre III, chapitre {n}.]" for n in pending)
            pending = []
    blocks.extend(f"[Footnote {n}: Aimoin, livre III, chapitre {n}.]" for n in pending)
    labels = [str(n) for n in range(1, number + 1)]
    return "\n\n".join(blocks) + "\n", labels, labels


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chronicles())
def test_markers_glued_to_a_paragraphs_first_word_are_no_page_numbers(book):
    text, markers, notes = book
    read_labels(text, markers, notes)
