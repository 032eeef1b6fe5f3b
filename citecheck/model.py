"""What readers extract from a manuscript: frozen records that every later stage shares."""

from __future__ import annotations

from dataclasses import dataclass

from citecheck.source import SourceFile, Span


@dataclass(frozen=True, slots=True)
class Marker:
    """A note marker in the body text (``war.⁴``, ``Stalin.25``, ``[^3]``).

    ``number`` is the number as written; ``intended`` is the number the reader believes was meant
    when the digits look misread (OCR read 13 as 18), and it is what the other checks use.
    ``label`` is the marker's identity as written (Markdown labels need not be numbers).
    """

    label: str
    number: int | None
    text: str
    span: Span
    style: str
    chapter: int = 0
    intended: int | None = None

    @property
    def effective(self) -> int | None:
        return self.intended if self.intended is not None else self.number

    @property
    def key(self) -> str:
        """The identity a note must carry to belong to this marker."""
        return str(self.effective) if self.effective is not None else self.label


@dataclass(frozen=True, slots=True)
class Note:
    """A note text: its label, its text with continuations joined, and where each part stands.

    ``span`` covers the label (``13.``, ``[^13]:``) for pointing at the note; ``parts`` are the
    spans of the text, more than one when a page break split the note.
    """

    label: str
    number: int | None
    text: str
    span: Span
    parts: tuple[Span, ...]
    style: str
    chapter: int = 0

    @property
    def key(self) -> str:
        return str(self.number) if self.number is not None else self.label


@dataclass(frozen=True, slots=True)
class Citation:
    """A place that points at a source: a key, a note's source segment, or a name in prose."""

    kind: str
    text: str
    span: Span
    note: int | None = None
    key: str | None = None
    locator: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One manuscript as a reader saw it.

    ``numbered`` says whether note identities are a number sequence (converted book text,
    Markdown with numeric labels), which the numbering rules need. ``note_sources`` lists the
    files the notes were read from when they are not ``source`` itself (a paired endnotes file).
    ``markers_reusable`` says whether one note may be referenced from several places (Markdown).
    """

    source: SourceFile
    format: str
    markers: tuple[Marker, ...]
    notes: tuple[Note, ...]
    citations: tuple[Citation, ...] = ()
    numbered: bool = True
    markers_reusable: bool = False
    note_sources: tuple[SourceFile, ...] = ()

    @property
    def path(self) -> str:
        return self.source.path
