"""What a command imports before it does anything: start-up is paid by every run (issue 13:
under 0.15 s; bench/bigbib.py measures it). A registry loads a reader, a rule module or a
command when first used; these tests hold each run to the modules it needs.

Each case runs in a fresh interpreter, since this one has imported everything already.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
import regex

from citecheck import patterns
from citecheck.readers import READERS

PROBE = """
import sys
from citecheck.cli import main
try:
    main({args!r})
except SystemExit:
    pass
print(" ".join(sorted(sys.modules)), file=sys.stderr)
"""


def loaded(*args: str, cwd=None) -> set[str]:
    """The modules imported by ``citecheck ARGS`` run in a fresh interpreter."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=list(args))], capture_output=True, text=True, cwd=cwd, check=True
    )
    return set(result.stderr.split())


@pytest.mark.parametrize("args", [("--version",), ("--help",)])
def test_version_and_help_load_no_command(args):
    """They start as fast as click: no command module, hence no pipeline, reader or rule."""
    ours = {module for module in loaded(*args) if module.startswith("citecheck")}
    assert ours == {"citecheck", "citecheck.cli", "citecheck.collector"}


@pytest.mark.parametrize("reader", READERS, ids=lambda reader: reader.format)
def test_each_reader_module_reads_text_or_unpacks_a_package(reader):
    assert (reader.read is None) != (reader.unpack is None), reader.module


def test_a_run_imports_only_the_reader_and_report_format_it_uses(tmp_path):
    # a note of commentary, as a manuscript citing by key has: no source, no note patterns
    (tmp_path / "essay.md").write_text("Carr wrote it [@carr1953].[^1]\n\n[^1]: A remark of ours.\n", encoding="utf-8")
    (tmp_path / "refs.bib").write_text("@book{carr1953, title = {The Bolshevik Revolution}, year = 1953}\n")
    modules = loaded("run", "essay.md", "--bib", "refs.bib", "--output-dir", "", cwd=tmp_path)
    readers = {module for module in modules if module.startswith("citecheck.readers.")}
    assert "citecheck.readers.markdown" in readers
    assert not readers & {reader.module for reader in READERS if reader.format != "markdown"}
    assert {module for module in modules if module.startswith("citecheck.reporters.")} == {"citecheck.reporters.text"}
    # what only some runs need: fuzzy matching, colour, LaTeX, BibTeX writing, git, a file written,
    # the patterns of note sources and prose names, a baseline, --changed-since, names in prose
    for library in (
        "rapidfuzz", "rich", "pylatexenc", "bibtexparser", "lxml", "subprocess", "tempfile", "regex",
        "citecheck.baseline", "citecheck.changes", "citecheck.reconcile.mentions",
    ):  # fmt: skip
        assert library not in modules, library


def test_the_regex_stand_in_names_the_flags_of_the_regex_module():
    """The pattern modules name ``regex``'s flags before the module is imported: the stand-in
    holds its values, and anything else is the module's own."""
    for flag in ("IGNORECASE", "MULTILINE", "DOTALL", "REVERSE"):
        assert getattr(patterns.regex, flag) == getattr(regex, flag), flag
    assert patterns.regex.compile(r"\p{Lu}+", patterns.regex.REVERSE).search("ab CD").group() == "CD"
    assert patterns.regex.escape is regex.escape


def test_a_short_form_with_no_full_citation_before_it_imports_no_fuzzy_matching(tmp_path):
    """bench/run.py's start-up file: one note, a short form, no bibliography. With no full
    citation by a named author (nor any title) no surname or title can be similar to its own,
    so rapidfuzz, which would find the similar ones, is not imported."""
    (tmp_path / "one-note.txt").write_text("A line of prose.1\n\n1. Gibbon, Decline and Fall, vol. 1, p. 12.\n", encoding="utf-8")
    modules = loaded("run", "one-note.txt", "--output-dir", "", cwd=tmp_path)
    assert "citecheck.reconcile.chain" in modules  # the short form was linked
    assert "rapidfuzz" not in modules
