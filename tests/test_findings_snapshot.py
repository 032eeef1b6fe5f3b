"""Every fixture, corpus and the example give the findings stored in ``tests/golden/findings``.

A diff here means a finding, a position, a document's markers, notes or citations, or an exit
status changed. If the change is meant, rewrite the snapshot with ``make snapshot`` and review
the diff of ``tests/golden/findings`` before committing it.
"""

from __future__ import annotations

import difflib

import pytest

from findings_snapshot import GOLDEN, cases, render, stored_names

CASES = cases()


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_findings_match_the_snapshot(case):
    assert case.golden.exists(), f"no snapshot for {case.name}: run `make snapshot`"
    stored = case.golden.read_text(encoding="utf-8")
    current = render(case)
    if current != stored:
        diff = difflib.unified_diff(
            stored.splitlines(keepends=True),
            current.splitlines(keepends=True),
            f"stored {case.golden.relative_to(GOLDEN.parent)}",
            "current run",
        )
        pytest.fail("findings changed (`make snapshot` if meant):\n" + "".join(diff), pytrace=False)


def test_the_snapshot_holds_exactly_the_cases():
    assert stored_names() == {case.name for case in CASES}, "stale or missing snapshots: run `make snapshot`"
