"""The report formats, each the name of its module in :mod:`citecheck.reporters`, with the file
it is written to in the output directory.

The table lives below the configuration so that ``format = "..."`` is checked, and the report
files are named, without loading a reporter; :mod:`citecheck.reporters` loads a format's module
when it is first used. A new format is its module plus its line here.
"""

from __future__ import annotations

# Each format and its file in the output directory (None: standard output only; GitHub's
# workflow commands work on standard output only).
REPORT_FILE_NAMES: dict[str, str | None] = {
    "text": "citecheck.txt",
    "json": "citecheck.json",
    "sarif": "citecheck.sarif",
    "github": None,
    "markdown": "citecheck.md",
    "junit": "citecheck.junit.xml",
    "html": "citecheck.html",
}

REPORT_FORMATS: tuple[str, ...] = tuple(REPORT_FILE_NAMES)
