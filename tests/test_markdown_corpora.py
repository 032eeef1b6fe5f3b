"""The Markdown reader over the footnote fixtures of the parsers it builds on.

The corpora live outside the project (``../shared/corpora``; see its MANIFEST.md files) and are
read in place; the test skips cleanly when they are absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.readers.markdown import read
from citecheck.source import SourceFile

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
FIXTURE_FILES = (
    "markdown-it-footnote/footnote.txt",
    "markdown-it-footnote/footnote-prefixed.txt",
    "mdit-py-plugins-footnote/footnote.md",
)


def fixture_cases(path: Path) -> list[tuple[str, str, str]]:
    """(title, Markdown input, expected HTML) of each case in a markdown-it fixture file.

    The format: a title, a line ``.``, the input, ``.``, the expected HTML, ``.``.
    """
    cases = []
    lines = path.read_text(encoding="utf-8").split("\n")
    title: list[str] = []
    index = 0
    while index < len(lines):
        if lines[index] != ".":
            if lines[index].strip():
                title.append(lines[index].strip())
            index += 1
            continue
        end_input = lines.index(".", index + 1)
        end_output = lines.index(".", end_input + 1)
        source = "\n".join(lines[index + 1 : end_input]) + "\n"
        html = "\n".join(lines[end_input + 1 : end_output])
        cases.append((" ".join(title) or f"line {index + 1}", source, html))
        title = []
        index = end_output + 1
    return cases


def all_cases() -> list:
    params = []
    for name in FIXTURE_FILES:
        path = CORPORA / name
        if not path.is_file():
            continue
        for number, (title, source, html) in enumerate(fixture_cases(path), start=1):
            params.append(pytest.param(source, html, title, id=f"{name}#{number} {title[:40]}"))
    return params


CASES = all_cases()


@pytest.mark.skipif(not CASES, reason=f"footnote corpora not present under {CORPORA}")
@pytest.mark.parametrize(("markdown", "html", "title"), CASES or [pytest.param("", "", "", id="absent")])
def test_corpus_case(markdown, html, title):
    source = SourceFile("case.md", markdown)
    document = read(source)

    for marker in document.markers:
        text = source.text[marker.span.start : marker.span.end]
        assert text == marker.text
        if marker.style == "markdown":
            assert text == f"[^{marker.label}]"
        else:
            assert text.startswith("^[") and text.endswith("]")
    for note in document.notes:
        text = source.text[note.span.start : note.span.end]
        assert text.startswith("[^" if note.style == "markdown" else "^[")
        if note.style == "markdown":
            assert text == f"[^{note.label}]:"
    # a definition without its colon is read only where the layout says so: never in these cases
    assert not [note for note in document.notes if note.style == "colonless"]

    # Where every reference is defined, the parsers' own rendering has one footnote-ref per marker
    # (the reader also counts undefined references, which the fixtures render as text). Cases
    # rendered with other parser options (code blocks disabled) are not comparable.
    defined = {note.label for note in document.notes}
    if "DISABLE-CODEBLOCKS" not in title and all(marker.label in defined for marker in document.markers):
        assert html.count('class="footnote-ref"') == len(document.markers)


def test_corpus_parser_reads_the_format(tmp_path):
    sample = tmp_path / "cases.txt"
    sample.write_text("\nTitle one:\n.\na[^1]\n\n[^1]: b\n.\n<p>html</p>\n.\n\nTwo\n.\nx\n.\ny\n.\n", encoding="utf-8")
    assert fixture_cases(sample) == [("Title one:", "a[^1]\n\n[^1]: b\n", "<p>html</p>"), ("Two", "x\n", "y")]
