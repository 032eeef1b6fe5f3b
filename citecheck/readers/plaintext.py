"""The plain-text reader: book text converted from ebooks and OCR.

Converted text has lost its superscripts, so a note marker is whatever short number touches a
word, a quote or a sentence end (``Stalin.25``, ``fist.’43``, ``Rudzutak100``, ``May 193931``),
and so are many things that are not markers. Patterns alone cannot tell them apart; the note
sequence can. The reader works in three steps:

1. *Layout*: split the text into headings, note texts (``12.`` / ``^{12.}`` / ``- 12.`` /
   ``[12]`` / ``[FN#12]`` / ``[Footnote 12: …]`` lines, Notes sections, continuations after a page break) and
   body text.
2. *Candidates*: every plausible marker in the body, with a score for its style.
3. *Sequence*: the best increasing path through the candidates by dynamic programming, where
   skipping a number costs, numbering may restart at a chapter, and a candidate one misread digit
   away from the expected number may be taken at a price (reported by CC105).
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import math
import operator
import re
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from citecheck.model import Document, Marker, Note, is_subnote, next_unextended
from citecheck.patterns import OnFirstUse, regex
from citecheck.readers.pagekeys import ROMAN, page_key, roman_value
from citecheck.source import SourceFile, Span

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
MAX_NOTE_NUMBER = 999

# --------------------------------------------------------------------------------------------
# Layout

NOTES_HEADING = OnFirstUse(regex.compile,
    # named for the part whose notes it gathers, before or after the word: ``NOTES TO BOOK I``
    # (Herodotus), ``BOOK 1 FOOTNOTES:``, ``PREFACE FOOTNOTES`` (Josephus's Antiquities, 2848), after
    # the work's short name (``ANT PREFACE FOOTNOTES``, its first transcription)
    r"^[ \t]*(?:(?P<part>(?:\p{Lu}{2,5}\.?[ \t]+)?(?:PREFACE|Preface|INTRODUCTION|Introduction|APPENDIX|Appendix"
    r"|(?:BOOK|Book|PART|Part|CHAPTER|Chapter)[ \t]+(?:\d{1,3}|[IVXLC]{1,7})))\.?[ \t]+)?"
    # (``notes`` in lower case only after ``foot``/``end``: ``notes to his composition: once in the
    # theme…`` is a quotation's wrapped line in Thayer's Beethoven, 43592)
    # the word in the other languages of the corpus, in capitals as a heading prints it: Dutch
    # ``AANTEEKENINGEN`` (van der Willigen's Reize door Frankrijk, 20465), Spanish ``NOTAS:``; German
    # capitalises its nouns: ``Fußnoten:`` after each tale of the Isländische Märchen und Volkssagen (69456)
    r"(?:(?i:foot|end)?(?:NOTES|Notes)|(?i:foot|end)notes|FOOTNOTES|ENDNOTES|AANTEE?KENINGEN|ANMERKUNGEN|NOTAS"
    r"|Fußnoten|FUSSNOTEN)"
    r"(?:[ \t]+(?i:to|for)[ \t]+(?P<part>\S.{0,60}))?[ \t]*:?[ \t]*$",
    regex.MULTILINE,
)
CHAPTER_HEADING = OnFirstUse(regex.compile,
    # ``Chapter IV``, ``PART THREE``, ``Book the First``: capitalised, as a heading is printed; a
    # wrapped line of prose or of a note may start ``part are cooler? For…`` (Herodotus, 2707)
    # (after the work's short name in a Notes section: ``Ant. BOOK 1``, Josephus's first transcription)
    r"^[ \t]*(?:(?:\p{Lu}\p{Ll}{1,4}\.[ \t]+)?(?:Chapter|CHAPTER|Part|PART|Book|BOOK)[ \t]+(?:the[ \t]+)?(?:\d{1,3}|[IVXLC]{1,7}|\p{Lu}\p{L}{2,11})\b[^\n]{0,80}"
    r"|\d{1,2}[ \t]+\p{Lu}[\p{Lu}\p{Pd}\p{Pi}\p{Pf}’'.,:; \t]{2,80}"
    # a number alone: a chapter or section number (or a page number); it may keep its stop
    # (``XIV.`` over each essay of Tyrrell's Faith of the Millions, 10139, its notes gathered after it;
    # ``13.`` over each piece of the German Science Reader, 22627, and again over its notes)
    r"|\d{1,3}\.?|[IVXLC]{1,7}\.?)[ \t]*$",
    regex.MULTILINE,
)
# A section's number with its stop is a heading between blank lines (``13.``); right under a line it
# ends a wrapped locator (``the figure for the first quarter is on l.`` / ``15.``).
NUMBER_WITH_STOP = OnFirstUse(regex.compile, r"[ \t]*\d{1,3}\.[ \t]*$", regex.MULTILINE)
# A number alone on its line (CHAPTER_HEADING's last alternatives), and the ends of a sentence
# running through it: the line before it stops on a lower-case letter, the text after opens on one.
LONE_NUMBER = OnFirstUse(regex.compile, r"[ \t]*(?:\d{1,3}|[IVXLC]{1,7})\.?[ \t]*$", regex.MULTILINE)
ENDS_MID_SENTENCE = OnFirstUse(regex.compile, r"\p{Ll}[ \t]*$", regex.MULTILINE)
OPENS_LOWER_CASE = OnFirstUse(regex.compile, r"[ \t]*\p{Ll}")
# The symbols of an editor's notes, each used again doubled or tripled when a paragraph needs
# more (``^*``, ``^**``, ``^!``, ``^!!``, ``^!!!``, ``^@``, ``^@@``: Gibbon's early transcriptions).
EDITOR_SYMBOL = r"\*{1,3}|!{1,3}|@{1,3}|[†‡§]{1,2}"
# A ``[Footnote n: …]`` label, or ``[Footnote *: …]`` for an editor's note on a ``^*``/``^!`` marker.
# Conversion damages it: the number wraps to the next line (``[Footnote\n25: Herodian``, Gibbon's
# first transcription), a bracket closes the number (``[Footnote 496]: Roger``, Gibbon vol. 6), the
# colon is lost (``[Footnote * A considerable``), spaced (``[Footnote 55 :``) or put before the
# number (``[Footnote:28 Known as``, Livy's Roman History; ``[Footnote: 1 Rushworth``, Lingard's
# History of England; both e-texts of 2004; ``[Footnote :1 _La Vie``, Excellent Women, 10129), with
# its own colon after it too (``[Footnote: 10: 'to speak plainly``, MacDonald's Hamlet, 10606). A letter may label it (``[Footnote a: …]`` for a ``*a``
# marker, Tocqueville's Democracy in America, 815) and a star may stand before the word
# (``[*Footnote: …]``, ``[**Footnote: …]``, Kant's Critique of Pure Reason, 4280). Closed by its bracket
# with no colon, it is no label but the marker (``[Footnote 3] and Narbonnese Gaul``, ``[Footnote 18 ] in``,
# wrapped to a line's start: Guizot's Representative Government, 61250).
# ``[A: text]``: the transcriber's lettered ``[Footnote A: text]`` with the word left out
LETTERED_FOOTNOTE_LABEL = r"\[(?P<symbol>[A-Z]{1,2}):[ \t]*(?=\S)"
# ``[2: Cette vie est attribuée…]``: a numbered ``[Footnote 2: …]`` with the word left out, read to
# its bracket (Peignot's Tombeau de Virgile, 17602, gathers its notes so under ``*Notes*``); a space
# after the colon, as a verse's reference opening a line (``[12:3]``) has none
WORDLESS_FOOTNOTE_LABEL = r"\[(?P<gutenberg>\d{1,4}):[ \t]+(?=\S)"
# An editor's note added after a numbered one, starred: ``[4*]`` beside ``[4]``, its ``[Footnote 4*: …]``
# or ``[Footnote 7* (from Emendations): …`` (Skeat's Havelok the Dane, revised by Sisam, 32049)
STARRED_NUMBER = r"\d{1,4}\*{1,2}"
_FOOTNOTE_LABEL = (
    r"\[(?:Footnote(?:[ \t]+|[ \t]*\n[ \t]*|[ \t]*:[ \t]*(?=\d{1,4}[ \t:]))"
    r"(?:(?P<gutenberg>\d{1,4})|(?P<symbol>" + EDITOR_SYMBOL + r"|[a-z](?=\]?[ \t]*:)|[A-Z][A-Za-z]?(?=[ \t]*:)|" + STARRED_NUMBER + r"))"
    r"(?:\]?[ \t]*:|(?=[ \t]+[^\s\]]))|(?P<symbol>\*{1,3})Footnote[ \t]*:)[ \t]*"
)
_LINE_OF_PAGE = r"(?:ll?\.|[Ll]ines?)[ \t]*\d{1,4}(?:[-–]\d{1,4})?"
_NOTE_LABELS = (
    _FOOTNOTE_LABEL +
    # ``^{12.}``, also as conversion leaves it: ``^{ 12 }``, ``^{18. &}quot;Stalin…`` (an HTML entity cut)
    r"|\^\{[ \t]?(?P<caret>\d{1,4})\.?[ \t]?&?\}(?:quot;|amp;|apos;|#\d{1,5};)?[ \t]*"
    # ``\(^1\) Histoire Naturelle…``: a superscript as OCR that writes Markdown and LaTeX sets it
    # (Carpenter's Antedon, Phil. Trans. 1866, as OLMoCR read it)
    r"|\\\(\^\{?(?P<caret>\d{1,4})\}?\\\)[ \t]*(?=\S)"
    # ``Page 18. The…``, ``P. 18, l. 4. The…``, ``18. line 4. The…``: a note keyed to the page (and
    # line) it is for, with no marker, flush left under a Notes heading, as annotated editions print
    # it (:mod:`citecheck.readers.pagekeys`; Whittier's ``Note 1, page 18.`` is the word's form below)
    # (the part named before the page: ``INTRODUCTION. Page 6. _Cazotte et Sombreuil…_``, Monselet's
    # Histoire anecdotique du tribunal révolutionnaire, 63319)
    r"|(?<![ \t])(?:(?:(?:INTRODUCTION|PREFACE)\.[ \t]+)?(?:Page|PAGE|P\.)[ \t]+(?P<page>\d{1,4})(?:,[ \t]*" + _LINE_OF_PAGE + r")?"
    r"|(?P<page>\d{1,4})\.[ \t]+" + _LINE_OF_PAGE + r")\.[ \t]+(?=[\p{Lu}\p{Pi}“\"'_])"
    r"|(?P<dash>[-–—•][ \t]*)?(?P<dot>\d{1,4})\.(?:[ \t]+(?=\S)|[ \t]*$)"
    # ``Note 1, page 18. The reader may…``: a note named by the word, keyed to the page it is on,
    # flush left under a Notes heading (Whittier's Songs of Labor and Reform, 9579)
    r"|(?<![ \t])(?:Note|NOTE)[ \t]+(?P<noteword>\d{1,3})[.,:][ \t]*(?=\S)"
    # ``NOTE II.`` alone on its line over the page it keys the note to (``PAGE 35 (43); line 13.--``),
    # an editor's notes at the book's end (Hutchinson's Wordsworth, Poems in Two Volumes, 8774)
    # (a note only with its page key: :func:`_is_note`)
    r"|(?<![ \t])(?:Note|NOTE)[ \t]+(?P<noteroman>" + ROMAN + r")\.[ \t]*$"
    # ``12 Harlow, Bread…``, ``44   13 and 14 Car. II.`` (a padded label): taken only if it reads as a note
    r"|(?P<bare>\d{1,3})(?:[ \t]+(?=[\p{Lu}“\"])|[ \t]{2,}(?=\d))"
    # ``*Footnote: Space is merely…``, ``*[2]Footnote: There are some…``: Kant's Critique of Pure
    # Reason (4280) where the transcription lost the bracket before the star
    r"|(?P<symbol>\*{1,3})(?:\[\d\])?Footnote[ \t]*:[ \t]*"
    # ``[Footnote: The Germans are…`` with no label: a star's note whose star the transcription
    # left out (Kant's Critique of Pure Reason, 4280); an empty symbol, read as ``*``
    r"|\[Footnote:(?P<symbol>)[ \t]*(?=[^\s\d])"
    r"|\((?P<symbol>[*+†‡§])\)[ \t]+(?=\S)"  # ``(*) Duke Lodovico was…``: a symbol note
    # ``[*] Ueber die körperliche Verschiedenheit…`` flush left after the paragraph whose ``mihi [*]``
    # it answers: a symbol note in brackets (Forster's De Plantis Esculentis, 34914)
    r"|(?<![ \t])\[(?P<symbol>\*{1,3}|[†‡§]{1,2})\][ \t]+(?=[\p{Lu}“\"‘'_])"
    r"|\((?P<symbol>\*{1,7})[ \t]?(?=[^\s)])"  # ``(* This spring produced…)``, ``(**A very…)``: White's Selborne
    # ``* Lest any one…``, ``*(2) It might…`` flush left (Kant's Practical Reason; an indented ``* While
    # pearls`` is a verse's second half in Burton's Nights, ``  *  Preface`` an item of a list, and so
    # is ``* INSECTS and their HABITATION.`` in a publisher's list after Clarkson's Abolition, 10633);
    # doubled or tripled for a paragraph's second or third (``* See Vol. V. Letter XX.`` over
    # ``** Ibid.  See Letter XXI.``: Richardson's Clarissa, 11364)
    r"|(?<![ \t])(?P<symbol>\*{1,3}(?:\(\d\))?)[ \t]+(?=[\p{Lu}\[])(?!\p{Lu}{3,}[ \t])"
    # ``*See subsequent chapters for…`` flush left, the star glued to the note's first word: a note
    # only where the star before it is a marker glued to a word or stop, the first star of its
    # paragraph (no ``*emphasis*`` it closes), none between, and no other star on the note's line:
    # Melville's Moby Dick (2701)
    r"|(?<=(?:\A|\n[ \t]*\n)[^*]{0,3000}?[\p{L}.,;:!?”’\"')]\*[^*]{1,3000})"
    r"(?<![ \t])(?P<symbol>\*)(?=\p{Lu}(?!\p{Lu}))(?![^\n*]*\*)"
    # ``† Annales de Chimie…``, ``§ Literally, "it did not…`` flush left: the dagger's and section's notes
    # (Howard's Fulminating Mercury, Phil. Trans. 1800, as OLMoCR read it)
    r"|(?<![ \t])(?P<symbol>[†‡§]{1,2})[ \t]+(?=[\p{Lu}\[“\"‘'])"
    # ``Footnote 2:   There is a mystery…``: the label's word without its brackets, the notes gathered
    # at the book's end (Long's English Literature, 10609)
    r"|Footnote[ \t]+(?P<gutenberg>\d{1,4})[ \t]*:(?:[ \t]*(?=\S)|[ \t]*$)"
    # ``[4a] "thus or in some…``, ``3a.  {ten eirenen}…``: an editor's added note (Herodotus, first transcription)
    r"|\[(?P<symbol>\d{1,4}[a-z])\][ \t]+(?=\S)|(?P<symbol>\d{1,4}[a-z])\.[ \t]+(?=\S)"
    r"|\{(?P<symbol>\d{1,4}[a-z]?)\}[ \t]+(?=\S)"  # ``{51a}  "Distinguished, new…"``: Swift's Tale of a Tub
    # ``[A] "Beethoven and His Nine Symphonies"``: a lettered note; past Z doubled, ``[AA] See Appendix
    # E.`` to ``[CR]`` (Chittenden's Yellowstone National Park, 42112), as the markers are
    r"|\[(?P<symbol>[A-Z]{1,2})\][ \t]+(?=\S)"
    # ``  [b] End of beak broken off…``: a table's lower-case lettered note under it, where a cell
    # carries the letter (True's Beaked Whales, 44785); past z the letter doubled, ``[aa] On the
    # subject of voluntary penance`` (Johnson's Works I, 10835), as the markers are
    r"|\[(?P<symbol>(?P<lower>[a-z])(?P=lower)?)\](?:[ \t]+(?=\S)|[ \t]*$)"
    # ``[A: These figures are evidently misplaced…]``: a lettered ``[Footnote A: …]`` without its word,
    # under the table whose cell carries ``6,701[A]`` (Hommaire de Hell's Travels in the Steppes, 36505)
    r"|" + LETTERED_FOOTNOTE_LABEL + r"|" + WORDLESS_FOOTNOTE_LABEL +
    # (one note for two markers in a row: ``[84 and 85] These reference marks are the author's own``,
    # Coleridge's Aids to Reflection, 44795; ``[4, 5] +die ... Seiten+; see 1 Note 10.``, one gloss for
    # the ``die[4]`` and ``die[5]`` of two sentences, the German Science Reader, 22627; or a range,
    # ``[12-13]``: see ALSO_REACH)
    r"|\[(?:FN\#)?(?P<bracket>\d{1,4})(?:[ \t]+(?:and|&)[ \t]+(?P<also>\d{1,4})|,[ \t]*(?P<next>\d{1,4})|[-–](?P<through>\d{1,4}))?\](?:[ \t]+(?=\S)|[ \t]*$|(?=[_*\p{L}“\"]))"
    r"|\((?P<paren>\d{1,3})\)(?:[ \t]+(?=\S)|(?=\p{L}))"  # ``(2)That is, all the Gentiles`` (Josephus, first transcription)
    # ``#3 The law of all progress…``, ``#32.  Diese Heiligen…``: a number sign for the note's label,
    # flush left, opening a paragraph (Acton's Lectures on Modern History, 18685, whose markers are
    # `` #n``: one wrapped to a line's start inside its paragraph, ``#84.  The name``, is a marker)
    r"|(?<=(?:\A|\n)[ \t]*\n|\A)\#(?P<hash>\d{1,3})[.:]?[ \t]+(?=\S)"
    r"|(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})\.?[ \t]*(?=\S)"
)
# ``[15] Footnote: So also Orion's Belt…``: a ``[n]`` label that the word after it names a note, on
# the line under the paragraph whose ``[15]`` it answers (Dasent's Popular Tales from the Norse, 8933)
WORDED_AFTER_LABEL = OnFirstUse(regex.compile, r"[ \t]*Footnote[ \t]*:")
LETTERED_FOOTNOTE = OnFirstUse(regex.compile, r"\[[A-Z]{1,2}:")  # how a label read as one opens
WORDLESS_FOOTNOTE = OnFirstUse(regex.compile, r"[ \t]*\[\d{1,4}:")
NOTE_START = OnFirstUse(regex.compile, r"^[ \t]*(?:" + _NOTE_LABELS + ")", regex.MULTILINE)
# A symbol note indented like a block quotation, ``     * This is an interpolation.`` under the
# paragraph whose ``Chronicle.*`` cites it, and the numbered stars a printer used where a page needs
# many (``Eugee's,*1*`` over ``     *1* Huger, who lived…``): Holyoake's Last Trial for Atheism
# (36799) and James's Life of Marion (923). The same lines are a verse's second half (Burton's
# Nights) or a list's items (``  *  Preface``, Paine's Rights of Man) elsewhere, so they are read
# as notes only where the book's evidence says so (:func:`_indented_symbols_are_notes`).
_INDENTED_SYMBOL = r"(?P<symbol>\*\d{1,2}\*|\*{1,3}|[†‡§]{1,2})[ \t]*(?=[^\s*])"
# Bracketed, ``     [*] One of our best naval officers…`` under the paragraph whose ``issued it.[*]``
# cites it (Roosevelt's Autobiography, 3335, where a list's indented ``* Thrush, * blackbird`` is
# no note: each form is read as notes only where its own lines show it)
_INDENTED_BRACKETED_SYMBOL = r"\[(?P<symbol>\*{1,3}|[†‡§]{1,2})\][ \t]*(?=[^\s*])"
NOTE_START_WITH_INDENTED_SYMBOLS = OnFirstUse(regex.compile,
    r"^[ \t]*(?:" + _NOTE_LABELS + "|" + _INDENTED_SYMBOL + ")", regex.MULTILINE
)
NOTE_START_WITH_INDENTED_BRACKETED_SYMBOLS = OnFirstUse(regex.compile,
    r"^[ \t]*(?:" + _NOTE_LABELS + "|" + _INDENTED_BRACKETED_SYMBOL + ")", regex.MULTILINE
)
NOTE_START_WITH_BOTH_INDENTED_SYMBOLS = OnFirstUse(regex.compile,
    r"^[ \t]*(?:" + _NOTE_LABELS + "|" + _INDENTED_BRACKETED_SYMBOL + "|" + _INDENTED_SYMBOL + ")", regex.MULTILINE
)
# (after a line break, not ``^`` in MULTILINE: a scan for the break is ten times faster)
INDENTED_SYMBOL_LINE = OnFirstUse(re.compile,
    r"\n[ \t]+(?:\[(?P<bracketed>\*{1,3}|[†‡§]{1,2})\]|(?P<bare>\*\d{1,2}\*|\*{1,3}|[†‡§]{1,2}))[ \t]*(?=[^\s*])"
)
INDENTED_SYMBOLS_SETTLE = 3  # indented symbol lines under a marker of their symbol that show the book's notes
# ``     Note 5: _Aimoini proemium_.``: a note named by the word, indented, right after the paragraph
# whose ``[5]`` cites it (Paulin Paris's Grandes chroniques de France, 33205). Elsewhere such a line is
# a reference in the prose or a table (``Note 1. Doc. & Cov.``), so it is read as a note outside a
# Notes section only where the book's evidence says so (:func:`_note_words_are_notes`).
NOTE_WORD_LINE = OnFirstUse(re.compile, r"\n[ \t]*(?:Note|NOTE)[ \t]+(\d{1,3})[.,:]")
NOTE_START_WITH_INDENTED_NOTE_WORDS = OnFirstUse(regex.compile,
    r"^[ \t]*(?:" + _NOTE_LABELS + r"|(?:Note|NOTE)[ \t]+(?P<noteword>\d{1,3})[.,:][ \t]*(?=\S))", regex.MULTILINE
)
NOTE_WORDS_SETTLE = 3  # note-word lines under a marker of their number that show the book's notes
# The characters a line can open with for each line pattern to match it, besides the blanks the
# patterns skip and the characters beyond ASCII (case folding and ``\d`` read some as these): a
# pattern is run only on a line that opens with one. Most lines of a book open with none of them.
# The notes of a preface or an introduction under a Notes heading, before those of ``CHAPTER I.``
# (Yonge's Life of Marie Antoinette): a subheading there, bounding the notes of each part.
# ``NOTE:`` alone on its line: Italian's plural (Gibbon's Storia della decadenza, 45227, gathers each
# chapter's notes so) or an English singular, ``FOOTNOTE:`` over an article's one note (the
# Britannica's slices, 38202, print ``FOOTNOTES:`` over two or more); a Notes heading only where a
# note's label follows it
SINGULAR_NOTES_HEADING = OnFirstUse(regex.compile, r"^[ \t]*(?:FOOT)?NOTE[ \t]*:?[ \t]*$", regex.MULTILINE)
FRONT_MATTER_NOTES = OnFirstUse(regex.compile, r"^[ \t]*(?:PREFACE|Preface|INTRODUCTION|Introduction)\.?[ \t]*$", regex.MULTILINE)
NOTES_HEADING_OPENERS = "fepiabcABCDEFGHIJKLMNOPQRSTUVWXYZ"  # a heading may open with a short name
NOTES_WORDS = ("otes", "OTES", "KENINGEN", "KUNGEN", "NOTAS", "noten", "NOTEN")  # what a line must hold to be a Notes heading
INDEX_HEADING_OPENERS = "GI"
CHAPTER_HEADING_OPENERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
NOTE_START_OPENERS = "[^-(*{0123456789\\FINP#"
# Lines of a body paragraph that no line pattern reads, nine in ten of a book: taken a run at a time,
# not a check at a time. Each opens with a character none of them opens with, or with a capitalised
# word none opens with (not a heading's word, nor a short one before a full stop: ``Ant. BOOK 1``;
# a heading in capitals or roman numerals has no lower-case letter after its first); and holds no
# ``otes``/``OTES`` (a Notes heading's) nor ``[Footnote``.
_OPENERS = NOTES_HEADING_OPENERS.upper() + INDEX_HEADING_OPENERS + CHAPTER_HEADING_OPENERS + NOTE_START_OPENERS + "ETPI_-"
PLAIN_LINE_OPENERS = "".join(c for c in map(chr, range(33, 127)) if c not in _OPENERS or c.isupper())
PLAIN_LINES = OnFirstUse(re.compile,
    "(?:(?:[" + re.escape("".join(c for c in map(chr, range(33, 127)) if c not in _OPENERS)) + "]"
    r"|(?!Chapter|Part|Book|Index|Preface|Introduction)[A-Z][a-z]+[ \t,;:!?)'\"-])[^\n]*\n)+"
)
PLAIN_LINE_BREAKS = ("otes", "OTES", "[Footnote")  # a line holding one of these is read a check at a time
# A book's index at its end: the heading alone on its line, then entries of page numbers.
# The line that ends a book's text: what follows it, when it opens with a note's label, is the
# book's notes, gathered there without a heading of their own.
END_OF_TEXT = OnFirstUse(regex.compile,
    r"^[ \t]*(?:THE[ \t]+END|END[ \t]+OF[ \t]+(?:THE[ \t]+)?(?:VOL(?:UME)?|BOOK|PART)\b[^\n]{0,30})[ \t]*$",
    regex.MULTILINE,
)
INDEX_HEADING = OnFirstUse(regex.compile, r"^[ \t]*(?:GENERAL[ \t]+)?(?:INDEX|Index)\.?[ \t]*$", regex.MULTILINE)
# ``Bellini, 203, 204;``; or a reference then its page in parentheses: ``Abel and Cain, v. 30 (489)``
# (Rodwell's Koran, 2800: sura, verse and page)
INDEX_ENTRY = OnFirstUse(regex.compile,
    r",[ \t]*\d{1,4}(?:[-–]\d{1,4})?[,;.]?[ \t]*$|,[ \t]*\d{1,4},[ \t]*\d|\d[ \t]+\(\d{1,4}\)[,;.]?[ \t]*$"
)
INDEX_SAMPLE = 5  # lines after the heading looked at
ENDS_LINE = OnFirstUse(regex.compile, r"\][ \t]*(?:\n|\Z)")  # a bracket with nothing after it on its line
# A transcriber's note, framed in a box or not: ``|Transcribers note: In the original some
# footnotes read 'note[1]'`` (Sully's Illusions, 17815). Its labels name the book's, none is a marker.
TRANSCRIBERS_NOTE = OnFirstUse(regex.compile, r"[ \t|\[]*Transcriber'?s[ \t]+[Nn]otes?\b")
# A rule drawn above a chapter's notes (Rodwell's Koran, 2800, under each sura).
RULE_LINE = OnFirstUse(regex.compile, r"[ \t]*(?:_{5,}|-{5,})[ \t]*$")
# A marker in brackets inside a line (a chapter's title may carry its note's marker).
BRACKETED_NUMBER = OnFirstUse(regex.compile, r"(?<=\S[ \t]*)\[\d{1,3}\]")
GLUED_BRACKETED_NUMBER = OnFirstUse(regex.compile, r"(?<=[\p{L}.,;:!?’”\"')_])\[(\d{1,3})\]")
# A bracketed label after a sentence's end inside a line of gathered notes: the next note run on;
# or a superscript one inside a line of page notes (``¹ Report…, p. 94. ² Note 1, p. 850.``:
# Hancock's Brachiopoda, Phil. Trans. 1858, as OLMoCR read it).
RUN_ON_NOTE = OnFirstUse(regex.compile,
    r"(?<=[.!?][\"”’)]?[ \t]+)(?:\[(?P<bracket>\d{1,4})\]|\((?P<paren>\d{1,3})\)"
    r"|(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})|\\\(\^\{?(?P<caret>\d{1,3})\}?\\\)|(?P<symbol>[†‡§]))[ \t]*(?=[\p{Lu}“\"])"
    # ... or ending the line, its text in the paragraph below: a label printed alone on its line
    # that conversion joined to the end of the note before (``…the foe is a snake. [7]`` over ``The
    # account in the _Nibelungen_…``: Dasent's Popular Tales from the Norse, 8933)
    r"|(?<=[.!?][\"”’)'_]?[ \t]+)\[(?P<bracket>\d{1,4})\][ \t]*$"
)
# The label styles whose page notes run on in one line (``(7) P. 103. (8) P. 66.``: Raper, Phil.
# Trans. 1771; ``* Newton's Optics, page 23, line 11. † See Plate XVI``: Herschel's Rays, 1800;
# both as OLMoCR read them).
RUN_ON_STYLES = frozenset({"superscript", "caret", "paren", "symbol"})
# The order of a page's symbol notes: a symbol note runs on only after the one before it here.
SYMBOL_ORDER = "*†‡§"
# A ``[Footnote n: …]`` that starts after the text of its paragraph's last line.
MIDLINE_FOOTNOTE = OnFirstUse(regex.compile, r"(?<=\S[ \t]+)" + _FOOTNOTE_LABEL)
# The parts of a Project Gutenberg file that wrap the book: the header up to its start line, the
# 1990s "Small Print!" licence wherever it stands (with the header before it, when it opens the
# file), and the trailer from its end line on. Each starts with asterisks, which prose rarely has.
GUTENBERG_HEADER_END = OnFirstUse(regex.compile, r"\*{3}[ \t]*START OF TH(?:E|IS) PROJECT GUTENBERG[^\n]*")
SMALL_PRINT = OnFirstUse(regex.compile,
    r"\*+START\*+THE SMALL PRINT(?:[^\n]*\n){1,400}?\*END\*?[ \t]*THE SMALL PRINT[^\n]*"
)
GUTENBERG_TRAILER = OnFirstUse(regex.compile, r"\*{3}[ \t]*END OF TH(?:E|IS) PROJECT GUTENBERG")
HEADER_LINES = 200  # a licence within this many lines of the top comes after the header
FOLLOWING_FOOTNOTE = OnFirstUse(regex.compile, r"[ \t]*" + _FOOTNOTE_LABEL)
# Characters that decide where a ``[Footnote n: …]`` ends: brackets, a bracket that ends a
# paragraph (before a blank line, or at a line end before an indented line: ``indent``), and the
# blank line before the next ``[Footnote`` (or the line break before a numbered one) or before a
# thought break of the body (``*     *     *``: Leigh Hunt's Italian Poets, 10635, leaves a note
# unclosed before one, and the next story's ``[2]`` would close it).
FOOTNOTE_BRACKET = OnFirstUse(regex.compile,
    r"(?P<next>\n[ \t]*\n(?=[ \t]*\[Footnote\b|[ \t]*\*(?:[ \t]+\*){2,}[ \t]*(?:\n|\Z))"
    r"|\n(?=[ \t]*\[Footnote[ \t]+\d{1,4}[ \t]*:))|\["
    r"|\](?:(?P<paragraph_end>[ \t]*(?:\n[ \t]*\n|\Z))|(?=[ \t]*\n(?P<indent>[ \t]*)\S))?"
)
CLOSES_MARKER = OnFirstUse(regex.compile, r"\[\d{1,4}\]$")  # a ``]`` that closes a numbered marker
# Features of citation text: a publication parenthesis, locators, Ibid., publishers, quoted titles.
CITATION_FEATURES = OnFirstUse(regex.compile,
    r"\([^()\n]{0,80}\b(?:1[5-9]\d\d|20\d\d)[^()\n]{0,10}\)"
    # a page, but not a name's initials: ``Mankato--P. L. Keene.``, ``A. P. Keene`` (a prize list of
    # Trees, Fruits and Flowers of Minnesota 1916, 18183)
    r"|\b(?:[Pp]p?\.[ \t]?(?!\p{Lu}\.[ \t]?\p{Lu}|\p{Lu}\p{Ll})|(?:vol|vols|no|nos|ed|eds|trans|comp|repr|fol|ff)\.[ \t]?)\S"
    r"|§[ \t]?\d|\b(?:L|Lib|Tom)\.[ \t]?[IVXLC]+\b"  # an old book's locators: ``L. IX. c. 6. § 65`` (Raper, Phil. Trans. 1771)
    r"|\b(?:Ibid|ibid|Idem|idem|op\.[ \t]?cit|loc\.[ \t]?cit|See|see also|hereafter)\b|\b[Cc]f\."
    r"|\b(?:Press|University|Verlag|Archive|Archives|Papers|Collection|fond|opis|delo|Journal|Review)\b"
    r"|[“\"][^”\"\n]{3,120}[,.]?[”\"][,.]"
    r"|,[ \t]\d{1,4}(?:[-–]\d{1,4})?\.?[ \t]*$"
)
TERMINAL = OnFirstUse(regex.compile, r"[.!?…][”\"’)\]_*]*[ \t]*$")
# A full stop after these does not end a note: ``vol. 2, p.`` or ``at No.`` continues on the next
# line (capitalised too: a hard wrap after ``No.`` put ``1 Stalin Street`` on a line of its own);
# so does a volume in roman numerals (``See Sura xv.`` wrapped onto ``15.``, Rodwell's Koran).
# German ``s.`` (Seite, page) too: ``_loc. cit._ s.`` wrapped onto ``363. The inquiry`` (Duncker's
# History of Antiquity IV, 40960).
ABBREVIATION_AT_END = OnFirstUse(regex.compile,
    r"(?<![^\s(])(?:(?i:p|pp|l|ll|vol|vols|no|nos|ed|eds|cf|ch|n|nn|fol|ff|art|sec|sect|trans|repr|s)|\p{Lu}"
    r"|(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))\.[ \t]*$"
)
# What follows a sentence-final marker: a capital, a paragraph end, or (hard-wrapped) a line
# that starts with a capital.
SENTENCE_FOLLOWS = OnFirstUse(regex.compile, r"[ \t]*(?:[\p{Lu}“‘\"']|\n[ \t]*(?:[\p{Lu}“‘\"']|\n|\Z)|\Z)")
INTRODUCES_LIST = OnFirstUse(regex.compile, r":[\d⁰¹²³⁴⁵⁶⁷⁸⁹]{0,3}[ \t]*$")
# A line that ends with a number and a word joining it to the next (``at Nos. 3 and``): the number
# at the start of the next line continues the prose (``4. Nos. 5, 6…``, The Midewiwin).
JOINS_NEXT_NUMBER = OnFirstUse(regex.compile, r"\d[ \t]*(?:,|and|or|to|&|[-–])[ \t]*$")
# A note cut by a page break in the middle of a word or a phrase: ``Voprosy istorii KPSS, no. 5 (1965): 12-``,
# ``in Stalin, Works, and``, ``Pravda,``: its rest may start with a capital (``Kommunist, no. 3``).
NOTE_CUT = OnFirstUse(regex.compile,
    r"(?:\p{L}-|[-–]|,|\b(?:and|or|of|in|the|by|to|see|cf\.|also))[ \t]*$"
)
STARTS_MID_SENTENCE = OnFirstUse(regex.compile, r"^[ \t]*(?:\p{Ll}|[,;:)\]–—-])", regex.MULTILINE)


# How far a label that names a range may reach past its first number: one note answering the markers
# of a few words glossed alike (``[12-13]``), never a span of years (``[1802-1805]``). Two numbers
# named apart (``[84 and 85]``, ``[4, 5]``) are a note for each only where they follow one another.
ALSO_REACH = 3


@dataclass(slots=True)
class _NoteDraft:
    """A note being assembled while the layout is read; frozen into a Note at the end."""

    number: int
    label_start: int
    label_end: int
    style: str
    parts: list[tuple[int, int]] = field(default_factory=list)
    symbol: str = ""  # the label of a symbol note (``*``, ``+``, ``!!``)
    in_body: bool = False  # between paragraphs, not under a Notes heading
    also: int = 0  # the last number, where the label names the next one or ones too: one note for several markers (``[84 and 85]``)

    def text(self, source_text: str) -> str:
        return " ".join(source_text[s:e].strip() for s, e in self.parts).strip()

    def is_open(self, source_text: str) -> bool:
        """A note whose text stops without a full stop probably continues after a page break."""
        start, end = self.parts[-1]
        if end <= start:
            return True
        if source_text.startswith("]", end):
            return False  # a ``[Footnote n: …]`` closed by its bracket, whatever its last word
        return not TERMINAL.search(source_text, start, end) or bool(ABBREVIATION_AT_END.search(source_text, start, end))


@dataclass(slots=True)
class Layout:
    """The parts of a file: body lines to search for markers, note drafts, chapter headings."""

    body: list[tuple[int, int]] = field(default_factory=list)
    notes: list[_NoteDraft] = field(default_factory=list)
    headings: list[int] = field(default_factory=list)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    length = len(text)
    while start <= length:
        end = text.find("\n", start)
        if end == -1:
            end = length
        yield start, end
        start = end + 1


MIN_YEAR, MAX_YEAR = 1000, 2099  # a number in this range may be a year
BLANK_LINE_AFTER = OnFirstUse(regex.compile, r"\n[ \t]*(?:\n|\Z)")


def _citation_score(text: str, start: int, end: int) -> int:
    return sum(1 for _ in CITATION_FEATURES.finditer(text, start, end))


# How far before a note its marker may stand: notes gathered at the end of a long chapter.
MARKER_REACH = 60_000
SYMBOL_REACH = 6_000  # symbol notes stand at the foot of their marker's page


class _MarkerIndex:
    """Where each number stands as a marker candidate: found on first need, a chunk of lines at a
    time, so that a book that asks a few times scans a few windows, not the whole text.

    A chunk runs from the start of the line that holds a multiple of ``chunk`` to the start of the
    next one's. A candidate never holds a line break and the patterns look behind their start
    freely, so the candidates of a chunk are those a scan of the whole text finds in it.
    """

    __slots__ = ("_braces", "_chunk", "_found", "_reach", "_symbols", "_text")

    def __init__(self, text: str, chunk: int = 1 << 14, reach: int = MARKER_REACH) -> None:
        self._text = text
        self._chunk = chunk
        self._reach = reach
        self._found: dict[int, dict[int, list[int]]] = {}
        self._braces: dict[str, int] | None = None  # each label in braces, where it first stands
        self._symbols: dict[str, list[int]] | None = None  # each symbol marker's positions, in order

    def _boundary(self, chunk: int) -> int:
        """Where chunk ``chunk`` starts: the start of the line that holds its first offset."""
        offset = chunk * self._chunk
        if offset >= len(self._text):
            return len(self._text)
        return self._text.rfind("\n", 0, offset) + 1

    def _starts_in(self, chunk: int) -> dict[int, list[tuple[int, bool]]]:
        """Each number's candidates in chunk ``chunk``: where each stands, and whether it may call
        a plain-numbered note on its own (see CALLING_NO_PLAIN_NOTE)."""
        starts = self._found.get(chunk)
        if starts is None:
            starts = defaultdict(list)
            span = (self._boundary(chunk), self._boundary(chunk + 1))
            for candidate in find_candidates(self._text, [span]):
                starts[candidate.number].append((candidate.start, candidate.style not in CALLING_NO_PLAIN_NOTE))
            self._found[chunk] = starts
        return starts

    def precedes(self, start: int, number: int, chapter_start: int | None = None, calling: bool = False) -> bool:
        """Whether a marker candidate with ``number`` stands within reach before ``start``, or
        anywhere after ``chapter_start``: a long chapter's notes gathered at its end (chapter III of
        Elgin's Letters and Journals, 10610, runs 100 KB from its marker 1 to its note 1). With
        ``calling``, a candidate that may not call a plain-numbered note on its own counts only
        from the same page (``the sultan, 1 who`` over ``1. Abulfeda``)."""
        reach = max(0, start - self._reach)
        if chapter_start is not None:
            reach = min(reach, chapter_start)
        return self.stands_between(number, reach, start, calling=calling)

    def stands_between(self, number: int, start: int, end: int, opening: str = "", calling: bool = False) -> bool:
        """Whether a marker candidate with ``number`` (printed after ``opening``, where given)
        stands at or after ``start`` and before ``end``; with ``calling``, a weak one only on the
        page before ``end`` (see :meth:`precedes`)."""
        chunk = start // self._chunk  # its boundary is at or before ``start``
        while self._boundary(chunk) < min(end, len(self._text)):
            if any(
                start <= position < end and self._text.startswith(opening, position)
                and (strong or not calling or end - position <= PAGE_REACH)
                for position, strong in self._starts_in(chunk).get(number, ())
            ):
                return True
            chunk += 1
        return False

    def symbol_before(self, symbol: str, start: int, gathered: bool = False) -> bool:
        """Whether a marker with ``symbol`` stands within reach before ``start``: a page for ``*``, a
        chapter for a letter (lettered notes are gathered at the chapter's end), anywhere for a
        letter under a Notes heading (``gathered``: a long chapter's ``[F]`` under its ``FOOTNOTES:``
        six thousand lines on, Folsom's Fifty Years in the Northwest, 36375). The text's symbol
        markers are found in one scan on first need: a scan back from each note line was quadratic
        (a megabyte of ``[A] text`` lines took minutes)."""
        positions = self.symbol_positions(symbol)
        reach = start - (len(self._text) if gathered else MARKER_REACH) if symbol.isalpha() else start - SYMBOL_REACH
        before = bisect.bisect_left(positions, start)
        return before > 0 and positions[before - 1] >= reach

    def symbol_positions(self, symbol: str) -> list[int] | tuple[()]:
        """Where the markers with ``symbol`` stand, in text order."""
        if self._symbols is None:
            self._symbols = defaultdict(list)
            text = self._text
            for opening in _SYMBOL_OPENING.finditer(text):
                if (match := SYMBOL_MARKER.match(text, opening.start())) is not None:
                    found = _symbol_of(match)
                    self._symbols[found].append(match.start())
                    if len(found) == 2 and found.islower():  # ``[bd]``: each letter's too
                        self._symbols[found[0]].append(match.start())
                        self._symbols[found[1]].append(match.start())
        return self._symbols.get(symbol, ())

    def brace_before(self, label: str, start: int) -> bool:
        """Whether ``{label}`` (or an added note's ``[label]``) stands before ``start`` (one scan of
        the text, on first need)."""
        if self._braces is None:
            self._braces = {}
            for match in BRACE_LABEL.finditer(self._text):
                self._braces.setdefault(match.group(1) or match.group(2), match.start())
        first = self._braces.get(label)
        return first is not None and first < start


# A page's label in braces: ``{50}``, ``{51a}`` (Swift's Tale of a Tub, 4737).
# An editor's note added after note 4, in brackets: ``[4a]`` (Herodotus, tr. Macaulay, first transcription).
BRACE_LABEL = OnFirstUse(regex.compile, r"\{(\d{1,4}[a-z]?)\}|\[(\d{1,4}[a-z])\]")
# A line indented this much more than a note's label starts a paragraph of the body (Gibbon's
# first transcriptions indent their paragraphs by five spaces).
NOTES_SECTION_GAP = 3  # blank lines after a finished note that end a Notes section: a chapter's or section's break
PARAGRAPH_INDENT = 2


def _gutenberg_end(text: str, start: int) -> int:
    """Offset of the ``]`` closing a ``[Footnote n: …]`` whose text starts at ``start``.

    Brackets inside the note nest; when they do not balance (a stray ``[`` in Gibbon's long
    editorial notes), a ``]`` that ends a paragraph ends the note, and so does the next
    ``[Footnote`` line, rather than the note swallowing the rest of the book. The ``]`` of a
    marker's ``[8]`` at a line's end is the marker's, even where a paragraph or an indented line
    follows (MacDonald's Hamlet quotes the Quarto in ``[Footnote A: … countrymen.[8]`` and in
    ``… trust and hope,[8]`` over an indented verse, and closes the note later).
    """
    depth = 1
    position = start
    label_indent = _indentation(text, start)
    while True:
        found = FOOTNOTE_BRACKET.search(text, position)
        if found is None:
            return len(text)
        position = found.end()
        if found.group("next"):
            return found.start()
        if found.group(0) == "[":
            depth += 1
            continue
        depth -= 1
        if depth == 0:
            return found.start()
        if CLOSES_MARKER.search(text, max(0, found.start() - 5), found.start() + 1):
            continue  # a marker's bracket, balanced, whatever follows it
        if found.group("paragraph_end"):
            return found.start()
        if found.group("indent") is not None and len(found.group("indent").expandtabs()) > label_indent + PARAGRAPH_INDENT:
            return found.start()  # the next line is indented as a paragraph of the body: the note is over


def _indentation(text: str, position: int) -> int:
    """The indentation of the line that holds ``position``."""
    line_start = text.rfind("\n", 0, position) + 1
    line = text[line_start:position]
    return len(line.expandtabs()) - len(line.expandtabs().lstrip(" \t"))


def _indented_symbol_note_start(text: str, marker_index: _MarkerIndex) -> OnFirstUse:
    """The line pattern for the book: with its indented symbol lines, bare (``     * text``),
    bracketed (``     [*] text``) or both, where the lines of that form are its notes."""
    found = list(INDENTED_SYMBOL_LINE.finditer(text))
    bare = _indented_symbols_are_notes(text, marker_index, [(m.start(), m["bare"]) for m in found if m["bare"]])
    bracketed = _indented_symbols_are_notes(text, marker_index, [(m.start(), m["bracketed"]) for m in found if m["bracketed"]])
    if bare and bracketed:
        return NOTE_START_WITH_BOTH_INDENTED_SYMBOLS
    if bare:
        return NOTE_START_WITH_INDENTED_SYMBOLS
    return NOTE_START_WITH_INDENTED_BRACKETED_SYMBOLS if bracketed else NOTE_START


def _indented_symbols_are_notes(text: str, marker_index: _MarkerIndex, lines: list[tuple[int, str]]) -> bool:
    """Whether the book's indented symbol lines of one form (``lines``: where, which symbol) are its
    notes: the layout the evidence favours, where most of them stand under a marker with their
    symbol within a page before (James's Marion, 62 of 81; Holyoake's Last Trial, 32 of 43), and a
    verse's halves or a list's items do not (Burton's Nights, none of 7; Paine's Rights of Man, 1 of 18)."""
    if len(lines) < INDENTED_SYMBOLS_SETTLE:
        return False
    paired = 0
    previous: dict[str, int] = {}  # where the last line with each symbol stood: a marker pairs with one line
    for start, symbol in lines:
        since = max(previous.get(symbol, -1), start - SYMBOL_REACH)
        positions = marker_index.symbol_positions(symbol)
        before = bisect.bisect_left(positions, start)
        # glued markers only: a star after a space is also a verse's caesura (``green *`` over
        # ``     * While pearls``, Burton's Nights)
        while before and positions[before - 1] > since and text[positions[before - 1] - 1].isspace():
            before -= 1
        if before and positions[before - 1] > since:
            paired += 1
        previous[symbol] = start
    return paired >= INDENTED_SYMBOLS_SETTLE and 2 * paired >= len(lines)


def _indented_symbol_note(
    note_start: OnFirstUse, match: regex.Match, text: str, start: int, in_body_paragraph: bool
) -> bool:
    """Whether a line opens an indented symbol note in a book whose evidence says it prints them
    so: one opening a paragraph is a note even where its marker was lost (``     ** I have since
    been told`` under a paragraph that ends ``only to me.***``: Holyoake's Last Trial, 36799)."""
    return (
        note_start is not NOTE_START and not in_body_paragraph
        and text[start] in " \t" and bool(match.group("symbol"))
    )


def _note_words_are_notes(text: str, marker_index: _MarkerIndex) -> bool:
    """Whether the book's ``Note n:`` lines are its notes wherever they stand: the layout the
    evidence favours, where most of them have a marker of their number before them (the Grandes
    chroniques de France, 845 of 845); notes keyed to pages (Whittier's ``Note 1, page 18.``) have
    none, and a reference in the prose has no marker of its number to answer."""
    lines = [(match.start(1), int(match.group(1))) for match in NOTE_WORD_LINE.finditer(text)]
    if len(lines) < NOTE_WORDS_SETTLE:
        return False
    paired = sum(marker_index.precedes(start, number) for start, number in lines)
    return paired >= NOTE_WORDS_SETTLE and 2 * paired >= len(lines)


def read_layout(text: str) -> Layout:
    """Split ``text`` into body lines, note drafts and chapter headings, in one pass over lines."""
    layout = Layout()
    lines = list(_lines(text))
    marker_index = _MarkerIndex(text)
    note_start = _indented_symbol_note_start(text, marker_index)
    note_words = _note_words_are_notes(text, marker_index)
    in_notes_section = False
    current: _NoteDraft | None = None  # the note that a following line may continue
    adjacent = False  # the previous line belongs to ``current``, with no blank line between
    list_number = 0  # the number of the list item just read in the body, 0 outside a list
    previous_body: tuple[int, int] | None = None  # the last body line, if no note came after it
    body_rest_due = False  # the body stopped mid-sentence before a note block: its rest comes next
    in_body_paragraph = False  # the previous line is body text, with no blank line between
    paragraph_start = 0  # where the body paragraph the previous line ends began
    skip_until = -1
    blank_run = 0  # blank lines since the last line that was not blank
    rule_seen = False  # the last line that was not blank is a rule (``_____``)
    in_index = False  # inside the book's index
    # the last ``[n]`` that opened a paragraph of the body: (n, its line's index in layout.body, the
    # label's end), a printed page number if the next page's number opens a paragraph soon after
    page = (0, -1, 0)
    wrapping = _wrapping(text)
    breaks = _plain_line_breaks(text)
    width = functools.cache(functools.partial(wrap_width, text))  # measured only where a note may wrap
    footnote_opens = [found.start() for found in FOOTNOTE_OPENING.finditer(text)] if "[Footnote" in text else []
    numbered = enumerate(lines)
    for index, (start, end) in numbered:
        if start < skip_until:
            continue
        while wrapping and wrapping[0][1] < start:
            wrapping.pop(0)
        first = text[start : start + 1]
        if wrapping and wrapping[0][0] <= start or (not first or first.isspace()) and not text[start:end].strip():
            adjacent, in_body_paragraph = False, False  # a list's items may stand a blank line apart
            blank_run += 1
            continue
        gap, blank_run = blank_run, 0
        opens = first if first.isascii() and not first.isspace() else ""  # "": any pattern may match
        if opens in "|T[" and TRANSCRIBERS_NOTE.match(text, start, end):
            skip_until = _paragraph_end(text, lines, index) + 1  # the transcriber's words, not the book's
            current, adjacent, in_body_paragraph = None, False, False  # nor a note's
            continue
        after_rule, rule_seen = rule_seen, opens in "_-" and RULE_LINE.match(text, start, end) is not None
        if (
            in_body_paragraph and not in_index and opens and opens in PLAIN_LINE_OPENERS
            and (plain_end := _plain_lines_end(text, start, wrapping, breaks)) > start
        ):
            # lines that go on with the paragraph, each a body line as the checks below would find
            following = index + text.count("\n", start, plain_end)
            layout.body.extend(lines[index:following])
            previous_body, body_rest_due, adjacent = lines[following - 1], False, False
            if current is not None and not current.is_open(text):
                current = None
            deque(itertools.islice(numbered, following - index - 1), maxlen=0)  # the run's lines read
            continue
        if (
            opens in NOTES_HEADING_OPENERS
            and any(text.find(word, start, end) >= 0 for word in NOTES_WORDS)  # most lines stop here
            and (heading := NOTES_HEADING.match(text, start, end))
            # not a contents entry that names the Notes with their page (``Notes to the Legends
            # 197`` in the contents of Canfield's Legends of the Iroquois, 58228)
            and not PAGE_AT_LINE_END.search(text, start, end)
        ):
            in_notes_section, current, in_index = True, None, False
            if heading.group("part"):
                # the notes of one part, as a chapter's subheading in a Notes section: markers
                # before it do not reach the notes of the parts after it
                layout.headings.append(start)
            continue
        if opens in "NF" and SINGULAR_NOTES_HEADING.match(text, start, end) and _next_starts_note(text, lines, index):
            in_notes_section, current, in_index = True, None, False
            continue
        if in_index:
            continue
        if opens in "ET" and opens and END_OF_TEXT.match(text, start, end) and _next_starts_note(text, lines, index):
            in_notes_section, current = True, None  # notes printed after ``END OF VOL. I.`` (Macaulay, 1468)
            continue
        if opens in INDEX_HEADING_OPENERS and INDEX_HEADING.match(text, start, end) and _index_follows(text, lines, index):
            # the book's index: page numbers (``"Norma," 242``), no markers; it runs to the end or
            # to the notes a transcriber moved after it
            in_index = True
            continue
        if (
            in_notes_section and opens in "PI" and FRONT_MATTER_NOTES.match(text, start, end)
            # not a note's wrapped line: ``…the Brothers Grimm in this`` over ``Introduction.`` (Dasent)
            and not (adjacent and current is not None)
        ):
            current = None
            if _next_starts_note(text, lines, index):
                layout.headings.append(start)
                continue
            # no note under it: the part itself begins, and the Notes heading above was an entry of
            # the contents (``FOOTNOTES TO INTRODUCTION`` closing the contents of Dasent's Popular
            # Tales from the Norse, 8933, over ``INTRODUCTION`` and its first section)
            in_notes_section = False
        if (
            opens in CHAPTER_HEADING_OPENERS and CHAPTER_HEADING.match(text, start, end)
            # not a note's wrapped line: ``Book XXXVI. p. 37`` in a gathered note (Josephus)
            and not (in_notes_section and adjacent and current is not None)
            and not (gap == 0 and NUMBER_WITH_STOP.match(text, start, end))
            and not (LONE_NUMBER.match(text, start, end) and _inside_sentence(text, lines, index))
        ):
            # Inside a Notes section, "Chapter 2" followed by notes is a subheading of the notes.
            in_notes_section = in_notes_section and _next_starts_note(text, lines, index)
            current = None
            layout.headings.append(start)
            if not in_notes_section and BRACKETED_NUMBER.search(text, start, end):
                layout.body.append((start, end))  # a title's marker: ``CHAPTER 1. How Caius [1] Was Slain`` (Josephus)
            continue
        match = note_start.match(text, start, end) if opens in NOTE_START_OPENERS else None
        if note_words and match is None and not in_body_paragraph and opens in "N":
            match = NOTE_START_WITH_INDENTED_NOTE_WORDS.match(text, start, end)  # ``     Note 5: _Aimoini…``
        if (
            match is not None and in_body_paragraph  # first: a group looked up by name costs a dozen comparisons
            and (
                match.group("bare") or match.group("bracket") or match.group("paren") or opens == "*" or opens == "{"
                or match.group("lower") and _next_letter_cited_first(text, match, marker_index)
            )
            and not (match.group("paren") and _next_paren_note(layout.notes, text, match, start))  # after a stray line of its note
            and not (match.group("bracket") and WORDED_AFTER_LABEL.match(text, match.end()))
        ):
            # ``12 Harlow…``, ``[58] Nor…`` inside a paragraph: a marker wrapped to the line start; ``{45} þat
            # are in thayme`` a prose line's number (Sisam's Fourteenth Century Verse & Prose, 43736); ``[d] Since
            # worth, he cries`` inside a stanza, a verse line's marker, the ``[e]`` marker after it (Johnson's London, 10835)
            match = None
        elif match is not None and in_body_paragraph and (
            JOINS_NEXT_NUMBER.search(text, *previous_body)
            or match.group("dot") and not _citation_score(text, start, end)
            or _inside_parentheses(text, paragraph_start, start)
        ):
            # ``2. In the ancient system…`` inside a paragraph: a numbered point of the prose; ``253.
            # Lameth, …`` inside the paragraph's open parenthesis: a page number of its reference
            match = None
        if match is not None and footnote_opens and _inside_unread_footnote(text, footnote_opens, skip_until, start):
            # ``1197. It is to be found…`` opening the second paragraph of an inline ``[Footnote: The
            # presentments…]`` (Jessopp's Coming of the Friars, 6625): that note's text, not a note
            match = None
        wrapped_number = (
            match is not None and adjacent and current is not None and _style(match) in PLAIN_NUMBER_STYLES
            and current.style in PLAIN_NUMBER_STYLES
            and not _follows(current.number, number := _note_number(match)) and number != current.number
        )
        if wrapped_number or match is not None and adjacent and current is not None and _wrapped_bracket_label(
            text, match, current, layout.notes
        ):
            # a number that does not follow the note on the line above, right under it, nor repeat
            # it: its text wrapped there (``Banu Koreidha. His.`` onto ``693. Weil, 170.``, Rodwell's Koran, 2800)
            match = None
        page_label = match if match is not None and match.group("bracket") and not in_notes_section and _spaced_label(text, match) else None
        if page_label is not None and _next_page(page, page_label, marker_index):
            layout.body[page[1]] = (page[2], layout.body[page[1]][1])  # the page before's number is none
            match = None
        if match is not None:
            number = _note_number(match)
            # a note 1 under a rule opens the notes of a chapter, however far back its marker stands
            if (
                after_rule and number == 1 or _indented_symbol_note(note_start, match, text, start, in_body_paragraph)
                or note_words and not in_body_paragraph and bool(match.group("noteword"))
            ) or _is_note(
                text, start, end, match, number, in_notes_section, current, list_number, previous_body, marker_index,
                layout.notes, layout.headings, (lines, index),
            ):
                if previous_body is not None:
                    body_rest_due = not TERMINAL.search(text, *previous_body)
                current = _start_note(layout, text, match, number, end)
                # ``NOTE I.`` over its page key opens an editor's notes, its text on the lines below
                in_notes_section = in_notes_section or current.style == "roman"
                current.in_body = not in_notes_section
                while current.style in RUN_ON_STYLES and (following := _run_on_note(layout, text, current)) is not current:
                    current = following
                adjacent, list_number, previous_body, in_body_paragraph = True, 0, None, False
                if _bracketed(match):
                    current = _footnotes_after(layout, text, current)
                    skip_until = current.parts[-1][1] + 1
                continue
            if current is None and match.group("dot") and not in_notes_section:
                list_number = number
        if gap and (match is None or not match.group("dot")):
            # a paragraph that opens on no ``n.`` ends the list (items a blank line apart go on:
            # ``6. A general treatise…`` after ``5. The 'Voyages' of 1632…`` in the Bibliographical
            # Note of Colby's Founder of New France, 4213, no note to ``Seconde Edition. 6``)
            list_number = 0
        if in_notes_section and current is not None and gap >= NOTES_SECTION_GAP and not current.is_open(text):
            # the book goes on after a section's block of notes, past a wider gap than between its
            # notes (``FOOTNOTES:`` after each section of Wissler's Sun Dance of the Blackfoot, 35952,
            # then four blank lines and ``THE VOW.``)
            in_notes_section, current = False, None
        elif (
            in_notes_section and current is not None and not adjacent and match is None
            and _carries_later_marker(text, lines, index, current)
        ):
            # a paragraph after a block of notes that cites a later note is the body going on (the
            # notes set in at a page's foot: Boileau's Memorials of Human Superstition, 68362, goes on
            # ``This Article, in which…`` after its note 58, then ``_sorbendo_[59]``); a paragraph
            # that opens on a label is a note's, read or not (``[49]`` alone over its quotation in
            # Williams's Ethics of Diet, 55785)
            in_notes_section, current = False, None
        elif (
            in_notes_section and current is not None and gap and match is None and not current.is_open(text)
            and _new_piece_title(text, lines, index, current, marker_index)
        ):
            # the notes of one piece end at the next piece's title, whose text cites its first note
            # again (``POEMS.`` after the Life's last note ``[dd]``, then ``[a]Though grief`` in
            # London: Johnson's Works I, 10835)
            in_notes_section, current = False, None
        # a line that wraps a body paragraph is that paragraph's, never the rest of a page-broken note
        # (``…Stalin`` wrapped onto ``(1850–1880) the. The p. 2 the.``: a property test's find)
        if current is not None and not in_body_paragraph and (
            wrapped_number or _continues(text, lines, index, current, in_notes_section, adjacent, body_rest_due, width)
        ):
            current.parts.append((start, end))
            if in_notes_section:
                current = _run_on_note(layout, text, current)
            adjacent, in_body_paragraph = True, False
            continue
        if in_notes_section and current is not None and text.startswith("]", current.parts[-1][1]):
            in_notes_section = False  # the book goes on after a chapter's gathered ``[Footnote n: …]``
        label_at = text.find("[Footnote", start, end)
        midline = MIDLINE_FOOTNOTE.match(text, label_at) if label_at > start else None
        if page_label is not None:
            page = (int(page_label.group("bracket")), len(layout.body), page_label.end("bracket") + 1)
            if match is None:  # the next page's number: no marker
                start = page[2]
        layout.body.append((start, midline.start() if midline else end))
        paragraph_start = paragraph_start if in_body_paragraph else start
        in_body_paragraph = True
        previous_body = (start, end)
        body_rest_due = False
        adjacent = False
        if midline:
            # ``…in the Byzantine empire. [Footnote 115: Hume's`` (Gibbon vol. 5): the paragraph's note
            # starts on its last line
            current = _start_note(layout, text, midline, _note_number(midline), end)
            current.in_body = True
            current = _footnotes_after(layout, text, current)
            adjacent, previous_body, in_body_paragraph = True, None, False
            skip_until = current.parts[-1][1] + 1
        elif current is not None and not current.is_open(text):
            current = None  # a closed note is not continued after body text
    layout = _in_printed_style(_without_lists(layout, text, marker_index), text, marker_index)
    return _markers_over_footnotes(_remarks_on_bracketed_notes(_uncalled_parens_in_bracketed_book(layout, text), text), text)


def _plain_lines_end(text: str, start: int, wrapping: list[tuple[int, int]], breaks: list[int]) -> int:
    """Where the run of :data:`PLAIN_LINES` at ``start`` ends (the start of the line after it),
    before the book's wrapping and the line of the first of ``breaks`` after ``start`` (see
    :func:`_plain_line_breaks`); ``start`` when the line there is not one."""
    stop = wrapping[0][0] if wrapping else len(text)
    following = bisect.bisect_left(breaks, start)
    if following < len(breaks) and breaks[following] < stop:
        stop = text.rfind("\n", start, breaks[following]) + 1 or start
    run = PLAIN_LINES.match(text, start, stop)
    return start if run is None else run.end()


def _plain_line_breaks(text: str) -> list[int]:
    """Where each of :data:`PLAIN_LINE_BREAKS` stands in ``text``, in order: found once, not looked
    for in each run of plain lines, which one ends (in a text that says "notes" often, each run
    was matched far past the word, then searched for all three: a fifth of the layout's time)."""
    found: list[int] = []
    for needle in PLAIN_LINE_BREAKS:
        position = text.find(needle)
        while position >= 0:
            found.append(position)
            position = text.find(needle, position + 1)
    return sorted(found)


PARENTHESIS_REACH = 1_000  # a reference in parentheses is shorter than this
PARENTHESIS = OnFirstUse(regex.compile, r"[()]")


FOOTNOTE_OPENING = OnFirstUse(re.compile, r"\[Footnote")


def _inside_unread_footnote(text: str, footnote_opens: list[int], read_until: int, start: int) -> bool:
    """Whether the last ``[Footnote`` before ``start`` (of ``footnote_opens``) is still open there:
    a note's text may run over paragraphs, and a line inside it starts no note. A ``[Footnote`` read
    as a note has its text skipped already (up to ``read_until``); this is for one read as the
    body's (an unlabelled inline ``[Footnote: …]`` whose marker the transcription left out)."""
    before = bisect.bisect_left(footnote_opens, start) - 1
    return before >= 0 and footnote_opens[before] >= read_until and _gutenberg_end(text, footnote_opens[before] + 1) > start


def _inside_parentheses(text: str, paragraph_start: int, start: int) -> bool:
    """Whether a parenthesis opened in the paragraph before ``start`` is still open: Carlyle's
    references stand inline in parentheses and wrap onto page numbers (``(Histoire …, i.`` then
    ``253. Lameth, …)``, The French Revolution), which no note starts inside. Read back from
    ``start``, so that a parenthesis closed at the edge of the reach does not count (the inline
    notes of Darwin's Descent of Man, 2300, wrap onto ``366.  On the Bombycilla``)."""
    depth = 0
    for parenthesis in reversed(PARENTHESIS.findall(text, max(paragraph_start, start - PARENTHESIS_REACH), start)):
        if parenthesis == ")":
            depth += 1
        elif not depth:
            return True
        else:
            depth -= 1
    return False


PAGE_REACH = 6_000  # a printed page of prose and its notes is shorter than this


def _next_page(page: tuple[int, int, int], match: regex.Match, marker_index: _MarkerIndex) -> bool:
    """Whether a ``[n]`` opening a paragraph is the number of the page after ``page``'s: books
    transcribed with their page numbers kept in brackets (Bury's History of Freedom of Thought)
    open a paragraph with the next one every page (or the same one again, before a chapter
    heading on that page: ``[21] CHAPTER II``), some reading like notes (``[80] religious
    peace which (1555) composed``); a marker at a paragraph's opening (``[711] But the``, Gibbon)
    has no such neighbour. Nor is the next number a page where a marker of it stands before it:
    short notes after the paragraph that cites them follow one another as closely as pages do
    (``[2] Mohawk River.`` then ``[3] Hudson River.`` under ``the great river[2]`` and ``another
    river,[3]``: Canfield's Legends of the Iroquois, 58228). (The same number again has its page's
    own label before it.)"""
    number, index, label_end = page
    found = int(match.group("bracket"))
    return (
        index >= 0 and match.start() - label_end < PAGE_REACH
        and (found == number or found == number + 1 and not marker_index.precedes(match.start(), found))
    )


def _spaced_label(text: str, match: regex.Match) -> bool:
    """Whether a ``[n]`` opening a paragraph stands apart from what follows it, as a printed page
    number kept by a transcriber does (``[8] impossible for him``, or alone on its line: Bury); one
    glued to the paragraph's first word is its marker (``[28]Dès lors commençoit``, each paragraph's
    source in Paulin Paris's Grandes chroniques de France, 33205, cited so)."""
    after = match.end("bracket") + 1
    return after >= len(text) or text[after].isspace()


def line_runs(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans, each run of them that follow one another across a line break joined into one.

    The patterns run over the body (CANDIDATE, OCR_CANDIDATE, SYMBOL_MARKER) find in a run what
    they find in its lines: no match of theirs holds a line break, and what they look for after a
    match (no digit, no letter, a line's end) reads a line break as the end of a span. One call a
    run spares a call a line: most lines of a book are body lines, one after another.
    """
    runs: list[tuple[int, int]] = []
    run_start, run_end = -1, -2  # the run being joined (none yet: no span starts at -1)
    for start, end in spans:
        if run_end + 1 == start and text[start - 1] == "\n":
            run_end = end
            continue
        if run_start >= 0:
            runs.append((run_start, run_end))
        run_start, run_end = start, end
    if run_start >= 0:
        runs.append((run_start, run_end))
    return runs


def _wrapping(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` that are Project Gutenberg's wrapping, not the book: its licence
    numbers its clauses ``[1]``, ``[2]``, ``[3]`` (Aristotle's Poetics, old/poetc10.txt of ebook
    1974) and its header names files ``1dfre10.txt``; neither holds the book's notes."""
    spans: list[tuple[int, int]] = []
    header = GUTENBERG_HEADER_END.search(text)
    if header is not None and text.count("\n", 0, header.start()) < HEADER_LINES:
        spans.append((0, header.end()))
    for licence in SMALL_PRINT.finditer(text):
        opens_file = text.count("\n", 0, licence.start()) < HEADER_LINES
        spans.append((0 if opens_file else licence.start(), licence.end()))
    trailer = GUTENBERG_TRAILER.search(text)
    if trailer is not None:
        spans.append((trailer.start(), len(text)))
    return sorted(spans)


def _run_on_note(layout: Layout, text: str, draft: _NoteDraft) -> _NoteDraft:
    """The note that starts inside the line just added to ``draft``, after the sentence that ends
    it, when it is the next in line (``… p. 154. [8] Of the books``: a gathered note run on after
    the one before, Josephus's Antiquities, 2848); else ``draft``."""
    start, end = draft.parts[-1]
    found = RUN_ON_NOTE.search(text, start, end)
    if found is None or draft.style != _style(found) or not _next_in_line(draft, found):
        return draft
    draft.parts[-1] = (start, found.start())
    following = _start_note(layout, text, found, _note_number(found), end)
    following.in_body = draft.in_body
    return following


def _next_in_line(draft: _NoteDraft, found: regex.Match) -> bool:
    """Whether the label run on in the line is the one after ``draft``'s: the next number, or the
    next symbol (a dagger after a star)."""
    if draft.style != "symbol":
        return _note_number(found) == draft.number + 1
    return f"{draft.symbol}{found.group('symbol')}" in SYMBOL_ORDER


def _footnotes_after(layout: Layout, text: str, draft: _NoteDraft) -> _NoteDraft:
    """The last of the ``[Footnote n: …]`` that follow ``draft`` on the line where it closes
    (Gibbon's first transcription, 1996: ``^67  [Footnote 64: …]  [Footnote 65: …]``)."""
    while text.startswith("]", end := draft.parts[-1][1]):
        following = FOLLOWING_FOOTNOTE.match(text, end + 1)
        if following is None:
            break
        in_body = draft.in_body
        draft = _start_note(layout, text, following, _note_number(following), following.end())
        draft.in_body = in_body
    return draft


def _without_lists(layout: Layout, text: str, marker_index: _MarkerIndex) -> Layout:
    """The layout with each numbered list in the prose given back to the body.

    A block of ``1.``/``2.``/``3.`` lines between paragraphs (or of ``1    96      Thick Blood``
    rows: the table of suras of Rodwell's Koran, 2800) is a list, not notes, when none of
    its items reads as citation text and one of them has no marker before it: a note after a
    paragraph always follows its marker. (Items are judged one by one as they are read; this
    sees the whole block.) So is one whose numbers the cited notes right after it take again,
    with no marker between (see _renumbered_by).
    """
    blocks = list(_note_blocks(layout.notes, text))
    lists: list[_NoteDraft] = _listed_sections(blocks, text)
    for block, following in zip(blocks, [*blocks[1:], None]):
        if (
            all(d.in_body and d.style in ("dot", "dash", "bare") and not _named_note(d, text) for d in block)
            and not any(_citation_score(text, s, e) for d in block for s, e in d.parts)
            and (
                not all(marker_index.precedes(d.label_start, d.number, calling=True) for d in block)
                or _renumbered_by(text, block, following)
            )
        ):
            lists.extend(block)
    return _given_back(layout, text, list({id(d): d for d in lists}.values())) if lists else layout


def _named_note(draft: _NoteDraft, text: str) -> bool:
    """Whether the note's label names it a note (``Note 531:``): no list's item is labelled so, even
    where a misprint lost its marker (the Grandes chroniques de France print ``Wisone[521]`` for 531)."""
    return text.startswith(("Note", "NOTE"), draft.label_start)


CONTENTS_STYLES = frozenset({"dot", "dash", "bare", "paren"})  # a contents list's labels, never a transcriber's brackets


def _listed_sections(blocks: list[list[_NoteDraft]], text: str) -> list[_NoteDraft]:
    """The blocks of one-line items that each open a later line with the same label and words, and
    those lines: a contents list and the headings of the sections it lists, not notes (``(1) About
    this etext.`` under the transcriber's ``Notes:`` and again over the section, in James's Life of
    Marion, 923). A note printed twice as it is (a chapter printed twice) runs longer than its line."""
    later: dict[tuple[int, str], list[_NoteDraft]] = defaultdict(list)
    for block in blocks:
        for draft in block:
            later[draft.number, text[slice(*draft.parts[0])].strip()].append(draft)
    listed: list[_NoteDraft] = []
    for block in blocks:
        if len(block) < 2 or any(d.style not in CONTENTS_STYLES or len(d.parts) > 1 for d in block):
            continue
        headings = [next((h for h in later[d.number, text[slice(*d.parts[0])].strip()] if h.label_start > block[-1].label_start), None)
                    for d in block]
        if all(headings):
            listed.extend(block)
            listed.extend(h for h in headings if h is not None)
    return listed


def _renumbered_by(text: str, block: list[_NoteDraft], following: list[_NoteDraft] | None) -> bool:
    """Whether the notes after ``block`` number themselves from where it starts and read as
    citations, with no marker between: the markers before are theirs, and ``block`` is a numbered
    passage the prose quotes (the verses of the Fatiha in the preface of Rodwell's Koran, 2800)."""
    if following is None or following[0].number != block[0].number:
        return False
    end, start = block[-1].parts[-1][1], following[0].label_start
    return (
        start - end < PAGE_REACH
        and not find_candidates(text, [(end, start)])
        and any(_citation_score(text, s, e) for d in following for s, e in d.parts)
    )


def _given_back(layout: Layout, text: str, drafts: list[_NoteDraft]) -> Layout:
    """The layout with ``drafts`` read as body lines instead of notes."""
    dropped = {id(d) for d in drafts}
    layout.notes = [d for d in layout.notes if id(d) not in dropped]
    for draft in drafts:
        line_start = text.rfind("\n", 0, draft.label_start) + 1
        layout.body.append((line_start, draft.parts[0][1]))
        layout.body.extend(draft.parts[1:])
    layout.body.sort()
    return layout


# Note styles whose label a transcriber printed in brackets, the same way all through a book.
PRINTED_LABEL_STYLES = frozenset({"gutenberg", "bracket", "paren"})
PLAIN_NUMBER_STYLES = frozenset({"dot", "dash", "bare"})
PRINTED_LABELS_SETTLE = 3  # bracketed notes that show the book labels its notes that way
GATHERED_NOTES_SETTLE = 20  # notes under Notes headings that show the book gathers its notes there


def _in_printed_style(layout: Layout, text: str, marker_index: _MarkerIndex) -> Layout:
    """The layout with plain numbered lines given back to the body in a book whose notes are
    bracketed (``[Footnote 1: …]``, ``[1] …``) or gathered under Notes headings.

    A transcriber labels every note of a book the same way, so once a few notes carry brackets,
    a ``2.`` line between paragraphs is a numbered point, a letter's number or a date (``1815.``),
    not a note (Beethoven's Letters, Gutenberg 13065; the Delsarte System of Oratory, 12200).
    Notes labelled by superscripts leave a ``14.`` line a numbered section, too. Likewise a book
    that gathers its notes under Notes headings does not also print them between
    paragraphs: there a numbered paragraph that reads as no citation is a section of the text
    (``194. Now it chanced…``, Herodotus vol. 2, 2456). Where fewer notes carry brackets, a plain
    numbered line with no candidate of its number before it is prose all the same: a weekly's
    numbered query that cites a volume (``154. _Covines_ (Vol. iii., p. 477.)``, Notes and Queries
    No. 99, 38574, whose one note is a ``[Footnote 1:``), and so is one whose number a bracketed
    note before it already answers.
    """
    printed = sum(_printed_label(draft, text) for draft in layout.notes)
    gathered = sum(not draft.in_body for draft in layout.notes)
    raised = sum(draft.style in STRONG_STYLES for draft in layout.notes)
    plain = [d for d in layout.notes if d.in_body and d.style in PLAIN_NUMBER_STYLES]
    if plain and _numbered_lines_answer_no_markers(text, marker_index):
        return _given_back(layout, text, plain)
    if printed >= PRINTED_LABELS_SETTLE:
        uncalled = plain + _uncalled_gathered(layout, text, marker_index)
        return _given_back(layout, text, uncalled) if uncalled else layout
    if printed and (unmarked := _plain_unmarked(layout, text, plain, marker_index)):
        return _given_back(layout, text, unmarked)
    if raised >= PRINTED_LABELS_SETTLE:
        # notes labelled by superscripts: a ``14.`` paragraph is a numbered section of the text
        # (Carpenter's Antedon, Phil. Trans. 1866, as OLMoCR read it); a bare ``1 Trans. Zool.``
        # line may still be a note whose superscript OCR flattened (Hancock's Brachiopoda, 1858)
        sections = [d for d in plain if d.style != "bare"]
        return _given_back(layout, text, sections) if sections else layout
    if gathered >= GATHERED_NOTES_SETTLE:
        prose = [d for d in plain if not any(_citation_score(text, s, e) for s, e in d.parts)]
        return _given_back(layout, text, prose) if prose else layout
    return layout


BRACKETED_NOTE_STYLES = frozenset({"gutenberg", "bracket"})  # ``[Footnote n: …]``, ``[n] …``
INLINE_PAREN_NUMBER = OnFirstUse(regex.compile, r"(?<=\S[ \t]*)\((\d{1,3})\)")  # ``(n)`` inside a line: a marker, or a point of the prose


def _uncalled_parens_in_bracketed_book(layout: Layout, text: str) -> Layout:
    """The layout with the ``(n)`` lines between paragraphs given back to the body where the book
    labels its notes in square brackets (three at least) and no ``(n)`` inside a line before them
    carries their number. A transcriber labels every note of a book the same way, so such lines
    are numbered entries of the prose: each author's list of papers, ``(1) Letters on the
    Ornithology of Buenos Ayres. P. Z. S. 1869, p. 432``, in Sclater and Hudson's Argentine
    Ornithology (38957), whose fourteen notes are ``[n]``."""
    parens = [d for d in layout.notes if d.in_body and d.style == "paren"]
    if not parens or sum(d.style in BRACKETED_NOTE_STYLES for d in layout.notes) < PRINTED_LABELS_SETTLE:
        return layout
    first_inline: dict[int, int] = {}
    for match in INLINE_PAREN_NUMBER.finditer(text):
        first_inline.setdefault(int(match.group(1)), match.start())
    uncalled = [d for d in parens if first_inline.get(d.number, d.label_start) >= d.label_start]
    return _given_back(layout, text, uncalled) if uncalled else layout


def _uncalled_gathered(layout: Layout, text: str, marker_index: _MarkerIndex) -> list[_NoteDraft]:
    """The plain numbered lines under a Notes heading that no marker calls, in a book whose notes
    carry printed labels: no candidate of their number in the printed notes' enclosure (``[2]``
    where the notes are ``[n]`` or ``[Footnote n:``) stands before them, or none since the last
    printed note of it. A transcriber labels every note and marker of a book the same way, so these
    are a commentary keyed to the book's numbered items, not notes (the appendix's ``NOTES TO
    GAMES.``, ``    2. A variety of No. 1.``, after the ``[n]`` notes of Newell's Games and Songs of
    American Children, 45762; fixture ``commentary-keyed-to-games-after-bracketed-notes.txt``)."""
    printed_at: dict[int | None, list[int]] = defaultdict(list)
    openings: Counter[str] = Counter()
    for draft in layout.notes:
        if _printed_label(draft, text):
            printed_at[draft.number].append(draft.label_start)
            openings[text[draft.label_start]] += 1
    opening = openings.most_common(1)[0][0] if openings else ""
    uncalled = []
    for draft in layout.notes:
        if draft.in_body or draft.style not in PLAIN_NUMBER_STYLES or draft.number is None:
            continue
        starts = printed_at.get(draft.number, [])
        before = bisect.bisect_left(starts, draft.label_start)
        since = starts[before - 1] + 1 if before else 0  # after the printed note's own label
        if not marker_index.stands_between(draft.number, since, draft.label_start, opening):
            uncalled.append(draft)
    return uncalled


def _remarks_on_bracketed_notes(layout: Layout, text: str) -> Layout:
    """The layout with each worded ``Footnote n:`` line not in brackets given back to the body
    where the book labels its notes ``[n]`` (three at least) and a ``[n]`` note before the line
    already carries its number. A transcriber labels every note of a book the same way, so such a
    line is a remark on that note: ``Footnote 46: “August von Sacheen” may be a misprint`` in the
    transcriber's note after Sumner's Forgotten Man and Other Essays (65693)."""
    bracketed: set[int] = set()
    remarks: list[_NoteDraft] = []
    for draft in layout.notes:
        if draft.style == "bracket":
            bracketed.add(draft.number)
        elif draft.style == "gutenberg" and not text.startswith("[", draft.label_start) and draft.number in bracketed:
            remarks.append(draft)
    if not remarks or len(bracketed) < PRINTED_LABELS_SETTLE:
        return layout
    return _given_back(layout, text, remarks)


def _plain_unmarked(layout: Layout, text: str, plain: list[_NoteDraft], marker_index: _MarkerIndex) -> list[_NoteDraft]:
    """The plain numbered lines that no marker before them calls: none of their number stands
    before them, or a bracketed note before them already answers it (Harper's Young People of
    October 19, 1880, 29200: the story's ``[1]`` has its ``[1]`` note, and the puzzles' ``1. First,
    a character…`` lines after it are numbered points; fixture
    ``numbered-puzzles-after-a-storys-one-bracketed-note.txt``)."""
    answered: dict[int | None, int] = {}
    for draft in layout.notes:
        if _printed_label(draft, text) and draft.number not in answered:
            answered[draft.number] = draft.label_start
    return [
        d for d in plain
        if not marker_index.precedes(d.label_start, d.number) or answered.get(d.number, d.label_start) < d.label_start
    ]


def _markers_over_footnotes(layout: Layout, text: str) -> Layout:
    """The layout with each ``[n]`` line that a ``[Footnote n: …]`` of its label follows on the
    same page given back to the body, in a book that labels its notes ``[Footnote n:``.

    A transcriber labels every note of a book the same way, so there a ``[n]`` or ``[A]`` opening
    a line is no note but the marker of the Footnote below it, printed before a speech or a stage
    direction (MacDonald's Hamlet, 1885: ``[3]_Ophe._ O what a Noble minde…`` over
    ``[Footnote 3: _1st Q_.``, ``[A] _Pol._ He hath my Lord:`` over ``[Footnote A: …``). Read as
    a note, it leaves both itself and its Footnote without a marker.
    """
    worded = [text.startswith("[Footnote", draft.label_start) for draft in layout.notes]
    if sum(worded) < PRINTED_LABELS_SETTLE or 2 * sum(worded) <= len(worded):
        return layout
    starts: dict[tuple[int, str], list[int]] = defaultdict(list)  # label -> where each note of it starts
    worded_at: dict[tuple[int, str], list[bool]] = defaultdict(list)
    for draft, is_worded in zip(layout.notes, worded):
        starts[(draft.number, draft.symbol)].append(draft.label_start)
        worded_at[(draft.number, draft.symbol)].append(is_worded)
    markers = []
    for draft, is_worded in zip(layout.notes, worded):
        if is_worded or not text.startswith("[", draft.label_start):
            continue
        label = (draft.number, draft.symbol)
        after = bisect.bisect_right(starts[label], draft.label_start)
        if (
            after < len(starts[label]) and worded_at[label][after]
            and starts[label][after] - draft.label_start <= PAGE_REACH
        ):
            markers.append(draft)
    return _given_back(layout, text, markers) if markers else layout


# A line that opens on a plain number and a stop (``8. AMARYLLIS _clavata_.``), after a line break.
NUMBERED_LINE = OnFirstUse(re.compile, r"\n[ \t]*(\d{1,3})\.[ \t]+\S")
NUMBERED_LINES_SETTLE = 20  # numbered lines that show how the book uses them
ANSWERED_SHARE = 10  # at most one numbered line in this many answering a marker: the book's entries


def _numbered_lines_answer_no_markers(text: str, marker_index: _MarkerIndex) -> bool:
    """Whether the book numbers many lines and almost none of them has a marker of its number
    before it: they are its entries (a flora's species, each genus numbering them from 1: 138 in
    L'Héritier's Sertum Anglicum, 38937), so the few whose number a stray candidate matches
    (``UTF8`` in its transcriber's note, before three species numbered 8) are entries too."""
    lines = [(match.start(1), int(match.group(1))) for match in NUMBERED_LINE.finditer(text)]
    if len(lines) < NUMBERED_LINES_SETTLE:
        return False
    allowed = len(lines) // ANSWERED_SHARE  # stop looking up as soon as more answer
    paired = 0
    for start, number in lines:
        paired += marker_index.precedes(start, number)
        if paired > allowed:
            return False
    return True


def _printed_label(draft: _NoteDraft, text: str) -> bool:
    """Whether the note's label is printed in brackets: a number, or a symbol (``[Footnote a:``,
    ``[*Footnote:``: the numbered paragraphs of Kant's Critique of Pure Reason, 4280, are no notes)."""
    return draft.style in PRINTED_LABEL_STYLES or draft.style == "symbol" and text.startswith("[", draft.label_start)


def _note_blocks(drafts: list[_NoteDraft], text: str) -> Iterator[list[_NoteDraft]]:
    """Runs of notes numbered one after another with nothing but their own lines between them."""
    block: list[_NoteDraft] = []
    for draft in drafts:
        if block and (draft.number != block[-1].number + 1 or text[block[-1].parts[-1][1] : draft.label_start].strip()):
            yield block
            block = []
        block.append(draft)
    if block:
        yield block


def _paragraph_end(text: str, lines: list[tuple[int, int]], index: int) -> int:
    """End of the paragraph (non-blank lines up to a blank line or a note) that starts at line ``index``."""
    end = lines[index][1]
    for following in range(index + 1, len(lines)):  # by index: a slice would copy the rest of the book
        start, line_end = lines[following]
        if not text[start:line_end].strip() or NOTE_START.match(text, start, line_end):
            break
        end = line_end
    return end


def _inside_sentence(text: str, lines: list[tuple[int, int]], index: int) -> bool:
    """Whether a sentence runs through line ``index``: the last line above it that is not blank
    stops on a lower-case letter, and the first paragraph after it (past the lines right under
    it) opens on one. A number alone there is a figure's label or an amount set on a line of its
    own, no chapter's numeral (``thus in the line`` / ``I`` / ``T-----A`` / ``we have T = Thesis``
    in Coleridge's Aids to Reflection, 44795)."""
    before = index - 1
    while before >= 0 and not text[slice(*lines[before])].strip():
        before -= 1
    if before < 0 or not ENDS_MID_SENTENCE.search(text, *lines[before]):
        return False
    after = index + 1
    while after < len(lines) and text[slice(*lines[after])].strip():  # the figure's other lines
        after += 1
    while after < len(lines) and not text[slice(*lines[after])].strip():
        after += 1
    return after < len(lines) and OPENS_LOWER_CASE.match(text, *lines[after]) is not None


def _index_follows(text: str, lines: list[tuple[int, int]], index: int) -> bool:
    """Whether most of the first lines after line ``index`` are index entries (``Bellini, 203, 204;``)."""
    following = [(s, e) for s, e in lines[index + 1 : index + 1 + INDEX_SAMPLE * 3] if text[s:e].strip()]
    sample = following[:INDEX_SAMPLE]
    return len(sample) == INDEX_SAMPLE and sum(bool(INDEX_ENTRY.search(text, s, e)) for s, e in sample) > INDEX_SAMPLE // 2


def _next_starts_note(text: str, lines: list[tuple[int, int]], index: int) -> bool:
    for following in range(index + 1, len(lines)):
        start, end = lines[following]
        if text[start:end].strip():
            return NOTE_START.match(text, start, end) is not None
    return False


def _among_brace_notes(in_notes_section: bool, notes: list[_NoteDraft]) -> bool:
    """Whether a label in braces stands in a run of notes in braces under a Notes heading: a note
    there though the text misprints its marker (The Gypsies, 22939: note ``{68}`` under the marker
    ``{69}``, ``{293}`` under a second ``{292}``)."""
    return in_notes_section and bool(notes) and notes[-1].symbol[:1].isdigit()


def _is_note(
    text: str,
    start: int,
    end: int,
    match: regex.Match,
    number: int,
    in_notes_section: bool,
    current: _NoteDraft | None,
    list_number: int,
    previous_body: tuple[int, int] | None,
    marker_index: _MarkerIndex,
    notes: list[_NoteDraft],
    headings: list[int],
    at: tuple[list[tuple[int, int]], int],
) -> bool:
    """Whether a line that starts with a number starts a note (and not a list item or a wrapped line);
    ``at`` is the file's lines and the line's index among them."""
    if _names_numbers_apart(match, number):
        return False
    if match.group("symbol") == "":
        # a block after a star's paragraph; not an inline note that the sentence runs on after
        # (``the general, [Footnote: Marcus Silanus…] who came``: Dio's Roman History, 10890)
        closed_at_line_end = ENDS_LINE.match(text, _gutenberg_end(text, match.end())) is not None
        return closed_at_line_end and marker_index.symbol_before("*", start)
    if _lettered_footnote(match):
        # ``[A: These figures…]`` under the table whose ``6,701[A]`` cites it; ``[HW: Illegible]`` is a
        # transcriber's tag for a handwritten word, with no marker (the Slave Narratives, Arkansas)
        return marker_index.symbol_before(match.group("symbol"), start, gathered=in_notes_section)
    if match.group("gutenberg") and COLON_BEFORE_NUMBER.match(text, match.start()):
        return _marker_waits(match.start(), number, notes, marker_index, headings[-1] if headings else None)
    if _bracketed(match) or match.group("gutenberg"):
        return True  # the label says it: ``[Footnote 28:``, ``Footnote 28:``
    if not in_notes_section and _style(match) in PLAIN_NUMBER_STYLES and _spaced_table_row(text[start:end]):
        # ``12 Palms     Minneapolis Floral Co.     First    $10.00``: a table's row (see COLUMN_GAP);
        # a printed label's note may set ditto marks so (``[50]   --     --    p. 171.``: Comtesse de Noailles)
        return False
    if match.group("noteroman"):
        return page_key(text, start) is not None  # ``NOTE II.`` over ``PAGE 35 (43).--``; alone, a heading
    if match.group("noteword") or match.group("page"):
        return in_notes_section  # elsewhere ``Note 1. Doc. & Cov.`` is a reference in the prose or a table
    if match.group("dot") and not in_notes_section and match.end() >= end and BLANK_LINE_AFTER.match(text, end):
        return False  # ``100.`` alone between blank lines under a table: its total (Howard, Phil. Trans. 1800)
    if match.group("bracket") and not in_notes_section and PAGE_AT_LINE_END.search(text, match.end(), end):
        return False  # ``[1]General Sir A. P. Irving      317``: a marker on an entry of a list of illustrations (Old Quebec, 30367)
    if match.group("bracket") and not in_notes_section and _glued_label(text, match) and _notes_spaced(text, notes):
        # ``[87]In the _Purchasing Power of Money_ (1911) I sketched…``: a reading's marker glued to
        # the first word of its paragraph, where the book spaces every note from its label (``[86]
        # The answers…``: Phillips's Readings in Money and Banking, 35120)
        return False
    if match.group("bracket") and match.end() >= end and _year_far_from(number, notes):
        return False  # ``[1868]`` alone under an essay's title: its date (Huxley's Discourses, 10060)
    if symbol := match.group("symbol"):
        if symbol[0].isdigit():  # a page's label in braces (``{51a}``): its note is gathered at the book's end
            return marker_index.brace_before(symbol, start) or _among_brace_notes(in_notes_section, notes)
        return marker_index.symbol_before(symbol, start, gathered=in_notes_section)
    if match.group("paren") and _next_paren_note(notes, text, match, start):
        return True
    if match.group("paren") and current is not None and _marker_inside(text, current, match):
        return True
    if (
        current is not None and current.is_open(text) and not _strong_label_of_another_style(match, current)
        and not _body_after(current, previous_body) and not _cited_at_end_of(text, current, match, number)
    ):
        if not _follows(current.number, number) or match.end() >= end and not _next_label_alone(match, current, number):
            return False  # ``vol. 2, p.`` wrapped onto ``12. The memoir…`` or ``12.``: a locator
        if match.group("bare") and current.style != "bare":
            return False  # ``^{9.} … would on`` wrapped onto ``10 January 1850``: a date, not note 10
        if number == 1 != current.number + 1 and _style(match) != current.style:
            return False  # ``at No.`` wrapped onto ``1 Stalin Street``: a restart would keep its label style
        if _style(match) != current.style and _ends_with_abbreviation(text, current):
            return False  # ``[4] … Antiq. B. VIII. ch.`` wrapped onto ``6. sect. 6``: a locator (Josephus)
    if current is not None and current.style != _style(match) and _lists_up_to(text, current, match, number):
        return False  # ``19. Ananus…`` then ``20. Jesus…``: a list inside the note (Josephus, first transcription)
    if in_notes_section:
        # ``i.`` wrapped onto ``60.`` in a section of ``[FN#521]`` notes: a label of another style
        # that does not follow the note before is that note's text; so is one that would restart
        # the numbering (``sect.`` wrapped onto ``1. There is no reason`` among ``(12)`` notes)
        if current is not None and current.style == "symbol" != _style(match):
            current = _last_numbered(notes)  # a lettered note inside note 198: ``[199]`` follows 198
        # a note keyed to a page is in no numbered sequence: a printed label after it is the next note
        # (``[1]`` after ``Page 14, line 9.``, for a marker in the passage that note quotes: Lamb's Works)
        return (
            current is None or current.style == _style(match) or _follows(current.number, number) and number != 1
            or current.style == "page" and _style(match) in PRINTED_LABEL_STYLES
        )
    if match.group("paren"):
        # between paragraphs ``(1) Activities are ends…`` is a numbered point of the prose: a book
        # prints ``(n)`` notes gathered under a Notes heading (Josephus, first transcription); or
        # right under the line that carries its marker (``a Roman foot (1).`` over ``(1) Quadrantal
        # vocabant…``: Raper's Roman Foot, Phil. Trans. 1759, as OLMoCR read it)
        return _citation_score(text, start, end) >= 1 or (
            previous_body is not None and text.find(match.group(0).strip(), previous_body[0] + 1, previous_body[1]) > 0
        )
    if current is not None and current.style == _style(match) and _follows(current.number, number):
        return True  # the next note of a block of notes
    if match.group("bracket") and _resumes_note_block(text, notes, start, number, marker_index):
        return True
    citation_like = _citation_score(text, start, end) >= 1
    if list_number and number == list_number + 1:
        # the next item of a numbered list in the prose: a note only where it reads as one and its
        # marker stands before it (a list of books reads as citations: ``2. The Des Sauvages (1604)
        # was translated in 'Purchas His Pilgrimes' (1625).`` under English Translations in Colby's
        # Founder of New France, 4213, a book with no numbered marker)
        return citation_like and marker_index.precedes(start, number, headings[-1] if headings else None, calling=True)
    if previous_body is not None and INTRODUCES_LIST.search(text, *previous_body):
        # a list in the prose, unless a block of bracketed notes follows a heading with a colon, or
        # the paragraph the colon ends cites the label
        return (
            citation_like or _opens_note_block(text, *at, match, number)
            or _cited_in_paragraph_before(text, previous_body, match, number)
        )
    return (
        citation_like or marker_index.precedes(start, number, headings[-1] if headings else None)
        or _opens_note_block(text, *at, match, number)
    )


# A list's entry: its title, a run of spaces and its page number at the line's end.
PAGE_AT_LINE_END = OnFirstUse(regex.compile, r"\S[ \t]{3,}\d{1,4}[ \t]*$")
NOTE_BLOCK_RUN = 3  # bracketed labels in a row, a paragraph each, that show a block of notes
NOTE_BLOCK_LINES = 60  # lines looked ahead for the block's next labels


def _opens_note_block(text: str, lines: list[tuple[int, int]], index: int, match: regex.Match, number: int) -> bool:
    """Whether a ``[n]`` paragraph opens a block of notes: the next paragraphs open on ``[n+1]``,
    ``[n+2]``, each a paragraph, each label with its text on its line. A book's notes gathered
    at its end far from their markers, under a heading in another language (``NOTE:`` over Il dolce
    far niente's 79 notes, 61929), read so; a printed page number kept in brackets opens a page mid-sentence
    (``[153] rationalism in England``: Bury's History of Freedom of Thought, 10684)."""
    if not _note_text_follows(text, match, lines[index][1]):
        return False
    expected, paragraph_opens = number + 1, False
    for start, end in lines[index + 1 : index + 1 + NOTE_BLOCK_LINES]:
        if not text[start:end].strip():
            paragraph_opens = True
            continue
        if paragraph_opens:
            following = NOTE_START.match(text, start, end)
            if following is None or not _note_text_follows(text, following, end) or _note_number(following) != expected:
                return False
            if expected == number + NOTE_BLOCK_RUN - 1:
                return True
            expected += 1
        paragraph_opens = False
    return False


def _resumes_note_block(text: str, notes: list[_NoteDraft], start: int, number: int, marker_index: _MarkerIndex) -> bool:
    """Whether a ``[n]`` paragraph goes on with the block of notes before it after a paragraph of
    their text that opens on no label: the block's last notes run ``[n-3]`` to ``[n-1]``, nothing
    between cites a note, and a marker ``[n]`` stands somewhere before (a note's second paragraph,
    ``De Gele Keizer is een legendarische keizer…`` after ``[19]``, among the notes gathered under
    ``AANTEEKENINGEN`` in Borel's Wijsheid en Schoonheid uit China, 61289)."""
    run = notes[-NOTE_BLOCK_RUN:]
    if len(run) < NOTE_BLOCK_RUN or any(
        note.style != "bracket" or note.number != number - NOTE_BLOCK_RUN + place for place, note in enumerate(run)
    ):
        return False
    since = run[-1].parts[-1][1]
    return (
        start - since <= PARAGRAPH_REACH
        and not any(candidate.style == "bracket" for candidate in find_candidates(text, [(since, start)]))
        and marker_index.precedes(start, number, 0)
    )


PARAGRAPH_REACH = 3_000  # a paragraph of prose is shorter than this
BLANK_LINE = OnFirstUse(regex.compile, r"\n[ \t]*\n")


def _cited_in_paragraph_before(text: str, previous_body: tuple[int, int], match: regex.Match, number: int) -> bool:
    """Whether a ``[n]`` paragraph after a paragraph that ends on a colon is the note of a ``[n]``
    marker in that paragraph, not an item of the list the colon introduces: ``who were called the
    Iroquois.[17] Then Hiawatha said to them:`` over ``[17] Succeeding generations wore feathers``
    (Canfield's Legends of the Iroquois, 58228). A list's items are cited by no marker before them."""
    if match.group("bracket") is None:
        return False
    line_start, line_end = previous_body
    window = max(0, line_start - PARAGRAPH_REACH)
    paragraph_start = max((blank.end() for blank in BLANK_LINE.finditer(text, window, line_start)), default=window)
    return any(
        candidate.number == number and candidate.style == "bracket"
        for candidate in find_candidates(text, [(paragraph_start, line_end)])
    )


def _note_text_follows(text: str, match: regex.Match, line_end: int) -> bool:
    """Whether a ``[n]`` label has its note's text after it on its line, not starting mid-sentence:
    a page number opens its page alone on a line or mid-sentence (Bury)."""
    return match.group("bracket") is not None and match.end() < line_end and not text[match.end()].islower()


def _year_far_from(number: int, notes: list[_NoteDraft]) -> bool:
    """Whether ``number`` reads as a year and does not go on from the last numbered note (a book
    numbered past 999 goes on: Burton's Nights)."""
    last = _last_numbered(notes)
    return MIN_YEAR <= number <= MAX_YEAR and (last is None or not last.number < number <= last.number + 3)


def _last_numbered(notes: list[_NoteDraft]) -> _NoteDraft | None:
    """The last note with a number, not a symbol (the note a symbol note sits in or after: the
    editor's ``[A] [Old copy, _steare_.]`` under a line of verse quoted in note 198 of Dodsley's Old
    English Plays, vol. VII, 10336)."""
    return next((draft for draft in reversed(notes) if draft.style != "symbol"), None)


def _strong_label_of_another_style(match: regex.Match, note: _NoteDraft) -> bool:
    """Whether the line opens on a superscript (``¹``, ``^{1}``) while ``note`` has another label
    style: no wrapped locator reads so, so it starts a note even where the open ``note`` would not
    go on to its number (page notes ``¹ Histoire…`` under numbered paragraphs ``7. The…`` read as
    notes: Carpenter's Antedon, Phil. Trans. 1866, as OLMoCR read it)."""
    style = _style(match)
    return style in STRONG_STYLES and style != note.style


def _cited_at_end_of(text: str, note: _NoteDraft, match: regex.Match, number: int) -> bool:
    """Whether the ``[n]`` that opens the line is cited by a marker glued to the end of ``note``'s
    last line: the line is that marker's note, no wrapped locator of ``note`` (Madison's Journal of
    the Debates, 40861: a resolution numbered ``9.`` ends ``committed.[86]``, its ``[86]`` note under
    it). There the resolutions ``1.`` to ``9.`` now read as a list, so no note is open above
    ``[86]``; a numbered resolution that stands alone, its number cited before it, still reads as
    an open note (fixture ``numbered-resolution-ends-on-the-marker-of-the-note-under-it.txt``)."""
    if not match.group("bracket"):
        return False
    return text[note.parts[-1][0] : note.parts[-1][1]].rstrip().endswith(f"[{number}]")


def _body_after(note: _NoteDraft, previous_body: tuple[int, int] | None) -> bool:
    """Whether body text came between ``note`` and the line read now: the line is then no wrapped
    line of the note's locator, whatever the note's open end (a lone ``15.`` wrapped from ``See Sura
    xv.`` in Rodwell's Koran, 2800, would otherwise refuse every later note)."""
    return previous_body is not None and previous_body[0] >= note.parts[-1][1]


def _lists_up_to(text: str, note: _NoteDraft, match: regex.Match, number: int) -> bool:
    """Whether the note's last line is the item before ``number`` of a list in the label style of
    ``match``: its next item continues the note's text."""
    start, end = note.parts[-1]
    line_start = text.rfind("\n", 0, end) + 1
    item = NOTE_START.match(text, max(start, line_start), end)
    return item is not None and _style(item) == _style(match) and _note_number(item) == number - 1


def _ends_with_abbreviation(text: str, note: _NoteDraft) -> bool:
    """Whether the note's last line stops on an abbreviation (``ch.``, ``p.``, ``B.``): its locator
    goes on at the next line's start, even where that reads as a label of another style."""
    start, end = note.parts[-1]
    return end > start and bool(ABBREVIATION_AT_END.search(text, start, end))


def _marker_inside(text: str, note: _NoteDraft, match: regex.Match) -> bool:
    """Whether a numbered paragraph read as ``note`` (``1. That the medal…``) holds the ``(n)`` that
    labels the line under it as a marker: the line is that marker's note, not the paragraph's
    wrapped text (Swinton's Parthian Coin, Phil. Trans. 1755, as OLMoCR read it)."""
    label = text[match.start("paren") - 1 : match.end("paren") + 1]
    return note.style in PLAIN_NUMBER_STYLES and any(text.find(" " + label, s, e) >= 0 for s, e in note.parts)


def _next_paren_note(notes: list[_NoteDraft], text: str, match: regex.Match, start: int) -> bool:
    """Whether the ``(n)`` that labels the line goes on from the book's last ``(n)`` note and stands
    as a marker on the page before it: the line is that marker's note, however bare, and whatever
    numbered paragraph is still open above it (``(17) Bochart. Phal. Lib, I. c. i.`` under ``4. The
    fourth word…``: Swinton, Phil. Trans. 1764, as OCR read it); not a numbered point that repeats
    one in the prose above (``(1) some are activities`` then ``(1) Activities are ends…``)."""
    previous = next((draft.number for draft in reversed(notes) if draft.style == "paren"), None)
    label = text[match.start("paren") - 1 : match.end("paren") + 1]
    return (
        previous is not None and _follows(previous, _note_number(match))
        and text.rfind(label, max(0, start - PAGE_REACH), start) >= 0
    )


def _follows(previous: int, number: int) -> bool:
    """Whether note ``number`` can come after note ``previous``: next in line, a small gap, or a restart."""
    return previous < number <= previous + 3 or (number == 1 and previous > 1)


def _next_label_alone(match: regex.Match, current: _NoteDraft, number: int) -> bool:
    """Whether a ``[n]`` alone on its line is the next note's label after a ``[n]`` note that reads
    as open: its text a quotation set off below it (``[48] … Juvenal, _Sat._ I.`` then ``[49]`` over
    an indented line of Shelley, in Williams's Ethics of Diet, 55785); a locator wrapped onto a
    line of its own is no bracketed number."""
    return match.group("bracket") is not None and current.style == "bracket" and number == current.number + 1


# ``[Footnote``, ``[*Footnote``: a label whose note ends at its bracket (a ``[*] Ueber…`` note does not)
BRACKETED_FOOTNOTE = OnFirstUse(re.compile, r"[ \t]*\[\**Footnote")


def _bracketed(match: regex.Match) -> bool:
    """Whether the note's text is the rest of a ``[Footnote n: …]`` (it ends at its bracket)."""
    label = match.group(0)
    return BRACKETED_FOOTNOTE.match(label) is not None or _lettered_footnote(match) or WORDLESS_FOOTNOTE.match(label) is not None


def _glued_label(text: str, label: regex.Match | _NoteDraft) -> bool:
    """Whether a ``[n]`` label is glued to the word after it (``[87]In``), not spaced from its text."""
    end = label.end() if isinstance(label, regex.Match) else label.label_end
    return text[end - 1 : end] == "]" and not text[end : end + 1].isspace()


def _notes_spaced(text: str, notes: list[_NoteDraft]) -> bool:
    """Whether the book's last bracketed notes (three at least) all space their text from the label."""
    bracketed = [note for note in notes[-PRINTED_LABELS_SETTLE * 2 :] if note.style == "bracket"][-PRINTED_LABELS_SETTLE:]
    return len(bracketed) == PRINTED_LABELS_SETTLE and not any(_glued_label(text, note) for note in bracketed)


def _wrapped_bracket_label(text: str, match: regex.Match, current: _NoteDraft, notes: list[_NoteDraft]) -> bool:
    """Whether a ``[n]`` opening the line right under a ``[n]`` note's text, whose number neither
    follows that note's nor repeats it, is that note's text wrapped there, in a book that sets each
    of its last bracketed notes (three at least) a blank line apart: ``[81] … Archiv. der Pharm.``
    over ``[3] iii. 295``, the journal's third series (Battershall's Food Adulteration, 54004)."""
    if not match.group("bracket") or current.style != "bracket":
        return False
    number = _note_number(match)
    return not _follows(current.number, number) and number != current.number and _notes_set_apart(text, notes)


def _notes_set_apart(text: str, notes: list[_NoteDraft]) -> bool:
    """Whether the book's last bracketed notes (three at least) each open after a blank line."""
    bracketed = [note for note in notes[-PRINTED_LABELS_SETTLE * 2 :] if note.style == "bracket"][-PRINTED_LABELS_SETTLE:]
    return len(bracketed) == PRINTED_LABELS_SETTLE and all(
        _blank_line_at(text, text.rfind("\n", 0, note.label_start), -1) for note in bracketed
    )


def _lettered_footnote(match: regex.Match) -> bool:
    """Whether the label is ``[A:``, a lettered ``[Footnote A:`` without its word."""
    return LETTERED_FOOTNOTE.match(match.group(0).lstrip()) is not None


def _note_number(match: regex.Match) -> int:
    """The note's number (``NOTE VIII.`` is 8); 0 for a symbol note (``(*)``), whose label is its symbol."""
    groups = _label_groups(match.re)
    if groups.symbol and match[groups.symbol] is not None:
        return 0
    for group in groups.numbers:  # a loop, not next() over a generator: twice as fast, asked for each note
        if digits := match[group]:
            break
    if not digits.isascii():
        return int(digits.translate(_FROM_SUPERSCRIPT))
    return int(digits) if digits[0].isdigit() else roman_value(digits)  # ``NOTE VIII.``


# The named groups of NOTE_START (and of the ``[Footnote`` patterns) and the note style each gives.
_NOTE_STYLES = {"gutenberg": "gutenberg", "caret": "caret", "dash": "dash", "dot": "dot", "noteword": "dot", "noteroman": "roman", "page": "page", "bracket": "bracket", "paren": "paren",
                "bare": "bare", "symbol": "symbol", "sup": "superscript", "hash": "hash"}
_NUMBER_GROUPS = ("gutenberg", "caret", "dot", "noteword", "noteroman", "page", "bare", "bracket", "paren", "sup", "hash")


class _LabelGroups(NamedTuple):
    """A label pattern's groups by number: the regex module looks a group up by name twenty times
    slower than by number, and a line that starts a note asks for its style and number often."""

    styles: tuple[tuple[int, str], ...]  # (group, style) in the order of _NOTE_STYLES
    numbers: tuple[int, ...]  # in the order of _NUMBER_GROUPS
    symbol: int  # 0: none


@functools.cache
def _label_groups(pattern: regex.Pattern) -> _LabelGroups:
    index = pattern.groupindex
    return _LabelGroups(
        tuple((index[name], style) for name, style in _NOTE_STYLES.items() if name in index),
        tuple(index[name] for name in _NUMBER_GROUPS if name in index),
        index.get("symbol", 0),
    )


def _style(match: regex.Match) -> str:
    """The style of a note label matched by NOTE_START (``dash`` before ``dot``: ``- 12.``)."""
    for group, style in _label_groups(match.re).styles:  # not next() over a generator: 3 times as fast
        if match[group] is not None:
            return style
    raise ValueError(f"no label in {match.group()!r}")


def _start_note(layout: Layout, text: str, match: regex.Match, number: int, line_end: int) -> _NoteDraft:
    style = _style(match)
    label_start = match.start() + len(match.group(0)) - len(match.group(0).lstrip())
    label_end = match.end()
    while label_end > label_start and text[label_end - 1] in " \t":
        label_end -= 1
    symbol = match[group] if (group := _label_groups(match.re).symbol) else ""
    draft = _NoteDraft(number, label_start, label_end, style, symbol="*" if symbol == "" else symbol)
    if _names_next_numbers(match, number):
        draft.also = int(match["also"] or match["next"] or match["through"])
    if _bracketed(match):
        draft.parts.append((match.end(), _gutenberg_end(text, match.end())))
    else:
        draft.parts.append((match.end(), line_end))
    layout.notes.append(draft)
    return draft


# A label whose colon stands before its number: ``[Footnote:28 Known as``, ``[Footnote :1 _La Vie``.
COLON_BEFORE_NUMBER = OnFirstUse(regex.compile, r"[ \t]*\[Footnote[ \t]*:")


def _marker_waits(
    start: int, number: int, notes: list[_NoteDraft], marker_index: _MarkerIndex, chapter_start: int | None
) -> bool:
    """Whether a ``[n]`` marker of ``number`` stands within reach before ``start`` (or since the last
    chapter heading, as :meth:`_MarkerIndex.precedes`) and after the last note of that number: a label whose colon stands before its number (``[Footnote:28 Known as``,
    Livy; ``[Footnote: 1 Rushworth``, Lingard) is a note's label damaged in conversion only where
    its marker waits for it. Sisam's Fourteenth Century Verse & Prose prints its manuscript
    readings as unlabelled notes keyed to a line of the text, ``[Foot-note: 21 for (2nd) _om. MS.
    Bodley 415_.]``: no marker of line 21's number waits there (its ``[21]`` has its note already)."""
    since = max(0, start - MARKER_REACH)
    if chapter_start is not None:
        since = min(since, chapter_start)
    for note in reversed(notes):
        if note.number == number and note.style not in ("symbol", "page"):
            since = max(since, note.label_end)
            break
    return marker_index.stands_between(number, since, start, opening="[")


def _names_next_numbers(match: regex.Match, number: int) -> bool:
    """Whether a bracketed label names more numbers than its first, each the next: ``[84 and 85]``,
    ``[4, 5]``, or a range within ALSO_REACH, ``[12-13]`` (see NOTE_START)."""
    if "through" not in match.re.groupindex:
        return False
    if match["also"] or match["next"]:
        return int(match["also"] or match["next"]) == number + 1
    return match["through"] is not None and number < int(match["through"]) <= number + ALSO_REACH


def _names_numbers_apart(match: regex.Match, number: int) -> bool:
    """Whether a bracketed label names a second number by a comma or a dash that is not the next
    ones (``[3, 9]``, ``[1802-1805]``): a list's or a span's brackets, no note's label. (``[1 and
    3]`` stays note 1: Aids to Reflection's form was read so before these.)"""
    return (
        "through" in match.re.groupindex and bool(match["next"] or match["through"])
        and not _names_next_numbers(match, number)
    )


def _continues(
    text: str,
    lines: list[tuple[int, int]],
    index: int,
    note: _NoteDraft,
    in_notes_section: bool,
    adjacent: bool,
    body_rest_due: bool,
    width: Callable[[], int | None],
) -> bool:
    """Whether an unnumbered line continues ``note``: a wrapped line, or the rest of a page-broken note.

    The rest of a note split by a page break starts mid-sentence, reads as citation text and has
    no marker; after a note cut mid-word or mid-phrase (a hyphen, a comma, a trailing "and"), its
    rest may start with a capital. When the body text before the notes stopped mid-sentence too (``body_rest_due``),
    the first such paragraph after the notes is the body's rest, not the note's.
    """
    if in_notes_section:
        # a ``[Footnote n: …]`` closed by its bracket is whole: the paragraph after it is the book
        # going on after a chapter's gathered notes with no heading (the Epilogue of Why We Are at
        # War, 10809, after its chapter's ``Notes:``)
        return not text.startswith("]", note.parts[-1][1])
    if (
        adjacent and note.style == "bare" and _indentation(text, lines[index][0]) <= _indentation(text, note.label_start)
        and not _carries_strong_marker(text, *lines[index])
    ):
        # a hard-wrapped line of a ``12 Lit. despair.`` note, after a line that ends a sentence too
        # (Rodwell's Koran, 2800); a ``12.`` line may open a numbered paragraph of the prose instead,
        # and a line with a superscript marker is the body resumed under a page's notes (``1 Plate
        # LII. figs. 4, 5.`` then ``These large canals … the arm\(^1\)``: Hancock, Phil. Trans. 1858)
        return True
    if adjacent and note.style == "gutenberg" and not text.startswith("]", note.parts[-1][1]):
        return True  # ``Footnote 27:   According…`` runs to a blank line: no bracket closes it
    if not note.is_open(text):
        # a sentence that ends a full line: the note's paragraph goes on, hard-wrapped (``…and, in
        # Vol. III. Letter XLIV.`` over ``That she fears her almost…``: Richardson's Clarissa, 11364);
        # not after a plain number, which may be a section of the prose (``90. Now on the same day…``
        # in Herodotus, first transcription)
        return adjacent and note.style not in PLAIN_NUMBER_STYLES and _wrapped_after(text, note.parts[-1][1], lines[index], width())
    if adjacent:
        return not _body_resumes(text, *lines[index], note)  # a hard-wrapped line of the same note
    start = lines[index][0]
    end = _paragraph_end(text, lines, index)
    if _set_off_below_label(text, lines[index], end, note):
        return True
    cut = NOTE_CUT.search(text, *note.parts[-1]) is not None
    return (
        not body_rest_due
        and (cut or STARTS_MID_SENTENCE.match(text, start, end) is not None)
        and end - start < 600
        and _citation_score(text, start, end) >= 2
        and not find_candidates(text, [(start, end)])
    )


WRAP_WIDTH_SHARE = 0.98  # the share of a hard-wrapped text's lines no longer than its wrap width


def wrap_width(text: str) -> int | None:
    """The width ``text`` is hard-wrapped to: the length all but a few of its lines keep within
    (tables and headings stand out by a few); None when its lines are paragraphs, not wrapped."""
    lengths = sorted(len(line.rstrip()) for line in text.split("\n") if line.strip())
    if not lengths:
        return None
    width = lengths[min(len(lengths) - 1, int(len(lengths) * WRAP_WIDTH_SHARE))]
    return width if width <= HARD_WRAP_WIDTH else None


def _wrapped_after(text: str, previous_end: int, line: tuple[int, int], width: int | None) -> bool:
    """Whether the break before ``line`` is a hard wrap: its first word would not have fitted on
    the line above, which ``previous_end`` ends. A paragraph that ends there leaves room for it,
    or is closed by a bracket (``[Footnote 32: … p. 49.]``, Gibbon, first transcription)."""
    words = text[line[0] : line[1]].split(None, 1)
    if width is None or not words or text.startswith("]", previous_end):
        return False
    above = text[text.rfind("\n", 0, previous_end) + 1 : previous_end].rstrip()
    return not above.endswith("]") and len(above) + 1 + len(words[0]) > width


def _set_off_below_label(text: str, line: tuple[int, int], end: int, note: _NoteDraft) -> bool:
    """Whether the paragraph from ``line`` to ``end`` is the text of ``note``, whose label stands
    alone on its line: a quotation set off below it, indented deeper than the label and citing no
    note (``  [112]`` over the verse ``       'Cardan believed great states depend``: Williams's
    Superstitions of Witchcraft, 22822). A page number alone on its line has the prose go on flush
    with it (``[14]`` in Bury's Freedom of Thought)."""
    return (
        len(note.parts) == 1 and not text[note.parts[0][0] : note.parts[0][1]].strip()
        and _indentation(text, line[1]) > _indentation(text, note.label_start)
        and not find_candidates(text, [(line[0], end)])
    )


def _body_resumes(text: str, start: int, end: int, note: _NoteDraft) -> bool:
    """Whether a line right under ``note`` is the body going on after the page's notes, which OCR
    set inside its paragraph: it carries the marker of a later note in the note's own label style
    (``inscriptions, … upon this (91) inscription`` under note ``(90)``: Swinton, Phil. Trans.
    1764; ``Vespasian rebuilt … got abroad (8)`` under note ``(7)``: Raper, 1759), or it starts
    mid-sentence and carries a superscript marker (``branched¹`` under note ``⁶``: Hancock, 1858;
    all as OLMoCR read them)."""
    mid_sentence = STARTS_MID_SENTENCE.match(text, start, end) is not None
    return any(
        LABEL_BOUND_STYLES.get(candidate.style, candidate.style) == note.style and candidate.number > note.number
        or mid_sentence and candidate.style in STRONG_STYLES
        for candidate in find_candidates(text, [(start, end)])
    )


# A title in capitals alone on its line: ``POEMS.``, ``LONDON; A POEM:``, ``THE VANITY OF HUMAN WISHES;``.
CAPITALS_TITLE = OnFirstUse(regex.compile, r"[ \t]*\p{Lu}[\p{Lu}\p{Pd}’'.,:;& \t]{2,80}$")
TITLE_REACH = 20_000  # how far after a title its piece's first marker is looked for


def _new_piece_title(
    text: str, lines: list[tuple[int, int]], index: int, note: _NoteDraft, marker_index: _MarkerIndex
) -> bool:
    """Whether line ``index``, after a finished note, is the title of a new piece: in capitals, a
    blank line under it, and before the next line that opens on a label of the notes' style, the text cites the
    first label of the notes' kind again (``[a]``, ``1``): a new piece whose markers restart. A
    capitals line inside the notes (``LETTER II.``) has notes, not a restarted marker, after it."""
    start, end = lines[index]
    if not CAPITALS_TITLE.match(text, start, end) or not BLANK_LINE_AFTER.match(text, end):
        return False
    until = min(len(text), start + TITLE_REACH)
    for following_start, following_end in lines[index + 1 :]:
        if following_start >= until:
            break
        label = NOTE_START.match(text, following_start, following_end)
        if label is not None and _style(label) == note.style:  # not ``1646. A stone was laid`` under lettered notes
            until = following_start
            break
    if (note.symbol or "")[:1].isalpha():
        first = "a" if note.symbol.islower() else "A"
        positions = marker_index.symbol_positions(first)
        after = bisect.bisect_left(positions, end)
        return after < len(positions) and positions[after] < until
    return note.style != "symbol" and marker_index.stands_between(1, end, until)


def _next_letter_cited_first(text: str, match: regex.Match, marker_index: _MarkerIndex) -> bool:
    """Whether a lower-case ``[d]`` label inside a paragraph is a marker: the next letter's marker
    ``[e]`` stands after it before any line opens on the label ``[e]`` (not glued to a word: ``[n]I
    cannot bear`` is a verse line's marker), the markers running on
    through the text. A table's notes under it (``[a]``, ``[b]`` under the rows whose cells cite
    them: True's Beaked Whales, 44785) come after all their markers."""
    letter = match.group("symbol")
    if len(letter) != 1 or letter == "z":
        return False
    following = chr(ord(letter) + 1)
    until = min(len(text), match.end() + TITLE_REACH)
    label = regex.compile(r"^[ \t]*\[" + following + r"\](?:[ \t]|$)", regex.MULTILINE).search(text, match.end(), until)
    until = label.start() if label is not None else until
    positions = marker_index.symbol_positions(following)
    after = bisect.bisect_left(positions, match.end())
    return after < len(positions) and positions[after] < until


def _carries_later_marker(text: str, lines: list[tuple[int, int]], index: int, note: _NoteDraft) -> bool:
    """Whether the paragraph that starts at line ``index`` carries a ``[n]`` marker of a note after
    ``note``, itself a ``[n]`` note: no paragraph of that note's text does. (An ``(n)`` in prose may
    be a point of a list: the transcriber's sections ``(1) About this etext.`` of Marion's Brigade.)"""
    end = _paragraph_end(text, lines, index)
    return note.style == "bracket" and any(
        candidate.style == "bracket" and candidate.number > note.number
        and not (candidate.number == note.number + 1 and _ends_with_label(text, candidate, end))
        for candidate in find_candidates(text, [(lines[index][0], end)])
    )


def _ends_with_label(text: str, candidate: Candidate, paragraph_end: int) -> bool:
    """Whether ``candidate`` ends its paragraph after a sentence: the next note's label run on at
    the end of the note before (:data:`RUN_ON_NOTE`), not a marker in the body."""
    line_end = text.find("\n", candidate.end)
    line_end = len(text) if line_end < 0 else line_end
    found = RUN_ON_NOTE.search(text, text.rfind("\n", 0, candidate.start) + 1, line_end)
    return found is not None and found.start() == candidate.start and line_end >= paragraph_end - 1


def _carries_strong_marker(text: str, start: int, end: int) -> bool:
    """Whether the line holds a marker printed as one (a superscript): no note's text does."""
    return any(candidate.style in STRONG_STYLES for candidate in find_candidates(text, [(start, end)]))


# --------------------------------------------------------------------------------------------
# Candidates

# Scores for each way a marker can be written: strong styles are nearly certain, digits glued
# to a word or after a space at a sentence end are often decoys.
STYLE_SCORE = {
    "superscript": 12.0,
    "caret": 12.0,
    "bracket": 8.0,
    "circumflex": 8.0,
    "paren": 7.0,
    "hash": 7.0,
    "spaced-paren": 7.0,
    "punctuation": 7.0,
    "quote": 7.0,
    "word": 4.5,
    "year": 5.0,
    "spaced": 3.5,
    "after-number": 3.0,
    "after-comma": 2.5,
    "line-end": 2.5,
}
STRONG_STYLES = frozenset({"superscript", "caret"})
# Styles a book prints its markers in only when it labels its notes the same way: ``(2)`` after a
# space is an item of a list (``(1) the army, (2) the navy``) unless the notes are ``(2) text``.
LABEL_BOUND_STYLES = {"spaced-paren": "paren", "hash": "hash"}
# Styles too weak to stand without a note of their number: ``Smith, 4 and`` is a marker only where
# note 4 exists (``Silvestri, 9 vols.`` in a text whose notes are symbols is a count).
NOTE_BOUND_STYLES = frozenset({"after-comma", "line-end"})
# Candidates that are no evidence that a ``1.`` line between paragraphs is a note: one that is a
# marker only where the notes carry its own label (``(1) The egg, (2) the larva``), or only where a
# note of its number exists (``Beets, 1 peck``), would call the line only because it is read as a
# note, unless it stands on the same page: the beekeeper's steps and the prize list of Trees,
# Fruits and Flowers of Minnesota 1916, 18183, are pages after any ``(1)`` or ``Beets, 1 peck``.
CALLING_NO_PLAIN_NOTE = frozenset(LABEL_BOUND_STYLES) | NOTE_BOUND_STYLES

# Abbreviations whose full stop is no sentence end: ``No. 4``, ``p. 12``, ``vol. 3``, ``c. 10`` (a
# chapter, in Carlyle's references; or circa; not ``&c.``, which ends a sentence as often as not),
# ``A.D. 54 (a.u. 807)`` (the year sidenotes of Dio's Rome), ``frag. 104 Mueller`` (its references).
# (a month's, before a day: ``Sept. 6`` ending a map's caption in the New York Times Current History, 16363)
_ABBREVIATIONS = r"(?i:no|nos|p|pp|vol|vols|a\.d|b\.c|a\.u(?:\.c)?|cap|ch|fig|art|sec|frag|bk|para|n|nn|v|vv|col|cols|ll|l|st|mr|mrs|dr|(?-i:(?<!&)c)|(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec))"
_SPACE = r"[ \t\u00a0\u202f]"  # including no-break spaces, which converters often put before a marker
# A count of volumes is no marker: ``Encyclopaedia Biblica, 4 vols.`` (Bury's bibliography), ``DU PUY DE
# DOME. 1 Vol. folio.`` (a bookseller's list in Notes and Queries No. 92, Project Gutenberg 38324);
# nor of tomes, in the Latin or French of a title: ``Romæ, 1650. 2 Toms in 1. Folio.``, ``ECCLESIASTICI.
# 3 Tom. Folio.`` (the books wanted in Notes and Queries No. 218, 29664)
_VOLUME_WORDS = r"(?i:vols?|volumes|toms?|tomes?|tomi)\b"
_NO_VOLUMES = r"(?![ \t]*\n?[ \t]+" + _VOLUME_WORDS + r"|[ \t]*\n" + _VOLUME_WORDS + ")"
CANDIDATE = OnFirstUse(regex.compile,
    r"(?=[\d⁰¹²³⁴⁵⁶⁷⁸⁹^\[(\\#<])"  # every candidate starts here: lets the engine skip prose fast
    # not ``¹``/``²``/``³`` after a letter U+00C2-U+00DF: the second byte of a UTF-8 character read as
    # Latin-1 (Greek ``ι`` as ``Î¹`` in the Greek of Notes and Queries No. 96, Project Gutenberg 38405)
    r"(?:(?<![\u00c2-\u00df])(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})(?![⁰-⁹])"
    r"|\^\{[ \t]?(?P<caret>\d{1,4})[ \t]?\}"
    r"|\\\(\^\{?(?P<caret>\d{1,4})\}?\\\)"  # ``Gesner\(^1\),``: LaTeX from an OCR engine (OLMoCR)
    r"|(?<!\d)\^(?P<circumflex>\d{1,4})(?!\d)"  # ``^12``: also a power or a scale degree, so not strong
    # also after a year: ``in 1726[16] and`` (Phillips's American Negro Slavery, e-text of 2004),
    # and after a page or volume that a locator names: ``(Tome I, p. 196[38].)`` (Cim's Récréations
    # littéraires, 50926); not after another number (``1608-9[24]``, a table's cell in Halleck)
    # not after a word that names a note: ``Pg 66 Fn [23]: ‘uncontroubled’``, ``missing anchor [24]``
    # (a transcriber's list of corrections: Boileau's Memorials of Human Superstition, 68362)
    r"|(?=\[)(?<!\b(?i:fn|anchor|(?:foot)?notes?)" + _SPACE + r")"
    # ... but after a number that prose goes on from in lower case: ``for 6[106] trombones``,
    # ``to 1612-9/10[89] in paper money`` (Thayer's Beethoven, 43592; a table's cell ends its row)
    # (the locator's number may be a range, wrapped after its abbreviation: ``dated c.`` / ``350-375[5]``
    # in the Britannica's Clementine Literature, 31641)
    # ... or after a heading's day that ends its line: ``THURSDAY MAY 31[40]`` (Madison's Journal of the
    # Debates, 40861), no table's cell, which has the row's next column after it
    r"(?:(?<!(?<!\d)\d{1,3})|(?<=\b" + _ABBREVIATIONS + r"\.(?:" + _SPACE + r"|\n)?\d{1,4}(?:[-–]\d{1,4})?)|(?=\[\d{1,4}\][ \t]+\p{Ll})"
    r"|(?<=^[ \t]*(?:\p{Lu}+,?[ \t]+){1,2}\d{1,2})(?=\[\d{1,4}\][ \t]*$)"
    # ... or after a figure in a ruled table's cell, a column rule before it on the row and the
    # cell's rule or the row's end after it: ``|  0[7]  |``, ``|   0    | 1/2[6]``, the table's
    # legend notes under it (Self-Organizing Systems 1963, 66286)
    r"|(?<=\|[^\n]*\d)(?=\[\d{1,4}\][ \t]*(?:\||$))"
    # ... or after a figure alone on its line: a column's total under its rule, ``-----`` over
    # ``103·5[21]`` (the milk ash of Battershall's Food Adulteration, 54004)
    r"|(?<=^[ \t]*\d[\d·.,]*)(?=\[\d{1,4}\][ \t]*$)"
    # ... or in a table set in columns of spaces (two gaps of three spaces or more before it on the
    # row, see COLUMN_GAP), the row's end or a column's gap after it: ``1602-3[25]``, ``1610-12[24]``
    # ending a row of Halleck's table of Shakespeare's plays (10631), the legend notes 23-25 after the chapter
    r"|(?<=^[^\n]*?\S[ \t]{3,}\S[^\n]*?\S[ \t]{3,}[^\n]*\d)(?=\[\d{1,4}\](?:[ \t]*$|[ \t]{2})))"
    # the transcriber's worded marker, ``the first epoch. [Footnote 1]``, ``[Footnote 18 ] in an article``
    # (Guizot's Representative Government, 61250, whose notes are ``[Footnote 1: …]``)
    # (two notes called at one place, a note and the editor's note added to it: ``setes.[40, 40*]``,
    # Sisam's Havelok the Dane, 32049: the number here, the added note's mark with the symbols')
    r"\[(?:(?:FN\#)?(?P<bracket>\d{1,4})|Footnote(?:[ \t]+|[ \t]*\n[ \t]*)(?P<bracket>\d{1,4})[ \t]*)(?:\]|(?<=\[\d{1,4})(?=,[ \t]*" + STARRED_NUMBER + r"\]))"
    # a number in angle brackets glued to the word or stop (or a space after it, behind a symbol's
    # marker: ``Manilla,* <16>``), as a transcriber marks the endnotes of a book whose own footnotes
    # are symbols: ``profession,<1>--the``, ``Dort.<3>`` (Browne's Religio Medici, 586); a bracketed
    # marker, never an HTML tag (``<p 107>``, ``<i>``)
    r"|(?<=\S[ \t]?)<(?P<bracket>\d{1,4})>"
    # `` #n`` after a space or opening a line: ``his political creed #105.`` (Acton's Lectures on
    # Modern History, 18685); a marker only where the notes are labelled so (LABEL_BOUND_STYLES)
    r"|(?<=[^\S\n]|^)\#(?P<hash>[1-9]\d{0,2})(?![\d\]\p{L}])"
    # also after the dash that closes a word in italics: ``-poeta-(70)`` (Mommsen, e-text of 2004)
    # and after a year of three or four digits: ``his opponents in 537(61) gave`` (Mommsen, A.U.C.)
    r"|(?<=[\p{L}.,;:!?’”\"']|\p{L}-|(?<![\d.,])\d{3,4})\((?P<paren>\d{1,3})\)"
    # after a space or a line break: ``the Greeks (2) worthy``, ``gift.) (17) Solomon`` (Josephus's
    # first transcription), ``Socratas.- (3)`` (Mommsen), ``\textit{Marmora} (39)`` (OCR's LaTeX
    # italics: Swinton, Phil. Trans. 1764, as OLMoCR read it)
    r"|(?<=[\p{L}\p{N}.,;:!?’”\"')\]}*$—–-][ \t\n])\((?P<parenspaced>\d{1,3})\)"
    # not a number after a number sign: ``PG # 16193`` (a list of e-texts after Notes and Queries, 38405),
    # nor a file's name or path: ``See 18183-h.htm``, ``/18183/18183-h/`` (the Gutenberg header of Trees, Fruits and Flowers of
    # Minnesota 1916, 18183)
    r"|(?<![\p{L}\d.,#/]|#[ \t])(?:1[5-9]\d\d|20\d\d)(?P<yearnote>\d{1,3})(?![\d\p{L}/]|[-.]\p{L})"
    # not the number of a label whose colon stands before it, ``[Footnote:21 for (2nd)`` (a reading keyed
    # to a line, no note: see _marker_waits)
    r"|(?<=[\p{L}.,;!?:…’”\"'\)\]])(?<!\b" + _ABBREVIATIONS + r"\.|\[Footnote[ \t]?:)"
    r"(?P<glued>[1-9]\d{0,3})(?![\d\p{L}⁰-⁹]|\.\p{L})"  # not a name: ``poetc10.txt``
    # not after an initial: ``Hopkins, R. 3`` (a rural route in the list of members of Trees,
    # Fruits and Flowers of Minnesota 1916, 18183)
    r"|(?<=[.!?…’”\"\)]" + _SPACE + r")(?<!\b(?:" + _ABBREVIATIONS + r"|\p{Lu})\." + _SPACE + r")"
    r"(?P<spaced>[1-9]\d{0,2})(?=" + _SPACE + r"+[\p{Lu}“‘\"'(]|[ \t]*$)" + _NO_VOLUMES +
    # after a word, ending its line: ``her innocence 174`` (Macaulay vol. 1, first transcription);
    # not a count or a reference (``Vol. 1 of 2``, ``see page 12``)
    r"|(?<=\p{Ll}{3}[ \t])(?<!\b(?:and|the|than|from|with|page|pages|vols?|chapter|number|year|years|about)[ \t])"
    r"(?P<lineend>[1-9]\d{0,2})(?=[ \t]*$)"
    # after a word and a comma, before a word: ``the capital of the sultan, 25 who`` (not ``3, 4``,
    # nor a count of volumes: ``Encyclopaedia Biblica, 4 vols.`` in Bury's bibliography)
    r"|(?<=[\p{L}’”\"'],[ \t\u00a0])(?P<commaspaced>[1-9]\d{0,2})(?=[ \t]+\p{L})" + _NO_VOLUMES +
    # hard-wrapped text: the space before the marker became a line break (a number after a blank
    # line is a page number, not a marker)
    r"|(?<=[.!?…’”\"\)]\n)(?<!\b(?:" + _ABBREVIATIONS + r"|\p{Lu})\.\n)"
    r"(?P<spaced>[1-9]\d{0,2})(?=[ \t]+[\p{Lu}“‘\"'(]|[ \t]*$)" + _NO_VOLUMES + ")",
    regex.MULTILINE,
)


class Candidate(NamedTuple):
    """A place the sequence may take as a marker. A named tuple: a book has a candidate for
    every number that touches a word, and one is made in a third of a frozen dataclass's time."""

    start: int
    end: int
    number: int
    style: str
    score: float
    ocr: bool = False  # printed with letters for digits (``l7``, ``2O``): ``number`` is the reading


# Digits printed as letters by OCR: 1 as l or I, 0 as O (``Stalin.l7``, ``war.2O``): a word of
# two or three such characters with at least one digit and one letter (tested on the match, not
# by lookaheads, which made the scan of the text twice as slow), glued to punctuation.
OCR_CANDIDATE = OnFirstUse(regex.compile, r"[.,;:!?’”\"')\]](?P<ocr>[1-9lI][\dlIO]{1,2})(?![\d\p{L}])")
_FROM_OCR_LETTERS = str.maketrans("lIO", "110")


def _holding(opening: str) -> str:
    """A pattern for the lines, one after another from a line's start, that each hold a match of
    ``opening`` (which holds no line break): it ends at the end of the last of them."""
    line = r"[^\n]*?(?:" + opening + r")[^\n]*"
    return line + r"(?:\n" + line + ")*"


# What every OCR_CANDIDATE match opens with, for ``re`` to skip to (see CANDIDATE_OPENING).
_OCR_OPENING = r"[.,;:!?’”\"')\]][1-9lI]"
OCR_OPENING = OnFirstUse(re.compile, _OCR_OPENING)
OCR_LINES = OnFirstUse(re.compile, _holding(_OCR_OPENING))


def find_ocr_candidates(text: str, spans: Iterable[tuple[int, int]]) -> list[Candidate]:
    """Markers OCR printed with letters for digits; the sequence takes them only as a misread
    of the number it expects (as ``18`` for 13), never as a number of their own."""
    return [
        Candidate(match.start("ocr"), match.end(), int(match.group("ocr").translate(_FROM_OCR_LETTERS)), "punctuation",
                  STYLE_SCORE["punctuation"], ocr=True)
        for span_start, span_end in lines_holding(OCR_OPENING, OCR_LINES, text, spans)
        for match in OCR_CANDIDATE.finditer(text, span_start, span_end)
        if not (match.group("ocr").isalpha() or match.group("ocr").isdecimal())  # all letters or all digits
    ]


def _classify_glued(text: str, start: int, end: int, before: str) -> str | None:
    """The style of digits glued to what precedes them, or None for a number that is no marker."""
    if before.isalpha():
        # ``F3``, ``B12``: a letter and digits are a code (paragraph F3 of a licence), no marker; a
        # possessive's ``s`` is a word's end (``the sinner's10 food``: Rodwell's Koran, 2800)
        return None if start < 2 or not (text[start - 2].isalpha() or text[start - 2] in "'’") else "word"
    if before in "’”\"'":
        # ``'84`` after a space is a year cut short; a marker's quote closes a quotation
        return None if start < 2 or text[start - 2].isspace() else "quote"
    if start >= 2 and text[start - 2].isdigit():
        return _after_number(text, start, end, before)
    if before == "." and (_in_outline_number(text, start) or _after_roman_volume(text, start) or _bare_fraction(text, start)):
        return None
    return "punctuation"


def _bare_fraction(text: str, start: int) -> bool:
    """``  .25``, ``$.30``, `` ".30" ``: a decimal fraction written without its zero (the prices of
    a list of books and its transcriber's note: Brooke's Daughter, 31106), no marker; a marker's
    stop ends a word or a spaced ellipsis (``plea. . . .2``: Rodwell's Koran, 2800)."""
    point = start - 1
    if point > 0 and text[point - 1] in OPENING_QUOTES:
        point -= 1  # the quote opens a word when a space stands before it
    if point < 1:
        return True
    return text[point - 1] in FRACTION_OPENERS and not (point > 1 and text[point - 2] == ".")


FRACTION_OPENERS = " \t\n$£("  # what stands before the point of a fraction written without its zero
OPENING_QUOTES = "\"'“‘"


# A volume in lower-case roman numerals before a page: ``ii.186``, ``ii. 206`` (Carlyle's French
# Revolution).
ROMAN_VOLUME = OnFirstUse(regex.compile, r"(?<![\p{L}.])(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})\.$")


def _after_roman_volume(text: str, start: int) -> bool:
    """Whether a page glued to a full stop follows a volume in roman numerals (``ii.186``); the
    pattern is run only after one of their letters (most full stops end a word of prose)."""
    return start >= 2 and text[start - 2] in "ivx" and ROMAN_VOLUME.search(text, max(0, start - 12), start) is not None


def _in_outline_number(text: str, start: int) -> bool:
    """``1.E.4``: a section number of a list (the Project Gutenberg licence), no marker."""
    return start >= 3 and text[start - 2].isupper() and text[start - 3] in ".0123456789"


def _after_number(text: str, start: int, end: int, separator: str) -> str | None:
    """Digits right after another number: ``1925.87``, ``1942–3.45``, ``1937,14``, ``1954:17``, ``4,5``.

    Decimals inside a sentence (``4.4 per cent``), thousands (``2,200``), times and volume:page
    references (``12:246``) are not markers; ``p. 2.1`` at a sentence end may be.
    """
    run_start = start - 1
    while run_start > 0 and text[run_start - 1].isdigit():
        run_start -= 1
    run_length = start - 1 - run_start
    after_range = run_start > 0 and text[run_start - 1] in "–-"
    if separator == ",":
        return None if end - start == 3 else "after-number"
    if separator == "." and (run_length == 4 or after_range or SENTENCE_FOLLOWS.match(text, end)):
        return "after-number"
    if separator == ":" and run_length == 4:
        return "after-number"
    return None


# For each named group of CANDIDATE that ends a match: the style of its candidate (None: told by
# what the digits are glued to), and whether the candidate is the whole match (``^{12}``, ``[12]``)
# or the digits alone (``Stalin.25``, ``May 193931``).
_GROUP_STYLES = {
    "sup": ("superscript", True), "caret": ("caret", True), "circumflex": ("circumflex", True),
    "bracket": ("bracket", True), "paren": ("paren", True), "parenspaced": ("spaced-paren", True),
    "hash": ("hash", True), "yearnote": ("year", False), "glued": (None, False), "commaspaced": ("after-comma", False),
    "lineend": ("line-end", False), "spaced": ("spaced", False),
}


# The number each superscript marker reads as (``¹⁴`` is 14), for all that CANDIDATE finds.
_SUPERSCRIPT_NUMBERS = {
    "".join(digits): int("".join(digits).translate(_FROM_SUPERSCRIPT))
    for length in (1, 2, 3) for digits in itertools.product(SUPERSCRIPT_DIGITS, repeat=length)
}


# A list of counts, each after a comma (``8 gas fitters, 7 bell hangers, 1 paper hanger``, the
# census of a city's trades in Phillips's American Negro Slavery): the next item, or the one
# before, starts with a number too.
# One or two lower-case letters standing alone before a superscript: a label of a plate or a
# formula (``pieces (a³)``, ``*r²*``, ``$r^1$``, ``\( br^1, br^1 \)``: Carpenter's Antedon, Phil.
# Trans. 1866, as OLMoCR read it), not a word a marker follows; English words of two letters are
# words (``as he put it¹``).
SYMBOL_LABEL_BEFORE = OnFirstUse(regex.compile,
    r"(?<![^\s(*$,;])(?!(?:it|is|so|to|us|on|in|of|up|me|he|we|be|do|go|no|or|as|at|by|an|my|a)\^?\Z)\p{Ll}{1,2}\^?\Z"
)
COUNT_FOLLOWS = OnFirstUse(regex.compile, r"[ \t]+\p{L}[^,;.\n\d]{0,40},[ \t\n]+\d")
# ``commercial lime-sulphur, 1 to 40;`` (Trees, Fruits and Flowers of Minnesota 1916, 18183): a ratio or a range
RANGE_FOLLOWS = OnFirstUse(regex.compile, r"[ \t]+(?:to|or)[ \t]+\d")
COUNT_BEFORE = OnFirstUse(regex.compile, r"(?<![\d.])\d{1,4}[ \t\n]+\p{L}[^,;.\d]{0,40},[ \t\n]+$")


# What every CANDIDATE match opens with (its lookbehinds aside: a digit 1-9, a superscript, a caret, a
# bracket, a parenthesis, a backslash), as a class the standard ``re`` skips to at once; CANDIDATE
# tries its lookbehinds at every position of a line it scans, four times slower.
_CANDIDATE_OPENING = r"[1-9⁰¹²³⁴⁵⁶⁷⁸⁹^\[(\\#<]"
CANDIDATE_OPENING = OnFirstUse(re.compile, _CANDIDATE_OPENING)
CANDIDATE_LINES = OnFirstUse(re.compile, _holding(_CANDIDATE_OPENING))


def lines_holding(
    opening: re.Pattern[str], holding: re.Pattern[str], text: str, spans: Iterable[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The runs of lines of ``spans`` (each cut to its span) where ``opening`` finds what a body
    pattern's match opens with, each run one ``holding`` match (see :func:`_holding`): a body
    pattern finds in a run of lines what it finds in its lines (:func:`line_runs`), and nothing
    in a line without its opening; most lines of prose have none, and where every line has one
    (a list of numbered lines) a run is found in one match, not a line at a time."""
    lines: list[tuple[int, int]] = []
    for start, end in spans:
        found = opening.search(text, start, end)
        while found is not None:
            line_start = text.rfind("\n", start, found.start()) + 1 or start
            run_end = holding.match(text, line_start, end).end()
            lines.append((line_start, run_end))
            found = opening.search(text, run_end + 1, end) if run_end < end else None
    return lines


def _power_in_formula(text: str, start: int) -> bool:
    """Whether the ``^n`` (or ``^*``) at ``start`` raises what stands right before it inside a formula OCR set
    in LaTeX (``$1 + An + Bn^2$``, ``\\( (e-1)^3 \\)``: Woodhouse's Imaginary Quantities, Phil.
    Trans. 1801, as OLMoCR read it): a power, not a marker; a marker there stands alone
    (``\\(^1\\)``) and a marker ``^n`` in prose stands after a space (Gibbon's first transcriptions)."""
    if start == 0 or not (text[start - 1].isalnum() or text[start - 1] in ")}"):
        return False
    line = text[text.rfind("\n", 0, start) + 1 : start]
    return line.count("$") % 2 == 1 or line.rfind("\\(") > line.rfind("\\)") or line.rfind("\\[") > line.rfind("\\]")


def find_candidates(text: str, spans: Iterable[tuple[int, int]]) -> list[Candidate]:
    """Every plausible marker inside the given body spans, in text order."""
    found: list[Candidate] = []
    for span_start, span_end in lines_holding(CANDIDATE_OPENING, CANDIDATE_LINES, text, spans):
        for match in CANDIDATE.finditer(text, span_start, span_end):
            # each way of writing a marker has one group, the digits: found by its number, as a
            # group looked up by name cost as much as the scan (``word.1 `` x 142,857)
            group = match.lastgroup
            style, whole = _GROUP_STYLES[group]
            digits_start, digits_end = match.span(match.lastindex)
            digits = text[digits_start:digits_end]
            start, end = match.span() if whole else (digits_start, digits_end)
            if style is None:
                style = _classify_glued(text, start, end, text[start - 1])  # what the lookbehind saw
                if style is None:
                    continue
            elif group == "commaspaced" and (
                COUNT_FOLLOWS.match(text, end) or COUNT_BEFORE.search(text, max(0, start - 60), start)
                or RANGE_FOLLOWS.match(text, end)
            ):
                continue  # ``plumber, 8 gas fitters, 7 bell hangers``: a list of counts; ``1 to 40``: a ratio
            elif group == "spaced" and ROMAN_VOLUME.search(text, max(0, start - 13), start - 1):
                continue  # ``ii. 206 (cited in …``: a page of a volume
            elif group == "yearnote" and digits[0] == "0":
                continue
            elif group in ("sup", "circumflex", "caret") and SYMBOL_LABEL_BEFORE.search(text, max(0, start - 4), start):
                continue  # ``(r³)``, ``$r^1$``, ``\( br^1 \)``: a plate's or a formula's label
            elif group == "circumflex" and _power_in_formula(text, start):
                continue  # ``\frac{x^2}{1 \cdot 2}``: a power
            number = int(digits) if group != "sup" else _SUPERSCRIPT_NUMBERS[digits]
            if number:
                found.append(Candidate(start, end, number, style, STYLE_SCORE[style]))
    return found


# --------------------------------------------------------------------------------------------
# Sequence

# A gap in the numbering costs in proportion to what it skips: SKIP_COST for each of the first
# SHORT_GAP numbers (markers lost one by one), LONG_GAP_COST for each after (a page or a part lost
# in conversion loses its markers together), so a run of lost markers never makes a far number as
# cheap to go on at as the next one.
SKIP_COST = 4.0
SHORT_GAP = 5
LONG_GAP_COST = 0.1
MAX_SKIP = 12  # the gaps looked up for each earlier number; a longer gap goes on from the best path so far
JUMP_COST = 20.0  # go on at a number no higher than the last: unrelated numbering (text lost in conversion)
START_COST = 2.0  # the first marker is not 1: an excerpt that starts mid-chapter
RESTART_COST = 8.0  # numbering back to 1 where no chapter heading announces it
# ... in a book that encloses every marker and heads every chapter of its notes: more than one
# enclosed marker with its note gains (8 + NOTE_BONUS), so a ``[1]`` printed again inside a chapter
# (a note cited again) does not make the path restart for the one marker (German Science Reader,
# 22627); a chapter of several does
ENCLOSED_RESTART_COST = 12.0
MISREAD_COST = 4.0
MISREAD_REACH = 60  # a misread stands within this many candidates of the number it follows
NOTE_BONUS = 3.0  # a note with this number exists
NOTELESS_COST = 5.0  # the text has notes, but none with this number

# The digit pairs OCR confuses: 3/8, 6/8, 5/6, 1/7, 0/9.
CONFUSABLE = {"3": "8", "8": "36", "6": "58", "5": "6", "1": "7", "7": "1", "0": "9", "9": "0"}


def misreadings(intended: int) -> set[int]:
    """Numbers that OCR could print for ``intended``: one confusable digit, a digit dropped or doubled."""
    digits = str(intended)
    printed: set[int] = set()
    for i, digit in enumerate(digits):
        for misread in CONFUSABLE.get(digit, ""):
            printed.add(int(digits[:i] + misread + digits[i + 1 :]))
        if len(digits) > 1:
            printed.add(int(digits[:i] + digits[i + 1 :] or "0"))
        printed.add(int(digits[: i + 1] + digit + digits[i + 1 :]))
    printed.discard(intended)
    printed.discard(0)
    return printed


@dataclass(slots=True)
class _States:
    """The states kept by the sequence, a list per field: one object per state made the
    collector's passes a sixth of the reading time of 'word.1 ' x 142,857 (1 MB)."""

    candidate: list[int] = field(default_factory=list)
    value: list[int] = field(default_factory=list)
    score: list[float] = field(default_factory=list)
    previous: list[int] = field(default_factory=list)  # the previous state, -1 at the start of the path


@dataclass(slots=True)
class _WayIn:
    """The best way in to a number: the score less the gap from ``previous``, the state it goes on
    from (None when none is near), and for a misread the score of the last candidate weighed from
    it (whose state a candidate of the same score would repeat)."""

    total: float
    previous: int | None
    tried: float | None = None


def gap_cost(skipped: int) -> float:
    """What a path pays for ``skipped`` numbers left out between two of its markers."""
    return SKIP_COST * min(skipped, SHORT_GAP) + LONG_GAP_COST * max(0, skipped - SHORT_GAP)


SKIP_COSTS = tuple(gap_cost(skipped) for skipped in range(MAX_SKIP + 1))
MISREAD_SKIP_COSTS = SKIP_COSTS[: SHORT_GAP + 1]
# The values the sequence has reached, as the bits of one integer (value v at bit v + SHORT_GAP + 1,
# up to MAX_NOTE_NUMBER, the highest a misread is read as): whether any of the numbers a misread
# of ``intended`` may follow was reached is ``reached >> intended & MISREAD_WINDOW``, one shift
# where looking each up in turn made the sequence 2.5 times slower on 'word.1 word.1 …' (1 is a
# misreading of 28 numbers)
MISREAD_WINDOW = (1 << (SHORT_GAP + 1)) - 1


def choose_markers(
    candidates: list[Candidate], headings: list[int], note_numbers: frozenset[int],
    written_styles: frozenset[str] = STRONG_STYLES, restart_cost: float = RESTART_COST,
) -> list[tuple[Candidate, int, bool]]:
    """The best increasing path through ``candidates``: (candidate, value, restarted) in order.

    ``value`` differs from the candidate's number when the path reads it as a misread; a candidate
    in one of the ``written_styles`` styles is read as printed where a note carries its number.
    A restart to 1 where no heading announces it costs ``restart_cost``.
    """
    states = _States()
    scores = states.score
    best_by_value: dict[int, int] = {}  # value -> index of the best state ending with that value
    reached = 0  # the values some state ends with, as bits (see MISREAD_WINDOW)
    best_overall = -1
    best_before_heading = -1
    heading_iter = iter(headings)
    next_heading = next(heading_iter, math.inf)

    # A misread's best way in depends only on the best states with the numbers of its window, and
    # only a few of them change with each candidate: each is kept, and a new best state goes into
    # those it changes (see _refresh), with the gain of the last candidate weighed from it. On
    # 'word.1 word.1 …' 13 numbers look theirs up at each candidate, 2 best states change, and
    # they change 2 ways in. A number as printed is weighed once a candidate: its way in is looked
    # up then (kept, a book's 6,666 markers changed 13 of them with each of 27,000 best states).
    misread_ways_in: dict[int, _WayIn] = {}
    feeds: dict[int, list[tuple[_WayIn, float]]] = defaultdict(list)  # number -> the ways in it opens, gap
    # what each number printed may be a misread of, with the way in to each (None before it is
    # weighed), while no new number is reached and no new way in is opened
    misread_choices: dict[int, tuple[int, int, list[tuple[int, _WayIn | None]]]] = {}
    # A candidate that kept no state is repeated by the next of the same number, style and score
    # while no state is kept and no heading passed (``epoch``): its readings score the same and are
    # not kept either (333,334 of 333,334 superscripts on one line). The epoch each left quiet:
    quiet: dict[tuple[int, str, float, bool], int] = {}
    epoch = 0
    keep_candidate, keep_value, keep_previous = states.candidate.append, states.value.append, states.previous.append

    noteless = -NOTELESS_COST if note_numbers else 0.0  # what a reading as no note's number pays

    # Each candidate is weighed as printed, then as a misread of each number it may stand for;
    # these two give each reading's state: value, score, previous (made once for all candidates:
    # a function made anew for each cost as much as its work on 'word.1 word.1 …').
    def as_printed(value: int, gain: float) -> tuple[int, float, int]:
        # a 1 goes on from nothing (no state ends below 1): the most common number, looked up for nothing
        total, previous = _best_way_in(value, SKIP_COSTS, best_by_value, scores) if value > 1 else (-math.inf, None)
        best = scores[best_overall] if best_overall >= 0 else 0.0
        # the options in order, the first of equal totals kept: a restart, a restart after the
        # last heading, going on from the best path so far, starting a path
        if value <= 3:
            penalty = SKIP_COST * (value - 1)
            option = best - restart_cost - penalty
            if previous is None or option > total:
                total, previous = option, best_overall
            if best_before_heading >= 0 and scores[best_before_heading] - penalty > total:
                total, previous = scores[best_before_heading] - penalty, best_before_heading
        option = best - _onward_cost(states, best_overall, value)
        if previous is None or option > total:
            total, previous = option, best_overall
        # no path starts at a number past any note's that no note carries: an editor's year in
        # brackets (``Nicols; Manila, [1759]`` in a contents list of the Philippine Islands, 54041)
        # takes its place only going on from the number before it
        option = -START_COST if value != 1 else 0.0
        if option > total and (value <= MAX_NOTE_NUMBER or value in note_numbers):
            total, previous = option, -1
        return value, total + (gain + (NOTE_BONUS if value in note_numbers else noteless)), previous

    def as_misread(value: int, gain: float) -> tuple[int, float, int] | None:
        # a misread may follow a short run of lost markers (a longer one costs more than a
        # misread can gain)
        way = misread_ways_in.get(value)
        if way is None:
            way = misread_ways_in[value] = _way_in(value, MISREAD_SKIP_COSTS, best_by_value, scores, feeds)
        way.tried = gain
        if way.previous is None:
            return None
        return value, way.total + (gain - MISREAD_COST + (NOTE_BONUS if value in note_numbers else noteless)), way.previous

    for index, candidate in enumerate(candidates):
        start, _, number, style, gain, ocr = candidate  # one unpacking: a field read is a lookup each
        while start > next_heading:
            if best_before_heading != best_overall:
                best_before_heading = best_overall
                epoch += 1
            next_heading = next(heading_iter, math.inf)
        if style in NOTE_BOUND_STYLES and number not in note_numbers:
            continue
        kind = candidate[2:]
        if quiet.get(kind) == epoch:
            continue
        new_states: list[tuple[int, float, int]] = []  # value, score, previous
        if ocr:
            if (state := as_misread(number, gain)) is not None:
                new_states.append(state)
        else:
            new_states.append(as_printed(number, gain))
            if _may_be_misread(candidate, note_numbers, written_styles):
                choices = misread_choices.get(number)
                if choices is None or choices[0] != reached or choices[1] != len(misread_ways_in):
                    choices = misread_choices[number] = reached, len(misread_ways_in), [
                        (intended, misread_ways_in.get(intended))
                        for intended in _misread_choices(number, note_numbers, reached)
                    ]
                for intended in _misread_targets(choices[2], index, gain, best_by_value, states):
                    if (state := as_misread(intended, gain)) is not None:
                        new_states.append(state)

        quiet[kind] = epoch
        for value, score, previous in new_states:
            known = best_by_value.get(value)
            best_with_value = known is None or scores[known] < score
            best_of_all = best_overall < 0 or scores[best_overall] < score
            if not (best_with_value or best_of_all):
                continue  # no later state can go on from it: not kept (5 in 6 on hostile input)
            position = len(scores)
            keep_candidate(index)
            keep_value(value)
            scores.append(score)
            keep_previous(previous)
            epoch += 1
            if known is None and value <= MAX_NOTE_NUMBER:
                reached |= 1 << (value + SHORT_GAP + 1)
            if best_with_value:
                best_by_value[value] = position
                if (fed := feeds.get(value)) is not None:
                    _refresh(fed, states.value, position, score)
            if best_of_all:
                best_overall = position

    path: list[tuple[Candidate, int, bool]] = []
    position = best_overall if best_overall >= 0 and scores[best_overall] > 0 else -1
    while position >= 0:
        previous = states.previous[position]
        restarted = previous >= 0 and states.value[previous] >= states.value[position]
        path.append((candidates[states.candidate[position]], states.value[position], restarted))
        position = previous
    path.reverse()
    return path


def _way_in(
    value: int,
    gaps: tuple[float, ...],
    best_by_value: dict[int, int],
    scores: list[float],
    feeds: dict[int, list[tuple[_WayIn, float]]],
) -> _WayIn:
    """The best way in to ``value`` (:func:`_best_way_in`), put into ``feeds`` under each number
    of its window, with its gap."""
    way = _WayIn(*_best_way_in(value, gaps, best_by_value, scores))
    for skipped, gap in enumerate(gaps):
        feeds[value - 1 - skipped].append((way, gap))
    return way


def _best_way_in(
    value: int, gaps: tuple[float, ...], best_by_value: dict[int, int], scores: list[float]
) -> tuple[float, int | None]:
    """The best (score less the gap, state) to go on from at ``value``, over the states ending
    ``0 .. len(gaps) - 1`` numbers below ``value - 1``; the state None when there is none."""
    total, previous = -math.inf, None  # the first of equal scores wins
    for skipped, gap in zip(range(value - 1), gaps):  # 0: no number skipped; no state ends below 1
        earlier = best_by_value.get(value - 1 - skipped)
        if earlier is not None and (previous is None or scores[earlier] - gap > total):
            total, previous = scores[earlier] - gap, earlier
    return total, previous


def _refresh(fed: list[tuple[_WayIn, float]], values: list[int], best: int, score: float) -> None:
    """Go on from the new best state ``best``, scoring ``score``, in the ways in ``fed`` from its
    number that it changes: those it beats (or ties from a higher number, as the first of equal
    scores wins), and those that went on from the state it replaces (it scores more). The others
    stay, with the gain weighed from them. (``values``: each state's number.)"""
    value = values[best]
    for way, gap in fed:
        total = score - gap
        if (way.previous is None or total > way.total
                or total == way.total and value >= values[way.previous]):  # >=: the state it replaces
            way.total, way.previous, way.tried = total, best, None


def _onward_cost(states: _States, best: int, value: int) -> float:
    """The cost of going on at ``value`` from the best path so far: the gap it skips; a jump when
    ``value`` does not go beyond that path's last number, or is a note an editor added to it
    (``261`` after ``26`` skips nothing: a run of such notes follows in Gibbon's chapters)."""
    if best < 0:
        return JUMP_COST
    last = states.value[best]
    if value <= last or is_subnote(str(value), str(last)):
        return JUMP_COST
    return gap_cost(value - last - 1)


def _may_be_misread(candidate: Candidate, note_numbers: frozenset[int], written_styles: frozenset[str] = STRONG_STYLES) -> bool:
    """Whether the sequence may read ``candidate`` as a misread. A superscript or ``^{n}`` (or a
    style of ``written_styles``) is taken as written unless no note carries its number, and a
    note-bound style always."""
    if candidate.style in written_styles and (not note_numbers or candidate.number in note_numbers):
        return False
    return candidate.style not in NOTE_BOUND_STYLES  # ``the legion 18`` is no misread 13


def _misread_choices(printed: int, note_numbers: frozenset[int], reached: int) -> list[int]:
    """The numbers ``printed`` may be a misread of that go on from a number ``reached``, or after up
    to SHORT_GAP lost markers. In a text with notes, only the numbers a note carries are worth
    the misreading (read as a number no note carries, it would pair with nothing)."""
    return [
        intended for intended in _intended_for(printed)
        if (not note_numbers or intended in note_numbers) and (reached >> intended) & MISREAD_WINDOW
    ]


def _misread_targets(
    choices: list[tuple[int, _WayIn | None]],
    index: int,
    gain: float,
    best_by_value: dict[int, int],
    states: _States,
) -> list[int]:
    """The numbers of ``choices`` (each with its way in, once weighed) that the ``index``-th
    candidate, scoring ``gain``, may be a misread of: one after a number reached recently. A
    number weighed from an unchanged way in for a candidate of the same gain is not: its state
    would score what the one weighed then did, and all that was kept since scores at least as much."""
    oldest = index - MISREAD_REACH
    candidate_of = states.candidate
    targets: list[int] = []
    for intended, way in choices:
        if way is not None and way.tried == gain:
            continue
        for previous in range(intended - 1, intended - 2 - SHORT_GAP, -1):
            state = best_by_value.get(previous)
            if state is not None and candidate_of[state] >= oldest:
                targets.append(intended)
                break
    return targets


def _intended_for(printed: int) -> frozenset[int]:
    """Numbers whose misreadings include ``printed`` (the inverse of :func:`misreadings`)."""
    return _misread_table().get(printed, frozenset())


@functools.cache
def _misread_table() -> dict[int, frozenset[int]]:
    table: dict[int, set[int]] = defaultdict(set)
    for intended in range(1, MAX_NOTE_NUMBER + 1):
        for printed in misreadings(intended):
            table[printed].add(intended)
    return {printed: frozenset(values) for printed, values in table.items()}


# --------------------------------------------------------------------------------------------
# The reader


def _chapters_of_notes(drafts: list[_NoteDraft], repeats: list[bool] | None = None) -> list[int]:
    """Notes restart at 1 in each chapter: count the restarts (a note 1 after a lone note 1 too:
    The Federalist's papers each have their own notes, some only one), but for a note 1 that
    ``repeats`` marks as printed again right after the one before (see _repeated_note_1).

    An editor's note on a chapter's title comes before the chapter's note 1 and is numbered as
    one added to note 1 (Gibbon's ``[101]``, ``[102]``, ``[100]``): where it does not continue
    the numbering of the chapter before (after note 113 or 98, not after note 100, nor as a note
    added to the note before) it opens the new chapter.
    """
    chapters: list[int] = []
    chapter = 0
    opened_early = False  # this chapter began at an editor's note, and its note 1 is still due
    main = 0  # the number of the last note that is not one an editor added
    numbered: set[int] = set()  # the numbers of this chapter's notes so far
    keys = [str(draft.number) for draft in drafts]
    for index, draft in enumerate(drafts):
        added = is_subnote(keys[index], str(main), next_unextended(keys, index, str(main)))
        again = bool(repeats) and repeats[index]  # the chapter's note 1 printed again: no restart
        if index and draft.number == 1 and not again:
            chapter += not opened_early
            opened_early = False
            numbered = set()
        elif index and not added and draft.number < main and draft.number in numbered:
            # back below the last note to a number this chapter has had: the next chapter, whose
            # note 1 is misprinted or lost (the Scientific Monthly, 987: an article's notes ``[2]``,
            # ``[2]``, ``[3]`` after the last article's ``[3]``)
            chapter += 1
            opened_early = False
            numbered = set()
        elif (
            index and not again and not opened_early and not added and draft.number != main + 1
            and _added_before_note_1(keys, index)
        ):
            chapter += 1
            opened_early = True
        chapters.append(chapter)
        numbered.add(draft.number)
        if not added:
            main = draft.number
    return chapters


# An editor adds a note or two to a chapter's title, not a run of them.
MAX_ADDED_BEFORE_NOTE_1 = 3


def _added_before_note_1(keys: list[str], index: int) -> bool:
    """Whether the note at ``index`` and the few after it are added to a note 1 that follows them."""
    added = keys[index : index + MAX_ADDED_BEFORE_NOTE_1 + 1]
    return "1" in added and all(is_subnote(key, "1", "1") for key in added[: added.index("1")])


def _label_of(draft: _NoteDraft, text: str) -> str:
    if draft.style == "page":  # ``Page 18.``, ``P. 18, l. 4.``: the page (and line) are its label
        key = page_key(text, draft.label_start)
        return f"p.{draft.number}" if key is None or key.line is None else f"p.{key.page}:l.{key.line}"
    return draft.symbol if draft.style == "symbol" else str(draft.number)


def _repeated_note_1(drafts: list[_NoteDraft], layout: Layout) -> list[bool]:
    """For each note, whether it is a note 1 right after a note 1, with no line of the body and no
    heading between: the label printed twice in one chapter (Gibbon's first transcription, vol. 1,
    chapter IX: ``Europe. ^1`` and ``islands ^1`` before two notes 1), not the next chapter's note 1,
    which comes after that chapter's text."""
    body_starts = [start for start, _ in layout.body]
    headings = sorted(layout.headings)
    return [
        index > 0 and draft.number == 1 == drafts[index - 1].number
        and not _any_between(body_starts, drafts[index - 1].parts[-1][1], draft.label_start)
        and not _any_between(headings, drafts[index - 1].parts[-1][1], draft.label_start)
        for index, draft in enumerate(drafts)
    ]


def _any_between(starts: list[int], start: int, end: int) -> bool:
    """Whether one of the sorted ``starts`` falls in [start, end)."""
    index = bisect.bisect_left(starts, start)
    return index < len(starts) and starts[index] < end


def _chapters_with_symbols(drafts: list[_NoteDraft], layout: Layout) -> list[int]:
    """Chapters of numbered notes as they restart; each symbol note (``*`` is used again on every
    page) is a chapter of its own, numbered after the others, so that it pairs with its own marker."""
    numbered_drafts = [d for d in drafts if d.style != "symbol"]
    chapters = _chapters_of_notes(numbered_drafts, _repeated_note_1(numbered_drafts, layout))
    numbered = iter(chapters)
    own = (max(chapters) + 1 if chapters else 0)
    result: list[int] = []
    for draft in drafts:
        if draft.style == "symbol":
            result.append(own)
            own += 1
        else:
            result.append(next(numbered))
    return result


SAME_NOTE_WORDS = 8  # the last words two copies of one note share


def _printed_again_joined(drafts: list[_NoteDraft], chapters: list[int], text: str) -> list[int]:
    """The chapters, a note that is a chapter of its own (a lone note before a restart) moved into
    the chapter of a note with its number and its text: the same note printed twice (Dasent's
    Popular Tales from the Norse prints its introduction's note 15 inline after its paragraph, ``[15]
    Footnote: So also Orion's Belt…``, and again under FOOTNOTES TO INTRODUCTION), so that the copy
    without a marker is reported as a duplicate (CC106), not as a note no marker cites (CC102). Two
    copies are one note where they end on the same SAME_NOTE_WORDS words (a copy may open on the
    label's word, or wrap otherwise)."""
    sizes = Counter(chapters)
    if all(sizes[chapter] > 1 for chapter in chapters):
        return chapters
    endings: dict[tuple[int, tuple[str, ...]], list[int]] = defaultdict(list)  # (number, last words) -> notes
    for index, draft in enumerate(drafts):
        if draft.style != "symbol" and len(words := draft.text(text).split()) >= SAME_NOTE_WORDS:
            endings[(draft.number, tuple(words[-SAME_NOTE_WORDS:]))].append(index)
    joined = list(chapters)
    for copies in endings.values():
        for index in copies:
            if sizes[chapters[index]] == 1:
                other = next((o for o in copies if chapters[o] != chapters[index]), None)
                if other is not None:
                    joined[index] = chapters[other]
    order = {chapter: rank for rank, chapter in enumerate(sorted(set(joined)))}  # chapters count from 0 without a gap
    return [order[chapter] for chapter in joined]


def _notes(source: SourceFile, layout: Layout) -> tuple[Note, ...]:
    """The notes; a label that names several numbers (``[84 and 85]``, ``[4, 5]``, ``[12-13]``) gives a
    note for each."""
    text = source.text
    notes: list[Note] = []
    chapters = _printed_again_joined(layout.notes, _chapters_with_symbols(layout.notes, layout), text)
    for draft, chapter in zip(layout.notes, chapters):
        note = Note(
            label=_label_of(draft, text),
            number=None if draft.style in ("symbol", "page") else draft.number,
            text=draft.text(text),
            span=source.span(draft.label_start, draft.label_end),
            parts=tuple(source.span(s, e) for s, e in draft.parts),
            style=draft.style,
            chapter=chapter,
            keyed_to=page_key(text, draft.label_start),
        )
        notes.append(note)
        notes.extend(
            dataclasses.replace(note, label=str(number), number=number) for number in range(draft.number + 1, draft.also + 1)
        )
    return tuple(notes)


def _markers(
    source: SourceFile, layout: Layout, notes: tuple[Note, ...]
) -> tuple[tuple[Marker, ...], tuple[Note, ...]]:
    """The markers, and the notes again (a repeated label's later copies get chapters of their own)."""
    text = source.text
    body = line_runs(text, layout.body + _quoted_in_editors_notes(source, notes))
    printed = _in_label_style(find_candidates(text, body), notes)
    candidates = _bracketed_throughout(printed, notes)
    if notes and all(note.number is None for note in notes):
        # every note is a symbol's: a number in the text is a marker only if printed as one (a
        # table's ``8,2`` in White's Selborne, 1408, is none)
        candidates = [c for c in candidates if c.style in STRONG_STYLES]
    elif candidates is printed:
        # digits printed as letters (``l7``) are neither strong nor enclosed: looked for only in a
        # book that does not enclose its markers (the scan took a twentieth of a book's reading time)
        candidates = _in_text_order(candidates, find_ocr_candidates(text, body))
    candidates = [
        c._replace(score=CONTENTS_ENTRY_SCORE) if _contents_entry(text, c) or _table_cell(text, c) else c
        for c in candidates
    ]
    note_numbers = frozenset(note.number for note in notes if note.number is not None)
    enclosed = candidates is not printed
    # where the book encloses every marker, a transcriber typed each one: a ``[6]`` whose note 6
    # stands is no OCR misread 5 (Heckewelder's Indian Nations, 50350, cites some notes only from
    # the note before them; read as misreads, the body's markers took those notes' numbers); where
    # it also heads every chapter of its notes, the book announces its restarts: ``um[1]`` printed
    # again after a piece's ``[8]`` is note 1 cited again (German Science Reader, 22627), no restart
    announced = enclosed and _headed_chapters(notes, layout.headings)
    path = _path_by_page(
        candidates, sorted(layout.headings + _notes_restart_after(layout.notes)), notes,
        _pages_numbering_notes(text, notes, candidates),
        STRONG_STYLES | BRACKETED_STYLES if enclosed else STRONG_STYLES,
        ENCLOSED_RESTART_COST if announced else RESTART_COST,
    )
    if not notes and _lone_unprinted(path, text):
        path = []
    chosen = {id(candidate) for candidate, _, _ in path}
    runs: list[int] = []  # the run of the numbering (restarts counted) each marker of the path is in
    for _, _, restarted in path:
        runs.append((runs[-1] if runs else 0) + restarted)
    note_chapters: dict[int, set[int]] = defaultdict(set)
    for note in notes:
        if note.number is not None:
            note_chapters[note.chapter].add(note.number)
    run_numbers: dict[int, set[int]] = defaultdict(set)
    for (_, value, _), run in zip(path, runs):
        run_numbers[run].add(value)
    chapter_of_run = align_chapters(
        [run_numbers[run] for run in range(runs[-1] + 1)] if runs else [],
        [note_chapters[chapter] for chapter in sorted(note_chapters)],
        first_own=max((note.chapter for note in notes), default=-1) + 1,
    )
    next_note = _next_note_finder(source, layout, notes)
    markers = [
        _marker(source, candidate, value, _chapter_of(next_note(candidate.start, value), chapter_of_run[run]))
        for (candidate, value, _), run in zip(path, runs)
    ]
    # Superscripts and ^{n} are markers even when they break the sequence: CC104 reports them,
    # in the chapter of the last marker on the path before them.
    on_path = [marker.span.start for marker in markers]
    chapters = [0] + [marker.chapter for marker in markers]
    bracketed = [c for c in candidates if c.style in BRACKETED_STYLES]
    markers.extend(_subnote_markers(source, bracketed, chosen, markers, note_numbers))
    markers.extend(_markers_in_notes(source, notes))
    markers.extend(_followed_by_their_notes(source, bracketed, markers, next_note))
    if enclosed:  # the book encloses its markers and notes alike: every [n] is printed as one
        markers.extend(_cited_again(source, bracketed, chosen, markers[: len(path)], {m.span.start for m in markers}, next_note))
    markers.extend(_symbol_markers(source, layout, notes))
    for candidate in candidates:
        if candidate.style in STRONG_STYLES and id(candidate) not in chosen:
            chapter = chapters[bisect.bisect_right(on_path, candidate.start)]
            markers.append(_marker(source, candidate, candidate.number, chapter))
    if len(markers) > len(path):  # the path's own are in text order
        markers.sort(key=_SPAN_START)
    markers = _within_their_notes(text, markers, note_chapters)
    markers, notes = _pair_repeated_labels(source, layout, candidates, notes, markers, set(on_path))
    return _citing_again(markers, next_note), notes


def _citing_again(markers: list[Marker], next_note: Callable[[int, int], Note | None]) -> tuple[Marker, ...]:
    """The markers, each that repeats the number of a marker of its chapter on the same page
    (PAGE_REACH) and leads to the same note (see :func:`_next_note_finder`) marked ``again``: one
    note cited at each place it qualifies (The Writer's Desk Book prints ``[28]`` after eleven
    countries over one note, its transcriber's numbers for the printed page symbols). A repeat
    whose copy of the label has a note of its own (Gibbon's pairs printed twice) is none."""
    last: dict[tuple[int, int], Marker] = {}  # (chapter, number) -> its last marker
    marked: list[Marker] = []
    for marker in markers:
        if marker.number is None:
            marked.append(marker)
            continue
        key = (marker.chapter, marker.effective)
        earlier = last.get(key)
        last[key] = marker
        if (
            earlier is not None and marker.span.start - earlier.span.start <= PAGE_REACH
            and (note := next_note(marker.span.start, marker.effective)) is not None
            and note is next_note(earlier.span.start, marker.effective)
        ):
            marker = marker._replace(again=True)
        marked.append(marker)
    return tuple(marked)


# a printed page's number kept on a line of its own: ``[Page 44]``, ``{44}``, ``- 44 -``, ``44`` (the line's
# break opens the pattern: anchored on ``^``, the scan took six times as long; ``re`` scans faster)
PAGE_MARK = OnFirstUse(re.compile,
    r"\n[ \t]*(?:\[(?:Page|PAGE|Pg|pg|p\.)[ \t]*(\d{1,4})\]|\{(\d{1,4})\}|[-–][ \t]*(\d{1,4})[ \t]*[-–]|(\d{1,4}))[ \t]*(?=\n|\Z)")
PAGES_SETTLE = 5  # pages with notes that show how the book numbers them
PAGE_ORDER_SHARE = 0.9  # the share of page numbers above the one before: a book's pages, not a chapter's sections
PAGE_RESTART_SHARE = 0.8  # the share of pages with notes that open them at 1 under a marker 1 where notes go by the page


def _pages_numbering_notes(text: str, notes: tuple[Note, ...], candidates: list[Candidate]) -> list[int]:
    """Where each printed page starts, when the book weighs as numbering its notes afresh on every
    page and printing them at its foot (MacDonald's Hamlet, 10606: ``[Page 106]``, then ``[1]``
    after a page whose notes went to 13); else none. The evidence is the book's own: its page
    numbers rise (section numbers alone on a line restart, as On the Sublime's do), and on nearly
    every page that has notes, a marker candidate ``1`` stands between the page's number and its
    first note, which is note 1: the numbering drops back to 1 right after the page mark, and the
    page's notes follow its markers. A book numbering by the chapter, its notes gathered at the
    chapter's end, prints neither (its later pages' notes go on, and their markers stand pages
    before them)."""
    if len(notes) < PAGES_SETTLE:
        return []
    marks = _page_marks(text)
    if len(marks) < PAGES_SETTLE or sum(b > a for (_, a), (_, b) in zip(marks, marks[1:])) < PAGE_ORDER_SHARE * (len(marks) - 1):
        return []
    numbered = [note for note in notes if note.number is not None]
    note_starts = [note.span.start for note in numbered]
    ones = [candidate.start for candidate in candidates if candidate.number == 1]
    starts = [start for start, _ in marks]
    with_notes = restarting = 0
    for start, end in zip(starts, [*starts[1:], len(text)]):
        first = bisect.bisect_left(note_starts, start)
        if first == len(note_starts) or note_starts[first] >= end:
            continue
        with_notes += 1
        restarting += numbered[first].number == 1 and _any_between(ones, start, note_starts[first])
    return starts if with_notes >= PAGES_SETTLE and restarting >= PAGE_RESTART_SHARE * with_notes else []


def _page_marks(text: str) -> list[tuple[int, int]]:
    """Where each line holding only a page number starts, and the number (:data:`PAGE_MARK`; the
    first line, which no line break opens, looked at alone)."""
    first = PAGE_MARK.match("\n" + text.partition("\n")[0])
    marks = [(0, _page_number(first))] if first else []
    marks.extend((match.start() + 1, _page_number(match)) for match in PAGE_MARK.finditer(text))
    return marks


def _page_number(match: re.Match) -> int:
    """The number a :data:`PAGE_MARK` match holds, in whichever of its forms."""
    return int(next(digits for digits in match.groups() if digits))


def _path_by_page(
    candidates: list[Candidate], headings: list[int], notes: tuple[Note, ...], pages: list[int],
    written_styles: frozenset[str], restart_cost: float,
) -> list[tuple[Candidate, int, bool]]:
    """The sequence's path (:func:`choose_markers`), in a book that numbers its notes by the page
    (``pages``: where each starts) one page at a time: no marker goes on from the page before,
    whose notes were printed before it (a page's ``[1]`` is no misread 14 after the last page's
    13), and each page's markers are weighed against that page's notes, or the book's where the
    page has none. The first marker of a page restarts the numbering."""
    note_numbers = frozenset(note.number for note in notes if note.number is not None)
    if not pages:
        return choose_markers(candidates, headings, note_numbers, written_styles, restart_cost)
    bounds = [0, *pages, math.inf]
    path: list[tuple[Candidate, int, bool]] = []
    for start, end in zip(bounds, bounds[1:]):
        on_page = candidates[bisect.bisect_left(candidates, start, key=_START):bisect.bisect_left(candidates, end, key=_START)]
        if not on_page:
            continue
        own = frozenset(note.number for note in notes if note.number is not None and start <= note.span.start < end)
        page_path = choose_markers(on_page, [h for h in headings if start <= h < end], own or note_numbers, written_styles, restart_cost)
        if page_path and path:
            page_path[0] = (page_path[0][0], page_path[0][1], True)
        path.extend(page_path)
    return path


def _lone_unprinted(path: list[tuple[Candidate, int, bool]], text: str) -> bool:
    """Whether a path through a long text without notes is one number in a style no transcriber
    prints: an excerpt long enough to carry many markers that carries one has no notes, and one
    number is no sequence (``Chemist. 122 St. Lawrence``, an address among the advertisements of
    Brooke's Daughter, 31106; ``UTF8`` in the Sertum Anglicum's header, 38937; ``24,9.``, a duty
    in Ellenborough's diary). A short excerpt's one marker stays, in any style."""
    return len(path) == 1 and len(text) > EXCERPT_LENGTH and path[0][0].style in UNPRINTED_STYLES


EXCERPT_LENGTH = 20_000  # characters: about eight printed pages, which carry many markers where a book has notes


def _within_their_notes(text: str, markers: list[Marker], note_chapters: dict[int, set[int]]) -> list[Marker]:
    """The markers, less each ``[n]`` set after a space whose number is above every note of its
    chapter: a name's number in a numbered list of references (``(Caullery and Mesnil [4])`` in
    the Britannica's Gregarines, 38202, whose one note is 1), not a marker. A glued marker past
    the last note is a misprint the book deserves a finding for (``Szirtes[18]`` for note 5), and
    a spaced one the chapter numbers is a marker (``(the great Moguls [71])``, Gibbon)."""
    return [
        marker for marker in markers
        if not (
            marker.style == "bracket" and marker.number is not None and note_chapters.get(marker.chapter)
            and marker.number > max(note_chapters[marker.chapter])
            and marker.span.start > 0 and text[marker.span.start - 1] in " \t"
        )
    ]


def _quoted_in_editors_notes(source: SourceFile, notes: tuple[Note, ...]) -> list[tuple[int, int]]:
    """The text of the notes an editor writes about the book, where the editor quotes a passage
    with the markers of its own numbered notes in it: lettered ``[Footnote A: …]`` notes (``[Footnote
    A: _Here in the Quarto_:-- … sort[6] that …]``: MacDonald's Hamlet, 10606), notes keyed to
    a page (``Page 48, line 3. …`` then a magazine's postscript with its ``[1]``: Lamb's Works, vol. 2),
    and a numbered ``[Footnote n: …]`` holding a ``[m]`` whose own Footnote m follows it on the page
    (Hamlet's Footnote 1 quotes the first Quarto, ``priuate playes,[19]``, over Footnote 19), or a
    ``[n] text`` note so (Heckewelder's note 88 carries ``_Shawanachau_,[89]``, the marker of the
    editor's erratum ``[89] For "_Shawanachau_" read…``: History of the Indian Nations, 50350)."""
    text = source.text
    footnotes: dict[int, list[int]] = defaultdict(list)  # number -> where each [Footnote n: starts
    for note in notes:
        if note.number is not None and _printed_in_brackets(text, note):
            footnotes[note.number].append(note.span.start)
    return [
        (part.start, part.end)
        for note in notes
        if note.keyed_to is not None and note.number is None
        or text.startswith("[Footnote", note.span.start) and note.number is None and note.label.isalpha()
        or _printed_in_brackets(text, note) and _cites_a_later_footnote(text, note, footnotes)
        for part in note.parts
    ]


def _printed_in_brackets(text: str, note: Note) -> bool:
    """Whether a numbered note's label is printed in brackets, ``[Footnote n: …]`` or ``[n] text``:
    a ``[m]`` in its text is printed as the book prints its markers."""
    return note.style == "bracket" or text.startswith("[Footnote", note.span.start)


def _cites_a_later_footnote(text: str, note: Note, footnotes: dict[int, list[int]]) -> bool:
    """Whether a ``[m]`` glued to a word or stop in ``note``'s text is followed, within a page, by a
    ``[Footnote m:`` after the note (``footnotes``: where each number's start): the marker of a
    later note quoted in this one (not ``from [7] to [8]``, where an editor names the markers
    between which a passage stands)."""
    end = note.parts[-1].end if note.parts else note.span.end
    for part in note.parts:
        for found in GLUED_BRACKETED_NUMBER.finditer(text, part.start, part.end):
            number = int(found.group(1))
            starts = footnotes.get(number, [])
            after = bisect.bisect_left(starts, end)
            if number != note.number and after < len(starts) and starts[after] - found.start() <= PAGE_REACH:
                return True
    return False

def _notes_restart_after(drafts: list[_NoteDraft]) -> list[int]:
    """Where a block of notes ends and the next note is 1: the chapter those notes close ends there,
    so the markers may restart after it as after a heading (the suras of Rodwell's Koran, 2800,
    each with its notes under a rule and no heading the reader knows)."""
    return [
        draft.parts[-1][1]
        for draft, following in zip(drafts, drafts[1:])
        if following.number == 1 and draft.style != "symbol" and following.style != "symbol"
    ]


def _in_text_order(candidates: list[Candidate], ocr: list[Candidate]) -> list[Candidate]:
    """Both lists of candidates, each in text order, as one (most texts have no OCR candidate)."""
    return sorted(candidates + ocr, key=_START) if ocr else candidates


_START = operator.attrgetter("start")


# Styles of a number printed in brackets: the marker of a note an editor added, or of one whose
# note follows it, though the sequence passed it over.
BRACKETED_STYLES = frozenset({"bracket", "paren", "spaced-paren"})
CONTENTS_ENTRY_WIDTH = 60  # a title in a contents list is shorter than a line of prose
# What a number placed as a contents list's page number gains: less than its note's bonus takes
# back, so that no path starts at one, but more than a skipped number costs, so that the numbering
# takes one it needs (a short verse alone between blank lines: ``The Books of Abraham1 and Moses.``,
# Rodwell's Koran, 2800)
CONTENTS_ENTRY_SCORE = -NOTE_BONUS - 0.5


def _contents_entry(text: str, candidate: Candidate) -> bool:
    """Whether ``candidate`` is the page number of a contents list: digits glued to the last word
    of a short line that stands alone between blank lines (``Her peculiar Character7``, Macaulay
    vol. 1, first transcription), or after it and a space (``Jagor's Travels in the Philippines 1``,
    The Former Philippines thru Foreign Eyes); a marker so placed stands inside a sentence."""
    if candidate.style not in ("word", "line-end"):
        return False
    line_start, line_end = _line_around(text, candidate)
    if text[candidate.end : line_end].strip() or line_end - line_start > CONTENTS_ENTRY_WIDTH:
        return False
    if candidate.style == "line-end" and not text[line_start:candidate.start].lstrip()[:1].isupper():
        return False  # a title opens with a capital; ``patience 2`` ends a paragraph of a double-spaced file
    return _blank_line_at(text, line_start - 1, -1) and _blank_line_at(text, line_end, 1)


COLUMN_AFTER_NUMBER = OnFirstUse(regex.compile, r"\d[ \t]{2,}$")


def _table_cell(text: str, candidate: Candidate) -> bool:
    """Whether ``candidate`` is a figure in a cell of a Markdown table row (``| III. | 25, " 3 " |``,
    as OCR that writes Markdown sets a table of measures: Carpenter's Antedon, Phil. Trans. 1866):
    a number after a space there is a value, not a marker; a superscript or a bracket still is one.
    A bracketed number set off by a column's spaces after a page number is a column of its own
    (``Page 13  [7] Maynard``: Lamb's key to Elia, in his Works vol. 2, 10343)."""
    if candidate.style == "bracket":
        return text.startswith("  ", candidate.start - 2) and (
            COLUMN_AFTER_NUMBER.search(text, _line_around(text, candidate)[0], candidate.start) is not None
        )
    if candidate.style in UNPRINTED_STYLES and (_on_spaced_table_row(text, candidate) or _figure_in_column(text, candidate)):
        return True
    if candidate.style != "spaced":
        return False
    row = text[slice(*_line_around(text, candidate))].strip()
    return len(row) > 1 and row[0] == row[-1] == "|"


# An amount set in a column: a run of spaces, a figure and its decimals ending the line
# (``Printing     247.16``, the treasurer's accounts of Trees, Fruits and Flowers of Minnesota 1916, 18183).
COLUMN_BEFORE_FIGURE = OnFirstUse(regex.compile, r"[ \t]{3,}[$£]?\d[\d,]*[.,]$")
LINE_ENDS = OnFirstUse(regex.compile, r"[ \t]*(?:\n|\Z)")


def _figure_in_column(text: str, candidate: Candidate) -> bool:
    """Whether ``candidate`` is the decimals of an amount that ends its line after a column's
    spaces: a ledger's two columns, an item and its amount, have one gap only (see COLUMN_GAP)."""
    line_start = max(text.rfind("\n", max(0, candidate.start - TABLE_ROW_WIDTH), candidate.start) + 1, candidate.start - TABLE_ROW_WIDTH)
    return (
        COLUMN_BEFORE_FIGURE.search(text, line_start, candidate.start) is not None
        and LINE_ENDS.match(text, candidate.end) is not None
    )


def _on_spaced_table_row(text: str, candidate: Candidate) -> bool:
    """Whether ``candidate`` stands on a row of a table set in columns of spaces; only lines of a
    page's width are looked at, so that a long line's numbers cost no scan of it each."""
    window_start = max(0, candidate.start - TABLE_ROW_WIDTH)
    newline = text.rfind("\n", window_start, candidate.start)
    if newline < 0 and window_start > 0:
        return False
    line_end = text.find("\n", candidate.end, candidate.end + TABLE_ROW_WIDTH)
    if line_end < 0:
        if candidate.end + TABLE_ROW_WIDTH < len(text):
            return False
        line_end = len(text)
    return _spaced_table_row(text[newline + 1 : line_end])


# A row of a table set in columns of spaces: ``Beets, 1 peck     $3.50     $2.00``, ``Collection of
# Apples     W. S. Widmoyer, La Crescent    3.12`` (the premium lists of Trees, Fruits and Flowers of
# Minnesota 1916, 18183): two gaps of three spaces or more between its cells; prose is not set so.
COLUMN_GAP = OnFirstUse(regex.compile, r"\S[ \t]{3,}(?=\S)")
SPACED_TABLE_GAPS = 2
TABLE_ROW_WIDTH = 200  # a table's row is a line of a page: a longer one is prose, and is not scanned for each of its numbers


def _spaced_table_row(line: str) -> bool:
    """Whether ``line`` is a row of a table set in columns of spaces (see COLUMN_GAP)."""
    return len(COLUMN_GAP.findall(line)) >= SPACED_TABLE_GAPS


def _line_around(text: str, candidate: Candidate) -> tuple[int, int]:
    """Where the line that holds ``candidate`` starts and ends (before its line break)."""
    line_end = text.find("\n", candidate.end)
    return text.rfind("\n", 0, candidate.start) + 1, len(text) if line_end < 0 else line_end


def _blank_line_at(text: str, newline: int, step: int) -> bool:
    """Whether the line next to the line break at ``newline`` (before it: ``step`` -1; after it:
    1) is blank, or there is none."""
    if newline < 0 or newline >= len(text):
        return True
    if step < 0:
        start = text.rfind("\n", 0, newline) + 1
        return not text[start:newline].strip()
    end = text.find("\n", newline + 1)
    return not text[newline + 1 : len(text) if end < 0 else end].strip()


PRINTED_MARKERS_SETTLE = 20  # markers glued as ``(n)`` that show the book prints its markers that way


def _in_label_style(candidates: list[Candidate], notes: tuple[Note, ...]) -> list[Candidate]:
    """The candidates, less those of a style the book uses for markers only when its notes carry
    the same labels (see LABEL_BOUND_STYLES) and they do not: a few notes so labelled are not
    enough, as a transcriber labels a book's notes one way throughout."""
    note_styles = Counter(note.style for note in notes)
    marker_styles = Counter(c.style for c in candidates)
    return [
        c for c in candidates
        if c.style not in LABEL_BOUND_STYLES
        or note_styles[LABEL_BOUND_STYLES[c.style]] >= PRINTED_LABELS_SETTLE
        or marker_styles[LABEL_BOUND_STYLES[c.style]] >= PRINTED_MARKERS_SETTLE
    ]


# Styles of a number that the text does not set apart as a marker: a book that brackets its markers
# prints none of its markers so.
UNPRINTED_STYLES = frozenset({"word", "punctuation", "quote", "year", "spaced", "after-number", "after-comma", "line-end"})
# How a book encloses its markers, and the labels of its notes that go with it.
MARKER_ENCLOSURES = (
    (frozenset({"bracket"}), frozenset({"gutenberg", "bracket"})),
    (frozenset({"paren", "spaced-paren"}), frozenset({"paren"})),
)


def _bracketed_throughout(candidates: list[Candidate], notes: tuple[Note, ...]) -> list[Candidate]:
    """The candidates, less the bare numbers and those in the other enclosure when the book encloses
    its notes and its markers alike (``[n]``, or ``(n)``): a transcriber or a printer sets every
    marker so, and ``"R. 1 E." meant the entrance`` is a stage direction (Archer's Play-Making,
    10865), ``7 inches | = 15537.1`` a table's row (Raper's Roman Foot, Phil. Trans. 1759, as
    OLMoCR read it), ``"(3) The microscopical`` a point of a quoted letter (Huxley's Discourses, 10060).
    Notes numbered plainly (``5. _Native Races_…`` under ``Footnotes``) show it too when every one
    has an enclosed candidate of its number: ``writers...8 pages`` in a summary is a count (Roberts's
    New Witnesses for God II, 47316, whose 575 notes each answer a ``[n]``).
    A superscript there is a power where no note carries a superscript label (``m/sec²``, ``4[pi]r²``
    in the German Science Reader, 22627, whose markers and notes are ``[n]``), and so is a ``^n``
    where no note carries a caret label (``x^2+y^2``, ``(4/3)^4`` in the Britannica's Circle, 31641),
    braced or not (``(_a_+_b_)^{10} = _a_^{10}+10×_a_^{9}_b_+`` in Montessori's Pedagogical
    Anthropology, 46643, whose markers and notes are ``[n]``).
    ``candidates`` itself when the book does not enclose them so."""
    numbered_styles = frozenset(note.style for note in notes if note.number is not None)
    for marker_styles, note_styles in MARKER_ENCLOSURES:
        if _encloses(candidates, notes, marker_styles, note_styles) or _encloses_for_plain_notes(
            candidates, notes, marker_styles, numbered_styles
        ):
            other = BRACKETED_STYLES - marker_styles
            if not any(note.style == "superscript" for note in notes):
                other |= {"superscript"}
            if not any(note.style == "caret" for note in notes):
                other |= {"circumflex", "caret"}
            return [c for c in candidates if c.style not in UNPRINTED_STYLES and c.style not in other]
    return candidates


def _encloses(
    candidates: list[Candidate], notes: tuple[Note, ...], marker_styles: frozenset[str], note_styles: frozenset[str]
) -> bool:
    """Whether the book labels its notes in the enclosure and prints its markers so: many
    enclosed candidates, or one for every note so labelled."""
    return sum(note.style in note_styles for note in notes) >= PRINTED_LABELS_SETTLE and (
        sum(c.style in marker_styles for c in candidates) >= PRINTED_MARKERS_SETTLE
        or _enclosed_for_every_note(candidates, notes, marker_styles, note_styles)
    )


def _encloses_for_plain_notes(
    candidates: list[Candidate], notes: tuple[Note, ...], marker_styles: frozenset[str], numbered_styles: frozenset[str]
) -> bool:
    """Whether every numbered note, whatever its label (``5. text``), has an enclosed candidate of
    its number: the book encloses its markers though not its notes' labels."""
    return sum(note.number is not None for note in notes) >= PRINTED_LABELS_SETTLE and _enclosed_for_every_note(
        candidates, notes, marker_styles, numbered_styles
    )


def _enclosed_for_every_note(
    candidates: list[Candidate], notes: tuple[Note, ...], marker_styles: frozenset[str], note_styles: frozenset[str]
) -> bool:
    """Whether every note so labelled has an enclosed candidate with its number: a book with a few
    notes shows its markers' style that way, not by their count (four ``[n]`` markers for four
    ``[Footnote n:`` notes, while ``1 Hawk. P.C. c. 22.`` cites a volume: Adams's Novanglus, 45205)."""
    wanted = Counter(note.number for note in notes if note.style in note_styles)
    enclosed = Counter(c.number for c in candidates if c.style in marker_styles)
    return not wanted - enclosed


# Styles of a marker printed as such, whatever the sequence made of it: a repeated label's marker.
PRINTED_STYLES = frozenset({"bracket", "paren", "spaced-paren", "circumflex", "caret", "superscript"})


def _pair_repeated_labels(
    source: SourceFile,
    layout: Layout,
    candidates: list[Candidate],
    notes: tuple[Note, ...],
    markers: list[Marker],
    on_path: set[int],
) -> tuple[tuple[Marker, ...], tuple[Note, ...]]:
    """Markers and notes, where a label printed twice in a chapter pairs copy by copy.

    Gibbon's editor numbers his note on note 18 as 18 again (``[18] … [18] … [Footnote 18: …]
    [Footnote 18: This is incorrect…]``), and the first transcription prints added notes such as
    ``1001`` as ``^1`` beside the chapter's own ``^1``. When every copy of the note has a marker of
    its own before it (the last copy the latest marker, each earlier copy an earlier one, no
    heading between), the copy whose marker is on the sequence's path (else the first) stays in the
    chapter and each other pair becomes a chapter of its own, as a symbol note does: neither a
    duplicate nor a marker without its note (an added note ``181`` on note 18 keeps its chapter's
    note 181 in the numbering). A copy with no marker of its own stays a duplicate.
    """
    copies: dict[tuple[int, int], list[Note]] = defaultdict(list)
    for note in notes:
        if note.number is not None and note.span.path == source.path:
            copies[(note.chapter, note.number)].append(note)
    repeated = {key: group for key, group in copies.items() if len(group) > 1}
    if not repeated:
        return tuple(markers), notes
    printed: dict[int, list[int]] = defaultdict(list)  # number -> starts of its printed candidates
    for candidate in candidates:
        if candidate.style in PRINTED_STYLES and not candidate.ocr:
            printed[candidate.number].append(candidate.start)
    by_start = {candidate.start: candidate for candidate in candidates}
    marker_at = {marker.span.start: index for index, marker in enumerate(markers)}
    own = max((item.chapter for item in (*notes, *markers)), default=-1) + 1
    new_chapter: dict[int, int] = {}  # id(note) -> its own chapter
    for (_, number), group in sorted(repeated.items(), key=lambda item: item[1][0].span.start):
        pairs = _marker_before_each(printed.get(number, []), [note.span.start for note in group], layout.headings)
        if pairs is None:
            continue
        kept = next((index for index, start in enumerate(pairs) if start in on_path), 0)
        for note, start in (pair for index, pair in enumerate(zip(group, pairs)) if index != kept):
            new_chapter[id(note)] = own
            if start in marker_at:
                index = marker_at[start]
                markers[index] = markers[index]._replace(chapter=own, intended=None, label=str(number), number=number)
            else:
                markers.append(_marker(source, by_start[start], number, own))
            own += 1
    markers.sort(key=_SPAN_START)
    notes = tuple(dataclasses.replace(note, chapter=new_chapter[id(note)]) if id(note) in new_chapter else note
                  for note in notes)
    return tuple(markers), notes


def _marker_before_each(starts: list[int], copies: list[int], headings: list[int]) -> list[int] | None:
    """For each copy of a note (its start), the start of a marker of its own: the latest one
    before the last copy, then for each earlier copy the latest before both it and the marker
    paired after it; None when a copy has none within reach with no heading between."""
    paired: list[int] = []
    limit = math.inf
    for copy in reversed(copies):
        before = bisect.bisect_left(starts, min(copy, limit)) - 1
        if before < 0 or starts[before] < copy - MARKER_REACH:
            return None
        start = starts[before]
        heading = bisect.bisect_right(headings, start)
        if heading < len(headings) and headings[heading] < copy:
            return None
        paired.append(start)
        limit = start
    paired.reverse()
    return paired


def _followed_by_their_notes(
    source: SourceFile, bracketed: list[Candidate], markers: list[Marker], next_note: Callable[[int, int], Note | None]
) -> list[Marker]:
    """The ``[n]``/``(n)`` candidates (``bracketed``) the sequence passed over whose note follows
    them (see :func:`_next_note_finder`) and has no marker yet: a run of lost or misprinted markers
    around them made the path skip them."""
    if not bracketed:
        return []  # most books: the markers are not gathered
    taken = {marker.span.start for marker in markers}
    keys = {(marker.chapter, marker.key) for marker in markers}
    added: list[Marker] = []
    for candidate in bracketed:
        if candidate.start in taken:
            continue
        chapter = _chapter_of(next_note(candidate.start, candidate.number), -1)
        if chapter >= 0 and (chapter, str(candidate.number)) not in keys:
            keys.add((chapter, str(candidate.number)))
            added.append(_marker(source, candidate, candidate.number, chapter))
    return added


HEADED_SHARE = 0.9  # the share of a book's chapters of notes that open after a heading where it heads them


def _headed_chapters(notes: tuple[Note, ...], headings: list[int]) -> bool:
    """Whether a heading stands before nearly every chapter of notes after the first, since the
    note before it: the book announces where its numbering restarts (the German Science Reader's
    ``13.`` over each piece's glosses), so a restart without a heading is unlikely; notes numbered
    per page restart with none (MacDonald's Hamlet, Trollope's What I Remember)."""
    ordered = sorted(headings)
    opened = headed = 0
    for before, note in zip(notes, notes[1:]):
        if note.chapter != before.chapter and note.number == 1:
            opened += 1
            headed += _any_between(ordered, before.span.start, note.span.start)
    return opened > 0 and headed >= HEADED_SHARE * opened


def _cited_again(
    source: SourceFile, bracketed: list[Candidate], chosen: set[int], on_path: list[Marker], taken: set[int],
    next_note: Callable[[int, int], Note | None],
) -> list[Marker]:
    """The ``[n]`` candidates the sequence passed over that repeat the number of a marker before
    them in the same chapter, on the same page (or on the page of the last copy: Herodotus glosses
    ``beyond[20]`` once and cites the gloss at every ``beyond`` for pages), and lead to the same
    note as that marker or to none: a note cited again (the German Science Reader glosses
    ``bei[8]`` once and prints ``[8]`` at every later ``bei`` of the piece, its notes gathered at
    the end; Basque Legends cites note 193 from four lines of a song; Longinus's On the Sublime,
    XVIII, quotes Demosthenes twice with a ``[2]`` after each, over one ``[Footnote 2: ...]``).
    A note of that number standing between
    the two makes the later one a later page's marker, whose chapter the numbering cannot tell
    (MacDonald's Hamlet). Called only where the book encloses every marker, so the label is
    printed as a marker; it takes the chapter of the path's last marker before it."""
    added: list[Marker] = []
    seen: dict[tuple[int, int | None], int] = {}  # (chapter, number) -> where its last marker stands
    index = 0
    for candidate in bracketed:
        while index < len(on_path) and on_path[index].span.start < candidate.start:
            seen[(on_path[index].chapter, on_path[index].number)] = on_path[index].span.start
            index += 1
        if id(candidate) in chosen or candidate.start in taken or not index:
            continue
        chapter = on_path[index - 1].chapter
        earlier = seen.get((chapter, candidate.number))
        if earlier is None or candidate.start - earlier > PAGE_REACH:
            continue
        following = next_note(candidate.start, candidate.number)
        if following is None or following is next_note(earlier, candidate.number):
            added.append(_marker(source, candidate, candidate.number, chapter))
            seen[(chapter, candidate.number)] = candidate.start  # the next copy may be a page on from this one
    return added


def _chapter_of(note: Note | None, default: int) -> int:
    """The chapter of ``note``, or ``default`` where there is none."""
    return default if note is None else note.chapter


def _next_note_finder(source: SourceFile, layout: Layout, notes: tuple[Note, ...]) -> Callable[[int, int], Note | None]:
    """``following(start, number)``: the first note numbered ``number`` after ``start`` when it
    stands in the same chapter of the text (no heading between) and within MARKER_REACH, else
    None. Notes printed after the paragraph or at the chapter's end follow their markers, whatever
    the alignment of the numbering says."""
    starts: dict[int, list[int]] = defaultdict(list)
    numbered: dict[int, list[Note]] = defaultdict(list)
    for note in notes:
        if note.number is not None and note.span.path == source.path:
            starts[note.number].append(note.span.start)
            numbered[note.number].append(note)
    headings = layout.headings

    def following(start: int, number: int) -> Note | None:
        positions = starts.get(number)
        if not positions:
            return None
        after = bisect.bisect_right(positions, start)
        if after == len(positions) or positions[after] - start > MARKER_REACH:
            return None
        heading = bisect.bisect_right(headings, start)
        if heading < len(headings) and headings[heading] < positions[after]:
            return None
        return numbered[number][after]

    return following


SKIPPED_NOTE_COST = 1  # a note left without markers where the runs pass over its chapter (a shared number gains 2)


def align_chapters(runs: list[set[int]], chapters: list[set[int]], first_own: int | None = None) -> list[int]:
    """The chapter of notes each run of marker numbers belongs to, in order.

    A decoy that starts the path, or a restart of the markers that the notes do not share, would
    put every later marker in the wrong chapter of notes if runs and chapters were paired by
    count. Instead each run goes to the chapter (in order, several runs may share one) that shares
    the most numbers with it, by dynamic programming over both sequences; a run that shares
    nothing with any chapter in reach gets a chapter of its own, numbered from ``first_own``
    (by default, after the chapters).
    """
    own = len(chapters) if first_own is None else first_own
    if not chapters:
        return list(range(own, own + len(runs)))
    # best[j]: the best score of the runs so far with the latest in chapter j; a shared number
    # counts 2, and a run that joins the chapter of the run before it pays 1 and 2 for each
    # number the two runs both have (one chapter does not number a note twice). A chapter no run
    # goes to leaves its notes without markers: passing over it pays SKIPPED_NOTE_COST a note, so
    # where every chapter numbers its notes alike (a reader's pieces, each glossed 1, 2, 3...) a
    # run does not slide to the next chapter for a few more shared numbers (German Science Reader).
    skipped = list(itertools.accumulate((SKIPPED_NOTE_COST * len(chapter) for chapter in chapters), initial=0))
    previous_best: list[int] | None = None
    choices: list[list[int]] = []  # per run and chapter: the chapter of the previous run
    for index, numbers in enumerate(runs):
        joining_cost = 1 + 2 * len(numbers & runs[index - 1]) if index else 0
        best: list[int] = []
        choice: list[int] = []
        # the best way in from a chapter before j, less the chapters passed over up to j
        # (``skipped[j]`` is taken off below; ``earlier`` holds previous_best[k] + skipped[k + 1])
        earlier, earlier_at = (0, -1) if previous_best is None else (-(10**9), -1)
        for j, chapter in enumerate(chapters):
            gain = 2 * len(numbers & chapter)
            options = [(earlier - skipped[j] + gain, earlier_at)]
            if previous_best is not None:
                options.append((previous_best[j] + gain - joining_cost, j))
            score, came_from = max(options)
            best.append(score)
            choice.append(came_from)
            if previous_best is not None and previous_best[j] + skipped[j + 1] > earlier:
                earlier, earlier_at = previous_best[j] + skipped[j + 1], j
        choices.append(choice)
        previous_best = best
    placed: list[int] = []
    j = (
        max(range(len(chapters)), key=lambda k: (previous_best[k] - (skipped[-1] - skipped[k + 1]), -k))
        if previous_best else -1
    )
    for choice in reversed(choices):
        placed.append(j)
        j = choice[j]
    placed.reverse()
    for index, numbers in enumerate(runs):
        if not numbers & chapters[placed[index]]:
            placed[index] = own
            own += 1
    return placed


def _subnote_markers(
    source: SourceFile,
    bracketed: list[Candidate],
    chosen: set[int],
    markers: list[Marker],
    note_numbers: frozenset[int],
) -> list[Marker]:
    """Markers of notes an editor added to the note before (``[821]`` after ``[82]``, ``[101]``
    before a chapter's ``[1]``) among the ``[n]``/``(n)`` candidates (``bracketed``), which the
    sequence passes over: taken when a note carries the number."""
    added: list[Marker] = []
    passed_over = [c for c in bracketed if id(c) not in chosen and c.number in note_numbers]
    if not passed_over:
        return added
    starts = [marker.span.start for marker in markers]
    for candidate in passed_over:
        before = bisect.bisect_left(starts, candidate.start) - 1
        following = markers[before + 1].key if before + 1 < len(markers) else None
        if before >= 0 and is_subnote(str(candidate.number), markers[before].key, following):
            added.append(_marker(source, candidate, candidate.number, markers[before].chapter))
        elif following == "1" and is_subnote(str(candidate.number), "1", "1"):
            # an editor's note on a chapter's title, before its marker 1
            added.append(_marker(source, candidate, candidate.number, markers[before + 1].chapter))
    return added


def _markers_in_notes(source: SourceFile, notes: tuple[Note, ...]) -> list[Marker]:
    """Markers of the notes an editor added to a note, standing in that note's own text (Gibbon
    vol. 5: ``[1981]`` inside ``[Footnote 198: …]``, with ``[Footnote 1981: …]`` after it)."""
    labels = {(note.chapter, note.key) for note in notes}
    added: list[Marker] = []
    for note in notes:
        if note.number is None or note.span.path != source.path:
            continue
        opening = "[" + note.key  # an added note's label starts with the note's own
        for part in note.parts:
            if source.text.find(opening, part.start, part.end) < 0:
                continue
            for candidate in find_candidates(source.text, [(part.start, part.end)]):
                if (
                    candidate.style == "bracket" and is_subnote(str(candidate.number), note.key)
                    and (note.chapter, str(candidate.number)) in labels
                ):
                    added.append(_marker(source, candidate, candidate.number, note.chapter))
    return added


SYMBOL_MARKER = OnFirstUse(regex.compile,
    r"(?<=[\p{L}.,;:!?’”\"')\]])\((?P<symbol>[*+†‡§])\)"  # ``(*)``, The Prince
    # ``W. [*]``, Gibbon's editor; ``Schwechat[**]``, and opening a paragraph it was moved to:
    # ``[**]Finally, to reap…`` (Kossuth's Select Speeches, 10691); after a year, ``in 1830[*])``
    # (Omond's Bruges and West Flanders, 18670); after an italic's closing underscore, an essay's
    # title ``_HENRY SCOTT HOLLAND_[*]`` (Russell's Prime Ministers and Some Others, 16519)
    r"|(?:(?<=[\p{L}.,;:!?’”\"')_][ \t]?)|(?<=\d)|(?<=\n)(?=\[\*{1,3}\]\p{Lu}))\[(?P<symbol>\*{1,3})\]"
    # ``consecutive."[A]``, How to Listen to Music; past Z doubled (``Rhaetus[F]``, ``Strabo,[BF]``:
    # Planta's Romansh Language, 10069)
    # ``1787[B]``, ``_Lucumones_[K]``, ``[Greek: leipontio][H]``, a table's ``mechanics [A]`` (Phillips)
    # ``[A]`` alone on its line or before a stage direction or a speech prefix (``       [A]_Enter
    # Ghost_``, ``[A] _Pol._ He hath``), or before a verse's capital (``[A] I will leaue him,``, a
    # page's first line; a line ``[A] text`` a note's label reads as one is no body to look in):
    # where an editor's note gives another edition's lines
    # (MacDonald's Hamlet, 10606); or in parentheses of its own after a word or a stop, spaced or
    # glued (``D.M.C Nos. 16 to 35, ([A]) or``: de Dillmont's Encyclopedia of Needlework, 20776)
    r"|(?:(?<=[\p{L}\d.,;:!?’”\"')\]_])|(?<=[\p{L}.,;:!?’”\"')_][ \t])|(?<=\n[ \t]*)(?=\[[A-Z]\][ \t]*(?:_|\n|\Z|\p{Lu}))"
    r"|(?<=[\p{L}\d.,;:!?’”\"')_][ \t]?\()(?=\[[A-Z][A-Za-z]?\]\)))"
    r"\[(?P<symbol>[A-Z][A-Za-z]?)\]"
    # a table's lower-case letter, glued to the word or stop (``female? adult.[a]``), in parentheses
    # (``(Type). ([a])``) or opening a cell before its figure (``Total length  [b]765+``, ``[e] 5.0``,
    # ``[c][25.0]``; damaged, ``[ f] 5.3``); two letters for two notes (``[bd]607+``): its note
    # stands under the table, the letters restarting per table (True's Beaked Whales, 44785)
    # A book's lettered marker (Johnson's Works I, 10835): after a number or a bracket
    # (``EURIPIDES, V. 196[a]``, ``[Greek: Eis BIRCHION][a]``); spaced before a stop or a capital
    # (``MESSIA [a].``, ``Parthenope. [f]Novies``) or a word (``no [e]staff``); or opening a verse line, glued to its capital
    # (``[a]Though grief and fondness``, the poem's lines keyed to Juvenal's printed after it)
    r"|(?:(?<=[\p{L}\d.,;:!?’”\"')\]_(])|(?<=[ \t])(?=\[[ ]?[a-z]{1,2}\][ \t]?[\d\[])"
    r"|(?<=[ \t])(?=\[[a-z]{1,2}\](?:[.,;:!?’”\"')]|\p{L}))|(?<=\n[ \t]*)(?=\[[a-z]{1,2}\][ \t]?\p{Lu}))"
    r"\[[ ]?(?P<symbol>[a-z]{1,2})\]"
    r"|(?<![\p{L}\d])\^(?P<symbol>" + EDITOR_SYMBOL + ")"  # ``^*``, ``^!!``: Gibbon's first transcriptions
    r"|(?<![^\s.,;:!?’”\"')])\*(?P<symbol>[a-z])(?![\p{L}\d])"
    r"|(?<=[\p{L}.,;:!?’”\"')\]])\[(?P<symbol>\d{1,4}[a-z]|" + STARRED_NUMBER + r")\]"  # ``or thus,[4a] but``: an editor's added note (Herodotus); ``red[e][4*]`` (Havelok)
    r"|(?<=[\p{L}.,;:!?’”\"')\]]\[\d{1,4},[ \t]*)(?P<symbol>" + STARRED_NUMBER + r")(?=\])"  # ``setes.[40, 40*]``: with its note's number (Havelok)
    r"|\{(?P<symbol>\d{1,4}[a-z]?)\}"  # ``this island {50}.``, ``study, {51b} I``: a page and a letter (Swift)  # ``miles. *a Its``, ``augments.*d``: Tocqueville
    # stars glued to the word or stop (``judgement* of``, ``itself.**``: Kant; ``dogs** over``: White's
    # Selborne; after an italic's underscore, ``_if there was_*``: Holyoake's Last Trial, 36799), not
    # closing an emphasis (``*not*``); or after a space (``Willughby * passed``, ``thus: * --``):
    # a weak marker, kept only where a note takes it (``Hume, * since``, ``been. *(2)``: Kant's Practical
    # Reason; not ``II., * nor`` in Gibbon's notes); not before another star (``* * *``, an ellipsis) nor an
    # editor's ``Note:`` (``* Note:``, in Gibbon's notes)
    # numbered stars where a page needs many, glued or after a space (``Galliar's,*3* who``, ``Eugee's *1*
    # house``: James's Life of Marion, 923)
    r"|(?<=[\p{L}\d.,;:!?’”\"')\]_][ \t]?)(?P<symbol>\*\d{1,2}\*)(?![\p{L}\d])"
    # ... or after the tag that closes an italic (``solus,"</i>* though``: Browne's Religio Medici, 586)
    r"|(?:(?<=[\p{L}\d.,;:!?’”\"')\]_])|(?<=</\p{Ll}{1,6}>))(?<!\*[^*\s][^*\n]{0,80})(?P<symbol>\*{1,7})(?![*\p{L}\d])"
    # daggers and sections glued the same way (``nitrates.† Cinnabar``, ``Jalindher,† such``: Howard's
    # Fulminating Mercury and Greville's Stones, Phil. Trans. 1800 and 1803, as OLMoCR read them)
    r"|(?<=[\p{L}\d.,;:!?’”\"')\]])(?P<symbol>[†‡§]{1,2})(?![\p{L}\d])"
    r"|(?<=[\p{L}.,;:!?’”\"')][ \t])(?P<weak>\*{1,7}(?:\(\d\))?)(?=[ \t]+(?!Note\b)[\p{L}\d“‘\"']|[ \t]+--(?!>)|[ \t]*(?:\n(?!\s*Note\b)|\Z))"
    # ... after a number and a space only before a dash, where no formula goes on (``it sprung up to
    # 16.5 * -- a most unusual degree``: White's Selborne, 1408; not ``2 * 3``)
    r"|(?<=\d[ \t])(?P<weak>\*{1,7})(?=[ \t]+--(?!>))"
)


# What every SYMBOL_MARKER match opens with (its lookbehinds aside), found by the standard ``re`` in
# one fast scan: the pattern's lookbehinds, tried at every position, made it a pass as slow as the reader's.
# Its first character a class (``(*`` is ``(`` then ``*`` after a ``(``), so that ``re`` skips to the
# next of them at once: as alternatives (``\([*+†‡§]|\[[*A-Z]|…``) it tried each at every position,
# four times slower.
_SYMBOL_OPENING = OnFirstUse(re.compile,
    r"[(\[^{*†‡§](?:(?<=\()[*+†‡§]|(?<=\[)[*A-Z]|(?<=\[) ?[a-z][a-z]?\]|(?<=\[)\d{1,4}[a-z]|(?<=\^)[*!@†‡§]|(?<=\{)\d|(?<=[*†‡§]))"
)


def _symbol_markers(source: SourceFile, layout: Layout, notes: tuple[Note, ...]) -> list[Marker]:
    """``(*)``, ``^*``, ``[*]`` markers, paired in order with the notes with their symbol that follow
    them: the first such note takes the earliest marker waiting for it (Gibbon's editor puts three
    ``^*`` in a paragraph, then their three notes), and markers that notes have passed by wait no
    more. A marker left unpaired has no chapter (-1), or is dropped if weak (a star after a space); a
    symbol that no note carries is no marker."""
    symbol_notes = sorted((n.span.start, n.label, n.chapter) for n in notes if n.style == "symbol")
    if not symbol_notes:
        return []
    text = source.text
    # a heading may carry one too: ``CHAPTER XVIII(*) -- CONCERNING THE WAY…`` (The Prince)
    headings = [(start, end if (end := text.find("\n", start)) >= 0 else len(text)) for start in layout.headings]
    # a note may carry one too: the editor's note on the author's note (``^!`` in Gibbon's note 15)
    in_notes = [(part.start, part.end) for note in notes if note.span.path == source.path for part in note.parts]
    labels = {label for _, label, _ in symbol_notes}
    found = [
        match
        for span_start, span_end in line_runs(text, sorted(layout.body + headings + in_notes))
        # most runs hold none: not scanned; a run without a note's symbol holds none that is kept
        if _holds_any(text, labels, span_start, span_end)
        and _SYMBOL_OPENING.search(text, span_start, span_end) is not None
        for match in SYMBOL_MARKER.finditer(text, span_start, span_end)
        if not (text.startswith("^", match.start()) and _power_in_formula(text, match.start()))  # ``$(-a)^*$``
    ]
    found = _one_letter_each(_enclosed_as_their_notes(found, notes, text), labels)
    read_as = _star_before_the_star(labels)
    symbols = [read_as.get(symbol, symbol) for symbol in map(_symbol_of, found)]
    chapters = [-1] * len(found)
    starts = [match.start() for match in found]
    waiting: dict[str, deque[int]] = defaultdict(deque)
    note_starts = sorted(n.span.start for n in notes if n.span.path == source.path)
    index = 0
    for at, (note_start, label, chapter) in enumerate(symbol_notes):
        while index < len(found) and found[index].start() < note_start:
            queue = waiting[symbols[index]]
            if queue and _note_between(note_starts, found[queue[-1]].start(), found[index].start()):
                queue.clear()  # notes came and went after those markers: their chance is past
            queue.append(index)
            index += 1
        queue = waiting[label]
        chained = _chained(found, queue) if label.isalpha() else 0
        while (
            queue and found[queue[0]].start() < note_start - MARKER_REACH and not label[:1].isdigit()
            and (len(queue) > 1 or not label[:1].isalpha())
            and len(queue) > chained
        ):
            # too far back to be this note's marker; but a letter's only marker waiting is its marker,
            # however far: lettered notes gathered at a long chapter's end (Folsom's Fifty Years in
            # the Northwest, 36375; a chronology's [A] in the New York Times Current History, 16363)
            queue.popleft()
        if queue:
            chapters[queue.popleft()] = chapter
            if label.isalpha() and not _same_label_in_block(symbol_notes, at, starts[index] if index < len(found) else len(text)):
                while queue:  # the letter's other cells: its one note cited again (a table's ``[h]``)
                    chapters[queue.popleft()] = chapter
        else:
            _pair_marker_after(symbols, starts, chapters, note_start, label, chapter)
    return [
        Marker(
            label=symbol,
            number=None,
            text=match.group(0),
            span=source.span(match.start(), match.end()),
            style="symbol",
            chapter=chapter,
        )
        for match, symbol, chapter in zip(found, symbols, chapters)
        if chapter >= 0 or match.group("weak") is None and symbol in labels
    ]


def _enclosed_as_their_notes(found: list[regex.Match], notes: tuple[Note, ...], text: str) -> list[regex.Match]:
    """The symbol markers ``found``, less the bare ones of a symbol whose notes are all ``[*] text``
    in brackets where a bracketed marker of it stands: such a book prints its markers so too, and an
    asterisk after a word is a sign of the prose (``an asterisk (*) opposite those which we had
    heard sing``, then a list of ``* Thrush, * blackbird``: Roosevelt's Autobiography, 3335)."""
    labels: dict[str, bool] = {}
    for note in notes:
        if note.style == "symbol":
            printed = text.startswith(f"[{note.label}]", note.span.start)
            labels[note.label] = labels.get(note.label, True) and printed
    enclosed = {symbol for symbol, printed in labels.items() if printed} & {
        _symbol_of(match) for match in found if text.startswith("[", match.start())
    }
    if not enclosed:
        return found
    return [match for match in found if text.startswith("[", match.start()) or _symbol_of(match) not in enclosed]


class _LetterOfPair(NamedTuple):
    """One letter of a marker that cites two lettered notes at once (``[bd]``), read as a marker."""

    at: int
    letter: str

    def start(self) -> int:
        return self.at

    def end(self) -> int:
        return self.at + 1

    def group(self, name: str | int) -> str | None:
        return {0: self.letter, "symbol": self.letter}.get(name)


def _one_letter_each(found: list, labels: set[str]) -> list:
    """The markers, a pair of lower-case letters that no note carries but each of whose letters
    one does (``[bd]607+``, a table's cell qualified by its notes b and d: True's Beaked Whales,
    44785) read as two markers, one on each letter."""
    if not any(len(label) == 1 and label.islower() for label in labels):
        return found
    read: list = []
    for match in found:
        symbol = _symbol_of(match)
        if len(symbol) == 2 and symbol.islower() and symbol not in labels and set(symbol) <= labels:
            first = match.start() + match.group(0).index(symbol)
            read += [_LetterOfPair(first, symbol[0]), _LetterOfPair(first + 1, symbol[1])]
        else:
            read.append(match)
    return read


def _chained(found: list, queue: deque[int]) -> int:
    """How many of a letter's markers waiting, the last ones, reach its note through each other:
    each within :data:`MARKER_REACH` of the next, with no note between (the queue holds none that
    notes passed by); 0 for fewer than two. A long chapter cites its one lettered note again and
    again, and gathers it at the chapter's end: the Encyclopedia of Needlework's ``D.M.C[A]`` on
    every thread it names, up to 38 times a chapter, over ``[A] See at the end of the concluding
    chapter…`` under the chapter's ``FOOTNOTES:`` (20776); its first ``[A]`` may stand far more
    than the reach before that note."""
    count = 1
    while count < len(queue) and found[queue[-count]].start() - found[queue[-count - 1]].start() <= MARKER_REACH:
        count += 1
    return count if count >= 2 else 0


def _same_label_in_block(symbol_notes: list[tuple[int, str, int]], at: int, next_marker: int) -> bool:
    """Whether another note of the ``at``-th note's label follows it before ``next_marker`` (in its
    block of notes): then each of its label's markers waiting is one note's, as Gibbon's editor
    puts three ``^*`` in a paragraph, then their three notes; else they are all its own."""
    label = symbol_notes[at][1]
    for note_start, other, _ in symbol_notes[at + 1 :]:
        if note_start >= next_marker:
            return False
        if other == label:
            return True
    return False


STARRED_LETTERS_SETTLE = 3  # lettered notes that show a book may print its markers as a star and the letter


def _star_before_the_star(labels: set[str]) -> dict[str, str]:
    """The symbols to read as another note's label: ``**`` as the note ``*`` where the book's notes
    are lettered (three letters or more) beside a ``*`` and none is ``**``. Tocqueville's Democracy
    in America (815) prints a star before each note's letter (``*a``, ``*b``), and so before its
    one note labelled ``*``: ``punishment, **``."""
    letters = sum(1 for label in labels if len(label) == 1 and label.islower())
    return {"**": "*"} if letters >= STARRED_LETTERS_SETTLE and "*" in labels and "**" not in labels else {}


def _holds_any(text: str, labels: set[str], start: int, end: int) -> bool:
    """Whether one of ``labels`` stands in ``text[start:end]``. A marker whose symbol no note
    carries is neither kept nor paired, and waits in no note's queue: a run without any note's
    symbol is not scanned for markers (a plain search for each: the scan for what a marker
    opens with took a tenth of the reading time of a book with a few symbol notes)."""
    return any(text.find(label, start, end) >= 0 for label in labels)


def _symbol_of(match: regex.Match) -> str:
    return match.group("symbol") or match.group("weak")


def _pair_marker_after(
    symbols: list[str], starts: list[int], chapters: list[int], note_start: int, label: str, chapter: int
) -> None:
    """Give a symbol note that no marker before it waits for the first free marker with its label
    after it on the same page: the note printed before its paragraph ended (``[Footnote e: Census of
    1790 …]`` before ``13,000,000. *e``, Tocqueville's Democracy in America, 815)."""
    for index in range(bisect.bisect_right(starts, note_start), len(symbols)):
        if starts[index] > note_start + SYMBOL_REACH:
            return
        if chapters[index] == -1 and symbols[index] == label:
            chapters[index] = chapter
            return


def _note_between(note_starts: list[int], start: int, end: int) -> bool:
    following = bisect.bisect_left(note_starts, start)
    return following < len(note_starts) and note_starts[following] < end


_SPAN_START = operator.attrgetter("span.start")


def _marker(source: SourceFile, candidate: Candidate, value: int, chapter: int) -> Marker:
    start, end, number, style, _, ocr = candidate
    printed = source.text[start:end]
    if ocr:  # ``l7``: no number as printed, read as the one the sequence expects
        return Marker(printed, None, printed, Span(source.path, start, end), style, chapter, value)
    # by position: a book of superscripts makes a marker of every candidate
    return Marker(str(number), number, printed, Span(source.path, start, end), style, chapter,
                  value if value != number else None)


NEWLINE_RUN = OnFirstUse(regex.compile, r"\n+")
DOUBLE_SPACED_RUNS = 12  # runs of line breaks enough to tell a double-spaced file
DOUBLE_SPACED_ODD_SHARE = 0.02  # runs of an odd count of line breaks such a file may have
HARD_WRAP_WIDTH = 100  # a hard-wrapped line is no longer than this ...
LONG_LINE_SHARE = 0.05  # ... but for a few


def _double_spaced(text: str) -> bool:
    """Whether every line break of a hard-wrapped text is doubled: the lines of a paragraph are
    two breaks apart and paragraphs four or more (an even count everywhere). A text of long lines,
    one paragraph each, with a blank line between them is not: its runs are all two breaks."""
    breaks = text.count("\n")
    head = len(text) // 16
    while head and text[head - 1] == "\n":
        head -= 1  # a pair of breaks is counted in the head or after it, never across
    # the pairs of the head and at most half the breaks after it: a single-spaced head settles it
    # (a count of pairs costs twice a count of breaks)
    if 2 * text.count("\n\n", 0, head) + breaks - text.count("\n", 0, head) < breaks * (1 - DOUBLE_SPACED_ODD_SHARE):
        return False
    if 2 * text.count("\n\n") < breaks * (1 - DOUBLE_SPACED_ODD_SHARE):
        return False  # single line breaks between lines (string counts: most files stop here)
    runs = Counter(len(run.group()) for run in NEWLINE_RUN.finditer(text))
    total = sum(runs.values())
    odd = sum(count for length, count in runs.items() if length % 2)
    wide = sum(count for length, count in runs.items() if length >= 4)
    if total < DOUBLE_SPACED_RUNS or odd > total * DOUBLE_SPACED_ODD_SHARE or not 0 < 2 * wide <= runs[2]:
        return False
    lines = [line for line in text.split("\n") if line.strip()]
    return sum(len(line) > HARD_WRAP_WIDTH for line in lines) <= len(lines) * LONG_LINE_SHARE


def single_spaced(source: SourceFile) -> SourceFile:
    """``source`` as the reader should see it: a double-spaced file (every line break doubled, as
    a file saved with ``\r\r\n`` line ends decodes: Macaulay vol. 1, first transcription,
    Gutenberg 1468) with each doubled break read as one, the first of the two becoming a space,
    so that offsets and line numbers stay those of the file. Other files are returned as they are."""
    text = source.text
    if not _double_spaced(text):
        return source
    single = NEWLINE_RUN.sub(lambda run: " \n" * (len(run.group()) // 2) + "\n" * (len(run.group()) % 2), text)
    return dataclasses.replace(source, text=single)


# ``[Foot-note 1: For illustrations…``: the label's word as older books spell it, hyphenated
# (Sisam's Fourteenth Century Verse & Prose, 43736, whose numbered notes are all so); the character
# after the word is kept to move back into the hyphen's place
HYPHENATED_FOOTNOTE = OnFirstUse(regex.compile, r"\[Foot-note(?=\W)(.)", regex.DOTALL)


def footnote_word_joined(source: SourceFile) -> SourceFile:
    """``source`` with each ``[Foot-note`` read as ``[Footnote``, the hyphen's place given to a space
    after the character that followed the word (``[Foot-note 1:`` is ``[Footnote  1:``,
    ``[Foot-note: 21`` is ``[Footnote:  21``), so that one spelling of the label's word serves every
    rule, at the same offsets as the file. Other files are returned as they are."""
    text = source.text
    if "[Foot-note" not in text:
        return source
    return dataclasses.replace(source, text=HYPHENATED_FOOTNOTE.sub(lambda found: "[Footnote" + found[1] + " ", text))


def read(source: SourceFile, notes: SourceFile | None = None) -> Document:
    """Extract markers and notes; notes come from ``notes`` when an endnotes file is paired."""
    view = footnote_word_joined(single_spaced(source))  # the same offsets as ``source``
    layout = read_layout(view.text)
    if notes is None:
        note_records = _notes(view, layout)
    else:
        notes_view = footnote_word_joined(single_spaced(notes))
        note_records = _notes(notes_view, read_layout(notes_view.text))
    markers, note_records = _markers(view, layout, note_records)
    return Document(
        source=source,
        format="plaintext",
        markers=markers,
        notes=note_records,
        numbered=True,
        note_sources=(notes,) if notes is not None else (),
    )
