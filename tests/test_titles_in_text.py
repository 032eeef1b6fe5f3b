"""Titles found in a note's text (reconcile/match.py ``titles_in``), addresses matched on an
entry's url or doi, and the notes read again once the bibliography is known (reconcile/titles.py).

The shapes come from real notes: a title alone in plain type (Metahistory's essay on the study
of witches), an author-date reference the parser misreads (CoTETE.jl's and LoMRF's
documentation), a bare address (Metahistory's historical-fiction essay); the texts are ours.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.bib.load import parse_bibliography
from citecheck.bib.normalize import fold
from citecheck.model import Work
from citecheck.pipeline import read_document
from citecheck.readers import reader_for
from citecheck.reconcile.index import BibIndex, web_address
from citecheck.reconcile.match import _folded_with_offsets, match, titles_in
from citecheck.reconcile.resolve import reconcile
from citecheck.source import SourceFile

BIB = r"""
@book{marsh1998, author = {Marsh, Elena}, title = {Witchcraft and Its Historians: Three Centuries of Argument}, year = 1998}
@book{hopkins1647, author = {Hopkins, Matthew}, title = {The Discovery of Witches}, year = 1647}
@book{hopkins1928, author = {Hopkins, Matthew}, title = {The Discovery of Witches}, year = 1928}
@book{weinberg1970, author = {Weinberg, Gerhard L.}, year = 1970,
  title = {The Foreign Policy of Hitler's Germany: Diplomatic Revolution in Europe, 1933--36}}
@misc{datatypes, author = {{NumPy}}, title = {Data types}, url = {https://numpy.org/doc/stable/user/basics.types.html}}
@article{schreiber2000, author = {Schreiber, Thomas}, title = {Measuring Information Transfer}, year = 2000,
  journal = {Physical Review Letters}, doi = {10.1103/PhysRevLett.85.461}}
"""


def index() -> BibIndex:
    return BibIndex.build(parse_bibliography(SourceFile("refs.bib", BIB)))


def found(text: str) -> list[tuple[str, str, str | None]]:
    return [(text[t.start : t.end], t.match.status, t.match.key) for t in titles_in(text, index())]


def test_a_title_alone_in_plain_type_is_found_with_its_place():
    assert found("Witchcraft and Its Historians p. 78-79") == [("Witchcraft and Its Historians", "matched", "marsh1998")]


def test_a_title_inside_a_misread_reference_is_found():
    text = "Schreiber, T. (2000). Measuring information transfer. Physical review letters, 85(2), 461."
    assert found(text) == [("Measuring information transfer", "matched", "schreiber2000")]


def test_a_title_of_two_editions_is_ambiguous_until_a_year_tells_them_apart():
    assert found("The Discovery of Witches p. 3") == [("The Discovery of Witches", "ambiguous", None)]
    assert found("The Discovery of Witches (1928), p. 7") == [("The Discovery of Witches", "matched", "hopkins1928")]


def test_a_short_title_is_found_only_word_for_word():
    assert found("See NumPy, _Data types_, for the float64 class.") == [("Data types", "matched", "datatypes")]
    assert found("Its data typed by hand.") == []
    assert found("metadata types") == []


def test_a_found_title_starts_and_ends_on_word_boundaries():
    """The alignment of "the foreign policy ..." began inside "Weinberg" (at "erg")."""
    assert found("Weinberg, Foreign Policy of Hitler’s Germany, 81.") == [
        ("Foreign Policy of Hitler’s Germany", "matched", "weinberg1970")]


def test_titles_at_different_places_are_different_sources():
    text = "Witchcraft and Its Historians, 3; The Discovery of Witches (1647), 2."
    assert [key for _, _, key in found(text)] == ["marsh1998", "hopkins1647"]


def test_text_without_a_listed_title_finds_nothing():
    assert found("A Treatise of Spirits p. 3") == []
    assert found("Ibid., 45.") == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abcdefghij klmnopqrstuvwxyz,.;:()0123456789éü", max_size=120))
def test_any_text_gives_places_inside_it_in_order(text):
    places = titles_in(text, index())
    assert all(0 <= t.start < t.end <= len(text) for t in places)
    assert all(a.end <= b.start for a, b in zip(places, places[1:]))


def test_addresses_are_compared_without_scheme_www_or_doi_prefix():
    assert web_address("https://doi.org/10.1103/PhysRevLett.85.461") == web_address("10.1103/physrevlett.85.461")
    assert web_address("http://www.example.org/a/") == web_address("https://example.org/a")


def test_a_source_cited_by_its_address_matches_the_entry_with_that_url_or_doi():
    assert match(Work(url="https://numpy.org/doc/stable/user/basics.types.html"), index(), "full").key == "datatypes"
    assert match(Work(url="https://dx.doi.org/10.1103/PhysRevLett.85.461"), index(), "full").key == "schreiber2000"
    assert match(Work(url="https://example.org/elsewhere"), index(), "full").status == "unresolved"


def resolved(markdown: str) -> list[tuple[str, str, str | None]]:
    source = SourceFile("essay.md", markdown)
    document = read_document(reader_for(source.path), source)
    result = reconcile((document,), parse_bibliography(SourceFile("refs.bib", BIB)))
    return [(r.citation.kind, r.status, r.key) for r in result.resolutions]


def test_notes_the_parser_found_nothing_in_are_read_for_titles_and_addresses():
    markdown = (
        "Text.[^1] More.[^2] And.[^3] Last.[^4]\n\n"
        "[^1]: Witchcraft and Its Historians p. 78-79\n"
        "[^2]: https://numpy.org/doc/stable/user/basics.types.html\n"
        "[^3]: <https://example.org/song>\n"
        "[^4]: As the trial records show.\n"
    )
    assert resolved(markdown) == [("short", "matched", "marsh1998"), ("full", "matched", "datatypes"),
                                  ("full", "unresolved", None)]


def test_a_title_the_note_already_cites_is_not_found_again_in_its_commentary():
    markdown = "Text.[^1]\n\n[^1]: See NumPy, _Data types_, on data types and their sizes.\n"
    assert [key for _, _, key in resolved(markdown)] == ["datatypes"]


def test_a_title_written_in_lower_case_in_prose_is_no_source():
    """Jason Heppler's dissertation: ``The literature on space and place is vast.`` was read as a
    citation of Tuan's *Space and Place*. A title its entry writes in lower case stays one."""
    assert resolved("Text.[^1]\n\n[^1]: The literature on the discovery of witches is vast.\n") == []
    assert [key for _, _, key in resolved("Text.[^1]\n\n[^1]: On The Discovery of Witches (1928), p. 7.\n")] == ["hopkins1928"]
    bib = "@misc{series, author = {{The Pandas Team}}, title = {pandas.Series}}"
    document = read_document(reader_for("essay.md"), SourceFile("essay.md", "Text.[^1]\n\n[^1]: See pandas.Series for the type.\n"))
    result = reconcile((document,), parse_bibliography(SourceFile("refs.bib", bib)))
    assert [(r.citation.kind, r.key) for r in result.resolutions] == [("short", "series")]


PROSE = st.sampled_from(("The literature on {} is vast.", "Much has been said of {} since.", "Nobody agrees on {} here."))
LISTED = st.sampled_from(("Witchcraft and Its Historians", "The Discovery of Witches", "Measuring Information Transfer"))


@given(LISTED, PROSE)
@settings(max_examples=60, deadline=None)
def test_generated_titles_count_as_written_not_as_lower_case_words(title, sentence):
    as_words = resolved(f"Text.[^1]\n\n[^1]: {sentence.format(title.lower())}\n")
    as_title = resolved(f"Text.[^1]\n\n[^1]: {sentence.format(title)}\n")
    assert as_words == []
    assert [kind for kind, _, _ in as_title] == ["short"]


OWNED = st.sampled_from(("fresco", "ledger", "letters", "*Annunciation* fresco", "first edition"))


@given(LISTED, st.sampled_from(("'s", "’s")), OWNED, st.sampled_from(("", "See ")))
@settings(max_examples=60, deadline=None)
def test_generated_titles_as_possessives_are_no_sources(title, possessive, owned, see):
    """CRDH's essay on Lippi's thresholds in the Palazzo Medici: ``in Fra Angelico's
    *Annunciation* fresco`` was read as a short form by title of *Fra Angelico at San Marco*. A
    title in plain type that owns what follows names its owner; the same title before a page
    stays a source."""
    assert resolved(f"Text.[^1]\n\n[^1]: {see}{title}{possessive} {owned} was lost.\n") == []
    assert len(resolved(f"Text.[^1]\n\n[^1]: {see}{title}, p. 3.\n")) == 1


ANONYMOUS = st.sampled_from(("L'inventaire des moulins", "Ledger of the Lower Mill", "Inventory of the Granary", "Mémoire sur les moulins"))
FOLIO = st.sampled_from(("fol. 3r", "12", "fols. 2v-4r", "p. 7"))


@given(ANONYMOUS, FOLIO)
@settings(max_examples=40, deadline=None)
def test_generated_short_titles_by_one_word_cite_the_work_without_author(title, folio):
    """CRDH's essay on Lippi's thresholds: ``L'inventario, fol. 13v.`` cites the anonymous Medici
    inventory by its title's first word, which the parser reads as a surname no entry has. The
    entry whose title opens with it is cited; a name that is an entry's author stays that author's."""
    bib = (f"@misc{{anon, title = {{{title}}}, year = 1790}}\n"
           "@book{marsh1998, author = {Marsh, Elena}, title = {Witchcraft and Its Historians}, year = 1998}")
    first = title.split()[0]
    def keys(note: str) -> list[str | None]:
        document = read_document(reader_for("essay.md"), SourceFile("essay.md", f"Text.[^1]\n\n[^1]: {note}\n"))
        return [r.key for r in reconcile((document,), parse_bibliography(SourceFile("refs.bib", bib))).resolutions]
    assert keys(f"{first}, {folio}.") == ["anon"]
    assert keys(f"Marsh, {folio}.") == ["marsh1998"]
    assert keys(f"Ormesby, {folio}.") == [None]


PEOPLE = st.lists(st.sampled_from(("Sarah Cole", "John Dale Hart", "Mary Ann Lee", "Tom Baker")), min_size=1, max_size=3, unique=True)
NAMED_PAGE = "@misc{reedpage, author = {Okafor, Grace}, title = {Anna Reed Miller}, url = {https://example.org/reed}}"


def _named_pages_resolved(note: str) -> list[str | None]:
    document = read_document(reader_for("essay.md"), SourceFile("essay.md", f"Text.[^1]\n\n[^1]: {note}\n"))
    return [r.key for r in reconcile((document,), parse_bibliography(SourceFile("refs.bib", NAMED_PAGE))).resolutions]


@given(PEOPLE, st.integers(min_value=0, max_value=3))
@settings(max_examples=40, deadline=None)
def test_a_page_titled_by_a_name_is_no_source_in_a_list_of_people(people, at):
    """CRDH's essay on a century of black Mormons: ``The fourteen are Elijah Able, …, Paul Thomas
    Harris, Len Hope, …, and Nelson Holder Ritchie.`` named people whose biographies are entries
    titled by their names. In a list joined by "and" the name is the person; alone, or among the
    parts of a citation apart by commas, it is the page."""
    names = [*people]
    names.insert(min(at, len(names)), "Anna Reed Miller")
    listed = ", ".join(names[:-1]) + ", and " + names[-1]
    assert _named_pages_resolved(f"The ones who signed were {listed}.") == []
    assert _named_pages_resolved("Okafor, Anna Reed Miller, Northfield Archive, Leeds.") == ["reedpage"]


def _folded_char_by_char(text: str) -> tuple[str, list[int]]:
    """The definition of match._folded_with_offsets, a character at a time."""
    chars, offsets = [], []
    for position, char in enumerate(text):
        folded = char.lower() if char.isascii() else fold(char)[:1]
        if not folded or not folded.isalnum():
            if not chars or chars[-1] == " ":
                continue
            folded = " "
        chars.append(folded)
        offsets.append(position)
    return "".join(chars), offsets


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ9 _-.,;'\t\n\x00\x1c\x7f()é’ßİﬁ½"), max_size=40))
def test_a_note_is_folded_as_a_character_at_a_time_would_fold_it(text):
    """The ASCII note is folded a run at a time (mask of letters and digits), any other a character
    at a time: both give the folded text and the offsets the definition gives."""
    assert _folded_with_offsets(text) == _folded_char_by_char(text)
    ascii_only = "".join(char for char in text if char.isascii())
    assert _folded_with_offsets(ascii_only) == _folded_char_by_char(ascii_only)


def test_a_note_with_no_room_for_a_title_nor_a_call_number_does_not_build_the_index():
    """Building the bibliography's index costs a pass over every entry: a note such as "A note."
    (no two title words, no four digits of a call number) must not ask for it."""
    from citecheck.reconcile.titles import with_title_sources

    def unwanted() -> BibIndex:
        raise AssertionError("the index was built for a note that cannot name an entry")

    document = read_document(reader_for("essay.md"), SourceFile("essay.md", "Text.[^1]\n\n[^1]: A note.\n"))
    assert with_title_sources(document, unwanted)[1] == frozenset()
