"""SARIF 2.1.0 for code scanning: one run, every registered rule, one result per finding.

* ``tool.driver.rules`` lists every registered rule (id = code, name = kebab name, short
  description = the docstring's first line, full description and help = the docstring, default
  level from the severity); a finding whose code is not registered gets a descriptor of its own,
  so ``ruleIndex`` always points into the list.
* Locations use the display path, relative to ``%SRCROOT%`` (absolute paths become ``file:`` URIs),
  and 1-based regions whose ``endColumn`` is exclusive, as SARIF wants (our ``end_column`` is the
  column of the last character). Columns count code points (``columnKind``). A finding about a
  file as a whole (one that could not be read) has no region. A packaged document (a .docx)
  has no lines to point at: its findings name the file with no region and a logical location,
  the paragraph and character (``¶12:34``) with the XML part it stands in.
* ``partialFingerprints["citecheck/v1"]`` comes from :mod:`citecheck.fingerprints` (the one definition, shared with baselines): it
  does not change when lines move.
* A :class:`~citecheck.diagnostics.Fix` becomes ``fixes`` (one replacement of the region).
* The run's remarks (what it did not do: "citations not checked: no bibliography", files no
  reader knows) are ``invocations[0].toolExecutionNotifications``, level warning.
* At most :data:`RESULT_LIMIT` results: GitHub code scanning rejects a whole file whose run has
  more (a 120,000-entry bibliography that a short manuscript cites little of has that many unused
  entries). The most severe are kept (errors, then warnings, then notes), in the report's order,
  and a notification says how many are left out; the other reports hold every finding, and the
  fingerprints are those of the full report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

import citecheck
from citecheck.diagnostics import Severity
from citecheck.fingerprints import VERSION, fingerprint, numbered
from citecheck.report import Prepared
from citecheck.reporters.json import STRING
from citecheck.reporters.json import Raw, dump, dumps
from citecheck.rules import all_rules

if TYPE_CHECKING:
    from citecheck.diagnostics import Diagnostic
    from citecheck.report import Located, Report
    from citecheck.source import Location, SourceFile, Span

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = f"citecheck/{VERSION}"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
RESULT_LIMIT = 25_000  # results per run that GitHub code scanning accepts
_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def _descriptor(code: str, name: str, severity: Severity, doc: str, summary: str) -> dict[str, Any]:
    doc = doc or name
    return {
        "id": code,
        "name": name,
        "shortDescription": {"text": summary or name},
        "fullDescription": {"text": doc},
        "help": {"text": doc},
        "defaultConfiguration": {"level": LEVELS[severity]},
    }


def _rules(report: Report) -> tuple[list[dict[str, Any]], dict[str, int]]:
    descriptors = [_descriptor(r.code, r.name, r.severity, r.doc, r.summary) for r in all_rules()]
    index = {descriptor["id"]: number for number, descriptor in enumerate(descriptors)}
    for diagnostic in report.diagnostics:
        if diagnostic.code not in index:
            index[diagnostic.code] = len(descriptors)
            descriptors.append(_descriptor(diagnostic.code, diagnostic.name, diagnostic.severity, "", ""))
    return descriptors, index


def artifact_location(path: str) -> dict[str, Any]:
    """Relative display paths against ``%SRCROOT%``; absolute ones as ``file:`` URIs."""
    posix = PurePosixPath(path)
    if posix.is_absolute():
        return {"uri": "file://" + quote(posix.as_posix(), safe="/")}
    return {"uri": quote(posix.as_posix(), safe="/"), "uriBaseId": SRCROOT}


def region(report: Report, span: Span) -> dict[str, Any] | None:
    """1-based region with an exclusive ``endColumn``; None for a file that was not read."""
    source = report.source_for(span)
    if source is None or source.paragraphs is not None:
        return None
    where = source.locate(span)
    if span.end <= span.start:  # an insertion point: a region of length zero
        end_line, end_column = where.line, where.column
    else:
        end_line, end_column = where.end_line, where.end_column + 1
    data: dict[str, Any] = {
        "startLine": where.line,
        "startColumn": where.column,
        "endLine": end_line,
        "endColumn": end_column,
    }
    if span.end > span.start:
        data["snippet"] = {"text": source.text[span.start : span.end]}
    return data


def _physical(report: Report, span: Span) -> dict[str, Any]:
    data: dict[str, Any] = {"artifactLocation": artifact_location(span.path)}
    found = region(report, span)
    if found is not None:
        data["region"] = found
    return data


def _location(report: Report, span: Span) -> dict[str, Any]:
    data: dict[str, Any] = {"physicalLocation": _physical(report, span)}
    source = report.source_for(span)
    paragraph = source.paragraph(span) if source is not None else None
    if source is not None and paragraph is not None:
        place = source.place(span)
        data["logicalLocations"] = [
            {"name": place, "fullyQualifiedName": f"{paragraph.part}/{place}", "kind": "element"}
        ]
    return data


def _fixes(report: Report, diagnostic: Diagnostic) -> list[dict[str, Any]] | None:
    fix = diagnostic.fix
    if fix is None:
        return None
    span = fix.span or diagnostic.span
    deleted = region(report, span)
    if deleted is None:
        return None
    deleted.pop("snippet", None)
    return [
        {
            "description": {"text": fix.description},
            "artifactChanges": [
                {
                    "artifactLocation": artifact_location(span.path),
                    "replacements": [{"deletedRegion": deleted, "insertedContent": {"text": fix.replacement}}],
                }
            ],
        }
    ]


def _result(report: Report, diagnostic: Diagnostic, rule_index: int, fingerprint: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "ruleId": diagnostic.code,
        "ruleIndex": rule_index,
        "level": LEVELS[diagnostic.severity],
        "message": {"text": diagnostic.message},
        "locations": [_location(report, diagnostic.span)],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    fixes = _fixes(report, diagnostic)
    if fixes is not None:
        data["fixes"] = fixes
    return data


def _fingerprinted(prepared: Prepared) -> Iterator[tuple[Located, str]]:
    """Each finding written, located, with its numbered fingerprint (numbered over the whole
    report, so that leaving findings out changes no fingerprint)."""
    located = prepared.located
    pairs = zip(located, numbered(fingerprint(found.diagnostic, found.source, found.where) for found in located))
    if len(located) <= RESULT_LIMIT:
        return pairs
    every = list(pairs)
    kept = sorted(range(len(every)), key=lambda number: _SEVERITY_RANK[every[number][0].diagnostic.severity])
    return (every[number] for number in sorted(kept[:RESULT_LIMIT]))


def _left_out(report: Report) -> str | None:
    """The notification that findings past :data:`RESULT_LIMIT` are not in the file, if any are."""
    total = len(report.diagnostics)
    if total <= RESULT_LIMIT:
        return None
    return (
        f"{total - RESULT_LIMIT:,} of {total:,} findings are not in this file: GitHub code scanning rejects "
        f"a run of more than {RESULT_LIMIT:,} results, so the most severe {RESULT_LIMIT:,} are kept "
        "(errors, then warnings, then notes); the JSON and text reports hold every finding"
    )


def _results(prepared: Prepared, rule_index: dict[str, int]) -> Iterator[dict[str, Any]]:
    for found, fingerprinted in _fingerprinted(prepared):
        yield _result(prepared.report, found.diagnostic, rule_index[found.diagnostic.code], fingerprinted)


_ARTIFACT_INDENT = "\n" + " " * 16  # where a result's artifactLocation stands in the log


def _result_texts(prepared: Prepared, rule_index: dict[str, int]) -> Iterator[dict[str, Any] | Raw]:
    """:func:`_results` as :func:`dump` writes them, the common result (a region in a text file,
    no fix) written here as text, which is five times faster for a large report; the others
    as data. ``sarif_log`` gives the same results as data (a test holds the two equal). What
    the results of one rule share, and those in one file, is written once."""
    heads: dict[tuple[str, Severity], str] = {}  # a rule's result up to its message
    locations: dict[str, str] = {}  # from the message to a file's artifactLocation
    for found, fingerprinted in _fingerprinted(prepared):
        diagnostic, source, where, _ = found
        span = diagnostic.span
        if diagnostic.fix is not None or (source is not None and source.paragraphs is not None):
            yield _result(prepared.report, diagnostic, rule_index[diagnostic.code], fingerprinted)
            continue
        head = heads.get((diagnostic.code, diagnostic.severity))
        if head is None:
            code, severity = diagnostic.code, diagnostic.severity
            head = heads[code, severity] = f"""{{
          "ruleId": {STRING(code)},
          "ruleIndex": {rule_index[code]},
          "level": "{LEVELS[severity]}",
          "message": {{
            "text": """
        location = locations.get(span.path)
        if location is None:
            location = locations[span.path] = f"""
          }},
          "locations": [
            {{
              "physicalLocation": {{
                "artifactLocation": {dumps(artifact_location(span.path), indent=_ARTIFACT_INDENT)}"""
        region = "" if source is None else _region_text(source, span, where)
        yield Raw(f"""{head}{STRING(diagnostic.message)}{location}{region}
              }}
            }}
          ],
          "partialFingerprints": {{
            {_FINGERPRINT_NAME}: {STRING(fingerprinted)}
          }}
        }}""")


_FINGERPRINT_NAME = STRING(FINGERPRINT_KEY)


def _region_text(source: SourceFile, span: Span, where: Location) -> str:
    """:func:`region` as written in a result."""
    if span.end <= span.start:  # an insertion point: a region of length zero
        end_line, end_column, snippet = where.line, where.column, ""
    else:
        end_line, end_column = where.end_line, where.end_column + 1
        snippet = f""",
                  "snippet": {{
                    "text": {STRING(source.text[span.start : span.end])}
                  }}"""
    return f""",
                "region": {{
                  "startLine": {where.line},
                  "startColumn": {where.column},
                  "endLine": {end_line},
                  "endColumn": {end_column}{snippet}
                }}"""


def _invocation(report: Report) -> dict[str, Any]:
    """The run itself: it ended (findings are results, not a failure), with its remarks."""
    data: dict[str, Any] = {"executionSuccessful": True}
    left_out = _left_out(report)
    remarks = (*report.remarks, *([left_out] if left_out else []))
    if remarks:
        data["toolExecutionNotifications"] = [{"level": "warning", "message": {"text": remark}} for remark in remarks]
    return data


def _log(report: Report, results: Callable[[dict[str, int]], Iterable[dict[str, Any]]]) -> dict[str, Any]:
    """The log around ``results(rule_index)``."""
    descriptors, index = _rules(report)
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "citecheck",
                        "version": citecheck.__version__,
                        "rules": descriptors,
                    }
                },
                "invocations": [_invocation(report)],
                "columnKind": "unicodeCodePoints",
                "results": results(index),
            }
        ],
    }


def sarif_log(report: Report) -> dict[str, Any]:
    """The SARIF log as plain data."""
    prepared = Prepared(report)
    return _log(report, lambda index: list(_results(prepared, index)))


def render(report: Report | Prepared, *, color: bool = False) -> str:
    """SARIF JSON (``color`` is ignored): indent 2, UTF-8 characters kept, newline at the end.
    Each result is written as it is made: a report of 100,000 findings is never held as data."""
    prepared = Prepared.of(report)
    return dumps(_log(prepared.report, lambda index: _result_texts(prepared, index)), end="\n")


def write(report: Report | Prepared, out: TextIO, *, color: bool = False) -> None:
    """:func:`render` written to ``out`` a result at a time: a report of 100,000 findings is
    never held, as data or as text."""
    prepared = Prepared.of(report)
    dump(_log(prepared.report, lambda index: _result_texts(prepared, index)), out.write, end="\n")
