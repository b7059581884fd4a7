"""Deriving an incident's attribution status from its claims.

The status is stored on the incident so that a CSV user can filter on it without
joining tables, and it is derived here so that it can never drift from the claims:
a stored value that disagrees is an ``attribution-status`` error.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from conflictschema.models.codes import AttributionStatus, ClaimType, Method


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
