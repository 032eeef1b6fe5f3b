"""The one definition of "the same work" (citecheck.bib.sameness), on the collisions that real
bibliographies produce: journal columns, volumes, chapters under a book's DOI, reprints, editions."""

from __future__ import annotations

from citecheck.bib.sameness import SameWorkIndex, Work, same_work


def work(entry_type: str = "article", **values: str) -> Work:
    return Work(entry_type, values)


COLUMN = {"author": "Beeton, Barbara", "title": "Editorial", "journal": "TUGboat", "year": "1995"}


def test_issues_of_a_recurring_column_are_different_works():
    # TUGboat's bibliography: "Editorial" and "Hints & Tricks" by one author, several issues a year.
    assert same_work(work(**COLUMN, number="1", pages="3--4"), work(**COLUMN, number="2", pages="99--100")) is None
    assert same_work(work(**COLUMN, month="mar"), work(**COLUMN, month="jun")) is None
    assert same_work(work(**COLUMN, month="mar"), work(**COLUMN, month="March")) == "same title, authors and year"


def test_volumes_of_a_multi_volume_work_are_different_works():
    base = {"author": "{Ministerstvo inostrannykh del}", "title": "Dokumenty", "year": "1957"}
    assert same_work(work("book", **base, volume="1"), work("book", **base, volume="2")) is None
    assert same_work(work("book", **base, volume="1", isbn="0-520-88364-0"), work("book", **base, volume="2", isbn="978-0-520-88364-2")) is None


def test_chapters_sharing_their_books_doi_are_different_works():
    chapter = {"booktitle": "Stalinism", "year": "2000", "doi": "10.4324/9780203132166"}
    one = work("incollection", author="Viola, Lynne", title="The Peasant Nightmare", **chapter)
    two = work("incollection", author="Hoffmann, David", title="Mothers in the Motherland", **chapter)
    assert same_work(one, two) is None
    # The same chapter entered twice, once with a prefix on the DOI, is one work.
    copy = work("incollection", author="Viola, L.", title="The {Peasant} Nightmare", **{**chapter, "doi": "doi:10.4324/9780203132166"})
    assert same_work(one, copy) == "same DOI 10.4324/9780203132166"


def test_reprints_and_editions_are_different_works():
    book = {"author": "Nove, Alec", "title": "An Economic History of the USSR"}
    assert same_work(work("book", **book, year="1969"), work("book", **book, year="1992")) is None
    assert same_work(work("book", **book, year="1992", edition="2"), work("book", **book, year="1992", edition="3")) is None


def test_a_journal_and_a_conference_version_are_different_works():
    paper = {"author": "Khlevniuk, Oleg", "title": "The Economy of the Gulag", "year": "2001"}
    assert same_work(work(**paper, journal="Europe-Asia Studies"), work("inproceedings", **paper, booktitle="Proc. X")) is None


def test_two_dois_are_two_works_whatever_else_agrees():
    paper = {"author": "Harris, James", "title": "The Growth of the Gulag", "year": "1997"}
    assert same_work(work(**paper, doi="10.2307/131508"), work(**paper, doi="10.2307/131509")) is None


def test_authors_all_count_and_an_open_list_is_compared_as_far_as_it_goes():
    paper = {"title": "Stalin's Terror", "year": "1990", "journal": "Slavic Review"}
    full = work(**paper, author="Getty, J. Arch and Manning, Roberta")
    assert same_work(full, work(**paper, author="J. Arch Getty and Roberta T. Manning")) is not None
    assert same_work(full, work(**paper, author="Getty, J. Arch and others")) is not None
    assert same_work(full, work(**paper, author="Getty, J. Arch and Naumov, Oleg")) is None


def test_the_index_compares_only_entries_filed_under_a_shared_key():
    works = [
        work(**COLUMN, number="1"),
        work(**COLUMN, number="2"),
        work(**COLUMN, number="2", note="again"),
        work(author="Someone", title="Else", year="1995"),
    ]
    index = SameWorkIndex(works.__getitem__)
    assert [index.add(number, item) for number, item in enumerate(works)] == [
        None, None, (1, "same title, authors and year"), None
    ]  # fmt: skip


def test_cc303_and_export_find_the_same_pairs():
    from pathlib import Path

    from citecheck.bib import load_bibliography
    from citecheck.bib.export import export_bibtex
    from citecheck.rules import Context, all_rules, run_rules

    cc303 = [rule for rule in all_rules() if rule.code == "CC303"]
    folder = Path(__file__).parent / "fixtures" / "rules" / "CC303"
    checked = 0
    for path in sorted(folder.glob("*.bib")):
        bib = load_bibliography(path, path.name)
        reported = {
            (bib.source.locate(d.span).line, d.message.split("'")[3])
            for d in run_rules(Context.of(bibliography=bib), cc303)
        }
        kept = {
            (int(message.split(":")[1]), message.split(" is the same work as ")[1].split(" ")[0])
            for message in export_bibtex(bib).messages
            if " is the same work as " in message
        }
        # CC303 stands at the key, export at the entry's first line: the same line in these files.
        assert reported == kept, path.name
        checked += len(reported)
    assert checked >= 4
