"""Layer 4 (warnings): values that are allowed but probably wrong.

Coordinates that fall outside the stated country (with a hint when swapping
latitude and longitude would fix it) and dates in the future. Text a spreadsheet
would run as a formula (FORMULA_CELL) is a per-cell check, run with layer 1. Coordinates are looked up offline with reverse-geocode
(GeoNames places): near a border the nearest place may lie across it, so this is a
hint, never an error.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from conflictschema.models.columns import columns
from conflictschema.models.rules import define_rule
from conflictschema.validation.context import CheckContext, select_hits

COORDINATES_COUNTRY = define_rule(
    "coordinates-country",
    "The nearest known place to the coordinates lies in another country than country says "
    "(often swapped latitude and longitude; near borders, a false alarm).",
    layer="plausibility",
    severity="warning",
)
FUTURE_DATE = define_rule(
    "future-date",
    "A date lies after the day of validation.",
    layer="plausibility",
    severity="warning",
)
FORMULA_CELL = define_rule(
    "formula-cell",
    "Text starts with =, +, - or @, which a spreadsheet would run as a formula when the CSV is opened.",
    layer="plausibility",
    severity="warning",
)

c = pl.col
FORMULA_START = r"^[=+\-@]"


def nearest_countries(points: np.ndarray) -> list[str]:
    """ISO country code of the nearest GeoNames place to each (lat, lon) row."""
    import reverse_geocode  # loads its index on first use: only pay for it when there are points

    return [place["country_code"] for place in reverse_geocode.search(points)]


def check_coordinates(ctx: CheckContext) -> None:
    if "incidents" not in ctx.typed:
        return
    frame = ctx.typed["incidents"]
    located = frame.filter(
        ctx.ok("incidents", "latitude", "longitude", "country")
        & c("latitude").is_not_null()
        & c("longitude").is_not_null()
        & c("country").is_not_null()
    )
    if located.is_empty():
        return
    places = located.select("latitude", "longitude", "country").unique()
    lat = places.get_column("latitude").to_numpy()
    lon = places.get_column("longitude").to_numpy()
    found = nearest_countries(np.column_stack([lat, lon]))
    places = places.with_columns(pl.Series("__found", found, dtype=pl.String))
    wrong = places.filter(c("__found") != c("country"))
    if wrong.is_empty():
        return
    swappable = wrong.filter(c("longitude").abs() <= 90)
    swapped = (
        nearest_countries(
            np.column_stack(
                [
                    swappable.get_column("longitude").to_numpy(),
                    swappable.get_column("latitude").to_numpy(),
                ]
            )
        )
        if not swappable.is_empty()
        else []
    )
    swappable = swappable.with_columns(pl.Series("__swapped", swapped, dtype=pl.String)).select(
        "latitude", "longitude", "country", "__swapped"
    )
    wrong = wrong.join(swappable, on=["latitude", "longitude", "country"], how="left")
    hits = located.join(wrong, on=["latitude", "longitude", "country"]).sort("__row")

    def message(r: dict[str, object]) -> str:
        text = f"({r['latitude']}, {r['longitude']}) is nearest to a place in {r['__found']}, not {r['country']}"
        if r.get("__swapped") == r["country"]:
            text += "; latitude and longitude look swapped: swapping them puts the point in " + str(
                r["country"]
            )
        return text

    ctx.emit(
        "incidents",
        select_hits(hits, pl.lit(True), "latitude", "longitude", "country", "__found", "__swapped"),
        COORDINATES_COUNTRY,
        "latitude",
        message,
        "latitude",
    )


def check_future_dates(ctx: CheckContext, today: dt.date) -> None:
    for table, frame in ctx.typed.items():
        for column in columns(table):
            if column.kind != "date":
                continue
            future = c(column.name) > today
            ctx.emit(
                table,
                select_hits(frame, future.fill_null(False), column.name),
                FUTURE_DATE,
                column.name,
                f"{column.name} {{{column.name}}} is after today ({today})",
                column.name,
            )


def check_plausibility(ctx: CheckContext, today: dt.date) -> None:
    """Layer 4: warnings only."""
    check_coordinates(ctx)
    check_future_dates(ctx, today)
