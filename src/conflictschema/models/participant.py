"""Participant: an actor that took part in an incident, as a source states it.

Datasets such as ACLED and UCDP GED name the sides of an event without saying who
did what: ACLED's actor 1 and actor 2 imply no direction. A participant records that
without inventing a perpetrator; who is *accused* stays the business of claims, and
participants never change the attribution status.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from conflictschema.models._base import RecordModel
from conflictschema.models.codes import ParticipantRole
from conflictschema.models.target import _InIncident, _Keyed
from conflictschema.models.types import Identifier, References, SourceIds


class _ParticipantFields(RecordModel):
    actor: Annotated[
        Identifier, References("actors"), Field(description="Actor id of who took part.")
    ]
    role: Annotated[
        ParticipantRole,
        Field(description="How the actor took part, as the source states it; never a claim."),
    ]
    source_ids: Annotated[
        SourceIds,
        Field(description="Ids of the sources that name the actor as taking part; at least one."),
    ]


class NestedParticipant(_ParticipantFields, _Keyed):
    """A participant inside its incident's JSON document; the incident id is implied."""


class Participant(_ParticipantFields, _InIncident):
    """A row of participants.csv: standard section "Participant"."""
