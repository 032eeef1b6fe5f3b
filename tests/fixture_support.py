"""Fixtures are data files with the expectation written on the offending line.

Annotations are HTML comments at the end of a line (``<!-- expect: CC101 -->``,
``<!-- expect-markers: 12 18->13 -->``, ``<!-- expect-notes: 12 -->``). They are removed before the
file is read, so line numbers stay as written and columns before the comment are unchanged.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from citecheck.model import Document
from citecheck.readers import reader_for
from citecheck.source import SourceFile, decode

FIXTURES = Path(__file__).parent / "fixtures"
ANNOTATION = re.compile(rb"[ \t]*<!--[ \t]*(expect|expect-markers|expect-notes):[ \t]*(.*?)[ \t]*-->")


@dataclass(frozen=True)
class Fixture:
    path: Path
    source: SourceFile
    # kind ("expect", "expect-markers", "expect-notes") -> sorted (line, item) pairs
    expectations: dict[str, list[tuple[int, str]]]

    def read(self) -> Document:
        reader = reader_for(self.path)
        assert reader is not None, f"no reader for {self.path}"
        return reader.read(self.source, None)


def load_fixture(path: Path) -> Fixture:
    data = path.read_bytes()
    expectations: dict[str, list[tuple[int, str]]] = defaultdict(list)
    cleaned_lines = []
    for number, line in enumerate(data.split(b"\n"), start=1):
        for match in ANNOTATION.finditer(line):
            kind = match.group(1).decode()
            for item in re.split(r"[\s,]+", match.group(2).decode().strip()):
                if item:
                    expectations[kind].append((number, item))
        cleaned_lines.append(ANNOTATION.sub(b"", line))
    text, encoding, problem = decode(b"\n".join(cleaned_lines))
    relative = path.relative_to(FIXTURES.parent).as_posix()
    source = SourceFile(relative, text, encoding, problem)
    return Fixture(path, source, {kind: sorted(items) for kind, items in expectations.items()})


def fixture_paths(folder: str, suffixes: tuple[str, ...] = (".txt", ".md")) -> list[Path]:
    return sorted(p for p in (FIXTURES / folder).rglob("*") if p.suffix in suffixes)
