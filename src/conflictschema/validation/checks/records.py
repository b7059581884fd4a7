"""Layer 2: the record rules of the models, vectorised over whole tables.

Each rule is the Pydantic models' rule (conflictschema.models) stated as Polars
expressions; a property test holds the two to the same verdicts. A rule reads only
cells that passed layer 1, and every rule runs on every row, so one run reports all
the breaches of a record, not only the first.
"""

from __future__ import annotations

import polars as pl

from conflictschema.models.claim import NAMED_PERPETRATOR_TYPES
from conflictschema.models.codes import DatePrecision, IncidentStatus
from conflictschema.models.rules import (
    CASUALTY_ORDER,
    CLAIM_PERPETRATOR_MISSING,
    COORDINATES_PAIR,
    DATE_ORDER,
    DATE_PRECISION,
    GEO_PRECISION_MISSING,
    MODIFIED_ORDER,
    SUBDIVISION_COUNTRY,
    SUPERSEDED_SELF,
    WITHDRAWN_REASON,
)
from conflictschema.validation.context import CheckContext, select_hits

c = pl.col
PRECISION_MEANING = {m.value: m.description for m in DatePrecision}


def _span_fits(precision: pl.Expr, start: pl.Expr, end: pl.Expr) -> pl.Expr:
    """Polars twin of conflictschema.models.incident.span_matches_precision."""
    days = (end - start).dt.total_days()
    return (
        pl.when(precision == DatePrecision.DAY.value)
        .then(days == 0)
        .when(precision == DatePrecision.WEEK.value)
        .then((days >= 1) & (days <= 6))
        .when(precision == DatePrecision.MONTH.value)
        .then((start.dt.day() == 1) & (end == start.dt.month_end()))
        .when(precision == DatePrecision.YEAR.value)
        .then(
            (start.dt.month() == 1)
            & (start.dt.day() == 1)
            & (end.dt.month() == 12)
            & (end.dt.day() == 31)
            & (start.dt.year() == end.dt.year())
        )
        .otherwise(days >= 1)
    )


def check_incident_rules(ctx: CheckContext) -> None:
    if "incidents" not in ctx.typed:
        return
    frame = ctx.typed["incidents"]
    ok = ctx.ok
    hit = select_hits

    order = ok("incidents", "date_start", "date_end") & (c("date_end") < c("date_start"))
    ctx.emit(
        "incidents",
        hit(frame, order, "date_start", "date_end"),
        DATE_ORDER,
        "date_end",
        lambda r: (
            f"date_end {r['date_end']} is before date_start {r['date_start']}; swap them or correct one"
        ),
        "date_end",
    )
    precision = (
        ok("incidents", "date_start", "date_end", "date_precision")
        & c("date_precision").is_not_null()
        & (c("date_end") >= c("date_start"))
        & ~_span_fits(c("date_precision"), c("date_start"), c("date_end")).fill_null(True)
    )
    ctx.emit(
        "incidents",
        hit(frame, precision, "date_start", "date_end", "date_precision"),
        DATE_PRECISION,
        "date_precision",
        lambda r: (
            f"date_precision {r['date_precision']!r} does not fit {r['date_start']}..{r['date_end']}; {PRECISION_MEANING[r['date_precision']]}"
        ),
        "date_precision",
    )

    for kind in ("killed", "injured"):
        low, best, high = (f"{kind}_{p}" for p in ("low", "best", "high"))
        best_low = ok("incidents", low, best) & (c(low) > c(best)).fill_null(False)
        ctx.emit(
            "incidents",
            hit(frame, best_low, low, best),
            CASUALTY_ORDER,
            best,
            f"{best} {{{best}}} is below {low} {{{low}}}",
            best,
        )
        high_low = (
            ok("incidents", low, best, high)
            & c(high).is_not_null()
            & ((c(low) > c(high)).fill_null(False) | (c(best) > c(high)).fill_null(False))
        )
        ctx.emit(
            "incidents",
            hit(frame, high_low, high),
            CASUALTY_ORDER,
            high,
            f"{high} {{{high}}} is below {kind}_low or {kind}_best",
            high,
        )

    both_ok = ok("incidents", "latitude", "longitude")
    for missing, given in (("longitude", "latitude"), ("latitude", "longitude")):
        pair = both_ok & c(missing).is_null() & c(given).is_not_null()
        ctx.emit(
            "incidents",
            hit(frame, pair),
            COORDINATES_PAIR,
            missing,
            f"{missing} is empty while the other coordinate is given; give both or neither",
        )
    geo = (
        ok("incidents", "latitude", "geo_precision")
        & c("latitude").is_not_null()
        & c("geo_precision").is_null()
    )
    ctx.emit(
        "incidents",
        hit(frame, geo),
        GEO_PRECISION_MISSING,
        "geo_precision",
        "coordinates are given, so say how precise they are in geo_precision",
    )
    subdivision = (
        ok("incidents", "admin1_code", "country")
        & c("admin1_code").is_not_null()
        & (c("country").is_null() | (c("admin1_code").str.slice(0, 2) != c("country")))
    )
    ctx.emit(
        "incidents",
        hit(frame, subdivision, "admin1_code", "country"),
        SUBDIVISION_COUNTRY,
        "admin1_code",
        lambda r: (
            f"admin1_code {r['admin1_code']} is not a subdivision of country {r['country'] or '(empty)'}"
        ),
        "admin1_code",
    )

    withdrawn = c("status") == IncidentStatus.WITHDRAWN.value
    active = c("status") == IncidentStatus.ACTIVE.value
    reason = (
        ok("incidents", "status", "withdrawn_reason") & withdrawn & c("withdrawn_reason").is_null()
    )
    ctx.emit(
        "incidents",
        hit(frame, reason),
        WITHDRAWN_REASON,
        "withdrawn_reason",
        "a withdrawn incident needs a withdrawn_reason",
    )
    for name in ("withdrawn_reason", "superseded_by"):
        stray = ok("incidents", "status", name) & active & c(name).is_not_null()
        ctx.emit(
            "incidents",
            hit(frame, stray, name),
            WITHDRAWN_REASON,
            name,
            f"an active incident has no {name}; set status to withdrawn or empty {name}",
            name,
        )
    itself = ok("incidents", "id", "superseded_by") & (c("superseded_by") == c("id")).fill_null(
        False
    )
    ctx.emit(
        "incidents",
        hit(frame, itself, "superseded_by"),
        SUPERSEDED_SELF,
        "superseded_by",
        "an incident cannot be superseded by itself",
        "superseded_by",
    )
    modified = ok("incidents", "created", "modified") & (c("modified") < c("created")).fill_null(
        False
    )
    ctx.emit(
        "incidents",
        hit(frame, modified, "created", "modified"),
        MODIFIED_ORDER,
        "modified",
        lambda r: f"modified {r['modified']} is before created {r['created']}",
        "modified",
    )


def check_claim_rules(ctx: CheckContext) -> None:
    if "claims" not in ctx.typed:
        return
    frame = ctx.typed["claims"]
    named = [t.value for t in NAMED_PERPETRATOR_TYPES]
    missing = (
        ctx.ok("claims", "claim_type", "attributed_to")
        & c("claim_type").is_in(named)
        & c("attributed_to").is_null()
    )
    ctx.emit(
        "claims",
        select_hits(frame, missing, "claim_type"),
        CLAIM_PERPETRATOR_MISSING,
        "attributed_to",
        lambda r: f"a {r['claim_type']} must name who it is about in attributed_to",
    )


def check_records(ctx: CheckContext) -> None:
    """Layer 2: every record rule on every row."""
    check_incident_rules(ctx)
    check_claim_rules(ctx)
