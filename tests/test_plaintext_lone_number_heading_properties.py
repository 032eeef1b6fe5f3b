"""Property tests for a number alone on its line inside a running sentence (the centred ``I`` of
a figure in Coleridge's Aids to Reflection, 44795): no chapter heading, while the same number
between a finished paragraph and one opening on a capital still is."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from citecheck.readers.plaintext import read_layout

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
WORDS = st.lists(WORD, min_size=1, max_size=10).map(" ".join)
NUMERAL = st.one_of(st.integers(1, 999).map(str), st.sampled_from(["I", "II", "IV", "IX", "XII", "XL"]))
STOP = st.sampled_from(["", "."])
INDENT = st.sampled_from(["", "    ", "                "])
FIGURE = st.sampled_from(["", "    T-----------------------A\n", "    341,\n"])


def _heading_lines(text: str) -> list[str]:
    return [text[start : text.find("\n", start)].strip() for start in read_layout(text).headings]


@given(WORDS, INDENT, NUMERAL, STOP, FIGURE, WORDS, WORDS)
def test_a_number_inside_a_running_sentence_is_no_heading(before, indent, numeral, stop, figure, after, rest):
    text = f"The rule holds, and {before} thus in the line\n\n{indent}{numeral}{stop}\n{figure}\n{after} we have {rest}.\n"
    assert _heading_lines(text) == []


@given(WORDS, INDENT, NUMERAL, STOP, WORDS)
def test_a_number_between_finished_prose_and_a_capital_is_a_heading(before, indent, numeral, stop, after):
    text = f"The chapter ends, and {before}.\n\n{indent}{numeral}{stop}\n\nThe next {after} begins.\n"
    assert _heading_lines(text) == [f"{numeral}{stop}"]


@given(WORDS, INDENT, NUMERAL, STOP, WORDS)
def test_a_number_after_a_line_stopping_mid_sentence_before_a_capital_is_a_heading(before, indent, numeral, stop, after):
    text = f"The last poem {before} ends without a stop\n\n{indent}{numeral}{stop}\n\nThe next {after} begins.\n"
    assert _heading_lines(text) == [f"{numeral}{stop}"]
