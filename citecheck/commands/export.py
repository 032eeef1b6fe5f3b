"""``citecheck export``: a cleaned copy of the bibliography, checked, printed or written.

The export itself is :mod:`citecheck.bib.export` (BibTeX) and :mod:`citecheck.bib.csl`
(CSL-JSON); this module reads the settings, finds the cited entries when asked, guards the
inputs, writes the export and the key map, and rewrites the manuscripts' keys.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from citecheck.bib.csl import export_csl_json
from citecheck.bib.export import Citations, export_bibtex, rewrite_citation_keys
from citecheck.bib.load import load_bibliography
from citecheck.bib.model import Bibliography
from citecheck.config import Settings, load_settings
from citecheck.errors import CitecheckError, InputError, OutputError, UsageError
from citecheck.files import refuse_overwrite, replace_in_place, write_atomically
from citecheck.paths import absolute, display_path, working_dir
from citecheck.pipeline import collect_sources, read_documents
from citecheck.reconcile.resolve import reconcile
from citecheck.wording import counted

__all__ = ["CommandResult", "ExportRequest", "cited_in_order", "run_export"]



@dataclass(frozen=True, slots=True)
class ExportRequest:
    """``citecheck export``'s arguments, as given (paths relative to the working directory)."""

    bib: str | None = None
    output: str | None = None
    only_cited: bool = False
    format: str = "bibtex"
    sort: str = "key"
    keymap: str | None = None
    check: bool = False
    in_place: bool = False
    rewrite_keys: bool = False
    config: str | None = None
    merge: bool = False
    force: bool = False


@dataclass(frozen=True, slots=True)
class CommandResult:
    """What the command prints and its exit status (0 done, 1 ``--check`` found differences)."""

    stdout: str
    stderr: tuple[str, ...]
    exit_code: int
    written: tuple[Path, ...] = ()


def _check_request(request: ExportRequest) -> None:
    if request.sort not in ("key", "citation-order"):
        raise UsageError(f"--sort must be key or citation-order, not {request.sort!r}")
    if request.format not in ("bibtex", "csl-json"):
        raise UsageError(f"--format must be bibtex or csl-json, not {request.format!r}")
    if request.check:
        for flag, given in (
            ("-o", request.output is not None),
            ("--in-place", request.in_place),
            ("--rewrite-keys", request.rewrite_keys),
            ("--keymap", request.keymap is not None),
        ):
            if given:
                raise UsageError(f"--check writes nothing; it cannot be combined with {flag}")
        if request.format != "bibtex":
            raise UsageError("--check compares the .bib file with its BibTeX export; it takes no --format csl-json")
    if request.in_place:
        if request.output is not None:
            raise UsageError("--in-place rewrites the input; it cannot be combined with -o")
        if request.format != "bibtex":
            raise UsageError("--in-place would replace the .bib file with CSL-JSON; use -o FILE instead")


def _protected_sources(settings: Settings) -> dict[Path, str]:
    """The manuscripts named in the configuration (and their notes files), resolved -> shown."""
    found = {}
    for item in collect_sources(settings):
        if item.problem is None:
            found[item.path.resolve()] = item.display
    for _, notes in settings.notes_files:
        found.setdefault(notes.resolve(), str(notes))
    return found


def _project_files(settings: Settings, sources: Mapping[Path, str], cwd: Path) -> dict[Path, str]:
    """``sources`` and every file they include (``\\input``, ``\\include``, R Markdown children...),
    resolved -> shown: the files ``--rewrite-keys`` rewrites."""
    found = dict(sources)
    if sources:
        for path in read_documents(collect_sources(settings, cwd=cwd), settings, cwd=cwd).inputs:
            found.setdefault(path.resolve(), display_path(path, cwd))
    return found


def _diff(old: str, new: str, name: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), f"{name}", f"{name} (exported)"
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _write(path: Path, text: str, shown: str) -> None:
    try:
        write_atomically(path, text)
    except OSError as error:
        raise OutputError(f"cannot write {shown}: {error.strerror or error}") from None


def _rewrite_manuscripts(
    sources: Mapping[Path, str], keymap: Mapping[str, str], messages: list[str], written: list[Path]
) -> None:
    if not keymap:
        messages.append("citecheck: no merged or renamed keys: the manuscripts need no change")
        return
    if not sources:
        messages.append("citecheck: no manuscripts to rewrite ([tool.citecheck] sources names none)")
        return
    for path, shown in sources.items():
        try:
            data = path.read_bytes()
        except OSError as error:
            messages.append(f"{shown}: warning: cannot read it ({error.strerror or error}); not rewritten")
            continue
        bom = data.startswith(b"\xef\xbb\xbf")
        try:
            text = data[3 if bom else 0 :].decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            messages.append(f"{shown}:{line}: warning: not UTF-8; not rewritten (convert it to UTF-8 first)")
            continue
        new, counts = rewrite_citation_keys(text, keymap)
        if new == text:
            continue
        _write(path, ("\ufeff" if bom else "") + new, shown)
        written.append(path)
        changes = ", ".join(
            f"{old} -> {key}" + (f" ({count} times)" if count > 1 else "")
            for (old, key), count in sorted(counts.items())
        )
        messages.append(f"citecheck: rewrote {shown}: {changes}")


def run_export(request: ExportRequest, *, cwd: Path | None = None) -> CommandResult:
    """``citecheck export``: read, export, then print, check or write (see the README).

    Raises :class:`~citecheck.errors.CitecheckError` for usage and input errors (exit status 2).
    """
    _check_request(request)
    cwd = working_dir(cwd)
    settings = load_settings(request.config, cwd=cwd)
    if request.bib is not None:
        bib_path = absolute(cwd, request.bib)
    elif len(settings.bibs) > 1:
        names = ", ".join(display_path(path, cwd) for path in settings.bibs)
        raise UsageError(f"[tool.citecheck] names several bibliographies ({names}): give the one to export as BIB")
    elif settings.bib is not None:
        bib_path = settings.bib
    else:
        raise UsageError("no bibliography: give BIB, or set bib in [tool.citecheck]")
    shown = display_path(bib_path, cwd)
    if bib_path.is_dir():
        raise UsageError(f"{shown}: is a folder, not a .bib file")
    try:
        bib = load_bibliography(bib_path, shown)
    except OSError as error:
        raise CitecheckError(f"{shown}: cannot read the bibliography: {error.strerror or error}") from None

    citations = None
    if request.only_cited or request.sort == "citation-order":
        citations = cited_in_order(settings, bib, cwd=cwd)
    if request.format == "csl-json":
        export = export_csl_json(
            bib, sort=request.sort, citations=citations, only_cited=request.only_cited, merge=request.merge
        )
    else:
        export = export_bibtex(
            bib, sort=request.sort, citations=citations, only_cited=request.only_cited, merge=request.merge
        )
    messages = list(export.messages)

    if request.check:
        new = export.text.encode("utf-8")
        if new == bib_path.read_bytes():
            return CommandResult("", (*messages, f"citecheck: {shown} is already clean"), 0)
        diff = _diff(bib.source.text, export.text, shown)
        if not diff:
            messages.append(
                f"citecheck: {shown}: only the encoding or line ends differ (the export is UTF-8 with \\n line ends)"
            )
        messages.append(f"citecheck: {shown} would be rewritten by export")
        return CommandResult(diff, tuple(messages), 1)

    sources = _protected_sources(settings)
    if request.rewrite_keys:
        sources = _project_files(settings, sources, cwd)
    protected = {bib_path.resolve(): shown, **sources}
    if settings.config_file is not None:
        protected.setdefault(settings.config_file.resolve(), display_path(settings.config_file, cwd))

    output: Path | None = None
    if request.in_place:
        if bib.source.decode_problem is not None:
            raise InputError(f"{shown}: not UTF-8, so --in-place would not write back what it read; use -o FILE")
        output = bib_path.resolve()  # through a symbolic link: the file it names is replaced
    elif request.output is not None and request.output != "-":
        output = absolute(cwd, request.output)
        target = output.resolve()
        refuse_overwrite(
            output, {bib_path.resolve()}, f"refusing to overwrite the input {shown} with -o; use --in-place to rewrite it"
        )
        refuse_overwrite(
            output,
            protected,
            f"refusing to write {display_path(output, cwd)}: it is {protected.get(target)}, an input",
            folder=f"cannot write {display_path(output, cwd)}: it is a folder",
        )

    keymap_path: Path | None = None
    if request.keymap is not None:
        keymap_path = absolute(cwd, request.keymap)
    elif output is not None and export.keymap:
        beside = bib_path if request.in_place else output
        keymap_path = beside.with_name(beside.name + ".keymap.json")
    if keymap_path is not None:
        refuse_overwrite(
            keymap_path,
            {*protected, *([output.resolve()] if output is not None else [])},
            f"refusing to write the key map onto {display_path(keymap_path, cwd)}: it is an input or the output",
            folder=f"cannot write the key map {display_path(keymap_path, cwd)}: it is a folder",
        )

    written: list[Path] = []
    stdout = ""
    if output is None:
        stdout = export.text
    else:
        output_shown = shown if request.in_place else display_path(output, cwd)
        if request.in_place:
            replace_in_place(output, export.text, output_shown, force=request.force)
        else:
            _write(output, export.text, output_shown)
        written.append(output)
        what = "rewrote" if request.in_place else "wrote"
        merged = f", {counted(len(export.merges), 'duplicate')} merged" if export.merges else ""
        messages.append(f"citecheck: {what} {output_shown} ({counted(export.entries, 'entry')}{merged})")
    if keymap_path is not None:
        keymap_text = json.dumps(dict(export.keymap), indent=2, ensure_ascii=False) + "\n"
        _write(keymap_path, keymap_text, display_path(keymap_path, cwd))
        written.append(keymap_path)
        messages.append(
            f"citecheck: wrote the key map {display_path(keymap_path, cwd)} ({counted(len(export.keymap), 'key')})"
        )
    elif export.keymap:
        pairs = ", ".join(f"{old} -> {new}" for old, new in export.keymap.items())
        messages.append(f"citecheck: merged keys (give --keymap FILE to save them): {pairs}")
    if request.rewrite_keys:
        _rewrite_manuscripts(sources, export.keymap, messages, written)
    return CommandResult(stdout, tuple(messages), 0, tuple(written))


def cited_in_order(settings: Settings, bib: Bibliography, *, cwd: Path | None = None) -> Citations:
    """The entries of ``bib`` that the configured manuscripts cite, in the order first cited.

    For ``citecheck export --only-cited`` and ``--sort citation-order``. Raises
    :class:`UsageError` when no manuscripts are configured, and :class:`InputError` when one
    cannot be read: leaving out entries on the strength of a partial reading would lose data.
    """
    cwd = working_dir(cwd)
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
    reconciliation = reconcile(result.documents, bib)
    keys = (c.key for document in reconciliation.documents for c in document.citations if c.key is not None)
    return Citations(tuple(dict.fromkeys(keys)), reconciliation.cites_everything)
