"""The HTML reporter: a golden file, no external resources, escaping, and what a reader sees in
headless Chromium (Debian's ``chromium`` package; these tests skip when it is absent).

Regenerate the golden file after a deliberate change with::

    CITECHECK_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_reporters_html.py
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

import citecheck
from citecheck.diagnostics import Diagnostic, Severity
from citecheck.model import Citation, Document, Marker, Note
from citecheck.report import Report
from citecheck.reporters import REPORT_FILES, REPORTERS
from citecheck.reporters import html as html_reporter
from citecheck.rules import whole_file
from citecheck.source import SourceFile
from tests.test_reporters import build_report, check_golden


@pytest.fixture
def report(monkeypatch):
    monkeypatch.setattr(citecheck, "__version__", "0.0.0-golden")
    return build_report()


def test_golden(report):
    check_golden("report.html", REPORTERS["html"].render(report, color=False))


def test_deterministic_and_registered():
    assert html_reporter.render(build_report(), color=False) == html_reporter.render(build_report(), color=False)
    assert dict(REPORT_FILES)["citecheck.html"] == "html"


class _Resources(HTMLParser):
    """Every URL-bearing attribute of the page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in {"src", "href", "srcset", "action", "poster", "data", "xlink:href"} and value is not None:
                self.urls.append((tag, name, value))


def _links_inside(page: str) -> bool:
    """Whether every URL of the page is a link to an element of the page itself."""
    parser = _Resources()
    parser.feed(page)
    ids = set(re.findall(r' id="([^"]+)"', page))
    return all(tag == "a" and name == "href" and url[:1] == "#" and url[1:] in ids for tag, name, url in parser.urls)


def test_no_external_resources(report):
    page = html_reporter.render(report, color=False)
    assert _links_inside(page)  # inline CSS and JS only: nothing to fetch at all
    assert "<script src" not in page and "<link" not in page and "<img" not in page
    assert not re.search(r"https?://", page)
    assert not re.search(r"@import|url\(", page)
    parser = _Resources()
    parser.feed(page)
    assert "script" in parser.tags and "style" in parser.tags


def test_escapes_everything_from_the_manuscript():
    evil = '<script>alert("x")</script> & <img src=http://example.com/a.png>.1\x0c'
    source = SourceFile('a<b>"&.txt', evil + "\n")
    start = evil.index(".1") + 1
    marker = Marker("1", 1, "1", source.span(start, start + 1), "punctuation")
    diagnostic = Diagnostic(
        "CC101", "missing-note", Severity.ERROR, 'marker 1 <b>has</b> no note "&"', source.span(start, start + 1)
    )
    report = Report.build((Document(source, "plaintext", (marker,), ()),), [diagnostic])
    page = html_reporter.render(report, color=False)
    assert "<script>alert" not in page and "<img" not in page and "<b>has</b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "a&lt;b&gt;&quot;&amp;.txt:1:" in page
    assert "\x0c" not in page and "\u240c" in page
    assert _links_inside(page)


def test_sequence_cells():
    text = "a.1 b.2 c.8 d.6\n"
    source = SourceFile("s.txt", text)

    def marker(needle, number, intended=None):
        at = text.index(needle) + 2
        return Marker(str(number), number, str(number), source.span(at, at + 1), "punctuation", 0, intended)

    def note(number):
        return Note(str(number), number, "n", source.span(0, 1), (source.span(0, 1),), "numbered")

    document = Document(
        source, "plaintext",
        (marker("a.1", 1), marker("b.2", 2), marker("c.8", 8, intended=3), marker("d.6", 6)),
        (note(1), note(3), note(4)),
    )  # fmt: skip
    cells = html_reporter._number_cells(document, 0)
    assert [(label, state) for label, state, _ in cells] == [
        ("1", "both"), ("2", "marker"), ("3", "misread"), ("4", "note"), ("5", "gap"), ("6", "marker"),
    ]  # fmt: skip
    assert cells[2][2] == "3: marker written as 8 (misread), note present"


def test_huge_numbers_are_capped():
    source = SourceFile("s.txt", "x.1 y.1939\n")
    markers = (
        Marker("1", 1, "1", source.span(2, 3), "punctuation"),
        Marker("99999", 99999, "99999", source.span(6, 10), "punctuation"),
    )
    cells = html_reporter._number_cells(Document(source, "plaintext", markers, ()), 0)
    assert len(cells) == html_reporter.MAX_CELLS + 1 and cells[-1][0] == "…"


def test_a_code_with_very_many_findings_in_a_file_is_listed_up_to_a_limit(monkeypatch):
    """Past FINDINGS_PER_CODE findings of one code in a file, one line says how many more (the
    page of a 120,000-entry bibliography's unused entries would not open); the counts stay whole."""
    report = build_report()
    per_file_code = Counter((d.span.path, d.code) for d in report.diagnostics)
    (path, code), most = per_file_code.most_common(1)[0]
    assert most >= 2
    full = html_reporter.render(report, color=False)
    monkeypatch.setattr(html_reporter, "FINDINGS_PER_CODE", most - 1)
    page = html_reporter.render(report, color=False)
    assert page.count(f'data-code="{code}"') == full.count(f'data-code="{code}"')  # listed - 1, + the line
    assert page.count('class="finding more ') == sum(1 for n in per_file_code.values() if n >= most)
    assert f"and 1 more {code} finding in this file" in page
    assert page.count('<li class="finding ') == full.count('<li class="finding ')
    monkeypatch.setattr(html_reporter, "FINDINGS_PER_CODE", most)
    assert html_reporter.render(report, color=False) == full


def test_empty_report():
    page = html_reporter.render(Report.build((), ()), color=False)
    assert "No findings." in page and 'id="filters"' not in page


# --- a project: findings by file, the bibliographies apart, clean files one line each --------

LONG_KEY = "x" * 400  # a key with nothing to break it: the page must wrap it, not widen


def build_project_report() -> Report:
    """A thesis in the shape of tests/projects/latex-thesis: a main file and its parts, two
    bibliographies, a file no reader knows; two parts and one bibliography have no findings."""
    main = SourceFile("thesis.tex", "\\input{macros}\n\\input{chapters/discussion}\n\\bibliography{refs/thesis,refs/lab}\n")
    macros = SourceFile("macros.tex", "\\newcommand{\\inlinecite}[1]{\\cite{#1}}\n")
    intro_text = f"Ledgers \\citep{{okafor2004}}.\\footnote{{See \\cite{{{LONG_KEY}}}.}} Lost \\citep{{haraldsen1987}}.\n"
    intro = SourceFile("chapters/intro.tex", intro_text)
    method_text = "Rolls.\\footnote{Transcribed.}\n"
    method = SourceFile("chapters/method.tex", method_text)
    thesis_bib = SourceFile("refs/thesis.bib", "@book{sellars1990,\n  title = {Harbours},\n}\n")

    def at(source, needle):
        start = source.text.index(needle)
        return source.span(start, start + len(needle))

    def footnote(source, needle, body):
        return (
            Marker("1", 1, needle, at(source, needle), "footnote"),
            Note("1", 1, body, at(source, needle), (at(source, body),), "footnote"),
        )

    intro_marker, intro_note = footnote(intro, "\\footnote", f"See \\cite{{{LONG_KEY}}}.")
    method_marker, method_note = footnote(method, "\\footnote", "Transcribed.")
    citations = tuple(
        Citation("key", key, at(intro, key), None, key, None) for key in ("okafor2004", LONG_KEY, "haraldsen1987")
    )
    documents = (
        Document(main, "latex", (), ()),
        Document(macros, "latex", (), ()),
        Document(intro, "latex", (intro_marker,), (intro_note,), citations),
        Document(method, "latex", (method_marker,), (method_note,)),
    )
    diagnostics = [
        Diagnostic("CC006", "missing-file", Severity.ERROR,
                   "included file 'chapters/discussion' not found (looked for chapters/discussion.tex, chapters/discussion)",
                   at(main, "chapters/discussion")),
        Diagnostic("CC201", "unknown-key", Severity.ERROR, "unknown key 'haraldsen1987': no entry has it",
                   at(intro, "haraldsen1987")),
        Diagnostic("CC201", "unknown-key", Severity.ERROR, f"unknown key '{LONG_KEY}': no entry has it",
                   at(intro, LONG_KEY)),
        Diagnostic("CC307", "unused-entry", Severity.WARNING, "no manuscript cites sellars1990",
                   at(thesis_bib, "sellars1990")),
        Diagnostic("CC001", "unreadable-file", Severity.ERROR, "cannot read appendix.tex: Permission denied",
                   whole_file("appendix.tex")),
    ]  # fmt: skip
    return Report.build(
        documents, diagnostics, sources=(thesis_bib,),
        bibliographies=("refs/thesis.bib", "refs/lab.bib"), skipped=("figures/harbour.tikz",),
    )  # fmt: skip


@pytest.fixture
def project(monkeypatch):
    monkeypatch.setattr(citecheck, "__version__", "0.0.0-golden")
    return build_project_report()


def test_project_golden(project):
    check_golden("report-project.html", html_reporter.render(project, color=False))


def _groups(page: str) -> list[str]:
    return re.findall(r'<details class="file" id="[^"]+" data-path="([^"]+)"', page)


def test_project_findings_come_first_grouped_by_file_with_the_bibliographies_apart(project):
    page = html_reporter.render(project, color=False)
    assert _groups(page) == ["thesis.tex", "chapters/intro.tex", "refs/thesis.bib", "appendix.tex"]
    documents, bibliographies, others, sequences = (
        page.index(f"<h2>{title}</h2>") for title in ("Documents", "Bibliographies", "Other files", "Note sequences")
    )
    assert page.index('id="filters"') < documents < bibliographies < others < sequences
    # within a section, the files with findings before the one-line list of the others
    assert page.index('data-path="chapters/intro.tex"') < page.index('<span class="path">macros.tex</span>') < bibliographies
    assert page.index('data-path="refs/thesis.bib"') < page.index('<span class="path">refs/lab.bib</span>') < others
    assert "2 documents without findings" in page and "1 bibliography without findings" in page
    assert "No findings" not in page and "No markers or notes" not in page


def test_project_remarks_and_index(project):
    page = html_reporter.render(project, color=False)
    assert '<ul class="remarks" id="remarks"><li>not read, no reader knows them: figures/harbour.tikz</li></ul>' in page
    index = re.search(r'<ul class="index".*?</ul>', page).group(0)
    assert re.findall(r'href="#([^"]+)"', index) == ["file-1", "file-3", "file-5", "file-7"]
    assert _links_inside(page)
    no_bibliography = Report.build(project.documents, (), sources=())
    page = html_reporter.render(no_bibliography, color=False)
    assert "<li>citations not checked: no bibliography</li>" in page and "Bibliograph" not in page


def test_sequences_only_for_documents_with_markers_or_notes(project):
    page = html_reporter.render(project, color=False)
    drawn = re.findall(r'<section class="document" id="(sequence-\d+)" data-path="([^"]+)"', page)
    assert [path for _, path in drawn] == ["chapters/intro.tex", "chapters/method.tex"]
    # the document's line links to its picture, whether it has findings or not
    for anchor, _ in drawn:
        assert page.count(f'href="#{anchor}"') == 1


def test_many_documents_stay_one_line_each():
    """biblatex's 52 examples in one run: the clean ones fold into one list of one line each."""
    sources = [SourceFile(f"{number:02}-example.tex", "\\cite{key}\n") for number in range(52)]
    documents = [Document(source, "latex", (), ()) for source in sources]
    findings = [
        Diagnostic("CC201", "unknown-key", Severity.ERROR, "unknown key 'key': no entry has it", source.span(6, 9))
        for source in sources[:5]
    ]
    page = html_reporter.render(Report.build(documents, findings, bibliographies=("examples.bib",)), color=False)
    assert len(_groups(page)) == 5
    clean = re.search(r'<details class="clean-files"( open)?><summary>47 documents without findings</summary>', page)
    assert clean is not None and clean.group(1) is None  # folded: more than CLEAN_OPEN lines
    assert page.count('<li><span class="path">') == 47 + 1  # and the clean bibliography
    assert '<details class="clean-files" open><summary>1 bibliography without findings' in page


# --- headless Chromium ------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (Debian package `chromium`)")
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def _page(tmp_path: Path) -> Path:
    page = tmp_path / "citecheck.html"
    page.write_text(html_reporter.render(build_report(), color=False), encoding="utf-8")
    return page


class _Findings(HTMLParser):
    """The ``li.finding`` elements of a dumped DOM: their code and whether they are hidden."""

    def __init__(self) -> None:
        super().__init__()
        self.findings: list[tuple[str, bool]] = []
        self.shown: str | None = None
        self._in_shown = False

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "li" and "finding" in (found.get("class") or "").split():
            self.findings.append((found["data-code"], "hidden" in found))
        self._in_shown = found.get("id") == "shown"

    def handle_data(self, data):
        if self._in_shown:
            self.shown = data
            self._in_shown = False


def _dump(tmp_path: Path, url: str) -> str:
    result = _chromium(tmp_path, "--dump-dom", url)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "</html>" in result.stdout, result.stderr[-2000:]
    return result.stdout


def test_chromium_shows_counts_findings_and_sequences(tmp_path):
    page = _page(tmp_path)
    dom = _dump(tmp_path, page.as_uri())
    # the summary a reader sees: 4 errors, 4 warnings, 2 documents, 7 markers, 5 notes
    for kind, count in [("error", 4), ("warning", 4), ("documents", 2), ("markers", 7), ("notes", 5)]:
        assert re.search(rf'data-count="{kind}"><span class="count">{count}</span>', dom), kind
    assert "marker 5 has no note: the last note is 3 (line 3)" in dom
    assert dom.count('class="strip"') == 2  # one sequence picture per document
    assert '<span class="cell misread" title="3: marker written as 8 (misread), note present">3</span>' in dom
    assert '<span class="cell marker" title="5: marker only (no note)">5</span>' in dom
    parser = _Findings()
    parser.feed(dom)
    assert len(parser.findings) == 8 and not any(hidden for _, hidden in parser.findings)
    assert parser.shown == "8"  # the script ran


def test_chromium_filter_from_the_address(tmp_path):
    page = _page(tmp_path)
    dom = _dump(tmp_path, page.as_uri() + "?code=CC101")
    parser = _Findings()
    parser.feed(dom)
    shown = [code for code, hidden in parser.findings if not hidden]
    hidden = [code for code, hidden in parser.findings if hidden]
    assert shown == ["CC101"] * 3
    assert sorted(hidden) == ["CC001", "CC002", "CC102", "CC105", "CC107"]
    assert parser.shown == "3"
    dom = _dump(tmp_path, page.as_uri() + "?code=CC101,CC105&severity=warning")
    parser = _Findings()
    parser.feed(dom)
    assert [code for code, hidden in parser.findings if not hidden] == ["CC105"]


def test_chromium_screenshot(tmp_path):
    page = _page(tmp_path)
    shot = tmp_path / "shot.png"
    result = _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,900", page.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 5000
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 900)



# What the page measures of itself once laid out: added to a copy of the page for the test only.
MEASURE = """<script>
var widest = 0;
document.querySelectorAll('.excerpt, .message, .path').forEach(function (element) {
  widest = Math.max(widest, element.scrollWidth - element.clientWidth);
});
document.body.dataset.overflow = String(widest);
document.body.dataset.pageWidth = String(document.documentElement.scrollWidth - document.documentElement.clientWidth);
</script>
</body>"""


def test_chromium_wraps_long_lines_and_keys(tmp_path):
    page = tmp_path / "citecheck.html"
    page.write_text(html_reporter.render(build_project_report(), color=False).replace("</body>", MEASURE), encoding="utf-8")
    result = _chromium(tmp_path, "--window-size=700,900", "--dump-dom", page.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    assert re.search(r'<body data-overflow="0" data-page-width="0"', result.stdout), result.stdout[:3000]


def test_chromium_filter_hides_the_files_left_without_findings(tmp_path):
    page = tmp_path / "citecheck.html"
    page.write_text(html_reporter.render(build_project_report(), color=False), encoding="utf-8")
    dom = _dump(tmp_path, page.as_uri() + "?code=CC201")
    shown = re.findall(r'<details class="file" id="[^"]+" data-path="([^"]+)" open="">', dom)
    hidden = re.findall(r'<details class="file" id="[^"]+" data-path="([^"]+)" open="" hidden="">', dom)
    assert shown == ["chapters/intro.tex"]
    assert hidden == ["thesis.tex", "refs/thesis.bib", "appendix.tex"]
    assert re.search(r'<li data-group="file-3"><a', dom) and re.search(r'<li data-group="file-1" hidden="">', dom)


def test_a_book_of_many_chapter_files_names_a_few():
    """An EPUB's notes stand in one file per chapter: its line names three and counts the rest."""
    chapters = tuple(SourceFile(f"book.epub/OEBPS/ch{n}.xhtml", "x.1\n") for n in range(1, 9))
    marker = Marker("1", 1, "1", chapters[4].span(2, 3), "superscript")
    finding = Diagnostic("CC101", "missing-note", Severity.ERROR, "marker 1 has no note", marker.span)
    book = Document(SourceFile("book.epub", ""), "epub", (marker,), (), note_sources=chapters)
    page = html_reporter.render(Report.build((book,), (finding,)), color=False)
    assert _groups(page) == ["book.epub"]
    assert page.count("book.epub/OEBPS/ch") == 3 + 1  # three named, and the place of the finding
    assert "book.epub/OEBPS/ch3.xhtml</span> and 5 more files" in page
