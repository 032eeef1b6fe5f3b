"""CC1xx: note markers and note texts agree, and their numbering is sound."""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple, TypeVar

from citecheck.diagnostics import Finding, Fix
from citecheck.model import Document, Marker, Note, is_subnote, next_unextended
from citecheck.rules import Context, rule
from citecheck.source import SourceFile

Item = TypeVar("Item", Marker, Note)


def _by_chapter(items: Iterable[Item]) -> dict[int, list[Item]]:
    chapters: dict[int, list[Item]] = defaultdict(list)
    for item in items:
        chapters[item.chapter].append(item)
    return chapters


def _paired(document: Document) -> bool:
    """A document with only markers or only notes is reported once, by CC108."""
    return bool(document.markers) and bool(document.notes)


def _where(document: Document, item: Marker | Note) -> str:
    """Where ``item`` stands, for a message: "line 69", or its paragraph in a packaged document ("¶12")."""
    source = _source_of(document, item.span.path)
    paragraph = source.paragraph(item.span)
    if paragraph is not None:
        return paragraph.label
    return f"line {source.index.line_col(item.span.start)[0]}"


def _source_of(document: Document, path: str) -> SourceFile:
    for source in (document.source, *document.note_sources):
        if source.path == path:
            return source
    raise KeyError(path)


def _neighbours(document: Document, items: Sequence[Marker | Note], number: int, kind: str) -> str:
    """Describe the items numbered just below and above ``number``: "markers go from 12 (line 69) to 14 (line 77)"."""
    below = max((i for i in items if i.key.isdecimal() and int(i.key) < number), key=lambda i: int(i.key), default=None)
    above = min((i for i in items if i.key.isdecimal() and int(i.key) > number), key=lambda i: int(i.key), default=None)
    if below and above:
        return f"{kind}s go from {below.key} ({_where(document, below)}) to {above.key} ({_where(document, above)})"
    if below:
        return f"the last {kind} is {below.key} ({_where(document, below)})"
    if above:
        return f"the first {kind} is {above.key} ({_where(document, above)})"
    return f"there is no {kind} in this chapter"


def _describe(document: Document, key: str, items: Sequence[Marker | Note], kind: str) -> str:
    if key.isdecimal():
        return _neighbours(document, items, int(key), kind)
    return f"no {kind} is labelled [^{key}]"


@rule("CC101")
def missing_note(context: Context) -> Iterator[Finding]:
    """A marker has no note text.

    Why: the reader meets a reference that leads nowhere; usually the note was lost in
    conversion or deleted in an edit.
    Example: ``…in May 1939.31`` with no note 31 among the notes of that chapter.
    """
    for document in context.documents:
        if not _paired(document):
            continue
        notes = _by_chapter(document.notes)
        for chapter, markers in _by_chapter(document.markers).items():
            keys = {note.key for note in notes.get(chapter, ())}
            reported: set[str] = set()
            for marker in markers:
                if marker.key in keys or marker.key in reported:
                    continue
                reported.add(marker.key)
                where = _describe(document, marker.key, notes.get(chapter, ()), "note")
                yield Finding(marker.span, f"marker {marker.key} has no note: {where}")


@rule("CC102")
def unreferenced_note(context: Context) -> Iterator[Finding]:
    """A note text has no marker in the body.

    Why: the note is unreachable for the reader; often the marker was dropped in conversion or
    glued to a number so that it no longer reads as a marker. A note whose label keys it to a
    page (``Note 1, page 18.``, ``P. 18, l. 4.``: :attr:`Note.keyed_to`) needs none.
    Example: note 13 exists but the text jumps from marker 12 to marker 14.
    """
    for document in context.documents:
        if not _paired(document):
            continue
        markers = _by_chapter(document.markers)
        for chapter, notes in _by_chapter(document.notes).items():
            keys = {marker.key for marker in markers.get(chapter, ())}
            for note in notes:
                if note.key not in keys and note.keyed_to is None:
                    where = _describe(document, note.key, markers.get(chapter, ()), "marker")
                    yield Finding(note.span, f"note {note.key} has no marker: {where}")


class _Sequences(NamedTuple):
    """A numbered document's markers and notes by chapter, each chapter's as its main sequence:
    the numbered items less the notes an editor added to another (:func:`_without_subnotes`)."""

    markers: dict[int, list[Marker]]
    notes: dict[int, list[Note]]


def main_sequences(context: Context) -> tuple[_Sequences | None, ...]:
    """For each document of the context (None for one not numbered), its :class:`_Sequences`:
    the pass CC103 and CC104 share (``@rule(..., uses=main_sequences)``), so that the added notes
    of a chapter are told from its main sequence once, not once per rule."""
    return tuple(
        _Sequences(_main_by_chapter(document.markers), _main_by_chapter(document.notes)) if document.numbered else None
        for document in context.documents
    )


def _main_by_chapter(items: Iterable[Item]) -> dict[int, list[Item]]:
    return {chapter: _without_subnotes(chapter_items) for chapter, chapter_items in _by_chapter(items).items()}


@rule("CC103", uses=main_sequences)
def numbering_gap(context: Context, sequences: tuple[_Sequences | None, ...]) -> Iterator[Finding]:
    """A number is missing from the note sequence: neither a marker nor a note carries it.

    Why: a skipped number usually means a marker and its note were both lost, or the
    numbering was edited by hand.
    Example: markers and notes go 12, 13, 15: 14 is missing.
    """
    for document, sequence in zip(context.documents, sequences):
        if sequence is None:
            continue
        notes, markers = sequence.notes, sequence.markers
        for chapter in sorted(set(notes) | set(markers)):
            present: dict[int, Marker | Note] = {}
            for item in (*_in_sequence(notes.get(chapter, [])), *_in_sequence(markers.get(chapter, []))):
                present[int(item.key)] = item
            numbers = sorted(present)
            for lower, upper in zip(numbers, numbers[1:]):
                if upper - lower < 2:
                    continue
                missing = f"{lower + 1}" if upper - lower == 2 else f"{lower + 1}–{upper - 1}"
                after = present[upper]
                yield Finding(
                    after.span,
                    f"numbering skips {missing}: {lower} ({_where(document, present[lower])}) "
                    f"is followed by {upper} ({_where(document, after)})",
                )


def _longest_increasing(numbers: Sequence[int]) -> set[int]:
    """Indices of a longest strictly increasing subsequence of ``numbers`` (patience sorting).

    Run backwards, as the longest decreasing run from the end, so that among runs of equal length
    the one that keeps the earlier items wins: in 1, 3, 2 it is 2 that stands out of order.
    """
    tails: list[int] = []  # tails[k]: index of the largest first number of a run of length k+1
    lowered: list[int] = []  # lowered[k]: -numbers[tails[k]], rising with k (searched by bisect)
    following: list[int] = [-1] * len(numbers)
    for index in range(len(numbers) - 1, -1, -1):
        number = numbers[index]
        low = bisect.bisect_left(lowered, -number)  # the first run whose first number is <= number
        following[index] = tails[low - 1] if low else -1
        if low == len(tails):
            tails.append(index)
            lowered.append(-number)
        else:
            tails[low] = index
            lowered[low] = -number
    kept: set[int] = set()
    index = tails[-1] if tails else -1
    while index >= 0:
        kept.add(index)
        index = following[index]
    return kept


def _out_of_order(main: Sequence[Item], reusable: bool) -> Iterator[tuple[Item, str, Item]]:
    """Yield (item, relation, neighbour) for each item of a chapter's main sequence (``main``:
    :func:`_without_subnotes`) that breaks the order: the relation is
    "repeats" or "comes after" a higher-numbered item before it, or "comes before" a lower one.

    The items in order are those of the longest increasing run through the sequence; only the
    others are reported, so one wrong number (``18`` for 13, a stray ``821``) is one finding
    rather than a complaint about every number after it.
    """
    numbered: list[Item] = []
    seen: set[str] = set()
    for item in main:
        if reusable and item.key in seen:
            continue
        seen.add(item.key)
        numbered.append(item)
    in_order = _longest_increasing([int(item.key) for item in numbered])
    for index, item in enumerate(numbered):
        if index in in_order:
            continue
        number = int(item.key)
        before = next((numbered[i] for i in range(index - 1, -1, -1) if int(numbered[i].key) >= number), None)
        if before is not None:
            yield item, "repeats" if before.key == item.key else "comes after", before
        else:  # it stands before the lower numbers that run in order after it
            yield item, "comes before", next(numbered[i] for i in range(index + 1, len(numbered)) if i in in_order)


# How many notes back an added note's marker may stand: in the text of the note it is added to,
# which is printed after the paragraph that cites it and the later markers of that paragraph
# (Gibbon vol. 5: ``[1981]`` inside note 198, read after marker 206).
ADDED_NOTE_REACH = 12


def _added_to(items: Sequence[Item]) -> list[str | None]:
    """For each item, the key of the note an editor added it to (821 after 82, 1001 after 10, and
    101 before a chapter's 1 is added to 1; 1981 a few markers after 198), or None for an item
    of the main sequence."""
    parents: list[str | None] = []
    keys = [item.key for item in items]
    recent: deque[str] = deque(maxlen=ADDED_NOTE_REACH)  # the last items of the main sequence
    for index, key in enumerate(keys):
        main = recent[-1] if recent else ""
        # an added note's label extends its note's digits: a label no recent one starts is in the main sequence
        extends = key[:-1].startswith(tuple(filter(None, recent)))
        if main and extends and is_subnote(key, main, next_unextended(keys, index, main)):
            parents.append(main)
        elif not main and next_unextended(keys, index, "1") == "1" and is_subnote(key, "1", "1"):
            parents.append("1")
        elif extends and (parent := next((earlier for earlier in recent if is_subnote(key, earlier)), None)):
            parents.append(parent)
        else:
            parents.append(None)
            recent.append(key)
    return parents


def _without_subnotes(items: Sequence[Item]) -> list[Item]:
    """The numbered items, less the notes an editor added to another (see :func:`_added_to`)."""
    numbered = [item for item in items if item.key.isdecimal()]
    return [item for item, parent in zip(numbered, _added_to(numbered)) if parent is None]


def _in_sequence(numbered: Sequence[Item]) -> list[Item]:
    """The items of a main sequence (:func:`_without_subnotes`) whose numbers run in order (the
    longest increasing run), in reading order."""
    in_order = _longest_increasing([int(item.key) for item in numbered])
    return [item for index, item in enumerate(numbered) if index in in_order]


@rule("CC104", uses=main_sequences)
def out_of_sequence(context: Context, sequences: tuple[_Sequences | None, ...]) -> Iterator[Finding]:
    """A marker or note is numbered lower than, or the same as, one before it.

    Why: notes are numbered in reading order; a step backwards is a misplaced, repeated or
    mistyped number. Only the numbers off the longest run in order are reported, so one stray
    number is one finding; a note number two notes carry is CC106's alone. A marker the reader
    found citing again the note of the marker before it on its page (a book that repeats the mark
    at each place one note qualifies) is reported as a number used twice, not as a misprint.
    Example: markers 4, 6, 5; or note 9 written twice in the text.
    """
    for document, sequence in zip(context.documents, sequences):
        if sequence is None:
            continue
        for markers in sequence.markers.values():
            for marker, relation, other in _out_of_order(markers, document.markers_reusable):
                if marker.again and relation == "repeats":
                    # the reader found it cites the same note as the marker before it on its page (a
                    # note cited again by design, as page symbols were): a number used twice, no misprint
                    yield Finding(
                        marker.span,
                        f"marker {marker.key} cites note {marker.key} again after marker {other.key} "
                        f"({_where(document, other)}): a note number used twice",
                    )
                    continue
                yield Finding(
                    marker.span,
                    f"marker {marker.key} {relation} marker {other.key} ({_where(document, other)})",
                )
        for notes in sequence.notes.values():
            printed = Counter(note.key for note in notes)
            for note, relation, other in _out_of_order(notes, reusable=False):
                # a number two notes carry is CC106's, wherever the copy off the run stands (the
                # Arabian Nights' ``[FN#587]`` misprinted for 578, before 579, and 587 itself later)
                if relation != "repeats" and printed[note.key] == 1:
                    yield Finding(
                        note.span,
                        f"note {note.key} {relation} note {other.key} ({_where(document, other)})",
                    )


@rule("CC105")
def probable_misread(context: Context) -> Iterator[Finding]:
    """A marker's digits look misread: its neighbours say it should be another number.

    Why: OCR confuses 3/8, 1/7, 5/6 and 0/9, prints 1 as l and 0 as O, and drops or doubles
    digits; the number as printed
    breaks the sequence while the intended one fits it exactly.
    Example: ``peace.18`` between markers 12 and 14: read 18 as 13.
    The other checks use the intended number.
    """
    for document in context.documents:
        for marker in document.markers:
            if marker.intended is None or marker.intended == marker.number:
                continue
            digits = marker.span
            yield Finding(
                digits,
                f"marker {marker.label} is probably {marker.intended} misread "
                f"(the sequence expects {marker.intended} here)",
                Fix(f"read {marker.label} as {marker.intended}", str(marker.intended)),
            )


@rule("CC106")
def duplicate_note(context: Context) -> Iterator[Finding]:
    """Two note texts carry the same number or label in one chapter.

    Why: a marker can lead to only one note; the other is a stray or a misnumbered note.
    Example: two ``[^3]:`` definitions, or two lines starting ``7.`` under NOTES. Notes an
    editor added to two different notes may share a label (1001 added to note 1, and to note 10),
    and notes keyed to one page (``Page 18.``) may share it.
    """
    for document in context.documents:
        for notes in _by_chapter(document.notes).values():
            first: dict[tuple[str, str | None], Note] = {}
            for note, parent in zip(notes, _added_to(notes)):
                if note.keyed_to is not None and note.number is None:
                    continue  # ``Page 18.`` twice: two notes on one page, no marker to lead to either
                identity = (note.key, parent)  # 1001 added to note 1 is not 1001 added to note 10
                if identity in first:
                    yield Finding(
                        note.span,
                        f"note {note.key} is defined twice: first at {_where(document, first[identity])}",
                    )
                else:
                    first[identity] = note


@rule("CC107")
def empty_note(context: Context) -> Iterator[Finding]:
    """A note has a number or label but no text.

    Why: an empty note is a placeholder that was never filled in.
    Example: ``[^6]:`` followed by nothing.
    """
    for document in context.documents:
        for note in document.notes:
            if not note.text.strip():
                yield Finding(note.span, f"note {note.key} is empty")


def _number_range(items: Sequence[Marker | Note]) -> str:
    keys = [item.key for item in items]
    numeric = sorted({int(k) for k in keys if k.isdecimal()})
    if numeric and len(numeric) == len(set(keys)):
        return f"{numeric[0]}–{numeric[-1]}" if len(numeric) > 1 else f"{numeric[0]}"
    return ", ".join(dict.fromkeys(keys))


@rule("CC108")
def unpaired_notes(context: Context) -> Iterator[Finding]:
    """A document has markers but no note text at all, or notes but no marker at all (notes
    keyed to pages, :attr:`Note.keyed_to`, need none).

    Why: the notes usually live in a separate endnotes file. Said once for the document rather
    than once per marker.
    Example: a chapter with markers 25–45 whose notes are at the back of the book; pair the
    files in ``[tool.citecheck.notes-files]``: ``"ch3.txt" = "notes-ch3.txt"``.
    """
    for document in context.documents:
        if document.markers and not document.notes:
            first = document.markers[0]
            yield Finding(
                first.span,
                f"markers {_number_range(document.markers)} ({len(document.markers)} in all) have no note "
                f"text in this file; if the notes are in another file, pair it under "
                f'[tool.citecheck.notes-files]: "{document.path}" = "NOTES-FILE"',
            )
        elif not document.markers and any(note.keyed_to is None for note in document.notes):
            yield Finding(
                document.notes[0].span,
                f"notes {_number_range(document.notes)} have no marker in this file; if this is an "
                f"endnotes file, pair it with its chapter under [tool.citecheck.notes-files]",
            )
