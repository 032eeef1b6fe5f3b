"""Property: a note whose label stands alone on its line takes the quotation set off below it.

Williams's Superstitions of Witchcraft (Gutenberg 22822) sets each paragraph's notes under it,
indented two spaces; note 112 is ``  [112]`` alone on its line, then after a blank line a verse
indented seven spaces. Read as no continuation (the verse neither starts mid-sentence nor reads
as a citation), the note was empty (CC107). The generated book is paragraphs with glued ``[n]``
markers, each followed by its indented notes: a line of text, or the label alone over a verse
indented deeper than it, of one to three lines.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plaintext_support import read_labels

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORDS = "the astrologers of that age wrote at such length and with such confidence that few dared doubt".split()
PHRASE = st.lists(st.sampled_from(WORDS), min_size=3, max_size=9).map(" ".join)


def _letter(n: int) -> str:
    return "abcde"[n - 1]


@st.composite
def books(draw) -> tuple[str, int]:
    """Text and its number of notes; note n's text ends on its own word (``versa.``, ``lineb.``: a
    digit glued to a word would read as a marker)."""
    count = draw(st.integers(1, 5))
    label_indent = " " * draw(st.integers(0, 3))
    parts = []
    for n in range(1, count + 1):
        parts.append(f"{draw(PHRASE).capitalize()} {draw(PHRASE)}.[{n}]")
        if draw(st.booleans()):
            indent = label_indent + " " * draw(st.integers(2, 6))
            verse = [f"{indent}{draw(PHRASE).capitalize()}," for _ in range(draw(st.integers(1, 3)))]
            parts.append(f"{label_indent}[{n}]\n\n" + "\n".join(verse) + f" vers{_letter(n)}.")
        else:
            parts.append(f"{label_indent}[{n}] {draw(PHRASE).capitalize()} line{_letter(n)}.")
    return "\n\n".join(parts) + "\n\nThe age that followed was less credulous.\n", count


@SETTINGS
@given(books())
def test_a_label_alone_takes_the_verse_set_off_below_it(book):
    text, count = book
    labels = [str(n) for n in range(1, count + 1)]
    document = read_labels(text, labels, labels)
    for n, note in enumerate(document.notes, 1):
        assert note.text.rstrip().endswith((f"vers{_letter(n)}.", f"line{_letter(n)}.")), note.text
