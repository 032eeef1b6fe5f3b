"""The default chain, in one place: collect -> read -> extract -> check -> select -> report.

Every stage is a function over frozen data; the CLI only calls :func:`run`,
:func:`extract_document` and :func:`write_reports`.
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

from citecheck.bib.export import Citations
from citecheck.bib.load import load_bibliography
from citecheck.bib.model import Bibliography
from citecheck.collector import collector_paused
from citecheck.config import Settings
from citecheck.diagnostics import Diagnostic
from citecheck.errors import InputError, OutputError, UsageError
from citecheck.files import write_atomically
from citecheck.model import Citation, Document
from citecheck.readers import READERS, Reader, read_document, reader_for
from citecheck.report import INPUT_ERROR_CODES, Report
from citecheck.rules import Context, InputProblem, all_rules, run_rules
from citecheck.select import Selection, Suppressions, filter_diagnostics, per_file_codes, scan_suppressions
from citecheck.source import SourceFile, read_source

__all__ = [
    "INPUT_ERROR_CODES",
    "NO_PROGRESS",
    "Progress",
    "REPORT_FILES",
    "Report",
    "SourcePath",
    "check",
    "cited_in_order",
    "collect_sources",
    "display_path",
    "extract_document",
    "read_documents",
    "reconcile_sources",
    "run",
    "suggest",
    "write_reports",
]

# The files every run writes into the output directory, with the format of each: every format
# but ``github``, whose workflow commands only work on standard output.
REPORT_FILES = (
    ("citecheck.json", "json"),
    ("citecheck.txt", "text"),
    ("citecheck.sarif", "sarif"),
    ("citecheck.md", "markdown"),
    ("citecheck.junit.xml", "junit"),
    ("citecheck.html", "html"),
)

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


def _cwd(cwd: Path | None) -> Path:
    return Path(os.path.abspath(cwd or Path.cwd()))


def _absolute(base: Path, value: str | os.PathLike[str]) -> Path:
    return Path(os.path.normpath(base / Path(value).expanduser()))


def display_path(path: Path, cwd: Path) -> str:
    """``path`` relative to ``cwd`` (posix) when it lies below it, else absolute (posix)."""
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        return path.as_posix()


def _known_suffix(path: Path) -> bool:
    return reader_for(path) is not None


def _inside(path: Path, folder: Path | None) -> bool:
    if folder is None:
        return False
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _walk(folder: Path, output_dir: Path | None) -> Iterator[Path]:
    """Files below ``folder`` that a reader knows, sorted; hidden entries and reports are skipped."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _inside(Path(root, d), output_dir))
        for name in sorted(files):
            path = Path(root, name)
            if not name.startswith(".") and _known_suffix(path):
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
    cwd = _cwd(cwd)
    found: list[SourcePath] = []

    def add(path: Path, problem: str | None = None) -> None:
        found.append(SourcePath(path, display_path(path, cwd), problem))

    def add_path(path: Path, explicit: bool) -> None:
        if path.is_dir():
            for file in _walk(path, settings.output_dir):
                add(file)
        elif explicit or not _is_report(path, settings.output_dir):
            add(path)

    if paths:
        for raw in paths:
            add_path(_absolute(cwd, raw), explicit=True)
    else:
        for pattern in settings.sources:
            if not _GLOB_MAGIC.search(pattern):
                add_path(_absolute(settings.root, pattern), explicit=True)
                continue
            matches = sorted(glob.glob(pattern, root_dir=settings.root, recursive=True))
            if not matches:
                add(_absolute(settings.root, pattern), f"no file matches the sources pattern {pattern!r}")
            for match in matches:
                add_path(_absolute(settings.root, match), explicit=False)

    unique: dict[Path, SourcePath] = {}
    for item in found:
        unique.setdefault(item.path.resolve() if item.problem is None else item.path, item)
    chapters = set(unique)
    paired_notes = {notes for chapter, notes in settings.notes_files if chapter in chapters}
    return [item for key, item in unique.items() if key not in paired_notes]


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _read_one(
    item: SourcePath, reader: Reader, settings: Settings, cwd: Path
) -> tuple[Document | None, list[InputProblem], list[Path]]:
    """Read ``item`` (and its paired notes file) and run its reader."""
    problems: list[InputProblem] = []
    inputs = [item.path]
    try:
        source = read_source(item.path, item.display)
    except OSError as error:
        return None, [InputProblem(item.display, _reason(error))], inputs
    notes: SourceFile | None = None
    notes_path = settings.notes_file_for(item.path.resolve()) if reader.pairs_notes_file else None
    if notes_path is not None:
        inputs.append(notes_path)
        notes_display = display_path(notes_path, cwd)
        try:
            notes = read_source(notes_path, notes_display)
        except OSError as error:
            problems.append(InputProblem(notes_display, f"{_reason(error)} (the notes file of {item.display})"))
    try:
        document = read_document(reader, source, notes, settings.mentions)
    except (ValueError, UnicodeError) as error:
        problems.append(InputProblem(item.display, f"the {reader.format} reader failed: {error}"))
        return None, problems, inputs
    if notes is not None and all(s.path != notes.path for s in document.note_sources):
        document = dataclasses.replace(document, note_sources=(*document.note_sources, notes))
    return document, problems, inputs


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
    cwd = _cwd(cwd)
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
        reader = reader_for(item.path)
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
        document, problems, touched = _read_one(item, reader, settings, cwd)
        inputs.extend(touched)
        unreadable.extend(problems)
        if document is not None:
            documents.append(document)
            for source in document.note_sources:
                names.setdefault(source.path, _names(_absolute(cwd, source.path), source.path, settings.root))
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
        return None, InputProblem(display, f"{_reason(error)} (the bibliography)")


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
    cwd = _cwd(cwd)
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
        context = _gather(settings, paths, _cwd(cwd), NO_PROGRESS).context
        context.reconciled()
    return context


@dataclass(frozen=True, slots=True)
class SuggestResult:
    """What ``citecheck suggest`` made: the BibTeX text, where it went (None: standard output),
    and a one-line summary for standard error."""

    text: str
    written: Path | None
    summary: str


def suggest(
    settings: Settings,
    paths: Sequence[str | os.PathLike[str]] = (),
    output: str | None = None,
    *,
    cwd: Path | None = None,
) -> SuggestResult:
    """Suggested entries for the unresolved sources of ``paths`` (or the configured sources).

    Written atomically to ``output`` (relative to ``cwd``; ``-`` for standard output), by default
    ``suggested.bib`` in the output directory (standard output when there is none). Never onto
    an input.
    """
    from citecheck.bib.suggest import render_suggestions, suggest_entries

    cwd = _cwd(cwd)
    if settings.bib is None:
        raise UsageError(
            "suggest compares the notes with a bibliography: give --bib FILE or set bib in "
            "[tool.citecheck] (an empty .bib file suggests an entry for every source)"
        )
    context = reconcile_sources(settings, paths, cwd=cwd)
    problems = (*context.unreadable, *context.unknown_format)
    if problems:
        raise InputError("; ".join(f"{problem.path}: {problem.reason}" for problem in problems))
    bib = context.bibliography
    assert bib is not None  # a bibliography that cannot be read is one of the problems
    sources = {d.source.path: d.source for d in context.documents}
    sources.update({s.path: s for d in context.documents for s in d.note_sources})

    def place(citation: Citation) -> str:
        where = sources[citation.span.path].locate(citation.span)
        return f"{citation.span.path}:{where.line}:{where.column}"

    suggestions = suggest_entries(context.reconciled().resolutions, bib.by_key, place)
    text = render_suggestions(suggestions, display_path(settings.bib, cwd))
    count = f"{len(suggestions)} suggested entr{'y' if len(suggestions) == 1 else 'ies'}"
    if output == "-" or (output is None and settings.output_dir is None):
        return SuggestResult(text, None, f"citecheck: {count}")
    target = _absolute(cwd, output) if output is not None else settings.output_dir / "suggested.bib"
    shown = display_path(target, cwd)
    protected = {p.resolve() for p in (settings.bib, *(Path(cwd, s) for s in sources))}
    if target.resolve() in protected:
        raise OutputError(f"refusing to write {shown}: it is one of the input files")
    if target.is_dir():
        raise OutputError(f"cannot write {shown}: it is a folder")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, text)
    except OSError as error:
        raise OutputError(f"cannot write {shown}: {_reason(error)}") from None
    return SuggestResult(text, target, f"citecheck: wrote {count} to {shown}")


def cited_in_order(settings: Settings, bib: Bibliography, *, cwd: Path | None = None) -> Citations:
    """The entries of ``bib`` that the configured manuscripts cite, in the order first cited.

    For ``citecheck export --only-cited`` and ``--sort citation-order``. Raises
    :class:`UsageError` when no manuscripts are configured, and :class:`InputError` when one
    cannot be read: leaving out entries on the strength of a partial reading would lose data.
    """
    cwd = _cwd(cwd)
    if not settings.sources:
        raise UsageError(
            "--only-cited and --sort citation-order read the manuscripts: list them as 'sources' "
            "under [tool.citecheck] in pyproject.toml"
        )
    result = read_documents(collect_sources(settings, cwd=cwd), settings, cwd=cwd)
    problems = (*result.unreadable, *result.unknown_format)
    if problems:
        shown = "; ".join(f"{problem.path}: {problem.reason}" for problem in problems)
        raise InputError(f"cannot tell which entries are cited: {shown}")
    reconciliation = Context(result.documents, bibliography=bib).reconciled()
    keys = (c.key for document in reconciliation.documents for c in document.citations if c.key is not None)
    return Citations(tuple(dict.fromkeys(keys)), reconciliation.cites_everything)


def extract_document(
    path: str | os.PathLike[str], *, settings: Settings | None = None, cwd: Path | None = None
) -> Report:
    """One document as its reader sees it, with every finding of every rule (nothing filtered).

    A notes file paired with ``path`` in ``settings`` is read with it.
    """
    cwd = _cwd(cwd)
    settings = settings or Settings(root=cwd)
    absolute = _absolute(cwd, path)
    item = SourcePath(absolute, display_path(absolute, cwd))
    if absolute.is_dir():
        item = SourcePath(absolute, item.display, "Is a directory")
    result = read_documents([item], settings, cwd=cwd)
    context = Context(result.documents, result.unreadable, result.unknown_format)
    diagnostics = check(context)
    documents = context.reconciled().documents
    return Report.build(documents, diagnostics, inputs=(p.resolve() for p in result.inputs))


def write_reports(report: Report, output_dir: Path, *, cwd: Path | None = None) -> tuple[Path, ...]:
    """Write every file of :data:`REPORT_FILES` (no colour) into ``output_dir``, each atomically.

    Refuses (:class:`OutputError`) when the directory is a file or a report would replace an input.
    """
    from citecheck.reporters import REPORTERS

    cwd = _cwd(cwd)
    shown = display_path(output_dir, cwd)
    protected = set(report.inputs)
    if output_dir.exists() and not output_dir.is_dir():
        what = "an input file" if output_dir.resolve() in protected else "a file"
        raise OutputError(f"cannot write reports into {shown}: it is {what}, not a directory")
    targets = [(output_dir / name, fmt) for name, fmt in REPORT_FILES]
    for target, _ in targets:
        if target.resolve() in protected:
            raise OutputError(
                f"refusing to write {display_path(target, cwd)}: it is one of the input files; "
                "choose another --output-dir"
            )
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        for target, fmt in targets:
            write_atomically(target, REPORTERS[fmt].render(report, color=False))
    except OSError as error:
        where = error.filename or shown
        raise OutputError(f"cannot write reports into {shown}: {where}: {_reason(error)}") from None
    return tuple(target for target, _ in targets)
