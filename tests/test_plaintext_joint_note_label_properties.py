"""Property tests for one note answering two markers in a row, its label naming both (``[84 and
85] These reference marks are the author's own``, Coleridge's Aids to Reflection, 44795; ``[4, 5]
+die ... Seiten+``, one gloss for two markers, the German Science Reader, 22627; or a short range,
``[12-13]``, which no book of the corpus prints yet): a note for each number; a label naming two
numbers that are not in a row by ``and`` names only its first, by a comma or a dash none."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from citecheck.readers.plaintext import NOTE_START
from plaintext_support import read_labels

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
WORDS = st.lists(WORD, min_size=1, max_size=8).map(" ".join)
JOIN = st.sampled_from(["and", "&"])


@given(WORDS, WORDS, WORDS, JOIN, WORDS)
def test_a_label_naming_two_numbers_in_a_row_is_a_note_for_each(first, second, third, join, note):
    text = (
        f"The law in its{first}[1] height, and the[2] {second} rising.\n\n"
        f"[1 {join} 2] These marks are {note}.\n\n"
        f"A last word on {third}.[3]\n\n[3] See the comment.\n"
    )
    read_labels(text, ["1", "2", "3"], ["1", "2", "3"])


@given(st.integers(1, 999), st.integers(1, 999), JOIN, WORDS)
def test_the_label_s_numbers_are_read_as_written(number, other, join, note):
    match = NOTE_START.match(f"[{number} {join} {other}] These marks are {note}.")
    assert match is not None
    assert (match["bracket"], match["also"]) == (str(number), str(other))


@given(WORDS, st.integers(3, 9), JOIN, WORDS)
def test_a_label_naming_two_numbers_not_in_a_row_is_a_note_for_its_first(first, other, join, note):
    text = f"The law in its {first} height.[1]\n\n[1 {join} {other}] These marks are {note}.\n"
    read_labels(text, ["1"], ["1"])


NEXT = st.sampled_from([", ", ",", "-", "–"])


@given(WORDS, WORDS, WORDS, NEXT, WORDS)
def test_a_label_naming_the_next_number_by_a_comma_or_a_dash_is_a_note_for_each(first, second, third, join, note):
    text = (
        f"The law in its{first}[1] height, and the[2] {second} rising.\n\n"
        f"[1{join}2] These marks are {note}.\n\n"
        f"A last word on {third}.[3]\n\n[3] See the comment.\n"
    )
    read_labels(text, ["1", "2", "3"], ["1", "2", "3"])


@given(WORDS, st.integers(2, 4), WORDS)
def test_a_short_range_is_a_note_for_each_of_its_numbers(first, last, note):
    markers = [str(n) for n in range(1, last + 1)]
    text = f"The law{''.join(f' in {first}[{n}]' for n in markers)}.\n\n[1-{last}] These marks are {note}.\n"
    read_labels(text, markers, markers)


@given(WORDS, st.integers(3, 9999), NEXT, WORDS)
def test_a_label_naming_numbers_apart_by_a_comma_or_a_dash_is_no_note(first, other, join, note):
    if join in "-–" and other <= 4:
        other += 3  # past the range's reach
    text = f"The law in its {first} height.[1]\n\n[1] See the comment.\n\n[1{join}{other}] These marks are {note}.\n"
    read_labels(text, ["1"], ["1"])
