"""An EPUB built in the test: chapters read in spine order, references leading to a notes file
at the back, numbering restarting per chapter, positions as a file in the zip and a line."""

from __future__ import annotations

import json

from click.testing import CliRunner

from citecheck.cli import main
from citecheck.readers import epub
from package_support import epub_bytes

CHAPTER = """<h1>Chapter {n}</h1>
<p>A first claim.<sup><a href="notes.xhtml#c{n}n1" id="c{n}r1">1</a></sup>
A second claim.<sup><a href="notes.xhtml#c{n}n2" id="c{n}r2">2</a></sup></p>
<p>See chapter <a href="ch2.xhtml#top">2</a> for the rest.</p>"""
NOTES = """<h1>Notes</h1>
<h2>Chapter 1</h2>
<p id="c1n1"><a href="ch1.xhtml#c1r1">1</a> Marsh, The Palace and the Party, 12.</p>
<p id="c1n2"><a href="ch1.xhtml#c1r2">2</a> Ibid., 14.</p>
<h2>Chapter 2</h2>
<p id="c2n1"><a href="ch2.xhtml#c2r1">1</a> Service, Stalin, 40.</p>
<p id="c2n2"><a href="ch2.xhtml#c2r2">2</a> Ibid., 41.</p>
<p id="c2n3"><a href="ch2.xhtml#c2r3">3</a> A note whose reference was lost.</p>"""


def book() -> bytes:
    return epub_bytes(
        [("ch1.xhtml", CHAPTER.format(n=1)), ("ch2.xhtml", CHAPTER.format(n=2)), ("notes.xhtml", NOTES)],
        non_linear=("notes.xhtml",),
    )


def test_chapters_in_spine_order_with_notes_at_the_back():
    document = epub.unpack(book(), "book.epub")
    assert [source.path for source in document.note_sources] == [
        "book.epub/OEBPS/ch1.xhtml", "book.epub/OEBPS/ch2.xhtml", "book.epub/OEBPS/notes.xhtml",
    ]
    assert [(m.span.path.rpartition("/")[2], m.number, m.chapter) for m in document.markers] == [
        ("ch1.xhtml", 1, 0), ("ch1.xhtml", 2, 0), ("ch2.xhtml", 1, 1), ("ch2.xhtml", 2, 1),
    ]
    assert [(n.number, n.chapter, n.text) for n in document.notes] == [
        (1, 0, "Marsh, The Palace and the Party, 12."),
        (2, 0, "Ibid., 14."),
        (1, 1, "Service, Stalin, 40."),
        (2, 1, "Ibid., 41."),
        (3, 1, "A note whose reference was lost."),
    ]
    assert document.source.path == "book.epub" and document.source.text == ""


def test_findings_point_into_the_zip(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "book.epub").write_bytes(book())
    result = CliRunner().invoke(main, ["run", "book.epub", "--output-dir", "", "--select", "CC1"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("book.epub/OEBPS/notes.xhtml:13:39: CC102 [unreferenced-note] note 3 has no marker")
    data = json.loads(CliRunner().invoke(main, ["run", "book.epub", "--output-dir", "", "--format", "json"]).stdout)
    (document,) = data["documents"]
    assert (document["path"], document["format"]) == ("book.epub", "epub")
    assert [(m["path"], m["line"], m["column"]) for m in document["markers"]][2] == ("book.epub/OEBPS/ch2.xhtml", 7, 60)
