"""Zip packages of XML parts (.docx, .epub), opened without trusting them.

A zip archive says how large each member will be before anything is inflated, so a zip bomb
(a few kilobytes that inflate to gigabytes) is refused from its directory: too large in all,
too many members, or a member that inflates far more than text does. Python's zipfile stops
a member at its declared size, so the declared sizes are the sizes read. Each XML part is
parsed by lxml with entities left unresolved, no network and lxml's own size limits; a part
with a document type declaration (where entities are declared: "billion laughs", external
entities) is refused, since no Office or EPUB part needs one. Refusals raise
:class:`~citecheck.source.UnsafeInput` (CC005); an archive or a part that is merely broken
raises ``ValueError`` (CC001).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from citecheck.source import UnsafeInput

if TYPE_CHECKING:  # lxml is imported when a package or HTML file is read, not by every run
    from lxml import etree

MAX_TOTAL_SIZE = 256 * 1024 * 1024  # bytes inflated in all: far above any manuscript's text and images
MAX_MEMBERS = 10_000
MAX_RATIO = 200  # inflated / compressed for a member; XML compresses some 5-20 times, a bomb 1000 times
RATIO_FROM = 1024 * 1024  # ... checked for members that inflate to more than this
XML_SUFFIXES = (".xml", ".rels")  # Office's XML parts; an embedded HTML chunk (afchunk.htm) is no XML


def parser() -> etree.XMLParser:
    """The one lxml parser for parts: entities unresolved, no DTD loaded, no network, lxml's
    limits on depth and text size kept (``huge_tree`` off)."""
    from lxml import etree  # lxml: imported when a package or an XHTML file is read, not by every run

    return etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, dtd_validation=False
    )


def check_archive(archive: zipfile.ZipFile) -> None:
    """Refuse (:class:`UnsafeInput`) an archive whose directory promises a zip bomb."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise UnsafeInput(f"refused: the archive has {len(members):,} members (at most {MAX_MEMBERS:,} are read)")
    total = sum(member.file_size for member in members)
    if total > MAX_TOTAL_SIZE:
        raise UnsafeInput(
            f"refused: the archive would inflate to {total:,} bytes (at most {MAX_TOTAL_SIZE:,}): a zip bomb?"
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FROM and ratio > MAX_RATIO:
            raise UnsafeInput(
                f"refused: {member.filename} would inflate {ratio:,.0f} times "
                f"({member.compress_size:,} to {member.file_size:,} bytes): a zip bomb?"
            )


def parse_part(data: bytes, name: str) -> etree._Element:
    """The root of XML part ``name``; a document type declaration is refused (:class:`UnsafeInput`),
    a part that is not well-formed XML is a ``ValueError``."""
    from lxml import etree  # lxml: imported when a part is read, not by every run

    try:
        root = etree.fromstring(data, parser())
    except etree.XMLSyntaxError as error:
        raise ValueError(f"{name} is not well-formed XML: {error}") from None
    info = root.getroottree().docinfo
    if info.internalDTD is not None or info.system_url or info.public_id or info.doctype:
        raise UnsafeInput(f"refused: {name} declares a document type (XML entities, possibly external); no part needs one")
    return root


_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")


def parse_content(text: str, name: str) -> etree._Element:
    """The root of an XHTML content document (an EPUB chapter), from its decoded text.

    Unlike :func:`parse_part`, a document type may be named (``<!DOCTYPE html>``, XHTML 1.1's
    public identifier: never loaded, no network), since every EPUB chapter names one; entity
    declarations are refused all the same (:class:`UnsafeInput`). The XML declaration, which
    names the encoding the text was decoded from, is blanked, not removed, so lines hold.
    """
    from lxml import etree  # lxml: imported when a content document is read, not by every run

    text = _XML_DECLARATION.sub(lambda found: re.sub(r"[^\n]", " ", found.group()), text, count=1)
    try:
        root = etree.fromstring(text, parser())
    except etree.XMLSyntaxError as error:
        raise ValueError(f"{name} is not well-formed XML: {error}") from None
    subset = root.getroottree().docinfo.internalDTD
    for entity in subset.iterentities() if subset is not None else ():
        kind = f"an external entity ({entity.system_url})" if entity.system_url else "an entity"
        raise UnsafeInput(f"refused: {name} declares {kind} <!ENTITY {entity.name} ...>: XML entities are not read")
    return root


# What zipfile raises on a damaged or unsupported archive: a bad directory, a method or zip
# version it does not implement (NotImplementedError), an encrypted member (RuntimeError).
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError)


def read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """The bytes of member ``name`` of a checked archive (inflated to its declared size at most)."""
    try:
        return archive.read(name)
    except ZIP_ERRORS as error:
        raise ValueError(f"{name} cannot be inflated: {error}") from None


def open_archive(data: bytes, what: str) -> zipfile.ZipFile:
    """The zip archive in ``data``, its directory checked; ``what`` names the format in messages."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS as error:
        raise ValueError(f"not a {what} (not a readable zip archive: {error})") from None
    check_archive(archive)
    return archive


def xml_parts(archive: zipfile.ZipFile) -> Mapping[str, etree._Element]:
    """Every XML part of a checked archive, parsed, by member name (``word/document.xml``)."""
    parts: dict[str, etree._Element] = {}
    for member in archive.infolist():
        if member.is_dir() or not member.filename.lower().endswith(XML_SUFFIXES):
            continue
        parts[member.filename] = parse_part(read_member(archive, member.filename), member.filename)
    return MappingProxyType(parts)
