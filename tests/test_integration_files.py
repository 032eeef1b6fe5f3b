"""The CI integration files: .github/workflows/*.yml, action.yml and .pre-commit-hooks.yaml.

Offline, always: check-jsonschema validates the workflows and action.yml against the GitHub
schemas it vendors, and zizmor (settings in zizmor.yml) audits them for security problems; both
come with the test extra.

actionlint validates the workflows and, through a workflow that uses ``./``, the inputs of the
composite action. The actionlint binary is looked for in ``$ACTIONLINT``, beside the running
Python (a virtual environment's bin/) and on ``PATH``; without one that runs, those tests skip
(they fail instead when ``CITECHECK_REQUIRE_ACTIONLINT`` is set, as in the GitHub workflow).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from importlib.metadata import distribution
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
ACTION = ROOT / "action.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
EXAMPLES = ["examples/essay.txt", "examples/chapter.md"]


def _actionlint() -> str | None:
    candidates = [os.environ.get("ACTIONLINT", "")]
    candidates.append(shutil.which("actionlint", path=str(Path(sys.executable).parent)) or "")
    candidates.append(shutil.which("actionlint") or "")
    for candidate in filter(None, candidates):
        try:
            subprocess.run([candidate, "-version"], capture_output=True, check=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            continue
        return candidate
    return None


@pytest.fixture(scope="module")
def actionlint() -> str:
    found = _actionlint()
    if found is None:
        if os.environ.get("CITECHECK_REQUIRE_ACTIONLINT"):
            pytest.fail("CITECHECK_REQUIRE_ACTIONLINT is set and no actionlint binary runs")
        pytest.skip("no runnable actionlint binary (set ACTIONLINT, or install one into the environment)")
    return found


def _lint(actionlint: str, project: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [actionlint, "-no-color", "-oneline", *(str(f) for f in files)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _project_with_action(tmp_path: Path, workflow: str) -> tuple[Path, Path]:
    """A folder actionlint takes for a repository: this action.yml at its root and one workflow."""
    (tmp_path / ".git").mkdir()
    shutil.copy(ACTION, tmp_path / "action.yml")
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    path = folder / "uses-action.yml"
    path.write_text(workflow, encoding="utf-8")
    return tmp_path, path


def _load(path: Path) -> object:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# --- actionlint --------------------------------------------------------------------------------


def test_there_are_workflows() -> None:
    assert WORKFLOWS, "no workflow in .github/workflows"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_passes_actionlint(actionlint: str, workflow: Path, tmp_path: Path) -> None:
    # Checked in a copy of the repository's layout, so that `uses: ./` finds action.yml even
    # where the tests run outside a git checkout.
    project, copy = _project_with_action(tmp_path, workflow.read_text(encoding="utf-8"))
    result = _lint(actionlint, project, copy)
    assert result.returncode == 0, result.stdout + result.stderr


ACTION_USE = """\
on: pull_request
jobs:
  citecheck:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      security-events: write
    steps:
      - uses: actions/checkout@v5
      - id: citecheck
        uses: ./
        with:
{inputs}
      - if: always()
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: ${{{{ steps.citecheck.outputs.sarif-file }}}}
"""


def test_action_inputs_pass_actionlint(actionlint: str, tmp_path: Path) -> None:
    inputs = "\n".join(
        f"          {name}: {value}"
        for name, value in {
            "paths": "chapters/",
            "bib": "references.bib",
            "fail-on": "warning",
            "format": "github",
            "output-dir": "citecheck-reports",
            "python-version": '"3.12"',
            "args": "--baseline citecheck-baseline.json",
        }.items()
    )
    project, workflow = _project_with_action(tmp_path, ACTION_USE.format(inputs=inputs))
    result = _lint(actionlint, project, workflow)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_rejects_an_unknown_input_of_the_action(actionlint: str, tmp_path: Path) -> None:
    project, workflow = _project_with_action(tmp_path, ACTION_USE.format(inputs="          no-such-input: x"))
    result = _lint(actionlint, project, workflow)
    assert result.returncode != 0
    assert "no-such-input" in result.stdout


# --- check-jsonschema and zizmor (offline) ----------------------------------------------------

ZIZMOR_CONFIG = ROOT / "zizmor.yml"


def _tool(name: str) -> str:
    """A console script of the test extra, beside the running Python (the virtual environment)."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    assert found, f"{name} is not installed: it is in the test extra (make setup)"
    return found


def _schema_check(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_tool("check-jsonschema"), "--builtin-schema", schema, *(str(f) for f in files)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def _zizmor(*files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_tool("zizmor"), "--offline", "--no-progress", "--config", str(ZIZMOR_CONFIG), *(str(f) for f in files)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_workflows_match_the_github_workflow_schema() -> None:
    result = _schema_check("vendor.github-workflows", *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_action_matches_the_github_action_schema() -> None:
    result = _schema_check("vendor.github-actions", ACTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_rejects_a_misspelt_key(tmp_path: Path) -> None:
    broken = tmp_path / "ci.yml"
    broken.write_text(WORKFLOWS[0].read_text(encoding="utf-8").replace("runs-on:", "run-on:", 1), encoding="utf-8")
    assert _schema_check("vendor.github-workflows", broken).returncode != 0


def test_zizmor_finds_nothing_in_the_workflows_and_the_action() -> None:
    result = _zizmor(*WORKFLOWS, ACTION)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("action", ["someone/some-action@v1", "actions/checkout@v5"])
def test_zizmor_reports_an_action_not_pinned_to_a_commit(tmp_path: Path, action: str) -> None:
    workflow = tmp_path / "ci.yml"
    workflow.write_text(
        "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
        f"      - uses: {action}\n",
        encoding="utf-8",
    )
    result = _zizmor(workflow)
    assert result.returncode != 0 and "unpinned-uses" in result.stdout, result.stdout + result.stderr


def test_every_action_is_pinned_to_a_commit_with_its_tag_in_a_comment() -> None:
    uses = [
        line.split("uses:", 1)[1].strip()
        for path in (*WORKFLOWS, ACTION)
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.lstrip(" -").startswith("uses:") and "uses: ./" not in line
    ]
    assert uses
    for use in uses:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*", use), use


# --- the workflows -----------------------------------------------------------------------------


def _ci() -> dict:
    data = _load(ROOT / ".github" / "workflows" / "ci.yml")
    assert isinstance(data, dict)
    return data


def test_ci_runs_on_pull_requests_and_pushes() -> None:
    data = _ci()
    triggers = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers and "push" in triggers


def test_ci_tests_every_supported_python() -> None:
    job = _ci()["jobs"]["test"]
    assert job["strategy"]["matrix"]["python-version"] == ["3.11", "3.12", "3.13"]
    assert any(step.get("run") == "make test" for step in job["steps"])


def test_ci_checks_the_example_and_publishes_the_reports() -> None:
    job = _ci()["jobs"]["citecheck"]
    assert job["permissions"]["security-events"] == "write"
    steps = job["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "citecheck run --format github" in runs
    assert 'reports/citecheck.md >> "$GITHUB_STEP_SUMMARY"' in runs
    (sarif,) = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert sarif["with"]["sarif_file"] == "reports/citecheck.sarif"
    assert sarif["if"].startswith("always()")
    (artifact,) = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert artifact["if"] == "always()" and artifact["with"]["path"] == "reports/"


# --- action.yml --------------------------------------------------------------------------------


def _action() -> dict:
    data = _load(ACTION)
    assert isinstance(data, dict)
    return data


def test_action_metadata() -> None:
    action = _action()
    assert action["name"] and action["description"]
    assert action["runs"]["using"] == "composite"
    inputs = action["inputs"]
    for name in ("paths", "bib", "fail-on", "format", "output-dir", "python-version", "version"):
        assert name in inputs and inputs[name].get("description"), name
    assert inputs["format"]["default"] == "github"
    assert inputs["output-dir"]["default"] == "citecheck-reports"
    assert inputs["python-version"]["default"] == "3.12"
    assert "sarif-file" in action["outputs"]


def test_action_steps() -> None:
    steps = _action()["runs"]["steps"]
    assert steps[0]["uses"].startswith("actions/setup-python@")
    for step in steps:
        if "run" in step:
            assert step["shell"] == "bash", step.get("name")
    text = ACTION.read_text(encoding="utf-8")
    assert '"$ACTION_PATH"' in text and "${{ github.action_path }}" in text  # installs its own checkout
    assert "$GITHUB_STEP_SUMMARY" in text
    (run,) = [s for s in steps if s.get("id") == "run"]
    assert "citecheck" in run["run"] and "--format" in run["run"]


def test_action_uses_exactly_its_declared_inputs() -> None:
    action = _action()
    used = set(re.findall(r"\binputs\.([\w-]+)", yaml.safe_dump(action["runs"])))
    assert used == set(action["inputs"])
    for output in action["outputs"].values():
        (step,) = re.findall(r"steps\.([\w-]+)\.outputs", output["value"])
        assert step in {s.get("id") for s in action["runs"]["steps"]}


# --- .pre-commit-hooks.yaml --------------------------------------------------------------------


def _hooks() -> dict[str, dict]:
    data = _load(HOOKS)
    assert isinstance(data, list)
    return {hook["id"]: hook for hook in data}


def _console_scripts() -> set[str]:
    return {ep.name for ep in distribution("citecheck-notes").entry_points if ep.group == "console_scripts"}


def test_hooks_have_the_keys_pre_commit_requires() -> None:
    hooks = _hooks()
    assert {"citecheck", "citecheck-export-check"} <= set(hooks)
    for hook in hooks.values():
        for key in ("id", "name", "entry", "language"):
            assert hook.get(key), (hook["id"], key)
        assert hook["language"] == "python"
        re.compile(hook["files"])


@pytest.mark.parametrize("hook_id", ["citecheck", "citecheck-project", "citecheck-export-check"])
def test_hook_entry_names_the_installed_console_script(hook_id: str) -> None:
    hook = _hooks()[hook_id]
    command = shlex.split(hook["entry"])
    assert command[0] in _console_scripts()
    assert shutil.which(command[0], path=str(Path(sys.executable).parent)) or shutil.which(command[0])


def test_manuscript_hook_selects_manuscripts_not_bibliographies() -> None:
    hook = _hooks()["citecheck"]
    assert hook["pass_filenames"] is True
    files = re.compile(hook["files"])
    for name in ("ch1.txt", "notes.md", "a.markdown", "paper.Rmd", "book.qmd", *EXAMPLES):
        assert files.search(name), name
    for name in ("references.bib", "script.py", "notes.md.orig"):
        assert not files.search(name), name
    export = _hooks()["citecheck-export-check"]
    assert export["pass_filenames"] is False
    assert re.compile(export["files"]).search("references.bib")
    assert shlex.split(export["entry"])[1:] == ["export", "--check"]


def test_manuscript_hook_runs_on_the_examples(tmp_path: Path) -> None:
    """The hook's command, as pre-commit runs it, on the examples: findings (1), no error (2), no files."""
    command = shlex.split(_hooks()["citecheck"]["entry"])
    script = shutil.which(command[0], path=str(Path(sys.executable).parent)) or shutil.which(command[0])
    assert script
    result = subprocess.run(
        [script, *command[1:], *EXAMPLES],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "CI": "true", "NO_COLOR": "1"},
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "CC101" in result.stdout


def _readme_block(section: str, language: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"\n## {section}\n")
    end = text.find("\n## ", start + 1)
    blocks = re.findall(rf"```{language}\n(.*?)```", text[start : end if end != -1 else None], re.DOTALL)
    assert blocks, f"no {language} block under {section}"
    return blocks[0]


def test_readme_workflow_passes_actionlint(actionlint: str, tmp_path: Path) -> None:
    """The workflow the README tells users to copy, with the action taken from this checkout."""
    workflow = _readme_block("Using citecheck in your repository", "yaml")
    assert "uses: OWNER/citecheck@main" in workflow
    project, path = _project_with_action(tmp_path, workflow.replace("OWNER/citecheck@main", "./"))
    result = _lint(actionlint, project, path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_pre_commit_snippet_names_the_hooks() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("\n## Using citecheck in your repository\n")
    snippets = re.findall(r"```yaml\n(.*?)```", text[start:], re.DOTALL)
    config = next(yaml.safe_load(s) for s in snippets if "pre-commit" in s or "repos:" in s)
    (repo,) = config["repos"]
    assert {hook["id"] for hook in repo["hooks"]} <= set(_hooks())
