"""Fetch the real Markdown documents of this corpus into texts/ (not committed; see MANIFEST.md).

    python bench/corpora/markdown-notes/fetch.py [--from-git OWNER/NAME=DIR ...]

Each document listed in documents.tsv is kept whole, at its pinned commit.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from fetching import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(Path(__file__).parent, lambda text: text, __doc__))
