"""Reporters against golden files, from a fixed report built here from model records.

The documents and diagnostics are written out by hand (no reader, no rule runs), so these tests
change only when a reporter does. Regenerate the golden files after a deliberate change with::

    CITECHECK_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_reporters.py
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import citecheck
from citecheck.diagnostics import Diagnostic, Fix, Severity, in_report_order
from citecheck.model import Citation, Document, Marker, Note
from citecheck.report import Report
from citecheck.reporters import EXTRACT_RENDERERS, REPORTERS, color_wanted
from citecheck.reporters import json as json_reporter
from citecheck.reporters import text as text_reporter
from citecheck.rules import whole_file
from citecheck.source import SourceFile, Span

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("CITECHECK_UPDATE_GOLDEN") == "1"
ANSI = re.compile(r"\x1b\[[0-9;]*m")

CHAPTER = (
    "Chapter One\n"
    "\n"
    "The pact was signed in May 1939.1 Litvinov was dismissed.2\n"
    "It was peace.8 And then came the war.⁴\n"
    "\tA tabbed line, with marker.5 here.\n"
)
NOTES = "1. Tucker, Stalin in Power, 246.\n2. Ibid., 250.\n3. Haslam, The Soviet Union, 12.\n"
ESSAY = (
    "# Essay\n"
    "\n"
    "A claim.[^a] Another, cited [@tucker1977, p. 12].\n"
    + "Long " * 40
    + "line ending with a marker.[^b] and then "
    + "more words " * 10
    + "\n"
    "\n"
    "[^a]: Roberts, The Soviet Union and the Origins, 45.\n"
    "[^b]:\n"
)


def _at(source: SourceFile, needle: str, inside: str | None = None):
    """The span of ``needle``, looked for inside the first occurrence of ``inside`` when given."""
    base = source.text.index(inside) if inside else 0
    start = source.text.index(needle, base)
    return source.span(start, start + len(needle))


def build_report() -> Report:
    chapter = SourceFile("chapters/ch1.txt", CHAPTER)
    notes = SourceFile("chapters/notes-ch1.txt", NOTES)
    essay = SourceFile("essay.md", ESSAY)

    def marker(source, text, number, style, intended=None, label=None, inside=None):
        return Marker(label or str(number), number, text, _at(source, text, inside), style, 0, intended)

    def note(source, label_text, number, body, label=None):
        span = _at(source, label_text)
        part = _at(source, body) if body else source.span(span.end, span.end)
        return Note(label or str(number), number, body, span, (part,), "numbered")

    book = Document(
        source=chapter,
        format="plaintext",
        markers=(
            marker(chapter, "1", 1, "year", inside="9.1 "),
            marker(chapter, "2", 2, "punctuation", inside="dismissed.2"),
            marker(chapter, "8", 8, "punctuation", intended=3, inside="peace.8"),
            marker(chapter, "⁴", 4, "superscript"),
            marker(chapter, "5", 5, "punctuation", inside="marker.5"),
        ),
        notes=(
            note(notes, "1.", 1, "Tucker, Stalin in Power, 246."),
            note(notes, "2.", 2, "Ibid., 250."),
            note(notes, "3.", 3, "Haslam, The Soviet Union, 12."),
        ),
        citations=(
            Citation("full", "Tucker, Stalin in Power, 246", _at(notes, "Tucker, Stalin in Power, 246"), 1, None, "246"),
            Citation("ibid", "Ibid., 250", _at(notes, "Ibid., 250"), 2, None, "250"),
        ),
        note_sources=(notes,),
    )
    essay_doc = Document(
        source=essay,
        format="markdown",
        markers=(
            marker(essay, "[^a]", None, "footnote", label="a"),
            marker(essay, "[^b]", None, "footnote", label="b"),
        ),
        notes=(
            note(essay, "[^a]:", None, "Roberts, The Soviet Union and the Origins, 45.", label="a"),
            note(essay, "[^b]:", None, "", label="b"),
        ),
        citations=(Citation("key", "[@tucker1977, p. 12]", _at(essay, "[@tucker1977, p. 12]"), None, "tucker1977", "p. 12"),),
        numbered=False,
        markers_reusable=True,
    )
    diagnostics = [
        Diagnostic(
            "CC105", "probable-misread", Severity.WARNING,
            "marker 8 is probably 3 misread (the sequence expects 3 here)",
            _at(chapter, "8", "peace.8"), Fix("read 8 as 3", "3"),
        ),
        Diagnostic("CC101", "missing-note", Severity.ERROR, "marker 5 has no note: the last note is 3 (line 3)",
                   _at(chapter, "5", "marker.5")),
        Diagnostic("CC101", "missing-note", Severity.ERROR, "marker 4 has no note: the last note is 3 (line 3)",
                   _at(chapter, "⁴")),
        Diagnostic("CC107", "empty-note", Severity.WARNING, "note b is empty", _at(essay, "[^b]:")),
        Diagnostic("CC101", "missing-note", Severity.ERROR, "marker b has no note", _at(essay, "[^b]")),
        Diagnostic("CC102", "unreferenced-note", Severity.WARNING, "note 3 has no marker",
                   _at(notes, "3.")),
        Diagnostic("CC001", "unreadable-file", Severity.ERROR,
                   "cannot read chapters/ch2.txt: No such file or directory", whole_file("chapters/ch2.txt")),
        Diagnostic("CC002", "bad-encoding", Severity.WARNING, "a finding spanning two lines",
                   chapter.span(CHAPTER.index("dismissed"), CHAPTER.index("peace"))),
    ]
    return Report.build(
        (book, essay_doc), diagnostics, inputs=(), bibliographies=("references.bib",), skipped=("chapters/ch9.rst",)
    )


@pytest.fixture
def report(monkeypatch):
    monkeypatch.setattr(citecheck, "__version__", "0.0.0-golden")
    return build_report()


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
    assert path.exists(), f"{path} is missing; run with CITECHECK_UPDATE_GOLDEN=1 to create it"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs; CITECHECK_UPDATE_GOLDEN=1 regenerates it"


def test_text_golden(report):
    check_golden("report.txt", text_reporter.render(report, color=False))


def test_json_golden(report):
    check_golden("report.json", json_reporter.render(report, color=False))


def test_extract_listing_golden(report):
    check_golden("extract.txt", text_reporter.render_listing(report, color=False))


def test_diagnostics_are_sorted_by_path_offset_code(report):
    keys = [d.sort_key() for d in report.diagnostics]
    assert keys == sorted(keys)
    assert report.errors == 4 and report.warnings == 4
    assert report.markers == 7 and report.notes == 5 and report.citations == 3


def test_text_without_color_has_no_escape_codes_and_with_color_the_same_text(report):
    plain = text_reporter.render(report, color=False)
    colored = text_reporter.render(report, color=True)
    assert "\x1b" not in plain
    assert "\x1b[" in colored
    assert ANSI.sub("", colored) == plain


def test_text_summary_line(report):
    *_, last, remark = text_reporter.render(report, color=False).splitlines()
    assert last == "4 errors, 4 warnings in 2 documents (7 markers, 5 notes, 3 citations)"
    assert remark == "not read, no reader knows them: chapters/ch9.rst"
    empty = Report.build((), ())
    assert text_reporter.render(empty, color=False) == "0 errors, 0 warnings in 0 documents (0 markers, 0 notes)\n"
    one = Report.build((Document(SourceFile("a.txt", ""), "plaintext", (), ()),), ())
    assert text_reporter.render(one, color=False).endswith("in 1 document (0 markers, 0 notes)\n")


def test_citations_without_a_bibliography_are_said_to_be_unchecked(report):
    unchecked = dataclasses.replace(report, bibliographies=(), skipped=())
    assert text_reporter.render(unchecked, color=False).endswith(
        "(7 markers, 5 notes, 3 citations)\ncitations not checked: no bibliography\n"
    )
    clean = dataclasses.replace(unchecked, diagnostics=())
    assert clean.exit_code("never") == 0
    assert clean.exit_code("never", require_bib=True) == 2
    assert dataclasses.replace(report, diagnostics=()).exit_code("never", require_bib=True) == 0


def test_many_skipped_files_are_counted_by_suffix(report):
    many = dataclasses.replace(report, skipped=tuple(f"peps/pep-{n:04}.rst" for n in range(7)) + ("logo.png",))
    assert many.remarks == ("not read, no reader knows them: 7 .rst, 1 .png",)


def test_text_underline_is_under_the_span_even_after_a_tab(report):
    lines = text_reporter.render(report, color=False).splitlines()
    header = lines.index(next(line for line in lines if line.startswith("chapters/ch1.txt:5:")))
    source_line, underline = lines[header + 1], lines[header + 2]
    assert source_line.index(".5") + 1 == underline.index("^")
    assert "\t" not in source_line


def test_long_lines_are_cut_around_the_span(report):
    lines = text_reporter.render(report, color=False).splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("essay.md:4:"))
    shown, underline = lines[header + 1], lines[header + 2]
    assert shown.count("…") == 2
    assert len(shown) < 130
    assert shown[underline.index("^") : underline.index("^") + 4] == "[^b]"


def test_json_has_exactly_the_contract_keys(report):
    data = json.loads(json_reporter.render(report, color=False))
    assert list(data) == ["schema", "tool", "summary", "documents", "diagnostics"]
    assert data["schema"] == "citecheck-report/1"
    assert list(data["tool"]) == ["name", "version"]
    assert data["tool"] == {"name": "citecheck", "version": "0.0.0-golden"}
    assert list(data["summary"]) == [
        "documents", "markers", "notes", "citations", "errors", "warnings", "bibliographies", "skipped", "remarks"
    ]
    assert data["summary"]["bibliographies"] == ["references.bib"]
    assert data["summary"]["skipped"] == ["chapters/ch9.rst"]
    assert data["summary"]["remarks"] == ["not read, no reader knows them: chapters/ch9.rst"]
    for document in data["documents"]:
        assert list(document) == ["path", "format", "markers", "notes", "citations"]
        for marker in document["markers"]:
            expected = ["number", "text", "line", "column", "label", "style", "chapter"]
            expected += [key for key in ("intended", "path") if key in marker]
            assert list(marker) == expected
        for note in document["notes"]:
            expected = ["number", "line", "column", "text", "label", "style", "chapter"]
            assert list(note) == expected + (["path"] if "path" in note else [])
        for citation in document["citations"]:
            expected = ["kind", "text", "line", "column", "note", "key", "locator"]
            assert list(citation) == expected + (["path"] if "path" in citation else [])
    for diagnostic in data["diagnostics"]:
        assert list(diagnostic) == [
            "code", "name", "severity", "message", "path", "line", "column", "end_line", "end_column", "fix",
        ]
        assert diagnostic["fix"] is None or list(diagnostic["fix"]) == ["description", "replacement"]


def test_json_values(report):
    data = json.loads(json_reporter.render(report, color=False))
    book, essay = data["documents"]
    misread = book["markers"][2]
    assert misread["number"] == 8 and misread["intended"] == 3 and misread["line"] == 4
    assert "intended" not in book["markers"][0]
    assert book["notes"][0]["path"] == "chapters/notes-ch1.txt"
    assert essay["markers"][0]["number"] is None and essay["markers"][0]["label"] == "a"
    assert "path" not in essay["notes"][0]
    cc105 = next(d for d in data["diagnostics"] if d["code"] == "CC105")
    assert cc105["fix"] == {"description": "read 8 as 3", "replacement": "3"}
    assert (cc105["line"], cc105["column"], cc105["end_line"], cc105["end_column"]) == (4, 14, 4, 14)
    missing = next(d for d in data["diagnostics"] if d["code"] == "CC001")
    assert (missing["line"], missing["column"]) == (1, 1)
    assert "⁴" in json_reporter.render(report, color=False)  # ensure_ascii=False


def test_registry_lists_the_formats():
    assert set(REPORTERS) == {"text", "json", "sarif", "github", "markdown", "junit", "html"}
    assert set(EXTRACT_RENDERERS) == {"text", "json"}


class _Stream:
    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_color_wanted(monkeypatch):
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    assert color_wanted(_Stream(True))
    assert not color_wanted(_Stream(False))
    monkeypatch.setenv("NO_COLOR", "1")
    assert not color_wanted(_Stream(True))
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert color_wanted(_Stream(False))


_JSON_DATA = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(_JSON_DATA)
def test_json_dumps_writes_what_the_standard_library_writes(data):
    assert json_reporter.dumps(data) == json.dumps(data, ensure_ascii=False, indent=2)


@given(st.lists(_JSON_DATA, max_size=6))
def test_json_dumps_writes_a_generator_as_the_list_it_makes(items):
    written = json_reporter.dumps({"items": (item for item in items)})
    assert written == json.dumps({"items": items}, ensure_ascii=False, indent=2)


def test_json_dumps_of_many_pieces_is_the_same_text():
    data = [{"n": number, "text": f"t{number}"} for number in range(3000)]
    assert json_reporter.dumps(data) == json.dumps(data, ensure_ascii=False, indent=2)


def test_json_dumps_refuses_what_json_cannot_hold():
    with pytest.raises(TypeError):
        json_reporter.dumps({"a": {1, 2}})
    with pytest.raises(TypeError):
        json_reporter.dumps({1: "a"})


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(("a.bib", "b.md", "c.tex")), st.integers(0, 5), st.sampled_from(("CC307", "CC101", "CC305")), st.integers()),
        max_size=30,
    )
)
def test_report_order_is_the_sort_key_order_with_ties_kept(rows):
    diagnostics = [
        Diagnostic(code, "name", Severity.WARNING, f"message {tag}", Span(path, start, start + 1))
        for path, start, code, tag in rows
    ]
    assert in_report_order(diagnostics) == sorted(diagnostics, key=Diagnostic.sort_key)
