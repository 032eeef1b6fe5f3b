"""One self-contained HTML page that works offline: summary, note sequences, findings, filters.

The page has no external resources: its CSS and a little JavaScript are inline. It shows

* a summary: findings per severity, documents, markers, notes (and citations);
* per document, a picture of the note sequence, chapter by chapter: one cell per number from the
  lowest to the highest, marked as marker and note, only a marker, only a note, neither (a gap),
  or a misread (a marker whose digits the reader believes misread, shown at the number meant);
  documents whose notes are labels (Markdown) get one cell per label instead;
* the findings of each document (and then of files that are no document, such as a missing
  file), each with ``path:line:col``, code, name, severity, message and a source excerpt with the
  span highlighted;
* filter checkboxes by code and by severity that hide and show findings.

The filter can be preset in the address: ``citecheck.html?code=CC101,CC105&severity=error``
(``code`` and ``severity`` take comma-separated values, or repeat) unticks every other box when
the page loads. Everything taken from manuscripts is escaped; the output is deterministic.
"""

from __future__ import annotations

import html
from collections import Counter
from typing import TYPE_CHECKING

import citecheck
from citecheck.diagnostics import Severity
from citecheck.reporters.text import control_pictures, excerpt_parts, near_span
from citecheck.wording import counted, plural

if TYPE_CHECKING:
    from citecheck.diagnostics import Diagnostic
    from citecheck.model import Document
    from citecheck.report import Report

FILE_NAME = "citecheck.html"

MAX_CELLS = 2000  # numbers drawn per chapter; a stray huge number must not draw a million cells
EXCERPT_WIDTH = 120  # characters of a long line shown around the span
EXCERPT_LEAD = 50  # of which before the span
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
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
h3 { font-size: 1.05em; margin: 1em 0 .4em; }
code, pre, .path { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .92em; }
.muted { color: var(--muted); }
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
.doc-counts { margin: .2em 0 .6em; }
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
pre.excerpt { margin: .3em 0; padding: .35em .6em; background: #f1f3f4; border-radius: 4px; overflow-x: auto; }
pre.excerpt .gutter { color: var(--muted); user-select: none; }
pre.excerpt mark { background: #ffe08a; outline: 1px solid #d4a514; }
.fix { color: #1e7b34; font-size: .9em; }
.none { color: #1e7b34; }
footer { margin-top: 2em; font-size: .85em; color: var(--muted); }
""".strip()

# The filter: a finding is shown when its code's box and its severity's box are both ticked.
# ``?code=A,B&severity=error`` in the address unticks the other boxes when the page loads.
SCRIPT = """
(function () {
  var boxes = document.querySelectorAll('.filters input[type=checkbox]');
  var findings = document.querySelectorAll('.finding');
  function apply() {
    var on = {code: {}, severity: {}};
    boxes.forEach(function (box) { on[box.dataset.kind][box.value] = box.checked; });
    var shown = 0;
    findings.forEach(function (f) {
      var visible = on.code[f.dataset.code] !== false && on.severity[f.dataset.severity] !== false;
      f.hidden = !visible;
      if (visible) { shown += 1; }
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
    return html.escape(control_pictures(str(value), keep="\t\n"), quote=True)



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
    if not document.markers and not document.notes:
        return ['<p class="muted">No markers or notes.</p>']
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


# --- findings ---------------------------------------------------------------------------------


def _finding(report: Report, diagnostic: Diagnostic) -> list[str]:
    where = report.locate(diagnostic.span)
    severity = diagnostic.severity.label
    position = f"{diagnostic.span.path}:{report.place(diagnostic.span)}"
    out = [
        f'<li class="finding {severity}" data-code="{_e(diagnostic.code)}" data-severity="{severity}">',
        '<div class="head">'
        f'<span class="path">{_e(position)}</span> '
        f'<span class="code">{_e(diagnostic.code)}</span> '
        f'<span class="name muted">[{_e(diagnostic.name)}]</span> '
        f'<span class="badge {severity}">{severity}</span>'
        "</div>",
        f'<div class="message">{_e(diagnostic.message)}</div>',
    ]
    source = report.source_for(diagnostic.span)
    if source is not None and source.text:
        line_text, column, width = near_span(source, where, EXCERPT_WIDTH + 1)
        before, marked, after = excerpt_parts(line_text, column, width, window=EXCERPT_WIDTH, lead=EXCERPT_LEAD)
        paragraph = source.paragraph(diagnostic.span)
        gutter = where.line if paragraph is None else paragraph.label
        out.append(
            f'<pre class="excerpt"><span class="gutter">{_e(str(gutter))} | </span>'
            f"{html.escape(before)}<mark>{html.escape(marked)}</mark>{html.escape(after)}</pre>"
        )
    if diagnostic.fix is not None:
        out.append(f'<div class="fix">fix: {_e(diagnostic.fix.description)}</div>')
    out.append("</li>")
    return out


def _findings(report: Report, diagnostics: list[Diagnostic]) -> list[str]:
    if not diagnostics:
        return ['<p class="none">No findings.</p>']
    out = ['<ul class="findings">']
    for diagnostic in diagnostics:
        out += _finding(report, diagnostic)
    out.append("</ul>")
    return out


# --- the page ---------------------------------------------------------------------------------


def _summary(report: Report) -> list[str]:
    items = [
        ("error", report.errors, plural(report.errors, "error")),
        ("warning", report.warnings, plural(report.warnings, "warning")),
        ("info", report.infos, "info"),
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
    return [f'<ul class="summary" id="summary">{lis}</ul>']


def _filters(report: Report) -> list[str]:
    codes: Counter[str] = Counter(d.code for d in report.diagnostics)
    names: dict[str, str] = {}
    for diagnostic in report.diagnostics:
        names.setdefault(diagnostic.code, diagnostic.name)
    severities: Counter[str] = Counter(d.severity.label for d in report.diagnostics)
    code_boxes = "".join(
        f'<label><input type="checkbox" data-kind="code" value="{_e(code)}" checked> '
        f"{_e(code)} {_e(names[code])} ({codes[code]})</label>"
        for code in sorted(codes)
    )
    severity_boxes = "".join(
        f'<label><input type="checkbox" data-kind="severity" value="{s.label}" checked> '
        f"{s.label} ({severities[s.label]})</label>"
        for s in SEVERITIES
        if severities[s.label]
    )
    return [
        '<form class="filters" id="filters" onsubmit="return false">',
        f"<fieldset><legend>Code</legend>{code_boxes}</fieldset>",
        f"<fieldset><legend>Severity</legend>{severity_boxes}</fieldset>",
        f'<div class="muted">Showing <span id="shown">{len(report.diagnostics)}</span> of '
        f"{len(report.diagnostics)} findings.</div>",
        "</form>",
    ]


def render(report: Report, *, color: bool = False) -> str:
    """The whole page (``color`` is ignored)."""
    lines = [
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
        lines += _filters(report)
    belongs: dict[str, int] = {}
    for number, document in enumerate(report.documents):
        for source in (document.source, *document.note_sources):
            belongs.setdefault(source.path, number)
    per_document: list[list[Diagnostic]] = [[] for _ in report.documents]
    others: list[Diagnostic] = []
    for diagnostic in report.diagnostics:
        number = belongs.get(diagnostic.span.path)
        (others if number is None else per_document[number]).append(diagnostic)
    if report.documents:
        lines += ["<h2>Documents</h2>", _legend()]
    for document, diagnostics in zip(report.documents, per_document):
        notes_from = ""
        if document.note_sources:
            notes_from = ", notes in " + ", ".join(
                f'<span class="path">{_e(source.path)}</span>' for source in document.note_sources
            )
        lines += [
            f'<section class="document" data-path="{_e(document.path)}">',
            f'<h3><span class="path">{_e(document.path)}</span> <span class="muted">({_e(document.format)})</span></h3>',
            f'<p class="doc-counts muted">{counted(len(document.markers), "marker")}, '
            f'{counted(len(document.notes), "note")}, {counted(len(document.citations), "citation")}, '
            f'{counted(len(diagnostics), "finding")}{notes_from}</p>',
            *_sequence(document),
            *_findings(report, diagnostics),
            "</section>",
        ]
    if others or not report.documents:
        lines += ['<section class="document other">', "<h2>Other files</h2>", *_findings(report, others), "</section>"]
    lines += [
        f'<footer>citecheck {_e(citecheck.__version__)}. Filter from the address: '
        "<code>?code=CC101,CC105&amp;severity=error</code>.</footer>",
        f"<script>\n{SCRIPT}\n</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(lines) + "\n"
