"""biblatex's own example documents with biblatex-examples.bib: CC201 only where biber also
reported a missing key (the truth is in bench/corpora/biblatex/documents.tsv).

The documents are not committed (LPPL, fetched by bench/corpora/biblatex/fetch.py); the tests
skip when they are absent. bench/biblatex_examples.py prints the same counts per split.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import biblatex_examples  # noqa: E402

PRESENT = (biblatex_examples.TEXTS / "biblatex-examples.bib").exists()
DOCUMENTS = biblatex_examples.documents()


def test_the_manifest_lists_every_example_once_with_its_split():
    names = [document.name for document in DOCUMENTS]
    assert len(names) == len(set(names)) == 52
    assert {document.split for document in DOCUMENTS} == {"dev", "test"}


@pytest.mark.skipif(not PRESENT, reason="biblatex examples absent: run bench/corpora/biblatex/fetch.py")
@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda document: document.name)
def test_unknown_keys_are_the_ones_biber_missed(document, tmp_path):
    outcome = biblatex_examples.check(document, tmp_path)
    assert set(outcome.unknown) == document.biber_missing
