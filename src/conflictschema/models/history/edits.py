"""Edits the upgraders make to typed tables: a new column, a new empty table.

Kept apart from the package's ``__init__`` so that each upgrader imports these
without importing the chain of versions that imports the upgraders.
"""

from __future__ import annotations

from typing import Any

from conflictschema.models.columns import columns


def add_empty(frame: Any, name: str, dtype: Any, fill: Any = None) -> Any:
    """``frame`` with a new column ``name`` holding ``fill`` (an empty list for a list
    column); a frame that carries the validator's flags gets one saying "not broken"."""
    import polars as pl

    if isinstance(dtype, pl.List):
        value = pl.lit([] if fill is None else fill, dtype=dtype)
    else:
        value = pl.lit(fill, dtype)
    flagged = "id__bad" in frame.columns
    extra = [value.alias(name)] + ([pl.lit(False).alias(f"{name}__bad")] if flagged else [])
    return frame.with_columns(extra)


def empty_table(table: str, like: Any) -> Any:
    """A current table with no rows, shaped like the typed frame ``like`` (the same
    validator columns: row numbers, locations, flags)."""
    import polars as pl

    from conflictschema.models.frames import polars_dtype

    schema: dict[str, Any] = {k: like.schema[k] for k in ("__row", "__loc") if k in like.columns}
    flagged = "id__bad" in like.columns
    for column in columns(table):
        schema[column.name] = polars_dtype(column)
        if flagged:
            schema[f"{column.name}__bad"] = pl.Boolean()
    return pl.DataFrame(schema=schema)
