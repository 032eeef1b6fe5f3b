"""Benchmark: a big, real-shaped bibliography as a user runs it, and citecheck's start-up.

    .venv/bin/python bench/bigbib.py [--entries 120000] [--repeat 3] [--keep DIR] [--startup-only] [--per-format]

Generates, at bench time (never committed), a bibliography shaped like the large ones people
keep (about 120,000 entries and 36 MB by default): some 1,500 journals and 300 conference series,
a third of the journals written through ``@string`` macros, keys as people write them
(``smith2019deep``) with about 5% of them repeated (an entry pasted twice, or two works under one
key), ``@inproceedings`` linked by ``crossref`` to ``@proceedings`` entries, long abstracts on
one entry in thirty, DOIs, URLs, ISBNs, keywords and LaTeX accents. Then it times whole processes,
each in a fresh interpreter, interleaved so that a busy machine slows them alike, best of
``--repeat``, with the peak memory (RSS) of each:

* ``bibtexparser.parse_file`` on the file (the import included), the peer;
* ``citecheck run --bib FILE manuscript.md``: a manuscript citing 300 of the keys, every rule,
  the report on standard output and its six files in ``reports/``, as a user runs it (and, for
  the record, the same run writing no files);
* with ``--per-format``, what each report format costs on that run's report, in one process;
* ``citecheck --version`` and a tiny run (a one-note manuscript and a two-entry bibliography):
  start-up, which every run pays (``--startup-only`` measures only this, beside ``python -c pass``).

Every process runs as an installed package runs: with Python's bytecode caches (``.pyc``), even
where the environment sets ``PYTHONDONTWRITEBYTECODE`` (then each run would compile citecheck's
sources again, some 0.1 s); a first, untimed run of each command writes them.

Goals (issue 13): the run <= 0.5 x bibtexparser's time and <= its memory; start-up < 0.15 s.
Each figure is printed beside its goal; exit status 1 when one is missed.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bib import GIVEN, SURNAMES, WORDS, _abstract, _author, _latex, _title

TIME_GOAL = 0.5  # x bibtexparser's whole-process time
MEMORY_GOAL = 1.0  # x bibtexparser's peak memory
STARTUP_GOAL = 0.15  # seconds, whole process

FIELDS_OF_STUDY = (
    "Physics Chemistry Biology Economics History Linguistics Mathematics Statistics Sociology "
    "Psychology Neuroscience Ecology Geography Philosophy Medicine Law Education Engineering "
    "Computing Politics Anthropology Archaeology Astronomy Geology Musicology"
).split()
VENUE_WORDS = (
    "Applied Theoretical Computational Experimental Modern Comparative International European "
    "American Asian Quarterly Annual Advanced Clinical Environmental Molecular Historical Social"
).split()
PUBLISHERS = (
    "Oxford University Press", "Cambridge University Press", "Springer", "Routledge", "Elsevier",
    "MIT Press", "Princeton University Press", "Wiley", "de Gruyter", "Brill", "ACM", "IEEE",
)
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def venues(rng: random.Random) -> tuple[list[str], list[tuple[str, str]]]:
    """About 1,500 journal names and 300 conference series (acronym, name)."""
    journals = set()
    while len(journals) < 1500:
        shape = rng.random()
        field, other = rng.choice(FIELDS_OF_STUDY), rng.choice(FIELDS_OF_STUDY)
        if shape < 0.4:
            journals.add(f"Journal of {rng.choice(VENUE_WORDS)} {field}")
        elif shape < 0.7:
            journals.add(f"{rng.choice(VENUE_WORDS)} {field} Review")
        else:
            journals.add(f"{field} and {other} {rng.choice(('Letters', 'Studies', 'Reports', 'Research'))}")
    conferences = []
    for number in range(300):
        field = rng.choice(FIELDS_OF_STUDY)
        acronym = "".join(word[0] for word in (rng.choice(VENUE_WORDS), field, "Conference")) + str(number)
        conferences.append((acronym, f"{rng.choice(VENUE_WORDS)} Conference on {field}"))
    return sorted(journals), conferences


def _key(rng: random.Random, year: int) -> str:
    surname = "".join(c for c in rng.choice(SURNAMES).lower() if c.isascii() and c.isalpha())
    return f"{surname}{year}{rng.choice(WORDS)}{rng.choice(WORDS)}"


def _isbn(rng: random.Random) -> str:
    """An ISBN-13, its check digit right but for one in thirty (typos happen)."""
    digits = f"978{rng.randint(0, 9)}{rng.randint(100, 999)}{rng.randint(10000, 99999)}"
    check = (10 - sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10) % 10
    if rng.random() < 1 / 30:
        check = (check + 1) % 10
    return f"{digits[:3]}-{digits[3]}-{digits[4:7]}-{digits[7:]}-{check}"


def _entry(rng: random.Random, key: str, journals: list[str], macros: dict[str, str],
           conferences: list[tuple[str, str]], proceedings: set[tuple[str, int]]) -> str:
    kind = rng.choices(("article", "inproceedings", "book", "incollection", "phdthesis", "techreport", "misc"),
                       weights=(50, 25, 9, 7, 3, 3, 3))[0]
    year = rng.randint(1950, 2025)
    people = " and ".join(_author(rng) for _ in range(rng.choice((1, 1, 1, 2, 2, 3, 3, 4, 6))))
    fields = [("author", "{" + people + "}"), ("title", "{" + _title(rng) + "}")]
    if kind == "article":
        journal = rng.choice(journals)
        macro = macros.get(journal)
        fields.append(("journal", macro if macro and rng.random() < 0.8 else "{" + journal + "}"))
        fields += [("year", str(year)), ("volume", str(rng.randint(1, 140))), ("number", str(rng.randint(1, 12)))]
        first = rng.randint(1, 2000)
        fields.append(("pages", f"{{{first}--{first + rng.randint(1, 40)}}}"))
    elif kind == "inproceedings":
        acronym, name = rng.choice(conferences)
        if rng.random() < 0.2:
            proceedings.add((acronym, year))
            fields.append(("crossref", f"{{{acronym.lower()}{year}}}"))
        else:
            fields.append(("booktitle", "{Proceedings of the " + name + "}"))
            fields.append(("year", str(year)))
        first = rng.randint(1, 900)
        fields.append(("pages", f"{{{first}--{first + rng.randint(4, 12)}}}"))
    elif kind in ("book", "incollection"):
        if kind == "incollection":
            fields.append(("booktitle", "{" + _title(rng, 3, 6) + "}"))
            fields.append(("editor", "{" + _author(rng) + "}"))
        fields += [("publisher", "{" + rng.choice(PUBLISHERS) + "}"), ("address", '"' + rng.choice(GIVEN) + '"')]
        fields.append(("year", str(year)))
        if rng.random() < 0.5:
            fields.append(("isbn", "{" + _isbn(rng) + "}"))
    else:
        where = "school" if kind == "phdthesis" else "institution"
        fields += [(where, "{University of " + rng.choice(GIVEN) + "}"), ("year", str(year))]
        if kind == "misc":
            fields.append(("howpublished", "{\\url{https://example.org/" + key + "}}"))
    if rng.random() < 0.3:
        fields.append(("month", rng.choice(MONTHS)))
    if rng.random() < 0.3:
        fields.append(("doi", f"{{10.{rng.randint(1000, 99999)}/{rng.choice(WORDS)}.{rng.randint(1000, 999999)}}}"))
    if rng.random() < 0.1:
        fields.append(("url", f"{{https://example.org/{key}}}"))
    if rng.random() < 0.1:
        fields.append(("keywords", "{" + ", ".join(rng.sample(WORDS, 4)) + "}"))
    if rng.random() < 0.03:
        fields.append(("abstract", "{" + " ".join(_abstract(rng) for _ in range(rng.randint(1, 3))) + "}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}\n\n"


def bibliography(entries: int, seed: int = 3) -> tuple[str, list[str]]:
    """The file's text and the keys of its entries (in file order)."""
    rng = random.Random(seed)
    journals, conferences = venues(rng)
    macros = {name: f"j{number}" for number, name in enumerate(journals) if number % 3 == 0}
    parts = ["% A generated bibliography for citecheck's big-bibliography benchmark.\n\n"]
    parts += [f"@string{{{macro} = {{{name}}}}}\n" for name, macro in macros.items()]
    parts.append("\n")
    keys: list[str] = []
    texts: list[str] = []
    proceedings: set[tuple[str, int]] = set()
    for number in range(entries):
        if keys and rng.random() < 0.05:
            key = rng.choice(keys)  # a repeated key: the same entry pasted again, or another work
            text = rng.choice(texts) if rng.random() < 0.5 else _entry(rng, key, journals, macros, conferences, proceedings)
        else:
            key = _key(rng, rng.randint(1950, 2025))
            text = _entry(rng, key, journals, macros, conferences, proceedings)
            if len(texts) < 5000:
                texts.append(text)
        keys.append(key)
        parts.append(text)
        if number % 5000 == 4999:
            parts.append(f"@comment{{part {number // 5000}}}\n\n")
    names = dict(conferences)
    for acronym, year in sorted(proceedings):
        parts.append(
            f"@proceedings{{{acronym.lower()}{year},\n  title = {{Proceedings of the {names[acronym]} {year}}},\n"
            f"  booktitle = {{Proceedings of the {names[acronym]} {year}}},\n  year = {year},\n"
            f"  publisher = {{{rng.choice(PUBLISHERS)}}}\n}}\n\n"
        )
    return "".join(parts), keys


# The environment of the measured processes: bytecode caches written and read, as installed.
ENVIRONMENT = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def measure(command: list[str], cwd: Path) -> tuple[float, float, int, float]:
    """Wall time (s), peak RSS (MB), exit status and CPU time (user and system, s) of one whole
    process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENVIRONMENT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode() if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    if process.returncode > 1:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{error}")
    return wall, usage.ru_maxrss / 1024, process.returncode, usage.ru_utime + usage.ru_stime


def _best(runs: list[tuple[float, float, int, float]]) -> tuple[float, float, float]:
    """The least wall time, peak memory and CPU time of ``runs``."""
    return min(run[0] for run in runs), min(run[1] for run in runs), min(run[3] for run in runs)


def _verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


PARSE_FILE = (
    "import logging, sys; logging.disable(logging.CRITICAL); import bibtexparser; "
    "library = bibtexparser.parse_file(sys.argv[1]); print(len(library.entries))"
)


# What each report format costs on the big run's report (CPU s, best of the repeats): the run's
# findings located once, then each format written to memory in the order a run writes them
# (the text report first, as standard output; JUnit reuses its text).
PER_FORMAT = """
import io, sys, time
from citecheck.commands.run import narrow
from citecheck.config import load_settings
from citecheck import pipeline
from citecheck.report import Prepared
from citecheck.reporters import REPORTERS
settings = load_settings(None, bib=(sys.argv[1],), output_dir="")
report = narrow(pipeline.run(settings, [sys.argv[2]]), settings).report
best = {}
for _ in range(int(sys.argv[3])):
    prepared = Prepared(report)
    for name in ("located", "text", "json", "sarif", "markdown", "junit", "html"):
        started = time.process_time()
        if name == "located":
            prepared.located
        else:
            REPORTERS[name].write(prepared, io.StringIO())
        best[name] = min(best.get(name, float("inf")), time.process_time() - started)
print(" ".join(f"{name} {seconds:.2f}" for name, seconds in best.items()), f"(all {sum(best.values()):.2f})")
"""


def _compare(theirs: list, ours: list, no_files: list) -> tuple[float, float]:
    """Print the big run beside bibtexparser's; its time and memory ratios."""
    their_time, their_memory, their_cpu = _best(theirs)
    our_time, our_memory, our_cpu = _best(ours)
    time_ratio, memory_ratio = our_time / their_time, our_memory / their_memory
    print(f"  {'':48s} {'wall s':>8s} {'cpu s':>8s} {'peak MB':>8s}")
    print(f"  {'bibtexparser.parse_file (import included)':48s} {their_time:8.2f} {their_cpu:8.2f} {their_memory:8.0f}")
    print(f"  {'citecheck run --bib (every rule, report files)':48s} {our_time:8.2f} {our_cpu:8.2f} {our_memory:8.0f}")
    label = '  the same with --output-dir "" (no files)'
    bare_time, bare_memory, bare_cpu = _best(no_files)
    print(f"  {label:48s} {bare_time:8.2f} {bare_cpu:8.2f} {bare_memory:8.0f}")
    print(f"  time:   {time_ratio:.2f} x bibtexparser, goal <= {TIME_GOAL}: {_verdict(time_ratio <= TIME_GOAL)}"
          f" (CPU time {our_cpu / their_cpu:.2f} x; the report files {our_cpu - bare_cpu:.2f} s of it)")
    print(f"  memory: {memory_ratio:.2f} x bibtexparser, goal <= {MEMORY_GOAL}: {_verdict(memory_ratio <= MEMORY_GOAL)}")
    return time_ratio, memory_ratio


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=120_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--startup-repeat", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="write the generated files into this folder")
    parser.add_argument("--startup-only", action="store_true", help="measure only the start-up (no big file)")
    parser.add_argument("--per-format", action="store_true", help="also time each report format on the big run's report")
    args = parser.parse_args(argv)
    if args.startup_only:
        args.entries, args.repeat = 10, 0
    citecheck = str(Path(sys.executable).with_name("citecheck"))

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        text, keys = bibliography(args.entries)
        big = folder / "big.bib"
        big.write_text(text, encoding="utf-8")
        rng = random.Random(4)
        cited = rng.sample(sorted(set(keys)), min(300, len(set(keys))))
        lines = [f"A claim about {key} [@{key}]." for key in cited]
        (folder / "manuscript.md").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
        (folder / "tiny.bib").write_text(
            "@book{carr1953, author = {Carr, E. H.}, title = {The Bolshevik Revolution}, publisher = {Macmillan}, year = 1953}\n"
            "@article{tucker1977, author = {Tucker, Robert C.}, title = {Stalinism as Revolution from Above},"
            " journal = {Slavic Review}, year = 1977}\n",
            encoding="utf-8",
        )
        (folder / "tiny.md").write_text("Carr wrote it [@carr1953].\n", encoding="utf-8")
        repeated = len(keys) - len({key.casefold() for key in keys})
        if not args.startup_only:
            print(f"{args.entries} entries, {big.stat().st_size / 1e6:.1f} MB, {repeated} repeated keys "
                  f"({big.name}); whole processes, best of {args.repeat}, interleaved")

        theirs, ours, no_files = [], [], []
        run = [citecheck, "run", "--bib", "big.bib", "manuscript.md"]  # the report files go to reports/
        tiny_run = [citecheck, "run", "--bib", "tiny.bib", "tiny.md", "--output-dir", ""]
        measure(tiny_run, folder)  # untimed: writes the bytecode caches
        for _ in range(args.repeat):
            theirs.append(measure([sys.executable, "-c", PARSE_FILE, "big.bib"], folder))
            ours.append(measure(run, folder))
            no_files.append(measure([*run, "--output-dir", ""], folder))
        if args.startup_only:
            time_ratio, memory_ratio = TIME_GOAL, MEMORY_GOAL  # not measured here: no verdict on them
        else:
            time_ratio, memory_ratio = _compare(theirs, ours, no_files)
            if args.per_format:
                timed = subprocess.run(
                    [sys.executable, "-c", PER_FORMAT, "big.bib", "manuscript.md", str(max(args.repeat, 1))],
                    cwd=folder, env=ENVIRONMENT, capture_output=True, text=True, check=True,
                )
                print(f"  each format on the run's report, CPU s, best of {max(args.repeat, 1)}: {timed.stdout.strip()}")

        version, tiny, bare = [], [], []
        for _ in range(args.startup_repeat):
            bare.append(measure([sys.executable, "-c", "pass"], folder))
            version.append(measure([citecheck, "--version"], folder))
            tiny.append(measure(tiny_run, folder))
        startup = {
            "citecheck --version": _best(version),
            "citecheck run (tiny manuscript and bibliography)": _best(tiny),
        }
        bare_time, _, bare_cpu = _best(bare)
        print(f"start-up, best of {args.startup_repeat} (python -c pass alone: {bare_time:.3f} s, CPU {bare_cpu:.3f} s;"
              " CPU time tells a busy machine's wait apart)")
        for label, (seconds, _, cpu) in startup.items():
            print(f"  {label:48s} {seconds:6.3f} s (CPU {cpu:.3f} s), goal < {STARTUP_GOAL}: {_verdict(seconds < STARTUP_GOAL)}")
    met = time_ratio <= TIME_GOAL and memory_ratio <= MEMORY_GOAL and all(s[0] < STARTUP_GOAL for s in startup.values())
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
