"""GTD (Global Terrorism Database) exports -> the standard (mapping in docs/importers/gtd.md).

The GTD names the group it judges carried out each attack (``gname``, ``gname2``,
``gname3``; ``guncertainN`` marks a suspicion): that judgement is an assessment claim
by the GTD naming those groups. Where the GTD records that a group claimed the attack
(``claimed``, ``claim2``, ``claim3`` = 1), the group's own responsibility claim is added,
as the GTD reports it. Nothing else becomes a claim: competing claims by unnamed groups
(``compclaim``) have no claimant to name and stay in their column. -9 and -99 mean
unknown; an empty count is unknown, 0 is none.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING

from conflictschema.importers.columnar import (
    SourceTable,
    by_value,
    by_values,
    cell,
    classifications,
    coordinate,
    extensions,
    mapped,
    mentioned,
    numbered,
    quoted,
    record_sources,
    region_codes,
    skips,
    source_frame,
    whole_number,
    with_columns_present,
)
from conflictschema.importers.crosswalks import country_by_name
from conflictschema.importers.mapped import Mapped
from conflictschema.importers.sourcefile import (
    MISSING,
    Export,
    csv_export,
    month_span,
    parse_date,
    slug,
)
from conflictschema.models.classifications import slug as category

if TYPE_CHECKING:
    import polars as pl

NAME = "gtd"
LABEL = "GTD"
REQUIRED = ("eventid", "iyear", "imonth", "iday")
#: GTD's "unknown" codes, on top of the placeholders every export uses.
UNKNOWN = MISSING | {"-9", "-99", "Unknown"}
#: attacktype1_txt -> event type; the types the method list cannot say stay empty.
EVENT_TYPES = {
    "bombing-explosion": "explosion_unspecified",
    "armed-assault": "assault",
    "unarmed-assault": "assault",
    "hostage-taking-kidnapping": "abduction",
}
#: targtypeN_txt -> (target type, infrastructure type).
TARGET_TYPES: dict[str, tuple[str, str | None]] = {
    "business": ("business", None),
    "police": ("police", None),
    "military": ("military", None),
    "abortion-related": ("healthcare", None),
    "airports-aircraft": ("infrastructure", "airport"),
    "educational-institution": ("education", None),
    "food-or-water-supply": ("infrastructure", "water"),
    "journalists-media": ("media", None),
    "private-citizens-property": ("civilian", None),
    "religious-figures-institutions": ("religious", None),
    "telecommunication": ("infrastructure", "telecommunications"),
    "tourists": ("civilian", None),
    "utilities": ("infrastructure", "other"),
}
#: specificity -> geo precision: 1 the place's own coordinates, 2 and 3 the smallest
#: region's centre, 4 the first-level region's centre, 5 no coordinates.
GEO_PRECISIONS = {"1": "settlement", "2": "admin2", "3": "admin2", "4": "admin1"}
#: Columns mapped to fields; every other column goes to an x_gtd_<column> extension.
MAPPED = {
    "eventid", "iyear", "imonth", "iday", "extended", "resolution", "country_txt",
    "provstate", "city", "latitude", "longitude", "specificity", "summary",
    "attacktype1_txt", "attacktype2_txt", "attacktype3_txt", "targtype1_txt",
    "targtype2_txt", "targtype3_txt", "target1", "target2", "target3", "gname", "gname2",
    "gname3", "guncertain1", "guncertain2", "guncertain3", "claimed", "claim2", "claim3",
    "claimmode_txt", "claimmode2_txt", "claimmode3_txt", "weaptype1_txt", "weaptype2_txt",
    "weaptype3_txt", "weaptype4_txt", "nkill", "nkillter", "nwound", "nwoundte",
    "scite1", "scite2", "scite3",
}  # fmt: skip
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def read_export(path: Path) -> Export:
    return csv_export(path, label=LABEL, required=REQUIRED)


def _resolution(text: str | None) -> dt.date | None:
    """The end date of an extended incident: a date, or the Excel serial number a pass
    through xlsx leaves (days since 30 December 1899)."""
    if text is None:
        return None
    if re.fullmatch(r"\d{4,5}(\.0+)?", text):
        return _EXCEL_EPOCH + dt.timedelta(days=int(float(text)))
    return parse_date(text, day_first=False)


def _dates(year: int | None, month: int | None, day: int | None) -> str:
    """``start|end|precision`` of a year, month and day (None where GTD leaves one
    unknown), the end before an extended incident's resolution; or ``!`` and the
    reason there is none."""
    try:
        if year is None:
            return "!no year"
        if not month:
            start, end, precision = dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
        elif not day:
            start, end = month_span(dt.date(year, month, 1))
            precision = "month"
        else:
            start = end = dt.date(year, month, day)
            precision = "day"
    except ValueError:
        return f"!iyear/imonth/iday {year}/{month}/{day} is no date"
    return f"{start}|{end}|{precision}"


def map_export(files: list[SourceTable]) -> Mapped:
    """Every GTD incident of ``files`` in the standard's tables, mapped column by
    column: the Python work is done once per distinct value."""
    import polars as pl

    c = pl.col
    source = with_columns_present(source_frame(files), MAPPED)
    event = cell("eventid").fill_null("").str.strip_suffix(".0")
    bad_id = ~event.str.contains(r"^[0-9]{12}$")
    skipped = skips(
        source.filter(bad_id),
        pl.format("eventid {} is not a GTD id (12 digits)", quoted("eventid")),
    )
    source = source.filter(~bad_id).with_columns(event.alias("__event"))
    parts = [whole_number(cell(col, UNKNOWN).fill_null("")) for col in ("iyear", "imonth", "iday")]
    source = source.with_columns(by_values(source, _dates, pl.String, *parts).alias("__dates"))
    no_year = c("__dates") == "!no year"
    skipped += skips(source.filter(no_year), pl.format("iyear {} is no year", quoted("iyear")))
    skipped += skips(
        source.filter(c("__dates").str.starts_with("!") & ~no_year),
        c("__dates").str.slice(1),
    )
    rows = source.filter(~c("__dates").str.starts_with("!"))
    resolution = by_value(
        rows.select(cell("resolution", UNKNOWN).fill_null("")).to_series(),
        lambda text: _resolution(text or None),
        pl.Date,
    )
    split = c("__dates").str.split("|")
    rows = (
        rows.with_columns(
            split.list.get(0).str.to_date().alias("__start"),
            split.list.get(1).str.to_date().alias("__end"),
            split.list.get(2).alias("__precision"),
            resolution.alias("__resolution"),
        )
        .with_columns(
            (
                (c("__precision") == "day")  # a resolution ends a known day only
                & (cell("extended") == "1").fill_null(False)
                & c("__resolution").is_not_null()
                & (c("__resolution") > c("__start"))
            ).alias("__lasting")
        )
        .with_row_index("__row")
        .with_columns((pl.lit(f"{NAME}-") + c("__event")).alias("__id"))
        .with_columns((pl.lit("src-") + c("__id")).alias("__record"))
    )
    first = rows.unique("__id", keep="first", maintain_order=True)
    gtd_id = f"{NAME}-actor-gtd-start"

    # the groups GTD names, and GTD itself, whose record each incident is
    groups = pl.concat(
        [
            first.select(
                "__row", "__id", "__record",
                pl.lit(n).alias("__order"),
                cell(column, UNKNOWN).alias("name"),
                pl.lit(None, pl.String).alias("role"),
                pl.lit("group").alias("kind"),
                (cell(f"guncertain{n}") == "1").fill_null(False).alias("__doubt"),
                (cell("claimed" if n == 1 else f"claim{n}") == "1").fill_null(False).alias("__claimed"),
                cell("claimmode_txt" if n == 1 else f"claimmode{n}_txt", UNKNOWN).alias("__mode"),
            )
            for n, column in enumerate(("gname", "gname2", "gname3"), start=1)
        ]
    ).filter(c("name").is_not_null())  # fmt: skip
    gtd = first.head(1).select(
        "__row", "__id", "__record",
        pl.lit(0).alias("__order"),
        pl.lit("GTD (START)").alias("name"),
        pl.lit(None, pl.String).alias("role"),
        pl.lit("ngo").alias("kind"),
    )  # fmt: skip
    _, actors = mentioned(pl.concat([gtd, groups], how="diagonal"), NAME)
    groups = groups.with_columns(
        by_value(groups.get_column("name"), lambda n: f"{NAME}-actor-{slug(n)}", pl.String).alias(
            "actor"
        )
    ).sort("__row", "__order")
    judged = groups.group_by("__row", "__id", "__record", maintain_order=True).agg(
        c("actor").alias("attributed_to"),
        c("__order").filter(c("__doubt")).alias("__suspected"),
    )
    suspected = (
        c("__suspected").list.eval(pl.lit("group ") + pl.element().cast(pl.String)).list.join(", ")
    )
    assessments = judged.select(
        "__row", "__id", "__record",
        pl.lit(0).alias("__order"),
        pl.lit(gtd_id).alias("claimant"),
        pl.lit("assessment").alias("claim_type"),
        "attributed_to",
        pl.when(c("__suspected").list.len() > 0)
        .then(pl.format("The GTD names the perpetrator group(s); it marks {} as suspected.", suspected))
        .otherwise(pl.lit("The GTD names the perpetrator group(s)."))
        .alias("statement"),
    )  # fmt: skip
    claimed = groups.filter(c("__claimed")).select(
        "__row", "__id", "__record", "__order",
        c("actor").alias("claimant"),
        pl.lit("responsibility_claim").alias("claim_type"),
        pl.concat_list("actor").alias("attributed_to"),
        pl.when(c("__mode").is_not_null())
        .then(pl.format("Claimed responsibility, as the GTD records ({}).", c("__mode")))
        .otherwise(pl.lit("Claimed responsibility, as the GTD records."))
        .alias("statement"),
    )  # fmt: skip
    claims = (
        pl.concat([assessments, claimed])
        .sort("__row", "__order", maintain_order=True)
        .select(
            numbered("__id", "k").alias("id"),
            c("__id").alias("incident_id"),
            "claimant", "claim_type", "attributed_to", "statement",
            pl.lit("unknown").alias("method"),
            pl.lit("cannot_be_judged").alias("credibility"),
            pl.concat_list("__record").alias("source_ids"),
        )
    )  # fmt: skip

    targets = pl.concat(
        [
            first.select(
                "__id",
                pl.lit(n).alias("__n"),
                cell(f"targtype{n}_txt").alias("__kind"),
                cell(f"target{n}", UNKNOWN).str.slice(0, 500).alias("name"),
            )
            for n in (1, 2, 3)
        ]
    ).filter(c("__kind").is_not_null())
    kinds = by_value(
        targets.get_column("__kind"),
        lambda kind: "|".join(map(str, TARGET_TYPES.get(category(kind), ("other", None)))),
        pl.String,
    ).str.split("|")
    targets = (
        targets.with_columns(kinds.alias("__types"))
        .sort("__id", "__n", maintain_order=True)
        .select(
            (c("__id") + "-t" + c("__n").cast(pl.String)).alias("id"),
            c("__id").alias("incident_id"),
            c("__types").list.get(0).alias("target_type"),
            c("__types").list.get(1).replace("None", None).alias("infrastructure_type"),
            "name",
        )
    )

    counts = {
        col: whole_number(cell(col, UNKNOWN).fill_null(""))
        for col in ("nkill", "nwound", "nkillter", "nwoundte")
    }
    reports = (
        pl.concat(
            [
                first.select(
                    "__row", "__id", "__record",
                    pl.lit(order).alias("__order"),
                    pl.lit(category_name).alias("category"),
                    counts[kill].alias("killed_best"),
                    counts[wound].alias("injured_best"),
                )
                for order, (category_name, kill, wound) in enumerate(
                    [("all", "nkill", "nwound"), ("perpetrators", "nkillter", "nwoundte")]
                )
            ]
        )
        .filter(c("killed_best").is_not_null() | c("injured_best").is_not_null())
        .sort("__row", "__order", maintain_order=True)
        .select(
            numbered("__id", "c").alias("id"),
            c("__id").alias("incident_id"),
            "category", "killed_best", "injured_best",
            pl.lit("none").alias("zeros"),
            pl.lit(gtd_id).alias("reported_by"),
            pl.concat_list("__record").alias("source_ids"),
        )
    )  # fmt: skip

    citations = (
        pl.concat(
            [
                first.select(
                    "__row", "__id", pl.lit(n).alias("__n"), cell(f"scite{n}").alias("__text")
                )
                for n in (1, 2, 3)
            ]
        )
        .filter(c("__text").is_not_null())
        .sort("__row", "__n", maintain_order=True)
        .with_columns((pl.lit("src-") + numbered("__id", "s")).alias("id"))
    )
    sources = record_sources(
        first,
        pl.format("GTD incident {}", c("__event")),
        "GTD (START)",
        citations.select(
            "__id",
            "id",
            c("__text").str.slice(0, 500).alias("title"),
            pl.lit("other").alias("source_type"),
        ),
    )
    built = {
        "incidents": _incidents(first, counts),
        "claims": claims,
        "targets": targets,
        "casualty_reports": reports,
        "actors": actors,
        "sources": sources,
    }
    return mapped(built, rows, first, skipped)


#: The columns GTD classifies an incident by, per scheme.
SCHEMES = {
    "attacktype": ("attacktype1_txt", "attacktype2_txt", "attacktype3_txt"),
    "weaptype": ("weaptype1_txt", "weaptype2_txt", "weaptype3_txt", "weaptype4_txt"),
    "targtype": ("targtype1_txt", "targtype2_txt", "targtype3_txt"),
}


def _incidents(first: pl.DataFrame, counts: dict[str, pl.Expr]) -> pl.DataFrame:
    """The incidents, one per GTD event (from its first row)."""
    import polars as pl

    c = pl.col
    labels = [(scheme, column) for scheme, columns_of in SCHEMES.items() for column in columns_of]
    values = (
        pl.concat([first.select(cell(column).alias("v")) for _, column in labels])
        .get_column("v")
        .drop_nulls()
        .unique()
        .to_list()
    )
    slugs = {value: category(value) for value in values}
    classified = [
        (
            pl.lit(f"gtd-{scheme}:")
            + cell(column).replace_strict(slugs, default=None, return_dtype=pl.String)
        ).alias(f"__class_{n}")
        for n, (scheme, column) in enumerate(labels)
    ]
    first = first.with_columns(
        coordinate("latitude", 90).alias("__latitude"),
        coordinate("longitude", 180).alias("__longitude"),
        cell("specificity")
        .replace_strict(GEO_PRECISIONS, default=None, return_dtype=pl.String)
        .alias("__place"),
        by_value(
            first.get_column("country_txt"), lambda n: country_by_name(n.strip()), pl.String
        ).alias("__country"),
    )
    first = first.with_columns(
        region_codes(first, c("__country"), cell("provstate", UNKNOWN)).alias("__region"),
        by_value(
            first.select(cell("attacktype1_txt").fill_null("Attack")).to_series(),
            lambda attack: EVENT_TYPES.get(category(attack)),
            pl.String,
        ).alias("__event_type"),
    )
    located = (
        c("__latitude").is_not_null() & c("__longitude").is_not_null() & c("__place").is_not_null()
    )
    place = pl.coalesce(
        cell("city", UNKNOWN),
        cell("provstate", UNKNOWN),
        cell("country_txt"),
        pl.lit("an unknown place"),
    )
    lost = {
        "country_txt": c("__country").is_null(),
        "latitude": ~located,
        "longitude": ~located,
        **{f"scite{n}": cell(f"scite{n}").str.len_chars() > 500 for n in (1, 2, 3)},
    }
    return first.select(
        c("__id").alias("id"),
        pl.format("{} in {}", cell("attacktype1_txt").fill_null("Attack"), place).str.slice(0, 500).alias("title"),
        cell("summary").alias("summary"),
        c("__event_type").alias("event_type"),
        classifications(first, *classified),
        c("__start").alias("date_start"),
        pl.when(c("__lasting")).then(c("__resolution")).otherwise(c("__end")).alias("date_end"),
        c("__precision").alias("date_precision"),
        pl.when(c("__lasting")).then(pl.lit("duration")).otherwise(pl.lit("uncertain")).alias("date_span"),
        cell("city", UNKNOWN).str.slice(0, 500).alias("location_name"),
        cell("provstate", UNKNOWN).str.slice(0, 500).alias("admin1"),
        c("__region").alias("admin1_code"),
        c("__country").alias("country"),
        pl.when(located).then(c("__latitude")).alias("latitude"),
        pl.when(located).then(c("__longitude")).alias("longitude"),
        pl.when(located).then(c("__place")).alias("geo_precision"),
        counts["nkill"].alias("killed_best"),
        counts["nwound"].alias("injured_best"),
        pl.lit("active").alias("status"),
        pl.concat_list(pl.lit(f"{NAME}:") + c("__event")).alias("external_ids"),
        pl.concat_list("__record").alias("source_ids"),
        *extensions(first.columns, NAME, MAPPED, lost),
    )  # fmt: skip
