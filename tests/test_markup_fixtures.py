"""Every HTML, EPUB, reStructuredText and Markdown reader fixture: the markers and notes found are exactly
those annotated, by line and label, in reading order."""

from __future__ import annotations

import pytest

from fixture_support import fixture_paths, load_fixture

PATHS = (
    fixture_paths("html", (".html",)) + fixture_paths("epub", (".xhtml",)) + fixture_paths("rst", (".rst",))
    + fixture_paths("markdown", (".md",))
)


@pytest.mark.parametrize("path", PATHS, ids=[f"{p.parent.name}/{p.name}" for p in PATHS])
def test_reader_finds_exactly_the_annotated_markers_and_notes(path):
    fixture = load_fixture(path)
    document = fixture.read()
    locate = fixture.source.locate
    assert {m.span.path for m in document.markers} | {n.span.path for n in document.notes} <= {fixture.source.path}
    found_markers = [(locate(m.span).line, m.label) for m in document.markers]
    found_notes = [(locate(n.span).line, n.label) for n in document.notes]
    assert found_markers == fixture.expectations.get("expect-markers", [])
    assert found_notes == fixture.expectations.get("expect-notes", [])
