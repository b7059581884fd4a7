"""Bad input to read() raises ReadError naming file, row and field; never anything else.

Files are named relative to the dataset, as ``validate`` names them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import conflictschema
from conflictschema import ReadError
from tests.conftest import BUNDLED


@pytest.fixture
def package(tmp_path: Path) -> Path:
    target = tmp_path / "pkg"
    shutil.copytree(BUNDLED, target)
    return target


def problems(path: Path) -> list[conflictschema.Finding]:
    with pytest.raises(ReadError) as caught:
        conflictschema.read(path)
    assert isinstance(caught.value, ValueError)  # also catchable as the builtin it resembles
    return caught.value.problems


def test_missing_file(tmp_path: Path) -> None:
    [problem] = problems(tmp_path / "nothing.json")
    assert problem.code == "missing-file"
    assert "nothing.json" in problem.file


def test_directory_without_descriptor(tmp_path: Path) -> None:
    [problem] = problems(tmp_path)
    assert "datapackage.json" in problem.message


def test_missing_table_file(package: Path) -> None:
    (package / "data" / "targets.csv").unlink()
    [problem] = problems(package)
    assert problem.code == "missing-file"
    assert problem.file.endswith("targets.csv")


def test_not_utf8(package: Path) -> None:
    path = package / "data" / "actors.csv"
    path.write_bytes(path.read_bytes().replace(b"Yedinaya", "Y\xe9dinaya".encode("latin-1")))
    [problem] = problems(package)
    assert problem.code == "encoding-error"
    assert problem.file.endswith("actors.csv")
    assert problem.row == 6
    assert "0xe9" in problem.message


def test_renamed_column_gets_did_you_mean(package: Path) -> None:
    path = package / "data" / "claims.csv"
    path.write_text(path.read_text().replace("attributed_to", "attributed", 1))
    found = {(p.code, p.field, p.row) for p in problems(package)}
    assert ("extra-column", "attributed", 1) in found
    assert ("missing-column", "attributed_to", 1) in found
    message = next(p.message for p in problems(package) if p.code == "extra-column")
    assert "did you mean 'attributed_to'" in message


def test_bad_cells_name_row_and_field(package: Path) -> None:
    path = package / "data" / "incidents.csv"
    lines = path.read_text().split("\n")
    lines[1] = lines[1].replace("2024-02-27,2024-02-27,day", "27.02.2024,2024-02-27,day")
    lines[3] = lines[3].replace(",1,1,", ",one,1,")
    path.write_text("\n".join(lines))
    found = {(p.code, p.row, p.field) for p in problems(package)}
    assert ("type-error", 2, "date_start") in found
    assert ("type-error", 4, "killed_low") in found


def test_rule_errors_map_to_the_csv_row(package: Path) -> None:
    path = package / "data" / "claims.csv"
    path.write_text(
        path.read_text().replace(
            "clm-0002,inc-0001,ru,attribution,ua,", "clm-0002,inc-0001,ru,attribution,nobody,"
        )
    )
    [problem] = problems(package)
    assert (problem.code, problem.row, problem.field) == ("fk-missing", 3, "attributed_to")
    assert problem.file.endswith("claims.csv")


def test_child_row_pointing_at_no_incident(package: Path) -> None:
    path = package / "data" / "targets.csv"
    path.write_text(path.read_text().replace("tgt-0004,inc-0004", "tgt-0004,inc-9999"))
    found = [(p.code, p.row, p.field) for p in problems(package)]
    assert found == [("fk-missing", 5, "incident_id")]


def test_ragged_and_truncated_rows(package: Path) -> None:
    path = package / "data" / "sources.csv"
    text = path.read_text()
    path.write_text(text[: len(text) // 2])
    found = {p.code for p in problems(package)}
    assert "ragged-row" in found or "csv-error" in found


def test_unclosed_quote_is_a_csv_error(package: Path) -> None:
    path = package / "data" / "actors.csv"
    path.write_text(path.read_text() + 'zz,"unclosed,state,,\n')
    found = {(p.code, p.file.endswith("actors.csv")) for p in problems(package)}
    assert ("csv-error", True) in found


def test_empty_table_file(package: Path) -> None:
    (package / "data" / "targets.csv").write_text("")
    found = [(p.code, p.row) for p in problems(package)]
    assert ("missing-header", 1) in found


@pytest.mark.parametrize("text", ['{"name": ', "[1, 2]", "\x00\x01", ""])
def test_malformed_json(tmp_path: Path, text: str) -> None:
    path = tmp_path / "dataset.json"
    path.write_text(text)
    [problem] = problems(path)
    assert problem.code == "json-error"
    assert problem.file == "dataset.json"


def test_json_errors_name_the_path(tmp_path: Path) -> None:
    document = conflictschema.read(BUNDLED).model_dump(mode="json")
    document["incidents"][0]["claims"][1]["method"] = 7
    path = tmp_path / "dataset.json"
    path.write_text(json.dumps(document))
    [problem] = problems(path)
    assert problem.field == "incidents[0].claims[1].method"


def test_jsonl_errors_name_the_line(tmp_path: Path) -> None:
    dataset = conflictschema.read(BUNDLED)
    conflictschema.write(dataset, tmp_path / "dataset.json")
    conflictschema.write(dataset, tmp_path / "incidents.jsonl")
    lines = (tmp_path / "incidents.jsonl").read_text().splitlines()
    lines[2] = lines[2].replace('"killed_low":1', '"killed_low":-1')
    lines[3] = lines[3][:40]
    (tmp_path / "incidents.jsonl").write_text("\n".join(lines) + "\n")
    found = {(p.code, p.row, p.field) for p in problems(tmp_path / "incidents.jsonl")}
    assert ("out-of-range", 3, "killed_low") in found
    assert ("json-error", 4, None) in found


def test_jsonl_alone_says_what_it_needs(tmp_path: Path) -> None:
    conflictschema.write(conflictschema.read(BUNDLED), tmp_path / "incidents.jsonl")
    [problem] = problems(tmp_path / "incidents.jsonl")
    assert "dataset.json or datapackage.json" in problem.message


def test_resource_path_outside_the_package_is_refused(package: Path, tmp_path: Path) -> None:
    descriptor = json.loads((package / "datapackage.json").read_text())
    descriptor["resources"][0]["path"] = "../../etc/passwd"
    (package / "datapackage.json").write_text(json.dumps(descriptor))
    [problem] = problems(package)
    assert "unsafe" in problem.message


def test_symlinked_table_outside_the_package_is_refused(package: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.csv"
    shutil.copy(package / "data" / "actors.csv", outside)
    (package / "data" / "actors.csv").unlink()
    (package / "data" / "actors.csv").symlink_to(outside)
    [problem] = problems(package)
    assert "outside the package" in problem.message


def test_convert_cli_reports_read_errors_without_traceback(
    cli, package: Path, tmp_path: Path
) -> None:
    (package / "data" / "incidents.csv").write_bytes(b"\xff\xfe garbage")
    result = cli("convert", package, tmp_path / "out.json")
    assert result.code == 2, result
    assert "incidents.csv" in result.stderr
    assert "not UTF-8" in result.stderr
    assert not (tmp_path / "out.json").exists()
