"""Where the note-source stage spends its time on bench/run.py's real book, for work on its speed.

    python bench/notes_profile.py [--top 30] [--sort tottime]
    python bench/notes_profile.py --against PATH [--rounds 5]

Reads the real book (run.real_book) and, apart, its distinct part (the volumes once: the book's
last 1.9 MB are its first volume again, to make up 10 MB), then for each: the stage's CPU time
(``notes.note_citations`` in this process, patterns compiled, parse cache cleared: best of 3), how
many segments were parsed, how many of them distinct, and how many the parse cache answered. On the
real book a parse cache large enough to hold the repeated volume's segments takes some 0.18 s off
(a tenth): a saving the distinct part does not show, so it is no saving on a real book. Then a
cProfile of one reading of the real book, ``--top`` functions by ``--sort``.

With ``--against``, the stage of another checkout's ``citecheck/reconcile/notes.py`` (main's, in a
detached worktree: ``git worktree add --detach /tmp/old main``; every other module is this
checkout's) and this one's, on both texts, in turn in this process, each the best CPU time of
``--rounds``: on a machine others share, two runs of one tree apart differ by more than a change to
the stage does (bench/run.py's whole process read 2.71 s and 6.82 s of one tree within the hour,
its note sources 1.65 s and 4.38 s); read in turn, a change in the load falls on both. The two
must find the same citations. A cProfile's figures mislead here as well: the profiler's cost a call
makes small functions called often look several times their cost.

What a "facts once per piece" redesign may save, measured on the distinct part (December 2026):
half the stage is parsing (15,869 segments, nine in ten of them commentary the parser lets go,
some 30 µs and 90 calls of Python each), half cutting notes into pieces and the candidates around
the parses. The same text is seldom asked the same question twice (the first digit 35,918 times of
23,610 texts, a piece's entry opening 16,695 of 15,090): keeping each answer would save some 30 ms.
Made free, every test a form asks before its pattern would take a third off parsing (0.47 s to
0.32 s, segments parsed again and again with each answer cached): the upper bound of facts shared
by the forms. The scans themselves are cheap (where a source may start in the rests of a piece of
commentary: 57 ms for all); what costs is the breadth of forms, each a few calls of Python.

One gate before the forms (``notes._may_parse``: what each form needs, asked once; December 2026)
lets go 6,884 of the 15,864 segments the distinct part asks (in the gate 2.5 µs a segment it passes,
5.6 µs one it lets go, against 40 and 16 µs in the forms): the stage 7% faster on the distinct part,
2% on the real book (best of 15, in turn, on a loaded machine). No such test can let go the rest of
the commentary: names before the first comma and a locator the forms then refuse (``Wilken, vol.
iii. p. 165``, ``Herodian, l. vi. p. 207``) need the forms read to be told from a short form. By
piece: 6,444 of the distinct part's 7,737 pieces that reach :func:`notes._candidates` yield no
citation and take some three quarters of the stage (the piece, the rests after "in"/"by"/a comma
and each parenthesis parsed); a test that such a piece has no stretch any form reads (every start
a rest or a parenthesis may have) is where the next saving is.

Such a piece-level gate measured before it was built (December 2026): it can only let go a piece
none of whose segments passes ``_may_parse``, and of the 6,446 pieces that yield nothing, 4,695
hold a segment that passes it and that the forms refuse (the segments passing by names before a
comma 3,517, by a year, an element's stop or a law report 2,332, by a title's mark 541, by
"here"/"hence" 284, by a letter's words 258, by an archival item 124): those must be read. The
other 1,751 take some 9% of the stage (0.14 s of 1.64 s, each piece read alone with the parse
cache cleared); an optimistic test of the piece's text (a year, a title's mark, the words of
IBID, ALIAS_DECLARATION, INTERVIEW or a letter, a word that does not open in lower case before a
comma) lets go 654 of them, a saving of some 4%, and already lets go 5 pieces that do yield: one
that is sure to let go no such piece would save less. Not built. Where the rest goes, on the
distinct part, CPU: the forms refuse 14,316 distinct segments in 0.47 s and read 1,559 in 0.10 s;
``split_pieces`` takes 0.18 s of the 4,460 notes that reach it (``_entry_runs`` 0.056 s of it,
``_outside`` 0.016 s); the rest is the cutting around the parses (``_handed_over``,
``_in_parentheses``, ``_split_inside``, ``_trim``), spread over some forty functions, none over 5%.

Form dispatch measured before it was built (December 2026): one compiled alternation scanned once
per segment, saying which forms may apply, only those called. The 14,304 distinct segments of the
distinct part the forms refuse, each step of :func:`notes._parse_normalized` timed (CPU, best of 5,
0.41 s with the timer's own cost): trimming the ends 0.067 s, ``_may_parse`` 0.113, the forms the
gate lets by before the work form (Ibid., acknowledgement, letter, owner in emphasis, key, imprint,
interview, document in lower case, law report, author-date short form, possessive) 0.102, the
rewritings before it (``_title_entry_form``, ``_author_date_form``, ``_note_form``,
``_locator_after_stop``) 0.118, alias declared and used 0.043, ``_parse_work`` 0.146,
``_parse_document`` 0.036. An oracle that skipped every form but the one that reads a segment would
save some 0.2 s (15% of the stage); a dispatch by features saves less, as each form already asks a
substring (``"v." in segment``, ``" to "``, ``"at"``) before its pattern: what costs is the scans
those asks let through (``_MONTH_START`` 14,939 searches, ``_YEAR_THEN_TITLE`` 14,832,
``_HOLDING_AFTER_COMMA`` 22,273, ``_DIGIT_OR_ASTRAL`` for the first digit 24,767), some 0.1 s in
all, which one scan could at most halve: under 5% of the stage, 2% of the whole process. And one
alternation cannot say every feature: ``finditer`` yields non-overlapping matches (a month inside
an archival item's match is not reported) and a lookahead alternation reports at a position only
its first alternative that matches; each feature needs its own zero-width group in order, tested
per form. Not built. No one pattern dominates the stage either (each timed in the stage, CPU,
with a timer's cost on each call): ``_SOURCE_INSIDE_START`` (20,720 searches), the signal scans of
``_may_cite`` (36,848 of ``_ASCII_SIGNAL_CHARACTERS``), ``AUTHORS`` (4,912 matches, 3.6 µs each
alone), ``SOURCE_INSIDE`` each some 3-5%. ``split_pieces`` on the distinct part (4,460 notes,
0.20 s): ``_outside`` 0.033 s, the loop over 11,944 stops and semicolons 0.054, ``_trim`` 0.040,
``_title_then_names`` 0.010, ``_entry_runs`` 0.054. ``_in_parentheses`` parses 3,850 distinct
insides (0.128 s, parse cache cleared); the 1,678 that open in lower case take 0.017 s of it (114
of them read, as documents with no author, ``c. 44, p. 85``, which it does not keep), so letting
those go would save 1%.
The saving left is in the cutting: each stretch (note, piece, rest after a hand-over, parenthesis)
is scanned again by each of some ten patterns (``_PIECE_END``, ``_BRACKETING``, ``_PARENTHESIS``,
``_SOURCE_INSIDE_START``, ``_AND_BEFORE_CAPITAL``, ``_TITLE_CLOSED_THEN_COMMA``,
``_END_THEN_COMMA_BEFORE_WORD``, the signal scans): the next step of a one-pass design is a table
of a note's stops made once (every position each of them finds, over the whole note, the ones
whose lookarounds read past a stretch's ends marked) that each stretch asks by bisection.

Outside the stage: ``bench/run.py`` runs the whole process in a temporary folder, with no
bibliography; run from a project naming one (this checkout's ``references.bib``: 17 entries) the
real book's notes are read again for titles (``titles.with_title_sources``), 0.60 s of 3.7 s CPU,
0.49 s once a note sharing no word with the titles is let go before it is folded (December 2026).
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
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


def against(tree: Path, documents: dict[str, object], rounds: int) -> None:
    """The stage of ``tree``'s notes.py and of this checkout's on each document, read in turn."""
    spec = importlib.util.spec_from_file_location("notes_against", tree / "citecheck" / "reconcile" / "notes.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no citecheck/reconcile/notes.py in {tree}")
    other = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = other  # its dataclasses look their module up
    spec.loader.exec_module(other)
    for name, document in documents.items():
        if other.note_citations(document) != notes.note_citations(document):  # also compiles the patterns
            print(f"{name}: the citations differ, no comparison")
            continue
        best = {other: float("inf"), notes: float("inf")}
        for _ in range(rounds):
            for module in best:
                module._parse.cache_clear()
                module._outside.cache_clear()
                started = time.process_time()
                module.note_citations(document)
                best[module] = min(best[module], time.process_time() - started)
        print(f"{name}: {tree} {best[other]:.3f} s, this checkout {best[notes]:.3f} s CPU "
              f"({(best[notes] / best[other] - 1) * 100:+.1f}%; best of {rounds} each, in turn)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="tottime", choices=("tottime", "cumulative", "ncalls"))
    parser.add_argument("--against", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        book = read(run.real_book(), Path(folder), "real.txt")
        distinct = read(distinct_book(), Path(folder), "distinct.txt")
    if options.against is not None:
        against(options.against, {f"real book ({run.REAL_SIZE / 1e6:.0f} MB)": book, "its distinct part": distinct}, options.rounds)
        return 0
    print(f"real book ({run.REAL_SIZE / 1e6:.0f} MB): {measure(book)}")
    print(f"its distinct part: {measure(distinct)}")
    notes._parse.cache_clear()
    profile = cProfile.Profile()
    profile.runcall(notes.note_citations, book)
    pstats.Stats(profile, stream=sys.stdout).strip_dirs().sort_stats(options.sort).print_stats(options.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
