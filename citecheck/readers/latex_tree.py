r"""The node tree of a LaTeX skeleton: the commands the LaTeX reader walks, with their arguments.

The reader hands over a skeleton (:func:`citecheck.readers.latex.walkable`): the text with every
character a space except the commands it reads (``\footnote``, ``\cite``, ...) and the stars,
brackets and braces of their arguments. :func:`tree` reads it as pylatexenc's tolerant
``LatexWalker`` does (same nodes, same offsets) in one pass of regular expressions: pylatexenc
costs about 0.1 ms a command, which made a megabyte dense with citations take seven seconds.
Whatever the skeleton holds that this reader is not sure to read as pylatexenc does (a character
a skeleton never has) goes to pylatexenc itself
(:func:`tree_by_pylatexenc`), walked with a budget of tokens proportional to the text. The tests
compare the two readers on generated skeletons.
"""

from __future__ import annotations

import functools
import re
from typing import Any, NamedTuple

from pylatexenc.latexwalker import (
    LatexEnvironmentNode,
    LatexGroupNode,
    LatexMacroNode,
    LatexMathNode,
    LatexNode,
    LatexWalker,
)
from pylatexenc.macrospec import LatexContextDb, MacroSpec
from pylatexenc.latexwalker import get_default_latex_context_db

__all__ = ["Chars", "Group", "Macro", "Node", "Unsure", "OverBudget", "tree", "tree_by_pylatexenc"]

TOKENS_PER_CHARACTER = 2  # pylatexenc's budget: what is left of a document takes under one token a character
TOKENS_AT_LEAST = 20_000


class Chars(NamedTuple):
    """Characters read as an argument (a star, a stray bracket, a paragraph break, or nothing)."""

    pos: int
    end: int


class Group(NamedTuple):
    """A ``{...}`` or ``[...]`` group (delimiters included) and the commands and groups inside it."""

    pos: int
    end: int
    nodes: tuple[Node, ...]


class Macro(NamedTuple):
    """A command from ``pos`` to ``end`` (its arguments included); ``arguments`` as its
    specification reads them (None where an optional one is absent), empty when they could not be
    read (the end of the text came first)."""

    name: str
    pos: int
    end: int
    arguments: tuple[Node | None, ...]


Node = Chars | Group | Macro


class Unsure(Exception):
    """The skeleton holds something :func:`tree` does not read the way pylatexenc would."""


class OverBudget(Exception):
    """pylatexenc took more tokens than the text can need: it is re-reading."""


class _EndOfText(Exception):
    """The end of the skeleton came where a token was wanted."""


# A token after spaces: a command (a backslash and letters) and the spaces after it, another
# character, or the end of the text.
_TOKEN = re.compile(r"([ \n]*+)(?:\\([A-Za-z]++)([ \n]*+)|(.)|\Z)", re.DOTALL)
_OPENING = {"{": "}", "[": "]"}


class _Reader:
    """One pass over a skeleton, token by token as pylatexenc's ``get_token`` reads them."""

    def __init__(self, text: str, specs: dict[str, str]) -> None:
        self.text = text
        self.specs = specs

    def token(self, position: int, brackets: bool) -> tuple[str, str, int, int]:
        """The token at ``position`` (spaces skipped): its kind (``macro``, ``open``, ``close`` or
        ``char``), what it is, where it starts and ends. Two newlines in a row are a paragraph
        break, a token of their own; a command takes the spaces after it, up to such a break."""
        found = _TOKEN.match(self.text, position)
        spaces = found.group(1)
        if "\n\n" in spaces:
            paragraph = position + spaces.index("\n\n")
            return "char", "\n\n", paragraph, paragraph + 2
        start = found.end(1)
        name = found.group(2)
        if name is not None:
            after = found.group(3)
            return "macro", name, start, found.start(3) + after.index("\n\n") if "\n\n" in after else found.end()
        char = found.group(4)
        if char is None:
            raise _EndOfText
        if char == "{" or (brackets and char == "["):
            return "open", char, start, start + 1
        if char == "}" or (brackets and char == "]"):
            return "close", char, start, start + 1
        if char in "*[]":
            return "char", char, start, start + 1
        raise Unsure

    def nodes(self, position: int, closer: str | None) -> tuple[list[Node], int]:
        """The commands and groups from ``position`` to ``closer`` (None: to the end of the text),
        and the offset after it. A closing brace that is not ``closer`` is passed over."""
        found: list[Node] = []
        while True:
            try:
                kind, value, start, end = self.token(position, brackets=closer == "]")
            except _EndOfText:
                return found, len(self.text)  # a group still open ends with the text
            position = end
            if kind == "close" and value == closer:
                return found, end
            if kind == "open":
                group = self.group(start, value)
                found.append(group)
                position = group.end
            elif kind == "macro":
                macro, position = self.macro(value, start, end)
                found.append(macro)

    def group(self, start: int, opening: str) -> Group:
        nodes, end = self.nodes(start + 1, _OPENING[opening])
        return Group(start, end, tuple(nodes))

    def macro(self, name: str, start: int, end: int) -> tuple[Macro, int]:
        """The command ``name`` whose token runs from ``start`` to ``end``, with its arguments."""
        arguments: list[Node | None] = []
        position = end
        try:
            for kind in self.specs.get(name, ""):
                argument, position = self.argument(kind, position)
                arguments.append(argument)
        except _EndOfText:
            return Macro(name, start, end, ()), end  # pylatexenc drops the arguments it read
        return Macro(name, start, position, tuple(arguments)), position

    def argument(self, kind: str, position: int) -> tuple[Node | None, int]:
        """An argument of ``kind`` (``*``, ``[`` or ``{``) read from ``position``, and where
        reading goes on."""
        if kind == "[":
            try:
                token, value, start, end = self.token(position, brackets=True)
            except _EndOfText:
                return None, position
            if token != "open" or value != "[":
                return None, position
            group = self.group(start, "[")
            return group, group.end
        token, value, start, end = self.token(position, brackets=False)
        if kind == "*":
            return (Chars(start, end), end) if value == "*" else (None, position)
        if token == "open":
            group = self.group(start, "{")
            return group, group.end
        if token == "macro":
            return Macro(value, start, end, ()), end  # a single token: the command without its arguments
        if token == "close":
            return Chars(start, start), start  # an empty argument; the brace closes the group around
        return Chars(start, end), end


def tree(skeleton: str, specs: dict[str, str]) -> tuple[Node, ...]:
    """The top-level commands and groups of ``skeleton``, read with ``specs`` (a command's name ->
    its arguments: ``*`` a star, ``[`` an optional argument, ``{`` a mandatory one) as pylatexenc
    reads them; :class:`Unsure` when that is not certain."""
    return tuple(_Reader(skeleton, specs).nodes(0, None)[0])


class _BoundedWalker(LatexWalker):  # type: ignore[misc]
    """pylatexenc's walker that stops after a number of tokens proportional to the text."""

    def __init__(self, text: str, context: LatexContextDb) -> None:
        super().__init__(text, latex_context=context, tolerant_parsing=True)
        self.budget = TOKENS_PER_CHARACTER * len(text) + TOKENS_AT_LEAST

    def get_token(self, *args: Any, **kwargs: Any) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise OverBudget
        return super().get_token(*args, **kwargs)


@functools.lru_cache(maxsize=16)
def _context(specs: frozenset[tuple[str, str]]) -> LatexContextDb:
    """pylatexenc's macros and environments with ``specs`` for the commands read.

    Specials (``~``, ``--``, quotes) are left out: nothing here needs them, and testing every
    character for them costs a third of the parse.
    """
    context = get_default_latex_context_db().filter_context(keep_which=["macros", "environments"])
    context.add_context_category("citecheck", macros=[MacroSpec(name, spec) for name, spec in sorted(specs)], prepend=True)
    return context


def tree_by_pylatexenc(skeleton: str, specs: dict[str, str]) -> tuple[Node, ...]:
    """:func:`tree` as pylatexenc reads it (raises :class:`OverBudget`, ``LatexWalkerError`` or
    ``RecursionError`` on input it cannot read in bounded time)."""
    nodes = _BoundedWalker(skeleton, _context(frozenset(specs.items()))).get_latex_nodes()[0]
    return _within(nodes)


def _within(nodes: list[LatexNode | None] | None) -> tuple[Node, ...]:
    """The commands and groups among pylatexenc's ``nodes`` (characters left out)."""
    found: list[Node] = []
    for node in nodes or ():
        if isinstance(node, (LatexMacroNode, LatexGroupNode, LatexMathNode)):
            found.append(_converted(node))
        elif isinstance(node, LatexEnvironmentNode):
            found += _within([*_argument_nodes(node), *node.nodelist])
    return tuple(found)


def _argument_nodes(node: LatexMacroNode | LatexEnvironmentNode) -> list[LatexNode | None]:
    arguments = node.nodeargd.argnlist if node.nodeargd is not None else None
    return list(arguments or ())


def _converted(node: LatexNode) -> Node:
    """One of pylatexenc's nodes as a node of :func:`tree`."""
    if isinstance(node, LatexMacroNode):
        arguments = tuple(None if argument is None else _converted(argument) for argument in _argument_nodes(node))
        return Macro(node.macroname, node.pos, node.pos + node.len, arguments)
    if isinstance(node, (LatexGroupNode, LatexMathNode)):
        return Group(node.pos, node.pos + node.len, _within(node.nodelist))
    return Chars(node.pos, node.pos + node.len)
