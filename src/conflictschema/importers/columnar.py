"""Mapping a whole export at once: its rows as one frame of text, and the standard's
tables built from it by Polars expressions.

Every importer maps its exports this way: the Python work is done once per distinct
value (a date's form, a country's name, an actor's slug), not once per row, so an export
of a million rows costs seconds. What each hands on is a
:class:`~conflictschema.importers.mapped.Mapped`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from conflictschema.importers.crosswalks import region_code
from conflictschema.importers.mapped import Mapped, Skip
from conflictschema.importers.sourcefile import LINE, MISSING, extension_name, slug
from conflictschema.models.columns import CHILD_TABLES, columns, extension_names
from conflictschema.models.frames import kind_dtype, list_defaults, rows_frame

if TYPE_CHECKING:
    import polars as pl

#: The column a source frame adds to the export's own: the file a record came from.
FILE = "__file"


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


def by_values(
    frame: pl.DataFrame,
    function: Callable[..., Any],
    dtype: pl.DataType | type[pl.DataType],
    *keys: pl.Expr,
) -> pl.Series:
    """``function(*key)`` for each row's ``keys``, called once per distinct key: a
    million rows holding a few thousand dates, names or (country, region) pairs cost a
    few thousand calls."""
    import polars as pl

    names = [f"__key{n}" for n in range(len(keys))]
    keyed = frame.select(key.alias(name) for key, name in zip(keys, names, strict=True))
    distinct = keyed.unique(maintain_order=True)
    results = pl.Series("__result", [function(*key) for key in distinct.iter_rows()], dtype=dtype)
    found = keyed.join(
        distinct.with_columns(results),
        on=names,
        how="left",
        nulls_equal=True,
        maintain_order="left",
    )
    return found.get_column("__result")


def by_value(
    series: pl.Series, function: Callable[[Any], Any], dtype: pl.DataType | type[pl.DataType]
) -> pl.Series:
    """:func:`by_values` of one column."""
    import polars as pl

    return by_values(series.to_frame(), function, dtype, pl.col(series.name)).alias(series.name)


def classifications(frame: pl.DataFrame, *labels: pl.Expr) -> pl.Series:
    """Each row's ``classifications``: its distinct labels, sorted, a null label left
    out. Worked out once per distinct combination of labels, which an export's rows
    share (a few dozen in a UCDP GED export, about a hundred in ACLED's): a list made,
    deduplicated and sorted in every row was the costliest field of UCDP GED's
    incidents."""
    import polars as pl

    return by_values(frame, _sorted_labels, pl.List(pl.String), *labels).alias("classifications")


def _sorted_labels(*labels: str | None) -> list[str]:
    return sorted({label for label in labels if label is not None})


def region_codes(frame: pl.DataFrame, country: pl.Expr, region: pl.Expr) -> pl.Series:
    """Each row's ISO 3166-2 code of its first-level ``region`` name in ``country``
    (:func:`conflictschema.importers.crosswalks.region_code`)."""
    import polars as pl

    return by_values(frame, region_code, pl.String, country, region)


#: The characters Python's ``str.strip()`` strips: Unicode's whitespace and the four
#: separators \x1c-\x1f, which Polars' own strip keeps.
PY_WHITESPACE = "".join(chr(n) for n in range(0x3001) if chr(n).isspace())


def stripped(column: str | pl.Expr) -> pl.Expr:
    """The text without the whitespace around it, as Python strips it."""
    import polars as pl

    expr = pl.col(column) if isinstance(column, str) else column
    return expr.str.strip_chars(PY_WHITESPACE)


def cell(column: str, missing: frozenset[str] = MISSING) -> pl.Expr:
    """:func:`conflictschema.importers.sourcefile.cell` as an expression: the stripped
    text, or null for an empty cell or a placeholder (``NA``, ``-``, ... or ``missing``)."""
    import polars as pl

    text = stripped(column)
    return pl.when(~text.is_in(sorted(missing))).then(text)


def text(column: str | pl.Expr, limit: int | None = None) -> pl.Expr:
    """The stripped cell (at most ``limit`` characters), or null when it is empty."""
    import polars as pl

    value = stripped(column)
    if limit is not None:
        value = value.str.slice(0, limit)
    return pl.when(value != "").then(value)


def coordinate(column: str, limit: float) -> pl.Expr:
    """:func:`conflictschema.importers.sourcefile.coordinate` as an expression."""
    import polars as pl

    value = stripped(column).str.replace_all(",", ".", literal=True).cast(pl.Float64, strict=False)
    return pl.when(value.abs() <= limit).then(value)


def whole_number(value: pl.Expr) -> pl.Expr:
    """:func:`conflictschema.importers.sourcefile.whole_number` as an expression (its
    digits are ASCII ones)."""
    import polars as pl

    digits = stripped(value).str.strip_suffix(".0")
    return pl.when(digits.str.contains(r"^[0-9]{1,12}$")).then(digits.cast(pl.Int64, strict=False))


def located(latitude: str, longitude: str) -> pl.Expr:
    """Whether both coordinates were read: a point needs both."""
    import polars as pl

    return pl.col(latitude).is_not_null() & pl.col(longitude).is_not_null()


def day_at_a_point(day: str, latitude: str, longitude: str) -> list[pl.Expr]:
    """The date and place fields of a record that gives one day and, perhaps, a point
    with no precision stated: the day, not otherwise bounded (``uncertain``), and the
    point as ``approximate`` (within about 25 km), which claims no more than was said."""
    import polars as pl

    c = pl.col
    point = located(latitude, longitude)
    return [
        c(day).alias("date_start"),
        c(day).alias("date_end"),
        pl.lit("day").alias("date_precision"),
        pl.lit("uncertain").alias("date_span"),
        pl.when(point).then(c(latitude)).alias("latitude"),
        pl.when(point).then(c(longitude)).alias("longitude"),
        pl.when(point).then(pl.lit("approximate")).alias("geo_precision"),
    ]


def place_or_day_title(template: str, code: str, place: str, day: str) -> pl.Expr:
    """A title from ``template`` ("... {}: {}") with the record's code and its place,
    or its day where it names no place (at most 500 characters)."""
    import polars as pl

    c = pl.col
    where = pl.coalesce(c(place), c(day).dt.to_string("%Y-%m-%d"))
    return pl.format(template, c(code), where).str.slice(0, 500).alias("title")


def quoted(column: str) -> pl.Expr:
    """The cell as Python's ``repr`` shows it (``None`` where there is no cell), for a
    skip's reason."""
    import polars as pl

    value = pl.col(column)
    return (
        pl.when(value.is_null())
        .then(pl.lit("None"))
        .otherwise(value.map_elements(repr, return_dtype=pl.String))
    )


def with_columns_present(frame: pl.DataFrame, names: Iterable[str]) -> pl.DataFrame:
    """``frame`` with each of ``names`` it lacks as a column of empty cells (a name
    given twice is added once)."""
    import polars as pl

    given = set(frame.columns)
    lacking = dict.fromkeys(n for n in names if n not in given)
    return frame.with_columns(pl.lit("").alias(n) for n in lacking)


def numbered(key: str, marker: str) -> pl.Expr:
    """``<key>-<marker><n>``, n counting the rows of each ``key`` from 1 in order."""
    import polars as pl

    n = pl.int_range(pl.len()).over(key) + 1
    return pl.col(key) + f"-{marker}" + n.cast(pl.String)


def items(name: str, separator: str = ";") -> pl.Expr:
    """The cell split at ``separator``, each item stripped, empty items dropped."""
    import polars as pl

    return (
        pl.col(name)
        .str.split(separator)
        .list.eval(stripped(pl.element()))
        .list.eval(pl.element().filter(pl.element() != ""))
    )


def mentioned(mentions: pl.DataFrame, prefix: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Participants and actors from ``mentions`` (``__row``, ``__order``, ``__id``,
    ``__record``, ``name``, ``kind``, ``role``), in the order the rows name them: an
    event's participants are numbered as first named (a later row of the same event
    adds only the actors it names anew), and each actor takes the kind of its first
    mention."""
    import polars as pl

    c = pl.col
    mentions = mentions.filter(c("name").is_not_null() & (c("name") != "")).sort(
        "__row", "__order", maintain_order=True
    )
    mentions = mentions.with_columns(
        by_value(
            mentions.get_column("name"), lambda name: f"{prefix}-actor-{slug(name)}", pl.String
        ).alias("actor")
    )
    participants = (
        mentions.filter(c("role").is_not_null())
        .unique(["__id", "actor", "role"], keep="first", maintain_order=True)
        .select(
            numbered("__id", "p").alias("id"),
            c("__id").alias("incident_id"),
            "actor",
            "role",
            pl.concat_list(c("__record")).alias("source_ids"),
        )
    )
    actors = mentions.select(c("actor").alias("id"), c("name").str.slice(0, 500), "kind").unique(
        "id", keep="first", maintain_order=True
    )
    return participants, actors


def sources_table(*parts: pl.DataFrame) -> pl.DataFrame:
    """The sources of ``parts``, the first of each id kept, judged by no one and public
    (an importer adds no judgement of its own)."""
    import polars as pl

    return (
        pl.concat(parts, how="diagonal_relaxed")
        .unique("id", keep="first", maintain_order=True)
        .with_columns(
            pl.lit("cannot_be_judged").alias("reliability"), pl.lit("public").alias("access")
        )
    )


def extensions(
    names: Iterable[str],
    source: str,
    mapped: Collection[str],
    lost: Mapping[str, pl.Expr] | None = None,
    missing: Collection[str] = ("",),
) -> list[pl.Expr]:
    """The ``x_<source>_<column>`` extension columns that keep what no field took:
    every column not ``mapped``, a column's repeats (``name~2``), and a mapped column
    whose value found no field (``lost``: column -> where it found none); a cell that
    is blank or, stripped, one of ``missing`` is no value."""
    import polars as pl

    lost = lost or {}
    kept: dict[str, pl.Expr] = {}
    for column in names:
        if column.startswith("__"):
            continue
        base_mapped = column.split("~")[0] in mapped and "~" not in column
        if base_mapped and column not in lost:
            continue
        name = extension_name(source, column.replace("~", "_"))
        keep = ~stripped(column).is_in(sorted({"", *missing}))
        if base_mapped:
            keep = keep & lost[column]
        kept[name] = pl.when(keep).then(pl.col(column)).alias(name)
    return list(kept.values())


def conform(table: str, frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` as the importers hand a table on: the standard's columns in order with
    their kinds' types (codes as text; a column it lacks is empty), then its extension
    columns that hold a value, as text, in the order of the export's columns."""
    import polars as pl

    defaults = list_defaults(table)
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
    # an extension column no row has a value in says nothing: it is not written
    kept = [
        name
        for name in extension_names(frame)
        if frame.get_column(name).null_count() < frame.height
    ]
    selected += [pl.col(name).cast(pl.String) for name in kept]
    return frame.select(selected)


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


def dated(
    frame: pl.DataFrame, column: str, parse: Callable[[str], dt.date | None], reason: str
) -> tuple[pl.DataFrame, list[Skip]]:
    """The rows of ``frame`` whose ``column`` ``parse`` reads as a day (``__day``),
    numbered in order (``__row``); and a skip for each other row, its ``reason`` ("...
    {} ...") given the cell as Python shows it."""
    import polars as pl

    c = pl.col
    frame = frame.with_columns(by_value(frame.get_column(column), parse, pl.Date).alias("__day"))
    skipped = skips(frame.filter(c("__day").is_null()), pl.format(reason, quoted(column)))
    return frame.filter(c("__day").is_not_null()).with_row_index("__row"), skipped


def record_sources(
    first: pl.DataFrame, title: pl.Expr, publisher: str, relayed: pl.DataFrame
) -> pl.DataFrame:
    """The sources of a mapped export: each incident's own record in the source
    dataset (``dataset_record``, cited by everything the incident holds), relaying the
    sources it names; ``relayed`` has those, with the ``__id`` of the incident naming
    them, in order (the first of each id is kept)."""
    import polars as pl

    c = pl.col
    relays = (
        relayed.join(first.select("__id"), on="__id", how="semi")
        .group_by("__id", maintain_order=True)
        .agg(c("id").alias("relays"))
    )
    records = (
        first.select(
            c("__record").alias("id"),
            title.alias("title"),
            pl.lit(publisher).alias("publisher"),
            pl.lit("dataset_record").alias("source_type"),
            "__id",
        )
        .join(relays, on="__id", how="left")
        .with_columns(c("relays").fill_null([]))
        .drop("__id")
    )
    return sources_table(records, relayed.drop("__id", "__row", strict=False))


def mapped(
    built: dict[str, pl.DataFrame], rows: pl.DataFrame, first: pl.DataFrame, skipped: list[Skip]
) -> Mapped:
    """What a whole-export mapping hands on: every table of the standard, each source
    row's incident, file and line, and the counts of incidents made and rows merged."""
    import polars as pl

    c = pl.col
    return Mapped(
        all_tables(built),
        rows.select(c("__id").alias("incident_id"), c(FILE).alias("file"), c(LINE).alias("line")),
        skipped,
        imported=first.height,
        merged=rows.height - first.height,
    )
