"""Property: a note gathered at a book's end may run to a second paragraph that opens on no label;
the notes after it are still notes.

Borel's Wijsheid en Schoonheid uit China (Project Gutenberg 61289) gathers its 32 notes under
``AANTEEKENINGEN``, a heading in Dutch the reader did not know then, far from their markers; note 19
goes on in a paragraph of its own (``De Gele Keizer is een legendarische keizer…``), and notes 20
to 25, each too far from its marker and each with paragraphs of its own, were read as prose. A
``[n]`` paragraph that follows a run of notes ``[n-3]`` to ``[n-1]``, with nothing between that
cites a note and a marker ``[n]`` somewhere before, goes on with the block. The generated book
cites its notes in a few paragraphs, runs on for more than the reach of a marker, and gathers the
notes under a heading the reader still does not know (``TOELICHTINGEN``: the block rule must
hold without a Notes heading), some of them with a second paragraph.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.readers.plaintext import read
from citecheck.source import SourceFile
from plaintext_support import read_labels

WORDS = "de keizer zwierf langs het water en vond den ouden wijze die zweeg over Tao".split()
PARAGRAPH = st.lists(st.sampled_from(WORDS), min_size=8, max_size=30).map(lambda w: " ".join(w).capitalize() + ".")
# prose with no label, long enough to put the notes out of a marker's reach (60,000 characters)
FILLER = "\n\n".join(["Het was stil in den tempel en de wind ging over het water naar de bergen."] * 900)


@st.composite
def books(draw) -> tuple[str, list[str]]:
    count = draw(st.integers(5, 9))
    body = "\n\n".join(f"{draw(PARAGRAPH)[:-1]} [{n}] en zoo verder." for n in range(1, count + 1))
    notes = []
    for n in range(1, count + 1):
        note = f"[{n}] {draw(PARAGRAPH)}"
        if n >= 3 and draw(st.booleans()):  # a second paragraph, after the block's first three notes
            note += "\n\n" + draw(PARAGRAPH)
        notes.append(note)
    text = f"{body}\n\n{FILLER}\n\n\nTOELICHTINGEN\n\n\n" + "\n\n".join(notes) + "\n"
    return text, [str(n) for n in range(1, count + 1)]


@settings(max_examples=40, deadline=None)
@given(books())
def test_gathered_notes_go_on_after_a_note_of_two_paragraphs(book):
    text, labels = book
    read_labels(text, labels, labels)


def test_a_label_no_marker_carries_does_not_go_on_with_the_block():
    # ``[4]`` after the notes 1 to 3 and a paragraph of theirs, with no marker [4] in the book: a
    # printed page number kept in brackets (Bury's History of Freedom of Thought, 10684), not a note
    body = "\n\n".join(f"De keizer zwierf langs het water [{n}] en zoo verder." for n in range(1, 4))
    notes = "\n\n".join(f"[{n}] De oude wijze zweeg over Tao." for n in range(1, 4))
    text = (
        f"{body}\n\n{FILLER}\n\n\nTOELICHTINGEN\n\n\n{notes}\n\nEn de wind ging over het water.\n\n"
        "[4] naar de bergen, waar de keizer den ouden wijze vond.\n"
    )
    notes = read(SourceFile("book.txt", text)).notes
    assert [n.label for n in notes] == ["1", "2", "3"]
