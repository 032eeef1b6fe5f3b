"""The command line: the ``citecheck`` group; each command is a click command in ``cli/<name>.py``
that calls :mod:`citecheck.commands`, with no logic of its own.

A command's module is imported only when that command runs or shows its own help (click's
lazily loaded subcommands): ``citecheck --version`` and ``citecheck --help`` never import the
pipeline, the readers or the rules, so they start as fast as click does.

Exit status: 0 clean, 1 findings at or above ``--fail-on``, 2 usage, configuration or input
errors (a file that cannot be read, CC001; a file no reader knows, CC003).
"""

from __future__ import annotations

import atexit
import gc
import importlib
import sys
from typing import NoReturn

import click

import citecheck
from citecheck.collector import collector_paused, freeze_until_exit

EXIT_USAGE = 2

# Each command, its module ``citecheck.cli.<name>`` (holding its click ``command``) and the
# summary ``citecheck --help`` lists: the first sentence of the command's help, so that the
# listing needs no import (tests/test_cli.py holds the two equal).
COMMANDS: dict[str, str] = {
    "baseline": "Record the current findings of PATHS (or the sources) so that `run --baseline` shows only new ones.",
    "export": "Write a cleaned copy of BIB (default: bib in [tool.citecheck]): normalised, identical entries merged.",
    "extract": "Show what the reader finds in FILE: markers, notes, citations, and every finding.",
    "rules": "List the rules (or those matching CODES: codes, prefixes or names) with their documentation.",
    "run": "Check PATHS (files or folders), or the sources listed in [tool.citecheck].",
    "suggest": "Write BibTeX entries, parsed from the notes, for the sources no bibliography entry matches.",
}


def fail(error: Exception) -> NoReturn:
    """A usage, configuration or input error: one line on standard error, exit 2."""
    click.echo(f"citecheck: {error}", err=True)
    sys.exit(EXIT_USAGE)


class _Commands(click.Group):
    """The command group, loading a command's module on first use (``COMMANDS``).

    An exception no command expected (a bug) exits 2, never 1, which CI would read as findings,
    with one line asking for a report instead of a traceback. Click's own exits (``--help``,
    ``--version``, a usage error, Ctrl-C) and a closed pipe (``citecheck run --help | head -1``)
    are no bug: standard output is flushed here, so a reader that went away shows as
    ``BrokenPipeError`` while click's ``main`` can still end quietly, rather than as a message
    at interpreter shutdown."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        with collector_paused():  # the modules a command imports live as long as the process
            return importlib.import_module(f"{__name__}.{cmd_name}").command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The listing of ``--help`` from the summaries, shortened as click shortens a command's
        help, without importing any command."""
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [(name, click.Command(name, help=summary).get_short_help_str(limit)) for name, summary in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(sorted(rows))

    def invoke(self, ctx: click.Context) -> object:
        try:
            try:
                return super().invoke(ctx)
            finally:
                sys.stdout.flush()
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, BrokenPipeError):
            raise
        except Exception as error:  # noqa: BLE001 - the last resort for bugs, by design
            detail = (str(error).splitlines() or [""])[0]
            click.echo(
                f"citecheck: internal error ({type(error).__name__}: {detail}); this is a bug, please report it "
                "with the command and the input that caused it",
                err=True,
            )
            sys.exit(EXIT_USAGE)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(citecheck.__version__, "--version", prog_name="citecheck", message="%(prog)s %(version)s")
def main() -> None:
    """Check a manuscript's footnotes and citations against each other and the bibliography."""


def script() -> None:
    """The ``citecheck`` program (and ``python -m citecheck``): :func:`main` in a process of its own.

    What a run makes lives until the process ends, and the interpreter's last collection would
    walk all of it: a seventh of a small run's time. Frozen at exit (:func:`gc.freeze`), it is
    left to the end of the process instead, and what each pause of the collector made stays
    frozen (:func:`~citecheck.collector.freeze_until_exit`). Not done by :func:`main`, which a
    host process may call (tests, a tool of its own).
    """
    freeze_until_exit()
    atexit.register(gc.freeze)
    main(prog_name="citecheck")
