"""Source: where a statement was read (DESIGN.md section 2)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from conflictschema.models._base import RecordModel
from conflictschema.models.codes import Access, Reliability, SourceType
from conflictschema.models.types import (
    Date,
    HttpUrl,
    Identifier,
    LanguageTag,
    References,
    Sha256Hex,
    ShortText,
)


class Source(RecordModel):
    """A row of sources.csv: standard section "Source".

    Who said something (a claim's claimant) and where we read it (its sources) are
    separate facts; ``relays`` records that a source reports another second-hand.
    """

    id: Annotated[Identifier, Field(description="Stable id of the source; never reused.")]
    url: Annotated[
        HttpUrl | None, Field(description="Where the source was read; http or https only.")
    ] = None
    title: Annotated[ShortText | None, Field(description="Title or headline of the source.")] = None
    publisher: Annotated[
        ShortText | None, Field(description="Who published it (outlet, ministry, channel).")
    ] = None
    published_on: Annotated[Date | None, Field(description="Publication date.")] = None
    language: Annotated[
        LanguageTag | None,
        Field(description="Language of the source as a BCP 47 tag (e.g. en, uk, ru, de)."),
    ] = None
    source_type: Annotated[SourceType, Field(description="What kind of publication it is.")]
    reliability: Annotated[
        Reliability,
        Field(
            description="How reliable the source has been, on the Admiralty source scale (as names)."
        ),
    ]
    relays: Annotated[
        list[Identifier],
        References("sources"),
        Field(
            description="Ids of the sources this one reports second-hand (a news report relaying a claimant's channel)."
        ),
    ] = []
    archive_url: Annotated[
        HttpUrl | None, Field(description="An archived copy of the source (http or https).")
    ] = None
    archived_at: Annotated[
        Date | None,
        Field(description="When the archived copy was made."),
    ] = None
    content_sha256: Annotated[
        Sha256Hex | None,
        Field(
            description="SHA-256 of the archived content, lower-case hex, to show it has not changed."
        ),
    ] = None
    access: Annotated[
        Access,
        Field(
            description="Whether the source may be published; a public release keeps only id and source_type of a restricted one."
        ),
    ]
