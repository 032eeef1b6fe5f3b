"""Markdown reader: footnote references, definitions, inline notes and Pandoc citation keys,
with exact offsets.

Handles ``.md``, ``.markdown``, R Markdown (``.Rmd``) and Quarto (``.qmd``): their code chunks are
fenced code and their YAML front matter is skipped.

What counts as a reference or a definition is decided by markdown-it-py (CommonMark) with the
footnote plugin of mdit-py-plugins, so code spans, code blocks, fences, HTML blocks and comments,
escaped brackets and link syntax are ignored exactly as a Markdown renderer ignores them.

Positions are not taken from the token stream as is (DESIGN point 12: inline ``footnote_ref`` tokens
carry no ``map``, and definitions moved to the end lose theirs). Instead:

* the plugin runs with ``move_to_end=False``, so every definition, including an empty one and a
  second one for the same label, stays in place as a ``footnote_reference_open`` token whose
  ``map`` gives its first line; the ``[^label]:`` is found on that line;
* the two inline footnote rules are wrapped so that, when they match, they record the position at
  which they matched in the text the inline parser was given (the inline token's ``content``, or a
  nested text such as an image's alt text or an inline note's body, whose place inside its parent is
  tracked on a stack), and :class:`_ContentLocator` maps those content offsets back to
  ``SourceFile.text`` through the block's ``map`` and the line index.

Citation keys (:mod:`citecheck.readers.citekeys`) are looked for in the same inline contents, so
code blocks, fences and HTML blocks are never read; code spans, inline HTML, autolinks and link
destinations inside a content are recorded by wrapping their inline rules the same way, and
masked. A key's content offset is mapped to the file by the same :class:`_ContentLocator`.

Every mapped position is checked against the source text; when the check fails (an input the
mapping does not foresee), the nearest occurrence of the marker within the block is used instead,
so a surprising input costs precision, never a crash.
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from citecheck.model import Citation, Document, Inclusion, Marker, Note, Region
from citecheck.patterns import OnFirstUse
from citecheck.readers.citekeys import find_citation_keys, find_nocite_keys
from citecheck.readers.endnotes import endnotes
from citecheck.readers.yamlfields import string_values
from citecheck.source import SourceFile, Span

if TYPE_CHECKING:  # markdown-it-py is imported when a Markdown file is read, not by every run
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

__all__ = ["read"]

_STACK = "citecheck.inline_stack"
_EVENTS = "citecheck.inline_events"

InlineRule = Callable[["StateInline", bool], bool]
BlockRule = Callable[["StateBlock", int, int, bool], bool]


class _Event(NamedTuple):
    """A footnote reference (``kind="ref"``), an inline note (``kind="inline"``) or text that is
    not prose (``kind="mask"``: a code span, inline HTML, an autolink, a link destination) as parsed.

    ``start``/``end`` are offsets in the content of the top-level inline token, or None when the
    nested text they were found in could not be placed in it. ``text`` is the label of a
    reference, or the body of an inline note.
    """

    kind: str
    text: str
    start: int | None
    end: int | None


# ---------------------------------------------------------------------------------------------
# The instrumented parser


def _record(state: StateInline, kind: str, start: int, end: int, text: str) -> None:
    stack = state.env.get(_STACK) if isinstance(state.env, dict) else None
    if not stack:
        return
    top, base, events = stack[-1]
    if top is state and base is not None:
        events.append(_Event(kind, text, base + start, base + end))
    else:
        events.append(_Event(kind, text, None, None))


MAX_LABEL = 1000  # characters of a footnote label; the plugin looks for its end to the end of the text
INLINE_NOTE_WORK = 4  # times its text: what looking for inline notes' ends may cost in one inline text
_LABEL_END = OnFirstUse(re.compile, r"[ \n\]]")


def _wrap_ref(original: InlineRule) -> InlineRule:
    def footnote_ref(state: StateInline, silent: bool) -> bool:
        start = state.pos
        if state.src.startswith("[^", start):
            # the plugin scans to the label's end at every "[^": quadratic on "[^[^[^..."
            end = min(state.posMax, start + 2 + MAX_LABEL)
            if _LABEL_END.search(state.src, start + 2, end) is None:
                return False
        if not original(state, silent):
            return False
        if not silent:
            _record(state, "ref", start, state.pos, state.src[start + 2 : state.pos - 1])
        return True

    return footnote_ref


def _wrap_inline(original: InlineRule) -> InlineRule:
    """Record inline notes; and bound the work of finding their ends.

    The plugin looks for the ``]`` of every ``^[`` token by token to the end of the text, and
    each ``^[`` met on the way does the same: quadratic on ``^[^[^[...``. What the attempts in
    one inline text scanned is charged to a budget (:data:`INLINE_NOTE_WORK` times the text);
    once it is spent, a ``^[`` is text. A paragraph of real notes spends about its length once.
    """

    def footnote_inline(state: StateInline, silent: bool) -> bool:
        start = state.pos
        if not state.src.startswith("^[", start):
            return False
        budget = getattr(state, "citecheck_budget", None)
        if budget is None:
            budget = INLINE_NOTE_WORK * len(state.src) + MAX_LABEL
        if budget < 0:
            return False
        maximum = state.posMax
        state.citecheck_budget = budget - (maximum - start)  # charged while it runs (nested tries)
        found = original(state, silent)
        state.citecheck_budget += (maximum - start) - ((state.pos - start) if found else (maximum - start))
        if not found:
            return False
        if not silent:
            _record(state, "inline", start, state.pos, state.src[start + 2 : state.pos - 1])
        return True

    return footnote_inline


def _wrap_mask(original: InlineRule) -> InlineRule:
    """Record what a rule consumed (a code span, inline HTML, an autolink) as text that is not prose."""

    def not_prose(state: StateInline, silent: bool) -> bool:
        start = state.pos
        if not original(state, silent):
            return False
        if not silent:
            _record(state, "mask", start, state.pos, "")
        return True

    return not_prose


def _wrap_link(original: InlineRule, bracket: int, nested: bool) -> InlineRule:
    """Record a link's or image's destination (``(url)``, ``[ref]``) as not prose; its text is prose.

    ``bracket`` is where the label's ``[`` stands after the rule's start (1 for ``![``); ``nested``
    is whether the label may hold other brackets, as the rule itself parses it.
    """

    def link(state: StateInline, silent: bool) -> bool:
        start = state.pos
        if _no_link_from(state, start):
            return False
        if silent or state.src[start + bracket : start + bracket + 1] != "[":
            return original(state, silent)
        if not original(state, silent):
            return False  # most "[" are no link: find the label's end only for a link
        label_end = state.md.helpers.parseLinkLabel(state, start + bracket, not nested)
        if label_end >= 0:
            _record(state, "mask", label_end + 1, state.pos, "")
        return True

    return link


_REFERENCE = re.compile(r"\[\^([^\] \n]{1,%d})\]" % (MAX_LABEL - 1))  # as the plugin reads one (and _wrap_ref)
# In one pass, left to right: a reference; an inline note whose body holds no bracket but whole
# references, none right after a caret (``^[^1]`` in a note's body is a nested inline note); or what makes markdown-it read an inline text otherwise than as text, references
# and such notes (``other``): a "^[" that is no such note (its end is the plugin's to find), a code
# span, HTML or an autolink, an escape, a link (``](``; or any ``[`` when the document defines link
# references, checked apart). Neither a note nor a reference holds one of those, nor is followed by "(".
_READ_AT_ONCE = re.compile(
    r"\^\[(?P<body>(?:[^\[\]`<\\^]|\^(?!\[)|\[\^[^\] \n`<\\]{1,%d}\](?!\())*+)\](?!\()"
    r"|\[\^(?P<label>[^\] \n`<\\]{1,%d})\](?!\()"
    r"|(?P<other>\^\[|[`<\\]|\]\()" % (MAX_LABEL - 1, MAX_LABEL - 1)
)


def _only_references(src: str, env: dict[str, Any]) -> list[_Event] | None:
    """The footnote references and inline notes of a top-level inline text in which markdown-it
    can find nothing else the reader records, as its parse would record them; None for any other
    text.

    markdown-it's inline parse costs about 50 µs a paragraph (a megabyte dense with notes and
    citations took a second in it, a megabyte of one-line paragraphs each an inline note six);
    most paragraphs hold only text, references, inline notes and citation keys (the tests compare
    this with the parse). In such a text every ``[`` is tried as a link (none can match), an
    image, an inline note (none) and a reference, in that order, so each ``[^label]`` whose
    label has no space, newline or ``]`` is a reference, left to right; and a ``^[`` is an inline
    note that ends at the first ``]``, when no ``[`` but whole references stands before that
    (the plugin skips a reference as one token and counts a lone ``[`` as a nested bracket). A
    note's references are recorded before the note, as its nested parse records them.
    """
    if "references" in env:
        return None
    if "[" not in src:  # no reference and no note: nothing, unless markdown-it reads more
        return None if _READ_AT_ONCE.search(src) else []
    events = []
    for found in _READ_AT_ONCE.finditer(src):
        kind = found.lastgroup
        if kind == "other":
            return None
        if kind == "label":
            events.append(_Event("ref", found.group(kind), *found.span()))
            continue
        body = found.group(kind)
        if "[^" in body:
            inside = found.start(kind)
            events += [_Event("ref", ref.group(1), *ref.span()) for ref in _REFERENCE.finditer(src, inside, inside + len(body))]
        events.append(_Event("inline", body, *found.span()))
    return events


def _no_link_from(state: StateInline, start: int) -> bool:
    """Whether no link or image can start at ``start``: the document defines no link reference
    and no ``](`` follows in the text. Then the label, which markdown-it reads token by token
    before it looks at what follows, is not read at all (a third of the inline parse of a
    paragraph citing ``[@key, p. 3]``). The next ``](`` is remembered: each is found once."""
    if "references" in state.env:
        return False
    following = getattr(state, "citecheck_destination", None)
    if following is None or 0 <= following < start:
        following = state.src.find("](", start)
        state.citecheck_destination = following
    return following < 0 or following >= state.posMax


def _may_hold_notes_or_keys(content: str) -> bool:
    """Whether a top-level inline text may hold what the reader reads in it: a footnote reference
    ``[^``, an inline note ``^[`` or a citation key ``@``. One without is not parsed at all."""
    return "@" in content or "[^" in content or "^[" in content


def _nested_base(parent: StateInline, parent_base: int | None, src: str) -> int | None:
    """Where a nested inline text (image alt, inline note body) starts in its parent's text.

    Both nested parses start two characters after the construct (``![`` and ``^[``) at which the
    parent's ``pos`` still stands when they run.
    """
    if parent_base is None:
        return None
    if parent.src.startswith(src, parent.pos + 2):
        return parent_base + parent.pos + 2
    found = parent.src.find(src, parent.pos)
    return None if found < 0 else parent_base + found


def _instrument(md: MarkdownIt) -> None:
    """Wrap the footnote inline rules and the inline parser to record where references stand."""
    from markdown_it.rules_inline import StateInline

    ruler = md.inline.ruler
    originals = {rule.name: rule.fn for rule in ruler.__rules__}
    ruler.at("footnote_ref", _wrap_ref(originals["footnote_ref"]))
    ruler.at("footnote_inline", _wrap_inline(originals["footnote_inline"]))
    for name in ("backticks", "html_inline", "autolink"):
        ruler.at(name, _wrap_mask(originals[name]))
    ruler.at("link", _wrap_link(originals["link"], bracket=0, nested=False))
    ruler.at("image", _wrap_link(originals["image"], bracket=1, nested=True))

    inline = md.inline
    original_parse = inline.parse

    def parse(src: str, md: MarkdownIt, env: Any, tokens: list[Token]) -> list[Token]:
        stack = env.get(_STACK) if isinstance(env, dict) else None
        if stack is None:  # not called through read(): behave as the stock parser
            return original_parse(src, md, env, tokens)
        if not stack and not _may_hold_notes_or_keys(src):
            return tokens  # nothing read in it: markdown-it's inline rules cost 3 s a megabyte of prose
        if not stack and (references := _only_references(src, env)) is not None:
            env[_EVENTS].append((src, references))
            return tokens
        state = StateInline(src, md, env, tokens)
        if stack:
            parent, parent_base, events = stack[-1]
            base = _nested_base(parent, parent_base, src)
        else:
            base, events = 0, []
            env[_EVENTS].append((src, events))
        stack.append((state, base, events))
        try:
            inline.tokenize(state)
            for rule in inline.ruler2.getRules(""):
                rule(state)
        finally:
            stack.pop()
        if not stack:  # what the reader needs is recorded: a top-level text's tokens are let go now
            tokens.clear()
        return state.tokens

    inline.parse = parse  # type: ignore[method-assign]


# A footnote definition whose note is one line of text that starts with a letter (so a
# paragraph, never a list, a heading, a quotation, code or HTML): ``[^label]:`` as the plugin reads
# it (no space in the label), at most three spaces, then the text.
_PLAIN_DEFINITION = OnFirstUse(re.compile, r"\[\^(?P<label>[^\] \n]+)\]: {0,3}(?P<text>[^\W\d_][^\n]*)")
DEFINITION_RUN = "citecheck_definitions"


def _definition_run(is_definition: BlockRule) -> BlockRule:
    """A block rule for a run of plain one-line definitions at the top level, one token for all.

    The plugin's rule costs a nested block parse and five tokens a definition (about 35 µs: a
    file of short definitions read at 0.2 MB/s). A definition is plain when its note is one line
    that starts with a letter and holds nothing the reader parses (no ``[^``, ``^[`` or ``@``),
    and the line after it is blank or starts another definition, and the first line after the
    blanks is not indented as far as the note's continuation: then the plugin would give it a
    paragraph of that one line and end it where this rule does (the tests compare the two). The
    run stops at the first definition that is not plain; the plugin's rule (``is_definition``,
    also the check that a line starts a definition) reads that one as before.
    The token's ``meta["definitions"]`` holds, for each, ``(label, first line, line after the
    block, offset of the "[^", offsets of the note's text and of the end of its line)``.
    """

    def definitions(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if silent or state.level or state.blkIndent or end_line != state.lineMax:
            return False

        def plain_at(line: int) -> re.Match[str] | None:
            if state.sCount[line] >= 4:  # indented four: code at the top level
                return None
            plain = _PLAIN_DEFINITION.match(state.src, state.bMarks[line] + state.tShift[line], state.eMarks[line])
            return None if plain is None or _may_hold_notes_or_keys(plain.group("text")) else plain

        found, line, plain = [], start_line, plain_at(start_line)
        while plain is not None:
            after, following = line + 1, None
            if after < end_line and not state.isEmpty(after):
                following = plain_at(after)
                if following is None and not is_definition(state, after, end_line, True):
                    break  # the paragraph goes on (indented four, a definition would be code here)
            else:
                after = state.skipEmptyLines(after)
                if after < end_line:
                    if state.sCount[after] >= 4:
                        break  # the note goes on after the blank line
                    following = plain_at(after)
            found.append((plain.group("label"), line, after, plain.start(), plain.start("text"), plain.end("text")))
            line, plain = after, following
        if not found:
            return False
        refs = state.env.setdefault("footnotes", {}).setdefault("refs", {})
        for label, *_ in found:
            refs[":" + label] = -1  # as the plugin's rule records a definition
        token = state.push(DEFINITION_RUN, "", 0)
        token.map = [start_line, line]
        token.meta = {"definitions": found}
        state.line = line
        return True

    return definitions


# What makes a line worth markdown-it's reading: something the reader reads (a footnote
# reference or definition, an inline note, a key), a link reference definition (it changes how
# links elsewhere read), or the start of a block that can run on past a blank line (a fence, an
# HTML comment, processing instruction, declaration or CDATA, a script, pre, style or textarea).
_READ_IN = re.compile(r"\[\^|\^\[|@|\]:|```|~~~|<[!?]|<(?i:script|pre|style|textarea)")
SKIP_RUN = "citecheck_skip"


@dataclass(slots=True)
class _NextRead:
    """The first line at or after ``start`` that holds :data:`_READ_IN` (``line``), and the last
    line up to it where markdown-it starts afresh at the top level (``resume``; None when there
    is none after ``start``): both found once for every line that asks."""

    start: int
    line: int
    resume: int | None


def _skip_run(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A block rule for the top-level blocks up to the next line worth reading: no token.

    markdown-it's block rules cost 15 to 40 µs a block, whatever the block (a megabyte of
    one-letter paragraphs, headings or quotations took seven to ten seconds). At the top level,
    a line at the margin after a blank line starts afresh (it ends any list item, quotation,
    paragraph or indented code) unless a block that runs on past blank lines is open, and none
    can be where no line holds :data:`_READ_IN`. So from a top-level block start, the lines up
    to the last such fresh start before the next line worth reading give the reader nothing;
    the rule consumes them and pushes no token, and markdown-it goes on from there as it would
    have (the tests compare the two).
    """
    if silent or state.level or state.blkIndent or end_line != state.lineMax:
        return False
    ahead: _NextRead | None = getattr(state, "citecheck_next_read", None)
    if ahead is None or start_line > ahead.line or start_line < ahead.start:
        ahead = _next_read(state, start_line)
        state.citecheck_next_read = ahead
    if ahead.resume is None or ahead.resume <= start_line:
        return False
    state.line = ahead.resume
    return True


def _next_read(state: StateBlock, start_line: int) -> _NextRead:
    """:class:`_NextRead` from ``start_line``: the lines between the fresh start and the line
    worth reading are looked at once, the rest by one search."""
    found = _READ_IN.search(state.src, state.bMarks[start_line])
    if found is None:
        return _NextRead(start_line, state.lineMax, state.lineMax)
    line = bisect.bisect_right(state.bMarks, found.start(), start_line) - 1
    resume = line
    while resume > start_line:
        if state.sCount[resume] == 0 and not state.isEmpty(resume) and state.isEmpty(resume - 1):
            return _NextRead(start_line, line, resume)
        resume -= 1
    return _NextRead(start_line, line, None)


# A line that can only go on a paragraph, or start one at the top level: at the margin, with a
# character that opens no block (nor a setext underline, nor a definition: a "[" whose label
# closes on the line with no ":" after it, a number not followed by "." or ")").
_PARAGRAPH_LINE = (
    r"(?:[^\s\d`~>*\-_+#<\[=|]|\d++(?![.)])|\[\^?[^\[\]\\\n]*+\](?!:))[^\n]*+"
)
# A paragraph of such lines, ended by a blank line or the end of the text.
_BLOCK_END = r"(?=\n[ \t]*+(?:\n|\Z)|\n?\Z)"
_PLAIN_PARAGRAPH = re.compile(rf"{_PARAGRAPH_LINE}(?:\n{_PARAGRAPH_LINE})*+{_BLOCK_END}")
# Blocks of one line whose text is one such line: an ATX heading with no "#" in its text, a
# quotation ended by a blank line, a bullet list item (what follows it is checked apart).
_ONE_LINE_BLOCK = re.compile(
    rf"#{{1,6}}(?P<heading>[ \t][^#\n]*)(?=\n|\Z)|> (?P<quote>{_PARAGRAPH_LINE}){_BLOCK_END}"
    rf"|[-*+] (?P<item>{_PARAGRAPH_LINE})(?=\n|\Z)"
)
_ITEM_START = re.compile(r"[-*+] ")
PLAIN_PARAGRAPH = "citecheck_paragraph"
# Where the plain-blocks rule puts the contents it reads itself, with their events: set by
# :func:`read` for a text with no ``]:`` (so no link reference, whose definition may come after
# a paragraph and change how it reads, and no footnote definition).
_READ_NOW = "citecheck.read_now"


class _Inline(NamedTuple):
    """An inline content read by the plain-blocks rule, in place of markdown-it's token, with the
    offset where it stands verbatim in the text (``at``): its positions need no line-by-line placing."""

    content: str
    map: list[int]
    at: int

    def offset(self, position: int) -> int:
        """The source offset of content offset ``position`` (the content is its own locator)."""
        return self.at + position


def _plain_blocks(trim: Callable[[str], str]) -> BlockRule:
    """A block rule for top-level paragraphs of :data:`_PARAGRAPH_LINE` lines, and headings,
    one-line quotations and bullet items of one such line (:data:`_ONE_LINE_BLOCK`): the inline
    token markdown-it makes of each (``trim`` is its ``mdTrim``), without trying every block rule
    on its first line and every terminator on the others, nor a nested parse for a quotation or
    an item (15 to 25 µs a paragraph, 30 a list item: a megabyte of one-line paragraphs each
    citing a key took nine seconds). No such line starts another block or ends a paragraph, so
    markdown-it's rules give the same contents (the tests compare the two); the open and close
    tokens around them are left out, as the reader never reads them. An item is taken only
    when the next line is another item, or blank with no indented line after it (nothing can
    go on the item). Blocks that follow at once are taken too; after blank lines the next block
    is taken when it holds a line worth reading (:data:`_READ_IN`): :func:`_skip_run`, tried
    first, leaves that one to this rule, so taking it here saves the block loop a turn (a
    megabyte of ``[^1]`` paragraphs). A content with nothing the reader reads makes no token; one
    :func:`_only_references` reads is read at once when the text can define no link reference
    (:data:`_READ_NOW`), sparing markdown-it its token and its inline rule a turn."""

    def blocks(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if silent or state.level or state.blkIndent or end_line != state.lineMax:
            return False
        src, env, marks, shifts, ends = state.src, state.env, state.bMarks, state.tShift, state.eMarks
        read_now = env.get(_READ_NOW)
        line = start_line
        while line < end_line:
            begin = marks[line]
            found = _PLAIN_PARAGRAPH.match(src, begin)
            if found is not None:  # its lines open with no white space: trimmed, it starts where it did
                written = found.group()
                content, at, next_line = trim(written), begin, line + 1 + written.count("\n")
            else:
                found = _ONE_LINE_BLOCK.match(src, begin)
                if found is None or (found.group("item") is not None and not _item_ends(state, line + 1, end_line)):
                    break
                kind, next_line = found.lastgroup, line + 1
                if kind == "heading":
                    written = found.group(kind)
                    content = written.strip()
                    at = found.start(kind) + len(written) - len(written.lstrip())
                else:
                    content, at = trim(found.group(kind)), found.start(kind)
            if _may_hold_notes_or_keys(content):  # else nothing in it is read: no token
                events = None if read_now is None else _only_references(content, env)
                if events is not None:
                    read_now.append((_Inline(content, [line, next_line], at), events))
                else:
                    inline = state.push("inline", "", 0)
                    inline.content = content
                    inline.map = [line, next_line]
                    inline.children = []
            elif line > start_line and state.isEmpty(line - 1) and _READ_IN.search(src, begin, found.end()) is None:
                break  # nothing to read after blank lines: the skipping rule's
            line = next_line
            while line < end_line and marks[line] + shifts[line] >= ends[line]:  # as state.skipEmptyLines
                line += 1
        if line == start_line:
            return False
        state.line = line
        return True

    return blocks


def _item_ends(state: StateBlock, line: int, end_line: int) -> bool:
    """Whether a one-line bullet item ends before ``line``: it is another item at the margin, or
    blank lines then the end or a line at the margin."""
    if line < end_line and not state.isEmpty(line):
        return state.sCount[line] == 0 and _ITEM_START.match(state.src, state.bMarks[line]) is not None
    line = state.skipEmptyLines(line)
    return line >= end_line or state.sCount[line] == 0


# A link reference definition on one line, with no title: ``[label]: destination``. The label
# holds no bracket or backslash and is no footnote label; the destination is in angle brackets
# or bare with no parenthesis, backslash or control character.
_LINK_DEFINITION = re.compile(
    r" {0,3}\[(?!\^)(?P<label>[^\[\]\\\n]*)\]:[ \t]*"
    r"(?:<(?P<angled>[^<>\\\n]*)>|(?P<bare>[^\s<()\\\x00-\x1f\x7f][^\s()\\\x00-\x1f\x7f]*))[ \t]*\Z"
)
# What may open a title on the line after a definition (markdown-it then reads on into it).
_TITLE_OPENERS = frozenset("\"'(")
LINK_DEFINITIONS = "citecheck_link_definitions"


def _link_definition_run(normalize_label: Callable[[str], str], unescape: Callable[[str], str]) -> BlockRule:
    """A block rule for a run of one-line link reference definitions at the top level
    (``normalize_label`` and ``unescape`` are markdown-it's ``normalizeReference`` and ``unescapeAll``).

    markdown-it's ``reference`` rule steps through a definition a character at a time, tries
    every block rule on the next line to see whether a title goes on there, and runs only after
    nine other rules have looked at the line (about 20 µs a definition: a megabyte of them took
    2.8 s). A definition of :data:`_LINK_DEFINITION` whose next line is blank, the end, or opens
    with no title quote is one line whatever follows; this rule records it in
    ``env["references"]`` as markdown-it does (the first of a label wins, later ones go to
    ``env["duplicate_refs"]``) and leaves any other line to markdown-it (the tests compare the two).
    """

    def definitions(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if silent or state.level or state.blkIndent or end_line != state.lineMax:
            return False
        md, src = state.md, state.src
        line = start_line
        while line < end_line:
            found = _LINK_DEFINITION.match(src, state.bMarks[line], state.eMarks[line])
            if found is None:
                break
            following = line + 1
            opening = state.bMarks[following] + state.tShift[following] if following < end_line else len(src)
            if src[opening : opening + 1] in _TITLE_OPENERS:
                break
            label = normalize_label(found.group("label"))
            destination = found.group("angled") if found.group("angled") is not None else found.group("bare")
            href = md.normalizeLink(unescape(destination))
            if not label or not md.validateLink(href):
                break
            references = state.env.setdefault("references", {})
            place = [line, following]
            if label not in references:
                references[label] = {"title": "", "href": href, "map": place}
            else:
                state.env.setdefault("duplicate_refs", []).append({"title": "", "href": href, "label": label, "map": place})
            line = following
        if line == start_line:
            return False
        state.line = line
        return True

    return definitions


_NEWLINE = re.compile("\n")
_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)


def _line_tables(src: str) -> tuple[list[int], list[int], list[int], list[int]]:
    """markdown-it's tables of the lines of ``src`` (a ``StateBlock``'s ``bMarks``, ``eMarks``,
    ``tShift`` and ``sCount``, with the entry it adds past the last line), found by searches:
    its own loop takes a Python step a line (a third of the block parse of a megabyte of
    one-line paragraphs). A last line of spaces and tabs alone, with no line break, is no line;
    only indented lines are looked at one by one."""
    length = len(src)
    ends = list(map(re.Match.start, _NEWLINE.finditer(src)))
    begins = [0, *map(re.Match.end, _NEWLINE.finditer(src))]
    if not src[begins[-1] :].strip(" \t"):
        begins.pop()
    else:
        ends.append(length)
    shifts, columns = [0] * len(begins), [0] * len(begins)
    for indent in _INDENT.finditer(src):
        line = bisect.bisect_left(begins, indent.start())
        if line == len(begins):
            continue  # the last line, of blanks alone
        blanks = indent.group()
        shifts[line] = len(blanks)
        column = len(blanks)
        if "\t" in blanks:
            column = 0
            for char in blanks:
                column += 4 - column % 4 if char == "\t" else 1
        columns[line] = column
    return [*begins, length], [*ends, length], [*shifts, 0], [*columns, 0]


def _lines_found_at_once(md: MarkdownIt) -> None:
    """Have ``md``'s block parser start from :func:`_line_tables` (it is handed every state's
    other fields as markdown-it sets them)."""
    from markdown_it.rules_block import StateBlock

    class LinesFound(StateBlock):
        def __init__(self, src: str, md: MarkdownIt, env: Any, tokens: list[Token]) -> None:
            super().__init__("", md, env, tokens)
            self.src = src
            self.bMarks, self.eMarks, self.tShift, self.sCount = _line_tables(src)
            self.bsCount = [0] * len(self.bMarks)
            self.lineMax = len(self.bMarks) - 1

    block = md.block

    def parse(src: str, md: MarkdownIt, env: Any, tokens: list[Token]) -> list[Token] | None:
        if not src:
            return None
        state = LinesFound(src, md, env, tokens)
        block.tokenize(state, state.line, state.lineMax)
        return state.tokens

    block.parse = parse  # type: ignore[method-assign]


@functools.cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from markdown_it.common.utils import mdTrim, normalizeReference, unescapeAll
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark")
    md.use(front_matter_plugin)
    md.use(footnote_plugin, inline=True, move_to_end=False, always_match_refs=True)
    _lines_found_at_once(md)
    is_definition = next(rule.fn for rule in md.block.ruler.__rules__ if rule.name == "footnote_def")
    md.block.ruler.before("footnote_def", DEFINITION_RUN, _definition_run(is_definition))
    md.block.ruler.before("code", SKIP_RUN, _skip_run)
    md.block.ruler.before("code", PLAIN_PARAGRAPH, _plain_blocks(mdTrim))
    md.block.ruler.before("code", LINK_DEFINITIONS, _link_definition_run(normalizeReference, unescapeAll))
    _instrument(md)
    return md


# ---------------------------------------------------------------------------------------------
# Content offsets to source offsets


class _ContentLocator:
    """Maps offsets in an inline token's ``content`` to offsets in ``source.text``.

    Content line ``k`` comes from source line ``first_line + k`` (1-based) with the container
    prefix (indentation, ``>``, list marker, ``[^x]:``) removed from its start, and, on the last
    line, trailing white space removed; an ATX heading also loses its closing ``#``s. So a content
    line is placed by aligning it with the end of its source line, or else by finding it in that
    line. Lines are placed lazily: only lines that hold a footnote are ever looked at. A content
    written in the file as it stands from its first line's start (a paragraph at the margin) is
    placed at once: every line of it aligns so.
    """

    __slots__ = ("_source", "_content", "_first_line", "_starts", "_deltas", "_verbatim_at")

    def __init__(self, source: SourceFile, content: str, first_line: int) -> None:
        self._source = source
        self._content = content
        self._first_line = first_line
        self._deltas: dict[int, int | None] = {}
        index = source.index
        line_start = index.line_start(first_line) if first_line <= index.line_count else -1
        self._verbatim_at = line_start if line_start >= 0 and source.text.startswith(content, line_start) else None
        if self._verbatim_at is not None:
            self._starts: list[int] = []
            return
        starts = [0]
        position = content.find("\n")
        while position != -1:
            starts.append(position + 1)
            position = content.find("\n", position + 1)
        self._starts = starts

    def offset(self, position: int) -> int | None:
        """The source offset of content offset ``position``, or None if its line cannot be placed."""
        if self._verbatim_at is not None:
            return self._verbatim_at + position
        k = bisect.bisect_right(self._starts, position) - 1
        if k not in self._deltas:
            self._deltas[k] = self._delta(k)
        delta = self._deltas[k]
        return None if delta is None else delta + position

    def _delta(self, k: int) -> int | None:
        starts = self._starts
        last = k == len(starts) - 1
        content_line = self._content[starts[k] : len(self._content) if last else starts[k + 1] - 1]
        line = self._first_line + k
        index = self._source.index
        if line > index.line_count:
            return None
        line_start = index.line_start(line)
        source_line = self._source.text[line_start : index.line_end(line)]
        if "\x00" in source_line:  # markdown-it reads NUL as U+FFFD (same length)
            source_line = source_line.replace("\x00", "\ufffd")
        aligned = source_line.rstrip() if last else source_line
        if aligned.endswith(content_line):
            column = len(aligned) - len(content_line)
        else:
            column = source_line.rfind(content_line)
            if column < 0:
                # a tab partly expanded into spaces at the start of the line
                stripped = content_line.lstrip()
                if not stripped or not aligned.endswith(stripped):
                    return None
                column = len(aligned) - len(stripped) - (len(content_line) - len(stripped))
        return line_start + column - starts[k]


class _TopLevelParses:
    """The events of each top-level inline parse, matched to inline tokens in stream order.

    The core ``inline`` rule parses every ``inline`` token's ``content`` in stream order (later
    core rules such as ``text_join`` replace ``children``, so the list is no key); the content
    string itself is the check that the k-th parse belongs to the k-th inline token.
    """

    __slots__ = ("_parses", "_next")

    def __init__(self, parses: list[tuple[str, list[_Event]]]) -> None:
        self._parses = parses
        self._next = 0

    def events_for(self, content: str) -> list[_Event]:
        for k in range(self._next, len(self._parses)):
            src, events = self._parses[k]
            if src is content or src == content:
                self._next = k + 1
                return events
        return []


# ---------------------------------------------------------------------------------------------
# Reading


def read(source: SourceFile, notes: SourceFile | None = None) -> Document:
    """Read the footnote markers, notes and citation keys of a Markdown file.

    ``notes`` is accepted for the common reader signature and ignored: Markdown keeps its notes in
    the same file.

    Every reference is a marker, defined or not, however often a label is referenced; every
    definition is a note, empty or duplicated ones included (the rules report those). A Pandoc
    inline note ``^[text]`` is both a marker and a note labelled ``^N`` (N counts inline notes in
    source order). ``numbered`` is true when every ``[^label]`` label is a number; inline notes,
    which carry no number, do not count against it. Markers and notes are in source order.

    Pandoc citation keys in prose (``[@key]``, ``@key``; see :mod:`citecheck.readers.citekeys`)
    are ``key`` citations, with the number of the footnote definition they stand in; the keys of
    the front matter's ``nocite`` field are ``nocite`` citations.
    """
    del notes
    given, source = source, _breaks_as_read(source)
    env: dict[str, Any] = {_STACK: [], _EVENTS: []}
    if "]:" not in source.text:
        env[_READ_NOW] = []
    openable = _unclosable_brackets_neutral(source.text)
    parsed_source = source if openable is source.text else SourceFile(source.path, openable, source.encoding)
    tokens = _parser().parse(openable, env)
    parsed = _TopLevelParses(env[_EVENTS])

    markers: list[Marker] = []
    note_list: list[Note] = []
    inline_notes: list[tuple[int, int, int, int, str]] = []
    citations: list[Citation] = []
    in_note: int | None = None  # the number of the footnote definition being read
    included: list[Inclusion] = []
    for token in tokens:
        if token.type == "inline":
            if not _may_hold_notes_or_keys(token.content):
                continue
            events = parsed.events_for(token.content)
            if events:
                _place_events(parsed_source, token, events, markers, inline_notes)
            if "@" in token.content:
                _key_citations(parsed_source, token, events, in_note, citations)
        elif token.type == DEFINITION_RUN:
            note_list.extend(_one_line_note(source, label, start, text, end) for label, _, _, start, text, end in token.meta["definitions"])
        elif token.type == "footnote_reference_open":
            label = token.meta["label"]
            in_note = int(label) if _is_number(label) else None
            if token.map:
                note_list.append(_definition(source, label, token.map))
        elif token.type == "footnote_reference_close":
            in_note = None
        elif token.type == "front_matter" and token.map:
            citations.extend(_nocite_citations(source, token.map))
            included.extend(_front_matter_bibliographies(source, token.map))
    for inline, events in env.get(_READ_NOW, ()):  # top-level contents, in no footnote definition
        if events:
            _place_events(parsed_source, inline, events, markers, inline_notes)
        if "@" in inline.content:
            _key_citations(parsed_source, inline, events, None, citations)

    inline_notes.sort()
    text, path = source.text, source.path
    for number, (start, end, inner_start, inner_end, body) in enumerate(inline_notes, start=1):
        label, span = f"^{number}", Span(path, start, end)
        written = _join_lines(body.split("\n")) if "\n" in body else body.strip()
        markers.append(Marker(label, None, text[start:end], span, "inline"))  # label, number, text, span, style
        note_list.append(Note(label, None, written, span, (Span(path, inner_start, inner_end),), "inline"))  # ..., parts, style

    markers, note_list = _colonless_definitions(source, markers, note_list)
    regions = text_regions(source)
    superscript_markers, superscript_notes = _superscript_notes(source, regions)
    markers += superscript_markers
    note_list += superscript_notes
    endnote_markers, endnote_notes = endnotes(source, regions, markers, note_list)
    markers += endnote_markers
    note_list += endnote_notes
    markers.sort(key=_SPAN)  # all in this file: by start, then end
    note_list.sort(key=_SPAN)
    labels = [item.label for item in (*markers, *note_list) if item.style != "inline"]
    return Document(
        source=given,
        format="markdown",
        markers=tuple(markers),
        notes=tuple(note_list),
        citations=tuple(sorted(citations, key=_SPAN_START)),
        numbered=all(_is_number(label) for label in labels),
        markers_reusable=True,
        regions=regions,
        inclusions=tuple(
            sorted((*included, *_included_texts(source), *_written_bibliographies(source)), key=lambda item: item.span.start)
        ),
    )


_SPAN, _SPAN_START = operator.attrgetter("span"), operator.attrgetter("span.start")


def _breaks_as_read(source: SourceFile) -> SourceFile:
    """``source`` with its carriage returns made line breaks at the same offsets (``\\r\\n`` a
    space and a line break), as markdown-it reads them: its lines are then the line index's.
    ``read_source`` has made them line breaks already; a text handed to the reader may not."""
    if "\r" not in source.text:
        return source
    return SourceFile(source.path, source.text.replace("\r\n", " \n").replace("\r", "\n"), source.encoding)


_SUPERSCRIPT = OnFirstUse(re.compile, r"<sup>[ \t]*\[?(\d{1,4})\]?[ \t]*</sup>", re.IGNORECASE)
# The start of a line that opens the next superscript note, which ends the one before it.
_NEXT_SUPERSCRIPT_NOTE = OnFirstUse(re.compile, r"\n[ \t]*<sup>[ \t]*\[?\d{1,4}\]?[ \t]*</sup>", re.IGNORECASE)


def _superscript_notes(source: SourceFile, regions: tuple[Region, ...]) -> tuple[list[Marker], list[Note]]:
    """Notes written with HTML superscripts, as Markdown converted from a word processor and
    students' essays write them (Metahistory's enlightenment-historiography): a paragraph that
    opens with ``<sup>3</sup>`` and text is note 3, and every other ``<sup>3</sup>`` outside code is a
    marker. A document with no such paragraph has none: ``m<sup>2</sup>`` is an exponent."""
    text = source.text
    if "<sup>" not in text.lower():
        return [], []
    code = sorted((r.span.start, r.span.end) for r in regions if r.role == "code")
    starts = [start for start, _ in code]
    markers: list[Marker] = []
    notes: list[Note] = []
    for found in _SUPERSCRIPT.finditer(text):
        index = bisect.bisect_right(starts, found.start()) - 1
        if index >= 0 and found.start() < code[index][1]:
            continue
        line_start = text.rfind("\n", 0, found.start()) + 1
        number = int(found.group(1))
        if text[line_start : found.start()].strip():
            markers.append(Marker(label=str(number), number=number, text=found.group(), span=source.span(found.start(), found.end()),
                                  style="superscript"))
            continue
        blank = _BLANK_LINE.search(text, found.end())
        end = blank.start() if blank is not None else len(text.rstrip())
        following = _NEXT_SUPERSCRIPT_NOTE.search(text, found.end(), end)
        end = following.start() if following is not None else end  # notes one to a line, no blank between
        body_start = found.end() + len(text[found.end() : end]) - len(text[found.end() : end].lstrip())
        if body_start >= end:
            continue  # a superscript alone on its line is no note
        notes.append(Note(label=str(number), number=number, text=_join_lines(text[body_start:end].split("\n")),
                          span=source.span(found.start(), found.end()), parts=(source.span(body_start, end),),
                          style="superscript"))
    return (markers, notes) if notes else ([], [])


# After a reference that opens a line: the blanks (and a colon set apart, ``[^2] : text``) before
# the note's text, which must not be another reference.
_AFTER_COLONLESS_LABEL = OnFirstUse(re.compile, r"[ \t]+(?::[ \t]*)?(?!\[\^)(?=\S)")
# Lines that end a paragraph without a blank line: an ATX heading, a fence, a thematic break.
_PARAGRAPH_BREAK = OnFirstUse(re.compile, r"[ \t]{0,3}(?:#{1,6}(?:[ \t]|$)|`{3,}|~{3,}|(?:[-*_][ \t]*){3,}$)")


def _colonless_definitions(
    source: SourceFile, markers: list[Marker], notes: list[Note]
) -> tuple[list[Marker], list[Note]]:
    """Footnote definitions that lost their colon in a conversion (``[^35] Watkins, 20.``:
    Metahistory's marxism essay; ``[^1] Schreiber, T. (2000). …``: CoTETE.jl's and LoMRF's
    documentation), which Markdown reads as references.

    Only where the layout says so: a reference opening a line (indented at most three spaces)
    and followed by text is a definition when the paragraph holding it opens with such a line,
    or with a title line ending in a colon (``Footnotes:``) and then such a line (a block of
    ``[^n] text`` lines, never a wrapped line inside prose), or when the line before it ends with
    the reference to the same label (the note right under its sentence), its label is defined
    nowhere with a colon, and the same label is referenced earlier outside such lines (so
    ``[^1]  [^1]`` stays two references). Its note runs to the next such line of the paragraph,
    or to the paragraph's end; it becomes a note, and stops being a marker.
    """
    text = source.text
    defined = {note.label for note in notes}
    opening: dict[int, re.Match[str]] = {}  # marker index -> the blanks after its label
    for index, marker in enumerate(markers):
        if marker.style != "markdown" or marker.label in defined:
            continue
        line_start = text.rfind("\n", 0, marker.span.start) + 1
        if text[line_start : marker.span.start].strip(" "):
            continue
        after = _AFTER_COLONLESS_LABEL.match(text, marker.span.end)
        if marker.span.start - line_start <= 3 and after is not None:
            opening[index] = after
    if not opening:
        return markers, notes
    line_of = {index: text.rfind("\n", 0, markers[index].span.start) + 1 for index in opening}
    openings = _paragraph_openings(text, line_of.values())
    opening_lines = set(line_of.values())
    kept = {
        index for index in opening
        if openings[line_of[index]] in opening_lines or _titles_the_block(text, openings[line_of[index]], opening_lines)
        or _follows_its_reference(text, line_of[index], markers[index].label)
    }
    first_use: dict[str, int] = {}
    for index, marker in enumerate(markers):
        if index not in kept:
            first_use[marker.label] = min(marker.span.start, first_use.get(marker.label, marker.span.start))
    kept = {index for index in kept if first_use.get(markers[index].label, len(text)) < markers[index].span.start}
    if not kept:
        return markers, notes
    starts = sorted(line_of[index] for index in kept)
    found = []
    for index in sorted(kept):
        marker = markers[index]
        begin = opening[index].end()
        following = bisect.bisect_right(starts, marker.span.start)
        end = _paragraph_end(text, begin, starts[following] if following < len(starts) else len(text))
        written = text[begin:end].rstrip()
        found.append(Note(label=marker.label, number=marker.number, text=_join_lines(written.split("\n")),
                          span=marker.span, parts=(source.span(begin, begin + len(written)),), style="colonless"))
    return [m for index, m in enumerate(markers) if index not in kept], notes + found


# A line that names the block of notes under it: ``Footnotes:``, ``Sources:``, ``**_Footnotes_**:``.
_BLOCK_TITLE = OnFirstUse(re.compile, r"[ \t]{0,3}[*_]*[^\W\d_][^\n:]{0,40}[*_]*:[ \t]*$")


def _titles_the_block(text: str, line: int, opening_lines: set[int]) -> bool:
    """Whether the line at ``line`` is a title ending with a colon and the next line opens a
    definition: ``Footnotes:`` then ``[^1] : In the FiveThirtyEight article ...`` with no blank line
    between (atomaszewicz/Bond's analysis, and other real Markdown: "Sources:", "References:")."""
    end = text.find("\n", line)
    return end >= 0 and end + 1 in opening_lines and _BLOCK_TITLE.match(text, line, end) is not None


def _follows_its_reference(text: str, line: int, label: str) -> bool:
    """Whether the line before ``line`` ends with a reference to ``label``: the note placed right
    under the sentence that cites it (GitBook's syntax, ``Text prior to footnote reference.[^2]``
    then ``[^2] Comment to include in footnote.``; a history of PowerShell, natas write-ups). An
    escaped ``\\[^2]`` is text, no reference."""
    if line == 0:
        return False
    previous = text[text.rfind("\n", 0, line - 1) + 1 : line - 1].rstrip().rstrip(".,;:!?)\"'”’")
    reference = f"[^{label}]"
    if not previous.endswith(reference):
        return False
    before = previous[: -len(reference)]
    return (len(before) - len(before.rstrip("\\"))) % 2 == 0


def _paragraph_openings(text: str, line_starts: Iterable[int]) -> dict[int, int]:
    """Where the paragraph holding each of ``line_starts`` opens. Walked back line by line, each
    walk stopping at the line before it in the same paragraph (so the whole costs one pass)."""
    found: dict[int, int] = {}
    for start in sorted(line_starts):
        line = start
        while line > 0 and line not in found:
            previous = text.rfind("\n", 0, line - 1) + 1
            content = text[previous : line - 1]
            if not content.strip() or _PARAGRAPH_BREAK.match(content):
                break
            line = previous
        found[start] = found.get(line, line) if line != start else start
    return found


def _paragraph_end(text: str, start: int, limit: int) -> int:
    """Where the paragraph holding ``start`` ends (a blank line, a heading, a fence or a rule), or
    ``limit`` when it runs on to there."""
    line_end = text.find("\n", start, limit)
    while line_end >= 0:
        following = text.find("\n", line_end + 1, limit)
        content = text[line_end + 1 : following if following >= 0 else limit]
        if not content.strip() or _PARAGRAPH_BREAK.match(content):
            return line_end
        line_end = following
    return limit


# A "[" that no "]" follows in its paragraph opens nothing (a link, an image, a footnote
# reference, an inline note all close), but markdown-it scans on from each one for a label:
# a paragraph of them took seconds. They are given to markdown-it as another punctuation mark
# (so emphasis next to one reads the same), at the same offsets.
_NEUTRAL_BRACKET = "\u2045"
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# The last "[" of a paragraph (text between blank lines) when no "]" follows it there: from each
# "[" the search reads on only to the next bracket, so each character is read once or twice.
_LAST_UNCLOSED = re.compile(r"\[(?:[^\[\]\n]|\n(?![ \t]*\n))*+(?=\n[ \t]*\n|\Z)")


def _unclosable_brackets_neutral(text: str) -> str:
    """``text`` with every ``[`` after the last ``]`` of its paragraph (text between blank lines,
    which no inline content crosses) made :data:`_NEUTRAL_BRACKET`; ``text`` itself when none is.
    One search finds the paragraphs that have one, by their last ``[``: every ``[`` between it
    and the ``]`` before it (or the last such ``[`` before) is one too, in its paragraph or in
    one before whose last ``]`` it follows."""
    pieces: list[str] = []
    done = 0  # the text up to ``done`` is in ``pieces``
    for found in _LAST_UNCLOSED.finditer(text):
        last = found.start()
        first = text.rfind("]", done, last) + 1 or done
        pieces += (text[done:first], text[first : last + 1].replace("[", _NEUTRAL_BRACKET))
        done = last + 1
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def _is_number(label: str) -> bool:
    return label.isascii() and label.isdigit()


def _place_events(
    source: SourceFile,
    token: Token | _Inline,
    events: Iterable[_Event],
    markers: list[Marker],
    inline_notes: list[tuple[int, int, int, int, str]],
) -> None:
    """Turn one inline token's recorded footnotes into markers (and inline note tuples)."""
    text, path = source.text, source.path
    locator = _locator(source, token)
    for kind, written, at, after in events:  # an _Event: the label of a reference, the body of a note
        if kind == "mask":
            continue
        start = None if at is None else locator.offset(at)
        if kind == "ref":
            needle = f"[^{written}]"
            if start is None or not text.startswith(needle, start):
                start = _nearest(text, needle, *_block(source, token)[1:], start)
            end = start + len(needle) if text.startswith(needle, start) else start
            number = int(written) if _is_number(written) else None
            markers.append(Marker(written, number, text[start:end], Span(path, start, end), "markdown"))
        else:
            if start is None or not text.startswith("^[", start):
                start = _nearest(text, "^[", *_block(source, token)[1:], start)
            last = None if after is None else locator.offset(after - 1)
            if last is None or last < start or text[last : last + 1] != "]":
                end = _closing_bracket(text, start, _block(source, token)[2])
            else:
                end = last + 1
            inner_start = start + 2 if start + 2 < end else end
            inline_notes.append((start, end, inner_start, end - 1 if end - 1 > inner_start else inner_start, written))


def _locator(source: SourceFile, token: Token | _Inline) -> _ContentLocator | _Inline:
    return token if isinstance(token, _Inline) else _ContentLocator(source, token.content, _first_line(token))


def _first_line(token: Token | _Inline) -> int:
    """An inline token's first line (1-based)."""
    return token.map[0] + 1 if token.map else 1  # inline tokens from the block parser always have a map


def _block(source: SourceFile, token: Token | _Inline) -> tuple[int, int, int]:
    """An inline token's first line (1-based) and the offsets where its block starts and ends:
    asked only when a position cannot be placed (most never are)."""
    index = source.index
    first_line = _first_line(token)
    last_line = min(max(token.map[1], first_line), index.line_count) if token.map else index.line_count
    return first_line, index.line_start(first_line), index.line_end(last_line)


def _key_citations(
    source: SourceFile, token: Token | _Inline, events: list[_Event], note: int | None, citations: list[Citation]
) -> None:
    """Add the citation keys in one inline token's prose to ``citations``, placed in the file like
    its footnotes.

    Code spans, inline HTML, autolinks and link destinations recorded while parsing are masked.
    """
    masks = [
        (event.start, event.end)
        for event in events
        if event.kind == "mask" and event.start is not None and event.end is not None
    ] if events else ()
    uses = find_citation_keys(token.content, masks)
    if not uses:
        return
    text, path = source.text, source.path
    locator = _locator(source, token)
    for key, at, _, locator_text in uses:
        start = locator.offset(at)
        if start is None or not text.startswith(key, start):
            start = _nearest(text, key, *_block(source, token)[1:], start)
        citations.append(Citation("key", key, Span(path, start, start + len(key)), note, key, locator_text))


def _nocite_citations(source: SourceFile, block_map: list[int]) -> list[Citation]:
    """The keys of a YAML front matter's ``nocite`` field (``nocite: "@a, @b"``, ``"@*"`` for all)."""
    index = source.index
    first_line = block_map[0] + 1
    last_line = min(max(block_map[1], first_line), index.line_count)
    start, end = index.line_start(first_line), index.line_end(last_line)
    return [
        Citation(kind="nocite", text=use.key, span=source.span(start + use.start, start + use.end), key=use.key)
        for use in find_nocite_keys(source.text[start:end])
    ]


def _front_matter_bibliographies(source: SourceFile, block_map: list[int]) -> list[Inclusion]:
    """The files a front matter's ``bibliography`` names (a string or a list), relative to the
    document, as Pandoc, R Markdown and Quarto read them."""
    index = source.index
    first, closing = block_map[0] + 2, block_map[1]  # the YAML's first line and the closing ``---``'s
    if closing <= first or closing > index.line_count:
        return []
    start = index.line_start(first)
    yaml_text = source.text[start : index.line_start(closing)]
    return [
        Inclusion("bibliography", name, source.span(start + begin, start + end), from_file=True)
        for name, begin, end in string_values(yaml_text, "bibliography")
    ]


# Quarto's include shortcode and R Markdown's child chunks: ``{{< include _intro.qmd >}}``,
# ````{r, child="chapter.Rmd"}```` or ``child = c("a.Rmd", "b.Rmd")``.
_INCLUDE_SHORTCODE = re.compile(r"\{\{<\s*include\s+(?P<name>[^\s>]+)\s*>\}\}")
_CHILD_CHUNK = re.compile(r"^[ \t]*```+\s*\{r\b[^}\n]*?\bchild\s*=\s*(?P<value>c\([^)\n]*\)|\"[^\"\n]*\"|'[^'\n]*')", re.MULTILINE)
_QUOTED = OnFirstUse(re.compile, r"\"([^\"\n]+)\"|'([^'\n]+)'")


def _included_texts(source: SourceFile) -> list[Inclusion]:
    """The files a Quarto include or an R Markdown child chunk brings in, relative to the document."""
    text = source.text
    found = [
        Inclusion("text", match.group("name"), source.span(*match.span("name")), from_file=True)
        for match in _INCLUDE_SHORTCODE.finditer(text)
    ]
    for chunk in _CHILD_CHUNK.finditer(text):
        for quoted in _QUOTED.finditer(text, chunk.start("value"), chunk.end("value")):
            group = 1 if quoted.group(1) is not None else 2
            found.append(Inclusion("text", quoted.group(group), source.span(*quoted.span(group)), from_file=True))
    return found


# knitr's write_bib in an R chunk: ``knitr::write_bib(c(.packages(), 'bookdown'), 'packages.bib')``
# or ``file = "packages.bib"`` (the bookdown template's index.Rmd writes its packages.bib so).
_WRITE_BIB = re.compile(r"\bwrite_bib\s*\(")
_BIB_NAME = OnFirstUse(re.compile, r"\"([^\"\n]+\.bib)\"|'([^'\n]+\.bib)'")
CALL_REACH = 2000  # characters a write_bib call's arguments may span


def _written_bibliographies(source: SourceFile) -> list[Inclusion]:
    """The bibliographies the document's R code writes when it is built (``knitr::write_bib``,
    its last quoted ``.bib`` argument), relative to the document."""
    text = source.text
    found = []
    call = _WRITE_BIB.search(text)
    while call is not None:  # each character is looked at once: a call's arguments are not searched again
        depth, end = 1, call.end()
        limit = min(len(text), end + CALL_REACH)
        while end < limit and depth:
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            end += 1
        names = list(_BIB_NAME.finditer(text, call.end(), end))
        if names:
            group = 1 if names[-1].group(1) is not None else 2
            found.append(Inclusion("generated", names[-1].group(group), source.span(*names[-1].span(group)), from_file=True))
        call = _WRITE_BIB.search(text, end)
    return found


def _nearest(text: str, needle: str, low: int, high: int, guess: int | None) -> int:
    """The occurrence of ``needle`` in ``text[low:high]`` nearest ``guess``; else a sound fallback."""
    target = low if guess is None else guess
    best: int | None = None
    position = text.find(needle, low, high)
    while position != -1:
        if best is None or abs(position - target) < abs(best - target):
            best = position
        position = text.find(needle, position + 1, high)
    if best is not None:
        return best
    return min(max(target, low), max(low, high))


def _closing_bracket(text: str, start: int, high: int) -> int:
    """End of the ``^[...]`` starting at ``start``: just past its balanced ``]`` (fallback only)."""
    depth = 0
    position = start + 1
    while position < high:
        char = text[position]
        if char == "\\":
            position += 2
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return position + 1
        position += 1
    return min(start + 2, len(text))


_QUOTE_PREFIX = OnFirstUse(re.compile, r"[ \t]{0,3}>[ \t]?")


def _strip_quotes(line: str, depth: int) -> tuple[str, int]:
    """Remove up to ``depth`` blockquote markers from the start of ``line``; return it and the cut."""
    cut = 0
    for _ in range(depth):
        match = _QUOTE_PREFIX.match(line, cut)
        if not match:
            break
        cut = match.end()
    return line[cut:], cut


def _definition(source: SourceFile, label: str, block_map: list[int]) -> Note:
    """The note of a ``[^label]:`` definition whose block spans 0-based lines ``block_map``."""
    index = source.index
    text = source.text
    first_line = block_map[0] + 1
    last_line = min(max(block_map[1], first_line), index.line_count)
    line_start, line_end = index.line_start(first_line), index.line_end(first_line)
    needle = f"[^{label}]:"
    start = text.find(needle, line_start, line_end)
    if start < 0:  # not expected: the plugin only opens a definition at "[^label]:"
        start = _nearest(text, needle, line_start, index.line_end(last_line), line_start)
    if not text.startswith(needle, start):
        end = start
    else:
        end = start + len(needle)
    depth = text[line_start:start].count(">")

    # (start, end) of each non-blank line's text, then grouped into contiguous blocks
    pieces: list[tuple[int, int] | None] = []
    for line in range(first_line, last_line + 1):
        begin, finish = index.line_start(line), index.line_end(line)
        if line == first_line:
            begin = end
        elif depth:
            _, cut = _strip_quotes(text[begin:finish], depth)
            begin += cut
        segment = text[begin:finish]
        stripped = segment.strip()
        if not stripped:
            pieces.append(None)
            continue
        lead = len(segment) - len(segment.lstrip())
        pieces.append((begin + lead, begin + lead + len(stripped)))

    parts = []
    texts = []
    group: list[tuple[int, int]] = []
    for piece in (*pieces, None):
        if piece is not None:
            group.append(piece)
            continue
        if group:
            parts.append(source.span(group[0][0], group[-1][1]))
            texts.append(_join_lines(text[a:b] for a, b in group))
            group = []
    if not parts:
        parts.append(source.span(end, end))
    return Note(
        label=label,
        number=int(label) if _is_number(label) else None,
        text=" ".join(texts),
        span=source.span(start, end),
        parts=tuple(parts),
        style="markdown",
    )


def _one_line_note(source: SourceFile, label: str, start: int, text_start: int, line_end: int) -> Note:
    """The note of a plain definition (:func:`_definition_run`): ``[^label]:`` at ``start``, its
    text from ``text_start`` to ``line_end``, the blank lines after it holding nothing."""
    written = source.text[text_start:line_end].rstrip()
    return Note(
        label=label,
        number=int(label) if _is_number(label) else None,
        text=written,
        span=source.span(start, start + len(label) + 4),
        parts=(source.span(text_start, text_start + len(written)),),
        style="markdown",
    )


def _join_lines(lines: Iterable[str]) -> str:
    return " ".join(stripped for line in lines if (stripped := line.strip()))


# What is not prose in Markdown, by role (the alternatives' names): one expression, one pass.
# The lookahead names every character an alternative can start with, so the search skips the
# others at once instead of trying each alternative at each character (three times faster).
_NOT_PROSE = re.compile(
    r"(?=[-`~<#\[\]\\h \t])"
    r"(?:(?P<markup_front>\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z))"
    r"|(?P<code_fence>^[ \t]{0,3}(?P<fence>`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}(?P=fence)[ \t]*$|\Z))"
    r"|(?P<code_span>(?<!`)(?P<ticks>`+)(?!`)[^`]{1,2000}?(?<!`)(?P=ticks)(?!`))"
    r"|(?P<markup_comment><!--.*?(?:-->|\Z))"
    r"|(?P<markup_tag><[/!?]?[A-Za-z][^<>\n]*>)"
    r"|(?P<heading>^[ \t]{0,3}\#{1,6}(?:[ \t][^\n]*)?$)"
    r"|(?P<markup_definition>^[ \t]{0,3}\[(?!\^)[^\]\n]+\]:[^\n]*$)"  # not a footnote's [^1]:
    r"|(?P<markup_destination>\]\([^()\n]*\))"
    r"|(?P<markup_link>\[(?=[^\[\]\n]*\]\([^()\n]*\)))"  # a link's opening bracket: its label is text
    r"|(?P<markup_address><https?://[^>\s]*>|https?://\S+?(?=[.,;:!?]*(?:\s|$)))"  # a stop after it ends the sentence
    r"|(?P<markup_escape>\\(?=[!-/:-@\[-`{-~])))",
    re.MULTILINE | re.DOTALL,
)
_ROLES = {"markup_front": "markup", "code_fence": "code", "code_span": "code", "markup_comment": "markup",
          "markup_tag": "markup", "heading": "heading", "markup_definition": "markup",
          "markup_destination": "markup", "markup_link": "markup", "markup_address": "markup", "markup_escape": "markup"}


def text_regions(source: SourceFile) -> tuple[Region, ...]:
    """Front matter, code, comments, tags, headings, link definitions, addresses and the backslash
    of an escape, with their roles."""
    regions = []
    for found in _NOT_PROSE.finditer(source.text):
        role = _ROLES[found.lastgroup]  # type: ignore[index]
        level = _heading_level(found.group()) if role == "heading" else 0
        regions.append(Region(role, source.span(found.start(), found.end()), level))
    return tuple(regions)


def _heading_level(heading: str) -> int:
    """How many ``#`` open an ATX heading (after its up to three blanks)."""
    marks = heading.lstrip(" \t")
    return len(marks) - len(marks.lstrip("#"))
