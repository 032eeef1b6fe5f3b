"""Property: a poem whose lines carry lower-case lettered markers, glued to the capital that opens
a verse line (``[a]Though grief``), has its markers read and its notes gathered after it under FOOTNOTES, each under its letter alone on a
line (a Latin passage) or beside it, read as notes.

Johnson's London and The Vanity of Human Wishes (Works, Volume 1, Gutenberg 10835) key their lines
to Juvenal's so; the reader saw no marker opening a line and no note under a letter alone (false
37). The generated poem has stanzas of a few lines, each opening on its letter. (A letter spaced
inside a stanza, ``   [d] Since worth``, is still read as a note: left for later.)
"""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plaintext_support import read_labels

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORDS = "the town is loud and every street sells noise to the crowd while quiet fields wait".split()
LATIN = "quamvis digressu veteris confusus amici laudo tamen vacuis sedem figere".split()
VERSE = st.lists(st.sampled_from(WORDS), min_size=4, max_size=8).map(lambda words: " ".join(words).capitalize() + ",")
LATIN_LINE = st.lists(st.sampled_from(LATIN), min_size=3, max_size=7).map(lambda words: " ".join(words).capitalize())


@st.composite
def poems(draw) -> tuple[str, list[str]]:
    labels = list(string.ascii_lowercase[: draw(st.integers(1, 8))])
    stanzas, notes = [], []
    for label in labels:
        lines = [draw(VERSE) for _ in range(draw(st.integers(2, 4)))]
        stanzas.append([f"[{label}]{lines[0]}", *lines[1:]])
        if draw(st.booleans()):
            notes.append(f"[{label}]\n" + "\n".join(draw(st.lists(LATIN_LINE, min_size=1, max_size=3))) + ".")
        else:
            notes.append(f"[{label}] {draw(LATIN_LINE)}.")
    text = "THE TOWN: A POEM\n\n" + "\n\n".join("\n".join(stanza) for stanza in stanzas)
    return text + "\n\nFOOTNOTES\n\n" + "\n\n".join(notes) + "\n", labels


@SETTINGS
@given(poems())
def test_lettered_verse_markers_and_their_notes_are_read(poem):
    text, labels = poem
    read_labels(text, labels, labels)
