"""The Word reader on real .docx files: pandoc's reader tests (made in Word, LibreOffice, Google
Docs), measured against the output pandoc's tests expect.

    .venv/bin/python bench/docx_corpus.py DIR [--split dev|test|all] [--show N]

``DIR`` holds ``NAME.docx`` files (in any folder below it) with pandoc's expected output beside them (``NAME.native``;
for tracked changes ``NAME_accept.native``, the text with the changes accepted, which is what
citecheck reads; for citation fields ``NAME_plus.native``), as in pandoc's ``test/docx``
(GPL: measured here, never copied into the project). A file with no expected output is still
read: it must give a document, a clear reason it cannot be read (CC001) or a refusal (CC005),
never a traceback; Apache POI's ``test-data`` (broken, encrypted, fuzzed and hostile Word
files) is such a folder.

For each file: the words of the text (body and notes; ``\\w+`` runs, case folded) against the
words of pandoc's ``Str`` elements (recall and precision over the multisets), the notes
against pandoc's ``Note`` elements, the reference-manager citations against pandoc's
``Cite`` elements (``citationId`` entries). Files are split before any result was looked at:
test when sha256("docx:" + name) starts with a hex digit 0-4. Prints per-file lines (``--show``
only for dev files), the totals per split, and the reading time.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from citecheck.readers import docx
from citecheck.readers.plaintext import SUPERSCRIPT_DIGITS
from citecheck.source import UnsafeInput

# Pandoc's native output: the strings of Str, Code and CodeBlock elements; a Space, a break or a
# new block between them separates words, anything else (a Span, an Emph) does not ("th", "i",
# "rd" in three spans are one word).
_NATIVE = re.compile(
    r'\b(?:Str|Code\s*\([^()]*\)|CodeBlock\s*\([^()]*\))\s+"((?:[^"\\]|\\.)*)"'
    r"|\b(Space|SoftBreak|LineBreak|Para|Plain|Header|Note|Cell|Row|Caption|Image|Meta\w+)\b"
)
_NOTE = re.compile(r"(?<!\")\bNote\s*\[")
_CITE = re.compile(r"\bcitationId\s*=")
_CJK = "\u3000-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")  # an ideograph is a word of its own: no spaces to tell
_ESCAPE = re.compile(r"\\(\d+|.)")
_ESCAPED = {"n": "\n", "t": "\t"}
_ASCII_DIGITS = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")


def split_of(name: str) -> str:
    return "test" if int(hashlib.sha256(f"docx:{name}".encode()).hexdigest()[0], 16) < 5 else "dev"


def _haskell_string(body: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1))) if m.group(1).isdigit() else _ESCAPED.get(m.group(1), m.group(1)), body)


@dataclass(frozen=True, slots=True)
class Truth:
    words: Counter[str]
    notes: int
    citations: int | None  # only from a "_plus" output (pandoc read the citation fields)


def truth_for(path: Path) -> Truth | None:
    stem = path.with_suffix("")
    candidates = (Path(f"{stem}_accept.native"), Path(f"{stem}.native"), Path(f"{stem}_minus.native"))
    text = next((p for p in candidates if p.exists()), None)
    if text is None:
        return None
    native = text.read_text(encoding="utf-8")
    joined = "".join(_haskell_string(m.group(1)) if m.group(1) is not None else " " for m in _NATIVE.finditer(native))
    words = Counter(w.casefold() for w in _WORD.findall(joined))
    plus = Path(f"{stem}_plus.native")
    citations = len(_CITE.findall(plus.read_text(encoding="utf-8"))) if plus.exists() else None
    return Truth(words, len(_NOTE.findall(native)), citations)


@dataclass(slots=True)
class Tally:
    files: int = 0
    read: int = 0
    unreadable: int = 0
    refused: int = 0
    found_words: int = 0
    true_words: int = 0
    our_words: int = 0
    notes_right: int = 0
    notes_files: int = 0
    citations_found: int = 0
    citations_true: int = 0

    def line(self, name: str) -> str:
        recall = self.found_words / self.true_words if self.true_words else 1.0
        precision = self.found_words / self.our_words if self.our_words else 1.0
        return (
            f"{name:>5}: {self.files} files, {self.read} read, {self.unreadable} unreadable, {self.refused} refused; "
            f"word recall {recall:.3f}, precision {precision:.3f}; "
            f"note count right in {self.notes_right}/{self.notes_files}; "
            f"citations {self.citations_found}/{self.citations_true}"
        )


def measure(path: Path, tally: Tally, show: bool) -> None:
    tally.files += 1
    try:
        document = docx.unpack(path.read_bytes(), path.name)
    except UnsafeInput as error:  # CC005
        tally.refused += 1
        print(f"  {path.name}: refused: {error}")
        return
    except ValueError as error:  # CC001, with its reason
        tally.unreadable += 1
        print(f"  {path.name}: cannot be read: {error}")
        return
    tally.read += 1
    truth = truth_for(path)
    if truth is None:
        return
    text = list(document.source.text)
    for span in [m.span for m in document.markers] + [n.span for n in document.notes]:
        text[span.start : span.end] = " " * (span.end - span.start)  # Word draws these; pandoc has Note
    ours = Counter(w.casefold() for w in _WORD.findall("".join(text).translate(_ASCII_DIGITS)))
    found = sum((ours & truth.words).values())
    tally.found_words += found
    tally.true_words += sum(truth.words.values())
    tally.our_words += sum(ours.values())
    tally.notes_files += 1
    tally.notes_right += len(document.notes) == truth.notes
    cited = sum(1 for c in document.citations if c.kind in ("full", "short"))
    if truth.citations is not None:
        tally.citations_found += min(cited, truth.citations)
        tally.citations_true += truth.citations
    if show and (ours != truth.words or len(document.notes) != truth.notes):
        missing = truth.words - ours
        extra = ours - truth.words
        print(f"  {path.name}: notes {len(document.notes)}/{truth.notes}, citations {cited}/{truth.citations}; "
              f"missing {sorted(missing.elements())[:12]} extra {sorted(extra.elements())[:12]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--show", action="store_true", help="print the differences of dev files")
    args = parser.parse_args()
    files = sorted(args.folder.rglob("*.docx"))
    if not files:
        print(f"no .docx files in {args.folder}", file=sys.stderr)
        return 2
    tallies = {"dev": Tally(), "test": Tally()}
    started = time.perf_counter()
    for path in files:
        split = split_of(path.name)
        if args.split in (split, "all"):
            measure(path, tallies[split], args.show and split == "dev")
    elapsed = time.perf_counter() - started
    for split, tally in tallies.items():
        if args.split in (split, "all"):
            print(tally.line(split))
    print(f"read in {elapsed:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
