"""Property: a note printed twice, inline right under the paragraph that cites it and again among
the notes gathered at the end, is one note printed again: its marker keeps its chapter with the
other markers, and the second copy is a duplicate (CC106), not a note no marker cites (CC102).

Dasent's Popular Tales from the Norse (8933) prints its introduction's note 15 so: ``…mother of
Jesus. [15]`` over ``[15] Footnote: So also Orion's Belt…``, and ``[15]`` over the same text under
FOOTNOTES TO INTRODUCTION. Two different notes of one number stay apart.
"""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from citecheck.readers.plaintext import read
from citecheck.rules import Context, all_rules, run_rules
from citecheck.source import SourceFile

WORD = st.sampled_from(["the", "stars", "belt", "spindle", "goddess", "north", "name", "old", "faith", "rock"])
SENTENCE = st.lists(WORD, min_size=9, max_size=16).map(lambda words: " ".join(words).capitalize() + ".")


def _codes(text: str) -> list[str]:
    document = read(SourceFile("book.txt", text))
    return sorted(f.code for f in run_rules(Context.of(documents=(document,)), [r for r in all_rules() if r.code.startswith("CC1")]))


def _book(count: int, twice: int, inline: str, gathered: str, sentence: str) -> str:
    paragraphs = []
    for number in range(1, count + 1):
        paragraphs.append(f"{sentence} [{number}]")
        if number == twice:
            paragraphs[-1] += f"\n[{number}] Footnote: {inline}"
    notes = [f"[{number}]\n\n{gathered if number == twice else sentence}" for number in range(1, count + 1)]
    return "INTRODUCTION\n\n" + "\n\n".join(paragraphs) + "\n\n\n\nFOOTNOTES TO INTRODUCTION\n\n" + "\n\n".join(notes) + "\n"


@settings(max_examples=50, deadline=None)
@given(st.integers(2, 6), st.data(), SENTENCE, SENTENCE)
def test_a_note_printed_inline_and_gathered_is_a_duplicate(count, data, note, sentence):
    twice = data.draw(st.integers(2, count))
    assert _codes(_book(count, twice, note, note, sentence)) == ["CC106"]


@settings(max_examples=50, deadline=None)
@given(st.integers(2, 6), st.data(), SENTENCE, SENTENCE, SENTENCE)
def test_two_different_notes_of_one_number_are_not_joined(count, data, inline, gathered, sentence):
    twice = data.draw(st.integers(2, count))
    assume(inline.split()[-8:] != gathered.split()[-8:])
    assert "CC106" not in _codes(_book(count, twice, inline, gathered, sentence))
