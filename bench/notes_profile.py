"""Where the note-source stage spends its time on bench/run.py's real book, for work on its speed.

    python bench/notes_profile.py [--top 30] [--sort tottime]

Reads the real book (run.real_book) and, apart, its distinct part (the volumes once: the book's
last 1.9 MB are its first volume again, to make up 10 MB), then for each: the stage's CPU time
(``notes.note_citations`` in this process, patterns compiled, parse cache cleared: best of 3), how
many segments were parsed, how many of them distinct, and how many the parse cache answered. On the
real book a parse cache large enough to hold the repeated volume's segments takes some 0.18 s off
(a tenth): a saving the distinct part does not show, so it is no saving on a real book. Then a
cProfile of one reading of the real book, ``--top`` functions by ``--sort``.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

import run

from citecheck.readers import plaintext
from citecheck.reconcile import notes
from citecheck.source import read_source


def distinct_book() -> str:
    """The volumes of run.VOLUMES once each, joined as run.real_book joins them."""
    books = []
    for path in run.VOLUMES:
        wrapped = read_source(path, path.name).text  # without Project Gutenberg's header and trailer
        start = wrapped.index("\n", wrapped.index("*** START OF")) + 1
        books.append(wrapped[start : wrapped.index("*** END OF")])
    return "\n\n".join(books)


def read(text: str, folder: Path, name: str):  # noqa: ANN201 - a Document
    """``text`` read by the plain-text reader from a file of ``name`` in ``folder``."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return plaintext.read(read_source(path))


def measure(document) -> str:  # noqa: ANN001 - a Document
    """The stage's best CPU time of three and what the parser was asked."""
    notes.note_citations(document)  # compiles the patterns
    times = []
    for _ in range(3):
        notes._parse.cache_clear()
        started = time.process_time()
        notes.note_citations(document)
        times.append(time.process_time() - started)
    asked: list[tuple[str, object]] = []
    parse = notes._parse
    notes._parse = lambda segment, aliases: asked.append((segment, aliases)) or parse(segment, aliases)
    try:
        parse.cache_clear()
        notes.note_citations(document)
    finally:
        notes._parse = parse
    info = parse.cache_info()
    return (f"{len(document.notes)} notes ({len({note.text for note in document.notes})} distinct): "
            f"{min(times):.2f} s CPU (best of {', '.join(f'{t:.2f}' for t in times)}); {len(asked)} segments "
            f"parsed, {len(set(asked))} distinct, {info.hits} answered by the cache")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="tottime", choices=("tottime", "cumulative", "ncalls"))
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        book = read(run.real_book(), Path(folder), "real.txt")
        distinct = read(distinct_book(), Path(folder), "distinct.txt")
    print(f"real book ({run.REAL_SIZE / 1e6:.0f} MB): {measure(book)}")
    print(f"its distinct part: {measure(distinct)}")
    notes._parse.cache_clear()
    profile = cProfile.Profile()
    profile.runcall(notes.note_citations, book)
    pstats.Stats(profile, stream=sys.stdout).strip_dirs().sort_stats(options.sort).print_stats(options.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
