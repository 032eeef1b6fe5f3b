"""Fetch the real documents of this corpus into texts/ (they are not committed; see MANIFEST.md).

    python bench/corpora/chicago/fetch.py

Each document listed in documents.tsv is downloaded from GitHub at its pinned commit, and only
its notes section is kept: from the ``# Endnotes`` (or ``# End Notes``) heading to the end of the
file, the part the answer key (answers.tsv) covers. Needs network access; the accuracy bench and tests skip
documents that are absent.
"""

from __future__ import annotations

import re
import sys
import urllib.request
from pathlib import Path

HERE = Path(__file__).parent
RAW = "https://raw.githubusercontent.com/{repository}/{commit}/{path}"
NOTES_HEADING = re.compile(r"^# End ?[Nn]otes", re.MULTILINE)


def documents() -> list[dict[str, str]]:
    rows = []
    for line in (HERE / "documents.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, split, repository, commit, path, licence = line.split("\t")
            rows.append({"name": name, "split": split, "repository": repository, "commit": commit, "path": path})
    return rows


def notes_section(text: str) -> str:
    heading = NOTES_HEADING.search(text)
    if heading is None:
        raise ValueError("no '# Endnotes' heading")
    return text[heading.start():]


def main() -> int:
    (HERE / "texts").mkdir(exist_ok=True)
    status = 0
    for row in documents():
        url = RAW.format(**row)
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                text = response.read().decode("utf-8")
            (HERE / "texts" / f"{row['name']}.md").write_text(notes_section(text), encoding="utf-8")
            print(f"fetched {row['name']}")
        except (OSError, ValueError) as error:
            print(f"{row['name']}: {error}", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
