"""Accuracy of the plain-text reader on real books: markers, notes and false footnote findings.

    .venv/bin/python bench/accuracy.py [--split dev|test|all] [--book FILE] [--show N] [--damage K]

Reads every book of ``tests/corpora/books/MANIFEST.toml`` with citecheck's plain-text reader
and compares what it finds with the book's truth, given in the manifest as a book-specific
regular expression for markers and one for notes (positions, not just counts):

* marker precision and recall: a marker found is right when its span overlaps a true marker's;
* note recall: a true note is found when the reader starts a note on the same line;
* false footnote findings: the CC1xx findings on the book, less the findings the published text
  deserves (``deserved``): its inconsistencies, markers without a note and notes without a
  marker, by number, within each part where the manifest gives ``marker_parts`` and
  ``note_parts`` (only for the labels ``parted_labels`` matches, where the manifest gives it: a
  table's letters restart per table while the numbers run through the book)
  (``Truth.inconsistent``); and the faults of its own numbering within each part
  (``Truth.sequence_faults``), each worth the findings the CC1xx rules give it: a run of numbers
  skipped by both markers and notes 1 (CC103, once per run), a number printed again on both a
  marker and a note 2 (CC104 on the marker, CC106 on the note), a number that markers and notes
  carry alike but print out of order 1 on each side where it stands out (CC104; a marker both
  repeated and out of order is 1, as CC104 reports it once). An editor's
  added notes (Gibbon's 821 after 82) are not part of the sequence, and a book whose labels are
  not a sequence (page numbers) says ``sequence = false``. The per-book ``false-old`` column and
  the totals also give the false findings by the key without sequence faults (inconsistencies
  only), as measured before the faults were counted. A book whose notes name the page they are
  for (``page_keyed = true``: ``Note 1, page 18.``) has no marker by design: its notes without
  one deserve no finding. A book whose notes of some labels are cited by several markers by
  design (``cited_again``, an expression over the labels: a table's lettered note cited by every
  cell it qualifies) deserves no finding for a marker that repeats such a label its part's note
  carries; a label no note carries still deserves one.

``--damage K`` measures the sequence path under damage, on the same real text: every numbered
marker is re-printed as an ebook converter that lost the superscripts prints it, its digits glued
to what precedes (``calamity.[282] During`` becomes ``calamity.282 During``), and runs of K
consecutive markers are lost (one run every 40 markers; K = 0 loses none). The truth moves with
the text; the lost markers' notes have no marker, so their findings are deserved.

Prints one line per book and the totals for the dev and the test split separately. Exit status 1
when a book's truth no longer gives the counts written in the manifest (the truth moved), or when
a book sits in the wrong split for the manifest's rule. ``--show N`` prints up to N misses and
false markers per book, for dev books only: the test split is for measuring, never for tuning.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import sys
import time
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import regex

from citecheck.readers import plaintext
from citecheck.rules import Context, all_rules, run_rules
from citecheck.source import SourceFile, read_source

BOOKS = Path(__file__).resolve().parent.parent / "tests" / "corpora" / "books"
TARGET_PRECISION = TARGET_RECALL = TARGET_NOTE_RECALL = 0.98
TARGET_FALSE_FINDINGS_PER_BOOK = 1


def split_of(book: dict) -> str:
    """The manifest's split rule: test when sha256("pg" + Gutenberg id), or for a text from elsewhere
    sha256(repo + ":" + path), starts with a hex digit 0-4."""
    key = f"pg{book['id']}" if "id" in book else f"{book['repo']}:{book['path']}"
    return "test" if int(hashlib.sha256(key.encode()).hexdigest()[0], 16) < 5 else "dev"


@dataclass(frozen=True, slots=True)
class Truth:
    markers: tuple[tuple[int, int, str], ...]  # (start, end, label)
    notes: tuple[tuple[int, int, str], ...]
    # the part of the book each marker and note is in, where the manifest tells parts apart
    marker_parts: tuple[int, ...] = ()
    note_parts: tuple[int, ...] = ()
    sequence: bool = True  # the numbers run in sequence (not so where they are page numbers)
    page_keyed: bool = False  # each note's label names the page it is for: no note wants a marker
    cited_again: str | None = None  # the labels whose note may be cited by several markers: no fault

    def _labels_by_part(self) -> dict[int, tuple[list[str], list[str]]]:
        """For each part, its markers' and its notes' labels in reading order."""
        parts: dict[int, tuple[list[str], list[str]]] = {}
        for side, items, of_part in ((0, self.markers, self.marker_parts), (1, self.notes, self.note_parts)):
            for (_, _, label), part in zip(items, of_part or [0] * len(items)):
                parts.setdefault(part, ([], []))[side].append(label)
        return parts

    @property
    def inconsistent(self) -> int:
        """Markers whose label no note of their part carries, and notes whose label no marker of
        their part carries (the whole book is one part unless the manifest says otherwise), but
        for notes keyed to pages (``page_keyed``), which need no marker, and for a note cited again
        where the book cites notes again by design (``cited_again``)."""
        markers = Counter(zip(self.marker_parts or [0] * len(self.markers), (label for _, _, label in self.markers)))
        notes = Counter(zip(self.note_parts or [0] * len(self.notes), (label for _, _, label in self.notes)))
        if self.cited_again:  # a repeat of a label its part's note carries is that note cited again
            markers = Counter({
                key: min(count, notes[key]) if notes[key] and regex.fullmatch(self.cited_again, key[1]) else count
                for key, count in markers.items()
            })
        unreferenced = 0 if self.page_keyed else sum((notes - markers).values())
        return sum((markers - notes).values()) + unreferenced

    @property
    def sequence_faults(self) -> int:
        """The findings the published numbering itself deserves beyond :attr:`inconsistent`, summed
        over the parts (:func:`sequence_faults`)."""
        if not self.sequence:
            return 0
        return sum(sequence_faults(markers, notes) for markers, notes in self._labels_by_part().values())

    @property
    def deserved(self) -> int:
        return self.inconsistent + self.sequence_faults


ADDED_NOTE_REACH = 12  # how many main numbers back an editor's added note (821 after 82) may stand


def main_numbers(labels: list[str]) -> list[int]:
    """The numbered labels of one part, less the notes an editor added to another (Gibbon's 821
    after 82, 1001 after 10, 101 before a chapter's 1): a label more than ``ADDED_NOTE_REACH``
    above the last main number whose digits extend one of the last main numbers, or, before any,
    a label of three digits or more opening on 1."""
    main: list[int] = []
    for label in labels:
        if not label.isdecimal():
            continue
        number = int(label)
        recent = main[-ADDED_NOTE_REACH:]
        if recent and number > recent[-1] + ADDED_NOTE_REACH and any(
            label.startswith(str(earlier)) and len(label) > len(str(earlier)) for earlier in recent
        ):
            continue
        if not recent and len(label) > 2 and label.startswith("1"):
            continue
        main.append(number)
    return main


def increasing_run(numbers: list[int]) -> list[int]:
    """A longest strictly increasing run through ``numbers`` (the numbers CC103 and CC104 take
    for the sequence; the others stand out of order)."""
    tails: list[int] = []  # tails[k]: index of the smallest last number of a run of length k + 1
    before: list[int] = []  # the index before each one in its run
    for index, number in enumerate(numbers):
        at = bisect.bisect_left(tails, number, key=numbers.__getitem__)
        before.append(tails[at - 1] if at else -1)
        tails[at:at + 1] = [index]
    run: list[int] = []
    index = tails[-1] if tails else -1
    while index >= 0:
        run.append(numbers[index])
        index = before[index]
    return run[::-1]


def sequence_faults(markers: list[str], notes: list[str]) -> int:
    """The findings one part's own numbering deserves that :attr:`Truth.inconsistent` does not
    count, from the labels of its markers and notes in reading order (see the module docstring).
    Only numbers that markers and notes carry alike (as often) count; the others are left to
    ``inconsistent``, which counts them.

    * a gap, a run of numbers that neither the markers' nor the notes' increasing run carries,
      between two numbers carried alike, is worth 1 (CC103 reports a skipped run once);
    * a marker off the longest increasing run of the part's markers, printed again or out of
      order, is worth 1 (CC104);
    * a note printed again is worth 1 (CC106), and a note out of order otherwise 1 (CC104).

    So a number printed again on a marker and a note is worth 2, and notes 21, 22, 19, 20 under
    markers 19-22 are worth 2.
    """
    marker_numbers, note_numbers = main_numbers(markers), main_numbers(notes)
    marker_count, note_count = Counter(marker_numbers), Counter(note_numbers)
    alike = {number for number, count in marker_count.items() if note_count[number] == count}
    alike_markers = [number for number in marker_numbers if number in alike]
    alike_notes = [number for number in note_numbers if number in alike]
    first_notes = list(dict.fromkeys(alike_notes))
    markers_off = len(alike_markers) - len(increasing_run(alike_markers))
    notes_again = len(alike_notes) - len(first_notes)
    notes_off = len(first_notes) - len(increasing_run(first_notes))
    present = {*increasing_run(marker_numbers), *increasing_run(note_numbers)}
    anchors = sorted(alike & present)
    gaps = sum(
        1
        for lower, upper in zip(anchors, anchors[1:])
        for number in range(lower + 1, upper)
        if number not in present and number - 1 in present
    )
    return gaps + markers_off + notes_again + notes_off


def _parts(expression: str | None, text: str, starts: list[int]) -> tuple[int, ...]:
    """For each start, how many matches of ``expression`` (each opens a part) stand before it."""
    if not expression:
        return ()
    openings = [m.start() for m in regex.finditer(expression, text, regex.MULTILINE)]
    return tuple(bisect.bisect_right(openings, start) for start in starts)


SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")  # a label '¹' and a label '1' are one number


def _only_parted(parts: tuple[int, ...], labels: list[str], parted: str | None) -> tuple[int, ...]:
    """Where the manifest's ``parted_labels`` says which labels restart per part (a table's
    letters, while the numbers run through the book), every other label is in one part of its
    own, before all the others."""
    if not parted or not parts:
        return parts
    return tuple(part if regex.fullmatch(parted, label) else -1 for part, label in zip(parts, labels))


def truth_of(book: dict, text: str) -> Truth:
    note_matches = [
        (m.start(), m.end(), m.group("n").translate(SUPERSCRIPT_DIGITS))
        for m in regex.finditer(book["notes"], text, regex.MULTILINE)
    ]
    inside_note = {position for start, end, _ in note_matches for position in range(start, end)}
    markers = tuple(
        (m.start(), m.end(), m.group("n").translate(SUPERSCRIPT_DIGITS))
        for m in regex.finditer(book["markers"], text, regex.MULTILINE)
        if m.start() not in inside_note
    )
    return Truth(
        markers,
        tuple(note_matches),
        _only_parted(
            _parts(book.get("marker_parts"), text, [start for start, _, _ in markers]),
            [label for _, _, label in markers],
            book.get("parted_labels"),
        ),
        _only_parted(
            _parts(book.get("note_parts"), text, [start for start, _, _ in note_matches]),
            [label for _, _, label in note_matches],
            book.get("parted_labels"),
        ),
        book.get("sequence", True),
        book.get("page_keyed", False),
        book.get("cited_again"),
    )


LOST_RUN_EVERY = 40  # markers kept between two lost runs
FIRST_LOST = 10  # markers kept before the first lost run


def damaged(text: str, truth: Truth, lost_run: int) -> tuple[str, Truth]:
    """``text`` with its numbered markers glued to what precedes them and runs of ``lost_run``
    markers removed (see ``--damage``), and the truth at its new positions (each marker in its part)."""
    parts = truth.marker_parts or (0,) * len(truth.markers)
    numbered = [(marker, part) for marker, part in zip(truth.markers, parts) if marker[2].isdecimal()]
    lost: set[int] = set()
    if lost_run:
        for first in range(FIRST_LOST, len(numbered) - lost_run, lost_run + LOST_RUN_EVERY):
            lost.update(range(first, first + lost_run))
    pieces: list[str] = []
    length = 0
    removed_ends: list[int] = []  # where each rewritten stretch ends in the old text ...
    shifts: list[int] = []  # ... and how many characters shorter the text is after it
    kept: list[tuple[tuple[int, int, str], int]] = []  # (marker at its new position, its part)
    previous_end = 0
    for index, ((start, end, label), part) in enumerate(numbered):
        glued = start
        while glued > previous_end and text[glued - 1] in " \t\n":  # a marker wrapped to a line start
            glued -= 1  # goes back to the end of the line before, as its superscript stood
        wrapped = "\n" in text[glued:start]
        pieces.append(text[previous_end:glued])
        length += glued - previous_end
        if index not in lost:
            kept.append(((length, length + len(label), label), part))
            pieces.append(label)
            length += len(label)
        if wrapped:  # the line break stays, so lines keep their numbers, and the next line starts at its word
            pieces.append("\n")
            length += 1
            end += text.startswith(" ", end)
        previous_end = end
        removed_ends.append(end)
        shifts.append(end - length)
    pieces.append(text[previous_end:])

    def moved(position: int) -> int:
        before = bisect.bisect_right(removed_ends, position) - 1
        return position - (shifts[before] if before >= 0 else 0)

    symbols = [
        ((moved(s), moved(e), label), part)
        for (s, e, label), part in zip(truth.markers, parts)
        if not label.isdecimal()
    ]
    markers = sorted(kept + symbols)
    notes = tuple((moved(s), moved(e), label) for s, e, label in truth.notes)
    return "".join(pieces), Truth(
        tuple(marker for marker, _ in markers),
        notes,
        tuple(part for _, part in markers) if truth.marker_parts else (),
        truth.note_parts,
        truth.sequence,
        truth.page_keyed,
        truth.cited_again,
    )


@dataclass(frozen=True, slots=True)
class Score:
    book: str
    split: str
    true_markers: int
    found_markers: int
    right_markers: int
    true_notes: int
    right_notes: int
    deserved: int  # findings the published text deserves: Truth.deserved
    false_findings: int  # footnote findings beyond ``deserved``
    false_findings_old: int  # beyond Truth.inconsistent alone, the key before sequence faults counted
    seconds: float
    misses: tuple[str, ...] = ()

    @property
    def precision(self) -> float:
        return self.right_markers / self.found_markers if self.found_markers else 1.0

    @property
    def recall(self) -> float:
        return self.right_markers / self.true_markers if self.true_markers else 1.0

    @property
    def note_recall(self) -> float:
        return self.right_notes / self.true_notes if self.true_notes else 1.0


def _overlapping(found: list[tuple[int, int]], truth: list[tuple[int, int]]) -> set[int]:
    """Indices into ``found`` that overlap a true span, each true span used once (both sorted)."""
    right: set[int] = set()
    j = 0
    for i, (start, end) in enumerate(found):
        while j < len(truth) and truth[j][1] <= start:
            j += 1
        if j < len(truth) and truth[j][0] < end:
            right.add(i)
            j += 1
    return right


def score_book(book: dict, show: int, damage: int | None = None) -> Score:
    source: SourceFile = read_source(BOOKS / book["file"], book["file"])
    truth = truth_of(book, source.text)
    if damage is not None:
        text, truth = damaged(source.text, truth, damage)
        source = SourceFile(source.path, text)
    started = time.perf_counter()
    document = plaintext.read(source)
    seconds = time.perf_counter() - started

    found = sorted((m.span.start, m.span.end) for m in document.markers)
    right = _overlapping(found, [(s, e) for s, e, _ in truth.markers])
    line_of = source.index.line_col
    note_lines = Counter(line_of(n.span.start)[0] for n in document.notes)
    right_notes = 0
    missed_notes: list[int] = []
    for start, _, _ in truth.notes:
        line = line_of(start)[0]
        if note_lines[line]:
            note_lines[line] -= 1
            right_notes += 1
        else:
            missed_notes.append(line)

    context = Context.of(documents=(document,))
    footnote_rules = [r for r in all_rules() if r.code.startswith("CC1")]
    findings = sum(1 for _ in run_rules(context, footnote_rules))

    misses: list[str] = []
    if show and book["split"] == "dev":
        true_spans = [(s, e) for s, e, _ in truth.markers]
        found_right = [found[i] for i in sorted(right)]
        missed = [s for s in true_spans if not _overlapping([s], found_right)]
        wrong = [found[i] for i in range(len(found)) if i not in right]
        for label, spans in (("missed marker", missed), ("false marker", wrong)):
            for start, end in spans[:show]:
                misses.append(f"{label} line {line_of(start)[0]}: {source.text[max(0, start - 40):end + 20]!r}")
        misses.extend(f"missed note line {line}" for line in missed_notes[:show])
    return Score(
        book=book["file"],
        split=book["split"],
        true_markers=len(truth.markers),
        found_markers=len(found),
        right_markers=len(right),
        true_notes=len(truth.notes),
        right_notes=right_notes,
        deserved=truth.deserved,
        false_findings=max(0, findings - truth.deserved),
        false_findings_old=max(0, findings - truth.inconsistent),
        seconds=seconds,
        misses=tuple(misses),
    )


def _line(score: Score) -> str:
    return (
        f"{score.book:28} {score.split:4} {score.true_markers:5} {score.found_markers:5} "
        f"{score.precision:6.3f} {score.recall:6.3f} {score.true_notes:5} {score.note_recall:6.3f} "
        f"{score.deserved:8} {score.false_findings_old:9} {score.false_findings:6} {score.seconds:6.2f}s"
    )


def _total(split: str, scores: list[Score]) -> str:
    found = sum(s.found_markers for s in scores)
    true = sum(s.true_markers for s in scores)
    right = sum(s.right_markers for s in scores)
    notes = sum(s.true_notes for s in scores)
    right_notes = sum(s.right_notes for s in scores)
    false = sum(s.false_findings for s in scores)
    worst = max((s.false_findings for s in scores), default=0)
    false_old = sum(s.false_findings_old for s in scores)
    worst_old = max((s.false_findings_old for s in scores), default=0)
    precision = right / found if found else 1.0
    recall = right / true if true else 1.0
    note_recall = right_notes / notes if notes else 1.0
    met = (
        precision >= TARGET_PRECISION and recall >= TARGET_RECALL and note_recall >= TARGET_NOTE_RECALL
        and worst <= TARGET_FALSE_FINDINGS_PER_BOOK
    )
    return (
        f"{split} ({len(scores)} books): marker precision {precision:.3f} recall {recall:.3f}, note recall "
        f"{note_recall:.3f}, false footnote findings {false} (at most {worst} in one book; "
        f"{false_old}, at most {worst_old}, by the key without sequence faults), deserved "
        f"{sum(s.deserved for s in scores)} -> target {'met' if met else 'not met'}"
    )


def manifest() -> list[dict]:
    """The books of ``MANIFEST.toml``, in its order."""
    return tomllib.loads((BOOKS / "MANIFEST.toml").read_text(encoding="utf-8"))["book"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--book", help="only this file of the manifest")
    parser.add_argument("--show", type=int, default=0, help="print up to N errors per dev book")
    parser.add_argument("--damage", type=int, metavar="K",
                        help="re-print the markers glued and lose runs of K of them (the manifest's counts are not checked)")
    args = parser.parse_args(argv)

    books = manifest()
    status = 0
    scores: list[Score] = []
    print(f"{'book':28} {'split':4} {'true':>5} {'found':>5} {'prec':>6} {'recall':>6} {'notes':>5} "
          f"{'n-rec':>6} {'deserved':>8} {'false-old':>9} {'false':>6} {'time':>7}")
    for book in books:
        if split_of(book) != book["split"]:
            print(f"{book['file']}: split is {book['split']}, the rule says {split_of(book)}")
            status = 1
        if args.book and book["file"] != args.book or args.split not in ("all", book["split"]):
            continue
        score = score_book(book, args.show, args.damage)
        expected = (book.get("expected_markers"), book.get("expected_notes"))
        if args.damage is None and expected != (score.true_markers, score.true_notes):
            print(f"{book['file']}: the truth gives {score.true_markers} markers and {score.true_notes} notes, "
                  f"the manifest says {expected[0]} and {expected[1]}")
            status = 1
        scores.append(score)
        print(_line(score))
        for miss in score.misses:
            print("    " + miss)
    for split in ("dev", "test"):
        chosen = [s for s in scores if s.split == split]
        if chosen:
            print(_total(split, chosen))
    return status


if __name__ == "__main__":
    sys.exit(main())
