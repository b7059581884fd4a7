"""Differential fuzzing of the one reading path.

A generated valid dataset is written in one serialisation (CSV package, dataset JSON,
JSONL beside its dataset.json); then one cell gets a hostile value, or a few bytes of
one file are changed. For every such input:

* neither ``validate`` nor ``read`` crashes (``read`` raises only ReadError);
* ``validate`` finds no error exactly when ``read`` succeeds, and ``read``'s findings
  are ``validate``'s errors;
* when ``read`` succeeds, the Pydantic models accept the dataset it built;
* for the dataset JSON, the models validating the same JSON text reach the same verdict.

CI runs a modest number of examples; set CONFLICTSCHEMA_FUZZ_EXAMPLES for a long run.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import conflictschema
from conflictschema import Dataset, ReadError
from conflictschema.io import write_json, write_jsonl, write_package
from tests.strategies import datasets

EXAMPLES = int(os.environ.get("CONFLICTSCHEMA_FUZZ_EXAMPLES", "40"))

#: Nesting deeper than Python's json module follows: put into the text in place of PLACEHOLDER.
DEEP = "[" * 5000 + "]" * 5000
PLACEHOLDER = "\ufdd0deep\ufdd0"
HOSTILE_TEXT = [
    "99999999999999999999",
    "9" * 5000,
    "-1",
    "1e999",
    "NaN",
    "3.0",
    " 1",
    "a;;b",
    ";",
    "",
    "x\ry",
    "x\r\ny",
    "x\ny",
    "\r",
    "\x00",
    "a\x00b",
    "https://youtube[.]com/watch",
    "hxxps://example.com",
    "javascript:alert(1)",
    '"',
    ",",
    "=cmd|' /C calc'!A0",
    "2024-02-30",
    "27.02.2024",
    "0000-01-01",
    "0",
    "86400",
    "x" * 600,
    "x" * 20_000,
    "\u202etxt.exe",
    "UA-99",
    "XK",
    "zz",
    "contested",
    "drone_strike",
    "7",
]
HOSTILE_JSON: list[Any] = [
    5, 5.5, True, None, [], {}, ["a", 1], 10**30, 10**400, -0.0, float("inf")
]  # fmt: skip


def hostile_value(data: st.DataObject, elsewhere: list[str], json_values: bool) -> Any:
    choices: list[st.SearchStrategy[Any]] = [st.sampled_from(HOSTILE_TEXT)]
    if elsewhere:  # a value that is valid, but for another column
        choices.append(st.sampled_from(elsewhere))
    if json_values:
        choices.append(st.sampled_from(HOSTILE_JSON))
    return data.draw(st.one_of(choices), label="value")


def mutate_bytes(path: Path, data: st.DataObject) -> None:
    raw = bytearray(path.read_bytes())
    for _ in range(data.draw(st.integers(1, 3), label="edits")):
        at = data.draw(st.integers(0, max(0, len(raw) - 1)), label="offset")
        kind = data.draw(st.sampled_from(["flip", "insert", "delete"]), label="edit")
        byte = data.draw(
            st.sampled_from([0, 10, 13, 34, 44, 59, 0xFF, 0xC3, ord("{")]), label="byte"
        )
        if kind == "flip" and raw:
            raw[at] = byte
        elif kind == "insert":
            raw[at:at] = bytes([byte])
        elif raw:
            del raw[at]
    path.write_bytes(bytes(raw))


def mutate_csv_cell(package: Path, data: st.DataObject) -> None:
    tables = sorted((package / "data").glob("*.csv"))
    path = data.draw(st.sampled_from(tables), label="table")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    row = data.draw(st.integers(0, len(rows) - 1), label="row")  # the header too
    col = data.draw(st.integers(0, len(rows[row]) - 1), label="column")
    elsewhere = [cell for r in rows[1:] for cell in r if cell]
    value = hostile_value(data, elsewhere, json_values=False)
    rows[row][col] = str(value)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")


def _objects(document: dict[str, Any], skip_top: bool = False) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = [] if skip_top else [document]
    for key in ("actors", "sources", "incidents"):
        found += document.get(key, [])
    for incident in document.get("incidents", []):
        found += incident.get("targets", []) + incident.get("claims", [])
    return found


def mutate_json(document: dict[str, Any], data: st.DataObject, skip_top: bool = False) -> None:
    target = data.draw(st.sampled_from(_objects(document, skip_top)), label="object")
    key = data.draw(st.sampled_from(sorted(target)), label="key")
    elsewhere = [v for obj in _objects(document) for v in obj.values() if isinstance(v, str)]
    if data.draw(st.booleans(), label="deep"):
        target[key] = PLACEHOLDER
    else:
        target[key] = hostile_value(data, elsewhere, json_values=True)


def check_the_law(path: Path, json_text: str | None) -> None:
    report = conflictschema.validate(path)
    errors = {(f.code, f.file, f.row, f.field) for f in report.findings if f.severity == "error"}
    refused: ReadError | None = None
    try:
        dataset = conflictschema.read(path)
    except ReadError as exc:
        refused = exc
    if refused is not None:
        assert not report.valid, "read refused what validate passed"
        assert {(f.code, f.file, f.row, f.field) for f in refused.findings} == errors
    else:
        assert report.valid, "read accepted what validate refused"
        try:
            Dataset.model_validate(dataset.model_dump())
        except ValidationError as exc:  # a failure names the rule the validator missed
            raise AssertionError(f"the models refuse what validate passed: {exc}") from None
    if json_text is not None:
        try:
            Dataset.model_validate_json(json_text, strict=True)
            models_valid = True
        except ValidationError:
            models_valid = False
        except (ValueError, RecursionError):  # not JSON Pydantic can parse: nothing to compare
            return
        assert models_valid == report.valid, (models_valid, sorted(map(str, errors)))


@pytest.mark.slow
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(dataset=datasets(), data=st.data())
def test_one_mutation_never_splits_the_verdicts(dataset: Dataset, data: st.DataObject) -> None:
    form = data.draw(st.sampled_from(["csv", "json", "jsonl"]), label="form")
    by_bytes = data.draw(st.booleans(), label="bytes")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        json_text = None
        if form == "csv":
            path = root / "pkg"
            write_package(dataset, path)
            if by_bytes:
                mutate_bytes(
                    data.draw(st.sampled_from(sorted(path.rglob("*.*"))), label="file"), data
                )
            else:
                mutate_csv_cell(path, data)
        elif form == "json":
            path = root / "dataset.json"
            write_json(dataset, path)
            if by_bytes:
                mutate_bytes(path, data)
            else:
                document = json.loads(path.read_text())
                mutate_json(document, data)
                text = json.dumps(document, ensure_ascii=False, allow_nan=True)
                path.write_text(text.replace(f'"{PLACEHOLDER}"', DEEP), encoding="utf-8")
            try:  # the models can judge only text; bytes that are not UTF-8 stop both
                json_text = path.read_bytes().decode("utf-8")
            except UnicodeDecodeError:
                json_text = None
        else:
            write_json(dataset, root / "dataset.json")
            path = root / "incidents.jsonl"
            write_jsonl(dataset, path)
            text = path.read_text(encoding="utf-8")
            lines = text.rstrip("\n").split("\n") if text else []
            if by_bytes or not lines:
                mutate_bytes(path, data)
            else:
                n = data.draw(st.integers(0, len(lines) - 1), label="line")
                incident = json.loads(lines[n])
                mutate_json({"incidents": [incident]}, data, skip_top=True)
                line = json.dumps(incident, ensure_ascii=False, allow_nan=True)
                lines[n] = line.replace(f'"{PLACEHOLDER}"', DEEP)
                path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        check_the_law(path, json_text)
