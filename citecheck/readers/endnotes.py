"""Endnotes written by hand in a Markdown document: a section titled Notes (Endnotes,
Footnotes) whose items are numbered notes, and the markers in the text before it that carry
those numbers.

Markdown's own footnotes (``[^1]`` and ``[^1]: text``) are the reader's; many essays converted
from a word processor or typed by students write their notes as a list instead::

    … as Marx argued.<sup>1</sup> …          … as Marx argued.[1] …

    ## Notes                                 ## Endnotes

    1. Karl Marx, *Capital*, 12.             [1] Karl Marx, *Capital*, 12.

An item opens with its number in one of the shapes ``1.``, ``1)``, ``[1]``, ``(1)``,
``<sup>1</sup>``, ``^1`` or ``[^1]`` and runs to the next item or the section's end; a list
whose items are all numbered ``1.`` (Markdown renumbers them) counts them in order. A marker is
a number in the text before the section, outside code, written as a superscript
(``<sup>1</sup>``, ``<sup>[1]</sup>``, ``^1^``), in brackets (``[1]``, not a link's text), in
parentheses glued to the word or stop before it (``war.(1)``; a spaced ``(1)`` enumerates) or
as a link to the note (``[1](#fn1)``), and only for a number some item carries (``[3]`` in a
sentence with no note 3 stays text), but for a superscript after a stop or a closing quote: that
is a marker whose note is missing, where ``m<sup>2</sup>`` after a letter is an exponent.
"""

from __future__ import annotations

import bisect
import re

from citecheck.model import Marker, Note, Region
from citecheck.patterns import OnFirstUse
from citecheck.source import SourceFile

# A line that titles the notes: an ATX heading, or a line of its own in bold or with a colon.
_TITLE = OnFirstUse(
    re.compile,
    r"^[ \t]{0,3}(?P<hashes>#{1,6}[ \t]+)?[*_]*(?:end[ \t]?notes|foot[ \t]?notes|notes)[*_]*[ \t]*:?[*_]*[ \t]*#*[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_HEADING = OnFirstUse(re.compile, r"^[ \t]{0,3}#{1,6}[ \t]", re.MULTILINE)
# An item's number, in the shapes notes are numbered in, then the note's text on the same line; a
# bracketed number alone on its line is an empty item, which ends the one before it, and ``[^8}``
# (the brace is the bracket's shifted key) opens one (2019-fall's essays on quantitative history
# and on Ranke: ``[^4] `` alone, ``[^8} Gil, 384; …``).
_ITEM = OnFirstUse(
    re.compile,
    r"^[ \t]{0,3}(?:(?P<dot>\d{1,4})[.)]|\[(?P<bracket>\d{1,4})\]|\((?P<paren>\d{1,4})\)|<sup>[ \t]*(?P<sup>\d{1,4})[ \t]*</sup>"
    r"|\^(?P<caret>\d{1,4})\^?|\[\^(?P<note>\d{1,4})[\]}])[ \t]*:?(?:[ \t]+(?=\S)|(?<=[\]}])[ \t]*$)",
    re.MULTILINE | re.IGNORECASE,
)
_NUMBER_GROUPS = ("dot", "bracket", "paren", "sup", "caret", "note")
# A marker in the text: a superscript, a bracketed number that is no link's text, a link to the note.
_MARKER = OnFirstUse(
    re.compile,
    r"<sup>[ \t]*\[?(?P<sup>\d{1,4})\]?[ \t]*</sup>|\^(?P<caret>\d{1,4})\^|\[(?P<linked>\d{1,4})\]\(#[^)\s]*\)"
    r"|(?<![\]\w])\[(?P<bracket>\d{1,4})\](?![(\[:])|(?<=[\w.,;:!?”\"’')\]])\((?P<paren>\d{1,4})\)",
    re.IGNORECASE,
)


# What a note's superscript follows, and an exponent does not: a superscript after one of these is a
# marker even with no note of its number (the missing note is CC101's to report).
_STOPS = frozenset(".,;:!?”\"’')")


def endnotes(source: SourceFile, regions: tuple[Region, ...], markers: list[Marker], notes: list[Note]) -> tuple[list[Marker], list[Note]]:
    """The notes of every Notes section of ``source`` and the markers that call them, less the
    numbers the document already notes otherwise (its own footnotes win)."""
    text = source.text
    if not _TITLE.search(text):
        return [], []
    noted = {note.number for note in notes if note.number is not None}
    listed: list[Note] = []
    first_section = len(text)
    for title in _TITLE.finditer(text):
        items = _items(source, title.end(), _section_end(text, title))
        if items:
            listed.extend(items)
            first_section = min(first_section, title.start())
    if not listed:
        return [], []
    found_notes = [note for note in listed if note.number not in noted]
    numbers = {note.number for note in listed}
    taken = {(marker.span.start, marker.span.end) for marker in markers}
    found_markers = [
        marker for marker in _markers(source, regions, first_section, numbers)
        if (marker.span.start, marker.span.end) not in taken
    ]
    return found_markers, found_notes


def _section_end(text: str, title: re.Match[str]) -> int:
    """Where the notes under ``title`` end: at the next heading (the end of the text if none)."""
    following = _HEADING.search(text, title.end())
    return following.start() if following is not None else len(text)


def _items(source: SourceFile, start: int, end: int) -> list[Note]:
    """The numbered notes between ``start`` and ``end``, each to the next one or the end."""
    text = source.text
    found = list(_ITEM.finditer(text, start, end))
    written = [int(next(m.group(g) for g in _NUMBER_GROUPS if m.group(g) is not None)) for m in found]
    if len(written) > 1 and len(set(written)) == 1 and written[0] == 1:
        written = list(range(1, len(written) + 1))  # "1." on every item: Markdown numbers them in order
    notes = []
    for index, (item, number) in enumerate(zip(found, written)):
        stop = found[index + 1].start() if index + 1 < len(found) else end
        body = text[item.end() : stop].rstrip()
        if not body:
            continue
        label_end = item.end() - (len(item.group()) - len(item.group().rstrip()))
        label_start = item.start() + len(item.group()) - len(item.group().lstrip())
        notes.append(Note(label=str(number), number=number, text=" ".join(body.split()),
                          span=source.span(label_start, label_end), parts=(source.span(item.end(), item.end() + len(body)),),
                          style="endnote"))
    return notes


def _markers(source: SourceFile, regions: tuple[Region, ...], before: int, numbers: set[int]) -> list[Marker]:
    """The markers before ``before`` that carry one of ``numbers``, outside code."""
    text = source.text
    code = sorted((r.span.start, r.span.end) for r in regions if r.role == "code")
    starts = [start for start, _ in code]
    found = []
    for match in _MARKER.finditer(text, 0, before):
        index = bisect.bisect_right(starts, match.start()) - 1
        if index >= 0 and match.start() < code[index][1]:
            continue
        number = int(next(group for group in match.groups() if group is not None))
        after_a_stop = (match.group("sup") or match.group("caret")) is not None and text[match.start() - 1 : match.start()] in _STOPS
        if number in numbers or after_a_stop:
            found.append(Marker(label=str(number), number=number, text=match.group(),
                                span=source.span(match.start(), match.end()), style="endnote"))
    return found
