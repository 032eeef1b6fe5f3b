"""JUnit XML for CI dashboards.

One ``<testsuite>`` per file (documents, their notes files, the bibliography, and any file a
finding names), in the report's order. Each finding is a ``<testcase>``; errors and warnings
carry a ``<failure>`` (type = the code, message = the message, text = the finding with its
excerpt), info findings pass with their text in ``<system-out>``. A file without findings gets
one passing test case, so a dashboard shows it was checked. The run's remarks ("citations not
checked: no bibliography", files no reader knows) are skipped test cases of a last suite named
``citecheck``. The text is what ElementTree writes
for the tree, indented (the same escapes); characters that XML 1.0 cannot hold become U+FFFD.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, TextIO

from citecheck.diagnostics import Severity
from citecheck.report import Prepared
from citecheck.reporters import text

if TYPE_CHECKING:
    from citecheck.report import Located, Report

# What XML 1.0 forbids: control characters but tab and line ends, surrogates, U+FFFE and U+FFFF
# (a class of the few, which compiles in a fraction of the time its complement takes).
_FORBIDDEN = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
_NOT_XML = re.compile(f"[{_FORBIDDEN}]")


def clean(value: str) -> str:
    """``value`` with the characters XML 1.0 forbids replaced by U+FFFD."""
    return _NOT_XML.sub("\N{REPLACEMENT CHARACTER}", value)


def escape(value: str) -> str:
    """``&``, ``<`` and ``>`` as entities, as ElementTree writes text (``xml.sax.saxutils``
    would do the same, but importing it brings urllib and ssl into every run's start-up)."""
    return value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


# What a text cannot hold as it is: the escaped characters and those XML forbids.
_NOT_PLAIN_TEXT = re.compile(f"[{_FORBIDDEN}&<>]")
# What an attribute value cannot hold as it is: the escaped characters and those XML forbids.
_NOT_PLAIN_ATTRIBUTE = re.compile(f'[{_FORBIDDEN}&<>"\r\n\t]')


def _attribute(value: str) -> str:
    """An attribute value as ElementTree writes it (cleaned, escaped, quotes and line ends as
    entities); most values need none of it."""
    if _NOT_PLAIN_ATTRIBUTE.search(value) is None:
        return value
    return escape(clean(value)).replace('"', "&quot;").replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#09;")


def _element(tag: str, attributes: dict[str, str]) -> str:
    """An opening tag (no ``>``), attributes cleaned and escaped as ElementTree writes them."""
    pairs = "".join([f' {name}="{_attribute(value)}"' for name, value in attributes.items()])
    return f"<{tag}{pairs}"


class _Cases:
    """The test cases of one file's findings: what all of them share (the path, the code and
    name of each rule) escaped once, each finding's place, line and text put in between."""

    def __init__(self, path: str) -> None:
        self.opening = f'\n    <testcase classname="{_attribute(path)}" name="'
        self.closing = f'" file="{_attribute(path)}" line="'
        self._heads: dict[tuple[str, str], str] = {}

    def case(self, found: Located, finding_text: str) -> str:
        """One finding's ``<testcase>``, its text (:func:`text.finding_text`) in its
        ``<failure>`` (errors and warnings) or ``<system-out>`` (info)."""
        diagnostic = found.diagnostic
        code = diagnostic.code
        head = self._heads.get((code, diagnostic.name))
        if head is None:
            head = self._heads[code, diagnostic.name] = _attribute(f"{code} {diagnostic.name} at ")
        if _NOT_PLAIN_TEXT.search(finding_text) is not None:
            finding_text = escape(clean(finding_text))
        if diagnostic.severity >= Severity.WARNING:
            inner = (
                f'<failure type="{_attribute(code)}" message="{_attribute(diagnostic.message)}">'
                f"{finding_text}</failure>"
            )
        else:
            inner = f"<system-out>{finding_text}</system-out>"
        return (
            f"{self.opening}{head}{_attribute(found.place)}{self.closing}{found.where.line}\">"
            f"\n      {inner}\n    </testcase>"
        )


_BATCH = 1024  # test cases joined into one text at a time


def render(report: Report | Prepared, *, color: bool = False) -> str:
    """The XML document as ElementTree writes it indented, with a declaration (``color`` is
    ignored); written as text, a case at a time, which is four times faster for a large report."""
    out = io.StringIO()
    write(report, out)
    return out.getvalue()


def write(report: Report | Prepared, out: TextIO, *, color: bool = False) -> None:
    """:func:`render` written to ``out`` a thousand test cases at a time."""
    prepared = Prepared.of(report)
    report = prepared.report
    paths = list(dict.fromkeys([*report.sources, *(d.span.path for d in report.diagnostics)]))
    by_path: dict[str, list[tuple[Located, str]]] = {path: [] for path in paths}
    for found, shown in zip(prepared.located, prepared.each(text.finding_text)):
        by_path[found.diagnostic.span.path].append((found, shown))
    remarks = report.remarks
    counted = [
        (path, max(len(found), 1), sum(1 for item, _ in found if item.diagnostic.severity >= Severity.WARNING))
        for path, found in by_path.items()
    ]
    total = sum(cases for _, cases, _ in counted) + len(remarks)
    failures = sum(failed for _, _, failed in counted)
    root = _element("testsuites", {"name": "citecheck", "tests": str(total), "failures": str(failures), "errors": "0"})
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    if not counted and not remarks:
        out.write(f"{root} />\n")
        return
    out.write(f"{root}>")
    for (path, cases, failed), found in zip(counted, by_path.values()):
        suite = _element(
            "testsuite", {"name": path, "tests": str(cases), "failures": str(failed), "errors": "0", "skipped": "0"}
        )
        out.write(f"\n  {suite}>")
        if not found:
            out.write("\n    " + _element("testcase", {"classname": path, "name": "no findings", "file": path}) + " />")
        cases = _Cases(path)
        for start in range(0, len(found), _BATCH):
            out.write("".join([cases.case(item, shown) for item, shown in found[start : start + _BATCH]]))
        out.write("\n  </testsuite>")
    if remarks:  # what the run did not do: skipped, so that a dashboard does not show it green
        suite = _element(
            "testsuite",
            {"name": "citecheck", "tests": str(len(remarks)), "failures": "0", "errors": "0", "skipped": str(len(remarks))},
        )
        out.write(f"\n  {suite}>")
        for remark in remarks:
            out.write(
                "\n    " + _element("testcase", {"classname": "citecheck", "name": remark}) + ">\n      "
                + _element("skipped", {"message": remark}) + " />\n    </testcase>"
            )  # fmt: skip
        out.write("\n  </testsuite>")
    out.write("\n</testsuites>\n")
