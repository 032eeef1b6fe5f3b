"""One manuscript written in every format gives the same findings apart from positions.

``tests/corpora/manuscript/congress.*`` is one short chapter with five notes (a short form before
its full citation, an Ibid., a work missing from the bibliography) written as plain text,
Markdown, LaTeX, reStructuredText, HTML, an EPUB chapter (the test builds the book) and a Word
document (the test builds the .docx from ``congress.docx.xml``). Each is
run through the whole command; the markers, notes, citations (kind, locator, what each resolves
to) and findings must be the same for all, once positions and the citation as written (with
each format's markup) are left out.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck.cli import main
from docx_support import fixture_docx
from package_support import fixture_epub

HERE = Path(__file__).parent / "corpora" / "manuscript"
SETTINGS = Path(__file__).parent / "golden" / "findings" / "settings.toml"  # the defaults, not the project's
FORMATS = ("txt", "md", "tex", "rst", "html", "epub", "docx")
WRITTEN = re.compile(r"'[^']*'")  # the citation as written, markup and all, inside a message


def _path(suffix: str, tmp_path: Path) -> Path:
    if suffix == "docx":
        document = tmp_path / "congress.docx"
        document.write_bytes(fixture_docx((HERE / "congress.docx.xml").read_text(encoding="utf-8"))[0])
        return document
    if suffix != "epub":
        return HERE / f"congress.{suffix}"
    book = tmp_path / "congress.epub"
    book.write_bytes(fixture_epub((HERE / "congress.epub.xhtml").read_text(encoding="utf-8"), "congress"))
    return book


def outcome(suffix: str, tmp_path: Path) -> dict[str, list]:
    arguments = ["run", str(_path(suffix, tmp_path)), "--bib", str(HERE / "references.bib")]
    result = CliRunner().invoke(main, [*arguments, "--output-dir", "", "--format", "json", "--config", str(SETTINGS)])
    report = json.loads(result.output)
    (document,) = report["documents"]
    return {
        "format": [document["format"]],
        "markers": [(m["number"], m["chapter"]) for m in document["markers"]],
        "notes": [(n["number"], n["chapter"]) for n in document["notes"]],
        "citations": [(c["kind"], c["note"], c["locator"], c["key"], c["status"]) for c in document["citations"]],
        "findings": [(d["code"], WRITTEN.sub("'…'", d["message"])) for d in report["diagnostics"]],
    }


@pytest.mark.parametrize("suffix", FORMATS[1:])
def test_every_format_gives_what_plain_text_gives(suffix, tmp_path):
    expected = outcome("txt", tmp_path)
    found = outcome(suffix, tmp_path)
    assert found["format"] != expected["format"]
    assert {k: v for k, v in found.items() if k != "format"} == {k: v for k, v in expected.items() if k != "format"}


def test_the_manuscript_has_findings_to_compare(tmp_path):
    """The comparison means something: there are notes, resolved sources and findings."""
    plain = outcome("txt", tmp_path)
    assert len(plain["notes"]) == 5
    assert [code for code, _ in plain["findings"]] == ["CC206", "CC202"]
    assert ("full", 5, "312", "service2004", "matched") in plain["citations"]
