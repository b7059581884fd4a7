"""The GitHub Action's validation step and the pre-commit hook, run for real."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import BUNDLED, REPO

SCRIPT = REPO / "scripts" / "github-action-validate.sh"


def _env(**values: str) -> dict[str, str]:
    # the action installs conflictschema on PATH; here it is this interpreter's
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    return {**os.environ, "PATH": path, **values}


def run_action_step(cwd: Path, **inputs: str) -> subprocess.CompletedProcess[str]:
    """The action's validation step, as the runner executes it."""
    return subprocess.run(
        ["bash", str(SCRIPT)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env=_env(**inputs),
    )


def broken_copy(tmp_path: Path) -> Path:
    package = tmp_path / "datasets" / "broken"
    shutil.copytree(BUNDLED, package)
    path = package / "data" / "incidents.csv"
    path.write_text(
        path.read_text().replace("2024-02-27,2024-02-27,day", "2024-02-28,2024-02-27,day")
    )
    return package


def test_action_is_composite_and_runs_the_script() -> None:
    action = yaml.safe_load((REPO / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    assert {"path", "strict", "version", "format"} <= set(action["inputs"])
    assert action["inputs"]["format"]["default"] == "github"
    steps = action["runs"]["steps"]
    assert any("scripts/github-action-validate.sh" in step.get("run", "") for step in steps)
    assert not any("docker" in str(step).lower() for step in steps)


def test_action_step_on_a_broken_dataset(tmp_path: Path) -> None:
    broken = broken_copy(tmp_path)
    summary = tmp_path / "summary.md"
    completed = run_action_step(
        tmp_path,
        CS_PATH="datasets/broken",
        CS_STRICT="false",
        CS_FORMAT="github",
        GITHUB_STEP_SUMMARY=str(summary),
    )
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert (
        "::error file=datasets/broken/data/incidents.csv,line=2,title=date-order::date_end:"
        in completed.stdout
    )
    text = summary.read_text()
    assert "is invalid" in text
    assert "| `data/incidents.csv` | error | `date-order` | 1 |" in text
    assert broken.exists()


def test_action_step_on_valid_datasets_and_strict(tmp_path: Path) -> None:
    shutil.copytree(BUNDLED, tmp_path / "a")
    shutil.copytree(BUNDLED, tmp_path / "b")
    summary = tmp_path / "summary.md"
    completed = run_action_step(
        tmp_path, CS_PATH="a\nb", CS_STRICT="true", GITHUB_STEP_SUMMARY=str(summary)
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert summary.read_text().count("is valid") == 2


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
        },
    )


def test_pre_commit_hook_rejects_a_bad_commit(tmp_path: Path) -> None:
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "conflictschema-validate"
    assert hook["language"] == "python"
    command = hook["entry"].split()
    repo = tmp_path / "repo"
    shutil.copytree(BUNDLED, repo / "datasets" / "ours")
    (repo / "notes.txt").write_text("not a dataset\n")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "start")
    claims = repo / "datasets" / "ours" / "data" / "claims.csv"
    claims.write_text(claims.read_text().replace(",drone_strike,", ",7,"))
    _git(repo, "add", ".")
    staged = _git(repo, "diff", "--cached", "--name-only").stdout.split()
    run = [sys.executable, "-m", "conflictschema", *command[1:], *staged]
    rejected = subprocess.run(run, cwd=repo, capture_output=True, text=True, timeout=300)
    assert rejected.returncode == 1, rejected.stdout + rejected.stderr
    assert "unknown-code" in rejected.stdout
    claims.write_text(claims.read_text().replace(",7,", ",drone_strike,"))
    accepted = subprocess.run(
        [*run, str(repo / "notes.txt")], cwd=repo, capture_output=True, text=True, timeout=300
    )
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr


def test_workflows_cover_the_python_versions_and_checks() -> None:
    ci = yaml.safe_load((REPO / ".github" / "workflows" / "ci.yml").read_text())
    assert ci["jobs"]["tests"]["strategy"]["matrix"]["python-version"] == [
        "3.10",
        "3.11",
        "3.12",
        "3.13",
    ]
    steps = str(ci["jobs"])
    assert "conflictschema schemas --check" in steps
    assert "benchmarks/validate_bench.py" in steps
    release = yaml.safe_load((REPO / ".github" / "workflows" / "release.yml").read_text())
    assert "conflictschema release" in str(release["jobs"]["dataset"])


@pytest.mark.slow
def test_pre_commit_try_repo_on_a_sample_repository(tmp_path: Path) -> None:
    """The real pre-commit installs this repository's hook (from the package registry) and runs it."""
    repo = tmp_path / "datasets-repo"
    shutil.copytree(BUNDLED, repo / "ours")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "start")
    claims = repo / "ours" / "data" / "claims.csv"
    claims.write_text(claims.read_text().replace(",drone_strike,", ",7,"))
    _git(repo, "add", ".")
    env = {**_env(), "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    completed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "conflictschema-validate"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=900,
        env=env,
    )
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert "conflictschema validate" in completed.stdout
    assert "Failed" in completed.stdout
    assert "unknown-code" in completed.stdout


# --- the front doors refuse to pass without validating, and validate only datasets ------


@pytest.mark.parametrize("blank", ["", "   ", "\n"])
def test_action_step_with_an_empty_path_fails(tmp_path: Path, blank: str) -> None:
    shutil.copytree(BUNDLED, tmp_path / "ours")
    completed = run_action_step(tmp_path, CS_PATH=blank)
    assert completed.returncode == 2, completed.stdout + completed.stderr
    assert "::error title=conflictschema::the path input is empty" in completed.stdout


def test_precommit_validates_only_datasets(tmp_path: Path, cli) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(BUNDLED, repo / "datasets" / "ours")
    (repo / ".vscode").mkdir()
    (repo / ".vscode" / "settings.json").write_text('{"editor.tabSize": 2}')
    (repo / "renovate.json").write_text('{"extends": ["config:base"]}')
    (repo / "package.jsonl").write_text('{"name": "not incidents"}\n')
    assert cli("convert", BUNDLED, repo / "-odd.json").code == 0
    staged = ["renovate.json", ".vscode/settings.json", "package.jsonl", "-odd.json"]
    result = cli("precommit", "--", *staged, "datasets/ours/data/claims.csv", cwd=repo)
    assert result.code == 0, result
    validated = [line for line in result.stdout.splitlines() if ": valid," in line]
    assert len(validated) == 2, result.stdout
    assert any("-odd.json" in line for line in validated)
    assert "renovate" not in result.stdout
    assert "settings" not in result.stdout
    # a broken dataset document still counts, and fails the commit
    (repo / "-odd.json").write_text('{"standard_version": "0.3.0", "incidents": [')
    broken = cli("precommit", "--", "-odd.json", "renovate.json", cwd=repo)
    assert broken.code == 2, broken


def _docs_blocks(language: str) -> list[str]:
    text = (REPO / "docs" / "ci.md").read_text()
    return [block.split("```", 1)[0] for block in text.split(f"```{language}\n")[1:]]


def test_ci_docs_snippets_are_copyable_as_they_stand(tmp_path: Path) -> None:
    from conflictschema import __version__

    text = (REPO / "docs" / "ci.md").read_text()
    assert "OWNER" not in text
    workflow, precommit = (yaml.safe_load(block) for block in _docs_blocks("yaml")[:2])
    steps = workflow["jobs"]["validate"]["steps"]
    assert f'"conflictschema=={__version__}"' in steps[2]["run"]
    [hook] = precommit["repos"][0]["hooks"]
    assert hook["additional_dependencies"] == [f"conflictschema=={__version__}"]
    [published] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    for key in ("id", "entry", "language", "files", "require_serial"):
        assert hook[key] == published[key], key
    # the workflow's validation step, run as the runner would run it
    shutil.copytree(BUNDLED, tmp_path / "datasets" / "my-dataset")
    summary = tmp_path / "summary.md"
    completed = subprocess.run(
        ["bash", "-c", steps[3]["run"]],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env=_env(GITHUB_STEP_SUMMARY=str(summary)),
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "is valid" in summary.read_text()
