"""Where a Table Schema can state a rule, conflictschema and Frictionless flag the same cells.

Each structure break (wrong type, out of range, missing required cell, unknown code,
pattern, duplicate key, broken foreign key) is applied to a generated valid dataset;
both tools then validate the same CSV package and must flag the same rows, and
every cell Frictionless names must be among the cells conflictschema names.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from frictionless import Package
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import conflictschema
from conflictschema import Dataset
from tests.breaks import STRUCTURE_BREAKS
from tests.rawpackage import write_raw_package
from tests.strategies import datasets


def frictionless_flags(root: Path) -> tuple[set[tuple[str, int]], set[tuple[str, int, str]]]:
    report = Package(str(root / "datapackage.json")).validate(limit_errors=100_000)
    rows, cells = set(), set()
    for task in report.tasks:
        for error in task.errors:
            row = getattr(error, "row_number", None)
            if row is None:
                continue
            rows.add((task.place, row))
            field = getattr(error, "field_name", None)
            if field:
                cells.add((task.place, row, field))
    return rows, cells


def our_flags(root: Path) -> tuple[set[tuple[str, int]], set[tuple[str, int, str]]]:
    report = conflictschema.validate(root)
    errors = [f for f in report.findings if f.severity == "error" and f.row is not None]
    return {(f.file, f.row) for f in errors}, {(f.file, f.row, f.field) for f in errors if f.field}


@pytest.mark.parametrize("kind", sorted(STRUCTURE_BREAKS))
@given(dataset=datasets(), data=st.data())
@settings(max_examples=3)
def test_same_rows_and_cells_as_frictionless(
    kind: str, dataset: Dataset, data: st.DataObject
) -> None:
    assume(dataset.incidents)
    document = dataset.model_dump(mode="json")
    n = data.draw(st.integers(0, len(document["incidents"]) - 1), label="incident")
    STRUCTURE_BREAKS[kind](document, n)
    with tempfile.TemporaryDirectory() as tmp:
        root = write_raw_package(document, Path(tmp))
        their_rows, their_cells = frictionless_flags(root)
        our_rows, our_cells = our_flags(root)
        assert their_rows, "the break must be one Frictionless can see"
        assert our_rows == their_rows
        assert their_cells <= our_cells
