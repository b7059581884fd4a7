"""Airwars incident assessments, as scraped from the incident pages -> the standard
(mapping in docs/importers/airwars.md).

Airwars publishes no bulk export; scrapers of its pages name columns their own way, so
the header is read through one table of the names in circulation (``Suspected
belligerent`` and ``Suspected belligerents``, ``long`` and ``lon`` ...), and a column
met twice gives its first value that is not ``NA``.

Airwars' suspected and known belligerents are its own judgement: one assessment claim
by Airwars per belligerent it names (the known one, if any; otherwise each suspected
one, since several suspects are alternatives, not partners). Where Airwars records that
a belligerent accepted responsibility (grading ``Confirmed``, or a ``Declared strike``),
that belligerent's responsibility claim is added. Civilian deaths and injuries (``3``
or a range ``3-5``) are a casualty report on civilians; the incident's own figures,
which count everyone, stay empty.
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
    coordinate,
    day_at_a_point,
    extensions,
    mapped,
    mentioned,
    numbered,
    place_or_day_title,
    skips,
    source_frame,
    sources_table,
)
from conflictschema.importers.crosswalks import country_by_name
from conflictschema.importers.mapped import Mapped
from conflictschema.importers.sourcefile import (
    MISSING,
    Export,
    csv_export,
    figures,
    parse_date,
    slug,
    web_link,
)
from conflictschema.models.classifications import slug as category

if TYPE_CHECKING:
    import polars as pl

NAME = "airwars"
LABEL = "Airwars"
#: Column names in circulation (lower case, words joined by _) -> the one this reads.
ALIASES = {
    "incident_date": "date",
    "incident_code": "code",
    "id": "code",
    "incident_url": "url",
    "link": "url",
    "status": "strike_status",
    "civilians_reported_killed": "civilians_killed",
    "killed": "civilians_killed",
    "civilians_reported_injured": "civilians_injured",
    "injured": "civilians_injured",
    "civilian_harm_grading": "grading",
    "suspected_belligerent": "suspected_belligerents",
    "known_belligerent": "known_belligerents",
    "belligerent": "known_belligerents",
    "lat": "latitude",
    "long": "longitude",
    "lon": "longitude",
    "lng": "longitude",
    "summary": "assessment",
    "narrative": "assessment",
    "location_name": "location",
}
REQUIRED = ("date", "code")
#: Columns mapped to fields; every other column goes to an x_airwars_<column> extension.
MAPPED = {
    "date", "code", "url", "grading", "suspected_belligerents", "known_belligerents",
    "civilians_killed", "civilians_injured", "latitude", "longitude", "assessment",
    "location", "country",
}  # fmt: skip
#: Words in a strike type -> event type, most specific first.
STRIKE_TYPES = (
    ("drone", "drone_strike"),
    ("missile", "missile_strike"),
    ("artillery", "artillery"),
    ("shelling", "artillery"),
    ("air", "air_strike"),
)


def column_name(name: str) -> str:
    """A scraper's column name in the form this reads."""
    plain = re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")
    return ALIASES.get(plain, plain)


def read_export(path: Path) -> Export:
    return csv_export(path, label=LABEL, required=REQUIRED, rename=column_name)


def map_export(files: list[SourceTable]) -> Mapped:
    """Every Airwars incident of ``files`` in the standard's tables, mapped column by
    column: the Python work is done once per distinct value."""
    import polars as pl

    c = pl.col
    source = source_frame(files)
    source = source.with_columns(
        _first(source, "code").alias("__code"), _first(source, "date").alias("__date")
    )
    code_ok = c("__code").str.contains(r"^[A-Za-z0-9._-]{1,40}$").fill_null(False)
    skipped = skips(
        source.filter(~code_ok),
        pl.format("incident code {} is not an Airwars code", _repr(c("__code"))),
    )
    source = source.filter(code_ok)
    source = source.with_columns(
        by_value(source.get_column("__date").fill_null(""), _day, pl.Date).alias("__day")
    )
    skipped += skips(
        source.filter(c("__day").is_null()),
        pl.format("date {} is no date form Airwars pages use", _repr(c("__date").fill_null(""))),
    )
    rows = source.filter(c("__day").is_not_null()).with_row_index("__row")
    rows = rows.with_columns((pl.lit(f"{NAME}-") + c("__code")).alias("__id")).with_columns(
        (pl.lit("src-") + c("__id")).alias("__record"),
        _named(rows, "known_belligerents").alias("__known"),
        _named(rows, "suspected_belligerents").alias("__suspected"),
    )
    rows = rows.with_columns(
        (c("__known").list.len() > 0).alias("__is_known"),
        pl.when(c("__known").list.len() > 0)
        .then(c("__known"))
        .otherwise(c("__suspected"))
        .alias("__named"),
    )
    first = rows.unique("__id", keep="first", maintain_order=True)
    _, actors = mentioned(_mentions(rows), NAME)
    built = {
        "incidents": _incidents(first),
        "claims": _claims(first),
        "casualty_reports": _reports(first),
        "actors": actors,
        "sources": sources_table(
            first.select(
                c("__record").alias("id"),
                pl.format("Airwars incident {}", c("__code")).alias("title"),
                pl.lit("Airwars").alias("publisher"),
                _link(first).alias("url"),
                pl.lit("dataset_record").alias("source_type"),
            )
        ),
    }
    return mapped(built, rows, first, skipped)


def _first(frame: pl.DataFrame, column: str) -> pl.Expr:
    """The column's first value that is not a placeholder, among its repeats."""
    import polars as pl

    present = [n for n in (column, f"{column}~2", f"{column}~3") if n in frame.columns]
    if not present:
        return pl.lit(None, dtype=pl.String)
    return pl.coalesce([cell(name) for name in present])


def _first_values(frame: pl.DataFrame, column: str) -> pl.Series:
    """:func:`_first` of every row of ``frame`` (null where the column is absent)."""
    return frame.with_columns(_first(frame, column).alias("__value")).get_column("__value")


def _repr(value: pl.Expr) -> pl.Expr:
    """The value as Python's ``repr`` shows it (None for null), for a skip's reason."""
    import polars as pl

    return (
        pl.when(value.is_null())
        .then(pl.lit("None"))
        .otherwise(value.map_elements(repr, return_dtype=pl.String))
    )


def _day(text: str) -> dt.date | None:
    return parse_date(text, day_first=True)


def _names(text: str | None) -> list[str]:
    return [part.strip() for part in re.split(r"[;,]| and ", text or "") if part.strip()]


def _named(rows: pl.DataFrame, column: str) -> pl.Series:
    """The belligerents a row's ``column`` names, in order."""
    import polars as pl

    return by_value(_first_values(rows, column), _names, pl.List(pl.String))


def _link(first: pl.DataFrame) -> pl.Series:
    import polars as pl

    return by_value(_first_values(first, "url"), web_link, pl.String)


def _mentions(rows: pl.DataFrame) -> pl.DataFrame:
    """Every actor each row names, Airwars first, in the order the row mapper named
    them: an actor is added by any row, a merged duplicate's too, with its first kind."""
    import polars as pl

    c = pl.col
    keep = ["__row", "__id", "__record"]
    airwars = rows.select(
        *keep,
        pl.lit(0).alias("__order"),
        pl.lit("Airwars").alias("name"),
        pl.lit("ngo").alias("kind"),
    )
    belligerents = rows.select(
        *keep, pl.lit(1).alias("__order"), c("__named").alias("name"), pl.lit("group").alias("kind")
    ).explode("name")
    return pl.concat([airwars, belligerents]).with_columns(pl.lit(None, pl.String).alias("role"))


def _actor_id(name: str) -> str:
    return f"{NAME}-actor-{slug(name)}"


def _claims(first: pl.DataFrame) -> pl.DataFrame:
    """An assessment by Airwars per belligerent it names, then, where a known one
    accepted responsibility, that belligerent's responsibility claim."""
    import polars as pl

    c = pl.col
    accepted = by_values(
        first,
        lambda grading, status: (
            (grading or "").lower() == "confirmed" or (status or "").lower().startswith("declared")
        ),
        pl.Boolean,
        _first(first, "grading"),
        _first(first, "strike_status"),
    )
    keep = ["__row", "__id", "__record"]
    named = first.select(
        *keep,
        c("__named").alias("name"),
        pl.int_ranges(0, c("__named").list.len()).alias("__pos"),
        pl.lit(0).alias("__part"),
        c("__is_known"),
    ).explode("name", "__pos")
    owned = (
        first.with_columns(accepted.alias("__accepted"))
        .filter(c("__is_known") & c("__accepted"))
        .select(
            *keep,
            c("__known").alias("name"),
            pl.int_ranges(0, c("__known").list.len()).alias("__pos"),
            pl.lit(1).alias("__part"),
            c("__is_known"),
        )
        .explode("name", "__pos")
    )
    claims = (
        pl.concat([named, owned])
        .drop_nulls("name")
        .sort("__row", "__part", "__pos", maintain_order=True)
    )
    actor = by_value(claims.get_column("name"), _actor_id, pl.String)
    assessment = c("__part") == 0
    return claims.with_columns(actor.alias("__actor")).select(
        numbered("__id", "k").alias("id"),
        c("__id").alias("incident_id"),
        pl.when(assessment)
        .then(pl.lit(f"{NAME}-actor-airwars"))
        .otherwise(c("__actor"))
        .alias("claimant"),
        pl.when(assessment)
        .then(pl.lit("assessment"))
        .otherwise(pl.lit("responsibility_claim"))
        .alias("claim_type"),
        pl.concat_list(c("__actor")).alias("attributed_to"),
        pl.when(assessment)
        .then(
            pl.format(
                "Airwars names {} as the {} belligerent.",
                c("name"),
                pl.when(c("__is_known")).then(pl.lit("known")).otherwise(pl.lit("suspected")),
            )
        )
        .otherwise(pl.lit("Accepted responsibility, as Airwars records."))
        .alias("statement"),
        pl.lit("unknown").alias("method"),
        pl.lit("cannot_be_judged").alias("credibility"),
        pl.concat_list(c("__record")).alias("source_ids"),
    )


def _figures(text: str | None) -> list[int | None]:
    return list(figures(text))


def _reported(first: pl.DataFrame, column: str) -> pl.Series:
    """(low, best, high) of each row's ``column``, as a list of three."""
    import polars as pl

    return by_value(_first_values(first, column), _figures, pl.List(pl.Int64))


def _reports(first: pl.DataFrame) -> pl.DataFrame:
    """A casualty report on civilians where Airwars gives a figure of deaths or injuries."""
    import polars as pl

    c = pl.col
    figured = first.with_columns(
        _reported(first, "civilians_killed").alias("__killed"),
        _reported(first, "civilians_injured").alias("__injured"),
    ).with_columns(
        *(
            c(f"__{what}").list.get(n).alias(f"{what}_{part}")
            for what in ("killed", "injured")
            for n, part in enumerate(("low", "best", "high"))
        )
    )
    values = [
        f"{what}_{part}" for what in ("killed", "injured") for part in ("low", "best", "high")
    ]
    return figured.filter(pl.any_horizontal(c(v).is_not_null() for v in values)).select(
        (c("__id") + "-c1").alias("id"),
        c("__id").alias("incident_id"),
        pl.lit("civilians").alias("category"),
        *values,
        pl.lit("none").alias("zeros"),
        pl.lit(f"{NAME}-actor-airwars").alias("reported_by"),
        pl.concat_list(c("__record")).alias("source_ids"),
    )


def _grading(grading: str | None) -> str | None:
    return None if grading is None else category(grading)


def _event_type(strike_type: str | None) -> str | None:
    text = (strike_type or "").lower()
    return next((code for word, code in STRIKE_TYPES if word in text), None)


def _incidents(first: pl.DataFrame) -> pl.DataFrame:
    import polars as pl

    c = pl.col
    country_text = _first_values(first, "country").fill_null("")
    grading = _first_values(first, "grading")
    first = first.with_columns(
        _first(first, "latitude").alias("__latitude_text"),
        _first(first, "longitude").alias("__longitude_text"),
        _first(first, "location").alias("__location"),
        by_value(country_text, country_by_name, pl.String).alias("__country"),
        by_value(grading, _grading, pl.String).alias("__grading"),
        by_value(
            first.select(_first(first, "strike_type")).to_series(), _event_type, pl.String
        ).alias("__event_type"),
        _link(first).alias("__url"),
        _reported(first, "civilians_killed").alias("__killed"),
        _reported(first, "civilians_injured").alias("__injured"),
    ).with_columns(
        coordinate("__latitude_text", 90).alias("__latitude"),
        coordinate("__longitude_text", 180).alias("__longitude"),
    )
    lost = {  # a mapped column whose value found no field is kept as text
        "url": _first(first, "url").is_not_null() & c("__url").is_null(),
        "civilians_killed": _first(first, "civilians_killed").is_not_null()
        & (c("__killed").list.drop_nulls().list.len() == 0),
        "civilians_injured": _first(first, "civilians_injured").is_not_null()
        & (c("__injured").list.drop_nulls().list.len() == 0),
        "country": c("__country").is_null(),
    }
    return first.select(
        c("__id").alias("id"),
        place_or_day_title("Airwars {}: {}", "__code", "__location", "__day"),
        _first(first, "assessment").alias("summary"),
        c("__event_type").alias("event_type"),
        pl.when(c("__grading").is_not_null())
        .then(pl.concat_list(pl.lit("airwars-grading:") + c("__grading")))
        .otherwise(pl.lit([], dtype=pl.List(pl.String)))
        .alias("classifications"),
        *day_at_a_point("__day", "__latitude", "__longitude"),
        c("__location").str.slice(0, 500).alias("location_name"),
        c("__country").alias("country"),
        pl.lit("active").alias("status"),
        pl.concat_list(pl.lit(f"{NAME}:") + c("__code")).alias("external_ids"),
        pl.concat_list(c("__record")).alias("source_ids"),
        *extensions(first.columns, NAME, MAPPED, lost, MISSING),
    )
