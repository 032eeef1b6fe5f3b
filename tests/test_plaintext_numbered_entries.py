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


TITLES = "Beggars|To a Sky-Lark|Alice Fell|To Sleep|The King of Sweden|Calais|To the Daisy".split("|")
VERSE = st.lists(st.sampled_from(EPITHETS + ["she", "had", "a", "tall", "man's", "height"]), min_size=4, max_size=8).map(
    lambda w: "  " + " ".join(w).capitalize())


@st.composite
def poems(draw) -> str:
    """Wordsworth's Poems in Two Volumes (Gutenberg 8774): its contents and its sections number
    the poems from 1 (``1. _BEGGARS_.``), and two bracketed footnotes answer ``[1]`` and ``[2]``
    in the verse before the first section; the numbers 1 and 2 of the section after them were
    read as notes again."""
    # (contents long enough that the two numbers the markers match are one line in ten or fewer)
    # some entries end on their date after a comma, as a citation does
    contents = [f"{n}. _{draw(st.sampled_from(TITLES))}_" + draw(st.sampled_from(["", ", August, 1802"]))
                for n in range(1, draw(st.integers(20, 26)) + 1)]
    blocks = ["CONTENTS", *contents, "_THE BROOK_", "\n".join([draw(VERSE), draw(VERSE) + " [1]", draw(VERSE)]),
              "[Footnote 1: A Tarn is a small Mere or Lake.]", "_THE MOON_", "\n".join([draw(VERSE), draw(VERSE) + " [2]"]),
              "[Footnote 2: From a sonnet of Sir Philip Sydney.]"]
    blocks.append("POEMS COMPOSED DURING A TOUR.")
    for number in range(1, draw(st.integers(2, 8)) + 1):
        blocks += [f"{number}. _{draw(st.sampled_from(TITLES)).upper()}_.", "\n".join(draw(VERSE) for _ in range(4))]
    return "\n\n".join(blocks) + "\n"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(poems())
def test_numbered_poems_after_bracketed_footnotes_are_no_notes(text):
    document = read(SourceFile("poems.txt", text))
    assert [n.label for n in document.notes] == ["1", "2"]
    assert [m.label for m in document.markers] == ["1", "2"]
