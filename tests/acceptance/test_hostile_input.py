"""No input, however broken, makes validate raise or the CLI print a traceback."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import conflictschema
from tests.conftest import BUNDLED

TABLES = ["incidents", "targets", "claims", "sources", "actors"]


def _package(tmp: Path) -> Path:
    target = tmp / "pkg"
    shutil.copytree(BUNDLED, target)
    return target


def _codes(path: Path) -> set[str]:
    report = conflictschema.validate(path)
    return {f.code for f in report.findings}


@given(table=st.sampled_from(TABLES), data=st.binary(max_size=2000))
@settings(max_examples=40)
def test_random_bytes_in_a_table(table: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        package = _package(Path(tmp))
        (package / "data" / f"{table}.csv").write_bytes(data)
        report = conflictschema.validate(package)
        assert not report.valid
        assert report.findings


@given(table=st.sampled_from([*TABLES, "datapackage"]), fraction=st.floats(0, 1, exclude_max=True))
@settings(max_examples=40)
def test_truncated_files(table: str, fraction: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        package = _package(Path(tmp))
        path = (
            package / "datapackage.json"
            if table == "datapackage"
            else package / "data" / f"{table}.csv"
        )
        raw = path.read_bytes()
        path.write_bytes(raw[: int(len(raw) * fraction)])
        conflictschema.validate(package)  # must not raise


@given(data=st.binary(max_size=3000))
@settings(max_examples=40)
def test_random_bytes_as_json_and_jsonl(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("dataset.json", "incidents.jsonl"):
            path = Path(tmp) / name
            path.write_bytes(data)
            report = conflictschema.validate(path)
            assert not report.valid


def test_empty_and_header_only_tables(tmp_path: Path) -> None:
    package = _package(tmp_path)
    (package / "data" / "sources.csv").write_text("")
    header = (package / "data" / "targets.csv").read_text().split("\n")[0]
    (package / "data" / "targets.csv").write_text(header + "\n")
    report = conflictschema.validate(package)
    assert ("missing-header", "data/sources.csv") in {(f.code, f.file) for f in report.findings}
    assert report.readable


def test_fifty_megabyte_cell(tmp_path: Path) -> None:
    package = _package(tmp_path)
    path = package / "data" / "actors.csv"
    lines = path.read_text().split("\n")
    lines[1] = lines[1].replace("The Kyiv Independent", "x" * 50_000_000)
    path.write_text("\n".join(lines))
    report = conflictschema.validate(package)
    found = {(f.code, f.row, f.field) for f in report.findings}
    assert ("length", 2, "name") in found
    shown = next(f for f in report.findings if f.code == "length")
    assert len(str(shown.value)) <= 100  # the report never echoes the huge cell whole


def test_nul_bytes_and_multiline_cells(tmp_path: Path) -> None:
    package = _package(tmp_path)
    path = package / "data" / "targets.csv"
    text = path.read_text()
    text = text.replace(
        "United Russia party office, Polohy", "United Russia\nparty office\x00 Polohy"
    )
    path.write_text(text)
    report = conflictschema.validate(package)
    assert report.valid, report.findings


def test_ragged_rows_are_located(tmp_path: Path) -> None:
    package = _package(tmp_path)
    path = package / "data" / "actors.csv"
    lines = path.read_text().split("\n")
    lines[2] = lines[2].rsplit(",", 1)[0]  # one cell short
    lines[3] = lines[3] + ",extra"  # one cell long
    path.write_text("\n".join(lines))
    found = [
        (f.code, f.row) for f in conflictschema.validate(package).findings if f.code == "ragged-row"
    ]
    assert found == [("ragged-row", 3), ("ragged-row", 4)]


def test_symlink_outside_the_dataset(tmp_path: Path, cli) -> None:
    package = _package(tmp_path)
    outside = tmp_path / "secret.csv"
    outside.write_text("id,name\n")
    (package / "data" / "actors.csv").unlink()
    (package / "data" / "actors.csv").symlink_to(outside)
    result = cli("validate", package, "--format", "json")
    assert result.code == 2, result
    assert "outside the package" in result.stdout


def test_missing_resource(tmp_path: Path, cli) -> None:
    package = _package(tmp_path)
    (package / "data" / "claims.csv").unlink()
    result = cli("validate", package, "--format", "json")
    report = json.loads(result.stdout)
    assert result.code == 1, result
    assert {"code": "missing-file", "file": "data/claims.csv"}.items() <= next(
        f for f in report["findings"] if f["code"] == "missing-file"
    ).items()


def test_deeply_nested_json(tmp_path: Path, cli) -> None:
    path = tmp_path / "dataset.json"
    path.write_text("[" * 200_000 + "]" * 200_000)
    result = cli("validate", path)
    assert result.code == 2, result


@pytest.mark.parametrize("content", [b"", b"\xff\xfe\x00\x00", b"id\n1\n", b'"unclosed'])
def test_cli_on_broken_single_tables(tmp_path: Path, cli, content: bytes) -> None:
    path = tmp_path / "incidents.csv"
    path.write_bytes(content)
    result = cli("validate", path, "--format", "json")
    assert result.code in (1, 2), result
    json.loads(result.stdout)


def test_directory_without_descriptor(tmp_path: Path, cli) -> None:
    result = cli("validate", tmp_path)
    assert result.code == 2, result
    assert "datapackage.json" in result.stdout
