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
from collections.abc import Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, TextIO, TypeVar

from citecheck.diagnostics import Severity
from citecheck.report import Prepared
from citecheck.reporters import escaped_each, text

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


def _text(value: str) -> str:
    """A text as ElementTree writes it (cleaned, escaped)."""
    return escape(clean(value))


class _Cases:
    """The test cases of one file's findings: what all of them share (the path, the code and
    name of each rule) escaped once, each finding's place, line and text put in between."""

    def __init__(self, path: str) -> None:
        self.opening = f'\n    <testcase classname="{_attribute(path)}" name="'
        self.closing = f'" file="{_attribute(path)}" line="'
        self._shared: dict[tuple[str, str], tuple[str, str]] = {}  # a rule's name attribute up to the place, and its type

    def cases(self, found: Sequence[Located], finding_texts: Sequence[str]) -> str:
        """The findings' ``<testcase>`` elements, each with its text (:func:`text.finding_text`)
        in its ``<failure>`` (errors and warnings) or ``<system-out>`` (info)."""
        texts = escaped_each(list(finding_texts), _NOT_PLAIN_TEXT, _text)
        messages = escaped_each([item.diagnostic.message for item in found], _NOT_PLAIN_ATTRIBUTE, _attribute)
        places = escaped_each([item.place for item in found], _NOT_PLAIN_ATTRIBUTE, _attribute)
        return "".join(map(self._case, found, texts, messages, places))

    def _case(self, found: Located, text: str, message: str, place: str) -> str:
        """One ``<testcase>``, its text, message and place escaped already."""
        diagnostic = found.diagnostic
        code = diagnostic.code
        shared = self._shared.get((code, diagnostic.name))
        if shared is None:
            shared = self._shared[code, diagnostic.name] = (_attribute(f"{code} {diagnostic.name} at "), _attribute(code))
        head, kind = shared
        if diagnostic.severity >= Severity.WARNING:
            inner = f'<failure type="{kind}" message="{message}">{text}</failure>'
        else:
            inner = f"<system-out>{text}</system-out>"
        return f'{self.opening}{head}{place}{self.closing}{found.where.line}">\n      {inner}\n    </testcase>'


_BATCH = 1024  # test cases joined into one text at a time


def render(report: Report | Prepared, *, color: bool = False) -> str:
    """The XML document as ElementTree writes it indented, with a declaration (``color`` is
    ignored); written as text, a case at a time, which is four times faster for a large report."""
    out = io.StringIO()
    write(report, out)
    return out.getvalue()


_PATH = attrgetter("diagnostic.span.path")
_SEVERITY = attrgetter("diagnostic.severity")
Item = TypeVar("Item")


def _picked(items: Sequence[Item], numbers: list[int]) -> Sequence[Item]:
    """The ``items`` at ``numbers`` (ascending): a slice when they stand together, as the
    findings of one file do in a report sorted by path."""
    if numbers and numbers[-1] - numbers[0] + 1 == len(numbers):
        return items[numbers[0] : numbers[-1] + 1]
    return [items[number] for number in numbers]


def write(report: Report | Prepared, out: TextIO, *, color: bool = False) -> None:
    """:func:`render` written to ``out`` a thousand test cases at a time."""
    prepared = Prepared.of(report)
    report = prepared.report
    located, shown = prepared.located, prepared.each(text.finding_text)
    numbers: dict[str, list[int]] = {path: [] for path in dict.fromkeys([*report.sources, *map(_PATH, located)])}
    for number, path in enumerate(map(_PATH, located)):
        numbers[path].append(number)
    suites = [(path, _picked(located, found), _picked(shown, found)) for path, found in numbers.items()]
    remarks = report.remarks
    counted = [
        (max(len(found), 1), len(found) - list(map(_SEVERITY, found)).count(Severity.INFO)) for _, found, _ in suites
    ]
    total = sum(cases for cases, _ in counted) + len(remarks)
    failures = sum(failed for _, failed in counted)
    root = _element("testsuites", {"name": "citecheck", "tests": str(total), "failures": str(failures), "errors": "0"})
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    if not counted and not remarks:
        out.write(f"{root} />\n")
        return
    out.write(f"{root}>")
    for (path, found, texts), (cases, failed) in zip(suites, counted):
        suite = _element(
            "testsuite", {"name": path, "tests": str(cases), "failures": str(failed), "errors": "0", "skipped": "0"}
        )
        out.write(f"\n  {suite}>")
        if not found:
            out.write("\n    " + _element("testcase", {"classname": path, "name": "no findings", "file": path}) + " />")
        file_cases = _Cases(path)
        for start in range(0, len(found), _BATCH):
            out.write(file_cases.cases(found[start : start + _BATCH], texts[start : start + _BATCH]))
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
