"""The plain-text sequence (``choose_markers``) against the dynamic program as first written.

``choose_markers`` keeps each number's best way in and updates it in place, and weighs no misread
whose state could not be kept; both are to save time only. The reference below looks every way in
up afresh and weighs every misread, and the two must choose the same path on any candidates:
repeated numbers, ties, misreads, OCR readings, chapter headings, with and without notes.
"""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.model import is_subnote
from citecheck.readers.plaintext import (
    JUMP_COST,
    MAX_NOTE_NUMBER,
    MISREAD_COST,
    MISREAD_REACH,
    MISREAD_SKIP_COSTS,
    MISREAD_WINDOW,
    NOTE_BONUS,
    NOTE_BOUND_STYLES,
    NOTELESS_COST,
    RESTART_COST,
    SHORT_GAP,
    SKIP_COST,
    SKIP_COSTS,
    START_COST,
    STRONG_STYLES,
    STYLE_SCORE,
    Candidate,
    _intended_for,
    choose_markers,
    gap_cost,
)


def reference_path(
    candidates: list[Candidate], headings: list[int], note_numbers: frozenset[int],
    written_styles: frozenset[str] = STRONG_STYLES, restart_cost: float = RESTART_COST,
) -> list:
    states: list[tuple[int, int, float, int]] = []  # candidate, value, score, previous
    best_by_value: dict[int, int] = {}
    reached = 0
    best_overall = best_before_heading = -1
    heading_iter = iter(headings)
    next_heading = next(heading_iter, math.inf)

    def score_of(state: int) -> float:
        return states[state][2] if state >= 0 else 0.0

    def way_in(value: int, gaps: tuple[float, ...]) -> tuple[float, int | None]:
        total, previous = -math.inf, None
        for skipped, gap in enumerate(gaps):
            earlier = best_by_value.get(value - 1 - skipped)
            if earlier is not None and (previous is None or states[earlier][2] - gap > total):
                total, previous = states[earlier][2] - gap, earlier
        return total, previous

    def onward_cost(value: int) -> float:
        if best_overall < 0:
            return JUMP_COST
        last = states[best_overall][1]
        if value <= last or is_subnote(str(value), str(last)):
            return JUMP_COST
        return gap_cost(value - last - 1)

    def misread_targets(candidate: Candidate, index: int) -> list[int]:
        if candidate.style in written_styles and (not note_numbers or candidate.number in note_numbers):
            return []
        if candidate.style in NOTE_BOUND_STYLES:
            return []
        targets = []
        for intended in _intended_for(candidate.number):
            if note_numbers and intended not in note_numbers or not (reached >> intended) & MISREAD_WINDOW:
                continue
            for previous in range(intended - 1, intended - 2 - SHORT_GAP, -1):
                state = best_by_value.get(previous)
                if state is not None and states[state][0] >= index - MISREAD_REACH:
                    targets.append(intended)
                    break
        return targets

    for index, candidate in enumerate(candidates):
        while candidate.start > next_heading:
            best_before_heading = best_overall
            next_heading = next(heading_iter, math.inf)
        new: list[tuple[int, int, float, int]] = []

        def consider(value: int, cost: float) -> None:
            own = candidate.score - cost + (NOTE_BONUS if value in note_numbers else -NOTELESS_COST if note_numbers else 0.0)
            if cost != 0.0:
                total, previous = way_in(value, MISREAD_SKIP_COSTS)
            else:
                total, previous = way_in(value, SKIP_COSTS)
                options = [(score_of(best_overall) - onward_cost(value), best_overall),
                           (-START_COST if value != 1 else 0.0, -1)]
                if value <= 3:
                    penalty = SKIP_COST * (value - 1)
                    restarts = [(score_of(best_overall) - restart_cost - penalty, best_overall)]
                    if best_before_heading >= 0:
                        restarts.append((score_of(best_before_heading) - penalty, best_before_heading))
                    options = restarts + options
                for option_total, option_previous in options:
                    if previous is None or option_total > total:
                        total, previous = option_total, option_previous
            if previous is not None:
                new.append((index, value, total + own, previous))

        if candidate.style in NOTE_BOUND_STYLES and candidate.number not in note_numbers:
            continue
        consider(candidate.number, MISREAD_COST if candidate.ocr else 0.0)
        for intended in () if candidate.ocr else misread_targets(candidate, index):
            consider(intended, MISREAD_COST)
        for state in new:
            known = best_by_value.get(state[1])
            best_with_value = known is None or states[known][2] < state[2]
            best_of_all = best_overall < 0 or states[best_overall][2] < state[2]
            if not (best_with_value or best_of_all):
                continue
            states.append(state)
            if known is None and state[1] <= MAX_NOTE_NUMBER:
                reached |= 1 << (state[1] + SHORT_GAP + 1)
            if best_with_value:
                best_by_value[state[1]] = len(states) - 1
            if best_of_all:
                best_overall = len(states) - 1

    path = []
    position = best_overall if best_overall >= 0 and states[best_overall][2] > 0 else -1
    while position >= 0:
        candidate_index, value, _, previous = states[position]
        path.append((candidates[candidate_index], value, previous >= 0 and states[previous][1] >= value))
        position = previous
    return path[::-1]


STYLES = ["punctuation", "superscript", "bracket", "word", "after-comma", "paren"]


@st.composite
def sequences(draw: st.DrawFn) -> tuple[list[Candidate], list[int], frozenset[int]]:
    # a few numbers, often repeated (as 'word.1 word.1 …'), and their common misreadings
    pool = draw(st.lists(st.integers(1, 40), min_size=1, max_size=8)) + [1, 7, 13, 18, 10, 11]
    specs = draw(st.lists(st.tuples(st.sampled_from(pool), st.sampled_from(STYLES), st.booleans()),
                          max_size=80))
    candidates = [
        Candidate(10 * i, 10 * i + 2, number, style, STYLE_SCORE.get(style, 7.0), ocr=ocr and number >= 10)
        for i, (number, style, ocr) in enumerate(specs)
    ]
    headings = sorted(draw(st.lists(st.integers(0, 10 * len(specs) + 10), max_size=3)))
    notes = draw(st.one_of(st.just(frozenset()), st.frozensets(st.integers(1, 40), max_size=30)))
    return candidates, headings, notes


@settings(max_examples=400, deadline=None)
@given(sequences())
def test_the_sequence_chooses_the_path_the_plain_dynamic_program_chooses(sequence):
    candidates, headings, notes = sequence
    assert choose_markers(candidates, headings, notes) == reference_path(candidates, headings, notes)


def test_a_long_run_of_one_glued_number_gives_the_same_path():
    candidates = [Candidate(7 * i, 7 * i + 1, 1, "punctuation", STYLE_SCORE["punctuation"]) for i in range(3000)]
    assert choose_markers(candidates, [], frozenset()) == reference_path(candidates, [], frozenset())


@settings(max_examples=200, deadline=None)
@given(sequences(), st.sampled_from([0.0, 3.0]))
def test_enclosed_markers_read_as_printed_choose_the_reference_path(sequence, extra_restart_cost):
    """Where a book encloses its markers and heads its chapters, ``[n]`` is read as printed and a
    restart without a heading costs more (ENCLOSED_RESTART_COST): the same path as the plain DP."""
    candidates, headings, notes = sequence
    written = STRONG_STYLES | {"bracket", "paren", "spaced-paren"}
    cost = RESTART_COST + extra_restart_cost
    assert choose_markers(candidates, headings, notes, written, cost) == reference_path(candidates, headings, notes, written, cost)
