"""Every code list of the standard, as string enums whose codes carry descriptions.

Codes are lower-case names, never integers: a CSV cell reads ``car_bomb``, not
``7``, so a file is understandable without a lookup table and a renumbering can
never silently change meaning. Each code's description is the only source of the
text that the codebook and the generated schemas show for it.
"""

from __future__ import annotations

from enum import Enum


class CodeList(str, Enum):
    """A string enum whose members carry a human description."""

    description: str

    def __new__(cls, value: str, description: str) -> CodeList:
        member = str.__new__(cls, value)
        member._value_ = value
        member.description = description
        return member

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def codes(cls) -> list[str]:
        return [member.value for member in cls]


class DatePrecision(CodeList):
    """How precisely the incident date is known; the date span must agree."""

    DAY = "day", "Known to the day: date_start and date_end are the same day."
    WEEK = "week", "Known to within a week: date_end is one to six days after date_start."
    MONTH = "month", "Known to the month: date_start is its first day and date_end its last."
    YEAR = "year", "Known to the year: date_start is 1 January and date_end 31 December."
    RANGE = (
        "range",
        "Known only to lie between date_start and date_end, a span that is not a calendar "
        "week, month or year (for example 'a few weeks before' a report).",
    )


class GeoPrecision(CodeList):
    """How precisely the coordinates place the incident."""

    EXACT = "exact", "The coordinates mark the incident's exact site."
    NEAR = "near", "The incident happened near the coordinates (within a few kilometres)."
    SETTLEMENT = "settlement", "The coordinates mark the settlement named in location_name."
    ADMIN2 = "admin2", "Only the second-level administrative unit (admin2) is known."
    ADMIN1 = "admin1", "Only the first-level administrative unit (admin1) is known."
    COUNTRY = "country", "Only the country is known."


class IncidentStatus(CodeList):
    """Whether an incident record stands; records are withdrawn, never deleted."""

    ACTIVE = "active", "The record stands."
    WITHDRAWN = (
        "withdrawn",
        "The record no longer stands (a duplicate, an error, a hoax); it keeps its id and "
        "states why in withdrawn_reason.",
    )


class AttributionStatus(CodeList):
    """How the accounts of who did it relate to each other; derived from the claims."""

    UNCLAIMED = "unclaimed", "No claim about the incident is recorded."
    SINGLE_ACCOUNT = "single_account", "All recorded claims come from one claimant."
    CONSISTENT = (
        "consistent",
        "Several claimants agree on the perpetrator and the method.",
    )
    CONTESTED = (
        "contested",
        "Claims disagree on the perpetrator or the method, or a denial meets a claim.",
    )


class TargetType(CodeList):
    """What was attacked."""

    PARTY_OFFICE = "party_office", "An office or building of a political party."
    PARTY_OFFICIAL = "party_official", "An official or functionary of a political party."
    GOVERNMENT_OFFICIAL = "government_official", "An official of a government or administration."
    MILITARY = "military", "Military personnel, units, bases or equipment."
    SECURITY_SERVICE = (
        "security_service",
        "Personnel or premises of a security or intelligence service.",
    )
    CIVILIAN = "civilian", "Civilians not otherwise covered by a more specific code."
    INFRASTRUCTURE = "infrastructure", "Transport, energy, water or communications infrastructure."
    POLLING_STATION = "polling_station", "A polling station or other election facility."
    VEHICLE = "vehicle", "A vehicle, when the vehicle itself was the target."
    MEDIA = "media", "Journalists, media outlets or their premises."
    RELIGIOUS = "religious", "A place of worship or religious figure."
    BUSINESS = "business", "A business or its premises."
    OTHER = "other", "None of the above; describe it in the description field."


class ClaimType(CodeList):
    """What kind of statement a claim is."""

    RESPONSIBILITY_CLAIM = (
        "responsibility_claim",
        "'We did it': the claimant takes responsibility; attributed_to is the claimant or a "
        "group it belongs to.",
    )
    ATTRIBUTION = "attribution", "'They did it': the claimant blames another actor."
    DENIAL = (
        "denial",
        "'We did not': the claimant denies responsibility; attributed_to is the claimant or a "
        "group it belongs to.",
    )
    ASSESSMENT = (
        "assessment",
        "An independent analyst's or journalist's judgement; attributed_to may be empty when "
        "the assessment names no perpetrator.",
    )


class Method(CodeList):
    """How the incident was carried out, as the claim states it."""

    DRONE_STRIKE = "drone_strike", "An uncrewed aerial vehicle struck or dropped munitions."
    MISSILE_STRIKE = "missile_strike", "A missile or rocket strike."
    ARTILLERY = "artillery", "Artillery or mortar fire."
    IED = "ied", "An improvised explosive device placed on site."
    CAR_BOMB = "car_bomb", "An explosive device in or under a vehicle."
    ARSON = "arson", "Deliberately set fire."
    SHOOTING = "shooting", "Firearms."
    POISONING = "poisoning", "Poison in food, drink or otherwise."
    SABOTAGE = "sabotage", "Deliberate damage to equipment or infrastructure without an explosion."
    EXPLOSION_UNSPECIFIED = (
        "explosion_unspecified",
        "An explosion whose cause the claim does not state.",
    )
    UNKNOWN = "unknown", "The claim does not say how."
    OTHER = "other", "A method not covered by another code; say which in the statement."


class Credibility(CodeList):
    """How credible the claim's information is (Admiralty information scale, as names)."""

    CONFIRMED = "confirmed", "Confirmed by other independent sources (Admiralty 1)."
    PROBABLY_TRUE = (
        "probably_true",
        "Not confirmed, but logical and consistent with other information (2).",
    )
    POSSIBLY_TRUE = (
        "possibly_true",
        "Not confirmed, reasonably logical, agrees with some information (3).",
    )
    DOUBTFUL = (
        "doubtful",
        "Not confirmed; possible but not logical, no other information on it (4).",
    )
    IMPROBABLE = "improbable", "Not confirmed, not logical, contradicted by other information (5)."
    CANNOT_BE_JUDGED = "cannot_be_judged", "No basis exists for judging the information (6)."


class SourceType(CodeList):
    """What kind of publication a source is."""

    NEWS_MEDIA = "news_media", "A news outlet's report."
    OFFICIAL_STATEMENT = (
        "official_statement",
        "A statement by a government, military or official body.",
    )
    CLAIMANT_CHANNEL = "claimant_channel", "A website, channel or account run by a claimant."
    SOCIAL_MEDIA = "social_media", "A post on social media by someone who is not a claimant."
    NGO_REPORT = "ngo_report", "A report by a non-governmental or international organisation."
    COURT_RECORD = "court_record", "A court record or judgement."
    OTHER = "other", "Any other kind of source."


class Reliability(CodeList):
    """How reliable the source has been (Admiralty source scale, as names)."""

    COMPLETELY_RELIABLE = (
        "completely_reliable",
        "No doubt of authenticity or competence (Admiralty A).",
    )
    USUALLY_RELIABLE = "usually_reliable", "Minor doubt; a history of mostly valid information (B)."
    FAIRLY_RELIABLE = "fairly_reliable", "Doubt; has provided valid information in the past (C)."
    NOT_USUALLY_RELIABLE = (
        "not_usually_reliable",
        "Significant doubt; valid information in the past (D).",
    )
    UNRELIABLE = (
        "unreliable",
        "Lacks authenticity or competence; a history of invalid information (E).",
    )
    CANNOT_BE_JUDGED = "cannot_be_judged", "No basis exists for judging the source (F)."


class Access(CodeList):
    """Who may see a source."""

    PUBLIC = "public", "The source may be published with the dataset."
    RESTRICTED = (
        "restricted",
        "The source stays in the working dataset; a public release keeps only its id and "
        "source_type.",
    )


class ActorKind(CodeList):
    """What kind of actor an actor is."""

    STATE = "state", "A state or its government as a whole."
    ARMED_FORCES = "armed_forces", "A state's armed forces or one of their units."
    SECURITY_SERVICE = "security_service", "A state's security, intelligence or police service."
    OCCUPATION_AUTHORITY = (
        "occupation_authority",
        "An administration installed by an occupying power.",
    )
    NON_STATE_ARMED_GROUP = "non_state_armed_group", "An armed group not part of a state's forces."
    RESISTANCE_MOVEMENT = "resistance_movement", "A movement resisting an occupation."
    POLITICAL_PARTY = "political_party", "A political party or one of its branches."
    MEDIA = "media", "A media outlet."
    NGO = "ngo", "A non-governmental or international organisation."
    INDIVIDUAL = "individual", "A single person."
    UNKNOWN = "unknown", "An actor whose identity is not known (for example 'unknown assailants')."
