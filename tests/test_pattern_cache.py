"""The regex module's patterns kept compiled between runs (patterns.CompiledPatterns): a pattern
loaded from the cache matches as the compiled one does, a run reads the files of the patterns it
uses and no others, and a cache that cannot be read or written only costs the compiling."""

from __future__ import annotations

import regex

from citecheck.patterns import CompiledPatterns, cache_folder

NAME = r"(?P<family>\p{Lu}\p{Ll}+),[ \t]+(?P<given>\p{Lu}\.)"
TEXT = "Tucker, R. and Ćwik, J. wrote; tucker, r. did not"


def _kept(folder):
    """The files of the patterns kept in the cache ``folder``: (its one subfolder, the files in it)."""
    (patterns,) = folder.iterdir()
    return patterns, sorted(patterns.iterdir())


def _matches(pattern) -> list[tuple[tuple[int, int], dict[str, str]]]:
    return [(found.span(), found.groupdict()) for found in pattern.finditer(TEXT)]


def test_a_pattern_kept_by_one_run_is_loaded_by_the_next(tmp_path):
    first = CompiledPatterns(tmp_path)
    compiled = first.pattern(regex, NAME, regex.IGNORECASE)
    first.save()
    folder, (kept,) = _kept(tmp_path)
    assert regex.__version__ in folder.name
    loaded = CompiledPatterns(tmp_path).pattern(regex, NAME, regex.IGNORECASE)
    assert loaded is not compiled
    assert (loaded.pattern, loaded.flags) == (compiled.pattern, compiled.flags)
    assert _matches(loaded) == _matches(compiled) == _matches(regex.compile(NAME, regex.IGNORECASE))
    assert len(_matches(loaded)) == 3


def test_the_flags_are_part_of_the_key(tmp_path):
    first = CompiledPatterns(tmp_path)
    first.pattern(regex, NAME, regex.IGNORECASE)
    first.save()
    assert len(_matches(CompiledPatterns(tmp_path).pattern(regex, NAME, 0))) == 2


def test_runs_keep_each_others_patterns(tmp_path):
    one, other = CompiledPatterns(tmp_path), CompiledPatterns(tmp_path)
    one.pattern(regex, r"\p{Lu}", 0)
    other.pattern(regex, r"\p{Ll}", 0)
    one.save()
    other.save()
    assert len(_kept(tmp_path)[1]) == 2
    both = CompiledPatterns(tmp_path)
    assert both.pattern(regex, r"\p{Lu}", 0).findall("aB") == ["B"]
    assert both.pattern(regex, r"\p{Ll}", 0).findall("aB") == ["a"]
    assert not both._added  # both loaded, neither compiled


def test_a_run_reads_only_the_patterns_it_uses(tmp_path, monkeypatch):
    """A pattern kept by another run is not read by one that does not use it (one file of every
    pattern ever kept grew to 61 MB and took 0.2 s of every start)."""
    other = CompiledPatterns(tmp_path)
    other.pattern(regex, r"\p{Ll}", 0)
    other.save()
    one = CompiledPatterns(tmp_path)
    one.pattern(regex, NAME, 0)
    one.save()
    read = []
    reading = CompiledPatterns._read
    monkeypatch.setattr(CompiledPatterns, "_read", lambda self, path: read.append(path) or reading(self, path))
    again = CompiledPatterns(tmp_path)
    assert len(_matches(again.pattern(regex, NAME, 0))) == 2
    assert not again._added and len(read) == 1 and read[0] in one._added


def test_a_file_holding_another_pattern_is_compiled(tmp_path):
    """Two patterns of the same hash: the one the file does not hold is compiled, not taken for the other."""
    first = CompiledPatterns(tmp_path)
    first.pattern(regex, NAME, 0)
    first.save()
    other = CompiledPatterns(tmp_path)
    (path,) = first._added
    other._file = lambda module, pattern, flags: path  # every pattern hashed to the first one's file
    assert other.pattern(regex, r"\p{Lu}", 0).findall("aB") == ["B"]
    assert other._added


def test_a_damaged_cache_is_compiled_anew_and_rewritten(tmp_path):
    first = CompiledPatterns(tmp_path)
    first.pattern(regex, NAME, 0)
    first.save()
    _, (kept,) = _kept(tmp_path)
    kept.write_bytes(b"not a pickle")
    again = CompiledPatterns(tmp_path)
    assert len(_matches(again.pattern(regex, NAME, 0))) == 2
    assert again._added
    again.save()
    loaded = CompiledPatterns(tmp_path)
    assert len(_matches(loaded.pattern(regex, NAME, 0))) == 2
    assert not loaded._added


def test_no_folder_or_one_not_writable_only_compiles(tmp_path):
    assert len(_matches(CompiledPatterns(None).pattern(regex, NAME, 0))) == 2
    blocked = tmp_path / "file"
    blocked.write_text("")
    unwritable = CompiledPatterns(blocked / "cache")  # a folder under a file cannot be made
    assert len(_matches(unwritable.pattern(regex, NAME, 0))) == 2
    unwritable.save()
    assert not (blocked / "cache").exists()


def test_the_cache_folder_is_named_by_the_environment_and_always_absolute(tmp_path):
    assert cache_folder({"CITECHECK_CACHE_DIR": str(tmp_path)}) == tmp_path
    assert cache_folder({"CITECHECK_CACHE_DIR": "", "XDG_CACHE_HOME": str(tmp_path)}) is None
    assert cache_folder({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "citecheck"
    assert cache_folder({"CITECHECK_CACHE_DIR": "relative/folder"}) is None
    assert cache_folder({"XDG_CACHE_HOME": "relative"}) is None


def test_a_cache_others_may_write_is_not_loaded(tmp_path):
    """A pickle runs code when loaded: a file or folder writable by group or others is ignored
    (the patterns are compiled as without a cache)."""
    tmp_path.chmod(0o700)
    first = CompiledPatterns(tmp_path)
    first.pattern(regex, NAME, 0)
    first.save()
    folder, (kept,) = _kept(tmp_path)

    def loaded() -> bool:
        again = CompiledPatterns(tmp_path)
        again.pattern(regex, NAME, 0)
        return not again._added

    kept.chmod(0o600)
    assert loaded()
    kept.chmod(0o666)
    assert not loaded()
    kept.chmod(0o600)
    for place in (folder, tmp_path):
        place.chmod(0o777)
        assert not loaded()
        place.chmod(0o700)
    assert loaded()
