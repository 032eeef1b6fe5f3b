"""Readers turn a SourceFile into a Document; one module per format, chosen by file suffix."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from citecheck.model import Document
from citecheck.readers import docx, latex, markdown, plaintext
from citecheck.reconcile.mentions import prose_mentions
from citecheck.reconcile.notes import note_citations
from citecheck.source import SourceFile

ReadFunction = Callable[[SourceFile, SourceFile | None], Document]
UnpackFunction = Callable[[bytes, str], Document]


@dataclass(frozen=True, slots=True)
class Reader:
    """A format's name, the suffixes it claims, and its read function.

    ``read(source, notes)`` takes the notes from ``notes`` when a separate endnotes file is
    paired with ``source`` in the configuration, and from ``source`` itself otherwise. A format
    that is not text (a .docx package) has ``unpack(data, path)`` instead, which makes the
    document's text from the file's bytes (``path`` is how reports name the file).
    """

    format: str
    suffixes: tuple[str, ...]
    read: ReadFunction | None
    pairs_notes_file: bool
    unpack: UnpackFunction | None = None


READERS: tuple[Reader, ...] = (
    Reader("plaintext", (".txt", ".text"), plaintext.read, pairs_notes_file=True),
    Reader("markdown", (".md", ".markdown", ".rmd", ".qmd"), markdown.read, pairs_notes_file=False),
    Reader("latex", (".tex", ".ltx"), latex.read, pairs_notes_file=False),
    Reader("docx", (".docx",), None, pairs_notes_file=False, unpack=docx.read),
)


def reader_for(path: str | PurePath, format_name: str | None = None) -> Reader | None:
    """The reader named ``format_name``, or else the one whose suffix matches ``path``."""
    if format_name is not None:
        return next((r for r in READERS if r.format == format_name), None)
    suffix = PurePath(path).suffix.lower()
    return next((r for r in READERS if suffix in r.suffixes), None)


def read_document(
    reader: Reader, source: SourceFile, notes: SourceFile | None = None, mentions: str = "auto"
) -> Document:
    """What ``reader`` extracts, with the sources parsed from its notes and the scholars named in
    its prose added to the citations, in the order they stand (the manuscript, then a paired
    notes file).

    ``mentions`` says when names in prose count as citations: "on", "off", or "auto": only in a
    document that cites by name, with no citation keys and no notes (software documentation
    citing by key says "R Markdown" and "Google"; a book citing through notes names the people
    of its history, and its notes carry the sources)."""
    assert reader.read is not None, f"the {reader.format} reader reads bytes (unpack)"
    return with_citations(reader.read(source, notes), mentions)


def with_citations(document: Document, mentions: str = "auto") -> Document:
    """``document`` with the sources parsed from its notes and the scholars named in its prose
    added to its citations, in the order they stand (see :func:`read_document`)."""
    source = document.source
    from_notes = note_citations(document)
    if mentions == "on" or (mentions == "auto" and cites_by_name(document)):
        from_prose = prose_mentions(document)
    else:
        from_prose = ()
    found = (*document.citations, *from_notes, *from_prose)
    in_order = sorted(found, key=lambda c: (c.span.path != source.path, c.span.path, c.span.start))
    return dataclasses.replace(document, citations=tuple(in_order))


def cites_by_name(document: Document) -> bool:
    """Whether the document cites only by naming scholars: no citation key, no note, no marker
    (a chapter whose notes are printed elsewhere still has its markers)."""
    return not (document.notes or document.markers or any(c.kind in ("key", "nocite") for c in document.citations))
