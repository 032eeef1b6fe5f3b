"""citecheck: find every gap between a manuscript's notes, citations and bibliography."""

__version__ = "0.1.0"
