"""The command line: click commands that call :mod:`citecheck.commands`; no logic of their own.

Exit status: 0 clean, 1 findings at or above ``--fail-on``, 2 usage, configuration or input
errors (a file that cannot be read, CC001; a file no reader knows, CC003).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import NoReturn

import click

import citecheck
from citecheck.commands.baseline import make_baseline
from citecheck.commands.export import ExportRequest, run_export
from citecheck.commands.extract import extract_document
from citecheck.commands.rules import lookup
from citecheck.commands.run import check, parse_jobs, write_reports
from citecheck.commands.suggest import suggest as suggest_entries
from citecheck.config import FAIL_ON, load_settings
from citecheck.errors import CitecheckError
from citecheck.progress import progress_bar
from citecheck.reporters import EXTRACT_RENDERERS, REPORTERS, color_wanted
from citecheck.wording import counted

EXIT_USAGE = 2


def _fail(error: Exception) -> NoReturn:
    click.echo(f"citecheck: {error}", err=True)
    sys.exit(EXIT_USAGE)


class _Commands(click.Group):
    """The command group; an exception no command expected (a bug) exits 2, never 1, which CI
    would read as findings, with one line asking for a report instead of a traceback.

    Click's own exits (``--help``, ``--version``, a usage error, Ctrl-C) and a closed pipe
    (``citecheck run --help | head -1``) are no bug: standard output is flushed here, so a reader
    that went away shows as ``BrokenPipeError`` while click's ``main`` can still end quietly,
    rather than as a message at interpreter shutdown."""

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


@main.command()
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
def run(
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
        _fail(error)
    sys.exit(report.exit_code(settings.fail_on, require_bib=settings.require_bib))


@main.command(name="baseline")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "-o", "--output", metavar="FILE",
    help="Write here (default: baseline in [tool.citecheck], else citecheck-baseline.json in the project root).",
)  # fmt: skip
@click.option("--bib", metavar="FILE", multiple=True, help="A BibTeX bibliography (repeat for several).")
@click.option("--select", metavar="CODES", help="Comma-separated code prefixes to check (default CC).")
@click.option("--ignore", metavar="CODES", help="Comma-separated code prefixes not to check.")
@click.option("--config", "config_file", metavar="FILE", help="Read settings from FILE, not the nearest pyproject.toml.")
def baseline_command(
    paths: Sequence[str], output: str | None, bib: tuple[str, ...], select: str | None, ignore: str | None, config_file: str | None
) -> None:
    """Record the current findings of PATHS (or the sources) so that `run --baseline` shows only new ones."""
    try:
        settings = load_settings(config_file, bib=bib or None, select=select, ignore=ignore)
        count, shown = make_baseline(settings, paths, output)
    except CitecheckError as error:
        _fail(error)
    click.echo(f"wrote {counted(count, 'finding')} to {shown}")


@main.command()
@click.argument("file", type=click.Path(path_type=str))
@click.option("--format", "format_", type=click.Choice(sorted(EXTRACT_RENDERERS)), default="json", show_default=True)
@click.option("--config", "config_file", metavar="FILE", help="Read settings (notes-files) from FILE.")
def extract(file: str, format_: str, config_file: str | None) -> None:
    """Show what the reader finds in FILE: markers, notes, citations, and every finding."""
    try:
        settings = load_settings(config_file)
        report = extract_document(file, settings=settings)
    except CitecheckError as error:
        _fail(error)
    color = color_wanted(sys.stdout)
    click.echo(EXTRACT_RENDERERS[format_](report, color=color), nl=False, color=color)
    sys.exit(EXIT_USAGE if report.input_errors else 0)


@main.command()
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
def export(
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
        _fail(error)
    for line in result.stderr:
        click.echo(line, err=True)
    if result.stdout:
        click.echo(result.stdout, nl=False)
    sys.exit(result.exit_code)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--bib", metavar="FILE", multiple=True, help="A BibTeX bibliography (repeat for several).")
@click.option(
    "-o", "--output", metavar="FILE",
    help='Write here (default: suggested.bib in the output directory, reports/; "-" for standard output).',
)  # fmt: skip
@click.option("--config", "config_file", metavar="FILE", help="Read settings from FILE, not the nearest pyproject.toml.")
def suggest(paths: Sequence[str], bib: tuple[str, ...], output: str | None, config_file: str | None) -> None:
    """Write BibTeX entries, parsed from the notes, for the sources no bibliography entry matches."""
    try:
        settings = load_settings(config_file, bib=bib or None)
        result = suggest_entries(settings, paths, output)
    except CitecheckError as error:
        _fail(error)
    if result.written is None:
        click.echo(result.text, nl=False)
    click.echo(result.summary, err=True)


@main.command()
@click.argument("codes", nargs=-1)
def rules(codes: Sequence[str]) -> None:
    """List the rules (or those matching CODES: codes, prefixes or names) with their documentation."""
    chosen, unknown = lookup(codes)
    if unknown:
        _fail(CitecheckError(f"unknown rule {', '.join(unknown)}; `citecheck rules` lists them all"))
    click.echo("\n".join(entry.describe() for entry in chosen), nl=False)
