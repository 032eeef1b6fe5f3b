"""German's Notes heading, ``Fußnoten:`` (or ``FUSSNOTEN``), after each tale of the Isländische
Märchen und Volkssagen (Project Gutenberg 69456), over glosses indented ``    [n] text``: under it
each gloss is a note, never a marker, however the tales and glosses fall."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.readers import plaintext
from citecheck.rules import Context, all_rules, run_rules
from citecheck.source import SourceFile

HEADINGS = st.sampled_from(["Fußnoten:", "Fußnoten", "FUSSNOTEN:"])
INDENTS = st.sampled_from(["", "  ", "    "])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=3), min_size=1, max_size=5), HEADINGS, INDENTS)
def test_glosses_under_a_german_heading_are_notes(tales, heading, indent):
    number, parts, numbers = 0, [], []
    for count in tales:
        body, glosses = [], []
        for _ in range(count):
            number += 1
            numbers.append(number)
            body.append(f"Der Knecht kroch in die Badstube[{number}] und wartete.")
            glosses.append(f"{indent}[{number}] Die gemeinsame Wohn- und Schlafstube.")
        parts.append(" ".join(body) + f"\n\n\n{heading}\n\n" + "\n\n".join(glosses))
    text = "\n\n\n".join(parts) + "\n"
    document = plaintext.read(SourceFile("maerchen.txt", text))
    assert [m.number for m in document.markers] == numbers
    assert [n.number for n in document.notes] == numbers
    findings = list(run_rules(Context.of(documents=(document,)), [r for r in all_rules() if r.code.startswith("CC1")]))
    assert findings == []
