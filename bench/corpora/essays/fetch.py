"""Fetch the essays listed in documents.tsv into texts/ (not committed; see MANIFEST.md).

    python bench/corpora/essays/fetch.py                   # from GitHub, at the pinned commit
    python bench/corpora/essays/fetch.py --from-git DIR    # from a clone (or bare mirror) of the repository

The repository states no licence, so its essays are measured here, never copied into the
project. Each file is checked against its sha256 in documents.tsv (the answer key's line
numbers are those of that exact text); bench/accuracy_mentions.py reads what is there and names
what is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import urllib.request
from pathlib import Path

HERE = Path(__file__).parent
TEXTS = HERE / "texts"
RAW = "https://raw.githubusercontent.com/{repository}/{commit}/{path}"


def documents() -> tuple[str, str, list[dict[str, str]]]:
    """The repository, the pinned commit, and one row per document (name, split, path, sha256)."""
    repository = commit = ""
    rows = []
    for line in (HERE / "documents.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("# repository "):
            repository, commit = line.split()[2:4]
        elif line.strip() and not line.startswith("#"):
            name, split, path, digest = line.split("\t")
            rows.append({"name": name, "split": split, "path": path, "sha256": digest})
    return repository, commit, rows


def _from_github(repository: str, commit: str, path: str) -> bytes:
    with urllib.request.urlopen(RAW.format(repository=repository, commit=commit, path=path), timeout=60) as response:
        return response.read()


def _from_git(clone: str, commit: str, path: str) -> bytes:
    git_dir = ["--git-dir", clone] if not (Path(clone) / ".git").exists() else ["-C", clone]
    return subprocess.run(["git", *git_dir, "show", f"{commit}:{path}"], check=True, capture_output=True).stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from-git", metavar="DIR", help="a clone (or bare mirror) holding the pinned commit")
    options = parser.parse_args()
    repository, commit, rows = documents()
    TEXTS.mkdir(exist_ok=True)
    status = 0
    for row in rows:
        try:
            data = (_from_git(options.from_git, commit, row["path"]) if options.from_git
                    else _from_github(repository, commit, row["path"]))
        except (OSError, subprocess.CalledProcessError) as error:
            print(f"{row['name']}: {error}", file=sys.stderr)
            status = 1
            continue
        if hashlib.sha256(data).hexdigest() != row["sha256"]:
            print(f"{row['name']}: sha256 differs from documents.tsv", file=sys.stderr)
            status = 1
            continue
        (TEXTS / f"{row['name']}.md").write_bytes(data)
        print(f"fetched {row['name']}")
    return status


if __name__ == "__main__":
    sys.exit(main())
