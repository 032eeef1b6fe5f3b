"""Opening untrusted packages (EPUB, DOCX): zip archives within limits, XML without entities.

A manuscript package is a zip of XML files, and both layers have well-known attacks: a zip
bomb (a few kilobytes that inflate to gigabytes, or a million members) and XML entity
tricks (the "billion laughs" expansion, external entities that read local files or the
network). Everything here refuses such input with :class:`Refused`, whose message says what was
refused and why; the pipeline reports it as CC005 and checks the other files. The limits are
far above any real book and far below what would exhaust a laptop.

Readers of package formats take the archive's bytes, open it with :func:`open_package` and parse
its parts with :func:`parse_xml`; nothing else in citecheck unzips or parses XML.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from io import BytesIO

from lxml import etree

__all__ = [
    "MAX_MEMBERS",
    "MAX_MEMBER_BYTES",
    "MAX_RATIO",
    "MAX_TOTAL_BYTES",
    "Package",
    "Refused",
    "member_path",
    "open_package",
    "parse_xml",
    "resolve_href",
]

MAX_MEMBERS = 10_000  # a long EPUB has a few hundred files
MAX_MEMBER_BYTES = 64 * 1024 * 1024  # one chapter, one document.xml
MAX_TOTAL_BYTES = 512 * 1024 * 1024  # everything read from one archive
MAX_RATIO = 200  # inflated size over compressed size: XML compresses 5-20 times, bombs 1000+
_RATIO_FLOOR = 1024 * 1024  # members smaller than this inflated are never refused for their ratio
_CHUNK = 64 * 1024


class Refused(ValueError):
    """An input citecheck will not read because reading it could harm the machine (CC005)."""


def member_path(container: str, member: str) -> str:
    """How a file inside a package is named in reports: ``book.epub/OEBPS/ch1.xhtml``, as
    EPUBCheck names it."""
    return f"{container}/{member}"


class Package:
    """An opened zip archive whose members are read within the limits.

    :meth:`read` counts what it inflates against :data:`MAX_TOTAL_BYTES`; the sizes the archive
    declares are checked when it is opened, and the bytes actually inflated again while reading
    (a member may lie about its size).
    """

    __slots__ = ("name", "archive", "_inflated")

    def __init__(self, name: str, archive: zipfile.ZipFile) -> None:
        self.name = name
        self.archive = archive
        self._inflated = 0

    def names(self) -> list[str]:
        return self.archive.namelist()

    def has(self, member: str) -> bool:
        try:
            self.archive.getinfo(member)
        except KeyError:
            return False
        return True

    def read(self, member: str) -> bytes:
        """The bytes of ``member``; :class:`Refused` past a limit, ``KeyError`` when absent."""
        info = self.archive.getinfo(member)
        budget = min(MAX_MEMBER_BYTES, MAX_TOTAL_BYTES - self._inflated)
        chunks: list[bytes] = []
        size = 0
        try:
            with self.archive.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    size += len(chunk)
                    if size > budget:
                        raise Refused(
                            f"{member_path(self.name, member)} inflates past {budget // (1024 * 1024)} MiB "
                            "(a zip bomb?)"
                        )
                    chunks.append(chunk)
        except (zipfile.BadZipFile, NotImplementedError, EOFError, OSError) as error:
            raise ValueError(f"{member_path(self.name, member)} cannot be unpacked: {error}") from None
        _check_ratio(self.name, member, size, info.compress_size)
        self._inflated += size
        return b"".join(chunks)


def _check_ratio(name: str, member: str, size: int, compressed: int) -> None:
    if size > _RATIO_FLOOR and size > MAX_RATIO * max(compressed, 1):
        raise Refused(
            f"{member_path(name, member)} inflates {size // max(compressed, 1)} times "
            f"(more than {MAX_RATIO}): a zip bomb?"
        )


def open_package(data: bytes, name: str) -> Package:
    """Open the zip archive ``data`` (reports call it ``name``), checking the declared sizes.

    ``ValueError`` when it is not a zip archive; :class:`Refused` when it declares too many
    members, too many bytes, or a member that inflates too many times.
    """
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, OSError) as error:
        raise ValueError(f"not a zip archive: {error}") from None
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise Refused(f"{name} has {len(infos)} files (more than {MAX_MEMBERS}): a zip bomb?")
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES:
        raise Refused(f"{name} declares {total // (1024 * 1024)} MiB unpacked (more than {MAX_TOTAL_BYTES // (1024 * 1024)}): a zip bomb?")
    for info in infos:
        _check_ratio(name, info.filename, info.file_size, info.compress_size)
    return Package(name, archive)


def resolve_href(base_member: str, href: str) -> str:
    """The member a relative ``href`` inside ``base_member`` names (``../Text/ch2.xhtml``)."""
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(base_member), href))
    return joined.lstrip("/")


def _parser() -> etree.XMLParser:
    # No DTD is loaded, no entity is replaced by its text, nothing is fetched from the network,
    # and libxml2's limits on depth and text size stay on (huge_tree off).
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )


_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")


def parse_xml(data: bytes | str, where: str) -> etree._Element:
    """Parse an XML part; :class:`Refused` when it declares entities, ``ValueError`` when it is
    not well-formed XML (``where`` names the part in both messages).

    Text already decoded keeps its offsets: its XML declaration (which may name the encoding
    it was decoded from) is blanked, not removed. A document that declares its own entities
    (``<!ENTITY lol "lol">``, ``<!ENTITY x SYSTEM "file:///etc/passwd">``) is refused outright
    rather than read with the references left out: no manuscript needs them, and they are how
    the expansion and disclosure attacks work.
    """
    if isinstance(data, str):
        data = _XML_DECLARATION.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), data, count=1)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        raise ValueError(f"{where} is not well-formed XML: {error}") from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None:
        for entity in dtd.iterentities():
            kind = f"an external entity ({entity.system_url})" if entity.system_url else "an entity"
            raise Refused(f"{where} declares {kind} <!ENTITY {entity.name} ...>: XML entities are not read")
    return root
