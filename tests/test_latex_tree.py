"""The LaTeX skeleton's node tree (citecheck/readers/latex_tree.py) is pylatexenc's.

The reader builds the tree itself in one pass; pylatexenc's tolerant walker is the reference.
Both read generated skeletons (the commands the reader keeps, stars, brackets, braces, spaces,
newlines and paragraph breaks in any order: unclosed, stray and interleaved groups included), the
skeletons of the hostile inputs and those of every LaTeX file among the tests' data.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hostile_inputs
from citecheck.readers import latex
from citecheck.readers.latex_tree import Group, Macro, Unsure, tree, tree_by_pylatexenc

SPECS = latex._argument_specs(latex.CITE_COMMANDS)
PIECES = [
    r"\footnote", r"\footnotemark", r"\footnotetext", r"\cite", r"\cites", r"\nocite", r"\setcounter",
    r"\chapter", "{", "}", "[", "]", "*", " ", "\n", "\n\n", " \n ",
]


def _skeleton(text: str) -> str:
    """The skeleton the reader hands to the tree of a LaTeX ``text``."""
    blanked = latex.blank_unread(text)
    definitions = list(latex._DEFINITION.finditer(blanked))
    closing = latex._brace_pairs(blanked) if definitions else {}
    commands = latex.cite_wrappers(blanked, latex.CITE_COMMANDS, definitions, closing)
    if definitions:
        blanked = latex._blank_definitions(blanked, definitions, closing)
    return latex.walkable(blanked, commands)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_the_tree_of_any_skeleton_is_pylatexencs(skeleton: str) -> None:
    assert tree(skeleton, SPECS) == tree_by_pylatexenc(skeleton, SPECS)


@pytest.mark.parametrize("name", sorted(hostile_inputs.LATEX))
def test_the_tree_of_hostile_input_is_pylatexencs(name: str) -> None:
    skeleton = _skeleton(hostile_inputs.LATEX[name](4_000))
    assert tree(skeleton, SPECS) == tree_by_pylatexenc(skeleton, SPECS)


def test_the_tree_of_every_latex_file_of_the_tests_is_pylatexencs() -> None:
    files = sorted(Path(__file__).parent.rglob("*.tex"))
    assert files
    for path in files:
        skeleton = _skeleton(path.read_text(encoding="utf-8", errors="replace"))
        assert tree(skeleton, SPECS) == tree_by_pylatexenc(skeleton, SPECS), path


def test_a_footnote_holds_its_citations_and_a_missing_argument_takes_the_next_command() -> None:
    text = "A.\\footnote{See \\cite[p.~3]{key}.} B.\\footnote \\cite{a}"
    first, second, keys = tree(_skeleton(text), SPECS)
    assert isinstance(first, Macro) and first.name == "footnote"
    body = first.arguments[1]
    assert isinstance(body, Group) and [node.name for node in body.nodes if isinstance(node, Macro)] == ["cite"]
    cite = text.rindex("\\cite")
    # as LaTeX would, the note's text is the single token that follows: \cite without its argument
    assert second == Macro("footnote", text.rindex("\\footnote"), cite + 5, (None, Macro("cite", cite, cite + 5, ())))
    assert keys == Group(cite + 5, len(text), ())


def test_a_character_no_skeleton_holds_is_left_to_pylatexenc() -> None:
    with pytest.raises(Unsure):
        tree("\\footnote{x}", SPECS)
