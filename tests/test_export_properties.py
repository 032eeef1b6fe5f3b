"""Property tests: generated bibliographies export idempotently and lose nothing.

Each generated file mixes the forms the normalisations touch (quoted, braced and bare values,
``#`` concatenations with @string macros, names in every order with ``von``, ``Jr`` and braced
corporate authors, page ranges with every dash, months as names, numbers and macros, DOIs with
prefixes, ragged whitespace, upper-case field names and types), duplicates by key, DOI and
title, repeated fields, comments above and between entries, ``%`` lines inside entries,
``@preamble``, ``@comment`` and unreadable blocks. The checks are :func:`assert_nothing_lost`
and :func:`canonical` of ``test_export.py``, which do not trust the exporter.
"""

from __future__ import annotations

import os

from bibtexparser.model import DuplicateBlockKeyBlock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_export import assert_nothing_lost, export_text, parse

from citecheck.bib.export import export_bibtex

WORDS = [
    "Soviet", "policy", "War", "peace", "Économie", "{DNA}", "{\\\"O}zt{\\\"u}rk", "and", "the", "1939",
    "x-ray", "50\\%", "a@b.org", "see @book{x}", "{\\em emphasis}", "a\u00a0b",
]  # fmt: skip
FIRST = ["John", "J.", "Anna Maria", "Jean-Paul", "{\\'E}mile", "R.~C."]
LAST = ["Smith", "Tucker", "M{\\\"u}ller", "Brinch Hansen", "Nobody"]
VON = ["van", "de la", "von"]
BLANKS = st.sampled_from([" ", "  ", "\n    ", "\t", " \n "])


@st.composite
def text(draw, low: int = 1, high: int = 5) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=low, max_size=high))
    out = words[0]
    for word in words[1:]:
        out += draw(BLANKS) + word
    return out


@st.composite
def person(draw) -> str:
    first, last = draw(st.sampled_from(FIRST)), draw(st.sampled_from(LAST))
    form = draw(st.integers(0, 5))
    if form == 0:
        return f"{first} {last}"
    if form == 1:
        return f"{last}, {first}"
    if form == 2:
        return f"{first} {draw(st.sampled_from(VON))} {last}"
    if form == 3:
        return f"{last}, Jr., {first}"
    if form == 4:
        return "{" + draw(st.sampled_from(["World Health Organization", "Smith and Sons", "UNESCO"])) + "}"
    return "others"


@st.composite
def names(draw) -> str:
    people = draw(st.lists(person(), min_size=1, max_size=3))
    return (draw(BLANKS) + "and" + draw(BLANKS)).join(people)


def delimited(draw, value: str) -> str:
    if '"' not in value and draw(st.booleans()):
        return f'"{value}"'
    return "{" + value + "}"


@st.composite
def field(draw) -> tuple[str, str]:
    kind = draw(
        st.sampled_from(
            ["author", "editor", "title", "pages", "month", "doi", "year", "journal", "note", "isbn", "zeta"]
        )
    )
    if kind in ("author", "editor"):
        value = delimited(draw, draw(names()))
    elif kind == "pages":
        a, b = draw(st.integers(1, 500)), draw(st.integers(1, 900))
        value = delimited(draw, f"{a}{draw(st.sampled_from(['-', '--', '–', ' - ', '—', '---']))}{b}")
    elif kind == "month":
        value = draw(st.sampled_from(["jan", "Feb", "{March}", '"april"', "5", "{6}", "{Spring}", "dec # {~1}"]))
    elif kind == "doi":
        prefix = draw(st.sampled_from(["", "https://doi.org/", "doi:", "http://dx.doi.org/"]))
        value = delimited(draw, f"{prefix}10.{draw(st.integers(1000, 1003))}/abc{draw(st.integers(0, 3))}")
    elif kind == "year":
        year = draw(st.integers(1900, 1905))
        value = str(year) if draw(st.booleans()) else delimited(draw, str(year))
    elif kind == "journal":
        value = draw(st.sampled_from(["jmh", "JMH", "{Soviet Studies}", '"Slavic " # jmh', "undefinedmacro"]))
    elif kind == "isbn":
        value = delimited(draw, draw(st.sampled_from(["0-333-30050-6", "978-0-333-30050-3", "0-19-820161-0"])))
    else:
        value = "{}" if draw(st.integers(0, 9)) == 0 else delimited(draw, draw(text()))
    name = kind.upper() if draw(st.integers(0, 5)) == 0 else kind
    return name, value


@st.composite
def entry(draw, keys: list[str]) -> str:
    key = draw(st.sampled_from(keys))
    entry_type = draw(st.sampled_from(["article", "Book", "INCOLLECTION", "misc"]))
    fields = draw(st.lists(field(), min_size=0, max_size=7))
    parts = [f"@{entry_type}{{{key},"]
    for number, (name, value) in enumerate(fields):
        separator = "," if number < len(fields) - 1 or draw(st.booleans()) else ""
        parts.append(f"{draw(BLANKS)}{name}{draw(st.sampled_from([' = ', '=', '  =  ']))}{value}{separator}")
        if draw(st.integers(0, 9)) == 0:
            parts.append("\n  % a note inside the entry")
    parts.append("\n}")
    return "".join(parts)


BROKEN = [
    "@article{broken1,\n  title = {never closed,\n  year = 1999\n}",
    "@book{broken2, title = {x}} junk after it",
    "@misc{broken3 title = {no comma after the key}}",
]


@st.composite
def bibliography(draw) -> str:
    keys = draw(st.lists(st.sampled_from(["a1", "A1", "b2", "c3", "d4", "e5", "f:6", "g-7"]), min_size=1, max_size=5))
    blocks = []
    if draw(st.booleans()):
        blocks.append("% A header comment\n% over two lines")
    blocks.append('@string{jmh = "Journal of' + draw(BLANKS) + 'Modern History"}')
    if draw(st.booleans()):
        blocks.append('@preamble{ "\\newcommand{\\noop}[1]{}" }')
    for _ in range(draw(st.integers(0, 8))):
        choice = draw(st.integers(0, 12))
        if choice == 0:
            comment = st.sampled_from(["% a comment", "Some text between entries.", "@comment{an explicit one}"])
            blocks.append(draw(comment))
        elif choice == 1:
            blocks.append(draw(st.sampled_from(BROKEN)))
        else:
            blocks.append(draw(entry(keys)))
    out = ""
    for block in blocks:
        out += block + draw(st.sampled_from(["\n", "\n\n", "\n\n\n", " \n"]))
    return out


# CITECHECK_EXAMPLES=5000 for a longer hunt.
SETTINGS = settings(
    max_examples=int(os.environ.get("CITECHECK_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@SETTINGS
@given(bibliography())
def test_export_is_idempotent(source):
    once = export_text(source)
    assert export_text(once) == once


@SETTINGS
@given(bibliography())
def test_export_loses_nothing(source):
    original = parse(source)
    export = export_bibtex(original)
    assert_nothing_lost(original, export.text, dict(export.keymap))
    again = parse(export.text)
    assert len(again.failures) == len(original.failures)
    # Entries share a key only where the input had entries with that key and other contents.
    assert shared_keys(again) <= shared_keys(original)


def shared_keys(bib) -> set[str]:
    seen: set[str] = set()
    return {key for key in (entry.key.casefold() for entry in bib.entries) if key in seen or seen.add(key)}


@SETTINGS
@given(bibliography())
def test_bibtexparser_reads_the_export_of_a_file_the_loader_reads_whole(source):
    import bibtexparser

    original = parse(source)
    if original.failures or any(item.problem for entry in original.entries for item in entry.fields):
        return
    exported = export_text(source)
    library = bibtexparser.parse_string(exported)
    if shared_keys(original):  # kept as they were: bibtexparser reads the first of each key only
        assert all(isinstance(block, DuplicateBlockKeyBlock) for block in library.failed_blocks)
        return
    assert not library.failed_blocks, [block.raw for block in library.failed_blocks]
    assert [entry.key for entry in library.entries] == [entry.key for entry in parse(exported).entries]
