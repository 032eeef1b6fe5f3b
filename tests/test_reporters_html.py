"""The HTML reporter: a golden file, no external resources, escaping, and what a reader sees in
headless Chromium (Debian's ``chromium`` package; these tests skip when it is absent).

Regenerate the golden file after a deliberate change with::

    CITECHECK_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_reporters_html.py
"""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import citecheck
from citecheck.diagnostics import Diagnostic, Severity
from citecheck.model import Document, Marker, Note
from citecheck.report import Report
from citecheck.reporters import REPORT_FILES, REPORTERS
from citecheck.reporters import html as html_reporter
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


def test_no_external_resources(report):
    page = html_reporter.render(report, color=False)
    parser = _Resources()
    parser.feed(page)
    assert parser.urls == []  # inline CSS and JS only: nothing to fetch at all
    assert "<script src" not in page and "<link" not in page and "<img" not in page
    assert not re.search(r"https?://", page)
    assert not re.search(r"@import|url\(", page)
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
    parser = _Resources()
    parser.feed(page)
    assert parser.urls == []


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


def test_empty_report():
    page = html_reporter.render(Report.build((), ()), color=False)
    assert "No findings." in page and 'id="filters"' not in page


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

