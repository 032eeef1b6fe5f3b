"""A chapter whose notes are in a separate endnotes file, read by the real plain-text reader."""

from __future__ import annotations

import json

from click.testing import CliRunner

from citecheck.cli import main

CHAPTER = (
    "3 THE WINTER CRISIS\n\n"
    "The procurement campaign of 1927 failed within weeks.1 By January the shortfall was two million "
    "tonnes, and the Politburo sent its members to the grain regions.2 Stalin went to Siberia himself.3\n"
)
ENDNOTES = (
    "NOTES\n\n"
    "1. R. W. Davies, The Socialist Offensive (London: Macmillan, 1980), 39.\n"
    "2. Ibid., 41–44.\n"
    "3. Ibid., 46.\n"
)


def run(tmp_path, monkeypatch, pyproject: str):
    (tmp_path / "ch3.txt").write_text(CHAPTER, encoding="utf-8")
    (tmp_path / "notes-ch3.txt").write_text(ENDNOTES, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(main, ["run", "--format", "json", "--output-dir", ""])


def test_paired_endnotes_file_supplies_the_notes(tmp_path, monkeypatch):
    result = run(tmp_path, monkeypatch, '[tool.citecheck]\nsources = ["ch3.txt"]\n[tool.citecheck.notes-files]\n"ch3.txt" = "notes-ch3.txt"\n')
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    document = report["documents"][0]
    assert [m["number"] for m in document["markers"]] == [1, 2, 3]
    assert [(n["number"], n["path"], n["line"]) for n in document["notes"]] == [
        (1, "notes-ch3.txt", 3),
        (2, "notes-ch3.txt", 4),
        (3, "notes-ch3.txt", 5),
    ]
    assert report["diagnostics"] == []


def test_without_pairing_the_chapter_is_reported_once(tmp_path, monkeypatch):
    result = run(tmp_path, monkeypatch, '[tool.citecheck]\nsources = ["ch3.txt"]\n')
    report = json.loads(result.stdout)
    assert [(d["code"], d["line"]) for d in report["diagnostics"]] == [("CC108", 3)]
    assert "markers 1–3" in report["diagnostics"][0]["message"]
    assert "notes-files" in report["diagnostics"][0]["message"]
