"""Loading a ``.bib`` file: a fast splitter with exact offsets, bibtexparser where it is unsure.

How it works
------------
1. Every block start (``@type{`` or ``@type(``, exactly as bibtexparser's splitter defines it) is
   found with one regular expression. Those at the start of a line (after blanks) are *hard
   boundaries*: bibtexparser abandons an unclosed block there, and so do we, so one broken entry
   never swallows the rest of the file. Each block is read up to the next hard boundary at most.
2. An entry (in braces or round brackets) is read by one expression (``_ENTRY_PART``): the key,
   then fields ``name = value`` whose value is a braced text (five levels of nesting), a quoted text, a number
   or a macro, or a ``#`` concatenation of those; blanks and ``%`` comment lines may stand between
   the parts (biber reads them; bibtexparser does not) and a repeated field is kept. It is read
   in one pass: its head with its first field, then each field in turn and its close (matched
   where the last field ended); each field's record is made as it is found.
   ``@string``, ``@preamble`` and ``@comment`` have expressions of their own. Text between blocks
   becomes implicit comments, as in bibtexparser.
3. A block the expressions do not take (a key with odd characters, deeper braces, a ``"`` inside
   braces inside quotes, junk between fields, an unclosed block ...) goes to the slow path, on
   that block's text only:

   * bibtexparser's own splitter reads it, and so does a small recursive-descent reader of ours
     (``_Walker``: BibTeX's grammar as biber reads it, ``%`` comments, round brackets, braces
     counted inside quotes). bibtexparser's reading is taken, unless the block has ``%`` comment
     lines (bibtexparser glues them to the next field's name) or our reader reads further
     (bibtexparser ends a quoted value at a ``"`` inside braces and leaves the rest as a comment);
   * if neither can read it, the block becomes a :class:`~citecheck.bib.model.BibFailure`, from
     its ``@`` to its closing delimiter (or where bibtexparser gave up), with our reader's message
     saying what was expected where, and a bibtexparser ``ParsingFailedBlock`` for the library.

Nothing raises for bad input: bytes that are not UTF-8 are read as cp1252 and reported through
``SourceFile.decode_problem``, and bibtexparser's own exceptions become failures.

Values
------
``BibField.raw`` is the value as written; ``BibField.value`` interpolates ``@string`` macros
(case-insensitive; a field sees every @string of the file, the last definition winning, as in
bibtexparser; an @string sees those defined before it, as in BibTeX; the few entries that use a
macro before a later @string are valued again at the end), joins ``#`` concatenations
and removes the outer braces or quotes. ``jan`` ... ``dec`` are predefined as the English month
names, as in BibTeX's standard styles, unless the file defines them. An undefined macro stays as
written. A brace preceded by a backslash does not count, as in bibtexparser.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from operator import itemgetter
from types import MappingProxyType
from typing import Any

from citecheck.bib.model import (
    BibComment,
    BibEntry,
    BibFailure,
    BibField,
    Bibliography,
    BibPreamble,
    BibString,
    MacroRef,
)
from citecheck.collector import collector_paused
from citecheck.patterns import OnFirstUse
from citecheck.source import SourceFile, Span, read_source

__all__ = [
    "MONTHS",
    "interpret_value",
    "load_bibliography",
    "macro_refs",
    "parse_bibliography",
]

MONTHS: dict[str, str] = {
    "jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
    "jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November",
    "dec": "December",
}  # fmt: skip


def load_bibliography(
    path: Path, display_path: str | None = None, macros: Mapping[str, str] | None = None
) -> Bibliography:
    """Read ``path`` (any encoding: see :func:`citecheck.source.decode`) and parse it.

    OSError propagates (the caller reports an unreadable file); nothing else does.
    """
    return parse_bibliography(read_source(path, display_path), macros)


def parse_bibliography(source: SourceFile, macros: Mapping[str, str] | None = None) -> Bibliography:
    """Every block of ``source`` with exact positions. Never raises for bad input.

    ``macros`` are the @strings of the files read before this one (BibTeX reads
    ``\\bibliography{a,b}`` as one text, so ``b.bib`` may use a macro ``a.bib`` defines).
    """
    with collector_paused():  # the scan makes many objects and no garbage
        return _Scanner(source, macros).run()


# --------------------------------------------------------------------------------------------
# Patterns. A brace preceded by a backslash does not count (bibtexparser's convention).

_START = re.compile(r"@(\w*)[ \t]*([{(])")
_WS = r"\s*+(?:%[^\n]*+\s*+)*+"  # blanks and % comment lines
_NAME = r"[^\s,{}()\"=#%@\\]++"


def _inside_braces(depth: int, in_quotes: bool = False) -> str:
    """What stands between a ``{`` and its ``}``: groups nested up to ``depth`` levels inside;
    ``in_quotes``: no bare ``"``."""
    plain = r'[^{}\\"]*+' if in_quotes else r"[^{}\\]*+"
    escape = r'\\[{}"]?' if in_quotes else r"\\[{}]?"
    inside = rf"{plain}(?:{escape}{plain})*+"
    for _ in range(depth):
        inside = rf"{plain}(?:(?:{escape}|\{{{inside}\}}){plain})*+"
    return inside


def _braced(depth: int, in_quotes: bool = False) -> str:
    """``{...}`` with up to ``depth`` nested levels; ``in_quotes``: no bare ``"`` inside."""
    return rf"\{{{_inside_braces(depth, in_quotes)}\}}"


_BRACED = _braced(4)
_QUOTED = r'"[^"{}\\]*+(?:(?:\\"?|\{"\}|' + _braced(3, in_quotes=True) + r')[^"{}\\]*+)*+"'
_BARE = r"[^\s,{}()\"#%=@\\]++"
_PIECE = rf"(?:{_BRACED}|{_QUOTED}|{_BARE})"
_VALUE = rf"{_PIECE}(?:\s*+\#\s*+{_PIECE})*+"
_CONTENT = _inside_braces(5)

# An entry (in braces or round brackets) whose key and fields the fast path knows, read in one
# pass by one expression per opening delimiter: at the entry's start its head (group 1 the key)
# with the first field or the close, then where the last field ended the next field or the close
# (group 1 unmatched). A field: group 2 the name; group 3 what stands inside the braces of a value
# that is one text in braces, the common case, else group 4 the value as written; the close has
# no group. One match per field and one for the close, as a field is tried before the close.


def _entry_part(opener: str, closer: str) -> str:
    head = rf"@\w*[ \t]*{opener}{_WS}({_NAME})"
    field = rf"({_NAME})\s*+=\s*+(?:\{{({_inside_braces(4)})\}}(?!\s*+\#)|({_VALUE}))"
    return rf"(?:{head}|){_WS}(?:,{_WS}(?:{field}|{closer})|{closer})"  # (a branch: tried at the '@' only)


# Entries in round brackets are rare: their pattern is compiled for the first file that has one.
_ENTRY_PART = {"{": re.compile(_entry_part(r"\{", r"\}")), "(": OnFirstUse(re.compile, _entry_part(r"\(", r"\)"))}
# @string and @comment/@preamble blocks: large patterns, compiled for the first file that has one.
_STRING_BLOCK = OnFirstUse(re.compile, rf"@\w*[ \t]*\{{({_WS})({_NAME})(\s*+=\s*+)({_VALUE})({_WS})\}}")
_CONTENT_BLOCK = OnFirstUse(re.compile, rf"@\w*[ \t]*\{{({_CONTENT})\}}")
# Patterns for what a well-formed entry never needs (a commented-out line, a runaway value,
# nested or unbalanced braces, bare words and macros), compiled for the first file that has it.
_COMMENT_LINE = OnFirstUse(re.compile, r"^[^\S\n]*%", re.MULTILINE)
_RUNAWAY = OnFirstUse(re.compile, r"\n[^\S\n]*[\w-]+[^\S\n]*=")  # a line that starts like a field
_BRACE = OnFirstUse(re.compile, r"(?<!\\)[{}]")
_BRACE_OR_QUOTE = OnFirstUse(re.compile, r'(?<!\\)[{}"]')
_BRACE_OR_PAREN = OnFirstUse(re.compile, r"(?<!\\)[{})]")
_BARE_WORD = OnFirstUse(re.compile, r'[^\s#{}",=%]+')
_BLANKS = OnFirstUse(re.compile, r"\s*+")
# Fields whose values many entries share (venues, publishers, dates, numbers): held once each.
_SHARED_VALUES = frozenset(
    "journal journaltitle booktitle publisher address location school institution organization series "
    "year month volume number type language edition".split()
)
_NOT_BLANK = re.compile(r"[^\s\ufeff](?:.*[^\s\ufeff])?", re.DOTALL)  # a text without blanks and BOMs at its ends


def _kind(entry_type: str) -> str:
    """bibtexparser's rule: the type *starts with* comment, preamble or string."""
    if entry_type.startswith("comment"):
        return "comment"
    if entry_type.startswith("preamble"):
        return "preamble"
    if entry_type.startswith("string"):
        return "string"
    return "entry"


def _blank(chunk: str) -> bool:
    """Only white space and byte-order marks (a file made by joining files keeps their BOMs)."""
    return chunk.isspace() or not chunk.replace("\ufeff", " ").strip()


# --------------------------------------------------------------------------------------------
# Values


def _brace_end(text: str, start: int, end: int) -> int:
    """Offset of the ``}`` matching the ``{`` at ``start``, or -1 before ``end``."""
    depth = 0
    for mark in _BRACE.finditer(text, start, end):
        if mark.group() == "{":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return mark.start()
    return -1


def _quote_end(text: str, start: int, end: int) -> int:
    """Offset of the ``"`` closing the quote at ``start`` (braces inside count), or -1."""
    depth = 0
    for mark in _BRACE_OR_QUOTE.finditer(text, start + 1, end):
        char = mark.group()
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        elif depth == 0:
            return mark.start()
    return -1


class _Braces:
    """Where each brace of a text closes, found in one pass on first use (the slow path only).

    The slow reader asks again and again where a brace or a quote closes; counting braces up to
    the limit each time would make a file of unclosed blocks quadratic (``@{`` repeated). With
    this table each answer costs the braces skipped at depth 0, which lie inside the block.
    """

    __slots__ = ("text", "closing")

    def __init__(self, text: str) -> None:
        self.text = text
        closing: dict[int, int] = {}
        open_braces: list[int] = []
        for mark in _BRACE.finditer(text):
            if mark.group() == "{":
                open_braces.append(mark.start())
            elif open_braces:
                closing[open_braces.pop()] = mark.start()
        self.closing = closing

    def brace_end(self, start: int, limit: int) -> int:
        """:func:`_brace_end`: the ``}`` matching the ``{`` at ``start``, or -1 before ``limit``."""
        close = self.closing.get(start, -1)
        return close if close < limit else -1

    def first_at_depth_zero(self, pattern: re.Pattern[str], position: int, limit: int) -> re.Match[str] | None:
        """The first mark of ``pattern`` (braces and the wanted characters) from ``position`` that
        is not inside a group; a ``{`` not closed before ``limit`` hides everything after it."""
        while (mark := pattern.search(self.text, position, limit)) is not None:
            if mark.group() != "{":
                return mark
            close = self.brace_end(mark.start(), limit)
            if close < 0:
                return None
            position = close + 1
        return None

    def quote_end(self, start: int, limit: int) -> int:
        """:func:`_quote_end`: the ``"`` closing the quote at ``start`` (a ``}`` outside any group
        does not count), or -1."""
        position = start + 1
        while (mark := self.first_at_depth_zero(_BRACE_OR_QUOTE, position, limit)) is not None:
            if mark.group() == '"':
                return mark.start()
            position = mark.end()
        return -1


def interpret_value(
    raw: str, lookup: Callable[[str], str | None]
) -> tuple[str, list[tuple[str, int, int]], str | None]:
    """Interpolate a value as written: ``(value, macro references, problem)``.

    Pieces in braces or quotes lose their delimiters, numbers stay, other bare words are macros
    (``lookup`` gets the lower-cased name; an undefined macro stays as written), and ``#`` joins
    pieces. Macro references are ``(name, start, end)`` offsets into ``raw``. ``problem`` is None
    for a well-formed value; otherwise what was wrong, and the value is a best effort that loses
    no text.
    """
    parts: list[str] = []
    refs: list[tuple[str, int, int]] = []
    length = len(raw)
    position = _BLANKS.match(raw).end()
    if position >= length:
        return "", refs, "the value is empty"
    while True:
        char = raw[position]
        if char == "{":
            close = _brace_end(raw, position, length)
            if close < 0:
                parts.append(raw[position + 1 :])
                return "".join(parts), refs, "unbalanced braces: a '{' is never closed"
            parts.append(raw[position + 1 : close])
            position = close + 1
        elif char == '"':
            close = _quote_end(raw, position, length)
            if close < 0:
                parts.append(raw[position + 1 :])
                return "".join(parts), refs, "a '\"' is never closed"
            parts.append(raw[position + 1 : close])
            position = close + 1
        else:
            word = _BARE_WORD.match(raw, position)
            if word is None:
                parts.append(raw[position:])
                return "".join(parts), refs, f"unexpected {char!r} in the value"
            text = word.group()
            if text.isdigit() and text.isascii():
                parts.append(text)
            else:
                name = text.lower()
                refs.append((name, position, word.end()))
                found = lookup(name)
                parts.append(text if found is None else found)
            position = word.end()
        after = _BLANKS.match(raw, position).end()
        if after >= length:
            return "".join(parts), refs, None
        if raw[after] != "#":
            parts.append(raw[position:])
            return "".join(parts), refs, f"text after the value: {raw[after:after + 20]!r} (a missing '#' or ','?)"
        position = _BLANKS.match(raw, after + 1).end()
        if position >= length:
            return "".join(parts), refs, "nothing after '#'"


# --------------------------------------------------------------------------------------------
# The slow reader: BibTeX's grammar as biber reads it, for blocks the fast path did not take and
# bibtexparser could not read, and to say what was expected where a block cannot be read.


class _Stop(Exception):
    def __init__(self, offset: int, message: str) -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message


@dataclasses.dataclass
class _Walked:
    kind: str
    entry_type: str
    start: int
    end: int
    key: str = ""
    key_start: int = 0
    fields: list[tuple[int, int, int, int]] = dataclasses.field(default_factory=list)
    content: tuple[int, int] = (0, 0)


class _Walker:
    def __init__(self, text: str, index: Any, limit: int, braces: _Braces) -> None:
        self.text = text
        self.limit = limit
        self.index = index
        self.braces = braces

    def where_limit(self) -> str:
        if self.limit >= len(self.text):
            return "before the end of the file"
        return f"before the next block at line {self.index.line_col(self.limit)[0]}"

    def found(self, position: int) -> str:
        """What stands at ``position``, for a message."""
        char = self.char(position)
        return f"found {char!r}" if char else self.where_limit()

    def skip(self, position: int) -> int:
        """Blanks and % comment lines."""
        text, limit = self.text, self.limit
        while position < limit:
            char = text[position]
            if char.isspace():
                position += 1
            elif char == "%":
                newline = text.find("\n", position, limit)
                position = limit if newline < 0 else newline + 1
            else:
                break
        return position

    def char(self, position: int) -> str:
        return self.text[position] if position < self.limit else ""

    def run(self, start: int) -> _Walked:
        text = self.text
        head = _START.match(text, start)
        assert head is not None
        entry_type = head.group(1).lower()
        close = "}" if head.group(2) == "{" else ")"
        kind = _kind(entry_type)
        position = head.end()
        label = f"@{head.group(1)}{head.group(2)}"
        if kind == "comment":
            end = self.balanced(position, close, label)
            return _Walked(kind, entry_type, start, end + 1, content=(position, end))
        if kind == "preamble":
            position = self.skip(position)
            value_start = position
            value_end, position = self.value(position, close, "the @preamble")
            if self.char(position) != close:
                raise _Stop(position, f"expected '{close}' to close the @preamble")
            return _Walked(kind, entry_type, start, position + 1, content=(value_start, value_end))
        if kind == "string":
            position = self.skip(position)
            name_start = position
            position = self.name(position, close)
            if position == name_start:
                raise _Stop(position, f"expected a macro name after '{label}'")
            name = text[name_start:position]
            position = self.skip(position)
            if self.char(position) != "=":
                raise _Stop(position, f"expected '=' after the macro name '{name}'")
            position = self.skip(position + 1)
            value_start = position
            value_end, position = self.value(position, close, f"the macro '{name}'")
            if self.char(position) != close:
                raise _Stop(position, f"expected '{close}' after the value of the macro '{name}'")
            walked = _Walked(kind, entry_type, start, position + 1, key=name, key_start=name_start)
            walked.fields.append((name_start, name_start + len(name), value_start, value_end))
            return walked
        # An entry.
        position = self.skip(position)
        key_start = position
        while position < self.limit:
            char = text[position]
            if char.isspace() or char in ',{}"=#%' or char == close:
                break
            position += 1
        key = text[key_start:position]
        if not key:
            raise _Stop(key_start, f"expected a citation key after '{label}', {self.found(key_start)}")
        after_key = self.skip(position)
        if self.char(after_key) == "=":
            raise _Stop(key_start, f"expected a citation key after '{label}', found a field ('{key} = ...')")
        walked = _Walked(kind, entry_type, start, 0, key=key, key_start=key_start)
        position = self.skip(position)
        char = self.char(position)
        if char == close:
            walked.end = position + 1
            return walked
        if char != ",":
            raise _Stop(position, f"expected ',' after the key '{key}', {self.found(position)}")
        while True:
            position = self.skip(position + 1)
            if self.char(position) == close:
                walked.end = position + 1
                return walked
            name_start = position
            position = self.name(position, close)
            if position == name_start:
                raise _Stop(position, f"expected a field name or '{close}' in entry '{key}', {self.found(position)}")
            name = text[name_start:position]
            position = self.skip(position)
            if self.char(position) != "=":
                raise _Stop(position, f"expected '=' after field '{name}', {self.found(position)}")
            position = self.skip(position + 1)
            value_start = position
            value_end, position = self.value(position, close, f"field '{name}'")
            walked.fields.append((name_start, name_start + len(name), value_start, value_end))
            char = self.char(position)
            if char == ",":
                continue
            if char == close:
                walked.end = position + 1
                return walked
            runaway = _RUNAWAY.search(text, value_start, value_end) if text[value_start] == "{" else None
            if runaway is not None:
                raise _Stop(
                    value_start,
                    f"the value of field '{name}' runs on into the next field at line "
                    f"{self.index.line_col(runaway.start() + 1)[0]}: is a '}}' missing in it? "
                    f"(then expected ',' or '{close}' after it, {self.found(position)})",
                )
            raise _Stop(position, f"expected ',' or '{close}' after field '{name}', {self.found(position)}")

    def name(self, position: int, close: str) -> int:
        text = self.text
        while position < self.limit:
            char = text[position]
            if char.isspace() or char in ',{}"=#%()' or char == close:
                break
            position += 1
        return position

    def balanced(self, position: int, close: str, label: str) -> int:
        """Offset of ``close`` at brace depth 0 from ``position`` (after an opening delimiter)."""
        pattern = _BRACE if close == "}" else _BRACE_OR_PAREN
        while (mark := self.braces.first_at_depth_zero(pattern, position, self.limit)) is not None:
            if mark.group() == close:
                return mark.start()
            position = mark.end()
        raise _Stop(self.limit, f"expected '{close}' to close '{label}' {self.where_limit()}")

    def value(self, position: int, close: str, label: str) -> tuple[int, int]:
        """(end of the value, position after the blanks that follow it)."""
        text, limit = self.text, self.limit
        while True:
            char = self.char(position)
            if char == "{":
                end = self.braces.brace_end(position, limit)
                if end < 0:
                    line, column = self.index.line_col(position)
                    raise _Stop(
                        position,
                        f"unbalanced braces in {label}: the '{{' at line {line}, column {column} "
                        f"is never closed {self.where_limit()}",
                    )
                position = end + 1
            elif char == '"':
                end = self.braces.quote_end(position, limit)
                if end < 0:
                    line, column = self.index.line_col(position)
                    raise _Stop(
                        position,
                        f"the '\"' opening {label} at line {line}, column {column} is never closed "
                        f"{self.where_limit()}",
                    )
                position = end + 1
            else:
                start = position
                while position < limit:
                    char = text[position]
                    if char.isspace() or char in ',#{}"=%' or char == close:
                        break
                    position += 1
                if position == start:
                    raise _Stop(position, f"expected a value for {label}, {self.found(position)}")
            end = position
            position = self.skip(position)
            if self.char(position) != "#":
                return end, position
            position = self.skip(position + 1)


# --------------------------------------------------------------------------------------------
# bibtexparser on one block


def _bibtexparser_first_block(segment: str) -> Any:
    """bibtexparser's splitter on ``segment``; its first block (or the exception it raised)."""
    import logging  # bibtexparser's own logging, imported with it

    from bibtexparser.splitter import Splitter

    splitter_log = logging.getLogger("bibtexparser.splitter")
    disabled = splitter_log.disabled
    splitter_log.disabled = True  # it logs every failed block as a warning; we report them ourselves
    try:
        library = Splitter(segment).split()
    except Exception as error:  # a bug in bibtexparser must not stop a check
        return error
    finally:
        splitter_log.disabled = disabled
    for block in library.blocks:
        return block
    return None


def _block_end(braces: _Braces, start: int, limit: int) -> int:
    """The offset after the delimiter closing the block at ``start``, or -1 before ``limit``."""
    head = _START.match(braces.text, start)
    if head.group(2) == "{":
        close = braces.brace_end(head.end() - 1, limit)
        return close + 1 if close >= 0 else -1
    mark = braces.first_at_depth_zero(_BRACE_OR_PAREN, head.end(), limit)
    return mark.end() if mark is not None and mark.group() == ")" else -1



def _strip_comment_lines(name: str) -> str:
    """A field name as bibtexparser reads it after ``%`` comment lines: the comments removed."""
    if "%" not in name:
        return name
    return "\n".join(line for line in name.split("\n") if not line.lstrip().startswith("%")).strip()


# --------------------------------------------------------------------------------------------
# Fields


def _field(name: str, raw: str, offset: int, value_offset: int, macros: Mapping[str, str]) -> BibField:
    """A field a slow reader found, its value interpolated with ``macros``."""
    value, _, problem = interpret_value(raw, macros.get)
    return BibField.of(name.lower(), raw, value, offset, value_offset, problem)


def _uses_macros(item: BibField) -> bool:
    """Whether the field's value may depend on a macro (it is not one text in delimiters or a number)."""
    raw = item.written
    if raw is None:
        return False  # the value in braces
    return "#" in raw or not (raw[:1] in ('{', '"') or (raw.isdigit() and raw.isascii()))


def _valued_again(entry: BibEntry, macros: Mapping[str, str]) -> BibEntry:
    """``entry`` with the fields that use macros valued with ``macros`` (the file's final table)."""
    fields = tuple(
        _field(item.name, item.raw, item.offset, item.value_offset, macros) if _uses_macros(item) else item
        for item in entry.fields
    )
    return entry._replace(fields=fields)


def macro_refs(bibliography: Bibliography) -> tuple[MacroRef, ...]:
    """Every bare word used as a macro in a field, an @string or a @preamble, in file order."""
    macros = bibliography.macros
    found: list[MacroRef] = []

    def scan(raw: str, start: int, path: str) -> None:
        first = raw[:1]
        if "#" not in raw and (first in ("{", '"', "") or (raw.isdigit() and raw.isascii())):
            return
        for name, ref_start, ref_end in interpret_value(raw, macros.get)[1]:
            found.append(MacroRef(name, Span(path, start + ref_start, start + ref_end), name in macros))

    for block in bibliography.blocks:
        if isinstance(block, BibEntry):
            for item in block.fields:
                if item.written is not None:  # else the value in braces: no macro
                    scan(item.written, block.start + item.offset + item.value_offset, block.path)
        elif isinstance(block, BibString):
            scan(block.raw, block.value_span.start, block.span.path)
        elif isinstance(block, BibPreamble):
            stripped = block.raw.strip()
            if stripped:
                # The raw text ends just before the closing delimiter, the block's last character.
                content_start = block.span.end - 1 - len(block.raw)
                scan(stripped, content_start + len(block.raw) - len(block.raw.lstrip()), block.span.path)
    return tuple(found)


# --------------------------------------------------------------------------------------------
# The scanner


def _block_starts(text: str) -> list[tuple[int, str, str, bool]]:
    """Every block start, as (offset, type as written, opening delimiter, whether it begins its
    line: a hard boundary), but those on a line that starts with ``%``: biber reads such a line
    as a comment, so a commented-out entry (``%@article{old,`` and its ``%`` lines) is a comment,
    not a broken block or a second entry with its key. One look back per start, stopping at the
    start before it, so that a one-line file is scanned in linear time."""
    starts = []
    line_start, commented = -1, False
    previous = 0
    for mark in _START.finditer(text):
        start = mark.start()
        if start == 0 or text[start - 1] == "\n":  # the common case: the block begins its line
            line_start, commented, begins = start, False, True
        else:
            newline = text.rfind("\n", previous, start)
            if newline >= 0 or line_start < 0:
                line_start = newline + 1
                commented = _COMMENT_LINE.match(text, line_start) is not None
                begins = start == line_start or _blank(text[line_start:start])
            else:
                begins = False  # another block start stands before it on its line
        previous = start
        if not commented:
            written, delimiter = mark.groups()
            starts.append((start, written, delimiter, begins))
    return starts


def _limits(starts: list[tuple[int, str, str, bool]], length: int) -> list[int]:
    """Each block start's limit: the next hard boundary (a block start that begins a line)."""
    limits = [length] * len(starts)
    following = length
    for number in range(len(starts) - 1, -1, -1):
        limits[number] = following
        if starts[number][3]:
            following = starts[number][0]
    return limits


class _Scanner:
    def __init__(self, source: SourceFile, macros: Mapping[str, str] | None = None) -> None:
        self.source = source
        self.text = source.text
        self.path = source.path
        self.blocks: list[Any] = []
        self.entries: list[BibEntry] = []
        self.strings: list[BibString] = []
        self.preambles: list[BibPreamble] = []
        self.comments: list[BibComment] = []
        self.failures: list[BibFailure] = []
        self.macros: dict[str, str] = dict(MONTHS if macros is None else macros)
        # Entries (their places in ``blocks``) with a field valued through a macro, and whether
        # an @string came after one of them: then they are valued again with the final macros.
        self.macro_users: list[int] = []
        self.strings_after_use = False
        self.braces: _Braces | None = None  # built when the slow path is first taken
        # Each field name as written, lower-cased: one string per name however many fields.
        self.names: dict[str, str] = {}
        # One string for each number, macro name and value of the fields in _SHARED_VALUES
        # (journals, publishers, years ...), however many entries repeat it.
        self.shared: dict[str, str] = {}
        self.has_ids = False  # a field called ids: aliases to collect
        # Each block type as written: (lower-cased, one string however many blocks, its kind).
        self.types: dict[str, tuple[str, str]] = {}

    def run(self) -> Bibliography:
        """Read every block in file order, in one pass.

        An entry, the common case, is read here: its head, each field where the last one ended
        (its record made as it is found), then its close; the names of this loop are set once
        per file, not once per entry. A block the fast path does not take, and the other kinds,
        go to :meth:`special_or_slow`.
        """
        text, path, macros, names, types = self.text, self.path, self.macros, self.names, self.types
        shared = self.shared.setdefault
        blocks, entries, macro_users = self.blocks, self.entries, self.macro_users
        new_record = tuple.__new__  # a named tuple's own constructor, less a Python call per record
        shared_names = _SHARED_VALUES
        length = len(text)
        starts = _block_starts(text)
        position = 0
        for (start, written_type, delimiter, _), limit in zip(starts, _limits(starts, length)):
            if start < position:
                continue  # inside a block already read (an '@' in a value)
            if start > position and not text[position:start].isspace() and not _blank(text[position:start]):
                self.implicit(position, start)
            typed = types.get(written_type)
            if typed is None:
                entry_type = written_type.lower()
                typed = types[written_type] = (entry_type, _kind(entry_type))
            entry_type, kind = typed
            if kind == "entry":
                next_part = _ENTRY_PART[delimiter].match
                found = next_part(text, start, limit)  # the head, with the first field or the close
                key = None
                uses_macros = False
                fields: list[BibField] = []
                while found is not None:
                    head_key, written, value, raw = found.groups()
                    if head_key is not None:
                        if key is not None:
                            found = None  # another entry's head where a field should be
                            break
                        key, key_start = head_key, found.start(1)
                    if written is None:
                        break  # the entry's close
                    name_start, at = found.start(2), found.end()
                    found = next_part(text, at, limit)
                    try:
                        name = names[written]
                    except KeyError:  # a name not seen yet: some dozen in a file
                        name = names[written] = written.lower()
                        self.has_ids = self.has_ids or name == "ids"
                    if raw is None:  # one text in braces, the common case: the raw text is the value in braces
                        if name in shared_names:
                            value = shared(value, value)
                        fields.append(new_record(BibField, (name, value, name_start - start, at - len(value) - 2 - name_start, None, None)))
                        continue
                    problem = None
                    if "#" in raw:
                        value, refs, problem = interpret_value(raw, macros.get)
                        uses_macros = uses_macros or bool(refs)
                    elif raw[0] in '"{':  # a quoted text (or braces before a '#' that joins nothing)
                        value = raw[1:-1]
                    elif raw.isdigit() and raw.isascii():
                        value = raw = shared(raw, raw)
                    else:
                        raw = shared(raw, raw)
                        value = macros.get(raw.lower(), raw)
                        uses_macros = True
                    if name in shared_names and value is not raw:  # (a number is held once already)
                        value = shared(value, value)
                    fields.append(new_record(BibField, (name, value, name_start - start, at - len(raw) - name_start, raw, problem)))
                if found is not None:  # closed: else the fast path does not take it, nothing was kept
                    position = found.end()
                    if uses_macros:
                        macro_users.append(len(blocks))
                    entry = new_record(BibEntry, (key, entry_type, path, start, position, key_start, tuple(fields)))
                    blocks.append(entry)
                    entries.append(entry)
                    continue
            position = self.special_or_slow(start, limit, kind)
        if position < length:
            self.implicit(position, length)
        return self.finish()

    def add(self, entry: BibEntry, uses_macros: bool) -> None:
        if uses_macros:
            self.macro_users.append(len(self.blocks))
        self.blocks.append(entry)
        self.entries.append(entry)

    # -- records

    def implicit(self, start: int, end: int) -> None:
        core = _NOT_BLANK.search(self.text, start, end)
        if core is not None:
            stripped, begin = core.group(), core.start()
            comment = BibComment(stripped, Span(self.path, begin, begin + len(stripped)), False)
            self.blocks.append(comment)
            self.comments.append(comment)

    def add_entry(
        self, start: int, end: int, entry_type: str, key: str, key_start: int, offsets: list[tuple[str, int, int, int]]
    ) -> None:
        path, macros = self.path, self.macros
        fields = tuple(
            _field(name, self.text[value_start:value_end], name_start - start, value_start - name_start, macros)
            for name, name_start, value_start, value_end in offsets
        )
        self.has_ids = self.has_ids or any(item.name == "ids" for item in fields)
        self.add(BibEntry(key, entry_type, path, start, end, key_start, fields), any(map(_uses_macros, fields)))

    def add_string(self, start: int, end: int, name: str, name_start: int, value_start: int, value_end: int) -> None:
        raw = self.text[value_start:value_end]
        result = interpret_value(raw, self.macros.get)[0]
        lowered = name.lower()
        path = self.path
        string = BibString(
            lowered,
            raw,
            result,
            Span(path, start, end),
            Span(path, name_start, name_start + len(name)),
            Span(path, value_start, value_end),
        )
        self.macros[lowered] = result
        self.strings_after_use = self.strings_after_use or bool(self.macro_users)
        self.blocks.append(string)
        self.strings.append(string)

    def add_preamble(self, start: int, end: int, content_start: int, content_end: int) -> None:
        raw = self.text[content_start:content_end]
        stripped = raw.strip()
        result, _, problem = interpret_value(stripped, self.macros.get) if stripped else ("", [], None)
        preamble = BibPreamble(raw, stripped if problem else result, Span(self.path, start, end))
        self.blocks.append(preamble)
        self.preambles.append(preamble)

    def add_comment(self, start: int, end: int, content_start: int, content_end: int) -> None:
        comment = BibComment(self.text[content_start:content_end].strip(), Span(self.path, start, end), True)
        self.blocks.append(comment)
        self.comments.append(comment)

    # -- special blocks and the slow path

    def special_or_slow(self, start: int, limit: int, kind: str) -> int:
        """Read the block at ``start``; return the offset where reading goes on."""
        text = self.text
        if text[_START.match(text, start).end() - 1] == "{":
            if kind == "string":
                found = _STRING_BLOCK.match(text, start, limit)
                if found is not None:
                    self.add_string(start, found.end(), found.group(2), found.start(2), found.start(4), found.end(4))
                    return found.end()
            elif kind in ("comment", "preamble"):
                found = _CONTENT_BLOCK.match(text, start, limit)
                if found is not None:
                    add = self.add_comment if kind == "comment" else self.add_preamble
                    add(start, found.end(), found.start(1), found.end(1))
                    return found.end()
        return self.slow(start, limit)

    def slow(self, start: int, limit: int) -> int:
        """Read a block the fast path did not take: bibtexparser or our reader, else a failure.

        Every reading is confined to the block (what our reader read, or up to the delimiter
        that closes the block), so a file of broken blocks is read in linear time; a block that
        is never closed is a failure up to the next hard boundary.
        """
        text = self.text
        if self.braces is None:
            self.braces = _Braces(text)
        try:
            walked: _Walked | None = _Walker(text, self.source.index, limit, self.braces).run(start)
            stop = None
        except _Stop as error:
            walked, stop = None, error
        # bibtexparser reads a % comment line between fields as the start of the next field's
        # name, and it ends a quoted value at a '"' inside braces, leaving the rest of the entry
        # as a comment; where our reader reads such a block, or reads on further, it wins.
        if walked is not None and _COMMENT_LINE.search(text, start, walked.end) is not None:
            return self.add_walked(walked)
        closed = -1 if walked is not None else _block_end(self.braces, start, limit)
        block = None
        if walked is not None or closed >= 0:
            block = _bibtexparser_first_block(text[start : closed if walked is None else walked.end])
        raw = getattr(block, "raw", None)
        theirs = start + len(raw) if isinstance(raw, str) and text.startswith(raw, start) else -1
        if walked is not None and walked.end > theirs:
            return self.add_walked(walked)
        end = self.add_bibtexparser(block, start, limit)
        if end is not None:
            return end
        if walked is not None:
            return self.add_walked(walked)
        assert stop is not None
        end = closed if closed >= 0 else limit
        while end > start + 1 and text[end - 1].isspace():
            end -= 1
        self.add_failure(start, end, stop, block)
        return end

    def add_walked(self, walked: _Walked) -> int:
        text = self.text
        if walked.kind == "comment":
            self.add_comment(walked.start, walked.end, *walked.content)
        elif walked.kind == "preamble":
            self.add_preamble(walked.start, walked.end, *walked.content)
        elif walked.kind == "string":
            name_start, name_end, value_start, value_end = walked.fields[0]
            self.add_string(walked.start, walked.end, text[name_start:name_end], name_start, value_start, value_end)
        else:
            offsets = [
                (text[name_start:name_end], name_start, value_start, value_end)
                for name_start, name_end, value_start, value_end in walked.fields
            ]
            self.add_entry(walked.start, walked.end, walked.entry_type, walked.key, walked.key_start, offsets)
        return walked.end

    def add_bibtexparser(self, block: Any, start: int, limit: int) -> int | None:
        """Record bibtexparser's reading of the block at ``start``; None when it failed."""
        from bibtexparser import model

        if isinstance(block, (model.DuplicateFieldKeyBlock, model.DuplicateBlockKeyBlock)):
            block = block.ignore_error_block
        if isinstance(block, model.ParsingFailedBlock) or not isinstance(block, model.Block):
            return None
        raw = block.raw
        text = self.text
        if not raw or not text.startswith(raw, start) or start + len(raw) > limit:
            return None
        end = start + len(raw)
        head_end = _START.match(text, start).end()
        if isinstance(block, model.ExplicitComment):
            self.add_comment(start, end, head_end, end - 1)
        elif isinstance(block, model.Preamble):
            self.add_preamble(start, end, head_end, end - 1)
        elif isinstance(block, model.String):
            name_start = text.find(block.key, head_end, end)
            equals = text.find("=", name_start + len(block.key), end)
            value_start = text.find(block.value, equals + 1, end)
            if name_start < 0 or equals < 0 or value_start < 0:
                return None
            self.add_string(start, end, block.key, name_start, value_start, value_start + len(block.value))
        elif isinstance(block, model.Entry):
            key_start = text.find(block.key, head_end, end) if block.key else head_end
            if key_start < 0:
                return None
            cursor = key_start + len(block.key)
            offsets = []
            for item in block.fields:
                written = item.key
                found = text.find(written, cursor, end)
                if found < 0:
                    return None
                name = _strip_comment_lines(written)
                name_start = found + written.rfind(name) if name else found + len(written)
                equals = text.find("=", found + len(written), end)
                value_start = text.find(item.value, equals + 1, end) if equals >= 0 else -1
                if value_start < 0:
                    return None  # cannot place the field: let the next reader try
                value_end = value_start + len(item.value)
                offsets.append((name, name_start, value_start, value_end))
                cursor = value_end
            self.add_entry(start, end, block.entry_type.lower(), block.key, key_start, offsets)
        else:
            return None
        return end

    def add_failure(self, start: int, end: int, stop: _Stop, block: Any) -> None:
        from bibtexparser import model

        index = self.source.index
        line = index.line_col(start)[0]
        error_at = min(max(stop.offset, start), len(self.text))
        error_line, error_column = index.line_col(error_at)
        mentioned = "line " in stop.message
        where = "" if error_line == line or mentioned else f" (line {error_line}, column {error_column})"
        message = f"{stop.message}{where}"
        error = block if isinstance(block, Exception) else getattr(block, "error", None)
        failed = model.ParsingFailedBlock(
            error=error if isinstance(error, Exception) else Exception(message),
            start_line=line - 1,
            raw=self.text[start:end],
        )
        failure = BibFailure(
            Span(self.path, start, end),
            message,
            Span(self.path, error_at, min(error_at + 1, len(self.text))),
            failed,
        )
        self.blocks.append(failure)
        self.failures.append(failure)

    # -- the end

    def finish(self) -> Bibliography:
        blocks, entries, macros = self.blocks, self.entries, self.macros
        if self.strings_after_use:
            for place in self.macro_users:
                blocks[place] = _valued_again(blocks[place], macros)
            entries = [block for block in blocks if isinstance(block, BibEntry)]
        by_key, by_folded_key = _by_key(entries)
        return Bibliography(
            source=self.source,
            entries=tuple(entries),
            strings=tuple(self.strings),
            failures=tuple(self.failures),
            preambles=tuple(self.preambles),
            comments=tuple(self.comments),
            blocks=tuple(blocks),
            by_key=MappingProxyType(by_key),
            by_folded_key=MappingProxyType(by_folded_key),
            macros=MappingProxyType(macros),
            aliases=MappingProxyType(_aliases(entries) if self.has_ids else {}),
        )


_KEY = itemgetter(0)  # BibEntry.key, without the attribute's lookup per entry


def _by_key(entries: list[BibEntry]) -> tuple[dict[str, BibEntry], dict[str, BibEntry]]:
    """Each key with its first entry, and each case-folded key with its first entry, in file order.

    Made by ``dict`` over the keys, no Python step per entry, when no key repeats (the common
    case); else by a walk over the entries.
    """
    keys = list(map(_KEY, entries))
    folded = list(map(str.casefold, keys))
    by_key = dict(zip(keys, entries))
    by_folded_key = dict(zip(folded, entries))
    if len(by_folded_key) < len(entries):
        by_folded_key = {}
        for key, entry in zip(folded, entries):
            by_folded_key.setdefault(key, entry)
        if len(by_key) < len(entries):
            by_key = {}
            for key, entry in zip(keys, entries):
                by_key.setdefault(key, entry)
    return by_key, by_folded_key


def _aliases(entries: Iterable[BibEntry]) -> dict[str, BibEntry]:
    """Each key an ``ids`` field names -> its entry (the first to name it)."""
    aliases: dict[str, BibEntry] = {}
    for entry in entries:
        for item in entry.fields:
            if item.name == "ids":
                for alias in item.value.replace("{", "").replace("}", "").split(","):
                    if alias.strip():
                        aliases.setdefault(alias.strip(), entry)
    return aliases
