"""The CC3xx rules: details the fixtures do not pin down, the pipeline with a bibliography, and
every .bib file of ../shared/corpora checked without an exception."""

from __future__ import annotations

import dataclasses
import gc
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck import pipeline
from citecheck.bib import Bibliography, load_bibliography, parse_bibliography
from citecheck.bib.normalize import fold, latex_to_text
from citecheck.config import Settings
from citecheck.reporters import REPORTERS
from citecheck.rules import Context, all_rules, run_rules
from citecheck.bib import sameness
from citecheck.rules import bibliography as bibrules
from citecheck.source import SourceFile, decode

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
BIB_RULES = tuple(rule for rule in all_rules() if rule.code.startswith("CC3"))


def parse(text: str, path: str = "refs.bib") -> Bibliography:
    decoded, encoding, problem = decode(text.encode("utf-8"))
    return parse_bibliography(SourceFile(path, decoded, encoding, problem))


def check(text: str, *codes: str) -> list[tuple[int, str, str]]:
    """(line, code, message) of each finding of the CC3xx rules (or only ``codes``)."""
    bib = parse(text)
    rules = [rule for rule in BIB_RULES if not codes or rule.code in codes]
    found = run_rules(Context.of(bibliography=bib), rules)
    return sorted((bib.source.locate(d.span).line, d.code, d.message) for d in found)


def fixed(text: str, code: str) -> str:
    """``text`` with every fix of ``code`` applied."""
    bib = parse(text)
    fixes = [d.fix for d in run_rules(Context.of(bibliography=bib), BIB_RULES) if d.code == code and d.fix]
    for fix in sorted(fixes, key=lambda f: f.span.start, reverse=True):
        text = text[: fix.span.start] + fix.replacement + text[fix.span.end :]
    return text


BOOK = """\
@book{{{key},
  author = {{Kotkin, Stephen}},
  title = {{{title}}},
  publisher = {{UC Press}},
  year = {{{year}}}{extra}
}}
"""


def book(key: str, title: str = "Magnetic Mountain", year: str = "1995", extra: str = "") -> str:
    return BOOK.format(key=key, title=title, year=year, extra=extra)


# -- CC301


def test_a_failure_is_reported_at_its_block_with_what_was_expected():
    text = book("ok") + "\n@book{broken\n  title = {X},\n}\n"
    ((line, code, message),) = check(text)
    assert (line, code) == (8, "CC301")
    assert message == "cannot read this block: expected ',' after the key 'broken', found 't' (line 9, column 3)"


def test_a_value_that_swallowed_the_next_field_is_cc301_not_also_cc304():
    text = "@article{k,\n  author = {A, B},\n  title = {T}\n  journal = {J},\n  year = {2000}\n}\n"
    assert [(line, code) for line, code, _ in check(text)] == [(3, "CC301")]


# -- CC302


def test_duplicate_keys_are_found_ignoring_case_and_name_the_first_line():
    text = book("Kotkin1995") + book("kotkin1995", "Armageddon Averted", "2001") + book("KOTKIN1995", "Stalin", "2014")
    found = check(text, "CC302")
    assert [(line, code) for line, code, _ in found] == [(7, "CC302"), (13, "CC302")]
    assert all("the entry at line 1 as 'Kotkin1995'" in message for _, _, message in found)


# -- CC303


def test_duplicate_entries_list_the_fields_that_conflict():
    first = "@article{a,\n  author = {Harris, James},\n  title = {The Growth of the Gulag},\n  journal = {RR},\n"
    second = first.replace("{a,", "{b,")
    text = (
        first + "  url = {https://a.org/x},\n  year = 1997,\n  doi = {10.2307/131508}\n}\n"
        + second + "  url = {https://b.org/x},\n  year = 1997,\n  doi = {DOI:10.2307/131508}\n}\n"
    )  # fmt: skip
    ((line, code, message),) = check(text, "CC303")
    assert (line, code) == (9, "CC303")
    assert message == (
        "entry 'b' duplicates 'a' (line 1): same DOI 10.2307/131508; url differs: https://a.org/x vs https://b.org/x"
    )


def test_entries_whose_pages_differ_are_two_works_even_under_one_doi():
    first = "@article{a,\n  author = {Harris, James},\n  title = {The Growth of the Gulag},\n  journal = {RR},\n"
    text = (
        first + "  pages = {12--30},\n  year = 1997,\n  doi = {10.2307/131508}\n}\n"
        + first.replace("{a,", "{b,") + "  pages = {12--31},\n  year = 1997,\n  doi = {10.2307/131508}\n}\n"
    )  # fmt: skip
    assert check(text, "CC303") == []


def test_same_title_author_and_year_compare_decoded_latex_and_ignore_punctuation():
    one = '@book{a,\n  author = {Schl{\\"o}gel, Karl},\n  title = {Terror und Traum: Moskau 1937},\n  year = 2012\n}\n'
    two = "@book{b,\n  author = {Karl Schlögel},\n  title = {{Terror und Traum. Moskau, 1937}},\n  year = 2012\n}\n"
    other_author = "@book{c,\n  author = {Getty, J. Arch},\n  title = {Terror und Traum: Moskau 1937},\n  year = 2012\n}\n"
    other_year = "@book{d,\n  author = {Schlögel, Karl},\n  title = {Terror und Traum: Moskau 1937},\n  year = 2008\n}\n"
    found = check(one + two + other_author + other_year, "CC303")
    assert [(line, code) for line, code, _ in found] == [(6, "CC303")]
    assert "duplicates 'a' (line 1): same title, authors and year" in found[0][2]


def test_same_key_twice_is_left_to_cc302():
    text = book("kotkin1995") + book("kotkin1995")
    assert [code for _, code, _ in check(text)] == ["CC302"]


def test_isbn_10_and_13_of_one_book_match_but_chapters_sharing_a_book_isbn_do_not():
    text = (
        book("a", "Stalin", "2004", ",\n  isbn = {0-520-88364-0}")
        + book("b", "Stalin", "2004", ",\n  isbn = {978-0-520-88364-2},\n  note = {Paperback}")
        + book("c", "Stalin", "2005", ",\n  isbn = {978-0-520-88364-2}")
    )
    ((_, _, message),) = check(text, "CC303")
    assert message.startswith("entry 'b' duplicates 'a' (line 1): same ISBN 9780520883642")
    chapter = (
        "@incollection{{{key},\n  author = {{A, B}},\n  title = {{{title}}},\n  booktitle = {{Book}},\n"
        "  isbn = {{978-0-520-88364-2}},\n  doi = {{10.4324/978020313}}\n}}\n"
    )
    assert check(chapter.format(key="c1", title="One") + chapter.format(key="c2", title="Two"), "CC303") == []


# -- CC304


def test_required_fields_inherited_through_crossref_count():
    text = (
        "@inproceedings{p,\n  author = {A, B},\n  title = {T},\n  crossref = {Proc}\n}\n"
        "@proceedings{proc,\n  title = {Proceedings},\n  year = {2019}\n}\n"
    )
    assert check(text, "CC304") == []
    without = text.replace("  year = {2019}\n", "  publisher = {P}\n")
    assert [(line, code) for line, code, _ in check(without, "CC304")] == [(1, "CC304"), (6, "CC304")]


def test_the_data_model_follows_the_entry_and_either_name_satisfies():
    # A @misc needs nothing in BibTeX, but author/editor, title and a date in biblatex.
    assert check("@misc{m,\n  title = {T}\n}\n", "CC304") == []
    ((_, _, message),) = check("@misc{m,\n  title = {T},\n  date = {2001}\n}\n", "CC304")
    assert message == "@misc 'm' lacks the required field author/editor (biblatex data model)"
    article = "@article{a,\n  author = {A, B},\n  title = {T},\n  journaltitle = {J},\n  year = {2001}\n}\n"
    assert check(article, "CC304") == []
    assert check(article.replace("year", "date"), "CC304") == []


def test_an_empty_required_field_is_missing_and_nothing_else():
    ((_, code, message),) = check(book("k", year=""))
    assert (code, message) == ("CC304", "@book 'k' lacks the required field year/date (BibTeX data model)")


# -- CC305


def test_single_hyphen_fix_replaces_the_value():
    text = (
        "@article{a,\n  author = {A, B},\n  title = {T},\n  journal = {J},\n  year = 2000,\n"
        "  pages = {13-14, 20 - 25}\n}\n"
    )
    assert fixed(text, "CC305") == text.replace("{13-14, 20 - 25}", "{13--14, 20--25}")
    assert check(fixed(text, "CC305")) == []


def test_whitespace_fix_trims_a_verbatim_field():
    text = book("k", extra=",\n  url = {  https://example.org/magnetic  mountain }")
    ((_, code, message),) = check(text)
    assert (code, message) == ("CC305", "field 'url' has leading and trailing whitespace and doubled spaces")
    assert fixed(text, "CC305") == book("k", extra=",\n  url = {https://example.org/magnetic mountain}")


def test_whitespace_the_backends_collapse_is_no_finding():
    assert check(book("k", title="  Magnetic  Mountain:\n    Stalinism as a Civilization ")) == []


@pytest.mark.parametrize(
    ("field", "value", "ok"),
    [
        ("year", "1995", True),
        ("year", "{1995}", True),
        ("year", "{n.d.}", False),
        ("year", "{1995a}", False),
        ("year", "{1939--45}", False),
        ("date", "{1988/1992}", True),
        ("date", "{1988-02-30}", True),  # the calendar is biber's business
        ("date", "{1988-13}", False),
        ("date", "{../1992}", True),
        ("date", "{1992/}", True),
        ("date", "{199X}", True),
        ("date", "{spring 1988}", False),
        ("month", "jan", True),
        ("month", "{January}", True),
        ("month", "{Sept.}", True),
        ("month", "12", True),
        ("month", "13", False),
        ("month", "{Jan--Feb}", False),
        ("pages", "{1234--56}", True),
        ("pages", "{1234--12}", False),
        ("pages", "{xi--xv}", True),
        ("pages", "{xi-xv}", False),
        ("pages", "{A-12}", True),  # a section letter, not a range
        ("pages", "{e1001}", True),
    ],
)
def test_field_forms(field, value, ok):
    text = book("k", extra=f",\n  {field} = {value}")
    if field == "year":
        text = text.replace("  year = {1995},\n", "", 1)
    found = check(text, "CC305")
    assert (found == []) == ok, found


def test_a_repeated_field_names_the_first():
    text = book("k", extra=",\n  title = {Again}")
    ((line, code, message),) = check(text)
    assert (line, code) == (6, "CC305")
    assert message.startswith("field 'title' is repeated in entry 'k': first at line 3")


# -- CC306


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("isbn", "978-0-19-280678-5", "ISBN 978-0-19-280678-5: the check digit should be 9, not 5"),
        ("isbn", "0 19 280678 5", None),
        ("isbn", "ISBN-13: 978-0-19-280678-9 (hbk.)", None),
        ("isbn", "0022-2801", "ISBN 0022-2801 is not an ISBN but an ISSN: it belongs in the issn field"),
        ("isbn", "12345", "ISBN 12345 is not an ISBN: it has 5 digits; an ISBN has 10 or 13"),
        ("issn", "0037-6779", None),
        ("issn", "0037-6778", "ISSN 0037-6778: the check digit should be 9, not 8"),
        ("doi", "https://doi.org/10.1086/235062", None),
        ("doi", "{10.1086/235062}", None),
        ("doi", "10.86/235062", "DOI '10.86/235062' is not a DOI: a DOI's prefix is 10. followed by 4 to 9 digits"),
        (
            "doi",
            "https://www.jstor.org/stable/131508",
            "DOI 'https://www.jstor.org/stable/131508' is not a DOI: it is a link, not a DOI (a DOI starts with 10.)",
        ),
    ],
)
def test_identifiers(field, value, message):
    found = check(book("k", extra=f",\n  {field} = {{{value}}}"), "CC306")
    assert [m for _, _, m in found] == ([] if message is None else [message])


# -- CC308


def test_undefined_macros_and_targets():
    text = (
        "@string{jmh = {Journal of Modern History}}\n"
        "@string{both = jmh # { and } # sr}\n"
        "@article{a,\n  author = {A, B},\n  title = {T},\n  journal = jmh,\n  year = 2000,\n  month = oct,\n"
        "  crossref = {nowhere}\n}\n"
        "@article{b,\n  author = {A, B},\n  title = {T},\n  journal = jmhh,\n  year = 2000,\n  xdata = {a, gone}\n}\n"
    )
    found = [(line, message) for line, code, message in check(text, "CC308")]
    assert found == [
        (2, "@string macro 'sr' is not defined"),
        (9, "crossref target 'nowhere' is not in the bibliography"),
        (14, "@string macro 'jmhh' is not defined"),
        (16, "xdata target 'gone' is not in the bibliography"),
    ]


def test_macros_defined_later_in_the_file_count_and_month_macros_are_predefined():
    text = (
        "@article{a,\n  author = {A, B},\n  title = {T},\n  journal = sr,\n  year = 2000,\n  month = dec\n}\n"
        "@string{sr = {Slavic Review}}\n"
    )
    assert check(text) == []


# -- sharing the pass


def test_the_survey_runs_once_per_run_of_the_rules(monkeypatch):
    """Six rules read one pass over the fields; each run of the rules makes it once, and keeps it
    nowhere after (a rule run alone makes its own)."""
    calls = []
    original = bibrules.survey_fields
    counted = lambda context: calls.append(1) or original(context)  # noqa: E731
    surveying = [dataclasses.replace(rule, uses=counted) if rule.uses is original else rule for rule in BIB_RULES]
    assert sum(rule.uses is counted for rule in surveying) == 6
    context = Context.of(bibliography=parse(book("k", year="n.d.")))
    found = list(run_rules(context, surveying))
    assert calls == [1] and [d.code for d in found] == ["CC305"]
    list(run_rules(context, surveying))
    assert calls == [1, 1]
    assert [f.message for f in surveying[-1].findings(context)] == []  # CC308, alone
    assert calls == [1, 1, 1]


# Fields no check finds anything in, and fields with a thing a field check reports (or that
# only looks like one), for the tests below.
PLAIN_FIELDS = (
    ("title", "{Plain words}"), ("author", "{Smith, J. and {\\\"O}d{\\'e}n, K.}"), ("year", "1977"),
    ("date", "{2001-05-06}"), ("pages", "{12--30}"), ("month", "jan"), ("doi", "{10.1234/abc}"),
    ("journal", "jmh"), ("volume", "12"), ("address", '"Oxford"'), ("note", "{a\n  b}"),
    ("abstract", "{The {DNA} of {\\\"u}ber}"), ("url", "{http://x.org/?a=b}"),
)  # fmt: skip
TRICKY_NAMES = ("title", "Title", "year", "date", "pages", "month", "doi", "isbn", "crossref")
TRICKY_VALUES = (
    "{x}", "1977", "2nd", "undefinedmac", "{ x}", "{x }", "{}", '""', '"x "', '" x"', "{a  b}",
    "{a\tb}", "{a \tb}", "{a\n\tb}", '"a {b} c"', "{n.d.}", "{12-30}", "{30--12}", "{Jan.}", "{13}",
    "{https://doi.org/10.1/x}", "{978-0-19-280678-5}", "{C\\# x}", "{50\\% x}", '"a" # jmh',
    "{a} # {b}", "{\\ }", "{a\\ }", "{x\u00a0}", "{\u00a0x}", "{a {b }}", "{ }", "{a = b}",
)  # fmt: skip
LEADS = (", ", ",\n  ", ",\n\t", ",\n  % a comment\n  ")
EQUALS = (" = ", "=", "  =  ")
TAILS = ("\n", ",\n", "", " % c\n")


def entry_text(kind: str, key: str, fields: list[tuple[str, str]], layout: int) -> str:
    lead, equals, tail = LEADS[layout % 4], EQUALS[layout % 3], TAILS[layout // 3 % 4]
    return f"@{kind}{{{key}{''.join(f'{lead}{name}{equals}{value}' for name, value in fields)}{tail}}}\n"


def what_is_found(text: str) -> list[tuple[str, str]]:
    """(code, message) of each CC3xx finding, line numbers in messages left out."""
    found = run_rules(Context.of(bibliography=parse(text)), BIB_RULES)
    return sorted((d.code, re.sub(r"line \d+", "line N", d.message)) for d in found)


def test_each_check_finds_the_same_whatever_the_layout_around_the_values():
    strings = '@string{jmh = "J M H"}\n'
    for name in TRICKY_NAMES:
        for value in TRICKY_VALUES:
            for at in (0, 2, 5):
                fields = [*PLAIN_FIELDS[:at], (name, value), *PLAIN_FIELDS[at : at + 3]]
                fields = [item for item in fields if item[0] != name.lower() or item[1] == value]
                plain = what_is_found(strings + entry_text("article", "k1", fields, 0))
                if (name, value) in (("year", "{n.d.}"), ("pages", "{12-30}"), ("month", "{13}")):
                    assert plain, value  # the checks do look at the value
                for layout in range(1, 12):
                    text = strings + entry_text("article", "k1", fields, layout)
                    assert what_is_found(text) == plain, text
    # A concatenation's value is the pieces joined: here it makes the two entries one work.
    same = [("author", "{Smith, J.}"), ("year", "1990")]
    text = (
        strings
        + entry_text("book", "a", [*same, ("title", "{Magnetic} # jmh")], 0)
        + entry_text("book", "b", [*same, ("title", "{MagneticJ M H}")], 0)
    )
    assert [code for code, _ in what_is_found(text) if code != "CC304"] == ["CC303"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["article", "book", "online"]),
            st.sampled_from(["k1", "k2", "K1"]),
            st.lists(st.sampled_from(PLAIN_FIELDS + tuple((n, v) for n in TRICKY_NAMES[:3] for v in TRICKY_VALUES))),
            st.integers(0, 11),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_each_check_finds_the_same_whatever_the_layout_in_any_mix(entries):
    strings = '@string{jmh = "J M H"}\n'
    drawn = strings + "".join(entry_text(*entry) for entry in entries)
    plain = strings + "".join(entry_text(kind, key, fields, 0) for kind, key, fields, _ in entries)
    assert what_is_found(drawn) == what_is_found(plain), drawn


def test_no_bibliography_no_findings():
    assert list(run_rules(Context.of(), BIB_RULES)) == []


# -- title_key is latex_to_text + fold, only faster

_NOT_ALNUM = re.compile(r"[\W_]+")


def slow_key(value: str) -> str:
    return _NOT_ALNUM.sub("", fold(latex_to_text(value)))


LATEX_PIECES = st.sampled_from(
    [
        "Stalin", "the", " ", "  ", "\n  ", "--", "~", ",", ":", "{DNA}", "{\\\"u}", "\\\"{u}", "\\\"u", "\\'e",
        "\\'{\\i}", "\\v{c}", "\\v r", "\\c c", "{\\c{c}}", "\\k{a}", "\\H o", "\\u{g}", "\\=a", "\\.z", "\\~n",
        "\\^o", "\\`a", "{\\o}", "\\o ", "\\L", "{\\ss}", "\\AA", "\\ae", "\\OE", "\\i", "\\emph{Power}",
        "\\textit{Terror}", "\\textsc{ussr}", "\\&", "\\%", "\\_", "\\,", "a\\-b", "\\mbox{x}", "$x^2$",
        "\\LaTeX", "{\\TeX}", "Ærwin", "Łukasiewicz", "Ødegård", "Erdős", "1937", "'s", "ß", "\\textendash",
        "\\", "\\\\", "{", "}", "\\j", "\\v", "\\\"", "\\emph", "\\o{}", "\\\"{}", "\\ ", "\\/", "\\t{oo}", "é",
    ]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(LATEX_PIECES, max_size=8).map("".join))
def test_title_key_equals_latex_to_text_then_fold(value):
    assert sameness.title_key(value) == slow_key(value)


# -- the pipeline


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ch1.md").write_text("Body text.[^1]\n\n[^1]: A note.\n", encoding="utf-8")
    return tmp_path


def run(project: Path, bib_text: str | bytes, **options) -> pipeline.Report:
    """Check ``bib_text`` with a manuscript citing each of its entries (so none is unused)."""
    path = project / "refs.bib"
    if isinstance(bib_text, bytes):
        path.write_bytes(bib_text)
    else:
        path.write_text(bib_text, encoding="utf-8")
    text = bib_text.decode("latin-1") if isinstance(bib_text, bytes) else bib_text
    keys = re.findall(r"@\w+\s*\{\s*([^,\s]+)\s*,", text)
    cites = "".join(f" [@{key}]" for key in keys)
    (project / "ch1.md").write_text(f"Body text.[^1]{cites}\n\n[^1]: A note.\n", encoding="utf-8")
    return pipeline.run(Settings(root=project, bibs=(path,), **options), ["ch1.md"], cwd=project)


def test_run_checks_the_bibliography_and_renders_it_with_excerpts(project):
    report = run(project, book("kotkin1995", year="n.d."))
    ((diagnostic,),) = [[d for d in report.diagnostics if d.span.path == "refs.bib"]]
    assert diagnostic.code == "CC305"
    assert report.sources["refs.bib"].path == "refs.bib"
    text = REPORTERS["text"].render(report, color=False)
    assert "refs.bib:5:10: CC305 [malformed-field] year 'n.d.' is not a year" in text
    assert " 5 |   year = {n.d.}\n   |          ^^^^^^\n" in text
    data = json.loads(REPORTERS["json"].render(report, color=False))
    (found,) = data["diagnostics"]
    assert (found["path"], found["line"], found["column"], found["end_column"]) == ("refs.bib", 5, 10, 15)


def test_inline_suppressions_in_the_bibliography(project):
    text = (
        "% citecheck: ignore[CC304]\n@book{a,\n  title = {A}\n}\n"
        "@book{b, % citecheck: ignore[CC304]\n  title = {B}\n}\n"
        "@book{c,\n  title = {C}\n}\n"
    )
    report = run(project, text)
    assert [(report.locate(d.span).line, d.code) for d in report.diagnostics] == [(8, "CC304")]


def test_per_file_ignores_match_the_bibliography(project):
    report = run(project, book("k", year="n.d."), per_file_ignores=(("*.bib", ("CC305",)),))
    assert report.diagnostics == ()


def test_a_latin1_bibliography_is_cc002_at_the_byte(project):
    data = book("k", title="Schlögel").encode("latin-1")
    report = run(project, data)
    ((diagnostic,),) = [[d for d in report.diagnostics if d.span.path == "refs.bib"]]
    assert diagnostic.code == "CC002"
    assert "byte 0xF6 at line 3, column 16 is not UTF-8" in diagnostic.message
    assert report.locate(diagnostic.span).line == 3


def test_run_restores_the_garbage_collector(project):
    assert gc.isenabled()
    run(project, book("k"))
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0  # what the run made was handed back to the collector
    gc.disable()
    try:
        run(project, book("k"))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_run_leaves_a_hosts_frozen_objects_frozen(project):
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        run(project, book("k"))
        # Still frozen (unfreezing would leave none) and none of the run's objects added; a
        # frozen object that dies (a cache the run's first imports replace) leaves the count.
        assert 0 < gc.get_freeze_count() <= frozen
        assert gc.isenabled()
    finally:
        gc.unfreeze()


def test_the_citecheck_program_leaves_what_a_run_made_frozen(project):
    """The ``citecheck`` program ends with its command: what the run made stays frozen, never
    walked by the collector again (a host process gets it back, the test above)."""
    (project / "refs.bib").write_text(book("k"), encoding="utf-8")
    probe = (
        "import gc, sys; from citecheck.cli import main; from citecheck.collector import freeze_until_exit\n"
        "freeze_until_exit()\n"
        "try:\n    main(['run', '--bib', 'refs.bib', '--output-dir', '', 'ch1.md'])\n"
        "except SystemExit:\n    print('frozen', gc.get_freeze_count() > 0, gc.isenabled())"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=project, capture_output=True, text=True, check=False)
    assert done.stdout.splitlines()[-1] == "frozen True True", done.stderr


def test_a_missing_bibliography_is_cc001_only(project):
    report = pipeline.run(Settings(root=project, bibs=(project / "nope.bib",)), ["ch1.md"], cwd=project)
    assert [d.code for d in report.diagnostics] == ["CC001"]


# -- real files

CORPUS_BIBS = sorted(CORPORA.rglob("*.bib")) if CORPORA.is_dir() else []


@pytest.mark.skipif(not CORPUS_BIBS, reason="../shared/corpora is not there")
def test_every_corpus_bibliography_is_checked_without_an_exception():
    checked = 0
    for path in CORPUS_BIBS:
        bib = load_bibliography(path)
        length = len(bib.source.text)
        for diagnostic in run_rules(Context.of(bibliography=bib), BIB_RULES):
            span = diagnostic.span
            assert span.path == bib.path, (path, diagnostic)
            assert 0 <= span.start <= span.end <= length, (path, diagnostic)
            if diagnostic.fix is not None and diagnostic.fix.span is not None:
                fix_span = diagnostic.fix.span
                assert fix_span.path == bib.path and 0 <= fix_span.start <= fix_span.end <= length
        checked += 1
    assert checked == len(CORPUS_BIBS)


@pytest.mark.skipif(not CORPUS_BIBS, reason="../shared/corpora is not there")
def test_title_key_equals_the_slow_key_on_real_values():
    for path in CORPUS_BIBS:
        for entry in load_bibliography(path).entries:
            for item in entry.fields:
                if item.name in ("title", "author", "editor", "booktitle", "journal"):
                    assert sameness.title_key(item.value) == slow_key(item.value), (path, item.value)
