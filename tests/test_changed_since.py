"""`citecheck run --changed-since REF` on a git repository made by the test."""

from __future__ import annotations

import json

from test_baseline import MANUSCRIPT, commit, git, invoke, needs_git, repo  # noqa: F401  (repo is a fixture)

from citecheck.changes import FileChanges, parse_diff

pytestmark = needs_git


def run_json(*args: str):
    result = invoke("run", "--output-dir", "", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return [f"{d['code']}@{d['line']}" for d in json.loads(result.stdout)["diagnostics"]], result


def test_parse_diff_hunks():
    diff = (
        "diff --git a/ch1.md b/ch1.md\n--- a/ch1.md\n+++ b/ch1.md\n"
        "@@ -3 +3 @@ First\n-old\n+new\n"
        "@@ -7,2 +6,0 @@\n-gone\n-gone too\n"
        "@@ -10,0 +11,3 @@\n+a\n+b\n+c\n"
    )
    changes = parse_diff(diff)
    assert changes == FileChanges(frozenset({3, 11, 12, 13}), frozenset({6}))
    assert changes.touches(6, 7) and changes.touches(7, 9) is False
    assert FileChanges(deletions=frozenset({0})).touches(1, 2)  # deleted at the very top


def test_only_findings_on_changed_lines(repo):
    (repo / "ch1.md").write_text(MANUSCRIPT)
    commit(repo, "manuscript")
    assert run_json("ch1.md")[0] == ["CC101@5"]
    nothing, result = run_json("ch1.md", "--changed-since", "HEAD")
    assert nothing == [] and result.exit_code == 0
    assert "1 on lines not changed since HEAD" in result.stderr

    # Lines move (blank lines above) and a new problem appears on line 11.
    (repo / "ch1.md").write_text(("\n\n\n\n" + MANUSCRIPT).replace("without notes.", "without notes.[^9]"))
    assert run_json("ch1.md")[0] == ["CC101@9", "CC101@11", "CC103@11"]
    assert run_json("ch1.md", "--changed-since", "HEAD")[0] == ["CC101@11", "CC103@11"]
    text = invoke("run", "ch1.md", "--output-dir", "", "--changed-since", "HEAD")
    assert text.stdout.endswith("1 on lines not changed since HEAD\n")  # under the summary line

    # Committed: nothing changed since HEAD any more, but since the first commit it has.
    commit(repo)
    assert run_json("ch1.md", "--changed-since", "HEAD")[0] == []
    assert run_json("ch1.md", "--changed-since", "HEAD~1")[0] == ["CC101@11", "CC103@11"]


def test_deleting_a_note_makes_its_markers_cc101_appear(repo):
    (repo / "ch1.md").write_text(MANUSCRIPT)
    commit(repo, "manuscript")
    # Deleting a line of prose elsewhere keeps the old CC101 of marker 3 hidden.
    (repo / "ch1.md").write_text(MANUSCRIPT.replace("Plain prose without notes.\n\n", ""))
    assert run_json("ch1.md", "--changed-since", "HEAD")[0] == []
    # Deleting note 2: marker 2 (line 3, unchanged) is now dangling, and is shown.
    (repo / "ch1.md").write_text(MANUSCRIPT.replace("[^2]: Conquest, The Great Terror, 45.\n", ""))
    found, _ = run_json("ch1.md", "--changed-since", "HEAD")
    assert "CC101@3" in found
    assert run_json("ch1.md")[0] == ["CC101@3", "CC101@5"]


def test_deleting_a_marker_makes_its_notes_cc102_appear(repo):
    (repo / "ch1.md").write_text(MANUSCRIPT + "\nLater prose.\n")
    commit(repo, "manuscript")
    (repo / "ch1.md").write_text((MANUSCRIPT + "\nLater prose.\n").replace(" Second claim.[^2]", ""))
    found, _ = run_json("ch1.md", "--changed-since", "HEAD")
    assert "CC102@10" in found  # note 2 lost its marker on line 3 (a changed line, not the note's)


def test_untracked_files_count_as_wholly_changed(repo):
    (repo / "ch1.md").write_text(MANUSCRIPT)
    commit(repo, "manuscript")
    (repo / "ch2.md").write_text(MANUSCRIPT)
    found, _ = run_json("ch1.md", "ch2.md", "--changed-since", "HEAD")
    assert found == ["CC101@5"]
    result = invoke("run", "ch1.md", "ch2.md", "--output-dir", "", "--changed-since", "HEAD")
    assert "ch2.md:5:" in result.stdout and "ch1.md:5:" not in result.stdout


def test_not_a_repository_or_unknown_ref_exits_2(repo, tmp_path, monkeypatch):
    (repo / "ch1.md").write_text(MANUSCRIPT)
    commit(repo, "manuscript")
    unknown = invoke("run", "ch1.md", "--changed-since", "no-such-branch")
    assert unknown.exit_code == 2
    assert "--changed-since: unknown git ref 'no-such-branch'" in unknown.stderr
    option = invoke("run", "ch1.md", "--changed-since", "--output=x")
    assert option.exit_code == 2 and "unknown git ref" in option.stderr

    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "ch1.md").write_text(MANUSCRIPT)
    monkeypatch.chdir(plain)
    outside = invoke("run", "ch1.md", "--changed-since", "HEAD")
    assert outside.exit_code == 2
    assert "is not in a git repository" in outside.stderr


def test_changed_since_with_baseline(repo):
    """The baseline applies first (its fingerprints count over every finding), then the changed lines."""
    (repo / "ch1.md").write_text(MANUSCRIPT)
    commit(repo, "manuscript")
    assert invoke("baseline", "ch1.md").exit_code == 0
    (repo / "ch1.md").write_text(MANUSCRIPT.replace("without notes.", "without notes.[^9]"))
    result = invoke("run", "ch1.md", "--output-dir", "", "--baseline", "citecheck-baseline.json", "--changed-since", "HEAD")
    assert result.exit_code == 1
    assert result.stdout.endswith("1 hidden by the baseline citecheck-baseline.json, 0 on lines not changed since HEAD\n")
    assert git(repo, "status", "--porcelain").strip()  # the test really changed the tree


def test_a_changed_word_document_counts_as_wholly_changed(repo):
    """git shows no lines of a .docx: when it changed, every finding in it is kept."""
    from docx_support import build_docx, footnote_reference, paragraph, text

    (repo / "ch1.docx").write_bytes(build_docx([paragraph(text("One."), footnote_reference(1))], {1: [paragraph(text(" "))]}))
    commit(repo, "a chapter in Word")
    assert run_json("ch1.docx")[0] == ["CC107@3"]
    assert run_json("ch1.docx", "--changed-since", "HEAD")[0] == []
    (repo / "ch1.docx").write_bytes(build_docx([paragraph(text("One, changed."), footnote_reference(1))], {1: [paragraph(text(" "))]}))
    assert run_json("ch1.docx", "--changed-since", "HEAD")[0] == ["CC107@3"]
