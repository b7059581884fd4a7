"""ACLED event exports -> the standard (mapping in docs/importers/acled.md).

ACLED's actor 1 and actor 2 imply no direction, so they become participants (side_a,
side_b; in an actor-centric export, where the filter actor fills actor 1 in every row,
role_unknown), never a claim's perpetrator: an ACLED row states no claim. Its own
categories go to classifications, its fatalities to a casualty report whose 0 means
"none or unknown", its id to external_ids, and the row itself is cited as a
dataset_record source that relays the outlets it names.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from conflictschema.importers.columnar import (
    FILE,
    SourceTable,
    by_value,
    by_values,
    classifications,
    coordinate,
    dated,
    extensions,
    items,
    mapped,
    mentioned,
    record_sources,
    region_codes,
    skips,
    source_frame,
    stripped,
    text,
    whole_number,
    with_columns_present,
)
from conflictschema.importers.crosswalks import country_by_name, iso_numeric
from conflictschema.importers.mapped import Mapped
from conflictschema.importers.sourcefile import (
    Export,
    csv_export,
    parse_date,
    slug,
)
from conflictschema.models.classifications import slug as category

if TYPE_CHECKING:
    import polars as pl

NAME = "acled"
LABEL = "ACLED"
#: Columns every ACLED export has; a file without them is not one.
REQUIRED = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "country")
#: Columns mapped to fields; every other column goes to an x_acled_<column> extension.
MAPPED = {
    "event_id_cnty", "event_date", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
    "inter2", "iso", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "notes", "fatalities",
}  # fmt: skip

#: ACLED's actor types (inter1, inter2), by number (before 2024) and by label (since).
ACTOR_TYPES = {
    "1": "State forces",
    "2": "Rebel group",
    "3": "Political militia",
    "4": "Identity militia",
    "5": "Rioters",
    "6": "Protesters",
    "7": "Civilians",
    "8": "External/Other forces",
}
#: Actor type -> the standard's actor kind; kinds ACLED's type does not settle are group.
KINDS = {
    "state forces": "armed_forces",
    "rebel group": "non_state_armed_group",
    "political militia": "non_state_armed_group",
    "identity militia": "non_state_armed_group",
}
#: ACLED sub-event type -> event type (the method code list).
EVENT_TYPES = {
    "armed-clash": "armed_clash",
    "government-regains-territory": "armed_clash",
    "non-state-actor-overtakes-territory": "armed_clash",
    "chemical-weapon": "chemical_weapon",
    "air-drone-strike": "explosion_unspecified",
    "suicide-bomb": "suicide_bombing",
    "shelling-artillery-missile-attack": "indirect_fire",
    "remote-explosive-landmine-ied": "explosive_charge",
    "grenade": "grenade",
    "sexual-violence": "sexual_violence",
    "abduction-forced-disappearance": "abduction",
    "peaceful-protest": "protest",
    "protest-with-intervention": "protest",
    "excessive-force-against-protesters": "protest",
    "violent-demonstration": "riot",
    "mob-violence": "riot",
    "arrests": "arrest",
    "looting-property-destruction": "looting",
}
#: time_precision -> date precision (1 the day, 2 within a few days, 3 the month).
DATE_PRECISIONS = {"1": "day", "2": "approximate_day", "3": "month"}
#: geo_precision -> geo precision (1 the place, 2 near it or part of a region, 3 a larger region).
GEO_PRECISIONS = {"1": "settlement", "2": "approximate", "3": "region"}


def read_export(path: Path) -> Export:
    return csv_export(path, label=LABEL, required=REQUIRED)


def _actor_type(code: str) -> str | None:
    code = code.strip()
    return ACTOR_TYPES.get(code, code) if code and code != "0" else None


def _country(row: dict[str, str]) -> str | None:
    return iso_numeric(row.get("iso", "").strip()) or country_by_name(row.get("country", ""))


def _edited_on(column: str) -> pl.Expr:
    """The UTC date of ACLED's ``timestamp`` (unix time of the event's last edit), or
    null for anything but a whole number of seconds up to the end of year 9999."""
    import polars as pl

    seconds = stripped(column)
    number = seconds.cast(pl.Int64, strict=False)
    return pl.when(seconds.str.contains(r"^[0-9]{1,12}$") & (number <= LAST_SECOND)).then(
        pl.from_epoch(number, "s").dt.date()
    )


#: 9999-12-31T23:59:59Z in unix time: a later timestamp is no date the standard holds.
LAST_SECOND = 253_402_300_799


def map_export(files: list[SourceTable]) -> Mapped:
    """Every ACLED event of ``files`` in the standard's tables,
    mapped column by column: the Python work is done once per distinct value."""
    import polars as pl

    c = pl.col
    monadic = [table.file for table in files if "actor2" not in table.names]
    source = source_frame(files).with_columns(c(FILE).is_in(monadic).alias("__monadic"))
    source = with_columns_present(source, [*MAPPED, "timestamp"])
    source = source.with_columns(stripped("event_id_cnty").alias("__event"))
    skipped = skips(source.filter(c("__event") == ""), pl.lit("no event_id_cnty"))
    rows, undated = dated(
        source.filter(c("__event") != ""),
        "event_date",
        _day,
        "event_date {} is no date form ACLED exports use",
    )
    skipped += undated
    sub_event = by_value(rows.get_column("sub_event_type"), category, pl.String)
    precision = (
        stripped("time_precision")
        .replace("", "1")
        .replace_strict(DATE_PRECISIONS, default="day", return_dtype=pl.String)
    )
    incident_id = pl.lit("acled-") + c("__event").str.replace_all(
        r"[^A-Za-z0-9._-]", "-"
    ).str.slice(0, 50)
    rows = rows.with_columns(
        incident_id.alias("__id"), sub_event.alias("__sub"), precision.alias("__precision")
    ).with_columns((pl.lit("src-") + c("__id")).alias("__record"))
    first = rows.unique("__id", keep="first", maintain_order=True)
    participants, actors = _participants(rows)
    incidents, reports, fatal_actor = _incidents(first)
    outlets = (
        first.select("__id", items("source").alias("__outlet"))
        .explode("__outlet")
        .drop_nulls("__outlet")
    )
    outlets = outlets.with_columns(
        by_value(
            outlets.get_column("__outlet"), lambda name: f"outlet-{slug(name)}", pl.String
        ).alias("__outlet_id")
    )
    sources = record_sources(
        first,
        pl.format("ACLED event {}", c("__event")),
        "ACLED",
        outlets.select(
            "__id",
            c("__outlet_id").alias("id"),
            c("__outlet").str.slice(0, 500).alias("publisher"),
            pl.lit("other").alias("source_type"),
        ),
    )
    if fatal_actor:
        actors = pl.concat(
            [
                actors,
                pl.DataFrame({"id": ["acled-actor-acled"], "name": ["ACLED"], "kind": ["ngo"]}),
            ]
        )
    actors = actors.unique("id", keep="first", maintain_order=True)
    built = {
        "incidents": incidents,
        "participants": participants,
        "casualty_reports": reports,
        "actors": actors,
        "sources": sources,
    }
    return mapped(built, rows, first, skipped)


def _day(text: str) -> dt.date | None:
    return parse_date(text, day_first=True)


def _participants(rows: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Each event's participants (actor 1, its associates, actor 2, its associates)
    and the actors they name (:func:`mentioned`)."""
    import polars as pl

    c = pl.col
    named = []
    for side, (actor_column, type_column, associates_column, role) in enumerate(
        [
            ("actor1", "inter1", "assoc_actor_1", "side_a"),
            ("actor2", "inter2", "assoc_actor_2", "side_b"),
        ]
    ):
        kinds = by_value(rows.get_column(type_column), _kind, pl.String)
        named.append(
            rows.select(
                "__row",
                "__id",
                "__record",
                pl.lit(side * 2).alias("__order"),
                stripped(actor_column).alias("name"),
                kinds.alias("kind"),
                pl.when(c("__monadic"))
                .then(pl.lit("role_unknown"))
                .otherwise(pl.lit(role))
                .alias("role"),
            )
        )
        named.append(
            rows.select(
                "__row",
                "__id",
                "__record",
                pl.lit(side * 2 + 1).alias("__order"),
                pl.when(stripped(actor_column) != "").then(items(associates_column)).alias("name"),
                pl.lit("group").alias("kind"),
                pl.lit("associated").alias("role"),
            ).explode("name")
        )
    return mentioned(pl.concat(named), NAME)


def _kind(code: str) -> str:
    return KINDS.get((_actor_type(code) or "").lower(), "group")


def _incidents(first: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, bool]:
    """The incidents (one per event, from its first row), their casualty reports, and
    whether any report names ACLED as its reporter."""
    import polars as pl

    c = pl.col
    located = c("__latitude").is_not_null() & c("__longitude").is_not_null()
    country = by_values(
        first,
        lambda iso, name: iso_numeric(iso) or country_by_name(name),
        pl.String,
        stripped("iso"),
        c("country"),
    )
    first = first.with_columns(
        coordinate("latitude", 90).alias("__latitude"),
        coordinate("longitude", 180).alias("__longitude"),
        whole_number(pl.col("fatalities")).alias("__fatalities"),
        country.alias("__country"),
        by_value(first.get_column("event_type"), category, pl.String).alias("__event_type"),
        by_value(first.get_column("disorder_type"), category, pl.String).alias("__disorder"),
        _edited_on("timestamp").alias("__modified"),
    )
    region = region_codes(first, c("__country"), c("admin1"))
    location = stripped("location")
    incidents = first.select(
        c("__id").alias("id"),
        pl.format(
            "{} in {}",
            pl.when(stripped("sub_event_type") != "")
            .then(stripped("sub_event_type"))
            .otherwise(stripped("event_type")),
            pl.when(location != "").then(location).otherwise(stripped("country")),
        )
        .str.slice(0, 500)
        .alias("title"),
        text("notes").alias("summary"),
        c("__sub")
        .replace_strict(EVENT_TYPES, default=None, return_dtype=pl.String)
        .alias("event_type"),
        classifications(
            first,
            pl.lit("acled-event:") + c("__event_type"),
            pl.lit("acled-sub-event:") + c("__sub"),
            pl.when(stripped("disorder_type") != "").then(
                pl.lit("acled-disorder:") + c("__disorder")
            ),
        ),
        pl.when(c("__precision") == "month")
        .then(c("__day").dt.month_start())
        .otherwise(c("__day"))
        .alias("date_start"),
        pl.when(c("__precision") == "month")
        .then(c("__day").dt.month_end())
        .otherwise(c("__day"))
        .alias("date_end"),
        c("__precision").alias("date_precision"),
        pl.lit("uncertain").alias("date_span"),
        text("location", 500).alias("location_name"),
        text("admin3", 500).alias("admin3"),
        text("admin2", 500).alias("admin2"),
        text("admin1", 500).alias("admin1"),
        c("__country").alias("country"),
        region.alias("admin1_code"),
        pl.when(located).then(c("__latitude")).alias("latitude"),
        pl.when(located).then(c("__longitude")).alias("longitude"),
        pl.when(located)
        .then(
            stripped("geo_precision").replace_strict(
                GEO_PRECISIONS, default=None, return_dtype=pl.String
            )
        )
        .alias("geo_precision"),
        pl.when(c("__fatalities") != 0).then(c("__fatalities")).alias("killed_best"),
        pl.lit("active").alias("status"),
        pl.concat_list(pl.lit("acled:") + c("__event")).alias("external_ids"),
        c("__modified").alias("modified"),
        pl.concat_list(c("__record")).alias("source_ids"),
        *extensions(first.columns, NAME, MAPPED),
    )
    reports = first.filter(c("__fatalities").is_not_null()).select(
        (c("__id") + "-c1").alias("id"),
        c("__id").alias("incident_id"),
        pl.lit("all").alias("category"),
        c("__fatalities").alias("killed_best"),
        pl.lit("none_or_unknown").alias("zeros"),
        pl.lit("acled-actor-acled").alias("reported_by"),
        pl.concat_list(c("__record")).alias("source_ids"),
    )
    return incidents, reports, not reports.is_empty()
