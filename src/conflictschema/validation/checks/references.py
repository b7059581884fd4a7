"""Layer 3: rules across records, as joins and group-bys over whole tables.

Unique ids, foreign keys (ids inside list cells too), who may claim for whom, the
attribution status derived from the claims, ids reused, reference cycles; and, as
warnings, actors and sources nothing refers to and probable duplicate incidents.
"""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from conflictschema.findingcodes import Code
from conflictschema.io.tables import in_order
from conflictschema.models.attribution import CLAIM_COLUMNS, derived_statuses, lineages
from conflictschema.models.codes import (
    AttributionStatus,
    ClaimType,
    IncidentStatus,
    ResponsibilityStatus,
)
from conflictschema.models.columns import Column, columns
from conflictschema.validation.context import CheckContext, bad, select_hits
from conflictschema.validation.tables import LOC, ROW

c = pl.col


def _ids(ctx: CheckContext, table: str) -> pl.DataFrame | None:
    """The good ids of ``table`` as a one-column frame ``id``; None when the table is absent."""
    if table not in ctx.typed:
        return None
    if table not in ctx.known_ids:
        good = ctx.typed[table].filter(~c(bad("id")) & c("id").is_not_null()).select("id")
        unique = _strictly_increasing(good.get_column("id"))
        ctx.known_ids[table] = good if unique else good.unique()
    return ctx.known_ids[table]


def check_unique_ids(ctx: CheckContext) -> None:
    """Every repeat of an id after its first row (as Frictionless reports a primary key)."""
    for table, frame in ctx.typed.items():
        ids = frame.get_column("id")
        if _strictly_increasing(ids) or not ids.is_duplicated().any():
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


def _strictly_increasing(ids: pl.Series) -> bool:
    """Ids in strictly increasing order, none missing, are unique: one pass over a table
    in normal form (sorted by id), where hashing a million ids took a second."""
    return (
        ids.null_count() == 0
        and not ids.is_empty()
        and in_order(ids.to_frame("id"), ["id"], strictly=True)
    )


def check_foreign_keys(ctx: CheckContext) -> None:
    """Every reference, scalar or inside a list cell, names an id of its target table.

    The references of every column are looked up in one batch of queries: on a small
    dataset each query's fixed cost, not its rows, is what takes the time."""
    lookups: list[tuple[str, str, str, pl.LazyFrame]] = []
    for table, frame, column, target in _referring_columns(ctx):
        known = _ids(ctx, target)
        if known is None:
            continue
        where = [k for k in (ROW, LOC) if k in frame.columns]
        refs = _one_reference_a_row(
            frame.lazy().filter(~c(bad(column.name))), column, "__ref", *where
        )
        dangling = refs.filter(c("__ref").is_not_null()).join(
            known.lazy(), left_on="__ref", right_on="id", how="anti"
        )
        lookups.append((table, column.name, target, dangling.sort(where[0]) if where else dangling))
    found = pl.collect_all([query for *_, query in lookups])
    for (table, name, target, _), hits in zip(lookups, found, strict=True):
        ctx.emit(
            table,
            hits,
            Code.FK_MISSING,
            name,
            f"{{__ref!r}} is not an id in {target}",
            "__ref",
        )


def _referring_columns(ctx: CheckContext) -> Iterator[tuple[str, pl.DataFrame, Column, str]]:
    """(table, its typed frame, column, the table it refers to) for each column of each
    table read that holds ids of another table."""
    for table, frame in ctx.typed.items():
        for column in columns(table):
            if column.references is not None:
                yield table, frame, column, column.references


def _one_reference_a_row(
    lazy: pl.LazyFrame, column: Column, alias: str, *keep: str
) -> pl.LazyFrame:
    """``column`` as ``alias`` (with the ``keep`` columns), a list cell's ids one a row."""
    refs = lazy.select(*keep, c(column.name).alias(alias))
    return refs.explode(alias) if column.kind == "list" else refs


def _lineages(ctx: CheckContext, descendants: bool) -> pl.DataFrame:
    """(claimant, attributed_to) pairs a claimant may speak for: itself, every actor above
    it through ``parent`` and, if ``descendants``, every actor below it."""
    actors = ctx.typed["actors"].filter(c("id").is_not_null())
    chains = lineages(
        dict(
            zip(
                actors.get_column("id").to_list(),
                actors.get_column("parent").to_list(),
                strict=True,
            )
        )
    )
    pairs = {(actor, above) for actor, chain in chains.items() for above in chain}
    if descendants:
        pairs |= {(above, actor) for actor, above in pairs}
    return pl.DataFrame(
        sorted(pairs), schema={"claimant": pl.String, "attributed_to": pl.String}, orient="row"
    )


def check_claimant_lineage(ctx: CheckContext, descendants: bool = True) -> None:
    """A denial names only actors the claimant may speak for; a responsibility claim names
    at least one (the claimant takes part; a joint claim names its partners too)."""
    if "claims" not in ctx.typed or "actors" not in ctx.typed:
        return
    claims = ctx.typed["claims"]
    actor_ids = _ids(ctx, "actors")
    assert actor_ids is not None
    where = [k for k in (ROW, LOC) if k in claims.columns]
    own = [ClaimType.RESPONSIBILITY_CLAIM.value, ClaimType.DENIAL.value]
    named = (
        claims.lazy()
        .filter(
            ctx.ok("claims", "claim_type", "claimant", "attributed_to") & c("claim_type").is_in(own)
        )
        .select(*where, "claimant", c("claim_type").cast(pl.String), "attributed_to")
        .with_row_index("__claim")
    )
    if isinstance(claims.schema["attributed_to"], pl.List):
        named = named.explode("attributed_to")
    allowed = _lineages(ctx, descendants).lazy().with_columns(pl.lit(True).alias("__own"))
    judged = (
        named.filter(c("attributed_to").is_not_null())
        .join(actor_ids.lazy(), left_on="claimant", right_on="id", how="semi")
        .join(allowed, on=["claimant", "attributed_to"], how="left")
        .with_columns(c("__own").fill_null(False))
        .collect()
    )
    denied_outside = judged.filter((c("claim_type") == ClaimType.DENIAL.value) & ~c("__own"))
    claimed_outside = (
        judged.filter(c("claim_type") == ClaimType.RESPONSIBILITY_CLAIM.value)
        .group_by("__claim", maintain_order=True)
        .agg(
            *[c(k).first() for k in (*where, "claimant", "claim_type")],
            c("attributed_to"),
            c("__own").any(),
        )
        .filter(~c("__own"))
        .with_columns(c("attributed_to").list.join(";"))
    )
    reach = "an actor above or below it" if descendants else "a group it belongs to"
    ctx.emit(
        "claims",
        pl.concat(
            [denied_outside.drop("__own", "__claim"), claimed_outside.drop("__own", "__claim")]
        ),
        Code.CLAIM_SELF_ATTRIBUTION,
        "attributed_to",
        f"a {{claim_type}} by {{claimant!r}} must name {{claimant!r}} or {reach}, not only {{attributed_to!r}}"
        if descendants
        else f"a {{claim_type}} by {{claimant!r}} can only be attributed to {{claimant!r}} or {reach}, not {{attributed_to!r}}",
        "attributed_to",
    )


def check_claim_references(ctx: CheckContext) -> None:
    """disputes and supersedes name other claims about the same incident; supersedes, by
    the same claimant. (A name that is no claim at all is an ``fk-missing``.)"""
    if "claims" not in ctx.typed:
        return
    claims = ctx.typed["claims"]
    where = [k for k in (ROW, LOC) if k in claims.columns]
    known = (
        claims.lazy()
        .filter(ctx.ok("claims", "id", "incident_id", "claimant"))
        .select(
            c("id").alias("__ref"),
            c("incident_id").alias("__incident"),
            c("claimant").alias("__by"),
        )
    )
    for column, message in (
        ("disputes", "disputes names {__ref!r}, {__why}"),
        ("supersedes", "supersedes {__ref!r}, {__why}"),
    ):
        refs = (
            claims.lazy()
            .filter(ctx.ok("claims", "id", "incident_id", "claimant", column))
            .select(*where, "id", "incident_id", "claimant", c(column).alias("__ref"))
        )
        if column == "disputes":
            refs = refs.explode("__ref")
        hits = (
            refs.filter(c("__ref").is_not_null())
            .join(known, on="__ref")
            .with_columns(
                pl.when(c("__ref") == c("id"))
                .then(pl.lit("the claim itself"))
                .when(c("__incident") != c("incident_id"))
                .then(
                    pl.lit("a claim about another incident")
                    + pl.lit(" (")
                    + c("__incident")
                    + pl.lit(")")
                )
                .when((c("__by") != c("claimant")) & pl.lit(column == "supersedes"))
                .then(
                    pl.lit("a claim by another claimant") + pl.lit(" (") + c("__by") + pl.lit(")")
                )
                .alias("__why")
            )
            .filter(c("__why").is_not_null())
            .collect()
        )
        if column == "supersedes":  # supersedes itself is a record rule's to report
            hits = hits.filter(c("__ref") != c("id"))
        ctx.emit(
            "claims",
            hits.sort(where[0]) if where else hits,
            Code.CLAIM_REFERENCE,
            column,
            message,
            "__ref",
        )


#: A stored status checked against a derived one: (incident column, derived column,
#: the status of an incident without claims, the code of a mismatch).
StoredStatus = tuple[str, str, str, Code]


def check_stored_statuses(
    ctx: CheckContext,
    derived: pl.DataFrame,
    statuses: tuple[StoredStatus, ...],
    reads: tuple[str, ...],
) -> None:
    """Each stored status of each incident equals its twin in ``derived`` (incident_id
    -> the derived columns; the default for incidents it does not list), with one join
    for all of them. An incident with a broken claim cell among ``reads`` has no
    derivable status and is skipped."""
    incidents, claims = ctx.typed["incidents"], ctx.typed["claims"]
    where = [k for k in (ROW, LOC) if k in incidents.columns]
    stored = [name for column, *_ in statuses for name in (column, bad(column))]
    checked = incidents.lazy().filter(ctx.ok("incidents", "id")).select(*where, "id", *stored)
    broken = claims.filter(~ctx.ok("claims", *reads))
    if not broken.is_empty():
        checked = checked.join(
            broken.lazy().select("incident_id"), left_on="id", right_on="incident_id", how="anti"
        )
    joined = checked.join(
        derived.lazy(), left_on="id", right_on="incident_id", how="left"
    ).collect()
    for column, derived_column, default, code in statuses:
        wrong = (
            joined.filter(ctx.ok("incidents", column) & c(column).is_not_null())
            .with_columns(c(derived_column).fill_null(default).alias("__derived"))
            .filter(c("__derived") != c(column).cast(pl.String))
        )
        ctx.emit(
            "incidents",
            select_hits(wrong, pl.lit(True), column, "__derived"),
            code,
            column,
            f"{column} is {{{column}!r}} but the incident's claims make it {{__derived!r}}",
            column,
        )


def check_statuses(ctx: CheckContext) -> None:
    """Both stored statuses equal the ones the standing claims imply."""
    if "incidents" not in ctx.typed or "claims" not in ctx.typed:
        return
    claims = ctx.typed["claims"]
    actors = ctx.typed.get("actors")
    if actors is None:
        actors = pl.DataFrame(schema={"id": pl.String, "parent": pl.String})
    derived = derived_statuses(
        # only the columns read are copied, not the whole table
        claims.lazy().filter(ctx.ok("claims", *CLAIM_COLUMNS)).select(CLAIM_COLUMNS).collect(),
        actors.select("id", "parent"),
    )
    statuses = (
        (
            "attribution_status",
            "attribution",
            AttributionStatus.UNATTRIBUTED.value,
            Code.ATTRIBUTION_STATUS,
        ),
        (
            "responsibility_status",
            "responsibility",
            ResponsibilityStatus.UNCLAIMED.value,
            Code.RESPONSIBILITY_STATUS,
        ),
    )
    check_stored_statuses(ctx, derived, statuses, CLAIM_COLUMNS)


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
    """An actor is not its own ancestor, and a source does not relay itself through
    others. Only an edge from a node something points to, to a node that points on,
    can lie on a cycle, so the search walks those edges alone: a million sources that
    relay outlets relaying nothing cost one filter."""
    for table, column in (("actors", "parent"), ("sources", "relays")):
        if table not in ctx.typed:
            continue
        frame = ctx.typed[table].filter(c("id").is_not_null())
        edges = frame.select("id", c(column).alias("__to"))
        if edges.schema["__to"] == pl.List(pl.String):
            edges = edges.explode("__to")
        edges = edges.filter(c("__to").is_not_null() & (c("__to") != ""))
        inner = edges.filter(
            c("id").is_in(c("__to").implode()) & c("__to").is_in(c("id").implode())
        )
        followed: dict[str, list[str]] = {}
        for key, target in inner.iter_rows():
            followed.setdefault(key, []).append(target)
        looping = {start for start in followed if _reaches(followed, start)}
        if not looping:
            continue
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
    """Warn about actors and sources that no record refers to.

    The ids referred to are gathered column by column, each column's distinct ones
    first, in one batch of queries: a million casualty reports citing the same few
    sources give those few, not a million texts to join and deduplicate."""
    if not ctx.loaded.complete:
        return
    targets = [
        (target, code, noun)
        for target, code, noun in (
            ("actors", Code.ORPHAN_ACTOR, "actor"),
            ("sources", Code.ORPHAN_SOURCE, "source"),
        )
        if target in ctx.typed
    ]
    used = pl.collect_all([_referred_to(ctx, target) for target, _, _ in targets])
    for (target, code, noun), ids in zip(targets, used, strict=True):
        frame = ctx.typed[target]
        orphans = select_hits(
            frame, c("id").is_not_null() & ~c("id").is_in(ids.get_column("id").implode()), "id"
        )
        ctx.emit(
            target,
            orphans,
            code,
            "id",
            f"no record refers to {noun} {{id!r}}; remove it or add the reference",
            "id",
        )


def _referred_to(ctx: CheckContext, target: str) -> pl.LazyFrame:
    """The distinct ids (``id``) that any column of any table refers to in ``target``."""
    referred = [pl.LazyFrame(schema={"id": pl.String})]
    for _, frame, column, refers_to in _referring_columns(ctx):
        if refers_to == target:
            referred.append(_one_reference_a_row(frame.lazy(), column, "id").unique())
    return pl.concat(referred).drop_nulls().unique()


#: How much each kind of agreement between two active incidents on the same dates,
#: in the same country, with a target of the same type and affiliation, counts towards
#: calling them one event twice; a pair scoring DUPLICATE_SCORE or more is reported.
PLACE_BY_COORDINATES, PLACE_BY_NAME, SAME_TARGET_NAME, SHARED_SOURCE = 2, 1, 1, 1
DUPLICATE_SCORE = 2


DUPLICATE_KEY = ("date_start", "date_end", "country", "__place", "target_type", "affiliation")


def _group_min(frame: pl.DataFrame, by: list[str], name: str) -> pl.DataFrame:
    return frame.group_by(by).agg(c("id").min().alias(name))


def with_targets(incidents: pl.DataFrame, targets: pl.DataFrame) -> pl.DataFrame:
    """One row per incident and distinct target (type, affiliation, lower-case ``__name``)."""
    return incidents.join(
        targets.select(
            "incident_id",
            "target_type",
            "affiliation",
            c("name").str.to_lowercase().alias("__name"),
        ).unique(),
        left_on="id",
        right_on="incident_id",
    )


def duplicate_firsts(incidents: pl.DataFrame, targets: pl.DataFrame) -> pl.DataFrame:
    """For each incident that repeats an earlier one, the smallest id it repeats (``id``,
    ``__first``), by the rule of :func:`check_duplicate_incidents`.

    Comparing every pair that shares the key would cost the square of the group: five
    thousand copies of one row took half a minute. The score makes the earliest match a
    minimum over a few groups instead, each a group-by:

    - a place given by coordinates scores enough alone, so any earlier incident whose
      target name is compatible (either is empty, or both are equal) matches: the
      earliest of the group, or for a named target the earlier of the earliest unnamed
      and the earliest of that name;
    - a place given by name needs one more point: the same target name (the earliest of
      that name), or, where a name is missing, a shared source (the earliest sharing
      that source; for a named target, the earliest unnamed one sharing it).

    ``incidents`` has ``id``, the key's incident columns, ``__place`` (``@lat,lon`` or a
    lower-case place name) and ``source_ids``; ``targets`` is the targets table.
    """
    key = list(DUPLICATE_KEY)
    # most incidents share their key with none: only groups of two or more can repeat,
    # and an incident alone on its dates, country and place is in no such group
    incident_key = [k for k in key if k in incidents.columns]
    rows = with_targets(incidents.filter(pl.len().over(incident_key) > 1), targets)
    rows = rows.filter(pl.len().over(key) > 1).with_columns(
        c("__place").str.starts_with("@").alias("__coordinates")
    )
    if rows.is_empty():  # the usual case: a dozen queries fewer on every run
        return rows.select("id", c("id").alias("__first"))
    named = [*key, "__name"]
    rows = (
        rows.join(_group_min(rows, key, "__all"), on=key, nulls_equal=True)
        .join(
            _group_min(rows.filter(c("__name").is_null()), key, "__unnamed"),
            on=key,
            how="left",
            nulls_equal=True,
        )
        .join(
            _group_min(rows.filter(c("__name").is_not_null()), named, "__same"),
            on=named,
            how="left",
            nulls_equal=True,
        )
    )
    sources = rows.select("id", *named, "__coordinates", c("source_ids").alias("__source")).explode(
        "__source"
    )
    sources = sources.filter(c("__source").is_not_null() & ~c("__coordinates"))
    by_source = [*key, "__source"]
    shared = (
        sources.join(
            _group_min(sources, by_source, "__any_sharing"), on=by_source, nulls_equal=True
        )
        .join(
            _group_min(sources.filter(c("__name").is_null()), by_source, "__unnamed_sharing"),
            on=by_source,
            how="left",
            nulls_equal=True,
        )
        .select(
            "id",
            pl.when(c("__name").is_null())
            .then(c("__any_sharing"))
            .otherwise(c("__unnamed_sharing"))
            .alias("__sharing"),
        )
        .group_by("id")
        .agg(c("__sharing").min())
    )
    candidates = rows.join(shared, on="id", how="left").select(
        "id",
        pl.when(c("__coordinates"))
        .then(
            pl.when(c("__name").is_null())
            .then(c("__all"))
            .otherwise(pl.min_horizontal("__unnamed", "__same"))
        )
        .otherwise(
            pl.min_horizontal(pl.when(c("__name").is_not_null()).then(c("__same")), c("__sharing"))
        )
        .alias("__first"),
    )
    return (
        candidates.filter(c("__first") < c("id")).group_by("id").agg(c("__first").min()).sort("id")
    )


def check_duplicate_incidents(ctx: CheckContext) -> None:
    """Warn when two active incidents look like one event recorded twice.

    Candidates share both dates, the country, the place (the same coordinates or, without
    them, the same place name; an incident with neither is never matched) and a target's
    type and affiliation. Target names that are both given and differ rule a pair out;
    the same coordinates, the same target name and a shared source count for it
    (the weights above).
    """
    if "incidents" not in ctx.typed or "targets" not in ctx.typed:
        return
    frame = ctx.typed["incidents"]
    where = [k for k in (ROW, LOC) if k in frame.columns]
    coordinates = pl.concat_str(
        pl.lit("@"), c("latitude").cast(pl.String), pl.lit(","), c("longitude").cast(pl.String)
    )
    incidents = (
        frame.filter(c("status") == IncidentStatus.ACTIVE.value)
        .with_columns(
            pl.coalesce(coordinates, c("location_name").str.to_lowercase()).alias("__place")
        )
        .filter(c("__place").is_not_null())
        .select(*where, "id", "date_start", "date_end", "country", "__place", "source_ids")
    )
    firsts = duplicate_firsts(incidents, ctx.typed["targets"])
    if firsts.is_empty():
        return
    later = firsts.join(frame.select(*where, "id"), on="id")
    ctx.emit(
        "incidents",
        select_hits(later.sort(where[0]) if where else later, pl.lit(True), "id", "__first"),
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
    if not ctx.statuses_checked:  # else data of an earlier standard met its own version's rules
        check_claimant_lineage(ctx)
        check_statuses(ctx)
    check_claim_references(ctx)
    check_reused_ids(ctx)
    check_cycles(ctx)
    check_orphans(ctx)
    check_duplicate_incidents(ctx)
