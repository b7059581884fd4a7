"""Plain Frictionless accepts what conflictschema writes."""

from __future__ import annotations

import tempfile
from pathlib import Path

from frictionless import Package
from hypothesis import given, settings

from conflictschema import Dataset
from conflictschema.io import write_package
from tests.conftest import BUNDLED
from tests.strategies import datasets


def frictionless_errors(package_dir: Path) -> list[str]:
    report = Package(str(package_dir / "datapackage.json")).validate()
    return [f"{e.type}: {e.note}" for task in report.tasks for e in task.errors] + [
        f"{e.type}: {e.note}" for e in report.errors
    ]


def test_frictionless_accepts_the_bundled_dataset() -> None:
    assert frictionless_errors(BUNDLED) == []


def test_frictionless_cli_accepts_the_bundled_dataset() -> None:
    import subprocess
    import sys

    completed = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", str(BUNDLED / "datapackage.json")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


@given(datasets())
@settings(max_examples=20)
def test_frictionless_accepts_generated_datasets(dataset: Dataset) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        write_package(dataset, Path(tmp))
        assert frictionless_errors(Path(tmp)) == []
