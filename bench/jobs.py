"""Benchmark: ``citecheck run --jobs N`` against the serial run (``--jobs 1``) on the books.

    python bench/jobs.py [--jobs 2] [--repeats 3] [PATH ...]

Runs the whole command (a fresh process each time) on ``tests/corpora/books`` (or PATHs),
serial and with ``--jobs N`` in turn, ``--repeats`` times each, and prints the median wall
time of each, the speed-up, and the CPU seconds each spent (its workers included). The
machine's load average and cores are printed beside them: on a shared machine the speed-up is
bounded by the cores the others leave (with Linux's autogroup scheduling, by one session's
share of them while other sessions are busy). The status is 1 when the two reports differ in any byte
(the one goal: the same output); the speed-up is a measurement.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BOOKS = ROOT / "tests" / "corpora" / "books"
SETTINGS = ROOT / "tests" / "golden" / "findings" / "settings.toml"  # no settings at all


def run_once(paths: list[str], jobs: int) -> tuple[float, float, bytes]:
    """Wall seconds, CPU seconds (the process and its workers) and the JSON report of one run."""
    command = [sys.executable, "-m", "citecheck", "run", *paths, "--config", str(SETTINGS),
               "--output-dir", "", "--format", "json", "--jobs", str(jobs)]  # fmt: skip
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"citecheck run --jobs {jobs} failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def _autogroup() -> bool:
    try:
        return Path("/proc/sys/kernel/sched_autogroup_enabled").read_text().strip() == "1"
    except OSError:
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(BOOKS.relative_to(ROOT))])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    times: dict[int, list[tuple[float, float]]] = {1: [], args.jobs: []}
    reports: dict[int, set[bytes]] = {1: set(), args.jobs: set()}
    for _ in range(args.repeats):
        for jobs in times:  # in turn, so a change in the machine's load falls on both
            wall, cpu, report = run_once(args.paths, jobs)
            times[jobs].append((wall, cpu))
            reports[jobs].add(report)
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"citecheck run {' '.join(args.paths)}: {cores} cores, load average {load} (other work shares them)")
    if _autogroup():
        print("  the kernel shares the cores between sessions (sched_autogroup): while other sessions keep them "
              "busy, this session's workers share one session's part")  # fmt: skip
    serial = statistics.median(wall for wall, _ in times[1])
    for jobs, measured in times.items():
        wall = statistics.median(w for w, _ in measured)
        cpu = statistics.median(c for _, c in measured)
        print(f"  --jobs {jobs}: {wall:6.2f} s wall (median of {args.repeats}), {cpu:6.2f} s CPU, "
              f"speed-up {serial / wall:4.2f}x against --jobs 1")  # fmt: skip
    same = len(reports[1] | reports[args.jobs]) == 1
    print(f"  reports identical: {'yes' if same else 'NO'} (goal: yes)")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
