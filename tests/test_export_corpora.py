"""Export of every real .bib in the shared corpora (bibtex-tidy-bibs, bibtexparser-v1-testdata):
no merged pair with a field of two values, no name whose parts change, the export of the export
the same text; by default and with ``merge``. Skips when the corpora are not there."""

from __future__ import annotations

from pathlib import Path

import pytest
from bibtexparser.middlewares.names import parse_single_name_into_parts
from hypothesis import given
from hypothesis import strategies as st

from citecheck.bib.export import NAME_FIELDS, export_bibtex, normalize_names, normalize_value
from citecheck.bib.load import load_bibliography, parse_bibliography
from citecheck.bib.sameness import split_names
from citecheck.source import SourceFile

REPO = Path(__file__).resolve().parents[1]
CORPORA = next(
    (path for path in (REPO.parent / "shared" / "corpora", Path("/work/shared/corpora")) if path.is_dir()), None
)
BIBS = sorted(
    path
    for corpus in ("bibtex-tidy-bibs", "bibtexparser-v1-testdata")
    if CORPORA is not None
    for path in (CORPORA / corpus).rglob("*.bib")
)


def name_parts(bib) -> dict[tuple[str, int, str], list[tuple]]:
    """(key, position of the entry, field) -> the parts of each name, as BibTeX's grammar splits them."""
    found = {}
    for position, entry in enumerate(bib.entries):
        for item in entry.fields:
            if item.name in NAME_FIELDS and (entry.key, position, item.name) not in found:
                parts = []
                for name in split_names(" ".join(item.value.split())):
                    try:
                        split = parse_single_name_into_parts(name, strict=False)
                    except Exception:  # the parser's own limits: compare the name as text
                        parts.append(name)
                        continue
                    parts.append((split.first, split.von, split.last, split.jr))
                found[(entry.key, position, item.name)] = parts
    return found


def values(bib, entry) -> dict[str, str]:
    found: dict[str, str] = {}
    for item in entry.fields:
        found.setdefault(item.name, normalize_value(item.name, item.raw, bib.macros))
    return found


@pytest.mark.skipif(not BIBS, reason="the shared corpora are not there")
@pytest.mark.parametrize("merge", [False, True], ids=["default", "merge"])
def test_export_of_every_real_bib_merges_no_conflict_changes_no_name_and_is_idempotent(merge):
    names_checked = 0
    for path in BIBS:
        bib = load_bibliography(path, path.name)
        export = export_bibtex(bib, merge=merge)
        by_key = {}
        for entry in bib.entries:
            by_key.setdefault(entry.key, entry)
        for merged in export.merges:
            kept, other = values(bib, by_key[merged.kept]), values(bib, by_key[merged.merged])
            differing = [
                name for name in kept if name in other and kept[name] != other[name] and name != "doi"
            ]
            assert not differing, (path, merged, differing)
        again = parse_bibliography(SourceFile(path.name, export.text))
        # Entries keep their order within a run only when sorted; compare by key and field.
        before = {(key, field): parts for (key, _, field), parts in name_parts(bib).items()}
        after = {(key, field): parts for (key, _, field), parts in name_parts(again).items()}
        for where, parts in before.items():
            if where in after and where[0] not in export.keymap:
                assert after[where] == parts, (path, where)
                names_checked += 1
        assert export_bibtex(again, merge=merge).text == export.text, path
    assert names_checked > 1000


@given(st.lists(st.sampled_from(["T.~P. Smith", "\\'Ujfalussy, B.", "\\O{}ystein Ravn", "{\\rlap{x}}Doe",
                                 "\\v{Z}. Ivezi\\'{c}", "\\Thanh", "others", "{Barnes and Noble}", "et al."]),
                min_size=1, max_size=4),
       st.sampled_from([" and ", "  AND ", "\nand\t", " aNd "]))  # fmt: skip
def test_names_are_written_back_exactly_only_the_separators_normalised(names, separator):
    written = normalize_names(separator.join(names))
    assert written == " and ".join(names)
    assert split_names(written) == names
