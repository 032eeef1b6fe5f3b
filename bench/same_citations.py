"""Proof that a change left the citations alone: every corpus text's citations, written by one tree
of citecheck and compared with another's.

    python bench/same_citations.py dump OUT [--tree PATH] [--also FILE ...]
    python bench/same_citations.py compare OLD NEW

A change meant to make the note-source stage faster must leave what it finds as it was. ``dump``
reads every text of tests/corpora, tests/fixtures, bench/corpora (the fetched texts among them) and
examples with its reader and writes, for each, the sources its notes cite (``notes.note_citations``),
all its citations (``citations.with_citations``), each citation's every field (kind, text, span, note,
locator, work), and the findings of every rule on the document alone (no bibliography); ``--tree`` is the checkout whose ``citecheck`` does it (another branch's worktree,
main's in a detached worktree: ``git worktree add --detach /tmp/old main``), ``--also`` adds files
(bench/run.py's real book, written by ``python -c "import run; ..."`` or kept from a run).
``compare`` prints each document whose citations differ, with the first difference, and exits 1
when any does. Both dumps read the texts of this checkout, so run them before switching branches.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = (ROOT / "tests" / "corpora", ROOT / "tests" / "fixtures", ROOT / "bench" / "corpora", ROOT / "examples")


def texts(also: list[str]) -> list[Path]:
    """Every file under :data:`FOLDERS`, then ``also``; those no reader takes are skipped later."""
    found = sorted({path for folder in FOLDERS for path in folder.rglob("*") if path.is_file()})
    return found + [Path(name) for name in also]


def citations_of(path: Path) -> list[str] | str:
    """The note sources, the citations and the findings of the document at ``path`` (each as its
    ``repr``, which names every field), "no reader" or the error reading it raised."""
    from citecheck.bib.load import parse_bibliography
    from citecheck.pipeline import check
    from citecheck.readers import reader_for
    from citecheck.reconcile.citations import with_citations
    from citecheck.reconcile.notes import note_citations
    from citecheck.rules import Context
    from citecheck.source import read_source

    reader = reader_for(path)
    if reader is None:
        return "no reader"
    try:
        if reader.unpack is not None:
            document = reader.unpack(path.read_bytes(), str(path))
        else:
            document = reader.read(read_source(path, str(path)), None)
        cited = with_citations(document)
        findings = check(Context.of(documents=(cited,)))
        bib = _bibliography_beside(path)
        with_bib = check(Context.of(documents=(cited,), bibliography=parse_bibliography(bib))) if bib else ()
        return [*map(repr, note_citations(document)), "-- with_citations", *map(repr, cited.citations),
                "-- findings", *map(repr, findings), "-- findings with its bibliography", *map(repr, with_bib)]
    except Exception as error:  # a reader's or the stage's failure is part of what is compared
        return f"{type(error).__name__}: {error}"


def _bibliography_beside(path: Path):
    """The bibliography a corpus keeps for the text: ``NAME.bib`` beside ``texts/NAME.md`` or the
    text, else the folder's ``references.bib``; None when there is none."""
    from citecheck.source import read_source

    stem = path.name.split(".")[0]
    for candidate in (path.parent.parent / f"{stem}.bib", path.parent / f"{stem}.bib", path.parent / "references.bib"):
        if path.suffix != ".bib" and candidate.is_file():
            return read_source(candidate, str(candidate))
    return None


def dump(out: Path, tree: str | None, also: list[str]) -> None:
    if tree is not None:
        sys.path.insert(0, str(Path(tree).resolve()))
    found = {str(path): citations_of(path) for path in texts(also)}
    out.write_bytes(pickle.dumps(found))
    import citecheck

    print(f"{len(found)} texts, {sum(len(v) for v in found.values() if isinstance(v, list))} lines, "
          f"by {Path(citecheck.__file__).parent}")


def compare(old: Path, new: Path) -> int:
    before, after = pickle.loads(old.read_bytes()), pickle.loads(new.read_bytes())
    differ = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    for name in differ:
        first, second = before.get(name, []), after.get(name, [])
        print(f"DIFFER {name} ({len(first)} lines, then {len(second)})")
        pairs = zip(first, second) if isinstance(first, list) and isinstance(second, list) else [(first, second)]
        for was, now in pairs:
            if was != now:
                print(f"  old: {str(was)[:300]}\n  new: {str(now)[:300]}")
                break
    print(f"{len(before.keys() | after.keys())} texts, {len(differ)} differ")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump")
    dumping.add_argument("out", type=Path)
    dumping.add_argument("--tree")
    dumping.add_argument("--also", nargs="*", default=[])
    comparing = commands.add_parser("compare")
    comparing.add_argument("old", type=Path)
    comparing.add_argument("new", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out, args.tree, args.also)
        return 0
    return compare(args.old, args.new)


if __name__ == "__main__":
    sys.exit(main())
