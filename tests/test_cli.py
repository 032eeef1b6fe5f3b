"""The command line end to end: exit codes, messages, report files, configuration.

Most tests use a fake reader (suffix ``.fake``) that turns ``[n]`` into markers and lines
``n) text`` into notes, so they do not depend on how the real readers judge a text.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import citecheck
from citecheck import files, pipeline, readers
from citecheck.cli import COMMANDS, main
from citecheck.reporters import REPORT_FILES
from citecheck.model import Document, Marker, Note
from citecheck.source import SourceFile

MARKER = re.compile(r"\[(\d+)\]")
NOTE = re.compile(r"^(\d+)\) (.*)$", re.M)


def read(source: SourceFile, notes: SourceFile | None = None) -> Document:
    """The fake format's reader: this module is its reader module (``FAKE``)."""
    if "RAISE" in source.text:
        raise ValueError("cannot make sense of line 3")
    markers = tuple(
        Marker(m.group(1), int(m.group(1)), m.group(0), source.span(m.start(), m.end()), "bracket")
        for m in MARKER.finditer(source.text)
    )
    note_source = notes or source
    found = tuple(
        Note(
            m.group(1),
            int(m.group(1)),
            m.group(2),
            note_source.span(m.start(1), m.end(1)),
            (note_source.span(m.start(2), m.end(2)),),
            "paren",
        )
        for m in NOTE.finditer(note_source.text)
    )
    return Document(source, "fake", markers, found, note_sources=(notes,) if notes else ())


FAKE = readers.Reader("fake", (".fake",), __name__, pairs_notes_file=True)


@pytest.fixture(autouse=True)
def fake_reader(monkeypatch):
    monkeypatch.setattr(readers, "READERS", (*readers.READERS, FAKE))


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


CLEAN = "Body text.[1] More.[2]\n\n1) First note.\n2) Second note.\n"
# Marker 2 has no note (CC101, error); note 3 has no marker (CC102, warning).
FINDINGS = "Body text.[1] More.[2]\n\n1) First note.\n3) Third note.\n"


def test_clean_file_exits_0_and_writes_both_reports(project):
    (project / "ch1.fake").write_text(CLEAN)
    result = invoke("run", "ch1.fake")
    assert result.exit_code == 0, result.output
    assert result.stdout == "0 errors, 0 warnings in 1 document (2 markers, 2 notes)\n"
    data = json.loads((project / "reports" / "citecheck.json").read_text())
    assert data["summary"]["markers"] == 2
    assert (project / "reports" / "citecheck.txt").read_text() == result.stdout
    assert sorted(p.name for p in (project / "reports").iterdir()) == sorted(name for name, _ in REPORT_FILES)


def test_findings_exit_1_and_fail_on(project):
    (project / "ch1.fake").write_text(FINDINGS)
    result = invoke("run", "ch1.fake")
    assert result.exit_code == 1
    assert "ch1.fake:1:20: CC101 [missing-note] marker 2 has no note" in result.stdout
    assert "ch1.fake:4:1: CC102 [unreferenced-note]" in result.stdout
    assert " 1 | Body text.[1] More.[2]\n   |                    ^^^\n" in result.stdout
    assert result.stdout.endswith("1 error, 1 warning in 1 document (2 markers, 2 notes)\n")
    assert "\x1b" not in result.stdout  # not a terminal: no colour
    assert invoke("run", "ch1.fake", "--fail-on", "never").exit_code == 0
    assert invoke("run", "ch1.fake", "--ignore", "CC101").exit_code == 0
    assert invoke("run", "ch1.fake", "--ignore", "CC101", "--fail-on", "warning").exit_code == 1
    only = invoke("run", "ch1.fake", "--select", "CC102")
    assert only.exit_code == 0
    assert "CC101" not in only.stdout and "CC102" in only.stdout


def test_json_format_on_stdout(project):
    (project / "ch1.fake").write_text(FINDINGS)
    result = invoke("run", "ch1.fake", "--format", "json", "--output-dir", "")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["schema"] == "citecheck-report/1"
    assert data["tool"] == {"name": "citecheck", "version": citecheck.__version__}
    assert [d["code"] for d in data["diagnostics"]] == ["CC101", "CC102"]
    assert data["diagnostics"][0]["line"] == 1 and data["diagnostics"][0]["column"] == 20
    assert not (project / "reports").exists()  # --output-dir "" writes nothing


def test_missing_file_is_cc001_and_exit_2(project):
    (project / "ch1.fake").write_text(CLEAN)
    result = invoke("run", "ch1.fake", "nope.txt")
    assert result.exit_code == 2
    assert "nope.txt:1:1: CC001 [unreadable-file] cannot read nope.txt: No such file or directory" in result.stdout
    assert "Traceback" not in result.output
    assert (project / "reports" / "citecheck.json").exists()


def test_unknown_suffix_is_cc003_and_exit_2(project):
    (project / "thesis.odt").write_bytes(b"PK\x03\x04")
    result = invoke("run", "thesis.odt")
    assert result.exit_code == 2
    assert "thesis.odt:1:1: CC003 [unknown-format] no reader for .odt files" in result.stdout


def test_missing_bibliography_is_cc001(project):
    (project / "ch1.fake").write_text(CLEAN)
    result = invoke("run", "ch1.fake", "--bib", "refs.bib")
    assert result.exit_code == 2
    assert "refs.bib:1:1: CC001" in result.stdout
    (project / "refs.bib").write_text("@book{a, title={A}}\n")
    assert invoke("run", "ch1.fake", "--bib", "refs.bib").exit_code == 0


def test_reader_failure_is_a_finding_not_a_traceback(project):
    (project / "bad.fake").write_text("x\ny\nRAISE\n")
    result = invoke("run", "bad.fake")
    assert result.exit_code == 2
    assert "bad.fake:1:1: CC001 [unreadable-file]" in result.stdout
    assert "the fake reader failed: cannot make sense of line 3" in result.stdout
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_config_error_exits_2_naming_file_and_line(project):
    (project / "ch1.fake").write_text(CLEAN)
    (project / "pyproject.toml").write_text('[tool.citecheck]\nsources = ["ch1.fake"]\nfail_on = "warning"\n')
    result = invoke("run")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "pyproject.toml:3: CC004 [config-error] unknown key 'fail_on'" in result.stderr
    assert "did you mean 'fail-on'" in result.stderr
    assert "Traceback" not in result.output


def test_bad_toml_exits_2_with_line(project):
    (project / "pyproject.toml").write_text('[tool.citecheck]\nsources = ["a.fake"\n')
    result = invoke("run")
    assert result.exit_code == 2
    assert re.search(r"pyproject\.toml:\d+: CC004 \[config-error\] invalid TOML", result.stderr)


def test_bad_flag_value_exits_2(project):
    (project / "ch1.fake").write_text(CLEAN)
    result = invoke("run", "ch1.fake", "--select", "CC1,XX")
    assert result.exit_code == 2
    assert "--select: CC004 [config-error] unknown code 'XX'" in result.stderr
    assert invoke("run", "ch1.fake", "--fail-on", "sometimes").exit_code == 2  # click's own check


def test_nothing_to_check_exits_2(project):
    result = invoke("run")
    assert result.exit_code == 2
    assert "nothing to check" in result.stderr


def test_sources_settings_from_pyproject(project):
    (project / "chapters").mkdir()
    (project / "chapters" / "a.fake").write_text(FINDINGS)
    (project / "chapters" / "b.fake").write_text(CLEAN)
    (project / "pyproject.toml").write_text(
        '[tool.citecheck]\nsources = ["chapters/*.fake", "missing/*.fake"]\noutput-dir = "out"\nfail-on = "never"\n'
        '[tool.citecheck.per-file-ignores]\n"chapters/a.fake" = ["CC102"]\n'
    )
    (project / "sub").mkdir()
    os.chdir(project / "sub")
    result = invoke("run")
    assert result.exit_code == 2  # the glob that matches nothing is CC001
    assert "CC001 [unreadable-file] cannot read" in result.stdout
    assert "no file matches the sources pattern 'missing/*.fake'" in result.stdout
    assert "../chapters" not in result.stdout
    assert f"{(project / 'chapters' / 'a.fake').as_posix()}:1:20: CC101" in result.stdout
    assert "CC102" not in result.stdout  # per-file-ignores, matched relative to the project root
    assert (project / "out" / "citecheck.json").exists()


def test_paths_relative_to_the_working_folder_are_shown_relative(project):
    (project / "chapters").mkdir()
    (project / "chapters" / "a.fake").write_text(FINDINGS)
    result = invoke("run", "chapters")
    assert result.exit_code == 1
    assert "chapters/a.fake:1:20: CC101" in result.stdout


def test_folder_argument_skips_hidden_files_and_the_reports(project):
    (project / "book").mkdir()
    (project / "book" / "a.fake").write_text(CLEAN)
    (project / "book" / ".hidden.fake").write_text(FINDINGS)
    (project / "book" / "image.png").write_bytes(b"\x89PNG")
    result = invoke("run", "book", "--output-dir", "book/reports")
    assert result.exit_code == 0, result.output
    assert "in 1 document" in result.stdout
    (project / "book" / "reports" / "extra.txt").write_text("Not a manuscript.[3]\n")
    again = invoke("run", "book", "--output-dir", "book/reports")
    assert "in 1 document" in again.stdout


def test_duplicates_are_checked_once(project):
    (project / "a.fake").write_text(FINDINGS)
    result = invoke("run", "a.fake", "./a.fake", str(project / "a.fake"))
    assert "in 1 document" in result.stdout
    assert result.stdout.count("CC101") == 1


def test_inline_suppressions(project):
    text = (
        "Body text.[1] More.[2] <!-- citecheck: ignore[CC101] -->\n"
        "\n"
        "1) First note.\n"
        "<!-- citecheck: ignore[CC102] -->\n"
        "3) Third note.\n"
    )
    (project / "ch1.fake").write_text(text)
    result = invoke("run", "ch1.fake")
    assert result.exit_code == 0, result.stdout
    assert "CC10" not in result.stdout


def test_ignore_file_suppression(project):
    (project / "ch1.fake").write_text(FINDINGS + "% citecheck: ignore-file[CC1]\n")
    assert invoke("run", "ch1.fake").exit_code == 0


def test_notes_files_pairing(project):
    (project / "ch1.fake").write_text("Body.[1] Then.[2]\n")
    (project / "notes1.fake").write_text("1) First.\n3) Third.\n")
    (project / "pyproject.toml").write_text(
        '[tool.citecheck]\nsources = ["*.fake"]\n[tool.citecheck.notes-files]\n"ch1.fake" = "notes1.fake"\n'
    )
    result = invoke("run", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [d["path"] for d in data["documents"]] == ["ch1.fake"]  # the notes file is not a document
    assert data["documents"][0]["notes"][0]["path"] == "notes1.fake"
    assert {(d["code"], d["path"], d["line"]) for d in data["diagnostics"]} == {
        ("CC101", "ch1.fake", 1),
        ("CC102", "notes1.fake", 2),
    }
    text = invoke("run").stdout
    assert "notes1.fake:2:1: CC102 [unreferenced-note]" in text
    assert " 2 | 3) Third.\n" in text


def test_missing_notes_file_is_cc001(project):
    (project / "ch1.fake").write_text("Body.[1]\n")
    (project / "pyproject.toml").write_text('[tool.citecheck.notes-files]\n"ch1.fake" = "gone.fake"\n')
    result = invoke("run", "ch1.fake")
    assert result.exit_code == 2
    assert "gone.fake:1:1: CC001" in result.stdout
    assert "the notes file of ch1.fake" in result.stdout


def test_reports_are_written_atomically(project, monkeypatch):
    (project / "ch1.fake").write_text(FINDINGS)
    (project / "reports").mkdir()
    (project / "reports" / "citecheck.json").write_text("old")
    renames = []
    real_replace = os.replace

    def spy(source, target):
        renames.append((Path(source), Path(target), Path(source).read_text()))
        return real_replace(source, target)

    monkeypatch.setattr(files.os, "replace", spy)
    result = invoke("run", "ch1.fake")
    assert result.exit_code == 1
    assert [target.name for _, target, _ in renames] == [name for name, _ in REPORT_FILES]
    for source, target, content in renames:
        assert source.parent == target.parent  # same folder: the rename is atomic
        assert source != target
        assert target.read_text() == content
        assert not source.exists()
    assert json.loads((project / "reports" / "citecheck.json").read_text())["summary"]["errors"] == 1
    assert sorted(p.name for p in (project / "reports").iterdir()) == sorted(name for name, _ in REPORT_FILES)


def test_failed_write_leaves_the_old_report_and_no_temporary_file(project, monkeypatch):
    (project / "ch1.fake").write_text(CLEAN)
    (project / "reports").mkdir()
    (project / "reports" / "citecheck.json").write_text("old")

    def broken(source, target):
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr(files.os, "replace", broken)
    result = invoke("run", "ch1.fake")
    assert result.exit_code == 2
    assert "cannot write reports into reports" in result.stderr
    assert (project / "reports" / "citecheck.json").read_text() == "old"
    assert sorted(p.name for p in (project / "reports").iterdir()) == ["citecheck.json"]


def test_output_dir_cannot_be_an_input_file(project):
    (project / "ch1.fake").write_text(CLEAN)
    result = invoke("run", "ch1.fake", "--output-dir", "ch1.fake")
    assert result.exit_code == 2
    assert "cannot write reports into ch1.fake: it is an input file" in result.stderr
    assert (project / "ch1.fake").read_text() == CLEAN


def test_a_report_never_overwrites_an_input(project, monkeypatch):
    monkeypatch.setattr(readers, "READERS", (*readers.READERS, readers.Reader("j", (".json",), __name__, False)))
    (project / "out").mkdir()
    (project / "out" / "citecheck.json").write_text(CLEAN)
    result = invoke("run", "out/citecheck.json", "--output-dir", "out")
    assert result.exit_code == 2
    assert "refusing to write out/citecheck.json: it is one of the input files" in result.stderr
    assert (project / "out" / "citecheck.json").read_text() == CLEAN
    assert not (project / "out" / "citecheck.txt").exists()


def test_output_dir_that_is_a_file(project):
    (project / "ch1.fake").write_text(CLEAN)
    (project / "reports").write_text("a file")
    result = invoke("run", "ch1.fake")
    assert result.exit_code == 2
    assert "it is a file, not a directory" in result.stderr


def test_extract_json_and_text(project):
    (project / "ch1.fake").write_text(FINDINGS)
    result = invoke("extract", "ch1.fake")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert len(data["documents"]) == 1
    document = data["documents"][0]
    assert [m["number"] for m in document["markers"]] == [1, 2]
    assert [n["number"] for n in document["notes"]] == [1, 3]
    assert {d["code"] for d in data["diagnostics"]} == {"CC101", "CC102"}
    text = invoke("extract", "--format", "text", "ch1.fake")
    assert text.exit_code == 0
    assert text.stdout.startswith("ch1.fake (fake): 2 markers, 2 notes, 0 citations\n")
    assert "Markers" in text.stdout and "Notes" in text.stdout
    assert not (project / "reports").exists()


def test_extract_missing_and_unknown(project):
    assert invoke("extract", "nope.fake").exit_code == 2
    (project / "x.odt").write_bytes(b"")
    result = invoke("extract", "--format", "text", "x.odt")
    assert result.exit_code == 2
    assert "CC003" in result.stdout


def test_rules_listing(project):
    result = invoke("rules")
    assert result.exit_code == 0
    for code in ("CC001", "CC002", "CC003", "CC101", "CC105", "CC108"):
        assert re.search(rf"^{code} [a-z-]+ \((error|warning|info)\)$", result.stdout, re.M), code
    assert "CC004 config-error" in result.stdout
    one = invoke("rules", "CC105")
    assert one.exit_code == 0
    assert one.stdout.startswith("CC105 probable-misread (warning)\n")
    assert "Example" in one.stdout and "CC101" not in one.stdout
    assert "CC106" in invoke("rules", "CC10").stdout
    assert invoke("rules", "missing-note").stdout.startswith("CC101 missing-note (error)")
    unknown = invoke("rules", "CC999")
    assert unknown.exit_code == 2
    assert "unknown rule CC999" in unknown.stderr
    assert "config-error" in invoke("rules", "CC004").stdout


def test_version(project):
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"citecheck {citecheck.__version__}\n"


def test_usage_error_exits_2(project):
    assert invoke("run", "--format", "xml").exit_code == 2
    assert invoke("frobnicate").exit_code == 2


def _script() -> str:
    script = Path(sys.executable).with_name("citecheck")
    if not script.exists():
        pytest.skip("the citecheck script is not installed next to this interpreter")
    return str(script)


def test_installed_script(tmp_path):
    script = _script()
    env = {**os.environ, "NO_COLOR": "1"}
    version = subprocess.run([script, "--version"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert version.returncode == 0
    assert version.stdout.strip() == f"citecheck {citecheck.__version__}"
    (tmp_path / "essay.txt").write_text("A plain sentence without any notes at all.\n", encoding="utf-8")
    clean = subprocess.run([script, "run", "essay.txt"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert clean.stdout.endswith("0 errors, 0 warnings in 1 document (0 markers, 0 notes)\n")
    assert (tmp_path / "reports" / "citecheck.txt").read_text(encoding="utf-8") == clean.stdout
    missing = subprocess.run([script, "run", "nope.txt"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert missing.returncode == 2
    assert "CC001" in missing.stdout
    assert "Traceback" not in missing.stderr
    (tmp_path / "pyproject.toml").write_text('[tool.citecheck]\nbogus = 1\n', encoding="utf-8")
    broken = subprocess.run([script, "run", "essay.txt"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert broken.returncode == 2
    assert "pyproject.toml:2: CC004" in broken.stderr
    assert "Traceback" not in broken.stderr


def test_colour_only_when_wanted(project):
    (project / "ch1.fake").write_text(FINDINGS)
    forced = CliRunner().invoke(main, ["run", "ch1.fake"], env={"FORCE_COLOR": "1", "NO_COLOR": None})
    assert "\x1b[" in forced.stdout
    assert "\x1b" not in (project / "reports" / "citecheck.txt").read_text()  # report files: never
    off = CliRunner().invoke(main, ["run", "ch1.fake"], env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b" not in off.stdout


def test_python_dash_m_citecheck_is_the_same_command():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "citecheck", "--version"], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.startswith("citecheck ")


def test_an_unexpected_exception_exits_2_with_one_line_asking_for_a_report(project, monkeypatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("injected\nsecond line")

    monkeypatch.setattr(pipeline, "run", broken)
    (project / "a.fake").write_text(CLEAN, encoding="utf-8")
    result = invoke("run", "a.fake", "--output-dir", "")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "internal error (ZeroDivisionError: injected)" in result.stderr and "please report" in result.stderr


@pytest.mark.parametrize("args", [("--help",), ("run", "--help"), ("rules",), ("--version",)])
def test_help_and_listings_exit_0(args):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.stderr
    assert result.stdout and "internal error" not in result.stderr


@pytest.mark.parametrize("args", [("run", "--help"), ("rules",), ("--help",)])
def test_a_reader_that_goes_away_ends_the_run_quietly(args):
    """``citecheck run --help | head -1``: the pipe is closed before citecheck writes; no
    message (neither "internal error" nor Python's at shutdown), and not the exit 2 of a bug."""
    child = subprocess.Popen(
        [sys.executable, "-m", "citecheck", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    child.stdout.close()  # the reader is gone before citecheck has started
    stderr = child.stderr.read()
    child.stderr.close()
    assert child.wait(timeout=60) == 1
    assert stderr == b""


def test_an_empty_select_is_refused_rather_than_checking_nothing(project):
    (project / "a.fake").write_text(FINDINGS, encoding="utf-8")
    result = invoke("run", "a.fake", "--select", "", "--output-dir", "")
    assert result.exit_code == 2 and "--select" in result.stderr and "check nothing" in result.stderr
    (project / "pyproject.toml").write_text("[tool.citecheck]\nselect = []\n", encoding="utf-8")
    result = invoke("run", "a.fake", "--output-dir", "")
    assert result.exit_code == 2 and "check nothing" in result.stderr


@pytest.mark.parametrize("label", ["²", "①", "¹²"])
def test_non_ascii_digits_as_footnote_labels_are_labels_not_a_crash(project, label):
    (project / "a.md").write_text(f"Text.[^{label}] More.[^3]\n\n[^{label}]: A note.\n", encoding="utf-8")
    result = invoke("run", "a.md", "--output-dir", "")
    assert result.exit_code == 1, result.output  # marker 3 has no note: a finding, not a crash
    assert "Traceback" not in result.output and "internal error" not in result.stderr


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_listing_summary_is_the_commands_own(name):
    """``citecheck --help`` lists the summaries of ``COMMANDS`` without loading the commands;
    each is the first sentence of its command's help, so the listing is what click would make."""
    command = main.get_command(click.Context(main), name)
    assert command is not None and command.name == name
    assert command.help.startswith(COMMANDS[name])
    for limit in (40, 74, 200):
        assert click.Command(name, help=COMMANDS[name]).get_short_help_str(limit) == command.get_short_help_str(limit)

