"""CC1xx: note markers and note texts agree, and their numbering is sound."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from citecheck.diagnostics import Finding, Fix
from citecheck.model import Document, Marker, Note
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


def _line(document: Document, item: Marker | Note) -> int:
    return _source_of(document, item.span.path).index.line_col(item.span.start)[0]


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
        return f"{kind}s go from {below.key} (line {_line(document, below)}) to {above.key} (line {_line(document, above)})"
    if below:
        return f"the last {kind} is {below.key} (line {_line(document, below)})"
    if above:
        return f"the first {kind} is {above.key} (line {_line(document, above)})"
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
    glued to a number so that it no longer reads as a marker.
    Example: note 13 exists but the text jumps from marker 12 to marker 14.
    """
    for document in context.documents:
        if not _paired(document):
            continue
        markers = _by_chapter(document.markers)
        for chapter, notes in _by_chapter(document.notes).items():
            keys = {marker.key for marker in markers.get(chapter, ())}
            for note in notes:
                if note.key not in keys:
                    where = _describe(document, note.key, markers.get(chapter, ()), "marker")
                    yield Finding(note.span, f"note {note.key} has no marker: {where}")


@rule("CC103")
def numbering_gap(context: Context) -> Iterator[Finding]:
    """A number is missing from the note sequence: neither a marker nor a note carries it.

    Why: a skipped number usually means a marker and its note were both lost, or the
    numbering was edited by hand.
    Example: markers and notes go 12, 13, 15: 14 is missing.
    """
    for document in context.documents:
        if not document.numbered:
            continue
        notes = _by_chapter(document.notes)
        markers = _by_chapter(document.markers)
        for chapter in sorted(set(notes) | set(markers)):
            present: dict[int, Marker | Note] = {}
            for item in (*notes.get(chapter, ()), *markers.get(chapter, ())):
                if item.key.isdecimal():
                    present[int(item.key)] = item
            numbers = sorted(present)
            for lower, upper in zip(numbers, numbers[1:]):
                if upper - lower < 2:
                    continue
                missing = f"{lower + 1}" if upper - lower == 2 else f"{lower + 1}–{upper - 1}"
                after = present[upper]
                yield Finding(
                    after.span,
                    f"numbering skips {missing}: {lower} (line {_line(document, present[lower])}) "
                    f"is followed by {upper} (line {_line(document, after)})",
                )


def _out_of_order(items: Sequence[Item], reusable: bool) -> Iterator[tuple[Item, Item]]:
    """Yield (item, the higher-numbered item it follows) for each item that breaks the order."""
    highest: Item | None = None
    seen: set[str] = set()
    for item in items:
        if not item.key.isdecimal():
            continue
        if reusable and item.key in seen:
            continue
        seen.add(item.key)
        if highest is not None and int(item.key) <= int(highest.key):
            yield item, highest
        else:
            highest = item


@rule("CC104")
def out_of_sequence(context: Context) -> Iterator[Finding]:
    """A marker or note is numbered lower than, or the same as, one before it.

    Why: notes are numbered in reading order; a step backwards is a misplaced, repeated or
    mistyped number.
    Example: markers 4, 6, 5; or note 9 written twice in the text.
    """
    for document in context.documents:
        if not document.numbered:
            continue
        for markers in _by_chapter(document.markers).values():
            for marker, before in _out_of_order(markers, document.markers_reusable):
                verb = "repeats" if marker.key == before.key else "comes after"
                yield Finding(
                    marker.span,
                    f"marker {marker.key} {verb} marker {before.key} (line {_line(document, before)})",
                )
        for notes in _by_chapter(document.notes).values():
            for note, before in _out_of_order(notes, reusable=False):
                if note.key != before.key:  # a repeated note is CC106
                    yield Finding(
                        note.span,
                        f"note {note.key} comes after note {before.key} (line {_line(document, before)})",
                    )


@rule("CC105")
def probable_misread(context: Context) -> Iterator[Finding]:
    """A marker's digits look misread: its neighbours say it should be another number.

    Why: OCR confuses 3/8, 1/7, 5/6 and 0/9, and drops or doubles digits; the number as printed
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
                f"marker {marker.number} is probably {marker.intended} misread "
                f"(the sequence expects {marker.intended} here)",
                Fix(f"read {marker.number} as {marker.intended}", str(marker.intended)),
            )


@rule("CC106")
def duplicate_note(context: Context) -> Iterator[Finding]:
    """Two note texts carry the same number or label in one chapter.

    Why: a marker can lead to only one note; the other is a stray or a misnumbered note.
    Example: two ``[^3]:`` definitions, or two lines starting ``7.`` under NOTES.
    """
    for document in context.documents:
        for notes in _by_chapter(document.notes).values():
            first: dict[str, Note] = {}
            for note in notes:
                if note.key in first:
                    yield Finding(
                        note.span,
                        f"note {note.key} is defined twice: first at line {_line(document, first[note.key])}",
                    )
                else:
                    first[note.key] = note


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
    """A document has markers but no note text at all, or notes but no marker at all.

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
        elif document.notes and not document.markers:
            yield Finding(
                document.notes[0].span,
                f"notes {_number_range(document.notes)} have no marker in this file; if this is an "
                f"endnotes file, pair it with its chapter under [tool.citecheck.notes-files]",
            )
