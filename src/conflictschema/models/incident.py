"""Incident: one event whose perpetrator or method is in dispute (DESIGN.md section 2)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from pydantic import Field

from conflictschema.models._base import RecordModel
from conflictschema.models.codes import (
    AttributionStatus,
    DatePrecision,
    DateSpan,
    GeoPrecision,
    IncidentStatus,
    MaritimeZone,
    Method,
    ResponsibilityStatus,
)
from conflictschema.models.dates import precision_breach
from conflictschema.models.rules import RuleBreach
from conflictschema.models.types import (
    Classification,
    Count,
    CountryCode,
    Date,
    ExternalId,
    Identifier,
    Latitude,
    LocalTime,
    Longitude,
    References,
    ShortText,
    SourceIds,
    SubdivisionCode,
    Tag,
    Text,
)

EDTF_PATTERN = r"^(\d{4}(-\d{2}(-\d{2})?)?[~?%]?|\.\.)?(/(\d{4}(-\d{2}(-\d{2})?)?[~?%]?|\.\.)?)?$"


class Incident(RecordModel):
    """An incident: what happened, when, where, to whom, and how the accounts relate.

    Standard section "Incident" (docs/standard.md). Empty casualty fields mean
    *unknown*; 0 means the sources report none.
    """

    id: Annotated[
        Identifier,
        Field(description="Stable id of the incident; never reused, even after withdrawal."),
    ]
    title: Annotated[
        ShortText, Field(description="Short neutral title, in the dataset's language.")
    ]
    summary: Annotated[
        Text | None,
        Field(
            description="What happened, in the dataset keeper's own words; no account is taken as fact."
        ),
    ] = None
    event_type: Annotated[
        Method | None,
        Field(
            description="What happened, as the keeper records it from the sources (the same code list as claims' methods); empty = not stated. Who is accused stays in the claims."
        ),
    ] = None
    classifications: Annotated[
        list[Classification],
        Field(
            description="Each source's own categories for the incident, exactly, as scheme:value slugs (acled-sub-event:armed-clash, ucdp-violence:one-sided); the codebook lists the known schemes."
        ),
    ] = []
    date_start: Annotated[
        Date, Field(description="Earliest date the incident can have happened (ISO 8601).")
    ]
    date_end: Annotated[
        Date,
        Field(
            description="Latest date the incident can have happened; equal to date_start when the day is known."
        ),
    ]
    date_precision: Annotated[
        DatePrecision,
        Field(
            description="How precisely the date is known; the span from date_start to date_end must agree (a day known to the hour may end the next day when the times cross midnight)."
        ),
    ]
    date_span: Annotated[
        DateSpan,
        Field(
            description="What the span from date_start to date_end means: when it happened is uncertain within it, or it lasted that long."
        ),
    ]
    time_start: Annotated[
        LocalTime | None,
        Field(
            description="Local time of the place when the incident began, HH:MM or HH:MM:SS, with an optional UTC offset (Z, +03:00); on date_start."
        ),
    ] = None
    time_end: Annotated[
        LocalTime | None,
        Field(
            description="Local time when it ended, on date_end; earlier than time_start only when date_end is the day after date_start (a night across midnight)."
        ),
    ] = None
    date_edtf: Annotated[
        str | None,
        Field(
            description="The date as an ISO 8601-2 EDTF string (e.g. 2024-02-27, 2023-10, 2024-01~, 2024-01/2024-02), when the sources state it so.",
            pattern=EDTF_PATTERN,
            max_length=64,
        ),
    ] = None
    location_name: Annotated[
        ShortText | None,
        Field(
            description="Name of the place (settlement, site or area) as commonly written in English."
        ),
    ] = None
    admin3: Annotated[
        ShortText | None,
        Field(description="Third-level administrative unit (hromada, sub-district), by name."),
    ] = None
    admin2: Annotated[
        ShortText | None,
        Field(description="Second-level administrative unit (district, raion), by name."),
    ] = None
    admin2_code: Annotated[
        SubdivisionCode | None,
        Field(
            description="ISO 3166-2 code of admin2, where ISO lists second-level units (e.g. FR-75C)."
        ),
    ] = None
    admin1: Annotated[
        ShortText | None,
        Field(description="First-level administrative unit (region, oblast, province), by name."),
    ] = None
    admin1_code: Annotated[
        SubdivisionCode | None,
        Field(
            description="ISO 3166-2 code of admin1, a subdivision of country (e.g. UA-65 for Kherson oblast)."
        ),
    ] = None
    country: Annotated[
        CountryCode | None,
        Field(
            description="ISO 3166-1 alpha-2 code of the country the place lies in de jure (XK for Kosovo; a formerly used code such as SU for an event before ISO withdrew it); empty for places outside any country's land and sea (e.g. the high seas or an exclusive economic zone)."
        ),
    ] = None
    jurisdictions: Annotated[
        list[CountryCode],
        Field(
            description="Every state whose territory or waters the site spans or straddles (a bridge across a border, a sea area in two exclusive economic zones), when more than country alone."
        ),
    ] = []
    maritime_zone: Annotated[
        MaritimeZone | None,
        Field(
            description="For a place at sea: the zone of the law of the sea it lies in; empty on land."
        ),
    ] = None
    latitude: Annotated[
        Latitude | None,
        Field(description="WGS 84 latitude in decimal degrees; give with longitude or not at all."),
    ] = None
    longitude: Annotated[
        Longitude | None,
        Field(description="WGS 84 longitude in decimal degrees; give with latitude or not at all."),
    ] = None
    geo_precision: Annotated[
        GeoPrecision | None,
        Field(
            description="How precisely the coordinates (or, without them, the place fields) locate the incident."
        ),
    ] = None
    controlled_by: Annotated[
        Identifier | None,
        References("actors"),
        Field(
            description="Actor id of who held the ground at the time, when that differs from or adds to the de jure country."
        ),
    ] = None
    killed_low: Annotated[
        Count | None,
        Field(description="Lowest reported number killed; empty = unknown, 0 = reported none."),
    ] = None
    killed_best: Annotated[
        Count | None,
        Field(
            description="Best estimate of the number killed; empty = unknown, 0 = reported none."
        ),
    ] = None
    killed_high: Annotated[
        Count | None,
        Field(description="Highest reported number killed; empty = unknown, 0 = reported none."),
    ] = None
    injured_low: Annotated[
        Count | None,
        Field(description="Lowest reported number injured; empty = unknown, 0 = reported none."),
    ] = None
    injured_best: Annotated[
        Count | None,
        Field(
            description="Best estimate of the number injured; empty = unknown, 0 = reported none."
        ),
    ] = None
    injured_high: Annotated[
        Count | None,
        Field(description="Highest reported number injured; empty = unknown, 0 = reported none."),
    ] = None
    attribution_status: Annotated[
        AttributionStatus,
        Field(
            description="How the standing accounts of who did it relate; derived from the claims and checked against them."
        ),
    ]
    responsibility_status: Annotated[
        ResponsibilityStatus,
        Field(
            description="Whether anyone claims to have done it; derived from the standing responsibility claims and checked against them."
        ),
    ]
    status: Annotated[
        IncidentStatus,
        Field(description="Whether the record stands; records are withdrawn, never deleted."),
    ]
    withdrawn_reason: Annotated[
        Text | None,
        Field(
            description="Why the record was withdrawn; required when status is withdrawn, empty otherwise."
        ),
    ] = None
    superseded_by: Annotated[
        Identifier | None,
        References("incidents"),
        Field(
            description="Id of the incident that replaces a withdrawn one (e.g. when two records were merged)."
        ),
    ] = None
    previous_ids: Annotated[
        list[Identifier],
        Field(
            description="Ids this incident had in earlier releases; never the current id of another incident."
        ),
    ] = []
    external_ids: Annotated[
        list[ExternalId],
        Field(
            description="The same incident's ids in other datasets as scheme:id (e.g. acled:UKR12345, ucdp-ged:512345, gtd:201101010001)."
        ),
    ] = []
    tags: Annotated[
        list[Tag], Field(description="Free keywords in lower case (letters, digits, '_' or '-').")
    ] = []
    source_ids: Annotated[
        SourceIds, Field(description="Ids of the sources that report the incident; at least one.")
    ]
    created: Annotated[
        Date | None,
        Field(
            description="When the record was first entered, as carried by the data (not stamped at release)."
        ),
    ] = None
    modified: Annotated[
        Date | None,
        Field(description="When the record last changed in substance, as carried by the data."),
    ] = None

    rules_table = "incidents"

    def _rule_breaches(self) -> Iterator[RuleBreach]:
        yield from super()._rule_breaches()
        breach = precision_breach(self.__dict__)
        if breach is not None:
            yield breach
