"""EPUB packages are read within limits: a zip bomb or a chapter declaring XML entities is
refused with CC005, a broken package is CC001, never a traceback; a chapter naming its document
type (as every EPUB chapter does) is read. And the ``formats`` table of the configuration
chooses a reader by glob."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from click.testing import CliRunner

from citecheck.cli import main
from package_support import epub_bytes

BODY = '<p>Text.<a epub:type="noteref" href="#n1">1</a></p>\n<aside epub:type="footnote" id="n1"><p>A note.</p></aside>'


def run(tmp_path, monkeypatch, *args):
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(main, ["run", "--output-dir", "", "--format", "json", *args])


def diagnostics(result):
    return [(d["code"], d["path"], d["message"]) for d in json.loads(result.output)["diagnostics"]]


@pytest.mark.parametrize(
    ("doctype", "used", "expected"),
    [
        ('<!DOCTYPE html [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>', "&lol2;", "declares an entity <!ENTITY lol "),
        ('<!DOCTYPE html [<!ENTITY e SYSTEM "file:///etc/passwd">]>', "&e;", "declares an external entity (file:///etc/passwd)"),
    ],
)
def test_a_chapter_declaring_entities_is_cc005_and_the_other_files_are_checked(tmp_path, monkeypatch, doctype, used, expected):
    chapter = f'<?xml version="1.0"?>\n{doctype}\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>{used}</p></body></html>'
    (tmp_path / "book.epub").write_bytes(epub_bytes([("ch1.xhtml", chapter)], wrap=False))
    (tmp_path / "essay.md").write_text("Text.[^1]\n\n[^1]: A note.\n", encoding="utf-8")
    result = run(tmp_path, monkeypatch, "book.epub", "essay.md")
    assert result.exit_code == 2, result.output
    [(code, path, message)] = diagnostics(result)
    assert (code, path) == ("CC005", "book.epub")
    assert f"refused: book.epub/OEBPS/ch1.xhtml {expected}" in message
    assert json.loads(result.output)["summary"]["documents"] == 1


def test_a_named_document_type_is_read(tmp_path, monkeypatch):
    xhtml11 = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body>\n'
        f"{BODY.replace('A note.', 'A&nbsp;note.')}\n</body></html>\n"
    )
    (tmp_path / "book.epub").write_bytes(epub_bytes([("ch1.xhtml", xhtml11)], wrap=False))
    result = run(tmp_path, monkeypatch, "book.epub")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["summary"] | {"documents": 1, "markers": 1, "notes": 1} == json.loads(result.output)["summary"]


def test_a_zip_bomb_is_cc005(tmp_path, monkeypatch):
    buffer = io.BytesIO(epub_bytes([("ch1.xhtml", BODY)]))
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("OEBPS/bomb.xhtml", b"\0" * (4 * 1024 * 1024))
    (tmp_path / "book.epub").write_bytes(buffer.getvalue())
    [(code, _, message)] = diagnostics(run(tmp_path, monkeypatch, "book.epub"))
    assert code == "CC005" and "OEBPS/bomb.xhtml would inflate" in message


def test_a_file_that_is_no_package_is_cc001(tmp_path, monkeypatch):
    (tmp_path / "book.epub").write_text("not a zip", encoding="utf-8")
    result = run(tmp_path, monkeypatch, "book.epub")
    assert result.exit_code == 2
    [(code, path, message)] = diagnostics(result)
    assert (code, path) == ("CC001", "book.epub") and "not a book in EPUB form (not a readable zip archive" in message


def test_an_epub_without_its_container_is_cc001(tmp_path, monkeypatch):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("OEBPS/ch1.xhtml", "<html/>")
    (tmp_path / "book.epub").write_bytes(buffer.getvalue())
    [(code, _, message)] = diagnostics(run(tmp_path, monkeypatch, "book.epub"))
    assert code == "CC001" and "META-INF/container.xml is missing" in message


def test_the_formats_table_chooses_the_reader_by_glob(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.citecheck]\nsources = ["notes"]\n\n[tool.citecheck.formats]\n"notes/*.txt" = "markdown"\n"*.page" = "html"\n',
        encoding="utf-8",
    )
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.txt").write_text("Text.[^1] More.[^2]\n\n[^1]: A note.\n", encoding="utf-8")
    (tmp_path / "notes" / "b.page").write_text(
        '<p>Text<sup><a href="#n1">1</a></sup> more<sup><a href="#n2">2</a></sup></p>\n<p id="n1">1. A note.</p>', encoding="utf-8"
    )
    (tmp_path / "plain.txt").write_text("Text.[^1]\n", encoding="utf-8")
    report = json.loads(run(tmp_path, monkeypatch).output)
    assert [(d["path"], d["format"]) for d in report["documents"]] == [("notes/a.txt", "markdown"), ("notes/b.page", "html")]
    assert [(d["code"], d["path"]) for d in report["diagnostics"]] == [("CC101", "notes/a.txt"), ("CC101", "notes/b.page")]
    plain = run(tmp_path, monkeypatch, "plain.txt")
    assert json.loads(plain.output)["documents"][0]["format"] == "plaintext"


def test_an_unknown_format_in_the_table_is_a_config_error(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.citecheck]\n\n[tool.citecheck.formats]\n"*.txt" = "word"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Text.\n", encoding="utf-8")
    result = run(tmp_path, monkeypatch, "a.txt")
    assert result.exit_code == 2
    assert "pyproject.toml:4: CC004 [config-error] 'formats' entry '*.txt' must be one of" in result.output
