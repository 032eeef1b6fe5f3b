"""Output formats: one module per format, each with ``render(report, *, color) -> str``,
``write(report, out, *, color)`` (the same text written to a file a piece at a time) and the
``FILE_NAME`` it is written to in the output directory (``None``: standard output only).

The formats are named in :data:`citecheck.formats.REPORT_FORMATS` (each the name of its module
here) and loaded into :data:`REPORTERS`; ``citecheck run --format NAME`` and the ``format``
setting choose among its keys. :data:`EXTRACT_RENDERERS` renders the single-document report of
``citecheck extract``.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TextIO

from citecheck.formats import REPORT_FORMATS
from citecheck.reporters import text
from citecheck.reporters import json as json_format

if TYPE_CHECKING:
    from citecheck.report import Report


class Reporter(Protocol):
    """What a format module provides: the report as one text, or written to a file a piece at
    a time (a large report is then never held whole)."""

    FILE_NAME: str | None

    def render(self, report: Report, *, color: bool) -> str: ...

    def write(self, report: Report, out: TextIO, *, color: bool = False) -> None: ...


REPORTERS: dict[str, Reporter] = {name: importlib.import_module(f"{__name__}.{name}") for name in REPORT_FORMATS}  # type: ignore[misc]

# The files every run writes into the output directory, with the format of each.
REPORT_FILES: tuple[tuple[str, str], ...] = tuple(
    (module.FILE_NAME, name) for name, module in REPORTERS.items() if module.FILE_NAME is not None
)

EXTRACT_RENDERERS: dict[str, Callable[..., str]] = {
    "json": json_format.render,
    "text": text.render_listing,
}


def color_wanted(stream: TextIO) -> bool:
    """Colour only for a terminal, unless ``NO_COLOR`` (off) or ``FORCE_COLOR`` (on) is set."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (ValueError, OSError):
        return False
