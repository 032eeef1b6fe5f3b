"""Hostile input is read in linear time: each reader, the bib splitter and the text reporter.

Each input of tests/hostile_inputs.py is read at 1x, 2x and 4x a small size; the CPU time
(``time.process_time``, the least of three runs) must grow about as the size does. Quadratic
growth gives 16 from 1x to 4x and exponential far more; the limit, 9, leaves room for noise on
a busy machine. Times under a few milliseconds are too small to compare and pass. The absolute
figures (1 MB under 2 s) are printed by ``bench/hostile.py``, not asserted here.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

import hostile_inputs
from citecheck.bib.load import parse_bibliography
from citecheck.diagnostics import Diagnostic, Severity
from citecheck.model import Document
from citecheck.pipeline import read_document
from citecheck.reconcile.mentions import prose_mentions
from citecheck.readers import reader_for
from citecheck.report import Report
from citecheck.reporters.text import render
from citecheck.source import SourceFile, Span

BASE = 3_000  # characters at 1x
GROWTH_LIMIT = 9.0  # from 1x to 4x: 4 is linear, 16 quadratic
TOO_FAST = 0.004  # seconds at 4x below which the comparison is noise


def _reading(suffix: str) -> Callable[[str], Callable[[], object]]:
    def prepare(text: str) -> Callable[[], object]:
        source = SourceFile(f"hostile{suffix}", text)
        reader = reader_for(source.path)
        assert reader is not None
        return lambda: read_document(reader, source)

    return prepare


def _bib(text: str) -> Callable[[], object]:
    source = SourceFile("hostile.bib", text)
    return lambda: parse_bibliography(source)


def _prose_names(text: str) -> Callable[[], object]:
    document = Document(SourceFile("hostile.txt", text), "plaintext", (), ())
    return lambda: tuple(prose_mentions(document))


def _text_report(text: str) -> Callable[[], object]:
    source = SourceFile("hostile.txt", text)
    findings = [
        Diagnostic("CC101", "missing-note", Severity.ERROR, "no note", Span(source.path, start, start + 1))
        for start in range(4, len(text) - 1, 16)
    ]
    report = Report.build([], findings, sources=[source])
    return lambda: render(report, color=False)


CASES = [
    *(("latex", name, make, _reading(".tex")) for name, make in hostile_inputs.LATEX.items()),
    *(("markdown", name, make, _reading(".md")) for name, make in hostile_inputs.MARKDOWN.items()),
    *(("plaintext", name, make, _reading(".txt")) for name, make in hostile_inputs.PLAINTEXT.items()),
    *(("html", name, make, _reading(".html")) for name, make in hostile_inputs.HTML.items()),
    *(("rst", name, make, _reading(".rst")) for name, make in hostile_inputs.RST.items()),
    *(("bib", name, make, _bib) for name, make in hostile_inputs.BIB.items()),
    ("text-report", "findings on one long line", hostile_inputs.line_of("¹", prefix="word"), _text_report),
    # at 20x the base: below it the per-parenthesis work hides a scan of the rest of the text
    *(("names in prose", name, lambda size, make=make: make(20 * size), _prose_names) for name, make in hostile_inputs.PROSE.items()),
]


@pytest.mark.parametrize(("stage", "name", "make", "prepare"), CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_hostile_input_takes_linear_time(stage: str, name: str, make, prepare) -> None:  # type: ignore[no-untyped-def]
    # the least of seven runs: a load spike on a shared machine lengthens some runs, never all seven
    times = [hostile_inputs.cpu_seconds(prepare(make(BASE * factor)), repeats=7) for factor in (1, 2, 4)]
    if times[2] < TOO_FAST:
        return
    growth = times[2] / max(times[0], TOO_FAST / 4)
    assert growth < GROWTH_LIMIT, f"{stage} / {name}: {times} s at 1x, 2x, 4x ({growth:.1f}x)"
