"""Every plain-text reader fixture: the markers and notes found are exactly those annotated."""

from __future__ import annotations

import pytest

from fixture_support import fixture_paths, load_fixture

PATHS = fixture_paths("plaintext", (".txt",))


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_reader_finds_exactly_the_annotated_markers_and_notes(path):
    fixture = load_fixture(path)
    document = fixture.read()
    locate = fixture.source.locate

    found_markers = [
        (locate(m.span).line, f"{m.label}->{m.intended}" if m.intended is not None else m.label)
        for m in document.markers
    ]
    found_notes = [(locate(n.span).line, n.label) for n in document.notes]
    assert found_markers == fixture.expectations.get("expect-markers", [])  # in reading order
    assert found_notes == fixture.expectations.get("expect-notes", [])


def test_every_marker_and_note_style_has_a_fixture():
    styles_seen = set()
    note_styles_seen = set()
    for path in PATHS:
        document = load_fixture(path).read()
        styles_seen |= {m.style for m in document.markers}
        note_styles_seen |= {n.style for n in document.notes}
    assert styles_seen >= {"superscript", "caret", "bracket", "punctuation", "quote", "word", "year", "spaced", "after-number", "circumflex", "symbol", "after-comma", "hash"}
    assert note_styles_seen >= {"dot", "dash", "caret", "bracket", "gutenberg", "symbol", "hash"}
