"""Fetch the essays listed in documents.tsv into texts/ (not committed; see MANIFEST.md).

    python bench/corpora/essays/fetch.py [--from-git OWNER/NAME=DIR ...]

Each essay is downloaded from GitHub at its pinned commit (or read from a local clone) and kept
whole: the answer key's line numbers are those of that exact text. The repository states no
licence, so its essays are measured here, never copied into the project;
bench/accuracy_mentions.py reads what is there and names what is absent.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from fetching import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(Path(__file__).parent, lambda text: text, __doc__))
