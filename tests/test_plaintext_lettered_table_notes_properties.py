"""Property: a table's cells carry lower-case lettered markers before their figures (``[b]765+``),
two letters where two notes qualify a figure (``[bd]607+``), a letter as often as it qualifies a
cell; the table's ``  [a] text`` notes stand indented under it, the letters restarting with the
next table. Each letter is read as a marker, a pair as two, every cell's letter answered by its
table's note, with no finding; the book's numbered notes go on beside them.

True's The Beaked Whales of the Family Ziphiidae (Gutenberg 44785) prints fourteen such tables;
none of their 149 lettered markers nor 78 notes was read (recall 0.297, note recall 0.443), and
once they were, a letter cited by several cells gave a CC101 for each cell after the first.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.rules import Context, all_rules, run_rules
from plaintext_support import read_labels

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORDS = "the skull of the female from the coast was measured by the museum in that year".split()
PHRASE = st.lists(st.sampled_from(WORDS), min_size=4, max_size=9).map(" ".join)
ROWS = ["Total length", "Length of rostrum", "Breadth at notches", "Depth of jaw", "Length of symphysis"]


@st.composite
def tables(draw, number: int) -> tuple[str, list[str], list[str]]:
    """A paragraph citing numbered note ``number``, then a table with its lettered notes."""
    letters = "abcdef"[: draw(st.integers(1, 5))]
    cells: list[str] = []  # every cell's letter, each letter once at least
    for letter in letters:
        cells += [letter] * draw(st.integers(1, 3))
    cells = draw(st.permutations(cells))
    markers, rows = [str(number)], []
    for row, at in enumerate(range(0, len(cells), 3)):
        line = f" {ROWS[row % len(ROWS)]:<20}"
        take = list(cells[at : at + 3])
        if len(take) >= 2 and take[0] != take[1] and draw(st.booleans()):  # two letters on one figure
            line += f" [{take[0]}{take[1]}]{draw(st.integers(100, 999))}+"
            markers += take[:2]
            take = take[2:]
        for letter in take:
            line += f"  [{letter}]{draw(st.integers(100, 999))}"
            markers.append(letter)
        rows.append(line)
    paragraph = f"{draw(PHRASE)}\n{draw(PHRASE)}.[{number}] {draw(PHRASE)}."
    notes = [f"  [{letter}] {draw(PHRASE).capitalize()}." for letter in letters]
    return paragraph + "\n\n" + "\n".join(rows) + "\n\n" + "\n".join(notes), markers, list(letters)


@st.composite
def books(draw) -> tuple[str, list[str], list[str]]:
    count = draw(st.integers(1, 4))
    blocks, markers, notes = [], [], []
    for number in range(1, count + 1):
        block, its_markers, its_notes = draw(tables(number))
        blocks.append(block)
        markers += its_markers
        notes += its_notes
    end = [f"[{number}]{draw(PHRASE).capitalize()}, p. {number * 7}." for number in range(1, count + 1)]
    text = "\n\n".join(blocks) + "\n\nFOOTNOTES:\n\n" + "\n\n".join(end) + "\n"
    return text, markers, notes + [str(number) for number in range(1, count + 1)]


@SETTINGS
@given(books())
def test_lettered_table_notes_answer_every_cell(book):
    text, markers, notes = book
    document = read_labels(text, markers, notes)
    context = Context.of(documents=(document,))
    assert [f.code for f in run_rules(context, [r for r in all_rules() if r.code.startswith("CC1")])] == []
