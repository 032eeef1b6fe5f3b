"""reconcile(): keys, sources through the index, Ibid./short/alias through their antecedents."""

from __future__ import annotations

from dataclasses import dataclass, replace

from hypothesis import given
from hypothesis import strategies as st

from citecheck.bib.load import parse_bibliography
from citecheck.model import Citation, Document, Person, Work
from citecheck.reconcile.index import CANDIDATE_LIMIT
from citecheck.reconcile.resolve import Sources, reconcile, resolve_document, resolve_source
from citecheck.source import SourceFile, Span

BIB = r"""
@book{dyck1966, author = {Dyck, Harvey Leonard}, title = {Weimar Germany and Soviet Russia, 1926--1933},
  publisher = {Chatto and Windus}, year = 1966}
@book{kotkin2014, author = {Kotkin, Stephen}, title = {Stalin: Paradoxes of Power, 1878--1928},
  publisher = {Penguin}, year = 2014}
@book{kotkin2017, author = {Kotkin, Stephen}, title = {Stalin: Waiting for Hitler, 1929--1941},
  publisher = {Penguin}, year = 2017}
@book{Tucker1973, author = {Tucker, Robert C.}, title = {Stalin as Revolutionary}, publisher = {Norton}, year = 1973}
"""
SOURCE = SourceFile("ch1.txt", "x" * 400)


@dataclass(frozen=True)
class Link:
    """The shape of citecheck.reconcile.chain.Link that resolution reads."""

    citation: Citation
    antecedent: Citation | None
    problem: str | None = None
    reason: str = ""


def bibliography():
    return parse_bibliography(SourceFile("refs.bib", BIB))


def cite(kind: str, at: int, surname: str | None = None, title: str | None = None, *, key: str | None = None,
         year: str | None = None, note: int | None = 1) -> Citation:
    written = Work(authors=(Person(surname),) if surname else (), title=title, year=year)
    return Citation(kind, title or key or "", Span("ch1.txt", at, at + 5), note=note, key=key,
                    work=None if kind in ("key", "nocite") else written)


def document(*citations: Citation) -> Document:
    return Document(SOURCE, "plaintext", (), (), citations)


def test_without_a_bibliography_nothing_is_resolved():
    doc = document(cite("key", 0, key="nobody"))
    result = reconcile((doc,), None)
    assert result.documents == (doc,) and result.resolutions == ()


def test_keys_resolve_exactly_then_ignoring_case():
    doc = document(cite("key", 0, key="dyck1966"), cite("key", 10, key="tucker1973"),
                   cite("key", 20, key="stalin1953"), cite("nocite", 30, key="kotkin2014"))
    result = reconcile((doc,), bibliography())
    assert [(r.status, r.key) for r in result.resolutions] == [
        ("matched", "dyck1966"), ("matched", "Tucker1973"), ("unknown-key", None), ("matched", "kotkin2014"),
    ]
    assert [c.key for c in result.documents[0].citations] == ["dyck1966", "Tucker1973", None, "kotkin2014"]
    assert result.resolutions[2].citation.key == "stalin1953"  # the resolution keeps the key as written
    assert result.cited_keys == {"dyck1966", "Tucker1973", "kotkin2014"}
    assert not result.cites_everything


def test_nocite_star_cites_everything():
    result = reconcile((document(cite("nocite", 0, key="*")),), bibliography())
    assert result.cites_everything
    assert result.resolutions[0].status == "everything"


def test_ibid_short_and_alias_take_their_antecedents_resolution():
    full = cite("full", 0, "Dyck", "Weimar Germany and Soviet Russia", year="1966")
    ibid = cite("ibid", 50, note=2)
    short = cite("short", 100, "Dyck", "Weimar Germany", note=3)
    alias = cite("alias", 150, None, "WGSR", note=4)
    doc = document(full, ibid, short, alias)
    links = (Link(full, None), Link(ibid, full), Link(short, full), Link(alias, full))
    found = resolve_document(doc, links, Sources(bibliography()))
    assert [(r.status, r.key) for r in found] == [("matched", "dyck1966")] * 4
    assert [r.antecedent for r in found] == [None, full, full, full]


def test_an_antecedent_that_matched_nothing_passes_that_on():
    full = cite("full", 0, "Preston", "The Spanish Civil War")
    ibid = cite("ibid", 50, note=2)
    found = resolve_document(document(full, ibid), (Link(full, None), Link(ibid, full)),
                             Sources(bibliography()))
    assert [r.status for r in found] == ["unresolved", "unresolved"]
    assert found[1].antecedent == full


def test_a_short_form_without_antecedent_is_matched_directly_an_orphan_ibid_is_unlinked():
    short = cite("short", 0, "Kotkin", "Stalin: Waiting for Hitler")
    ibid = cite("ibid", 50, note=2)
    alias = cite("alias", 100, None, "Stalin", note=3)
    links = (Link(short, None, "short-before-full"), Link(ibid, None, "orphan-ibid"),
             Link(alias, None, "undefined-alias"))
    found = resolve_document(document(short, ibid, alias), links, Sources(bibliography()))
    assert [(r.status, r.key) for r in found] == [("matched", "kotkin2017"), ("unlinked", None), ("unlinked", None)]


def test_mentions_count_every_work_of_a_scholar_the_text_does_not_narrow():
    doc = document(cite("mention", 0, "Kotkin", note=None), cite("mention", 10, "Dyck", note=None),
                   cite("mention", 20, "Preston", note=None))
    result = reconcile((doc,), bibliography())
    assert [(r.status, r.key) for r in result.resolutions] == [
        ("author", "kotkin2014"), ("matched", "dyck1966"), ("unresolved", None),
    ]
    assert result.resolutions[0].score == 50.0  # a guess between two works the text does not tell apart
    assert [key for key, _ in result.resolutions[0].candidates] == ["kotkin2014", "kotkin2017"]
    assert result.cited_keys == {"kotkin2014", "kotkin2017", "dyck1966"}


def test_the_index_is_built_once_per_bibliography_and_only_for_sources():
    bib = bibliography()
    assert reconcile((document(cite("key", 0, key="dyck1966")),), bib).index is None
    sources = Sources(bib)
    assert sources.indexed() is sources.indexed()
    result = reconcile((document(cite("mention", 0, "Dyck", note=None), cite("mention", 9, "Kotkin", note=None)),), bib)
    assert result.index is not None and result.index.record("dyck1966") is not None


@given(st.integers(0, 2 * CANDIDATE_LIMIT), st.integers(0, 2 * CANDIDATE_LIMIT))
def test_an_imprint_finds_its_entry_however_many_works_the_scholar_has(before, after):
    """A chapter cited by its own title with its book's imprint is the one entry of the surname,
    year and publisher, also for a scholar with more entries than the title's candidates (the
    noteforms chapter's Ivan Petrov: a ninth entry of his hid ``petrov2001`` from ``Nine Days in
    May at the Works (Leeds : Northfield Press, 2001)``)."""
    others = [
        f"@book{{petrov{1950 + n}, author = {{Petrov, Ivan}}, title = {{Ledger Number {n}}}, "
        f"publisher = {{Northfield Press}}, year = {1950 + n}}}"
        for n in range(before + after)
    ]
    imprint = ("@incollection{petrov2001, author = {Petrov, Ivan}, title = {The Mill Strike}, "
               "booktitle = {Workers and Bread}, publisher = {Northfield Press}, year = 2001}")
    bib = parse_bibliography(SourceFile("refs.bib", "\n".join([*others[:before], imprint, *others[before:]])))
    chapter = cite("full", 0, "Petrov", "Nine Days in May at the Works", year="2001")
    chapter = replace(chapter, work=replace(chapter.work, publisher="Northfield Press"))
    found = resolve_source(chapter, Sources(bib))
    assert (found.status, found.key) == ("matched", "petrov2001")


@given(st.sampled_from(("Observator", "Hoursel", "Marlow", "Tanner")), st.integers(1500, 1999).map(str))
def test_a_word_and_a_year_no_entry_matches_is_a_source_only_where_the_notes_cite_author_date(word, year):
    """CRDH's essays on privacy in historical newspapers (``…; Observator (1702); …``) and on Louis
    XIV's paintings (``eight paintings from Hoursel (1670)``): in notes that never cite a name and
    a year an entry matches, such a pair is a paper or a seller, no source; where they do
    (``Dyck (1966)``), it is an author-date source whose entry is missing."""
    unknown = cite("short", 0, word, year=year)
    cited = cite("short", 20, "Dyck", year="1966")
    alone = resolve_document(document(unknown), [], Sources(bibliography()))
    assert alone == ()
    both = resolve_document(document(unknown, cited), [], Sources(bibliography()))
    assert [(r.citation, r.status) for r in both] == [(unknown, "unresolved"), (cited, "matched")]


CALL_NUMBER_PARTS = st.lists(st.from_regex(r"[A-Z]{0,2}[0-9]{1,4}", fullmatch=True), min_size=2, max_size=5).filter(
    lambda parts: sum(c.isdigit() for c in "".join(parts)) >= 4 and any(c.isalpha() for c in "".join(parts)))
SEPARATORS = st.sampled_from(("/", ".", "^", "-", ""))


@given(CALL_NUMBER_PARTS, SEPARATORS, SEPARATORS)
def test_a_call_number_written_with_any_separators_is_the_entry_that_gives_it(parts, in_entry, in_note):
    """CRDH's essay on Louis XIV's paintings (v08-07 notes 1 and 11): ``A.N., O^1^1964^7^.18`` and
    ``*A.N., O119647.18*`` for the entry whose ``note`` is ``O/1/1964/7.18``, once no source; the
    same letters and digits inside a longer word are no call number."""
    from citecheck.reconcile.index import BibIndex, shelfmarks_in

    written = in_entry.join(parts)
    bib = parse_bibliography(SourceFile("refs.bib", "@misc{doc, title = {Mémoire}, note = {%s}}\n" % written, "utf-8", None))
    index = BibIndex.build(bib)
    if len(written) < 6:
        assert shelfmarks_in(f"The document {in_note.join(parts)} of the archive.", index) == []
        return
    note = f"The document A.N., {in_note.join(parts)} of the archive."
    found = shelfmarks_in(note, index)
    assert [(note[start:end], key) for start, end, key in found] == [(in_note.join(parts), "doc")]
    assert shelfmarks_in(f"The document X{in_note.join(parts)}9 of the archive.", index) == []


QUOTING_WORDS = st.lists(st.sampled_from(("Letters", "Lower", "Mill", "Graves", "Harvest", "Carters", "Valley")),
                         min_size=2, max_size=5, unique=True)


@given(QUOTING_WORDS, st.sampled_from(("As quoted in", "Quoted in", "as cited in", "Reprinted in")),
       st.sampled_from(("note", "howpublished", "addendum")))
def test_an_entry_names_the_work_that_quotes_it_by_its_title_words(words, phrase, field):
    """CRDH v02-03: ``note = {As quoted in Ardis E. Parshall, "Marie and William Graves: The Part
    I Withheld."}``, the words a quoting source's title must be among to be part of the entry."""
    from citecheck.reconcile.index import BibIndex, title_words

    title = " ".join(words)
    bib = parse_bibliography(SourceFile("refs.bib", f'@misc{{letter, title = {{A Letter}}, {field} = {{{phrase} Ann Fell, "{title}."}}}}\n', "utf-8", None))
    record = BibIndex.build(bib).record("letter")
    assert set(title_words(title)) <= record.quoted_in and "letter" not in record.quoted_in


@given(st.sampled_from(("Fox", "Mill", "Valley", "Northfield")), st.sampled_from(("News", "Radio", "Times")),
       st.sampled_from(("Life, Liberty & Levin", "Morning Mills", "The Carters' Hour")))
def test_a_short_form_by_a_body_read_as_a_person_is_the_bodys_listed_work(first, second, programme):
    """CRDH v03-02, note 30: ``an interview with Fox News' *Life, Liberty & Levin*``, the body read
    as a Mr News, once dropped as the possession of no listed author; a person's two names stay a
    person's (the whole name must be a body the bibliography lists)."""
    body = f"{first} {second}"
    bib = parse_bibliography(SourceFile("refs.bib", f"@misc{{tv, author = {{{{{body}}}}}, title = {{Harrison on '{programme}': Capitalism}}}}\n"))
    written = Work(authors=(Person(second, first),), title=programme)
    citation = Citation("short", f"{body}' *{programme}*", Span("ch1.txt", 10, 40), note=1, work=written)
    [resolution] = resolve_document(document(citation), [Link(citation, None)], Sources(bib))
    assert (resolution.status, resolution.key) == ("matched", "tv")
    stranger = Work(authors=(Person(second, "Ann"),), title=programme)
    other = Citation("short", f"Ann {second}'s *{programme}*", Span("ch1.txt", 10, 40), note=1, work=stranger)
    assert [r.key for r in resolve_document(document(other), [Link(other, None)], Sources(bib))] in ([], [None])
