"""Problems that stop a run before or after checking: printed as one clear line, exit status 2.

Findings about the manuscripts are diagnostics, never exceptions; these are for the setup around
them (a broken configuration, nothing to check, a report that cannot be written).
"""

from __future__ import annotations

from citecheck.codes import CODES


class CitecheckError(Exception):
    """A user-facing failure: ``str(error)`` is the whole message; the CLI exits with status 2."""


class ConfigError(CitecheckError):
    """The configuration cannot be used: bad TOML, an unknown key, a wrong type, an unknown code.

    Printed as ``FILE:LINE: CC004 [config-error] MESSAGE`` (CC004 is reserved for this; it is not a
    rule, because a configuration error stops the run).
    """

    code = "CC004"
    name = CODES[code].name

    def __init__(self, message: str, where: str | None = None, line: int | None = None) -> None:
        self.message = message
        self.where = where
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        location = self.where or "configuration"
        if self.line is not None:
            location = f"{location}:{self.line}"
        return f"{location}: {self.code} [{self.name}] {self.message}"


class UsageError(CitecheckError):
    """The command line asks for something that cannot be done (nothing to check, say)."""


class OutputError(CitecheckError):
    """A report cannot be written, or writing it would overwrite an input file."""


class InputError(CitecheckError):
    """An input a command needs whole cannot be read (a manuscript ``export --only-cited`` reads)."""
