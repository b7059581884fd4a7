"""The README tells the truth: its commands exist, its Python example runs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conflictschema.cli import app
from tests.conftest import REPO
from tests.docrun import blocks, run_in_order

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_command_has_help_and_is_documented(cli) -> None:
    names = [command.name for command in app.registered_commands]
    assert {"validate", "convert", "schemas", "release", "diff"} <= set(names)
    for name in names:
        result = cli(name, "--help")
        assert result.code == 0, result
        assert f"conflictschema {name}" in README, name


def _fresh_clone(tmp_path: Path) -> Path:
    """What the examples use of a fresh clone: the bundled datasets and releases."""
    for folder in ("datasets", "releases"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    return tmp_path


def test_readme_python_example_runs_and_runs_again(tmp_path: Path) -> None:
    [example] = re.findall(r"```python\n(.*?)```", README, flags=re.S)
    clone = _fresh_clone(tmp_path)
    for _ in range(2):
        completed = subprocess.run(
            [sys.executable, "-c", example], cwd=clone, capture_output=True, text=True, timeout=120
        )
        assert completed.returncode == 0, completed.stderr
        assert "contested" in completed.stdout


@pytest.mark.slow
def test_readme_examples_run_in_order_from_a_fresh_clone(tmp_path: Path) -> None:
    found = blocks(README, marked_only=True)
    assert len(found) == 3
    run_in_order(found, _fresh_clone(tmp_path))
    assert (tmp_path / "downloaded-1.0.0" / "SHA256SUMS").exists()
    assert (tmp_path / "unpacked" / "contested-incidents-1.0.0" / "SHA256SUMS").exists()


def test_readme_starts_with_the_two_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)```", README, flags=re.S)
    assert "conflictschema validate datasets/contested-incidents" in blocks[0]
    assert "pip install '.[test]'" in blocks[1]
    assert "pytest" in blocks[1]
