"""convert(SRC, DST): any serialisation in, the one DST names out, in the normal form.

The checked tables go straight to the writers (``conflictschema.io.tables``): no
object per row, the JSON written as a stream, so converting a million incidents takes
seconds and memory for the tables only. Every file is written beside its target and
moved into place, so a failed conversion leaves no half-written file.
"""

from __future__ import annotations

import os
from pathlib import Path

from conflictschema.io.tables import (
    sorted_tables,
    write_dataset_json,
    write_incidents_jsonl,
    write_package_tables,
    write_through,
)
from conflictschema.models.dataset import DatasetMetadata
from conflictschema.validation.reader import read_tables


def convert(source: str | os.PathLike[str], destination: str | os.PathLike[str]) -> Path:
    """Read ``source`` (any input ``read`` takes) and write it where ``destination`` says:
    a ``.json`` document, a ``.jsonl`` file, or else a CSV data package directory.

    Raises
    ------
    ReadError
        When ``source`` has an error; nothing is written then.
    """
    metadata, typed = read_tables(source)
    meta = DatasetMetadata.model_validate(metadata)
    tables = sorted_tables(typed)
    target = Path(destination)
    if target.suffix == ".json":
        write_through(target, lambda tmp: write_dataset_json(meta, tables, tmp))
    elif target.suffix == ".jsonl":
        write_through(target, lambda tmp: write_incidents_jsonl(tables, tmp))
    else:
        write_package_tables(meta, tables, target)
    return target
