"""The MLA essay: author-page, name-alone and web-site citations as students write them.

``tests/corpora/essay-mla/essay.md`` annotates each line with what its attributions resolve to
(``unlisted`` for a scholar with no entry); a line without an annotation must yield none. Its
README names the real essay each form came from.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from citecheck.bib.load import parse_bibliography
from citecheck.pipeline import read_document
from citecheck.readers import reader_for
from citecheck.reconcile.index import surname_key
from citecheck.reconcile.resolve import reconcile
from citecheck.source import SourceFile
from fixture_support import load_fixture
from test_essay_mentions import _expected, _outcome

CORPUS = Path(__file__).parent / "corpora" / "essay-mla"


def test_every_line_resolves_as_annotated():
    fixture = load_fixture(CORPUS / "essay.md")
    bibliography = parse_bibliography(load_fixture(CORPUS / "references.bib").source)
    document = read_document(reader_for(fixture.path), fixture.source)
    found: dict[int, Counter] = defaultdict(Counter)
    for resolution in reconcile((document,), bibliography).resolutions:
        if resolution.citation.kind == "mention":
            found[fixture.source.locate(resolution.citation.span).line][_outcome(resolution)] += 1
    assert dict(found) == _expected(fixture)


def test_a_web_site_as_author_is_keyed_by_its_name():
    assert surname_key("Coalfield.org") == surname_key("Coalfield") == "coalfield"
    assert surname_key("www.History.com") == "history"
    assert surname_key("J.R") == "j.r"  # initials, not a site


def test_an_unlisted_name_with_a_page_is_a_citation_only_where_the_document_cites_so():
    """"(Morgan, 44)." is CC208's in an essay that cites three listed scholars by name in
    parentheses (the fixture above), and nothing in one that cites so once: "(Python, 3)" reads the same."""
    bibliography = parse_bibliography(load_fixture(CORPUS / "references.bib").source)
    text = "The van frightened them (Okafor). Widows talked in the kitchen (Morgan, 44).\n"
    source = SourceFile("once.md", text, "utf-8", None)
    document = read_document(reader_for("once.md"), source)
    found = [r for r in reconcile((document,), bibliography).resolutions if r.citation.kind == "mention"]
    assert [(r.citation.text, r.key) for r in found] == [("Okafor", "okafor2012")]
