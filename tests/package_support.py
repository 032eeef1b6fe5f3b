"""Building EPUB packages in tests: the files an EPUB needs around the chapters given."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

XHTML = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>{title}</title></head>
<body>
{body}
</body>
</html>
"""

CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
"""


def package_document(names: Sequence[str], non_linear: Sequence[str] = ()) -> str:
    items = "\n".join(
        f'    <item id="c{i}" href="{name}" media-type="application/xhtml+xml"/>' for i, name in enumerate(names)
    )
    linear = {name: ' linear="no"' if name in non_linear else "" for name in names}
    refs = "\n".join(f'    <itemref idref="c{i}"{linear[name]}/>' for i, name in enumerate(names))
    return f"""<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">test</dc:identifier>
    <dc:title>Test</dc:title><dc:language>en</dc:language></metadata>
  <manifest>
{items}
  </manifest>
  <spine>
{refs}
  </spine>
</package>
"""


def epub_bytes(chapters: Sequence[tuple[str, str]], non_linear: Sequence[str] = (), wrap: bool = True) -> bytes:
    """An EPUB whose spine is ``chapters`` ((file name under OEBPS/, body or whole XHTML), in
    order); ``wrap`` puts each body into :data:`XHTML`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        archive.writestr("META-INF/container.xml", CONTAINER)
        archive.writestr("OEBPS/content.opf", package_document([name for name, _ in chapters], non_linear))
        for name, body in chapters:
            text = XHTML.format(title=name, body=body) if wrap else body
            archive.writestr(zipfile.ZipInfo(f"OEBPS/{name}"), text, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def fixture_epub(chapter: str, name: str) -> bytes:
    """An EPUB whose one chapter, ``OEBPS/NAME.xhtml``, is ``chapter`` as written."""
    return epub_bytes([(f"{name}.xhtml", chapter)], wrap=False)
