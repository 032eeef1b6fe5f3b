"""Fixtures are data files with the expectation written on the offending line.

Annotations are HTML comments at the end of a line (``<!-- expect: CC101 -->``,
``<!-- expect-markers: 12 18->13 -->``, ``<!-- expect-notes: 12 -->``) or, in ``.bib`` (and LaTeX)
files, a trailing ``%`` comment (``% expect: CC304``). They are removed before the file is read,
so line numbers stay as written and columns before the comment are unchanged.

``expect-sources: KEY ...`` lists, for a line of note text, what each source on it resolves to (an
entry key, ``unresolved`` or ``ambiguous``); ``expect-mentions: KEY ...`` does the same for the
scholars named in prose on a line (``unlisted`` for one with no entry).

A Word fixture (``*.docx.xml``) is WordprocessingML text (see :func:`docx_support.fixture_docx`):
the test builds the .docx from it and reads that; an annotation on a line of a paragraph stands
for that paragraph's line in the text the reader lays out.

An EPUB fixture (``*.epub.xhtml``) is one chapter: the test builds an EPUB around it
(:func:`package_support.fixture_epub`) and reads that; the chapter keeps its lines.

A ``.bib`` fixture is loaded with :func:`citecheck.bib.load.parse_bibliography` and checked as the
bibliography of a :class:`~citecheck.rules.Context`; any other fixture is read by the reader for
its suffix and checked as a document. A manuscript with a ``.bib`` of the same name beside it
(``fail-x.md`` and ``fail-x.bib``) is checked with that bibliography; the pair is one case, and
each file's findings must match its own annotations.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from citecheck.bib.load import parse_bibliography
from citecheck.bib.model import Bibliography
from citecheck.model import Document
from citecheck.pipeline import read_document
from citecheck.project import missing_parts
from citecheck.readers import docx, epub, reader_for
from citecheck.reconcile.citations import with_citations
from citecheck.rules import Context
from citecheck.source import SourceFile, decode
from docx_support import fixture_docx
from package_support import fixture_epub

FIXTURES = Path(__file__).parent / "fixtures"
_KIND = rb"(expect|expect-markers|expect-notes|expect-sources|expect-mentions)"
ANNOTATION = re.compile(
    rb"[ \t]*(?:<!--[ \t]*" + _KIND + rb":[ \t]*(.*?)[ \t]*-->"
    rb"|%[ \t]*" + _KIND + rb":[ \t]*(.*?)[ \t]*(?=\r?$))"
)
BIB_SUFFIXES = (".bib",)
MANUSCRIPT_SUFFIXES = (".txt", ".md", ".tex", ".xml", ".rst", ".html", ".xhtml")  # .xml: a Word fixture, *.docx.xml
EPUB_FIXTURE = ".epub.xhtml"  # an EPUB chapter, built into a book by the test


@dataclass(frozen=True)
class Fixture:
    path: Path
    source: SourceFile
    # kind ("expect", "expect-markers", ...) -> (line, item) pairs by line, in the order written
    expectations: dict[str, list[tuple[int, str]]]
    package: bytes | None = None  # the .docx or .epub built from a Word or EPUB fixture

    @property
    def is_bib(self) -> bool:
        return self.path.suffix in BIB_SUFFIXES

    def read(self) -> Document | Bibliography:
        if self.is_bib:
            return parse_bibliography(self.source)
        if self.package is not None and self.path.name.endswith(EPUB_FIXTURE):
            return with_citations(epub.unpack(self.package, epub_name(self.path)))
        if self.package is not None:
            return with_citations(docx.unpack(self.package, self.source.path))
        reader = reader_for(self.path)
        assert reader is not None, f"no reader for {self.path}"
        return read_document(reader, self.source, None)

    @property
    def companion(self) -> Fixture | None:
        """The bibliography beside a manuscript fixture, or the manuscript beside a ``.bib``."""
        suffixes = MANUSCRIPT_SUFFIXES if self.is_bib else BIB_SUFFIXES
        for suffix in suffixes:
            other = self.path.with_suffix(suffix)
            if other.exists():
                return load_fixture(other)
        return None

    def context(self) -> Context:
        """The rules' view of the case: the manuscript with its bibliography, either alone."""
        pair = [self] + ([self.companion] if self.companion is not None else [])
        documents = tuple(f.read() for f in pair if not f.is_bib)
        bibliographies = [f.read() for f in pair if f.is_bib]
        missing = missing_parts(documents[0], self.path, self.path.parent) if documents else ()
        return Context.of(documents=documents, bibliography=bibliographies[0] if bibliographies else None, missing_files=missing)

    def expectations_of_case(self, kind: str = "expect") -> dict[str, list[tuple[int, str]]]:
        """Each file of the case (by its path in findings) with its ``kind`` annotations."""
        pair = [self] + ([self.companion] if self.companion is not None else [])
        return {f.source.path: f.expectations.get(kind, []) for f in pair}


def load_fixture(path: Path) -> Fixture:
    data = path.read_bytes()
    expectations: dict[str, list[tuple[int, str]]] = defaultdict(list)
    cleaned_lines = []
    for number, line in enumerate(data.split(b"\n"), start=1):
        for match in ANNOTATION.finditer(line):
            kind = (match.group(1) or match.group(3)).decode()
            found = match.group(2) if match.group(1) else match.group(4)
            for item in re.split(r"[\s,]+", found.decode().strip()):
                if item:
                    expectations[kind].append((number, item))
        cleaned_lines.append(ANNOTATION.sub(b"", line))
    text, encoding, problem = decode(b"\n".join(cleaned_lines))
    relative = path.relative_to(FIXTURES.parent).as_posix()
    source = SourceFile(relative, text, encoding, problem)
    package = None
    if path.name.endswith(".docx.xml"):
        package, paragraph_lines = fixture_docx(text)
        source = docx.unpack(package, relative).source
        expectations = _in_paragraphs(expectations, paragraph_lines, source)
    if path.name.endswith(EPUB_FIXTURE):
        package = fixture_epub(text, path.name.removesuffix(EPUB_FIXTURE))
        (source,) = epub.unpack(package, epub_name(path)).note_sources
    # Findings are compared as sorted (line, code) pairs; the other kinds keep the order written
    # within a line (a note's first source is the first item).
    ordered = {
        kind: sorted(items) if kind == "expect" else sorted(items, key=lambda pair: pair[0])
        for kind, items in expectations.items()
    }
    return Fixture(path, source, ordered, package)


def epub_name(path: Path) -> str:
    """How reports name the book built from EPUB fixture ``path`` (its chapter is ``NAME/OEBPS/...``)."""
    return path.relative_to(FIXTURES.parent).as_posix().removesuffix(".xhtml")


def _in_paragraphs(
    expectations: dict[str, list[tuple[int, str]]], paragraph_lines: list[int], source: SourceFile
) -> dict[str, list[tuple[int, str]]]:
    """Annotations of a Word fixture moved from the fixture's lines to the lines of the text the
    reader laid out: a line of the fixture belongs to the paragraph started last before it."""
    laid_out = [line for line, paragraph in enumerate(source.paragraphs or (), start=1) if paragraph is not None]
    assert len(laid_out) == len(paragraph_lines), "the reader laid out another number of paragraphs than the fixture has"
    moved: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for kind, items in expectations.items():
        for line, item in items:
            index = max(i for i, start in enumerate(paragraph_lines) if start <= line)
            moved[kind].append((laid_out[index], item))
    return moved


def fixture_paths(folder: str, suffixes: tuple[str, ...] = (*MANUSCRIPT_SUFFIXES, *BIB_SUFFIXES)) -> list[Path]:
    """The fixtures below ``folder``; a case of a manuscript and its ``.bib`` is named by the manuscript."""
    found = sorted(p for p in (FIXTURES / folder).rglob("*") if p.suffix in suffixes)
    return [
        p for p in found
        if not (p.suffix in BIB_SUFFIXES and any(p.with_suffix(s).exists() for s in MANUSCRIPT_SUFFIXES))
    ]


def aligned(expected: list[str], found: list[str]) -> int:
    """How many expected sources are matched in order by found ones (longest common subsequence):
    the accuracy measure of the annotated corpora and of bench/accuracy_notes.py."""
    best = [[0] * (len(found) + 1) for _ in range(len(expected) + 1)]
    for i, want in enumerate(expected):
        for j, got in enumerate(found):
            best[i + 1][j + 1] = best[i][j] + 1 if want == got else max(best[i][j + 1], best[i + 1][j])
    return best[len(expected)][len(found)]
