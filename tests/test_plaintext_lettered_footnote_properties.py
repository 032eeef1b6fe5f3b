"""Property: ``[A: text]``, a lettered ``[Footnote A: text]`` with the word left out, is the note of
the table cell that carries ``[A]``, its text running to its bracket.

Hommaire de Hell's Travels in the Steppes of the Caspian Sea (Gutenberg 36505) numbers its notes
through the book as ``[n]``; under two tables its transcriber set the cells' notes as
``[A: These figures are evidently misplaced…]``. Read as no note, the table's ``6,701[A]`` and
``150[B]`` had no note to answer and the notes were lost (recall 0.968). The generated text is a
sentence with a ``[1]`` marker, perhaps a transcriber's tag (``[HW: Illegible]``, no note), a
table whose rows carry lettered markers glued to their figures, the lettered notes (one to three
lines each, the bracket closing the last), and note 1.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plaintext_support import read_labels

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORDS = "the figures of the clergy were published by the ministry and we found several priests".split()
PHRASE = st.lists(st.sampled_from(WORDS), min_size=3, max_size=8).map(" ".join)
ROWS = ("Armenian", "Lutheran", "Mahommedan Mollahs", "Buddhist Lamas", "Monks")


@st.composite
def tables(draw) -> tuple[str, list[str]]:
    """Text, and the letters of its table's markers in order."""
    count = draw(st.integers(1, 4))
    letters = [chr(ord("A") + i) for i in range(count)]
    rows = []
    for letter in letters:
        figure = draw(st.sampled_from(["150", "6,701", "7,850", "474"]))
        rows.append(f"  {draw(st.sampled_from(ROWS)):<40}|   {figure}[{letter}]{draw(st.sampled_from(['', '|', '   |    53']))}")
    notes = []
    for letter in letters:
        lines = [draw(PHRASE) for _ in range(draw(st.integers(1, 3)))]
        lines[-1] += f" end{letter}.]"
        notes.append(f"  [{letter}: " + "\n  ".join(lines))
    # a transcriber's tag in the same form, with no marker of its letters, is no note
    tag = draw(st.sampled_from(["", "[HW: Illegible]\n\n", "[TR: a word is lost here]\n\n"]))
    text = (
        f"{draw(PHRASE).capitalize()}.[1]\n\n{tag}" + "\n".join(rows) + "\n\n" + "\n\n".join(notes)
        + f"\n\n{draw(PHRASE).capitalize()}.\n\nFOOTNOTES:\n\n[1] {draw(PHRASE).capitalize()}.\n"
    )
    return text, letters


@SETTINGS
@given(tables())
def test_each_lettered_note_answers_its_cell_and_ends_at_its_bracket(table):
    text, letters = table
    document = read_labels(text, ["1", *letters], [*letters, "1"])
    for letter, note in zip(letters, document.notes):
        assert note.text.endswith(f"end{letter}."), note.text
