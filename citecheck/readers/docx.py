"""Word documents (.docx): python-docx opens the package, lxml reads the parts.

The text handed on is the document as Word shows it, one paragraph per line and a blank line
between paragraphs: the body (``word/document.xml``), then each footnote and each endnote
(``word/footnotes.xml``, ``word/endnotes.xml``) in the order of their references. Positions
are shown as the paragraph and the character in it (``ch1.docx:¶12:34``; a note's paragraphs
as ``footnote 3 ¶1:5``), through ``SourceFile.paragraphs``.

* Real notes: each ``w:footnoteReference``/``w:endnoteReference`` in the body is a marker,
  numbered as Word numbers it: in order of reference, footnotes and endnotes apart (each its
  own chapter for the checks), from the first number the settings give, anew in each section
  when they say so (a chapter of its own too); a custom mark (a symbol) is a label, no number.
  The note's text is all its paragraphs, runs joined, and the reference mark in the note
  (``w:footnoteRef``) is its label. References and marks show as
  superscript digits in the text, as Word draws them.
* Tracked changes: deleted text (``w:del``, ``w:moveFrom``) is not text, inserted text
  (``w:ins``, ``w:moveTo``) is; a note whose only reference was deleted is no note.
* Hand-typed numbers (a converted book, with no real notes): superscript digits show as
  superscript characters, and the plain-text reader's sequence logic finds the markers and
  the numbered note paragraphs (:func:`citecheck.readers.plaintext.read`). Only when it finds
  typed notes: in a Word document without them, superscript digits are units and ordinals
  (``m²``, pandoc's ``verbatim_subsuper.docx``), not note numbers.
* Fields: a field's instruction is no text, its result is. A reference manager's citation field
  (Zotero, Mendeley, EndNote: :mod:`.citation_fields`; Mendeley Cite's content control, whose
  content is its result) gives one citation per cited item, with
  its locator, spanning the field's result (a full citation the first time an item is cited, a
  short form after, as the manager formats it); the result is then a markup region, so it is not
  read again as note text or prose, and the field is kept (``Document.citation_fields``) for
  the check that its text is still what the manager formatted. A manager's bibliography is
  markup too. Headings and quotations (by paragraph style) are regions of their role.
* Safety: :mod:`.package` refuses zip bombs and XML with a document type before anything is
  read whole.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from citecheck.model import Citation, CitationField, Document, Marker, Note, Region, Work
from citecheck.readers import plaintext
from citecheck.readers.citation_fields import (
    MENDELEY_BIBLIOGRAPHY,
    MENDELEY_CONTROL,
    is_bibliography_field,
    parse_field,
)
from citecheck.readers.package import ZIP_ERRORS, open_archive, xml_parts
from citecheck.source import Paragraph, SourceFile, Span

if TYPE_CHECKING:  # lxml is imported when a package or HTML file is read, not by every run
    from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


P, R, T, TAB, BR, CR = _w("p"), _w("r"), _w("t"), _w("tab"), _w("br"), _w("cr")
FLD_CHAR, INSTR_TEXT, FLD_SIMPLE, FLD_DATA = _w("fldChar"), _w("instrText"), _w("fldSimple"), _w("fldData")
SDT, SDT_TAG = _w("sdt"), f"{_w('sdtPr')}/{_w('tag')}"
NOTE_REFERENCES = {_w("footnoteReference"): "footnote", _w("endnoteReference"): "endnote"}
NOTE_MARKS = {_w("footnoteRef"), _w("endnoteRef")}
TEXT_BOX, FALLBACK = _w("txbxContent"), f"{{{MC}}}Fallback"
# Not text of the paragraph: deleted or moved-away text, properties, drawings and text boxes
# (their paragraphs follow the paragraph as paragraphs of their own), the fallback of
# markup-compatibility alternatives.
SKIPPED = {
    _w("del"), _w("moveFrom"), _w("pPr"), _w("rPr"), _w("sdtPr"), _w("drawing"), _w("pict"),
    _w("object"), TEXT_BOX, _w("delText"), _w("delInstrText"), FALLBACK, P,
}  # fmt: skip
HEADING_STYLES = ("heading", "title", "subtitle")
QUOTATION_STYLES = ("quote", "intensequote", "blocktext")
SUPERSCRIPT = str.maketrans("0123456789", plaintext.SUPERSCRIPT_DIGITS)
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # what Word writes for an encrypted document


@dataclass(slots=True)
class _Layout:
    """The text being laid out: one paragraph a line, a blank line between paragraphs."""

    chunks: list[str] = field(default_factory=list)
    length: int = 0
    lines: list[Paragraph | None] = field(default_factory=list)

    def paragraph(self, part: str, label: str) -> None:
        if self.lines:
            self.add("\n\n")
            self.lines.append(None)
        self.lines.append(Paragraph(part, label))

    def add(self, text: str) -> tuple[int, int]:
        start = self.length
        self.chunks.append(text)
        self.length += len(text)
        return start, self.length

    def text(self) -> str:
        return "".join(self.chunks)


@dataclass(slots=True)
class _Field:
    instruction: list[str] = field(default_factory=list)
    data: str = ""
    result_start: int | None = None  # where the result begins, once the instruction is over


@dataclass(frozen=True, slots=True)
class _Reference:
    kind: str  # footnote or endnote
    note_id: str
    span: tuple[int, int]
    number: int | None  # None for a custom mark
    chapter: int


@dataclass(frozen=True, slots=True)
class _Numbering:
    """How Word numbers a kind of note: from ``start``, again in each section or not."""

    start: int = 1
    each_section: bool = False


@dataclass(frozen=True, slots=True)
class _FoundField:
    instruction: str
    data: str
    span: tuple[int, int]
    note: int | None  # the note the field stands in


@dataclass(slots=True)
class _Walk:
    """One pass over the paragraphs of the stories, in order."""

    layout: _Layout
    superscript_styles: frozenset[str]
    numbering: Mapping[str, _Numbering]
    references: list[_Reference] = field(default_factory=list)
    numbers: dict[str, int] = field(default_factory=dict)  # the last number given, by kind
    section: int = 0
    # (kind, id) -> (number, chapter) of each note referred to, in the order of first reference
    note_numbers: dict[tuple[str, str], tuple[int | None, int]] = field(default_factory=dict)
    fields: list[_Field] = field(default_factory=list)
    found_fields: list[_FoundField] = field(default_factory=list)
    regions: list[tuple[str, int, int, int]] = field(default_factory=list)  # role, start, end, heading level
    in_instructions: int = 0  # how many open fields are still in their instruction
    note_mark: tuple[int, int] | None = None  # the label of the note being read
    note: int | None = None

    def __post_init__(self) -> None:
        self.numbers = {kind: numbering.start - 1 for kind, numbering in self.numbering.items()}

    def chapter(self, kind: str) -> int:
        """Footnotes and endnotes are numbered apart, and anew in each section when Word does."""
        section = self.section if self.numbering[kind].each_section else 0
        return 2 * section + (kind == "endnote")

    def end_section(self) -> None:
        self.section += 1
        for kind, numbering in self.numbering.items():
            if numbering.each_section:
                self.numbers[kind] = numbering.start - 1

    @property
    def hidden(self) -> bool:
        """Inside a field's instruction nothing shows."""
        return self.in_instructions > 0

    def paragraph(self, element: etree._Element, part: str, label: str) -> tuple[int, int]:
        self.layout.paragraph(part, label)
        start = self.layout.length
        self._children(element)
        style = _paragraph_style(element).casefold()
        if any(a.tag == SDT and _control_tag(a) == MENDELEY_BIBLIOGRAPHY for a in element.iterancestors()):
            self.regions.append(("markup", start, self.layout.length, 0))
        elif style.startswith(HEADING_STYLES):
            self.regions.append(("heading", start, self.layout.length, _heading_level(style)))
        elif style in QUOTATION_STYLES:
            self.regions.append(("quotation", start, self.layout.length, 0))
        return start, self.layout.length

    def _children(self, element: etree._Element) -> None:
        for child in element:
            tag = child.tag
            if tag == R:
                self._run(child)
            elif tag == FLD_SIMPLE:
                self._begin(child.get(_w("instr")) or "", "")
                self._separate()
                self._children(child)
                self._end()
            elif tag == SDT and _control_tag(child).startswith(MENDELEY_CONTROL):
                start = self.layout.length  # a Mendeley Cite citation: the control's content is its text
                self._children(child)
                if self.layout.length > start and not self.hidden:
                    self.found_fields.append(_FoundField(_control_tag(child), "", (start, self.layout.length), self.note))
            elif isinstance(tag, str) and tag not in SKIPPED:
                self._children(child)  # insertions, hyperlinks, content controls, smart tags

    def _run(self, run: etree._Element) -> None:
        superscript = _is_superscript(run, self.superscript_styles)
        for child in run:
            tag = child.tag
            if tag == FLD_CHAR:
                kind = child.get(_w("fldCharType"))
                if kind == "begin":
                    data = child.find(FLD_DATA)
                    self._begin("", "" if data is None else data.text or "")
                elif kind == "separate" and self.fields and self.fields[-1].result_start is None:
                    self._separate()
                elif kind == "end" and self.fields:
                    self._end()
            elif tag == INSTR_TEXT and self.fields and self.fields[-1].result_start is None:
                self.fields[-1].instruction.append(child.text or "")
            elif self.hidden:
                continue
            elif tag == T:
                text = " ".join((child.text or "").splitlines())
                self.layout.add(text.translate(SUPERSCRIPT) if superscript else text)
            elif tag == TAB:
                self.layout.add("\t")
            elif tag in (BR, CR):
                self.layout.add(" ")
            elif tag == _w("noBreakHyphen"):
                self.layout.add("-")
            elif tag in NOTE_REFERENCES:
                self._reference(NOTE_REFERENCES[tag], child)
            elif tag in NOTE_MARKS and self.note is not None:
                self.note_mark = self.layout.add(str(self.note).translate(SUPERSCRIPT))

    def _reference(self, kind: str, element: etree._Element) -> None:
        note_id = element.get(_w("id")) or ""
        chapter = self.chapter(kind)
        if element.get(_w("customMarkFollows")) in ("1", "true", "on"):  # the symbol is the next run
            start = self.layout.length
            self.note_numbers.setdefault((kind, note_id), (None, chapter))
            self.references.append(_Reference(kind, note_id, (start, start), None, chapter))
            return
        self.numbers[kind] += 1
        number = self.numbers[kind]
        self.note_numbers.setdefault((kind, note_id), (number, chapter))
        span = self.layout.add(str(number).translate(SUPERSCRIPT))
        self.references.append(_Reference(kind, note_id, span, number, chapter))

    def _begin(self, instruction: str, data: str) -> None:
        self.fields.append(_Field([instruction], data))
        self.in_instructions += 1

    def _separate(self) -> None:
        """The open field's instruction is over; its result begins."""
        self.fields[-1].result_start = self.layout.length
        self.in_instructions -= 1

    def _end(self) -> None:
        done = self.fields.pop()
        if done.result_start is None:
            self.in_instructions -= 1
            return
        instruction = "".join(done.instruction).strip()
        span = (done.result_start, self.layout.length)
        if is_bibliography_field(instruction):
            self.regions.append(("markup", *span, 0))
        elif span[1] > span[0]:
            self.found_fields.append(_FoundField(instruction, done.data, span, self.note))


def _control_tag(control: etree._Element) -> str:
    """The tag of a content control (``w:sdt``), where add-ins keep their data."""
    tag = control.find(SDT_TAG)
    return (tag.get(_w("val")) or "") if tag is not None else ""


def _heading_level(style: str) -> int:
    """A heading style's depth, from the number its id ends with ("heading2", "heading 2"); a
    title is the top; a subtitle or an unnumbered style says none (0)."""
    digits = style[len(style.rstrip("0123456789")) :]
    return int(digits) if digits else int(style == "title")


def _paragraph_style(paragraph: etree._Element) -> str:
    style = paragraph.find(f"{_w('pPr')}/{_w('pStyle')}")
    return (style.get(_w("val")) or "") if style is not None else ""


def _is_superscript(run: etree._Element, superscript_styles: frozenset[str]) -> bool:
    properties = run.find(_w("rPr"))
    if properties is None:
        return False
    align = properties.find(_w("vertAlign"))
    if align is not None:
        return align.get(_w("val")) == "superscript"
    style = properties.find(_w("rStyle"))
    return style is not None and style.get(_w("val")) in superscript_styles


def _superscript_styles(styles: etree._Element | None) -> frozenset[str]:
    """Character styles that raise their text (``FootnoteReference``), following ``basedOn``."""
    if styles is None:
        return frozenset()
    raised: dict[str, bool | None] = {}
    based: dict[str, str] = {}
    for style in styles.iter(_w("style")):
        style_id = style.get(_w("styleId")) or ""
        align = style.find(f"{_w('rPr')}/{_w('vertAlign')}")
        raised[style_id] = None if align is None else align.get(_w("val")) == "superscript"
        parent = style.find(_w("basedOn"))
        if parent is not None:
            based[style_id] = parent.get(_w("val")) or ""
    found = set()
    for style_id in raised:
        seen, current = set(), style_id
        while raised.get(current) is None and current in based and current not in seen:
            seen.add(current)
            current = based[current]
        if raised.get(current):
            found.add(style_id)
    return frozenset(found)


def _story_parts(data: bytes) -> tuple[str, dict[str, str]]:
    """The main document part's name and its footnotes and endnotes parts' names, from the
    package's relationships (python-docx): ``word/document.xml``, ``{"footnote": ...}``. A
    template or a document with macros (.dotx, .docm content types) is read like a document."""
    # python-docx: imported when a Word file is read, not by every run
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.exceptions import PackageNotFoundError
    from docx.package import Package
    from lxml import etree

    try:
        part = Package.open(io.BytesIO(data)).main_document_part
    except (PackageNotFoundError, KeyError, ValueError, etree.LxmlError, *ZIP_ERRORS) as error:
        raise ValueError(f"not a Word document: {error}") from None
    notes = {}
    for relationship in part.rels.values():
        if relationship.is_external:
            continue
        for kind, reltype in (("footnote", RT.FOOTNOTES), ("endnote", RT.ENDNOTES)):
            if relationship.reltype == reltype:
                notes[kind] = relationship.target_part.partname.lstrip("/")
    for name, reltype in (("styles", RT.STYLES), ("settings", RT.SETTINGS)):
        notes[name] = next((r.target_part.partname.lstrip("/") for r in part.rels.values()
                            if not r.is_external and r.reltype == reltype), "")  # fmt: skip
    return part.partname.lstrip("/"), notes


def _numbering(root: etree._Element, settings: etree._Element | None) -> dict[str, _Numbering]:
    """How footnotes and endnotes are numbered: the document's settings, and the sections'
    properties (restarting in each section, a first number other than 1)."""
    found = {}
    for kind in ("footnote", "endnote"):
        start, each_section = 1, False
        sources = [settings] if settings is not None else []
        for holder in (*sources, *root.iter(_w("sectPr"))):
            properties = holder.find(_w(f"{kind}Pr"))
            if properties is None:
                continue
            first = properties.find(_w("numStart"))
            if first is not None and (first.get(_w("val")) or "").isdecimal():
                start = int(first.get(_w("val")) or 1)
            restart = properties.find(_w("numRestart"))
            each_section = each_section or (restart is not None and restart.get(_w("val")) == "eachSect")
        found[kind] = _Numbering(start, each_section)
    return found


def _body_paragraphs(root: etree._Element) -> Iterator[etree._Element]:
    """The body's paragraphs in order, tables' included, each followed by the paragraphs of the
    text boxes anchored in it (captions, sidebars)."""
    body = root.find(_w("body"))
    if body is None:
        return
    yield from _paragraphs_in(body)


def _paragraphs_in(element: etree._Element) -> Iterator[etree._Element]:
    for child in element:
        if child.tag == P:
            yield child
            for box in _text_boxes(child):
                yield from _paragraphs_in(box)
        elif isinstance(child.tag, str) and child.tag not in SKIPPED:
            yield from _paragraphs_in(child)


def _text_boxes(paragraph: etree._Element) -> Iterator[etree._Element]:
    """The text boxes anchored in ``paragraph`` itself (not in a box inside it: those follow
    their own paragraph), once each: not the copy a compatibility fallback keeps."""
    for box in paragraph.iter(TEXT_BOX):
        ancestors = list(box.iterancestors())
        if next(a for a in ancestors if a.tag == P) is paragraph and not any(a.tag == FALLBACK for a in ancestors):
            yield box


def _notes_by_id(root: etree._Element | None, kind: str) -> dict[str, etree._Element]:
    """The notes of a footnotes or endnotes part by id; separators and notices left out."""
    if root is None:
        return {}
    return {
        note.get(_w("id")) or "": note
        for note in root.iter(_w(kind))
        if note.get(_w("type")) in (None, "normal")
    }


def unpack(data: bytes, path: str) -> Document:
    """The document in the bytes of a .docx file shown as ``path``.

    Raises :class:`~citecheck.source.UnsafeInput` for a package refused as unsafe and
    ``ValueError`` for one that is not a readable Word document.
    """
    if data.startswith(OLE_SIGNATURE):
        raise ValueError("not a .docx package but an OLE file: a password-protected document, or a .doc named .docx")
    parts = xml_parts(open_archive(data, "Word document (.docx)"))
    main, related = _story_parts(data)
    root = parts.get(main)
    if root is None or root.tag != _w("document"):
        raise ValueError(f"not a Word document: its main part {main} is no WordprocessingML document")
    numbering = _numbering(root, parts.get(related["settings"]))
    walk = _Walk(_Layout(), _superscript_styles(parts.get(related["styles"])), numbering)
    for number, paragraph in enumerate(_body_paragraphs(root), start=1):
        walk.paragraph(paragraph, main, f"¶{number}")
        if paragraph.find(f"{_w('pPr')}/{_w('sectPr')}") is not None:
            walk.end_section()
    body_end = walk.layout.length
    drafts: list[_NoteDraft] = []
    deleted = _deleted_references(root)
    for kind in ("footnote", "endnote"):
        part = related.get(kind, "")
        drafts += _read_notes(walk, kind, part, _notes_by_id(parts.get(part), kind), deleted)
    real_notes = bool(walk.references or drafts)
    layout = walk.layout
    source = SourceFile(path, layout.text(), "utf-8", None, tuple(layout.lines))
    regions = tuple(Region(role, source.span(start, end), level) for role, start, end, level in walk.regions)
    citations, managed = _field_citations(walk.found_fields, source)
    regions += tuple(Region("markup", f.span) for f in managed)
    if not real_notes:
        typed = plaintext.read(SourceFile(path, source.text[:body_end], "utf-8", None, source.paragraphs))
        markers, notes = (typed.markers, typed.notes) if typed.notes else ((), ())
        return Document(
            source=source, format="docx", markers=markers, notes=notes,
            citations=citations, numbered=True, regions=regions, citation_fields=managed,
        )  # fmt: skip
    markers = tuple(
        Marker(str(r.number) if r.number is not None else _custom_label(r.note_id), r.number,
               source.text[r.span[0] : r.span[1]], source.span(*r.span), "superscript", chapter=r.chapter)
        for r in walk.references
    )  # fmt: skip
    notes = tuple(_note(source, draft) for draft in drafts)
    return Document(
        source=source, format="docx", markers=markers, notes=notes, citations=citations,
        numbered=True, regions=regions, citation_fields=managed,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class _NoteDraft:
    """A note as the walk met it: its number (None for a custom mark or when nothing refers to
    it), its label, the spans of its paragraphs and of its reference mark, and its chapter."""

    number: int | None
    label: str
    paragraphs: tuple[tuple[int, int], ...]
    mark: tuple[int, int] | None
    chapter: int


def _custom_label(note_id: str) -> str:
    """The label of a note with a custom mark (a symbol Word does not number), marker and note alike."""
    return f"mark {note_id}"


def _read_notes(
    walk: _Walk, kind: str, part: str, by_id: Mapping[str, etree._Element], deleted: frozenset[tuple[str, str]]
) -> Iterator[_NoteDraft]:
    """The notes of one part, in the order of their first reference; then any note with no
    reference at all (a reference deleted as a tracked change leaves no note)."""
    order = [(number, chapter, note_id) for (k, note_id), (number, chapter) in walk.note_numbers.items()
             if k == kind and note_id in by_id]  # fmt: skip
    order += [(None, walk.chapter(kind) % 2, note_id) for note_id in by_id
              if (kind, note_id) not in walk.note_numbers and (kind, note_id) not in deleted]  # fmt: skip
    sections = walk.numbering[kind].each_section and walk.section > 0
    for number, chapter, note_id in order:
        if number is None:
            name = f"{kind} ({_custom_label(note_id) if (kind, note_id) in walk.note_numbers else 'id ' + note_id})"
        else:
            name = f"{kind} {number}" + (f" of section {chapter // 2 + 1}" if sections else "")
        walk.note, walk.note_mark = number, None
        paragraphs = _paragraphs_in(by_id[note_id])
        spans = tuple(walk.paragraph(p, part, f"{name} ¶{i}") for i, p in enumerate(paragraphs, start=1))
        walk.note = None
        label = str(number) if number is not None else _custom_label(note_id) if (kind, note_id) in walk.note_numbers else note_id
        yield _NoteDraft(number, label, spans, walk.note_mark, chapter)


def _deleted_references(root: etree._Element) -> frozenset[tuple[str, str]]:
    """The (kind, id) of each note referenced only from deleted text (a tracked deletion Word
    keeps until it is accepted): that note is deleted with its reference."""
    found = set()
    for tag, kind in NOTE_REFERENCES.items():
        for reference in root.iter(tag):
            if any(a.tag in (_w("del"), _w("moveFrom")) for a in reference.iterancestors()):
                found.add((kind, reference.get(_w("id")) or ""))
    return frozenset(found)


def _note(source: SourceFile, draft: _NoteDraft) -> Note:
    """The note of ``draft``: its parts are its paragraphs without the mark and the space after it."""
    text, mark = source.text, draft.mark
    parts = []
    for start, end in draft.paragraphs:
        if mark is not None and start <= mark[0] < end:
            start = mark[1]
        while start < end and text[start].isspace():
            start += 1
        if end > start:
            parts.append(source.span(start, end))
    if mark is not None:
        label = source.span(*mark)
    else:
        start = draft.paragraphs[0][0] if draft.paragraphs else 0
        label = source.span(start, start)
    return Note(
        label=draft.label,
        number=draft.number,
        text=" ".join(" ".join(text[p.start : p.end].split()) for p in parts),
        span=label,
        parts=tuple(parts),
        style="superscript",
        chapter=draft.chapter,
    )


def _field_citations(found: list[_FoundField], source: SourceFile) -> tuple[tuple[Citation, ...], tuple[CitationField, ...]]:
    citations: list[Citation] = []
    managed: list[CitationField] = []
    cited: set[Work] = set()  # an item cited again is a short form of its first citation
    for item in found:
        payload = parse_field(item.instruction, item.data)
        if payload is None:
            continue
        span = source.span(*item.span)
        shown = source.text[span.start : span.end]
        managed.append(CitationField(payload.manager, span, shown, payload.formatted, payload.edit_kept))
        for field_item, piece in zip(payload.items, _item_spans(span, shown, len(payload.items))):
            kind = "short" if field_item.work in cited else "full"
            cited.add(field_item.work)
            written = source.text[piece.start : piece.end]
            citations.append(Citation(kind, written, piece, note=item.note, locator=field_item.locator, work=field_item.work))
    return tuple(citations), tuple(managed)


def _item_spans(span: Span, shown: str, count: int) -> list[Span]:
    """Where each of a field's ``count`` items stands in its text: its own piece when the
    manager wrote one per item, separated by semicolons (``(Boer et al., 2016; Smith et al.,
    2013)``), else the whole text for each."""
    start, end = 0, len(shown)
    if count > 1 and shown[:1] in "([" and shown[-1:] in ")]":
        start, end = 1, end - 1
    pieces = shown[start:end].split(";")
    if count < 2 or len(pieces) != count:
        return [span] * count
    spans = []
    for piece in pieces:
        lead = len(piece) - len(piece.lstrip())
        spans.append(Span(span.path, span.start + start + lead, span.start + start + len(piece.rstrip())))
        start += len(piece) + 1
    return spans
