"""Datasets as data frames for analysts: one frame per table, typed by the standard."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any

from conflictschema.errors import ConflictSchemaError
from conflictschema.models.columns import Column, columns, extension_column
from conflictschema.models.flat import table_rows

if TYPE_CHECKING:
    import polars as pl

    from conflictschema.models.dataset import Dataset


def kind_dtype(kind: str) -> pl.DataType:
    """The Polars type of a column kind: text, Int64, Float64, Date, List(String)."""
    import polars as pl

    kinds: dict[str, pl.DataType] = {
        "string": pl.String(),
        "integer": pl.Int64(),
        "number": pl.Float64(),
        "date": pl.Date(),
        "list": pl.List(pl.String),
    }
    return kinds[kind]


def polars_dtype(column: Column) -> pl.DataType:
    """The column's Polars type: codes as Enums, otherwise its kind's (:func:`kind_dtype`)."""
    import polars as pl

    if column.codes is not None:
        return pl.Enum(column.codes.codes())
    return kind_dtype(column.kind)


def to_polars(dataset: Dataset) -> dict[str, pl.DataFrame]:
    """table -> Polars frame: codes as Enums, dates as Date, lists as List(String)."""
    import polars as pl

    frames = {}
    for table, rows in table_rows(dataset).items():
        cols = columns(table)
        names = {c.name for c in cols}
        extensions = dict.fromkeys(k for row in rows for k in dict(row) if k not in names)
        cols += tuple(extension_column(name) for name in extensions)
        schema = {c.name: polars_dtype(c) for c in cols}
        data = {c.name: [_plain(getattr(row, c.name, None)) for row in rows] for c in cols}
        frames[table] = pl.DataFrame(data, schema=schema)
    return frames


def to_pandas(dataset: Dataset) -> dict[str, Any]:
    """table -> pandas DataFrame; needs the optional pandas extra (`pip install conflictschema[pandas]`)."""
    try:
        import pandas  # noqa: F401
    except ImportError:
        raise ConflictSchemaError(
            "to_pandas needs pandas: pip install 'conflictschema[pandas]'"
        ) from None
    return {table: frame.to_pandas() for table, frame in to_polars(dataset).items()}


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value
