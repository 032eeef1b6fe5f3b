"""The reStructuredText reader on every Python Enhancement Proposal: footnote findings and time.

    .venv/bin/python bench/corpora/peps/fetch.py [--from-git DIR]   # once
    .venv/bin/python bench/peps.py

The PEPs build without a warning, so every CC1xx (footnote) finding on them is a false one; the
target is none. For each split of ``bench/corpora/peps/MANIFEST.tsv`` it prints the PEPs read,
the markers and notes found, the footnote findings (each one listed), and the time citecheck
takes to read and check them beside the time docutils alone takes to parse them (the peer,
measured in the same run): the reader's cost over docutils' own. Exit status 1 when a PEP is
missing or has a footnote finding; 0 with a note when the collection has not been fetched.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import docutils.core

from citecheck.pipeline import read_document
from citecheck.readers import reader_for
from citecheck.readers.rst import DOCUTILS_SETTINGS
from citecheck.rules import Context, all_rules, run_rules
from citecheck.source import read_source

HERE = Path(__file__).resolve().parent / "corpora" / "peps"
sys.path.insert(0, str(HERE))
from fetch import TEXTS, manifest  # noqa: E402

FOOTNOTE_RULES = tuple(rule for rule in all_rules() if rule.code.startswith("CC1"))


def measure(names: list[str]) -> tuple[int, int, list[str], float, float]:
    """Markers, notes, the footnote findings, citecheck's seconds and docutils' seconds."""
    markers = notes = 0
    findings: list[str] = []
    ours = peer = 0.0
    for name in names:
        source = read_source(TEXTS / name, name)
        started = time.perf_counter()
        document = read_document(reader_for(name), source)
        found = list(run_rules(Context.of((document,)), FOOTNOTE_RULES))
        ours += time.perf_counter() - started
        started = time.perf_counter()
        docutils.core.publish_doctree(source.text, settings_overrides=DOCUTILS_SETTINGS)
        peer += time.perf_counter() - started
        markers += len(document.markers)
        notes += len(document.notes)
        findings += [f"{name}:{source.locate(d.span).line}: {d.code} {d.message}" for d in found]
    return markers, notes, findings, ours, peer


def main() -> int:
    _, rows = manifest()
    present = [(name, split) for name, split, _ in rows if (TEXTS / name).exists()]
    if not present:
        print(f"no PEPs in {TEXTS}: run bench/corpora/peps/fetch.py first")
        return 0
    status = 0 if len(present) == len(rows) else 1
    totals = [0, 0, 0, 0.0, 0.0]
    for split in ("dev", "test"):
        names = [name for name, s in present if s == split]
        markers, notes, findings, ours, peer = measure(names)
        _line(split, len(names), markers, notes, len(findings), ours, peer)
        for finding in findings:
            print(f"      {finding}")
        for index, value in enumerate((len(names), markers, notes, ours, peer)):
            totals[index] += value
        status |= bool(findings)
    _line("all", totals[0], totals[1], totals[2], 0 if not status else -1, totals[3], totals[4])
    return status


def _line(split: str, peps: int, markers: int, notes: int, findings: int, ours: float, peer: float) -> None:
    shown = "some" if findings < 0 else str(findings)
    print(
        f"{split:>4}: {peps} PEPs, {markers} markers, {notes} notes, {shown} footnote findings (target 0); "
        f"citecheck {ours:.1f} s, docutils alone {peer:.1f} s: {ours / peer:.2f}x"
    )


if __name__ == "__main__":
    sys.exit(main())
