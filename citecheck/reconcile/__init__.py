"""Reconciliation: what each citation of a manuscript points at in the bibliography.

* :mod:`.notes` splits a note's text into source segments and parses each (full, short, Ibid.,
  alias) into a :class:`~citecheck.model.Work`;
* :mod:`.mentions` finds scholars named in prose ("As Preston argues", "(Conquest 1968)");
* :mod:`.citations` adds both to a document's citations, the first stage after the readers;
* :mod:`.chain` links each Ibid., short form and alias to the earlier citation it refers to;
* :mod:`.index` and :mod:`.match` find the entries a parsed source may mean (an inverted index
  of surnames and title words, rapidfuzz scores);
* :mod:`.resolve` puts them together: every citation matched, ambiguous or unresolved.
"""
