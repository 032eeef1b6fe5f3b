"""Benchmark: throughput of extraction, checks, names in prose and the whole process.

    python bench/run.py [--words 1000000] [--notes 5000] [--only synthetic|real]

Each measurement runs in a fresh interpreter so that its peak resident memory is its own.

* A synthetic 1,000,000-word manuscript with 5,000 notes, in plain text and Markdown: extract
  plus checks against the 5 MB/s target and peak memory against 250 MB; for Markdown also
  markdown-it-py parsing the same file alone, and our overhead as a ratio to it.
* Real text, plain: public-domain footnoted histories (five dev-split volumes of Gibbon's Decline
  and Fall and Macaulay's History of England vol. 1 in tests/corpora/books, without Project
  Gutenberg's header and trailer) concatenated to 10 MB,
  and a word salad of 1,000,000 words drawn at random from its first volume's vocabulary with
  5,000 markers glued to words (numbered 1 to 5,000, so past 999). For each: the names-in-prose
  stage (reconcile/mentions.py) against 20 MB/s (a second call on the text: the first also
  compiles the stage's patterns, printed beside it), the other stages of a run (the plain-text
  reader and its layout, the sources in the notes, the checks, the text report; and the startup:
  a run on a file of one line and one note; the notes read again in one process and in two, with
  the CPU time of the reading process itself), and the whole process (``citecheck run``, a fresh interpreter with
  bytecode caches and compiled patterns kept, as installed; text report) against 10 MB/s, and
  beside it with ``--jobs 2`` (a book's notes read in two processes; the machine's load printed
  beside it, as other work shares the cores). The peer, measured in the same run on the same
  text, is tokenising it with the standard ``re`` module (``re.findall(r"\w+", text)``): the
  stage's time and the whole process's time are printed as multiples of it.

The status is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from citecheck.source import read_source

from bigbib import ENVIRONMENT

TARGET_MB_PER_S = 5.0
TARGET_PEAK_MB = 250.0
TARGET_MENTIONS_MB_PER_S = 20.0
TARGET_WHOLE_MB_PER_S = 10.0
ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "tests" / "corpora" / "books" / "gibbon-decline-fall-1.txt"
# The real book: footnoted histories of the dev split of the book corpus, in turn, so that 10 MB is
# distinct text (one volume repeated six times read each note six times: a cache of parsed notes just
# smaller than one volume saw no hit, a larger one would have seen nothing else). Five distinct volumes
# of Gibbon's Decline and Fall, then Macaulay's History of England, vol. 1 (the 1996 transcription of
# Gibbon's fifth volume is the same book as the later one, so it is not among them).
VOLUMES = tuple(ROOT / "tests" / "corpora" / "books" / name for name in (
    "gibbon-decline-fall-1.txt", "gibbon-decline-fall-5.txt", "gibbon-decline-fall-6.txt",
    "gibbon-4-without-notes.txt", "gibbon-3-without-notes.txt", "macaulay-england-1.txt",
))  # fmt: skip
REAL_SIZE = 10_000_000

WORDS = (
    "the of and to in a was that his policy Soviet government foreign Stalin Litvinov security "
    "collective treaty power western democracies Germany France Britain Moscow commissar "
    "diplomats historians argue evidence archive documents war peace alliance pact negotiations "
    "military purge party leadership decision regime interests revolution isolation trade "
    "agreement League Nations crisis Munich appeasement Poland Romania Czechoslovakia Japan "
    "however therefore although while because remained became seemed wanted feared believed"
).split()
DECOYS = ("in 1939", "on 23 August 1939", "some 2,200 officers", "during 1924–5", "the 1930s",
          "the 17th Congress", "153 meetings", "volume 2", "p. 12")
STYLES = ("punctuation", "quote", "word", "superscript", "spaced", "year")
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 24))]
    if rng.random() < 0.3:
        words.insert(rng.randint(1, len(words) - 1), rng.choice(DECOYS))
    return words[0].capitalize() + " " + " ".join(words[1:])


def _with_marker(sentence: str, number: int, style: str) -> str:
    if style == "punctuation":
        return f"{sentence}.{number}"
    if style == "quote":
        return f"{sentence}.”{number}"
    if style == "word":
        return f"{sentence} Rudzutak{number}."
    if style == "superscript":
        return f"{sentence}.{str(number).translate(SUPERSCRIPT)}"
    if style == "spaced":
        return f"{sentence}. {number}"
    return f"{sentence} in May 1939{number}."


NOTES_PER_CHAPTER = 100


def generate(words: int, notes: int, markdown: bool, seed: int = 1939) -> str:
    """A manuscript of about ``words`` words whose ``notes`` notes are spread evenly.

    Plain-text numbering restarts in each chapter of 100 notes, as in a book; Markdown labels
    run on through the file.
    """
    rng = random.Random(seed)
    words_per_note = words // notes
    paragraphs: list[str] = []
    definitions: list[str] = []
    last_note = 0
    number = 0
    while number < notes:
        sentences = []
        while sum(len(s.split()) for s in sentences) < words_per_note:
            sentences.append(_sentence(rng))
        number += 1
        if not markdown and number % NOTES_PER_CHAPTER == 1:
            paragraphs.append(f"CHAPTER {number // NOTES_PER_CHAPTER + 1}")
        in_chapter = (number - 1) % NOTES_PER_CHAPTER + 1
        body = ". ".join(sentences[:-1])
        if markdown:
            paragraph = textwrap.fill(f"{body}. *{sentences[-1]}*.[^{number}]", width=78)
            definitions.append(f"[^{number}]: Jonathan Haslam, *The Soviet Union and the Struggle "
                               f"for Collective Security* (London: Macmillan, 1984), {rng.randint(1, 400)}.")
        else:
            paragraph = f"{body}. " + _with_marker(sentences[-1], in_chapter, rng.choice(STYLES))
        paragraphs.append(paragraph)
        if not markdown and (in_chapter % 3 == 0 or in_chapter == NOTES_PER_CHAPTER or number == notes):
            for n in range(last_note % NOTES_PER_CHAPTER + 1, in_chapter + 1):
                paragraphs.append(f"{n}. Jonathan Haslam, The Soviet Union and the Struggle for Collective "
                                  f"Security (London: Macmillan, 1984), {rng.randint(1, 400)}.")
            last_note = number
    if markdown:
        return "# Chapter\n\n" + "\n\n".join(paragraphs) + "\n\n" + "\n".join(definitions) + "\n"
    return "\n\n".join(paragraphs) + "\n"


MEASURE = r"""
import json, re, resource, sys, time
from pathlib import Path
kind, path = sys.argv[1], Path(sys.argv[2])
if kind == "re-tokens":
    text = path.read_text(encoding="utf-8")
    started = time.perf_counter()
    re.findall(r"\w+", text)
    elapsed = time.perf_counter() - started
    counts = {}
elif kind == "stages":
    from citecheck.readers import plaintext
    from citecheck.reconcile.citations import with_citations
    from citecheck.rules import Context, all_rules, run_rules
    from citecheck.source import read_source
    source = read_source(path)
    clock = time.perf_counter
    started = clock()
    plaintext.read_layout(source.text)
    layout = clock() - started
    started = clock()
    document = plaintext.read(source)
    reader = clock() - started
    started = clock()
    document = with_citations(document)  # also compiles the note patterns (patterns.OnFirstUse)
    notes = clock() - started
    started = clock()
    diagnostics = list(run_rules(Context.of(documents=(document,)), all_rules()))
    checks = clock() - started
    from citecheck.report import Prepared, Report
    from citecheck.reporters import REPORTERS
    started = clock()
    REPORTERS["text"].render(Prepared(Report.build((document,), diagnostics)), color=False)
    report = clock() - started
    elapsed = reader + notes + checks + report
    counts = {"layout": layout, "reader": reader, "notes": notes, "checks": checks, "report": report}
    from citecheck.reconcile import notes as note_stage
    for jobs in (1, 2):  # the notes read again, their patterns compiled, in one process and in two
        note_stage._parse.cache_clear()  # as the first reading found it
        started, cpu = clock(), time.process_time()
        note_stage.note_citations(document, jobs)
        counts[f"notes_jobs_{jobs}"] = clock() - started
        counts[f"notes_jobs_{jobs}_cpu"] = time.process_time() - cpu  # this process's own, the other's not
elif kind == "mentions":
    from citecheck.readers import reader_for
    from citecheck.reconcile.mentions import prose_mentions
    from citecheck.source import read_source
    document = reader_for(path).read(read_source(path), None)
    started = time.perf_counter()
    prose_mentions(document)  # the first call also compiles the stage's patterns (patterns.OnFirstUse)
    first = time.perf_counter() - started
    started = time.perf_counter()
    found = prose_mentions(document)
    elapsed = time.perf_counter() - started
    counts = {"mentions": len(found), "first_seconds": first}
elif kind == "markdown-it":
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    text = path.read_text(encoding="utf-8")
    started = time.perf_counter()
    MarkdownIt("commonmark").use(footnote_plugin).parse(text)
    elapsed = time.perf_counter() - started
    counts = {}
else:
    from citecheck.readers import reader_for
    from citecheck.rules import Context, all_rules, run_rules
    from citecheck.source import read_source
    rules = all_rules()
    started = time.perf_counter()
    source = read_source(path)
    document = reader_for(path).read(source, None)
    diagnostics = list(run_rules(Context.of(documents=(document,)), rules))
    elapsed = time.perf_counter() - started
    counts = {"markers": len(document.markers), "notes": len(document.notes), "findings": len(diagnostics)}
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": elapsed, "peak_mb": peak, **counts}))
"""


def measure(kind: str, path: Path, repeat: int) -> dict:
    """Best of ``repeat`` fresh-interpreter runs (peak memory is the largest seen)."""
    runs = []
    for _ in range(repeat):
        output = subprocess.run([sys.executable, "-c", MEASURE, kind, str(path)], check=True,
                                capture_output=True, text=True).stdout
        runs.append(json.loads(output))
    best = min(runs, key=lambda run: run["seconds"])
    return {**best, "peak_mb": max(run["peak_mb"] for run in runs)}


def real_book(size: int = REAL_SIZE) -> str:
    """The volumes of :data:`VOLUMES` one after another (again from the first if they fall short)
    to ``size`` characters, the last cut at a line. Each without Project Gutenberg's header and
    trailer: the reader takes everything from the first trailer on for the file's wrapping, which
    would leave all volumes but the first unread."""
    books = []
    for path in VOLUMES:
        wrapped = read_source(path, path.name).text  # decoded as citecheck decodes it
        start = wrapped.index("\n", wrapped.index("*** START OF")) + 1
        books.append(wrapped[start : wrapped.index("*** END OF")])
    whole = "\n\n".join(books)
    text = "\n\n".join([whole] * (size // len(whole) + 1))[:size]
    return text[: text.rfind("\n") + 1]


def word_salad(words: int = 1_000_000, markers: int = 5_000, seed: int = 13) -> str:
    """``words`` words drawn uniformly from the book's vocabulary (capitalised names, citation
    verbs and frame words as often as any other), ``markers`` of them with a marker glued on."""
    rng = random.Random(seed)
    vocabulary = sorted(set(re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", BOOK.read_text(encoding="utf-8"))))
    drawn = [rng.choice(vocabulary) for _ in range(words)]
    for number, index in enumerate(sorted(rng.sample(range(words), markers)), start=1):
        drawn[index] += f".{number}"
    return "\n".join(" ".join(drawn[i : i + 12]) for i in range(0, words, 12)) + "\n"


def whole_process(path: Path, repeat: int, jobs: tuple[int, ...] = (1,)) -> dict[int, float]:
    """Best wall time of ``citecheck run --jobs N`` for each N of ``jobs`` on ``path`` in a fresh
    interpreter (text report only), the Ns in turn so that a change in the machine's load falls on
    each, run as an installed package runs: with bytecode caches (bigbib.ENVIRONMENT) and the
    compiled patterns kept in the user's cache (patterns.CompiledPatterns), which the first run
    writes."""
    times: dict[int, list[float]] = {count: [] for count in jobs}
    for _ in range(repeat):
        for count in jobs:
            command = [sys.executable, "-m", "citecheck", "run", str(path), "--output-dir", "", "--jobs", str(count)]
            started = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, cwd=path.parent, env=ENVIRONMENT)
            times[count].append(time.perf_counter() - started)
            if done.returncode > 1:
                raise SystemExit(f"citecheck run {path.name} failed:\n{done.stderr}")
    return {count: min(measured) for count, measured in times.items()}


def _load() -> str:
    """The machine's cores and load average: what a second process may get of them."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{cores} cores, load average {', '.join(f'{value:.2f}' for value in os.getloadavg())}"


def _rate(size_mb: float, seconds: float) -> str:
    """``1.01 s = 9.9 MB/s``; a stage that had nothing to do (no notes in the word salad) only its time."""
    return f"{seconds:.2f} s = {size_mb / seconds:.1f} MB/s" if seconds >= 0.01 else f"{seconds:.3f} s"


def _verdict(rate: float, goal: float) -> str:
    return f"goal {goal:.0f} MB/s, {rate / goal:.2f}x the goal: {'met' if rate >= goal else 'NOT met'}"


def real_text(folder: Path, repeat: int) -> bool:
    """Names in prose and the whole process on the real book and the word salad; True if all goals met."""
    met = True
    # What a run costs before the text's size counts: a file that takes the book's path (one note, so
    # no names in prose are read, whose patterns a book never compiles).
    (folder / "one-note.txt").write_text("A line of prose.1\n\n1. Gibbon, Decline and Fall, vol. 1, p. 12.\n", encoding="utf-8")
    for name, text in (("real book", real_book()), ("word salad", word_salad())):
        path = folder / f"{name.replace(' ', '-')}.txt"
        path.write_text(text, encoding="utf-8")
        size_mb = path.stat().st_size / 1e6
        peer = measure("re-tokens", path, repeat)["seconds"]
        stage = measure("mentions", path, repeat)
        stages = measure("stages", path, repeat)
        whole, whole_jobs = whole_process(path, repeat, jobs=(1, 2)).values()
        startup = whole_process(folder / "one-note.txt", repeat)[1]
        stage_rate, whole_rate = size_mb / stage["seconds"], size_mb / whole
        met &= stage_rate >= TARGET_MENTIONS_MB_PER_S and whole_rate >= TARGET_WHOLE_MB_PER_S
        print(f"{name} (plain text): {size_mb:.1f} MB; peer re.findall(r'\\w+'): {peer:.2f} s = {size_mb / peer:.0f} MB/s")
        print(f"  names in prose: {stage['seconds']:.2f} s = {stage_rate:.1f} MB/s "
              f"({_verdict(stage_rate, TARGET_MENTIONS_MB_PER_S)}); {stage['seconds'] / peer:.1f}x the peer; "
              f"{stage['mentions']} names; the first call, compiling the patterns, "
              f"{stage['first_seconds']:.2f} s = {size_mb / stage['first_seconds']:.1f} MB/s")
        print(f"  stages: plain-text reader {_rate(size_mb, stages['reader'])} (its layout "
              f"{_rate(size_mb, stages['layout'])}), note sources {_rate(size_mb, stages['notes'])}, "
              f"checks {_rate(size_mb, stages['checks'])}, text report {_rate(size_mb, stages['report'])}; "
              f"startup (citecheck run on a one-note file) {startup:.2f} s")
        if stages["notes_jobs_1"] >= 0.01:
            print(f"  note sources again (patterns compiled): one process {stages['notes_jobs_1']:.2f} s; two processes "
                  f"{stages['notes_jobs_2']:.2f} s, of which this process's CPU {stages['notes_jobs_2_cpu']:.2f} s "
                  f"(one process's {stages['notes_jobs_1_cpu']:.2f} s; the rest is waiting for the other, or for a core)")
        print(f"  whole process (citecheck run, text report): {whole:.2f} s = {whole_rate:.1f} MB/s "
              f"({_verdict(whole_rate, TARGET_WHOLE_MB_PER_S)}); {whole / peer:.1f}x the peer")
        print(f"  whole process with --jobs 2 (the notes of one document read in two processes): {whole_jobs:.2f} s "
              f"= {size_mb / whole_jobs:.1f} MB/s, {whole / whole_jobs:.2f}x the default's speed; {_load()}")
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--notes", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=("synthetic", "real"))
    args = parser.parse_args()
    met = True
    with tempfile.TemporaryDirectory() as folder:
        if args.only != "synthetic":
            met &= real_text(Path(folder), args.repeat)
        for fmt, suffix in (("plaintext", ".txt"), ("markdown", ".md")) if args.only != "real" else ():
            path = Path(folder) / f"manuscript{suffix}"
            path.write_text(generate(args.words, args.notes, markdown=fmt == "markdown"), encoding="utf-8")
            size_mb = path.stat().st_size / 1e6
            ours = measure("citecheck", path, args.repeat)
            rate = size_mb / ours["seconds"]
            met &= rate >= TARGET_MB_PER_S and ours["peak_mb"] < TARGET_PEAK_MB
            print(f"{fmt}: {size_mb:.1f} MB, {ours['markers']} markers, {ours['notes']} notes, "
                  f"{ours['findings']} findings")
            print(f"  citecheck extract+checks: {ours['seconds']:.2f} s = {rate:.1f} MB/s "
                  f"(target {TARGET_MB_PER_S} MB/s: {'met' if rate >= TARGET_MB_PER_S else 'NOT met'}); "
                  f"peak RSS {ours['peak_mb']:.0f} MB (target < {TARGET_PEAK_MB:.0f} MB: "
                  f"{'met' if ours['peak_mb'] < TARGET_PEAK_MB else 'NOT met'})")
            if fmt == "markdown":
                parser_alone = measure("markdown-it", path, args.repeat)
                print(f"  markdown-it-py parse alone: {parser_alone['seconds']:.2f} s = "
                      f"{size_mb / parser_alone['seconds']:.1f} MB/s; "
                      f"citecheck / markdown-it-py = {ours['seconds'] / parser_alone['seconds']:.2f}x")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
