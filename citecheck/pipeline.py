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
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple, Protocol

from citecheck.bib.backend import tex_string_file
from citecheck.bib.load import load_bibliography, parse_bibliography
from citecheck.bib.model import Bibliography
from citecheck.collector import collector_paused
from citecheck.config import DEDICATED_FILES, Settings
from citecheck.diagnostics import Diagnostic, in_report_order
from citecheck.errors import CitecheckError, UsageError
from citecheck.forks import can_fork
from citecheck.model import Document, Inclusion
from citecheck.paths import absolute, display_path, working_dir
from citecheck.patterns import OnFirstUse
from citecheck.project import (
    BOOK_FILES,
    BookFile,
    book_file,
    embedded_source,
    looked_for,
    output_folders,
    resolve,
)
from citecheck.readers import READERS, Reader, reader_for
from citecheck.reconcile.citations import with_citations
from citecheck.report import Report
from citecheck.reporters import REPORT_FILES
from citecheck.rules import Context, InputProblem, MissingFile, all_rules, run_rules
from citecheck.select import Selection, Suppressions, filter_diagnostics, per_file_codes, scan_suppressions
from citecheck.source import SourceFile, Span, UnsafeInput, read_bytes, read_source

__all__ = [
    "NO_PROGRESS",
    "Progress",
    "Report",
    "SourcePath",
    "check",
    "collect",
    "collect_sources",
    "read_document",
    "read_documents",
    "reconcile_sources",
    "reason",
    "run",
]

_GLOB_MAGIC = OnFirstUse(re.compile, r"[*?\[]")


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


class SourcePath(NamedTuple):
    """A file to check: its absolute path, how reports name it, and why it cannot be used, if so.

    ``main_folder`` is the folder of the main file that includes it (LaTeX runs there), when it
    was reached through an inclusion; a file given or found in a folder is its own main file.
    """

    path: Path
    display: str
    problem: str | None = None
    main_folder: Path | None = None

    @property
    def runs_in(self) -> Path:
        return self.path.parent if self.main_folder is None else self.main_folder


class ReadResult(NamedTuple):
    """What reading produced: documents, input problems, and every input file touched."""

    documents: tuple[Document, ...]
    unreadable: tuple[InputProblem, ...]
    unknown_format: tuple[InputProblem, ...]
    inputs: tuple[Path, ...]
    names: Mapping[str, tuple[str, ...]]  # display path -> every name per-file-ignores may match
    missing: tuple[MissingFile, ...] = ()
    bibliographies: tuple[Path | SourceFile, ...] = ()  # named by the documents: a file, or embedded text
    project_files: tuple[SourceFile, ...] = ()  # book files that name bibliographies (_quarto.yml)
    unbuilt: tuple[str, ...] = ()  # named bibliographies not there that the documents' code writes when built


def _reader_of(path: Path, display: str, settings: Settings) -> Reader | None:
    """The reader the configuration's ``formats`` table names for the file, else the one its
    suffix calls for."""
    return reader_for(path, settings.format_for(_names(path, display, settings.root)))


def _inside(path: Path, folder: Path | None) -> bool:
    if folder is None:
        return False
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _walk(folder: Path, settings: Settings, cwd: Path, skipped: list[Path]) -> Iterator[Path]:
    """Files below ``folder`` that a reader knows, sorted; the others go to ``skipped`` (but
    bibliographies and settings files). Hidden entries, the output folder, a book's output
    folder (``_book``) and the report files of an earlier run are neither."""
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        outputs = output_folders(here) if any(name in files for name in BOOK_FILES) else ()
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and not _inside(here / d, settings.output_dir) and here / d not in outputs
        )
        reports = _earlier_reports(here, files)
        for name in sorted(files):
            path = here / name
            if name.startswith(".") or name in reports:
                continue
            if _reader_of(path, display_path(path, cwd), settings) is not None:
                yield path
            elif path.suffix.lower() not in _NOT_MANUSCRIPTS and name not in _SETTINGS_FILES:
                skipped.append(path)


_NOT_MANUSCRIPTS = frozenset({".bib"})  # read as bibliographies when named
_SETTINGS_FILES = frozenset({"pyproject.toml", "_output.yml", *DEDICATED_FILES, *BOOK_FILES})  # _output.yml: R Markdown's
_REPORT_START = '{\n  "schema": "citecheck-report/'


def _earlier_reports(folder: Path, files: Sequence[str]) -> frozenset[str]:
    """The report files in ``folder`` when it holds an earlier run's reports (its
    ``citecheck.json`` says so), so that they are not read back as manuscripts."""
    name = dict((fmt, file) for file, fmt in REPORT_FILES).get("json")
    if name is None or name not in files:
        return frozenset()
    try:
        with open(folder / name, encoding="utf-8") as report:
            start = report.read(len(_REPORT_START))
    except (OSError, UnicodeError):
        return frozenset()
    return frozenset(file for file, _ in REPORT_FILES) if start == _REPORT_START else frozenset()


def _is_report(path: Path, output_dir: Path | None) -> bool:
    return output_dir is not None and path.parent.resolve() == output_dir.resolve() and path.name in dict(REPORT_FILES)


class Collected(NamedTuple):
    """The files to check, and the files in the folders walked that no reader knows."""

    items: tuple[SourcePath, ...]
    skipped: tuple[Path, ...] = ()


def collect_sources(settings: Settings, paths: Sequence[str | os.PathLike[str]] = (), *, cwd: Path | None = None) -> list[SourcePath]:
    """The files to check (:func:`collect`)."""
    return list(collect(settings, paths, cwd=cwd).items)


def collect(settings: Settings, paths: Sequence[str | os.PathLike[str]] = (), *, cwd: Path | None = None) -> Collected:
    """The files to check, de-duplicated, in a stable order, and the files skipped in folders.

    Explicit ``paths`` (relative to ``cwd``) win over ``settings.sources`` (globs relative to the
    project root). A folder stands for the files below it that a reader knows. A path that does
    not exist is kept (reading it reports CC001); a glob that matches nothing becomes a problem.
    A notes file paired with a chapter that is being checked is read with its chapter, not alone.
    """
    cwd = working_dir(cwd)
    found: list[SourcePath] = []
    skipped: list[Path] = []

    def add(path: Path, problem: str | None = None) -> None:
        found.append(SourcePath(path, display_path(path, cwd), problem))

    def add_path(path: Path, explicit: bool) -> None:
        if path.is_dir():
            for file in _walk(path, settings, cwd, skipped):
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
    items = tuple(item for key, item in unique.items() if key not in paired_notes)
    settings_file = settings.config_file.resolve() if settings.config_file is not None else None
    return Collected(items, tuple(path for path in dict.fromkeys(skipped) if path.resolve() != settings_file))


def reason(error: OSError) -> str:
    """What went wrong, as the system says it (``No such file or directory``)."""
    return error.strerror or str(error)


def read_document(
    reader: Reader,
    source: SourceFile,
    notes: SourceFile | None = None,
    mentions: str = "auto",
    cite_commands: frozenset[str] = frozenset(),
    jobs: int = 1,
) -> Document:
    """The extract stage: what ``reader`` finds in ``source`` (notes from ``notes`` when a notes
    file is paired; ``cite_commands`` read as citation commands where the format has them), then
    the citations in its notes and prose (:func:`with_citations`, its notes read in ``jobs``
    processes when they are many).
    A packaged format's reader reads bytes (``Reader.unpack``), never a ``SourceFile``.
    The cyclic garbage collector is paused meanwhile, as in a run (a reader makes a record or
    more for every note and citation, and the collector's passes over them cost a third of the
    time)."""
    with collector_paused():
        if cite_commands and reader.read_citing is not None:
            return with_citations(reader.read_citing(source, notes, cite_commands), mentions, jobs)
        assert reader.read is not None, f"the {reader.format} reader reads bytes (Reader.unpack)"
        return with_citations(reader.read(source, notes), mentions, jobs)


class _ReadTask(NamedTuple):
    """One file for its reader, with its paired notes file: all a worker process needs."""

    item: SourcePath
    reader: Reader
    notes_path: Path | None
    notes_display: str
    mentions: str
    cite_commands: frozenset[str] = frozenset()


class _Read(NamedTuple):
    """What dealing with one item gave: its document, its problems, the files it touched."""

    document: Document | None = None
    unreadable: tuple[InputProblem, ...] = ()
    unknown_format: tuple[InputProblem, ...] = ()
    inputs: tuple[Path, ...] = ()


def _read_one(task: _ReadTask, jobs: int = 1) -> _Read:
    """Read the task's file (and its paired notes file) and run its reader (in any process; the
    notes of a large document in ``jobs`` processes forked from it)."""
    item, reader = task.item, task.reader
    problems: list[InputProblem] = []
    inputs = (item.path,) if task.notes_path is None else (item.path, task.notes_path)
    try:
        if reader.unpack is not None:
            with collector_paused():
                document = with_citations(reader.unpack(read_bytes(item.path), item.display), task.mentions, jobs)
            return _Read(document, inputs=inputs)
        source = read_source(item.path, item.display)
    except OSError as error:
        return _Read(unreadable=(InputProblem(item.display, reason(error)),), inputs=(item.path,))
    except UnsafeInput as error:
        return _Read(unreadable=(InputProblem(item.display, str(error), unsafe=True),), inputs=inputs)
    except (ValueError, UnicodeError) as error:
        return _Read(unreadable=(InputProblem(item.display, f"the {reader.format} reader failed: {error}"),), inputs=inputs)
    notes: SourceFile | None = None
    if task.notes_path is not None:
        try:
            notes = read_source(task.notes_path, task.notes_display)
        except OSError as error:
            problems.append(InputProblem(task.notes_display, f"{reason(error)} (the notes file of {item.display})"))
    try:
        document = read_document(reader, source, notes, task.mentions, task.cite_commands, jobs)
    except (ValueError, UnicodeError) as error:
        problems.append(InputProblem(item.display, f"the {reader.format} reader failed: {error}"))
        return _Read(unreadable=tuple(problems), inputs=inputs)
    if notes is not None and all(s.path != notes.path for s in document.note_sources):
        document = dataclasses.replace(document, note_sources=(*document.note_sources, notes))
    return _Read(document, tuple(problems), inputs=inputs)


def _plan(item: SourcePath, settings: Settings, cwd: Path, cite_commands: frozenset[str]) -> _ReadTask | _Read:
    """The reading task for ``item`` (``cite_commands`` read as citation commands), or what it
    gives at once (a problem, a file no reader knows)."""
    if item.problem is not None:
        return _Read(unreadable=(InputProblem(item.display, item.problem),))
    reader = _reader_of(item.path, item.display, settings)
    if reader is None:
        if not item.path.exists():
            return _Read(unreadable=(InputProblem(item.display, "No such file or directory"),))
        known = ", ".join(suffix for reader in READERS for suffix in reader.suffixes)
        suffix = item.path.suffix or "(no suffix)"
        problem = InputProblem(item.display, f"no reader for {suffix} files (known: {known})")
        return _Read(unknown_format=(problem,), inputs=(item.path,))
    notes_path = settings.notes_file_for(item.path.resolve()) if reader.pairs_notes_file else None
    notes_display = display_path(notes_path, cwd) if notes_path is not None else ""
    mentions = settings.mentions_for(_names(item.path, item.display, settings.root))
    return _ReadTask(item, reader, notes_path, notes_display, mentions, cite_commands)


def _largest_first(task: _ReadTask) -> int:
    try:
        return -task.item.path.stat().st_size
    except OSError:
        return 0


def _start_method() -> str:
    import multiprocessing  # the pool's libraries: imported by a run with --jobs only

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and can_fork():
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def _read_all(tasks: Sequence[_ReadTask], jobs: int) -> Iterator[_Read]:
    """What each task gives, in the order of ``tasks``; with ``jobs`` > 1 a pool of that many
    worker processes reads them, the largest files first so that no worker is left with one
    big book at the end.

    Workers are forked from this process when it runs on Linux with a single thread (nothing
    to import again); otherwise from a fresh server process (``forkserver``; ``spawn`` where
    there is none) that has imported the main module and this one once, since forking a
    process with threads (the progress bar's) can copy a lock another thread holds. As with any
    such pool, a script that calls this with ``jobs`` > 1 must do so under
    ``if __name__ == "__main__":``.
    """
    workers = min(jobs, len(tasks))
    if workers <= 1:  # one file (or one process): the notes of a large one are shared out instead
        yield from (_read_one(task, jobs) for task in tasks)
        return
    import multiprocessing  # the pool's libraries: imported by a run with --jobs only
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context(_start_method())
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload(["__main__", __name__])
    try:
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            futures = {id(task): pool.submit(_read_one, task) for task in sorted(tasks, key=_largest_first)}
            for task in tasks:
                yield futures[id(task)].result()
    except BrokenProcessPool:
        raise CitecheckError(
            "a --jobs worker process stopped before it finished (killed, out of memory, or the error "
            "above); run again with --jobs 1"
        ) from None


def _names(path: Path, display: str, root: Path) -> tuple[str, ...]:
    names = [display]
    try:
        names.append(path.relative_to(root).as_posix())
    except ValueError:
        pass
    return tuple(dict.fromkeys(names))


def read_documents(
    items: Iterable[SourcePath],
    settings: Settings,
    *,
    cwd: Path | None = None,
    on_file: Callable[[str], None] | None = None,
    jobs: int = 1,
) -> ReadResult:
    """Read every item with the reader for its suffix, and every file a document includes;
    failures become CC001/CC003 problems, a named file that is not there CC005.

    The files the documents of one round include are read in the next round; each included
    document stands right after the one that includes it. ``on_file`` is called with each
    item's display path once it has been dealt with. ``jobs`` worker processes read the files
    (1: this process alone); the result does not depend on it. Without a configured
    bibliography, the bibliographies the documents (and a book's project file) name are found.
    """
    reading = _Reading(settings, working_dir(cwd), jobs)
    batch = [(item, (number,)) for number, item in enumerate(items)]
    reading.seen.update(item.path.resolve() for item, _ in batch if item.problem is None)
    while batch:
        batch = reading.read(batch, on_file)
    return reading.result()


class _Reading:
    """The state of one :func:`read_documents`: what was read, and what the documents name."""

    def __init__(self, settings: Settings, cwd: Path, jobs: int) -> None:
        self.settings = settings
        self.cwd = cwd
        self.jobs = jobs
        self.placed: list[tuple[tuple[int, ...], Document, _ReadTask]] = []
        self.unreadable: list[InputProblem] = []
        self.unknown: list[InputProblem] = []
        self.inputs: list[Path] = []
        self.names: dict[str, tuple[str, ...]] = {}
        self.missing: dict[Span, MissingFile] = {}
        self.seen: set[Path] = set()
        self.commands = frozenset(settings.cite_commands)  # grows with the wrappers documents define
        self.named_bibliographies: list[tuple[Inclusion, Path, Path, Document | None]] = []
        self.book_files: dict[Path, BookFile | None] = {}
        self.parts: dict[Path, Path] = {}  # a file a document includes -> the folder LaTeX runs in for it
        self.written: set[Path] = set()  # the files the documents' code writes when built (knitr::write_bib)
        self.unbuilt: list[str] = []

    def read(
        self, batch: list[tuple[SourcePath, tuple[int, ...]]], on_file: Callable[[str], None] | None
    ) -> list[tuple[SourcePath, tuple[int, ...]]]:
        """Read a round of items (each with its place in the document order); the files they
        include, with theirs, to be read in the next round."""
        settings, cwd = self.settings, self.cwd
        planned = [_plan(item, settings, cwd, self.commands) for item, _ in batch]
        read = _read_all([p for p in planned if isinstance(p, _ReadTask)], self.jobs)
        following: list[tuple[SourcePath, tuple[int, ...]]] = []
        for (item, place), plan in zip(batch, planned):
            self.names[item.display] = _names(item.path, item.display, settings.root)
            outcome = next(read) if isinstance(plan, _ReadTask) else plan
            self.unreadable.extend(outcome.unreadable)
            self.unknown.extend(outcome.unknown_format)
            self.inputs.extend(outcome.inputs)
            document = outcome.document
            if document is not None and isinstance(plan, _ReadTask):
                self.placed.append((place, document, plan))
                self.commands |= document.cite_commands
                for source in document.note_sources:
                    self.names.setdefault(source.path, _names(absolute(cwd, source.path), source.path, settings.root))
                self._book_bibliographies(item)
                included = self._included(item, document)
                following.extend((part, (*place, number)) for number, part in enumerate(included))
            if on_file is not None:
                on_file(item.display)
        return following + self._adopt()

    def _included(self, item: SourcePath, document: Document) -> list[SourcePath]:
        follow: list[SourcePath] = []
        for inclusion in document.inclusions:
            if inclusion.kind == "bibliography":
                self.named_bibliographies.append((inclusion, item.path, item.runs_in, document))
                continue
            if inclusion.kind == "generated":
                self.written.update(candidate.resolve() for candidate in looked_for(inclusion, item.path, item.runs_in))
                continue
            path = resolve(inclusion, item.path, item.runs_in, self.cwd)
            if isinstance(path, MissingFile):
                self.missing.setdefault(path.span, path)
                continue
            self.parts.setdefault(path.resolve(), item.runs_in)
            if reader_for(path) is not None and path.resolve() not in self.seen:
                self.seen.add(path.resolve())
                follow.append(SourcePath(path, display_path(path, self.cwd), main_folder=item.runs_in))
        return follow
    def _adopt(self) -> list[tuple[SourcePath, tuple[int, ...]]]:
        """Files read as main files (given, or found in a folder) that another document includes
        are its parts: LaTeX reads what they name from the including main file's folder, so
        their inclusions are looked for again from there (``chapters/method.tex``'s
        ``\\input{tables/rolls}`` in a thesis run as a folder). The parts found are to be read."""
        following: list[tuple[SourcePath, tuple[int, ...]]] = []
        for number, (place, document, task) in enumerate(self.placed):
            item = task.item
            runs_in = self.parts.get(item.path.resolve())
            if item.main_folder is not None or runs_in is None or runs_in == item.runs_in:
                continue
            adopted = item._replace(main_folder=runs_in)
            self.placed[number] = (place, document, task._replace(item=adopted))
            self.missing = {span: found for span, found in self.missing.items() if span.path != item.display}
            self.named_bibliographies = [named for named in self.named_bibliographies if named[1] != item.path]
            included = self._included(adopted, document)
            following.extend((part, (*place, count)) for count, part in enumerate(included))
        return following

    def _book_bibliographies(self, item: SourcePath) -> None:
        """The bibliographies of the book (Quarto, bookdown) the document belongs to: its
        project file in the document's folder or a folder above it, up to the project root."""
        if self.settings.bibs:
            return
        folder = item.path.parent.resolve()
        root = self.settings.root.resolve()
        while True:
            if folder not in self.book_files:
                self.book_files[folder] = book_file(folder, self.cwd)
                book = self.book_files[folder]
                if book is not None:
                    names_from = absolute(self.cwd, book.names_from.path)
                    for inclusion in book.bibliographies:
                        self.named_bibliographies.append((inclusion, names_from, folder, None))
            if folder == root or root not in folder.parents:
                return
            folder = folder.parent

    def _reread(self) -> None:
        """Read again the documents read before a wrapper of ``\\cite`` they may use was defined
        (in a file read after them: a preamble's ``\\input{macros}``)."""
        stale = [
            number
            for number, (_, _, task) in enumerate(self.placed)
            if task.reader.read_citing is not None and not self.commands <= task.cite_commands
        ]
        tasks = [self.placed[number][2]._replace(cite_commands=self.commands) for number in stale]
        for number, task, outcome in zip(stale, tasks, _read_all(tasks, self.jobs)):
            if outcome.document is not None:
                self.placed[number] = (self.placed[number][0], outcome.document, task)

    def _bibliographies(self) -> tuple[Path | SourceFile, ...]:
        """The bibliographies the documents name, each once: a file, or a ``filecontents``
        text when no file of its name is there; one that is not there is CC005, unless it is a
        file of @string macros a TeX distribution ships (``IEEEabrv``: BibTeX finds it there)
        or one the documents' code writes when the book is built (``unbuilt``)."""
        found_files: dict[Path, Path] = {}
        embedded: dict[str, SourceFile] = {}
        missing: list[tuple[MissingFile, tuple[Path, ...]]] = []
        for inclusion, including, runs_in, document in self.named_bibliographies:
            path = resolve(inclusion, including, runs_in, self.cwd)
            if isinstance(path, Path):
                found_files.setdefault(path.resolve(), path)
            elif inclusion.embedded and document is not None:
                embedded.setdefault(Path(inclusion.target).name, embedded_source(document, inclusion))
            elif any(candidate.resolve() in self.written for candidate in looked_for(inclusion, including, runs_in)):
                self.unbuilt.append(inclusion.target)  # written when the book is built
            elif tex_string_file(inclusion.target) is None:  # else BibTeX reads the TeX tree's copy
                missing.append((path, looked_for(inclusion, including, runs_in)))
        for finding, candidates in missing:  # a filecontents of that name stands in for the file
            if not any(candidate.name in embedded for candidate in candidates):
                self.missing.setdefault(finding.span, finding)
        return (*found_files.values(), *embedded.values())

    def result(self) -> ReadResult:
        self._reread()
        bibliographies = () if self.settings.bibs else self._bibliographies()
        books = [book for book in self.book_files.values() if book is not None]
        project_files = tuple({source.path: source for book in books for source in (book.source, book.names_from)}.values())
        return ReadResult(
            tuple(document for _, document, _ in sorted(self.placed, key=lambda placed: placed[0])),
            tuple(self.unreadable),
            tuple(self.unknown),
            tuple(self.inputs),
            MappingProxyType(self.names),
            tuple(self.missing.values()),
            bibliographies,
            project_files,
            tuple(dict.fromkeys(self.unbuilt)),
        )


def _load_bibs(bibliographies: Sequence[Path | SourceFile], cwd: Path) -> tuple[Bibliography | None, list[InputProblem]]:
    """The bibliographies (files, or texts embedded in a document), each loaded once and read
    as one (:meth:`Bibliography.combined`); a file that cannot be read is a CC001 problem.

    Loading never fails on a file's content: blocks it cannot read, bytes that are not UTF-8
    and the like become findings of the CC3xx rules (and CC002). Each file sees the @strings of
    those before it, as BibTeX reads them.
    """
    parts: list[Bibliography] = []
    problems: list[InputProblem] = []
    for bibliography in bibliographies:
        macros = parts[-1].macros if parts else None
        if isinstance(bibliography, SourceFile):
            parts.append(parse_bibliography(bibliography, macros))
            continue
        display = display_path(bibliography, cwd)
        try:
            parts.append(load_bibliography(bibliography, display, macros))
        except OSError as error:
            problems.append(InputProblem(display, f"{reason(error)} (the bibliography)"))
    return (Bibliography.combined(parts) if parts else None), problems


def check(context: Context, selection: Selection = Selection()) -> tuple[Diagnostic, ...]:
    """Run every rule that ``selection`` selects over ``context``."""
    return tuple(run_rules(context, (rule for rule in all_rules() if selection.selected(rule.code))))


def _suppressions(sources: Iterable[SourceFile]) -> dict[str, Suppressions]:
    found: dict[str, Suppressions] = {}
    for source in sources:
        if source.path not in found:
            found[source.path] = scan_suppressions(source)
    return found


def _size(paths: Iterable[Path]) -> int:
    total = 0
    for path in paths:
        try:
            total += path.stat().st_size
        except OSError:
            pass
    return total


class _Gathered(NamedTuple):
    """Everything read for a run: the rules' context, every input file, and the names each
    display path may be matched by in per-file-ignores."""

    context: Context
    inputs: tuple[Path, ...]
    names: Mapping[str, tuple[str, ...]]
    project_files: tuple[SourceFile, ...] = ()
    skipped: tuple[str, ...] = ()  # display paths of files in the folders walked that no reader knows


def _gather(
    settings: Settings, paths: Sequence[str | os.PathLike[str]], cwd: Path, progress: Progress, jobs: int = 1
) -> _Gathered:
    """Read the manuscripts and the bibliography into a :class:`Context` (collector paused by the caller)."""
    if not paths and not settings.sources:
        raise UsageError(
            "nothing to check: name the files (citecheck run FILE...) or list them as "
            "'sources' under [tool.citecheck] in pyproject.toml"
        )
    collected = collect(settings, paths, cwd=cwd)
    items = collected.items
    if not items:
        raise UsageError(f"no manuscript files found in {', '.join(str(p) for p in paths) or 'the sources'}")
    progress.plan(len(items), _size(settings.bibs))
    result = read_documents(items, settings, cwd=cwd, on_file=progress.file_done, jobs=jobs)
    unreadable = list(result.unreadable)
    inputs = list(result.inputs)
    names = dict(result.names)
    bibliographies = settings.bibs or result.bibliographies
    files = [bibliography for bibliography in bibliographies if isinstance(bibliography, Path)]
    if bibliographies:
        progress.stage(f"loading {', '.join(_shown(bibliography, cwd) for bibliography in bibliographies)}")
    bib, bib_problems = _load_bibs(bibliographies, cwd)
    unreadable.extend(bib_problems)
    for path in files:
        inputs.append(path)
        shown = display_path(path, cwd)
        names.setdefault(shown, _names(path, shown, settings.root))
    allowed = frozenset(key.casefold() for key in settings.allow_unused)
    context = Context.of(
        result.documents, tuple(unreadable), result.unknown_format, bib, allowed, result.missing, settings.backend,
        () if settings.bibs else result.unbuilt,
    )  # fmt: skip
    skipped = tuple(display_path(path, cwd) for path in collected.skipped)
    return _Gathered(context, tuple(inputs), MappingProxyType(names), result.project_files, skipped)


def _shown(bibliography: Path | SourceFile, cwd: Path) -> str:
    """How a bibliography is named: its path, or the document it is embedded in."""
    if isinstance(bibliography, SourceFile):
        return f"the bibliography in {bibliography.path}"
    return display_path(bibliography, cwd)


def _without_entries(bib: Bibliography | None) -> tuple[str, ...]:
    """The paths of the bibliography's files that hold no entry; the entries are walked only
    until every file has shown one (at the first entry, for a run with one file)."""
    if bib is None:
        return ()
    paths = [source.path for source in bib.sources]
    waiting = set(paths)
    for entry in bib.entries:
        waiting.discard(entry.path)
        if not waiting:
            break
    return tuple(path for path in paths if path in waiting)


def run(
    settings: Settings,
    paths: Sequence[str | os.PathLike[str]] = (),
    *,
    cwd: Path | None = None,
    progress: Progress | None = None,
    jobs: int = 1,
) -> Report:
    """Check ``paths`` (or the configured sources) and return the report of kept findings.

    ``progress`` (by default nothing) is told how many files and bibliography bytes lie ahead,
    each file read, and each later stage. ``jobs`` worker processes read the files
    (:func:`read_documents`); the report is the same for any number.
    """
    cwd = working_dir(cwd)
    progress = NO_PROGRESS if progress is None else progress
    with collector_paused():
        gathered = _gather(settings, paths, cwd, progress, jobs)
        context = gathered.context
        progress.stage("checking")
        diagnostics = check(context, settings.selection)

    ignored: dict[str, tuple[str, ...]] = {}
    if settings.per_file_ignores:  # else no walk over every finding's path
        ignored = {
            path: codes
            for path in {d.span.path for d in diagnostics}
            if (codes := per_file_codes(gathered.names.get(path, (path,)), settings.per_file_ignores))
        }
    bib = context.bibliography
    bib_sources = bib.sources if bib is not None else ()
    extra = (*bib_sources, *gathered.project_files)
    inputs = (p.resolve() for p in gathered.inputs)
    report = Report.build(
        context.reconciliation.documents,
        (),
        inputs=inputs,
        sources=extra,
        bibliographies=(source.path for source in bib_sources),
        skipped=gathered.skipped,
        unbuilt=context.unbuilt,
        empty_bibliographies=_without_entries(bib),
    )
    kept = filter_diagnostics(
        diagnostics,
        sources=report.sources,
        suppressions=_suppressions(report.sources.values()),
        ignored_codes=ignored,
    )
    return dataclasses.replace(report, diagnostics=tuple(in_report_order(kept)))


def reconcile_sources(
    settings: Settings, paths: Sequence[str | os.PathLike[str]] = (), *, cwd: Path | None = None
) -> Context:
    """Read ``paths`` (or the configured sources) and the bibliography; the context's
    ``reconciliation`` says what each citation resolves to."""
    with collector_paused():
        return _gather(settings, paths, working_dir(cwd), NO_PROGRESS).context
