"""The names of the report formats, each the name of its module in :mod:`citecheck.reporters`.

The list lives below the configuration so that ``format = "..."`` is checked without loading a
reporter; :mod:`citecheck.reporters` loads one module per name. A new format is its module plus
its name here.
"""

from __future__ import annotations

REPORT_FORMATS = ("text", "json", "sarif", "github", "markdown", "junit", "html")
