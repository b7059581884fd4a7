"""The columnar validator, read() and the Pydantic models give the same verdicts.

For every rule the models enforce, a generated valid dataset with that one rule
broken must draw: from ``validate``, an error with the rule's code; from ``read``,
a ReadError with exactly ``validate``'s errors (same code, file, row and field);
and from the Pydantic models validating the same document, the same set of codes.
On the CSV package and on the dataset JSON alike.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import conflictschema
from conflictschema import Dataset, ReadError
from conflictschema.models.rules import code_of
from tests.breaks import BREAKS, STRUCTURE_BREAKS
from tests.rawpackage import write_raw_json, write_raw_package
from tests.strategies import datasets

Key = tuple[str, str, int | None, str | None]


def _field(name: str | None) -> str | None:
    return re.sub(r"\[\d+\]$", "", name) if name else name


def engine_errors(path: Path) -> set[Key]:
    report = conflictschema.validate(path)
    return {
        (f.code, f.file, f.row, _field(f.field)) for f in report.findings if f.severity == "error"
    }


def read_errors(path: Path) -> set[Key]:
    try:
        conflictschema.read(path)
    except ReadError as exc:
        return {(f.code, f.file, f.row, _field(f.field)) for f in exc.findings}
    return set()


def model_codes(document: dict) -> set[str | None]:
    """The codes the Pydantic models give the same document (None: a type with no code)."""
    try:
        Dataset.model_validate(document)
    except ValidationError as exc:
        return {code_of(e) for e in exc.errors()}
    return set()


def _break(dataset: Dataset, code: str, data: st.DataObject) -> dict:
    assume(dataset.incidents)
    document = dataset.model_dump(mode="json")
    n = data.draw(st.integers(0, len(document["incidents"]) - 1), label="incident")
    assume(BREAKS.get(code, STRUCTURE_BREAKS.get(code))(document, n) is not None)  # type: ignore[misc]
    return document


ALL_BREAKS = sorted({*BREAKS, *STRUCTURE_BREAKS})
#: The finding code each structure break must draw, where the break's name is not a code.
EXPECTED = {
    "type-error-date": "type-error",
    "duplicate-key": "duplicate-id",
    "fk-broken": "fk-missing",
}


def _written(document: dict, folder: Path, form: str) -> Path:
    return (
        write_raw_package(document, folder)
        if form == "csv"
        else write_raw_json(document, folder / "dataset.json")
    )


@pytest.mark.parametrize("form", ["csv", "json"])
@pytest.mark.parametrize("code", ALL_BREAKS)
@given(dataset=datasets(), data=st.data())
@settings(max_examples=1)  # x 68 breaks and forms; the fuzz test adds more
def test_verdicts_agree(form: str, code: str, dataset: Dataset, data: st.DataObject) -> None:
    """On a CSV package and on a dataset JSON document alike."""
    document = _break(dataset, code, data)
    with tempfile.TemporaryDirectory() as tmp:
        path = _written(document, Path(tmp), form)
        ours = engine_errors(path)
        assert read_errors(path) == ours
        assert {key[0] for key in ours} == model_codes(document)
        assert any(key[0] == EXPECTED.get(code, code) for key in ours), ours
