"""``citecheck run --jobs N``: worker processes read the files; the report is the serial one."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck import pipeline
from citecheck.cli import main
from citecheck.commands.run import available_cores, parse_jobs
from citecheck.config import load_settings
from citecheck.errors import CitecheckError, UsageError

ROOT = Path(__file__).resolve().parents[1]
ISOLATED = ("--config", "tests/golden/findings/settings.toml")  # no settings at all

CASES = {
    "example": ("--output-dir", ""),  # the project's own [tool.citecheck]: two sources, a .bib
    # every fixture and small corpus in one run, with a missing file and a .bib given as a
    # manuscript (CC001, CC003) among them, so problems and documents interleave
    "fixtures": ("tests/fixtures", "missing-chapter.txt", "tests/corpora/essay/references.bib",
                 "tests/corpora/essay", "tests/corpora/heldout", "tests/corpora/historians",
                 *ISOLATED, "--output-dir", ""),  # fmt: skip
    "monograph with its bibliography": ("tests/corpora/monograph", "--bib", "tests/corpora/monograph/references.bib",
                                        *ISOLATED, "--output-dir", ""),  # fmt: skip
}


def _run(args: tuple[str, ...], jobs: str, monkeypatch) -> tuple[int, str]:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["run", *args, "--format", "json", "--jobs", jobs], catch_exceptions=False)
    return result.exit_code, result.stdout


@pytest.mark.parametrize("case", CASES)
def test_jobs_give_the_serial_report(case, monkeypatch):
    serial = _run(CASES[case], "1", monkeypatch)
    assert '"documents"' in serial[1]
    assert _run(CASES[case], "2", monkeypatch) == serial
    assert _run(CASES[case], "5", monkeypatch) == serial  # more workers than most folders have files


def _items():
    settings = load_settings(str(ROOT / ISOLATED[1]))
    small = ["tests/corpora/essay", "tests/corpora/heldout", "tests/corpora/monograph"]
    return settings, pipeline.collect_sources(settings, small, cwd=ROOT)


def test_workers_start_from_a_server_while_a_thread_runs():
    """With a thread alive (the progress bar's), workers are not forked from this process."""
    settings, items = _items()
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    try:
        assert pipeline._start_method() in ("forkserver", "spawn")
        parallel = pipeline.read_documents(items, settings, cwd=ROOT, jobs=2)
    finally:
        stop.set()
        thread.join()
    assert parallel == pipeline.read_documents(items, settings, cwd=ROOT, jobs=1)


def _worker_dies(task):
    os._exit(3)


def test_a_worker_that_dies_is_a_clear_error(monkeypatch):
    settings, items = _items()
    monkeypatch.setattr(pipeline, "_read_one", _worker_dies)
    with pytest.raises(CitecheckError, match="worker process stopped before it finished.*--jobs 1"):
        pipeline.read_documents(items, settings, cwd=ROOT, jobs=2)


@pytest.mark.parametrize(("value", "expected"), [("1", 1), ("2", 2), ("16", 16), (" 3 ", 3)])
def test_parse_jobs(value, expected):
    assert parse_jobs(value) == expected


@pytest.mark.parametrize("value", ["0", "auto", "AUTO"])
def test_zero_and_auto_mean_one_per_core(value):
    assert parse_jobs(value) == available_cores() >= 1


@pytest.mark.parametrize("value", ["", "-1", "1.5", "two", "²", "1e3"])
def test_bad_jobs_are_refused(value):
    with pytest.raises(UsageError, match="--jobs takes a number of processes"):
        parse_jobs(value)


def test_bad_jobs_on_the_command_line_exit_2(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["run", "examples/essay.txt", "--jobs", "many"])
    assert result.exit_code == 2
    assert "--jobs takes a number of processes (1, 2, ...) or 0 or auto for one per core, not 'many'" in result.output
