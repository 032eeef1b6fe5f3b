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
from typing import TYPE_CHECKING, Any, TypeVar

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

T = TypeVar("T")
_MISSING = object()


@dataclass(frozen=True, slots=True)
class InputProblem:
    """A file that could not be read or has no reader: the input rules report these.
    ``unsafe`` marks a file refused as unsafe to read (CC005), not merely unreadable (CC001)."""

    path: str
    reason: str
    unsafe: bool = False


@dataclass(frozen=True, slots=True)
class MissingFile:
    """A file a document names (``\\input``, ``\\bibliography``, front matter) that is not there:
    where it is named and what was looked for (CC005 reports these)."""

    span: Span
    message: str


@dataclass(frozen=True, slots=True)
class Context:
    """Everything the rules may look at. Nothing in it changes while rules run.

    ``bibliography`` is the loaded ``.bib`` file (None when none is configured or it could not
    be read); ``allow_unused`` the entry keys the configuration lets stand uncited; ``backend``
    the configured bibliography backend (None: see :meth:`bib_backend`). :meth:`derived` lets
    several rules share work computed from the context.
    """

    documents: tuple[Document, ...] = ()
    unreadable: tuple[InputProblem, ...] = ()
    unknown_format: tuple[InputProblem, ...] = ()
    bibliography: Bibliography | None = None
    allow_unused: frozenset[str] = frozenset()  # keys CC307 accepts uncited, case-folded
    missing_files: tuple[MissingFile, ...] = ()
    backend: str | None = None  # "bibtex" | "biber" as configured; None: guessed
    _derived: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def derived(self, name: str, compute: Callable[[Context], T]) -> T:
        """``compute(self)``, computed once per context and shared under ``name``.

        For data several rules derive from the same input (one pass over every field of the
        bibliography serves five rules); it never changes what the context holds.
        """
        found = self._derived.get(name, _MISSING)
        if found is _MISSING:
            found = self._derived[name] = compute(self)
        return found  # type: ignore[no-any-return]

    def bib_backend(self) -> str | None:
        """The backend that reads the bibliography: the configured one, else the first one a
        LaTeX document asks for (biblatex: biber; a ``\\bibliographystyle``: BibTeX), else None."""
        if self.backend is not None:
            return self.backend
        return self.derived("backend", _guessed_backend)

    def reconciled(self) -> Reconciliation:
        """Every citation of the documents resolved against the bibliography, once per context."""
        return self.derived("reconciliation", lambda c: reconcile(c.documents, c.bibliography))


def _guessed_backend(context: Context) -> str | None:
    return next((document.backend for document in context.documents if document.backend is not None), None)


Check = Callable[[Context], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    check: Check = field(compare=False)

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0]

    def diagnostic(self, finding: Finding) -> Diagnostic:
        return Diagnostic(self.code, self.name, self.severity, finding.message, finding.span, finding.fix)


_REGISTRY: dict[str, Rule] = {}


def rule(code: str) -> Callable[[Check], Check]:
    """Register ``check`` under ``code``, a row of the table of codes that is a rule and not removed."""
    row = CODES.get(code)
    if row is None or row.severity is None or row.status is Status.REMOVED:
        raise ValueError(f"rule code {code} is not a live rule in citecheck.codes")
    severity = row.severity

    def register(check: Check) -> Check:
        if code in _REGISTRY:
            raise ValueError(f"rule code {code} registered twice")
        _REGISTRY[code] = Rule(code, row.name, severity, check)
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
    for selected in rules:
        for finding in selected.check(context):
            yield selected.diagnostic(finding)


def whole_file(path: str) -> Span:
    """The span used for findings about a file as a whole: its first character."""
    return Span(path, 0, 0)
