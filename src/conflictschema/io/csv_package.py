"""write_package: a dataset as a Frictionless data package of CSV tables, in the normal form.

The normal form is the contract every release and round trip relies on: rows sorted
by id, columns in model order, UTF-8, LF line ends, minimal RFC 4180 quoting (a lone
CR is quoted too), lists joined with ``;``. One writer makes it, from tables
(:mod:`conflictschema.io.tables`); a Dataset in memory is turned into tables first.
Reading is the loader's job (:mod:`conflictschema.validation`), so there is one
reading path.
"""

from __future__ import annotations

from pathlib import Path

from conflictschema.io.tables import sorted_tables, write_package_tables
from conflictschema.models.dataset import Dataset
from conflictschema.models.frames import to_polars

DESCRIPTOR = "datapackage.json"


def write_package(dataset: Dataset, path: Path) -> None:
    """Write ``dataset`` as a CSV data package directory in the normal form."""
    write_package_tables(dataset.metadata, sorted_tables(to_polars(dataset)), path)
