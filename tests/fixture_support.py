"""Fixtures are data files with the expectation written on the offending line.

Annotations are HTML comments at the end of a line (``<!-- expect: CC101 -->``,
``<!-- expect-markers: 12 18->13 -->``, ``<!-- expect-notes: 12 -->``) or, in ``.bib`` (and LaTeX)
files, a trailing ``%`` comment (``% expect: CC304``). They are removed before the file is read,
so line numbers stay as written and columns before the comment are unchanged.

A ``.bib`` fixture is loaded with :func:`citecheck.bib.load.parse_bibliography` and checked as the
bibliography of a :class:`~citecheck.rules.Context`; any other fixture is read by the reader for
its suffix and checked as a document.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from citecheck.bib.load import parse_bibliography
from citecheck.bib.model import Bibliography
from citecheck.model import Document
from citecheck.readers import reader_for
from citecheck.rules import Context
from citecheck.source import SourceFile, decode

FIXTURES = Path(__file__).parent / "fixtures"
_KIND = rb"(expect|expect-markers|expect-notes)"
ANNOTATION = re.compile(
    rb"[ \t]*(?:<!--[ \t]*" + _KIND + rb":[ \t]*(.*?)[ \t]*-->"
    rb"|%[ \t]*" + _KIND + rb":[ \t]*(.*?)[ \t]*(?=\r?$))"
)
BIB_SUFFIXES = (".bib",)


@dataclass(frozen=True)
class Fixture:
    path: Path
    source: SourceFile
    # kind ("expect", "expect-markers", "expect-notes") -> sorted (line, item) pairs
    expectations: dict[str, list[tuple[int, str]]]

    @property
    def is_bib(self) -> bool:
        return self.path.suffix in BIB_SUFFIXES

    def read(self) -> Document | Bibliography:
        if self.is_bib:
            return parse_bibliography(self.source)
        reader = reader_for(self.path)
        assert reader is not None, f"no reader for {self.path}"
        return reader.read(self.source, None)

    def context(self) -> Context:
        """The rules' view of the fixture: a document, or the bibliography of a ``.bib`` file."""
        read = self.read()
        if isinstance(read, Bibliography):
            return Context(bibliography=read)
        return Context(documents=(read,))


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
    return Fixture(path, source, {kind: sorted(items) for kind, items in expectations.items()})


def fixture_paths(folder: str, suffixes: tuple[str, ...] = (".txt", ".md", *BIB_SUFFIXES)) -> list[Path]:
    return sorted(p for p in (FIXTURES / folder).rglob("*") if p.suffix in suffixes)
