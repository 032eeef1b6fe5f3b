"""A lettered marker in parentheses of its own, the layout of de Dillmont's Encyclopedia of
Needlework (Project Gutenberg 20776): ``Nos. 16 to 35, ([A]) or`` after a space, ``No. 25.([A])``
glued to the stop. Whatever stands before the parentheses, the marker is read and pairs with its
note; a letter in parentheses without brackets, ``(a)`` or ``(A)``, an item of a list, is none."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.readers import plaintext
from citecheck.rules import Context, all_rules, run_rules
from citecheck.source import SourceFile

BEFORE = st.sampled_from(["cotton", "Nos. 16 to 35,", "D.M.C", "No. 25.", "shade;", "stamp)", "blue”"])
SPACE = st.sampled_from(["", " "])


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(BEFORE, SPACE), min_size=1, max_size=6),
    st.sampled_from(["(a)", "(A)", "(b)"]),
)
def test_a_lettered_marker_in_parentheses_pairs_with_its_note(places, list_item):
    letters = [chr(ord("A") + index) for index in range(len(places))]
    body = " ".join(
        f"Work the edge with {before}{space}([{letter}]) then {list_item} turn it." for (before, space), letter in zip(places, letters)
    )
    notes = "\n\n".join(f"[{letter}] See the table of sizes at the end." for letter in letters)
    text = f"CHAPTER I.\n\n{body}\n\nFOOTNOTES:\n\n{notes}\n"
    document = plaintext.read(SourceFile("book.txt", text))
    assert [m.label for m in document.markers] == letters
    assert [n.label for n in document.notes] == letters
    findings = list(run_rules(Context.of(documents=(document,)), [r for r in all_rules() if r.code.startswith("CC1")]))
    assert findings == []
