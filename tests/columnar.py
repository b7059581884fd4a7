"""Hypothesis strategies built from the column definitions, so a new column is generated
the day it is added: code lists with ``sampled_from``, patterns with ``from_regex``,
bounds from the column, nulls where the column allows them.

Values are drawn from small pools where rules compare fields (a handful of ids, dates
in two years, small counts), so that generated rows break and keep every rule often.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
from hypothesis import strategies as st

from conflictschema.models.columns import Column, columns
from conflictschema.models.frames import polars_dtype

IDS = ("a", "b", "c")
#: Current codes, and two formerly used ones (SU until 1992, YU until 2003).
COUNTRIES = ("UA", "RU", "MD", "SU", "YU")
SUBDIVISIONS = ("UA-65", "UA-30", "RU-MOW", "MD-CU")


def value_strategy(column: Column) -> st.SearchStrategy[Any]:
    """Values a cell of ``column`` may hold once layer 1 has passed it."""
    if column.codes is not None:
        return st.sampled_from(column.codes.codes())
    if column.kind == "integer":
        low = int(column.minimum) if column.minimum is not None else -5
        return st.integers(low, low + 6)
    if column.kind == "number":
        low = float(column.minimum) if column.minimum is not None else -10.0
        high = float(column.maximum) if column.maximum is not None else 10.0
        return st.sampled_from([low, 0.0, high]) | st.floats(low, high)
    if column.kind == "date":
        # equal dates are common (rules compare them), and one lies before 1992 (formerly
        # used country codes were withdrawn after it)
        return (
            st.dates(dt.date(2023, 1, 1), dt.date(2024, 12, 31))
            | st.sampled_from([dt.date(2024, 1, 1), dt.date(2024, 1, 31), dt.date(2024, 12, 31)])
            | st.just(dt.date(1991, 6, 1))
        )
    if column.kind == "list" and column.cell_check == "country":
        return st.lists(st.sampled_from(COUNTRIES), max_size=2)
    if column.kind == "list":
        item = (
            st.from_regex(column.item_pattern, fullmatch=True)
            if column.item_pattern
            else st.text("xyz", min_size=1, max_size=3)
        )
        return st.lists(st.sampled_from(IDS) | item, max_size=2)
    if column.cell_check == "country":
        return st.sampled_from(COUNTRIES)
    if column.cell_check == "subdivision":
        return st.sampled_from(SUBDIVISIONS)
    if column.pattern is not None:
        return st.sampled_from(IDS) | st.from_regex(column.pattern, fullmatch=True)
    return st.text("xyz", min_size=1, max_size=3)


def cell_strategy(column: Column) -> st.SearchStrategy[Any]:
    value = value_strategy(column)
    if column.kind == "list":
        return value
    return value if column.required else st.none() | value


def rows(
    table: str,
    only: tuple[str, ...] | None = None,
    min_size: int = 1,
    max_size: int = 40,
) -> st.SearchStrategy[list[dict[str, Any]]]:
    """Rows of ``table`` (or of its columns ``only``) whose every cell passed layer 1;
    rules between cells may break."""
    row = st.fixed_dictionaries(
        {c.name: cell_strategy(c) for c in columns(table) if only is None or c.name in only}
    )
    return st.lists(row, min_size=min_size, max_size=max_size)


def typed_frame(table: str, records: list[dict[str, Any]]) -> pl.DataFrame:
    """The rows as the validator's typed table holds them (codes as Enums)."""
    present = set(records[0]) if records else {c.name for c in columns(table)}
    schema = {c.name: polars_dtype(c) for c in columns(table) if c.name in present}
    return pl.DataFrame(records, schema=schema)
