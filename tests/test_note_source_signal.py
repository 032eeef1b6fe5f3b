"""Property: the note-source prefilter (reconcile/notes.py, ``_may_cite``) never lets go of a source.

A segment, a piece of a note, or a whole note without anything some form of source needs (a
digit, a bracket or quotation, a roman number, Ibid. and its kin, "hereafter", an element's full
stop, an archival item …) is let go before the forms are tried in turn. That must never change what
is found, so:

* for text built from the pieces these forms read, and from prose around them, the full parser
  (every form tried) finds no source in any segment the prefilter lets go;
* a stretch of a note looked at as it stands has every sign it has as the parser reads it;
* notes built from such segments, joined as notes join them, cite the same with the prefilter
  and the parser's gate (``_may_parse``, tests/test_note_parse_gate.py) and without them (both
  let through whatever they are asked), with no alias declared and with one;
* so do the notes of real texts available offline: books of the dev split of the book corpus and
  the note fixtures of tests/corpora.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from citecheck.model import Note
from citecheck.readers import reader_for
from citecheck.reconcile import notes
from citecheck.source import SourceFile, Span, read_source

SETTINGS = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ROOT = Path(__file__).resolve().parents[1]

# What the forms read (names, titles, locators, the words of Ibid. and of aliases, archival items,
# quotes, emphasis, brackets, web addresses, ASCII typography) and the prose around them (words made
# of roman letters alone, apostrophes inside and at the ends of words, abbreviations, letters that
# match ASCII ones ignoring case: ``İ``, ``ı``, ``ſ``, ``K``).
PIECES = (
    "Tucker", "Robert C.", "E. H.", "Carr", "d'Anville", "l'Academie", "de", "van", "and", "&", "et", "al.",
    "et al.", "Jr.", "III", "(ed.)", "eds.", "the", "history", "Stalin", "in", "Power", "U.S.", "Department",
    "of", "State", "Moretti", "Franco", "Distant Reading", "Mr.", "St.", "M.", "Dion", "Cassius", "Hist.",
    "hereafter", "HEREINAFTER", "henceforth", "cited as", "Ibid.", "İbid", "ıbid", "ibid", "Id.", "ID", "idem",
    "Eadem", "op. cit.", "OP.", "loc. cit.", "supra", "ſupra", "SUPRA", "passim", "interview", "Interview",
    "see also", "ſee", "Cf.", "compare", "quoted in", "with", "as well as", "vol.", "vols.", "t. 3", "p.", "pp.",
    "ff.", "f.", "iv", "xii", "did", "civil", "mild", "I", "i", "l", "c.", "lxxx", "45", "7:12", "1905", "n.d.",
    "N. D.", "12 March 1930", "February 14,", "May", "fond", "opis", "delo", "box", "file", "item", "list",
    "series", "sheet", "MS", "Ms.", "no.", "l. 20", "v.", "347 U.S.", "at", "(", ")", "[", "]", "“", "”", '"',
    "‘", "’", "'", "''", "``", "`", "--", "*", "_", "«", "„", ",", ";", ":", ".", ". ", " ", " ", " ", "\n", "\t",
    "- ", "-\n", "-", "soldiers'", "Gibbon's", "Kelvin", "émigré", "ﬁle", "²", "www.", "http://x.org/a", "doi",
    "London:", "Macmillan,", "Press", "forthcoming", "was", "is", "who", "Thanks to", "which",
)
# Segments shaped as sources (names, a title, a locator or an imprint), most of them in a form the
# parser reads, many with one sign alone (a roman locator of a word, an element's full stop, an
# archival item with no number, "passim", "supra", "interview", a title in British quotes).
NAMES = ("Tucker", "Robert C. Tucker", "Carr, E. H.", "Moretti, Franco", "Fell and Shaw", "Fell, Ann, et al",
         "U.S., Department of State", "Donaldson", "Stalin", "DVP", "The Pandas Development Team", "Party archive")
TITLES = ("Distant Reading", "Stalin in Power", "*Bread*", "'Works'", "“Grain”", "Hist. des Empereurs", "op. cit.",
          "supra", "interview", "hereafter SW", "box A", "file x", "item b", "the history of the war", "ibid")
TAILS = ("", ", 45", ", iv", ", civil", ", did", ", passim", ", n.d.", " (London, 1990)", ", vol. ii, xii",
         ". Distant Reading", ". London: Verso, 2013", ", l. xvi", ", p. 12", " (forthcoming)", ", box A")
SHAPED = st.tuples(st.sampled_from(NAMES), st.sampled_from((", ", ". ", " ", ", ed. ", ": ")), st.sampled_from(TITLES),
                   st.sampled_from(TAILS), st.lists(st.sampled_from(PIECES), max_size=3).map("".join)).map(
    lambda parts: parts[0] + parts[1] + parts[2] + parts[3] + parts[4] if len(parts[4]) % 2 else "".join(parts[:4])
)
SEGMENT = st.one_of(st.lists(st.sampled_from(PIECES), max_size=16).map("".join), SHAPED)
JOINS = ("; ", ". ", ", see ", ", ", " quoted in ", " and ", " (", ") ", ", who ", ". See ", " in ")
NOTE_TEXT = st.lists(st.tuples(SEGMENT, st.sampled_from(JOINS)), min_size=1, max_size=5).map(
    lambda pairs: "".join(segment + join for segment, join in pairs).strip()
)


@settings(SETTINGS, max_examples=2000)
@given(SEGMENT)
@example("Moretti, Franco. Distant Reading")  # the bibliography's form: an element's full stop
@example("Smith, John, et al.the great history")  # "et al." ends the names, whatever follows
@example("Fell, Bread, civil")  # a roman locator made of a word
@example("Party archive, box A")  # an archival item with no number
@example("Donaldson, interview")
@example("Franco and Miele, interview")
@example("İbid")
@example("Fell, ſupra")
@example("Stalin, 'Works'")
@example("Fell, Bread (forthcoming)")  # an imprint in parentheses with no year yet
@example("Fell, *Bread*")
@example("Fell, «Bread»")
@example("Fell, „Bread“")
@example("Fell, Bread, ²iv")  # a roman locator after a character that is no letter, nor a digit to the parser
@example("Fell, here- after SW")  # a word hyphenated at a line break, joined before it is read
@example("Fell, Bread, n.  d.")
def test_a_segment_let_go_holds_no_source(segment):
    normalized = notes._normalized(segment)
    if not notes._may_cite(normalized):
        assert notes._parse_normalized(normalized, notes.Aliases()) is None


@SETTINGS
@given(SEGMENT)
@example("Fell, here- after SW")  # joined at the line break, the word is a sign its halves are not
@example("Fell,\n box A")
@example("``Bread''")
@example("``Bread")
@example("Fell, Bread, n.  d.")
@example("Fell, Franco.\nDistant Reading")
def test_a_stretch_as_it_stands_has_every_sign_it_has_normalized(stretch):
    """A note's stretches are looked at as they stand, not as the parser reads them (blanks,
    ASCII quotes and dashes, hyphenated words): whatever sign the parser's reading holds is seen."""
    if notes._may_cite(notes._normalized(stretch)):
        assert notes._stretch_may_cite(stretch)


def _citations(text: str, aliases: notes.Aliases, prefilter: bool) -> list:
    note = Note("1", 1, text, Span("n.md", 0, 4), (Span("n.md", 6, 6 + len(text)),), "markdown")
    source = SourceFile("n.md", "[^1]: " + text)
    notes._parse.cache_clear()  # a segment let go is remembered as commentary
    try:
        if prefilter:
            return list(notes._note_citations(note, source, aliases, {"tucker", "carr"}))
        with mock.patch.object(notes, "_may_cite", lambda text: True), mock.patch.object(notes, "_may_parse", lambda text: True):
            return list(notes._note_citations(note, source, aliases, {"tucker", "carr"}))  # _stretch_may_cite asks _may_cite too
    finally:
        notes._parse.cache_clear()


@SETTINGS
@given(NOTE_TEXT, st.booleans())
@example("The writer was mistaken in this. See Moretti, Franco. Distant Reading", False)
@example("It receives great light from the notes of M. Spanheim; Tucker, Stalin, civil", False)
@example("Stalin, Works (Moscow, 1952), hereafter SW; SW passim", False)
@example("A remark; DVP, iv", True)
def test_a_note_cites_the_same_with_the_prefilter_and_without(text, declared):
    aliases = notes.Aliases().with_name("DVP") if declared else notes.Aliases()
    assert _citations(text, aliases, prefilter=True) == _citations(text, aliases, prefilter=False)


def _dev_books() -> list[Path]:
    """Books of the dev split with footnotes of varied forms: classical references and commentary
    (Gibbon, Dio), modern histories (Bury, Lingard)."""
    manifest = tomllib.loads((ROOT / "tests" / "corpora" / "books" / "MANIFEST.toml").read_text(encoding="utf-8"))
    dev = {book["file"] for book in manifest["book"] if book["split"] == "dev"}
    chosen = ("gibbon-decline-fall-1.txt", "dio-rome-5.txt", "bury-freedom-of-thought.txt", "lingard-england-8.txt")
    return [ROOT / "tests" / "corpora" / "books" / name for name in chosen if name in dev]


def _fixture_texts() -> list[Path]:
    folders = ("essay", "essay-mla", "historians", "heldout", "monograph", "noteforms", "manuscript", "titles")
    return sorted(path for folder in folders for path in (ROOT / "tests" / "corpora" / folder).iterdir()
                  if path.suffix in (".md", ".txt", ".tex", ".html", ".xhtml") and path.name != "README.md")


@pytest.mark.parametrize("path", _dev_books() + _fixture_texts(), ids=lambda path: f"{path.parent.name}/{path.name}")
def test_real_notes_cite_the_same_with_the_prefilter_and_without(path):
    document = reader_for(path).read(read_source(path), None)
    notes._parse.cache_clear()
    try:
        found = notes.note_citations(document)
        notes._parse.cache_clear()
        with mock.patch.object(notes, "_may_cite", lambda text: True), mock.patch.object(notes, "_may_parse", lambda text: True):
            assert notes.note_citations(document) == found  # _stretch_may_cite asks _may_cite too
    finally:
        notes._parse.cache_clear()
