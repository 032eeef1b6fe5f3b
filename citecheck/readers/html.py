"""HTML reader: note references, notes and their sections, with exact offsets; also the core of
the EPUB reader (:mod:`citecheck.readers.epub`), which hands over one page per chapter file.

lxml builds the tree (libxml2's HTML parser, with its repairs of real-world markup; XHTML through
:func:`citecheck.readers.package.parse_content`, which refuses XML entities). lxml knows only the line a tag
ends on, so the standard library's HTML tokenizer, which reports where every tag, text run and
comment starts, places each element: elements and start tags are paired in document order by
name and line (an element the parser implied, such as ``<body>``, has no tag and no place).

What is a note reference and what is a note is read from the links, as a reader follows them:

* a link marked as one (EPUB 3 ``epub:type="noteref"``, ``role="doc-noteref"``, the classes
  Pandoc, docutils and others write) is a reference, whatever its text;
* any other link whose text is a note label (``12``, ``[12]``, ``*``) is a reference when its
  target comes after it in reading order and it is set as a superscript, or the target is a
  note, or the target's block links back to it (Calibre, Word and many converters write notes
  as ``<p><a href="#ref12">12</a> Text</p>``); a link back to an earlier place is a backlink;
* a note is an element marked as one (``epub:type`` footnote, endnote or rearnote,
  ``role="doc-footnote"``/``"doc-endnote"``, class footnote or endnote), an item of a notes
  section's list (Pandoc's ``<section class="footnotes"><ol><li id="fn1">``), the block a
  reference leads to, or a block beside such notes that opens with a label (a note nobody
  references).

A note's number is its label (``12.``, a linked ``12``), else its place in an ordered list, else
the number of the first reference to it. Numbering restarts (a new chapter) where a reference
numbered 1 follows others across a heading or a file boundary. A note's text is its markup as
written; the regions mark the tags as markup and italics as emphasis, so the note parser reads
``<i>Title</i>`` as ``*Title*``.
"""

from __future__ import annotations

import bisect
import functools
import posixpath
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from citecheck.model import Citation, Document, Marker, Note, Region
from citecheck.readers.package import parse_content
from citecheck.source import SourceFile, Span, UnsafeInput

if TYPE_CHECKING:  # lxml is imported when a package or HTML file is read, not by every run
    from lxml import etree

__all__ = ["Page", "page", "read", "resolve_href", "scan"]

_LIBXML2_LAST_LINE = 65535  # libxml2's HTML parser stops counting lines here
_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr basefont frame isindex keygen".split()
)
_BLOCKS = frozenset("p li div aside section dd dt td blockquote article footer body".split())
_NOTEREF_TYPES = frozenset({"noteref", "doc-noteref", "footnote-ref", "footnote-reference", "footnoteref", "fnref", "noteref-link"})
_NOTE_TYPES = frozenset({"footnote", "endnote", "rearnote", "doc-footnote", "doc-endnote"})
_NOTES_TYPES = frozenset({"footnotes", "endnotes", "rearnotes", "doc-endnotes", "doc-footnotes"})
_BACKLINK_TYPES = frozenset({"backlink", "doc-backlink", "footnote-back", "footnote-backref", "fn-backref"})
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_ROLE_OF = {
    **dict.fromkeys(("pre", "code", "kbd", "samp", "tt"), "code"),
    **dict.fromkeys(_HEADINGS, "heading"),
    **dict.fromkeys(("blockquote", "q"), "quotation"),
    **dict.fromkeys(("i", "em", "cite"), "emphasis"),
    **dict.fromkeys(("head", "script", "style", "template", "svg", "math", "nav"), "markup"),
}
# A note label as a reader sees it: 12, [12], (12), 12., *, †, [a]
_LABEL = re.compile(r"[\[(]?(?P<label>\d{1,4}|[*†‡§¶‖#]{1,3}|[a-z])[\])]?\.?")
_LEADING_LABEL = re.compile(r"\s*[\[(]?(?P<label>\d{1,4}|[*†‡§¶‖]{1,3})[\])]?[.:]?(?=\s|$)")
_EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
_LINK_TAGS = ("a", "{http://www.w3.org/1999/xhtml}a")
_UNKNOWN = (-1, -1)  # not worked out yet (None is a value: an element with no place)
_NEWLINE = re.compile("\n")  # html.parser counts lines by it
_BROKEN_CHARREF = re.compile(r"&#(?![0-9]|[xX][0-9a-fA-F])")
# The marked sections html.parser reads (any other ``<![`` makes it raise an AssertionError)
_MARKED_SECTION = re.compile(r"<!\[([a-zA-Z][-_.a-zA-Z0-9]*)")
_MARKED_SECTION_NAMES = frozenset({"temp", "cdata", "ignore", "include", "rcdata", "if", "else", "endif"})
_VISIBLE = re.compile(r"\S")  # not str.isspace(), as str.strip() sees it (the same characters)


# ---------------------------------------------------------------------------------------------
# Where each element stands


@dataclass(slots=True)
class _Tag:
    name: str
    start: int
    end: int
    line: int  # the line the tag ends on, as libxml2 counts
    close_start: int = -1  # the end tag (or what ended the element), filled by _match_ends
    close_end: int = -1


@functools.lru_cache(maxsize=1024)
def _name(tag: str) -> str:
    """A tag's name without its prefix (``epub:switch`` is ``switch``): a page repeats a few names."""
    return tag.rpartition(":")[2]


class _Tokenizer(HTMLParser):
    """The standard tokenizer, recording where each start tag, end tag, text run and piece of
    markup (comment, declaration, entity) begins; every token ends where the next one begins.
    html.parser moves its place with ``updatepos(i, j)`` before it hands over each token (its
    ``getpos`` reports the lines and columns counted there); the tokenizer keeps the offset
    instead, so a token costs no line counting and no turning of lines back into offsets."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.line_starts = [0, 0, *map(re.Match.end, _NEWLINE.finditer(text))]  # by 1-based line
        self.base = 0  # where the parser's buffer starts in the text (a feed drops what it read)
        self.at = 0  # where the token being handed over starts
        self.starts: list[_Tag] = []
        self.events: list[tuple[int, str, object]] = []  # (offset, kind, tag or name)

    def read(self, text: str) -> None:
        # html.parser stops at a ``&#`` that opens no character reference (``&#z;``) and hands the
        # rest of the page over as one text run at close, notes and all; ``&_`` (the same length,
        # plain text to it too) lets it read on.
        self.feed(_BROKEN_CHARREF.sub("&_", text))
        self.base = self.at  # the buffer now holds the text from the first token not handed over
        self.close()

    def updatepos(self, i: int, j: int) -> int:
        self.at = self.base + j
        return j

    def handle_starttag(self, tag: str, attrs: object) -> None:
        start = self.at
        end = start + len(self.get_starttag_text() or "")
        # The line of the tag's last character (libxml2 gives an element the line its tag ends on).
        found = _Tag(_name(tag), start, end, bisect.bisect_right(self.line_starts, end - 1) - 1)
        if found.name in _VOID:
            found.close_start = found.close_end = end
        self.starts.append(found)
        self.events.append((start, "start", found))

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        self.handle_starttag(tag, attrs)
        found = self.starts[-1]
        found.close_start = found.close_end = found.end

    def handle_endtag(self, tag: str) -> None:
        self.events.append((self.at, "end", _name(tag)))

    def handle_data(self, data: str) -> None:
        self.events.append((self.at, "text", None))

    def _markup(self, *_: object) -> None:
        self.events.append((self.at, "markup", None))

    handle_comment = handle_decl = handle_pi = unknown_decl = handle_entityref = handle_charref = _markup

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """A ``<![`` that opens none of the marked sections html.parser knows (``<![foo[``, ``<![ x``)
        is a bogus comment up to the next ``>``, as HTML5 reads it; html.parser would raise."""
        found = _MARKED_SECTION.match(self.rawdata, i)
        if found is not None and found.group(1).lower() in _MARKED_SECTION_NAMES:
            return super().parse_marked_section(i, report)
        end = self.rawdata.find(">", i + 3)
        if end < 0:
            return -1
        if report:
            self.unknown_decl(self.rawdata[i + 3 : end])
        return end + 1


def _match_ends(events: list[tuple[int, str, object]], length: int) -> None:
    """Give every start tag its end: its end tag, or the end tag of an element around it that
    closed it, or the end of the text. An end tag closes the innermost open tag of its name,
    found in that name's own stack (an end tag nothing opened passes no open tags by)."""
    open_tags: list[_Tag] = []
    depths: dict[str, list[int]] = {}  # where the open tags of each name stand in open_tags
    for index, (offset, kind, what) in enumerate(events):
        if kind == "start":
            assert isinstance(what, _Tag)
            if what.close_start < 0:
                depths.setdefault(what.name, []).append(len(open_tags))
                open_tags.append(what)
        elif kind == "end" and (same := depths.get(what)):
            depth = same.pop()
            for implied in open_tags[depth + 1 :]:
                implied.close_start = implied.close_end = offset
                depths[implied.name].pop()
            open_tags[depth].close_start = offset
            open_tags[depth].close_end = events[index + 1][0] if index + 1 < len(events) else length
            del open_tags[depth:]
    for tag in open_tags:
        tag.close_start = tag.close_end = length


@dataclass(eq=False)
class Page:
    """One HTML file: its text, its tree, and where its elements stand."""

    source: SourceFile
    root: etree._Element
    order: int  # the page's place in reading order (the spine of an EPUB)
    name: str  # what links name it by: its path inside the package, or its file name
    tags: dict[etree._Element, _Tag]
    text_starts: list[int]  # where each text run starts, in order
    text_ends: list[int]  # and where it ends
    markup: list[tuple[int, int]]  # tags, comments, declarations and entities (runs of them joined)
    by_id: dict[str, etree._Element] = field(default_factory=dict)
    headings: list[int] = field(default_factory=list)  # where each placed heading starts, in order
    positions: dict[etree._Element, int] = field(default_factory=dict)  # document order
    names: dict[etree._Element, str] = field(default_factory=dict)  # each element's name, in document order
    marked: list[etree._Element] = field(default_factory=list)  # the elements with attributes, in order
    links: list[etree._Element] = field(default_factory=list)  # the <a> elements, in order
    # Each element's content, worked out once: siblings ask for their parent's again and again
    # (a page of 90,000 notes in one <div> asked for the div's, and its ancestors', 90,000 times).
    contents: dict[etree._Element, tuple[int, int] | None] = field(default_factory=dict)
    holding: set[etree._Element] | None = None  # the links and the elements around them
    # What many links into one block ask of it, worked out once a block (each asking read the
    # whole block: quadratic when thousands of links lead into one).
    showing: dict[etree._Element, bool] = field(default_factory=dict)
    leading_to: dict[etree._Element, frozenset[str]] = field(default_factory=dict)
    raising: dict[etree._Element, bool] = field(default_factory=dict)  # the links of a page share their ancestors

    def shows_text(self, element: etree._Element) -> bool:
        """Whether the element shows any text."""
        if element not in self.showing:
            self.showing[element] = bool(_text(element))
        return self.showing[element]

    def raised(self, element: etree._Element) -> bool:
        """Whether the element, or one around it, is set as a superscript."""
        chain = []
        while element is not None and element not in self.raising:
            chain.append(element)
            element = element.getparent()
        found = element is not None and self.raising[element]
        for inner in reversed(chain):
            found = self.raising[inner] = found or _superscript(inner)
        return found

    def fragments(self, block: etree._Element) -> frozenset[str]:
        """Where the links inside ``block`` lead in a page (``#ref12`` is ``ref12``)."""
        if block not in self.leading_to:
            hrefs = (inner.get("href") or "" for inner in block.iter(*_LINK_TAGS))
            self.leading_to[block] = frozenset(href.partition("#")[2] for href in hrefs)
        return self.leading_to[block]

    def holding_links(self) -> set[etree._Element]:
        """The elements that hold a link (a link holds itself), found once: most notes hold
        none, and looking inside each for links cost more than reading the note."""
        if self.holding is None:
            self.holding = set()
            for link in self.links:
                element = link
                while element is not None and element not in self.holding:
                    self.holding.add(element)
                    element = element.getparent()
        return self.holding

    def content(self, element: etree._Element) -> tuple[int, int] | None:
        """Where the element's content starts and ends (inside its tags), None when implied."""
        found = self.contents.get(element, _UNKNOWN)
        if found is _UNKNOWN:
            found = self.contents[element] = self._content(element)
        return found

    def _content(self, element: etree._Element) -> tuple[int, int] | None:
        tag = self.tags.get(element)
        if tag is None:
            return None
        end = tag.close_start
        following = element.getnext()
        while following is not None:
            placed = self.tags.get(following)
            if placed is not None:
                end = min(end, placed.start)
                break
            following = following.getnext()
        parent = element.getparent()
        if parent is not None:
            around = self.contents.get(parent, _UNKNOWN)  # mostly known: asked for a sibling before
            if around is _UNKNOWN:
                around = self.content(parent)
            if around is not None and around[1] < end:
                end = around[1]
        return tag.end, max(tag.end, end)

    def extent(self, element: etree._Element) -> tuple[int, int] | None:
        """The element with its tags."""
        tag = self.tags.get(element)
        inner = self.content(element)
        if tag is None or inner is None:
            return None
        return tag.start, tag.close_end if inner[1] == tag.close_start else inner[1]

    def shown(self, element: etree._Element) -> Span:
        """The element's visible text, or the element itself when it shows none."""
        inner = self.content(element)
        span = self.visible(*inner) if inner else None
        return span or self.source.span(*(self.extent(element) or (0, 0)))

    def visible(self, start: int, end: int) -> Span | None:
        """The span from the first to the last visible character between ``start`` and ``end``."""
        first = self.first_visible(start, end)
        if first is None:
            return None
        return Span(self.source.path, first, self._last_visible(first, end))

    def first_visible(self, start: int, end: int) -> int | None:
        """Where the first visible character of the text runs between ``start`` and ``end`` is:
        the runs are searched from ``start`` on, and the search stops at the first."""
        text, starts, ends = self.source.text, self.text_starts, self.text_ends
        index = bisect.bisect_right(starts, start) - 1
        if index < 0 or ends[index] <= start:  # ``start`` falls between runs: from the next one on
            index += 1
        count = len(starts)
        while index < count and starts[index] < end:
            run_start, run_end = starts[index], ends[index]  # compared inline: min() and max() cost a call each
            found = _VISIBLE.search(text, start if start > run_start else run_start, end if end < run_end else run_end)
            if found is not None:
                return found.start()
            index += 1
        return None

    def _last_visible(self, first: int, end: int) -> int:
        """Just past the last visible character before ``end`` (one stands at ``first``): the
        runs are searched back from ``end``."""
        text, starts, ends = self.source.text, self.text_starts, self.text_ends
        index = bisect.bisect_left(starts, end) - 1
        while True:
            run_start, run_end = max(starts[index], first), min(ends[index], end)
            shown = len(text[run_start:run_end].rstrip())
            if shown:
                return run_start + shown
            index -= 1


def _local(element: etree._Element) -> str:
    """The element's name without its namespace (``{http://www.w3.org/1999/xhtml}p`` is ``p``),
    lower-cased: lxml's ``QName(element).localname``, read off the tag at a tenth of its cost."""
    return _local_name(element.tag)


@functools.lru_cache(maxsize=1024)
def _local_name(tag: str) -> str:
    return tag.rpartition("}")[2].lower()


# Markup the tokenizer would look for the end of again from every opening (quadratic on
# ``<a <a <a`` or ``<!--x> <!--x>``): an opening after the last end it could have is text.
_UNCLOSABLE = (("<!--", "-->"), ("<![CDATA[", "]]>"), ("<", ">"))


def _closable(text: str) -> str:
    """``text`` with every opening that no end follows blanked (same length, so offsets hold)."""
    for opening, end in _UNCLOSABLE:
        last = text.rfind(end) + len(end) if end in text else 0
        if opening in text[last:]:
            text = text[:last] + text[last:].replace(opening, " " * len(opening))
    return text


def _tokens(source: SourceFile) -> _Tokenizer:
    tokenizer = _Tokenizer(source.text)
    tokenizer.read(_closable(source.text))
    return tokenizer


def _is_xml(source: SourceFile) -> bool:
    return source.path.lower().endswith(".xhtml") or source.text.lstrip().startswith("<?xml")


def _tree(source: SourceFile, xml: bool) -> etree._Element:
    if xml:
        try:
            return parse_content(source.text, source.path)
        except ValueError as error:
            if isinstance(error, UnsafeInput):
                raise
    from lxml import etree  # imported when HTML is read, not by every run

    # libxml2's HTML parser with lxml's plain elements: lxml.html's element classes cost a call
    # into Python for every element the reader touches, and the reader uses none of their methods.
    parser = etree.HTMLParser(no_network=True, remove_comments=False, remove_pis=False, huge_tree=False)
    try:
        root = etree.fromstring(_without_declaration(source.text), parser)
    except etree.XMLSyntaxError:
        root = None
    if root is None:  # nothing but blanks, comments or a declaration
        root = etree.fromstring("<html></html>", parser)
    return root


def _without_declaration(text: str) -> str:
    """The text with an XML declaration blanked (lxml refuses one in text already decoded)."""
    if text.lstrip().startswith("<?xml"):
        end = text.find("?>") + 2
        return re.sub(r"[^\n]", " ", text[:end]) + text[end:]
    return text


def page(source: SourceFile, order: int = 0, xml: bool | None = None, name: str | None = None) -> Page:
    """Parse ``source`` (XHTML when ``xml``, by default when it looks like XML) and place its
    elements; ``name`` is the page's path inside its package (links between pages use it).
    Raises :class:`~citecheck.source.UnsafeInput` for XML that declares entities."""
    root = _tree(source, _is_xml(source) if xml is None else xml)
    tokenizer = _tokens(source)
    events = tokenizer.events
    _match_ends(events, len(source.text))
    text_starts, text_ends, markup = [], [], []
    ends = [event[0] for event in events[1:]]
    ends.append(len(source.text))
    for (offset, kind, _), end in zip(events, ends):
        if end > offset:
            if kind == "text":
                text_starts.append(offset)
                text_ends.append(end)
            elif markup and markup[-1][1] == offset:  # markup that touches is one region: </li><li>
                markup[-1] = (markup[-1][0], end)
            else:
                markup.append((offset, end))
    name = source.path.rpartition("/")[2] if name is None else name
    found = Page(source, root, order, name, {}, text_starts, text_ends, markup)
    _survey(found, tokenizer.starts)
    return found


def _survey(found: Page, starts: Sequence[_Tag]) -> None:
    """One pass over the tree in document order: each element's place in the order, its name and
    its start tag (paired by name and by the line the tag ends on: start tags the parser dropped
    are passed over, elements it implied get none); the headings, the ids, the links and the
    elements with attributes (only they can be marked as notes or cite)."""
    from lxml import etree

    by_name: dict[str, list[int]] = {}
    for index, tag in enumerate(starts):
        by_name.setdefault(tag.name, []).append(index)
    cursor = 0  # the start tags before it are paired or passed over
    positions, names, tags = found.positions, found.names, found.tags
    local_name = _local_name
    for position, element in enumerate(found.root.iter(etree.Element)):
        tag_name = element.tag
        name = names[element] = local_name(tag_name)
        positions[element] = position
        line = element.sourceline
        if line is not None:
            if cursor < len(starts) and starts[cursor].name == name and starts[cursor].line == line:
                at = cursor  # mostly the next start tag is the element's: no search
            else:
                at = _start_tag(starts, by_name.get(name, ()), cursor, line)
            if at >= 0:
                tag = tags[element] = starts[at]
                cursor = at + 1
                if name in _HEADINGS:
                    found.headings.append(tag.start)
        if tag_name in _LINK_TAGS:
            found.links.append(element)
        if element.attrib:
            found.marked.append(element)
            for attribute in ("id", "name") if name == "a" else ("id",):
                value = element.get(attribute)
                if value:
                    found.by_id.setdefault(value, element)


def _start_tag(starts: Sequence[_Tag], candidates: Sequence[int], cursor: int, line: int) -> int:
    """Where the start tag of an element on ``line`` stands in ``starts``, -1 when it has none:
    the first of ``candidates`` (where the tags of its name stand, in order) from ``cursor`` on
    that does not end on an earlier line, if it ends on the element's."""
    at = bisect.bisect_left(candidates, cursor)
    while at < len(candidates):
        tag_line = _as_counted(starts[candidates[at]].line, line)
        if tag_line == line:
            return candidates[at]
        if tag_line > line:
            return -1
        at += 1
    return -1


def _as_counted(tag_line: int, line: int) -> int:
    """A tag's line as libxml2 counted it for an element on ``line`` (it stops counting at 65,535
    in HTML)."""
    return min(tag_line, _LIBXML2_LAST_LINE) if line <= _LIBXML2_LAST_LINE else tag_line


# ---------------------------------------------------------------------------------------------
# References and notes


def _types(element: etree._Element) -> frozenset[str]:
    """The element's semantic marks: epub:type, role and class tokens, lower-cased."""
    words = " ".join(element.get(name) or "" for name in (_EPUB_TYPE, "epub:type", "role", "class"))
    return frozenset(words.lower().split())


def _text(element: etree._Element) -> str:
    if not len(element):  # no children: its text alone, without the cost of itertext
        return (element.text or "").strip()
    return "".join(element.itertext()).strip()


def _in_superscript(current: Page, element: etree._Element) -> bool:
    """Whether the element is set as a superscript: an element around it or inside it is."""
    parent = element.getparent()
    return (parent is not None and current.raised(parent)) or any(map(_superscript, element.iterdescendants()))


def _superscript(element: etree._Element) -> bool:
    return isinstance(element.tag, str) and (
        _local(element) == "sup" or "super" in (element.get("style") or "") or "superscript" in _types(element)
    )


def _block(element: etree._Element) -> etree._Element:
    """The element itself when it is a block, else the nearest block around it."""
    for candidate in (element, *element.iterancestors()):
        if _local(candidate) in _BLOCKS:
            return candidate
    return element


def _note_block(target_page: Page, target: etree._Element) -> etree._Element:
    """The block a link's target stands for: its own block, or, when that shows no text (an
    anchor on a line of its own, as Project Gutenberg's HTML sets them), the block after it."""
    block = _block(target)
    if target_page.shows_text(block):
        return block
    following = block.getnext()
    while following is not None and not isinstance(following.tag, str):
        following = following.getnext()
    return block if following is None else following


@dataclass(frozen=True, slots=True)
class _Link:
    page: Page
    element: etree._Element
    target: tuple[Page, etree._Element] | None


def _order(page: Page, element: etree._Element) -> tuple[int, int]:
    return page.order, page.positions.get(element, 0)


def _links(pages: Sequence[Page]) -> list[_Link]:
    """Every link to a place in the document, with the element it leads to (None when absent)."""
    by_name = {current.name: current for current in pages}
    found = []
    for current in pages:
        for element in current.links:
            href = element.get("href") or ""
            if "#" not in href:
                continue
            file_part, _, fragment = href.partition("#")
            if ":" in file_part:
                continue  # a link out of the document (http:, mailto:)
            target_page = by_name.get(resolve_href(current.name, file_part)) if file_part else current
            target = None
            if target_page is not None and fragment in target_page.by_id:
                target = (target_page, target_page.by_id[fragment])
            found.append(_Link(current, element, target))
    return found


def resolve_href(base: str, href: str) -> str:
    """The name of the page (the path inside a package) that ``href``, written in ``base``, leads to."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), href)).lstrip("/")


def _links_back(target_page: Page, block: etree._Element, link: _Link) -> bool:
    """Whether ``block`` holds a link to ``link`` or to an element around it (its ``<sup>``)."""
    ids = {value for e in (link.element, *link.element.iterancestors()) for value in (e.get("id"), e.get("name")) if value}
    return not ids.isdisjoint(target_page.fragments(block))


def _explicit_notes(pages: Sequence[Page]) -> dict[etree._Element, Page]:
    notes: dict[etree._Element, Page] = {}
    for current in pages:
        for element in current.marked:
            marks = _types(element)
            if marks & _NOTE_TYPES:
                if not any(ancestor in notes for ancestor in element.iterancestors()):
                    notes[element] = current
            elif marks & _NOTES_TYPES:
                for item in element.iter("li", "{http://www.w3.org/1999/xhtml}li"):
                    notes.setdefault(item, current)
    return notes


def _reference_target(link: _Link, notes: dict[etree._Element, Page]) -> tuple[bool, etree._Element | None]:
    """Whether ``link`` is a note reference, and the note it leads to (None when missing)."""
    marks = _types(link.element)
    if marks & _BACKLINK_TYPES:
        return False, None
    explicit = bool(marks & _NOTEREF_TYPES)
    if not explicit and not _LABEL.fullmatch(_text(link.element)):
        return False, None
    if link.target is None:
        return explicit or _in_superscript(link.page, link.element), None
    target_page, target = link.target
    note = next((e for e in (target, *target.iterancestors()) if e in notes), None)
    if note is not None:
        return True, note
    block = _note_block(target_page, target)
    if explicit:
        return True, block
    ahead = _order(target_page, target) > _order(link.page, link.element)
    if ahead and (_in_superscript(link.page, link.element) or _links_back(target_page, block, link)):
        return True, block
    return False, None


@dataclass(frozen=True, slots=True)
class Found:
    """What :func:`scan` found in the pages."""

    markers: tuple[Marker, ...]
    notes: tuple[Note, ...]
    citations: tuple[Citation, ...]
    regions: tuple[Region, ...]


def scan(pages: Sequence[Page]) -> Found:
    """Markers, notes, citation keys and regions of the pages, read as one document in order."""
    notes = _explicit_notes(pages)
    references: list[tuple[_Link, etree._Element | None]] = []
    for link in _links(pages):
        is_reference, note = _reference_target(link, notes)
        if is_reference:
            references.append((link, note))
            if note is not None and note not in notes:
                notes[note] = link.target[0] if link.target else link.page
    _add_unreferenced_siblings(notes)
    references = [(link, note) for link, note in references if not _inside(link.element, notes)]
    markers, chapter_of = _markers(references)
    note_records, backlinks = _notes(notes, references, chapter_of)
    regions = [region for current in pages for region in _regions(current, notes, backlinks)]
    citations = [citation for current in pages for citation in _citation_keys(current)]
    return Found(tuple(markers), tuple(note_records), tuple(citations), tuple(regions))


def _inside(element: etree._Element, notes: dict[etree._Element, Page]) -> bool:
    return any(ancestor in notes for ancestor in (element, *element.iterancestors()))


def _opens_with_label(element: etree._Element) -> bool:
    return bool(_LEADING_LABEL.match(_text(element)))


def _add_unreferenced_siblings(notes: dict[etree._Element, Page]) -> None:
    """Blocks beside notes, of the same kind, that open with a label: notes nobody references."""
    kinds: dict[etree._Element, tuple[Page, set[str]]] = {}
    for note, current in notes.items():
        parent = note.getparent()
        if parent is not None:
            kinds.setdefault(parent, (current, set()))[1].add(_local(note))
    for parent, (current, names) in kinds.items():
        for sibling in parent:
            if isinstance(sibling.tag, str) and sibling not in notes and _local(sibling) in names:
                if _opens_with_label(sibling):
                    notes[sibling] = current


def _number(label: str) -> int | None:
    return int(label) if label.isdecimal() else None


def _markers(references: Sequence[tuple[_Link, etree._Element | None]]) -> tuple[list[Marker], dict[etree._Element, int]]:
    """One marker per reference, in reading order, with its chapter; and each note's chapter
    (the chapter of the first reference to it). A reference numbered 1 after others starts a
    chapter across a file boundary or a heading, or when it leads to another note than the
    chapter's note 1 (the links tell the two apart)."""
    markers: list[Marker] = []
    chapter_of: dict[etree._Element, int] = {}
    chapter = 0
    previous: tuple[Page, int, int | None] | None = None
    notes_here: dict[int, etree._Element | None] = {}  # the chapter's note numbers, and the notes they lead to
    ordered = sorted(references, key=lambda item: _order(item[0].page, item[0].element))
    for link, note in ordered:
        current = link.page
        span = current.shown(link.element)
        written = current.source.text[span.start : span.end]
        shown = _text(link.element)
        label_match = _LABEL.fullmatch(shown)
        label = label_match.group("label") if label_match else (shown or (link.element.get("href") or "").partition("#")[2])
        number = _number(label)
        if previous is not None and number == 1 and previous[2] is not None and previous[2] >= 1:
            another_note_1 = 1 in notes_here and note is not None and notes_here[1] not in (None, note)
            if previous[0] is not current or another_note_1 or _heading_between(current, previous[1], span.start):
                chapter += 1
                notes_here = {}
        previous = (current, span.start, number)
        if number is not None:
            notes_here.setdefault(number, note)
        if note is not None:
            chapter_of.setdefault(note, chapter)
        if number is None and note is not None:
            label = note.get("id") or label
        markers.append(Marker(label, number, written, span, "link", chapter))
    return markers, chapter_of


def _heading_between(current: Page, start: int, end: int) -> bool:
    at = bisect.bisect_right(current.headings, start)
    return at < len(current.headings) and current.headings[at] < end


def _notes(
    notes: dict[etree._Element, Page],
    references: Sequence[tuple[_Link, etree._Element | None]],
    chapter_of: dict[etree._Element, int],
) -> tuple[list[Note], set[etree._Element]]:
    """One note record per note element, in reading order; and the links inside notes that are
    labels or backlinks (markup, not text)."""
    first_number: dict[etree._Element, int | None] = {}
    for link, note in references:
        if note is not None and note not in first_number:
            shown = _LABEL.fullmatch(_text(link.element))
            first_number[note] = _number(shown.group("label")) if shown else None
    records: list[Note] = []
    backlinks: set[etree._Element] = set()
    numbered: dict[etree._Element, dict[etree._Element, int]] = {}
    chapter = 0
    for element, current in sorted(notes.items(), key=_note_order):
        inner = current.content(element)
        if inner is None:
            continue
        chapter = chapter_of.get(element, chapter)
        if element in current.holding_links():
            backlinks.update(link for link in element.iter(*_LINK_TAGS) if _is_backlink(link))
        label, label_span, text_start = _note_label(current, element, inner)
        number = _number(label) if label else None
        if label is None:
            number = _ordinal(current, element, numbered)
            if number is None:
                number = first_number.get(element)
            label = str(number) if number is not None else (element.get("id") or "")
        if label_span is None:  # no label written: the note stands at its start tag
            tag = current.tags[element]
            label_span = Span(current.source.path, tag.start, tag.end)
        part = Span(current.source.path, text_start, inner[1])
        text = " ".join(current.source.text[text_start : inner[1]].split())
        records.append(Note(label, number, text, label_span, (part,), "html", chapter))
    return records, backlinks


def _note_order(item: tuple[etree._Element, Page]) -> tuple[int, int]:
    return item[1].order, item[1].positions.get(item[0], 0)


def _is_backlink(link: etree._Element) -> bool:
    """Whether a link inside a note is its label or its way back (markup, not text): marked as a
    backlink, or leading to a place and showing a label or an arrow (``↩︎``)."""
    if _types(link) & _BACKLINK_TYPES:
        return True
    return bool((link.get("href") or "").partition("#")[2]) and (
        bool(_LABEL.fullmatch(_text(link))) or not _text(link).strip("↩︎↑^ ")
    )


def _note_label(current: Page, element: etree._Element, inner: tuple[int, int]) -> tuple[str | None, Span | None, int]:
    """The note's label as written at its start (``12.``, ``[12]``), its span, and where the
    text after it starts; (None, None, start of content) when it opens with text."""
    first = current.first_visible(*inner)
    if first is None:
        return None, None, inner[0]
    found = _LEADING_LABEL.match(current.source.text, first)
    if found is None or found.end() > inner[1]:
        # A label split by tags (``<span>[</span><a>1</a><span>]</span>``): find its digits.
        shown = _LEADING_LABEL.match(_text(element))
        if shown is None:
            return None, None, inner[0]
        label = shown.group("label")
        start = current.source.text.find(label, first, inner[1])
        if start < 0:
            return None, None, inner[0]
        end = start + len(label)
        after = current.first_visible(end, inner[1])
        while after is not None and current.source.text[after] in "])}.:":
            end = after + 1
            after = current.first_visible(end, inner[1])
        return label, Span(current.source.path, start, start + len(label)), end if after is None else after
    return found.group("label"), Span(current.source.path, found.start("label"), found.end()), found.end()


def _ordinal(current: Page, element: etree._Element, numbered: dict[etree._Element, dict[etree._Element, int]]) -> int | None:
    """An ``<li>``'s number in its ordered list (``start`` counted); ``numbered`` keeps each
    list's numbers, worked out once a list (each item counting its list was quadratic)."""
    if current.names.get(element) != "li":
        return None
    parent = element.getparent()
    if parent is None or current.names.get(parent) != "ol":
        return None
    if parent not in numbered:
        numbered[parent] = _numbers(parent)
    return numbered[parent][element]


def _numbers(ordered: etree._Element) -> dict[etree._Element, int]:
    """The number of each item of an ordered list."""
    try:
        start = int(ordered.get("start") or 1)
    except ValueError:
        start = 1
    items = [child for child in ordered if isinstance(child.tag, str) and _local(child) == "li"]
    return {item: start + index for index, item in enumerate(items)}


def _regions(current: Page, notes: dict[etree._Element, Page], backlinks: set[etree._Element]) -> Iterator[Region]:
    """Tags, comments and entities as markup; code, headings, quotations and italics by role;
    the notes; label and back links inside notes as markup."""
    path = current.source.path
    for start, end in current.markup:
        yield Region("markup", Span(path, start, end))
    for element, name in current.names.items():
        role = "note" if notes.get(element) is current else _ROLE_OF.get(name)
        if element in backlinks:
            role = "markup"
        if role is None:
            continue
        place = current.content(element) if role in ("emphasis", "note") else current.extent(element)
        if place is not None and place[1] > place[0]:
            yield Region(role, Span(path, *place), int(name[1]) if name in _HEADINGS else 0)


def _citation_keys(current: Page) -> Iterator[Citation]:
    """Pandoc's citations in its HTML: ``<span class="citation" data-cites="key1 key2">``."""
    for element in current.marked:
        keys = (element.get("data-cites") or "").split()
        if not keys:
            continue
        span = current.shown(element)
        for key in keys:
            yield Citation("key", current.source.text[span.start : span.end], span, key=key)


def read(source: SourceFile, notes: SourceFile | None = None) -> Document:
    """Read an HTML or XHTML file (``notes`` is unused: HTML keeps its notes inside)."""
    found = scan([page(source)])
    return Document(
        source=source,
        format="html",
        markers=found.markers,
        notes=found.notes,
        citations=found.citations,
        numbered=True,
        regions=found.regions,
    )
