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
        if not problem.refused:
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
        sources.append(context.bibliography.source)
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


@rule("CC003")
def unknown_format(context: Context) -> Iterator[Finding]:
    """No reader knows this kind of file.

    Why: the file was named as a source but cannot be checked.
    Example: ``citecheck run thesis.docx``; convert it to Markdown or plain text first.
    """
    for problem in context.unknown_format:
        yield Finding(whole_file(problem.path), problem.reason)


@rule("CC005")
def refused_input(context: Context) -> Iterator[Finding]:
    """A file was not read because reading it could harm the machine.

    Why: a package (EPUB, DOCX) is a zip of XML files, and both have known attacks: a zip bomb
    inflates a few kilobytes to gigabytes, XML entities expand a line into gigabytes ("billion
    laughs") or read other files. citecheck refuses them, names what it refused, and checks the
    rest; the file itself was not checked.
    Example: ``book.epub/OEBPS/ch1.xhtml declares an entity <!ENTITY lol ...>: XML entities are
    not read``, or ``book.epub/OEBPS/ch1.xhtml inflates 1030 times (more than 200): a zip bomb?``.
    """
    for problem in context.unreadable:
        if problem.refused:
            yield Finding(whole_file(problem.path), f"did not read {problem.path}: {problem.reason}")
