"""Deriving an incident's attribution status from its claims, in both forms side by side.

:func:`derive_attribution_status` reads one incident's claims (the models' form);
:func:`derived_statuses` derives every incident's status from a claims table at once
(the validator's form). ``tests/unit/models/test_rule_forms.py`` feeds both the same
generated claims and requires the same status for every incident.

The status is stored on the incident so that a CSV user can filter on it without
joining tables, and it is derived here so that it can never drift from the claims:
a stored value that disagrees is an ``attribution-status`` error.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from conflictschema.models.codes import AttributionStatus, ClaimType, Method

if TYPE_CHECKING:
    import polars as pl


class ClaimLike(Protocol):
    @property
    def claimant(self) -> str: ...
    @property
    def claim_type(self) -> ClaimType | str: ...
    @property
    def attributed_to(self) -> str | None: ...
    @property
    def method(self) -> Method | str: ...


def derive_attribution_status(claims: Iterable[ClaimLike]) -> AttributionStatus:
    """The attribution status that an incident's claims imply.

    - no claims: ``unclaimed``;
    - every claim made by one claimant: ``single_account``;
    - several claimants that name at most one perpetrator and at most one known method,
      with no denial of a perpetrator another claim names: ``consistent``;
    - otherwise ``contested``.

    A claim that names no perpetrator, or gives the method as ``unknown``, does not
    disagree with anything: silence is not a competing account.
    """
    claims = list(claims)
    if not claims:
        return AttributionStatus.UNCLAIMED
    if len({c.claimant for c in claims}) == 1:
        return AttributionStatus.SINGLE_ACCOUNT
    affirming = [c for c in claims if c.claim_type != ClaimType.DENIAL]
    denied = {c.attributed_to for c in claims if c.claim_type == ClaimType.DENIAL}
    perpetrators = {c.attributed_to for c in affirming if c.attributed_to is not None}
    # str() so that enum members and plain codes (from the columnar validator) hash alike
    methods = {str(c.method) for c in affirming if c.method != Method.UNKNOWN}
    if len(perpetrators) > 1 or len(methods) > 1 or perpetrators & denied:
        return AttributionStatus.CONTESTED
    return AttributionStatus.CONSISTENT


def derived_statuses(claims: pl.DataFrame) -> pl.DataFrame:
    """incident_id -> derived attribution status; the twin of derive_attribution_status.

    Claims are sorted by incident first: grouping sorted keys is an order of magnitude
    faster than hashing them, and claims usually arrive nearly in incident order, which
    makes the sort itself cheap.
    """
    import polars as pl

    c = pl.col
    denial = c("claim_type") == ClaimType.DENIAL.value
    affirming = ~denial
    perpetrators = c("attributed_to").filter(affirming & c("attributed_to").is_not_null())
    methods = c("method").filter(affirming & (c("method") != Method.UNKNOWN.value)).to_physical()
    counted = (
        claims.lazy()
        .filter(c("incident_id").is_not_null())
        .sort("incident_id")
        .group_by("incident_id")
        .agg(
            c("claimant").n_unique().alias("claimants"),
            perpetrators.n_unique().alias("perpetrators"),
            methods.n_unique().alias("methods"),
            denial.any().alias("has_denial"),
        )
        .collect()
    )
    # a denial meets a claim when another claim of the incident names the denied perpetrator
    with_denials = claims.join(
        counted.filter(c("has_denial")).select("incident_id"), on="incident_id"
    )
    denied = (
        with_denials.filter(denial & c("attributed_to").is_not_null())
        .select("incident_id", "attributed_to")
        .unique()
    )
    named = (
        with_denials.filter(affirming & c("attributed_to").is_not_null())
        .select("incident_id", "attributed_to")
        .unique()
    )
    met = (
        denied.join(named, on=["incident_id", "attributed_to"])
        .select("incident_id")
        .unique()
        .with_columns(pl.lit(True).alias("denied_met"))
    )
    return counted.join(met, on="incident_id", how="left").select(
        "incident_id",
        pl.when(c("claimants") == 1)
        .then(pl.lit(AttributionStatus.SINGLE_ACCOUNT.value))
        .when((c("perpetrators") > 1) | (c("methods") > 1) | c("denied_met").fill_null(False))
        .then(pl.lit(AttributionStatus.CONTESTED.value))
        .otherwise(pl.lit(AttributionStatus.CONSISTENT.value))
        .alias("derived"),
    )
