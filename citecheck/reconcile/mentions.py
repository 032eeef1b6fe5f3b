"""Scholars named in prose: "As Paul Preston argues", "(Conquest 1968)", "Overy's *Russia's War*".

An essay that cites by name names two kinds of people: the scholars whose works it cites and
the people its history is about. Only a *signal* tells them apart, never the name itself:

* a citation verb after the name, in the historiographical present or perfect ("Haslam
  argues", "Kershaw has shown"); a past tense counts only after "as" ("as Carr argued"),
  since the people of the history argued and wrote too;
* a scholarly frame before it ("historians such as Conquest and Ulam", "according to Overy",
  "the historian Robert Conquest", "following Carr,", "pace Haslam") or a scholarly noun after
  its possessive ("Conquest's classic study", "in Tucker's view");
* a possessive with a quoted or italic title ("Overy's *Russia's War*");
* a year in parentheses ("(Conquest 1968, 45)", "Kershaw (2007, p. 12)", "(see Carr 1953)").

A name after a title or office ("General Franco", "Foreign Commissar Litvinov"), after a
determiner ("the Kremlin") or as the object of a preposition ("a letter from Stalin shows") is
no subject of a citation verb; nor is a name after "by" ("testimony by Zinoviev suggests").
Verbs of speech in the past ("as Churchill put it") report the people of the history. A single
capitalised word at a sentence start ("Evidence suggests") is a name only if the text also
capitalises it elsewhere.

The search runs on a copy of the text with everything that is not body prose blanked out
(note texts, markers, keys, and the regions the reader marked as code, markup or headings),
so offsets stay those of the file; nothing here knows the file's format.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from citecheck.model import Citation, Document, Person, Work
from citecheck.patterns import OnFirstUse, regex
from citecheck.reconcile.sections import reference_lists
from citecheck.source import Span

# --------------------------------------------------------------------------------------------
# Names

# A letter may carry combining marks: text from some tools spells "ç" as "c" and a cedilla
# (Metahistory, Historiography-of-the-Third-Reich: "(Ayçoberry, 20)" so written).
_UP = r"\p{Lu}\p{M}*"
_LOWS = r"(?:\p{Ll}\p{M}*)+"
_CAPWORD = r"(?:\p{Lu}['’]|d['’])?" + _UP + _LOWS + r"(?:" + _UP + _LOWS + r")*(?:-" + _UP + _LOWS + r")*"
_INITIAL = r"\p{Lu}\.(?:-?\p{Lu}\.)?"
_PARTICLE = r"(?:de|du|des|da|di|del|della|van|von|der|den|ter|ten|la|le)"
# Between the words of a name: blanks, or one line break (hard-wrapped text); never four blanks or more, as
# a link's address leaves in masked prose ("…the New](http://…) Remi Holden organized": online essay).
_NAME_GAP = r"(?:[ \t]{1,3}(?:\n[ \t]*)?|\n[ \t]*)"
# Up to three given names or initials, up to two particles, a family name; never inside a word.
NAME = (
    r"(?<![\p{L}\d'’.-])"
    r"(?:(?:" + _CAPWORD + r"|" + _INITIAL + r")" + _NAME_GAP + r"){0,3}"
    r"(?:" + _PARTICLE + _NAME_GAP + r"){0,2}" + _CAPWORD + r"(?![\p{L}\d])"
)
NAME_TOKEN = OnFirstUse(regex.compile, _INITIAL + r"|" + _CAPWORD + r"|" + _PARTICLE)
CAPITAL_PARTICLES = frozenset({"De", "Du", "Des", "Da", "Di", "Del", "Della", "Van", "Von", "Le", "La", "Ter", "Ten"})

# Grammatical words and calendar words that start sentences and phrases but are never names.
STOP_WORDS = frozenset(
    """A An The This That These Those It Its He She They We I You His Her Their Our My Your One Ones
    Such Some Many Most Few Each Every Both All Any No None Neither Either Another Other Others Nor
    And But Or So Yet Thus Hence Here There Then When While Whilst Where Whereas If As In On At By For
    From Of To Into With Without Within After Before Since Until During Against Among Between Through
    Under Over About Above Below Beyond Despite Like Unlike Later Earlier Even Still Only Also Much
    More Less Least What Which Who Whom Whose How Why Although Though Because Instead Indeed However
    Nevertheless Moreover Furthermore Finally First Second Third Last Next Now Once Recent Recently
    Similarly Likewise Certainly Perhaps Not Never Again Elsewhere Today Meanwhile Accordingly
    Whatever Whoever Chapter Part Section Table Figure Volume Book
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Spring Summer Autumn Winter""".split()
)
# Titles and offices: the person after them is an actor in the history, not a cited scholar.
ACTOR_TITLES = frozenset(
    """mr mrs ms miss comrade general marshal field president premier prime minister chancellor king
    queen tsar tsarina emperor empress kaiser pope prince princess count countess duke duchess
    baron archduke commissar ambassador envoy consul colonel captain admiral lieutenant major
    sergeant commander governor senator deputy secretary chairman dictator leader generalissimo
    caudillo führer fuhrer duce bishop cardinal patriarch father saint st sister brother""".split()
)
# "called" names a thing: "the so called Guizot Law (1833)" (spanishenlightenment, Metahistory).
DETERMINERS = frozenset("the a an this these those his her their its our my your whose called".split())
PREPOSITIONS = frozenset(
    """of from to with under against after before between for on about upon towards toward into
    onto over behind beside besides without within among amid via than""".split()
)
_SCHOLARS = (
    "historian", "scholar", "specialist", "writer", "author", "critic", "revisionist", "biographer", "commentator",
    "researcher", "sovietologist", "analyst", "economist", "sociologist", "demographer", "political scientist",
    "interpreter",
)
SCHOLAR_NOUNS = "|".join(n.replace(" ", r"[ \t]+") + "s?" for n in _SCHOLARS) + r"|students?[ \t]+of[ \t]+\p{L}+"
# What a scholar writes: a noun after the possessive ("Conquest's classic study"). Only products
# of scholarship: an account, a view, a verdict or an estimate may as well be Stalin's, and a
# biography is as often about the name as by it ("in X's view" is a frame of its own), but not one
# "of" someone else, and an autobiography is the name's own. A teacher's products too (Digital
# Pedagogy in the Humanities: "Luther's assignment", "Amy Vidali's assignment", "Jesse Stommel's
# syllabus", "Shurkin's biography of Shockley", "Root-Bernstein and Feynman's autobiography"), with
# its course's name or term between ("Lothian's Fall 2014 200-level LGBT Studies class", "JD Doyle's
# lesson plans": sexuality essay; "Alan Levine's Assignments Bank Github repository": online essay);
# a publication with its year ("Paul Baum's 1922 publication, *The Principles of English Versification*": poetry essay);
# an exercise, a manifesto, a presentation, a project, an entry, a description or advice, a novel or a poem
# ("Beal's exercise", "Zimmerman’s manifesto", "Liss LaFleur's presentation", "Luke Dawson’s 2014 project",
# "Jeff McClurken’s entry", "Gates’ description", "Kevin Smith’s brief advice", "Walter Scott's Waverley
# novels", "Nick Montfort’s Taroko Gorge poem": history, gaming, play, public, open, iteration, community essays);
# a class only after such a name, no social class ("Philadelphia's
# black middle class", reading essay).
WORK_NOUNS = (
    r"study|studies|book|books|monograph|monographs|survey|research|scholarship|article|articles|publications?|"
    r"essay|essays|trilogy|volumes?|synthesis|classic|findings|historiography|writings?|"
    r"assignments?|syllabus|syllabi|courses?|class|lesson[ \t]+plans?|tutorials?|repository|autobiography|biography(?=[ \t]+of[ \t])|"
    r"exercises?|manifestos?|presentations?|projects?|entry|description|advice|novels?|poems?|websites?"
)
# An idea a scholar is credited with ("Hinsen's model of scientific software": dpc-082, paceofchange;
# "Browne's theory"): after a possessive, a citation only of a listed scholar (credits_an_idea), since
# "Stalin's theory of socialism in one country" is the history's.
IDEA_NOUNS = r"theory|theories|models?|definition|concept|notion|idea|term|critique|version|work|narratives?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
# A section and paragraph for a work without pages: "(Trivellato, section II, para. 1)", "(Trivellato, para. 3)"
# (Microhistory, Metahistory, citing an online article).
_SECTION = (
    r"(?:(?:section|sect\.|sec\.|§)[ \t]*(?:[IVX]{1,5}|\d{1,3})(?:,[ \t]*)?)?(?:para\.|par\.|paragraph|¶)[ \t]*\d{1,3}"
    r"(?:,[ \t]*\d{1,3})*"  # "(Song, par.5,10,15,17)" (The-Dunning-School-of-Thought, Metahistory)
)
_SECTION_ALONE = r"(?:section|sect\.|sec\.|§)[ \t]*(?:[IVX]{1,5}|\d{1,3})"
# A front matter's page in roman numerals, i to xxxix: "(Foucault, Clinic,pg. xvii)", "(Cochrane, xv prologue)"
# (in-defense-of-madness, renaissance-humanism, Metahistory).
_ROMAN_PAGE = r"(?:(?:pp?|pgs?)\.?[ \t]*)?(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})(?:[ \t]+(?:preface|prologue|introduction|foreword))?"
_LOCATOR = (
    # a classical book and chapter: "(Polybius, 6.4)"; no chapter 0: "(Web 2.0)" is a version (digital_divides)
    r"(?:" + _SECTION + r"|" + _SECTION_ALONE + r"(?![\p{L}\d])|" + _ROMAN_PAGE + r"(?![\p{L}])"
    r"|(?:(?:pp?|pgs?|ch|chs|chap|vol|n|nn|fol|ff)\.?[ \t]*)?\d{1,4}[a-z]?(?:\.(?!0(?!\d))\d{1,4}){0,3}(?:(?:--|[-–])\d{1,4})?"
    r"(?:(?:,[ \t]*|[ \t]+and[ \t]+)\d{1,4}(?:(?:--|[-–])\d{1,4})?)*(?:[ \t]*n\.?[ \t]*\d{1,3})?)"  # "113 and 123";
    # a range typed with two hyphens, as Pandoc writes an en dash: "(cf. Gabler 1995:2--3)" (083, Defactoring Pace of Change)
)

# --------------------------------------------------------------------------------------------
# Citation verbs: base form, third person singular, past, past participle.

_VERB_FORMS: tuple[tuple[str, str, str, str], ...] = (
    ("argue", "argues", "argued", "argued"),
    ("write", "writes", "wrote", "written"),
    ("suggest", "suggests", "suggested", "suggested"),
    ("note", "notes", "noted", "noted"),
    ("contend", "contends", "contended", "contended"),
    ("claim", "claims", "claimed", "claimed"),
    ("observe", "observes", "observed", "observed"),
    ("maintain", "maintains", "maintained", "maintained"),
    ("conclude", "concludes", "concluded", "concluded"),
    ("demonstrate", "demonstrates", "demonstrated", "demonstrated"),
    ("insist", "insists", "insisted", "insisted"),
    ("point out", "points out", "pointed out", "pointed out"),
    ("show", "shows", "showed", "shown"),
    ("emphasise", "emphasises", "emphasised", "emphasised"),
    ("emphasize", "emphasizes", "emphasized", "emphasized"),
    ("stress", "stresses", "stressed", "stressed"),
    ("remark", "remarks", "remarked", "remarked"),
    ("assert", "asserts", "asserted", "asserted"),
    ("propose", "proposes", "proposed", "proposed"),
    ("estimate", "estimates", "estimated", "estimated"),
    ("calculate", "calculates", "calculated", "calculated"),
    ("reckon", "reckons", "reckoned", "reckoned"),
    ("document", "documents", "documented", "documented"),
    ("acknowledge", "acknowledges", "acknowledged", "acknowledged"),
    ("concede", "concedes", "conceded", "conceded"),
    ("counter", "counters", "countered", "countered"),
    ("reply", "replies", "replied", "replied"),
    ("doubt", "doubts", "doubted", "doubted"),
    ("dispute", "disputes", "disputed", "disputed"),
    ("reject", "rejects", "rejected", "rejected"),
    ("explain", "explains", "explained", "explained"),
    ("express", "expresses", "expressed", "expressed"),  # "As Walker expressed" (21st-century-gender, Metahistory)
    ("state", "states", "stated", "stated"),
    ("analyse", "analyses", "analysed", "analysed"),
    ("analyze", "analyzes", "analyzed", "analyzed"),
    ("describe", "describes", "described", "described"),
    ("trace", "traces", "traced", "traced"),
    ("hold", "holds", "held", "held"),
    ("find", "finds", "found", "found"),
    ("speculate", "speculates", "speculated", "speculated"),
    ("posit", "posits", "posited", "posited"),
    ("reconstruct", "reconstructs", "reconstructed", "reconstructed"),
    ("portray", "portrays", "portrayed", "portrayed"),
    ("characterise", "characterises", "characterised", "characterised"),
    ("characterize", "characterizes", "characterized", "characterized"),
    ("interpret", "interprets", "interpreted", "interpreted"),
    ("depict", "depicts", "depicted", "depicted"),
    ("dismiss", "dismisses", "dismissed", "dismissed"),
    ("challenge", "challenges", "challenged", "challenged"),
    ("put it", "puts it", "put it", "put it"),
    ("call it", "calls it", "called it", "called it"),
    ("agree", "agrees", "agreed", "agreed"),
    ("disagree", "disagrees", "disagreed", "disagreed"),
    ("caution", "cautions", "cautioned", "cautioned"),
    ("infer", "infers", "inferred", "inferred"),
    ("recount", "recounts", "recounted", "recounted"),
    # A curator's verbs for what an author's work does (Digital Pedagogy in the Humanities: "Zdenek
    # recommends", "Rodas reviews", "Scott says", "Heim discusses", "Moxley provides", "Thomas Angelo
    # defines", "Peggy Maki refers to", "Brian Huot calls this", "Brueggemann asks viewers", "Davis and
    # Tomasek have produced"): present tenses and perfects, so no actor's deed.
    ("recommend", "recommends", "recommended", "recommended"),
    ("review", "reviews", "reviewed", "reviewed"),
    ("say", "says", "said", "said"),
    ("discuss", "discusses", "discussed", "discussed"),
    ("provide", "provides", "provided", "provided"),
    ("define", "defines", "defined", "defined"),
    ("refer to", "refers to", "referred to", "referred to"),
    ("call", "calls", "called", "called"),
    ("ask", "asks", "asked", "asked"),
    ("produce", "produces", "produced", "produced"),
    # "Ed Chang explores", "Unsworth's ENSP 482 ... introduces" (sexuality and
    # reading essays, Digital Pedagogy); "offers" only of a listed scholar (_MADE_FORMS): "Voyant offers", "What
    # Jane Saw offers" are things.
    ("explore", "explores", "explored", "explored"),
    ("introduce", "introduces", "introduced", "introduced"),
    ("underscore", "underscores", "underscored", "underscored"),
    *(_MADE_FORMS := (
        # What a teacher or maker made ("Mike Caulfield launched digipo", "Remi Holden organized an annotation flash
        # mob": online essay; "Eric van der Vort created the syllabus": sexuality; "Joe Dolson developed … the
        # WordPress Accessibility Plugin": access): in any tense, but a citation only of a listed scholar
        # (made_it), since the people of a history made things too ("Stalin created"). Few verbs: each one
        # more slows the scan over capitals (_VERB_WORD) on every text.
        ("create", "creates", "created", "created"),
        ("develop", "develops", "developed", "developed"),
        ("launch", "launches", "launched", "launched"),
        ("organize", "organizes", "organized", "organized"),
        # and what a maker's work does or where it appeared: "Andrew Piper offers one compelling description" (reading),
        # "Juhasz published Learning from YouTube" (collaboration), "Alegi and Limb have hosted" (diaspora); "Voyant
        # offers" is a tool's
        ("offer", "offers", "offered", "offered"),
        ("publish", "publishes", "published", "published"),
        ("host", "hosts", "hosted", "hosted"),
        # and what a teacher designs, coins or exhorts: "Evan Hughes designed this midterm assignment", "Kimberlé
        # Crenshaw coined", "Jesse Stommel exhorts" (multimodal, intersectionality, interface); not "built",
        # "included", "taught", "told" or "gave", common in a history ("the emperor built", "Gibbon told"): with
        # them the stage fell under 20 MB/s on bench/run.py's word salad, for 0.008 of dph dev link
        ("design", "designs", "designed", "designed"),
        ("coin", "coins", "coined", "coined"),
        ("exhort", "exhorts", "exhorted", "exhorted"),
    )),
)
_MADE_WORDS = frozenset(form for forms in _MADE_FORMS for form in forms)
# Verbs whose past tense, after "as", reads as a scholar's finding rather than an actor's deed.
# Verbs of speech ("as Churchill put it", "as Stalin remarked", "as Lenin wrote") may report what
# the people of the history said: those count only for a scholar the bibliography lists
# (spoken_after_as).
_SCHOLARLY_PAST = frozenset(
    """argued suggested noted observed maintained concluded demonstrated showed shown contended
    estimated calculated documented""".split()
)


# The past tenses that report a scholar's claim or account, read with a year or title in their sentence
# (told_in_the_past); only two, since each is a candidate wherever a capitalised word stands before it (the
# word salad of bench/run.py lost 4% of its speed with the thirteen of _SCHOLARLY_PAST added).
_TOLD_PAST = frozenset({"claimed", "described", "argued"})


def _alternation(words: Iterable[str]) -> str:
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(w.replace(" ", r"[ \t]+") for w in ordered)


_BASE = _alternation(f[0] for f in _VERB_FORMS)
_SINGULAR = _alternation(f[1] for f in _VERB_FORMS)
_PAST = _alternation(f[2] for f in _VERB_FORMS)
_PARTICIPLE = _alternation(f[3] for f in _VERB_FORMS)
_ADVERB_WORDS = (
    "also", "too", "now", "then", "later", "once", "even", "still", "long", "ago", "instead", "rightly", "himself",
    "herself", "themselves", "itself", "first",
)
_ADVERB = r"(?:\p{Ll}+ly|" + "|".join(_ADVERB_WORDS) + ")"
# Blanks between words, maybe over one line break, or the line break alone: Pandoc wraps its output with
# no blank before the break ("Burgess and Hamming\nobserve", "Clement\nrefer to": dpc-020, Defactoring).
_GAP = r"(?:[ \t]+(?:\n[ \t]*)?|\n[ \t]*)"
_SPACE = r"[ \t]*(?:\n[ \t]*)?"
# The names that stand before a verb: one, or a list joined by commas and "and".
# At most six names: a longer run of capitals is no list of scholars, and the bound keeps
# matching linear on text full of capitals.
# "A, B and C", "A, B, and C": nothing after the name that "and" joins ("according to Quandahl and Jarrat,
# John ... felt": byzantinehistoriography, Metahistory).
_NAME_LIST = r"(?P<names>" + NAME + r"(?:,[ \t]+" + NAME + r"){0,4}(?:,?[ \t]+and[ \t]+" + NAME + r")?)"
# An aside between subject and verb: ", by contrast," / ", writing in 1990,"; not the rest of a list
# ("cross-listed in Feminist, Gender, and Sexuality studies at Stanford, asks": sexuality essay,
# Digital Pedagogy, where the assignment asks). An aside that
# says the person was writing (", writing at the end of the decade,") marks an author.
# An aside between the name and its verb, after the blanks a link's address leaves in masked prose
# ("[Simone de Beauvoir](…), one of the most influential feminists …, wrote": early-feminist-history).
# An aside the writer did not close with a comma, when it opens on an article and a verb of one
# scholar ends it ("As Peter Marshall, an author of the journal article Archives In History explains",
# "Tommy Song, a research fellow at the University of Columbia states": britishempire and
# The-Dunning-School-of-Thought, Metahistory).
_ASIDE = (
    r"(?:[ \t]*,[ \t]+(?!(?:and|or)[ \t])(?:(?P<aside>[^,.;:()\n“”\"]{1,100}),|(?P<open_aside>(?:an?|the)[ \t]+[^,.;:()\n“”\"]{1,100}?)"
    r"(?=[ \t]+(?:" + _alternation(f[1] for f in _VERB_FORMS) + r")(?![\p{L}]))))?"
)
_WRITING_ASIDE = OnFirstUse(regex.compile, 
    r"(?:writing(?![ \t]+(?:to|home|back)(?![\p{L}]))|in[ \t]+(?:his|her|their)[ \t]+(?:book|study|history))(?![\p{L}])"
)  # not "writing to Molotov": a letter is the history, not a verdict on it
_AUXILIARIES = ("has", "have", "had")
_MODALS = (
    "would", "will", "could", "might", "can", "may", "goes on to", "go on to", "went on to", "seeks to", "seek to",
    "sought to", "tries to", "try to", "sets out to", "set out to",
)
# What follows the names: an optional year in parentheses, an aside, adverbs, then the verb group.
# A gloss in parentheses closed by a comma may stand there too: "V. Laurent (having been translated from French),
# states" (byzantinehistoriography, Metahistory).
# "et al." may close the names ("Henry Jenkins et al. (5) describe"), its full stop left out ("Beth Buchholz et al
# argue": makerspaces essay), or "and others" ("As Barbara Ormond and others recommend": community college essay),
# and the parenthesis may hold
# the page or the title of the work the verb reports ("Siân Bayne (105) says", "Gardner Campbell
# ("Networked Learning as Experiential Learning") argued": online essay, Digital Pedagogy).
_VERB_GROUP = (
    r"(?P<etal>[ \t]+(?:et[ \t]+al\.?|and[ \t]+others))?"
    r"(?:(?P<year_group>[ \t]+\((?P<year>" + _YEAR + r"[a-z]?)(?:[,:][ \t]*(?P<locator>" + _LOCATOR + r"))?\))"
    r"|(?P<page_group>[ \t]+\((?P<page>\d{1,4}(?:[-–]\d{1,4})?)\))"
    r"|[ \t]+\([^()\n“\"]{0,40}?[“\"](?P<aside_title>[^()\n“”\"]{1,120})[”\"]?\)"
    r"|[ \t]+\([^()\n\d]{1,100}\),(?=" + _GAP + r"\p{Ll}))?"
    + _ASIDE
    + r"(?:" + _GAP + _ADVERB + r"){0,2}" + _GAP
    + r"(?:(?P<aux>" + "|".join(_AUXILIARIES) + r")(?:" + _GAP + _ADVERB + r"){0,2}" + _GAP + r"(?P<participle>" + _PARTICIPLE + r")"
    + r"|(?P<modal>" + "|".join(m.replace(" ", r"[ \t]+") for m in _MODALS) + r")"
    r"(?:" + _GAP + _ADVERB + r"){0,2}" + _GAP + r"(?P<base>" + _BASE + r")"
    + r"|(?P<singular>" + _SINGULAR + r")"
    + r"|(?P<past>" + _PAST + r")"
    + r"|(?P<plural>" + _BASE + r"))"
    + r"(?![\p{L}])"
)
VERB_GROUP = OnFirstUse(regex.compile, _VERB_GROUP)
SUBJECT = OnFirstUse(regex.compile, _NAME_LIST + r"(?=" + _VERB_GROUP + r")")  # the string: no compiling at import
AS_FRAME = OnFirstUse(regex.compile, r"(?<![\p{L}])(?<!such[ \t]+)(?<!so[ \t]+)(?:as|As)[ \t]+(?=\p{Lu})")
# The words that end a frame, right before the name: "historians such as", "the historian".
_LIST_OPENERS = ("such as", "like", "including", "as different as", "as varied as")
_TITLE_NOUNS = (
    "historian", "scholar", "biographer", "sovietologist", "Sovietologist", "sociologist", "demographer", "economist",
    "political scientist", "author",
)
_PHRASES = ("following", "pace", "cf.", "see also", "see")


def _phrase(words: str) -> str:
    return r"[ \t]+".join(re.escape(word) for word in words.split())


# A scholar's verb in the passive: "described by Kathleen Troup and Anna Green in *The Houses of History*"
# (in-defense-of-madness, Metahistory): the names are the authors of one work, an attribution only with a
# title or year in the sentence ("the pact was described by Molotov as final" is the history's).
_BY_PARTICIPLES = (
    "argued", "suggested", "noted", "observed", "demonstrated", "shown", "proposed", "estimated", "calculated", "pointed out",
    "documented", "explained", "described", "analysed", "analyzed", "emphasised", "emphasized", "traced", "outlined",
    "advocated",  # "the approach advocated by Gerald Graff and Cathy Birkenstein in their … handbook, *…*" (annotation essay)
)
_ACCORDING_FILLERS = ("once", "again", "also", "then")  # "according once again to Huxley"
# Verbs of making in the passive name a work's makers ("assembled by Croom and Stewart", "Authored by Herbert
# Tucker": online and poetry essays), a citation only of a listed scholar (made_it).
_MADE_PARTICIPLES = (
    *(f[3] for f in _MADE_FORMS), "built", "organised", "assembled", "compiled", "curated", "authored",
    "hosted",  # not "edited": "Edited by Daniel Murrell" in a list of works cited (modern-medicine, Metahistory)
)
_MADE_BY = r"(?i:" + _alternation(_MADE_PARTICIPLES) + r")[ \t]+by"
# A work written with someone names a co-author: "grist for her book with Patrick LeMieux, [*Metagaming*](…) (2017)"
# (play, Digital Pedagogy); with a year or title in the sentence, and a citation only of a listed scholar
# (written_with), since "his talks with Molotov" are the history's.
_WORK_WITH = r"(?:[Hh]is|[Hh]er|[Tt]heir)[ \t]+(?:" + WORK_NOUNS + r")[ \t]+with"
SCHOLAR_FRAME = OnFirstUse(regex.compile, 
    r"(?<![\p{L}])(?:(?P<according>(?i:according)(?:[ \t]+(?:" + "|".join(_ACCORDING_FILLERS) + r"))*[ \t]+to)"
    r"|(?:(?i:" + SCHOLAR_NOUNS + r")[ \t]+"
    r"(?:" + "|".join(map(_phrase, _LIST_OPENERS)) + r"|(?P<range>from)))"
    r"|(?:(?:[Tt]he|[Aa]n?)(?:[ \t]+[\p{Ll}\p{Lu}][\p{Ll}-]+){0,2}?[ \t]+)?"  # "the historian", "author M.C. Lemon"
    r"(?:" + "|".join(map(_phrase, _TITLE_NOUNS)) + r")"
    r"|(?:" + WORK_NOUNS + r")(?:[ \t]+(?:written|published))?[ \t]+by"  # "an essay written by Nicholas Mariner"
    r"|(?P<passive>(?:" + "|".join(map(_phrase, _BY_PARTICIPLES)) + r")[ \t]+by)"
    r"|(?P<made>" + _MADE_BY + r")"
    r"|(?P<coauthor>" + _WORK_WITH + r")"
    r")" + _SPACE + r"(?=\p{Lu})"
)
# "following Carr," / "pace Haslam": the name must close its phrase (not "following Stalin's death").
PHRASE_FRAME = OnFirstUse(regex.compile, 
    r"(?<![\p{L}])(?:" + "|".join(f"[{p[0].upper()}{p[0]}]" + _phrase(p)[1:] for p in _PHRASES) + r")[ \t]+(?=\p{Lu})"
)
# The possessive's 's, or its bare apostrophe after an s ("Harris' “Collaborative Project”", "Gates’
# description": interface and iteration essays, Digital Pedagogy).
_APOSTROPHE_S = r"(?:['’]s|(?<=s)['’])"
POSSESSIVE = OnFirstUse(regex.compile, r"(?P<name>" + NAME + r")" + _APOSTROPHE_S + r"(?![\p{L}])")
_TITLE = (
    r"“(?P<t1>[^”\n]{1,200})”"
    r"|\"(?P<t2>[^\"\n]{1,200})\""
    r"|‘(?P<t3>[^\n]{1,200}?)’(?![\p{L}])"
    r"|'(?P<t4>[^\n]{1,200}?)'(?![\p{L}])"
    r"|``(?P<t5>[^\n]{1,200}?)''"
    r"|\*(?P<t6>[^*\n]{1,200})\*"
    r"|_(?P<t7>[^_\n]{1,200})_"
)
# Modifiers may stand before the noun or the title: "Conquest's classic study", "Overy's
# post-archives 'Russia's War'" (up to three lower-case words; up to six before the noun: "Hume's perhaps most well
# known historical writing", Scottish-Enlightenment; six, "Katie King's Spring 2015 Lesbian Communities and
# Differences course", sexuality essay, Digital Pedagogy; seven found "Women" in a Metahistory essay).
# A title whose opening mark the writer left out: words in title case, then the closing mark ("Eileen Ka-Mey
# Cheng’s Historiography: An Introductory Guide*": bede, Metahistory); only after a possessive, and only
# where no mark of the kind stands open before it (_opened_before).
_SMALL_TITLE_WORDS = "a|an|the|of|and|in|on|to|for|at|by|with|or|from|as"
_UNOPENED_TITLE = (
    r"(?P<unopened>\p{Lu}[\p{L}\p{M}'’-]*[:,]?(?:[ \t]+(?:\p{Lu}[\p{L}\p{M}'’-]*|" + _SMALL_TITLE_WORDS + r")[:,]?){0,11})"
    r"(?P<closing>[*_”\"])(?![\p{L}\d*_])"
)
# A title given as a link: the masked prose keeps its words between the blanks of the brackets and
# the address ("Ann Blair's [History of the Book and of Reading](http://…)", reading essay, Digital
# Pedagogy); a blank of four or more after it, as no writer types. Its words may hold digits ("Dys4ia": sexuality essay).
# Up to four lower-case words may stand between ("Jason Jones' low tech adaption in [Teaching Literature
# with Ivanhoe](…)": play essay), none after a comma ("Ivan’s successor, [Fyodor Ivanovich](…)" names a person).
_LINKED_TITLE = (
    r"(?<=[ \t][ \t])(?P<linked>\p{Lu}[\p{L}\p{M}\d'’-]*[:,]?(?:[ \t](?:\p{Lu}[\p{L}\p{M}\d'’-]*|" + _SMALL_TITLE_WORDS + r")[:,]?){0,11})"
    r"(?=[ \t]{4})"
)
AFTER_POSSESSIVE = OnFirstUse(regex.compile, 
    r"(?:[ \t]+(?:(?:(?:[\p{Ll}-]+|[\p{Lu}\d][\p{L}\d-]*)[ \t]+){0,6}?(?P<noun>(?!(?<![\p{Lu}\d][\p{L}\d-]*[ \t]+)class)(?:" + WORK_NOUNS + r"))"
    r"|(?:[\p{Ll}-]+[ \t]+){0,2}?(?P<idea>" + IDEA_NOUNS + r"))(?![\p{L}]))?"  # an idea only right after: not "Foucault’s flaw of not rooting his work"
    r"(?:,?[ \t]+(?:[\p{Ll}-]+,?[ \t]+){0,4}?(?P<title>" + _TITLE + r"|" + _UNOPENED_TITLE + r"|" + _LINKED_TITLE + r"))?"  # "Kelly’s famous text, *Did Women …*"
)
# "in Tucker's view", "by Conquest's estimate" (not "in Stalin's words": speakers are quoted too).
_VIEW_NOUNS = r"view|reading|account|interpretation|judgement|judgment|estimate|estimation|reckoning|analysis|formulation"
_VIEWS = r"(?:" + _VIEW_NOUNS + r")(?![\p{L}])"
IN_VIEW = OnFirstUse(regex.compile, r"(?<![\p{L}])(?:[Ii]n|[Bb]y)[ \t]+(?P<name>" + NAME + r")['’]s[ \t]+" + _VIEWS)
_VIEW_AFTER = OnFirstUse(regex.compile, r"['’]s[ \t]+" + _VIEWS)
# A parenthesis may run over one line break, as hard-wrapped text has it ("(Green and\nTroup 1999)": annales-school,
# Metahistory), never over a blank line.
PARENTHESIS = OnFirstUse(regex.compile, r"\((?P<inner>(?:[^()\n]|\n(?![ \t]*\n)){1,400})\)")
# "cf" maybe without its full stop: "(cf Blevins and Mullen 2015, p39)" (history, Digital Pedagogy). One work's
# authors may end on a serial comma, commas alone before it ("(Stoner, Beck, and Pauli 1880)": newberry, Campus
# Histories; else the year is read as a page by AUTHOR_PAGE_SEGMENT and one name's own entry guessed); an "and"
# earlier makes it a list of works (LIST_SEGMENT: "(cf. McGann and Samuels, Rockwell, and Ramsay 2014)").
# Two may chain, and a list's last citation may open on "and": "(cf. for instance Enderle 2016; Jockers 2013; …; and
# Underwood 2014)" (021, Defactoring Pace of Change).
_PREFIX = (r"(?:(?:see[ \t]+also|see|cf\.?|e\.[ \t]?g\.,?|compare|following|contra|pace|also|for[ \t]+(?:instance|example),?"
           r"|and)[ \t]+){0,2}")
CITATION_SEGMENT = OnFirstUse(regex.compile, 
    r"[ \t]*(?i:" + _PREFIX + r")"
    r"(?P<body>(?P<names>" + NAME + r"(?:,[ \t]+" + NAME + r"){1,4},[ \t]+and[ \t]+" + NAME
    + r"|" + NAME + r"(?:(?:[ \t]+and[ \t]+|[ \t]*&[ \t]*|,[ \t]+)" + NAME + r"){0,5}"
    # a research group's initials as the last co-author: "(Ruecker and INKE 2015)" (prototype, Digital Pedagogy)
    r"(?:(?:[ \t]+and[ \t]+|[ \t]*&[ \t]*)\p{Lu}{3,}(?![\p{L}]))?)"
    r"(?P<etal>[ \t]+et\.?[ \t]+al\.?)?,?[ \t]+(?P<year>" + _YEAR + r"[a-z]?)"
    r"(?:(?:[,:][ \t]*|[ \t]+)(?P<locator>" + _LOCATOR + r"))?)[ \t]*"  # "(Ahmad, 2017 p. 57, 58)"
)
# "(Nair, Janaki. 2008)", "(Weber, Max, 1978. 1403)": one name inverted as a reference list prints it.
INVERTED_SEGMENT = OnFirstUse(regex.compile, 
    r"[ \t]*(?P<body>(?P<family>" + _CAPWORD + r"),[ \t]+(?P<given>(?:" + _CAPWORD + r"|" + _INITIAL + r")"
    r"(?:[ \t]+(?:" + _CAPWORD + r"|" + _INITIAL + r")){0,2})[.,]?[ \t]+(?P<year>" + _YEAR + r")[a-z]?"
    r"(?:[.,:][ \t]*(?P<locator>" + _LOCATOR + r"))?)\.?[ \t]*"
)
# "(Kelly, 21)", "(Munslow, p6)", "(Mariner,61)": a name and a page, the author-page form; a citation only of a
# scholar the bibliography lists or of a quotation it follows (resolve.cited_by_name_alone), since "(Python 3)"
# looks the same. MLA puts a short title between them when the author has several works: "(Evans, “The
# Coming” 60)", and in the same essay "(Evans, “In Power" 312)" with quotes that do not pair
# (Metahistory, Historiography-of-the-Third-Reich).
_SHORT_TITLE = (
    r"(?:[“\"‘'*_](?P<short>\p{Lu}[^“”\"‘’*_\n]{0,80}?)[”\"’'*_],?"
    # unquoted, closed by a comma: "(Foucault, Clinic,pg. xvii)", "(Michel Foucault, the Birth of the Clinic, pg.xi)"
    # (in-defense-of-madness, Metahistory)
    r"|(?P<bare>(?:the[ \t]+)?\p{Lu}[\p{L}'’-]*(?:[ \t]+[\p{L}'’-]+){0,5}),)"
)
# Two authors, or a list of them that "and" closes: "(Magnusson, Gylfi, and Szijártó, 1)", "(Ginzburg,Tedeschi, and
# Tedeschi, 23-24)" (Microhistory, Metahistory); a list with no "and" is a name and a short title.
_AUTHORS = (
    NAME + r"(?:(?:,[ \t]*" + NAME + r"){1,4},?[ \t]+(?:and|&)[ \t]+" + NAME
    + r"|(?:[ \t]+and[ \t]+|[ \t]*&[ \t]*)" + NAME + r")?"
)
AUTHOR_PAGE_SEGMENT = OnFirstUse(regex.compile, 
    r"[ \t]*(?P<body>(?P<names>" + _AUTHORS + r")"
    r"(?P<etal>[ \t]+et\.?[ \t]+al\.?)?(?:,[ \t]*" + _SHORT_TITLE + r"[ \t]*|[,.][ \t]*|[ \t]+)"
    r"(?P<locator>" + _LOCATOR + r"))[ \t]*"
)
# "(Britannica. 2021)", "(Marshall. 2004)": one name, a full stop, a year (britishempire, Metahistory); after the
# inverted form, whose "(Nair, Janaki. 2008)" reads the same but for the given name.
NAME_DOT_YEAR_SEGMENT = OnFirstUse(regex.compile,
    r"[ \t]*(?P<body>(?P<names>" + NAME + r")\.[ \t]*(?P<year>" + _YEAR + r")[a-z]?(?:[,:][ \t]*(?P<locator>" + _LOCATOR + r"))?)[ \t]*"
)
# "(ÇİÇEK, 97)", "(SILVA, 2010, p. 12)": a surname in capitals with a page or a year, as some essays type it and
# as the ABNT style prints it (christopher-beaudet, Metahistory); a citation only of a scholar the bibliography
# lists (resolve drops the others: in_capitals), since "(NATO 1949)" looks the same.
_CAPS_WORD = r"\p{Lu}\p{M}*(?:\p{Lu}\p{M}*){2,}(?:-\p{Lu}\p{M}*(?:\p{Lu}\p{M}*)+)*"
CAPS_SEGMENT = OnFirstUse(regex.compile, 
    r"[ \t]*(?P<body>(?P<family>(?<![\p{L}\d])" + _CAPS_WORD + r"(?![\p{L}\d]))(?:,[ \t]*|[ \t]+)"
    r"(?:(?P<year>" + _YEAR + r")[a-z]?(?:[,:][ \t]*(?P<locator>" + _LOCATOR + r"))?|(?P<page>" + _LOCATOR + r")))[ \t]*"
)
# "(Ritchie)", "(Hobbs, Prezi)", "(Gibbs, Critique)": a name alone, or with a short title or the site, MLA's form
# for a work without pages (oral-history, Metahistory); a citation only of a listed scholar or of a quotation it
# follows (resolve.cited_by_name_alone), since "(Moscow)" and "(Stalin, Molotov)" look the same.
# "(Hickman, et al.)" with its comma (dph-labor); MLA's "n. pag." for a work without pages ("(Peden n. pag.)":
# dph-assessment).
NAME_ALONE_SEGMENT = OnFirstUse(regex.compile, 
    r"[ \t]*(?P<body>(?P<names>" + NAME + r"(?P<pair>(?:[ \t]+and[ \t]+|[ \t]*&[ \t]*)" + NAME + r")?)"
    r"(?P<etal>,?[ \t]+et\.?[ \t]+al\.?)?(?:,?[ \t]+(?P<no_page>n\.[ \t]?pag\.))?(?:,[ \t]*\p{Lu}[\p{L}'’-]*(?:[ \t]+[\p{L}'’-]+){0,4})?"
    # and a quoted title: "(Britannica, The Editors Encyclopedia. “Francois Guizot”)" (spanishenlightenment);
    # more may follow, the first is the work: '(Watters, "Un-Annotated," "More Thoughts on Annotation")'
    # (annotation essay, Digital Pedagogy)
    r"(?:[.,][ \t]*[“\"](?P<title>\p{Lu}[^“”\"\n]{0,80}?),?[”\"](?:,?[ \t]*[“\"][^“”\"\n]{1,80}[”\"]){0,3})?)[ \t]*"
)
# A body named by its initials, perhaps the last words of its name and a quoted title after them: "(UNT)", "(UO
# Libraries)", "(AACC “Students at Community Colleges”)" (labor and community college essays, Digital Pedagogy).
# A citation only of a listed body whose name they abbreviate (resolve: by_initials), since "(PDF)" reads the same.
INITIALS_SEGMENT = OnFirstUse(regex.compile,
    r"[ \t]*(?P<body>(?P<name>(?<![\p{L}\d])\p{Lu}{2,6}(?:[ \t]+" + _CAPWORD + r"){0,2})(?![\p{L}\d])"
    r"(?:,?[ \t]*[“\"](?P<title>\p{Lu}[^“”\"\n]{0,80})[”\"])?)[ \t]*"
)
# A list of citations in one parenthesis, each item a name (or two that "and" joins, one work's authors) and
# perhaps its year: "(Moretti, Trumpener, Goodwin and Holbo)", "(Rockwell, Jockers, Ramsay 2011, Bonelli)",
# "(cf. McGann and Samuels, Rockwell, and Ramsay 2014)" (textanalysis essay, Digital Pedagogy). Three items at
# least, so that "(Hobbs, Prezi)" stays a name and a short title; an item with no year cites only a listed
# scholar, as a name alone does (in_a_list_of_names), since "(Moscow, Kiev, Minsk)" reads the same.
_LIST_ITEM = (
    r"(?P<names>" + NAME + r"(?:(?:[ \t]+and[ \t]+|[ \t]*&[ \t]*)" + NAME + r")?)(?:[ \t]+et\.?[ \t]+al\.?)?"
    r"(?:,?[ \t]+(?P<year>" + _YEAR + r"[a-z]?))?"
)
LIST_ITEM = OnFirstUse(regex.compile, _LIST_ITEM)
_LIST_ITEM_BARE = regex.sub(r"\(\?P<\w+>", "(?:", _LIST_ITEM)
# Two items are a list only when both have their year: "(Hiller 2015, Van Zundert 2016)", "(Welch 2010, Galey
# 2010)" (Defactoring Pace of Change, 070 and 082).
_DATED_ITEM = _LIST_ITEM_BARE.replace(r"(?:,?[ \t]+(?:" + _YEAR + r"[a-z]?))?", r",?[ \t]+" + _YEAR + r"[a-z]?")
LIST_SEGMENT = OnFirstUse(regex.compile,
    r"[ \t]*(?i:" + _PREFIX + r")(?P<body>" + _LIST_ITEM_BARE + r"(?:,[ \t]+(?:and[ \t]+)?" + _LIST_ITEM_BARE + r"){2,7}"
    r"|" + _DATED_ITEM + r",[ \t]+(?:and[ \t]+)?" + _DATED_ITEM + r")[ \t]*"
)
_LIST_SEPARATOR = OnFirstUse(regex.compile, r",[ \t]+(?:and[ \t]+)?")
# A body named as author, with a small word inside its name, and perhaps a quoted title: "(National
# Center for Education Statistics)", "(American Association of Community Colleges “Enrollments”)"
# (community college essay, Digital Pedagogy). A citation only of a listed author (names_a_body).
# Not "and": "(Halverson and Sheridan)" are two people. Not right after a capitalised word: "Herbert
# Tucker (University of Virginia)" glosses a name with an affiliation (poetry essay).
_BODY_JOINS = r"(?:of|for|on)(?:[ \t]+the)?"
BODY_SEGMENT = OnFirstUse(regex.compile,
    r"(?<!\p{Lu}[\p{L}.]*[ \t]*\([ \t]*)[ \t]*(?P<body>(?P<name>" + _CAPWORD + r"(?:[ \t]+" + _CAPWORD + r"){0,3}"
    r"(?:[ \t]+" + _BODY_JOINS + r"(?:[ \t]+" + _CAPWORD + r"){1,4}){1,2})"
    r"(?:,?[ \t]*[“\"](?P<title>\p{Lu}[^“”\"\n]{0,80})[”\"])?)[ \t]*"
)
NARRATIVE_YEAR = OnFirstUse(regex.compile, 
    r"(?P<names>" + NAME + r"(?:(?:[ \t]+and[ \t]+|[ \t]*&[ \t]*)" + NAME + r")?)(?:[ \t]+et\.?[ \t]+al\.?)?(?:['’]s)?"
    + _NAME_GAP + r"\((?P<year>" + _YEAR + r"[a-z]?)(?:[,:]" + _SPACE + r"(?P<locator>" + _LOCATOR + r"))?\)"
)  # hard-wrapped text may break the line inside: "Jockers (2014,\n2015)" (021, Defactoring Pace of Change)
# An epigraph's attribution: a line of a dash, a name and perhaps the work ("― James Boswell, The Life of
# Samuel Johnson" under a quotation: Scottish-Enlightenment, Metahistory).
_DASHES = ("―", "—", "–", "--")
_BLANKS = OnFirstUse(re.compile, r"[ \t]*")
EPIGRAPH = OnFirstUse(regex.compile,
    r"(?P<names>" + NAME + r")(?:,[ \t]*[*_]?(?P<title>\p{Lu}[^\n]{0,200}?)[*_]?\.?)?[ \t]*$", regex.MULTILINE
)
NAME_AT = OnFirstUse(regex.compile, NAME)
_NUMBERED = OnFirstUse(regex.compile, r"\.?[ \t]*\d")
_NAME_LIST_AT = OnFirstUse(regex.compile, _NAME_LIST)
# "historians from Conquest to Kotkin"
_NAME_RANGE = OnFirstUse(regex.compile, r"(?P<names>" + NAME + r"[ \t]+to[ \t]+" + NAME + r")")


# --------------------------------------------------------------------------------------------
# Where to look
#
# Run over the whole prose, the patterns above attempt a match at every character (under 1 MB/s
# on a book). Every attribution has an anchor that a pattern of the standard engine finds fast,
# starting at a character it can skip to: a capitalised word before a citation verb, the
# apostrophe of a possessive, a parenthesis opening on a year, a frame word. The names of an
# attribution stand right before its anchor: one backward match over the name-like words there
# gives the few word starts where the exact pattern is tried, in order, each match resuming
# where the last ended as a scan of the whole text would (tests/test_mentions.py compares the
# two on real and generated text).


def _trie(words: Iterable[str]) -> str:
    """An alternation of ``words`` that shares their prefixes, for the standard engine."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict) -> str:
        ends = "" in node
        options = [re.escape(char) + branch(child) for char, child in sorted(node.items()) if char]
        if not options:
            return ""
        body = options[0] if len(options) == 1 and not ends else "(?:" + "|".join(options) + ")"
        return body + "?" if ends else body

    return branch(tree)


# Anything that may be an upper-case letter: ASCII capitals, Latin-1 capitals, and every
# character past Latin-1 (the exact patterns then decide); written as what it is not, which the
# standard engine tests faster (A-Z, \u00c0-\u00de and \u0100 on).
_UPPER = "[^\\x00-@\\[-\\xbf\\xdf-\\xff]"
_VERB_WORDS = {form.split()[0] for forms in _VERB_FORMS for form in forms} | set(_AUXILIARIES)
_VERB_WORDS |= {modal.split()[0] for modal in _MODALS}
_VERB_WORD = _trie(_VERB_WORDS) + "(?![a-zA-Z])"
# A word that may be an adverb of VERB_GROUP: a listed one, or a word ending in "ly".
_LISTED_ADVERB = _trie(_ADVERB_WORDS)
_LY_WORD = r"[^ \t\n]*+(?<=ly)"
_ADVERB_WORD = f"(?:{_LISTED_ADVERB}|{_LY_WORD})"
# The letters a listed verb or adverb starts with: a word that starts otherwise (a capitalised one)
# skips their alternatives, tried one by one (a tenth of the scan on word salad).
_LISTED_FIRST = "".join(sorted({word[0] for word in (*_VERB_WORDS, *_ADVERB_WORDS)}))
_THEN_VERB = f"[ \t\n]++(?:{_VERB_WORD}|{_ADVERB_WORD}[ \t\n]++{_VERB_WORD})"
# The first word of a verb group, maybe after up to two adverbs: all that most capitalised words
# need to fail at (the word after them is neither a verb nor an adverb), not followed by an ASCII letter.
_VERB_NEXT = (
    f"[ \t\n]++(?:(?=[{_LISTED_FIRST}])(?:{_VERB_WORD}|{_LISTED_ADVERB}{_THEN_VERB})|{_LY_WORD}{_THEN_VERB})"
)
# What VERB_GROUP can start with: _VERB_NEXT after "et al.", a year in parentheses or an aside,
# or an aside left open before a verb.
_VERB_AFTER_MORE = (
    r"(?:[ \t]++(?:et[ \t]++al\.?|and[ \t]++others))?(?:[ \t]++\([^()\n]*+\),?)?(?:(?:[ \t]*+,[^,.;:()\n“”\"]++,)?+"
    + _VERB_NEXT + r"|[ \t]*+,[ \t]++(?:an?|the)[ \t][^,.;:()\n“”\"]{0,100}?[ \t]++" + _VERB_WORD + ")"  # an aside left open
)
# Either, the second only where a comma, a parenthesis, "et" or "and" follows the word: most
# capitalised words then skip its optional parts (about a tenth of the scan on word salad).
_VERB_LOOK = r"(?:(?=[ \t]*+[,(]|[ \t]++(?:et|and)[ \t])(?:" + _VERB_AFTER_MORE + ")|" + _VERB_NEXT + ")"


def _frame_tails() -> set[tuple[str, int, str]]:
    """The last word of every frame with a fixed-width pattern for what stands right before it:
    a blank after the last letter of the frame's word before ("according to", "such as", "see
    also"), a blank (after a scholar noun: "historians like", "a study by"), or no letter (the
    word may open the frame: "see", "following", "author M.C. Lemon"). Without them, every "to",
    "as", "into" or "Thomas" before a capital was a frame."""
    before_to = "".join(sorted({word[-1] for word in ("according", "ACCORDING", *_ACCORDING_FILLERS)}))
    tails = {(f"[{before_to} \t][ \t]", 2, "to")}
    for words in (*_LIST_OPENERS, "from", "by", "with"):
        *before, last = words.split()
        tails.add((f"[{before[-1][-1]} \t][ \t]", 2, last) if before else ("[ \t]", 1, last))
    for words in _TITLE_NOUNS:  # after "the", "a" or nothing
        *before, last = words.split()
        tails.add((f"[{before[-1][-1]} \t][ \t]", 2, last) if before else ("(?<![a-zA-Z])", 0, last))
    for phrase in _PHRASES:
        first, *rest = phrase.split()
        for opening in (first, first.capitalize()):
            tails.add((f"[{opening[-1]} \t][ \t]", 2, rest[-1]) if rest else ("(?<![a-zA-Z])", 0, opening))
    return tails


_FRAME_TAILS = _frame_tails()


def _ends_behind(blanks: str) -> str:
    """Look-behinds for a frame's last word and ``blanks`` before a capital, one per width,
    behind one that checks the word's last two letters first (most capitals fail there)."""
    widths = sorted({width + len(word) for _, width, word in _FRAME_TAILS})
    last_two = "|".join(sorted({re.escape(word[-2:]) for *_, word in _FRAME_TAILS}))
    return f"(?<=(?:{last_two}){blanks}.)(?:" + "|".join(
        "(?<=(?:"
        + "|".join(before + re.escape(word) for before, width, word in sorted(_FRAME_TAILS) if width + len(word) == n)
        + ")" + blanks + ".)"
        for n in widths
    ) + ")"


_BLANK = r"[ \t\n]"
# Each width of the frame's end is tried behind a test of character classes that most capitals
# fail at once (after one blank, the last two letters of a frame word: a tenth less time for the
# scan on word salad than a test of the blank alone). Three blanks or more (a note marker blanked
# out, "according to[4] Carr") no fixed-width test can see past: the scan takes the capital, and
# _far_frame looks at the word before them.
_LAST_LETTERS = re.escape("".join(sorted({word[-1] for *_, word in _FRAME_TAILS})))
_LETTERS_BEFORE_LAST = re.escape("".join(sorted({word[-2] for *_, word in _FRAME_TAILS})))
_FRAME_BEHIND = (
    f"(?:(?<=[{_LAST_LETTERS}].)" + _ends_behind("")
    + f"|(?<=[{_LETTERS_BEFORE_LAST}][{_LAST_LETTERS}]{_BLANK}.)" + _ends_behind(_BLANK)
    + f"|(?<={_BLANK}{{2}}.)(?:" + _ends_behind(_BLANK + "{2}") + f"|(?P<far>(?<={_BLANK}{{3}}.))))"
)
_FRAME_WORDS = tuple(sorted({word for *_, word in _FRAME_TAILS}))
# What may follow the 's of a possessive that counts: up to six words and a work noun or a
# view ("Conquest's classic study", "in Tucker's view"), or the opening of a title. It opens as
# _APOSTROPHE_S does, the apostrophe tested first: most words fail there, before any look-behind.
# A capitalised word of a title written with no marks: letters, an apostrophe or hyphen between them, maybe an
# abbreviation's full stop before a blank ("Mrs. Dalloway"; not "Uitg.-Mij.", a firm's abbreviated name).
_BARE_WORD = _UPPER + r"(?:[^\W\d_]|['’-])*+(?:\.(?=[ \t]))?"
_POSSESSIVE_LOOK = (
    r"['’](?:s|(?<=s.)),?[ \t]++(?:(?:[^ \t\n]++[ \t]++){0,6}?(?:" + WORK_NOUNS + "|" + _VIEW_NOUNS + "|" + IDEA_NOUNS + r"|[“\"‘'`*_])"
    r"|(?:[^ \t\n]++[ \t]++){0,3}?" + _UPPER + r"[^ \t\n*_”\"]*+(?:[ \t]++[^ \t\n*_”\"]++){0,11}?[*_”\"]"  # a title left unopened
    r"|(?:(?<=[s’'][ \t])(?:[a-z][^ \t\n,;.]*+[ \t]++){1,4}?)?(?<=[ \t][ \t])" + _UPPER + r"[^ \t\n]*+(?:[ \t][^ \t\n]++){0,11}?[ \t]{4}"  # a linked title
    r"|" + _BARE_WORD + r"(?:[ \t]++" + _BARE_WORD + r"){0,4}[,.;:)](?=[ \t\n]|\Z))"  # a bare title ending its clause
)
# One scan over capitals: a frame may end before one ("historians such as Carr"), a verb group
# ("Carr argues", "Kershaw (2007) has shown") or a possessive ("Overy's *Russia's War*") may
# follow its word. Most capitals fail at the letters or the word around them.
_CAPITAL = OnFirstUse(re.compile,
    _UPPER + "(?:(?P<frame>" + _FRAME_BEHIND + r")|(?=\w*+(?:" + _VERB_LOOK + "|" + _POSSESSIVE_LOOK + r")))"
    r"\w*+(?:(?P<verb>(?=" + _VERB_LOOK + "))|(?P<possessive>(?=" + _POSSESSIVE_LOOK + ")))?"
)
_YEAR_PARENTHESIS = OnFirstUse(re.compile, r"\((?=" + _YEAR + ")")

# A word that can be part of a list of names, or stand just before one ("in Tucker's view").
_NAME_WORD = (
    r"(?<![\p{L}\d])(?:[\p{L}\p{M}'’.-]*\p{Lu}[\p{L}\p{M}'’.-]*|d['’][\p{L}\p{M}'’.-]*|" + _PARTICLE[3:-1]
    + r"|and|et|al\.?|in|by)(?![\p{L}\d])"
)
# Read backwards from an anchor: the name-like words before it.
_NAMES_BEFORE = OnFirstUse(regex.compile, r"(?r)(?:" + _NAME_WORD + r"[ \t\n,&]*)*")
# Read backwards from the capital after a frame: the frame's words ("historians as varied as").
_WORDS_BEFORE = OnFirstUse(regex.compile, r"(?r)(?:[\p{L}\p{M}.-]+[ \t\n]*){0,6}")
_WORD_START = OnFirstUse(regex.compile, r"(?<![\p{L}])\p{L}")
_LOOK_BACK = 600  # characters: longer than any list of six names


def _names_before(prose: str, anchors: Iterable[int]) -> Iterator[tuple[int, int]]:
    """For each anchor, the stretch of name-like words that ends there."""
    for anchor in anchors:
        yield _NAMES_BEFORE.match(prose, max(0, anchor - _LOOK_BACK), anchor).start(), anchor


def _words_before(prose: str, anchors: Iterable[int]) -> Iterator[tuple[int, int]]:
    """For each capital after a frame, the words before it."""
    for anchor in anchors:
        yield _WORDS_BEFORE.match(prose, max(0, anchor - _LOOK_BACK), anchor).start(), anchor


def _matches_in(pattern: regex.Pattern, prose: str, stretches: Iterable[tuple[int, int]]) -> Iterator[regex.Match]:
    """The matches of ``pattern`` that start at a word in one of ``stretches`` (in order), none
    overlapping the one before: what ``pattern.finditer(prose)`` finds when every match starts
    in a stretch. A word is tried once, however many stretches hold it."""
    done = 0  # where the last match ended, or up to where every word was tried
    for low, high in stretches:
        position = max(low, done)
        while (start := _WORD_START.search(prose, position, high)) is not None:
            match = pattern.match(prose, start.start())
            if match is None:
                position = start.end()
            else:
                yield match
                position = match.end()
        done = max(done, position, high)


def _matches_ending(pattern: regex.Pattern, prose: str, stretches: Iterable[tuple[int, int]]) -> Iterator[regex.Match]:
    """What ``pattern.finditer(prose)`` finds when every match ends by the end of a stretch
    (a frame ends before the capital its stretch ends at)."""
    done = 0
    for low, high in stretches:
        for match in pattern.finditer(prose, max(low, done), high + 1):
            yield match
            done = match.end()


def _occurrences(text: str, needles: Iterable[str]) -> Iterator[int]:
    """Where each of ``needles`` starts in ``text``, none overlapping the one before (much faster than
    a regex scan with alternatives). The standard engine skips to a literal's first character about
    three times as fast as ``str.find`` finds a needle of two characters or more, unless that
    character is a blank, which it stops at all over prose; ``str.find`` finds one character fastest,
    and at once none wider than the text's widest (a curly quotation mark in a Latin-1 text)."""
    for needle in needles:
        if len(needle) == 1 or needle[0] in " \t\n":
            yield from _found(text, needle)
        elif text.find(max(needle)) >= 0:
            yield from (match.start() for match in re.finditer(re.escape(needle), text))


def _found(text: str, needle: str) -> Iterator[int]:
    """Where ``needle`` starts in ``text``, none overlapping the one before, by ``str.find``."""
    position = text.find(needle)
    while position >= 0:
        yield position
        position = text.find(needle, position + len(needle))


def _far_frame(prose: str, capital: int) -> bool:
    """Whether a frame may end before the three blanks or more before ``capital``: the word
    before them ends as a frame does, and they hold one line break at most."""
    before = prose[max(0, capital - _LOOK_BACK) : capital]
    word_end = len(before.rstrip(" \t\n"))
    return before.count("\n", word_end) <= 1 and before.endswith(_FRAME_WORDS, 0, word_end)


@dataclass(frozen=True, slots=True)
class _Anchors:
    """Where attributions can be, from one scan over the capitals and one over parentheses."""

    verbs: tuple[int, ...]  # the end of a capitalised word that a verb group may follow
    possessives: tuple[int, ...]  # the apostrophe of a capitalised word's 's that a work, view or title may follow
    years: tuple[int, ...]  # a parenthesis that opens on a year
    frames: tuple[int, ...]  # a capital that a frame may end before ("such as Carr")

    @classmethod
    def scan(cls, prose: str) -> _Anchors:
        verbs, possessives, frames = [], [], []
        for capital in _CAPITAL.finditer(prose):
            if capital.group("frame") is not None and (capital.group("far") is None or _far_frame(prose, capital.start())):
                frames.append(capital.start())
            if capital.group("verb") is not None:
                verbs.append(capital.end())
            elif capital.group("possessive") is not None:
                possessives.append(capital.end())
        return cls(
            verbs=tuple(verbs),
            possessives=tuple(possessives),
            years=tuple(m.start() for m in _YEAR_PARENTHESIS.finditer(prose)),
            frames=tuple(frames),
        )


# --------------------------------------------------------------------------------------------
# Finding


@dataclass(frozen=True, slots=True)
class _Found:
    """A name with what its signal says: where the attribution ends, year, title, locator;
    ``whole`` when its form says all it cites (a name alone in parentheses: "(Ritchie).")."""

    start: int
    end: int
    authors: tuple[Person, ...]
    year: str | None = None
    title: str | None = None
    locator: str | None = None
    whole: bool = False
    needs_work: bool = False  # an attribution only with a year or title in its sentence


def prose_mentions(document: Document) -> tuple[Citation, ...]:
    """Every attribution to a scholar in the body text of ``document``, in order of position."""
    source = document.source
    prose = masked_prose(document)
    listed = listed_authors(document)
    people = listed_people(document) if listed else {}
    found = _apart(_merge([
        *_candidates(prose, linked=any(region.role == "markup" for region in document.regions)),
        *_listed_in_prose(prose, listed),
        *_listed_in_lower_case(prose, listed),
        *_recorded_pairs_in_prose(prose, people),
    ]), prose, people)
    kept = _titles_set(prose, [
        f for f in _with_sentence_facts(prose, [f for f in found if _plausible(prose, f, listed)])
        if not f.needs_work or f.year or f.title
    ], listed)
    return tuple(
        Citation(
            kind="mention",
            text=source.text[f.start : f.end],
            span=Span(source.path, f.start, f.end),
            locator=f.locator,
            work=Work(authors=_as_listed(f.authors, listed) if listed else f.authors, title=f.title, year=f.year),
        )
        for f in kept
    )


def _as_listed(people: tuple[Person, ...], listed: dict[str, frozenset[str]]) -> tuple[Person, ...]:
    """Each name whose last given word and surname are one surname of the works cited read so: "(McTighe
    Musil)" for "McTighe Musil, Caryn" (community, Digital Pedagogy), where a name alone reads "McTighe" as
    a given name."""
    return tuple(_as_compound(person, listed) for person in people)


def _as_compound(person: Person, listed: dict[str, frozenset[str]]) -> Person:
    *given, last = person.given.split() or ("",)
    compound = f"{last} {person.family}"
    return Person(family=compound, given=" ".join(given)) if last and compound in listed else person


_SENTENCE_END = OnFirstUse(regex.compile, r"[.!?…](?=[ \t]*(?:\n|[\p{Lu}“\"‘(]|$))|\n[ \t]*\n")
_YEAR_IN_SENTENCE = OnFirstUse(regex.compile, r"(?<![\d\p{L}])" + _YEAR + r"(?![\d\p{L}])")
_TITLE_IN_SENTENCE = OnFirstUse(regex.compile, r"(?<![\p{L}])(?:" + _TITLE + r")")


def _each_opening(openings: str, rest: str) -> tuple[OnFirstUse, ...]:
    """One pattern for each character of ``openings``, then ``rest``."""
    return tuple(OnFirstUse(re.compile, re.escape(opening) + rest) for opening in openings)


# Where each of the three can first match, for the standard engine, which skips text to the
# character a pattern opens with about twice as fast (so every other test comes after it), and to
# one character ten times as fast as to a class of them (so one pattern for each opening
# character, the first match of any the one that counts): a capital as _UPPER takes it, a letter
# or digit as ASCII ones. On word salad a name's sentence runs on for pages.
_SENTENCE_END_FROM = (
    OnFirstUse(re.compile, r"\n[ \t]*\n"),
    *_each_opening(".!?…", r"(?=[ \t]*(?:\n|[\"(]|" + _UPPER + r"|$))"),  # “ and ‘ are past Latin-1
)
_YEAR_FROM = _each_opening("12", r"(?<![0-9a-zA-Z].)[05-9]\d\d")
_TITLE_FROM = _each_opening("“\"‘'`*_", r"(?<![a-zA-Z].)")


def _first_start(patterns: Iterable[re.Pattern], prose: str, start: int, stop: int) -> int | None:
    """Where the first match of any of ``patterns`` in ``prose[start:stop]`` starts."""
    starts = [match.start() for pattern in patterns if (match := pattern.search(prose, start, stop))]
    return min(starts, default=None)


def _search(pattern: regex.Pattern, start_at: Iterable[re.Pattern], prose: str, start: int, stop: int) -> regex.Match | None:
    """``pattern.search(prose, start, stop)``, begun where one of ``start_at`` first matches."""
    begin = _first_start(start_at, prose, start, stop)
    return None if begin is None else pattern.search(prose, begin, stop)


def _with_sentence_facts(prose: str, found: list[_Found]) -> list[_Found]:
    """A year or a quoted title later in the attribution's sentence belongs to the scholar named
    last before it ("historians such as Conquest ... his 1968 conclusions in 'The Great Terror'");
    failing both, a title earlier in the sentence with no other scholar between ("In her article
    _Unanswered Questions_, Scott states"), or, for the subject of a past tense that needs a work to
    be an attribution at all, a year there ("In 2001, … Kim Butler described")."""
    result = []
    for position, item in enumerate(found):
        if item.whole or item.year or item.title or item.locator:  # a page cited says the parenthesis is whole
            result.append(item)
            continue
        # The next scholar's facts are the next scholar's; the first letter of their name ends no
        # sentence, so the search for the end stops there (on word salad it ran on for pages).
        limit = found[position + 1].start if position + 1 < len(found) else len(prose)
        end = _search(_SENTENCE_END, _SENTENCE_END_FROM, prose, item.end, limit + 1)
        stop = end.start() if end is not None else limit
        year = _search(_YEAR_IN_SENTENCE, _YEAR_FROM, prose, item.end, stop)
        title = _first_title(prose, item.end, stop)
        if year is None and title is None:
            after = found[position - 1].end if position else 0
            begin = _sentence_start(prose, max(after, item.start - _LOOK_BACK), item.start)
            title = _last_title(prose, begin, item.start)
            if title is None and item.needs_work and _told(prose, item):  # "In 2001, … Kim Butler described …"
                year = _search(_YEAR_IN_SENTENCE, _YEAR_FROM, prose, begin, item.start)  # (diaspora, Digital Pedagogy)
        year_text = year.group() if year else None
        if year_text is None and title is None and position + 1 < len(found):
            year_text = _cited_next(prose, item, found[position + 1])
        if year_text is None and title is None and result:
            year_text, title = _cited_before(prose, item, result[-1])
        needs_work = (item.needs_work and year_text is None and title is None and not _own_work_named(prose, item, stop)
                      and _QUOTED_AFTER_PAST.match(prose, item.end) is None)
        result.append(replace(item, year=year_text, title=title, needs_work=needs_work))
    return result


# A work of the one named, by a pronoun and a work noun, perhaps modified: "his book", "her 1990 study", "their
# widely read article".
_OWN_WORK = OnFirstUse(regex.compile,
    r"(?<![\p{L}])(?:his|her|their)[ \t]+(?:[\p{L}\d-]+[ \t]+){0,2}?(?:" + WORK_NOUNS + r")(?![\p{L}])"
)


def _own_work_named(prose: str, item: _Found, stop: int) -> bool:
    """Whether the sentence of a name that needs a work names one of that person's own after the name
    ("the standards that Henry Bates laid out on the first page of his book": union, Campus Histories):
    evidence of authorship as a year or a title is, where a deed of the history names none."""
    return item.needs_work and _OWN_WORK.search(prose, item.end, stop) is not None


def _cited_next(prose: str, item: _Found, following: _Found) -> str | None:
    """The year of the next attribution when it cites the same scholar in the same paragraph, no
    other scholar named between: the citation that closes a quotation tells which work the name
    before it meant ('Stephen Ramsay points out that "… transformation. The critic …" (Ramsay 2011,
    16)': textanalysis essay, Digital Pedagogy, where a full stop inside the quotation ends the
    sentence before the year)."""
    if not following.year or following.authors[0].family != item.authors[0].family:
        return None
    return None if _PARAGRAPH_BREAK.search(prose, item.end, following.start) else following.year


def _cited_before(prose: str, item: _Found, before: _Found) -> tuple[str | None, str | None]:
    """The year and title of the attribution right before when it cites the same scholar in the same paragraph:
    a name taken up again goes on about the work just dated or named ("… pointed out by Richard Grusin in 1994.
    Grusin argued that …": dpc-020, Defactoring Pace of Change; "Bob Stein's blogpost ["SocialBook in Action"](…)
    … As Stein points out in his blogpost": annotation, Digital Pedagogy)."""
    if not (before.year or before.title) or before.authors[0].family != item.authors[0].family:
        return None, None
    if _PARAGRAPH_BREAK.search(prose, before.end, item.start):
        return None, None
    return before.year, before.title


_PARAGRAPH_BREAK = OnFirstUse(re.compile, r"\n[ \t]*\n")


def _told(prose: str, item: _Found) -> bool:
    """Whether a past tense of _TOLD_PAST follows the name ("Kim Butler described"), not a past
    perfect, whose year before it is the history's ("Largo Caballero had spoken of revolution in
    1934, and José Antonio Primo de Rivera had openly called …": our essay)."""
    verb = VERB_GROUP.match(prose, item.end)
    return verb is not None and verb.group("past") in _TOLD_PAST


def _first_title(prose: str, start: int, stop: int) -> str | None:
    return next(_titles(prose, start, stop), None)


def _last_title(prose: str, start: int, stop: int) -> str | None:
    titles = list(_titles(prose, start, stop))
    return titles[-1] if titles else None


def _titles(prose: str, start: int, stop: int) -> Iterator[str]:
    """The quoted or emphasised titles in ``prose[start:stop]``, in order; not the name of a part of the
    document itself (_POINTER_AFTER)."""
    begin = _first_start(_TITLE_FROM, prose, start, stop)
    if begin is not None:
        yield from (
            title for quoted in _TITLE_IN_SENTENCE.finditer(prose, begin, stop)
            if (title := _title_text(quoted)) and _POINTER_AFTER.match(prose, quoted.end()) is None
        )


# "below" or "above" closing a clause after a quoted name points to a part of the essay, not a work: 'see his
# presentation … in “Other resources” below)' (iteration, Digital Pedagogy); not "“Slow Water” below the mill".
_POINTER_AFTER = OnFirstUse(regex.compile, r"[ \t]+(?:below|above)(?=[ \t]*(?:[.,;:!?)]|\n|\Z))")


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence holding ``text[start:end]`` starts and ends, looking no further than
    :data:`_LOOK_BACK` characters either way (a link's address, "www.hastac.org", ends none)."""
    after = _SENTENCE_END.search(text, end, min(len(text), end + _LOOK_BACK))
    return _sentence_start(text, max(0, start - _LOOK_BACK), start), after.start() if after else min(len(text), end + _LOOK_BACK)


def _sentence_start(prose: str, low: int, position: int) -> int:
    """Where the sentence holding ``position`` starts, looking no further back than ``low``."""
    ends = [match.end() for match in _SENTENCE_END.finditer(prose, low, position)]
    return ends[-1] if ends else low


def _candidates(prose: str, linked: bool = False) -> Iterator[_Found]:
    """Every candidate attribution; ``linked`` when the reader marked markup (a link's brackets), which
    a name in lower case needs before its linked title (a plain text has none, and skips the search)."""
    anchors = _Anchors.scan(prose)
    if linked:
        yield from _lower_case_possessives(prose)
    yield from _parenthetical(prose)
    yield from _narrative_years(prose, anchors)
    yield from _verb_subjects(prose, anchors)
    yield from _framed(prose, anchors)
    yield from _possessives(prose, anchors)
    yield from _who_wrote(prose)
    yield from _said_after_quotation(prose)
    yield from _titled_by(prose)
    yield from _named_then_linked_title(prose)
    yield from _epigraphs(prose)


def _parenthetical(prose: str) -> Iterator[_Found]:
    """``(Conquest 1968, 45)``, ``(Haslam 1984; Roberts 1995)``, ``(see Carr 1953)``, an
    inverted name ``(Nair, Janaki. 2008)``, a name and a page ``(Kelly, 21)``, a name alone ``(Ritchie)``."""
    one_line = None  # the prose with its line breaks read as blanks (offsets unchanged), made when first needed
    for parenthesis in PARENTHESIS.finditer(prose):
        offset = parenthesis.start("inner")
        closes_clause = (
            _CLOSES_SENTENCE.match(prose, parenthesis.end()) is not None
            or _ENDS_SENTENCE.search(prose, max(0, parenthesis.start() - 6), parenthesis.start()) is not None
            or _CLOSES_CLAUSE.match(prose, parenthesis.end(), parenthesis.end() + CLAUSE_REACH) is not None
            or _inside_a_clause(prose, parenthesis)
        )
        text = prose
        if "\n" in parenthesis.group("inner"):
            text = one_line = one_line or prose.replace("\n", " ")
        for segment_start, segment_end in _segments(parenthesis.group("inner"), offset):
            found = _segment(text, segment_start, segment_end, closes_clause)
            if found is not None:
                yield found
            else:
                yield from _listed(text, segment_start, segment_end)


def _inside_a_clause(prose: str, parenthesis: regex.Match) -> bool:
    """Whether a parenthesis inside its sentence holds one name and nothing else, tight, a blank after
    it: a citation where the bibliography lists the name, a gloss dropped where it does not (resolve:
    names_alone_not_cited), as MLA places a citation mid-clause too ("a Community of Inquiry
    (Garrison) among", makerspaces; "(Owens) or", community: Digital Pedagogy). "(Extra)ordinary"
    runs on into its word; a comma inside may be a place's gloss ("the city (Paris, France) and")."""
    start, end = parenthesis.span()
    return (
        prose[start + 1 : start + 2].isupper() and prose[end - 2 : end - 1].isalpha()
        and prose[end : end + 1] in (" ", "\t") and "," not in parenthesis.group("inner")
    )


# What may follow a parenthesis that closes its sentence: emphasis or quotation marks, then a full stop or
# other sentence end, or the end of the line (MLA places a citation there: '… preserved (Ritchie).').
_CLOSES_SENTENCE = OnFirstUse(regex.compile, r"[*_”\"’]*[ \t]*(?:[.!?;:]|\n|$)")


# A comma and a word in lower case after a parenthesis: it closes a clause, as MLA places a citation
# inside a sentence ("if you see messiness as productive (Law), you like to improvise", "hacking as
# engineering (Izawa), and": dph-hacking). A gloss so placed names no listed scholar and is dropped
# (resolve: names_alone_not_cited).
_CLOSES_CLAUSE = OnFirstUse(regex.compile, r"[*_”\"’]*,[ \t]+\p{Ll}")
# How far after a parenthesis its clause's comma is looked for: regex looks for the pattern's comma
# ahead before it tries a match, and unbounded that is the rest of the text at every parenthesis.
CLAUSE_REACH = 16


# What may stand before a parenthesis that follows its sentence: a full stop or other sentence end, then
# quotation marks or emphasis ('… abolition of want.” (Faulkner) In the case …': Marxist-Historiography, Metahistory).
_ENDS_SENTENCE = OnFirstUse(regex.compile, r"[.!?…][*_”\"’]*[ \t]*\Z")


_ARTICLE_FIRST = OnFirstUse(regex.compile, r"[ \t]*(?:The|An?)[ \t]")
_ENDS_ON_PAGE = OnFirstUse(regex.compile, r"(?:\d|(?<![\p{L}])" + _ROMAN_PAGE + r")[ \t]*\Z")


def _segment(prose: str, start: int, end: int, closes_clause: bool) -> _Found | None:
    """The attribution one segment of a parenthesis makes, if any; a name alone only in a
    parenthesis that closes its sentence or a clause ("(Moscow)" inside a clause is a gloss)."""
    inner = prose[start:end].strip("*_")
    if inner[-1:] == "." and inner[-2:-1].isdigit():  # a full stop closing the citation inside it: "(Gjelsness,
        inner = inner[:-1]  # 1942.)" (north-hall, Campus Histories); a name alone keeps its own ("(Hickman, et al.)")
    if inner[-1:].isdigit():  # emphasis around a citation by page or year: "(**Brazier, p.3**)" (modern-medicine,
        start = prose.index(inner, start)  # Metahistory); "(**Understanding**)" stays a term in bold
        end = start + len(inner)
    if _ARTICLE_FIRST.match(prose, start, end):
        return None  # a title: "(The Postmodern History Reader,pg.41)" (in-defense-of-madness, Metahistory)
    match = CITATION_SEGMENT.fullmatch(prose, start, end)
    if match is not None:
        authors = _people(prose, match.start("names"), match.end("names"))
        return None if authors is None else _Found(
            match.start("body"), match.end("body"), authors, year=match.group("year"), locator=match.group("locator")
        )
    if _ENDS_ON_PAGE.search(prose, start, end) is None and (match := BODY_SEGMENT.fullmatch(prose, start, end)):
        *given, family = match.group("name").split()  # keyed like a person's, matched whole (resolve)
        body = Person(family=family, given=" ".join(given))
        return _Found(match.start("body"), match.end("body"), (body,), title=match.group("title"), whole=True)
    if _ENDS_ON_PAGE.search(prose, start, end) is None:  # the inverted and author-page forms end on a year or a page
        match = NAME_ALONE_SEGMENT.fullmatch(prose, start, end)
        if match is None:
            return _in_initials(prose, start, end)
        if not closes_clause and not match.group("pair") and not match.group("title"):
            match = None  # "(Peabody) closed the shaft" glosses; "(Ross & Collier) that …" are two authors (online
            # essay), '(Kuhn, “Rhetoric of Remix”) and' a name and its work (multimodal essay)
        authors = None if match is None else _people(prose, match.start("names"), match.end("names"))
        return None if authors is None else _Found(
            match.start("body"), match.end("body"), authors, title=match.group("title"), locator=match.group("no_page"),
            whole=True,
        )
    match = INVERTED_SEGMENT.fullmatch(prose, start, end)
    if match is not None:
        family = _person(match.group("family"))
        if family is None or match.group("given").split()[0] in STOP_WORDS:
            return None
        person = Person(family=family.family, given=match.group("given"))
        return _Found(match.start("body"), match.end("body"), (person,), year=match.group("year"), locator=match.group("locator"))
    match = NAME_DOT_YEAR_SEGMENT.fullmatch(prose, start, end)
    if match is not None:
        authors = _people(prose, match.start("names"), match.end("names"))
        return None if authors is None else _Found(
            match.start("body"), match.end("body"), authors, year=match.group("year"), locator=match.group("locator")
        )
    match = AUTHOR_PAGE_SEGMENT.fullmatch(prose, start, end)
    if match is None:
        return _in_capitals(prose, start, end)
    authors = _people(prose, match.start("names"), match.end("names"))
    return None if authors is None else _Found(
        match.start("body"), match.end("body"), authors, title=match.group("short") or match.group("bare"),
        locator=match.group("locator"),
    )


def _listed(prose: str, start: int, end: int) -> Iterator[_Found]:
    """Each citation of a list in one parenthesis (LIST_SEGMENT): "(Moretti, Trumpener, Goodwin and Holbo)"."""
    items = prose[start:end].split(",")[1:]
    if not items or not all(item.lstrip().removeprefix("and ").lstrip()[:1].isupper() for item in items):
        return  # most parentheses, decided at one look: no comma, or a word in lower case after one
    if len(items) < 2 and not prose[start:end].rstrip()[-1:].isdigit():
        return  # two items need their years (_DATED_ITEM): "(Paris, France)" glosses
    match = LIST_SEGMENT.fullmatch(prose, start, end)
    if match is None:
        return
    position, body_end = match.start("body"), match.end("body")
    for separator in (*_LIST_SEPARATOR.finditer(prose, position, body_end), None):
        item_end = body_end if separator is None else separator.start()
        item = LIST_ITEM.fullmatch(prose, position, item_end)
        authors = None if item is None else _people(prose, item.start("names"), item.end("names"))
        if authors is not None:
            yield _Found(item.start(), item.end(), authors, year=item.group("year"), whole=item.group("year") is None)
        position = item_end if separator is None else separator.end()


def in_a_list_of_names(citation: Citation, text: str) -> bool:
    """Whether a name in prose is one item of a list of citations in parentheses (LIST_SEGMENT):
    with no year beside it, a citation only of a listed scholar, as a name alone is."""
    start, end = citation.span.start, citation.span.end
    opening = text.rfind("(", max(0, start - 400), start)
    closing = text.find(")", end, end + 400)
    if opening < 0 or closing < 0 or ")" in text[opening:start] or "(" in text[end:closing]:
        return False
    inner_start = max(opening + 1, text.rfind(";", opening, start) + 1)
    inner_end = min(closing, (text.find(";", end, closing) + 1 or closing + 1) - 1)
    return LIST_SEGMENT.fullmatch(text, inner_start, inner_end) is not None


def _in_capitals(prose: str, start: int, end: int) -> _Found | None:
    match = CAPS_SEGMENT.fullmatch(prose, start, end)
    if match is None:
        return None
    person = Person(family=match.group("family"))
    return _Found(match.start("body"), match.end("body"), (person,), year=match.group("year"),
                  locator=match.group("locator") or match.group("page"))


def _in_initials(prose: str, start: int, end: int) -> _Found | None:
    match = INITIALS_SEGMENT.fullmatch(prose, start, end)
    if match is None:
        return None
    *given, family = match.group("name").split()  # keyed like a body's name (BODY_SEGMENT)
    return _Found(match.start("body"), match.end("body"), (Person(family=family, given=" ".join(given)),),
                  title=match.group("title"), whole=True)


def in_initials(citation: Citation, text: str) -> bool:
    """Whether a name in prose is a body's initials alone in parentheses ("(UNT)", "(UO Libraries)"):
    a citation only of a listed body."""
    start = citation.span.start
    return (citation.kind == "mention" and text[max(0, start - 1) : start] == "("
            and INITIALS_SEGMENT.fullmatch(citation.text) is not None)


def in_capitals(citation: Citation) -> bool:
    """Whether a name in prose is written in capitals ("(ÇİÇEK, 97)"): a citation only of a listed scholar."""
    work = citation.work
    return citation.kind == "mention" and work is not None and bool(work.authors) and work.authors[0].family.isupper()


def _segments(inner: str, offset: int) -> Iterator[tuple[int, int]]:
    start = 0
    for piece in inner.split(";"):
        yield offset + start, offset + start + len(piece)
        start += len(piece) + 1


def _narrative_years(prose: str, anchors: _Anchors) -> Iterator[_Found]:
    """``Kershaw (2007, p. 12)``, ``Davies and Wheatcroft (2004)``: a name with its year in parentheses."""
    for match in _matches_in(NARRATIVE_YEAR, prose, _names_before(prose, anchors.years)):
        start = _name_start(prose, match.start("names"), match.end("names"))
        if start is None or _before(prose, start) in ("title", "determiner"):
            continue  # after a preposition it stands for a listed scholar alone (placed_after_in)
        authors = _people(prose, start, match.end("names"))
        if authors is not None:
            yield _Found(start, match.end(), authors, year=match.group("year"), locator=match.group("locator"))


def _verb_subjects(prose: str, anchors: _Anchors) -> Iterator[_Found]:
    """``Haslam argues``, ``Kershaw has shown``, ``as Carr argued``, ``Getty and Naumov show``."""
    verbs = {end: verb for end in anchors.verbs if (verb := VERB_GROUP.match(prose, end))}  # no subject ends elsewhere
    for subject in _matches_in(SUBJECT, prose, _names_before(prose, verbs)):
        verb = verbs.get(subject.end()) or VERB_GROUP.match(prose, subject.end())
        if verb is None:
            continue
        names = list(_names_in(prose, subject.start("names"), subject.end("names")))
        while names and _OWNED.search(prose, max(0, names[0][0] - 4), names[0][0]):
            names = names[1:]  # "Anna's Alexiad, Ellen Quandahl and Susan Jarratt state": a thing owned is no one
        if len(names) > 1 and (verb.group("singular") or verb.group("aux") == "has"):
            names = names[-1:]  # "In Rome, Renzo De Felice maintains": the subject is the last name
        if not names:
            continue
        after_as = _ends_at(AS_FRAME, prose, names[0][0])
        work = _WROTE_WORK.match(prose, verb.end()) if verb.group("past") == "wrote" else None
        quoted = verb.group("past") == "wrote" and _WROTE_QUOTE.match(prose, verb.end()) is not None
        # A past tense not after "as" that attributes nothing alone: "In 1998, Simi Linton famously claimed in
        # *Claiming Disability*" (disability essay, Digital Pedagogy) with a year or title in its sentence, and then
        # only of a listed scholar (told_in_the_past), since "Stalin argued in 1937" is the history's.
        told = work is None and not quoted and not _verb_counts(verb, len(names) + bool(verb.group("etal")), after_as)
        if told and (verb.group("past") not in _TOLD_PAST or after_as):
            continue
        if not after_as and _before(prose, names[0][0]) in ("title", "determiner", "object", "agent"):
            continue  # "a letter from Stalin shows", "testimony by Zinoviev suggests": the name is no subject
        if work is not None:  # the names are the work's authors
            authors = _people(prose, names[0][0], names[-1][1])
            if authors is not None:
                yield _Found(names[0][0], names[-1][1], authors, title=_title_text(work))
            continue
        year_end = verb.end("year_group") if verb.group("year_group") else None
        told_before = verb.group("aux") == "had" and not after_as  # "While Scott had first expressed this idea in 1986"
        for (start, end), authors in zip(names, _each_people(prose, names), strict=True):
            if authors is None:
                continue
            if year_end is not None and len(names) == 1:
                yield _Found(start, year_end, authors, year=verb.group("year"), locator=verb.group("locator"))
            elif len(names) == 1 and (verb.group("page") or verb.group("aside_title")):
                yield _Found(start, end, authors, title=verb.group("aside_title"), locator=verb.group("page"))
            else:
                yield _Found(start, end, authors, needs_work=told_before or told)


_OWNED = OnFirstUse(regex.compile, r"['’]s[ \t]+\Z")
# "wrote" and the title of what was written: "Simone de Beauvoir, one of …, wrote *The Second Sex*", "Candace West
# and Don Zimmerman wrote an article called “Doing Gender”" (early-feminist-history, Metahistory): a work credited,
# where "wrote" alone is the history's ("Stalin wrote to Molotov").
_WROTE_WORK = OnFirstUse(regex.compile,
    r"[ \t]+(?:(?:an?|the|his|her|their)[ \t]+)?(?:[\p{Ll}-]+[ \t]+){0,3}?(?:(?:called|titled|entitled)[ \t]+)?(?:" + _TITLE + r")"
)


# "wrote" and the words written: "Stephen Ramsay once wrote, “to me, there's always been …”"
# (makerspaces essay, Digital Pedagogy).
_WROTE_QUOTE = OnFirstUse(regex.compile, r",[ \t]*[“\"]")


def _ends_at(pattern: regex.Pattern, prose: str, position: int) -> bool:
    """Whether a match of ``pattern`` ends exactly at ``position``."""
    window = max(0, position - 12)
    return any(m.end() == position for m in pattern.finditer(prose, window, position + 1))


def _verb_counts(verb: regex.Match, names: int, after_as: bool) -> bool:
    """Present and perfect tenses attribute; a past tense only after "as", and only a scholar's verb."""
    if verb.group("singular"):
        return names == 1
    if verb.group("plural"):
        return names > 1
    if verb.group("aux"):
        aux = verb.group("aux")
        if aux == "had":
            return True  # after "as", or only with a year or title in its sentence, of a listed scholar (past_perfect)
        return (aux == "has") == (names == 1) or after_as
    if verb.group("modal"):
        modal = verb.group("modal").split()[0]
        return modal in ("goes", "go", "seeks", "seek", "tries", "try", "sets", "set") or after_as
    past = verb.group("past")
    if past in _MADE_WORDS:
        return True  # a thing made, of a listed scholar only (made_it)
    if verb.group("aside") and _WRITING_ASIDE.match(verb.group("aside")):
        return True  # "Carr, writing a decade later, held that ...": the writer's verdict
    if verb.group("aside_title"):
        return True  # "Campbell ("Networked Learning") argued": the verdict of a work named
    return after_as  # a verb of speech only for a listed scholar (resolve drops the others: spoken_after_as)


def spoken_after_as(citation: Citation, text: str) -> bool:
    """Whether a name in prose is the subject of a past verb of speech after "as" ("As Walker
    expressed", "as Lenin wrote"): a scholar's words only when the bibliography lists the scholar,
    else a person of the history speaking (21st-century-gender, Metahistory: "As Walker expressed,
    third wave feminists felt …", Walker listed)."""
    start, end = citation.span.start, citation.span.end
    if not _ends_at(AS_FRAME, text, start):
        return False
    verb = VERB_GROUP.match(text, end)
    return verb is not None and verb.group("past") is not None and verb.group("past").split()[0] not in _SCHOLARLY_PAST


_MADE_BY_BEFORE = OnFirstUse(regex.compile, _MADE_BY + _GAP + r"\Z")


def made_it(citation: Citation, text: str) -> bool:
    """Whether a name in prose made something, by a verb of making after it ("Caulfield launched",
    _MADE_FORMS) or before it in the passive ("assembled by Croom"): a teacher's artifact when the
    bibliography lists the maker, else the history's ("Stalin built")."""
    start, end = citation.span.start, citation.span.end
    if _MADE_BY_BEFORE.search(text, max(0, start - 30), start) is not None:
        return True
    verb = VERB_GROUP.match(text, end)
    return verb is not None and any(
        verb.group(group) in _MADE_WORDS for group in ("singular", "past", "plural", "participle", "base")
    )


# A capitalised word right before a parenthesis, after a word of its sentence: the parenthesis glosses that name.
_NAME_BEFORE_PARENTHESIS = OnFirstUse(regex.compile, r"[\p{L}\p{M}'’,-][ \t]+(?P<word>\p{Lu}[\p{L}\p{M}'’-]*)[ \t]*\([ \t]*\Z")


def glosses_a_name(citation: Citation, text: str) -> bool:
    """Whether a name in parentheses follows a capitalised word inside its sentence, giving that
    name's other name (a place's modern one: "born in Tagaste, Numidia (Souk Ahras, Algeria)",
    providential-history, Metahistory) rather than a source: a citation only of a listed scholar
    or with a page, since "… as Gibbs put it (Gibbs, Critique)" is rare beside glosses."""
    start = citation.span.start
    return _NAME_BEFORE_PARENTHESIS.search(text, max(0, start - 80), start) is not None


# A given name or an initial right before a position: the name there goes on.
_GIVEN_BEFORE = OnFirstUse(regex.compile, r"(?<![\p{L}\d'’.-])(?P<before>" + _CAPWORD + r"|" + _INITIAL + r")" + _NAME_GAP + r"\Z")


def written_as_surname(name: str, text: str) -> bool:
    """Whether ``text`` writes ``name`` as the last word of a longer name ("Joshua J. Mark",
    modern-medicine, Metahistory): a surname there, never the one name a classical author is
    known by ("Augustine"). Each place the word stands is found by ``str.find``, then the word
    before it looked at."""
    for position in _occurrences(text, (name,)):
        if text[position + len(name) : position + len(name) + 1].isalnum():
            continue
        before = _GIVEN_BEFORE.search(text, max(0, position - 60), position)
        if before is not None and before.group("before") not in STOP_WORDS and before.group("before").rstrip(".").lower() not in ACTOR_TITLES:
            return True
    return False


# A work noun or "in" right before the opening mark of a title: "his writing “The Treatise of Human Nature”".
_WORK_NOUN_BEFORE = OnFirstUse(regex.compile, r"(?<![\p{L}])(?:" + WORK_NOUNS + r"|[Ii]n)[ \t]*[,:]?[ \t]*[“\"‘'`*_]\Z")


def titled_as_work(citation: Citation, text: str) -> bool:
    """Whether the title given to a name in prose stands right after a work noun ("David Hume …
    is perhaps best known for his writing “The Treatise of Human Nature.”": Scottish-Enlightenment,
    Metahistory) or "in" ("in “Yes, But How Do You Teach Collaboration?” Rebecca Frost Davis writes":
    collaboration essay, Digital Pedagogy): a work named, not a quotation that may be anyone's words."""
    title = citation.work.title if citation.work is not None else None
    if not title:
        return False
    start = citation.span.start
    position = text.find(title, max(0, start - _LOOK_BACK), citation.span.end + _LOOK_BACK)
    return position > 0 and _WORK_NOUN_BEFORE.search(text, max(0, position - 40), position) is not None


# The last word of the name of an institution or a body: "Hamilton College demonstrates", "the Labor
# History Project" (dph-labor, dph-collaboration), no scholar; though an author when the
# bibliography lists it ("(UO Libraries)").
_BODY_NOUNS = frozenset(
    """College University Project Institute Library Libraries Press Museum Center Centre Society Foundation
    Archive Archives Department School Association Council Committee Lab Laboratory Initiative""".split()
)


def names_a_body(citation: Citation) -> bool:
    """Whether a name in prose is an institution's ("Hamilton College", "National Center for
    Education Statistics"): a citation only of a listed author."""
    work = citation.work
    if citation.kind != "mention" or work is None or not work.authors:
        return False
    person = work.authors[0]
    return person.family.split()[-1] in _BODY_NOUNS or any(word in _BODY_JOIN_WORDS for word in person.given.split())


_BODY_JOIN_WORDS = frozenset({"of", "for", "on"})  # inside one name: "Center for ... Statistics" (BODY_SEGMENT)


def past_perfect(citation: Citation, text: str) -> bool:
    """Whether a name in prose is the subject of a past perfect not after "as" ("While Scott had
    first expressed this idea in 1986": 21st-century-gender, Metahistory): kept only with a year or
    title in its sentence, and a scholar's finding only when the bibliography lists the scholar,
    else the history's ("Stalin had argued in 1937 that …")."""
    start, end = citation.span.start, citation.span.end
    if _ends_at(AS_FRAME, text, start):
        return False
    verb = VERB_GROUP.match(text, end)
    return verb is not None and verb.group("aux") == "had"


def told_in_the_past(citation: Citation, text: str) -> bool:
    """Whether a name in prose is the subject of a past tense not after "as" that attributes nothing
    alone (no aside saying the person was writing, no title in parentheses, no work after "wrote"):
    kept only with a year or title in its sentence, and a scholar's finding only when the
    bibliography lists the scholar ("In 1998, Simi Linton famously claimed in *Claiming Disability*"),
    else the history's ("Stalin argued in 1937 that …")."""
    start, end = citation.span.start, citation.span.end
    verb = VERB_GROUP.match(text, end)
    if verb is None or verb.group("past") not in _TOLD_PAST or _ends_at(AS_FRAME, text, start) or _framed_at(text, start):
        return False
    if verb.group("past") == "wrote" and (_WROTE_WORK.match(text, verb.end()) or _WROTE_QUOTE.match(text, verb.end())):
        return False
    return not (verb.group("aside") and _WRITING_ASIDE.match(verb.group("aside"))) and not verb.group("aside_title")


def _framed_at(text: str, start: int) -> bool:
    """Whether a scholarly frame ends right before ``start`` ("the Danish historian Aage Friis",
    "Authors such as Flacius Illyricus": Metahistory): the name's signal, whatever verb follows."""
    window = max(0, start - 60)
    return any(m.end() == start for m in SCHOLAR_FRAME.finditer(text, window, start + 1))


# "in London (1903)", "at Yalta (1945)": a place and its year read as a name and its year
# (Marxist-Historiography, Metahistory: "the second communist congress in London (1903)").
_IN_OR_AT = OnFirstUse(regex.compile, r"(?<![\p{L}])(?:in|at|" + "|".join(sorted(PREPOSITIONS)) + r")[ \t\n]+\Z")


_WORK_WITH_BEFORE = OnFirstUse(regex.compile, _WORK_WITH + _GAP + r"\Z")


def written_with(citation: Citation, text: str) -> bool:
    """Whether a name follows a work written with it ("her book with Patrick LeMieux"): a co-author only when the
    bibliography lists the name, else one of the history's people ("his talks with Molotov")."""
    start = citation.span.start
    return _WORK_WITH_BEFORE.search(text, max(0, start - 60), start) is not None


def placed_after_in(citation: Citation, text: str) -> bool:
    """Whether a name with its year in parentheses stands after "in", "at" or another preposition:
    a scholar's work only when the bibliography lists the scholar ("as argued in Kershaw (2007)",
    "the earlier work of Bruno Latour (1993)": dpc-020, Defactoring), else a place or one of the
    history's people ("in London (1903)", "a letter from Stalin (1936)")."""
    start = citation.span.start
    return "(" in citation.text and _IN_OR_AT.search(text, max(0, start - 12), start) is not None


def _framed(prose: str, anchors: _Anchors) -> Iterator[_Found]:
    """``historians such as Conquest and Ulam``, ``according to Overy``, ``following Carr,``."""
    for frame in _matches_ending(SCHOLAR_FRAME, prose, _words_before(prose, anchors.frames)):
        names = (_NAME_RANGE if frame.group("range") else _NAME_LIST_AT).match(prose[frame.end() : frame.end() + 400])
        if names is None:
            continue
        spans = list(_names_in(prose, frame.end(), frame.end() + names.end("names")))
        if frame.group("passive") or frame.group("according") or frame.group("made") or frame.group("coauthor"):
            authors = _people(prose, spans[0][0], spans[-1][1]) if spans else None  # the names are one work's authors
            if authors is not None:
                needs_work = bool(frame.group("passive") or frame.group("coauthor"))
                yield _Found(spans[0][0], spans[-1][1], authors, needs_work=needs_work)
            continue
        for (start, end), authors in zip(spans, _each_people(prose, spans), strict=True):
            if authors is not None:
                yield _Found(start, end, authors)
    for frame in _matches_ending(PHRASE_FRAME, prose, _words_before(prose, anchors.frames)):
        name = NAME_AT.match(prose, frame.end())
        if name is None or not regex.match(r"[ \t]*(?:[,;.)]|$)", prose[name.end() : name.end() + 3]):
            continue
        if _NUMBERED.match(prose, name.end()):
            continue  # "see Sect. 2", "cf. Fig. 3": a part of the text, not a scholar
        start = _name_start(prose, name.start(), name.end())
        authors = None if start is None else _people(prose, start, name.end())
        if authors is not None:
            yield _Found(start, name.end(), authors)
    views = (q for q in anchors.possessives if _VIEW_AFTER.match(prose, q))  # their matches never overlap
    for view in _matches_in(IN_VIEW, prose, _names_before(prose, views)):
        start = _name_start(prose, view.start("name"), view.end("name"))
        authors = None if start is None else _people(prose, start, view.end("name"))
        if authors is not None:
            yield _Found(start, view.end("name"), authors)


# Capitalised words right after a whole name's possessive that end its clause: a title written with no marks
# ("Virginia Woolf’s Mrs. Dalloway, and then", "Herman Melville’s Typee."), since a person's whole name is given
# to the maker of a work more than to the owner of a place. A comma before another capital goes on with a list
# of names, no clause's end: an affiliation or an address ("Department of Radiology, Cincinnati Children's
# Hospital Medical Center, Cincinnati, OH": the SciPy 1.0 paper's consortium list, technical writing).
_BARE_TITLE_AFTER = OnFirstUse(regex.compile,
    r"[ \t]+(?P<bare>" + _BARE_WORD + r"(?:[ \t]+" + _BARE_WORD + r"){0,4})"
    r"(?=(?:[.;:)]|,(?![ \t]+\p{Lu}))(?:[ \t\n]|\Z))"
)


def _possessives(prose: str, anchors: _Anchors) -> Iterator[_Found]:
    """``Conquest's classic study``, ``Overy's *Russia's War*``, ``Conquest's study *The Great Terror*``,
    ``Herman Melville’s Typee.``."""
    # Only a possessive before a work noun or a title counts; possessives never overlap, so the
    # others need not be matched.
    worded = [
        q for q in anchors.possessives
        if (after := AFTER_POSSESSIVE.match(prose, _past_apostrophe(prose, q))).group("noun", "idea") != (None, None)
        or after.group("title") or _BARE_TITLE_AFTER.match(prose, _past_apostrophe(prose, q))
    ]
    # (an unopened title that is the end of a quotation or emphasis opened before is decided below)
    for possessive in _matches_in(POSSESSIVE, prose, _names_before(prose, worded)):
        start = _name_start(prose, possessive.start("name"), possessive.end("name"))
        pair = None if start is None else _PAIR_BEFORE.search(prose, max(0, start - 80), start)
        if pair is not None:
            start = _name_start(prose, pair.start("first"), pair.end("first")) or start
        if start is None or _before(prose, start) in ("title", "determiner"):
            continue  # "of Conquest's study" is still Conquest's, but "the Kremlin's" is no one's
        if prose[possessive.end() - 1] != "s" and prose[start - 1 : start] in ("‘", "'"):
            continue  # "‘Notes’ and ‘Bios’": a quotation's closing mark, no bare apostrophe
        after = AFTER_POSSESSIVE.match(prose, possessive.end())
        title = after.group("linked") or (_title_text(after) if after.group("title") else None)
        if after.group("unopened") and not _opened_before(prose, start, after.group("closing")):
            title = after.group("unopened").rstrip(":,")
        bare = None
        if title is None and not after.group("noun") and not after.group("idea"):
            # (words run on to a closing mark: the end of a quotation or emphasis opened before, decided above)
            bare = None if after.group("unopened") else _BARE_TITLE_AFTER.match(prose, possessive.end())
            if bare is None:
                continue
        authors = _people(prose, start, possessive.end("name"))
        if authors is None or bare is not None and not all(person.given for person in authors):
            continue
        if bare is not None:
            yield _Found(start, bare.end("bare"), authors, title=bare.group("bare").rstrip("."))
            continue
        end = after.end("title") if title is not None else possessive.end("name")
        yield _Found(start, end, authors, title=title)


_POSSESSIVE_END = OnFirstUse(regex.compile, _APOSTROPHE_S + r"(?![\p{L}])")


def credits_an_idea(citation: Citation, text: str) -> bool:
    """Whether a name in prose is credited only with an idea by its possessive ("Hinsen's model"):
    a scholar's when the bibliography lists the scholar, else the history's ("Stalin's theory")."""
    end = citation.span.end
    apostrophe = _POSSESSIVE_END.match(text, end)
    if apostrophe is None:
        return False
    after = AFTER_POSSESSIVE.match(text, apostrophe.end())
    return after.group("idea") is not None and after.group("title") is None


def written_as_a_thing(citation: Citation, prose: str) -> bool:
    """Whether a name in prose that is one capitalised word alone (no given name, year, title or page) is
    used elsewhere in the body text ``prose`` (:func:`masked_prose`) as no person's name is: in lower case, a
    common word the sentence capitalised ("Open refers to …" where the essay writes "open" throughout: open;
    "Diaspora suggests state … violence": diaspora), after a determiner or someone's possessive, a thing
    ("Mattie Brice’s Mainichi is a short … game" before "Mainichi provides an introduction": gaming; "their
    Wikipedia" before "editing Wikipedia can provide": affect), or after "named" or "called", someone the text
    introduces ("a woman named Anne describing her experience" before "Anne's description": diaspora; Digital
    Pedagogy). A scholar whose surname is also a word has a given name beside it, a year, a page, or the
    bibliography's listing."""
    work = citation.work
    if work is None or work.year or work.title or citation.locator or len(work.authors) != 1:
        return False
    (person,) = work.authors
    word = person.family
    if person.given or not word[:1].isupper() or not word[1:].islower():
        return False
    return _as_a_thing(word).search(prose) is not None


def _as_a_thing(word: str) -> re.Pattern:
    lowered = re.escape(word[0].lower() + word[1:])
    return re.compile(
        r"(?:(?<![\w'’-])" + lowered + r"|(?:(?<![\w'’-])(?:the|a|an|this|its|our|their|his|her|my|your|named|called)|['’]s)[ \t]+"
        + re.escape(word) + r")(?![\w'’-])"
    )


def _past_apostrophe(prose: str, apostrophe: int) -> int:
    """Where the possessive whose apostrophe stands at ``apostrophe`` ends: after its s, if it has one."""
    return apostrophe + 2 if prose.startswith("s", apostrophe + 1) else apostrophe + 1


# A name some write in lower case, two words before a possessive ("anna anthropy’s [Dys4ia](…)", "micha
# cárdenas’s [Redshift and Portalmetal](…)": sexuality essay, Digital Pedagogy): a citation only of a listed
# scholar (in_lower_case), since "the student’s [blog](…)" reads the same.
_LOWER_NAME_BEFORE = OnFirstUse(regex.compile,
    r"(?<![\p{L}\d'’.-])(?P<given>\p{Ll}[\p{Ll}\p{M}-]*)[ \t](?P<family>\p{Ll}[\p{Ll}\p{M}-]*)\Z"
)


def _lower_case_possessives(prose: str) -> Iterator[_Found]:
    """``anna anthropy’s [Dys4ia](…)``: a name in lower case before the possessive of a linked or
    marked title (the link's brackets leave two blanks after the 's in masked prose)."""
    for position in _occurrences(prose, ("’s  ", "'s  ")):
        name = _LOWER_NAME_BEFORE.search(prose, max(0, position - 60), position)
        after = None if name is None else AFTER_POSSESSIVE.match(prose, position + 2)
        title = None if after is None else after.group("linked") or (_title_text(after) if after.group("title") else None)
        if title is not None and after.group("noun") is None:
            person = Person(family=name.group("family"), given=name.group("given"))
            yield _Found(name.start(), after.end("title"), (person,), title=title)


def in_lower_case(citation: Citation) -> bool:
    """Whether a name in prose is written in lower case ("anna anthropy"): a citation only of a listed scholar."""
    work = citation.work
    return (citation.kind == "mention" and work is not None and bool(work.authors)
            and f"{work.authors[0].given} {work.authors[0].family}".islower())


# A name and "and" before a possessive: the work is both authors' ("Riordan and Hoddeson’s *Crystal
# Fire*", dph-hacking; "Scott Doorley and Scott Witthoft’s *Make Space*").
_PAIR_BEFORE = OnFirstUse(regex.compile, r"(?P<first>" + NAME + r")(?:[ \t]+and[ \t]+|[ \t]*&[ \t]*)\Z")


_OPENING = {"”": "“"}


def _opened_before(prose: str, position: int, closing: str) -> bool:
    """Whether a quotation or emphasis closed by ``closing`` stands open at ``position`` in its
    paragraph: then the mark closes it ("… as in Stalin's Russia”"), no title left unopened."""
    paragraph = prose.rfind("\n\n", max(0, position - _LOOK_BACK), position) + 1 or max(0, position - _LOOK_BACK)
    before = prose[paragraph:position]
    opening = _OPENING.get(closing)
    if opening is None:  # a mark that opens and closes alike: open when it stands an odd number of times
        return before.count(closing) % 2 == 1
    return before.rfind(opening) > before.rfind(closing)


# "Evagrius Scholasticus, who had written the *Ecclesiastical History*" (byzantinehistoriography, Metahistory):
# a name, then a relative clause that gives the work.
_WHO_WROTE = OnFirstUse(regex.compile,
    r"who[ \t]+(?:ha[sd][ \t]+)?(?:wrote|written|authored|published)[ \t]+(?:(?:the|his|her|a|an)[ \t]+)?"
    r"(?:[\p{Ll}-]+[ \t]+){0,2}?(?:" + _TITLE + r")"
)
_WHO_WROTE_STARTS = tuple(
    f"who {verb} " for verb in ("wrote", "authored", "published", "had written", "has written", "had published", "has published")
)
_NAME_THEN_WHO = OnFirstUse(regex.compile, r"(?P<name>" + NAME + r"),?[ \t]+\Z")


def _who_wrote(prose: str) -> Iterator[_Found]:
    """``Evagrius Scholasticus, who had written the *Ecclesiastical History*``."""
    # One search for "who ", then a look at what follows it: one pass over the text, not seven.
    for position in (p for p in _occurrences(prose, ("who ",)) if prose.startswith(_WHO_WROTE_STARTS, p)):
        clause = _WHO_WROTE.match(prose, position)
        name = None if clause is None else _NAME_THEN_WHO.search(prose, max(0, position - 120), position)
        if name is None:
            continue
        start = _name_start(prose, name.start("name"), name.end("name"))
        authors = None if start is None else _people(prose, start, name.end("name"))
        if authors is not None:
            yield _Found(start, clause.end(), authors, title=_title_text(clause))


# A quotation, then its speaker after a verb in the present: '"It is a cliché universally
# acknowledged," writes Rita Raley in the introduction' (reading essay, Digital Pedagogy). Not a past
# tense: '"…," said Stalin' reports the history. A verb of speech only here, not a scholar's verb
# everywhere (each one more slows the scan over capitals): '“…,” declares Sonja S. Mongar' (interface essay).
_SAID_ONLY_AFTER_QUOTATION = ("declares",)
_VERB_THEN_NAME = OnFirstUse(regex.compile,
    r"[ \t]+(?:" + _SINGULAR + "|" + "|".join(_SAID_ONLY_AFTER_QUOTATION) + r")[ \t]+(?P<name>" + NAME + r")(?![\p{L}\d'’])"
)


def _said_after_quotation(prose: str) -> Iterator[_Found]:
    """``"…," writes Rita Raley``: the name after the verb that follows a quotation."""
    for position in _occurrences(prose, ("” ", '" ')):
        if prose[position - 1 : position] not in (",", "?", "!", "…"):
            continue  # a quotation's closing punctuation, not a title's end
        said = _VERB_THEN_NAME.match(prose, position + 1, position + _SAID_REACH)
        start = None if said is None else _name_start(prose, said.start("name"), said.end("name"))
        authors = None if start is None else _people(prose, start, said.end("name"))
        if authors is not None:
            yield _Found(start, said.end("name"), authors)


_SAID_REACH = 120  # a verb and a name: the match needs no more (and a bound keeps it linear)


# "*Elizabeth and Leicester* by Milton Waldman", "*Queen Elizabeth*, by J.E. Neale" (historiography-of-elizabethi,
# Metahistory): a title, then "by" and its author.
_TITLE_BEFORE_BY = OnFirstUse(regex.compile, r"(?:" + _TITLE + r"),?[ \t]+\Z")


def _titled_by(prose: str) -> Iterator[_Found]:
    """``*Elizabeth and Leicester* by Milton Waldman``, ``[TextArc](…) by Bradford Paley``: a title,
    set in marks or as a link's text, and its author."""
    # "by " found by the standard engine, then the blank before it: faster than " by ", which opens on a
    # blank; a " by " that overlaps the one before ("… by by …") has "y" before it, no title's end.
    for position in (found - 1 for found in _occurrences(prose, ("by ",)) if prose[found - 1 : found] == " "):
        linked = prose[max(0, position - 4) : position] == "    "
        if linked:
            title_text = _linked_text_before(prose, position)  # the masked prose blanks a link's address
        elif prose[max(0, position - 2) : position].rstrip(",")[-1:] not in ("*", "_", "”", '"', "’", "'"):
            continue  # no title ends right before "by" (the common case, decided at one look)
        else:
            title = _TITLE_BEFORE_BY.search(prose, max(0, position - 250), position + 1)
            title_text = None if title is None else _title_text(title) or ""
        name = None if title_text is None else NAME_AT.match(prose, position + 4)
        if name is None:
            continue
        start = _name_start(prose, name.start(), name.end())
        authors = None if start is None else _people(prose, start, name.end())
        # after a link a person's whole name: a linked topic is made "by French colonial soldiers" too
        # (Historiography-of-the-Third-Reich, Metahistory)
        if authors is not None and (not linked or all(person.given for person in authors)):
            yield _Found(start, name.end(), authors, title=title_text or None)


# A link's text as the masked prose keeps it: after the blank its opening bracket left (two blanks with the
# one before it), up to the blanks of its address; a title starts with a capital or a digit.
_LINKED_TEXT = OnFirstUse(regex.compile, r"(?:^|[ \t]{2})(?P<linked>[\p{Lu}\d](?:[^\s\[\]]|[ \t](?=[^\s\[\]])){0,100})[ \t]{4,}\Z")


def _linked_text_before(prose: str, position: int) -> str | None:
    """The linked title whose address ends at ``position`` ("the classic [TextArc](https://textarc.org/)
    by Bradford Paley": visualization, Digital Pedagogy), if a title's text stands there."""
    found = _LINKED_TEXT.search(prose, max(0, position - 250), position)
    return None if found is None else found.group("linked").strip() or None


# A name, a comma, then a linked title in quotation marks: 'Jim Groom, “[You Can’t Spell …](…)”' (public
# essay, Digital Pedagogy). The masked prose keeps a blank where the link's bracket was, so the anchor is a
# comma, a quotation mark and a blank ('Groom, “ You Can’t …'), which a writer's own quotation never has.
# Only the curly mark: the straight one (', " ') cost a pass of str.find over the text, near 2% of the
# stage's time on the word salad of `bench/run.py`, for no miss on dev.
_LINK_QUOTED_AFTER_COMMA = (", “ ",)
_QUOTED_LINK = OnFirstUse(regex.compile, r"[ \t]*(?P<linked>\p{Lu}[^\n“”\"]{0,200}?)(?=[ \t]{4})")
_NAME_THEN_COMMA = OnFirstUse(regex.compile, r"(?P<name>" + NAME + r"),\Z")


def _named_then_linked_title(prose: str) -> Iterator[_Found]:
    """``Jim Groom, “[You Can’t Spell FERPA without FEAR](…)”``: a name and the linked title it wrote."""
    for position in _occurrences(prose, _LINK_QUOTED_AFTER_COMMA):
        title = _QUOTED_LINK.match(prose, position + 3, position + 3 + _LINKED_REACH)
        name = None if title is None else _NAME_THEN_COMMA.search(prose, max(0, position - 120), position + 1)
        start = None if name is None else _name_start(prose, name.start("name"), name.end("name"))
        authors = None if start is None else _people(prose, start, name.end("name"))
        if authors is not None:
            yield _Found(start, name.end("name"), authors, title=title.group("linked").strip())


_LINKED_REACH = 210  # a title of up to 200 characters and the blanks after it


def _epigraphs(prose: str) -> Iterator[_Found]:
    """``― James Boswell, The Life of Samuel Johnson``: the line that signs an epigraph."""
    for after_dash in _dash_lines(prose):
        match = EPIGRAPH.match(prose, after_dash)
        authors = None if match is None else _people(prose, match.start("names"), match.end("names"))
        if authors is not None:
            yield _Found(match.start("names"), match.end(), authors, title=match.group("title"), whole=True)


def _dash_lines(prose: str) -> list[int]:
    """Where the words start after a dash that opens a line (after blanks or quote marks ``>``):
    each dash found by ``str.find``, far faster than a pattern tried at every line break."""
    dashes = (p for p in _occurrences(prose, _DASHES) if _opens_line(prose, p))
    return [_BLANKS.match(prose, p + (2 if prose.startswith("--", p) else 1)).end() for p in sorted(dashes)]


def _opens_line(prose: str, position: int) -> bool:
    """Whether only blanks and quote marks (``>``) stand between the line's start and ``position``:
    read back from ``position``, never further than the first other character (a text of one long
    line and many dashes must not be read back to its start for each)."""
    while position > 0 and prose[position - 1] in " \t>":
        position -= 1
    return position == 0 or prose[position - 1] == "\n"


def _title_text(after: regex.Match) -> str | None:
    """The title inside its quotes or emphasis, if it reads as a title (starts with a capital or digit),
    quotation marks it opens on left out (*"They Say"/"I Say": The Moves …*: annotation essay, Digital
    Pedagogy) unless they close at its end: a quotation in bold (21st-century-gender, Metahistory)."""
    for group in ("t1", "t2", "t3", "t4", "t5", "t6", "t7"):
        value = after.group(group)
        if value is not None:
            title = value.strip().rstrip(",.").strip()
            if not title.endswith(("\"", "”", "’")):
                title = title.lstrip("\"“‘")
            return title if title[:1].isupper() or title[:1].isdigit() else None
    return None


# --------------------------------------------------------------------------------------------
# Names and their surroundings


def _names_in(prose: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The names of a list ("Conquest, Ulam and Tucker") between ``start`` and ``end``."""
    for match in NAME_AT.finditer(prose, start, end):
        name_start = _name_start(prose, match.start(), match.end())
        if name_start is not None:
            yield name_start, match.end()


def _name_start(prose: str, start: int, end: int) -> int | None:
    """Where the name proper starts once leading grammatical words are dropped ("Later Haslam")."""
    for token in NAME_TOKEN.finditer(prose, start, end):
        if token.group() not in STOP_WORDS:
            return token.start()
    return None


def _people(prose: str, start: int, end: int) -> tuple[Person, ...] | None:
    """The people named in ``prose[start:end]`` ("Davies and Wheatcroft"), None if any is not a name."""
    people, spans = [], []
    for match in NAME_AT.finditer(prose, start, end):
        name_start = _name_start(prose, match.start(), match.end())
        if name_start is None:
            return None
        person = _person(prose[name_start : match.end()])
        if person is None:
            return None
        people.append(person)
        spans.append((name_start, match.end()))
    return tuple(_shared_surnames(prose, spans, people)) or None


def _each_people(prose: str, spans: list[tuple[int, int]]) -> list[tuple[Person, ...] | None]:
    """The people of each name of a list, one attribution a name ("Getty and Naumov show")."""
    people = [_people(prose, start, end) for start, end in spans]
    shared = _shared_surnames(prose, spans, [None if p is None else p[0] for p in people])
    return [None if p is None else (person,) for p, person in zip(people, shared, strict=True)]


_AND_ONLY = OnFirstUse(regex.compile, r"[ \t]+and[ \t]+|[ \t]*&[ \t]*")


def _shared_surnames(prose: str, spans: list[tuple[int, int]], people: list[Person | None]) -> list[Person | None]:
    """A lone word joined by "and" to a name with its given name shares that name's surname: two
    given names, one family ("Michael and Mary Whitby state": byzantinehistoriography,
    Metahistory), as "Getty and Naumov" is two surnames; unless the text writes the word as
    someone's surname elsewhere ("J. Arch Getty ... Getty and Oleg Naumov")."""
    people = list(people)
    for index in range(len(people) - 1):
        lone, named = people[index], people[index + 1]
        if lone is None or named is None or lone.given or " " in lone.family or not named.given:
            continue
        if _AND_ONLY.fullmatch(prose, spans[index][1], spans[index + 1][0]) and not written_as_surname(lone.family, prose):
            people[index] = Person(family=named.family, given=lone.family)
    return people


def _person(name: str) -> Person | None:
    """Given names and family name of a written name; None after a title ("General Franco") or
    for a lone grammatical word. A family name may be a word ("Charles King", "Ernest May")."""
    tokens = name.split()
    before_family = tokens[:-1]
    if any(t.rstrip(".").lower() in ACTOR_TITLES or t in STOP_WORDS for t in before_family):
        return None
    if not before_family and (tokens[0] in STOP_WORDS or tokens[0].lower() in ACTOR_TITLES):
        return None  # a word or a title alone: "scholars such as St. Augustine" (bede, Metahistory)
    if tokens[-1].endswith("ism"):
        return None  # a doctrine: "Marxism holds" (Marxist-Historiography, Metahistory)
    family_from = len(tokens) - 1
    for index, token in enumerate(tokens[:-1]):
        if token in CAPITAL_PARTICLES or token.islower():
            family_from = index
            break
    return Person(family=" ".join(tokens[family_from:]), given=" ".join(tokens[:family_from]))


# A party to a lawsuit is named like an actor with a title: "Obergefell v. Hodges (2015)" is a
# Supreme Court case (Digital Pedagogy's sexuality essay), no scholar and year.
_VERSUS = frozenset({"v", "vs"})
_WORD_BEFORE = OnFirstUse(regex.compile, r"(?r)(?P<word>\p{L}+)(?P<stop>\.)?[ \t]*(?:\n[ \t]*)?")  # read backwards


def _before(prose: str, start: int) -> str:
    """What the word before a name makes of it: "title", "determiner", "object" (of a
    preposition), "agent" (after "by": a source in "as shown by Conquest (1968)", no subject in
    "testimony by Zinoviev suggests") or "" (nothing).

    Across a full stop only a title counts ("Mr. Eden"): the word there ends the last sentence.
    """
    match = _WORD_BEFORE.match(prose, max(0, start - 40), start)
    if match is None:
        return ""
    word = match.group("word").lower()
    if word in ACTOR_TITLES or (word in _VERSUS and match.group("stop")):
        return "title"
    if match.group("stop"):
        return ""
    if word in DETERMINERS:
        return "determiner"
    if word in PREPOSITIONS:
        return "object"
    return "agent" if word == "by" else ""


def _sentence_initial(prose: str, start: int) -> bool:
    """Whether ``start`` opens a sentence, a paragraph or the text."""
    position = start - 1
    newlines = 0
    while position >= 0 and (prose[position] in " \t\n*_“\"‘'(>-" or prose[position] == "\u00a0"):
        newlines += prose[position] == "\n"
        position -= 1
    if position < 0 or newlines >= 2:
        return True
    if prose[position] == ".":
        return _ABBREVIATION_BEFORE.search(prose, max(0, position - 8), position + 1) is None
    return prose[position] in "!?:…"


# A full stop that ends an abbreviation or an initial, not a sentence: "cf. Carr", "E. H. Carr".
_ABBREVIATION_BEFORE = OnFirstUse(regex.compile, 
    r"(?:(?<![\p{L}])(?i:cf|e\.g|i\.e|viz|ca|c|pp?|vol|no|ch|esp|etc|mr|mrs|ms|dr|st)|(?<![\p{L}])\p{Lu})\.$"
)


def _plausible(prose: str, found: _Found, listed: dict[str, frozenset[str]]) -> bool:
    """A lone capitalised word at a sentence start ("Evidence suggests") needs the text to capitalise
    it elsewhere, or its own list of works cited to open an entry on it ("Rosner includes …" with
    "Rosner, Daniela K." listed: praxis, Digital Pedagogy); not one cited with its year or page
    ("... ancient times. (Teng 131) The ...")."""
    if len(found.authors) != 1 or found.authors[0].given or " " in found.authors[0].family:
        return True
    if found.year or found.locator or found.authors[0].family in listed:
        return True
    if not _sentence_initial(prose, found.start):
        return True
    word = found.authors[0].family
    # (a title's first word is no evidence: "In what respect is *Defactoring 'Pace of Change'* a critical work?" leaves
    # "Defactoring traces that process" a gerund: 083, Defactoring Pace of Change)
    return any(
        position != found.start and not prose[position - 1 : position].isalpha() and prose[position - 1 : position] not in _OPENING_MARKS
        and not prose[position + len(word) : position + len(word) + 1].islower() and not _sentence_initial(prose, position)
        for position in _occurrences(prose, (word,))  # str.find: a regex over the whole text was slower
    )


_OPENING_MARKS = frozenset("*_“\"‘'")


# A stretch the text sets in italics as Markdown writes them, or in quotation marks, on one line: a title's marks
# (a mark doubled, bold, is no title's).
_SET_IN_MARKS = OnFirstUse(regex.compile,
    r"(?<![*])\*(?P<a>[^*\n]{1,120})\*(?![*])|(?<![_\w])_(?P<b>[^_\n]{1,120})_(?![_\w])"
    r"|“(?P<c>[^”\n]{1,120})”|\"(?P<d>[^\"\n]{1,120})\""
)


def _set_in_marks(prose: str) -> frozenset[str]:
    """Every stretch the text sets in italics or quotation marks, once over the text."""
    return frozenset(match.group(match.lastgroup) for match in _SET_IN_MARKS.finditer(prose))


def _titles_set(prose: str, found: list[_Found], listed: dict[str, frozenset[str]]) -> list[_Found]:
    """``found`` but the names of more than one word with a year that no list of works cited holds, given no
    page, that the text sets whole, elsewhere, in italics or quotation marks: a work's title, the year beside it
    the work's ("caption="Destination Earth (1956)"" where the lesson writes "*Destination Earth*" for the film it
    studies: introduction-to-ffmpeg, Programming Historian). A person's name is not set so; in bold it may be
    ("**Andreas Vesallius**": modern-medicine, Metahistory), and a short title with its page cites its work
    ("(Ecclesiastical History, 41)": bede). The marked stretches are gathered once, and only when a name may be
    one (a pass over the text: a twentieth of the stage's time on a book)."""
    doubtful = [
        f for f in found
        if f.year and len(f.authors) == 1 and f.authors[0].given and f.authors[0].family not in listed and not f.locator
    ]
    if not doubtful:
        return found
    marked = _set_in_marks(prose)
    titles = {id(f) for f in doubtful if str(f.authors[0]) in marked}
    return [f for f in found if id(f) not in titles]


# An entry of a list of works cited that opens on its first author's surname, a comma and a given name or
# initial ("Rosner, Daniela K. “Extraordinary Materials.” …", "McTighe Musil, Caryn. …"), a bullet maybe before;
# or on a name its bearer writes in lower case ("hooks, bell. …": affect, Digital Pedagogy).
_ENTRY_AUTHOR = OnFirstUse(regex.compile,
    r"(?m)^[ \t>*+-]*(?:(?P<family>(?:" + _PARTICLE + r"[ \t]+)?" + _CAPWORD + r"(?:[ \t]" + _CAPWORD + r")?),[ \t]+"
    r"(?P<given>" + _CAPWORD + r"|" + _INITIAL + r")"
    r"|(?P<family>\p{Ll}[\p{Ll}\p{M}-]+),[ \t]+(?P<given>\p{Ll}[\p{Ll}\p{M}-]+)(?=[.,][ \t]))"
)


def listed_authors(document: Document) -> dict[str, frozenset[str]]:
    """The first authors the document's own lists of works cited name, each surname with its given
    names' first words: evidence, beside the name's place in the prose, that a name is a scholar the
    essay cites (a document with no such list gives none)."""
    text = document.source.text
    names: dict[str, set[str]] = {}
    for start, end in _reference_lists(document):
        for entry in _ENTRY_AUTHOR.finditer(text, start, end):
            names.setdefault(entry.group("family"), set()).add(entry.group("given").rstrip("."))
    return {family: frozenset(given) for family, given in names.items()}


# The people of an entry of a list of works cited: from its first author's surname to its title's opening mark
# or the line's end ("Dunne, Anthony and Fiona Raby. *Design Noir …*"), no further than a long list of names.
_ENTRY_PEOPLE = OnFirstUse(regex.compile, r"[^\n*_“\"]{0,200}")


def listed_people(document: Document) -> dict[str, tuple[str, ...]]:
    """Each first author of the document's lists of works cited with the people part of each entry that
    author opens (:data:`_ENTRY_PEOPLE`): which names the list records together as one work's authors."""
    text = document.source.text
    people: dict[str, list[str]] = {}
    for start, end in _reference_lists(document):
        for entry in _ENTRY_AUTHOR.finditer(text, start, end):
            part = _ENTRY_PEOPLE.match(text, entry.start("family"), end)
            people.setdefault(entry.group("family"), []).append(part.group())
    return {family: tuple(parts) for family, parts in people.items()}


def _recorded_together(first: str, other: str, people: dict[str, tuple[str, ...]]) -> bool:
    """Whether an entry the list opens on ``first`` names ``other`` among its people."""
    return any(_word_in(other, part) for part in people.get(first, ()))


def _word_in(word: str, text: str) -> bool:
    return any(not text[p - 1 : p].isalpha() and not text[p + len(word) : p + len(word) + 1].isalpha()
               for p in _found(text, word))


_AND_THEN = OnFirstUse(regex.compile, r"[ \t]+(?:and|&)[ \t]+")


def _recorded_pairs_in_prose(prose: str, people: dict[str, tuple[str, ...]]) -> Iterator[_Found]:
    """Each place the prose names two people joined by "and" as the list of works cited records them, the
    first a work's first author and the second another of its people: "the ‘design noir’ of Dunne and Raby"
    for "Dunne, Anthony and Fiona Raby. *Design Noir …*" (hacking, Digital Pedagogy) credits their book, as
    a verb would; two names of the history seldom pair as a list's authors do."""
    for family, parts in people.items():
        if not any(_AND_THEN.search(part) for part in parts):
            continue
        for position in _occurrences(prose, (family,)):
            end = position + len(family)
            if prose[position - 1 : position].isalpha() or prose[end : end + 1].isalpha():
                continue
            joined = _AND_THEN.match(prose, end)
            name = NAME_AT.match(prose, joined.end()) if joined else None
            other = _person(name.group()) if name else None
            if other is None or other.family == family or not _recorded_together(family, other.family, people):
                continue
            if _LISTING_LINE.match(prose, prose.rfind("\n", 0, position) + 1) is None:
                yield _Found(position, name.end(), (Person(family=family), other))


# A line of a listing, not prose: a bullet's item or a label and its colon ("* Creators: Meredith Martin and Meagan
# Wilson (Princeton University)": poetry; '* "#1WkNoTech" Rob Wittig and Mark C. Marino, http://…': interface).
_LISTING_LINE = OnFirstUse(regex.compile, r"[ \t]*(?:[*+-][ \t]|\p{Lu}[\p{L} ]{0,40}:)")


def _apart(found: list[_Found], prose: str, people: dict[str, tuple[str, ...]]) -> list[_Found]:
    """Names joined as one work's authors that the list of works cited gives each a work of their own and
    records together in none, each an attribution of its own: "Root-Bernstein and Feynman’s autobiography"
    credits Root-Bernstein's *Discovering* and Feynman's *Surely You're Joking* (hacking, Digital
    Pedagogy)."""
    result = []
    for item in found:
        families = [person.family for person in item.authors]
        if len(families) < 2 or not all(family in people for family in families) or any(
            _recorded_together(first, other, people) or _recorded_together(other, first, people)
            for index, first in enumerate(families) for other in families[index + 1 :]
        ):
            result.append(item)
            continue
        starts = [prose.find(family, item.start, item.end) for family in families]
        if any(start < 0 for start in starts) or starts != sorted(starts):
            result.append(item)
            continue
        for index, (person, start) in enumerate(zip(item.authors, starts)):
            result.append(replace(item, start=item.start if index == 0 else start,
                                  end=start + len(person.family), authors=(person,)))
    return result


# The given names and initials right before a surname, read backwards: "Daniela K. ", "T. Mills ".
_GIVEN_NAMES_BEFORE = OnFirstUse(regex.compile,
    r"(?r)(?<![\p{L}\p{M}'’.-])(?P<given>(?:" + _CAPWORD + r"|" + _INITIAL + r"|\p{Lu}\.?)(?:[ \t]{1,3}(?:" + _CAPWORD + r"|" + _INITIAL
    + r"|\p{Lu}\.?)){0,2})[ \t]{1,3}\Z"
)


# What follows a listed scholar's surname that says the prose credits them: a possessive and a word after the whole
# name ("Zach Whalen's Google Spreadsheet version", "Mike Rose's classroom stoics"), after the surname alone a title, a
# work or a view ("Baron's deceptively simple in-class exercise", "Browne's theory"; "Foucault’s desire to question" is
# the essay's subject: in-defense-of-madness, Metahistory), or a verb in the present
# or past, maybe after an adverb or a participle's aside ("Rosner includes", "Helen Burgess tells her students", "Ryan
# Cordell had published", "Omise'eke Tinsley, discussing the black queer diasporas of the Caribbean, brings"), "et al."
# before either ("Anne Burdick et al.’s [“A Short Guide …”]"; a generation's "Jr." or "Sr." before a possessive: "James
# Brown, Jr.’s “Writing with machines …”", iteration), or a co-author and a verb or possessive ("Joo Tan and
# John Phillips take the topic", digital_divides; "Croxall and Warnick's keyword", public): Digital Pedagogy.
# Irregular past tenses a writer reports a listed scholar's account with ("the standards that Henry Bates laid
# out on the first page of his book": union, Campus Histories), read like "-ed" ones: only with a year, a title or
# the scholar's own work in the sentence (_with_sentence_facts).
_IRREGULAR_PAST = r"laid|set|put|found|held|saw|thought|took|brought|kept|meant|told|said|drew|chose|spoke"
_LISTED_SIGNAL = OnFirstUse(regex.compile,
    r"(?P<possessive>(?:,?[ \t]+et[ \t]+al\.?|,?[ \t]+[JS]r\.)?(?:['’]s|(?<=[sl.])['’])[ \t]+)(?=[\p{L}“\"‘*_\[])"
    r"(?P<work>[\p{Lu}“\"‘*_\[]|(?:[\p{Ll}-]+[ \t]+){0,3}(?:" + WORK_NOUNS + "|" + _VIEW_NOUNS
    + r"|" + IDEA_NOUNS + r")(?![\p{L}]))?"
    r"|(?:,[ \t]+\p{Ll}+ing[ \t][^,.;:()\n“”\"]{1,100},)?[ \t]+(?:\p{Ll}+ly[ \t]+)?(?!(?:was|does|goes|perhaps|always)(?![\p{L}]))"
    r"(?:has|have|\p{Ll}{2,}s(?<![iu]s|ss)|(?P<past>had|led|wrote|taught|built|gave|made|" + _IRREGULAR_PAST + r"|\p{Ll}{2,}ed))(?![\p{L}'’-])"
    r"|[ \t]+(?:and|&)[ \t]+(?:" + _CAPWORD + r"|" + _INITIAL + r")(?:[ \t]+(?:" + _CAPWORD + r"|" + _INITIAL + r")){0,2}"
    r"(?:[ \t]+(?!(?:of|in|and|the|to|for|on|at|with|from|as|is|was|were|are)(?![\p{L}]))\p{Ll}{2,}(?![\p{L}'’-])"
    r"|(?:['’]s|(?<=s)['’])[ \t]+[\p{L}“\"‘*_\[])"
)
# A past tense that reports the words it quotes ("Barchus explained that “prior to these two spectacles …”":
# authorship, Digital Pedagogy): the quotation is the scholar's work, as a year or a title would be.
_QUOTED_AFTER_PAST = OnFirstUse(regex.compile,
    r"[ \t]+(?:\p{Ll}+ly[ \t]+)?(?:" + _IRREGULAR_PAST + r"|\p{Ll}{2,}ed)(?:[ \t]+that)?[,:]?[ \t]+[“\"]"
)


# A preposition or a verb in the present before a listed scholar's whole name, as the list gives it, perhaps a title
# between: "a graphical rendition … by Kevin Brock" (iteration), "the recent work of Laura McGrath" (collaboration),
# "To draw on Edouard Glissant" (diaspora), 'Observes Project Director Janelle Jenstad: "…"' (interface): Digital
# Pedagogy; not "with" ("conversations with Amy Earhart": labor's thanks).
_LISTED_FRAME = OnFirstUse(regex.compile,
    r"(?<![\p{L}])(?:by|of|on|from|\p{L}\p{Ll}+s(?<!ss|us|is|\p{Lu}\p{Ll}s))[ \t]+(?:(?:Dr|Prof)\.?[ \t]+|(?:\p{Lu}\p{Ll}+[ \t]+){1,2})?\Z"
)
# A line opening on a label and a colon: "* Creator: ", "- Creators and Affiliation: ".
_LABEL_LINE = OnFirstUse(regex.compile, r"(?m)^[ \t]*(?:[*+-][ \t]+)?\p{Lu}[\p{L} ]{0,40}:")


def _listed_in_prose(prose: str, listed: dict[str, frozenset[str]]) -> Iterator[_Found]:
    """Each place the prose credits a scholar its list of works cited opens an entry on: the surname
    with a signal after it (_LISTED_SIGNAL) or, named whole, a frame before it (_LISTED_FRAME); the
    name starts at the given name the list gives, a title before it left out ("Project Director
    Janelle Jenstad" for "Jenstad, Janelle")."""
    for family, givens in listed.items():
        if family.islower():
            continue  # also a common word ("hooks"): only the whole name counts (_listed_in_lower_case)
        for position in _occurrences(prose, (family,)):
            end = position + len(family)
            if prose[position - 1 : position].isalpha() or prose[end : end + 1].isalpha():
                continue
            start, given = position, ""
            before = _GIVEN_NAMES_BEFORE.search(prose, max(0, position - 40), position)
            if before is not None:
                for word in _GIVEN_WORD.finditer(prose, before.start("given"), before.end("given")):
                    first = word.group().rstrip(".")
                    if any(first == g or (len(first) == 1 and g.startswith(first)) for g in givens):
                        start, given = word.start(), prose[word.start() : before.end("given")]
                        break
            if _LABEL_LINE.search(prose, max(0, prose.rfind("\n", 0, start) + 1), start) is not None:
                continue  # a field of a listing: "* Creator: Daniela K. Rosner"
            signal = _LISTED_SIGNAL.match(prose, end)
            if signal is not None and not (signal.group("possessive") and signal.group("work") is None and not given):
                yield _Found(start, end, (Person(family=family, given=given),), needs_work=signal.group("past") is not None)
            elif given and (_LISTED_FRAME.search(prose, max(0, start - 40), start) is not None or _whole_link_text(prose, start, end)):
                yield _Found(start, end, (Person(family=family, given=given),))
            elif _quoted_then_paged(prose, end):
                yield _Found(start, end, (Person(family=family, given=given),))


_OPENING_QUOTE = OnFirstUse(regex.compile, r"[“\"]")
_QUOTATION_THEN_PAGE = OnFirstUse(regex.compile,
    r"[“\"][^“”\"\n]{1,600}[”\"][ \t]*\((?:pp?\.[ \t]*)?(?:\d{1,4}(?:-{1,2}|–)?\d{0,4}|n\.[ \t]*pag\.?)\)"
)


def _quoted_then_paged(prose: str, end: int) -> bool:
    """Whether the sentence of a name goes on to a quotation closed by a parenthesis of its page alone, MLA's
    citation of that name's words ("Butler's goal, at the time, was to "identify categories …" (n. pag.)":
    diaspora, Digital Pedagogy)."""
    opening = _OPENING_QUOTE.search(prose, end, min(len(prose), end + 200))
    if opening is None or _SENTENCE_END.search(prose, end, opening.start()) is not None:
        return False
    return _QUOTATION_THEN_PAGE.match(prose, opening.start()) is not None


# A link whose whole text is the name: masked prose keeps its words between the blank of the opening bracket and
# the four or more blanks of the address ("guides … from [Maggie Hobson-Baker](…), [William and Mary](…), [Joseph
# Adelman](…)": public, Digital Pedagogy), as no writer types; not with life dates after it, a link to the
# person ("[Adam Smith](…wiki/Adam_Smith) (1723-1790)": Scottish-Enlightenment, Metahistory).
_LINK_OPENING = OnFirstUse(regex.compile, r"(?:^|[ \t,;(])[ \t]\Z")
_LINK_CLOSING = OnFirstUse(regex.compile, r"[ \t]{4}(?![ \t]*\(\d)")


def _whole_link_text(prose: str, start: int, end: int) -> bool:
    """Whether the name from ``start`` to ``end`` is the whole text of a link."""
    return (_LINK_CLOSING.match(prose, end) is not None
            and _LINK_OPENING.search(prose, max(0, start - 2), start) is not None)


_GIVEN_WORD = OnFirstUse(regex.compile, r"[^ \t]+")


def _listed_in_lower_case(prose: str, listed: dict[str, frozenset[str]]) -> Iterator[_Found]:
    """Each place the prose writes whole, in its lower case, a name the list of works cited gives in lower
    case ("bell hooks critique of …" for "hooks, bell": affect, Digital Pedagogy): a style only its bearer's
    name has, so it needs no other signal."""
    for family, givens in listed.items():
        if not family.islower():
            continue
        for given in givens:
            for start in _occurrences(prose, (f"{given} {family}",)):
                end = start + len(given) + 1 + len(family)
                if not prose[start - 1 : start].isalpha() and not prose[end : end + 1].isalpha():
                    yield _Found(start, end, (Person(family=family, given=given),))


def _merge(candidates: Iterable[_Found]) -> list[_Found]:
    """One attribution per name: candidates at the same name are merged, ones inside another dropped."""
    by_start: dict[int, _Found] = {}
    for found in candidates:
        known = by_start.get(found.start)
        if known is None:
            by_start[found.start] = found
            continue
        by_start[found.start] = replace(
            known,
            end=max(known.end, found.end),
            authors=known.authors if len(known.authors) >= len(found.authors) else found.authors,
            year=known.year or found.year,
            title=known.title or found.title,
            locator=known.locator or found.locator,
            whole=known.whole or found.whole,
            needs_work=known.needs_work and found.needs_work,  # another signal needs no year or title
        )
    merged: list[_Found] = []
    for found in sorted(by_start.values(), key=lambda f: (f.start, -f.end)):
        if merged and found.start < merged[-1].end:
            continue
        merged.append(found)
    return merged


# --------------------------------------------------------------------------------------------
# What is prose


# Roles whose text is read as prose (everything else a reader marks is blanked out).
PROSE_ROLES = frozenset({"prose", "quotation", "emphasis"})


def masked_prose(document: Document) -> str:
    """The text of ``document`` with everything but body prose blanked out (offsets unchanged),
    its lists of references too; a no-break space reads as a blank."""
    text = _plain_blanks(document.source.text)
    path = document.source.path
    spans = [part for note in document.notes for part in (note.span, *note.parts)]
    spans += [item.span for item in (*document.markers, *document.citations)]
    spans += [region.span for region in document.regions if region.role not in PROSE_ROLES]
    spans += [Span(path, start, end) for start, end in _reference_lists(document)]
    spans += _hard_broken_lines(document)
    blanked = _union((max(0, span.start), min(span.end, len(text))) for span in spans if span.path == path)
    pieces, position = [], 0
    for start, end in blanked:
        if text.count("\n", start, end):
            pieces += (text[position:start], "\n".join(" " * len(line) for line in text[start:end].split("\n")))
        else:
            pieces += (text[position:start], " " * (end - start))  # a marker: no line to keep
        position = end
    pieces.append(text[position:])
    prose = "".join(pieces)
    # Text in italics reads as Markdown writes it: *Title*.
    starts = [start for start, _ in blanked]
    stars = sorted(
        position
        for region in document.regions
        if region.role == "emphasis" and region.span.path == path and region.span.start >= 1 and region.span.end < len(text)
        if _inside(blanked, starts, region.span.start - 1) and _inside(blanked, starts, region.span.end)
        for position in (region.span.start - 1, region.span.end)
    )
    if not stars:
        return prose
    pieces, position = [], 0
    for star in stars:
        pieces += (prose[position:star], "*")
        position = star + 1
    pieces.append(prose[position:])
    return "".join(pieces)


# Blanks a writer or a converter types that no pattern's "[ \t]" reads: "(DeRose et al.\u00a01990)" (Defactoring
# Pace of Change, 082). One character each, so offsets hold; looked for before replaced, a pass of str's own speed.
_WIDE_BLANKS = ("\u00a0", "\u202f", "\u2007")


def _plain_blanks(text: str) -> str:
    for blank in _WIDE_BLANKS:
        if blank in text:
            text = text.replace(blank, " ")
    return text


# A line of number signs and words, with no blank between them: a Markdown heading as a writer may type it, which
# the reader takes for text ("##WORKS CITED": iteration and textanalysis, Digital Pedagogy).
_UNSPACED_HEADING = OnFirstUse(regex.compile, r"#{1,6}(?P<words>[^#\s][^\n]*)")
_LIST_WORDS = OnFirstUse(regex.compile,
    r"[ \t*_]*(?i:works[ \t]+cited|works[ \t]+consulted|bibliography|references|related[ \t]+materials|further[ \t]+reading)[ \t*_]*"
)


def _reference_lists(document: Document) -> tuple[tuple[int, int], ...]:
    """The document's lists of references (:func:`.sections.reference_lists`), and in Markdown those
    under a heading typed with no blank after its number signs, each up to the next such line that names
    no list, or the end of the text. Lines that open on "#" are looked for by ``str.find``."""
    text = document.source.text
    lists = list(reference_lists(document))
    if document.format != "markdown":
        return tuple(lists)
    start = None
    for position in (0, *(p + 1 for p in _occurrences(text, ("\n#",)))):
        heading = _UNSPACED_HEADING.match(text, position)
        if heading is None:
            continue
        names_a_list = _LIST_WORDS.fullmatch(heading.group("words").rstrip()) is not None
        if start is not None and not names_a_list:
            lists.append((start, position))
            start = None
        elif start is None and names_a_list:
            start = heading.end()
    if start is not None:
        lists.append((start, len(text)))
    return tuple(lists)


# A hard line break in markup ("<br />", "<br>"), the last thing on its line.
_LINE_BREAK = OnFirstUse(regex.compile, r"(?i)<br[ \t]*/?>[ \t]*(?:\r?\n|\Z)")


def _hard_broken_lines(document: Document) -> list[Span]:
    """Each line that ends in a hard break, with the line after it: a block of short lines (a
    course's teacher, term and "based on assignments by ..." under an artifact, its links, Digital
    Pedagogy's iteration essay) is a listing, no prose."""
    text, path = document.source.text, document.source.path
    spans = []
    for region in document.regions:
        if region.role == "markup" and region.span.path == path and _LINE_BREAK.match(text, region.span.start, region.span.end + 16):
            start = text.rfind("\n", 0, region.span.start) + 1
            after = text.find("\n", region.span.end)
            end = text.find("\n", after + 1) if after >= 0 else -1
            spans.append(Span(path, start, len(text) if end < 0 else end))
    return spans


def _union(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-empty ``(start, end)`` spans merged where they overlap or touch, in order."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _inside(spans: list[tuple[int, int]], starts: list[int], position: int) -> bool:
    index = bisect.bisect_right(starts, position) - 1
    return index >= 0 and position < spans[index][1]
