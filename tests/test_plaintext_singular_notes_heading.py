"""Property: under ``NOTE:`` alone on its line with a note's label after it, every ``[n]`` note is
read whole, whatever its wrapped lines open with.

The Italian translation of Gibbon's Decline and Fall, volume 13 (Storia della decadenza e rovina
dell'impero romano, Gutenberg 45227), gathers each chapter's notes under ``NOTE:``, the Italian
plural (and the Britannica's slices, 38202, put ``FOOTNOTE:`` over an article's one note). Read
as no heading, a note's wrapped line opening on a roman volume or a figure (``III,
cap. 5, pag. 108) copia``) was taken for body text and the notes after it for markers wrapped to a
line start: 137 notes lost. The generated chapter is hard-wrapped prose with ``[n]`` markers, then
the heading, then one note per marker over two to four lines whose continuations open on such
words.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.readers.plaintext import read
from citecheck.source import SourceFile
from plaintext_support import read_labels

WORDS = "the abbot wrote to the emperor of the gift and the chronicle keeps his letter in full".split()
OPENINGS = ("III, cap. 5, pag. 108)", "27; l. II, c. 21),", "Autore che vivea", "1068-1085) ove", "XIV.", "t. IV,", "p. 77.")
PHRASE = st.lists(st.sampled_from(WORDS), min_size=3, max_size=9).map(" ".join)


@st.composite
def chapters(draw) -> tuple[str, list[str], list[str]]:
    """Text, the labels of its markers (its notes carry the same), and each note's last word."""
    count = draw(st.integers(2, 7))
    body = " ".join(f"{draw(PHRASE)}[{n}] {draw(PHRASE)}." for n in range(1, count + 1))
    notes, last_words = [], []
    for n in range(1, count + 1):
        lines = [f"[{n}] " + draw(PHRASE).capitalize()]
        lines += [draw(st.sampled_from(OPENINGS)) + " " + draw(PHRASE) for _ in range(draw(st.integers(1, 3)))]
        lines[-1] += f" fine{n}."
        notes.append("\n".join(lines))
        last_words.append(f"fine{n}")
    text = "CAPITOLO I.\n\n" + body.capitalize() + "\n\n" + draw(st.sampled_from(["NOTE:", "NOTE", "  NOTE:", "FOOTNOTE:"])) + "\n\n" + "\n\n".join(notes) + "\n"
    return text, [str(n) for n in range(1, count + 1)], last_words


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chapters())
def test_notes_under_a_singular_note_heading_are_read_whole(chapter):
    text, labels, last_words = chapter
    document = read_labels(text, labels, labels, "chapter.txt")
    assert all(note.text.rstrip(".").endswith(word) for note, word in zip(document.notes, last_words))


def test_a_note_line_over_a_paragraph_is_no_notes_heading():
    text = "The abbot wrote[1] to the emperor.\n\nNOTE:\nThis chapter keeps the old spelling.\n\n[1] His letter, p. 4.\n"
    document = read(SourceFile("chapter.txt", text))
    assert [n.label for n in document.notes] == ["1"]
    assert "old spelling" not in document.notes[0].text
