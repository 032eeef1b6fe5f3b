"""Export: a cleaned copy of the bibliography, with every piece of its data kept.

:func:`export_bibtex` turns a loaded :class:`~citecheck.bib.model.Bibliography` into normalised
BibTeX text; :func:`citecheck.bib.csl.export_csl_json` into CSL-JSON; the ``citecheck export``
command (files, ``--check``, the key map, ``--rewrite-keys``) is :mod:`citecheck.commands.export`. The loaded
bibliography is never changed: pure functions read its records (values as written, with their
positions) and build new bibtexparser blocks, which bibtexparser's writer writes.

Normalisations
--------------
Every kept entry keeps every field with its value, apart from these changes:

* **Values in braces.** ``"..."`` and bare numbers become ``{...}``; ``@string`` macro references
  (``journal = jmh``) and ``#`` concatenations stay references (each braced or quoted piece of a
  concatenation in braces).
* **Whitespace.** Runs of blanks and line breaks inside a value become one space and the value is
  trimmed (BibTeX reads values the same way); inside a concatenation, and in an ``@string`` value,
  a piece keeps one space at either end where it had any. Only ASCII blanks count: a no-break
  space stays.
* **Page ranges** in ``pages`` with ``--``: ``13-14``, ``13 - 14``, ``13–14`` (en dash), ``13—14``,
  ``13---14`` all become ``13--14`` (numbers, roman numerals, ``S12``-style page numbers).
* **DOIs bare:** ``https://doi.org/``, ``http://dx.doi.org/``, ``doi.org/`` and ``doi:`` are removed
  from ``doi``.
* **Months as macros:** ``month = {March}``, ``{mar}``, ``"3"``, ``3`` or ``Mar`` become ``month = mar``
  (bibtexparser's MonthAbbreviationMiddleware), unless the file redefines that macro.
* **Names** in ``author``, ``editor`` and the other name lists: only the separators change
  (``AND`` and blanks around ``and`` become `` and ``); every name is written exactly as it
  stands (accents, ``\\O{}``, ties ``T.~P.``, braces, ``and others``), so its parts never change.
* **Field names and entry types** lower-case; **fields in one order**: :data:`FIELD_ORDER`, then
  the rest alphabetically.
* **Layout:** ``@type{key,``, one field per line indented by two spaces, ``name = value,`` (a
  trailing comma), ``}``; one blank line between blocks; ``@string`` and ``@preamble`` (its text
  as written) and ``@comment`` written in braces; UTF-8 with ``\\n`` line ends.
* **Order** (``--sort key``): entries sorted by key (ignoring case) within each run of entries
  between ``@string``, ``@preamble``, unreadable blocks and comments that stand alone; an entry that
  is the target of a ``crossref`` goes after the others of its run, as BibTeX needs. Every such
  block stays where it was. A comment directly above a block (no blank line between) moves with
  it; of a comment with blank lines in it, only the last paragraph does.
* **Comments** (text between blocks, ``@comment``) are kept as written (ends trimmed); ``%`` lines
  between the fields of an entry move directly above the entry.
* **Unreadable blocks** are written back verbatim, with any text that directly follows them, and
  reported on standard error. Comment lines that would stand directly below an unclosed one (it
  would take them in when the export is read) are written as one ``@comment{...}`` instead.
* **Duplicates** (:func:`normalize_entries`): entries identical after the normalisations above
  (type and every field; the key aside) and the same work are merged into the first (two
  sparse entries, ``date = 1911`` and nothing else, are identical without being one work). Every other pair that is the
  same work (:mod:`citecheck.bib.sameness`, the definition CC303 uses) is reported and both are
  kept. With ``merge`` (``export --merge``) such a pair is merged too, the fields only one has
  added to the first, unless a field has two different values (or the types differ, or one
  has a repeated field with two values): that pair is refused, with the fields named, and both
  stay, so no value is ever dropped. Two entries that differ in volume, number, pages, edition,
  chapter, part, month, year or container are never the same work. Merging repeats until
  nothing is left to merge. A field repeated inside one entry with another value is written as
  a comment line directly above the entry,
  ``% citecheck: conflict in year: 1999 (kept) vs 2000 (repeated field in smith1999)`` (an
  ``@comment{...}`` instead when the text holds a block start such as ``@book{``), and
  reported; repeating the same value, it is dropped. Comments above a merged entry move above
  the entry it is merged into; ``crossref`` and ``xdata`` are redirected to the kept key. The
  key map (``{"old": "kept"}``) lists every key that was merged away, and nothing else; a key
  ``--only-cited`` keeps because a manuscript cites it is never merged away. Two entries with
  the same key and different contents are both written (CC302 reports them).

The export of the export is the same text (tests/test_export_properties.py).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from citecheck.bib.load import MONTHS, _brace_end, _quote_end, interpret_value, parse_bibliography
from citecheck.bib.model import BibComment, BibEntry, BibFailure, Bibliography, BibPreamble, BibString
from citecheck.bib.sameness import SameWorkIndex, Work, same_work, split_names
from citecheck.errors import UsageError
from citecheck.source import SourceFile
from citecheck.wording import counted

__all__ = [
    "Citations",
    "FIELD_ORDER",
    "NAME_FIELDS",
    "Conflict",
    "Export",
    "Merge",
    "NormalEntry",
    "Piece",
    "cited_keys",
    "collapse_whitespace",
    "export_bibtex",
    "field_sort_key",
    "normalize_doi",
    "normalize_entries",
    "normalize_names",
    "normalize_pages",
    "normalize_string_value",
    "normalize_value",
    "writer_format",
    "pieces",
    "rewrite_citation_keys",
]

FIELD_ORDER: tuple[str, ...] = (
    "author", "editor", "title", "subtitle", "booktitle", "journal", "journaltitle", "volume",
    "number", "pages", "publisher", "address", "location", "year", "date", "month", "edition",
    "series", "isbn", "issn", "doi", "url", "urldate", "note",
)  # fmt: skip
_RANK = {name: rank for rank, name in enumerate(FIELD_ORDER)}

NAME_FIELDS = frozenset(
    "author editor translator bookauthor editora editorb editorc annotator commentator "
    "introduction foreword afterword holder".split()
)


# --------------------------------------------------------------------------------------------
# Values


@dataclass(frozen=True, slots=True)
class Piece:
    """One piece of a value as written: ``kind`` is ``"text"`` (braced or quoted; ``text`` is
    what is inside the delimiters), ``"number"`` or ``"macro"`` (``text`` is the word)."""

    kind: str
    text: str


_BARE_WORD = re.compile(r'[^\s#{}",=%]+')  # as the loader reads a bare word
_BLANKS = re.compile(r"\s*")
_ASCII_BLANKS = re.compile(r"[ \t\n\r\f\v]+")
_START = re.compile(r"@(\w*)[ \t]*([{(])")  # a block start, as the loader finds them


def pieces(raw: str) -> tuple[Piece, ...] | None:
    """The ``#``-joined pieces of a value as written; None when it is not well-formed BibTeX.

    Braces follow the loader's rule (a brace after a backslash does not count), so a value the
    loader read without a problem always has pieces.
    """
    length = len(raw)
    position = _BLANKS.match(raw).end()
    if position >= length:
        return None
    found: list[Piece] = []
    while True:
        char = raw[position]
        if char == "{" or char == '"':
            close = (_brace_end if char == "{" else _quote_end)(raw, position, length)
            if close < 0:
                return None
            found.append(Piece("text", raw[position + 1 : close]))
            position = close + 1
        else:
            word = _BARE_WORD.match(raw, position)
            if word is None:
                return None
            text = word.group()
            found.append(Piece("number" if text.isdigit() and text.isascii() else "macro", text))
            position = word.end()
        after = _BLANKS.match(raw, position).end()
        if after >= length:
            return tuple(found)
        if raw[after] != "#":
            return None
        position = _BLANKS.match(raw, after + 1).end()
        if position >= length:
            return None


def _odd_backslashes(text: str) -> bool:
    return (len(text) - len(text.rstrip("\\"))) % 2 == 1


def collapse_whitespace(text: str, trim: bool = True) -> str:
    """Runs of ASCII blanks and line breaks become one space; with ``trim`` the ends go too
    (a control space ``\\ `` at the end is kept)."""
    text = _ASCII_BLANKS.sub(" ", text)
    if not trim:
        return text
    text = text.lstrip(" ")
    stripped = text.rstrip(" ")
    if stripped != text and _odd_backslashes(stripped):
        stripped += " "
    return stripped


_PAGE = r"(?:[A-Za-z]{0,3}\d+[A-Za-z]?|[ivxlcdm]+|[IVXLCDM]+)"
_PAGE_RANGE = re.compile(rf"(?<![\w.\-])({_PAGE}) ?(?:-{{1,3}}|[\u2010-\u2015\u2212]) ?({_PAGE})(?![\w\-])")


def normalize_pages(text: str) -> str:
    """Page ranges with ``--``: ``13-14``, ``13 – 14``, ``13—14`` -> ``13--14``; lists keep their
    separators (``1-2, 5-7`` -> ``1--2, 5--7``); ``1-2-3`` is left alone."""
    return _PAGE_RANGE.sub(r"\1--\2", text)


_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


def normalize_doi(text: str) -> str:
    """A DOI bare: ``https://doi.org/10.1/x``, ``http://dx.doi.org/10.1/x``, ``doi:10.1/x`` -> ``10.1/x``."""
    for _ in range(3):
        bare = _DOI_PREFIX.sub("", text, count=1)
        if bare == text:
            break
        text = bare
    return text


def normalize_names(text: str) -> str:
    """A name list with its separators normalised: ``and`` (any case, any blanks around it)
    becomes `` and ``; each name is written exactly as it stands (``T.~P. Smith``,
    ``\\'Ujfalussy, B.``, ``{\\rlap{...}}``, ``and others``), since rewriting a name risks
    changing what BibTeX reads as its parts. A list with an empty name stays as written."""
    names = split_names(text)
    if not all(names):
        return text
    return " and ".join(names)


def _month_macro(found: tuple[Piece, ...], macros: Mapping[str, str]) -> str | None:
    """``jan`` ... ``dec`` for a month value, when the file keeps BibTeX's meaning of that macro."""
    from bibtexparser.middlewares.month import MonthAbbreviationMiddleware
    from bibtexparser.model import Field

    if len(found) != 1:
        return None
    piece = found[0]
    value = macros.get(piece.text.lower()) if piece.kind == "macro" else piece.text
    if value is None or not value.isascii():  # bibtexparser takes "²" for a number and fails on it
        return None
    resolved, _ = MonthAbbreviationMiddleware().resolve_month_field_val(Field("month", collapse_whitespace(value)))
    if isinstance(resolved, str) and resolved in MONTHS and macros.get(resolved) == MONTHS[resolved]:
        return resolved
    return None


def normalize_value(name: str, raw: str, macros: Mapping[str, str]) -> str:
    """A field's value as the export writes it (see the module docstring); ``raw`` is the value
    as written, ``name`` the lower-cased field name. A value that is not well-formed BibTeX is
    kept as written (its ends trimmed)."""
    found = pieces(raw)
    if found is None:
        return raw.strip()
    return _normalize_pieces(name, found, macros)


def normalize_string_value(raw: str) -> str:
    """An ``@string`` value as the export writes it: in braces, runs of blanks collapsed, but a
    blank at either end kept (``@string{stoc = " Symposium"}`` is made to be concatenated)."""
    found = pieces(raw)
    if found is None:
        return raw.strip()
    return " # ".join(
        "{" + collapse_whitespace(piece.text, trim=False) + "}" if piece.kind != "macro" else piece.text
        for piece in found
    )


def _normalize_pieces(name: str, found: tuple[Piece, ...], macros: Mapping[str, str]) -> str:
    if name == "month":
        month = _month_macro(found, macros)
        if month is not None:
            return month
    if len(found) == 1:
        piece = found[0]
        if piece.kind == "macro":
            return piece.text
        inner = collapse_whitespace(piece.text)
        if name == "pages":
            inner = normalize_pages(inner)
        elif name == "doi":
            inner = normalize_doi(inner)
        elif name in NAME_FIELDS:
            inner = normalize_names(inner)
        return "{" + inner + "}"
    return " # ".join(
        "{" + collapse_whitespace(piece.text, trim=False) + "}" if piece.kind == "text" else piece.text
        for piece in found
    )


def field_sort_key(name: str) -> tuple[int, str]:
    """The canonical field order: :data:`FIELD_ORDER`, then every other field alphabetically."""
    rank = _RANK.get(name)
    return (rank, "") if rank is not None else (len(FIELD_ORDER), name)


def _shown(value: str) -> str:
    """A value for a message: without its braces when it is one braced piece."""
    if value.startswith("{") and _brace_end(value, 0, len(value)) == len(value) - 1:
        value = value[1:-1]
    return collapse_whitespace(value)


# --------------------------------------------------------------------------------------------
# Entries


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two different values for one field: ``kept`` stays in entry ``key``, ``other`` comes from
    entry ``source`` (``repeated`` when it is a repeated field of that entry)."""

    key: str
    field: str
    kept: str
    other: str
    source: str
    repeated: bool = False
    line: int = 0  # where ``other`` stands in the input (1-based)

    @property
    def comment(self) -> str:
        """The comment line the export writes above the entry."""
        origin = f"repeated field in {self.source}" if self.repeated else f"from {self.source}"
        return f"% citecheck: conflict in {self.field}: {_shown(self.kept)} (kept) vs {_shown(self.other)} ({origin})"


@dataclass(frozen=True, slots=True)
class Merge:
    """Entry ``merged`` (at ``line``) was merged into entry ``kept`` because of ``reason``."""

    kept: str
    merged: str
    reason: str
    line: int


@dataclass(frozen=True, slots=True)
class NormalEntry:
    """An entry as the export writes it: values normalised (:func:`normalize_value`), fields in
    the canonical order, each name once; ``conflicts`` are written as comments above it."""

    key: str
    entry_type: str
    fields: tuple[tuple[str, str], ...]
    conflicts: tuple[Conflict, ...] = ()

    def get(self, name: str) -> str | None:
        for field_name, value in self.fields:
            if field_name == name:
                return value
        return None


def _line(bib: Bibliography, offset: int) -> int:
    return bib.source.index.line_col(offset)[0]


def _normalize_entry(bib: Bibliography, entry: BibEntry, notes: list[str]) -> NormalEntry:
    macros = bib.macros
    values: dict[str, str] = {}
    conflicts = []
    for item in entry.fields:
        found = pieces(item.raw) if item.problem is None else None
        value = item.raw.strip() if found is None else _normalize_pieces(item.name, found, macros)
        if found is None:
            notes.append(
                f"{bib.path}:{_line(bib, entry.field_span(item).start)}: warning: entry {entry.key}: the value of "
                f"{item.name!r} is not well-formed BibTeX ({item.problem or 'unreadable'}); written as it is"
            )
        kept = values.get(item.name)
        if kept is None:
            values[item.name] = value
        elif kept != value:
            line = _line(bib, entry.field_span(item).start)
            conflicts.append(Conflict(entry.key, item.name, kept, value, entry.key, repeated=True, line=line))
        else:
            notes.append(
                f"{bib.path}:{_line(bib, entry.field_span(item).start)}: note: entry {entry.key}: dropped the repeated "
                f"field {item.name!r} (same value)"
            )
    ordered = tuple(sorted(values.items(), key=lambda pair: field_sort_key(pair[0])))
    return NormalEntry(entry.key, entry.entry_type, ordered, tuple(conflicts))


def _differing(kept: NormalEntry, other: NormalEntry) -> list[tuple[str, str, str]]:
    """``(field, kept's value, other's value)`` for each field both have with different values
    after the normalisations (DOIs compared ignoring case, as DOIs are)."""
    values = dict(kept.fields)
    return [
        (name, values[name], value)
        for name, value in other.fields
        if name in values and values[name] != value and not (name == "doi" and values[name].casefold() == value.casefold())
    ]


def _merge(kept: NormalEntry, others: Sequence[NormalEntry]) -> NormalEntry:
    """``kept`` with the fields only ``others`` have (no field of theirs has another value) and
    the other values of their repeated fields (each once)."""
    values = dict(kept.fields)
    conflicts = list(kept.conflicts)
    seen = {(conflict.field, conflict.kept, conflict.other) for conflict in conflicts}
    for other in others:
        for name, value in other.fields:
            values.setdefault(name, value)
        for conflict in other.conflicts:
            if (conflict.field, conflict.kept, conflict.other) not in seen:
                seen.add((conflict.field, conflict.kept, conflict.other))
                conflicts.append(dataclasses.replace(conflict, key=kept.key))
    ordered = tuple(sorted(values.items(), key=lambda pair: field_sort_key(pair[0])))
    return NormalEntry(kept.key, kept.entry_type, ordered, tuple(conflicts))


def _redirect(entry: NormalEntry, keymap: Mapping[str, str], folded: Mapping[str, str]) -> NormalEntry:
    """``crossref`` and ``xdata`` pointing at a merged-away key point at the kept key."""

    def target(key: str) -> str:
        return keymap.get(key) or folded.get(key.casefold()) or key

    changed = []
    for name, value in entry.fields:
        if name in ("crossref", "xdata") and value.startswith("{") and value.endswith("}"):
            keys = [part.strip() for part in value[1:-1].split(",")]
            new = [target(key) if key else key for key in keys]
            if new != keys:
                value = "{" + ", ".join(new) + "}"
        changed.append((name, value))
    return dataclasses.replace(entry, fields=tuple(changed))


@dataclass(frozen=True, slots=True)
class _Normalised:
    """Every entry normalised and the duplicates merged."""

    entries: Mapping[int, NormalEntry]  # id(BibEntry) -> what to write, for each kept entry
    merged_into: Mapping[int, BibEntry]  # id(BibEntry merged away) -> the entry it went into
    merges: tuple[Merge, ...]
    keymap: Mapping[str, str]
    notes: tuple[str, ...]


def _work(entry: NormalEntry, macros: Mapping[str, str]) -> Work:
    """What :mod:`~citecheck.bib.sameness` reads of a normalised entry: its values, interpolated."""
    return Work(entry.entry_type.lower(), {name: interpret_value(raw, macros.get)[0] for name, raw in entry.fields})


def _identical(entry: NormalEntry) -> tuple[str, tuple[tuple[str, str], ...]]:
    """What two entries must share to be identical after normalisation: the type and every
    field as written; the key aside (the other values of repeated fields are kept as comments)."""
    return entry.entry_type.lower(), entry.fields


def _refusal(kept: NormalEntry, other: NormalEntry) -> str | None:
    """Why ``--merge`` does not merge two entries that are the same work: the type or the fields
    with two values; None when nothing differs."""
    differences = []
    if kept.entry_type.lower() != other.entry_type.lower():
        differences.append(f"type ({kept.entry_type} vs {other.entry_type})")
    differences.extend(f"{name} ({_shown(one)} vs {_shown(two)})" for name, one, two in _differing(kept, other))
    return "; ".join(differences) or None


def _shared_keys(bib: Bibliography, kept: Sequence[BibEntry]) -> list[str]:
    """A warning for each kept entry whose key an earlier kept entry has (ignoring case)."""
    first: dict[str, BibEntry] = {}
    found = []
    for entry in kept:
        earlier = first.setdefault(entry.key.casefold(), entry)
        if earlier is not entry:
            found.append(
                f"{bib.path}:{_line(bib, entry.span.start)}: warning: entry {entry.key} has the key of {earlier.key} "
                f"(line {_line(bib, earlier.span.start)}) but other fields; both written (BibTeX reads only the first)"
            )
    return found


def _keys_seen_twice(keys: Iterable[str]) -> frozenset[str]:
    seen: set[str] = set()
    twice: set[str] = set()
    for key in keys:
        folded = key.casefold()
        (twice if folded in seen else seen).add(folded)
    return frozenset(twice)


def _may_merge(kept: str, merged: str, keep: frozenset[str], shared: frozenset[str]) -> bool:
    """Whether the entry with key ``merged`` may go into the one with key ``kept`` (both folded).

    Under another key only when neither key is shared by several entries (a citation of a shared
    key cannot say which entry it meant, so its map would be a guess) and the merged key is not
    one the user keeps (``--only-cited``).
    """
    return kept == merged or not (merged in keep or merged in shared or kept in shared)


def normalize_entries(bib: Bibliography, merge: bool = False, keep: frozenset[str] = frozenset()) -> _Normalised:
    """Normalise every entry; merge the entries that are identical after normalisation (apart
    from their keys) and the same work into the first of them; report every other duplicate.

    With ``merge``, an entry that is the same work as an earlier one
    (:func:`citecheck.bib.sameness.same_work`, the definition CC303 uses) is merged into it too,
    unless a field has different values in the two: that pair is refused, with the fields named,
    and both stay. Merging is repeated until nothing is left to merge (a merged entry gathers
    the fields of its duplicates and may then be the same work as another), so the export of
    the export merges nothing. An entry whose key (case-folded) is in ``keep`` is never merged
    into an entry with another key (``--only-cited`` keeps every key a manuscript cites).
    """
    notes: list[str] = []
    macros = bib.macros
    current = [(entry, _normalize_entry(bib, entry, notes)) for entry in bib.entries]
    merged_into: dict[int, BibEntry] = {}
    merged: list[BibEntry] = []
    merges = []
    reported: set[tuple[str, str]] = set()
    while True:
        groups: dict[Any, list[int]] = {}
        for index, (_, normal) in enumerate(current):
            groups.setdefault(_identical(normal), []).append(index)
        works = [_work(normal, macros) for _, normal in current]
        pairs = []
        for group in groups.values():
            # Identical values: the same verdict for every pair of the group. Two sparse entries
            # (``date = 1911`` and nothing else) are identical without being one work.
            reason = same_work(works[group[0]], works[group[0]]) if len(group) > 1 else None
            pairs.extend((group[0], later, f"identical, {reason}") for later in group[1:] if reason)
        index = SameWorkIndex(works.__getitem__)
        identical = {later for _, later, _ in pairs}
        for number, item in enumerate(works):
            found = index.add(number, item)
            if found is None or number in identical:
                continue
            earlier, reason = found
            (kept, kept_normal), (other, normal) = current[earlier], current[number]
            line = _line(bib, other.span.start)
            seen = (kept_normal.key, normal.key)
            refused = _refusal(kept_normal, normal) if merge else None
            if merge and refused is None:
                pairs.append((earlier, number, reason))
            elif seen not in reported:
                reported.add(seen)
                if merge:
                    notes.append(
                        f"{bib.path}:{line}: warning: not merged: entry {normal.key} is the same work as "
                        f"{kept_normal.key} ({reason}) but they differ in {refused}; both kept"
                    )
                else:
                    notes.append(
                        f"{bib.path}:{line}: note: entry {normal.key} is the same work as {kept_normal.key} "
                        f"({reason}); both kept (export --merge merges such entries when no field differs)"
                    )
        shared = _keys_seen_twice(normal.key for _, normal in current)
        pairs = [
            (earlier, later, reason)
            for earlier, later, reason in pairs
            if _may_merge(current[earlier][1].key.casefold(), current[later][1].key.casefold(), keep, shared)
        ]
        if not pairs:
            break
        dropped: set[int] = set()
        into: dict[int, list[NormalEntry]] = {}
        for earlier, later, reason in sorted(pairs):
            if earlier in dropped or later in dropped:
                continue  # settled in the next round, against the merged entry
            kept_normal = current[earlier][1]
            other, normal = current[later]
            line = _line(bib, other.span.start)
            into.setdefault(earlier, []).append(normal)
            merged_into[id(other)] = current[earlier][0]
            merged.append(other)
            merges.append(Merge(kept_normal.key, normal.key, reason, line))
            dropped.add(later)
        for earlier, others in into.items():
            kept, kept_normal = current[earlier]
            current[earlier] = (kept, _merge(kept_normal, others))
        current = [pair for number, pair in enumerate(current) if number not in dropped]

    notes.extend(_shared_keys(bib, [entry for entry, _ in current]))

    def final(entry: BibEntry) -> BibEntry:
        while id(entry) in merged_into:
            entry = merged_into[id(entry)]
        return entry

    merged_into = {id(entry): final(entry) for entry in merged}
    keymap: dict[str, str] = {}
    remaining: dict[str, list[str]] = {}
    for entry, _ in current:
        remaining.setdefault(entry.key.casefold(), []).append(entry.key)
    for entry in merged:
        target = merged_into[id(entry)].key
        # A key some other kept entry still has leads to that entry: it is not in the map.
        if entry.key != target and remaining.get(entry.key.casefold(), [target]) == [target]:
            keymap.setdefault(entry.key, target)
    normal = {id(entry): normal for entry, normal in current}
    if keymap:
        folded = {old.casefold(): new for old, new in keymap.items()}
        normal = {ident: _redirect(entry, keymap, folded) for ident, entry in normal.items()}
    return _Normalised(
        MappingProxyType(normal),
        MappingProxyType(merged_into),
        tuple(merges),
        MappingProxyType(dict(sorted(keymap.items()))),
        tuple(notes),
    )


# --------------------------------------------------------------------------------------------
# Layout: blocks in chunks (comments directly above a block go with it), runs of entries sorted


@dataclass(slots=True)
class _Chunk:
    """What is written together, without blank lines: comments, then the main block (None for
    comments that stand alone)."""

    comments: list[Any]  # bibtexparser ImplicitComment / ExplicitComment blocks
    main: Any = None  # a NormalEntry, or a bibtexparser block that stays in place
    failure: bool = False  # main is an unreadable block's text (an ImplicitComment), verbatim

    @property
    def is_entry(self) -> bool:
        return isinstance(self.main, NormalEntry)


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def _balanced(text: str) -> bool:
    depth = 0
    for mark in re.finditer(r"(?<!\\)[{}]", text):
        depth += 1 if mark.group() == "{" else -1
        if depth < 0:
            return False
    return depth == 0


def _comment_block(text: str) -> Any:
    """A comment we write: a ``%`` line, or ``@comment{...}`` when the text holds a block start."""
    from bibtexparser.model import ExplicitComment, ImplicitComment

    text = text.strip()
    if _START.search(text) and _balanced(text):
        return ExplicitComment(comment=text.lstrip("% ").strip())
    return ImplicitComment(comment=text)


def _source_comment(bib: Bibliography, comment: BibComment, text: str | None = None) -> Any:
    """A comment of the file as bibtexparser's block: the text as read (ends trimmed)."""
    from bibtexparser.model import ExplicitComment, ImplicitComment

    if not comment.explicit:
        return ImplicitComment(comment=comment.text if text is None else text)
    raw = bib.source.text[comment.span.start : comment.span.end]
    if raw.rstrip().endswith("}") or _balanced(comment.text):
        return ExplicitComment(comment=comment.text)
    return ImplicitComment(comment=raw.strip())  # @comment(...) with unbalanced braces: as written


def _inner_comments(bib: Bibliography, entry: BibEntry) -> str | None:
    """``%`` comment lines between the fields of an entry (biber reads them), rstripped."""
    text = bib.source.text
    if text.find("%", entry.span.start, entry.span.end) < 0:
        return None
    gaps = []
    cursor = entry.key_span.end
    for item in entry.fields:
        gaps.append((cursor, entry.field_span(item).start))
        cursor = entry.value_span(item).end
    gaps.append((cursor, entry.span.end))
    lines = []
    for start, end in gaps:
        if "%" in text[start:end]:
            lines.extend(found.group().rstrip() for found in re.finditer(r"%[^\n]*", text[start:end]))
    return "\n".join(lines) if lines else None


def _layout(bib: Bibliography, normalised: _Normalised, warnings: list[str]) -> list[_Chunk]:
    from bibtexparser.model import ImplicitComment, Preamble, String

    text = bib.source.text
    records = list(bib.blocks)
    chunks: list[_Chunk] = []
    by_entry: dict[int, _Chunk] = {}
    pending: list[Any] = []

    def newlines(end: int, start: int) -> int:
        return text.count("\n", end, start)

    def close(main: Any) -> _Chunk:
        nonlocal pending
        chunk = _Chunk(pending, main)
        pending = []
        chunks.append(chunk)
        return chunk

    index = 0
    while index < len(records):
        record = records[index]
        following = records[index + 1] if index + 1 < len(records) else None
        index += 1
        if isinstance(record, BibComment):
            adjacent = following is not None and newlines(record.span.end, following.span.start) <= 1
            if not adjacent:
                pending.append(_source_comment(bib, record))
                close(None)
            elif record.explicit:
                pending.append(_source_comment(bib, record))
            else:
                breaks = list(_PARAGRAPH_BREAK.finditer(record.text))
                if breaks:
                    head = record.text[: breaks[-1].start()].rstrip()
                    pending.append(_source_comment(bib, record, head))
                    close(None)
                    pending.append(ImplicitComment(comment=record.text[breaks[-1].end() :]))
                else:
                    pending.append(_source_comment(bib, record))
        elif isinstance(record, BibEntry):
            inner = _inner_comments(bib, record)
            if inner is not None:
                pending.append(_comment_block(inner))
            kept = normalised.merged_into.get(id(record))
            if kept is not None:
                by_entry[id(kept)].comments.extend(pending)  # above the entry it was merged into
                pending = []
            else:
                by_entry[id(record)] = close(normalised.entries[id(record)])
        elif isinstance(record, BibString):
            written = text[record.name_span.start : record.name_span.end]
            close(String(key=written, value=normalize_string_value(record.raw)))
        elif isinstance(record, BibPreamble):
            value = record.raw.strip()
            raw = text[record.span.start : record.span.end]
            if raw.rstrip().endswith("}") or _balanced(value):
                close(Preamble(value=value))
            else:
                close(ImplicitComment(comment=raw.strip()))
        elif isinstance(record, BibFailure):
            end = record.span.end
            if (
                isinstance(following, BibComment)
                and not following.explicit
                and newlines(record.span.end, following.span.start) <= 1
            ):
                end = following.span.end  # what the reader could not place belongs with the block
                index += 1
            close(ImplicitComment(comment=text[record.span.start : end])).failure = True
            location = bib.source.locate(record.span)
            lines = f"lines {location.line}-{location.end_line} are" if location.end_line > location.line else "it is"
            warnings.append(
                f"{bib.path}:{location.line}: warning: could not read this block ({record.message}); "
                f"{lines} written back unchanged"
            )
    if pending:
        close(None)
    # The conflicts of each entry, directly above it.
    for chunk in chunks:
        if chunk.is_entry:
            for conflict in chunk.main.conflicts:
                chunk.comments.append(_comment_block(conflict.comment))
    return chunks


def _sorted(chunks: list[_Chunk], rank: Mapping[str, int] | None = None) -> list[_Chunk]:
    """Entries sorted within each run between blocks that stay in place: by key, or by ``rank``
    (case-folded key -> position of the first citation; uncited entries after, by key)."""
    targets = {
        key.strip().casefold()
        for chunk in chunks
        if chunk.is_entry
        for key in (chunk.main.get("crossref") or "").strip("{}").split(",")
        if key.strip()
    }
    result: list[_Chunk] = []
    run: list[_Chunk] = []

    def order(chunk: _Chunk) -> tuple[bool, int, str, str]:
        key = chunk.main.key
        first = 0 if rank is None else rank.get(key.casefold(), len(rank))
        return key.casefold() in targets, first, key.casefold(), key

    for chunk in chunks:
        if chunk.is_entry:
            run.append(chunk)
            continue
        result.extend(sorted(run, key=order))
        run = []
        result.append(chunk)
    result.extend(sorted(run, key=order))
    return result


# --------------------------------------------------------------------------------------------
# Writing


def writer_format() -> Any:
    """bibtexparser's writer set to the export's layout (also used for suggested entries)."""
    from bibtexparser.writer import BibtexFormat

    fmt = BibtexFormat()
    fmt.indent = "  "
    fmt.value_column = 0
    fmt.trailing_comma = True
    fmt.block_separator = ""  # the blocks of a chunk touch; chunks are joined with a blank line
    return fmt


def _write_chunk(chunk: _Chunk, fmt: Any) -> str:
    import bibtexparser
    from bibtexparser import Library
    from bibtexparser.model import Entry, Field

    blocks = list(chunk.comments)
    main = chunk.main
    if isinstance(main, NormalEntry):
        blocks.append(Entry(main.entry_type, main.key, [Field(name, value) for name, value in main.fields]))
    elif main is not None:
        blocks.append(main)
    return bibtexparser.write_string(Library(blocks, fail_on_duplicate_key=False), unparse_stack=[], bibtex_format=fmt)


@dataclass(frozen=True, slots=True)
class Export:
    """What an export produced: the text, the key map (merged-away key -> kept key), the
    merges and conflicts, and warnings and notes for standard error."""

    text: str
    keymap: Mapping[str, str]
    merges: tuple[Merge, ...]
    conflicts: tuple[Conflict, ...]
    messages: tuple[str, ...]
    entries: int


def _messages(
    bib: Bibliography,
    normalised: _Normalised,
    conflicts: Iterable[Conflict],
    fate: str = "is written as a comment above the entry",
) -> list[str]:
    found = []
    problem = bib.source.decode_problem
    if problem is not None:
        found.append(
            f"{bib.path}: note: not UTF-8 (byte 0x{problem.byte:02X}); read as {problem.fallback}, written as UTF-8"
        )
    elif bib.source.encoding.startswith("utf-16") or bib.source.encoding.startswith("utf-32"):
        found.append(f"{bib.path}: note: read as {bib.source.encoding.upper()}, written as UTF-8")
    if not bib.entries:
        found.append(f"{bib.path}: warning: no entry found: is this a BibTeX file?")
    for merge in normalised.merges:
        found.append(f"{bib.path}:{merge.line}: note: merged entry {merge.merged} into {merge.kept} ({merge.reason})")
    for conflict in conflicts:
        origin = f"a repeated field of {conflict.source}" if conflict.repeated else f"from {conflict.source}"
        found.append(
            f"{bib.path}:{conflict.line}: warning: conflict in {conflict.field} of {conflict.key}: kept "
            f"{_shown(conflict.kept)!r}, the other value {_shown(conflict.other)!r} ({origin}) {fate}"
        )
    found.extend(normalised.notes)
    return found


def _settle_failures(bib: Bibliography, chunks: list[_Chunk], fmt: Any) -> None:
    """Keep an unreadable block, in the export, to the extent it will have when the export is read.

    A block that is never closed runs on to the next block that starts a line, so comment lines
    written directly above the block after it would become part of it when the export is read
    again. Such comments are written as one ``@comment{...}`` (a block of its own, which stops the
    unreadable one), or, when their braces do not balance, moved into the unreadable block's text
    (verbatim, between the same neighbours), so exporting the export changes nothing.
    """
    from bibtexparser.model import ExplicitComment, ImplicitComment

    for number, chunk in enumerate(chunks[:-1]):
        if not chunk.failure:
            continue
        following = chunks[number + 1]
        while following.comments and isinstance(following.comments[0], ImplicitComment):
            written = chunk.main.comment
            probe = written + "\n\n" + _write_chunk(following, fmt)
            first = parse_bibliography(SourceFile(bib.path, probe)).blocks[0]
            if isinstance(first, BibFailure) and probe[first.span.start : first.span.end] == written:
                break
            count = 0
            while count < len(following.comments) and isinstance(following.comments[count], ImplicitComment):
                count += 1
            joined = "\n".join(comment.comment for comment in following.comments[:count])
            if _balanced(joined):
                following.comments[:count] = [ExplicitComment(comment=joined)]
                break
            moved = following.comments.pop(0)
            chunk.main = ImplicitComment(comment=written + "\n\n" + moved.comment)


def _in_file_order(bib: Bibliography, messages: list[str]) -> list[str]:
    """Messages sorted by their line (those about the whole file first), stably."""
    prefix = f"{bib.path}:"

    def line(message: str) -> int:
        if message.startswith(prefix):
            number = message[len(prefix) :].split(":", 1)[0]
            if number.isdigit():
                return int(number)
        return 0

    return sorted(messages, key=line)


@dataclass(frozen=True, slots=True)
class Citations:
    """What the manuscripts cite, for ``--only-cited`` and ``--sort citation-order``: the entry
    keys in the order first cited, and whether a ``\\nocite{*}`` cites everything."""

    keys: tuple[str, ...]
    everything: bool = False


def _citation_rank(bib: Bibliography, normalised: _Normalised, citations: Citations) -> dict[str, int]:
    """Case-folded key of each kept entry -> its place in citation order; an entry merged away
    passes its place on to the entry it went into."""
    folded_map = {old.casefold(): new.casefold() for old, new in normalised.keymap.items()}
    rank: dict[str, int] = {}
    for key in citations.keys:
        entry = bib.find(key)
        if entry is not None:
            kept = folded_map.get(entry.key.casefold(), entry.key.casefold())
            rank.setdefault(kept, len(rank))
    return rank


def _uncited(bib: Bibliography, normalised: _Normalised, citations: Citations) -> frozenset[str]:
    """Case-folded keys of the kept entries that nothing cites, directly or through a child."""
    if citations.everything:
        return frozenset()
    folded_map = {old.casefold(): new.casefold() for old, new in normalised.keymap.items()}
    used = {folded_map.get(key, key) for key in bib.with_linked(citations.keys)}
    return frozenset(e.key.casefold() for e in normalised.entries.values() if e.key.casefold() not in used)


def _check_choice(sort: str, citations: Citations | None, only_cited: bool) -> None:
    if sort not in ("key", "citation-order"):
        raise UsageError(f"--sort must be key or citation-order, not {sort!r}")
    if citations is None and (only_cited or sort == "citation-order"):
        raise UsageError("--only-cited and --sort citation-order need the citations of the manuscripts")


def _left_out_message(bib: Bibliography, left_out: Sequence[str]) -> str:
    return f"{bib.path}: note: left out {counted(len(left_out), 'entry')} no manuscript cites: {', '.join(left_out)}"


def cited_keys(citations: Citations | None, only_cited: bool) -> frozenset[str]:
    """The case-folded keys ``--only-cited`` must keep: never merged into an entry with another key."""
    if not only_cited or citations is None:
        return frozenset()
    return frozenset(key.casefold() for key in citations.keys)


def export_bibtex(
    bib: Bibliography,
    *,
    sort: str = "key",
    citations: Citations | None = None,
    only_cited: bool = False,
    merge: bool = False,
) -> Export:
    """The bibliography as normalised BibTeX (see the module docstring). Pure: ``bib`` is not changed.

    ``sort="citation-order"`` orders each run of entries by first citation in ``citations``
    (uncited entries after, by key); ``only_cited`` leaves out the entries nothing in
    ``citations`` cites (an entry inherited from through ``crossref`` or ``xdata`` by a cited one
    stays), with the comments attached to them; every other block stays. ``merge`` merges the
    entries that are the same work, not only identical ones (:func:`normalize_entries`).
    """
    _check_choice(sort, citations, only_cited)
    normalised = normalize_entries(bib, merge, cited_keys(citations, only_cited))
    warnings: list[str] = []
    chunks = _layout(bib, normalised, warnings)
    notes: list[str] = []
    if only_cited and citations is not None:
        uncited = _uncited(bib, normalised, citations)
        left_out = [c.main.key for c in chunks if c.is_entry and c.main.key.casefold() in uncited]
        chunks = [c for c in chunks if not (c.is_entry and c.main.key.casefold() in uncited)]
        if left_out:
            notes.append(_left_out_message(bib, left_out))
    rank = _citation_rank(bib, normalised, citations) if sort == "citation-order" and citations else None
    chunks = _sorted(chunks, rank)
    fmt = writer_format()
    _settle_failures(bib, chunks, fmt)
    text = "\n".join(_write_chunk(chunk, fmt) for chunk in chunks if chunk.comments or chunk.main is not None)
    conflicts = tuple(conflict for chunk in chunks if chunk.is_entry for conflict in chunk.main.conflicts)
    messages = _in_file_order(bib, warnings + _messages(bib, normalised, conflicts)) + notes
    entries = sum(chunk.is_entry for chunk in chunks)
    return Export(text, normalised.keymap, normalised.merges, conflicts, tuple(messages), entries)


# --------------------------------------------------------------------------------------------
# Rewriting citation keys in manuscripts

_LATEX_CITE = re.compile(r"\\(?:[A-Za-z]*cite[A-Za-z]*|nocite)\*?")
_PANDOC_KEY = re.compile(r"(?<![\w@\\])@(?:\{([^{}\s]+)\}|(\w(?:\w|[:.#$%&\-+?<>~/]+(?=\w))*))")


def rewrite_citation_keys(text: str, keymap: Mapping[str, str]) -> tuple[str, dict[tuple[str, str], int]]:
    """Apply ``keymap`` to the citation keys in ``text``: ``[@old]``, ``@old``, ``@{old}``,
    ``\\cite{a, old}``, ``\\parencite[p.~3]{old}``, ``\\cites{a}{old}`` and the other ``\\...cite...``
    commands. Only whole keys change (``@old2`` and ``old@example.org`` stay).

    Returns the new text and how often each ``(old, new)`` was applied.
    """
    counts: dict[tuple[str, str], int] = {}
    if not keymap:
        return text, counts

    def mapped(key: str) -> str:
        new = keymap.get(key)
        if new is None or new == key:
            return key
        counts[(key, new)] = counts.get((key, new), 0) + 1
        return new

    out: list[str] = []
    position = 0
    for command in _LATEX_CITE.finditer(text):
        if command.start() < position:
            continue
        cursor = command.end()
        out.append(text[position:cursor])
        while True:
            skip = cursor
            while skip < len(text) and text[skip] in " \t\n":
                skip += 1
            if skip >= len(text) or text[skip] not in "[({":
                break
            closer = {"[": "]", "(": ")", "{": "}"}[text[skip]]
            end = text.find(closer, skip + 1)
            if end < 0:
                break
            inside = text[skip + 1 : end]
            if closer == "}":
                inside = ",".join(_replace_key(part, mapped) for part in inside.split(","))
            out.append(text[cursor : skip + 1] + inside + closer)
            cursor = end + 1
        position = cursor
    out.append(text[position:])
    text = "".join(out)

    def pandoc(found: re.Match[str]) -> str:
        if found.group(1) is not None:
            return "@{" + mapped(found.group(1)) + "}"
        return "@" + mapped(found.group(2))

    return _PANDOC_KEY.sub(pandoc, text), counts


def _replace_key(part: str, mapped: Callable[[str], str]) -> str:
    key = part.strip()
    if not key:
        return part
    start = part.index(key)
    return part[:start] + mapped(key) + part[start + len(key) :]
