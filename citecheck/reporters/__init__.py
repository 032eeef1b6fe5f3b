"""Output formats: one module per format, each with ``render(report, *, color) -> str``.

Formats are listed explicitly in :data:`REPORTERS`; ``citecheck run --format NAME`` and the
``format`` setting choose among its keys. :mod:`~citecheck.reporters.fingerprint` is not a format:
it gives each finding a fingerprint that survives moved lines (SARIF, baselines). :data:`EXTRACT_RENDERERS` renders the single-document
report of ``citecheck extract``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TextIO

from citecheck.reporters import github, html, junit, markdown, sarif, text
from citecheck.reporters import json as json_format

if TYPE_CHECKING:
    from citecheck.report import Report


class Reporter(Protocol):
    """What a format module provides."""

    def render(self, report: Report, *, color: bool) -> str: ...


REPORTERS: dict[str, Reporter] = {
    "text": text,
    "json": json_format,
    "sarif": sarif,
    "github": github,
    "markdown": markdown,
    "junit": junit,
    "html": html,
}

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
