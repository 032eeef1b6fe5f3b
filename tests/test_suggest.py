"""``citecheck suggest``: entries for unresolved sources, parsed from the notes."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from citecheck.bib.load import parse_bibliography
from citecheck.reconcile.suggest import render_suggestions, suggest_entries
from citecheck.cli import main
from citecheck.model import Citation, Person, Work
from citecheck.reconcile.resolve import Resolution
from citecheck.source import SourceFile, Span

DYCK = Work(
    authors=(Person("Dyck", "Harvey L."),),
    title="Weimar Germany & Soviet Russia, 1926–1933",
    place="New York",
    publisher="Columbia University Press",
    year="1966",
    entry_type="book",
)
HASLAM = Work(
    authors=(Person("Haslam", "Jonathan"),),
    title="The Soviet Union and the Czechoslovakian Crisis of 1938",
    container="Journal of Contemporary History",
    volume="14",
    issue="3",
    pages="441–61",
    year="1979",
)


def cite(kind: str, work: Work | None, start: int, note: int) -> Citation:
    return Citation(kind, "…", Span("ch.txt", start, start + 5), note=note, work=work)


def place(citation: Citation) -> str:
    return f"ch.txt:{citation.span.start}:1"


def test_one_entry_per_unresolved_work_with_every_place_it_is_cited():
    full = cite("full", DYCK, 10, 1)
    later = cite("full", DYCK, 50, 4)
    ibid = cite("ibid", None, 60, 5)
    matched = cite("full", HASLAM, 30, 2)
    resolutions = [
        Resolution(full, "unresolved"),
        Resolution(matched, "matched", key="haslam1979"),
        Resolution(later, "unresolved"),
        Resolution(ibid, "unresolved", antecedent=later),
    ]
    (suggestion,) = suggest_entries(resolutions, ["dyck1966"], place)
    assert suggestion.key == "dyck1966a"  # dyck1966 is taken
    assert suggestion.entry_type == "book"
    assert suggestion.places == ("ch.txt:10:1 (note 1)", "ch.txt:50:1 (note 4)", "ch.txt:60:1 (note 5)")
    assert dict(suggestion.fields) == {
        "author": "Dyck, Harvey L.",
        "title": r"Weimar Germany \& Soviet Russia, 1926–1933",
        "publisher": "Columbia University Press",
        "address": "New York",
        "year": "1966",
    }


def test_article_type_guessed_and_rendered_bibtex_reads_back_clean():
    resolutions = [Resolution(cite("full", HASLAM, 5, 3), "unresolved"), Resolution(cite("full", DYCK, 9, 4), "unresolved")]
    suggestions = suggest_entries(resolutions, [], place)
    text = render_suggestions(suggestions, "references.bib")
    bib = parse_bibliography(SourceFile("suggested.bib", text))
    assert not bib.failures
    haslam, dyck = bib.entries
    assert (haslam.key, haslam.entry_type) == ("haslam1979", "article")
    assert haslam.get("journal") == "Journal of Contemporary History"
    assert haslam.get("pages") == "441--61"
    assert haslam.get("number") == "3"
    assert dyck.key == "dyck1966"
    assert "% cited at ch.txt:5:1 (note 3)" in text
    assert text.startswith("% Suggested by citecheck for sources that no entry of references.bib matches.")


def test_matched_keys_mentions_and_sources_without_title_are_not_suggested():
    bare = Work(authors=(Person("Conquest"),))
    resolutions = [
        Resolution(cite("full", DYCK, 1, 1), "matched", key="dyck1966"),
        Resolution(cite("mention", bare, 2, 0), "unresolved"),
        Resolution(cite("short", bare, 3, 2), "unresolved"),
        Resolution(cite("key", None, 4, 0), "unknown-key"),
    ]
    assert suggest_entries(resolutions, [], place) == ()
    assert render_suggestions((), "refs.bib").count("@") == 0


# -- the command


@pytest.fixture
def book_project(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.citecheck]\nsources = ["ch.md"]\nbib = "refs.bib"\n')
    (tmp_path / "refs.bib").write_text(
        "@book{kennan1961, author = {Kennan, George F.}, title = {Russia and the West under Lenin and Stalin},"
        " publisher = {Little, Brown}, address = {Boston}, year = 1961}\n"
    )
    (tmp_path / "ch.md").write_text(
        "The pact surprised London.[^1] Paris less so.[^2]\n\n"
        "[^1]: George F. Kennan, *Russia and the West under Lenin and Stalin* (Boston: Little, Brown, 1961), 207.\n"
        "[^2]: Keith Neilson, *Britain, Soviet Russia and the Collapse of the Versailles Order, 1919–1939*"
        " (Cambridge: Cambridge University Press, 2006), 250–61.\n"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_suggest_writes_reports_suggested_bib_by_default(book_project):
    result = CliRunner().invoke(main, ["suggest"])
    assert result.exit_code == 0, result.output
    assert "wrote 1 suggested entry to reports/suggested.bib" in result.stderr
    text = (book_project / "reports" / "suggested.bib").read_text()
    assert "@book{neilson2006," in text
    assert "% cited at ch.md:4:7 (note 2)" in text
    assert "kennan" not in text


def test_suggest_to_standard_output_and_never_onto_an_input(book_project):
    result = CliRunner().invoke(main, ["suggest", "-o", "-"])
    assert result.exit_code == 0 and result.stdout.count("@book{") == 1
    refused = CliRunner().invoke(main, ["suggest", "-o", "refs.bib"])
    assert refused.exit_code == 2
    assert "refusing to write refs.bib: it is one of the input files" in refused.stderr
    assert "Traceback" not in refused.output


def test_suggest_needs_a_bibliography(tmp_path, monkeypatch):
    (tmp_path / "ch.md").write_text("Text.[^1]\n\n[^1]: A. Author, *A Book* (Paris: P, 2001), 3.\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["suggest", "ch.md"])
    assert result.exit_code == 2
    assert "give --bib FILE" in result.stderr


def test_suggest_stops_on_a_manuscript_it_cannot_read(book_project):
    result = CliRunner().invoke(main, ["suggest", "missing.md"])
    assert result.exit_code == 2
    assert "missing.md: No such file or directory" in result.stderr
    assert not (book_project / "reports" / "suggested.bib").exists()
