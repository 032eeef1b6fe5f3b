r"""The LaTeX reader: footnotes, the natbib and biblatex citation commands, ``\nocite``.

Properties: a generated document with citation commands and footnotes (in body text and in
notes, with comments and verbatim decoys) is read back exactly: every key with its span, note
and locator, every footnote with its number and text; and no text whatever makes the reader
raise.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.readers import reader_for
from citecheck.readers.latex import CITE_COMMANDS, MULTICITE_COMMANDS, blank_unread, read, read_citing, walkable
from citecheck.rules import Context, all_rules, run_rules
from citecheck.source import SourceFile, decode


def document(text: str):
    return read(SourceFile("t.tex", text))


def citations(text: str) -> list[tuple[str, str, str, int | None, str | None]]:
    """(kind, key, the text at its span, note, locator) of each citation."""
    return [(c.kind, c.key, text[c.span.start : c.span.end], c.note, c.locator) for c in document(text).citations]


def keys_and_locators(text: str) -> list[tuple[str, str | None]]:
    found = citations(text)
    assert all(key == written for _, key, written, _, _ in found)
    return [(key, locator) for _, key, _, _, locator in found]


def test_registered_for_latex_suffixes():
    for name in ("thesis.tex", "CHAPTER.TEX", "old.ltx"):
        reader = reader_for(name)
        assert reader is not None and reader.format == "latex" and not reader.pairs_notes_file


def test_document_fields():
    doc = document("Nothing here.\n")
    assert (doc.format, doc.numbered, doc.markers_reusable) == ("latex", True, False)
    assert (doc.markers, doc.notes, doc.citations) == ((), (), ())


IN_TEXT_COMMANDS = sorted(CITE_COMMANDS - {"footcite", "footcitetext", "Footcite", "Footcitetext"})


@pytest.mark.parametrize("command", IN_TEXT_COMMANDS)
def test_every_citation_command(command):
    text = f"As \\{command}{{alpha}} and \\{command}*[p.~4]{{beta}}.\n"
    assert citations(text) == [("key", "alpha", "alpha", None, None), ("key", "beta", "beta", None, "p. 4")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (r"\cite{a}", [("a", None)]),
        (r"\citep[12]{a}", [("a", "12")]),
        (r"\citep[see][]{a}", [("a", None)]),
        (r"\citep[see][pp.~12--14]{a}", [("a", "pp. 12–14")]),
        (r"\textcite[cf.][chap.\,2]{a, b ,c}", [("a", None), ("b", None), ("c", "chap. 2")]),
        ("\\autocite\n  [7:12]\n  {a}", [("a", "7:12")]),
        (r"\cite{a,,b,}", [("a", None), ("b", None)]),
        (r"\cite{}", []),
        (r"\cite", []),
        (r"\citeauthor{Müller_2001:x-y}", [("Müller_2001:x-y", None)]),
    ],
)
def test_keys_pre_and_post_notes(text, expected):
    assert keys_and_locators(text) == expected


def test_multicite():
    text = r"\cites(All)(see)[see][p.~3]{a}[12]{b,c}{d} then \Textcites{e}{f} and \footcites{g}."
    assert keys_and_locators(text) == [
        ("a", "p. 3"), ("b", None), ("c", "12"), ("d", None), ("e", None), ("f", None), ("g", None),
    ]


def test_multicite_commands_are_known():
    assert {"cites", "parencites", "textcites", "autocites", "footcites"} <= MULTICITE_COMMANDS


def test_nocite():
    text = "\\nocite{x, y}\n\\nocite{*}\n"
    assert citations(text) == [
        ("nocite", "x", "x", None, None),
        ("nocite", "y", "y", None, None),
        ("nocite", "*", "*", None, None),
    ]


def test_footnotes_are_numbered_markers_and_notes():
    text = (
        "One.\\footnote{First note, \\cite[5]{a}.} Two.\\footnote{Second\n  note\n\n  in two paragraphs.}\n"
        "Three.\\footnote[7]{Explicit.} Four.\\footnote{Fourth, after seven: number 3.}\n"
    )
    doc = document(text)
    assert [(m.label, m.number, m.text, m.style) for m in doc.markers] == [
        ("1", 1, r"\footnote", "latex"), ("2", 2, r"\footnote", "latex"),
        ("7", 7, r"\footnote", "latex"), ("3", 3, r"\footnote", "latex"),
    ]
    assert [(n.number, n.text) for n in doc.notes] == [
        (1, r"First note, \cite[5]{a}."),
        (2, "Second note in two paragraphs."),
        (7, "Explicit."),
        (3, "Fourth, after seven: number 3."),
    ]
    second = doc.notes[1]
    assert [text[p.start : p.end] for p in second.parts] == ["Second\n  note", "in two paragraphs."]
    assert all(n.span == m.span for n, m in zip(doc.notes, doc.markers))
    assert citations(text) == [("key", "a", "a", 1, "5")]


def test_footnotemark_and_footnotetext():
    text = r"A\footnotemark{} B\footnotemark[5] \footnotetext{For the first mark, \cite{k}.}"
    doc = document(text)
    assert [(m.number, m.text) for m in doc.markers] == [(1, r"\footnotemark"), (5, r"\footnotemark")]
    assert [(n.number, n.text) for n in doc.notes] == [(1, r"For the first mark, \cite{k}.")]
    assert citations(text) == [("key", "k", "k", 1, None)]


def test_citations_in_nested_groups_carry_the_note():
    text = r"\footnote{See \emph{\citet{a}} and {\bfseries \citep{b}}.} \section{On \cite{c}}"
    assert [(key, note) for _, key, _, note, _ in citations(text)] == [("a", 1), ("b", 1), ("c", None)]


def test_footcite_has_no_note_of_its_own():
    text = r"Text.\footcite[12]{a} More.\footnote{A note.}"
    doc = document(text)
    assert [m.number for m in doc.markers] == [1]
    assert citations(text) == [("key", "a", "a", None, "12")]


def test_empty_footnote_is_an_empty_note():
    doc = document(r"Text.\footnote{}")
    assert [(n.number, n.text) for n in doc.notes] == [(1, "")]


def test_comments_verbatim_and_listings_are_not_read():
    text = (
        "% \\cite{commented}\n"
        "50\\% \\cite{after_escaped_percent} and \\\\% \\cite{after_line_break}\n"
        "\\verb|\\cite{verb}| \\verb*+\\footnote{x}+\n"
        "\\begin{verbatim}\n\\cite{verbatim}\n\\end{verbatim}\n"
        "\\begin{lstlisting}\nif (x) { \\cite{listing}\n\\end{lstlisting}\n"
        "\\begin{minted}{python}\n\\footnote{minted}\n\\end{minted}\n"
        "\\cite{last}\n"
    )
    assert [key for _, key, _, _, _ in citations(text)] == ["after_escaped_percent", "last"]
    assert document(text).markers == ()


def test_a_comment_inside_a_note_is_outside_its_parts():
    """The sources after a comment in a note keep their place in the file (they were lost)."""
    text = (
        "Text.\\footnote{See Halvorsen, \\emph{Genoa}, 52; % a remark\n"
        "  and Lund, \\verb|x| \\emph{Commissariat} (Oslo: Norli, 1990), 19.}\n"
    )
    (note,) = document(text).notes
    assert note.text == "See Halvorsen, \\emph{Genoa}, 52; and Lund, \\emph{Commissariat} (Oslo: Norli, 1990), 19."
    assert _parts_hold_the_text(text, note)
    assert [text[p.start : p.end] for p in note.parts] == [
        "See Halvorsen, \\emph{Genoa}, 52;", "and Lund,", "\\emph{Commissariat} (Oslo: Norli, 1990), 19."
    ]


def test_unclosed_verbatim_runs_to_the_end():
    assert citations("\\cite{a}\n\\begin{verbatim}\n\\cite{b}\n") == [("key", "a", "a", None, None)]


def test_blank_unread_keeps_offsets_and_newlines():
    text = "a % b\n\\verb|x|\n\\begin{comment}\nz\n\\end{comment}\n"
    blanked = blank_unread(text)
    assert len(blanked) == len(text)
    assert [i for i, c in enumerate(blanked) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]
    assert blanked.split("\n")[0] == "a    "


def test_unbalanced_braces_do_not_raise():
    text = "Text \\cite{a} { unclosed \\footnote{note \\cite{b}\n\\end{document}\n"
    assert [key for _, key, _, _, _ in citations(text)] == ["a", "b"]


def test_deep_nesting_falls_back_to_a_scan():
    text = "{" * 5000 + "\\citep[p.~2]{a, b}" + "}" * 10 + " \\nocite{c} \\cites{d}{e}"
    assert citations(text) == [
        ("key", "a", "a", None, None),
        ("key", "b", "b", None, "p. 2"),
        ("nocite", "c", "c", None, None),
        ("key", "d", "d", None, None),
        ("key", "e", "e", None, None),
    ]


def test_crlf_input_keeps_offsets():
    text = decode("Line one\r\n\\cite{a}\\footnote{b \\cite{c}}\r\n".encode())[0]
    assert citations(text) == [("key", "a", "a", None, None), ("key", "c", "c", 1, None)]


def test_footnote_rules_are_silent_on_a_well_formed_file():
    text = "\\footnote{One.} \\footnote{Two.} \\footnotemark \\footnotetext{Three.} \\footnote{Four.}\n"
    assert footnote_codes(text) == set()


def test_an_explicit_number_that_repeats_one_is_reported():
    # \footnote[2] does not step the counter, so the next footnote prints 2 as well
    assert footnote_codes("\\footnote{One.} \\footnote[2]{Two.} \\footnote{Three.}\n") == {"CC104", "CC106"}


def test_each_chapter_sets_the_footnote_counter_back_as_the_book_class_does():
    text = (
        "Preface.\\footnote{Before any chapter.}\n"
        "\\chapter{One} A.\\footnote{1.} B.\\footnote{2.}\n"
        "\\chapter*{Interlude} C.\\footnote{3: a starred chapter steps nothing.}\n"
        "\\chapter[Short]{Two} D.\\footnote{1 again.}\n"
    )
    doc = document(text)
    assert [(m.chapter, m.number) for m in doc.markers] == [(0, 1), (1, 1), (1, 2), (1, 3), (2, 1)]
    assert [(n.chapter, n.number) for n in doc.notes] == [(0, 1), (1, 1), (1, 2), (1, 3), (2, 1)]
    assert footnote_codes(text) == set()


def test_footnote_counter_commands():
    text = (
        "\\chapter{One} A.\\footnote{1} \\addtocounter{footnote}{-1}B.\\footnote{1 again}\n"
        "\\setcounter{footnote}{ 9 }C.\\footnote{10} \\setcounter{page}{3}D.\\footnote{11}\n"
        "\\counterwithout{footnote}{chapter}\\chapter{Two} E.\\footnote{12, numbering runs on}\n"
        "\\counterwithin*{footnote}{chapter}\\chapter{Three} F.\\footnote{1}\n"
        "\\setcounter{footnote}{\\value{page}}G.\\footnote{2: a value we cannot know is ignored}\n"
    )
    doc = document(text)
    assert [(n.chapter, n.number, n.text) for n in doc.notes] == [
        (1, 1, "1"), (1, 1, "1 again"), (1, 10, "10"), (1, 11, "11"),
        (1, 12, "12, numbering runs on"), (2, 1, "1"), (2, 2, "2: a value we cannot know is ignored"),
    ]  # fmt: skip


def footnote_codes(text: str) -> set[str]:
    codes = {d.code for d in run_rules(Context.of(documents=(document(text),)), all_rules())}
    return {code for code in codes if code.startswith("CC1")}


# ---------------------------------------------------------------------------------------------
# Property: generated documents


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäéß", min_size=1, max_size=8)
KEY = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_:.\-/]{0,12}", fullmatch=True)
POST = st.one_of(
    st.none(),
    st.just(""),
    st.integers(1, 999).map(str),
    st.tuples(st.integers(1, 99), st.integers(100, 999)).map(lambda t: f"pp.~{t[0]}--{t[1]}"),
)
COMMAND = st.sampled_from(IN_TEXT_COMMANDS)
CITE = st.tuples(COMMAND, st.booleans(), st.one_of(st.none(), WORD), POST, st.lists(KEY, min_size=1, max_size=3))
DECOY = KEY.flatmap(
    lambda key: st.sampled_from(
        [
            f"% \\cite{{{key}}}\n",
            f"\\verb|\\cite{{{key}}}|",
            f"\\begin{{verbatim}}\n\\footnote{{\\cite{{{key}}}}}\n\\end{{verbatim}}\n",
        ]
    )
)


@dataclass
class Builder:
    parts: list[str] = field(default_factory=list)
    length: int = 0
    citations: list[tuple[str, int, int, int | None, str | None]] = field(default_factory=list)
    footnotes: list[tuple[int, int, str]] = field(default_factory=list)  # number, command offset, text

    def add(self, text: str) -> int:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start

    def cite(self, cite, note: int | None) -> None:
        command, star, pre, post, keys = cite
        self.add(f"\\{command}{'*' if star else ''}")
        if pre is not None:
            self.add(f"[{pre}][{post or ''}]")
        elif post is not None:
            self.add(f"[{post}]")
        self.add("{")
        locator = (post or "").replace("~", " ").replace("--", "–") or None
        for k, key in enumerate(keys):
            if k:
                self.add(", ")
            start = self.add(key)
            self.citations.append((key, start, start + len(key), note, locator if k == len(keys) - 1 else None))
        self.add("}")

    @property
    def text(self) -> str:
        return "".join(self.parts)


ITEM = st.one_of(WORD, WORD, CITE, st.tuples(st.just("decoy"), DECOY))
FOOTNOTE = st.tuples(st.just("footnote"), st.lists(st.one_of(WORD, WORD, CITE), min_size=1, max_size=5))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(ITEM, FOOTNOTE), min_size=1, max_size=15))
def test_generated_documents_are_read_exactly(items):
    builder = Builder()
    builder.add("\\documentclass{article}\n\\begin{document}\n")
    for item in items:
        if isinstance(item, str):
            builder.add(item)
        elif item[0] == "decoy":
            builder.add(item[1])
        elif item[0] == "footnote":
            number = len(builder.footnotes) + 1
            start = builder.add("\\footnote{")
            words = []
            for inner in item[1]:
                if isinstance(inner, str):
                    builder.add(inner)
                    words.append(inner)
                else:
                    before = builder.length
                    builder.cite(inner, number)
                    words.append(builder.text[before:])
                builder.add(" ")
            builder.add("}")
            builder.footnotes.append((number, start, " ".join(words)))
        else:
            builder.cite(item, None)
        builder.add(" ")
    builder.add("\n\\end{document}\n")
    doc = document(builder.text)
    assert [(c.key, c.span.start, c.span.end, c.note, c.locator) for c in doc.citations] == builder.citations
    assert all(c.kind == "key" and c.text == c.key for c in doc.citations)
    assert [(m.number, m.span.start) for m in doc.markers] == [(n, s) for n, s, _ in builder.footnotes]
    assert [(n.number, n.span.start, n.text) for n in doc.notes] == builder.footnotes
    assert all(_parts_hold_the_text(builder.text, note) for note in doc.notes)


def _parts_hold_the_text(text: str, note) -> bool:
    """The contract the note parser maps offsets by: the non-blank characters of a note's text
    are those of its parts, in order."""
    return "".join(note.text.split()) == "".join("".join(text[p.start : p.end].split()) for p in note.parts)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=300),
        st.lists(
            st.sampled_from(list("{}[]()$%\\~ \n,*ab") + [r"\cite", r"\footnote", r"\cites", r"\begin{", r"\end{",
                            r"\verb", "verbatim}", r"\footnotetext", r"\footnotemark", r"\nocite"]),
            max_size=60,
        ).map("".join),
    )
)
def test_any_text_is_read_without_raising(text):
    doc = document(text)
    for citation in doc.citations:
        assert citation.text and text[citation.span.start : citation.span.end] == citation.text
    for span in (*(m.span for m in doc.markers), *(n.span for n in doc.notes), *(p for n in doc.notes for p in n.parts)):
        assert 0 <= span.start <= span.end <= len(text)


def test_an_unclosed_optional_argument_is_blanked_for_the_walk():
    """walkable() blanks a ``[`` never closed, so the walker does not read the rest of the
    paragraph as an optional argument (a merge once shadowed the bracket pattern it needs)."""
    text = "a \\cite[see x \\footnote{y} b"
    walked = walkable(text)
    assert len(walked) == len(text)
    assert "[" not in walked and "\\footnote{" in walked


# --- citation commands the document defines --------------------------------------------------

WRAPPERS = r"""\documentclass{article}
\newcommand{\mycite}[1]{\citep{#1}}
\renewcommand*\othercite[2][]{\cite[#1]{#2}}
\def\inlinecite#1{(\citeauthor{#1}, \citeyear{#1})}
\long\def\footcitex#1{\footnote{\cite{#1}}}
\let\acite\cite
\NewDocumentCommand{\pcite}{om}{\parencite[#1]{#2}}
\newcommand{\wrapwrap}[1]{\mycite{#1}}
\newcommand{\notacite}[1]{\textbf{#1}}
\newcommand{\nocommand}{\cite{fixed2000}}
\begin{document}
A \mycite{a1}, \othercite[p.~4]{b2}, \inlinecite{c3}, \footcitex{d4}, \acite{e5},
\pcite[12]{f6}, \wrapwrap{g7}, \notacite{not8}.
\end{document}
"""


def test_wrappers_of_cite_are_citation_commands():
    assert keys_and_locators(WRAPPERS) == [
        ("a1", None), ("b2", "p. 4"), ("c3", None), ("d4", None), ("e5", None), ("f6", "12"), ("g7", None)
    ]
    assert document(WRAPPERS).cite_commands == {
        "mycite", "othercite", "inlinecite", "footcitex", "acite", "pcite", "wrapwrap"
    }


def test_a_definition_is_no_citation_and_no_note():
    """The body of a definition is not text: ``\\cite{#1}`` gives no key ``#1``, ``\\footnote{#1}`` no note."""
    found = document(WRAPPERS)
    assert not found.markers and not found.notes
    assert all("#" not in (c.key or "") for c in found.citations)


def test_macro_parameters_are_never_keys():
    """biblatex-style redefinitions in a package or preamble (the issue's ``\\def\\footcite##1``)."""
    text = (
        "\\makeatletter\n\\def\\setup{\\def\\footcite##1{\\footnote{\\cite{##1}}}}\n\\makeatother\n"
        "\\begin{document}\nA \\footcite{real1}. And \\cite{#1} stray.\n\\end{document}\n"
    )
    assert keys_and_locators(text) == [("real1", None)]


def test_commands_from_the_configuration_are_read_as_cite():
    text = "\\begin{document}\nSee \\inlinecite[p.~3]{k1} and \\cite{k2}.\n\\end{document}\n"
    assert [c.key for c in read(SourceFile("t.tex", text)).citations] == ["k2"]
    found = read_citing(SourceFile("t.tex", text), None, frozenset({"inlinecite"}))
    assert [(c.key, c.locator) for c in found.citations] == [("k1", "p. 3"), ("k2", None)]


def test_a_wrapper_of_the_cite_package_citen():
    """The SciPy 1.0 paper defines ``\\inlinecite`` as ``\\footnotesize\\citen{#1}`` (the cite
    package's \\citen): every key it cites was called unused until \\citen was a citation command."""
    text = "\\newcommand{\\inlinecite}[1]{\\footnotesize\\citen{#1}}\n\\begin{document}\nSee \\inlinecite{k1}.\n\\end{document}\n"
    assert keys_and_locators(text) == [("k1", None)]


# --- property: the files a document names, and the commands it defines ----------------------

NAME = st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
PATH = st.builds(lambda parts: "/".join(parts), st.lists(NAME, min_size=1, max_size=3))
INCLUSION = st.one_of(
    st.builds(lambda p: (rf"\input{{{p}}}", "text", p), PATH),
    st.builds(lambda p: (rf"\include{{{p}}}", "text", p), PATH),
    st.builds(lambda p: (rf"\subfile{{{p}}}", "text", p), PATH),
    st.builds(lambda d, f: (rf"\import{{{d}/}}{{{f}}}", "text", f"{d}/{f}"), PATH, NAME),
    st.builds(lambda p: (rf"\bibliography{{{p}}}", "bibliography", p), PATH),
    st.builds(lambda p: (rf"\addbibresource{{{p}.bib}}", "bibliography", f"{p}.bib"), PATH),
)
DECOY = st.sampled_from(["% \\input{commented}\n", "\\verb|\\input{verb}| ", "Plain text \\cite{k}. ", "\n\n"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(INCLUSION, DECOY), max_size=12))
def test_every_named_file_is_found_at_its_name(parts):
    text = "".join(part if isinstance(part, str) else part[0] + " " for part in parts)
    source = SourceFile("main.tex", text)
    found = [(i.kind, i.target, text[i.span.start : i.span.end]) for i in read(source).inclusions]
    expected = [(kind, target, target.rsplit("/", 1)[-1] if command.startswith("\\import") else target)
                for command, kind, target in (p for p in parts if not isinstance(p, str))]
    assert found == expected


@settings(max_examples=100, deadline=None)
@given(st.lists(NAME, min_size=1, max_size=6, unique=True), st.sampled_from(sorted(CITE_COMMANDS)))
def test_a_chain_of_wrappers_in_any_order_cites(names, base):
    """``\\w<n>`` calls ``\\w<n-1>``, the first calls a citation command; defined in reverse order."""
    commands = [f"wr{name}" for name in names]
    callees = [base, *commands[:-1]]
    definitions = "".join(rf"\newcommand{{\{name}}}[1]{{\{callee}{{#1}}}}" + "\n" for name, callee in zip(commands, callees))
    uses = "".join(rf"\{name}{{key{number}}} " for number, name in enumerate(commands))
    text = "".join(reversed(definitions.splitlines(keepends=True))) + uses
    assert [c.key for c in document(text).citations] == [f"key{number}" for number in range(len(commands))]


def test_a_name_tex_computes_is_not_followed():
    text = "\\newcommand{\\chap}[1]{\\input{chapters/#1}}\n\\input{\\chapterdir/intro}\n\\bibliography{\\jobname,refs}\n"
    assert [(i.kind, i.target) for i in read(SourceFile("t.tex", text)).inclusions] == [
        ("bibliography", "t"),  # \\jobname: the name of the file LaTeX runs on
        ("bibliography", "refs"),
    ]


def test_a_command_that_prints_its_argument_as_written_cites_nothing():
    """biblatex's 74-style-verbose-trad1.tex shows its example commands with such a \\code."""
    text = (
        "\\newcommand*{\\code}[1]{\\detokenize\\expandafter{\\string#1}}\n"
        "\\begin{document}\n\\code{\\cite{a1}} gives a verbose citation; so does \\detokenize{\\cite{b1}}.\n"
        "But \\cite{real} and \\textbf{\\cite{bold}} cite.\n\\end{document}\n"
    )
    assert keys_and_locators(text) == [("real", None), ("bold", None)]
