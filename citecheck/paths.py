"""Paths as the commands take them and as reports show them, decided in one place."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["absolute", "display_path", "working_dir"]


def working_dir(cwd: Path | None = None) -> Path:
    """``cwd`` (default: the current directory) made absolute, symbolic links kept."""
    return Path(os.path.abspath(cwd or Path.cwd()))


def absolute(base: Path, value: str | os.PathLike[str]) -> Path:
    """``value`` (``~`` expanded) relative to ``base``, normalised; an absolute ``value`` stays."""
    return Path(os.path.normpath(base / Path(value).expanduser()))


def display_path(path: Path, cwd: Path) -> str:
    """``path`` relative to ``cwd`` (posix) when it lies below it, else absolute (posix)."""
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        return path.as_posix()
