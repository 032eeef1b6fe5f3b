"""select.py: longest-prefix decisions, per-file ignores, inline suppressions."""

from __future__ import annotations


import pytest

from citecheck import pipeline, select
from citecheck.codes import CODES, Status
from citecheck.config import Settings
from citecheck.diagnostics import Diagnostic, Severity
from citecheck.select import Selection, filter_diagnostics, per_file_codes, scan_suppressions
from citecheck.source import SourceFile


@pytest.mark.parametrize(
    ("select", "ignore", "code", "expected"),
    [
        (("CC",), (), "CC101", True),
        (("CC",), ("CC1",), "CC101", False),
        (("CC",), ("CC1",), "CC201", True),
        (("CC",), ("CC1",), "CC002", True),
        (("CC", "CC105"), ("CC1",), "CC105", True),  # longer select wins
        (("CC", "CC105"), ("CC1",), "CC104", False),
        (("CC1",), ("CC",), "CC101", True),  # longer select beats a shorter ignore
        (("CC1",), ("CC",), "CC201", False),  # not selected at all
        (("CC10",), ("CC10",), "CC101", True),  # a tie: select wins
        (("CC1",), ("CC105",), "CC105", False),  # longer ignore wins
        ((), (), "CC101", False),  # nothing selected
        (("CC",), ("CC101",), "CC1010", False),  # prefixes, not exact codes
    ],
)
def test_longest_prefix_decides(select, ignore, code, expected):
    assert Selection(select, ignore).selected(code) is expected


def test_default_selection_selects_everything():
    assert Selection().selected("CC001")
    assert Selection().selected("CC308")


def test_per_file_codes_by_glob():
    patterns = (("chapters/*.txt", ("CC1",)), ("*/draft-*", ("CC108", "CC2")), ("notes.md", ("CC102",)))
    assert per_file_codes("chapters/ch1.txt", patterns) == ("CC1",)
    assert per_file_codes("chapters/draft-2.txt", patterns) == ("CC1", "CC108", "CC2")
    assert per_file_codes("notes.md", patterns) == ("CC102",)
    assert per_file_codes("other/notes.md", patterns) == ()
    # Any of a file's names may match (relative to the working folder or to the project root).
    assert per_file_codes(("book/notes.md", "notes.md"), patterns) == ("CC102",)


def _lines(text: str) -> dict[int, frozenset[str] | None]:
    return dict(scan_suppressions(SourceFile("x", text)).lines)


def test_no_directive_no_suppression():
    found = scan_suppressions(SourceFile("x.txt", "plain text\nno comment\n"))
    assert not found
    assert not found.suppresses("CC101", 1)


def test_directive_on_a_line_with_text_applies_to_that_line():
    text = "a\nthe war.18 <!-- citecheck: ignore[CC105] -->\nnext line\n"
    found = scan_suppressions(SourceFile("ch.md", text))
    assert found.suppresses("CC105", 2)
    assert not found.suppresses("CC105", 3)
    assert not found.suppresses("CC101", 2)


def test_several_codes_and_prefixes():
    found = scan_suppressions(SourceFile("ch.tex", r"text\footnote{x} % citecheck: ignore[CC103, cc2 CC105]"))
    assert found.suppresses("CC103", 1)
    assert found.suppresses("CC105", 1)
    assert found.suppresses("CC201", 1)  # prefix CC2, upper-cased
    assert not found.suppresses("CC101", 1)


@pytest.mark.parametrize(
    "comment",
    [
        "<!-- citecheck: ignore[CC101] -->",
        "  <!--citecheck: ignore[CC101]-->  ",
        "% citecheck: ignore[CC101]",
        "%% citecheck: ignore[CC101]",
        "# citecheck: ignore[CC101]",
        "// citecheck: ignore[CC101]",
        "/* citecheck: ignore[CC101] */",
        "[//]: # (citecheck: ignore[CC101])",
        ".. citecheck: ignore[CC101]",
        "citecheck: ignore[CC101]",
    ],
)
def test_directive_alone_on_its_line_applies_to_the_next_non_blank_line(comment):
    text = f"intro\n{comment}\n\n   \nthe marker.7 here\nafter\n"
    assert _lines(text) == {5: frozenset({"CC101"})}


def test_stacked_standalone_directives_all_reach_the_next_text_line():
    text = "<!-- citecheck: ignore[CC101] -->\n<!-- citecheck: ignore[CC105] -->\nbody.18\n"
    assert _lines(text) == {3: frozenset({"CC101", "CC105"})}


def test_standalone_directive_at_the_end_of_the_file_applies_nowhere():
    assert _lines("body\n<!-- citecheck: ignore[CC101] -->\n\n") == {}


def test_bare_ignore_suppresses_every_code_on_its_line():
    found = scan_suppressions(SourceFile("a.txt", "one\ntwo.5 citecheck: ignore\n"))
    assert found.lines == {2: None}
    assert found.suppresses("CC101", 2)
    assert found.suppresses("CC999", 2)
    assert not found.suppresses("CC101", 1)


def test_bare_ignore_merged_with_codes_is_everything():
    text = "x.1 <!-- citecheck: ignore[CC101] --> <!-- citecheck: ignore -->\n"
    assert _lines(text) == {1: None}


def test_ignore_file():
    text = "first\n\n<!-- citecheck: ignore-file[CC108, CC102] -->\nlast\n"
    found = scan_suppressions(SourceFile("a.md", text))
    assert found.whole_file == frozenset({"CC108", "CC102"})
    assert found.lines == {}
    for line in (1, 2, 3, 4, 100):
        assert found.suppresses("CC108", line)
    assert not found.suppresses("CC101", 1)


def test_bare_ignore_file_suppresses_everything():
    found = scan_suppressions(SourceFile("a.txt", "% citecheck: ignore-file\nx\n"))
    assert found.whole_file is None
    assert found.suppresses("CC101", 2)


@pytest.mark.parametrize(
    "text",
    ["citecheck: ignored", "citecheck: ignore-files[CC1]", "citecheck: ignore[CC101]x", "citecheck: ignorexyz"],
)
def test_near_misses_are_not_directives(text):
    found = scan_suppressions(SourceFile("a.txt", f"line\n{text}\nnext\n"))
    assert not found


def _diagnostic(code: str, path: str, start: int) -> Diagnostic:
    return Diagnostic(code, "name", Severity.WARNING, "message", SourceFile(path, "").span(start, start + 1))


def test_filter_diagnostics_uses_per_file_codes_and_suppressions():
    text = "marker.1\nmarker.2 <!-- citecheck: ignore[CC101] -->\nmarker.3\n"
    source = SourceFile("ch.md", text)
    other = SourceFile("other.md", "x\n")
    diagnostics = [
        _diagnostic("CC101", "ch.md", text.index(".1")),
        _diagnostic("CC101", "ch.md", text.index(".2")),  # suppressed inline
        _diagnostic("CC105", "ch.md", text.index(".2")),
        _diagnostic("CC102", "ch.md", text.index(".3")),
        _diagnostic("CC102", "other.md", 0),  # ignored for the file
        _diagnostic("CC001", "missing.txt", 0),  # no source: only per-file ignores apply
    ]
    kept = filter_diagnostics(
        diagnostics,
        sources={"ch.md": source, "other.md": other},
        suppressions={"ch.md": scan_suppressions(source), "other.md": scan_suppressions(other)},
        ignored_codes={"other.md": ("CC1",)},
    )
    assert [(d.code, d.path, source.index.line_col(d.span.start)[0]) for d in kept if d.path == "ch.md"] == [
        ("CC101", "ch.md", 1),
        ("CC105", "ch.md", 2),
        ("CC102", "ch.md", 3),
    ]
    assert [d.path for d in kept if d.path != "ch.md"] == ["missing.txt"]


def test_scan_is_one_pass_and_fast_on_a_large_file():
    import time

    line = "Plain body text with a marker.12 and nothing else to see here at all.\n"
    text = line * 100_000 + "<!-- citecheck: ignore[CC101] -->\nlast.5\n"
    started = time.perf_counter()
    found = scan_suppressions(SourceFile("big.md", text))
    assert time.perf_counter() - started < 1.0
    assert found.lines == {100_002: frozenset({"CC101"})}


def test_a_code_in_preview_runs_only_when_selected_by_its_full_code(monkeypatch, tmp_path):
    """CC107 put in preview for the test: the default run leaves it out, ``--select CC107`` runs it."""
    monkeypatch.setattr(select, "CODES", {**CODES, "CC107": CODES["CC107"]._replace(status=Status.PREVIEW)})
    assert not Selection().selected("CC107") and not Selection(("CC1",)).selected("CC107")
    assert Selection(("CC107",)).selected("CC107") and Selection().selected("CC106")
    chapter = tmp_path / "ch1.md"
    chapter.write_text("Text.[^1]\n\n[^1]:\n", encoding="utf-8")
    everything = pipeline.run(Settings(root=tmp_path), [chapter], cwd=tmp_path)
    chosen = pipeline.run(Settings(root=tmp_path, select=("CC107",)), [chapter], cwd=tmp_path)
    assert "CC107" not in {d.code for d in everything.diagnostics}
    assert [d.code for d in chosen.diagnostics] == ["CC107"]
