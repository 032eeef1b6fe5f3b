"""The bibliography, position-exact: plain frozen records built by the loader.

Every record is a frozen, slotted dataclass (an entry and a field: a named tuple) holding
positions in the ``.bib`` file's decoded text (``Bibliography.source.text``); 1-based lines and
columns come from ``source.locate(span)``.
Entries and fields, some 130,000 records in a 20,000-entry file, hold their offsets as ints and
make a :class:`~citecheck.source.Span` when asked (``span``, ``key_span``, and for a field the
entry's ``field_span``, ``value_span`` and ``name_span``: a field's offsets count from its
entry's start); the other records hold their spans. bibtexparser's own blocks for the same file are built by
:func:`citecheck.bib.blocks.build_library`, for a caller that wants bibtexparser's model.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from citecheck.bib.backend import LINK_FIELDS
from citecheck.source import SourceFile, Span

if TYPE_CHECKING:
    import bibtexparser.model

__all__ = [
    "NOT_INHERITED",
    "BibComment",
    "BibEntry",
    "BibFailure",
    "BibField",
    "BibPreamble",
    "BibString",
    "Bibliography",
    "MacroRef",
]

# The named tuple's own constructor, less a Python call per span: a large bibliography's findings
# ask entries and fields for tens of thousands of spans (CC307 one per uncited entry).
_new_span = tuple.__new__


class BibField(NamedTuple):
    """One ``name = value`` of an entry.

    A named tuple rather than a dataclass: a large file has some 110,000 fields, and the loader
    makes a named tuple in a third of the time a frozen dataclass takes (copy one with
    ``_replace``).

    ``name`` is lower-cased; ``value`` has the macros interpolated, the pieces of a concatenation
    joined and the outer braces or quotes removed (LaTeX is left as written: see
    :func:`citecheck.bib.normalize.latex_to_text`). ``raw`` is the value exactly as written
    (braces, quotes, ``#`` concatenation): the record keeps it as ``written`` only where it is not
    ``{value}``, the common case, in which ``written`` is None (a large file's values are then
    held once, not twice). ``problem`` says why the value is not well-formed BibTeX (text after
    a closing brace, a quote never closed ...) when a lenient reader accepted it; it is None
    otherwise.

    A field is placed within its entry, which knows the file and where it starts: ``offset`` is
    the distance from the entry's ``@`` to the name, ``value_offset`` from the name to the raw
    value, and the entry gives the spans (:meth:`BibEntry.field_span`, ``value_span``,
    ``name_span``). Such short distances are ints Python holds once; offsets into the file were
    an int object per field, a third of the objects a large bibliography is made of.
    """

    name: str
    value: str
    offset: int
    value_offset: int
    written: str | None = None
    problem: str | None = None

    @classmethod
    def of(cls, name: str, raw: str, value: str, offset: int, value_offset: int, problem: str | None = None) -> BibField:
        """The field whose value is written ``raw``."""
        braced = raw[:1] == "{" and raw[-1:] == "}" and len(raw) == len(value) + 2 and raw[1:-1] == value
        return cls(name, value, offset, value_offset, None if braced else raw, problem)

    @property
    def raw(self) -> str:
        written = self.written
        return "{" + self.value + "}" if written is None else written

    @property
    def raw_length(self) -> int:
        written = self.written
        return len(self.value) + 2 if written is None else len(written)


@dataclass(frozen=True, slots=True)
class MacroRef:
    """A bare word in a value, used as an ``@string`` macro (``journal = jmh``)."""

    name: str  # lower-cased: macro names are case-insensitive
    span: Span
    defined: bool  # by an @string anywhere in the file, or a predefined month macro


@dataclass(frozen=True, slots=True)
class BibString:
    """An ``@string{name = value}``: ``name`` lower-cased, ``raw`` and ``value`` as for a field,
    ``span`` the whole block."""

    name: str
    raw: str
    value: str
    span: Span
    name_span: Span
    value_span: Span


@dataclass(frozen=True, slots=True)
class BibPreamble:
    """An ``@preamble{...}``: ``raw`` is the text between the delimiters, ``value`` interpolated."""

    raw: str
    value: str
    span: Span


@dataclass(frozen=True, slots=True)
class BibComment:
    """An ``@comment{...}`` (``explicit``) or text between blocks (an implicit comment), stripped."""

    text: str
    span: Span
    explicit: bool


@dataclass(frozen=True, slots=True)
class BibFailure:
    """A block that could not be read. Nothing in it is lost: ``span`` covers its text.

    ``message`` says what was expected (``expected ',' or '}' after field 'title', found '{'``)
    and ``error_span`` marks where; ``block`` is the bibtexparser ``ParsingFailedBlock`` the
    loader made for it (its ``start_line`` is 0-based, as bibtexparser counts), None for a
    failure built by hand.
    """

    span: Span
    message: str
    error_span: Span | None = None
    block: bibtexparser.model.ParsingFailedBlock | None = dataclasses.field(default=None, repr=False, compare=False)


class BibEntry(NamedTuple):
    """An entry ``@type{key, field = value, ...}``.

    A named tuple, as :class:`BibField` (copy one with ``_replace``): the loader makes one per
    entry, some 120,000 in a large file, in half the time a frozen dataclass takes.

    ``entry_type`` is lower-cased; in the file ``path`` the entry runs from the ``@`` at
    ``start`` to just after the closing delimiter at ``end`` (``span``), and the key starts at
    ``key_start`` (``key_span``). ``fields`` keeps every field in file order, a repeated field
    twice (biber reads such files; the duplicate-field check reports them).
    """

    key: str
    entry_type: str
    path: str
    start: int
    end: int
    key_start: int
    fields: tuple[BibField, ...]

    @property
    def span(self) -> Span:
        return _new_span(Span, (self.path, self.start, self.end))

    @property
    def key_span(self) -> Span:
        return _new_span(Span, (self.path, self.key_start, self.key_start + len(self.key)))

    def field_span(self, item: BibField) -> Span:
        """Where ``item``, one of the entry's fields, is written: ``name = value``."""
        start = self.start + item.offset
        return _new_span(Span, (self.path, start, start + item.value_offset + item.raw_length))

    def value_span(self, item: BibField) -> Span:
        """Where the raw value of ``item``, one of the entry's fields, is written."""
        start = self.start + item.offset + item.value_offset
        return _new_span(Span, (self.path, start, start + item.raw_length))

    def name_span(self, item: BibField) -> Span:
        """Where the name of ``item``, one of the entry's fields, is written."""
        start = self.start + item.offset
        return _new_span(Span, (self.path, start, start + len(item.name)))

    def field(self, name: str) -> BibField | None:
        """The first field called ``name`` (any case), or None."""
        name = name.lower()
        for item in self.fields:
            if item.name == name:
                return item
        return None

    def fields_named(self, name: str) -> tuple[BibField, ...]:
        """Every field called ``name``, in file order (more than one is a repeated field)."""
        name = name.lower()
        return tuple(item for item in self.fields if item.name == name)

    def get(self, name: str, default: str | None = None) -> str | None:
        """The value of the first field called ``name``, or ``default``."""
        found = self.field(name)
        return default if found is None else found.value

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(item.name for item in self.fields)


# Fields that crossref and xdata do not pass on (biblatex's defaults, and the links themselves).
NOT_INHERITED = frozenset(
    "crossref xref xdata ids entryset entrysubtype execute label options presort related "
    "relatedoptions relatedstring relatedtype shorthand shorthandintro sortkey".split()
)

# biblatex's default inheritance: (parent types, child types, {parent field: child field}).
_INHERIT_AS: tuple[tuple[frozenset[str], frozenset[str], dict[str, str]], ...] = (
    (
        frozenset({"mvbook", "book"}),
        frozenset({"inbook", "bookinbook", "suppbook"}),
        {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon", "author": "bookauthor"},
    ),
    (
        frozenset({"mvbook"}),
        frozenset({"book"}),
        {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon"},
    ),
    (
        frozenset({"mvcollection", "mvreference"}),
        frozenset({"collection", "reference"}),
        {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon"},
    ),
    (
        frozenset({"mvcollection", "mvreference", "collection", "reference"}),
        frozenset({"incollection", "inreference", "suppcollection"}),
        {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"},
    ),
    (
        frozenset({"mvproceedings"}),
        frozenset({"proceedings"}),
        {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon"},
    ),
    (
        frozenset({"mvproceedings", "proceedings"}),
        frozenset({"inproceedings"}),
        {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"},
    ),
    (
        frozenset({"periodical"}),
        frozenset({"article", "suppperiodical"}),
        {"title": "journaltitle", "subtitle": "journalsubtitle"},
    ),
)


def _inherited_name(parent_type: str, child_type: str, name: str) -> str:
    for parents, children, mapping in _INHERIT_AS:
        if parent_type in parents and child_type in children and name in mapping:
            return mapping[name]
    return name


@dataclass(frozen=True, slots=True)
class Bibliography:
    """A loaded ``.bib`` file, or several read as one: its records in file order and by kind.

    ``blocks`` holds every record in file order (entries, strings, preambles, comments and
    failures), so nothing in the file is left out; ``by_key`` maps each key to its first entry
    (a later entry with the key is a duplicate: CC302 finds it in ``entries``), ``by_folded_key``
    each case-folded key to its first entry. ``macros`` is every macro a value may use, lower-cased: jan ... dec, then the
    file's @strings (the last definition winning). ``aliases`` maps each key an entry's ``ids``
    field names (biber's aliases) to that entry.

    ``more_sources`` holds the files after the first (``source``) when several bibliographies
    are read as one (:meth:`combined`): each record's span names the file it stands in.
    """

    source: SourceFile
    entries: tuple[BibEntry, ...] = ()
    strings: tuple[BibString, ...] = ()
    failures: tuple[BibFailure, ...] = ()
    preambles: tuple[BibPreamble, ...] = ()
    comments: tuple[BibComment, ...] = ()
    blocks: tuple[BibEntry | BibString | BibPreamble | BibComment | BibFailure, ...] = ()
    by_key: Mapping[str, BibEntry] = dataclasses.field(default_factory=dict)
    by_folded_key: Mapping[str, BibEntry] = dataclasses.field(default_factory=dict)
    macros: Mapping[str, str] = dataclasses.field(default_factory=dict)
    aliases: Mapping[str, BibEntry] = dataclasses.field(default_factory=dict)
    more_sources: tuple[SourceFile, ...] = ()

    @classmethod
    def combined(cls, parts: Sequence[Bibliography]) -> Bibliography:
        """``parts`` (at least one) as one bibliography, as BibTeX reads ``\\bibliography{a,b}``:
        the records of each file in turn, a key looked up across all (the first entry wins), the
        macros of every file (a later definition winning)."""
        if len(parts) == 1:
            return parts[0]
        by_key: dict[str, BibEntry] = {}
        by_folded_key: dict[str, BibEntry] = {}
        macros: dict[str, str] = {}
        aliases: dict[str, BibEntry] = {}
        for part in parts:
            for key, entry in part.by_key.items():
                by_key.setdefault(key, entry)
            for folded, entry in part.by_folded_key.items():
                by_folded_key.setdefault(folded, entry)
            macros.update(part.macros)
            for alias, entry in part.aliases.items():
                aliases.setdefault(alias, entry)
        return cls(
            source=parts[0].source,
            entries=tuple(entry for part in parts for entry in part.entries),
            strings=tuple(string for part in parts for string in part.strings),
            failures=tuple(failure for part in parts for failure in part.failures),
            preambles=tuple(preamble for part in parts for preamble in part.preambles),
            comments=tuple(comment for part in parts for comment in part.comments),
            blocks=tuple(block for part in parts for block in part.blocks),
            by_key=MappingProxyType(by_key),
            by_folded_key=MappingProxyType(by_folded_key),
            macros=MappingProxyType(macros),
            aliases=MappingProxyType(aliases),
            more_sources=tuple(source for part in parts for source in part.sources)[1:],
        )

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def sources(self) -> tuple[SourceFile, ...]:
        """Every file read, in order."""
        return (self.source, *self.more_sources)

    def source_of(self, span: Span) -> SourceFile:
        """The file ``span`` points into."""
        return next((source for source in self.more_sources if source.path == span.path), self.source)

    def entry(self, key: str) -> BibEntry | None:
        """The first entry with exactly this key."""
        return self.by_key.get(key)

    def find(self, key: str) -> BibEntry | None:
        """The entry a citation of ``key`` means: the first with exactly this key, else the one
        with this ``ids`` alias (biber's), else the first ignoring case (BibTeX's lookup). Rules
        that care how a key was found compare it with the entry's key and ``ids``."""
        found = self.entry(key)
        if found is not None:
            return found
        return self.aliases.get(key) or self.by_folded_key.get(key.casefold())

    def parents(self, entry: BibEntry) -> Iterator[tuple[str, str, BibEntry | None]]:
        """What ``entry`` inherits from: (``"crossref"`` or ``"xdata"``, key, entry or None)."""
        for item in entry.fields:
            if item.name == "crossref":
                key = item.value.strip()
                if key:
                    yield "crossref", key, self.find(key)
            elif item.name == "xdata":
                for key in item.value.split(","):
                    key = key.strip()
                    if key:
                        yield "xdata", key, self.find(key)

    def linked(self, entry: BibEntry) -> Iterator[tuple[str, str, BibEntry | None]]:
        """Every entry ``entry`` names (field, key, entry or None): its ``crossref``, ``xref``,
        ``xdata``, ``related`` and ``entryset`` targets, which biber reads with it."""
        for item in entry.fields:
            if item.name in LINK_FIELDS:
                for key in item.value.split(","):
                    key = key.strip()
                    if key:
                        yield item.name, key, self.find(key)

    def with_linked(self, keys: Iterable[str]) -> frozenset[str]:
        """The case-folded keys of the entries named by ``keys`` and of every entry they name
        (:meth:`linked`, transitively): what a document citing ``keys`` uses. Keys with no
        entry are left out."""
        found: set[str] = set()
        waiting = [entry for key in keys if (entry := self.find(key)) is not None]
        while waiting:
            entry = waiting.pop()
            if entry.key.casefold() not in found:
                found.add(entry.key.casefold())
                waiting.extend(target for _, _, target in self.linked(entry) if target is not None)
        return frozenset(found)

    def resolved_fields(self, entry: BibEntry) -> dict[str, str]:
        """The entry's field values, with those inherited through ``crossref`` and ``xdata``.

        The entry's own fields come first (the first of a repeated field wins); then, from each
        target in turn (xdata before crossref, depth first), every field the entry has not got.
        A crossref from an ``@inproceedings`` to a ``@proceedings`` passes the parent's ``title``
        on as ``booktitle`` (biblatex's default inheritance; see ``_INHERIT_AS``), and the fields
        in :data:`NOT_INHERITED` stay with their entry. Links to missing entries are skipped and
        cycles are cut.
        """
        result: dict[str, str] = {}
        for item in entry.fields:
            result.setdefault(item.name, item.value)
        self._inherit(entry, entry.entry_type, result, {id(entry)})
        return result

    def _inherit(self, entry: BibEntry, child_type: str, result: dict[str, str], seen: set[int]) -> None:
        links = sorted(self.parents(entry), key=lambda link: link[0] != "xdata")
        for kind, _, parent in links:
            if parent is None or id(parent) in seen:
                continue
            seen.add(id(parent))
            for item in parent.fields:
                if item.name in NOT_INHERITED:
                    continue
                name = item.name if kind == "xdata" else _inherited_name(parent.entry_type, child_type, item.name)
                result.setdefault(name, item.value)
            self._inherit(parent, child_type, result, seen)
