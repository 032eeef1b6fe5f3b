"""``citecheck run``: check the manuscripts, print the report and write its files."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from citecheck.cli import fail
from citecheck.commands.run import check, parse_jobs, write_reports
from citecheck.config import FAIL_ON, load_settings
from citecheck.errors import CitecheckError
from citecheck.progress import progress_bar
from citecheck.reporters import REPORTERS, color_wanted


@click.command(name="run")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--bib", metavar="FILE", multiple=True, help="A BibTeX bibliography (repeat for several).")
@click.option(
    "--format", "format_", type=click.Choice(list(REPORTERS)),
    help="What goes to standard output (default text); --output-dir gets every format anyway.",
)  # fmt: skip
@click.option(
    "--output-dir", metavar="DIR",
    help='Where the report files go: citecheck.json, .txt, .sarif, .md, .junit.xml ("" for nowhere).',
)  # fmt: skip
@click.option("--fail-on", type=click.Choice(FAIL_ON), help="Lowest severity that makes the exit status 1.")
@click.option("--select", metavar="CODES", help="Comma-separated code prefixes to check (default CC).")
@click.option("--ignore", metavar="CODES", help="Comma-separated code prefixes not to check.")
@click.option("--config", "config_file", metavar="FILE", help="Read settings from FILE, not the nearest pyproject.toml.")
@click.option("--baseline", "baseline_file", metavar="FILE", help='Hide the findings listed in FILE ("" for none).')
@click.option("--changed-since", metavar="REF", help="Only findings on lines changed since git REF, or caused there.")
@click.option(
    "--require-bib/--no-require-bib", default=None,
    help="Exit 2 when no bibliography is given, configured or named by the documents.",
)  # fmt: skip
@click.option(
    "--jobs", "-j", metavar="N", default="1", show_default=True,
    help="Read the files in N worker processes (0 or auto: one per core); the report is the same.",
)  # fmt: skip
def command(
    paths: Sequence[str],
    bib: tuple[str, ...],
    format_: str | None,
    output_dir: str | None,
    fail_on: str | None,
    select: str | None,
    ignore: str | None,
    config_file: str | None,
    baseline_file: str | None,
    changed_since: str | None,
    require_bib: bool | None,
    jobs: str,
) -> None:
    """Check PATHS (files or folders), or the sources listed in [tool.citecheck].

    A LaTeX main file brings the files it includes and the bibliographies it names; Markdown
    front matter and a Quarto or bookdown project file name bibliographies too."""
    try:
        processes = parse_jobs(jobs)
        settings = load_settings(
            config_file,
            bib=bib or None,
            output_dir=output_dir,
            fail_on=fail_on,
            select=select,
            ignore=ignore,
            format=format_,
            baseline=baseline_file,
            require_bib=require_bib,
        )
        color = color_wanted(sys.stdout)
        with progress_bar(sys.stderr) as bar:  # drawn only for long runs on a terminal, never in CI
            checked = check(settings, paths, changed_since=changed_since, progress=bar, color=color, jobs=processes)
        report = checked.report
        click.echo(checked.output, nl=False, color=color)
        if settings.output_dir is not None:
            write_reports(checked.prepared, settings.output_dir, rendered=None if color else {settings.format: checked.output})
        if checked.note:
            click.echo(checked.note, err=settings.format != "text")
        if settings.format != "text":  # the text report ends with them
            for remark in report.remarks:
                click.echo(f"citecheck: {remark}", err=True)
    except CitecheckError as error:
        fail(error)
    sys.exit(report.exit_code(settings.fail_on, require_bib=settings.require_bib))
