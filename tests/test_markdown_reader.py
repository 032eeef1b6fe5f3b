"""The Markdown reader: what is a footnote is the parser's call, where it stands is ours."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.model import Document, Marker, Note
from citecheck.readers import markdown, reader_for
from citecheck.readers.markdown import _ContentLocator, _nearest, _place_events, _Event, read
from citecheck.source import SourceFile, decode


@pytest.fixture(autouse=True)
def exact_positions(request, monkeypatch):
    """Outside the tests of the fallbacks, every position must come from the exact mapping."""
    if not any(word in request.node.name for word in ("fallback", "unplaceable", "odd_inputs", "nearest")):

        def no_fallback(*args, **kwargs):
            raise AssertionError("position fell back to a search")

        monkeypatch.setattr(markdown, "_nearest", no_fallback)
        monkeypatch.setattr(markdown, "_closing_bracket", no_fallback)


def parse(text: str, path: str = "doc.md") -> tuple[SourceFile, Document]:
    source = SourceFile(path, textwrap.dedent(text))
    return source, read(source)


def parse_bytes(data: bytes, path: str = "doc.md") -> tuple[SourceFile, Document]:
    text, encoding, problem = decode(data)
    source = SourceFile(path, text, encoding, problem)
    return source, read(source)


def at(source: SourceFile, item: Marker | Note) -> tuple[int, int]:
    location = source.locate(item.span)
    return location.line, location.column


def cut(source: SourceFile, span) -> str:
    return source.text[span.start : span.end]


def markers(source: SourceFile, document: Document) -> list[tuple[str, int, int]]:
    return [(m.label, *at(source, m)) for m in document.markers]


def notes(source: SourceFile, document: Document) -> list[tuple[str, str, int, int]]:
    return [(n.label, n.text, *at(source, n)) for n in document.notes]


def assert_sound(source: SourceFile, document: Document) -> None:
    """Every span points at what the record says it is."""
    for marker in document.markers:
        assert cut(source, marker.span) == marker.text
        if marker.style == "markdown":
            assert marker.text == f"[^{marker.label}]"
        else:
            assert marker.text.startswith("^[") and marker.text.endswith("]")
        assert marker.chapter == 0
    for note in document.notes:
        assert note.chapter == 0
        if note.style == "markdown":
            assert cut(source, note.span) == f"[^{note.label}]:"
        for part in note.parts:
            assert note.span.start <= part.start <= part.end <= len(source.text)
    starts = [m.span.start for m in document.markers]
    assert starts == sorted(starts)
    starts = [n.span.start for n in document.notes]
    assert starts == sorted(starts)


# --- the document ---------------------------------------------------------------------------------


def test_registered_for_markdown_suffixes():
    for name in ("a.md", "a.markdown", "a.Rmd", "a.qmd"):
        assert reader_for(name).read is markdown.read


def test_document_fields():
    source, document = parse(
        """\
        A claim.[^1] Another.[^2]

        [^1]: First note.
        [^2]: Second note.
        """
    )
    assert document.format == "markdown"
    assert document.source is source
    assert document.markers_reusable is True
    assert document.numbered is True
    assert document.citations == ()
    assert markers(source, document) == [("1", 1, 9), ("2", 1, 22)]
    assert notes(source, document) == [("1", "First note.", 3, 1), ("2", "Second note.", 4, 1)]
    first = document.markers[0]
    assert (first.number, first.text, first.style, first.span.path) == (1, "[^1]", "markdown", "doc.md")
    note = document.notes[0]
    assert (note.number, note.style) == (1, "markdown")
    assert [cut(source, p) for p in note.parts] == ["First note."]
    assert_sound(source, document)


def test_notes_argument_is_accepted_and_ignored():
    source = SourceFile("a.md", "x[^1]\n\n[^1]: y\n")
    assert read(source, None) == read(source)


def test_empty_document():
    source, document = parse("")
    assert document.markers == () and document.notes == () and document.numbered


def test_word_labels_are_not_numbered():
    source, document = parse(
        """\
        See the letter.[^note-a] And the reply.[^note_b2]

        [^note-a]: Letter of 3 May.
        [^note_b2]: Reply of 9 May.
        """
    )
    assert [(m.label, m.number) for m in document.markers] == [("note-a", None), ("note_b2", None)]
    assert [n.key for n in document.notes] == ["note-a", "note_b2"]
    assert document.numbered is False
    assert_sound(source, document)


def test_mixed_labels_are_not_numbered():
    _, document = parse("a[^1] b[^x]\n\n[^1]: one\n[^x]: ex\n")
    assert document.numbered is False


def test_leading_zeros_and_non_ascii_digits():
    source, document = parse("a[^007] b[^²]\n\n[^007]: seven\n[^²]: two\n")
    assert [(m.label, m.number) for m in document.markers] == [("007", 7), ("²", None)]
    assert [(n.label, n.number, n.key) for n in document.notes] == [("007", 7, "7"), ("²", None, "²")]
    assert document.numbered is False
    assert_sound(source, document)


# --- references ---------------------------------------------------------------------------------


def test_repeated_references_are_all_markers():
    source, document = parse("One[^1], two[^1] and[^1]\nthree.\n\n[^1]: Shared.\n")
    assert markers(source, document) == [("1", 1, 4), ("1", 1, 13), ("1", 1, 21)]
    assert_sound(source, document)


def test_undefined_reference_is_a_marker():
    source, document = parse("Nothing defines this.[^5]\n")
    assert markers(source, document) == [("5", 1, 22)]
    assert document.notes == ()


def test_references_on_continuation_lines_and_after_wide_characters():
    source, document = parse(
        """\
        Первая строка — «цитата».[^1]
        日本語の文[^2] and 😀 emoji[^3]
           indented continuation[^4]
        """
    )
    assert markers(source, document) == [("1", 1, 26), ("2", 2, 6), ("3", 2, 22), ("4", 3, 25)]
    assert_sound(source, document)


def test_references_in_lists():
    source, document = parse(
        """\
        - first item[^1]
        - second
          continued[^2]
            1. nested ordered[^3]
        10) other[^4]
        """
    )
    assert markers(source, document) == [("1", 1, 13), ("2", 3, 12), ("3", 4, 22), ("4", 5, 10)]
    assert_sound(source, document)


def test_references_in_blockquotes():
    source, document = parse(
        """\
        > Quoted[^1] text
        > > nested[^2]
        lazy continuation[^3]
        >    spaced[^4]
        """
    )
    assert markers(source, document) == [("1", 1, 9), ("2", 2, 11), ("3", 3, 18), ("4", 4, 12)]
    assert_sound(source, document)


def test_references_in_pipe_tables():
    source, document = parse(
        """\
        | year | event |
        |------|-------|
        | 1921 | famine[^1] |
        | 1922 | treaty[^2] | again[^2] |
        """
    )
    assert markers(source, document) == [("1", 3, 16), ("2", 4, 16), ("2", 4, 28)]
    assert_sound(source, document)


def test_references_in_headings():
    source, document = parse(
        """\
        # Title[^1]

        ## Closed heading[^2] ##

        Setext heading[^3]
        with two lines[^4]
        ------------------
        """
    )
    assert markers(source, document) == [("1", 1, 8), ("2", 3, 18), ("3", 5, 15), ("4", 6, 15)]
    assert_sound(source, document)


def test_references_in_emphasis_and_links():
    source, document = parse(
        """\
        *emphasised[^1]* and **strong[^2]** and _under_[^3]
        [link text](http://example.org "title [^9]")[^4] and <http://x.org/[^9]>
        ![alt text[^5]](image.png) [ref][^6]
        """
    )
    assert markers(source, document) == [
        ("1", 1, 12),
        ("2", 1, 30),
        ("3", 1, 48),
        ("4", 2, 45),
        ("5", 3, 11),
        ("6", 3, 33),
    ]
    assert_sound(source, document)


def test_reference_inside_link_text_breaks_the_link():
    # markdown-it-footnote: a footnote inside link text makes the link fail (the label may not
    # hold a bracketed token), so the text after it is prose and a "[^9]" in the title counts
    source, document = parse('[link text[^4]](http://example.org "title [^9]")\n')
    assert markers(source, document) == [("4", 1, 11), ("9", 1, 43)]
    assert_sound(source, document)


def test_code_spans_hide_references():
    source, document = parse("Code `[^1]` then[^1] and ``a `[^2]` b``[^2] end\n")
    assert markers(source, document) == [("1", 1, 17), ("2", 1, 40)]
    assert_sound(source, document)


def test_code_span_over_two_lines_hides_references():
    source, document = parse("Code `one\n[^1] two` then[^1]\n")
    assert markers(source, document) == [("1", 2, 15)]


def test_escaped_brackets_are_not_references():
    source, document = parse("Escaped \\[^1] and real[^1] and \\\\[^2]\n")
    assert markers(source, document) == [("1", 1, 23), ("2", 1, 34)]
    assert_sound(source, document)


def test_label_with_space_is_not_a_reference():
    _, document = parse("Not a ref [^a b] nor [^] here.\n")
    assert document.markers == ()


def test_fenced_and_indented_code_hide_references():
    source, document = parse(
        """\
        Before[^1]

        ```python
        x = "[^2]"
        ```

        ~~~
        [^3]: not a definition
        ~~~

            indented code [^4]
            [^5]: not a definition

        After[^6]
        """
    )
    assert [m.label for m in document.markers] == ["1", "6"]
    assert document.notes == ()
    assert_sound(source, document)


def test_html_comments_and_blocks_hide_references():
    source, document = parse(
        """\
        <!-- [^7] -->

        Text <!-- inline [^8] --> real[^1] <span title="[^9]">x</span>

        <!--
        [^2]: commented out
        -->

        <div>
        [^3] in an HTML block
        </div>

        End[^4]
        """
    )
    assert markers(source, document) == [("1", 3, 31), ("4", 13, 4)]
    assert document.notes == ()
    assert_sound(source, document)


def test_r_markdown_chunks_and_front_matter():
    text = textwrap.dedent(
        """\
        ---
        title: "Notes [^1]"
        bibliography: refs.bib
        ---

        Text with a note.[^1]

        ```{r setup, include=FALSE}
        x <- "[^2]"
        ```

        ```{python}
        # [^3]: not a definition
        ```

        [^1]: The note.
        """
    )
    for path in ("paper.Rmd", "paper.qmd"):
        source = SourceFile(path, text)
        document = reader_for(path).read(source, None)
        assert markers(source, document) == [("1", 6, 18)]
        assert notes(source, document) == [("1", "The note.", 16, 1)]
        assert_sound(source, document)


def test_thematic_break_is_not_front_matter_after_line_one():
    source, document = parse("Text[^1]\n\n---\nmore[^2]\n---\n")
    assert [m.label for m in document.markers] == ["1", "2"]


def test_crlf_and_bom():
    data = "\ufeffFirst line\r\nSecond[^1] line\r\n\r\n[^1]: A note\r\n  continued.\r\n".encode()
    source, document = parse_bytes(data)
    assert source.encoding == "utf-8-sig"
    assert markers(source, document) == [("1", 2, 7)]
    assert notes(source, document) == [("1", "A note continued.", 4, 1)]
    assert_sound(source, document)


def test_lone_cr_newlines():
    source, document = parse_bytes(b"One\rTwo[^1]\r\r[^1]: Note.\r")
    assert markers(source, document) == [("1", 2, 4)]
    assert notes(source, document) == [("1", "Note.", 4, 1)]


def test_latin1_input():
    source, document = parse_bytes("Caf\xe9[^1]\n\n[^1]: Th\xe9.\n".encode("latin-1"))
    assert markers(source, document) == [("1", 1, 5)]
    assert document.notes[0].text == "Thé."


def test_tabs():
    # "-" followed by two tabs opens a list item that holds an indented code block
    source, document = parse("-\tItem[^1]\n\n>\tquoted[^2]\n\n[^3]:\tTabbed note.\n\n-\t\tcode[^4]\n")
    assert markers(source, document) == [("1", 1, 7), ("2", 3, 9)]
    assert notes(source, document) == [("3", "Tabbed note.", 5, 1)]
    assert_sound(source, document)


def test_trailing_spaces_and_hard_breaks():
    source, document = parse("Line one[^1]   \nline two[^2]\\\nthree[^3]   \n")
    assert markers(source, document) == [("1", 1, 9), ("2", 2, 9), ("3", 3, 6)]
    assert_sound(source, document)


def test_adjacent_references():
    source, document = parse("Two at once.[^1][^2]\n\n[^1]: a\n[^2]: b\n")
    assert markers(source, document) == [("1", 1, 13), ("2", 1, 17)]
    assert_sound(source, document)


def test_reference_in_definition_text():
    source, document = parse("Body.[^1]\n\n[^1]: See also note[^2].\n[^2]: Other.\n")
    assert markers(source, document) == [("1", 1, 6), ("2", 3, 20)]
    assert_sound(source, document)


# --- inline notes ---------------------------------------------------------------------------------


def test_inline_notes():
    source, document = parse(
        """\
        First^[An inline note.] and a second ^[Spread
          over two lines] here.[^1]

        [^1]: Normal.
        """
    )
    inline = [m for m in document.markers if m.style == "inline"]
    assert [(m.label, m.number, *at(source, m)) for m in inline] == [("^1", None, 1, 6), ("^2", None, 1, 38)]
    assert inline[0].text == "^[An inline note.]"
    assert inline[1].text == "^[Spread\n  over two lines]"
    inline_notes = [n for n in document.notes if n.style == "inline"]
    assert [(n.label, n.text) for n in inline_notes] == [("^1", "An inline note."), ("^2", "Spread over two lines")]
    assert inline_notes[0].span == inline[0].span
    assert [cut(source, p) for p in inline_notes[0].parts] == ["An inline note."]
    assert [cut(source, p) for p in inline_notes[1].parts] == ["Spread\n  over two lines"]
    # inline notes do not take part in numbering: the numeric labels still are a sequence
    assert document.numbered is True
    assert_sound(source, document)


def test_inline_note_with_nested_reference_and_brackets():
    source, document = parse("Text^[See [the book] and note[^2].] end.[^3]\n\n[^2]: two\n[^3]: three\n")
    assert [(m.label, *at(source, m)) for m in document.markers] == [("^1", 1, 5), ("2", 1, 30), ("3", 1, 41)]
    assert document.markers[0].text == "^[See [the book] and note[^2].]"
    assert document.notes[0].text == "See [the book] and note[^2]."
    assert_sound(source, document)


def test_inline_notes_numbered_in_source_order_across_blocks():
    source, document = parse("> a^[one]\n\n- b^[two]\n\n# c^[three]\n")
    assert [(n.label, n.text) for n in document.notes] == [("^1", "one"), ("^2", "two"), ("^3", "three")]
    assert_sound(source, document)


def test_caret_without_bracket_is_not_an_inline_note():
    _, document = parse("x^2 and ^ [not] and `^[code]`\n")
    assert document.markers == () and document.notes == ()


# --- definitions ---------------------------------------------------------------------------------


def test_definition_continuations_are_joined():
    source, document = parse(
        """\
        Text.[^1]

        [^1]: Robert C. Tucker, *Stalin as Revolutionary*
        (New York: Norton, 1973),
            pp. 13, 68–72.
        """
    )
    (note,) = document.notes
    assert note.text == "Robert C. Tucker, *Stalin as Revolutionary* (New York: Norton, 1973), pp. 13, 68–72."
    assert at(source, note) == (3, 1)
    assert [cut(source, p) for p in note.parts] == [
        "Robert C. Tucker, *Stalin as Revolutionary*\n(New York: Norton, 1973),\n    pp. 13, 68–72."
    ]


def test_multi_paragraph_definition():
    source, document = parse(
        """\
        Text.[^long]

        [^long]: First paragraph
            of the note.

            Second paragraph.

                indented code in the note

        Body again.[^2]

        [^2]: Short.
        """
    )
    long, short = document.notes
    assert long.text == "First paragraph of the note. Second paragraph. indented code in the note"
    assert [cut(source, p) for p in long.parts] == [
        "First paragraph\n    of the note.",
        "Second paragraph.",
        "indented code in the note",
    ]
    assert [s.locate(p).line for s in (source,) for p in long.parts] == [3, 6, 8]
    assert short.text == "Short."
    assert markers(source, document) == [("long", 1, 6), ("2", 10, 12)]
    assert_sound(source, document)


def test_consecutive_definitions_are_separate():
    source, document = parse("x[^1][^2][^3]\n\n[^1]: one\n[^2]: two\n   [^3]: three, indented\n")
    assert notes(source, document) == [("1", "one", 3, 1), ("2", "two", 4, 1), ("3", "three, indented", 5, 4)]
    assert_sound(source, document)


def test_empty_definitions():
    source, document = parse("a[^6] b[^7] c[^8]\n\n[^6]:\n[^7]:    \n\nText.\n\n[^8]:")
    assert notes(source, document) == [("6", "", 3, 1), ("7", "", 4, 1), ("8", "", 8, 1)]
    for note in document.notes:
        assert [cut(source, p) for p in note.parts] == [""]
        assert note.parts[0].start == note.span.end
    assert [m.label for m in document.markers] == ["6", "7", "8"]
    assert_sound(source, document)


def test_empty_definition_followed_by_paragraph():
    source, document = parse("a[^6]\n\n[^6]:\nNot part of the note.[^1]\n\n[^1]: one\n")
    assert notes(source, document) == [("6", "", 3, 1), ("1", "one", 6, 1)]
    assert markers(source, document) == [("6", 1, 2), ("1", 4, 22)]


def test_duplicate_definitions_are_both_notes():
    source, document = parse(
        """\
        A[^1] and B[^2].

        [^1]: First text.
        [^2]: Second.
        [^1]: Another text for one.

        > [^2]: And a third, quoted.
        """
    )
    assert notes(source, document) == [
        ("1", "First text.", 3, 1),
        ("2", "Second.", 4, 1),
        ("1", "Another text for one.", 5, 1),
        ("2", "And a third, quoted.", 7, 3),
    ]
    assert_sound(source, document)


def test_definitions_in_blockquotes_and_lists():
    source, document = parse(
        """\
        Text[^q][^l]

        > [^q]: Quoted note
        > continued here
        lazily continued
        > > deeper

        - [^l]: Listed note
          continued
        """
    )
    quoted, listed = document.notes
    assert (quoted.label, *at(source, quoted)) == ("q", 3, 3)
    assert quoted.text == "Quoted note continued here lazily continued"
    assert [cut(source, p) for p in quoted.parts] == ["Quoted note\n> continued here\nlazily continued"]
    assert (listed.label, listed.text, *at(source, listed)) == ("l", "Listed note continued", 8, 3)
    assert_sound(source, document)


def test_definition_interrupts_paragraph():
    source, document = parse("Para text[^1]\n[^1]: Note right below.\n")
    assert notes(source, document) == [("1", "Note right below.", 2, 1)]
    assert markers(source, document) == [("1", 1, 10)]


def test_notes_and_markers_in_source_order():
    source, document = parse("[^2]: early\n\nb[^2] a[^1] c^[inline]\n\n[^1]: late\n")
    assert [n.label for n in document.notes] == ["2", "^1", "1"]
    assert [m.label for m in document.markers] == ["2", "1", "^1"]


# --- the position mapping and its fallbacks -------------------------------------------------------


def test_content_locator_maps_each_line():
    source = SourceFile("a.md", "> > Alpha beta\n> gamma delta  \n")
    locator = _ContentLocator(source, "Alpha beta\ngamma delta", first_line=1)
    assert source.text[locator.offset(0)] == "A"
    assert source.text[locator.offset(6)] == "b"
    assert source.text[locator.offset(11)] == "g"
    assert source.text[locator.offset(21)] == "a"


def test_content_locator_gives_up_on_foreign_content():
    source = SourceFile("a.md", "something else\n")
    locator = _ContentLocator(source, "not in the source", first_line=1)
    assert locator.offset(3) is None
    beyond = _ContentLocator(source, "x\ny\nz", first_line=2)
    assert beyond.offset(4) is None


def test_content_locator_partly_expanded_tab():
    # markdown-it turns a tab that is only partly consumed by indentation into spaces
    source = SourceFile("a.md", "- a\n\n \tb[^1]\n")
    locator = _ContentLocator(source, "  b[^1]", first_line=3)
    assert source.text[locator.offset(2)] == "b"


class _FakeToken:
    def __init__(self, content: str, block_map: list[int] | None) -> None:
        self.content = content
        self.map = block_map


def test_unplaceable_reference_falls_back_to_nearest_occurrence():
    source = SourceFile("a.md", "intro\nfirst [^1] and second [^1] end\n")
    found: list[Marker] = []
    inline: list[tuple[int, int, int, int, str]] = []
    # content that does not match the source line: the locator cannot place it
    token = _FakeToken("garbled content with [^1] in it", [1, 2])
    _place_events(source, token, [_Event("ref", "1", 27, 31)], found, inline)
    (marker,) = found
    assert cut(source, marker.span) == "[^1]"
    assert source.locate(marker.span).line == 2
    # an event whose nested text could not be placed at all
    found.clear()
    _place_events(source, token, [_Event("ref", "1", None, None)], found, inline)
    assert cut(source, found[0].span) == "[^1]"


def test_unplaceable_reference_without_occurrence_stays_in_its_block():
    source = SourceFile("a.md", "intro\nno marker here\n")
    found: list[Marker] = []
    inline: list[tuple[int, int, int, int, str]] = []
    _place_events(source, _FakeToken("zzz", [1, 2]), [_Event("ref", "9", None, None)], found, inline)
    (marker,) = found
    assert source.locate(marker.span).line == 2
    assert marker.span.start == marker.span.end  # an empty span at the nearest sound place
    _place_events(source, _FakeToken("zzz", None), [_Event("inline", "body", None, None)], found, inline)
    assert len(inline) == 1 and 0 <= inline[0][0] <= inline[0][1] <= len(source.text)


def test_nearest():
    text = "[^1] x [^1] y [^1]"
    assert _nearest(text, "[^1]", 0, len(text), 8) == 7
    assert _nearest(text, "[^1]", 0, len(text), None) == 0
    assert _nearest(text, "[^2]", 3, 9, 100) == 9


@pytest.mark.parametrize(
    "text",
    [
        "[^",
        "[^]",
        "[^1",
        "^[",
        "^[unclosed [^1]",
        "[^1]:",
        "[^1]: [^2]: nested definitions",
        "> [^1]:\n>\n>     code\n",
        "- [^1]\n  - [^1]:\n",
        "[^1][^1][^1]" * 50,
        "^[" * 40 + "x" + "]" * 40,
        "[" * 200 + "^1]",
        "\x00[^1]\x00\n\n[^1]: nul\x00\n",
        "*[^1]*_[^2]_**[^3]**\n",
        "[^1](http://example.org) [^2][ref]\n\n[ref]: http://example.org\n",
    ],
)
def test_odd_inputs_do_not_crash(text):
    source, document = parse(text)
    for marker in document.markers:
        assert cut(source, marker.span).startswith("[^" if marker.style == "markdown" else "^[")
    for note in document.notes:
        if note.style == "markdown":
            assert cut(source, note.span) == f"[^{note.label}]:"


def test_reference_followed_by_link_syntax_is_a_link():
    # the parser decides: "[^1](url)" is a link whose text is "^1", not a footnote
    _, document = parse("[^1](http://example.org) but this[^1]\n")
    assert [m.span.start for m in document.markers] == [33]


def test_nul_characters_keep_exact_positions():
    # markdown-it reads NUL as U+FFFD; the locator must still align the line
    source, document = parse("a\x00b[^1] c\n\n[^1]: nul\x00 note\n")
    assert source.text[_ContentLocator(source, "a\ufffdb[^1] c", first_line=1).offset(3)] == "["
    assert markers(source, document) == [("1", 1, 4)]
    assert notes(source, document) == [("1", "nul\x00 note", 3, 1)]


# --- property: the bibliographies front matter names -----------------------------------------

BIB_NAME = st.text("abcdefghijklmnopqrstuvwxyz-_/", min_size=1, max_size=12).map(lambda name: f"{name.strip('/') or 'x'}.bib")


@settings(max_examples=200, deadline=None)
@given(st.lists(BIB_NAME, min_size=1, max_size=5), st.sampled_from(["block", "flow", "quoted"]), st.booleans())
def test_front_matter_bibliographies_are_found_where_they_are_written(names, style, more_fields):
    if style == "block":
        value = "\n" + "".join(f"  - {name}\n" for name in names)
    elif style == "flow":
        value = " [" + ", ".join(names) + "]\n"
    else:
        value = " " + '"' + names[0] + '"' + "\n"
        names = names[:1]
    extra = 'title: "A: B"\nnocite: "@a"\n' if more_fields else ""
    text = f"---\n{extra}bibliography:{value}---\n\nText [@a].\n"
    found = read(SourceFile("ch.md", text)).inclusions
    assert [(i.kind, i.target, i.from_file) for i in found] == [("bibliography", name, True) for name in names]
    assert [text[i.span.start : i.span.end].strip('"') for i in found] == names


def test_notes_written_with_html_superscripts():
    """Metahistory's enlightenment-historiography essay writes its notes as paragraphs opening
    with ``<sup>n</sup>`` (some ``<Sup>``) and marks them in the text the same way."""
    source, document = parse(
        """\
        The estates were let to tenants.<a href="#n"><sup>1</sup></a> Rents fell.<sup>2</sup>

        ### Notes
        <Sup>1</Sup> Ann Fell, _Grain and Power_ (Leeds, 1994), 12.

        <sup>2</sup> Ibid.,
        14.
        """
    )
    assert [(m.label, m.number, m.style, m.text) for m in document.markers] == [
        ("1", 1, "superscript", "<sup>1</sup>"), ("2", 2, "superscript", "<sup>2</sup>")]
    assert [(n.number, n.text) for n in document.notes] == [(1, "Ann Fell, _Grain and Power_ (Leeds, 1994), 12."), (2, "Ibid., 14.")]
    assert [source.text[p.start : p.end] for p in document.notes[1].parts] == ["Ibid.,\n14."]


def test_superscripts_with_no_note_paragraph_are_no_markers():
    _, document = parse("A room of 20 m<sup>2</sup> and a power of 10<sup>6</sup>.\n\n<sup>3</sup>\n\n```\n<sup>4</sup> code\n```\n")
    assert document.markers == () and document.notes == ()


def test_a_reference_under_an_escaped_one_stays_a_reference():
    """``\\[^1]`` ending a line is text: the ``[^1] text`` line under it is no note placed under
    its sentence (hypothesis found it), and both real references stay markers."""
    _, document = parse("a[^1] \\[^1]\n[^1] a\n")
    assert [(m.label, m.span.start) for m in document.markers] == [("1", 1), ("1", 12)]
    assert document.notes == ()
