"""Readers turn a SourceFile into a Document; one module per format, chosen by file suffix
(or by the configuration's ``formats`` table)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from citecheck.model import Document
from citecheck.readers import docx, epub, html, latex, markdown, plaintext, rst
from citecheck.source import SourceFile

ReadFunction = Callable[[SourceFile, SourceFile | None], Document]
CitingReadFunction = Callable[[SourceFile, SourceFile | None, frozenset[str]], Document]
UnpackFunction = Callable[[bytes, str], Document]


@dataclass(frozen=True, slots=True)
class Reader:
    """A format's name, the suffixes it claims, and its read function.

    ``read(source, notes)`` takes the notes from ``notes`` when a separate endnotes file is
    paired with ``source`` in the configuration, and from ``source`` itself otherwise. A format
    that is not text (a .docx package) has ``unpack(data, path)`` instead, which makes the
    document's text from the file's bytes (``path`` is how reports name the file).
    ``read_citing(source, notes, commands)``, for a format whose citation commands a user can
    define, reads ``commands`` as citation commands too (the ``cite-commands`` setting).
    """

    format: str
    suffixes: tuple[str, ...]
    read: ReadFunction | None
    pairs_notes_file: bool
    unpack: UnpackFunction | None = None
    read_citing: CitingReadFunction | None = None


READERS: tuple[Reader, ...] = (
    Reader("plaintext", (".txt", ".text"), plaintext.read, pairs_notes_file=True),
    Reader("markdown", (".md", ".markdown", ".rmd", ".qmd"), markdown.read, pairs_notes_file=False),
    Reader("latex", (".tex", ".ltx"), latex.read, pairs_notes_file=False, read_citing=latex.read_citing),
    Reader("docx", (".docx",), None, pairs_notes_file=False, unpack=docx.read),
    Reader("rst", (".rst", ".rest"), rst.read, pairs_notes_file=False),
    Reader("html", (".html", ".htm", ".xhtml"), html.read, pairs_notes_file=False),
    Reader("epub", (".epub",), None, pairs_notes_file=False, unpack=epub.read),
)

FORMAT_NAMES: tuple[str, ...] = tuple(reader.format for reader in READERS)


def reader_for(path: str | PurePath, format_name: str | None = None) -> Reader | None:
    """The reader named ``format_name``, or else the one whose suffix matches ``path``."""
    if format_name is not None:
        return next((r for r in READERS if r.format == format_name), None)
    suffix = PurePath(path).suffix.lower()
    return next((r for r in READERS if suffix in r.suffixes), None)
