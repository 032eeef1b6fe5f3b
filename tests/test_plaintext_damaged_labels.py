"""Property: a ``[Footnote n: …]`` label damaged as real transcriptions damage it is still read as
note n, after the paragraph that carries its marker.

The damage seen in Project Gutenberg texts: the colon lost (Gibbon vol. 1, 1996), spaced (the same),
a bracket closing the number (Gibbon vol. 6) or the colon put before the number (Livy's Roman
History, e-text of 2004: ``[Footnote:28 Known as``), or before it and a space (Lingard's History of
England, e-text of 2004: ``[Footnote: 1 Rushworth``), with its own colon after it too (MacDonald's
Hamlet, 10606: ``[Footnote: 10: 'to speak plainly``), however spaced.

A label with its colon before its number is a damaged label only where a marker of its number
waits for it: Sisam's Fourteenth Century Verse & Prose (43736) prints a poem's manuscript readings as
unlabelled notes keyed to its lines, ``[Foot-note: 21 for (2nd) _om. MS. Bodley 415_.]``.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.readers.plaintext import read
from citecheck.source import SourceFile

WORDS = "the herald threw a spear across the border and the priests read the old words aloud".split()
PROSE = st.lists(st.sampled_from(WORDS), min_size=3, max_size=12).map(lambda w: " ".join(w).capitalize())
DAMAGE = st.sampled_from(["[Footnote {n}: ", "[Footnote {n} ", "[Footnote {n} : ", "[Footnote {n}]: ", "[Footnote:{n} ", "[Footnote: {n} ",
                          "[Footnote: {n}: ", "[Footnote:  {n} ", "[Footnote :  {n} "])
COLON_FIRST = st.sampled_from(["[Footnote:{n} ", "[Footnote: {n} ", "[Footnote:  {n} ", "[Footnote : {n} "])


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 9999), PROSE, PROSE, DAMAGE)
def test_a_damaged_footnote_label_is_read_as_its_note(number, sentence, note, label):
    text = f"{sentence}. [{number}] {sentence}.\n\n{label.format(n=number)}{note}.]\n"
    document = read(SourceFile("book.txt", text))
    assert [m.label for m in document.markers] == [str(number)]
    assert [(n.label, n.text) for n in document.notes] == [(str(number), note + ".")]


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 999), st.integers(1, 999), PROSE, PROSE, COLON_FIRST)
def test_a_reading_keyed_to_a_line_no_marker_waits_for_is_no_note(marker, line, sentence, reading, label):
    # the marker has its note already, or no marker of the line's number stands before the reading
    text = (
        f"{sentence}. [{marker}] {sentence}.\n\n[Footnote {marker}: {sentence}.]\n\n"
        f"{label.format(n=line)}{reading}] _MS._]\n"
    )
    document = read(SourceFile("book.txt", text))
    assert [m.label for m in document.markers] == [str(marker)]
    assert [n.label for n in document.notes] == [str(marker)]
