"""Rule fixtures: ``tests/fixtures/rules/<CODE>/fail-*`` and ``pass-*`` files.

The findings for a file must equal the ``<!-- expect: CODE -->`` (or, in a ``.bib`` file,
``% expect: CODE``) annotations exactly, by line; a ``pass-`` file carries no annotation and
must produce no finding at all. Every rule runs on every fixture; a ``.bib`` fixture is the
bibliography of its context.
"""

from __future__ import annotations


import pytest

from citecheck import codes
from citecheck import rules as rules_registry
from citecheck.codes import CODES, REDIRECTS, Status
from citecheck.commands.rules import lookup
from citecheck.config import load_settings
from citecheck.rules import all_rules, run_rules
from citecheck.select import scan_suppressions
from citecheck.source import SourceFile
from fixture_support import FIXTURES, fixture_paths, load_fixture

PATHS = fixture_paths("rules")
# Codes about files that cannot be read, are refused or have no reader: no fixture file can
# show them; tests/test_cli.py and tests/test_docx_reader.py (CC005) cover them.
NOT_SHOWN_BY_A_FILE = {"CC001", "CC003", "CC005"}


def findings(path):
    """Each file of the case with its findings as sorted (line, code) pairs."""
    fixture = load_fixture(path)
    files = {f.source.path: f for f in (fixture, fixture.companion) if f is not None}
    found = {name: [] for name in files}
    for diagnostic in run_rules(fixture.context(), all_rules()):
        assert diagnostic.span.path in files, diagnostic
        source = files[diagnostic.span.path].source
        assert 0 <= diagnostic.span.start <= diagnostic.span.end <= len(source.text)
        found[diagnostic.span.path].append((source.locate(diagnostic.span).line, diagnostic.code))
    return fixture, {name: sorted(pairs) for name, pairs in found.items()}


@pytest.mark.parametrize("path", PATHS, ids=[f"{p.parent.name}/{p.name}" for p in PATHS])
def test_findings_match_the_annotations(path):
    fixture, found = findings(path)
    assert found == fixture.expectations_of_case()
    if path.name.startswith("pass-"):
        assert all(pairs == [] for pairs in found.values())


@pytest.mark.parametrize("rule", [r for r in all_rules() if r.code not in NOT_SHOWN_BY_A_FILE], ids=lambda r: r.code)
def test_every_rule_has_a_failing_and_a_passing_fixture(rule):
    folder = FIXTURES / "rules" / rule.code
    failing = sorted(folder.glob("fail-*"))
    passing = sorted(folder.glob("pass-*"))
    assert failing, f"no failing fixture for {rule.code} in {folder}"
    assert passing, f"no passing fixture for {rule.code} in {folder}"
    for path in failing:
        expected = load_fixture(path).expectations_of_case().values()
        codes = {code for pairs in expected for _, code in pairs}
        assert rule.code in codes, f"{path.name} does not expect {rule.code}"


def test_every_rule_has_documentation():
    for rule in all_rules():
        assert rule.summary, rule.code
        assert "Example" in rule.doc, f"{rule.code} docstring has no example"


def test_the_table_of_codes_and_the_registry_agree():
    """Every registered rule has its row (name and severity from it); every live rule row has a rule."""
    registered = {rule.code: rule for rule in all_rules()}
    live = {row.code: row for row in CODES.values() if not row.fatal and row.status is not Status.REMOVED}
    assert set(registered) == set(live)
    for code, rule in registered.items():
        assert (rule.name, rule.severity) == (live[code].name, live[code].severity)
    for row in CODES.values():
        if row.fatal:
            assert row.doc and "Example" in row.doc, f"{row.code} is fatal and needs its documentation in the table"


def test_redirects_lead_from_removed_codes_to_live_ones():
    for old, new in REDIRECTS.items():
        assert CODES[old].status is Status.REMOVED, f"{old} redirects but is not marked removed"
        assert new in CODES and CODES[new].status is not Status.REMOVED


def test_a_removed_code_cannot_be_registered(monkeypatch):
    removed = CODES["CC101"]._replace(code="CC199", status=Status.REMOVED)
    monkeypatch.setattr(rules_registry, "CODES", {**CODES, "CC199": removed})
    with pytest.raises(ValueError, match="CC199"):
        rules_registry.rule("CC199")
    with pytest.raises(ValueError, match="CC998"):
        rules_registry.rule("CC998")


def test_a_renamed_code_in_the_settings_means_its_new_code(monkeypatch, tmp_path):
    """A synthetic redirect: CC199 (removed) -> CC101, as a rename would leave it."""
    removed = CODES["CC101"]._replace(code="CC199", status=Status.REMOVED)
    monkeypatch.setattr(codes, "CODES", {**CODES, "CC199": removed})
    monkeypatch.setattr(codes, "REDIRECTS", {"CC199": "CC101"})
    settings = load_settings(cwd=tmp_path, select="CC199", ignore="cc199")
    assert settings.select == ("CC101",) and settings.ignore == ("CC101",)
    chosen, unknown = lookup(["CC199"])
    assert [entry.code for entry in chosen] == ["CC101"] and not unknown
    suppressed = scan_suppressions(SourceFile("a.md", "Text.[^1] <!-- citecheck: ignore[CC199] -->\n"))
    assert suppressed.suppresses("CC101", 1) and not suppressed.suppresses("CC102", 1)
