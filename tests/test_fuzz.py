"""Fuzzing: no input makes a reader, the bib loader or the exporter raise, and export is stable.

Inputs are drawn from each format's own characters and fragments (braces, brackets, ``@``,
``[^``, ``\\footnote{``, superscripts, ``%``, quotes, newlines, a BOM, NUL and other control
characters) mixed with arbitrary text, so most of them are broken in the ways that matter.
What must hold:

* a reader returns a document whose every span lies inside the file (the pipeline turns what
  cannot be read into CC0xx findings; an exception here would be a traceback);
* the bib loader returns blocks that cover the file in order, a failure keeping its text;
* exporting is idempotent: exporting the export gives the same text;
* a Word document built from WordprocessingML fragments in any order (fields begun, separated
  and ended out of turn, references to notes that do not exist, tracked changes, arbitrary
  text), and the bytes of a Word document with some of them changed, give a document or the
  reader's clear refusal (``ValueError``, CC001; ``UnsafeInput``, CC005), never another error.

``make test`` runs a few examples each (``CITECHECK_FUZZ_EXAMPLES``, default 40); ``make fuzz``
runs many and prints how many inputs each target took. A crash found becomes a fixture in
tests/fixtures/fuzz/ (read by :func:`test_fuzz_fixtures_read_without_error`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from citecheck.bib.export import export_bibtex
from citecheck.bib.load import parse_bibliography
from citecheck.model import Document
from citecheck.pipeline import read_document
from citecheck.readers import docx, reader_for
from citecheck.reconcile.citations import with_citations
from citecheck.source import NotText, SourceFile, UnsafeInput, decode
from docx_support import build_docx, deleted, footnote_reference, inserted, paragraph, text

EXAMPLES = int(os.environ.get("CITECHECK_FUZZ_EXAMPLES", "40"))
FIXTURES = Path(__file__).parent / "fixtures" / "fuzz"
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

COMMON = ["\n", "\n\n", " ", "\t", "\ufeff", "\x00", "\x0c", "\r", "1", "12", "1939", "¹", "²³", "①", "é", "—", "a", "Word", ".", ",", ";", '"', "“", "’"]
FRAGMENTS = {
    ".txt": [*COMMON, "Notes\n", "NOTES", "[Footnote 1: ", "]", "^{", "}", "- 12. ", "12. ", "[12]", "Chapter 1\n", "Ibid., ", "See Carr, ", "argues", "(1977)", "p. 3"],
    ".md": [*COMMON, "[^", "[^1]", "[^1]: ", "^[", "]", "[", "(", ")", "`", "```\n", "<!--", "-->", "<a>", ">", "* ", "# ", "[@key]", "@key", "[see @a, p. 3; @b]", "---\n", "nocite: '@*'\n", "![", "\\"],
    ".tex": [*COMMON, "\\footnote{", "\\footnote[3]{", "\\footnotemark", "\\footnotetext{", "\\cite{", "\\cite[p.~3]{", "\\cites(a)(b)[x]{", "\\nocite{*}", "{", "}", "[", "]", "$", "%", "\\verb|", "\\begin{verbatim}", "\\end{verbatim}", "\\begin{quote}", "\\chapter{", "\\chapter*{", "\\setcounter{footnote}{", "\\addtocounter{footnote}{-", "\\counterwithout{footnote}{chapter}", "\\frac{", "\\\\", "\\", "key,b"],
    ".bib": [*COMMON, "@", "@article{", "@misc(", "@string{", "@preamble{", "@comment{", "%", "%@article{x,", "{", "}", "(", ")", "=", ",", "#", "title = ", "author = {", "year = 2001", "month = jan", "doi = {10.1/x}", "pages = {1--2}", "crossref = {", "key1", "\\{", '"', "and "],
}


WORD_FRAGMENTS = [
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>', '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    '<w:r><w:instrText> ADDIN ZOTERO_ITEM CSL_CITATION {"citationItems":[</w:instrText></w:r>',
    '<w:r><w:instrText>{"itemData":{"title":"T","issued":{"date-parts":[[1999]]}}}]}</w:instrText></w:r>',
    '<w:r><w:instrText> ADDIN EN.CITE &lt;EndNote&gt;&lt;Cite&gt;</w:instrText></w:r>',
    '<w:sdt><w:sdtPr><w:tag w:val="MENDELEY_CITATION_v3_eyJjaXRhdGlvbkl0ZW1zIjpb"/></w:sdtPr><w:sdtContent>',
    "</w:sdtContent></w:sdt>", footnote_reference(1), footnote_reference(2), footnote_reference(9),
    footnote_reference(1, "endnote"), deleted("gone"), inserted(text("new")), '<w:r><w:footnoteRef/></w:r>',
    "<w:r><w:tab/><w:br/></w:r>", text("7", superscript=True), text("12. "), text("Notes"),
]  # fmt: skip


def word_body() -> st.SearchStrategy[list[list[str]]]:
    """Paragraphs of WordprocessingML fragments and arbitrary text; a content control opened
    in a paragraph is closed there, so the XML stays well-formed."""
    characters = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))  # what XML may hold
    piece = st.one_of(st.sampled_from(WORD_FRAGMENTS), st.text(characters, max_size=8).map(text))
    return st.lists(st.lists(piece, max_size=10).map(_balanced), min_size=1, max_size=5)


def _balanced(pieces: list[str]) -> list[str]:
    depth, kept = 0, []
    for piece in pieces:
        if piece.startswith("</w:sdtContent>"):
            if depth == 0:
                continue
            depth -= 1
        elif piece.startswith("<w:sdt>"):
            depth += 1
        kept.append(piece)
    return kept + ["</w:sdtContent></w:sdt>"] * depth


def fuzz_text(suffix: str) -> st.SearchStrategy[str]:
    """Text made of the format's fragments and arbitrary characters."""
    piece = st.one_of(st.sampled_from(FRAGMENTS[suffix]), st.text(max_size=6))
    return st.lists(piece, max_size=60).map("".join)


def _source(path: str, text: str) -> SourceFile:
    """The text as a file's bytes are read; bytes refused as not text (a NUL byte outside UTF-16/32)
    are the refusal the pipeline reports as CC001 (tests/test_encodings.py), not a reader's input."""
    try:
        decoded, encoding, problem = decode(text.encode("utf-8", "surrogatepass"))
    except NotText:
        reject()
    return SourceFile(path, decoded, encoding, problem)


def _assert_inside(document: Document) -> None:
    length = len(document.source.text)
    spans = [
        *(marker.span for marker in document.markers),
        *(note.span for note in document.notes),
        *(part for note in document.notes for part in note.parts),
        *(citation.span for citation in document.citations),
    ]
    for span in spans:
        if span.path == document.source.path:
            assert 0 <= span.start <= span.end <= length, span


def _read(suffix: str, text: str) -> Document:
    source = _source(f"fuzz{suffix}", text)
    reader = reader_for(source.path)
    assert reader is not None
    document = read_document(reader, source)
    _assert_inside(document)
    return document


@FUZZ
@given(fuzz_text(".txt"))
def test_fuzz_plaintext(text: str) -> None:
    _read(".txt", text)


@FUZZ
@given(fuzz_text(".md"))
def test_fuzz_markdown(text: str) -> None:
    _read(".md", text)


@FUZZ
@given(fuzz_text(".tex"))
def test_fuzz_latex(text: str) -> None:
    _read(".tex", text)


@FUZZ
@given(fuzz_text(".bib"))
def test_fuzz_bib_loader(text: str) -> None:
    bib = parse_bibliography(_source("fuzz.bib", text))
    position = 0
    for block in bib.blocks:
        assert position <= block.span.start <= block.span.end <= len(bib.source.text)
        position = block.span.end
    for failure in bib.failures:
        assert bib.source.text[failure.span.start : failure.span.end] == failure.block.raw


@FUZZ
@given(fuzz_text(".bib"))
def test_fuzz_export_is_idempotent(text: str) -> None:
    once = export_bibtex(parse_bibliography(_source("fuzz.bib", text))).text
    twice = export_bibtex(parse_bibliography(_source("fuzz.bib", once))).text
    assert twice == once


def _word(body: list[list[str]], note: list[str]) -> bytes:
    return build_docx([paragraph(*runs) for runs in body], footnotes={1: [paragraph(*note)], 2: [paragraph()]})


@FUZZ
@given(word_body(), word_body())
def test_fuzz_docx(body: list[list[str]], notes: list[list[str]]) -> None:
    document = with_citations(docx.unpack(_word(body, [piece for runs in notes for piece in runs]), "fuzz.docx"))
    _assert_inside(document)
    assert all(0 <= r.span.start <= r.span.end <= len(document.source.text) for r in document.regions)
    assert len(document.source.paragraphs or ()) == document.source.text.count("\n") + 1


CLEAN_DOCX = _word([[text("Text."), footnote_reference(1)]], [text("A note.")])


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(CLEAN_DOCX) - 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_fuzz_docx_bytes(changes: list[tuple[int, int]]) -> None:
    """A Word file with some bytes changed: the zip's directory, a compressed part, a CRC."""
    data = bytearray(CLEAN_DOCX)
    for offset, value in changes:
        data[offset] = value
    try:
        _assert_inside(docx.unpack(bytes(data), "fuzz.docx"))
    except (ValueError, UnsafeInput):
        pass  # CC001 or CC005, with its reason


def test_a_word_file_needing_a_newer_zip_version_is_refused_not_a_crash() -> None:
    """zipfile raises NotImplementedError for "version needed to extract" 6.4 (found by fuzzing)."""
    data = bytearray(CLEAN_DOCX)
    directory = data.index(b"PK\x01\x02")
    data[directory + 6] = 64  # version needed to extract, in the first central directory header
    with pytest.raises(ValueError, match="not a Word document"):
        docx.unpack(bytes(data), "newer-zip.docx")


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.*")), ids=lambda path: path.name)
def test_fuzz_fixtures_read_without_error(path: Path) -> None:
    """Inputs fuzzing once crashed on, each named for what it broke."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".bib":
        once = export_bibtex(parse_bibliography(_source(path.name, text))).text
        assert export_bibtex(parse_bibliography(_source(path.name, once))).text == once
    else:
        _read(path.suffix, text)
