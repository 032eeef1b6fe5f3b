"""Writing files atomically (citecheck.files)."""

from __future__ import annotations

from citecheck import files
from citecheck.files import write_atomically


def test_a_text_longer_than_a_write_chunk_is_written_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "_WRITE_CHUNK", 7)  # many chunks, boundaries inside lines and characters' runs
    text = "".join(f"line {number}: é ⁴ 𝔄\r\n" for number in range(50))
    target = tmp_path / "out.txt"
    write_atomically(target, text)
    assert target.read_bytes() == text.encode("utf-8")
    assert [path.name for path in tmp_path.iterdir()] == ["out.txt"]
