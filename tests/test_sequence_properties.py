"""Property tests for the two sequence helpers the footnote checks and the plain-text reader share
the numbering logic of: the longest run in order (CC103/CC104) and the chapter alignment."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from citecheck.readers.plaintext import align_chapters
from citecheck.rules.footnotes import _longest_increasing


def _lis_length(numbers: list[int]) -> int:
    best = [1] * len(numbers)
    for i in range(len(numbers)):
        for j in range(i):
            if numbers[j] < numbers[i]:
                best[i] = max(best[i], best[j] + 1)
    return max(best, default=0)


@given(st.lists(st.integers(min_value=1, max_value=40), max_size=60))
def test_the_run_in_order_is_increasing_and_as_long_as_any(numbers):
    kept = sorted(_longest_increasing(numbers))
    values = [numbers[i] for i in kept]
    assert all(a < b for a, b in zip(values, values[1:]))
    assert len(kept) == _lis_length(numbers)


@given(st.lists(st.integers(min_value=1, max_value=30), min_size=1, max_size=8), st.integers(min_value=0, max_value=7))
def test_one_stray_number_leaves_the_rest_in_order(lengths, where):
    numbers = [n for length in lengths[:1] for n in range(1, length + 1)]
    stray = numbers[:where] + [999] + numbers[where:]
    kept = _longest_increasing(stray)
    assert len(kept) >= len(numbers)  # only the stray number (or nothing) stands out of order


@given(st.lists(st.integers(min_value=1, max_value=25), min_size=1, max_size=12))
def test_runs_that_match_the_chapters_go_to_them_in_order(lengths):
    chapters = [set(range(1, length + 1)) for length in lengths]
    assert align_chapters([set(c) for c in chapters], chapters) == list(range(len(chapters)))


@given(st.lists(st.integers(min_value=2, max_value=25), min_size=1, max_size=10), st.data())
def test_a_run_with_no_notes_does_not_shift_the_others(lengths, data):
    chapters = [set(range(1, length + 1)) for length in lengths]
    decoy_at = data.draw(st.integers(min_value=0, max_value=len(chapters)))
    runs = [set(c) for c in chapters]
    runs.insert(decoy_at, {100})
    placed = align_chapters(runs, chapters)
    assert [p for i, p in enumerate(placed) if i != decoy_at] == list(range(len(chapters)))
    assert placed[decoy_at] >= len(chapters)  # a chapter of its own


@given(st.lists(st.integers(min_value=3, max_value=25), min_size=2, max_size=10), st.data())
def test_a_chapter_whose_notes_lack_a_few_numbers_keeps_its_run(lengths, data):
    """Every piece of a reader glosses 1, 2, 3...: a chapter of notes that lacks a few of its
    run's numbers (notes the book never printed) still takes that run, though the next chapter
    shares more of them (German Science Reader, piece 7: markers 1-9, notes 1-3 and 6-9)."""
    runs = [set(range(1, length + 1)) for length in lengths]
    short = data.draw(st.integers(min_value=0, max_value=len(runs) - 1))
    lost = data.draw(st.sets(st.sampled_from(sorted(runs[short] - {1})), max_size=len(runs[short]) // 3))
    chapters = [set(run) for run in runs]
    chapters[short] -= lost
    assert align_chapters(runs, chapters) == list(range(len(runs)))


@given(st.lists(st.integers(min_value=3, max_value=12), min_size=2, max_size=8), st.data())
def test_a_chapter_whose_note_1_is_misprinted_still_opens_a_chapter(lengths, data):
    """Notes numbered 1..n in each chapter, one chapter (not the first) printing its note 1 as 2:
    the note back below the last to a number its chapter already had opens the next chapter (the
    Scientific Monthly, 987: an article's notes '[2]', '[2]', '[3]' after the article before ended
    on 3). A 2 right after a chapter's last note 2 is that note printed again, as an editor does."""
    from citecheck.readers.plaintext import _chapters_of_notes, _NoteDraft

    misprinted = data.draw(st.integers(min_value=1, max_value=len(lengths) - 1))
    numbers, expected = [], []
    for chapter, length in enumerate(lengths):
        for number in range(1, length + 1):
            numbers.append(2 if chapter == misprinted and number == 1 else number)
            expected.append(chapter)
    drafts = [_NoteDraft(number, 10 * i, 10 * i + 3, "bracket") for i, number in enumerate(numbers)]
    assert _chapters_of_notes(drafts) == expected
