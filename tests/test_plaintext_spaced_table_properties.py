"""Properties of numbers that are no markers in a society's transactions without footnotes (Trees,
Fruits and Flowers of Minnesota 1916, Gutenberg 18183): a rural route after an initial (``Hopkins,
R. 3``), a ratio after a comma (``lime-sulphur, 1 to 40``), a year glued into a file's name or path (``18183-h.htm``), and a figure on a row of a
table set in columns of spaces (``Beets, 1 peck     $3.50     $2.00``); a number after a comma in a
sentence of prose stays a candidate."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.readers.plaintext import _table_cell, find_candidates

TOWN = st.sampled_from(["Hopkins", "Corrall", "Finley, N. D.", "Osseo", "Sta. F"])
INITIAL = st.characters(min_codepoint=ord("A"), max_codepoint=ord("Z"))
NUMBER = st.integers(1, 999)
YEAR = st.integers(1500, 2099)
GAP = st.integers(3, 12).map(lambda n: " " * n)
PRICE = st.sampled_from(["$3.50", "2.00", ".50", "10.00", "First", "Third"])
ITEM = st.sampled_from(["Beets", "Cabbages", "Collection", "Roses"])
UNIT = st.sampled_from(["peck", "heads", "blooms", "doz. roots"])


def _candidates(text: str):
    return find_candidates(text, [(0, len(text))])


@settings(max_examples=200, deadline=None)
@given(TOWN, INITIAL, NUMBER, st.sampled_from(["\n", ", Mpls.\n", "\nNext, J. P."]))
def test_a_number_after_an_initial_is_no_spaced_candidate(town, initial, number, after):
    text = f"Elliott, H. J.                   {town}, {initial}. {number}{after}"
    assert [c for c in _candidates(text) if c.style == "spaced"] == []


@settings(max_examples=200, deadline=None)
@given(YEAR, st.integers(0, 9), st.sampled_from(["-h.htm", ".txt", "-h.zip", "/"]))
def test_a_year_glued_into_a_file_name_is_no_candidate(year, digit, after):
    text = f"See {year}{digit}{after} for the illustrations.\n"
    assert [c for c in _candidates(text) if c.style == "year"] == []


@settings(max_examples=200, deadline=None)
@given(ITEM, NUMBER, UNIT, GAP, PRICE, GAP, PRICE)
def test_a_figure_on_a_row_of_spaced_columns_is_a_table_cell(item, number, unit, gap, first, gap2, second):
    text = f"{item}, {number} {unit}{gap}{first}{gap2}{second}\n"
    found = [c for c in _candidates(text) if c.start == len(item) + 2]
    assert found and all(_table_cell(text, c) for c in found)


@settings(max_examples=200, deadline=None)
@given(NUMBER, st.sampled_from(["who", "which", "and the"]))
def test_a_number_after_a_comma_in_prose_is_no_table_cell(number, word):
    text = f"He went to the capital of the sultan, {number} {word} received him at the gate.\n"
    found = [c for c in _candidates(text) if c.style == "after-comma"]
    assert found and not any(_table_cell(text, c) for c in found)


@settings(max_examples=200, deadline=None)
@given(NUMBER, NUMBER, st.sampled_from(["to", "or"]))
def test_a_ratio_after_a_comma_is_no_candidate(first, second, word):
    text = f"commercial lime-sulphur, {first} {word} {second}; and Bordeaux mixture.\n"
    assert [c for c in _candidates(text) if c.style == "after-comma"] == []
