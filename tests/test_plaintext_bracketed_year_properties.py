"""An editor's year in brackets before a book's first marker, as the contents list of Blair and
Robertson's Philippine Islands, volume 47 (Project Gutenberg 54041) prints ``Manila, [1759]``: no
note carries a number past any note's, so it starts no path, even with a chapter heading between it
and marker 1; the markers ``[n]`` after it are read as printed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.readers import plaintext
from citecheck.rules import Context, all_rules, run_rules
from citecheck.source import SourceFile

YEARS = st.integers(min_value=1000, max_value=2099)
PLACES = st.sampled_from(["    A merchant's memorial; Manila,\n        [{y}]          251\n", "Printed at Manila, [{y}].\n", "[{y}]\n"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(YEARS, PLACES), min_size=1, max_size=3), st.integers(min_value=1, max_value=6))
def test_a_bracketed_year_before_the_markers_is_no_marker(years, count):
    contents = "CONTENTS\n\n" + "\n".join(place.format(y=year) for year, place in years)
    body = " ".join(f"The brotherhood kept its rules [{n}] for two centuries." for n in range(1, count + 1))
    notes = "\n\n".join(f"[{n}] Its book of rules was printed again, p. {n}." for n in range(1, count + 1))
    text = f"{contents}\n\nCHAPTER I. THE HOUSE OF MERCY\n\n{body}\n\nNOTES\n\n{notes}\n"
    document = plaintext.read(SourceFile("book.txt", text))
    assert [m.number for m in document.markers] == list(range(1, count + 1))
    findings = list(run_rules(Context.of(documents=(document,)), [r for r in all_rules() if r.code.startswith("CC1")]))
    assert findings == []
