"""CSL-JSON export: the bibliography as a JSON array of CSL items (citeproc, pandoc, Zotero).

The entries are those of the BibTeX export (:func:`citecheck.bib.export.normalize_entries`:
duplicates merged, values normalised), sorted by key or in citation order. Each item has:

* ``id`` (the key) and ``type``, mapped from the entry type (:data:`TYPES`; ``@article`` with
  ``entrysubtype = magazine`` or ``newspaper`` becomes ``article-magazine`` or
  ``article-newspaper``; a type not in the table becomes ``document``);
* names (``author``, ``editor``, ``translator``; ``bookauthor`` as ``container-author``) as
  ``{"family", "given", "non-dropping-particle", "suffix"}`` from BibTeX's name grammar (``von``
  is the particle, ``Jr`` the suffix), a ``{Braced Corporate Author}`` as ``{"literal"}``;
  ``others`` is left out;
* ``title`` (with ``subtitle`` after a colon), ``container-title`` (``journal``/``journaltitle``,
  else ``booktitle``), ``collection-title`` (``series``), ``publisher`` (else ``school``,
  ``institution`` or ``organization``), ``publisher-place`` (``address``/``location``),
  ``issued`` as ``{"date-parts": [[y, m, d]]}`` from ``date`` (``2001-03-15``, ranges ``A/B``)
  or ``year`` and ``month`` (a year that is not a number as ``{"literal"}``), ``accessed`` from
  ``urldate``, ``volume``, ``issue`` (``number``), ``page`` (``12-30``), ``edition``, ``genre``
  (``type``; theses get "PhD thesis"/"Master's thesis"), ``DOI``, ``ISBN``, ``ISSN``, ``URL``,
  ``note``, ``abstract``, ``keyword``, ``language``.

Values have their @string macros interpolated and their LaTeX decoded
(:func:`citecheck.bib.normalize.latex_to_text`). What CSL-JSON cannot hold (unreadable blocks,
comments, @preamble, the second value of a conflict) is reported on standard error.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from citecheck.bib.export import (
    Citations,
    Export,
    NormalEntry,
    _check_choice,
    _citation_rank,
    _in_file_order,
    _left_out_message,
    _messages,
    _uncited,
    cited_keys,
    normalize_entries,
)
from citecheck.bib.load import MONTHS, _brace_end, interpret_value
from citecheck.bib.model import BibComment, Bibliography, BibFailure, BibPreamble
from citecheck.bib.normalize import latex_to_text, normalize_whitespace

__all__ = ["TYPES", "csl_item", "export_csl_json"]

TYPES: Mapping[str, str] = {
    "article": "article-journal", "book": "book", "mvbook": "book", "bookinbook": "chapter",
    "booklet": "pamphlet", "inbook": "chapter", "incollection": "chapter", "suppbook": "chapter",
    "suppcollection": "chapter", "inproceedings": "paper-conference", "conference": "paper-conference",
    "proceedings": "book", "mvproceedings": "book", "collection": "book", "mvcollection": "book",
    "reference": "book", "mvreference": "book", "inreference": "entry-encyclopedia", "manual": "report",
    "mastersthesis": "thesis", "phdthesis": "thesis", "thesis": "thesis", "techreport": "report",
    "report": "report", "unpublished": "manuscript", "online": "webpage", "electronic": "webpage",
    "www": "webpage", "patent": "patent", "periodical": "periodical", "suppperiodical": "article-journal",
    "dataset": "dataset", "software": "software", "standard": "standard", "letter": "personal_communication",
    "audio": "song", "music": "song", "video": "motion_picture", "movie": "motion_picture",
    "artwork": "graphic", "image": "graphic", "legislation": "legislation", "jurisdiction": "legal_case",
    "review": "review", "misc": "document",
}  # fmt: skip

_GENRES = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}
_MONTH_NUMBERS = {name: number for number, name in enumerate(MONTHS, 1)}
_MONTH_NUMBERS.update({full.lower(): number for number, full in enumerate(MONTHS.values(), 1)})
_DATE = re.compile(r"^(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")

# (CSL variable, BibTeX fields to take it from, the first present wins)
_TEXT_FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("collection-title", ("series",)),
    ("publisher", ("publisher", "school", "institution", "organization")),
    ("publisher-place", ("address", "location")),
    ("volume", ("volume",)),
    ("issue", ("number",)),
    ("edition", ("edition",)),
    ("DOI", ("doi",)),
    ("ISBN", ("isbn",)),
    ("ISSN", ("issn",)),
    ("URL", ("url",)),
    ("note", ("note",)),
    ("abstract", ("abstract",)),
    ("keyword", ("keywords",)),
    ("language", ("langid", "language")),
)
_NAME_FIELDS = (
    ("author", "author"),
    ("editor", "editor"),
    ("translator", "translator"),
    ("container-author", "bookauthor"),
)


# What makes pylatexenc change more than braces and blanks: commands, math, ties, dashes, quotes,
# alignment and parameter characters. Without these, decoding is removing the braces (checked on
# every value of the corpora, 190,000 of them), and skipping pylatexenc makes the export of a
# large file several times faster.
_NEEDS_LATEX = re.compile(r"[\\$%~`&#^_]|--|''|!`|\?`")


def _decode(value: str) -> str:
    """A value as a reader sees it (:func:`citecheck.bib.normalize.latex_to_text`)."""
    if _NEEDS_LATEX.search(value) is None:
        return normalize_whitespace(value.replace("{", "").replace("}", ""))
    return latex_to_text(value)


def _names(value: str) -> list[dict[str, str]]:
    from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names

    people = []
    try:
        names = split_multiple_persons_names(value)
    except Exception:
        return [{"literal": _decode(value)}]
    for name in names:
        try:
            parts = parse_single_name_into_parts(name, strict=False)
        except Exception:
            people.append({"literal": _decode(name)})
            continue
        if not parts.last and not parts.first:
            continue
        if parts.last == ["others"] and not (parts.first or parts.von or parts.jr):
            continue
        only = parts.last[0] if len(parts.last) == 1 and not (parts.first or parts.von or parts.jr) else ""
        if only.startswith("{") and _brace_end(only, 0, len(only)) == len(only) - 1:
            people.append({"literal": _decode(only)})
            continue
        person = {}
        for key, words in (
            ("family", parts.last),
            ("given", parts.first),
            ("non-dropping-particle", parts.von),
            ("suffix", parts.jr),
        ):
            if words:
                person[key] = _decode(" ".join(words))
        people.append(person)
    return people


def _month(value: str | None) -> int | None:
    if not value:
        return None
    text = value.strip().lower().rstrip(".")
    if text.isdecimal() and 1 <= int(text) <= 12:
        return int(text)
    return _MONTH_NUMBERS.get(text) or _MONTH_NUMBERS.get(text[:3])


def _date(value: str) -> dict[str, Any]:
    """CSL's date object for an ISO date or range (``2001-03-15``, ``1999/2001``)."""
    parts = []
    for side in value.strip().split("/"):
        found = _DATE.match(side.strip())
        if found is None:
            return {"literal": value.strip()}
        parts.append([int(group) for group in found.groups() if group is not None])
    return {"date-parts": parts}


def _issued(values: Mapping[str, str]) -> dict[str, Any] | None:
    if values.get("date"):
        return _date(_decode(values["date"]))
    year = values.get("year")
    if not year:
        return None
    year = _decode(year)
    if not re.fullmatch(r"-?\d{1,4}", year):
        return {"literal": year}
    date = [int(year)]
    month = _month(values.get("month"))
    if month is not None:
        date.append(month)
    return {"date-parts": [date]}


def csl_item(entry: NormalEntry, macros: Mapping[str, str]) -> dict[str, Any]:
    """The CSL-JSON item for one (normalised, merged) entry; values interpolated and decoded."""
    values = {name: interpret_value(raw, macros.get)[0] for name, raw in entry.fields}
    kind = TYPES.get(entry.entry_type, "document")
    subtype = (values.get("entrysubtype") or "").strip().lower()
    if kind == "article-journal" and subtype in ("magazine", "newspaper"):
        kind = f"article-{subtype}"
    item: dict[str, Any] = {"id": entry.key, "type": kind}
    for variable, name in _NAME_FIELDS:
        if values.get(name):
            people = _names(values[name])
            if people:
                item[variable] = people
    if values.get("title"):
        title = _decode(values["title"])
        if values.get("subtitle"):
            title = f"{title}: {_decode(values['subtitle'])}"
        item["title"] = title
    container = values.get("journal") or values.get("journaltitle") or values.get("booktitle")
    if container:
        item["container-title"] = _decode(container)
    for variable, names in _TEXT_FIELDS:
        for name in names:
            if values.get(name):
                item[variable] = _decode(values[name])
                break
    if values.get("pages"):
        item["page"] = _decode(re.sub(r"\s*-{1,3}\s*", "-", values["pages"]))
    issued = _issued(values)
    if issued is not None:
        item["issued"] = issued
    if values.get("urldate"):
        item["accessed"] = _date(_decode(values["urldate"]))
    genre = values.get("type")
    if genre:
        item["genre"] = _decode(genre)
    elif entry.entry_type in _GENRES:
        item["genre"] = _GENRES[entry.entry_type]
    return item


# Arrays as json.dumps(indent=2) lays them out: a raw line break only ever stands between
# tokens (inside a string it is written as \n), so these never touch a string's text.
_NUMBERS = re.compile(r"\[\n\s*(-?\d+(?:,\n\s*-?\d+)*)\n\s*\]")
_NUMBER_LISTS = re.compile(r"\[\n\s*(\[-?\d+(?:, -?\d+)*\](?:,\n\s*\[-?\d+(?:, -?\d+)*\])*)\n\s*\]")


def _compact_numbers(text: str) -> str:
    """``"date-parts": [[2001, 3]]`` on one line, not seven."""
    text = _NUMBERS.sub(lambda found: "[" + re.sub(r",\n\s*", ", ", found.group(1)) + "]", text)
    return _NUMBER_LISTS.sub(lambda found: "[" + re.sub(r",\n\s*", ", ", found.group(1)) + "]", text)


def export_csl_json(
    bib: Bibliography,
    *,
    sort: str = "key",
    citations: Citations | None = None,
    only_cited: bool = False,
    merge: bool = False,
) -> Export:
    """The bibliography as CSL-JSON text (an array, two-space indents, UTF-8, ending in a newline).

    ``sort``, ``only_cited`` and ``merge`` as for :func:`~citecheck.bib.export.export_bibtex`.
    """
    _check_choice(sort, citations, only_cited)
    normalised = normalize_entries(bib, merge, cited_keys(citations, only_cited))
    entries = list(normalised.entries.values())
    notes = []
    if only_cited and citations is not None:
        uncited = _uncited(bib, normalised, citations)
        left_out = sorted((e.key for e in entries if e.key.casefold() in uncited), key=str.casefold)
        entries = [e for e in entries if e.key.casefold() not in uncited]
        if left_out:
            notes.append(_left_out_message(bib, left_out))
    rank = _citation_rank(bib, normalised, citations) if sort == "citation-order" and citations else {}
    entries.sort(key=lambda entry: (rank.get(entry.key.casefold(), len(rank)), entry.key.casefold(), entry.key))
    items = [csl_item(entry, bib.macros) for entry in entries]
    text = _compact_numbers(json.dumps(items, ensure_ascii=False, indent=2)) + "\n"
    conflicts = tuple(conflict for entry in entries for conflict in entry.conflicts)
    messages = []
    for record in bib.blocks:
        if isinstance(record, BibFailure):
            line = bib.source.index.line_col(record.span.start)[0]
            messages.append(
                f"{bib.path}:{line}: warning: could not read this block ({record.message}); "
                "it is not in the CSL-JSON output"
            )
    skipped = sum(isinstance(record, (BibComment, BibPreamble)) for record in bib.blocks)
    if skipped:
        messages.append(f"{bib.path}: note: comments and @preamble ({skipped} blocks) have no place in CSL-JSON")
    messages.extend(_messages(bib, normalised, conflicts, "is not in the CSL-JSON output"))
    messages = _in_file_order(bib, messages) + notes
    return Export(text, normalised.keymap, normalised.merges, conflicts, tuple(messages), len(entries))
