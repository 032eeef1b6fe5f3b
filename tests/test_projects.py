"""Real-shaped projects: several bibliographies, a LaTeX main file with its \\input files, an
R Markdown book whose front matter names its bibliographies.

The projects live under ``tests/projects/``; each file carries ``% expect: CODE`` (LaTeX, .bib)
or ``<!-- expect: CODE -->`` (Markdown) on the lines where a finding must stand, and a run over
the project must give exactly those findings, file by file and line by line.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck.cli import main
from fixture_support import ANNOTATION

PROJECTS = Path(__file__).parent / "projects"


def copy_project(name: str, target: Path) -> tuple[Path, dict[str, list[tuple[int, str]]]]:
    """The project copied to ``target`` with its annotations removed, and the expected
    (line, code) pairs of each file, by its path relative to the project."""
    expected: dict[str, list[tuple[int, str]]] = {}
    for path in sorted((PROJECTS / name).rglob("*")):
        if path.is_dir():
            continue
        relative = path.relative_to(PROJECTS / name)
        copy = target / relative
        copy.parent.mkdir(parents=True, exist_ok=True)
        lines = path.read_bytes().split(b"\n")
        pairs = []
        for number, line in enumerate(lines, start=1):
            for match in ANNOTATION.finditer(line):
                if (match.group(1) or match.group(3)) == b"expect":
                    found = (match.group(2) if match.group(1) else match.group(4)).decode()
                    pairs.extend((number, code) for code in found.replace(",", " ").split())
        copy.write_bytes(b"\n".join(ANNOTATION.sub(b"", line) for line in lines))
        expected[relative.as_posix()] = sorted(pairs)
    return target, expected


def run_json(project: Path, *args: str) -> tuple[int, dict]:
    result = CliRunner().invoke(
        main, ["run", *args, "--format", "json", "--output-dir", "", "--config", str(project / "none.toml")],
        catch_exceptions=False,
    )
    return result.exit_code, json.loads(result.stdout)


def found_by_file(data: dict, expected: dict[str, list[tuple[int, str]]]) -> dict[str, list[tuple[int, str]]]:
    found: dict[str, list[tuple[int, str]]] = {name: [] for name in expected}
    for diagnostic in data["diagnostics"]:
        found.setdefault(diagnostic["path"], []).append((diagnostic["line"], diagnostic["code"]))
    return {name: sorted(pairs) for name, pairs in found.items()}


@pytest.fixture
def in_project(tmp_path, monkeypatch):
    def enter(name: str) -> dict[str, list[tuple[int, str]]]:
        _, expected = copy_project(name, tmp_path)
        (tmp_path / "none.toml").write_text("", encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        return expected

    return enter


def test_repeated_bib_reads_every_bibliography(in_project):
    expected = in_project("two-bibs")
    status, data = run_json(Path.cwd(), "essay.md", "--bib", "primary.bib", "--bib", "secondary.bib")
    assert found_by_file(data, expected) == expected
    assert status == 1  # the duplicate key is an error
    (duplicate,) = [d for d in data["diagnostics"] if d["code"] == "CC302"]
    assert "already used by the entry at line 3 of primary.bib" in duplicate["message"]


def test_a_list_of_bibliographies_in_the_configuration(in_project):
    expected = in_project("two-bibs")
    Path("citecheck.toml").write_text('sources = ["essay.md"]\nbib = ["primary.bib", "secondary.bib"]\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["run", "--format", "json", "--output-dir", ""], catch_exceptions=False)
    assert found_by_file(json.loads(result.stdout), expected) == expected


def test_a_later_bibliography_uses_the_macros_of_an_earlier_one(in_project):
    in_project("two-bibs")
    _, data = run_json(Path.cwd(), "essay.md", "--bib", "primary.bib", "--bib", "secondary.bib")
    assert not [d for d in data["diagnostics"] if d["code"] == "CC308"]  # jmh is defined in primary.bib
    _, alone = run_json(Path.cwd(), "essay.md", "--bib", "secondary.bib")
    assert [d["code"] for d in alone["diagnostics"] if d["code"] == "CC308"] == ["CC308"]
