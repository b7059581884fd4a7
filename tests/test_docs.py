"""The README tells the truth: its commands exist, its Python example runs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from conflictschema.cli import app
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_command_has_help_and_is_documented(cli) -> None:
    names = [command.name for command in app.registered_commands]
    assert {"validate", "convert", "schemas", "release", "diff"} <= set(names)
    for name in names:
        result = cli(name, "--help")
        assert result.code == 0, result
        assert f"conflictschema {name}" in README, name


def test_readme_python_example_runs(tmp_path: Path) -> None:
    [example] = re.findall(r"```python\n(.*?)```", README, flags=re.S)
    shutil.copytree(REPO / "datasets", tmp_path / "datasets")
    shutil.copytree(REPO / "releases", tmp_path / "releases")
    completed = subprocess.run(
        [sys.executable, "-c", example], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 0, completed.stderr
    assert "contested" in completed.stdout


def test_readme_starts_with_the_two_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)```", README, flags=re.S)
    assert "conflictschema validate datasets/contested-incidents" in blocks[0]
    assert "pip install '.[test]'" in blocks[1]
    assert "pytest" in blocks[1]
