"""Accuracy of note sources on real text, dev and test splits apart.

    .venv/bin/python bench/accuracy_notes.py [--verbose] [--split dev|test]

The documents of ``bench/corpora/chicago`` (real Chicago-style notes, fetched by
``bench/corpora/chicago/fetch.py``; absent ones are skipped and named), each read as the
pipeline reads it and reconciled with its ``.bib``. Every note's resolutions are aligned in
order with the answer key (``answers.tsv``); accuracy is the share of expected sources resolved
as annotated, a missing or an extra source counting as wrong.

Prints one line per document and a total per split (names in prose: bench/accuracy_mentions.py).
Exit status 0: this is a measurement.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from citecheck.bib.load import parse_bibliography  # noqa: E402
from citecheck.model import Document  # noqa: E402
from citecheck.pipeline import read_document  # noqa: E402
from citecheck.readers import reader_for  # noqa: E402
from citecheck.reconcile.resolve import Resolution, reconcile  # noqa: E402
from citecheck.source import Span, read_source  # noqa: E402
from fixture_support import aligned  # noqa: E402

CHICAGO = ROOT / "bench" / "corpora" / "chicago"
NOTE_KINDS = ("full", "short", "ibid", "alias")


def outcome(resolution: Resolution) -> str:
    return resolution.key if resolution.status == "matched" and resolution.key else resolution.status


def note_of(document: Document, span: Span) -> str | None:
    """The note a citation stands in: its number, or its label when it has none (``[^White1]``)."""
    for note in document.notes:
        if any(part.start <= span.start < part.end for part in note.parts):
            return note.key
    return None


def _rows(name: str) -> list[list[str]]:
    lines = (CHICAGO / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def note_accuracy(verbose: bool, splits: tuple[str, ...] = ("dev", "test")) -> dict[str, list[int]]:
    """Print the accuracy per document of ``splits`` and per split; return (correct, total) per split."""
    answers: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for document, note, expected in _rows("answers.tsv"):
        answers[document][note] = [] if expected == "none" else expected.split()
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    print("note sources (bench/corpora/chicago)")
    for name, split, *_ in _rows("documents.tsv"):
        if split not in splits:
            continue
        path = CHICAGO / "texts" / f"{name}.md"
        if not path.exists():
            print(f"  {split:<4} {name}: absent (run bench/corpora/chicago/fetch.py)")
            continue
        document = read_document(reader_for(path), read_source(path, path.name))
        bibliography = parse_bibliography(read_source(CHICAGO / f"{name}.bib", f"{name}.bib"))
        found: dict[str, list[Resolution]] = defaultdict(list)
        for resolution in reconcile((document,), bibliography).resolutions:
            note = note_of(document, resolution.citation.span)
            if resolution.citation.kind in NOTE_KINDS and note is not None:
                found[note].append(resolution)
        correct = total = 0
        for note in sorted(set(answers[name]) | set(found), key=lambda key: (not key.isdigit(), int(key) if key.isdigit() else 0, key)):
            want = answers[name].get(note, [])
            got = [outcome(r) for r in found.get(note, [])]
            correct += aligned(want, got)
            total += max(len(want), len(got))
            if verbose and want != got and split == "dev":  # the test split is only measured
                texts = "; ".join(f"{r.citation.kind}:{r.citation.text[:70]!r}" for r in found.get(note, []))
                print(f"      note {note}: expected {' '.join(want) or 'none'} found {' '.join(got) or 'none'}  {texts}")
        totals[split][0] += correct
        totals[split][1] += total
        print(f"  {split:<4} {name}: {correct}/{total} = {correct / max(total, 1):.3f}")
    for split in splits:
        correct, total = totals[split]
        if total:
            print(f"  {split} total: {correct}/{total} = {correct / total:.3f}")
    return totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every source that differs (dev split)")
    parser.add_argument("--split", choices=("dev", "test"), help="measure one split only (tuning runs dev alone)")
    options = parser.parse_args()
    note_accuracy(options.verbose, (options.split,) if options.split else ("dev", "test"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
