"""Ibid., short forms and aliases linked to their antecedents (reconcile/chain.py)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hostile_inputs
from citecheck.model import Document
from citecheck.pipeline import read_document
from citecheck.readers import reader_for
from citecheck.reconcile.chain import link_citations
from citecheck.source import SourceFile


def read(text: str, name: str = "chapter.txt") -> Document:
    return read_document(reader_for(name), SourceFile(name, text, "utf-8", None))


def chapter(*notes: str, heading: str = "") -> str:
    body = " ".join(f"Sentence {i} of the chapter.{i}" for i in range(1, len(notes) + 1))
    lines = "\n".join(f"{i}. {note}" for i, note in enumerate(notes, start=1))
    return f"{heading}{body}\n\n{lines}\n"


def links_of(*notes: str):
    return link_citations(read(chapter(*notes) if notes else ""))


def resolved(links):
    """(citation text, antecedent text or None, problem) for each link."""
    return [(l.citation.text, l.antecedent.text if l.antecedent else None, l.problem) for l in links]


FELL = "Ann Fell, The Late Spring (London: Macmillan, 1966), 3"
SHAW = "Tom Shaw, Grain and Power (Leeds: Northfield Press, 1994), 12"


def test_ibid_repeats_the_previous_notes_single_source():
    assert resolved(links_of(f"{FELL}.", "Ibid., 4.", "Ibid.")) == [
        (FELL, None, None), ("Ibid., 4", FELL, None), ("Ibid.", FELL, None)]


def test_ibid_after_a_note_with_two_works_is_an_orphan():
    links = links_of(f"{FELL}; {SHAW}.", "Ibid., 14.")
    assert links[-1].problem == "orphan-ibid" and links[-1].antecedent is None
    assert links[-1].reason == "Ibid. in note 2 follows note 1, which cites 2 works: Ibid. cannot say which"


def test_ibid_in_the_first_note_or_after_commentary_is_an_orphan():
    assert links_of("Ibid., 3.")[0].problem == "orphan-ibid"
    after_commentary = links_of(f"{FELL}.", "The date is uncertain.", "Ibid., 5.")[-1]
    assert after_commentary.problem == "orphan-ibid"
    assert "note 2, which cites no source" in after_commentary.reason


def test_ibid_after_a_citation_the_parser_cannot_read_is_not_an_orphan():
    links = links_of("The decree was printed in a Leningrad paper (1925), pp. 4–9.", "Ibid., 12.")
    assert [(l.citation.kind, l.antecedent, l.problem) for l in links] == [("ibid", None, None)]


def test_ibid_within_a_note_refers_to_the_source_before_it():
    links = links_of(f"{SHAW}.", f"{FELL}; ibid., 9.")
    assert resolved(links)[-1] == ("ibid., 9", FELL, None)


def test_ibid_after_a_work_cited_twice_in_one_note_is_not_ambiguous():
    links = links_of(f"{FELL}; ibid., 9.", "Ibid., 10.")
    assert resolved(links)[-1] == ("Ibid., 10", FELL, None)


def test_ibid_after_a_quoted_in_note_repeats_the_quoting_work():
    links = links_of(f"{FELL}.", "Lenin, “Letter to the Congress,” quoted in Fell, Late Spring, 270.", "Ibid., 271.")
    assert resolved(links)[-1] == ("Ibid., 271", FELL, None)


def test_ibid_opening_a_chapter_is_an_orphan():
    text = chapter(f"{FELL}.", "Ibid., 4.", heading="CHAPTER 1\n\n") + "\nCHAPTER 2\n\n" + chapter("Ibid., 40.")
    document = read(text)
    assert [n.chapter for n in document.notes] == [0, 0, 1]
    last = link_citations(document)[-1]
    assert last.problem == "orphan-ibid" and "opens a chapter" in last.reason


def test_short_form_links_to_the_first_full_citation_of_the_work():
    links = links_of(f"{FELL}.", f"{SHAW}.", "Fell, Late Spring, 8; Shaw, Grain, 13.", "Fell, op. cit., 9.")
    assert resolved(links)[2:] == [
        ("Fell, Late Spring, 8", FELL, None), ("Shaw, Grain, 13", SHAW, None), ("Fell, op. cit., 9", FELL, None)]


def test_short_form_tolerates_a_misspelt_title():
    links = links_of(f"{FELL}.", "Fell, The Lat Spring, 8.")
    assert links[-1].antecedent is not None and links[-1].antecedent.text == FELL


def test_short_form_before_the_full_citation():
    links = links_of("Fell, Late Spring, 8.", f"{FELL}.")
    assert links[0].problem == "short-before-full"
    assert links[0].reason == "short form 'Fell, Late Spring, 8' in note 1 comes before the work's full citation in note 2"
    never = links_of("Marsh, Bread and Order, 8.")[0]
    assert never.reason == "short form 'Marsh, Bread and Order, 8' in note 1 comes before any full citation of the work"


def test_short_form_links_through_a_misspelt_surname():
    links = links_of("Gerhard L. Weinburg, Germany and the Soviet Union (Leiden: Brill, 1954), 12.",
                     "Weinberg, Germany and the Soviet Union, 14.")
    assert links[-1].problem is None and links[-1].antecedent is links[0].citation


def test_short_form_with_another_authors_surname_does_not_link():
    links = links_of(f"{FELL}.", "Shaw, Late Spring, 8.")
    assert links[-1].problem == "short-before-full"


def test_alias_links_to_its_declaration():
    declared = "Documents of Diplomacy, vol. 5 (Moscow: State Press, 1961), 212 (hereafter DSD)"
    links = links_of(f"{declared}.", "DSD, 5:230.", "DVP, 5:241.")
    assert resolved(links) == [
        (declared, None, None), ("DSD, 5:230", declared, None), ("DVP, 5:241", None, "undefined-alias")]


def test_alias_used_before_its_declaration():
    links = links_of("Works, 7:12.", "I. V. Stalin, Sochineniia (Moscow: State Press, 1950), 7:12 (hereafter Works).")
    assert links[0].problem == "undefined-alias" and "used before it is declared" in links[0].reason


def test_markdown_notes_link_too():
    text = "One.[^1] Two.[^2]\n\n[^1]: Ann Fell, *The Late Spring* (London: Macmillan, 1966), 3.\n[^2]: Ibid., 5.\n"
    links = link_citations(read(text, "essay.md"))
    assert [(l.citation.kind, l.antecedent.kind if l.antecedent else None) for l in links] == [
        ("full", None), ("ibid", "full")]


@given(st.lists(st.sampled_from((f"{FELL}.", f"{SHAW}.", "Ibid., 4.", "Fell, Late Spring, 2.", "DSD, 3:4.",
                                 "The date is uncertain.", "Ibid.; Shaw, Grain, 5.")), max_size=12))
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_every_note_citation_gets_one_link_and_antecedents_come_first(notes):
    document = read(chapter(*notes))
    links = link_citations(document)
    cited = [c for c in document.citations if c.kind in ("full", "short", "ibid", "alias")]
    assert [l.citation for l in links] == cited
    for link in links:
        assert (link.problem is None) or link.reason
        # an Ibid. after a note of commentary keeps the reader's guess beside its problem
        assert link.antecedent is None or link.problem in (None, "orphan-ibid")
        if link.antecedent is not None:
            assert link.antecedent.span.start < link.citation.span.start
        if link.citation.kind == "full":
            assert link.antecedent is None and link.problem is None


def test_a_short_form_is_not_a_full_title_that_its_own_title_contains():
    """A full citation whose title the parser read as one letter ("A.", from ``Broscheid, A. (2011),
    Comparing Circuits…`` in a Programming Historian lesson) is no antecedent of every later title."""
    full = "Ann Fell, A (London: Macmillan, 1966), 3"
    links = links_of(f"{full}.", "*Grain and Power*, 12.")
    assert resolved(links)[1][1] is None


def test_quotations_read_as_short_titles_are_linked_in_linear_time():
    """Gibbon's notes quote their sources at length (``"Ego facilius crediderim, naturam margaritis
    deesse quam nobis avaritiam."``, vol. 1): each quotation reads as a short form by its title
    alone, and trying it on every earlier full citation made the 10 MB book quadratic (1,411 short
    forms, 165,000 comparisons). A full citation whose title is shorter cannot be named by it; at
    1x, 2x and 4x the number of notes the CPU time grows about as the notes do (16 is quadratic)."""

    def prepared(pairs: int):
        notes = [note for i in range(pairs) for note in (
            f"Ann Fell{_letters(i)}, The Late Spring (London: Macmillan, 1966), 3.",
            f'"A long quotation that no title of the chapter holds, by any measure, number {_letters(i)}."')]
        document = read(chapter(*notes))
        return lambda: link_citations(document)

    times = [hostile_inputs.cpu_seconds(prepared(150 * factor), repeats=7) for factor in (1, 2, 4)]  # least of seven: load spikes
    assert times[2] / max(times[0], 0.001) < 9.0, times


def _letters(number: int) -> str:
    """``number`` in letters (a, b, …, ba): distinct names and quotations without digits."""
    letters = ""
    while True:
        letters = "abcdefghijklmnopqrstuvwxyz"[number % 26] + letters
        number //= 26
        if number == 0:
            return letters


COLLECTION_NAME = st.sampled_from(("Papers", "Records", "Land Records", "Collection", "Mill Papers"))
ITEM_TITLE = st.lists(st.sampled_from(("Word", "Millers", "North", "Valley", "Grain", "Harvest", "Letter")),
                      min_size=2, max_size=5).map(lambda words: "A " + " ".join(words))


@given(st.sampled_from(("Fell", "Blackmore", "Ridley")), ITEM_TITLE, COLLECTION_NAME)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_short_form_stands_for_the_item_of_its_authors_papers_cited_before(surname, title, collection):
    """CRDH v03-06, notes 3 and 26: ``… in "Southern Colorado and Its Resources: A New Field for
    English Emigrants," William Blackmore Land Records`` (the author named in the prose), then
    ``Blackmore, "Southern Colorado …"``, once a short form before any full citation."""
    item = f'"{title}," William {surname} {collection}'
    links = links_of(f"{surname} also wrote in {item}.", f'{surname}, "{title}."')
    assert resolved(links)[-1] == (f'{surname}, "{title}."', item, None)


def test_an_authorless_work_of_the_same_title_is_no_antecedent_of_another_authors_short_form():
    """Jason Heppler's dissertation, chapter 2: a booster's brochure "Valley of Heart's Delight" cited
    with no author, then Alpert's article of that title by its short form."""
    links = links_of('"Valley of Heart\'s Delight," Chamber of Commerce Records.', 'Alpert, "Valley of Heart\'s Delight," 37.')
    assert resolved(links)[-1][1] is None
