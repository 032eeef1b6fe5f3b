"""reStructuredText reader (in progress)."""
from __future__ import annotations

from citecheck.model import Document
from citecheck.source import SourceFile


def read(source: SourceFile, notes: SourceFile | None = None) -> Document:
    return Document(source=source, format="rst", markers=(), notes=())
