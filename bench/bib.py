"""Benchmark: loading and checking a large bibliography, citecheck against bibtexparser 2.1.

    .venv/bin/python bench/bib.py [--entries 20000] [--large 90000] [--repeat 5]

Generates a realistic ~20,000-entry, ~4.5 MB bibliography (author lists with LaTeX accents, titles
with protective braces, journals, pages, DOIs, an abstract for some entries, @string macros, a
@preamble and comments), then times, each in a fresh interpreter and best of ``--repeat``:

* ``bibtexparser.parse_file`` (its default parse stack),
* ``citecheck.bib.load_bibliography`` (every block with its positions and fields), and of that
  the reading and decoding (``citecheck.source.read_source``),
* loading and then reading every field of every entry (what the checks start from), with the
  garbage collector on and off,
* loading and every CC3xx check (``citecheck.rules.run_rules`` over a ``Context`` holding the
  bibliography), the collector left as it is,
* ``citecheck.pipeline.run`` with the file as its ``bib`` and a one-note Markdown manuscript:
  the code path of ``citecheck run`` (reading, loading, every rule, selection; the collector
  paused as the pipeline pauses it), without rendering the report; the rule modules and the
  manuscript's reader (``citecheck.readers.markdown`` and the markdown-it modules it imports
  on first use) are imported before the clock starts, as for the checks above: imports are
  not timed. The row below it times the same run with the reader imported inside the clock
  (some 25 ms, what a one-file ``citecheck run`` pays once at its start),

and prints the times and the ratios to bibtexparser (CPU time, which a busy machine disturbs
less). The target: citecheck's whole load-and-check (the ``pipeline.run`` row) <= 0.3 x
bibtexparser; loading alone should stay well under that (aim < 0.15). It then times citecheck
alone on a ``--large``-entry file, which must load and check in seconds. Exit status 1 when the
load-and-check misses 0.3.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

TARGET_RATIO = 0.3
AIM_RATIO = 0.15

SURNAMES = (
    "Smith Müller Schröder García Nuñez Dvořák Kováč Łukasiewicz Brontë Gödel Erdős Poincaré Ångström "
    "Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Martin Jackson White "
    "Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Green Baker Adams Nelson Hill "
    "Campbell Mitchell Roberts Carter Phillips Evans Turner Torres Parker Collins Edwards Stewart Morris "
    "Nguyen Tanaka Suzuki Kim Park Chen Wang Li Zhang Liu Singh Kumar Ivanov Petrov Rossi Bianchi"
).split()
GIVEN = (
    "John Mary Anna Peter José François Zoë Jürgen Ærwin Søren Hélène Ingrid Paul Laura David "
    "Sarah Michael Emma Thomas Julia Daniel Lena Robert Clara James Olivia Hans Ines Pierre Marta"
).split()
# How a few accented letters are written in BibTeX files.
LATEX = {
    "ü": r"{\"u}", "ö": r"{\"o}", "ä": r"{\"a}", "é": r"{\'e}", "á": r"\'a", "í": r"{\'i}",
    "ñ": r"{\~n}", "ř": r"{\v r}", "č": r"{\v{c}}", "ç": r"{\c c}", "Ł": r"{\L}", "ő": r"{\H o}",
    "ë": r"{\"e}", "Å": r"{\AA}", "ø": r"{\o}", "Æ": r"{\AE}", "ç ": r"{\c{c}} ", "ò": r"\`o",
    "Ö": r"{\"O}", "Z": "Z", "à": r"{\`a}", "š": r"{\v s}",
}
WORDS = (
    "analysis of the a an in on for with towards new approach model models learning deep neural "
    "network networks theory evidence from study studies effect effects dynamics system systems "
    "quantum structure design control data large scale efficient robust method methods based "
    "estimation inference optimal stochastic policy history soviet foreign security economic social "
    "political cultural language memory cognition protein cell gene expression climate ocean"
).split()
ACRONYMS = ("DNA", "RNA", "USSR", "GPU", "NATO", "BERT", "LSTM", "EU", "MRI", "COVID-19")
JOURNALS = (
    "Nature", "Science", "Physical Review Letters", "Journal of Modern History", "Slavic Review",
    "Europe-Asia Studies", "Neural Computation", "Journal of Machine Learning Research",
    "Proceedings of the National Academy of Sciences", "The American Historical Review",
    "Annals of Statistics", "Bioinformatics", "Cell", "Journal of Cold War Studies",
)
PUBLISHERS = ("Oxford University Press", "Cambridge University Press", "Springer", "Routledge",
              "Princeton University Press", "MIT Press", "Yale University Press", "Elsevier")
PLACES = ("Oxford", "Cambridge", "New York", "London", "Berlin", "Princeton", "New Haven", "Paris")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _latex(text: str) -> str:
    return "".join(LATEX.get(char, char) for char in text)


def _author(rng: random.Random) -> str:
    return f"{_latex(rng.choice(SURNAMES))}, {_latex(rng.choice(GIVEN))}"


def _title(rng: random.Random, low: int = 4, high: int = 9) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    if rng.random() < 0.4:
        words.insert(rng.randrange(len(words)), "{" + rng.choice(ACRONYMS) + "}")
    if rng.random() < 0.2:
        words.insert(rng.randrange(len(words)), _latex(rng.choice(SURNAMES)))
    title = " ".join(words)
    return title[0].upper() + title[1:]


def _abstract(rng: random.Random) -> str:
    sentences = [_title(rng, 10, 20) + "." for _ in range(rng.randint(3, 5))]
    return " ".join(sentences)


def entry(rng: random.Random, number: int) -> str:
    """One realistic entry; about 225 characters on average, as in large real bibliographies."""
    kind = rng.choices(("article", "book", "inproceedings", "incollection", "phdthesis", "misc"),
                       weights=(55, 15, 15, 8, 4, 3))[0]
    first = "".join(c for c in unicodedata.normalize("NFKD", rng.choice(SURNAMES).lower()) if c.isascii())
    year = rng.randint(1900, 2024)
    key = f"{first}{year}{number}"
    authors = " and ".join(_author(rng) for _ in range(rng.choice((1, 1, 1, 2, 2, 3, 4))))
    fields = [("author", "{" + authors + "}"), ("title", "{" + _title(rng) + "}")]
    if kind == "article":
        fields.append(("journal", rng.choice(("{" + rng.choice(JOURNALS) + "}", "jmh", "sr"))))
        fields.append(("year", str(year) if rng.random() < 0.7 else "{" + str(year) + "}"))
        fields.append(("volume", str(rng.randint(1, 120))))
        first_page = rng.randint(1, 900)
        fields.append(("pages", f"{{{first_page}--{first_page + rng.randint(2, 40)}}}"))
    elif kind in ("book", "phdthesis"):
        fields.append(("publisher" if kind == "book" else "school", "{" + rng.choice(PUBLISHERS) + "}"))
        fields.append(("address", '"' + rng.choice(PLACES) + '"'))
        fields.append(("year", str(year)))
    else:
        fields.append(("booktitle", "{Proceedings of the " + _title(rng, 2, 4) + "}"))
        fields.append(("year", str(year)))
        if rng.random() < 0.5:
            fields.append(("month", rng.choice(MONTHS)))
    if rng.random() < 0.2:
        fields.append(("doi", f"{{10.{rng.randint(1000, 9999)}/{rng.randint(100000, 999999)}}}"))
    if rng.random() < 0.015:
        fields.append(("abstract", "{" + _abstract(rng) + "}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}\n"


def bibliography(entries: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    parts = [
        "% A generated bibliography for citecheck's benchmark.\n",
        '@string{jmh = "Journal of Modern History"}\n',
        '@string{sr = {Slavic Review}}\n',
        '@preamble{"\\newcommand{\\noopsort}[1]{}"}\n\n',
    ]
    for number in range(entries):
        parts.append(entry(rng, number))
        if number % 1000 == 999:
            parts.append(f"@comment{{block {number // 1000}}}\n")
        parts.append("\n")
    return "".join(parts)


TIMER = """
import gc, sys, time
from pathlib import Path
def clocks():
    return time.perf_counter(), time.process_time()
"""

BIBTEXPARSER = TIMER + """
import logging
logging.disable(logging.CRITICAL)
import bibtexparser
wall, cpu = clocks()
library = bibtexparser.parse_file(sys.argv[1])
print(time.perf_counter() - wall, time.process_time() - cpu, len(library.entries), len(library.failed_blocks))
"""

CITECHECK = TIMER + """
from citecheck.bib.load import load_bibliography
from citecheck.source import read_source
wall, cpu = clocks()
if sys.argv[2] == "read":
    source = read_source(Path(sys.argv[1]))
    print(time.perf_counter() - wall, time.process_time() - cpu, "-", "-")
    raise SystemExit
if sys.argv[2] == "fields-nogc":
    gc.disable()  # what a short-lived CLI run may do (or gc.freeze() once the inputs are read)
bib = load_bibliography(Path(sys.argv[1]))
if sys.argv[2].startswith("fields"):
    fields = sum(len(entry.fields) for entry in bib.entries)
print(time.perf_counter() - wall, time.process_time() - cpu, len(bib.entries), len(bib.failures))
"""

CHECKS = TIMER + """
from citecheck.bib.load import load_bibliography
from citecheck.rules import Context, all_rules, run_rules
rules = [rule for rule in all_rules() if rule.code.startswith("CC3")]
wall, cpu = clocks()
bib = load_bibliography(Path(sys.argv[1]))
found = list(run_rules(Context.of(bibliography=bib), rules))
print(time.perf_counter() - wall, time.process_time() - cpu, len(bib.entries), len(found))
"""

# What `citecheck run` does, short of rendering: pipeline.run over a one-note manuscript.
PIPELINE = TIMER + """
from citecheck import pipeline
from citecheck.config import Settings
from citecheck.rules import all_rules
all_rules()  # imports the rule modules, as the checks row does: imports are not timed
if sys.argv[2] == "reader-first":  # and the Markdown reader's, which it imports on first use
    import citecheck.readers.markdown, markdown_it, mdit_py_plugins.footnote, mdit_py_plugins.front_matter
bib = Path(sys.argv[1])
manuscript = bib.with_name("bench-manuscript.md")
settings = Settings(root=bib.parent, bibs=(bib,))
wall, cpu = clocks()
report = pipeline.run(settings, [manuscript], cwd=bib.parent)
print(time.perf_counter() - wall, time.process_time() - cpu, "-", len(report.diagnostics))
"""


def _run(script: str, path: Path, *args: str) -> tuple[float, float, str]:
    out = subprocess.run(
        [sys.executable, "-c", script, str(path), *args], check=True, capture_output=True, text=True
    ).stdout.split()
    return float(out[0]), float(out[1]), " ".join(out[2:])


def _best(runs: list[tuple[float, float, str]]) -> tuple[float, float, str]:
    return min(run[0] for run in runs), min(run[1] for run in runs), runs[-1][2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--large", type=int, default=90_000, help="0 to skip the large file")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="write the generated files into this folder")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"bench-{args.entries}.bib"
        path.write_text(bibliography(args.entries), encoding="utf-8")
        (folder / "bench-manuscript.md").write_text("A claim.[^1]\n\n[^1]: A note.\n", encoding="utf-8")
        print(f"{args.entries} entries, {path.stat().st_size / 1e6:.2f} MB ({path.name}); "
              f"best of {args.repeat}, each run in a fresh interpreter, imports not timed")

        # Interleaved, so that a busy machine slows them all alike.
        theirs, ours, ours_fields, reads, no_gc, checks, runs, runs_reader = [], [], [], [], [], [], [], []
        for _ in range(args.repeat):
            theirs.append(_run(BIBTEXPARSER, path))
            ours.append(_run(CITECHECK, path, "load"))
            ours_fields.append(_run(CITECHECK, path, "fields"))
            reads.append(_run(CITECHECK, path, "read"))
            no_gc.append(_run(CITECHECK, path, "fields-nogc"))
            checks.append(_run(CHECKS, path))
            runs.append(_run(PIPELINE, path, "reader-first"))
            runs_reader.append(_run(PIPELINE, path, "reader-timed"))
        their_wall, their_cpu, their_counts = _best(theirs)
        rows = [
            ("bibtexparser.parse_file", _best(theirs), "entries failed"),
            ("citecheck load_bibliography", _best(ours), "entries failed"),
            ("  of which read_source", _best(reads), ""),
            ("citecheck load + every field", _best(ours_fields), "entries failed"),
            ("  the same, gc disabled", _best(no_gc), "entries failed"),
            ("citecheck load + CC3xx checks", _best(checks), "entries findings"),
            ("citecheck pipeline.run (the CLI)", _best(runs), "findings"),
            ("  the same, reader import timed", _best(runs_reader), "findings"),
        ]
        print(f"  {'':34s} {'wall s':>8s} {'cpu s':>8s} {'ratio':>7s}")
        for label, (wall, cpu, counts), what in rows:
            print(f"  {label:34s} {wall:8.3f} {cpu:8.3f} {cpu / their_cpu:7.3f}   {counts} {what}".rstrip())
        load_ratio = rows[1][1][1] / their_cpu
        checks_ratio = rows[5][1][1] / their_cpu
        ratio = rows[6][1][1] / their_cpu
        timed_ratio = rows[7][1][1] / their_cpu
        verdict = "ok" if load_ratio <= AIM_RATIO else "over the aim"
        print(f"  loading: {load_ratio:.3f} x bibtexparser (cpu), aim < {AIM_RATIO}: {verdict}")
        verdict = "ok" if ratio <= TARGET_RATIO else "TOO SLOW"
        print(f"  load and check: {ratio:.3f} x bibtexparser (cpu) as `citecheck run` does it "
              f"({checks_ratio:.3f} through run_rules with the collector left on, {timed_ratio:.3f} with the reader's "
              f"import timed); target <= {TARGET_RATIO}: {verdict}")

        if args.large:
            large = folder / f"bench-{args.large}.bib"
            large.write_text(bibliography(args.large, seed=2), encoding="utf-8")
            wall, cpu, counts = _run(CITECHECK, large, "load")
            fields_wall, fields_cpu, _ = _run(CITECHECK, large, "fields")
            run_wall, run_cpu, _ = _run(PIPELINE, large, "reader-first")
            print(f"{args.large} entries, {large.stat().st_size / 1e6:.2f} MB: citecheck load_bibliography "
                  f"{wall:.3f} s (cpu {cpu:.3f}), with every field {fields_wall:.3f} s, "
                  f"pipeline.run {run_wall:.3f} s (cpu {run_cpu:.3f})  (entries failed: {counts})")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
