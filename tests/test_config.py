"""config.py: [tool.citecheck] from the nearest pyproject.toml, merged with flags; errors with lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.config import ConfigError, Settings, find_config, load_settings, parse_codes


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_config(tmp_path):
    settings = load_settings(cwd=tmp_path)
    assert settings.config_file is None
    assert settings.root == tmp_path
    assert settings.sources == ()
    assert settings.bib is None
    assert settings.output_dir == tmp_path / "reports"
    assert settings.fail_on == "error"
    assert settings.select == ("CC",)
    assert settings.ignore == ()
    assert settings.per_file_ignores == ()
    assert settings.notes_files == ()
    assert settings.format == "text"
    assert settings.mentions == "auto"


def test_mentions_setting_is_read(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.citecheck]\nmentions = "on"\n')
    assert load_settings(cwd=tmp_path).mentions == "on"


def test_mentions_per_file(tmp_path):
    """A project whose essays cite by naming scholars and whose other files cite by key (this
    repository: its examples beside biblatex's example documents under bench/)."""
    write(tmp_path / "pyproject.toml", '[tool.citecheck]\nmentions = { "essays/*" = "on", "draft.md" = "off" }\n')
    settings = load_settings(cwd=tmp_path)
    assert settings.mentions_for(["essays/one.txt"]) == "on"
    assert settings.mentions_for(["draft.md"]) == "off"
    assert settings.mentions_for(["bench/50-style-authoryear.tex"]) == "auto"
    write(tmp_path / "pyproject.toml", '[tool.citecheck]\nmentions = { "essays/*" = "always" }\n')
    with pytest.raises(ConfigError, match="'mentions' entry 'essays/\\*' must be one of auto, on, off, not 'always'"):
        load_settings(cwd=tmp_path)


def test_settings_are_frozen(tmp_path):
    settings = load_settings(cwd=tmp_path)
    with pytest.raises(AttributeError):
        settings.fail_on = "never"  # type: ignore[misc]


FULL = """\
[project]
name = "book"

[tool.citecheck]
sources = ["chapters/*.txt", "essay.md"]
bib = "refs/book.bib"
output-dir = "out"
fail-on = "warning"
select = ["CC1", "cc0"]
ignore = ["CC108"]
format = "json"

[tool.citecheck.per-file-ignores]
"chapters/draft-*.txt" = ["CC1"]

[tool.citecheck.notes-files]
"chapters/ch3.txt" = "chapters/notes-ch3.txt"
"""


def test_every_key_is_read_and_paths_are_relative_to_the_project_root(tmp_path):
    config = write(tmp_path / "pyproject.toml", FULL)
    below = tmp_path / "chapters" / "deep"
    below.mkdir(parents=True)
    settings = load_settings(cwd=below)
    assert settings.config_file == config
    assert settings.root == tmp_path
    assert settings.sources == ("chapters/*.txt", "essay.md")
    assert settings.bib == tmp_path / "refs" / "book.bib"
    assert settings.output_dir == tmp_path / "out"
    assert settings.fail_on == "warning"
    assert settings.select == ("CC1", "CC0")
    assert settings.ignore == ("CC108",)
    assert settings.format == "json"
    assert settings.per_file_ignores == (("chapters/draft-*.txt", ("CC1",)),)
    chapter = (tmp_path / "chapters" / "ch3.txt").resolve()
    assert settings.notes_file_for(chapter) == (tmp_path / "chapters" / "notes-ch3.txt").resolve()
    assert settings.notes_file_for(tmp_path / "other.txt") is None
    assert settings.selection.selected("CC101")
    assert not settings.selection.selected("CC108")
    assert settings.selection.selected("CC001")


def test_flags_win_and_are_relative_to_the_working_folder(tmp_path):
    write(tmp_path / "pyproject.toml", FULL)
    cwd = tmp_path / "sub"
    cwd.mkdir()
    settings = load_settings(
        cwd=cwd,
        bib="mine.bib",
        output_dir="here",
        fail_on="never",
        select="CC105, cc0",
        ignore="",
        format="text",
    )
    assert settings.bib == cwd / "mine.bib"
    assert settings.output_dir == cwd / "here"
    assert settings.fail_on == "never"
    assert settings.select == ("CC105", "CC0")
    assert settings.ignore == ()
    assert settings.format == "text"
    assert settings.sources == ("chapters/*.txt", "essay.md")  # not overridden


def test_empty_output_dir_means_no_report_files(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.citecheck]\noutput-dir = ""\n')
    assert load_settings(cwd=tmp_path).output_dir is None
    write(tmp_path / "pyproject.toml", '[tool.citecheck]\noutput-dir = "r"\n')
    assert load_settings(cwd=tmp_path, output_dir="").output_dir is None


def test_the_nearest_pyproject_with_a_citecheck_table_is_used(tmp_path):
    outer = write(tmp_path / "pyproject.toml", '[tool.citecheck]\nfail-on = "never"\n')
    write(tmp_path / "pkg" / "pyproject.toml", '[project]\nname = "pkg"\n')  # no table: skipped
    inner = tmp_path / "pkg" / "src"
    inner.mkdir()
    assert find_config(inner) == outer
    assert load_settings(cwd=inner).fail_on == "never"
    nearer = write(tmp_path / "pkg" / "pyproject.toml", '[tool.citecheck]\nfail-on = "warning"\n')
    assert find_config(inner) == nearer
    assert load_settings(cwd=inner).fail_on == "warning"


def test_config_option_overrides_the_search(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.citecheck]\nfail-on = "never"\n')
    other = write(tmp_path / "conf" / "citecheck.toml", 'fail-on = "warning"\nbib = "x.bib"\n')
    settings = load_settings("conf/citecheck.toml", cwd=tmp_path)
    assert settings.config_file == other
    assert settings.root == other.parent
    assert settings.fail_on == "warning"
    assert settings.bib == other.parent / "x.bib"


def test_config_option_pointing_at_a_pyproject(tmp_path):
    config = write(tmp_path / "elsewhere" / "pyproject.toml", '[tool.citecheck]\nselect = ["CC1"]\n')
    assert load_settings(config, cwd=tmp_path).select == ("CC1",)


def error_for(tmp_path: Path, text: str, **flags) -> ConfigError:
    write(tmp_path / "pyproject.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_settings(cwd=tmp_path, **flags)
    return caught.value


def test_unknown_key_names_file_line_and_suggests(tmp_path):
    error = error_for(tmp_path, '[project]\nname = "x"\n\n[tool.citecheck]\nsources = []\nsorces = ["a.txt"]\n')
    assert error.line == 6
    message = str(error)
    assert message.startswith("pyproject.toml:6: CC004 [config-error] ")
    assert "sorces" in message and "did you mean 'sources'" in message


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ('[tool.citecheck]\nsources = "a.txt"\n', 2, "'sources' must be a list of strings"),
        ('[tool.citecheck]\n\nsources = ["a.txt", 3]\n', 3, "3 is an integer"),
        ('[tool.citecheck]\nbib = 12\n', 2, "'bib' must be a string"),
        ('[tool.citecheck]\nfail-on = "fatal"\n', 2, "one of error, warning, never"),
        ('[tool.citecheck]\nformat = "xml"\n', 2, "'format' must be one of"),
        ('[tool.citecheck]\n\nmentions = "always"\n', 3, "'mentions' must be one of auto, on, off"),
        ('[tool.citecheck]\nselect = ["CC1", "XX9"]\n', 2, "unknown code 'XX9'"),
        ('[tool.citecheck]\nignore = ["CC9"]\n', 2, "unknown code 'CC9'"),
        ('[tool.citecheck]\nper-file-ignores = ["CC1"]\n', 2, "'per-file-ignores' must be a table"),
        ('[tool.citecheck.per-file-ignores]\n"a.txt" = ["CC1"]\n"b.txt" = ["ZZ"]\n', 3, "unknown code 'ZZ'"),
        ('[tool.citecheck.per-file-ignores]\n"b.txt" = "CC1"\n', 2, "entry 'b.txt' must be a list"),
        ('[tool.citecheck.notes-files]\n"ch.txt" = 3\n', 2, "must be a string"),
        ('[tool.citecheck.notes-files]\n"ch.md" = "notes.md"\n', 2, "only plain-text chapters"),
        ('[tool.citecheck.notes-files]\n"ch.odt" = "notes.txt"\n', 2, "no reader"),
        ('[tool]\ncitecheck = 3\n', 2, "must be a table"),
    ],
)
def test_wrong_values_name_the_line(tmp_path, text, line, fragment):
    error = error_for(tmp_path, text)
    assert error.line == line, str(error)
    assert fragment in str(error)
    assert str(error).startswith(f"pyproject.toml:{line}: CC004")


def test_bad_toml_gives_the_line_from_tomllib(tmp_path):
    error = error_for(tmp_path, '[tool.citecheck]\nsources = ["a.txt"\nbib = "x"\n')
    assert error.line is not None and error.line >= 2
    assert "invalid TOML" in str(error)
    assert str(error).startswith(f"pyproject.toml:{error.line}: CC004")


def test_config_file_not_utf8(tmp_path):
    (tmp_path / "pyproject.toml").write_bytes(b'[tool.citecheck]\n# caf\xe9\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(cwd=tmp_path)
    assert caught.value.line == 2
    assert "not UTF-8" in str(caught.value)


def test_missing_config_option_file(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load_settings("nope.toml", cwd=tmp_path)
    assert str(caught.value).startswith("nope.toml: CC004")
    assert "cannot read" in str(caught.value)


@pytest.mark.parametrize(
    ("flags", "where"),
    [
        ({"select": "CC1,XX"}, "--select"),
        ({"ignore": "CC7"}, "--ignore"),
        ({"fail_on": "sometimes"}, "--fail-on"),
        ({"format": "xml"}, "--format"),
    ],
)
def test_bad_flags(tmp_path, flags, where):
    with pytest.raises(ConfigError) as caught:
        load_settings(cwd=tmp_path, **flags)
    assert str(caught.value).startswith(f"{where}: CC004")


def test_parse_codes():
    assert parse_codes("cc1, CC203,,") == ("CC1", "CC203")
    assert parse_codes(["CC1", " cc1 "]) == ("CC1",)
    assert parse_codes("") == ()


def test_settings_constructed_directly_have_no_output_dir(tmp_path):
    settings = Settings(root=tmp_path)
    assert settings.output_dir is None
    assert settings.selection.selected("CC101")


def test_bib_takes_one_path_or_a_list(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.citecheck]\nbib = ["refs/a.bib", "b.bib"]\n')
    settings = load_settings(cwd=tmp_path)
    assert settings.bibs == (tmp_path / "refs" / "a.bib", tmp_path / "b.bib")
    assert settings.bib == tmp_path / "refs" / "a.bib"
    assert load_settings(cwd=tmp_path, bib=["x.bib", "y.bib", "x.bib"]).bibs == (tmp_path / "x.bib", tmp_path / "y.bib")
    assert load_settings(cwd=tmp_path, bib=[""]).bibs == ()


def test_bib_of_another_type_is_a_config_error_on_its_line(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.citecheck]\nfail-on = "error"\nbib = 3\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(cwd=tmp_path)
    assert caught.value.line == 3
    assert "'bib' must be a string or a list of strings, not an integer" in str(caught.value)


@pytest.mark.parametrize("name", ["citecheck.toml", ".citecheck.toml"])
def test_a_citecheck_toml_is_found_like_pyproject(tmp_path, name):
    write(tmp_path / "pyproject.toml", '[tool.citecheck]\nfail-on = "never"\n')
    dedicated = write(tmp_path / "book" / name, 'fail-on = "warning"\nbib = "book.bib"\n')
    inner = tmp_path / "book" / "chapters"
    inner.mkdir()
    assert find_config(inner) == dedicated
    settings = load_settings(cwd=inner)
    assert (settings.fail_on, settings.bib, settings.root) == ("warning", tmp_path / "book" / "book.bib", tmp_path / "book")


def test_an_unknown_key_in_citecheck_toml_names_that_file(tmp_path):
    write(tmp_path / "citecheck.toml", 'sorces = ["a.md"]\n')
    with pytest.raises(ConfigError, match=r"unknown key 'sorces' in citecheck.toml; did you mean 'sources'\?"):
        load_settings(cwd=tmp_path)


def test_cite_commands_are_command_names(tmp_path):
    write(tmp_path / "citecheck.toml", 'cite-commands = ["inlinecite", "\\\\mycite", "inlinecite"]\n')
    assert load_settings(cwd=tmp_path).cite_commands == ("inlinecite", "mycite")
    write(tmp_path / "citecheck.toml", 'mentions = "auto"\ncite-commands = ["my cite"]\n')
    with pytest.raises(ConfigError, match="'my cite' is not a LaTeX command name") as caught:
        load_settings(cwd=tmp_path)
    assert caught.value.line == 2
