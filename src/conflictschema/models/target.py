"""Target: what or who an incident struck (DESIGN.md section 2)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from conflictschema.models._base import RecordModel
from conflictschema.models.codes import InfrastructureType, TargetType
from conflictschema.models.types import Identifier, References, ShortText, Text


class _Keyed(RecordModel):
    id: Annotated[Identifier, Field(description="Stable id of this row; never reused.")]


class _InIncident(_Keyed):
    incident_id: Annotated[
        Identifier,
        References("incidents"),
        Field(description="Id of the incident this row belongs to."),
    ]


class _TargetFields(RecordModel):
    rules_table = "targets"

    target_type: Annotated[TargetType, Field(description="What kind of target it was.")]
    infrastructure_type: Annotated[
        InfrastructureType | None,
        Field(description="For a target of type infrastructure: which kind; empty otherwise."),
    ] = None
    name: Annotated[
        ShortText | None,
        Field(
            description="Name of the target (a building, a person, a unit), when the sources give one."
        ),
    ] = None
    affiliation: Annotated[
        Identifier | None,
        References("actors"),
        Field(description="Actor id of the party, state or group the target belongs to."),
    ] = None
    description: Annotated[
        Text | None, Field(description="What was hit and how badly, in the keeper's own words.")
    ] = None


class NestedTarget(_TargetFields, _Keyed):
    """A target inside its incident's JSON document; the incident id is implied."""


class Target(_TargetFields, _InIncident):
    """A row of targets.csv: standard section "Target"."""
