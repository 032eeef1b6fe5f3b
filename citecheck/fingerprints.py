"""Fingerprints: a finding's identity apart from where it stands, so it survives lines moving.

:func:`fingerprint` is the single definition, used by the baseline (:mod:`citecheck.baseline`)
and by SARIF's ``partialFingerprints``:

* ``fingerprint(diagnostic, source)``: sha256 over a version tag, the code, the path as
  reported, the text of the span and the text of the lines it touches, each with runs of
  whitespace collapsed (first 32 hex digits). Inserting or deleting lines above a finding, or
  re-indenting its line, keeps it; editing the marked text or its line changes it. The message
  is left out on purpose: it quotes line numbers.
* ``fingerprints(report)``: for each of ``report.diagnostics`` in order,
  ``"<fingerprint>:<n>"`` where ``n`` (from 0) counts earlier findings with the same
  fingerprint, so two identical findings in one file stay distinct.

Paths are the paths as reported (relative to the working directory), so make a baseline and
check against it from the same folder (the project root, as CI does).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator

from citecheck.diagnostics import Diagnostic
from citecheck.patterns import OnFirstUse
from citecheck.report import Report
from citecheck.source import Location, SourceFile

__all__ = ["VERSION", "fingerprint", "fingerprints", "numbered"]

VERSION = "v1"  # part of every fingerprint: change it if the definition changes
# OpenSSL's, loaded when a fingerprint is first made (baselines, SARIF), not by every run.
_HASHLIB = OnFirstUse(importlib.import_module, "hashlib")


def fingerprint(diagnostic: Diagnostic, source: SourceFile | None, where: Location | None = None) -> str:
    """A finding's identity apart from where it stands: 32 hex digits (see the module docstring).

    ``source`` is the file the span points into (``report.source_for(diagnostic.span)``);
    ``None`` for a file that was not read (its span text and lines are then empty). ``where``
    is ``source.locate(diagnostic.span)`` when the caller has it already.
    """
    span = diagnostic.span
    if source is None:
        data = f"{VERSION}\0{diagnostic.code}\0{span.path}\0"
    else:
        if where is None:
            where = source.locate(span)
        text, index = source.text, source.index
        start, end = index.line_bounds(where.line)
        if where.end_line != where.line:
            end = index.line_end(where.end_line)
        marked = " ".join(text[span.start : span.end].split())  # runs of whitespace collapsed
        lines = " ".join(text[start:end].split())
        data = f"{VERSION}\0{diagnostic.code}\0{span.path}\0{marked}\0{lines}"
    return _HASHLIB.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def fingerprints(report: Report) -> list[str]:
    """``"<fingerprint>:<n>"`` for each of ``report.diagnostics``, in order (n counts from 0)."""
    return list(numbered(fingerprint(diagnostic, report.source_for(diagnostic.span)) for diagnostic in report.diagnostics))


def numbered(fingerprints: Iterable[str]) -> Iterator[str]:
    """``"<fingerprint>:<n>"`` for each of ``fingerprints``, ``n`` counting the earlier equal ones."""
    seen: dict[str, int] = {}
    for base in fingerprints:
        count = seen.get(base, 0)
        yield f"{base}:{count}"
        seen[base] = count + 1
