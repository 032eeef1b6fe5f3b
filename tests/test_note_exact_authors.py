"""A note names every author of the work it cites (issue 11): ``Franco, interview`` against
``Franco and Miele, interview`` (CRDH's essay on museum talk-back boards); and a body's title
shortened in a note with no facts (``United States Agricultural Society, *Seventh National
Exhibition*``, CRDH's essay on Washington's learned societies). Names here are our own."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.bib.load import parse_bibliography
from citecheck.model import Citation, Document
from citecheck.reconcile import notes
from citecheck.reconcile.resolve import reconcile
from citecheck.source import SourceFile, Span

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SURNAME = st.sampled_from(("Adeyemi", "Okafor", "Lind", "Brandt", "Marsh", "Petrov", "Voss"))
SOURCE = SourceFile("ch1.txt", "x" * 400)


def resolved(text: str, bib: str) -> tuple[str, str | None]:
    parsed = notes._parse(text, notes.Aliases())
    assert parsed is not None
    citation = Citation(parsed.kind, text, Span("ch1.txt", 0, 5), note=1, locator=parsed.locator, work=parsed.work)
    document = Document(SOURCE, "plaintext", (), (), (citation,))
    [resolution] = reconcile((document,), parse_bibliography(SourceFile("refs.bib", bib))).resolutions
    return resolution.status, resolution.key


def interviews(one: str, two: str) -> str:
    return (f"@misc{{solo, author = {{{one}, Ruth}}, title = {{Interview by Ann Fell}}, date = {{1998-05-03}}}}\n"
            f"@misc{{joint, author = {{{one}, Ruth and {two}, Grace}}, title = {{Interview by Ann Fell}}, date = {{1998-05-04}}}}\n")


def test_an_interview_of_one_is_not_the_one_of_two():
    bib = interviews("Adeyemi", "Okafor")
    assert resolved("Adeyemi, interview.", bib) == ("matched", "solo")
    assert resolved("Adeyemi and Okafor, interview.", bib) == ("matched", "joint")


@given(SURNAME, SURNAME, st.one_of(st.none(), st.integers(1, 90)))
@SETTINGS
def test_generated_interviews_resolve_to_the_people_named(one, two, page):
    if one == two:
        return
    locator = "" if page is None else f", {page}"
    bib = interviews(one, two)
    assert resolved(f"{one}, interview{locator}.", bib) == ("matched", "solo")
    assert resolved(f"{one} and {two}, interview{locator}.", bib) == ("matched", "joint")


def test_a_bodys_short_title_with_no_facts():
    bib = ("@book{fair1901, author = {{Valley Millers Fair Society}}, title = {Annual Show of the Valley Millers"
           " Fair Society, to Be Held at the Old Mill}, year = 1901}\n"
           "@book{fell1994, author = {Fell, Ann}, title = {Grain and Power}, year = 1994}\n")
    assert resolved("Valley Millers Fair Society, *Annual Show*", bib) == ("matched", "fair1901")
    assert resolved("Valley Millers Fair Society, *Cattle and Horses*", bib)[0] == "unresolved"


def test_a_body_read_as_a_persons_names_is_no_stranger():
    """The body's name read as given names and a surname (``Society``) is the entry's author."""
    from citecheck.bib.load import parse_bibliography as parse
    from citecheck.reconcile.index import BibIndex
    from citecheck.reconcile.match import disagreements

    bib = parse(SourceFile("refs.bib", "@book{fair1901, author = {{Valley Millers Fair Society}}, title = {Annual Show}, year = 1901}"))
    [record] = BibIndex.build(bib).records
    work = notes._parse("Valley Millers Fair Society, *Annual Show*", notes.Aliases()).work
    assert disagreements(work, record) == ()


def every_resolution(text: str, bib: str) -> list[tuple[str, str | None]]:
    parsed = notes._parse(text, notes.Aliases())
    assert parsed is not None
    citation = Citation(parsed.kind, text, Span("ch1.txt", 0, 5), note=1, locator=parsed.locator, work=parsed.work)
    document = Document(SOURCE, "plaintext", (), (), (citation,))
    return [(r.status, r.key) for r in reconcile((document,), parse_bibliography(SourceFile("refs.bib", bib))).resolutions]


@given(SURNAME, SURNAME, st.sampled_from(("How Shall This Be?", "The Lower Mill", "Wheels and Weirs")), st.booleans(),
       st.sampled_from(("", ", 25--53", " Parts I and II")))
@SETTINGS
def test_generated_parts_by_two_authors_cited_together_are_both_cited(one, two, title, joint, after):
    """CRDH's essay on Lippi's thresholds: ``Steinberg and Edgerton, ""How Shall This Be?"" Parts I
    and II`` cites Steinberg's Part I and Edgerton's Part II, two entries of one title; it was
    ambiguous. A work some entry has by both stays theirs together."""
    if one == two:
        return
    bib = (f"@article{{first, author = {{{one}, Leo}}, title = {{{title} Part I}}, journal = {{Q}}, year = 1987}}\n"
           f"@article{{second, author = {{{two}, Sam}}, title = {{{title} Part II}}, journal = {{Q}}, year = 1987}}\n")
    if joint:
        bib += f"@book{{both, author = {{{one}, Leo and {two}, Sam}}, title = {{{title}}}, year = 1990}}\n"
    found = every_resolution(f'{one} and {two}, "{title}"{after}.', bib)
    assert found == ([("matched", "both")] if joint else [("matched", "first"), ("matched", "second")])
    assert every_resolution(f'{one} et al., "{title}"{after}.', bib)[0][1] != "second"
