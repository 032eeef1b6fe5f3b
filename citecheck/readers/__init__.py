"""Readers turn a SourceFile into a Document; one module per format, chosen by file suffix
(or by the configuration's ``formats`` table).

Text formats get the decoded :class:`SourceFile`; package formats (zip archives: EPUB, DOCX)
get the file's bytes and open them through :mod:`citecheck.safezip`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from citecheck.model import Document
from citecheck.readers import epub, html, latex, markdown, plaintext, rst
from citecheck.source import SourceFile

ReadFunction = Callable[[SourceFile, SourceFile | None], Document]
PackageReadFunction = Callable[[bytes, str], Document]


@dataclass(frozen=True, slots=True)
class Reader:
    """A format's name, the suffixes it claims, and its read function.

    ``read(source, notes)`` takes the notes from ``notes`` when a separate endnotes file is
    paired with ``source`` in the configuration, and from ``source`` itself otherwise.
    """

    format: str
    suffixes: tuple[str, ...]
    read: ReadFunction
    pairs_notes_file: bool


@dataclass(frozen=True, slots=True)
class PackageReader:
    """A format stored as a zip package: ``read(data, name)`` takes the file's bytes and the
    name reports give it; the document's text files are the package's parts, each named
    ``name/part`` (:func:`citecheck.safezip.member_path`)."""

    format: str
    suffixes: tuple[str, ...]
    read: PackageReadFunction
    pairs_notes_file = False


READERS: tuple[Reader | PackageReader, ...] = (
    Reader("plaintext", (".txt", ".text"), plaintext.read, pairs_notes_file=True),
    Reader("markdown", (".md", ".markdown", ".rmd", ".qmd"), markdown.read, pairs_notes_file=False),
    Reader("latex", (".tex", ".ltx"), latex.read, pairs_notes_file=False),
    Reader("rst", (".rst", ".rest"), rst.read, pairs_notes_file=False),
    Reader("html", (".html", ".htm", ".xhtml"), html.read, pairs_notes_file=False),
    PackageReader("epub", (".epub",), epub.read),
)


def reader_for(path: str | PurePath, format_name: str | None = None) -> Reader | PackageReader | None:
    """The reader named ``format_name``, or else the one whose suffix matches ``path``."""
    if format_name is not None:
        return next((r for r in READERS if r.format == format_name), None)
    suffix = PurePath(path).suffix.lower()
    return next((r for r in READERS if suffix in r.suffixes), None)



FORMAT_NAMES: tuple[str, ...] = tuple(reader.format for reader in READERS)
