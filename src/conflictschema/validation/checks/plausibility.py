"""Layer 4 (warnings): values that are allowed but probably wrong.

Coordinates that fall outside the stated country (with a hint when swapping
latitude and longitude would fix it), classification values a documented scheme
lacks, and dates in the future. Text a spreadsheet would run as a formula
(Code.FORMULA_CELL) is a per-cell check, run with layer 1.

Coordinates are looked up offline (conflictschema.validation.places) among known
populated places. Near a border the nearest place may lie across it, so a point is
reported only when the nearest known place of the stated country is more than
BORDER_TOLERANCE_KM away, and the message says how far it is.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from conflictschema.findingcodes import Code
from conflictschema.models.columns import columns
from conflictschema.validation.context import CheckContext, select_hits

c = pl.col

#: A point whose nearest known place lies in another country is still accepted when a
#: known place of the stated country lies within this many kilometres (border areas,
#: a town whose neighbour across the border is nearer).
BORDER_TOLERANCE_KM = 30.0


def prepare(table: str, typed: pl.DataFrame) -> None:
    """Start building the place index as soon as the incidents show coordinates."""
    located = typed.get_column("latitude").count() if table == "incidents" else 0
    if located:
        import conflictschema.validation.places as places  # NumPy (SciPy for many) loads now

        places.preload(located)


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
    away = places.km_to_country(
        wrong.select("latitude", "longitude").to_numpy(), wrong.get_column("country").to_list()
    )
    wrong = wrong.with_columns(pl.Series("__km", away, dtype=pl.Float64)).filter(
        c("__km") > BORDER_TOLERANCE_KM  # no known place of the country at all: cannot judge
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
        text = (
            f"({r['latitude']}, {r['longitude']}) lies {r['__km']:.0f} km from the nearest known "
            f"place in {r['country']} (more than {BORDER_TOLERANCE_KM:.0f} km); the nearest known "
            f"place is in {r['__found']}"
        )
        if r.get("__swapped") == r["country"]:
            text += "; latitude and longitude look swapped: swapping them puts the point in " + str(
                r["country"]
            )
        return text

    ctx.emit(
        "incidents",
        select_hits(
            hits, pl.lit(True), "latitude", "longitude", "country", "__found", "__swapped", "__km"
        ),
        Code.COORDINATES_COUNTRY,
        "latitude",
        message,
        "latitude",
    )


def check_future_dates(ctx: CheckContext, today: dt.date) -> None:
    for table, frame in ctx.typed.items():
        dates = [column.name for column in columns(table) if column.kind == "date"]
        if not dates:
            continue
        future = {name: (c(name) > today).fill_null(False) for name in dates}
        # one query asks which columns hold a future date; only those are fetched
        found = frame.select(mask.any().alias(name) for name, mask in future.items()).row(0)
        for name, any_future in zip(dates, found, strict=True):
            if not any_future:
                continue
            ctx.emit(
                table,
                select_hits(frame, future[name], name),
                Code.FUTURE_DATE,
                name,
                f"{name} {{{name}}} is after today ({today})",
                name,
            )


def check_classifications(ctx: CheckContext) -> None:
    """A value a documented scheme does not have; other schemes are the keeper's own."""
    if "incidents" not in ctx.typed:
        return
    from conflictschema.models.classifications import known_values

    known = pl.DataFrame(
        [(scheme, value) for scheme, values in known_values().items() for value in values],
        schema={"__scheme": pl.String, "__value": pl.String},
        orient="row",
    )
    frame = ctx.typed["incidents"]
    where = [k for k in ("__row", "__loc") if k in frame.columns]
    items = (
        frame.filter(ctx.ok("incidents", "classifications"))
        .select(*where, c("classifications").alias("__item"))
        .explode("__item")
        .drop_nulls("__item")
        .with_columns(
            c("__item").str.split_exact(":", 1).struct.rename_fields(["__scheme", "__value"])
        )
        .unnest("__item")
        .with_columns(pl.concat_str("__scheme", pl.lit(":"), "__value").alias("__item"))
    )
    schemes = known.select("__scheme").unique()
    unknown = items.join(schemes, on="__scheme", how="semi").join(
        known, on=["__scheme", "__value"], how="anti"
    )
    ctx.emit(
        "incidents",
        unknown.sort(where[0]) if where else unknown,
        Code.UNKNOWN_CLASSIFICATION,
        "classifications",
        "{__item} is not a value of the scheme {__scheme} (see the codebook's classification schemes)",
        "__item",
    )


def check_plausibility(ctx: CheckContext, today: dt.date) -> None:
    """Layer 4: warnings only."""
    check_coordinates(ctx)
    check_classifications(ctx)
    check_future_dates(ctx, today)
