"""Accuracy of scholars named in prose, on real essays and real technical writing.

    .venv/bin/python bench/corpora/essays/fetch.py [--from-git OWNER/NAME=DIR]   # once
    .venv/bin/python bench/accuracy_mentions.py [--verbose] [--split dev|test] [--projects DIR]

* **Our essay** (``tests/corpora/essay``, ``expect-mentions`` on its lines): precision and recall
  of the attributions found (by line) and the share linked to the annotated entry.
* **Real essays** (``bench/corpora/essays``: historiography essays students wrote, and the keyword
  essays of *Digital Pedagogy in the Humanities*, fetched by its ``fetch.py``; absent ones are
  named; totals per split and per source): every attribution of ``answers.tsv`` (line, surname,
  entry key or ``unlisted``; ``?`` marks an optional one) against what the pipeline finds there,
  with default settings. Precision is the share of found attributions the key expects or
  allows, recall the share of expected ones found, link accuracy the share found *and* resolved
  to the annotated entry (a best guess among a scholar's entries counts when it is the right one).
  Dev and test apart; ``--verbose`` lists the differences on dev only (test is only measured);
  ``--split dev`` measures dev alone, as a tuning run should (no test figure printed).
* **Technical writing** (capability 5: with ``mentions = "auto"`` a document that cites by key
  has no prose names, so no CC208): the CC208 findings on the real projects of
  ``bench/projects.py`` (under ``--projects``; absent ones are named) and on the PEPs
  (``bench/corpora/peps``), beside the attributions ``mentions = "on"`` would have looked for.
* **Converted chapter** (``../shared/samples``, when present): a book citing through notes, where
  every attribution is a false CC208.

Exit status 0: this is a measurement.
"""

from __future__ import annotations

import argparse
import os
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from citecheck.bib.load import parse_bibliography  # noqa: E402
from citecheck.config import Settings  # noqa: E402
from citecheck.pipeline import read_document, run  # noqa: E402
from citecheck.readers import reader_for  # noqa: E402
from citecheck.reconcile.resolve import Resolution, reconcile  # noqa: E402
from citecheck.rules import Context, all_rules, run_rules  # noqa: E402
from citecheck.source import read_source  # noqa: E402
from fixture_support import load_fixture  # noqa: E402
from projects import PROJECTS  # noqa: E402

ESSAYS = ROOT / "bench" / "corpora" / "essays"
PEPS = ROOT / "bench" / "corpora" / "peps" / "texts"
OUR_ESSAY = ROOT / "tests" / "corpora" / "essay" / "essay.md"
SAMPLE = next((folder / "shared" / "samples" / "003_c62348c844d2436f.txt" for folder in ROOT.parents
               if (folder / "shared" / "samples").is_dir()), ROOT / "absent")


def outcome(resolution: Resolution) -> str:
    """The entry a mention ends at (a best guess among a scholar's entries included), else its status."""
    if resolution.key and resolution.status in ("matched", "author"):
        return resolution.key
    return "unlisted" if resolution.status == "unresolved" else resolution.status


def folded(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()


@dataclass
class Score:
    expected: int = 0
    found: int = 0
    detected: int = 0  # expected attributions found (linked or not)
    linked: int = 0
    wrong: int = 0  # found where nothing is expected or allowed, or linked where an optional one may not be

    def add(self, other: Score) -> None:
        for field in ("expected", "found", "detected", "linked", "wrong"):
            setattr(self, field, getattr(self, field) + getattr(other, field))

    def line(self) -> str:
        precision = f"{(self.found - self.wrong) / self.found:.3f}" if self.found else "-"
        return (f"precision {precision} recall {self.detected / max(self.expected, 1):.3f}"
                f" link accuracy {self.linked / max(self.expected, 1):.3f} ({self.found} found, {self.expected} expected)")


def score_group(expected: list[str], found: list[str]) -> Score:
    """One line's attributions to one surname: required keys, ``?KEY``/``?*`` optional ones, found outcomes."""
    required = Counter(token for token in expected if not token.startswith("?"))
    optional = [token[1:] for token in expected if token.startswith("?")]
    got = Counter(found)
    linked = required & got
    rest = list((got - linked).elements())
    # What is left fills, in turn: optional slots for its exact key, "?*" slots, then expected
    # attributions linked elsewhere (never counting as found what may be an optional one).
    for slot_fits in (lambda slot, value: slot == value, lambda slot, value: slot == "*"):
        for value in list(rest):
            slot = next((slot for slot in optional if slot_fits(slot, value)), None)
            if slot is not None:
                optional.remove(slot)
                rest.remove(value)
    missing = sum(required.values()) - sum(linked.values())
    mislinked = min(len(rest), missing)
    wrong = len(rest) - mislinked
    return Score(expected=sum(required.values()), found=len(found), detected=sum(linked.values()) + mislinked,
                 linked=sum(linked.values()), wrong=wrong)


def _rows(path: Path) -> Iterable[list[str]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def mentions_found(path: Path, bib: Path) -> dict[tuple[int, str], list[tuple[str, str]]]:
    """(line, folded surname) -> (outcome, text) of every prose mention the pipeline resolves."""
    source = read_source(path, path.name)
    document = read_document(reader_for(path), source)
    bibliography = parse_bibliography(read_source(bib, bib.name))
    found: dict[tuple[int, str], list[tuple[str, str]]] = defaultdict(list)
    for resolution in reconcile((document,), bibliography).resolutions:
        citation = resolution.citation
        if citation.kind == "mention":
            surname = citation.work.authors[0].family if citation.work and citation.work.authors else citation.text
            found[(source.locate(citation.span).line, folded(surname))].append((outcome(resolution), citation.text))
    return found


def real_essays(verbose: bool, splits: tuple[str, ...] = ("dev", "test")) -> dict[str, Score]:
    """Print the scores per essay of ``splits``; return them per split, and per split and source
    repository (``"dev curateteaching/digitalpedagogy"``): a source tuned on for rounds and one
    just joined are read apart."""
    print("names in prose: real essays (bench/corpora/essays)")
    answers: dict[str, dict[tuple[int, str], list[str]]] = defaultdict(dict)
    for document, line, surname, expected in _rows(ESSAYS / "answers.tsv"):
        if (int(line), folded(surname)) in answers[document]:  # a second row would silently replace the first
            sys.exit(f"answers.tsv: two rows for {document} line {line} {surname}: write them as one")
        answers[document][(int(line), folded(surname))] = expected.split()
    totals: dict[str, Score] = defaultdict(Score)
    measured: Counter[str] = Counter()  # documents read, and (key "absent <split>") those not on disk
    for name, split, repository, *_ in _rows(ESSAYS / "documents.tsv"):
        if split not in splits:
            continue
        path = ESSAYS / "texts" / f"{name}.md"
        if not path.exists():
            print(f"  {split:<4} {name}: absent (run bench/corpora/essays/fetch.py)")
            measured[f"absent {split}"] += 1
            continue
        measured[split] += 1
        found = mentions_found(path, ESSAYS / f"{name}.bib")
        score = Score()
        for group in sorted(set(answers[name]) | set(found)):
            want = answers[name].get(group, [])
            got = [value for value, _ in found.get(group, [])]
            part = score_group(want, got)
            score.add(part)
            if verbose and split == "dev" and (part.wrong or part.linked < part.expected):
                texts = "; ".join(repr(text[:50]) for _, text in found.get(group, []))
                print(f"      line {group[0]} {group[1]}: expected {' '.join(want) or 'none'} found {' '.join(got) or 'none'}  {texts}")
        totals[split].add(score)
        totals[f"{split} {repository}"].add(score)
        print(f"  {split:<4} {name}: {score.line()}")
    for group in sorted(totals, key=lambda group: (group.split()[0] not in splits, " " in group, group)):
        if totals[group].expected:
            print(f"  {group} total: {totals[group].line()}")
    for split in splits:  # one line per split over every source, naming what it could not read
        print(f"  {split} overall: {totals[split].line()}; {measured[split]} documents read,"
              f" {measured[f'absent {split}']} absent")
    return totals


def our_essay(verbose: bool) -> None:
    fixture = load_fixture(OUR_ESSAY)
    expected: dict[int, list[str]] = defaultdict(list)
    for line, item in fixture.expectations.get("expect-mentions", []):
        expected[line].append(item)
    document = read_document(reader_for(OUR_ESSAY), fixture.source)
    bibliography = parse_bibliography(read_source(OUR_ESSAY.with_name("references.bib"), "references.bib"))
    found: dict[int, list[str]] = defaultdict(list)
    for resolution in reconcile((document,), bibliography).resolutions:
        if resolution.citation.kind == "mention":
            found[fixture.source.locate(resolution.citation.span).line].append(outcome(resolution))
    score = Score()
    for line in sorted(set(expected) | set(found)):
        part = score_group(expected[line], found[line])
        score.add(part)
        if verbose and (part.wrong or part.linked < part.expected):
            print(f"      line {line}: expected {' '.join(expected[line])} found {' '.join(found[line])}")
    print(f"  dev  essay (ours): {score.line()}")


def cc208(paths: list[Path], mentions: str, cwd: Path) -> tuple[int, int]:
    """CC208 findings and prose attributions when ``paths`` are checked with that ``mentions`` setting."""
    report = run(Settings(root=cwd, output_dir=None, mentions=mentions), paths, cwd=cwd)
    attributions = sum(1 for document in report.documents for c in document.citations if c.kind == "mention")
    return sum(d.code == "CC208" for d in report.diagnostics), attributions


def technical_writing(projects: Path) -> None:
    print("names in prose: technical writing (CC208 with mentions = auto; attributions 'on' would look for)")
    for project in PROJECTS:
        main = projects / project.folder / project.main
        if not main.exists():
            print(f"  {project.split:<4} {project.folder}: absent (not under {projects}: {project.source})")
            continue
        here = main if main.is_dir() else main.parent
        auto, _ = cc208([main], "auto", here)
        on, attributions = cc208([main], "on", here)
        print(f"  {project.split:<4} {project.folder}: CC208 {auto} (auto); {on} CC208, {attributions} attributions (on)")
    peps = sorted(PEPS.glob("*.rst")) if PEPS.is_dir() else []
    if not peps:
        print("  test PEPs: absent (run bench/corpora/peps/fetch.py)")
        return
    auto, _ = cc208(peps, "auto", PEPS)
    on, attributions = cc208(peps, "on", PEPS)
    print(f"  test PEPs ({len(peps)}): CC208 {auto} (auto); {on} CC208, {attributions} attributions (on)")


def converted_chapter() -> None:
    if not SAMPLE.exists():
        print("  test converted chapter: absent (../shared/samples)")
        return
    chapter = read_document(reader_for(SAMPLE), read_source(SAMPLE, SAMPLE.name))
    mentions = [c for c in chapter.citations if c.kind == "mention"]
    bibliography = parse_bibliography(read_source(OUR_ESSAY.with_name("references.bib"), "references.bib"))
    findings = [d for d in run_rules(Context.of(documents=(chapter,), bibliography=bibliography), all_rules()) if d.code == "CC208"]
    print(f"  test converted chapter (cites by notes): {len(mentions)} attributions, {len(findings)} CC208")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every dev attribution that differs from the key")
    default = os.environ.get("CITECHECK_PROJECTS") or str(ROOT.parent / "shared" / "corpora" / "projects")
    parser.add_argument("--projects", default=default, type=Path, help="the folder holding bench/projects.py's projects")
    parser.add_argument("--split", choices=("dev", "test"), help="measure one split only (tuning runs dev alone)")
    options = parser.parse_args()
    splits = (options.split,) if options.split else ("dev", "test")
    if "dev" in splits:
        print("names in prose: our essay")
        our_essay(options.verbose)
    real_essays(options.verbose, splits)
    if "test" in splits:
        technical_writing(options.projects)
        converted_chapter()
    return 0


if __name__ == "__main__":
    sys.exit(main())
