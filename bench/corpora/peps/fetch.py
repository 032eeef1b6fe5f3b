"""Fetch the Python Enhancement Proposals listed in MANIFEST.tsv into texts/ (not committed).

    python bench/corpora/peps/fetch.py                   # from GitHub, at the pinned commit
    python bench/corpora/peps/fetch.py --from-git DIR    # from a clone of python/peps

Every PEP is public domain or CC0-1.0-Universal (each says so in its Copyright section). Each
file is checked against its sha256 in the manifest; bench/peps.py and tests/test_peps.py read
what is there and skip when nothing is.
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
RAW = "https://raw.githubusercontent.com/python/peps/{commit}/peps/{name}"


def manifest() -> tuple[str, list[tuple[str, str, str]]]:
    """The pinned commit and the (name, split, sha256) rows."""
    lines = (HERE / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()
    commit = lines[0].split(" at ", 1)[1].split(":", 1)[0]
    rows = [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]
    return commit, rows  # type: ignore[return-value]


def _from_github(commit: str, name: str) -> bytes:
    with urllib.request.urlopen(RAW.format(commit=commit, name=name), timeout=60) as response:
        return response.read()


def _from_git(clone: str, commit: str, name: str) -> bytes:
    return subprocess.run(["git", "-C", clone, "show", f"{commit}:peps/{name}"], check=True, capture_output=True).stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from-git", metavar="DIR", help="a clone (or bare mirror) of python/peps holding the pinned commit")
    options = parser.parse_args()
    commit, rows = manifest()
    TEXTS.mkdir(exist_ok=True)
    status = 0
    for name, _, digest in rows:
        try:
            data = _from_git(options.from_git, commit, name) if options.from_git else _from_github(commit, name)
        except (OSError, subprocess.CalledProcessError) as error:
            print(f"{name}: {error}", file=sys.stderr)
            status = 1
            continue
        if hashlib.sha256(data).hexdigest() != digest:
            print(f"{name}: sha256 differs from the manifest", file=sys.stderr)
            status = 1
            continue
        (TEXTS / name).write_bytes(data)
    print(f"{len(list(TEXTS.glob('*.rst')))} PEPs in {TEXTS}")
    return status


if __name__ == "__main__":
    sys.exit(main())
