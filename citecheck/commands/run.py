"""``citecheck run``: the report, narrowed by the baseline and ``--changed-since``, and its files."""

from __future__ import annotations

import functools
import importlib
import os
from collections.abc import Mapping, Sequence
from os import PathLike
from pathlib import Path
from typing import NamedTuple

from citecheck import pipeline
from citecheck.collector import collector_paused
from citecheck.config import Settings
from citecheck.errors import OutputError, UsageError
from citecheck.files import refuse_overwrite, write_atomically
from citecheck.patterns import OnFirstUse
from citecheck.paths import display_path, working_dir
from citecheck.pipeline import Progress, reason
from citecheck.report import Prepared, Report
from citecheck.reporters import REPORT_FILES, REPORTERS

__all__ = ["Checked", "Narrowed", "available_cores", "check", "narrow", "parse_jobs", "write_reports"]

# The two filters, loaded by the runs that ask for them (a baseline, --changed-since).
_BASELINE = OnFirstUse(importlib.import_module, "citecheck.baseline")
_CHANGES = OnFirstUse(importlib.import_module, "citecheck.changes")


class Narrowed(NamedTuple):
    """A report after the baseline and changed-lines filters, and a line saying what they hid."""

    report: Report
    hidden_by_baseline: int = 0
    hidden_by_changes: int = 0
    note: str = ""


def narrow(report: Report, settings: Settings, *, changed_since: str | None = None, cwd: Path | None = None) -> Narrowed:
    """Apply ``settings.baseline`` (first: its fingerprints count over every finding), then
    ``changed_since``; ``note`` reads ``2 hidden by the baseline B, 3 on lines not changed since REF``.
    """
    cwd = working_dir(cwd)
    hidden_baseline = hidden_changes = 0
    parts = []
    if settings.baseline is not None:
        shown = display_path(settings.baseline, cwd)
        report, hidden_baseline = _BASELINE.apply_baseline(report, _BASELINE.load_baseline(settings.baseline, shown))
        parts.append(f"{hidden_baseline} hidden by the baseline {shown}")
    if changed_since is not None:
        report, hidden_changes = _CHANGES.apply_changes(report, changed_since, settings.root, cwd=cwd)
        parts.append(f"{hidden_changes} on lines not changed since {changed_since}")
    return Narrowed(report, hidden_baseline, hidden_changes, ", ".join(parts))


def parse_jobs(value: str) -> int:
    """``--jobs``: a number of worker processes, or ``0``/``auto`` for one per core available."""
    text = value.strip().lower()
    if text in ("0", "auto"):
        return available_cores()
    if not text.isascii() or not text.isdigit():
        raise UsageError(f"--jobs takes a number of processes (1, 2, ...) or 0 or auto for one per core, not {value!r}")
    return int(text)


def available_cores() -> int:
    """The cores this process may run on (its affinity where the system says, else all)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


class Checked(NamedTuple):
    """A run's kept findings (prepared for every format: the report files share what the
    output worked out), the report for standard output, and what the filters hid."""

    prepared: Prepared
    output: str
    note: str

    @property
    def report(self) -> Report:
        return self.prepared.report


def check(
    settings: Settings,
    paths: Sequence[str | PathLike[str]] = (),
    *,
    changed_since: str | None = None,
    progress: Progress | None = None,
    color: bool = False,
    jobs: int = 1,
) -> Checked:
    """Run the pipeline (``jobs`` processes reading the files), narrow its report
    (:func:`narrow`) and render it in ``settings.format``."""
    report = pipeline.run(settings, paths, progress=progress, jobs=jobs)
    with collector_paused():  # each finding located once: as many lasting objects as findings
        narrowed = narrow(report, settings, changed_since=changed_since)
        prepared = Prepared(narrowed.report)
        output = REPORTERS[settings.format].render(prepared, color=color)
    return Checked(prepared, output, narrowed.note)


def write_reports(
    report: Report | Prepared, output_dir: Path, *, cwd: Path | None = None, rendered: Mapping[str, str] | None = None
) -> tuple[Path, ...]:
    """Write every file of :data:`~citecheck.reporters.REPORT_FILES` (no colour) into
    ``output_dir``, each atomically; ``rendered`` holds formats already rendered without colour
    (what went to standard output), which are not rendered again. The formats share what one
    of them worked out for a finding (:class:`~citecheck.reporters.prepared.Prepared`).

    Refuses (:class:`OutputError`) when the directory is a file or a report would replace an input.
    """
    cwd = working_dir(cwd)
    shown = display_path(output_dir, cwd)
    prepared = Prepared.of(report)
    protected = set(prepared.report.inputs)
    if output_dir.exists() and not output_dir.is_dir():
        what = "an input file" if output_dir.resolve() in protected else "a file"
        raise OutputError(f"cannot write reports into {shown}: it is {what}, not a directory")
    targets = [(output_dir / name, fmt) for name, fmt in REPORT_FILES]
    for target, _ in targets:
        refuse_overwrite(
            target,
            protected,
            f"refusing to write {display_path(target, cwd)}: it is one of the input files; choose another --output-dir",
        )
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        with collector_paused():  # what is written is freed as it goes: nothing for the collector
            for target, fmt in targets:
                text = rendered.get(fmt) if rendered else None
                write_atomically(target, functools.partial(REPORTERS[fmt].write, prepared) if text is None else text)
    except OSError as error:
        where = error.filename or shown
        raise OutputError(f"cannot write reports into {shown}: {where}: {reason(error)}") from None
    return tuple(target for target, _ in targets)
