"""Property: a note label that keys it to a page (and line) gives that page and line back, in every
form annotated editions print (``Note 1, page 18.``: Whittier's Songs of Labor and Reform, 9579;
``Page 18.``, ``P. 18, l. 4.``, ``18. line 4.``; an editor's ``NOTE II.`` heading keyed on the line
below, ``PAGE 35 (43); line 13.--``, a preface's page in roman: Hutchinson's Wordsworth, 8774), and a label for a marker, even one whose note
opens on a page it cites (``[7] P. 103.``), or a page named inside the prose, keys nothing."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from citecheck.model import PageKey
from citecheck.readers.pagekeys import page_key, roman_value

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
        # perhaps after the part it is in (``INTRODUCTION. Page 6.``: Monselet's Histoire anecdotique
        # du tribunal révolutionnaire, 63319)
        label = draw(st.sampled_from(["", "INTRODUCTION. ", "PREFACE. "])) + where
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


def roman(number: int) -> str:
    """``number`` (1-399) as a roman number, written independently of the reader's own reading."""
    digits = [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in digits:
        while number >= value:
            out, number = out + letters, number - value
    return out


ROMANS = st.integers(1, 399)


@st.composite
def roman_headed_keys(draw) -> tuple[str, PageKey]:
    """``NOTE II.`` alone on its line, a blank line or none, then ``PAGE 35 (43); line 13.--`` and the text."""
    number = roman(draw(ROMANS))
    if draw(st.booleans()):
        page, printed = draw(PAGES), None
    else:
        page = draw(ROMANS)
        printed = draw(st.sampled_from([roman(page), roman(page).lower()]))
    line = draw(LINES)
    where = f"{draw(st.sampled_from(['PAGE', 'Page', 'page']))} {printed or page}"
    if draw(st.booleans()):
        where += f" ({draw(st.integers(1, 999))})"
    if line is not None:
        where += draw(st.sampled_from(["; line ", ", line ", "; l. ", "; lines "])) + str(line)
        if line < 9999 and draw(st.booleans()):  # a key's numbers have at most four digits
            where += f" and {line + 1}"
    stop = draw(st.sampled_from([".--", "--", ".-- ", ".—"]))
    blank = draw(st.sampled_from(["\n", "\n\n", "\n  \n"]))
    text = f"{draw(st.sampled_from(['NOTE', 'Note']))} {number}.{blank}{where}{stop}{draw(TEXT)}"
    return text, PageKey(page, line)


@given(roman_headed_keys())
def test_a_roman_note_heading_keyed_on_the_next_line_gives_its_page(labelled):
    text, key = labelled
    assert page_key(text) == key


@given(ROMANS)
def test_roman_numbers_read_back(number):
    assert roman_value(roman(number)) == number == roman_value(roman(number).lower())


@given(ROMANS, st.sampled_from(["The poems that follow", "A song", "_To the Daisy_"]))
def test_a_roman_note_heading_with_no_page_under_it_keys_nothing(number, text):
    assert page_key(f"NOTE {roman(number)}.\n\n{text}.") is None
