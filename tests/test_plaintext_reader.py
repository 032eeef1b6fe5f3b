"""Unit tests for the plain-text reader's parts: misreadings, candidates, layout and the sequence."""

from __future__ import annotations

import pytest

from citecheck.readers.plaintext import (
    Candidate,
    choose_markers,
    find_candidates,
    gap_cost,
    misreadings,
    read,
    read_layout,
)
from citecheck.source import SourceFile


def candidates_in(text: str) -> list[tuple[str, int, str]]:
    """(the candidate's text, its number, its style) for every candidate in ``text``."""
    return [(text[c.start : c.end], c.number, c.style) for c in find_candidates(text, [(0, len(text))])]


def read_text(text: str):
    return read(SourceFile("t.txt", text))


# --------------------------------------------------------------------------------------------
# Misreadings


@pytest.mark.parametrize(
    ("intended", "printed"),
    [
        (13, 18),  # 3 read as 8
        (18, 13),
        (21, 27),  # 1 read as 7
        (15, 16),  # 5 read as 6
        (10, 19),  # 0 read as 9
        (24, 244),  # a digit doubled
        (24, 224),
        (24, 4),  # a digit dropped
    ],
)
def test_misreadings_include_the_usual_ocr_confusions(intended, printed):
    assert printed in misreadings(intended)


def test_misreadings_never_include_the_number_itself_or_zero():
    for intended in range(1, 1000):
        printed = misreadings(intended)
        assert intended not in printed
        assert 0 not in printed


def test_digits_that_ocr_does_not_confuse_are_not_misreadings():
    assert 12 not in misreadings(13)  # 2 and 3 are not confusable
    assert 14 not in misreadings(13)


# --------------------------------------------------------------------------------------------
# Candidates: every marker style gives a candidate whose span is exactly the marker


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the end of the war.⁴ Then", ("⁴", 4, "superscript")),
        ("as it was.¹⁴ Then", ("¹⁴", 14, "superscript")),
        ("as it was.^{12} Then", ("^{12}", 12, "caret")),
        ("as it was.[12] Then", ("[12]", 12, "bracket")),
        ("Voroshilov and Rudzutak100 The last", ("100", 100, "word")),
        ("in favour with Stalin.25 The", ("25", 25, "punctuation")),
        ("Kalinin,102 Tomsky and", ("102", 102, "punctuation")),
        ("with his fist.’43 The visitor", ("43", 43, "quote")),
        ("anyone but you.”4 It was", ("4", 4, "quote")),
        ("neither war nor peace. 18 The Germans", ("18", 18, "spaced")),
        ("dismissed in May 193931 His successor", ("31", 31, "year")),
        ("as it had waited in 1925.87 The", ("87", 87, "after-number")),
        ("who was supposed to have lost her\ninnocence 174\n\nOur theatre", ("174", 174, "line-end")),
        ("in the occupied territories in 1942–3.45 It", ("45", 45, "after-number")),
        # glued to a year (Phillips's American Negro Slavery, Gutenberg 11490)
        ("the invasion of the coast in\n1726[16] and the fighting", ("[16]", 16, "bracket")),
    ],
)
def test_each_marker_style_is_a_candidate(text, expected):
    assert expected in candidates_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "some 2,200 people came",
        "the 153 meetings of the year",
        "see p.12 of the report",
        "see p. 12 of the report",
        "printed in vol. 3 of the works",
        "printed in volume 2 of the works",
        "the 17th Congress met",
        "common in the 1920s and",
        "On 31 August 1918 a woman fired",
        "the famine of 1932–3 was",
        "between 1924–5 and",
        "Beethoven's Letters 1790-1826, Vol. 1 of 2\nby Lady Wallace",
        "as the reader will find on page 12\nof the register",
        # volumes, chapters and counts in references inline (Carlyle's French Revolution, Bury's
        # bibliography): a page, not a marker
        "(Dubois, ii.186.)  The mayor came out",
        "(Annales, ii. 206 (quoted in Morel).)",
        "(Recueil des Actes, iii. c. 4; iv. c. 10\n(p. 77).)",
        "Lives of the Reformers, 4 vols. London, 1850.",
        # years after an era, and fragments (the sidenotes and references of Dio's Rome)
        "[Sidenote: A.D. 54 (a.u. 807)] At the death of the emperor",
        "in the year B.C. 44 (a.u. 710) The senate met",
        "(Compare the chronicle, frag. 104 Mueller).",
        # a census of trades (Phillips's American Negro Slavery): counts, each after a comma
        "there were 4 plumbers, 8 gas fitters, 7 bell hangers, 1 paper hanger and",
    ],
)
def test_decoys_give_no_candidate(text):
    assert candidates_in(text) == []


def test_candidate_spans_point_into_the_searched_spans_only():
    text = "first line.1\nsecond line.2\nthird line.3"
    second = (13, 26)
    assert [c.number for c in find_candidates(text, [second])] == [2]


def test_markers_after_a_year_and_a_comma_or_colon_are_candidates():
    """``in 1937,14 released``: a comma followed by two digits is no thousands separator."""
    found = candidates_in("first arrested in 1937,14 released in 1939,15 and not freed until 1954:17 she")
    assert [number for _, number, _ in found] == [14, 15, 17]


def test_the_second_of_two_glued_markers_is_a_candidate():
    """``them.4,5``: two notes on one sentence, flattened from ``them.⁴,⁵``."""
    assert [number for _, number, _ in candidates_in("started them.4,5 The truth")] == [4, 5]


# --------------------------------------------------------------------------------------------
# Layout


def test_layout_finds_chapter_headings():
    text = "CHAPTER 2\n\nThe text.\n\n2 IN LENIN’S SHADOW\n\nMore text.\n\nChapter Three: The Mills\n"
    layout = read_layout(text)
    assert [text[h : text.index("\n", h)] for h in layout.headings] == [
        "CHAPTER 2",
        "2 IN LENIN’S SHADOW",
        "Chapter Three: The Mills",
    ]


def test_a_wrapped_line_starting_with_part_or_book_is_no_heading():
    """Headings are printed capitalised; a note's wrapped line ``part are cooler? For…`` (Herodotus,
    Gutenberg 2707) or a line of prose ``Book of Kings, …`` (Gibbon) is no chapter start."""
    text = (
        "BOOK I\n\nThe Nile.[1]\n\nNOTES TO BOOK I\n\n[1] Some say the waters come from\n"
        "    part are cooler? For so it seems.\n\nThe Book of Kings may deserve that name.\n"
        "Book of Kings, and the rest.\n\nBook the Second\n"
    )
    layout = read_layout(text)
    # a Notes heading named for its part bounds the parts too
    assert [text[h : text.index("\n", h)] for h in layout.headings] == ["BOOK I", "NOTES TO BOOK I", "Book the Second"]


def test_layout_reads_notes_under_each_kind_of_heading():
    for heading in ("NOTES", "Notes", "FOOTNOTES", "Endnotes"):
        text = f"The end.1 The close.2\n\n{heading}\n\n1. A source, 12.\n2. Another, 13.\n"
        layout = read_layout(text)
        assert [n.number for n in layout.notes] == [1, 2], heading
        assert [text[s:e] for s, e in layout.body] == ["The end.1 The close.2"], heading


def test_note_styles_and_label_spans():
    text = (
        "Body.1 Body.2 Body.3 Body.4 Body.5\n\n"
        "1. Harlow, Bread (London: Macmillan, 1950), 3.\n"
        "^{2.} Ibid., 4.\n"
        "- 3. Ibid., 5.\n"
        "[4] Ibid., 6.\n"
        "[Footnote 5: Ibid., 7.]\n"
    )
    layout = read_layout(text)
    found = [(n.number, n.style, text[n.label_start : n.label_end], n.text(text)) for n in layout.notes]
    assert found == [
        (1, "dot", "1.", "Harlow, Bread (London: Macmillan, 1950), 3."),
        (2, "caret", "^{2.}", "Ibid., 4."),
        (3, "dash", "- 3.", "Ibid., 5."),
        (4, "bracket", "[4]", "Ibid., 6."),
        (5, "gutenberg", "[Footnote 5:", "Ibid., 7."),
    ]


def test_gutenberg_footnote_spans_lines_and_nested_brackets():
    text = (
        "The castle fell.[1]\n\n"
        "[Footnote 1: Walden to the King, 22 Oct. 1644. The letter is\n"
        "among the Clarendon Papers [Bodleian MS. 23, fol. 114].]\n\n"
        "The siege was over.\n"
    )
    layout = read_layout(text)
    (note,) = layout.notes
    assert note.text(text).endswith("[Bodleian MS. 23, fol. 114].")
    assert [text[s:e] for s, e in layout.body] == ["The castle fell.[1]", "The siege was over."]


def test_a_note_cut_by_a_page_break_is_joined_with_its_continuation():
    text = (
        "The articles appeared in March.13\n\n"
        "- 13. Reprinted in L. Owen, ed., Reports from the Villages (Cardiff: University of Wales Press, "
        "2009), with an introduction that discusses the\n\n"
        "The denials followed within the week.14\n\n"
        "reaction in Moscow, 12–19; see also Penrose, The Moscow Press Corps, 180–82.\n"
        "- 14. Penrose, The Moscow Press Corps, 174.\n"
    )
    layout = read_layout(text)
    first, second = layout.notes
    assert first.number == 13 and len(first.parts) == 2
    assert first.text(text).endswith(
        "discusses the reaction in Moscow, 12–19; see also Penrose, The Moscow Press Corps, 180–82."
    )
    assert second.number == 14
    assert [text[s:e] for s, e in layout.body] == [
        "The articles appeared in March.13",
        "The denials followed within the week.14",
    ]


def test_a_note_cut_after_and_or_a_hyphen_continues_with_a_capital():
    text = (
        "The congress met in the autumn.31 The delegates went home.32\n\n"
        "31. The resolutions are in KPSS v rezoliutsiiakh, vol. 5 (Moscow, 1971), 12-\n"
        "32. On the delegates see the memoir printed in Stalin, Works, vol. 8, and\n\n"
        "Their reports reached the centre only in the spring, when the roads were open.\n\n"
        "Kommunist, no. 3 (1965), 40–52.\n"
    )
    layout = read_layout(text)
    first, second = layout.notes
    assert first.text(text).endswith("(Moscow, 1971), 12-")  # the next note came first: no rest
    assert second.text(text).endswith("vol. 8, and Kommunist, no. 3 (1965), 40–52.")
    assert any(text[s:e].startswith("Their reports") for s, e in layout.body)


def test_a_body_paragraph_continued_after_a_page_break_stays_body():
    """The body, not only notes, runs across page breaks: a lower-case paragraph after a closed note."""
    text = (
        "The committee resolved that the\n\n"
        "11. Minutes of the regional committee, 3 May 1921, fond 27, opis 1, delo 455, l. 2.\n\n"
        "grain should go north, whatever the cost to the University and its students (in the summer "
        "of 1921).12\n\n"
        "12. Ibid., l. 7.\n"
    )
    layout = read_layout(text)
    assert [n.number for n in layout.notes] == [11, 12]
    assert layout.notes[0].parts == [(text.index("Minutes"), text.index("\n\ngrain"))]
    assert any(text[s:e].startswith("grain should go north") for s, e in layout.body)


def test_a_numbered_list_in_the_prose_is_not_a_block_of_notes():
    text = (
        "It put three demands to the government:2\n\n"
        "1. The transfer of all land to the peasant communes.\n"
        "2. An eight-hour day in every factory.\n"
        "3. An immediate peace.\n\n"
        "None of these was new.3\n"
    )
    assert read_layout(text).notes == []


@pytest.mark.parametrize(
    ("note_lines", "expected_text"),
    [
        # a hard-wrapped page number after an open note is its locator, not an empty note
        (
            "1. Harlow, Bread and Order (London: Macmillan, 1950),\n1.\n",
            "Harlow, Bread and Order (London: Macmillan, 1950), 1.",
        ),
        (
            "5. Harlow, Bread and Order (London: Macmillan, 1950),\n7.\n",
            "Harlow, Bread and Order (London: Macmillan, 1950), 7.",
        ),
        # ``l.`` (list) and ``ll.`` are the folio abbreviations of Russian archival citations
        (
            "5. Party archive, fond 17, opis 21, delo 3088, l.\n15.\n",
            "Party archive, fond 17, opis 21, delo 3088, l. 15.",
        ),
        (
            "5. Party archive, fond 17, opis 21, delo 3088, ll.\n15–16.\n",
            "Party archive, fond 17, opis 21, delo 3088, ll. 15–16.",
        ),
    ],
)
def test_a_wrapped_locator_line_continues_its_note(note_lines, expected_text):
    number = int(note_lines.split(".", 1)[0])
    text = f"The harvest failed.{number}\n\n{note_lines}"
    layout = read_layout(text)
    assert [(n.number, n.text(text)) for n in layout.notes] == [(number, expected_text)]


def test_a_long_chapters_notes_gathered_at_its_end_reach_back_to_its_first_marker():
    # Elgin's Letters and Journals (ebook 10610): chapter III runs 100 KB from its marker [1] to
    # the '[1] text' notes at its end, which have no heading and cite no page
    filler = "The governor rode out to the settlements and heard the petitions of the farmers.\n\n" * 1000
    text = (
        "CHAPTER I.\n\nHe sailed for the colony in the spring.[1] The voyage was slow.[2]\n\n" + filler
        + "[1] His brother's account of the passage.\n\n[2] Letter to his wife, from the ship.\n\n"
        "CHAPTER II.\n\nThe assembly met in May.\n"
    )
    assert len(filler) > 60_000
    layout = read_layout(text)
    assert [n.number for n in layout.notes] == [1, 2]


def test_a_bracketed_year_alone_under_a_title_is_no_note():
    # Huxley's Discourses (ebook 10060): the contents give each essay's year in brackets after its
    # title, and the essay prints it again alone under its title
    text = (
        "CONTENTS\n\nI\n\nON A PIECE OF FLINT [1868]\n\n\n\nI\n\nON A PIECE OF FLINT\n\n[1868]\n\n"
        "The flint in a farmer's wall was once a sponge.[1]\n\n[Footnote 1: The wall stands by the road.]\n"
    )
    assert [note.number for note in read_layout(text).notes] == [1]


def test_a_paren_note_under_a_numbered_paragraph_that_holds_its_marker_is_a_note():
    # Swinton's Parthian Coin (Phil. Trans. 1755, as OLMoCR read it): a numbered proposition, cut
    # by the page, holds the '(1)' marker whose note opens the line under it
    text = (
        "The drawings were engraved for the volume before this, part 1\n\n"
        "1. That the coin belongs among the Parthian money is clear from several (1) coins of the same term-\n\n"
        "(1) Vaillant, Arsacid. Imper. p. 364.\n(2) Haym, Tesoro Britannico, vol. ii. p. 37.\n"
        "inal king, whose reign the date agrees with (2), as the letters show.\n"
    )
    assert [(n.number, n.style) for n in read_layout(text).notes if n.style == "paren"] == [(1, "paren"), (2, "paren")]


def test_an_empty_note_is_a_note_with_no_text():
    text = "Signed.6 Never done.7\n\nNOTES\n\n6. Order of 2 May 1920, l. 3.\n7.\n"
    layout = read_layout(text)
    assert [(n.number, n.text(text)) for n in layout.notes] == [(6, "Order of 2 May 1920, l. 3."), (7, "")]


# --------------------------------------------------------------------------------------------
# Sequence


def _candidate(start: int, number: int, style: str = "punctuation", score: float = 7.0) -> Candidate:
    return Candidate(start, start + len(str(number)), number, style, score)


def test_the_path_skips_a_decoy_that_breaks_the_sequence():
    candidates = [_candidate(10, 1), _candidate(20, 2), _candidate(30, 7, "word", 4.5), _candidate(40, 3)]
    path = choose_markers(candidates, [], frozenset())
    assert [(c.number, value) for c, value, _ in path] == [(1, 1), (2, 2), (3, 3)]


def test_the_path_reads_a_confusable_digit_as_the_expected_number():
    candidates = [_candidate(10, 12), _candidate(20, 18), _candidate(30, 14)]
    path = choose_markers(candidates, [], frozenset({12, 13, 14}))
    assert [(c.number, value) for c, value, _ in path] == [(12, 12), (18, 13), (14, 14)]


def test_a_gap_costs_in_proportion_to_the_numbers_it_skips():
    costs = [gap_cost(skipped) for skipped in range(400)]
    assert costs[0] == 0.0
    assert all(later > earlier for earlier, later in zip(costs, costs[1:]))  # never flat, however long
    assert costs[3] == 3 * costs[1]  # markers lost one by one each cost the same


def test_after_a_run_of_lost_markers_the_path_goes_on_at_the_next_numbers_not_a_far_run():
    # markers 6-17 lost; after them the true 18-23 interleave with page references 200-205 that
    # notes elsewhere in the book also carry: a gap priced flat made the far run as cheap
    before = [_candidate(10 * n, n) for n in range(1, 6)]
    after = [_candidate(100 + 20 * i + offset, number, *style)
             for i in range(6)
             for offset, number, style in ((0, 18 + i, ()), (10, 200 + i, ("bracket", 8.0)))]
    path = choose_markers(before + after, [], frozenset(range(1, 31)) | frozenset(range(200, 206)))
    assert [value for _, value, _ in path] == [1, 2, 3, 4, 5, 18, 19, 20, 21, 22, 23]


def test_a_misread_right_after_a_run_of_lost_markers_is_read_as_the_expected_number():
    candidates = [_candidate(10 * n, n) for n in range(1, 10)] + [_candidate(100, 18), _candidate(110, 14)]
    path = choose_markers(candidates, [], frozenset(range(1, 16)))  # 10-12 lost, 13 printed as 18
    assert [(c.number, value) for c, value, _ in path][-2:] == [(18, 13), (14, 14)]


def test_the_path_restarts_at_a_chapter_heading():
    candidates = [_candidate(10, 1), _candidate(20, 2), _candidate(30, 3), _candidate(110, 1), _candidate(120, 2)]
    path = choose_markers(candidates, [100], frozenset())
    assert [(c.number, restarted) for c, _, restarted in path] == [
        (1, False), (2, False), (3, False), (1, True), (2, False)
    ]


# --------------------------------------------------------------------------------------------
# The reader as a whole


def _bracketed_chapters(sentence: str, note: str) -> str:
    """Four chapters of five sentences, each with its '[n]' marker, and their [Footnote n: ...]
    notes after the paragraph (``sentence`` and ``note`` are formats of ``n`` and ``chapter``)."""
    return "".join(
        f"CHAPTER {chapter}\n\n"
        + " ".join(sentence.format(n=n) + f"[{n}]" for n in range(1, 6))
        + "\n\n"
        + "\n\n".join(f"[Footnote {n}: " + note.format(n=n, chapter=chapter) + "]" for n in range(1, 6))
        + "\n\n"
        for chapter in ("I", "II", "III", "IV")
    )


def test_a_book_that_brackets_its_markers_has_no_bare_number_marker():
    # Archer's Play-Making (ebook 10865): '[n]' markers and [Footnote n: ...] notes throughout,
    # and a stage direction in quotes whose numbers follow an initial and its stop
    chapters = _bracketed_chapters("The stage manager wrote cue {n} in the margin.", "Prompt book of the {chapter} act, leaf {n}.")
    direction = 'Thus, "R. 1 E." meant the entrance nearest the prompter, "R. 2\nE." the one after it.\n'
    document = read_text(chapters + direction)
    assert len(document.markers) == 20
    assert all(marker.span.start < len(chapters) for marker in document.markers)


def test_a_book_that_sets_its_markers_in_parentheses_has_no_bare_number_marker():
    # Raper's Roman Foot (Phil. Trans. 1759, as OLMoCR read it): '(n)' markers and '(n) text'
    # notes on every page (the last with a note whose marker the OCR lost), and a table of measures
    # whose figure 15536.1 reads as a year and marker 6
    pages = [
        " ".join(f"The rule in the {page} collection was measured again (" + str(n) + ")." for n in range(1, 6))
        + "\n\n"
        + "\n".join(f"({n}) Greaves, Discourse of the Roman Foot, p. {page * 10 + n}." for n in range(1, 6 + (page == 4)))
        + "\n\n"
        for page in range(1, 5)
    ]
    table = "| The width of the portico | 7 inches | = 15536.1 |\n| The depth | 2 inches | = 17227.97 |\n"
    document = read_text("".join(pages) + table)
    assert len(document.markers) == 20
    assert all(marker.span.start < len("".join(pages)) for marker in document.markers)


def test_a_book_that_brackets_its_markers_has_no_marker_in_parentheses():
    # Huxley's Discourses (ebook 10060): '[n]' markers and [Footnote n: ...] notes, and a quoted
    # letter whose numbered points open in parentheses ('"(3) The microscopical structure')
    chapters = _bracketed_chapters("The dredge came up full at station {n} of the survey.", "Log of the {chapter} cruise, day {n}.")
    quoted = 'He wrote to the secretary:--\n\n"(6) The ooze is made of shells too small to see."\n'
    document = read_text(chapters + quoted)
    assert [marker.label for marker in document.markers] == [str(n) for n in range(1, 6)] * 4


def test_marker_text_and_span_are_the_digits_as_written():
    document = read_text("He was dismissed in May 193931 His successor.32 Then peace. 33 The end.³⁴")
    text = document.source.text
    assert [(m.number, m.text, text[m.span.start : m.span.end]) for m in document.markers] == [
        (31, "31", "31"),
        (32, "32", "32"),
        (33, "33", "33"),
        (34, "³⁴", "³⁴"),
    ]


def test_a_decimal_wrapped_at_a_line_end_is_no_marker():
    document = read_text(
        "The secretary was recalled.5 Procurements fell short of the plan by 14.6\n"
        "per cent in the first quarter, and by more in the second.\n"
    )
    assert [m.number for m in document.markers] == [5]


def test_a_spaced_marker_wrapped_to_a_line_start_is_no_note_label():
    """``…the railway.\n4 The report…`` inside a hard-wrapped paragraph: a marker, not a note ``4 The…``."""
    document = read_text(
        "The committee met again in the spring and blamed the railway.3 Its report was\n"
        "sent to Moscow, where it was filed and forgotten.\n"
        "4 The reply, which reached the town in May, is on p. 3 of the\n"
        "minutes, and it asks only for more grain.\n"
        "\n"
        "3. Harlow, Bread and Order (London: Macmillan, 1950), 210.\n"
        "4. Ibid., 212.\n"
    )
    assert [(m.number, m.style) for m in document.markers] == [(3, "punctuation"), (4, "spaced")]
    assert [n.number for n in document.notes] == [3, 4]


def test_a_number_wrapped_after_its_abbreviation_is_no_marker():
    """``No. 5 Tverskaia Street`` hard-wrapped after ``No.``: the number opens a line but is no marker."""
    document = read_text(
        "The commission had its offices at No.\n5 Tverskaia Street, in a building that had\n"
        "housed an insurance company before the revolution.\n"
    )
    assert document.markers == ()


def test_a_sentence_with_only_decoy_numbers_has_no_marker():
    document = read_text(
        "In the elections of December 1937 the turnout was 96.8 per cent, and the commission, which sat "
        "at No. 5 Tverskaia Street, counted 1,143 deputies for 1,143 seats."
    )
    assert document.markers == ()


def test_a_short_excerpt_is_not_outweighed_by_a_late_decoy():
    document = read_text(
        "Exports went on through the famine.41 The state needed the currency.42 It exported some "
        "1.7 million tonnes.43 By 1934 the share of grain had fallen to 10.1 per cent of exports."
    )
    assert [m.number for m in document.markers] == [41, 42, 43]


def test_a_one_note_chapter_does_not_merge_with_the_next():
    document = read_text(
        "PREFACE\n\nThis book began as lectures.1\n\n"
        "1. Given in Leeds in 1985, at the School of History.\n\n"
        "CHAPTER 1\n\nThe village lay on the river.1 It had 212 households.2\n\n"
        "1. Survey of 1899, fond 200, opis 1, delo 3, l. 4.\n2. Ibid., l. 6.\n"
    )
    assert [(m.number, m.chapter) for m in document.markers] == [(1, 0), (1, 1), (2, 1)]
    assert [(n.number, n.chapter) for n in document.notes] == [(1, 0), (1, 1), (2, 1)]


def test_a_marker_takes_the_chapter_of_the_note_that_follows_it():
    # The Federalist's layout (Gutenberg 1404): papers under headings the reader does not take
    # for chapters, each with its own (1); the first paper's note is glued to the signature and
    # lost, so the runs of the numbering alone would pair each later (1) with the paper before.
    document = read_text(
        "PAPER No. 11\n\nThe dogs cease to bark after a while in our air.(1) Facts have refuted it.\n\n"
        "PUBLIUS \"Recherches sur les Americains.\"\n\n"
        "PAPER No. 12\n\nIn Britain the duties exceed this proportion.(1) There is nothing to fear.\n\n"
        "PUBLIUS\n\n1. If my memory be right they amount to twenty per cent.\n\n"
        "PAPER No. 13\n\nWe cannot even remonstrate with dignity.(1) The debts are unpaid.\n\n"
        "PUBLIUS\n\n1. \"I mean for the Union.\"\n"
    )
    notes = {n.span.start: n.chapter for n in document.notes}
    assert len(notes) == 2
    first, second = sorted(notes)
    assert [m.chapter for m in document.markers[1:]] == [notes[first], notes[second]]


def test_a_marker_does_not_reach_past_a_notes_heading_named_for_another_part():
    # Josephus's Antiquities (Gutenberg 2848): the last book's last markers stand within reach of
    # the first book's notes, gathered at the end under 'BOOK 1 FOOTNOTES:'; they belong to their
    # own book's notes, under 'BOOK 2 FOOTNOTES'.
    document = read_text(
        "BOOK I.\n\nThe dyke held.[1] It was rebuilt.[2]\n\n"
        "BOOK II.\n\nThe sluices failed.[1] The councils met.[2]\n\n"
        "BOOK 1 FOOTNOTES:\n\n[1] Of turf.\n\n[2] Of stone.\n\n"
        "BOOK 2 FOOTNOTES\n\n[1] Of the mill.\n\n[2] On the hill.\n"
    )
    notes = [(n.number, n.chapter) for n in document.notes]
    assert notes == [(1, 0), (2, 0), (1, 1), (2, 1)]
    assert [(m.number, m.chapter) for m in document.markers] == notes


@pytest.mark.parametrize(
    "heading",
    ["BOOK 1 FOOTNOTES:", "PREFACE FOOTNOTES", "BOOK 6 Footnotes", "Chapter IV. Notes", "NOTES TO BOOK I", "FOOTNOTES"],
)
def test_a_notes_heading_may_name_its_part(heading):
    layout = read_layout(f"The dyke held.[1]\n\n{heading}\n\n[1] Of turf.\n")
    assert [n.in_body for n in layout.notes] == [False]


def test_a_spaced_parenthesis_is_a_marker_only_where_the_notes_are_labelled_so():
    # ``the Greeks (2) worthy`` marks note ``(2) That is…`` in Josephus's first transcription
    # (Gutenberg 2848, old/taofj11.txt); elsewhere ``(1) the land, (2) the peace`` is a list.
    assert [style for _, _, style in candidates_in("three demands: (1) the land, (2) the peace")] == ["spaced-paren"] * 2
    listed = read_text("He made three demands: (1) the land, (2) the peace.[1]\n\n[1] Of the Soviet.\n")
    assert [(m.number, m.style) for m in listed.markers] == [(1, "bracket")]
    labelled = read_text(
        "All the Greeks (1) will find it worthy, since the war (2) was long and Epaphroditus (3) asked.\n\n"
        "NOTES\n\n(1) That is, the Gentiles.\n\n(2) Of the Jews with the Romans.\n\n(3) A freedman.\n"
    )
    assert [(m.number, m.style) for m in labelled.markers] == [(1, "spaced-paren"), (2, "spaced-paren"), (3, "spaced-paren")]
    assert [(n.number, n.style) for n in labelled.notes] == [(1, "paren"), (2, "paren"), (3, "paren")]


def test_a_number_glued_to_a_contents_entry_is_no_marker():
    # Macaulay vol. 1, first transcription (Gutenberg 1468): 'Her peculiar Character7' in the
    # contents; glued to a word inside a sentence, the same digits are a marker.
    body = " ".join(f"The dyke held for {word} years.{n}" for n, word in enumerate("one two three four five six seven eight".split(), 1))
    notes = "\n".join(f"{n}. Reeve, Registers of Holm, p. {n + 40}." for n in range(1, 9))
    contents = read_text(f"CONTENTS\n\nThe Dykes\n\nThe Reeves of the Marsh7\n\nThe Sluices\n\nCHAPTER I.\n\n{body}\n\nNOTES\n\n{notes}\n")
    assert [m.number for m in contents.markers] == list(range(1, 9))
    prose = read_text("The reeves of Holm kept Rudzutak100 in the register of the marsh for many years.\n\n"
                      "100. Reeve, Registers of Holm (London, 1890), p. 4.\n")
    assert [(m.number, m.style) for m in prose.markers] == [(100, "word")]


def test_the_last_chapters_markers_find_their_notes_past_the_prefaces():
    # Yonge's Life of Marie Antoinette (Gutenberg 10555): every note gathered under FOOTNOTES, the
    # preface's under PREFACE, each chapter's under its heading; the last chapter's [1] comes
    # nearer the preface's note 1 than its own, with only the PREFACE subheading between them.
    from citecheck.rules import Context, all_rules, run_rules

    text = (
        "PREFACE.\n\nThe letters are printed here for the first time.[1]\n\n"
        "CHAPTER I.\n\nThe court moved to the palace in spring.[1] The queen followed.[2]\n\n"
        "CHAPTER II.\n\nThe winter was hard in the capital.[1] Bread was dear.[2]\n\n"
        "FOOTNOTES\n\nPREFACE\n\n[1] From the archive at Vienna.\n\n"
        "CHAPTER I.\n\n[1] The court's diary, p. 12.\n\n[2] The same, p. 14.\n\n"
        "CHAPTER II.\n\n[1] The police reports of that year.\n\n[2] Prices from the market rolls.\n"
    )
    document = read_text(text)
    assert [m.label for m in document.markers] == ["1", "1", "2", "1", "2"]
    findings = [d.code for d in run_rules(Context.of(documents=(document,)), all_rules()) if d.code.startswith("CC1")]
    assert findings == []


def test_the_notes_under_a_rule_open_however_far_their_markers_stand():
    # Rodwell's Koran (Gutenberg 2800) prints a long sura's notes under a rule at its end, its
    # first markers further back than a marker's reach; a note 1 under the rule opens them
    verse = "And the rain fell on the fields of the valley, and the river rose in the night.\n\n"
    text = (
        "The keeper lit the lamp at dusk.1\n\nAnd the shutters were closed.2\n\n"
        + verse * 900
        + "The door was barred at last.3\n\n\n_______________________\n\n"
        "1 The lamp of the watch.\n\n2 That is, the house.\n\n3 See the almanac of the valley, p. 4.\n"
    )
    document = read_text(text)
    assert [note.label for note in document.notes] == ["1", "2", "3"]
    assert [marker.label for marker in document.markers] == ["1", "2", "3"]


def test_a_page_wrapped_inside_an_inline_note_opens_no_note():
    # Darwin's Descent of Man (Gutenberg 2300) prints its notes inline in parentheses; one wraps
    # its locator onto a line of its own, a parenthesis closed earlier standing near the reach's edge
    text = (
        "The heron nests late in the year (7.  See the Field, 1873, p. 153, where the keeper\n"
        + "of the marsh tells how the young birds are fed by both parents through the summer.\n" * 4
        + "The same is told of the bittern.), and its young are slow to leave the nest.\n"
        + "They stay there for many weeks after the other birds of the marsh have gone.\n" * 8
        + "The waxwing is another case.  (8.  On the heron, see the Ibis, vol. vi. 1864, p.\n"
        "366.  On the waxwing, Audubon's Biography, vol. i. p.\n229.)  It comes in winter.\n"
    )
    assert read_text(text).notes == ()
