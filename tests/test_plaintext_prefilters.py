"""Property: the plain-text layout's shortcuts never change what it finds.

``readers/plaintext.py`` reads the layout in one pass over lines, and skips work that cannot
change the answer: the marker candidates a note label asks about are found a chunk of lines at a
time, not over the whole book. For text built from the pieces the candidate patterns look at
(digits glued to words and punctuation, superscripts, brackets, carets, line breaks, long lines),
the shortcut must answer as the whole-text scan does.
"""

from __future__ import annotations

import bisect
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
