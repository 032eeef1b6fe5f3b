"""Reading manuscripts once: bytes to text, and offsets to 1-based lines and columns.

Everything downstream stores character offsets into ``SourceFile.text``; line and column are
computed only when a finding is rendered (the ruff Span + LineIndex design).
"""

from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open range of character offsets ``[start, end)`` in the file named ``path``."""

    path: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Location:
    """1-based line and column of a span's start and its inclusive end."""

    line: int
    column: int
    end_line: int
    end_column: int


class LineIndex:
    """Maps character offsets to 1-based (line, column) by binary search over line starts.

    The line starts are found on first use: most files of a run (a bibliography with no
    finding near its lines, a chapter with none at all) are never located.
    """

    __slots__ = ("_text", "_found", "_length")

    def __init__(self, text: str) -> None:
        self._text = text
        self._found: list[int] | None = None
        self._length = len(text)

    @property
    def _starts(self) -> list[int]:
        starts = self._found
        if starts is None:
            starts = [0]
            starts += [newline.end() for newline in _NEWLINE.finditer(self._text)]
            self._found = starts
        return starts

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_col(self, offset: int) -> tuple[int, int]:
        starts = self._starts
        offset = max(0, min(offset, self._length))
        line = bisect.bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        return self._starts[line - 1]

    def line_end(self, line: int) -> int:
        """Offset just past the last character of 1-based ``line`` (before its newline)."""
        starts = self._starts
        if line < len(starts):
            return starts[line] - 1
        return self._length


_NEWLINE = re.compile("\n")


@dataclass(frozen=True, slots=True)
class DecodeProblem:
    """Where the bytes stopped being UTF-8, and the encoding used instead."""

    offset: int
    byte: int
    fallback: str


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file's text with newlines normalised to ``\\n``, a BOM removed, and its line index."""

    path: str
    text: str
    encoding: str = "utf-8"
    decode_problem: DecodeProblem | None = None
    index: LineIndex = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", LineIndex(self.text))

    def span(self, start: int, end: int) -> Span:
        return Span(self.path, start, end)

    def locate(self, span: Span) -> Location:
        line, column = self.index.line_col(span.start)
        last = max(span.start, span.end - 1)
        end_line, end_column = self.index.line_col(last)
        return Location(line, column, end_line, end_column)

    def line_text(self, line: int) -> str:
        return self.text[self.index.line_start(line) : self.index.line_end(line)]


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF, so every offset counts one character per line break."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _cp1252_or_latin1(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read each byte that is not UTF-8 as cp1252 (Latin-1 where cp1252 has a hole)."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad), error.end


codecs.register_error("citecheck-cp1252", _cp1252_or_latin1)


def decode(data: bytes) -> tuple[str, str, DecodeProblem | None]:
    """Decode UTF-8 (with or without BOM); newlines normalised.

    Never fails: each byte that is not UTF-8 is read as cp1252 (Latin-1 where cp1252 has no
    character), so a file with one stray byte keeps its other accents, and a Latin-1 or cp1252
    file reads correctly. The first bad byte is reported so the caller can make it a finding.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
        encoding = "utf-8-sig"
    else:
        encoding = "utf-8"
    try:
        return normalise_newlines(data.decode("utf-8")), encoding, None
    except UnicodeDecodeError as error:
        bad_at = error.start
    text = data.decode("utf-8", errors="citecheck-cp1252")
    prefix_chars = len(normalise_newlines(data[:bad_at].decode("utf-8", errors="citecheck-cp1252")))
    return normalise_newlines(text), "utf-8+cp1252", DecodeProblem(prefix_chars, data[bad_at], "cp1252")


def read_source(path: Path, display_path: str | None = None) -> SourceFile:
    """Read and decode ``path``; OSError propagates for the caller to report as CC001."""
    data = path.read_bytes()
    text, encoding, problem = decode(data)
    return SourceFile(
        path=display_path or path.as_posix(),
        text=text,
        encoding=encoding,
        decode_problem=problem,
    )
