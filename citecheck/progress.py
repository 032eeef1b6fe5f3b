"""A progress bar on standard error for long runs, and the decision whether to show one.

The pipeline knows nothing of terminals: :func:`citecheck.pipeline.run` takes an optional
:class:`citecheck.pipeline.Progress` and tells it what it plans and what it has done. The CLI
passes it the :class:`ProgressBar` of :func:`progress_bar`, which draws (with rich, transiently,
so nothing is left on the screen) only when there is real waiting — more than
:data:`MIN_FILES` files or a bibliography larger than :data:`MIN_BIB_BYTES` — and never when
standard error is not a terminal or the ``CI`` environment variable is set.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Mapping
from typing import Any, TextIO

__all__ = ["MIN_BIB_BYTES", "MIN_FILES", "ProgressBar", "progress_bar", "progress_wanted"]

MIN_FILES = 20  # more files than this: a bar
MIN_BIB_BYTES = 2 * 1024 * 1024  # a bibliography larger than this (2 MiB): a bar


def _is_terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    if isatty is None:
        return False
    try:
        return bool(isatty())
    except (OSError, ValueError):  # a closed or detached stream
        return False


def progress_wanted(
    stream: object, *, files: int, bib_bytes: int, environ: Mapping[str, str] | None = None
) -> bool:
    """Whether a run over ``files`` files and a ``bib_bytes``-byte bibliography shows a bar on ``stream``."""
    environ = os.environ if environ is None else environ
    if environ.get("CI"):
        return False
    if not _is_terminal(stream):
        return False
    return files > MIN_FILES or bib_bytes > MIN_BIB_BYTES


class ProgressBar:
    """A :class:`citecheck.pipeline.Progress` that draws with rich once :meth:`plan` says it is worth it."""

    def __init__(self, stream: TextIO, environ: Mapping[str, str] | None = None) -> None:
        self._stream = stream
        self._environ = environ
        self._progress: Any = None  # a rich.progress.Progress while drawing
        self._files: Any = None  # the task id of reading files
        self._stage: Any = None  # the task id of the current stage

    @property
    def active(self) -> bool:
        """Whether a bar is being drawn."""
        return self._progress is not None

    def plan(self, files: int, bib_bytes: int) -> None:
        if self._progress is not None or not progress_wanted(
            self._stream, files=files, bib_bytes=bib_bytes, environ=self._environ
        ):
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(file=self._stream, stderr=self._stream is sys.stderr),
            transient=True,
        )
        self._progress.start()
        if files:
            self._files = self._progress.add_task("reading", total=files)

    def file_done(self, display: str) -> None:
        if self._progress is not None and self._files is not None:
            self._progress.update(self._files, advance=1, description=f"reading {display}")

    def stage(self, description: str) -> None:
        if self._progress is None:
            return
        if self._files is not None:
            self._progress.update(self._files, description="read")
        if self._stage is not None:
            self._progress.remove_task(self._stage)
        self._stage = self._progress.add_task(description, total=None)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


@contextlib.contextmanager
def progress_bar(stream: TextIO | None = None, *, environ: Mapping[str, str] | None = None) -> Iterator[ProgressBar]:
    """A :class:`ProgressBar` on ``stream`` (standard error), stopped and wiped when the block ends."""
    bar = ProgressBar(sys.stderr if stream is None else stream, environ)
    try:
        yield bar
    finally:
        bar.close()
