"""Property: in a book that numbers its notes afresh on every printed page and prints them at the
page's foot, each page's markers are read as printed and paired with that page's notes.

MacDonald's Hamlet (1885, Gutenberg 10606) keeps the page numbers as ``[Page 106]`` lines; each
page's markers run from ``[1]``, and its ``[Footnote n: …]`` notes follow before the next page's
number. A page may print its ``[1]`` several times (the Folio's word in the text and the variant in
the margin: ``inobled[1]`` three times over one note), right after a page whose notes ran past 10:
read as one sequence, those copies became misreads 14, 15, 16 of the page before (1 is what a
dropped digit leaves of 14); each copy is the page's note 1 cited again. The generated book is
such a play: pages of verse lines, each line with at most one marker, the page's marker 1 printed
one to four times.
"""

from __future__ import annotations

from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.patterns import regex
from citecheck.readers.plaintext import _page_marks, read
from citecheck.source import SourceFile

WORD = st.sampled_from(["the", "watch", "cold", "noble", "queen", "land", "speech", "player", "sword", "state"])
CLAUSE = st.lists(WORD, min_size=3, max_size=7).map(" ".join)


@st.composite
def books_noted_by_page(draw):
    """A play of five to seven pages; returns the text, for each page its note numbers, and the
    labels of its markers in reading order."""
    pages, numbers_by_page, labels = [], [], []
    first_page = draw(st.integers(1, 300))
    for page in range(draw(st.integers(5, 7))):
        count = draw(st.integers(1, 18))
        ones = draw(st.integers(1, 4))
        lines = [draw(CLAUSE).capitalize() + ","]
        for number in range(1, count + 1):
            for _ in range(ones if number == 1 else 1):
                lines.append(f"{draw(CLAUSE).capitalize()}[{number}]{draw(st.sampled_from([',', '.', '']))}")
                labels.append(str(number))
                if draw(st.booleans()):
                    lines.append(draw(CLAUSE).capitalize() + ".")
        footnotes = [f"[Footnote {number}: {draw(CLAUSE).capitalize()}.]" for number in range(1, count + 1)]
        pages.append(f"[Page {first_page + page}]\n\n" + "\n".join(lines) + "\n\n" + "\n\n".join(footnotes))
        numbers_by_page.append(list(range(1, count + 1)))
    return "\n\n".join(pages) + "\n", numbers_by_page, labels


@settings(max_examples=200, deadline=None)
@given(books_noted_by_page())
def test_each_pages_markers_are_read_as_printed_with_that_pages_notes(case):
    text, numbers_by_page, labels = case
    document = read(SourceFile("play.txt", text))
    page_starts = [index for index in range(len(text)) if text.startswith("[Page ", index)]

    def page_of(position: int) -> int:
        return sum(start <= position for start in page_starts) - 1

    assert [note.label for note in document.notes] == [str(n) for numbers in numbers_by_page for n in numbers]
    chapter_of = {(page_of(note.span.start), note.number): note.chapter for note in document.notes}
    read_on_page: dict[int, set[int]] = defaultdict(set)
    for marker in document.markers:
        page = page_of(marker.span.start)
        assert marker.intended is None, (marker, page)  # no page's [1] read as a misread 14
        assert marker.chapter == chapter_of[(page, marker.number)], (marker, page)
        read_on_page[page].add(marker.number)
    assert [sorted(read_on_page[page]) for page in range(len(numbers_by_page))] == numbers_by_page
    # every copy of a page's [1] is that note cited again, before the one Footnote 1 of its page
    assert [marker.label for marker in document.markers] == labels


PAGE_LINE = regex.compile(r"[ \t]*(?:\[(?:Page|PAGE|Pg|pg|p\.)[ \t]*(\d{1,4})\]|\{(\d{1,4})\}|[-–][ \t]*(\d{1,4})[ \t]*[-–]|(\d{1,4}))[ \t]*")
LINE = st.one_of(
    st.integers(0, 12000).map(str),
    st.integers(0, 12000).map(lambda n: f"[Page {n}]"),
    st.integers(0, 999).map(lambda n: f"  - {n} -"),
    st.integers(0, 999).map(lambda n: f"{{{n}}}"),
    st.text(alphabet=" \t[]{}-–Pagep.0123456789x", max_size=12),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE, max_size=12))
def test_page_marks_are_the_lines_holding_only_a_page_number(lines):
    """The scan that opens on each line break finds what reading line by line finds, the first
    line too."""
    text = "\n".join(lines)
    expected, start = [], 0
    for line in lines:
        if found := PAGE_LINE.fullmatch(line):
            expected.append((start, int(next(group for group in found.groups() if group))))
        start += len(line) + 1
    assert _page_marks(text) == expected
