"""``citecheck export``: a cleaned copy of the bibliography."""

from __future__ import annotations

import sys

import click

from citecheck.cli import fail
from citecheck.commands.export import ExportRequest, run_export
from citecheck.errors import CitecheckError


@click.command(name="export")
@click.argument("bib", required=False, type=click.Path(path_type=str))
@click.option("-o", "--output", metavar="FILE", help="Write here (atomically) instead of standard output.")
@click.option(
    "--only-cited/--all",
    "only_cited",
    default=False,
    help="Only the entries the manuscripts in [tool.citecheck] sources cite, or every entry (the default).",
)
@click.option("--format", "format_", type=click.Choice(["bibtex", "csl-json"]), default="bibtex", show_default=True)
@click.option(
    "--sort", type=click.Choice(["key", "citation-order"]), default="key", show_default=True,
    help="Entry order: by key, or by first citation in the manuscripts (uncited entries last).",
)  # fmt: skip
@click.option("--keymap", metavar="FILE", help="Write the map of merged keys here (default: OUTPUT.keymap.json).")
@click.option("--check", is_flag=True, help="Change nothing; exit 1 and print a diff if BIB is not clean.")
@click.option("--in-place", is_flag=True, help="Rewrite BIB itself (atomically).")
@click.option("--rewrite-keys", is_flag=True, help="Apply the key map to the manuscripts in [tool.citecheck] sources.")
@click.option("--merge", is_flag=True, help="Merge every pair that is the same work, unless a field differs (default: identical entries only).")
@click.option("--force", is_flag=True, help="With --in-place: rewrite a read-only file or one owned by another user.")
@click.option("--config", "config_file", metavar="FILE", help="Read settings from FILE, not the nearest pyproject.toml.")
def command(
    bib: str | None,
    output: str | None,
    only_cited: bool,
    format_: str,
    sort: str,
    keymap: str | None,
    check: bool,
    in_place: bool,
    rewrite_keys: bool,
    merge: bool,
    force: bool,
    config_file: str | None,
) -> None:
    """Write a cleaned copy of BIB (default: bib in [tool.citecheck]): normalised, identical entries merged.

    Exit status: 0 done (or, with --check, already clean), 1 --check found differences, 2 usage
    or input errors.
    """
    request = ExportRequest(
        bib=bib,
        output=output,
        only_cited=only_cited,
        format=format_,
        sort=sort,
        keymap=keymap,
        check=check,
        in_place=in_place,
        rewrite_keys=rewrite_keys,
        config=config_file,
        merge=merge,
        force=force,
    )
    try:
        result = run_export(request)
    except CitecheckError as error:
        fail(error)
    for line in result.stderr:
        click.echo(line, err=True)
    if result.stdout:
        click.echo(result.stdout, nl=False)
    sys.exit(result.exit_code)
