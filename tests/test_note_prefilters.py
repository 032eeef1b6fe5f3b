"""Property: each quick test the note-source parser asks before a pattern never hides a match.

``reconcile/notes.py`` runs a pattern that tries every position (or backtracks on prose) only when
a cheaper test says it may match: the words or characters it needs, the words before the first
comma or full stop, the last word. Skipping a pattern must never change what is parsed, so for
text built from the pieces these patterns look for (names, particles, "et al.", roman numbers,
months, locators, quotes and emphasis, "hereafter", remarks, ``İ``, which matches ``i`` when the
case is ignored, and ``ſ``, which matches ``s``), each quick test says "may match" whenever the
pattern matches.
"""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from citecheck.model import Note
from citecheck.reconcile import notes
from citecheck.source import SourceFile, Span

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PIECES = (
    "Tucker", "Wachter", "1291", "box", "folder", "opis'", "listy", "MSS", "Ms.", "reel", "series", "sheet", "sec.", "2009", "Robert C.", "E. H.", "Carr", "d'Anville", "de", "van", "and", "&", "et", "al.", "et al.", "Jr.",
    "III", "(ed.)", "eds.", "the", "history", "Stalin", "in", "Power", "U.S.", "Department", "of", "State",
    "hereafter", "HEREINAFTER", "henceforth", "cited as", "Ibid.", "İbid", "ibid", "Id.", "op. cit.", "loc. cit.", "see also",
    "ſee", "SEE", "cF.", "Cf.", "compare", "COMPARE", "Natur", "liv", "\xa0", "\n", "quoted in", "with", "as well as", "vol.", "vols.", "t. 3", "p.", "pp.", "ff.",
    "passim", "iv", "xii", "45", "7:12", "1905", "1938", "n.d.", "12 March 1930", "February 14,", "May",
    "Sept.", "fond 3", "opis 1", "delo", "l. 20", "v.", "347 U.S.", "at", "(", ")", "[", "]", "“", "”", '"', "‘",
    "'", "*", "_", ",", ";", ":", ".", " ", " ", " ", "\t", "emphasis", "added", "mİne", "original", "(my translation)",
    "London:", "Macmillan,", "http://x.org/a", "-", "–", "interview", " interview by", "forthcoming", "FORTHCOMİNG",
    "N. D.", "(l.", "18", "14", "20", "Department", "Office", "ed.", "EDİTED by", "trans.", "comp.", "2nd", "VOL.", "bd.", "tom.",
)
TEXT = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


@SETTINGS
@given(TEXT)
@example("Stalin, Works (Moscow, 1952) (henceforth Works)")
def test_alias_declaration_found_as_by_the_pattern(text):
    expected = notes.ALIAS_DECLARATION.search(text)
    found = notes._alias_declaration(text)
    assert (found and found.span()) == (expected and expected.span())


@SETTINGS
@given(TEXT)
@example("Fell, Bread, 12, emphasis mİne")
@example("Fell, Bread, 12 (my translation) .")
def test_trailing_remark_removed_as_by_the_pattern(text):
    assert notes._without_trailing_remark(text) == notes.TRAILING_REMARK.sub("", text)


@SETTINGS
@given(TEXT)
@example("Tucker de;")  # found by chance by a helper's run: the element cut drops the ";"
def test_names_and_entries_are_tried_whenever_they_may_match(text):
    if not notes._may_open_with_names(text):
        assert notes.AUTHORS.match(text) is None
    if not notes._may_open_entry(text):
        first = next(notes._entry_elements(text), None)
        assert first is None or notes._entry_head(first) is None
    if not notes._has_title_mark(text):
        assert notes.CORPORATE.match(text) is None


@SETTINGS
@given(TEXT)
@example("Tillemont, Hist. des Empereurs, tom. iii-iv.")
@example("Fell, Bread, 45 ff..")
@example("Gibbon, Decline, passim")
@example("Fell, Bread, 3 (n. 4)")
@example(",v.")
@example(" n.d.")
@example("Fell, Bread, iii&iv")
@example("Fell, Bread, 3 (A), 4")
@example("Fell, Bread, 3 (n. 4) Iv")
def test_locators_are_tried_whenever_they_may_match(text):
    if not notes._may_end_with_locator(text):
        assert notes.LOCATOR_AT_END.search(text) is None
    expected = notes.LOCATOR_AT_END.search(text)
    found = notes.LOCATOR_AT_END.search(text, notes._after_last_capital(text))
    assert (found and found.span()) == (expected and expected.span())
    assert notes._has_volume_locator(text) == (notes.VOLUME_LOCATOR.search(text) is not None)
    if notes._STOP_AFTER_NUMBER.search(text) is None:
        assert notes.LOCATOR_AFTER_STOP.search(text) is None


@SETTINGS
@given(TEXT)
@example("İbid., 45")
@example("Among others, Tucker")
@example("E.g., Tucker")
@example("ſEE Tucker")
@example("ſee Tucker")
def test_openings_are_tried_whenever_they_may_match(text):
    if text[:1] not in notes.IBID_INITIALS:
        assert notes.IBID.match(text) is None
    if text[:1].lower() not in notes.LEAD_IN_INITIALS:
        assert notes.LEAD_IN.match(text) is None
    if not notes._may_lead_in(text, 0):
        assert notes.LEAD_IN.match(text) is None
    assert notes._ends_with_et_al(text, len(text)) == (notes._ET_AL_ENDS.search(text) is not None)


@SETTINGS
@given(TEXT)
@example("Fell, A. (1996). Village soviets")
@example("Fell (n.d.), Grain")
@example("Cambridge: Cambridge University Press, 1996")
@example('Reimer et al. 2009. "IntCal09"')
@example("Fell, Ann. 1990")
@example("Archive, box 3; Party archive, MSS 12. Ms. 4")
@example("Wachter, Laslett and Hammel 1978, p. xix")
@example("Fell, Bread (FORTHCOMİNG)")
@example("Fell, Bread [N. D.]")
@example("Fell, London, 1905, 12")
@example("Fell, interview by Tom Shaw, May 1938")
@example(", no. 9 (May 1941): 12")
@example("Pravda, no. 9 (May \U0001d7ce941)")
def test_documents_cases_and_dates_are_tried_whenever_they_may_match(text):
    if notes._MONTH_START.search(text) is None or not notes._holds_four_digits(text):
        assert notes.DATED.match(text) is None
    if not notes._holds_four_digits(text):
        assert notes.ISSUE_ALONE.match(text) is None
        assert notes.PERIODICAL_ISSUE.match(text) is None
        assert notes.DATED_ARTICLE.match(text) is None
    assert (notes._MONTH_START.search(text) is not None) == any(month in text for month in notes.MONTH_STARTS)
    if notes.DOCUMENT.match(text) is not None:
        assert notes._ARCHIVE_ITEM_ENDS.match(text, text.rfind(",") + 1) is not None
    for comma in (i for i, char in enumerate(text) if char == ","):
        assert notes._ends_in_archive_item(text, comma) == (notes._ARCHIVE_ITEM_ENDS.match(text, comma + 1) is not None)
    if notes.AUTHOR_DATE_SHORT.match(text) is not None:
        assert notes._year_at_first_digit(text)
    if "v." not in text:
        assert notes.CASE.match(text) is None
    if "at" not in text:
        assert notes.CASE_SHORT.match(text) is None
    if "(" not in text:
        assert notes.AUTHOR_DATE_HEAD.match(text) is None
    head, expected = notes._author_date_head(text), notes.AUTHOR_DATE_HEAD.match(text)
    assert (head and head.span()) == (expected and expected.span())
    if notes._YEAR_THEN_TITLE.search(text) is None or not notes._year_at_first_digit(text):
        assert notes.AUTHOR_YEAR_HEAD.match(text) is None
    if notes._first_digit(text) >= 0:
        assert notes.ENTRY_NAMES.match(text) is None
    if notes._IMPRINT_WORDS.search(text) is None:
        assert notes.IMPRINT_ONLY.match(text) is None
    if not notes._may_hold_publication(text):
        assert notes.PUBLICATION.search(text) is None
    if not notes._may_hold_bare_imprint(text):
        assert notes.BARE_IMPRINT.search(text) is None
    if notes._INTERVIEW_WORD.search(text) is None:
        assert notes.INTERVIEW.match(text) is None


@SETTINGS
@given(TEXT)
@example("U.S., Department of State, Papers")
@example("Fell, Bread, 2nd ED. vol. 3, EDİTED by Tom Shaw, trans. Ann Fell")
@example("Fell, Bread, compıled by Tom Shaw")
@example("VOL. 2, p. 4")
def test_facts_are_read_whenever_their_words_are_there(text):
    lower = notes._lower(text)
    if notes._OFFICE_WORD.search(text) is None:
        assert notes.GOVERNMENT_BODY.match(text) is None
    if not notes._holds_editor_word(lower):
        assert notes.EDITOR_CLAUSE.search(text) is None
    if "ed." not in lower:
        assert notes.EDITION.search(text) is None
    if "vol" not in lower:
        assert notes.VOLUMES.search(text) is None
    if text[:1] not in "vVtTbB":
        assert notes.VOLUME_PREFIX.match(text) is None
    if "*" not in text and "_" not in text:
        assert notes.MARKUP.search(text) is None


@SETTINGS
@given(TEXT)
def test_splitting_is_tried_whenever_it_may_match(text):
    if notes._AND_BEFORE_CAPITAL.search(text) is None:
        assert notes.AND_BETWEEN.search(text) is None
    for start in range(len(text) + 1):  # the lookbehind reads the character before a piece
        if notes._END_THEN_COMMA_BEFORE_WORD.search(text, max(0, start - 1)) is None:
            assert notes.TRAILING_COMMENT.search(text, start) is None
    if not any(suffix in text for suffix in notes.SUFFIXES):
        assert notes.SUFFIX.search(text) is None
    for start in range(len(text) + 1):
        expected = notes._SEE_BEFORE.search(text, max(0, start - 16), start) is not None
        assert notes._see_before(text, start) == expected


@SETTINGS
@given(TEXT)
def test_what_stands_before_the_first_bracket_is_outside_brackets(text):
    """_entry_elements asks _outside only of a full stop after the first bracket or quotation mark."""
    found = notes._BRACKETING.search(text)
    first = len(text) if found is None else found.start()
    assert all(notes._outside(text)[:first])


@SETTINGS
@given(st.lists(st.sampled_from(("\U00010d40", "\U0001d504", "٣", "7", "x", " ", "²")), max_size=8).map("".join) | TEXT, st.data())
@example("\U0001d504\U00010d40 7", None)  # a letter beyond the BMP, then a digit re does not know
def test_first_digit_is_the_patterns(text, data):
    start = data.draw(st.integers(0, len(text))) if data is not None else 0
    end = data.draw(st.integers(start, len(text))) if data is not None else len(text)
    expected = notes._LOCATOR_OR_YEAR.search(text, start, end)
    assert notes._first_digit(text, start, end) == (expected.start() if expected is not None else -1)


@SETTINGS
@given(st.text(st.characters(max_codepoint=127)) | TEXT)
def test_signal_characters_of_an_ascii_text_are_those_of_the_pattern(text):
    if text.isascii():
        expected = notes._SIGNAL_CHARACTERS.search(text)
        found = notes._ASCII_SIGNAL_CHARACTERS.search(text)
        assert (found and found.span()) == (expected and expected.span())


@SETTINGS
@given(TEXT, st.data())
@example("see Tucker, in Stalin", None)
@example("Fell,  in  ſee Tucker: ibid (by The", None)
@example("Fell, the Bread, in ibid, 12, in the\tx, by  “T”, is é", None)
@example("as implied in St. Peter's words. See also Acts 13:20. The", None)  # Josephus, a dev book
@example("readers should consult Simmons, *The San Luis Valley*, or see the _Atlas_", None)
def test_sources_inside_are_found_as_by_the_pattern(text, data):
    start = data.draw(st.integers(0, len(text))) if data is not None else 0
    end = data.draw(st.integers(start, len(text))) if data is not None else len(text)
    expected = [(m.span(), m.group("see")) for m in notes.SOURCE_INSIDE.finditer(text, start, end)]
    assert [(m.span(), m.group("see")) for m in notes._sources_inside(text, start, end)] == expected


@SETTINGS
@given(TEXT)
@example("Fell. The Bread")
@example("Hist. l. vi. c. 32. Natur.\xa0(Paris)")
@example("Lemon, M. C.  _Philosophy_, Iu. “Title”")
@example("Dion, l. lxxvii. p. 1291. Tom. 3")
def test_full_stops_are_read_whenever_a_capital_may_follow(text):
    for dot in range(len(text)):
        if not notes._blank_then_not_lower(text, dot):
            assert notes._CAPITAL_FOLLOWS.match(text, dot + 1, dot + 6) is None
            assert notes._ELEMENT_FOLLOWS.match(text, dot + 1, dot + 6) is None
        if text[dot] == "." and notes._PIECE_END.match(text, dot) is None:  # a full stop split_pieces passes over
            outside = notes._outside(text)
            assert not notes._is_sentence_end(text, dot) and not notes._ends_given_name(text, 0, dot)
            assert not notes._sentence_ends_in_quotation(text, outside, dot)
        if text[dot] == "." and not notes._blank_then_title_mark(text, dot):
            assert not any(notes._TITLE_AFTER_INITIAL.match(text, max(0, dot - back)) for back in (1, 2))


@SETTINGS
@given(TEXT, st.data())
def test_a_piece_that_may_not_split_has_no_stretch_that_splits(text, data):
    """_handed_over asks _may_split of the piece once instead of asking each rest of it: a stretch
    of a piece holds no word the piece does not, so it splits only if the piece may."""
    piece = notes.Piece(0, len(text))
    if notes._may_split(text, piece):
        return
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert notes._split_inside(text, notes.Piece(start, end), frozenset()) == [(notes.Piece(start, end), False)]


# Notes of words alone between blanks and sentence ends, as commentary and as sources cut short
# (every word the parser reads as a sign of a source among them, and the letters that match
# ASCII ones when the case is ignored).
WORDS = (
    "A", "note", "This", "is", "discussed", "below", "See", "also", "Tucker", "Robert", "C", "E", "H", "Carr",
    "Stalin", "as", "Revolutionary", "New", "York", "Norton", "London", "Verso", "Press", "University", "of",
    "Cambridge", "edited", "by", "ed", "eds", "trans", "et", "al", "the", "in", "Power", "Works", "SR", "DVP",
    "Ibid", "ibid", "İbid", "IBID", "ib", "Id", "idem", "Eadem", "op", "cit", "loc", "supra", "ſupra", "passim",
    "ff", "f", "n", "d", "hereafter", "Henceforth", "hereinafter", "cited", "forthcoming", "vol", "vols", "t",
    "tom", "bd", "p", "pp", "I", "iv", "xii", "mix", "civil", "Mild", "note", "table", "map", "figure", "Jr",
    "III", "May", "March", "Moretti", "Franco", "Distant", "Reading", "compare", "quoted", "Thanks", "to",
)
SEPARATORS = (" ", " ", " ", ". ", "! ", "? ", "\n", ".")
NOTE_TEXT = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=1, max_size=10).map(
    lambda pairs: "".join(word + separator for word, separator in pairs)
)


@SETTINGS
@given(NOTE_TEXT)
@example("A note.")
@example("İbid.")
@example("Tucker passim.")
@example("Stalin Works hereafter SW.")
@example("x")  # roman letters alone: hostile input "a notes list of unnumbered items"
@example("I. iv xii.")
def test_a_note_let_go_before_parsing_cites_nothing(text):
    if not notes._holds_no_source(text):
        return
    note = Note("1", 1, text, Span("n.md", 0, 4), (Span("n.md", 6, 6 + len(text)),), "markdown")
    source = SourceFile("n.md", "[^1]: " + text)
    aliases, surnames = notes.Aliases(), {"tucker", "carr"}
    with mock.patch.object(notes, "_holds_no_source", lambda text: False):  # the parser, asked anyway
        assert list(notes._note_citations(note, source, aliases, surnames)) == []


def test_a_plain_note_in_a_file_with_markup_elsewhere_is_let_go(monkeypatch):
    """Markup elsewhere in the file (``\\emph``, the ``\\footnote{`` around the note) does not keep a
    note of plain words from the prefilter: only markup in its own text does (an HTML page of
    90,000 such notes had every one read)."""
    from citecheck.readers import reader_for
    from citecheck.source import SourceFile

    text = "A \\emph{marked} claim.\\footnote{A note of commentary.} Another.\\footnote{See \\emph{Bread}, 4.}\n"
    document = reader_for("essay.tex").read(SourceFile("essay.tex", text), None)  # with the reader's regions
    assert any(region.role == "markup" for region in document.regions)
    read: list[str] = []
    real = notes.split_pieces
    monkeypatch.setattr(notes, "split_pieces", lambda text: read.append(text) or real(text))
    notes.note_citations(document)
    assert read and not any("commentary" in text for text in read)  # the other note is read


def test_blanks_are_those_of_str_isspace():
    """_trim strips ``notes.BLANKS`` with str.strip where it asked str.isspace of each character."""
    assert set(notes.BLANKS) == {chr(code) for code in range(0x110000) if chr(code).isspace()}


@SETTINGS
@given(st.lists(st.sampled_from(PIECES + ("\u2003", "\x1c", "\u3000")), max_size=14).map("".join), st.data())
@example(" , ;See also Tucker, 45.;\u3000", None)
def test_trim_strips_what_it_stripped_character_by_character(text, data):
    """_trim takes its blanks and ``,;:`` off with str.strip; this is the loop it replaced."""
    piece = notes.Piece(0, len(text))
    if data is not None:
        start = data.draw(st.integers(0, len(text)))
        piece = notes.Piece(start, data.draw(st.integers(start, len(text))))
    start, end = piece
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    lead = notes.LEAD_IN.match(text, start, end) if text[start : start + 1].lower() in notes.LEAD_IN_INITIALS else None
    if lead is not None and lead.end() < end:
        start = lead.end()
        while start < end and text[start].isspace():
            start += 1
    if end > start and text[end - 1] == "." and not notes._keeps_final_stop(text[start:end]):
        end -= 1
    assert notes._trim(text, piece) == notes.Piece(start, end)


def _keeps_final_stop_by_the_pattern(text: str, start: int, end: int) -> bool:
    word = notes._LAST_WORD_STOP.search(text, start, end)
    if word is None:
        return False
    last = word.group(1).rsplit(".", 1)[-1] or word.group(1)
    return last.casefold() in notes.KEEPS_STOP or len(last) == 1 or word.group(1).endswith(".")


@SETTINGS
@given(TEXT, st.data())
@example("p. 1291.", None)
@example("Ibid.\n", None)
@example("5.\n", None)
def test_a_final_stop_is_kept_as_the_pattern_keeps_it(text, data):
    """_keeps_final_stop lets a stop after a digit or a bracket go without asking its pattern."""
    start = data.draw(st.integers(0, len(text))) if data is not None else 0
    end = data.draw(st.integers(start, len(text))) if data is not None else len(text)
    assert notes._keeps_final_stop(text, start, end) == _keeps_final_stop_by_the_pattern(text, start, end)


@pytest.mark.parametrize("char", [chr(code) for code in range(128)], ids=lambda char: f"{ord(char):02x}")
def test_the_ascii_look_for_no_word_agrees_with_the_words(char):
    """In ASCII, _holds_no_source lets a note go at its first character that is no letter, blank or
    sentence end: exactly those make the word they stand in no word of letters."""
    note = f"Word{char}word"
    words = note.replace(".", " ").replace("!", " ").replace("?", " ").split()
    looked_for = notes._ASCII_NOT_LETTER_BLANK_OR_END.search(note) is not None
    assert looked_for == (not all(word.isalpha() for word in words))
