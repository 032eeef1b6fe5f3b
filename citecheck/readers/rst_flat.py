"""A linear scanner for flat reStructuredText: paragraphs at the margin and one-paragraph
footnotes and citations, with footnote and citation references and citation roles.

docutils costs tens of microseconds a block and more for each node (a megabyte of paragraphs
citing ``[1]_`` and ``:cite:p:`key``` took five seconds, most of it in its state machine). A
manuscript written as plain prose with notes needs none of that machinery: this scanner reads
such a document in one pass and says what docutils would find in it, in document order. It
reads only what it can read as docutils does; anything else (a title, a list, an indented
block, a directive, emphasis, a stray backtick or underscore, a tab) makes it give up, and the
reader asks docutils (the tests compare the two on generated documents).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

__all__ = ["Definition", "Reference", "Role", "flat_items"]

SIMPLENAME = r"(?:(?!_)\w)+(?:[-._+:](?:(?!_)\w)+)*"  # docutils' Inliner.simplename
FOOTNOTE_LABEL = re.compile(r"[0-9]+")  # a manually numbered footnote's label; any other is a citation's


@dataclass(frozen=True, slots=True)
class Reference:
    """``[label]_`` written from ``start`` to ``end``."""

    label: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Definition:
    """``.. [label]`` opening a footnote or citation; ``start`` is where its label stands."""

    label: str
    start: int


@dataclass(frozen=True, slots=True)
class Role:
    """A citation role ``rawsource`` written from ``start``; ``text`` is what its backticks hold."""

    rawsource: str
    text: str
    start: int


Item = Reference | Definition | Role

# What docutils reads as markup the scanner does not follow (emphasis, substitutions, escapes),
# and white space it reads otherwise than as a space or a line break (tabs, form feeds, NBSP).
_FOREIGN = re.compile(r"[*|\\\x00]|[^\S \n]")
_DEFINITION = re.compile(rf"\.\. +\[(?P<label>[0-9]+|{SIMPLENAME})\] +(?=\S)")
# A line docutils may read as a title's adornment, or as an enumerated list's first item.
_ADORNMENT = re.compile(r"([!-/:-@\[-`{-~])\1* *\Z")
_ENUMERATOR = re.compile(r"(?:[a-zA-Z]|[ivxlcdm]+|[IVXLCDM]+)[.)](?: |\Z)")
_ROLE_START = re.compile(r":(?P<name>[a-z]+(?::[a-z]+)*):`")
_INLINE = re.compile(
    r"(?P<role>:(?P<name>[a-z]+(?::[a-z]+)*):`(?P<content>[^`\n]+)`)"
    rf"|(?P<ref>\[(?P<label>[0-9]+|{SIMPLENAME})\]_)"
    r"|[`_]"
)
# Around inline markup: what may stand before it and after it (a subset of what docutils allows).
_BEFORE = frozenset(" (\n")
_AFTER = frozenset(" .,;!?)\n")


def flat_items(text: str, roles: Collection[str]) -> list[Item] | None:
    """The references, definitions and citation roles (named in ``roles``) of ``text`` in
    document order, or None when ``text`` holds anything else docutils would read as markup."""
    if _FOREIGN.search(text):
        return None
    lines = text.split("\n")
    starts = [0] * len(lines)
    for number in range(1, len(lines)):
        starts[number] = starts[number - 1] + len(lines[number - 1]) + 1
    items: list[Item] = []
    number = 0
    while number < len(lines):
        line = lines[number]
        if not line.strip(" "):
            number += 1
        elif line.startswith(".."):
            number = _definition(text, lines, starts, number, roles, items)
        elif _opens_paragraph(line, roles):
            number = _paragraph(text, lines, starts, number, roles, items)
        else:
            return None
        if number < 0:
            return None
    return items


def _opens_paragraph(line: str, roles: Collection[str]) -> bool:
    """Whether docutils reads a block that opens with ``line`` as a paragraph: it starts with a
    letter and no list item, or with a citation role (which no field list can start with)."""
    if line[:1].isalpha():
        return _ENUMERATOR.match(line) is None
    role = _ROLE_START.match(line)
    return role is not None and role.group("name") in roles


def _paragraph(text: str, lines: list[str], starts: list[int], number: int, roles: Collection[str], items: list[Item]) -> int:
    """Read the paragraph at the margin from line ``number``; the line after it, or -1."""
    end = number + 1
    while end < len(lines) and lines[end].strip(" "):
        if lines[end][0] == " ":
            return -1  # a definition list, or unexpected indentation
        end += 1
    if not _plain_lines(lines[number:end]):
        return -1
    for line in range(number, end):
        if not _inline(text, starts[line], starts[line] + len(lines[line]), roles, items):
            return -1
    return end


def _definition(text: str, lines: list[str], starts: list[int], number: int, roles: Collection[str], items: list[Item]) -> int:
    """Read the footnote or citation of one paragraph at line ``number`` (its text begun on the
    label's line, continued on lines indented alike); the line after it, or -1."""
    line = lines[number]
    found = _DEFINITION.match(line)
    if found is None or not _opens_paragraph(line[found.end() :], roles):
        return -1
    end, indent = number + 1, 0
    while end < len(lines) and lines[end][:1] == " " and lines[end].strip(" "):
        this = len(lines[end]) - len(lines[end].lstrip(" "))
        if indent and this != indent:
            return -1
        indent, end = this, end + 1
    if end < len(lines) and lines[end].strip(" ") and not lines[end].startswith(".."):
        return -1  # the explicit markup ends without a blank line
    body = [line[found.end() :], *(lines[n][indent:] for n in range(number + 1, end))]
    if not _plain_lines(body):
        return -1
    items.append(Definition(found.group("label"), starts[number] + found.start("label")))
    segments = [(starts[number] + found.end(), starts[number] + len(line))]
    segments += [(starts[n] + indent, starts[n] + len(lines[n])) for n in range(number + 1, end)]
    if not all(_inline(text, start, stop, roles, items) for start, stop in segments):
        return -1
    return end


def _plain_lines(lines: list[str]) -> bool:
    """Whether the lines of a paragraph stay one paragraph of text: no line after the first
    reads as a title's underline or opens explicit markup, and it does not end with ``::``
    (a literal block follows)."""
    if any(_ADORNMENT.match(line) or line.lstrip(" ").startswith("..") for line in lines[1:]):
        return False
    return not lines[-1].rstrip(" ").endswith("::")


def _inline(text: str, start: int, end: int, roles: Collection[str], items: list[Item]) -> bool:
    """Add the references and citation roles in ``text[start:end]`` (a line of a paragraph);
    False when it holds inline markup the scanner does not follow."""
    for found in _INLINE.finditer(text, start, end):
        at, after = found.start(), found.end()
        kind = found.lastgroup
        if kind is None:  # a backtick outside a role, an underscore outside a word
            if text[at] == "`" or not (at > start and after < end and text[at - 1].isalnum() and text[after].isalnum()):
                return False
            continue
        if (at > 0 and text[at - 1] not in _BEFORE) or (after < len(text) and text[after] not in _AFTER):
            return False
        if kind == "ref":
            items.append(Reference(found.group("label"), at, after))
            continue
        content = found.group("content")
        if found.group("name") not in roles or content[0] == " " or content[-1] == " ":
            return False
        items.append(Role(found.group(), content, at))
    return True
