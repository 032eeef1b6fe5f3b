"""Output formats: one module per format, each with ``render(report, *, color) -> str`` and
``write(report, out, *, color)`` (the same text written to a file a piece at a time).

The formats are named in :data:`citecheck.formats.REPORT_FILE_NAMES` (each the name of its
module here, with the file it is written to in the output directory); :data:`REPORTERS` imports
a format's module when it is first used, so a run imports only the formats it writes.
``citecheck run --format NAME`` and the ``format`` setting choose among its keys.
:func:`render_extract` renders the single-document report of ``citecheck extract``.
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Protocol, TextIO

from citecheck.formats import REPORT_FILE_NAMES, REPORT_FORMATS

if TYPE_CHECKING:
    from citecheck.report import Report


class Reporter(Protocol):
    """What a format module provides: the report as one text, or written to a file a piece at
    a time (a large report is then never held whole)."""

    def render(self, report: Report, *, color: bool) -> str: ...

    def write(self, report: Report, out: TextIO, *, color: bool = False) -> None: ...


class _Formats(Mapping[str, Reporter]):
    """The format modules by name, each imported when first asked for."""

    def __getitem__(self, name: str) -> Reporter:
        if name not in REPORT_FILE_NAMES:
            raise KeyError(name)
        return importlib.import_module(f"{__name__}.{name}")  # type: ignore[return-value]

    def __iter__(self) -> Iterator[str]:
        return iter(REPORT_FORMATS)

    def __len__(self) -> int:
        return len(REPORT_FORMATS)


REPORTERS: Mapping[str, Reporter] = _Formats()

# The files every run writes into the output directory, with the format of each.
REPORT_FILES: tuple[tuple[str, str], ...] = tuple((file, name) for name, file in REPORT_FILE_NAMES.items() if file is not None)

# ``citecheck extract --format``: the function of a format module that renders one document.
EXTRACT_RENDERERS: dict[str, str] = {"json": "render", "text": "render_listing"}


def render_extract(report: Report, format_name: str, *, color: bool) -> str:
    """The single-document report of ``citecheck extract`` in ``format_name``."""
    return getattr(REPORTERS[format_name], EXTRACT_RENDERERS[format_name])(report, color=color)


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


def escaped_each(values: list[str], unsafe: re.Pattern[str], escaped: Callable[[str], str]) -> list[str]:
    """``values``, each in which ``unsafe`` finds something made ``escaped``; one search of
    them all when none needs it, the common case (a hundred thousand findings' messages)."""
    if unsafe.search("".join(values)) is None:
        return values
    return [value if unsafe.search(value) is None else escaped(value) for value in values]
