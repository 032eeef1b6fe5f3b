"""The CC2xx rules on hand-built citations, and their locator and page parsers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pathlib import Path

from citecheck.bib.load import parse_bibliography
from citecheck.bib.normalize import fold, latex_to_text
from citecheck.model import Citation, Document, Person, Work
from citecheck.pipeline import read_document
from citecheck.readers import reader_for
from citecheck.reconcile.index import decode
from citecheck.rules import Context, get_rule
from citecheck.rules.citations import entry_pages, locator_pages
from citecheck.source import SourceFile, Span

BIB = r"""
@book{tucker1973, author = {Tucker, Robert C.}, title = {Stalin as Revolutionary}, publisher = {Norton}, year = 1973}
@article{schapiro1961, author = {Schapiro, Leonard}, title = {The Soviet Army and German Policy},
  journal = {Slavonic Review}, pages = {45--67}, year = 1961}
"""
TEXT = "See [@tucker1937] and [@zzzz] and [@TUCKER1973]. As Preston argues, and as Tucker shows."


def context(*citations: Citation, bib: str | None = BIB) -> Context:
    document = Document(SourceFile("essay.md", TEXT), "markdown", (), (), citations)
    bibliography = parse_bibliography(SourceFile("refs.bib", bib)) if bib is not None else None
    return Context.of(documents=(document,), bibliography=bibliography)


def key(written: str) -> Citation:
    start = TEXT.index(written)
    return Citation("key", written, Span("essay.md", start, start + len(written)), key=written)


def mention(surname: str) -> Citation:
    start = TEXT.index(surname)
    return Citation("mention", surname, Span("essay.md", start, start + len(surname)),
                    work=Work(authors=(Person(surname),)))


def findings(code: str, ctx: Context) -> list:
    rule = get_rule(code)
    return [rule.diagnostic(f) for f in rule.findings(ctx)]


def test_unknown_keys_are_errors_with_a_did_you_mean():
    found = findings("CC201", context(key("tucker1937"), key("zzzz"), key("TUCKER1973")))
    assert [d.message for d in found] == [
        "unknown key 'tucker1937': did you mean 'tucker1973'?",
        "unknown key 'zzzz': no entry has it",
    ]
    assert found[0].fix.replacement == "tucker1973"
    assert TEXT[found[0].span.start : found[0].span.end] == "tucker1937"
    assert found[0].severity.label == "error"


def test_without_a_bibliography_no_citation_rule_reports():
    ctx = context(key("zzzz"), mention("Preston"), bib=None)
    for code in ("CC201", "CC202", "CC203", "CC204", "CC208", "CC209"):
        assert findings(code, ctx) == []


def test_a_scholar_named_without_an_entry_is_reported_once_listed_ones_are_not():
    found = findings("CC208", context(mention("Preston"), mention("Tucker")))
    assert [d.message for d in found] == ["Preston is cited in the text but has no entry in the bibliography"]


def test_locators_give_page_ranges():
    assert locator_pages("pp. 13, 68-72") == ((13, 13), (68, 72))
    assert locator_pages("123–28") == ((123, 128),)
    assert locator_pages("62n4") == ((62, 62),)
    assert locator_pages("45f.") == ((45, 45),)
    assert locator_pages("7:12") == ()
    assert locator_pages("vol. 2, 45") == ()
    assert locator_pages("xiv") == ()
    assert locator_pages(None) == ()


def test_entry_pages_are_a_range_or_nothing():
    assert entry_pages("45--67") == (45, 67)
    assert entry_pages("{1045--67}") == (1045, 1067)
    assert entry_pages("45+") is None
    assert entry_pages("e123") is None


@given(st.text(max_size=40))
def test_page_parsers_never_raise(text):
    for low, high in locator_pages(text):
        assert 0 <= low and 0 <= high
    entry_pages(text)


ACCENTED = st.sampled_from([r"{\"o}", r"\'e", r"{\`a}", r"{\v c}", r"\v{s}", r"{\H o}", r"{\o}", r"{\L}",
                            r"{\ss}", r"{\AA}", r"\c{c}", r"\'{\i}", "--", "~", "{", "}"])


@given(st.lists(st.one_of(ACCENTED, st.from_regex(r"[A-Za-z ]{1,6}", fullmatch=True)), max_size=8))
def test_the_fast_decoder_agrees_with_pylatexenc(pieces):
    value = "".join(pieces)
    if value.count("{") == value.count("}"):
        assert fold(decode(value)) == fold(latex_to_text(value).replace("\xa0", " "))


NOTES = "Note text long enough to hold several segments of citations for the rules to point at."
NOTE_BIB = BIB + r"""
@book{kotkin2014, author = {Kotkin, Stephen}, title = {Stalin: Paradoxes of Power}, publisher = {Penguin}, year = 2014}
@book{kotkin2017, author = {Kotkin, Stephen}, title = {Stalin: Waiting for Hitler}, publisher = {Penguin}, year = 2017}
"""


def source(kind: str, at: int, surname: str, title: str, year: str | None = None,
           locator: str | None = None) -> Citation:
    return Citation(kind, title, Span("essay.md", at, at + 4), note=1, locator=locator,
                    work=Work(authors=(Person(surname),), title=title, year=year))


def note_context(*citations: Citation) -> Context:
    document = Document(SourceFile("essay.md", NOTES), "plaintext", (), (), citations)
    return Context.of(documents=(document,), bibliography=parse_bibliography(SourceFile("refs.bib", NOTE_BIB)))


def test_note_source_messages():
    ctx = note_context(
        source("full", 0, "Carr", "The Bolshevik Revolution", "1950"),
        source("short", 5, "Kotkin", "Stalin"),
        source("full", 10, "Tucker", "Stalin as Revolutionary", "1974"),
        source("full", 15, "Schapiro", "The Soviet Army and German Policy", "1961", "pp. 40-46"),
    )
    assert [d.message for d in findings("CC202", ctx)] == [
        'no bibliography entry matches Carr, "The Bolshevik Revolution" (1950)'
    ]
    assert [d.message for d in findings("CC203", ctx)] == [
        'Kotkin, "Stalin" fits several entries: kotkin2014 (100), kotkin2017 (100)'
    ]
    assert [d.message for d in findings("CC204", ctx)] == ["year 1974 in the note, 1973 in the entry (tucker1973)"]
    assert [d.message for d in findings("CC209", ctx)] == ["pages 40-46 outside the pages of schapiro1961 (45-67)"]
    assert [d.span.start for d in findings("CC209", ctx)] == [15]


def test_a_name_in_prose_spelt_near_a_listed_surname_links_there_and_cc204_reports_the_spelling():
    """machiavelli (Metahistory) cites "(Phillips, 95)"; its reference list prints "Phillis"."""
    text = "It was a mediating figure (Phillips, 95). Nobody else (Zweistein, 4).\n"
    bib = "@book{phillis1979, author = {Phillis, Mark}, title = {Vernacular Historiography}, year = {1979}}\n"
    document = read_document(reader_for(Path("essay.md")), SourceFile("essay.md", text))
    ctx = Context.of(documents=(document,), bibliography=parse_bibliography(SourceFile("refs.bib", bib)))
    resolved = [(r.citation.text, r.status, r.key) for r in ctx.reconciliation.resolutions]
    assert resolved == [("Phillips, 95", "matched", "phillis1979")]
    (found,) = findings("CC204", ctx)
    assert found.message == "author Phillips in the text, Phillis in the entry (phillis1979)"
    assert text[found.span.start : found.span.end] == "Phillips"


def test_the_documented_threshold_is_the_one_used():
    from citecheck.reconcile.match import MATCH_THRESHOLD

    assert f"matches from {MATCH_THRESHOLD:.0f}," in get_rule("CC202").doc
