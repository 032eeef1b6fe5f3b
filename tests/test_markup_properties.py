"""Property tests for the HTML and reStructuredText readers: documents generated with markers
and notes in each shape the readers know, among prose, decoy links and code, give back exactly
the markers and notes inserted, each at its place in the file."""

from __future__ import annotations

import html
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.readers import html as html_reader
from citecheck.readers import rst
from citecheck.source import SourceFile

WORDS = st.lists(st.sampled_from("the treaty was signed at Riga in March and held for years".split()), min_size=1, max_size=8)
PROSE = WORDS.map(" ".join)

# How a reference to note n is written, in the shapes of Pandoc, hand-written superscripts,
# EPUB 3, docutils and Calibre; and how the note is written in the matching shape.
REFERENCES = {
    "pandoc": '<a href="#fn{n}" class="footnote-ref" id="fnref{n}" role="doc-noteref"><sup>{n}</sup></a>',
    "sup": '<sup><a href="#fn{n}" id="fnref{n}">{n}</a></sup>',
    "epub": '<a epub:type="noteref" href="#fn{n}" id="fnref{n}">{n}</a>',
    "calibre": '<a href="#fn{n}" id="fnref{n}"><span class="c1">[{n}]</span></a>',
}
NOTES = {
    "pandoc": '<li id="fn{n}"><p>{text}<a href="#fnref{n}" class="footnote-back" role="doc-backlink">↩︎</a></p></li>',
    "sup": '<p id="fn{n}">{n}. {text}</p>',
    "epub": '<aside epub:type="footnote" id="fn{n}"><p>{text}</p></aside>',
    "calibre": '<p id="fn{n}"><a href="#fnref{n}">[{n}]</a> {text}</p>',
}
DECOYS = st.sampled_from(
    ['<a href="https://example.org/#x">3</a>', '<code>&lt;sup&gt;4&lt;/sup&gt;</code>', "<b>5</b>", '<a href="#top">Top</a>', ""]
)


@st.composite
def html_documents(draw):
    shape = draw(st.sampled_from(sorted(REFERENCES)))
    count = draw(st.integers(1, 8))
    paragraphs = []
    for n in range(1, count + 1):
        paragraphs.append(f"<p>{html.escape(draw(PROSE))}{REFERENCES[shape].format(n=n)} {draw(DECOYS)} {html.escape(draw(PROSE))}.</p>")
    notes = [NOTES[shape].format(n=n, text=html.escape(draw(PROSE))) for n in range(1, count + 1)]
    if shape == "pandoc":
        notes = ['<section class="footnotes" role="doc-endnotes"><ol>', *notes, "</ol></section>"]
    separator = draw(st.sampled_from(["\n", "", "\n\n  "]))
    body = separator.join([*paragraphs, *notes])
    head = '<html xmlns:epub="http://www.idpf.org/2007/ops"><head><title>t</title></head><body>'
    return f"{head}{separator}{body}{separator}</body></html>\n", count


@given(html_documents())
@settings(max_examples=60, deadline=None)
def test_html_references_and_notes_come_back(case):
    text, count = case
    source = SourceFile("book.html", text)
    document = html_reader.read(source)
    assert [m.number for m in document.markers] == list(range(1, count + 1))
    assert [n.number for n in document.notes] == list(range(1, count + 1))
    for marker in document.markers:
        assert text[marker.span.start : marker.span.end].strip("[]") == str(marker.number)
    for note in document.notes:
        assert "".join(note.text.split()) == "".join(text[note.parts[0].start : note.parts[0].end].split())


# References that may lead nowhere, and definitions and targets that may or may not name them.
RST_DANGLING_REFERENCES = st.lists(st.sampled_from(["[1]_", "[2]_", "[#]_", "[#a]_", "[*]_", "[C1]_", "[C2]_", "[a]_", "a_", "word"]),
                                   min_size=1, max_size=8)
RST_DEFINITIONS = st.lists(st.sampled_from([".. [1] x", ".. [1] again", ".. [#a] x", ".. [#] x", ".. [*] x", ".. [C1] x",
                                            ".. [C1] again", ".. _a: http://x", ".. _C2:", ".. _2:", "C2\n--"]), max_size=6)


@given(RST_DANGLING_REFERENCES, RST_DEFINITIONS)
@settings(max_examples=150, deadline=None)
def test_rst_references_leading_nowhere_read_as_with_dangling_references(references, definitions):
    """The reader tells references whose name leads nowhere apart itself, without docutils'
    DanglingReferences transform (which makes them problematic nodes): the same document."""
    from docutils.readers import standalone

    source = SourceFile("doc.rst", " ".join(references) + "\n\n" + "\n\n".join(definitions) + "\n")
    fast = rst.read(source)
    with patch.object(rst._docutils().Reader, "get_transforms", standalone.Reader.get_transforms):
        assert rst.read(source) == fast


RST_REFERENCE = st.sampled_from(["[{n}]_", "[#]_", "[#note{n}]_"])


@st.composite
def rst_documents(draw):
    count = draw(st.integers(1, 8))
    style = draw(RST_REFERENCE)
    order = draw(st.permutations(range(1, count + 1)))
    lines = ["Title", "=====", ""]
    for n in range(1, count + 1):
        words = draw(PROSE)
        lines += [f"{words} {style.format(n=n)} {draw(PROSE)}.", ""]
        if draw(st.booleans()):
            lines += ["::", "", f"    code [{n + 50}]_ in a literal block", ""]
    definition = style.removesuffix("_")
    for n in order if "#]" not in style else range(1, count + 1):
        continuation = draw(st.sampled_from(["", f"\n   {draw(PROSE)}."]))
        lines.append(f".. {definition.format(n=n)} {draw(PROSE)}.{continuation}")
    return "\n".join(lines) + "\n", count


@given(rst_documents())
@settings(max_examples=60, deadline=None)
def test_rst_references_and_footnotes_come_back(case):
    text, count = case
    document = rst.read(SourceFile("doc.rst", text))
    assert sorted(m.number for m in document.markers) == list(range(1, count + 1))
    assert sorted(n.number for n in document.notes) == list(range(1, count + 1))
    for marker in document.markers:
        written = text[marker.span.start : marker.span.end]
        assert written.startswith("[") and written.endswith("]_")
    for note in document.notes:
        assert text[note.span.start - 1] == "[" and text[note.parts[0].end - 1] == "."
