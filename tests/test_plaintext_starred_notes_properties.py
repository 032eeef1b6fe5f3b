"""Property: a reviser's notes starred beside the numbered ones (``[4*]`` glued to a word or to an
emendation's bracket, ``[Footnote 4*: …]`` or ``[Footnote 7* (from Emendations): …``) are read
with their markers, beside the numbered notes.

Skeat's Havelok the Dane as revised by Sisam (Gutenberg 32049) stars the reviser's notes; read as
nothing, the starred markers were lost and their Footnotes read as the text of the numbered note
before them (recall 0.895, note recall 0.919). The generated page is verse lines, each perhaps
carrying a numbered marker and a starred one, then their notes in order.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plaintext_support import read_labels

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORDS = "in that time a man þat bore wel fyfty pund of red gold up on hijs bac bi crist and seint ion".split()
PHRASE = st.lists(st.sampled_from(WORDS), min_size=3, max_size=7).map(" ".join)


@st.composite
def pages(draw) -> tuple[str, list[str]]:
    lines, labels = [], []
    for number in range(1, draw(st.integers(1, 5)) + 1):
        numbered, starred = draw(st.sampled_from([(True, False), (False, True), (True, True)]))
        line = f"    {draw(PHRASE).capitalize()}"
        if numbered:
            line += f"[{number}]"
            labels.append(str(number))
        if starred:
            stars = draw(st.sampled_from(["*", "**"]))
            line += draw(st.sampled_from(["", " red[e]", " ney[e]"])) + f"[{number}{stars}]"
            labels.append(f"{number}{stars}")
        lines.append(line + f" {draw(PHRASE)},")
    notes = []
    for label in labels:
        if label[-1] == "*" and draw(st.booleans()):
            notes.append(f"      [Footnote {label} (from Emendations):\n      Read {draw(PHRASE)}.]")
        else:
            notes.append(f"      [Footnote {label}: {draw(PHRASE).capitalize()}.]")
    return "\n".join(lines) + "\n\n" + "\n\n".join(notes) + "\n", labels


@SETTINGS
@given(pages())
def test_starred_notes_are_read_with_their_markers(page):
    text, labels = page
    read_labels(text, labels, labels)
