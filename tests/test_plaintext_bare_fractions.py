"""Properties: a decimal fraction written without its zero is no marker, a marker glued to a spaced
ellipsis still is, and one number in a long text without notes is no sequence.

The advertisements bound around Adeline Sergeant's Brooke's Daughter (Gutenberg 31106) price each
book of a series in cents without a zero (``.30``, ``.25``) and give a chemist's address after his
name (``Chemist. 122 St. Lawrence``): the prices were read as markers glued to a full stop, the
address as a lone marker. Rodwell's Koran (Gutenberg 2800) glues its markers to the last point of
a spaced ellipsis (``his plea. . . .2``), which a point after a space must not hide.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.readers.plaintext import find_candidates, read
from citecheck.source import SourceFile

TITLES = st.sampled_from(["THE WIDOW'S MITE", "UNDER THE ELMS", "A SUMMER AT SANDOWN", "THE CAPTAIN'S WARD"])
PRICE = st.integers(1, 99).map(lambda cents: f".{cents:02d}")
BEFORE_PRICE = st.sampled_from(["   ", " ", "\n", " $", " (", ' "', " “"])


@st.composite
def price_lists(draw) -> str:
    lines = [f"  {n}. {draw(TITLES)}, BY A. WRITER{draw(BEFORE_PRICE)}{draw(PRICE)}"
             for n in range(draw(st.integers(1, 40)), draw(st.integers(41, 60)))]
    street = f"Thomas Pratt, Chemist. {draw(st.integers(2, 999))} Water Street, Halifax."
    return "\n".join(["BOOKS IN THE SERIES.", "", *lines, "", street, ""])


NOVEL = ("She had not known, until the carriage turned into the avenue, how much she had feared to see "
         "the house again; and now that it stood before her, grey and quiet under the elms, she found "
         "that she could look at it without a tremor.\n\n") * 100  # a novel's length without a number


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(price_lists())
def test_prices_and_an_address_after_a_novel_without_notes_are_no_markers(adverts):
    assert read(SourceFile("novel.txt", NOVEL + adverts)).markers == ()


def test_a_short_excerpt_keeps_its_one_number():
    """Eight pages or fewer may be an excerpt whose notes are elsewhere: its one number stays."""
    text = "The shop stood at the corner. Thomas Pratt, Chemist. 214 Water Street was its address.\n"
    assert [m.number for m in read(SourceFile("excerpt.txt", text)).markers] == [214]


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 999), st.sampled_from([". . . .", ". . .", ". . .\n."]),
       st.sampled_from(["plea", "deafness", "burden"]))
def test_a_number_glued_to_a_spaced_ellipsis_stays_a_candidate(number, ellipsis, word):
    text = f"And he put forth his {word}{ellipsis}{number} But the word shall be fulfilled."
    assert [c.number for c in find_candidates(text, [(0, len(text))])] == [number]


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["   ", " $", "\n", ' "']), PRICE)
def test_a_fraction_without_its_zero_is_no_candidate(before, price):
    text = f"THE WIDOW'S MITE, BY ANNA GRAVES{before}{price} and more"
    assert find_candidates(text, [(0, len(text))]) == []
