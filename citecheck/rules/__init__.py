"""The rule registry: every check is a function registered with a stable code.

A rule is a generator over a read-only :class:`Context`; it yields :class:`Finding` records and the
registry stamps them with the rule's code, name and severity, so a rule can never misreport its
own code. Rule modules are listed explicitly in :data:`RULE_MODULES`.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from citecheck.diagnostics import Diagnostic, Finding, Severity
from citecheck.model import Document
from citecheck.source import Span

if TYPE_CHECKING:
    from citecheck.bib.model import Bibliography
    from citecheck.reconcile.resolve import Reconciliation

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
    """A file that could not be read or has no reader: the input rules report these."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Context:
    """Everything the rules may look at. Nothing in it changes while rules run.

    ``bibliography`` is the loaded ``.bib`` file (None when none is configured or it could not
    be read); ``allow_unused`` the entry keys the configuration lets stand uncited. :meth:`derived` lets several rules share work computed from the context.
    """

    documents: tuple[Document, ...] = ()
    unreadable: tuple[InputProblem, ...] = ()
    unknown_format: tuple[InputProblem, ...] = ()
    bibliography: Bibliography | None = None
    allow_unused: frozenset[str] = frozenset()  # keys CC307 accepts uncited, case-folded
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

    def reconciled(self) -> Reconciliation:
        """Every citation of the documents resolved against the bibliography, once per context."""
        from citecheck.reconcile.resolve import reconcile

        return self.derived("reconciliation", lambda c: reconcile(c.documents, c.bibliography))


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


def rule(code: str, name: str, severity: Severity) -> Callable[[Check], Check]:
    """Register ``check`` under a permanent ``code`` and a kebab-case ``name``."""

    def register(check: Check) -> Check:
        if code in _REGISTRY:
            raise ValueError(f"rule code {code} registered twice")
        _REGISTRY[code] = Rule(code, name, severity, check)
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


@dataclass(frozen=True, slots=True)
class CodeDoc:
    """A code as ``citecheck rules`` shows it: a registered rule, or a code that stops the run."""

    code: str
    name: str
    kind: str  # the default severity, or "fatal"
    doc: str

    def describe(self) -> str:
        body = "\n".join(f"    {line}" if line else "" for line in self.doc.splitlines())
        return f"{self.code} {self.name} ({self.kind})\n\n{body}\n"


# Codes that are not rules: they are printed with an error that stops the run (exit status 2).
FATAL_CODES = (
    CodeDoc(
        "CC004",
        "config-error",
        "fatal",
        "The configuration cannot be used: bad TOML, an unknown key, a wrong type, an unknown code.\n\n"
        "Not a rule: printed as ``FILE:LINE: CC004 [config-error] message`` and the run stops with\n"
        "exit status 2.\n"
        "Example: ``sorces = [\"ch1.txt\"]`` in ``[tool.citecheck]``: did you mean ``sources``?",
    ),
)


def documented_codes() -> tuple[CodeDoc, ...]:
    """Every code with its documentation, in code order."""
    documented = [CodeDoc(r.code, r.name, r.severity.label, r.doc) for r in all_rules()] + list(FATAL_CODES)
    return tuple(sorted(documented, key=lambda entry: entry.code))


def lookup(queries: Iterable[str]) -> tuple[tuple[CodeDoc, ...], tuple[str, ...]]:
    """The documented codes matching any query (a code, a code prefix or a name), and the queries matching none."""
    wanted = [query.strip() for query in queries if query.strip()]
    documented = documented_codes()

    def matches(entry: CodeDoc, query: str) -> bool:
        return entry.code.startswith(query.upper()) or entry.name == query

    chosen = tuple(e for e in documented if not wanted or any(matches(e, q) for q in wanted))
    unknown = tuple(q for q in wanted if not any(matches(e, q) for e in documented))
    return chosen, unknown
