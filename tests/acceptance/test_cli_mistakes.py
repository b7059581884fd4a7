"""Ordinary mistakes get one line naming the path and exit 2, never "internal error";
convert never overwrites; --strict reports both facts everywhere."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import conflictschema
from tests.conftest import BUNDLED


def _one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


# --- 8. paths -----------------------------------------------------------------------------


def test_a_summary_into_a_missing_folder(cli, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "summary.md"
    result = cli("validate", BUNDLED, "--summary", target)
    assert result.code == 2, result
    assert str(target) in _one_line(result.stderr)
    assert result.stdout == ""  # refused before validating


@pytest.fixture
def as_json(tmp_path: Path) -> Path:
    path = tmp_path / "dataset.json"
    conflictschema.convert(BUNDLED, path)
    return path


def test_convert_never_overwrites_an_existing_file(cli, tmp_path: Path, as_json: Path) -> None:
    existing = tmp_path / "other.json"
    existing.write_text("keep me")
    for destination in (existing, as_json):
        before = destination.read_bytes()
        result = cli("convert", BUNDLED, destination)
        assert result.code == 2, result
        assert "never overwrites" in _one_line(result.stderr)
        assert destination.read_bytes() == before


def test_convert_never_overwrites_a_package_descriptor(cli, tmp_path: Path, as_json: Path) -> None:
    package = tmp_path / "pkg"
    shutil.copytree(BUNDLED, package)
    descriptor = (package / "datapackage.json").read_bytes()
    result = cli("convert", as_json, package / "datapackage.json")
    assert result.code == 2, result
    assert (package / "datapackage.json").read_bytes() == descriptor
    into_package = cli("convert", as_json, package)
    assert into_package.code == 2, into_package
    assert "not empty" in into_package.stderr


@pytest.mark.parametrize("name", ["out.csv", "out.zip", "out.xlsx"])
def test_convert_refuses_a_format_it_does_not_write(
    cli, tmp_path: Path, as_json: Path, name: str
) -> None:
    result = cli("convert", as_json, tmp_path / name)
    assert result.code == 2, result
    line = _one_line(result.stderr)
    assert ".json file" in line
    assert ".jsonl file" in line
    assert "directory for a CSV data package" in line
    assert not (tmp_path / name).exists()


def test_convert_into_an_unwritable_place(cli, tmp_path: Path, as_json: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    for destination in (blocker / "out.json", blocker / "package"):
        result = cli("convert", as_json, destination)
        assert result.code == 2, result
        assert str(blocker) in _one_line(result.stderr)


def test_convert_writes_new_and_empty_folders_whole(cli, tmp_path: Path, as_json: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    versioned = tmp_path / "contested-incidents-1.0.0"  # a dot does not make it a file
    for destination in (empty, versioned):
        result = cli("convert", as_json, destination)
        assert result.code == 0, result
        assert conflictschema.validate(destination).valid
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_import_into_an_unwritable_place_or_a_new_folder(cli, tmp_path: Path) -> None:
    """As convert: a file in the way is named in one line and nothing is written; a
    folder that does not exist yet is made."""
    from tests.unit.importers.test_every_importer import EXPORTS

    export = EXPORTS["acled"](tmp_path)
    for out in (export / "out", export / "deeper" / "out"):
        result = cli("import", "acled", export, "-o", out)
        assert result.code == 2, result
        assert _one_line(result.stderr) == (
            f"conflictschema: cannot write a package at {out}: {export} is a file; "
            "nothing was written"
        )
    made = tmp_path / "new" / "folders" / "out"
    assert cli("import", "acled", export, "-o", made).code == 0
    assert conflictschema.validate(made).valid
    assert not [p for p in made.parent.iterdir() if p.name.startswith(".")]


def test_a_version_with_a_trailing_newline_is_refused(cli, tmp_path: Path) -> None:
    result = cli("release", BUNDLED, "--version", "1.0.0\n", "--out", tmp_path / "out")
    assert result.code == 2, result
    assert "is not a version" in result.stderr
    assert not (tmp_path / "out").exists()


def test_release_of_a_missing_dataset_names_it(cli, tmp_path: Path) -> None:
    result = cli("release", tmp_path / "nope", "--version", "1.0.0", "--out", tmp_path / "out")
    assert result.code == 1, result
    assert "None" not in result.stderr
    assert "nope" in result.stderr


# --- 9. --strict reports both facts ----------------------------------------------------------


@pytest.fixture
def warned(tmp_path: Path) -> Path:
    """A dataset with no error and one warning (an actor no record names)."""
    package = tmp_path / "warned dataset"
    shutil.copytree(BUNDLED, package)
    path = package / "data" / "actors.csv"
    path.write_text(path.read_text() + "lonely,Lonely actor,,unknown,,\n")
    return package


def test_strict_in_python_keeps_valid_and_passed_apart(warned: Path) -> None:
    report = conflictschema.validate(warned, strict=True)
    assert (report.valid, report.passed) == (True, False)
    assert conflictschema.validate(warned).passed


def test_strict_in_every_format(cli, warned: Path) -> None:
    as_json = cli("validate", warned, "--strict", "--format", "json")
    assert as_json.code == 1
    report = json.loads(as_json.stdout)
    assert (report["valid"], report["passed"], report["strict"]) == (True, False, True)

    text = cli("validate", warned, "--strict")
    assert "valid, but fails --strict on its warnings" in text.stdout.splitlines()[-1]

    markdown = cli("validate", warned, "--strict", "--format", "markdown")
    heading = markdown.stdout.splitlines()[0]
    assert heading.startswith("### ❌")
    assert heading.endswith("fails --strict on its warnings")

    github = cli("validate", warned, "--strict", "--format", "github")
    assert "::error title=strict::" in github.stdout

    sarif = json.loads(cli("validate", warned, "--strict", "--format", "sarif").stdout)
    assert sarif["runs"][0]["properties"] == {"valid": True, "passed": False, "strict": True}
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
    ]
    assert uris
    assert all(" " not in uri and "warned%20dataset" in uri for uri in uris)

    relaxed = json.loads(cli("validate", warned, "--format", "json").stdout)
    assert (relaxed["valid"], relaxed["passed"], relaxed["strict"]) == (True, True, False)
