"""Regular expressions compiled when first used, not when their module is imported.

The note and prose-name parsers hold a hundred large patterns; compiling them all at import cost
a quarter of a second at every start, also in runs that never read a note or a name. A
:class:`OnFirstUse` stands where the compiled pattern would and behaves as it does; it holds as
well a module that only some runs need (``OnFirstUse(importlib.import_module, "hashlib")``).
"""

from __future__ import annotations

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
