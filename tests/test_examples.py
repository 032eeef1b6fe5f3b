"""The bundled example reports exactly the deliberate problems examples/README.md lists."""

from __future__ import annotations

from pathlib import Path

from citecheck import pipeline
from citecheck.config import load_settings

ROOT = Path(__file__).resolve().parent.parent

DELIBERATE = [
    ("CC101", "examples/chapter.md", 15),  # [^5] has no definition
    ("CC202", "examples/chapter.md", 36),  # Neilson's book is not in references.bib
    ("CC204", "examples/chapter.md", 37),  # Lukes: 1995 in the note, 1996 in the entry
    ("CC107", "examples/chapter.md", 39),  # [^6] is empty
    ("CC102", "examples/chapter.md", 41),  # [^8] is never referenced
    ("CC101", "examples/essay.txt", 9),  # marker 6 has no note
    ("CC103", "examples/essay.txt", 19),  # no marker or note 14
    ("CC102", "examples/essay.txt", 35),  # note 10 has no marker
    ("CC307", "references.bib", 22),  # roberts1989 is cited nowhere
    ("CC307", "references.bib", 80),  # uldricks1999 is cited nowhere
]


def test_the_example_reports_exactly_its_deliberate_problems():
    settings = load_settings(cwd=ROOT)
    report = pipeline.run(settings, cwd=ROOT)
    found = [(d.code, d.span.path, report.locate(d.span).line) for d in report.diagnostics]
    assert sorted(found) == sorted(DELIBERATE)


def test_every_note_source_of_the_example_resolves_but_the_deliberate_one():
    report = pipeline.run(load_settings(cwd=ROOT), cwd=ROOT)
    unresolved = [
        (document.path, citation.note, citation.text.split(",")[0])
        for document in report.documents
        for citation in document.citations
        if citation.key is None
    ]
    assert unresolved == [("examples/chapter.md", 2, "Keith Neilson")]


def test_the_json_report_gives_every_citation_a_documented_kind():
    import json

    from citecheck.model import CITATION_KINDS
    from citecheck.reporters import REPORTERS

    report = pipeline.run(load_settings(cwd=ROOT), cwd=ROOT)
    data = json.loads(REPORTERS["json"].render(report, color=False))
    citations = [c for document in data["documents"] for c in document["citations"]]
    assert data["summary"]["citations"] == len(citations) > 0
    assert {c["kind"] for c in citations} <= set(CITATION_KINDS)
    base = {"kind", "text", "line", "column", "note", "key", "locator"}
    reconciled = {"status", "confidence", "candidates"}  # present when a bibliography was read
    assert all(set(c) == base | reconciled for c in citations)
    assert all(c["confidence"] is None or 0 <= c["confidence"] <= 1 for c in citations)


def test_the_reports_do_not_depend_on_the_interpreters_hash_seed():
    """Set and dict order must never reach a report: CI and a user's machine hash strings differently."""
    import os
    import subprocess
    import sys

    def report_under(seed: str) -> str:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-m", "citecheck", "run", "--format", "json", "--output-dir", ""]
        return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True).stdout

    reports = {seed: report_under(seed) for seed in ("1", "2", "3")}
    assert '"candidates"' in reports["1"]
    assert reports["1"] == reports["2"] == reports["3"]
