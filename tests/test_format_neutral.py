"""The stages after the readers never look at ``Document.format``: a document handed on under
another format name gives the same citations, resolutions and findings.

This is what lets a new format be one reader module: nothing downstream has a branch for it.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from citecheck.bib.load import load_bibliography
from citecheck.readers import READERS, docx, epub, reader_for
from citecheck.reconcile.citations import with_citations
from citecheck.rules import Context, all_rules, run_rules
from citecheck.source import read_source
from docx_support import fixture_docx
from fixture_support import EPUB_FIXTURE, epub_name
from package_support import fixture_epub

TESTS = Path(__file__).parent
BOOKS = TESTS / "corpora" / "books"  # large; read by the same readers, measured by bench/accuracy.py
WORD = ".docx.xml"  # a Word fixture: the .docx is built from it (tests/docx_support.py)
MANUSCRIPTS = sorted(
    path
    for folder in (TESTS / "fixtures", TESTS / "corpora")
    for path in folder.rglob("*")
    if path.is_file() and (reader_for(path) is not None or path.name.endswith(WORD))
    and path.name != "README.md" and not path.is_relative_to(BOOKS)
)


def _format(path: Path) -> str:
    if path.name.endswith(WORD):
        return "docx"
    return "epub" if path.name.endswith(EPUB_FIXTURE) else reader_for(path).format


def _read(path: Path):
    """What the reader hands on, before the note sources and mentions are added."""
    if path.name.endswith(WORD):
        return docx.unpack(fixture_docx(path.read_text(encoding="utf-8"))[0], path.name)
    if path.name.endswith(EPUB_FIXTURE):
        return epub.unpack(fixture_epub(path.read_text(encoding="utf-8"), "chapter"), epub_name(path))
    return reader_for(path).read(read_source(path, path.name), None)


def _outcome(path: Path, format_name: str | None) -> tuple:
    document = _read(path)
    if format_name is not None:
        document = dataclasses.replace(document, format=format_name)
    document = with_citations(document, "on")
    bib_path = next((p for p in (path.with_suffix(".bib"), path.parent / "references.bib") if p.exists()), None)
    bib = load_bibliography(bib_path, bib_path.name) if bib_path is not None else None
    context = Context.of((document,), bibliography=bib)
    findings = tuple(run_rules(context, all_rules()))
    (reconciled,) = context.reconciliation.documents
    return reconciled.citations, findings


def test_the_cases_cover_every_reader():
    """A new reader comes with fixtures, and they are checked here too."""
    assert {_format(path) for path in MANUSCRIPTS} == {reader.format for reader in READERS}


@pytest.mark.parametrize("path", MANUSCRIPTS, ids=lambda p: p.relative_to(TESTS).as_posix())
def test_later_stages_ignore_the_format_name(path):
    citations, findings = _outcome(path, None)
    assert (citations, findings) == _outcome(path, "unnamed")


@pytest.mark.parametrize("path", MANUSCRIPTS, ids=lambda p: p.relative_to(TESTS).as_posix())
def test_note_parts_hold_the_note_text(path):
    """The non-blank characters of a note's text are those of its parts, in order (a quotation's
    ``>`` aside): the note parser maps every source back to the file through them."""
    document = _read(path)
    texts = {source.path: source.text for source in (document.source, *document.note_sources)}
    for note in document.notes:
        in_parts = "".join("".join(texts[p.path][p.start : p.end].split()) for p in note.parts)
        assert "".join(note.text.split()) in (in_parts, in_parts.replace(">", "")), note.number
