"""CC3xx: the bibliography itself. Every finding points into the ``.bib`` file.

The field-level checks (CC301's field problems, CC303, CC304, CC305, CC306 and CC308's links)
share one pass over every entry (:func:`survey_fields`, made once per run of the rules): a
20,000-entry file has some 110,000 fields, and walking them once per rule would cost more than
the checks themselves. Each check starts with a cheap test of the common, well-formed case.
Each rule still has its own function, code and documentation; the pass only sorts what it
finds by code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from citecheck.bib.backend import (
    BIBER,
    BST_JOURNAL_MACROS,
    DATE_FIELDS,
    LINK_FIELDS,
    VERBATIM_FIELDS,
    defines_bst_macros,
    tex_string_file,
)
from citecheck.bib.identifiers import DOI_PREFIX, identifiers, isbn13_check, isbns, normalize_doi
from citecheck.bib.load import interpret_value, macro_refs
from citecheck.bib.model import BibEntry, BibField, Bibliography
from citecheck.bib.sameness import SameWorkIndex, Work, conflicts
from citecheck.diagnostics import Finding, Fix
from citecheck.patterns import OnFirstUse
from citecheck.rules import Context, rule
from citecheck.source import Span

# --------------------------------------------------------------------------------------------
# Required fields (CC304)

# A requirement is a group of field names, any one of which satisfies it. The names of the
# other data model count too: journal/journaltitle, year/date, school/institution,
# address/location (see _EQUIVALENT).
Requirement = tuple[str, ...]

_BIBTEX: dict[str, tuple[Requirement, ...]] = {
    # BibTeX's standard styles (btxdoc, "Entry Types").
    "article": (("author",), ("title",), ("journal",), ("year",)),
    "book": (("author", "editor"), ("title",), ("publisher",), ("year",)),
    "booklet": (("title",),),
    "inbook": (("author", "editor"), ("title",), ("chapter", "pages"), ("publisher",), ("year",)),
    "incollection": (("author",), ("title",), ("booktitle",), ("publisher",), ("year",)),
    "inproceedings": (("author",), ("title",), ("booktitle",), ("year",)),
    "conference": (("author",), ("title",), ("booktitle",), ("year",)),
    "manual": (("title",),),
    "mastersthesis": (("author",), ("title",), ("school",), ("year",)),
    "phdthesis": (("author",), ("title",), ("school",), ("year",)),
    "misc": (),
    "proceedings": (("title",), ("year",)),
    "techreport": (("author",), ("title",), ("institution",), ("year",)),
    "unpublished": (("author",), ("title",), ("note",)),
}

_BL_DATED = ("date", "year")
_BIBLATEX: dict[str, tuple[Requirement, ...]] = {
    # The biblatex manual, section 2.1.1 ("Regular Types"); aliases as in 2.1.2.
    "article": (("author",), ("title",), ("journaltitle",), _BL_DATED),
    "book": (("author",), ("title",), _BL_DATED),
    "mvbook": (("author",), ("title",), _BL_DATED),
    "inbook": (("author",), ("title",), ("booktitle",), _BL_DATED),
    "bookinbook": (("author",), ("title",), ("booktitle",), _BL_DATED),
    "suppbook": (("author",), ("title",), ("booktitle",), _BL_DATED),
    "booklet": (("author", "editor"), ("title",), _BL_DATED),
    "collection": (("editor",), ("title",), _BL_DATED),
    "mvcollection": (("editor",), ("title",), _BL_DATED),
    "reference": (("editor",), ("title",), _BL_DATED),
    "mvreference": (("editor",), ("title",), _BL_DATED),
    "incollection": (("author",), ("title",), ("booktitle",), _BL_DATED),
    "suppcollection": (("author",), ("title",), ("booktitle",), _BL_DATED),
    "inreference": (("author",), ("title",), ("booktitle",), _BL_DATED),
    "dataset": (("author", "editor"), ("title",), _BL_DATED),
    "manual": (("author", "editor"), ("title",), _BL_DATED),
    "misc": (("author", "editor"), ("title",), _BL_DATED),
    "software": (("author", "editor"), ("title",), _BL_DATED),
    "online": (("author", "editor"), ("title",), _BL_DATED, ("url", "doi", "eprint")),
    "electronic": (("author", "editor"), ("title",), _BL_DATED, ("url", "doi", "eprint")),
    "www": (("author", "editor"), ("title",), _BL_DATED, ("url", "doi", "eprint")),
    "patent": (("author",), ("title",), ("number",), _BL_DATED),
    "periodical": (("editor",), ("title",), _BL_DATED),
    "suppperiodical": (("author",), ("title",), ("journaltitle",), _BL_DATED),
    "proceedings": (("title",), _BL_DATED),
    "mvproceedings": (("title",), _BL_DATED),
    "inproceedings": (("author",), ("title",), ("booktitle",), _BL_DATED),
    "conference": (("author",), ("title",), ("booktitle",), _BL_DATED),
    "report": (("author",), ("title",), ("type",), ("institution",), _BL_DATED),
    "techreport": (("author",), ("title",), ("institution",), _BL_DATED),  # @report, type implied
    "thesis": (("author",), ("title",), ("type",), ("institution",), _BL_DATED),
    "phdthesis": (("author",), ("title",), ("institution",), _BL_DATED),  # @thesis, type implied
    "mastersthesis": (("author",), ("title",), ("institution",), _BL_DATED),
    "unpublished": (("author",), ("title",), _BL_DATED),
    "set": (("entryset",),),
    "xdata": (),
}

# The same datum under each model's name: either satisfies a requirement.
_EQUIVALENT = {
    "journal": "journaltitle",
    "journaltitle": "journal",
    "year": "date",
    "date": "year",
    "school": "institution",
    "institution": "school",
    "address": "location",
    "location": "address",
}

# An entry is judged by biblatex's data model when its type or one of its fields exists only
# there; otherwise by BibTeX's.
_BIBLATEX_TYPES = frozenset(_BIBLATEX) - frozenset(_BIBTEX)
_BIBLATEX_FIELDS = frozenset(
    "date journaltitle journalsubtitle location maintitle mainsubtitle booksubtitle eventtitle "
    "eventdate origdate eprinttype xdata entryset".split()
)


def _expand(requirements: tuple[Requirement, ...]) -> tuple[tuple[Requirement, tuple[str, ...]], ...]:
    """Each requirement with the names that satisfy it (its own, then the other model's)."""
    out = []
    for group in requirements:
        names = list(group)
        for name in group:
            other = _EQUIVALENT.get(name)
            if other is not None and other not in names:
                names.append(other)
        out.append((group, tuple(names)))
    return tuple(out)


_REQUIRED = {
    "BibTeX": {kind: _expand(groups) for kind, groups in _BIBTEX.items()},
    "biblatex": {kind: _expand(groups) for kind, groups in _BIBLATEX.items()},
}


# Per model and type, the first name of each requirement: an entry with all of them needs no
# closer look.
_USUAL = {
    model: {kind: frozenset(group[0] for group, _ in requirements) for kind, requirements in table.items()}
    for model, table in _REQUIRED.items()
}
_NOTHING: frozenset[str] = frozenset()


def _filled(value: str | None) -> bool:
    return bool(value and not value.isspace())


# --------------------------------------------------------------------------------------------
# Field values (CC305)

_YEAR = OnFirstUse(re.compile, r"\d{4}")
_DATE_PART = (
    r"-?\d[\dX]{3}(?:-(?:0[1-9]|1[0-2]|2[1-4]|XX)(?:-(?:0[1-9]|[12]\d|3[01]|XX))?)?"
    r"(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?[?~%]?"
)
# biblatex's dates (ISO 8601-2 / EDTF level 1): a date, a range, an open range.
_DATE = OnFirstUse(re.compile, rf"{_DATE_PART}(?:/(?:{_DATE_PART}|\.\.)?)?|(?:\.\.)?/{_DATE_PART}")
_PAGE = r"(?:[A-Za-z]?\d+[A-Za-z]?|[ivxlcdm]+|[IVXLCDM]+)"
_SINGLE_HYPHEN = OnFirstUse(re.compile, rf"(?<![\w-])({_PAGE})[ \t]*-[ \t]*({_PAGE})(?![\w-])")
_RANGE = OnFirstUse(re.compile, r"(?<![\w.])(\d+)\s*(?:-{1,3}|\u2013|\u2014)\s*(\d+)(?![\w.])")
_MONTHS = (
    "january february march april may june july august september october november december".split()
)
_MONTH_FORMS = frozenset(
    [*_MONTHS, *(name[:3] for name in _MONTHS), "sept", *(str(n) for n in range(1, 13)),
     *(f"{n:02d}" for n in range(1, 10))]
)  # fmt: skip
_MONTH_MACROS = frozenset(name[:3] for name in _MONTHS)
_DOUBLED = OnFirstUse(re.compile, r"(?<=\S)(?:[ \t]{2,}|\t)(?=\S)")  # within a line: indentation is layout
_UNESCAPED_BRACE = OnFirstUse(re.compile, r"(?<!\\)[{}]")


def _shown(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _line(bib: Bibliography, span: Span, seen_from: Span) -> str:
    """``line 4``, or ``line 4 of other.bib`` when ``span`` is in another file than ``seen_from``."""
    line = bib.source_of(span).index.line_col(span.start)[0]
    return f"line {line}" if span.path == seen_from.path else f"line {line} of {span.path}"


def _check_year(entry: BibEntry, item: BibField) -> list[Finding]:
    value = item.value
    if len(value) == 4 and value.isdigit() and value.isascii():
        return []
    value = value.replace("{", "").replace("}", "").strip()
    if _YEAR.fullmatch(value):
        return []
    lowered = value.lower()
    if lowered in ("n.d.", "nd", "n. d.", "no date", "s.d.", "o.j."):
        hint = "leave the field out when the date is unknown"
    elif lowered in ("in press", "forthcoming", "submitted", "in preparation", "to appear"):
        hint = "biblatex has pubstate for this"
    elif re.fullmatch(r"\d{4}\s*(?:-{1,3}|/|\u2013)\s*\d{2,4}", value):
        hint = "for a span of years use date = {YYYY/YYYY}"
    else:
        hint = "a year is four digits"
    return [Finding(entry.value_span(item), f"year '{_shown(item.value)}' is not a year: {hint}")]


def _check_date(entry: BibEntry, item: BibField) -> list[Finding]:
    if _DATE.fullmatch(item.value.strip()) is not None:
        return []
    return [
        Finding(
            entry.value_span(item),
            f"date '{_shown(item.value)}' is not a date biblatex reads: write YYYY, YYYY-MM or "
            "YYYY-MM-DD, or a range such as 1988/1992",
        )
    ]


def _plain_pages(value: str) -> bool:
    """A plain range (12--30) or no range at all: the common case, in which the check finds nothing."""
    first, dashes, last = value.partition("--")
    if dashes and first.isdigit() and last.isdigit() and first.isascii() and last.isascii():
        if len(last) == len(first):
            return last >= first  # digits of one length compare as their numbers do
        return len(last) > len(first) and int(last) >= int(first)
    return "-" not in value and "\u2013" not in value and "\u2014" not in value


def _check_pages(entry: BibEntry, item: BibField) -> list[Finding]:
    """A range joined by a single hyphen (a ``.bst`` prints it as written), or run backwards."""
    value = item.value
    if _plain_pages(value):
        return []
    found: list[Finding] = []
    if "-" in value and _SINGLE_HYPHEN.search(value):
        raw = item.raw
        shown = _SINGLE_HYPHEN.sub(r"\1--\2", value)
        fix = None
        if raw[:1] in "{\"" and "#" not in raw:
            fix = Fix(f"write {_shown(shown)}", _SINGLE_HYPHEN.sub(r"\1--\2", raw), entry.value_span(item))
        found.append(
            Finding(
                entry.value_span(item),
                f"pages '{_shown(value)}' joins a range with a single hyphen: write {_shown(shown)}",
                fix,
            )
        )
    return found + _check_page_order(entry, item)


def _check_page_order(entry: BibEntry, item: BibField) -> list[Finding]:
    """A range that runs backwards; biber reads ``13-14`` as a range, so under biber only this."""
    value = item.value
    if _plain_pages(value):
        return []
    found: list[Finding] = []
    for pair in _RANGE.finditer(value):
        first, last = pair.group(1), pair.group(2)
        if len(last) < len(first):  # 1234--56 means 1234--1256
            last = first[: len(first) - len(last)] + last
        if int(last) < int(first):
            found.append(
                Finding(entry.value_span(item), f"pages '{_shown(value)}': the range {pair.group(0)} ends before it starts")
            )
    return found


def _check_month(entry: BibEntry, item: BibField) -> list[Finding]:
    if item.written is not None and item.written.lower() in _MONTH_MACROS:
        return []
    if item.value.replace("{", "").replace("}", "").strip().lower().rstrip(".") in _MONTH_FORMS:
        return []
    return [
        Finding(
            entry.value_span(item),
            f"month '{_shown(item.value)}' is not a month: write one of the macros jan … dec "
            "(no braces), a month's name or a number from 1 to 12",
        )
    ]


def _check_braces(entry: BibEntry, item: BibField) -> list[Finding]:
    depth = 0
    for mark in _UNESCAPED_BRACE.finditer(item.raw):
        if mark.group() == "{":
            depth += 1
        else:
            depth -= 1
            if depth < 0:
                return [Finding(entry.value_span(item), f"unbalanced braces in field '{item.name}': a '}}' closes nothing")]
    if depth:
        return [Finding(entry.value_span(item), f"unbalanced braces in field '{item.name}': a '{{' is never closed")]
    return []


def _check_spacing(entry: BibEntry, item: BibField) -> list[Finding]:
    """Leading or trailing blanks inside the delimiters, or doubled spaces (not line layout), in
    a verbatim field: elsewhere both backends collapse blanks and trim the value, so they change
    nothing in print."""
    raw = item.raw
    inner = raw[1:-1]
    problems = []
    if inner[:1].isspace():
        problems.append("leading")
    if inner[-1:].isspace() and not inner.rstrip().endswith("\\"):  # "\ " is a deliberate blank
        problems.append("trailing")
    doubled = _DOUBLED.search(inner) is not None
    if not problems and not doubled:
        return []
    what = f"{' and '.join(problems)} whitespace" if problems else ""
    if doubled:
        what = f"{what} and doubled spaces" if what else "doubled spaces"
    fixed = _DOUBLED.sub(" ", inner)
    if "leading" in problems:
        fixed = fixed.lstrip()
    if "trailing" in problems:
        fixed = fixed.rstrip()
    fix = Fix("trim the whitespace", raw[0] + fixed + raw[-1], entry.value_span(item))
    return [Finding(entry.value_span(item), f"field '{item.name}' has {what}", fix)]


# --------------------------------------------------------------------------------------------
# Identifiers (CC306)

_DOI = OnFirstUse(re.compile, r"10\.\d{4,9}/\S+")
_SHORT_DOI = OnFirstUse(re.compile, r"10/[a-z0-9]+", re.IGNORECASE)  # shortdoi.org's aliases: 10/gf29tr
_ISSN = OnFirstUse(re.compile, r"(\d{4})-?(\d{3})([\dXx])")
_ISSN_LIKE = OnFirstUse(re.compile, r"\d{7}[\dX]")


def _isbn10_check(digits: str) -> str:
    total = sum((10 - position) * int(digit) for position, digit in enumerate(digits[:9]))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


def _issn_check(digits: str) -> str:
    total = sum((8 - position) * int(digit) for position, digit in enumerate(digits[:7]))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)




def _check_doi(entry: BibEntry, item: BibField) -> list[Finding]:
    value = item.value.replace("{", "").replace("}", "").strip()
    doi = DOI_PREFIX.sub("", value).strip()
    if not doi or _DOI.fullmatch(doi) is not None or _SHORT_DOI.fullmatch(doi) is not None:
        return []  # a DOI or a shortDOI, with or without its prefix, or nothing
    if re.match(r"[a-z][a-z0-9+.-]*://", doi, re.IGNORECASE):
        problem = "it is a link, not a DOI (a DOI starts with 10.)"
    elif not doi.startswith("10."):
        problem = "a DOI starts with 10."
    elif "/" not in doi:
        problem = "a DOI has a '/' between its prefix and its suffix"
    elif re.search(r"\s", doi):
        problem = "a DOI has no blanks in it"
    else:
        problem = "a DOI's prefix is 10. followed by 4 to 9 digits"
    return [Finding(entry.value_span(item), f"DOI '{_shown(value, 60)}' is not a DOI: {problem}")]


def _check_isbn(entry: BibEntry, item: BibField) -> list[Finding]:
    found = []
    for written, digits in isbns(item.value):
        shown = _shown(written)
        problem = None
        if len(digits) == 10 and digits[:9].isdigit() and (digits[9].isdigit() or digits[9] == "X"):
            expected = _isbn10_check(digits)
            if digits[9] != expected:
                problem = f"ISBN {shown}: the check digit should be {expected}, not {digits[9]}"
        elif len(digits) == 13 and digits.isdigit():
            expected = isbn13_check(digits)
            if not digits.startswith(("978", "979")):
                problem = f"ISBN {shown} is not an ISBN: an ISBN-13 starts with 978 or 979"
            elif digits[12] != expected:
                problem = f"ISBN {shown}: the check digit should be {expected}, not {digits[12]}"
        elif _ISSN_LIKE.fullmatch(digits):
            problem = f"ISBN {shown} is not an ISBN but an ISSN: it belongs in the issn field"
        elif _DOI.fullmatch(normalize_doi(written)):
            problem = f"ISBN {shown} is not an ISBN but a DOI: it belongs in the doi field"
        else:
            count = sum(char.isdigit() for char in digits)
            odd = "" if re.fullmatch(r"[\dX]*", digits) else " and other characters"
            problem = f"ISBN {shown} is not an ISBN: it has {count} digits{odd}; an ISBN has 10 or 13"
        if problem is not None:
            found.append(Finding(entry.value_span(item), problem))
    return found


def _check_issn(entry: BibEntry, item: BibField) -> list[Finding]:
    found = []
    for written in identifiers(item.value):
        parts = _ISSN.fullmatch(written)
        if parts is None:
            problem = f"ISSN '{_shown(written)}' is not an ISSN: an ISSN is written 1234-567X"
            found.append(Finding(entry.value_span(item), problem))
            continue
        digits = parts.group(1) + parts.group(2) + parts.group(3).upper()
        expected = _issn_check(digits)
        if digits[7] != expected:
            problem = f"ISSN {written}: the check digit should be {expected}, not {digits[7]}"
            found.append(Finding(entry.value_span(item), problem))
    return found


# --------------------------------------------------------------------------------------------
# The survey: one pass over every field of every entry


@dataclass(slots=True)
class _Survey:
    syntax: list[Finding] = field(default_factory=list)  # CC301 (fields whose value is not well-formed)
    missing: list[Finding] = field(default_factory=list)  # CC304
    malformed: list[Finding] = field(default_factory=list)  # CC305
    identifiers: list[Finding] = field(default_factory=list)  # CC306
    references: list[Finding] = field(default_factory=list)  # CC308 (crossref, xdata, xref)
    undefined_macros: bool = False  # CC308 reads macro_refs(bib) only then
    # CC303: the candidate pairs (earlier entry's number, later entry's number, why).
    pairs: list[tuple[int, int, str]] = field(default_factory=list)


_VALUE_CHECKS: dict[str, tuple[str, Callable[[BibEntry, BibField], list[Finding]]]] = {
    "year": ("malformed", _check_year),
    **{name: ("malformed", _check_date) for name in DATE_FIELDS},
    "pages": ("malformed", _check_pages),
    "month": ("malformed", _check_month),
    "doi": ("identifiers", _check_doi),
    "isbn": ("identifiers", _check_isbn),
    "issn": ("identifiers", _check_issn),
    "eissn": ("identifiers", _check_issn),
}
_BLANK = frozenset(" \t\n\r\f\v")


def _defined_macros(bib: Bibliography, backend: str | None) -> Mapping[str, str]:
    """The macros a value may use: the file's (and jan ... dec), and the journal macros of the
    standard ``.bst`` styles unless biber reads the file."""
    if not defines_bst_macros(backend):
        return bib.macros
    return {**{name: name for name in BST_JOURNAL_MACROS}, **bib.macros}


def _undefined_macro(raw: str, macros: Mapping[str, str]) -> bool:
    """Whether a value written with bare words uses a macro no @string defines."""
    if "#" not in raw:
        return raw.lower() not in macros
    return any(name not in macros for name, _, _ in interpret_value(raw, macros.get)[1])


def survey_fields(context: Context) -> _Survey:
    """One pass over every entry: what CC301 and CC303–CC306 report, and CC308's links (the
    pass the rules of this module share: ``@rule(..., uses=survey_fields)``)."""
    survey = _Survey()
    bib = context.bibliography
    if bib is None:
        return survey
    backend = context.backend
    macros = _defined_macros(bib, backend)
    buckets = {"malformed": survey.malformed, "identifiers": survey.identifiers}
    checks = {name: (buckets[bucket], check) for name, (bucket, check) in _VALUE_CHECKS.items()}
    if backend == BIBER:
        checks["pages"] = (survey.malformed, _check_page_order)
    for name in LINK_FIELDS:
        checks[name] = (survey.references, lambda entry, item: list(_check_links(bib, entry, item)))
    watched = frozenset(checks) | VERBATIM_FIELDS
    biber = backend == BIBER
    entries = bib.entries
    duplicates = SameWorkIndex(lambda number: Work(entries[number].entry_type, _first_values(entries[number])))
    for number, entry in enumerate(bib.entries):
        values, empty, unreadable = _look_closely(survey, bib, entry, macros, checks, watched)
        # A value that is not well-formed may have swallowed the next fields: CC301 says so,
        # and reporting them as missing as well would send the reader the wrong way.
        required = None if unreadable else _check_required(bib, entry, values, empty, biber)
        if required is not None:
            survey.missing.append(required)
        same = duplicates.file(number, entry.entry_type, values)
        if same is not None:
            survey.pairs.append((same[0], number, same[1]))
    if not survey.undefined_macros:
        for string in bib.strings:
            if any(name not in macros for name, _, _ in interpret_value(string.raw, macros.get)[1]):
                survey.undefined_macros = True
        for preamble in bib.preambles:
            if preamble.raw.strip() and any(
                name not in macros for name, _, _ in interpret_value(preamble.raw.strip(), macros.get)[1]
            ):
                survey.undefined_macros = True
    return survey


def _look_closely(
    survey: _Survey,
    bib: Bibliography,
    entry: BibEntry,
    macros: Mapping[str, str],
    checks: Mapping[str, tuple[list[Finding], Callable[[BibEntry, BibField], list[Finding]]]],
    watched: frozenset[str],
) -> tuple[dict[str, str], set[str] | None, bool]:
    """Every field check on one entry's built fields, the findings added to ``survey``.

    ``macros`` are the macros a value may use; ``watched`` the names of the fields a check
    looks at (or whose blanks matter). Returns the value of the first field of each name, the
    names whose value is empty (None: none is), and whether a value is not well-formed. The
    common case is let go first: a well-formed, non-blank value in braces of a field no check
    looks at.
    """
    malformed = survey.malformed
    values: dict[str, str] = {}
    empty: set[str] | None = None
    unreadable = False
    for item in entry.fields:
        name, value, _, _, raw, problem = item  # raw None: the value in braces, the common case
        if name in values:
            malformed.append(_repeated(bib, entry, item))
        else:
            values[name] = value
        if raw is None and problem is None and value and name not in watched and not value.isspace():
            continue
        if problem is not None:
            survey.syntax.append(Finding(entry.value_span(item), f"the value of field '{name}' is not well-formed: {problem}"))
            unreadable = True
            continue
        opening = "{" if raw is None else raw[0]
        if opening == "{" or opening == '"':
            inner = value if raw is None else raw[1:-1]
            # Blanks at the ends, doubled or tabs matter in a verbatim field, or in a value that is
            # only blanks (an empty value): elsewhere they change nothing.
            verbatim = name in VERBATIM_FIELDS
            if (verbatim or not value or value.isspace()) and (
                not inner or inner[0] in _BLANK or inner[-1] in _BLANK or "  " in inner or "\t" in inner
            ):
                if verbatim and "#" not in inner:
                    malformed.extend(_check_spacing(entry, item))
                if not value or value.isspace():
                    empty = empty or set()
                    empty.add(name)
                    continue  # an empty value: missing if required (CC304), nothing to judge
            if opening == '"' and ("{" in raw or "}" in raw):
                malformed.extend(_check_braces(entry, item))
        elif not (raw.isdigit() and raw.isascii()):
            if _undefined_macro(raw, macros):
                survey.undefined_macros = True
                continue  # CC308 reports it; the value is the macro's name, not worth judging
            if "#" in raw and ("{" in raw or "}" in raw):
                malformed.extend(_check_braces(entry, item))
        check = checks.get(name)
        if check is not None:
            found = check[1](entry, item)
            if found:
                check[0].extend(found)
    return values, empty, unreadable


def _repeated(bib: Bibliography, entry: BibEntry, item: BibField) -> Finding:
    """``item`` names a field that came earlier in ``entry``."""
    earlier = next(field for field in entry.fields if field.name == item.name)
    return Finding(
        entry.name_span(item),
        f"field '{item.name}' is repeated in entry '{entry.key}': first at "
        f"{_line(bib, entry.field_span(earlier), entry.field_span(item))}; BibTeX keeps one value and ignores the other",
    )


def _check_links(bib: Bibliography, entry: BibEntry, item: BibField) -> Iterator[Finding]:
    keys = [item.value] if item.name == "crossref" else item.value.split(",")
    for key in keys:
        key = key.strip()
        if key and bib.find(key) is None:
            span = entry.value_span(item)
            at = item.raw.find(key)
            if at >= 0:
                span = Span(span.path, span.start + at, span.start + at + len(key))
            yield Finding(span, f"{item.name} target '{key}' is not in the bibliography")


def _data_model(kind: str, names: Iterable[str], biber: bool) -> str:
    """The data model an entry is judged by: biblatex's under biber, or when its type or one of
    its fields exists only there; else BibTeX's."""
    if biber or kind in _BIBLATEX_TYPES or not _BIBLATEX_FIELDS.isdisjoint(names):
        return "biblatex"
    return "BibTeX"


def _check_required(
    bib: Bibliography, entry: BibEntry, first: dict[str, str], empty: set[str] | None, biber: bool
) -> Finding | None:
    kind = entry.entry_type
    model = _data_model(kind, first, biber)
    present = first.keys() if empty is None else first.keys() - empty
    if present >= _USUAL[model].get(kind, _NOTHING):
        return None  # the usual names of every required field are there: the common case
    requirements = _REQUIRED[model].get(kind)
    if not requirements:
        return None
    missing = [accepted for _, accepted in requirements if present.isdisjoint(accepted)]
    if missing and ("crossref" in first or "xdata" in first):
        resolved = bib.resolved_fields(entry)
        missing = [accepted for accepted in missing if not any(_filled(resolved.get(name)) for name in accepted)]
    if not missing:
        return None
    names = ", ".join("/".join(group) for group in missing)
    plural = "s" if len(missing) > 1 else ""
    message = f"@{kind} '{entry.key}' lacks the required field{plural} {names} ({model} data model)"
    return Finding(entry.key_span, message)


# --------------------------------------------------------------------------------------------
# Duplicate entries (CC303)

def _first_values(entry: BibEntry) -> dict[str, str]:
    """The value of the first field of each name, as the survey judged them: computed again for
    the few entries a duplicate check compares, since keeping them for every entry costs more."""
    values: dict[str, str] = {}
    for item in entry.fields:
        values.setdefault(item.name, item.value)
    return values


def _differences(earlier: dict[str, str], later: dict[str, str]) -> list[str]:
    """``pages differ: 12--30 vs 12--31`` for each field both entries have with other values."""
    return [
        f"{name} {'differ' if name in _PLURAL_FIELDS else 'differs'}: {_shown(one, 30)} vs {_shown(two, 30)}"
        for name, one, two in conflicts(earlier, later)
    ]


_PLURAL_FIELDS = frozenset({"pages", "keywords", "notes", "ids", "options"})


def _duplicates(bib: Bibliography, survey: _Survey) -> Iterator[Finding]:
    """The later entry of each pair, against the earliest entry it is the same work as."""
    entries = bib.entries
    for earlier, later, why in sorted(survey.pairs, key=lambda pair: pair[1]):
        first, second = entries[earlier], entries[later]
        if first.key.casefold() == second.key.casefold():
            continue  # the same key twice: CC302 reports it
        differences = _differences(_first_values(first), _first_values(second))
        if len(differences) > 4:
            differences = [*differences[:4], f"and {len(differences) - 4} more fields differ"]
        detail = "; ".join(differences) if differences else "no field conflicts"
        yield Finding(
            second.key_span,
            f"entry '{second.key}' duplicates '{first.key}' ({_line(bib, first.span, second.span)}): {why}; {detail}",
        )


# --------------------------------------------------------------------------------------------
# The rules


@rule("CC301", uses=survey_fields)
def syntax_error(context: Context, surveyed: _Survey) -> Iterator[Finding]:
    """A block of the .bib file cannot be read, or a field's value is not well-formed BibTeX.

    Why: BibTeX and biber skip what they cannot read, often with a message far from the cause,
    and every citation of a lost entry fails. The finding stands at the block (or the value) and
    says what was expected where.
    Example: ``@article{fd title = {Kinship}}``: expected ',' after the key 'fd', found 'title';
    ``title = {Kinship} {and Class},``: text after the value (a missing '#' or ','?).
    """
    bib = context.bibliography
    if bib is None:
        return
    for failure in bib.failures:
        yield Finding(failure.span, f"cannot read this block: {failure.message}")
    yield from surveyed.syntax


def _case_clash(context: Context) -> str:
    if context.backend == BIBER:
        return "biber keeps both, warning of a likely typo"
    return "keys that differ only in case clash in BibTeX"


@rule("CC302")
def duplicate_key(context: Context) -> Iterator[Finding]:
    """Two entries have the same key (ignoring case, as BibTeX compares keys).

    Why: a citation can lead to only one entry; BibTeX and biber keep one and drop the other,
    so the manuscript may silently cite the wrong work. The second entry is reported, naming
    the line of the first (and its file, when several bibliographies are read: the key is
    looked up across all of them). A field repeated inside one entry is CC305 (malformed-field), not
    this rule: it does not make a citation ambiguous.
    Example: ``@book{Smith2001, ...}`` on line 4 and ``@article{smith2001, ...}`` on line 40.
    """
    bib = context.bibliography
    if bib is None or len(bib.by_folded_key) == len(bib.entries):
        return  # as many keys, ignoring case, as entries: none is used twice
    seen: dict[str, BibEntry] = {}
    for entry in bib.entries:
        folded = entry.key.casefold()
        first = seen.setdefault(folded, entry)
        if first is entry:
            continue
        where = _line(bib, first.span, entry.span)
        same = "" if first.key == entry.key else f" as '{first.key}' ({_case_clash(context)})"
        yield Finding(entry.key_span, f"key '{entry.key}' is already used by the entry at {where}{same}")


@rule("CC303", uses=survey_fields)
def duplicate_entry(context: Context, surveyed: _Survey) -> Iterator[Finding]:
    """Two entries describe the same work under different keys.

    Why: the manuscript may cite both keys for one work, the printed bibliography lists it twice,
    and the two copies usually disagree somewhere. The later entry is reported, naming the
    earlier one, its line, and every field on which they disagree.
    "The same work" is defined once, in :mod:`citecheck.bib.sameness`, for this check and for
    ``citecheck export``: the same DOI (and the same title: chapters share their book's DOI), the
    same ISBN (whole works of one type), or the same title, authors and year; and never when
    the volume, number, pages, edition, chapter, part, month, year or container differ (the
    issues of a recurring column, the volumes of one work, a new edition are different works).
    Two entries with the same key are CC302's, not this rule's.
    Example: ``@article{tucker77, doi = {10.2307/1855061}, url = {https://a.org/x}}`` and
    ``@article{Tucker1977, doi = {https://doi.org/10.2307/1855061}, url = {https://b.org/x}}``:
    same DOI 10.2307/1855061; url differs: https://a.org/x vs https://b.org/x.
    """
    if context.bibliography is None:
        return
    yield from _duplicates(context.bibliography, surveyed)


@rule("CC304", uses=survey_fields)
def missing_field(context: Context, surveyed: _Survey) -> Iterator[Finding]:
    """An entry lacks a field its type requires.

    Why: the style prints a gap, a warning or nothing at all where the journal, publisher or
    year should be, and readers cannot find the work.
    An entry is judged by biblatex's data model when biber reads the file (``backend``, or a
    document that loads biblatex), or when its type or one of its fields exists only
    there (``@online``, ``@thesis``, ``date``, ``journaltitle`` ...), otherwise by BibTeX's.
    Either model's name satisfies a requirement (journal/journaltitle, year/date,
    school/institution, address/location), and fields inherited through ``crossref`` or
    ``xdata`` count; an empty value does not. Types neither model requires anything of
    (``@misc`` in BibTeX, unknown types) are not checked, nor is an entry with a value that is
    not well-formed (CC301: the value may have swallowed the fields that follow it).
    Example: ``@article{tucker1977, author = {Tucker, Robert C.}, title = {...}, year = 1977}``
    lacks the required field journal/journaltitle (BibTeX data model).
    """
    if context.bibliography is None:
        return
    yield from surveyed.missing


@rule("CC305", uses=survey_fields)
def malformed_field(context: Context, surveyed: _Survey) -> Iterator[Finding]:
    """A field's value is not in the form its field expects, or a field is repeated.

    Why: styles sort and print these values; a range with a single hyphen prints as a hyphen, a
    year that is not a year breaks sorting and labels, and a repeated field means one of two
    values is silently ignored (BibTeX keeps one; bibtexparser rejects the entry).
    Checks: ``year`` is four digits (``n.d.`` is reported too); ``date`` (and ``origdate``,
    ``eventdate``, ``urldate``) is a biblatex date or range; ``pages`` ranges use ``--`` (fix:
    ``13-14`` becomes ``13--14``; not under biber, which reads a single hyphen as a range) and
    do not run backwards (``30--12``; ``1234--56`` is read as 1234--1256); ``month`` is one of
    the macros jan … dec, a month's name or a number 1–12; braces balance; a verbatim field
    (``url``, ``doi``, ``eprint``, ``file`` …) has no leading or trailing blanks inside its
    delimiters and no doubled spaces within a line (fix: trimmed; elsewhere both backends
    collapse blanks, so they change nothing); a field appears once per entry (the repeat is
    reported, naming the first's line).
    Example: ``pages = {13-14}`` (fix: ``{13--14}``); ``year = {n.d.}``;
    ``title = { The Road to War}``; two ``title`` fields in one entry.
    """
    if context.bibliography is None:
        return
    yield from surveyed.malformed


@rule("CC306", uses=survey_fields)
def invalid_identifier(context: Context, surveyed: _Survey) -> Iterator[Finding]:
    """A DOI, ISBN or ISSN is not well-formed or its check digit is wrong.

    Why: a wrong identifier sends readers (and link resolvers, catalogue look-ups and
    duplicate detection) to another work or to nothing; a check digit catches most typos.
    Checks: ``doi`` is ``10.`` + 4 to 9 digits + ``/`` + a suffix without blanks, or a shortDOI
    (``10/gf29tr``), after an optional ``https://doi.org/`` or ``doi:`` prefix; each ISBN in ``isbn`` (hyphens and spaces
    allowed, several separated by commas) has 10 or 13 digits and the right check digit; each
    ISSN in ``issn`` or ``eissn`` is ``1234-567X`` with the right check digit.
    An ISSN or a DOI written in ``isbn`` is named as such.
    Example: ``isbn = {978-0-19-280678-5}``: the check digit should be 9, not 5.
    """
    if context.bibliography is None:
        return
    yield from surveyed.identifiers


@rule("CC307")
def unused_entry(context: Context) -> Iterator[Finding]:
    """No manuscript cites the entry: not by key, not through a note's source, not by name.

    Why: an uncited entry is usually a leftover (a work dropped from the text, a key mistyped
    in the manuscript, a duplicate under another key) and a publisher's copy-editor will query
    it. Only judged when manuscripts are checked with the bibliography. An entry counts as
    cited when a citation resolves to it or to an entry that inherits from it (``crossref``,
    ``xdata``); ``\\nocite{*}`` in a LaTeX manuscript cites everything, ``\\nocite{key}`` one
    entry; ``allow-unused = ["key", ...]`` in ``[tool.citecheck]`` accepts entries kept on
    purpose. The finding stands at the entry's key.
    Example: ``@book{carr1953, ...}`` when no note, key or name in the manuscripts points to it.
    """
    bib = context.bibliography
    if bib is None or not context.documents:
        return
    reconciliation = context.reconciliation
    if reconciliation.cites_everything:
        return
    used = bib.with_linked(reconciliation.cited_keys) | context.allow_unused
    new_finding = tuple.__new__  # the named tuple's own constructor: one finding per uncited entry
    for entry in bib.entries:
        key = entry.key
        if key.casefold() not in used:
            yield new_finding(Finding, (entry.key_span, f"no manuscript cites {key}", None))


def _shipped_macro_prefixes(context: Context) -> tuple[str, ...]:
    """The prefixes of the macros defined by the TeX distribution's @string files the documents
    name (``\\bibliography{IEEEabrv,refs}``: ``ieee_``), read from there when not in the project."""
    found = (
        tex_string_file(inclusion.target)
        for document in context.documents
        for inclusion in document.inclusions
        if inclusion.kind == "bibliography"
    )
    return tuple(dict.fromkeys(prefix for prefix in found if prefix is not None))


@rule("CC308", uses=survey_fields)
def undefined_reference(context: Context, surveyed: _Survey) -> Iterator[Finding]:
    """A value uses an undefined @string macro, or a crossref, xref, xdata, related or entryset
    field names no entry.

    Why: BibTeX prints an undefined macro as nothing (with a warning) and ignores a missing
    crossref target, so the journal, or every field the entry was to inherit, goes missing;
    biber drops a missing related entry or set member with a warning.
    The month macros jan … dec are predefined; so are the journal macros of the standard
    ``.bst`` styles (``toms``, ``jacm``, ``cacm`` … of ``plain.bst``) unless the backend is
    biber, which does not define them (``backend`` in the configuration, or guessed: a
    document that loads biblatex uses biber). A macro defined anywhere in the file counts;
    target keys are matched ignoring case. A document naming a TeX distribution's @string
    file (``\\bibliography{IEEEabrv,refs}``) defines its macros (``IEEE_J_AC`` ...) even when
    the project has no copy. Each finding stands at the macro or the key.
    Example: ``journal = jmh`` without ``@string{jmh = {Journal of Modern History}}``;
    ``crossref = {icml2020}`` when no entry has the key icml2020.
    """
    bib = context.bibliography
    if bib is None:
        return
    if surveyed.undefined_macros:
        backend = context.backend
        standard = defines_bst_macros(backend)
        shipped = _shipped_macro_prefixes(context)
        for ref in macro_refs(bib):
            if ref.defined or (standard and ref.name in BST_JOURNAL_MACROS) or ref.name.startswith(shipped):
                continue
            why = " (biber defines only jan … dec; the .bst styles' journal macros are BibTeX's)" if (
                backend == BIBER and ref.name in BST_JOURNAL_MACROS
            ) else ""
            yield Finding(ref.span, f"@string macro '{ref.name}' is not defined{why}")
    yield from surveyed.references
