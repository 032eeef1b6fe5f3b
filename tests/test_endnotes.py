"""Endnotes written by hand in Markdown (:mod:`citecheck.readers.endnotes`): a Notes section
whose items are numbered notes, and the markers before it that call them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.readers import markdown
from citecheck.source import SourceFile

# How a note opens its item, and how the text calls it, in the shapes the module reads.
ITEM_SHAPES = {
    "dot": "{n}. ",
    "paren-item": "{n}) ",
    "bracket": "[{n}] ",
    "paren": "({n}) ",
    "sup": "<sup>{n}</sup> ",
    "caret": "^{n} ",
}
MARKER_SHAPES = ("<sup>{n}</sup>", "<sup>[{n}]</sup>", "^{n}^", "[{n}]", "[{n}](#fn{n})", "({n})", "[^{n}]")
TITLES = ("## Notes", "# Endnotes", "### Footnotes", "**Notes**", "Notes:", "## End Notes")

words = st.lists(st.sampled_from(["the", "harvest", "failed", "Kerr", "wrote", "of", "grain", "in", "spring"]),
                 min_size=2, max_size=8).map(" ".join)


def read(text: str):
    return markdown.read(SourceFile("essay.md", text))


@settings(max_examples=150, deadline=None)
@given(count=st.integers(1, 12), item=st.sampled_from(sorted(ITEM_SHAPES)), marker=st.sampled_from(MARKER_SHAPES),
       title=st.sampled_from(TITLES), renumbered=st.booleans(), sentences=st.lists(words, min_size=12, max_size=12),
       bodies=st.lists(words, min_size=12, max_size=12))
def test_every_note_of_the_list_and_every_marker_calling_it_are_read(count, item, marker, title, renumbered, sentences, bodies):
    renumber = renumbered and item == "dot"
    body = " ".join(f"{sentences[n - 1].capitalize()}.{marker.format(n=n)}" for n in range(1, count + 1))
    items = "\n".join(ITEM_SHAPES[item].format(n=1 if renumber else n) + bodies[n - 1].capitalize() + "." for n in range(1, count + 1))
    text = f"# An essay\n\n{body}\n\n{title}\n\n{items}\n"
    document = read(text)
    assert [m.number if m.number is not None else int(m.label) for m in document.markers] == list(range(1, count + 1))
    assert [(n.label, n.text) for n in document.notes] == [(str(n), bodies[n - 1].capitalize() + ".") for n in range(1, count + 1)]
    assert all(text[n.parts[0].start : n.parts[0].end] == n.text for n in document.notes)


def test_no_notes_section_no_endnotes():
    """Bracketed numbers and superscripts with no Notes section are the text's own ([1] a list item, m<sup>2</sup>)."""
    document = read("# Essay\n\nThe area is 4 m<sup>2</sup>. Steps: [1] dig, [2] sow.\n\n## Results\n\n1. It grew.\n")
    assert (document.markers, document.notes) == ((), ())


def test_markdown_footnotes_keep_their_own_notes():
    """A document with ``[^1]: text`` definitions reads those; a Notes list of the same numbers adds nothing."""
    document = read("Text.[^1]\n\n[^1]: The real note.\n\n## Notes\n\n1. A list item under a Notes heading.\n")
    assert [(n.label, n.text, n.style) for n in document.notes] == [("1", "The real note.", "markdown")]


def test_a_marker_after_the_notes_section_is_no_marker():
    document = read("Claim.<sup>1</sup>\n\n## Notes\n\n1. Kerr, *Rooms*, 3.\n\n## Appendix\n\nTable [1] and x<sup>1</sup>.\n")
    assert [m.text for m in document.markers] == ["<sup>1</sup>"]


@settings(max_examples=100, deadline=None)
@given(shape=st.sampled_from(("[^{n}]", "[{n}]")), empty=st.sets(st.integers(1, 8)), trailing=st.sampled_from(("", " ", "\t")),
       brace=st.sets(st.integers(1, 8)), bodies=st.lists(words, min_size=8, max_size=8))
def test_an_empty_item_ends_the_note_before_it(shape, empty, trailing, brace, bodies):
    """2019-fall's essay on quantitative history: ``[^3] Anderson, 247.`` then ``[^4] `` alone, once
    read as part of note 3; its essay on Ranke: ``[^8} Gil, 384; …``, once part of note 7."""
    body = " ".join(f"Claim {n}.[{n}]" for n in range(1, 9))
    def opening(n: int) -> str:
        label = shape.format(n=n)
        return label[:-1] + "}" if n in brace and label.startswith("[^") else label
    items = "\n\n".join(opening(n) + (trailing if n in empty else " " + bodies[n - 1].capitalize() + ".") for n in range(1, 9))
    document = read(f"# Essay\n\n{body}\n\n### Footnotes\n\n{items}\n")
    assert [(n.label, n.text) for n in document.notes] == [
        (str(n), bodies[n - 1].capitalize() + ".") for n in range(1, 9) if n not in empty
    ]
