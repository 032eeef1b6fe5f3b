"""One self-contained HTML page that works offline: summary, findings by file, note sequences.

The page has no external resources: its CSS and a little JavaScript are inline; its only links
lead inside it. Findings come first, grouped by file, as a project has them:

* a summary (findings per severity, documents, markers, notes, citations), the run's remarks
  (what it did not do: "citations not checked: no bibliography", files no reader knows) and,
  when files have findings, an index of them;
* the documents with findings, one foldable group each (the document with its paired notes
  files), every finding with ``path:line:col``, code, name, severity, message and a source
  excerpt with the span highlighted (long lines wrap); then the documents without findings,
  one line each;
* the bibliographies read (``Report.bibliographies``) in a section of their own, the same way;
  then the findings in other files (a missing file, a book's project file);
* the note sequences of the documents that have markers or notes: chapter by chapter, one cell
  per number from the lowest to the highest, marked as marker and note, only a marker, only a
  note, neither (a gap), or a misread (a marker whose digits the reader believes misread, shown
  at the number meant); documents whose notes are labels (Markdown) get one cell per label;
* filter checkboxes by code and by severity that hide and show findings (and the groups left
  empty).

The filter can be preset in the address: ``citecheck.html?code=CC101,CC105&severity=error``
(``code`` and ``severity`` take comma-separated values, or repeat) unticks every other box when
the page loads. Everything taken from manuscripts is escaped; the output is deterministic.
"""

from __future__ import annotations

import html
import itertools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, TextIO

import citecheck
from citecheck.diagnostics import Severity
from citecheck.report import Prepared
from citecheck.reporters import escaped_each
from citecheck.reporters.text import control_pictures, excerpt_parts, near_span
from citecheck.wording import counted, plural

if TYPE_CHECKING:
    from citecheck.diagnostics import Diagnostic
    from citecheck.model import Document
    from citecheck.report import Located, Report

MAX_CELLS = 2000  # numbers drawn per chapter; a stray huge number must not draw a million cells
EXCERPT_WIDTH = 120  # characters of a long line shown around the span
EXCERPT_LEAD = 50  # of which before the span
NOTES_FILES_SHOWN = 3  # the files a document's notes stand in, named in its line (an EPUB has one per chapter)
CLEAN_OPEN = 10  # the list of files without findings is shown unfolded up to this many lines
FINDINGS_PER_CODE = 1_000  # listed per code in one file's group: past it, one line says how many more
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_SEVERITY = attrgetter("diagnostic.severity")
_PATH = attrgetter("diagnostic.span.path")
CELL_TITLES = {
    "both": "marker and note",
    "marker": "marker only (no note)",
    "note": "note only (no marker)",
    "gap": "neither marker nor note (gap)",
    "misread": "misread marker",
}

CSS = """
:root { --error: #b3261e; --warning: #8a5a00; --info: #1d5fa8; --muted: #5f6368; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1100px;
       padding: 1.5em; color: #202124; background: #fff; }
h1 { font-size: 1.6em; margin: 0 0 .4em; }
h2 { font-size: 1.25em; border-bottom: 1px solid #ddd; padding-bottom: .2em; margin-top: 1.6em; }
h3 { font-size: 1.05em; margin: 1em 0 .4em; display: inline; }
code, pre, .path { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .92em; }
.path, .message { overflow-wrap: anywhere; }
.muted { color: var(--muted); }
a { color: var(--info); }
.remarks { margin: .6em 0; padding: .4em .9em; border: 1px solid #e3b55a; border-radius: 6px; background: #fff8e6;
           list-style: none; }
.index { margin: .6em 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: .3em 1.2em; }
details.file { margin: .8em 0; }
details.file > summary { cursor: pointer; }
.file-counts { margin-left: .4em; }
.clean { list-style: none; padding: 0; margin: .3em 0; }
.clean li { padding: .1em 0; }
.summary { display: flex; flex-wrap: wrap; gap: .6em; list-style: none; padding: 0; margin: .6em 0; }
.summary li { border: 1px solid #ddd; border-radius: 6px; padding: .35em .8em; background: #fafafa; }
.summary .count { font-weight: 700; font-size: 1.2em; margin-right: .25em; }
.summary .error .count { color: var(--error); }
.summary .warning .count { color: var(--warning); }
.summary .info .count { color: var(--info); }
.filters { border: 1px solid #ddd; border-radius: 6px; padding: .5em .9em; background: #fafafa; }
.filters fieldset { border: 0; padding: 0; margin: .2em 0; }
.filters legend { font-weight: 600; float: left; min-width: 6.5em; }
.filters label { margin-right: 1em; white-space: nowrap; }
.sequence { margin: .4em 0 .8em; }
.chapter-label { font-size: .85em; color: var(--muted); margin: .3em 0 .15em; }
.strip { display: flex; flex-wrap: wrap; gap: 2px; }
.cell { display: inline-block; min-width: 1.9em; height: 1.6em; line-height: 1.6em; padding: 0 .2em; text-align: center;
        font-size: .75em; border-radius: 3px; border: 1px solid transparent; }
.cell.both { background: #d7f0dc; border-color: #8cc79a; }
.cell.marker { background: #fbd9d6; border-color: #e08a82; color: var(--error); font-weight: 700; }
.cell.note { background: #fdecc8; border-color: #e3b55a; }
.cell.gap { background: #fff; border: 1px dashed #9aa0a6; color: var(--muted); }
.cell.misread { background: #e4d7f5; border-color: #9c7bd0; font-weight: 700; }
.legend { display: flex; flex-wrap: wrap; gap: .9em; font-size: .85em; margin: .4em 0 1em; }
.legend .cell { min-width: 1.4em; }
.findings { list-style: none; padding: 0; margin: 0; }
.finding { border-left: 4px solid #ddd; padding: .35em .8em; margin: .5em 0; background: #fcfcfc; }
.finding.error { border-left-color: var(--error); }
.finding.warning { border-left-color: var(--warning); }
.finding.info { border-left-color: var(--info); }
.finding .head { display: flex; flex-wrap: wrap; gap: .5em; align-items: baseline; }
.badge { font-size: .8em; border-radius: 3px; padding: 0 .4em; color: #fff; }
.badge.error { background: var(--error); }
.badge.warning { background: var(--warning); }
.badge.info { background: var(--info); }
.code { font-weight: 700; }
.message { margin: .2em 0; }
pre.excerpt { margin: .3em 0; padding: .35em .6em; background: #f1f3f4; border-radius: 4px;
              white-space: pre-wrap; overflow-wrap: anywhere; }
pre.excerpt .gutter { color: var(--muted); user-select: none; }
pre.excerpt mark { background: #ffe08a; outline: 1px solid #d4a514; }
.fix { color: #1e7b34; font-size: .9em; }
.none { color: #1e7b34; }
footer { margin-top: 2em; font-size: .85em; color: var(--muted); }
""".strip()

# The filter: a finding is shown when its code's box and its severity's box are both ticked; a
# file's group (and its line in the index) is hidden when none of its findings is shown.
# ``?code=A,B&severity=error`` in the address unticks the other boxes when the page loads.
SCRIPT = """
(function () {
  var boxes = document.querySelectorAll('.filters input[type=checkbox]');
  var findings = document.querySelectorAll('.finding');
  var groups = document.querySelectorAll('details.file');
  function apply() {
    var on = {code: {}, severity: {}};
    boxes.forEach(function (box) { on[box.dataset.kind][box.value] = box.checked; });
    var shown = 0;
    findings.forEach(function (f) {
      var visible = on.code[f.dataset.code] !== false && on.severity[f.dataset.severity] !== false;
      f.hidden = !visible;
      if (visible) { shown += 1; }
    });
    groups.forEach(function (group) {
      var empty = group.querySelector('.finding:not([hidden])') === null;
      group.hidden = empty;
      var entry = document.querySelector('.index [data-group="' + group.id + '"]');
      if (entry) { entry.hidden = empty; }
    });
    var counter = document.getElementById('shown');
    if (counter) { counter.textContent = String(shown); }
  }
  var params = new URLSearchParams(window.location.search);
  ['code', 'severity'].forEach(function (kind) {
    var wanted = [];
    params.getAll(kind).forEach(function (v) { wanted = wanted.concat(v.split(',')); });
    wanted = wanted.map(function (v) { return v.trim().toLowerCase(); }).filter(Boolean);
    if (!wanted.length) { return; }
    boxes.forEach(function (box) {
      if (box.dataset.kind === kind) { box.checked = wanted.indexOf(box.value.toLowerCase()) !== -1; }
    });
  });
  boxes.forEach(function (box) { box.addEventListener('change', apply); });
  apply();
})();
""".strip()


def _e(value: object) -> str:
    """Escaped for text and attribute values alike, control characters made visible."""
    text = str(value)
    if _UNSAFE.search(text) is None:
        return text
    return _escape(control_pictures(text, keep="\t\n"))


_MARKUP = re.compile("[&<>\"']")  # what html.escape changes; most texts have none of it
# What _e changes: markup, and control characters but tab and newline (those control_pictures shows).
_UNSAFE = re.compile(r"[&<>\"'\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _escape(text: str) -> str:
    """``html.escape(text)``, skipped where it would change nothing."""
    return text if _MARKUP.search(text) is None else html.escape(text)



# --- the note sequence ------------------------------------------------------------------------


def _number_cells(document: Document, chapter: int) -> list[tuple[str, str, str]]:
    """``(label, state, title)`` for each number from the lowest to the highest of one chapter."""
    markers = [m for m in document.markers if m.chapter == chapter and m.effective is not None]
    notes = [n for n in document.notes if n.chapter == chapter and n.number is not None]
    marked = Counter(m.effective for m in markers)
    noted = Counter(n.number for n in notes)
    misread: dict[int, list[int]] = {}
    for marker in markers:
        if marker.intended is not None and marker.number is not None and marker.intended != marker.number:
            misread.setdefault(marker.intended, []).append(marker.number)
    numbers = set(marked) | set(noted)
    if not numbers:
        return []
    low, high = min(numbers), max(numbers)
    cells = []
    for number in range(low, min(high, low + MAX_CELLS - 1) + 1):
        if number in misread:
            state = "misread"
            written = ", ".join(str(n) for n in misread[number])
            title = f"{number}: marker written as {written} (misread)" + (", note present" if noted[number] else ", no note")
        else:
            state = "both" if marked[number] and noted[number] else "marker" if marked[number] else "note" if noted[number] else "gap"
            title = f"{number}: {CELL_TITLES[state]}"
        cells.append((str(number), state, title))
    if high - low + 1 > MAX_CELLS:
        cells.append(("…", "gap", f"{high - low + 1 - MAX_CELLS} more numbers up to {high} not drawn"))
    return cells


def _label_cells(document: Document) -> list[tuple[str, str, str]]:
    """For label-keyed notes (Markdown): one cell per label, in the order of first appearance."""
    marked = {m.key for m in document.markers}
    noted = {n.key for n in document.notes}
    order = list(dict.fromkeys([m.key for m in document.markers] + [n.key for n in document.notes]))
    cells = []
    for label in order:
        state = "both" if label in marked and label in noted else "marker" if label in marked else "note"
        cells.append((label, state, f"{label}: {CELL_TITLES[state]}"))
    return cells


def _strip(cells: list[tuple[str, str, str]]) -> str:
    spans = "".join(
        f'<span class="cell {state}" title="{_e(title)}">{_e(label)}</span>' for label, state, title in cells
    )
    return f'<div class="strip">{spans}</div>'


def _sequence(document: Document) -> list[str]:
    out = [f'<div class="sequence" aria-label="note sequence of {_e(document.path)}">']
    if document.numbered:
        chapters = sorted({m.chapter for m in document.markers} | {n.chapter for n in document.notes})
        for chapter in chapters:
            cells = _number_cells(document, chapter)
            if not cells:
                continue
            if len(chapters) > 1:
                out.append(f'<div class="chapter-label">numbering {chapter + 1}</div>')
            out.append(_strip(cells))
    else:
        out.append(_strip(_label_cells(document)))
    out.append("</div>")
    return out


def _legend() -> str:
    items = "".join(
        f'<span><span class="cell {state}"></span> {_e(title)}</span>' for state, title in CELL_TITLES.items()
    )
    return f'<div class="legend">{items}</div>'


def _has_sequence(document: Document) -> bool:
    return bool(document.markers or document.notes)


# --- findings ---------------------------------------------------------------------------------


class _Findings:
    """The findings' list items, each one text of several lines. What the findings of one rule
    in one file share (the item's opening, the file's path, the code, name and severity) is
    escaped once; each finding's place, message and excerpt are put in between."""

    def __init__(self) -> None:
        self._shared: dict[tuple[str, str, str, Severity], tuple[str, str]] = {}

    def _around(self, diagnostic: Diagnostic) -> tuple[str, str]:
        """The item up to the finding's place, and from it to its message."""
        key = (diagnostic.span.path, diagnostic.code, diagnostic.name, diagnostic.severity)
        around = self._shared.get(key)
        if around is None:
            path, code, name, severity = key
            label, code = severity.label, _e(code)
            around = self._shared[key] = (
                f'<li class="finding {label}" data-code="{code}" data-severity="{label}">\n'
                f'<div class="head"><span class="path">{_e(path)}:',
                f'</span> <span class="code">{code}</span> <span class="name muted">[{_e(name)}]</span> '
                f'<span class="badge {label}">{label}</span></div>\n<div class="message">',
            )
        return around

    def items(self, findings: Sequence[Located]) -> Iterator[str]:
        """The findings' items (:meth:`item`), their places and messages escaped together."""
        places = escaped_each([found.place for found in findings], _UNSAFE, _e)
        messages = escaped_each([found.diagnostic.message for found in findings], _UNSAFE, _e)
        return map(self.item, findings, places, messages)

    def item(self, found: Located, place: str, message: str) -> str:
        """One finding: position, code, name, severity, message (``place`` and ``message``
        escaped already), the excerpt with the span marked, the fix."""
        diagnostic, source, where, _ = found
        opening, middle = self._around(diagnostic)
        fix = "" if diagnostic.fix is None else f'\n<div class="fix">fix: {_e(diagnostic.fix.description)}</div>'
        if source is None or not source.text:
            return f"{opening}{place}{middle}{message}</div>{fix}\n</li>"
        line_text, column, width = near_span(source, where, EXCERPT_WIDTH + 1)
        before, marked, after = excerpt_parts(line_text, column, width, window=EXCERPT_WIDTH, lead=EXCERPT_LEAD)
        if _MARKUP.search(line_text) is not None:  # else no part holds markup: the line has none
            before, marked, after = _escape(before), _escape(marked), _escape(after)
        paragraph = None if source.paragraphs is None else source.paragraph(diagnostic.span)
        gutter = str(where.line) if paragraph is None else _e(paragraph.label)
        return (
            f"{opening}{place}{middle}{message}</div>"
            f'\n<pre class="excerpt"><span class="gutter">{gutter} | </span>{before}<mark>{marked}</mark>{after}</pre>'
            f"{fix}\n</li>"
        )


def _severities(findings: tuple[Located, ...]) -> str:
    """``2 errors, 1 warning``: the findings of one file by severity, the absent ones left out."""
    found = Counter(map(_SEVERITY, findings))
    return ", ".join(counted(found[s], s.label) if s is not Severity.INFO else f"{found[s]} info" for s in SEVERITIES if found[s])


# --- files ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _File:
    """One group of the page: a document (with its paired notes files), a bibliography or another
    file; ``anchor`` is its id in the page, ``sequence`` that of its note sequence ("" for none)."""

    path: str
    kind: str  # a document's format, "bibliography" or "file"
    counts: str
    findings: tuple[Located, ...]
    anchor: str
    sequence: str = ""
    notes_from: tuple[str, ...] = ()


def _files(prepared: Prepared) -> tuple[list[_File], list[_File], list[_File]]:
    """The documents, the bibliographies and the other files with findings, each with its own."""
    report = prepared.report
    belongs: dict[str, str] = {}
    for document in report.documents:
        for source in (document.source, *document.note_sources):
            belongs.setdefault(source.path, document.path)
    for path in report.bibliographies:
        belongs.setdefault(path, path)
    found: dict[str, list[Located]] = {}
    for path, items in itertools.groupby(prepared.located, _PATH):  # a file's findings stand together
        found.setdefault(belongs.get(path, path), []).extend(items)
    anchors = (f"file-{number}" for number in itertools.count(1))
    sequences = (f"sequence-{number}" for number in itertools.count(1))
    documents = [
        _File(
            document.path, document.format,
            f'{counted(len(document.markers), "marker")}, {counted(len(document.notes), "note")}, '
            f'{counted(len(document.citations), "citation")}',
            tuple(found.pop(document.path, ())), next(anchors),
            next(sequences) if _has_sequence(document) else "",
            tuple(source.path for source in document.note_sources),
        )  # fmt: skip
        for document in _unique(report.documents)
    ]
    bibliographies = [
        _File(path, "bibliography", "", tuple(found.pop(path, ())), next(anchors)) for path in report.bibliographies
    ]
    others = [_File(path, "file", "", tuple(items), next(anchors)) for path, items in found.items()]
    return documents, bibliographies, others


def _kind(file: _File) -> str:
    """A document's format; a bibliography or another file says nothing more (its section does)."""
    return "" if file.kind in ("bibliography", "file") else f' <span class="muted">({_e(file.kind)})</span>'


def _group(file: _File) -> Iterator[str]:
    """A file with findings: its line (path, kind, counts, findings by severity), then its findings."""
    details = [file.counts] if file.counts else []
    details.append(_severities(file.findings))
    if file.notes_from:
        shown = ", ".join(f'<span class="path">{_e(path)}</span>' for path in file.notes_from[:NOTES_FILES_SHOWN])
        more = len(file.notes_from) - NOTES_FILES_SHOWN
        details.append(f"notes in {shown}" + (f" and {counted(more, 'more file')}" if more > 0 else ""))
    link = f' <a href="#{file.sequence}">note sequence</a>' if file.sequence else ""
    yield from (
        f'<details class="file" id="{file.anchor}" data-path="{_e(file.path)}" open>',
        f'<summary><h3><span class="path">{_e(file.path)}</span>{_kind(file)}</h3>'
        f'<span class="file-counts muted">{"; ".join(details)}</span>{link}</summary>',
        '<ul class="findings">',
    )
    listed, left_out = _listed(file.findings)
    items = _Findings().items(listed)
    while batch := list(itertools.islice(items, _FINDINGS_A_LINE)):
        yield "\n".join(batch)
    yield from (_more(found, count) for found, count in left_out)
    yield "</ul>"
    yield "</details>"


def _listed(findings: tuple[Located, ...]) -> tuple[list[Located], list[tuple[Located, int]]]:
    """The findings a file's group lists, the first :data:`FINDINGS_PER_CODE` of each code, and
    for each code with more its first finding left out and how many are. A bibliography of
    120,000 entries that a short manuscript cites little of has that many unused entries, a
    page no browser opens; every finding stays in the other reports."""
    per_code = Counter(found.diagnostic.code for found in findings)
    if max(per_code.values(), default=0) <= FINDINGS_PER_CODE:
        return list(findings), []
    listed: list[Located] = []
    first_left_out: dict[str, Located] = {}
    seen: Counter[str] = Counter()
    for found in findings:
        code = found.diagnostic.code
        seen[code] += 1
        if seen[code] <= FINDINGS_PER_CODE:
            listed.append(found)
        else:
            first_left_out.setdefault(code, found)
    return listed, [(found, per_code[code] - FINDINGS_PER_CODE) for code, found in first_left_out.items()]


def _more(found: Located, count: int) -> str:
    """The line that stands for ``count`` findings of ``found``'s code left out of a file's group;
    the filters show and hide it with them."""
    diagnostic = found.diagnostic
    label, code = diagnostic.severity.label, _e(diagnostic.code)
    return (
        f'<li class="finding more {label}" data-code="{code}" data-severity="{label}">'
        f'<div class="message">and {count:,} more {code} {plural(count, "finding")} in this file '
        f'<span class="name muted">[{_e(diagnostic.name)}]</span>, not listed here: the JSON and text '
        f"reports hold every finding</div></li>"
    )


def _clean(files: list[_File], noun: str) -> list[str]:
    """The files without findings, one line each; folded when there are many."""
    if not files:
        return []
    opened = " open" if len(files) <= CLEAN_OPEN else ""
    out = [f'<details class="clean-files"{opened}><summary>{counted(len(files), noun)} without findings</summary>', '<ul class="clean">']
    for file in files:
        counts = f" {_e(file.counts)}" if file.counts else ""
        link = f' <a href="#{file.sequence}">note sequence</a>' if file.sequence else ""
        out.append(f'<li><span class="path">{_e(file.path)}</span>{_kind(file)}<span class="muted">{counts}</span>{link}</li>')
    out += ["</ul>", "</details>"]
    return out


def _section(title: str, files: list[_File], noun: str) -> Iterator[str]:
    """A section: the files with findings first, then those without, one line each."""
    if not files:
        return
    yield f"<h2>{title}</h2>"
    for file in files:
        if file.findings:
            yield from _group(file)
    yield from _clean([file for file in files if not file.findings], noun)


def _index(groups: list[_File]) -> list[str]:
    """Links to the files with findings, with their numbers, when there are several."""
    if len(groups) < 2:
        return []
    entries = "".join(
        f'<li data-group="{file.anchor}"><a href="#{file.anchor}" class="path">{_e(file.path)}</a> '
        f'<span class="muted">{len(file.findings)}</span></li>'
        for file in groups
    )
    return [f'<ul class="index" aria-label="files with findings"><li class="muted">Files with findings:</li>{entries}</ul>']


def _sequences(report: Report, documents: list[_File]) -> list[str]:
    """The note sequence of each document that has markers or notes."""
    drawn = [(file, document) for file, document in zip(documents, _unique(report.documents)) if file.sequence]
    if not drawn:
        return []
    out = ["<h2>Note sequences</h2>", _legend()]
    for file, document in drawn:
        out += [
            f'<section class="document" id="{file.sequence}" data-path="{_e(file.path)}">',
            f'<h3><span class="path">{_e(file.path)}</span>{_kind(file)}</h3> <span class="muted">{_e(file.counts)}</span>',
            *_sequence(document),
            "</section>",
        ]
    return out


def _unique(documents: tuple[Document, ...]) -> list[Document]:
    """Each document once (a path read twice stands once on the page)."""
    return list(dict((document.path, document) for document in documents).values())


# --- the page ---------------------------------------------------------------------------------


def _summary(report: Report) -> list[str]:
    found = report.severities()
    errors, warnings = found[Severity.ERROR], found[Severity.WARNING]
    items = [
        ("error", errors, plural(errors, "error")),
        ("warning", warnings, plural(warnings, "warning")),
        ("info", found[Severity.INFO], "info"),
        ("documents", len(report.documents), plural(len(report.documents), "document")),
        ("markers", report.markers, plural(report.markers, "marker")),
        ("notes", report.notes, plural(report.notes, "note")),
    ]
    if report.citations:
        items.append(("citations", report.citations, plural(report.citations, "citation")))
    lis = "".join(
        f'<li class="{kind}" data-count="{kind}"><span class="count">{count}</span>{word}</li>'
        for kind, count, word in items
    )
    out = [f'<ul class="summary" id="summary">{lis}</ul>']
    if report.remarks:
        remarks = "".join(f"<li>{_e(remark)}</li>" for remark in report.remarks)
        out.append(f'<ul class="remarks" id="remarks">{remarks}</ul>')
    return out


def _filters(report: Report) -> list[str]:
    severities = report.severities()
    code_boxes = "".join(
        f'<label><input type="checkbox" data-kind="code" value="{_e(code)}" checked> '
        f"{_e(code)} {_e(first.name)} ({count})</label>"
        for code, (first, count) in report.codes().items()
    )
    severity_boxes = "".join(
        f'<label><input type="checkbox" data-kind="severity" value="{s.label}" checked> '
        f"{s.label} ({severities[s]})</label>"
        for s in SEVERITIES
        if severities[s]
    )
    return [
        '<form class="filters" id="filters" onsubmit="return false">',
        f"<fieldset><legend>Code</legend>{code_boxes}</fieldset>",
        f"<fieldset><legend>Severity</legend>{severity_boxes}</fieldset>",
        f'<div class="muted">Showing <span id="shown">{len(report.diagnostics)}</span> of '
        f"{len(report.diagnostics)} findings.</div>",
        "</form>",
    ]


def _page(prepared: Prepared) -> Iterator[str]:
    """The lines of the page."""
    report = prepared.report
    documents, bibliographies, others = _files(prepared)
    yield from [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>citecheck report</title>",
        f"<style>\n{CSS}\n</style>",
        "</head>",
        "<body>",
        "<h1>citecheck report</h1>",
        *_summary(report),
    ]
    if report.diagnostics:
        yield from _filters(report)
        yield from _index([file for file in (*documents, *bibliographies, *others) if file.findings])
    else:
        yield '<p class="none">No findings.</p>'
    yield from _section("Documents", documents, "document")
    yield from _section(plural(len(bibliographies), "Bibliography"), bibliographies, "bibliography")
    yield from _section("Other files", others, "file")
    yield from _sequences(report, documents)
    yield from [
        f'<footer>citecheck {_e(citecheck.__version__)}. Filter from the address: '
        "<code>?code=CC101,CC105&amp;severity=error</code>.</footer>",
        f"<script>\n{SCRIPT}\n</script>",
        "</body>",
        "</html>",
    ]


def render(report: Report | Prepared, *, color: bool = False) -> str:
    """The whole page (``color`` is ignored)."""
    return "\n".join(_page(Prepared.of(report))) + "\n"


_BATCH = 256  # lines joined into one text at a time
_FINDINGS_A_LINE = 64  # findings yielded as one line of the page: written 16,000 at a time


def write(report: Report | Prepared, out: TextIO, *, color: bool = False) -> None:
    """:func:`render` written to ``out`` a few thousand lines at a time."""
    lines = _page(Prepared.of(report))
    while batch := list(itertools.islice(lines, _BATCH)):
        batch.append("")
        out.write("\n".join(batch))
