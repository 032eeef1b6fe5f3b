"""The register of declared aliases (``reconcile.notes.Aliases``) answers as the frozenset of
the names each view was given would: views taken of views, in any order, names that fold alike."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.bib.normalize import fold
from citecheck.reconcile.notes import Aliases

NAMES = ["Stalin", "STALIN", "Stálin", "DVP", "Works", "KPSS v rez.", "Trotsky"]
STEPS = st.lists(st.tuples(st.integers(0, 40), st.sampled_from(NAMES)), max_size=30)


@given(STEPS)
@settings(max_examples=300, deadline=None)
def test_views_answer_as_the_sets_they_stand_for(steps):
    views: list[tuple[Aliases, frozenset[str]]] = [(Aliases(), frozenset())]
    for pick, name in steps:
        view, names = views[pick % len(views)]
        views.append((view.with_name(name), names | {name}))
    for view, names in views:
        assert bool(view) == bool(names)
        for name in NAMES:
            assert (name in view) == (name in names)
            assert view.holds_folded(fold(name)) == (fold(name) in {fold(n) for n in names})
