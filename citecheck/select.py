"""Which findings are kept: code selection, per-file ignores and inline suppressions.

Three independent filters, each a pure function over frozen data:

* :class:`Selection` decides per code from ``select``/``ignore`` prefixes: the longest matching
  prefix wins, and ``select`` wins a tie (flake8's DecisionEngine). It also decides which rules run.
  A code in preview (its status in :mod:`citecheck.codes`) runs only when selected by its full
  code, never through a prefix such as the default ``CC``.
* :func:`per_file_codes` gives the code prefixes ignored for a path by ``per-file-ignores`` globs
  (fnmatch against the posix path). These always remove findings, whatever ``select`` says.
* :func:`scan_suppressions` reads the ``citecheck: ignore[...]`` comments of one source file in a
  single regex pass:

  - ``citecheck: ignore[CC103, CC105]`` on a line with other text suppresses those codes (or code
    prefixes) for findings whose span starts on that line;
  - the same comment alone on its line (only comment syntax around it: ``<!-- -->``, ``%``, ``#``,
    ``//``, ``/* */``, ``[//]: # (...)``) applies to the next non-blank line instead;
  - ``citecheck: ignore`` without brackets suppresses every code;
  - ``citecheck: ignore-file[CC108]`` anywhere suppresses for the whole file (bare: everything).
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import NamedTuple

from citecheck.codes import CODES, Status, redirect
from citecheck.diagnostics import Diagnostic
from citecheck.patterns import OnFirstUse
from citecheck.source import SourceFile


def _matches(code: str, prefixes: Iterable[str]) -> bool:
    return any(code.startswith(prefix) for prefix in prefixes)


def _longest(code: str, prefixes: Iterable[str]) -> int:
    """Length of the longest prefix in ``prefixes`` that ``code`` starts with; -1 when none does."""
    return max((len(prefix) for prefix in prefixes if code.startswith(prefix)), default=-1)


def _in_preview(code: str) -> bool:
    row = CODES.get(code)
    return row is not None and row.status is Status.PREVIEW


class Selection(NamedTuple):
    """``select``/``ignore`` code prefixes; :meth:`selected` applies the longest-prefix rule."""

    select: tuple[str, ...] = ("CC",)
    ignore: tuple[str, ...] = ()

    def selected(self, code: str) -> bool:
        selected = _longest(code, self.select)
        if selected < 0 or (selected < len(code) and _in_preview(code)):
            return False
        return selected >= _longest(code, self.ignore)


def per_file_codes(paths: str | Iterable[str], patterns: Sequence[tuple[str, Sequence[str]]]) -> tuple[str, ...]:
    """The code prefixes ignored for a file: every pattern matching any of its ``paths`` contributes.

    A file can be named several ways (relative to the working directory, relative to the project
    root); a pattern matches when it matches any of them.
    """
    names = (paths,) if isinstance(paths, str) else tuple(paths)
    codes: list[str] = []
    for pattern, pattern_codes in patterns:
        if any(fnmatch.fnmatchcase(name, pattern) for name in names):
            codes.extend(pattern_codes)
    return tuple(dict.fromkeys(codes))


# ``citecheck: ignore``, ``citecheck: ignore[CC101, CC1]``, ``citecheck: ignore-file[CC108]``.
# The negative look-ahead keeps ``ignored``, ``ignore-files`` and ``ignore[CC1]x`` from matching
# (but lets ``ignore[CC1]-->`` close an HTML comment).
_DIRECTIVE = OnFirstUse(re.compile,
    r"citecheck:[ \t]*ignore(?P<file>-file)?(?:\[(?P<codes>[^\]\n]*)\])?(?![\w\[]|-(?!->))",
)
# What may stand around a directive that is alone on its line: comment syntax and blanks.
_BEFORE_ALONE = OnFirstUse(re.compile, r"[ \t]*(?:<!--|%+|#+|//+|/\*|\.\.|\[//\]:[ \t]*#[ \t]*[(\"]?)?[ \t]*")  # .. : reStructuredText
_AFTER_ALONE = OnFirstUse(re.compile, r"[ \t]*(?:-->|\*/|[)\"])?[ \t]*")
_NON_BLANK = OnFirstUse(re.compile, r"\S")
_CODE_SEPARATOR = OnFirstUse(re.compile, r"[\s,]+")

# ``None`` stands for "every code".
Codes = frozenset[str] | None


def _merge(left: Codes, right: Codes) -> Codes:
    if left is None or right is None:
        return None
    return left | right


@dataclass(frozen=True, slots=True)
class Suppressions:
    """The inline suppressions of one file: per 1-based line, and for the whole file.

    A value of ``None`` suppresses every code; otherwise a set of code prefixes.
    """

    path: str
    lines: Mapping[int, Codes] = field(default_factory=lambda: MappingProxyType({}))
    whole_file: Codes = frozenset()

    def suppresses(self, code: str, line: int) -> bool:
        if self.whole_file is None or _matches(code, self.whole_file):
            return True
        if line not in self.lines:
            return False
        codes = self.lines[line]
        return codes is None or _matches(code, codes)

    def __bool__(self) -> bool:
        return bool(self.lines) or self.whole_file is None or bool(self.whole_file)


def _parse_codes(raw: str | None) -> Codes:
    if raw is None:
        return None
    return frozenset(redirect(code.upper()) for code in _CODE_SEPARATOR.split(raw) if code)


def scan_suppressions(source: SourceFile) -> Suppressions:
    """Find every ``citecheck: ignore`` directive in ``source`` with one regex pass over its text."""
    text = source.text
    if "citecheck:" not in text:
        return Suppressions(source.path)
    index = source.index
    whole_file: Codes = frozenset()
    # (line the directive stands on, whether it is alone there, codes), in text order.
    directives: list[tuple[int, bool, Codes]] = []
    for match in _DIRECTIVE.finditer(text):
        codes = _parse_codes(match.group("codes"))
        if match.group("file"):
            whole_file = _merge(whole_file, codes)
            continue
        line, _ = index.line_col(match.start())
        before = text[index.line_start(line) : match.start()]
        after = text[match.end() : index.line_end(line)]
        alone = bool(_BEFORE_ALONE.fullmatch(before)) and bool(_AFTER_ALONE.fullmatch(after))
        directives.append((line, alone, codes))

    # A directive alone on its line applies to the next non-blank line; when that line is itself
    # such a directive, it applies where that one does (stacked comments). Walk backwards so a
    # later directive's target is known before an earlier one needs it.
    forwarded: dict[int, int] = {}
    lines: dict[int, Codes] = {}
    for line, alone, codes in reversed(directives):
        target = line
        if alone:
            found = _NON_BLANK.search(text, index.line_end(line))
            if found is None:
                continue  # nothing follows the comment
            target, _ = index.line_col(found.start())
            target = forwarded.get(target, target)
            forwarded[line] = target
        lines[target] = _merge(lines[target], codes) if target in lines else codes
    return Suppressions(source.path, MappingProxyType(lines), whole_file)


def filter_diagnostics(
    diagnostics: Iterable[Diagnostic],
    *,
    sources: Mapping[str, SourceFile],
    suppressions: Mapping[str, Suppressions],
    ignored_codes: Mapping[str, Sequence[str]],
) -> tuple[Diagnostic, ...]:
    """Drop findings ignored for their file (``ignored_codes`` by path) or suppressed inline.

    ``suppressions`` holds the scanned directives by path (see :func:`scan_suppressions`); a
    finding's line is found through the source its span points into.
    """
    if not ignored_codes and not any(suppressions.values()):
        return tuple(diagnostics)  # nothing to drop, the common case: no walk over every finding
    # What applies to each file, looked up once per file (a run may have 20,000 findings in one).
    filters: dict[str, tuple[Sequence[str], tuple[Suppressions, SourceFile] | None]] = {}
    kept: list[Diagnostic] = []
    for diagnostic in diagnostics:
        path = diagnostic.span.path
        applies = filters.get(path)
        if applies is None:
            found, source = suppressions.get(path), sources.get(path)
            inline = (found, source) if found and source is not None else None
            applies = filters[path] = (ignored_codes.get(path, ()), inline)
        ignored, inline = applies
        if ignored and _matches(diagnostic.code, ignored):
            continue
        if inline is not None:
            found, source = inline
            line, _ = source.index.line_col(diagnostic.span.start)
            if found.suppresses(diagnostic.code, line):
                continue
        kept.append(diagnostic)
    return tuple(kept)
