"""Reading manuscripts once: bytes to text, and offsets to 1-based lines and columns.

Everything downstream stores character offsets into ``SourceFile.text``; line and column are
computed only when a finding is rendered (the ruff Span + LineIndex design).
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
import codecs
from collections.abc import Iterable
import errno
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple


class Span(NamedTuple):
    """A half-open range of character offsets ``[start, end)`` in the file named ``path``.

    A named tuple (ordered by path, start, end; immutable): a large bibliography gives a span
    to each of tens of thousands of findings, and a named tuple is made in a third of the time
    of a frozen dataclass.
    """

    path: str
    start: int
    end: int


class Location(NamedTuple):
    """1-based line and column of a span's start and its inclusive end (a named tuple: a report
    of a hundred thousand findings makes one for each, in a third of a frozen dataclass's time)."""

    line: int
    column: int
    end_line: int
    end_column: int


class LineIndex:
    """Maps character offsets to 1-based (line, column) by binary search over line starts.

    The line starts are found on first use: most files of a run (a bibliography with no
    finding near its lines, a chapter with none at all) are never located. They are held as
    machine integers (an ``array``), 8 bytes a line rather than a Python int each: a
    36 MB bibliography has more than a million lines.
    """

    __slots__ = ("_text", "_found", "_length")

    def __init__(self, text: str) -> None:
        self._text = text
        self._found: array[int] | None = None
        self._length = len(text)

    @property
    def _starts(self) -> array[int]:
        starts = self._found
        if starts is None:
            starts = array("q", [0])
            starts.extend(map(re.Match.end, _NEWLINE.finditer(self._text)))
            self._found = starts
        return starts

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_col(self, offset: int) -> tuple[int, int]:
        starts = self._starts
        offset = max(0, min(offset, self._length))
        line = bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def span_locations(self, spans: Iterable[Span]) -> list[Location]:
        """The 1-based line and column of each span's start and of its last character; one
        search when both stand on one line, the common case. A report locates every finding (a
        hundred thousand with a large bibliography), a file's findings in one call."""
        starts = self._starts
        length = self._length
        lines = len(starts)
        found = []
        for span in spans:
            start, end = span.start, span.end
            last = end - 1 if end > start else start
            if not 0 <= start <= length:
                start = max(0, min(start, length))
            if not 0 <= last <= length:
                last = max(0, min(last, length))
            line = bisect_right(starts, start)  # 1-based: the starts up to ``start``
            line_start = starts[line - 1]
            if line < lines and last >= starts[line]:
                end_line = bisect_right(starts, last, line)
                found.append(Location(line, start - line_start + 1, end_line, last - starts[end_line - 1] + 1))
            else:
                found.append(Location(line, start - line_start + 1, line, last - line_start + 1))
        return found

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        return self._starts[line - 1]

    def line_bounds(self, line: int) -> tuple[int, int]:
        """:meth:`line_start` and :meth:`line_end` of 1-based ``line`` in one call (an excerpt
        asks both for each finding)."""
        starts = self._starts
        return starts[line - 1], starts[line] - 1 if line < len(starts) else self._length

    def line_end(self, line: int) -> int:
        """Offset just past the last character of 1-based ``line`` (before its newline)."""
        return self.line_bounds(line)[1]


_NEWLINE = re.compile("\n")


class DecodeProblem(NamedTuple):
    """Where the bytes stopped being UTF-8, and the encoding used instead."""

    offset: int
    byte: int
    fallback: str


class Paragraph(NamedTuple):
    """Where a line of a packaged document's text came from: the part (``word/footnotes.xml``)
    and the paragraph as a reader of the document finds it (``¶12``, ``footnote 3 ¶2``)."""

    part: str
    label: str


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file's text with newlines normalised to ``\\n``, a BOM removed, and its line index.

    ``paragraphs`` is set for a document that is not text (a .docx): its reader lays its
    paragraphs out as lines, and positions are shown as the paragraph and the character in it
    (``¶12:34``) instead of the line and column (one entry per line; None for a blank line).
    """

    path: str
    text: str
    encoding: str = "utf-8"
    decode_problem: DecodeProblem | None = None
    paragraphs: tuple[Paragraph | None, ...] | None = None
    index: LineIndex = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", LineIndex(self.text))

    def span(self, start: int, end: int) -> Span:
        return Span(self.path, start, end)

    def locate(self, span: Span) -> Location:
        return self.index.span_locations((span,))[0]

    def line_text(self, line: int) -> str:
        return self.text[self.index.line_start(line) : self.index.line_end(line)]

    def paragraph(self, span: Span) -> Paragraph | None:
        """The paragraph ``span`` starts in, for a packaged document (None for a text file)."""
        if self.paragraphs is None:
            return None
        line = self.index.line_col(span.start)[0]
        return self.paragraphs[line - 1] if line <= len(self.paragraphs) else None

    def place(self, span: Span, where: Location | None = None) -> str:
        """Where ``span`` starts as a person finds it: ``12:34`` (line, column) in a text
        file, ``¶12:34`` (paragraph, character) in a packaged document; ``where`` is
        ``locate(span)`` when the caller has it already."""
        if where is None:
            where = self.locate(span)
        paragraph = None if self.paragraphs is None else self.paragraph(span)
        if paragraph is None:
            return f"{where.line}:{where.column}"
        return f"{paragraph.label}:{where.column}"


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


class UnsafeInput(ValueError):
    """A file refused before it is read whole, because reading it would exhaust memory or reach
    outside it (a zip bomb, an XML entity expansion or external entity): reported as CC005."""


class NotText(OSError):
    """The bytes are not text citecheck can read (an image, UTF-16 that does not decode): the
    callers report it as they report a file that cannot be read (CC001, exit status 2)."""

    def __init__(self, reason: str) -> None:
        super().__init__(errno.EILSEQ, reason)


# Byte order marks, longest first (the UTF-32-LE mark starts with the UTF-16-LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# What a binary file named .txt, .md, .tex or .bib usually turns out to be.
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .odt or .epub?)"),
    (b"\x1f\x8b", "a gzip archive"),
)


def _wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte order mark, told by where the NUL bytes of its Latin
    letters stand; None when the bytes do not look like either."""
    sample = data[:4096]
    if len(data) % 4 == 0 and len(sample) >= 4:
        sample = sample[: len(sample) - len(sample) % 4]
        for encoding, always, mostly in (("utf-32-le", 3, 2), ("utf-32-be", 0, 1)):
            if sample[always::4].count(0) == len(sample) // 4 and sample[mostly::4].count(0) >= 0.6 * len(sample) // 4:
                return encoding
    if len(data) % 2 == 0 and len(sample) >= 2:
        for encoding, parity in (("utf-16-le", 1), ("utf-16-be", 0)):
            wide = sample[parity::2]
            if wide.count(0) >= 0.6 * len(wide) and sample[1 - parity :: 2].count(0) == 0:
                return encoding
    return None


def decode(data: bytes) -> tuple[str, str, DecodeProblem | None]:
    """Decode the text of a file; newlines normalised.

    UTF-8 (with or without BOM); UTF-16 and UTF-32 with a BOM, or without one when the NUL
    bytes show it. Bytes that are neither, and hold a NUL byte, are not text: :class:`NotText`
    (a PNG named ``.txt`` is not read as cp1252). Otherwise never fails: each byte that is not
    UTF-8 is read as cp1252 (Latin-1 where cp1252 has no character), so a file with one stray
    byte keeps its other accents, and a Latin-1 or cp1252 file reads correctly. The first bad
    byte is reported so the caller can make it a finding.
    """
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            break
    else:
        encoding = "utf-8" if b"\0" not in data else _wide_encoding(data) or ""
    if encoding not in ("utf-8", "utf-8-sig"):
        for signature, what in _SIGNATURES:
            if data.startswith(signature):
                raise NotText(f"not text: this is {what}")
        if not encoding:
            raise NotText(f"not text: binary data (a NUL byte at byte {data.index(0)})")
        try:
            return normalise_newlines(data.decode(encoding).removeprefix("\ufeff")), encoding, None
        except UnicodeDecodeError as error:
            raise NotText(f"not valid {encoding.upper()} (byte {error.start}); save it as UTF-8") from None
    if encoding == "utf-8-sig":
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return normalise_newlines(data.decode("utf-8")), encoding, None
    except UnicodeDecodeError as error:
        bad_at = error.start
    text = data.decode("utf-8", errors="citecheck-cp1252")
    prefix_chars = len(normalise_newlines(data[:bad_at].decode("utf-8", errors="citecheck-cp1252")))
    return normalise_newlines(text), "utf-8+cp1252", DecodeProblem(prefix_chars, data[bad_at], "cp1252")


_NOT_REGULAR = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


def read_bytes(path: Path) -> bytes:
    """The bytes of ``path``; OSError propagates for the caller to report as CC001. A FIFO, a
    device or a socket is refused, not read (it may never end)."""
    mode = path.stat().st_mode
    for test, what in _NOT_REGULAR:
        if test(mode):
            raise OSError(errno.EINVAL, f"not a regular file: it is {what}")
    return path.read_bytes()


def read_source(path: Path, display_path: str | None = None) -> SourceFile:
    """Read and decode ``path``; OSError (:class:`NotText` among them) propagates for the caller
    to report as CC001 (see :func:`read_bytes`)."""
    data = read_bytes(path)
    text, encoding, problem = decode(data)
    return SourceFile(
        path=display_path or path.as_posix(),
        text=text,
        encoding=encoding,
        decode_problem=problem,
    )
