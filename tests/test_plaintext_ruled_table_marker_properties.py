"""Properties of a bracketed marker glued to a figure in a ruled table's cell (``|  0[7]  |``,
``|   0    | 1/2[6]``: Self-Organizing Systems 1963, Gutenberg 66286, its legend notes under the
table): a candidate where a column rule stands before it on the row and the cell's rule or the
row's end after it; so too in a table of spaced columns where the row ends or a column's gap
follows (``1609[23]1608-9[24]``, Halleck's table of Shakespeare's plays, Gutenberg 10631, its legend
notes 23-25 after the chapter), but not where a word follows as in prose."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.readers.plaintext import find_candidates

FIGURE = st.one_of(st.integers(0, 999).map(str), st.tuples(st.integers(1, 9), st.integers(2, 9)).map(lambda p: f"{p[0]}/{p[1]}"))
LABEL = st.sampled_from(["noise", "signal", "power s/n", "DC"])
PAD = st.sampled_from(["", " ", "   "])


def _bracketed(text: str) -> list[tuple[str, int]]:
    return [(text[c.start : c.end], c.number) for c in find_candidates(text, [(0, len(text))]) if c.style == "bracket"]


@settings(max_examples=200, deadline=None)
@given(LABEL, FIGURE, FIGURE, st.integers(1, 99), PAD, st.booleans())
def test_a_marker_glued_to_a_figure_in_a_ruled_cell_is_a_candidate(label, before, figure, number, pad, last_cell):
    row = f"    {label}    |  {before}  |  {figure}[{number}]{pad}"
    text = row + ("\n" if last_cell else "|  0  |\n")
    assert _bracketed(text) == [(f"[{number}]", number)]


@settings(max_examples=200, deadline=None)
@given(FIGURE, st.integers(1, 99), st.sampled_from(["", "  1623", "   ? 1607-8"]))
def test_a_bracketed_number_glued_to_a_figure_ending_a_cell_in_spaced_columns_is_a_candidate(figure, number, after):
    text = f"Pericles       2389   418  1436   225     89 ---  {figure}[{number}]{after}\n"
    assert _bracketed(text) == [(f"[{number}]", number)]


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 999), st.integers(1, 99), st.sampled_from([" The", ", and", " Act"]))
def test_a_bracketed_number_glued_to_a_figure_a_word_follows_in_spaced_columns_is_none(figure, number, after):
    text = f"Pericles       2389   418  1436   225     89 ---  {figure}[{number}]{after}\n"
    assert _bracketed(text) == []
