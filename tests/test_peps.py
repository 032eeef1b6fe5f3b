"""Every Python Enhancement Proposal reads with no footnote finding: they build without a
warning, so any CC1xx finding on them is a false one. The collection is fetched by
bench/corpora/peps/fetch.py (not committed); the test skips when it is not there."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.pipeline import read_document
from citecheck.readers import reader_for
from citecheck.rules import Context, all_rules, run_rules
from citecheck.source import read_source

TEXTS = Path(__file__).resolve().parents[1] / "bench" / "corpora" / "peps" / "texts"
PEPS = sorted(TEXTS.glob("pep-*.rst")) if TEXTS.is_dir() else []


@pytest.mark.skipif(not PEPS, reason="the PEPs are not fetched (bench/corpora/peps/fetch.py)")
def test_no_pep_has_a_footnote_finding():
    rules = [rule for rule in all_rules() if rule.code.startswith("CC1")]
    findings = []
    markers = 0
    for path in PEPS:
        source = read_source(path, path.name)
        document = read_document(reader_for(path), source)
        markers += len(document.markers)
        findings += [f"{path.name}:{source.locate(d.span).line}: {d.code} {d.message}" for d in run_rules(Context.of((document,)), rules)]
    assert findings == []
    assert markers > 0  # the references were read, not passed over
