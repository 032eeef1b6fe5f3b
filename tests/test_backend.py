"""The bibliography backend: guessed from the LaTeX document, set in the configuration, and
what it changes in the checks (the fixtures under tests/fixtures/rules show each rule's side)."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.bib import Bibliography, parse_bibliography
from citecheck.config import ConfigError, load_settings
from citecheck.pipeline import read_document
from citecheck.readers import latex, reader_for
from citecheck.rules import Context, get_rule
from citecheck.source import SourceFile

HYPHEN_RANGE = "@article{a,\n  author = {A, B},\n  title = {T},\n  journal = {J},\n  year = 2000,\n  pages = {13-14}\n}\n"


def bib(text: str) -> Bibliography:
    return parse_bibliography(SourceFile("refs.bib", text))


def document(text: str):
    return read_document(reader_for(Path("paper.tex")), SourceFile("paper.tex", text), None)


def messages(code: str, context: Context) -> list[str]:
    return [finding.message for finding in get_rule(code).findings(context)]


@pytest.mark.parametrize(
    ("preamble", "backend"),
    [
        ("\\usepackage{biblatex}", "biber"),
        ("\\usepackage[style=authoryear]{biblatex}", "biber"),
        ("\\usepackage[backend=biber, style=numeric]{biblatex}", "biber"),
        ("\\usepackage[style=numeric,backend=bibtex]{biblatex}", "bibtex"),
        ("\\usepackage[backend = bibtex8]{biblatex}", "bibtex"),
        ("\\usepackage{csquotes,biblatex}", "biber"),
        ("\\RequirePackage{biblatex}", "biber"),
        ("\\usepackage{natbib}\n\\bibliographystyle{plainnat}", "bibtex"),
        ("% \\usepackage{biblatex}\n\\bibliographystyle{plain}", "bibtex"),
        ("% \\usepackage{biblatex}", None),
        ("\\usepackage{biblatexish}", None),
        ("", None),
    ],
)
def test_the_backend_a_document_asks_for(preamble, backend):
    text = f"\\documentclass{{article}}\n{preamble}\n\\begin{{document}}\nText.\n\\end{{document}}\n"
    assert latex.backend_of(latex.blank_unread(text)) == backend
    assert document(text).backend == backend


def test_the_configured_backend_wins_over_the_document():
    biblatex = document("\\usepackage{biblatex}\n\\begin{document}\\cite{a}\\end{document}\n")
    guessed = Context.of((biblatex,), bibliography=bib(HYPHEN_RANGE))
    configured = Context.of((biblatex,), bibliography=bib(HYPHEN_RANGE), backend="bibtex")
    assert guessed.backend == "biber" and configured.backend == "bibtex"
    assert messages("CC305", guessed) == []
    assert messages("CC305", configured) == ["pages '13-14' joins a range with a single hyphen: write 13--14"]


def test_a_backward_range_is_reported_under_biber_too():
    text = HYPHEN_RANGE.replace("13-14", "30-12")
    assert messages("CC305", Context.of(bibliography=bib(text), backend="biber")) == [
        "pages '30-12': the range 30-12 ends before it starts"
    ]


def test_the_backend_setting_is_read_and_checked(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.citecheck]\nbackend = "biber"\n', encoding="utf-8")
    assert load_settings(cwd=tmp_path).backend == "biber"
    (tmp_path / "pyproject.toml").write_text('[tool.citecheck]\nbackend = "biblatex"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="'backend' must be one of bibtex, biber"):
        load_settings(cwd=tmp_path)


def test_ids_aliases_find_their_entry_in_every_file_of_a_combined_bibliography():
    first = bib("@book{a,\n  ids = {alpha, {A1}},\n  title = {T}\n}\n")
    second = parse_bibliography(SourceFile("more.bib", "@book{b,\n  ids = {beta},\n  title = {U}\n}\n"))
    both = Bibliography.combined([first, second])
    assert both.find("alpha").key == "a" and both.find("beta").key == "b"
    assert both.find("A1").key == "a"
    assert both.find("gamma") is None


def test_a_file_without_ids_has_no_aliases():
    assert dict(bib("@book{a,\n  title = {Kids = none}\n}\n").aliases) == {}


def test_keys_differing_in_case_are_explained_by_backend():
    text = "@book{smith2001,\n  title = {T}\n}\n@book{Smith2001,\n  title = {U}\n}\n"
    assert messages("CC302", Context.of(bibliography=bib(text), backend="bibtex")) == [
        "key 'Smith2001' is already used by the entry at line 1 as 'smith2001' (keys that differ only in case clash in BibTeX)"
    ]
    assert messages("CC302", Context.of(bibliography=bib(text), backend="biber")) == [
        "key 'Smith2001' is already used by the entry at line 1 as 'smith2001' (biber keeps both, warning of a likely typo)"
    ]


def test_a_bst_journal_macro_is_explained_under_biber():
    text = "@article{a,\n  author = {A, B},\n  title = {T},\n  journal = toms,\n  year = 2000\n}\n"
    assert messages("CC308", Context.of(bibliography=bib(text))) == []
    assert messages("CC308", Context.of(bibliography=bib(text), backend="biber")) == [
        "@string macro 'toms' is not defined (biber defines only jan … dec; the .bst styles' journal macros are BibTeX's)"
    ]
