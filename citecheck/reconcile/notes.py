"""Sources inside notes: the Chicago notes-and-bibliography style of history and law.

A note is split into source segments (on ``;``, on sentence ends, on "See also", "Cf.", an "and"
or "with" between two citations, on "quoted in"), and each segment is classified and parsed:

* **full**: ``Author, Title (Place: Publisher, Year), locator.``, an article
  ``Author, "Article," Journal 12, no. 3 (1990): 45.``, a chapter ``Author, "Chapter," in Title,
  ed. Editor (Place: Publisher, Year), 45.``, an archival file (``…, fond 3, opis 1, delo 90,
  l. 20``), a newspaper issue (``Pravda, 12 March 1930, 2``), a law report; it may declare an
  alias ("hereafter cited as X");
* **short**: ``Dyck, Weimar Germany and Soviet Russia, 103.`` (surname and short title, or an
  author alone: ``Tucker, op. cit., 45``, ``Fell, supra note 1, at 352``);
* **ibid**: ``Ibid., 45.``, ``Ibid.``, ``Idem``, ``Id. at 12``, ``op. cit.`` without an author;
* **alias**: a name declared by an earlier "hereafter" (``Stalin, 7:12``), or one that looks like
  such a name (a bare word or abbreviation before a ``vol.`` or ``7:12`` locator).

Commentary (prose with no source, or before a "see") yields nothing; the original of a "quoted
in" chain is a source only when it is itself a publication. A citation's ``text`` is the segment
with its line breaks folded to single spaces, as in ``Note.text``; its span is exact: offsets in
the note's text are mapped back through ``Note.parts`` to the file, whatever the reader's
joining (a segment that runs on after a page break spans the body text between the parts).
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet  # the surnames: a set read, never changed, while a note is read
from dataclasses import dataclass
from itertools import compress
from typing import NamedTuple

from citecheck.bib.normalize import fold
from citecheck.forks import in_parts
from citecheck.model import Citation, Document, Note, Person, Work
from citecheck.patterns import OnFirstUse, regex
from citecheck.source import SourceFile, Span

# --------------------------------------------------------------------------------------------
# Vocabulary

OPENING_QUOTES = "“\"‘«„"
# What opens a title marked as one (see _title_first): a quotation mark, a British single quote, emphasis.
TITLE_OPENERS = OPENING_QUOTES + "'*_"
# What a conversion leaves around an alias: the quotes and emphasis marks of ``(hereafter cited as Stalin')``.
QUOTE_DEBRIS = "'’‘\"“”«»*_ "
CLOSING_QUOTES = "”\"’»“"
# Words whose full stop does not end a sentence: ``ed. J. Smith``, ``vol. 4``, ``Cf. Tucker``.
ABBREVIATIONS = frozenset(
    "p pp vol vols no nos ed eds trans comp cf al ch chap n nn fol fols ff f repr rev ser st mr mrs dr jr sr"
    " esp e.g i.e viz op cit loc doc docs col cols sec art l ll ms mss univ dept approx ca c pt pts bk"
    " bd bde t tom trad hrsg v vs m mm mme mlle".split()  # French titles: ``recueillis par m. Duvivier`` (CRDH, Louis XIV)
)
# Words whose full stop stays with a segment's text (``Ibid.``, ``et al.``): the abbreviations and these.
KEEPS_STOP = ABBREVIATIONS | {"ibid", "id", "idem"}
PARTICLES = frozenset("de del della di da du des van von der den ter ten la le al bin ibn dos das y zu".split())
# The words in lower case that a list of names (AUTHORS) holds before its first comma: particles, "and", "et al.".
NAME_LIST_SMALL_WORDS = PARTICLES | {"and", "et", "et.", "al."}
# Words a title may hold that a person's name never does (a capitalised phrase is otherwise ambiguous).
TITLE_WORDS = frozenset(
    "the a an of in on and for to from at by with under between against into after before during"
    " war revolution history state party policy politics papers documents letters diaries works"
    " collected selected speeches memoirs diary archive archives report reports journal review"
    " studies russia soviet germany europe union empire world".split()
)
NOT_IN_NAMES = TITLE_WORDS - PARTICLES
# A Pandoc citation key in a note (``Some early work includes [@matthews2003dreams]``, ``"Introduction,"
# in [@meinig1979landscapes]``: Jason Heppler's dissertation), not an e-mail address's ``@``.
PANDOC_KEY = OnFirstUse(regex.compile, r"(?<![\w.@])-?@\{?\w")
# Words a title or an entry's element keeps in lower case (``Paper presented at the``, ``edited by``).
PROSE_SMALL_WORDS = frozenset("a an and as at by de for from in of on or the to with".split())
# A name's runs of letters are possessive (``*+``, ``++``): what may follow a name or a part of it (a
# blank, a comma, a parenthesis, a hyphen, the end) is never a letter or an apostrophe, so a run cut
# short never leads to a match, and the patterns built on these no longer try every cut before they
# fail (AUTHORS on ``Gravina, Origines Juris Civilis, p. 108``, a note of Gibbon's, 48 µs).
NAME_TOKEN = (
    r"(?:\p{Lu}\.(?:[ \t]?-?\p{Lu}\p{Ll}?\.)*"  # initials: H. / E. H. / Iu. / J.-P.
    r"|\p{Lu}\p{Ll}{0,2}\."  # Iu. Wm.
    r"|(?:[dDlL]['’]|Mc|Mac|O['’])?\p{Lu}[\p{L}'’]*+(?:-\p{Lu}?[\p{L}'’]++)*"
    r"|(?:de|del|della|di|da|du|des|van|von|der|den|ter|ten|la|le|al|bin|ibn|dos|das|zu|y)(?=[ \t]))"
)
NAME = rf"{NAME_TOKEN}(?:[ \t]+{NAME_TOKEN}){{0,5}}"
AUTHORS = OnFirstUse(regex.compile, 
    rf"(?P<names>{NAME}(?:,?[ \t]+(?:Jr|Sr)\.)?"
    rf"(?:(?:,[ \t]+{NAME})+,[ \t]+(?:and|&)[ \t]+{NAME}|[ \t]+(?:and|&)[ \t]+{NAME}"
    rf"|(?:,[ \t]+{NAME})+(?=,?[ \t]+et\.?[ \t]+al\.))?)"  # ``P. E. Damon, D. J. Donahue, B. H. Gore, et al.``
    rf"(?P<etal>,?[ \t]+et\.?[ \t]+al\.)?"
    r"(?:,[ \t]*(?P<role>(?i:eds?\.|comps?\.|trans\.))|,?[ \t]*\((?P<prole>(?i:eds?\.|comps?\.))\))?"
    r"(?=,[ \t]*\S|(?<=,[ \t]*(?i:eds?|comps?|trans)\.)[ \t]+[*_“\"‘])"  # ``…, ed. _The Houses of History_`` (2019-fall)
)
# Given names after an inverted surname: ``Tucker, Robert C., …``, ``Carr, E. H., …`` (an initial is required,
# so that a one-word title is not taken for a given name), and the co-authors after them in their
# own order: ``Feinstein, Charles H. and Mark Thomas, …`` (linear-regression, Programming Historian).
INVERTED_GIVEN = OnFirstUse(regex.compile, 
    r"(?P<given>\p{Lu}\p{Ll}+(?:[ \t]+\p{Lu}\.)+|\p{Lu}\.(?:[ \t]?\p{Lu}\.)*)"
    rf"(?P<others>,?[ \t]+(?:and|&)[ \t]+{NAME})?,[ \t]*(?=\S)"
)
ET_AL = OnFirstUse(regex.compile, r",?[ \t]+et\.?[ \t]+al\.?")
SUFFIX = OnFirstUse(regex.compile, r",?[ \t]+(?:Jr|Sr|Jun|Sen)\.|[ \t]+(?:II|III|IV)\b|^(?:Jr|Sr)\.$")
SUFFIXES = ("Jr", "Sr", "Jun", "Sen", "II", "IV")  # one of them is in every SUFFIX ("III" holds "II")
SPLIT_NAMES = OnFirstUse(regex.compile, r",?[ \t]+(?:and|&)[ \t]+|,[ \t]+")

YEAR = r"(?:1[4-9]\d\d|20\d\d)(?:[ \t]*[-–—/][ \t]*\d{2,4})?"
NO_DATE = r"n\.[ \t]?d\."
# Words of a sentence, never of an imprint, an editor's clause or a volume: a verb, a relative pronoun.
PROSE_VERBS = "is|are|was|were|has|have|had|been|which|who"
_PROSE_VERB = OnFirstUse(re.compile, rf"\b(?:{PROSE_VERBS})\b")
# The imprint in parentheses, or in brackets when the book does not print it (``[New York, 1969]``);
# a parenthesis with a verb or a relative pronoun in it is prose (``(if a man was ordained to the lay
# LDS priesthood before 1978)``: CRDH's essay on a century of black Mormons).
PUBLICATION = OnFirstUse(regex.compile, 
    rf"\((?![^()]*?(?-i:\b(?:{PROSE_VERBS})\b))(?P<inside>[^()]*?(?:{YEAR}(?![ \t]+(?-i:\p{{Ll}}){{3}})|{NO_DATE}|forthcoming)[^()]*)\)"
    rf"|\[(?P<inside>[^\[\]]*?(?:{YEAR}|{NO_DATE})[^\[\]]*)\]",
    regex.IGNORECASE,
)
YEAR_IN = OnFirstUse(regex.compile, rf"(?<![\d:])(?:{YEAR}|{NO_DATE})(?![\d])")

LOC_WORD = (
    r"(?:(?:pp?|vols?|fols?|ff?|docs?|nos?|cols?|ll?|chaps?|ch|secs?|arts?|n|nn|pt|bk|t|tom|d|op|f|l|tab|fig|app)\."
    r"|table|figure|map|plate|chart|appendix|note|sheet|item|paragraphs?|paras?\.|pars?\.|¶|§§?)"
)
LOC_NUMBER = (
    r"(?:\d+[a-z]?(?::\d+[a-z]?)?(?:[ \t]?nn?\.?[ \t]?\d+)?(?:[ \t]*[-–—][ \t]*\d+(?::\d+)?[a-z]?)?(?:[ \t]?ff?\.)?"
    r"|(?<![\p{L}])[ivxlcdm]{1,7}(?:[ \t]*[-–—][ \t]*[ivxlcdm]{1,7})?(?![\p{L}])"
    r"|passim)"
)
LOC_ITEM = rf"(?:(?:{LOC_WORD}[ \t]*)?{LOC_NUMBER}(?:[ \t]*\((?:n\.[ \t]*\d+|\w{{1,10}})\))?)"
LOCATOR = rf"{LOC_ITEM}(?:[ \t]*(?:,|and|&)[ \t]*{LOC_ITEM})*"
# At the end of a short form a year is part of the title (``Revolution of 1905, 2:85``), not a page.
LOCATOR_AT_END = OnFirstUse(regex.compile, 
    rf"(?:,[ \t]*|[ \t]+)(?P<loc>(?!(?:1[4-9]|20)\d\d\b(?!:)){LOCATOR})[ \t]*\.?[ \t]*$"
)
# What a locator's last word is made of when it holds no digit: a roman number, a range of them, ``ff.``.
ROMAN_OR_FF = frozenset("ivxlcdmf.-–—")
LOCATOR_START = OnFirstUse(regex.compile, rf"(?P<loc>{LOCATOR})(?=[ \t]*(?:[,.;]|$))")
LOCATOR_WHOLE = OnFirstUse(regex.compile, rf"[ \t]*(?P<loc>{LOCATOR})[ \t]*\.?[ \t]*$")
# A volume:page or volume locator: what an alias is used with (``Stalin, 7:12``, ``DVP, vol. 4, p. 12``).
VOLUME_LOCATOR = OnFirstUse(regex.compile, r"\d+:\d|\bvols?\.|\bt\.[ \t]?\d")
# Archival and document references: ``District party archive, fond 3, opis 1, delo 90, l. 20``,
# ``Treaty of Riga, 18 March 1921, art. 2``: a description, then the items that locate the document.
ARCHIVE_WORD = (
    r"(?:fond|f\.|opis['’]?|op\.|delo|d\.|ll?\.|list|listy|box|folder|file|carton|reel|series|ser\.|item|doc\."
    r"|nos?\.|vols?\.|arts?\.|sheet|fols?\.|sec\.|pp?\.|MSS?|Ms\.)"
)
ARCHIVE_ITEM = rf"{ARCHIVE_WORD}[ \t]*\w[\w–/-]*"
DOCUMENT = OnFirstUse(regex.compile, rf"^(?P<title>[\p{{L}}“\"‘*_][^;]*?)(?P<loc>(?:,[ \t]*{ARCHIVE_ITEM})+)[ \t]*\.?$")
# What follows a document's last comma (its items hold none): tried first, it rules out most segments at once.
_ARCHIVE_ITEM_ENDS = OnFirstUse(regex.compile, rf"[ \t]*{ARCHIVE_ITEM}[ \t]*\.?$")
# How each of ARCHIVE_WORD's words begins, asked of that last item before the pattern is.
_ARCHIVE_WORD_OPENINGS = ("f", "o", "d", "l", "box", "carton", "reel", "se", "sheet", "item", "no", "vol", "art", "p", "MS", "Ms.")
SENTENCE_WORDS = OnFirstUse(regex.compile, 
    r"\b(?:is|are|was|were|has|have|had|be|been|see|compare|cf|this|that|these|those|which|who|I(?!\.)|we|he|she|it|they|not)\b"
)  # "I" but not the initial ``I. Harlow``
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)"
)
# A day may carry the other calendar's in parentheses: ``November 18 (30), 1889`` (Julian, then Gregorian:
# *Novoe Vremia* in CRDH's essay on the Russian flu).
OTHER_DAY = r"(?:[ \t]*\(\d{1,2}\))?"
DATE = rf"(?:\d{{1,2}}{OTHER_DAY}(?:st|nd|rd|th)?[ \t]+{MONTH},?[ \t]+\d{{4}}|{MONTH}(?:[ \t]+\d{{1,2}}{OTHER_DAY},?)?[ \t]+\d{{4}})"
# A newspaper or a dated document: ``Pravda, 12 March 1930, 2``, ``*Izvestiia*, 3 May 1937``; its place may
# follow its name (``*Evening Star* (Washington DC), December 17, 1889, 1``: CRDH's essay on the Russian flu).
DATED = OnFirstUse(regex.compile, 
    rf"^(?P<title>[*_“\"]?\p{{Lu}}[^;()]{{0,80}}?[*_”\"]?)(?:[ \t]*\([^()]{{1,40}}\))?,[ \t]*(?P<date>{DATE})"
    rf"(?:,[ \t]*(?P<loc>(?:{LOC_WORD}[ \t]*)?\d+[a-z]?(?:[ \t]*[-–—][ \t]*\d+)?))?[ \t]*\.?$"
)
IS_DATE = OnFirstUse(regex.compile, rf"^{DATE}$")
# An interview cited by the person interviewed: ``Donaldson, interview``, ``Ivanhoe Donaldson,
# interview by Rachel Reinhard, September 20, 2003, 4``; or by the people, ``Franco and Miele, interview``;
# an oral history likewise (``Brandin oral history, 32``: Jason Heppler's dissertation, chapter 2).
# The repository may stand before the page (``Stegner oral history, Bancroft, p 7-8``), and a page of an
# unpaginated transcript be counted in brackets (``Brandin oral history, n.p. [58]``: chapter 4).
_REPOSITORY = r"\p{Lu}[\p{L}'’.-]*(?:[ \t]+(?:\p{Lu}[\p{L}'’.-]*|of|the|and))*"
_INTERVIEW_PAGE = rf"(?:(?:pp?[ \t]+(?=\d))?{LOCATOR}|n\.[ \t]?p\.(?:[ \t]*\[\d+\])?)"
INTERVIEW = OnFirstUse(regex.compile,
    rf"^(?P<names>{NAME}(?:(?:,[ \t]+{NAME})*,?[ \t]+(?:and|&)[ \t]+{NAME})?),?[ \t]+(?:interview|oral[ \t]+history)"
    rf"(?:[ \t]+by[ \t]+(?P<by>{NAME}))?(?:,[ \t]*(?!{DATE}){_REPOSITORY}){{0,3}}"
    rf"(?:,[ \t]*(?P<date>{DATE}))?(?:,[ \t]*(?P<loc>{_INTERVIEW_PAGE}))?$"
)
# An interview named by its description, the person interviewed after "with" or "of", the
# interviewer after "by": at the start of a source or of one of its elements, as a transcript's
# bibliography entry reads (``Transcript of interview with Alf Brandin by Bob DeRoos, Regional Oral
# History Office, …, n.d., 42``; ``Stanford Oral History Project, transcript of interview with Alf
# Brandin, ca. 1980, 30--31``; ``interview with Jack Balletto, Silicon Genesis Project``: Jason
# Heppler's dissertation, chapters 2 and 4), never in prose (``in his interview with Maximian``).
INTERVIEW_WITH = OnFirstUse(regex.compile,
    r"(?:^|(?<=,)[ \t]*)(?:(?:[Tt]ran|[Tt]ype)script[ \t]+of[ \t]+(?:an?[ \t]+)?)?(?:[Ii]nterview|[Oo]ral[ \t]+history)"
    rf"[ \t]+(?:with|of)[ \t]+(?P<names>{NAME})(?:[ \t]+(?:conducted[ \t]+)?by[ \t]+(?P<by>{NAME}))?(?=[ \t]*(?:[,.]|$))"
)
# A letter, as Chicago cites correspondence: the writer, "to", the addressee, the date, with or
# without "Letter from" before them (``Letter from Wallace Sterling to John Francis Neylan, April 11,
# 1960, Folder 8, Box A29, SC 216, Stanford University Archives``; ``… in a letter from Morgan Stedman
# to Wallace Sterling, June 20, 1960``; ``Ralph Hansen to Alf Brandin and Lois Hogle, August 11,
# 1964``: Jason Heppler's dissertation, chapter 4). Names are capitalized words and the small words
# of a body's name (``the Committee for Green Foothills to Friends of the Foothills``); a page of
# the letter may stand before its date, a stray mark after the addressee (``to Wallace Sterling, >
# March 6, 1960``). Without "Letter from" the writer must be named in two to four words.
_CORRESPONDENT = r"(?:the[ \t]+)?\p{Lu}[\p{L}'’.-]*(?:[ \t]+(?:\p{Lu}[\p{L}'’.-]*|and|for|of|the|de|van|von))*"
_LETTER_DATE = (
    rf"[,\"”]*[ \t]*(?:>[ \t]*)?(?:\d+(?:[-–]\d+)?,[ \t]*)?(?P<date>{DATE}|n\.[ \t]*d\.)"
)
LETTER_FROM = OnFirstUse(regex.compile,
    rf"(?<!\p{{L}})[Ll]etter[ \t]+from[ \t]+(?P<writer>{_CORRESPONDENT}(?:,?[ \t]+et\.?[ \t]+al\.,?)?)"
    rf"[ \t]+to[ \t]+(?:to[ \t]+)?(?P<addressee>{_CORRESPONDENT}){_LETTER_DATE}"
)
LETTER_BARE = OnFirstUse(regex.compile,
    rf"^(?:[Ss]ee[ \t]+(?:also[ \t]+)?)?(?P<writer>\p{{Lu}}[\p{{L}}'’.-]*(?:[ \t]+\p{{Lu}}[\p{{L}}'’.-]*){{1,3}})"
    rf"[ \t]+to[ \t]+(?P<addressee>{_CORRESPONDENT}),[ \t]*(?P<date>{DATE})"
)
# A document kept in a manuscript collection, as Chicago cites one: what it is (a title in quotes, a
# description, its writer and a description, a letter "X to Y"), perhaps its date (a span of months:
# ``June-July 1960``) and a page, then where it is kept, from its folder, box or carton on
# (``"Forerunner," March 1973, Folder 405, Box 88, Don Edwards Congressional Papers, …``; ``Morgan
# Stedman, text of prepared meeting with Sterling, March 14, 1960, FF11, Box A29, SC 216, Stanford
# University Archives``; ``Kemper Freeman to Stanford Alumnus, Stanford Review, June-July 1960, Folder
# 8, …``: Jason Heppler's dissertation, chapter 4). The place says what the document is not: a book.
HOLDING_ITEM = r"(?:Folders?|Box(?:es)?|Cartons?|FF)[ \t]*\p{Lu}?\d[\w./-]*"
_MONTH_SPAN = rf"{MONTH}[ \t]*[-–][ \t]*{MONTH}[ \t]+\d{{4}}"
HOLDING = OnFirstUse(regex.compile,
    rf"^(?P<head>[^;]{{1,200}}?)(?:(?:,|(?<=,[”\"]))[ \t]*(?P<date>{DATE}|{_MONTH_SPAN}|n\.[ \t]*d\.|ca\.[ \t]*\d{{4}}))?"
    rf"(?:,[ \t]*\d+(?:[-–]\d+)?)?,[ \t]*{HOLDING_ITEM}(?:[ \t,][^;]*)?$"
)
# What HOLDING needs, looked for first (the standard ``re``): a comma, then a folder, box or carton.
_HOLDING_AFTER_COMMA = OnFirstUse(re.compile, r",[ \t]*(?:Folders?|Box(?:es)?|Cartons?|FF)[ \t]*[A-Z]?\d")
# A letter's writer and addressee with no date after them (HOLDING's head: the date comes later).
LETTER_HEAD = OnFirstUse(regex.compile,
    rf"^(?P<writer>\p{{Lu}}[\p{{L}}'’.-]*(?:[ \t]+\p{{Lu}}[\p{{L}}'’.-]*){{1,3}})[ \t]+to[ \t]+(?P<addressee>{_CORRESPONDENT})(?:,|$)"
)
# A title in quotes opening HOLDING's head, the comma inside or out.
QUOTED_HEAD = OnFirstUse(regex.compile, r'^[“"](?P<title>[^“”"]+?),?[”"](?=[ \t,]|$)')
# INTERVIEW's word with what may follow it, looked for first: the pattern is the slowest of all to
# compile (36 ms), and "interview" is a word of prose (``in his interview with Maximian``, Gibbon).
_INTERVIEW_WORD = OnFirstUse(re.compile, r"(?:^|[ \t])(?:[Ii]nterview|[Oo]ral[ \t]+history)(?:$|[ \t]+(?:by|with|of)[ \t]|,)")
# A periodical's issue by its name, number and date, with no article named: ``Bol'shevik, no. 9
# (May 1941)``, ``Slavic Survey 38, no. 3 (1979): 377`` (notes of a real history chapter, issue 11).
ISSUE_ALONE = OnFirstUse(regex.compile, 
    rf"^(?P<title>[*_“\"]?\p{{Lu}}[^;()*_“”\"]{{0,80}}?[*_”\"]?)(?:,?[ \t]+(?:vol\.[ \t]*)?(?P<volume>\d+))?,?[ \t]+no\.[ \t]*(?P<issue>\d+)"
    rf"[ \t]*\((?P<date>(?:(?:\d{{1,2}}[ \t]+)?{MONTH}[ \t]+(?:\d{{1,2}},?[ \t]+)?)?\d{{4}})\)"
    rf"(?:[:,][ \t]*(?P<loc>(?:{LOC_WORD}[ \t]*)?\d+[a-z]?(?:[ \t]*[-–—][ \t]*\d+)?))?[ \t]*\.?$"
)
# A month alone is the start of a date the comma after it split off, never a title (``Pravda, February 14, 1938``).
IS_MONTH = OnFirstUse(regex.compile, rf"^{MONTH}$")
# With no author named, a title ending in an issue number (and a volume) is a periodical's issue,
# not a book (``Slavic Survey 38, no. 3``, ``The Economist, no. 1``).
ENDS_IN_ISSUE = OnFirstUse(regex.compile, r",?[ \t]+no\.[ \t]*\d+$")
# Every month MONTH names starts with one of these: a text without them holds no DATE (looked for in one
# scan of the standard ``re``, three times faster than asking for each in turn).
MONTH_STARTS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_START = OnFirstUse(re.compile, "|".join(MONTH_STARTS))
# Law reports: ``Brown v. Board of Education, 347 U.S. 483, 495 (1954)`` and the short ``Brown, 347 U.S. at 495``.
REPORTER = r"(?P<volume>\d+)[ \t]+(?P<reporter>\p{Lu}[\p{L}.\d' ]{0,30}?)"
CASE = OnFirstUse(regex.compile, 
    rf"^(?P<title>\p{{Lu}}[^,;]*?[ \t]v\.[ \t][^;]+?),[ \t]+{REPORTER}[ \t]+(?P<first>\d+)"
    r"(?:,[ \t]*(?P<pin>\d+(?:[ \t]*[-–][ \t]*\d+)?))?[ \t]*\((?P<court>[^()]*?)[ \t]*(?P<year>\d{4})\)$"
)
CASE_SHORT = OnFirstUse(regex.compile, rf"^(?P<title>\p{{Lu}}[\p{{L}}.'’ ]{{0,40}}),[ \t]+{REPORTER}[ \t]+at[ \t]+(?P<pin>\d+(?:[-–]\d+)?)$")
IDEM = frozenset({"Idem", "Eadem", "Id"})
# ``Law, *The English*, Vol III: xvi`` (CRDH's essay on the Royal African Company): no stop, a colon.
VOLUME_PREFIX = OnFirstUse(regex.compile, r"^(?:vol\.|vol(?=[ \t])|t\.|tom\.|bd\.)[ \t]*(?P<volume>\w+)[,:][ \t]*(?P<rest>.+)$", regex.IGNORECASE)

IBID = OnFirstUse(regex.compile, 
    r"^(?P<word>ibid|ib|idem|eadem|id(?=\.)|op\.[ \t]?cit|loc\.[ \t]?cit)(?!\p{L})\.?(?P<rest>(?:[,:]?[ \t]*.*)?)$",
    regex.IGNORECASE | regex.DOTALL,
)
IBID_INITIALS = "iIİeEoOlL"  # of IBID's words, in either case (İ matches i when the case is ignored)
# ``Tucker, op. cit., 45`` and the legal ``Fell, supra note 1, at 352``: the author's work cited earlier.
OP_CIT = OnFirstUse(regex.compile, r",[ \t]*(?:(?:op|loc)\.[ \t]?cit\.?|supra(?:[ \t]+note[ \t]+\d+)?)", regex.IGNORECASE)
ALIAS_DECLARATION = OnFirstUse(regex.compile, 
    r"(?:[ \t]*\((?:[ \t]*(?:hereafter|henceforth|hereinafter)(?:[ \t]+(?:cited|referred[ \t]+to|abbreviated|quoted))?"
    r"(?:[ \t]+as)?[ \t]*:?[ \t]*(?P<paren>[^()]{1,60}?))[ \t]*\)"
    r"|,?[ \t]*(?:hereafter|henceforth|hereinafter)(?:[ \t]+(?:cited|referred[ \t]+to|abbreviated|quoted))?"
    r"(?:[ \t]+as)?[ \t]*:?[ \t]*(?P<bare>[*_“\"‘]?[\p{L}\p{N}][^,;()]{0,40}?[*_”\"’]?)(?=[ \t]*(?:[,;.)]|$)))",
    regex.IGNORECASE,
)
# A note that thanks someone is commentary, whatever names and places it holds: ``Thanks to Mounika
# Puligurthi, intern at the University of Texas (UT) Digital Scholarship Office (during the spring of
# 2019), for her help …`` (the sentiment-analysis lesson, Programming Historian).
ACKNOWLEDGEMENT = OnFirstUse(regex.compile, 
    r"(?:(?:many[ \t]+|my[ \t]+|our[ \t]+|with[ \t]+)?thanks?[ \t]+(?:(?:are|is)[ \t]+(?:due[ \t]+)?)?to"
    r"|(?:i|we)[ \t]+(?:(?:would|should|wish)[ \t]+(?:like[ \t]+)?to[ \t]+)?(?:thank|acknowledge)"
    r"|(?:i|we)[ \t]+(?:am|are)[ \t]+(?:very[ \t]+|most[ \t]+|deeply[ \t]+)?(?:grateful|indebted|thankful))(?![\p{L}])",
    regex.IGNORECASE,
)
_ACKNOWLEDGEMENT_INITIALS = "tTmMoOwWiI"  # of ACKNOWLEDGEMENT's first words: asked before it
LEAD_IN = OnFirstUse(regex.compile, 
    r"(?:(?:and|also|but|see|cf\.?|compare|contrast|esp\.|especially|further|generally|e\.g\.,?|for\s+example,?"
    r"|for\s+instance,?|among\s+others,?|on\s+this,?|(?:as\s+)?(?:quoted|cited)\s+(?:in|by))"
    r"(?!\p{L})[\s,:]*)+",
    regex.IGNORECASE,
)
LEAD_IN_INITIALS = "abcefgoqsſ"  # of LEAD_IN's words, in either case (ſ folds to s): asked before it
# How LEAD_IN's words begin, in lower case (:func:`_lower`): asked next (``Strabo``, ``Eusebius`` pass the first test).
_LEAD_IN_OPENINGS = ("and", "also", "but", "see", "cf", "compare", "contrast", "esp", "further", "generally", "e.g",
                     "for", "among", "on", "as", "quoted", "cited")
# Where commentary hands over to a source: "…, see X", "… is printed in DVP, 9:312", "… by Fell, Bread, 3",
# "readers should consult Simmons, *The San Luis Valley*" (CRDH's essay on the San Luis Valley).
SOURCE_INSIDE = OnFirstUse(regex.compile, 
    r"(?:(?:^|[\s,(:])(?:(?P<see>(?i:see(?:\s+also)?|cf\.|compare|consult))|in|from|by|is|are)|[:,])\s+"
    r"(?:the\s+(?=[*_]))?(?=[\p{Lu}“\"‘*_]|ibid|the\s)"
)
# Where a match of SOURCE_INSIDE may start (past the text's start): a blank, comma, colon or
# parenthesis, perhaps one of its words (in either case), then a blank and no digit or lower-case
# ASCII letter but those that open "ibid" and "the" (``, p. 12``, ``, l. iv`` in Gibbon's notes open
# no source). The standard ``re`` finds these faster than the pattern, tried at each position of a
# note's commentary, finds its matches.
_SOURCE_INSIDE_START = OnFirstUse(re.compile, r"[\s,(:](?i:see(?:\s+also)?|cf\.|compare|consult|in|from|by|is|are)?\s(?![0-9a-hj-su-z])")
QUOTED_IN = OnFirstUse(regex.compile, 
    r",?\s+(?:as\s+)?(?:quoted|cited|reproduced|reprinted|excerpted|translated)\s+(?:in|by)\s+", regex.IGNORECASE
)
# A comma between two short forms, the first a title closed by its mark (the comma inside or out),
# the second an author's name, a comma and a marked title: ``Pörksen, "Übergang," Marti,
# "Kommunikationsnormen," 332`` (CRDH's essay on law dissertations, v05-01).
COMMA_BETWEEN = OnFirstUse(regex.compile,
    r"(?:(?<=,[”\"’])|(?<=[”\"’*_]),)[ \t]+(?=\p{Lu}[\p{L}'’-]+(?:[ \t]+\p{Lu}[\p{L}'’-]+){0,2},[ \t]*[“\"‘*_])")
_TITLE_CLOSED_THEN_COMMA = OnFirstUse(re.compile, r',[”"’]|[”"’*_],')
AND_BETWEEN = OnFirstUse(regex.compile, r"(?:,\s*|\s+)(?:and|as\s+well\s+as|with)\s+(?=[\p{Lu}“\"‘*_])")
SEE_BETWEEN = OnFirstUse(regex.compile, r",\s*(?:see(?:\s+also)?|cf\.|compare)\s+", regex.IGNORECASE)
TRAILING_COMMENT = OnFirstUse(regex.compile, 
    r"(?<=[\d)*_”\"’])\s*,\s+(?=\p{Ll}{3,}\b(?!\s*\d))"
    r"(?!(?:passim|and|see|cf|esp|eds?|edited|trans|translated|comp|compiled|vols?|repr|reprinted|rev|revised)\b)"
)
# A title's closing mark, then what the work is cited for, with no comma: ``Shearer, “‘Buttcheek to
# Buttcheek’” for studies that examine …`` (CRDH's essay on a century of black Mormons). Other words
# after a quotation go on with the prose of old books (``Or, "pounds weight of bronze," originally``).
# The standard ``re``, which scans for its first character's class faster than ``regex`` tries a lookbehind
# at each position; the word after it in lower case is asked of the text.
TRAILING_PROSE = OnFirstUse(re.compile, r"[*_”\"’][ \t]+(?:for|about)[ \t]+")
# What ends a citation, before an "and" or a "see also" that starts another: a parenthesis, a
# locator, an Ibid., or an italic title (``_Metrics and scoring_ and _sklearn.metrics.r2_score_``,
# linear-regression, Programming Historian).
ENDS_LIKE_CITATION = rf"(?:\)|{LOCATOR}|ibid\.?|passim|(?<=\S)[*_])[ \t]*$"
# Searched from the end of the text: whether it matches is the same, found without trying every position.
_ENDS_LIKE_CITATION_BACKWARDS = OnFirstUse(regex.compile, ENDS_LIKE_CITATION, regex.IGNORECASE | regex.REVERSE)
# What each splitting expression needs, looked for before it is run: QUOTED_IN's and SEE_BETWEEN's
# words (casefolded), AND_BETWEEN's word before a capital (the expression without what precedes it).
# A "see" right before a segment (the lead-in _trim took off it), searched from the end.
_SEE_BEFORE = OnFirstUse(regex.compile, r"(?ir)\b(?:see(?:\s+also)?|cf\.|compare)[\s,:]*$")
_QUOTED_IN_WORDS = ("quoted", "cited", "reproduced", "reprinted", "excerpted", "translated")
_SEE_WORDS = ("see", "cf.", "compare")
# A sentence opening on "See" or "Cf." hands over to another source, which no entry's element does
# (``McBride, “Black Pete.” See also Staker, *Hearken, O Ye People*``, CRDH's black Mormons essay;
# ``Cooper et al, "3D models and locative AR." And Morrison, "…"``, CRDH's essay on Lippi's thresholds).
_SEE_OPENS = OnFirstUse(regex.compile, r"[ \t\n\xa0]+(?:See(?:[ \t]+also)?|Cf\.|Compare)[ \t,:]+(?=[\p{Lu}“\"‘*_])")
# ... and so does one opening on "And" or "Also" when an author's name and a comma follow.
_AND_OPENS = OnFirstUse(regex.compile, r"[ \t\n\xa0]+(?:And|Also)[ \t]+\p{Lu}[\p{L}'’-]+(?:[ \t]+(?:\p{Lu}[\p{L}'’.-]*|de|van|von|et|al\.?)){0,4},")
_AND_BEFORE_CAPITAL = OnFirstUse(re.compile, r"(?:and|as\s+well\s+as|with)\s+(?=[^\W\d_a-z]|[“\"‘*_])")  # re: any letter but a-z stands for a capital
# TRAILING_COMMENT's comma after a number, a parenthesis, emphasis or a quotation mark and before a
# lower-case word (a search for the character it looks behind for, not a lookbehind at every
# position), and LOCATOR_AFTER_STOP's full stop after a number.
_END_THEN_COMMA_BEFORE_WORD = OnFirstUse(regex.compile, r"[\d)*_”\"’]\s*,\s+\p{Ll}{3}")
_STOP_AFTER_NUMBER = OnFirstUse(re.compile, r"\.(?<=[\d)]\.)[ \t]")  # the full stop looked for first
EDITOR_CLAUSE = OnFirstUse(regex.compile, 
    r",?[ \t]*(?<!\p{L})(?:(?P<kind>ed\.|eds\.|edited[ \t]+by|trans\.|translated[ \t]+by|comp\.|compiled[ \t]+by)"
    r"[ \t]+(?P<names>[^,()]+?))(?=[ \t]*(?:[,(]|$))",
    regex.IGNORECASE,
)
# EDITOR_CLAUSE's words in lower case (EDITION's "ed." among them).
_EDITOR_WORDS = ("ed.", "eds.", "edited", "trans.", "translated", "comp.", "compiled")
VOLUMES = OnFirstUse(regex.compile, r",[ \t]*(?:(?P<count>\d+)[ \t]+vols?\.|vol\.[ \t]*(?P<volume>[\w]+))", regex.IGNORECASE)
# Book, part and series numbers of a multi-volume work: ``vol. 22, bk. 1``, ``ser. D``, ``pt. 2``.
PARTS = OnFirstUse(regex.compile, r",[ \t]*(?:bk|pt|ser|tom|t|kn)\.[ \t]*\w+(?=[ \t]*[,(])", regex.IGNORECASE)
EDITION = OnFirstUse(regex.compile, r",[ \t]*(?:\d+(?:st|nd|rd|th)|rev\.|new|2nd|enlarged)[ \t]+ed\.", regex.IGNORECASE)
# The journal never opens on a preposition of prose (``*Palo Alto Times* in 1960 (see …)``: Jason
# Heppler's dissertation, chapter 4, once a journal "in" of volume 1960).
ARTICLE_TAIL = OnFirstUse(regex.compile, 
    r"^,?[ \t]*(?P<container>(?![ \t,]*(?:in|on|at|from|by|since|until|during)[ \t])[^()]+?)"
    r"(?:,?[ \t]+(?P<volume>\d+|[IVXLC]+)(?:,?[ \t]*(?:no\.|nos\.|issue)[ \t]*(?P<issue>[\w–-]+))?)?"
    r"[ \t]*\((?P<date>[^()]*?(?:\d{4}|n\.[ \t]?d\.)[^()]*)\)"
    r"(?:[ \t]*:[ \t]*(?P<pages>[^,;]+?))?(?P<after>(?:[ \t]*,[ \t]*.*)?)$",
    regex.DOTALL,
)
# An issue of a periodical cited by its name (the title before this) and its date, number or both.
PERIODICAL_ISSUE = OnFirstUse(regex.compile, 
    rf"^,?[ \t]*(?:(?:vol\.[ \t]*)?(?P<volume>\d+),?[ \t]*)?(?:no\.[ \t]*(?P<issue>[\w–-]+)[ \t]*)?"
    rf"(?:\((?P<pdate>(?:{MONTH}[ \t]+)?(?:\d{{1,2}},?[ \t]+)?\d{{4}})\)|,?[ \t]*(?P<date>{DATE}))"
    rf"(?:[ \t]*[:,][ \t]*(?P<loc>(?:{LOC_WORD}[ \t]*)?\d+[a-z]?(?:[ \t]*[-–—][ \t]*\d+)?))?[ \t]*$"
)
# An article in a periodical given by its date or year, not by volume: ``*OpenAI* (blog), February 14,
# 2019``, ``_Caracteres_, May 27 2016``, ``_Digital Scholarship in the Humanities_, 2017``.
DATED_ARTICLE = OnFirstUse(regex.compile, 
    rf"^,?[ \t]*(?P<container>[^()]+?)(?:[ \t]*\([\p{{Ll}} ]{{2,20}}\))?,[ \t]*(?P<date>{DATE}|{YEAR})"
    rf"(?P<after>(?:[ \t]*[,:][ \t]*.*)?)$"
)
# British style imprint without parentheses: ``Stalin in Power, London, 1990, p. 45``.
BARE_IMPRINT = OnFirstUse(regex.compile, 
    rf",[ \t]*(?P<place>\p{{Lu}}[^,()\d]{{1,40}}?),[ \t]*(?P<year>{YEAR}|{NO_DATE})(?P<rest>(?:,.*)?)$"
)
# Four digits together, as the standard ``re`` knows them, or characters beyond the first 65,536 (where
# the regex module knows digits of a later Unicode than ``re``'s: see :func:`_first_digit`).
_FOUR_DIGITS = OnFirstUse(re.compile, r"[\d\U00010000-\U0010ffff]{4}")
# What YEAR needs: the first two digits, as the standard ``re`` reads them (ASCII).
_CENTURY = OnFirstUse(re.compile, r"1[4-9]|20")
# What BARE_IMPRINT needs, looked for first: a comma right before the year (or ``n.d.``), after another.
_COMMA_THEN_YEAR = OnFirstUse(re.compile, r",[ \t]*(?:1[4-9]|20|n\.)")
BARE_YEAR = OnFirstUse(regex.compile, rf"^,[ \t]*(?P<year>{YEAR}|{NO_DATE})(?P<rest>(?:,.*)?)$")
MARKUP = OnFirstUse(regex.compile, r"[*_]+")
# A remark after the locator: ``45 (emphasis in original)``, ``12, emphasis added``, ``3 (my translation)``,
# and any in parentheses opening with a word in lower case (``2 (all spelled Zdekaner)``: CRDH's essay on
# the Russian flu) but an alias's declaration (``(hereafter cited as *Stalin*)``).
TRAILING_REMARK = OnFirstUse(regex.compile, 
    r"(?<=\d)(?:[ \t]*\((?:emphasis|italics|my|translation|author|original|translated|abridged|(?!(?:hereafter|henceforth|hereinafter|cited|referred)\b)(?-i:\p{Ll}+)[ \t])[^()\d]*\)"
    r"|,[ \t]*(?:emphasis|italics)[ \t]+(?:added|mine|in[ \t]+(?:the[ \t]+)?original))[ \t]*$",
    regex.IGNORECASE,
)
# How a remark ends (searched in the last 8 characters, "original" being the longest), and the last
# characters of those endings, looked at first.
_REMARK_ENDING = OnFirstUse(regex.compile, r"(?:\)|added|mine|original)$", regex.IGNORECASE)
_REMARK_LAST = (")", "d", "e", "l")
# ASCII typography, as plain text, Markdown and TeX all write it: quotes (these patterns), dashes
# (``---`` and ``--``, replaced as they stand: ``p. 427--432``, ``--M.`` in every other note of Gibbon's).
TYPOGRAPHY = tuple(
    (OnFirstUse(regex.compile, pattern), replacement)
    for pattern, replacement in ((r"``", "“"), (r"''", "”"), (r"(?<![\w`])`(?!`)", "‘"))
)
# A web address ends many modern notes: in angle brackets or bare, or a DOI (a link's syntax is
# the reader's markup; its label, often the address again, is text). It locates, it does not name.
WEB_ADDRESS = OnFirstUse(regex.compile, 
    r"[,.;:]?[ \t]*(?:<(?:https?://|www\.)[^<>\s]*>|(?:https?://|www\.)\S+|(?:DOI|doi)[ \t]*:?[ \t]*10\.\S+)"
)
# A word hyphenated at a hard line break: ``Collec-`` / ``tive`` joined as ``Collec- tive``.
WRAP_HYPHEN = OnFirstUse(regex.compile, r"(\p{Ll})-[ \t]+(?!(?:and|or|to)\b)(\p{Ll})")  # not ``pre- and post-war``
# Small patterns used by the parsing functions below.
_CAPITAL_FOLLOWS = OnFirstUse(regex.compile, r"[ \t\n\xa0]+[\p{Lu}“\"‘*_(]")
_ELEMENT_FOLLOWS = OnFirstUse(regex.compile, r"[ \t\n\xa0]+[\p{Lu}\p{N}“\"‘'*_(]")  # ``_OED Online_. 2022``
# Both searched from the end (``(?r)``): the same match as a forward search, without trying every word.
_LAST_WORD = OnFirstUse(regex.compile, r"(?r)([\p{L}.]+)$")
_LAST_WORD_STOP = OnFirstUse(regex.compile, r"(?r)([\p{L}.]+)\.$")
_LAST_CAPITAL = OnFirstUse(regex.compile, r"(?r)\p{Lu}")
# Classes of characters alone find the same with the standard ``re``, which scans for them faster.
_FULL_STOP = OnFirstUse(re.compile, r"\.")
_WORDS = OnFirstUse(regex.compile, r"[\p{L}'’]+")
# Where split_pieces may cut: a ``;``, or a full stop before a blank, a closing quotation mark or an
# emphasis mark (what a sentence end, a given name's end, a quotation's and an emphasis' end need) but not before a blank and a digit or a
# lower-case ASCII letter (``l. iv. p. 12``, Gibbon's, ends no sentence, no names, no quotation).
_PIECE_END = OnFirstUse(re.compile, r";|\.(?=[ \t\n\xa0”\"’»“*_])(?![ \t\n\xa0][a-z0-9])")
# An initial's full stop with a quoted or italic title after it: the names end there.
_TITLE_AFTER_INITIAL = OnFirstUse(regex.compile, r"(?<![\p{L}])\p{Lu}\p{Ll}?\.[ \t]+[*_“\"‘]")  # ``M. C.``, ``Iu.``
# After a ``;``: the imprint's second place, its publisher and year (``; New York: Routledge, 2003``).
_SECOND_PLACE = OnFirstUse(regex.compile, 
    rf"[ \t]*\p{{Lu}}[\p{{L}}.'’ -]{{0,40}}:[ \t]*\p{{Lu}}[^;:]{{0,80}}?,?[ \t]*(?:{YEAR}|{NO_DATE})(?!\d)"
)
_WORD_START = OnFirstUse(regex.compile, r"[\p{L}\p{N}*_‘'(\[]")
_BRACKETING = OnFirstUse(re.compile, r'[()\[\]“”"]')
_PARENTHESIS = OnFirstUse(re.compile, r"[()]")
_BLANKS = OnFirstUse(regex.compile, "[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")  # str.isspace
# The characters str.isspace calls blank (a test holds them equal), as str.strip takes them.
BLANKS = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
# 1 for the bytes of the ASCII characters str.isspace calls blank, 0 for every other byte.
_ASCII_BLANKS = bytes(int(chr(byte).isspace()) for byte in range(128)) + bytes(128)
_REPRINT = OnFirstUse(regex.compile, r"^[ \t]*(?:repr\.|reprint|reissued|orig\.[^,]*),?", regex.IGNORECASE)
_LOCATOR_OR_YEAR = OnFirstUse(regex.compile, r"\d")
# The same looked for with the standard ``re``, which scans faster: its digits, or a character beyond the
# first 65,536, where the regex module knows digits of a later Unicode that ``re`` does not (:func:`_first_digit`).
_DIGIT_OR_ASTRAL = OnFirstUse(re.compile, r"[\d\U00010000-\U0010ffff]")
# A volume named before the imprint of the book a chapter is in: ``in Research and Advanced Technology
# for Digital Libraries, ed. Stefan Gradmann et al., vol. 6966 (Berlin, Heidelberg: Springer …, 2011)``
# (the web-archiving lesson, Programming Historian).
VOLUME_BEFORE_IMPRINT = OnFirstUse(regex.compile, r"^,?[ \t]*(?:vol\.|volume)[ \t]*(?P<volume>\d+)[ \t]*(?=[(\[])", regex.IGNORECASE)
_AT = OnFirstUse(regex.compile, r"^at[ \t]+")
_HEAD_THEN_NUMBER = OnFirstUse(regex.compile, r"^(?P<head>.+?)[ \t]+(?P<rest>\d.*)$")
_BARE_NAME = OnFirstUse(regex.compile, r"\p{Lu}[\p{L}\p{N}\-]*|\p{Lu}[\p{Lu}\p{N}\- ]{1,12}")
_LETTER = OnFirstUse(regex.compile, r"\p{L}")
# A corporate author: everything before a quoted or italic title that no list of people covers.
CORPORATE = OnFirstUse(regex.compile, r"(?P<body>\p{Lu}[^*_“\"‘()\[\];]{1,80}?),[ \t]*(?=[*_“\"‘])")
# A government body as the author of an unmarked title: a state, then its offices, each before a
# comma (``U.S., Department of State, Papers Relating to …``, a real history chapter's note, issue 11;
# ``Great Britain, Foreign Office, …``; ``USSR, People's Commissariat of Foreign Affairs, …``).
OFFICE = (
    r"(?:\p{Lu}[\p{L}'’]*[ \t]+){0,2}(?:Department|Ministry|Office|Bureau|Congress|Senate|House|Committee"
    r"|Commission|Council|Board|Agency|Commissariat|Parliament|Assembly|Library|Archives?)(?![\p{L}])[^,;()*_“\"]{0,60}?"
)
# The word each of OFFICE's offices holds, looked for before GOVERNMENT_BODY (with the standard ``re``).
_OFFICE_WORD = OnFirstUse(re.compile, "Department|Ministry|Office|Bureau|Congress|Senate|House|Committee"
                          "|Commission|Council|Board|Agency|Commissariat|Parliament|Assembly|Library|Archive")
GOVERNMENT_BODY = OnFirstUse(regex.compile, 
    rf"^(?P<body>(?:\p{{Lu}}\.){{2,}}|\p{{Lu}}[\p{{L}}.]*(?:[ \t]+\p{{Lu}}[\p{{L}}.]*){{0,2}})"
    rf"(?P<offices>(?:,[ \t]+{OFFICE})+),[ \t]*(?=\p{{Lu}})"
)
# The same with the state's initials and one office in a single name, the title opening with a
# capital or a number (``U.S. Bureau of the Census, 1960 Census, Santa Clara County, n.d.``: Jason
# Heppler's dissertation, chapter 2, read before as a title "U.S. Bureau of the Census, 1960 Census").
STATE_OFFICE = OnFirstUse(regex.compile, rf"^(?P<body>(?:\p{{Lu}}\.){{2,}}[ \t]+{OFFICE}),[ \t]*(?=[\p{{Lu}}\d])")
CORPORATE_SMALL_WORDS = frozenset("of the and for on in at to & de du des la le et für und der die das".split())
# The words in lower case that the names opening an entry hold: a person's particles, "and", "et al.",
# the small words of a body's name.
ENTRY_HEAD_SMALL_WORDS = PARTICLES | CORPORATE_SMALL_WORDS | {"and", "et", "et.", "al", "al."}
# A note written in the bibliography's form opens with its names and a full stop: ``Lavin, Matthew.``,
# ``Atack, Jeremy, Fred Bateman, and Robert A. Margo.``, ``Cosmo, Nicola Di, et al.``
ENTRY_GIVEN = (
    r"(?:\p{Lu}\p{Ll}\.|\p{Lu}[\p{Ll}'’]++(?:-\p{Lu}[\p{Ll}'’]++)*|\p{Lu}\.(?:[ \t]?-?\p{Lu}\.)*)"
    r"(?:[ \t]+(?:\p{Lu}[\p{Ll}'’]++(?:-\p{Lu}[\p{Ll}'’]++)*|\p{Lu}\.(?:[ \t]?-?\p{Lu}\.)*))*"
)  # ``Marie-Sophie``: a given name may be hyphenated
ENTRY_NAMES = OnFirstUse(regex.compile, 
    rf"^(?P<family>(?:(?:de|del|della|di|da|du|des|van|von|der|den|le|la)[ \t]+)*{NAME_TOKEN}(?:[ \t]+{NAME_TOKEN})?)"
    rf",[ \t]+(?P<given>{ENTRY_GIVEN})(?P<others>(?:,?[ \t]+(?:(?:and|und|&)[ \t]+)?{NAME})*)"
    r"(?P<etal>,?[ \t]+et\.?[ \t]+al\.?)?$"
)
_ET_AL_ENDS = OnFirstUse(regex.compile, r"(?r)\bet\.?[ \t]+al$")  # from the end: it ends where the search does
_OTHER_NAMES = OnFirstUse(regex.compile, r",[ \t]*(?:(?:and|und|&)[ \t]+)?|[ \t]+(?:and|und|&)[ \t]+")
# Names each inverted and joined by "and", as BibTeX holds them: ``Grimm, Volker and Railsback, Steven F.
# and …`` (nineteen of them, the agent-based simulation lesson, Programming Historian).
_NAME_JOIN = OnFirstUse(regex.compile, r"[ \t]+(?:and|und|&)[ \t]+")
INVERTED_NAME = OnFirstUse(regex.compile, 
    rf"^(?P<family>(?:(?:de|del|della|di|da|du|des|van|von|der|den|le|la)[ \t]+)*{NAME_TOKEN}(?:[ \t]+{NAME_TOKEN})?)"
    rf",[ \t]+(?P<given>{ENTRY_GIVEN})$"
)
# An element that gives the imprint (``UNC Press Books, 2016: 132``, ``London: Verso, 2013``, ``London; New
# York: Routledge, 2003``: split_pieces leaves only that ``;`` inside a piece) or the year alone.
IMPRINT_ELEMENT = OnFirstUse(regex.compile, 
    rf"^(?P<imprint>(?:[\p{{Lu}}][^“\"*_]{{0,80}}?[,:][ \t]*)?(?:{YEAR}|{NO_DATE}))"
    rf"(?:[ \t]*[:,][ \t]*(?P<loc>{LOCATOR}))?$"
)
# The day a web page was read (``Accessed February 21, 2024``, ``Retrieved January 26, 2024, from``).
ACCESS_DATE = OnFirstUse(regex.compile, 
    rf"[.,]?[ \t]*(?:[Aa]ccessed|[Rr]etrieved)(?:[ \t]+on)?[ \t]+(?:{DATE}|\d{{1,2}}[ \t]+{MONTH}\.?[ \t]+\d{{4}})(?:,?[ \t]*from)?"
)
# The longest element of an entry's facts: a chapter's title and the book it is in, with its editors, run
# past 200 characters when the chapter's closing quote holds the full stop (``“Modeling the Actual,
# Simulating the Possible.” In The Shape of Data … / Edited by …``: simulating-historical-communication-networks).
ELEMENT_LENGTH = 240
# A short form in the author-date style: surnames, the year, a locator (``Wachter, Laslett and Hammel 1978,
# p. xix``: simulating-historical-communication-networks, Programming Historian).
_SURNAME = r"\p{Lu}[\p{L}'’-]++"  # possessive, as NAME_TOKEN's runs
AUTHOR_DATE_SHORT = OnFirstUse(regex.compile, 
    rf"^(?P<names>{_SURNAME}(?:(?:,[ \t]+(?:(?:and|&)[ \t]+)?|[ \t]+(?:and|&)[ \t]+){_SURNAME})*(?:[ \t]+et\.?[ \t]+al\.?)?)"
    rf",?[ \t]+\(?(?P<year>{YEAR})[a-z]?\)?(?:,?[ \t]*(?P<loc>{LOCATOR}))?$"
)
# MLA's second container after the year: the database or platform where the work was read, in
# italics alone (``… pp. 700–11. _Taylor and Francis+NEJM_,`` in a Timeline lesson, Programming Historian).
DATABASE = OnFirstUse(regex.compile, r"(?:\*[^*]{1,60}\*|_[^_]{1,60}_),?")
# People named in their natural order, as an entry's first element: ``Stuart Clark``, ``Ann Fell and Tom Shaw``.
NATURAL_NAME = OnFirstUse(regex.compile, rf"{NAME_TOKEN}(?:[ \t]+(?:(?:de|del|della|di|da|du|van|von|der|den|le|la)[ \t]+)?{NAME_TOKEN}){{1,3}}")
NATURAL_NAMES = OnFirstUse(regex.compile, rf"{NAME}(?:(?:,[ \t]+{NAME})*,?[ \t]+(?:and|&)[ \t]+{NAME})?")
# An imprint alone: a place perhaps, a publisher named as one (``Cambridge University Press``, ``Packt
# Publishing``, ``Princeton Architectural Press``), a year perhaps.
IMPRINT_ONLY = OnFirstUse(regex.compile, 
    r"^(?:\p{Lu}[\p{L}'’ -]{0,40}(?:,[ \t]*\p{Lu}[\p{L}.]{1,10})?[ \t]*:[ \t]*)?"
    r"\p{Lu}[^.,:;()“\"*_]{0,60}?\b(?:Press|Publish(?:ing|ers?)|Verlag|Books|Editions|Éditions|Inc|Ltd|Co)\.?"
    rf"(?:,?[ \t]*(?:{YEAR}|{NO_DATE}))?$"
)
# The words IMPRINT_ONLY needs ("ditions" for Editions and Éditions), looked for first in one scan: its lazy
# start tries every length on each segment (6 µs on a line of prose), and one segment in twenty holds one.
_IMPRINT_WORDS = OnFirstUse(re.compile, r"Press|Publish|Verlag|Books|ditions|Inc|Ltd|Co")
# A quoted title with more after its closing quotation and no full stop between (a web page's
# site: ``“Historical Fiction vs Narrative Nonfiction: What’s in a Genre?” Thomas Sanger``).
QUOTED_THEN_MORE = OnFirstUse(regex.compile, r"^(?P<title>“[^”]+”|\"[^\"]+\"|‘[^’]+’|'[^']+[.,?!]')[ \t]+(?P<more>[*_]?\p{Lu}.*)$")
# The names and the year in parentheses that open a source in the author-date form, and the rest.
# The year may carry the day of a dated piece: ``Leonhardt, D. (2023, August 6).`` (a Timeline lesson, Programming Historian).
AUTHOR_DATE_HEAD = OnFirstUse(regex.compile, 
    rf"^(?P<names>\p{{Lu}}[^()\[\]“\"*_]{{1,600}}?)[ \t]*\((?P<year>{YEAR}|{NO_DATE})[a-z]?"
    rf"(?:,[ \t]*{MONTH}(?:[ \t]+\d{{1,2}})?)?\)[.,:]?(?:[ \t]+(?P<rest>\S.*))?$"
)
# Chicago's author-date form, the year bare between the names and a quoted or italic title: ``Reimer et
# al. 2009. "IntCal09 and Marine09 …". *Radiocarbon* 51 (4)``, ``Damon, P. E., D. J. Donahue, …, et al.
# 1989. "Radiocarbon dating of the Shroud of Turin".`` (the radiocarbon lesson, Programming Historian).
AUTHOR_YEAR_HEAD = OnFirstUse(regex.compile, 
    rf"^(?P<names>\p{{Lu}}[^()\[\]“\"*_\d:;]{{1,600}}?)[.,]?[ \t]+(?P<year>{YEAR})[a-z]?"
    rf"(?:\.(?:[ \t]+(?P<rest>[“\"‘'*_]\S.*))?)?$"
)
# What AUTHOR_YEAR_HEAD needs; the lookbehind (the ``\b`` before the year) stands after the first
# digit, so that ``re`` looks for that digit first (three times as fast as ``\b`` first).
_YEAR_THEN_TITLE = OnFirstUse(re.compile, r"[12](?<!\w[12])\d\d\d[a-z]?(?:\.\s+[“\"‘'*_]|\.?$)")
# One name and "et al.": ``Reimer et al.``, ``Nisbet et. al.``
NAME_ET_AL = OnFirstUse(regex.compile, rf"^(?P<name>{NAME}),?[ \t]+et\.?[ \t]+al\.?$")
INITIALS_ONLY = OnFirstUse(regex.compile, r"(?:\p{Lu}\.[ \t]*)+")
INITIAL_AT_END = OnFirstUse(regex.compile, r"(?:^|[ \t.-])\p{Lu}\p{Ll}?\.$")  # ``A.``, ``Iu.``: an initial's stop
# Names as the author-date form inverts them, each with its initials: ``Bree, P. van, Kessels, G.``
# (nodegoat lesson, Programming Historian), ``Bossomaier, T., Barnett, L., & Lizier, J. T.`` (CoTETE.jl).
APA_NAME = OnFirstUse(regex.compile, 
    rf"(?:,?[ \t]+(?:(?:&|and)[ \t]+)?)?(?P<family>{NAME_TOKEN}(?:[ \t]+{NAME_TOKEN})?),[ \t]+"
    r"(?P<initials>\p{Lu}\.(?:[ \t]?-?\p{Lu}\.)*(?:[ \t]+(?:van|von|de|der|den|du|la|le)(?![\p{L}]))*)"
)
# An article's volume, issue and pages as the author-date form prints them: ``45: 171-194``, ``38(1), 105-123``.
ARTICLE_NUMBERS = OnFirstUse(regex.compile, 
    r"^(?P<volume>\d+)(?:[ \t]*\((?P<issue>\d+(?:[-–‑]\d+)?)\))?[ \t]*[:,][ \t]*(?P<pages>\d+(?:[ \t]*[-–‑][ \t]*\d+)?)$"
)
# The year of the author-date form standing as an element of its own, after the names' full stop.
YEAR_ELEMENT = OnFirstUse(regex.compile, rf"\((?:{YEAR}|{NO_DATE})[a-z]?\)")
JOURNAL_NUMBERS = OnFirstUse(regex.compile, 
    r"^(?P<journal>[*_]?\p{Lu}[^\d,;()]*?\p{L}[*_]?)[ \t]+(?P<numbers>\d+(?:[ \t]*\(\d+(?:[-–‑]\d+)?\))?[ \t]*:[ \t]*\d+(?:[ \t]*[-–‑][ \t]*\d+)?)$"
)
# A locator after the full stop that ends the facts: ``… (2011): 105-123. 114``, ``27 May 1905. 338``.
LOCATOR_AFTER_STOP = OnFirstUse(regex.compile, rf"(?<=[\d)])\.[ \t]+(?P<loc>{LOCATOR})$")
# The editors of the book a chapter is in, with the role in parentheses after them, in any order and
# case: ``in T. Shaw (ed.)``, ``in Shaw, T. (Ed.)``, ``In Gu, D., Du, J. and Pardalos, P. (Eds.),`` (LoMRF's
# documentation), ``In David S. Johnson and Michael A. Trick, (Ed.),`` (the same).
EDITED_BY = OnFirstUse(regex.compile, 
    r"^(?P<names>\p{Lu}[^()“\"‘*_;]{0,150}?),?[ \t]*\((?i:eds?|editors?|hrsg|comps?)\.?\),?[ \t]*(?P<rest>\S.*)$", regex.DOTALL
)
IN_CONTAINER = OnFirstUse(regex.compile, r",?[ \t]+in[ \t]+(?=\p{Lu})")
# A year after "in" is a date of prose, no book (``the insert that ran in the *Palo Alto Times* in 1960
# (see …)``: Jason Heppler's dissertation, chapter 4).
_IN_VOLUME = OnFirstUse(regex.compile, r"^,?[ \t]*(?:in|In:)[ \t]+(?P<rest>(?!\d).+)$", regex.DOTALL)
# An element of the bibliography's form that names the book a chapter is in: ``In Tom Shaw (Ed.),
# Title, pp. 45-60`` (LoMRF's documentation: ``In Gu, D., Du, J. and Pardalos, P. (Eds.), The
# Satisfiability Problem …``), ``In: …``, ``In _Proceedings of …_`` (tf-idf lesson, Programming Historian).
IN_ELEMENT = OnFirstUse(regex.compile, r"^(?:In|in):?[ \t]+(?P<container>\S.*)$", regex.DOTALL)
# The chapter's pages in or after the book's title: ``Grain and power (pp. 45–67)``, ``Title, pp. 45-60``.
CHAPTER_PAGES = OnFirstUse(regex.compile, 
    r"(?:[ \t]*\((?P<pages>pp?\.[ \t]*\d+(?:[ \t]*[-–][ \t]*\d+)?)\)|,[ \t]*(?P<tail>pp?\.[ \t]*\d+(?:[ \t]*[-–][ \t]*\d+)?|\d+[ \t]*[-–][ \t]*\d+))[ \t]*$"
)
# What every form the parser reads needs at least one of, looked for before the forms are tried in
# turn (:func:`_may_cite`): a segment without any is commentary. In the books of the real-text
# bench (Gibbon, Macaulay) four notes' stretches in ten are such prose (``It receives great light
# from the learned notes of his French translator, M. Spanheim``), each once read by every form.
# Three scans of the standard ``re``, from the commonest sign: a page, year, volume:page, law
# report, date or DOI's ``10.`` (a digit: the regex module's ``\d`` knows more digits than
# ``re``'s, all beyond the first 65,536 characters, taken whole), an imprint in parentheses or
# brackets, a title in quotes or emphasis; then a web address (taken out before the rest is read),
# looked for as two substrings (``re`` scans for a set of characters alone faster than for a set or a word):
_SIGNAL_CHARACTERS = OnFirstUse(re.compile, r"[\d()\[\]“”\"‘«„*_`\U00010000-\U0010ffff]")
# The same in an ASCII text (``str.isascii`` is known without a scan), where ``\d`` is 0-9: a class of
# characters alone is scanned four times as fast as one holding a category and a range beyond the BMP.
_ASCII_SIGNAL_CHARACTERS = OnFirstUse(re.compile, r"[0-9()\[\]\"*_`]")
# Letters, some of those the parser's ``\p{L}`` calls letters: "not after (before) one of these"
# holds wherever the parser's "not after (before) a letter" does.
_LATIN_LETTERS = "A-Za-zÀ-ÖØ-öø-ɏ"
# Each lookbehind stands after the first character, so that ``re`` looks for that character first.
# Any blanks stand where the parser reads one space, and a backtick or two apostrophes are signs as
# the quotation marks :func:`_typography` writes for them are: a stretch of a note is looked at as
# it stands (:func:`_stretch_may_cite`).
_SIGNAL_WORDS = OnFirstUse(re.compile, "|".join((
    rf"'(?<![{_LATIN_LETTERS}]')|'(?![{_LATIN_LETTERS}])",  # a title in British single quotes, not an apostrophe inside a word
    rf"[ivxlcdm](?<![{_LATIN_LETTERS}][ivxlcdm])[ivxlcdm]{{0,6}}(?![{_LATIN_LETTERS}])",  # a roman locator (LOC_NUMBER): ``tom. iii``
    r"passim|interview",  # a locator with no number; INTERVIEW
    rf",\s*{ARCHIVE_WORD}",  # an archival document's items (DOCUMENT): ``Party archive, box A``
    r"\.\s+\S|al\.\S",  # an element's full stop (the bibliography's form, _note_form): ``Moretti, Franco. Distant Reading``
)))
_HYPHEN_THEN_BLANK = OnFirstUse(re.compile, r"-\s")  # what WRAP_HYPHEN needs, in the text as it stands
# In the text in lower case (:func:`_lower`), as the parser's patterns ignoring case read it: IBID's
# words and OP_CIT's, an alias declared (ALIAS_DECLARATION), ``Fell, supra``, NO_DATE.
_SIGNAL_FOLDED_WORDS = OnFirstUse(re.compile, "|".join((
    rf"[ieol](?<![{_LATIN_LETTERS}][ieol])(?:(?<=i)(?:bid|b|dem|d)|(?<=e)adem|(?<=o)p|(?<=l)oc)(?![{_LATIN_LETTERS}])",
    r"here(?:after|inafter)|henceforth|supra|n\.\s*d\.",
)))

# What :func:`_may_parse` asks, each for some form (see there): a year (YEAR's first two digits as
# the standard ``re`` reads them, then two digits of any script: the regex module's ``\d`` knows
# more, all beyond the first 65,536 characters); ``n.d.`` in lower case; an element's full stop of the
# bibliography's form (a blank and no ASCII lower-case letter after it: "et al."'s full stop ends an
# element whatever follows, but only inverted names, whose first comma the names' test finds, end with
# it); an ASCII digit.
_YEAR_DIGITS = OnFirstUse(re.compile, r"(?:1[4-9]|20)[\d\U00010000-\U0010ffff]{2}")
_NO_DATE_LOWER = OnFirstUse(re.compile, r"n\.[ \t]?d\.")
_ELEMENT_STOP = OnFirstUse(re.compile, r"\. [^a-z]")
_ASCII_DIGIT = OnFirstUse(re.compile, r"[0-9]")
_IBID_OPENINGS = ("ib", "id", "eadem", "op", "loc")  # how IBID's words begin, in lower case


# --------------------------------------------------------------------------------------------
# Offsets: Note.text back to the file


def _source_of(document: Document, path: str) -> SourceFile | None:
    for source in (document.source, *document.note_sources):
        if source.path == path:
            return source
    return None


def text_offsets(note: Note, file_text: str) -> list[int | None]:
    """For each character of ``note.text``, its offset in the file (None for joining whitespace).

    Readers join a note's lines and parts with single spaces and drop blockquote markers, so the
    non-blank characters of ``note.text`` are those of the parts, in order: walk both together.
    """
    ranges = [(p.start, p.end) for p in note.parts if p.end > p.start]
    if len(ranges) == 1 and file_text[ranges[0][0] : ranges[0][1]] == note.text:  # a note on one line
        on_line: list[int | None] = list(range(ranges[0][0], ranges[0][0] + len(note.text)))
        if note.text.isascii():  # the blanks picked from a mask of them, in one pass of C
            for blank in compress(range(len(note.text)), note.text.encode("ascii").translate(_ASCII_BLANKS)):
                on_line[blank] = None
            return on_line
        for blank in _BLANKS.finditer(note.text):  # by runs of blanks, not character by character
            on_line[blank.start() : blank.end()] = [None] * (blank.end() - blank.start())
        return on_line
    offsets: list[int | None] = []
    part, position = 0, ranges[0][0] if ranges else 0
    for char in note.text:
        if char.isspace():
            offsets.append(None)
            continue
        found = None
        while part < len(ranges):
            if position >= ranges[part][1]:
                part += 1
                if part < len(ranges):
                    position = ranges[part][0]
                continue
            here = file_text[position]
            if here == char:
                found = position
                position += 1
                break
            if here.isspace() or here == ">":
                position += 1
                continue
            break  # the reader changed the text here: leave this character unmapped
        offsets.append(found)
    return offsets


def _span(path: str, offsets: Sequence[int | None], start: int, end: int) -> Span | None:
    mapped = [o for o in offsets[start:end] if o is not None]
    if not mapped:
        return None
    return Span(path, mapped[0], mapped[-1] + 1)


# --------------------------------------------------------------------------------------------
# Segmentation


class Piece(NamedTuple):
    """A stretch ``[start, end)`` of a note's text that may hold one source (a named tuple: a note
    makes some twenty of them, made in two thirds of a frozen dataclass's time)."""

    start: int
    end: int


def _is_sentence_end(text: str, dot: int, follows: regex.Pattern[str] = _CAPITAL_FOLLOWS) -> bool:
    """Whether the full stop at ``dot`` ends a sentence (or, with ``follows``, an element): a
    capital follows and no abbreviation precedes."""
    if not _blank_then_not_lower(text, dot):
        return False  # asked before the pattern: ``l. liv. p. 736`` (Gibbon) has no full stop before a capital
    follow = follows.match(text, dot + 1, dot + 6)
    if follow is None:
        return False
    word = _LAST_WORD.search(text[max(0, dot - 12) : dot])
    if word is None:
        return True  # after a digit, a bracket or a quote
    token = word.group(1).strip(".")
    last = token.rsplit(".", 1)[-1]
    if len(last) <= 2 and last[:1].isupper():
        return False  # an initial: H. Reichman, Iu. Steklov
    return token.casefold() not in ABBREVIATIONS and last.casefold() not in ABBREVIATIONS


def _first_digit(text: str, start: int = 0, end: int | None = None) -> int:
    """Where the first digit of ``text[start:end]`` stands (_LOCATOR_OR_YEAR's), or -1."""
    end = len(text) if end is None else end
    while (found := _DIGIT_OR_ASTRAL.search(text, start, end)) is not None:
        if text[found.start()] < "\U00010000" or _LOCATOR_OR_YEAR.match(text, found.start()):
            return found.start()
        start = found.start() + 1
    return -1


def _blank_then_not_lower(text: str, dot: int) -> bool:
    """Whether one blank follows ``dot`` and then no ASCII letter in lower case: what _CAPITAL_FOLLOWS
    and _ELEMENT_FOLLOWS need (their blanks end where a lower-case letter stands, which neither takes)."""
    return text[dot + 1 : dot + 2] in (" ", "\t", "\n", "\xa0") and not "a" <= text[dot + 2 : dot + 3] <= "z"


def _ends_given_name(text: str, start: int, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends the inverted names that open an entry, after a given
    name that is also an abbreviation: ``Shaw, Tom. The Late Spring``, ``Fell, Ed. Title``."""
    if text[dot] != "." or not _blank_then_not_lower(text, dot) or _CAPITAL_FOLLOWS.match(text, dot + 1, dot + 6) is None:
        return False
    word = _LAST_WORD.search(text, max(0, dot - 12), dot)
    if word is None or len(word.group(1)) < 2 or word.group(1).casefold() not in ABBREVIATIONS:
        return False  # any other word's full stop is told by _is_sentence_end; an initial's is its own
    head = _trim(text, Piece(start, dot))
    names = text[head.start : head.end]
    return "," in names and len(names) <= 80 and ENTRY_NAMES.match(names) is not None


def split_pieces(text: str) -> list[Piece]:
    """Cut a note's text at ``;`` and at sentence ends outside parentheses and quotations; not at
    a ``;`` between two places of one imprint (``London; New York: Routledge, 2003``)."""
    outside = _outside(text)
    stars = [index for index, char in enumerate(text) if char == "*"] if "*" in text else []
    pieces: list[Piece] = []
    start = 0
    for match in _PIECE_END.finditer(text):
        index = match.start()
        if text[index] == ";" and (_SECOND_PLACE.match(text, index + 1) or stars and _inside_emphasis(text, stars, index)):
            continue
        if outside[index] and (text[index] == ";" or _is_sentence_end(text, index) or _ends_given_name(text, start, index)):
            pieces.append(Piece(start, index if text[index] == ";" else index + 1))
            start = index + 1
        elif (_sentence_ends_in_quotation(text, outside, index) or _semicolon_ends_quotation(text, outside, index)
              or _sentence_ends_in_emphasis(text, outside, index)):
            pieces.append(Piece(start, index + 2))
            start = index + 2
    pieces.append(Piece(start, len(text)))
    trimmed = [p for p in (_trim(text, p) for p in pieces) if p.end > p.start]
    return _entry_runs(text, [part for piece in trimmed for part in _title_then_names(text, piece)])


def _inside_emphasis(text: str, stars: list[int], semicolon: int) -> bool:
    """Whether the ``;`` at ``semicolon`` separates a title's parts inside the emphasis around it,
    no sources: an odd count of ``*`` before it, and the closing one later but not right after it
    (``*San Jose: Sprawling City; A Study of the Causes and Effects of Urban Sprawl …*``: Jason
    Heppler's dissertation, chapter 4). One the closing mark follows ends its source as outside
    (``*… Versailles et de Marly;* Piganiol de La Force, *…*``: CRDH's essay on Louis XIV's apartment)."""
    before = bisect.bisect_left(stars, semicolon)
    if before % 2 == 0 or before == len(stars):
        return False
    closing = stars[before]
    return closing - semicolon <= ELEMENT_LENGTH and text[semicolon + 1 : closing].strip() != ""


def _sentence_ends_in_quotation(text: str, outside: bytes, dot: int) -> bool:
    """Whether the full stop at ``dot``, inside the quotation it closes (American punctuation), ends
    the sentence: prose follows (``Bekken, "'No Weapon so Powerful'." The number 14,500 appears in
    e.g. Tebbel, …``, Current Research in Digital History's news-diets essay) or a "See" that hands
    over to another source (_SEE_OPENS), not the next element of an entry (``"Title." Journal of
    …``, ``"Title." In *Book*``, ``writes, "…." Steven Deyle, …``)."""
    quote = dot + 1
    if text[dot] != "." or outside[dot] or text[quote : quote + 1] not in CLOSING_QUOTES:
        return False
    if quote + 1 >= len(text) or not outside[quote + 1]:
        return False
    if not (_is_sentence_end(text, quote) or _in_capitals_before(text, dot) and _CAPITAL_FOLLOWS.match(text, quote + 1, quote + 6)):
        return False
    following = text[quote + 1 : quote + 1 + ELEMENT_LENGTH]
    return _reads_as_prose(following) or _SEE_OPENS.match(following) is not None or _AND_OPENS.match(following) is not None


def _in_capitals_before(text: str, dot: int) -> bool:
    """Whether the word before the full stop at ``dot`` is two capitals or more, an acronym closing
    a quoted title (``"3D models and locative AR."``), not an initial (``H.``, ``Iu.``)."""
    word = _LAST_WORD.search(text[max(0, dot - 12) : dot])
    return word is not None and len(word.group(1)) >= 2 and word.group(1).isupper()


def _sentence_ends_in_emphasis(text: str, outside: bytes, dot: int) -> bool:
    """Whether the full stop at ``dot``, inside the emphasis it closes, ends the sentence: a "See"
    that hands over to another source follows, or prose (``Hillier and Hanson, *Social Logic of
    Space.* See also Foster, "Analysis of Spatial Patterns in Buildings," 40.``: CRDH's essay on
    the royal apartments), as after a quotation (_sentence_ends_in_quotation)."""
    mark = dot + 1
    if text[dot] != "." or not outside[dot] or text[mark : mark + 1] not in ("*", "_"):
        return False
    if not _is_sentence_end(text, mark):
        return False
    following = text[mark + 1 : mark + 1 + ELEMENT_LENGTH]
    return _SEE_OPENS.match(following) is not None or _reads_as_prose(following)


def _semicolon_ends_quotation(text: str, outside: bytes, semicolon: int) -> bool:
    """Whether the ``;`` at ``semicolon``, inside the quotation it closes (as American punctuation
    puts a full stop), separates two sources: the quotation ends right after it and the next
    source's author follows, a name and a comma (``Perez, "Privacy and Social Spaces;" Margulis,
    "Privacy as a Social Issue;" Altman, *…*``: CRDH's essay on privacy in historical newspapers);
    not the journal of the same article (``"On the Classification …;" _Proceedings of the
    Zoological Society_, 1868``, Huxley's *Discourses*), nor a quotation (Swift)."""
    quote = semicolon + 1
    if text[semicolon] != ";" or outside[semicolon] or text[quote : quote + 1] not in CLOSING_QUOTES:
        return False
    if quote + 1 >= len(text) or not outside[quote + 1]:
        return False
    return _NAME_THEN_COMMA.match(text, quote + 1) is not None


def _reads_as_prose(following: str) -> bool:
    """Whether what follows a sentence end opens prose: a capital, then at least two words in
    lower case that are not a title's small words (``The number 14,500 appears``; not ``Journal of
    Communication Inquiry``, ``Paper presented at the``), and no year before its next full stop
    (not a journal whose title has lower-case words, ``New media & society 21.1 (2019)``)."""
    words = following.split()[:4]
    if not words or not words[0][:1].isupper():
        return False
    stop = next((match.start() for match in _FULL_STOP.finditer(following) if _is_sentence_end(following, match.start())), None)
    if YEAR_IN.search(following[:stop]):
        return False
    lower = [word for word in words[1:] if word[:1].islower() and word.strip(".,;:") not in PROSE_SMALL_WORDS]
    return len(lower) >= 2


def _title_then_names(text: str, piece: Piece) -> list[Piece]:
    """A piece that is a marked title, a comma and the names opening the next entry is two: ``See
    _Diabetes Data_ [link], The Scikit-Learn Development Team. _Linear Regression Example_``
    (linear-regression, Programming Historian) cites a page, then the body's page after it."""
    segment = text[piece.start : piece.end]
    if segment[:1] not in TITLE_OPENERS or "," not in segment or piece.end >= len(text) or text[piece.end] != ".":
        return [piece]
    _, after, marked = _title_first(segment)
    names = after.strip().lstrip(",").strip()
    if not marked or not after.lstrip().startswith(",") or not names[:1].isupper() or _entry_head(names) is None:
        return [piece]
    return [Piece(piece.start, piece.end - len(after)), Piece(piece.end - len(names), piece.end)]


def _entry_runs(text: str, pieces: list[Piece]) -> list[Piece]:
    """Join the elements of a source written in the bibliography's form, whose full stops separate
    names, title and facts (``Moretti, Franco. Distant Reading. London: Verso, 2013.``): a run opens
    with the names and takes the elements after them until the year."""
    runs: list[Piece] = []
    for index, piece in enumerate(pieces):
        gap = text[runs[-1].end : piece.start] if runs else ""
        after = pieces[index + 1] if index + 1 < len(pieces) else None
        following = text[after.start : after.end] if after is not None and ";" not in text[piece.end : after.start] else ""
        stopped = "." in gap or (bool(runs) and text[runs[-1].end - 1] == ".")  # ``Shaw, Tom.`` kept its stop
        if stopped and ";" not in gap and _continues_entry(text[runs[-1].start : runs[-1].end],
                                                              text[piece.start : piece.end], following):
            runs[-1] = Piece(runs[-1].start, piece.end)
        else:
            runs.append(piece)
    return runs


def _continues_entry(left: str, right: str, following: str = "") -> bool:
    """Whether ``right`` is the next element of the entry ``left`` opens: its title after the
    names alone, or a short element of its facts until the year (and the imprint after it); in
    the author-date form, which gives the year first, any short element of its facts. A plain
    title after names in their natural order (``Stuart Clark. The Rhetoric …``, which a body's name
    could also be) is told by what ``following`` it: the book it is in, or an imprint."""
    if _is_interview_description(left):
        return _is_entry_element(right)  # where and when it was recorded follow
    if _opens_in_lower_case(left):
        return False  # no names open it
    left = left.rstrip(".")  # a given name kept its stop as an abbreviation would (``Shaw, Tom.``)
    dated = _dated_head(left)
    if dated is not None and _author_date_names(dated.group("names")) is not None:
        if not dated.group("rest"):  # ``Zimmerman, Eric. (2022).`` alone: its title comes next, however long
            bare_year = "(" not in dated.group(0)
            return right[:1] in OPENING_QUOTES + "'*_" if bare_year else _opens_title(right, corporate=False)
        return _is_entry_element(right)  # ``Broscheid, A. (2011), Title?.`` then ``*Journal*, 45: 171-194``
    if left[:1] in TITLE_OPENERS and _opens_with_marked_title(left):  # a page or a film cited by its title first
        return _is_entry_element(right) and (DATABASE.fullmatch(" ".join(right.split())) is None or YEAR_IN.search(left) is not None)
    if not _may_open_entry(left):
        return False
    elements = _entry_elements(left)
    first = next(elements, None)
    if first is None or _entry_head(first) is None:
        return False  # told before the next element is cut
    second = next(elements, None)
    if second is None:
        corporate = ENTRY_NAMES.match(first) is None
        if not corporate and YEAR_ELEMENT.fullmatch(right):  # ``… und Christian A. Klöckner. (2022). “A review …``
            return True
        return _opens_title(right, corporate) or (corporate and _is_title_then_facts(first, right, following))
    return _is_entry_element(right) and (not YEAR_IN.search(left) or IMPRINT_ELEMENT.match(right) is not None
                                         or DATABASE.fullmatch(" ".join(right.split())) is not None)


def _is_interview_description(text: str) -> bool:
    """Whether ``text`` is an interview's description alone, an element of its own (``Transcript of
    interview of Wallace Stegner by Ann Lage.``, then ``Regional Oral History Office, …, 1982, 10.``:
    Jason Heppler's dissertation, chapter 4)."""
    if "nterview" not in text and "ral history" not in text:
        return False
    text = text.rstrip(".")
    found = INTERVIEW_WITH.match(text)
    return found is not None and found.end() == len(text)


def _opens_with_marked_title(text: str) -> bool:
    """Whether ``text`` opens with a title in quotes or emphasis that is an element of its own:
    ``"Timeline." BoardGameGeek`` or ``_Timeline & Stag Hunt_. Directed by …`` (a Timeline lesson,
    Programming Historian), an entry with no names before its title."""
    title, after, marked = _title_first(text)
    after = after.lstrip()
    return marked and bool(title) and (not after or after[:1] == "." or title.rstrip()[-1:] in ".?!")


def _is_title_then_facts(names: str, title: str, following: str) -> bool:
    """Whether ``names`` (in their natural order), ``title`` and ``following`` are an entry's first
    three elements: people, a capitalised title, then the book it is in or an imprint."""
    if not title[:1].isupper() or SENTENCE_WORDS.search(title) or NATURAL_NAMES.fullmatch(names) is None:
        return False
    return _looks_like_names(names) and (IN_ELEMENT.match(following) is not None or _is_imprint(following))


def _entry_head(head: str) -> str | None:
    """The names that open a source in the bibliography's form (its first element), in the order
    a note writes them: ``Lavin, Matthew`` -> ``Matthew Lavin``; a body's name as it is (``The
    Scikit-Learn Development Team``); None when the element is not names."""
    if _first_digit(head) >= 0:
        return None  # neither a name nor a body's name holds a number (``Aug. p. 152``, Gibbon's)
    names = ENTRY_NAMES.match(head) if "," in head else None
    if names is not None:
        if not _looks_like_names(head):
            return None
        people = [f"{names.group('given')} {names.group('family')}"]
        people += [n for n in _OTHER_NAMES.split(names.group("others")) if n.strip()]
        if names.group("etal"):  # ``Damon, P. E., D. J. Donahue, B. H. Gore, et al.``: the first and "et al." (a
            return f"{people[0]} et al."  # list of initials and names without "and" reads as inverted names)
        return people[0] if len(people) == 1 else ", ".join(people[:-1]) + (", and " if len(people) > 2 else " and ") + people[-1]
    words = head.split()
    if 1 < len(words) <= 8 and head[:1].isupper() and _looks_corporate(head):
        return head
    return None


def _may_open_entry(text: str) -> bool:
    """Whether the first element of ``text`` (cut by _entry_elements) may be an entry's names, told
    before it is cut: it holds every word before the first full stop, and in names or a body's name
    (see _entry_head) no word is a number, none opens with a mark no name opens with (``Dion
    Cassius, (l. liv. p. 736,)``, Gibbon's) and none is in lower case but the small words and ``d'``."""
    stop = text.find(".")
    before = text if stop < 0 else text[:stop]
    words = before.replace(",", " ").split(None, 4)  # the first four words, then the rest: prose fails in its first
    if not _may_be_names(words[:4], ENTRY_HEAD_SMALL_WORDS, ";:") or _first_digit(before) >= 0:
        return False  # ``Tucker de;``: the element ends before the ``;``
    if len(words) > 4 and not _may_be_names(words[4].split(), ENTRY_HEAD_SMALL_WORDS, ";:"):
        return False
    return _NOT_A_NAME_START.search(before) is None


# A word of an entry's names opens with a letter (a capital, a particle, ``d'``), or is ``&``, or is
# the hyphenated initial of ``J. -P.``; a body's name's words are capitalised or small words. After
# the marks an element's first word may lose (``;:``), any other opening (a parenthesis, a quotation
# mark, emphasis, an apostrophe) is found in one scan of the standard ``re`` (its ``\w`` takes digits
# and other characters that are no letters: it lets more words by, never fewer).
_NOT_A_NAME_START = OnFirstUse(re.compile, r"(?:^|[\s,])[;:]*(?:[^\w\s,;:&-]|_)")


def _may_be_names(words: list[str], small_words: frozenset[str], trailing: str = "") -> bool:
    """Whether each word (``trailing`` characters taken off its end) may stand in a list of names:
    not in lower case, one of ``small_words``, or a name after ``d'`` or ``l'`` (``d'Anville``).
    One loop, not a call a word: a book's notes ask it of some 80,000 words."""
    for word in words:
        if trailing:
            word = word.rstrip(trailing)
            if not word:
                continue
        if word[0].islower() and word not in small_words and not (word[0] in "dl" and word[1:2] in ("'", "’")):
            return False
    return True


def _opens_title(element: str, corporate: bool) -> bool:
    """Whether an element can follow an entry's names as its title: quoted or italic (after a
    body's name, which a sentence could also be), or any capitalised phrase after a person's."""
    return element[:1] in OPENING_QUOTES + "'*_" or (not corporate and element[:1].isupper())


def _is_entry_element(element: str) -> bool:
    """A short element of an entry's facts (edition, container, imprint, year), not a sentence; its
    length counted without web addresses and the blanks left where the reader took a link away."""
    return len(" ".join(_without_web_addresses(element).split())) <= ELEMENT_LENGTH and not SENTENCE_WORDS.search(element) and element[:1] not in "(["


@functools.lru_cache(maxsize=256)
def _outside(text: str) -> bytes:
    """For each character, whether (1) or not (0) it stands outside parentheses, brackets and quotations.

    Quotation marks that do not pair up (an OCR slip, a stray inch mark) are ignored, so that one
    stray mark does not swallow the rest of the note. Straight quotes do not nest: one that opens
    a word inside a quotation is the writer's nested quotation, not its end (``"Dr. Shrady recalls
    …, but he says: "That was a coincidence, … against cholera." *Evening World*, …``: CRDH's
    essay on the Russian flu). Only the bracket and quote characters change the state: the
    stretches between them are filled whole.
    """
    curly = text.count("“") == text.count("”")
    straight = _straight_quotes(text) if '"' in text else frozenset()
    depth, quoted = 0, False
    marks = bytearray(len(text))
    stretch_start, outside = 0, True  # the state from ``stretch_start`` on
    for match in _BRACKETING.finditer(text):
        index = match.start()
        char = text[index]
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char == '"' and index not in straight:
            continue  # a nested quotation's opening mark, or a stray one: nothing changes
        elif (char == "“" and curly) or (char == '"' and not quoted):
            quoted = True
        elif (char == "”" and curly) or char == '"':
            quoted = False
        if outside:
            marks[stretch_start:index] = b"\x01" * (index - stretch_start)
        stretch_start, outside = index, depth == 0 and not quoted
    if outside:
        marks[stretch_start:] = b"\x01" * (len(text) - stretch_start)
    return bytes(marks)


def _straight_quotes(text: str) -> frozenset[int]:
    """The straight quotation marks of ``text`` that open or close a quotation, each read by its
    place: one before a word (and after no letter or digit) opens, any other closes; inside a
    quotation one that opens is the writer's nested quotation, outside one that closes is stray,
    and both are left out. None when a quotation would stay open to the end (an unpaired mark)."""
    kept: list[int] = []
    quoted = False
    index = text.find('"')
    while index >= 0:
        opens = not text[index - 1 : index].isalnum() and _WORD_START.match(text, index + 1) is not None
        if opens != quoted:
            kept.append(index)
            quoted = opens
        index = text.find('"', index + 1)
    return frozenset() if quoted else frozenset(kept)


_TRIMMED = BLANKS + ",;:"  # what _trim takes off both ends of a piece


def _trim(text: str, piece: Piece) -> Piece:
    stretch = text[piece.start : piece.end]
    kept = stretch.lstrip(_TRIMMED)  # str.strip with the characters named: the loops of Python it replaced were a tenth of the stage
    start = piece.start + len(stretch) - len(kept)
    end = start + len(kept.rstrip(_TRIMMED))
    lead = LEAD_IN.match(text, start, end) if _may_lead_in(text, start) else None
    if lead is not None and lead.end() < end:
        start = lead.end()
        start += len(text[start:end]) - len(text[start:end].lstrip(BLANKS))
    if end > start and text[end - 1] == "." and not _keeps_final_stop(text, start, end):
        end -= 1
    return Piece(start, end)


def _may_lead_in(text: str, start: int) -> bool:
    """Whether LEAD_IN may match at ``start``: its first letter, then its first word's opening."""
    return text[start : start + 1].lower() in LEAD_IN_INITIALS and _lower(text[start : start + 10]).startswith(_LEAD_IN_OPENINGS)


def _keeps_final_stop(segment: str, start: int = 0, end: int | None = None) -> bool:
    """``Ibid.``, ``et al.``, ``n.d.``, ``45 ff.``: the full stop belongs to the last word (of
    ``segment[start:end]``, read in place)."""
    end = len(segment) if end is None else end
    before = segment[end - 2 : end - 1] if end - 2 >= start else ""
    if before.isascii() and not before.isalpha() and before != ".":
        return False  # ``p. 1291.``: no letter or stop before it, so no word (its pattern not asked)
    word = _LAST_WORD_STOP.search(segment, start, end)
    if word is None:
        return False
    last = word.group(1).rsplit(".", 1)[-1] or word.group(1)
    return last.casefold() in KEEPS_STOP or (len(last) == 1) or word.group(1).endswith(".")


def _in_brackets(text: str, position: int) -> bool:
    """Whether ``position`` lies inside parentheses or a quotation (judged by what precedes it)."""
    return 0 < position <= len(text) and not _outside(text)[position - 1]


def _split_inside(text: str, piece: Piece, aliases: Aliases) -> list[tuple[Piece, bool]]:
    """Split a piece at "quoted in" and at an "and" or ", see also" between two citations.

    Returns the pieces with a flag telling whether the piece is the original that a following
    "quoted in" source quotes.
    """
    folded = text[piece.start : piece.end].casefold()
    for expression in (QUOTED_IN, SEE_BETWEEN, AND_BETWEEN, COMMA_BETWEEN):
        if not _may_split_at(text, piece, folded, expression):
            continue  # what the expression needs is not there: no need to scan for it
        for match in expression.finditer(text, piece.start, piece.end):
            if _in_brackets(text, match.start()):
                continue
            left = _trim(text, Piece(piece.start, match.start()))
            right = _trim(text, Piece(match.end(), piece.end))
            if left.end <= left.start or right.end <= right.start:
                continue
            if expression is COMMA_BETWEEN:
                # both sides short forms of an author and a title (no title's own comma, no "Name, *Journal*")
                written = _parse(text[left.start : left.end], aliases)
                if written is None or written.work is None or not written.work.authors or not written.work.title:
                    continue
                if _parse(text[right.start : right.end], aliases) is None:
                    continue
            elif expression is not QUOTED_IN:
                if not (_ENDS_LIKE_CITATION_BACKWARDS.search(text, left.start, left.end)
                        or expression is AND_BETWEEN and _dated_head_then_title(text[right.start : right.end])
                        and _titled(_parse(text[left.start : left.end], aliases))):
                    continue  # ``Wendell, Augustus, …, and Ulysee Thompson (2016), “…”``: the "and" joins names
                if _parse(text[right.start : right.end], aliases) is None:
                    continue
            before = _split_inside(text, left, aliases)
            if expression is QUOTED_IN:
                before = [(p, True) for p, _ in before]
            return before + _split_inside(text, right, aliases)
    return [(piece, False)]


def _titled(parsed: Parsed | None) -> bool:
    return parsed is not None and parsed.work is not None and bool(parsed.work.title)


def _dated_head_then_title(segment: str) -> bool:
    """Whether ``segment`` opens with an author-date head, people's names and a year in
    parentheses, and a quoted or italic title right after it: a source of its own after "and",
    whatever ends the one before (``… in Thirty Different Drafts of Guinea, London, and Luis
    Teixeira (1602) "Effigies ampli Regni auriferi Guineae in Africa siti."``: CRDH v02-10, note 12)."""
    if "(" not in segment:
        return False
    head = _author_date_head(segment)
    names = head.group("names").strip() if head is not None else ""
    return bool(names) and (_people_names(names) or NATURAL_NAME.fullmatch(names) is not None) and (
        head.group("rest") or "").lstrip()[:1] in TITLE_OPENERS


def _may_split_at(text: str, piece: Piece, folded: str, expression: regex.Pattern[str]) -> bool:
    """Whether ``expression`` (QUOTED_IN, SEE_BETWEEN or AND_BETWEEN) may match in ``piece``, whose
    text casefolded is ``folded``: the words it needs are there."""
    if expression is AND_BETWEEN:
        return _AND_BEFORE_CAPITAL.search(text, piece.start, piece.end) is not None
    if expression is COMMA_BETWEEN:
        return _TITLE_CLOSED_THEN_COMMA.search(text, piece.start, piece.end) is not None
    return any(map(folded.__contains__, _QUOTED_IN_WORDS if expression is QUOTED_IN else _SEE_WORDS))


def _may_split(text: str, piece: Piece) -> bool:
    """Whether :func:`_split_inside` may split ``piece`` or any stretch of it: a stretch holds no
    word that the piece does not, so a piece without them spares asking each stretch."""
    folded = text[piece.start : piece.end].casefold()
    return any(_may_split_at(text, piece, folded, expression) for expression in (QUOTED_IN, SEE_BETWEEN, AND_BETWEEN, COMMA_BETWEEN))


# --------------------------------------------------------------------------------------------
# Parsing one segment


@dataclass(frozen=True, slots=True)
class Parsed:
    """What a segment says: its kind, its locator and the work."""

    kind: str
    locator: str | None
    work: Work | None


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    if "*" in value or "_" in value:
        value = MARKUP.sub("", value)
    value = " ".join(value.split()).strip(" ,;:")
    value = value.strip(OPENING_QUOTES + CLOSING_QUOTES + " ,")
    return value or None


def _person(name: str) -> Person:
    """``E. H. Carr`` -> Person("Carr", "E. H."); ``Charles de Gaulle`` -> Person("de Gaulle", "Charles")."""
    words = name.split()
    family_start = len(words) - 1
    while family_start > 0 and words[family_start - 1] in PARTICLES:
        family_start -= 1
    return Person(" ".join(words[family_start:]), " ".join(words[:family_start]))


def _people(names: str) -> tuple[Person, ...]:
    """``Ann Fell and Tom Shaw`` -> two people; ``et al.`` and suffixes (``Jr.``, ``III``) are dropped."""
    names = ET_AL.sub("", names) if "et" in names else names
    unsuffixed = (SUFFIX.sub("", n) if any(map(n.__contains__, SUFFIXES)) else n for n in SPLIT_NAMES.split(names.strip()))
    return tuple(_person(n) for n in unsuffixed if n.strip())


def _looks_corporate(body: str) -> bool:
    """A body's name is capitalised words and the small words between them (``U.S., Department of
    State``), never a sentence (``Blum's dilemma is well described in Julian Jackson``)."""
    return all(word[0].isupper() or word in CORPORATE_SMALL_WORDS for word in body.replace(",", " ").split())


def _inverted_people(body: str) -> bool:
    """Whether a body's name is rather people, the first inverted: ``Feinstein, Charles H. and Mark Thomas``."""
    family, comma, given = body.partition(", ")
    inverted = INVERTED_GIVEN.match(given + ",x") if comma and " " not in family else None
    return inverted is not None and inverted.end() == len(given) + 1


def _government_body(segment: str, names_first: bool) -> regex.Match[str] | None:
    """A state and its offices opening a citation, through the comma before its title
    (GOVERNMENT_BODY, STATE_OFFICE); ``names_first`` is :func:`_may_open_with_names` of the segment."""
    if ", " not in segment or _OFFICE_WORD.search(segment) is None:
        return None
    found = GOVERNMENT_BODY.match(segment) if names_first else None
    if found is not None and _looks_corporate(found.group("offices")):
        return found
    found = STATE_OFFICE.match(segment) if segment[1:2] == "." else None  # ``U.S. Bureau``: an initial first
    return found if found is not None and _looks_corporate(found.group("body")) else None


def _has_title_mark(segment: str) -> bool:
    """Whether the segment holds one of the marks that open a quoted or italic title (CORPORATE needs one)."""
    return "*" in segment or "_" in segment or "“" in segment or '"' in segment or "‘" in segment


def _may_open_with_names(segment: str) -> bool:
    """Whether AUTHORS may match: its names end at a comma, and each word before the first comma
    is then a name (capitalised, or ``d'Anville``), a particle, "and" or "et al.". Asked first, as
    the pattern is slow to fail on prose."""
    head, comma, _ = segment.partition(",")
    return bool(comma) and _may_be_names(head.split(), NAME_LIST_SMALL_WORDS)


def _looks_like_names(names: str) -> bool:
    """A name list holds no title words (``Stalin in Power`` is a title, not a person); a long one
    (nine authors: ``Romein, C. A., Max Kemman, …, S. Scagliola``, the agent-based simulation
    lesson) only in short names between its commas."""
    words = [w for w in _WORDS.findall(names) if w != "and"]
    if not any(w[0].isupper() for w in words):
        return False
    if len(words) > 12 and (len(words) > 80 or any(len(part.split()) > 4 for part in _OTHER_NAMES.split(names))):
        return False
    return not any(w.casefold() in NOT_IN_NAMES for w in words if len(w) > 1)


def _split_locator(rest: str) -> tuple[str, str | None]:
    """``Weimar Germany, 103`` -> (``Weimar Germany``, ``103``)."""
    match = LOCATOR_AT_END.search(rest, _after_last_capital(rest)) if _may_end_with_locator(rest) else None
    if match is None:
        return rest, None
    return rest[: match.start()], match.group("loc").strip()


def _after_last_capital(text: str) -> int:
    """Where LOCATOR_AT_END's match may start at the earliest: past the last capital when no
    parenthesis closes after it (a locator holds no capital but in one, ``(A)``), else 0. The
    pattern tries every position, and a segment of forty words ends in a page (Gibbon's)."""
    capital = _LAST_CAPITAL.search(text)
    return capital.end() if capital is not None and ")" not in text[capital.end() :] else 0


def _may_end_with_locator(text: str) -> bool:
    """Whether LOCATOR_AT_END may match, told by the last word (the pattern tries every position):
    a locator's last item ends with a number, a roman number, ``passim``, ``ff.`` or a parenthesis
    (``(n. 3)``)."""
    end = text.rstrip()
    end = end[:-1].rstrip() if end.endswith(".") else end
    last = end.rsplit(",", 1)[-1].rsplit("&", 1)[-1]  # the items of a locator are joined by these and blanks
    last = last.rsplit(None, 1)[-1] if last.strip() else ""
    if last.endswith(")"):
        return True
    number = last.rsplit(".", 1)[-1] or last  # after a word glued to it: ``p.45``, ``chap.iv``
    return _first_digit(number) >= 0 or number == "passim" or (number != "" and set(number) <= ROMAN_OR_FF)


# The most words a quoted title whose closing mark is missing may have (:func:`_unclosed_title`).
UNCLOSED_TITLE_WORDS = 16


def _title_first(rest: str) -> tuple[str | None, str, bool]:
    """The title at the start of ``rest`` (quoted, italic or plain) and what follows it."""
    rest = rest.lstrip(" ,")
    if not rest:
        return None, "", False
    opener = rest[0]
    if opener in OPENING_QUOTES or opener == "'":  # British style quotes a title in 'single quotes'
        closer = {"“": "”", '"': '"', "‘": "’", "«": "»", "„": "“", "'": "'"}[opener]
        end = rest.find(closer, 1)
        while end > 0 and opener in "‘'" and end + 1 < len(rest) and rest[end + 1].isalpha():
            end = rest.find(closer, end + 1)  # an apostrophe inside ‘…’ or '…'
        if end < 0 and opener == "“" and '"' in rest:
            end = _straight_closer(rest)  # ``Law, “Supply of Corn," 1--35``: CRDH's essay on the Royal African Company
        if end > 0:
            return rest[1:end], rest[end + 1 :], True
        if _unclosed_title(rest[1:], closer):
            return rest[1:].rstrip(" ."), "", True
    if opener in "*_":
        run = len(rest) - len(rest.lstrip(opener))
        end = rest.find(opener * run, run)
        while opener == "_" and end > 0 and end + run < len(rest) and rest[end + run].isalnum():
            end = rest.find(opener * run, end + run)  # ``_sklearn.metrics.r2_score_``: no emphasis inside a word
        if end > 0:
            return rest[run:end], rest[end + run :], True
    return None, rest, False


def _straight_closer(rest: str) -> int:
    """Where a title opened with a curly mark closes with a straight one (the other curly mark never
    comes): the first straight mark after the title's first word, before a comma, a stop or the end."""
    end = rest.find('"', 2)
    if end < 0:
        return -1
    return end if rest[end - 1] in ",.?!" or rest[end + 1 : end + 2] in ("", " ", ",", ".") else -1


def _unclosed_title(rest: str, closer: str) -> bool:
    """A quoted title whose closing mark the note forgot, the segment's end closing it
    (``Jockers, "[Secret Recipe for Topic Modeling Themes](…).``: CRDH's essay on the Indian
    Claims Commission): a few words, no other quotation mark, nothing after a full stop."""
    words = rest.split()
    return (0 < len(words) <= UNCLOSED_TITLE_WORDS and not any(mark in rest for mark in (closer, *OPENING_QUOTES))
            and "." not in rest.rstrip(" ."))


def _may_hold_publication(text: str) -> bool:
    """Whether PUBLICATION may be found in ``text``: a parenthesis or bracket, and a year, ``n.d.`` or
    "forthcoming" (in lower case as the pattern ignoring case reads it). Its lazy imprint, tried at
    each parenthesis, is slow to fail on Gibbon's (``(l. liv. p. 736,)``)."""
    if "(" not in text and "[" not in text:
        return False
    if _CENTURY.search(text) is not None:
        return True
    lower = _lower(text)
    return "n." in lower or "forthcoming" in lower


def _may_hold_bare_imprint(text: str) -> bool:
    """Whether BARE_IMPRINT may be found in ``text``: two commas, the second before a year or ``n.d.``
    (the pattern, searched for, tries each comma of a long segment)."""
    return text.count(",") >= 2 and _COMMA_THEN_YEAR.search(text) is not None


def _plain_title(rest: str) -> tuple[str, str]:
    """A plain title runs to the publication parenthesis or to an editor, volume or edition clause."""
    lower = _lower(rest)
    stops = [m.start() for m in (PUBLICATION.search(rest) if _may_hold_publication(rest) else None,
                                 EDITOR_CLAUSE.search(rest) if _holds_editor_word(lower) else None,
                                 VOLUMES.search(rest) if "vol" in lower else None,
                                 EDITION.search(rest) if "ed." in lower else None) if m is not None]
    end = min(stops) if stops else len(rest)
    return rest[:end], rest[end:]


def _publication(inside: str) -> tuple[str | None, str | None, str | None]:
    """``London: Macmillan, 1966–67`` -> place, publisher, year (the last imprint after a ``;``)."""
    inside = inside.rsplit(";", 1)[-1]
    inside = _REPRINT.sub("", inside)
    years = list(YEAR_IN.finditer(inside))
    year = None
    if years:
        year = years[-1].group(0).replace(" ", "")
        year = "n.d." if year.lower().startswith("n") else year
        inside = inside[: years[-1].start()]
    inside = inside.strip(" ,")
    place = publisher = None
    if ":" in inside:
        place, publisher = (s.strip(" ,") or None for s in inside.split(":", 1))
    elif "," in inside:
        place, publisher = (s.strip(" ,") or None for s in inside.rsplit(",", 1))
    elif inside:
        place = inside
    return _clean(place), _clean(publisher), year


def _tail_locator(after: str) -> tuple[str | None, str | None]:
    """The locator after the publication facts, and a volume written before it (``vol. 2, p. 45``)."""
    after = after.strip().lstrip(",:").strip()
    if not after:
        return None, None
    volume = None
    prefix = VOLUME_PREFIX.match(after) if after[:1] in "vVtTbB" else None
    if prefix is not None:
        volume, after = prefix.group("volume"), prefix.group("rest")
    after = _AT.sub("", after)
    match = LOCATOR_WHOLE.match(after)
    if match is not None:
        return match.group("loc").strip(), volume
    return None, volume


def _editors(clause_text: str) -> tuple[tuple[Person, ...], str]:
    """Editors named in ``, ed. X`` clauses, and the text with those clauses removed."""
    if not _holds_editor_word(_lower(clause_text)):
        return (), clause_text
    editors: list[Person] = []
    for match in EDITOR_CLAUSE.finditer(clause_text):
        if match.group("kind").lower().startswith(("ed", "comp")):
            editors.extend(_people(match.group("names")))
    return tuple(editors), EDITOR_CLAUSE.sub("", clause_text)


def _holds_editor_word(lower: str) -> bool:
    """Whether a text, in lower case (:func:`_lower`), holds one of EDITOR_CLAUSE's words, looked for first."""
    return any(map(lower.__contains__, _EDITOR_WORDS))


def _alias_declaration(segment: str) -> regex.Match[str] | None:
    """The "hereafter cited as X" in the segment; its words are looked for first, as most segments lack them."""
    lower = segment.lower()
    if "here" not in lower and "hence" not in lower:
        return None
    return ALIAS_DECLARATION.search(segment)


def _alias_declared(segment: str) -> tuple[str | None, str]:
    match = _alias_declaration(segment)
    if match is None:
        return None, segment
    alias = _clean((match.group("paren") or match.group("bare")).strip(QUOTE_DEBRIS))
    remainder = segment[: match.start()] + segment[match.end() :]
    return alias, remainder


def _parse_ibid(segment: str) -> Parsed | None:
    if segment[:1] not in IBID_INITIALS:
        return None
    match = IBID.match(segment)
    if match is None:
        return None
    word = match.group("word").casefold()
    rest = _AT.sub("", match.group("rest").strip().lstrip(",:").strip())
    if word.startswith(("idem", "eadem", "id")) and rest and not LOCATOR_WHOLE.match(rest):
        return None  # ``Idem, Stalin in Power, 45``: the same author, another work
    leading = LOCATOR_START.match(rest)
    locator = leading.group("loc").strip() if leading else _clean(rest.rstrip("."))
    return Parsed("ibid", locator or None, None)


class Aliases:
    """The aliases declared before a segment is read: the first ``count`` names of a register
    that only grows, shared by the views taken of it. Taking a view with one name more costs
    nothing where a frozenset cost a copy of every alias declared, and a name is looked up as
    declared or folded at once where the folded names were made again for each segment (a
    manuscript declaring an alias in each note read in quadratic time: 16,000 notes 21 s)."""

    __slots__ = ("_index", "_folded", "_count")

    def __init__(self, index: dict[str, int] | None = None, folded: dict[str, int] | None = None, count: int = 0) -> None:
        self._index = {} if index is None else index  # name -> its place in the register
        self._folded = {} if folded is None else folded  # folded name -> the first place it has
        self._count = count

    def __contains__(self, name: object) -> bool:
        place = self._index.get(name)  # type: ignore[call-overload]
        return place is not None and place < self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def __hash__(self) -> int:
        return hash((id(self._index), self._count))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Aliases) and other._index is self._index and other._count == self._count

    def holds_folded(self, folded: str) -> bool:
        """Whether a declared name folds to ``folded``."""
        place = self._folded.get(folded)
        return place is not None and place < self._count

    def with_name(self, name: str) -> Aliases:
        """These aliases and ``name``: the register grows when this view stands at its end or the
        name is the next in it (a note's reading and the notes after it declare the same names in
        the same order); a view behind its end copies its own part first."""
        if name in self:
            return self
        index, folded = self._index, self._folded
        if index.get(name) != self._count and len(index) != self._count:
            index = {n: place for n, place in index.items() if place < self._count}
            folded = {f: place for f, place in folded.items() if place < self._count}
        index.setdefault(name, self._count)
        folded.setdefault(fold(name), self._count)
        return Aliases(index, folded, self._count + 1)


def _alias_use(segment: str, aliases: Aliases) -> Parsed | None:
    """``Stalin, 7:12`` or ``DVP, vol. 4, p. 12``: a declared name followed by a locator."""
    if not aliases and not _has_volume_locator(segment):
        return None  # an undeclared name needs a volume locator after it: most segments have none
    head, separator, rest = segment.partition(",")
    if not separator:
        match = _HEAD_THEN_NUMBER.match(segment)
        if match is None:
            return None
        head, rest = match.group("head"), match.group("rest")
    name = _clean(head)
    if name is None:
        return None
    declared = name in aliases or aliases.holds_folded(fold(name))
    if not declared and (not separator or _BARE_NAME.fullmatch(name) is None or not VOLUME_LOCATOR.search(rest)):
        return None  # tested before the locator is read: most segments are no name at all
    locator, volume = _tail_locator(rest)
    if locator is None and rest.strip():
        return None
    return Parsed("alias", locator, Work(alias=name, volume=volume))


def _has_volume_locator(segment: str) -> bool:
    """Whether VOLUME_LOCATOR is in the segment (its characters looked for first)."""
    return (":" in segment or "vol" in segment or "t." in segment) and VOLUME_LOCATOR.search(segment) is not None


def _inside_alias_use(segment: str, aliases: Aliases) -> Parsed | None:
    """A piece printed inside a work cited by its alias: ``"Speech at the plenum," in Stalin, 8:263``
    stands for the collected works the alias names."""
    if segment.lstrip(" ,")[:1] not in TITLE_OPENERS:
        return None  # no title marked by quotes or emphasis opens it
    for inside in IN_CONTAINER.finditer(segment):
        _, after, marked = _title_first(segment[: inside.start()])
        if marked and not after.strip(" ,"):
            return _alias_use(segment[inside.end() :], aliases)
    return None


def _by_surname(parsed: Parsed | None, aliases: Aliases, surnames: AbstractSet[str]) -> Parsed | None:
    """A name used like an alias that no note declared but that is the surname of an author cited
    before (``Fell, 2:45``) is a short form by the author alone. Decided apart from parsing, which
    is then the same whoever was cited before (and parsed once)."""
    if parsed is None or parsed.kind != "alias" or parsed.work is None or parsed.work.alias is None:
        return parsed
    name = parsed.work.alias
    if name not in aliases and fold(name) in surnames:
        return Parsed("short", parsed.locator, Work(authors=(Person(name),), volume=parsed.work.volume))
    return parsed


# A kind of piece and its writer before the periodical or work in emphasis: ``Editorial by Daniel S.
# Endsley, *Palo Alto Times*, November 1, 1960`` (Jason Heppler's dissertation, chapter 4).
BYLINE = OnFirstUse(regex.compile, rf"^\p{{Lu}}\p{{Ll}}+[ \t]+by[ \t]+(?={NAME},[ \t]*[*_])")


def _parse_work(segment: str, alias: str | None) -> Parsed | None:
    """A full citation or a short form: authors (or editors), then the title, then the facts."""
    byline = BYLINE.match(segment) if " by " in segment[:24] else None
    if byline is not None:
        segment = segment[byline.end() :]  # the writer is the author, the kind of piece no title
    authors: tuple[Person, ...] = ()
    editors: tuple[Person, ...] = ()
    rest = segment
    names_first = _may_open_with_names(segment)
    match = AUTHORS.match(segment) if names_first else None
    title, after, marked = _title_first(segment)
    corporate = CORPORATE.match(segment) if not marked and _has_title_mark(segment) else None
    if (not marked and corporate is not None and _looks_corporate(corporate.group("body"))
            and not _inverted_people(corporate.group("body"))
            and (match is None or match.end() < corporate.end("body") or not _looks_like_names(match.group("names")))):
        # ``U.S., Department of State, *Foreign Relations …*``: a body, not people, wrote it
        authors = (Person(" ".join(corporate.group("body").replace(",", " ").split())),)
        title, after, marked = _title_first(segment[corporate.end() :])
    elif not marked and (government := _government_body(segment, names_first)) is not None:
        authors = (Person(" ".join(government.group(0).replace(",", " ").split())),)
        rest = segment[government.end() :]
        title, after, marked = _title_first(rest)
    elif not marked and match is not None and _looks_like_names(match.group("names")):
        people = _people(match.group("names"))
        if match.group("role") or match.group("prole"):
            role = (match.group("role") or match.group("prole")).lower()
            editors = people if role.startswith(("ed", "comp")) else ()
            authors = () if editors else people
        else:
            authors = people
        if len(authors) > 1 and not authors[0].given and INITIALS_ONLY.fullmatch(authors[1].family):
            # ``Harris, Trevor M., John Corrigan, and David J. Bodenhamer`` (geospatial-data-analysis, Programming
            # Historian): the first author inverted, the others in their natural order
            authors = (Person(authors[0].family, f"{authors[1].given} {authors[1].family}".strip()), *authors[2:])
        rest = segment[match.end() :].lstrip(", ")
        inverted = INVERTED_GIVEN.match(rest)
        if inverted is not None and len(authors) == 1:  # ``Tucker, Robert C., Stalin in Power``
            others = SPLIT_NAMES.sub("", inverted.group("others") or "", count=1)
            authors = (Person(authors[0].family, inverted.group("given")), *(_people(others) if others else ()))
            rest = rest[inverted.end() :]
        title, after, marked = _title_first(rest)
    if title is None:
        if authors and OP_CIT.match("," + rest):
            locator, volume = _tail_locator(OP_CIT.sub("", "," + rest, count=1))
            return Parsed("short", locator, Work(authors=authors, volume=volume))
        if authors and LOCATOR_WHOLE.match(rest):  # ``Jeffrey Wu et al., 7``: the author's work cited before
            locator, volume = _tail_locator(rest)
            return Parsed("short", locator, Work(authors=authors, volume=volume))
        if not rest or not (rest[0].isupper() or rest[0].isdigit()):
            return None
        publication = PUBLICATION.search(rest) if _may_hold_publication(rest) else None
        imprint = BARE_IMPRINT.search(rest) if _may_hold_bare_imprint(rest) else None
        if publication is None and imprint is not None:
            title, after = rest[: imprint.start()], rest[imprint.start() :]
        elif publication is None:
            if not authors:
                return None
            title_text, locator = _split_locator(rest)
            if locator is None:
                return None
            title, after = _plain_title(title_text)
            after = after + ", " + locator
        else:
            title, after = _plain_title(rest)
    if not (authors or editors or marked) and SENTENCE_WORDS.search(title or ""):
        return None  # prose, not an authorless title
    if marked and after.strip()[:1].isalnum():
        after = ", " + after.strip()  # ``*An Essay on …* 5th ed. (London: …)``: the comma left out
    return _facts(authors, editors, _clean(title), after, marked, alias)


# A collection's accession number opening what reads as a title, its repository after it: ``Page Mill
# Coordinating Committee Records, M0970, Stanford University Archives`` (Heppler's dissertation, chapter
# 4, after the document the note cites in that collection), ``MSS-2006-09-01, San Jose State University``.
_ACCESSION = OnFirstUse(re.compile, r"[A-Z]{1,4}[ -]?\d[\w-]*,[ \t]")


def _facts(
    authors: tuple[Person, ...],
    editors: tuple[Person, ...],
    title: str | None,
    after: str,
    marked: bool,
    alias: str | None,
) -> Parsed | None:
    """Fill the work from what follows the title: container, editors, imprint, locator."""
    if title is None or not _LETTER.search(title) or IS_DATE.match(title) or IS_MONTH.match(title) or _is_names(title):
        return None
    if _ACCESSION.match(title):
        return None  # an archival collection's number and its repository, no work
    if "no." in title and not (marked or authors or editors) and ENDS_IN_ISSUE.search(title):
        return None
    after = after.strip()
    chapter = _IN_VOLUME.match(after)
    if chapter is not None:
        inside = chapter.group("rest")
        volume_editors: tuple[Person, ...] = ()
        edited = EDITED_BY.match(inside) if "(" in inside else None
        names = AUTHORS.match(inside) if edited is None and _may_open_with_names(inside) else None
        if edited is not None and _looks_like_names(edited.group("names")):
            volume_editors, inside = _editor_people(edited.group("names")), edited.group("rest")
        elif (names is not None and _looks_like_names(names.group("names"))
              and not EDITOR_CLAUSE.match(inside, names.end())):  # ``in Grain and Power, ed. Tom Shaw``: a title  # ``in Craig and Gilbert, The Diplomats``
            volume_editors, inside = _people(names.group("names")), inside[names.end() :].lstrip(", ")
        container, container_after, _ = _title_first(inside)
        if container is None:
            container, container_after = _plain_title(inside)
            if not LOCATOR_WHOLE.match(container_after.lstrip(", ")) and PUBLICATION.search(container_after) is None:
                container, locator = _split_locator(container)
                container_after = f", {locator}" if locator else ""
        found_editors, container_after = _editors(container_after)
        found_editors = volume_editors + found_editors
        inner = _book_facts(container_after)
        by = _container_author(container_after) if inner is None else None
        if by is not None:
            found_editors, inner = found_editors + by[0], _book_facts(by[1])
        if inner is None:
            return None
        place, publisher, year, volume, locator = inner
        work = Work(authors=authors, editors=editors + found_editors, title=title, container=_clean(container),
                    place=place, publisher=publisher, year=year, volume=volume, alias=alias,
                    entry_type="incollection")
        return Parsed("full" if year or _named_in_full(authors) else "short", locator, work)
    issue = PERIODICAL_ISSUE.match(after) if marked and _holds_four_digits(after) else None
    if issue is not None and (authors or editors) and not _of_a_day(issue.group("date")):
        issue = None  # ``Name, *Title*, 1960``: a book's year, not a paper's issue
    if issue is not None:  # ``*Pravda*, February 14, 1938``, ``*Bol'shevik*, no. 9 (May 1941): 12``
        written = issue.group("date") or issue.group("pdate")
        work = Work(authors=authors, editors=editors, title=title, year=YEAR_IN.search(written).group(0),
                    date=iso_date(written), volume=issue.group("volume"), issue=issue.group("issue"), entry_type="misc")
        return Parsed("full", _clean(issue.group("loc")), work)
    if marked:
        dated = DATED_ARTICLE.match(after) if _holds_four_digits(after) else None
        if dated is not None and _names_a_container(dated.group("container")):  # ``"Title," *Blog* (blog), February 14, 2019``
            locator, _ = _tail_locator(dated.group("after"))
            work = Work(authors=authors, editors=editors, title=title, container=_clean(dated.group("container")),
                        year=YEAR_IN.search(dated.group("date")).group(0), alias=alias, entry_type="article")
            return Parsed("full", locator, work)
        collection = IN_COLLECTION.match(after) if after[:1] == "," and _COLLECTION_WORD.search(after) else None
        if collection is not None:  # ``"Southern Colorado …," William Blackmore Land Records``
            work = Work(authors=authors, editors=editors, title=title, container=_clean(collection.group("collection")),
                        publisher=_clean(collection.group("repository")), alias=alias, entry_type="unpublished")
            return Parsed("full", None, work)
        container, article = _article_tail(after)
        if container and after.lstrip(" ,")[:1] not in "*_" and container[:1].islower() and _PROSE_VERB.search(container):
            container = None  # prose after the title, no journal: ``*Six* is part of History's growing lineup … *Vikings* (2013-2020)``
        if article is not None and ":" not in article.group("date") and container:
            locator, _ = _tail_locator(article.group("after"))
            pages = article.group("pages")
            pages = _clean(pages)
            if locator is None:
                locator, pages = pages, None
            year_match = YEAR_IN.search(article.group("date"))
            year = year_match.group(0) if year_match else None
            work = Work(authors=authors, editors=editors, title=title, container=container,
                        year=year, volume=article.group("volume"), issue=article.group("issue"), pages=pages,
                        alias=alias, entry_type="article")
            return Parsed("full", locator, work)
        journal, rest, in_italics = _title_first(after) if after.lstrip(" ,")[:1] in "*_" else (None, "", False)
        if in_italics and journal and not rest.strip(" ,.") and (authors or editors):  # ``Erik Reppel, "…", _Hackernoon_``
            return Parsed("full", None, Work(authors=authors, editors=editors, title=title, container=_clean(journal),
                                             alias=alias, entry_type="article"))
        page = LOCATOR_WHOLE.match(rest.lstrip(" ,")) if in_italics and journal and authors and rest[:1] == "," else None
        if page is not None:  # a short form naming its journal: ``Belser, "Planning Fiasco," *Cry California*, 11`` (Heppler)
            work = Work(authors=authors, editors=editors, title=title, container=_clean(journal), alias=alias, entry_type="article")
            return Parsed("full" if _named_in_full(authors) else "short", _clean(rest.lstrip(" ,").rstrip(" .")), work)
    found_editors, after = _editors(after)
    lower = _lower(after)
    volumes = VOLUMES.search(after) if "vol" in lower else None
    volume = volumes.group("volume") if volumes else None
    if "ed." in lower:  # each pattern asked only of a text holding its word
        after = EDITION.sub("", after)
        lower = _lower(after)
    if "vol" in lower:
        after = VOLUMES.sub("", after)
    after = PARTS.sub("", after)
    facts = _book_facts(after)
    if facts is None:
        return None
    place, publisher, year, tail_volume, locator = facts
    work = Work(authors=authors, editors=editors + found_editors, title=title, place=place, publisher=publisher,
                year=year, volume=volume or tail_volume, volumes=volumes.group("count") if volumes else None,
                alias=alias, entry_type="book")
    if year is None and place is None:
        if not authors and not marked:
            return None
        return Parsed("full" if _named_in_full(authors) else "short", locator, work)
    return Parsed("full", locator, work)


_DATE_IN = OnFirstUse(regex.compile, DATE)
# An item in a manuscript collection, after its title: the collection by its name (``William
# Blackmore Land Records``, ``Stanley Papers``), then perhaps its repository (``"Southern Colorado
# and Its Resources: A New Field for English Emigrants," William Blackmore Land Records``: CRDH
# v03-06, note 3, whose bibliography lists the collection, not the item).
COLLECTION_WORDS = "Papers|Records|Collection|Collections|Manuscripts|Fonds"
_COLLECTION_WORD = OnFirstUse(re.compile, rf"\b(?:{COLLECTION_WORDS})\b")
IN_COLLECTION = OnFirstUse(regex.compile,
    rf"^,[ \t]*(?P<collection>(?:(?:\p{{Lu}}[\p{{L}}'’.-]*|\d{{4}}(?:[-–]+\d{{2,4}})?,?|of|the|and|&)[ \t]+){{1,8}}(?:{COLLECTION_WORDS}))"
    r"(?:,[ \t]*(?P<repository>\p{Lu}[^;()*_“\"]{0,120}?))?[ \t]*\.?$")


def _of_a_day(written: str | None) -> bool:
    """Whether a date names its day, as a newspaper's issue does (``November 4, 1960``): the
    people named before a periodical in emphasis and such a date wrote in that issue (``Louise
    Brisebat, *Palo Alto Times*, November 4, 1960``: Jason Heppler's dissertation, chapter 4)."""
    return written is not None and len(iso_date(written) or "") == len("1960-11-04")


# The author of the book a part is in, named after its title as after a foreword's (``"Report of
# Professor F. V. Hayden" in *Colorado*, William Blackmore, 197``: CRDH's essay on three valleys;
# Chicago's ``in *Title*, by Name``), with what follows.
CONTAINER_AUTHOR = OnFirstUse(regex.compile,
    rf"^,?[ \t]*(?:by[ \t]+)?(?P<names>{NAME}(?:(?:,[ \t]+{NAME})*,?[ \t]+(?:and|&)[ \t]+{NAME})?)(?=[ \t]*(?:,|\(|$))"
)


_SURNAME_LAST = OnFirstUse(regex.compile, r"\p{Lu}\p{Ll}[\p{L}'’-]*$")


def _container_author(after: str) -> tuple[tuple[Person, ...], str] | None:
    """The people named right after a part's container, in their natural order, and the rest; None
    when what follows is no such names (a publisher's name is none: _IMPRINT_WORDS)."""
    found = CONTAINER_AUTHOR.match(after)
    if found is None:
        return None
    names = found.group("names")
    if len(names.split()) < 2 or not _looks_like_names(names) or _IMPRINT_WORDS.search(names) or not _SURNAME_LAST.search(names):
        return None  # ``N. S., vol. xii`` (a new series, in a Royal Society paper) is no author
    return _people(names), after[found.end() :]


def _names_a_container(written: str) -> bool:
    """Whether the words between a quoted title and a year name where it appeared, not a span of
    dates in a sentence (``and "Post-War," covering January 1, 1919 to December 31, 1920``: CRDH's
    essay on Virginia's reform schools): something there, and no date of its own."""
    cleaned = _clean(written)
    return bool(cleaned) and _DATE_IN.search(cleaned) is None


def _article_tail(after: str) -> tuple[str | None, regex.Match[str] | None]:
    """The journal and ARTICLE_TAIL's match on what follows an article's title. A journal in
    italics is taken whole, whatever it holds: ``*2023 IEEE/CVF International Conference on
    Computer Vision (ICCV), Paris, France* (2023): 3934-3945`` (facial recognition lesson,
    Programming Historian), where ARTICLE_TAIL alone would stop at the parenthesis."""
    journal, rest, marked = _title_first(after) if after.lstrip(" ,")[:1] in "*_" else (None, after, False)
    if marked and journal:
        article = ARTICLE_TAIL.match(", J" + rest)
        return (_clean(journal) if article is not None else None), article
    article = ARTICLE_TAIL.match(after)
    return (_clean(article.group("container")) if article is not None else None), article


MONTH_NUMBERS = {name: number for number, names in enumerate(
    ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july", "aug august",
     "sep sept september", "oct october", "nov november", "dec december"), start=1) for name in names.split()}
_DATE_PARTS = OnFirstUse(regex.compile, 
    rf"(?P<day1>\d{{1,2}})?{OTHER_DAY}(?:st|nd|rd|th)?[ \t]*(?P<month>\p{{L}}+)\.?[ \t]*(?:(?P<day2>\d{{1,2}}){OTHER_DAY})?,?[ \t]+(?P<year>\d{{4}})"
)


def iso_date(written: str | None) -> str | None:
    """``February 14, 1938`` or ``14 February 1938`` -> ``1938-02-14``; ``May 1941`` -> ``1941-05``;
    None when no month is named."""
    match = _DATE_PARTS.search(written or "")
    if match is None or match.group("month").casefold() not in MONTH_NUMBERS:
        return None
    date = f"{match.group('year')}-{MONTH_NUMBERS[match.group('month').casefold()]:02d}"
    day = match.group("day1") or match.group("day2")
    return f"{date}-{int(day):02d}" if day else date


def _named_in_full(authors: tuple[Person, ...]) -> bool:
    """A short form names authors by surname alone; given names mark a first, full citation, and so
    does a body's name (``The Pandas Development Team``), which has no shorter form to drop to."""
    return bool(authors) and all(person.given or _is_body(person.family) for person in authors)


def _is_body(name: str) -> bool:
    """A corporate author's name: three words or more, each capitalised or a small word."""
    return len(name.split()) >= 3 and _looks_corporate(name)


def _prose_before(before: str) -> bool:
    """Whether what stands between a title and a year in parentheses is prose: it opens in lower
    case and holds a verb or a relative pronoun (``*Six* is part of History's growing lineup of
    scripted dramas that include … *Vikings* (2013-2020)``: CRDH's essay on the History channel),
    not an editor, a volume or a series (``, ed. Ann Fell (London, 1990)``)."""
    words = before.lstrip(" ,*_”\"’").split(maxsplit=1)
    return bool(words) and words[0][:1].islower() and _PROSE_VERB.search(before) is not None


def _book_facts(after: str) -> tuple[str | None, str | None, str | None, str | None, str | None] | None:
    """Place, publisher, year, volume, locator from ``(Place: Publisher, Year), vol. 2, p. 45``,
    or with the volume before the imprint: ``vol. 6966 (Berlin: Springer, 2011), 408–20``."""
    after = after.strip()
    leading = VOLUME_BEFORE_IMPRINT.match(after) if "vol" in after else None
    if leading is not None:
        facts = _book_facts(after[leading.end() :])
        if facts is not None:
            place, publisher, year, volume, locator = facts
            return place, publisher, year, volume or leading.group("volume"), locator
    publication = PUBLICATION.search(after) if _may_hold_publication(after) else None
    if publication is not None and _prose_before(after[: publication.start()]):
        return None  # ``*Six* is part of History's growing lineup of … *Vikings* (2013-2020)``: no imprint of the title
    if (publication is not None and _YEAR_ALONE.fullmatch(publication.group("inside").strip())
            and _reads_on_as_prose(after[publication.end() :])):
        return None  # ``Virginia Sánchez (2020) suggest a growing interest``: the sentence reads on, no imprint
    if publication is not None and _first_digit(after, 0, publication.start()) < 0:
        # what stands before the imprint is a volume title or a series: ``vol. 2, The Harvest (…)``
        place, publisher, year = _publication(publication.group("inside"))
        locator, volume = _tail_locator(after[publication.end() :])
        return place, publisher, year, volume, locator
    bare_year = BARE_YEAR.match(after)
    if bare_year is not None:  # ``Gosplan, *Control Figures*, 1927``
        locator, volume = _tail_locator(bare_year.group("rest"))
        return None, None, bare_year.group("year"), volume, locator
    bare_imprint = BARE_IMPRINT.match(after)
    if bare_imprint is not None:  # British style: ``Stalin in Power, London, 1990, p. 45``
        locator, volume = _tail_locator(bare_imprint.group("rest"))
        return _clean(bare_imprint.group("place")), None, bare_imprint.group("year"), volume, locator
    locator, volume = _tail_locator(after)
    if locator is None and after.strip(" .,"):
        return None
    return None, None, None, volume, locator


# A law or treaty by its title, then where a compilation of laws prints it: a volume, the
# compilation's abbreviation and a page (``Treaty with the Wyandot, Jan. 31, 1855, U.S.-Wyandot, 10
# Stat 1159``: CRDH's essay on sites of sovereignty), or the revision's initials and year
# (``Canada Copyright Act, RSC 1985, c C-42, s 29``: the Programming Historian's Timeline lesson).
LAW_WORDS = ("Act", "Treaty", "Statute", "Convention", "Ordinance")
_LAW_TITLE_WORD = r"\p{Lu}[\p{L}'’.-]*"
_LAW_SMALL_WORD = r"(?:of|the|and|for|on|with|to|in)"
STATUTE = OnFirstUse(regex.compile,
    rf"^(?P<title>(?:{_LAW_TITLE_WORD}[ \t]+(?:{_LAW_SMALL_WORD}[ \t]+)*){{0,6}}(?:{'|'.join(LAW_WORDS)})"
    rf"(?:[ \t]+(?:{_LAW_SMALL_WORD}|{_LAW_TITLE_WORD}))*),[ \t]+"
    rf"(?=[^;]*?(?:\b\d+[ \t]+(?!{MONTH}\b)\p{{Lu}}[\p{{L}}.]{{1,10}}[ \t]+\d+|\b\p{{Lu}}{{2,5}}[ \t]+(?:1[5-9]|20)\d\d,[ \t]*c\.?[ \t]))"
)


def _parse_case(segment: str) -> Parsed | None:
    """A law report: the case in full (``Brown v. Board of Education, 347 U.S. 483, 495 (1954)``) or
    short; a law or treaty where a compilation prints it (STATUTE)."""
    law = STATUTE.match(segment) if any(word in segment for word in LAW_WORDS) else None
    if law is not None:
        year = YEAR_IN.search(segment, law.end())
        work = Work(title=_clean(law.group("title")), year=year.group(0) if year else None, entry_type="legislation")
        return Parsed("full", None, work)  # published where the compilation prints it: a quoted original too
    full = CASE.match(segment) if "v." in segment else None  # the words each pattern needs, looked for first
    if full is not None:
        work = Work(title=full.group("title"), container=full.group("reporter"), volume=full.group("volume"),
                    pages=full.group("first"), year=full.group("year"), entry_type="misc")
        return Parsed("full", full.group("pin"), work)
    short = CASE_SHORT.match(segment) if "at" in segment else None
    if short is not None:
        work = Work(title=short.group("title"), container=short.group("reporter"), volume=short.group("volume"))
        return Parsed("short", short.group("pin"), work)
    return None


def _parse_interview(segment: str) -> Parsed | None:
    """An interview cited by the person interviewed, as Chicago writes it: in full, ``Ivanhoe
    Donaldson, interview by Rachel Reinhard, September 20, 2003``, and short, ``Donaldson,
    interview.`` (Current Research in Digital History's essay on SNCC's northern supporters),
    which no form read; an interview of two people by both (``Franco and Miele, interview.``: CRDH's
    essay on museum talk-back boards). The short form names no title: the people's work is found
    as ``Lavin, 14.`` finds it."""
    found = INTERVIEW.match(segment)
    if found is None:
        return _parse_interview_with(segment)
    people = _people(found.group("names"))
    by = found.group("by")
    date = found.group("date")
    year = YEAR_IN.search(date).group(0) if date else None
    if by is None and date is None:
        return Parsed("short", _clean(found.group("loc")), Work(authors=people, genre="interview"))
    title = f"Interview by {by}" if by else "Interview"
    work = Work(authors=people, title=title, year=year, date=iso_date(date), genre="interview")
    return Parsed("full", _clean(found.group("loc")), work)


def _parse_interview_with(segment: str) -> Parsed | None:
    """An interview named by its description (INTERVIEW_WITH): the person interviewed as its
    author, "Interview with" them as its title, the year and page in what follows."""
    found = INTERVIEW_WITH.search(segment)
    if found is None:
        return None
    rest = segment[found.end() :]
    if IN_CONTAINER.search(rest) is not None:
        return None  # printed "in" the work cited after it (``Interview with A. I. Voronina, recorded 1968, in Harlow, …``)
    year = YEAR_IN.search(rest)
    page = LOCATOR_AT_END.search(rest)
    work = Work(authors=_people(found.group("names")), title=f"Interview with {found.group('names')}",
                year=year.group(0) if year and year.group(0)[:1].isdigit() else None, entry_type="misc", genre="interview")
    return Parsed("full", _clean(page.group("loc")) if page else None, work)


def _parse_letter(segment: str) -> Parsed | None:
    """A letter (LETTER_FROM, LETTER_BARE), which no other form read: the writers as its authors,
    "Letter to" the addressee as its title, as a bibliography lists correspondence; its date."""
    found = LETTER_FROM.search(segment) if "etter from" in segment else None
    if found is None:
        found = LETTER_BARE.match(segment)
    if found is None:
        return None
    return Parsed("full", None, _letter(found.group("writer"), found.group("addressee"), found.group("date")))


def _letter(writer: str, addressee: str, date: str | None) -> Work:
    """A letter's work: its writers as authors (a body's name whole), "Letter to" the addressee as
    its title, as a bibliography lists correspondence, and its date."""
    writer = writer[4:] if writer.startswith("the ") else writer
    body = any(f" {word} " in f" {writer} " for word in ("for", "of", "the"))
    authors = (Person(writer),) if body else _sharing_a_surname(_people(writer))
    year = YEAR_IN.search(date or "")
    return Work(authors=authors, title=f"Letter to {addressee}", year=year.group(0) if year else None,
                date=iso_date(date), entry_type="misc")


def _parse_holding(segment: str) -> Parsed | None:
    """A document in a manuscript collection (HOLDING): a letter "X to Y" (its writer, "Letter to Y"),
    a title in quotes (and the periodical in emphasis that printed it), or its writer's name and a description in lower case (``Morgan Stedman, text
    of prepared meeting with Sterling``), else the description as its title; never prose."""
    match = HOLDING.match(segment)
    if match is None:
        return None
    head, date = match.group("head").strip(), match.group("date")
    if SENTENCE_WORDS.search(head) or IS_DATE.match(head):
        return None
    letter = LETTER_HEAD.match(head)
    if letter is not None:
        return Parsed("full", None, _letter(letter.group("writer"), letter.group("addressee"), date))
    authors: tuple[Person, ...] = ()
    container = None
    quoted = QUOTED_HEAD.match(head)
    if quoted is not None:
        title = quoted.group("title")
        rest = head[quoted.end() :].strip(" ,")
        container = _clean(rest) if rest[:1] in ("*", "_") else None  # the periodical that printed it
    else:
        names, comma, description = head.partition(",")
        description = description.strip()
        if comma and description[:1].islower() and _names_may_open(head) and _looks_like_names(names):
            authors, title = _people(names), description[:1].upper() + description[1:]
        else:
            title = head
    year = YEAR_IN.search(date or "") or (YEAR_IN.search(title) if date is None else None)
    work = Work(authors=authors, title=_clean(title), container=container, year=year.group(0) if year else None,
                date=iso_date(date), entry_type="misc")
    return Parsed("full", None, work)


def _sharing_a_surname(people: tuple[Person, ...]) -> tuple[Person, ...]:
    """Writers named by given names before the surname they share (``Jerrold and Sara Hunt``:
    Heppler's dissertation, chapter 4), each with that surname: the last is named in full, every
    one before it by one word."""
    if len(people) < 2 or not people[-1].given or any(person.given or " " in person.family for person in people[:-1]):
        return people
    family = people[-1].family
    return (*(Person(family, person.family) for person in people[:-1]), people[-1])


def _parse_document(segment: str) -> Parsed | None:
    """An archival file or a printed document located by fond, opis, delo, list, article, number,
    or a newspaper issue given by its date."""
    dated = DATED.match(segment) if _MONTH_START.search(segment) is not None and _holds_four_digits(segment) else None
    if dated is not None and not SENTENCE_WORDS.search(dated.group("title")):
        year = dated.group("date")[-4:]
        work = Work(title=_clean(dated.group("title")), year=year, date=iso_date(dated.group("date")), entry_type="misc")
        return Parsed("full", dated.group("loc"), work)
    issue = ISSUE_ALONE.match(segment) if "no." in segment and _holds_four_digits(segment) else None
    if issue is not None and not SENTENCE_WORDS.search(issue.group("title")):
        written = issue.group("date")
        work = Work(title=_clean(issue.group("title")), year=written[-4:], date=iso_date(written),
                    volume=issue.group("volume"), issue=issue.group("issue"), entry_type="article")
        return Parsed("full", issue.group("loc"), work)
    last_comma = segment.rfind(",")
    match = DOCUMENT.match(segment) if last_comma >= 0 and _ends_in_archive_item(segment, last_comma) else None
    if match is None or SENTENCE_WORDS.search(match.group("title")) or IS_DATE.match(match.group("title")):
        return None
    title = _clean(match.group("title"))
    if title is None or len(title) > 200:
        return None
    years = list(YEAR_IN.finditer(title))
    work = Work(title=title, year=years[-1].group(0) if years else None, entry_type="misc")
    return Parsed("full", _clean(match.group("loc")), work)


def _holds_four_digits(text: str) -> bool:
    """Whether four digits stand together in ``text``, as the year of DATE, YEAR and an issue's date
    do: looked for before DATED, ISSUE_ALONE, PERIODICAL_ISSUE and DATED_ARTICLE, which most
    segments of a book's notes never need (nor their compiling, 10 ms each)."""
    return _FOUR_DIGITS.search(text) is not None


def _ends_in_archive_item(segment: str, last_comma: int) -> bool:
    """Whether what follows the last comma is an archival item (_ARCHIVE_ITEM_ENDS), its first word
    looked at before the pattern: a page of Gibbon's (``Dion, l. lxxvii. p. 1291``) ends in none."""
    last = segment[last_comma + 1 :].lstrip(" \t")
    return last.startswith(_ARCHIVE_WORD_OPENINGS) and _ARCHIVE_ITEM_ENDS.match(segment, last_comma + 1) is not None


def _typography(segment: str) -> str:
    """````T''`` -> “T”, ``--`` -> –: the ASCII forms the parser reads as the characters."""
    if "`" in segment or "''" in segment:
        for pattern, replacement in TYPOGRAPHY:
            segment = pattern.sub(replacement, segment)
    if "--" in segment:
        segment = segment.replace("---", "—").replace("--", "–")
    return segment


def _markup_views(document: Document) -> dict[str, tuple[bytearray, frozenset[int]]]:
    """For each file of the document, which offsets hold markup (the reader's markup regions:
    commands, braces, escapes) and where emphasis starts and ends (read as ``*``)."""
    views: dict[str, tuple[bytearray, set[int]]] = {}
    for region in document.regions:
        if region.role not in ("markup", "emphasis"):
            continue
        source = _source_of(document, region.span.path)
        if source is None:
            continue
        if region.span.path not in views:  # one view a file (built once: a bytearray per region was quadratic)
            views[region.span.path] = (bytearray(len(source.text)), set())
        blank, stars = views[region.span.path]
        if region.role == "markup":
            blank[region.span.start : region.span.end] = b"\x01" * (region.span.end - region.span.start)
        else:
            stars.update((region.span.start - 1, region.span.end))
    return {path: (blank, frozenset(stars)) for path, (blank, stars) in views.items()}


def _without_markup(
    text: str, offsets: Sequence[int | None] | None, view: tuple[bytearray, frozenset[int]] | None
) -> str:
    """The note's text with markup blanked (same length, so offsets hold) and emphasis as ``*T*``."""
    if view is None or offsets is None:
        return text
    blank, stars = view
    chars = list(text)
    for index, offset in enumerate(offsets):
        if offset is not None and offset < len(blank) and blank[offset]:
            chars[index] = "*" if offset in stars else " "
    return "".join(chars)


def _without_web_addresses(segment: str) -> str:
    """The segment without its web addresses and DOIs."""
    if "://" not in segment and "www." not in segment and "doi" not in segment.casefold():
        return segment
    return WEB_ADDRESS.sub("", segment).strip().rstrip(",;:").strip()


def _note_form(segment: str) -> str:
    """A source in the bibliography's form rewritten as a note writes it, for the note parser:
    ``Lavin, Matthew. "Title." *Journal* 5 (2020)`` -> ``Matthew Lavin, "Title," *Journal* 5 (2020)``;
    ``Fox, John. *Title*. SAGE, 1991: 252`` -> ``John Fox, *Title* (SAGE, 1991), 252``."""
    if "." not in segment or not _may_open_entry(segment):
        return segment  # one element, or no names open it
    elements = _entry_elements(segment)
    first = next(elements, None)
    names = _entry_head(first) if first is not None else None
    title = next(elements, None) if names is not None else None  # cut only after names
    if names is None or title is None:
        return segment
    facts = list(elements)
    quoted = QUOTED_THEN_MORE.match(title)
    if quoted is not None:  # ``"What's in a Genre?" Thomas Sanger``: the title ends with its quotation
        title, facts = quoted.group("title"), [quoted.group("more"), *facts]
    if title[:1] not in OPENING_QUOTES + "'*_":
        if "." in title or " " not in title:
            return segment  # abbreviations, not a title: ``Pliny, Hist. Natur. l. vi. c. 23`` (Gibbon)
        title = f"*{title}*"  # the bibliography sets a book's title in italics; conversion lost them
    chapter = _chapter_form(names, title, facts, None)
    if chapter is not None:
        return chapter
    title = regex.sub(r"[.,]([”\"’'])", r",\1", title, count=1)  # ``"Title."`` -> ``"Title,"``
    imprint = next((IMPRINT_ELEMENT.match(f) for f in reversed(facts) if IMPRINT_ELEMENT.match(f)), None)
    kept = [f for f in facts if f[:1] in "*_" or (imprint is None and _first_digit(f) >= 0)]
    written = ", ".join([names, title, *kept])
    if imprint is not None:
        written += f" ({imprint.group('imprint')})" + (f", {imprint.group('loc')}" if imprint.group("loc") else "")
    return written


def _title_entry_form(segment: str) -> str:
    """An entry that opens with its title as an element of its own, rewritten as a note cites a
    work by title: the title in italics and the year its elements give. ``"Timeline." BoardGameGeek``
    -> ``*Timeline*``; ``_Timeline & Stag Hunt_. Directed by …, vol. 8, 2017. _YouTube_`` ->
    ``*Timeline & Stag Hunt*`` (a Timeline lesson, Programming Historian): the rest names the site
    or the platform, and a short form by title is matched by its title alone."""
    if segment[:1] not in TITLE_OPENERS or not _opens_with_marked_title(segment):
        return segment
    title, after, _ = _title_first(segment)
    if not after.strip(" .,") or after.lstrip()[:1] in ",:;(":
        return segment  # the title alone, or facts joined to it as a note writes them
    if YEAR_IN.search(after) and ". " not in after.strip(" ."):
        return segment  # one element after the title, dated: a periodical's issue (``“Historical Fiction.” Wikipedia, November 5, 2019``)
    return f"*{title.strip().rstrip('.')}*"


def _author_date_form(segment: str) -> str:
    """A source in the author-date form (APA, Harvard) rewritten as a note writes it: the year in
    parentheses after the names moves to the facts. ``Broscheid, A. (2011), Comparing Circuits.
    *Law & Society Review*, 45: 171-194`` (a Programming Historian note) -> ``A. Broscheid,
    "Comparing Circuits," *Law & Society Review* 45 (2011): 171-194``. An article is told by its
    journal in italics after a title that is not, or by its numbers (``Rural History, 4(2), 45-67``:
    ``McCall, J. (2016). “Teaching History …”. _Simulation & Gaming_, 47(4), 517–542``, a Timeline
    lesson); anything else is a book: its title in italics, its publisher before the year."""
    head = _dated_head(segment)
    names = _author_date_names(head.group("names")) if head is not None else None
    if names is None:
        return segment
    elements = list(_entry_elements(head.group("rest") or ""))
    if not elements or _opens_with_prose(elements[0]):
        return segment
    quoted = QUOTED_THEN_MORE.match(elements[0])
    if quoted is not None:  # ``“Modeling the Actual, Simulating the Possible.” In The Shape of Data …``
        elements = [quoted.group("title"), quoted.group("more"), *elements[1:]]
    title, facts, year = elements[0], ". ".join(elements[1:]), head.group("year")
    chapter = _chapter_form(names, title, elements[1:], year)
    if chapter is not None:
        return chapter
    journal, _, numbers = facts.partition(",")
    issue = ARTICLE_NUMBERS.match(numbers.strip())
    if issue is None:  # no comma before the numbers: ``Journal of Artificial Societies and Social Simulation 23
        # (2): 7``, ``Technological Forecasting and Social Change 184:122011, p.8-9`` (a page cited after them)
        named, printed = _journal_then_numbers(journal)
        issue = ARTICLE_NUMBERS.match(printed) if printed else None
        journal = named if issue is not None else journal
    if title[:1] in "*_" or (facts[:1] not in "*_" and (issue is None or not journal.strip())):
        title = title if title[:1] in "*_" else f"*{title.strip(OPENING_QUOTES + CLOSING_QUOTES)}*"
        return f"{names}, {title} ({facts + ', ' if facts else ''}{year})"
    title = title.strip(OPENING_QUOTES + CLOSING_QUOTES + "'")
    if issue is None:
        return f'{names}, "{title}," {facts} ({year})'
    number = f', no. {issue.group("issue")}' if issue.group("issue") else ""
    return f'{names}, "{title}," {journal} {issue.group("volume")}{number} ({year}): {issue.group("pages")}'


def _opens_with_prose(title: str) -> bool:
    """Whether what follows an author-date head opens with a word all in lower case: the sentence
    the names and year stand in (``Michael Geary (2016) and Virginia Sánchez (2020) suggest a
    growing interest``: CRDH v03-06), never a title, which opens with a capital, a number or a
    title's mark."""
    word = title.split(maxsplit=1)[0] if title.strip() else ""
    return word.isalpha() and word.islower() and not _ROMAN.fullmatch(word)  # ``T. Johnes (1844) ii. 446``


_ROMAN = OnFirstUse(re.compile, r"[ivxlcdm]+")
_TWO_LOWER_WORDS = OnFirstUse(re.compile, r"(?<![\w.])[a-z]+ [a-z]+\b(?!\.)")


_YEAR_ALONE = OnFirstUse(regex.compile, YEAR)


def _reads_on_as_prose(tail: str) -> bool:
    """Whether what follows a year alone in parentheses holds, before its first comma, two words
    all in lower case one after the other: the sentence the names and year stand in reads on
    (``Recent works by Michael Geary (2016) and Virginia Sánchez (2020) suggest a growing
    interest``), where an imprint is followed by a locator, ``passim``, or a book ``in`` which the
    work stands. (A parenthesis that holds more, ``Norman (Corsairs of France, London, 1887)
    gives …``, is a source in commentary, and not this rule's.)"""
    clause = tail.partition(",")[0]
    return _TWO_LOWER_WORDS.search(clause) is not None


def _journal_then_numbers(facts: str) -> tuple[str, str]:
    """A journal's name and the numbers after it with no comma between (``Technological Forecasting
    and Social Change 184:122011``); the facts and "" when they do not end in such numbers."""
    split = JOURNAL_NUMBERS.match(facts.strip().rstrip("."))
    return (split.group("journal"), split.group("numbers")) if split is not None else (facts, "")


def _dated_head(text: str) -> regex.Match[str] | None:
    """The names and year that open an author-date reference, the year in parentheses
    (:func:`_author_date_head`) or bare before a quoted or italic title, as Chicago's author-date
    form prints it (AUTHOR_YEAR_HEAD: people's names only, never an imprint's place and publisher;
    they hold no number, so its year is the first: ``Dion, l. lxxvii. p. 1291`` is not tried)."""
    head = _author_date_head(text)
    if head is not None:
        return head
    bare = AUTHOR_YEAR_HEAD.match(text) if _YEAR_THEN_TITLE.search(text) and _year_at_first_digit(text) else None
    return bare if bare is not None and _people_names(bare.group("names")) else None


def _people_names(names: str) -> bool:
    """Whether ``names`` are people's names in a form reference lists print (not a body's name)."""
    names = names.strip().rstrip(".")
    return bool(NAME_ET_AL.match(names) or _apa_names(names) or _joined_inverted_names(names)
                or (ENTRY_NAMES.match(names) and _entry_head(names)))


def _author_date_head(text: str) -> regex.Match[str] | None:
    """AUTHOR_DATE_HEAD's match, looked for only when the first parenthesis opens with a year or
    ``n.d.``: the names before it hold no parenthesis, so it is the one the pattern needs (the
    pattern alone tried every length of names on each element with a parenthesis)."""
    opening = text.find("(")
    if opening < 0 or text[opening + 1 : opening + 2] not in ("1", "2", "n"):
        return None
    return AUTHOR_DATE_HEAD.match(text)


def _editor_people(names: str) -> tuple[Person, ...]:
    """The people of a list of editors written in any order: ``Shaw, T.``, ``Gu, D., Du, J. and
    Pardalos, P.``, ``Tom Shaw and Ivan Petrov``."""
    inverted = _apa_names(names) or (_entry_head(names) if ENTRY_NAMES.match(names) else None)
    return _people(inverted or names)


def _is_names(title: str) -> bool:
    """A "title" that is initials or inverted names (``T.``, ``P. van, Kessels, G.``) is what is left
    of an author-date reference cut after its first comma: never a work's title."""
    return INITIALS_ONLY.fullmatch(title) is not None or ("," in title and _apa_names("X, " + title) is not None)


def _chapter_form(names: str, title: str, facts: list[str], year: str | None) -> str | None:
    """A chapter in the bibliography's or the author-date form, written as a note writes it, or None
    when no element names the book it is in: ``Fell, A. (1996). Village soviets. In T. Shaw (Ed.),
    Grain and power (pp. 45–67). Cambridge University Press.`` -> ``A. Fell, "Village soviets," in
    T. Shaw (Ed.), Grain and power (Cambridge University Press, 1996), pp. 45–67``."""
    index = next((i for i, fact in enumerate(facts) if IN_ELEMENT.match(fact)), None)
    if index is None:
        return None
    container = IN_ELEMENT.match(facts[index]).group("container")
    pages = CHAPTER_PAGES.search(container)
    if pages is not None:
        container = container[: pages.start()]
    imprint = [fact for fact in facts[index + 1 :] if not fact.lower().startswith(("accessed", "retrieved", "available"))]
    if year is not None and not any(YEAR_IN.search(fact) for fact in imprint):
        imprint.append(year)
    title = title.strip(OPENING_QUOTES + CLOSING_QUOTES + "'*_ ").rstrip(".,")
    written = f'{names}, "{title}," in {container.rstrip(" ,.")}'
    if any(YEAR_IN.search(fact) for fact in imprint):  # an imprint without its year says nothing a parenthesis can hold
        written += f" ({', '.join(imprint)})"
    located = pages.group("pages") or pages.group("tail") if pages is not None else None
    return written + (f", {located}" if located else "")


def _author_date_names(names: str) -> str | None:
    """The names before an author-date reference's year, in the order a note writes them, in any of
    the forms reference lists print them (:func:`_apa_names`, :func:`_entry_head`,
    :func:`_joined_inverted_names`); a full stop after the last name is no initial's
    (``… und Christian A. Klöckner. (2022).``: the agent-based simulation lesson)."""
    names = names.strip()
    if names.endswith(".") and not INITIAL_AT_END.search(names):
        names = names[:-1]
    et_al = NAME_ET_AL.match(names) if names.endswith(("al", "al.")) else None
    if et_al is not None:
        return f"{et_al.group('name')} et al."
    return _apa_names(names) or _joined_inverted_names(names) or _natural_names(names) or _entry_head(names)


def _natural_names(names: str) -> str | None:
    """Names in their natural order between commas, with no "and": ``Thein Hai Nguyen, Kiyoaki
    Shirai, Julien Velcin`` (the sentiment-analysis lesson) -> ``…, and Julien Velcin``; None
    unless each part is one person of two to four words (a one-word part is an inverted name's)."""
    parts = [part.strip() for part in names.split(",")]
    if len(parts) < 2 or not all(2 <= len(part.split()) <= 4 and NATURAL_NAME.fullmatch(part) for part in parts):
        return None
    return ", ".join(parts[:-1]) + (", and " if len(parts) > 2 else " and ") + parts[-1]


def _joined_inverted_names(names: str) -> str | None:
    """``Grimm, Volker and Railsback, Steven F.`` -> ``Volker Grimm and Steven F. Railsback``; None
    unless every name between the "and"s is one person inverted."""
    parts = _NAME_JOIN.split(names.rstrip(", "))
    if len(parts) < 2:
        return None
    people = []
    for part in parts:
        inverted = INVERTED_NAME.match(part.strip())
        if inverted is None:
            return None
        people.append(f"{inverted.group('given')} {inverted.group('family')}")
    return ", ".join(people[:-1]) + (", and " if len(people) > 2 else " and ") + people[-1]


def _apa_names(names: str) -> str | None:
    """Names inverted with their initials, in the order a note writes them: ``Bree, P. van,
    Kessels, G.,`` -> ``P. van Bree and G. Kessels``; None when ``names`` is anything else."""
    names = names.strip().rstrip(",").strip()
    people, end = [], 0
    while (match := APA_NAME.match(names, end)) is not None:  # matched in place: a search past a title's words found nothing
        given, particle = match.group("initials"), ""
        words = given.split()
        while words and words[-1] in PARTICLES:
            particle = f"{words.pop()} {particle}"
        people.append(" ".join([*words, particle.strip(), match.group("family")]).replace("  ", " "))
        end = match.end()
    if not people or end != len(names):
        return None
    return people[0] if len(people) == 1 else ", ".join(people[:-1]) + (", and " if len(people) > 2 else " and ") + people[-1]


def _ends_with_et_al(segment: str, end: int) -> bool:
    """Whether ``segment[:end]`` ends with "et al" (a full stop after it ends the names)."""
    return segment.endswith("al", 0, end) and _ET_AL_ENDS.search(segment, 0, end) is not None


def _entry_elements(segment: str) -> Iterator[str]:
    """A segment cut at the full stops that separate elements (outside quotations and brackets,
    not after an initial or an abbreviation, unless a quoted or italic title follows the initial:
    ``Lemon, M. C. _Philosophy of History_``), cut as they are asked for: most segments are not in
    the bibliography's form, which their first element tells."""
    bracket = -1  # where the first bracket or quotation mark stands (len(segment) if none): a full stop
    outside = b""  # before it is outside them all; past it, _outside tells (found once, when first asked)
    start = 0
    for stop in _FULL_STOP.finditer(segment):
        index = stop.start()
        if bracket < 0:
            found = _BRACKETING.search(segment)
            bracket = len(segment) if found is None else found.start()
        if index > bracket:
            outside = outside or _outside(segment)
            if not outside[index]:
                continue
        initial = _blank_then_title_mark(segment, index) and any(
            _TITLE_AFTER_INITIAL.match(segment, max(0, index - back)) for back in (1, 2))  # its stop is its own
        if (initial or _is_sentence_end(segment, index, _ELEMENT_FOLLOWS) or _ends_with_et_al(segment, index)
                or (start == 0 and _ends_given_name(segment, 0, index))):
            if element := segment[start : index + initial].strip(" ,;:"):
                yield element
            start = index + 1
    if element := segment[start:].strip(" ,;:"):
        yield element


def _blank_then_title_mark(segment: str, dot: int) -> bool:
    """Whether _TITLE_AFTER_INITIAL may match with its full stop at ``dot``: blanks follow it, then a
    quotation or emphasis mark (told by the two characters after it; more blanks leave it to the pattern)."""
    after = segment[dot + 1 : dot + 3]
    return after[:1] in (" ", "\t") and after[1:2] in ("*", "_", "“", '"', "‘", " ", "\t")


# A blank, then a surname (a particle or two, capitalized words) and a comma: the next source's author.
_NAME_THEN_COMMA = OnFirstUse(regex.compile, r"[ \t\n\xa0]+(?:(?:de|van|von|le|la|di|da)[ \t]+)?\p{Lu}[\p{L}'’-]*(?:[ \t]+\p{Lu}[\p{L}'’-]*){0,3},")
# A Pandoc span, its text in brackets and its attributes in braces, which a conversion from a word
# processor leaves around apostrophes and underlined addresses (``d[']{dir="rtl"}objets``,
# ``[[https://www.wga.hu/index1.html]{.underline}](…)``: CRDH's essay on Louis XIV's appartement).
PANDOC_SPAN = OnFirstUse(re.compile, r"\[([^\[\]\n]{0,200})\]\{[^{}\n]{0,100}\}")
# A character of punctuation Markdown escaped (``*Nouvelle description \[...\]*``, ``qu\'on``: Pandoc's
# conversion of CRDH's essays on Louis XIV's paintings and apartments): the character itself. A
# backslash before a letter stays (a LaTeX command, which no form reads).
MARKDOWN_ESCAPE = OnFirstUse(re.compile, r"\\([!-/:-@\[-`{-~])")


# Quotation marks a conversion doubled (``""How Shall This Be?""``) or a single one left before a
# double one that nothing closes (``'"How Shall This Be?": 25--53``): CRDH's essay on Lippi's thresholds.
DOUBLED_QUOTES = OnFirstUse(re.compile, r'(?<![\w"])""(?=\w)|(?<=[\w.,?!])""(?!["\w])')
SINGLE_BEFORE_DOUBLE = OnFirstUse(re.compile, r"""(?<![\w'])'("[^"']+")(?!')""")
# A full stop slipped in after the two or more surnames a short form opens with, before its locator:
# ``Green and Troup., 143.`` (c-rick-quantitative-history). One word before a stop is an abbreviation
# as old books write them (``Pigaf., 70``, ``Journ., 1826``, ``Nov., 18``), and so is ``Green & Co.``
STRAY_STOP_AFTER_NAMES = OnFirstUse(regex.compile, 
    r"^(?P<names>\p{Lu}[\p{L}'’-]+\p{Ll}(?:[ \t]+(?:and|&)[ \t]+\p{Lu}[\p{L}'’-]+\p{Ll})+)\.(?=,[ \t]*\d)"
)


# A work named in commentary by its author's name in the possessive and its title in emphasis
# (``Le Brun's *Inventoire* did not have such scope, while Félibien's *Description sommaire du
# château de Versailles* published in 1674 …``, ``followed by Piganiol de La Force's *Nouvelle
# description*``: CRDH's essay on Louis XIV's paintings, v08-07), the apostrophe perhaps in a Pandoc
# span (``Le Brun[\']{dir="rtl"}s``): the short form "Name, *Title*" it stands for.
POSSESSED_TITLE = OnFirstUse(regex.compile,
    r"(?<![\p{L}'’\]])(?P<names>\p{Lu}[\p{L}.-]*(?:[ \t]+(?:\p{Lu}[\p{L}.-]*|de|la|le|du|des|van|von|di|da|del)){0,4}?)"
    r"(?P<mark>['’]s|\[\\?['’]\]\{[^{}\n]{0,40}\}s|(?<=s)['’])[ \t]+(?P<title>\*[^*\n]{1,200}\*|_[^_\n]{1,200}_)"
)
# What both need, looked for first (the standard ``re``): an apostrophe (or a Pandoc span's brace),
# perhaps an "s", blanks, then emphasis.
_POSSESSIVE_BEFORE_MARK = OnFirstUse(re.compile, r"['’}]s?[ \t]+[*_]")
POSSESSIVE = OnFirstUse(regex.compile, r"^(?P<names>[^*_'’]+?)(?:['’]s|(?<=s)['’])[ \t]+(?=[*_])")
# Names, then a title in emphasis with no comma between them (:func:`_title_after_names`).
NAMES_BEFORE_EMPHASIS = OnFirstUse(regex.compile,
    r"^(?P<names>\p{Lu}[\p{L}'’.-]*(?:[ \t]+(?:\p{Lu}[\p{L}'’.-]*|de|van|von|der|la|le|du)){0,3})(?<!\.)[ \t]+(?=[*_]\S)")  # ``Popkin. _Title_``: the bibliography's form
# A segment opening with words in emphasis that own what follows (``*piano nobile*'s principal
# apartments (as deduced from the 1650 floorplan)``, CRDH's essay on Lippi's thresholds): a thing
# named in a foreign word, no title of a work, whatever year the prose after it holds.
OWNER_IN_EMPHASIS = OnFirstUse(re.compile, r"([*_])[^*_]{1,80}\1['’]s(?!\w)")
# The parts of a work named after its title (``"How Shall This Be?" Parts I and II``): which
# parts, as a locator says which pages, not a word of the title or a further element.
PARTS_NAMED = OnFirstUse(re.compile, r"(?<=[\"”*_?!.])[ \t,]+Parts?[ \t]+[IVX]{1,4}(?:(?:[ \t]*,[ \t]*|[ \t]+and[ \t]+)[IVX]{1,4})*[ \t]*$")


def _normalized(segment: str) -> str:
    """A segment as the parser reads it: ASCII typography as the characters, Pandoc spans as their
    text, quotation marks a conversion doubled or left unpaired as one pair, blanks as single
    spaces, words hyphenated at a line break joined, a stray stop after a short form's surnames
    dropped."""
    if "\\" in segment:
        segment = MARKDOWN_ESCAPE.sub(r"\1", segment)
    if "]{" in segment:
        segment = PANDOC_SPAN.sub(r"\1", segment)
    if '""' in segment:
        segment = DOUBLED_QUOTES.sub('"', segment)
    if "'\"" in segment:
        segment = SINGLE_BEFORE_DOUBLE.sub(r"\1", segment)
    segment = " ".join(_typography(segment).split())
    if "- " in segment:
        segment = WRAP_HYPHEN.sub(r"\1\2", segment)
    if "., " in segment:
        segment = _without_stray_stop(segment)
    return segment


def _without_stray_stop(segment: str) -> str:
    """``Green and Troup., 143`` as ``Green and Troup, 143``: a stop after surnames joined by "and"
    before the locator is a slip, not an abbreviation (unless the last word is one of KEEPS_STOP)."""
    stray = STRAY_STOP_AFTER_NAMES.match(segment)
    if stray is None or _LAST_WORD.search(stray.group("names")).group(1).lower() in KEEPS_STOP:
        return segment
    return stray.group("names") + segment[stray.end():]


def _may_cite(normalized: str) -> bool:
    """Whether a segment (or a stretch of a note holding segments), as :func:`_normalized` writes
    it, has what some form of source needs (_SIGNAL_CHARACTERS, a web address, _SIGNAL_WORDS, _SIGNAL_FOLDED_WORDS):
    a stretch of it has no more, so a stretch without is let go whole (property tests hold this to
    the parser on generated and real notes)."""
    characters = _ASCII_SIGNAL_CHARACTERS if normalized.isascii() else _SIGNAL_CHARACTERS
    return (characters.search(normalized) is not None or "://" in normalized or "www." in normalized
            or _SIGNAL_WORDS.search(normalized) is not None or _SIGNAL_FOLDED_WORDS.search(_lower(normalized)) is not None)


def _stretch_may_cite(stretch: str) -> bool:
    """:func:`_may_cite` of a stretch of a note's text as it stands (a note, a piece, the rest of a
    piece), normalized only when a word may be hyphenated at a line break: the joined word may be
    a sign its halves are not (``here- after``)."""
    return _may_cite(_normalized(stretch) if "-" in stretch and _HYPHEN_THEN_BLANK.search(stretch) else stretch)


def _lower(text: str) -> str:
    """``text`` in lower case, of the same length, with the letters the parser's patterns match to
    ASCII ones ignoring case written as those (``İbid``, ``ſupra``; ``re`` also matches ``ı`` to ``i``)."""
    if "İ" in text or "ı" in text or "ſ" in text:
        text = text.replace("İ", "i").replace("ı", "i").replace("ſ", "s")
    return text.lower()


@functools.lru_cache(maxsize=8192)
def _parse(segment: str, aliases: Aliases) -> Parsed | None:
    """Classify and parse one segment; None for commentary. A name used before a volume locator
    is an alias use here (see :func:`_by_surname`). With no alias declared, commentary with
    nothing any form needs is let go before the forms are tried in turn."""
    segment = _normalized(segment)
    if not aliases and not _may_cite(segment):
        return None
    return _parse_normalized(segment, aliases)


def _may_parse(segment: str) -> bool:
    """Whether some form may read ``segment``, as :func:`_parse_normalized` holds it once its ends
    are trimmed, with no alias declared (its blanks single spaces, as :func:`_normalized` writes
    them). Each test is what one form needs, its own quick test or less: an Ibid.'s word at the
    start, an alias declared, an interview, a letter (" to " and "Letter from" or a month), an
    archival item after the last comma (DOCUMENT: after _locator_after_stop, which may put a comma
    before a locator); then, unless the segment opens in lower case (where the parser tries no
    more), :func:`_capitalised_may_parse`'s. Commentary in a book's notes (``A little afterwards,
    (c. 12,) he expatiates on the condescension of the apostles``, Gibbon's) has none and is let go
    here, before the forms are tried in turn (property tests hold this to the parser)."""
    lower = _lower(segment)
    if (lower.startswith(_IBID_OPENINGS) or "here" in lower or "hence" in lower or "nterview" in lower
            or "ral history" in lower):
        return True
    if " to " in segment and ("etter from" in segment or _MONTH_START.search(segment) is not None):
        return True
    if _HOLDING_AFTER_COMMA.search(segment) is not None:
        return True
    in_lower_case = _opens_in_lower_case(segment)
    if not in_lower_case and _capitalised_may_parse(segment, lower):
        return True
    located = _locator_after_stop(segment) if _STOP_AFTER_NUMBER.search(segment) else segment
    last_comma = located.rfind(",")
    if last_comma >= 0 and _ends_in_archive_item(located, last_comma):
        return True
    return not in_lower_case and located is not segment and _names_may_open(located)


def _capitalised_may_parse(segment: str, lower: str) -> bool:
    """:func:`_may_parse`'s tests of a segment that does not open in lower case (``lower`` is it in
    lower case, :func:`_lower`): names before the first comma (AUTHORS, an alias used: no word opens
    with an ASCII letter in lower case but a particle's); a title in quotes or emphasis (CORPORATE,
    a title first, an entry opening with its title); a year, ``n.d.`` or "forthcoming" (an imprint,
    the author-date forms); a law report (" v. " before a closing parenthesis, " at " before a
    number); four digits and a month or ``no.`` (a dated document, an issue); names before an
    element's full stop with no digit before it (_note_form; a state's initials, STATE_OFFICE,
    are such names)."""
    if _names_may_open(segment) or segment.lstrip(" ,")[:1] in TITLE_OPENERS or _has_title_mark(segment):
        return True
    if "forthcoming" in lower or _NO_DATE_LOWER.search(lower) is not None:
        return True
    digit = _ASCII_DIGIT.search(segment)
    if digit is not None and _YEAR_DIGITS.search(segment, digit.start()) is not None:
        return True  # a year opens with the first two digits in ASCII
    if (digit is not None or not segment.isascii()) and (
            (" at " in segment and _first_digit(segment[-1:]) == 0)
            or ("no." in segment or _MONTH_START.search(segment) is not None) and _holds_four_digits(segment)):
        return True
    if " v. " in segment and segment[-1:] == ")":
        return True
    end = len(segment) if digit is None else digit.start() + 1  # the first element holds no digit
    return _ELEMENT_STOP.search(segment, 0, end) is not None and _may_open_entry(segment)


def _names_may_open(segment: str) -> bool:
    """:func:`_may_open_with_names`, a word in lower case being one that opens with an ASCII letter
    in lower case: what neither AUTHORS nor an alias used (_BARE_NAME) takes, which the other takes
    (``ⅰ``, which str.islower calls lower case, is a number to _BARE_NAME)."""
    head, comma, _ = segment.partition(",")
    if not comma:
        return False
    for word in head.split():
        if "a" <= word[0] <= "z" and word not in NAME_LIST_SMALL_WORDS and not (word[0] in "dl" and word[1:2] in ("'", "’")):
            return False
    return True


def _parse_normalized(segment: str, aliases: Aliases) -> Parsed | None:
    """:func:`_parse` of a segment already :func:`_normalized`: with no alias declared, let go as soon
    as its ends are trimmed when no form may read it (:func:`_may_parse`), else every form tried."""
    segment = _without_web_addresses(_without_access_date(segment))
    if not segment or len(segment) > 600 or "\\" in segment:
        return None  # a LaTeX command left over is a \cite (read by the LaTeX reader) or unknown markup
    segment = segment.rstrip(",;: ")  # a dangling comma or colon before a link the reader took away
    if segment.endswith(".") and not _keeps_final_stop(segment):
        segment = segment[:-1]
    segment = _without_trailing_remark(segment)
    if " Part" in segment:
        segment = PARTS_NAMED.sub("", segment)
    if not aliases and not _may_parse(segment):
        return None
    ibid = _parse_ibid(segment)
    if ibid is not None:
        return ibid
    if segment[:1] in _ACKNOWLEDGEMENT_INITIALS and ACKNOWLEDGEMENT.match(segment):
        return None
    if " to " in segment and ("etter from" in segment or _holds_four_digits(segment) and _MONTH_START.search(segment)):
        letter = _parse_letter(segment)
        if letter is not None:
            return letter
    if segment[:1] in "*_" and ("'s" in segment or "’s" in segment) and OWNER_IN_EMPHASIS.match(segment):
        return None
    if "@" in segment and PANDOC_KEY.search(segment):
        return None  # the key cites the work (a ``key`` citation); the words around it are commentary
    if _is_imprint(segment):
        return None
    if ("nterview" in segment or "ral history" in segment) and _INTERVIEW_WORD.search(segment) is not None:
        interview = _parse_interview(segment)
        if interview is not None:
            return interview
    if not aliases and _opens_in_lower_case(segment):
        document = _locator_after_stop(segment)
        if _alias_declaration(document) is None:
            return _parse_document(document)
    case = _parse_case(segment)
    if case is not None:
        return case
    cited = AUTHOR_DATE_SHORT.match(segment) if _year_at_first_digit(segment) else None
    if cited is not None and _looks_like_names(cited.group("names")) and not IS_DATE.match(segment):
        authors = _people(cited.group("names"))
        return Parsed("short", _clean(cited.group("loc")), Work(authors=authors, year=cited.group("year")))
    written = segment
    if _POSSESSIVE_BEFORE_MARK.search(segment) is not None and (possessive := POSSESSIVE.match(segment)) is not None and _looks_like_names(
            possessive.group("names")):
        return _parse_possessed(possessive.group("names"), segment[possessive.end() :], aliases)
    segment = _locator_after_stop(_note_form(_author_date_form(_title_entry_form(segment))))
    alias, remainder = _alias_declared(segment)
    if alias is None:
        used = _alias_use(segment, aliases) or _inside_alias_use(segment, aliases)
        if used is not None:
            return used
    work = _parse_work(remainder, alias)
    if work is None and alias is None:
        work = _parse_document(segment)
        if work is None and _HOLDING_AFTER_COMMA.search(written) is not None:
            return _parse_holding(written)  # tried last: the forms above read a dated article in a folder better
    return work


def _parse_possessed(names: str, rest: str, aliases: Aliases) -> Parsed | None:
    """A title in emphasis after its author's name in the possessive (POSSESSIVE: ``Le Brun's
    *Inventaire*``, ``Parkman's _Frontenac_, p. 203``, ``Nichols' _Collectanea_ (1834), i. 91``),
    read as the author's name, a comma and the rest; with nothing a full citation gives (a year,
    a place, a publisher) a short form. Prose after the title (``Zola's _Pot Bouille_ in which
    …``) makes it commentary."""
    closing = rest[:1]
    end = rest.find(closing, 1)
    if end < 0 or rest[end + 1 : end + 2] not in ("", ",", ".", "(", ":", ";", " ") or rest[end + 2 : end + 3].islower():
        return None
    parsed = _parse_normalized(f"{names}, {rest}", aliases)
    if parsed is None or parsed.work is None or not parsed.work.title:
        return None
    work = parsed.work
    full = parsed.kind == "full" and (work.year or work.place or work.publisher)
    return parsed if full else Parsed("short", parsed.locator, work)


# The first two digits of YEAR.
_CENTURIES = frozenset(("14", "15", "16", "17", "18", "19", "20"))


def _year_at_first_digit(segment: str) -> bool:
    """Whether the segment's first digit opens a year, as in AUTHOR_DATE_SHORT, whose names hold no
    digit: Gibbon's pages (``Dion, l. lxxvii. p. 1291``) are let go before the pattern is tried."""
    digit = _first_digit(segment)
    return digit >= 0 and segment[digit : digit + 2] in _CENTURIES


def _is_imprint(segment: str) -> bool:
    """An imprint alone (``Cambridge University Press, 1996``, ``Cambridge: Cambridge University Press,
    1996``) is the end of the source before it, cut off at a full stop, never a source whose author
    is "Press"."""
    return _IMPRINT_WORDS.search(segment) is not None and IMPRINT_ONLY.match(segment) is not None


def _without_access_date(segment: str) -> str:
    """The segment without the day a web page was read (``Accessed February 21, 2024``, ``Retrieved
    January 26, 2024, from``): it dates the reading, not the work."""
    if "ccessed" not in segment and "etrieved" not in segment:
        return segment
    return ACCESS_DATE.sub("", segment)


def _without_trailing_remark(segment: str) -> str:
    """The segment without a remark after its locator (``45 (emphasis added)``): searched for only
    when the segment ends as a remark does, as the pattern tries every position."""
    end = segment.rstrip(" \t")
    if end[-1:].lower() in _REMARK_LAST and _REMARK_ENDING.search(end, max(0, len(end) - 8)):
        return TRAILING_REMARK.sub("", segment)
    return segment


def _locator_after_stop(segment: str) -> str:
    """``… (2011): 105-123. 114`` -> ``… (2011): 105-123, 114`` (the full stop is followed by a space)."""
    return LOCATOR_AFTER_STOP.sub(r", \g<loc>", segment) if _STOP_AFTER_NUMBER.search(segment) else segment


def _opens_in_lower_case(segment: str) -> bool:
    """Whether a segment opens with a lower-case word that starts no name (``the memoirs of…``, not
    ``de Gaulle`` or ``d'Anville``): then it is no law case, no source in the bibliography's form,
    no name used before a locator (with no alias declared), no work by a named author and no work
    cited by its title (each opens with a capital, a quotation mark, emphasis or a name), so that
    only an Ibid. (read before), an alias declaration or an archival document remain to try."""
    return "a" <= segment[:1] <= "z" and segment[1:2] not in ("'", "’") and segment.split(maxsplit=1)[0] not in PARTICLES


# --------------------------------------------------------------------------------------------
# Notes to citations


def note_citations(document: Document, jobs: int = 1) -> tuple[Citation, ...]:
    """The sources cited in the document's notes (full, short, ibid, alias), in note order.

    Aliases declared by a full citation ("hereafter cited as X") are known to the notes after it;
    the surnames of authors cited before tell ``Fell, 2:45`` (a short form) from an alias use.
    With ``jobs`` > 1 a document with many notes has them read ahead in that many processes
    (:func:`_read_ahead`); the citations are the same.
    """
    found: list[Citation] = []
    aliases = Aliases()
    surnames: set[str] = set()
    previous_authors: tuple[Person, ...] = ()
    views = _markup_views(document)
    ahead = _read_ahead(document, views, jobs)
    for number, note in enumerate(document.notes):
        read = ahead[number] if ahead is not None and not aliases else None
        if read is not None and not any(_declares_alias(citation) for citation in read):
            citations = [_short_by_surname(citation, surnames) for citation in read]
        else:
            source = _source_of(document, note.span.path) or document.source
            # A note is read whole before what it cites is known to the next, so it is handed the set
            # of surnames itself: a copy for each note made a book whose notes cite new authors
            # quadratic (32,000 such notes took 17 s, 16,000 3 s).
            citations = list(_note_citations(note, source, aliases, surnames, views.get(source.path)))
        for citation in citations:
            work = citation.work
            if work is not None and len(work.authors) == 1 and work.authors[0].family in IDEM:
                work = dataclasses.replace(work, authors=previous_authors)  # "Idem": the same author again
                citation = dataclasses.replace(citation, work=work)
            if work is not None and work.authors:
                previous_authors = work.authors
            found.append(citation)
            if work is not None and citation.kind in ("full", "short"):
                if _declares_alias(citation):
                    aliases = aliases.with_name(work.alias)
                surnames.update(fold(p.family) for p in (*work.authors, *work.editors))
    return tuple(found)


# How many notes make it worth forking a process to read them (a fork and its citations sent back
# cost about what reading 100 notes of a book does).
NOTES_PER_PROCESS = 1000


def _read_ahead(
    document: Document, views: dict[str, tuple[bytearray, frozenset[int]]], jobs: int
) -> list[list[Citation]] | None:
    """Each note's citations as read with no alias declared and no author cited before it, the
    notes dealt out in turn to ``jobs`` processes (:func:`citecheck.forks.in_parts`); None when the
    document has too few notes for more than one. Reading a note needs nothing of the notes
    before it but those two: :func:`note_citations` takes a note's citations from here while no
    alias has been declared (up to the first note that declares one, read again in order) and
    makes an alias use of an author cited before a short form then (:func:`_short_by_surname`)."""
    notes = document.notes
    parts = min(jobs, len(notes) // NOTES_PER_PROCESS)
    if parts <= 1:
        return None

    def read_part(part: int, parts: int) -> list[list[Citation]]:
        none = Aliases()  # one for the part, as for the notes read in order: its parses are cached under it
        read = []
        for note in notes[part::parts]:
            source = _source_of(document, note.span.path) or document.source
            read.append(list(_note_citations(note, source, none, frozenset(), views.get(source.path))))
        return read

    ahead: list[list[Citation]] = [[] for _ in notes]
    for part, read in enumerate(in_parts(read_part, parts)):
        ahead[part::parts] = read
    return ahead


def _declares_alias(citation: Citation) -> bool:
    """Whether the citation is a full one that declares an alias ("hereafter cited as X")."""
    return citation.kind == "full" and citation.work is not None and bool(citation.work.alias)


def _short_by_surname(citation: Citation, surnames: AbstractSet[str]) -> Citation:
    """:func:`_by_surname` of a citation read with no author cited before it (nor any alias declared)."""
    parsed = Parsed(citation.kind, citation.locator, citation.work)
    shortened = _by_surname(parsed, Aliases(), surnames)
    if shortened is parsed:
        return citation
    return dataclasses.replace(citation, kind=shortened.kind, locator=shortened.locator, work=shortened.work)


def _note_citations(
    note: Note, source: SourceFile, aliases: Aliases, surnames: AbstractSet[str],
    view: tuple[bytearray, frozenset[int]] | None = None,
) -> Iterator[Citation]:
    if not note.text.strip() or not note.parts:
        return
    if view is not None and all(view[0].find(1, part.start, part.end) < 0 for part in note.parts):
        view = None  # no markup in this note's own text (an HTML page's note of plain words): read as plain
    if view is None and not aliases and _holds_no_source(note.text):
        return  # its patterns are compiled (the regex module loaded) for notes that may cite
    offsets: list[int | None] | None = None  # mapped only when the note has markup or a source
    if view is not None:
        offsets = text_offsets(note, source.text)
    text = _without_markup(note.text, offsets, view)
    declared = aliases
    if not declared and not _stretch_may_cite(text):
        return  # commentary through and through: not even cut into pieces
    for piece in split_pieces(text):
        if not declared and not _stretch_may_cite(text[piece.start : piece.end]):
            continue  # no stretch of this piece can be a source (see _may_cite)
        for part, quoted in _candidates(text, piece, declared):
            segment = text[part.start : part.end]
            parsed = _by_surname(_parse(segment, declared), declared, surnames)
            if parsed is None or (quoted and not _is_publication(parsed)):
                continue  # the letter or speech a "quoted in" source quotes is not a source of its own
            if offsets is None:
                offsets = text_offsets(note, source.text)
            span = _span(source.path, offsets, part.start, part.end)
            if span is None:
                continue
            work = parsed.work
            if work is not None and work.alias and parsed.kind == "full":
                declared = declared.with_name(work.alias)
            written = " ".join(note.text[part.start : part.end].split())  # as written, markup and all
            yield Citation(parsed.kind, written, span, note.number, None, parsed.locator, work)


# Words that make a source of a note with no digit and no punctuation beyond sentence ends: an
# Ibid. or its kin, a locator word or one with no digit (``passim``, a roman number: every word of
# ivxlcdm, ``I`` among them), ``n.d.``, an alias declaration, a volume before an alias's locator.
_SOURCE_WORDS = frozenset(
    "ibid ib idem eadem id op loc cit supra passim ff f n d hereafter henceforth hereinafter "
    "forthcoming vol vols t tom bd p pp".split()
)
_ROMAN_LETTERS = frozenset("ivxlcdm")
# In ASCII: what is neither a letter (str.isalpha), nor a blank (str.split's, \x1c-\x1f among them),
# nor a sentence end (. ! ?).
_ASCII_NOT_LETTER_BLANK_OR_END = OnFirstUse(re.compile, r"[^A-Za-z \t\n\r\x0b\x0c\x1c-\x1f.!?]")


def _holds_no_source(text: str) -> bool:
    """Whether a note (read with no alias declared, and no markup the reader marked) can cite no
    source: its words are letters alone between blanks and sentence ends (``A note.``, ``This is
    discussed below.``), none of them in :data:`_SOURCE_WORDS`, and roman numbers only if nothing
    else (``x``: an HTML page of 100,000 such notes had each parsed). Every form the
    parser reads needs more (a digit, a comma or colon, a quotation or emphasis mark, a
    parenthesis, one of those words): such a note, common in a manuscript that cites by key, is
    let go before the parser's patterns are compiled (the property tests hold the two to agree).
    In ASCII, a character that is no letter, blank or sentence end makes its word no word of letters:
    looked for first, it lets go a note of a book (``Dion, l. lxxvii. p. 1291``) at its first comma
    or digit, before the note is cut into words."""
    if text.isascii() and _ASCII_NOT_LETTER_BLANK_OR_END.search(text) is not None:
        return False
    roman = other = False
    for word in text.replace(".", " ").replace("!", " ").replace("?", " ").split():
        if not word.isalpha():
            return False
        folded = word.casefold().replace("\u0307", "")  # İ, ſ and the Kelvin sign match i, s, k ignoring case
        if folded in _SOURCE_WORDS:
            return False
        if _ROMAN_LETTERS.issuperset(folded):
            roman = True
        else:
            other = True
    return not (roman and other)  # a roman number is a locator only beside a word it may locate


def _candidates(text: str, piece: Piece, aliases: Aliases) -> list[tuple[Piece, bool]]:
    """The segments of a piece, each with whether it is the original a "quoted in" source quotes."""
    found: list[tuple[Piece, bool]] = []
    for whole, quoted in _split_inside(text, piece, aliases):
        part = _without_trailing_comment(text, whole, aliases)
        parsed = _parse(text[part.start : part.end], aliases)
        if parsed is None and TRAILING_PROSE.search(text, part.start, part.end) and (
                head := _before_trailing_prose(text, part, aliases)) is not None:  # searched first: rare
            handed = [(head, quoted)]
        elif parsed is None:
            handed = _handed_over(text, part, aliases) or _in_parentheses(text, part, aliases)
            if not handed and _see_before(text, part.start):
                handed = _marked_title_alone(text, part) or _title_after_names(text, part)  # its "see" was trimmed off as a lead-in
            if "*" in text or "_" in text:
                handed = _with_possessed_titles(handed, _possessed_titles(text, part, aliases))
        elif _authorless(parsed):  # "For a different view, compare J. Arch Getty, Origins…"
            handed = _handed_over(text, part, aliases, authored=True) or [(part, quoted)]
        else:
            handed = [(part, quoted)]
        found.extend((_without_trailing_comment(text, p, aliases), q) for p, q in handed)
    return found


def _see_before(text: str, start: int) -> bool:
    """Whether a "see" stands right before ``start`` (_SEE_BEFORE in the 16 characters before it),
    its words looked for first in them, in lower case as the pattern ignoring case reads them."""
    window = _lower(text[max(0, start - 16) : start])
    return ("see" in window or "cf." in window or "compare" in window) and _SEE_BEFORE.search(text, max(0, start - 16), start) is not None


def _without_trailing_comment(text: str, piece: Piece, aliases: Aliases) -> Piece:
    """A source followed by a remark about it ("…, 118–30, who treats the programme as…") ends before the remark."""
    if _END_THEN_COMMA_BEFORE_WORD.search(text, max(0, piece.start - 1), piece.end) is None:
        return piece  # from the character before the piece, which TRAILING_COMMENT's lookbehind may read
    for match in TRAILING_COMMENT.finditer(text, piece.start, piece.end):
        source = Piece(piece.start, match.start())
        if not _in_brackets(text, match.start()) and _parse(text[source.start : source.end], aliases) is not None:
            return source
    return piece


def _before_trailing_prose(text: str, piece: Piece, aliases: Aliases) -> Piece | None:
    """A segment that reads as no source but as one by named authors and, after its title's
    closing mark, what it is cited for (TRAILING_PROSE): that source, or None."""
    for match in TRAILING_PROSE.finditer(text, piece.start, piece.end):
        if not text[match.end() : match.end() + 1].islower():
            continue
        source = Piece(piece.start, match.start() + 1)
        parsed = _parse(text[source.start : source.end], aliases)
        if parsed is not None and parsed.work is not None and parsed.work.authors and _looks_like_names(
                " ".join(f"{person.given} {person.family}" for person in parsed.work.authors)):
            return source  # an author, not ``In Arab. "this night" for the reason`` (an Arabian Nights note)
    return None


def _is_publication(parsed: Parsed) -> bool:
    """A full citation of a published work (not a letter, a speech or an archival file)."""
    work = parsed.work
    return parsed.kind == "full" and work is not None and work.year is not None and work.entry_type != "misc"


def _authorless(parsed: Parsed) -> bool:
    return parsed.work is not None and not parsed.work.authors and not parsed.work.editors


def _in_parentheses(text: str, piece: Piece, aliases: Aliases) -> list[tuple[Piece, bool]]:
    """Commentary with its source in parentheses: ``He denied it later (Feliks Chuev, *Sto sorok
    besed* [Moscow, 1991], 45)``; each parenthesis that holds an authored citation."""
    found: list[tuple[Piece, bool]] = []
    depth, opened = 0, 0
    for paren in _PARENTHESIS.finditer(text, piece.start, piece.end):
        position = paren.start()
        char = text[position]
        if char == "(":
            depth += 1
            opened = position if depth == 1 else opened
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                inner = _trim(text, Piece(opened + 1, position))
                parsed = _parse(text[inner.start : inner.end], aliases)
                if parsed is not None and not _authorless(parsed):
                    found.extend(_split_inside(text, inner, aliases))
    return found


def _possessed_titles(text: str, piece: Piece, aliases: Aliases) -> list[tuple[Piece, bool]]:
    """Commentary that names works by their authors in the possessive and their titles in emphasis
    (POSSESSED_TITLE): each that reads as a short form by a named author."""
    found: list[tuple[Piece, bool]] = []
    if _POSSESSIVE_BEFORE_MARK.search(text, piece.start, piece.end) is None:
        return found
    for match in POSSESSED_TITLE.finditer(text, piece.start, piece.end):
        part = Piece(match.start(), match.end())
        parsed = _parse(text[part.start : part.end], aliases)
        if parsed is not None and parsed.work is not None and parsed.work.authors and parsed.work.title:
            found.append((part, False))
    return found


def _with_possessed_titles(handed: list[tuple[Piece, bool]], possessed: list[tuple[Piece, bool]]) -> list[tuple[Piece, bool]]:
    """The sources commentary hands over and the possessed titles outside them, in order."""
    if not possessed:
        return handed
    outside = [(p, q) for p, q in possessed if not any(p.start < h.end and h.start < p.end for h, _ in handed)]
    return sorted([*handed, *outside], key=lambda found: found[0].start)


_POSSESSIVE_ENDINGS = ("'s", "’s", "s'", "s’")
_THREE_LETTERS = OnFirstUse(regex.compile, r"\p{L}{3}")


def _title_after_names(text: str, piece: Piece) -> list[tuple[Piece, bool]]:
    """The title in emphasis after a name with no comma between, after a "see" (``See:
    Schubart-Fikentscher *Autorschaft*; Marti, "Autorschaftsfrage," 251--74``: CRDH v05-01, note
    26), as a short form by its title: the "see" tells a source from a gloss in a book's
    commentary (``Aujourd'hui _Trébizonde_``, ``Pronounced _kaw-lo_``), which has none."""
    segment = text[piece.start : piece.end]
    bare = NAMES_BEFORE_EMPHASIS.match(segment)
    if bare is None or bare.group("names").split()[0].lower().rstrip(".") in _LEAD_IN_OPENINGS:
        return []
    if not _looks_like_names(bare.group("names")) or bare.group("names").endswith(_POSSESSIVE_ENDINGS):
        return []  # ``Cf. Marlowe's _Dr. Faustus_``: the possessive is its own form (:func:`_possessed_titles`)
    title, _, _ = _title_first(segment[bare.end() :])
    if title is None or not _THREE_LETTERS.search(title):
        return []  # ``Massachusetts _v._ Melton``: a law case's "v." in emphasis, no title
    return [(Piece(piece.start + bare.end(), piece.end), False)]


def _marked_title_alone(text: str, piece: Piece) -> list[tuple[Piece, bool]]:
    """The title in quotes or emphasis that opens ``piece`` when prose follows it: after a "see",
    ``see *The Unlisted Book* for more`` cites that book, which no entry may list (CC204 must be
    able to say so)."""
    _, after, marked = _title_first(text[piece.start : piece.end])
    follows = after.lstrip(" ,")
    if not marked or not follows[:1].islower():
        return []
    return [(Piece(piece.start, piece.end - len(after)), False)]


def _sources_inside(text: str, start: int, end: int) -> Iterator[regex.Match[str]]:
    """The matches of ``SOURCE_INSIDE.finditer(text, start, end)``, the pattern tried only where
    _SOURCE_INSIDE_START finds that one may start (and at the text's start, where its ``^`` may)."""
    position = start
    if start == 0:
        match = SOURCE_INSIDE.match(text, 0, end)
        if match is not None:
            yield match
            position = match.end()
    while (candidate := _SOURCE_INSIDE_START.search(text, position, end)) is not None:
        match = SOURCE_INSIDE.match(text, candidate.start(), end)
        position = candidate.start() + 1 if match is None else match.end()
        if match is not None:
            yield match


def _handed_over(text: str, piece: Piece, aliases: Aliases, authored: bool = False) -> list[tuple[Piece, bool]]:
    """Commentary that leads up to a source ("…, see X", "… is printed in DVP, 9:312") yields the source
    (with ``authored``, only a source after "see" or "compare" that names its author or editor)."""
    splittable: bool | None = None  # whether a rest may be split (asked of the piece, once)
    quiet_from = piece.end  # the rests from here on hold no sign of a source (each is a stretch of the one before)
    for match in _sources_inside(text, piece.start, piece.end):
        see = match.group("see")
        if (authored and not see) or _in_brackets(text, match.start()):
            continue  # tested before the rest is cut and read
        if not see and not aliases and (match.end() >= quiet_from or not _stretch_may_cite(text[match.end() : piece.end])):
            quiet_from = min(quiet_from, match.end())  # one scan of each rest made a long piece of commentary quadratic
            continue  # no stretch of the rest can be a source (see _may_cite); a "see" hands it over all the same
        rest = _trim(text, Piece(match.end(), piece.end))
        if rest.end <= rest.start:
            continue
        splittable = _may_split(text, piece) if splittable is None else splittable
        parts = _split_inside(text, rest, aliases) if splittable else [(rest, False)]
        first = parts[0][0]
        parsed = _parse(text[first.start : first.end], aliases)
        if parsed is None and see and not authored:
            parts = _marked_title_alone(text, first) or parts
        if authored and (parsed is None or _authorless(parsed)):
            continue
        if see or parsed is not None:
            return parts
    return []
