"""What a reference manager's citation field says: Zotero, Mendeley and EndNote.

A word processor keeps a managed citation as a field: an instruction that carries the cited
items' data, and a result, the text the manager formatted from it. The instruction is

* Zotero: ``ADDIN ZOTERO_ITEM CSL_CITATION {json}``, a CSL citation: ``citationItems`` (each an
  ``itemData`` CSL item with its ``locator`` and ``label``) and ``properties`` with the text
  Zotero formatted (``plainCitation``; ``formattedCitation`` in Zotero's RTF subset) and
  ``dontUpdate`` when the user told Zotero to keep a hand edit;
* Mendeley: ``ADDIN CSL_CITATION {json}``, the same CSL citation with the formatted text under
  ``mendeley.plainTextFormattedCitation`` and a kept hand edit as ``mendeley.manualFormatting``;
* Mendeley Cite (the add-in of Mendeley Reference Manager) keeps no field but a content
  control tagged ``MENDELEY_CITATION_v3_`` and the CSL citation in base64, the text it
  formatted under ``manualOverride.citeprocText`` and a kept hand edit as
  ``manualOverride.isManuallyOverridden``; its bibliography is tagged ``MENDELEY_BIBLIOGRAPHY``;
* EndNote: ``ADDIN EN.CITE <EndNote><Cite>…</Cite></EndNote>``, one ``Cite`` per item with its
  ``record`` (authors, titles, dates, place, publisher), the cited ``Pages`` and the text shown
  (``DisplayText``); EndNote may keep the XML base64-encoded in the field's data instead.

:func:`parse_field` makes each item a :class:`~citecheck.model.Work` with its locator, so the
items are reconciled with the bibliography like any citation a note spells out.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from citecheck.bib.csl import TYPES
from citecheck.model import Person, Work
from citecheck.readers.package import parse_part

if TYPE_CHECKING:  # lxml is imported when a package or HTML file is read, not by every run
    from lxml import etree

# CSL type -> the BibTeX type that maps to it first in the export table (chapter -> inbook, ...).
_ENTRY_TYPES = {csl: bibtex for bibtex, csl in reversed(TYPES.items())}
_YEAR = re.compile(r"\b(\d{4})\b")
_RTF_CONTROL = re.compile(r"\\[a-z]+-?\d* ?(?:\{\})?|[{}]")
_ENDNOTE_BASE64 = re.compile(r"^[A-Za-z0-9+/=\s]+$")
MENDELEY_CONTROL = "MENDELEY_CITATION_v3_"  # the tag of a Mendeley Cite content control, then base64 JSON
MENDELEY_BIBLIOGRAPHY = "MENDELEY_BIBLIOGRAPHY"


@dataclass(frozen=True, slots=True)
class FieldItem:
    """One cited item: what the manager knows of the work, and the place cited in it."""

    work: Work
    locator: str | None


@dataclass(frozen=True, slots=True)
class ManagedCitation:
    """A citation field's payload: its items, the text the manager formatted for it (None when
    it keeps none) and whether the manager was told to keep a hand edit of the result."""

    manager: str
    items: tuple[FieldItem, ...]
    formatted: str | None
    edit_kept: bool


def is_citation_field(instruction: str) -> bool:
    """Whether a field instruction is a managed citation (not a bibliography or other field)."""
    words = instruction.split()
    return len(words) >= 2 and words[0] == "ADDIN" and words[1] in ("ZOTERO_ITEM", "CSL_CITATION", "EN.CITE")


def is_bibliography_field(instruction: str) -> bool:
    """Whether a field is a manager's generated reference list (its text is no prose):
    ``ADDIN ZOTERO_BIBL``, ``ADDIN EN.REFLIST``, ``ADDIN Mendeley Bibliography CSL_BIBLIOGRAPHY``."""
    words = instruction.split()
    return len(words) >= 2 and words[0] == "ADDIN" and any(
        w in ("ZOTERO_BIBL", "EN.REFLIST", "CSL_BIBLIOGRAPHY") for w in words[1:4]
    )


def parse_field(instruction: str, data: str = "") -> ManagedCitation | None:
    """The payload of a citation field (``data``: the field's base64 data, where EndNote may keep
    its XML), or of a content control whose tag is ``instruction``; None when it is no managed
    citation or its payload cannot be read."""
    if instruction.startswith(MENDELEY_CONTROL):
        return _mendeley_control(instruction[len(MENDELEY_CONTROL) :])
    words = instruction.split()
    if len(words) < 2 or words[0] != "ADDIN":
        return None
    if words[1] == "ZOTERO_ITEM":
        return _csl_citation("Zotero", _json_payload(instruction))
    if words[1] == "CSL_CITATION":
        return _csl_citation("Mendeley", _json_payload(instruction))
    if words[1] == "EN.CITE":
        return _endnote(instruction, data)
    return None


def _json_payload(instruction: str) -> dict[str, Any] | None:
    start = instruction.find("{")
    if start < 0:
        return None
    try:
        payload, _ = json.JSONDecoder().raw_decode(instruction, start)
    except (json.JSONDecodeError, RecursionError):
        return None
    return payload if isinstance(payload, dict) else None


def _mendeley_control(encoded: str) -> ManagedCitation | None:
    try:
        text = base64.b64decode(encoded + "=" * (-len(encoded) % 4)).decode("utf-8")
    except (binascii.Error, ValueError):
        return None
    return _csl_citation("Mendeley", _json_payload(text))


def _text(value: object) -> str | None:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = " ".join(str(value).split())
        return text or None
    return None


def plain_rtf(text: str) -> str:
    """Zotero's ``formattedCitation`` without its RTF controls (``{\\i{}Title}`` is ``Title``)."""
    return _RTF_CONTROL.sub("", text)


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _csl_citation(manager: str, payload: dict[str, Any] | None) -> ManagedCitation | None:
    """A CSL citation as Zotero, Mendeley Desktop or Mendeley Cite keeps it, each with the text
    it formatted in a place of its own."""
    if payload is None:
        return None
    entries = payload.get("citationItems")
    if not isinstance(entries, list):
        return None
    items = tuple(item for entry in entries if isinstance(entry, dict) and (item := _csl_item(entry)) is not None)
    if manager == "Zotero":
        properties = _dict(payload.get("properties"))
        formatted = _text(properties.get("plainCitation"))
        if formatted is None and (rtf := _text(properties.get("formattedCitation"))) is not None:
            formatted = plain_rtf(rtf)
        kept = properties.get("dontUpdate") is True
    elif "manualOverride" in payload:  # Mendeley Cite
        override = _dict(payload.get("manualOverride"))
        formatted = _text(override.get("citeprocText"))
        kept = override.get("isManuallyOverridden") is True
    else:  # Mendeley Desktop
        properties = _dict(payload.get("mendeley"))
        formatted = _text(properties.get("plainTextFormattedCitation"))
        kept = _text(properties.get("manualFormatting")) is not None
    return ManagedCitation(manager, items, formatted, kept)


def _csl_people(value: object) -> tuple[Person, ...]:
    if not isinstance(value, list):
        return ()
    people = []
    for name in value:
        if not isinstance(name, dict):
            continue
        particle = _text(name.get("non-dropping-particle"))
        family = _text(name.get("family")) or _text(name.get("literal"))
        if family is None:
            continue
        family = f"{particle} {family}" if particle else family
        people.append(Person(family, _text(name.get("given")) or ""))
    return tuple(people)


def _csl_year(issued: object) -> str | None:
    if not isinstance(issued, dict):
        return None
    parts = issued.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        year = _text(parts[0][0])
        if year is not None:
            return year
    for key in ("raw", "literal"):
        found = _YEAR.search(_text(issued.get(key)) or "")
        if found:
            return found.group(1)
    return None


def _locator(entry: dict[str, Any]) -> str | None:
    """A CSL locator as a note would write it: pages as written, another label before it."""
    locator = _text(entry.get("locator"))
    label = _text(entry.get("label"))
    if locator is None or label in (None, "page"):
        return locator
    return f"{label} {locator}"


def _csl_item(entry: dict[str, Any]) -> FieldItem | None:
    data = entry.get("itemData")
    if not isinstance(data, dict):
        return None
    kind = _text(data.get("type"))
    work = Work(
        authors=_csl_people(data.get("author")),
        editors=_csl_people(data.get("editor")),
        title=_text(data.get("title")),
        container=_text(data.get("container-title")),
        place=_text(data.get("publisher-place")),
        publisher=_text(data.get("publisher")),
        year=_csl_year(data.get("issued")),
        volume=_text(data.get("volume")),
        issue=_text(data.get("issue")),
        volumes=_text(data.get("number-of-volumes")),
        pages=_text(data.get("page")),
        entry_type=_ENTRY_TYPES.get(kind or "", "misc"),
    )
    return FieldItem(work, _locator(entry))


def _endnote_xml(instruction: str, data: str) -> etree._Element | None:
    start = instruction.find("<EndNote")
    if start >= 0:
        raw = instruction[start:].encode("utf-8")
    elif data and _ENDNOTE_BASE64.match(data):
        try:
            raw = base64.b64decode("".join(data.split()))
        except (binascii.Error, ValueError):
            return None
    else:
        return None
    try:
        return parse_part(raw, "an EndNote citation")
    except ValueError:  # not well-formed: the field is left as text (a refusal still propagates)
        return None


def _joined(element: etree._Element | None) -> str | None:
    return None if element is None else _text("".join(element.itertext()))


def _endnote_person(name: str) -> Person:
    family, _, given = name.partition(",")
    return Person(family.strip(), given.strip())


def _endnote(instruction: str, data: str) -> ManagedCitation | None:
    root = _endnote_xml(instruction, data)
    if root is None or root.tag != "EndNote":
        return None
    items = []
    shown: list[str] = []
    for cite in root.iter("Cite"):
        record = cite.find("record")
        display = _joined(cite.find("DisplayText"))
        if display:
            shown.append(display)
        if record is None:
            continue
        year = _joined(record.find("dates/year")) or _joined(cite.find("Year"))
        kind = record.find("ref-type")
        work = Work(
            authors=tuple(_endnote_person(a) for a in map(_joined, record.iterfind("contributors/authors/author")) if a),
            editors=tuple(_endnote_person(a) for a in map(_joined, record.iterfind("contributors/secondary-authors/author")) if a),
            title=_joined(record.find("titles/title")),
            container=_joined(record.find("titles/secondary-title")),
            place=_joined(record.find("pub-location")),
            publisher=_joined(record.find("publisher")),
            year=year,
            volume=_joined(record.find("volume")),
            issue=_joined(record.find("number")),
            pages=_joined(record.find("pages")),
            entry_type=_ENDNOTE_TYPES.get((kind.get("name") or "") if kind is not None else "", "misc"),
        )
        items.append(FieldItem(work, _joined(cite.find("Pages"))))
    return ManagedCitation("EndNote", tuple(items), "".join(shown) or None, False)


_ENDNOTE_TYPES = {
    "Book": "book", "Edited Book": "book", "Book Section": "incollection", "Journal Article": "article",
    "Magazine Article": "article", "Newspaper Article": "article", "Thesis": "phdthesis",
    "Conference Proceedings": "inproceedings", "Conference Paper": "inproceedings", "Report": "techreport",
    "Web Page": "online",
}  # fmt: skip
