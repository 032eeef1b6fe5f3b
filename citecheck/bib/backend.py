"""What the two bibliography backends read, define and normalise, as plain data.

A ``.bib`` file means what its backend makes of it. BibTeX (with a ``.bst`` style) and biber
(with biblatex) agree on most of it and differ where a check would otherwise guess:

* **macros**: every standard ``.bst`` (``plain.bst`` and the styles derived from it: ``unsrt``,
  ``alpha``, ``abbrv``, natbib's, ``IEEEtran`` ...) defines the month macros and a set of
  journal macros (``toms``, ``jacm`` ...); biber defines only the months.
* **a distribution's @string files**: ``\\bibliography{IEEEabrv,refs}`` names IEEEtran's file of
  journal macros (``IEEE_J_AC`` ...), which BibTeX finds in the TeX tree when the project has
  no copy (:data:`TEX_STRING_FILES`).
* **keys**: biber compares keys exactly and reads ``ids`` aliases; BibTeX ignores ``ids``.
* **fields**: biber reads a page range written with one hyphen as a range (``\\bibrangedash``
  in print); a ``.bst`` prints the value as written unless the style happens to mend it.
* **links**: biber follows ``related``, ``entryset``, ``xdata``, ``crossref`` and ``xref``; an
  entry named there is part of the document's data even when no citation names it.
* **whitespace**: both collapse runs of blanks and trim the ends of a value, so blanks change
  the output only in the verbatim fields (a URL, a DOI, a file name), where they are kept.

:data:`BACKENDS` are the values of the ``backend`` setting; without it, the backend is guessed
from the LaTeX documents (:func:`citecheck.readers.latex.backend_of`: biblatex means biber unless
its ``backend`` option says otherwise, ``\\bibliographystyle`` means BibTeX).
"""

from __future__ import annotations

__all__ = [
    "BACKENDS",
    "BIBER",
    "BIBTEX",
    "BST_JOURNAL_MACROS",
    "DATE_FIELDS",
    "LINK_FIELDS",
    "TEX_STRING_FILES",
    "VERBATIM_FIELDS",
    "defines_bst_macros",
    "tex_string_file",
]

BIBTEX = "bibtex"
BIBER = "biber"
BACKENDS = (BIBTEX, BIBER)

# The journal macros of plain.bst (BibTeX 0.99d), which unsrt, alpha, abbrv, acm, apalike,
# plainnat and most styles derived from them define too. jan ... dec are in every backend
# (bib.load.MONTHS).
BST_JOURNAL_MACROS = frozenset(
    "acmcs acta cacm ibmjrd ibmsj ieeese ieeetc ieeetcad ipl jacm jcss scp sicomp tocs tods tog "
    "toms toois toplas tcs".split()
)

# The .bib files of @string macros a TeX distribution ships beside its styles, which BibTeX
# finds there when the project has no copy (``\\bibliography{IEEEabrv,refs}``): the file's
# name (case-folded, no suffix) -> the prefix of the macros it defines (case-folded).
TEX_STRING_FILES = {"ieeeabrv": "ieee_", "ieeefull": "ieee_"}


def tex_string_file(name: str) -> str | None:
    """The prefix of the macros of the distribution's @string file ``name`` names
    (``IEEEabrv``, ``IEEEfull.bib``), or None for any other name."""
    stem = name.rsplit("/", 1)[-1].casefold().removesuffix(".bib")
    return TEX_STRING_FILES.get(stem)


# Fields whose value names other entries (biblatex's data model; crossref and xref in BibTeX too).
LINK_FIELDS = ("crossref", "xref", "xdata", "related", "entryset")

# biblatex's standard date fields (ISO 8601-2 dates and ranges).
DATE_FIELDS = frozenset({"date", "origdate", "eventdate", "urldate"})

# Fields read verbatim (biblatex's data model): blanks in them are kept, so they matter.
VERBATIM_FIELDS = frozenset({"url", "urlraw", "doi", "eprint", "file", "pdf", "verba", "verbb", "verbc"})


def defines_bst_macros(backend: str | None) -> bool:
    """Whether the journal macros of the standard ``.bst`` styles count as defined: under
    BibTeX, and when the backend is unknown (a style may define them); never under biber."""
    return backend != BIBER
