"""Property: the plain-text layout's shortcuts never change what it finds.

``readers/plaintext.py`` reads the layout in one pass over lines, and skips work that cannot
change the answer: a line pattern runs only on a line that opens with a character it may open
with; the marker candidates a note label asks about are found a chunk of lines at a time, not
over the whole book; the body patterns run over runs of lines. For text built from the pieces
the patterns look at (heading words, labels, digits glued to words and punctuation, superscripts,
brackets, carets, line breaks, long lines), each shortcut must answer as the full work does.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.readers import plaintext

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PIECES = (
    "word", "Stalin", "the", "war", ".", ",", ";", ":", "’", "”", '"', ")", "(", "[", "]", "^{", "}", "^", "FN#",
    "1", "2", "12", "3", "45", "1939", "¹", "²", "³", " ", " ", " ", "\t", "\n", "\n", "\n\n", "No.", "p.", "…",
)
TEXT = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)


@SETTINGS
@given(TEXT, st.sampled_from((1, 3, 8, 64)), st.sampled_from((0, 5, 40, plaintext.MARKER_REACH)))
def test_marker_index_answers_as_a_whole_text_scan(text, chunk, reach):
    starts: dict[int, list[int]] = defaultdict(list)
    for candidate in plaintext.find_candidates(text, [(0, len(text))]):
        starts[candidate.number].append(candidate.start)
    # chunks shorter than a line and than a candidate, as well as long ones
    index = plaintext._MarkerIndex(text, chunk=chunk, reach=reach)
    for start in range(len(text) + 1):
        for number in (1, 2, 3, 12, 45):
            positions = starts.get(number, [])
            before = bisect.bisect_left(positions, start)
            expected = before > 0 and positions[before - 1] >= start - reach
            assert index.precedes(start, number) == expected, (start, number)


@SETTINGS
@given(TEXT, st.sampled_from((1, 3, 8, 64)), st.integers(0, 80), st.integers(0, 80), st.sampled_from(("", "[", "(")))
def test_marker_index_finds_between_as_a_whole_text_scan(text, chunk, start, end, opening):
    found = plaintext.find_candidates(text, [(0, len(text))])
    index = plaintext._MarkerIndex(text, chunk=chunk)
    for number in (1, 2, 3, 12, 45):
        expected = any(
            c.number == number and start <= c.start < end and text.startswith(opening, c.start) for c in found
        )
        assert index.stands_between(number, start, end, opening) == expected, (number, start, end, opening)


HEADING_PIECES = (
    "otes", "OTES", "ootnotes", "ndnotes", "NOTES", "Notes", "notes", "ndex", "NDEX", "ENERAL", "hapter", "HAPTER",
    "art", "ook", "I", "V", "X", "L", "C", "IV", "1", "12", " ", "\t", ":", ".", "to", "for", "the", "war", "Footnote",
    "[", "]", "^{", "}", "-", "•", "(", "*", ")", "¹", "²", "\n",
)
LINE_TAIL = st.lists(st.sampled_from(HEADING_PIECES), max_size=12).map("".join)
LINE_PATTERNS = (
    (plaintext.NOTES_HEADING, plaintext.NOTES_HEADING_OPENERS),
    (plaintext.SINGULAR_NOTES_HEADING, "N"),
    (plaintext.INDEX_HEADING, plaintext.INDEX_HEADING_OPENERS),
    (plaintext.CHAPTER_HEADING, plaintext.CHAPTER_HEADING_OPENERS),
    (plaintext.NOTE_START, plaintext.NOTE_START_OPENERS),
)
ASCII_OPENERS = [chr(code) for code in range(128) if not chr(code).isspace()]


@SETTINGS
@given(st.sampled_from(ASCII_OPENERS), LINE_TAIL)
def test_a_line_pattern_matches_only_a_line_that_opens_as_it_may(opener, tail):
    line = opener + tail
    end = line.find("\n") if "\n" in line else len(line)
    for pattern, openers in LINE_PATTERNS:
        if opener not in openers:
            assert pattern.match(line, 0, end) is None, (pattern.pattern[:40], line)


def test_every_opening_of_a_heading_or_a_label_is_tried():
    """Each character that opens a heading or a label (a word of a heading in either case, a roman
    numeral, a digit, a bracket, a dash, a caret, a parenthesis) is among its pattern's openers."""
    openings = ("Notes", "NOTES", "Footnotes", "footnotes", "Endnotes", "ENDNOTES", "INDEX", "Index",
                "GENERAL INDEX", "Chapter 1", "Chapter One", "CHAPTER 2", "Part 3", "Part II", "PART 1",
                "Book 4", "BOOK the Fourth", "I", "V", "X", "L", "C", "12", "[Footnote 1: x", "^{1} x", "- 1. x",
                "1. x", "(*) x", "[A] x", "[1] x", "INTRODUCTION. Page 6. X", "[AB] x", "[A: x")
    for opening in openings:
        matching = [openers for pattern, openers in LINE_PATTERNS if pattern.match(opening)]
        assert matching, opening
        assert all(opening[0] in openers for openers in matching), opening


BODY_PIECES = PIECES + ("(*)", "(+)", "[*]", "[A]", "^*", "^!!", "^@", "†", "l7", "2O", ".l7", ",2O", "I1")
BODY_TEXT = st.lists(st.sampled_from(BODY_PIECES), max_size=80).map("".join)


@SETTINGS
@given(BODY_TEXT, st.data())
def test_line_runs_find_what_their_lines_find(text, data):
    """Body spans are whole lines, or a line cut before a ``[Footnote`` (its start kept): joined into
    runs, the body patterns find the same candidates and symbols."""
    lines, start = [], 0
    for line in text.split("\n"):
        lines.append((start, start + len(line)))
        start += len(line) + 1
    spans = []
    for line_start, line_end in lines:
        kept = data.draw(st.sampled_from(("whole", "cut", "left out")))
        if kept == "whole":
            spans.append((line_start, line_end))
        elif kept == "cut":
            spans.append((line_start, data.draw(st.integers(line_start, line_end))))
    runs = plaintext.line_runs(text, spans)
    assert plaintext.find_candidates(text, runs) == plaintext.find_candidates(text, spans)
    assert plaintext.find_ocr_candidates(text, runs) == plaintext.find_ocr_candidates(text, spans)
    symbols = [m.span() for s, e in spans for m in plaintext.SYMBOL_MARKER.finditer(text, s, e)]
    assert [m.span() for s, e in runs for m in plaintext.SYMBOL_MARKER.finditer(text, s, e)] == symbols


SYMBOLS = st.lists(st.sampled_from(("word", "W.", ".", ",", "’", ")", "(", "[", "]", "^", "*", "**", "+", "†", "!", "@",
                                    "A", "B", "x", "1", " ", "\t", "\n")), max_size=40).map("".join)


@SETTINGS
@given(SYMBOLS)
def test_a_run_without_a_symbol_opening_holds_no_symbol_marker(text):
    """_symbol_markers scans only the runs where _SYMBOL_OPENING finds what a symbol marker opens with."""
    if plaintext._SYMBOL_OPENING.search(text) is None:
        assert plaintext.SYMBOL_MARKER.search(text) is None


@SETTINGS
@given(SYMBOLS)
def test_the_symbol_opening_finds_what_its_alternatives_find(text):
    """_SYMBOL_OPENING, its first character a class, matches where the plain alternatives do."""
    # ``\[\d{1,4}[a-z]``: an editor's added note's label, ``[4a]`` (Herodotus), as the opening has it;
    # ``\[ ?[a-z][a-z]?\]``: a table's lower-case lettered marker, ``[b]``, ``[bd]`` (True's Beaked Whales)
    alternatives = re.compile(r"\([*+†‡§]|\[[*A-Z]|\[ ?[a-z][a-z]?\]|\[\d{1,4}[a-z]|\^[*!@†‡§]|\*|[†‡§]|\{\d")
    found = [m.span() for m in plaintext._SYMBOL_OPENING.finditer(text)]
    assert found == [m.span() for m in alternatives.finditer(text)]


@SETTINGS
@given(BODY_TEXT)
def test_every_candidate_opens_with_a_candidate_opening(text):
    """find_candidates scans only the runs of lines where CANDIDATE_OPENING finds a character, each
    run the whole lines from one that holds one to the last of those after it that hold one."""
    runs = plaintext.lines_holding(plaintext.CANDIDATE_OPENING, plaintext.CANDIDATE_LINES, text, [(0, len(text))])
    holding = [(s, e) for s, e in plaintext._lines(text) if plaintext.CANDIDATE_OPENING.search(text, s, e)]
    assert runs == plaintext.line_runs(text, holding)
    for match in plaintext.CANDIDATE.finditer(text):
        assert plaintext.CANDIDATE_OPENING.match(text, match.start()), match


@SETTINGS
@given(LINE_TAIL)
def test_a_label_reads_as_its_groups_say(line):
    """_style and _note_number read the groups by number as they read them by name."""
    match = plaintext.NOTE_START.match(line)
    if match is None:
        return
    groups = match.groupdict()
    assert plaintext._style(match) == next(style for name, style in plaintext._NOTE_STYLES.items() if groups.get(name))
    if not groups.get("symbol"):
        digits = next(groups[name] for name in plaintext._NUMBER_GROUPS if groups.get(name))
        assert plaintext._note_number(match) == int(digits.translate(plaintext._FROM_SUPERSCRIPT))


@SETTINGS
@given(BODY_TEXT)
def test_every_ocr_candidate_opens_with_an_ocr_opening(text):
    """find_ocr_candidates scans only the lines where OCR_OPENING finds its two characters."""
    for match in plaintext.OCR_CANDIDATE.finditer(text):
        assert plaintext.OCR_OPENING.match(text, match.start()), match


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 4)), max_size=20), st.text("ab\n", max_size=60))
def test_line_runs_join_the_spans_a_line_break_apart(steps, text):
    """line_runs joins a span to the run before it exactly when it starts right after that run's
    end, on a line break."""
    spans, start = [], 0
    for gap, length in steps:
        start += gap
        spans.append((start, start + length))
        start += length
    text = ((text or "\n") * (start + 2))[: start + 1]
    expected: list[tuple[int, int]] = []
    for start, end in spans:
        if expected and expected[-1][1] + 1 == start and text[start - 1] == "\n":
            expected[-1] = (expected[-1][0], end)
        else:
            expected.append((start, end))
    assert plaintext.line_runs(text, spans) == expected


PLAIN_PIECES = HEADING_PIECES + ("Ab", "Ant", "Gé", "The", "Chap", "Parties", "END", "THE", "GENERAL", "INDEX",
                                 "Index", "Preface", "PREFACE", "Introduction", "OF", ",", "'", '"', "a", "b", "c",
                                 "AANTEEKENINGEN", "AANTEKENINGEN", "ANMERKUNGEN", "NOTAS")


@SETTINGS
@given(st.lists(st.sampled_from(PLAIN_PIECES), max_size=12).map("".join))
def test_a_plain_line_is_read_by_no_line_pattern(line):
    """read_layout takes a run of PLAIN_LINES as body lines without trying the line patterns on them:
    none of them reads such a line."""
    line = line.split("\n")[0]
    if plaintext.PLAIN_LINES.match(line + "\n") is None or any(b in line for b in plaintext.PLAIN_LINE_BREAKS):
        return
    for pattern in (plaintext.NOTES_HEADING, plaintext.END_OF_TEXT, plaintext.INDEX_HEADING,
                    plaintext.FRONT_MATTER_NOTES, plaintext.CHAPTER_HEADING, plaintext.NOTE_START, plaintext.RULE_LINE):
        assert pattern.match(line) is None, (pattern.pattern[:40], line)
