"""Reading bytes: UTF-8 with or without BOM, UTF-16 and UTF-32 with or without BOM read as
text; binary files refused with exit status 2 whatever their name; a .bib with no entry says so."""

from __future__ import annotations

import codecs

import pytest
from click.testing import CliRunner

from citecheck.cli import main
from citecheck.source import NotText, decode

TEXT = "@book{a, title = {Ærø, ☃ and 𝄞}, year = 1999}\r\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_unicode_encodings_with_or_without_bom_read_correctly(encoding):
    text, _, problem = decode(TEXT.encode(encoding))
    assert text == TEXT.replace("\r\n", "\n") and problem is None


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (PNG, "not text: this is a PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00", "not text: this is a PDF document"),
        (b"plain \x00 then binary", "not text: binary data (a NUL byte at byte 6)"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8a\x00", "not valid UTF-16-LE"),
    ],
)
def test_bytes_that_are_not_text_are_refused(data, reason):
    with pytest.raises(NotText) as raised:
        decode(data)
    assert raised.value.strerror.startswith(reason)


@pytest.mark.parametrize("name", ["chapter.txt", "chapter.md", "chapter.tex"])
def test_a_png_named_as_a_manuscript_exits_2(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_bytes(PNG)
    result = CliRunner().invoke(main, ["run", name, "--output-dir", ""])
    assert result.exit_code == 2, result.output
    assert "CC001" in result.output and "PNG image" in result.output


def test_a_png_named_bib_exits_2_in_run_and_export(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "refs.bib").write_bytes(PNG)
    (tmp_path / "a.md").write_text("Text.\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["run", "a.md", "--bib", "refs.bib", "--output-dir", ""]).exit_code == 2
    result = CliRunner().invoke(main, ["export", "refs.bib", "--in-place"])
    assert result.exit_code == 2 and "not text: this is a PNG image" in result.stderr
    assert (tmp_path / "refs.bib").read_bytes() == PNG


def test_a_utf16_bib_exports_as_utf8_and_one_with_no_entry_says_so(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "refs.bib").write_bytes(TEXT.encode("utf-16"))
    result = CliRunner().invoke(main, ["export", "refs.bib"])
    assert result.exit_code == 0 and "Ærø, ☃ and 𝄞" in result.stdout
    assert "read as UTF-16-LE, written as UTF-8" in result.stderr
    (tmp_path / "notes.bib").write_text("Just some notes, no entries.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["export", "notes.bib"])
    assert "no entry found: is this a BibTeX file?" in result.stderr
