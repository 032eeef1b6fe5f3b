"""Property: a marker that cites again, on the same page, the note the marker before it cites is
reported (CC104) as a note number used twice, not as a misprinted repeat.

Orcutt's The Writer's Desk Book (54025) prints ``[28]`` after eleven countries of a list over one
note, ``[28] Parcels not to exceed $80 in value.``, and ``blocked[14] or _en échelon_[14]`` over
``[14] See page 56.``: its transcriber numbered the printed page symbols 1-32 and kept each
repeat.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.readers.plaintext import read
from citecheck.rules import Context, all_rules, run_rules
from citecheck.source import SourceFile

PLACE = st.sampled_from(["Austria", "Belgium", "Denmark", "Norway", "Sweden", "Peru", "Japan"])


def _out_of_sequence(text: str) -> list[str]:
    document = read(SourceFile("book.txt", text))
    rules = [rule for rule in all_rules() if rule.code == "CC104"]
    return [finding.message for finding in run_rules(Context.of(documents=(document,)), rules)]


@settings(max_examples=50, deadline=None)
@given(st.lists(PLACE, min_size=2, max_size=6), st.integers(1, 9))
def test_a_note_cited_again_on_its_page_is_a_number_used_twice(places, number):
    listed = ", ".join(f"{place},[{number}]" for place in places)
    text = (
        f"Parcels may be sent to {listed} and Canada.\n\n [{number}] Parcels not to exceed $80 in value.\n\n"
        f"The rate is twelve cents a pound.[{number + 1}]\n\n [{number + 1}] See the exceptions which follow.\n"
    )
    messages = _out_of_sequence(text)
    assert len(messages) == len(places) - 1
    assert all(f"cites note {number} again" in message for message in messages)

