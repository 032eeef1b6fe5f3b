"""Real LaTeX and R Markdown projects: what following the document changes.

    .venv/bin/python bench/projects.py [--root DIR]

Each project of ``PROJECTS`` (a public repository at a fixed commit; its folder under ``--root``,
by default ``$CITECHECK_PROJECTS`` or ``../shared/corpora/projects``; a missing one is skipped)
is checked from its main file, and once more the way citecheck read it before projects were
followed: the main file alone, with the same bibliographies. For each it prints the documents
and bibliographies read, the CC307 unused-entry findings of both readings, and how many of
the project's CC307 keys are written anywhere in a manuscript file of the project (a citation
citecheck missed, or a key mentioned in a URL or a comment: each is worth a look). The split
was fixed before any result: dev for looking at findings, test for measuring.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from citecheck.bib.load import load_bibliography
from citecheck.bib.model import Bibliography
from citecheck.config import Settings
from citecheck.pipeline import read_document, run
from citecheck.readers import reader_for
from citecheck.rules import Context, get_rule
from citecheck.source import read_source

ROOT = Path(__file__).resolve().parent.parent
MANUSCRIPT_SUFFIXES = (".tex", ".md", ".rmd", ".qmd")


@dataclass(frozen=True)
class Project:
    folder: str  # below --root
    main: str  # relative to the folder: the main file, or "." for a book checked as a folder
    split: str
    source: str  # repository@commit


PROJECTS = (
    Project("astropy-v2.0-paper", "main.tex", "dev", "astropy/astropy-v2.0-paper@c31a57c6ffcf"),
    Project("scipy-articles", "scipy-1.0/paper.tex", "test", "scipy/scipy-articles@5498688844f8"),
    Project("bookdown-demo", ".", "test", "rstudio/bookdown-demo@0fca17f3f8cf"),  # a book is its folder
)


def _unused(context: Context) -> list[str]:
    return [finding.message.rsplit(" ", 1)[-1] for finding in get_rule("CC307").check(context)]


def measure(project: Project, root: Path) -> dict[str, object] | None:
    folder = root / project.folder
    main = folder / project.main
    if not main.exists():
        return None
    here = main if main.is_dir() else main.parent
    report = run(Settings(root=here, output_dir=None), [main], cwd=here)
    cc307 = [d.message.rsplit(" ", 1)[-1] for d in report.diagnostics if d.code == "CC307"]
    parts = [load_bibliography(path) for path in (here / name for name in report.bibliographies) if path.is_file()]
    alone: int | str = "-"
    if parts and main.is_file():
        reader = reader_for(main)
        assert reader is not None
        document = read_document(reader, read_source(main, project.main))
        alone = len(_unused(Context.of((document,), bibliography=Bibliography.combined(parts))))
    texts = [
        path.read_text(encoding="utf-8", errors="replace")
        for path in folder.rglob("*")
        if path.suffix.lower() in MANUSCRIPT_SUFFIXES and path.is_file()
    ]
    written = sum(1 for key in cc307 if any(key in text for text in texts))
    codes = sorted({d.code for d in report.diagnostics if d.code in ("CC201", "CC006")})
    return {
        "documents": len(report.documents),
        "bibliographies": len(report.bibliographies),
        "cc307_main_alone": alone,
        "cc307": len(cc307),
        "cc307_written": written,
        "other": ", ".join(f"{code} {sum(d.code == code for d in report.diagnostics)}" for code in codes) or "-",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default = os.environ.get("CITECHECK_PROJECTS") or str(ROOT.parent / "shared" / "corpora" / "projects")
    parser.add_argument("--root", default=default, type=Path)
    args = parser.parse_args(argv)
    print(f"{'project':22} {'split':5} {'docs':>4} {'bibs':>4} {'CC307 main alone':>16} {'CC307':>5} {'written':>7}  other")
    measured = 0
    for project in PROJECTS:
        found = measure(project, args.root)
        if found is None:
            print(f"{project.folder:22} {project.split:5} (not under {args.root}: {project.source})")
            continue
        measured += 1
        print(
            f"{project.folder:22} {project.split:5} {found['documents']:>4} {found['bibliographies']:>4} "
            f"{found['cc307_main_alone']:>16} {found['cc307']:>5} {found['cc307_written']:>7}  {found['other']}"
        )
    if not measured:
        print("no project found; fetch them (see PROJECTS) into --root", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
