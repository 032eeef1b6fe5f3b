"""A document is a project: the files a manuscript names, found on disk.

A reader lists what a document names (:class:`~citecheck.model.Inclusion`: ``\\input`` and its
kin, ``\\bibliography``, ``\\addbibresource``, ``filecontents``, front matter ``bibliography:``,
Quarto includes, R Markdown child chunks); this module says where each one is, or where it was
looked for. A book's project file names more: ``_quarto.yml``'s ``bibliography``, and
``_bookdown.yml``'s first chapter (``index.Rmd`` by default), whose front matter holds the
book's. Both name the folder their output goes to, which is never read as a manuscript.

LaTeX runs in the main file's folder, so a name in an included file is looked for from there
first, then from the including file's folder (``\\import`` and ``\\subfile`` documents); a
``\\subimport`` or a Markdown name from the including file's folder only.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from citecheck.model import Document, Inclusion
from citecheck.paths import display_path
from citecheck.readers.yamlfields import string_values
from citecheck.rules import MissingFile
from citecheck.source import SourceFile, read_source

__all__ = ["BOOK_FILES", "BookFile", "book_file", "embedded_source", "looked_for", "missing_parts", "output_folders", "resolve"]

BOOK_FILES = ("_quarto.yml", "_quarto.yaml", "_bookdown.yml")


def looked_for(inclusion: Inclusion, including: Path, main_folder: Path) -> tuple[Path, ...]:
    """Where ``inclusion``, named in the file ``including``, may be, in the order tried: the
    name with the format's suffix added (``\\input{intro}`` is ``intro.tex``), then as written."""
    target = inclusion.target
    names = [target]
    if inclusion.suffix and not target.lower().endswith(inclusion.suffix):
        names.insert(0, target + inclusion.suffix)
    folders = [including.parent] if inclusion.from_file else [main_folder, including.parent]
    return tuple(dict.fromkeys(folder / Path(name).expanduser() for folder in folders for name in names))


def resolve(inclusion: Inclusion, including: Path, main_folder: Path, cwd: Path) -> Path | MissingFile:
    """The file ``inclusion`` names, or the CC005 finding that says where it was looked for:
    ``included file 'intro' not found (looked for intro.tex, intro)``."""
    candidates = looked_for(inclusion, including, main_folder)
    path = next((path for path in candidates if path.is_file()), None)
    if path is not None:
        return path
    what = "bibliography" if inclusion.kind == "bibliography" else "included file"
    places = ", ".join(display_path(path, cwd) for path in candidates)
    return MissingFile(inclusion.span, f"{what} '{inclusion.target}' not found (looked for {places})")


def missing_parts(document: Document, path: Path, cwd: Path) -> tuple[MissingFile, ...]:
    """The CC005 findings for the parts ``document`` (read from ``path``, its own main file)
    includes that are not there."""
    found = (resolve(inclusion, path, path.parent, cwd) for inclusion in document.inclusions if inclusion.kind == "text")
    return tuple(item for item in found if isinstance(item, MissingFile))


def embedded_source(document: Document, inclusion: Inclusion) -> SourceFile:
    """The text of an embedded file (``filecontents``) as a file of its own that keeps the
    document's path, lines and columns: everything else blanked, newlines kept."""
    text = document.source.text
    start, end = inclusion.span.start, inclusion.span.end
    blank = "".join("\n" if char == "\n" else " " for char in text[:start])
    after = "".join("\n" if char == "\n" else " " for char in text[end:])
    return SourceFile(document.source.path, blank + text[start:end] + after, document.source.encoding, None)


class BookFile(NamedTuple):
    """A book's project file: ``source`` (for positions), the bibliographies it names (with
    ``names_from``, the file they are written in: the project file itself, or the first chapter
    of a bookdown book), and the folder its output goes to."""

    source: SourceFile
    bibliographies: tuple[Inclusion, ...]
    names_from: SourceFile
    output: Path


def book_file(folder: Path, cwd: Path) -> BookFile | None:
    """The Quarto or bookdown project file in ``folder``, if there is one that can be read."""
    path = next((folder / name for name in BOOK_FILES if (folder / name).is_file()), None)
    if path is None:
        return None
    try:
        source = read_source(path, display_path(path, cwd))
    except OSError:
        return None
    text = source.text
    if path.name.startswith("_quarto"):
        kind = next((value for value, _, _ in string_values(text, "project", "type")), "")
        output = next(
            (value for value, _, _ in string_values(text, "project", "output-dir")),
            {"book": "_book", "website": "_site"}.get(kind, "_output"),
        )
        names = _bibliographies(source, string_values(text, "bibliography"))
        return BookFile(source, names, source, folder / output)
    output = next((value for value, _, _ in string_values(text, "output_dir")), "_book")
    first = next((value for value, _, _ in string_values(text, "rmd_files")), "index.Rmd")
    try:
        chapter = read_source(folder / first, display_path(folder / first, cwd))
    except OSError:
        return BookFile(source, (), source, folder / output)
    front = chapter.text.split("\n---", 1)[0] if chapter.text.startswith("---") else ""
    names = _bibliographies(chapter, string_values(front[3:], "bibliography"), offset=3)
    return BookFile(source, names, chapter, folder / output)


def _bibliographies(source: SourceFile, values: list[tuple[str, int, int]], offset: int = 0) -> tuple[Inclusion, ...]:
    return tuple(
        Inclusion("bibliography", name, source.span(offset + start, offset + end), from_file=True)
        for name, start, end in values
    )


def output_folders(folder: Path) -> tuple[Path, ...]:
    """The folders below ``folder`` a book's project file writes its output into."""
    book = book_file(folder, folder)
    return () if book is None else (book.output,)
