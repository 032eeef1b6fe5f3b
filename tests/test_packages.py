"""Package formats (EPUB) are read within limits: zip bombs and XML entities are refused with
CC005, a broken package is CC001, never a traceback; and the ``formats`` table of the
configuration chooses a reader by glob."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from click.testing import CliRunner

from citecheck import safezip
from citecheck.cli import main
from package_support import epub_bytes

BODY = '<p>Text.<a epub:type="noteref" href="#n1">1</a></p>\n<aside epub:type="footnote" id="n1"><p>A note.</p></aside>'


def run(tmp_path, monkeypatch, *args):
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(main, ["run", "--output-dir", "", "--format", "json", *args])


def diagnostics(result):
    return [(d["code"], d["path"], d["message"]) for d in json.loads(result.output)["diagnostics"]]


def test_a_member_that_inflates_too_many_times_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("OEBPS/bomb.xhtml", b"\0" * (4 * 1024 * 1024))
    with pytest.raises(safezip.Refused, match=r"bomb\.xhtml inflates \d+ times"):
        safezip.open_package(buffer.getvalue(), "book.epub")


def test_the_bytes_inflated_are_counted_not_the_sizes_declared(monkeypatch):
    package = safezip.open_package(epub_bytes([("ch1.xhtml", BODY)]), "book.epub")
    monkeypatch.setattr(safezip, "MAX_MEMBER_BYTES", 100)
    with pytest.raises(safezip.Refused, match="inflates past"):
        package.read("OEBPS/ch1.xhtml")


def test_too_many_members_or_bytes_are_refused_before_reading(monkeypatch):
    data = epub_bytes([("ch1.xhtml", BODY), ("ch2.xhtml", BODY)])
    monkeypatch.setattr(safezip, "MAX_MEMBERS", 3)
    with pytest.raises(safezip.Refused, match="has 5 files"):
        safezip.open_package(data, "book.epub")
    monkeypatch.setattr(safezip, "MAX_MEMBERS", 100)
    monkeypatch.setattr(safezip, "MAX_TOTAL_BYTES", 1000)
    with pytest.raises(safezip.Refused, match="declares 0 MiB unpacked"):
        safezip.open_package(data, "book.epub")


@pytest.mark.parametrize(
    ("doctype", "used", "expected"),
    [
        ('<!DOCTYPE html [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>', "&lol2;", "declares an entity <!ENTITY lol "),
        ('<!DOCTYPE html [<!ENTITY e SYSTEM "file:///etc/passwd">]>', "&e;", r"external entity \(file:///etc/passwd\)"),
    ],
)
def test_xml_entities_are_refused(doctype, used, expected):
    with pytest.raises(safezip.Refused, match=expected):
        safezip.parse_xml(f"<?xml version='1.0'?>{doctype}<html><p>{used}</p></html>", "ch1.xhtml")


def test_a_refused_epub_is_cc005_and_the_other_files_are_checked(tmp_path, monkeypatch):
    chapter = (
        '<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY lol "lol">]>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>&lol;</p></body></html>'
    )
    (tmp_path / "book.epub").write_bytes(epub_bytes([("ch1.xhtml", chapter)], wrap=False))
    (tmp_path / "essay.md").write_text("Text.[^1]\n\n[^1]: A note.\n", encoding="utf-8")
    result = run(tmp_path, monkeypatch, "book.epub", "essay.md")
    assert result.exit_code == 2, result.output
    assert diagnostics(result) == [
        ("CC005", "book.epub", "did not read book.epub: refused: book.epub/OEBPS/ch1.xhtml declares an entity "
         "<!ENTITY lol ...>: XML entities are not read"),
    ]
    assert json.loads(result.output)["summary"]["documents"] == 1


def test_a_file_that_is_no_package_is_cc001(tmp_path, monkeypatch):
    (tmp_path / "book.epub").write_text("not a zip", encoding="utf-8")
    result = run(tmp_path, monkeypatch, "book.epub")
    assert result.exit_code == 2
    [(code, path, message)] = diagnostics(result)
    assert (code, path) == ("CC001", "book.epub") and "not a zip archive" in message


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
    result = run(tmp_path, monkeypatch)
    report = json.loads(result.output)
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
