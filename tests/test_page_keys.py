"""Property: a note label that keys it to a page (and line) gives that page and line back, in every
form annotated editions print (``Note 1, page 18.``: Whittier's Songs of Labor and Reform, 9579;
``Page 18.``, ``P. 18, l. 4.``, ``18. line 4.``), and a label for a marker, even one whose note
opens on a page it cites (``[7] P. 103.``), or a page named inside the prose, keys nothing."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from citecheck.model import PageKey
from citecheck.readers.pagekeys import page_key

PAGES = st.integers(1, 9999)
LINES = st.one_of(st.none(), st.integers(1, 9999))
TEXT = st.sampled_from(["The reader may call to mind", "For the idea of this line", "A song", ""])
STOP = st.sampled_from([".", ",", ":", ";"])


@st.composite
def keyed_labels(draw) -> tuple[str, PageKey]:
    page, line = draw(PAGES), draw(LINES)
    word = draw(st.sampled_from(["page", "Page", "PAGE", "p.", "P.", "pp."]))
    where = f"{word} {page}"
    if line is not None:
        where += draw(st.sampled_from([", l. ", ", line ", ". l. ", ", ll. ", " line "])) + str(line)
    form = draw(st.sampled_from(["note", "page", "page.line"] if line is not None else ["note", "page"]))
    if form == "note":
        label = f"{draw(st.sampled_from(['Note', 'NOTE']))} {draw(st.integers(1, 999))}{draw(st.sampled_from([',', '.', '']))} {where}"
    elif form == "page":
        label = where
    else:
        label = f"{page}. {draw(st.sampled_from(['line', 'l.', 'Line']))} {line}"
    return f"{label}{draw(STOP)} {draw(TEXT)}".rstrip(), PageKey(page, line)


@given(keyed_labels(), st.text(alphabet=" \t", max_size=3))
def test_a_page_keyed_label_gives_its_page_and_line(labelled, indent):
    text, key = labelled
    assert page_key(indent + text) == key


@given(PAGES, st.sampled_from(["[{n}]", "({n})", "{n}.", "^{{{n}}}"]), st.integers(1, 999), TEXT)
def test_a_marker_label_keys_nothing_even_before_a_cited_page(page, label, number, text):
    assert page_key(f"{label.format(n=number)} P. {page}. {text}") is None


@given(PAGES, st.sampled_from(["page", "p."]), st.sampled_from(["of the report", "and the next", "ff"]))
def test_a_page_named_in_the_prose_keys_nothing(page, word, rest):
    assert page_key(f"{word} {page} {rest}.") is None
