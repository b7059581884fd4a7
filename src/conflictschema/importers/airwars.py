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
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conflictschema.importers.columnar import (
    SourceTable,
    by_value,
    by_values,
    cell,
    coordinate,
    dated,
    day_at_a_point,
    extensions,
    mapped,
    mentioned,
    numbered,
    place_or_day_title,
    quoted,
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
    source = _with_texts(source_frame(files), "code", "date")
    code_ok = c("__code").str.contains(r"^[A-Za-z0-9._-]{1,40}$").fill_null(False)
    skipped = skips(
        source.filter(~code_ok),
        pl.format("incident code {} is not an Airwars code", quoted("__code")),
    )
    rows, undated = dated(
        source.filter(code_ok).with_columns(c("__date").fill_null("")),
        "__date",
        _day,
        "date {} is no date form Airwars pages use",
    )
    skipped += undated
    rows = _with_texts(rows, "known_belligerents", "suspected_belligerents")
    known = by_value(rows.get_column("__known_belligerents"), _names, pl.List(pl.String))
    suspected = by_value(rows.get_column("__suspected_belligerents"), _names, pl.List(pl.String))
    rows = rows.with_columns(
        (pl.lit(f"{NAME}-") + c("__code")).alias("__id"),
        known.alias("__known"),
        (known.list.len() > 0).alias("__is_known"),
        pl.when(known.list.len() > 0).then(known).otherwise(suspected).alias("__named"),
    ).with_columns((pl.lit("src-") + c("__id")).alias("__record"))
    first = _with_values(rows.unique("__id", keep="first", maintain_order=True))
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
                c("__link").alias("url"),
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


def _with_texts(frame: pl.DataFrame, *columns: str) -> pl.DataFrame:
    """``frame`` with ``__<column>``: :func:`_first` of each of ``columns`` (null in
    every row where the export lacks the column)."""
    return frame.with_columns(_first(frame, column).alias(f"__{column}") for column in columns)


#: The columns an incident's fields are read from, past its code, date and belligerents.
_FIELDS = (
    "url", "grading", "strike_status", "strike_type", "civilians_killed",
    "civilians_injured", "latitude", "longitude", "location", "country", "assessment",
)  # fmt: skip


def _with_values(first: pl.DataFrame) -> pl.DataFrame:
    """The incidents' rows with the text of each of :data:`_FIELDS` (``__<column>``) and
    what it says, each worked out once per distinct text: the link, the figures as
    (low, best, high), the country, the grading's slug, the event type, the point."""
    import polars as pl

    first = _with_texts(first, *_FIELDS)

    def each(column: str, function: Callable[[Any], Any], dtype: Any) -> pl.Series:
        return by_value(first.get_column(f"__{column}"), function, dtype)

    return first.with_columns(
        each("url", web_link, pl.String).alias("__link"),
        each("civilians_killed", _figures, pl.List(pl.Int64)).alias("__killed"),
        each("civilians_injured", _figures, pl.List(pl.Int64)).alias("__injured"),
        each("country", _country, pl.String).alias("__country_code"),
        each("grading", _grading, pl.String).alias("__grading_slug"),
        each("strike_type", _event_type, pl.String).alias("__event_type"),
        coordinate("__latitude", 90).alias("__point_latitude"),
        coordinate("__longitude", 180).alias("__point_longitude"),
    )


def _day(text: str) -> dt.date | None:
    return parse_date(text, day_first=True)


def _names(text: str | None) -> list[str]:
    return [part.strip() for part in re.split(r"[;,]| and ", text or "") if part.strip()]


def _country(name: str | None) -> str | None:
    return country_by_name(name or "")


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


def _accepted(grading: str | None, status: str | None) -> bool:
    """Whether Airwars records that the known belligerent accepted responsibility."""
    return (grading or "").lower() == "confirmed" or (status or "").lower().startswith("declared")


def _claims(first: pl.DataFrame) -> pl.DataFrame:
    """An assessment by Airwars per belligerent it names, then, where a known one
    accepted responsibility, that belligerent's responsibility claim."""
    import polars as pl

    c = pl.col
    accepted = by_values(first, _accepted, pl.Boolean, c("__grading"), c("__strike_status"))
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


#: A casualty report's figures: (column of (low, best, high), field prefix).
_REPORTED = (("__killed", "killed"), ("__injured", "injured"))


def _reports(first: pl.DataFrame) -> pl.DataFrame:
    """A casualty report on civilians where Airwars gives a figure of deaths or injuries."""
    import polars as pl

    c = pl.col
    values = [
        c(column).list.get(n).alias(f"{what}_{part}")
        for column, what in _REPORTED
        for n, part in enumerate(("low", "best", "high"))
    ]
    given = pl.any_horizontal(c(column).list.drop_nulls().list.len() > 0 for column, _ in _REPORTED)
    return first.filter(given).select(
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
    lost = {  # a mapped column whose value found no field is kept as text
        "url": c("__url").is_not_null() & c("__link").is_null(),
        "civilians_killed": c("__civilians_killed").is_not_null()
        & (c("__killed").list.drop_nulls().list.len() == 0),
        "civilians_injured": c("__civilians_injured").is_not_null()
        & (c("__injured").list.drop_nulls().list.len() == 0),
        "country": c("__country_code").is_null(),
    }
    return first.select(
        c("__id").alias("id"),
        place_or_day_title("Airwars {}: {}", "__code", "__location", "__day"),
        c("__assessment").alias("summary"),
        c("__event_type").alias("event_type"),
        pl.when(c("__grading_slug").is_not_null())
        .then(pl.concat_list(pl.lit("airwars-grading:") + c("__grading_slug")))
        .otherwise(pl.lit([], dtype=pl.List(pl.String)))
        .alias("classifications"),
        *day_at_a_point("__day", "__point_latitude", "__point_longitude"),
        c("__location").str.slice(0, 500).alias("location_name"),
        c("__country_code").alias("country"),
        pl.lit("active").alias("status"),
        pl.concat_list(pl.lit(f"{NAME}:") + c("__code")).alias("external_ids"),
        pl.concat_list(c("__record")).alias("source_ids"),
        *extensions(first.columns, NAME, MAPPED, lost, MISSING),
    )
