"""``export --in-place``: what the user set is kept (mode, owner), read-only and foreign files
are refused without --force, a file that was not read losslessly is never written, and a
``kill -9`` at any moment leaves the old file or the new one, with its mode, and nothing beside."""

from __future__ import annotations

import os
import random
import stat
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck import files
from citecheck.cli import main
from citecheck.errors import OutputError

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import kill_loop  # noqa: E402  (bench/kill_loop.py: the same loop on 30 MB)

BIB = '@Book{b, title = "B", year = 1999}\n@Book{a, title = "A", year = 1999}\n'


@pytest.fixture
def bib(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    return path


def export(*args: str):
    return CliRunner().invoke(main, ["export", *args])


def test_in_place_keeps_the_mode_and_leaves_nothing_beside(bib):
    os.chmod(bib, 0o640)
    result = export("refs.bib", "--in-place")
    assert result.exit_code == 0, result.output
    assert bib.read_text().startswith("@book{a,")
    assert stat.S_IMODE(bib.stat().st_mode) == 0o640
    assert sorted(path.name for path in bib.parent.iterdir()) == ["refs.bib"]


def test_a_read_only_file_is_refused_unless_forced(bib):
    os.chmod(bib, 0o444)
    result = export("refs.bib", "--in-place")
    assert result.exit_code == 2 and "read-only (give --force" in result.stderr
    assert bib.read_text() == BIB
    assert export("refs.bib", "--in-place", "--force").exit_code == 0
    assert bib.read_text().startswith("@book{a,") and stat.S_IMODE(bib.stat().st_mode) == 0o444


def test_a_file_of_another_user_is_refused_unless_forced(bib, monkeypatch):
    monkeypatch.setattr(os, "geteuid", lambda: bib.stat().st_uid + 1)
    result = export("refs.bib", "--in-place")
    assert result.exit_code == 2 and "belongs to another user" in result.stderr
    assert bib.read_text() == BIB


def test_the_owner_and_group_are_given_back_where_permitted(bib, monkeypatch):
    given = []
    monkeypatch.setattr(os, "fchown", lambda fd, uid, gid: given.append((uid, gid)))
    files.replace_in_place(bib, "new\n", "refs.bib")
    info = bib.stat()
    assert given == [(info.st_uid, info.st_gid)] and bib.read_text() == "new\n"


def test_without_unnamed_files_the_named_temporary_goes_too(bib, monkeypatch):
    monkeypatch.delattr(os, "O_TMPFILE", raising=False)
    os.chmod(bib, 0o600)
    files.replace_in_place(bib, "new\n", "refs.bib")
    assert bib.read_text() == "new\n" and stat.S_IMODE(bib.stat().st_mode) == 0o600
    assert sorted(path.name for path in bib.parent.iterdir()) == ["refs.bib"]


def test_a_fifo_is_neither_read_nor_rewritten(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    os.mkfifo(tmp_path / "refs.bib")
    result = export("refs.bib", "--in-place")
    assert result.exit_code == 2 and "not a regular file: it is a FIFO" in result.stderr
    with pytest.raises(OutputError, match="not a regular file"):
        files.replace_in_place(tmp_path / "refs.bib", "x", "refs.bib")


def test_a_file_read_with_a_fallback_encoding_is_never_written_in_place(bib):
    bib.write_bytes(b'@book{a, title = "Caf\xe9"}\n')
    result = export("refs.bib", "--in-place")
    assert result.exit_code == 2 and "not UTF-8" in result.stderr and "use -o FILE" in result.stderr
    assert bib.read_bytes() == b'@book{a, title = "Caf\xe9"}\n'


def test_kill_9_at_random_points_leaves_the_old_or_the_new_file(tmp_path):
    rng = random.Random(7)
    bib = tmp_path / "refs.bib"
    kill_loop.make_bib(bib, 0.5, rng)
    outcomes, _, _ = kill_loop.kill_loop(bib, 5, rng)
    assert outcomes["broken"] == 0, outcomes
    assert outcomes["old"] + outcomes["new"] == 5
