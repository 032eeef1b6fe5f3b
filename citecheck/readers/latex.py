r"""LaTeX reader: footnotes, citation commands and ``\nocite``, with exact offsets.

pylatexenc's ``LatexWalker`` (tolerant mode) parses the file; its node positions are offsets into
the text it was given, which has the same length as ``SourceFile.text``: before parsing, comments,
``\verb`` and verbatim-like environments (``verbatim``, ``lstlisting``, ``minted``, ...) are
replaced by spaces (newlines kept), so nothing in them is read and an unbalanced brace in a code
listing cannot derail the parse.

* ``\footnote[n]{text}`` is a marker and a note, numbered in order through the document (an
  optional ``[n]`` sets the number, as in LaTeX, without stepping the counter);
  ``\footnotemark`` is a marker and ``\footnotetext`` a note, numbered the same way. A marker and
  its note share the command's span; the note's parts are the spans of its text.
* The natbib and biblatex citation commands (``\cite``, ``\citep``, ``\textcite``, ``\autocite``,
  ... and starred forms) give one ``key`` citation per key, with the key's span; the post-note
  (``\cite[see][p.~3]{a}``, or the only optional argument) is the locator of the last key.
  Multicite commands (``\cites[pre][post]{a}[post]{b}``) are read argument by argument.
  ``\nocite{a,b}`` gives ``nocite`` citations, ``\nocite{*}`` the key ``*``.
* The footnote counter behaves as in the book and report classes (and memoir, KOMA-Script): each
  ``\chapter`` (not ``\chapter*``) sets it back to 0 and starts a new chapter of markers and
  notes, unless ``\counterwithout{footnote}{chapter}`` said otherwise; ``\setcounter{footnote}{n}``
  and ``\addtocounter{footnote}{n}`` set and move it.
* Citations inside a footnote carry its number. ``\footcite`` makes a footnote in print but has
  no note text here, so it neither steps the counter nor carries a number.

Hostile or broken input is read in linear time (:func:`walkable`). The walk is given only the
commands it reads and their arguments' delimiters, the rest blanked; a group never closed is
closed where its paragraph ends (pylatexenc re-read the rest of the file for each argument it
could not close, so every unclosed ``\frac{`` doubled the time). Every offset is kept. The tree
of commands is read as pylatexenc reads it, in one pass (:mod:`citecheck.readers.latex_tree`),
and by pylatexenc itself, with a budget of tokens proportional to the text, where that pass is
unsure. When the walker fails (a budget spent, nesting too deep), citation commands are found by
a regular expression instead and footnotes are not reported: a broken file costs precision,
never a crash.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import NamedTuple

from pylatexenc.latexwalker import LatexWalkerError

from citecheck.bib.backend import BIBER, BIBTEX
from citecheck.model import Citation, Document, Inclusion, Marker, Note, Region
from citecheck.readers.latex_tree import Group, Macro, Node, OverBudget, Unsure, tree, tree_by_pylatexenc
from citecheck.source import SourceFile, Span

__all__ = [
    "read", "read_citing", "backend_of", "blank_unread", "walkable", "cite_wrappers", "inclusions", "CITE_COMMANDS", "MULTICITE_COMMANDS"
]

CITE_COMMANDS = frozenset(
    """cite citep citet citealp citealt citeauthor citeyear citeyearpar citenum citen citetitle citeurl
    citedate fullcite footfullcite footcite footcitetext autocite parencite textcite smartcite
    supercite Cite Citep Citet Citealp Citealt Citeauthor Textcite Parencite Autocite Smartcite
    Footcite Footcitetext""".split()
)
MULTICITE_COMMANDS = frozenset(
    """cites parencites textcites autocites footcites smartcites supercites Cites Parencites
    Textcites Autocites Footcites Smartcites""".split()
)
_VERBATIM_ENVIRONMENTS = (
    "verbatim", "Verbatim", "BVerbatim", "LVerbatim", "lstlisting", "minted", "comment", "filecontents",
)

# Left to right: an escaped character (kept, so ``\%`` is no comment), ``\verb|...|``, a verbatim
# environment (to its end, or to the end of the file when it is not closed), or a comment.
_NOT_READ = re.compile(
    r"(?P<escape>\\[^a-zA-Z])"
    r"|\\verb(?![a-zA-Z])\*?(?:(?P<delimiter>[^a-zA-Z\s*])[^\n]*?(?P=delimiter)|[^\n]*)"
    r"|\\begin\{(?P<environment>(?:" + "|".join(_VERBATIM_ENVIRONMENTS) + r")\*?)\}"
    r"(?:.*?\\end\{(?P=environment)\}|.*\Z)"
    r"|%[^\n]*",
    re.DOTALL,
)


def blank_unread(text: str) -> str:
    """``text`` with comments, ``\\verb`` and verbatim environments turned into spaces (same offsets)."""
    return _NOT_READ.sub(lambda m: m.group() if m.group("escape") else re.sub(r"[^\n]", " ", m.group()), text)


PLAIN_RUN = 256  # characters of the skeleton without a break (pylatexenc grows a run one character at a time)

_BRACE = re.compile(r"\\[{}\[\]\\]|[{}\[\]]")  # an escaped brace, bracket or backslash is none
_PARAGRAPH_END = re.compile(r"\n[^\S\n]*\n\s*|\s+\Z")
_RUN = re.compile(r"[^\\{}$]{" + str(2 * PLAIN_RUN) + ",}")
_COMMAND = re.compile(r"\\(?:(?P<name>[^\W\d_]+)|.)", re.DOTALL)
_BLANKS = re.compile(r"\s*")
_COUNTER_COMMANDS = ("setcounter", "addtocounter")


def _argument_specs(cite_commands: frozenset[str]) -> dict[str, str]:
    """The commands the walk reads, each with its arguments as pylatexenc reads them (``*`` a
    star, ``[`` an optional argument, ``{`` a mandatory one)."""
    return {
        **{name: "*[[{" for name in cite_commands},
        **{name: "" for name in MULTICITE_COMMANDS},  # their arguments are read from the text
        "nocite": "{",
        "footnote": "[{",
        "footnotemark": "[",
        "footnotetext": "[{",
        **{name: "{{" for name in _COUNTER_COMMANDS},
        **{name: "*{{" for name in ("counterwithin", "counterwithout")},
        "chapter": "*[{",
    }


def walkable(text: str, cite_commands: frozenset[str] = CITE_COMMANDS) -> str:
    """``text`` (comments already blanked) as pylatexenc can walk it in linear time, same length.

    Only what the walk reads is kept: the commands of :func:`_argument_specs` (with
    ``cite_commands`` as the citation commands), the star, brackets and braces of their
    arguments, and what their arguments hold of the same; every other character becomes a space,
    which pylatexenc skips in bulk (it costs about 0.1 ms a command, so a book full of other
    macros no longer costs seconds). The text of a note or a key is read from the original. A
    ``{`` never closed is closed where its paragraph ends: the blank line's characters become
    ``}`` (as many as it has room for; a brace beyond that is blanked). A run without braces
    longer than :data:`PLAIN_RUN` gets ``{}`` every so many characters, away from its ends.
    Offsets stay where they were; the walker's nodes are read against the original.
    """
    specs = _argument_specs(cite_commands)
    braces, brackets, _, _ = _pairs(text)
    kept: list[tuple[int, int]] = []
    for command in _COMMAND.finditer(text):
        spec = specs.get(command.group("name") or "")
        if spec is None or (command.group("name") in _COUNTER_NAMES and not _about_footnotes(text, command.end(), braces)):
            continue
        marks = [command.span()]
        position = command.end()
        for argument in spec:
            start = _BLANKS.match(text, position).end()
            char = text[start : start + 1]
            if argument == "*" and char == "*":
                marks.append((start, start + 1))
                position = start + 1
            elif argument == "[" and char == "[" and start in brackets:
                marks += ((start, start + 1), (brackets[start], brackets[start] + 1))
                position = brackets[start] + 1
            elif argument == "{" and char == "{":
                marks.append((start, start + 1))
                if start not in braces:
                    break  # closed where its paragraph ends
                marks.append((braces[start], braces[start] + 1))
                position = braces[start] + 1
            elif argument == "{":
                if command.group("name") in cite_commands or command.group("name") == "nocite":
                    marks = []  # no keys ("\\cite[see" never closed): it cites nothing
                break
        kept += marks
    kept.sort()
    skeleton = _keep_only(text, kept)
    never_closed = [start for start, end in kept if skeleton[start] == "{" and start not in braces]
    return _break_runs(_close_groups(skeleton, never_closed))


_COUNTER_NAMES = frozenset((*_COUNTER_COMMANDS, "counterwithin", "counterwithout"))
_FIRST_GROUP = re.compile(r"\s*\*?\s*\{")


def _about_footnotes(text: str, position: int, braces: dict[int, int]) -> bool:
    """Whether the counter command ending at ``position`` names the footnote counter first
    (``\\setcounter{footnote}``, ``\\counterwithout{footnote}{chapter}``): any other counter is
    nothing to the walk."""
    group = _FIRST_GROUP.match(text, position)
    close = braces.get(group.end() - 1) if group is not None else None
    return close is not None and text[group.end() : close].strip() == "footnote"


class _Pairs(NamedTuple):
    """Where each ``{`` and ``[`` closes, and those that never close (in order)."""

    braces: dict[int, int]
    brackets: dict[int, int]
    open_braces: list[int]
    open_brackets: list[int]


def _pairs(text: str) -> _Pairs:
    """The closing brace of every ``{`` and the closing bracket of every ``[`` that has one, and
    the ``{`` and ``[`` left open, in one pass (escapes skipped)."""
    pairs = _Pairs({}, {}, [], [])
    for mark in _BRACE.finditer(text):
        char = mark.group()
        if char == "{":
            pairs.open_braces.append(mark.start())
        elif char == "}" and pairs.open_braces:
            pairs.braces[pairs.open_braces.pop()] = mark.start()
        elif char == "[":
            pairs.open_brackets.append(mark.start())
        elif char == "]" and pairs.open_brackets:
            pairs.brackets[pairs.open_brackets.pop()] = mark.start()
    return pairs


_NOT_NEWLINE = re.compile(r"[^\n]+")


def _keep_only(text: str, kept: list[tuple[int, int]]) -> str:
    """``text`` with every character outside ``kept`` (sorted spans) a space, newlines kept."""
    blank = _NOT_NEWLINE.sub(lambda run: " " * len(run.group()), text)  # one pass; the gaps are cut from it
    pieces, position = [], 0
    for start, end in kept:
        if start >= position:
            pieces += (blank[position:start], text[start:end])
            position = end
    pieces.append(blank[position:])
    return "".join(pieces)


def _close_groups(text: str, never_closed: list[int]) -> str:
    """``text`` with each ``{`` of ``never_closed`` (in order) closed at its paragraph's end (or
    the end of the text), else right after itself when a blank follows, else blanked. (The
    skeleton keeps a ``[`` only with its ``]``, and a ``{`` never closed in the text is never
    closed in the skeleton: the pairs it keeps nest as they did.)"""
    if not never_closed:
        return text
    chars = list(text)
    ends = [(end.start(), end.end()) for end in _PARAGRAPH_END.finditer(text)]
    starts = [start for start, _ in ends]
    closers: dict[int, int] = {}  # the start of a paragraph end -> closers placed in it
    for brace in reversed(never_closed):  # innermost first: they close first
        following = bisect.bisect_left(starts, brace)
        if following < len(ends):
            start, end = ends[following]
            used = closers.get(start, 0)
            if used < end - start:
                chars[start + used] = "}"
                closers[start] = used + 1
                continue
        if text[brace + 1 : brace + 2].isspace():
            chars[brace + 1] = "}"
        else:
            chars[brace] = " "
    return "".join(chars)


def _break_runs(text: str) -> str:
    """``text`` with ``{}`` every :data:`PLAIN_RUN` characters of a long run without braces:
    pylatexenc grows the text of a run one character at a time (quadratic)."""
    runs = list(_RUN.finditer(text))
    if not runs:
        return text
    chars = list(text)
    for run in runs:
        for position in range(run.start() + PLAIN_RUN, run.end() - PLAIN_RUN, PLAIN_RUN):
            chars[position : position + 2] = "{}"
    return "".join(chars)


@dataclass(frozen=True, slots=True)
class _Found:
    """What a walk found, in the order it was found."""

    markers: tuple[Marker, ...]
    notes: tuple[Note, ...]
    citations: tuple[Citation, ...]


def read(source: SourceFile, notes: SourceFile | None = None) -> Document:
    """Read the footnotes and citations of a LaTeX file.

    ``notes`` is accepted for the common reader signature and ignored. Footnotes are numbered
    automatically, so the document is ``numbered`` and a marker belongs to one note only.
    """
    return read_citing(source, notes, frozenset())


def read_citing(source: SourceFile, notes: SourceFile | None, cite_commands: frozenset[str]) -> Document:
    """:func:`read`, with ``cite_commands`` (names without the backslash) read as ``\\cite`` is:
    the ``cite-commands`` setting, or the wrappers the file that includes this one defines.

    The file's own wrappers of a citation command (:func:`cite_wrappers`) count too; every
    definition is blanked before the walk, so its body (``\\cite{#1}``, ``\\footnote{#1}``) is
    no citation and no note. The document's ``cite_commands`` are all of these. The argument of
    a command that prints it as written (``\\detokenize``, and :func:`literal_wrappers`) is
    blanked too: ``\\code{\\cite{a1}}`` shows a command, it cites nothing.
    """
    del notes
    text = unread = blank_unread(source.text)
    definitions = list(_DEFINITION.finditer(text))
    closing = _brace_pairs(text) if definitions else {}
    commands = cite_wrappers(text, CITE_COMMANDS | cite_commands, definitions, closing)
    literal = _LITERAL_COMMANDS | literal_wrappers(text, definitions, closing)
    if definitions:
        text = _blank_definitions(text, definitions, closing)
    text = _blank_literal_arguments(text, literal, closing)
    more = frozenset(commands - CITE_COMMANDS)
    try:
        found = _Walk(source, text, commands).run(_nodes(walkable(text, commands), _argument_specs(commands)))
    except (LatexWalkerError, RecursionError, OverBudget):  # deep nesting exhausts the recursion
        found = _Found((), (), tuple(_scan_citations(source, text, more)))
    return Document(
        source=source,
        format="latex",
        markers=found.markers,
        notes=found.notes,
        citations=tuple(sorted(found.citations, key=lambda citation: citation.span.start)),
        numbered=True,
        markers_reusable=False,
        regions=text_regions(source),
        cite_commands=more,
        inclusions=inclusions(source, unread),
        backend=backend_of(text),
    )


def _nodes(skeleton: str, specs: dict[str, str]) -> tuple[Node, ...]:
    """The node tree of ``skeleton``: read by :func:`tree`, or by pylatexenc where that is unsure."""
    try:
        return tree(skeleton, specs)
    except (Unsure, RecursionError):
        return tree_by_pylatexenc(skeleton, specs)


# The commands that name another file: text to read (\input{f}, TeX's \input f, \include,
# \subfile, the import package's \import{dir}{f} and \subimport{dir}{f}) and bibliographies.
_INCLUSION = re.compile(
    r"\\(?:input|include|subfile)(?![A-Za-z])\s*\{(?P<target>[^{}]*)\}"
    r"|\\input[ \t]+(?P<bare>[^\s{}\\%]+)"
    r"|\\(?P<sub>sub)?(?:import|inputfrom|includefrom)\*?\s*\{(?P<folder>[^{}]*)\}\s*\{(?P<file>[^{}]*)\}"
    r"|\\(?:no)?bibliography(?![A-Za-z])\s*\{(?P<names>[^{}]*)\}"
    r"|\\(?:addbibresource|addglobalbib|addsectionbib)\s*(?:\[(?P<options>[^\]]*)\])?\s*\{(?P<resource>[^{}]*)\}"
)
_FILECONTENTS = re.compile(r"\\begin\{(?P<env>filecontents\*?)\}[ \t]*(?:\[[^\]\n]*\])?[ \t]*\{(?P<name>[^{}\n]+\.bib)\}[^\n]*\n")


def inclusions(source: SourceFile, text: str) -> tuple[Inclusion, ...]:
    """The files ``source`` names (``text`` is its text with comments and verbatim blanked), in
    the order they stand; a ``filecontents`` bibliography is embedded."""
    found: list[Inclusion] = []
    for match in _INCLUSION.finditer(text):
        group = match.lastgroup
        if group in ("target", "bare"):
            found.append(_named(source, match, group, "text", ".tex"))
        elif group == "file":
            part = _named(source, match, group, "text", ".tex")
            folder = match.group("folder").strip()
            found.append(dataclasses.replace(part, target=folder + part.target, from_file=bool(match.group("sub"))))
        elif group == "names":
            for key, span in _keys_between(source, text, match.start("names"), match.end("names")):
                found.append(Inclusion("bibliography", key, span, ".bib"))
        elif group == "resource" and "remote" not in (match.group("options") or ""):
            found.append(_named(source, match, group, "bibliography", ""))
    text = source.text
    reach = 0
    for match in _FILECONTENTS.finditer(text):
        if match.start() < reach:
            continue  # inside the one before
        end = text.find("\\end{" + match.group("env") + "}", match.end())
        if end < 0:
            break  # never closed, nor is any later one: LaTeX reads to the end of the file
        reach = end
        line_start = text.rfind("\n", 0, match.start()) + 1
        if "%" in text[line_start : match.start()].replace("\\%", ""):
            continue  # commented out
        found.append(Inclusion("bibliography", match.group("name").strip(), source.span(match.end(), end), embedded=True))
    # ``\jobname`` is the name of the file LaTeX runs on, taken to be this one (biblatex's
    # examples write ``filecontents{\jobname.bib}`` and ``\addbibresource{\jobname.bib}``); any
    # other name TeX computes (``\input{\chapterdir/intro}``, ``\input{chapters/#1}`` in a
    # definition) is not followed.
    job = PurePosixPath(source.path).stem
    found = [dataclasses.replace(inclusion, target=_JOBNAME.sub(lambda _: job, inclusion.target)) for inclusion in found]
    named = (inclusion for inclusion in found if inclusion.target and not _COMPUTED.search(inclusion.target))
    return tuple(sorted(named, key=lambda inclusion: inclusion.span.start))


_JOBNAME = re.compile(r"\\jobname(?![A-Za-z])\s*")
_COMPUTED = re.compile(r"[\\#]")


def _named(source: SourceFile, match: re.Match[str], group: str, kind: str, suffix: str) -> Inclusion:
    """The inclusion of ``match``'s ``group`` (white space around the name is not part of it)."""
    start, end = match.span(group)
    written = source.text[start:end]
    lead = len(written) - len(written.lstrip())
    return Inclusion(kind, written.strip(), source.span(start + lead, start + lead + len(written.strip())), suffix)


# A definition's head, up to the brace that opens its body: \newcommand{\x}[1][d]{, \def\x#1{,
# \NewDocumentCommand{\x}{om}{; and \let\x\cite (no body).
_NAME = r"\\(?P<{}>[A-Za-z@]+)"
_DEFINITION = re.compile(
    r"\\(?:(?:re)?newcommand|providecommand|DeclareRobustCommand)\*?\s*(?:\{\s*" + _NAME.format("new") + r"\s*\}|"
    + _NAME.format("new2") + r")\s*(?:\[\s*(?P<count>\d)\s*\])?\s*(?:\[[^\]\n]*\])?\s*\{"
    r"|(?:\\(?:long|global|protected|outer)\s*)*\\[gex]?def\s*" + _NAME.format("def") + r"(?P<parameters>[^{}%\n]*)\{"
    r"|\\(?:New|Renew|Provide|Declare)(?:Expandable)?DocumentCommand\s*(?:\{\s*" + _NAME.format("doc")
    + r"\s*\}|" + _NAME.format("doc2") + r")\s*\{(?P<spec>[^{}]*)\}\s*\{"
    r"|\\let\s*" + _NAME.format("let") + r"\s*=?\s*" + _NAME.format("target")
)


def _defined(definition: re.Match[str]) -> tuple[str, bool]:
    """The name a definition defines and whether the command takes an argument."""
    groups = definition.groupdict()
    name = next(groups[key] for key in ("new", "new2", "def", "doc", "doc2", "let") if groups[key])
    takes = bool(
        (groups["count"] and groups["count"] != "0")
        or "#" in (groups["parameters"] or "")
        or (groups["spec"] or "").strip()
        or groups["let"]
    )
    return name, takes


def cite_wrappers(
    text: str,
    known: frozenset[str],
    definitions: list[re.Match[str]] | None = None,
    closing: dict[int, int] | None = None,
) -> frozenset[str]:
    r"""``known`` and every command ``text`` (comments blanked) defines as a citation command:
    ``\newcommand{\mycite}[1]{\citep{#1}}``, ``\def\inlinecite#1{(\cite{#1})}``,
    ``\let\acite\cite``, ``\NewDocumentCommand{\pcite}{m}{\parencite{#1}}``: a command with an
    argument whose body calls a citation command (a wrapper of a wrapper too)."""
    if definitions is None:
        definitions = list(_DEFINITION.finditer(text))
    if closing is None:
        closing = _brace_pairs(text)
    bodies: list[tuple[str, str]] = []
    for definition in definitions:
        name, takes = _defined(definition)
        if not takes:
            continue
        if definition.group("let"):
            bodies.append((name, "\\" + definition.group("target")))
        elif (close := closing.get(definition.end() - 1)) is not None:
            bodies.append((name, text[definition.end() : close]))
    callers: dict[str, list[str]] = {}  # a command -> the commands whose body calls it
    for name, body in bodies:
        for called in set(_CALLED.findall(body)):
            callers.setdefault(called, []).append(name)
    commands = set(known)
    waiting = [called for called in callers if called in commands]
    while waiting:  # a wrapper of a wrapper too, each definition looked at once
        for name in callers.get(waiting.pop(), ()):
            if name not in commands:
                commands.add(name)
                waiting.append(name)
    return frozenset(commands)


_CALLED = re.compile(r"\\([A-Za-z@]+)")

# The primitives that print their argument's tokens instead of running them.
_LITERAL_COMMANDS = frozenset({"detokenize", "unexpanded"})
_LITERAL_BODY = re.compile(r"\\(?:detokenize|unexpanded|string|meaning)(?![A-Za-z@])")


def literal_wrappers(text: str, definitions: list[re.Match[str]], closing: dict[int, int]) -> frozenset[str]:
    r"""The commands ``text`` defines to print their argument as written: a body that hands a
    parameter to ``\detokenize``, ``\unexpanded``, ``\string`` or ``\meaning``, as biblatex's
    74-style-verbose-trad1.tex defines ``\newcommand*{\code}[1]{\detokenize\expandafter{\string#1}}``
    for its table of example commands (``\code{\cite{a1}}``)."""
    found = set()
    for definition in definitions:
        close = None if definition.group("let") else closing.get(definition.end() - 1)
        if close is None:
            continue
        body = text[definition.end() : close]
        if "#" in body and _LITERAL_BODY.search(body):
            found.add(_defined(definition)[0])
    return frozenset(found)


def _blank_literal_arguments(text: str, commands: frozenset[str], closing: dict[int, int]) -> str:
    """``text`` with the first braced argument of each of ``commands`` as spaces, newlines kept."""
    pattern = re.compile(r"\\(?:" + "|".join(sorted(commands)) + r")(?![A-Za-z@])\*?\s*(?:\\expandafter\s*)?\{")
    calls = list(pattern.finditer(text))
    if not calls:
        return text
    closing = closing or _brace_pairs(text)
    chars = list(text)
    for call in calls:
        close = closing.get(call.end() - 1, call.end())
        for position in range(call.end(), close):
            if chars[position] != "\n":
                chars[position] = " "
    return "".join(chars)


def _blank_definitions(text: str, definitions: list[re.Match[str]], closing: dict[int, int]) -> str:
    """``text`` with each definition (its head and its body) as spaces, newlines kept."""
    chars = list(text)
    for definition in definitions:
        end = definition.end() if definition.group("let") else closing.get(definition.end() - 1, definition.end() - 2) + 1
        for position in range(definition.start(), end):
            if chars[position] != "\n":
                chars[position] = " "
    return "".join(chars)


class _Walk:
    """One pass over the node tree, keeping the footnote counter and the records found."""

    def __init__(self, source: SourceFile, text: str, cite_commands: frozenset[str]) -> None:
        self.source = source
        self.text = text
        self.cite_commands = cite_commands
        self.counter = 0
        self.chapter = 0  # how many times the counter was set back by a \chapter
        self.reset_by_chapter = True
        self.markers: list[Marker] = []
        self.notes: list[Note] = []
        self.citations: list[Citation] = []

    def run(self, nodes: Iterable[Node | None]) -> _Found:
        self.walk(nodes, None)
        return _Found(tuple(self.markers), tuple(self.notes), tuple(self.citations))

    def walk(self, nodes: Iterable[Node | None], note: int | None) -> None:
        for node in nodes:
            if isinstance(node, Macro):
                self.macro(node, note)
            elif isinstance(node, Group):
                self.walk(node.nodes, note)

    def macro(self, node: Macro, note: int | None) -> None:
        name = node.name
        arguments = node.arguments
        if name in self.cite_commands:
            self.citations.extend(self.cite(node, arguments, note))
        elif name in MULTICITE_COMMANDS:
            position = node.pos + 1 + len(name)
            self.citations.extend(_multicite(self.source, self.text, position, _own_note(name, note)))
        elif name == "nocite" and arguments and arguments[0] is not None:
            self.citations.extend(
                Citation(kind="nocite", text=key, span=span, note=note, key=key)
                for key, span in _keys(self.source, self.text, arguments[0])
            )
        elif name in ("footnote", "footnotemark", "footnotetext"):
            self.footnote(node, arguments)
        elif name in _COUNTER_NAMES:
            self.count(name, arguments)
        else:
            if name == "chapter" and self.reset_by_chapter and not _starred(arguments):
                self.chapter += 1
                self.counter = 0
            self.walk(arguments, note)

    def count(self, name: str, arguments: tuple[Node | None, ...]) -> None:
        r"""``\setcounter``, ``\addtocounter``, ``\counterwithin`` or ``\counterwithout``, when
        it is about the footnote counter."""
        if len(arguments) < (2 if name in _COUNTER_COMMANDS else 3):  # cut short by the end of the file
            return
        if name in _COUNTER_COMMANDS:
            counter, value = arguments[0], arguments[1]
        else:
            counter, value = arguments[1], arguments[2]
        if counter is None or _inner(self.text, counter).strip() != "footnote" or value is None:
            return
        if name in _COUNTER_COMMANDS:
            number = _integer(_inner(self.text, value))
            if number is not None:
                self.counter = number if name == "setcounter" else self.counter + number
        elif _inner(self.text, value).strip() == "chapter":
            self.reset_by_chapter = name == "counterwithin"

    def footnote(self, node: Macro, arguments: tuple[Node | None, ...]) -> None:
        name = node.name
        given = _number(self.text, arguments[0]) if arguments else None
        if given is not None:
            number = given
        elif name == "footnotetext":
            number = self.counter
        else:
            self.counter += 1
            number = self.counter
        span = self.source.span(node.pos, node.pos + 1 + len(name))
        label = str(number)
        if name != "footnotetext":
            written = self.source.text[span.start : span.end]
            self.markers.append(Marker(label, number, written, span, "latex", chapter=self.chapter))
        if name == "footnotemark":
            return
        body = arguments[1] if len(arguments) > 1 else None
        parts, text = _note_text(self.source, self.text, body, span.end)
        self.notes.append(Note(label, number, text, span, parts, "latex", chapter=self.chapter))
        if body is not None:
            self.walk([body], number)

    def cite(self, node: Macro, arguments: tuple[Node | None, ...], note: int | None) -> list[Citation]:
        """One citation per key of a ``\\cite``-like command (arguments ``*[pre][post]{keys}``)."""
        note = _own_note(node.name, note)
        keys_node = arguments[3] if len(arguments) > 3 else None
        if keys_node is None:
            return []
        optional = [a for a in arguments[1:3] if a is not None]
        post = _inner(self.text, optional[-1]) if optional else None
        return _citations(self.source, _keys(self.source, self.text, keys_node), post, note)


def _own_note(command: str, note: int | None) -> int | None:
    """The note a citation command's citations stand in: none for ``\\footcite``, which makes its own."""
    return None if command.lower().startswith("footcite") else note


def _bounds(text: str, node: Node) -> tuple[int, int]:
    """The offsets inside a group's delimiters (an unclosed group runs to its end)."""
    start, end = node.pos, node.end
    if start < end and text[start] in "{[":
        start += 1
    if end > start and text[end - 1] == {"{": "}", "[": "]"}.get(text[node.pos], ""):
        end -= 1
    return start, end


def _inner(text: str, node: Node) -> str:
    start, end = _bounds(text, node)
    return text[start:end]


def _number(text: str, node: Node | None) -> int | None:
    """The number of an optional ``[n]`` argument, when it is one."""
    if node is None:
        return None
    value = _inner(text, node).strip()
    return int(value) if value.isascii() and value.isdigit() else None


def _integer(written: str) -> int | None:
    """A counter's value as written (``3``, ``-1``), when it is a plain number."""
    value = written.strip()
    digits = value[1:] if value[:1] in ("+", "-") else value
    return int(value) if digits.isascii() and digits.isdigit() else None


def _starred(arguments: tuple[Node | None, ...]) -> bool:
    """Whether a command read with a ``*`` argument first was written with its star."""
    return bool(arguments) and arguments[0] is not None


_KEY = re.compile(r"[^,\s]+(?:[ \t]+[^,\s]+)*")
_PARAMETER = re.compile(r"#+\d")  # #1, ##1: a macro's parameter, never a key


def _keys(source: SourceFile, text: str, node: Node) -> list[tuple[str, Span]]:
    """Each key of a ``{a, b}`` argument with its span (white space around a key is not part of it)."""
    start, end = _bounds(text, node)
    return _keys_between(source, text, start, end)


def _keys_between(source: SourceFile, text: str, start: int, end: int) -> list[tuple[str, Span]]:
    return [
        (source.text[match.start() : match.end()], source.span(match.start(), match.end()))
        for match in _KEY.finditer(text, start, end)
        if not _PARAMETER.search(match.group())
    ]


def _citations(
    source: SourceFile, keys: list[tuple[str, Span]], post: str | None, note: int | None
) -> list[Citation]:
    locator = _locator(post)
    return [
        Citation(
            kind="key",
            text=key,
            span=span,
            note=note,
            key=key,
            locator=locator if k == len(keys) - 1 else None,
        )
        for k, (key, span) in enumerate(keys)
    ]


_SPACES_WRITTEN = re.compile(r"~|\\[,; ]")


def _locator(post: str | None) -> str | None:
    r"""A post-note as a reader sees it: ``p.~3`` -> ``p. 3``, ``12--14`` -> ``12–14``."""
    if post is None:
        return None
    text = _SPACES_WRITTEN.sub(" ", post.replace("---", "—").replace("--", "–"))
    return " ".join(text.split()) or None


_MULTICITE_GLOBAL = re.compile(r"\s*\([^()]*\)")
_MULTICITE_ITEM = re.compile(r"\s*(?:\[(?P<a>[^\[\]]*)\])?\s*(?:\[(?P<b>[^\[\]]*)\])?\s*\{(?P<keys>[^{}]*)\}")


def _multicite(source: SourceFile, text: str, position: int, note: int | None) -> Iterator[Citation]:
    r"""The citations of ``\cites(pre)(post)[pre][post]{a}[post]{b}``, read from ``position`` on."""
    if text.startswith("*", position):
        position += 1
    for _ in range(2):
        match = _MULTICITE_GLOBAL.match(text, position)
        if match:
            position = match.end()
    while match := _MULTICITE_ITEM.match(text, position):
        post = match.group("b") if match.group("b") is not None else match.group("a")
        keys = _keys_between(source, text, match.start("keys"), match.end("keys"))
        yield from _citations(source, keys, post, note)
        position = match.end()


_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


def _note_text(
    source: SourceFile, text: str, body: Node | None, fallback: int
) -> tuple[tuple[Span, ...], str]:
    """The spans of a note's paragraphs (trimmed) and its text: lines stripped and joined by spaces."""
    if body is None:
        return (source.span(fallback, fallback),), ""
    start, end = _bounds(text, body)
    if _BLANK_LINES.search(text, start, end) is None and source.text[start:end] == (written := text[start:end]):
        kept = written.strip()  # one paragraph, as written: most notes
        if not kept:
            return (source.span(start, start),), ""
        lead = len(written) - len(written.lstrip())
        return (source.span(start + lead, start + lead + len(kept)),), " ".join(kept.split())
    parts = []
    texts = []
    paragraph_start = start
    for gap in (*_BLANK_LINES.finditer(text, start, end), None):
        paragraph_end = gap.start() if gap else end
        paragraph = text[paragraph_start:paragraph_end]
        if paragraph.strip():
            for piece_start, piece_end in _as_written(source.text, text, paragraph_start, paragraph_end):
                piece = text[piece_start:piece_end]
                lead = len(piece) - len(piece.lstrip())
                parts.append(source.span(piece_start + lead, piece_start + len(piece.rstrip())))
            texts.append(" ".join(paragraph.split()))
        paragraph_start = gap.end() if gap else end
    if not parts:
        return (source.span(start, start),), ""
    return tuple(parts), " ".join(texts)


def _as_written(original: str, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The stretches of ``start``-``end`` that are not blank in ``text`` and not blanked from
    ``original`` (a comment, ``\\verb``), so that a note's parts hold exactly its text."""
    if original[start:end] == text[start:end]:
        return [(start, end)] if text[start:end].strip() else []
    stretches: list[tuple[int, int]] = []
    piece_start = None
    for index in range(start, end + 1):
        kept = index < end and text[index] == original[index]
        if kept and piece_start is None:
            piece_start = index
        elif not kept and piece_start is not None:
            if text[piece_start:index].strip():
                stretches.append((piece_start, index))
            piece_start = None
    return stretches


@functools.lru_cache(maxsize=16)
def _command(more_cite_commands: frozenset[str]) -> re.Pattern[str]:
    names = sorted(CITE_COMMANDS | more_cite_commands | {"nocite"}, key=len, reverse=True)
    return re.compile(
        r"\\(?P<name>" + "|".join(names) + r")(?![a-zA-Z])\*?"
        r"\s*(?:\[(?P<a>[^\[\]{}]*)\])?\s*(?:\[(?P<b>[^\[\]{}]*)\])?\s*\{(?P<keys>[^{}]*)\}"
    )


def _scan_citations(source: SourceFile, text: str, more_cite_commands: frozenset[str]) -> Iterator[Citation]:
    """Citation commands found by a regular expression, for input the walker cannot read."""
    for match in _command(more_cite_commands).finditer(text):
        keys = _keys_between(source, text, match.start("keys"), match.end("keys"))
        if match.group("name") == "nocite":
            yield from (Citation(kind="nocite", text=key, span=span, key=key) for key, span in keys)
        else:
            post = match.group("b") if match.group("b") is not None else match.group("a")
            yield from _citations(source, keys, post, None)
    for match in re.finditer(r"\\(?:" + "|".join(MULTICITE_COMMANDS) + r")(?![a-zA-Z])", text):
        yield from _multicite(source, text, match.end(), None)


# What is not prose in LaTeX: comments, verbatim and math, and the commands whose arguments are
# no running text (citations, references, sectioning, the title block); any other command name.
_NOT_PROSE = re.compile(
    r"(?=[%\\$~{}])"  # what an alternative starts with: the search skips other characters at once
    r"(?:(?<!\\)%[^\n]*"
    r"|\\begin\{(?P<env>verbatim|lstlisting|minted|comment|equation\*?|align\*?|displaymath|math|thebibliography)\}"
    r".*?(?:\\end\{(?P=env)\}|\Z)"
    r"|\$\$.*?(?:\$\$|\Z)|(?<!\\)\$[^$\n]*\$|\\\[.*?(?:\\\]|\Z)|\\\(.*?(?:\\\)|\Z)"
    r"|\\(?:[a-zA-Z]*cite[a-zA-Z]*|nocite|ref|eqref|cref|Cref|autoref|pageref|label|url|href|include|input"
    r"|bibliography|bibliographystyle|addbibresource|usepackage|documentclass|begin|end"
    r"|(?:sub)*section|chapter|part|paragraph|caption|title|author|date)\*?"
    r"(?:[ \t]*\[[^\]\n]{0,400}\]){0,2}(?:[ \t]*\{[^{}\n]*\})*"  # bounded: an unclosed [ costs O(1)
    r"|\\[a-zA-Z@]+\*?|\\(?=[&%$#_])|\\.|~|[{}])",
    re.DOTALL,
)
_FOOTNOTE = re.compile(r"\\footnote(?:text|mark)?(?:\[[^\]\n]{0,40}\])?\{")
_DOCUMENT_BODY = re.compile(r"\\begin\{document\}")
_EMPHASIS = re.compile(r"\\(?:emph|textit|textsl)\{|\{\\(?:em|it|sl)(?![a-zA-Z])")


def text_regions(source: SourceFile) -> tuple[Region, ...]:
    """The preamble, footnotes (command and argument), comments, math, verbatim, commands, ties,
    braces and the backslash of an escape (``\\&``) as markup; the argument of ``\\emph`` (and ``{\\em …}``) as emphasis."""
    text = source.text
    regions: list[Region] = []
    body = _DOCUMENT_BODY.search(text)
    if body is not None:
        regions.append(Region("markup", source.span(0, body.end())))
    closing = _brace_pairs(text)
    reach = 0
    for found in _FOOTNOTE.finditer(text):
        if found.start() < reach:
            continue  # inside a note already marked (an unclosed one runs to the end)
        close = closing.get(found.end() - 1)
        reach = len(text) if close is None else close + 1
        regions.append(Region("note", source.span(found.start(), reach)))
    regions.extend(Region("markup", source.span(start, end)) for start, end in _touching_joined(_NOT_PROSE.finditer(text)))
    for found in _EMPHASIS.finditer(text):
        opening = found.end() - 1 if found.group().endswith("{") else found.start()
        close = closing.get(opening)
        if close is not None:
            regions.append(Region("emphasis", source.span(found.end(), close)))
    return tuple(regions)


def _touching_joined(matches: Iterable[re.Match[str]]) -> list[tuple[int, int]]:
    """The spans of ``matches`` (in order, not overlapping), those that touch joined into one:
    a run of braces or commands is one region, not one a character."""
    spans: list[tuple[int, int]] = []
    for match in matches:
        start, end = match.span()
        if spans and spans[-1][1] == start:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


_BRACE_ONLY = re.compile(r"\\[{}\\]|[{}]")  # as _BRACE, brackets left out: an escaped bracket is no brace either


def _brace_pairs(text: str) -> dict[int, int]:
    """The offset of the closing brace of every opening brace that has one (escapes skipped), in one pass."""
    braces: dict[int, int] = {}
    opened: list[int] = []
    for mark in _BRACE_ONLY.finditer(text):
        char = mark.group()
        if char == "{":
            opened.append(mark.start())
        elif char == "}" and opened:
            braces[opened.pop()] = mark.start()
    return braces


_PACKAGE = re.compile(r"\\(?:usepackage|RequirePackage)\s*(?:\[(?P<options>[^\]]*)\])?\s*\{(?P<names>[^{}]*)\}")
_BIBLATEX_BACKEND = re.compile(r"\bbackend\s*=\s*(?P<backend>[a-z0-9]+)")
_BIBTEX_STYLE = re.compile(r"\\bibliographystyle\s*\{")


def backend_of(text: str) -> str | None:
    """The bibliography backend LaTeX ``text`` (comments blanked) asks for: ``"biber"`` when it
    loads biblatex (biblatex's default), ``"bibtex"`` when biblatex's ``backend`` option names
    BibTeX (``bibtex``, ``bibtex8``, ``bibtexu``) or it sets a ``\\bibliographystyle``; None
    when it says neither (a chapter, a file without a bibliography)."""
    for package in _PACKAGE.finditer(text):
        if "biblatex" in (name.strip() for name in package.group("names").split(",")):
            chosen = _BIBLATEX_BACKEND.search(package.group("options") or "")
            return BIBTEX if chosen is not None and chosen.group("backend").startswith("bibtex") else BIBER
    return BIBTEX if _BIBTEX_STYLE.search(text) else None
