"""Layer 4 (warnings): values that are allowed but probably wrong.

Coordinates that fall outside the stated country (with a hint when swapping
latitude and longitude would fix it) and dates in the future. Text a spreadsheet
would run as a formula (Code.FORMULA_CELL) is a per-cell check, run with layer 1.
Coordinates are looked up offline (conflictschema.validation.places): near a border
the nearest place may lie across it, so this is a hint, never an error.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from conflictschema.findingcodes import Code
from conflictschema.models.columns import columns
from conflictschema.validation.context import CheckContext, select_hits

c = pl.col


def prepare(table: str, typed: pl.DataFrame) -> None:
    """Start building the place index as soon as the incidents show coordinates."""
    if table == "incidents" and typed.get_column("latitude").is_not_null().any():
        import conflictschema.validation.places as places  # NumPy and SciPy load only now

        places.preload()


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
    points = located.select("latitude", "longitude", "country").unique()
    import conflictschema.validation.places as places

    found = places.nearest_countries(points.select("latitude", "longitude").to_numpy())
    wrong = points.with_columns(pl.Series("__found", found, dtype=pl.String)).filter(
        c("__found") != c("country")
    )
    if wrong.is_empty():
        return
    swappable = wrong.filter(c("longitude").abs() <= 90).select("latitude", "longitude", "country")
    if not swappable.is_empty():
        swapped = places.nearest_countries(swappable.select("longitude", "latitude").to_numpy())
        swappable = swappable.with_columns(pl.Series("__swapped", swapped, dtype=pl.String))
    else:
        swappable = swappable.with_columns(pl.lit(None, dtype=pl.String).alias("__swapped"))
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
        Code.COORDINATES_COUNTRY,
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
                Code.FUTURE_DATE,
                column.name,
                f"{column.name} {{{column.name}}} is after today ({today})",
                column.name,
            )


def check_plausibility(ctx: CheckContext, today: dt.date) -> None:
    """Layer 4: warnings only."""
    check_coordinates(ctx)
    check_future_dates(ctx, today)
