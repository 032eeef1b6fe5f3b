"""Property: a poem whose lines carry lower-case lettered markers, glued to the capital that opens
a verse line (``[a]Though grief``), has its markers read and its notes gathered after it under FOOTNOTES, each under its letter alone on a
line (a Latin passage) or beside it, read as notes.

Johnson's London and The Vanity of Human Wishes (Works, Volume 1, Gutenberg 10835) key their lines
to Juvenal's so; the reader saw no marker opening a line and no note under a letter alone (false
37). The generated poem has stanzas of a few lines, each opening on its letter.

A second property puts the poem after a Life whose lettered notes end under FOOTNOTES, the poem's
piece opening under a title in capitals, and one stanza inside the poem opening on a letter spaced
from its verse (``   [d] Since worth``): the Life's last note ends before the title, and the spaced
letter is a marker (Johnson's Works I read the Life's ``[dd]`` on over London: false 5).
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


LIFE_SENTENCE = st.lists(st.sampled_from(WORDS), min_size=4, max_size=8).map(lambda words: " ".join(words).capitalize())


@st.composite
def life_then_poem(draw) -> tuple[str, list[str], list[str]]:
    life = list(string.ascii_lowercase[: draw(st.integers(1, 6))])
    poem = list(string.ascii_lowercase[: draw(st.integers(3, 8))])
    spaced = draw(st.integers(1, len(poem) - 2))  # inside the poem, the next letter's marker after it
    prose = " ".join(f"{draw(LIFE_SENTENCE)}[{label}]." for label in life)
    stanzas = []
    for place, label in enumerate(poem):
        lines = [draw(VERSE) for _ in range(draw(st.integers(2, 4)))]
        first = f"   [{label}] {lines[0]}" if place == spaced else f"[{label}]{lines[0]}"
        stanzas.append("\n".join([first, *lines[1:]]))
    text = (
        "THE LIFE\n\n" + prose + "\n\nFOOTNOTES\n\n" + "\n".join(f"[{label}] {draw(LATIN_LINE)}." for label in life)
        + "\n\nPOEMS.\n\nTHE TOWN: A POEM\n\n" + "\n".join(stanzas)
        + "\n\nFOOTNOTES\n\n" + "\n".join(f"[{label}] {draw(LATIN_LINE)}." for label in poem) + "\n"
    )
    return text, life + poem, life + poem


@SETTINGS
@given(life_then_poem())
def test_a_life_s_notes_end_at_the_next_piece_title(case):
    text, markers, notes = case
    document = read_labels(text, markers, notes)
    last_of_life = document.notes[markers.index("a", 1) - 1]
    assert last_of_life.parts[-1].end <= text.index("POEMS.")
