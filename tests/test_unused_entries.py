"""CC307 unused-entry through the pipeline: the allow-list of the configuration."""

from __future__ import annotations

from pathlib import Path

from citecheck import pipeline
from citecheck.config import load_settings

BIB = (
    "@book{cited2001, author = {Cited, Ann}, title = {One}, publisher = {P}, year = 2001}\n\n"
    "@book{Kept2002, author = {Kept, Bea}, title = {Two}, publisher = {P}, year = 2002}\n\n"
    "@book{stray2003, author = {Stray, Cy}, title = {Three}, publisher = {P}, year = 2003}\n"
)


def unused(project: Path) -> list[str]:
    report = pipeline.run(load_settings(cwd=project), cwd=project)
    return [d.message for d in report.diagnostics if d.code == "CC307"]


def make_project(tmp_path: Path, config: str) -> Path:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "ch.md").write_text("As shown [@cited2001].\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.citecheck]\nsources = ["ch.md"]\nbib = "refs.bib"\noutput-dir = ""\n{config}', encoding="utf-8"
    )
    return tmp_path


def test_every_uncited_entry_is_reported(tmp_path):
    assert unused(make_project(tmp_path, "")) == ["no manuscript cites Kept2002", "no manuscript cites stray2003"]


def test_allow_unused_accepts_entries_kept_on_purpose_ignoring_case(tmp_path):
    assert unused(make_project(tmp_path, 'allow-unused = ["kept2002"]\n')) == ["no manuscript cites stray2003"]

