"""``citecheck suggest``: BibTeX entries, parsed from the notes, for the sources nothing matches."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from citecheck.config import Settings
from citecheck.errors import InputError, OutputError, UsageError
from citecheck.files import refuse_overwrite, write_atomically
from citecheck.model import Citation
from citecheck.paths import absolute, display_path, working_dir
from citecheck.pipeline import reason, reconcile_sources
from citecheck.reconcile.suggest import render_suggestions, suggest_entries
from citecheck.wording import counted

__all__ = ["SuggestResult", "suggest"]


@dataclass(frozen=True, slots=True)
class SuggestResult:
    """What ``citecheck suggest`` made: the BibTeX text, where it went (None: standard output),
    and a one-line summary for standard error."""

    text: str
    written: Path | None
    summary: str


def suggest(
    settings: Settings,
    paths: Sequence[str | os.PathLike[str]] = (),
    output: str | None = None,
    *,
    cwd: Path | None = None,
) -> SuggestResult:
    """Suggested entries for the unresolved sources of ``paths`` (or the configured sources).

    Written atomically to ``output`` (relative to ``cwd``; ``-`` for standard output), by default
    ``suggested.bib`` in the output directory (standard output when there is none). Never onto
    an input.
    """
    cwd = working_dir(cwd)
    if settings.bib is None:
        raise UsageError(
            "suggest compares the notes with a bibliography: give --bib FILE or set bib in "
            "[tool.citecheck] (an empty .bib file suggests an entry for every source)"
        )
    context = reconcile_sources(settings, paths, cwd=cwd)
    problems = (*context.unreadable, *context.unknown_format)
    if problems:
        raise InputError("; ".join(f"{problem.path}: {problem.reason}" for problem in problems))
    bib = context.bibliography
    assert bib is not None  # a bibliography that cannot be read is one of the problems
    sources = {d.source.path: d.source for d in context.documents}
    sources.update({s.path: s for d in context.documents for s in d.note_sources})

    def place(citation: Citation) -> str:
        where = sources[citation.span.path].locate(citation.span)
        return f"{citation.span.path}:{where.line}:{where.column}"

    suggestions = suggest_entries(context.reconciliation.resolutions, bib.by_key, place)
    text = render_suggestions(suggestions, display_path(settings.bib, cwd))
    count = counted(len(suggestions), "suggested entry")
    if output == "-" or (output is None and settings.output_dir is None):
        return SuggestResult(text, None, f"citecheck: {count}")
    target = absolute(cwd, output) if output is not None else settings.output_dir / "suggested.bib"
    shown = display_path(target, cwd)
    protected = {p.resolve() for p in (*settings.bibs, *(Path(cwd, s) for s in sources))}
    refuse_overwrite(
        target, protected, f"refusing to write {shown}: it is one of the input files", folder=f"cannot write {shown}: it is a folder"
    )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, text)
    except OSError as error:
        raise OutputError(f"cannot write {shown}: {reason(error)}") from None
    return SuggestResult(text, target, f"citecheck: wrote {count} to {shown}")
