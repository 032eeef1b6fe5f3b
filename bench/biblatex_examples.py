"""CC201 on biblatex's own example documents against biber's truth.

    .venv/bin/python bench/biblatex_examples.py [--split dev|test|all] [--show]

Checks each of biblatex's 52 example documents (``bench/corpora/biblatex``, fetched by its
``fetch.py``) with the bibliographies the document names (``\\addbibresource``; a
``filecontents`` block is written out first, as LaTeX writes it), the code path of
``citecheck run DOC --bib A --bib B``, and once more as a user runs it in the examples' folder
(``citecheck run DOC``: the bibliographies the document names, ``\\jobname`` and
``filecontents`` read by citecheck), and compares the keys reported as CC201 (unknown-key)
with the keys biber reported missing when it processed the same document (``documents.tsv``,
column ``biber_missing``: pdflatex or lualatex, then biber 2.18, on every document; biber found
every key). Prints, per split, the documents, the CC201 findings, the false ones (a key biber
found) and the missed ones (a key biber did not find), and the CC211 (key-case-mismatch),
CC307 (unused-entry) and CC3xx counts. Exit status 1 on a false or missed CC201; 2 when the
corpus is absent.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from citecheck import pipeline
from citecheck.config import load_settings

CORPUS = Path(__file__).resolve().parent / "corpora" / "biblatex"
TEXTS = CORPUS / "texts"

_RESOURCE = re.compile(r"^[^%\n]*?\\addbibresource(?:\[[^\]]*\])?\{([^}]*)\}", re.MULTILINE)
_FILECONTENTS = re.compile(
    r"^\\begin\{filecontents\*?\}(?:\[[^\]]*\])?\{([^}]*)\}\n(.*?)^\\end\{filecontents\*?\}", re.MULTILINE | re.DOTALL
)


@dataclass(frozen=True, slots=True)
class Document:
    name: str
    split: str
    biber_missing: frozenset[str]


@dataclass(frozen=True, slots=True)
class Outcome:
    unknown: tuple[str, ...]  # the keys of the CC201 findings
    codes: Counter[str]


def documents() -> list[Document]:
    rows = []
    for line in (CORPUS / "documents.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, split, _, missing = line.split("\t")
            rows.append(Document(name, split, frozenset() if missing == "-" else frozenset(missing.split(","))))
    return rows


def bibliographies_of(name: str, text: str, folder: Path) -> list[Path]:
    """The document's bibliographies, its filecontents written into ``folder`` as LaTeX would."""
    written = {}
    for block in _FILECONTENTS.finditer(text):
        path = folder / block.group(1).replace("\\jobname", name)
        path.write_text(block.group(2), encoding="utf-8")
        written[path.name] = path
    resources = (resource.replace("\\jobname", name) for resource in _RESOURCE.findall(text))
    return [written.get(resource, TEXTS / resource) for resource in resources]


def check(document: Document, folder: Path, *, found_by_citecheck: bool = False) -> Outcome:
    """What ``citecheck run`` finds in ``document`` with its own bibliographies: given with
    ``--bib`` (filecontents written out first), or, ``found_by_citecheck``, as a user runs it
    in the examples' folder with no ``--bib``: the bibliographies the document names, its
    filecontents read where they stand."""
    source = TEXTS / f"{document.name}.tex"
    if found_by_citecheck:
        settings = load_settings(folder / "none.toml", cwd=folder, output_dir="")
        report = pipeline.run(settings, [source], cwd=TEXTS)
    else:
        bibs = bibliographies_of(document.name, source.read_text(encoding="utf-8"), folder)
        settings = load_settings(cwd=folder, bib=[str(b) for b in bibs], output_dir="")
        report = pipeline.run(settings, [source], cwd=folder)
    unknown = tuple(
        re.match(r"unknown key '(.*?)'", d.message).group(1) for d in report.diagnostics if d.code == "CC201"
    )
    return Outcome(unknown, Counter(d.code for d in report.diagnostics))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--show", action="store_true", help="print each false or missed CC201 (dev documents only)")
    arguments = parser.parse_args()
    if not (TEXTS / "biblatex-examples.bib").exists():
        print(f"corpus absent: run python {CORPUS / 'fetch.py'} first", file=sys.stderr)
        return 2
    wrong = 0
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "none.toml").write_text("", encoding="utf-8")
        for split, found_by_citecheck in (("dev", False), ("test", False), ("dev", True), ("test", True)):
            if arguments.split not in (split, "all"):
                continue
            chosen = [d for d in documents() if d.split == split]
            totals: Counter[str] = Counter()
            false = missed = 0
            for document in chosen:
                outcome = check(document, Path(folder), found_by_citecheck=found_by_citecheck)
                totals += outcome.codes
                found = set(outcome.unknown)
                document_false = [key for key in outcome.unknown if key not in document.biber_missing]
                document_missed = sorted(document.biber_missing - found)
                false += len(document_false)
                missed += len(document_missed)
                if arguments.show and split == "dev" and (document_false or document_missed):
                    print(f"  {document.name}: false {document_false} missed {document_missed}")
            wrong += false + missed
            how = "bibliographies found by citecheck" if found_by_citecheck else "--bib given"
            print(
                f"{split} ({how}): {len(chosen)} documents, CC201 {totals['CC201']} (false {false}, missed {missed}; "
                f"biber missing {sum(len(d.biber_missing) for d in chosen)}), CC211 {totals['CC211']}, "
                f"CC307 {totals['CC307']}, CC3xx {sum(n for code, n in totals.items() if code.startswith('CC3'))}"
            )
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
