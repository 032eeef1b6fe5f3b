"""The one definition of "the same work", read by the duplicate-entry check (CC303) and by export.

Two entries describe the same work when

* they have the same DOI, and their titles agree (chapters of one book often carry the book's
  DOI: two titles under one DOI are two works); two different DOIs are two works, whatever
  else agrees; or
* they are whole works of one type (not chapters or articles, which carry their container's
  ISBN) with the same ISBN; or
* they have the same title, the same authors (else editors; surnames, LaTeX decoded, accents
  and case folded, a list ending in ``and others`` compared as far as it goes) and the same year;

and, always, nothing tells them apart: no field of :data:`DISTINGUISHING` has two different
values (volume, number, pages, edition, chapter, part, month, year: the issues of a recurring
column called "Editorial", the volumes of a multi-volume work, the chapters of a book, a reprint
or a new edition), and their containers (journal or book title) agree. A conflict in any of
these means two works, always; the rest of the fields may still disagree (a typo in the pages
is a conflict of one work; that is for the user to settle).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from citecheck.bib.identifiers import isbn13, normalize_doi
from citecheck.bib.normalize import fold, latex_to_text
from citecheck.patterns import OnFirstUse

__all__ = [
    "DISTINGUISHING",
    "PART_TYPES",
    "SameWorkIndex",
    "Work",
    "comparable",
    "conflicts",
    "same_work",
    "split_names",
    "surname_key",
    "title_key",
]

PART_TYPES = frozenset(
    "inbook bookinbook suppbook incollection suppcollection inreference inproceedings conference "
    "article suppperiodical".split()
)
# Fields whose two different values make two works. The container (journal, journaltitle,
# booktitle) is compared as a title, across the field names.
DISTINGUISHING = ("volume", "number", "issue", "part", "edition", "chapter", "pages", "month", "year")
_CONTAINERS = ("journal", "journaltitle", "booktitle")
_MONTHS = "january february march april may june july august september october november december".split()
_NOT_ALNUM = OnFirstUse(re.compile, r"[\W_]+")
_ASCII_NOT_ALNUM = bytes(code for code in range(128) if not chr(code).isalnum())
_ASCII_LOWER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")
# LaTeX the title key decodes itself; anything else goes through pylatexenc (latex_to_text).
# A control word ends at the first character that is not a letter (pylatexenc counts any
# Unicode letter, so the decoding below does too).
_WORD_LETTER = r"[^\W\d_]"
_ACCENT = OnFirstUse(re.compile,
    r"\\(?:[\"'`^~=.]\s*|[uvHcdbrk](?:\s+|(?=\{)))(?:\{\s*(\\i(?!L)|[A-Za-z])\s*\}|(\\i(?!L)|[A-Za-z]))".replace(
        "(?!L)", f"(?!{_WORD_LETTER})"
    )
)
_LETTER = OnFirstUse(re.compile, r"\\(ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|DH|dh|TH|th)(?!" + _WORD_LETTER + r")\s*")
_LETTERS = {"ss": "ss", "ae": "ae", "AE": "ae", "oe": "oe", "OE": "oe", "aa": "a", "AA": "a", "o": "o", "O": "o",
            "l": "l", "L": "l", "i": "i", "DH": "d", "dh": "d", "TH": "th", "th": "th"}  # fmt: skip
_STYLE = OnFirstUse(re.compile,
    r"\\(?:emph|textit|textbf|textsc|textsl|textrm|textnormal|text|hbox)(?!" + _WORD_LETTER + r")\s*(?=\{)"
)
_ESCAPE = OnFirstUse(re.compile, r"\\[&%$#_{}, /-]")


def _accent_letter(found: re.Match[str]) -> str:
    letter = found.group(1) or found.group(2)
    return letter[-1]


def title_key(value: str) -> str:
    """A value for matching: ``latex_to_text``, ``fold``, then only letters and digits kept.

    Equal to ``_NOT_ALNUM.sub("", fold(latex_to_text(value)))``, but it decodes accents, special
    letters, escapes and font commands itself and calls pylatexenc only for other LaTeX, which
    is a hundred times slower.
    """
    text = value
    if "\\" in text and "\\\\" not in text:  # a line break (\\) would confuse the patterns
        text = _ACCENT.sub(_accent_letter, text)
        text = _LETTER.sub(lambda found: _LETTERS[found.group(1)], text)
        text = _STYLE.sub("", text)
        text = _ESCAPE.sub("", text)
    if "\\" in text or "$" in text or "%" in text:
        text = latex_to_text(value)
    if text.isascii():  # the common case, four times faster as bytes: lowered and filtered in one step
        return text.encode("ascii").translate(_ASCII_LOWER, _ASCII_NOT_ALNUM).decode("ascii")
    return _NOT_ALNUM.sub("", fold(text))


_NAME_BREAK = OnFirstUse(re.compile, r"[{}]|\s+and\s+", re.IGNORECASE)


def split_names(value: str) -> list[str]:
    """The names of a name list as written, split at ``and`` (any case, as BibTeX reads it)
    between blanks and outside braces; each name's ends trimmed, nothing else changed."""
    names, depth, start = [], 0, 0
    for found in _NAME_BREAK.finditer(value):
        token = found.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth = max(depth - 1, 0)
        elif depth == 0:
            names.append(value[start : found.start()])
            start = found.end()
    names.append(value[start:])
    return [name.strip() for name in names]


def surname_key(value: str) -> str:
    """The first name's surname of a name list, as :func:`title_key` compares it.

    ``Last, First`` and ``First von Last`` give the same key (the last word of the last name);
    a name in braces (an institution) is taken whole.
    """
    names = [name for name in split_names(value) if name]
    if not names:
        return ""
    name = names[0]
    if name.startswith("{") and name.endswith("}") and _brace_depth_zero_at_end(name):
        return title_key(name)
    words: list[str] = []
    depth, current = 0, []
    for char in name:
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        if depth == 0 and char == ",":
            break  # "Last, First": the last name is what came before
        if depth == 0 and char.isspace():
            if current:
                words.append("".join(current))
                current = []
            continue
        current.append(char)
    if current:
        words.append("".join(current))
    return title_key(words[-1]) if words else ""


def _brace_depth_zero_at_end(name: str) -> bool:
    depth = 0
    for position, char in enumerate(name):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0 and position != len(name) - 1:
                return False
    return True


def _first_year(values: Mapping[str, str]) -> str:
    year = values.get("year") or values.get("date") or ""
    return year.strip()[:4]


def comparable(name: str, value: str) -> str:
    """A field's value as two entries are compared: braces, case and blanks do not count;
    pages, months, DOIs, ISBNs and titles each in one form."""
    if name == "doi":
        return normalize_doi(value)
    if name == "isbn":
        return isbn13(value) or value
    if name == "pages":
        return re.sub(r"\s*(?:-+|\u2013|\u2014)\s*", "--", value.strip())
    if name == "month":
        lowered = value.strip().lower().rstrip(".")
        for number, month in enumerate(_MONTHS, start=1):
            if lowered in (month, month[:3], str(number), f"{number:02d}"):
                return str(number)
    if name in ("title", *_CONTAINERS):
        return title_key(value)
    if name in ("year", "date"):
        return value.strip()[:4] if name == "year" else value.strip()
    return " ".join(value.replace("{", "").replace("}", "").split()).casefold()


def conflicts(one: Mapping[str, str], two: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """``(field, value in one, value in two)`` for each field both have with different values."""
    return [
        (name, value, two[name])
        for name, value in one.items()
        if name in two and comparable(name, value) != comparable(name, two[name])
    ]


def _container(values: Mapping[str, str]) -> str:
    for name in _CONTAINERS:
        value = values.get(name)
        if value and value.strip():
            return title_key(value)
    return ""


def _told_apart(one: Mapping[str, str], two: Mapping[str, str]) -> bool:
    """Whether a distinguishing field or the container has two different values."""
    for name in DISTINGUISHING:
        first, second = one.get(name), two.get(name)
        if first and second and first.strip() and second.strip() and comparable(name, first) != comparable(name, second):
            return True
    first, second = _container(one), _container(two)
    return bool(first and second and first != second)


def _people(values: Mapping[str, str]) -> tuple[tuple[str, ...], bool]:
    """The surnames of the authors (else the editors) and whether the list is open (``and others``)."""
    for name in ("author", "editor"):
        value = values.get(name)
        if value and value.strip():
            names = [person for person in split_names(value) if person]
            open_list = bool(names) and names[-1].strip("{} ").casefold() == "others"
            if open_list:
                names = names[:-1]
            return tuple(surname_key(person) for person in names), open_list
    return (), False


def _same_people(one: Mapping[str, str], two: Mapping[str, str]) -> bool:
    first, first_open = _people(one)
    second, second_open = _people(two)
    if first_open or second_open:
        shorter = min(len(first), len(second))
        return shorter > 0 and first[:shorter] == second[:shorter]
    return first == second


def _titles_agree(one: Mapping[str, str], two: Mapping[str, str]) -> bool:
    """Titles agree when one is the other, or the other with a subtitle (``Stalin`` and
    ``Stalin: A Biography``); chapters of one book under the book's DOI do not."""
    first, second = one.get("title"), two.get("title")
    if not first or not second:
        return True
    first, second = title_key(first), title_key(second)
    return first.startswith(second) or second.startswith(first)


@dataclass(frozen=True, slots=True)
class Work:
    """What the definition reads of an entry: its type (lower case) and the value of the first
    field of each name (lower-cased names, macros resolved)."""

    entry_type: str
    values: Mapping[str, str]


def same_work(one: Work, two: Work) -> str | None:
    """Why ``one`` and ``two`` are the same work (``"same DOI 10.1/x"``), or None when they are
    not (see the module docstring)."""
    first, second = one.values, two.values
    if _told_apart(first, second):
        return None
    doi_one, doi_two = first.get("doi"), second.get("doi")
    doi_one = normalize_doi(doi_one) if doi_one else ""
    doi_two = normalize_doi(doi_two) if doi_two else ""
    if doi_one and doi_two:
        if doi_one != doi_two or not _titles_agree(first, second):
            return None
        return f"same DOI {doi_one}"
    if one.entry_type == two.entry_type and one.entry_type not in PART_TYPES:
        isbn_one, isbn_two = first.get("isbn"), second.get("isbn")
        key = isbn13(isbn_one) if isbn_one else None
        if key is not None and isbn_two and key == isbn13(isbn_two) and _titles_agree(first, second):
            return f"same ISBN {key}"
    title_one, title_two = first.get("title"), second.get("title")
    if (
        title_one
        and title_two
        and title_key(title_one)
        and title_key(title_one) == title_key(title_two)
        and _first_year(first) == _first_year(second)
        and _same_people(first, second)
    ):
        return "same title, authors and year"
    return None


def _index_keys(entry_type: str, values: Mapping[str, str]) -> list[str]:
    """Where :class:`SameWorkIndex` files a work: its DOI, its ISBN (whole works) and its title
    with its year, each a string that names what it is (``d``, ``i``, ``t``)."""
    keys = []
    doi = values.get("doi")
    if doi:
        doi = normalize_doi(doi)
        if doi:
            keys.append("d" + doi)
    isbn = values.get("isbn")
    if isbn and entry_type not in PART_TYPES:
        key = isbn13(isbn)
        if key is not None:
            keys.append(f"i{entry_type} {key}")
    title = values.get("title")
    if title:
        key = title_key(title)
        if key:
            keys.append(f"t{key} {_first_year(values)}")
    return keys


class SameWorkIndex:
    """Entries by DOI, ISBN and title with year, added in file order: each new entry is compared
    (:func:`same_work`) with the earlier entries filed under one of its keys, and only those,
    so a large file costs one pass. ``work_of(number)`` gives an earlier entry's :class:`Work`
    again when it is compared, so the index keeps numbers, not values: under a key, the number
    of the one entry filed there, or the list of them once a second comes (most keys have one)."""

    __slots__ = ("_filed", "_work_of")

    def __init__(self, work_of: Callable[[int], Work]) -> None:
        self._filed: dict[str, int | list[int]] = {}
        self._work_of = work_of

    def add(self, number: int, work: Work) -> tuple[int, str] | None:
        """File entry ``number``; the earliest earlier entry that is the same work, with the
        reason, or None."""
        return self.file(number, work.entry_type, work.values)

    def file(self, number: int, entry_type: str, values: Mapping[str, str]) -> tuple[int, str] | None:
        """:meth:`add` for a work given by its type and values: its :class:`Work` is made only
        when an earlier entry shares one of its keys (rarely, in a large file)."""
        candidates: list[int] = []
        filed_under = self._filed
        for key in _index_keys(entry_type, values):
            filed = filed_under.setdefault(key, number)
            if filed is number:
                continue
            if isinstance(filed, int):
                candidates.append(filed)
                filed_under[key] = [filed, number]
            else:
                candidates.extend(filed)
                filed.append(number)
        if not candidates:
            return None
        work = Work(entry_type, values)
        for earlier in sorted(set(candidates)):
            reason = same_work(self._work_of(earlier), work)
            if reason is not None:
                return earlier, reason
        return None
