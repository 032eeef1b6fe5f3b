"""Regular expressions compiled on their first use.

A module that holds many large patterns (the prose-mention and note-source stages compile about
eighty with the ``regex`` module) would make every run pay for them at start-up, even a run that
never reaches its stage (a Markdown file citing by key reads no note sources and no prose names).
Such a module writes its patterns as :class:`LazyPattern` instead of compiling them: the pattern
text is there at import (other patterns are built from it), the compiled pattern on the first
match asked of it. Nothing else is kept; a pattern compiled once stays compiled.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

__all__ = ["LazyPattern"]


class _Engine(Protocol):
    def compile(self, pattern: str, flags: int = ...) -> Any: ...


class LazyPattern:
    """``engine.compile(pattern, flags)`` when first used (``re`` or ``regex``), with the
    matching methods of a compiled pattern. ``pattern`` and ``flags`` are the text and flags
    given. A hot loop may take ``compiled`` once and call its methods directly."""

    __slots__ = ("pattern", "flags", "_engine", "_compiled")

    def __init__(self, pattern: str, flags: int = 0, *, engine: _Engine = re) -> None:
        self.pattern = pattern
        self.flags = flags
        self._engine = engine
        self._compiled: Any = None

    @property
    def compiled(self) -> Any:
        """The compiled pattern (compiled now if it was not yet)."""
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = self._engine.compile(self.pattern, self.flags)
        return compiled

    def search(self, string: str, *args: Any, **kwargs: Any) -> Any:
        return self.compiled.search(string, *args, **kwargs)

    def match(self, string: str, *args: Any, **kwargs: Any) -> Any:
        return self.compiled.match(string, *args, **kwargs)

    def fullmatch(self, string: str, *args: Any, **kwargs: Any) -> Any:
        return self.compiled.fullmatch(string, *args, **kwargs)

    def finditer(self, string: str, *args: Any, **kwargs: Any) -> Any:
        return self.compiled.finditer(string, *args, **kwargs)

    def findall(self, string: str, *args: Any, **kwargs: Any) -> Any:
        return self.compiled.findall(string, *args, **kwargs)

    def sub(self, replacement: Any, string: str, *args: Any, **kwargs: Any) -> Any:
        return self.compiled.sub(replacement, string, *args, **kwargs)

    def subn(self, replacement: Any, string: str, *args: Any, **kwargs: Any) -> Any:
        return self.compiled.subn(replacement, string, *args, **kwargs)

    def split(self, string: str, *args: Any, **kwargs: Any) -> Any:
        return self.compiled.split(string, *args, **kwargs)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags!r})"
