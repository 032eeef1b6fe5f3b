"""The regex module's patterns kept compiled between runs (patterns.CompiledPatterns): a pattern
loaded from the cache matches as the compiled one does, and a cache that cannot be read or
written only costs the compiling."""

from __future__ import annotations

import regex

from citecheck.patterns import CompiledPatterns, cache_folder

NAME = r"(?P<family>\p{Lu}\p{Ll}+),[ \t]+(?P<given>\p{Lu}\.)"
TEXT = "Tucker, R. and Ćwik, J. wrote; tucker, r. did not"


def _matches(pattern) -> list[tuple[tuple[int, int], dict[str, str]]]:
    return [(found.span(), found.groupdict()) for found in pattern.finditer(TEXT)]


def test_a_pattern_kept_by_one_run_is_loaded_by_the_next(tmp_path):
    first = CompiledPatterns(tmp_path)
    compiled = first.pattern(regex, NAME, regex.IGNORECASE)
    first.save(regex)
    (kept,) = tmp_path.iterdir()
    assert regex.__version__ in kept.name
    loaded = CompiledPatterns(tmp_path).pattern(regex, NAME, regex.IGNORECASE)
    assert loaded is not compiled
    assert (loaded.pattern, loaded.flags) == (compiled.pattern, compiled.flags)
    assert _matches(loaded) == _matches(compiled) == _matches(regex.compile(NAME, regex.IGNORECASE))
    assert len(_matches(loaded)) == 3


def test_the_flags_are_part_of_the_key(tmp_path):
    first = CompiledPatterns(tmp_path)
    first.pattern(regex, NAME, regex.IGNORECASE)
    first.save(regex)
    assert len(_matches(CompiledPatterns(tmp_path).pattern(regex, NAME, 0))) == 2


def test_runs_keep_each_others_patterns(tmp_path):
    one, other = CompiledPatterns(tmp_path), CompiledPatterns(tmp_path)
    one.pattern(regex, r"\p{Lu}", 0)
    other.pattern(regex, r"\p{Ll}", 0)
    one.save(regex)
    other.save(regex)
    both = CompiledPatterns(tmp_path)
    assert both.pattern(regex, r"\p{Lu}", 0).findall("aB") == ["B"]
    assert both._kept is not None and set(both._kept) == {(r"\p{Lu}", 0), (r"\p{Ll}", 0)}


def test_a_damaged_cache_is_compiled_anew_and_rewritten(tmp_path):
    first = CompiledPatterns(tmp_path)
    first.pattern(regex, NAME, 0)
    first.save(regex)
    (kept,) = tmp_path.iterdir()
    kept.write_bytes(b"not a pickle")
    again = CompiledPatterns(tmp_path)
    assert len(_matches(again.pattern(regex, NAME, 0))) == 2
    again.save(regex)
    assert len(_matches(CompiledPatterns(tmp_path).pattern(regex, NAME, 0))) == 2
    assert CompiledPatterns(tmp_path)._read(regex)


def test_no_folder_or_one_not_writable_only_compiles(tmp_path):
    assert len(_matches(CompiledPatterns(None).pattern(regex, NAME, 0))) == 2
    blocked = tmp_path / "file"
    blocked.write_text("")
    unwritable = CompiledPatterns(blocked / "cache")  # a folder under a file cannot be made
    assert len(_matches(unwritable.pattern(regex, NAME, 0))) == 2
    unwritable.save(regex)
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
    first.save(regex)
    (kept,) = tmp_path.iterdir()
    kept.chmod(0o600)
    assert CompiledPatterns(tmp_path)._read(regex)
    kept.chmod(0o666)
    assert CompiledPatterns(tmp_path)._read(regex) == {}
    kept.chmod(0o600)
    tmp_path.chmod(0o777)
    assert CompiledPatterns(tmp_path)._read(regex) == {}
    tmp_path.chmod(0o700)
