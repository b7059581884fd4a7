"""orphan-actor and orphan-source: exactly the actors and sources no record refers to,
whichever column, scalar or list, of whichever table refers to them."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings

import conflictschema
from conflictschema import Dataset
from conflictschema.models.columns import columns
from tests.rawpackage import document_tables, write_raw_package
from tests.strategies import datasets


def referred_to(document: dict[str, Any], target: str) -> set[str]:
    """Every id of ``target`` any record names, record by record (the reference)."""
    named: set[str] = set()
    for table, rows in document_tables(document).items():
        for column in columns(table):
            if column.references != target:
                continue
            for row in rows:
                value = row.get(column.name)
                named.update(value if isinstance(value, list) else [value] if value else [])
    return named


@given(datasets())
@settings(max_examples=25, deadline=None)
def test_the_orphans_reported_are_the_ids_no_record_refers_to(dataset: Dataset) -> None:
    document = dataset.model_dump(mode="json")
    with tempfile.TemporaryDirectory() as folder:
        report = conflictschema.validate(write_raw_package(document, Path(folder)), per_code=None)
    for target, code in (("actors", "orphan-actor"), ("sources", "orphan-source")):
        ids = {row["id"] for row in document[target]}
        expected = ids - referred_to(document, target)
        found = {document[target][f.row - 2]["id"] for f in report.findings if f.code == code}
        assert found == expected, target
        assert report.counts.get(code, 0) == len(expected)
