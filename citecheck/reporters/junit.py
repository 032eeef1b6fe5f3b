"""JUnit XML for CI dashboards.

One ``<testsuite>`` per file (documents, their notes files, the bibliography, and any file a
finding names), in the report's order. Each finding is a ``<testcase>``; errors and warnings
carry a ``<failure>`` (type = the code, message = the message, text = the finding with its
excerpt), info findings pass with their text in ``<system-out>``. A file without findings gets
one passing test case, so a dashboard shows it was checked. ElementTree escapes; characters that
XML 1.0 cannot hold become U+FFFD.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from citecheck.diagnostics import Severity
from citecheck.reporters import text

if TYPE_CHECKING:
    from citecheck.diagnostics import Diagnostic
    from citecheck.report import Report

FILE_NAME = "citecheck.junit.xml"

_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(value: str) -> str:
    """``value`` with the characters XML 1.0 forbids replaced by U+FFFD."""
    return _NOT_XML.sub("\N{REPLACEMENT CHARACTER}", value)


def _testcase(report: Report, diagnostic: Diagnostic) -> ET.Element:
    where = report.locate(diagnostic.span)
    path = diagnostic.span.path
    case = ET.Element(
        "testcase",
        {
            "classname": clean(path),
            "name": clean(f"{diagnostic.code} {diagnostic.name} at {report.place(diagnostic.span)}"),
            "file": clean(path),
            "line": str(where.line),
        },
    )
    body = clean("".join(text.plain(line) + "\n" for line in text.diagnostic_lines(report, diagnostic)))
    if diagnostic.severity >= Severity.WARNING:
        failure = ET.SubElement(case, "failure", {"type": diagnostic.code, "message": clean(diagnostic.message)})
        failure.text = body
    else:
        ET.SubElement(case, "system-out").text = body
    return case


def junit_tree(report: Report) -> ET.Element:
    paths = list(dict.fromkeys([*report.sources, *(d.span.path for d in report.diagnostics)]))
    by_path: dict[str, list[Diagnostic]] = {path: [] for path in paths}
    for diagnostic in report.diagnostics:
        by_path[diagnostic.span.path].append(diagnostic)
    root = ET.Element("testsuites", {"name": "citecheck"})
    total = failures = 0
    for path, found in by_path.items():
        cases = [_testcase(report, d) for d in found]
        if not cases:
            cases = [ET.Element("testcase", {"classname": clean(path), "name": "no findings", "file": clean(path)})]
        failed = sum(1 for d in found if d.severity >= Severity.WARNING)
        suite = ET.SubElement(
            root,
            "testsuite",
            {"name": clean(path), "tests": str(len(cases)), "failures": str(failed), "errors": "0", "skipped": "0"},
        )
        suite.extend(cases)
        total += len(cases)
        failures += failed
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    return root


def render(report: Report, *, color: bool = False) -> str:
    """The XML document, indented, with a declaration (``color`` is ignored)."""
    root = junit_tree(report)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
