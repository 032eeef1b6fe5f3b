"""``citecheck rules``: every code with its documentation, or the codes asked for."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from citecheck.codes import FATAL, redirect
from citecheck.rules import all_rules


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


def documented_codes() -> tuple[CodeDoc, ...]:
    """Every code with its documentation, in code order: a rule's docstring, a fatal code's row."""
    documented = [CodeDoc(r.code, r.name, r.severity.label, r.doc) for r in all_rules()]
    documented += [CodeDoc(row.code, row.name, "fatal", row.doc) for row in FATAL]
    return tuple(sorted(documented, key=lambda entry: entry.code))


def lookup(queries: Iterable[str]) -> tuple[tuple[CodeDoc, ...], tuple[str, ...]]:
    """The documented codes matching any query (a code, a code prefix or a name; a renamed code
    means its new one), and the queries matching none."""
    wanted = [query.strip() for query in queries if query.strip()]
    documented = documented_codes()

    def matches(entry: CodeDoc, query: str) -> bool:
        return entry.code.startswith(redirect(query.upper())) or entry.name == query

    chosen = tuple(e for e in documented if not wanted or any(matches(e, q) for q in wanted))
    unknown = tuple(q for q in wanted if not any(matches(e, q) for e in documented))
    return chosen, unknown
