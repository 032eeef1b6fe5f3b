"""The citations a document makes beyond its keys: the sources in its notes and, when it cites
by name, the scholars named in its prose.

The first reconcile stage, run by the pipeline on each document a reader hands on. It reads
only the format-neutral document (notes, markers, regions), never the file's format.
"""

from __future__ import annotations

import bisect
import dataclasses
import importlib
import itertools
import re
from collections.abc import Iterable

from citecheck.model import Document
from citecheck.patterns import OnFirstUse, regex
from citecheck.reconcile.notes import note_citations
from citecheck.reconcile.sections import reference_lists
from citecheck.source import Span

# The names-in-prose parser, loaded for the first document that cites by name.
_MENTIONS = OnFirstUse(importlib.import_module, "citecheck.reconcile.mentions")

# A person's name of two capitalised words and a space, ending where an @-word begins (the
# match is bounded to the few characters before it).
_NAME_BEFORE = OnFirstUse(regex.compile, r"(?:^|[ \t(,;:])(\p{Lu}\p{Ll}+)[ \t]+(\p{Lu}[\p{L}'’-]*\p{Ll})[ \t]+\Z")
_NAME_REACH = 80
# How many @-words, blanks alone between them, make a list of handles.
_HANDLE_RUN = 3


def with_citations(document: Document, mentions: str = "auto", jobs: int = 1) -> Document:
    """``document`` with the sources parsed from its notes and the scholars named in its prose
    added to its citations, in the order they stand (the manuscript, then a paired notes file).

    ``mentions`` says when names in prose count as citations: "on", "off", or "auto": only in a
    document that cites by name, with no citation keys and no notes (software documentation
    citing by key says "R Markdown" and "Google"; a book citing through notes names the people
    of its history, and its notes carry the sources). ``jobs`` processes read the notes of a
    document with many (:func:`note_citations`)."""
    from_notes = note_citations(document, jobs)
    by_name = mentions != "off" and cites_by_name(document)
    if by_name:  # its @-words are handles, not keys
        document = dataclasses.replace(document, citations=tuple(c for c in document.citations if c.kind != "key"))
    if mentions == "on" or by_name:
        from_prose = _MENTIONS.prose_mentions(document)
    else:
        from_prose = ()
    found = (*document.citations, *from_notes, *from_prose)
    main = document.source.path
    in_order = sorted(found, key=lambda c: (c.span.path != main, c.span.path, c.span.start))
    return dataclasses.replace(document, citations=tuple(in_order))


def cites_by_name(document: Document) -> bool:
    """Whether the document cites only by naming scholars: no citation key but handles, and no
    note or marker (a chapter whose notes are printed elsewhere still has its markers) unless its
    prose cites author-date more often than it has notes (_cites_more_in_prose)."""
    if (document.notes or document.markers) and not _cites_more_in_prose(document):
        return False
    keys = [c for c in document.citations if c.kind in ("key", "nocite")]
    if not keys:
        return True
    if any(c.kind == "nocite" for c in keys):
        return False
    lists = reference_lists(document)
    text = document.source.text
    listed = _in_handle_runs(text, [c.span for c in keys])
    return all(n in listed or _is_handle(text, c.span, lists) for n, c in enumerate(keys))


# An author-date citation in parentheses, perhaps after "cf." or another citation: "(Cerquiglini 1999)", "(cf. Gabler
# 1995:2--3)", "(DeRose et al. 1990)".
# The standard engine (a run that reads no name in prose imports no regex module): the name's capital is checked
# after the match.
_AUTHOR_DATE = OnFirstUse(re.compile,
    r"\((?:[^()\n]{0,40}?[ \t;])?(?P<name>[^\W\d_][\w'’-]+)(?:[ \t]+et[ \t]+al\.?)?,?[ \t\u00a0]+(?:1[5-9]\d\d|20\d\d)[a-z]?[),;:]"
)


def _cites_more_in_prose(document: Document) -> bool:
    """Whether the body cites author-date in parentheses at least twice and more often than the
    document has notes: the notes are asides and the prose carries the citations (a chapter of
    *Defactoring Pace of Change* with one footnote, on Goldstone, and its "(Cerquiglini 1999)",
    "(cf. Gabler 1995:2--3)"), where a book citing through its notes names the history's people
    and has a note for each source. Counting stops once the notes are outnumbered."""
    notes = max(len(document.notes), len(document.markers))
    text, path = document.source.text, document.source.path
    in_notes = _Stretches((part.start, part.end) for n in document.notes for part in (n.span, *n.parts) if part.path == path)
    count = 0
    for found in _AUTHOR_DATE.finditer(text):
        if not found.group("name")[0].isupper() or found.start() in in_notes:
            continue
        count += 1
        if count >= 2 and count > notes:
            return True
    return False


class _Stretches:
    """Stretches of a text (``start``, ``end``), overlapping or not, asked whether they hold a
    position in one search, not a walk over all of them (a book's 13,000 notes and parts were
    walked for each of its author-date citations)."""

    def __init__(self, stretches: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(stretches)
        self._starts = [start for start, _ in ordered]
        self._reach = list(itertools.accumulate((end for _, end in ordered), max))  # the furthest end so far

    def __contains__(self, position: int) -> bool:
        """Whether ``start <= position < end`` for one of them: the last that starts at or before
        ``position`` is found, and the furthest any of those reaches."""
        last = bisect.bisect_right(self._starts, position) - 1
        return last >= 0 and self._reach[last] > position


def _in_handle_runs(text: str, spans: list[Span]) -> set[int]:
    """Indexes of the ``@``-words standing in a run of three or more with nothing but blanks
    between them ("Student bots: @a @b @c", Digital Pedagogy's iteration essay): a list of handles,
    for Pandoc joins the keys of one citation with semicolons inside brackets."""
    runs: list[list[int]] = []
    for number, span in enumerate(spans):
        previous = spans[number - 1] if number else None
        joined = previous is not None and previous.path == span.path and _blank_gap(text, previous.end, span.start)
        if joined:
            runs[-1].append(number)
        else:
            runs.append([number])
    return {number for run in runs if len(run) >= _HANDLE_RUN for number in run}


def _blank_gap(text: str, end: int, start: int) -> bool:
    """Whether only spaces or tabs, then the next word's ``@``, stand between two @-words."""
    gap = text[end:start]
    return len(gap) >= 2 and gap.endswith("@") and not gap[:-1].strip(" \t")


def _is_handle(text: str, span: Span, lists: tuple[tuple[int, int], ...]) -> bool:
    """Whether an ``@``-word a key reader took is a social-media handle: alone in parentheses
    after a name ("her Twitter account (@YFWoke)", Digital Pedagogy's diaspora essay; Pandoc
    writes a citation in brackets), right after a person's name, inside a list of references
    ("“@triproftri Awesome!”", "The Center for Digital Humanities @Princeton", its collaboration
    and poetry essays)."""
    alone = text[span.start - 2 : span.start] == "(@" and text[span.end : span.end + 1] == ")"
    return alone or _after_a_name(text, span.start) or any(start <= span.start < end for start, end in lists)


def _after_a_name(text: str, start: int) -> bool:
    """Whether the ``@``-word at ``start`` follows a name given and family ("Jamie Berrout
    @jamieberrout, Venus Selenite @venusselenite", the creators of Digital Pedagogy's sexuality
    essay's artifacts): Pandoc's narrative citation names no one before its key ("@doe99 says"),
    and a sentence's opening word is no given name ("As Doe @doe99" stays a key)."""
    at = start - 1 if text[start - 1 : start] == "@" else start
    line_start = max(text.rfind("\n", 0, at) + 1, at - _NAME_REACH)
    found = _NAME_BEFORE.search(text, line_start, at)
    return found is not None and found.group(1) not in _MENTIONS.STOP_WORDS
