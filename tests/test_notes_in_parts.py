"""The notes of one large document read in forked processes (``run --jobs N``): the same citations."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck import forks
from citecheck.cli import main
from citecheck.errors import CitecheckError
from citecheck.readers import reader_for
from citecheck.reconcile import notes
from citecheck.source import SourceFile, read_source

ROOT = Path(__file__).resolve().parents[1]
# Real texts whose notes the read-ahead cannot take as they come: the monograph's chapter declares
# "hereafter cited as" aliases from its note 8 on (the notes after it are read again in order), and
# in Rose's Napoleon vol. 2 an alias-like ``Alison, vol. viii`` is a short form of an author cited
# in an earlier note, which the read-ahead (knowing no earlier note) cannot see.
TEXTS = ("tests/corpora/monograph/chapter.txt", "tests/corpora/books/rose-napoleon-2.txt")


def _document(name: str):
    path = ROOT / name
    return reader_for(path).read(read_source(path, name), None)


@pytest.fixture
def parts_taken(monkeypatch):
    """Every note counts as many (one process per note at most), and the parts asked for are kept."""
    taken: list[int] = []

    def spy(work, parts):
        taken.append(parts)
        return forks.in_parts(work, parts)

    monkeypatch.setattr(notes, "NOTES_PER_PROCESS", 1)
    monkeypatch.setattr(notes, "in_parts", spy)
    return taken


@pytest.mark.parametrize("name", TEXTS)
def test_notes_read_in_parts_give_the_serial_citations(name, parts_taken):
    document = _document(name)
    serial = notes.note_citations(document)
    assert parts_taken == []
    assert forks.can_fork()  # else the parts below would run here, one after another
    assert notes.note_citations(document, jobs=3) == serial
    assert parts_taken == [3]


def test_an_author_cited_before_makes_a_read_ahead_alias_a_short_form(parts_taken):
    citations = notes.note_citations(_document(TEXTS[1]), jobs=2)
    alison = [c for c in citations if c.text == "Alison, vol. viii"]
    assert [c.kind for c in alison] == ["short"]


def test_a_document_with_few_notes_is_read_here(monkeypatch):
    called = []
    monkeypatch.setattr(notes, "in_parts", lambda work, parts: called.append(parts))
    notes.note_citations(_document(TEXTS[0]), jobs=2)  # 68 notes
    assert called == []


def test_run_jobs_on_one_document_gives_the_serial_report(parts_taken, monkeypatch):
    monkeypatch.chdir(ROOT)
    args = ["run", TEXTS[0], "--config", "tests/golden/findings/settings.toml", "--output-dir", "", "--format", "json"]
    serial = CliRunner().invoke(main, [*args, "--jobs", "1"], catch_exceptions=False)
    parallel = CliRunner().invoke(main, [*args, "--jobs", "2"], catch_exceptions=False)
    assert parts_taken == [2]
    assert '"citations"' in serial.stdout
    assert (parallel.exit_code, parallel.stdout) == (serial.exit_code, serial.stdout)


def _square(part: int, parts: int) -> tuple[int, int, int]:
    return part, parts, part * part


def test_in_parts_gives_every_part_in_order():
    assert forks.in_parts(_square, 4) == [(part, 4, part * part) for part in range(4)]
    assert forks.in_parts(_square, 1) == [(0, 1, 0)]


def test_in_parts_runs_every_part_here_while_a_thread_runs():
    pids: list[int] = []
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, daemon=True)
    thread.start()
    try:
        assert forks.in_parts(lambda part, parts: pids.append(os.getpid()) or part, 3) == [0, 1, 2]
    finally:
        stop.set()
        thread.join()
    assert pids == [os.getpid()] * 3


def _dies_but_here(part: int, parts: int) -> int:
    if part:
        os._exit(3)
    return part


def test_a_part_whose_process_dies_is_a_clear_error():
    with pytest.raises(CitecheckError, match="worker process stopped before it finished.*--jobs 1"):
        forks.in_parts(_dies_but_here, 2)


def _fails_here(part: int, parts: int) -> bytes:
    if part == 0:
        raise ValueError("part 0")
    return bytes(1_000_000)  # more than a pipe holds: the process is still sending when this one fails


def _fails_here_first(part: int, parts: int) -> int:
    if part == 0:
        raise ValueError("part 0")
    time.sleep(60)  # still at work when this one fails
    return part


@pytest.mark.parametrize("work", [_fails_here, _fails_here_first])
def test_a_failure_here_leaves_no_process_behind(work):
    started = time.perf_counter()
    with pytest.raises(ValueError, match="part 0"):
        forks.in_parts(work, 2)
    assert time.perf_counter() - started < 30
    assert not [child for child in _children()]


def test_in_parts_runs_every_part_here_in_a_pool_worker(monkeypatch):
    import multiprocessing

    monkeypatch.setattr(multiprocessing.current_process(), "daemon", True, raising=False)
    pids: list[int] = []
    assert forks.in_parts(lambda part, parts: pids.append(os.getpid()) or part, 2) == [0, 1]
    assert pids == [os.getpid()] * 2


def _children() -> list[str]:
    import multiprocessing

    return [process.name for process in multiprocessing.active_children()]


# A note that declares an alias and uses it (the second), after a note citing an author of that
# surname (the first): read in order, the use is of the alias declared just before it; the read-ahead,
# which took the surname for a short form of the author cited before, is not used for such a note.
DECLARED_AND_USED = """Text.[^1] More.[^2] End.[^3]

[^1]: Robert Fell, *The Long Book* (London: Macmillan, 1990), 12.
[^2]: John Fell, *Papers of State* (Oxford: Clarendon, 1801), 3 (hereafter cited as Fell); Fell, 2:45.
[^3]: Fell, 3:10.
"""


def test_a_note_that_declares_an_alias_is_read_again_in_order(parts_taken):
    document = reader_for("notes.md").read(SourceFile("notes.md", DECLARED_AND_USED), None)
    serial = notes.note_citations(document)
    assert [c.kind for c in serial] == ["full", "full", "alias", "alias"]
    assert notes.note_citations(document, jobs=2) == serial
    assert parts_taken == [2]
