"""Regular expressions compiled when first used, not when their module is imported.

The note and prose-name parsers hold a hundred large patterns; compiling them all at import cost
a quarter of a second at every start, also in runs that never read a note or a name. A
:class:`OnFirstUse` stands where the compiled pattern would and behaves as it does; it holds as
well a module that only some runs need (``OnFirstUse(importlib.import_module, "hashlib")``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


class OnFirstUse:
    """A pattern compiled by ``compile_pattern(*arguments)`` at its first use.

    Each attribute asked for (``match``, ``finditer``, ``pattern``...) is taken from the compiled
    pattern once and kept on this object, so later calls cost what they cost on the pattern.
    """

    def __init__(self, compile_pattern: Callable[..., Any], *arguments: Any) -> None:
        self._compile_pattern = compile_pattern
        self._arguments = arguments
        self._compiled: Any = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("_compile_pattern", "_arguments", "_compiled"):
            raise AttributeError(name)
        if self._compiled is None:
            self._compiled = self._compile_pattern(*self._arguments)
        value = getattr(self._compiled, name)
        setattr(self, name, value)
        return value


class RegexOnFirstUse:
    """The third-party ``regex`` module as the modules holding its patterns use it, imported
    when the first of them is compiled: a run that parses no note source, prose name or plain
    text never loads it (some 10 ms of every start). Those modules bind it as ``regex``.

    ``compile`` is the module's, called at a pattern's first use (``OnFirstUse(regex.compile,
    ...)``); the flags they name at import are the module's values (a test holds them equal);
    anything else (``regex.sub``, ``regex.escape``) is the module's own, imported then.
    """

    IGNORECASE = 0x2
    MULTILINE = 0x8
    DOTALL = 0x10
    REVERSE = 0x400

    def __init__(self) -> None:
        self._module = OnFirstUse(importlib.import_module, "regex")

    def compile(self, pattern: str, flags: int = 0) -> Any:
        return self._module.compile(pattern, flags)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "_module":
            raise AttributeError(name)
        return getattr(self._module, name)


regex = RegexOnFirstUse()
