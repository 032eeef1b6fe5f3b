"""Export of every real .bib in the shared corpora: what the default export merges, file by file.

    .venv/bin/python bench/export_corpora.py [--merge] [--corpora DIR] [--quiet]

For each .bib under ``bibtex-tidy-bibs`` and ``bibtexparser-v1-testdata`` (``../shared/corpora``
or ``/work/shared/corpora``), loads it and runs the BibTeX export, then prints the entries merged
away per file (only files with a merge) and the totals: entries merged, merges whose two entries
disagree in some field (the export wrote a conflict comment for them), name lists whose name
parts changed, and files whose export of the export differs (not idempotent). Exit status 1 when
any of the last three is not zero (the promise of issue 12: nothing lost).
"""

from __future__ import annotations

import argparse
import inspect
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from citecheck.bib.export import export_bibtex, normalize_value  # noqa: E402
from citecheck.bib.load import load_bibliography, parse_bibliography  # noqa: E402
from citecheck.bib.sameness import split_names  # noqa: E402
from citecheck.source import SourceFile  # noqa: E402

CORPORA = ("bibtex-tidy-bibs", "bibtexparser-v1-testdata")


def corpus_root(given: str | None) -> Path | None:
    candidates = [Path(given)] if given else [ROOT.parent / "shared" / "corpora", Path("/work/shared/corpora")]
    return next((path for path in candidates if path.is_dir()), None)


def name_parts(bib):
    """(key, field) -> the name parts of every name list (split at ``and`` as BibTeX does; each
    name into first, von, last and jr parts by bibtexparser's parser)."""
    from bibtexparser.middlewares.names import parse_single_name_into_parts

    found = {}
    for entry in bib.entries:
        for item in entry.fields:
            if item.name in ("author", "editor"):
                try:
                    names = split_names(" ".join(item.value.split()))
                    parts = [parse_single_name_into_parts(name, strict=False) for name in names]
                except Exception:
                    continue
                found.setdefault((entry.key, item.name), [(p.first, p.von, p.last, p.jr) for p in parts])
    return found


def conflicting_merges(bib, merges) -> int:
    """How many merges joined two entries with a field of two values (after normalisation)."""

    def values(entry):
        found = {}
        for item in entry.fields:
            found.setdefault(item.name, normalize_value(item.name, item.raw, bib.macros))
        return found

    entries = {}
    for entry in bib.entries:
        entries.setdefault(entry.key, entry)
    count = 0
    for merge in merges:
        kept, other = entries.get(merge.kept), entries.get(merge.merged)
        if kept is None or other is None or kept is other:
            continue
        one, two = values(kept), values(other)
        differing = [n for n in one if n in two and one[n] != two[n] and not (n == "doi" and one[n].casefold() == two[n].casefold())]
        count += bool(differing) or kept.entry_type.lower() != other.entry_type.lower()
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora")
    parser.add_argument("--merge", action="store_true", help="export with merge=True (export --merge)")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    root = corpus_root(args.corpora)
    if root is None:
        print("no corpora found (../shared/corpora or /work/shared/corpora)")
        return 0
    options = {"merge": True} if args.merge and "merge" in inspect.signature(export_bibtex).parameters else {}
    files = sorted(path for corpus in CORPORA for path in (root / corpus).rglob("*.bib"))
    merged_total = conflicted = names_changed = not_idempotent = files_merging = 0
    for path in files:
        shown = str(path.relative_to(root))
        bib = load_bibliography(path, shown)
        export = export_bibtex(bib, **options)
        with_conflict = conflicting_merges(bib, export.merges)
        again = parse_bibliography(SourceFile(shown, export.text))
        before, after = name_parts(bib), name_parts(again)
        changed = sum(1 for where, parts in before.items() if where in after and after[where] != parts)
        second = export_bibtex(again, **options).text
        merged_total += len(export.merges)
        conflicted += with_conflict
        names_changed += changed
        not_idempotent += second != export.text
        files_merging += bool(export.merges)
        if not args.quiet and (export.merges or changed or second != export.text):
            print(
                f"{shown}: {len(bib.entries)} entries, {len(export.merges)} merged"
                f" ({with_conflict} with a field conflict), {changed} name lists changed"
                + ("" if second == export.text else ", NOT idempotent")
            )
    print(
        f"{len(files)} files: {merged_total} entries merged in {files_merging} files, "
        f"{conflicted} of them with a field conflict; {names_changed} name lists with changed parts; "
        f"{not_idempotent} files not idempotent"
    )
    return 1 if conflicted or names_changed or not_idempotent else 0


if __name__ == "__main__":
    sys.exit(main())
