"""Bellingcat's civilian harm records (the TimeMap data behind its civilian harm map)
-> the standard (mapping in docs/importers/bellingcat.md).

Two forms circulate: the current JSON (an array of records whose ``sources`` and
``filters`` are lists) and an older CSV (sources as comma-joined links in one cell,
filters as comma-joined ``key=value`` pairs in ``associations``). Both are read into one
record form, then mapped alike. A record states no attribution (who struck is told in
the description, if at all), no actors and no figures: the importer writes no claim,
no participant and no casualty report.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conflictschema.importers.columnar import (
    FILE,
    SourceTable,
    by_value,
    by_values,
    coordinate,
    dated,
    day_at_a_point,
    located,
    mapped,
    place_or_day_title,
    quoted,
    skips,
    sources_table,
)
from conflictschema.importers.mapped import Mapped
from conflictschema.importers.sourcefile import (
    LINE,
    MAX_COLUMNS,
    Export,
    ImportFormatError,
    cell,
    csv_export,
    extension_name,
    parse_date,
    read_text,
    slug,
    too_wide,
    web_link,
)

if TYPE_CHECKING:
    import polars as pl

NAME = "bellingcat"
LABEL = "Bellingcat civilian harm"
REQUIRED = ("id", "date", "latitude", "longitude", "description")
#: Fields mapped to fields; every other field goes to an x_bellingcat_<field> extension.
MAPPED = {*REQUIRED, "location", "sources", "filters"}
#: Filter keys with a classification scheme of their own.
SCHEMES = {"type-of-area-affected": "bellingcat-area", "weapon-system": "bellingcat-weapon"}
#: Words in a weapon system -> event type; a record whose systems give different
#: types, or none, has no event type.
WEAPONS = (
    ("loitering", "drone_strike"),
    ("drone", "drone_strike"),
    ("missile", "missile_strike"),
    ("artillery", "artillery"),
    ("mlrs", "indirect_fire"),
    ("rocket", "indirect_fire"),
    ("aerial bomb", "air_strike"),
    ("airstrike", "air_strike"),
)


def read_export(path: Path) -> Export:
    """The records of a JSON or CSV export, in one form: the JSON's, with ``sources``
    as ``[{id, path, description}]`` and ``filters`` as ``[{key, value}]``."""
    text = read_text(path)
    if not text.lstrip().startswith(("[", "{")):
        export = csv_export(path, label=LABEL, required=REQUIRED)
        rows = [_from_csv(line, row) for line, row in export.rows]
        return _export(export.header, rows, export.lines)
    try:
        records = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ImportFormatError(f"{path}: not readable as JSON: {exc}") from None
    if not isinstance(records, list):
        raise ImportFormatError(f"{path}: not an export of {LABEL}: not an array of records")
    first = next((r for r in records if isinstance(r, dict)), {})
    missing = [key for key in REQUIRED if key not in first]
    if missing:
        raise ImportFormatError(
            f"{path}: not an export of {LABEL}: records without {', '.join(missing)} "
            f"({LABEL} records have {', '.join(REQUIRED)})"
        )
    return _export(sorted(first), list(_numbered(records)), len(records))


def _export(header: list[str], rows: list[tuple[int, dict[str, Any]]], lines: int) -> Export:
    return Export(header, rows, lines, table=lambda on_line: (header, _records_table(rows)))


def _numbered(records: list[Any]) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, record in enumerate(records, start=1):
        yield number, record if isinstance(record, dict) else {"__not_a_record": record}


def _from_csv(line: int, row: dict[str, str]) -> tuple[int, dict[str, Any]]:
    links = [part.strip() for part in row.get("sources", "").split(",") if part.strip()]
    pairs = [part.split("=", 1) for part in row.get("associations", "").split(",")]
    record: dict[str, Any] = {
        **{k: v for k, v in row.items() if k not in ("sources", "associations")},
        "sources": [{"path": link} for link in links],
        "filters": [
            {"key": k.strip(), "value": v.strip()} for k, v in (p for p in pairs if len(p) == 2)
        ],
    }
    return line, record


def _records_table(rows: Iterable[tuple[int, dict[str, Any]]]) -> pl.DataFrame:
    """What each record says, as text, one row per record: the one pass in Python,
    which takes apart the JSON values (anything may stand where text is expected);
    the mapping is then done on whole columns (:func:`map_export`). The lists a record
    holds (sources, filters, other fields) are gathered flat and nested by Polars."""
    import polars as pl

    fields: dict[str, list[Any]] = {name: [] for name in (LINE, "__is_record", *_TEXT_FIELDS)}
    nested: dict[str, dict[str, list[Any]]] = {
        name: {"__rec": [], **{part: [] for part in parts}} for name, parts in _NESTED.items()
    }

    # each list's append, bound once: the loop runs once per record, list item and field
    def appenders(name: str) -> tuple[Callable[[Any], None], ...]:
        return tuple(nested[name][part].append for part in ("__rec", *_NESTED[name]))

    source_rec, source_path, source_own, source_description = appenders("__sources")
    filter_rec, filter_key, filter_value = appenders("__filters")
    other_rec, other_key, other_text = appenders("__other")
    line_of, is_record_of = fields[LINE].append, fields["__is_record"].append
    id_of, date_of = fields["id"].append, fields["date"].append
    texts = [
        (key, fields[key].append) for key in ("latitude", "longitude", "location", "description")
    ]
    for rec, (line, record) in enumerate(rows):
        line_of(line)
        if "__not_a_record" in record:
            is_record_of(False)
            for name in _TEXT_FIELDS:
                fields[name].append(None)
            continue
        is_record_of(True)
        id_of(str(record.get("id") or "").strip())
        date_of(str(record.get("date") or ""))
        for key, append in texts:
            append(cell(record, key))
        entries = record.get("sources")
        for entry in entries if isinstance(entries, list) else []:
            entry = entry if isinstance(entry, dict) else {"path": str(entry)}
            source_rec(rec)
            source_path(str(entry.get("path") or "").strip())
            source_own(str(entry.get("id") or "").strip())
            source_description(str(entry.get("description") or "").strip())
        raw_filters = record.get("filters")
        for entry in raw_filters if isinstance(raw_filters, list) else []:
            if isinstance(entry, dict) and entry.get("key") and entry.get("value"):
                filter_rec(rec)
                filter_key(str(entry["key"]).strip())
                filter_value(str(entry["value"]).strip())
        for key, value in record.items():
            if key not in MAPPED and value not in (None, ""):
                other_rec(rec)
                other_key(key)
                other_text(
                    value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                )
    fields_kept = len(set(nested["__other"]["key"]))  # each an extension column
    if fields_kept > MAX_COLUMNS:
        raise too_wide(fields_kept, "the records' other fields make")
    frame = pl.DataFrame(
        fields,
        schema={
            LINE: pl.Int64,
            "__is_record": pl.Boolean,
            **dict.fromkeys(_TEXT_FIELDS, pl.String),
        },
    ).with_row_index("__rec")
    for name, parts in _NESTED.items():
        flat = pl.DataFrame(
            nested[name], schema={"__rec": pl.UInt32, **dict.fromkeys(parts, pl.String)}
        )
        lists = flat.group_by("__rec", maintain_order=True).agg(pl.struct(*parts).alias(name))
        frame = frame.join(lists, on="__rec", how="left", maintain_order="left")
        frame = frame.with_columns(pl.col(name).fill_null([]))
    return frame.drop("__rec")


#: The text a record gives (``None`` where it gives none), one column each.
_TEXT_FIELDS = ("id", "date", "latitude", "longitude", "location", "description")
#: The lists a record holds, with the parts of each item.
_NESTED = {
    "__sources": ("path", "own", "description"),
    "__filters": ("key", "value"),
    "__other": ("key", "text"),
}


def map_export(files: list[SourceTable]) -> Mapped:
    """Every Bellingcat record of ``files`` in the standard's tables, mapped column by
    column: slugs, links and dates are worked out once per distinct value."""
    import polars as pl

    c = pl.col
    records = pl.concat(
        [table.frame.with_columns(pl.lit(table.file).alias(FILE)) for table in files],
        how="vertical_relaxed",
    )
    skipped = skips(
        records.filter(~c("__is_record")), pl.lit("not a record (an object with id, date, ...)")
    )
    records = records.filter(c("__is_record"))
    id_ok = c("id").str.contains(r"^[A-Za-z0-9._-]{1,40}$")
    skipped += skips(
        records.filter(~id_ok),
        pl.format("id {} is not a Bellingcat record id", quoted("id")),
    )
    rows, undated = dated(records.filter(id_ok), "date", _day, "date {} is no MM/DD/YYYY date")
    skipped += undated
    rows = rows.with_columns((pl.lit(f"{NAME}-") + c("id")).alias("__id")).with_columns(
        (pl.lit("src-") + c("__id")).alias("__record")
    )
    first = rows.unique("__id", keep="first", maintain_order=True)
    entries = _entries(rows)
    built = {
        "incidents": _incidents(first, entries),
        "sources": _sources(rows, entries),
    }
    return mapped(built, rows, first, skipped)


def _day(text: str) -> dt.date | None:
    return parse_date(text, day_first=False)


def _entries(rows: pl.DataFrame) -> pl.DataFrame:
    """Each source a record lists (of every record, a merged duplicate's too), with its
    place in the list (from 1), its source id and its link (null for no http(s) link)."""
    import polars as pl

    c = pl.col
    entries = (
        rows.select(
            "__row",
            "__id",
            c("__sources"),
            pl.int_ranges(1, c("__sources").list.len() + 1).alias("__n"),
        )
        .explode("__sources", "__n")
        .drop_nulls("__n")
        .unnest("__sources")
    )
    return entries.with_columns(
        pl.when(c("own") != "")
        .then(pl.lit(f"src-{NAME}-") + by_value(entries.get_column("own"), _own_slug, pl.String))
        .otherwise(pl.lit("src-") + c("__id") + pl.lit("-") + c("__n").cast(pl.String))
        .alias("__source_id"),
        by_value(entries.get_column("path"), web_link, pl.String).alias("__url"),
    )


def _own_slug(own: str) -> str:
    return slug(own, 40)


def _sources(rows: pl.DataFrame, entries: pl.DataFrame) -> pl.DataFrame:
    """The sources the records list, then each record's own ``dataset_record`` source
    relaying them, in the order the records name them (the first of each id kept)."""
    import polars as pl

    c = pl.col
    listed = (
        entries.select(
            "__row",
            c("__n").alias("__order"),
            c("__source_id").alias("id"),
            c("__url").alias("url"),
            pl.when(c("description") != "")
            .then(c("description"))
            .otherwise(c("path"))
            .str.slice(0, 500)
            .alias("__title"),
            pl.lit("other").alias("source_type"),
        )
        .with_columns(pl.when(c("__title") != "").then(c("__title")).alias("title"))
        .drop("__title")
    )
    relays = entries.group_by("__row", maintain_order=True).agg(c("__source_id").alias("relays"))
    records = (
        rows.select(
            "__row",
            pl.lit(1 << 40).alias("__order"),  # after the record's own list
            c("__record").alias("id"),
            pl.format("Bellingcat civilian harm record {}", c("id")).alias("title"),
            pl.lit("Bellingcat").alias("publisher"),
            pl.lit("dataset_record").alias("source_type"),
        )
        .join(relays, on="__row", how="left", maintain_order="left")
        .with_columns(c("relays").fill_null([]))
    )
    ordered = pl.concat([listed, records], how="diagonal_relaxed").sort(
        "__row", "__order", maintain_order=True
    )
    return sources_table(ordered.drop("__row", "__order"))


def _classification(key: str, value: str) -> str:
    scheme = SCHEMES.get(slug(key, 24), "bellingcat-" + slug(key, 20))
    return f"{scheme}:{slug(value, 120)}"


def _weapons(value: str) -> list[str]:
    return [code for word, code in WEAPONS if word in value.lower()]


def _incidents(first: pl.DataFrame, entries: pl.DataFrame) -> pl.DataFrame:
    import polars as pl

    c = pl.col
    filters = (
        first.select("__row", "__filters").explode("__filters").drop_nulls().unnest("__filters")
    )
    filters = filters.with_columns(
        by_values(filters, _classification, pl.String, c("key"), c("value")).alias("__class"),
        by_value(filters.get_column("value"), _weapons, pl.List(pl.String)).alias("__weapons"),
    )
    classified = filters.group_by("__row").agg(c("__class").unique().sort().alias("__classes"))
    weapons = (
        filters.filter(c("key") == "Weapon System")
        .explode("__weapons")
        .group_by("__row")
        .agg(c("__weapons").drop_nulls().unique().alias("__codes"))
        .select(
            "__row",
            pl.when(c("__codes").list.len() == 1).then(c("__codes").list.first()).alias("__event"),
        )
    )
    first = (
        first.join(classified, on="__row", how="left", maintain_order="left")
        .join(weapons, on="__row", how="left", maintain_order="left")
        .with_columns(
            coordinate("latitude", 90).alias("__latitude"),
            coordinate("longitude", 180).alias("__longitude"),
        )
    )
    incidents = first.select(
        "__row",
        c("__id").alias("id"),
        place_or_day_title("Civilian harm record {}: {}", "id", "location", "__day"),
        c("description").alias("summary"),
        c("__event").alias("event_type"),
        c("__classes").fill_null([]).alias("classifications"),
        *day_at_a_point("__day", "__latitude", "__longitude"),
        c("location").str.slice(0, 500).alias("location_name"),
        pl.lit("active").alias("status"),
        pl.concat_list(pl.lit(f"{NAME}:") + c("id")).alias("external_ids"),
        pl.concat_list(c("__record")).alias("source_ids"),
    )
    extensions = _extensions(first, filters, entries, located("__latitude", "__longitude"))
    if extensions is not None:
        incidents = incidents.join(extensions, on="__row", how="left", maintain_order="left")
    return incidents.drop("__row")


def _extensions(
    first: pl.DataFrame, filters: pl.DataFrame, entries: pl.DataFrame, point: pl.Expr
) -> pl.DataFrame | None:
    """What has no field, kept as text in ``x_bellingcat_<name>`` columns: each filter's
    values, the coordinates of a record not located, the links that are no link, and
    every other field of the record; where two give one name, the later one stands."""
    import polars as pl

    c = pl.col
    by_filter = filters.group_by("__row", "key", maintain_order=True).agg(
        c("value").str.join("; ").alias("value")
    )
    parts = [
        by_filter.select("__row", pl.lit(0).alias("__stage"), "key", "value"),
        *(
            first.filter(~point & c(key).is_not_null()).select(
                "__row", pl.lit(1).alias("__stage"), pl.lit(key).alias("key"), c(key).alias("value")
            )
            for key in ("latitude", "longitude")
        ),
        entries.filter((c("path") != "") & c("__url").is_null())
        .join(first.select("__row"), on="__row", how="semi")
        .group_by("__row", maintain_order=True)
        .agg(c("path").str.join("; ").alias("value"))
        .select(
            "__row", pl.lit(2).alias("__stage"), pl.lit("unlinked_sources").alias("key"), "value"
        ),
        first.select("__row", "__other")
        .explode("__other")
        .drop_nulls("__other")
        .unnest("__other")
        .select("__row", pl.lit(3).alias("__stage"), "key", c("text").alias("value")),
    ]
    values = pl.concat(parts, how="vertical_relaxed").with_row_index("__order")
    if values.is_empty():
        return None
    values = values.with_columns(
        by_value(values.get_column("key"), _extension_name, pl.String).alias("name")
    )
    last = (
        values.sort("__order").group_by("__row", "name", maintain_order=True).agg(c("value").last())
    )
    names = last.get_column("name").unique(maintain_order=True).to_list()
    wide = last.pivot(on="name", index="__row", values="value")
    return wide.select("__row", *names)


def _extension_name(key: str) -> str:
    return extension_name(NAME, key)
