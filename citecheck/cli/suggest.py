"""``citecheck suggest``: BibTeX entries for the sources no entry matches."""

from __future__ import annotations

from collections.abc import Sequence

import click

from citecheck.cli import fail
from citecheck.commands.suggest import suggest
from citecheck.config import load_settings
from citecheck.errors import CitecheckError


@click.command(name="suggest")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--bib", metavar="FILE", multiple=True, help="A BibTeX bibliography (repeat for several).")
@click.option(
    "-o", "--output", metavar="FILE",
    help='Write here (default: suggested.bib in the output directory, reports/; "-" for standard output).',
)  # fmt: skip
@click.option("--config", "config_file", metavar="FILE", help="Read settings from FILE, not the nearest pyproject.toml.")
def command(paths: Sequence[str], bib: tuple[str, ...], output: str | None, config_file: str | None) -> None:
    """Write BibTeX entries, parsed from the notes, for the sources no bibliography entry matches."""
    try:
        settings = load_settings(config_file, bib=bib or None)
        result = suggest(settings, paths, output)
    except CitecheckError as error:
        fail(error)
    if result.written is None:
        click.echo(result.text, nl=False)
    click.echo(result.summary, err=True)
