"""The normal form written straight from checked tables: CSV, dataset JSON and JSONL.

This is how convert and release write, so a million incidents never become a million
Pydantic objects. The bytes are those of the model writers (``write_package``,
``write_json``, ``write_jsonl``): rows sorted by id, columns in model order, minimal
RFC 4180 quoting that also quotes a lone CR, numbers as Python writes them, and the
JSON document indented by two spaces with every field present. The tests hold the two
writers to the same bytes.

A table here is a Polars frame with the standard's columns as typed values (codes as
text or Enums, dates as Date, lists as List(String)), as the validator's loader builds.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

from conflictschema.files import atomic_write, atomic_write_text
from conflictschema.generate.table_schema import generate_datapackage
from conflictschema.io.jsontext import array_text, number_text, object_text, value_text
from conflictschema.models.columns import (
    NESTED_MODELS,
    TABLE_MODELS,
    Column,
    columns,
    extension_column,
    extension_names,
)
from conflictschema.models.dataset import DatasetMetadata
from conflictschema.models.types import is_extension

if TYPE_CHECKING:
    import polars as pl

#: Text a spreadsheet would run as a formula starts with one of these (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Rows written at a time, so memory holds one batch of text, not the whole file.
BATCH_ROWS = 50_000
#: Incidents written at a time as JSON documents. A document holds its children and is
#: some kilobytes, and a batch's texts are built in a few steps that are alive at once:
#: 50,000 added 450-640 MB to the peak of writing a million incidents, 10,000 adds
#: about a fifth of that in the same time.
INCIDENT_BATCH = 10_000


def sorted_tables(typed: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """Each table with the standard's columns in model order, then its extension
    columns in their own order, rows sorted by id.

    A table already in that order (every table written in the normal form is) is not
    sorted again: sorting would copy every column of it."""
    import polars as pl

    tables = {}
    for table in TABLE_MODELS:
        names = [c.name for c in columns(table)]
        frame = typed.get(table)
        if frame is None:
            frame = pl.DataFrame(schema={name: pl.String for name in names})
        names += extension_names(frame)
        tables[table] = sorted_by(frame.select(names), ["id"])
    return tables


def sorted_by(frame: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """``frame`` sorted by ``keys``, stably; the frame itself when it is in that order
    already (as a table of the normal form is), since sorting copies every column."""
    import polars as pl

    if any(frame.get_column(key).null_count() for key in keys) or not in_order(frame, keys):
        return frame.sort(keys, maintain_order=True)
    if len(keys) == 1:  # flagged as sorting flags it
        return frame.with_columns(pl.col(keys[0]).set_sorted())
    return frame


def in_order(frame: pl.DataFrame, keys: list[str], *, strictly: bool = False) -> bool:
    """Whether each row of ``frame`` comes after the one before it by ``keys`` (no two
    rows equal on all of them, if ``strictly``), in one pass; a pair of rows with a
    missing key between them settles nothing."""
    rows = max(frame.height - 1, 0)  # each row but the first, against the row before it
    # greater on a key, or equal on it and in order on the keys after it
    after: pl.Series | bool = not strictly
    for key in reversed(keys):
        column = frame.get_column(key)
        this, before = column.slice(1, rows), column.slice(0, rows)
        after = (this > before) | ((this == before) & after)
    return after if isinstance(after, bool) else bool(after.all())


def table_columns(table: str, frame: pl.DataFrame) -> tuple[Column, ...]:
    """The columns a table's frame is written with: the standard's, then its extensions."""
    return columns(table) + tuple(extension_column(n) for n in extension_names(frame))


def _cell_text(column: Column, defuse: bool) -> pl.Expr:
    """The normal text of ``column``'s cells, unquoted; null for a missing value (and
    an empty list), which the CSV writer leaves empty."""
    import polars as pl

    cell = pl.col(column.name)
    text: pl.Expr
    if column.kind == "list":
        text = pl.when(cell.list.len() > 0).then(cell.list.join(column.delimiter))
    elif column.kind == "date":
        text = cell.dt.to_string("%Y-%m-%d")
    elif column.kind == "number":
        text = number_text(cell)
    else:
        text = cell.cast(pl.String)
    if defuse and (column.free_text or column.kind == "list"):
        risky = pl.any_horizontal([text.str.starts_with(s) for s in FORMULA_STARTS])
        text = pl.when(risky).then(pl.lit("'") + text).otherwise(text)
    # an empty text is no value: written as nothing, as a missing one is
    return pl.when(text.str.len_bytes() > 0).then(text).alias(column.name)


def write_csv(table: str, frame: pl.DataFrame, path: Path, *, defuse: bool = False) -> None:
    """Write one table's normal CSV; ``defuse`` prefixes formula-like free text with '.

    Polars writes the cells' text with the normal form's quoting (a cell holding a
    separator, quote, CR or LF is quoted, its quotes doubled), a batch of rows at a
    time, so memory holds one batch of text, not the whole file."""
    cols = table_columns(table, frame)
    texts = [_cell_text(c, defuse) for c in cols]
    with path.open("wb") as handle:
        handle.write((",".join(c.name for c in cols) + "\n").encode("utf-8"))
        for start in range(0, frame.height, BATCH_ROWS):
            frame.slice(start, BATCH_ROWS).select(texts).write_csv(
                handle, include_header=False, quote_style="necessary", null_value=""
            )


# ---------------------------------------------------------------- JSON

_CHILDREN = tuple((table, list(model.model_fields)) for table, model in NESTED_MODELS.items())


def _object(
    table: str,
    frame: pl.DataFrame,
    keys: list[str],
    depth: int,
    indent: bool,
    extra: Sequence[tuple[str, pl.Expr]] = (),
) -> pl.Expr:
    """One record of ``table`` as a JSON object with ``keys``, the frame's extension
    columns, then ``extra`` fields (an incident's children)."""
    cols = table_columns(table, frame)
    by_name = {c.name: c for c in cols}
    names = keys + [c.name for c in cols if is_extension(c.name)]
    fields = [(key, value_text(by_name[key], depth + 1, indent)) for key in names]
    return object_text([*fields, *extra], depth, indent)


def record_texts(table: str, frame: pl.DataFrame, depth: int, indent: bool) -> Iterator[pl.Series]:
    """The JSON text of each row of an actors or sources table, in batches."""
    keys = [c.name for c in columns(table)]
    expression = _object(table, frame, keys, depth, indent)
    for start in range(0, frame.height, BATCH_ROWS):
        yield frame.slice(start, BATCH_ROWS).select(expression).to_series()


def incident_texts(
    tables: dict[str, pl.DataFrame], depth: int, indent: bool
) -> Iterator[pl.Series]:
    """Each incident's nested document as JSON text, in id order and in batches: the
    incident's fields, then the rows of each child table (in id order) embedded."""
    import polars as pl

    incidents = tables["incidents"]
    children = {name: sorted_by(tables[name], ["incident_id", "id"]) for name, _ in _CHILDREN}
    child_text = {
        name: _object(name, tables[name], keys, depth + 2, indent).alias("__text")
        for name, keys in _CHILDREN
    }
    extra = [
        (
            name,
            array_text(
                pl.col(name).fill_null(pl.lit([], dtype=pl.List(pl.String))), depth + 1, indent
            ),
        )
        for name, _ in _CHILDREN
    ]
    keys = [c.name for c in columns("incidents")]
    expression = _object("incidents", incidents, keys, depth, indent, extra)
    for start in range(0, incidents.height, INCIDENT_BATCH):
        batch = incidents.slice(start, INCIDENT_BATCH)
        ids = batch.get_column("id")
        low, high = ids[0], ids[-1]
        for name in children:
            owners = children[name].get_column("incident_id")
            first = int(owners.search_sorted(low, side="left"))
            last = int(owners.search_sorted(high, side="right"))
            texts = (
                children[name]
                .slice(first, last - first)
                .select("incident_id", child_text[name])
                .group_by("incident_id", maintain_order=True)
                .agg(pl.col("__text").alias(name))
            )
            batch = batch.join(
                texts, left_on="id", right_on="incident_id", how="left", maintain_order="left"
            )
        yield batch.select(expression).to_series()


def _write_texts(handle: IO[bytes], texts: pl.Series, before: pl.Expr) -> None:
    """Write each text after ``before`` (an expression of the row's position), with no
    line end: Polars writes the batch's bytes, so no text becomes a Python string."""
    import polars as pl

    frame = texts.to_frame("__text").with_row_index("__n")
    frame.select(before + pl.col("__text")).write_csv(
        handle, include_header=False, quote_style="never", line_terminator=""
    )


def _write_list(handle: IO[bytes], key: str, batches: Iterator[pl.Series], last: bool) -> None:
    import polars as pl

    written = 0
    handle.write(f"  {json.dumps(key)}: [".encode())
    for batch in batches:
        # each item on its own line, indented, after a comma unless it is the first
        first = pl.when((pl.col("__n") == 0) & pl.lit(written == 0))
        _write_texts(handle, batch, first.then(pl.lit("\n    ")).otherwise(pl.lit(",\n    ")))
        written += batch.len()
    end = "\n" if last else ",\n"
    handle.write((f"\n  ]{end}" if written else f"]{end}").encode())


def write_dataset_json(
    metadata: DatasetMetadata, tables: dict[str, pl.DataFrame], path: Path
) -> None:
    """The dataset document, streamed: never more than a batch of rows in memory as text."""
    meta = metadata.model_dump(mode="json")
    with path.open("wb") as handle:
        handle.write(b"{\n")
        for key in DatasetMetadata.model_fields:
            text = json.dumps(meta[key], indent=2, ensure_ascii=False).replace("\n", "\n  ")
            handle.write(f"  {json.dumps(key)}: {text},\n".encode())
        _write_list(handle, "actors", record_texts("actors", tables["actors"], 2, True), False)
        _write_list(handle, "sources", record_texts("sources", tables["sources"], 2, True), False)
        _write_list(handle, "incidents", incident_texts(tables, 2, True), True)
        handle.write(b"}\n")


def write_incidents_jsonl(tables: dict[str, pl.DataFrame], path: Path) -> None:
    """One incident document per line, compact."""
    import polars as pl

    with path.open("wb") as handle:
        for batch in incident_texts(tables, 0, False):
            _write_texts(handle, batch + "\n", pl.lit(""))


def write_package_tables(
    meta: DatasetMetadata, tables: dict[str, pl.DataFrame], path: Path, *, defuse: bool = False
) -> None:
    """A CSV data package in the normal form (``defuse``: formula-like text prefixed with ')."""
    descriptor = generate_datapackage(
        meta, {table: extension_names(frame) for table, frame in tables.items()}
    )
    atomic_write_text(
        path / "datapackage.json", json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
    )
    for table, frame in tables.items():
        atomic_write(
            path / "data" / f"{table}.csv",
            lambda tmp, t=table, f=frame: write_csv(t, f, tmp, defuse=defuse),  # type: ignore[misc]
        )


def write_tables(meta: DatasetMetadata, tables: dict[str, pl.DataFrame], target: Path) -> Path:
    """Write the tables where ``target`` says: a ``.json`` document, a ``.jsonl`` file, or
    else a CSV data package directory; every file is replaced atomically."""
    if target.suffix == ".json":
        atomic_write(target, lambda tmp: write_dataset_json(meta, tables, tmp))
    elif target.suffix == ".jsonl":
        atomic_write(target, lambda tmp: write_incidents_jsonl(tables, tmp))
    else:
        write_package_tables(meta, tables, target)
    return target
