"""CC2xx: citations against the bibliography.

Every rule reads ``Context.reconciliation`` (each citation resolved once, by the reconcile stage
before the rules run, see :mod:`citecheck.reconcile.resolve`), so matching is done once for all
of them. Without a
bibliography there is nothing to check a citation against, and none of these rules reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from citecheck.bib.backend import BIBER
from citecheck.bib.model import Bibliography
from citecheck.diagnostics import Finding, Fix
from citecheck.model import Citation, Work
from citecheck.patterns import OnFirstUse
from citecheck.reconcile.index import decode
from citecheck.reconcile.match import Disagreement, disagreements
from citecheck.reconcile.resolve import Resolution
from citecheck.rules import Context, rule
from citecheck.source import Span

# The keys knitr::write_bib gives the packages it writes (its knitr.bib.prefix option's default).
WRITE_BIB_PREFIX = "R-"
# A "did you mean" is offered only for a key at least this similar (rapidfuzz ratio, 0-100).
SUGGESTION_CUTOFF = 60.0
# CC202 names the closest entry it considered when it scored at least this: a near miss worth
# a look (a garbled title, a wrong author), not a title that merely shares a word.
CLOSEST_SHOWN = 50.0


def _closest_key(key: str, bibliography: Bibliography) -> str | None:
    """The existing key most like ``key`` (ignoring case), or None when none is close."""
    from rapidfuzz import fuzz, process  # imported for a key not found, not by every run

    keys = list(bibliography.by_key)
    found = process.extractOne(
        key.casefold(), keys, scorer=fuzz.ratio, processor=str.casefold, score_cutoff=SUGGESTION_CUTOFF
    )
    return found[0] if found else None


def _key_resolutions(context: Context) -> Iterator[tuple[Resolution, str]]:
    """Each resolution of a written key (``key`` and ``nocite`` citations), with the key as written."""
    if context.bibliography is None:
        return
    for resolution in context.reconciliation.resolutions:
        citation = resolution.citation
        if citation.kind in ("key", "nocite") and citation.key:
            yield resolution, citation.key


def _replacing(citation: Citation, written: str, key: str) -> Fix | None:
    """The fix that writes ``key`` for ``written``, when the citation's span is the key alone."""
    return Fix(f"use '{key}'", key) if citation.span.end - citation.span.start == len(written) else None


@rule("CC201")
def unknown_key(context: Context) -> Iterator[Finding]:
    """A citation key that is not in the bibliography.

    A ``[@key]``, ``\\cite{key}`` or ``\\nocite{key}`` whose key names no entry: Pandoc and
    BibTeX print "???" or a bold key in its place, and the reader gets no source. Keys are
    compared exactly, then as an ``ids`` alias of an entry, then ignoring case (CC211 reports
    that one). An ``ids`` alias counts only under biber (``backend`` in the configuration, or
    a document that loads biblatex): BibTeX and Pandoc do not read ``ids``. The message
    proposes the closest existing key, a likely typo.

    A key ``R-<package>`` is not checked while the bibliography ``knitr::write_bib`` writes when
    the book is built (bookdown's packages.bib) is not there yet.

    Example: ``[@tucker1937]`` when the bibliography has ``tucker1973``: "unknown key
    'tucker1937': did you mean 'tucker1973'?"
    """
    bibliography = context.bibliography
    if bibliography is None:
        return
    biber = context.backend == BIBER
    for resolution, written in _key_resolutions(context):
        citation = resolution.citation
        if context.unbuilt and written.startswith(WRITE_BIB_PREFIX):
            continue  # an entry of the packages.bib knitr writes when the book is built
        if resolution.status == "matched":
            if biber or resolution.key == written or bibliography.entry(written) is not None:
                continue
            owner = bibliography.aliases.get(written)
            if owner is not None and owner.key == resolution.key:
                message = f"unknown key '{written}': it is an ids alias of '{owner.key}', and only biber reads ids"
                yield Finding(citation.span, message, _replacing(citation, written, owner.key))
            continue
        if resolution.status != "unknown-key":
            continue
        suggestion = _closest_key(written, bibliography)
        if suggestion is None:
            yield Finding(citation.span, f"unknown key '{written}': no entry has it")
            continue
        message = f"unknown key '{written}': did you mean '{suggestion}'?"
        yield Finding(citation.span, message, _replacing(citation, written, suggestion))


@rule("CC211")
def key_case_mismatch(context: Context) -> Iterator[Finding]:
    """A citation key that names an entry only when case is ignored.

    Why: biber compares keys exactly, so the citation finds no entry and prints as its key;
    BibTeX finds the entry but reports a "case mismatch error"; Pandoc finds nothing. The
    citation is still counted as citing the entry (CC307 does not call it unused), and the
    fix writes the key as the entry has it. An ``ids`` alias in the citation's case is no
    mismatch.

    Example: ``\\cite{Knuth1984}`` when the bibliography has ``@book{knuth1984, ...}``: "key
    'Knuth1984' differs from the entry's key 'knuth1984' only in case".
    """
    bibliography = context.bibliography
    if bibliography is None:
        return
    for resolution, written in _key_resolutions(context):
        key = resolution.key
        if resolution.status != "matched" or key is None or key == written or written in bibliography.aliases:
            continue
        if key.casefold() == written.casefold():
            message = f"key '{written}' differs from the entry's key '{key}' only in case"
            yield Finding(resolution.citation.span, message, _replacing(resolution.citation, written, key))


def _sources(context: Context) -> Iterator[Resolution]:
    """The resolutions made by matching a note source itself: full citations, and short forms
    with no earlier citation to go through (the others share their antecedent's outcome, which
    is reported once, where it was decided)."""
    if context.bibliography is None:
        return
    for resolution in context.reconciliation.resolutions:
        if resolution.citation.kind in ("full", "short") and resolution.antecedent is None:
            yield resolution


def _described(work: Work | None, fallback: str) -> str:
    """A parsed source as a message quotes it: Author, "Title" (Year)."""
    if work is None:
        return f"'{fallback}'"
    people = work.authors or work.editors
    parts = [", ".join(p.family for p in people)] if people else []
    if work.title:
        parts.append(f'"{work.title}"')
    text = ", ".join(parts) or f"'{fallback}'"
    return f"{text} ({work.year})" if work.year else text


def _scores(candidates: tuple[tuple[str, float], ...]) -> str:
    return ", ".join(f"{key} ({score:.0f})" for key, score in candidates)


@rule("CC202")
def unresolved_source(context: Context) -> Iterator[Finding]:
    """A note cites a work that no bibliography entry matches.

    A full citation, or a short form with no full citation before it, whose author and title
    fit no entry: the work is missing from the bibliography (or cited so differently that it
    cannot be recognised). Readers of the book will not find it in the bibliography.
    ``citecheck suggest`` writes a draft entry for each. The closest entry considered is named
    with its score (0-100; a source matches from 80, ``MATCH_THRESHOLD`` in
    ``citecheck.reconcile.match``) when it came close.

    Example: ``12. E. H. Carr, The Bolshevik Revolution (London: Macmillan, 1950), 1:45.`` with
    no Carr entry: 'no bibliography entry matches Carr, "The Bolshevik Revolution" (1950)'.
    """
    for resolution in _sources(context):
        if resolution.status != "unresolved":
            continue
        citation = resolution.citation
        message = f"no bibliography entry matches {_described(citation.work, citation.text)}"
        if resolution.candidates and resolution.candidates[0][1] >= CLOSEST_SHOWN:
            key, score = resolution.candidates[0]
            message += f" (closest: {key}, score {score:.0f})"
        yield Finding(citation.span, message)


@rule("CC203")
def ambiguous_source(context: Context) -> Iterator[Finding]:
    """A note source fits several bibliography entries equally well.

    Two editions of a book cited without a year, two volumes cited by their shared main title,
    or the same work entered twice: the reader cannot tell which is meant, and neither can
    citecheck. The message names every candidate with its score (0-100); give the year or the
    full title in the note, or merge duplicate entries.

    Example: ``Kotkin, Stalin, 212.`` with both ``kotkin2014`` ("Stalin: Paradoxes of Power")
    and ``kotkin2017`` ("Stalin: Waiting for Hitler"): 'Kotkin, "Stalin" fits several entries:
    kotkin2014 (100), kotkin2017 (100)'.
    """
    for resolution in _sources(context):
        if resolution.status == "ambiguous":
            citation = resolution.citation
            described = _described(citation.work, citation.text)
            yield Finding(citation.span, f"{described} fits several entries: {_scores(resolution.candidates)}")


# The citations CC204 compares with their entry, by the outcomes it compares them in: a full note
# matched, a name in prose matched or resolved to its scholar (a best guess among the works).
_COMPARED = {"full": ("matched",), "mention": ("matched", "author")}


@rule("CC204")
def field_mismatch(context: Context) -> Iterator[Finding]:
    """A full citation disagrees with the entry it matches: year, author or title words; a name
    in prose, by the spelling of the surname ("(Phillips, 95)" matched to ``phillis1979``).

    The note and the bibliography describe the same work differently, so one of them is wrong:
    a misprinted year, a misspelt name, a title word that is not in the title. Each field is a
    finding of its own, giving both values. Allowed: a note that drops the subtitle, abbreviates
    a word, gives no date ("n.d."), or cites a reprint by its original year when the entry has
    it (``origyear``, ``origdate``).

    Example: ``Harvey L. Dyck, Weimar Germany and Soviet Russia (London, 1966)`` against
    ``dyck1966`` with ``year = 1967``: "year 1966 in the note, 1967 in the entry (dyck1966)".
    """
    index = context.reconciliation.index if context.bibliography is not None else None
    if index is None:
        return  # no source was matched against the bibliography
    for resolution in context.reconciliation.resolutions:
        citation = resolution.citation
        kept = _COMPARED.get(citation.kind, ()) if resolution.antecedent is None else ()
        if resolution.status not in kept or citation.work is None or resolution.by_title_in_text:
            continue  # (matched by its title standing in the text: the parsed fields were misread)
        record = index.record(resolution.key)
        if record is not None:
            for found in disagreements(citation.work, record):
                if citation.kind == "full":
                    yield Finding(_field_span(citation, found), _disagreement_message(found, record.key))
                elif found.field == "author":  # prose gives a name, not the work's year or title
                    yield Finding(_field_span(citation, found), f"author {found.cited} in the text, {found.entry} in the entry ({record.key})")


def _field_span(citation: Citation, found: Disagreement) -> Span:
    """Where the disagreeing value stands in the citation (the year, the surname), when it is
    written there exactly once; else the whole citation."""
    span, text = citation.span, citation.text
    if found.field == "title" or span.end - span.start != len(text) or text.count(found.cited) != 1:
        return span
    start = span.start + text.index(found.cited)
    return Span(span.path, start, start + len(found.cited))


def _disagreement_message(found: Disagreement, key: str) -> str:
    if found.field == "title":
        return f"title words '{found.cited}' in the note are not in the entry's title '{found.entry}' ({key})"
    return f"{found.field} {found.cited} in the note, {found.entry} in the entry ({key})"


@rule("CC208")
def unlisted_author(context: Context) -> Iterator[Finding]:
    """The prose attributes an argument to a scholar who has no entry in the bibliography.

    Essays often cite by name ("As Preston argues", "(Conquest 1968)"): such an attribution
    is a citation, and the reader expects to find the scholar's work in the bibliography. Only
    names the text presents as sources count; a person who is merely named in the history
    is never reported.

    Example: "As Paul Preston argues, the war ..." with no entry by Preston: "Paul Preston is
    cited in the text but has no entry in the bibliography". A listed scholar cited in parentheses
    by a short title that fits none of their entries ("(Foucault, Clinic, pg. xvii)") is reported
    with those entries: the work cited is the one missing.
    """
    if context.bibliography is None:
        return
    for resolution in context.reconciliation.resolutions:
        citation = resolution.citation
        if citation.kind != "mention" or resolution.status != "unresolved" or citation.work is None:
            continue
        people = citation.work.authors or citation.work.editors
        if people and resolution.candidates:  # a listed scholar's work the list lacks: "(Foucault, Clinic, pg. xvii)"
            others = ", ".join(key for key, _ in resolution.candidates)
            yield Finding(citation.span, f"“{citation.work.title}” is cited in the text but is none of the entries of "
                                         f"{' and '.join(str(p) for p in people)} in the bibliography ({others})")
        elif people:
            names = " and ".join(str(p) for p in people)
            verbs = "is cited in the text but has" if len(people) == 1 else "are cited in the text but have"
            yield Finding(citation.span, f"{names} {verbs} no entry in the bibliography")


_LOCATOR_PREFIX = OnFirstUse(re.compile, r"^\s*(?:pp?\.|pages?|at)\s*", re.IGNORECASE)
_NOTE_NUMBER = OnFirstUse(re.compile, r"\s*nn?\.?\s*\d+|\s*ff?\.?(?=\s*(?:,|$))", re.IGNORECASE)
_PAGE_RANGE = OnFirstUse(re.compile, r"(?<![\w:])(\d+)(?:\s*(?:-{1,3}|\u2013|\u2014)\s*(\d+))?(?![\w:])")
_PAGE_SPAN = OnFirstUse(re.compile, r"^\s*(\d+)\s*(?:-{1,3}|\u2013|\u2014)\s*(\d+)\s*$")
# Locators that are not (only) page numbers: volume:page, sections, folios, chapters.
_NOT_PAGES = OnFirstUse(re.compile, r"[:§]|\b(?:vol|chap|ch|sec|para|fol|fols|art|no|col|line|ll)\b", re.IGNORECASE)
RANGED_TYPES = frozenset({"article", "incollection", "inproceedings", "inbook"})


def _expanded(start: str, end: str) -> tuple[int, int]:
    """A page range with an abbreviated end made whole: 123-28 is 123-128."""
    if len(end) < len(start):
        end = start[: len(start) - len(end)] + end
    return int(start), int(end)


def locator_pages(locator: str | None) -> tuple[tuple[int, int], ...]:
    """The page ranges a locator cites ("pp. 13, 68-72" gives (13, 13), (68, 72)); none when
    the locator is not plainly pages (a volume and page "7:12", a section, a roman page)."""
    if not locator or _NOT_PAGES.search(locator):
        return ()
    text = _NOTE_NUMBER.sub("", _LOCATOR_PREFIX.sub("", locator))
    return tuple(_expanded(m.group(1), m.group(2) or m.group(1)) for m in _PAGE_RANGE.finditer(text))


def entry_pages(pages: str | None) -> tuple[int, int] | None:
    """An entry's ``pages`` as a range of numbers, None when it is not one (``45+``, ``e123``)."""
    found = _PAGE_SPAN.match(decode(pages or ""))
    return _expanded(found.group(1), found.group(2)) if found else None


@rule("CC209")
def locator_out_of_range(context: Context) -> Iterator[Finding]:
    """A citation points at pages outside the article's or chapter's page range.

    An article that runs from page 45 to 67 cannot be quoted at page 88: either the locator or
    the entry's ``pages`` is wrong (a misprint, a page of the reprint, the wrong article).
    Checked for every citation resolved to an article, chapter or paper whose entry gives its
    pages, Ibid. and short forms included.

    Example: ``Ibid., 88.`` after a note citing ``schapiro1961`` with ``pages = {45--67}``:
    "page 88 outside the pages of schapiro1961 (45-67)".
    """
    bibliography = context.bibliography
    if bibliography is None:
        return
    together = _pages_cited_together(context)
    for resolution in context.reconciliation.resolutions:
        cited = locator_pages(resolution.citation.locator)
        matched = resolution.status == "matched" and resolution.key
        entry = bibliography.entry(resolution.key) if cited and matched else None
        if entry is None or entry.entry_type not in RANGED_TYPES:
            continue
        bounds = together.get(resolution.citation) or entry_pages(bibliography.resolved_fields(entry).get("pages"))
        if bounds is None:
            continue
        outside = [(a, b) for a, b in cited if a < bounds[0] or b > bounds[1]]
        if outside:
            shown = ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in outside)
            noun = "page" if len(outside) == 1 and outside[0][0] == outside[0][1] else "pages"
            yield Finding(
                resolution.citation.span,
                f"{noun} {shown} outside the pages of {entry.key} ({bounds[0]}-{bounds[1]})",
            )


def _pages_cited_together(context: Context) -> dict[Citation, tuple[int, int]]:
    """The pages a citation resolved to several works together spans: from the first page of
    them to the last (``Steinberg and Edgerton, "How Shall This Be?": 25--53``, Part I on pages
    25-44 and Part II on 45-53: CRDH's essay on Lippi's thresholds)."""
    bibliography = context.bibliography
    keys: dict[Citation, list[str]] = {}
    for resolution in context.reconciliation.resolutions:
        if resolution.status == "matched" and resolution.key:
            keys.setdefault(resolution.citation, []).append(resolution.key)
    spans: dict[Citation, tuple[int, int]] = {}
    for citation, cited in keys.items():
        if len(cited) < 2 or bibliography is None:
            continue
        entries = [bibliography.entry(key) for key in cited]
        bounds = [entry_pages(bibliography.resolved_fields(entry).get("pages")) if entry else None for entry in entries]
        if all(bounds):
            spans[citation] = (min(b[0] for b in bounds if b), max(b[1] for b in bounds if b))
    return spans


def _comparable(text: str) -> str:
    """Text as a reader sees it: runs of white space (no-break spaces too) as one space."""
    return " ".join(text.split())


@rule("CC210")
def edited_citation(context: Context) -> Iterator[Finding]:
    """A reference manager's citation whose text was edited by hand after it was formatted.

    Zotero, Mendeley and EndNote keep each citation as a field with the cited items' data and
    the text they formatted from it. When the text in the document no longer is that text, it
    was typed over: the next refresh of citations silently puts the formatted text back (the
    edit is lost), or, when the manager was told to keep the edit, the citation no longer
    follows its items (a corrected year or a changed style never reaches it).

    Example: a Zotero note formatted as "Tucker, *Stalin as Revolutionary*, 12." and then
    changed to "Tucker, *Stalin*, 12-14.": "the Zotero citation was edited by hand: it reads
    'Tucker, Stalin, 12-14.' but Zotero formatted 'Tucker, Stalin as Revolutionary, 12.'".
    """
    for document in context.documents:
        for found in document.citation_fields:
            if found.formatted is None or _comparable(found.shown) == _comparable(found.formatted):
                continue
            outcome = (
                f"{found.manager} keeps the edit, so the citation no longer follows its items"
                if found.edit_kept
                else f"refreshing the citations in {found.manager} will undo the edit"
            )
            yield Finding(
                found.span,
                f"the {found.manager} citation was edited by hand: it reads '{_comparable(found.shown)}' "
                f"but {found.manager} formatted '{_comparable(found.formatted)}'; {outcome}",
            )
