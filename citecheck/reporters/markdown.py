"""A Markdown summary for ``$GITHUB_STEP_SUMMARY`` or a pull-request comment.

A headline with the counts, a table of findings per code and one per file, then the first
:data:`LIMIT` findings, each with its position, code, message and source excerpt in a fenced
block, and a line saying how many were left out. Text from manuscripts is escaped, so a
``[^b]`` or a ``|`` in a message stays text.
"""

from __future__ import annotations

import re
from collections import Counter
from operator import attrgetter
from typing import TYPE_CHECKING, TextIO

from citecheck.diagnostics import Severity
from citecheck.report import Prepared
from citecheck.reporters import text
from citecheck.wording import counted

if TYPE_CHECKING:
    from citecheck.report import Located, Report

LIMIT = 50  # findings shown with their excerpts
_PATH = attrgetter("span.path")
_SEVERITY = attrgetter("severity")
_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~&])")
_BACKTICKS = re.compile(r"`+")


def escape(value: str) -> str:
    """Inline text with Markdown's punctuation backslash-escaped and line breaks as spaces."""
    return _SPECIAL.sub(r"\\\1", " ".join(value.split()))


def code_span(value: str) -> str:
    """``value`` as an inline code span, with a fence longer than any backtick run inside."""
    value = " ".join(value.split())
    ticks = "`" * (max((len(run) for run in _BACKTICKS.findall(value)), default=0) + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{ticks}{pad}{value}{pad}{ticks}"


def _fence(block: str) -> str:
    longest = max((len(run) for run in re.findall(r"^ {0,3}(`{3,})", block, re.M)), default=0)
    return "`" * max(3, longest + 1)



def _headline(report: Report) -> list[str]:
    found = report.severities()
    counts = [counted(found[Severity.ERROR], "error"), counted(found[Severity.WARNING], "warning")]
    if found[Severity.INFO]:
        counts.append(f"{found[Severity.INFO]} info")
    items = [counted(report.markers, "marker"), counted(report.notes, "note")]
    if report.citations:
        items.append(counted(report.citations, "citation"))
    remarks = [f"> {escape(remark)}" for remark in report.remarks]  # what the run did not do
    return [
        "## citecheck",
        "",
        f"**{', '.join(counts)}** in {counted(len(report.documents), 'document')} ({', '.join(items)})",
        *(["", *remarks] if remarks else []),
    ]


def _by_code(report: Report) -> list[str]:
    lines = ["| code | name | severity | count |", "| --- | --- | --- | ---: |"]
    for code, (first, count) in report.codes().items():
        lines.append(f"| {code} | {escape(first.name)} | {first.severity.label} | {count} |")
    return lines


def _by_file(report: Report) -> list[str]:
    paths = list(map(_PATH, report.diagnostics))
    counts = Counter(zip(paths, map(_SEVERITY, report.diagnostics)))
    lines = ["| file | errors | warnings | info |", "| --- | ---: | ---: | ---: |"]
    for path in dict.fromkeys(paths):
        errors, warnings, infos = counts[path, Severity.ERROR], counts[path, Severity.WARNING], counts[path, Severity.INFO]
        lines.append(f"| {code_span(path)} | {errors} | {warnings} | {infos} |")
    return lines


def _finding(found: Located) -> list[str]:
    diagnostic = found.diagnostic
    position = f"{diagnostic.span.path}:{found.place}"
    lines = [
        f"- {code_span(position)} **{diagnostic.code}** {escape(diagnostic.name)} "
        f"({diagnostic.severity.label}): {escape(diagnostic.message)}"
    ]
    excerpt = "\n".join(text.plain(line) for line in text.finding_lines(found)[1:])
    if excerpt:
        fence = _fence(excerpt)
        lines += ["", f"  {fence}text"]
        lines += [f"  {line}" if line else "" for line in excerpt.splitlines()]
        lines.append(f"  {fence}")
    return lines


def render(report: Report | Prepared, *, color: bool = False, limit: int = LIMIT) -> str:
    """The summary in GitHub-flavoured Markdown (``color`` is ignored)."""
    prepared = Prepared.of(report)
    report = prepared.report
    lines = _headline(report)
    if not report.diagnostics:
        lines += ["", "No findings."]
        return "\n".join(lines) + "\n"
    lines += ["", "### Findings per code", "", *_by_code(report)]
    lines += ["", "### Findings per file", "", *_by_file(report)]
    shown = prepared.located[:limit]
    title = "### Findings" if len(shown) == len(report.diagnostics) else f"### The first {len(shown)} findings"
    lines += ["", title, ""]
    for found in shown:
        lines += _finding(found)
    left = len(report.diagnostics) - len(shown)
    if left:
        lines += ["", f"… and {counted(left, 'more finding')} not shown here: see the full report."]
    return "\n".join(lines) + "\n"


def write(report: Report | Prepared, out: TextIO, *, color: bool = False) -> None:
    """:func:`render` written to ``out`` (a summary: it is short whatever the report)."""
    out.write(render(report))
