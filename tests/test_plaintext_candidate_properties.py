"""Properties of the marker candidates on patterns of 2004 Project Gutenberg histories.

Phillips's American Negro Slavery (Gutenberg 11490) glues markers to years (``in 1726[16] and``)
and counts a city's trades in a list (``4 plumbers, 8 gas fitters, 7 bell hangers``): the first is
a marker wherever the year, the second never is, whatever the words and numbers.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.readers.plaintext import find_candidates

TRADES = st.lists(st.sampled_from("plumbers carvers riggers engineers machinists bakers coopers".split()), min_size=1, max_size=2).map(" ".join)
COUNT = st.integers(1, 999)


def _candidates(text: str) -> list[tuple[str, int, str]]:
    return [(text[c.start : c.end], c.number, c.style) for c in find_candidates(text, [(0, len(text))])]


@settings(max_examples=200, deadline=None)
@given(st.integers(1000, 2099), st.integers(1, 999), st.sampled_from([" ", "\n"]))
def test_a_bracketed_marker_glued_to_a_year_is_a_candidate(year, number, space):
    text = f"the fighting of the coast peoples in{space}{year}[{number}] and the trade"
    assert (f"[{number}]", number, "bracket") in _candidates(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(COUNT, TRADES), min_size=3, max_size=8))
def test_a_list_of_counts_after_commas_gives_no_candidate(items):
    text = "The census found " + ", ".join(f"{n} {trade}" for n, trade in items) + " in the city."
    assert _candidates(text) == []


LOCATOR = st.sampled_from(["p.", "pp.", "vol.", "no.", "ch.", "P."])


@settings(max_examples=200, deadline=None)
@given(LOCATOR, st.sampled_from(["", " "]), st.integers(1, 9999), st.integers(1, 999))
def test_a_bracketed_marker_glued_to_a_located_page_is_a_candidate(locator, space, page, number):
    # Cim's Récréations littéraires (50926) ends a quotation on its source: ``(Tome I, p. 196[38].)``
    text = f"le premier aliment de tous les hommes. (Tome I, {locator}{space}{page}[{number}].) Il"
    assert (f"[{number}]", number, "bracket") in _candidates(text)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["c.", "p.", "pp.", "vol."]), st.sampled_from([" ", "\n", ""]), st.integers(1, 9999),
       st.sampled_from(["-", "–"]), st.integers(1, 9999), st.integers(1, 999))
def test_a_bracketed_marker_glued_to_a_located_range_is_a_candidate(locator, space, first, dash, last, number):
    # the Britannica's Clementine Literature (31641): ``may be dated c.`` / ``350-375[5] (its Christology``
    text = f"The Recognitions may be dated {locator}{space}{first}{dash}{last}[{number}] (its Christology suggests"
    assert (f"[{number}]", number, "bracket") in _candidates(text)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 999), st.integers(1, 9), st.integers(1, 99))
def test_a_bracketed_number_glued_to_a_cell_of_a_table_in_columns_of_spaces_is_a_candidate(cell, digit, number):
    # Halleck's table of Shakespeare's plays (10631): ``1608-9[24]`` ending a row, the mark of the
    # table's legend note 24 ("Entered one year before at Stationers' Hall") printed after the chapter
    text = f"Pericles      2389   418  {cell}-{digit}[{number}]\nHenry VIII.   2822"
    assert (f"[{number}]", number, "bracket") in _candidates(text)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 999), st.integers(1, 9), st.integers(1, 99), st.sampled_from([" ", "  "]))
def test_a_bracketed_number_glued_to_a_number_outside_a_table_is_no_candidate(cell, digit, number, gap):
    # the same cell on a line with fewer than two gaps of three spaces is no table's row
    text = f"Pericles 2389{gap}418 {cell}-{digit}[{number}]\nHenry VIII. 2822"
    assert all(style != "bracket" for _, _, style in _candidates(text))

@settings(max_examples=200, deadline=None)
@given(st.integers(1, 999), st.sampled_from(["", "-9", "/10", "-9/10"]), st.integers(1, 999), st.sampled_from(["trombones", "in paper", "and the"]))
def test_a_bracketed_number_glued_to_a_number_prose_goes_on_from_is_a_candidate(count, tail, number, after):
    # Thayer's Beethoven, vol. II (43592): ``composed one for 6[106] trombones``, ``to 1612-9/10[89]
    # in paper money``; a table's cell ends its row (above)
    text = f"Beethoven sat down and composed one for {count}{tail}[{number}] {after} which"
    assert (f"[{number}]", number, "bracket") in _candidates(text)


# Notes and Queries, Nos. 92 and 96 (Project Gutenberg 38324, 38405): UTF-8 read as Latin-1 shows
# a superscript after a letter U+00C2-U+00DF (``Î¹`` for iota), and a bookseller's list counts volumes
# after a title's stop (``DOME. 1 Vol. folio.``): neither is a candidate, whatever the text around.
LEAD_BYTES = st.characters(min_codepoint=0xC2, max_codepoint=0xDF)
WORDS = st.lists(st.sampled_from("church abbey county letters history plates parish".split()), min_size=1, max_size=4).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(WORDS, LEAD_BYTES, st.sampled_from("¹²³"), WORDS)
def test_a_superscript_after_a_utf8_lead_byte_is_no_candidate(before, lead, superscript, after):
    text = f"{before} {lead}{superscript} {after}"
    assert [c for c in _candidates(text) if c[2] == "superscript"] == []


@settings(max_examples=200, deadline=None)
@given(WORDS, st.integers(1, 99), st.sampled_from(["Vol.", "Vols.", "vols.", "Volumes", "volumes"]), st.sampled_from([" ", "\n"]))
def test_a_count_of_volumes_after_a_stop_is_no_candidate(title, count, volumes, space):
    text = f"{title.upper()}.{space}{count} {volumes} folio."
    assert _candidates(text) == []


# The New York Times Current History (Project Gutenberg 16363) dates its maps ``Sept. 6``, a day
# after a month's abbreviation, at a line's end or before a capital: a date, never a candidate.
@settings(max_examples=200, deadline=None)
@given(WORDS, st.sampled_from("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()), st.integers(1, 31), st.sampled_from(["\n", " (Sunday), morning.", " Then"]))
def test_a_day_after_a_months_abbreviation_is_no_candidate(words, month, day, after):
    text = f"Map 3.--The {words}, {month}. {day}{after}"
    assert _candidates(text) == []


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["Fn", "fn", "note", "Note", "notes", "footnote", "Footnote", "anchor"]), st.integers(1, 999), st.integers(1, 400))
def test_a_bracketed_number_after_a_word_naming_a_note_is_no_candidate(word, number, page):
    # a transcriber's list of corrections (Boileau's Memorials of Human Superstition, 68362):
    # ``Pg 66 Fn [23]: ‘uncontroubled power’ replaced by…``, ``Pg 71: missing anchor [24] placed``
    text = f"  Pg {page} {word} [{number}]: ‘the distieh made’ replaced by ‘the distich made’."
    assert all(style != "bracket" for _, _, style in _candidates(text))


@settings(max_examples=200, deadline=None)
@given(st.integers(100, 9999), st.integers(1, 999), st.sampled_from([" gave", ",", "."]))
def test_a_parenthesized_marker_glued_to_a_year_is_a_candidate(year, number, after):
    # Mommsen's History of Rome, book III (10703): ``his popular opponents in 537(61) gave``
    text = f"Fabius and his popular opponents in {year}({number}){after} the death-blow"
    assert (f"({number})", number, "paren") in _candidates(text)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 99), st.integers(1, 999), st.sampled_from(["3.", "0,", ""]))
def test_a_parenthesized_number_after_a_short_number_or_a_decimal_is_no_candidate(value, number, lead):
    # ``f(2)``-like values and ``3.14(2)`` uncertainties are no markers: only a whole year of three
    # or four digits takes one
    text = f"the value came to {lead}{value}({number}) in the table"
    assert all(style != "paren" for _, _, style in _candidates(text))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["sinner", "keeper", "Abraham", "people"]), st.sampled_from(["'", "’"]), st.integers(1, 999))
def test_digits_glued_to_a_possessive_are_a_candidate(word, apostrophe, number):
    # Rodwell's Koran (2800): ``Shall be the sinner's10 food``; a letter and digits alone (``F3``) stay a code
    text = f"Shall be the {word}{apostrophe}s{number} food, and the code F{number} is none."
    assert [(found, style) for found, _, style in _candidates(text)] == [(str(number), "word")]


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 999), st.sampled_from(["*", "**"]), st.sampled_from(["", " "]), st.sampled_from(["setes.", "wimman", "hond,"]))
def test_a_note_and_its_added_note_called_in_one_bracket_is_a_candidate_of_the_number(number, stars, space, word):
    # Sisam's Havelok the Dane (32049): ``setes.[40, 40*]``, note 40 and the editor's note 40* added to it
    text = f"    In the se were he ofte {word}[{number},{space}{number}{stars}]          784\n"
    assert [(label, n, style) for label, n, style in _candidates(text) if style == "bracket"] == [(f"[{number}", number, "bracket")]
