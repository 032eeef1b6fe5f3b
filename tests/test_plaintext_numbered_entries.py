"""Property: a book that numbers many lines, almost none of them under a marker of its number, has
no notes among them.

L'Héritier's Sertum Anglicum (Gutenberg 38937) numbers the species of each genus from 1, a line
each (138 lines): the transcriber's note names the text's encoding, ``UTF8``, read as a marker 8,
which made every species numbered 8 that cites a page its note. The generated flora has genera of
numbered species, some citing a page, and a code of letters and digits in a note before them (a
lone number glued to a word, which may stay a marker, as an excerpt's does); the reader must find
no note.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.readers.plaintext import read
from citecheck.source import SourceFile

EPITHETS = "alaternus catharticus frangula lutea clavata pungens virgata ramentosa maritima lobata".split()
CODES = st.sampled_from(["UTF8", "MP3", "utf8", "Latin1", "ISO8859"])


@st.composite
def floras(draw) -> str:
    lines = [f"[Transcriber's note: this {draw(CODES)} text keeps the spelling of the original.]", ""]
    for genus in draw(st.lists(st.sampled_from(["RHAMNUS", "AMARYLLIS", "RELHANIA", "CINERARIA", "ERICA"]),
                               min_size=2, max_size=5)):
        lines += [genus + ".", "", "_CALYX_ quinquefidus. _Petala_ quinque.", ""]
        for number in range(1, draw(st.integers(10, 14)) + 1):  # ten at least: one line in ten or fewer answers the code
            cite = f" _mss. p._ {draw(st.integers(2, 400))}." if draw(st.booleans()) else ""
            lines += [f"{number}. {genus} _{draw(st.sampled_from(EPITHETS))}_.",
                      f"{genus[0]}. foliis ovatis, floribus axillaribus.{cite}", "_HABITAT in_ Africa.", ""]
    return "\n".join(lines)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(floras())
def test_numbered_entries_that_answer_no_markers_are_no_notes(text):
    assert read(SourceFile("flora.txt", text)).notes == ()
