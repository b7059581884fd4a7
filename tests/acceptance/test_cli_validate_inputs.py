"""Every input kind and every report format, through the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import BUNDLED


def broken_package(tmp_path: Path) -> Path:
    package = tmp_path / "pkg"
    shutil.copytree(BUNDLED, package)
    path = package / "data" / "incidents.csv"
    path.write_text(
        path.read_text()
        .replace(",1,1,,", ",3,1,,")
        .replace(
            "46.7547,33.3474,settlement,ru,,,,,,,contested",
            "33.3474,46.7547,settlement,ru,,,,,,,contested",
        )
    )
    return package


def test_single_table_csv_named_after_its_table(cli, tmp_path: Path) -> None:
    package = broken_package(tmp_path)
    result = cli("validate", package / "data" / "incidents.csv", "--format", "json")
    report = json.loads(result.stdout)
    assert result.code == 1, result
    assert {(f["code"], f["row"]) for f in report["findings"] if f["severity"] == "error"} == {
        ("casualty-order", 4)
    }


def test_single_table_recognised_by_its_header(cli, tmp_path: Path) -> None:
    copy = tmp_path / "export.csv"
    shutil.copy(BUNDLED / "data" / "claims.csv", copy)
    result = cli("validate", copy)
    assert result.code == 0, result


def test_swapped_coordinates_get_a_hint(cli, tmp_path: Path) -> None:
    package = broken_package(tmp_path)
    result = cli("validate", package, "--format", "json")
    [finding] = [
        f for f in json.loads(result.stdout)["findings"] if f["code"] == "coordinates-country"
    ]
    assert finding["row"] == 2
    assert finding["severity"] == "warning"
    assert "swapped" in finding["message"]


def test_strict_fails_on_warnings(cli, tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    shutil.copytree(BUNDLED, package)
    path = package / "data" / "actors.csv"
    path.write_text(path.read_text() + "lonely,Lonely actor,,unknown,,\n")
    assert cli("validate", package).code == 0
    result = cli("validate", package, "--strict")
    assert result.code == 1, result
    assert "orphan-actor" in result.stdout


@pytest.mark.parametrize("output_format", ["text", "json", "github", "sarif"])
def test_every_format_on_a_broken_dataset(cli, tmp_path: Path, output_format: str) -> None:
    result = cli("validate", broken_package(tmp_path), "--format", output_format)
    assert result.code == 1, result
    assert "casualty-order" in result.stdout


def test_max_findings_limits_the_list_not_the_count(cli, tmp_path: Path) -> None:
    package = broken_package(tmp_path)
    report = json.loads(cli("validate", package, "--format", "json", "--max-findings", "0").stdout)
    assert report["findings"] == []
    assert report["errors"] == 1
    assert report["warnings"] == 1


def test_a_column_named_again_is_reported_and_its_later_cells_ignored(tmp_path: Path) -> None:
    """The first place of a name is the column checked; each later one is reported once
    and its cells are not read (here an invalid country code that would be an error)."""
    import csv

    import conflictschema

    package = tmp_path / "pkg"
    shutil.copytree(BUNDLED, package)
    path = package / "data" / "incidents.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    rows[0] += ["country", "x_note", "x_note"]
    for row in rows[1:]:
        row += ["ZZ", "a", "b"]
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    report = conflictschema.validate(package)
    assert sorted((f.code, f.field) for f in report.findings if f.severity == "error") == [
        ("duplicate-column", "country"),
        ("duplicate-column", "x_note"),
    ]
