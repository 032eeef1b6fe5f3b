"""Human-readable output, like a linter's.

::

    ch1.txt:3:14: CC105 [probable-misread] marker 18 is probably 13 misread
      3 | It was peace.18 And then
        |              ^^ fix: read 18 as 13

    0 errors, 1 warning in 1 document (3 markers, 3 notes)

Each line is built once as styled segments (:data:`Line`). Without colour (report files, pipes,
``NO_COLOR``) their texts are joined and the output has no escape codes at all; with colour, and
only then, rich (imported then) renders the styles.
"""

from __future__ import annotations

import io
import itertools
import unicodedata
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TextIO

from citecheck.diagnostics import Severity
from citecheck.report import Prepared
from citecheck.wording import counted

if TYPE_CHECKING:
    from citecheck.diagnostics import Diagnostic
    from citecheck.model import Document
    from citecheck.report import Located, Report
    from citecheck.source import Location, SourceFile

SEVERITY_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
TAB = "    "
EXCERPT_WIDTH = 100  # characters of a long line shown around the span
EXCERPT_LEAD = 40  # of which before the span

# A line of output: its segments, each a text and the rich style it is shown in ("" for none).
Line = tuple[tuple[str, str], ...]
BLANK: Line = ()


def plain(line: Line) -> str:
    """The line's text, without styles."""
    return "".join([text for text, _ in line])


def cells(text: str) -> int:
    """How many terminal cells ``text`` takes (wide characters two, combining marks none)."""
    if text.isascii():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def control_pictures(text: str, keep: str = "") -> str:
    """Control characters (but those in ``keep``) as their visible pictures, one cell each:
    a raw control character in a terminal or a page would move the cursor or vanish."""
    if text.isprintable():  # no control character (nor any other unprintable one): the common case
        return text
    out = []
    for char in text:
        if char not in keep and unicodedata.category(char) == "Cc":
            out.append(chr(0x2400 + ord(char)) if ord(char) < 0x20 else "\N{REPLACEMENT CHARACTER}")
        else:
            out.append(char)
    return "".join(out)


def _visible(text: str) -> str:
    """Tabs to spaces and control characters to their visible pictures."""
    return control_pictures(text, keep="\t").replace("\t", TAB)


def shown_as_it_is(line_text: str, window: int = EXCERPT_WIDTH) -> bool:
    """Whether an excerpt shows ``line_text`` whole and unchanged: short, ASCII and printable
    (no tab, no control character), as most lines are."""
    return len(line_text) <= window and line_text.isascii() and line_text.isprintable()


def excerpt_parts(
    line_text: str, column: int, width: int, *, window: int = EXCERPT_WIDTH, lead: int = EXCERPT_LEAD
) -> tuple[str, str, str]:
    """The line before, in and after the span, made visible and cut to ``window`` characters.

    ``column`` is 1-based; ``width`` counts characters from it. A long line keeps at most ``lead``
    characters before the span; what is cut is marked with ``…``.
    """
    start = column - 1
    if shown_as_it_is(line_text, window):
        return line_text[:start], line_text[start : start + width], line_text[start + width :]
    # Cut first (one character more than can be shown, so a cut still shows its "…"): making a
    # 16,000-character line visible for each of its findings was quadratic.
    before = line_text[max(start - max(lead, window) - 1, 0) : start]
    marked = line_text[start : start + min(width, window + 1)]
    after = line_text[start + width : start + width + window + 1]
    before, marked, after = _visible(before), _visible(marked), _visible(after)
    if len(before) + len(marked) + len(after) > window:
        if len(before) > lead:
            before = "…" + before[len(before) - lead + 1 :]
        room = max(window - len(before), 1)
        if len(marked) > room:
            marked, after = marked[: room - 1] + "…", ""
        elif len(marked) + len(after) > room:
            after = after[: room - len(marked) - 1] + "…"
    return before, marked, after


def near_span(source: SourceFile, where: Location, reach: int = EXCERPT_WIDTH + 1) -> tuple[str, int, int]:
    """The part of the span's first line an excerpt can show (``reach`` characters around it,
    enough for its "…"), the span's column in it and its width (at least 1; to the line's end
    when it runs on): a long line is not copied, nor made visible, once per finding."""
    line_start, line_end = source.index.line_bounds(where.line)
    if where.end_line == where.line:
        width = where.end_column - where.column + 1
    else:
        width = line_end - line_start - where.column + 1
    if line_end - line_start <= reach:  # the whole line: the common case
        return source.text[line_start:line_end], where.column, max(width, 1)
    span_start = line_start + where.column - 1
    start = max(line_start, span_start - reach)
    return source.text[start : min(line_end, span_start + 2 * reach)], span_start - start + 1, max(width, 1)


def excerpt(line_text: str, column: int, width: int) -> tuple[str, int, int]:
    """The line as shown, and where its underline starts (in cells) and how wide it is."""
    if shown_as_it_is(line_text):
        start = min(column - 1, len(line_text))
        return line_text, start, max(min(width, len(line_text) - start), 1)
    before, marked, after = excerpt_parts(line_text, column, width)
    return before + marked + after, cells(before), max(cells(marked), 1)


def _snippet(source: SourceFile, where: Location, diagnostic: Diagnostic) -> tuple[str, str, int, int]:
    """What a finding's excerpt shows: the gutter (the line's number, or a packaged document's
    paragraph), the line as shown, and where its underline starts (in cells) and how wide it is."""
    shown, offset, carets = excerpt(*near_span(source, where))
    paragraph = None if source.paragraphs is None else source.paragraph(diagnostic.span)
    return (str(where.line) if paragraph is None else paragraph.label), shown, offset, carets


def finding_lines(found: Located) -> list[Line]:
    """The header line and the source excerpt of one finding (none for a file that was not read),
    in styles; :func:`finding_text` is the same without them."""
    diagnostic, source, where, place = found
    style = SEVERITY_STYLES[diagnostic.severity]
    header: Line = (
        (f"{diagnostic.span.path}:{place}:", "bold"),
        (" ", ""),
        (diagnostic.code, style),
        (" ", ""),
        (f"[{diagnostic.name}]", "dim"),
        (" " + diagnostic.message, ""),
    )
    if source is None:
        return [header]
    gutter, shown, offset, carets = _snippet(source, where, diagnostic)
    underline: Line = ((f" {' ' * len(gutter)} | ", "blue"), (" " * offset, ""), ("^" * carets, style))
    if diagnostic.fix is not None:
        underline += ((" fix: ", "bold green"), (diagnostic.fix.description, "green"))
    return [header, ((f" {gutter} | ", "blue"), (shown, "")), underline]


def summary(report: Report) -> Line:
    """``3 errors, 9 warnings in 2 documents (45 markers, 68 notes)``."""
    found = report.severities()
    errors, warnings, infos = found[Severity.ERROR], found[Severity.WARNING], found[Severity.INFO]
    line: Line = (
        (counted(errors, "error"), "bold red" if errors else "green"),
        (", ", ""),
        (counted(warnings, "warning"), "yellow" if warnings else "green"),
    )
    if infos:
        line += ((f", {infos} info", ""),)
    counts = [counted(report.markers, "marker"), counted(report.notes, "note")]
    if report.citations:
        counts.append(counted(report.citations, "citation"))
    return line + ((f" in {counted(len(report.documents), 'document')} ({', '.join(counts)})", ""),)


def finding_text(found: Located) -> str:
    """:func:`finding_lines` without styles, a newline after each line: what the text report
    shows of a finding, and JUnit and Markdown too (each asks :meth:`Prepared.each` for it).
    Written as one text, not joined from the styled lines: a large bibliography's report has a
    hundred thousand findings (a test holds the two the same)."""
    diagnostic, source, where, place = found
    header = f"{diagnostic.span.path}:{place}: {diagnostic.code} [{diagnostic.name}] {diagnostic.message}\n"
    if source is None:
        return header
    gutter, shown, offset, carets = _snippet(source, where, diagnostic)
    fix = "" if diagnostic.fix is None else " fix: " + diagnostic.fix.description
    return f"{header} {gutter} | {shown}\n {' ' * len(gutter)} | {' ' * offset}{'^' * carets}{fix}\n"


_BATCH = 4096  # findings joined into one text at a time


def _plain_chunks(prepared: Prepared) -> Iterator[str]:
    """The report without styles, a few thousand findings at a time: each finding's text and a
    blank line, then the summary and the remarks."""
    texts = prepared.each(finding_text)
    for start in range(0, len(texts), _BATCH):
        yield "\n".join(texts[start : start + _BATCH]) + "\n"
    yield "".join([plain(line) + "\n" for line in _ending(prepared.report)])


def _emit(lines: Iterable[Line]) -> str:
    """The lines in colour, as rich (imported here) writes them for a terminal."""
    from rich.console import Console
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=True,
        color_system="standard",
        no_color=False,
        width=10_000,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=True,
        legacy_windows=False,
    )
    for line in lines:
        console.print(Text.assemble(*line))
    return buffer.getvalue()


def _findings(prepared: Prepared) -> Iterator[Line]:
    """Every finding with its excerpt, a blank line after each."""
    for found in prepared.located:
        yield from finding_lines(found)
        yield BLANK


def _ending(report: Report) -> Iterator[Line]:
    """The summary line, then the run's remarks."""
    yield summary(report)
    for remark in report.remarks:
        yield ((remark, ""),)


def render(report: Report | Prepared, *, color: bool) -> str:
    """Every finding with its excerpt, a blank line after each, then the summary line."""
    prepared = Prepared.of(report)
    if not color:
        return "".join(_plain_chunks(prepared))
    return _emit(itertools.chain(_findings(prepared), _ending(prepared.report)))


def write(report: Report | Prepared, out: TextIO, *, color: bool = False) -> None:
    """:func:`render` written to ``out`` a few thousand findings at a time."""
    if color:
        out.write(render(report, color=True))
        return
    for chunk in _plain_chunks(Prepared.of(report)):
        out.write(chunk)


def _shorten(text: str, limit: int = 72) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _table(rows: list[list[str]]) -> list[Line]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = []
    for number, row in enumerate(rows):
        cells = [cell.ljust(width) for cell, width in zip(row, widths)]
        out.append((("  " + "  ".join(cells).rstrip(), "bold" if number == 0 else ""),))
    return out


def _document_listing(report: Report, document: Document) -> list[Line]:
    lines: list[Line] = [
        (
            (document.path, "bold"),
            (
                f" ({document.format}): {counted(len(document.markers), 'marker')}, "
                f"{counted(len(document.notes), 'note')}, {counted(len(document.citations), 'citation')}",
                "",
            ),
        )
    ]
    if document.markers:
        rows = [["where", "number", "as written", "style", "chapter", "intended"]]
        for marker in document.markers:
            number = str(marker.number) if marker.number is not None else f"[^{marker.label}]"
            intended = "" if marker.intended is None else str(marker.intended)
            rows.append([report.place(marker.span), number, repr(marker.text), marker.style, str(marker.chapter), intended])
        lines += [BLANK, (("Markers", "bold underline"),), *_table(rows)]
    if document.notes:
        rows = [["where", "number", "style", "chapter", "text"]]
        for note in document.notes:
            place = report.place(note.span)
            if note.span.path != document.path:
                place = f"{note.span.path}:{place}"
            number = str(note.number) if note.number is not None else f"[^{note.label}]"
            rows.append([place, number, note.style, str(note.chapter), _shorten(note.text)])
        lines += [BLANK, (("Notes", "bold underline"),), *_table(rows)]
    if document.citations:
        rows = [["where", "kind", "note", "key", "text"]]
        for citation in document.citations:
            note = "" if citation.note is None else str(citation.note)
            rows.append([report.place(citation.span), citation.kind, note, citation.key or "", _shorten(citation.text)])
        lines += [BLANK, (("Citations", "bold underline"),), *_table(rows)]
    return lines


def render_listing(report: Report, *, color: bool) -> str:
    """What ``citecheck extract --format text`` shows: markers, notes and citations, then findings."""
    prepared = Prepared(report)
    lines: list[Line] = []
    for document in report.documents:
        lines += _document_listing(report, document)
        lines.append(BLANK)
    lines.extend(_findings(prepared))
    lines.append(summary(report))
    if not color:
        return "".join([plain(line) + "\n" for line in lines])
    return _emit(lines)
