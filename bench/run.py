"""Benchmark: extract plus checks on a synthetic 1,000,000-word manuscript with 5,000 notes.

    python bench/run.py [--words 1000000] [--notes 5000]

Each measurement runs in a fresh interpreter so that its peak resident memory is its own. For
plain text it prints throughput against the 5 MB/s target and peak memory against 250 MB; for
Markdown it also times markdown-it-py parsing the same file alone, in the same run, and prints
our overhead as a ratio to it.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

TARGET_MB_PER_S = 5.0
TARGET_PEAK_MB = 250.0

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
import json, resource, sys, time
from pathlib import Path
kind, path = sys.argv[1], Path(sys.argv[2])
if kind == "markdown-it":
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
    diagnostics = list(run_rules(Context(documents=(document,)), rules))
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--notes", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for fmt, suffix in (("plaintext", ".txt"), ("markdown", ".md")):
            path = Path(folder) / f"manuscript{suffix}"
            path.write_text(generate(args.words, args.notes, markdown=fmt == "markdown"), encoding="utf-8")
            size_mb = path.stat().st_size / 1e6
            ours = measure("citecheck", path, args.repeat)
            rate = size_mb / ours["seconds"]
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
