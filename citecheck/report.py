"""The result of a run: documents, kept diagnostics and the sources needed to render them."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from operator import attrgetter
from collections import Counter
from pathlib import Path, PurePath
from types import MappingProxyType
from typing import NamedTuple, TypeVar

from citecheck.codes import INPUT_ERROR_CODES
from citecheck.diagnostics import Diagnostic, Severity, in_report_order
from citecheck.model import Document
from citecheck.source import Location, SourceFile, Span
from citecheck.wording import plural


Shown = TypeVar("Shown")

_NOWHERE = Location(1, 1, 1, 1)
_SEVERITY = attrgetter("severity")
_PATH = attrgetter("span.path")
_SPAN = attrgetter("span")
_CODE = attrgetter("code")


class Located(NamedTuple):
    """A finding with where it stands: ``where`` (1:1 in a file that was not read, whose
    ``source`` is None) and ``place``, as a person finds it (``12:34``, or ``¶12:34`` in a
    packaged document). Made by :meth:`Report.located`, so a format locates each finding once."""

    diagnostic: Diagnostic
    source: SourceFile | None
    where: Location
    place: str


@dataclass(frozen=True, slots=True, eq=False)
class Report:
    """What reporters render. Build it with :meth:`Report.build`.

    ``sources`` maps each display path to its :class:`SourceFile` (documents, their paired
    notes files and the bibliography), so a diagnostic's span is located through
    ``sources[span.path]``.
    ``inputs`` are the resolved paths of every input file (never to be overwritten by a report).
    ``bibliographies`` are the display paths of the bibliographies read (a ``filecontents``
    bibliography is named by its document), ``skipped`` those of the files in the folders
    walked that no reader knows, ``unbuilt`` the bibliographies named that are not there because
    the documents' code writes them when the book is built (``knitr::write_bib``),
    ``empty_bibliographies`` those read that hold no entry (every citation of them fails).
    """

    documents: tuple[Document, ...]
    diagnostics: tuple[Diagnostic, ...]
    sources: Mapping[str, SourceFile] = field(default_factory=lambda: MappingProxyType({}))
    inputs: tuple[Path, ...] = ()
    bibliographies: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    unbuilt: tuple[str, ...] = ()
    empty_bibliographies: tuple[str, ...] = ()

    @classmethod
    def build(
        cls,
        documents: Iterable[Document],
        diagnostics: Iterable[Diagnostic],
        *,
        inputs: Iterable[Path] = (),
        sources: Iterable[SourceFile] = (),
        bibliographies: Iterable[str] = (),
        skipped: Iterable[str] = (),
        unbuilt: Iterable[str] = (),
        empty_bibliographies: Iterable[str] = (),
    ) -> Report:
        """Sort diagnostics by (path, offset, code) and index by path every document's sources
        and the other ``sources`` findings may point into (the bibliography)."""
        documents = tuple(documents)
        by_path: dict[str, SourceFile] = {}
        for document in documents:
            for source in (document.source, *document.note_sources):
                by_path.setdefault(source.path, source)
        for source in sources:
            by_path.setdefault(source.path, source)
        return cls(
            documents=documents,
            diagnostics=tuple(in_report_order(diagnostics)),
            sources=MappingProxyType(by_path),
            inputs=tuple(dict.fromkeys(inputs)),
            bibliographies=tuple(dict.fromkeys(bibliographies)),
            skipped=tuple(skipped),
            unbuilt=tuple(unbuilt),
            empty_bibliographies=tuple(empty_bibliographies),
        )

    def source_for(self, span: Span) -> SourceFile | None:
        return self.sources.get(span.path)

    def locate(self, span: Span) -> Location:
        """1-based position of ``span``; 1:1 for files that were not read (missing, unknown format)."""
        source = self.sources.get(span.path)
        if source is None:
            return _NOWHERE
        return source.locate(span)

    def place(self, span: Span) -> str:
        """Where ``span`` starts as a person finds it: ``12:34`` (line, column), or ``¶12:34``
        (paragraph, character) in a packaged document; ``1:1`` for a file that was not read."""
        source = self.sources.get(span.path)
        return "1:1" if source is None else source.place(span)

    def located(self) -> list[Located]:
        """Each finding in order with where it stands, worked out once for a format to show;
        the findings of one file (together, as the report sorts them by path) located in one call."""
        found: list[Located] = []
        for path, group in itertools.groupby(self.diagnostics, _PATH):
            diagnostics = list(group)
            source = self.sources.get(path)
            if source is None:
                found += [Located(diagnostic, None, _NOWHERE, "1:1") for diagnostic in diagnostics]
                continue
            wheres = source.index.span_locations(map(_SPAN, diagnostics))
            if source.paragraphs is None:
                places = [f"{where.line}:{where.column}" for where in wheres]
            else:
                places = [source.place(diagnostic.span, where) for diagnostic, where in zip(diagnostics, wheres)]
            found += map(Located, diagnostics, itertools.repeat(source), wheres, places)
        return found

    def severities(self) -> Counter[Severity]:
        """How many findings of each severity, in one pass: a summary shows all three, and a
        large bibliography's report has a hundred thousand findings to count."""
        return Counter(map(_SEVERITY, self.diagnostics))

    def codes(self) -> dict[str, tuple[Diagnostic, int]]:
        """Each code found, in code order, with its first finding and how many there are (the
        report's tables and filters; counted without a Python step per finding)."""
        counts = Counter(map(_CODE, self.diagnostics))
        last_first = self.diagnostics[::-1]
        first = dict(zip(map(_CODE, last_first), last_first))  # a key keeps its last value: the first finding
        return {code: (first[code], counts[code]) for code in sorted(counts)}

    @property
    def errors(self) -> int:
        return self.severities()[Severity.ERROR]

    @property
    def warnings(self) -> int:
        return self.severities()[Severity.WARNING]

    @property
    def infos(self) -> int:
        return self.severities()[Severity.INFO]

    @property
    def markers(self) -> int:
        return sum(len(document.markers) for document in self.documents)

    @property
    def notes(self) -> int:
        return sum(len(document.notes) for document in self.documents)

    @property
    def citations(self) -> int:
        return sum(len(document.citations) for document in self.documents)

    @property
    def input_errors(self) -> bool:
        """Whether a file could not be read or has no reader (CC001, CC003)."""
        return any(diagnostic.code in INPUT_ERROR_CODES for diagnostic in self.diagnostics)

    @property
    def remarks(self) -> tuple[str, ...]:
        """What the run did not do, one line each: so that nothing passes in silence."""
        found = []
        if not self.bibliographies and self.citations:
            found.append("citations not checked: no bibliography")
        if self.empty_bibliographies:
            empty = self.empty_bibliographies
            found.append(f"{plural(len(empty), 'bibliography')} with no entry: {_listed(empty)}")
        if self.skipped:
            found.append(f"not read, no reader knows them: {_listed(self.skipped)}")
        if self.unbuilt:
            found.append(
                f"not read, written when the book is built (knitr::write_bib): {_listed(self.unbuilt)}; "
                "citations of R-* keys not checked"
            )
        return tuple(found)

    def exit_code(self, fail_on: str, *, require_bib: bool = False) -> int:
        """2 for input errors (and, with ``require_bib``, for a run without a bibliography); 1 for
        findings at or above ``fail_on`` (error|warning|never); else 0."""
        if self.input_errors or (require_bib and not self.bibliographies):
            return 2
        if fail_on == "never":
            return 0
        threshold = Severity.parse(fail_on)
        return 1 if any(diagnostic.severity >= threshold for diagnostic in self.diagnostics) else 0


class Prepared:
    """A report with what its formats share, each part worked out the first time a format asks.

    A run renders the report on standard output and writes the report files: with a large
    bibliography that is six renderings of a hundred thousand findings. Each format asks for
    the findings located (:attr:`located`) and for what it shows of each (:meth:`each`: the text
    report's lines, which JUnit shows too); what one format worked out, the next is given. The
    run that renders (``commands/run``) owns it: the report itself stays plain frozen data.
    """

    __slots__ = ("report", "_located", "_shown")

    def __init__(self, report: Report) -> None:
        self.report = report
        self._located: tuple[Located, ...] | None = None
        self._shown: dict[Callable[[Located], object], tuple[object, ...]] = {}

    @classmethod
    def of(cls, report: Report | Prepared) -> Prepared:
        """``report`` itself when it is prepared already, else a new one for it."""
        return report if isinstance(report, Prepared) else cls(report)

    @property
    def located(self) -> tuple[Located, ...]:
        """Each finding in order with where it stands."""
        if self._located is None:
            self._located = tuple(self.report.located())
        return self._located

    def each(self, show: Callable[[Located], Shown]) -> tuple[Shown, ...]:
        """``show(found)`` for each finding in order, kept for every format that asks the same."""
        shown = self._shown.get(show)
        if shown is None:
            shown = self._shown[show] = tuple(map(show, self.located))
        return shown  # type: ignore[return-value]


LISTED = 5  # files named one by one; more are counted by suffix


def _listed(paths: tuple[str, ...]) -> str:
    """``a.rst, b.rst``, or for many files ``737 .rst, 2 .png``."""
    if len(paths) <= LISTED:
        return ", ".join(paths)
    suffixes = Counter(PurePath(path).suffix.lower() or "(no suffix)" for path in paths)
    return ", ".join(f"{count} {suffix}" for suffix, count in sorted(suffixes.items(), key=lambda item: (-item[1], item[0])))
