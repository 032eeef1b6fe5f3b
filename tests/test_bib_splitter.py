"""The fast splitter against bibtexparser 2.1, on generated bibliographies and on real files.

Wherever bibtexparser reads a block, our entries agree with its entries: the same keys, types,
field names and raw values in the same order, and the same values apart from the differences
below, each one deliberate and checked here:

* ``month = jan``: jan ... dec are predefined macros (BibTeX's standard styles define them), so the
  value is "January"; bibtexparser leaves ``jan``.
* a macro whose @string is itself a concatenation or another macro (``title = mytitle`` with
  ``@string{mytitle = cool # " " # stuff}``): we interpolate all the way ("Cool Stuff");
  bibtexparser substitutes the @string's text as written, once.
* a ``#`` concatenation: we join the pieces; bibtexparser keeps the expression as written.
* an entry whose key repeats an earlier one: bibtexparser wraps it in a ``DuplicateBlockKeyBlock``
  and leaves its values as split (``{ZZZ}``); ours are read like any other entry's.
* a repeated field: bibtexparser returns a ``DuplicateFieldKeyBlock`` (a failed block); we keep an
  entry with both fields (biber reads it; the duplicate-field check reports it).
* ``%`` comment lines between fields: bibtexparser makes them part of the next field's name
  (``% checked\\n  title``) or fails the entry; we skip them, as biber does.
* a ``"`` inside braces inside a quoted value (``"Simon {"}the {saint"} Templar"``): bibtexparser
  ends the value at that quote and leaves the rest of the entry as a comment; we read it as BibTeX
  does (braces protect the quote).
* a failed block: bibtexparser's ``ParsingFailedBlock`` ends where it gave up; ours runs to the
  block's closing delimiter when there is one (the rest would otherwise become a comment), and
  its message says what was expected where.
* backslash-escaped braces inside quotes that bibtexparser counts one way when splitting and
  another when removing the enclosing (one test file of the PHP BibTeX parser): the raw values
  agree, the values differ in the ``{"}`` escape.
"""

from __future__ import annotations

import logging
from pathlib import Path

import bibtexparser
import pytest
from bibtexparser import model as bp
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from citecheck.bib import BibEntry, Bibliography, load_bibliography, parse_bibliography
from citecheck.bib.blocks import build_library
from citecheck.bib.load import MONTHS
from citecheck.source import SourceFile, decode

logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
CORPUS_DIRS = ("bibtex-tidy-bibs", "bibtexparser-v1-testdata")
NOT_BIBLIOGRAPHIES = {"LICENSE", "MANIFEST.md"}


def parse(text: str) -> Bibliography:
    decoded, encoding, problem = decode(text.encode("utf-8"))
    return parse_bibliography(SourceFile("gen.bib", decoded, encoding, problem))


def corpus_files() -> list[Path]:
    files: list[Path] = []
    for folder in CORPUS_DIRS:
        root = CORPORA / folder
        if root.is_dir():
            files.extend(sorted(path for path in root.rglob("*") if path.is_file()))
    return files


def corpus_id(path: Path) -> str:
    return path.relative_to(CORPORA).as_posix()


# --------------------------------------------------------------------------------------------
# Generated bibliographies: the generator knows what every entry holds.

WORD = st.text(alphabet=st.sampled_from(list("abcdefghij KLMNOP,.:;=-'/é0123456789")), min_size=1, max_size=12)
LATEX = st.sampled_from(['{\\"o}', "\\'e", "{\\c c}", "\\&", "{\\ss}", "$x^2$", '\\"u', "--"])
SAFE_NEWLINE = st.sampled_from(["\n  ", "\n\t", "\n    more "])


@st.composite
def braced_text(draw, depth: int = 0) -> str:
    """Text for inside braces: balanced nested braces, quotes, commas, '=', '@', '%', newlines."""
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["word", "word", "latex", "nest", "quote", "newline", "at", "percent"]))
        if kind == "word":
            parts.append(draw(WORD))
        elif kind == "latex":
            parts.append(draw(LATEX))
        elif kind == "nest" and depth < 6:
            parts.append("{" + draw(braced_text(depth + 1)) + "}")
        elif kind == "quote":
            parts.append('"')
        elif kind == "newline":
            parts.append(draw(SAFE_NEWLINE))
        elif kind == "at":
            parts.append(" a@b.org ")
        elif kind == "percent":
            parts.append("50\\% ")
    return "".join(parts)


@st.composite
def quoted_text(draw) -> str:
    """Text for inside quotes: braces allowed (without quotes inside them), no bare quote."""
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["word", "word", "latex", "nest", "newline"]))
        if kind == "word":
            parts.append(draw(WORD))
        elif kind == "latex":
            parts.append(draw(LATEX))
        elif kind == "nest":
            inner = draw(braced_text(3)).replace('"', "'")
            parts.append("{" + inner + "}")
        else:
            parts.append(draw(SAFE_NEWLINE))
    return "".join(parts)


@st.composite
def value(draw, macros: dict[str, str]) -> tuple[str, str]:
    """(raw, expected value)."""
    pieces = []
    for _ in range(draw(st.sampled_from([1, 1, 1, 1, 2, 3]))):
        kind = draw(st.sampled_from(["braced", "braced", "quoted", "number", "macro", "month"]))
        if kind == "braced":
            inner = draw(braced_text())
            pieces.append(("{" + inner + "}", inner))
        elif kind == "quoted":
            inner = draw(quoted_text())
            pieces.append(('"' + inner + '"', inner))
        elif kind == "number":
            number = str(draw(st.integers(0, 3000)))
            pieces.append((number, number))
        elif kind == "macro" and macros:
            name = draw(st.sampled_from(sorted(macros)))
            written = draw(st.sampled_from([name, name.upper(), name.capitalize()]))
            pieces.append((written, macros[name]))
        else:
            month = draw(st.sampled_from(sorted(MONTHS)))
            pieces.append((month, macros.get(month, MONTHS[month])))
    joiner = draw(st.sampled_from([" # ", "#", " #\n    "]))
    return joiner.join(raw for raw, _ in pieces), "".join(expected for _, expected in pieces)


KEY = st.from_regex(r"[A-Za-z][A-Za-z0-9_:.\-]{0,12}", fullmatch=True)
FIELD_NAME = st.from_regex(r"[A-Za-z][A-Za-z_\-]{0,9}", fullmatch=True)
ENTRY_TYPE = st.sampled_from(["article", "Book", "INPROCEEDINGS", "misc", "online", "thesis"])
BLANK = st.sampled_from([" ", "", "\n", "\n\n", "\t", "  \n  "])


@st.composite
def bibliography(draw) -> tuple[str, list[tuple[str, str, str, list[tuple[str, str, str]]]], bool]:
    """(text, expected entries as (type, key, delimiter, [(name, raw, value)]), any % lines)."""
    macros: dict[str, str] = {}
    chunks: list[str] = []
    entries = []
    percent_lines = False
    keys: set[str] = set()
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["entry", "entry", "entry", "string", "preamble", "comment", "text"]))
        if kind == "string":
            name = draw(st.from_regex(r"[a-z]{2,6}", fullmatch=True))
            assume(name not in macros)  # a month name may be redefined, any macro only once
            raw, expected = draw(value(macros))
            chunks.append(f"@string{{{name} = {raw}}}")
            macros[name] = expected
        elif kind == "preamble":
            chunks.append('@preamble{"' + draw(quoted_text()) + '"}')
        elif kind == "comment":
            chunks.append("@comment{" + draw(braced_text()) + "}")
        elif kind == "text":
            chunks.append(draw(st.sampled_from(["% a comment line", "Some words.", "%% =====", "x = 1, y"])))
        else:
            entry_type, key = draw(ENTRY_TYPE), draw(KEY)
            assume(key not in keys)
            keys.add(key)
            delimiter = draw(st.sampled_from(["{", "{", "{", "("]))
            close = "}" if delimiter == "{" else ")"
            fields = []
            body = [f"@{entry_type}{delimiter}{draw(BLANK)}{key}"]
            for _ in range(draw(st.integers(0, 5))):
                name = draw(FIELD_NAME)
                raw, expected = draw(value(macros))
                if close == ")" and ")" in raw:
                    raw, expected = "{x}", "x"
                comment = ""
                if draw(st.integers(0, 9)) == 0:
                    comment = "\n  % a comment, with = signs and {braces\n  "
                    percent_lines = True
                equals = draw(st.sampled_from([" = ", "=", " =  "]))
                body.append(f",{draw(BLANK)}{comment}{name}{equals}{raw}")
                fields.append((name.lower(), raw, expected))
            body.append(draw(st.sampled_from([",", "", ",\n", "\n"])) + close)
            chunks.append("".join(body))
            entries.append((entry_type.lower(), key, delimiter, fields))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = "".join(chunk + draw(st.sampled_from(["\n", "\n\n", "\n% between\n"])) for chunk in chunks)
    return text.replace("\n", newline), entries, percent_lines


def entry_tuple(entry: BibEntry) -> tuple[str, str, list[tuple[str, str, str]]]:
    return entry.entry_type, entry.key, [(item.name, item.raw, item.value) for item in entry.fields]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(bibliography())
def test_generated_bibliographies_read_exactly_as_written(generated):
    text, expected, _ = generated
    bib = parse(text)
    assert not bib.failures
    assert [entry_tuple(entry) for entry in bib.entries] == [
        (entry_type, key, fields) for entry_type, key, _, fields in expected
    ]
    for entry in bib.entries:
        assert bib.source.text[entry.span.start] == "@"
        for item in entry.fields:
            value, written = entry.value_span(item), entry.field_span(item)
            assert bib.source.text[value.start : value.end] == item.raw
            assert bib.source.text[written.start : written.end].lower().startswith(item.name)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(bibliography())
def test_generated_bibliographies_agree_with_bibtexparser(generated):
    text, expected, percent_lines = generated
    bib = parse(text)
    theirs = bibtexparser.parse_string(bib.source.text, parse_stack=[])
    their_entries = [block for block in theirs.blocks if isinstance(block, bp.Entry)]
    failed = [block for block in theirs.blocks if isinstance(block, bp.ParsingFailedBlock)]
    repeated = any(len({name for name, _, _ in fields}) < len(fields) for *_, fields in expected)
    if percent_lines or repeated:
        # bibtexparser misreads % lines and rejects repeated fields: see the module docstring
        return
    assert not failed
    assert [(e.entry_type, e.key) for e in their_entries] == [(e.entry_type, e.key) for e in bib.entries]
    for mine, their in zip(bib.entries, their_entries):
        assert [(f.key.lower(), f.value) for f in their.fields] == [(f.name, f.raw) for f in mine.fields]
        assert their.start_line == bib.source.locate(mine.span).line - 1
    assert_library_matches(bib, bibtexparser.parse_string(bib.source.text))


def assert_library_matches(bib: Bibliography, theirs) -> None:  # type: ignore[no-untyped-def]
    """Our Library block by block against bibtexparser's (for a file it reads without failure)."""
    ours = build_library(bib)
    assert [type(block) for block in ours.blocks] == [type(block) for block in theirs.blocks]
    for mine, their in zip(ours.blocks, theirs.blocks):
        assert (mine.start_line, mine.raw) == (their.start_line, their.raw)
        if isinstance(their, bp.Entry):
            assert (mine.key, mine.entry_type) == (their.key, their.entry_type)
            assert [(f.key, f.value, f.start_line) for f in mine.fields] == [
                (f.key, f.value, f.start_line) for f in their.fields
            ]
        elif isinstance(their, bp.String):
            assert (mine.key, mine.value) == (their.key, their.value)
        elif isinstance(their, bp.Preamble):
            assert mine.value == their.value
        elif isinstance(their, (bp.ExplicitComment, bp.ImplicitComment)):
            assert mine.comment == their.comment


# --------------------------------------------------------------------------------------------
# Real files


def needs_corpora() -> None:
    if not CORPORA.is_dir() or not corpus_files():
        pytest.skip("../shared/corpora is not here")


@pytest.fixture(scope="module")
def corpus() -> list[tuple[Path, Bibliography]]:
    needs_corpora()
    return [(path, load_bibliography(path, corpus_id(path))) for path in corpus_files()]


def test_every_corpus_file_loads_and_every_entry_starts_with_an_at_on_its_line(corpus):
    assert len(corpus) > 250
    for path, bib in corpus:
        text = bib.source.text
        for entry in bib.entries:
            line, column = bib.source.index.line_col(entry.span.start)
            assert text[bib.source.index.line_start(line) + column - 1] == "@", (path, entry.key)
            assert text[entry.span.start : entry.key_span.start].lstrip("@").rstrip().lower().startswith(
                entry.entry_type
            )
            assert text[entry.key_span.start : entry.key_span.end] == entry.key
            for item in entry.fields:
                value = entry.value_span(item)
                assert text[value.start : value.end] == item.raw
        build_library(bib)  # builds for every file, too


def test_latin1_corpus_files_decode_with_a_problem(corpus):
    latin1 = {corpus_id(path) for path, bib in corpus if bib.source.decode_problem is not None}
    assert {
        "bibtex-tidy-bibs/test/bibliographies/biber/encoding1.bib",
        "bibtex-tidy-bibs/test/bibliographies/biber/encoding3.bib",
        "bibtex-tidy-bibs/test/bibliographies/biber/encoding4.bib",
    } <= latin1
    for path, bib in corpus:
        if corpus_id(path) in latin1:
            with pytest.raises(UnicodeDecodeError):
                bibtexparser.parse_file(str(path))  # what bibtexparser does with it


# Files where a difference listed in the module docstring shows up: (file, key, field) -> why.
KNOWN_VALUE_DIFFERENCES = {
    ("bibtex-tidy-bibs/test/bibliographies/others/2.bib", "key01", "author"): "quote inside braces",
    ("bibtex-tidy-bibs/test/bibliographies/php-bibtex-parser/tag-contents-slashes.bib", "a", "braced"): "escapes",
}
KNOWN_FAILURES = {
    # file -> 1-based lines where bibtexparser fails a block; we fail the same blocks
    "bibtex-tidy-bibs/test/bibliographies/bibtex-perl-libs/endnote.txt": [1],
    "bibtex-tidy-bibs/test/bibliographies/others/example1.bib": [26, 38],
}


def _explained(bib: Bibliography, entry: BibEntry, name: str, raw: str, theirs: str, duplicate: bool) -> str | None:
    """Why our value may differ from bibtexparser's (the module docstring), or None."""
    known = KNOWN_VALUE_DIFFERENCES.get((bib.path, entry.key, name))
    if known:
        return known
    if duplicate:
        return "repeated key or field: bibtexparser leaves the values as split"
    if "#" in raw:
        return "concatenation"
    macro = raw.strip().lower()
    strings = {string.name: string for string in bib.strings}
    if macro in MONTHS and macro not in strings:
        return "month macro"
    if macro in strings:
        written = strings[macro].raw.strip()
        if "#" in written or written[:1] not in ('"', "{") and not written.isdigit():
            return "a macro defined by a concatenation or another macro"
    return None


def test_corpus_entries_agree_with_bibtexparser(corpus):
    compared = 0
    for path, bib in corpus:
        if path.name in NOT_BIBLIOGRAPHIES or bib.source.decode_problem is not None:
            continue
        split = bibtexparser.parse_string(bib.source.text, parse_stack=[])
        parsed = bibtexparser.parse_string(bib.source.text)
        ours = {}
        for entry in bib.entries:
            ours.setdefault((bib.source.locate(entry.span).line - 1, entry.key), entry)
        failed_lines = []
        for block, processed in zip(split.blocks, parsed.blocks):
            # bibtexparser leaves the values of a repeated key or a repeated field as split
            duplicate = isinstance(block, (bp.DuplicateBlockKeyBlock, bp.DuplicateFieldKeyBlock))
            if isinstance(block, (bp.DuplicateBlockKeyBlock, bp.DuplicateFieldKeyBlock)):
                block, processed = block.ignore_error_block, processed.ignore_error_block
            elif isinstance(block, bp.ParsingFailedBlock):
                failed_lines.append(block.start_line + 1)
                continue
            if not isinstance(block, bp.Entry):
                continue
            mine = ours.get((block.start_line, block.key))
            assert mine is not None, (bib.path, block.start_line + 1, block.key)
            assert mine.entry_type == block.entry_type
            if any(item.key.lstrip().startswith("%") for item in block.fields):
                continue  # % lines: see the module docstring
            assert [f.name for f in mine.fields] == [f.key.lower() for f in block.fields], (bib.path, mine.key)
            for item, split_field, processed_field in zip(mine.fields, block.fields, processed.fields):
                known = KNOWN_VALUE_DIFFERENCES.get((bib.path, mine.key, item.name))
                if known != "quote inside braces":
                    assert item.raw == split_field.value, (bib.path, mine.key, item.name)
                if item.value != processed_field.value:
                    why = _explained(bib, mine, item.name, item.raw, processed_field.value, duplicate)
                    assert why, (bib.path, mine.key, item.name, item.value, processed_field.value)
                compared += 1
        our_failed = [bib.source.locate(failure.span).line for failure in bib.failures]
        assert our_failed == failed_lines == KNOWN_FAILURES.get(bib.path, []), bib.path
    assert compared > 50_000


def test_corpus_libraries_match_bibtexparser(corpus):
    """For files bibtexparser reads without a failed block, our Library is its Library."""
    checked = 0
    for path, bib in corpus:
        if path.name in NOT_BIBLIOGRAPHIES or bib.source.decode_problem is not None:
            continue
        theirs = bibtexparser.parse_string(bib.source.text)
        if theirs.failed_blocks or bib.failures:
            continue
        texts = [bib.source.text[entry.span.start : entry.span.end] for entry in bib.entries]
        if any('"' in text and "{" in text for text in texts) and len(theirs.blocks) != len(build_library(bib).blocks):
            continue  # a quote inside braces inside quotes: bibtexparser leaves a stray comment
        assert_library_matches(bib, theirs)
        checked += 1
    assert checked > 200
