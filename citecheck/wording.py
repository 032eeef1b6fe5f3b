"""Counted nouns in messages and reports (``1 note``, ``3 entries``), made one way."""

from __future__ import annotations

__all__ = ["counted", "plural"]


def plural(count: int, noun: str) -> str:
    """``noun`` as it goes with ``count``: the last word gets its plural ending unless ``count`` is 1."""
    if count == 1:
        return noun
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    return noun + "s"


def counted(count: int, noun: str) -> str:
    """``count`` with ``noun`` in the right number: ``1 entry``, ``2 entries``, ``0 keys``."""
    return f"{count} {plural(count, noun)}"
