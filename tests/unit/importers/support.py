"""What every importer's tests do: write an export, read a table back, and hold an
import to the laws (valid, the same bytes on a second import, lossless round trip)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import conflictschema
from conflictschema.importers import ImportResult, import_


def write_export(path: Path, header: str, rows: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes(("\n".join([header, *rows]) + "\n").encode(encoding))
    return path


def table(package: Path, name: str) -> list[dict[str, str]]:
    text = (package / "data" / f"{name}.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def assert_imports_lawfully(source: str, files: list[Path], tmp_path: Path) -> ImportResult:
    """Import ``files`` twice: the package validates with no error, both imports give
    the same bytes, and CSV -> JSON -> CSV gives them back. The first result."""
    first = import_(source, list(files), tmp_path / "law-a")
    report = conflictschema.validate(first.out)
    assert report.errors == 0, [f.message for f in report.findings]
    second = import_(source, list(files), tmp_path / "law-b").out
    conflictschema.convert(first.out, tmp_path / "law.json")
    conflictschema.convert(tmp_path / "law.json", tmp_path / "law-back")
    for path in sorted((first.out / "data").iterdir()):
        assert path.read_bytes() == (second / "data" / path.name).read_bytes(), path.name
        assert path.read_bytes() == (tmp_path / "law-back" / "data" / path.name).read_bytes()
    return first


def write_records(
    path: Path,
    columns: list[str],
    records: list[dict[str, str]],
    encoding: str = "utf-8",
    newline: str = "\n",
) -> Path:
    """An export of ``records`` (missing cells empty), as a spreadsheet would write it."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, restval="", lineterminator=newline)
    writer.writeheader()
    writer.writerows(records)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path
