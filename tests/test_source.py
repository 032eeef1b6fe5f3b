"""source.py: decoding once (BOM, CRLF, lone CR, fallbacks) and offsets to lines and columns."""

from __future__ import annotations

import codecs
import pickle

import pytest

from citecheck.diagnostics import Diagnostic, Finding, Severity
from citecheck.source import LineIndex, SourceFile, Span, decode, normalise_newlines, read_source


def test_utf8_without_problems():
    text, encoding, problem = decode("Stalin’s war.⁴\n".encode())
    assert (text, encoding, problem) == ("Stalin’s war.⁴\n", "utf-8", None)


def test_bom_is_removed_and_reported_as_utf8_sig():
    text, encoding, problem = decode(codecs.BOM_UTF8 + "¹ note\n".encode())
    assert text == "¹ note\n"
    assert encoding == "utf-8-sig"
    assert problem is None


def test_crlf_and_lone_cr_become_lf():
    text, _, _ = decode(b"one\r\ntwo\rthree\n\rfour")
    assert text == "one\ntwo\nthree\n\nfour"
    assert normalise_newlines("a\r\r\nb") == "a\n\nb"


def test_crlf_file_and_lf_file_give_the_same_positions():
    crlf = SourceFile("a.txt", decode(b"first line\r\nsecond 12\r\n")[0])
    lf = SourceFile("a.txt", decode(b"first line\nsecond 12\n")[0])
    offset = crlf.text.index("12")
    assert crlf.text == lf.text
    assert crlf.index.line_col(offset) == lf.index.line_col(offset) == (2, 8)


def test_latin1_fallback_offset_points_at_the_bad_byte_after_crlf_lines():
    data = b"line one\r\nline two\r\ncaf\xe9 au lait\r\n"
    text, encoding, problem = decode(data)
    assert encoding == "utf-8+cp1252"
    assert text == "line one\nline two\ncafé au lait\n"
    assert problem is not None
    assert problem.byte == 0xE9
    assert problem.fallback == "cp1252"
    assert text[problem.offset] == "é"
    assert SourceFile("x.txt", text).index.line_col(problem.offset) == (3, 4)


def test_one_stray_byte_keeps_the_other_utf8_accents():
    # Only the byte that is not UTF-8 is read as cp1252: the UTF-8 "é" before it stays "é".
    data = "café\r\n".encode() + b"na\xefve \x93quoted\x94"
    text, encoding, problem = decode(data)
    assert encoding == "utf-8+cp1252"
    assert text == "café\nnaïve “quoted”"
    assert problem is not None
    assert text[problem.offset] == "ï"


def test_bytes_cp1252_cannot_decode_fall_back_to_latin1():
    data = b"a\r\nb\x81\xe9"
    text, encoding, problem = decode(data)
    assert text == "a\nb\x81é"
    assert problem is not None
    assert problem.byte == 0x81
    assert text[problem.offset] == "\x81"
    assert problem.offset == 3


def test_bom_with_bad_byte_offset_excludes_the_bom():
    data = codecs.BOM_UTF8 + b"ab\r\n\xe9"
    text, _, problem = decode(data)
    assert problem is not None
    assert text[problem.offset] == "é"


def test_line_index_positions():
    text = "ab\ncd\n\nlast"
    index = LineIndex(text)
    assert index.line_count == 4
    assert index.line_col(0) == (1, 1)
    assert index.line_col(2) == (1, 3)  # the newline ends line 1
    assert index.line_col(3) == (2, 1)
    assert index.line_col(6) == (3, 1)  # the empty line
    assert index.line_col(len(text)) == (4, 5)  # end of file, just past "last"
    assert index.line_col(len(text) + 10) == (4, 5)  # clamped
    assert index.line_col(-3) == (1, 1)
    assert index.line_start(2) == 3
    assert index.line_end(1) == 2
    assert index.line_end(3) == 6
    assert index.line_end(4) == len(text)


def test_line_index_with_trailing_newline_and_empty_text():
    index = LineIndex("one\n")
    assert index.line_count == 2
    assert index.line_col(4) == (2, 1)
    assert index.line_end(2) == 4
    empty = LineIndex("")
    assert empty.line_count == 1
    assert empty.line_col(0) == (1, 1)
    assert empty.line_end(1) == 0


def test_locate_and_line_text():
    source = SourceFile("a.txt", "first\nthe war.18 ended\n")
    start = source.text.index("18")
    where = source.locate(source.span(start, start + 2))
    assert (where.line, where.column, where.end_line, where.end_column) == (2, 9, 2, 10)
    assert source.line_text(2) == "the war.18 ended"
    empty = source.locate(Span("a.txt", 0, 0))
    assert (empty.line, empty.column, empty.end_line, empty.end_column) == (1, 1, 1, 1)
    across = source.locate(source.span(2, 8))
    assert (across.line, across.end_line, across.end_column) == (1, 2, 2)


@pytest.mark.parametrize(
    "data", [b"x\r\ny", b"x\ny", b"x\ry"], ids=["crlf", "lf", "cr"]
)
def test_read_source_normalises_and_names_the_file(tmp_path, data):
    path = tmp_path / "ch1.txt"
    path.write_bytes(data)
    source = read_source(path, "chapters/ch1.txt")
    assert source.path == "chapters/ch1.txt"
    assert source.text == "x\ny"
    assert read_source(path).path == path.as_posix()


def test_read_source_missing_file_raises_oserror(tmp_path):
    with pytest.raises(OSError):
        read_source(tmp_path / "missing.txt")


def test_records_filled_directly_keep_their_signature_defaults_and_frozenness():
    span = Span("a.md", 1, 4)
    assert Span(path="a.md", start=1, end=4) == span and span < Span("a.md", 2, 0)
    finding = Finding(span, "message")
    assert finding.fix is None and finding == Finding(span=span, message="message", fix=None)
    diagnostic = Diagnostic("CC101", "name", Severity.ERROR, "message", span)
    assert diagnostic._replace(code="CC102").code == "CC102" and diagnostic.fix is None
    assert pickle.loads(pickle.dumps(diagnostic)) == diagnostic
    with pytest.raises(AttributeError):
        span.start = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        diagnostic.code = "CC102"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Span("a.md", 1)  # type: ignore[call-arg]
