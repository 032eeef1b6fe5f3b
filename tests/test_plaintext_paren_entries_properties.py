"""Property tests for ``(n)`` entries between paragraphs in a book whose notes are ``[n]`` (each
naturalist's papers, ``(1) Letters on the Ornithology of Buenos Ayres. P. Z. S. 1869, p. 432``, in
Sclater and Hudson's Argentine Ornithology, 38957): no notes, unless a ``(n)`` in the prose before
them calls their number."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from citecheck.readers.plaintext import read
from citecheck.source import SourceFile
from plaintext_support import read_labels

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8)
WORDS = st.lists(WORD, min_size=1, max_size=8).map(" ".join)
ENTRY = st.tuples(WORDS, st.integers(1850, 1899), st.integers(1, 999))


def _book(prose: list[str], entries: list[tuple[str, int, int]], call: str = "") -> str:
    paragraphs = [
        f"The {words} of the river[{number}] are rare.\n\n  [{number}] See the Ibis, 1880, p. {number}."
        for number, words in enumerate(prose, start=1)
    ]
    listed = "\n\n".join(
        f"  ({number}) On the {title}. P. Z. S. {year}, p. {page}."
        for number, (title, year, page) in enumerate(entries, start=1)
    )
    return "\n\n".join(paragraphs) + f"\n\nHis papers{call} are these:--\n\n" + listed + "\n"


@given(st.lists(WORDS, min_size=3, max_size=5), st.lists(ENTRY, min_size=1, max_size=6))
def test_paren_entries_in_a_book_of_bracketed_notes_are_no_notes(prose, entries):
    labels = [str(number) for number in range(1, len(prose) + 1)]
    read_labels(_book(prose, entries), labels, labels)


@given(st.lists(WORDS, min_size=3, max_size=5), st.lists(ENTRY, min_size=1, max_size=6))
def test_a_paren_entry_the_prose_calls_stays_a_note(prose, entries):
    document = read(SourceFile("book.txt", _book(prose, entries, call=", the first (1) of them,")))
    assert [(note.style, note.label) for note in document.notes if note.style == "paren"][:1] == [("paren", "1")]
