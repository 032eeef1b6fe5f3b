"""Fetch the real documents of this corpus into texts/ (they are not committed; see MANIFEST.md).

    python bench/corpora/chicago/fetch.py [--from-git OWNER/NAME=DIR ...]

Each document listed in documents.tsv is downloaded from GitHub at its pinned commit (or read
from a local clone). A lesson keeps only its notes section, from the ``# Endnotes`` (or ``# End
Notes``, or ``## Endnotes``) heading to the end of the file, the part the answer key (answers.tsv) covers; a
document with no such heading (an essay whose notes follow its text) is kept whole. Needs
network access or the clones; the accuracy bench and tests skip documents that are absent.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from fetching import main  # noqa: E402

NOTES_HEADING = re.compile(r"^##? End ?[Nn]otes", re.MULTILINE)


def notes_section(text: str) -> str:
    heading = NOTES_HEADING.search(text)
    return text if heading is None else text[heading.start():]


if __name__ == "__main__":
    sys.exit(main(Path(__file__).parent, notes_section, __doc__))
