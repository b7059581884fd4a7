"""convert(SRC, DST): any serialisation in, the one DST names out, in the normal form.

The checked tables go straight to the writers (``conflictschema.io.tables``): no
object per row, the JSON written as a stream, so converting a million incidents takes
seconds and memory for the tables only. Every file is written beside its target and
moved into place, so a failed conversion leaves no half-written file.
"""

from __future__ import annotations

import os
from pathlib import Path

from conflictschema.io.tables import sorted_tables, write_tables
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
    return write_tables(meta, sorted_tables(typed), Path(destination))
