"""write_json / write_jsonl: nested incident documents in the normal form.

``dataset.json`` holds the metadata, the actors, the sources and every incident
with its targets and claims embedded. ``incidents.jsonl`` holds one incident
document per line for streaming; actors, sources and metadata are not repeated on
every line, so a JSONL file is read with the ``dataset.json`` or
``datapackage.json`` beside it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conflictschema.files import atomic_write_text
from conflictschema.models.dataset import Dataset


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
