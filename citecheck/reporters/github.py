"""GitHub Actions workflow commands: one annotation per finding.

::

    ::error file=chapters/ch1.txt,line=5,col=27,endLine=5,endColumn=27,title=CC101 missing-note::marker 5 has no note

``warning`` findings become ``::warning``, ``info`` ones ``::notice``. ``endColumn`` is the column of
the last character, like ``end_column`` in the JSON report. A finding about a whole file that
could not be read names only the file, and so does one in a packaged document (a .docx: no
lines), whose message starts with the paragraph and character (``¶12:34: …``). The run's remarks
follow as ``::warning title=citecheck::citations not checked: no bibliography``. Values are
escaped as GitHub's toolkit escapes them:
``%``, CR and LF in the message, and in properties also ``:`` and ``,``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from citecheck.diagnostics import Severity
from citecheck.report import Prepared

if TYPE_CHECKING:
    from citecheck.report import Located, Report

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(found: Located) -> str:
    """The workflow command of one finding (without a newline)."""
    diagnostic, source, where, place = found
    span = diagnostic.span
    properties = [("file", span.path)]
    message = diagnostic.message
    if source is not None and source.paragraphs is not None:
        message = f"{place}: {message}"
    elif source is not None:
        properties += [("line", str(where.line)), ("col", str(where.column))]
        if span.end > span.start:
            properties += [("endLine", str(where.end_line)), ("endColumn", str(where.end_column))]
    properties.append(("title", f"{diagnostic.code} {diagnostic.name}"))
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{COMMANDS[diagnostic.severity]} {joined}::{escape_data(message)}"


def render(report: Report | Prepared, *, color: bool = False) -> str:
    """One line per finding, then one ``::warning`` per remark of the run (what it did not do:
    "citations not checked: no bibliography"), which names no file; nothing at all when there
    are neither (``color`` is ignored)."""
    prepared = Prepared.of(report)
    findings = "".join([command(found) + "\n" for found in prepared.located])
    report = prepared.report
    return findings + "".join(f"::warning title=citecheck::{escape_data(remark)}\n" for remark in report.remarks)


def write(report: Report | Prepared, out: TextIO, *, color: bool = False) -> None:
    """:func:`render` written to ``out``."""
    out.write(render(report))
