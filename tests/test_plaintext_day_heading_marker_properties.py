"""A marker glued to the day that ends a heading in capitals, ``THURSDAY MAY 31[40]`` in Madison's
Journal of the Debates (Project Gutenberg 40861), its note right under it: read as the marker of
that note, whatever the day, the words before it and the heading's indent."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.readers import plaintext
from citecheck.source import SourceFile

WORDS = st.sampled_from(["THURSDAY MAY", "MONDAY, JUNE", "JULY", "FRIDAY AUGUST"])


@settings(max_examples=60, deadline=None)
@given(WORDS, st.integers(min_value=1, max_value=31), st.integers(min_value=2, max_value=60), st.sampled_from(["", "    ", "                  "]))
def test_a_marker_on_a_days_heading_is_read(words, day, number, indent):
    text = (
        f"CHAPTER I.\n\nMr. King moved to adjourn.[{number - 1}]\n\n    [{number - 1}] Not in the Journal.\n\n"
        f"Adjourned.\n\n\n\n{indent}{words} {day}[{number}]\n\n    [{number}] This day New Jersey was represented.\n\n"
        f"The resolution passed.[{number + 1}]\n\n    [{number + 1}] Compare the Journal, p. 99.\n"
    )
    document = plaintext.read(SourceFile("journal.txt", text))
    assert [m.number for m in document.markers] == [number - 1, number, number + 1]
    assert [n.number for n in document.notes] == [number - 1, number, number + 1]
