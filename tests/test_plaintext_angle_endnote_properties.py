"""Properties of Browne's Religio Medici (Gutenberg 586) as its transcriber set it: an endnote's
number in angle brackets glued to the word or stop, or a space after a symbol's marker
(``profession,<1>--the``, ``Manilla,* <16>``), is a bracketed candidate, while an HTML tag or a
page mark (``<i>``, ``<p 107>``) and a number in angle brackets opening a line are none; a star
after the tag that closes an italic (``solus,"</i>* though``) is a symbol's marker, as after the
italic's underscore."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.readers.plaintext import SYMBOL_MARKER, find_candidates

WORD = st.sampled_from(["profession,", "Dort.", "improperations", "OEdipus,", "Manilla,*"])
AFTER = st.sampled_from(["--the", " and terms", "  In", "\n"])
NUMBER = st.integers(1, 999)


def _bracketed(text: str) -> list[tuple[str, int]]:
    return [(text[c.start : c.end], c.number) for c in find_candidates(text, [(0, len(text))]) if c.style == "bracket"]


@settings(max_examples=200, deadline=None)
@given(WORD, st.sampled_from(["", " "]), NUMBER, AFTER)
def test_a_number_in_angle_brackets_after_a_word_is_a_bracketed_candidate(word, space, number, after):
    text = f"as the general scandal of my {word}{space}<{number}>{after}\n"
    assert _bracketed(text) == [(f"<{number}>", number)]


@settings(max_examples=200, deadline=None)
@given(NUMBER, st.sampled_from(["<i>", "</i>", "<p 107>", "<br>"]))
def test_tags_and_a_number_in_angle_brackets_opening_a_line_are_none(number, tag):
    text = f"a word{tag}and more\n<{number}> at the line's start\nan arrow  <{number}> two spaces\n"
    assert _bracketed(text) == []


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["i", "em", "b"]), st.sampled_from(["solus,\"", "Misturus--\"", "durent"]), st.sampled_from([" though", "\n"]))
def test_a_star_after_an_italic_s_closing_tag_is_a_symbol_marker(tag, words, after):
    text = f"<{tag}>\"Nunquam minus {words}</{tag}>*{after}"
    found = [m.group("symbol") for m in SYMBOL_MARKER.finditer(text)]
    assert found == ["*"]
