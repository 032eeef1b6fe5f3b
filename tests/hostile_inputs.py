"""Hostile inputs: text built to make a reader or the bib splitter slow, at a chosen size.

Each maker takes a size in characters and returns text of about that size made of one repeated
pattern. The patterns are those a denial-of-service report names (issue 13) and their relatives:
groups and arguments never closed, block starts that never make a block, one endless line. They
are used by the growth tests (tests/test_linear_time.py) and the benchmark (bench/hostile.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable


def repeat(unit: str) -> Callable[[int], str]:
    """A maker that repeats ``unit`` up to ``size`` characters."""

    def make(size: int) -> str:
        return unit * max(1, size // len(unit))

    return make


def line_of(char: str, prefix: str = "", suffix: str = "\n") -> Callable[[int], str]:
    """A maker for one line of ``size`` copies of ``char``."""
    return lambda size: prefix + char * size + suffix


def paragraphs(unit: str, every: int = 8) -> Callable[[int], str]:
    """``unit`` repeated, with a blank line after every ``every`` copies (closing groups there helps)."""
    block = unit * every + "\n\n"
    return repeat(block)


LATEX: dict[str, Callable[[int], str]] = {
    "unclosed two-argument macros": repeat(r"\frac{a \textcolor{red \setcounter{x "),
    "unclosed footnotes": repeat(r"\footnote{note "),
    "unclosed optional arguments": repeat(r"\cite[see "),
    "unclosed environments": repeat(r"\begin{quote} text "),
    "unclosed math": repeat(r"$x \( y \[ z "),
    "unclosed macros in paragraphs": paragraphs(r"\frac{a \textcolor{red "),
    "stray closing braces": repeat(r"} text ] \end{quote} "),
    "deep nesting": lambda size: "{" * (size // 2) + "}" * (size // 2),
    "one line of digits": line_of("1"),
    "one paragraph of short lines": repeat("plain words of a line\n"),
    "footnotes and citations": repeat(r"Text.\footnote{See \cite[p.~3]{key}.} More \citep{a,b}. "),
    "chained cite wrappers": lambda size: "".join(
        rf"\newcommand{{\w{_letters(n + 1)}}}[1]{{\w{_letters(n)}{{#1}}}}" for n in range(size // 40)
    ) + r"\newcommand{\wa}[1]{\cite{#1}}",
    "unclosed filecontents": repeat("\\begin{filecontents}{a.bib}\n@book{x,\n"),
    "filecontents headers inside one": lambda size: "\\begin{filecontents}{a.bib}\n"
    + "\\begin{filecontents*}{b.bib}\n" * (size // 30) + "\\end{filecontents}\n",
    "inclusions": repeat(r"\input{a} \include{b} \subimport{c/}{d} \bibliography{e,f} \addbibresource{g.bib} "),
}


def _letters(number: int) -> str:
    """``number`` written in letters (a, b, ..., z, ba, ...): LaTeX command names have no digits."""
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters = chr(ord("a") + digit) + letters
        if number == 0:
            return letters

HTML: dict[str, Callable[[int], str]] = {
    "start tags never ended": repeat("<a "),
    "comments never ended": repeat("<!--x> "),
    "character data never ended": repeat("<![CDATA[x> "),
    "references with no note": repeat('<sup><a href="#fn">1</a></sup> x '),
    "notes with no reference": repeat('<li id="fn"><p>1. A note.</p>'),
    "unreferenced notes beside one": lambda size: '<p><sup><a href="#n">1</a></sup></p><div><p id="n">1. x</p>'
    + "<p>2. y</p>" * (size // 11) + "</div>",
    # each item counted the items of its list for its number
    "a notes list of unnumbered items": lambda size: '<section class="footnotes"><ol>' + repeat("<li>x</li>")(size),
    # each link read the whole block it leads to, and the links in it
    "links into one block of links": lambda size: repeat("<a href=#n>1</a>")(size // 2) + "<p id=n>" + repeat("<a>")(size // 2),
    "restarts at 1 across headings": repeat('<h2>C</h2><p><sup><a href="#x">1</a></sup></p>'),
    "nested blocks": repeat("<div><p>"),
    # each end tag looked for its start among all the open tags
    "end tags nothing opened": lambda size: "<b>" * (size // 6) + "</i>" * (size // 8),
    "footnotes": repeat('<p>Text.<sup id="r1"><a href="#fn1">1</a></sup> More.</p>\n'
                        '<section class="footnotes"><ol><li id="fn1"><p>A note.</p></li></ol></section>\n'),
}

RST: dict[str, Callable[[int], str]] = {
    "footnote references": paragraphs("word [1]_ "),
    "footnotes": repeat(".. [1] A footnote.\n"),
    "automatic footnotes": lambda size: "[#]_ " * (size // 10) + "\n\n" + ".. [#] x\n" * (size // 10),
    "citation roles": paragraphs(":cite:p:`key` "),
    "brackets never ended": paragraphs("[[1 "),
    "directives never ended": repeat(".. versionadded:: 1\n   "),
    "footnotes and citations": repeat("Text [1]_ more :cite:p:`key`.\n\n.. [1] A note.\n\n"),
}

MARKDOWN: dict[str, Callable[[int], str]] = {
    "front matter bibliographies": lambda size: "---\nbibliography:\n" + "  - a.bib\n" * (size // 10) + "---\n",
    "include shortcodes": repeat("{{< include _a.qmd >}}\n"),
    "write_bib calls never closed": repeat("knitr::write_bib(c('a', "),
    "footnote reference starts": repeat("[^"),
    "footnote starts with labels": repeat("[^a "),
    "inline note starts": repeat("^["),
    "link starts": repeat("[a"),
    "image starts": repeat("![a"),
    "backticks": repeat("`` ` "),
    "emphasis": repeat("*a _b "),
    "html starts": repeat("<a "),
    "definitions": repeat("[^1]: x\n"),
    "nested quotes": lambda size: ">" * size + " [^1]\n",
    "one line of digits": line_of("1"),
    # markdown-it costs 15 to 40 µs a block, whatever the block: many short blocks
    "one-letter paragraphs": repeat("a\n\n"),
    "short list items": repeat("- a\n"),
    "nested list items": repeat("- a\n  - b\n"),
    "headings": repeat("# a\n"),
    "quotations": repeat("> a\n\n"),
    "code spans": repeat("`a`\n\n"),
    "blank lines": repeat("\n"),
    "fences": repeat("```\na\n```\n"),
    "html comments": repeat("<!-- a -->\n\n"),
    "link reference definitions": repeat("[a]: /u\n"),
    # ... and each with something the reader reads
    "a reference a paragraph": repeat("[^1]\n\n"),
    "a key a paragraph": repeat("@a\n\n"),
    "an inline note a paragraph": repeat("^[a]\n\n"),
    "references in list items": repeat("- [^1]\n"),
    "references in quotations": repeat("> [^1]\n\n"),
    "references in headings": repeat("# [^1]\n"),
    "footnotes and citations": repeat("Text.[^1] More [@key, p. 3].\n\n[^1]: A note.\n\n"),
    # each note cites an author no note cited before (the known surnames grow with the notes)
    "notes citing new authors": lambda size: "".join(
        f"[^{n}]: John {_letters(n).capitalize()}son, *A History of Things* (London: Macmillan, 1990), 3.\n"
        for n in range(1, size // 80 + 2)
    ),
    # one note of commentary, a number then names between commas: each comma hands the rest over to
    # what may be a source, and each rest was scanned for a sign of one (quadratic: 24 KB took 4.8 s)
    "a long note of names between commas": lambda size: "Text.[^1]\n\n[^1]: 1" + ", Bb" * (size // 4) + ".\n",
    # each note declares an alias of its own (the declared aliases grow with the notes)
    "notes declaring aliases": lambda size: "".join(
        f"[^{n}]: John {_letters(n).capitalize()}son, *A History* (London: Macmillan, 1990), 3 (hereafter cited as {_letters(n).capitalize()}H).\n"
        for n in range(1, size // 110 + 2)
    ),
}

PLAINTEXT: dict[str, Callable[[int], str]] = {
    "one line of superscripts": line_of("¹", prefix="word"),
    "one line of digits": line_of("1", prefix="word"),
    "glued markers": repeat("word.1 "),
    "numbered lines": repeat("1. x\n"),
    "unclosed gutenberg notes": repeat("[Footnote 1: "),
    "caret markers": repeat("^{1"),
    "notes heading and numbers": lambda size: "Notes\n\n" + "1. " * (size // 3),
    "one line of dashes between names": repeat("Kerr — a "),  # an epigraph's dash is looked for at each
    "lettered notes": repeat("[A] Text of a note.\n\n"),  # each looked back a chapter for its marker
    "symbol notes": repeat("(*) Text of a note.\n\n"),
    "page labels in braces": repeat("{12a} Text of a note.\n"),
}

# Prose that the names-in-prose stage reads closely: parentheses, possessives, scholars' verbs. A
# parenthesis with no comma anywhere after it made regex look for the comma of "(Law), you" to the
# text's end at every one (quadratic: a megabyte of "(*) text" notes took 8 s).
PROSE: dict[str, Callable[[int], str]] = {
    "parentheses with no comma after": repeat("(*) Text of a note.\n\n"),
    "names alone in parentheses": repeat("It was so (Ames). "),
    "possessives and verbs": repeat("Ames's book argues that "),
}

BIB: dict[str, Callable[[int], str]] = {
    "block starts": repeat("@{"),
    "entry starts": repeat("@article{"),
    "round entries on one line": repeat("@misc(a, title = x) "),
    "unclosed quotes on one line": repeat('@misc{a, title = "x { y"} '),
    "unclosed values on one line": repeat("@misc{a, title = {x "),
    "string starts": repeat("@string{"),
    "comment starts": repeat("@comment{"),
    "opening braces": repeat("{"),
    "deep braces": lambda size: "@misc{a, title = " + "{" * (size // 2) + "}" * (size // 2) + "}\n",
    "entries": repeat("@article{k, title = {A {B} title}, year = 2001}\n"),
}


# The body of a Word document (WordprocessingML paragraphs), read by tests/test_docx_reader.py.
_REFERENCE = '<w:r><w:footnoteReference w:id="1"/></w:r>'
DOCX: dict[str, Callable[[int], str]] = {
    "fields begun and never ended": lambda size: "<w:p>" + repeat(
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>ADDIN ZOTERO_ITEM {</w:instrText></w:r>'
        "<w:r><w:t>shown? </w:t></w:r>"
    )(size) + "</w:p>",
    "fields ended and never begun": lambda size: "<w:p>" + repeat(
        '<w:r><w:fldChar w:fldCharType="separate"/><w:t>a</w:t><w:fldChar w:fldCharType="end"/></w:r>'
    )(size) + "</w:p>",
    "one paragraph of many runs": lambda size: "<w:p>" + repeat("<w:r><w:t>word </w:t></w:r>")(size) + "</w:p>",
    "references to one note": lambda size: "<w:p>" + repeat(_REFERENCE)(size) + "</w:p>",
    "paragraphs with a note each": repeat(f"<w:p><w:r><w:t>Text.</w:t></w:r>{_REFERENCE}</w:p>"),
    "nested tables": lambda size: "<w:tbl><w:tr><w:tc>" * min(size // 40, 60) + "<w:p/>"
    + "</w:tc></w:tr></w:tbl>" * min(size // 40, 60) + repeat("<w:p><w:r><w:t>x</w:t></w:r></w:p>")(size),
}


def cpu_seconds(work: Callable[[], object], repeats: int = 3) -> float:
    """The least CPU time (``time.process_time``) of ``repeats`` runs of ``work``."""
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best
