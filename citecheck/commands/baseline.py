"""``citecheck baseline``: record the current findings so that ``run --baseline`` shows only new ones."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from citecheck import pipeline
from citecheck.baseline import DEFAULT_BASELINE, BaselineError, write_baseline
from citecheck.codes import INPUT_ERROR_CODES
from citecheck.config import Settings
from citecheck.paths import absolute, display_path, working_dir

__all__ = ["make_baseline"]


def make_baseline(
    settings: Settings, paths: Sequence[str | os.PathLike[str]] = (), output: str | None = None, *, cwd: Path | None = None
) -> tuple[int, str]:
    """Check like ``citecheck run`` (no baseline applied) and write the kept findings as a baseline.

    ``output`` (relative to ``cwd``) defaults to the configured ``baseline``, else
    ``citecheck-baseline.json`` in the project root. Returns the count and the path as shown.
    A run that could not read every input writes nothing (:class:`BaselineError`).
    """
    cwd = working_dir(cwd)
    if output:
        target = absolute(cwd, output)
    else:
        target = settings.baseline or settings.root / DEFAULT_BASELINE
    shown = display_path(target, cwd)
    report = pipeline.run(settings, paths, cwd=cwd)
    broken = sorted({d.span.path for d in report.diagnostics if d.code in INPUT_ERROR_CODES})
    if broken:
        raise BaselineError(f"not writing a baseline: cannot check {', '.join(broken)} (CC001/CC003); fix that first")
    return write_baseline(report, target, shown), shown
