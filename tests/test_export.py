"""``citecheck export``: normalisations, duplicates, layout, golden files, the guarantees, the CLI.

The guarantees are checked through functions of this file that do not trust the exporter:
:func:`canonical` compares values modulo the documented normalisations, :func:`assert_nothing_lost`
finds every field, comment, @string, @preamble and unreadable block of the input in the output.
Regenerate the golden files after a deliberate change with::

    CITECHECK_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_export.py
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names
from click.testing import CliRunner

from citecheck.bib import Bibliography, load_bibliography, parse_bibliography
from citecheck.bib.csl import csl_item, export_csl_json
from citecheck.bib.export import (
    Citations,
    NAME_FIELDS,
    NormalEntry,
    collapse_whitespace,
    export_bibtex,
    normalize_doi,
    normalize_names,
    normalize_pages,
    normalize_value,
    pieces,
    rewrite_citation_keys,
)
from citecheck.bib.load import MONTHS, interpret_value
from citecheck.cli import main
from citecheck.source import SourceFile, decode

FIXTURES = Path(__file__).parent / "fixtures" / "export"
SAMPLE = FIXTURES / "sample.bib"
UPDATE = os.environ.get("CITECHECK_UPDATE_GOLDEN") == "1"
CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
TIDY = CORPORA / "bibtex-tidy-bibs"
CORPUS_FILES = sorted(TIDY.rglob("*.bib")) if TIDY.is_dir() else []


# --------------------------------------------------------------------------------------------
# Helpers that judge the export without trusting it


def parse(text: str, path: str = "refs.bib") -> Bibliography:
    decoded, encoding, problem = decode(text.encode("utf-8"))
    return parse_bibliography(SourceFile(path, decoded, encoding, problem))


def export_text(text: str) -> str:
    return export_bibtex(parse(text)).text


_BLANKS = re.compile(r"[ \t\n\r\f\v]+")
_DASH = re.compile(r" ?(?:-{1,3}|[\u2010-\u2015\u2212]) ?")
_DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_MONTH_NUMBER = {name: n for n, name in enumerate(MONTHS, 1)} | {v.lower(): n for n, v in enumerate(MONTHS.values(), 1)}


def canonical(name: str, value: str, keymap: dict[str, str] | None = None) -> object:
    """A field's interpolated value, modulo the documented normalisations (independent code)."""
    value = _BLANKS.sub(" ", value).strip(" ")
    if name == "pages":
        return _DASH.sub("-", value)
    if name == "doi":
        while _DOI.match(value):
            value = _DOI.sub("", value, count=1)
        return value.casefold()
    if name == "month":
        text = value.lower()
        if text.isdigit() and 1 <= int(text) <= 12:
            return int(text)
        return _MONTH_NUMBER.get(text, value)
    if name in NAME_FIELDS:
        try:
            return tuple(
                (tuple(p.first), tuple(p.von), tuple(p.last), tuple(p.jr))
                for p in (parse_single_name_into_parts(n, strict=False) for n in split_multiple_persons_names(value))
            )
        except Exception:
            return value
    if name in ("crossref", "xdata") and keymap:
        folded = {old.casefold(): new for old, new in keymap.items()}
        return ",".join(folded.get(key.strip().casefold(), key.strip()) for key in value.split(","))
    return value


_CONFLICT = re.compile(r"citecheck: conflict in (\S*): (.*) \(kept\) vs (.*) \((?:from|repeated field in) (.*)\)$")


def conflicts_above(bib: Bibliography) -> dict[str, list[tuple[str, str, str]]]:
    """Conflict comments of an exported file: entry key -> [(field, other value, source key)]."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    pending: list[tuple[str, str, str]] = []
    for block in bib.blocks:
        if hasattr(block, "explicit"):
            for line in block.text.splitlines():
                match = _CONFLICT.search(line.strip())
                if match:
                    pending.append((match.group(1), match.group(3), match.group(4)))
        elif hasattr(block, "entry_type"):
            found.setdefault(block.key, []).extend(pending)
            pending = []
        else:
            pending = []
    return found


def assert_nothing_lost(original: Bibliography, exported: str, keymap: dict[str, str]) -> None:
    out = parse(exported, "exported.bib")
    by_folded: dict[str, list] = {}
    for entry in out.entries:
        by_folded.setdefault(entry.key.casefold(), []).append(entry)
    shared = {entry.key.casefold() for entry in original.entries}
    assert all(len(found) == 1 or key in shared for key, found in by_folded.items()), "the export made a key clash"
    conflicts = conflicts_above(out)
    keys = Counter(entry.key.casefold() for entry in original.entries)
    for entry in original.entries:
        target_key = keymap.get(entry.key, entry.key)
        targets = by_folded.get(target_key.casefold(), [])
        if keys[entry.key.casefold()] > 1:
            # An entry whose key another entry has too may be merged into any entry it is
            # identical to, with no key map (a citation of the key reaches the first of them).
            targets = [*targets, *(found for found in out.entries if found not in targets)]
        assert targets, f"entry {entry.key} is lost"
        for item in entry.fields:
            want = canonical(item.name, item.value, keymap)
            have = [canonical(f.name, f.value, keymap) for target in targets for f in target.fields_named(item.name)]
            if want in have:
                continue
            others = []
            for name, shown, _ in (c for target in targets for c in conflicts.get(target.key, [])):
                if name == item.name:
                    others.append(canonical(name, shown, keymap))
                    found = pieces(shown)
                    if found is not None:
                        others.append(canonical(name, interpret_value(shown, out.macros.get)[0], keymap))
                    others.append(shown)
            assert want in others or _BLANKS.sub(" ", item.raw.strip()) in others, (
                f"{entry.key}.{item.name} = {item.value!r} is neither in {target_key} nor in a conflict comment"
            )
    out_strings = {(s.name, _BLANKS.sub(" ", s.value)) for s in out.strings}
    for string in original.strings:
        assert (string.name, _BLANKS.sub(" ", string.value)) in out_strings, f"@string {string.name} is lost"
    out_preambles = [p.raw.strip() for p in out.preambles]
    for preamble in original.preambles:
        assert preamble.raw.strip() in out_preambles or preamble.raw.strip() in exported
    for comment in original.comments:
        for line in comment.text.splitlines():
            assert line.strip() in exported, f"comment line {line!r} is lost"
    for failure in original.failures:
        raw = original.source.text[failure.span.start : failure.span.end]
        assert raw in exported, "an unreadable block was not written back verbatim"


def check_golden(path: Path, text: str) -> None:
    if UPDATE or not path.exists():
        path.write_text(text, encoding="utf-8", newline="\n")
    assert text == path.read_text(encoding="utf-8"), f"{path.name} differs (CITECHECK_UPDATE_GOLDEN=1 regenerates)"


# --------------------------------------------------------------------------------------------
# Values


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13-14", "13--14"),
        ("13–14", "13--14"),
        ("13 - 14", "13--14"),
        ("13—14", "13--14"),
        ("13---14", "13--14"),
        ("13--14", "13--14"),
        ("xii-xv", "xii--xv"),
        ("S12-S19", "S12--S19"),
        ("1-2, 5-7", "1--2, 5--7"),
        ("1-2-3", "1-2-3"),
        ("e1234", "e1234"),
        ("42", "42"),
    ],
)
def test_page_ranges_get_two_hyphens(text, expected):
    assert normalize_pages(text) == expected


@pytest.mark.parametrize(
    "text",
    ["https://doi.org/10.1/x", "http://dx.doi.org/10.1/x", "doi:10.1/x", "DOI: 10.1/x", "doi.org/10.1/x", "10.1/x"],
)
def test_dois_become_bare(text):
    assert normalize_doi(text) == "10.1/x"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("{March}", "mar"), ("3", "mar"), ('"03"', "mar"), ("{mar}", "mar"), ("Mar", "mar"), ("{MARCH}", "mar"),
     ("dec", "dec"), ("{Spring}", "{Spring}"), ("{13}", "{13}"), ("jan # {~15}", "jan # {~15}")],
)  # fmt: skip
def test_months_become_macros(raw, expected):
    assert normalize_value("month", raw, dict(MONTHS)) == expected


def test_a_month_macro_the_file_redefines_is_not_used():
    macros = {**MONTHS, "mar": "Marzo"}
    assert normalize_value("month", "{March}", macros) == "{March}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Robert C. Tucker AND Tucker, Robert C.", "Robert C. Tucker and Tucker, Robert C."),
        ("Ludwig van Beethoven and  van Beethoven, Ludwig", "Ludwig van Beethoven and van Beethoven, Ludwig"),
        ("{World Health Organization} and Jane Doe and others", "{World Health Organization} and Jane Doe and others"),
        ("{Barnes and Noble} aNd T.~P. Smith", "{Barnes and Noble} and T.~P. Smith"),
        # Names from real bibliographies that a rewrite to "Last, First" damaged.
        ("B{\\'a}lint \\'Ujfalussy and \\O{}ystein Ravn", "B{\\'a}lint \\'Ujfalussy and \\O{}ystein Ravn"),
        ("\\v{Z}. Ivezi\\'{c} and Jake VanderPlas et al.", "\\v{Z}. Ivezi\\'{c} and Jake VanderPlas et al."),
        ("H{\\`a}n Th{\\'{\\^e}} \\Thanh", "H{\\`a}n Th{\\'{\\^e}} \\Thanh"),
        ("{\\rlap{\\d{}}}Smith, J.", "{\\rlap{\\d{}}}Smith, J."),
    ],
)
def test_names_are_written_as_they_stand_only_the_separators_change(text, expected):
    assert normalize_names(text) == expected


@pytest.mark.parametrize("text", ["Smith, John, Jr., Extra", "Smith,", "Smith, {John", "Doe, Jane and Smith, Jr"])
def test_names_the_parser_rejects_or_would_misread_stay_as_written(text):
    assert normalize_names(text) == text


def test_values_go_in_braces_and_whitespace_is_collapsed():
    macros = dict(MONTHS)
    assert normalize_value("title", '"A  Title\n   in quotes"', macros) == "{A Title in quotes}"
    assert normalize_value("year", "1999", macros) == "{1999}"
    assert normalize_value("title", "{  padded  }", macros) == "{padded}"
    assert normalize_value("journal", "jmh", macros) == "jmh"
    assert normalize_value("title", '"A " #  jmh # { and  B}', macros) == "{A } # jmh # { and B}"
    assert normalize_value("note", "{a\u00a0b}", macros) == "{a\u00a0b}"  # a no-break space is data
    assert normalize_value("note", "{ends with a control space\\ }", macros) == "{ends with a control space\\ }"
    assert normalize_value("title", "{unbalanced", macros) == "{unbalanced"


def test_pieces_and_collapse():
    assert pieces('{a} # "b" # c # 12') is not None
    assert [p.kind for p in pieces('{a} # "b" # c # 12')] == ["text", "text", "macro", "number"]
    assert pieces("{a} b") is None
    assert collapse_whitespace("  a \n\t b  ") == "a b"
    assert collapse_whitespace(" a  ", trim=False) == " a "


# --------------------------------------------------------------------------------------------
# Entries, order and layout

ORDERED = """\
@Article{k,
  Note = {n}, Zeta = {z}, Abstract = {a}, url = {u}, doi = {d}, month = {May}, year = {2000},
  address = {A}, publisher = {P}, pages = {1}, number = {2}, volume = {3}, journal = {J},
  booktitle = {B}, subtitle = {S}, title = {T}, editor = {E}, author = {Au}, isbn = {I}, issn = {S2},
  edition = {Ed}, series = {Se}, urldate = {U2}, date = {D}, location = {L}, journaltitle = {JT},
}
"""


def test_fields_in_the_canonical_order_names_and_types_lower_case():
    entry = parse(export_text(ORDERED)).entries[0]
    assert entry.entry_type == "article"
    assert export_text(ORDERED).startswith("@article{k,\n  author = {Au},\n")
    assert list(entry.field_names) == [
        "author", "editor", "title", "subtitle", "booktitle", "journal", "journaltitle", "volume",
        "number", "pages", "publisher", "address", "location", "year", "date", "month", "edition",
        "series", "isbn", "issn", "doi", "url", "urldate", "note", "abstract", "zeta",
    ]  # fmt: skip


def test_entries_sorted_by_key_within_runs_strings_and_section_comments_stay():
    text = (
        "% Header\n\n@string{a = {A}}\n\n@book{zeta, title = a}\n\n@book{Alpha, title = {x}}\n\n"
        "% Section two\n\n@book{mid, title = {m}}\n\n@book{beta, title = {b}}\n"
    )
    out = export_text(text)
    order = [m.group(1) for m in re.finditer(r"^(% Header|% Section two|@string\{a|@book\{\w+)", out, re.M)]
    assert order == ["% Header", "@string{a", "@book{Alpha", "@book{zeta", "% Section two", "@book{beta", "@book{mid"]


def test_a_comment_directly_above_an_entry_moves_with_it():
    text = "% about zeta\n@book{zeta, title = {z}}\n\n% about alpha,\n% two lines\n@book{alpha, title = {a}}\n"
    out = export_text(text)
    assert "% about alpha,\n% two lines\n@book{alpha," in out
    assert "% about zeta\n@book{zeta," in out
    assert out.index("@book{alpha") < out.index("@book{zeta")


def test_only_the_last_paragraph_of_a_comment_moves_with_the_entry():
    text = "% Part two\n\n\n% about b\n@book{b, title = {b}}\n\n@book{a, title = {a}}\n"
    assert export_text(text) == (
        "% Part two\n\n@book{a,\n  title = {a},\n}\n\n% about b\n@book{b,\n  title = {b},\n}\n"
    )


def test_crossref_targets_come_after_the_entries_that_cite_them():
    text = "@book{a, title = {Parent}}\n\n@incollection{b, crossref = {a}, title = {Child}}\n"
    out = export_text(text)
    assert out.index("@incollection{b") < out.index("@book{a")


def test_percent_comment_lines_inside_an_entry_move_above_it():
    text = "@book{a,\n  title = {T},\n  % checked in the catalogue\n  year = 1999, % a trailing note\n}\n"
    out = export_text(text)
    assert out.startswith("% checked in the catalogue\n% a trailing note\n@book{a,\n")


def test_unreadable_blocks_are_written_back_verbatim_with_a_warning():
    broken = "@article{bad,\n  title = {never closed,\n  year = 1999\n}"
    text = f"@book{{z, title = {{z}}}}\n\n{broken}\n\n@book{{a, title = {{a}}}}\n"
    bib = parse(text)
    assert bib.failures
    export = export_bibtex(bib)
    assert broken in export.text
    assert any("could not read this block" in m and m.startswith("refs.bib:3:") for m in export.messages)
    assert export.text.index("@book{z") < export.text.index("@article{bad") < export.text.index("@book{a")


def test_preamble_explicit_comment_and_string_survive():
    text = '@preamble{ "\\newcommand{\\noop}[1]{}" }\n\n@comment{keep me}\n\n@STRING{JMH = "J. Mod. Hist."}\n'
    out = export_text(text)
    assert out == '@preamble{"\\newcommand{\\noop}[1]{}"}\n\n@comment{keep me}\n\n@string{JMH = {J. Mod. Hist.}}\n'


def test_empty_file_exports_to_nothing():
    assert export_text("") == ""
    assert export_text("\n\n  \n") == ""


# --------------------------------------------------------------------------------------------
# Duplicates


def test_only_entries_identical_after_normalisation_are_merged_by_default():
    text = """
@book{roe1, author = {Roe, Richard}, title = {The History}, year = {2005}}

@book{roe2, author = "Roe,   Richard", title = {The History}, year = 2005}

@book{roe3, author = {Roe, Richard}, title = {The History}, year = 2005, note = {Paperback}}
"""
    export = export_bibtex(parse(text))
    assert [(m.kept, m.merged, m.reason) for m in export.merges] == [("roe1", "roe2", "identical, same title, authors and year")]
    assert dict(export.keymap) == {"roe2": "roe1"}
    assert "@book{roe3," in export.text and not export.conflicts
    assert any(
        m.startswith("refs.bib:6: note: entry roe3 is the same work as roe1 (same title, authors and year); both kept")
        for m in export.messages
    )
    assert_nothing_lost(parse(text), export.text, dict(export.keymap))


def test_merge_unions_the_fields_of_the_same_work_and_refuses_a_pair_with_a_conflict():
    text = """
@article{smith1999a, author = {Smith, John}, title = {T}, year = 1999, pages = {12-30}, doi = {10.1/x}}

@article{smith1999b, author = {Smith, John}, title = {T}, year = 1999, doi = {10.1/X}, volume = 4}

@article{smith1999c, author = {Smith, John}, title = {T}, year = 1999, doi = {10.1/x}, note = {Reprinted}}

@article{smith1999d, author = {John Smith}, title = {T}, year = 1999, doi = {10.1/x}}
"""
    export = export_bibtex(parse(text), merge=True)
    assert [(m.merged, m.reason) for m in export.merges] == [
        ("smith1999b", "same DOI 10.1/x"), ("smith1999c", "same DOI 10.1/x")
    ]  # fmt: skip
    assert export.text.startswith(
        "@article{smith1999a,\n  author = {Smith, John},\n  title = {T},\n  volume = {4},\n"
        "  pages = {12--30},\n  year = {1999},\n  doi = {10.1/x},\n  note = {Reprinted},\n}\n"
    )
    assert "@article{smith1999d," in export.text and not export.conflicts
    assert dict(export.keymap) == {"smith1999b": "smith1999a", "smith1999c": "smith1999a"}
    refused = (
        "refs.bib:8: warning: not merged: entry smith1999d is the same work as smith1999a (same DOI 10.1/x) "
        "but they differ in author (Smith, John vs John Smith); both kept"
    )
    assert refused in export.messages
    assert_nothing_lost(parse(text), export.text, dict(export.keymap))


def test_merge_never_joins_two_issues_of_a_journal_column():
    column = "@article{{{key}, author = {{Beeton, Barbara}}, title = {{Editorial}}, journal = {{TUGboat}}, year = 1995{extra}}}\n"
    text = column.format(key="ed1", extra=", number = 1") + column.format(key="ed2", extra=", number = 2")
    text += column.format(key="ed3", extra="")
    export = export_bibtex(parse(text), merge=True)
    # ed3 has no number: it is the same work as ed1 and joins it (it adds nothing); never ed1 and ed2.
    assert [(m.kept, m.merged) for m in export.merges] == [("ed1", "ed3")]
    assert "@article{ed2," in export.text


def test_only_cited_keeps_a_cited_key_even_when_its_entry_is_identical_to_another():
    text = "@book{a, title = {T}, year = 2000}\n\n@book{b, title = {T}, year = 2000}\n"
    export = export_bibtex(parse(text), citations=Citations(("b",)), only_cited=True)
    assert "@book{b," in export.text and "@book{a," not in export.text
    assert not export.keymap


def test_an_entry_whose_key_two_entries_share_is_not_merged_under_another_key():
    # Found by test_export_properties: the second a1 (identical to b2) went into b2, so the map
    # could not send a1 anywhere (the first a1 keeps the key) and its fields were lost to a1.
    text = "@article{a1,\n}\n\n@book{b2, year = 1900, doi = {10.1000/abc2}}\n\n@book{a1, year = 1900, doi = {10.1000/abc2}}\n"
    export = export_bibtex(parse(text))
    assert not export.merges and not export.keymap
    assert export.text.count("@book{") == 2
    assert any("entry a1 has the key of a1" in m for m in export.messages)
    assert_nothing_lost(parse(text), export.text, dict(export.keymap))


def test_identical_entries_under_one_key_merge_first_then_the_key_may_move():
    text = "@book{a1, year = 1900, doi = {10.1/x}}\n@book{a1, year = 1900, doi = {10.1/x}}\n@book{b2, year = 1900, doi = {10.1/x}}\n"
    export = export_bibtex(parse(text))
    assert export.text.count("@book{") == 1
    assert dict(export.keymap) == {"b2": "a1"}


def test_repeated_fields_become_conflicts_or_are_dropped_when_equal():
    text = "@book{a, year = 1999, year = {2000}, title = {T}, title = {T}}\n"
    export = export_bibtex(parse(text))
    assert export.text.startswith("% citecheck: conflict in year: 1999 (kept) vs 2000 (repeated field in a)\n@book{a,")
    assert export.text.count("title =") == 1
    assert any("dropped the repeated field 'title' (same value)" in m for m in export.messages)


def test_crossref_to_a_merged_key_is_redirected_and_comments_follow_the_merge():
    text = """
@book{Parent, title = {P}, year = 1990}

% the duplicate
@book{parent, title = {P}, year = 1990}

@incollection{child, crossref = {parent}, title = {C}}
"""
    export = export_bibtex(parse(text))
    assert "crossref = {Parent}" in export.text
    assert "% the duplicate\n@book{Parent," in export.text
    assert dict(export.keymap) == {"parent": "Parent"}


def test_a_conflict_value_with_a_block_start_becomes_an_explicit_comment():
    text = "@misc{a, note = {x}, note = {see @book{b}}}\n"
    export = export_bibtex(parse(text))
    assert "@comment{citecheck: conflict in note: x (kept) vs see @book{b} (repeated field in a)}" in export.text
    again = parse(export.text)
    assert not again.failures and len(again.entries) == 1
    assert export_text(export.text) == export.text


# --------------------------------------------------------------------------------------------
# Golden files and the guarantees on the fixture


def test_golden_bibtex():
    export = export_bibtex(load_bibliography(SAMPLE, "sample.bib"))
    check_golden(FIXTURES / "sample.expected.bib", export.text)


def test_golden_csl_json():
    export = export_csl_json(load_bibliography(SAMPLE, "sample.bib"))
    json.loads(export.text)
    check_golden(FIXTURES / "sample.expected.json", export.text)


def test_golden_messages():
    export = export_bibtex(load_bibliography(SAMPLE, "sample.bib"))
    check_golden(FIXTURES / "sample.expected.txt", "\n".join(export.messages) + "\n")


def test_fixture_export_is_idempotent_and_loses_nothing():
    bib = load_bibliography(SAMPLE, "sample.bib")
    export = export_bibtex(bib)
    assert export_text(export.text) == export.text
    assert_nothing_lost(bib, export.text, dict(export.keymap))
    assert len(parse(export.text).failures) == len(bib.failures) == 1


def test_export_does_not_change_the_loaded_bibliography():
    bib = load_bibliography(SAMPLE, "sample.bib")
    before = [(e.key, e.entry_type, [(f.name, f.raw, f.value) for f in e.fields]) for e in bib.entries]
    export_bibtex(bib)
    export_csl_json(bib)
    assert [(e.key, e.entry_type, [(f.name, f.raw, f.value) for f in e.fields]) for e in bib.entries] == before


@pytest.mark.skipif(not CORPUS_FILES, reason=f"bibtex-tidy corpus not present under {TIDY}")
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.relative_to(TIDY).as_posix())
def test_real_files_export_idempotently_and_lose_nothing(path):
    bib = load_bibliography(path, path.name)
    export = export_bibtex(bib)
    assert export_text(export.text) == export.text
    assert_nothing_lost(bib, export.text, dict(export.keymap))


# --------------------------------------------------------------------------------------------
# CSL-JSON


def test_csl_item_maps_types_names_dates_and_decodes_latex():
    entry = NormalEntry(
        "k",
        "incollection",
        (
            (
                "author",
                "{{van Beethoven}, Ludwig and van Gogh, Vincent and King, Jr., Martin Luther and {UNESCO} and others}",
            ),
            ("title", "{M{\\\"u}ller's} Life"),
            ("subtitle", "{A Study}"),
            ("booktitle", "{Collected}"),
            ("pages", "{12--30}"),
            ("year", "{1999}"),
            ("month", "mar"),
            ("doi", "{10.1/x}"),
            ("address", "{Paris}"),
            ("publisher", "{P}"),
            ("number", "{7}"),
        ),
    )
    item = csl_item(entry, dict(MONTHS))
    assert item["type"] == "chapter"
    assert item["author"] == [
        {"family": "van Beethoven", "given": "Ludwig"},
        {"family": "Gogh", "given": "Vincent", "non-dropping-particle": "van"},
        {"family": "King", "given": "Martin Luther", "suffix": "Jr."},
        {"literal": "UNESCO"},
    ]
    assert item["title"] == "Müller's Life: A Study"
    assert item["container-title"] == "Collected"
    assert item["page"] == "12-30"
    assert item["issued"] == {"date-parts": [[1999, 3]]}
    assert item["DOI"] == "10.1/x"
    assert item["publisher-place"] == "Paris"
    assert item["issue"] == "7"


def test_csl_dates_and_thesis_genre():
    item = csl_item(NormalEntry("t", "phdthesis", (("date", "{2001-03-15/2002}"), ("school", "{MIT}"))), {})
    assert item["type"] == "thesis"
    assert item["genre"] == "PhD thesis"
    assert item["publisher"] == "MIT"
    assert item["issued"] == {"date-parts": [[2001, 3, 15], [2002]]}
    assert csl_item(NormalEntry("f", "misc", (("year", "{forthcoming}"),)), {})["issued"] == {"literal": "forthcoming"}


def test_csl_export_interpolates_macros_and_reports_what_it_cannot_hold():
    export = export_csl_json(load_bibliography(SAMPLE, "sample.bib"))
    items = {item["id"]: item for item in json.loads(export.text)}
    assert items["Tucker1977"]["container-title"] == "Journal of Modern History"
    assert "HASLAM1984" in items and "roberts1992b" in items  # same key ignoring case; other pages: kept
    assert any("could not read this block" in m and "not in the CSL-JSON output" in m for m in export.messages)


# --------------------------------------------------------------------------------------------
# Rewriting keys in manuscripts


def test_rewrite_citation_keys_on_key_boundaries():
    keymap = {"old": "new", "a:b": "c"}
    text = (
        "See [@old, p. 3; @old2] and @old. Mail old@example.org, -@old, @{old}.\n"
        "\\cite{x, old,y} \\parencite[see][12]{old} \\cites{old}{a:b} \\citeauthor*{old}\n"
        "\\cite{older} \\textcite{oldx} [@a:b]\n"
    )
    new, counts = rewrite_citation_keys(text, keymap)
    assert new == (
        "See [@new, p. 3; @old2] and @new. Mail old@example.org, -@new, @{new}.\n"
        "\\cite{x, new,y} \\parencite[see][12]{new} \\cites{new}{c} \\citeauthor*{new}\n"
        "\\cite{older} \\textcite{oldx} [@c]\n"
    )
    assert counts == {("old", "new"): 8, ("a:b", "c"): 2}


# --------------------------------------------------------------------------------------------
# The command


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder with a pyproject naming refs.bib and two manuscripts; cwd is the folder."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.citecheck]\nsources = ["ch1.md", "ch2.tex"]\nbib = "refs.bib"\noutput-dir = ""\n', encoding="utf-8"
    )
    (tmp_path / "refs.bib").write_text(
        "@book{smith1999a, author = {Smith, John}, title = {T}, year = 1999, doi = {10.1/x}}\n"
        "@book{smith1999b, author = {Smith, John}, title = {T}, year = {1999}, doi = {10.1/x}}\n",
        encoding="utf-8",
    )
    (tmp_path / "ch1.md").write_text("As shown [@smith1999b, 12].\n", encoding="utf-8")
    (tmp_path / "ch2.tex").write_text("As shown \\cite{smith1999b}.\r\n", encoding="utf-8", newline="")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str):
    return CliRunner().invoke(main, ["export", *args])


def test_cli_default_bib_from_config_to_standard_output(project):
    result = invoke()
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("@book{smith1999a,\n")
    assert "merged entry smith1999b into smith1999a (identical, same DOI 10.1/x)" in result.stderr
    assert "smith1999b -> smith1999a" in result.stderr
    assert sorted(p.name for p in project.iterdir()) == ["ch1.md", "ch2.tex", "pyproject.toml", "refs.bib"]


def test_cli_output_file_and_keymap_beside_it(project):
    result = invoke("-o", "clean.bib")
    assert result.exit_code == 0, result.output
    assert (project / "clean.bib").read_text(encoding="utf-8").startswith("@book{smith1999a,")
    assert json.loads((project / "clean.bib.keymap.json").read_text()) == {"smith1999b": "smith1999a"}
    assert "wrote clean.bib (1 entry, 1 duplicate merged)" in result.stderr
    assert (project / "ch1.md").read_text() == "As shown [@smith1999b, 12].\n"  # untouched


def test_cli_keymap_option_and_csl_json(project):
    result = invoke("--format", "csl-json", "-o", "refs.json", "--keymap", "map.json")
    assert result.exit_code == 0, result.output
    assert json.loads((project / "refs.json").read_text())[0]["id"] == "smith1999a"
    assert json.loads((project / "map.json").read_text()) == {"smith1999b": "smith1999a"}


def test_cli_refuses_to_overwrite_the_input_a_source_or_the_config(project):
    before = (project / "refs.bib").read_bytes()
    for target in ("refs.bib", "./refs.bib", "ch1.md", "pyproject.toml"):
        result = invoke("-o", target)
        assert result.exit_code == 2, target
        assert "Traceback" not in result.output
    assert "use --in-place" in invoke("-o", "refs.bib").stderr
    assert (project / "refs.bib").read_bytes() == before
    assert invoke("--keymap", "ch2.tex").exit_code == 2


def test_cli_in_place_rewrites_the_input(project):
    result = invoke("--in-place")
    assert result.exit_code == 0, result.output
    text = (project / "refs.bib").read_text()
    assert text.count("@book") == 1 and "year = {1999}" in text
    assert json.loads((project / "refs.bib.keymap.json").read_text()) == {"smith1999b": "smith1999a"}
    assert invoke("--check").exit_code == 0


def test_cli_check_exits_1_with_a_diff_and_changes_nothing(project):
    before = (project / "refs.bib").read_bytes()
    result = invoke("--check")
    assert result.exit_code == 1
    assert result.stdout.startswith("--- refs.bib\n+++ refs.bib (exported)\n")
    assert "+  year = {1999}," in result.stdout
    assert "refs.bib would be rewritten by export" in result.stderr
    assert (project / "refs.bib").read_bytes() == before
    assert sorted(p.name for p in project.iterdir()) == ["ch1.md", "ch2.tex", "pyproject.toml", "refs.bib"]


def test_cli_check_on_a_clean_file_and_on_line_ends(project):
    clean = export_text((project / "refs.bib").read_text())
    (project / "clean.bib").write_text(clean, encoding="utf-8")
    result = invoke("clean.bib", "--check")
    assert result.exit_code == 0 and result.stdout == ""
    (project / "crlf.bib").write_bytes(clean.replace("\n", "\r\n").encode())
    result = invoke("crlf.bib", "--check")
    assert result.exit_code == 1
    assert "only the encoding or line ends differ" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--check", "-o", "x.bib"], "cannot be combined with -o"),
        (["--check", "--in-place"], "cannot be combined with --in-place"),
        (["--in-place", "-o", "x.bib"], "cannot be combined with -o"),
        (["--in-place", "--format", "csl-json"], "use -o FILE instead"),
        (["missing.bib"], "missing.bib: cannot read the bibliography"),
    ],
)
def test_cli_usage_and_input_errors_exit_2_without_a_traceback(project, args, message):
    result = invoke(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_cli_all_is_the_default_and_accepted(project):
    assert invoke("--all").exit_code == 0


def test_cli_no_bibliography_anywhere(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke()
    assert result.exit_code == 2
    assert "no bibliography" in result.stderr


def test_cli_rewrite_keys_changes_the_manuscripts_and_reports(project):
    result = invoke("-o", "clean.bib", "--rewrite-keys")
    assert result.exit_code == 0, result.output
    assert (project / "ch1.md").read_text() == "As shown [@smith1999a, 12].\n"
    assert (project / "ch2.tex").read_bytes() == b"As shown \\cite{smith1999a}.\r\n"  # line ends kept
    assert "rewrote ch1.md: smith1999b -> smith1999a" in result.stderr
    assert "rewrote ch2.tex: smith1999b -> smith1999a" in result.stderr


def test_cli_rewrite_keys_follows_the_files_a_manuscript_includes(project):
    """A thesis whose chapters are \\input files (tests/projects/latex-thesis): the keys are
    rewritten where they are written, not only in the main file the configuration names."""
    (project / "ch2.tex").write_text("\\input{parts/sources}\nAs shown \\cite{smith1999b}.\n", encoding="utf-8")
    (project / "parts").mkdir()
    (project / "parts" / "sources.tex").write_text("See \\citep[p.~3]{smith1999b}.\n", encoding="utf-8")
    result = invoke("-o", "clean.bib", "--rewrite-keys")
    assert result.exit_code == 0, result.output
    assert (project / "parts" / "sources.tex").read_text(encoding="utf-8") == "See \\citep[p.~3]{smith1999a}.\n"
    assert "rewrote parts/sources.tex: smith1999b -> smith1999a" in result.stderr
    assert (project / "ch2.tex").read_text(encoding="utf-8") == "\\input{parts/sources}\nAs shown \\cite{smith1999a}.\n"


def test_cli_rewrite_keys_skips_a_manuscript_that_is_not_utf8(project):
    (project / "ch1.md").write_bytes("Caf\xe9 [@smith1999b].\n".encode("latin-1"))
    result = invoke("--rewrite-keys")
    assert result.exit_code == 0
    assert "ch1.md:1: warning: not UTF-8; not rewritten" in result.stderr
    assert (project / "ch1.md").read_bytes() == "Caf\xe9 [@smith1999b].\n".encode("latin-1")


def test_atomic_write_failure_leaves_the_old_file_and_no_temporary(project, monkeypatch):
    before = (project / "refs.bib").read_bytes()

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    result = invoke("--in-place")
    assert result.exit_code == 2
    assert "cannot rewrite refs.bib: No space left on device" in result.stderr
    assert (project / "refs.bib").read_bytes() == before
    assert sorted(p.name for p in project.iterdir()) == ["ch1.md", "ch2.tex", "pyproject.toml", "refs.bib"]


def test_atomic_write_failure_on_an_existing_output(project, monkeypatch):
    (project / "clean.bib").write_text("old export\n")
    real_replace = os.replace

    def broken_replace(src, dst):
        if str(dst).endswith("clean.bib"):
            raise OSError(13, "Permission denied")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", broken_replace)
    result = invoke("-o", "clean.bib")
    assert result.exit_code == 2
    assert (project / "clean.bib").read_text() == "old export\n"
    assert not [p for p in project.iterdir() if p.name.startswith(".clean.bib")]


@pytest.fixture
def cited_project(tmp_path, monkeypatch):
    """Two Markdown chapters citing three of five entries; one cited entry inherits from another."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.citecheck]\nsources = ["ch1.md", "ch2.md"]\nbib = "refs.bib"\noutput-dir = ""\n', encoding="utf-8"
    )
    (tmp_path / "refs.bib").write_text(
        "% Works on the Popular Front\n"
        "@book{adams2001, author = {Adams, Ann}, title = {First}, publisher = {P}, year = 2001}\n\n"
        "@book{brown2002, author = {Brown, Bea}, title = {Second}, publisher = {P}, year = 2002}\n\n"
        "@incollection{cole2003, author = {Cole, Cy}, title = {Third}, pages = {1--9}, crossref = {ed2003}}\n\n"
        "@collection{ed2003, editor = {Dean, Di}, title = {Essays}, publisher = {P}, year = 2003}\n\n"
        "@book{zeta2004, author = {Zeta, Zoe}, title = {Fifth}, publisher = {P}, year = 2004}\n",
        encoding="utf-8",
    )
    (tmp_path / "ch1.md").write_text("First [@zeta2004], then [@cole2003, p. 3].\n", encoding="utf-8")
    (tmp_path / "ch2.md").write_text("Later @adams2001 and again [@zeta2004].\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _keys(bibtex: str) -> list[str]:
    return re.findall(r"^@\w+\{([^,]+),", bibtex, flags=re.M)


def test_only_cited_leaves_out_uncited_entries_but_keeps_inherited_parents(cited_project):
    result = invoke("--only-cited")
    assert result.exit_code == 0, result.output
    assert _keys(result.stdout) == ["adams2001", "cole2003", "zeta2004", "ed2003"]
    assert "% Works on the Popular Front" in result.stdout
    assert "left out 1 entry no manuscript cites: brown2002" in result.stderr


def test_sort_citation_order_orders_by_first_citation_and_puts_uncited_last(cited_project):
    result = invoke("--sort", "citation-order")
    assert result.exit_code == 0, result.output
    # crossref targets still come after the entries that cite them, as BibTeX needs
    assert _keys(result.stdout) == ["zeta2004", "cole2003", "adams2001", "brown2002", "ed2003"]


def test_csl_json_only_cited_in_citation_order(cited_project):
    result = invoke("--only-cited", "--sort", "citation-order", "--format", "csl-json")
    assert result.exit_code == 0, result.output
    assert [item["id"] for item in json.loads(result.stdout)] == ["zeta2004", "cole2003", "adams2001", "ed2003"]


def test_only_cited_refuses_when_a_manuscript_cannot_be_read(cited_project):
    (cited_project / "ch2.md").unlink()
    result = invoke("--only-cited")
    assert result.exit_code == 2
    assert "cannot tell which entries are cited: ch2.md" in result.stderr
    assert "Traceback" not in result.output


def test_only_cited_needs_configured_manuscripts(tmp_path, monkeypatch):
    (tmp_path / "refs.bib").write_text("@book{a, author = {A, B}, title = {T}, publisher = {P}, year = 2000}\n")
    monkeypatch.chdir(tmp_path)
    result = invoke("refs.bib", "--only-cited")
    assert result.exit_code == 2
    assert "list them as 'sources'" in result.stderr


def test_commented_out_entries_and_a_bom_after_line_one_export_idempotently():
    """A ``%@book{...}`` block is a comment (biber's reading) and a BOM left mid-file by joining
    files is blank: both entries are read, nothing fails, and the export is stable."""
    bib = load_bibliography(FIXTURES / "commented-out-and-bom.bib", "commented-out-and-bom.bib")
    assert [entry.key for entry in bib.entries] == ["carr1953", "deutscher1949"]
    assert not bib.failures
    assert [comment.text.splitlines()[0] for comment in bib.comments] == ["%@book{carr1953,"]
    export = export_bibtex(bib)
    assert export_text(export.text) == export.text
    assert "%@book{carr1953," in export.text and "\ufeff" not in export.text


def test_cli_merge_merges_the_same_work_and_refuses_a_pair_that_differs(project):
    (project / "refs.bib").write_text(
        "@book{smith1999a, author = {Smith, John}, title = {T}, year = 1999, doi = {10.1/x}}\n"
        "@book{smith1999b, author = {Smith, John}, title = {T}, year = 1999, doi = {10.1/X}, note = {pbk}}\n"
        "@book{smith1999c, author = {Smith, J.}, title = {T}, year = 1999, doi = {10.1/x}}\n",
        encoding="utf-8",
    )
    plain = invoke()
    assert plain.stdout.count("@book") == 3
    assert "entry smith1999b is the same work as smith1999a (same DOI 10.1/x); both kept" in plain.stderr
    merged = invoke("--merge")
    assert merged.exit_code == 0 and merged.stdout.count("@book") == 2
    assert "note = {pbk}" in merged.stdout
    assert "not merged: entry smith1999c is the same work as smith1999a (same DOI 10.1/x) but they differ in author" in merged.stderr
    assert "smith1999b -> smith1999a" in merged.stderr and "smith1999c ->" not in merged.stderr


@pytest.mark.parametrize("month", ["{²}", "{①}", "{٣}"])
def test_a_month_in_non_ascii_digits_is_kept_as_written_not_a_crash(month):
    text = f"@article{{a, title = {{T}}, year = 2000, month = {month}}}\n"
    assert f"  month = {month},\n" in export_text(text)
    export_csl_json(parse(text))


def test_counts_in_messages_are_plural_english(project):
    (project / "refs.bib").write_text(
        "".join(f"@book{{k{n}, title = {{T}}, year = 1999}}\n@book{{d{n}, title = {{T}}, year = 1999}}\n" for n in range(2)),
        encoding="utf-8",
    )
    result = invoke("-o", "clean.bib")
    assert "(1 entry, 3 duplicates merged)" in result.stderr
    assert "(3 keys)" in result.stderr and "keies" not in result.stderr
