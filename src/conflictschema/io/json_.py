"""read_json / write_json and read_jsonl / write_jsonl: nested incident documents.

``dataset.json`` holds the metadata, the actors, the sources and every incident
with its targets and claims embedded. ``incidents.jsonl`` holds one incident
document per line for streaming; actors, sources and metadata are not repeated on
every line, so reading a JSONL file takes them from the ``dataset.json`` or
``datapackage.json`` beside it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from conflictschema.errors import Problem, ReadError
from conflictschema.io.files import atomic_write_text, read_text
from conflictschema.models.dataset import Dataset, IncidentRecord

Locator = Callable[[tuple[str | int, ...]], tuple[int | None, str]]


def json_path(loc: tuple[str | int, ...]) -> str:
    """A readable path such as ``incidents[2].claims[0].method``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def error_type(error: Any) -> str:
    """Pydantic's error type, except that null where a value is required counts as missing."""
    kind = str(error["type"])
    return "missing" if kind.endswith("_type") and error.get("input", "") is None else kind


def problems_from(exc: ValidationError, file: str, locate: Locator | None = None) -> list[Problem]:
    """One Problem per Pydantic error, placed by ``locate`` (loc -> row, rest of path)."""
    problems = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        row, path = locate(loc) if locate else (None, json_path(loc))
        value = error.get("input")
        scalar = value if isinstance(value, (str, int, float, bool)) or value is None else None
        problems.append(
            Problem(
                file,
                error["msg"],
                row=row,
                field=path or None,
                code=error_type(error),
                value=scalar,
            )
        )
    return problems


def _load_json(path: Path) -> tuple[str, Any]:
    text = read_text(path)
    try:
        return text, json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReadError(
            Problem(
                str(path),
                f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
                row=exc.lineno,
                code="json-error",
            )
        ) from None


def read_json(path: Path) -> Dataset:
    """Read a dataset JSON document.

    Raises
    ------
    ReadError
        For unreadable JSON and for every rule the document breaks.
    """
    text, data = _load_json(path)
    if not isinstance(data, dict):
        raise ReadError(
            Problem(str(path), "a dataset document must be a JSON object", code="json-error")
        )
    try:
        return Dataset.model_validate_json(text, strict=True)
    except ValidationError as exc:
        raise ReadError(problems_from(exc, str(path))) from None


def _on_line(number: int, loc: tuple[str | int, ...]) -> tuple[int | None, str]:
    return number, json_path(loc)


def _companion(path: Path) -> dict[str, Any]:
    """Metadata, actors and sources for a JSONL file, from the dataset beside it."""
    from conflictschema.io.csv_package import read_package  # the CSV reader imports this module

    for name in ("dataset.json", "datapackage.json"):
        candidate = path.parent / name
        if candidate.exists():
            companion = read_json(candidate) if name == "dataset.json" else read_package(candidate)
            return companion.model_dump(exclude={"incidents"})
    raise ReadError(
        Problem(
            str(path),
            "a JSONL file holds incidents only; put the dataset.json or datapackage.json that holds its metadata, actors and sources beside it",
            code="missing-file",
        )
    )


def read_jsonl(path: Path) -> Dataset:
    """Read incidents from a JSONL file, one nested incident document per line."""
    text = read_text(path)
    problems: list[Problem] = []
    incidents: list[IncidentRecord] = []
    line_of: list[int] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            incidents.append(IncidentRecord.model_validate_json(line, strict=True))
            line_of.append(number)
        except ValidationError as exc:
            if any(e["type"] == "json_invalid" for e in exc.errors()):
                problems.append(
                    Problem(str(path), "the line is not valid JSON", row=number, code="json-error")
                )
            else:
                problems.extend(problems_from(exc, str(path), partial(_on_line, number)))
    if problems:
        raise ReadError(problems)
    base = _companion(path)

    def locate(loc: tuple[str | int, ...]) -> tuple[int | None, str]:
        if loc[:1] == ("incidents",) and len(loc) > 1 and isinstance(loc[1], int):
            return line_of[loc[1]], json_path(loc[2:])
        return None, json_path(loc)

    try:
        return Dataset.model_validate({**base, "incidents": incidents})
    except ValidationError as exc:
        raise ReadError(problems_from(exc, str(path), locate)) from None


def dataset_document(dataset: Dataset) -> dict[str, Any]:
    """The normal nested document: every list sorted by id, every field present."""
    document = dataset.model_dump(mode="json")
    for key in ("actors", "sources", "incidents"):
        document[key].sort(key=lambda row: row["id"])
    for incident in document["incidents"]:
        incident["targets"].sort(key=lambda row: row["id"])
        incident["claims"].sort(key=lambda row: row["id"])
    return document


def render_json(dataset: Dataset) -> str:
    return json.dumps(dataset_document(dataset), indent=2, ensure_ascii=False) + "\n"


def render_jsonl(dataset: Dataset) -> str:
    lines = [
        json.dumps(i, ensure_ascii=False, separators=(",", ":"))
        for i in dataset_document(dataset)["incidents"]
    ]
    return "".join(line + "\n" for line in lines)


def write_json(dataset: Dataset, path: Path) -> None:
    """Write the dataset document in its normal form."""
    atomic_write_text(path, render_json(dataset))


def write_jsonl(dataset: Dataset, path: Path) -> None:
    """Write one normal incident document per line, sorted by id."""
    atomic_write_text(path, render_jsonl(dataset))
