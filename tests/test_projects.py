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


def write(files: dict[str, str]) -> None:
    """Write each file (relative to the working folder) with its text."""
    for name, text in files.items():
        Path(name).write_text(text, encoding="utf-8")


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


def test_a_latex_main_file_brings_its_parts_and_bibliographies(in_project):
    """The dissertation's main file alone: its \\input and \\include files are read (an entry
    cited only in a table file is not unused), \\bibliography{a,b} names two files (a key in
    both is CC302 with both places), and a missing part is CC006 where it is named."""
    expected = in_project("latex-thesis")
    status, data = run_json(Path.cwd(), "thesis.tex")
    assert found_by_file(data, expected) == expected
    assert status == 2  # a part could not be read
    assert [d["path"] for d in data["documents"]] == [
        "thesis.tex", "macros.tex", "chapters/intro.tex", "chapters/method.tex", "tables/rolls.tex"
    ]
    assert data["summary"]["bibliographies"] == ["refs/thesis.bib", "refs/lab.bib"]
    (missing,) = [d for d in data["diagnostics"] if d["code"] == "CC006"]
    assert missing["message"] == (
        "included file 'chapters/discussion' not found (looked for chapters/discussion.tex, chapters/discussion)"
    )
    (intro,) = [d for d in data["documents"] if d["path"] == "chapters/intro.tex"]
    assert "marsh2011" in [c["key"] for c in intro["citations"]]  # \inlinecite, defined in macros.tex


@pytest.mark.parametrize("args", [(".",), ("chapters/method.tex", "thesis.tex")])
def test_a_part_found_in_a_folder_or_given_is_read_from_its_main_files_folder(in_project, args):
    """``citecheck run .`` on the dissertation: chapters/method.tex is a file of the folder but
    also a part of thesis.tex, so its ``\\input{tables/rolls}`` is looked for from the thesis's
    folder, as LaTeX does (no CC006 "looked for chapters/tables/rolls.tex"): the findings are
    those of the main file's run."""
    expected = in_project("latex-thesis")
    _, data = run_json(Path.cwd(), *args)
    assert found_by_file(data, expected) == expected
    assert sorted(d["path"] for d in data["documents"]) == sorted(
        ["thesis.tex", "macros.tex", "chapters/intro.tex", "chapters/method.tex", "tables/rolls.tex"]
    )


def test_a_configured_bibliography_wins_over_the_named_ones(in_project):
    in_project("latex-thesis")
    _, data = run_json(Path.cwd(), "thesis.tex", "--bib", "refs/lab.bib")
    assert data["summary"]["bibliographies"] == ["refs/lab.bib"]
    assert {d["path"] for d in data["diagnostics"] if d["code"] == "CC201"} == {"chapters/intro.tex", "tables/rolls.tex"}


def test_an_r_markdown_book_takes_its_bibliographies_from_front_matter(in_project):
    """A bookdown book checked as a folder: index.Rmd's front matter names both
    bibliographies, every chapter is checked against them, and _book/ (the output) is not read."""
    expected = in_project("rmd-book")
    status, data = run_json(Path.cwd(), ".")
    del expected["_book/01-intro.md"]
    assert found_by_file(data, expected) == expected
    assert status == 1
    assert data["summary"]["bibliographies"] == ["book.bib", "packages.bib"]
    assert [d["path"] for d in data["documents"]] == ["01-intro.Rmd", "02-methods.Rmd", "index.Rmd"]
    assert data["summary"]["skipped"] == []


def test_a_bibliography_the_book_writes_when_built_is_not_missing(in_project):
    """The bookdown template's index.Rmd writes packages.bib when the book is built
    (``knitr::write_bib(...)``; rstudio/bookdown-demo gave CC006 for it and CC201 for
    [@R-bookdown]): before the first build it is not there, which is no error; its R-* keys are
    not checked and the summary says so. Any other key, and any other missing file, still is."""
    in_project("rmd-book")
    Path("packages.bib").unlink()
    _, data = run_json(Path.cwd(), ".")
    assert data["summary"]["bibliographies"] == ["book.bib"]
    assert [(d["path"], d["code"]) for d in data["diagnostics"]] == [("01-intro.Rmd", "CC201")]  # haraldsen1987
    assert data["summary"]["remarks"] == [
        "not read, written when the book is built (knitr::write_bib): packages.bib; citations of R-* keys not checked"
    ]
    Path("index.Rmd").write_text(Path("index.Rmd").read_text(encoding="utf-8").replace('"packages.bib")', '"pkgs.bib")'), encoding="utf-8")
    _, data = run_json(Path.cwd(), ".")
    unknown = sorted(d["message"].split("'")[1] for d in data["diagnostics"] if d["code"] == "CC201")
    assert unknown == ["R-base", "R-bookdown", "haraldsen1987"]  # R-* keys are checked again
    assert [d["message"] for d in data["diagnostics"] if d["code"] == "CC006"] == [
        "bibliography 'packages.bib' not found (looked for packages.bib)"
    ]


def test_one_chapter_of_a_book_finds_the_book_bibliographies(in_project):
    in_project("rmd-book")
    _, data = run_json(Path.cwd(), "01-intro.Rmd")
    assert data["summary"]["bibliographies"] == ["book.bib", "packages.bib"]
    assert [(d["path"], d["line"]) for d in data["diagnostics"] if d["code"] == "CC201"] == [("01-intro.Rmd", 6)]


def test_front_matter_and_quarto_bibliographies_that_are_missing_are_cc006(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write({
        "_quarto.yml": "project:\n  type: book\nbibliography:\n  - refs.bib\n  - gone.bib\n",
        "refs.bib": "@book{a1, title={A}, author={B}, publisher={P}, year={2000}}\n",
        "intro.qmd": "---\nbibliography: missing.bib\n---\n\nText [@a1].\n",
        "none.toml": "",
    })
    status, data = run_json(tmp_path, "intro.qmd")
    found = [(d["path"], d["line"], d["message"]) for d in data["diagnostics"]]
    assert found == [
        ("_quarto.yml", 5, "bibliography 'gone.bib' not found (looked for gone.bib)"),
        ("intro.qmd", 2, "bibliography 'missing.bib' not found (looked for missing.bib)"),
    ]
    assert data["summary"]["bibliographies"] == ["refs.bib"]
    assert status == 2


FILECONTENTS = r"""\documentclass{article}
\begin{filecontents*}{inline.bib}
@book{okafor2004,
  author = {Okafor, Adaeze},
  title = {Ledgers of the Lagoon Harbour},
  publisher = {Tidewater Press},
  year = {2004},
  pages = {1-9}
}
\end{filecontents*}
\begin{document}
As \cite{okafor2004} and \cite{ghost} show.
\bibliography{inline}
\end{document}
"""


def test_a_filecontents_bibliography_is_read_where_it_stands(tmp_path, monkeypatch):
    """biblatex's and many journals' one-file documents: the bibliography is in the .tex."""
    monkeypatch.chdir(tmp_path)
    write({
        "paper.tex": FILECONTENTS,
        "none.toml": "",
    })
    _, data = run_json(tmp_path, "paper.tex")
    assert [(d["path"], d["line"], d["code"]) for d in data["diagnostics"]] == [
        ("paper.tex", 8, "CC305"),  # the single hyphen, at its line in the .tex
        ("paper.tex", 12, "CC201"),
    ]
    Path("inline.bib").write_text(FILECONTENTS.split("\\end{filecontents*}")[0].split("\n", 2)[2], encoding="utf-8")
    _, data = run_json(tmp_path, "paper.tex")
    assert data["summary"]["bibliographies"] == ["inline.bib"]  # the file LaTeX wrote wins, read once


def test_a_filecontents_bibliography_named_after_the_job(tmp_path, monkeypatch):
    """biblatex's examples 93-nameparts, 96-dates and 97-annotations write their entries with
    ``\\begin{filecontents}[force]{\\jobname.bib}`` and read them with
    ``\\addbibresource{\\jobname.bib}``: \\jobname is the name of the file LaTeX runs on."""
    monkeypatch.chdir(tmp_path)
    text = FILECONTENTS.replace("{filecontents*}{inline.bib}", "{filecontents}[force]{\\jobname.bib}")
    text = text.replace("\\end{filecontents*}", "\\end{filecontents}").replace("\\bibliography{inline}", "\\addbibresource{\\jobname.bib}")
    write({"dates.tex": text, "none.toml": ""})
    _, data = run_json(tmp_path, "dates.tex")
    assert [(d["line"], d["code"]) for d in data["diagnostics"]] == [(8, "CC305"), (12, "CC201")]
    assert data["summary"]["remarks"] == []


IEEE_PAPER = r"""\documentclass{IEEEtran}
\begin{document}
Control \cite{ito2001} and history \cite{carr1953}.
\bibliographystyle{IEEEtran}
\bibliography{IEEEabrv,refs}
\end{document}
"""
IEEE_REFS = """@article{ito2001, author = {Ito, Ken}, title = {Loops}, journal = IEEE_J_AC, year = 2001}
@article{carr1953, author = {Carr, E. H.}, title = {The Pact}, journal = jmh, year = 1953}
"""


def test_a_tex_distribution_string_file_needs_no_copy_in_the_project(tmp_path, monkeypatch):
    """IEEE papers name IEEEtran's journal macros, \\bibliography{IEEEabrv,refs}, which BibTeX
    finds in the TeX tree: no CC006 for it, and its IEEE_* macros are defined; the others not."""
    monkeypatch.chdir(tmp_path)
    write({"paper.tex": IEEE_PAPER, "refs.bib": IEEE_REFS, "none.toml": ""})
    _, data = run_json(tmp_path, "paper.tex")
    assert data["summary"]["bibliographies"] == ["refs.bib"]
    assert [(d["path"], d["code"], d["message"]) for d in data["diagnostics"]] == [
        ("refs.bib", "CC308", "@string macro 'jmh' is not defined")
    ]
    write({"IEEEabrv.bib": '@STRING{IEEE_J_AC = "{IEEE} Trans. Automat. Contr."}\n'})  # a copy is read
    _, data = run_json(tmp_path, "paper.tex")
    assert data["summary"]["bibliographies"] == ["IEEEabrv.bib", "refs.bib"]
    write({"paper.tex": IEEE_PAPER.replace("IEEEabrv,refs", "IEEEabrv,refz")})
    _, data = run_json(tmp_path, "paper.tex")
    assert [d["code"] for d in data["diagnostics"]] == ["CC201", "CC201", "CC006"]  # refz.bib is looked for


def test_cite_commands_in_the_configuration(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write({
        "paper.tex": "\\begin{document}\nSee \\mycite{k1}.\n\\end{document}\n",
        "citecheck.toml": 'cite-commands = ["mycite"]\noutput-dir = ""\n',
    })
    result = CliRunner().invoke(main, ["run", "paper.tex", "--format", "json"], catch_exceptions=False)
    assert [c["key"] for c in json.loads(result.stdout)["documents"][0]["citations"]] == ["k1"]


def test_no_silent_pass_without_a_bibliography(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write({
        "essay.md": "A claim [@smith2000].\n",
        "none.toml": "",
    })
    args = ["run", "essay.md", "--output-dir", "", "--config", "none.toml"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.endswith("(0 markers, 0 notes, 1 citation)\ncitations not checked: no bibliography\n")
    assert CliRunner().invoke(main, [*args, "--require-bib"]).exit_code == 2
    Path("none.toml").write_text("require-bib = true\n", encoding="utf-8")
    assert CliRunner().invoke(main, args).exit_code == 2


def test_a_bibliography_with_no_entry_is_named_in_the_summary(in_project):
    """An empty or wholly commented-out .bib makes every citation of it fail: the summary says
    which file holds nothing, rather than leaving the user to guess from the CC201s."""
    in_project("two-bibs")
    Path("empty.bib").write_text("% @book{smith2000, title = {Gone}}\n", encoding="utf-8")
    _, data = run_json(Path.cwd(), "essay.md", "--bib", "primary.bib", "--bib", "empty.bib")
    assert data["summary"]["remarks"] == ["bibliography with no entry: empty.bib"]
    _, data = run_json(Path.cwd(), "essay.md", "--bib", "primary.bib", "--bib", "secondary.bib")
    assert data["summary"]["remarks"] == []


def test_a_folder_run_lists_what_it_cannot_read_and_never_reads_reports(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write({
        "essay.md": "A claim.[^1]\n\n[^1]: A note.\n",
        "chapter.odt": "an OpenDocument text",
        "refs.bib": "",
        "none.toml": "",
    })
    first = CliRunner().invoke(main, ["run", ".", "--config", "none.toml", "--output-dir", "old-reports"])
    assert first.exit_code == 0, first.output
    assert (tmp_path / "old-reports" / "citecheck.md").is_file()
    _, data = run_json(tmp_path, ".")  # the reports of the earlier run are not manuscripts now
    assert [d["path"] for d in data["documents"]] == ["essay.md"]
    assert data["summary"]["skipped"] == ["chapter.odt"]  # nor the settings file and the .bib
    text = CliRunner().invoke(main, ["run", ".", "--config", "none.toml", "--output-dir", ""]).stdout
    assert text.endswith("not read, no reader knows them: chapter.odt\n")


def test_a_project_read_by_worker_processes_gives_the_same_report(in_project):
    in_project("latex-thesis")
    assert run_json(Path.cwd(), "thesis.tex", "--jobs", "2") == run_json(Path.cwd(), "thesis.tex")


def test_extract_shows_the_named_file_read_with_what_its_parts_define(in_project):
    in_project("latex-thesis")
    result = CliRunner().invoke(main, ["extract", "--format", "json", "thesis.tex", "--config", "none.toml"])
    assert [d["path"] for d in json.loads(result.stdout)["documents"]] == ["thesis.tex"]
