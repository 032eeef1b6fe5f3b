"""reStructuredText reader: footnotes, citations and sphinxcontrib-bibtex citation keys, through
docutils' own parser, with exact offsets. A flat document (paragraphs and one-paragraph notes with
nothing else docutils reads as markup) is read by :mod:`citecheck.readers.rst_flat` instead, in
one pass, into the same document (docutils took seconds a megabyte of such text).

docutils decides what is a footnote reference (``[1]_``, ``[#]_``, ``[#label]_``, ``[*]_``), a
citation reference (``[Label]_``), a footnote or a citation, and numbers the automatic ones as
it renders them. It runs with nothing reported, no file included and no raw output, and with
the Sphinx and sphinxcontrib-bibtex roles and directives registered for the parse only (as
Sphinx registers its own): a role docutils does not know must not hide a reference, and the
content of ``.. versionadded::`` or ``.. c:function::`` is text with references of its own.
``:cite:``, ``:cite:p:``, ``:cite:t:``, ``:footcite:`` and their kin give one citation per key,
with sphinxcontrib-bibtex's ``{pre}key{post}`` text (the post-note is the locator).

docutils gives lines, not columns, and only for blocks: each reference is found in the source
text as written (``[1]_``, the role's raw text) from the line of the block that holds it, each
occurrence taken once; a footnote's text is its explicit markup block, the indented lines after
``.. [1]``.

A footnote's label is a name, not a place in a sequence (docutils never renumbers ``[3]``), and
one footnote may be referenced many times, so the numbering rules do not apply.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import TYPE_CHECKING

from citecheck.model import Citation, Document, Marker, Note, Region
from citecheck.readers.rst_flat import FOOTNOTE_LABEL, Definition, Item, Reference, flat_items
from citecheck.source import SourceFile, Span

if TYPE_CHECKING:
    import docutils.nodes as nodes

__all__ = ["read"]

DOCUTILS_SETTINGS = {
    "report_level": 5,  # nothing printed: the rules report what matters
    "halt_level": 5,  # no error stops the parse
    "warning_stream": False,
    "file_insertion_enabled": False,  # never read another file (.. include::)
    "raw_enabled": False,
    "_disable_config": True,  # no docutils.conf from the working directory
    "input_encoding": "unicode",
}

# sphinxcontrib-bibtex's citation roles: each gives keys, in the text or in the footnotes.
_CITE_ROLES = tuple(
    f"{base}{suffix}"
    for base in ("cite", "footcite")
    for suffix in (
        "", ":p", ":ps", ":t", ":ts", ":ct", ":cts", ":al", ":alp", ":author", ":authors", ":authorpar",
        ":year", ":yearpar", ":text", ":label", ":labelpar", ":empty", ":c", ":cs", ":y", ":yp",
    )
)  # fmt: skip
_CITE_ROLE_NAMES = frozenset(_CITE_ROLES)
# Sphinx's roles (and the Python, C and standard domains'), read as literal text.
_SPHINX_ROLES = (
    "ref doc term numref download any envvar token keyword option program abbr command dfn file "
    "guilabel kbd mailheader makevar manpage menuselection mimetype newsgroup regexp samp eq index "
    "func class meth attr mod data const exc obj type func envvar pypi cpython-issue cpython-pr source "
    "py:func py:class py:meth py:attr py:mod py:data py:const py:exc py:obj py:type py:ref py:keyword "
    "c:func c:type c:macro c:member c:struct c:data c:var c:expr cpp:func cpp:class std:ref std:doc"
).split()
# Directives whose content is text (versions, descriptions of objects, PEP banners).
_BODY_DIRECTIVES = (
    "versionadded versionchanged versionremoved deprecated seealso only hlist glossary centered "
    "describe object function class method attribute data exception module currentmodule "
    "py:function py:class py:method py:attribute py:data py:exception py:module py:decorator "
    "c:function c:member c:type c:struct c:macro c:var c:union c:enum c:enumerator cpp:function cpp:class "
    "canonical-doc canonical-pypa-spec canonical-typing-spec rejected superseded withdrawn tab tabs"
).split()
# Directives whose content is code or configuration, not text.
_LITERAL_DIRECTIVES = (
    "code-block sourcecode literalinclude productionlist highlight toctree tabularcolumns autosummary "
    "automodule autoclass autofunction automethod autodata autoattribute autoexception graphviz "
    "bibliography footbibliography doctest testcode testoutput testsetup testcleanup ipython"
).split()

_REFERENCE = re.compile(r"\[(?P<label>[^\]\s]+)\]_\Z")
_KEY = re.compile(r"(?:\{(?P<pre>[^{}]*)\})?(?P<key>[^\s,{}]+)(?:\{(?P<post>[^{}]*)\})?")


def _explicit_run_end(lines: list[str], start: int) -> int:
    """Where the lines a run of explicit markup blocks from ``start`` can reach end: just past
    the first line, not blank and not indented, that starts neither ``..`` nor ``__``. Only
    blank lines, indented lines and new blocks continue a run, so docutils stops on that line
    at the latest; it is kept, as docutils looks at it to end the run."""
    for number in range(start, len(lines)):
        line = lines[number]
        if line and line[0] not in " ._":
            return number + 1
    return len(lines)


@functools.cache
def _docutils() -> SimpleNamespace:
    """docutils, with the node, roles and directives citecheck adds, imported when the first
    reStructuredText file is read (a run without one never pays for it)."""
    import docutils
    import docutils.core
    import docutils.nodes as nodes
    import docutils.utils
    from docutils.parsers.rst import Directive, directives, roles, states
    from docutils.readers import standalone
    from docutils.transforms import references

    class citekey(nodes.Inline, nodes.TextElement):  # noqa: N801 (docutils names node classes so)
        """A sphinxcontrib-bibtex citation role as written, kept for the reader."""

    def cite_role(name, rawtext, text, lineno, inliner, options=None, content=None):  # type: ignore[no-untyped-def]
        return [citekey(rawtext, text, role=name)], []

    def literal_role(name, rawtext, text, lineno, inliner, options=None, content=None):  # type: ignore[no-untyped-def]
        return [nodes.literal(rawtext, docutils.utils.unescape(text))], []

    class AnyOption(dict):  # type: ignore[type-arg]
        """An option spec that takes every option as text."""

        def __contains__(self, key: object) -> bool:
            return True

        def __getitem__(self, key: str):  # type: ignore[no-untyped-def]
            return directives.unchanged

    class AnyArguments(Directive):
        """A directive of any arguments, options and content (Sphinx's, which docutils lacks)."""

        has_content = True
        optional_arguments = 10
        final_argument_whitespace = True
        option_spec = AnyOption()

    class BodyDirective(AnyArguments):
        """A directive whose content is read as text: its references count."""

        def run(self) -> list[nodes.Node]:
            container = nodes.container()
            if self.arguments:  # ``.. versionadded:: 3.1 The text.``: the arguments are text too
                inline, messages = self.state.inline_text(" ".join(self.arguments), self.lineno)
                container += nodes.paragraph("", "", *inline, *messages)
            self.state.nested_parse(self.content, self.content_offset, container)
            return [container]

    class Literal(AnyArguments):
        """A directive whose content is code: it holds no reference."""

        def run(self) -> list[nodes.Node]:
            return [nodes.literal_block("\n".join(self.content), "\n".join(self.content))]

    @contextmanager
    def sphinx_namespace() -> Iterator[None]:
        """The Sphinx and sphinxcontrib-bibtex roles and directives, registered for one parse
        and taken away after it (as Sphinx's own ``docutils_namespace`` does)."""
        saved_roles, saved_directives = dict(roles._roles), dict(directives._directives)
        try:
            for name in _CITE_ROLES:
                roles.register_local_role(name, cite_role)
            for name in _SPHINX_ROLES:
                roles.register_local_role(name, literal_role)
            for name in _BODY_DIRECTIVES:
                directives.register_directive(name, BodyDirective)
            for name in _LITERAL_DIRECTIVES:
                directives.register_directive(name, Literal)
            yield
        finally:
            roles._roles.clear()
            roles._roles.update(saved_roles)
            directives._directives.clear()
            directives._directives.update(saved_directives)

    class Body(states.Body):  # docutils knows a state by its class name
        """docutils' body state, reading a run of explicit markup blocks in time linear in the
        document: docutils hands the nested parser of each run a copy of every line left to the
        end of the document, which makes a document of paragraphs and footnotes quadratic; and
        it makes that parser with every state of the body, where a run needs only ``Explicit``
        (the blocks in it make parsers of their own)."""

        def explicit_list(self, blank_finish: bool) -> None:
            lines = self.state_machine.input_lines
            offset = self.state_machine.line_offset + 1
            newline_offset, blank_finish = self.nested_list_parse(
                lines[offset : _explicit_run_end(lines.data, offset)],
                input_offset=self.state_machine.abs_line_offset() + 1,
                node=self.parent,
                initial_state="Explicit",
                blank_finish=blank_finish,
                state_machine_kwargs={"state_classes": (states.Explicit,)},
            )
            self.goto_line(newline_offset)
            if not blank_finish:
                self.parent += self.unindent_warning("Explicit markup")

    @contextmanager
    def linear_body() -> Iterator[None]:
        """:class:`Body` in docutils' states for one parse: the parser and every nested parser
        take their states from ``states.state_classes`` when they are made."""
        saved = states.state_classes
        states.state_classes = tuple(Body if state is states.Body else state for state in saved)
        try:
            yield
        finally:
            states.state_classes = saved

    class Reader(standalone.Reader):
        """docutils' standalone reader without its ``DanglingReferences`` transform, which makes
        a reference whose name leads nowhere a ``problematic`` node and costs more than the parse
        of the reference itself (docutils' own ODT writer leaves it out too): :func:`_dangling`
        tells those references apart as it would."""

        def get_transforms(self) -> list[type]:
            return [transform for transform in super().get_transforms() if transform is not references.DanglingReferences]

    def doctree(source: SourceFile) -> nodes.document:
        with sphinx_namespace(), linear_body():
            try:
                return docutils.core.publish_doctree(
                    source.text, source_path=source.path, reader=Reader(), settings_overrides=DOCUTILS_SETTINGS
                )
            except (docutils.utils.SystemMessage, docutils.ApplicationError) as error:
                raise ValueError(f"docutils cannot read it: {error}") from None

    return SimpleNamespace(nodes=nodes, citekey=citekey, doctree=doctree, Reader=Reader)


# ---------------------------------------------------------------------------------------------
# From nodes back to the text


@dataclass
class _Finder:
    """Finds what a node wrote in the source, from the line docutils gives, each place once."""

    source: SourceFile
    taken: set[tuple[int, int]] = field(default_factory=set)
    # Where the last search for a text from a start ended: places are only ever taken, so the next
    # search for it resumes there instead of stepping again over every place taken before.
    resume: dict[tuple[str, int], int] = field(default_factory=dict)

    def find(self, written: str | re.Pattern[str], line: int | None) -> Span | None:
        text = self.source.text
        starts = [self.source.index.line_start(max(1, min(line, self.source.index.line_count)))] if line else []
        for start in (*starts, 0):
            if isinstance(written, str):
                at = text.find(written, self.resume.get((written, start), start))
                while at >= 0 and (at, at + len(written)) in self.taken:
                    at = text.find(written, at + 1)
                if at >= 0:
                    self.resume[written, start] = at
                found = (at, at + len(written)) if at >= 0 else None
            else:
                found = next(
                    ((m.start("label"), m.end("label")) for m in written.finditer(text, start)
                     if (m.start("label"), m.end("label")) not in self.taken),
                    None,
                )  # fmt: skip
            if found is not None:
                self.taken.add(found)
                return self.source.span(*found)
        return None


def _line(node: nodes.Node) -> int | None:
    """The line of the nearest node around ``node`` that knows its line."""
    current: nodes.Node | None = node
    while current is not None:
        if current.line:
            return int(current.line)
        current = current.parent
    return None


def _dangling(tree: nodes.document, node: nodes.Element) -> bool:
    """Whether docutils' ``DanglingReferences`` would make the footnote or citation reference
    ``node`` problematic: it is unresolved and its name names no target (or several)."""
    return not node.resolved and node.hasattr("refname") and not tree.nameids.get(node["refname"])


def _number(label: str) -> int | None:
    return int(label) if label.isdecimal() else None


def _block_end(source: SourceFile, line: int) -> int:
    """Where the explicit markup block that starts on ``line`` ends: before the first line
    after it that is not blank and not indented past the block's ``..``."""
    index = source.index
    first = source.line_text(line)
    indent = len(first) - len(first.lstrip())
    end = index.line_end(line)
    for number in range(line + 1, index.line_count + 1):
        text = source.line_text(number)
        if text.strip():
            if len(text) - len(text.lstrip()) <= indent:
                break
            end = index.line_end(number)
    return end


def _labelled_block(source: SourceFile, line: int, empty: tuple[int, int]) -> tuple[int, int]:
    """The block after an empty footnote, which the label then stands for (PEP 653 numbers its
    code examples with ``.. [1]`` over each); ``empty`` when another explicit markup block or
    a line less indented follows."""
    index = source.index
    indent = len(source.line_text(line)) - len(source.line_text(line).lstrip())
    first = next((n for n in range(line + 1, index.line_count + 1) if source.line_text(n).strip()), None)
    if first is None:
        return empty
    opening = source.line_text(first)
    if len(opening) - len(opening.lstrip()) != indent or opening.lstrip().startswith(".."):
        return empty
    last, after_blank = first, False
    for number in range(first + 1, index.line_count + 1):
        text = source.line_text(number)
        if not text.strip():
            after_blank = True
            continue
        if len(text) - len(text.lstrip()) <= indent and after_blank:
            break
        last, after_blank = number, False
    return index.line_start(first) + indent, index.line_end(last)


def _definition(label: str, auto: object, names: list[str]) -> re.Pattern[str]:
    """The ``.. [label]`` that defines a footnote or citation, as written in the source."""
    if auto == "*":
        written = [r"\*"]
    elif auto:
        written = [*(re.escape("#" + name) for name in names), "#"]
    else:
        written = [re.escape(label)]
    return re.compile(rf"^[ \t]*\.\.[ \t]+\[(?P<label>{'|'.join(written)})\]", re.MULTILINE | re.IGNORECASE)


def _note(finder: _Finder, node: nodes.Element, style: str) -> Note | None:
    labels = [child.astext() for child in node.children if child.tagname == "label"]
    label = labels[0] if labels else ""
    line = _line(node)
    span = finder.find(_definition(label, node.get("auto"), node.get("names", [])), max(1, (line or 1) - 2))
    return None if span is None else _note_at(finder.source, label, span, style)


def _note_at(source: SourceFile, label: str, span: Span, style: str) -> Note:
    """The note whose ``.. [label]`` has its label at ``span``: the text is its block."""
    label_line = source.index.line_col(span.start)[0]
    text_start = source.text.index("]", span.end) + 1
    end = max(text_start, _block_end(source, label_line))
    if not source.text[text_start:end].strip():
        text_start, end = _labelled_block(source, label_line, (text_start, end))
    part = source.span(text_start, end)
    text = " ".join(source.text[part.start : part.end].split())
    return Note(label, _number(label), text, span, (part,), style)


def _marker(finder: _Finder, node: nodes.Element, label: str, style: str) -> Marker | None:
    span = finder.find(node.rawsource or f"[{label}]_", _line(node))
    if span is None:
        return None
    return Marker(label, _number(label), finder.source.text[span.start : span.end], span, style)


def _cite_keys(finder: _Finder, node: nodes.TextElement) -> Iterator[Citation]:
    span = finder.find(node.rawsource, _line(node))
    if span is not None:
        yield from _keys_at(finder.source, node.rawsource, node.astext(), span.start)


def _keys_at(source: SourceFile, rawsource: str, text: str, start: int) -> Iterator[Citation]:
    """The keys of the citation role ``rawsource`` written at ``start``, whose text is ``text``."""
    inside = start + rawsource.index("`") + 1
    for found in _KEY.finditer(text):
        key = found.group("key")
        at = inside + found.start("key")
        yield Citation("key", rawsource, source.span(at, at + len(key)), key=key, locator=found.group("post") or None)


def read(source: SourceFile, notes: SourceFile | None = None) -> Document:
    """Read a reStructuredText file (``notes`` is unused: notes are inside): a flat one by
    :mod:`citecheck.readers.rst_flat`, any other through docutils."""
    items = flat_items(source.text, _CITE_ROLE_NAMES)
    if items is not None:
        return _flat_document(source, items)
    docutils = _docutils()
    nodes = docutils.nodes
    tree = docutils.doctree(source)
    finder = _Finder(source)
    markers: list[Marker] = []
    note_list: list[Note] = []
    citations: list[Citation] = []
    regions: list[Region] = []
    for node in tree.findall(nodes.Element):
        if isinstance(node, (nodes.footnote_reference, nodes.citation_reference)) and _dangling(tree, node):
            dangling = _REFERENCE.match(node.rawsource)
            found = _marker(finder, node, dangling.group("label"), "footnote") if dangling else None
        elif isinstance(node, nodes.footnote_reference):
            found = _marker(finder, node, node.astext(), "footnote")
        elif isinstance(node, nodes.citation_reference):
            found = _marker(finder, node, node.astext(), "citation")
        elif isinstance(node, nodes.problematic) and (dangling := _REFERENCE.match(node.rawsource)):
            found = _marker(finder, node, dangling.group("label"), "footnote")
        elif isinstance(node, (nodes.footnote, nodes.citation)):
            note = _note(finder, node, "footnote" if isinstance(node, nodes.footnote) else "citation")
            if note is not None:
                note_list.append(note)
                regions.append(Region("note", note.parts[0]))
            continue
        elif isinstance(node, docutils.citekey):
            citations.extend(_cite_keys(finder, node))
            continue
        else:
            continue
        if found is not None:
            markers.append(found)
    return _document(source, markers, note_list, citations, regions)


def _flat_document(source: SourceFile, items: list[Item]) -> Document:
    """The document of the items a flat reading found, as docutils' tree gives it: a reference
    to a citation defined once is the citation's; any other reference to a citation label leads
    nowhere, and :func:`_dangling` makes those footnote markers."""
    defined = Counter(item.label.lower() for item in items if isinstance(item, Definition))
    markers: list[Marker] = []
    note_list: list[Note] = []
    citations: list[Citation] = []
    regions: list[Region] = []
    for item in items:
        if isinstance(item, Reference):
            cited = FOOTNOTE_LABEL.fullmatch(item.label) is None and defined[item.label.lower()] == 1
            span = source.span(item.start, item.end)
            markers.append(Marker(item.label, _number(item.label), source.text[item.start : item.end], span, "citation" if cited else "footnote"))
        elif isinstance(item, Definition):
            span = source.span(item.start, item.start + len(item.label))
            note = _note_at(source, item.label, span, "footnote" if FOOTNOTE_LABEL.fullmatch(item.label) else "citation")
            note_list.append(note)
            regions.append(Region("note", note.parts[0]))
        else:
            citations.extend(_keys_at(source, item.rawsource, item.text, item.start))
    return _document(source, markers, note_list, citations, regions)


def _document(source: SourceFile, markers: list[Marker], note_list: list[Note], citations: list[Citation], regions: list[Region]) -> Document:
    markers.sort(key=lambda marker: marker.span.start)
    note_list.sort(key=lambda note: note.span.start)
    return Document(
        source=source,
        format="rst",
        markers=tuple(markers),
        notes=tuple(note_list),
        citations=tuple(sorted(citations, key=lambda citation: citation.span.start)),
        numbered=False,
        markers_reusable=True,
        regions=tuple(regions),
    )
