"""EPUB reader: the chapters of the book in spine order, read as HTML pages of one document.

The package is opened through :mod:`citecheck.readers.package` (zip bomb limits; XML without
entities or network). ``META-INF/container.xml`` names the package document; its spine lists the
content files in reading order (items marked ``linear="no"``, often the notes, included: links
lead there). Each content file becomes a :class:`~citecheck.source.SourceFile` of its own,
named ``book.epub/OEBPS/ch1.xhtml`` (EPUBCheck's naming), so a finding's position is a file in
the zip and a line in it. :mod:`citecheck.readers.html` then reads the pages as one document:
references may lead to a notes file at the back, and numbering restarts per chapter.

The document's own source is the package itself with no text (findings about the book as a
whole point there); its content files are its ``note_sources``.
"""

from __future__ import annotations

import zipfile
from typing import TYPE_CHECKING

from citecheck.model import Document
from citecheck.readers.html import page, resolve_href, scan
from citecheck.readers.package import open_archive, parse_part, read_member
from citecheck.source import NotText, SourceFile, decode

if TYPE_CHECKING:  # lxml is imported when a package or HTML file is read, not by every run
    from lxml import etree

__all__ = ["read", "spine"]

_CONTAINER = "META-INF/container.xml"
_CONTENT_TYPES = frozenset({"application/xhtml+xml", "text/html", "application/x-dtbook+xml"})


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    from lxml import etree  # lxml: imported when an EPUB is read, not by every run

    return [child for child in element.iter() if isinstance(child.tag, str) and etree.QName(child).localname == name]


def member_path(container: str, member: str) -> str:
    """How reports name a file inside the book: ``book.epub/OEBPS/ch1.xhtml``."""
    return f"{container}/{member}"


def _has(archive: zipfile.ZipFile, name: str) -> bool:
    try:
        archive.getinfo(name)
    except KeyError:
        return False
    return True


def spine(archive: zipfile.ZipFile, name: str) -> list[str]:
    """The content files of the book ``name``, in reading order (paths inside the zip)."""
    if not _has(archive, _CONTAINER):
        raise ValueError(f"not an EPUB: {_CONTAINER} is missing")
    container = parse_part(read_member(archive, _CONTAINER), member_path(name, _CONTAINER))
    rootfiles = [r.get("full-path") for r in _children(container, "rootfile") if r.get("full-path")]
    if not rootfiles or not _has(archive, rootfiles[0]):
        raise ValueError(f"not an EPUB: {_CONTAINER} names no package document that is there")
    opf_path = rootfiles[0]
    opf = parse_part(read_member(archive, opf_path), member_path(name, opf_path))
    manifest = {
        item.get("id"): (resolve_href(opf_path, item.get("href") or ""), item.get("media-type") or "")
        for item in _children(opf, "item")
    }
    files = []
    for itemref in _children(opf, "itemref"):
        path, media_type = manifest.get(itemref.get("idref"), ("", ""))
        if media_type in _CONTENT_TYPES and _has(archive, path) and path not in files:
            files.append(path)
    return files


def unpack(data: bytes, name: str) -> Document:
    """Read the EPUB whose bytes are ``data``; reports call it ``name``."""
    archive = open_archive(data, "book in EPUB form")
    pages = []
    for order, path in enumerate(spine(archive, name)):
        try:
            text, encoding, problem = decode(read_member(archive, path))
        except NotText as error:
            raise ValueError(f"{member_path(name, path)}: {error}") from None
        source = SourceFile(member_path(name, path), text, encoding, problem)
        pages.append(page(source, order, xml=True, name=path))
    found = scan(pages)
    return Document(
        source=SourceFile(name, ""),
        format="epub",
        markers=found.markers,
        notes=found.notes,
        citations=found.citations,
        numbered=True,
        note_sources=tuple(p.source for p in pages),
        regions=found.regions,
    )
