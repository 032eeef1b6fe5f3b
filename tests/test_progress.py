"""The progress bar: when it is shown (not how rich draws it), and what the pipeline tells it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck import pipeline
from citecheck.cli import main
from citecheck.config import Settings
from citecheck.progress import MIN_BIB_BYTES, MIN_FILES, ProgressBar, progress_bar, progress_wanted


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Closed(io.StringIO):
    def isatty(self) -> bool:
        raise ValueError("I/O operation on closed file")


NO_CI: dict[str, str] = {}
MANY = MIN_FILES + 1
LARGE = MIN_BIB_BYTES + 1


@pytest.mark.parametrize(
    ("files", "bib_bytes", "shown"),
    [
        (MANY, 0, True),
        (1, LARGE, True),
        (MANY, LARGE, True),
        (MIN_FILES, 0, False),
        (1, MIN_BIB_BYTES, False),
        (0, 0, False),
    ],
)
def test_shown_on_a_terminal_only_when_there_is_real_waiting(files: int, bib_bytes: int, shown: bool) -> None:
    assert progress_wanted(Terminal(), files=files, bib_bytes=bib_bytes, environ=NO_CI) is shown


@pytest.mark.parametrize("stream", [io.StringIO(), Closed(), object()], ids=["pipe", "closed", "no-isatty"])
def test_never_when_standard_error_is_not_a_terminal(stream: object) -> None:
    assert not progress_wanted(stream, files=MANY, bib_bytes=LARGE, environ=NO_CI)


@pytest.mark.parametrize("value", ["true", "1", "yes"])
def test_never_when_ci_is_set(value: str) -> None:
    assert not progress_wanted(Terminal(), files=MANY, bib_bytes=LARGE, environ={"CI": value})


def test_empty_ci_counts_as_unset() -> None:
    assert progress_wanted(Terminal(), files=MANY, bib_bytes=0, environ={"CI": ""})


def test_reads_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    assert not progress_wanted(Terminal(), files=MANY, bib_bytes=LARGE)
    monkeypatch.delenv("CI")
    assert progress_wanted(Terminal(), files=MANY, bib_bytes=LARGE)


def test_bar_stays_off_for_a_short_run_or_a_pipe() -> None:
    for stream, files in ((Terminal(), 3), (io.StringIO(), MANY)):
        with progress_bar(stream, environ=NO_CI) as bar:
            bar.plan(files, 0)
            bar.file_done("a.txt")
            bar.stage("checking")
            assert not bar.active
        assert stream.getvalue() == ""


def test_bar_starts_for_a_long_run_and_stops_at_the_end() -> None:
    with progress_bar(Terminal(), environ=NO_CI) as bar:
        bar.plan(MANY, 0)
        assert bar.active
        for number in range(MANY):
            bar.file_done(f"ch{number}.txt")
        bar.stage("loading references.bib")
        bar.stage("checking")
    assert not bar.active


def test_bar_stops_when_the_run_fails() -> None:
    with pytest.raises(RuntimeError), progress_bar(Terminal(), environ=NO_CI) as bar:
        bar.plan(MANY, 0)
        raise RuntimeError("boom")
    assert not bar.active


class Recorder:
    def __init__(self) -> None:
        self.events: list[tuple[object, ...]] = []

    def plan(self, files: int, bib_bytes: int) -> None:
        self.events.append(("plan", files, bib_bytes))

    def file_done(self, display: str) -> None:
        self.events.append(("file", display))

    def stage(self, description: str) -> None:
        self.events.append(("stage", description))


def _project(tmp_path: Path, count: int) -> Path:
    for number in range(count):
        (tmp_path / f"ch{number}.md").write_text(f"Text.[^1]\n\n[^1]: Note {number}.\n", encoding="utf-8")
    return tmp_path


def test_pipeline_tells_the_progress_what_it_does(tmp_path: Path) -> None:
    project = _project(tmp_path, 3)
    bib = project / "refs.bib"
    bib.write_text("@book{a, author = {A}, title = {T}, publisher = {P}, year = {2000}}\n", encoding="utf-8")
    recorder = Recorder()
    plain = pipeline.run(Settings(root=project, bibs=(bib,)), ["."], cwd=project)
    report = pipeline.run(Settings(root=project, bibs=(bib,)), ["."], cwd=project, progress=recorder)
    assert report.diagnostics == plain.diagnostics
    assert recorder.events == [
        ("plan", 3, bib.stat().st_size),
        ("file", "ch0.md"),
        ("file", "ch1.md"),
        ("file", "ch2.md"),
        ("stage", "loading refs.bib"),
        ("stage", "checking"),
    ]


def test_pipeline_without_a_bibliography(tmp_path: Path) -> None:
    project = _project(tmp_path, 2)
    recorder = Recorder()
    pipeline.run(Settings(root=project), ["."], cwd=project, progress=recorder)
    assert recorder.events[0] == ("plan", 2, 0)
    assert ("stage", "checking") in recorder.events
    assert not any(event[0] == "stage" and "loading" in str(event[1]) for event in recorder.events)


def test_cli_output_has_no_bar_when_not_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path, MANY)
    monkeypatch.chdir(project)
    monkeypatch.delenv("CI", raising=False)
    started: list[ProgressBar] = []
    original = ProgressBar.plan

    def plan(self: ProgressBar, files: int, bib_bytes: int) -> None:
        original(self, files, bib_bytes)
        started.append(self)

    monkeypatch.setattr(ProgressBar, "plan", plan)
    result = CliRunner().invoke(main, ["run", "--output-dir", "", "."])
    assert result.exit_code == 0, result.output
    assert len(started) == 1 and not started[0].active
    assert "reading" not in result.output
