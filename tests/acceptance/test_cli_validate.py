"""`conflictschema validate` end to end: the first four as a real subprocess (the console
entry point, exit statuses, stdout/stderr), the rest in-process through the same entry."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import BUNDLED


def test_bundled_dataset_is_valid(cli_process) -> None:
    result = cli_process("validate", BUNDLED)
    assert result.code == 0, result
    assert "valid, 0 error(s)" in result.stdout


def test_descriptor_and_json_inputs(cli, tmp_path: Path) -> None:
    assert cli("validate", BUNDLED / "datapackage.json").code == 0
    assert cli("convert", BUNDLED, tmp_path / "dataset.json").code == 0
    assert cli("convert", BUNDLED, tmp_path / "incidents.jsonl").code == 0
    assert cli("validate", tmp_path / "dataset.json").code == 0
    assert cli("validate", tmp_path / "incidents.jsonl").code == 0


def test_broken_dataset_exits_1_with_located_findings(cli_process, tmp_path: Path) -> None:
    cli = cli_process
    package = tmp_path / "pkg"
    shutil.copytree(BUNDLED, package)
    path = package / "data" / "incidents.csv"
    path.write_text(
        path.read_text().replace("2024-02-27,2024-02-27,day", "2024-02-28,2024-02-27,day")
    )
    result = cli("validate", package, "--format", "json")
    assert result.code == 1, result
    report = json.loads(result.stdout)
    assert report["valid"] is False
    assert report["errors"] == 1
    [finding] = report["findings"]
    assert finding | {"message": None} == {
        "code": "date-order",
        "severity": "error",
        "file": "data/incidents.csv",
        "row": 2,
        "field": "date_end",
        "value": "2024-02-27",
        "message": None,
    }
    text = cli("validate", package)
    assert text.code == 1
    assert "row 2, date_end" in text.stdout


def test_unreadable_input_exits_2_and_still_reports_json(cli_process, tmp_path: Path) -> None:
    result = cli_process("validate", tmp_path / "missing.json", "--format", "json")
    assert result.code == 2, result
    assert json.loads(result.stdout)["readable"] is False


def test_misuse_exits_2(cli_process) -> None:
    assert cli_process("validate").code == 2
    assert cli_process("validate", BUNDLED, "--format", "yaml").code == 2


def test_convert_round_trip_through_the_cli(cli, tmp_path: Path) -> None:
    assert cli("convert", BUNDLED, tmp_path / "d.json").code == 0
    assert cli("convert", tmp_path / "d.json", tmp_path / "pkg").code == 0
    for path in (BUNDLED / "data").glob("*.csv"):
        assert (tmp_path / "pkg" / "data" / path.name).read_bytes() == path.read_bytes()
