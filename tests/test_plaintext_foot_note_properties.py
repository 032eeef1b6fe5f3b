"""Property tests: the hyphenated ``[Foot-note n: …]`` label, braced prose line numbers, and the
text of an unlabelled inline ``[Footnote: …]`` that runs over paragraphs.

Sisam's Fourteenth Century Verse & Prose (Gutenberg 43736) prints its notes ``[Foot-note n: …]``
and every fifth prose line's number in braces (``{45} þat are in thayme``); Jessopp's The Coming
of the Friars (6625) runs an unlabelled inline note over two paragraphs, the second opening on a
year (``1197. It is to be found``).
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from citecheck.readers import plaintext
from citecheck.readers.plaintext import footnote_word_joined, read_layout
from citecheck.source import SourceFile

WORDS = st.sampled_from(["the minstrels", "sang of", "the friars", "and", "pious uses", "in the north"])
SENTENCES = st.lists(WORDS, min_size=3, max_size=12).map(lambda words: " ".join(words).capitalize())


@given(st.text(alphabet=st.sampled_from("[Foot-n: 12\nabc]"), max_size=80))
def test_joined_word_keeps_every_offset(text):
    """The view is as long as the file and differs from it only inside each ``[Foot-note``."""
    view = footnote_word_joined(SourceFile(path="x.txt", text=text)).text
    assert len(view) == len(text)
    assert view.replace("[Footnote", "").count("[") <= text.count("[")


@given(st.lists(SENTENCES, min_size=1, max_size=6), st.booleans())
def test_hyphenated_footnotes_read_as_footnotes(sentences, text_on_next_line):
    """Each ``[Foot-note n: …]`` under its paragraph is note n, its ``[n]`` the marker, as the
    unhyphenated word's notes are."""
    blocks = []
    for number, sentence in enumerate(sentences, 1):
        gap = "\n" if text_on_next_line else " "
        blocks.append(f"{sentence}.[{number}] And so on.\n\n[Foot-note {number}:{gap}{sentence}.]")
    text = "\n\n".join(blocks) + "\n"
    document = plaintext.read(SourceFile(path="x.txt", text=text))
    assert [note.number for note in document.notes] == list(range(1, len(sentences) + 1))
    assert [marker.number for marker in document.markers] == list(range(1, len(sentences) + 1))
    assert all(text.startswith("[Foot-note", note.span.start) for note in document.notes)


@given(st.lists(st.sampled_from([5, 10, 30, 35, 45, 190]), min_size=1, max_size=5), SENTENCES)
def test_braced_line_numbers_inside_a_paragraph_are_no_notes(numbers, sentence):
    """A paragraph's lines, some opening on a braced line number, hold no note."""
    lines = [f"{sentence} and the servant came to him" if i % 2 else f"{{{n}}} {sentence.lower()} and went home" for i, n in enumerate(numbers)]
    text = "The story is old.\n" + "\n".join(lines) + ".\n"
    assert read_layout(text).notes == []


@given(st.integers(min_value=1000, max_value=1999), SENTENCES)
def test_a_paragraph_inside_an_open_inline_footnote_starts_no_note(year, sentence):
    """``n. text`` opening the second paragraph of an unlabelled ``[Footnote: …]`` is its text."""
    text = (
        f"The beer-sellers were a rough lot. [Footnote: {sentence}, fined\ntogether at one court.\n\n"
        f"{year}. It is to be found in the chronicle, vol. ii. p. 114 (Rolls\nSeries).] It is certain.\n"
    )
    assert read_layout(text).notes == []
