"""``citecheck extract``: one document as its reader sees it."""

from __future__ import annotations

import sys

import click

from citecheck.cli import EXIT_USAGE, fail
from citecheck.commands.extract import extract_document
from citecheck.config import load_settings
from citecheck.errors import CitecheckError
from citecheck.reporters import EXTRACT_RENDERERS, color_wanted, render_extract


@click.command(name="extract")
@click.argument("file", type=click.Path(path_type=str))
@click.option("--format", "format_", type=click.Choice(sorted(EXTRACT_RENDERERS)), default="json", show_default=True)
@click.option("--config", "config_file", metavar="FILE", help="Read settings (notes-files) from FILE.")
def command(file: str, format_: str, config_file: str | None) -> None:
    """Show what the reader finds in FILE: markers, notes, citations, and every finding."""
    try:
        settings = load_settings(config_file)
        report = extract_document(file, settings=settings)
    except CitecheckError as error:
        fail(error)
    color = color_wanted(sys.stdout)
    click.echo(render_extract(report, format_, color=color), nl=False, color=color)
    sys.exit(EXIT_USAGE if report.input_errors else 0)
