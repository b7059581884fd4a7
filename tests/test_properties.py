"""Laws the standard must keep, tested on generated datasets."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import conflictschema
from conflictschema import Dataset
from conflictschema.findingcodes import CODES
from conflictschema.io import write_json, write_package
from tests.breaks import BREAKS
from tests.strategies import datasets


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@given(datasets())
@settings(max_examples=20)
def test_csv_json_csv_is_byte_identical(dataset: Dataset) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        first, second, doc = Path(tmp, "a"), Path(tmp, "b"), Path(tmp, "d.json")
        write_package(dataset, first)
        write_json(conflictschema.read(first), doc)
        write_package(conflictschema.read(doc), second)
        assert _files(first) == _files(second)


@given(datasets())
@settings(max_examples=15)
def test_json_csv_json_is_byte_identical(dataset: Dataset) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        doc1, package, doc2, lines = (
            Path(tmp, "1.json"),
            Path(tmp, "pkg"),
            Path(tmp, "2.json"),
            Path(tmp, "incidents.jsonl"),
        )
        write_json(dataset, doc1)
        write_package(conflictschema.read(doc1), package)
        write_json(conflictschema.read(package), doc2)
        assert doc1.read_bytes() == doc2.read_bytes()
        # JSONL beside the dataset document reads back to the same dataset
        conflictschema.write(dataset, lines)
        doc1.rename(Path(tmp, "dataset.json"))
        assert conflictschema.read(lines) == conflictschema.read(Path(tmp, "dataset.json"))


@given(datasets())
@settings(max_examples=30)
def test_generated_datasets_validate(dataset: Dataset) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        write_package(dataset, Path(tmp))
        report = conflictschema.validate(tmp)
        assert report.valid, report.findings


@pytest.mark.parametrize("code", sorted(BREAKS))
@given(dataset=datasets(), data=st.data())
@settings(max_examples=6)
def test_each_break_is_rejected_naming_the_field(
    code: str, dataset: Dataset, data: st.DataObject
) -> None:
    assume(dataset.incidents)
    document = dataset.model_dump(mode="json")
    n = data.draw(st.integers(0, len(document["incidents"]) - 1))
    field = BREAKS[code](document, n)
    assume(field is not None)
    with pytest.raises(ValidationError) as caught:
        Dataset.model_validate(document)
    found = [(e["type"], e["loc"]) for e in caught.value.errors()]
    assert any(kind == code and field in loc for kind, loc in found), found


def test_every_record_rule_has_a_break() -> None:
    record_rules = {
        code.value
        for code, info in CODES.items()
        if info.layer in ("record", "references") and info.severity == "error"
    }
    assert record_rules <= set(BREAKS), record_rules - set(BREAKS)
