"""The bibliography, position-exact: a frozen view on top of bibtexparser v2's model.

Every record stores :class:`~citecheck.source.Span` offsets into the ``.bib`` file's decoded text
(``Bibliography.source.text``); 1-based lines and columns come from ``source.locate(span)``.
bibtexparser's own blocks (``Entry``, ``String``, ``Preamble``, ``ExplicitComment``,
``ImplicitComment``, ``ParsingFailedBlock``) are built on demand, with ``start_line`` (0-based, as
bibtexparser counts) and ``raw`` taken from the same offsets, so the export stage can hand the
:attr:`Bibliography.library` to bibtexparser's writer.

Building those blocks costs about as much as reading the file, and checks never need them, so
:attr:`Bibliography.library` and :attr:`BibEntry.block` are computed on first use and cached.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from citecheck.source import SourceFile, Span

if TYPE_CHECKING:
    import bibtexparser
    import bibtexparser.model

__all__ = [
    "BibComment",
    "BibEntry",
    "BibFailure",
    "BibField",
    "BibPreamble",
    "BibString",
    "Bibliography",
    "MacroRef",
    "NOT_INHERITED",
]


@dataclass(frozen=True, slots=True)
class BibField:
    """One ``name = value`` of an entry.

    ``name`` is lower-cased; ``raw`` is the value exactly as written (braces, quotes, ``#``
    concatenation); ``value`` has the macros interpolated, the pieces of a concatenation joined and
    the outer braces or quotes removed (LaTeX is left as written: see
    :func:`citecheck.bib.normalize.latex_to_text`). ``span`` covers ``name = value``, ``value_span``
    the raw value. ``problem`` says why the value is not a well-formed BibTeX value (text after a
    closing brace, an unbalanced quote ...), when a lenient reader had to accept it.
    """

    name: str
    raw: str
    value: str
    span: Span
    value_span: Span
    problem: str | None = None

    @property
    def name_span(self) -> Span:
        """Where the field's name is written."""
        return Span(self.span.path, self.span.start, self.span.start + len(self.name))


@dataclass(frozen=True, slots=True)
class MacroRef:
    """A bare word in a value, used as an ``@string`` macro (``journal = jmh``)."""

    name: str  # lower-cased: macro names are case-insensitive
    span: Span
    defined: bool  # by an @string anywhere in the file, or a predefined month macro


@dataclass(frozen=True, slots=True)
class BibString:
    """An ``@string{name = value}`` definition; ``name`` is lower-cased, ``span`` is the block."""

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
    """An ``@comment{...}`` (``explicit``) or any text between blocks (an implicit comment)."""

    text: str
    span: Span
    explicit: bool


@dataclass(frozen=True, slots=True)
class BibFailure:
    """A block that could not be read. Nothing in it is lost: ``span`` covers its text.

    ``message`` says what was expected (``expected ',' or '}' after field 'title'``) and
    ``error_span`` marks where; ``block`` is the bibtexparser ``ParsingFailedBlock`` kept in the
    library for it.
    """

    span: Span
    message: str
    error_span: Span
    block: bibtexparser.model.ParsingFailedBlock = dataclasses.field(repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class BibEntry:
    """An entry ``@type{key, field = value, ...}``.

    ``entry_type`` is lower-cased, ``span`` runs from the ``@`` to the closing delimiter, and
    ``fields`` keeps every field in file order, a repeated field twice (biber reads such files;
    the duplicate-field check reports them). ``block`` is the matching bibtexparser ``Entry``
    (built on first use, the same object as in :attr:`Bibliography.library`).
    """

    key: str
    entry_type: str
    span: Span
    key_span: Span
    fields: tuple[BibField, ...]
    _owner: Any = dataclasses.field(default=None, repr=False, compare=False)
    _block: Any = dataclasses.field(default=None, repr=False, compare=False)

    def field(self, name: str) -> BibField | None:
        """The first field called ``name`` (any case), or None."""
        name = name.lower()
        for item in self.fields:
            if item.name == name:
                return item
        return None

    def fields_named(self, name: str) -> tuple[BibField, ...]:
        """Every field called ``name``, in file order (more than one is a duplicate field)."""
        name = name.lower()
        return tuple(item for item in self.fields if item.name == name)

    def get(self, name: str, default: str | None = None) -> str | None:
        """The value of the first field called ``name``, or ``default``."""
        found = self.field(name)
        return default if found is None else found.value

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(item.name for item in self.fields)

    @property
    def block(self) -> bibtexparser.model.Entry:
        """The bibtexparser ``Entry`` for this entry (values as ``bibtexparser.parse_string`` gives)."""
        if self._block is None:
            if self._owner is not None:
                self._owner.library  # builds every block, this entry's included
            if self._block is None:
                from citecheck.bib.blocks import standalone_entry

                object.__setattr__(self, "_block", standalone_entry(self))
        return self._block


# Fields that crossref and xdata do not pass on (biblatex's defaults, and the links themselves).
NOT_INHERITED = frozenset(
    "crossref xref xdata ids entryset entrysubtype execute label options presort related "
    "relatedoptions relatedstring relatedtype shorthand shorthandintro sortkey".split()
)

# biblatex's default inheritance: (parent types, child types) -> {parent field: child field}.
_INHERIT_AS: tuple[tuple[frozenset[str], frozenset[str], dict[str, str]], ...] = (
    (
        frozenset({"mvbook", "book"}),
        frozenset({"inbook", "bookinbook", "suppbook"}),
        {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon", "author": "bookauthor"},
    ),
    (
        frozenset({"mvbook"}),
        frozenset({"book", "inbook", "bookinbook", "suppbook"}),
        {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon"},
    ),
    (
        frozenset({"mvcollection", "mvreference"}),
        frozenset({"collection", "reference", "incollection", "inreference", "suppcollection"}),
        {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon"},
    ),
    (
        frozenset({"collection", "reference"}),
        frozenset({"incollection", "inreference", "suppcollection"}),
        {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"},
    ),
    (
        frozenset({"mvproceedings"}),
        frozenset({"proceedings", "inproceedings"}),
        {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon"},
    ),
    (
        frozenset({"proceedings"}),
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
    """A loaded ``.bib`` file: its records in file order, by kind, and bibtexparser's Library.

    ``blocks`` holds every record in file order (entries, strings, preambles, comments and
    failures), so nothing in the file is left out; ``by_key`` maps each key to every entry with
    that key (more than one is a duplicate key). ``library`` is bibtexparser's ``Library`` for the
    same file, built on first use.
    """

    source: SourceFile
    entries: tuple[BibEntry, ...]
    strings: tuple[BibString, ...]
    failures: tuple[BibFailure, ...]
    preambles: tuple[BibPreamble, ...] = ()
    comments: tuple[BibComment, ...] = ()
    blocks: tuple[BibEntry | BibString | BibPreamble | BibComment | BibFailure, ...] = ()
    macro_refs: tuple[MacroRef, ...] = ()
    by_key: Mapping[str, tuple[BibEntry, ...]] = dataclasses.field(default_factory=dict)
    _library: Any = dataclasses.field(default=None, repr=False, compare=False)
    _folded: Any = dataclasses.field(default=None, repr=False, compare=False)

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def library(self) -> bibtexparser.Library:
        """bibtexparser's Library: its own block objects, in file order, built on first use.

        Values are what ``bibtexparser.parse_string`` gives with its default parse stack (string
        references resolved, enclosing braces or quotes removed), ``start_line`` is 0-based and
        true, ``raw`` is the block's text. Unlike ``parse_string``: an entry that repeats a field
        or carries ``%`` comment lines is an ``Entry`` (not a failed block), with every field;
        a block neither reader could read is a ``ParsingFailedBlock``; a repeated key becomes a
        ``DuplicateBlockKeyBlock``, as in bibtexparser. Treat it as read-only (copy to change it).
        """
        if self._library is None:
            from citecheck.bib.blocks import build_library

            object.__setattr__(self, "_library", build_library(self))
        return self._library

    def entry(self, key: str) -> BibEntry | None:
        """The first entry with exactly this key."""
        found = self.by_key.get(key)
        return found[0] if found else None

    def find(self, key: str) -> BibEntry | None:
        """The first entry with this key, exact match first, then ignoring case (BibTeX's way)."""
        found = self.entry(key)
        if found is not None:
            return found
        folded = self._folded_keys().get(key.casefold())
        return folded[0] if folded else None

    def _folded_keys(self) -> Mapping[str, tuple[BibEntry, ...]]:
        if self._folded is None:
            folded: dict[str, list[BibEntry]] = {}
            for key, entries in self.by_key.items():
                folded.setdefault(key.casefold(), []).extend(entries)
            object.__setattr__(self, "_folded", {key: tuple(value) for key, value in folded.items()})
        return self._folded

    def parents(self, entry: BibEntry) -> Iterator[tuple[str, BibEntry | None, str]]:
        """The entries ``entry`` inherits from: (``crossref`` or ``xdata``, target or None, key)."""
        crossref = entry.field("crossref")
        if crossref is not None and crossref.value.strip():
            key = crossref.value.strip()
            yield "crossref", self.find(key), key
        for xdata in entry.fields_named("xdata"):
            for key in xdata.value.split(","):
                key = key.strip()
                if key:
                    yield "xdata", self.find(key), key

    def resolved_fields(self, entry: BibEntry) -> dict[str, str]:
        """The entry's fields with those inherited through ``crossref`` and ``xdata``.

        The entry's own fields come first (the first occurrence of a repeated field wins); then,
        for each target in turn (xdata before crossref, depth first), every field the entry does
        not have yet. A crossref from an ``@inproceedings`` to an ``@proceedings`` passes the
        parent's ``title`` on as ``booktitle`` (biblatex's default inheritance; the parent's
        own ``booktitle`` is passed on too when there is one). Links to missing entries are
        skipped and cycles are cut.
        """
        result: dict[str, str] = {}
        for item in entry.fields:
            result.setdefault(item.name, item.value)
        seen = {id(entry)}
        self._inherit(entry, entry.entry_type, result, seen)
        return result

    def _inherit(self, entry: BibEntry, child_type: str, result: dict[str, str], seen: set[int]) -> None:
        links = sorted(self.parents(entry), key=lambda link: link[0] != "xdata")
        for kind, parent, _ in links:
            if parent is None or id(parent) in seen:
                continue
            seen.add(id(parent))
            for item in parent.fields:
                if item.name in NOT_INHERITED:
                    continue
                name = item.name if kind == "xdata" else _inherited_name(parent.entry_type, child_type, item.name)
                result.setdefault(name, item.value)
            self._inherit(parent, child_type, result, seen)
