"""Standard 0.1: the rules that 0.2 changed, as 0.1 stated them, and the upgrade to 0.2.

0.1 data is checked by these rules before it is upgraded (its stored attribution
status is held to the 0.1 derivation, a responsibility claim or denial may name only
the claimant or an actor above it), so the verdict on 0.1 data does not change with
the package. The upgrader then brings the checked tables to 0.2:

- ``claims.attributed_to`` holds one id or none; in 0.2 it is a list: the id becomes a
  one-item list, an empty cell an empty list;
- ``claims.disputes``, ``claims.supersedes``, ``claims.retracted_on``,
  ``incidents.time_start`` and ``incidents.time_end`` are new and empty;
- ``attribution_status`` is derived again by the 0.2 rules (0.1's ``unclaimed`` no
  longer exists), and the new ``responsibility_status`` is derived from the claims.

Every 0.1 code is still a code of 0.2, so no other value changes.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from conflictschema.models.codes import ClaimType, Method

if TYPE_CHECKING:
    import polars as pl

VERSION = "0.1.0"
#: 0.1's status of an incident without claims.
NO_CLAIMS = "unclaimed"
#: 0.1 let a responsibility claim or denial name the claimant or an actor above it only.
SPEAKS_FOR_DESCENDANTS = False


def derived_attribution_statuses(claims: pl.DataFrame) -> pl.DataFrame:
    """incident_id -> ``derived`` attribution status by the 0.1 rules.

    - no claims: ``unclaimed``; every claim by one claimant: ``single_account``;
    - several claimants naming at most one perpetrator and at most one known method,
      with no denial of a perpetrator another claim names: ``consistent``;
    - otherwise ``contested``.
    """
    import polars as pl

    c = pl.col
    denial = c("claim_type") == ClaimType.DENIAL.value
    affirming = ~denial
    perpetrators = c("attributed_to").filter(affirming & c("attributed_to").is_not_null())
    methods = c("method").filter(affirming & (c("method") != Method.UNKNOWN.value)).cast(pl.String)
    counted = (
        claims.lazy()
        .filter(c("incident_id").is_not_null())
        .with_columns(c("claim_type").cast(pl.String))
        .group_by("incident_id")
        .agg(
            c("claimant").n_unique().alias("claimants"),
            perpetrators.n_unique().alias("perpetrators"),
            methods.n_unique().alias("methods"),
        )
    )
    typed = claims.lazy().with_columns(c("claim_type").cast(pl.String))
    denied = typed.filter(denial & c("attributed_to").is_not_null()).select(
        "incident_id", "attributed_to"
    )
    named = typed.filter(affirming & c("attributed_to").is_not_null()).select(
        "incident_id", "attributed_to"
    )
    met = (
        denied.join(named, on=["incident_id", "attributed_to"])
        .select("incident_id")
        .unique()
        .with_columns(pl.lit(True).alias("denied_met"))
    )
    return (
        counted.join(met, on="incident_id", how="left")
        .select(
            "incident_id",
            pl.when(c("claimants") == 1)
            .then(pl.lit("single_account"))
            .when((c("perpetrators") > 1) | (c("methods") > 1) | c("denied_met").fill_null(False))
            .then(pl.lit("contested"))
            .otherwise(pl.lit("consistent"))
            .alias("derived"),
        )
        .collect()
    )


def upgrade(typed: dict[str, pl.DataFrame]) -> tuple[dict[str, pl.DataFrame], list[str]]:
    """0.1 tables -> 0.2 tables, and what changed, in words.

    The tables may carry the validator's columns (row numbers, ``<column>__bad``
    flags); they are kept, and each new column gets a flag that says "not broken".
    """
    import polars as pl

    from conflictschema.models.attribution import CLAIM_COLUMNS, derived_statuses
    from conflictschema.models.history.edits import add_empty

    c = pl.col
    notes: list[str] = []
    out = dict(typed)

    if "claims" in out:
        claims = out["claims"].with_columns(
            pl.when(c("attributed_to").is_null())
            .then(pl.lit([], dtype=pl.List(pl.String)))
            .otherwise(pl.concat_list(c("attributed_to")))
            .alias("attributed_to")
        )
        claims = add_empty(claims, "disputes", pl.List(pl.String))
        claims = add_empty(claims, "supersedes", pl.String())
        out["claims"] = add_empty(claims, "retracted_on", pl.Date())
        notes.append("claims.attributed_to: each id became a one-item list")
        notes.append("claims: new empty columns disputes, supersedes, retracted_on")
    if "incidents" in out:
        incidents = add_empty(out["incidents"], "time_start", pl.String())
        incidents = add_empty(incidents, "time_end", pl.String())
        notes.append("incidents: new empty columns time_start, time_end")
        before = incidents.get_column("attribution_status").cast(pl.String)
        if "claims" in out:
            claims = out["claims"]
            actors = out.get("actors", pl.DataFrame(schema={"id": pl.String, "parent": pl.String}))
            derived = derived_statuses(claims.select(CLAIM_COLUMNS), actors.select("id", "parent"))
            incidents = (
                incidents.join(derived, left_on="id", right_on="incident_id", how="left")
                .with_columns(
                    c("attribution").fill_null("unattributed").alias("attribution_status"),
                    c("responsibility").fill_null("unclaimed").alias("responsibility_status"),
                )
                .drop("attribution", "responsibility")
            )
        else:  # a lone incidents table: nothing to derive from
            incidents = incidents.with_columns(
                c("attribution_status").cast(pl.String).replace(NO_CLAIMS, "unattributed"),
                pl.lit(None, dtype=pl.String).alias("responsibility_status"),
            )
        if "id__bad" in incidents.columns:
            incidents = incidents.with_columns(pl.lit(False).alias("responsibility_status__bad"))
        after = incidents.get_column("attribution_status")
        changes = Counter(
            (old, new)
            for old, new in zip(before.to_list(), after.to_list(), strict=True)
            if old != new
        )
        notes.append(
            "incidents.attribution_status derived by the 0.2 rules"
            + (
                ": "
                + ", ".join(f"{old} -> {new} ({n})" for (old, new), n in sorted(changes.items()))
                if changes
                else ", no value changed"
            )
        )
        responsibility = Counter(
            incidents.get_column("responsibility_status").drop_nulls().to_list()
        )
        notes.append(
            "incidents.responsibility_status (new) derived: "
            + ", ".join(f"{k} ({n})" for k, n in sorted(responsibility.items()))
            if responsibility
            else "incidents.responsibility_status (new): no incidents"
        )
        out["incidents"] = incidents
    return out, notes
