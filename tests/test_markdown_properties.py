"""Property: the Markdown reader recovers exactly the footnotes put into a generated document.

Documents are random prose paragraphs with decoys that Markdown does not read as footnotes (code
spans, fenced code and R chunks, HTML comments, escaped brackets, front matter), references and
inline notes inserted at word boundaries, and definitions between paragraphs or at the end. The
generator knows the offset of everything it inserts; the reader must report those and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from citecheck.readers import markdown
from citecheck.readers.markdown import read
from citecheck.source import SourceFile, decode

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäéøß", min_size=1, max_size=9)
PUNCTUATION = st.sampled_from(["", "", "", ",", ".", ";", "!", "?", "’"])
LABEL = st.one_of(
    st.integers(min_value=1, max_value=999).map(str),
    st.from_regex(r"[a-z][a-z0-9_-]{0,7}", fullmatch=True),
)
DECOY = LABEL.flatmap(lambda label: st.sampled_from([f"[^{label}]", f"[^{label}]:", f"^[{label}]"]))


@dataclass
class Builder:
    """Appends text and remembers where the footnotes it was asked to write stand."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    markers: list[tuple[str, int, str]] = field(default_factory=list)
    notes: list[tuple[int, str, str]] = field(default_factory=list)
    inline_count: int = 0

    def add(self, text: str) -> int:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start

    def reference(self, label: str) -> None:
        text = f"[^{label}]"
        self.markers.append((label, self.add(text), text))

    def inline_note(self, words: list[str]) -> None:
        self.inline_count += 1
        label = f"^{self.inline_count}"
        body = " ".join(words)
        text = f"^[{body}]"
        start = self.add(text)
        self.markers.append((label, start, text))
        self.notes.append((start, label, body))

    @property
    def text(self) -> str:
        return "".join(self.parts)


# A paragraph item is ("word", word+punctuation) or ("ref", label, glued) or ("inline", words,
# glued) or ("code" | "comment" | "escaped", decoy).
ITEM = st.one_of(
    st.tuples(st.just("word"), st.tuples(WORD, PUNCTUATION).map("".join)),
    st.tuples(st.just("word"), st.tuples(WORD, PUNCTUATION).map("".join)),
    st.tuples(st.just("word"), st.tuples(WORD, PUNCTUATION).map("".join)),
    st.tuples(st.just("ref"), LABEL, st.booleans()),
    st.tuples(st.just("inline"), st.lists(WORD, min_size=1, max_size=4), st.booleans()),
    st.tuples(st.just("code"), DECOY),
    st.tuples(st.just("comment"), DECOY),
    st.tuples(st.just("escaped"), LABEL),
)
LINE = st.tuples(WORD, st.lists(ITEM, max_size=8))
PARAGRAPH = st.lists(LINE, min_size=1, max_size=4)
DEFINITION = st.tuples(
    LABEL,
    st.lists(WORD, min_size=0, max_size=5),  # first line
    st.lists(WORD, max_size=4),  # an indented (or lazy) continuation line
    st.lists(WORD, max_size=4),  # a second paragraph, indented
    st.booleans(),  # continuation indented (True) or lazy (False)
)
BLOCK = st.one_of(
    st.tuples(st.just("paragraph"), PARAGRAPH),
    st.tuples(st.just("paragraph"), PARAGRAPH),
    st.tuples(st.just("definition"), DEFINITION),
    st.tuples(st.just("fence"), DECOY, st.sampled_from(["```", "~~~", "```{r}", "```{r setup, echo=FALSE}"])),
    st.tuples(st.just("html"), DECOY),
)


def write_paragraph(out: Builder, lines: list) -> None:
    for number, (first, items) in enumerate(lines):
        if number:
            out.add("\n")
        out.add(first)
        for item in items:
            kind = item[0]
            if kind == "word":
                out.add(" " + item[1])
            elif kind == "ref":
                if not item[2]:
                    out.add(" ")
                out.reference(item[1])
            elif kind == "inline":
                if not item[2]:
                    out.add(" ")
                out.inline_note(item[1])
            elif kind == "code":
                out.add(f" `code {item[1]}`")
            elif kind == "comment":
                out.add(f" <!-- {item[1]} -->")
            else:
                out.add(f" \\[^{item[1]}]")


def write_definition(out: Builder, definition: tuple) -> None:
    label, first, continuation, second, indented = definition
    start = out.add(f"[^{label}]:")
    texts = []
    if first:
        out.add(" " + " ".join(first))
        texts.extend(first)
        if continuation:
            out.add("\n" + ("    " if indented else "") + " ".join(continuation))
            texts.extend(continuation)
    if second:
        out.add("\n\n    " + " ".join(second))
        texts.extend(second)
    out.notes.append((start, label, " ".join(texts)))


def write_block(out: Builder, block: tuple) -> None:
    kind = block[0]
    if kind == "paragraph":
        write_paragraph(out, block[1])
    elif kind == "definition":
        write_definition(out, block[1])
    elif kind == "fence":
        fence = block[2][:3]
        out.add(f"{block[2]}\nx <- \"{block[1]}\"\n{block[1]} decoy\n{fence}")
    else:
        out.add(f"<!--\n{block[1]} decoy\n-->")


DOCUMENT = st.tuples(
    st.booleans(),  # front matter
    st.lists(BLOCK, min_size=1, max_size=8),
    st.lists(DEFINITION, max_size=5),  # definitions at the end
    st.booleans(),  # CRLF newlines
)


def build(front_matter: bool, blocks: list, tail: list) -> Builder:
    out = Builder()
    if front_matter:
        out.add('---\ntitle: "A [^1] title"\nnote: "[^2]: not a note"\n---\n\n')
    for number, block in enumerate(blocks):
        if number:
            out.add("\n\n")
        write_block(out, block)
    for definition in tail:
        out.add("\n\n")
        write_definition(out, definition)
    out.add("\n")
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENT)
def test_reader_recovers_exactly_the_inserted_footnotes(document):
    front_matter, blocks, tail, crlf = document
    out = build(front_matter, blocks, tail)
    text = out.text
    data = (text.replace("\n", "\r\n") if crlf else text).encode("utf-8")
    decoded, encoding, problem = decode(data)
    assert decoded == text
    source = SourceFile("generated.md", decoded, encoding, problem)

    # every position must come from the exact mapping, never from the fallback search
    with patch.object(markdown, "_nearest", side_effect=AssertionError("fell back")), patch.object(
        markdown, "_closing_bracket", side_effect=AssertionError("fell back")
    ):
        result = read(source)

    found_markers = [(m.label, m.span.start, m.text) for m in result.markers]
    assert found_markers == out.markers
    for marker in result.markers:
        assert text[marker.span.start : marker.span.end] == marker.text
        if marker.style == "markdown":
            assert marker.text == f"[^{marker.label}]"
            assert marker.number == (int(marker.label) if marker.label.isdigit() else None)

    expected_notes = sorted(out.notes)
    assert [(n.span.start, n.label, n.text) for n in result.notes] == expected_notes
    for note in result.notes:
        if note.style == "markdown":
            assert text[note.span.start : note.span.end] == f"[^{note.label}]:"
        joined = " ".join(text[p.start : p.end] for p in note.parts).split()
        assert joined == note.text.split()

    plain_labels = [label for label, _, marker_text in out.markers if marker_text.startswith("[^")]
    plain_labels += [label for _, label, _ in out.notes if not label.startswith("^")]
    assert result.numbered == all(label.isdigit() for label in plain_labels)


# Lines around footnote definitions that could make the plugin read a definition otherwise than
# as one plain line: continuations, indented lines, setext underlines, lists, quotations, code,
# definitions nested or glued, text that holds a reference, an inline note or a key.
PLAIN_DEFINITION = st.tuples(st.sampled_from(["", "  ", "   "]), LABEL, st.sampled_from([":", ": ", ":   "]),
                             st.sampled_from(["x", "A note.", "é", "Note: see it"]))
OTHER_DEFINITION = st.tuples(
    st.sampled_from(["", "    ", "\t", "     "]), LABEL, st.sampled_from([":", ": ", ":    ", ":\t"]),
    st.sampled_from(["x", "word [^2]", "see @key", "a ^[b]", "# h", "- item", "1. one", "> q", "`c`", "<b>x</b>", "", "1"]),
)
DEFINITION_LINE = st.one_of(
    PLAIN_DEFINITION.map(lambda p: f"{p[0]}[^{p[1]}]{p[2]}{p[3]}"),
    OTHER_DEFINITION.map(lambda p: f"{p[0]}[^{p[1]}]{p[2]}{p[3]}"),
    st.just(""),
    st.sampled_from(["    more", "        code", "lazy line", "===", "---", "- item", "> quoted", "```", "    [^3]: x",
                     "Text.[^1] More [@key, p. 3].", "<div>", "  indented", "# Heading", "[^]: x", "[^a b]: x", "[a]: /url",
                     "\tmore", "   x", "* * *"]),
)


def _parser_without(rule: str) -> object:
    """A parser as the reader's, with one of its shortcut block rules turned off."""
    parser = markdown._parser.__wrapped__()
    parser.block.ruler.disable(rule)
    return parser


def _plugin_alone() -> object:
    """A parser as the reader's, with the rule for runs of plain definitions turned off."""
    return _parser_without(markdown.DEFINITION_RUN)


@settings(max_examples=300, deadline=None)
@given(st.lists(DEFINITION_LINE, min_size=1, max_size=10), st.booleans())
def test_runs_of_plain_definitions_read_as_the_plugin_reads_them(lines, final_newline):
    source = SourceFile("doc.md", "\n".join(lines) + ("\n" if final_newline else ""))
    fast = read(source)
    plugin = _plugin_alone()
    with patch.object(markdown, "_parser", lambda: plugin):
        slow = read(source)
    assert fast == slow


INLINE_PIECE = st.sampled_from([
    "word", " ", " ", "\n", "\t", "[^1]", "[^a]", "[^a b]", "[^", "]", "[", "^", "^[x]", "`code`", "`", "<b>", "<http://a.b>",
    "\\[^1]", "\\", "](x)", "[@key, p. 3]", "@key", "*", "_", "&amp;", "&#91;", "![a]", "[x]", "[^1](u)", "[^1][r]", "!",
    # inline notes: holding references, brackets, other notes, nothing, or never ended
    "^[", "^[a [^1] b]", "^[]", "^[^1]", "^[a\nb]", "^[[^a[b] @k]", "^[a [b] c]", "^[x ^[y] z]", "^[a]", "^[@key]",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(INLINE_PIECE, min_size=1, max_size=16), st.booleans())
@example(["^[", "^[^1]", "]"], False)  # a nested inline note, once read as a caret and a reference
def test_texts_of_only_references_read_as_markdown_it_reads_them(pieces, references_defined):
    text = "".join(pieces) + ("\n\n[r]: /url\n" if references_defined else "\n")
    source = SourceFile("doc.md", text)
    fast = read(source)
    with patch.object(markdown, "_only_references", lambda src, env: None):
        slow = read(source)
    assert fast == slow


# Lines of every kind of block, with and without something the reader reads, at the margin and
# indented: what could make markdown-it read on past a blank line (fences, HTML comments, list
# items, quotations, indented code, definitions) or start afresh where the skipping rule stops.
# Blank lines are drawn often: the rule stops only after one.
PLAIN_LINES = ["a", "Some words.", "1990 was", ". x", "\\# x", "*a*", "`a`", "a@", "@ a", "x@y.z", "|a|", "[a] b", "![a](u)",
               "- a", "* b", "+ c", "1. d", "2) e", "-", "- - -", "***", "---", "===", "# h", "###### h", "> q", ">", "> - a"]
OPENING_LINES = ["```", "~~~", "```r", "````", "<!-- c", "-->", "<?x", "?>", "<!X", "<![CDATA[", "]]>", "<div>", "</div>",
                 "<pre>", "</pre>", "<script>", "<STYLE>", "<textarea>", "<a>", "<b>x</b>", "  ```", "> ```", "- ```", "   <!--"]
READ_LINES = ["[^1]", "a [^2] b", "^[n]", "[@key, p. 3]", "@key", "[^1]: x", "[^a]: see @k", "[r]: /url", "[r]", "[r][^1]",
              "[^1] x", "[^1] :", "[a b]: /u", "[^a b]: x", "[a\\]]: /u", "12. @k", "1) [^1]", "12a [^1]", "\\- [^1]", "=[^1]", "|[^1]|",
              "> [^1]: x", "- [^1]: x", "* [^a]: x", "1. [^1]: x", "# [^1]: x", "<b>[^1]: x", "`[^1]: x`", "~[^1]: x",
              "[R]: /v", "  [r]: <u v>", "[r]: /u \"t\"", "\"t\"", "'t'", "(t)", "[r]: javascript:x", "[r]:", "[r]: /u(x)",
              "[r]:  &amp;u  ", "[ ]: /u", "[r]: <>", "[^r]: /u", "[r]: /u [r]",
              # headings, quotations and bullet items of one line (the plain-blocks rule reads them)
              "# [^1]", "## a [^2] #", "#\t@k", "###### x [^1] ", "####### [^1]", "> [^1]", "> a ^[n]", ">  [^1]", "- [^1]",
              "* a @k", "+ [^1] x", "-\t[^1]", "- [^1]  ", "- a [^1]", "* [^2]"]
INDENTED_LINES = st.tuples(st.sampled_from([" ", "  ", "   ", "    ", "\t", "      "]),
                           st.sampled_from(["a", "- a", "[^1]", "[^1]: x", "```", "> q", "@k", "<!--", "1. x"])).map("".join)
BLOCK_LINES = st.lists(
    st.one_of(st.just(""), st.just(""), st.sampled_from(PLAIN_LINES), st.sampled_from(OPENING_LINES),
              st.sampled_from(READ_LINES), INDENTED_LINES),
    min_size=1,
    max_size=14,
)


# The shortcut block rules: blocks with nothing to read skipped, plain paragraphs made at once.
SHORTCUT_RULES = [markdown.SKIP_RUN, markdown.PLAIN_PARAGRAPH, markdown.LINK_DEFINITIONS]


@pytest.mark.parametrize("rule", SHORTCUT_RULES)
@settings(max_examples=1000, deadline=None)
@given(lines=BLOCK_LINES, final_newline=st.booleans())
def test_blocks_read_by_a_shortcut_rule_read_as_markdown_it_reads_them(rule, lines, final_newline):
    source = SourceFile("doc.md", "\n".join(lines) + ("\n" if final_newline else ""))
    fast = read(source)
    parser = _parser_without(rule)
    with patch.object(markdown, "_parser", lambda: parser):
        slow = read(source)
    assert fast == slow


# Link reference definitions, the lines that may go on one (a title, a destination) and a few others.
LINK_DEFINITION_LINES = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(["", " ", "   ", "    ", "\t"]), st.sampled_from(["r", "R", "a b", " ", "^r", "r\\]", ""]),
                  st.sampled_from([":", ": ", ":\t"]),
                  st.sampled_from(["/u", "<u v>", "<>", "&amp;u", "/u(x)", "javascript:x", "", "/u \"t\"", "/u 't' x", "/u [r]"]),
                  st.sampled_from(["", " ", "\t"])).map(lambda p: f"{p[0]}[{p[1]}]{''.join(p[2:])}"),
        st.sampled_from(["", "", "\"t\"", "'t'", "(t)", "  \"t", "t\"", "/u", "<u>", "a", "- a", "> q", "    code", "[r]", "==="]),
    ),
    min_size=1,
    max_size=10,
)


@settings(max_examples=1000, deadline=None)
@given(lines=st.one_of(LINK_DEFINITION_LINES, BLOCK_LINES), final_newline=st.booleans())
def test_link_definitions_read_by_the_shortcut_rule_are_markdown_its(lines, final_newline):
    """The definitions themselves, which decide what a ``[label]`` elsewhere reads as."""
    text = "\n".join(lines) + ("\n" if final_newline else "")
    fast, slow = {}, {}
    parser = _parser_without(markdown.LINK_DEFINITIONS)
    markdown._parser().parse(text, fast)
    parser.parse(text, slow)
    assert (fast.get("references"), fast.get("duplicate_refs")) == (slow.get("references"), slow.get("duplicate_refs"))
    source = SourceFile("doc.md", text + "\n[r] [a b] [^1]\n\n[^1]: x\n")
    read_fast = read(source)
    with patch.object(markdown, "_parser", lambda: parser):
        assert read(source) == read_fast


def test_each_block_then_a_blank_line_then_something_to_read_reads_as_markdown_it_reads_it():
    """Each line before a blank line and a line the reader reads: where the skipping rule must
    not resume when the first line opens a block that runs on (drawn rarely above)."""
    parser = _parser_without(markdown.SKIP_RUN)
    indented = [f"{indent}{line}" for indent in ("  ", "    ") for line in ("[^1]: x", "[^1]", "@k")]
    for first in [*PLAIN_LINES, *OPENING_LINES]:
        for then in [*READ_LINES, *indented]:
            source = SourceFile("doc.md", f"{first}\n\n{then}\n")
            fast = read(source)
            with patch.object(markdown, "_parser", lambda: parser):
                assert fast == read(source), source.text


# Definitions written without their colon (``[^1] text``, Metahistory's marxism essay, CoTETE.jl's
# documentation): read as the same notes as with it, wherever prose has referenced their labels.
COLONLESS_DOCUMENT = st.tuples(
    st.lists(PARAGRAPH, min_size=1, max_size=4),
    st.lists(st.tuples(st.lists(WORD, min_size=1, max_size=5), st.lists(WORD, max_size=3)), min_size=1, max_size=6),
    st.booleans(),  # definitions separated by blank lines (True) or on consecutive lines
    st.sampled_from(["", "Footnotes:\n", "**Notes**:\n", "Sources:\n"]),  # a title line right above them
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(COLONLESS_DOCUMENT)
def test_definitions_without_colon_are_the_notes_with_it(document):
    paragraphs, texts, apart, title = document
    prose = Builder()
    for number, lines in enumerate(paragraphs):
        if number:
            prose.add("\n\n")
        write_paragraph(prose, lines)
    labels = list(dict.fromkeys(label for label, _, written in prose.markers if written.startswith("[^")))
    definitions = list(zip(labels, texts))

    def with_separator(separator: str) -> str:
        lines = []
        for label, (first, more) in definitions:
            lines.append(f"[^{label}]{separator}{' '.join(first)}" + ("\n" + " ".join(more) if more else ""))
        return prose.text + "\n\n" + title + ("\n\n" if apart else "\n").join(lines) + "\n"

    colon = read(SourceFile("colon.md", with_separator(": ")))
    colonless = read(SourceFile("colonless.md", with_separator(" ")))
    assert [(m.label, m.span.start) for m in colonless.markers] == [(m.label, m.span.start) for m in colon.markers]
    assert [(n.label, n.text) for n in colonless.notes] == [(n.label, n.text) for n in colon.notes]
    assert len([n for n in colonless.notes if n.style == "colonless"]) == len(definitions)
    source = colonless.source.text
    for note in colonless.notes:
        assert " ".join(source[p.start : p.end] for p in note.parts).split() == note.text.split()


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(PARAGRAPH, st.lists(st.tuples(LABEL, st.integers(0, 20), LINE), max_size=3)), min_size=1, max_size=5))
def test_a_reference_opening_a_wrapped_line_of_prose_stays_a_reference(paragraphs):
    """A line inside a paragraph of prose may open with a reference to a label used before
    (``A sentence wrapped so that\n[^2] opens a line``): it is a marker, never a note."""
    out = Builder()
    for number, (lines, wrapped) in enumerate(paragraphs):
        if number:
            out.add("\n\n")
        write_paragraph(out, lines)
        for label, pick, line in wrapped:
            # a label used before, except the one ending the line above: [^2] under a line that
            # ends with [^2] is the note placed right under its sentence (GitBook's layout)
            ending = out.markers[-1][0] if out.markers and out.markers[-1][1] + len(out.markers[-1][2]) == out.length else None
            earlier = [used for used, _, written in out.markers if written.startswith("[^") and used != ending]
            out.add("\n")
            out.reference(earlier[pick % len(earlier)] if earlier else label if label != ending else label + "x")
            out.add(" ")
            write_paragraph(out, [line])
    document = read(SourceFile("prose.md", out.text))
    assert [(m.label, m.span.start) for m in document.markers] == [(label, start) for label, start, _ in out.markers]
    assert not [n for n in document.notes if n.style == "colonless"]


@settings(max_examples=200, deadline=None)
@given(lines=BLOCK_LINES)
def test_carriage_returns_handed_to_the_reader_read_as_line_breaks(lines):
    """A text handed to the reader with its CRs kept (``read_source`` makes them line breaks;
    a direct call may not) reads as with line breaks: the same document at the same offsets for
    lone CRs, the same labels for CRLF (an IndexError once, markdown-it counting lines the line
    index did not)."""
    text = "\n".join(lines) + "\n"
    with_breaks = read(SourceFile("doc.md", text))
    with_returns = SourceFile("doc.md", text.replace("\n", "\r"))
    assert read(with_returns) == replace(with_breaks, source=with_returns)
    windows = read(SourceFile("doc.md", text.replace("\n", "\r\n")))
    assert [m.label for m in windows.markers] == [m.label for m in with_breaks.markers]
    assert [n.label for n in windows.notes] == [n.label for n in with_breaks.notes]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["[", "]", "[^1]", "^[", "a", " ", "\t", "\n", "\n\n", "\n \n", "\n\t\n"]), max_size=16).map("".join))
def test_unclosable_brackets_are_those_no_bracket_closes_in_their_paragraph(text):
    """The one search for paragraphs' last unclosed ``[`` neutralises what the definition does: a
    ``[`` with no ``]`` after it before the blank line that ends its paragraph."""
    expected = list(text)
    for position, char in enumerate(text):
        blank = markdown._BLANK_LINE.search(text, position)
        if char == "[" and "]" not in text[position : len(text) if blank is None else blank.start()]:
            expected[position] = markdown._NEUTRAL_BRACKET
    assert markdown._unclosable_brackets_neutral(text) == "".join(expected)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["a", "b c", " ", "  ", "\t", " \t", "\t ", "\n", "\n\n", "\r", "\x0b"]), max_size=16).map("".join))
def test_line_tables_are_markdown_its(text):
    """The lines found by searches are those markdown-it's own loop finds, indentation and all."""
    from markdown_it.rules_block import StateBlock

    state = StateBlock(text, markdown._parser(), {}, [])
    assert markdown._line_tables(text) == (state.bMarks, state.eMarks, state.tShift, state.sCount)
