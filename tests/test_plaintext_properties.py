"""Property: the plain-text reader recovers exactly the markers and notes put into generated book text.

Documents are paragraphs of random prose (one paragraph per line, as ebook conversions give them,
or hard-wrapped as OCR and Project Gutenberg text is) sprinkled with numbers a human never reads as
note markers: years, dates, year ranges, life dates, counts with thousands separators, small
counts, page and volume references, ordinals, decades, decimals, times and house numbers. Markers
are inserted at sentence ends or after words in every style converted text shows (superscript,
``^{n}``, ``[n]``, glued to a full stop, a comma, a parenthesis, a closing quote, a name or a year,
after a year and a full stop, after a space at a sentence end), numbered upwards from 1 or from an
excerpt's start, and restarting at each chapter heading (``CHAPTER 2``, ``2 IN LENIN’S SHADOW``,
a number or numeral alone above a title). Notes (``n. Author, Title (Place: Publisher, Year),
page.``, short forms, Ibid., discursive notes) stand between paragraphs as page-bottom notes (some
cut by a page break and continued further down, some under a body sentence that the page break cut
too), under a Notes heading at a chapter's end, or at the book's end under chapter subheadings.

The generator knows the offset of everything it inserts; the reader must report those and nothing
else. A separate property checks OCR misreads: one marker of a run printed with a confusable,
doubled or dropped digit must be read as the number the sequence expects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from citecheck.readers.plaintext import SUPERSCRIPT_DIGITS, misreadings, read, single_spaced
from citecheck.source import SourceFile

SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]
)

_TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)

WORDS = (
    "the party committee had met again in secret and its members were afraid of what the "
    "leader would say about the harvest when the report from the provinces reached him at last "
    "nobody could remember a winter so hard or a spring so late though the peasants said that "
    "their fathers had seen worse before the railway came to the district town and the grain "
    "went north by barge under guard with soldiers who sold half of it on the way"
).split()
NAMES = ("Stalin", "Molotov", "Kalinin", "Rudzutak", "Bukharin", "Kamenev", "Zinoviev", "Tomsky", "Kirov", "Orlov")
MONTHS = ("January", "March", "May", "June", "August", "October", "December")
SURNAMES = ("Harlow", "Denning", "Penrose", "Marsh", "Fell", "Shaw", "Ashby", "Lyall", "Grant")
TITLE_WORDS = ("Bread", "Order", "Power", "Province", "Revolution", "Party", "Terror", "Village", "Plan", "Winter")
PLACES = (("London", "Macmillan"), ("Oxford", "Clarendon Press"), ("New Haven", "Yale University Press"),
          ("Cambridge", "Cambridge University Press"), ("Stanford", "Hoover Institution Press"))

YEAR = st.integers(min_value=1850, max_value=1991)
SMALL = st.integers(min_value=2, max_value=999)

# Numbers that are never markers: each is written inside a sentence, with a word after it.
DECOY = st.one_of(
    YEAR.map(lambda y: f"in {y}"),
    st.tuples(st.integers(1, 28), st.sampled_from(MONTHS), YEAR).map(lambda t: f"on {t[0]} {t[1]} {t[2]}"),
    st.tuples(YEAR, st.integers(1, 9)).map(lambda t: f"in {t[0]}–{t[1]}"),
    st.integers(min_value=1000, max_value=99_999).map(lambda n: f"some {n:,} people"),
    SMALL.map(lambda n: f"{n} meetings"),
    SMALL.map(lambda n: f"p. {n}"),
    SMALL.map(lambda n: f"p.{n}"),
    st.integers(1, 12).map(lambda n: f"vol. {n}"),
    st.integers(1, 12).map(lambda n: f"volume {n}"),
    st.integers(11, 20).map(lambda n: f"the {n}th congress"),
    st.integers(185, 199).map(lambda d: f"in the {d}0s"),
    st.tuples(st.sampled_from(NAMES), st.integers(1850, 1920), st.integers(30, 80)).map(
        lambda t: f"{t[0]} ({t[1]}–{t[1] + t[2]})"
    ),
    st.tuples(st.integers(1, 99), st.integers(1, 9)).map(lambda t: f"by {t[0]}.{t[1]} per cent"),
    st.tuples(st.integers(1, 12), st.sampled_from((10, 15, 30, 45))).map(
        lambda t: f"at {t[0]}.{t[1]} in the morning"
    ),
    st.tuples(st.integers(1, 40), st.sampled_from(NAMES)).map(lambda t: f"at No. {t[0]} {t[1]} Street"),
)

# Where and how a marker is written: at a sentence's end, or inside it after a word.
SENTENCE_END_STYLES = (
    "superscript", "caret", "bracket", "punctuation", "quote", "quote-spaced", "spaced", "after-year"
)
INNER_STYLES = ("comma", "name", "year", "paren", "superscript")


@dataclass
class Builder:
    """Appends text and remembers where each inserted marker and note stands."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    markers: list[tuple[int, int, int, int]] = field(default_factory=list)  # start, end, number, chapter
    notes: list[tuple[int, int, str, int]] = field(default_factory=list)  # label start, number, text, chapter

    def add(self, text: str) -> int:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start

    def marker(self, before: str, token: str, digits_from: int, number: int, chapter: int, after: str = "") -> None:
        """Write ``before + token + after``; the marker's span is ``token[digits_from:]``."""
        self.add(before)
        start = self.add(token)
        self.markers.append((start + digits_from, start + len(token), number, chapter))
        self.add(after)

    def note(self, prefix: str, number: int, body: str, chapter: int, rest: str = "") -> tuple[int, int]:
        """Write a note line; ``rest`` is the part a page break moves further down (written later).

        Returns the span of the text written, for hard-wrapping.
        """
        start = self.add(prefix)
        self.notes.append((start, number, f"{body} {rest}" if rest else body, chapter))
        return self.add(body), self.length

    @property
    def text(self) -> str:
        return "".join(self.parts)


@st.composite
def clause(draw, min_size: int = 2, max_size: int = 9) -> str:
    """Lower-case words, sometimes with a decoy number inside.

    A word stands before and after the decoy: no sentence starts with a number, and ``p. 12.4``
    at a sentence end is ambiguous even to a human (the after-year style covers ``in 1925.87``).
    """
    words = draw(st.lists(st.sampled_from(WORDS), min_size=min_size, max_size=max_size))
    if draw(st.booleans()):
        position = draw(st.integers(1, len(words) - 1))
        words.insert(position, draw(DECOY))
    return " ".join(words)


@st.composite
def note_body(draw) -> str:
    surname = draw(st.sampled_from(SURNAMES))
    title = " ".join(draw(st.lists(st.sampled_from(TITLE_WORDS), min_size=1, max_size=3, unique=True)))
    place, publisher = draw(st.sampled_from(PLACES))
    year = draw(st.integers(1950, 2020))
    page = draw(st.integers(1, 600))
    return draw(st.sampled_from([
        f"{surname}, {title} ({place}: {publisher}, {year}), {page}.",
        f"Ibid., {page}.",
        f"{surname}, {title}, {page}–{page + draw(st.integers(1, 9))}.",
        f"Stalin, {draw(st.integers(1, 13))}:{page}; see also {surname}, {title}, {page}.",
        f"{draw(st.sampled_from(NAMES))} {draw(clause())}.",  # a discursive note: no citation at all
    ]))


NOTE_PREFIX = {
    "dot": "{n}. ",
    "dash": "- {n}. ",
    "caret": "^{{{n}.}} ",
    "bracket": "[{n}] ",
}


def write_sentence(draw, out: Builder, numbers: list[int], chapter: int) -> None:
    """One sentence carrying the markers ``numbers`` (none, one or two), in order.

    With two, the first stands inside the sentence and the second at its end.
    """
    inner = end = None
    if len(numbers) == 2:
        inner, end = numbers
    elif numbers:
        if draw(st.sampled_from(("inner", "end", "end"))) == "inner":
            inner = numbers[0]
        else:
            end = numbers[0]
    first = draw(clause())
    text = first[0].upper() + first[1:]
    if inner is not None:
        digits = str(inner)
        style = draw(st.sampled_from(INNER_STYLES))
        if style == "comma":  # ``Kalinin,102 Tomsky``
            out.marker(f"{text} and {draw(st.sampled_from(NAMES))},", digits, 0, inner, chapter)
        elif style == "name":  # ``Rudzutak100``
            out.marker(f"{text} and {draw(st.sampled_from(NAMES))}", digits, 0, inner, chapter)
        elif style == "year":  # ``May 193931``: 1939 and note 31
            year = draw(YEAR)
            out.marker(f"{text} in {draw(st.sampled_from(MONTHS))} ", f"{year}{digits}", 4, inner, chapter)
        elif style == "paren":  # ``(as he later admitted)4``
            out.marker(f"{text} ({draw(clause())})", digits, 0, inner, chapter)
        else:  # superscript inside the sentence
            out.marker(text, digits.translate(_TO_SUPERSCRIPT), 0, inner, chapter)
        text = " " + draw(clause())
    stop = draw(st.sampled_from(".....?!"))
    if end is None:
        out.add(text + stop)
        return
    digits = str(end)
    style = draw(st.sampled_from(SENTENCE_END_STYLES))
    if style == "superscript":
        out.marker(text + stop, digits.translate(_TO_SUPERSCRIPT), 0, end, chapter)
    elif style == "caret":
        out.marker(text + stop, f"^{{{digits}}}", 0, end, chapter)
    elif style == "bracket":
        out.marker(text + stop, f"[{digits}]", 0, end, chapter)
    elif style == "punctuation":
        out.marker(text + stop, digits, 0, end, chapter)
    elif style in ("quote", "quote-spaced"):  # ``you.”4`` or ``you.” 4 The``
        open_quote, close_quote = draw(st.sampled_from([("“", "”"), ("‘", "’")]))
        quoted = draw(clause(min_size=2, max_size=6))
        space = " " if style == "quote-spaced" else ""
        out.marker(f"{text}, he said, {open_quote}{quoted}.{close_quote}{space}", digits, 0, end, chapter)
    elif style == "spaced":
        # ``peace. 18 The``: the next sentence (or the paragraph's end) follows the marker.
        out.marker(text + stop + " ", digits, 0, end, chapter)
    elif style == "after-year":  # ``in 1925.87``, ``in 1942–3.45``
        year = draw(st.one_of(YEAR.map(str), st.tuples(YEAR, st.integers(1, 9)).map(lambda t: f"{t[0]}–{t[1]}")))
        out.marker(f"{text} in {year}.", digits, 0, end, chapter)
    else:  # pragma: no cover
        raise AssertionError(style)


@st.composite
def split_note_body(draw) -> tuple[str, str]:
    """A note that a page break cuts mid-sentence: the second part starts in lower case."""
    first = draw(note_body()).rstrip(".")
    surname = draw(st.sampled_from(SURNAMES))
    title = " ".join(draw(st.lists(st.sampled_from(TITLE_WORDS), min_size=1, max_size=3, unique=True)))
    place, publisher = draw(st.sampled_from(PLACES))
    page = draw(st.integers(1, 600))
    year = draw(st.integers(1950, 2020))
    rest = f"the essays in {surname}, ed., {title} ({place}: {publisher}, {year}), {page}–{page + 4}."
    return f"{first}; on the wider question see", rest


@dataclass(frozen=True)
class Plan:
    start: int
    chapters: int
    notes: str  # "none", "page", "section" (at each chapter's end) or "endnotes" (at the book's end)
    note_style: str  # "dot", "dash", "caret", "bracket" for page notes
    wrap: int  # 0, or the column at which paragraphs and notes are hard-wrapped


NOTE_MODES = st.sampled_from(["none", "page", "section", "endnotes"])
NOTE_STYLES = st.sampled_from(["dot", "dash", "caret", "bracket"])


def plans(wrap: bool) -> st.SearchStrategy[Plan]:
    width = st.integers(45, 90) if wrap else st.just(0)
    return st.one_of(
        st.builds(Plan, st.just(1), st.integers(1, 3), NOTE_MODES, NOTE_STYLES, width),
        st.builds(Plan, st.integers(2, 150), st.just(1), NOTE_MODES, NOTE_STYLES, width),
    )


def hard_wrap(text: str, regions: list[tuple[int, int]], width: int) -> str:
    """Replace spaces by newlines inside ``regions`` so that no line is longer than ``width``.

    The text keeps its length, so every recorded offset stays valid. A number that ends a paragraph
    is not wrapped onto a line of its own: a lone number on a line is a page number.
    """
    chars = list(text)
    for start, end in regions:
        line_start = text.rfind("\n", 0, start) + 1
        last_space = -1
        for position in range(start, end):
            if chars[position] == " " and not text[position + 1 : end].isdigit():
                last_space = position
            if position - line_start >= width and last_space > line_start:
                chars[last_space] = "\n"
                line_start = last_space + 1
                last_space = -1
    return "".join(chars)


@st.composite
def documents(draw, wrap: bool = False) -> tuple[Builder, Plan]:
    plan = draw(plans(wrap))
    out = Builder()
    regions: list[tuple[int, int]] = []  # paragraphs and note texts that may be hard-wrapped
    endnotes: list[tuple[int, list[int]]] = []
    for chapter in range(plan.chapters):
        if plan.chapters > 1 or draw(st.booleans()):
            title = "THE " + " ".join(draw(st.lists(st.sampled_from(TITLE_WORDS), min_size=1, max_size=3))).upper()
            roman = ("I", "II", "III", "IV")[chapter]
            word = ("One", "Two", "Three", "Four")[chapter]
            heading = draw(st.sampled_from([
                f"CHAPTER {chapter + 1}\n\n{title}",
                f"CHAPTER {chapter + 1}",
                f"Chapter {word}: {title.title()}",
                f"{chapter + 1}\n\n{title}",  # the chapter number alone, then the title
                f"{chapter + 1} {title}",  # ``2 IN LENIN’S SHADOW``
                f"{roman}\n\n{title}",
                f"PART {roman}",
            ]))
            out.add(heading + "\n\n")
        number = plan.start
        chapter_numbers: list[int] = []
        pending_continuation: str | None = None  # the rest of a note cut by a page break
        body_carry: str | None = None  # the rest of a sentence cut by a page break
        paragraphs = draw(st.integers(1, 4))
        for paragraph in range(paragraphs):
            paragraph_numbers: list[int] = []
            paragraph_start = out.length
            if body_carry is not None:
                out.add(body_carry + " ")
                body_carry = None
            sentence_count = draw(st.integers(1, 5))
            for index in range(sentence_count):
                if index:
                    out.add(" ")
                count = draw(st.sampled_from((0, 0, 1, 1, 1, 2)))
                write_sentence(draw, out, list(range(number, number + count)), chapter)
                paragraph_numbers += range(number, number + count)
                number += count
            if plan.notes == "page" and paragraph_numbers and paragraph < paragraphs - 1 and draw(st.booleans()):
                # The page ends mid-sentence: its notes come between the two halves of the sentence.
                cut = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6))
                out.add(" " + " ".join(cut).capitalize())
                body_carry = draw(clause()) + "."
            regions.append((paragraph_start, out.length))
            out.add("\n\n")
            if plan.notes == "page" and (paragraph_numbers or pending_continuation):
                if pending_continuation is not None:
                    regions.append((out.add(pending_continuation), out.length))
                    out.add("\n")
                    pending_continuation = None
                for position, note_number in enumerate(paragraph_numbers):
                    prefix = NOTE_PREFIX[plan.note_style].format(n=note_number)
                    last = position == len(paragraph_numbers) - 1
                    if last and paragraph < paragraphs - 1 and draw(st.booleans()):
                        first, pending_continuation = draw(split_note_body())
                        regions.append(out.note(prefix, note_number, first, chapter, pending_continuation))
                    else:
                        regions.append(out.note(prefix, note_number, draw(note_body()), chapter))
                    out.add("\n")
                out.add("\n")
            chapter_numbers += paragraph_numbers
        if plan.notes == "section" and chapter_numbers:
            out.add(draw(st.sampled_from(["NOTES", "Notes", "FOOTNOTES"])) + "\n\n")
            style = draw(st.sampled_from(["dot", "caret"]))
            for note_number in chapter_numbers:
                prefix = NOTE_PREFIX[style].format(n=note_number)
                regions.append(out.note(prefix, note_number, draw(note_body()), chapter))
                out.add("\n")
            out.add("\n")
        if plan.notes == "endnotes" and chapter_numbers:
            endnotes.append((chapter, chapter_numbers))
    if endnotes:
        out.add("NOTES\n\n")
        for chapter, numbers in endnotes:
            if plan.chapters > 1:
                out.add(f"Chapter {chapter + 1}\n\n")
            for note_number in numbers:
                regions.append(out.note(f"{note_number}. ", note_number, draw(note_body()), chapter))
                out.add("\n")
            out.add("\n")
    if plan.wrap:
        text = hard_wrap(out.text, regions, plan.wrap)
        out.parts, out.length = [text], len(text)
    return out, plan


def _read(out: Builder):
    source = SourceFile("generated.txt", out.text)
    return source, read(source)


@SETTINGS
@given(documents())
def test_reader_recovers_exactly_the_inserted_markers(built):
    out, _ = built
    source, document = _read(out)
    found = [(m.span.start, m.span.end, m.number, m.intended) for m in document.markers]
    expected = [(start, end, number, None) for start, end, number, _ in out.markers]
    assert found == expected, source.text
    for marker in document.markers:
        assert source.text[marker.span.start : marker.span.end] == marker.text


@SETTINGS
@given(documents())
def test_reader_recovers_exactly_the_inserted_notes(built):
    out, _ = built
    source, document = _read(out)
    found = [(n.span.start, n.number, n.text) for n in document.notes]
    expected = [(start, number, text) for start, number, text, _ in out.notes]
    assert found == expected, source.text


@SETTINGS
@given(documents(wrap=True))
def test_hard_wrapped_text_keeps_its_markers(built):
    """OCR and Project Gutenberg text is hard-wrapped: a line break stands where a space stood."""
    out, _ = built
    source, document = _read(out)
    found = [(m.span.start, m.span.end, m.number, m.intended) for m in document.markers]
    expected = [(start, end, number, None) for start, end, number, _ in out.markers]
    assert found == expected, source.text


@SETTINGS
@given(documents(wrap=True))
def test_hard_wrapped_text_keeps_its_notes(built):
    out, _ = built
    source, document = _read(out)
    found = [(n.span.start, n.number, n.text) for n in document.notes]
    expected = [(start, number, text) for start, number, text, _ in out.notes]
    assert found == expected, source.text


@SETTINGS
@given(documents())
def test_markers_and_notes_of_one_chapter_share_a_chapter(built):
    """The rules pair markers and notes by chapter: each written chapter must be one reader chapter.

    The reader may count chapters its own way (restarts of the numbering), so the test checks that
    the written chapters map one-to-one onto the reader's, for markers and notes alike.
    """
    out, _ = built
    source, document = _read(out)
    # Only documents read correctly otherwise: the other tests report wrong markers and notes.
    assume([m.span.start for m in document.markers] == [start for start, *_ in out.markers])
    assume([n.span.start for n in document.notes] == [start for start, *_ in out.notes])
    mapping: dict[int, set[int]] = {}
    for item, (*_, chapter) in [*zip(document.markers, out.markers), *zip(document.notes, out.notes)]:
        mapping.setdefault(chapter, set()).add(item.chapter)
    assert all(len(found) == 1 for found in mapping.values()), (mapping, source.text)
    assert len({next(iter(found)) for found in mapping.values()}) == len(mapping), (mapping, source.text)


@SETTINGS
@given(documents())
def test_a_generated_document_has_no_footnote_findings(built):
    """Every marker has its note and the numbering is sound, so CC101–CC107 stay silent."""
    from citecheck.rules import Context, all_rules, run_rules

    out, plan = built
    source, document = _read(out)
    # Only documents read correctly: the other tests report wrong markers and notes.
    assume([m.span.start for m in document.markers] == [start for start, *_ in out.markers])
    assume([n.span.start for n in document.notes] == [start for start, *_ in out.notes])
    codes = [
        (d.code, source.locate(d.span).line, d.message)
        for d in run_rules(Context.of(documents=(document,)), all_rules())
        if d.code.startswith("CC10") and d.code != "CC108"
    ]
    assert codes == [], source.text


@st.composite
def misread_sequences(draw) -> tuple[Builder, int, int]:
    """A run of markers in converted-text styles where OCR misprinted one in the middle.

    Returns the document, the index of the misread marker and the number it was meant to be.
    """
    start = draw(st.integers(1, 150))
    count = draw(st.integers(3, 8))
    index = draw(st.integers(1, count - 2))
    intended = start + index
    printed = draw(st.sampled_from(sorted(
        n for n in misreadings(intended) if abs(n - intended) > 1 and n > 3 and n < 1000
    )))
    out = Builder()
    for position in range(count):
        number = intended if position == index else start + position
        first = draw(clause())
        opening = first[0].upper() + first[1:]
        style = draw(st.sampled_from(["punctuation", "quote", "spaced", "comma"]))
        digits = str(printed if position == index else number)
        if style == "punctuation":
            out.marker(opening + ".", digits, 0, number, 0)
        elif style == "quote":
            out.marker(f"{opening}, he said, “{draw(clause())}.”", digits, 0, number, 0)
        elif style == "spaced":
            out.marker(opening + ". ", digits, 0, number, 0)
        else:
            name = draw(st.sampled_from(NAMES))
            out.marker(f"{opening} and {name},", digits, 0, number, 0, f" {draw(clause())}.")
        out.add(" " if draw(st.booleans()) else "\n\n")
    return out, index, printed


@SETTINGS
@given(misread_sequences())
def test_a_misread_marker_is_read_as_the_number_the_sequence_expects(case):
    """``18`` between 12 and 14 is 13 misread (3/8, 1/7, 5/6, 0/9, a digit doubled or dropped)."""
    out, index, printed = case
    source, document = _read(out)
    found = [(m.span.start, m.number, m.intended) for m in document.markers]
    expected = [
        (start, printed, number) if position == index else (start, number, None)
        for position, (start, _, number, _) in enumerate(out.markers)
    ]
    assert found == expected, source.text


_SHORT_LINE = st.text(alphabet="ab .1\t", min_size=1, max_size=12).filter(str.strip)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_SHORT_LINE, min_size=3, max_size=5), min_size=4, max_size=10))
def test_a_double_spaced_file_is_read_as_its_single_spaced_twin(paragraphs):
    """A file saved with ``\\r\\r\\n`` line ends (Macaulay vol. 1, first transcription): the reader sees
    each doubled break as one, at the same offsets, with the paragraphs of its single-spaced twin."""
    single = "\n\n".join("\n".join(lines) for lines in paragraphs) + "\n"
    double = single.replace("\n", "\n\n")
    view = single_spaced(SourceFile("d.txt", double))
    assert len(view.text) == len(double)
    assert [c for c in view.text if c not in " \n"] == [c for c in double if c not in " \n"]
    assert [[line.strip() for line in block.split("\n")] for block in view.text.split(" \n \n")] == [
        [line.strip() for line in block.split("\n")] for block in single.replace("\n", " \n").split(" \n \n")
    ]
    assert single_spaced(SourceFile("s.txt", single)).text == single  # a single-spaced file as it is


@given(st.lists(st.text(alphabet="ab .1", min_size=120, max_size=300).filter(str.strip), min_size=12, max_size=30))
def test_paragraphs_one_a_line_with_blank_lines_between_are_not_double_spaced(paragraphs):
    text = "\n\n".join(paragraphs) + "\n"
    source = SourceFile("p.txt", text)
    assert single_spaced(source) is source
