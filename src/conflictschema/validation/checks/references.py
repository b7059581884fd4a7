"""Layer 3: rules across records, as joins and group-bys over whole tables.

Unique ids, foreign keys (ids inside list cells too), who may claim for whom, the
attribution status derived from the claims, ids reused, reference cycles; and, as
warnings, actors and sources nothing refers to and probable duplicate incidents.
"""

from __future__ import annotations

import polars as pl

from conflictschema.findingcodes import Code
from conflictschema.models.attribution import derived_statuses
from conflictschema.models.codes import AttributionStatus, ClaimType, IncidentStatus
from conflictschema.models.columns import columns
from conflictschema.validation.context import CheckContext, bad, select_hits
from conflictschema.validation.tables import LOC, ROW

c = pl.col


def _ids(ctx: CheckContext, table: str) -> pl.DataFrame | None:
    """The good ids of ``table`` as a one-column frame ``id``; None when the table is absent."""
    if table not in ctx.typed:
        return None
    if table not in ctx.known_ids:
        frame = ctx.typed[table]
        ctx.known_ids[table] = (
            frame.lazy()
            .filter(~c(bad("id")) & c("id").is_not_null())
            .select("id")
            .unique()
            .collect()
        )
    return ctx.known_ids[table]


def check_unique_ids(ctx: CheckContext) -> None:
    """Every repeat of an id after its first row (as Frictionless reports a primary key)."""
    for table, frame in ctx.typed.items():
        ids = frame.get_column("id")
        if not ids.is_duplicated().any():
            continue
        repeated = frame.filter(c("id").is_duplicated()).with_columns(
            c(ROW).min().over("id").alias("__first"),
            pl.int_range(pl.len()).over("id").alias("__nth"),
        )
        repeats = repeated.filter(c("__nth") > 0)
        located = ROW in repeats.columns and repeats.get_column("__first").null_count() == 0
        ctx.emit(
            table,
            select_hits(repeats, pl.lit(True), "id", "__first"),
            Code.DUPLICATE_ID,
            "id",
            f"{table} id {{id!r}} is already used in row {{__first}}"
            if located
            else f"{table} id {{id!r}} is already used by an earlier record",
            "id",
        )


def check_foreign_keys(ctx: CheckContext) -> None:
    """Every reference, scalar or inside a list cell, names an id of its target table."""
    for table, frame in ctx.typed.items():
        where = [k for k in (ROW, LOC) if k in frame.columns]
        for column in columns(table):
            target = column.references
            known = _ids(ctx, target) if target else None
            if target is None or known is None:
                continue
            refs = (
                frame.lazy()
                .filter(~c(bad(column.name)))
                .select(*where, c(column.name).alias("__ref"))
            )
            if column.kind == "list":
                refs = refs.explode("__ref")
            dangling = (
                refs.filter(c("__ref").is_not_null())
                .join(known.lazy(), left_on="__ref", right_on="id", how="anti")
                .collect()
            )
            ctx.emit(
                table,
                dangling.sort(where[0]) if where else dangling,
                Code.FK_MISSING,
                column.name,
                f"{{__ref!r}} is not an id in {target}",
                "__ref",
            )


def _lineages(ctx: CheckContext) -> pl.DataFrame:
    """(actor, ancestor) pairs, each actor paired with itself and every actor it belongs to."""
    actors = ctx.typed["actors"].filter(c("id").is_not_null())
    parents = dict(
        zip(actors.get_column("id").to_list(), actors.get_column("parent").to_list(), strict=True)
    )
    pairs: list[tuple[str, str]] = []
    for actor in parents:
        seen: set[str] = set()
        current: str | None = actor
        while current is not None and current not in seen:
            seen.add(current)
            pairs.append((actor, current))
            current = parents.get(current)
    return pl.DataFrame(
        pairs, schema={"claimant": pl.String, "attributed_to": pl.String}, orient="row"
    )


def check_claimant_lineage(ctx: CheckContext) -> None:
    if "claims" not in ctx.typed or "actors" not in ctx.typed:
        return
    claims = ctx.typed["claims"]
    actor_ids = _ids(ctx, "actors")
    assert actor_ids is not None
    own = [ClaimType.RESPONSIBILITY_CLAIM.value, ClaimType.DENIAL.value]
    outside = (
        claims.lazy()
        .filter(
            ctx.ok("claims", "claim_type", "claimant", "attributed_to")
            & c("claim_type").is_in(own)
            & c("attributed_to").is_not_null()
        )
        .select(
            *[k for k in (ROW, LOC) if k in claims.columns],
            "claimant",
            "claim_type",
            "attributed_to",
        )
        .join(actor_ids.lazy(), left_on="claimant", right_on="id", how="semi")
        .join(_lineages(ctx).lazy(), on=["claimant", "attributed_to"], how="anti")
        .collect()
    )
    ctx.emit(
        "claims",
        outside,
        Code.CLAIM_SELF_ATTRIBUTION,
        "attributed_to",
        "a {claim_type} by {claimant!r} can only be attributed to {claimant!r} or a group it belongs to, not {attributed_to!r}",
        "attributed_to",
    )


def check_attribution_status(ctx: CheckContext) -> None:
    if "incidents" not in ctx.typed or "claims" not in ctx.typed:
        return
    incidents, claims = ctx.typed["incidents"], ctx.typed["claims"]
    used = ["incident_id", "claimant", "claim_type", "attributed_to", "method"]
    checked = incidents.lazy().filter(
        ctx.ok("incidents", "id", "attribution_status") & c("attribution_status").is_not_null()
    )
    broken = claims.filter(~ctx.ok("claims", *used))
    if not broken.is_empty():  # an incident with an unreadable claim has no derivable status
        checked = checked.join(
            broken.lazy().select("incident_id"), left_on="id", right_on="incident_id", how="anti"
        )
    derived = derived_statuses(claims.select(used))
    wrong = (
        checked.join(derived.lazy(), left_on="id", right_on="incident_id", how="left")
        .with_columns(c("derived").fill_null(AttributionStatus.UNCLAIMED.value))
        .filter(c("derived") != c("attribution_status").cast(pl.String))
        .collect()
    )
    ctx.emit(
        "incidents",
        select_hits(wrong, pl.lit(True), "attribution_status", "derived"),
        Code.ATTRIBUTION_STATUS,
        "attribution_status",
        "attribution_status is {attribution_status!r} but the incident's claims make it {derived!r}",
        "attribution_status",
    )


def check_reused_ids(ctx: CheckContext) -> None:
    if "incidents" not in ctx.typed:
        return
    incidents = ctx.typed["incidents"]
    current = _ids(ctx, "incidents")
    assert current is not None
    old = (
        incidents.filter(~c(bad("previous_ids")))
        .select(
            [k for k in (ROW, LOC) if k in incidents.columns]
            + ["id", c("previous_ids").alias("__old")]
        )
        .explode("__old")
    )
    reused = old.filter(
        c("__old").is_in(current.get_column("id").implode()) & (c("__old") != c("id"))
    )
    ctx.emit(
        "incidents",
        select_hits(reused, pl.lit(True), "__old"),
        Code.ID_REUSED,
        "previous_ids",
        lambda r: f"previous id {r['__old']!r} is the current id of another incident",
        "__old",
    )


def check_cycles(ctx: CheckContext) -> None:
    for table, column in (("actors", "parent"), ("sources", "relays")):
        if table not in ctx.typed:
            continue
        frame = ctx.typed[table].filter(c("id").is_not_null())
        refs = frame.get_column(column).to_list()
        edges: dict[str, list[str]] = {}
        for key, value in zip(frame.get_column("id").to_list(), refs, strict=True):
            edges.setdefault(key, []).extend(
                value if isinstance(value, list) else ([value] if value else [])
            )
        looping = {start for start in edges if _reaches(edges, start)}
        hits = select_hits(frame, c("id").is_in(list(looping)), "id")
        ctx.emit(
            table,
            hits,
            Code.REFERENCE_CYCLE,
            column,
            f"{table}.{column} of {{id!r}} leads back to itself",
            "id",
        )


def _reaches(edges: dict[str, list[str]], start: str) -> bool:
    seen: set[str] = set()
    stack = list(edges.get(start, []))
    while stack:
        current = stack.pop()
        if current == start:
            return True
        if current not in seen:
            seen.add(current)
            stack.extend(edges.get(current, []))
    return False


def check_orphans(ctx: CheckContext) -> None:
    """Warn about actors and sources that no record refers to."""
    if not ctx.loaded.complete:
        return
    for target, code, noun in (
        ("actors", Code.ORPHAN_ACTOR, "actor"),
        ("sources", Code.ORPHAN_SOURCE, "source"),
    ):
        if target not in ctx.typed:
            continue
        referenced: list[pl.Series] = []
        for table, frame in ctx.typed.items():
            for column in columns(table):
                if column.references != target:
                    continue
                values = frame.get_column(column.name)
                referenced.append(values.explode() if column.kind == "list" else values)
        used = (
            pl.concat(referenced).drop_nulls().unique()
            if referenced
            else pl.Series([], dtype=pl.String)
        )
        frame = ctx.typed[target]
        orphans = select_hits(frame, c("id").is_not_null() & ~c("id").is_in(used.implode()), "id")
        ctx.emit(
            target,
            orphans,
            code,
            "id",
            f"no record refers to {noun} {{id!r}}; remove it or add the reference",
            "id",
        )


def check_duplicate_incidents(ctx: CheckContext) -> None:
    """Warn when active incidents share dates, place and a target."""
    if "incidents" not in ctx.typed or "targets" not in ctx.typed:
        return
    place = [
        "date_start",
        "date_end",
        "country",
        "admin1_code",
        "location_name",
        "latitude",
        "longitude",
    ]
    incidents = (
        ctx.typed["incidents"]
        .filter(c("status") == IncidentStatus.ACTIVE.value)
        .select([k for k in (ROW, LOC) if k in ctx.typed["incidents"].columns] + ["id", *place])
    )
    targets = ctx.typed["targets"].select("incident_id", "target_type", "affiliation").unique()
    keyed = incidents.join(targets, left_on="id", right_on="incident_id")
    key = [*place, "target_type", "affiliation"]
    first = (
        keyed.group_by(key)
        .agg(c("id").min().alias("__first"), c("id").n_unique().alias("__n"))
        .filter(c("__n") > 1)
    )
    if first.is_empty():
        return
    later = (
        keyed.join(first, on=key, nulls_equal=True)
        .filter(c("id") != c("__first"))
        .unique(subset=["id"])
        .sort(ROW)
    )
    ctx.emit(
        "incidents",
        select_hits(later, pl.lit(True), "id", "__first"),
        Code.DUPLICATE_INCIDENT,
        "id",
        lambda r: (
            f"same dates, place and target as incident {r['__first']!r}; merge them (withdraw one with superseded_by) if they are the same event"
        ),
        "id",
    )


def check_references(ctx: CheckContext) -> None:
    """Layer 3: every rule across records."""
    check_unique_ids(ctx)
    check_foreign_keys(ctx)
    check_claimant_lineage(ctx)
    check_attribution_status(ctx)
    check_reused_ids(ctx)
    check_cycles(ctx)
    check_orphans(ctx)
    check_duplicate_incidents(ctx)
