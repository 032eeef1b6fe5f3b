"""Accuracy of note sources and of names in prose, on real text, dev and test splits apart.

    .venv/bin/python bench/accuracy_notes.py [--verbose]

* **Note sources**: the documents of ``bench/corpora/chicago`` (real Chicago-style notes, fetched
  by ``bench/corpora/chicago/fetch.py``; absent ones are skipped and named), each read as the
  pipeline reads it and reconciled with its ``.bib``. Every note's resolutions are aligned in
  order with the answer key (``answers.tsv``); accuracy is the share of expected sources resolved
  as annotated, a missing or an extra source counting as wrong.
* **Names in prose**: the annotated essay (``tests/corpora/essay``, ``expect-mentions``), with
  precision and recall of the attributions found (by line and surname) and the share of found
  ones linked to the annotated entry; and, when ``../shared/samples`` is present, the number of
  attributions and CC208 findings on the real converted chapter there, a book that cites through
  notes (every attribution its prose yields is a false CC208 unless configured on).

Prints one line per document and a total per split. Exit status 0: this is a measurement.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from citecheck.bib.load import parse_bibliography  # noqa: E402
from citecheck.pipeline import read_document  # noqa: E402
from citecheck.readers import reader_for  # noqa: E402
from citecheck.reconcile.resolve import Resolution, reconcile  # noqa: E402
from citecheck.rules import Context, all_rules, run_rules  # noqa: E402
from citecheck.source import read_source  # noqa: E402
from fixture_support import aligned, load_fixture  # noqa: E402

CHICAGO = ROOT / "bench" / "corpora" / "chicago"
ESSAY = ROOT / "tests" / "corpora" / "essay" / "essay.md"
SAMPLE = next((folder / "shared" / "samples" / "003_c62348c844d2436f.txt" for folder in ROOT.parents
               if (folder / "shared" / "samples").is_dir()), ROOT / "absent")
NOTE_KINDS = ("full", "short", "ibid", "alias")


def outcome(resolution: Resolution) -> str:
    return resolution.key if resolution.status == "matched" and resolution.key else resolution.status


def _rows(name: str) -> list[list[str]]:
    lines = (CHICAGO / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def note_accuracy(verbose: bool) -> None:
    answers: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for document, note, expected in _rows("answers.tsv"):
        answers[document][note] = [] if expected == "none" else expected.split()
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    print("note sources (bench/corpora/chicago)")
    for name, split, *_ in _rows("documents.tsv"):
        path = CHICAGO / "texts" / f"{name}.md"
        if not path.exists():
            print(f"  {split:<4} {name}: absent (run bench/corpora/chicago/fetch.py)")
            continue
        document = read_document(reader_for(path), read_source(path, path.name))
        bibliography = parse_bibliography(read_source(CHICAGO / f"{name}.bib", f"{name}.bib"))
        found: dict[str, list[Resolution]] = defaultdict(list)
        for resolution in reconcile((document,), bibliography).resolutions:
            if resolution.citation.kind in NOTE_KINDS and resolution.citation.note is not None:
                found[str(resolution.citation.note)].append(resolution)
        correct = total = 0
        for note in sorted(set(answers[name]) | set(found), key=int):
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
    for split in ("dev", "test"):
        correct, total = totals[split]
        if total:
            print(f"  {split} total: {correct}/{total} = {correct / total:.3f}")


def prose_accuracy(verbose: bool) -> None:
    print("names in prose")
    fixture = load_fixture(ESSAY)
    document = read_document(reader_for(ESSAY), fixture.source)
    bibliography = parse_bibliography(read_source(ESSAY.with_name("references.bib"), "references.bib"))
    expected: dict[int, Counter] = defaultdict(Counter)
    for line, item in fixture.expectations.get("expect-mentions", []):
        expected[line][item] += 1
    outcomes: dict[int, Counter] = defaultdict(Counter)
    for resolution in reconcile((document,), bibliography).resolutions:
        if resolution.citation.kind == "mention":
            line = fixture.source.locate(resolution.citation.span).line
            status = resolution.status
            outcomes[line][resolution.key or ("unlisted" if status == "unresolved" else status)] += 1
    lines = set(expected) | set(outcomes)
    detected = sum(min(sum(expected[line].values()), sum(outcomes[line].values())) for line in lines)
    linked = sum(sum((expected[line] & outcomes[line]).values()) for line in lines)
    wanted = sum(sum(c.values()) for c in expected.values())
    found = sum(sum(c.values()) for c in outcomes.values())
    if verbose:
        for line in sorted(lines):
            if expected[line] != outcomes[line]:
                print(f"      line {line}: expected {dict(expected[line])} found {dict(outcomes[line])}")
    print(f"  dev  essay (ours): precision {detected / max(found, 1):.3f} recall {detected / max(wanted, 1):.3f}"
          f" link accuracy {linked / max(wanted, 1):.3f} ({found} attributions)")
    if not SAMPLE.exists():
        print("  test converted chapter: absent (../shared/samples)")
        return
    chapter = read_document(reader_for(SAMPLE), read_source(SAMPLE, SAMPLE.name))
    mentions = [c for c in chapter.citations if c.kind == "mention"]
    findings = [d for d in run_rules(Context.of(documents=(chapter,), bibliography=parse_bibliography(
        read_source(ESSAY.with_name("references.bib"), "references.bib"))), all_rules()) if d.code == "CC208"]
    print(f"  test converted chapter (cites by notes): {len(mentions)} attributions, {len(findings)} CC208")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every source (dev split) or attribution that differs")
    options = parser.parse_args()
    note_accuracy(options.verbose)
    prose_accuracy(options.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
