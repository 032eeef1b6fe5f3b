"""The rule registry: every check is a function registered with a stable code.

A rule is a generator over a read-only :class:`Context`; it yields :class:`Finding` records and the
registry stamps them with the rule's code, name and severity, so a rule can never misreport its
own code. A rule registers by code (``@rule("CC101")``); its name, severity and the rest come
from the table of codes (:mod:`citecheck.codes`). Rule modules are listed explicitly in
:data:`RULE_MODULES`.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from citecheck.codes import CODES, Status
from citecheck.diagnostics import Diagnostic, Finding, Severity
from citecheck.model import Document
from citecheck.reconcile.resolve import Reconciliation, reconcile
from citecheck.source import Span

if TYPE_CHECKING:
    from citecheck.bib.model import Bibliography

RULE_MODULES = (
    "citecheck.rules.inputs",
    "citecheck.rules.footnotes",
    "citecheck.rules.bibliography",
    "citecheck.rules.citations",
    "citecheck.rules.note_sources",
)

_MISSING = object()


class InputProblem(NamedTuple):
    """A file that could not be read or has no reader: the input rules report these.
    ``unsafe`` marks a file refused as unsafe to read (CC005), not merely unreadable (CC001)."""

    path: str
    reason: str
    unsafe: bool = False


class MissingFile(NamedTuple):
    """A file a document names (``\\input``, ``\\bibliography``, front matter) that is not there:
    where it is named and what was looked for (CC005 reports these)."""

    span: Span
    message: str


class Context(NamedTuple):
    """Everything the rules may look at: plain data, made before any rule runs (:meth:`of`).

    ``documents`` are the documents as read; ``reconciliation`` is the reconcile stage's result
    over them (every citation resolved, the note links, the documents with their keys);
    ``bibliography`` the loaded ``.bib`` file (None when none is configured or it could not be
    read); ``allow_unused`` the entry keys the configuration lets stand uncited; ``backend`` the
    backend that reads the bibliography (configured, else the one a document asks for, else None);
    ``unbuilt`` the bibliographies the documents name that are not there because their code
    writes them when the book is built (``knitr::write_bib``: packages.bib).
    """

    documents: tuple[Document, ...]
    reconciliation: Reconciliation
    unreadable: tuple[InputProblem, ...] = ()
    unknown_format: tuple[InputProblem, ...] = ()
    bibliography: Bibliography | None = None
    allow_unused: frozenset[str] = frozenset()  # keys CC307 accepts uncited, case-folded
    missing_files: tuple[MissingFile, ...] = ()
    backend: str | None = None  # "bibtex" | "biber"
    unbuilt: tuple[str, ...] = ()  # bibliographies named, not there, written when the book is built

    @classmethod
    def of(
        cls,
        documents: tuple[Document, ...] = (),
        unreadable: tuple[InputProblem, ...] = (),
        unknown_format: tuple[InputProblem, ...] = (),
        bibliography: Bibliography | None = None,
        allow_unused: frozenset[str] = frozenset(),
        missing_files: tuple[MissingFile, ...] = (),
        backend: str | None = None,
        unbuilt: tuple[str, ...] = (),
    ) -> Context:
        """The context of a run: the reconcile stage run over ``documents`` and ``bibliography``,
        and the backend, when none is configured, the first one a LaTeX document asks for
        (biblatex: biber; a ``\\bibliographystyle``: BibTeX)."""
        if backend is None:
            backend = next((document.backend for document in documents if document.backend is not None), None)
        return cls(
            documents, reconcile(documents, bibliography), unreadable, unknown_format, bibliography,
            allow_unused, missing_files, backend, unbuilt,
        )  # fmt: skip


Check = Callable[..., Iterable[Finding]]
# A pass over the context that several rules read (one walk over every field of the bibliography
# serves six rules): made once per :func:`run_rules` and handed to each rule that uses it.
Pass = Callable[[Context], Any]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    check: Check = field(compare=False)
    uses: Pass | None = field(default=None, compare=False)

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0]

    def findings(self, context: Context, passes: dict[Pass, Any] | None = None) -> Iterable[Finding]:
        """What the rule finds in ``context``: ``check(context)``, or ``check(context, made)`` for
        a rule that reads a shared pass, ``made`` taken from ``passes`` or made and kept there."""
        if self.uses is None:
            return self.check(context)
        passes = {} if passes is None else passes
        made = passes.get(self.uses, _MISSING)
        if made is _MISSING:
            made = passes[self.uses] = self.uses(context)
        return self.check(context, made)

    def diagnostic(self, finding: Finding) -> Diagnostic:
        span, message, fix = finding
        # The named tuple's own constructor: a run may stamp a hundred thousand findings.
        return tuple.__new__(Diagnostic, (self.code, self.name, self.severity, message, span, fix))


_REGISTRY: dict[str, Rule] = {}


def rule(code: str, *, uses: Pass | None = None) -> Callable[[Check], Check]:
    """Register ``check`` under ``code``, a row of the table of codes that is a rule and not removed.

    With ``uses``, the rule is called as ``check(context, uses(context))``, the pass made once
    for all the rules that use it."""
    row = CODES.get(code)
    if row is None or row.severity is None or row.status is Status.REMOVED:
        raise ValueError(f"rule code {code} is not a live rule in citecheck.codes")
    severity = row.severity

    def register(check: Check) -> Check:
        if code in _REGISTRY:
            raise ValueError(f"rule code {code} registered twice")
        _REGISTRY[code] = Rule(code, row.name, severity, check, uses)
        return check

    return register


def all_rules() -> tuple[Rule, ...]:
    """Every registered rule, sorted by code."""
    for module in RULE_MODULES:
        importlib.import_module(module)
    return tuple(sorted(_REGISTRY.values(), key=lambda r: r.code))


def get_rule(code: str) -> Rule:
    all_rules()
    return _REGISTRY[code]


def run_rules(context: Context, rules: Iterable[Rule]) -> Iterator[Diagnostic]:
    """The findings of ``rules`` over ``context``, stamped with each rule's code; the passes the
    rules share are made here, once, and dropped when the rules are done."""
    passes: dict[Pass, Any] = {}
    for selected in rules:
        stamp = selected.diagnostic
        yield from map(stamp, selected.findings(context, passes))


def whole_file(path: str) -> Span:
    """The span used for findings about a file as a whole: its first character."""
    return Span(path, 0, 0)
