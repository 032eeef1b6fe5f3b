"""Pandoc citation keys in Markdown prose: ``[@key]``, ``[see @a, p. 3; @b]``, ``[-@key]``, ``@key``.

The rules follow Pandoc's Markdown reader (``citeKey`` and ``simpleCiteIdentifier``):

* a key follows ``@`` (or ``-@``, which suppresses the author) that does not come right after a
  letter or digit, so ``name@example.org`` is an e-mail address, not a citation; ``\\@`` is escaped;
* a key starts with a letter, digit or ``_`` and goes on with letters, digits, ``_`` and single
  internal punctuation characters ``:.#$%&-+?<>~/`` (each must be followed by a letter, digit or
  ``_``), so a sentence-final period is not part of the key and ``@a--b`` cites ``a``;
* ``@{...}`` braces a key that breaks those rules; the braces are not part of it;
* Quarto's (``@fig-x``) and pandoc-crossref's (``@fig:x``) cross-references are not citations;
* ``[...]`` is a citation group when each of its ``;``-separated items holds a key; the text after
  an item's key starts with its locator (``, p. 3``, ``, chap. 2``, ``, 33-35``, ``{ii, A}``); a
  bare ``@key`` may be followed by ``[p. 4]``, its locator, when that bracket holds no key.

Which text is prose is the caller's business: it passes the ranges to leave out (code spans,
inline HTML, link destinations). Bare URLs are left out here.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from citecheck.patterns import OnFirstUse

__all__ = ["KeyUse", "find_citation_keys", "find_nocite_keys", "is_cross_reference", "parse_locator"]


class KeyUse(NamedTuple):
    """A citation key found in a text: the key, its offsets (braces and ``@`` excluded), its locator.
    A named tuple: a text may cite a key a paragraph, and one is made in a third of the time."""

    key: str
    start: int
    end: int
    locator: str | None = None


# Stands in for masked text: not a letter, digit, bracket, ``@`` or separator, so it neither
# starts nor blocks a key and keeps every offset.
_OPAQUE = "\ufffc"

# A bare URL starts a word (so ``@https://doi.org/x`` stays a key and ``@a.www.b`` one key).
_URL = re.compile(r"(?<![^\s(\[<\"'*_])(?:(?:https?|ftp|file)://|www\.)[^\s<>\[\]]+", re.IGNORECASE)
_URL_HINT = re.compile(r"://|www\.", re.IGNORECASE)  # what every bare URL holds

_KEY = re.compile(
    r"@(?:\{(?P<braced>[^{}\s]+)\}"
    r"|(?P<plain>\w(?:\w|[:.#$%&\-+?<>~/](?=\w)|[:/](?=/))*))"
)

_QUARTO_KINDS = (
    "fig tbl lst sec eq thm lem cor prp cnj def exm exr sol rem tip nte wrn imp cau"
).split()
_CROSSREF = re.compile(
    r"(?:" + "|".join(_QUARTO_KINDS) + r")-|(?:fig|sec|tbl|eq|lst):",
    re.IGNORECASE,
)

# Locator terms as CSL and Pandoc know them, abbreviated and in full.
_TERMS = (
    r"pp?\.|pages?\b|ch\.|chaps?\.|chapters?\b|§§?|¶¶?|vols?\.|volumes?\b|nos?\.|numbers?\b"
    r"|nn?\.|notes?\b|ll?\.|lines?\b|secs?\.|sections?\b|figs?\.|figures?\b|cols?\.|columns?\b"
    r"|fols?\.|folios?\b|pts?\.|parts?\b|paras?\.|paragraphs?\b|bks?\.|books?\b|vv?\.|verses?\b"
    r"|opp?\.|s\.\s?vv?\.|sub verbo\b"
)
_NUMBER = r"(?:\d+(?:[.:]\d+)*(?:ff?\.|[a-z](?![a-z]))?|[ivxlcdm]+\b|[IVXLCDM]+\b)"
_RANGE = rf"{_NUMBER}(?:\s*[-–—]+\s*{_NUMBER})?"
_LOCATOR = re.compile(
    rf"\s*,?\s*(?:\{{(?P<braced>[^{{}}]*)\}}"
    rf"|(?P<term>(?i:{_TERMS}))?\s*(?P<value>{_RANGE}(?:\s*,\s*{_RANGE}(?![\w.]))*))",
)


def is_cross_reference(key: str) -> bool:
    """True for a Quarto (``fig-x``) or pandoc-crossref (``fig:x``) label, which is not a citation."""
    return _CROSSREF.match(key) is not None


def parse_locator(suffix: str) -> str | None:
    """The locator at the start of the text that follows a key (``", pp. 33-35 and passim"``).

    A value without a term must start with a digit (``, 33``); with a term it may be a roman
    numeral (``p. xii``). Braces give any locator as written (``{pp. iv, vi-xi}``).
    """
    match = _LOCATOR.match(suffix)
    if match is None:
        return None
    if match.group("braced") is not None:
        return _collapse(match.group("braced")) or None
    value = match.group("value")
    if match.group("term") is None and not value[0].isdigit():
        return None
    return _collapse(suffix[match.start("term") if match.group("term") else match.start("value") : match.end()])


def _collapse(text: str) -> str:
    return " ".join(text.split())


def find_citation_keys(text: str, masked: Iterable[tuple[int, int]] = ()) -> tuple[KeyUse, ...]:
    """Every citation key in ``text`` with its exact offsets and locator, in order.

    ``masked`` are ``(start, end)`` ranges that are not prose (code spans, inline HTML, link
    destinations); nothing in them is read. Bare URLs are masked here.
    """
    if "@" not in text:
        return ()
    work = _mask(text, masked)
    bracketed = "[" in work  # else no citation group and no bracket after a bare key: no locator
    found: list = []  # KeyUse, or with brackets (offset of "@", of the key, past the key, past a brace, key)
    for match in _KEY.finditer(work):
        at, name = match.start(), match.lastgroup
        if at and not _starts_citation(work, at):
            continue
        key = match.group(name)
        if ("-" in key or ":" in key) and is_cross_reference(key):  # a cross-reference's kind ends so
            continue
        start, end = match.span(name)
        found.append((at, start, end, match.end(), key) if bracketed else KeyUse(key, start, end))
    if not bracketed or not found:
        return tuple(found)
    pairs = _bracket_pairs(work)
    locators = _locators(work, [(at, after) for at, _, _, after, _ in found], pairs)
    return tuple([KeyUse(key, start, end, locators.get(at)) for at, start, end, _, key in found])


# A YAML ``nocite:`` field: its value on the same line and on the more indented lines below.
_NOCITE_FIELD = OnFirstUse(re.compile, r"^nocite:(?P<value>.*(?:\n[ \t]+\S.*)*)", re.MULTILINE)
_NOCITE_KEY = OnFirstUse(re.compile, r"(?<![\w@])@(?:(?P<all>\*)|" + _KEY.pattern[1:] + ")")


def find_nocite_keys(front_matter: str) -> tuple[KeyUse, ...]:
    """The keys listed in the ``nocite`` field of YAML front matter; ``@*`` gives the key ``*``.

    Pandoc adds these entries to the bibliography without citing them in the text.
    """
    found = []
    for field in _NOCITE_FIELD.finditer(front_matter):
        for match in _NOCITE_KEY.finditer(front_matter, field.start("value"), field.end("value")):
            name = next(n for n in ("all", "braced", "plain") if match.group(n) is not None)
            found.append(KeyUse(match.group(name), match.start(name), match.end(name)))
    return tuple(found)


def _mask(text: str, masked: Iterable[tuple[int, int]]) -> str:
    if not masked and not _URL_HINT.search(text):  # the URL pattern tries each character
        return text
    urls = _URL.finditer(text) if _URL_HINT.search(text) else ()
    ranges = [*masked, *((m.start(), m.end()) for m in urls)]
    if not ranges:
        return text
    chars = list(text)
    for start, end in ranges:
        for position in range(max(0, start), min(end, len(chars))):
            if chars[position] != "\n":
                chars[position] = _OPAQUE
    return "".join(chars)


def _starts_citation(work: str, at: int) -> bool:
    """Whether the ``@`` at ``at`` may open a citation: not after a letter or digit, not escaped."""
    before = at - 1 if at > 0 and work[at - 1] == "-" else at
    if before == 0:
        return True
    previous = work[before - 1]
    return not previous.isalnum() and not _escaped(work, before)


def _escaped(work: str, position: int) -> bool:
    """Whether an odd number of backslashes stands right before ``position``."""
    slashes = 0
    while position - slashes > 0 and work[position - slashes - 1] == "\\":
        slashes += 1
    return slashes % 2 == 1


def _bracket_pairs(work: str) -> list[tuple[int, int]]:
    """Matched ``[`` ``]`` pairs (offsets of both brackets), innermost first."""
    pairs: list[tuple[int, int]] = []
    stack: list[int] = []
    for position in _brackets(work):
        if work[position] == "[":
            stack.append(position)
        elif stack:
            pairs.append((stack.pop(), position))
    return pairs


def _brackets(work: str) -> Iterator[int]:
    """Offsets of the unescaped ``[`` and ``]`` in ``work``."""
    for match in _BRACKET.finditer(work):
        if not _escaped(work, match.start()):
            yield match.start()


_BRACKET = re.compile(r"[\[\]]")


def _items(work: str, opened: int, closed: int, closing: dict[int, int]) -> list[tuple[int, int]]:
    """The ``;``-separated items of a bracket's content; nested brackets are stepped over whole."""
    bounds = [opened + 1]
    position = opened + 1
    while match := _ITEM_SEPARATOR.search(work, position, closed):
        position = match.end()
        if match.group() == ";":
            bounds.append(position)
        elif match.start() in closing:
            position = closing[match.start()] + 1
    bounds.append(closed + 1)
    return [(bounds[k], bounds[k + 1] - 1) for k in range(len(bounds) - 1)]


_ITEM_SEPARATOR = re.compile(r"[;\[]")


def _locators(
    work: str, keys: list[tuple[int, int]], pairs: list[tuple[int, int]]
) -> dict[int, str | None]:
    """The locator of each key, by the offset of its ``@``: from its citation group or a following bracket.

    ``keys`` are ``(offset of "@", offset past the key)`` in text order.
    """
    starts = [at for at, _ in keys]
    closing = dict(pairs)
    locators: dict[int, str | None] = {}
    grouped: set[int] = set()
    for opened, closed in pairs:  # innermost first: a key belongs to the innermost bracket
        if opened > 0 and work[opened - 1] == "^":
            continue  # an inline note, not a citation group
        first, last = bisect.bisect_right(starts, opened), bisect.bisect_left(starts, closed)
        inside = [keys[k] for k in range(first, last) if keys[k][0] not in grouped]
        if not inside:
            continue
        firsts = _first_key_of_each(inside, _items(work, opened, closed, closing))
        if firsts is None:
            continue  # not a citation group: its keys are bare
        for (at, end), item_end in firsts:
            locators[at] = parse_locator(work[end:item_end])
        grouped.update(at for at, _ in inside)
    for at, end in keys:
        if at in grouped:
            continue
        following = _following_bracket(work, end, closing)
        if following is None:
            continue
        if bisect.bisect_right(starts, following[0]) == bisect.bisect_left(starts, following[1]):  # holds no key
            locators[at] = parse_locator(work[following[0] + 1 : following[1]])
    return locators


def _first_key_of_each(
    keys: list[tuple[int, int]], items: list[tuple[int, int]]
) -> list[tuple[tuple[int, int], int]] | None:
    """Each item's first key with the item's end, or None when an item holds no key."""
    firsts = []
    k = 0
    for start, end in items:
        while k < len(keys) and keys[k][0] < start:
            k += 1
        if k == len(keys) or keys[k][0] >= end:
            return None
        firsts.append((keys[k], end))
    return firsts


_GAP = OnFirstUse(re.compile, r"[ \t]*\n?[ \t]*")


def _following_bracket(work: str, end: int, closing: dict[int, int]) -> tuple[int, int] | None:
    """The bracket pair right after a bare key (``@key [p. 4]``), unless it is a link (``](``, ``][``)."""
    gap = _GAP.match(work, end)
    opened = gap.end() if gap else end
    closed = closing.get(opened)
    if closed is None or (closed + 1 < len(work) and work[closed + 1] in "(["):
        return None
    return opened, closed
