"""Writing datasets in every serialisation of the standard, in the normal form.

``write`` picks the format from the path. Reading is :func:`conflictschema.read`,
which goes through the validator's loader, so there is one reading path.
"""

from __future__ import annotations

import os
from pathlib import Path

from conflictschema.io.csv_package import write_package
from conflictschema.io.json_ import write_json, write_jsonl
from conflictschema.io.tables import sorted_tables, write_tables
from conflictschema.models.dataset import Dataset
from conflictschema.models.frames import to_polars

__all__ = ["write", "write_json", "write_jsonl", "write_package"]


def write(dataset: Dataset, path: str | os.PathLike[str]) -> Path:
    """Write ``dataset`` in the format ``path`` names: ``.json``, ``.jsonl``, else a CSV package directory."""
    return write_tables(dataset.metadata, sorted_tables(to_polars(dataset)), Path(path))
