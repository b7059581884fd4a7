"""The contested-incident record as Pydantic models: the single source of truth."""

from conflictschema.models.actor import Actor
from conflictschema.models.attribution import derive_attribution_status, derive_statuses
from conflictschema.models.casualties import CasualtyReport, NestedCasualtyReport
from conflictschema.models.claim import Claim, NestedClaim
from conflictschema.models.codes import (
    Access,
    ActorKind,
    AttributionStatus,
    CasualtyCategory,
    ClaimType,
    CodeList,
    Credibility,
    DatePrecision,
    DateSpan,
    GeoPrecision,
    IncidentStatus,
    InfrastructureType,
    MaritimeZone,
    Method,
    ParticipantRole,
    Reliability,
    ResponsibilityStatus,
    SourceType,
    TargetType,
    ZeroMeaning,
)
from conflictschema.models.columns import CHILD_TABLES, TABLE_MODELS, Column, columns
from conflictschema.models.dataset import Dataset, DatasetMetadata, IncidentRecord, License
from conflictschema.models.incident import Incident
from conflictschema.models.participant import NestedParticipant, Participant
from conflictschema.models.source import Source
from conflictschema.models.target import NestedTarget, Target

__all__ = [
    "CHILD_TABLES",
    "TABLE_MODELS",
    "Access",
    "Actor",
    "ActorKind",
    "AttributionStatus",
    "CasualtyCategory",
    "CasualtyReport",
    "Claim",
    "ClaimType",
    "CodeList",
    "Column",
    "Credibility",
    "Dataset",
    "DatasetMetadata",
    "DatePrecision",
    "DateSpan",
    "GeoPrecision",
    "Incident",
    "IncidentRecord",
    "IncidentStatus",
    "InfrastructureType",
    "License",
    "MaritimeZone",
    "Method",
    "NestedCasualtyReport",
    "NestedClaim",
    "NestedParticipant",
    "NestedTarget",
    "Participant",
    "ParticipantRole",
    "Reliability",
    "ResponsibilityStatus",
    "Source",
    "SourceType",
    "Target",
    "TargetType",
    "ZeroMeaning",
    "columns",
    "derive_attribution_status",
    "derive_statuses",
]
