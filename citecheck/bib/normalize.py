"""Text for comparisons: LaTeX decoded (pylatexenc), then folded for matching.

The original text is always kept for export; these functions only serve comparisons
(duplicate entries, matching citations against entries).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from citecheck.patterns import OnFirstUse

__all__ = ["fold", "latex_to_text", "normalize_whitespace"]

# Characters that make pylatexenc change anything: without them the text is returned as it is.
_LATEX_SPECIAL = OnFirstUse(re.compile, r"[\\{}$~%`'\-]")
_SPACES = OnFirstUse(re.compile, r"\s+")
# Letters that are not a base letter plus combining marks, so NFKD leaves them alone.
_FOLD_LETTERS = str.maketrans(
    {"ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th",
     "Þ": "th", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "ŀ": "l", "Ŀ": "l",
     "\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
     "\xa0": " "}
)  # fmt: skip


@lru_cache(maxsize=1)
def _converter():  # type: ignore[no-untyped-def]
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="text", keep_comments=False)


def normalize_whitespace(text: str) -> str:
    """Runs of blanks (newlines included) become one space; the ends are trimmed."""
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=65536)
def latex_to_text(value: str) -> str:
    """A field value as a reader sees it: ``{\\"o}`` -> ö, ``\\'e`` -> é, braces removed.

    ``--`` becomes an en dash and ``~`` a no-break space, as LaTeX prints them; blanks are
    collapsed. Never raises: text pylatexenc cannot read comes back with only its braces removed.
    """
    if not _LATEX_SPECIAL.search(value):
        return normalize_whitespace(value)
    try:
        text = _converter().latex_to_text(value)
    except Exception:  # pylatexenc on malformed LaTeX: keep the text, drop the grouping braces
        text = value.replace("{", "").replace("}", "")
    return normalize_whitespace(text)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """For matching: case folded, accents stripped (é -> e, ø -> o, ß -> ss), blanks collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_LETTERS))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return normalize_whitespace(stripped.casefold().translate(_FOLD_LETTERS))
