"""Claim: one statement about who did it and how (DESIGN.md section 2)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from conflictschema.models._base import RecordModel
from conflictschema.models.codes import ClaimType, Credibility, Method
from conflictschema.models.target import _InIncident, _Keyed
from conflictschema.models.types import Date, Identifier, References, SourceIds, Text


class _ClaimFields(RecordModel):
    rules_table = "claims"

    claimant: Annotated[
        Identifier, References("actors"), Field(description="Actor id of who made the statement.")
    ]
    claim_type: Annotated[ClaimType, Field(description="What kind of statement it is.")]
    attributed_to: Annotated[
        list[Identifier],
        References("actors"),
        Field(
            description="Actor ids of the alleged perpetrators, jointly; for a responsibility claim or denial, the claimant or actors above or below it; may be empty only for an assessment."
        ),
    ] = []
    disputes: Annotated[
        list[Identifier],
        References("claims"),
        Field(
            description="Ids of claims about the same incident that this claim rejects; a claim may dispute without naming anyone."
        ),
    ] = []
    supersedes: Annotated[
        Identifier | None,
        References("claims"),
        Field(
            description="Id of an earlier claim of the same claimant about the same incident that this one replaces; the replaced claim no longer counts."
        ),
    ] = None
    method: Annotated[
        Method, Field(description="How the claim says it was done; 'unknown' when it does not say.")
    ]
    stated_motive: Annotated[
        Text | None, Field(description="The motive the claimant gives, paraphrased.")
    ] = None
    statement: Annotated[
        Text | None, Field(description="Short paraphrase or quote of the statement.")
    ] = None
    made_on: Annotated[
        Date | None,
        Field(description="When the statement was made; may be long after the incident."),
    ] = None
    retracted_on: Annotated[
        Date | None,
        Field(
            description="When the claimant withdrew the claim; from then on it no longer counts, but it stays in the data."
        ),
    ] = None
    credibility: Annotated[
        Credibility,
        Field(
            description="How credible the claim's information is, on the Admiralty information scale (as names)."
        ),
    ]
    source_ids: Annotated[
        SourceIds,
        Field(description="Ids of the sources in which the statement was read; at least one."),
    ]


class NestedClaim(_ClaimFields, _Keyed):
    """A claim inside its incident's JSON document; the incident id is implied."""


class Claim(_ClaimFields, _InIncident):
    """A row of claims.csv: standard section "Claim"."""
