"""Word documents made by the tests: python-docx's own template, a body written as
WordprocessingML, and footnotes and endnotes parts added with their relationships.

Nothing binary is committed: every .docx a test reads is built here from text. The helpers
write the XML Word writes (``w:footnoteReference`` in a run styled ``FootnoteReference``, the
``w:footnoteRef`` mark opening the note, complex fields with ``w:fldChar`` and ``w:instrText``).
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = f'xmlns:w="{W_NS}"'


def text(value: str, *, superscript: bool = False, italic: bool = False) -> str:
    """A run of text."""
    props = ""
    if superscript or italic:
        props = "<w:rPr>" + ("<w:i/>" if italic else "") + ('<w:vertAlign w:val="superscript"/>' if superscript else "") + "</w:rPr>"
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(value)}</w:t></w:r>'


def deleted(value: str) -> str:
    """Text deleted as a tracked change."""
    return f'<w:del w:id="90" w:author="Editor" w:date="2024-01-01T00:00:00Z"><w:r><w:delText xml:space="preserve">{escape(value)}</w:delText></w:r></w:del>'


def inserted(*runs: str) -> str:
    """Runs inserted as a tracked change."""
    return f'<w:ins w:id="91" w:author="Editor" w:date="2024-01-01T00:00:00Z">{"".join(runs)}</w:ins>'


def footnote_reference(note_id: int, kind: str = "footnote") -> str:
    style = "FootnoteReference" if kind == "footnote" else "EndnoteReference"
    return f'<w:r><w:rPr><w:rStyle w:val="{style}"/></w:rPr><w:{kind}Reference w:id="{note_id}"/></w:r>'


def paragraph(*runs: str, style: str | None = None) -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{props}{''.join(runs)}</w:p>"


def field(instruction: str, *result: str) -> str:
    """A complex field: its instruction (split over two runs, as Word often does) and result runs."""
    half = len(instruction) // 2
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{escape(instruction[:half])}</w:instrText></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{escape(instruction[half:])}</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + "".join(result)
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def csl_item(title: str, family: str, given: str, year: int, *, kind: str = "book", **more: Any) -> dict[str, Any]:
    return {"id": abs(hash(title)) % 10_000, "type": kind, "title": title,
            "author": [{"family": family, "given": given}], "issued": {"date-parts": [[year]]}, **more}


def zotero_field(items: Sequence[tuple[dict[str, Any], str | None]], formatted: str, *shown: str,
                 note: int = 0, dont_update: bool = False) -> str:
    """A Zotero citation field citing ``items`` (CSL item, locator), formatted by Zotero as
    ``formatted`` and showing the runs ``shown`` (by default the formatted text itself)."""
    properties: dict[str, Any] = {"formattedCitation": formatted, "plainCitation": formatted, "noteIndex": note}
    if dont_update:
        properties["dontUpdate"] = True
    payload = {
        "citationID": "a1b2c3",
        "properties": properties,
        "citationItems": [
            {"id": item["id"], "uris": [f"http://zotero.org/users/1/items/{item['id']}"], "itemData": item,
             **({"locator": locator} if locator else {})}
            for item, locator in items
        ],
        "schema": "https://github.com/citation-style-language/schema/raw/master/csl-citation.json",
    }
    instruction = " ADDIN ZOTERO_ITEM CSL_CITATION " + json.dumps(payload, ensure_ascii=False) + " "
    return field(instruction, *(shown or (text(formatted),)))


def _separators(kind: str) -> str:
    return (
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
        f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>'
    )


def _note(kind: str, note_id: int, paragraphs: Sequence[str]) -> str:
    """A note whose first paragraph opens with Word's reference mark."""
    style = "FootnoteReference" if kind == "footnote" else "EndnoteReference"
    mark = f'<w:r><w:rPr><w:rStyle w:val="{style}"/></w:rPr><w:{kind}Ref/></w:r>'
    first, *rest = paragraphs
    first = first.replace("<w:p>", f"<w:p>{mark}", 1)
    return f'<w:{kind} w:id="{note_id}">{first}{"".join(rest)}</w:{kind}>'


def package_docx(body: str, footnotes: str | None = None, endnotes: str | None = None) -> bytes:
    """A .docx from python-docx's template whose body is the paragraphs (and tables) ``body`` and
    whose footnotes and endnotes parts hold the ``w:footnote``/``w:endnote`` elements given."""
    document = docx.Document()
    section = document.element.body[-1]
    for element in parse_xml(f"<w:body {NSDECL}>{body}</w:body>"):
        section.addprevious(element)
    package = document.part.package
    for kind, notes, content_type, reltype in (
        ("footnote", footnotes, CT.WML_FOOTNOTES, RT.FOOTNOTES),
        ("endnote", endnotes, CT.WML_ENDNOTES, RT.ENDNOTES),
    ):
        if notes is not None:
            xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{kind}s {NSDECL}>{_separators(kind)}{notes}</w:{kind}s>'
            part = Part(PackURI(f"/word/{kind}s.xml"), content_type, xml.encode("utf-8"), package)
            document.part.relate_to(part, reltype)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_docx(
    body: Sequence[str],
    footnotes: Mapping[int, Sequence[str]] | None = None,
    endnotes: Mapping[int, Sequence[str]] | None = None,
) -> bytes:
    """A .docx whose body is the paragraphs ``body`` (WordprocessingML) and whose notes are
    ``{id: [paragraph, ...]}`` (each note's first paragraph gets Word's reference mark)."""
    def notes_xml(kind: str, notes: Mapping[int, Sequence[str]] | None) -> str | None:
        return None if notes is None else "".join(_note(kind, i, ps) for i, ps in notes.items())

    return package_docx("".join(body), notes_xml("footnote", footnotes), notes_xml("endnote", endnotes))


def fixture_docx(text: str) -> tuple[bytes, list[int]]:
    """A .docx from a fixture (``*.docx.xml``): a ``<fixture>`` holding ``<body>`` (paragraphs)
    and optionally ``<footnotes>`` and ``<endnotes>`` (``w:footnote``/``w:endnote`` elements,
    in the order the body refers to them). Returns the package and the fixture line of each
    paragraph, in the order the reader lays them out (body, footnotes, endnotes)."""
    root = etree.fromstring(text.encode("utf-8"))
    stories = {child.tag: child for child in root}

    def inner(name: str) -> str | None:
        story = stories.get(name)
        if story is None:
            return None
        return "".join(etree.tostring(child, encoding="unicode") for child in story if isinstance(child.tag, str))

    lines = [
        p.sourceline for name in ("body", "footnotes", "endnotes") if name in stories
        for p in stories[name].iter(f"{{{W_NS}}}p")
    ]
    return package_docx(inner("body") or "", inner("footnotes"), inner("endnotes")), lines
