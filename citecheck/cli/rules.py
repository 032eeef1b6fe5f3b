"""``citecheck rules``: the rules and their documentation."""

from __future__ import annotations

from collections.abc import Sequence

import click

from citecheck.cli import fail
from citecheck.commands.rules import lookup
from citecheck.errors import CitecheckError


@click.command(name="rules")
@click.argument("codes", nargs=-1)
def command(codes: Sequence[str]) -> None:
    """List the rules (or those matching CODES: codes, prefixes or names) with their documentation."""
    chosen, unknown = lookup(codes)
    if unknown:
        fail(CitecheckError(f"unknown rule {', '.join(unknown)}; `citecheck rules` lists them all"))
    click.echo("\n".join(entry.describe() for entry in chosen), nl=False)
