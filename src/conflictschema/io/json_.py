"""write_json / write_jsonl: nested incident documents in the normal form.

``dataset.json`` holds the metadata, the actors, the sources and every incident
with its targets and claims embedded. ``incidents.jsonl`` holds one incident
document per line for streaming; actors, sources and metadata are not repeated on
every line, so a JSONL file is read with the ``dataset.json`` or
``datapackage.json`` beside it.
"""

from __future__ import annotations

from pathlib import Path

from conflictschema.files import atomic_write
from conflictschema.io.tables import sorted_tables, write_dataset_json, write_incidents_jsonl
from conflictschema.models.dataset import Dataset
from conflictschema.models.frames import to_polars


def write_json(dataset: Dataset, path: Path) -> None:
    """Write the dataset document in its normal form."""
    tables = sorted_tables(to_polars(dataset))
    atomic_write(path, lambda tmp: write_dataset_json(dataset.metadata, tables, tmp))


def write_jsonl(dataset: Dataset, path: Path) -> None:
    """Write one incident document per line, in the normal form."""
    tables = sorted_tables(to_polars(dataset))
    atomic_write(path, lambda tmp: write_incidents_jsonl(tables, tmp))
