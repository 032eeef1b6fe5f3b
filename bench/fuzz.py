"""Benchmark: a bounded fuzzing run, with the figures issue 13 asks for (inputs per target, crashes).

    .venv/bin/python bench/fuzz.py [--examples 1500] [--docx-examples 150]

Runs tests/test_fuzz.py (what ``make fuzz`` runs, with fewer inputs so that ``make bench`` stays
near a minute) under pytest with Hypothesis's statistics, then prints for each target (each
reader, the bib loader, the exporter, the Word reader) the inputs it was given and whether it
failed. The Word targets build a zip package per input, a hundred times slower than the text
ones, so they get ``--docx-examples``. Goal: crashes 0; exit status 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FUZZ_TESTS = "tests/test_fuzz.py"
WORD_TARGETS = "docx"  # the -k expression of the slow targets

# Hypothesis's statistics: a target's header, then a line per phase with its test cases.
_TARGET = re.compile(r"^tests/test_fuzz\.py::(test_\w+):$", re.M)
_CASES = re.compile(r"(\d+) passing, (\d+) failing, and (\d+) invalid test cases")
_FAILED = re.compile(r"^FAILED tests/test_fuzz\.py::(test_\w+)", re.M)


def fuzz(examples: int, selection: str) -> tuple[dict[str, int], set[str], int]:
    """Run the fuzz targets chosen by ``selection`` (a pytest -k expression) with ``examples``
    inputs each: the inputs each target ran, the targets that failed, pytest's exit status."""
    environment = {**os.environ, "CITECHECK_FUZZ_EXAMPLES": str(examples)}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider", "-rf",
               FUZZ_TESTS, "-k", selection, "--hypothesis-show-statistics"]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True)
    inputs: dict[str, int] = {}
    headers = list(_TARGET.finditer(done.stdout))
    for header, following in zip(headers, [*headers[1:], None]):
        section = done.stdout[header.end() : following.start() if following else len(done.stdout)]
        inputs[header.group(1)] = sum(int(passing) + int(failing) for passing, failing, _ in _CASES.findall(section))
    if done.returncode not in (0, 1):  # 1: tests failed (counted below); anything else: pytest could not run
        raise SystemExit(f"pytest could not run the fuzz targets ({done.returncode}):\n{done.stdout}{done.stderr}")
    return inputs, set(_FAILED.findall(done.stdout)), done.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=1500, help="inputs per text target (readers, bib loader, exporter)")
    parser.add_argument("--docx-examples", type=int, default=150, help="inputs per Word target")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    inputs, failed, _ = fuzz(args.examples, f"not {WORD_TARGETS}")
    word_inputs, word_failed, _ = fuzz(args.docx_examples, WORD_TARGETS)
    inputs.update(word_inputs)
    failed |= word_failed
    print(f"fuzzing ({FUZZ_TESTS}, Hypothesis), {time.perf_counter() - started:.0f} s")
    for target, count in inputs.items():
        print(f"  {target.removeprefix('test_fuzz_'):28s} {count:6d} inputs, {'CRASHED' if target in failed else 'crashes: 0'}")
    crashes = len(failed)
    print(f"  {sum(inputs.values())} inputs over {len(inputs)} targets; crashes: {crashes}, goal 0: {'ok' if crashes == 0 else 'MISSED'}")
    return 0 if crashes == 0 and inputs else 1


if __name__ == "__main__":
    sys.exit(main())
