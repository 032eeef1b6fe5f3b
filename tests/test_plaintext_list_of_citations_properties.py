"""Property: the items of a numbered list in the prose that read as citations (a bibliography's
translations, ``2. The Des Sauvages (1604) was translated in 'Purchas His Pilgrimes' (1625).``,
Colby's The Founder of New France, 4213) are no notes where no marker of their number stands
before them: after the list's first item, reading as a citation is not enough."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from plaintext_support import read_labels

TITLE = st.sampled_from(["The 'Voyages'", "The Des Sauvages", "The 'Bref Discours'", "The Treatise"])
YEAR = st.integers(1600, 1920)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(TITLE, YEAR, YEAR), min_size=2, max_size=6))
def test_list_items_reading_as_citations_with_no_marker_are_no_notes(items):
    lines = ["English Translations", "", "1. The first of them was published in London in 1859.", ""]
    for number, (title, year, printed) in enumerate(items, start=2):
        lines += [f"{number}. {title} ({year}) was translated in 'Purchas His", f"   Pilgrimes' ({printed}), vol. ii, p. 12.", ""]
    text = "BIBLIOGRAPHICAL NOTE\n\n\n\n" + "\n".join(lines) + "\n\n\nGeneral Literature\n\nThe career is treated in many works.\n"
    read_labels(text, [], [])
