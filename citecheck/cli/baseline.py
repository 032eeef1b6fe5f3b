"""``citecheck baseline``: record the current findings."""

from __future__ import annotations

from collections.abc import Sequence

import click

from citecheck.cli import fail
from citecheck.commands.baseline import make_baseline
from citecheck.config import load_settings
from citecheck.errors import CitecheckError
from citecheck.wording import counted


@click.command(name="baseline")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "-o", "--output", metavar="FILE",
    help="Write here (default: baseline in [tool.citecheck], else citecheck-baseline.json in the project root).",
)  # fmt: skip
@click.option("--bib", metavar="FILE", multiple=True, help="A BibTeX bibliography (repeat for several).")
@click.option("--select", metavar="CODES", help="Comma-separated code prefixes to check (default CC).")
@click.option("--ignore", metavar="CODES", help="Comma-separated code prefixes not to check.")
@click.option("--config", "config_file", metavar="FILE", help="Read settings from FILE, not the nearest pyproject.toml.")
def command(
    paths: Sequence[str], output: str | None, bib: tuple[str, ...], select: str | None, ignore: str | None, config_file: str | None
) -> None:
    """Record the current findings of PATHS (or the sources) so that `run --baseline` shows only new ones."""
    try:
        settings = load_settings(config_file, bib=bib or None, select=select, ignore=ignore)
        count, shown = make_baseline(settings, paths, output)
    except CitecheckError as error:
        fail(error)
    click.echo(f"wrote {counted(count, 'finding')} to {shown}")
