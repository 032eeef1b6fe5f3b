"""Loading a .bib file: positions, values, macros, failures, crossref, the bibtexparser Library."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import bibtexparser
import pytest
from bibtexparser import model as bp
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.bib import BibEntry, BibFailure, BibField, Bibliography, load_bibliography, parse_bibliography
from citecheck.bib.blocks import build_library, standalone_entry
from citecheck.bib.load import interpret_value, macro_refs
from citecheck.bib.normalize import fold, latex_to_text
from citecheck.source import SourceFile, Span, decode


def parse(text: str, path: str = "refs.bib") -> Bibliography:
    decoded, encoding, problem = decode(text.encode("utf-8"))
    return parse_bibliography(SourceFile(path, decoded, encoding, problem))


def where(bib: Bibliography, span: Span) -> tuple[int, int]:
    location = bib.source.locate(span)
    return location.line, location.column


def text_at(bib: Bibliography, span: Span) -> str:
    return bib.source.text[span.start : span.end]


SAMPLE = """\
% references for chapter 1
@string{jmh = "Journal of Modern History"}

@article{tucker1977,
  author  = {Tucker, Robert C.},
  title   = {The Emergence of {Stalin's} Foreign Policy},
  journal = jmh,
  year    = 1977,
  month   = jan,
  pages   = {1--20},
}

@Book{haslam1984,
    author = "Haslam, Jonathan",
    title = {The {Soviet Union} and the Struggle for Collective Security in {Europe}, 1933--39},
    publisher = {Macmillan}, address = {London}, year = {1984}
}
"""


# -- positions


def test_entry_key_and_field_positions_are_exact():
    bib = parse(SAMPLE)
    tucker, haslam = bib.entries
    assert where(bib, tucker.span) == (4, 1)
    assert text_at(bib, tucker.span).startswith("@article{tucker1977,")
    assert text_at(bib, tucker.span).endswith("}")
    assert bib.source.locate(tucker.span).end_line == 11
    assert where(bib, tucker.key_span) == (4, 10)
    assert text_at(bib, tucker.key_span) == "tucker1977"
    title = tucker.field("title")
    assert title is not None
    assert where(bib, tucker.field_span(title)) == (6, 3)
    assert text_at(bib, tucker.field_span(title)) == "title   = {The Emergence of {Stalin's} Foreign Policy}"
    assert where(bib, tucker.value_span(title)) == (6, 13)
    assert text_at(bib, tucker.value_span(title)) == title.raw
    assert text_at(bib, tucker.name_span(title)) == "title"
    assert where(bib, haslam.span) == (13, 1)
    assert haslam.entry_type == "book"
    assert [where(bib, haslam.field_span(item)) for item in haslam.fields] == [(14, 5), (15, 5), (16, 5), (16, 30), (16, 50)]


def test_crlf_file_has_the_same_positions_as_lf():
    lf = parse(SAMPLE)
    crlf = parse(SAMPLE.replace("\n", "\r\n"))
    assert [where(crlf, e.span) for e in crlf.entries] == [where(lf, e.span) for e in lf.entries]
    assert [where(crlf, crlf.entries[0].field_span(f)) for f in crlf.entries[0].fields] == [
        where(lf, lf.entries[0].field_span(f)) for f in lf.entries[0].fields
    ]
    assert crlf.entries[0].field("title").raw == lf.entries[0].field("title").raw


def test_every_span_is_in_the_file_and_fields_are_in_order():
    bib = parse(SAMPLE)
    for entry in bib.entries:
        assert bib.source.text[entry.span.start] == "@"
        starts = [entry.field_span(item).start for item in entry.fields]
        assert starts == sorted(starts)
        for item in entry.fields:
            assert entry.span.start < entry.field_span(item).start < entry.field_span(item).end <= entry.span.end
            assert text_at(bib, entry.value_span(item)) == item.raw


# -- values and macros


def test_values_lose_their_delimiters_and_macros_are_interpolated():
    bib = parse(SAMPLE)
    tucker = bib.entries[0]
    assert tucker.get("title") == "The Emergence of {Stalin's} Foreign Policy"
    assert tucker.field("title").raw == "{The Emergence of {Stalin's} Foreign Policy}"
    assert tucker.get("journal") == "Journal of Modern History"
    assert tucker.field("journal").raw == "jmh"
    assert tucker.get("year") == "1977"
    assert tucker.get("month") == "January"  # jan ... dec are predefined, as in BibTeX's styles
    assert bib.entries[1].get("author") == "Haslam, Jonathan"


def test_string_concatenation_and_nested_macros():
    bib = parse(
        """@string{first = "Robert"}
@STRING{ Name = first # " C. " # {Tucker} }
@string(place = "New York")
@misc{k, author = name, note = "in " # place # ", " # 1990, month = feb # "~1", howpublished = nope # "x"}
"""
    )
    assert [s.name for s in bib.strings] == ["first", "name", "place"]
    assert bib.strings[1].value == "Robert C. Tucker"
    assert bib.strings[1].raw == 'first # " C. " # {Tucker}'
    entry = bib.entries[0]
    assert entry.get("author") == "Robert C. Tucker"
    assert entry.get("note") == "in New York, 1990"
    assert entry.get("month") == "February~1"
    assert entry.get("howpublished") == "nopex"  # an undefined macro stays as written
    refs = [(ref.name, ref.defined, text_at(bib, ref.span)) for ref in macro_refs(bib)]
    assert ("first", True, "first") in refs
    assert ("nope", False, "nope") in refs
    assert ("place", True, "place") in refs
    assert ("feb", True, "feb") in refs


def test_a_file_may_redefine_a_month_macro_and_use_a_macro_before_defining_it():
    bib = parse('@misc{a, month = jan, journal = later}\n@string{jan = "Janvier"}\n@string{later = "Late"}\n')
    assert bib.entries[0].get("month") == "Janvier"
    assert bib.entries[0].get("journal") == "Late"


def test_interpret_value_reports_malformed_values_without_losing_text():
    assert interpret_value("{a} # {b}", {}.get) == ("ab", [], None)
    value, refs, problem = interpret_value("{x} junk", {}.get)
    assert value == "x junk" and problem is not None
    value, refs, problem = interpret_value("{unclosed", {}.get)
    assert value == "unclosed" and "never closed" in problem
    assert interpret_value("2000", {}.get) == ("2000", [], None)
    assert interpret_value("jmh", {"jmh": "J"}.get) == ("J", [("jmh", 0, 3)], None)


# -- what biber reads and bibtexparser does not


def test_percent_comment_lines_inside_an_entry_are_skipped():
    bib = parse(
        """@article{k,
  % checked against the library copy, 2021
  title = {A Title},
  % volume = {12},
  year = 1999 % the print year
}
"""
    )
    assert not bib.failures
    (entry,) = bib.entries
    assert [f.name for f in entry.fields] == ["title", "year"]
    assert entry.get("year") == "1999"
    assert where(bib, entry.field_span(entry.field("title"))) == (3, 3)
    assert where(bib, entry.field_span(entry.field("year"))) == (5, 3)


def test_a_repeated_field_is_kept_twice_with_both_positions():
    bib = parse("@article{k,\n  title = {First},\n  Title = {Second}\n}\n")
    (entry,) = bib.entries
    assert [f.name for f in entry.fields] == ["title", "title"]
    assert entry.field("title").value == "First"
    assert [f.value for f in entry.fields_named("TITLE")] == ["First", "Second"]
    assert [where(bib, entry.field_span(f)) for f in entry.fields_named("title")] == [(2, 3), (3, 3)]
    (block,) = build_library(bib).blocks
    assert [f.key for f in block.fields] == ["title", "Title"]  # an Entry, not a failed block


def test_round_bracket_entries_and_blocks():
    bib = parse('@article(k1, title = {a)b}, note = "x)" )\n@preamble("\\def\\x{y}")\n@comment(a (note))\n')
    (entry,) = bib.entries
    assert entry.key == "k1"
    assert [(f.name, f.value) for f in entry.fields] == [("title", "a)b"), ("note", "x)")]
    assert text_at(bib, entry.span) == '@article(k1, title = {a)b}, note = "x)" )'
    assert bib.preambles[0].value == "\\def\\x{y}"
    # bibtexparser's reading: the first ')' at brace depth 0 ends the comment; the rest is text
    assert [(c.text, c.explicit) for c in bib.comments] == [("a (note", True), (")", False)]
    assert not bib.failures


def test_round_bracket_entries_read_as_their_braced_twins():
    """Entries in round brackets take the one-pass reader: the same records as in braces, a
    ``%`` comment line between fields and a repeated key included."""
    round_text = '@misc(a, title = x) @misc(a,\n% old\n year = 2001 # "b", t = {c}) '
    braced = parse(round_text.replace("(", "{").replace(")", "}"))
    bib = parse(round_text)
    assert bib.entries == braced.entries
    assert [entry.span.start for entry in bib.entries if entry.key == "a"] == [0, 20]
    assert bib.by_key["a"] is bib.entries[0]
    assert [(f.name, f.value) for f in bib.entries[1].fields] == [("year", "2001b"), ("t", "c")]
    assert not bib.failures and not bib.comments


def test_a_quote_inside_braces_inside_quotes_is_read_as_bibtex_reads_it():
    bib = parse('@article{key01,\n  author = "Simon {"}the {saint"} Templar",\n}\n')
    (entry,) = bib.entries
    assert entry.get("author") == 'Simon {"}the {saint"} Templar'
    assert not bib.comments  # bibtexparser leaves ' Templar",\n}' behind as a comment


def test_duplicate_keys_are_all_kept():
    bib = parse("@book{a, title={One}}\n@book{b, title={Two}}\n@article{a, title={Three}}\n")
    assert [e.key for e in bib.entries] == ["a", "b", "a"]
    assert [e.get("title") for e in bib.entries if e.key == "a"] == ["One", "Three"]
    assert bib.by_key["a"] is bib.entries[0]
    assert bib.entry("a").get("title") == "One"
    assert bib.find("A").get("title") == "One"
    duplicate = build_library(bib).blocks[2]
    assert isinstance(duplicate, bp.DuplicateBlockKeyBlock)
    assert duplicate.ignore_error_block.key == "a"
    assert duplicate.ignore_error_block["title"] == "Three"


# -- failures


def test_unreadable_blocks_become_failures_with_their_true_line_and_reading_goes_on():
    bib = parse(
        """@article{ok1, title = {Fine}}

@article{broken,
  title = {Unclosed,
  year = 2000
}

@book{ok2, title = {Also fine}}
@article{nocomma title = {x}}
@misc{ok3,
  title = {x} {y},
}
"""
    )
    # bibtexparser reads '{x} {y}' as one value; so do we, marking the field as not well-formed
    assert [e.key for e in bib.entries] == ["ok1", "ok2", "ok3"]
    assert [where(bib, f.span)[0] for f in bib.failures] == [3, 9]
    runaway, nocomma = bib.failures
    assert "'title'" in runaway.message and "missing" in runaway.message
    assert where(bib, runaway.error_span) == (4, 11)
    assert nocomma.message == "expected ',' after the key 'nocomma', found 't'"
    assert text_at(bib, nocomma.span) == "@article{nocomma title = {x}}"
    assert isinstance(nocomma.block, bp.ParsingFailedBlock)
    assert nocomma.block.start_line == 8  # bibtexparser counts from 0
    assert nocomma.block in build_library(bib).failed_blocks
    ok3 = bib.entries[2]
    assert ok3.get("title") == "x {y}"
    assert ok3.field("title").problem == "text after the value: '{y}' (a missing '#' or ','?)"


def test_a_missing_comma_between_fields_is_read_as_bibtexparser_reads_it_and_marked():
    bib = parse("@article{k,\n  title = {x}\n  year = 2000\n}\n")
    assert not bib.failures
    (title,) = bib.entries[0].fields
    assert title.raw == "{x}\n  year = 2000"
    assert title.problem == "text after the value: 'year = 2000' (a missing '#' or ','?)"


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("@article{k,\n  title = {x},\n  year 2000\n}\n", 1, "expected '=' after field 'year', found '2'"),
        ("@article{k,\n  title {x}\n}\n", 1, "expected '=' after field 'title', found '{'"),
        (
            "@article{\n  title = {x}\n}\n",
            1,
            "expected a citation key after '@article{', found a field ('title = ...')",
        ),
        ('@article{k, title = "open\n}\n', 1, "the '\"' opening field 'title' at line 1, column 21 is never closed"),
        ("x\n@article{k, title = {x}\n\n@book{b, title={y}}\n", 2, "expected ',' or '}' after field 'title'"),
    ],
)
def test_failure_messages_say_what_was_expected(text: str, line: int, expected: str):
    bib = parse(text)
    assert len(bib.failures) == 1
    failure = bib.failures[0]
    assert where(bib, failure.span)[0] == line
    assert failure.message.startswith(expected)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('@{}()",=#%\\ \n\tabc0123éx')), max_size=200))
def test_any_text_loads_without_an_exception_and_loses_nothing(text: str):
    bib = parse(text)
    covered = sorted((block.span.start, block.span.end) for block in bib.blocks)
    position = 0
    for start, end in covered:
        assert start >= position  # blocks do not overlap
        assert not bib.source.text[position:start].strip()  # anything between them is blank
        position = end
    assert not bib.source.text[position:].strip()
    for entry in bib.entries:
        for item in entry.fields:
            assert text_at(bib, entry.value_span(item)) == item.raw
    build_library(bib)  # builds without an exception too


def test_failure_line_is_true_in_a_latin1_crlf_file(tmp_path: Path):
    text = "% Übersicht\r\n@book{a, author = {Müller}}\r\n\r\n@book{b, title = {x}\r\n\r\n@book{c, year = 1}\r\n"
    path = tmp_path / "mixed.bib"
    path.write_bytes(text.encode("cp1252"))
    bib = load_bibliography(path)
    assert bib.source.decode_problem is not None
    assert [e.key for e in bib.entries] == ["a", "c"]
    (failure,) = bib.failures
    assert where(bib, failure.span) == (4, 1)
    assert failure.block.start_line == 3
    assert where(bib, bib.entries[1].span) == (6, 1)


def test_latin1_file_decodes_with_a_problem_noted(tmp_path: Path):
    path = tmp_path / "latin1.bib"
    path.write_bytes("@book{k, author = {Müller, Jürgen}, title = {Études}}\n".encode("latin-1"))
    bib = load_bibliography(path, "latin1.bib")
    assert bib.source.decode_problem is not None
    assert bib.path == "latin1.bib"
    assert bib.entries[0].get("author") == "Müller, Jürgen"
    assert bib.entries[0].get("title") == "Études"


# -- crossref and xdata


def test_crossref_and_xdata_are_resolved_with_cycles_cut():
    bib = parse(
        """@inproceedings{paper, author = {A}, title = {Paper}, crossref = {proc}, xdata = {pub, missing}}
@proceedings{proc, title = {Proceedings of X}, year = 2001, editor = {E}, crossref = {series}}
@xdata{pub, publisher = {Springer}, address = {Berlin}}
@misc{series, series = {LNCS}, crossref = {proc}}
@misc{loop, crossref = {loop}, title = {Self}}
"""
    )
    resolved = bib.resolved_fields(bib.entry("paper"))
    assert resolved["title"] == "Paper"
    assert resolved["booktitle"] == "Proceedings of X"  # biblatex: proceedings title -> booktitle
    assert resolved["year"] == "2001"
    assert resolved["editor"] == "E"
    assert resolved["publisher"] == "Springer"
    assert resolved["series"] == "LNCS"  # cascading: paper -> proc -> series
    assert "crossref" in resolved and resolved["crossref"] == "proc"  # its own, not inherited
    assert bib.resolved_fields(bib.entry("loop")) == {"crossref": "loop", "title": "Self"}
    assert [(kind, key, target is None) for kind, key, target in bib.parents(bib.entry("paper"))] == [
        ("crossref", "proc", False),
        ("xdata", "pub", False),
        ("xdata", "missing", True),
    ]


def test_crossref_between_plain_entries_copies_missing_fields_as_they_are():
    bib = parse("@incollection{ch, title = {Ch}, crossref = {Book}}\n@book{book, title = {B}, year = 1990}\n")
    resolved = bib.resolved_fields(bib.entries[0])
    assert resolved["year"] == "1990"
    assert resolved["title"] == "Ch"
    assert "booktitle" not in resolved  # a @book is not a @collection: no title -> booktitle


# -- LaTeX for comparisons


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        ('{\\"o}', "ö"),
        ("\\'e", "é"),
        ('M{\\"u}ller', "Müller"),
        ("{\\c c}", "ç"),
        ("The {DNA} of {Things}", "The DNA of Things"),
        ("\\L{}ukasiewicz", "Łukasiewicz"),
        ("plain text", "plain text"),
        ("multi\n   line", "multi line"),
        ("{unbalanced", "unbalanced"),
    ],
)
def test_latex_to_text(latex: str, text: str):
    assert latex_to_text(latex) == text


def test_fold_strips_case_and_accents():
    assert fold("Gödel") == fold("GODEL") == "godel"
    assert fold("Łukasiewicz") == "lukasiewicz"
    assert fold("Straße") == "strasse"
    assert fold(latex_to_text('G{\\"o}del')) == "godel"


# -- the bibtexparser Library and the records


def test_library_holds_bibtexparser_blocks_with_true_lines():
    bib = parse(SAMPLE + "@comment{jabref-meta: x;}\n@preamble{\"\\newcommand{\\x}{y}\"}\n")
    library = build_library(bib)
    kinds = [type(block).__name__ for block in library.blocks]
    assert kinds == ["ImplicitComment", "String", "Entry", "Entry", "ExplicitComment", "Preamble"]
    lines = [block.start_line for block in library.blocks]
    assert lines == [0, 1, 3, 12, 17, 18]
    tucker = library.entries[0]
    assert tucker.raw == text_at(bib, bib.entries[0].span)
    assert tucker["journal"] == "Journal of Modern History"
    assert tucker["title"] == "The Emergence of {Stalin's} Foreign Policy"
    assert tucker.fields_dict["year"].start_line == 7
    assert library.strings[0].value == "Journal of Modern History"
    # bibtexparser's writer takes it as it is
    written = bibtexparser.write_string(library)
    assert "@article{tucker1977," in written and "Haslam, Jonathan" in written


def test_library_equals_what_bibtexparser_parses_for_a_clean_file():
    bib = parse(SAMPLE)
    theirs = bibtexparser.parse_string(bib.source.text)
    ours = build_library(bib)
    assert len(ours.blocks) == len(theirs.blocks)
    for mine, their in zip(ours.blocks, theirs.blocks):
        assert type(mine) is type(their)
        assert mine.start_line == their.start_line and mine.raw == their.raw
    for mine, their in zip(ours.entries, theirs.entries):
        assert (mine.key, mine.entry_type) == (their.key, their.entry_type)
        assert [(f.key, f.value, f.start_line, f.enclosing) for f in mine.fields] == [
            (f.key, f.value, f.start_line, f.enclosing) for f in their.fields
        ]


def test_records_are_frozen_plain_values():
    bib = parse(SAMPLE)
    entry = bib.entries[0]
    with pytest.raises(AttributeError):  # a named tuple's field cannot be set
        entry.key = "other"  # type: ignore[misc]
    field = entry.fields[0]
    assert isinstance(field, BibField) and isinstance(entry.field_span(field), Span)
    again = parse(SAMPLE).entries[0]
    assert again == entry and hash(again.fields[0]) == hash(field)
    changed = field._replace(problem="x")
    assert entry.field_span(changed) == entry.field_span(field) and changed.problem == "x" and changed.raw == field.raw
    copied = pickle.loads(pickle.dumps(entry.fields))
    assert copied == entry.fields
    assert "tucker1977" in repr(entry)
    start = entry.start + field.offset
    assert entry.field_span(field) == Span("refs.bib", start, start + field.value_offset + len(field.raw))
    made = BibEntry("k", "misc", "x.bib", 0, 10, 6, (field,))
    assert made.span == Span("x.bib", 0, 10) and made.key_span == Span("x.bib", 6, 7)
    assert standalone_entry(made)["author"] == "Tucker, Robert C."


def test_failure_record_carries_its_span_and_block():
    bib = parse("@article{k title = {x}}\n")
    (failure,) = bib.failures
    assert isinstance(failure, BibFailure)
    assert text_at(bib, failure.span) == "@article{k title = {x}}"
    assert failure.block.raw == "@article{k title = {x}}"
    assert not bib.comments  # the whole block is the failure, up to its closing brace


def test_a_macro_defined_after_its_use_values_the_entries_that_use_it():
    bib = parse('@book{a, journal = jmh, title = "T" # jmh, year = 1990}\n@string{jmh = {J M H}}\n'
                '@book{b, journal = jmh, month = jan}\n@string{jan = {Janvier}}\n')
    first, second = bib.entries
    assert [item.value for item in first.fields] == ["J M H", "TJ M H", "1990"]
    assert [item.value for item in second.fields] == ["J M H", "Janvier"]
    assert bib.by_key["a"] is first and bib.blocks[0] is first
