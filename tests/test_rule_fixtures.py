"""Rule fixtures: ``tests/fixtures/rules/<CODE>/fail-*`` and ``pass-*`` files.

The findings for a file must equal the ``<!-- expect: CODE -->`` (or, in a ``.bib`` file,
``% expect: CODE``) annotations exactly, by line; a ``pass-`` file carries no annotation and
must produce no finding at all. Every rule runs on every fixture; a ``.bib`` fixture is the
bibliography of its context.
"""

from __future__ import annotations

import pytest

from citecheck.rules import all_rules, run_rules
from fixture_support import FIXTURES, fixture_paths, load_fixture

PATHS = fixture_paths("rules")
# Codes about files that cannot be read or have no reader: no fixture file can show them;
# tests/test_cli.py covers them.
NOT_SHOWN_BY_A_FILE = {"CC001", "CC003"}


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
