"""Fingerprints and `citecheck baseline` / `run --baseline`, on a git repository made by the test."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck.baseline import SCHEMA, Baseline, apply_baseline
from citecheck.fingerprints import fingerprint, fingerprints
from citecheck.cli import main
from citecheck.diagnostics import Diagnostic, Severity
from citecheck.report import Report
from citecheck.source import SourceFile

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

# Marker 3 has no note (CC101, line 5).
MANUSCRIPT = """# Chapter

First claim.[^1] Second claim.[^2]

Third claim.[^3] Fourth claim.[^4]

Plain prose without notes.

[^1]: Tucker, Stalin as Revolutionary, 12.
[^2]: Conquest, The Great Terror, 45.
[^4]: Service, Stalin, 7.
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """An empty git repository as the working folder, with an author so commits work anywhere."""
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    env = {
        "GIT_AUTHOR_NAME": "Test Author",
        "GIT_AUTHOR_EMAIL": "author@example.org",
        "GIT_COMMITTER_NAME": "Test Author",
        "GIT_COMMITTER_EMAIL": "author@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CEILING_DIRECTORIES": str(tmp_path.parent),
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    folder = tmp_path / "book"
    folder.mkdir()
    monkeypatch.chdir(folder)
    if shutil.which("git"):
        git(folder, "init", "-q")
    return folder


def commit(repo: Path, message: str = "edit") -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def codes(result) -> list[str]:
    return [d["code"] + f"@{d['line']}" for d in json.loads(result.stdout)["diagnostics"]]


def two_lines_report(text: str) -> tuple[Report, SourceFile]:
    source = SourceFile("a.md", text)
    diagnostics = []
    start = 0
    for line in text.splitlines(keepends=True):
        at = line.find("[^")
        if at >= 0:
            span = source.span(start + at, start + line.index("]", at) + 1)
            diagnostics.append(Diagnostic("CC101", "missing-note", Severity.ERROR, f"line {len(diagnostics)}", span))
        start += len(line)
    return Report(documents=(), diagnostics=tuple(diagnostics), sources={"a.md": source}), source


def test_fingerprint_survives_moved_lines_and_reindenting():
    report, source = two_lines_report("Claim.[^1] here\n")
    moved, moved_source = two_lines_report("\n\n\nA new line.\n   Claim.[^1]   here\n")
    assert fingerprint(report.diagnostics[0], source) == fingerprint(moved.diagnostics[0], moved_source)
    assert fingerprints(report) == fingerprints(moved)
    edited, edited_source = two_lines_report("Claim.[^1] there\n")
    assert fingerprint(edited.diagnostics[0], edited_source) != fingerprint(report.diagnostics[0], source)
    assert len(fingerprint(report.diagnostics[0], None)) == 32  # a file that was not read


def test_identical_findings_stay_distinct():
    report, _ = two_lines_report("Same.[^1]\nSame.[^1]\n")
    first, second = fingerprints(report)
    assert first != second
    assert first.rsplit(":", 1) == [second.rsplit(":", 1)[0], "0"] and second.endswith(":1")
    # The baseline is a multiset: one listed fingerprint hides one finding.
    kept, hidden = apply_baseline(report, Baseline("b.json", (first,)))
    assert hidden == 1 and kept.diagnostics == report.diagnostics[1:]
    kept, hidden = apply_baseline(report, Baseline("b.json", (first, first, second)))
    assert hidden == 2 and kept.diagnostics == ()


def test_sarif_carries_the_baseline_fingerprints():
    """One definition: code scanning and baselines match findings the same way."""
    from citecheck.reporters import sarif

    report, _ = two_lines_report("Same.[^1]\nSame.[^1]\nOther.[^2]\n")
    results = json.loads(sarif.render(report, color=False))["runs"][0]["results"]
    assert [r["partialFingerprints"]["citecheck/v1"] for r in results] == fingerprints(report)


@needs_git
def test_baseline_hides_old_findings_even_when_lines_move(repo):
    (repo / "ch1.md").write_text(MANUSCRIPT)
    commit(repo, "manuscript")
    made = invoke("baseline", "ch1.md")
    assert made.exit_code == 0, made.output
    assert made.stdout == "wrote 1 finding to citecheck-baseline.json\n"
    data = json.loads((repo / "citecheck-baseline.json").read_text())
    assert data["schema"] == SCHEMA
    [finding] = data["findings"]
    assert finding["code"] == "CC101" and finding["path"] == "ch1.md" and finding["line"] == 5
    assert finding["message"].startswith("marker 3 has no note")
    assert set(finding) == {"fingerprint", "code", "path", "line", "message"}
    commit(repo, "baseline")

    before = invoke("run", "ch1.md", "--output-dir", "")
    assert before.exit_code == 1 and "CC101" in before.stdout
    hidden = invoke("run", "ch1.md", "--output-dir", "", "--baseline", "citecheck-baseline.json")
    assert hidden.exit_code == 0, hidden.output
    assert hidden.stdout.endswith(
        "0 errors, 0 warnings in 1 document (4 markers, 3 notes, 3 citations)\n"
        "citations not checked: no bibliography\n1 hidden by the baseline citecheck-baseline.json\n"
    )

    # Blank lines and a heading above: every line moves, the baseline still matches.
    (repo / "ch1.md").write_text("# Part one\n\n\n\n" + MANUSCRIPT)
    moved = invoke("run", "ch1.md", "--output-dir", "", "--baseline", "citecheck-baseline.json", "--format", "json")
    assert moved.exit_code == 0, moved.output
    assert codes(moved) == []
    assert "1 hidden by the baseline" in moved.stderr  # not in the JSON on standard output

    # A new problem: only it is reported.
    (repo / "ch1.md").write_text(("# Part one\n\n\n\n" + MANUSCRIPT).replace("without notes.", "without notes.[^9]"))
    new = invoke("run", "ch1.md", "--output-dir", "", "--baseline", "citecheck-baseline.json", "--format", "json")
    assert new.exit_code == 1
    assert codes(new) == ["CC101@11", "CC103@11"]  # marker 9 has no note; 5-8 are missing


@needs_git
def test_baseline_setting_in_pyproject_and_turning_it_off(repo):
    (repo / "pyproject.toml").write_text('[tool.citecheck]\nsources = ["ch1.md"]\nbaseline = "old.json"\noutput-dir = ""\n')
    (repo / "ch1.md").write_text(MANUSCRIPT)
    made = invoke("baseline")
    assert made.exit_code == 0, made.output
    assert made.stdout == "wrote 1 finding to old.json\n"  # the configured file is the default target
    assert invoke("run").exit_code == 0
    assert invoke("run", "--baseline", "").exit_code == 1
    other = invoke("baseline", "-o", "sub.json")
    assert other.exit_code == 0 and (repo / "sub.json").exists()


@needs_git
def test_missing_or_malformed_baseline_exits_2(repo):
    (repo / "ch1.md").write_text(MANUSCRIPT)
    missing = invoke("run", "ch1.md", "--baseline", "nope.json")
    assert missing.exit_code == 2
    assert "baseline file nope.json does not exist; make one with `citecheck baseline`" in missing.stderr
    (repo / "bad.json").write_text("{not json")
    bad = invoke("run", "ch1.md", "--baseline", "bad.json")
    assert bad.exit_code == 2 and "bad.json is not valid JSON" in bad.stderr
    (repo / "other.json").write_text('{"schema": "citecheck-report/1"}')
    other = invoke("run", "ch1.md", "--baseline", "other.json")
    assert other.exit_code == 2 and "is not a citecheck baseline" in other.stderr
    (repo / "nofp.json").write_text(json.dumps({"schema": SCHEMA, "findings": [{"code": "CC101"}]}))
    nofp = invoke("run", "ch1.md", "--baseline", "nofp.json")
    assert nofp.exit_code == 2 and "finding 1 has no \"fingerprint\"" in nofp.stderr


@needs_git
def test_baseline_refuses_unreadable_inputs_and_overwriting_an_input(repo):
    (repo / "ch1.md").write_text(MANUSCRIPT)
    broken = invoke("baseline", "ch1.md", "gone.md")
    assert broken.exit_code == 2
    assert "not writing a baseline: cannot check gone.md" in broken.stderr
    assert not (repo / "citecheck-baseline.json").exists()
    onto = invoke("baseline", "ch1.md", "-o", "ch1.md")
    assert onto.exit_code == 2 and "it is one of the input files" in onto.stderr
    assert (repo / "ch1.md").read_text() == MANUSCRIPT
