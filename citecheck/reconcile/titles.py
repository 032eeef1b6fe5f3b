"""Notes read again once the bibliography is known: the titles and addresses no form revealed.

The note parser (:mod:`.notes`) finds a source by its form: authors, a quoted or emphasised
title, an imprint. A note that cites a work by its title alone in plain type ("Traditions and
Trajectories in the Historiography of European Witch Hunting p. 78-79", as students write them),
or a page by its bare address, has no form it knows and gives nothing. Here such a note (one
the parser found no source in) is searched for the titles of the bibliography's entries
(:func:`.match.titles_in`): each title found is a ``short`` citation, a short form by title; a
note that is nothing but a web address is a ``full`` citation of that page, matched on the
entries' ``url`` and ``doi``. Both are then resolved like every other source.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections.abc import Callable

from citecheck.model import Citation, Document, Note, Work
from citecheck.patterns import OnFirstUse
from citecheck.reconcile.index import BibIndex, dois_in, has_title_words, may_hold_shelfmark, shelfmarks_in
from citecheck.reconcile.match import Match, match_by_address, titles_in
from citecheck.reconcile.notes import text_offsets
from citecheck.source import Span

# A note that is a web address and nothing else (angle brackets and a final stop aside).
_ADDRESS_ALONE = OnFirstUse(re.compile, r"^<?(?P<address>https?://[^\s<>]+?)>?[.;]?$")


def with_title_sources(document: Document, index: Callable[[], BibIndex]) -> tuple[Document, frozenset[Citation]]:
    """``document`` with the sources found by title in its notes' text outside the sources
    parsed there, or by the address a note consists of; and those sources. ``index`` gives the
    bibliography's index, asked for only when a note has room for a title (building it costs
    a pass over every entry, which a note such as "A note." must not pay)."""
    spans: dict[str, list[Span]] = {}
    for citation in document.citations:
        spans.setdefault(citation.span.path, []).append(citation.span)
    starts: dict[str, list[int]] = {}
    for path, found in spans.items():
        found.sort(key=lambda span: span.start)
        starts[path] = [span.start for span in found]
    texts = {source.path: source.text for source in (document.source, *document.note_sources)}
    added: list[Citation] = []
    for note in document.notes:
        paths = {part.path for part in note.parts}
        path = paths.pop() if len(paths) == 1 else None
        if path in texts:
            parsed = [span for part in note.parts for span in _inside(spans.get(path, []), starts.get(path, []), part)]
            if not parsed or _room_for_a_title(texts[path], note.parts, parsed):
                added.extend(_note_sources(note, path, texts[path], index, parsed))
    if not added:
        return document, frozenset()
    citations = sorted((*document.citations, *added), key=lambda c: (c.span.path != document.source.path, c.span.path, c.span.start))
    return dataclasses.replace(document, citations=tuple(citations)), frozenset(added)


def _inside(spans: list[Span], starts: list[int], part: Span) -> list[Span]:
    """The citation spans (sorted, ``starts`` their starts) that start inside ``part``."""
    first = bisect.bisect_left(starts, part.start)
    last = bisect.bisect_left(starts, max(part.end, part.start + 1), first)
    return spans[first:last]


def _room_for_a_title(file_text: str, parts: tuple[Span, ...], parsed: list[Span]) -> bool:
    """Whether the text of ``parts`` outside the ``parsed`` spans holds two title words or more."""
    gaps = []
    for part in parts:
        at = part.start
        for span in parsed:
            if part.start <= span.start < part.end:
                gaps.append(file_text[at : span.start])
                at = max(at, span.end)
        gaps.append(file_text[at : part.end])
    return has_title_words(" ".join(gaps), 2)


def _note_sources(note: Note, path: str, file_text: str, index: Callable[[], BibIndex], parsed: list[Span]) -> list[Citation]:
    """The titles of entries found in ``note``'s text outside the sources ``parsed`` in it, or,
    when none was, the address it consists of."""
    text = note.text.strip()
    # mapped when a source is found or was parsed: most notes of a book need no offset
    offsets = functools.cache(lambda: text_offsets(note, file_text))

    def citation(kind: str, start: int, end: int, work: Work) -> Citation | None:
        mapped = [o for o in offsets()[start:end] if o is not None]
        if not mapped:
            return None
        return Citation(kind, note.text[start:end], Span(path, mapped[0], mapped[-1] + 1), note=note.number, work=work)

    address = None if parsed else _ADDRESS_ALONE.match(text)
    if address is not None:
        lead = note.text.find(text[:1])
        found = citation("full", lead + address.start("address"), lead + address.end("address"), Work(url=address.group("address")))
        return [found] if found else []
    outside = _outside(note.text, offsets() if parsed else [], parsed)
    shelfmarks = shelfmarks_in(outside, index()) if may_hold_shelfmark(outside) else []
    by_number = [citation("full", start, end, Work()) for start, end, _ in shelfmarks]
    if not has_title_words(outside, 2):  # no title of two words or more can stand there
        return [found for found in by_number if found is not None]
    sources = []
    found_titles = titles_in(outside, index())
    spans = {(title.start, title.end) for title in found_titles}
    for title in found_titles:
        if _in_lower_case_unlike_its_entries(note.text[title.start : title.end], title.match, index()):
            continue
        if _inside_a_longer_name(note.text, title.start, title.end):
            continue
        if _among_names(note.text, title.start, title.end, spans):
            continue
        if _owner_of_what_follows(note.text, title.end):
            continue
        found = citation("short", title.start, title.end, Work(title=note.text[title.start : title.end]))
        if found is not None:
            sources.append(found)
    sources = sorted((*sources, *(found for found in by_number if found is not None)), key=lambda c: c.span.start)
    if not sources and not parsed:  # a note in a form nothing reads, with an entry's DOI or address in it
        sources = [found for found in _doi_sources(note.text, index(), citation) if found is not None]
    if not sources and not parsed:
        sources = [found for found in _address_sources(note.text, index(), citation) if found is not None]
    return sources


def _in_lower_case_unlike_its_entries(written: str, match: Match, index: BibIndex) -> bool:
    """Whether a title found in plain text opens in lower case where every entry it matches opens
    with a capital: words of the prose (``The literature on space and place is vast``, Jason
    Heppler's dissertation, is no citation of Tuan's *Space and Place*), not a title written as
    its entry writes it (``pandas.Series``)."""
    if not written[:1].islower():
        return False
    keys = [key for key, _ in match.candidates] or [match.key]
    records = [index.record(key) for key in keys if key]
    return bool(records) and all(record is not None and record.title[:1].isupper() for record in records)


# The word after a title found in plain type, when it is a word of prose: three letters or more in
# lower case that no citation puts after a title (not a preposition, a conjunction, a locator word);
# and the capitalized word before it, not a possessive.
_NEXT_WORD = OnFirstUse(re.compile, r"[*_”\"’]*[ \t\n]+([a-z]{3,}|is)\b")
_AFTER_A_CITED_TITLE = frozenset(
    "and for from with the see also ed eds edited trans translated vol vols pp passim repr reprinted rev".split()
)
_CAPITAL_WORD_BEFORE = OnFirstUse(re.compile, r"(?<![\w'’])[A-Z][\w-]*[ \t\n]+$")
# A capitalized word right after a title found in plain type, no number after it: the title is the
# start of a longer name.
_NAME_GOES_ON = OnFirstUse(re.compile, r"[ \t]+[A-Z](?:[a-z]+|[A-Z]+)(?![\w'’.-]*[ \t]+\d)(?=[^\w'’])")
# Where a sentence opens after another: its stop and the blank after it.
_SENTENCE_OPENS = OnFirstUse(re.compile, r"[a-z0-9)][.!?][ \t\n]+$")


def _inside_a_longer_name(text: str, start: int, end: int) -> bool:
    """Whether a title found in plain type is part of a longer name in a sentence: a capitalized
    word right before it, a word of prose right after it (``the Library of Congress Chronicling
    America database with the terms``, CRDH's essay on the Russian flu, whose bibliography lists
    the database as *Chronicling America*): the name of the thing used, not a citation. So is one
    opening a sentence, a word of prose after it (``The Royal African Company followed a series
    …``, CRDH's essay on the Royal African Company, which lists Davies's book of that title). So
    is one a capitalized word continues (``San Jose Chamber of Commerce``, ``*San Jose Mercury*``,
    ``Stanford Oral History Project``, ``the San Jose CSO``: Jason Heppler's dissertation, whose
    bibliography has *San Jose: Sprawling City*), unless a number follows that word (``Box 3``, ``Vol 2``).
    The note's start opens a sentence too, a closing mark may stand between the title and the word
    after it, and "is" is a word of prose (``*Swamp People* is an occupational reality television
    series …``: CRDH's essay on the History channel, which lists the show's page "Swamp People: About")."""
    if _NAME_GOES_ON.match(text, end) is not None:
        return True
    following = _NEXT_WORD.match(text, end)
    if following is None or following.group(1) in _AFTER_A_CITED_TITLE:
        return False
    if not text[:start].strip(" \t\n*_“\"‘"):
        return True  # it opens the note: ``*Swamp People* is an occupational reality television series`` (CRDH's essay on the History channel)
    return any(pattern.search(text, max(0, start - 40), start) is not None for pattern in (_CAPITAL_WORD_BEFORE, _SENTENCE_OPENS))


# A possessive right after a title found in plain type: ``Fra Angelico's *Annunciation*``.
_POSSESSIVE_AFTER = OnFirstUse(re.compile, r"['’]s(?![\w'’])")


def _owner_of_what_follows(text: str, end: int) -> bool:
    """Whether a title found in plain type is a possessive (``Fra Angelico's *Annunciation*
    fresco``, CRDH's essay on Lippi's thresholds, whose bibliography has *Fra Angelico at San
    Marco* and *Fra Angelico: dissemblance et figuration*): the name of who or what owns the
    thing named after it, a painter or a place, not a citation of the work."""
    return _POSSESSIVE_AFTER.match(text, end) is not None


# A name in plain type: two to five words, each opening with a capital ("Mary Lee Pugh Hope"); the
# same ending where a list's separator begins, or beginning where one ends; and a list's separator.
_NAME = OnFirstUse(re.compile, r"[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){1,4}")
_NAME_BEFORE = OnFirstUse(re.compile, r"(?<![\w'’.*_\]\[-])[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){1,4}$")
_SEPARATOR_BEFORE = OnFirstUse(re.compile, r"(?:,[ \t\n]+(?:and[ \t\n]+)?|[ \t\n]+and[ \t\n]+)$")
_SEPARATOR_AFTER = OnFirstUse(re.compile, r",?[ \t\n]+and[ \t\n]+|,[ \t\n]+")


def _among_names(text: str, start: int, end: int, titles: set[tuple[int, int]]) -> bool:
    """Whether a title found in plain type that reads as a name (``Paul Thomas Harris``, an
    entry's title: a web page on that person) is one item of a list of names in a sentence, some
    of which no entry is titled (``The fourteen are Elijah Able, Marie Graves, Marinda Redd
    Bankhead, …, Paul Thomas Harris, Len Hope, …, and Nelson Holder Ritchie``, CRDH's essay on a
    century of black Mormons): the people, not the pages on them. A list joined by "and"; names
    apart by commas alone may be a citation's parts (``… Park Library, Talk-Back Board Collection,
    Seneca Falls, NY``). ``titles`` are the (start, end) of every title found."""
    if _NAME.fullmatch(text, start, end) is None:
        return False
    items, joined = [], False
    at = start
    while (separator := _SEPARATOR_BEFORE.search(text, max(0, at - 12), at)) is not None:
        name = _NAME_BEFORE.search(text, max(0, separator.start() - 80), separator.start())
        if name is None:
            break
        items.append((name.start(), name.end()))
        joined = joined or "and" in separator.group()
        at = name.start()
    at = end
    while (separator := _SEPARATOR_AFTER.match(text, at)) is not None:
        name = _NAME.match(text, separator.end())
        if name is None:
            break
        items.append((name.start(), name.end()))
        joined = joined or "and" in separator.group()
        at = name.end()
    return joined and any(item not in titles for item in items)


def _doi_sources(text: str, index: BibIndex, citation: Callable[..., Citation | None]) -> list[Citation | None]:
    """The DOIs in a note that name one entry each, as sources (``Schmitz, Jascha Merijn:
    Simulation. In: AG … (Hg.): Begriffe der Digital Humanities. … Wolfenbüttel 2023. …
    https://doi.org/10.17175/wp_2023_011_v2``: a German form the parser does not read, in the
    agent-based simulation lesson, Programming Historian)."""
    return [
        citation("full", start, end, Work(url=doi))
        for start, end, doi in dois_in(text)
        if match_by_address(doi, index).status == "matched"
    ]


# A web address in a note's text, up to a blank, an angle bracket or a bracket.
_ADDRESS = OnFirstUse(re.compile, r"https?://[^\s<>()\[\]]+")


def _address_sources(text: str, index: BibIndex, citation: Callable[..., Citation | None]) -> list[Citation | None]:
    """The addresses in a note that are one entry's ``url`` each, as sources (``U.S. Census
    Bureau, Census 1920, Population and Housing, Virginia, <https://www.census.gov/prod/www/
    decennial.html>, accessed October 2017.``, a form the parser does not read: CRDH's essay on
    Virginia's reform schools, whose bibliography lists the census at that address)."""
    found = []
    for match in _ADDRESS.finditer(text):
        address = match.group().rstrip(".,;:")
        if match_by_address(address, index).status == "matched":
            found.append(citation("full", match.start(), match.start() + len(address), Work(url=address)))
    return found


def _outside(text: str, offsets: list[int | None], parsed: list[Span]) -> str:
    """``text`` with every character that stands inside a parsed source blanked (same length)."""
    if not parsed:
        return text
    inside = {offset for span in parsed for offset in range(span.start, span.end)}
    return "".join(" " if offset is not None and offset in inside else char for char, offset in zip(text, offsets))


def notes_of(document: Document) -> dict[Citation, int]:
    """For each citation standing in a note, the note's position in ``document.notes``."""
    parts = sorted((part.path, part.start, part.end, position) for position, note in enumerate(document.notes) for part in note.parts)
    keys = [(path, start) for path, start, _, _ in parts]
    found = {}
    for citation in document.citations:
        at = bisect.bisect_right(keys, (citation.span.path, citation.span.start)) - 1
        if at >= 0 and parts[at][0] == citation.span.path and citation.span.start < max(parts[at][2], parts[at][1] + 1):
            found[citation] = parts[at][3]
    return found
