"""Benchmark: every reader, the bib splitter and the text reporter on hostile input.

    python bench/hostile.py [--size 1000000] [--timeout 30] [--only latex]

Each hostile input (tests/hostile_inputs.py) is read at ``--size`` characters and at a quarter of
it, each in a fresh interpreter with a time limit, and the CPU time printed with its growth (4.0
is linear, 16 quadratic) and its ratio to ordinary text of the same size read by the same stage
in the same run (the peer: a document of footnotes and citations, a file of entries). For a
reader, the part its reader takes is printed too (the rest parses the sources of its notes). The
target is the issue's: under 2 s at 1 MB, and linear growth. The status is 1 when any input misses it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import hostile_inputs  # noqa: E402

TARGET_SECONDS = 2.0
GROWTH_LIMIT = 8.0  # a quarter of the size to the whole: 4 is linear, 16 quadratic

STAGES = {
    "latex": (hostile_inputs.LATEX, "footnotes and citations"),
    "markdown": (hostile_inputs.MARKDOWN, "footnotes and citations"),
    "plaintext": (hostile_inputs.PLAINTEXT, "glued markers"),
    "rst": (hostile_inputs.RST, "footnotes and citations"),
    "html": (hostile_inputs.HTML, "footnotes"),
    "bib": (hostile_inputs.BIB, "entries"),
    "text-report": ({"findings on one long line": hostile_inputs.line_of("¹", prefix="word")}, None),
}


def measure(stage: str, case: str, size: int) -> tuple[float, float | None]:
    """CPU seconds of ``stage`` on ``case`` at ``size`` characters (run in the child), and for a
    reader the part of them its reader takes (the rest is parsing the sources of its notes)."""
    from citecheck.bib.load import parse_bibliography
    from citecheck.collector import collector_paused
    from citecheck.diagnostics import Diagnostic, Severity
    from citecheck.pipeline import read_document
    from citecheck.readers import reader_for
    from citecheck.report import Report
    from citecheck.reporters.text import render
    from citecheck.source import SourceFile, Span

    makers = STAGES[stage][0]
    text = makers[case](size)
    suffix = {"latex": ".tex", "markdown": ".md", "rst": ".rst", "html": ".html", "bib": ".bib"}.get(stage, ".txt")
    source = SourceFile(f"hostile{suffix}", text)
    if stage == "bib":
        return hostile_inputs.cpu_seconds(lambda: parse_bibliography(source), repeats=1), None
    if stage == "text-report":
        findings = [
            Diagnostic("CC101", "missing-note", Severity.ERROR, "no note", Span(source.path, start, start + 1))
            for start in range(4, len(text) - 1, 64)
        ]
        report = Report.build([], findings, sources=[source])
        return hostile_inputs.cpu_seconds(lambda: render(report, color=False), repeats=1), None
    reader = reader_for(source.path)
    assert reader is not None and reader.read is not None
    whole = hostile_inputs.cpu_seconds(lambda: read_document(reader, source), repeats=1)
    with collector_paused():  # as read_document reads
        alone = hostile_inputs.cpu_seconds(lambda: reader.read(source, None), repeats=1)
    return whole, alone


def timed(stage: str, case: str, size: int, timeout: float) -> tuple[float | None, float | None]:
    """CPU seconds in a fresh interpreter (and the reader's part of them), or None past
    ``timeout`` seconds."""
    command = [sys.executable, __file__, "--measure", stage, case, str(size)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None, None
    except subprocess.CalledProcessError as error:
        raise SystemExit(f"{stage} / {case} failed:\n{error.stderr}") from error
    whole, alone = done.stdout.split()
    return float(whole), None if alone == "None" else float(alone)


def _seconds(value: float | None, timeout: float) -> str:
    return f"> {timeout:.0f} s" if value is None else f"{value:.3f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--only", choices=sorted(STAGES))
    parser.add_argument("--measure", nargs=3, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.measure:
        stage, case, size = options.measure
        print(*measure(stage, case, int(size)))
        return 0
    size, timeout = options.size, options.timeout
    missed = 0
    print(f"hostile input, {size:,} characters; target < {TARGET_SECONDS} s and growth < {GROWTH_LIMIT} (4 = linear)")
    for stage, (makers, peer_case) in STAGES.items():
        if options.only and stage != options.only:
            continue
        peer = timed(stage, peer_case, size, timeout)[0] if peer_case else None
        peer_note = f"; peer (ordinary text, {peer_case}): {_seconds(peer, timeout)}" if peer_case else ""
        print(f"\n{stage}{peer_note}")
        for case in makers:
            whole, alone = timed(stage, case, size, timeout)
            quarter = timed(stage, case, size // 4, timeout)[0]
            growth = whole / max(quarter, 1e-3) if whole is not None and quarter is not None else None
            ratio = f"{whole / peer:6.2f}x peer" if whole is not None and peer else ""
            ok = whole is not None and whole < TARGET_SECONDS and (growth is None or growth < GROWTH_LIMIT)
            missed += not ok
            shown_growth = "   -  " if growth is None else f"{growth:6.1f}"
            reader_part = "" if alone is None else f"  reader {alone:6.3f} s"
            print(
                f"  {'ok  ' if ok else 'MISS'} {case:32} {_seconds(whole, timeout):>10} (goal < {TARGET_SECONDS:.0f} s)"
                f"{reader_part}  growth {shown_growth}  {ratio}"
            )
    print(f"\n{missed} input(s) missed the target")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
