"""Properties of the evidence that numbered lines in a society's transactions without footnotes
are a list (Trees, Fruits and Flowers of Minnesota 1916, Gutenberg 18183): a weak number pages
before an item (``(1) The egg``, ``Beets, 1 peck``, ``up to December 1``) does not call it, one on
its page does, and so does a number glued to a word pages before; a name's initials (``P. L.
Keene``) are no page locator, ``p. 12`` is one; an amount's decimals after a column's spaces
(``Printing     247.16``) are a table's cell, a decimal in a sentence is not."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.readers.plaintext import CITATION_FEATURES, PAGE_REACH, _MarkerIndex, _table_cell, find_candidates

NUMBER = st.integers(1, 99)
WEAK_BEFORE = st.sampled_from([
    "in its life cycle: ({n}) The egg, and so on.",
    "Beets, {n} peck of the best.",
    "a deficiency of rain up to December {n}",
])
INITIAL = st.characters(min_codepoint=ord("A"), max_codepoint=ord("Z"))
SURNAME = st.sampled_from(["Keene", "Sands", "Nelson", "Aamodt"])
ITEM = st.sampled_from(["Printing", "Premium books", "Office supplies", "Expenses annual meeting, 1914"])
GAP = st.integers(3, 40).map(lambda n: " " * n)


PAGES = st.integers(1, 5)  # pages of prose between the number and the item
PROSE = "The trees bloomed late and set a fair crop on the higher ground of the station.\n"


def _item_after(before: str, number: int, pages: int) -> tuple[str, int]:
    prose = PROSE * (pages * PAGE_REACH // len(PROSE) + 1) if pages else ""
    text = before + "\n\n" + prose + f"\n{number}. Make a shaken swarm and give it a super.\n"
    return text, text.rindex(f"{number}. Make")


@settings(max_examples=100, deadline=None)
@given(WEAK_BEFORE, NUMBER, PAGES)
def test_a_weak_number_pages_before_does_not_call_a_numbered_line(before, number, pages):
    text, start = _item_after(before.format(n=number), number, pages)
    index = _MarkerIndex(text)
    assert index.precedes(start, number) and not index.precedes(start, number, calling=True)


@settings(max_examples=100, deadline=None)
@given(WEAK_BEFORE, NUMBER)
def test_a_weak_number_on_the_page_calls_a_numbered_line(before, number):
    text, start = _item_after(before.format(n=number), number, 0)
    assert _MarkerIndex(text).precedes(start, number, calling=True)


@settings(max_examples=100, deadline=None)
@given(NUMBER, PAGES)
def test_a_number_glued_to_a_word_calls_a_numbered_line(number, pages):
    text, start = _item_after(f"The swarm was shaken in the morning.{number} Then it settled.", number, pages)
    assert _MarkerIndex(text).precedes(start, number, calling=True)


@settings(max_examples=200, deadline=None)
@given(INITIAL, INITIAL, SURNAME)
def test_initials_after_a_p_are_no_page_locator(first, second, surname):
    text = f"3. Selling Berries at Winona--{first}. {second}. {surname}."
    assert [m.group() for m in CITATION_FEATURES.finditer(text) if m.group()[:1] in "Pp"] == []


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["p.", "pp.", "P."]), st.integers(1, 999))
def test_a_page_is_a_locator(abbreviation, page):
    assert CITATION_FEATURES.search(f"Smith, Orchards, {abbreviation} {page}.") is not None


@settings(max_examples=200, deadline=None)
@given(ITEM, GAP, st.integers(1, 9999), st.integers(10, 99))
def test_an_amount_in_a_column_is_a_table_cell(item, gap, whole, cents):
    text = f"{item}{gap}{whole}.{cents}\nBanquet{gap}152.75\n"
    found = [c for c in find_candidates(text, [(0, len(text))]) if c.start == len(item) + len(gap) + len(str(whole)) + 1]
    assert all(_table_cell(text, c) for c in found)


@settings(max_examples=200, deadline=None)
@given(st.integers(100, 999), st.integers(10, 99))
def test_a_decimal_in_a_sentence_is_no_table_cell(whole, cents):
    text = f"The yield was {whole}.{cents}\nBushels were sold at the market.\n"
    found = [c for c in find_candidates(text, [(0, len(text))]) if c.style == "after-number"]
    assert found and not any(_table_cell(text, c) for c in found)
