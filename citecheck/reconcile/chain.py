"""Ibid., short forms and aliases linked to the earlier citation they stand for.

Chicago notes cite a work in full once and refer back to it afterwards: ``Ibid.`` means the
previous note's single source, a short form (``Dyck, Weimar Germany, 103``) the work cited in
full earlier, an alias (``Stalin, 7:12``) the work whose full citation declared it ("hereafter cited
as Stalin"). A back-reference that cannot be followed is a problem for the reader of the book:
an Ibid. with no single source before it (or at the head of a chapter, where the notes restart),
a short form before the work's full citation, an alias never declared.
"""

from __future__ import annotations

import bisect
import functools
import importlib
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

from citecheck.bib.normalize import fold
from citecheck.model import Citation, Document, Work
from citecheck.patterns import OnFirstUse, regex
from citecheck.reconcile.notes import QUOTED_IN

NOTE_KINDS = frozenset({"full", "short", "ibid", "alias"})
# A short title matches a full title it starts, or one it is nearly contained in (spelling, OCR).
TITLE_SIMILARITY = 88.0
SURNAME_SIMILARITY = 85.0
# Signs that a note cites something even when no source could be parsed from it: an imprint or a
# year in parentheses, a page range, a locator word, a publisher, an archival reference.
LOOKS_CITED = OnFirstUse(regex.compile,
    r"\([^()]*\b1[5-9]\d\d\b[^()]*\)|\d+\s*[-–]\s*\d+|\b(?:pp?|vol|fol|ll?|doc)\.\s*\d"
    r"|\b(?:Press|Verlag|fond|opis|delo)\b|\b[fd]\.\s*\d"
)
_CITING = OnFirstUse(regex.compile, r"(?<!\p{L})(?:citing|quoting)(?!\p{L})", regex.IGNORECASE)
_VOLUME_PAGE = OnFirstUse(regex.compile, r"(\d+):\d")
_LEADING_ARTICLE = OnFirstUse(regex.compile, r"^(?:the|a|an|der|die|das|le|la|les|il|el)\s+")
_NON_WORD = OnFirstUse(regex.compile, r"[^\p{L}\p{N}]+")
# Imported when a short form is first compared, not by every run (an import statement in the
# comparison cost a tenth of the linking on a book of title-only short forms).
_FUZZ = OnFirstUse(importlib.import_module, "rapidfuzz.fuzz")


class Link(NamedTuple):
    """A note citation and the earlier citation it refers to.

    ``antecedent``: for an Ibid., the source it repeats (followed through earlier Ibids to the
    citation that names the work); for a short form, the first full citation of the same work in
    the document; for an alias, the full citation that declared it; None for a full citation and
    whenever the reference cannot be followed (an Ibid. after a note whose citation could not be
    parsed has neither an antecedent nor a problem: the parser's gap is not the author's error),
    but for an Ibid. after a note of commentary alone, which has both: the problem, and the
    reader's guess (:func:`_last_single_work`). ``problem`` is None, "orphan-ibid",
    "short-before-full" or "undefined-alias"; ``reason`` explains it for the finding's message.
    """

    citation: Citation
    antecedent: Citation | None
    problem: str | None = None
    reason: str = ""


def link_citations(document: Document) -> tuple[Link, ...]:
    """One Link per note citation (full, short, ibid, alias) of ``document``, in note order."""
    by_note = _citations_by_note(document)
    where = {id(c): f"note {note.key}" for note, group in zip(document.notes, by_note) for c in group}
    fulls = _Fulls.of([c for group in by_note for c in group if c.kind == "full"], where)
    links: list[Link] = []
    roots: dict[int, Citation] = {}  # id(citation) -> the citation naming its work
    seen = 0  # how many full citations precede
    for index, (note, group) in enumerate(zip(document.notes, by_note)):
        in_note: list[Citation] = []
        for citation in group:
            if citation.kind == "full":
                link = Link(citation, None)
                seen += 1
            elif citation.kind == "ibid":
                link = _ibid(document, index, citation, in_note, by_note, roots)
            elif citation.kind == "short":
                link = _short(citation, seen, fulls)
            else:
                link = _alias(citation, seen, fulls)
            roots[id(citation)] = _root_of(link, roots)
            links.append(link)
            if not _is_quoted_original(document, citation):
                in_note.append(citation)
    return tuple(links)


def _citations_by_note(document: Document) -> list[list[Citation]]:
    """The note citations of each note of ``document`` (same order as ``document.notes``)."""
    ranges = sorted(
        ((note.span.path, note.parts[0].start if note.parts else note.span.start, index)
         for index, note in enumerate(document.notes)),
    )
    keys = [(path, start) for path, start, _ in ranges]
    groups: list[list[Citation]] = [[] for _ in document.notes]
    for citation in document.citations:
        if citation.kind not in NOTE_KINDS:
            continue
        position = bisect.bisect_right(keys, (citation.span.path, citation.span.start)) - 1
        if position >= 0 and ranges[position][0] == citation.span.path:
            groups[ranges[position][2]].append(citation)
    return groups


def _root_of(link: Link, roots: dict[int, Citation]) -> Citation:
    if link.antecedent is None:
        return link.citation
    return roots.get(id(link.antecedent), link.antecedent)


def _is_quoted_original(document: Document, citation: Citation) -> bool:
    """The letter or speech that a following "quoted in" source quotes: not what an Ibid. repeats."""
    for source in (document.source, *document.note_sources):
        if source.path == citation.span.path:
            return QUOTED_IN.match(source.text, citation.span.end) is not None
    return False


def _ibid(
    document: Document,
    index: int,
    citation: Citation,
    in_note: list[Citation],
    by_note: Sequence[Sequence[Citation]],
    roots: dict[int, Citation],
) -> Link:
    """Ibid. repeats the source just before it in the same note, or the previous note's single source."""
    if in_note:
        return Link(citation, roots.get(id(in_note[-1]), in_note[-1]))
    note = document.notes[index]
    here = f"note {note.key}"
    if index == 0:
        return Link(citation, None, "orphan-ibid", f"Ibid. in {here} has no note before it to refer to")
    previous_index = next((i for i in range(index - 1, -1, -1) if document.notes[i].text.strip()), None)
    if previous_index is None:  # only empty notes before it: CC107 reports those
        return Link(citation, None, "orphan-ibid", f"Ibid. in {here} has no note before it to refer to")
    previous = document.notes[previous_index]
    if previous.chapter != note.chapter and note.number is not None:
        # a restart of numbered notes; a symbol note (``*``, ``a``) is a chapter of its own only
        # to pair with its marker, and its Ibid. repeats the note before it (Democracy in America)
        return Link(
            citation, None, "orphan-ibid",
            f"Ibid. in {here} opens a chapter (the notes restart here): it cannot refer to the previous "
            f"chapter's note {previous.key}",
        )
    works = _works_of(document, by_note[previous_index], roots)
    if not works:
        if LOOKS_CITED.search(previous.text):
            return Link(citation, None)  # the note cites something the parser could not read: no finding
        return Link(
            citation, _last_single_work(document, index, previous_index, by_note, roots), "orphan-ibid",
            f"Ibid. in {here} follows note {previous.key}, which cites no source: Ibid. has nothing to repeat",
        )
    if len(works) > 1:
        return Link(
            citation, None, "orphan-ibid",
            f"Ibid. in {here} follows note {previous.key}, which cites {len(works)} works: "
            "Ibid. cannot say which",
        )
    return Link(citation, works[0])


def _works_of(document: Document, sources: Sequence[Citation], roots: dict[int, Citation]) -> list[Citation]:
    """The distinct works a note's sources name (each followed to the citation naming it)."""
    works: list[Citation] = []
    for source in sources:
        if _is_quoted_original(document, source) or (works and _cited_by(document, sources[0], source)):
            continue
        root = roots.get(id(source), source)
        if all(root is not w for w in works):
            works.append(root)
    return works


def _cited_by(document: Document, first: Citation, later: Citation) -> bool:
    """Whether ``later`` is what ``first`` cites: "citing" or "quoting" stands between them
    (2019-fall's Annales essay: ``Ibid., 91, citing George Huppert (…) and Georg C. Iggers' …``,
    whose Ibid. in the next note means the book, not the works it cites)."""
    if first.span.path != later.span.path or later.span.start <= first.span.end:
        return False
    for source in (document.source, *document.note_sources):
        if source.path == first.span.path:
            return _CITING.search(source.text, first.span.end, later.span.start) is not None
    return False


def _last_single_work(
    document: Document, index: int, previous_index: int, by_note: Sequence[Sequence[Citation]], roots: dict[int, Citation]
) -> Citation | None:
    """The reader's guess for an Ibid. after a note of commentary alone: the work of the nearest
    earlier note of the same chapter that cites any, when it cites one (2019-fall's Annales essay:
    ``Ibid., 93`` after a note on Lévi-Strauss means the book cited up to there). CC205 still
    reports the Ibid.; only its resolution follows the guess."""
    chapter = document.notes[index].chapter
    for earlier in range(previous_index - 1, -1, -1):
        if document.notes[earlier].chapter != chapter:
            return None
        works = _works_of(document, by_note[earlier], roots)
        if works:
            return works[0] if len(works) == 1 else None
    return None


@functools.lru_cache(maxsize=65536)
def _title_key(title: str | None) -> str:
    if not title:
        return ""
    return _NON_WORD.sub(" ", _LEADING_ARTICLE.sub("", fold(title))).strip()


def _surnames(work: Work | None) -> set[str]:
    if work is None:
        return set()
    return {fold(p.family) for p in (*work.authors, *work.editors) if p.family}


def same_work(short: Work | None, full: Work | None) -> bool:
    """Whether a short form names ``full``: a shared surname (allowing a misspelling: Weinberg and
    Weinburg) and a title it starts or nearly contains."""
    if short is None or full is None:
        return False
    return _same_work(short, _surnames(short), full, _surnames(full))


def _same_work(short: Work, names: set[str], full: Work, full_names: set[str]) -> bool:
    """:func:`same_work` with the surnames of both works already folded."""
    if names and not _share_a_surname(names, full_names):
        return False
    wanted, title = _title_key(short.title), _title_key(full.title)
    if not wanted:
        return bool(names)  # an author alone (``Tucker, op. cit., 45``)
    if not title:
        return False
    if f" {wanted} " in f" {title} ":  # the title's first words, or words inside it
        return True
    # nearly contained: the short title inside the full one, never a shorter full title inside the short one
    return 4 <= len(wanted) <= len(title) and _FUZZ.partial_ratio(wanted, title, score_cutoff=TITLE_SIMILARITY) > 0


def _share_a_surname(names: set[str], others: set[str]) -> bool:
    if names & others:
        return True
    return any(_FUZZ.ratio(name, other, score_cutoff=SURNAME_SIMILARITY) > 0 for name in names for other in others)


class _Fulls(NamedTuple):
    """The document's full citations in order, indexed by surname and by declared alias, with the
    note each stands in (``where``: "note 12") for messages."""

    ordered: tuple[Citation, ...]
    by_surname: dict[str, tuple[int, ...]]
    by_alias: dict[str, tuple[int, ...]]
    where: dict[int, str]
    surnames: tuple[set[str], ...]  # of each full citation's work, folded once (a short form is tried on many)
    title_lengths: tuple[int, ...]  # the length of each one's title key, ascending
    by_title_length: tuple[int, ...]  # the positions in that order
    titles: tuple[str, ...]  # the title key of each

    @classmethod
    def of(cls, fulls: Sequence[Citation], where: dict[int, str]) -> _Fulls:
        by_surname: dict[str, list[int]] = {}
        by_alias: dict[str, list[int]] = {}
        surnames = tuple(_surnames(full.work) for full in fulls)
        for position, full in enumerate(fulls):
            for name in surnames[position]:
                by_surname.setdefault(name, []).append(position)
            if full.work is not None and full.work.alias:
                by_alias.setdefault(fold(full.work.alias), []).append(position)
        titles = tuple(_title_key(full.work.title if full.work else None) for full in fulls)
        lengths = sorted((len(title), p) for p, title in enumerate(titles))
        return cls(tuple(fulls), {k: tuple(v) for k, v in by_surname.items()},
                   {k: tuple(v) for k, v in by_alias.items()}, where, surnames,
                   tuple(length for length, _ in lengths), tuple(p for _, p in lengths), titles)

    def names(self, work: Work | None, names: set[str], position: int) -> bool:
        """Whether ``work`` (a short form whose folded surnames are ``names``) names the full
        citation at ``position`` (:func:`same_work`)."""
        full = self.ordered[position].work
        return work is not None and full is not None and _same_work(work, names, full, self.surnames[position])

    def note_of(self, position: int) -> str:
        return self.where.get(id(self.ordered[position]), "a later note")

    def candidates(self, work: Work | None) -> list[int]:
        """The full citations that may be ``work``: by surname; else, for a misspelt surname, those
        with a similar one (no other passes :func:`same_work`'s surname test), found in one call
        over the surnames; for a work that names no one, those whose title passes its title test
        (:func:`_titled_alike`)."""
        names = _surnames(work)
        if not names:
            return self._titled_alike(_title_key(work.title if work else None))
        found = sorted({p for name in names for p in self.by_surname.get(name, ())})
        if found or not self.by_surname:
            return found  # with no full citation by a named author none is similar: rapidfuzz is not imported
        from rapidfuzz import fuzz, process

        similar = {key for name in names for key, _, _ in process.extract(
            name, list(self.by_surname), scorer=fuzz.ratio, score_cutoff=SURNAME_SIMILARITY, limit=None)}
        return sorted({p for key in similar for p in self.by_surname[key]})

    def _titled_alike(self, wanted: str) -> list[int]:
        """The positions, in order, of the full citations whose title key holds the words of
        ``wanted`` or nearly contains it (:func:`same_work`'s title test), none for no title (a work
        with neither names nor a title names no work). Only titles no shorter than ``wanted`` can
        (trying every full citation made a book of title-only short forms quadratic), and those
        nearly containing it are found in one call over them (one call each was most of the linking)."""
        if not wanted:
            return []
        positions = sorted(self.by_title_length[bisect.bisect_left(self.title_lengths, len(wanted)) :])
        titles = [self.titles[position] for position in positions]
        near: set[int] = set()
        if len(wanted) >= 4 and titles:  # no title, none near (and rapidfuzz not imported)
            from rapidfuzz import process

            near = {index for _, _, index in process.extract(
                wanted, titles, scorer=_FUZZ.partial_ratio, score_cutoff=TITLE_SIMILARITY, limit=None)}
        return [position for index, position in enumerate(positions)
                if index in near or f" {wanted} " in f" {titles[index]} "]


def _short(citation: Citation, seen: int, fulls: _Fulls) -> Link:
    """A short form stands for the first earlier full citation of the same work (``seen`` of them precede it)."""
    candidates = fulls.candidates(citation.work)
    earlier = [p for p in candidates if p < seen]
    if citation.work is not None and not citation.work.title:
        return _author_alone(citation, earlier, fulls)
    names = _surnames(citation.work)
    found = next((p for p in earlier if fulls.names(citation.work, names, p)), None)
    if found is not None and _spelt_otherwise(citation.work, fulls.ordered[found].work):
        found = next((p for p in earlier if p > found and fulls.names(citation.work, names, p)
                      and not _spelt_otherwise(citation.work, fulls.ordered[p].work)), None)
        if found is None:
            # the full citations it names write its title with other accents: another edition's
            # (Piganiol de La Force's *Nouvelle description des châteaux …* of 1717 after the
            # *chateaux* of 1701 in one note: CRDH's essay on Louis XIV's apartment), asked of the bibliography
            return Link(citation, None)
    if found is None and names:
        found = _authorless_of_the_title(citation.work, names, earlier_than=seen, fulls=fulls)
    if found is not None:
        return Link(citation, fulls.ordered[found])
    later = next((p for p in candidates if p >= seen and fulls.names(citation.work, names, p)), None)
    here = f"short form '{citation.text}' in {fulls.where.get(id(citation), 'a note')}"
    if later is not None:
        reason = f"{here} comes before the work's full citation in {fulls.note_of(later)}"
    else:
        reason = f"{here} comes before any full citation of the work"
    return Link(citation, None, "short-before-full", reason)


def _authorless_of_the_title(work: Work, names: set[str], earlier_than: int, fulls: _Fulls) -> int | None:
    """The first earlier full citation naming no author whose title the short form gives, word for
    word, and that holds the short form's surname in the collection or imprint it names: an item in
    a person's papers, whose author the prose of its note named (``Blackmore also advertised … in
    "Southern Colorado and Its Resources: A New Field for English Emigrants," William Blackmore
    Land Records``, then ``Blackmore, "Southern Colorado …"``: CRDH v03-06, notes 3 and 26). A
    title alone is no evidence: a booster's brochure and a historian's article may share one
    (``"Valley of Heart's Delight"``: Jason Heppler's dissertation, chapter 2)."""
    wanted = _title_key(work.title)
    for position in fulls._titled_alike(wanted):
        full = fulls.ordered[position].work
        if position >= earlier_than or fulls.surnames[position] or fulls.titles[position] != wanted or full is None:
            continue
        if names & set(_title_key(f"{full.container or ''} {full.publisher or ''}").split()):
            return position
    return None


def _written(title: str | None) -> list[str]:
    """The words of a title as written, case aside but accents kept."""
    return _NON_WORD.sub(" ", unicodedata.normalize("NFC", title or "").casefold()).split()


def _spelt_otherwise(short: Work | None, full: Work | None) -> bool:
    """Whether a short form writes a word of the full citation's title otherwise, accents kept
    (``châteaux`` for ``chateaux``): two editions may differ by nothing else. Asked only where
    either title has a letter beyond ASCII."""
    if short is None or full is None or (short.title or "").isascii() and (full.title or "").isascii():
        return False
    words = set(_written(full.title))
    return any(word not in words for word in _written(short.title))


def _author_alone(citation: Citation, earlier: list[int], fulls: _Fulls) -> Link:
    """An author with a locator and no title (``Tucker, op. cit., 45``, ``Wu et al., 7``,
    ``Stalin, 12:246``) stands for the author's one work cited before; among several, for the one
    whose volume count admits the volume cited. Never for "the latest work by that surname":
    when the text cannot tell, there is no antecedent, and the bibliography is asked instead."""
    works: dict[str, int] = {}
    names = _surnames(citation.work)
    for position in earlier:
        work = fulls.ordered[position].work
        if fulls.names(citation.work, names, position):
            works.setdefault(_title_key(work.title if work else None), position)
    if not works:
        here = f"short form '{citation.text}' in {fulls.where.get(id(citation), 'a note')}"
        return Link(citation, None, "short-before-full", f"{here} comes before any full citation of the author's work")
    choices = list(works.values())
    volume = _cited_volume(citation)
    if len(choices) > 1 and volume is not None:
        choices = [p for p in choices if _admits_volume(fulls.ordered[p].work, volume)]
    return Link(citation, fulls.ordered[choices[0]] if len(choices) == 1 else None)


def _cited_volume(citation: Citation) -> int | None:
    """The volume a citation names: ``vol. 12`` in its work, or the ``12`` of a ``12:246`` locator."""
    volume = citation.work.volume if citation.work is not None else None
    if volume is None and citation.locator:
        found = _VOLUME_PAGE.match(citation.locator)
        volume = found.group(1) if found else None
    return int(volume) if volume is not None and volume.isdigit() else None


def _admits_volume(work: Work | None, volume: int) -> bool:
    """Whether a work cited as ``work`` has a volume ``volume``: its count of volumes reaches it
    (``13 vols.``), or it is cited as that very volume; a work with no volumes has none."""
    if work is None:
        return False
    if work.volumes is not None and work.volumes.isdigit():
        return volume <= int(work.volumes)
    return work.volume is not None and work.volume == str(volume)


def _alias(citation: Citation, seen: int, fulls: _Fulls) -> Link:
    """An alias stands for the full citation that declared it ("hereafter cited as X")."""
    name = citation.work.alias if citation.work is not None else None
    positions = fulls.by_alias.get(fold(name or ""), ())
    earlier = [p for p in positions if p < seen]
    if earlier:
        return Link(citation, fulls.ordered[earlier[0]])
    here = f"'{name}' in {fulls.where.get(id(citation), 'a note')}"
    if positions:
        declared = fulls.note_of(positions[0])
        reason = f"{here} is used before it is declared (\"hereafter cited as {name}\" in {declared})"
    else:
        reason = f"{here} reads as a short name for a work, but no note declares it (\"hereafter cited as {name}\")"
    return Link(citation, None, "undefined-alias", reason)
