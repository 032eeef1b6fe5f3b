"""The baseline file that lets an old manuscript adopt citecheck: the findings it lists are hidden.

Findings are matched by their fingerprints (:mod:`citecheck.fingerprints`), which survive lines
moving; paths are the paths as reported, so make the baseline and check against it from the same
folder (the project root, as CI does).

A baseline file (``citecheck baseline``) is JSON::

    {"schema": "citecheck-baseline/1",
     "findings": [{"fingerprint": "…:0", "code": "CC101", "path": "ch1.txt", "line": 3,
                   "message": "…"}]}

``code``, ``path``, ``line`` and ``message`` are for people reading the file; matching uses the
fingerprint only, as a multiset (a fingerprint listed twice hides two findings).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from citecheck.diagnostics import Diagnostic
from citecheck.errors import CitecheckError
from citecheck.files import refuse_overwrite, write_atomically
from citecheck.fingerprints import fingerprints
from citecheck.report import Report

__all__ = [
    "DEFAULT_BASELINE",
    "SCHEMA",
    "Baseline",
    "BaselineError",
    "apply_baseline",
    "baseline_document",
    "load_baseline",
    "write_baseline",
]

SCHEMA = "citecheck-baseline/1"
DEFAULT_BASELINE = "citecheck-baseline.json"


class BaselineError(CitecheckError):
    """The baseline file cannot be read or is not a citecheck baseline (exit status 2)."""


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

    Refuses to replace an input file (:class:`~citecheck.errors.OutputError`); a file that
    cannot be written is a :class:`BaselineError`.
    """
    import json  # a baseline read or written, not every run

    refuse_overwrite(path, set(report.inputs), f"refusing to write the baseline to {shown}: it is one of the input files")
    document = baseline_document(report)
    try:
        write_atomically(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    except OSError as error:
        raise BaselineError(f"cannot write the baseline {shown}: {error.strerror or error}") from None
    return len(document["findings"])  # type: ignore[arg-type]


def load_baseline(path: Path, shown: str) -> Baseline:
    """Read a baseline file; a missing, unreadable or malformed file is a :class:`BaselineError`."""
    import json

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
