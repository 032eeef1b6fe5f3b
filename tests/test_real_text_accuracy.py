"""The accuracy reached on the dev split of the real-text corpora stays reached.

The books are committed (tests/corpora/books); the notes and essays are not (bench/corpora/chicago
and bench/corpora/essays fetch them at pinned commits), and without them those tests skip. The floors are the dev figures of the closing note, a
little under them: a change that loses sources or attributions on real text fails here, not
only in `make accuracy`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import regex

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import accuracy  # noqa: E402
import accuracy_mentions  # noqa: E402
import accuracy_notes  # noqa: E402


def _present(corpus: str, repository: str | None = None) -> bool:
    """Every dev document of the corpus (of that source repository) is fetched: a floor measured
    on part of the split means nothing."""
    folder = BENCH / "corpora" / corpus
    rows = [line.split("\t") for line in (folder / "documents.tsv").read_text(encoding="utf-8").splitlines()]
    dev = [row[0] for row in rows if not row[0].startswith("#") and len(row) > 2 and row[1] == "dev"
           and repository in (None, row[2])]
    return bool(dev) and all((folder / "texts" / f"{name}.md").is_file() for name in dev)


@pytest.mark.skipif(not _present("chicago"), reason="notes corpus (dev split) not all fetched (bench/corpora/chicago/fetch.py)")
def test_note_sources_on_real_notes_dev():
    """The floor follows the larger dev set: eleven documents nobody here had seen (the ninth round,
    MANIFEST.md) brought 285 expected sources, read 0.926; three more (the tenth round) 177, read
    167/192 on arrival; the whole split read 1068/1117 = 0.956. Three chapters of Heppler's
    dissertation (the eleventh round) brought 299 more, read 237/302 by the parser before that round and 279/299 after;
    the documents that round could fetch read 1018/1082 = 0.941 (the Programming Historian
    lessons, 331/334 before it, could not be run then)."""
    correct, total = accuracy_notes.note_accuracy(verbose=False, splits=("dev",))["dev"]
    assert total and correct / total >= 0.94


METAHISTORY = "unm-historiography/metahistory"
DIGITAL_PEDAGOGY = "curateteaching/digitalpedagogy"


@pytest.mark.skipif(not _present("essays", METAHISTORY), reason="essays corpus (Metahistory dev) not all fetched (bench/corpora/essays/fetch.py)")
def test_names_in_prose_on_real_essays_dev():
    dev = accuracy_mentions.real_essays(verbose=False, splits=("dev",))[f"dev {METAHISTORY}"]
    assert dev.expected and dev.linked / dev.expected >= 0.95
    assert dev.wrong <= dev.found * 0.02


@pytest.mark.skipif(not _present("essays", DIGITAL_PEDAGOGY), reason="essays corpus (Digital Pedagogy dev) not all fetched (bench/corpora/essays/fetch.py)")
def test_names_in_prose_on_second_source_dev():
    """The floor is a little under the reading after the first round tuned on this source
    (precision 0.979, recall 0.753, link accuracy 0.742 over eight essays; 0.927, 0.278, 0.268
    on arrival, when a Twitter handle read as a citation key switched names in prose off in three
    of them; see the essays MANIFEST). It was lowered from 0.70 because the dev set grew by seven
    essays keyed blind (0.482 on arrival; fifteen essays read 0.982, 0.608, 0.603), not because
    anything read worse. A round tuned on them read 0.986, 0.742, 0.737 (handles after a name,
    bodies as authors, titles as links, asides before a verb). With textanalysis keyed (sixteen
    essays: 0.987, 0.732, 0.723) a round of weak signals a listed scholar confirms (makers, lists of
    names in parentheses, initials, names in lower case) read 0.989, 0.864, 0.864. Fifteen more
    dev essays (digits 4-7, keyed before the tool ran) read 0.962, 0.475, 0.475 on arrival; all
    thirty-one, with lists of references running through their subheadings, read 0.979, 0.740,
    0.733, so the floor was 0.71: the split doubled, nothing read worse. A round tuned on the fifteen
    (runs of handles, hard-broken listings, verbs of teaching, bare apostrophes, more work nouns, a
    quoted title in a name's parenthesis) read 0.975, 0.808, 0.799: the floor is 0.779. Three verbs of
    making left out for speed read 0.791; a name, a comma and a linked title in quotation marks, and
    "declares" after a quotation, read 0.975, 0.808, 0.799 again, so the floor stays. The essay's
    own works cited as evidence (a listed surname with a verb, a possessive or a preposition after
    or before it), with affect keyed (thirty-two essays), read 0.970, 0.912, 0.893: the floor is
    0.873. With history, multimodal and prototype fetched (thirty-five essays: 0.970, 0.924, 0.905), a
    round of evidence (a linked title a few words after a possessive, a listed name as a link's whole text,
    a past tense reporting a quotation, "Jr.’s") read 0.971, 0.933, 0.914: the floor is 0.90. Raise it as
    the source is tuned on."""
    dev = accuracy_mentions.real_essays(verbose=False, splits=("dev",))[f"dev {DIGITAL_PEDAGOGY}"]
    assert dev.expected and dev.linked / dev.expected >= 0.90
    assert dev.wrong <= dev.found * 0.05


CAMPUS_HISTORIES = "umich-hist-399/campus-histories"


@pytest.mark.skipif(not _present("essays", CAMPUS_HISTORIES), reason="essays corpus (Campus Histories dev) not all fetched (bench/corpora/essays/fetch.py)")
def test_names_in_prose_on_third_source_dev():
    """Five essays and two summaries keyed before the tool ran on them (see the essays MANIFEST) read
    1.000, 0.969, 0.969 and 1.000, 1.000, 0.800 on arrival; a full stop after the year in a
    parenthesis, an irregular past with the scholar's own book in its sentence, and a serial comma
    before the last author read all seven 1.000, 1.000, 1.000. The floor is a little under."""
    dev = accuracy_mentions.real_essays(verbose=False, splits=("dev",))[f"dev {CAMPUS_HISTORIES}"]
    assert dev.expected and dev.linked / dev.expected >= 0.97
    assert dev.wrong <= dev.found * 0.02


DEFACTORING = "interedition/paceofchange"


@pytest.mark.skipif(not _present("essays", DEFACTORING), reason="essays corpus (Defactoring dev) not all fetched (bench/corpora/essays/fetch.py)")
def test_names_in_prose_on_fourth_source_dev():
    """Four chapters of a scholarly book keyed before the tool ran on them read 0.818, 0.552, 0.552 on
    arrival; no-break spaces, dated pairs, prefixes, year letters, line breaks inside a year's
    parenthesis and names in prose beside an aside's footnote read 0.944, 0.935, 0.903. The floor is a
    little under."""
    dev = accuracy_mentions.real_essays(verbose=False, splits=("dev",))[f"dev {DEFACTORING}"]
    assert dev.expected and dev.linked / dev.expected >= 0.88
    assert dev.wrong <= dev.found * 0.07


def test_plain_text_reader_on_real_books_dev():
    books = [book for book in accuracy.manifest() if book["split"] == "dev" and "id" in book]  # Gutenberg's
    scores = [accuracy.score_book(book, show=0) for book in books]
    found = sum(score.found_markers for score in scores)
    right = sum(score.right_markers for score in scores)
    true = sum(score.true_markers for score in scores)
    notes = sum(score.true_notes for score in scores)
    # marker recall 0.991, note recall 0.995: Herodotus's added notes ([37a], '3a.') and its notes
    # cited again later ('beyond[20]' eight times) are not read yet
    assert right / found >= 0.995 and right / true >= 0.99
    assert sum(score.right_notes for score in scores) / notes >= 0.99
    assert max(score.false_findings for score in scores) <= 1


def test_plain_text_reader_on_real_ocr_dev():
    """The Philosophical Transactions articles as OLMoCR read them: the OCR lost markers (their
    findings are deserved and not counted); a note it flattened to a plain digit that no marker
    calls, and a marker it set at a paragraph's start, are not read yet."""
    books = [book for book in accuracy.manifest() if book["split"] == "dev" and "id" not in book]
    scores = [accuracy.score_book(book, show=0) for book in books]
    found = sum(score.found_markers for score in scores)
    right = sum(score.right_markers for score in scores)
    true = sum(score.true_markers for score in scores)
    notes = sum(score.true_notes for score in scores)
    # dev over sixteen articles: marker precision 0.998, recall 0.994, note recall 0.982, false 6 (at
    # most 2: Swinton's Parthian Coin, 1755, whose notes 19-20 the OCR set after 21-22 on one page;
    # two CC104 on note order, deserved now that the truth counts sequence faults: false 3, at most 1)
    assert books and right / found >= 0.99 and right / true >= 0.99
    assert sum(score.right_notes for score in scores) / notes >= 0.975
    assert max(score.false_findings for score in scores) <= 1


def test_split_rule_for_texts_from_elsewhere():
    assert accuracy.split_of({"repo": "owner/name", "path": "a.md"}) in ("dev", "test")
    assert accuracy.split_of({"id": 732}) == "test"  # the Gutenberg rule is unchanged: Gibbon vol. 2


def test_damage_glues_the_markers_loses_runs_and_moves_the_truth():
    text = "One.[1] Two,\n[2] three. [3] Four. [4]\n\n[Footnote 1: a]\n"
    markers = tuple((m.start(), m.end(), m.group(1)) for m in regex.finditer(r"\[(\d)\](?!:)", text))
    note = text.index("[Footnote")
    truth = accuracy.Truth(markers, ((note, note + 11, "1"),))
    damaged, moved = accuracy.damaged(text, truth, 0)
    assert damaged == "One.1 Two,2\nthree.3 Four.4\n\n[Footnote 1: a]\n"
    assert [damaged[start:end] for start, end, _ in moved.markers] == ["1", "2", "3", "4"]
    assert damaged[moved.notes[0][0]:].startswith("[Footnote 1:")
    assert damaged.count("\n") == text.count("\n")  # lines keep their numbers


def test_sequence_faults_are_worth_the_findings_the_rules_give_them():
    faults = accuracy.sequence_faults
    run = [str(number) for number in range(1, 8)]
    assert faults(run, run) == 0
    skipped = ["1", "2", "3", "6", "7"]  # 4-5 skipped by markers and notes alike: one CC103
    assert faults(skipped, skipped) == 1
    twice = ["1", "2", "2", "3"]  # a second marker 2 and a second note 2: CC104 and CC106
    assert faults(twice, twice) == 2
    assert faults(twice, ["1", "2", "3"]) == 0  # the marker without a note is Truth.inconsistent's
    moved = "1 4 5 2 3 4 5 6".split()  # 4-5 printed twice, first out of order: CC104 x2 on markers,
    assert faults(moved, moved) == 6  # CC104 x2 on notes (out of order), CC106 x2 (defined twice)
    assert faults(["19", "20", "21", "22"], ["21", "22", "19", "20"]) == 2  # two notes out of order
    assert faults(["94", "2", "3"], ["94", "2", "3"]) == 2  # '[94]' for 1, on the marker and the note
    assert faults(["81", "82", "821", "83"], ["81", "82", "821", "83"]) == 0  # an editor's added note
    assert faults(["1", "2", "3", "801"], ["1", "2", "3"]) == 0  # a stray marker: inconsistent only


def test_truth_counts_faults_within_parts():
    def items(labels: str) -> tuple[tuple[int, int, str], ...]:
        return tuple((index, index + 1, label) for index, label in enumerate(labels.split()))

    two_chapters = items("1 2 3 1 2 4")  # chapter 2 skips 3 in both: deserved, one finding
    truth = accuracy.Truth(two_chapters, two_chapters, (1, 1, 1, 2, 2, 2), (1, 1, 1, 2, 2, 2))
    assert (truth.inconsistent, truth.sequence_faults, truth.deserved) == (0, 1, 1)
    pages = accuracy.Truth(two_chapters, two_chapters, sequence=False)  # labels that are no sequence
    assert pages.deserved == 0


def test_a_table_s_letters_restart_per_table_while_the_numbers_run_on():
    """True's Beaked Whales (1910): numbered notes gathered at the end, each table's lettered
    notes under it; only the letters take the table parts (``parted_labels``)."""
    text = "Skull.[1] [a]765 [b]40\n  [a] Broken.\n  [b] Estimated.\nJaw [a]12\n  [a] Left.\n[1]Note.\n"
    book = {
        "markers": r"(?<=\S)\[(?P<n>\d)\]|(?<=\[)(?P<n>[a-z])(?=\])",
        "notes": r"^\[(?P<n>\d)\](?=\S)|^[ \t]*\[(?P<n>[a-z])\](?= )",
        "marker_parts": r"^Jaw",
        "note_parts": r"^Jaw",
    }
    assert accuracy.truth_of(book, text).inconsistent == 2  # the numbers parted too: 1 and 1
    assert accuracy.truth_of({**book, "parted_labels": "[a-z]"}, text).inconsistent == 0


def test_a_note_cited_again_by_design_deserves_no_finding():
    """A lettered table note cited by every cell it qualifies (True's Beaked Whales, 1910)."""
    def items(labels: str) -> tuple[tuple[int, int, str], ...]:
        return tuple((index, index + 1, label) for index, label in enumerate(labels.split()))

    markers, notes = items("a b a a c 7 7"), items("a b 7")
    assert accuracy.Truth(markers, notes).inconsistent == 4  # two repeats, c and 7's repeat
    assert accuracy.Truth(markers, notes, cited_again="[a-z]").inconsistent == 2  # c has no note; 7 again
