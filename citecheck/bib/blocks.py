"""bibtexparser's own blocks for a loaded bibliography, for a caller that wants bibtexparser's model.

The blocks carry what bibtexparser's splitter would have given them (``raw``, 0-based
``start_line``, field values as written) and then go through bibtexparser's default parse stack
(string references resolved, enclosing removed), so :func:`build_library` gives what
``bibtexparser.parse_string`` returns for a file it reads, and bibtexparser's writer can write it.

Unlike ``parse_string``: an entry that repeats a field or carries ``%`` comment lines is an
``Entry`` with every field (not a failed block or a field named ``% ...``); a block neither reader
could read is a ``ParsingFailedBlock``; a repeated key becomes a ``DuplicateBlockKeyBlock`` as in
bibtexparser, its entry's values stripped all the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bibtexparser import Library
from bibtexparser.middlewares.parsestack import default_parse_stack
from bibtexparser.model import (
    Block,
    DuplicateBlockKeyBlock,
    Entry,
    ExplicitComment,
    Field,
    ImplicitComment,
    ParsingFailedBlock,
    Preamble,
    String,
)

from citecheck.bib.model import BibComment, BibEntry, BibFailure, BibField, Bibliography, BibPreamble, BibString

if TYPE_CHECKING:
    from citecheck.source import SourceFile

__all__ = ["build_library", "standalone_entry"]


def _written_name(text: str, entry: BibEntry, item: BibField) -> tuple[str, int]:
    """The name of ``item`` (a field of ``entry``) as written and the offset of its ``=``."""
    start = entry.start + item.offset
    between = text[start : start + item.value_offset]
    equals = between.rfind("=")
    if equals < 0:  # not from a file (a record built by hand)
        return item.name, start
    return between[:equals].rstrip(), start + equals


def _line(source: SourceFile, offset: int) -> int:
    return source.index.line_col(offset)[0] - 1


def _entry_block(source: SourceFile, entry: BibEntry) -> Entry:
    text = source.text
    fields = []
    for item in entry.fields:
        name, equals = _written_name(text, entry, item)
        fields.append(Field(key=name, value=item.raw, start_line=_line(source, equals)))
    return Entry(
        entry_type=entry.entry_type,
        key=entry.key,
        fields=fields,
        start_line=_line(source, entry.span.start),
        raw=text[entry.span.start : entry.span.end],
    )


def _block(source: SourceFile, record: object) -> Block:
    text = source.text
    if isinstance(record, BibEntry):
        return _entry_block(source, record)
    if isinstance(record, BibString):
        return String(
            key=text[record.name_span.start : record.name_span.end],
            value=record.raw,
            start_line=_line(source, record.span.start),
            raw=text[record.span.start : record.span.end],
        )
    if isinstance(record, BibPreamble):
        return Preamble(
            value=record.raw, start_line=_line(source, record.span.start), raw=text[record.span.start : record.span.end]
        )
    if isinstance(record, BibComment):
        raw = text[record.span.start : record.span.end]
        start_line = _line(source, record.span.start)
        if record.explicit:
            return ExplicitComment(comment=record.text, start_line=start_line, raw=raw)
        return ImplicitComment(comment=record.text, start_line=start_line, raw=raw)
    if isinstance(record, BibFailure):
        if record.block is not None:
            return record.block
        return ParsingFailedBlock(
            error=Exception(record.message),
            start_line=_line(source, record.span.start),
            raw=text[record.span.start : record.span.end],
        )
    raise TypeError(f"not a bibliography record: {record!r}")


def _parse_stack(library: Library) -> Library:
    for middleware in default_parse_stack(allow_inplace_modification=True):
        library = middleware.transform(library=library)
    return library


def build_library(bibliography: Bibliography) -> Library:
    """bibtexparser's Library for ``bibliography``: its blocks in file order, ``start_line``
    0-based and true, ``raw`` the block's text, values as ``bibtexparser.parse_string`` gives them."""
    source = bibliography.source
    # a bibliography built by hand may list entries only
    blocks = [_block(source, record) for record in bibliography.blocks or bibliography.entries]
    library = Library()
    library.add(blocks, fail_on_duplicate_key=False)
    library = _parse_stack(library)
    # bibtexparser leaves an entry with a repeated key as it was split (in a DuplicateBlockKeyBlock);
    # give it the same treatment as the others, with the file's macros as written.
    duplicates = [block.ignore_error_block for block in library.blocks if isinstance(block, DuplicateBlockKeyBlock)]
    duplicates = [block for block in duplicates if isinstance(block, Entry)]
    for entry in duplicates:
        # Fresh strings each time: the parse stack strips their enclosing in place.
        strings = [_block(source, record) for record in bibliography.strings]
        _parse_stack(Library([*strings, entry], fail_on_duplicate_key=False))
    return library


def standalone_entry(entry: BibEntry) -> Entry:
    """A bibtexparser Entry for a record that belongs to no bibliography (built by hand)."""
    fields = [Field(key=item.name, value=item.raw) for item in entry.fields]
    block = Entry(entry_type=entry.entry_type, key=entry.key, fields=fields)
    _parse_stack(Library([block], fail_on_duplicate_key=False))
    return block
