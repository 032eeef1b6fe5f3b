"""Changed-lines mode (``citecheck run --changed-since REF``): keep the findings a change caused.

Which lines changed comes from git: ``git diff --unified=0 REF -- FILE`` (the working tree
against ``REF``, so uncommitted edits count) gives, per file, the lines added or changed in the
file as it is now, and the places where lines were deleted. A file git does not track (or one
outside the repository) counts as wholly changed, and so does a changed binary file (a .docx).

A finding is kept when

1. its span starts on a changed line (or in a wholly changed file); or
2. its cause lies on a changed line. Each code's ``scope`` in the table of codes
   (:mod:`citecheck.codes`) says where its cause lies. For the note-sequence rules the cause of
   a finding about number *k* is the neighbourhood where *k* should stand: the lines from the
   item numbered just below *k* to the one just above it (same chapter), among

   * the notes (``Scope.NOTES``: CC101, a marker whose note is gone),
   * the markers (``Scope.MARKERS``: CC102, a note whose marker is gone),
   * both (``Scope.BOTH``: CC103, CC104, CC105 and CC106: gaps, order, misreads, duplicates).

   The finding is kept when a changed line or a deletion lies in that neighbourhood (ends
   included). With no item below *k* the neighbourhood starts at the item of that kind just
   before in the file (or the file's start); with none above it runs to the next item (or the
   file's end). For ``Scope.DOCUMENT`` (CC108), and for labels that are not numbers, the
   neighbourhood is every file of the document.

Everything else (``Scope.LINE``: bibliography findings, CC107) is kept by rule 1 only.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from citecheck.codes import CODES, Scope
from citecheck.diagnostics import Diagnostic
from citecheck.errors import CitecheckError
from citecheck.model import Document, Marker, Note
from citecheck.paths import working_dir
from citecheck.report import Report

if TYPE_CHECKING:
    import subprocess

__all__ = ["ChangesError", "FileChanges", "apply_changes", "changed_lines", "parse_diff"]


class ChangesError(CitecheckError):
    """Not a git repository, an unknown ref, or git failing (exit status 2)."""


@dataclass(frozen=True, slots=True)
class FileChanges:
    """Lines (1-based, in the file as it is now) added or changed, and where lines were deleted.

    A deletion at ``n`` means lines were removed between line ``n`` and line ``n + 1`` (0: before
    the first line). ``whole`` marks a file that is new to git.
    """

    lines: frozenset[int] = frozenset()
    deletions: frozenset[int] = frozenset()
    whole: bool = False

    def changed(self, line: int) -> bool:
        return self.whole or line in self.lines

    def touches(self, first: int, last: int) -> bool:
        """Whether a change or a deletion lies within lines ``first``..``last`` (inclusive)."""
        if self.whole:
            return True
        if any(first <= line <= last for line in self.lines):
            return True
        low = first if first > 1 else 0  # a deletion before the first line counts at the start
        return any(low <= after <= last for after in self.deletions)

    @property
    def any(self) -> bool:
        return self.whole or bool(self.lines) or bool(self.deletions)


WHOLE = FileChanges(whole=True)


def parse_diff(text: str) -> FileChanges:
    """The changes of one file from ``git diff --unified=0`` output (hunk headers only)."""
    lines: set[int] = set()
    deletions: set[int] = set()
    for raw in text.splitlines():
        if not raw.startswith("@@ "):
            continue
        new = raw.split(" ")[2]  # "+start,count"
        start, _, count = new[1:].partition(",")
        first, length = int(start), int(count) if count else 1
        if length == 0:
            deletions.add(first)
        else:
            lines.update(range(first, first + length))
    return FileChanges(frozenset(lines), frozenset(deletions))


def _git(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    import subprocess  # imported for --changed-since only, not by every run

    try:
        return subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except FileNotFoundError:
        raise ChangesError("--changed-since needs git, and git is not installed") from None


def changed_lines(ref: str, files: Iterable[Path], root: Path) -> dict[Path, FileChanges]:
    """What changed in each of ``files`` (absolute paths) since ``ref``, asking git in ``root``."""
    top = _git(["rev-parse", "--show-toplevel"], root)
    if top.returncode != 0:
        raise ChangesError(f"--changed-since: {root} is not in a git repository")
    toplevel = Path(top.stdout.strip()).resolve()
    if ref.startswith("-") or _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], root).returncode != 0:
        raise ChangesError(f"--changed-since: unknown git ref {ref!r}")
    found: dict[Path, FileChanges] = {}
    for path in dict.fromkeys(files):
        resolved = path.resolve()
        try:
            relative = resolved.relative_to(toplevel).as_posix()
        except ValueError:
            found[path] = WHOLE  # outside the repository: nothing to compare with
            continue
        tracked = _git(["ls-files", "--error-unmatch", "--", f":(literal){relative}"], toplevel)
        if tracked.returncode != 0:
            found[path] = WHOLE
            continue
        diff = _git(
            ["diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-textconv", ref, "--", f":(literal){relative}"],
            toplevel,
        )
        if diff.returncode != 0:
            raise ChangesError(f"--changed-since: git diff failed: {diff.stderr.strip()}")
        found[path] = WHOLE if _binary(diff.stdout) else parse_diff(diff.stdout)
    return found


def _binary(diff: str) -> bool:
    """Whether git changed a file it shows no lines of (a .docx): its findings' lines are those
    of the text a reader laid out, so the whole file counts as changed."""
    return any(line.startswith("Binary files ") for line in diff.splitlines())


def _line(report: Report, item: Marker | Note) -> int:
    return report.locate(item.span).line


def _neighbourhood(
    report: Report, items: Sequence[Marker | Note], key: str, chapter: int
) -> list[tuple[str, int, int]] | None:
    """(path, first line, last line) ranges where item ``key`` of ``chapter`` would stand; None: unknown."""
    if not key.isdecimal():
        return None
    number = int(key)
    same = [i for i in items if i.chapter == chapter and i.key.isdecimal()]
    below = max((i for i in same if int(i.key) < number), key=lambda i: int(i.key), default=None)
    above = min((i for i in same if int(i.key) > number), key=lambda i: int(i.key), default=None)
    equal = [i for i in same if int(i.key) == number]
    anchors = [i for i in (below, above, *equal) if i is not None]
    if not anchors:
        return None
    ranges = []
    for path in dict.fromkeys(i.span.path for i in anchors):
        in_file = sorted((i for i in items if i.span.path == path), key=lambda i: i.span.start)
        here = [i for i in anchors if i.span.path == path]
        lines = [_line(report, i) for i in here]
        first, last = min(lines), max(lines)
        if below is None or below.span.path != path:
            earlier = [_line(report, i) for i in in_file if i.span.start < min(a.span.start for a in here)]
            first = max(earlier) if earlier else 1
        if above is None or above.span.path != path:
            later = [_line(report, i) for i in in_file if i.span.start > max(a.span.start for a in here)]
            last = min(later) if later else 10**9
        ranges.append((path, first, last))
    return ranges


def _document_of(report: Report, diagnostic: Diagnostic) -> tuple[Document, Marker | Note | None] | None:
    for document in report.documents:
        for item in (*document.markers, *document.notes):
            if item.span == diagnostic.span:
                return document, item
    for document in report.documents:
        if diagnostic.span.path in {document.path, *(s.path for s in document.note_sources)}:
            return document, None
    return None


def _cause_changed(report: Report, diagnostic: Diagnostic, changes: Mapping[str, FileChanges]) -> bool:
    row = CODES.get(diagnostic.code)
    scope = Scope.LINE if row is None else row.scope
    if scope is Scope.LINE:
        return False
    found = _document_of(report, diagnostic)
    if found is None:
        return False
    document, item = found
    files = [document.path, *(s.path for s in document.note_sources)]
    kinds: list[Sequence[Marker | Note]] = []
    if scope in (Scope.NOTES, Scope.BOTH):
        kinds.append(document.notes)
    if scope in (Scope.MARKERS, Scope.BOTH):
        kinds.append(document.markers)
    for items in kinds:
        ranges = None if item is None else _neighbourhood(report, items, item.key, item.chapter)
        if ranges is None:
            return any(changes.get(path, FileChanges()).any for path in files)
        for path, first, last in ranges:
            if changes.get(path, FileChanges()).touches(first, last):
                return True
    if not kinds:  # CC108: the whole document
        return any(changes.get(path, FileChanges()).any for path in files)
    return False


def apply_changes(report: Report, ref: str, root: Path, *, cwd: Path | None = None) -> tuple[Report, int]:
    """``report`` with only the findings on lines changed since ``ref`` or caused there; and how many went."""
    cwd = working_dir(cwd)
    paths = list(report.sources)
    by_path = changed_lines(ref, (cwd / path for path in paths), root)
    changes = {path: by_path[cwd / path] for path in paths}
    kept = []
    for diagnostic in report.diagnostics:
        file_changes = changes.get(diagnostic.span.path)
        if file_changes is None:  # not read (missing file, unknown format): always shown
            kept.append(diagnostic)
            continue
        if file_changes.changed(report.locate(diagnostic.span).line) or _cause_changed(report, diagnostic, changes):
            kept.append(diagnostic)
    hidden = len(report.diagnostics) - len(kept)
    return dataclasses.replace(report, diagnostics=tuple(kept)), hidden
