"""CC0xx: problems with the input files themselves."""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.diagnostics import Finding
from citecheck.rules import Context, rule, whole_file


@rule("CC001")
def unreadable_file(context: Context) -> Iterator[Finding]:
    """A source or bibliography file could not be read.

    Why: a file that is not read is not checked, and a silent skip looks like a clean result.
    Example: ``citecheck run chapter1.txt`` when ``chapter1.txt`` does not exist.
    """
    for problem in context.unreadable:
        if not problem.unsafe:
            yield Finding(whole_file(problem.path), f"cannot read {problem.path}: {problem.reason}")


@rule("CC002")
def bad_encoding(context: Context) -> Iterator[Finding]:
    """A file is not valid UTF-8; the bytes that are not were read as cp1252 (or Latin-1).

    Why: a wrong guess garbles accented names and quotes, which later checks compare.
    Example: a chapter saved by an old word processor with ``é`` as the single byte 0xE9, or a
    ``.bib`` file exported as Latin-1. Re-save the file as UTF-8 to silence this.
    """
    sources = [source for document in context.documents for source in (document.source, *document.note_sources)]
    if context.bibliography is not None:
        sources.extend(context.bibliography.sources)
    for source in sources:
        problem = source.decode_problem
        if problem is None:
            continue
        line, column = source.index.line_col(problem.offset)
        yield Finding(
            source.span(problem.offset, problem.offset + 1),
            f"byte 0x{problem.byte:02X} at line {line}, column {column} is not UTF-8; "
            f"bytes that are not UTF-8 were read as {problem.fallback}",
        )


@rule("CC005")
def unsafe_file(context: Context) -> Iterator[Finding]:
    """A file was refused unread, because reading it would exhaust memory or reach outside it.

    Why: a document package (.docx, .epub) is a zip archive of XML parts; a few kilobytes can
    inflate to gigabytes (a zip bomb), and XML can declare entities that expand a billion times
    or fetch other files. citecheck checks the archive's directory and refuses any part with a
    document type declaration (an EPUB chapter: with entity declarations) before reading, so
    such a file is not checked at all.
    Example: a ``chapter.docx`` whose ``word/document.xml`` declares
    ``<!DOCTYPE w [<!ENTITY a "...">]>``: "refused: word/document.xml declares a document type".
    """
    for problem in context.unreadable:
        if problem.unsafe:
            yield Finding(whole_file(problem.path), f"{problem.path} was not read: {problem.reason}")


@rule("CC003")
def unknown_format(context: Context) -> Iterator[Finding]:
    """No reader knows this kind of file.

    Why: the file was named as a source but cannot be checked.
    Example: ``citecheck run thesis.odt``; convert it to Markdown or plain text first.
    """
    for problem in context.unknown_format:
        yield Finding(whole_file(problem.path), problem.reason)


@rule("CC006")
def missing_file(context: Context) -> Iterator[Finding]:
    """A file the document names is not there: an included part or a bibliography.

    Why: LaTeX stops at a missing ``\\input`` (or, for ``\\include``, leaves the chapter out),
    BibTeX and Pandoc leave every citation of a missing bibliography unresolved; and a part that
    is not read is not checked. The finding stands where the file is named and says where it
    was looked for: from the main file's folder (where LaTeX runs), then from the including
    file's; a Markdown name from the document's folder. Files that are not manuscripts
    (``\\input{figure.tikz}``) are not followed.
    Example: ``\\input{sections/method}`` when neither ``sections/method.tex`` nor
    ``sections/method`` exists; ``bibliography: refs.bib`` in front matter with no ``refs.bib``.
    """
    for missing in context.missing_files:
        yield Finding(missing.span, missing.message)
