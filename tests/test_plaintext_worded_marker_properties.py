"""The transcriber's worded marker ``[Footnote n]``, the layout of Guizot's History of the Origin of
Representative Government in Europe (Project Gutenberg 61250): after a space or glued, wrapped to a
line's start or alone on one, once ``[Footnote 18 ]``, its note ``[Footnote n: …]`` after the
paragraph. Wherever it stands it is the marker, never a note's label, and pairs with its note."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.readers import plaintext
from citecheck.rules import Context, all_rules, run_rules
from citecheck.source import SourceFile

# how the marker stands: after a space at the line's end, glued, opening the next line before more
# prose, alone on the next line, with a space before its bracket
PLACES = st.sampled_from([" {m}\n", "{m}\n", "\n{m} and the march went on.\n", "\n{m}\n", " {m} and so on.\n"])
LABELS = st.sampled_from(["[Footnote {n}]", "[Footnote {n} ]", "[Footnote\n{n}]"])
INDENTS = st.sampled_from(["", "    "])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(PLACES, LABELS), min_size=1, max_size=8), INDENTS)
def test_a_worded_marker_pairs_with_its_note(places, indent):
    paragraphs = []
    for number, (place, label) in enumerate(places, 1):
        marker = label.format(n=number)
        if "\n" in marker and not place.startswith(" "):
            marker = f"[Footnote {number}]"  # a label broken over a line end stands mid-line
        body = "The assemblies of the free men met in the open air" + place.format(m=marker)
        note = f"{indent}[Footnote {number}: On these meetings see the chronicles, p. {number * 3}.]"
        paragraphs.append(f"{body}\n{note}")
    text = "CHAPTER I.\n\n" + "\n\n".join(paragraphs) + "\n"
    document = plaintext.read(SourceFile("book.txt", text))
    numbers = list(range(1, len(places) + 1))
    assert [m.number for m in document.markers] == numbers
    assert [n.number for n in document.notes] == numbers
    findings = list(run_rules(Context.of(documents=(document,)), [r for r in all_rules() if r.code.startswith("CC1")]))
    assert findings == []
