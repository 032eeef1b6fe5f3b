"""Readers turn a SourceFile into a Document; one module per format, chosen by file suffix
(or by the configuration's ``formats`` table).

:data:`READERS` names each format's module; the module is imported when a file of its format
is first read, so a run imports only the readers its files need.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from types import ModuleType

from citecheck.model import Document
from citecheck.source import SourceFile

ReadFunction = Callable[[SourceFile, SourceFile | None], Document]
CitingReadFunction = Callable[[SourceFile, SourceFile | None, frozenset[str]], Document]
UnpackFunction = Callable[[bytes, str], Document]


@dataclass(frozen=True, slots=True)
class Reader:
    """A format's name, the suffixes it claims, and the module that reads it, imported on first
    use.

    The module has ``read(source, notes)``, which takes the notes from ``notes`` when a
    separate endnotes file is paired with ``source`` in the configuration, and from ``source``
    itself otherwise. A format that is not text (a .docx package) has ``unpack(data, path)``
    instead, which makes the document's text from the file's bytes (``path`` is how reports
    name the file). A format whose citation commands a user can define also has
    ``read_citing(source, notes, commands)``, which reads ``commands`` as citation commands too
    (the ``cite-commands`` setting).
    """

    format: str
    suffixes: tuple[str, ...]
    module: str
    pairs_notes_file: bool

    def _loaded(self) -> ModuleType:
        return importlib.import_module(self.module)

    @property
    def read(self) -> ReadFunction | None:
        return getattr(self._loaded(), "read", None)

    @property
    def unpack(self) -> UnpackFunction | None:
        return getattr(self._loaded(), "unpack", None)

    @property
    def read_citing(self) -> CitingReadFunction | None:
        return getattr(self._loaded(), "read_citing", None)


READERS: tuple[Reader, ...] = (
    Reader("plaintext", (".txt", ".text"), "citecheck.readers.plaintext", pairs_notes_file=True),
    Reader("markdown", (".md", ".markdown", ".rmd", ".qmd"), "citecheck.readers.markdown", pairs_notes_file=False),
    Reader("latex", (".tex", ".ltx"), "citecheck.readers.latex", pairs_notes_file=False),
    Reader("docx", (".docx",), "citecheck.readers.docx", pairs_notes_file=False),
    Reader("rst", (".rst", ".rest"), "citecheck.readers.rst", pairs_notes_file=False),
    Reader("html", (".html", ".htm", ".xhtml"), "citecheck.readers.html", pairs_notes_file=False),
    Reader("epub", (".epub",), "citecheck.readers.epub", pairs_notes_file=False),
)

FORMAT_NAMES: tuple[str, ...] = tuple(reader.format for reader in READERS)


def reader_for(path: str | PurePath, format_name: str | None = None) -> Reader | None:
    """The reader named ``format_name``, or else the one whose suffix matches ``path``."""
    if format_name is not None:
        return next((r for r in READERS if r.format == format_name), None)
    suffix = PurePath(path).suffix.lower()
    return next((r for r in READERS if suffix in r.suffixes), None)
