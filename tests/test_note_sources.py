"""Sources inside notes: segmentation, classification, fields and exact spans (reconcile/notes.py)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.model import Citation, Document, Note, Person
from citecheck.pipeline import read_document
from citecheck.readers import reader_for
from citecheck.reconcile import notes
from citecheck.reconcile.notes import note_citations, text_offsets
from citecheck.source import SourceFile, Span

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read(text: str, name: str = "chapter.txt") -> Document:
    source = SourceFile(name, text, "utf-8", None)
    reader = reader_for(name)
    assert reader is not None
    return read_document(reader, source)


def notes_file(*notes: str) -> str:
    """A plain-text chapter with one marker per note and the notes under a Notes heading."""
    body = " ".join(f"Sentence number {i} of the chapter.{i}" for i in range(1, len(notes) + 1))
    lines = "\n".join(f"{i}. {note}" for i, note in enumerate(notes, start=1))
    return f"{body}\n\nNOTES\n\n{lines}\n"


def sources(*notes: str) -> list[Citation]:
    return list(note_citations(read(notes_file(*notes))))


def summary(citations: list[Citation]) -> list[tuple[int | None, str, str, str | None]]:
    return [(c.note, c.kind, c.text, c.locator) for c in citations]


# --------------------------------------------------------------------------------------------
# Segmentation and classification


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("Ibid., 45.", [("ibid", "Ibid., 45", "45")]),
        ("Ibid.", [("ibid", "Ibid.", None)]),
        ("ibid., pp. 13, 68–72.", [("ibid", "ibid., pp. 13, 68–72", "pp. 13, 68–72")]),
        ("Id. at 12.", [("ibid", "Id. at 12", "12")]),
        ("Dyck, Weimar Germany and Soviet Russia, 103.",
         [("short", "Dyck, Weimar Germany and Soviet Russia, 103", "103")]),
        ("Tucker, Stalin in Power, pp. 13, 68-72", [("short", "Tucker, Stalin in Power, pp. 13, 68-72", "pp. 13, 68-72")]),
        ("Tucker, op. cit., p. 45.", [("short", "Tucker, op. cit., p. 45", "p. 45")]),
        ("Marsh, Bread and Order, 12; Fell, The Late Spring, 3.",
         [("short", "Marsh, Bread and Order, 12", "12"), ("short", "Fell, The Late Spring, 3", "3")]),
        ("See Marsh, Bread and Order, 12, and Fell, The Late Spring, 3.",
         [("short", "Marsh, Bread and Order, 12", "12"), ("short", "Fell, The Late Spring, 3", "3")]),
        ("Marsh, Bread and Order, 12. See also Fell, The Late Spring, 3.",
         [("short", "Marsh, Bread and Order, 12", "12"), ("short", "Fell, The Late Spring, 3", "3")]),
        ("Ibid., 14. Cf. Fell, The Late Spring, 9.", [("ibid", "Ibid., 14", "14"), ("short", "Fell, The Late Spring, 9", "9")]),
        ("Anderson, Imagined Communities, 12.", [("short", "Anderson, Imagined Communities, 12", "12")]),
        ("Seeley, Expansion of England, 3.", [("short", "Seeley, Expansion of England, 3", "3")]),
        ("Ibsen, Ghosts, 4.", [("short", "Ibsen, Ghosts, 4", "4")]),
        ("See\u00a0also Fell, Late Spring, 3.", [("short", "Fell, Late Spring, 3", "3")]),
        ("The figures are disputed, and no two reports agree.", []),
        ("Stalin, however, disagreed with all of them.", []),
        ("On the famine of that year, see Marsh, Bread and Order, 40–44.",
         [("short", "Marsh, Bread and Order, 40–44", "40–44")]),
        ("Marsh, Bread and Order, 12. Marsh was writing from memory and errs on the dates.",
         [("short", "Marsh, Bread and Order, 12", "12")]),
        ("Stalin to Molotov, 1 September 1930, quoted in Lih, Letters to Molotov, 45.",
         [("short", "Lih, Letters to Molotov, 45", "45")]),
        ("Lenin, “Letter to the Congress,” quoted in Tucker, Stalin as Revolutionary, 270.",
         [("short", "Tucker, Stalin as Revolutionary, 270", "270")]),
        ("Ann Fell, The Late Spring (London: Macmillan, 1966), 3, quoted in Tucker, Stalin as Revolutionary, 270.",
         [("full", "Ann Fell, The Late Spring (London: Macmillan, 1966), 3", "3"),
          ("short", "Tucker, Stalin as Revolutionary, 270", "270")]),
        ("The Soviet record of the talks is printed in DVP, 9:312–15.", [("alias", "DVP, 9:312–15", "9:312–15")]),
        ("Ibid. Fell’s account differs.", [("ibid", "Ibid.", None)]),
        ("Ibid., 12, emphasis added.", [("ibid", "Ibid., 12", "12")]),
        ("Ann Fell, The Late Spring (London: Macmillan, 1966), 118–30, who treats the plan as her own.",
         [("full", "Ann Fell, The Late Spring (London: Macmillan, 1966), 118–30", "118–30")]),
        ("On the history of the phrase, see ibid., 221 n. 9.", [("ibid", "ibid., 221 n. 9", "221 n. 9")]),
        ("Fell, Late Spring, 3 (emphasis in original).", [("short", "Fell, Late Spring, 3 (emphasis in original)", "3")]),
        ("Fell, Late Spring, chap. 4.", [("short", "Fell, Late Spring, chap. 4", "chap. 4")]),
        ("Fell, Late Spring, 307–8, table 1.", [("short", "Fell, Late Spring, 307–8, table 1", "307–8, table 1")]),
        ("Fell, Late Spring, 240n12; Shaw, Grain, fol. 3.",
         [("short", "Fell, Late Spring, 240n12", "240n12"), ("short", "Shaw, Grain, fol. 3", "fol. 3")]),
        ("The figure is disputed; compare Marsh, Bread and Order, 61, with Fell, The Late Spring, 230–45.",
         [("short", "Marsh, Bread and Order, 61", "61"), ("short", "Fell, The Late Spring, 230–45", "230–45")]),
        ("For a different view, compare J. Arch Fell, Origins (Cambridge: Cambridge University Press, 1985), 12.",
         [("full", "J. Arch Fell, Origins (Cambridge: Cambridge University Press, 1985), 12", "12")]),
        ("Pravda, 12 March 1930, 2.", [("full", "Pravda, 12 March 1930, 2", "2")]),
        ("*Izvestiia*, 3 May 1937.", [("full", "*Izvestiia*, 3 May 1937", None)]),
        ("Meteorological bulletin of the province, July 1921, p. 3.",
         [("full", "Meteorological bulletin of the province, July 1921, p. 3", "p. 3")]),
        ("The draft is in the party archive, fond 17, opis 1, delo 4, ll. 1–3.",
         [("full", "the party archive, fond 17, opis 1, delo 4, ll. 1–3", "fond 17, opis 1, delo 4, ll. 1–3")]),
        ("District party archive, fond 3, opis 1, delo 90, l. 20.",
         [("full", "District party archive, fond 3, opis 1, delo 90, l. 20", "fond 3, opis 1, delo 90, l. 20")]),
    ],
)
def test_segments_are_classified(note, expected):
    assert [(c.kind, c.text, c.locator) for c in sources(note)] == expected


def test_book_fields():
    [citation] = sources("H. Reichman, Railwaymen and Revolution (Berkeley: University of California Press, 1987), 190–94.")
    assert citation.kind == "full"
    assert citation.locator == "190–94"
    work = citation.work
    assert work.authors == (Person("Reichman", "H."),)
    assert (work.title, work.place, work.publisher, work.year, work.entry_type) == (
        "Railwaymen and Revolution", "Berkeley", "University of California Press", "1987", "book")


def test_article_fields_with_page_range_and_locator():
    [citation] = sources('Sheila Marsh, "The Making of a New Elite," Slavic Survey 38, no. 3 (1979): 377–402, at 380.')
    work = citation.work
    assert citation.kind == "full" and citation.locator == "380"
    assert work.authors == (Person("Marsh", "Sheila"),)
    assert (work.title, work.container, work.volume, work.issue, work.year, work.pages, work.entry_type) == (
        "The Making of a New Elite", "Slavic Survey", "38", "3", "1979", "377–402", "article")


def test_article_with_curly_quotes_and_single_page():
    [citation] = sources("Ann Fell, “Village Soviets,” Rural History 4 (1990): 51.")
    assert citation.locator == "51"
    assert (citation.work.title, citation.work.container, citation.work.volume, citation.work.pages) == (
        "Village Soviets", "Rural History", "4", None)


def test_newspaper_by_name_and_month_first_date():
    """``Pravda, February 14, 1938`` (a real history chapter's note): the month opens the date, it is no title."""
    [citation] = sources("Pravda, February 14, 1938.")
    work = citation.work
    assert (work.authors, work.title, work.date, citation.locator) == ((), "Pravda", "1938-02-14", None)


def test_note_opening_with_stops_and_no_names_is_read_without_error():
    """A converted Gibbon volume has notes that open with ``..`` (a lost label); they once crashed the run."""
    assert len(sources(".. Gibbon. Decline. London, 1776.")) <= 1


def test_periodical_issue_by_name_number_and_month():
    """``Bol'shevik, no. 9 (May 1941)`` (issue 11's real chapter): the periodical, its issue and
    month, no article named; a volume before the number is the periodical's."""
    [citation] = sources("Bol'shevik, no. 9 (May 1941): 12.")
    work = citation.work
    assert (work.authors, work.title, work.issue, work.date, work.year, citation.locator) == (
        (), "Bol'shevik", "9", "1941-05", "1941", "12")
    [citation] = sources("Slavic Survey 38, no. 3 (1979): 377.")
    assert (citation.work.title, citation.work.volume, citation.work.issue, citation.work.year) == (
        "Slavic Survey", "38", "3", "1979")


def test_an_article_with_a_lost_opening_quote_and_its_issue_stays_one_source():
    """The facial-recognition lesson (Programming Historian, dev) writes ``…Photography," *Critical
    Studies in Media Communication,* 22 no. 1 (2005)``: named authors keep it one source (the
    periodical-issue form is only for a periodical cited with no author)."""
    [citation] = sources('Ann Fell, Why We Say “Bread”: Baking the Loaf in Village Kitchens," *Rural History,* 22 no. 1 (2005): 2-25.')
    assert citation.work.authors == (Person("Fell", "Ann"),) and citation.work.year == "2005"


@pytest.mark.parametrize(
    ("note", "author", "title"),
    [
        ("U.S., Department of State, Papers Relating to the Foreign Relations of the United States, 1933 "
         "(Washington, 1949), 2:45.", "U.S. Department of State",
         "Papers Relating to the Foreign Relations of the United States, 1933"),
        ("Great Britain, Foreign Office, Documents on Policy (London, 1950), 12.", "Great Britain Foreign Office",
         "Documents on Policy"),
        ("U.S. Congress, Senate, Committee on Foreign Relations, Hearings (Washington, 1945), 7.",
         "U.S. Congress Senate Committee on Foreign Relations", "Hearings"),
    ],
)
def test_government_body_before_an_unmarked_title(note, author, title):
    """A state and its offices wrote it (issue 11's real chapter: ``U.S., Department of State, …``)."""
    [citation] = sources(note)
    assert (citation.work.authors, citation.work.title) == ((Person(author),), title)


@pytest.mark.parametrize("lead", ["Quoted by", "Cited by", "As quoted by", "Quoted in"])
def test_quoted_by_leads_into_the_source(lead):
    [citation] = sources(f"{lead} Robert Conquest, The Great Terror (New York, 1968), 12.")
    assert (citation.work.authors, citation.work.title) == ((Person("Conquest", "Robert"),), "The Great Terror")


@pytest.mark.parametrize(
    ("note", "families"),
    [
        ("Lind, Rosa and Okafor, Grace and Mills-Pryce, Anna-Maria (2020). The Ledger Protocol. "
         "Journal of Rural Societies 23 (2): 7.", ["Lind", "Okafor", "Mills-Pryce"]),
        ("Brandt, Jonas, Petra Voss, und Karl A. Mühlen. (2022). “Ein Überblick“. Ländliche Geschichte 184:122011, p.8-9.",
         ["Brandt", "Voss", "Mühlen"]),
        ("Shaw, T. A., Ann Fell, Ivan M. Petrov, J. Lind, R. D. Okafor, Grace Mills-Pryce, K. Brandt, Petra Voss, "
         "S. Mühlen (2020). State of the Field. In: Journal of the Mills Association 105 (365), pp. 291-312.",
         ["Shaw", "Fell", "Petrov", "Lind", "Okafor", "Mills-Pryce", "Brandt", "Voss", "Mühlen"]),
        ("Okafor, Grace. (2022). _The rules we break in mills: Lessons in ledgers, grain, and design and more_. "
         "Northfield Press.", ["Okafor"]),
    ],
)
def test_author_date_references_as_reference_lists_print_them(note, families):
    """Forms of a real lesson's notes (simulating-historical-communication-networks-python and
    designing-a-timeline-tabletop-simulator, Programming Historian): names each inverted and joined by
    "and", a German "und" and a stop before the year, nine names in mixed order, the year as an
    element of its own before a long title. Each is one source with all its authors."""
    [citation] = sources(note)
    assert [person.family for person in citation.work.authors] == families
    assert citation.work.year in ("2020", "2022")


def test_a_note_that_thanks_someone_is_no_source():
    assert sources("Thanks to Ann Fell, archivist at the Northfield Record Office (during the spring of 2019), for her help.") == []
    assert sources("I am grateful to Tom Shaw for the maps.") == []


def test_a_volume_between_the_editors_and_the_imprint():
    [citation] = sources("Ann Fell, “Mill Ledgers,” in Rural Archives, ed. Ivan Petrov et al., vol. 6966 (Berlin: Springer, 2011), 408–20.")
    work = citation.work
    assert (work.authors, work.title, work.container, work.volume, work.year) == (
        (Person("Fell", "Ann"),), "Mill Ledgers", "Rural Archives", "6966", "2011")


def test_chapter_in_edited_book():
    [citation] = sources(
        'Lena Grant, "The Peasant Nightmare," in The War on the Village, ed. Ann Fell and V. P. Shaw '
        "(New Haven: Yale University Press, 2005), 12–14."
    )
    work = citation.work
    assert citation.kind == "full" and citation.locator == "12–14"
    assert work.entry_type == "incollection"
    assert (work.title, work.container, work.place, work.year) == (
        "The Peasant Nightmare", "The War on the Village", "New Haven", "2005")
    assert work.editors == (Person("Fell", "Ann"), Person("Shaw", "V. P."))


def test_editor_as_author_volumes_and_range_of_years():
    [citation] = sources("Jane Ashby, ed., Documents on Policy, 3 vols. (London: Clarendon Press, 1951–53), 1:45.")
    work = citation.work
    assert work.authors == () and work.editors == (Person("Ashby", "Jane"),)
    assert (work.title, work.year, citation.locator) == ("Documents on Policy", "1951–53", "1:45")


def test_alias_declared_and_used():
    found = sources(
        "I. V. Stalin, Sochineniia, 13 vols. (Moscow: Gospolitizdat, 1946–51), 7:12 (hereafter cited as Stalin).",
        "Stalin, 8:45; DVP, vol. 4, p. 12.",
    )
    assert summary(found) == [
        (1, "full", "I. V. Stalin, Sochineniia, 13 vols. (Moscow: Gospolitizdat, 1946–51), 7:12 (hereafter cited as Stalin)",
         "7:12"),
        (2, "alias", "Stalin, 8:45", "8:45"),
        (2, "alias", "DVP, vol. 4, p. 12", "p. 12"),
    ]
    assert found[0].work.alias == "Stalin" and found[0].work.authors == (Person("Stalin", "I. V."),)
    assert found[2].work.alias == "DVP" and found[2].work.volume == "4"


@pytest.mark.parametrize("declaration", ["(hereafter Stalin)", "(hereafter: Stalin)", "(hereafter cited as *Stalin*)"])
def test_alias_declaration_forms(declaration):
    [citation] = sources(f"I. V. Stalin, Works (Moscow: State Press, 1950), 7:12 {declaration}.")
    assert citation.work.alias == "Stalin"


def test_author_surname_with_volume_locator_is_a_short_form_not_an_alias():
    found = sources("Ann Fell, The Late Spring, 2 vols. (London: Macmillan, 1966), 1:3.", "Fell, 2:45.")
    assert [(c.kind, c.work.authors[0].family) for c in found] == [("full", "Fell"), ("short", "Fell")]
    after_short = sources("Fell, Late Spring, 1:3.", "Fell, 2:45.", "Shaw, 2:45.")
    assert [c.kind for c in after_short] == ["short", "short", "alias"]


@given(st.sampled_from(("piano nobile", "piano terreno", "scrittoio", "Mystic Lamb")), st.sampled_from(("*", "_")),
       st.sampled_from(("'s", "’s")), st.sampled_from(("principal apartments", "east wing", "first doors")), st.integers(1600, 1990).map(str))
@SETTINGS
def test_generated_words_in_emphasis_owning_what_follows_are_no_source(term, mark, possessive, owned, year):
    """CRDH's essay on Lippi's thresholds: ``… the smaller rooms in the *piano nobile*'s principal
    apartments (as deduced from the 1650 floorplan)`` was a full citation of a work titled "piano
    nobile" of 1650. The same words in emphasis before a page stay a short form by title."""
    found = sources(f"Fell, *Grain and Power*, 3; the rooms in the {mark}{term}{mark}{possessive} {owned} (as deduced from the {year} plan).")
    assert [c.work.title for c in found] == ["Grain and Power"]
    [cited] = sources(f"{mark}{term}{mark}, 45.")
    assert (cited.kind, cited.work.title, cited.locator) == ("short", term, "45")


@given(st.integers(1500, 2000).map(str), st.sampled_from(("owed homage", "were counted twice", "survive in copies", "plan")),
       st.sampled_from(("Marsh", "Fell", "Ashby")), st.sampled_from(("Observ.", "*Millers and Markets*", "*Grain*")),
       st.integers(1, 400))
@SETTINGS
def test_generated_years_in_parentheses_of_prose_are_no_imprint(year, words, family, title, page):
    """Gibbon's *Decline and Fall*, vol. 6: ``This number of fiefs (of which 1800 owed liege homage)
    was enrolled …, (Ducange, Observ. p. 254.)`` was one full citation of 1800, the sentence its
    title, and Ducange lost; CRDH's essay on Lippi's thresholds: ``(as deduced from the 1650
    floorplan)``. A year with a word in lower case after it in a parenthesis is prose; an imprint's
    year ends its facts."""
    found = sources(f"This number of sacks (of which {year} {words}) was entered in the rolls, ({family}, {title} p. {page}.)")
    assert [(c.kind, c.work.authors, c.locator) for c in found] == [("short", (Person(family),), f"p. {page}")]
    [book] = sources(f"Ann {family}, *Grain* (London: Macmillan, {year}), {page}.")
    assert (book.kind, book.work.year, book.work.place) == ("full", year, "London")


def test_a_stray_stop_after_the_surnames_of_a_short_form():
    """An essay on quantitative history (c-rick-quantitative-history) cites its reader as
    ``Green and Troup., 143.``: the stop after the surnames is a slip, once no source at all."""
    [short] = sources("Green and Troup., 143.")
    assert (short.kind, [p.family for p in short.work.authors], short.locator) == ("short", ["Green", "Troup"], "143")


@given(st.lists(st.sampled_from(("Green", "Troup", "Braudel", "O’Brien", "Le-Goff", "Pigaf", "Co", "Chem", "Vol", "Ibid")),
                min_size=1, max_size=3),
       st.sampled_from((" and ", " & ")), st.integers(1, 999))
@SETTINGS
def test_generated_stray_stops_after_surnames_are_dropped_unless_an_abbreviation(families, joiner, page):
    """A stop between two or more surnames and a locator changes nothing (``Green and Troup., 143``
    reads as ``Green and Troup, 143``); one word before it (``Pigaf., 70``, ``Chem., 7``), a word of
    two letters (``Green & Co., 1917``) or one that keeps its stop (``vol.``) is written as it stands."""
    names = joiner.join(families)
    with_stop = notes._normalized(f"{names}., {page}")
    if len(families) == 1 or any(len(family) < 3 for family in families) or families[-1].lower() in notes.KEEPS_STOP:
        assert with_stop == f"{names}., {page}"
    else:
        assert with_stop == f"{names}, {page}"
        assert notes._parse(f"{names}., {page}", notes.Aliases()) == notes._parse(f"{names}, {page}", notes.Aliases())


@given(st.sampled_from(("Ezekiel", "Romans", "Isaiah", "Stalin", "DVP")), st.integers(1, 60), st.integers(1, 40),
       st.sampled_from(("", "-3", "--9")), st.booleans())
@SETTINGS
def test_generated_names_before_chapter_and_verse_without_a_comma_are_no_alias(name, chapter, verse, end, declared):
    """CRDH's essay on Lippi's thresholds (``the temple, Ezekiel 44:1-3.``) and Whiston's Josephus
    (``Romans 8:19-22``, ``Isaiah 37:30``): a scripture reference, once an alias no one declared
    (CC207 on each). An undeclared name is an alias use only with a comma before its volume, as
    Chicago writes one (``Stalin, 9:322``); a declared one is with or without."""
    declaration = f"I. V. Stalin, Sochineniia, 13 vols. (Moscow: Gospolitizdat, 1946–51), 7:12 (hereafter cited as {name})."
    notes_written = (declaration,) if declared else ()
    bare = sources(*notes_written, f"See {name} {chapter}:{verse}{end}.")[len(notes_written):]
    with_comma = sources(*notes_written, f"See {name}, {chapter}:{verse}{end}.")[len(notes_written):]
    assert [c.kind for c in bare] == (["alias"] if declared else [])
    assert [c.kind for c in with_comma] == ["alias"]


@pytest.mark.parametrize(
    ("note", "authors"),
    [
        ("Ann Fell and Tom Shaw, Bread (London: Macmillan, 1990), 3.", (Person("Fell", "Ann"), Person("Shaw", "Tom"))),
        ("Ann Fell, Tom Shaw, and Ed Grant, Bread (London: Macmillan, 1990), 3.",
         (Person("Fell", "Ann"), Person("Shaw", "Tom"), Person("Grant", "Ed"))),
        ("Charles de Gaulle, Mémoires de guerre (Paris: Plon, n.d.), 3:12.", (Person("de Gaulle", "Charles"),)),
        ("Ludwig von Mises, Socialism (London: Cape, 1936), 45.", (Person("von Mises", "Ludwig"),)),
        ("E. H. Carr, The Bolshevik Revolution, London, 1950, p. 45.", (Person("Carr", "E. H."),)),
    ],
)
def test_author_forms(note, authors):
    [citation] = sources(note)
    assert citation.kind == "full"
    assert citation.work.authors == authors


def test_no_date_and_british_imprint():
    first, second = sources(
        "Charles de Gaulle, Mémoires de guerre (Paris: Plon, n.d.), 3:12.",
        "E. H. Carr, The Bolshevik Revolution, London, 1950, p. 45.",
    )
    assert (first.work.year, first.work.publisher, first.locator) == ("n.d.", "Plon", "3:12")
    assert (second.work.title, second.work.place, second.work.year, second.locator) == (
        "The Bolshevik Revolution", "London", "1950", "p. 45")


def test_year_in_a_short_title_is_not_a_locator():
    [_, citation] = sources("A. Ascher, The Revolution of 1905 (Stanford: Stanford University Press, 1988), 1:243.",
                            "Ascher, The Revolution of 1905, 2:85.")
    assert (citation.kind, citation.work.title, citation.locator) == ("short", "The Revolution of 1905", "2:85")


def test_idem_takes_the_previous_author():
    first, second = sources("Ann Fell, The Late Spring (London: Macmillan, 1966), 3.",
                            "Idem, Bread and Order (London: Macmillan, 1970), 9.")
    assert second.kind == "full" and second.work.authors == (Person("Fell", "Ann"),)
    assert second.work.title == "Bread and Order"


@pytest.mark.parametrize(
    ("note", "fields"),
    [
        ("Ann Fell, The Late Spring (London: Macmillan, 1966; repr., New York: Norton, 1990), 3.",
         {"place": "New York", "publisher": "Norton", "year": "1990"}),
        ("Ann Fell, The Late Spring, trans. Tom Shaw (London: Macmillan, 1966), 3.",
         {"title": "The Late Spring", "editors": (), "year": "1966"}),
        ("Ann Fell, The Late Spring, 2nd ed. (London: Macmillan, 1970), 3.", {"title": "The Late Spring", "year": "1970"}),
        ("Ann Fell, The Late Spring, vol. 2, The Harvest (London: Macmillan, 1966), 3.",
         {"title": "The Late Spring", "volume": "2", "year": "1966"}),
        ("Tucker, Robert C., Stalin in Power (New York: Norton, 1990), 45.",
         {"authors": (Person("Tucker", "Robert C."),), "title": "Stalin in Power"}),
        ("Max Weber, Economy and Society, ed. Guenther Roth and Claus Wittich, 2 vols. (Berkeley: University of "
         "California Press, 1978), 1:212–13.",
         {"authors": (Person("Weber", "Max"),), "editors": (Person("Roth", "Guenther"), Person("Wittich", "Claus")),
          "title": "Economy and Society", "year": "1978"}),
        ("Tom Shaw, “Grain,” in Fell and Marsh, Late Spring, 33–45.",
         {"title": "Grain", "container": "Late Spring", "editors": (Person("Fell"), Person("Marsh")),
          "entry_type": "incollection"}),
        ("Gosplan, *Control Figures*, 1927.", {"title": "Control Figures", "year": "1927"}),
    ],
)
def test_book_variants(note, fields):
    [citation] = sources(note)
    assert citation.kind == "full"
    assert {name: getattr(citation.work, name) for name in fields} == fields


def test_law_notes():
    found = sources(
        'Jane Fell, "Courts and Commissars," Yale Law Journal 99 (1990): 345, 350.',
        "Fell, supra note 1, at 352.",
        "Id. at 355.",
        "Brown v. Board of Education, 347 U.S. 483, 495 (1954).",
        "Brown, 347 U.S. at 497.",
    )
    assert [(c.kind, c.locator) for c in found] == [
        ("full", "350"), ("short", "352"), ("ibid", "355"), ("full", "495"), ("short", "497")]
    assert found[0].work.pages == "345" and found[1].work.authors == (Person("Fell"),)
    case = found[3].work
    assert (case.title, case.container, case.volume, case.pages, case.year) == (
        "Brown v. Board of Education", "U.S.", "347", "483", "1954")
    assert found[4].work.title == "Brown"


def test_suffixes_and_et_al_are_not_names():
    first, second = sources(
        "Peter H. Solomon Jr., Soviet Criminal Justice (Cambridge: Cambridge University Press, 1996), 12.",
        "Nicolas Werth, “A State against Its People,” in The Black Book, ed. Stéphane Courtois et al. "
        "(Cambridge, MA: Harvard University Press, 1999), 33–268.",
    )
    assert first.work.authors == (Person("Solomon", "Peter H."),)
    assert second.work.editors == (Person("Courtois", "Stéphane"),)
    assert (second.work.place, second.work.publisher) == ("Cambridge, MA", "Harvard University Press")


def test_et_al():
    [citation] = sources("Ann Fell et al., The Late Spring (London: Macmillan, 1966), 3.")
    assert citation.work.authors == (Person("Fell", "Ann"),) and citation.work.title == "The Late Spring"


# --------------------------------------------------------------------------------------------
# Spans


def assert_exact(document: Document, citations) -> None:
    for citation in citations:
        text = document.source.text[citation.span.start : citation.span.end]
        assert " ".join(text.split()) == citation.text


def test_spans_in_plain_text_are_exact():
    text = notes_file("Ibid., 45.", "Marsh, Bread and Order, 12; Fell, The Late Spring, 3.")
    document = read(text)
    found = note_citations(document)
    assert [text[c.span.start : c.span.end] for c in found] == [
        "Ibid., 45", "Marsh, Bread and Order, 12", "Fell, The Late Spring, 3"]


def test_hard_wrapped_note_span_covers_both_lines():
    text = (
        "A sentence.1 Another.2\n\nNOTES\n\n1. Ann Fell, The Late Spring\n   (London: Macmillan, 1966), 3.\n"
        "2. Ibid., 4.\n"
    )
    document = read(text)
    first, second = note_citations(document)
    assert text[first.span.start : first.span.end] == "Ann Fell, The Late Spring\n   (London: Macmillan, 1966), 3"
    assert first.text == "Ann Fell, The Late Spring (London: Macmillan, 1966), 3"
    assert first.work.year == "1966"
    assert text[second.span.start : second.span.end] == "Ibid., 4"


def test_note_split_by_a_page_break_maps_each_source_to_its_part():
    text = (
        "The famine was not reported.12 One traveller wrote about it.13\n\n"
        "- 12. Tom Penrose, The Press Corps (London: Macmillan, 1987), 140–66.\n"
        "- 13. Penrose, The Press Corps, 171; the articles are reprinted with an introduction that discusses the\n\n"
        "The denials followed within the week.14\n\n"
        "reaction in Moscow; see also Penrose, The Press Corps, 180–82.\n"
        "- 14. Ibid., 174.\n"
    )
    document = read(text)
    note = next(n for n in document.notes if n.number == 13)
    assert len(note.parts) == 2
    found = [c for c in note_citations(document) if c.note == 13]
    assert [text[c.span.start : c.span.end] for c in found] == ["Penrose, The Press Corps, 171",
                                                              "Penrose, The Press Corps, 180–82"]
    assert note.parts[1].start <= found[1].span.start


def test_word_hyphenated_at_a_line_break_is_joined_in_the_fields():
    text = "A sentence.1\n\nNOTES\n\n1. Ann Fell, The Failure of Collec-\n   tive Security (London: Macmillan, 1966), 3.\n"
    [citation] = note_citations(read(text))
    assert citation.work.title == "The Failure of Collective Security"
    assert citation.text == "Ann Fell, The Failure of Collec- tive Security (London: Macmillan, 1966), 3"


def test_markdown_footnote_spans_with_italics_and_continuation():
    text = (
        "The treaty was signed.[^1] The famine followed.[^2]\n\n"
        "[^1]: Ann Fell, *The Late Spring* (London:\n    Macmillan, 1966), 3.\n"
        "[^2]: Ibid., 4; see also Marsh, *Bread and Order*, 12.\n"
    )
    document = read(text, "essay.md")
    found = note_citations(document)
    assert [(c.kind, c.note) for c in found] == [("full", 1), ("ibid", 2), ("short", 2)]
    assert found[0].work.title == "The Late Spring" and found[0].work.publisher == "Macmillan"
    assert found[2].work.title == "Bread and Order"
    assert text[found[2].span.start : found[2].span.end] == "Marsh, *Bread and Order*, 12"
    assert_exact(document, found)


def test_converted_text_with_no_break_spaces_and_en_dashes():
    text = notes_file("Ann\u00a0Fell, “The Late Spring,” Rural History 4 (1990): 51–55.")
    document = read(text)
    [citation] = note_citations(document)
    assert citation.work.authors == (Person("Fell", "Ann"),)
    assert citation.locator == "51–55"
    assert_exact(document, [citation])


def test_latex_footnotes_keep_their_markup_in_the_text_and_parse_without_it():
    text = (
        "\\documentclass{article}\n\\begin{document}\n"
        "It began.\\footnote{Ann Fell, \\emph{The Late Spring} (London: Macmillan, 1966), 3--5.}\n"
        "It went on.\\footnote{Ibid., 7; see also Tom Shaw, ``Grain and Power,'' \\textit{Rural History} 4 (1990): 51.}\n"
        "It ended.\\footnote{See \\citet[45]{fell1966}; Fell, \\emph{Late Spring}, 9.}\n"
        "\\end{document}\n"
    )
    document = read(text, "thesis.tex")
    found = note_citations(document)
    assert [(c.note, c.kind, c.locator) for c in found] == [
        (1, "full", "3–5"), (2, "ibid", "7"), (2, "full", "51"), (3, "short", "9")]
    assert found[0].text == "Ann Fell, \\emph{The Late Spring} (London: Macmillan, 1966), 3--5"
    assert (found[2].work.title, found[2].work.container) == ("Grain and Power", "Rural History")
    assert_exact(document, found)


def test_commentary_notes_yield_nothing():
    assert sources("The minutes of this meeting were never found.", "I owe this point to a colleague.") == []


# --------------------------------------------------------------------------------------------
# Properties

SURNAME = st.sampled_from(("Harlow", "Denning", "Penrose", "Marsh", "Fell", "Shaw", "Ashby", "Lyall", "O’Neill",
                           "Kowalski-Brandt"))
GIVEN = st.sampled_from(("Ann", "Tom", "E. H.", "Sheila", "V. P.", "Robert C.", "Iu."))
TITLE_WORD = st.sampled_from(("Bread", "Order", "Power", "Province", "Revolution", "Party", "Terror", "Village",
                              "Plan", "Winter", "Grain", "Railway"))
SMALL_WORD = st.sampled_from(("and", "of", "in", "the"))
PLACE = st.sampled_from(("London", "Oxford", "New Haven", "Cambridge, MA", "Stanford"))
PUBLISHER = st.sampled_from(("Macmillan", "Clarendon Press", "Yale University Press", "Hoover Institution Press"))
YEAR = st.integers(1850, 2024).map(str)
LOCATOR = st.one_of(
    st.integers(1, 999).map(str),
    st.tuples(st.integers(1, 400), st.integers(1, 60)).map(lambda t: f"{t[0]}–{t[0] + t[1]}"),
    st.tuples(st.integers(1, 12), st.integers(1, 500)).map(lambda t: f"{t[0]}:{t[1]}"),
    st.integers(1, 999).map(lambda n: f"p. {n}"),
)


@st.composite
def titles(draw) -> str:
    first = draw(TITLE_WORD)
    rest = draw(st.lists(st.tuples(SMALL_WORD, TITLE_WORD), max_size=3))
    return " ".join([first, *(f"{small} {word}" for small, word in rest)])


@st.composite
def book_notes(draw) -> tuple[str, dict]:
    given, family = draw(GIVEN), draw(SURNAME)
    title, place, publisher, year, locator = draw(titles()), draw(PLACE), draw(PUBLISHER), draw(YEAR), draw(LOCATOR)
    text = f"{given} {family}, {title} ({place}: {publisher}, {year}), {locator}."
    return text, {"authors": (Person(family, given),), "title": title, "place": place, "publisher": publisher,
                  "year": year, "locator": locator}


@given(book_notes())
@SETTINGS
def test_generated_full_citations_parse_back(case):
    text, fields = case
    [citation] = sources(text)
    work = citation.work
    assert citation.kind == "full"
    assert (work.authors, work.title, work.place, work.publisher, work.year, citation.locator) == (
        fields["authors"], fields["title"], fields["place"], fields["publisher"], fields["year"], fields["locator"])


@given(SURNAME, titles(), LOCATOR)
@SETTINGS
def test_generated_short_forms_parse_back(family, title, locator):
    [citation] = sources(f"{family}, {title}, {locator}.")
    assert (citation.kind, citation.work.authors, citation.work.title, citation.locator) == (
        "short", (Person(family),), title, locator)


@pytest.mark.parametrize("locator", ["paragraph 3", "paragraphs 3-4", "para. 12", "paras. 12–14", "par. 7", "¶ 7", "¶7"])
def test_a_paragraph_is_a_locator(locator):
    """An online journal's numbered paragraphs, cited in place of pages: ``Drucker, "Humanities
    Approaches," paragraph 3.`` (Current Research in Digital History, citing *Digital Humanities
    Quarterly*) was once no source at all."""
    [citation] = sources(f'Marsh, "Counting Sacks in Public," {locator}.')
    assert (citation.kind, citation.work.authors, citation.work.title, citation.locator) == (
        "short", (Person("Marsh"),), "Counting Sacks in Public", locator)


PARAGRAPH = st.sampled_from(("paragraph", "paragraphs", "para.", "paras.", "par.", "¶"))


@given(SURNAME, titles(), PARAGRAPH, st.integers(1, 200), st.sampled_from(("'", '"', "“")))
@SETTINGS
def test_generated_short_forms_with_a_paragraph_locator_parse_back(family, title, word, number, mark):
    """An article's quoted title then its paragraph (an italic title before a dotted word such as
    ``para.`` or ``fig.`` still loses its locator: left alone)."""
    closing = {"'": "'", '"': '"', "“": "”"}[mark]
    [citation] = sources(f"{family}, {mark}{title},{closing} {word} {number}.")
    assert (citation.kind, citation.work.authors, citation.work.title, citation.locator) == (
        "short", (Person(family),), title, f"{word} {number}")


@given(SURNAME, titles(), st.integers(1, 30), st.integers(1, 300), st.sampled_from(("§", "§§")))
@SETTINGS
def test_generated_short_forms_with_a_section_sign_parse_back(family, title, chapter, number, sign):
    """A chapter and a section by the section sign, as early-modern treatises are cited:
    ``Brachvogel and Borne, *De usu et abusu disputandi*, ch. 3, § 38.`` (CRDH's essay on law
    dissertations) was once no source at all."""
    [citation] = sources(f"{family}, *{title}*, ch. {chapter}, {sign} {number}.")
    assert (citation.kind, citation.work.authors, citation.work.title, citation.locator) == (
        "short", (Person(family),), title, f"ch. {chapter}, {sign} {number}")


def test_a_sentence_ending_inside_a_quotation_ends_the_source():
    """CRDH's news-diets essay: ``Bekken, "'No Weapon so Powerful'." The number 14,500 appears in
    e.g. Tebbel, *The Compact History of the American Newspaper*.``: Tebbel's book was lost in
    Bekken's segment. A quoted title followed by its journal, or a quotation by its source (Lincoln
    Mullen's post quoting Steven Deyle), stays one source."""
    first, second = sources('See Marsh, "Counting Sacks in Public." The number of mills appears in e.g. '
                            "Petrov, *Millers and Markets*.")
    assert (first.work.authors, first.work.title.rstrip(".")) == ((Person("Marsh"),), "Counting Sacks in Public")
    assert second.work.title == "Millers and Markets"  # the prose before it hides its author, as it did: the title finds it
    [article] = sources('Fell, Ann. "Village Soviets." New media & society 21, no. 1 (2019): 191-213.')
    assert (article.work.title, article.work.year) == ("Village Soviets", "2019")
    [book] = sources('Ivan Petrov writes, "I believe the mills were many." Ivan Petrov, *Millers and Markets* (Leeds, 2004), 88.')
    assert book.work.year == "2004"


PROSE_OPENING = st.sampled_from(("The number of mills appears in", "The figure is given in", "Their count rests on",
                                  "More detail comes from", "A similar list appears in e.g."))


@given(SURNAME, titles(), PROSE_OPENING, SURNAME, titles(), st.sampled_from(('"', "“")))
@SETTINGS
def test_generated_prose_after_a_quoted_title_is_a_new_segment(family, title, prose, other, other_title, mark):
    closing = {'"': '"', "“": "”"}[mark]
    first, second = sources(f"See {family}, {mark}{title}.{closing} {prose} {other}, *{other_title}*.")
    assert (first.work.authors, first.work.title.rstrip(".")) == ((Person(family),), title)  # the title keeps
    assert second.work.title == other_title  # the stop, as it did; the prose before the second hides its author


@given(SURNAME, titles(), st.sampled_from(("See", "See also", "Cf.", "Compare")), SURNAME, titles(), LOCATOR,
       st.sampled_from(('"', "“")))
@SETTINGS
def test_generated_see_after_a_quoted_title_is_a_new_source(family, title, see, other, other_title, locator, mark):
    """CRDH's essay on a century of black Mormons: ``McBride, “Black Pete.” See also Staker, *Hearken,
    O Ye People*, 1--8``: Staker's book was lost in McBride's segment."""
    closing = {'"': '"', "“": "”"}[mark]
    first, second = sources(f"{family}, {mark}{title}.{closing} {see} {other}, *{other_title}*, {locator}.")
    assert (first.work.authors, first.work.title.rstrip(".")) == ((Person(family),), title)
    assert (second.work.authors, second.work.title, second.locator) == ((Person(other),), other_title, locator)


@given(SURNAME, titles(), st.sampled_from(("", " AR", " in 3D and AR", " and GIS", " of the USA")),
       st.sampled_from(("And", "Also", "See also")), SURNAME, titles(), st.sampled_from(('"', "“")))
@SETTINGS
def test_generated_and_after_a_quoted_title_is_a_new_source(family, title, tail, opener, other, other_title, mark):
    """CRDH's essay on Lippi's thresholds: ``Cooper et al, "3D models and locative AR." And
    Morrison, "Hidden Florence 3D at the National Gallery."``: Morrison's page was lost in Cooper's
    segment, the sentence opening on "And" and the title's last word ("AR") taken for an initial."""
    closing = {'"': '"', "“": "”"}[mark]
    first, second = sources(f"{family}, {mark}{title}{tail}.{closing} {opener} {other}, {mark}{other_title}.{closing}")
    assert (first.work.authors, first.work.title.rstrip(".")) == ((Person(family),), title + tail)
    assert (second.work.authors, second.work.title.rstrip(".")) == ((Person(other),), other_title)


@given(SURNAME, SURNAME, titles(), st.sampled_from(("?", "")), st.sampled_from(("doubled", "single before", "clean")),
       st.sampled_from(("", " Parts I and II", " Part II", ", Parts I, II and III")), st.sampled_from(("", ": 25--53")))
@SETTINGS
def test_generated_debris_around_a_quoted_title_parses_as_the_clean_form(first, second, title, mark, debris, parts, pages):
    """CRDH's essay on Lippi's thresholds: ``Steinberg and Edgerton, ""How Shall This Be?"" Parts I
    and II.`` and ``Steinberg and Edgerton, '"How Shall This Be?": 25--53.`` were no source at all.
    Quotation marks a conversion doubled, a single one it left unpaired before a double one, and
    the parts named after the title leave the source its authors, title and pages."""
    if first == second or (parts and pages):
        return
    quoted = {"doubled": f'""{title}{mark}""', "single before": f"'\"{title}{mark}\"", "clean": f'"{title}{mark}"'}[debris]
    [cited] = sources(f"{first} and {second}, {quoted}{parts}{pages}.")
    assert (cited.kind, cited.work.authors, cited.work.title) == ("short", (Person(first), Person(second)), title + mark)
    assert cited.locator == (pages.lstrip(": ").replace("--", "–") or None)


PROSE_AFTER = st.sampled_from(("for studies that examine the ledgers", "about the mills of the north", "for a reading of the prices"))


@given(SURNAME, titles(), st.sampled_from(("“‘", "“", '"', "*")), PROSE_AFTER)
@SETTINGS
def test_generated_prose_after_a_short_forms_title_is_no_part_of_it(family, title, opening, prose):
    """CRDH's essay on a century of black Mormons: ``Shearer, “‘Buttcheek to Buttcheek’” for studies
    that examine …`` was no source at all."""
    closing = {"“‘": "’”", "“": "”", '"': '"', "*": "*"}[opening]
    [citation] = sources(f"{family}, {opening}{title}{closing} {prose}.")
    assert (citation.kind, citation.work.authors, citation.work.title) == ("short", (Person(family),), title)


@pytest.mark.parametrize("note", ["Some early work includes [@fell1996].", '"Introduction," in [@shaw1996].',
                                  'Nature, Ann Fell notes, "is at once a setting and an idea." [@fell1996].',
                                  "Shaw's excellent study of the mills [-@shaw1996, 12]."])
def test_words_around_a_pandoc_key_are_no_source(note):
    """Jason Heppler's dissertation writes Pandoc keys among free-text notes: the key cites the
    work (a ``key`` citation of the Markdown reader), the words around it were an unresolved source."""
    assert sources(note) == []


def test_an_email_address_is_no_pandoc_key():
    [citation] = sources("Ann Fell, *Grain and Power* (Leeds: Northfield Press, 1994), 12; write to fell@example.org.")
    assert citation.work.title == "Grain and Power"


KEY_OPENING = st.sampled_from(("Some early work includes", "On the mills, see", '"Introduction," in',
                               "Ann Fell's study of the mills is", "As Tom Shaw argues,"))


@given(KEY_OPENING, st.sampled_from(("[@fell1996]", "@shaw1996", "[-@fell1996, 4]", "[see @shaw1996, 12]")),
       SURNAME, titles(), LOCATOR)
@SETTINGS
def test_generated_words_around_a_key_give_no_source_beside_a_short_form(opening, key, family, title, locator):
    """The segment holding a key gives no source; a free-text source beside it is read as before."""
    [citation] = sources(f"{opening} {key}; {family}, {title}, {locator}.")
    assert (citation.kind, citation.work.authors, citation.work.title, citation.locator) == (
        "short", (Person(family),), title, locator)


PERIODICAL = st.sampled_from(("Pravda", "Izvestiia", "Bol'shevik", "Rural Courier", "The Economist", "Krasnaia Zvezda"))
MONTH_NAME = st.sampled_from(("January", "February", "March", "April", "May", "June", "July", "August",
                              "September", "October", "November", "December"))


def test_an_interview_cited_by_the_person_interviewed():
    """CRDH's essay on SNCC's northern supporters: ``Donaldson, interview.``, no source before; the
    full form as Chicago writes it; an interview "in" a collection is read as before."""
    [short] = sources("Donaldson, interview.")
    assert (short.kind, short.work.authors, short.work.title) == ("short", (Person("Donaldson"),), None)
    [full] = sources("Ivanhoe Donaldson, interview by Rachel Reinhard, September 20, 2003, 4.")
    assert (full.kind, full.work.authors, full.work.title, full.work.date, full.locator) == (
        "full", (Person("Donaldson", "Ivanhoe"),), "Interview by Rachel Reinhard", "2003-09-20", "4")
    assert sources("She gave an interview to the paper.") == []


@given(GIVEN, SURNAME, GIVEN, SURNAME, st.integers(1, 28), MONTH_NAME, YEAR, st.one_of(st.none(), st.integers(1, 90)))
@SETTINGS
def test_generated_interviews_parse_back(given, family, by_given, by_family, day, month, year, page):
    locator = "" if page is None else f", {page}"
    [full] = sources(f"{given} {family}, interview by {by_given} {by_family}, {month} {day}, {year}{locator}.")
    assert (full.kind, full.work.authors, full.work.title, full.work.year) == (
        "full", (Person(family, given),), f"Interview by {by_given} {by_family}", year)
    [short] = sources(f"{family}, interview{locator}.")
    assert (short.kind, short.work.authors, short.locator) == ("short", (Person(family),), None if page is None else str(page))


@given(st.lists(SURNAME, min_size=2, max_size=3, unique=True), st.one_of(st.none(), st.integers(1, 90)))
@SETTINGS
def test_generated_interviews_of_several_people_parse_back(families, page):
    """``Franco and Miele, interview.`` (CRDH's essay on museum talk-back boards): every person
    interviewed, once no source."""
    locator = "" if page is None else f", {page}"
    names = " and ".join(families) if len(families) == 2 else f"{families[0]}, {families[1]}, and {families[2]}"
    [short] = sources(f"{names}, interview{locator}.")
    assert (short.kind, short.work.authors, short.locator) == (
        "short", tuple(Person(family) for family in families), None if page is None else str(page))


@given(GIVEN, SURNAME, titles(), st.sampled_from(("Colorado", "The Mills of the North", "Harvest")), st.sampled_from(("", "by ")),
       GIVEN.filter(lambda given: "." not in given), SURNAME, st.integers(1, 400), st.sampled_from((" in", ", in")))
@SETTINGS
def test_generated_parts_with_their_books_author_after_the_book_parse_back(given, family, title, book, by, book_given,
                                                                           book_family, page, joint):
    """``Ferdinand V. Hayden, "Report of Professor F. V. Hayden" in *Colorado*, William Blackmore,
    197.`` (CRDH's essay on three valleys) and Chicago's ``in *Title*, by Name``: one source, the
    part's author and title, the book, its author among the people named for the whole, the page;
    once the book's author read as a second source."""
    [part] = sources(f'{given} {family}, "{title}"{joint} *{book}*, {by}{book_given} {book_family}, {page}.')
    assert (part.kind, part.work.authors, part.work.title, part.work.container, part.locator) == (
        "full", (Person(family, given),), title, book, str(page))
    assert Person(book_family, book_given) in part.work.editors


@given(st.sampled_from(("U.S.", "U.K.", "N.S.W.")), st.sampled_from(("Bureau of the Census", "Census Bureau", "Board of Trade",
                                                                   "Department of Agriculture")),
       YEAR, st.sampled_from(("Census", "Survey", "Census of Population")), st.sampled_from(("", ", Santa Clara County")),
       st.sampled_from(("n.d.", "45", "p. 12")))
@SETTINGS
def test_generated_bodies_of_a_state_and_an_office_parse_back(state, office, year, kind, place, end):
    """``U.S. Bureau of the Census, 1960 Census, Santa Clara County, n.d.`` (Jason Heppler's
    dissertation, chapter 2): the body as the one author, the title from its number; once the body
    read into the title."""
    [cited] = sources(f"{state} {office}, {year} {kind}{place}, {end}" + ("" if end.endswith(".") else "."))
    assert cited.work.authors == (Person(f"{state} {office}"),)
    assert cited.work.title.startswith(f"{year} {kind}")


@given(st.lists(st.tuples(SURNAME, titles()), min_size=2, max_size=4), st.sampled_from((('"', '"'), ("“", "”"))))
@SETTINGS
def test_generated_short_forms_joined_by_semicolons_inside_quotations_parse_back(cited, marks):
    """``Perez, "Privacy and Social Spaces;" Margulis, "Privacy as a Social Issue;" Altman, *…*``
    (CRDH's essay on privacy in historical newspapers): each short form a source of its own, its
    author and title; once one segment."""
    opening, closing = marks
    note = " ".join(f"{family}, {opening}{title};{closing}" for family, title in cited[:-1])
    note += f" {cited[-1][0]}, *{cited[-1][1]}*."
    found = sources(note)
    assert [(c.kind, c.work.authors, c.work.title) for c in found] == [
        ("short", (Person(family),), title) for family, title in cited]


@given(SURNAME, titles(), st.sampled_from(("See also", "See", "Cf.")), SURNAME, titles(), st.integers(1, 400), st.sampled_from(("*", "_")))
@SETTINGS
def test_generated_sentences_ending_inside_emphasis_end_the_source(family, title, see, other, other_title, page, mark):
    """``Hillier and Hanson, *Social Logic of Space.* See also Foster, "…," 40.`` (CRDH's essay on
    the royal apartments): two sources; once the first alone."""
    found = sources(f'{family}, {mark}{title}.{mark} {see} {other}, "{other_title}," {page}.')
    assert [(c.work.authors, c.work.title.rstrip(".")) for c in found] == [
        ((Person(family),), title), ((Person(other),), other_title)]


def test_a_semicolon_inside_a_quotation_before_its_journal_ends_nothing():
    """``"On the Classification …;" _Proceedings of the Zoological Society_, 1868`` (Huxley's
    *Discourses*): the article and its journal, one source; and a new series after a container
    (``in ‘Annals of Philosophy,’ N. S., vol. xii``, Carpenter's paper on Antedon) names no author."""
    [article] = sources('"On the Classification of the Mills;" _Proceedings of the Milling Society_, 1868.')
    assert (article.kind, article.work.title, article.work.container, article.work.year) == (
        "full", "On the Classification of the Mills", "Proceedings of the Milling Society", "1868")
    [part] = sources("Ann Fell, “Notice on the mills of the valley,” in ‘Annals of Milling,’ N. S., vol. xii.")
    assert (part.kind, part.work.editors) == ("full", ())


@given(GIVEN, SURNAME, TITLE_WORD, TITLE_WORD, PLACE, PUBLISHER, YEAR, st.sampled_from(("dir=\"rtl\"", ".underline", "lang=\"fr\"")))
@SETTINGS
def test_generated_pandoc_spans_in_titles_read_as_their_text(given, family, first, second, place, publisher, year, attributes):
    """``*Les collections royales d[']{dir="rtl"}objets d[']{dir="rtl"}art*`` (CRDH's essay on Louis
    XIV's appartement, converted from a word processor): the title as its text reads; once the
    span's quotes and brackets in it."""
    span = f"[']{{{attributes}}}"
    [cited] = sources(f"{given} {family}, *{first} d{span}{second} l{span}Ancienne* ({place}: {publisher}, {year}), 12.")
    assert (cited.kind, cited.work.authors, cited.work.title, cited.work.year) == (
        "full", (Person(family, given),), f"{first} d'{second} l'Ancienne", year)


REPOSITORY = st.sampled_from(("Bancroft", "Northfield Library", "Regional Oral History Office, The Bancroft Library"))
TRANSCRIPT = st.sampled_from(("Transcript of interview", "Typescript of an oral history", "Interview", "transcript of interview"))


@given(GIVEN.filter(lambda given: "." not in given), SURNAME, GIVEN.filter(lambda given: "." not in given), SURNAME,
       TRANSCRIPT, st.sampled_from(("with", "of")), REPOSITORY, YEAR, st.integers(1, 90))
@SETTINGS
def test_generated_interview_descriptions_parse_back(given, family, by_given, by_family, opening, joint, where, year, page):
    """``Transcript of interview of Wallace Stegner by Ann Lage. Regional Oral History Office, …,
    1982, 10.`` and ``Stanford Oral History Project, transcript of interview with Alf Brandin, ca.
    1980, 30--31`` (Jason Heppler's dissertation, chapters 2 and 4): the person interviewed, the
    year and the page of one interview, whether the repository follows after a full stop or a
    comma; once the repository alone, or nothing."""
    for written in (f"{opening} {joint} {given} {family} by {by_given} {by_family}. {where}, {year}, {page}.",
                    f"{where}, {opening.lower()} {joint} {given} {family}, ca. {year}, {page}."):
        [interview] = sources(written)
        assert (interview.kind, interview.work.authors, interview.work.year, interview.work.genre, interview.locator) == (
            "full", (Person(family, given),), year, "interview", str(page)), written


@given(SURNAME, st.sampled_from(("interview", "oral history")), st.one_of(st.none(), REPOSITORY),
       st.sampled_from(("12", "p 7-8", "n.p. [58]", "30-31")))
@SETTINGS
def test_generated_short_interviews_with_a_repository_parse_back(family, word, where, page):
    """``Stegner oral history, Bancroft, p 7-8`` and ``Brandin oral history, n.p. [58]`` (Heppler's
    dissertation, chapters 2 and 4): the person, an interview, the page; once the repository read
    as a surname, or nothing."""
    repository = "" if where is None else f", {where}"
    [short] = sources(f"{family} {word}{repository}, {page}.")
    assert (short.kind, short.work.authors, short.work.genre, short.locator) == ("short", (Person(family),), "interview", page)


def test_an_interview_in_prose_is_no_source():
    """"interview with" opens a source or one of its elements, never the middle of a sentence; an
    interview printed "in" a work is that work."""
    assert sources("The miller spoke of it in his interview with Tom Shaw, who wrote it down.") == []
    [book] = sources("Interview with A. I. Voronina, recorded 1968, in Harlow, Bread and Order, 311.")
    assert (book.kind, book.work.authors, book.work.title) == ("short", (Person("Harlow"),), "Bread and Order")


@given(PERIODICAL, st.integers(1, 60), MONTH_NAME, YEAR, st.one_of(st.none(), st.integers(1, 400)))
@SETTINGS
def test_generated_periodical_issues_parse_back(name, number, month, year, page):
    page_text = "" if page is None else f": {page}"
    [citation] = sources(f"{name}, no. {number} ({month} {year}){page_text}.")
    work = citation.work
    assert (work.title, work.issue, work.year, work.date[:4], citation.locator) == (
        name, str(number), year, year, None if page is None else str(page))


@given(PERIODICAL, st.sampled_from(("*", "")), MONTH_NAME, st.integers(1, 28), st.one_of(st.none(), st.integers(1, 31)),
       YEAR, st.booleans(), st.one_of(st.none(), st.integers(1, 40)))
@SETTINGS
def test_generated_newspaper_issues_with_the_other_calendars_day_parse_back(name, mark, month, day, other, year, day_first, page):
    """CRDH's essay on the Russian flu: ``*Novoe Vremia*, November 18 (30), 1889, 3.``, the Julian
    day and the Gregorian in parentheses; once no source."""
    days = f"{day}" if other is None else f"{day} ({other})"
    day_first = day_first and not mark  # ``*Pravda*, 1 January 1850`` reads the day as a volume (left as it was)
    date = f"{days} {month} {year}" if day_first else f"{month} {days}, {year}"
    page_text = "" if page is None else f", {page}"
    [citation] = sources(f"{mark}{name}{mark}, {date}{page_text}.")
    work = citation.work
    assert (citation.kind, work.title, work.year, citation.locator) == ("full", name, year, None if page is None else str(page))
    assert work.date == f"{year}-{MONTH_NAME_NUMBER[month]:02d}-{day:02d}"


@given(PERIODICAL, st.one_of(st.none(), PLACE), MONTH_NAME, st.integers(1, 28), YEAR, st.integers(1, 40),
       st.sampled_from(("", "ten days later, in the ", "The same report appeared in the ")))
@SETTINGS
def test_generated_newspaper_issues_with_a_place_or_after_prose_parse_back(name, place, month, day, year, page, lead):
    """CRDH's essay on the Russian flu: ``*Evening Star* (Washington DC), December 17, 1889, 1``
    and ``ten days later, in the *Iowa County Democrat*, December 27, 1889, 1``; once no source (a
    lead-in that opens with a capital stays in the title, as before)."""
    where = "" if place is None else f" ({place})"
    [citation] = sources(f"{lead}*{name}*{where}, {month} {day}, {year}, {page}.")
    work = citation.work
    assert (citation.kind, work.year, work.date, citation.locator) == (
        "full", year, f"{year}-{MONTH_NAME_NUMBER[month]:02d}-{day:02d}", str(page))
    assert work.title == name or (lead.startswith("The") and work.title.endswith(name))


MONTH_NAME_NUMBER = {month: number for number, month in enumerate(("January", "February", "March", "April", "May", "June",
                     "July", "August", "September", "October", "November", "December"), start=1)}


@given(st.lists(st.tuples(SURNAME, GIVEN), min_size=2, max_size=12), YEAR, titles())
@SETTINGS
def test_generated_names_joined_by_and_parse_back(people, year, title):
    """Names each inverted and joined by "and", as BibTeX holds them, before an author-date year."""
    names = " and ".join(f"{family}, {given}" for family, given in people)
    [citation] = sources(f"{names} ({year}). {title}. Northfield Press.")
    assert citation.work.authors == tuple(Person(family, given) for family, given in people)
    assert citation.work.year == year


@given(st.lists(st.tuples(GIVEN.filter(lambda given: "." not in given), SURNAME), min_size=2, max_size=6), YEAR)
@SETTINGS
def test_generated_natural_names_without_and_parse_back(people, year):
    """Names in their natural order between commas, no "and", before an author-date year (the
    sentiment-analysis lesson, Programming Historian)."""
    names = ", ".join(f"{given} {family}" for given, family in people)
    [citation] = sources(f"{names} ({year}). ‘Mills and Bread’ *Rural History* 42: 9-11.")
    assert citation.work.authors == tuple(Person(family, given) for given, family in people)
    assert (citation.work.title, citation.work.container) == ("Mills and Bread", "Rural History")


@st.composite
def article_notes(draw) -> tuple[str, dict]:
    given, family = draw(GIVEN), draw(SURNAME)
    title, journal = draw(titles()), f"{draw(TITLE_WORD)} Review"
    volume, issue, year = str(draw(st.integers(1, 99))), str(draw(st.integers(1, 6))), draw(YEAR)
    first = draw(st.integers(1, 400))
    pages = f"{first}–{first + draw(st.integers(1, 40))}"
    opening, closing = draw(st.sampled_from((("“", "”"), ('"', '"'))))
    text = f"{given} {family}, {opening}{title},{closing} {journal} {volume}, no. {issue} ({year}): {pages}."
    return text, {"authors": (Person(family, given),), "title": title, "container": journal, "volume": volume,
                  "issue": issue, "year": year, "locator": pages}


@st.composite
def multi_source_notes(draw, markdown: bool) -> tuple[str, list[tuple[str, str | None]]]:
    """A note of one to three sources joined by ``;`` or "See also": each with its expected kind and locator."""
    parts: list[tuple[str, str, str | None]] = []
    for _ in range(draw(st.integers(1, 3))):
        choice = draw(st.sampled_from(("book", "article", "short", "ibid")))
        if choice == "book":
            text, fields = draw(book_notes())
            if markdown:
                text = text.replace(fields["title"] + " (", f"*{fields['title']}* (", 1)
            parts.append((text.rstrip("."), "full", fields["locator"]))
        elif choice == "article":
            text, fields = draw(article_notes())
            parts.append((text.rstrip("."), "full", fields["locator"]))
        elif choice == "short":
            title, locator = draw(titles()), draw(LOCATOR)
            parts.append((f"{draw(SURNAME)}, {f'*{title}*' if markdown else title}, {locator}", "short", locator))
        else:
            locator = draw(LOCATOR)
            parts.append((f"Ibid., {locator}", "ibid", locator))
    joiners = [draw(st.sampled_from(("; ", "; see also ", ". See also ", "; and "))) for _ in parts[1:]]
    text = parts[0][0] + "".join(j + p[0] for j, p in zip(joiners, parts[1:])) + "."
    return text, [(kind, locator) for _, kind, locator in parts]


@given(article_notes())
@SETTINGS
def test_generated_articles_parse_back(case):
    text, fields = case
    [citation] = sources(text)
    work = citation.work
    assert citation.kind == "full" and work.entry_type == "article"
    assert (work.authors, work.title, work.container, work.volume, work.issue, work.year, citation.locator) == (
        fields["authors"], fields["title"], fields["container"], fields["volume"], fields["issue"], fields["year"],
        fields["locator"])


@given(st.booleans().flatmap(lambda markdown: st.tuples(st.just(markdown), multi_source_notes(markdown))))
@SETTINGS
def test_generated_multi_source_notes_split_into_their_sources(case):
    markdown, (note, expected) = case
    text = f"A sentence.[^1]\n\n[^1]: {note}\n" if markdown else notes_file(note)
    document = read(text, "x.md" if markdown else "x.txt")
    found = note_citations(document)
    assert [(c.kind, c.locator) for c in found] == expected
    assert_exact(document, found)


NOTE_ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",))
NOTE_PIECES = st.sampled_from(("Ibid.", ", ", "; ", ". ", "(", ")", "“", "”", '"', "*", "_", " and ", "See also ",
                               "hereafter ", "quoted in ", "Fell", "Bread", "12", "1966", ":", "\n", "\u00a0", "p. ",
                               "vol. ", "–", "ed. ", "in ", "n.d."))


@given(st.lists(st.one_of(NOTE_PIECES, st.text(NOTE_ALPHABET, max_size=8)), max_size=40))
@SETTINGS
def test_any_note_text_never_raises_and_spans_stay_in_the_notes(pieces):
    note = "".join(pieces).replace("\n", " ")
    for name, text in (("x.txt", notes_file(note, "Ibid.")), ("x.md", f"A.[^1]\n\n[^1]: {note}\n")):
        document = read(text, name)
        for citation in note_citations(document):
            inside = any(p.start <= citation.span.start and citation.span.end <= p.end for p in _hull(document))
            assert inside
            assert citation.span.start < citation.span.end
            written = document.source.text[citation.span.start : citation.span.end]
            assert " ".join(written.split()) == citation.text


def _hull(document: Document):
    """For each note, the stretch from its first part's start to its last part's end."""
    return [Span(n.parts[0].path, n.parts[0].start, n.parts[-1].end) for n in document.notes if n.parts]


def test_the_readers_markup_is_no_part_of_a_source():
    """A link's syntax, a LaTeX escape and emphasis are the reader's markup (its regions): the
    parser reads the label, the character and *the title*. Shape of a Programming Historian
    note: ``Justin Rice, ["What Makes Hemingway Hemingway? …"](https://…)``."""
    markdown = (
        "Text.[^1]\n\n"
        "[^1]: See Justin Rice, [\"What Makes Hemingway Hemingway?\"](https://www.example.org/hemingway), 2016.\n"
    )
    (link,) = note_citations(read(markdown, "lesson.md"))
    assert (link.work.authors[0].family, link.work.title, link.work.year) == ("Rice", "What Makes Hemingway Hemingway?", "2016")
    latex = (
        "\\begin{document}\nText.\\footnote{Ann Fell \\& Tom Shaw, \\emph{Grain and Power} (Leeds: Northfield, 1994), 12.}\n"
        "\\end{document}\n"
    )
    (escaped,) = note_citations(read(latex, "thesis.tex"))
    assert [p.family for p in escaped.work.authors] == ["Fell", "Shaw"]
    assert escaped.work.title == "Grain and Power"


# Notes written in the bibliography's form, as Matthew J. Lavin's Programming Historian lessons on
# regression (2021, CC-BY) write them; the works here are others, in that shape.
@pytest.mark.parametrize(
    ("note", "families", "title", "year", "locator"),
    [
        ("Jarausch, Konrad H., and Kenneth A. Hardy. *Quantitative Methods for Historians*. 1991. "
         "UNC Press Books, 2016: 132.", ["Jarausch", "Hardy"], "Quantitative Methods for Historians", "2016", "132"),
        ('Fell, Ann. "Village Soviets." *Rural History* 4, no. 2 (1990): 45-67. 51.',
         ["Fell"], "Village Soviets", "1990", "51"),
        ("Shaw, Tom, Ann Fell, and Ivan Petrov. *Grain and Power*. Leeds: Northfield Press, 1994: 12.",
         ["Shaw", "Fell", "Petrov"], "Grain and Power", "1994", "12"),
        ("Fell, Ann, et al. *The Late Spring*. London: Macmillan, 1966.", ["Fell"], "The Late Spring", "1966", None),
        # initials right before the italic title, two places in the imprint: a student's note in
        # Metahistory's historical-fiction essay ("Lemon, M. C. _Philosophy of History_. London; New York: …")
        ("Fell, A. M. *Grain and Power*. Leeds; York: Northfield Press, 1994.", ["Fell"], "Grain and Power", "1994", None),
    ],
)
def test_a_note_in_the_bibliographys_form_keeps_its_authors(note, families, title, year, locator):
    [citation] = sources(note)
    assert citation.kind == "full"
    assert [p.family for p in citation.work.authors] == families
    assert (citation.work.title, citation.work.year, citation.locator) == (title, year, locator)


def test_a_body_in_the_bibliographys_form_is_the_author_of_its_web_page():
    [citation] = sources("The Scikit-Learn Development Team. *7.1 Toy datasets*.")
    assert citation.work.authors == (Person("The Scikit-Learn Development Team"),)
    assert citation.work.title == "7.1 Toy datasets"


def test_a_remark_after_an_italic_title_is_no_part_of_the_source():
    [citation] = sources("See The Pandas Development Team, *pandas.concat*, for the differences between the operations.")
    assert citation.text == "The Pandas Development Team, *pandas.concat*"
    assert citation.work.authors == (Person("The Pandas Development Team"),)


def test_a_page_after_the_full_stop_that_ends_the_facts_is_the_locator():
    [citation] = sources('"Six Girls," *The New York Times Book Review*, 27 May 1905. 338.')
    assert (citation.work.title, citation.work.container, citation.locator) == (
        "Six Girls", "The New York Times Book Review", "338")


def test_et_al_written_with_a_full_stop_after_et():
    [citation] = sources("Nisbet et. al., 74.")
    assert (citation.kind, [p.family for p in citation.work.authors], citation.locator) == ("short", ["Nisbet"], "74")


def test_co_authors_after_an_inverted_first_author_without_a_comma():
    """linear-regression (Programming Historian): "Feinstein, Charles H. and Mark Thomas, _Making
    History Count_ …" names two people, not a body called "Feinstein Charles H. and Mark Thomas"."""
    [citation] = sources("Fell, Ann M. and Tom Shaw, *Grain and Power*. Northfield Press, 1994: 12.")
    assert citation.work.authors == (Person("Fell", "Ann M."), Person("Shaw", "Tom"))
    assert citation.work.title == "Grain and Power"


def test_a_semicolon_between_two_places_of_one_imprint_splits_no_sources():
    assert [c.text for c in sources("Tom Shaw, *Grain and Power* (Leeds; York: Northfield Press, 1994), 12.")] == [
        "Tom Shaw, *Grain and Power* (Leeds; York: Northfield Press, 1994), 12"]
    assert [c.text for c in sources("Shaw, *Grain and Power*, 12; Fell, *The Late Spring*, 3.")] == [
        "Shaw, *Grain and Power*, 12", "Fell, *The Late Spring*, 3"]


def test_a_note_in_the_author_date_form_gives_the_year_after_the_names():
    """Logistic and linear regression (Programming Historian) cite "Broscheid, A. (2011), Comparing
    Circuits: … Than Others?. _Law & Society Review_, 45: 171-194." in the APA form."""
    [citation] = sources("Fell, A. (1990), Village Soviets: Were They Ever Elected?. *Rural History*, 4: 45-67.")
    assert citation.kind == "full"
    assert citation.work.authors == (Person("Fell", "A."),)
    assert (citation.work.title, citation.work.container, citation.work.year, citation.work.volume) == (
        "Village Soviets: Were They Ever Elected?", "Rural History", "1990", "4")
    [book] = sources("Shaw, T. (1994). Grain and Power. Northfield Press.")
    assert (book.work.title, book.work.year) == ("Grain and Power", "1994")


def test_a_quoted_title_followed_by_its_site_in_the_bibliographys_form():
    """historical-fiction (Metahistory): "Sanger, Thomas. “… What’s in a Genre?” Thomas Sanger. Accessed …"."""
    [citation] = sources("Shaw, Ann. “Grain or Power: Which Came First?” Ann Shaw. Accessed May 2, 2019.")
    assert citation.work.authors == (Person("Shaw", "Ann"),)
    assert citation.work.title == "Grain or Power: Which Came First?"


def test_two_italic_titles_joined_by_and_are_two_sources():
    """linear-regression (Programming Historian): "See The Scikit-Learn Development Team, _Metrics
    and scoring_ [link] and _sklearn.metrics.r2_score_, [link]." cites two pages of one site."""
    found = sources("See The Northfield Team, *Grain prices and yields* and *Bread prices*.")
    assert [c.text for c in found] == ["The Northfield Team, *Grain prices and yields*", "*Bread prices*"]


def test_an_edition_after_an_italic_title_without_a_comma():
    """enlightenment-historiography (Metahistory): "Adam Ferguson, _An Essay on the History of
    Civil Society_ 5th ed. (London: T. Cadell, 1782)"."""
    [citation] = sources("Ann Fell, *Grain and Power* 2nd ed. (Leeds: Northfield Press, 1994), 12.")
    assert (citation.work.title, citation.work.year, citation.locator) == ("Grain and Power", "1994", "12")


# --------------------------------------------------------------------------------------------
# Properties of the forms real notes showed (tests/corpora/noteforms/README.md names the documents)

PRESS = st.sampled_from(("Clarendon Press", "Yale University Press", "Northfield Publishing", "Verso Books"))


def initials(given: str) -> str:
    return " ".join(f"{word[0]}." for word in given.split())


@st.composite
def editors(draw) -> list[tuple[str, str]]:
    return draw(st.lists(st.tuples(GIVEN, SURNAME), min_size=1, max_size=2, unique_by=lambda pair: pair[1]))


def natural(people: list[tuple[str, str]], abbreviate: bool = False) -> str:
    return " and ".join(f"{initials(given) if abbreviate else given} {family}" for given, family in people)


@st.composite
def chapter_notes(draw) -> tuple[str, dict]:
    """A chapter and the book it is in, in the forms of LoMRF's documentation, the Timeline and tf-idf
    lessons and Chicago's note: editors before ``(Ed.)`` in either order, ``ed.``, ``edited by``."""
    given, family, people = draw(GIVEN), draw(SURNAME), draw(editors())
    chapter, book = f"{draw(titles())} of the {draw(TITLE_WORD)}", f"{draw(TITLE_WORD)} and {draw(titles())}"
    place, publisher, year = draw(PLACE), draw(PUBLISHER), draw(YEAR)
    first = draw(st.integers(1, 400))
    pages = f"{first}–{first + draw(st.integers(1, 40))}"
    role = "Eds." if len(people) > 1 else "Ed."
    inverted = " and ".join(f"{f}, {initials(g)}" for g, f in people)
    form = draw(st.sampled_from(("note", "inverted", "chicago", "bibliography", "author-date")))
    text = {
        "note": f"{given} {family}, ‘{chapter}’, in {natural(people)} ({role}), *{book}* ({place}: {publisher}, {year}), {first}.",
        "inverted": f"{given} {family}, '{chapter}', in {inverted} ({role.lower()}), {book} ({place}: {publisher}, {year}), pp. {pages}.",
        "chicago": f"{given} {family}, “{chapter},” in *{book}*, ed. {natural(people)} ({place}: {publisher}, {year}), {first}.",
        "bibliography": f"{family}, {given.rstrip('.')}. “{chapter}.” In *{book}*, edited by {natural(people)}, {pages}. {place}: {publisher}, {year}.",
        "author-date": f"{family}, {initials(given)} ({year}). {chapter}. In {natural(people, True)} ({role}), {book} (pp. {pages}). {publisher}.",
    }[form]
    return text, {"family": family, "title": chapter, "container": book, "year": year,
                  "editors": [f for _, f in people]}


@given(chapter_notes())
@SETTINGS
def test_generated_chapters_parse_back_with_their_book(case):
    text, fields = case
    [citation] = sources(text)
    work = citation.work
    assert (citation.kind, work.entry_type) == ("full", "incollection")
    assert [p.family for p in work.authors] == [fields["family"]]
    assert (work.title, work.container, work.year) == (fields["title"], fields["container"], fields["year"])
    assert [p.family for p in work.editors] == fields["editors"]


@given(editors(), titles(), TITLE_WORD, PLACE, PRESS, YEAR, st.sampled_from(("ed.", "eds.", "comp.", "trans.")),
       st.sampled_from(("*", "_")), st.sampled_from((": ", " : ")))
@SETTINGS
def test_editors_then_a_role_with_no_comma_before_a_marked_title(people, title, word, place, publisher, year, role, mark, colon):
    """2019-fall's Annales essay: ``Anna Green and Kathleen Troup, ed. _The Houses of History : A
    Critical Reader …_ (New York: …, 1999),87``: the role's full stop, then the title, no comma."""
    whole = f"{title}{colon}A Reader in the {word}"
    [citation] = sources(f"{natural(people)}, {role} {mark}{whole}{mark} ({place}: {publisher}, {year}), 87.")
    work = citation.work
    assert (citation.kind, work.title, work.year, citation.locator) == ("full", whole, year, "87")
    named = [p.family for p in (work.authors if role == "trans." else work.editors)]
    assert named == [f for _, f in people]


@given(st.one_of(st.just(""), PLACE.map(lambda place: f"{place}: ")), PRESS, st.one_of(st.just(""), YEAR.map(", {}".format)))
@SETTINGS
def test_an_imprint_alone_is_never_a_source(place, publisher, year):
    assert sources(f"{place}{publisher}{year}.") == []


@given(GIVEN, SURNAME, titles(), TITLE_WORD, PRESS, YEAR)
@SETTINGS
def test_names_title_and_imprint_in_the_bibliographys_natural_order_are_one_source(given_name, family, title, word, publisher, year):
    """LoMRF's documentation and the noteforms corpus: ``Stuart Clark. The Rhetoric … Cambridge University Press``."""
    title = f"{title} of the {word}"
    [citation] = sources(f"{given_name} {family}. {title}. {publisher}, {year}.".replace("..", "."))
    assert citation.kind == "full"
    assert ([p.family for p in citation.work.authors], citation.work.title, citation.work.year) == ([family], title, year)


@st.composite
def author_date_notes(draw) -> tuple[str, dict]:
    """APA references as CoTETE.jl's documentation and the Timeline and nodegoat lessons write them."""
    people = draw(st.lists(st.tuples(GIVEN, SURNAME), min_size=1, max_size=3, unique_by=lambda pair: pair[1]))
    names = [f"{family}, {initials(given)}" for given, family in people]
    written = names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]
    title, year = f"{draw(titles())} of the {draw(TITLE_WORD)}", draw(YEAR)
    if draw(st.booleans()):
        journal, volume, issue = f"{draw(TITLE_WORD)} Review", draw(st.integers(1, 99)), draw(st.integers(1, 6))
        first = draw(st.integers(1, 400))
        quoted = draw(st.sampled_from(("{}", "“{}”"))).format(title)
        text = f"{written} ({year}). {quoted}. *{journal}*, {volume}({issue}), {first}–{first + 9}."
        container = journal
    else:
        text, container = f"{written} ({year}). *{title}*. {draw(PRESS)}.", None
    return text, {"families": [f for _, f in people], "title": title, "year": year, "container": container}


@given(author_date_notes())
@SETTINGS
def test_generated_author_date_references_parse_back(case):
    text, fields = case
    [citation] = sources(text)
    work = citation.work
    assert citation.kind == "full"
    assert [p.family for p in work.authors] == fields["families"]
    assert (work.title, work.year, work.container) == (fields["title"], fields["year"], fields["container"])


@given(st.sampled_from(("See", "On this, see", "Compare")), titles(), st.sampled_from(("*", "_", "“")),
       st.sampled_from(("for more", "on the figures", "and its sequel")))
@SETTINGS
def test_a_marked_title_after_see_is_a_source_whatever_prose_follows(lead, title, mark, prose):
    closing = "”" if mark == "“" else mark
    [citation] = sources(f"{lead} {mark}{title}{closing} {prose}.")
    assert (citation.kind, citation.work.title) == ("short", title)


@given(SURNAME, st.sampled_from(("Trevor M.", "Ann E.", "T.", "Iu. V.")), st.lists(st.tuples(GIVEN, SURNAME), min_size=1, max_size=2),
       titles(), YEAR)
@SETTINGS
def test_a_first_author_inverted_then_co_authors_in_natural_order(family, given_name, others, title, year):
    """geospatial-data-analysis (Programming Historian): ``Harris, Trevor M., John Corrigan, and David J.
    Bodenhamer, The Spatial Humanities …``: the given name is the first author's, not a second author."""
    co = [f"{g} {f}" for g, f in others]
    listed = f"and {co[0]}" if len(co) == 1 else f"{co[0]}, and {co[1]}"
    [citation] = sources(f"{family}, {given_name}, {listed}, *{title}* (London: Macmillan, {year}).")
    assert [(p.family, p.given) for p in citation.work.authors] == [(family, given_name), *[(f, g) for g, f in others]]


@given(st.lists(SURNAME.filter(lambda name: "’" not in name), min_size=1, max_size=3, unique=True), YEAR, LOCATOR)
@SETTINGS
def test_an_author_date_short_form_gives_its_surnames_and_year(families, year, locator):
    """simulating-historical-communication-networks (Programming Historian): ``Wachter, Laslett and
    Hammel 1978, p. xix`` cites the 1978 book of those three, not a title "Laslett and Hammel 1978"."""
    names = families[0] if len(families) == 1 else ", ".join(families[:-1]) + " and " + families[-1]
    [citation] = sources(f"{names} {year}, {locator}.")
    assert (citation.kind, [p.family for p in citation.work.authors], citation.work.year, citation.locator) == (
        "short", families, year, locator)


def test_a_month_and_year_is_no_author_date_short_form():
    """Gavin's article "… Digital Humanities Quarterly, 008(4):195, December 2014." (the same lesson)."""
    assert sources("December 2014.") == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab. ,\t\n\x0b\x1c\x1f\x85\xa0\u2003é"), max_size=30))
def test_a_note_on_one_line_maps_each_character_but_its_blanks_to_its_offset(text):
    """text_offsets on a one-line note: an ASCII note's blanks are found from a mask of them, any
    other's by runs; either way every character maps to its offset and every blank to None."""
    for note_text in (text, "".join(char for char in text if char.isascii())):
        file_text = "1. " + note_text + "\n"
        note = Note("1", 1, note_text, Span("n.txt", 0, 2), (Span("n.txt", 3, 3 + len(note_text)),), "dot")
        assert text_offsets(note, file_text) == [None if char.isspace() else 3 + index for index, char in enumerate(note_text)]


def test_a_quoted_title_whose_closing_mark_is_missing():
    """``Jockers, "[Secret Recipe for Topic Modeling Themes](…).`` (CRDH's essay on the Indian Claims
    Commission): the segment's end closes the title, once no source; a quotation left open in
    prose is still none."""
    [short] = sources('Marsh, "Counting Sacks in Public.')
    assert (short.kind, short.work.authors, short.work.title) == ("short", (Person("Marsh"),), "Counting Sacks in Public")
    assert sources('He wrote to say "the mill is closed. We left that year and never saw it again.') == []


@given(SURNAME, titles(), st.sampled_from(('"', "“")), st.sampled_from((".", "")))
@SETTINGS
def test_generated_unclosed_titles_parse_back(family, title, opener, stop):
    [short] = sources(f"{family}, {opener}{title}{stop}")
    assert (short.kind, short.work.authors, short.work.title) == ("short", (Person(family),), title)


QUOTED_WORDS = st.lists(st.sampled_from(("grain", "Bread", "mill", "the", "1889", "Power", "wages")), min_size=1, max_size=4).map(" ".join)


@given(st.lists(st.tuples(QUOTED_WORDS, st.booleans()), min_size=1, max_size=6))
@SETTINGS
def test_paired_straight_quotes_mark_exactly_their_insides(parts):
    """Straight quotation marks that pair up, each opening before a word and closing after one,
    are read as before: inside them is inside, the rest outside."""
    text, inside = "", []
    for words, quoted in parts:
        written = f'"{words}"' if quoted else words
        start = len(text) + (1 if quoted else 0)
        inside.extend(range(start, start + len(words)) if quoted else ())
        text += written + ", "
    outside = notes._outside(text)
    assert [i for i in range(len(text)) if not outside[i] and text[i] != '"'] == inside


@given(QUOTED_WORDS, QUOTED_WORDS, QUOTED_WORDS, st.booleans())
@SETTINGS
def test_a_nested_straight_quotation_stays_inside_the_quotation(outer, nested, after, titled):
    """CRDH's essay on the Russian flu: ``"Dr. Shrady recalls …, but he says: "That was a
    coincidence, I think. … against cholera." *Evening World*, …``: the nested opening mark is no
    end, so the quotation's sentences stay inside it (once nine marks, an odd count, and every
    straight quotation of the note ignored), and what follows it is outside."""
    title = ' See "Grain Prices," 4.' if titled else ""
    text = f'He was quoted: "{outer.capitalize()}, but he says: "{nested.capitalize()}. {after.capitalize()}."{title} Then.'
    outside = notes._outside(text)
    first, last = text.index('"'), text.index('."') + 1
    assert not any(outside[first + 1 : last])
    assert all(outside[last + 1 : text.index(" See") if titled else len(text)])


@given(SURNAME, titles(), st.integers(1, 400), st.integers(1, 40), st.sampled_from((",", "")))
@SETTINGS
def test_a_title_opened_curly_and_closed_straight_parses_back(family, title, first, length, comma):
    """CRDH's essay on the Royal African Company: ``Law, “Supply of Corn," 1--35.`` and ``Eltis,
    “Relative Importance," 237--249.``; once no source."""
    [citation] = sources(f'{family}, “{title}{comma}" {first}--{first + length}.')
    assert (citation.kind, citation.work.title, citation.locator) == ("short", title, f"{first}–{first + length}")


@given(SURNAME, titles(), st.sampled_from(("I", "II", "III", "IV", "3", "12")), st.sampled_from(("Vol", "vol")),
       st.sampled_from((":", ",")), st.sampled_from(("xvi", "iv", "45", "210")))
@SETTINGS
def test_a_volume_before_the_page_parses_back(family, title, volume, word, separator, page):
    """CRDH's essay on the Royal African Company: ``Law, *The English*, Vol III: xvi.``, "Vol" with no
    stop; once no source. (``vol. 3, xvi.`` loses its roman page to the final stop: left as it was.)"""
    [citation] = sources(f"{family}, *{title}*, {word} {volume}{separator} {page}.")
    assert (citation.kind, citation.work.title, citation.work.volume, citation.locator) == ("short", title, volume, page)


@given(titles(), MONTH_NAME, st.integers(1, 28), YEAR, MONTH_NAME, st.integers(1, 28), YEAR, st.booleans())
@SETTINGS
def test_a_quoted_word_before_a_span_of_dates_is_no_article(term, month, day, year, month2, day2, year2, blog):
    """CRDH's essay on Virginia's reform schools: ``… into two time frames: "War-time" spanning all of
    1918, and "Post-War," covering January 1, 1919 to December 31, 1920.``, once an article in a
    periodical called "covering January 1, 1919 to December 31"; a blog named before its date still is one."""
    if blog:
        [citation] = sources(f'Ann Fell, "{term}," *Mill Notes* (blog), {month} {day}, {year}.')
        assert (citation.work.title, citation.work.container, citation.work.year) == (term, "Mill Notes", year)
    else:
        found = sources(f'I split the data into two time frames: "Bread" all of 1918, and "{term}," covering '
                        f'{month} {day}, {year} to {month2} {day2}, {year2}.')
        assert [c.work.container for c in found if c.kind == "full"] == []


@given(st.sampled_from(("readers should consult", "one may consult", "we consult")), SURNAME, titles())
@SETTINGS
def test_a_source_after_consult_keeps_its_author(lead, family, title):
    """CRDH's essay on the San Luis Valley: ``On early Nuevomexicano history …, readers should consult
    Simmons, *The San Luis Valley*``, once the title alone (the author lost to the prose)."""
    [citation] = sources(f"On the mills, {lead} {family}, *{title}*.")
    assert (citation.kind, citation.work.authors, citation.work.title) == ("short", (Person(family),), title)


@given(PERIODICAL, st.integers(1, 40), st.lists(st.sampled_from(("all", "spelled", "misspelt", "there", "as")), min_size=2, max_size=4),
       SURNAME)
@SETTINGS
def test_a_remark_in_lower_case_after_the_page_is_no_part_of_the_source(name, page, words, family):
    """CRDH's essay on the Russian flu: ``and [*The Sun*](…), 2 (all spelled Zdekaner).``, once no source."""
    [citation] = sources(f"Similar reports ran in *{name}*, {page} ({' '.join(words)} {family}).")
    assert (citation.work.title, citation.locator) == (name, str(page))


FIRST_NAME = st.sampled_from(("Ann", "Tom", "Sheila", "Wallace", "Morgan", "Ruth"))


@given(FIRST_NAME, SURNAME, FIRST_NAME, SURNAME, MONTH_NAME, st.integers(1, 28), YEAR,
       st.sampled_from(("letter", "prose", "bare", "oral history")))
@SETTINGS
def test_letters_and_oral_histories_are_their_writers_works(given_name, family, to_given, to_family, month, day, year, form):
    """Jason Heppler's dissertation: ``Letter from Wallace Sterling to John Francis Neylan, April 11,
    1960, Folder 8, Box A29, …``, ``… can be found in a letter from Morgan Stedman to Wallace
    Sterling, June 20, 1960``, ``Ralph Hansen to Alf Brandin and Lois Hogle, August 11, 1964``, once
    no source; ``Brandin oral history, 32``, once none."""
    writer, addressee = f"{given_name} {family}", f"{to_given} {to_family}"
    text = {
        "letter": f"Letter from {writer} to {addressee}, {month} {day}, {year}, Folder 8, Box 4, Mill Papers.",
        "prose": f"Details can be found in a letter from {writer} to {addressee}, {month} {day}, {year}, Box 4.",
        "bare": f"{writer} to {addressee}, {month} {day}, {year}, Mill Papers.",
        "oral history": f"{family} oral history, {day}.",
    }[form]
    [citation] = sources(text)
    work = citation.work
    assert tuple(person.family for person in work.authors) == (family,)
    if form == "oral history":
        assert (citation.kind, work.title, citation.locator) == ("short", None, str(day))
    else:
        assert (work.title, work.year, work.date) == (f"Letter to {addressee}", year, f"{year}-{MONTH_NAME_NUMBER[month]:02d}-{day:02d}")


HOLDING_ITEMS = st.lists(st.sampled_from(("Folder 8", "Box A29", "Carton 2", "FF11", "Box 4", "Folders 3-4")), min_size=1, max_size=3)


@given(FIRST_NAME, SURNAME, titles(), MONTH_NAME, st.integers(1, 28), YEAR, HOLDING_ITEMS,
       st.sampled_from(("quoted", "described", "letter", "undated")), st.booleans())
@SETTINGS
def test_a_document_in_a_collection_is_read_up_to_its_folder_or_box(given_name, family, title, month, day, year, items,
                                                                   form, page):
    """Jason Heppler's dissertation, chapter 4: ``"Forerunner," March 1973, Folder 405, Box 88, Don
    Edwards Congressional Papers, …``, ``Morgan Stedman, text of prepared meeting with Sterling,
    March 14, 1960, FF11, Box A29, SC 216, …``, ``Kemper Freeman to Stanford Alumnus, Stanford
    Review, June-July 1960, Folder 8, …``, ``GRASS ROOTS flyer, Folder 16, Box 1, …``: what the
    document is and its date; the folder, box, collection and repository locate it. Once no source."""
    date = f"{month} {day}, {year}"
    head, want = {
        "quoted": (f'"{title}," {date}', ((), title, year)),
        "described": (f"{given_name} {family}, text of a speech to the board, {date}",
                      ((family,), "Text of a speech to the board", year)),
        "letter": (f"{given_name} {family} to Mill Alumni, Mill Review, {month}-August {year}",
                   ((family,), "Letter to Mill Alumni", year)),
        "undated": ("MILL HANDS flyer", ((), "MILL HANDS flyer", None)),
    }[form]
    where = ", ".join(items)
    [citation] = sources(f"{head}{', 7' if page else ''}, {where}, Mill Road Records, M0970, Northfield Archives.")
    work = citation.work
    assert (citation.kind, tuple(person.family for person in work.authors), work.title, work.year) == ("full", *want)


@given(FIRST_NAME, FIRST_NAME, SURNAME, MONTH_NAME, st.integers(1, 28), YEAR)
@SETTINGS
def test_letter_writers_sharing_a_surname_each_have_it(first, second, family, month, day, year):
    """Heppler's dissertation: ``letter from Jerrold and Sara Hunt to Wallace Sterling, May 14, 1960``."""
    [citation] = sources(f"Letter from {first} and {second} {family} to Tom Shaw, {month} {day}, {year}.")
    assert citation.work.authors == (Person(family, first), Person(family, second))


@given(SURNAME, titles(), PERIODICAL, LOCATOR, st.sampled_from(("“{}”", '"{}"')))
@SETTINGS
def test_a_short_form_may_name_its_journal(family, title, journal, locator, quotes):
    """Heppler's dissertation, chapter 4: ``Belser, "Planning Fiasco," *Cry California*, 11.``, once no source."""
    quoted = quotes.format(f"{title},")
    [citation] = sources(f"{family}, {quoted} *{journal}*, {locator}.")
    assert (citation.kind, citation.work.title, citation.work.container, citation.locator) == ("short", title, journal, locator)


@given(titles(), MONTH_NAME, YEAR, st.integers(1, 40), st.sampled_from(("M0970", "MSS-2006-09-01", "SC 216", "M970")))
@SETTINGS
def test_an_accession_number_and_repository_are_no_second_source(title, month, year, folder, accession):
    """Heppler's dissertation, chapter 4: ``"A Study of Page Mill Road," December 1965, Folder 12, Box 1,
    Page Mill Coordinating Committee Records, M0970, Stanford University Archives, 2.``, once two sources."""
    found = sources(f'"{title}," {month} {year}, Folder {folder}, Box 1, Mill Road Committee Records, {accession}, '
                    f"Northfield University Archives, 2.")
    assert [citation.work.title for citation in found if citation.work.title and accession in citation.work.title] == []


_TITLE_WORD = st.from_regex(r"[A-Z][a-z]{2,9}", fullmatch=True)


@given(st.lists(_TITLE_WORD, min_size=1, max_size=4), st.lists(_TITLE_WORD, min_size=1, max_size=4))
def test_a_semicolon_inside_a_title_in_emphasis_cuts_no_piece(head, tail):
    """Heppler's dissertation, chapter 4: ``*San Jose: Sprawling City; A Study of …*, March 1971;``
    is one source, the semicolon after the emphasis the only cut."""
    text = f"Leeds Review, *{' '.join(head)}; {' '.join(tail)}*, March 1971; Hale, *Mills*, 3."
    opening, closing = text.index("*"), text.index("*", text.index("*") + 1)
    pieces = notes.split_pieces(text)
    assert not any(opening < piece.end <= closing for piece in pieces)
    assert len(pieces) == 2


@given(st.lists(_TITLE_WORD, min_size=1, max_size=4))
def test_a_semicolon_closing_the_emphasis_still_ends_its_source(words):
    """``*… de Marly;* Piganiol de La Force, *…*`` (CRDH's essay on Louis XIV's apartment): two sources."""
    text = f"Lenoir, *{' '.join(words)};* Lenoir, *{' '.join(words)}*."
    assert len(notes.split_pieces(text)) == 2


_GIVEN = st.sampled_from(["Louise", "Daniel S.", "Ann", "Tom"])
_FAMILY = st.from_regex(r"[A-Z][a-z]{3,9}", fullmatch=True)
_PAPER = st.lists(st.from_regex(r"[A-Z][a-z]{2,8}", fullmatch=True), min_size=1, max_size=3).map(" ".join)
_MONTHS = st.sampled_from(["January", "March", "June", "November"])


@given(_GIVEN, _FAMILY, _PAPER, _MONTHS, st.integers(1, 28), st.integers(1850, 1999), st.booleans())
@SETTINGS
def test_a_writer_in_a_papers_issue_of_a_day(given, family, paper, month, day, year, byline):
    """``Louise Brisebat, *Palo Alto Times*, November 4, 1960`` and ``Editorial by Daniel S. Endsley,
    *Palo Alto Times*, November 1, 1960`` (Jason Heppler's dissertation, chapter 4): the people
    wrote in the paper's issue of that day, no date read as its title's container."""
    lead = "Editorial by " if byline else ""
    [citation] = sources(f"{lead}{given} {family}, *{paper}*, {month} {day}, {year}.")
    work = citation.work
    assert [person.family for person in work.authors] == [family]
    assert (work.title, work.container, work.year) == (paper, None, str(year))
    assert work.date is not None and work.date.endswith(f"-{day:02d}")


def test_a_writers_book_of_a_year_is_no_papers_issue():
    [citation] = sources("Ann Fell, *Grain and Power*, 1996, 45.")
    assert (citation.work.title, citation.work.date, citation.work.entry_type) == ("Grain and Power", None, "book")


@given(_FAMILY, _FAMILY, st.lists(_TITLE_WORD, min_size=1, max_size=3), st.lists(_TITLE_WORD, min_size=1, max_size=3),
       st.booleans())
@SETTINGS
def test_two_short_forms_joined_by_a_comma_are_two_sources(first, second, head, tail, american):
    """``See, for example: Pörksen, "Übergang," Marti, "Kommunikationsnormen," 332.`` (CRDH's essay on law
    dissertations, v05-01): each author's short form, the comma inside the quotation or after it."""
    closing = ',"' if american else '",'
    found = sources(f'See, for example: {first}, "{" ".join(head)}{closing} {second}, "{" ".join(tail)}{closing} 332.')
    assert [[person.family for person in c.work.authors] for c in found] == [[first], [second]]
    assert [c.work.title for c in found] == [" ".join(head), " ".join(tail)]


@given(_TITLE_WORD, _TITLE_WORD, st.integers(1500, 2029), st.sampled_from(["is", "was", "were", "had", "which", "who"]))
@SETTINGS
def test_a_parenthesis_with_a_verb_is_prose_and_an_imprint_is_not(place, publisher, year, verb):
    """``priesthood (if a man was ordained to the lay LDS priesthood before 1978)`` (CRDH's essay on a
    century of black Mormons) is no imprint; ``(London: Verso, 2013)`` is one."""
    assert notes.PUBLICATION.search(f"({place}: {publisher} Press, {year})") is not None
    assert notes.PUBLICATION.search(f"(if a man {verb} admitted before {year})") is None


@given(_TITLE_WORD, st.lists(st.from_regex(r"[a-z]{2,8}", fullmatch=True), min_size=1, max_size=5), st.integers(1500, 2029))
@SETTINGS
def test_prose_between_a_title_and_a_year_gives_it_no_imprint(title, words, year):
    """``*Six* is part of History's growing lineup of … *Vikings* (2013-2020)`` (CRDH's essay on the History
    channel): no book of 2013-2020; ``*Title*, ed. Ann Fell (London: Verso, 1990)`` keeps its imprint."""
    assert not [c for c in sources(f"*{title}* is {' '.join(words)} show *Vikings* ({year}-2020).") if c.work and c.work.year]
    [edited] = sources(f"*{title}*, ed. Ann Fell (London: Verso, {year}).")
    assert (edited.work.publisher, edited.work.year) == ("Verso", str(year))


@given(st.lists(_TITLE_WORD, min_size=1, max_size=3), st.sampled_from(["Act", "Treaty", "Convention"]),
       st.integers(1, 200), st.integers(1, 3000), st.integers(1500, 2029))
@SETTINGS
def test_a_law_where_a_compilation_prints_it_is_a_source(words, law, volume, page, year):
    """``Treaty with the Wyandot, Jan. 31, 1855, U.S.-Wyandot, 10 Stat 1159`` (CRDH's essay on sites of
    sovereignty), ``Canada Copyright Act, RSC 1985, c C-42, s 29`` (the Timeline lesson); a date is no
    compilation's volume and page (``Treaty of Riga, 18 March 1921``)."""
    title = f"{' '.join(words)} {law}"
    [printed] = sources(f"{title}, {year}, {volume} Stat {page}.")
    assert (printed.work.title, printed.work.year, printed.work.entry_type) == (title, str(year), "legislation")
    [revised] = sources(f"{title}, RSC {year}, c C-42, s 29.")
    assert (revised.work.title, revised.work.year) == (title, str(year))
    assert all(c.work.entry_type != "legislation" for c in sources(f"{title}, 18 March {year}."))


@given(st.sampled_from(("Harlow", "Denning", "Le Brun", "Félibien", "Marsh", "Fell", "Ashby")), titles(),
       st.one_of(st.none(), LOCATOR), st.sampled_from(("'s", "’s", "[']{dir=\"rtl\"}s")), st.sampled_from(("*", "_")),
       st.sampled_from(("did not have such scope", "published in 1674 did not list them", "was lost")))
@SETTINGS
def test_a_title_after_its_authors_name_in_the_possessive_is_a_short_form(family, title, locator, mark, emphasis, prose):
    """CRDH's essay on Louis XIV's paintings: ``Le Brun[']{dir="rtl"}s *Inventoire* did not have such
    scope, while Félibien's *Description sommaire …* published in 1674 did not …``; Gutenberg
    books: ``Parkman's _Pioneers of France_, p. 203``. Once no source, or a work titled with the
    possessive (``Spence's Anecdotes``) and no author."""
    located = f", {locator}" if locator else ""
    text = f"I mean a list: {family}{mark} {emphasis}{title}{emphasis}{located} {prose}, and so on."
    [citation] = sources(text)
    work = citation.work
    assert (citation.kind, work.authors[-1].family.endswith(family.split()[-1]), work.title) == ("short", True, title)


@given(PERIODICAL, YEAR, titles(), MONTH_NAME, st.integers(1, 28), YEAR, st.sampled_from(("in", "on", "by")))
@SETTINGS
def test_a_paper_named_in_prose_with_a_year_is_no_article_of_a_journal_called_in(paper, year, title, month, day,
                                                                                 issued, word):
    """Jason Heppler's dissertation, chapter 4: ``the insert … that ran in the *Palo Alto Times* in
    1960 (see "What is the future of the Stanford lands?" newspaper clipping, …)``, once an article
    "Palo Alto Times" in the journal "in", volume 1960, or a part "in" a book titled "1960 (see …"."""
    found = sources(f'Fell signed the notice that ran in the *{paper}* {word} {year} (see "{title}," *{paper}*, {month} {day}, {issued}).')
    for citation in found:
        container = (citation.work.container or "") if citation.work else ""
        assert container.split()[:1] not in (["in"], ["on"], ["by"]) and not container[:1].isdigit()


PROSE_VERB_PHRASE = st.sampled_from(("suggest a growing interest in the mills", "show that wages fell",
                                     "argue for a later date", "have traced the ledgers"))


@given(FIRST_NAME, SURNAME, YEAR, FIRST_NAME, SURNAME, YEAR, PROSE_VERB_PHRASE)
@SETTINGS
def test_names_and_a_year_as_the_subject_of_prose_cite_no_work_titled_by_the_verb(given1, family1, year1, given2,
                                                                                   family2, year2, phrase):
    """CRDH v03-06, note 28: ``Recent works by Michael Geary (2016) and Virginia Sánchez (2020)
    suggest a growing interest …``, once a work by Sánchez titled "suggest a growing interest …"."""
    for citation in sources(f"Recent works by {given1} {family1} ({year1}) and {given2} {family2} ({year2}) {phrase}."):
        title = (citation.work.title or "") if citation.work else ""
        assert not title.startswith(phrase.split()[0])


@given(SURNAME, titles(), st.sampled_from(("See: ", "See ", "See also ")), st.sampled_from(("Pronounced", "Literally", "Aujourd’hui")))
@SETTINGS
def test_a_title_in_emphasis_after_a_surname_and_no_comma_is_a_source_after_see(family, title, lead, gloss):
    """CRDH v05-01, note 26: ``See: Schubart-Fikentscher *Autorschaft*; Marti, …``, once no source:
    the title after "see" is a short form; a gloss in a book's commentary (``Aujourd’hui
    _Trébizonde_``, ``Pronounced _kaw-lo_``: Xenophon's and Leland's notes) is none."""
    title = title.strip("*_")
    found = sources(f"{lead}{family} *{title}*; Fell, *Grain and Power*, 12.", f"{gloss} *{title}*.")
    assert [(c.note, c.kind, c.work.title) for c in found] == [(1, "short", title), (1, "short", "Grain and Power")]


@given(SURNAME, titles())
@SETTINGS
def test_punctuation_markdown_escaped_is_read_as_itself(family, title):
    """CRDH v08-07, note 11: ``Piganiol de La Force[']{dir="rtl"}s *Nouvelle description \\[...\\]*``
    (Pandoc's escapes), once no source at all: a backslash made the segment unreadable."""
    title = title.strip("*_")
    escaped = notes._parse(f"{family}, *{title} \\[...\\]*, 12", ())
    plain = notes._parse(f"{family}, *{title} [...]*, 12", ())
    assert escaped == plain and escaped is not None


@given(titles(), FIRST_NAME, SURNAME, YEAR, titles(), st.sampled_from(("London", "Leeds", "New Haven")))
@SETTINGS
def test_and_before_names_a_year_and_a_quoted_title_starts_a_source(title, given_name, family, year, second, place):
    """CRDH v02-10, note 12: ``"A New Map of the Coast of Guinea …," in Thirty Different Drafts of
    Guinea, London, and  Luis Teixeira (1602) "Effigies …."``, once one source."""
    title, second = title.strip("*_"), second.strip("*_")
    found = sources(f'We scaled each map. "{title}," in Drafts of the Valley, {place}, and {given_name} {family} ({year}) "{second}."')
    assert [(c.work.authors[-1].family if c.work.authors else None, c.work.year) for c in found][-1:] == [(family, year)]


@given(SURNAME, FIRST_NAME, SURNAME, FIRST_NAME, SURNAME, YEAR, titles())
@SETTINGS
def test_and_between_authors_before_a_year_joins_names(family1, given2, family2, given3, family3, year, title):
    """The Programming Historian's communication-networks lesson: ``Wendell, Augustus, Burcak
    Ozludil Altin, and Ulysee Thompson (2016), “Prototyping …,” 485–91``, one source."""
    title = title.strip("*_")
    found = sources(f"{family1}, Augustus, {given2} {family2}, and {given3} {family3} ({year}), “{title},” 485–91.")
    assert len(found) == 1
