"""Settings: ``[tool.citecheck]`` of the nearest pyproject.toml, merged with command-line flags.

The nearest ``citecheck.toml``/``.citecheck.toml`` (keys at the top level) or ``pyproject.toml``
with a ``[tool.citecheck]`` table is searched from the working directory upwards; ``--config
FILE`` names the file instead (a ``pyproject.toml``, or any TOML
file whose top level, or ``[tool.citecheck]`` table, holds the keys). Paths in the file are
relative to the file's folder (the project root); paths given on the command line are relative to
the working directory. Flags win over the file.

Keys::

    [tool.citecheck]
    sources = ["chapters/*.txt", "essay.md"]   # paths or globs to check when no PATHS are given
    bib = "references.bib"                      # the bibliography, or several: ["a.bib", "b.bib"]
    output-dir = "reports"                      # where the report files go; "" writes nothing
    fail-on = "error"                           # error | warning | never: what makes exit status 1
    select = ["CC"]                             # code prefixes to check
    ignore = ["CC108"]                          # code prefixes not to check (longest prefix wins)
    format = "text"                             # on standard output: text json sarif github markdown junit
    baseline = "citecheck-baseline.json"        # hide the findings listed there (citecheck baseline)
    allow-unused = ["tucker1990"]               # entries CC307 unused-entry accepts without a citation
    mentions = "auto"                           # auto | on | off: scholars named in prose as citations
                                                # (auto: only in documents with no citation keys and no notes)
                                                # or per file: mentions = {"essay.txt" = "on"} (others auto)
    cite-commands = ["inlinecite"]              # LaTeX commands read as \\cite is (wrappers defined
                                                # in the document itself are found without this)
    require-bib = false                         # true: a run without a bibliography exits 2
    backend = "biber"                           # bibtex | biber: who reads the .bib (default: guessed
                                                # from the LaTeX documents; biblatex means biber)

    [tool.citecheck.per-file-ignores]
    "chapters/draft-*.txt" = ["CC1"]

    [tool.citecheck.notes-files]                # chapter = its endnotes file
    "chapters/ch3.txt" = "chapters/notes-ch3.txt"

    [tool.citecheck.formats]                    # glob = the reader for matching files (else by suffix)
    "notes/*.txt" = "markdown"

Every problem (bad TOML, unknown key, wrong type, unknown code) raises :class:`ConfigError`,
printed as ``pyproject.toml:LINE: CC004 [config-error] ...`` with exit status 2.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from citecheck.bib.backend import BACKENDS
from citecheck.codes import CODES, Status, redirect
from citecheck.errors import ConfigError
from citecheck.formats import REPORT_FORMATS
from citecheck.paths import absolute, display_path, working_dir
from citecheck.patterns import OnFirstUse
from citecheck.readers import FORMAT_NAMES, reader_for
from citecheck.select import Selection

__all__ = ["ConfigError", "Settings", "find_config", "load_settings", "parse_codes", "FAIL_ON"]

FAIL_ON = ("error", "warning", "never")
MENTIONS = ("auto", "on", "off")
DEFAULT_OUTPUT_DIR = "reports"
KEYS = (
    "sources",
    "bib",
    "output-dir",
    "fail-on",
    "select",
    "ignore",
    "per-file-ignores",
    "notes-files",
    "format",
    "baseline",
    "allow-unused",
    "mentions",
    "cite-commands",
    "require-bib",
    "backend",
    "formats",
)


class Settings(NamedTuple):
    """Everything a run needs to know, with every path already absolute.

    ``sources`` stay as written (paths or globs relative to ``root``); ``notes_files`` pairs
    resolved chapter paths with resolved notes-file paths; ``output_dir`` is ``None`` when no
    report files are to be written.
    """

    root: Path
    config_file: Path | None = None
    sources: tuple[str, ...] = ()
    bibs: tuple[Path, ...] = ()
    output_dir: Path | None = None
    fail_on: str = "error"
    select: tuple[str, ...] = ("CC",)
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    notes_files: tuple[tuple[Path, Path], ...] = ()
    format: str = "text"
    baseline: Path | None = None
    allow_unused: tuple[str, ...] = ()
    mentions: str = "auto"
    mentions_files: tuple[tuple[str, str], ...] = ()  # (glob, mode) from a ``mentions`` table: the first match wins
    cite_commands: tuple[str, ...] = ()
    require_bib: bool = False
    backend: str | None = None  # None: guessed from the documents
    formats: tuple[tuple[str, str], ...] = ()  # (glob, format name): the first match wins

    @property
    def bib(self) -> Path | None:
        """The first bibliography (the one a single-file command such as export takes), if any."""
        return self.bibs[0] if self.bibs else None

    @property
    def selection(self) -> Selection:
        return Selection(self.select, self.ignore)

    def format_for(self, names: Iterable[str]) -> str | None:
        """The format the ``formats`` table names for a file known by ``names`` (relative to the
        working directory, to the project root), or None: then its suffix decides."""
        names = tuple(names)
        for pattern, format_name in self.formats:
            if any(fnmatch.fnmatchcase(name, pattern) for name in names):
                return format_name
        return None

    def mentions_for(self, names: Iterable[str]) -> str:
        """How names in prose count in a file known by ``names``: the mode of the first glob of
        the ``mentions`` table it matches, else the ``mentions`` setting."""
        names = tuple(names)
        for pattern, mode in self.mentions_files:
            if any(fnmatch.fnmatchcase(name, pattern) for name in names):
                return mode
        return self.mentions

    def notes_file_for(self, chapter: Path) -> Path | None:
        """The endnotes file paired with ``chapter`` (an absolute, resolved path), if any."""
        for paired_chapter, notes in self.notes_files:
            if paired_chapter == chapter:
                return notes
        return None


def known_codes() -> tuple[str, ...]:
    """The codes of the rules (the table's rows that are neither fatal nor removed)."""
    return tuple(row.code for row in CODES.values() if not row.fatal and row.status is not Status.REMOVED)


def parse_codes(value: str | Iterable[str]) -> tuple[str, ...]:
    """``"CC1, CC203"`` or ``["CC1", "CC203"]`` -> ``("CC1", "CC203")``, upper-cased, blanks
    dropped, a renamed code replaced by its new one."""
    items = value.split(",") if isinstance(value, str) else value
    return tuple(dict.fromkeys(redirect(item.strip().upper()) for item in items if item.strip()))


def check_codes(codes: Iterable[str], where: str, line: int | None = None, what: str | None = None) -> None:
    """Every code prefix must match at least one registered rule; ``what`` names the setting."""
    registered = known_codes()
    for code in codes:
        if not any(known.startswith(code) for known in registered):
            import difflib  # for the message only

            close = difflib.get_close_matches(code, registered, n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
            setting = f" in {what}" if what else ""
            raise ConfigError(f"unknown code {code!r}{setting} (it matches no rule){hint}", where, line)


class _Locator:
    """Finds the line of a key in TOML text (tomllib gives no positions for valid documents)."""

    _HEADER = re.compile(r"^\s*\[([^\[\]]+)\]\s*(?:#.*)?$")

    def __init__(self, text: str, table: tuple[str, ...]) -> None:
        self.lines = text.splitlines()
        self.table = table

    @staticmethod
    def _parts(header: str) -> tuple[str, ...]:
        return tuple(part.strip().strip("\"'") for part in header.split("."))

    def _find(self, table: tuple[str, ...], key: str | None) -> int | None:
        """Line of ``key`` inside ``table``; of the table's header when ``key`` is None."""
        pattern = re.compile(rf"""^\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*=""") if key else None
        current: tuple[str, ...] = ()
        for number, line in enumerate(self.lines, 1):
            header = self._HEADER.match(line)
            if header:
                current = self._parts(header.group(1))
                if pattern is None and current == table:
                    return number
                continue
            if pattern is not None and current == table and pattern.match(line):
                return number
        return None

    def line(self, *keys: str) -> int | None:
        """Line of ``keys`` (a key, or a table key and a key inside it) under the settings table."""
        for depth in range(len(keys), 0, -1):
            found = self._find(self.table + keys[: depth - 1], keys[depth - 1])
            if found is not None:
                return found
        if not self.table:
            return None
        # The table's own header, or the key that defines it in its parent (``citecheck = ...``).
        return self._find(self.table, None) or self._find(self.table[:-1], self.table[-1])


def _read_toml(path: Path, where: str) -> tuple[dict[str, Any], str]:
    import tomllib  # a settings file read, not every run

    try:
        data = path.read_bytes()
    except OSError as error:
        raise ConfigError(f"cannot read the configuration file: {error.strerror or error}", where) from None
    try:
        text = data.decode("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ConfigError(f"the configuration file is not UTF-8 (byte 0x{data[error.start]:02X})", where, line) from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = re.search(r"\(at line (\d+), column (\d+)\)", message)
        if found:
            message = message[: found.start()].rstrip()
            raise ConfigError(
                f"invalid TOML: {message} (column {found.group(2)})", where, int(found.group(1))
            ) from None
        if message.endswith("(at end of document)"):
            message = message[: -len("(at end of document)")].rstrip()
            last_line = len(text.splitlines()) or 1
            raise ConfigError(f"invalid TOML: {message} (at the end of the file)", where, last_line) from None
        raise ConfigError(f"invalid TOML: {message}", where) from None


DEDICATED_FILES = ("citecheck.toml", ".citecheck.toml")


def find_config(start: Path) -> Path | None:
    """The nearest ``citecheck.toml`` or ``.citecheck.toml`` (for projects that are not Python
    packages), or ``pyproject.toml`` with a ``[tool.citecheck]`` table, at or above ``start``;
    in one folder, in that order."""
    for folder in (start, *start.parents):
        dedicated = next((folder / name for name in DEDICATED_FILES if (folder / name).is_file()), None)
        if dedicated is not None:
            return dedicated
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            data, _ = _read_toml(candidate, display_path(candidate, start))
            tool = data.get("tool")
            if isinstance(tool, dict) and "citecheck" in tool:
                return candidate
    return None


def _settings_table(data: dict[str, Any], path: Path, where: str, locate: _Locator) -> dict[str, Any]:
    tool = data.get("tool")
    if isinstance(tool, dict) and "citecheck" in tool:
        table = tool["citecheck"]
        if not isinstance(table, dict):
            raise ConfigError("[tool.citecheck] must be a table", where, locate.line())
        return table
    if path.name == "pyproject.toml":
        return {}
    # A dedicated file (citecheck.toml): the keys stand at the top level.
    return data


class _Checker:
    def __init__(self, where: str, locate: _Locator) -> None:
        self.where = where
        self.locate = locate

    def fail(self, message: str, *keys: str) -> ConfigError:
        return ConfigError(message, self.where, self.locate.line(*keys))

    def string(self, value: Any, key: str) -> str:
        if not isinstance(value, str):
            raise self.fail(f"'{key}' must be a string, not {_type_name(value)}", key)
        return value

    def choice(self, value: Any, key: str, choices: Sequence[str], entry: str | None = None) -> str:
        """``value`` if it is one of ``choices``; ``entry`` names the key inside table ``key``."""
        keys = (key,) if entry is None else (key, entry)
        if not isinstance(value, str) or value not in choices:
            given = repr(value) if isinstance(value, str) else _type_name(value)
            raise self.fail(f"{_label(keys)} must be one of {', '.join(choices)}, not {given}", *keys)
        return value

    def strings(self, value: Any, *keys: str) -> tuple[str, ...]:
        name = _label(keys)
        if not isinstance(value, list):
            raise self.fail(f"{name} must be a list of strings, not {_type_name(value)}", *keys)
        for item in value:
            if not isinstance(item, str):
                raise self.fail(f"{name} must be a list of strings; {item!r} is {_type_name(item)}", *keys)
        return tuple(value)

    def codes(self, value: Any, *keys: str) -> tuple[str, ...]:
        codes = parse_codes(self.strings(value, *keys))
        check_codes(codes, self.where, self.locate.line(*keys), _label(keys))
        return codes

    def table(self, value: Any, key: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(f"'{key}' must be a table, not {_type_name(value)}", key)
        return value


def _label(keys: Sequence[str]) -> str:
    """``'select'``, or ``'per-file-ignores' entry 'ch*.txt'`` for a key inside a table."""
    return f"'{keys[0]}'" if len(keys) == 1 else f"'{keys[0]}' entry {keys[1]!r}"


def _type_name(value: Any) -> str:
    names = {str: "a string", int: "an integer", float: "a number", bool: "a boolean", list: "a list", dict: "a table"}
    return names.get(type(value), f"a {type(value).__name__}")


_NOTHING_SELECTED = "selects no code, which would check nothing; give a prefix such as CC, or leave it out"


def _from_file(path: Path, cwd: Path) -> dict[str, Any]:
    """Validated settings from the file, as keyword arguments of :class:`Settings`."""
    where = display_path(path, cwd)
    data, text = _read_toml(path, where)
    in_tool = isinstance(data.get("tool"), dict) and "citecheck" in data["tool"]
    locate = _Locator(text, ("tool", "citecheck") if in_tool or path.name == "pyproject.toml" else ())
    table = _settings_table(data, path, where, locate)
    check = _Checker(where, locate)
    root = path.parent
    values: dict[str, Any] = {}

    for key, value in table.items():
        if key not in KEYS:
            import difflib

            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; known keys: {', '.join(KEYS)}"
            table_name = "[tool.citecheck]" if locate.table else path.name
            raise check.fail(f"unknown key '{key}' in {table_name}{hint}", key)
        if key == "sources":
            values["sources"] = check.strings(value, key)
        elif key == "bib":
            if not isinstance(value, (str, list)):
                raise check.fail(f"'bib' must be a string or a list of strings, not {_type_name(value)}", key)
            names = (value,) if isinstance(value, str) else check.strings(value, key)
            values["bibs"] = tuple(absolute(root, name) for name in names if name)
        elif key == "output-dir":
            text_value = check.string(value, key)
            values["output_dir"] = absolute(root, text_value) if text_value else None
        elif key == "fail-on":
            values["fail_on"] = check.choice(value, key, FAIL_ON)
        elif key in ("select", "ignore"):
            values[key] = check.codes(value, key)
            if key == "select" and not values[key]:
                raise check.fail(_NOTHING_SELECTED, key)
        elif key == "format":
            values["format"] = check.choice(value, key, REPORT_FORMATS)
        elif key == "per-file-ignores":
            entries = []
            for pattern, codes in check.table(value, key).items():
                entries.append((pattern, check.codes(codes, key, pattern)))
            values["per_file_ignores"] = tuple(entries)
        elif key == "baseline":
            text_value = check.string(value, key)
            values["baseline"] = absolute(root, text_value) if text_value else None
        elif key == "allow-unused":
            values["allow_unused"] = check.strings(value, key)
        elif key == "mentions" and isinstance(value, dict):
            values["mentions_files"] = tuple((pattern, check.choice(mode, key, MENTIONS, pattern)) for pattern, mode in value.items())
        elif key == "mentions":
            values["mentions"] = check.choice(value, key, MENTIONS)
        elif key == "require-bib":
            if not isinstance(value, bool):
                raise check.fail(f"'require-bib' must be true or false, not {_type_name(value)}", key)
            values["require_bib"] = value
        elif key == "cite-commands":
            values["cite_commands"] = _command_names(check.strings(value, key), check)
        elif key == "backend":
            values["backend"] = check.choice(value, key, BACKENDS)
        elif key == "notes-files":
            values["notes_files"] = _notes_files(check.table(value, key), root, check)
        elif key == "formats":
            values["formats"] = tuple(
                (pattern, check.choice(name, key, FORMAT_NAMES, pattern)) for pattern, name in check.table(value, key).items()
            )
    return values


_COMMAND_NAME = OnFirstUse(re.compile, r"\\?([A-Za-z@]+)")


def _command_names(names: Sequence[str], check: _Checker) -> tuple[str, ...]:
    """``["inlinecite", "\\mycite"]`` -> ``("inlinecite", "mycite")``: LaTeX command names, the
    backslash optional."""
    found = []
    for name in names:
        match = _COMMAND_NAME.fullmatch(name.strip())
        if match is None:
            message = f"'cite-commands': {name!r} is not a LaTeX command name (letters only, as in \"inlinecite\")"
            raise check.fail(message, "cite-commands")
        found.append(match.group(1))
    return tuple(dict.fromkeys(found))


def _notes_files(table: Mapping[str, Any], root: Path, check: _Checker) -> tuple[tuple[Path, Path], ...]:
    pairs = []
    for chapter, notes in table.items():
        if not isinstance(notes, str):
            raise check.fail(
                f"'notes-files': the notes file for {chapter!r} must be a string, not {_type_name(notes)}",
                "notes-files",
                chapter,
            )
        notes_path = notes
        reader = reader_for(chapter)
        if reader is None:
            raise check.fail(f"'notes-files': no reader for {chapter!r}", "notes-files", chapter)
        if not reader.pairs_notes_file:
            raise check.fail(
                f"'notes-files': {reader.format} files keep their notes inside ({chapter!r}); "
                "only plain-text chapters take a separate notes file",
                "notes-files",
                chapter,
            )
        if not notes_path:
            raise check.fail(f"'notes-files': the notes file for {chapter!r} is empty", "notes-files", chapter)
        pairs.append((absolute(root, chapter).resolve(), absolute(root, notes_path).resolve()))
    return tuple(pairs)


def load_settings(
    config_file: str | os.PathLike[str] | None = None,
    *,
    cwd: Path | None = None,
    bib: str | Sequence[str] | None = None,
    output_dir: str | None = None,
    fail_on: str | None = None,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    format: str | None = None,
    baseline: str | None = None,
    require_bib: bool | None = None,
) -> Settings:
    """Settings from ``config_file`` (else the nearest pyproject.toml) overridden by the flags given.

    Flags left at ``None`` keep the file's value; ``bib`` is one path or several (``""``, or
    nothing, for none); ``output_dir=""`` turns report files off
    (``baseline=""`` turns the baseline off);
    ``select``/``ignore`` take comma-separated text or a list of code prefixes.
    """
    cwd = working_dir(cwd)
    path: Path | None
    if config_file is not None:
        path = absolute(cwd, config_file)
    else:
        path = find_config(cwd)
    values: dict[str, Any] = {"output_dir": None}
    if path is not None:
        values["output_dir"] = path.parent / DEFAULT_OUTPUT_DIR
        values.update(_from_file(path, cwd))
        root = path.parent
    else:
        values["output_dir"] = cwd / DEFAULT_OUTPUT_DIR
        root = cwd

    if bib is not None:
        names = (bib,) if isinstance(bib, str) else bib
        values["bibs"] = tuple(dict.fromkeys(absolute(cwd, name) for name in names if name))
    if baseline is not None:
        values["baseline"] = absolute(cwd, baseline) if baseline else None
    if require_bib is not None:
        values["require_bib"] = require_bib
    if output_dir is not None:
        values["output_dir"] = absolute(cwd, output_dir) if output_dir else None
    if fail_on is not None:
        if fail_on not in FAIL_ON:
            raise ConfigError(f"must be one of {', '.join(FAIL_ON)}, not {fail_on!r}", "--fail-on")
        values["fail_on"] = fail_on
    if format is not None:
        if format not in REPORT_FORMATS:
            raise ConfigError(f"must be one of {', '.join(REPORT_FORMATS)}, not {format!r}", "--format")
        values["format"] = format
    for option, given in (("select", select), ("ignore", ignore)):
        if given is not None:
            codes = parse_codes(given)
            check_codes(codes, f"--{option}")
            if option == "select" and not codes:
                raise ConfigError(_NOTHING_SELECTED, "--select")
            values[option] = codes
    return Settings(root=root, config_file=path, **values)
