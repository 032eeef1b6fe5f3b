"""Fetching the documents a corpus lists in its documents.tsv, each at a pinned commit.

A row gives the document's name, split, repository, commit, path and licence. ``main`` reads each
document from GitHub (or from a local clone with ``--from-git OWNER/NAME=DIR``), lets the corpus
keep the part it measures, and writes it to ``texts/<name>.md`` (ignored by git: a corpus commits
its answers and bibliographies, never texts it may not).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

RAW = "https://raw.githubusercontent.com/{repository}/{commit}/{path}"
COLUMNS = ("name", "split", "repository", "commit", "path", "licence")


def documents(folder: Path) -> list[dict[str, str]]:
    """The rows of ``folder/documents.tsv``."""
    rows = []
    for line in (folder / "documents.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(dict(zip(COLUMNS, line.split("\t"))))
    return rows


def _from_github(row: dict[str, str]) -> str:
    # a path may hold spaces (unm-historiography/2019-fall's "Annales School/s-rick.md")
    with urllib.request.urlopen(RAW.format(**{**row, "path": urllib.parse.quote(row["path"])}), timeout=60) as response:
        return response.read().decode("utf-8")


def _from_git(clone: str, row: dict[str, str]) -> str:
    where = ["-C", clone] if (Path(clone) / ".git").exists() else ["--git-dir", clone]
    shown = subprocess.run(["git", *where, "show", f"{row['commit']}:{row['path']}"], check=True, capture_output=True)
    return shown.stdout.decode("utf-8")


def main(folder: Path, keep: Callable[[str], str], doc: str) -> int:
    """Fetch every document of ``folder`` into its texts/, keeping ``keep(text)``; exit status 1
    when one could not be fetched or kept."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--from-git", action="append", default=[], metavar="OWNER/NAME=DIR",
                        help="read that repository from a local clone (or bare mirror) holding the pinned commits")
    options = parser.parse_args()
    clones = dict(item.split("=", 1) for item in options.from_git)
    (folder / "texts").mkdir(exist_ok=True)
    status = 0
    for row in documents(folder):
        try:
            clone = clones.get(row["repository"])
            text = _from_git(clone, row) if clone else _from_github(row)
            (folder / "texts" / f"{row['name']}.md").write_text(keep(text), encoding="utf-8")
            print(f"fetched {row['name']}")
        except (OSError, ValueError, subprocess.CalledProcessError) as error:
            print(f"{row['name']}: {error}", file=sys.stderr)
            status = 1
    return status
