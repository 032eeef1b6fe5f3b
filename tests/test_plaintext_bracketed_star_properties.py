"""Property tests: indented bracketed star notes, and a bracketed star after an italic.

Roosevelt's Autobiography (Gutenberg 3335) prints each note ``     [*] text`` indented under the
paragraph whose ``it.[*]`` cites it, and elsewhere a list of birds whose bare stars mark those
heard singing; Russell's Prime Ministers and Some Others (16519) glues ``[*]`` to an essay's
italic title, ``_HENRY SCOTT HOLLAND_[*]``.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from citecheck.readers import plaintext
from citecheck.source import SourceFile

SENTENCES = st.sampled_from(
    ["The order was obeyed at once", "The regiment did its work well", "The trees were in flower", "He knew the service"]
)


@given(st.lists(SENTENCES, min_size=3, max_size=7), st.integers(min_value=1, max_value=8), st.booleans())
def test_indented_bracketed_star_notes_pair_with_their_markers(sentences, indent, birds):
    """Every paragraph's ``[*]`` pairs with the indented ``[*] text`` under it, and a list of bare
    stars between them is neither marker nor note."""
    blocks = [f"{sentence}.[*]\n\n{' ' * indent}[*] {sentence}, a note.\n" for sentence in sentences]
    if birds:
        blocks.insert(1, "We marked the birds with an asterisk (*):\n\n     * Thrush, * lark, robin,\n     *wren, * finch.\n")
    text = "\n".join(blocks)
    document = plaintext.read(SourceFile(path="x.txt", text=text))
    assert len(document.notes) == len(sentences)
    assert [text[m.span.start : m.span.end] for m in document.markers] == ["[*]"] * len(sentences)
    assert all(marker.chapter == note.chapter for marker, note in zip(document.markers, document.notes))


@given(st.sampled_from(["HENRY SCOTT HOLLAND", "LORD AND LADY RIPON", "BASIL WILBERFORCE"]), SENTENCES)
def test_star_after_an_italic_title_is_a_marker(title, sentence):
    """``_TITLE_[*]`` over ``[Footnote *: …]`` is the note's marker."""
    text = f"II\n\n_{title}_[*]\n\n[Footnote *: Written in 1907.]\n\n{sentence}.\n"
    document = plaintext.read(SourceFile(path="x.txt", text=text))
    assert [text[m.span.start : m.span.end] for m in document.markers] == ["[*]"]
    assert [note.label for note in document.notes] == ["*"]
