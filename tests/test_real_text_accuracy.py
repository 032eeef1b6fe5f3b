"""The accuracy reached on the dev split of the real-text corpora stays reached.

The texts are not committed (bench/corpora/chicago and bench/corpora/essays fetch them at pinned
commits); without them these tests skip. The floors are the dev figures of the closing note, a
little under them: a change that loses sources or attributions on real text fails here, not
only in `make accuracy`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import accuracy_mentions  # noqa: E402
import accuracy_notes  # noqa: E402


def _present(corpus: str) -> bool:
    texts = BENCH / "corpora" / corpus / "texts"
    return texts.is_dir() and any(texts.glob("*.md"))


@pytest.mark.skipif(not _present("chicago"), reason="notes corpus not fetched (bench/corpora/chicago/fetch.py)")
def test_note_sources_on_real_notes_dev():
    correct, total = accuracy_notes.note_accuracy(verbose=False)["dev"]
    assert total and correct / total >= 0.97


@pytest.mark.skipif(not _present("essays"), reason="essays corpus not fetched (bench/corpora/essays/fetch.py)")
def test_names_in_prose_on_real_essays_dev():
    dev = accuracy_mentions.real_essays(verbose=False)["dev"]
    assert dev.expected and dev.linked / dev.expected >= 0.8
    assert dev.wrong <= dev.found * 0.02
