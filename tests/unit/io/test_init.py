"""init: an empty package that validates, and never a write into someone's files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import conflictschema
from conflictschema.io.starter import InitError
from conflictschema.models.columns import TABLE_MODELS, column_names


def test_an_empty_package_validates_and_has_every_header(tmp_path: Path) -> None:
    path = conflictschema.init(tmp_path / "My Incidents (2024)", title="Mine")
    assert conflictschema.validate(path).passed
    descriptor = json.loads((path / "datapackage.json").read_text())
    assert (descriptor["name"], descriptor["title"]) == ("my-incidents-2024", "Mine")
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    for table in TABLE_MODELS:
        lines = (path / "data" / f"{table}.csv").read_text().splitlines()
        assert lines == [",".join(column_names(table))]
    assert conflictschema.read(path).incidents == []


def test_init_writes_into_an_empty_folder_but_never_over_files(tmp_path: Path, cli) -> None:
    (tmp_path / "empty").mkdir()
    assert cli("init", tmp_path / "empty", "--name", "kept").code == 0
    before = (tmp_path / "empty" / "datapackage.json").read_bytes()
    again = cli("init", tmp_path / "empty")
    assert again.code == 2, again
    assert "not an empty folder" in again.stderr
    assert (tmp_path / "empty" / "datapackage.json").read_bytes() == before


@pytest.mark.parametrize("name", ["Upper", "-dash", "a/b", ""])
def test_a_name_that_is_not_one_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(InitError, match="is not a dataset name"):
        conflictschema.init(tmp_path / "x", name=name)
    assert not (tmp_path / "x").exists()


def test_a_folder_name_without_letters_needs_a_name(tmp_path: Path, cli) -> None:
    result = cli("init", tmp_path / "---")
    assert result.code == 2, result
    assert "--name" in result.stderr
