"""Fingerprints of findings, and the baseline file that lets an old manuscript adopt citecheck.

A fingerprint identifies a finding without its line number, so it survives lines moving (text
inserted or removed above it). :func:`fingerprint` is the single definition, used by the
baseline and by any reporter that needs a stable identity (SARIF ``partialFingerprints``):

* ``fingerprint(diagnostic, source)``: sha256 over a version tag, the code, the path as
  reported, the text of the span and the text of the lines it touches, each with runs of
  whitespace collapsed (first 32 hex digits). Inserting or deleting lines above a finding, or
  re-indenting its line, keeps it; editing the marked text or its line changes it. The message
  is left out on purpose: it quotes line numbers.
* ``fingerprints(report)``: for each of ``report.diagnostics`` in order,
  ``"<fingerprint>:<n>"`` where ``n`` (from 0) counts earlier findings with the same
  fingerprint, so two identical findings in one file stay distinct.

Paths are the paths as reported (relative to the working directory), so make the baseline and
check against it from the same folder (the project root, as CI does).

A baseline file (``citecheck baseline``) is JSON::

    {"schema": "citecheck-baseline/1",
     "findings": [{"fingerprint": "…:0", "code": "CC101", "path": "ch1.txt", "line": 3,
                   "message": "…"}]}

``code``, ``path``, ``line`` and ``message`` are for people reading the file; matching uses the
fingerprint only, as a multiset (a fingerprint listed twice hides two findings).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from citecheck.config import Settings
from citecheck.diagnostics import Diagnostic
from citecheck.errors import CitecheckError
from citecheck.files import write_atomically
from citecheck.report import Report
from citecheck.source import SourceFile

__all__ = [
    "DEFAULT_BASELINE",
    "SCHEMA",
    "Baseline",
    "BaselineError",
    "Narrowed",
    "apply_baseline",
    "baseline_document",
    "fingerprint",
    "fingerprints",
    "load_baseline",
    "make_baseline",
    "narrow",
    "write_baseline",
]

SCHEMA = "citecheck-baseline/1"
VERSION = "v1"  # part of every fingerprint: change it if the definition changes
DEFAULT_BASELINE = "citecheck-baseline.json"


class BaselineError(CitecheckError):
    """The baseline file cannot be read or is not a citecheck baseline (exit status 2)."""


def fingerprint(diagnostic: Diagnostic, source: SourceFile | None) -> str:
    """A finding's identity apart from where it stands: 32 hex digits (see the module docstring).

    ``source`` is the file the span points into (``report.source_for(diagnostic.span)``);
    ``None`` for a file that was not read (its span text and lines are then empty).
    """
    content = ""
    if source is not None:
        span = diagnostic.span
        where = source.locate(span)
        lines = source.text[source.index.line_start(where.line) : source.index.line_end(where.end_line)]
        marked = source.text[span.start : span.end]
        content = f"{_collapse(marked)}\0{_collapse(lines)}"
    data = "\0".join((VERSION, diagnostic.code, diagnostic.span.path, content))
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _collapse(text: str) -> str:
    return " ".join(text.split())


def fingerprints(report: Report) -> list[str]:
    """``"<fingerprint>:<n>"`` for each of ``report.diagnostics``, in order (n counts from 0)."""
    seen: Counter[str] = Counter()
    out = []
    for diagnostic in report.diagnostics:
        base = fingerprint(diagnostic, report.source_for(diagnostic.span))
        out.append(f"{base}:{seen[base]}")
        seen[base] += 1
    return out


@dataclass(frozen=True, slots=True)
class Baseline:
    """The fingerprints of a baseline file (with repeats) and where it was read from."""

    path: str
    fingerprints: tuple[str, ...]


def baseline_document(report: Report) -> dict[str, object]:
    """The JSON document ``citecheck baseline`` writes for ``report``."""
    findings = []
    for diagnostic, value in zip(report.diagnostics, fingerprints(report)):
        findings.append(
            {
                "fingerprint": value,
                "code": diagnostic.code,
                "path": diagnostic.span.path,
                "line": report.locate(diagnostic.span).line,
                "message": diagnostic.message,
            }
        )
    return {"schema": SCHEMA, "findings": findings}


def write_baseline(report: Report, path: Path, shown: str) -> int:
    """Write the baseline of ``report`` to ``path`` atomically; return the number of findings.

    Refuses (:class:`BaselineError`) to replace an input file or when the file cannot be written.
    """
    if path.resolve() in set(report.inputs):
        raise BaselineError(f"refusing to write the baseline to {shown}: it is one of the input files")
    document = baseline_document(report)
    try:
        write_atomically(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    except OSError as error:
        raise BaselineError(f"cannot write the baseline {shown}: {error.strerror or error}") from None
    return len(document["findings"])  # type: ignore[arg-type]


def load_baseline(path: Path, shown: str) -> Baseline:
    """Read a baseline file; a missing, unreadable or malformed file is a :class:`BaselineError`."""
    hint = "; make one with `citecheck baseline`"
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BaselineError(f"baseline file {shown} does not exist{hint}") from None
    except OSError as error:
        raise BaselineError(f"cannot read the baseline file {shown}: {error.strerror or error}") from None
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BaselineError(f"baseline file {shown} is not valid JSON: {error}") from None
    if not isinstance(document, dict) or document.get("schema") != SCHEMA:
        raise BaselineError(f"baseline file {shown} is not a citecheck baseline (expected \"schema\": \"{SCHEMA}\")")
    findings = document.get("findings")
    if not isinstance(findings, list):
        raise BaselineError(f"baseline file {shown}: \"findings\" must be a list")
    values = []
    for number, finding in enumerate(findings, 1):
        value = finding.get("fingerprint") if isinstance(finding, dict) else None
        if not isinstance(value, str) or not value:
            raise BaselineError(f"baseline file {shown}: finding {number} has no \"fingerprint\" string")
        values.append(value)
    return Baseline(shown, tuple(values))


def apply_baseline(report: Report, baseline: Baseline) -> tuple[Report, int]:
    """``report`` without the findings the baseline lists (as a multiset), and how many were hidden."""
    remaining = Counter(baseline.fingerprints)
    kept: list[Diagnostic] = []
    for diagnostic, value in zip(report.diagnostics, fingerprints(report)):
        if remaining[value] > 0:
            remaining[value] -= 1
            continue
        kept.append(diagnostic)
    hidden = len(report.diagnostics) - len(kept)
    return dataclasses.replace(report, diagnostics=tuple(kept)), hidden



@dataclass(frozen=True, slots=True)
class Narrowed:
    """A report after the baseline and changed-lines filters, and a line saying what they hid."""

    report: Report
    hidden_by_baseline: int = 0
    hidden_by_changes: int = 0
    note: str = ""


def narrow(report: Report, settings: Settings, *, changed_since: str | None = None, cwd: Path | None = None) -> Narrowed:
    """Apply ``settings.baseline`` (first: its fingerprints count over every finding), then
    ``changed_since``; ``note`` reads ``2 hidden by the baseline B, 3 on lines not changed since REF``.
    """
    cwd = Path(os.path.abspath(cwd or Path.cwd()))
    hidden_baseline = hidden_changes = 0
    parts = []
    if settings.baseline is not None:
        shown = _display(settings.baseline, cwd)
        report, hidden_baseline = apply_baseline(report, load_baseline(settings.baseline, shown))
        parts.append(f"{hidden_baseline} hidden by the baseline {shown}")
    if changed_since is not None:
        from citecheck.changes import apply_changes

        report, hidden_changes = apply_changes(report, changed_since, settings.root, cwd=cwd)
        parts.append(f"{hidden_changes} on lines not changed since {changed_since}")
    return Narrowed(report, hidden_baseline, hidden_changes, ", ".join(parts))


def _display(path: Path, cwd: Path) -> str:
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        return path.as_posix()


def make_baseline(
    settings: Settings, paths: Sequence[str | os.PathLike[str]] = (), output: str | None = None, *, cwd: Path | None = None
) -> tuple[int, str]:
    """Check like ``citecheck run`` (no baseline applied) and write the kept findings as a baseline.

    ``output`` (relative to ``cwd``) defaults to the configured ``baseline``, else
    ``citecheck-baseline.json`` in the project root. Returns the count and the path as shown.
    A run that could not read every input writes nothing (:class:`BaselineError`).
    """
    from citecheck import pipeline
    from citecheck.report import INPUT_ERROR_CODES

    cwd = Path(os.path.abspath(cwd or Path.cwd()))
    if output:
        target = Path(os.path.normpath(cwd / Path(output).expanduser()))
    else:
        target = settings.baseline or settings.root / DEFAULT_BASELINE
    shown = _display(target, cwd)
    report = pipeline.run(settings, paths, cwd=cwd)
    broken = sorted({d.span.path for d in report.diagnostics if d.code in INPUT_ERROR_CODES})
    if broken:
        raise BaselineError(f"not writing a baseline: cannot check {', '.join(broken)} (CC001/CC003); fix that first")
    return write_baseline(report, target, shown), shown
