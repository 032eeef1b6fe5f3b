"""The HTML reader on the Project Gutenberg HTML editions of the books in tests/corpora/books.

    .venv/bin/python bench/html_books.py --from-mirrors DIR   # DIR holds GITenberg clones, owner+name/repo
    .venv/bin/python bench/html_books.py --folder DIR         # DIR holds BOOK.html files

The books' MANIFEST.toml gives each book's repository, split and the markers and notes its plain
text has (the HTML edition has the same notes, give or take an editor's); this prints, per book
and split, the markers and notes the HTML reader finds beside those counts, and its footnote
findings. A measurement: it exits 0.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

from citecheck.pipeline import read_document
from citecheck.readers import reader_for
from citecheck.rules import Context, all_rules, run_rules
from citecheck.source import SourceFile, decode

BOOKS = Path(__file__).resolve().parent.parent / "tests" / "corpora" / "books"


def _from_mirror(mirrors: Path, repo: str) -> bytes | None:
    clone = mirrors / repo.replace("/", "+") / "repo"
    if not clone.is_dir():
        return None
    names = subprocess.run(["git", "-C", str(clone), "ls-tree", "-r", "--name-only", "HEAD"], capture_output=True, text=True).stdout.split()
    pages = [name for name in names if name.endswith((".htm", ".html")) and "-h/" in name]
    if not pages:
        return None
    return subprocess.run(["git", "-C", str(clone), "show", f"HEAD:{pages[0]}"], capture_output=True, check=True).stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from-mirrors", type=Path)
    parser.add_argument("--folder", type=Path)
    options = parser.parse_args()
    rules = [rule for rule in all_rules() if rule.code.startswith("CC1")]
    books = tomllib.loads((BOOKS / "MANIFEST.toml").read_text(encoding="utf-8"))["book"]
    totals: dict[str, Counter[str]] = {"dev": Counter(), "test": Counter()}
    for book in sorted(books, key=lambda b: (b["split"], b["file"])):
        name = book["file"].removesuffix(".txt") + ".html"
        if options.folder is not None and (options.folder / name).exists():
            data: bytes | None = (options.folder / name).read_bytes()
        else:
            data = _from_mirror(options.from_mirrors, book["repo"]) if options.from_mirrors else None
        if data is None:
            continue
        source = SourceFile(name, decode(data)[0])
        document = read_document(reader_for(name), source)
        findings = Counter(d.code for d in run_rules(Context.of((document,)), rules))
        print(
            f"{book['split']:>4} {name:30} markers {len(document.markers):5} (text {book['expected_markers']:5}) "
            f"notes {len(document.notes):5} (text {book['expected_notes']:5}) footnote findings {sum(findings.values()):4} {dict(findings)}"
        )
        totals[book["split"]].update(
            books=1, markers=len(document.markers), text_markers=book["expected_markers"],
            notes=len(document.notes), text_notes=book["expected_notes"], findings=sum(findings.values()),
        )
    for split, total in totals.items():
        print(
            f"{split:>4}: {total['books']} books, markers {total['markers']} of {total['text_markers']} in the text editions, "
            f"notes {total['notes']} of {total['text_notes']}, {total['findings']} footnote findings"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
