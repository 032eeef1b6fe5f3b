"""The JSON report, a public contract (``citecheck-report/1``): see docs/architecture.md.

Keys and their order are fixed; positions are 1-based and come from ``SourceFile.locate``.
A position in a packaged document (a .docx, laid out as one paragraph a line) also carries
``place``, the paragraph and character as a person finds them (``"¶12:34"``); ``line`` and
``column`` then count in the text the reader laid out, as ``citecheck extract`` shows it.

The text is what ``json.dumps(data, ensure_ascii=False, indent=2)`` writes, written by
:func:`dumps` (also SARIF's): the standard library's indenting encoder is pure Python and took
seconds for a report of 20,000 findings.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from types import GeneratorType
from typing import TYPE_CHECKING, Any, TextIO

import citecheck
from citecheck.diagnostics import Severity
from citecheck.report import Prepared

if TYPE_CHECKING:
    from citecheck.diagnostics import Diagnostic
    from citecheck.model import Citation, Document, Marker, Note
    from citecheck.report import Report
    from citecheck.source import Span

SCHEMA = "citecheck-report/1"
SEVERITY_LABELS = {severity: severity.label for severity in Severity}


def _place(report: Report, span: Span) -> dict[str, str]:
    """``{"place": "¶12:34"}`` for a position in a packaged document; nothing for a text file."""
    source = report.source_for(span)
    if source is None or source.paragraphs is None:
        return {}
    return {"place": source.place(span)}


def _elsewhere(document: Document, span: Span) -> dict[str, Any]:
    """``{"path": ...}`` for an item in another file than the document's own (a paired notes
    file, a chapter inside an EPUB), else nothing."""
    return {"path": span.path} if span.path != document.path else {}


def _marker(report: Report, document: Document, marker: Marker) -> dict[str, Any]:
    where = report.locate(marker.span)
    data: dict[str, Any] = {
        "number": marker.number,
        "text": marker.text,
        "line": where.line,
        "column": where.column,
        "label": marker.label,
        "style": marker.style,
        "chapter": marker.chapter,
    }
    if marker.intended is not None:
        data["intended"] = marker.intended
    data.update(_elsewhere(document, marker.span))
    data.update(_place(report, marker.span))
    return data


def _note(report: Report, document: Document, note: Note) -> dict[str, Any]:
    where = report.locate(note.span)
    data: dict[str, Any] = {
        "number": note.number,
        "line": where.line,
        "column": where.column,
        "text": note.text,
        "label": note.label,
        "style": note.style,
        "chapter": note.chapter,
    }
    if note.keyed_to is not None:
        data["keyed_to"] = {"page": note.keyed_to.page, "line": note.keyed_to.line}
    data.update(_elsewhere(document, note.span))
    data.update(_place(report, note.span))
    return data


def _citation(report: Report, document: Document, citation: Citation) -> dict[str, Any]:
    where = report.locate(citation.span)
    data: dict[str, Any] = {
        "kind": citation.kind,
        "text": citation.text,
        "line": where.line,
        "column": where.column,
        "note": citation.note,
        "key": citation.key,
        "locator": citation.locator,
    }
    if citation.status is not None:  # reconciled against a bibliography
        data["status"] = citation.status
        data["confidence"] = citation.confidence
        data["candidates"] = [{"key": key, "score": score} for key, score in citation.candidates]
    data.update(_elsewhere(document, citation.span))
    data.update(_place(report, citation.span))
    return data


def _diagnostic(report: Report, diagnostic: Diagnostic) -> dict[str, Any]:
    where = report.locate(diagnostic.span)
    fix = diagnostic.fix
    data: dict[str, Any] = {
        "code": diagnostic.code,
        "name": diagnostic.name,
        "severity": diagnostic.severity.label,
        "message": diagnostic.message,
        "path": diagnostic.span.path,
        "line": where.line,
        "column": where.column,
        "end_line": where.end_line,
        "end_column": where.end_column,
        "fix": None if fix is None else {"description": fix.description, "replacement": fix.replacement},
    }
    data.update(_place(report, diagnostic.span))
    return data


def document_data(report: Report, document: Document) -> dict[str, Any]:
    return {
        "path": document.path,
        "format": document.format,
        "markers": [_marker(report, document, marker) for marker in document.markers],
        "notes": [_note(report, document, note) for note in document.notes],
        "citations": [_citation(report, document, citation) for citation in document.citations],
    }


def report_data(report: Report) -> dict[str, Any]:
    """The whole report as plain data, in the contract's key order."""
    return _report(report, [_diagnostic(report, diagnostic) for diagnostic in report.diagnostics])


def _report(report: Report, diagnostics: Iterable[Any]) -> dict[str, Any]:
    found = report.severities()
    return {
        "schema": SCHEMA,
        "tool": {"name": "citecheck", "version": citecheck.__version__},
        "summary": {
            "documents": len(report.documents),
            "markers": report.markers,
            "notes": report.notes,
            "citations": report.citations,
            "errors": found[Severity.ERROR],
            "warnings": found[Severity.WARNING],
            "bibliographies": list(report.bibliographies),
            "skipped": list(report.skipped),
            "remarks": list(report.remarks),
        },
        "documents": [document_data(report, document) for document in report.documents],
        "diagnostics": diagnostics,
    }


def _diagnostic_texts(prepared: Prepared) -> Iterator[dict[str, Any] | Raw]:
    """:func:`_diagnostic` of each finding as :func:`dump` writes it, one at a time: a finding
    in a text file written here as text (five times faster for a large report), one in a
    packaged document as data. :func:`report_data` gives the same as data (a test holds the
    two equal)."""
    for diagnostic, source, where, _ in prepared.located:
        if source is not None and source.paragraphs is not None:
            yield _diagnostic(prepared.report, diagnostic)
            continue
        fix = diagnostic.fix
        fixed = "null" if fix is None else (
            f"{{\n        \"description\": {STRING(fix.description)},\n"
            f"        \"replacement\": {STRING(fix.replacement)}\n      }}"
        )  # fmt: skip
        yield Raw(f"""{{
      "code": {STRING(diagnostic.code)},
      "name": {STRING(diagnostic.name)},
      "severity": "{SEVERITY_LABELS[diagnostic.severity]}",
      "message": {STRING(diagnostic.message)},
      "path": {STRING(diagnostic.span.path)},
      "line": {where.line},
      "column": {where.column},
      "end_line": {where.end_line},
      "end_column": {where.end_column},
      "fix": {fixed}
    }}""")


def render(report: Report | Prepared, *, color: bool = False) -> str:
    """JSON text (``color`` is ignored): indent 2, UTF-8 characters kept, newline at the end.
    The findings are written one at a time, never held as data all at once."""
    prepared = Prepared.of(report)
    return dumps(_report(prepared.report, _diagnostic_texts(prepared)), end="\n")


def write(report: Report | Prepared, out: TextIO, *, color: bool = False) -> None:
    """:func:`render` written to ``out`` a chunk at a time."""
    prepared = Prepared.of(report)
    dump(_report(prepared.report, _diagnostic_texts(prepared)), out.write, end="\n")


STRING: Callable[[str], str] = json.encoder.encode_basestring  # type: ignore[attr-defined]  # C, UTF-8 kept


class Raw(str):
    """JSON text already written for its place in the document (its indentation included):
    :func:`dump` writes it as it is."""

    __slots__ = ()


def dumps(data: Any, end: str = "", indent: str = "\n") -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2) + end`` for plain data: :func:`dump`
    kept as one text. ``indent`` is the line break and indentation of the place the text goes
    to (a value nested in another written by hand)."""
    chunks: list[str] = []
    dump(data, chunks.append, end, indent)
    return "".join(chunks)


def dump(data: Any, emit: Callable[[str], object], end: str = "", indent: str = "\n") -> None:
    """``json.dumps(data, ensure_ascii=False, indent=2) + end`` for plain data (dicts with string
    keys, lists, tuples, strings, numbers, booleans, None), in one recursive pass, handed to
    ``emit`` in chunks of a few thousand pieces (a file's ``write``): a generator is written as
    a list, item by item as it makes them, so a large report is never held whole, as data or
    as text."""
    pieces: list[str] = []
    _write(data, indent, pieces, emit)
    pieces.append(end)
    emit("".join(pieces))


_CHUNK = 4096  # pieces joined into one string at a time


def _write(value: Any, newline: str, pieces: list[str], emit: Callable[[str], object]) -> None:
    kind = type(value)
    if kind is str:
        pieces.append(STRING(value))
    elif kind is Raw:
        pieces.append(value)
    elif kind is dict:
        if not value:
            pieces.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise TypeError(f"keys must be str, not {type(key).__name__}")
            item_kind = type(item)
            if item_kind is str:  # the common leaves, written here rather than by a call each
                pieces.append(separator + STRING(key) + ": " + STRING(item))
            elif item_kind is int:
                pieces.append(separator + STRING(key) + ": " + int.__repr__(item))
            else:
                pieces.append(separator + STRING(key) + ": ")
                _write(item, inner, pieces, emit)
            separator = "," + inner
        pieces.append(newline + "}")
    elif kind is list or kind is tuple or kind is GeneratorType:
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            pieces.append(separator)
            if type(item) is Raw:  # a finding written already: the common item of a large report
                pieces.append(item)
            else:
                _write(item, inner, pieces, emit)
            separator = "," + inner
            if len(pieces) > _CHUNK:
                emit("".join(pieces))
                pieces.clear()
        pieces.append("[]" if separator[0] == "[" else newline + "]")
    elif value is None:
        pieces.append("null")
    elif value is True:
        pieces.append("true")
    elif value is False:
        pieces.append("false")
    elif isinstance(value, int):
        pieces.append(int.__repr__(value))
    elif isinstance(value, float):
        pieces.append(json.dumps(value))
    else:
        raise TypeError(f"Object of type {kind.__name__} is not JSON serializable")
