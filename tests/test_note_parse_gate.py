"""Property: the parser's gate (reconcile/notes.py, ``_may_parse``) never lets go of a segment a form reads.

With no alias declared, a segment whose ends are trimmed is asked once what each form needs (an
Ibid.'s word, names before the first comma, a title in quotes or emphasis, a year, a month, a law
report's " v. ", an archival item, an element's full stop …) and let go when it has none, before
the forms are tried in turn. That must never change what is parsed, so for segments built from
what the forms read and the prose around them (among them what only the gate looks at: a stop
after a number that puts a comma before a locator, an opening in lower case, a letter's " to ", a
small roman numeral ``ⅰ`` that str.islower calls lower case), each as the parser reads it, the
parser finds the same with the gate and without it. Real notes are held to it in
tests/test_note_source_signal.py, with the other prefilter.
"""

from __future__ import annotations

from unittest import mock

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from citecheck.reconcile import notes
from tests.test_note_source_signal import PIECES as SIGNAL_PIECES
from tests.test_note_source_signal import SEGMENT as SIGNAL_SEGMENT

SETTINGS = settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# What the gate's tests look at beyond what the prefilter's generator writes.
PIECES = SIGNAL_PIECES + (
    " to ", "Letter from", "letter from", "January", "Sept.", "Mar", "12 March", " v. ", " at ", "347 U.S. 483",
    "(1954)", "no. 9", "(May 1941)", "1938", "2003", "14٣٤", "\U0001d7cf\U0001d7d7", "12. ", "3). ", ". p. 45", ". 114",
    ". l. 20", ", fond 3", ", box A", ", d. 4", "et al.", "al.", "Shaw, Tom.", "U.S. Bureau of the Census", "U.N.",
    "Department of State", "ⅰ", "ⅱ", "ÿ", "de ", "d'Anville", "the ", "see ", "Transcript of interview with",
    "oral history", "HEREAFTER", "Forthcoming", "n. d.", "N.D.", "(n.d.)", "İbid", "Eadem", "Loc. cit.", "OP. CIT.",
    "Reimer et al. 2009. ", '"IntCal09." ', "*Radiocarbon* 51 (4)", "In ", "(Ed.), ", "(pp. 45–67). ",
    ", Folder 8", ", Box A29", ", Carton 2", ", FF11", "June-July 1960", ",\" ", "Le Brun's *", "’s _", "s' *", "Félibien[']{dir=\"rtl\"}s *",
)
PROSE = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)
SEGMENT = st.one_of(SIGNAL_SEGMENT, PROSE, st.tuples(SIGNAL_SEGMENT, PROSE).map("".join))


def _parsed(segment: str, gate: bool) -> notes.Parsed | None:
    if gate:
        return notes._parse_normalized(segment, notes.Aliases())
    with mock.patch.object(notes, "_may_parse", lambda text: True):
        return notes._parse_normalized(segment, notes.Aliases())


@SETTINGS
@given(SEGMENT)
@example("A little afterwards, (c. 12,) he expatiates on the condescension of the apostles")  # let go (Gibbon)
@example("Wilken, vol. iii. p. 165")  # names before the first comma
@example("Stalin in Power. 45")  # a comma put before the locator
@example("DVP ⅰ, vol. 3")  # _BARE_NAME takes ``ⅰ``
@example("the memoirs of a general, box 4")  # an archival item after an opening in lower case
@example("see also Tom Smith to John Doe, May 5, 1900")  # a letter after "see"
@example("Brown v. Board of Education, 347 U.S. 483, 495 (1954)")
@example("Brown, 347 U.S. at 495")
@example("Brown v. Board of Education, 347 U.S. 483, 495 (1254)")  # four digits that are no year
@example("Board of Education, 347 U.S. at 495")
@example("DVP 3. 7:12")  # a name only once _locator_after_stop put a comma before the locator
@example("The journal of record, no. 9 (May 1241)")  # an issue dated by four digits that are no year
@example("The evening star, 12 March 1230, 2")
@example("U.S. Office of War, Annual Report, 45")  # a state's office, no names before the first comma
@example("oral history with Alf Brandin")  # an interview after an opening in lower case
@example("interview with Jack Balletto")
@example("Pravda, 12 March 1930, 2")
@example("Bol'shevik, no. 9 (May 1941)")
@example("U.S. Bureau of the Census, 1960 Census, Santa Clara County, n.d.")
@example("Moretti, Franco. Distant Reading")
@example("Smith, John, et al.the great history")
@example("Some Body Else. Great Book Here. p. 45")
@example("Fell, Bread (FORTHCOMİNG)")
@example("Fell, Bread [N. D.]")
@example("İbid., 45")
@example("Fell (1996), Grain")
@example("Franco and Miele, interview")
@example("Stalin, Works (Moscow, 1952), hereafter SW")
@example("GRASS ROOTS flyer, Folder 16, Box 1, Stanford University Archives")  # a document in a collection, no date
@example('"Forerunner," March 1973, Folder 405, Box 88')
def test_the_gate_lets_go_no_segment_a_form_reads(segment):
    normalized = notes._normalized(segment)
    assert _parsed(normalized, gate=True) == _parsed(normalized, gate=False)
