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
@given(st.integers(1, 999), st.integers(1, 9), st.integers(1, 99))
def test_a_bracketed_number_glued_to_a_table_cell_is_no_candidate(cell, digit, number):
    # Halleck's table of Shakespeare's plays: ``1608-9[24]``, a cell's legend mark, not a marker
    text = f"Pericles      2389   418  {cell}-{digit}[{number}]\nHenry VIII.   2822"
    assert all(style != "bracket" for _, _, style in _candidates(text))
