"""Property tests for a star note glued to its first word (``*See subsequent chapters…``, Melville's
Moby Dick, 2701): a note only after a glued star marker that closes no ``*emphasis*``."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from citecheck.readers.plaintext import NOTE_START

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
WORDS = st.lists(WORD, min_size=1, max_size=12).map(" ".join)
CAPITAL = st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _note_line(text: str):
    """How NOTE_START reads the last line of ``text``, bounded by it as the reader bounds it."""
    start = text.rindex("\n") + 1
    return NOTE_START.match(text, start, len(text))


@given(WORDS, WORDS, CAPITAL, WORDS)
def test_a_glued_star_after_a_glued_marker_is_that_marker_s_note(before, after, capital, note):
    text = f"{capital}{before} {after}.*\n\n*{capital}{note.lower()} ends here."
    match = _note_line(text)
    assert match is not None and match.group("symbol") == "*"


@given(WORDS, CAPITAL, WORDS)
def test_a_glued_star_with_no_marker_before_it_is_no_note(before, capital, note):
    text = f"{capital}{before}.\n\n*{capital}{note.lower()} ends here."
    assert _note_line(text) is None


@given(WORDS, CAPITAL, WORDS)
def test_a_star_after_an_emphasis_it_closes_is_no_note(before, capital, note):
    text = f"*{capital}{before}.*\n\n*{capital}{note.lower()} ends here."
    assert _note_line(text) is None


@given(CAPITAL, WORDS)
def test_a_line_set_in_stars_is_no_note(capital, words):
    text = f"The mate spoke.*\n\n*{capital}{words}*"
    assert _note_line(text) is None
