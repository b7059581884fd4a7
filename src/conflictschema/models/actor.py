"""Actor: a claimant, perpetrator, target owner or controlling power (DESIGN.md section 2)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from conflictschema.models._base import RecordModel
from conflictschema.models.codes import ActorKind
from conflictschema.models.types import CountryCode, Identifier, ListItem, References, ShortText


class Actor(RecordModel):
    """A row of actors.csv: standard section "Actor"."""

    id: Annotated[Identifier, Field(description="Stable id of the actor; never reused.")]
    name: Annotated[
        ShortText, Field(description="The actor's name as commonly written in English.")
    ]
    aliases: Annotated[
        list[ListItem], Field(description="Other names, transliterations and abbreviations.")
    ] = []
    kind: Annotated[ActorKind, Field(description="What kind of actor it is.")]
    parent: Annotated[
        Identifier | None,
        References("actors"),
        Field(description="Id of the actor this one belongs to (a unit's army, a branch's party)."),
    ] = None
    country: Annotated[
        CountryCode | None,
        Field(
            description="ISO 3166-1 alpha-2 code of the state the actor belongs to or is based in."
        ),
    ] = None
