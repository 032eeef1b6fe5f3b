"""The table of codes: every fact about a code in one row (ruff's codes table).

A code is permanent. Its row says what it is called, how severe its findings are by default,
whether it is stable, in preview or removed, which lines count as its cause under
``--changed-since`` (:class:`Scope`), and whether it stops the run or means an input was not
checked. A rule registers by code alone (``@rule("CC101")``, :mod:`citecheck.rules`) and takes
its name and severity from here; the registry refuses a code that is not in the table or was
removed, and a test requires every stable row that is not fatal to have a registered rule.

A renamed or merged code stays in the table as ``REMOVED`` and gets a line in
:data:`REDIRECTS`: a configuration or command line naming the old code means the new one.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from types import MappingProxyType
from typing import NamedTuple

from citecheck.diagnostics import Severity

__all__ = ["CODES", "FATAL", "INPUT_ERROR_CODES", "REDIRECTS", "Code", "Scope", "Status", "redirect"]


class Status(Enum):
    STABLE = "stable"
    PREVIEW = "preview"  # runs only when selected by its full code (``--select CC110``), never by a prefix
    REMOVED = "removed"  # never reused; its redirect, if any, names the code that replaced it


class Scope(Enum):
    """Where ``--changed-since`` looks for the cause of a finding (see :mod:`citecheck.changes`).

    Every finding is kept when its own line changed; a scope other than ``LINE`` also keeps it
    when a change lies where the numbered item it is about should stand among the notes, the
    markers, or both, or anywhere in the document.
    """

    LINE = "line"
    NOTES = "notes"
    MARKERS = "markers"
    BOTH = "notes and markers"
    DOCUMENT = "document"


class Code(NamedTuple):
    """One row of the table. ``severity`` is ``None`` for a fatal code (it stops the run, exit
    status 2, and is no rule); ``input_error`` marks findings that mean an input was not
    checked (exit status 2). ``doc`` documents a code no rule docstring documents (fatal ones)."""

    code: str
    name: str
    severity: Severity | None
    status: Status
    scope: Scope
    input_error: bool = False
    doc: str = ""

    @property
    def fatal(self) -> bool:
        return self.severity is None


_E, _W = Severity.ERROR, Severity.WARNING
_STABLE = Status.STABLE
_CONFIG_ERROR_DOC = (
    "The configuration cannot be used: bad TOML, an unknown key, a wrong type, an unknown code.\n\n"
    "Not a rule: printed as ``FILE:LINE: CC004 [config-error] message`` and the run stops with\n"
    "exit status 2.\n"
    "Example: ``sorces = [\"ch1.txt\"]`` in ``[tool.citecheck]``: did you mean ``sources``?"
)

_ROWS = (
    # code     name                      severity status   --changed-since cause
    Code("CC001", "unreadable-file",        _E,   _STABLE, Scope.LINE, input_error=True),
    Code("CC002", "bad-encoding",           _W,   _STABLE, Scope.LINE),
    Code("CC003", "unknown-format",         _E,   _STABLE, Scope.LINE, input_error=True),
    Code("CC004", "config-error",           None, _STABLE, Scope.LINE, doc=_CONFIG_ERROR_DOC),
    Code("CC005", "unsafe-file",            _E,   _STABLE, Scope.LINE, input_error=True),
    Code("CC006", "missing-file",           _E,   _STABLE, Scope.LINE, input_error=True),
    Code("CC101", "missing-note",           _E,   _STABLE, Scope.NOTES),
    Code("CC102", "unreferenced-note",      _W,   _STABLE, Scope.MARKERS),
    Code("CC103", "numbering-gap",          _W,   _STABLE, Scope.BOTH),
    Code("CC104", "out-of-sequence",        _W,   _STABLE, Scope.BOTH),
    Code("CC105", "probable-misread",       _W,   _STABLE, Scope.BOTH),
    Code("CC106", "duplicate-note",         _E,   _STABLE, Scope.BOTH),
    Code("CC107", "empty-note",             _W,   _STABLE, Scope.LINE),
    Code("CC108", "unpaired-notes",         _W,   _STABLE, Scope.DOCUMENT),
    Code("CC201", "unknown-key",            _E,   _STABLE, Scope.LINE),
    Code("CC202", "unresolved-source",      _W,   _STABLE, Scope.LINE),
    Code("CC203", "ambiguous-source",       _W,   _STABLE, Scope.LINE),
    Code("CC204", "field-mismatch",         _W,   _STABLE, Scope.LINE),
    Code("CC205", "orphan-ibid",            _W,   _STABLE, Scope.LINE),
    Code("CC206", "short-form-before-full", _W,   _STABLE, Scope.LINE),
    Code("CC207", "undefined-alias",        _W,   _STABLE, Scope.LINE),
    Code("CC208", "unlisted-author",        _W,   _STABLE, Scope.LINE),
    Code("CC209", "locator-out-of-range",   _W,   _STABLE, Scope.LINE),
    Code("CC210", "edited-citation",        _W,   _STABLE, Scope.LINE),
    Code("CC211", "key-case-mismatch",      _E,   _STABLE, Scope.LINE),
    Code("CC301", "syntax-error",           _E,   _STABLE, Scope.LINE),
    Code("CC302", "duplicate-key",          _E,   _STABLE, Scope.LINE),
    Code("CC303", "duplicate-entry",        _W,   _STABLE, Scope.LINE),
    Code("CC304", "missing-field",          _W,   _STABLE, Scope.LINE),
    Code("CC305", "malformed-field",        _W,   _STABLE, Scope.LINE),
    Code("CC306", "invalid-identifier",     _W,   _STABLE, Scope.LINE),
    Code("CC307", "unused-entry",           _W,   _STABLE, Scope.LINE),
    Code("CC308", "undefined-reference",    _E,   _STABLE, Scope.LINE),
)  # fmt: skip

CODES: Mapping[str, Code] = MappingProxyType({row.code: row for row in _ROWS})

# Old code -> the code that replaced it (the old one stays in the table as REMOVED).
REDIRECTS: Mapping[str, str] = MappingProxyType({})

FATAL: tuple[Code, ...] = tuple(row for row in _ROWS if row.fatal)

# Codes that mean the run could not look at everything it was asked to: exit status 2.
INPUT_ERROR_CODES = frozenset(row.code for row in _ROWS if row.input_error)


def redirect(code: str) -> str:
    """The code ``code`` now stands for: itself, or the code a rename or merge gave it."""
    return REDIRECTS.get(code, code)
