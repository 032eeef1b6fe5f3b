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
* **Names** in ``author``, ``editor`` and the other name lists become ``Last, First and Last, First``
  (``von Last, Jr, First``), split by bibtexparser's BibTeX name parser: ``{Braced Corporate
  Authors}``, ``von`` parts and ``Jr`` are kept, ``~`` between the words of a name becomes a space.
  A list the parser rejects, or whose rewritten form BibTeX would read differently, stays as written.
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
* **Duplicates merged** (:func:`find_duplicates`): entries with the same key (ignoring case), the
  same DOI, the same ISBN (whole works of one type only) or the same normalised title, first
  author's surname and year (unless both have DOIs and they differ) are merged into the first:
  fields one has and the first has not are added; where both have a field with different values
  (after the normalisations above; DOIs compared ignoring case, as DOIs are), the first's value is
  kept and the other written as a comment line directly above the entry,
  ``% citecheck: conflict in pages: 12--30 (kept) vs 12--31 (from smith1999b)`` (an
  ``@comment{...}`` instead when the text holds a block start such as ``@book{``), and reported;
  a different entry type is a conflict ``in type``. Merging repeats until no duplicates are left
  (a merged entry may gain the ISBN that makes it a duplicate of another). A field repeated inside
  one entry is treated the same way (``(repeated field in KEY)``), or dropped when it repeats the
  same value. Comments above a merged entry move above the entry it is merged into; ``crossref``
  and ``xdata`` are redirected to the kept key. The key map (``{"old": "kept"}``) lists every key
  that was merged away.

The export of the export is the same text (tests/test_export_properties.py).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from citecheck.bib.load import MONTHS, _brace_end, _quote_end, interpret_value, parse_bibliography
from citecheck.bib.model import BibComment, BibEntry, BibFailure, Bibliography, BibPreamble, BibString
from citecheck.bib.normalize import fold, latex_to_text
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
    "collapse_whitespace",
    "export_bibtex",
    "field_sort_key",
    "find_duplicates",
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

# Types that are parts of a larger work: they share its ISBN, so an ISBN does not identify them.
_PART_TYPES = frozenset(
    "article inbook incollection inproceedings conference inreference suppbook suppcollection "
    "suppperiodical bookinbook".split()
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


def _name_parts(text: str) -> list[Any] | None:
    """bibtexparser's reading of a name list: NameParts per name; None when it rejects one."""
    from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names

    try:
        return [parse_single_name_into_parts(name, strict=True) for name in split_multiple_persons_names(text)]
    except Exception:  # InvalidNameError, or a bug in the parser: leave the list as written
        return None


@lru_cache(maxsize=65536)
def normalize_names(text: str) -> str:
    """A name list as ``Last, First and von Last, Jr, First`` (BibTeX's name grammar).

    The list stays as written when bibtexparser's parser rejects a name (an unbalanced brace, too
    many commas), when a name is empty, or when BibTeX would read the rewritten list differently.
    """
    parsed = _name_parts(text)
    if not parsed:
        return text
    written = []
    for parts in parsed:
        words = [*parts.first, *parts.von, *parts.last, *parts.jr]
        if not parts.last or any(word.endswith("\\") for word in words):
            return text
        written.append(parts.merge_last_name_first)
    result = " and ".join(written)
    if result != text and _name_parts(result) != parsed:
        return text
    return result


def _month_macro(found: tuple[Piece, ...], macros: Mapping[str, str]) -> str | None:
    """``jan`` ... ``dec`` for a month value, when the file keeps BibTeX's meaning of that macro."""
    from bibtexparser.middlewares.month import MonthAbbreviationMiddleware
    from bibtexparser.model import Field

    if len(found) != 1:
        return None
    piece = found[0]
    value = macros.get(piece.text.lower()) if piece.kind == "macro" else piece.text
    if value is None:
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
                f"{bib.path}:{_line(bib, item.span.start)}: warning: entry {entry.key}: the value of "
                f"{item.name!r} is not well-formed BibTeX ({item.problem or 'unreadable'}); written as it is"
            )
        kept = values.get(item.name)
        if kept is None:
            values[item.name] = value
        elif kept != value:
            line = _line(bib, item.span.start)
            conflicts.append(Conflict(entry.key, item.name, kept, value, entry.key, repeated=True, line=line))
        else:
            notes.append(
                f"{bib.path}:{_line(bib, item.span.start)}: note: entry {entry.key}: dropped the repeated "
                f"field {item.name!r} (same value)"
            )
    ordered = tuple(sorted(values.items(), key=lambda pair: field_sort_key(pair[0])))
    return NormalEntry(entry.key, entry.entry_type, ordered, tuple(conflicts))


def _doi_id(entry: Any) -> str | None:
    value = entry.get("doi")
    if not value:
        return None
    return normalize_doi(collapse_whitespace(value)).casefold() or None


_ISBN = re.compile(r"[0-9][0-9\- ]{8,16}[0-9Xx]")


def _isbn_ids(entry: Any) -> set[str]:
    value = entry.get("isbn")
    found: set[str] = set()
    if not value:
        return found
    for match in _ISBN.finditer(value):
        digits = re.sub(r"[\- ]", "", match.group()).upper()
        if len(digits) == 10 and digits[:9].isdigit():
            core = "978" + digits[:9]
            check = (10 - sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(core)) % 10) % 10
            digits = core + str(check)
        if len(digits) == 13 and digits.isdigit():
            found.add(digits)
    return found


_NON_WORD = re.compile(r"[\W_]+")
_NEEDS_LATEX = re.compile(r"[\\$%]")


def _match_form(text: str) -> str:
    """Text for matching duplicates: LaTeX decoded, accents and case folded, punctuation ignored.

    Without a backslash, ``$`` or ``%`` the decoding only removes braces (what else pylatexenc
    changes, dashes, ties and quotes, is punctuation, ignored here), so pylatexenc is skipped.
    """
    decoded = latex_to_text(text) if _NEEDS_LATEX.search(text) else text.replace("{", "").replace("}", "")
    return _NON_WORD.sub(" ", fold(decoded)).strip()


def _first_surname(entry: Any) -> str | None:
    from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names

    names = entry.get("author") or entry.get("editor")
    if not names:
        return None
    try:
        first = split_multiple_persons_names(names)
        if not first:
            return None
        parts = parse_single_name_into_parts(first[0], strict=False)
    except Exception:
        return None
    surname = _match_form(" ".join([*parts.von, *parts.last])).replace(" ", "")
    return surname or None


def _title_id(entry: Any) -> tuple[str, str, str] | None:
    title = entry.get("title")
    year = re.match(r"\s*\{?(\d{4})", entry.get("year") or entry.get("date") or "")
    if not title or year is None:
        return None
    normal = _match_form(title)
    surname = _first_surname(entry)
    if not normal or surname is None:
        return None
    return normal, surname, year.group(1)


def find_duplicates(entries: Sequence[Any]) -> list[list[tuple[int, str]]]:
    """Groups of duplicate entries, each as ``(index, reason)`` in file order, the first's reason ``""``.

    ``entries`` are :class:`~citecheck.bib.model.BibEntry` records or anything with their ``key``,
    ``entry_type`` and ``get(name)`` (the interpolated value).

    Duplicates: the same key ignoring case, the same DOI (ignoring case and a ``https://doi.org/``
    prefix), the same ISBN (ISBN-10 and -13 alike) between entries of one type that is a whole
    work (not a chapter or an article), or the same normalised title (LaTeX decoded, accents and
    case folded, punctuation ignored), first author's (else editor's) surname and year. Neither
    the ISBN nor the title joins two entries whose DOIs differ. Groups are closed transitively.
    """
    parent = list(range(len(entries)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    def join(first: int, second: int) -> None:
        a, b = root(first), root(second)
        if a != b:
            parent[max(a, b)] = min(a, b)

    dois = [_doi_id(entry) for entry in entries]
    seen: dict[tuple[str, Any], int] = {}

    def link(index: int, kind: str, value: Any) -> None:
        earlier = seen.setdefault((kind, value), index)
        if earlier == index:
            return
        if kind in ("isbn", "title") and dois[index] and dois[earlier] and dois[index] != dois[earlier]:
            return
        join(earlier, index)

    for index, entry in enumerate(entries):
        link(index, "key", entry.key.casefold())
        if dois[index]:
            link(index, "doi", dois[index])
        if entry.entry_type not in _PART_TYPES:
            for isbn in sorted(_isbn_ids(entry)):
                link(index, "isbn", (entry.entry_type, isbn))
        title = _title_id(entry)
        if title is not None:
            link(index, "title", title)

    groups: dict[int, list[int]] = {}
    for index in range(len(entries)):
        groups.setdefault(root(index), []).append(index)
    result = []
    for members in groups.values():
        if len(members) < 2:
            continue
        first = entries[members[0]]
        described = [(members[0], "")]
        for index in members[1:]:
            described.append((index, _reason(first, entries[index], dois[members[0]], dois[index])))
        result.append(described)
    result.sort()
    return result


def _reason(first: Any, other: Any, first_doi: str | None, other_doi: str | None) -> str:
    if first.key == other.key:
        return "same key"
    if first.key.casefold() == other.key.casefold():
        return "same key, ignoring case"
    if first_doi and first_doi == other_doi:
        return "same DOI"
    if _isbn_ids(first) & _isbn_ids(other):
        return "same ISBN"
    if _title_id(first) is not None and _title_id(first) == _title_id(other):
        return "same title, first author and year"
    return "a duplicate of a duplicate"


def _merge(kept: NormalEntry, others: Sequence[tuple[NormalEntry, int]]) -> NormalEntry:
    values = dict(kept.fields)
    conflicts = list(kept.conflicts)
    for other, line in others:
        if other.entry_type != kept.entry_type:
            conflicts.append(Conflict(kept.key, "type", kept.entry_type, other.entry_type, other.key, line=line))
        for name, value in other.fields:
            current = values.get(name)
            if current is None:
                values[name] = value
            elif current != value and not (name == "doi" and current.casefold() == value.casefold()):
                conflicts.append(Conflict(kept.key, name, current, value, other.key, line=line))
        conflicts.extend(dataclasses.replace(conflict, key=kept.key) for conflict in other.conflicts)
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


# The fields duplicate detection reads.
_IDENTITY_FIELDS = ("doi", "isbn", "title", "author", "editor", "year", "date")


@dataclass(frozen=True, slots=True)
class _View:
    """What :func:`find_duplicates` reads of a normalised entry: key, type, interpolated values."""

    key: str
    entry_type: str
    values: Mapping[str, str]

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.values.get(name, default)

    @classmethod
    def of(cls, entry: NormalEntry, macros: Mapping[str, str]) -> _View:
        values = {name: interpret_value(raw, macros.get)[0] for name, raw in entry.fields if name in _IDENTITY_FIELDS}
        return cls(entry.key, entry.entry_type, values)


def normalize_entries(bib: Bibliography) -> _Normalised:
    """Normalise every entry and merge the duplicates (see the module docstring).

    Merging is repeated until no duplicates are left: a merged entry gathers the fields of its
    duplicates and may then duplicate another entry (two copies of a book, each merged with an
    ``@article`` copy that had the ISBN), and the export of the export must find nothing to merge.
    """
    notes: list[str] = []
    macros = bib.macros
    current = [(entry, _normalize_entry(bib, entry, notes)) for entry in bib.entries]
    merged_into: dict[int, BibEntry] = {}
    merged: list[BibEntry] = []
    merges = []
    while True:
        groups = find_duplicates([_View.of(normal, macros) for _, normal in current])
        if not groups:
            break
        dropped = set()
        for group in groups:
            kept_index = group[0][0]
            kept, kept_normal = current[kept_index]
            others = []
            for index, reason in group[1:]:
                other, normal = current[index]
                line = _line(bib, other.span.start)
                others.append((normal, line))
                merged_into[id(other)] = kept
                merged.append(other)
                merges.append(Merge(kept_normal.key, normal.key, reason, line))
                dropped.add(index)
            current[kept_index] = (kept, _merge(kept_normal, others))
        current = [pair for index, pair in enumerate(current) if index not in dropped]

    def final(entry: BibEntry) -> BibEntry:
        while id(entry) in merged_into:
            entry = merged_into[id(entry)]
        return entry

    merged_into = {id(entry): final(entry) for entry in merged}
    keymap: dict[str, str] = {}
    for entry in merged:
        target = merged_into[id(entry)].key
        if entry.key != target:
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
        gaps.append((cursor, item.span.start))
        cursor = item.value_span.end
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
    used = {folded_map.get(key, key) for key in bib.with_parents(citations.keys)}
    return frozenset(e.key.casefold() for e in normalised.entries.values() if e.key.casefold() not in used)


def _check_choice(sort: str, citations: Citations | None, only_cited: bool) -> None:
    if sort not in ("key", "citation-order"):
        raise UsageError(f"--sort must be key or citation-order, not {sort!r}")
    if citations is None and (only_cited or sort == "citation-order"):
        raise UsageError("--only-cited and --sort citation-order need the citations of the manuscripts")


def _left_out_message(bib: Bibliography, left_out: Sequence[str]) -> str:
    return f"{bib.path}: note: left out {counted(len(left_out), 'entry')} no manuscript cites: {', '.join(left_out)}"


def export_bibtex(
    bib: Bibliography, *, sort: str = "key", citations: Citations | None = None, only_cited: bool = False
) -> Export:
    """The bibliography as normalised BibTeX (see the module docstring). Pure: ``bib`` is not changed.

    ``sort="citation-order"`` orders each run of entries by first citation in ``citations``
    (uncited entries after, by key); ``only_cited`` leaves out the entries nothing in
    ``citations`` cites (an entry inherited from through ``crossref`` or ``xdata`` by a cited one
    stays), with the comments attached to them; every other block stays.
    """
    _check_choice(sort, citations, only_cited)
    normalised = normalize_entries(bib)
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


# --------------------------------------------------------------------------------------------
