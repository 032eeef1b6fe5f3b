"""The findings snapshot: ``citecheck run --format json`` on every fixture, corpus and the example.

Each case is one command line run from the project root; its JSON report (paths relative, the tool
version left out) and its exit status are stored under ``tests/golden/findings/`` in a file named
after the case. ``tests/test_findings_snapshot.py`` runs every case again and compares, so a
refactoring that changes a finding, a position or an exit status anywhere shows as a diff.

A change of behaviour made on purpose rewrites the snapshot: ``make snapshot`` (this script).

Cases:

* every manuscript under ``tests/fixtures`` and ``tests/corpora``, with the ``.bib`` of the same
  name beside it (rule fixtures) or the corpus's ``references.bib`` as its bibliography; a Word
  or EPUB fixture (``*.docx.xml``, ``*.epub.xhtml``) is built into its package first (as the
  tests build it) and run in a scratch folder holding the package, its bibliography and the
  settings, so that the paths reported are the same on every machine;
* every ``.bib`` fixture without such a manuscript, checked as the bibliography of an empty
  manuscript (``blank.md`` in the snapshot folder);
* the bundled example: ``citecheck run`` with the project's own ``[tool.citecheck]``.

Runs other than the example read ``settings.toml`` in the snapshot folder (no settings at all),
so the project's own configuration does not leak into them.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import chdir, contextmanager
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from citecheck.cli import main as cli
from fixture_support import load_fixture

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "findings"
SETTINGS = GOLDEN / "settings.toml"
BLANK = GOLDEN / "blank.md"
MANUSCRIPTS = (".txt", ".md", ".tex", ".rst", ".html")
PACKAGES = {".docx.xml": ".docx", ".epub.xhtml": ".epub"}  # fixtures built into a package before the run


@dataclass(frozen=True)
class Case:
    """One run: its name (the stored file, relative to ``GOLDEN``) and its arguments after ``run``."""

    name: str
    args: tuple[str, ...]
    package: Path | None = None  # a Word or EPUB fixture: built, then run in a scratch folder

    @property
    def golden(self) -> Path:
        return GOLDEN / f"{self.name}.json"


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _isolated(*args: str) -> tuple[str, ...]:
    return (*args, "--config", _relative(SETTINGS), "--output-dir", "", "--format", "json")


BOOKS = ROOT / "tests" / "corpora" / "books"


def cases() -> list[Case]:
    """Every case, in a stable order."""
    found: list[Case] = []
    for folder in (ROOT / "tests" / "fixtures", ROOT / "tests" / "corpora"):
        files = sorted(p for p in folder.rglob("*") if p.is_file())
        for path in files:
            name = path.relative_to(ROOT / "tests").as_posix()
            if path.name == "README.md" or ".expected." in path.name:  # descriptions, export goldens
                continue
            if path.is_relative_to(BOOKS):  # measured by bench/accuracy.py against their manifest
                continue
            built = next((suffix for suffix in PACKAGES if path.name.endswith(suffix)), None)
            if built is not None:
                bib = path.with_name(path.name.removesuffix(built) + ".bib")
                if not bib.exists():
                    bib = path.parent / "references.bib"
                extra = ("--bib", bib.name) if bib.exists() else ()
                package = path.name.removesuffix(built) + PACKAGES[built]
                found.append(Case(name, (package, *extra, "--config", SETTINGS.name, "--output-dir", "", "--format", "json"), path))
            elif path.suffix in MANUSCRIPTS:
                bib = path.with_suffix(".bib")
                if not bib.exists():
                    bib = path.parent / "references.bib"
                extra = ("--bib", _relative(bib)) if bib.exists() else ()
                found.append(Case(name, _isolated(_relative(path), *extra)))
            elif path.suffix == ".bib" and path.name != "references.bib":
                if not any(path.with_suffix(s).exists() for s in MANUSCRIPTS):
                    found.append(Case(name, _isolated(_relative(BLANK), "--bib", _relative(path))))
    found.append(Case("example", ("--output-dir", "", "--format", "json")))
    return found


@contextmanager
def _in_scratch(case: Case) -> Iterator[None]:
    """A scratch folder holding ``case``'s package built from its fixture, the bibliography beside
    the fixture and the settings, as the working directory."""
    fixture = load_fixture(case.package)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        (folder / case.args[0]).write_bytes(fixture.package)
        shutil.copy(SETTINGS, folder / SETTINGS.name)
        if "--bib" in case.args:
            name = case.args[case.args.index("--bib") + 1]
            bib = case.package.with_name(name)
            shutil.copy(bib if bib.exists() else case.package.parent / "references.bib", folder / name)
        with chdir(folder):
            yield


def render(case: Case) -> str:
    """The stored form of ``case``'s run: its command, exit status and report, as JSON text."""
    with _in_scratch(case) if case.package else chdir(ROOT):
        result = CliRunner().invoke(cli, ["run", *case.args], catch_exceptions=False)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        report = {"stdout": result.stdout}
    if isinstance(report.get("tool"), dict):
        report["tool"].pop("version", None)
    stored = {"command": ["citecheck", "run", *case.args], "exit_code": result.exit_code, "report": report}
    return json.dumps(stored, indent=1, ensure_ascii=False) + "\n"


def stored_names() -> set[str]:
    """The cases the snapshot folder holds."""
    return {_relative(p)[len(_relative(GOLDEN)) + 1 : -len(".json")] for p in GOLDEN.rglob("*.json")}


def write_snapshot() -> int:
    """Rewrite every stored case and remove those that are no longer cases; the number written."""
    wanted = cases()
    for stale in stored_names() - {case.name for case in wanted}:
        (GOLDEN / f"{stale}.json").unlink()
    for case in wanted:
        case.golden.parent.mkdir(parents=True, exist_ok=True)
        case.golden.write_text(render(case), encoding="utf-8")
    return len(wanted)


if __name__ == "__main__":
    print(f"wrote {write_snapshot()} findings snapshots to {_relative(GOLDEN)}", file=sys.stderr)
