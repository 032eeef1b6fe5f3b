"""The bibliography, position-exact: a frozen view on top of bibtexparser v2's model.

Every record stores :class:`~citecheck.source.Span` offsets into the ``.bib`` file's decoded text
(``Bibliography.source.text``); 1-based lines and columns come from ``source.locate(span)``.
bibtexparser's own blocks (``Entry``, ``String``, ``Preamble``, ``ExplicitComment``,
``ImplicitComment``, ``ParsingFailedBlock``) are built on demand, with ``start_line`` (0-based, as
bibtexparser counts) and ``raw`` taken from the same offsets, so the export stage can hand the
:attr:`Bibliography.library` to bibtexparser's writer.

Lazy slots. A 20,000-entry file has some 110,000 fields; building a record and two spans for each
costs more than finding them, and bibtexparser's blocks cost as much again. So a few slots hold a
cheap stand-in until first read, when it is replaced by the real value, once:

* ``BibEntry.fields``: the entry's offsets; the first read of any entry's fields tokenizes every
  entry again and builds all their fields at once (with the garbage collector paused).
  ``load.fields_of`` builds one entry's, and ``load.field_texts`` gives their names and values
  as written without building them (the CC3xx checks need no more for most entries);
* ``BibField.span`` and ``value_span``: the name's and the value's offsets (the end is the value's
  end); ``BibEntry.span``, ``key_span`` and the like: ``(path, start, end)`` tuples;
* ``BibEntry.block`` and ``Bibliography.library``: None until read, then built for the whole file.

Reading, ``==``, ``hash``, ``repr``, ``dataclasses.replace`` and pickling all see the real values;
records built by hand with real values behave as usual.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from citecheck.source import SourceFile, Span, slot_setters

if TYPE_CHECKING:
    import bibtexparser
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


class _Located:
    """A hidden slot for the file's path, used while a field's spans are still offsets."""

    __slots__ = ("_path",)


@dataclass(frozen=True, slots=True)
class BibField(_Located):
    """One ``name = value`` of an entry.

    ``name`` is lower-cased; ``raw`` is the value exactly as written (braces, quotes, ``#``
    concatenation); ``value`` has the macros interpolated, the pieces of a concatenation joined and
    the outer braces or quotes removed (LaTeX is left as written: see
    :func:`citecheck.bib.normalize.latex_to_text`). ``span`` covers ``name = value``, ``value_span``
    the raw value. ``problem`` says why the value is not well-formed BibTeX (text after a closing
    brace, a quote never closed ...) when a lenient reader accepted it; it is None otherwise.
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
        span = self.span
        return Span(span.path, span.start, span.start + len(self.name))


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
    and ``error_span`` marks where; ``block`` is the bibtexparser ``ParsingFailedBlock`` that
    stands for it in the library (its ``start_line`` is 0-based, as bibtexparser counts; one is
    made for a failure built by hand without it).
    """

    span: Span
    message: str
    error_span: Span | None = None
    block: bibtexparser.model.ParsingFailedBlock = dataclasses.field(default=None, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class BibEntry:
    """An entry ``@type{key, field = value, ...}``.

    ``entry_type`` is lower-cased, ``span`` runs from the ``@`` to the closing delimiter, and
    ``fields`` keeps every field in file order, a repeated field twice (biber reads such files;
    the duplicate-field check reports them). ``block`` is the matching bibtexparser ``Entry``,
    the same object as in :attr:`Bibliography.library`.
    """

    key: str
    entry_type: str
    span: Span
    key_span: Span
    fields: tuple[BibField, ...]
    block: bibtexparser.model.Entry = dataclasses.field(default=None, repr=False, compare=False)
    _owner: Any = dataclasses.field(default=None, repr=False, compare=False)

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
    """A loaded ``.bib`` file: its records in file order and by kind, and bibtexparser's Library.

    ``blocks`` holds every record in file order (entries, strings, preambles, comments and
    failures), so nothing in the file is left out; ``by_key`` maps each key to every entry with
    that key (more than one is a duplicate key).

    ``library`` is bibtexparser's ``Library`` for the same file: bibtexparser's own block objects
    in file order, ``start_line`` 0-based and true, ``raw`` the block's text, values as
    ``bibtexparser.parse_string`` gives them (string references resolved, enclosing removed).
    Unlike ``parse_string``: an entry that repeats a field or carries ``%`` comment lines is an
    ``Entry`` with every field (not a failed block or a field named ``% ...``); a block neither
    reader could read is a ``ParsingFailedBlock``; a repeated key becomes a
    ``DuplicateBlockKeyBlock`` as in bibtexparser, its entry's values stripped all the same.
    Treat it as read-only (copy it to change it).
    """

    source: SourceFile
    library: bibtexparser.Library = dataclasses.field(default=None, repr=False, compare=False)
    entries: tuple[BibEntry, ...] = ()
    strings: tuple[BibString, ...] = ()
    failures: tuple[BibFailure, ...] = ()
    preambles: tuple[BibPreamble, ...] = ()
    comments: tuple[BibComment, ...] = ()
    blocks: tuple[BibEntry | BibString | BibPreamble | BibComment | BibFailure, ...] = ()
    by_key: Mapping[str, tuple[BibEntry, ...]] = dataclasses.field(default_factory=dict)
    _cache: dict[str, Any] = dataclasses.field(default_factory=dict, repr=False, compare=False)

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def macros(self) -> Mapping[str, str]:
        """Every macro a value may use, lower-cased: jan ... dec, then the file's @strings."""
        found = self._cache.get("macros")
        if found is None:
            from citecheck.bib.load import MONTHS

            found = dict(MONTHS)
            for string in self.strings:
                found[string.name] = string.value
            self._cache["macros"] = found
        return found

    @property
    def macro_refs(self) -> tuple[MacroRef, ...]:
        """Every macro used in a field, an @string or a @preamble, in file order."""
        found = self._cache.get("macro_refs")
        if found is None:
            from citecheck.bib.load import macro_refs

            found = self._cache["macro_refs"] = macro_refs(self)
        return found

    def entry(self, key: str) -> BibEntry | None:
        """The first entry with exactly this key."""
        found = self.by_key.get(key)
        return found[0] if found else None

    def find(self, key: str) -> BibEntry | None:
        """The first entry with this key: exact match first, then ignoring case (BibTeX's way)."""
        found = self.entry(key)
        if found is not None:
            return found
        folded = self._cache.get("folded")
        if folded is None:
            folded = {}
            for written, entries in self.by_key.items():
                folded.setdefault(written.casefold(), entries[0])
            self._cache["folded"] = folded
        return folded.get(key.casefold())

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

    def with_parents(self, keys: Iterable[str]) -> frozenset[str]:
        """The case-folded keys of the entries named by ``keys`` and of every entry they inherit
        from (``crossref``, ``xdata``, transitively); keys with no entry are left out."""
        found: set[str] = set()
        waiting = [entry for key in keys if (entry := self.find(key)) is not None]
        while waiting:
            entry = waiting.pop()
            if entry.key.casefold() not in found:
                found.add(entry.key.casefold())
                waiting.extend(parent for _, _, parent in self.parents(entry) if parent is not None)
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


# --------------------------------------------------------------------------------------------
# Lazy slots (see the module docstring).


class _LazySlot:
    """Stands in for a slot's member descriptor; converts a stand-in value on first read."""

    __slots__ = ("slot", "pending", "convert")

    def __init__(self, slot: Any, pending: Callable[[Any], bool], convert: Callable[[Any, Any], Any]) -> None:
        self.slot = slot
        self.pending = pending
        self.convert = convert

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = self.slot.__get__(instance, owner)
        if self.pending(value):
            value = self.convert(instance, value)
            self.slot.__set__(instance, value)
        return value

    def __set__(self, instance: Any, value: Any) -> None:
        self.slot.__set__(instance, value)

    def __delete__(self, instance: Any) -> None:
        self.slot.__delete__(instance)


class _LazySpan(_LazySlot):
    """A span held as a ``(path, start, end)`` tuple (or, in subclasses, an offset) until read."""

    __slots__ = ()

    def __init__(self, slot: Any) -> None:
        super().__init__(slot, None, None)  # type: ignore[arg-type]

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = self.slot.__get__(instance, owner)
        if type(value) is tuple:
            value = Span(*value)
            self.slot.__set__(instance, value)
        elif type(value) is int:
            value = self._from_offset(instance, owner, value)
            self.slot.__set__(instance, value)
        return value

    def _from_offset(self, instance: Any, owner: type | None, start: int) -> Span:
        raise TypeError(f"a span held as an offset needs a subclass of {type(self).__name__}")


class _FieldSpan(_LazySpan):
    """``BibField.span`` held as the name's offset (an int) until read; the end is the value's."""

    __slots__ = ()

    def _from_offset(self, instance: Any, owner: type | None, start: int) -> Span:
        value_start = _VALUE_SPAN.__get__(instance, owner)
        if type(value_start) is not int:
            value_start = value_start.start
        return Span(instance._path, start, value_start + len(instance.raw))


class _FieldValueSpan(_LazySpan):
    """``BibField.value_span`` held as the value's offset (an int) until read."""

    __slots__ = ()

    def _from_offset(self, instance: Any, owner: type | None, start: int) -> Span:
        return Span(instance._path, start, start + len(instance.raw))


class PendingFields:
    """Stands in for ``BibEntry.fields`` until read; a subclass's ``build()`` makes the fields."""

    __slots__ = ()

    def build(self, entry: BibEntry) -> tuple[BibField, ...]:
        """The fields of ``entry`` (whose ``fields`` slot holds this stand-in)."""
        raise NotImplementedError


def _pending_fields(value: Any) -> bool:
    return isinstance(value, PendingFields)


def _build_fields(entry: BibEntry, value: PendingFields) -> tuple[BibField, ...]:
    return value.build(entry)


def _is_none(value: Any) -> bool:
    return value is None


def _build_block(entry: BibEntry, value: None) -> Any:
    owner = entry._owner
    if owner is not None and owner.bibliography is not None:
        owner.bibliography.library  # noqa: B018 - builds every block, this entry's among them
        block = BibEntry.__dict__["block"].slot.__get__(entry, BibEntry)
        if block is not None:
            return block
    from citecheck.bib.blocks import standalone_entry

    return standalone_entry(entry)


def _build_library(bibliography: Bibliography, value: None) -> Any:
    from citecheck.bib.blocks import build_library

    return build_library(bibliography)


_VALUE_SPAN = BibField.__dict__["value_span"]  # the plain slot, before _install wraps it


def _install() -> None:
    BibField.span = _FieldSpan(BibField.__dict__["span"])  # type: ignore[misc]
    BibField.value_span = _FieldValueSpan(_VALUE_SPAN)  # type: ignore[misc]
    for cls in (BibEntry, BibString, MacroRef, BibPreamble, BibComment, BibFailure):
        for name in ("span", "value_span", "key_span", "name_span", "error_span"):
            slot = cls.__dict__.get(name)
            if slot is not None and type(slot).__name__ == "member_descriptor":
                setattr(cls, name, _LazySpan(slot))
    BibEntry.fields = _LazySlot(BibEntry.__dict__["fields"], _pending_fields, _build_fields)  # type: ignore[misc]
    BibEntry.block = _LazySlot(BibEntry.__dict__["block"], _is_none, _build_block)  # type: ignore[misc]
    Bibliography.library = _LazySlot(Bibliography.__dict__["library"], _is_none, _build_library)  # type: ignore[misc]


_install()


def fast_constructor(cls: type, extra: tuple[str, ...] = ()) -> Callable[..., Any]:
    """A function building ``cls`` (a frozen, slotted dataclass) from its fields in order, then
    the ``extra`` slots, without ``__init__``: frozen dataclasses spend most of their construction
    time in ``object.__setattr__``, and setting the slots directly gives the same objects several
    times faster. Spans may be passed as ``(path, start, end)`` tuples, and a BibField's as the
    offsets of its name and value with its path in the ``_path`` slot; they become Spans when read."""
    if "__post_init__" in vars(cls) or "__slots__" not in vars(cls):
        return cls
    names = [item.name for item in dataclasses.fields(cls)] + list(extra)
    namespace, setters = slot_setters(cls, names, "o")
    namespace.update(_new=object.__new__, _cls=cls)
    lines = [f"def make({', '.join(names)}):", "    o = _new(_cls)", *setters, "    return o"]
    exec("\n".join(lines), namespace)  # noqa: S102 - generated from the dataclass's own field names
    return namespace["make"]
