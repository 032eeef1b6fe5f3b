"""A note's paragraph hard-wrapped across a line that happens to end a sentence.

Richardson's Clarissa, Volume VI (Project Gutenberg 11364) sets each star note as a paragraph
under the letter's, hard-wrapped at the book's one width; where a sentence of a note ended at the
end of a full line (``…and, in Vol. III. Letter XLIV.`` over ``That she fears her almost…``), the
note was cut there, its rest read as the letter's text, and the ``** See Vol. IV.`` note right under
it was lost with its marker. A break is a hard wrap when the next line's first word would not have
fitted on the line above; a paragraph that ends leaves room for it, or closes a bracket, or the
next line is indented to open another. The properties generate such books at any width.
"""

from __future__ import annotations

import re
import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.readers import plaintext
from citecheck.source import SourceFile
from fixture_support import FIXTURES, load_fixture
from plaintext_support import read_labels

WORDS = (
    "the lady came down to supper and was civil to the widow and her nieces though she said little "
    "of the letter she had sent to her friend in the country by the morning post"
).split()
SENTENCE = st.lists(st.sampled_from(WORDS), min_size=3, max_size=14).map(lambda w: " ".join(w).capitalize() + ".")
SENTENCES = st.lists(SENTENCE, min_size=1, max_size=5).map(" ".join)


def _wrapped(words: str, width: int) -> str:
    return textwrap.fill(words, width, break_long_words=False, break_on_hyphens=False)


@st.composite
def letters(draw) -> tuple[str, list[str], list[str]]:
    """A letter whose paragraphs cite star notes set under them; its text, its labels in reading
    order, and each note's text."""
    width = draw(st.integers(50, 80))
    blocks: list[str] = []
    labels: list[str] = []
    note_texts: list[str] = []
    for _ in range(draw(st.integers(2, 5))):
        doubled = draw(st.booleans())
        body = draw(SENTENCES) + " Thus she wrote.* And " + draw(SENTENCES)
        if doubled:
            body += " So she said.** " + draw(SENTENCES)
        first = draw(SENTENCES)
        notes = _wrapped("* " + first, width)
        paragraph_notes = ["*"]
        note_texts.append(first)
        if doubled:
            second = draw(SENTENCES)
            notes += "\n" + _wrapped("** " + second, width)  # right under the first, as Clarissa sets it
            paragraph_notes.append("**")
            note_texts.append(second)
        blocks += [_wrapped(body, width), notes]
        labels += paragraph_notes
    return "\n\n\n".join(blocks) + "\n", labels, note_texts


@settings(max_examples=150, deadline=None)
@given(letters())
def test_a_wrapped_star_note_keeps_its_paragraph_and_the_note_under_it(case):
    text, labels, note_texts = case
    document = read_labels(text, labels, labels)
    assert [" ".join(n.text.split()) for n in document.notes] == note_texts, text


@settings(max_examples=200, deadline=None)
@given(st.lists(SENTENCES, min_size=1, max_size=6), st.integers(40, 100))
def test_every_break_inside_a_wrapped_paragraph_is_a_hard_wrap(paragraphs, width):
    text = "\n\n".join(_wrapped(words, width) for words in paragraphs)
    found = plaintext.wrap_width(text)
    assert found is not None and found <= width
    offset = 0
    for paragraph in text.split("\n\n"):
        lines = paragraph.split("\n")
        position = offset
        for above, line in zip(lines, lines[1:]):
            position += len(above) + 1
            assert plaintext._wrapped_after(text, position - 1, (position, position + len(line)), found), (above, line)
        offset += len(paragraph) + 2


def _note_texts(name: str) -> list[str]:
    fixture = load_fixture(FIXTURES / "plaintext" / name)
    return [" ".join(note.text.split()) for note in fixture.read().notes]


def test_a_star_note_ends_where_its_last_line_leaves_room():
    texts = _note_texts("star-notes-wrapped-over-a-full-line.txt")
    assert texts[0].endswith("and is the truth.")  # on past ``Vol. III.`` ending a full line
    assert texts[2] == "See Vol. V. Letter XX."  # not the letter's ``The next morning…`` set under it


def test_a_footnote_closed_by_its_bracket_on_a_full_line_ends_there():
    texts = _note_texts("footnote-closed-on-a-full-line-then-body.txt")
    assert re.search(r"than he meant\.\]?$", texts[0]), texts[0]


# Our own writing in the layout of Herodotus, Book IX, in Macaulay's translation (Project Gutenberg,
# first transcription): prose in numbered sections, '[n]' markers numbered through the book as far
# as the sections go, the notes gathered at the end as '90.  text'. The section '90.' right after
# the marker '[90]' reads as that note (a misreading left as it is); its first line ends a sentence
# at the full width, and the paragraph must not run on as the note's, or '[91]' is lost in it.
SECTIONS = """\
89. Meanwhile the general, in his flight from the plain, was getting
forward on his way, and the people of the north gave him hospitality
and asked after the rest of the army, not knowing what had happened;
and he told them nothing of the fighting,[90] but said he was sent
ahead on a business of the king.

90. Now on the same day there was another defeat, across the water.
It fell out in this way: while the fleet lay at the island, envoys
came by night from the cities of the coast, and one of them asked
the name of the commander; and he said "Hegesistratos."[91] The other
took the name for an omen and led the fleet over at once.

NOTES TO BOOK IX

90.  That is, of the battle at the river.

91.  i.e. "leader of the army."
"""


def test_a_numbered_section_does_not_run_on_as_a_note_over_a_full_line():
    document = plaintext.read(SourceFile("book.txt", SECTIONS))
    assert [m.label for m in document.markers] == ["90", "91"]
