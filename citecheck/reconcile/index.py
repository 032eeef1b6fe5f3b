"""An inverted index over a bibliography: surnames, title words and years to entries.

Matching a cited source must not compare it with every entry (5,000 notes against 20,000
entries would be 100 million comparisons). The index maps each folded surname (of authors and
editors) and each significant title word to the entries that have it, so a source retrieves a
handful of candidates (:meth:`BibIndex.candidates`) that :mod:`.match` then scores.

Everything is compared folded (:func:`citecheck.bib.normalize.fold`: case and accents) after
the LaTeX of the ``.bib`` is decoded, so ``Schr{\\"o}der`` in the file and "Schroder" or
"Schröder" in a note meet. The reconcile stage builds it once per run, on the first source it
matches (:class:`citecheck.reconcile.resolve.Sources`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from citecheck.bib.model import BibEntry, Bibliography
from citecheck.bib.normalize import fold, latex_to_text, normalize_whitespace
from citecheck.model import Person, Work
from citecheck.patterns import OnFirstUse

__all__ = [
    "CANDIDATE_LIMIT",
    "BibIndex",
    "EntryRecord",
    "bibtex_families",
    "person_keys",
    "surname_key",
    "title_words",
]

# How many candidates a source retrieves at most when its title words rank them.
CANDIDATE_LIMIT = 8
# Without a surname in common, a source is looked up by its rarest title words, this many.
RARE_WORDS = 3
# A note searched for the titles it holds is looked up by its rarest words, this many (its other
# words, names and places and publishers, are in no title and cost nothing).
TEXT_RARE_WORDS = 8
# The entries a note's text is searched for: a note may list several works (a reading list of eight
# titles, five of them by two scholars: text-mining-youtube-comments, Programming Historian).
TEXT_CANDIDATE_LIMIT = 24
TEXT_WORDS_PER_RARE_WORD = 4  # a long note is looked up by a quarter of its words, the rarest

# Words that say nothing about which work is meant (English, and the commonest of the
# languages history titles come in).
STOP_WORDS = frozenset(
    """a an the and or of in on at to for from by with without into over under between about as
    its his her their our is are was were be been vs via
    und der die das des dem den ein eine im zur zum von vom auf fur uber
    le la les l un une et du de des d en au aux sur pour par dans
    el los las y del al por para con il lo gli e di da dei della nel
    i na w z o po ot""".split()
)
# Name particles: not part of the surname a name is filed under ("van Dyck", "de Gaulle").
PARTICLES = frozenset("von van der den de del della di da du la le des ten ter zu vom d' l' dos das al el".split())

_WORD = OnFirstUse(re.compile, r"\w+")
_YEAR = OnFirstUse(re.compile, r"(?<!\d)(1[0-9]{3}|20[0-9]{2})(?!\d)")
_AND = OnFirstUse(re.compile, r"\s+and\s+", re.IGNORECASE)
_SHORT_TITLE_END = OnFirstUse(re.compile, r"\s*[:.?!;]\s|\s+[-\u2013\u2014]+\s")


_ACCENTS = {"`": "\u0300", "'": "\u0301", "^": "\u0302", "~": "\u0303", "=": "\u0304", "u": "\u0306",
            ".": "\u0307", '"': "\u0308", "r": "\u030a", "H": "\u030b", "v": "\u030c", "d": "\u0323",
            "c": "\u0327", "k": "\u0328", "b": "\u0331"}
_LETTERS = {"o": "ø", "O": "Ø", "l": "ł", "L": "Ł", "ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
            "aa": "å", "AA": "Å", "i": "ı", "j": "ȷ", "&": "&", "%": "%", "$": "$", "_": "_", "#": "#"}
_BASE = r"(?:\\[ij](?![A-Za-z])|[A-Za-z])"
_ACCENTED = OnFirstUse(re.compile,
    rf"\\(?:([`'^\"~=.])\s*(?:\{{\s*({_BASE})\s*\}}|({_BASE}))"
    rf"|([uvHckrdb])(?:\s*\{{\s*({_BASE})\s*\}}|\s+({_BASE})))"
)
_LETTER = OnFirstUse(re.compile, r"\\(ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)(?![A-Za-z])(?:\s*\{\})?|\\([&%$_#])")


def _accented(found: re.Match[str]) -> str:
    accent = found.group(1) or found.group(4)
    base = next(g for g in found.group(2, 3, 5, 6) if g is not None)
    return ("i" if base == "\\i" else "j" if base == "\\j" else base) + _ACCENTS[accent]


def decode(value: str) -> str:
    """A field value as plain text: ``Schr{\\"o}der`` -> Schröder, ``1926--1933`` -> 1926–1933.

    The accents, special letters and dashes that fill real ``.bib`` files are decoded here
    directly (pylatexenc costs a millisecond a value, which a 20,000-entry file turns into
    half a minute); any other LaTeX goes through ``latex_to_text``.
    """
    if "\\" in value:
        text = _LETTER.sub(lambda m: _LETTERS[m.group(1) or m.group(2)], _ACCENTED.sub(_accented, value))
        if "\\" in text:
            return latex_to_text(value)
    else:
        text = value
    if "$" in text:
        return latex_to_text(value)
    text = text.replace("---", "\u2014").replace("--", "\u2013").replace("~", " ")
    return unicodedata.normalize("NFC", normalize_whitespace(text.replace("{", "").replace("}", "")))


_WEB_SITE = OnFirstUse(re.compile, r"(?:www\.)?(?P<name>[a-z][a-z0-9-]{2,})\.(?:com|org|net|edu|gov|info|io|ac\.uk|co\.uk|org\.uk)")


def surname_key(family: str) -> str:
    """The folded surname a name is indexed under: particles and punctuation dropped.

    The same function serves the ``.bib`` and the notes, so "van Dyck", "Van Dyck" and "Dyck"
    all give "dyck", and "Carrère d'Encausse" gives "carrere d'encausse". A web site as author
    is keyed by its name: ``{Baylor.edu}`` and "(Baylor, 2)" both give "baylor" (an essay's
    MLA citation of a page its reference list credits to the site: oral-history, Metahistory).
    """
    words = fold(family).replace("\u2019", "'").strip(" .,;").split()
    while len(words) > 1 and words[0] in PARTICLES:
        words.pop(0)
    if len(words) > 1 or not words:
        return " ".join(words)
    word = words[0]
    site = _WEB_SITE.fullmatch(word)
    if site is not None:
        return site.group("name")
    for particle in ("d'", "l'"):
        if word.startswith(particle) and len(word) > len(particle) + 1:
            return word[len(particle) :]
    return word


_ORDINALS = dict(
    zip(
        "1st 2nd 3rd 4th 5th 6th 7th 8th 9th 10th 11th 12th".split(),
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split(),
        strict=True,
    )
)


def title_words(title: str | None) -> tuple[str, ...]:
    """The significant words of a title, folded, in order (stop words dropped; "3rd" read as
    "third", so a series cited either way agrees)."""
    if not title:
        return ()
    folded = title.lower() if title.isascii() else fold(title)  # the same for ASCII, and faster
    words = (_ORDINALS.get(w, w) for w in _WORD.findall(folded))
    return tuple(w for w in words if w not in STOP_WORDS and (len(w) > 1 or w.isdigit()))


def has_title_words(text: str, count: int) -> bool:
    """Whether ``text`` holds ``count`` of :func:`title_words` or more, read only until it does
    (whether a note has room for a title: a long note answers within its first words)."""
    if not text:
        return count <= 0
    folded = text.lower() if text.isascii() else fold(text)
    found = 0
    for word in _WORD.finditer(folded):
        word = _ORDINALS.get(word.group(), word.group())
        if word not in STOP_WORDS and (len(word) > 1 or word.isdigit()):
            found += 1
            if found >= count:
                return True
    return count <= 0


_YEAR_RANGE = OnFirstUse(re.compile, r"(?<!\d)(1[0-9]{3}|20[0-9]{2})\s*(?:/|-{1,3}|\u2013|\u2014)\s*(\d{2}|\d{4})(?!\d)")
# A range longer than this is not a span of publication years.
LONGEST_RANGE = 100


def entry_years(text: str) -> frozenset[str]:
    """The years an entry's dates cover: each year written, and every year of a range
    (``date = {1957/1977}`` for a series published over twenty years, ``1957--77``)."""
    found = set(years_in(text))
    for match in _YEAR_RANGE.finditer(text):
        start, end = match.group(1), match.group(2)
        last = int(start[: 4 - len(end)] + end)
        if 0 < last - int(start) <= LONGEST_RANGE:
            found.update(str(year) for year in range(int(start), last + 1))
    return frozenset(found)


def years_in(text: str | None) -> frozenset[str]:
    """Every four-digit year written in ``text`` ("1935; repr. 1967" gives both)."""
    return frozenset(_YEAR.findall(text or ""))


def short_title(title: str) -> str:
    """The title before its subtitle: up to the first colon (or full stop, question mark, dash)."""
    found = _SHORT_TITLE_END.search(title)
    return title[: found.start()].strip() if found else title


_BRACE = OnFirstUse(re.compile, r"[{}]")


def _masked(text: str) -> str:
    """``text`` with everything inside braces (the braces too) replaced by ``x``, same length."""
    pieces, depth, start, kept = [], 0, 0, 0
    for found in _BRACE.finditer(text):
        if found.group() == "{":
            if depth == 0:
                start = found.start()
            depth += 1
        elif depth > 0:
            depth -= 1
            if depth == 0:
                pieces.append(text[kept:start] + "x" * (found.end() - start))
                kept = found.end()
    pieces.append(text[kept:] if depth == 0 else text[kept:start] + "x" * (len(text) - start))
    return "".join(pieces)


# A brace group holding a blank or a comma ("{Barnes and Noble}", "{\\v c}"): only then can a
# separator fall inside braces.
_GROUP_WITH_SEPARATOR = OnFirstUse(re.compile, r"\{[^}]*[\s,]")


def _split_top(text: str, separator: re.Pattern[str]) -> list[str]:
    """``text`` split where ``separator`` matches outside braces."""
    if "{" in text and _GROUP_WITH_SEPARATOR.search(text):
        masked, parts, start = _masked(text), [], 0
        for found in separator.finditer(masked):
            parts.append(text[start : found.start()])
            start = found.end()
        parts.append(text[start:])
    else:
        parts = separator.split(text)
    return [part.strip() for part in parts if part.strip()]


_COMMA = OnFirstUse(re.compile, r",")
_BLANK = OnFirstUse(re.compile, r"\s+")


def _family(name: str) -> str:
    """The family name of one BibTeX name (``Last, First``, ``First von Last``, ``{Org Name}``),
    von particle excluded, LaTeX as written."""
    by_comma = _split_top(name, _COMMA)
    if len(by_comma) > 1:
        words = _split_top(by_comma[0], _BLANK)
    else:
        words = _split_top(name, _BLANK)
        if len(words) > 1:
            lower = [i for i, w in enumerate(words[:-1]) if w[:1].islower()]
            words = words[lower[-1] + 1 :] if lower else words[-1:]
    while len(words) > 1 and words[0][:1].islower():
        words = words[1:]
    return " ".join(words)


def _lone_given(name: str) -> str | None:
    """The given name of one BibTeX name when it is a single word, not an initial (``Hipponensis,
    Augustine``, ``Augustine Hipponensis``), as written."""
    by_comma = _split_top(name, _COMMA)
    words = _split_top(by_comma[-1], _BLANK) if len(by_comma) > 1 else _split_top(name, _BLANK)[:-1]
    if len(words) != 1 or "." in words[0] or len(words[0].strip("{}")) < 2 or not words[0].strip("{}")[:1].isupper():
        return None
    return decode(words[0])


def bibtex_given_names(value: str | None) -> frozenset[tuple[str, str]]:
    """(given name, surname) keys of the authors of a BibTeX ``author`` value whose given name is
    one word: a classical or medieval author is cited by it ("(Augustine, 6)")."""
    if not value:
        return frozenset()
    pairs = ((_lone_given(name), _family(name)) for name in _split_top(value, _AND) if name.lower() != "others")
    return frozenset((surname_key(given), surname_key(decode(family))) for given, family in pairs if given)


@lru_cache(maxsize=65536)
def bibtex_families(value: str | None) -> tuple[str, ...]:
    """The family names of a BibTeX ``author`` or ``editor`` value, decoded, in order."""
    if not value:
        return ()
    names = _split_top(value, _AND)
    return tuple(decode(_family(name)) for name in names if name.lower() != "others")


class EntryRecord(NamedTuple):
    """What matching needs of one entry, decoded and folded once.

    ``surnames`` are the authors' surname keys, ``editor_surnames`` the editors'; ``families``
    the authors' (else editors') family names as written, for messages. ``title`` is the full
    title (with ``subtitle``), ``short`` the ``shorttitle`` or the title before its subtitle,
    ``words`` the significant words of both. ``year`` is the date as written, for messages;
    ``years`` every year it covers with any original year (``origyear``, ``origdate``), so a
    reprint cited by its first year, or one volume of a series dated 1957/1977, agrees.
    """

    key: str
    families: tuple[str, ...]
    surnames: tuple[str, ...]
    editor_surnames: tuple[str, ...]
    title: str
    short: str
    words: frozenset[str]
    year: str | None
    years: frozenset[str]
    volume: str | None
    all_surnames: frozenset[str]  # authors' and editors' surname keys together
    container: str = ""  # the journal, newspaper or book the entry appears in
    date: str | None = None  # the ``date`` field (ISO), for an issue cited by its day
    pages: tuple[int, int] | None = None  # an article's or chapter's first and last page
    links: frozenset[str] = frozenset()  # the ``url`` and ``doi`` as :func:`web_address` folds them
    given_names: frozenset[tuple[str, str]] = frozenset()  # (given, surname) keys of authors of one given name
    publisher: str = ""  # as decoded, for a note whose title fits no entry (match.by_imprint)
    details: frozenset[str] = frozenset()  # the numbers of its ``note``, ``howpublished`` and ``addendum`` (box, folder, image)
    genres: frozenset[str] = frozenset()  # the kinds of document its fields say it is (:data:`GENRE_WORDS`)
    venue_words: frozenset[str] = frozenset()  # where it appeared, in words and initials (:func:`venue_words`)
    bodies: frozenset[str] = frozenset()  # the bodies it names as maker, folded (:func:`body_names`)
    shelfmarks: frozenset[str] = frozenset()  # archival call numbers of its free-text fields (:func:`_shelfmarks_of`)
    quoted_in: frozenset[str] = frozenset()  # the title words of the work its free-text fields say quotes it (:func:`_quoted_in`)


def _record(entry: BibEntry, fields: dict[str, str]) -> EntryRecord:
    authors = bibtex_families(fields.get("author"))
    editors = bibtex_families(fields.get("editor"))
    surnames = tuple(surname_key(f) for f in authors)
    editor_surnames = tuple(surname_key(f) for f in editors)
    title = decode(fields.get("title", ""))
    if fields.get("subtitle"):
        title = f"{title}: {decode(fields['subtitle'])}"
    words = title_words(title)
    if fields.get("shorttitle"):
        short = decode(fields["shorttitle"])
        words += title_words(short)
    else:
        short = short_title(title)  # its words are the title's
    dated = fields.get("year") or fields.get("date") or ""
    return EntryRecord(
        key=entry.key,
        families=authors or editors,
        surnames=surnames,
        editor_surnames=editor_surnames,
        title=title,
        short=short,
        words=frozenset(words),
        year=decode(dated) or None,
        years=_years(dated, fields),
        volume=fields.get("volume", "").strip() or None,
        all_surnames=frozenset(surnames + editor_surnames),
        container=decode(fields.get("journal") or fields.get("journaltitle") or fields.get("booktitle") or ""),
        date=fields.get("date", "").strip() or None,
        pages=page_range(fields.get("pages", "")),
        links=frozenset(filter(None, (web_address(fields.get("url", "")), web_address(fields.get("doi", ""))))),
        given_names=bibtex_given_names(fields.get("author")),
        publisher=decode(fields.get("publisher", "")),
        details=_numbers_of(fields),
        genres=genres_of(fields),
        venue_words=venue_words(fields),
        bodies=body_names(fields),
        shelfmarks=_shelfmarks_of(fields),
        quoted_in=_quoted_in(fields),
    )


# The fields whose numbers are an entry's details (:func:`_numbers_of`), and a number in them.
DETAIL_FIELDS = ("note", "howpublished", "addendum")
_NUMBER = OnFirstUse(re.compile, r"(?<![\w.])\d+(?![\w.]\d)")


def _numbers_of(fields: dict[str, str]) -> frozenset[str]:
    """The numbers of an entry's free-text fields, which tell apart items of one collection that
    share a title (box, folder, image: two entries *Record of Members Collection* in CRDH's essay
    on a century of black Mormons)."""
    return frozenset(number for name in DETAIL_FIELDS for number in _NUMBER.findall(fields.get(name, "")))


# A call number: one word of letters and digits, with four digits or more (``O/1/1964/7.18``).
_CALL_NUMBER = OnFirstUse(re.compile, r"(?<!\S)(?=[^\s,;]*[A-Za-z])(?=(?:[^\s,;]*\d){4})[^\s,;]{6,40}(?![^\s,;])")
_NOT_ALNUM = OnFirstUse(re.compile, r"[\W_]+")
_DIGITS_FOUR = OnFirstUse(re.compile, r"(?:\d\D{0,3}){4}")  # four digits, a few characters apart at most


def shelfmark_key(written: str) -> str:
    """A call number as compared: its letters and digits alone, in lower case, since notes write
    its separators and superscripts as they please (``O/1/1964/7.18``, ``O^1^1964^7^.18``,
    ``O119647.18``: CRDH's essay on Louis XIV's paintings)."""
    return _NOT_ALNUM.sub("", written).lower()


def _shelfmarks_of(fields: dict[str, str]) -> frozenset[str]:
    """The call numbers an entry's free-text fields give (:data:`DETAIL_FIELDS`): a document of an
    archive that a note cites by its number alone."""
    return frozenset(shelfmark_key(found) for name in DETAIL_FIELDS for found in _CALL_NUMBER.findall(decode(fields.get(name, ""))))


_QUOTED_IN = OnFirstUse(re.compile, r"\b(?:quoted|cited|reproduced|reprinted)\s+in\b(.*)", re.IGNORECASE | re.DOTALL)


def _quoted_in(fields: dict[str, str]) -> frozenset[str]:
    """The title words of the work an entry's free-text fields say quotes it (``note = {As quoted
    in Ardis E. Parshall, "Marie and William Graves: The Part I Withheld."}``: a letter the
    bibliography lists as Chicago lists a source known only through another, CRDH v02-03)."""
    words: set[str] = set()
    for name in DETAIL_FIELDS:
        found = _QUOTED_IN.search(decode(fields.get(name, "")))
        if found is not None:
            words.update(title_words(found.group(1)))
    return frozenset(words)


def may_hold_shelfmark(text: str) -> bool:
    """Whether ``text`` has the four digits every call number the index keeps has: asked before
    the index is built, so a note with none does not pay for building it."""
    return _DIGITS_FOUR.search(text) is not None


def shelfmarks_in(text: str, index: BibIndex) -> list[tuple[int, int, str]]:
    """(start, end, key) of each call number in ``text`` that is one entry's, written with any
    separators: its letters and digits in order, no letter or digit right before or after it."""
    if not index.by_shelfmark or not may_hold_shelfmark(text):
        return []
    kept = [(char.lower(), position) for position, char in enumerate(text) if char.isalnum()]
    stream = "".join(char for char, _ in kept)
    found = []
    for shelfmark, positions in index.by_shelfmark.items():
        if len(positions) != 1:
            continue
        at = stream.find(shelfmark)
        while at >= 0:
            start, end = kept[at][1], kept[at + len(shelfmark) - 1][1] + 1
            if not text[start - 1 : start].isalnum() and not text[end : end + 1].isalnum():
                found.append((start, end, index.records[next(iter(positions))].key))
            at = stream.find(shelfmark, at + 1)
    return sorted(found)


VENUE_FIELDS = ("journal", "journaltitle", "booktitle", "howpublished")


def venue_words(fields: dict[str, str]) -> frozenset[str]:
    """The significant words of where an entry appeared (journal, book, site) and, for a name of
    two words or more, its initials: prose names a work by its venue ("their MLQ article" for one in
    *Modern Language Quarterly*, "a blog post on HASTAC")."""
    words: set[str] = set()
    for name in VENUE_FIELDS:
        venue = title_words(decode(fields.get(name, "")))
        words.update(venue)
        if len(venue) > 1:
            words.add("".join(word[0] for word in venue))
    return frozenset(words)


BODY_FIELDS = ("institution", "organization", "howpublished")
_BRACED_NAME = OnFirstUse(re.compile, r"^\{(?P<name>[^{}]+)\}$")
_NOT_WORD = OnFirstUse(re.compile, r"[^\w]+")


def folded_body(name: str) -> str:
    """A body's name as prose and lists may both write it: lower case, "&" for "and", no leading
    "the", words alone ("National Telecommunications & Information Administration")."""
    words = _NOT_WORD.sub(" ", decode(name).replace("&", " and ").casefold()).split()
    while words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def body_names(fields: dict[str, str]) -> frozenset[str]:
    """The bodies an entry names as its maker: an author or editor braced whole (``{Vertical Feminist
    Collective}``), and, when it names no person, its institution or organization and what it says it was
    published as (``Council of Economic Advisors Issue Brief``): prose cites a report by its body ("(Council
    of Economic Advisors Issue Brief)": digital_divides, Digital Pedagogy in the Humanities). Beside an
    author the institution is a place ("Mills Kelly has taught … at George Mason University": praxis)."""
    names = [] if fields.get("author") or fields.get("editor") else [fields.get(name, "") for name in BODY_FIELDS]
    for role in ("author", "editor"):
        names += [found.group("name") for name in _split_top(fields.get(role, ""), _AND)
                  if (found := _BRACED_NAME.match(name.strip()))]
    return frozenset(folded for name in names if len((folded := folded_body(name)).split()) >= 2)


# The kinds of document a note may name and an entry's words that say it is one. An oral history is
# an interview: a bibliography lists Stegner's as "The Artist as Environmental Advocate", "Typescript
# of an oral history conducted by Ann Lage", and the notes cite it as "Stegner interview, 9" (Jason
# Heppler's dissertation, chapter 4).
GENRE_WORDS = {"interview": ("interview", "oral history")}
GENRE_FIELDS = ("title", "subtitle", "howpublished", "note", "type", "entrysubtype")


def genres_of(fields: dict[str, str]) -> frozenset[str]:
    """The kinds of document (:data:`GENRE_WORDS`) an entry's title and descriptive fields name."""
    text = " ".join(fields.get(name, "") for name in GENRE_FIELDS).lower()
    return frozenset(genre for genre, words in GENRE_WORDS.items() if any(word in text for word in words))


_ADDRESS_HEAD = OnFirstUse(re.compile, r"^(?:https?://)?(?:www\.)?(?:(?:dx\.)?doi\.org/)?", re.IGNORECASE)


# A DOI in a note's text: bare, after "doi:", or in a doi.org address.
DOI_IN_TEXT = OnFirstUse(re.compile, r"(?<![\w.])10\.\d{4,9}/[^\s<>\"'()\[\]]+")


def dois_in(text: str) -> list[tuple[int, int, str]]:
    """(start, end, DOI) of each DOI in ``text`` at its first place (a Markdown link often shows
    its address as its text too), without the stops that end a sentence after it."""
    if "10." not in text:
        return []
    found, seen = [], set()
    for match in DOI_IN_TEXT.finditer(text):
        doi = match.group().rstrip(".,;:")
        if doi.casefold() not in seen:
            seen.add(doi.casefold())
            found.append((match.start(), match.start() + len(doi), doi))
    return found


def web_address(written: str) -> str:
    """A URL or DOI as compared: without its scheme, ``www.``, a doi.org prefix and the slashes
    or stops that end it, case folded (``https://doi.org/10.1214/X`` and ``10.1214/x`` meet)."""
    return _ADDRESS_HEAD.sub("", written.strip()).rstrip("/.").casefold()


_PAGE_RANGE = OnFirstUse(re.compile, r"^\s*(\d{1,6})\s*(?:(?:-+|\u2013|\u2014)\s*(\d{1,6}))?\s*$")


def page_range(pages: str) -> tuple[int, int] | None:
    """First and last page of a ``pages`` field ("1422--1429", "1481-510": the last page may
    drop the digits it shares with the first); None for anything else."""
    found = _PAGE_RANGE.match(pages)
    if found is None:
        return None
    first, last = found.group(1), found.group(2) or found.group(1)
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return (int(first), int(last)) if int(last) >= int(first) else None


def _years(dated: str, fields: dict[str, str]) -> frozenset[str]:
    """The entry's years with its original ones; a plain four-digit year is read directly."""
    original = f"{fields.get('origyear', '')} {fields.get('origdate', '')}".strip()
    if not original and len(dated) == 4 and dated.isdigit():
        return frozenset((dated,))
    return entry_years(f"{dated} {original}")


def _fields(bibliography: Bibliography, entry: BibEntry) -> dict[str, str]:
    """The entry's fields, with crossref/xdata inheritance only when it has such links."""
    if any(item.name in ("crossref", "xdata") for item in entry.fields):
        return bibliography.resolved_fields(entry)
    fields: dict[str, str] = {}
    for item in entry.fields:
        fields.setdefault(item.name, item.value)
    return fields


def _postings(pairs: Iterable[tuple[str, int]]) -> dict[str, frozenset[int]]:
    found: dict[str, set[int]] = {}
    for name, position in pairs:
        found.setdefault(name, set()).add(position)
    return {name: frozenset(positions) for name, positions in found.items()}


_NONE: frozenset[int] = frozenset()


class BibIndex(NamedTuple):
    """Entry records, and postings from surname keys and title words to record positions."""

    records: tuple[EntryRecord, ...]
    by_key: dict[str, EntryRecord]
    by_surname: dict[str, frozenset[int]]
    by_word: dict[str, frozenset[int]]
    by_container: dict[str, frozenset[int]]  # significant words of the journal or book an entry is in
    by_address: dict[str, frozenset[int]]  # an entry's url and doi (:func:`web_address`)
    by_shelfmark: dict[str, frozenset[int]]  # an entry's call numbers (:func:`shelfmark_key`)

    @classmethod
    def build(cls, bibliography: Bibliography) -> BibIndex:
        records = tuple(_record(entry, _fields(bibliography, entry)) for entry in bibliography.entries)
        return cls(
            records=records,
            by_key={r.key: r for r in reversed(records)},  # the first of a duplicated key wins
            by_surname=_postings((s, i) for i, r in enumerate(records) for s in r.all_surnames),
            by_word=_postings((w, i) for i, r in enumerate(records) for w in r.words),
            by_container=_postings((w, i) for i, r in enumerate(records) for w in title_words(r.container)),
            by_address=_postings((a, i) for i, r in enumerate(records) for a in r.links),
            by_shelfmark=_postings((m, i) for i, r in enumerate(records) for m in r.shelfmarks),
        )

    def record(self, key: str | None) -> EntryRecord | None:
        return None if key is None else self.by_key.get(key)

    def by_name(self, names: Iterable[str]) -> frozenset[int]:
        """Positions of the entries that have any of these surname keys (as author or editor)."""
        found: frozenset[int] = _NONE
        for name in names:
            found = found | self.by_surname.get(name, _NONE)
        return found

    def _weight(self, word: str) -> float:
        """A word's inverse document frequency: rare words say more about which work is meant."""
        return math.log(1 + len(self.records) / len(self.by_word[word]))

    def _ranked(self, pool: Iterable[int], words: tuple[str, ...], limit: int = CANDIDATE_LIMIT) -> list[tuple[int, float]]:
        """(position, weight) of the entries in ``pool`` sharing title words with ``words``, the
        heaviest first (the earlier entry first among equals), at most ``limit``.
        Words are taken in sorted order, never a set's: its order changes with the hash seed, and
        so would the weights' last bits and which of equal candidates the limit cuts off."""
        pool = frozenset(pool)
        weights: Counter[int] = Counter()
        for word in sorted(set(words)):
            posting = self.by_word.get(word)
            if posting:
                weight = self._weight(word)
                for position in pool & posting:
                    weights[position] += weight
        return sorted(weights.items(), key=lambda pair: (-pair[1], pair[0]))[:limit]

    def _by_rare_words(
        self, words: tuple[str, ...], rarest: int = RARE_WORDS, limit: int = CANDIDATE_LIMIT
    ) -> list[tuple[int, float]]:
        """Entries ranked by title words alone, drawn from the postings of the ``rarest`` words."""
        rare = sorted((w for w in set(words) if w in self.by_word), key=lambda w: (len(self.by_word[w]), w))
        pool: frozenset[int] = _NONE
        for word in rare[:rarest]:
            pool = pool | self.by_word[word]
        return self._ranked(pool, words, limit)

    def by_words_of(self, text: str) -> tuple[EntryRecord, ...]:
        """The entries whose titles share the most (rare) words with ``text``, a note or part of
        one, which may hold a title anywhere among other words: a handful, never all."""
        words = title_words(text.replace("_", " "))  # Markdown's emphasis marks are no part of a word
        if self.by_word.keys().isdisjoint(words):
            return ()  # most of a book's notes share no word with a short bibliography's titles
        rarest = max(TEXT_RARE_WORDS, len(set(words)) // TEXT_WORDS_PER_RARE_WORD)  # a long note holds more titles
        return tuple(self.records[i] for i, _ in self._by_rare_words(words, rarest, TEXT_CANDIDATE_LIMIT))

    def by_link(self, address: str) -> tuple[EntryRecord, ...]:
        """The entries whose ``url`` or ``doi`` is ``address`` (compared by :func:`web_address`)."""
        return tuple(self.records[i] for i in sorted(self.by_address.get(web_address(address), _NONE)))

    def candidates(self, work: Work) -> tuple[EntryRecord, ...]:
        """The entries ``work`` may be: a handful, never the whole bibliography.

        By surname first: with a title, the surname's entries ranked by shared title words (all
        of them when they are few, so a misspelt title word still finds its entry); without
        one, every entry of the surname (a scholar's works, for a mention). When no
        entry of the surname shares even half the weight of the title's words, or there is no
        surname, the entries found by the rarest title words alone join them (a misspelt,
        wrong or missing author).
        """
        names = tuple(surname_key(p.family) for p in (*work.authors, *work.editors) if p.family.strip())
        words = title_words(work.title)
        pool = self.by_name(names)
        if pool and not words:
            return tuple(self.records[i] for i in sorted(pool))
        ranked = self._ranked(pool, words) if pool else []
        if len(pool) <= CANDIDATE_LIMIT:  # a scholar's few works: each is worth scoring
            seen = {position for position, _ in ranked}
            ranked += [(position, 0.0) for position in sorted(pool) if position not in seen]
        weight = sum(self._weight(w) for w in sorted(set(words)) if w in self.by_word)
        if weight and (not ranked or ranked[0][1] < weight / 2):
            seen = {position for position, _ in ranked}
            ranked += [pair for pair in self._by_rare_words(words) if pair[0] not in seen]
        if words and (not names or work.date and pool):
            # a periodical cited by its name: the entries printed in it; with its day and people, theirs
            # (``Louise Brisebat, *Palo Alto Times*, November 4, 1960``: Jason Heppler's dissertation, chapter 4)
            seen = {position for position, _ in ranked}
            inside = frozenset.intersection(*(self.by_container.get(w, _NONE) for w in set(words)))
            inside = inside & pool if names else inside
            ranked += [(position, 0.0) for position in sorted(inside - seen)[:CANDIDATE_LIMIT * 4]]
        return tuple(self.records[i] for i, _ in ranked)


def person_keys(people: Iterable[Person]) -> frozenset[str]:
    """The surname keys of the people a citation names."""
    return frozenset(surname_key(p.family) for p in people if p.family.strip())
