"""Properties of books whose notes are worded ``[Footnote n: …]`` (MacDonald's Hamlet, 10606;
Longinus's On the Sublime, 17957): a marker's own brackets never close a Footnote, the markers a
numbered Footnote quotes are those of the Footnotes after it, and a label printed twice before one
Footnote is that note cited twice."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.readers.plaintext import _gutenberg_end
from plaintext_support import read_labels

WORD = st.sampled_from(["the", "watch", "cold", "noble", "mind", "land", "speech", "orator", "sword", "state"])
CLAUSE = st.lists(WORD, min_size=3, max_size=8).map(" ".join)


@st.composite
def quoting_footnotes(draw):
    """A lettered Footnote quoting paragraphs of verse whose lines may end with a marker, glued to
    a stop, before a blank line or an indented line; the note closes after its last paragraph."""
    paragraphs, number = [], 0
    for _ in range(draw(st.integers(1, 4))):
        lines = []
        for _ in range(draw(st.integers(1, 3))):
            line = draw(CLAUSE).capitalize() + draw(st.sampled_from([",", ".", ";"]))
            if draw(st.booleans()):
                number += 1
                line += f"[{number}]"
            lines.append(draw(st.sampled_from(["", "    "])) + line)
        paragraphs.append("\n".join(lines))
    closing = draw(st.sampled_from(["\n\n               _Exit_.]", "]", "\n    _Exit_.]"]))
    head = "[Footnote A: _Here in the Quarto_:--\n\n"
    return head + "\n\n".join(paragraphs) + closing + "\n\n[Footnote 1: A note.]\n", len(head)


@settings(max_examples=150, deadline=None)
@given(quoting_footnotes())
def test_a_footnote_ends_at_its_own_bracket_not_at_a_markers(case):
    text, start = case
    assert _gutenberg_end(text, start - len("_Here in the Quarto_:--\n\n")) == text.index("]\n\n[Footnote 1:")


@st.composite
def cited_twice(draw):
    """A chapter whose paragraph cites its note ``k`` twice, both labels before the one Footnote k."""
    count = draw(st.integers(2, 5))
    twice = draw(st.integers(1, count))
    sentences, markers = [], []
    for number in range(1, count + 1):
        sentences.append(f"{draw(CLAUSE).capitalize()}.[{number}]")
        markers.append(str(number))
        if number == twice:
            sentences.append(f"{draw(CLAUSE).capitalize()}.[{number}]")
            markers.append(str(number))
    footnotes = [f"    [Footnote {number}: {draw(CLAUSE).capitalize()}.]" for number in range(1, count + 1)]
    text = "I\n\n" + " ".join(sentences) + "\n\n" + "\n\n".join(footnotes) + "\n"
    return text, markers, [str(number) for number in range(1, count + 1)]


@settings(max_examples=100, deadline=None)
@given(cited_twice())
def test_a_label_printed_twice_before_its_one_footnote_is_the_note_cited_twice(case):
    text, markers, notes = case
    read_labels(text, markers, notes)


@st.composite
def quoting_numbered_footnotes(draw):
    """A page of sentences with markers 1..k, whose Footnote 1 quotes lines of another edition
    with the markers of the later notes k+1..m glued to their stops, every Footnote below."""
    count = draw(st.integers(3, 5))
    quoted = draw(st.integers(1, 3))
    body = " ".join(f"{draw(CLAUSE).capitalize()}.[{number}]" for number in range(1, count + 1))
    quote = "\n".join(
        f"    {draw(CLAUSE).capitalize()},[{number}]" for number in range(count + 1, count + quoted + 1)
    )
    footnotes = [f"[Footnote 1: _In the first Quarto_:\n\n{quote}\n    {draw(CLAUSE)}.]"]
    footnotes += [f"[Footnote {number}: {draw(CLAUSE).capitalize()}.]" for number in range(2, count + quoted + 1)]
    labels = [str(number) for number in range(1, count + quoted + 1)]
    return body + "\n\n" + "\n\n".join(footnotes) + "\n", labels


@settings(max_examples=100, deadline=None)
@given(quoting_numbered_footnotes())
def test_markers_quoted_in_a_numbered_footnote_are_the_later_footnotes_markers(case):
    text, labels = case
    read_labels(text, labels, labels)
