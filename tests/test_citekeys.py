"""Pandoc citation keys: the finder on prose, and the Markdown reader that places them in the file.

The examples follow the Pandoc manual's citation section. The properties build prose with keys
in every form (bracketed groups with prefixes and locators, suppressed authors, bare keys with
sentence punctuation and bracketed locators) and decoys that are not citations (e-mail
addresses, cross-references, code, HTML comments, URLs); the finder and the reader must report
exactly the keys inserted, at their offsets, with their locators.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.readers.citekeys import find_citation_keys, find_nocite_keys, is_cross_reference, parse_locator
from citecheck.readers.markdown import read
from citecheck.source import SourceFile, decode


def keys(text: str, masked=()) -> list[tuple[str, str, str | None]]:
    """(key, the text at its span, locator) for each key found."""
    return [(u.key, text[u.start : u.end], u.locator) for u in find_citation_keys(text, masked)]


# ---------------------------------------------------------------------------------------------
# The finder


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Blah blah [@doe99].", [("doe99", None)]),
        ("Blah [see @doe99, pp. 33-35; also @smith04, chap. 1].", [("doe99", "pp. 33-35"), ("smith04", "chap. 1")]),
        ("[see @doe99, pp. 33-35 and *passim*; @smith04, ch. 1]", [("doe99", "pp. 33-35"), ("smith04", "ch. 1")]),
        ("[@doe99; @smith2000; @smith2004]", [("doe99", None), ("smith2000", None), ("smith2004", None)]),
        ("Smith says blah [-@smith04].", [("smith04", None)]),
        ("@smith04 says blah.", [("smith04", None)]),
        ("@smith04 [p. 33] says blah.", [("smith04", "p. 33")]),
        ("@smith04\n[p. 33] says blah.", [("smith04", "p. 33")]),
        ("[@smith{ii, A, D-Z}, with a suffix]", [("smith", "ii, A, D-Z")]),
        ("[@smith, {pp. iv, vi-xi, (xv)-(xvii)} with suffix here]", [("smith", "pp. iv, vi-xi, (xv)-(xvii)")]),
        ("[@doe99, 33-35, 38 and passim]", [("doe99", "33-35, 38")]),
        ("[@tucker1977, 7:12]", [("tucker1977", "7:12")]),
        ("[@k, P. xii]", [("k", "P. xii")]),
        ("[@k, vol. 2, p. 3]", [("k", "vol. 2")]),
        ("[@k, 33ff. for more]", [("k", "33ff.")]),
        ("[@k, ix]", [("k", None)]),  # a roman numeral needs a term
        ("[@k, and passim]", [("k", None)]),
    ],
)
def test_manual_examples_and_locators(text, expected):
    assert [(key, locator) for key, _, locator in keys(text)] == expected
    assert all(key == written for key, written, _ in keys(text))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("As @Foo_bar.baz. says", "Foo_bar.baz"),  # a final period is not internal
        ("@Foo_bar--baz", "Foo_bar"),  # repeated punctuation is not single
        ("@{Foo_bar.baz.}", "Foo_bar.baz."),
        ("@{Foo_bar--baz}", "Foo_bar--baz"),
        ("see @a:b#c$d%e&f-g+h?i<j>k~l/m.", "a:b#c$d%e&f-g+h?i<j>k~l/m"),
        ("@_private, then", "_private"),
        ("@1999book;", "1999book"),
        ("(@müller2001)", "müller2001"),
        ("@https://doi.org/10.1000/182 cites a DOI", "https://doi.org/10.1000/182"),
        ("@a.www.b is one key", "a.www.b"),
        ("*@emphasised* key", "emphasised"),
        ("`code`@after", "after"),
    ],
)
def test_key_syntax(text, key):
    assert [k for k, written, _ in keys(text) if k == written] == [key]


@pytest.mark.parametrize(
    "text",
    [
        "write to name@example.org today",
        "first.last@example.org",
        "foo-@bar is not a citation",
        r"an escaped \@key",
        "see @fig-map and @tbl-data, @sec-intro, @eq-one, @lst-code, @thm-main",
        "see @Fig-map and [@fig-a; @fig-b]",
        "pandoc-crossref: @fig:map, @sec:intro, @tbl:x, @eq:y, @lst:z",
        "a URL https://example.org/@user or www.example.org/@user",
        "a lone @ sign, @. and @-",
    ],
)
def test_not_citations(text):
    assert keys(text) == []


def test_escaped_backslash_before_at_is_a_citation():
    assert keys(r"two slashes \\@key") == [("key", "key", None)]


def test_masked_ranges_are_not_read():
    text = "code @hidden and @shown"
    start = text.index("@hidden")
    assert keys(text, [(start, start + len("@hidden"))]) == [("shown", "shown", None)]


def test_a_bracket_is_a_citation_group_only_when_every_item_has_a_key():
    # Pandoc reads "[see @a; and more]" as text with a bare @a: no locator from the bracket
    assert keys("[see @a, p. 3; and more]") == [("a", "a", None)]


def test_bracket_with_keys_after_a_bare_key_is_its_own_group():
    assert keys("@a [@b, p. 5]") == [("a", "a", None), ("b", "b", "p. 5")]


def test_bracket_that_is_a_link_is_no_locator():
    assert keys("@a [p. 1](http://example.org)") == [("a", "a", None)]


def test_inline_note_bracket_is_no_group():
    assert keys("^[see @a, p. 3]") == [("a", "a", None)]


def test_cross_reference_prefixes():
    assert is_cross_reference("fig-map") and is_cross_reference("sec:intro")
    assert not is_cross_reference("figueroa2001") and not is_cross_reference("sec2001")


@pytest.mark.parametrize(
    ("suffix", "locator"),
    [
        (", p. 3", "p. 3"),
        (", pp. 33-35, 38 and passim", "pp. 33-35, 38"),
        (" chap. 2", "chap. 2"),
        (", §§ 4–6", "§§ 4–6"),
        (", 12", "12"),
        (", {ii, A}", "ii, A"),
        (", and passim", None),
        ("", None),
        (", p.", None),
    ],
)
def test_parse_locator(suffix, locator):
    assert parse_locator(suffix) == locator


def test_nocite_keys():
    front = "title: x\nnocite: |\n  @a, @b.c\n  @*\nauthor: @z\n"
    found = [(u.key, front[u.start : u.end]) for u in find_nocite_keys(front)]
    assert found == [("a", "a"), ("b.c", "b.c"), ("*", "*")]


@given(st.text(max_size=200))
def test_any_text_gives_keys_at_their_offsets(text):
    for use in find_citation_keys(text):
        assert use.key and text[use.start : use.end] == use.key


# ---------------------------------------------------------------------------------------------
# Property: generated prose with keys


FIRST = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_äéß"
REST = FIRST
SEGMENT = st.text(alphabet=REST, min_size=1, max_size=5)
PUNCT = st.sampled_from(list(":.#$%&-+?~/"))


def key_strategy(punctuation):
    """Keys by Pandoc's rule: a first character, then segments joined by single punctuation."""
    segments = st.lists(st.tuples(st.one_of(st.just(""), punctuation), SEGMENT), max_size=3)
    keys = st.tuples(st.sampled_from(FIRST), segments).map(lambda t: t[0] + "".join(p + s for p, s in t[1]))
    return keys.filter(lambda k: not is_cross_reference(k) and "://" not in k)


PLAIN_KEY = key_strategy(PUNCT)
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäö", min_size=1, max_size=8)
TERM = st.sampled_from(["p.", "pp.", "chap.", "sec.", "vol.", "para.", "n.", "fig.", "§", "pages", "chapter"])
VALUE = st.one_of(
    st.integers(1, 999).map(str),
    st.tuples(st.integers(1, 99), st.integers(100, 999)).map(lambda t: f"{t[0]}-{t[1]}"),
    st.tuples(st.integers(1, 20), st.integers(1, 999)).map(lambda t: f"{t[0]}:{t[1]}"),
)
LOCATOR = st.one_of(
    st.none(),
    VALUE,
    st.tuples(TERM, VALUE).map(" ".join),
    st.tuples(TERM, st.sampled_from(["xii", "iv", "XL"])).map(" ".join),
)


@dataclass
class Prose:
    """Appends text and remembers the keys it wrote: (key, start, end, locator)."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    expected: list[tuple[str, int, int, str | None]] = field(default_factory=list)
    note: int | None = None
    notes: list[int | None] = field(default_factory=list)

    def add(self, text: str) -> int:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start

    def key(self, key: str, locator: str | None = None) -> None:
        """Write ``key`` (braced when given as ``{key}``) and expect it."""
        braced = key.startswith("{")
        start = self.add(key) + (1 if braced else 0)
        bare = key[1:-1] if braced else key
        self.expected.append((bare, start, start + len(bare), locator))
        self.notes.append(self.note)

    @property
    def text(self) -> str:
        return "".join(self.parts)


BRACED_KEY = st.text(alphabet=FIRST + ".-!'()", min_size=1, max_size=8).filter(
    lambda k: not is_cross_reference(k)
).map(lambda k: "{" + k + "}")
KEY = st.one_of(PLAIN_KEY, PLAIN_KEY, BRACED_KEY)
SUFFIX = st.lists(st.sampled_from(["and", "passim", "also", "for", "details"]), max_size=2)
ITEM = st.tuples(st.lists(WORD, max_size=2), st.booleans(), KEY, LOCATOR, SUFFIX)
CITATION = st.one_of(
    st.tuples(st.just("group"), st.lists(ITEM, min_size=1, max_size=3)),
    st.tuples(st.just("bare"), KEY, st.sampled_from(["", ".", ",", ";", ":", "!", "?", "'s"])),
    st.tuples(st.just("located"), KEY, LOCATOR.filter(lambda x: x is not None)),
)
SENTENCE_ITEM = st.one_of(WORD, WORD, CITATION)


def write_citation(prose: Prose, citation) -> None:
    if citation[0] == "group":
        prose.add("[")
        for k, (prefix, suppress, key, locator, suffix) in enumerate(citation[1]):
            if k:
                prose.add("; ")
            if prefix:
                prose.add(" ".join(prefix) + " ")
            prose.add("-@" if suppress else "@")
            prose.key(key, locator)
            if locator:
                prose.add(", " + locator)
            if suffix:
                prose.add(" " + " ".join(suffix))
        prose.add("]")
    elif citation[0] == "bare":
        prose.add("@")
        prose.key(citation[1])
        prose.add(citation[2])
    else:
        prose.add("@")
        prose.key(citation[1], citation[2])
        prose.add(f" [{citation[2]}]")


def write_sentence(prose: Prose, items) -> None:
    for k, item in enumerate(items):
        if k:
            prose.add(" ")
        if isinstance(item, str):
            prose.add(item)
        else:
            write_citation(prose, item)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(SENTENCE_ITEM, min_size=1, max_size=8), min_size=1, max_size=4))
def test_generated_keys_are_recovered_exactly(sentences):
    prose = Prose()
    for sentence in sentences:
        write_sentence(prose, sentence)
        prose.add(". ")
    found = [(u.key, u.start, u.end, u.locator) for u in find_citation_keys(prose.text)]
    assert found == prose.expected


# ---------------------------------------------------------------------------------------------
# The Markdown reader


def citations(text: str) -> list[tuple[str, str, str, int | None, str | None]]:
    """(kind, key, text at the span, note, locator) of each citation the reader finds."""
    document = read(SourceFile("t.md", text))
    return [(c.kind, c.key, text[c.span.start : c.span.end], c.note, c.locator) for c in document.citations]


def test_markdown_keys_with_exact_spans():
    text = "# Title @h\n\n> Quoted [see @a, p. 3;\n> @b, chap. 2] and\n> -@c here.\n\n- item @d [p. 4].\n"
    assert citations(text) == [
        ("key", "h", "h", None, None),
        ("key", "a", "a", None, "p. 3"),
        ("key", "b", "b", None, "chap. 2"),
        ("key", "c", "c", None, None),
        ("key", "d", "d", None, "p. 4"),
    ]


def test_markdown_keys_in_footnotes_carry_the_note_number():
    text = (
        "Body.[^1] Again.[^2] Word.[^w] Inline.^[with @e]\n\n"
        "[^1]: Footnote citing [@f, pp. 12-14] and\n    @g on a continuation line.\n\n"
        "[^2]:\n    Indented @i.\n\n    Second paragraph @j.\n\n"
        "[^w]: Word note @h.\n\nBack in the body @k.\n"
    )
    assert [(key, note) for _, key, _, note, _ in citations(text)] == [
        ("e", None),
        ("f", 1),
        ("g", 1),
        ("i", 2),
        ("j", 2),
        ("h", None),
        ("k", None),
    ]
    assert all(key == written for _, key, written, _, _ in citations(text))


def test_markdown_code_html_and_links_hide_keys():
    text = (
        "Prose `@code` and ``a @b`` and <!-- @comment\n@more --> and <span data-x=\"@attr\">.\n\n"
        "```\n@fenced\n```\n\n    @indented\n\n<div>\n@html\n</div>\n\n<!--\n@block\n-->\n\n"
        "Mail <me@example.org>, <https://example.org/@auto>, [text @shown](https://example.org/@dest),\n"
        "![alt](img/@pic.png) and [ref][@label] and https://example.org/@bare.\n\n"
        "[@label]: https://example.org/@def\n"
    )
    assert [key for _, key, _, _, _ in citations(text)] == ["shown"]  # "[@label]" names a link reference


def test_markdown_crossrefs_and_emails_are_not_citations():
    text = "See @fig-map, [@tbl-data], @sec:intro and name@example.org.\n"
    assert citations(text) == []


def test_markdown_front_matter_nocite():
    text = "---\ntitle: T\nnocite: |\n  @extra, @*\n---\n\nBody @a.\n"
    assert citations(text) == [
        ("nocite", "extra", "extra", None, None),
        ("nocite", "*", "*", None, None),
        ("key", "a", "a", None, None),
    ]


def test_markdown_crlf_tabs_and_wide_characters():
    raw = "Ünïcödé 😀 text\r\n\tand [@a, p. 1]\r\n> quote\t@b.\r\n".encode()
    text = decode(raw)[0]
    assert [(key, written) for _, key, written, _, _ in citations(text)] == [("a", "a"), ("b", "b")]


# ---------------------------------------------------------------------------------------------
# Property: generated Markdown with keys and decoys


MD_PUNCT = st.sampled_from(list(":.#$%-+?~/"))  # no < > & (HTML, entities) in Markdown keys
MD_KEY = key_strategy(MD_PUNCT)
MD_CITATION = st.one_of(
    st.tuples(
        st.just("group"),
        st.lists(st.tuples(st.lists(WORD, max_size=2), st.booleans(), MD_KEY, LOCATOR, SUFFIX), min_size=1, max_size=3),
    ),
    st.tuples(st.just("bare"), MD_KEY, st.sampled_from(["", ".", ",", ";", "!", "?"])),
    st.tuples(st.just("located"), MD_KEY, LOCATOR.filter(lambda x: x is not None)),
)
DECOY = MD_KEY.flatmap(
    lambda key: st.sampled_from(
        [
            f"`@{key}`",
            f"<!-- @{key} -->",
            f"name@{key}",
            f"https://example.org/@{key}",
            f"<https://example.org/@{key}>",
            "@fig-" + key,
            "@sec:" + key,
            "[@tbl-" + key + "]",
            "\\@" + key,
        ]
    )
)
MD_ITEM = st.one_of(WORD, WORD, MD_CITATION, st.tuples(st.just("decoy"), DECOY))
LINES = st.lists(st.lists(MD_ITEM, min_size=1, max_size=6), min_size=1, max_size=3)
BLOCK = st.one_of(
    st.tuples(st.just("paragraph"), LINES),
    st.tuples(st.just("note"), LINES),
    st.tuples(st.just("fence"), DECOY),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(BLOCK, min_size=1, max_size=5))
def test_generated_markdown_keys_are_recovered_exactly(blocks):
    prose = Prose()
    note_number = 0
    for kind, content in blocks:
        if kind == "fence":
            prose.add(f"```\n{content}\n```\n\n")
            continue
        if kind == "note":
            note_number += 1
            prose.note = note_number
            prose.add(f"[^{note_number}]: ")
        for k, line in enumerate(content):
            prose.add("    " if k and kind == "note" else "")
            prose.add("text ")  # a word first: no list item, heading or definition
            for item in line:
                if isinstance(item, str):
                    prose.add(item + " ")
                elif item[0] == "decoy":
                    prose.add(item[1] + " ")
                else:
                    write_citation(prose, item)
                    prose.add(" ")
            prose.add("\n")
        prose.add("\n")
        prose.note = None
    text = prose.text
    document = read(SourceFile("t.md", text))
    found = [(c.key, c.span.start, c.span.end, c.locator, c.note) for c in document.citations]
    expected = [(*e, note) for e, note in zip(prose.expected, prose.notes)]
    assert found == expected
