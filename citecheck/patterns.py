"""Regular expressions compiled when first used, not when their module is imported.

The note and prose-name parsers hold a hundred large patterns; compiling them all at import cost
a quarter of a second at every start, also in runs that never read a note or a name. A
:class:`OnFirstUse` stands where the compiled pattern would and behaves as it does; it holds as
well a module that only some runs need (``OnFirstUse(importlib.import_module, "hashlib")``).
"""

from __future__ import annotations

import atexit
import importlib
import os
import sys
import zlib
from collections.abc import Callable, Mapping
from pathlib import Path
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
        return _COMPILED.pattern(importlib.import_module("regex"), pattern, flags)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "_module":
            raise AttributeError(name)
        return getattr(self._module, name)


class CompiledPatterns:
    """The regex module's patterns kept compiled between runs, as Python keeps bytecode.

    Compiling the note and prose-name parsers' large patterns took a fifth of a second of every run
    that reads a note (0.19 s of the 1.6 s the real-book bench's note stage took); loading them
    compiled takes milliseconds. The regex module pickles a pattern with its compiled code (it
    registers that with ``copyreg``), so each pattern's pickle, with its text and flags, is kept in
    a file of its own, named by a hash of them, in a folder of the cache folder named by the regex
    module's version and Python's (the compiled code is the module's own). A run reads the files
    of the patterns it uses and no others: one file holding every pattern ever kept grew with each
    pattern changed and never shrank (61 MB, 5,654 patterns, after a day of development, against
    the 141 a book's run uses) and took 0.2 s to read at every start. Any failure to read or write
    a file (absent, damaged, a folder not writable, another pattern of the same hash) falls back to
    compiling; ``CITECHECK_CACHE_DIR`` names the cache folder, empty for none. Whoever can write
    the folder can run code in the next run, as with Python's own bytecode: it is the user's own,
    made private to them.
    """

    def __init__(self, folder: Path | None) -> None:
        self._folder = folder
        self._private: bool | None = None  # whether the patterns' folder is the user's own: asked at the first pattern
        self._added: dict[Path, bytes] = {}

    def pattern(self, module: Any, pattern: str, flags: int) -> Any:
        """``module.compile(pattern, flags)``, loaded from the cache when it holds the pattern."""
        import pickle

        path = self._file(module, pattern, flags)
        kept = self._read(path) if path is not None else None
        if kept is not None:
            try:
                key, compiled = pickle.loads(kept)
                if key == (pattern, flags):
                    return compiled
            except Exception:  # a damaged file: compiled again, and kept anew
                pass
        compiled = module.compile(pattern, flags)
        if path is not None:
            if not self._added:
                atexit.register(self.save)
            self._added[path] = pickle.dumps(((pattern, flags), compiled))
        return compiled

    def _file(self, module: Any, pattern: str, flags: int) -> Path | None:
        """The file of ``pattern`` with ``flags``: a 64-bit hash of both (a file found holding
        another pattern is only compiled again)."""
        if self._folder is None:
            return None
        key = f"{flags}:{pattern}".encode("utf-8", "surrogatepass")
        folder = self._folder / f"regex-{module.__version__}-{sys.implementation.cache_tag}"
        return folder / f"{zlib.crc32(key):08x}{zlib.adler32(key):08x}.pickle"

    def _read(self, path: Path) -> bytes | None:
        """The file's bytes, when it and its folders are the user's own (:func:`_private`)."""
        if self._private is None:
            self._private = path.parent.is_dir() and _private(path.parent) and _private(path.parent.parent)
        if not self._private:
            return None
        try:
            with open(path, "rb") as file:
                return file.read() if _private_status(os.fstat(file.fileno())) else None
        except OSError:  # absent or unreadable: the pattern compiled, its file written anew
            return None

    def save(self) -> None:
        """Write a file for each pattern compiled in this run (whole or not at all, whatever other
        runs do meanwhile)."""
        if not self._added:
            return
        try:
            folder = next(iter(self._added)).parent
            folder.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            folder.mkdir(exist_ok=True, mode=0o700)
            for path, kept in self._added.items():
                temporary = path.with_name(f"{path.name}.{os.getpid()}")
                temporary.write_bytes(kept)
                os.replace(temporary, path)
        except OSError:
            pass


def _private(path: Path) -> bool:
    """Whether only the user running citecheck can have written ``path`` (a pickle runs code when
    loaded): :func:`_private_status` of it."""
    return _private_status(path.stat())


def _private_status(status: os.stat_result) -> bool:
    """Whether a file or folder of ``status`` is the user's and writable by neither group nor
    others. Where the system knows no owners (Windows), its own permissions are trusted as for
    bytecode."""
    if not hasattr(os, "getuid"):
        return True
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


def cache_folder(environment: Mapping[str, str]) -> Path | None:
    """``CITECHECK_CACHE_DIR`` (empty: no cache), else citecheck's folder in the user's cache
    (``XDG_CACHE_HOME``, else ``~/.cache``); None when that is no absolute path (no home known:
    ``~`` left as it is would make a folder named ``~`` wherever the run is)."""
    named = environment.get("CITECHECK_CACHE_DIR")
    if named is not None:
        folder = Path(named) if named else None
    else:
        base = environment.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = Path(base) / "citecheck"
    return folder if folder is not None and folder.is_absolute() else None


_COMPILED = CompiledPatterns(cache_folder(os.environ))
regex = RegexOnFirstUse()
