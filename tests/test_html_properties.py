"""The HTML reader's shortcuts for linear time hold to the rules as first written.

Where a start tag ends is found in its name's own stack of open tags, and the visible span of a
stretch is found from its two ends; property tests compare both with the plain search over all
open tags and all text runs, on generated tokens and pages. The tokenizer's offsets, taken from
html.parser's ``updatepos``, are compared with the lines and columns ``getpos`` reports, and the
markup regions (touching ones joined) with the markup tokens.
"""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.readers import html as html_reader
from citecheck.source import SourceFile

NAMES = st.sampled_from(["p", "b", "i", "div", "li"])


@st.composite
def token_streams(draw):
    """Start tags (some self-closed), end tags of any of a few names, and text, in order."""
    events = []
    offset = 0
    for _ in range(draw(st.integers(0, 40))):
        kind = draw(st.sampled_from(["start", "end", "text"]))
        if kind == "start":
            tag = html_reader._Tag(draw(NAMES), offset, offset + 3, 1)
            if draw(st.booleans()):
                tag.close_start = tag.close_end = tag.end
            events.append((offset, kind, tag))
        else:
            events.append((offset, kind, draw(NAMES) if kind == "end" else None))
        offset += draw(st.integers(1, 5))
    return events, offset


def _match_ends_as_first_written(events, length: int) -> None:
    """Each end tag looks through all the open tags, innermost first, for its name."""
    open_tags = []
    for index, (offset, kind, what) in enumerate(events):
        if kind == "start":
            if what.close_start < 0:
                open_tags.append(what)
        elif kind == "end":
            for depth in range(len(open_tags) - 1, -1, -1):
                if open_tags[depth].name == what:
                    close_end = events[index + 1][0] if index + 1 < len(events) else length
                    for implied in open_tags[depth + 1 :]:
                        implied.close_start = implied.close_end = offset
                    open_tags[depth].close_start, open_tags[depth].close_end = offset, close_end
                    del open_tags[depth:]
                    break
    for tag in open_tags:
        tag.close_start = tag.close_end = length


def _copy(events):
    return [(offset, kind, html_reader._Tag(what.name, what.start, what.end, what.line, what.close_start, what.close_end) if kind == "start" else what) for offset, kind, what in events]


@given(token_streams())
@settings(max_examples=300, deadline=None)
def test_end_tags_close_what_the_plain_search_closes(stream):
    events, length = stream
    fast, plain = _copy(events), _copy(events)
    html_reader._match_ends(fast, length)
    _match_ends_as_first_written(plain, length)
    assert [what for _, kind, what in fast if kind == "start"] == [what for _, kind, what in plain if kind == "start"]


def _visible_as_first_written(current: html_reader.Page, start: int, end: int) -> tuple[int, int] | None:
    """Every text run between ``start`` and ``end`` stripped, the first and last kept."""
    text = current.source.text
    first = last = None
    for run_start, run_end in zip(current.text_starts, current.text_ends):
        run_start, run_end = max(run_start, start), min(run_end, end)
        if run_start >= run_end:
            continue
        run = text[run_start:run_end]
        if run.strip():
            if first is None:
                first = run_start + len(run) - len(run.lstrip())
            last = run_end - (len(run) - len(run.rstrip()))
    return None if first is None else (first, last)


PIECES = st.sampled_from(["<p>", "</p>", "<b>", "</b>", " ", "\n", "\u00a0", "x", "12.", "<!-- c -->", "&amp;", "<br>", "\t"])


@given(st.lists(PIECES, max_size=30), st.data())
@settings(max_examples=300, deadline=None)
def test_visible_span_is_the_plain_search(pieces, data):
    text = "".join(pieces)
    current = html_reader.page(SourceFile("page.html", text))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    found = current.visible(start, end)
    assert (None if found is None else (found.start, found.end)) == _visible_as_first_written(current, start, end)


class _Getpos(HTMLParser):
    """The standard tokenizer's own account of where each token starts: its line and column."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.line_starts = [0, 0, *(index + 1 for index, char in enumerate(text) if char == "\n")]
        self.offsets: list[int] = []

    def _record(self, *_: object) -> None:
        line, column = self.getpos()
        self.offsets.append(self.line_starts[line] + column)

    def handle_startendtag(self, *_: object) -> None:
        self._record()

    handle_starttag = handle_endtag = handle_data = handle_comment = handle_decl = handle_pi = _record
    unknown_decl = handle_entityref = handle_charref = _record


TOKENS = st.sampled_from(
    ["<p>", "</p>", "<b>", "</b >", " ", "\n", "x", "12.", "<!-- c -->", "<!--", "&amp;", "&amp", "&#12;", "&#x1",
     "&", "&#", "<br/>", "<", ">", "</", "<!", "<?", "<![CDATA[", "]]>", "<script>", "</script>", "a<",
     "<a href='x>y'\n>", "<!DOCTYPE html>", "</>", "<p\n", "/>", "</p\n x>"]
)


@given(st.lists(TOKENS, max_size=30))
@settings(max_examples=300, deadline=None)
def test_token_offsets_are_those_getpos_reports(pieces):
    """The tokenizer takes offsets from html.parser's ``updatepos`` instead of its lines and columns."""
    text = "".join(pieces)
    ours = html_reader._Tokenizer(text)
    ours.read(text)
    theirs = _Getpos(text)
    theirs.feed(html_reader._BROKEN_CHARREF.sub("&_", text))  # what the tokenizer feeds
    theirs.close()
    assert [offset for offset, _, _ in ours.events] == theirs.offsets


@given(st.lists(PIECES, max_size=30))
@settings(max_examples=200, deadline=None)
def test_markup_regions_cover_the_markup_tokens(pieces):
    """Markup that touches is one region, and the regions cover what the markup tokens cover."""
    text = "".join(pieces)
    current = html_reader.page(SourceFile("page.html", text))
    covered = set()
    for start, end in current.markup:
        covered.update(range(start, end))
    texts = set()
    for start, end in zip(current.text_starts, current.text_ends):
        texts.update(range(start, end))
    assert covered == set(range(len(text))) - texts
    assert all(before[1] < after[0] for before, after in zip(current.markup, current.markup[1:]))


MARKED_SECTIONS = st.sampled_from(["<![", "<![foo[ x ]]>", "<![ x", "<![1", "<![%e;[", "<![ cdata [x]]>", "<![if x]>",
                                   "<![endif]>", "<![CDATA[ x ]]>", "]]>", ">", " ", "y"])


@given(st.lists(MARKED_SECTIONS, max_size=8))
@settings(max_examples=200, deadline=None)
def test_marked_sections_html_parser_does_not_know_are_bogus_comments(pieces):
    """``<![`` with no keyword html.parser knows made it raise (``<![foo[`` in a converted page):
    it is a bogus comment up to the next ``>``, and the note after it is still read."""
    text = '<p>a<sup><a href="#n1">1</a></sup> ' + "".join(pieces) + '</p>\n<ol><li id="n1">A note.</li></ol>\n'
    document = html_reader.read(SourceFile("page.html", text))
    assert [marker.label for marker in document.markers] == ["1"]
    assert [note.label for note in document.notes] == ["1"]


@given(st.lists(st.sampled_from(["&#z;", "&#q;", "&#;", "&#x;", "&#", "&#12;", "&#xZ1;", " b ", ";"]), max_size=8))
@settings(max_examples=200, deadline=None)
def test_a_broken_character_reference_loses_no_note(pieces):
    """html.parser stopped at a ``&#`` that opens no character reference and passed the rest of the
    page on as text (``&#z;`` … ``&#q;`` lost the note after them)."""
    text = '<p>a ' + "".join(pieces) + '<sup><a href="#n1">1</a></sup> ' + "".join(pieces) + '</p>\n<ol><li id="n1">A note.</li></ol>\n'
    document = html_reader.read(SourceFile("page.html", text))
    assert [marker.label for marker in document.markers] == ["1"]
    assert [note.label for note in document.notes] == ["1"]
    assert text.index("<sup>") <= document.markers[0].span.start < text.index("</sup>")  # not at the page's start
