"""The essay corpus: an essay that cites by name, with the expected link of every attribution.

``tests/corpora/essay/essay.md`` carries ``<!-- expect-mentions: KEY ... -->`` on each line with
attributions: the entry each resolves to, or ``unlisted`` for a scholar with no entry. Lines
without an annotation name only people of the history (or no one) and must yield no mention.
The corpus's keys are the first author's surname (accents folded) and the year, so detection
can be checked against them without any matching.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import regex

from citecheck.bib.load import parse_bibliography
from citecheck.bib.normalize import fold
from citecheck.model import Citation
from citecheck.pipeline import read_document
from citecheck.readers import reader_for
from citecheck.reconcile.resolve import Resolution, reconcile
from fixture_support import Fixture, load_fixture

CORPUS = Path(__file__).parent / "corpora" / "essay"
UNLISTED = "unlisted"
MINIMUM_LINK_ACCURACY = 0.95


def _essay() -> tuple[Fixture, list[Citation]]:
    fixture = load_fixture(CORPUS / "essay.md")
    document = read_document(reader_for(fixture.path), fixture.source)
    return fixture, [c for c in document.citations if c.kind == "mention"]


def _expected(fixture: Fixture) -> dict[int, Counter]:
    """Line -> the expected resolutions on it, as a multiset (the order of names on a line is not judged)."""
    lines: dict[int, Counter] = defaultdict(Counter)
    for line, item in fixture.expectations.get("expect-mentions", []):
        lines[line][item] += 1
    return dict(lines)


def _outcome(resolution: Resolution) -> str:
    """What a mention resolved to, in the annotations' terms."""
    if resolution.status == "matched" and resolution.key:
        return resolution.key
    if resolution.status == "unresolved":
        return UNLISTED
    return resolution.status  # "author", "ambiguous": never what the corpus expects


def _surname_of_key(key: str) -> str:
    return regex.sub(r"[^a-z]", "", key)


def _surname_of_mention(mention: Citation) -> str:
    return regex.sub(r"[^a-z]", "", fold(mention.work.authors[0].family))


def test_the_corpus_is_as_large_as_its_readme_says():
    fixture, _ = _essay()
    expected = _expected(fixture)
    assert sum(sum(c.values()) for c in expected.values()) >= 25
    assert sum(c[UNLISTED] for c in expected.values()) in (2, 3)
    words = len(regex.sub(r"<!--.*?-->", "", (CORPUS / "essay.md").read_text(encoding="utf-8")).split())
    assert 1200 <= words <= 2000


def test_detection_finds_every_attribution_and_nothing_else():
    """Which scholars are found on which line: independent of matching."""
    fixture, mentions = _essay()
    expected = _expected(fixture)
    found: dict[int, list[Citation]] = defaultdict(list)
    for mention in mentions:
        found[fixture.source.locate(mention.span).line].append(mention)
    problems = []
    for line in sorted(set(expected) | set(found)):
        wanted = expected.get(line, Counter())
        here = found.get(line, [])
        listed = Counter(_surname_of_key(k) for k, n in wanted.items() if k != UNLISTED for _ in range(n))
        if len(here) != sum(wanted.values()) or listed - Counter(_surname_of_mention(m) for m in here):
            problems.append(f"line {line}: expected {dict(wanted)}, found {[m.text for m in here]}")
    print("\n".join(problems))
    assert problems == []


def test_every_attribution_links_to_its_entry():
    fixture, _ = _essay()
    bibliography = parse_bibliography(load_fixture(CORPUS / "references.bib").source)
    document = read_document(reader_for(fixture.path), fixture.source)
    reconciliation = reconcile((document,), bibliography)
    outcomes: dict[int, Counter] = defaultdict(Counter)
    texts: dict[int, list[str]] = defaultdict(list)
    for resolution in reconciliation.resolutions:
        if resolution.citation.kind == "mention":
            line = fixture.source.locate(resolution.citation.span).line
            outcomes[line][_outcome(resolution)] += 1
            texts[line].append(resolution.citation.text)
    expected = _expected(fixture)

    total_expected = sum(sum(c.values()) for c in expected.values())
    total_found = sum(sum(c.values()) for c in outcomes.values())
    detected = sum(
        min(sum(expected.get(line, Counter()).values()), sum(outcomes.get(line, Counter()).values()))
        for line in set(expected) | set(outcomes)
    )
    linked = sum(sum((expected[line] & outcomes.get(line, Counter())).values()) for line in expected)
    for line in sorted(set(expected) | set(outcomes)):
        if expected.get(line, Counter()) != outcomes.get(line, Counter()):
            print(f"line {line}: expected {dict(expected.get(line, {}))}, got {dict(outcomes.get(line, {}))} "
                  f"for {texts.get(line, [])}")
    precision = detected / total_found if total_found else 0.0
    recall = detected / total_expected
    accuracy = linked / total_expected
    print(f"precision {precision:.3f}, recall {recall:.3f}, link accuracy {accuracy:.3f} ({linked}/{total_expected})")
    assert precision == 1.0
    assert recall == 1.0
    assert accuracy >= MINIMUM_LINK_ACCURACY


def test_every_entry_is_cited_by_name():
    fixture, _ = _essay()
    keys = {entry.key for entry in parse_bibliography(load_fixture(CORPUS / "references.bib").source).entries}
    expected_keys = {key for counts in _expected(fixture).values() for key in counts if key != UNLISTED}
    assert keys == expected_keys
