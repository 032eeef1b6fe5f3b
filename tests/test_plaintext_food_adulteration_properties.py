"""Properties of three layouts of round (l16)'s books: a bracketed marker on a figure alone on its
line, a column's total under its rule (``103·5[21]``: Battershall's Food Adulteration, Gutenberg
54004), none on a figure beside its row's name; a count of tomes in a title (``Romæ, 1650. 2
Toms in 1. Folio.``, ``3 Tom. Folio.``: the books wanted in Notes and Queries No. 218, Gutenberg
29664) is no candidate, a number before a capitalised name is; and in a block of bracketed notes a
blank line apart, a ``[n]`` whose number does not follow the note right above it is that note's
text (``Archiv. der Pharm.`` over ``[3] iii. 295``), where one that follows opens the next note."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.readers.plaintext import find_candidates, read
from citecheck.source import SourceFile

FIGURE = st.one_of(
    st.integers(1, 999).map(str),
    st.tuples(st.integers(1, 999), st.integers(0, 9), st.sampled_from(["·", "."])).map(lambda t: f"{t[0]}{t[2]}{t[1]}"),
)
INDENT = st.integers(0, 30).map(lambda n: " " * n)
NUMBER = st.integers(1, 99)


def _bracketed(text: str) -> list[int]:
    return [c.number for c in find_candidates(text, [(0, len(text))]) if c.style == "bracket"]


@settings(max_examples=200, deadline=None)
@given(INDENT, FIGURE, NUMBER, st.sampled_from(["", "  "]))
def test_a_marker_on_a_figure_alone_on_its_line_is_a_candidate(indent, figure, number, trailing):
    text = f"                           -----\n{indent}{figure}[{number}]{trailing}\n\nThe tabulation below.\n"
    assert _bracketed(text) == [number]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["Chlorine", "Ferric oxide", "Potassa"]), FIGURE, NUMBER, st.sampled_from(["", "  22·5"]))
def test_a_bracketed_number_after_a_figure_beside_a_row_s_name_is_none(name, figure, number, after):
    text = f"  {name}                   {figure}[{number}]{after}\n"
    assert _bracketed(text) == []


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 12), st.sampled_from(["Toms in 1. Folio.", "Tom. Folio.", "Tomes. Paris.", "Tomi. Romæ."]))
def test_a_count_of_tomes_is_no_candidate(count, rest):
    text = f"LADERCHII ANNALES ECCLESIASTICI. Romæ, 1650. {count} {rest}\n"
    assert [c for c in find_candidates(text, [(0, len(text))]) if c.start == text.index(f" {count} ") + 1] == []


@settings(max_examples=100, deadline=None)
@given(st.integers(4, 9), st.sampled_from(["iii. 295; iv. 389.", "xii. 392.", "ii. 17."]), st.booleans())
def test_a_bracketed_number_wrapped_under_a_spaced_note(last, locator, follows):
    wrapped = last + 1 if follows else 3 if last > 4 else 2
    markers = " ".join(f"Word{n}.[{n}]" for n in range(1, last + 1))
    notes = "\n\n".join(f"[{n}] Chem. Centralb., 18{80 + n}, p. {n}12." for n in range(1, last))
    text = (
        f"{markers}\n\nFOOTNOTES:\n\n{notes}\n\n[{last}] A scheme will be found in the Archiv. der Pharm.\n"
        f"[{wrapped}] {locator}\n\nThe next chapter.\n"
    )
    labels = [note.label for note in read(SourceFile(Path("book.txt"), text)).notes]
    expected = [str(n) for n in range(1, last + 1)] + ([str(wrapped)] if follows else [])
    assert labels == expected
