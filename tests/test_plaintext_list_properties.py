"""Property tests: a numbered list whose items stand a blank line apart stays a list.

Colby's The Founder of New France (Gutenberg 4213) lists works in ``n.`` items a blank line
apart, after a line that ends on a number (``Seconde Edition. 6``); no item of such a list is
a note, whatever number stands before it.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from citecheck.readers.plaintext import read_layout

TITLES = st.sampled_from(["A general treatise on the mariner", "The voyages of the last years", "A map of the river"])


@given(st.lists(TITLES, min_size=2, max_size=9), st.booleans())
def test_list_items_a_blank_line_apart_are_no_notes(titles, wrapped):
    """Items ``1.`` to ``n.``, each a paragraph, some wrapped and indented, read as no note even
    where the number of the last stands glued after a stop above them."""
    end = "\n   and more." if wrapped else "."
    items = [f"{n}. {title}{end}" for n, title in enumerate(titles, 1)]
    text = f"The edition runs to volumes. Seconde Edition. {len(titles)}\ntomes, 4to.\n\nThe list includes:\n\n" + "\n\n".join(items) + "\n"
    assert read_layout(text).notes == []
