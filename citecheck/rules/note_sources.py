"""CC205-CC207: back-references in notes (Ibid., short forms, aliases) that cannot be followed."""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.diagnostics import Finding
from citecheck.model import Citation
from citecheck.reconcile.chain import Link, same_work
from citecheck.rules import Context, rule


def _problems(context: Context, problem: str) -> Iterator[Link]:
    for links in context.reconciliation.links:
        yield from (link for link in links if link.problem == problem)


@rule("CC205")
def orphan_ibid(context: Context) -> Iterator[Finding]:
    """An Ibid. has no single source to repeat.

    Why: Ibid. means "the source of the previous note"; when that note cites no source or several,
    or when the Ibid. opens a chapter (the notes restart, and the reader of the chapter has not
    seen the note before it), the reader cannot tell which work is meant.
    Example: note 13 cites Tucker and Conquest; note 14 reads ``Ibid., 45.``
    """
    for link in _problems(context, "orphan-ibid"):
        yield Finding(link.citation.span, link.reason)


@rule("CC206")
def short_form_before_full(context: Context) -> Iterator[Finding]:
    """A short form cites a work before any full citation of it.

    Why: the short form (author, short title, page) only makes sense after the work's full
    citation; before it, the reader has no place, publisher or year. Reported when the full
    citation comes later, and when the notes cite other publications in full first but never this
    one. Notes that use short forms throughout (allowed with a full bibliography) are left alone.
    Example: note 5 reads ``Dyck, Weimar Germany, 103.`` and the full citation of Dyck's book
    comes only in note 9.
    """
    sources = _sources(context)
    for links in context.reconciliation.links:
        cites_in_full = any(_is_full_publication(link) for link in links)
        for position, link in enumerate(links):
            if link.problem != "short-before-full" or (sources is not None and link.citation not in sources):
                continue
            if cites_in_full or _cited_in_full_later(link, links[position + 1 :]):
                yield Finding(link.citation.span, link.reason)


def _sources(context: Context) -> frozenset[Citation] | None:
    """The citations the bibliography resolved (None without one): those resolution let go as no
    sources (a paper's name and year in a list, ``Observator (1702)``) cite nothing to shorten."""
    resolutions = context.reconciliation.resolutions
    return frozenset(r.citation for r in resolutions) if resolutions else None


def _is_full_publication(link: Link) -> bool:
    """A full citation of a book, article or chapter (not an archival file or a newspaper issue)."""
    work = link.citation.work
    return link.citation.kind == "full" and work is not None and work.entry_type != "misc"


def _cited_in_full_later(link: Link, later: tuple[Link, ...]) -> bool:
    return any(other.citation.kind == "full" and same_work(link.citation.work, other.citation.work) for other in later)


@rule("CC207")
def undefined_alias(context: Context) -> Iterator[Finding]:
    """A short name for a work is used but never declared.

    Why: "hereafter cited as *DVP*" in a work's full citation lets later notes write
    ``DVP, 4:12``; without that declaration (or before it) the reader cannot tell what the name
    stands for.
    Example: note 6 reads ``DVP, vol. 4, p. 12.`` and no note says "hereafter cited as DVP".
    """
    for link in _problems(context, "undefined-alias"):
        yield Finding(link.citation.span, link.reason)
