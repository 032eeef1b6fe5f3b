"""The kill-loop: ``kill -9`` at random points of ``citecheck export --in-place``.

    .venv/bin/python bench/kill_loop.py [--megabytes 30] [--rounds 20] [--seed 12]

Writes a bibliography of about ``--megabytes`` MB (unsorted keys, values in quotes, so the
export changes every entry), exports a copy once to learn the new bytes and how long a run
takes, then ``--rounds`` times: puts the old bytes back with mode 0640, starts
``citecheck export --in-place``, kills it with SIGKILL after a random time between 0 and 1.2
times a full run, and checks that the file holds exactly the old or the new bytes, still has
mode 0640, and that nothing was left beside it. Prints how many rounds ended with the old file,
how many with the new, and the time of one in-place run against ``-o`` to another file (the
peer: an export that replaces nothing). Exit status 1 when any round broke the promise.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MODE = 0o640


def make_bib(path: Path, megabytes: float, rng: random.Random) -> None:
    """A bibliography of about ``megabytes`` MB whose export differs from it in every entry."""
    words = "soviet history of the state power war peace economy labour camp party terror archive".split()
    chunks, size, number = [], 0, 0
    while size < megabytes * 1_000_000:
        title = " ".join(rng.choice(words) for _ in range(8))
        entry = (
            f'@Article{{key{rng.randrange(10**9):09d}{number},\n  title = "{title.capitalize()}",\n'
            f'  author = "Smith, John and Doe, Jane",\n  journal = "Journal of {rng.choice(words)}",\n'
            f'  year = {1900 + number % 120}, pages = "{number % 500}-{number % 500 + 20}",\n'
            f'  abstract = "{" ".join(rng.choice(words) for _ in range(40))}"\n}}\n\n'
        )
        chunks.append(entry)
        size += len(entry)
        number += 1
    path.write_text("".join(chunks), encoding="utf-8")


def _export(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "citecheck", "export", *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def kill_loop(bib: Path, rounds: int, rng: random.Random) -> tuple[dict[str, int], float, float]:
    """Run the loop on ``bib``; returns the outcomes (old, new, broken), and the seconds of one
    in-place run and of one ``-o`` run. Every broken round is printed."""
    old = bib.read_bytes()
    beside = bib.with_name("exported.bib")
    started = time.perf_counter()
    _export(str(bib), "-o", str(beside)).wait()
    peer = time.perf_counter() - started
    new = beside.read_bytes()
    beside.unlink()
    os.chmod(bib, MODE)
    started = time.perf_counter()
    _export(str(bib), "--in-place").wait()
    whole = time.perf_counter() - started
    assert bib.read_bytes() == new, "the in-place export differs from the -o export"
    expected = sorted(path.name for path in bib.parent.iterdir())
    outcomes = {"old": 0, "new": 0, "broken": 0}
    for number in range(rounds):
        bib.write_bytes(old)
        os.chmod(bib, MODE)
        process = _export(str(bib), "--in-place")
        time.sleep(rng.uniform(0, whole * 1.2))
        process.kill()
        process.wait()
        data = bib.read_bytes()
        problems = []
        if data not in (old, new):
            problems.append(f"{len(data)} bytes that are neither the old nor the new file")
        if os.stat(bib).st_mode & 0o7777 != MODE:
            problems.append(f"mode {os.stat(bib).st_mode & 0o7777:o}")
        left = sorted(set(path.name for path in bib.parent.iterdir()) - set(expected))
        if left:
            problems.append(f"left beside it: {', '.join(left)}")
        if problems:
            outcomes["broken"] += 1
            print(f"round {number + 1}: " + "; ".join(problems))
        else:
            outcomes["old" if data == old else "new"] += 1
    return outcomes, whole, peer


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=30)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="citecheck-kill-"))
    try:
        bib = folder / "refs.bib"
        make_bib(bib, args.megabytes, rng)
        size = bib.stat().st_size / 1_000_000
        outcomes, whole, peer = kill_loop(bib, args.rounds, rng)
    finally:
        shutil.rmtree(folder)
    print(
        f"kill -9 loop on a {size:.1f} MB file, {args.rounds} rounds: {outcomes['old']} old, {outcomes['new']} new, "
        f"{outcomes['broken']} broken; one --in-place run {whole:.2f} s vs -o {peer:.2f} s "
        f"(ratio {whole / peer:.2f})"
    )
    return 1 if outcomes["broken"] else 0


if __name__ == "__main__":
    sys.exit(main())
