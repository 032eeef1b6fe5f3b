"""What readers extract from a manuscript: frozen records that every later stage shares."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from citecheck.patterns import OnFirstUse
from citecheck.source import SourceFile, Span


_ADDED_NOTE_SUFFIX = OnFirstUse(re.compile, r"0{0,2}[1-9]|1{1,2}[1-9]")


def is_subnote(key: str, main: str, following: str | None = None) -> bool:
    """Whether label ``key`` is an added note to note ``main``: its digits, then one more digit
    (not 0) after up to two zeros, or 11 to 19, or 111 to 119.

    Editions number the notes an editor adds to note 82 as 821, 822, to note 2 as 201, 202 or
    2001, to note 23 as 2311, 2312, to note 3 as 3111 (Project Gutenberg's Gibbon: ``[821]``
    after ``[82]``, ``[201]`` after ``[2]``, ``[2311]`` after ``[23]``, ``[3111]`` after
    ``[3]``). Only for labels of three digits or more, where a skip to such a number is
    implausible.

    ``following`` is the label of the next item that does not extend ``main``'s digits. Between
    ``main`` and the number after it, any extension of ``main`` is an added note (``[89]``
    between ``[8]`` and ``[9]``, ``[499]`` between ``[4]`` and ``[5]``: Gibbon's vol. 6, 895
    edition); before note ``main`` itself (an editor's note on a chapter's title, ``[100]`` before
    the chapter's ``[1]``) one of three digits or more is.
    """
    if not (key.isdecimal() and main.isdecimal() and len(key) > len(main) and key.startswith(main)):
        return False
    if len(key) >= 3 and _ADDED_NOTE_SUFFIX.fullmatch(key, len(main)) is not None:
        return True
    if following is None or not following.isdecimal():
        return False
    if following == main:
        return len(key) >= 3
    return int(following) == int(main) + 1


def next_unextended(keys: Sequence[str], index: int, main: str) -> str | None:
    """The first label after ``keys[index]`` that does not extend ``main``'s digits (the
    ``following`` of :func:`is_subnote`), or None."""
    for following in range(index + 1, len(keys)):  # by index: a slice would copy the rest for every item
        key = keys[following]
        if not (len(key) > len(main) and key.startswith(main)):
            return key
    return None


class Marker(NamedTuple):
    """A note marker in the body text (``war.⁴``, ``Stalin.25``, ``[^3]``).

    ``number`` is the number as written; ``intended`` is the number the reader believes was meant
    when the digits look misread (OCR read 13 as 18), and it is what the other checks use.
    ``label`` is the marker's identity as written (Markdown labels need not be numbers).

    A named tuple, as :class:`~citecheck.source.Span` (copy one with ``_replace``): a converted
    book of superscripts has a marker for every one (333,334 on a line of 1 MB), and a named
    tuple is made in a third of the time of a frozen dataclass; both are as immutable.
    """

    label: str
    number: int | None
    text: str
    span: Span
    style: str
    chapter: int = 0
    intended: int | None = None
    # a marker that cites again the note an earlier marker of its chapter cites, on the same page:
    # the book repeats the mark at each place one note qualifies (CC104 reports no repeat of it)
    again: bool = False

    @property
    def effective(self) -> int | None:
        return self.intended if self.intended is not None else self.number

    @property
    def key(self) -> str:
        """The identity a note must carry to belong to this marker (:attr:`effective`, read here
        without the property: the checks ask a book's markers for their keys a hundred thousand times)."""
        effective = self.intended if self.intended is not None else self.number
        return str(effective) if effective is not None else self.label


class PageKey(NamedTuple):
    """The page, and the line when given, that a note's label keys it to (``Note 1, page 18.``,
    ``P. 18, l. 4.``): annotated editions print no marker for such a note, the label finds its place."""

    page: int
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Note:
    """A note text: its label, its text with continuations joined, and where each part stands.

    ``span`` covers the label (``13.``, ``[^13]:``) for pointing at the note; ``parts`` are the
    spans of the text, more than one when a page break split the note.
    """

    label: str
    number: int | None
    text: str
    span: Span
    parts: tuple[Span, ...]
    style: str
    chapter: int = 0
    keyed_to: PageKey | None = None  # the page (and line) the note's label names, if it names one

    @property
    def key(self) -> str:
        return str(self.number) if self.number is not None else self.label


@dataclass(frozen=True, slots=True)
class Person:
    """An author or editor as a citation names them: family name, and given names when written."""

    family: str
    given: str = ""

    def __str__(self) -> str:
        return f"{self.given} {self.family}".strip()


@dataclass(frozen=True, slots=True)
class Work:
    """What a citation says about the work it cites, as far as the text tells.

    A full note citation fills most fields; a short form gives ``authors`` and a short ``title``;
    a mention in prose may give only a surname. ``alias`` is the short name a full citation
    declares for later notes ("hereafter cited as *Stalin*"). ``volume`` is the volume cited,
    ``volumes`` the number of volumes of the whole work. ``entry_type`` is a guess at the
    BibTeX type (book, article, incollection, ...), for suggested entries. ``genre`` is the kind
    of document a note says it cites (``"interview"``), which an entry's fields may say too.
    """

    authors: tuple[Person, ...] = ()
    editors: tuple[Person, ...] = ()
    title: str | None = None
    container: str | None = None  # the journal or the edited book an article or chapter is in
    place: str | None = None
    publisher: str | None = None
    year: str | None = None
    date: str | None = None  # a day or month, ISO (``1938-02-14``): a newspaper issue, a dated document
    volume: str | None = None
    issue: str | None = None
    volumes: str | None = None  # how many volumes a multi-volume work has (``13 vols.``)
    pages: str | None = None  # an article's or chapter's page range, not the locator
    alias: str | None = None
    entry_type: str | None = None
    url: str | None = None  # the web address a note cites when it is nothing else
    genre: str | None = None  # "interview": a note's "Stegner interview, 9", "oral history", "transcript of interview with"


# Kinds of citation: a written key ([@key], \cite{key}), ``nocite`` (\nocite{key}, key "*" for all),
# the source segments of a note (full, short, ibid, alias), and a scholar named in prose (mention).
CITATION_KINDS = ("key", "nocite", "full", "short", "ibid", "alias", "mention")


@dataclass(frozen=True, slots=True)
class Citation:
    """A place that points at a source: a key, a note's source segment, or a name in prose.

    ``span`` covers the key or the segment as written. ``note`` is the number of the note the
    citation stands in (None in body text). ``key`` is the key as written for ``key`` and
    ``nocite`` citations; reconciliation sets it to the bibliography entry the citation resolves
    to (None when none). ``work`` is what the text says about the source (None for keys).
    Reconciliation also sets ``status`` (matched, ambiguous, unresolved, author, unlinked,
    unknown-key, everything), ``confidence`` (0-1, for the key) and ``candidates`` (key, score
    0-100 pairs, best first); a reader leaves them unset.
    """

    kind: str
    text: str
    span: Span
    note: int | None = None
    key: str | None = None
    locator: str | None = None
    work: Work | None = None
    status: str | None = None
    confidence: float | None = None
    candidates: tuple[tuple[str, float], ...] = ()


# What a file a document names is: part of its text (\input, \include, a Quarto include, an R
# Markdown child) or a bibliography (\bibliography, \addbibresource, front matter ``bibliography:``).
INCLUSION_KINDS = ("text", "bibliography")


@dataclass(frozen=True, slots=True)
class Inclusion:
    """A file a document names, as written; the pipeline finds it and reads it.

    ``span`` covers the name as written. ``suffix`` is tried after the name when it has none
    (LaTeX's ``.tex``, BibTeX's ``.bib``). A LaTeX name is looked for from the main file's
    folder first (LaTeX runs there), then from the including file's; ``from_file`` says the name
    is relative to the including file only (``\\subimport``, front matter, a Quarto include).
    ``embedded`` says the file's text is in the document itself (``filecontents``): ``span`` then
    covers that text. ``kind`` is "text" (a part to read), "bibliography", or "generated": a
    bibliography the document's code writes when it is built (R Markdown's ``knitr::write_bib``).
    """

    kind: str
    target: str
    span: Span
    suffix: str = ""
    from_file: bool = False
    embedded: bool = False


# What a stretch of a manuscript is: body prose, a note, code, a heading, a quotation, markup
# (commands, comments, tags, front matter: no text at all), or emphasis (text in italics, whose
# delimiters just outside the span are markup).
REGION_ROLES = ("prose", "note", "code", "heading", "quotation", "markup", "emphasis")


@dataclass(frozen=True, slots=True)
class Region:
    """A stretch of the manuscript with its role, so that later stages never parse the format.

    ``level`` is a heading's depth (1 for the top level) where the format says it, else 0: a
    list of references runs on through its own subheadings ("Works Cited" over "Artefacts")."""

    role: str
    span: Span
    level: int = 0


@dataclass(frozen=True, slots=True)
class CitationField:
    """A citation a reference manager (Zotero, Mendeley, EndNote) keeps as a field of the
    document: the text it shows (``span``, ``shown``) and the text the manager formatted from
    the cited items (``formatted``; None when the manager keeps none). ``edit_kept`` says the
    user told the manager to keep a hand edit (Zotero's "dontUpdate")."""

    manager: str
    span: Span
    shown: str
    formatted: str | None
    edit_kept: bool = False


@dataclass(frozen=True, slots=True)
class Document:
    """One manuscript as a reader saw it.

    ``numbered`` says whether note identities are a number sequence (converted book text,
    Markdown with numeric labels), which the numbering rules need. ``note_sources`` lists the
    files the notes were read from when they are not ``source`` itself (a paired endnotes file).
    ``markers_reusable`` says whether one note may be referenced from several places (Markdown).
    ``regions`` are the stretches that are not plain body prose, in any order (the notes are in
    ``notes``; what no region covers is prose). ``citation_fields`` are the citations a
    reference manager inserted (their items are among ``citations``). ``cite_commands`` names
    the citation commands the document defines or was read with beyond its format's own (LaTeX
    wrappers of ``\\cite``), which the files it includes are read with too. ``inclusions`` are
    the files it names (:class:`Inclusion`), in the order they stand. ``backend`` is the
    bibliography backend the document asks for ("biber" or "bibtex"; None when it says nothing).
    """

    source: SourceFile
    format: str
    markers: tuple[Marker, ...]
    notes: tuple[Note, ...]
    citations: tuple[Citation, ...] = ()
    numbered: bool = True
    markers_reusable: bool = False
    note_sources: tuple[SourceFile, ...] = ()
    regions: tuple[Region, ...] = ()
    citation_fields: tuple[CitationField, ...] = ()
    cite_commands: frozenset[str] = frozenset()
    inclusions: tuple[Inclusion, ...] = ()
    backend: str | None = None

    @property
    def path(self) -> str:
        return self.source.path
