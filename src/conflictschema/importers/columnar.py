"""Mapping a whole export at once: its rows as one frame of text, and the standard's
tables built from it by Polars expressions.

A source whose columns map cell by cell (ACLED) is imported this way: the Python work
is done once per distinct value (a date's form, a country's name, an actor's slug), not
once per row, so an export of a million rows costs seconds. What every importer hands
on, row by row or whole, is a :class:`Mapped`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from conflictschema.importers.records import Skip
from conflictschema.importers.sourcefile import LINE
from conflictschema.models.columns import CHILD_TABLES, TABLE_MODELS, columns, extension_names
from conflictschema.models.frames import kind_dtype, rows_frame

if TYPE_CHECKING:
    import polars as pl

#: The column a source frame adds to the export's own: the file a record came from.
FILE = "__file"


@dataclass
class Mapped:
    """An export mapped into the standard's tables, before validation.

    ``origins`` has one row per source row an incident was made from (``incident_id``,
    ``file``, ``line``): an incident validation finds in error is left out, and each of
    these rows is reported as skipped.
    """

    tables: dict[str, pl.DataFrame]
    origins: pl.DataFrame
    #: Rows the mapping itself could not take (no id, no date), with reasons.
    skipped: list[Skip] = field(default_factory=list)
    #: Incidents made, and rows merged into an incident made from an earlier row.
    imported: int = 0
    merged: int = 0


def origins_frame(ids: Sequence[str], files: Sequence[str], lines: Sequence[int]) -> pl.DataFrame:
    import polars as pl

    return pl.DataFrame(
        {"incident_id": ids, "file": files, "line": lines},
        schema={"incident_id": pl.String, "file": pl.String, "line": pl.Int64},
    )


@dataclass
class SourceTable:
    """One export file as read, for a mapping of the whole export: its column names,
    and its records as a frame of text with the line each starts on (:data:`LINE`)."""

    file: str
    names: list[str]
    frame: pl.DataFrame


def source_frame(files: Iterable[SourceTable]) -> pl.DataFrame:
    """The records of every file as one frame of text (a column a file lacks is "" in
    its rows), with the file each came from (:data:`FILE`), in the order read."""
    import polars as pl

    combined = pl.concat(
        [table.frame.with_columns(pl.lit(table.file).alias(FILE)) for table in files],
        how="diagonal",
    )
    return combined.with_columns(pl.col(pl.String).fill_null(""))


def by_value(
    series: pl.Series, function: Callable[[Any], Any], dtype: pl.DataType | type[pl.DataType]
) -> pl.Series:
    """``function`` of each cell, called once per distinct value: a column of a million
    rows holding a few thousand dates or names costs a few thousand calls."""
    import polars as pl

    distinct = series.unique(maintain_order=True)
    results = pl.Series([function(value) for value in distinct.to_list()], dtype=dtype)
    mapped: pl.Series = series.replace_strict(distinct, results, return_dtype=dtype)
    return mapped.alias(series.name)


def stripped(name: str) -> pl.Expr:
    import polars as pl

    return pl.col(name).str.strip_chars()


def items(name: str, separator: str = ";") -> pl.Expr:
    """The cell split at ``separator``, each item stripped, empty items dropped."""
    import polars as pl

    return (
        pl.col(name)
        .str.split(separator)
        .list.eval(pl.element().str.strip_chars())
        .list.eval(pl.element().filter(pl.element() != ""))
    )


def conform(table: str, frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` as the importers hand a table on: the standard's columns in order with
    their kinds' types (codes as text; a column it lacks is empty), then its extension
    columns as text."""
    import polars as pl

    defaults = {n for n, f in _model(table).model_fields.items() if f.default_factory is list}
    selected = []
    for column in columns(table):
        dtype = kind_dtype(column.kind)
        if column.name in frame.columns:
            value = pl.col(column.name).cast(dtype)
        elif column.name in defaults:
            value = pl.lit([], dtype=dtype)
        else:
            value = pl.lit(None, dtype=dtype)
        selected.append(value.alias(column.name))
    selected += [pl.col(name).cast(pl.String) for name in extension_names(frame)]
    return frame.select(selected)


def _model(table: str) -> Any:
    from conflictschema.models.columns import NESTED_MODELS

    return NESTED_MODELS.get(table) or TABLE_MODELS[table]


def all_tables(built: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """Every table of the standard, conformed; a table not ``built`` is empty."""
    tables = {}
    for table in ("incidents", *CHILD_TABLES, "actors", "sources"):
        frame = built.get(table)
        tables[table] = (
            rows_frame(table, [], enums=False) if frame is None else conform(table, frame)
        )
    return tables


def skips(frame: pl.DataFrame, reason: pl.Expr) -> list[Skip]:
    """A skip for each row of ``frame``, with ``reason`` as its text."""
    import polars as pl

    rows = frame.select(pl.col(LINE), reason.alias("reason"), pl.col(FILE)).rows()
    return [Skip(line, text, file) for line, text, file in rows]
