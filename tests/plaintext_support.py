"""The check the plain-text reader's generated-book properties share: the labels it reads."""

from __future__ import annotations

from citecheck.model import Document
from citecheck.readers.plaintext import read
from citecheck.source import SourceFile


def read_labels(text: str, markers: list[str], notes: list[str], path: str = "book.txt") -> Document:
    """Read ``text`` and assert its markers' and notes' labels are exactly these, in reading order;
    the document, for what a property checks beyond them."""
    document = read(SourceFile(path, text))
    assert [m.label for m in document.markers] == markers
    assert [n.label for n in document.notes] == notes
    return document
