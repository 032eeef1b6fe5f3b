"""Scoring a cited source against the candidate entries, and deciding what it matches.

A candidate's score (0-100) starts from how well the titles agree and is then moved by the
surname and the year:

* **title** (:func:`title_score`): rapidfuzz scores of the folded titles. A full citation is
  compared whole and without its subtitle with the entry's full title and its short title (the
  title before a colon, or ``shorttitle``; also without the dates that end it, ", 1926-1933"),
  so a note that drops the subtitle, or cites one the entry lacks, still scores 100, while
  "Stalin: Paradoxes of Power" and "Stalin: Waiting for Hitler" stay apart;
  ``token_sort_ratio`` forgives reordered words. A short form ("Weimar Germany") is a word
  prefix of the title or a subset of its words (``token_set_ratio``), never longer than it and
  never with a word it lacks: the entry "Timeline" is not cited by "*Timeline & Stag Hunt*", a
  video no entry lists, nor *The Rise of the Trans-Atlantic Slave Trade* by "*Trans-Atlantic Slave
  Trade Database*". A short form giving an entry's whole title outranks the entries whose titles
  it opens or stands in, by :data:`EXACT_TITLE_BONUS` as a full citation does.
  Without a title the source is matched by surname alone (:func:`match_by_name`).
* **surname**: a cited surname that agrees with none of the entry's authors and editors costs
  :data:`SURNAME_PENALTY`, so a title alone, however close, rarely makes a match.
* **periodical**: a source with no author whose title is an entry's journal (``Pravda, February
  14, 1938``) scores 100 against it, moved by the day or month (:data:`DATE_BONUS`,
  :data:`DATE_PENALTY`) when both give one.
* **imprint** (:func:`by_imprint`, the resolver's last try): a full citation whose title fits no
  entry, and that names no entry's title in its text, is still the one entry of its surname that
  has its year and its publisher (a chapter's title given as the book's: CC204 reports the title).
* **container** (:func:`in_listed_container`): a part no entry lists, cited "in" a whole whose
  title opens an entry's, is that entry.
* **genre** (:func:`of_the_genre`): a note that names the kind of document it cites (an interview,
  an oral history) and whose title fits no entry is the one entry of its people of that kind, and
  a short form by surname alone chooses among that person's entries the ones of that kind.
* **details** (:func:`has_details_of`): entries a note leaves tied (items of one collection under
  one title) are told apart by a number of the note among an entry's ``note``, ``howpublished``
  or ``addendum`` (box, folder, image).
* **year**: agreeing adds :data:`YEAR_BONUS`, disagreeing costs :data:`YEAR_PENALTY`: enough to
  tell two editions apart, not enough to reject a note whose year is a misprint (that is a
  CC204 finding, not a different work). The **volume** counts the same way, when both give one.

The best candidate is **matched** when it reaches :data:`MATCH_THRESHOLD` and no other candidate
reaching it lies within :data:`AMBIGUITY_MARGIN`; **ambiguous** when some do (every one is
named); **unresolved** otherwise. The thresholds are named here so they can be tuned against the
corpora (tests/corpora) and explained in messages, which quote the scores.

The scoring functions import rapidfuzz when first called: a run that cites only by key never
loads it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import replace
from itertools import compress
from typing import NamedTuple

from citecheck.bib.normalize import fold
from citecheck.model import Person, Work
from citecheck.patterns import OnFirstUse
from citecheck.reconcile.index import (
    BibIndex,
    EntryRecord,
    folded_body,
    person_keys,
    short_title,
    surname_key,
    title_words,
    years_in,
)

# A candidate scoring at least this (0-100) may be the work cited. 80 accepts a dropped
# subtitle, a few misspelt letters or a wrong year on an exact title, and rejects a title that
# merely shares a word or two with the entry's.
MATCH_THRESHOLD = 80.0
# Two candidates above the threshold whose scores differ by no more than this are both
# plausible: the source is ambiguous (two editions with the year not given, two volumes of a
# work cited by their common main title, a duplicated entry).
AMBIGUITY_MARGIN = 5.0
# Subtracted when the source names authors or editors and none is among the entry's; only
# MISSPELT_SURNAME_PENALTY when one is at least SURNAME_SIMILARITY like an entry's (a misspelling
# or an OCR error, which CC204 reports).
SURNAME_PENALTY = 30.0
MISSPELT_SURNAME_PENALTY = 5.0
SURNAME_SIMILARITY = 75.0
# A full citation's title with at least this many significant words may match a longer title
# that contains all of them (token_set_ratio): a dropped subtitle or dates ("Stalin: Waiting for
# Hitler" for "Stalin: Waiting for Hitler, 1929-1941"). A one-word title may not: "Stalin" is
# in too many titles.
SUBSET_WORDS = 2
# A full citation (or a short form) whose title is the entry's, word for word, outranks an entry
# whose title merely contains it ("The Great Terror" before "The Great Terror: A Reassessment"): more than
# the margin, so the exact one is matched.
EXACT_TITLE_BONUS = AMBIGUITY_MARGIN + 1.0
# Added when the source's year is one of the entry's (year, original year); subtracted when the
# source gives a year the entry does not have.
# A part's title and its book's both found, in each other's field (:func:`crossed_score`): more
# than the margin above the book that one of them names.
CROSSED_BONUS = AMBIGUITY_MARGIN + 1.0
YEAR_BONUS = 5.0
YEAR_PENALTY = 10.0
# The same for the volume, when both the source and the entry give one: it tells the volumes
# of a multi-volume work apart (an article's volume is its journal's, which agrees anyway).
VOLUME_BONUS = 5.0
VOLUME_PENALTY = 10.0
# The same for the day or month of a periodical issue: several issues of one newspaper in a year
# are told apart by it.
DATE_BONUS = 5.0
DATE_PENALTY = 30.0
# Subtracted when the cited title and the entry's both hold numbers and share none: the number is
# what tells the works apart, the words around it being alike ("1960 Census, Santa Clara County"
# is not the entry "1970 Census, Santa Clara County": Jason Heppler's dissertation, chapter 2).
TITLE_NUMBER_PENALTY = 30.0
# Two words at least this similar (rapidfuzz ratio) are one word spelt two ways, for CC204.
SPELLING_SIMILARITY = 85.0
# How many scored candidates a resolution keeps, for messages and the JSON report.
KEPT_CANDIDATES = 3
# A title looked for in a text that was not parsed into one (a note citing by its title alone,
# "Traditions and Trajectories in the Historiography of European Witch Hunting p. 78-79"; an
# author-date reference whose authors the parser misread): how closely (rapidfuzz's partial
# alignment, 0-100) it must stand there.
TITLE_IN_TEXT_THRESHOLD = 90.0
# A title of fewer significant words than this is found only word for word: "Data types" or
# "Six Girls" stands approximately in too many sentences.
TITLE_IN_TEXT_WORDS = 3
# Tie-breakers between entries whose titles stand in the text equally well: one of the entry's
# surnames is a word of the text (the year counts as YEAR_BONUS, the page as PAGE_BONUS).
SURNAME_IN_TEXT_BONUS = 5.0
PAGE_BONUS = 5.0
# The journal or book an entry is in, named beside its title, tells it from an entry of the same
# title elsewhere ('"Epidemic Influenza," *British Medical Journal*' and '"Epidemic Influenza,"
# *Medical Record*': CRDH's essay on the Russian flu): more than the margin, alone.
CONTAINER_IN_TEXT_BONUS = AMBIGUITY_MARGIN + 1.0
# The same for a number of the text (not a year of the entry's) among an entry's details, its box,
# folder or image: two items of one collection listed under one title ('Record of Members
# Collection, image 550 and 578': CRDH's essay on a century of black Mormons).
DETAIL_IN_TEXT_BONUS = AMBIGUITY_MARGIN + 1.0

_WORD = OnFirstUse(re.compile, r"\w+")
_NUMBER = OnFirstUse(re.compile, r"\d+")
_LEADING_ARTICLE = OnFirstUse(re.compile, r"^(?:the|a|an) ")
# The dates that end many history titles (", 1926-1933"), which notes often leave out.
_TRAILING_DATES = OnFirstUse(re.compile, r"[,;]?\s*\d{4}(?:\s*[-\u2013\u2014/]+\s*\d{2,4})?\s*$")
SHORT_KINDS = frozenset({"short", "alias", "mention"})


class Match(NamedTuple):
    """The outcome of matching one source: status, the entry's key, and the scored candidates.

    ``status`` is "matched", "ambiguous", "unresolved" or "author" (a scholar with several
    entries and no title or year to choose between them; ``key`` is then a best guess and
    ``score`` the confidence in it). ``candidates`` are (key, score), best first; for an
    ambiguous source, the ones within the margin.
    """

    status: str
    key: str | None = None
    score: float | None = None
    candidates: tuple[tuple[str, float], ...] = ()


def _clean(text: str) -> str:
    from rapidfuzz.utils import default_process

    return default_process(fold(text))


def _word_prefix(cited: str, title: str) -> bool:
    """``cited`` is the start of ``title``, word for word, a leading article aside."""
    if not cited:
        return False
    for article in ("the ", "a ", "an "):
        if title.startswith(article) and not cited.startswith(article):
            title = title[len(article) :]
    return title == cited or title.startswith(cited + " ")


def title_score(cited: str, record: EntryRecord, kind: str) -> float:
    """How well the cited title fits the entry's (0-100, plus :data:`EXACT_TITLE_BONUS` for a
    full citation giving the entry's exact title); see the module docstring."""
    from rapidfuzz import fuzz

    whole, whole_short = _clean(cited), _clean(short_title(cited))
    full, short = _clean(record.title), _clean(record.short)
    if not whole or not full:
        return 0.0
    if kind in SHORT_KINDS:
        if _LEADING_ARTICLE.sub("", whole) == _LEADING_ARTICLE.sub("", full):
            # a short form giving the whole title outranks the titles it opens or stands in
            # (Newell, "Jane Elizabeth Manning James": CRDH's essay on a century of black Mormons)
            return 100.0 + EXACT_TITLE_BONUS
        if _word_prefix(whole, full) or _word_prefix(whole, short):
            return 100.0
        if len(whole.split()) > len(full.split()) or (kind != "mention" and not _words_within(cited, record)):
            # a short form is never longer than the title it shortens, nor adds a word to it (a
            # title taken from prose may be a quotation: its best guess is left as it was)
            return max(fuzz.ratio(whole, full), fuzz.ratio(whole, short))
        return max(fuzz.token_set_ratio(whole, full), fuzz.ratio(whole, short))
    if whole == full:
        return 100.0 + EXACT_TITLE_BONUS
    undated = _clean(_TRAILING_DATES.sub("", record.short))
    scores = [fuzz.ratio(whole, full), fuzz.ratio(whole, short), fuzz.ratio(whole_short, full)]
    scores.append(fuzz.ratio(whole, undated))
    scores.append(fuzz.token_sort_ratio(whole, full))
    if len(title_words(cited)) >= SUBSET_WORDS:
        scores.append(fuzz.token_set_ratio(whole, full))
    return max(scores)


def _words_within(cited: str, record: EntryRecord) -> bool:
    """Whether every significant word of a short title is one of the entry's (or shortens or
    misspells one): ``*Trans-Atlantic Slave Trade Database*`` is no short form of *The Rise of
    the Trans-Atlantic Slave Trade in Western Africa* (CRDH's essay on the Royal African Company)."""
    return all(_has_word(word, record.words) for word in title_words(cited))


def periodical_score(work: Work, record: EntryRecord) -> float:
    """How well a periodical cited by its name and date (``Pravda, February 14, 1938``) fits an
    entry printed in it: the name against the entry's journal, and the day or month when both
    give one (an issue of another day is another entry)."""
    if fold(_clean(work.title or "")) != fold(_clean(record.container)):
        return 0.0
    if work.date and record.date:
        shorter = min(len(work.date), len(record.date))
        return 100.0 + DATE_BONUS if work.date[:shorter] == record.date[:shorter] else 100.0 - DATE_PENALTY
    if work.date and record.title:
        # an article of that paper with no day of its own is no issue of a given day (``*San Jose
        # Mercury*, March 11, 1972`` beside "Increased Density in Hills Urged," n.d., and "San Jose's
        # First Lady, The Mayor," ca. 1974: Jason Heppler's dissertation, chapter 4)
        return 100.0 - DATE_PENALTY
    return 100.0


@functools.lru_cache(maxsize=4096)
def _title_numbers(title: str) -> frozenset[str]:
    return frozenset(_NUMBER.findall(title)) if any(char.isdigit() for char in title) else frozenset()


def title_number_penalty(cited: str, record: EntryRecord) -> float:
    """:data:`TITLE_NUMBER_PENALTY` when both titles hold numbers and none is the same: another
    census, plan or report of a series, not a misprint (a year misprinted in a range, "1942-62"
    for "1942--1962", still shares one)."""
    return TITLE_NUMBER_PENALTY if _other_numbers(record.title, cited) else 0.0


def surname_penalty(names: frozenset[str], record: EntryRecord) -> float:
    """What the cited surnames cost: nothing when one is the entry's, a little when one is a
    near spelling of one (Dick for Dyck), :data:`SURNAME_PENALTY` otherwise."""
    from rapidfuzz import fuzz

    if not names or names & record.all_surnames:
        return 0.0
    if any(surname.count(" ") >= 2 and f" {surname}".endswith(f" {name}") for name in names for surname in record.all_surnames):
        # a body of three words or more by the last of them (``Planning Commission, *Master Plan of the
        # City of San Jose*``, read as a person named Commission, for the San Jose City Planning Commission)
        return 0.0
    for name in names:
        for surname in record.all_surnames:
            if fuzz.ratio(name, surname) >= SURNAME_SIMILARITY:
                return MISSPELT_SURNAME_PENALTY
    return SURNAME_PENALTY


def score(work: Work, record: EntryRecord, kind: str) -> float:
    """The candidate's score for ``work``: title, then surname, year and volume (module
    docstring). The bonuses may lift it above 100, so that a perfect title with the right year
    outranks a perfect title with the wrong one; :func:`decide` reports it capped at 100."""
    value = title_score(work.title or "", record, kind) - title_number_penalty(work.title or "", record)
    if work.container and record.container:
        value = max(value, crossed_score(work, record))
    people = person_keys((*work.authors, *work.editors))
    if record.container and (not people or work.date):
        # a periodical cited by its name: the journal it stands for; with its day, by the people who wrote in that issue
        value = max(value, periodical_score(work, record))
    value -= surname_penalty(people, record)
    cited_years = years_in(work.year)
    if cited_years and record.years:
        value += YEAR_BONUS if cited_years & record.years else -YEAR_PENALTY
    if work.volume and record.volume:
        value += VOLUME_BONUS if fold(work.volume) == fold(record.volume) else -VOLUME_PENALTY
    return max(0.0, value)


def crossed_score(work: Work, record: EntryRecord) -> float:
    """A part cited with its title and its book's swapped, each opening the other's field of the
    entry (``Donald Meinig, "The Interpretation of Ordinary Landscapes," in *The Beholding Eye: Ten
    Versions of the Same Scene*``, the chapter "The Beholding Eye" in the book *The Interpretation
    of Ordinary Landscapes*: Jason Heppler's dissertation, introduction): that part, above the book
    whose title alone the cited title opens (both fields agree, one of them only); else 0."""
    title, container = _clean(work.title or ""), _clean(work.container or "")
    if _word_prefix(title, _clean(record.container)) and _word_prefix(container, _clean(record.title)):
        return 100.0 + CROSSED_BONUS
    return 0.0


def _capped(pairs: list[tuple[str, float]]) -> tuple[tuple[str, float], ...]:
    return tuple((key, min(100.0, value)) for key, value in pairs)


def decide(scored: list[tuple[str, float]]) -> Match:
    """Matched, ambiguous or unresolved, from (key, score) pairs; scores reported capped at 100."""
    if not scored:
        return Match("unresolved")
    ranked = sorted(scored, key=lambda pair: (-pair[1], pair[0]))
    best_key, best = ranked[0]
    if best < MATCH_THRESHOLD:
        return Match("unresolved", candidates=_capped(ranked[:KEPT_CANDIDATES]))
    close = [pair for pair in ranked if pair[1] >= MATCH_THRESHOLD and best - pair[1] <= AMBIGUITY_MARGIN]
    if len(close) > 1:
        return Match("ambiguous", candidates=_capped(close))
    return Match("matched", best_key, min(100.0, best), _capped(ranked[:KEPT_CANDIDATES]))


def match_by_name(work: Work, records: tuple[EntryRecord, ...], kind: str, locator: str | None = None) -> Match:
    """A source with a surname and no title: the surname's entries, narrowed by the year, then
    by the page cited (``locator``) when the year leaves several or none of them.

    One entry: matched. Several, and a year that picks one: matched. A page inside the page
    range of only one of the entries the year leaves (all of them when it picks none): matched,
    whatever the year says ("(Scott 2010, 1422)" is the 2008 article on pages 1422-1429, and
    the year's disagreement is reported on its own). Several, and a year that picks several or
    none: ambiguous. Several, and no year at all (or, in prose, a year that is none of the
    scholar's): for a name in prose, the scholar is resolved but not the work ("author", with a
    best guess); for a note, ambiguous.
    """
    names = person_keys((*work.authors, *work.editors))
    own = tuple(r for r in records if names & r.all_surnames)
    if not own:
        return Match("unresolved")
    # the entries that have every name cited, when some do: "(West and Fenstermaker, 390)" is their joint
    # work, not West's with Zimmerman nor Fenstermaker's own (early-feminist-history, Metahistory)
    own = tuple(r for r in own if names <= r.all_surnames) or own
    if work.genre:
        # the entries of the kind the note names, when some are: "Stegner interview, 9" is his oral
        # history, not his essay whose pages hold 9 (Jason Heppler's dissertation, chapter 4)
        own = tuple(r for r in own if work.genre in r.genres) or own
    cited_years = years_in(work.year)
    narrowed = tuple(r for r in own if cited_years & r.years) if cited_years else own
    chosen = narrowed or own
    pairs = tuple((r.key, 100.0) for r in chosen)
    if len(chosen) == 1:
        return Match("matched", chosen[0].key, 100.0, pairs)
    on_page = _holding_page(chosen, locator)
    if len(on_page) == 1:
        return Match("matched", on_page[0].key, 100.0, tuple((r.key, 100.0 if r in on_page else 0.0) for r in chosen))
    lettered = _YEAR_LETTER.search(work.year or "") if kind == "mention" and len(narrowed) > 1 else None
    if lettered is not None and ord(lettered.group(1)) - ord("a") < len(narrowed):
        # "(Underwood 2015b)": the letters of one author's works of a year follow the list's order (070, Defactoring
        # Pace of Change, whose list prints 2015a and 2015b)
        picked = narrowed[ord(lettered.group(1)) - ord("a")]
        return Match("matched", picked.key, 100.0, tuple((r.key, 100.0 if r is picked else 0.0) for r in chosen))
    if kind == "mention" and cited_years and narrowed:
        # author-date names every author: "(Underwood 2014)" is his own work of that year, not the one he wrote
        # with Sellers the same year (021, Defactoring Pace of Change)
        wholly = tuple(r for r in chosen if set(r.surnames) == names)
        if len(wholly) == 1:
            return Match("matched", wholly[0].key, 100.0, tuple((r.key, 100.0 if r in wholly else 0.0) for r in chosen))
    if kind == "mention" and not narrowed or kind == "mention" and not cited_years:
        # a year in the sentence that is none of the scholar's says nothing about which work
        return best_guess(tuple((r.key, _own_share(r, names)) for r in chosen))
    return Match("ambiguous", candidates=pairs)


_YEAR_LETTER = OnFirstUse(re.compile, r"\d{4}([a-z])(?![a-z])")


def _own_share(record: EntryRecord, names: frozenset[str]) -> float:
    """How much an entry is the named scholars' own: wholly theirs, led by them, or shared: a
    scholar named alone means a work of their own before one they wrote with others ("Brueggemann
    … “Why I Mind”" is her video, not her article with Brewer: dph-disability)."""
    if set(record.surnames) <= names:
        return 100.0
    return 75.0 if record.surnames[:1] and record.surnames[0] in names else 50.0


_FIRST_PAGE = OnFirstUse(re.compile, r"^(?:pp?\.?\s*)?(\d{1,6})(?!\d)")


# A place given by section or paragraph: the way to cite a work that has no pages (an article online).
_BY_PARAGRAPH = OnFirstUse(re.compile, r"^(?:section|sect\.|sec\.|§|para?\.|paragraph|¶)", re.IGNORECASE)


def _holding_page(records: tuple[EntryRecord, ...], locator: str | None) -> tuple[EntryRecord, ...]:
    """The records whose page range holds the first page of ``locator`` ("1422", "pp. 61-62");
    for a section or paragraph ("section II, para. 1"), the records that have no pages."""
    if locator and _BY_PARAGRAPH.match(locator.strip()):
        return tuple(r for r in records if r.pages is None)
    page = _FIRST_PAGE.match(locator.strip()) if locator else None
    if page is None:
        return ()
    number = int(page.group(1))
    return tuple(r for r in records if r.pages is not None and r.pages[0] <= number <= r.pages[1])


def best_guess(scored: tuple[tuple[str, float], ...]) -> Match:
    """A scholar named in prose whose entries the text does not tell apart: resolved to the
    scholar ("author"), with the best-scoring entry as a guess (bibliography order breaks ties)
    and a confidence that is its share of the scores, never more than its own score (1/n among
    n entries the text says nothing about; low for a title that fits none)."""
    ranked = sorted((pair for pair in _capped(list(scored))), key=lambda pair: -pair[1])
    total = sum(value for _, value in ranked)
    top = ranked[0][1]
    confidence = 0.0 if total <= 0 else min(top, 100.0 * top / total)
    return Match("author", ranked[0][0], round(confidence, 1), tuple(ranked))


class TitleInText(NamedTuple):
    """A title of the bibliography found in a text: where (offsets in the text) and what it
    matches (every entry whose title stands there, scored; ambiguous when several do equally)."""

    start: int
    end: int
    match: Match


_NOT_WORD = OnFirstUse(re.compile, r"[\W_]+")


# What folding an ASCII text turns into one blank: each run of characters other than letters and digits.
_ASCII_OTHERS = OnFirstUse(re.compile, r"[^a-z0-9]+")
# 1 for the bytes of ASCII letters and digits, 0 for every other byte.
_ALNUM_MASK = bytes(int(chr(byte).isalnum() and chr(byte).isascii()) for byte in range(256))


def _folded_with_offsets(text: str) -> tuple[str, list[int]]:
    """``text`` folded for comparison (case and accents, each run of other characters one blank)
    and, for each character of the result, the offset in ``text`` it comes from."""
    if text.isascii():
        return _ascii_folded_with_offsets(text)
    chars: list[str] = []
    offsets: list[int] = []
    for position, char in enumerate(text):
        folded = char.lower() if char.isascii() else fold(char)[:1]
        if not folded or not folded.isalnum():
            if not chars or chars[-1] == " ":
                continue
            folded = " "
        chars.append(folded)
        offsets.append(position)
    return "".join(chars), offsets


def _ascii_folded_with_offsets(text: str) -> tuple[str, list[int]]:
    """:func:`_folded_with_offsets` of an ASCII text, without a step a character: a character is
    kept when it or the one before it is a letter or a digit (a run of others leaves its first
    one, as the blank; a run that opens the text leaves none), so the offsets are those of the
    kept characters, picked from a mask of letters and digits and the same mask one place on."""
    lowered = text.lower()
    alnum = int.from_bytes(lowered.encode("ascii").translate(_ALNUM_MASK), "little")  # a byte a character
    kept = (alnum | alnum << 8).to_bytes(len(text) + 1, "little")[: len(text)]  # or the one before it
    folded = _ASCII_OTHERS.sub(" ", lowered)
    return (folded[1:] if folded.startswith(" ") else folded), list(compress(range(len(text)), kept))


@functools.lru_cache(maxsize=4096)
def _sought(title: str) -> tuple[str, int]:
    """An entry's title as :func:`_title_at` looks for it in a note: folded, its words joined by
    single blanks; and how many :func:`title_words` it has. Worked out once a title, not once a
    note that may hold it."""
    folded = fold(title)
    return _NOT_WORD.sub(" ", folded).strip(), len(title_words(folded))


def _title_at(title: str, text: str) -> tuple[float, int, int] | None:
    """How well and where the entry's ``title`` stands in ``text`` (folded): word for word for a
    short title, by rapidfuzz's partial alignment for one of :data:`TITLE_IN_TEXT_WORDS` words or more."""
    from rapidfuzz import fuzz

    wanted, words = _sought(title)
    if not wanted or len(wanted) > len(text) or words < 2:
        return None
    if words < TITLE_IN_TEXT_WORDS:
        found = re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", text)
        return None if found is None else (100.0, found.start(), found.end())
    aligned = fuzz.partial_ratio_alignment(wanted, text, score_cutoff=TITLE_IN_TEXT_THRESHOLD)
    if aligned is None:
        return None
    start, end = aligned.dest_start, aligned.dest_end
    if start > 0 and text[start - 1] != " ":  # begun inside a word: the title begins with the next
        start = text.find(" ", start) + 1 or end
    if end < len(text) and text[end] != " " and text[end - 1] != " ":  # ended inside one: it ends with it
        blank = text.find(" ", end)
        end = len(text) if blank < 0 else blank
    if start >= end or _other_numbers(wanted, text[start:end]):
        return None
    return aligned.score, start, end


def _other_numbers(title: str, cited: str) -> bool:
    """Whether two titles both hold numbers and share none (:data:`TITLE_NUMBER_PENALTY`)."""
    title_numbers = _title_numbers(title)
    return bool(title_numbers) and not title_numbers & _title_numbers(cited) and bool(_title_numbers(cited))


def _in_text_bonus(text: str, record: EntryRecord, locator: str | None) -> float:
    """The tie-breakers of a title found in ``text`` (folded): its years (as :func:`score` counts
    them), one of the entry's surnames as a word of it, the page cited inside its page range, the
    entry's journal or book named in it, one of its details (:attr:`.EntryRecord.details`)."""
    cited_years = years_in(text)
    bonus = 0.0 if not cited_years or not record.years else YEAR_BONUS if cited_years & record.years else -YEAR_PENALTY
    words = set(text.split())
    if any(surname in words for surname in record.all_surnames):
        bonus += SURNAME_IN_TEXT_BONUS
    if _holding_page((record,), locator):
        bonus += PAGE_BONUS
    container = _LEADING_ARTICLE.sub("", _clean(record.container)) if record.container else ""
    if container and f" {container} " in f" {text} ":
        bonus += CONTAINER_IN_TEXT_BONUS
    if has_details_of(words, record):
        bonus += DETAIL_IN_TEXT_BONUS
    return bonus


def has_details_of(words: set[str], record: EntryRecord) -> bool:
    """Whether ``words`` (a text's) hold a number of the entry's details other than its years."""
    return bool(record.details and (words & record.details) - record.years)


@functools.lru_cache(maxsize=4096)
def _undated(title: str) -> str:
    """A title without the dates that end it (``William Blackmore Land Records, 1856--1870``, an
    archive cited without them: CRDH's essay on three valleys), or "" when it ends in none."""
    undated = _TRAILING_DATES.sub("", title)
    return undated if undated != title else ""


def titles_in(text: str, index: BibIndex, locator: str | None = None) -> tuple[TitleInText, ...]:
    """The bibliography's titles that stand in ``text``, in order, each with what it matches.

    The candidates are the entries sharing the text's rarest words (:meth:`BibIndex.by_words_of`).
    An entry's full title (also without the dates that end it) or short title (subtitle dropped)
    found at :data:`TITLE_IN_TEXT_THRESHOLD` or better is placed there, the full title found
    exactly counting :data:`EXACT_TITLE_BONUS` more; entries placed over the same words compete
    (:func:`decide`, with the year, a surname, the page, the container and the details as
    tie-breakers), so two editions of one title with nothing to tell them apart are ambiguous;
    titles at different places are different sources.
    """
    records = index.by_words_of(text)
    if not records:
        return ()  # the text folded only for a title that may stand in it
    folded, offsets = _folded_with_offsets(text)
    placed: list[tuple[int, int, str, float]] = []
    for record in records:
        best: tuple[float, int, int] | None = None
        sought = ((record.title, EXACT_TITLE_BONUS), (_undated(record.title), EXACT_TITLE_BONUS), (record.short, 0.0))
        for title, exact_bonus in sought:
            if not title:
                continue
            found = _title_at(title, folded)
            if found is not None:
                value = found[0] + (exact_bonus if found[0] == 100.0 else 0.0)
                if best is None or value > best[0]:
                    best = (value, found[1], found[2])
        if best is not None:
            placed.append((best[1], best[2], record.key, best[0] + _in_text_bonus(folded, record, locator)))
    found_titles: list[TitleInText] = []
    placed.sort()
    while placed:
        start, end, _, _ = placed[0]
        group = [item for item in placed if item[0] < end and start < item[1]]
        placed = [item for item in placed if item not in group]
        best_start, best_end = max(group, key=lambda item: item[3])[:2]
        found_titles.append(TitleInText(offsets[best_start], offsets[best_end - 1] + 1,
                                        decide([(key, value) for _, _, key, value in group])))
    return tuple(found_titles)


def match_by_address(address: str, index: BibIndex) -> Match:
    """A web page cited by its address alone: the entry whose ``url`` or ``doi`` it is."""
    records = index.by_link(address)
    if len(records) == 1:
        return Match("matched", records[0].key, 100.0, ((records[0].key, 100.0),))
    return Match("ambiguous", candidates=tuple((r.key, 100.0) for r in records)) if records else Match("unresolved")


def match(work: Work, index: BibIndex, kind: str, locator: str | None = None) -> Match:
    """The entry ``work`` (cited as a ``kind`` citation, at the page ``locator``) is, through
    the index's candidates.

    A name in prose whose title matches none of the scholar's entries still resolves to the
    scholar ("author"): it names a listed scholar, which is all CC208 asks; the closest of the
    scholar's entries is its best guess (:func:`best_guess`).
    """
    if work.url and not work.title:
        return match_by_address(work.url, index)
    records = index.candidates(work)
    if not (work.title or "").strip():
        found = match_by_name(work, records, kind, locator)
        if kind == "mention" and found.status == "unresolved":
            return by_body_name(work, index) or _by_near_spelling(work, index, locator)
        return found
    found = decide(as_spelt(work.title or "", records, [(r.key, score(work, r, kind)) for r in records]))
    if kind in ("full", "short") and found.status == "unresolved" and work.container:
        found = in_listed_container(work, index) or found
    if kind in ("full", "short") and found.status == "unresolved" and work.genre:
        found = of_the_genre(work, records, locator) or found
    if kind == "mention" and found.status == "ambiguous":
        # a title two entries share at its start ("Doing Gender"): the one that has every author named
        # ("Candace West and Don Zimmerman wrote … “Doing Gender”": early-feminist-history, Metahistory)
        names = person_keys(work.authors)
        keys = {key for key, _ in found.candidates}
        full = [r for r in records if r.key in keys and names and names <= r.all_surnames]
        if len(full) == 1:
            return Match("matched", full[0].key, dict(found.candidates)[full[0].key], found.candidates)
    if kind == "mention" and found.status == "unresolved":
        found = _in_its_venue(work, index) or found
    if kind == "mention" and (found.status == "unresolved" or _someone_elses(found, work, index)):
        own = index.by_name(person_keys((*work.authors, *work.editors)))
        if own:
            return best_guess(tuple((index.records[i].key, score(work, index.records[i], kind)) for i in sorted(own)))
    return found


def by_body_name(work: Work, index: BibIndex) -> Match | None:
    """The one entry whose maker is the body a name in prose names whole ("(Council of Economic Advisors Issue
    Brief)" for the report published as that: digital_divides, Digital Pedagogy in the Humanities), where no
    entry's surname is the name's last word."""
    if len(work.authors) != 1:
        return None
    (person,) = work.authors
    name = folded_body(f"{person.given} {person.family}")
    fitting = [r for r in index.records if name in r.bodies] if len(name.split()) >= 2 else []
    if len(fitting) != 1:
        return None
    return Match("matched", fitting[0].key, MATCH_THRESHOLD, ((fitting[0].key, MATCH_THRESHOLD),))


def _in_its_venue(work: Work, index: BibIndex) -> Match | None:
    """A name in prose with the title of the book or journal that one of the scholar's entries appeared in,
    that entry: "In *Keywords for American Cultural Studies*, Miranda Joseph points out …" is her chapter
    "Community" in that book (community, Digital Pedagogy), no unlisted work."""
    cited = _LEADING_ARTICLE.sub("", _clean(work.title or ""))
    own = (index.records[i] for i in sorted(index.by_name(person_keys(work.authors))))
    fitting = [r for r in own if cited and r.container and _LEADING_ARTICLE.sub("", _clean(r.container)) == cited]
    if len(fitting) != 1:
        return None
    return Match("matched", fitting[0].key, MATCH_THRESHOLD, ((fitting[0].key, MATCH_THRESHOLD),))


def _written_words(text: str) -> frozenset[str]:
    """The words of ``text`` as written, case aside but accents kept (what :func:`fold` would lose)."""
    return frozenset(word.casefold() for word in _WORD.findall(unicodedata.normalize("NFC", text)))


def as_spelt(cited: str, records: tuple[EntryRecord, ...], scored: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """The scores, with the accents of the cited title weighed: when a candidate that reaches the
    threshold writes one of its words with other accents (``châteaux`` for ``chateaux``), the
    candidates whose titles hold every cited word as written outrank the others by more than the
    margin. Folding makes editions of one title tie or puts the wrong one first (Piganiol de La
    Force's *Nouvelle description des chateaux et parcs de Versailles et de Marly* of 1701, cited
    so, against the *châteaux* of 1717: CRDH's essay on Louis XIV's apartment)."""
    if not cited or cited.isascii() and all(r.title.isascii() for r in records):
        return scored
    written = _written_words(cited)
    folded = {fold(word): word for word in written}
    reaching = [(r, value) for r, (_, value) in zip(records, scored) if value >= MATCH_THRESHOLD]

    def accented_otherwise(record: EntryRecord) -> bool:
        return any(folded.get(fold(word), word) != word for word in _written_words(record.title) - written)

    if not any(accented_otherwise(r) for r, _ in reaching):
        return scored
    agreeing = [value for r, value in reaching if written <= _written_words(r.title)]
    if not agreeing:
        return scored
    ceiling = max(agreeing) - AMBIGUITY_MARGIN - 1.0
    keys = {r.key for r, value in reaching if not written <= _written_words(r.title)}
    return [(key, min(value, ceiling) if key in keys else value) for key, value in scored]


def _someone_elses(found: Match, work: Work, index: BibIndex) -> bool:
    """Whether the one entry a name in prose matched names none of its people: the title in its sentence
    is another work's ("Cathy Davidson has explained ways to crowdsource grading, and the students … of the
    “Digital Pedagogy” course at the 2012 Digital Humanities Summer Institute": collaboration, Digital
    Pedagogy), and the scholar's own entries, when listed, come first."""
    names = person_keys((*work.authors, *work.editors))
    if found.status != "matched" or not names:
        return False
    record = next(r for r in index.records if r.key == found.key)
    return not names & record.all_surnames


def in_listed_container(work: Work, index: BibIndex) -> Match | None:
    """A part the bibliography does not list, cited "in" a whole it lists: the one entry whose
    title opens with the container's, word for word (or with what follows the body named before
    it): ``*Thirteenth Annual Report of the State Board of Charities and Correction, 1921*, in
    Virginia State Board of Charities and Corrections, *Annual Report of the Board of Charities and
    Corrections*`` is in the series the bibliography lists as *Annual Report of the Board of
    Charities and Corrections to the Governor of Virginia …* (CRDH's essay on Virginia's reform
    schools). A container of one word is that entry only when it is by the people the note names
    for the whole (``"Report of Professor F. V. Hayden" in *Colorado*, William Blackmore, 197``:
    Blackmore's *Colorado: Its Resources, Parks, and Prospects…*, CRDH's essay on three valleys)."""
    container = work.container or ""
    editors = person_keys(work.editors)
    for title in dict.fromkeys((container, container.partition(", ")[2])):
        cleaned = _clean(title)
        one_word = len(title_words(title)) < SUBSET_WORDS
        if one_word and not editors:
            continue
        fitting = [r for r in index.candidates(replace(work, title=title, container=None))
                   if _word_prefix(cleaned, _clean(r.title)) or _word_prefix(cleaned, _clean(r.short))]
        if one_word:  # a title of one word ("Colorado") only with the people the note names for the whole
            fitting = [r for r in fitting if editors & r.all_surnames]
        if len(fitting) == 1:
            return Match("matched", fitting[0].key, MATCH_THRESHOLD, ((fitting[0].key, MATCH_THRESHOLD),))
    return None


def of_the_genre(work: Work, records: tuple[EntryRecord, ...], locator: str | None) -> Match | None:
    """A document of a kind (:attr:`Work.genre`) whose title fits no entry, matched by the people it
    names among the candidates of that kind: a bibliography lists an interview by the title or
    description it was given (``Transcript of interview of Wallace Stegner by Ann Lage``, 1982, for
    "The Artist as Environmental Advocate", an oral history: Jason Heppler's dissertation, chapter 4)."""
    of_kind = tuple(r for r in records if work.genre in r.genres)
    found = match_by_name(replace(work, title=None), of_kind, "full", locator) if of_kind else None
    return found if found is not None and found.status == "matched" else None


# How alike (rapidfuzz token_set_ratio of the folded names) a note's publisher and an entry's must be:
# "Oxford University Press" and "Oxford UP" are not, "New York University Press" and "NYU Press" neither.
PUBLISHER_SIMILARITY = 90.0


def by_imprint(work: Work, index: BibIndex) -> Match | None:
    """The one entry that has the full citation's surname, year and publisher, whatever its
    title: ``Jeremy Popkin. _The 19th Century and the Rise of Academic Scholarship_ (New York ;
    Oxford : Oxford University Press, 2016)`` cites a chapter of Popkin's *From Herodotus to
    H-Net* (Oxford University Press, 2016) by the chapter's title (2019-fall's essay on Ranke).
    None when the note lacks one of the three or more than one entry has them all. Every entry of
    the surname is looked at, not only the title's candidates: a title that fits none of a
    prolific scholar's works ranks none of them, so a scholar of more than
    :data:`~.index.CANDIDATE_LIMIT` entries would hide the very one the imprint names."""
    from rapidfuzz import fuzz

    names = person_keys((*work.authors, *work.editors))
    cited_years = years_in(work.year)
    if not (names and cited_years and work.publisher):
        return None
    publisher = _clean(work.publisher)
    fitting = [
        r for r in (index.records[i] for i in sorted(index.by_name(names)))
        if names & r.all_surnames and cited_years & r.years and r.publisher
        and fuzz.token_set_ratio(publisher, _clean(r.publisher)) >= PUBLISHER_SIMILARITY
    ]
    if len(fitting) != 1:
        return None
    return Match("matched", fitting[0].key, MATCH_THRESHOLD, ((fitting[0].key, MATCH_THRESHOLD),))


def by_lead_word(work: Work, index: BibIndex) -> Match | None:
    """The one entry of a short form's people whose title opens with the short title's first word:
    a short title shortens the title from its start, and one misremembered after its first word
    still names the author's only work of that opening (``Sgard, *Dictionnaire de la Presse*`` for
    Sgard's *Dictionnaire des Journaux*: CRDH's essay on the media of Old Regime France). None when
    the people have another entry: which one the rest meant is not told."""
    names = person_keys((*work.authors, *work.editors))
    cited = title_words(work.title)
    if not names or not cited:
        return None
    own = [index.records[i] for i in sorted(index.by_name(names))]
    if len(own) != 1 or title_words(own[0].title)[:1] != cited[:1]:
        return None
    return Match("matched", own[0].key, MATCH_THRESHOLD, ((own[0].key, MATCH_THRESHOLD),))


def _by_near_spelling(work: Work, index: BibIndex, locator: str | None) -> Match:
    """A scholar named in prose by a surname no entry has, one entry's surname alone being a near
    spelling of it ("(Phillips, 95)" for the "Phillis" a reference list prints: machiavelli,
    Metahistory): that surname's works, as if named right (CC204 reports the spelling)."""
    from rapidfuzz import fuzz, process

    if len(work.authors) != 1 or work.editors:
        return Match("unresolved")
    (name,) = person_keys(work.authors) or ("",)
    near = process.extract(name, index.by_surname.keys(), scorer=fuzz.ratio, score_cutoff=SURNAME_SIMILARITY, limit=2)
    if len(near) != 1:
        return Match("unresolved")
    surname = near[0][0]
    records = tuple(index.records[i] for i in sorted(index.by_surname[surname]))
    return match_by_name(replace(work, authors=(Person(surname),)), records, "mention", locator)


def by_given_name(work: Work, index: BibIndex, locator: str | None) -> Match:
    """A scholar named in prose by one name that no entry has as a surname but one listed author
    has as the whole given name: a classical or medieval author, listed by given name and epithet
    and cited by the name he is known by ("(Augustine, 6)" for "Hipponensis, Augustine":
    providential-history, Metahistory); that author's works, as if named by the surname. The
    caller makes sure the text never writes the name as a surname ("Joshua J. Mark")."""
    if len(work.authors) != 1 or work.editors or work.authors[0].given:
        return Match("unresolved")
    (name,) = person_keys(work.authors) or ("",)
    families = {family for record in index.records for given, family in record.given_names if given == name}
    if len(families) != 1:
        return Match("unresolved")
    (family,) = families
    return match(replace(work, authors=(Person(family),)), index, "mention", locator)


def by_initials(work: Work, index: BibIndex, locator: str | None) -> Match:
    """A body named in prose by its initials, perhaps with the last words of its name ("(UNT)" for
    the University of North Texas, "(UO Libraries)" for the University of Oregon Libraries, "(AACC
    …)" for the American Association of Community Colleges: labor and community college essays,
    Digital Pedagogy): the one listed body whose name they abbreviate; that body's works."""
    if len(work.authors) != 1 or work.editors:
        return Match("unresolved")
    (person,) = work.authors
    initials, *written = f"{person.given} {person.family}".split()
    if not (2 <= len(initials) <= 6 and initials.isalpha() and initials.isupper()):
        return Match("unresolved")
    bodies = {family for record in index.records for family in record.families if _abbreviates(initials, written, family)}
    if len(bodies) != 1:
        return Match("unresolved")
    return match(replace(work, authors=(Person(bodies.pop()),)), index, "mention", locator)


def _abbreviates(initials: str, written: list[str], body: str) -> bool:
    """Whether ``initials`` are the first letters of the capitalised words of ``body`` (its small
    words left out) and ``written`` its words after them; with none written, its first words ("UO"
    for "University of Oregon Libraries")."""
    words = [word for word in body.split() if word[:1].isupper()]
    if len(words) < len(initials) + len(written) or (written and len(words) != len(initials) + len(written)):
        return False
    return "".join(word[0] for word in words[: len(initials)]) == initials and words[len(initials) :][: len(written)] == written


class Disagreement(NamedTuple):
    """A field in which a cited source and its matched entry differ: ``field`` ("year",
    "author", "title"), the value in the note and the value in the entry."""

    field: str
    cited: str
    entry: str


def _has_word(word: str, words: frozenset[str]) -> bool:
    """``word`` is among ``words``, or abbreviates one ("hist" for "history"), or is a near
    spelling of one ("organisation" for "organization")."""
    from rapidfuzz import fuzz

    if word in words:
        return True
    for other in words:
        if len(word) >= 3 and other.startswith(word):
            return True
        if len(word) >= 5 and fuzz.ratio(word, other) >= SPELLING_SIMILARITY:
            return True
    return False


def _container_of(work: Work, record: EntryRecord) -> str | None:
    """The part's container as written, when the entry is the whole it is in: the entry's title
    opens with it (as :func:`in_listed_container` matches it, the body before a comma aside)."""
    if not work.container:
        return None
    title, short = _clean(record.title), _clean(record.short)
    for written in (work.container, work.container.partition(", ")[2]):
        if written and (_word_prefix(_clean(written), title) or _word_prefix(_clean(written), short)):
            return written
    return None


def disagreements(work: Work, record: EntryRecord) -> tuple[Disagreement, ...]:
    """Where a matched source and its entry disagree: a year the entry does not have (any of
    the entry's years counts, so a reprint cited by its first year agrees; "n.d." says
    nothing), surnames that are not the entry's, title words the entry's title lacks (a
    dropped subtitle is not a disagreement, an abbreviated word neither, an interview's
    description no title of the interview's entry). A part matched to the book it is in is
    compared as that book: its container and the people named for it."""
    found = []
    container = _container_of(work, record)
    if container is not None:  # a part matched to the book it is in is compared as that book
        work = replace(work, title=container, authors=work.editors, editors=())
    cited_years = years_in(work.year)
    if cited_years and record.years and not cited_years & record.years:
        found.append(Disagreement("year", work.year or "", record.year or ""))
    people = work.authors or work.editors
    given = {name for name, _ in record.given_names}
    strangers = [
        p.family for p in people
        if surname_key(p.family) not in record.all_surnames and (p.given or surname_key(p.family) not in given)
        and surname_key(f"{p.given} {p.family}") not in record.all_surnames
    ]  # an author named by a lone given name ("Augustine") is no stranger, nor a body read as a person's names
    if strangers and record.families:
        found.append(Disagreement("author", ", ".join(strangers), ", ".join(record.families)))
    # the title a note gives an interview is its description ("Interview by Ann Lage"), which the
    # bibliography words its own way ("The Artist as Environmental Advocate", an oral history)
    described = work.genre is not None and work.genre in record.genres
    # a paper's issue cited by its name, with the day and the people who wrote in it, names no title
    issue = (work.date is not None and bool(people) and bool(record.container)
             and fold(work.title or "") == fold(record.container))
    missing = set() if described or issue else {w for w in title_words(work.title) if not _has_word(w, record.words)}
    if missing:
        written = dict.fromkeys(w for w in _WORD.findall(work.title or "") if fold(w) in missing)
        found.append(Disagreement("title", " ".join(written), record.title))
    return tuple(found)
