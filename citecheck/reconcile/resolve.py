"""Every citation resolved against the bibliography: keys by key, sources by the matching index.

:func:`reconcile` is the reconcile stage of the pipeline: for each document it resolves, in
order, every citation the readers found, and returns the documents with each citation's ``key``
set to the entry it resolves to. ``rules.Context.of`` runs it once per run, before any rule.
"""

from __future__ import annotations

import dataclasses
import importlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from citecheck.bib.model import Bibliography
from citecheck.model import Citation, Document, Person, Work
from citecheck.patterns import OnFirstUse
from citecheck.reconcile.chain import Link, link_citations
from citecheck.reconcile.index import BibIndex, EntryRecord, dois_in, person_keys, shelfmarks_in, surname_key, title_words
from citecheck.reconcile.match import (
    MATCH_THRESHOLD, Match, TitleInText, best_guess, by_given_name, by_imprint, by_initials, by_lead_word, has_details_of, in_listed_container, match,
    match_by_address,
    titles_in,
)
from citecheck.reconcile.titles import notes_of, with_title_sources


class Resolution(NamedTuple):
    """What one citation resolves to.

    ``citation`` is the citation as the reader found it (a written key as written).
    ``status``: "matched", "ambiguous", "unresolved", "unknown-key" (a written key with no
    entry), "unlinked" (an Ibid. or alias whose antecedent is missing), "author" (a scholar named
    in prose who has entries, the text not saying which one: several and no year or title, or
    a title that fits none; resolved to the scholar, not to one work, and every one of the
    scholar's entries counts as cited; ``key`` is then a best guess among them, ``score`` its
    share), "everything" (``\\nocite{*}``). ``key`` is the entry's key when matched; ``score``
    the match score (0-100); ``candidates`` the best (key, score) pairs considered; ``antecedent``
    the earlier citation an Ibid., short form or alias was resolved through. ``by_title_in_text``
    says the citation's parse matched nothing and the entry's title standing in its text decided
    (:func:`_by_title_in_text`): what was parsed (authors, title) then says nothing about the entry.
    """

    citation: Citation
    status: str
    key: str | None = None
    score: float | None = None
    candidates: tuple[tuple[str, float], ...] = ()
    antecedent: Citation | None = None
    by_title_in_text: bool = False


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """The documents with each citation's ``key`` set to its entry, and every resolution.

    ``links`` are the note citations' links to the citations they repeat (Ibid., short forms,
    aliases; :func:`.chain.link_citations`), per document in order, with or without a
    bibliography (CC205-CC207 read them).
    ``cited_keys`` holds the (exact) keys of every entry some citation resolves to, for CC307;
    ``cites_everything`` is true when a document says ``\\nocite{*}``. ``index`` is the
    bibliography's matching index when a source needed it (None when every citation was a key),
    so a check can read the records its citations were matched against.
    """

    documents: tuple[Document, ...]
    links: tuple[tuple[Link, ...], ...] = ()
    resolutions: tuple[Resolution, ...] = ()
    cited_keys: frozenset[str] = frozenset()
    cites_everything: bool = False
    index: BibIndex | None = None


@dataclass(slots=True)
class Sources:
    """The bibliography as the reconcile stage matches sources against it: its index is built
    on the first source matched, so a manuscript that cites only by key never pays for it."""

    bibliography: Bibliography
    index: BibIndex | None = None

    def indexed(self) -> BibIndex:
        if self.index is None:
            self.index = BibIndex.build(self.bibliography)
        return self.index


def resolve_key(citation: Citation, bibliography: Bibliography) -> Resolution:
    """A ``key`` or ``nocite`` citation: the entry with that key, exactly or ignoring case."""
    written = citation.key or ""
    if citation.kind == "nocite" and written == "*":
        return Resolution(citation, "everything")
    entry = bibliography.find(written)
    if entry is None:
        return Resolution(citation, "unknown-key")
    return Resolution(citation, "matched", entry.key, 100.0)


def resolve_source(citation: Citation, sources: Sources) -> Resolution:
    """A note source or a name in prose, matched through the bibliography's index (see :mod:`.match`);
    a note source that gives the DOI of one entry is that entry, whatever its parse made of the rest."""
    if citation.work is None:
        return Resolution(citation, "unresolved")
    by_doi = _by_doi(citation, sources.indexed()) if citation.kind in ("full", "short") else None
    if by_doi is None and citation.kind in ("full", "short"):
        by_doi = _by_shelfmark(citation, sources.indexed())
    if by_doi is not None:
        return Resolution(citation, by_doi.status, by_doi.key, by_doi.score, by_doi.candidates)
    found = match(citation.work, sources.indexed(), citation.kind, citation.locator)
    if found.status == "unresolved" and citation.kind == "mention" and _MENTIONS.names_a_body(citation):
        found = match(_named_as_body(citation.work), sources.indexed(), citation.kind, citation.locator)
    if found.status == "unresolved" and _no_longer_than_short(citation):
        for work in (citation.work, _named_as_body(citation.work)):
            found = match(work, sources.indexed(), "short", citation.locator)
            if found.status != "unresolved":
                break
    if found.status == "unresolved" and citation.kind == "full" and _may_be_a_body(citation.work):
        as_body = match(_named_as_body(citation.work), sources.indexed(), "full", citation.locator)
        found = as_body if as_body.status != "unresolved" else found
    if found.status == "unresolved" and citation.kind == "short" and _listed_as_a_body(citation.work, sources.indexed()):
        found = match(_named_as_body(citation.work), sources.indexed(), "short", citation.locator)
    if found.status == "ambiguous" and citation.kind in ("full", "short"):
        found = _by_every_author(citation, found, sources.indexed())
        found = _by_details(citation, _by_given_names_cited(citation, found, sources.indexed()), sources.indexed())
    if found.status == "unresolved" and citation.kind in ("full", "short"):
        found = _by_address(citation, sources.indexed()) or found
    if found.status == "unresolved" and citation.kind in ("full", "short"):
        in_text = _by_title_in_text(citation, sources.indexed())
        if in_text is not None:
            return Resolution(citation, in_text.status, in_text.key, in_text.score, in_text.candidates, by_title_in_text=True)
    if found.status == "unresolved" and citation.kind == "short":
        found = by_lead_word(citation.work, sources.indexed()) or found
    if found.status == "unresolved" and citation.kind == "full":
        # last: an entry's title standing in the note ("eds., “Counting Sacks”, The Mills of the North")
        # says more than the surname, year and publisher a chapter shares with its book
        found = by_imprint(citation.work, sources.indexed()) or found
    return Resolution(citation, found.status, found.key, found.score, found.candidates)


# "et al." in a note: the authors it names are not all the work's.
_ET_AL = OnFirstUse(re.compile, r"\bet\.?\s+al\b")


def _no_longer_than_short(citation: Citation) -> bool:
    """A full note that gives authors and a title and nothing else is no longer than a short
    form, and may shorten the title as one does: a body named in full is read as a full note
    (``United States Agricultural Society, *Seventh National Exhibition*`` for its *Seventh
    National Exhibition by the United States Agricultural Society, to Be Held …*: CRDH's essay
    on Washington's learned societies)."""
    work = citation.work
    facts = (work.container, work.place, work.publisher, work.year, work.date, work.volume, work.url) if work else (1,)
    return citation.kind == "full" and bool(work.authors and work.title) and not any(facts)


def _may_be_a_body(work: Work) -> bool:
    """Whether a full note's one author, read as a person, may be a body whose name has three words
    or more (``San Jose City Planning Commission, *Master Plan of the City of San Jose*``: Jason
    Heppler's dissertation, chapter 4): given "names" of two words or more, none an initial."""
    if len(work.authors) != 1:
        return False
    given = work.authors[0].given.split()
    return len(given) >= 2 and not any(word.endswith(".") for word in given)


def _listed_as_a_body(work: Work, index: BibIndex) -> bool:
    """Whether a short form's one author, read as a person, is by its whole name a body the
    bibliography lists as an author (``Fox News' *Life, Liberty & Levin*``, read as a Mr News:
    CRDH v03-02, note 30, whose bibliography has ``author = {{Fox News}}``); no initial in it."""
    if len(work.authors) != 1 or not work.authors[0].given or "." in work.authors[0].given:
        return False
    return surname_key(_whole_name(work.authors[0])) in index.by_surname


def _whole_name(person: Person) -> str:
    return f"{person.given} {person.family}".strip()


def _named_as_body(work: Work) -> Work:
    """One author's whole name as one body's (``United States Agricultural Society``, which reads
    as given names and a surname as well)."""
    if len(work.authors) != 1:
        return work
    (person,) = work.authors
    return dataclasses.replace(work, authors=(Person(f"{person.given} {person.family}".strip()),))


def _by_every_author(citation: Citation, found: Match, index: BibIndex) -> Match:
    """Among entries a note does not tell apart, the one whose authors are exactly the people it
    names: a note names all of a work's authors unless it says "et al." (``Franco, interview``
    is Franco's own interview, not the one with Miele: CRDH's essay on museum talk-back boards)."""
    names = person_keys(citation.work.authors) if citation.work else frozenset()
    if not names or _ET_AL.search(citation.text):
        return found
    keys = {key for key, _ in found.candidates}
    exact = [r for r in index.records if r.key in keys and frozenset(r.surnames) == names]
    if len(exact) != 1:
        return found
    return Match("matched", exact[0].key, dict(found.candidates)[exact[0].key], found.candidates)


def _by_given_names_cited(citation: Citation, found: Match, index: BibIndex) -> Match:
    """Among entries a note does not tell apart, the one whose authors have the given names it
    writes (``Letter from Thomas Hunt to Wallace Sterling, May 14, 1960`` beside the letter of
    that day from Jerrold and Sara Hunt: Heppler's dissertation, chapter 4)."""
    if found.status != "ambiguous" or citation.work is None:
        return found
    cited = frozenset(
        (surname_key(person.given.split()[0]), surname_key(person.family))
        for person in citation.work.authors if person.given and person.family
    )
    if not cited:
        return found
    keys = {key for key, _ in found.candidates}
    told = [r for r in index.records if r.key in keys and cited <= r.given_names]
    if len(told) != 1:
        return found
    return Match("matched", told[0].key, dict(found.candidates)[told[0].key], found.candidates)


def _by_details(citation: Citation, found: Match, index: BibIndex) -> Match:
    """Among entries a note does not tell apart, the one item of a collection whose details (box,
    folder, image) hold a number of the note (``Record of Members Collection, image 550 and 578``,
    one of two entries of that title: CRDH's essay on a century of black Mormons)."""
    if found.status != "ambiguous":
        return found
    words = set(_DIGITS.findall(citation.text))
    keys = {key for key, _ in found.candidates}
    told = [r for r in index.records if r.key in keys and has_details_of(words, r)]
    if len(told) != 1:
        return found
    return Match("matched", told[0].key, dict(found.candidates)[told[0].key], found.candidates)


# A number in a note's text, compared with an entry's details.
_DIGITS = OnFirstUse(re.compile, r"\d+")


def _by_doi(citation: Citation, index: BibIndex) -> Match | None:
    """The one entry whose ``doi`` (or ``url``) is a DOI the citation's text gives; None when
    the text gives none, or it names no entry or several. A title translated in the note
    (``Social Network Analysis of Theatrical Characters`` for an entry in Spanish:
    creating-literary-networks-gephi, Programming Historian) or shared by two entries is settled by it."""
    for _, _, doi in dois_in(citation.text):
        found = match_by_address(doi, index)
        if found.status == "matched":
            return found
    return None


def _by_shelfmark(citation: Citation, index: BibIndex) -> Match | None:
    """The one entry whose call number the citation's text gives (:func:`.index.shelfmarks_in`):
    a document of an archive is that entry, whatever its parse made of the rest, as a DOI is."""
    found = {key for _, _, key in shelfmarks_in(citation.text, index)}
    if len(found) != 1:
        return None
    key = found.pop()
    return Match("matched", key, MATCH_THRESHOLD, ((key, MATCH_THRESHOLD),))


# A web address in a note's text, up to a blank, an angle bracket or a bracket.
_ADDRESS = re.compile(r"https?://[^\s<>()\[\]]+")


def _by_address(citation: Citation, index: BibIndex) -> Match | None:
    """A note source whose parse matches nothing, matched by the one entry whose ``url`` is an
    address its text gives: a report of a series cited by its own title and the series' address
    (``*Tenth Annual Report of the State Board of Charities and Correction, 1918*,
    <https://babel.hathitrust.org/…>``, CRDH's essay on Virginia's reform schools, whose
    bibliography lists the series at that address)."""
    for address in _ADDRESS.findall(citation.text):
        found = match_by_address(address.rstrip(".,;:"), index)
        if found.status == "matched":
            return found
    return None


def _by_title_in_text(citation: Citation, index: BibIndex) -> Match | None:
    """A note source whose parse matches nothing, matched by the one entry title its text holds
    (ambiguous when that title is several entries' and nothing in the text tells them apart):
    the parse of an unfamiliar form misreads authors and title (``Schreiber, T. (2000). Measuring
    information transfer.``: CoTETE.jl's documentation) where the title still stands in the text.
    Not when the parsed title holds the one found and more (a different, longer title)."""
    found = _by_named_people(titles_in(citation.text, index, citation.locator), citation.work, index)
    if len(found) != 1 or found[0].match.status not in ("matched", "ambiguous"):
        return None
    parsed = set(title_words(citation.work.title if citation.work else None))
    inside = set(title_words(citation.text[found[0].start : found[0].end]))
    return None if inside < parsed else found[0].match


def _by_named_people(found: tuple[TitleInText, ...], work: Work | None, index: BibIndex) -> tuple[TitleInText, ...]:
    """Of several entry titles standing in a note source, the ones by the people it names, when
    it names any: ``Anna Green and Kathleen Troup, eds., “Quantitative History”, The Houses of
    History (…)`` holds Anderson's chapter title and the title of the book Green and Troup edited
    (2019-fall's essay on quantitative history), and cites the book."""
    names = person_keys((*work.authors, *work.editors)) if work is not None and len(found) > 1 else frozenset()
    if not names:
        return found
    by_key = {record.key: record for record in index.records}
    theirs = tuple(
        title for title in found
        if title.match.key is not None and names & by_key[title.match.key].all_surnames
    )
    return theirs or found


def _through(citation: Citation, earlier: Resolution, antecedent: Citation) -> Resolution:
    """An Ibid., short form or alias takes the resolution of the citation it refers to."""
    return Resolution(citation, earlier.status, earlier.key, earlier.score, earlier.candidates, antecedent, earlier.by_title_in_text)


# The names-in-prose parser, loaded only when a document's names in prose need it.
_MENTIONS = OnFirstUse(importlib.import_module, "citecheck.reconcile.mentions")
# What opens and closes a parenthesis around one citation, and a quotation closing right before it.
_OPENS = re.compile(r"[(;][ \t]*\Z")
_CLOSES = re.compile(r"[ \t]*[);]")
_AFTER_QUOTATION = re.compile(r"[”\"»][*_]*[ \t]*\([ \t]*\Z")


def cited_by_name_alone(citation: Citation, text: str) -> bool:
    """A parenthesis holding a name with only a page, a short title or nothing beside it ("(Kelly,
    21)", "(Hobbs, Prezi)", "(Ritchie)"), or one such name of a list ("(Moretti, Trumpener, Goodwin and Holbo)"). Such a citation stands when the bibliography lists the
    scholar, since "(Python 3)", "(Windows 10)" and "(Moscow)" read the same; when it follows a
    quotation it attributes ('… that are simply unavailable” (Shopes)'); or when the document
    cites so (:data:`NAME_ALONE_EVIDENCE`)."""
    work = citation.work
    if citation.kind != "mention" or work is None or work.year or work.title:
        return False
    start, end = citation.span.start, citation.span.end
    before = text[max(0, start - 8) : start]
    return bool(_OPENS.search(before) and _CLOSES.match(text, end)) or _MENTIONS.in_a_list_of_names(citation, text)


# Citations of listed scholars by a name in parentheses (MLA's "(Ritchie, 12)") that show a document
# cites so: then one of an unlisted scholar is a citation too, CC208's to report ("(Green,59)",
# "(Gibbs, Critique)" in an essay citing six listed scholars so: oral-history, Metahistory).
NAME_ALONE_EVIDENCE = 3


def resolve_document(
    document: Document, links: Iterable[Link], sources: Sources, found_by_title: frozenset[Citation] = frozenset()
) -> tuple[Resolution, ...]:
    """One resolution per citation of ``document``, in order.

    Keys resolve by key; full citations and names in prose through the index; an Ibid., short
    form or alias through its antecedent (``links``, from :func:`.chain.link_citations`). A short
    form with no antecedent is matched against the bibliography directly; an Ibid. or alias
    with none is "unlinked" (CC205 and CC207 report those). A name cited in parentheses by its page or alone that
    names no listed scholar is mostly no citation and has no resolution (:func:`_names_alone_not_cited`).
    """
    antecedents = {link.citation: link.antecedent for link in links}
    done: dict[Citation, Resolution] = {}
    dropped: set[Citation] = set()
    for citation in document.citations:
        antecedent = antecedents.get(citation)
        if citation.kind in ("key", "nocite"):
            resolution = resolve_key(citation, sources.bibliography)
        elif antecedent is not None and citation.kind != "full":
            earlier = done.get(antecedent) or resolve_source(antecedent, sources)
            resolution = _through(citation, earlier, antecedent)
        elif citation.kind in ("full", "short", "mention"):
            resolution = resolve_source(citation, sources)
        else:
            resolution = Resolution(citation, "unlinked")
        done[citation] = resolution
    done |= _by_short_title(document, done, sources) | _unlisted_works(document, done)
    done |= _told_apart_by_their_note(document, done, found_by_title, sources)
    done |= _in_the_container_after_them(document, done, sources)
    done |= _by_given_names(document, done, sources) | _by_initials(document, done, sources)
    done |= _by_words_around(document, done, sources)
    dropped |= _names_alone_not_cited(document, done) | _history_not_cited(document, done) | _named_with_a_year(done)
    dropped |= _one_word_dated_in_notes_style(done) | _possessed_by_no_listed_author(done, sources)
    dropped |= _examples_named(document, done)
    dropped |= _containers_of_the_source_before(document, done, sources)
    dropped |= _quoting_work_of_the_source_before(document, done, sources)
    if found_by_title or any(r.status == "unresolved" for r in done.values()):
        dropped |= _not_sources_of_their_own(document, done, found_by_title)
    jointly = _works_of_each_author(document, done, sources)
    return tuple(
        resolution
        for citation in document.citations if citation not in dropped
        for resolution in jointly.get(citation, (done[citation],))
    )


def _works_of_each_author(
    document: Document, done: dict[Citation, Resolution], sources: Sources
) -> dict[Citation, tuple[Resolution, ...]]:
    """A source naming several authors and a title that no entry of theirs shares, each of whom
    has one entry of that title, cites those works together, one resolution each, in the note's
    order: the parts of one article by different hands (``Steinberg and Edgerton, "How Shall This
    Be?" Parts I and II``, Leo Steinberg's Part I and Samuel Edgerton's Part II: CRDH's essay on
    Lippi's thresholds). "et al." names no author whole, and a work some entry has by more than
    one of them is theirs together (the ambiguity stays)."""
    found: dict[Citation, tuple[Resolution, ...]] = {}
    for citation in document.citations:
        work = citation.work
        if done[citation].status != "ambiguous" or citation.kind not in ("full", "short") or work is None:
            continue
        if len(work.authors) < 2 or not work.title or _ET_AL.search(citation.text):
            continue
        each = [match(dataclasses.replace(work, authors=(person,)), sources.indexed(), citation.kind, citation.locator)
                for person in work.authors]
        keys = [m.key for m in each]
        if any(m.status != "matched" for m in each) or len(set(keys)) != len(keys):
            continue
        names = person_keys(work.authors)
        records = [sources.indexed().record(key) for key in keys if key]
        if any(record is None or len(names & frozenset(record.surnames)) != 1 for record in records):
            continue
        found[citation] = tuple(Resolution(citation, m.status, m.key, m.score, m.candidates) for m in each)
    return found


def _by_short_title(
    document: Document, done: dict[Citation, Resolution], sources: Sources
) -> dict[Citation, Resolution]:
    """The names in parentheses that no entry's surname has, but that are the short title of one
    entry, each resolved to that entry: MLA's form for a work cited without its author,
    "(Ecclesiastical History, 41)" for Bede's *Ecclesiastical History of the English People*
    (bede, Metahistory). So is a note's short form by such a name and a locator: Chicago's short
    title of a work cited without its author ("L'inventario, fol. 13v." for the Medici inventory
    *L'inventario dei beni …*, CRDH's essay on Lippi's thresholds)."""
    text = document.source.text
    found: dict[Citation, Resolution] = {}
    for citation in document.citations:
        if done[citation].status != "unresolved" or not citation.locator:
            continue  # (a page beside it: a bare "(Book Review)" says too little)
        if not (cited_by_name_alone(citation, text) or _short_form_by_a_name_alone(citation)):
            continue
        (person,) = citation.work.authors[:1] or (Person(""),)
        title = " ".join(filter(None, (person.given, person.family)))
        by_title = match(Work(title=title), sources.indexed(), "short", citation.locator)
        if by_title.status == "matched":  # the name was a misread title: no author to compare (CC204)
            found[citation] = Resolution(
                citation, by_title.status, by_title.key, by_title.score, by_title.candidates, by_title_in_text=True
            )
    return found


def _short_form_by_a_name_alone(citation: Citation) -> bool:
    """A note's short form that is one name and a locator, nothing else (``Lenin, 28``, or a
    short title of one word read as a name: ``L'inventario, fol. 13v``)."""
    work = citation.work
    if citation.kind != "short" or work is None or work.title or work.year or work.editors or len(work.authors) != 1:
        return False
    return not work.authors[0].given


def _unlisted_works(document: Document, done: dict[Citation, Resolution]) -> dict[Citation, Resolution]:
    """The names in parentheses whose short title fits none of the scholar's entries ("(Foucault,
    Clinic, pg. xvii)" for a *Birth of the Clinic* the list lacks: in-defense-of-madness,
    Metahistory), each unresolved with the scholar's entries as candidates: MLA writes the title to
    say which work, so that work is unlisted (CC208), not a guess among the others; so is a title
    right after a work noun ("his writing “The Treatise of Human Nature”": Scottish-Enlightenment,
    :func:`.mentions.titled_as_work`). Any other title taken from the sentence around a name may be
    a quotation: it stays a best guess."""
    text = document.source.text
    found: dict[Citation, Resolution] = {}
    for citation in document.citations:
        resolution, work = done[citation], citation.work
        if citation.kind != "mention" or resolution.status != "author" or work is None or not work.title:
            continue
        start = citation.span.start
        in_parentheses = work.title in citation.text and _OPENS.search(text[max(0, start - 8) : start])
        if in_parentheses or _MENTIONS.titled_as_work(citation, text):
            found[citation] = Resolution(citation, "unresolved", candidates=resolution.candidates)
    return found


# What a sentence around a name in prose weighs for each entry of the scholar, beside the score the name
# alone gave it (own work 100, led 75, shared 50; a title's likeness): a word of the entry's title or venue
# that some of the scholar's entries lack, another of its people named there (a co-author), one of the
# names the mention itself gives. A word weighs less than the step from a scholar's own work to one
# shared ("rhetoric" in "visual rhetoric" is no evidence against Vidali's own syllabus for the site she
# made with four others: disability, Digital Pedagogy); a co-author named weighs more.
SENTENCE_WORD_WEIGHT = 15.0
SENTENCE_PERSON_WEIGHT = 30.0
NAMES_COVERED_WEIGHT = 30.0


def _by_words_around(
    document: Document, done: dict[Citation, Resolution], sources: Sources
) -> dict[Citation, Resolution]:
    """The names in prose resolved to the scholar but not the work ("author"), each guessed anew from
    the evidence of its sentence, added to the score each entry had (:data:`SENTENCE_WORD_WEIGHT`):
    "McDaniel opens a dialogue with proponents of so-called 'open notebook science'" is his *Open
    Notebook History*, not his *@Every3Minutes* (history, Digital Pedagogy); "what Underwood and
    Sellers argue in their MLQ article" is the one they wrote together in *Modern Language Quarterly*,
    not one of Underwood's own (083, Defactoring Pace of Change); "(Magnusson, Gylfi, and Szijártó, 17)"
    the entry that has more of the names it gives. Words every entry of the scholar has tell none
    apart; with no evidence the guess stays as it was."""
    text = document.source.text
    found: dict[Citation, Resolution] = {}
    for citation in document.citations:
        resolution = done[citation]
        if citation.kind != "mention" or resolution.status != "author" or len(resolution.candidates) < 2:
            continue
        index = sources.indexed()  # (built here only when a guess is to be weighed: a document citing by key needs none)
        scored = [(record, value) for key, value in resolution.candidates if (record := index.record(key)) is not None]
        cited = person_keys(citation.work.authors) if citation.work else frozenset()
        clues = [(record.words | record.venue_words) - record.all_surnames for record, _ in scored]
        start, end = _MENTIONS.sentence_around(text, citation.span.start, citation.span.end)
        words = frozenset(title_words(text[start:end]))
        shared = frozenset.intersection(*clues)
        evidence = [
            SENTENCE_WORD_WEIGHT * len((clue - shared) & words)
            + SENTENCE_PERSON_WEIGHT * len((record.all_surnames - cited) & words)
            + NAMES_COVERED_WEIGHT * (len(record.all_surnames & cited) - 1)
            for (record, _), clue in zip(scored, clues)
        ]
        if any(evidence):
            totals = [value + more for (_, value), more in zip(scored, evidence)]
            top = max(totals)  # best_guess caps a score at 100: the scale is the best one's
            guess = best_guess(tuple((record.key, 100.0 * total / top) for (record, _), total in zip(scored, totals)))
            found[citation] = Resolution(citation, guess.status, guess.key, guess.score, guess.candidates)
    return found


def _by_given_names(
    document: Document, done: dict[Citation, Resolution], sources: Sources
) -> dict[Citation, Resolution]:
    """The names in prose that no entry's surname has but one listed author's lone given name,
    each resolved to that author (:func:`.match.by_given_name`: "(Augustine, 6)", providential-history,
    Metahistory), unless the text writes the name as someone's surname ("Joshua J. Mark": modern-medicine)."""
    text = document.source.text
    found: dict[Citation, Resolution] = {}
    for citation in document.citations:
        if citation.kind != "mention" or done[citation].status != "unresolved" or citation.work is None:
            continue
        by_given = by_given_name(citation.work, sources.indexed(), citation.locator)
        if by_given.status != "unresolved" and not _MENTIONS.written_as_surname(citation.work.authors[0].family, text):
            found[citation] = Resolution(citation, by_given.status, by_given.key, by_given.score, by_given.candidates)
    return found


def _by_initials(
    document: Document, done: dict[Citation, Resolution], sources: Sources
) -> dict[Citation, Resolution]:
    """The names in parentheses written in initials ("(UNT)", "(UO Libraries)"), each resolved to the
    one listed body they abbreviate (:func:`.match.by_initials`)."""
    text = document.source.text
    found: dict[Citation, Resolution] = {}
    for citation in document.citations:
        if citation.kind != "mention" or done[citation].status != "unresolved" or not _MENTIONS.in_initials(citation, text):
            continue
        by_body = by_initials(citation.work, sources.indexed(), citation.locator)
        if by_body.status != "unresolved":
            found[citation] = Resolution(citation, by_body.status, by_body.key, by_body.score, by_body.candidates)
    return found


def _history_not_cited(document: Document, done: dict[Citation, Resolution]) -> set[Citation]:
    """Names no entry lists that speak after "as" ("as Lenin wrote"), stand with a year after
    "in" ("in London (1903)"), are written in capitals ("(NATO 1949)"), initials ("(PDF)") or lower case ("the
    student’s [blog](…)"), are credited with an idea ("Stalin's theory"), are the subject of a past
    perfect or a past ("Stalin had argued in 1937", "Stalin argued in 1937"), name a body ("Hamilton College") or made a
    thing ("Stalin created"), or are one word the text also writes in lower case or after a determiner ("Open refers to", "their
    Wikipedia"): the history's people, places and bodies, common words and things, no citations (:func:`.mentions.spoken_after_as`, :func:`.mentions.placed_after_in`,
    :func:`.mentions.in_capitals`, :func:`.mentions.past_perfect`, :func:`.mentions.names_a_body`,
    :func:`.mentions.in_initials`, :func:`.mentions.made_it`, :func:`.mentions.told_in_the_past`,
    :func:`.mentions.in_lower_case`, :func:`.mentions.credits_an_idea`, :func:`.mentions.written_as_a_thing`,
    :func:`.mentions.written_with`)."""
    unlisted = [c for c in document.citations if c.kind == "mention" and done[c].status == "unresolved"]
    if not unlisted:
        return set()
    text = document.source.text
    prose = _MENTIONS.masked_prose(document)
    return {
        citation for citation in unlisted
        if _MENTIONS.written_as_a_thing(citation, prose) or _MENTIONS.spoken_after_as(citation, text) or _MENTIONS.placed_after_in(citation, text)
        or _MENTIONS.in_capitals(citation) or _MENTIONS.past_perfect(citation, text) or _MENTIONS.names_a_body(citation)
        or _MENTIONS.in_initials(citation, text) or _MENTIONS.made_it(citation, text)
        or _MENTIONS.told_in_the_past(citation, text) or _MENTIONS.in_lower_case(citation)
        or _MENTIONS.credits_an_idea(citation, text) or _MENTIONS.written_with(citation, text)
    }


# A short form written as a name in the possessive before a title in emphasis (notes.POSSESSED_TITLE).
_POSSESSIVE_OPENING = re.compile(r"[^*_'’\n]{1,80}?(?:['’]s|\[\\?['’]\]\{[^{}\n]{0,40}\}s|(?<=s)['’])[ \t]+[*_]")


# A title alone with the year or years of its run in parentheses, nothing after them but prose:
# ``*Top Gear* (2010--2016)``, ``*Counting Cars* (2012--)``, ``Post Boy (1695)``.
_TITLE_THEN_YEARS = re.compile(r"^[^()]{1,120}?[ \t]+\((?:1[5-9]|20)\d\d(?:[ \t]*[-–—]+[ \t]*(?:\d{2,4})?)?\)(?:\s*\Z|,?\s+[a-z])")


def _named_with_a_year(done: dict[Citation, Resolution]) -> set[Citation]:
    """Note sources no entry matches that are a title and a year in parentheses and nothing a
    citation gives (no author, editor, imprint, container, volume or locator): works named in
    commentary, the shows of a channel's schedule (``History has recently made an attempt to include
    more substantive programs such as *Washington* (2020) and *Grant* (2020)``, ``*Top Gear*
    (2010--2016), based on the BBC original``: CRDH's essay on the History channel) or the
    newspapers of a corpus (``General Advertiser (1744); …; Post Boy (1695)``: CRDH's essay on privacy
    in historical newspapers), no sources to report as missing from the bibliography; nor when
    only an entry's title in the prose after it matched (``*Counting Cars* (2012--), a spin-off of
    Pawn Stars, is …``, whose channel's page on Pawn Stars the bibliography lists)."""
    return {
        citation for citation, resolution in done.items()
        if citation.kind in ("full", "short") and citation.work is not None
        and (resolution.status == "unresolved" or resolution.by_title_in_text)
        and not (citation.work.authors or citation.work.editors or citation.work.place or citation.work.publisher
                 or citation.work.container or citation.work.volume or citation.locator)
        and _TITLE_THEN_YEARS.match(citation.text) is not None
    }


# A list of titles in emphasis or quotes after "such as", "like" or "including" (each perhaps with
# a parenthesis after it: its years, its count of episodes), up to the title that ends at the end
# of the text searched; the noun before the list, when it names publications, makes them cited.
_EXAMPLES_BEFORE = OnFirstUse(re.compile,
    r"(?:(?P<noun>\w+)[ \t\n]+)?(?:such[ \t\n]+as|like|including)[ \t\n]+"
    r"(?:[*_“\"][^*_”\"\n]{1,80}[*_”\"](?:[ \t]*\([^()\n]{1,40}\))?,?[ \t\n]+(?:(?:and|or)[ \t\n]+)?)*$"
)
_MARKED_TITLE = OnFirstUse(re.compile, r"[*_“\"][^*_”\"\n]{1,80}[*_”\"]")
_PUBLICATION_NOUNS = frozenset(
    "works studies books articles essays histories accounts monographs surveys sources texts scholarship literature "
    "scholars historians authors writers publications".split()
)


def _examples_named(document: Document, done: dict[Citation, Resolution]) -> set[Citation]:
    """Titles alone in a list after "such as" in a note, the things of a kind the note speaks of
    (``programs such as *Washington* (2020) and *Grant* (2020)``, ``shows such as *American
    Restoration*, *Pawn Stars*, and *American Pickers*``: CRDH's essay on the History channel,
    whose bibliography lists the channel's pages on two of the shows): examples named, no
    sources; unless the kind is a kind of publication (``works such as *…*``)."""
    texts = {source.path: source.text for source in (document.source, *document.note_sources)}
    dropped = set()
    for citation, resolution in done.items():
        work = citation.work
        if (citation.kind != "short" or work is None or work.authors or work.editors or citation.locator
                or resolution.status not in ("matched", "unresolved", "ambiguous")
                or _MARKED_TITLE.fullmatch(citation.text) is None):
            continue
        text = texts.get(citation.span.path, "")
        before = _EXAMPLES_BEFORE.search(text, max(0, citation.span.start - 300), citation.span.start)
        if before is not None and (before.group("noun") or "").lower() not in _PUBLICATION_NOUNS:
            dropped.add(citation)
    return dropped


def _dated_name(citation: Citation) -> bool:
    """A short form that is a name and a year and nothing else (``Observator (1702)``): the shape of
    an author-date citation, no title, no page."""
    work = citation.work
    return (citation.kind == "short" and work is not None and work.year is not None and not work.title
            and not citation.locator and len(work.authors) == 1)


def _one_word_dated_in_notes_style(done: dict[Citation, Resolution]) -> set[Citation]:
    """A word and a year (``Observator (1702)`` in a list of newspapers, ``eight paintings from Hoursel
    (1670)``: CRDH's essays on privacy in historical newspapers and on Louis XIV's paintings) that
    no entry matches, in a document where no such name and year is matched: notes that cite in
    another style name a paper, a seller, a place with its year, no author-date source."""
    if any(resolution.status == "matched" and _dated_name(citation) for citation, resolution in done.items()):
        return set()  # the document cites author-date: an unmatched one is a missing entry
    return {
        citation for citation, resolution in done.items()
        if resolution.status == "unresolved" and _dated_name(citation)
        and not citation.work.authors[0].given and " " not in citation.work.authors[0].family
    }


def _possessed_by_no_listed_author(done: dict[Citation, Resolution], sources: Sources) -> set[Citation]:
    """A title named in commentary after a name in the possessive (``Le Brun's *Inventoire*``,
    ``Félibien's *Description sommaire …*``: CRDH's essay on Louis XIV's paintings) is a source
    when the bibliography lists that name as an author or editor, else a painter's painting, a
    king's collection, a novelist's novel (``Lippi's *Annunciation*``, ``Francis I's *ancien
    fond*``, ``Jean-Jacques Rousseau's *Julie*``: CRDH's essays on the Medici palace, on Louis XIV
    and on Old Regime France), no source; matched, it must be matched to a work of theirs."""
    possessed = [c for c in done if c.kind == "short" and c.work is not None and _POSSESSIVE_OPENING.match(c.text)]
    if not possessed:
        return set()
    index = sources.indexed()
    listed = frozenset().union(*(record.all_surnames for record in index.records))
    dropped = set()
    for citation in possessed:
        names = person_keys(citation.work.authors) | {surname_key(_whole_name(p)) for p in citation.work.authors}  # a body: Fox News'
        resolution = done[citation]
        record = index.record(resolution.key) if resolution.status == "matched" else None
        if not names & listed or (record is not None and not names & record.all_surnames):
            dropped.add(citation)
    return dropped


def _names_alone_not_cited(document: Document, done: dict[Citation, Resolution]) -> set[Citation]:
    """The names in parentheses (:func:`cited_by_name_alone`) of scholars no entry lists that are
    no citations: all of them but those after a quotation, and, when the document cites listed
    scholars so at least :data:`NAME_ALONE_EVIDENCE` times, those with a page or a title beside
    the name ("(Green,59)", "(Gibbs, Critique)"; a bare "(Bethesda)" may still be a place, and a
    name with no page right after a capitalised word glosses it: "Numidia (Souk Ahras, Algeria)")."""
    text = document.source.text
    shaped = [citation for citation in document.citations if cited_by_name_alone(citation, text)]
    unlisted = [citation for citation in shaped if done[citation].status == "unresolved"]
    if not unlisted:
        return set()
    cites_so = len(shaped) - len(unlisted) >= NAME_ALONE_EVIDENCE
    return {
        c for c in unlisted
        if _AFTER_QUOTATION.search(text[max(0, c.span.start - 12) : c.span.start]) is None
        and not (cites_so and (c.locator or "," in c.text and not _MENTIONS.glosses_a_name(c, text)))
    }


def _not_sources_of_their_own(
    document: Document, done: dict[Citation, Resolution], found_by_title: frozenset[Citation]
) -> set[Citation]:
    """Citations of a note that are part of another source of the same note, not a source: a
    title found in the note's text (:mod:`.titles`) that an entry already cited in the note has
    ("… _Merge, join, concatenate and compare_ … for differences among merge, join, concatenate,
    and compare operations": the Programming Historian's linear-regression lesson), unless that
    source was itself known by its title alone (a title in prose, then its short form: ``…: L'inventario
    dei beni e delle masserizie …``, ``L'inventario, fol. 13v.``, CRDH's essay on Lippi's thresholds); and an
    unresolved segment opening with "In " after a matched source, its container (``Max-Margin
    Weight Learning for Markov Logic Networks. In Proceedings of …``: LoMRF's documentation)."""
    in_note = notes_of(document)
    keys: dict[int, set[str]] = {}
    for citation, note in in_note.items():
        if citation not in found_by_title and done[citation].key is not None and not done[citation].by_title_in_text:
            keys.setdefault(note, set()).add(done[citation].key)
    dropped = {c for c in found_by_title if c in in_note and done[c].key in keys.get(in_note[c], set())}
    previous: Citation | None = None
    for citation in document.citations:
        before, previous = previous, citation
        if citation.kind != "full" or done[citation].status != "unresolved" or not citation.text.startswith("In "):
            continue
        if before is not None and in_note.get(before, -1) == in_note.get(citation) and done[before].status == "matched":
            dropped.add(citation)
    return dropped


def _told_apart_by_their_note(
    document: Document, done: dict[Citation, Resolution], found_by_title: frozenset[Citation], sources: Sources
) -> dict[Citation, Resolution]:
    """Titles found in a note that several entries share, told apart by the rest of the note (its
    year, a surname, the journal: :func:`.match.titles_in`): '"Epidemic Influenza," *British
    Medical Journal*, 1290--1291' is the article of that journal, not the Medical Record's of the
    same title (CRDH's essay on the Russian flu)."""
    ambiguous = [c for c in found_by_title if c in done and done[c].status == "ambiguous"]
    if not ambiguous:
        return {}
    in_note = notes_of(document)
    found: dict[Citation, Resolution] = {}
    for citation in ambiguous:
        note = document.notes[in_note[citation]] if citation in in_note else None
        if note is None:
            continue
        keys = {key for key, _ in done[citation].candidates}
        told = [t.match for t in titles_in(note.text, sources.indexed()) if note.text[t.start : t.end] == citation.text]
        if len(told) == 1 and told[0].status == "matched" and told[0].key in keys:
            found[citation] = Resolution(citation, "matched", told[0].key, told[0].score, told[0].candidates, by_title_in_text=True)
    return found


# What stands between two parts of one whole named once after both: ``*A*, and *B*, in …``.
_AND_BETWEEN_PARTS = re.compile(r"[\s*_,]*and[\s*_]*\Z")


def _in_the_container_after_them(document: Document, done: dict[Citation, Resolution], sources: Sources) -> dict[Citation, Resolution]:
    """An unresolved title joined by "and" to a part cited "in" a whole: in that whole too
    (``*Ninth Annual Report of the State Board of Charities and Correction 1917*, and *Thirteenth
    Annual Report …, 1921*, in Virginia State Board of Charities and Corrections, *Annual Report of
    the Board of Charities and Corrections*``: CRDH's essay on Virginia's reform schools)."""
    found: dict[Citation, Resolution] = {}
    texts = {source.path: source.text for source in (document.source, *document.note_sources)}
    for first, second in zip(document.citations, document.citations[1:]):
        work, after = first.work, second.work
        if (done[first].status != "unresolved" or work is None or not work.title or work.container or after is None
                or not after.container or first.note != second.note or first.span.path != second.span.path):
            continue
        between = texts.get(first.span.path, "")[first.span.end : second.span.start]
        if _AND_BETWEEN_PARTS.match(between) is None:
            continue
        inside = in_listed_container(dataclasses.replace(work, container=after.container), sources.indexed())
        if inside is not None:
            found[first] = Resolution(first, inside.status, inside.key, inside.score, inside.candidates)
    return found


def _containers_of_the_source_before(document: Document, done: dict[Citation, Resolution], sources: Sources) -> set[Citation]:
    """Note sources that name the book the source right before them is in: the entry they resolve
    to is that source's entry's container (``Fernand Braudel. “Mountain Freedom,” from _The
    Mediterranean …_ (The Houses of History : A Critical Reader …, Anna Green and Kathleen Troup,
    ed.)``, a chapter the bibliography lists in the book it also lists: 2019-fall's Annales essay).
    An ambiguous one counts when one of its candidates is that book."""
    in_note = notes_of(document)
    records: dict[str, EntryRecord] | None = None
    dropped: set[Citation] = set()
    previous: Citation | None = None
    for citation in document.citations:
        before, previous = previous, citation
        if before is None or citation not in in_note or in_note.get(before, -1) != in_note[citation]:
            continue
        inner, resolution = done[before].key, done[citation]
        outers = [resolution.key] if resolution.key is not None else [key for key, _ in resolution.candidates]
        if inner is None or done[before].status != "matched" or resolution.status not in ("matched", "ambiguous"):
            continue
        records = records if records is not None else {r.key: r for r in sources.indexed().records}
        container = set(title_words(records[inner].container))
        if container and any(
            outer != inner and container in (set(title_words(records[outer].title)), set(title_words(records[outer].short)))
            for outer in outers
        ):  # an ambiguous one too: the part's own entry shares the book's title as its container
            dropped.add(citation)
    return dropped


def _quoting_work_of_the_source_before(document: Document, done: dict[Citation, Resolution], sources: Sources) -> set[Citation]:
    """A source right after another in its note that the other's entry names as quoting it (``Marie
    Graves to Heber J. Grant, 10 November 1920, as quoted in Parshall, “Marie and William
    Graves.”``, whose entry notes ``As quoted in Ardis E. Parshall, "Marie and William Graves: …"``:
    CRDH v02-03, note 16) is part of that entry, no source of its own: every word of its title is
    among those the entry gives for the quoting work."""
    in_note = notes_of(document)
    dropped: set[Citation] = set()
    previous: Citation | None = None
    for citation in document.citations:
        before, previous = previous, citation
        if before is None or citation not in in_note or in_note.get(before, -1) != in_note[citation]:
            continue
        work, resolution = citation.work, done[before]
        if citation.kind not in ("full", "short") or work is None or not work.title or resolution.status != "matched":
            continue
        record = sources.indexed().record(resolution.key)
        words = set(title_words(work.title))
        if record is not None and record.quoted_in and words and words <= record.quoted_in:
            dropped.add(citation)
    return dropped


def _with_keys(document: Document, resolutions: tuple[Resolution, ...]) -> Document:
    """The document with each citation's ``key`` set to the entry it resolves to (or None), with
    the status, the confidence in that key and the candidates weighed."""
    citations = tuple(
        dataclasses.replace(
            r.citation, key=r.key, status=r.status, confidence=None if r.score is None else round(r.score / 100, 3),
            candidates=r.candidates,
        )
        for r in resolutions
    )
    return dataclasses.replace(document, citations=citations)


def reconcile(documents: tuple[Document, ...], bibliography: Bibliography | None) -> Reconciliation:
    """Every citation of ``documents`` resolved against ``bibliography`` (None: nothing to resolve)."""
    if bibliography is None:
        return Reconciliation(documents, tuple(link_citations(document) for document in documents))
    sources = Sources(bibliography)
    by_title: frozenset[Citation] = frozenset()
    if any(document.notes for document in documents):
        read_again = [with_title_sources(document, sources.indexed) if document.notes else (document, frozenset()) for document in documents]
        documents = tuple(document for document, _ in read_again)
        by_title = frozenset().union(*(found for _, found in read_again))
    links = tuple(link_citations(document) for document in documents)
    resolved = [(d, resolve_document(d, found, sources, by_title)) for d, found in zip(documents, links)]
    resolutions = tuple(r for _, rs in resolved for r in rs)
    return Reconciliation(
        documents=tuple(_with_keys(document, rs) for document, rs in resolved),
        links=links,
        resolutions=resolutions,
        cited_keys=frozenset(key for r in resolutions for key in _cites(r)),
        cites_everything=any(r.status == "everything" for r in resolutions),
        index=sources.index,
    )


def _cites(resolution: Resolution) -> tuple[str, ...]:
    """The entries a resolution counts as citing: its entry; for a scholar named in prose whose
    work the text does not single out ("author"), each of the scholar's entries."""
    if resolution.status == "author":
        return tuple(key for key, _ in resolution.candidates)
    if resolution.key is not None:
        return (resolution.key,)
    return ()
