"""The Markdown reader on real Markdown whose footnote definitions lost their colon
(bench/corpora/markdown-notes, dev split): exactly the notes and markers counted by eye.

The texts are not committed (bench/corpora/markdown-notes/fetch.py fetches them at pinned
commits); without them the test skips.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.readers.markdown import read
from citecheck.source import read_source

CORPUS = Path(__file__).resolve().parent.parent / "bench" / "corpora" / "markdown-notes"


def expected() -> list[tuple[str, list[str], list[str]]]:
    rows = []
    for line in (CORPUS / "expected.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, notes, markers = line.split("\t")
            rows.append((name, notes.split(), markers.split()))
    return rows


@pytest.mark.parametrize(("name", "notes", "markers"), expected(), ids=[row[0] for row in expected()])
def test_reader_finds_the_notes_written_without_a_colon(name, notes, markers):
    path = CORPUS / "texts" / f"{name}.md"
    if not path.exists():
        pytest.skip("not fetched (bench/corpora/markdown-notes/fetch.py)")
    document = read(read_source(path, path.name))
    assert [note.label for note in document.notes] == notes
    assert [marker.label for marker in document.markers] == markers
