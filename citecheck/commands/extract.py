"""``citecheck extract``: one document as its reader sees it, with every finding."""

from __future__ import annotations

import os
from pathlib import Path

from citecheck.config import Settings
from citecheck.paths import absolute, display_path, working_dir
from citecheck.pipeline import SourcePath, check, read_documents
from citecheck.report import Report
from citecheck.rules import Context

__all__ = ["extract_document"]


def extract_document(
    path: str | os.PathLike[str], *, settings: Settings | None = None, cwd: Path | None = None
) -> Report:
    """One document as its reader sees it, with every finding of every rule (nothing filtered).

    A notes file paired with ``path`` in ``settings`` is read with it; the files it includes are
    read for what they define (a LaTeX wrapper of ``\\cite``) but not shown.
    """
    cwd = working_dir(cwd)
    settings = settings or Settings(root=cwd)
    full_path = absolute(cwd, path)
    item = SourcePath(full_path, display_path(full_path, cwd))
    if full_path.is_dir():
        item = SourcePath(full_path, item.display, "Is a directory")
    result = read_documents([item], settings, cwd=cwd)
    named = tuple(document for document in result.documents if document.path == item.display)
    context = Context.of(named, result.unreadable, result.unknown_format)
    diagnostics = check(context)
    documents = context.reconciliation.documents
    return Report.build(documents, diagnostics, inputs=(p.resolve() for p in result.inputs))
