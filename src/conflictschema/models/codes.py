"""Every code list of the standard, as string enums whose codes carry descriptions.

Codes are lower-case names, never integers: a CSV cell reads ``car_bomb``, not
``7``, so a file is understandable without a lookup table and a renumbering can
never silently change meaning. Each code's description is the only source of the
text that the codebook and the generated schemas show for it.
"""

from __future__ import annotations

from enum import Enum


class CodeList(str, Enum):
    """A string enum whose members carry a human description, and may name a parent code.

    A parent is a broader code that the member narrows (``ied`` is a kind of
    ``explosive_charge``): two accounts that use a code and its ancestor say the same
    thing at different levels of detail, not different things.
    """

    description: str
    _parent: str | None

    def __new__(cls, value: str, description: str, parent: str | None = None) -> CodeList:
        member = str.__new__(cls, value)
        member._value_ = value
        member.description = description
        member._parent = parent
        return member

    @property
    def parent(self) -> str | None:
        """The broader code this one narrows, if any."""
        return self._parent

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def codes(cls) -> list[str]:
        return [member.value for member in cls]

    @classmethod
    def lineage(cls, code: str) -> list[str]:
        """The code and every broader code above it, nearest first."""
        by_code = {member.value: member for member in cls}
        chain = [code]
        parent = by_code[code].parent
        while parent is not None:
            chain.append(parent)
            parent = by_code[parent].parent
        return chain

    @classmethod
    def related_pairs(cls) -> list[tuple[str, str]]:
        """Every (code, other) where one is the other or lies above it: codes that agree."""
        pairs = set()
        for member in cls:
            for above in cls.lineage(member.value):
                pairs.add((member.value, above))
                pairs.add((above, member.value))
        return sorted(pairs)


class DatePrecision(CodeList):
    """How precisely the incident date is known; the date span must agree."""

    DAY = (
        "day",
        "Known to the day: date_start and date_end are the same day, or the next day when "
        "time_start and time_end show one night across midnight.",
    )
    WEEK = "week", "Known to within a week: date_end is one to six days after date_start."
    MONTH = "month", "Known to the month: date_start is its first day and date_end its last."
    YEAR = "year", "Known to the year: date_start is 1 January and date_end 31 December."
    APPROXIMATE_DAY = (
        "approximate_day",
        "Known to about a day (a source's approximate date, within a few days either way): "
        "date_start and date_end are that day, as for day.",
    )
    RANGE = (
        "range",
        "Known only to lie between date_start and date_end, a span that is not a calendar "
        "week, month or year (for example 'a few weeks before' a report).",
    )


class DateSpan(CodeList):
    """What the span from date_start to date_end means: uncertainty or duration."""

    UNCERTAIN = (
        "uncertain",
        "The incident happened at some time between date_start and date_end; date_precision "
        "says how wide that uncertainty is.",
    )
    DURATION = (
        "duration",
        "The incident lasted from date_start to date_end (a siege, a days-long battle); each "
        "end is known to the day, so date_precision is day or approximate_day.",
    )


class GeoPrecision(CodeList):
    """How precisely the coordinates (or, without them, the place fields) locate the incident."""

    EXACT = "exact", "The coordinates mark the incident's exact site."
    NEAR = "near", "The incident happened near the coordinates (within a few kilometres)."
    APPROXIMATE = (
        "approximate",
        "The incident happened within about 25 km of the coordinates.",
    )
    SETTLEMENT = "settlement", "The coordinates mark the settlement named in location_name."
    ADMIN2 = "admin2", "Only the second-level administrative unit (admin2) is known."
    ADMIN1 = "admin1", "Only the first-level administrative unit (admin1) is known."
    COUNTRY = "country", "Only the country is known."
    REGION = (
        "region",
        "A region or linear feature that is no administrative unit (a front line, a river, a "
        "road, a coast); the coordinates, if any, mark a point on or in it.",
    )
    SEVERAL_SITES = (
        "several_sites",
        "The incident took place at several sites; the coordinates, if any, mark one of them "
        "or their centre.",
    )
    AT_SEA = (
        "at_sea",
        "At sea, outside any land; maritime_zone says in whose waters, if known.",
    )


class MaritimeZone(CodeList):
    """The zone of the law of the sea (UNCLOS) a place at sea lies in."""

    INTERNAL_WATERS = "internal_waters", "Waters landward of a state's baselines (ports, bays)."
    TERRITORIAL_SEA = (
        "territorial_sea",
        "Within 12 nautical miles of a state's baselines: the state's sovereign waters.",
    )
    CONTIGUOUS_ZONE = (
        "contiguous_zone",
        "12 to 24 nautical miles from a state's baselines.",
    )
    EEZ = (
        "eez",
        "A state's exclusive economic zone, up to 200 nautical miles: its waters for resources, "
        "not its territory; jurisdictions names the state or states whose zones it lies in.",
    )
    HIGH_SEAS = "high_seas", "Beyond every state's exclusive economic zone."


class IncidentStatus(CodeList):
    """Whether an incident record stands; records are withdrawn, never deleted."""

    ACTIVE = "active", "The record stands."
    WITHDRAWN = (
        "withdrawn",
        "The record no longer stands (a duplicate, an error, a hoax); it keeps its id and "
        "states why in withdrawn_reason.",
    )


class AttributionStatus(CodeList):
    """How the standing accounts of who did it relate; derived from the claims."""

    UNATTRIBUTED = (
        "unattributed",
        "No standing claim names a perpetrator or disputes another claim.",
    )
    SINGLE_ACCOUNT = (
        "single_account",
        "Every standing claim that names a perpetrator or disputes a claim comes from one "
        "party (the root of its claimant's actors.parent chain).",
    )
    CONSISTENT = (
        "consistent",
        "Several parties' standing claims agree: the perpetrators they name are the same or "
        "belong to each other, and no method disagrees with another.",
    )
    CONTESTED = (
        "contested",
        "Several parties' standing claims disagree on the perpetrator or the method, a "
        "denial meets a claim naming a compatible actor, or a claim disputes another.",
    )


class ResponsibilityStatus(CodeList):
    """Whether anyone claims to have done it; derived from the standing responsibility claims."""

    UNCLAIMED = "unclaimed", "No standing responsibility claim."
    CLAIMED = (
        "claimed",
        "Responsibility is claimed by one party, or by several naming compatible perpetrators "
        "(a joint claim).",
    )
    COMPETING_CLAIMS = (
        "competing_claims",
        "Different parties claim responsibility, naming perpetrators that do not agree.",
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
    PRISONERS_OF_WAR = "prisoners_of_war", "Prisoners of war, held by a party to an armed conflict."
    DETAINEES = "detainees", "People detained or imprisoned who are not prisoners of war."
    DETENTION_FACILITY = (
        "detention_facility",
        "A prison, camp or other place where people are held, as a facility.",
    )
    RESIDENTIAL = "residential", "A residential building or the homes of a neighbourhood."
    HEALTHCARE = "healthcare", "A hospital, clinic or ambulance, or health workers."
    EDUCATION = "education", "A school or university, or its pupils, students or staff."
    HUMANITARIAN = (
        "humanitarian",
        "Humanitarian or aid workers, their convoys or premises.",
    )
    DISPLACEMENT_CAMP = (
        "displacement_camp",
        "A camp or shelter for refugees or internally displaced people.",
    )
    POLICE = "police", "Police officers, stations or vehicles."
    OTHER = "other", "None of the above; describe it in the description field."


class InfrastructureType(CodeList):
    """What kind of infrastructure a target of type infrastructure was."""

    DAM = "dam", "A dam, dyke or reservoir."
    BRIDGE = "bridge", "A road or rail bridge."
    PIPELINE = "pipeline", "A pipeline for gas, oil or water."
    RAILWAY = "railway", "Railway lines, stations or rolling stock."
    ROAD = "road", "A road, tunnel or checkpoint on it."
    POWER = "power", "Power plants, substations or power lines."
    WATER = "water", "Water supply or treatment."
    PORT = "port", "A seaport or river port."
    AIRPORT = "airport", "An airport or airfield."
    TELECOMMUNICATIONS = (
        "telecommunications",
        "Telecommunication lines, towers or undersea cables.",
    )
    FUEL = "fuel", "Fuel depots, refineries or storage."
    OTHER = "other", "Other infrastructure; say which in the description."


class ClaimType(CodeList):
    """What kind of statement a claim is."""

    RESPONSIBILITY_CLAIM = (
        "responsibility_claim",
        "'We did it': the claimant takes responsibility; attributed_to names the claimant, an "
        "actor above or below it (through actors.parent), and in a joint claim its partners.",
    )
    ATTRIBUTION = "attribution", "'They did it': the claimant blames other actors."
    DENIAL = (
        "denial",
        "'We did not': the claimant denies responsibility; attributed_to names the claimant, an "
        "actor above it or an actor below it (a ministry may deny for its forces).",
    )
    ASSESSMENT = (
        "assessment",
        "A finding by anyone (an investigator, a court, a journalist, a party): it may name "
        "perpetrators, name none, or reject other claims through disputes. Who made it is "
        "told by the claimant's actor kind.",
    )


_EXPLOSION = "explosion_unspecified"


class Method(CodeList):
    """What happened and how: an incident's event type, or how a claim says it was done.

    One code list serves both, so a claim's method can be compared with the event type.
    Each code may name a broader parent. Two claims' methods disagree only when neither
    is the other or above it, so "an explosion" agrees with "a missile strike", and
    ``unknown`` agrees with everything.
    """

    EXPLOSION_UNSPECIFIED = (
        _EXPLOSION,
        "An explosion whose cause the claim does not state; the parent of every explosive method.",
    )
    INDIRECT_FIRE = (
        "indirect_fire",
        "Shelling or missile fire from a distance, the weapon not stated (as in 'shelling, "
        "artillery or missile attack'); the parent of artillery and missile_strike.",
        _EXPLOSION,
    )
    MISSILE_STRIKE = "missile_strike", "A missile or rocket strike.", "indirect_fire"
    THERMOBARIC = (
        "thermobaric",
        "A thermobaric (fuel-air) missile or rocket.",
        "missile_strike",
    )
    DRONE_STRIKE = (
        "drone_strike",
        "An uncrewed aerial vehicle struck or dropped munitions.",
        _EXPLOSION,
    )
    AIR_STRIKE = (
        "air_strike",
        "Bombs or missiles dropped or fired by crewed aircraft.",
        _EXPLOSION,
    )
    ARTILLERY = "artillery", "Shelling: artillery or mortar fire.", "indirect_fire"
    GRENADE = "grenade", "A grenade, thrown or launched at close range.", _EXPLOSION
    LANDMINE = (
        "landmine",
        "A mine laid beforehand and set off by its victim or remotely.",
        _EXPLOSION,
    )
    EXPLOSIVE_CHARGE = (
        "explosive_charge",
        "An explosive charge placed by hand on site, by military demolition, divers, "
        "saboteurs or anyone else, improvised or not.",
        _EXPLOSION,
    )
    IED = "ied", "An improvised explosive device placed on site.", "explosive_charge"
    CAR_BOMB = "car_bomb", "An improvised explosive device in or under a vehicle.", "ied"
    SUICIDE_BOMBING = (
        "suicide_bombing",
        "An improvised explosive device set off by the person carrying it; a vehicle driven "
        "by its bomber is a car_bomb with the tag suicide.",
        "ied",
    )
    EXPLOSIVE_SABOTAGE = (
        "explosive_sabotage",
        "Deliberate sabotage with explosive charges placed on equipment or infrastructure "
        "(a pipeline, bridge or dam).",
        "explosive_charge",
    )
    CHEMICAL_WEAPON = "chemical_weapon", "A chemical weapon (a toxic gas or agent)."
    ARSON = "arson", "Deliberately set fire."
    SHOOTING = "shooting", "Firearms."
    ARMED_CLASH = (
        "armed_clash",
        "Fighting between armed parties, neither named as the attacker (a battle).",
    )
    ASSAULT = (
        "assault",
        "Physical violence with blunt or bladed weapons or none (beating, stabbing).",
    )
    SEXUAL_VIOLENCE = "sexual_violence", "Sexual violence."
    ABDUCTION = (
        "abduction",
        "People abducted, taken hostage or forcibly disappeared.",
    )
    ARREST = "arrest", "People arrested or detained by authorities."
    LOOTING = "looting", "Property looted or destroyed without explosives or fire."
    PROTEST = "protest", "A demonstration without violence by its participants."
    RIOT = "riot", "A violent demonstration or mob violence."
    POISONING = "poisoning", "Poison in food, drink or otherwise."
    SABOTAGE = (
        "sabotage",
        "Deliberate damage to equipment or infrastructure without explosives (cutting, "
        "tampering, a cyber attack); with explosives, explosive_sabotage.",
    )
    UNKNOWN = "unknown", "The claim does not say how; agrees with every method."
    OTHER = "other", "A method not covered by another code; say which in the statement."


class ParticipantRole(CodeList):
    """How an actor took part in an incident, as a source states it; no role is a claim."""

    SIDE_A = "side_a", "One side of a dyad (UCDP side A, ACLED actor 1); implies no direction."
    SIDE_B = "side_b", "The other side of a dyad (UCDP side B, ACLED actor 2)."
    INITIATOR = "initiator", "The side the source says started it, without a claim behind it."
    TARGET = "target", "The side the source says was targeted."
    ASSOCIATED = (
        "associated",
        "An actor the source associates with a side (ACLED's associated actors).",
    )
    ROLE_UNKNOWN = "role_unknown", "Took part; the source does not say how."


class CasualtyCategory(CodeList):
    """Whose casualties a casualty report counts."""

    ALL = "all", "Everyone, whoever they were."
    CIVILIANS = "civilians", "Civilians."
    COMBATANTS = "combatants", "Combatants of any side."
    SIDE_A = "side_a", "Side A's people (UCDP deaths_a); participants name the sides."
    SIDE_B = "side_b", "Side B's people (UCDP deaths_b)."
    PERPETRATORS = "perpetrators", "The attackers themselves (GTD nkillter)."
    PRISONERS = "prisoners", "Prisoners of war or detainees."
    UNKNOWN = "unknown", "People whose status the source does not give (UCDP deaths_unknown)."


class ZeroMeaning(CodeList):
    """What a 0 in a casualty report means, as its source defines it."""

    NONE = "none", "0 means the source reports none."
    NONE_OR_UNKNOWN = (
        "none_or_unknown",
        "0 means none or not known, and the source does not say which (ACLED fatalities).",
    )


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
    DATASET_RECORD = (
        "dataset_record",
        "A record in another dataset (an ACLED event, a UCDP GED event): the url or title "
        "names it, and the incident's external_ids carry its id.",
    )
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
    NGO = "ngo", "A non-governmental organisation."
    INTERNATIONAL_ORGANISATION = (
        "international_organisation",
        "An organisation of states or one of its bodies (a UN agency, a monitoring mission).",
    )
    GOVERNMENT_BODY = (
        "government_body",
        "A ministry, agency or other body of a government, below the state as a whole.",
    )
    JUDICIAL_BODY = "judicial_body", "A court, prosecutor or investigating judge."
    COMPANY = "company", "A business company."
    PRIVATE_MILITARY_COMPANY = (
        "private_military_company",
        "A company that provides armed or military services.",
    )
    GROUP = "group", "A group of people not covered by a more specific kind."
    INDIVIDUAL = "individual", "A single person."
    UNKNOWN = "unknown", "An actor whose identity is not known (for example 'unknown assailants')."
