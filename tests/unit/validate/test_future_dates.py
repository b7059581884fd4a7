"""A date after today is a warning on exactly the cells that hold one, in every table."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest

import conflictschema
from conflictschema.models.columns import columns
from tests.conftest import BUNDLED


def _cells_after(package: Path, today: dt.date) -> set[tuple[str, int, str]]:
    """(file, row, column) of every date cell after ``today``, read with the csv module
    (a row's number counts the header as row 1)."""
    after = set()
    for path in sorted((package / "data").glob("*.csv")):
        dates = [column.name for column in columns(path.stem) if column.kind == "date"]
        with path.open(newline="", encoding="utf-8") as handle:
            for row, record in enumerate(csv.DictReader(handle), start=2):
                for name in dates:
                    if record.get(name) and record[name] > today.isoformat():
                        after.add((f"data/{path.name}", row, name))
    return after


@pytest.mark.parametrize(
    "today",
    [
        dt.date(2000, 1, 1),
        dt.date(2023, 9, 15),
        dt.date(2024, 2, 28),
        dt.date(2024, 3, 1),
        dt.date(2100, 1, 1),
    ],
)
def test_future_dates_are_the_cells_after_today(today: dt.date) -> None:
    report = conflictschema.validate(BUNDLED, today=today, per_code=None)
    found = {(f.file, f.row, f.field) for f in report.findings if f.code == "future-date"}
    assert found == _cells_after(BUNDLED, today)
    assert all(f.severity == "warning" for f in report.findings if f.code == "future-date")


def test_some_columns_are_after_and_some_not() -> None:
    """One of the dates above splits the incidents' date columns: the check must tell
    them apart."""
    fields = {field for _, _, field in _cells_after(BUNDLED, dt.date(2024, 2, 28))}
    assert fields == {"created", "modified"}


def test_a_future_date_in_another_table_is_found_there(tmp_path: Path) -> None:
    package = tmp_path / "package"
    shutil.copytree(BUNDLED, package)
    sources = package / "data" / "sources.csv"
    with sources.open(newline="", encoding="utf-8") as handle:
        records = list(csv.DictReader(handle))
    records[2]["published_on"] = "2030-05-01"
    with sources.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(records[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
    today = dt.date(2026, 1, 1)
    report = conflictschema.validate(package, today=today, per_code=None)
    found = {(f.file, f.row, f.field) for f in report.findings if f.code == "future-date"}
    assert found == {("data/sources.csv", 4, "published_on")} == _cells_after(package, today)
