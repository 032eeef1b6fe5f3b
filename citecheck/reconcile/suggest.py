"""Suggested entries for the sources no bibliography entry matches, parsed from the notes.

``citecheck suggest`` writes them to ``reports/suggested.bib``: one entry per unresolved work (a
work cited in several notes, or by a full citation and later short forms, is one entry), its
type guessed and its fields filled as the note gives them, with a comment above it naming every
place the work is cited. They are meant to be reviewed, then pasted into the bibliography.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import regex

from citecheck.bib.export import writer_format
from citecheck.bib.normalize import fold
from citecheck.model import Citation, Person, Work
from citecheck.reconcile.resolve import Resolution

__all__ = ["Suggestion", "render_suggestions", "suggest_entries"]

# Citations whose text can describe a work: a full citation, or a short form that follows none.
_DESCRIBING_KINDS = ("full", "short")
_LATEX_SPECIALS = regex.compile(r"(?<!\\)([&%#$_])")
_NOT_KEY_LETTERS = regex.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A suggested entry: key, BibTeX type, fields in writing order, and where the work is cited
    (``path:line:column (note N)``)."""

    key: str
    entry_type: str
    fields: tuple[tuple[str, str], ...]
    places: tuple[str, ...]


def _names(people: tuple[Person, ...]) -> str | None:
    if not people:
        return None
    return " and ".join(f"{p.family}, {p.given}" if p.given else p.family for p in people)


def _bibtex_text(value: str) -> str:
    """A value BibTeX and LaTeX can read: LaTeX's special characters escaped, stray braces dropped."""
    escaped = _LATEX_SPECIALS.sub(r"\\\1", value.strip())
    depth = 0
    kept = []
    for char in escaped:
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                continue
            depth -= 1
        kept.append(char)
    text = "".join(kept)
    return text if depth == 0 else text.replace("{", "").replace("}", "")


def _entry_type(work: Work) -> str:
    if work.entry_type:
        return work.entry_type
    if work.container and work.editors:
        return "incollection"
    if work.container:
        return "article"
    return "book"


def _fields(work: Work, entry_type: str) -> tuple[tuple[str, str], ...]:
    container_field = {"article": "journal", "incollection": "booktitle", "inbook": "booktitle"}.get(entry_type)
    candidates = (
        ("author", _names(work.authors)),
        ("editor", _names(work.editors)),
        ("title", work.title),
        (container_field or "howpublished", work.container),
        ("volume", work.volume),
        ("number", work.issue),
        ("pages", work.pages and regex.sub(r"\s*[-\u2013\u2014]+\s*", "--", work.pages)),
        ("publisher", work.publisher),
        ("address", work.place),
        ("year", work.year),
    )
    return tuple((name, _bibtex_text(value)) for name, value in candidates if value)


def _identity(work: Work) -> tuple[str, str]:
    """Two citations describe the same work when the first surname and the title agree (folded)."""
    surname = fold(work.authors[0].family) if work.authors else fold(work.editors[0].family) if work.editors else ""
    return surname, fold(work.title or "")


def _key_stem(work: Work) -> str:
    people = work.authors or work.editors
    name = _NOT_KEY_LETTERS.sub("", fold(people[0].family)) if people else ""
    if not name:
        name = _NOT_KEY_LETTERS.sub("", fold((work.title or "anon").split()[0] if work.title else "anon")) or "anon"
    year = regex.search(r"\d{4}", work.year or "")
    return name + (year.group() if year else "nd")


def _unique_key(stem: str, taken: set[str]) -> str:
    key, suffix = stem, 0
    while key.casefold() in taken:
        key = f"{stem}{chr(ord('a') + suffix)}" if suffix < 26 else f"{stem}-{suffix}"
        suffix += 1
    taken.add(key.casefold())
    return key


def suggest_entries(
    resolutions: Iterable[Resolution], existing_keys: Iterable[str], place: Callable[[Citation], str]
) -> tuple[Suggestion, ...]:
    """One suggestion per unresolved work, in the order first cited.

    ``place(citation)`` gives the ``path:line:column`` shown in the comment; keys are
    ``surnameYEAR`` made unique against ``existing_keys`` and each other (``a``, ``b``, ...).
    A short form resolved through an unresolved full citation adds its place to that entry.
    """
    works: dict[tuple[str, str], tuple[Work, list[str]]] = {}
    by_citation: dict[int, tuple[str, str]] = {}
    for resolution in resolutions:
        citation = resolution.citation
        antecedent = resolution.antecedent
        where = place(citation) + (f" (note {citation.note})" if citation.note is not None else "")
        if antecedent is not None and id(antecedent) in by_citation:
            works[by_citation[id(antecedent)]][1].append(where)
            continue
        work = citation.work
        if resolution.status != "unresolved" or citation.kind not in _DESCRIBING_KINDS or work is None:
            continue
        if not (work.title and (work.authors or work.editors)):
            continue
        identity = _identity(work)
        by_citation[id(citation)] = identity
        if identity in works:
            works[identity][1].append(where)
        else:
            works[identity] = (work, [where])
    taken = {key.casefold() for key in existing_keys}
    suggestions = []
    for work, places in works.values():
        entry_type = _entry_type(work)
        key = _unique_key(_key_stem(work), taken)
        suggestions.append(Suggestion(key, entry_type, _fields(work, entry_type), tuple(dict.fromkeys(places))))
    return tuple(suggestions)


def render_suggestions(suggestions: Iterable[Suggestion], bib_name: str) -> str:
    """The suggestions as BibTeX, each under comment lines giving where the work is cited."""
    import bibtexparser
    from bibtexparser import Library
    from bibtexparser.model import Entry, Field, ImplicitComment

    header = (
        f"% Suggested by citecheck for sources that no entry of {bib_name} matches.\n"
        f"% Review each entry (type, names, title, publisher) before pasting it into {bib_name}."
    )
    chunks = [header]
    fmt = writer_format()
    for suggestion in suggestions:
        blocks = [ImplicitComment("\n".join(f"% cited at {where}" for where in suggestion.places))]
        fields = [Field(name, "{" + value + "}") for name, value in suggestion.fields]
        blocks.append(Entry(suggestion.entry_type, suggestion.key, fields))
        chunks.append(bibtexparser.write_string(Library(blocks), unparse_stack=[], bibtex_format=fmt).strip("\n"))
    return "\n\n".join(chunks) + "\n"
