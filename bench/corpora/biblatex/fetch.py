"""Fetch biblatex's example documents and biblatex-examples.bib into texts/ (not committed).

    python bench/corpora/biblatex/fetch.py                 # from GitHub, at the pinned commit
    python bench/corpora/biblatex/fetch.py --from DIR      # from a local clone (git directory)

The files are biblatex's own (LPPL 1.3, see MANIFEST.md): every ``.tex``, ``.bib`` and ``.dbx``
of ``doc/latex/biblatex/examples`` and ``bibtex/bib/biblatex/biblatex-examples.bib``, all at
:data:`COMMIT`, unmodified. The bench (``bench/biblatex_examples.py``) and its test skip when
they are absent.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import urllib.request
from pathlib import Path

HERE = Path(__file__).parent
REPOSITORY = "plk/biblatex"
COMMIT = "d11aa549d8485dd87f97026c7aeaeb46b20b3a6d"
EXAMPLES = "doc/latex/biblatex/examples/"
SHARED_BIB = "bibtex/bib/biblatex/biblatex-examples.bib"
EXTRA_FILES = ("95-customlists.bib", "95-customlists.dbx", "93-nameparts.dbx", "97-annotations.bib")
RAW = "https://raw.githubusercontent.com/{repository}/{commit}/{path}"


def wanted() -> list[str]:
    """The repository paths to fetch: each document of documents.tsv, its extra files, the .bib."""
    names = []
    for line in (HERE / "documents.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            names.append(f"{EXAMPLES}{line.split(chr(9))[0]}.tex")
    return [*names, *(EXAMPLES + name for name in EXTRA_FILES), SHARED_BIB]


def from_clone(git_dir: Path, path: str) -> bytes:
    return subprocess.run(
        ["git", "--git-dir", str(git_dir), "show", f"{COMMIT}:{path}"], check=True, capture_output=True
    ).stdout


def from_github(path: str) -> bytes:
    with urllib.request.urlopen(RAW.format(repository=REPOSITORY, commit=COMMIT, path=path), timeout=60) as response:
        return response.read()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--from", dest="clone", type=Path, help="a local git directory of plk/biblatex")
    arguments = parser.parse_args()
    target = HERE / "texts"
    target.mkdir(exist_ok=True)
    status = 0
    for path in wanted():
        try:
            data = from_clone(arguments.clone, path) if arguments.clone else from_github(path)
        except (OSError, subprocess.CalledProcessError) as error:
            print(f"{path}: {error}", file=sys.stderr)
            status = 1
            continue
        (target / path.rsplit("/", 1)[1]).write_bytes(data)
    print(f"{len(wanted())} files in {target}" if status == 0 else "some files are missing", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
