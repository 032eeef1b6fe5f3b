"""The default chain, in one place: collect -> read -> extract -> check -> select -> report.

Every stage is a function over frozen data. The commands (:mod:`citecheck.commands`) call
:func:`run`, :func:`read_documents` and :func:`reconcile_sources`; nothing here prints or
writes a file.
"""

from __future__ import annotations

import dataclasses
import glob
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Protocol

from citecheck.bib.load import load_bibliography
from citecheck.bib.model import Bibliography
from citecheck.collector import collector_paused
from citecheck.config import Settings
from citecheck.diagnostics import Diagnostic
from citecheck.errors import UsageError
from citecheck.model import Document
from citecheck.paths import absolute, display_path, working_dir
from citecheck.readers import READERS, PackageReader, Reader, reader_for
from citecheck.reconcile.citations import with_citations
from citecheck.report import Report
from citecheck.reporters import REPORT_FILES
from citecheck.rules import Context, InputProblem, all_rules, run_rules
from citecheck.select import Selection, Suppressions, filter_diagnostics, per_file_codes, scan_suppressions
from citecheck.safezip import Refused
from citecheck.source import SourceFile, read_regular_file, read_source

__all__ = [
    "NO_PROGRESS",
    "Progress",
    "Report",
    "SourcePath",
    "check",
    "collect_sources",
    "read_document",
    "read_documents",
    "reconcile_sources",
    "reason",
    "run",
]

_GLOB_MAGIC = re.compile(r"[*?\[]")


class Progress(Protocol):
    """What :func:`run` tells about its progress (``citecheck.progress`` draws it on a terminal)."""

    def plan(self, files: int, bib_bytes: int) -> None:
        """The run will read ``files`` files and a bibliography of ``bib_bytes`` bytes (0: none)."""

    def file_done(self, display: str) -> None:
        """One file (with its paired notes file) has been read."""

    def stage(self, description: str) -> None:
        """A step of unknown length begins: loading the bibliography, checking."""


class _NoProgress:
    def plan(self, files: int, bib_bytes: int) -> None:
        pass

    def file_done(self, display: str) -> None:
        pass

    def stage(self, description: str) -> None:
        pass


NO_PROGRESS: Progress = _NoProgress()


@dataclass(frozen=True, slots=True)
class SourcePath:
    """A file to check: its absolute path, how reports name it, and why it cannot be used, if so."""

    path: Path
    display: str
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class ReadResult:
    """What reading produced: documents, input problems, and every input file touched."""

    documents: tuple[Document, ...]
    unreadable: tuple[InputProblem, ...]
    unknown_format: tuple[InputProblem, ...]
    inputs: tuple[Path, ...]
    names: Mapping[str, tuple[str, ...]]  # display path -> every name per-file-ignores may match


def _reader(path: Path, names: Sequence[str], settings: Settings) -> Reader | PackageReader | None:
    """The reader the configuration's ``formats`` table names for a file, else the one for its suffix."""
    return reader_for(path, settings.format_for(names))


def _inside(path: Path, folder: Path | None) -> bool:
    if folder is None:
        return False
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _walk(folder: Path, settings: Settings, cwd: Path) -> Iterator[Path]:
    """Files below ``folder`` that a reader knows, sorted; hidden entries and reports are skipped."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _inside(Path(root, d), settings.output_dir))
        for name in sorted(files):
            path = Path(root, name)
            if not name.startswith(".") and _reader(path, _names(path, display_path(path, cwd), settings.root), settings):
                yield path


def _is_report(path: Path, output_dir: Path | None) -> bool:
    return output_dir is not None and path.parent.resolve() == output_dir.resolve() and path.name in dict(REPORT_FILES)


def collect_sources(settings: Settings, paths: Sequence[str | os.PathLike[str]] = (), *, cwd: Path | None = None) -> list[SourcePath]:
    """The files to check, de-duplicated, in a stable order.

    Explicit ``paths`` (relative to ``cwd``) win over ``settings.sources`` (globs relative to the
    project root). A folder stands for the files below it that a reader knows. A path that does
    not exist is kept (reading it reports CC001); a glob that matches nothing becomes a problem.
    A notes file paired with a chapter that is being checked is read with its chapter, not alone.
    """
    cwd = working_dir(cwd)
    found: list[SourcePath] = []

    def add(path: Path, problem: str | None = None) -> None:
        found.append(SourcePath(path, display_path(path, cwd), problem))

    def add_path(path: Path, explicit: bool) -> None:
        if path.is_dir():
            for file in _walk(path, settings, cwd):
                add(file)
        elif explicit or not _is_report(path, settings.output_dir):
            add(path)

    if paths:
        for raw in paths:
            add_path(absolute(cwd, raw), explicit=True)
    else:
        for pattern in settings.sources:
            if not _GLOB_MAGIC.search(pattern):
                add_path(absolute(settings.root, pattern), explicit=True)
                continue
            matches = sorted(glob.glob(pattern, root_dir=settings.root, recursive=True))
            if not matches:
                add(absolute(settings.root, pattern), f"no file matches the sources pattern {pattern!r}")
            for match in matches:
                add_path(absolute(settings.root, match), explicit=False)

    unique: dict[Path, SourcePath] = {}
    for item in found:
        unique.setdefault(item.path.resolve() if item.problem is None else item.path, item)
    chapters = set(unique)
    paired_notes = {notes for chapter, notes in settings.notes_files if chapter in chapters}
    return [item for key, item in unique.items() if key not in paired_notes]


def reason(error: OSError) -> str:
    """What went wrong, as the system says it (``No such file or directory``)."""
    return error.strerror or str(error)


def read_document(reader: Reader, source: SourceFile, notes: SourceFile | None = None, mentions: str = "auto") -> Document:
    """The extract stage: what ``reader`` finds in ``source`` (notes from ``notes`` when a notes
    file is paired), then the citations in its notes and prose (:func:`with_citations`)."""
    return with_citations(reader.read(source, notes), mentions)


def _read_one(
    item: SourcePath, reader: Reader, settings: Settings, cwd: Path
) -> tuple[Document | None, list[InputProblem], list[Path]]:
    """Read ``item`` (and its paired notes file) and run its reader."""
    problems: list[InputProblem] = []
    inputs = [item.path]
    try:
        source = read_source(item.path, item.display)
    except OSError as error:
        return None, [InputProblem(item.display, reason(error))], inputs
    notes: SourceFile | None = None
    notes_path = settings.notes_file_for(item.path.resolve()) if reader.pairs_notes_file else None
    if notes_path is not None:
        inputs.append(notes_path)
        notes_display = display_path(notes_path, cwd)
        try:
            notes = read_source(notes_path, notes_display)
        except OSError as error:
            problems.append(InputProblem(notes_display, f"{reason(error)} (the notes file of {item.display})"))
    try:
        document = read_document(reader, source, notes, settings.mentions)
    except (ValueError, UnicodeError) as error:
        problems.append(_failure(item, reader, error))
        return None, problems, inputs
    if notes is not None and all(s.path != notes.path for s in document.note_sources):
        document = dataclasses.replace(document, note_sources=(*document.note_sources, notes))
    return document, problems, inputs


def _read_package(item: SourcePath, reader: PackageReader, settings: Settings) -> tuple[Document | None, list[InputProblem]]:
    """Read the zip package ``item`` with its reader: a refusal is CC005, a broken package CC001."""
    try:
        data = read_regular_file(item.path)
    except OSError as error:
        return None, [InputProblem(item.display, reason(error))]
    try:
        return with_citations(reader.read(data, item.display), settings.mentions), []
    except (ValueError, UnicodeError) as error:
        return None, [_failure(item, reader, error)]


def _failure(item: SourcePath, reader: Reader | PackageReader, error: ValueError | UnicodeError) -> InputProblem:
    """What a reader's failure is reported as: CC005 for an input refused as unsafe, else CC001."""
    if isinstance(error, Refused):
        return InputProblem(item.display, f"refused: {error}", refused=True)
    return InputProblem(item.display, f"the {reader.format} reader failed: {error}")


def _names(path: Path, display: str, root: Path) -> tuple[str, ...]:
    names = [display]
    try:
        names.append(path.relative_to(root).as_posix())
    except ValueError:
        pass
    return tuple(dict.fromkeys(names))


def _announced(items: Iterable[SourcePath], on_file: Callable[[str], None]) -> Iterator[SourcePath]:
    """``items``, calling ``on_file`` with each one's display path when the next is asked for."""
    for item in items:
        yield item
        on_file(item.display)


def read_documents(
    items: Iterable[SourcePath],
    settings: Settings,
    *,
    cwd: Path | None = None,
    on_file: Callable[[str], None] | None = None,
) -> ReadResult:
    """Read every item with the reader for its suffix; failures become CC001/CC003 problems.

    ``on_file`` is called with each item's display path once it has been dealt with.
    """
    cwd = working_dir(cwd)
    documents: list[Document] = []
    unreadable: list[InputProblem] = []
    unknown: list[InputProblem] = []
    inputs: list[Path] = []
    names: dict[str, tuple[str, ...]] = {}
    known = ", ".join(suffix for reader in READERS for suffix in reader.suffixes)
    for item in items if on_file is None else _announced(items, on_file):
        names[item.display] = _names(item.path, item.display, settings.root)
        if item.problem is not None:
            unreadable.append(InputProblem(item.display, item.problem))
            continue
        reader = _reader(item.path, names[item.display], settings)
        if reader is None:
            if not item.path.exists():
                unreadable.append(InputProblem(item.display, "No such file or directory"))
            else:
                inputs.append(item.path)
                suffix = item.path.suffix or "(no suffix)"
                unknown.append(
                    InputProblem(item.display, f"no reader for {suffix} files (known: {known})")
                )
            continue
        if isinstance(reader, PackageReader):
            document, problems = _read_package(item, reader, settings)
            touched = [item.path]
        else:
            document, problems, touched = _read_one(item, reader, settings, cwd)
        inputs.extend(touched)
        unreadable.extend(problems)
        if document is not None:
            documents.append(document)
            for source in document.note_sources:
                names.setdefault(source.path, _names(absolute(cwd, source.path), source.path, settings.root))
    return ReadResult(tuple(documents), tuple(unreadable), tuple(unknown), tuple(inputs), MappingProxyType(names))


def _load_bib(settings: Settings, cwd: Path) -> tuple[Bibliography | None, InputProblem | None]:
    """The configured bibliography, loaded once; a file that cannot be read is a CC001 problem.

    Loading never fails on the file's content: blocks it cannot read, bytes that are not UTF-8
    and the like become findings of the CC3xx rules (and CC002).
    """
    if settings.bib is None:
        return None, None
    display = display_path(settings.bib, cwd)
    try:
        return load_bibliography(settings.bib, display), None
    except OSError as error:
        return None, InputProblem(display, f"{reason(error)} (the bibliography)")


def check(context: Context, selection: Selection = Selection()) -> tuple[Diagnostic, ...]:
    """Run every rule that ``selection`` selects over ``context``."""
    return tuple(run_rules(context, (rule for rule in all_rules() if selection.selected(rule.code))))


def _suppressions(sources: Iterable[SourceFile]) -> dict[str, Suppressions]:
    found: dict[str, Suppressions] = {}
    for source in sources:
        if source.path not in found:
            found[source.path] = scan_suppressions(source)
    return found


def _size(path: Path | None) -> int:
    if path is None:
        return 0
    try:
        return path.stat().st_size
    except OSError:
        return 0


@dataclass(frozen=True, slots=True)
class _Gathered:
    """Everything read for a run: the rules' context, every input file, and the names each
    display path may be matched by in per-file-ignores."""

    context: Context
    inputs: tuple[Path, ...]
    names: Mapping[str, tuple[str, ...]]


def _gather(settings: Settings, paths: Sequence[str | os.PathLike[str]], cwd: Path, progress: Progress) -> _Gathered:
    """Read the manuscripts and the bibliography into a :class:`Context` (collector paused by the caller)."""
    if not paths and not settings.sources:
        raise UsageError(
            "nothing to check: name the files (citecheck run FILE...) or list them as "
            "'sources' under [tool.citecheck] in pyproject.toml"
        )
    items = collect_sources(settings, paths, cwd=cwd)
    if not items:
        raise UsageError(f"no manuscript files found in {', '.join(str(p) for p in paths) or 'the sources'}")
    progress.plan(len(items), _size(settings.bib))
    result = read_documents(items, settings, cwd=cwd, on_file=progress.file_done)
    unreadable = list(result.unreadable)
    inputs = list(result.inputs)
    names = dict(result.names)
    if settings.bib is not None:
        progress.stage(f"loading {display_path(settings.bib, cwd)}")
    bib, bib_problem = _load_bib(settings, cwd)
    if settings.bib is not None:
        inputs.append(settings.bib)
        shown = display_path(settings.bib, cwd)
        names.setdefault(shown, _names(settings.bib, shown, settings.root))
        if bib_problem is not None:
            unreadable.append(bib_problem)
    allowed = frozenset(key.casefold() for key in settings.allow_unused)
    context = Context(result.documents, tuple(unreadable), result.unknown_format, bib, allowed)
    return _Gathered(context, tuple(inputs), MappingProxyType(names))


def run(
    settings: Settings,
    paths: Sequence[str | os.PathLike[str]] = (),
    *,
    cwd: Path | None = None,
    progress: Progress | None = None,
) -> Report:
    """Check ``paths`` (or the configured sources) and return the report of kept findings.

    ``progress`` (by default nothing) is told how many files and bibliography bytes lie ahead,
    each file read, and each later stage.
    """
    cwd = working_dir(cwd)
    progress = NO_PROGRESS if progress is None else progress
    with collector_paused():
        gathered = _gather(settings, paths, cwd, progress)
        context = gathered.context
        progress.stage("checking")
        diagnostics = check(context, settings.selection)

    ignored = {
        path: codes
        for path in {d.span.path for d in diagnostics}
        if (codes := per_file_codes(gathered.names.get(path, (path,)), settings.per_file_ignores))
    }
    bib = context.bibliography
    extra = (bib.source,) if bib is not None else ()
    inputs = (p.resolve() for p in gathered.inputs)
    report = Report.build(context.reconciled().documents, (), inputs=inputs, sources=extra)
    kept = filter_diagnostics(
        diagnostics,
        sources=report.sources,
        suppressions=_suppressions(report.sources.values()),
        ignored_codes=ignored,
    )
    return dataclasses.replace(report, diagnostics=tuple(sorted(kept, key=Diagnostic.sort_key)))


def reconcile_sources(
    settings: Settings, paths: Sequence[str | os.PathLike[str]] = (), *, cwd: Path | None = None
) -> Context:
    """Read ``paths`` (or the configured sources) and the bibliography; the context's
    :meth:`~citecheck.rules.Context.reconciled` says what each citation resolves to."""
    with collector_paused():
        context = _gather(settings, paths, working_dir(cwd), NO_PROGRESS).context
        context.reconciled()
    return context
