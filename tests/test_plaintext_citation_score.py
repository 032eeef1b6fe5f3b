"""The citation score of a line (plaintext._citation_score): how many marks of a citation it
carries, which weighs whether a numbered line is a note or prose. Each mark counts wherever it
stands, also an abbreviation that ends in a full stop (``Cf.``, which a closing ``\\b`` could never
follow with a blank: Gutenberg notes open ``Cf. Grote, vol. ii.`` as often as ``See``)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.readers.plaintext import _citation_score

WORDS = st.lists(st.sampled_from("the river rose and fell with every tide of the year".split()), min_size=1, max_size=6).map(" ".join)


@settings(max_examples=100, deadline=None)
@given(WORDS, st.sampled_from(["Cf.", "cf.", "See", "Ibid", "op. cit", "hereafter"]), WORDS)
def test_a_citation_word_adds_one_to_the_score(before, word, after):
    plain = f"{before} {after}"
    cited = f"{before} {word} {after}"
    assert _citation_score(cited, 0, len(cited)) == _citation_score(plain, 0, len(plain)) + 1


def test_cf_is_counted_before_a_name():
    line = "Cf. Grote, History of Greece"
    assert _citation_score(line, 0, len(line)) == 1
